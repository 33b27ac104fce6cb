//! Whole screens, drawn into ratatui's `TestBackend` and compared with
//! reviewed snapshots (tests/snapshots), at the sizes users have.

mod common;

use common::{app, app_with, press, screen, shipped};
use roadmap_tui::app::Action;
use roadmap_tui::progress::{RoadmapProgress, Status};
use roadmap_tui::time::Stamp;

const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (40, 12)];

fn snap(name: &str, keys: &str) {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        press(&mut app, keys);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&app));
    }
}

#[test]
fn roadmap_view_at_start() {
    snap("roadmap_start", "");
}

#[test]
fn roadmap_view_in_the_detail_pane() {
    snap("roadmap_detail", "\n\n");
}

#[test]
fn tips_view() {
    snap("tips", "2");
}

#[test]
fn staying_current_view() {
    snap("current", "3");
}

#[test]
fn staying_current_sorted_by_value_high_to_low() {
    snap("current_by_value_desc", "3vv");
}

#[test]
fn about_view() {
    snap("about", "4");
}

#[test]
fn help_overlay() {
    snap("help", "?");
}

#[test]
fn search_overlay_with_matches() {
    snap("search", "/test");
}

#[test]
fn journal_with_notes() {
    let mut progress = RoadmapProgress::default();
    progress.set_note(
        "fundamentals",
        "Dunder methods finally clicked.\nNext: descriptors.",
        common::fixed_now(),
    );
    progress.set_note(
        "read-code",
        "Read the requests source.",
        roadmap_tui::time::Stamp::from_unix(1_795_100_000),
    );
    progress.set_status("read-code", Status::InProgress, common::fixed_now());
    for (w, h) in SIZES {
        let mut app = app_with(shipped(), progress.clone(), w, h);
        press(&mut app, "5");
        insta::assert_snapshot!(format!("journal_{w}x{h}"), screen(&app));
    }
}

#[test]
fn progress_shows_in_markers_gauges_and_header() {
    let mut progress = RoadmapProgress::default();
    let now = common::fixed_now();
    progress.set_status("fundamentals", Status::Done, now);
    progress.set_status("tests-from-day-one", Status::InProgress, now);
    progress.set_status("version-control", Status::Skipped, now);
    progress.set_item("system-design", "rest-api-design-principles", true, now);
    progress.set_focus("system-design", now);
    progress.set_note("fundamentals", "A note.", now);
    let mut app = app_with(shipped(), progress, 120, 40);
    press(&mut app, "j\n");
    insta::assert_snapshot!("progress_120x40", screen(&app));
}

#[test]
fn too_small_terminal_says_so() {
    for (w, h) in [(29, 12), (40, 7), (12, 3)] {
        let mut app = app(w, h);
        app.update(Action::Resize(w, h), common::now());
        insta::assert_snapshot!(format!("too_small_{w}x{h}"), screen(&app));
    }
}

#[test]
fn every_title_of_the_shipped_roadmap_shows_in_full_at_120x40() {
    let roadmap = shipped();
    // With every marker a row can carry: the focus star, a note, item counts.
    let focused = roadmap
        .stages
        .iter()
        .flat_map(|s| &s.skills)
        .map(|s| Some(&s.id));
    for focus in std::iter::once(None).chain(focused) {
        let mut progress = RoadmapProgress::default();
        if let Some(id) = focus {
            progress.set_focus(id, common::fixed_now());
            for skill in roadmap.stages.iter().flat_map(|s| &s.skills) {
                progress.set_note(&skill.id, "a note", common::fixed_now());
                progress.set_status(&skill.id, Status::InProgress, common::fixed_now());
            }
        }
        every_title_in_full(&roadmap, &progress);
    }
}

fn every_title_in_full(roadmap: &roadmap_tui::content::Roadmap, progress: &RoadmapProgress) {
    for (stage_index, stage) in roadmap.stages.iter().enumerate() {
        let mut app = app_with(roadmap.clone(), progress.clone(), 120, 40);
        for _ in 0..stage_index {
            press(&mut app, "j");
        }
        let text = common::text(&app);
        // As the stages pane shows it (the skills pane's title has it too).
        assert!(
            text.contains(&format!("{}. {}", stage_index + 1, stage.title)),
            "stage title {:?} cut:\n{text}",
            stage.title
        );
        for skill in &stage.skills {
            assert!(
                text.contains(&skill.title),
                "skill title {:?} cut:\n{text}",
                skill.title
            );
        }
    }
}

#[test]
fn no_color_draws_without_colours_and_colour_mode_uses_them() {
    use ratatui::style::Color;
    let has_colour = |color: bool| {
        let mut app = common::app(120, 40);
        app.color = color;
        press(&mut app, "l ");
        let backend = screen(&app);
        let buf = backend.buffer();
        buf.content()
            .iter()
            .any(|c| c.fg != Color::Reset || c.bg != Color::Reset)
    };
    assert!(has_colour(true));
    assert!(!has_colour(false), "NO_COLOR: emphasis only");
}

/// A year of a learner's progress, made as the app and commands make it:
/// changes on days spread over the year, two skills done, a focus and an
/// earlier one, so the heatmap, streaks, chart and lists all have something.
fn a_year_of_progress() -> RoadmapProgress {
    let day = |n: i64| Stamp::from_unix(common::fixed_now().as_unix() - n * 24 * 60 * 60);
    let mut p = RoadmapProgress::default();
    p.set_focus("fundamentals", day(200));
    p.set_status("ecosystem", Status::InProgress, day(150));
    p.set_status("ecosystem", Status::Done, day(90));
    p.set_focus("read-code", day(60));
    p.set_status("read-code", Status::InProgress, day(59));
    for n in (0..300).filter(|n| n % 7 < 3 || n % 11 == 0) {
        p.set_note("read-code", &format!("day {n}"), day(n));
    }
    p.set_status("fundamentals", Status::Done, day(10));
    p.set_status("tests-from-day-one", Status::Done, day(1));
    p
}

#[test]
fn progress_view_at_three_sizes() {
    for (w, h) in SIZES {
        let mut app = app_with(shipped(), a_year_of_progress(), w, h);
        press(&mut app, "6");
        insta::assert_snapshot!(format!("progress_view_{w}x{h}"), screen(&app));
    }
}
