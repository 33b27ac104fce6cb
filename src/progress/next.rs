//! What to work on next: this quarter's focus, the skills in progress, then
//! the first todo skills in roadmap order (those already started on their
//! checklist first). Done and skipped skills are never suggested.

use crate::content::{Roadmap, SkillRef};
use crate::progress::{RoadmapProgress, Status};

/// How many todo skills are suggested after the focus and those in progress.
pub const TODO_SUGGESTIONS: usize = 3;

/// One suggestion, and why it is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub skill: SkillRef,
    pub why: String,
}

/// The suggestions for `roadmap`, in order, each skill once.
pub fn next(roadmap: &Roadmap, progress: &RoadmapProgress) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> = Vec::new();
    let open = |status: Status| matches!(status, Status::Todo | Status::InProgress);
    if let Some(id) = progress.focus_skill()
        && open(progress.status(id))
        && let Some(at) = roadmap.find_skill(id)
    {
        out.push(Suggestion {
            skill: at,
            why: "this quarter's focus".into(),
        });
    }
    let fresh = |out: &Vec<Suggestion>, at: SkillRef| out.iter().all(|s| s.skill != at);
    for (at, skill) in roadmap.skills() {
        if progress.status(&skill.id) == Status::InProgress && fresh(&out, at) {
            out.push(Suggestion {
                skill: at,
                why: "in progress".into(),
            });
        }
    }
    let ticked = |id: &str| {
        let skill = roadmap.find_skill(id).map(|at| roadmap.skill(at));
        skill.map_or(0, |s| {
            s.items
                .iter()
                .filter(|i| progress.item_done(id, &i.id))
                .count()
        })
    };
    let mut todo: Vec<(SkillRef, usize, usize)> = roadmap
        .skills()
        .filter(|(at, skill)| progress.status(&skill.id) == Status::Todo && fresh(&out, *at))
        .map(|(at, skill)| (at, ticked(&skill.id), skill.items.len()))
        .collect();
    // Started on its checklist first; otherwise the roadmap's order.
    todo.sort_by_key(|(at, ticked, _)| (*ticked == 0, at.stage, at.skill));
    for (at, ticked, items) in todo.into_iter().take(TODO_SUGGESTIONS) {
        let why = if ticked > 0 {
            format!("todo, {ticked} of {items} items ticked")
        } else {
            "todo, next in the roadmap".to_string()
        };
        out.push(Suggestion { skill: at, why });
    }
    out
}
