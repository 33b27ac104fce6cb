//! What next: the focus if not done, the skills in progress, then the first
//! todo skills in roadmap order (those with ticked items first); done and
//! skipped skills never. From the model and from `roadmap next`.

mod common;

use common::cli::roadmap;
use common::shipped;
use roadmap_tui::progress::next::{TODO_SUGGESTIONS, next};
use roadmap_tui::progress::{RoadmapProgress, Status};

fn ids(progress: &RoadmapProgress) -> Vec<String> {
    let roadmap = shipped();
    next(&roadmap, progress)
        .into_iter()
        .map(|s| roadmap.skill(s.skill).id.clone())
        .collect()
}

#[test]
fn the_focus_then_in_progress_then_todo_with_ticks_first() {
    let now = common::fixed_now();
    let mut p = RoadmapProgress::default();
    p.set_status("fundamentals", Status::Done, now);
    p.set_status("tests-from-day-one", Status::Skipped, now);
    p.set_status("read-code", Status::InProgress, now);
    p.set_status("ecosystem", Status::InProgress, now);
    p.set_focus("communication", now);
    // A todo skill late in the roadmap, with an item ticked: before the others.
    let roadmap = shipped();
    let design = roadmap
        .skill(roadmap.find_skill("system-design").unwrap())
        .clone();
    p.set_item("system-design", &design.items[0].id, true, now);
    let got = ids(&p);
    assert_eq!(got[0], "communication");
    assert_eq!(
        got[1..3],
        ["ecosystem", "read-code"],
        "in progress, in roadmap order"
    );
    assert_eq!(got[3], "system-design", "ticked items first: {got:?}");
    assert_eq!(
        got[4], "version-control",
        "then the roadmap's order: {got:?}"
    );
    assert_eq!(got.len(), 3 + TODO_SUGGESTIONS);
    for never in ["fundamentals", "tests-from-day-one"] {
        assert!(!got.contains(&never.to_string()), "{never} in {got:?}");
    }
    // A focus that is done is not suggested; each skill comes once.
    p.set_status("communication", Status::Done, now);
    let got = ids(&p);
    assert!(!got.contains(&"communication".to_string()));
    p.set_status("communication", Status::InProgress, now);
    let got = ids(&p);
    assert_eq!(got.iter().filter(|id| *id == "communication").count(), 1);
}

#[test]
fn roadmap_next_prints_tab_separated_lines_and_json() {
    let data = tempfile::tempdir().unwrap();
    assert_eq!(roadmap(data.path(), &["start", "ecosystem"]).code, 0);
    let run = roadmap(data.path(), &["next"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let first: Vec<&str> = run.stdout.lines().next().unwrap().split('\t').collect();
    assert_eq!(
        first,
        ["ecosystem", "Understand the Ecosystem", "in progress"]
    );
    assert_eq!(run.stdout.lines().count(), 1 + TODO_SUGGESTIONS);
    let json = roadmap(data.path(), &["next", "--json"]).stdout;
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc[0]["id"], "ecosystem");
    assert_eq!(doc[0]["why"], "in progress");
    assert_eq!(doc[1]["id"], "fundamentals");
}
