//! A new user's first ten minutes: the help explains the app before its
//! keys and is never cut off, F1 opens it too, the footer always says how
//! to quit, Space opens a stage, and an existing note opens on a fresh line.

mod common;

use common::{app, app_with, press, shipped};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use roadmap_tui::app::keymap::{HELP_INTRO, HelpLine, Keymap, help_lines, help_sections};
use roadmap_tui::app::{Overlay, Pane, View};
use roadmap_tui::progress::RoadmapProgress;

#[test]
fn f1_opens_and_closes_the_help_like_question_mark() {
    let mut app = app(120, 40);
    let f1 = KeyEvent::new(KeyCode::F(1), KeyModifiers::NONE);
    common::key(&mut app, f1);
    assert!(matches!(app.ui.overlay, Some(Overlay::Help { .. })));
    common::key(&mut app, f1);
    assert!(app.ui.overlay.is_none());
}

#[test]
fn the_help_says_how_the_app_works_before_the_keys() {
    let mut app = app(120, 40);
    press(&mut app, "?");
    let text = common::text(&app);
    let intro = text.find("Three panes").expect("the intro is on screen");
    let keys = text.find("Everywhere").expect("then the keys");
    assert!(intro < keys);
    assert!(text.contains("saved as you go"), "{text}");
    assert!(
        text.contains("todo → in progress → done → skipped"),
        "{text}"
    );
}

#[test]
fn help_lines_are_wrapped_never_cut_at_any_width() {
    for width in [120, 80, 60] {
        let lines = help_lines(&Keymap::default(), width);
        let mut described = String::new();
        for line in &lines {
            match line {
                HelpLine::Key { keys, what } => {
                    assert!(!what.contains('…'), "cut at {width}: {what}");
                    if !keys.is_empty() {
                        described.push('\n');
                    }
                    described.push(' ');
                    described.push_str(what);
                }
                HelpLine::Intro(text) => assert!(!text.contains('…')),
                _ => {}
            }
        }
        // Every description is there whole, in its words.
        for (_, entries) in help_sections(&Keymap::default()) {
            for (_, what, _) in entries {
                let words: Vec<&str> = what.split_whitespace().collect();
                let found = described
                    .lines()
                    .any(|l| l.split_whitespace().collect::<Vec<_>>() == words);
                assert!(found, "{what:?} at {width}");
            }
        }
        let intro: String = lines
            .iter()
            .filter_map(|l| match l {
                HelpLine::Intro(t) => Some(t.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ");
        for sentence in HELP_INTRO {
            let start: String = sentence.chars().take(30).collect();
            assert!(intro.contains(&start), "{sentence}");
        }
    }
    // At 120 columns the intro is three lines, one a sentence.
    let intro = help_lines(&Keymap::default(), 120)
        .iter()
        .filter(|l| matches!(l, HelpLine::Intro(_)))
        .count();
    assert_eq!(intro, 3);
    // Drawn at 120 columns, no line of the help ends in an ellipsis.
    let mut app = app(120, 40);
    press(&mut app, "?");
    let text = common::text(&app);
    // (The header's title makes room for the views' tabs; the help is below it.)
    let help: Vec<&str> = text.lines().skip(1).collect();
    assert!(!help.iter().any(|l| l.contains('…')), "{text}");
}

#[test]
fn the_footer_always_says_how_to_quit() {
    for (w, h) in [(120, 40), (80, 24), (60, 20), (40, 12), (30, 8)] {
        for keys in ["", "\t", "\t\t", "2", "3", "4", "5"] {
            let mut app = app(w, h);
            press(&mut app, keys);
            let text = common::text(&app);
            let footer = text.lines().last().unwrap_or_default();
            assert!(
                footer.contains("q quit"),
                "{w}x{h} after {keys:?}: {footer:?}"
            );
        }
    }
}

#[test]
fn space_on_the_stages_pane_opens_the_stage() {
    let mut app = app(120, 40);
    assert_eq!(app.ui.focus, Pane::Stages);
    press(&mut app, "j ");
    assert_eq!(app.ui.focus, Pane::Skills);
    assert_eq!(app.ui.stages.selected, 1);
    assert_eq!(app.ui.view, View::Roadmap);
}

#[test]
fn an_existing_note_opens_on_a_fresh_line_after_its_text() {
    let mut progress = RoadmapProgress::default();
    progress.set_note("fundamentals", "first thought", common::fixed_now());
    let mut app = app_with(shipped(), progress, 120, 40);
    press(&mut app, "\tnsecond thought");
    let Some(Overlay::Editor(editor)) = &app.ui.overlay else {
        panic!("the editor is open");
    };
    assert_eq!(editor.text(), "first thought\nsecond thought");
    press(&mut app, "\x1b");
    assert_eq!(
        app.progress.note("fundamentals"),
        "first thought\nsecond thought"
    );
    // Opened and closed untouched: the note is as it was.
    press(&mut app, "n\x1b");
    assert_eq!(
        app.progress.note("fundamentals"),
        "first thought\nsecond thought"
    );
    // A new note starts on its first line.
    press(&mut app, "jnfresh");
    assert_eq!(app.progress.note("tests-from-day-one"), "");
    let Some(Overlay::Editor(editor)) = &app.ui.overlay else {
        panic!("the editor is open");
    };
    assert_eq!(editor.text(), "fresh");
}

#[test]
fn f_filters_the_skills_by_status_and_the_counts_stay_the_stages() {
    let mut progress = RoadmapProgress::default();
    let now = common::fixed_now();
    progress.set_status(
        "tests-from-day-one",
        roadmap_tui::progress::Status::Done,
        now,
    );
    progress.set_status(
        "version-control",
        roadmap_tui::progress::Status::InProgress,
        now,
    );
    let mut app = app_with(shipped(), progress, 120, 40);
    press(&mut app, "\t");
    let titles = |app: &roadmap_tui::app::App| -> Vec<String> {
        app.shown_skills(0)
            .map(|i| app.roadmap.stages[0].skills[i].title.clone())
            .collect()
    };
    assert_eq!(titles(&app).len(), 3);
    press(&mut app, "F");
    assert_eq!(titles(&app), ["Master the Fundamentals"]);
    assert!(common::text(&app).contains("Skills · todo · "));
    press(&mut app, "F");
    assert_eq!(titles(&app), ["Use Version Control Seriously"]);
    assert!(common::text(&app).contains("Skills · in progress · "));
    press(&mut app, "F");
    let text = common::text(&app);
    assert!(text.contains("Skills · done · "), "{text}");
    assert!(text.contains("[x] Write Tests From Day One"), "{text}");
    assert!(!text.contains("Master the Fundamentals"), "{text}");
    // The stage's count is the whole stage's.
    assert!(text.contains("1/3"), "{text}");
    // The picked skill is the one shown; unticked, it leaves the list.
    assert_eq!(
        app.roadmap.skill(app.selected_skill().unwrap()).id,
        "tests-from-day-one"
    );
    press(&mut app, " ");
    assert!(app.selected_skill().is_none());
    assert!(common::text(&app).contains("No done skills in this stage"));
    press(&mut app, "FF");
    assert_eq!(app.ui.filter, None, "skipped, then all again");
    assert_eq!(titles(&app).len(), 3);
}

#[test]
fn jumping_to_a_skill_the_filter_hides_shows_all_skills() {
    let mut app = app(120, 40);
    press(&mut app, "\tFF");
    assert!(
        app.shown_skills(0).next().is_none(),
        "nothing is in progress"
    );
    press(&mut app, "/tests from day\n");
    let at = app
        .selected_skill()
        .unwrap_or_else(|| panic!("a skill is picked: {}", common::text(&app)));
    assert_eq!(app.roadmap.skill(at).id, "tests-from-day-one");
    assert_eq!(app.ui.filter, None);
}
