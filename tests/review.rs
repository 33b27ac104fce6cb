//! Spaced review: a done skill comes up three days later (never the same
//! day), then further along a fixed ladder by each rating; from the model
//! and from `roadmap review`.

mod common;

use common::cli::roadmap;
use roadmap_tui::progress::review::{LADDER_DAYS, Rating};
use roadmap_tui::progress::{RoadmapProgress, Status, merge};
use roadmap_tui::time::Stamp;

const DAY: i64 = 24 * 60 * 60;

fn day(n: i64) -> Stamp {
    Stamp::from_unix(1_795_000_000 + n * DAY)
}

#[test]
fn a_done_skill_is_due_three_days_later_and_climbs_the_ladder_by_rating() {
    let mut p = RoadmapProgress::default();
    p.set_status("a", Status::Done, day(0));
    assert!(
        p.reviews_due(day(0)).is_empty(),
        "never due on the day it was done"
    );
    assert!(p.reviews_due(day(2)).is_empty());
    assert_eq!(p.reviews_due(day(3)), [("a", day(3))]);

    let review = p.review("a", Rating::Good, day(3)).unwrap();
    assert_eq!(review.due, day(3 + LADDER_DAYS[2]));
    let review = p.review("a", Rating::Easy, review.due).unwrap();
    assert_eq!(review.due, day(3 + 7 + LADDER_DAYS[4]));
    let review = p.review("a", Rating::Hard, review.due).unwrap();
    assert_eq!(review.rung, 4, "hard stays on its rung");
    let review = p.review("a", Rating::Again, review.due).unwrap();
    assert_eq!(review.rung, 0);
    assert_eq!(review.due, day(3 + 7 + 30 + 30 + 1), "again: tomorrow");
    let kinds: Vec<String> = p
        .log
        .iter()
        .filter(|e| e.kind == "review")
        .map(roadmap_tui::progress::log::LogEntry::describe)
        .collect();
    assert_eq!(kinds[0], "reviewed it: good");

    // Done again later: the ladder starts again.
    p.set_status("a", Status::InProgress, day(100));
    assert!(p.reviews_due(day(1000)).is_empty(), "only done skills");
    p.set_status("a", Status::Done, day(101));
    assert_eq!(p.reviews_due(day(200)), [("a", day(104))]);
    assert!(p.review("b", Rating::Good, day(1)).is_err(), "not done");
}

#[test]
fn the_later_review_wins_a_merge() {
    let mut base = RoadmapProgress::default();
    base.set_status("a", Status::Done, day(0));
    let mut ours = base.clone();
    ours.review("a", Rating::Easy, day(3)).unwrap();
    let mut theirs = base.clone();
    theirs.review("a", Rating::Again, day(5)).unwrap();
    let merged = merge::roadmap(Some(&base), &ours, &theirs);
    assert_eq!(
        merged.skill("a").unwrap().review,
        theirs.skill("a").unwrap().review
    );
    assert_eq!(merged.log.iter().filter(|e| e.kind == "review").count(), 2);
}

#[test]
fn roadmap_review_lists_what_is_due_and_records_a_rating() {
    let data = tempfile::tempdir().unwrap();
    // Done long ago, by hand: due now.
    std::fs::write(
        data.path().join("progress.toml"),
        "version = 1\n[roadmaps.beyond-syntax.skills.fundamentals]\nstatus = \"done\"\nchanged = 2026-01-01\n",
    )
    .unwrap();
    assert_eq!(roadmap(data.path(), &["done", "ecosystem"]).code, 0);
    let run = roadmap(data.path(), &["review"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout, "2026-01-04\tfundamentals\tMaster the Fundamentals\n",
        "done today is not due today"
    );
    let later = roadmap(data.path(), &["review", "--until", "2099-01-01", "--json"]).stdout;
    let doc: serde_json::Value = serde_json::from_str(&later).unwrap();
    assert_eq!(doc[0]["skill"], "fundamentals");
    assert_eq!(doc[0]["title"], "Master the Fundamentals");
    assert_eq!(doc[0]["due"], "2026-01-04T12:00:00Z");
    assert_eq!(doc[1]["skill"], "ecosystem");

    let rated = roadmap(data.path(), &["review", "fundamentals", "--rate", "good"]);
    assert_eq!(rated.code, 0, "{}", rated.stderr);
    assert!(rated.stdout.contains("next review"), "{}", rated.stdout);
    assert_eq!(roadmap(data.path(), &["review"]).stdout, "");
    let log = roadmap(data.path(), &["log"]).stdout;
    assert!(log.contains("reviewed it: good"), "{log}");

    for (args, says) in [
        (
            &["review", "fundamentals", "--rate", "great"][..],
            "again, hard, good or easy",
        ),
        (&["review", "fundamentals"][..], "--rate"),
        (
            &["review", "version-control", "--rate", "good"][..],
            "not done",
        ),
        (&["review", "--until", "someday"][..], "--until"),
    ] {
        let run = roadmap(data.path(), args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn r_in_the_app_opens_the_note_then_asks_for_the_rating() {
    use common::{app_with, press, shipped};
    use roadmap_tui::app::{Effect, Overlay};
    let mut p = RoadmapProgress::default();
    p.set_status("fundamentals", Status::Done, Stamp::from_unix(0));
    p.set_note("fundamentals", "the data model", Stamp::from_unix(0));
    let mut app = app_with(shipped(), p, 120, 40);
    // On a todo skill, r does nothing.
    press(&mut app, "\tjr");
    assert!(app.ui.overlay.is_none());
    press(&mut app, "6");
    let text = common::text(&app);
    assert!(text.contains("Reviews due"), "{text}");
    assert!(
        text.contains("Master the Fundamentals · due 1970-01-04"),
        "{text}"
    );
    press(&mut app, "r");
    let Some(Overlay::Editor(editor)) = &app.ui.overlay else {
        panic!("the note opens first");
    };
    assert_eq!(editor.text(), "the data model\n", "a fresh line to add to");
    press(&mut app, "and dunder methods\x1b");
    assert!(common::text(&app).contains("How well could you explain"));
    let effects = app.update(roadmap_tui::app::Action::Rate(Rating::Good), common::now());
    assert_eq!(effects, [Effect::Save]);
    assert_eq!(
        app.progress.note("fundamentals"),
        "the data model\nand dunder methods"
    );
    let review = app
        .progress
        .skill("fundamentals")
        .unwrap()
        .review
        .clone()
        .unwrap();
    assert_eq!(review.rung, 2);
    assert!(common::text(&app).contains("Reviewed (good): next review"));
    assert!(
        common::text(&app).contains("None today."),
        "{}",
        common::text(&app)
    );
    // Esc at the question records no review.
    press(&mut app, "1kr\x1b\x1b");
    assert!(common::text(&app).contains("No review recorded."));
    assert_eq!(
        app.progress.skill("fundamentals").unwrap().review,
        Some(review)
    );
}
