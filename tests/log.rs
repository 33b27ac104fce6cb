//! The activity log: every change kept with its time, bounded, merged with
//! the rest, and shown by `roadmap log`.

mod common;

use common::cli::roadmap;
use roadmap_tui::progress::log::LOG_LIMIT;
use roadmap_tui::progress::merge;
use roadmap_tui::progress::{RoadmapProgress, Status};
use roadmap_tui::time::Stamp;

fn at(secs: i64) -> Stamp {
    Stamp::from_unix(1_795_000_000 + secs)
}

#[test]
fn every_kind_of_change_is_logged_with_its_time() {
    let mut p = RoadmapProgress::default();
    p.set_status("a", Status::InProgress, at(1));
    p.set_item("a", "x", true, at(2));
    p.set_item("a", "x", false, at(3));
    p.set_note("a", "thoughts", at(4));
    p.add_evidence("a", "https://example.com/pr", None, at(5));
    p.remove_evidence("a", "https://example.com/pr", at(6));
    p.set_focus("a", at(7));
    p.clear_focus(at(8));
    // Nothing that changes nothing is logged.
    p.set_status("a", Status::InProgress, at(9));
    p.set_draft("a", "half", at(10));
    let kinds: Vec<(&str, String)> = p
        .log
        .iter()
        .map(|e| (e.kind.as_str(), e.describe()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("status", "todo → in-progress".to_string()),
            ("tick", "ticked x".to_string()),
            ("untick", "unticked x".to_string()),
            ("note", "wrote the note".to_string()),
            ("link", "linked https://example.com/pr".to_string()),
            ("unlink", "unlinked https://example.com/pr".to_string()),
            ("focus", "made it this quarter's focus".to_string()),
            ("unfocus", "ended the focus".to_string()),
        ]
    );
    assert!(p.log.iter().zip(1..).all(|(e, t)| e.at == at(t)));
}

#[test]
fn the_log_stays_bounded_keeping_the_newest_and_merges_both_sides() {
    let mut p = RoadmapProgress::default();
    for n in 0..(LOG_LIMIT as i64 + 50) {
        let status = if n % 2 == 0 {
            Status::Done
        } else {
            Status::Todo
        };
        p.set_status("a", status, at(n));
    }
    assert_eq!(p.log.len(), LOG_LIMIT);
    assert_eq!(p.log.last().unwrap().at, at(LOG_LIMIT as i64 + 49));
    assert_eq!(p.log.first().unwrap().at, at(50));

    let mut ours = RoadmapProgress::default();
    ours.set_status("a", Status::Done, at(1));
    let mut theirs = RoadmapProgress::default();
    theirs.set_note("b", "laptop", at(2));
    let merged = merge::roadmap(None, &ours, &theirs);
    let kinds: Vec<&str> = merged.log.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["status", "note"]);
    assert_eq!(
        merge::roadmap(None, &merged, &theirs).log,
        merged.log,
        "once each"
    );
}

#[test]
fn roadmap_log_shows_changes_newest_first_since_a_date_and_as_json() {
    let data = tempfile::tempdir().unwrap();
    // Written as a person or another machine would, with old dates.
    std::fs::write(
        data.path().join("progress.toml"),
        "version = 1\n[roadmaps.beyond-syntax]\nlog = [\n  { at = \"2026-01-01T10:00:00Z\", skill = \"fundamentals\", kind = \"status\", from = \"todo\", to = \"in-progress\" },\n  { at = \"2026-02-01T10:00:00Z\", skill = \"fundamentals\", kind = \"tick\", item = \"data-model\" },\n]\n",
    )
    .unwrap();
    assert_eq!(roadmap(data.path(), &["done", "ecosystem"]).code, 0);
    let run = roadmap(data.path(), &["log"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert!(
        lines[0].contains("ecosystem") && lines[0].ends_with("todo → done"),
        "{lines:?}"
    );
    assert!(lines[1].contains("ticked data-model"), "{lines:?}");
    assert!(lines[2].starts_with("2026-01-01"), "{lines:?}");

    let since = roadmap(data.path(), &["log", "--since", "2026-01-15"]);
    assert_eq!(since.stdout.lines().count(), 2, "{}", since.stdout);

    let json = roadmap(data.path(), &["log", "--json"]).stdout;
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc[0]["skill"], "ecosystem");
    assert_eq!(doc[0]["kind"], "status");
    assert_eq!(doc[0]["from"], "todo");
    assert_eq!(doc[0]["to"], "done");
    assert_eq!(doc[1]["item"], "data-model");
    assert_eq!(doc[2]["at"], "2026-01-01T10:00:00Z");

    let bad = roadmap(data.path(), &["log", "--since", "last week"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("--since"), "{}", bad.stderr);
}
