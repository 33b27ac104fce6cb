//! Incremental search over stage, skill, item, tip and strategy text.

use crate::content::{Roadmap, SkillRef};

/// Most hits kept; the count shown says when there were more.
pub const MAX_HITS: usize = 500;

/// What a hit points at, and so where Enter jumps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Stage(usize),
    Skill(SkillRef),
    Item(SkillRef, usize),
    Tip(usize),
    Strategy(usize),
}

impl Target {
    pub fn kind(self) -> &'static str {
        match self {
            Target::Stage(_) => "stage",
            Target::Skill(_) => "skill",
            Target::Item(..) => "item",
            Target::Tip(_) => "tip",
            Target::Strategy(_) => "strategy",
        }
    }
}

struct Entry {
    target: Target,
    /// Lowercased searchable text.
    haystack: String,
}

/// Every searchable text of a roadmap, lowercased once.
pub struct SearchIndex {
    entries: Vec<Entry>,
}

impl SearchIndex {
    pub fn new(roadmap: &Roadmap) -> Self {
        let mut entries = Vec::new();
        let mut push = |target, parts: &[&str]| {
            entries.push(Entry {
                target,
                haystack: parts.join("\n").to_lowercase(),
            });
        };
        for (si, stage) in roadmap.stages.iter().enumerate() {
            let summary = stage.summary.as_deref().unwrap_or_default();
            push(Target::Stage(si), &[&stage.title, summary]);
        }
        for (at, skill) in roadmap.skills() {
            push(
                Target::Skill(at),
                &[&skill.title, skill.body.as_deref().unwrap_or_default()],
            );
            for (ii, item) in skill.items.iter().enumerate() {
                push(Target::Item(at, ii), &[&item.text]);
            }
        }
        for (i, tip) in roadmap.tips.iter().enumerate() {
            push(Target::Tip(i), &[&tip.title, &tip.body]);
        }
        for (i, s) in roadmap.strategies.iter().enumerate() {
            let note = s.note.as_deref().unwrap_or_default();
            push(Target::Strategy(i), &[&s.name, &s.time, &s.value, note]);
        }
        SearchIndex { entries }
    }

    fn matches(&self, entry: usize, words: &[String]) -> bool {
        let hay = &self.entries[entry].haystack;
        words.iter().all(|w| hay.contains(w.as_str()))
    }

    pub fn target(&self, entry: usize) -> Target {
        self.entries[entry].target
    }
}

/// The open search: query, hits (entry indices, in roadmap order) and the picked hit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    pub hits: Vec<usize>,
    /// More hits than [`MAX_HITS`] matched.
    pub truncated: bool,
    pub selected: usize,
    pub offset: usize,
    /// The query the hits were computed for.
    searched: String,
}

impl Search {
    /// Recomputes hits after the query changed, narrowing the previous hits
    /// when the query only grew.
    pub fn refresh(&mut self, index: &SearchIndex) {
        let query = self.query.to_lowercase();
        let words: Vec<String> = query.split_whitespace().map(str::to_string).collect();
        if words.is_empty() {
            self.hits.clear();
            self.truncated = false;
        } else if query.starts_with(&self.searched) && !self.searched.is_empty() && !self.truncated
        {
            self.hits.retain(|&e| index.matches(e, &words));
        } else {
            self.hits.clear();
            self.truncated = false;
            for e in 0..index.entries.len() {
                if index.matches(e, &words) {
                    if self.hits.len() == MAX_HITS {
                        self.truncated = true;
                        break;
                    }
                    self.hits.push(e);
                }
            }
        }
        self.searched = query;
        self.selected = 0;
        self.offset = 0;
    }

    pub fn selected_target(&self, index: &SearchIndex) -> Option<Target> {
        self.hits.get(self.selected).map(|&e| index.target(e))
    }
}
