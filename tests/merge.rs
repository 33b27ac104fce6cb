//! Merging two copies of the progress: the rules a user relies on (the
//! later change wins, both texts of a note changed on both sides are kept,
//! an untick or a cleared note is a change), and properties: the order of
//! the sides never matters, merging is idempotent, and no note text that
//! either side wrote is lost.

use proptest::prelude::*;
use roadmap_tui::progress::merge::{self, MERGED_MARK};
use roadmap_tui::progress::{ProgressFile, RoadmapProgress, Status};
use roadmap_tui::time::Stamp;

fn at(secs: i64) -> Stamp {
    Stamp::from_unix(1_795_000_000 + secs)
}

fn three_way(
    base: &RoadmapProgress,
    ours: &RoadmapProgress,
    theirs: &RoadmapProgress,
) -> RoadmapProgress {
    let both = merge::roadmap(Some(base), ours, theirs);
    assert_eq!(
        both,
        merge::roadmap(Some(base), theirs, ours),
        "the order of the sides matters"
    );
    both
}

fn two_way(a: &RoadmapProgress, b: &RoadmapProgress) -> RoadmapProgress {
    let both = merge::roadmap(None, a, b);
    assert_eq!(
        both,
        merge::roadmap(None, b, a),
        "the order of the sides matters"
    );
    both
}

#[test]
fn changes_to_different_skills_never_conflict() {
    let mut base = RoadmapProgress::default();
    base.set_status("a", Status::InProgress, at(0));
    let mut ours = base.clone();
    ours.set_status("a", Status::Done, at(10));
    ours.set_item("b", "x", true, at(11));
    let mut theirs = base.clone();
    theirs.set_status("c", Status::Skipped, at(5));
    theirs.set_note("d", "from the laptop", at(6));
    theirs.set_focus("e", at(7));
    let merged = three_way(&base, &ours, &theirs);
    assert_eq!(merged.status("a"), Status::Done);
    assert!(merged.item_done("b", "x"));
    assert_eq!(merged.status("c"), Status::Skipped);
    assert_eq!(merged.note("d"), "from the laptop");
    assert_eq!(merged.focus_skill(), Some("e"));
    assert_eq!(merge::changes(&ours, &merged), 3);
}

#[test]
fn the_later_status_wins_whichever_side_it_is_on() {
    let base = RoadmapProgress::default();
    let mut ours = base.clone();
    ours.set_status("a", Status::Done, at(20));
    let mut theirs = base.clone();
    theirs.set_status("a", Status::Skipped, at(10));
    assert_eq!(three_way(&base, &ours, &theirs).status("a"), Status::Done);
    theirs.set_status("a", Status::InProgress, at(30));
    assert_eq!(
        three_way(&base, &ours, &theirs).status("a"),
        Status::InProgress
    );
}

#[test]
fn an_untick_is_a_dated_change_that_wins_over_an_older_tick() {
    let mut base = RoadmapProgress::default();
    base.set_item("a", "x", true, at(0));
    let mut ours = base.clone();
    ours.set_item("a", "x", false, at(10));
    // Theirs ticked it again, but earlier than our untick.
    let mut theirs = base.clone();
    theirs.set_item("a", "x", false, at(4));
    theirs.set_item("a", "x", true, at(5));
    assert!(!three_way(&base, &ours, &theirs).item_done("a", "x"));
    assert!(!two_way(&ours, &theirs).item_done("a", "x"));
}

#[test]
fn a_copy_written_by_someone_who_had_not_seen_our_change_does_not_undo_it() {
    // Another process read the file before our save and wrote after it:
    // its copy holds the old status, with the old time.
    let mut old = RoadmapProgress::default();
    old.set_status("a", Status::Todo, at(0));
    old.set_note("a", "first", at(0));
    let mut ours = old.clone();
    ours.set_status("a", Status::Done, at(10));
    ours.set_note("a", "first\nand more", at(10));
    let mut stale = old.clone();
    stale.set_status("b", Status::Done, at(12));
    // What we last wrote is the base; the stale copy is theirs.
    let merged = three_way(&ours, &ours, &stale);
    assert_eq!(merged.status("a"), Status::Done);
    assert_eq!(merged.note("a"), "first\nand more");
    assert_eq!(merged.status("b"), Status::Done);
}

#[test]
fn a_hand_edit_that_left_the_time_alone_is_taken() {
    let mut base = RoadmapProgress::default();
    base.set_status("a", Status::InProgress, at(0));
    let mut theirs = base.clone();
    theirs.skills.get_mut("a").unwrap().status = Status::Done;
    assert_eq!(three_way(&base, &base, &theirs).status("a"), Status::Done);
}

#[test]
fn a_note_changed_on_one_side_is_taken_as_it_is() {
    let mut base = RoadmapProgress::default();
    base.set_note("a", "draft thoughts", at(0));
    let mut theirs = base.clone();
    theirs.set_note("a", "better thoughts", at(10));
    let merged = three_way(&base, &base, &theirs);
    assert_eq!(merged.note("a"), "better thoughts");
    assert!(!merged.skill("a").unwrap().note_merged);
}

#[test]
fn a_note_changed_on_both_sides_keeps_both_texts_and_is_marked() {
    let mut base = RoadmapProgress::default();
    base.set_note("a", "start", at(0));
    let mut ours = base.clone();
    ours.set_note("a", "written here", at(20));
    let mut theirs = base.clone();
    theirs.set_note("a", "written on the laptop", at(10));
    let merged = three_way(&base, &ours, &theirs);
    let note = merged.note("a");
    assert!(note.starts_with("written here\n\n"), "{note}");
    assert!(
        note.contains(&format!(
            "{MERGED_MARK}, written {} ---\nwritten on the laptop",
            at(10)
        )),
        "{note}"
    );
    let skill = merged.skill("a").unwrap();
    assert!(skill.note_merged);
    assert_eq!(skill.note_changed, Some(at(20)));
    // Merging the result again changes nothing; the next edit unmarks it.
    assert_eq!(three_way(&merged, &merged, &theirs), merged);
    let mut edited = merged.clone();
    edited.set_note("a", "tidied up", at(30));
    assert!(!edited.skill("a").unwrap().note_merged);
}

#[test]
fn a_cleared_note_is_a_change_not_a_missing_entry() {
    let mut base = RoadmapProgress::default();
    base.set_note("a", "old idea", at(0));
    let mut ours = base.clone();
    ours.set_note("a", "", at(10));
    let merged = three_way(&base, &ours, &base);
    assert_eq!(merged.note("a"), "");
    // Two copies without a base: the later word wins.
    assert_eq!(two_way(&ours, &base).note("a"), "");
    // But a text written on the other side since is never dropped.
    let mut theirs = base.clone();
    theirs.set_note("a", "new idea", at(5));
    assert_eq!(three_way(&base, &ours, &theirs).note("a"), "new idea");
}

#[test]
fn a_later_focus_wins_and_every_past_focus_is_kept() {
    let mut base = RoadmapProgress::default();
    base.set_focus("a", at(0));
    let mut ours = base.clone();
    ours.clear_focus(at(10));
    let mut theirs = base.clone();
    theirs.set_focus("b", at(20));
    let merged = three_way(&base, &ours, &theirs);
    assert_eq!(merged.focus_skill(), Some("b"));
    // "a" ended at 10 here and at 20 there: it ended the first time.
    assert_eq!(merged.focus_history.len(), 1);
    assert_eq!(merged.focus_history[0].until, at(10));
    // Ended later than the other side set one: no focus.
    ours.set_focus("c", at(25));
    ours.clear_focus(at(30));
    let merged = three_way(&base, &ours, &theirs);
    assert_eq!(merged.focus_skill(), None);
    assert_eq!(merged.focus_history.len(), 2);
}

#[test]
fn a_used_draft_goes_and_a_new_one_stays() {
    let mut base = RoadmapProgress::default();
    base.set_draft("a", "half a thought", at(0));
    let mut ours = base.clone();
    ours.set_note("a", "the whole thought", at(10));
    let merged = three_way(&base, &ours, &base);
    assert_eq!(merged.drafts().count(), 0);
    let mut theirs = base.clone();
    theirs.set_draft("b", "elsewhere", at(5));
    let merged = three_way(&base, &ours, &theirs);
    assert_eq!(merged.drafts().map(|(id, _)| id).collect::<Vec<_>>(), ["b"]);
}

#[test]
fn links_added_on_either_side_are_kept_and_a_later_removal_wins() {
    let mut base = RoadmapProgress::default();
    base.add_evidence("a", "https://example.com/pr/1", Some("first PR"), at(0));
    let mut ours = base.clone();
    ours.add_evidence("a", "/home/me/talk.pdf", None, at(5));
    let mut theirs = base.clone();
    theirs.remove_evidence("a", "https://example.com/pr/1", at(10));
    theirs.add_evidence("a", "https://example.com/post", Some("write-up"), at(3));
    let merged = three_way(&base, &ours, &theirs);
    let urls: Vec<&str> = merged.evidence("a").map(|e| e.url.as_str()).collect();
    assert_eq!(urls, ["https://example.com/post", "/home/me/talk.pdf"]);
    // Removed here too, then added again later than the removal: back.
    ours.remove_evidence("a", "https://example.com/pr/1", at(15));
    ours.add_evidence("a", "https://example.com/pr/1", Some("first PR"), at(20));
    let merged = three_way(&base, &ours, &theirs);
    assert_eq!(merged.evidence("a").count(), 3);
}

#[test]
fn files_merge_roadmap_by_roadmap() {
    let mut ours = ProgressFile::default();
    let mut mine = RoadmapProgress::default();
    mine.set_status("a", Status::Done, at(0));
    ours.roadmaps.insert("one".into(), mine);
    let mut theirs = ProgressFile::default();
    let mut other = RoadmapProgress::default();
    other.set_status("a", Status::Skipped, at(0));
    theirs.roadmaps.insert("two".into(), other);
    let merged = merge::files(None, &ours, &theirs);
    assert_eq!(merged.roadmaps["one"].status("a"), Status::Done);
    assert_eq!(merged.roadmaps["two"].status("a"), Status::Skipped);
}

// Properties, over a few skills, items and texts so that sides collide.

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("alpha".to_string()),
        Just("alpha\nbeta".to_string()),
        Just("gamma".to_string()),
        Just("line one\n\nline three".to_string()),
    ]
}

#[derive(Debug, Clone)]
enum Change {
    Status(usize, Status),
    Item(usize, usize, bool),
    Note(usize, String),
    Draft(usize, String),
    Link(usize, usize, bool),
    Review(usize, usize),
    Focus(usize),
    EndFocus,
}

fn change() -> impl Strategy<Value = Change> {
    let status = prop::sample::select(Status::ALL.to_vec());
    prop_oneof![
        (0..3usize, status).prop_map(|(s, st)| Change::Status(s, st)),
        (0..3usize, 0..2usize, any::<bool>()).prop_map(|(s, i, d)| Change::Item(s, i, d)),
        (0..3usize, text()).prop_map(|(s, t)| Change::Note(s, t)),
        (0..3usize, text()).prop_map(|(s, t)| Change::Draft(s, t)),
        (0..3usize, 0..2usize, any::<bool>()).prop_map(|(s, l, add)| Change::Link(s, l, add)),
        (0..3usize, 0..4usize).prop_map(|(s, r)| Change::Review(s, r)),
        (0..3usize).prop_map(Change::Focus),
        Just(Change::EndFocus),
    ]
}

/// Progress as the app makes it: changes applied in order, at times drawn
/// from a small range so that sides often change at the same second.
fn apply(mut p: RoadmapProgress, changes: &[(Change, i64)]) -> RoadmapProgress {
    for (change, t) in changes {
        let now = at(*t);
        let id = |s: &usize| format!("s{s}");
        match change {
            Change::Status(s, status) => {
                p.set_status(&id(s), *status, now);
            }
            Change::Item(s, i, done) => {
                p.set_item(&id(s), &format!("i{i}"), *done, now);
            }
            Change::Note(s, text) => {
                p.set_note(&id(s), text, now);
            }
            Change::Draft(s, text) => p.set_draft(&id(s), text, now),
            Change::Link(s, l, add) => {
                let url = format!("https://example.com/{l}");
                if *add {
                    p.add_evidence(&id(s), &url, None, now);
                } else {
                    p.remove_evidence(&id(s), &url, now);
                }
            }
            Change::Review(s, r) => {
                let rating = roadmap_tui::progress::review::Rating::ALL[*r];
                let _ = p.review(&id(s), rating, now);
            }
            Change::Focus(s) => {
                p.set_focus(&id(s), now);
            }
            Change::EndFocus => {
                p.clear_focus(now);
            }
        }
    }
    p
}

fn changes() -> impl Strategy<Value = Vec<(Change, i64)>> {
    proptest::collection::vec((change(), 0..20i64), 0..8)
}

/// Every text in `note`, as a user would look for it.
fn holds(note: &str, text: &str) -> bool {
    text.is_empty() || note.contains(text)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(512)
    ))]

    #[test]
    fn three_way_merges_do_not_depend_on_the_order_and_lose_no_text(
        start in changes(), mine in changes(), other in changes(),
    ) {
        let base = apply(RoadmapProgress::default(), &start);
        let ours = apply(base.clone(), &mine);
        let theirs = apply(base.clone(), &other);
        let merged = merge::roadmap(Some(&base), &ours, &theirs);
        prop_assert_eq!(&merged, &merge::roadmap(Some(&base), &theirs, &ours));
        // Merging again with either side changes nothing.
        prop_assert_eq!(&merge::roadmap(Some(&theirs), &merged, &theirs), &merged);
        prop_assert_eq!(&merge::roadmap(Some(&ours), &ours, &merged), &merged);
        for side in [&ours, &theirs] {
            for (id, skill) in &side.skills {
                // A text one side wrote since the base is in the result,
                // unless the other side cleared the note later.
                if skill.note != base.note(id) {
                    prop_assert!(holds(merged.note(id), &skill.note),
                        "{:?} lost from {:?}", skill.note, merged.note(id));
                }
            }
        }
    }

    #[test]
    fn two_way_merges_are_idempotent_and_do_not_depend_on_the_order(
        a in changes(), b in changes(), c in changes(),
    ) {
        let (a, b, c) = (
            apply(RoadmapProgress::default(), &a),
            apply(RoadmapProgress::default(), &b),
            apply(RoadmapProgress::default(), &c),
        );
        let ab = merge::roadmap(None, &a, &b);
        prop_assert_eq!(&ab, &merge::roadmap(None, &b, &a));
        prop_assert_eq!(&merge::roadmap(None, &ab, &ab), &ab);
        prop_assert_eq!(&merge::roadmap(None, &ab, &a), &ab);
        // Statuses, ticks and the focus merge the same in any grouping.
        let left = merge::roadmap(None, &ab, &c);
        let right = merge::roadmap(None, &a, &merge::roadmap(None, &b, &c));
        prop_assert_eq!(&left.focus, &right.focus);
        for id in left.skills.keys().chain(right.skills.keys()) {
            prop_assert_eq!(left.status(id), right.status(id));
            let links = |p: &RoadmapProgress| p.evidence(id).map(|e| e.url.clone()).collect::<Vec<_>>();
            prop_assert_eq!(links(&left), links(&right));
            for i in ["i0", "i1"] {
                prop_assert_eq!(left.item_done(id, i), right.item_done(id, i));
            }
        }
    }
}
