//! `App::update` without a terminal: navigation, focus, views, search,
//! ticking, notes, focus, saving and quitting.

mod common;

use std::time::Duration;

use common::{app, app_with, press, shipped};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use roadmap_tui::app::state::{DRAFT_EVERY, MESSAGE_TIME, RETRY_EVERY, SAVE_DELAY, WATCH_EVERY};
use roadmap_tui::app::{Action, Effect, Overlay, Pane, Synced, View};
use roadmap_tui::progress::stats::Stats;
use roadmap_tui::progress::store::SaveError;
use roadmap_tui::progress::{RoadmapProgress, Status};
use roadmap_tui::time::Stamp;

fn selected_title(app: &roadmap_tui::app::App) -> String {
    let at = app.selected_skill().expect("a skill is selected");
    app.roadmap.skill(at).title.clone()
}

#[test]
fn starts_in_the_stages_pane_on_the_first_stage() {
    let app = app(120, 40);
    assert_eq!(app.ui.view, View::Roadmap);
    assert_eq!(app.ui.focus, Pane::Stages);
    assert_eq!(app.ui.stages.selected, 0);
    assert_eq!(selected_title(&app), "Master the Fundamentals");
}

#[test]
fn moving_in_the_stages_pane_updates_the_skills_and_detail_at_once() {
    let mut app = app(120, 40);
    press(&mut app, "j");
    assert_eq!(app.ui.stages.selected, 1);
    assert_eq!(selected_title(&app), "Understand the Ecosystem");
    let text = common::text(&app);
    assert!(text.contains("Skills · Going Deeper"), "{text}");
    assert!(text.contains("Specialise in at least one area"), "{text}");
    press(&mut app, "k");
    assert_eq!(selected_title(&app), "Master the Fundamentals");
}

#[test]
fn arrows_and_vim_keys_move_and_stop_at_the_ends() {
    let mut app = app(120, 40);
    for _ in 0..10 {
        press(&mut app, "j");
    }
    assert_eq!(app.ui.stages.selected, 2);
    common::key(&mut app, KeyEvent::new(KeyCode::Up, KeyModifiers::NONE));
    assert_eq!(app.ui.stages.selected, 1);
    press(&mut app, "g");
    assert_eq!(app.ui.stages.selected, 0);
    press(&mut app, "G");
    assert_eq!(app.ui.stages.selected, 2);
    common::key(&mut app, KeyEvent::new(KeyCode::Home, KeyModifiers::NONE));
    assert_eq!(app.ui.stages.selected, 0);
    common::key(
        &mut app,
        KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE),
    );
    assert_eq!(app.ui.stages.selected, 2);
}

#[test]
fn tab_cycles_panes_and_enter_and_esc_drill_in_and_out() {
    let mut app = app(120, 40);
    press(&mut app, "\t");
    assert_eq!(app.ui.focus, Pane::Skills);
    press(&mut app, "\t\t");
    assert_eq!(app.ui.focus, Pane::Stages);
    common::key(
        &mut app,
        KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
    );
    assert_eq!(app.ui.focus, Pane::Detail);
    press(&mut app, "\x1b");
    assert_eq!(app.ui.focus, Pane::Skills);
    press(&mut app, "h");
    assert_eq!(app.ui.focus, Pane::Stages);
    press(&mut app, "l");
    assert_eq!(app.ui.focus, Pane::Skills);
    press(&mut app, "\n");
    assert_eq!(app.ui.focus, Pane::Detail);
}

#[test]
fn each_stage_remembers_its_selected_skill() {
    let mut app = app(120, 40);
    press(&mut app, "ljjh"); // stage 1, third skill
    press(&mut app, "j"); // stage 2
    assert_eq!(selected_title(&app), "Understand the Ecosystem");
    press(&mut app, "k");
    assert_eq!(selected_title(&app), "Use Version Control Seriously");
}

#[test]
fn number_keys_switch_views_and_1_returns() {
    let mut app = app(80, 24);
    for (key, view) in [
        ('2', View::Tips),
        ('3', View::Current),
        ('4', View::About),
        ('5', View::Journal),
        ('1', View::Roadmap),
    ] {
        press(&mut app, &key.to_string());
        assert_eq!(app.ui.view, view);
    }
    press(&mut app, "4\x1b");
    assert_eq!(app.ui.view, View::Roadmap, "Esc goes back to the roadmap");
}

#[test]
fn space_toggles_a_skill_done_and_the_gauges_follow() {
    let mut app = app(120, 40);
    press(&mut app, "l ");
    assert_eq!(app.progress.status("fundamentals"), Status::Done);
    assert_eq!(app.stats.stages[0].done, 1);
    assert_eq!(app.stats.overall.done, 1);
    assert!(common::text(&app).contains("1/9 done"));
    press(&mut app, " ");
    assert_eq!(app.progress.status("fundamentals"), Status::Todo);
    assert_eq!(app.stats.overall.done, 0);
}

#[test]
fn s_cycles_todo_in_progress_done_skipped() {
    let mut app = app(120, 40);
    press(&mut app, "l");
    let mut seen = Vec::new();
    for _ in 0..4 {
        press(&mut app, "s");
        seen.push(app.progress.status("fundamentals"));
    }
    assert_eq!(
        seen,
        [
            Status::InProgress,
            Status::Done,
            Status::Skipped,
            Status::Todo
        ]
    );
    assert_eq!(app.stats, Stats::count(&app.roadmap, &app.progress));
}

#[test]
fn space_in_the_detail_pane_ticks_items_and_the_last_tick_sets_the_skill_done() {
    let mut app = app(120, 40);
    press(&mut app, "ll "); // detail of Master the Fundamentals, first item
    assert!(app.progress.item_done(
        "fundamentals",
        "understand-pythons-data-model-how-dunder-methods"
    ));
    assert_eq!(app.progress.status("fundamentals"), Status::InProgress);
    press(&mut app, "j j j ");
    assert_eq!(app.progress.status("fundamentals"), Status::Done);
    let text = common::text(&app);
    assert!(text.contains("Checklist 4/4"), "{text}");
    assert!(text.contains("ticked 2026-11-18"), "dates shown: {text}");
    press(&mut app, "s");
    assert_eq!(
        app.progress.status("fundamentals"),
        Status::Skipped,
        "the user can still set any status"
    );
}

#[test]
fn search_finds_text_as_you_type_and_enter_jumps_there() {
    let mut app = app(120, 40);
    press(&mut app, "/cach");
    let Some(Overlay::Search(search)) = &app.ui.overlay else {
        panic!("search open");
    };
    assert_eq!(search.hits.len(), 1, "one item mentions caching");
    press(&mut app, "\n");
    assert!(app.ui.overlay.is_none());
    assert_eq!(app.ui.focus, Pane::Detail);
    assert_eq!(selected_title(&app), "Learn System Design Basics");
    assert_eq!(app.ui.item, 2, "Basic caching strategies is the third item");
}

#[test]
fn search_finds_the_users_notes_and_enter_shows_the_note() {
    let roadmap = shipped();
    let id = roadmap.stages[1].skills[2].id.clone();
    let mut progress = RoadmapProgress::default();
    let note = "Read the zeppelin chapter again.";
    progress.set_note(&id, note, Stamp::from_unix(1_795_000_000));
    // Short enough that the note is below the detail pane's fold.
    let mut app = common::app_with(roadmap, progress, 120, 16);
    press(&mut app, "j\njj");
    let before = format!("{:?}", common::screen(&app).buffer());
    assert!(
        !before.contains("zeppelin"),
        "the note starts out of view: {before}"
    );
    press(&mut app, "/zeppelin");
    let Some(Overlay::Search(search)) = &app.ui.overlay else {
        panic!("search open");
    };
    assert_eq!(search.hits.len(), 1, "only the note says zeppelin");
    let hits = common::screen(&app);
    let hits = format!("{:?}", hits.buffer());
    assert!(hits.contains("note") && hits.contains("zeppelin"), "{hits}");
    press(&mut app, "\n");
    assert_eq!(app.ui.focus, Pane::Detail);
    assert_eq!(app.selected_skill().map(|at| at.stage), Some(1));
    assert_eq!(selected_title(&app), app.roadmap.stages[1].skills[2].title);
    let shown = format!("{:?}", common::screen(&app).buffer());
    assert!(shown.contains("zeppelin"), "the note is in view: {shown}");

    // Notes change: the next search finds them as they are now.
    let now = Stamp::from_unix(1_795_000_100);
    app.progress.set_note(&id, "Airships, in the end.", now);
    press(&mut app, "\x1b/zeppelin");
    let Some(Overlay::Search(search)) = &app.ui.overlay else {
        panic!("search open");
    };
    assert!(search.hits.is_empty(), "{:?}", search.hits);
    press(&mut app, "\x1b/airships");
    let Some(Overlay::Search(search)) = &app.ui.overlay else {
        panic!("search open");
    };
    assert_eq!(search.hits.len(), 1);
}

#[test]
fn search_jumps_to_tips_and_strategies_switching_view() {
    let mut app = app(120, 40);
    press(&mut app, "/url shortener\n");
    assert_eq!(app.ui.view, View::Tips);
    assert_eq!(app.ui.tips.selected, 1);
    press(&mut app, "/meetups\n");
    assert_eq!(app.ui.view, View::Current);
    assert_eq!(app.ui.strategies.selected, 4);
}

#[test]
fn search_picks_with_arrows_and_esc_cancels_without_moving() {
    let mut app = app(120, 40);
    press(&mut app, "/e");
    common::key(&mut app, KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    common::key(&mut app, KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    let Some(Overlay::Search(search)) = &app.ui.overlay else {
        panic!()
    };
    assert_eq!(search.selected, 2);
    press(&mut app, "\x1b");
    assert!(app.ui.overlay.is_none());
    assert_eq!(app.ui.stages.selected, 0);
    assert_eq!(app.ui.focus, Pane::Stages);
}

#[test]
fn search_typing_q_does_not_quit() {
    let mut app = app(120, 40);
    press(&mut app, "/q");
    let Some(Overlay::Search(search)) = &app.ui.overlay else {
        panic!()
    };
    assert_eq!(search.query, "q");
}

#[test]
fn help_opens_with_question_mark_and_closes_with_esc_or_question_mark() {
    let mut app = app(80, 24);
    press(&mut app, "?");
    assert!(matches!(app.ui.overlay, Some(Overlay::Help { .. })));
    press(&mut app, "?");
    assert!(app.ui.overlay.is_none());
    press(&mut app, "?\x1b");
    assert!(app.ui.overlay.is_none());
}

#[test]
fn the_wheel_scrolls_the_help_and_picks_in_the_search() {
    let mut app = app(80, 24);
    let wheel = |app: &mut roadmap_tui::app::App, down| {
        app.update(
            Action::Scroll {
                column: 40,
                row: 10,
                down,
            },
            common::now(),
        )
    };
    press(&mut app, "?");
    wheel(&mut app, true);
    assert!(matches!(app.ui.overlay, Some(Overlay::Help { scroll }) if scroll > 0));
    wheel(&mut app, false);
    assert!(matches!(app.ui.overlay, Some(Overlay::Help { scroll: 0 })));
    press(&mut app, "?/e");
    wheel(&mut app, true);
    assert!(matches!(&app.ui.overlay, Some(Overlay::Search(s)) if s.selected == 1));
}

#[test]
fn help_lists_every_key_of_the_keymap() {
    let mut app = app(120, 200);
    press(&mut app, "?");
    let text = common::text(&app);
    for binding in roadmap_tui::app::keymap::KEYMAP {
        // A long description is cut to fit, after its first words.
        let start: String = binding.help.chars().take(50).collect();
        assert!(text.contains(&start), "help lacks {:?}", binding.help);
        let keys = binding.keys_text(binding.keys);
        assert!(text.contains(&keys), "help lacks keys {keys}");
    }
}

#[test]
fn a_key_the_hints_leave_out_does_nothing() {
    let labels = |app: &roadmap_tui::app::App| -> Vec<&'static str> {
        app.hints().into_iter().map(|(_, label)| label).collect()
    };
    let mut app = app(120, 40);
    press(&mut app, "\t\t");
    assert_eq!(app.ui.focus, Pane::Detail);
    assert!(
        !labels(&app).contains(&"open"),
        "nothing to open from the detail"
    );
    assert!(labels(&app).contains(&"tick"));
    press(&mut app, "\n");
    assert_eq!(app.ui.focus, Pane::Detail);
}

#[test]
fn quit_with_nothing_to_save_quits_at_once() {
    let mut app = app(80, 24);
    let effects = app.update(Action::Quit, common::now());
    assert_eq!(effects, [Effect::Quit]);
}

#[test]
fn quit_with_unsaved_changes_saves_first_and_asks_if_that_fails() {
    let mut app = app(80, 24);
    press(&mut app, "l ");
    assert_eq!(app.update(Action::Quit, common::now()), [Effect::Save]);
    assert_eq!(app.update(common::failed("disk full"), common::now()), []);
    assert!(matches!(app.ui.overlay, Some(Overlay::ConfirmQuit)));
    assert!(common::text(&app).contains("disk full"));
    press(&mut app, "n");
    assert!(app.ui.overlay.is_none(), "n stays");
    assert_eq!(app.update(Action::Quit, common::now()), [Effect::Save]);
    app.update(common::failed("disk full"), common::now());
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    common::key(&mut app, ctrl_c);
    assert!(
        app.ui.overlay.is_none(),
        "Ctrl-C stays too: nothing is lost by it"
    );
    assert_eq!(app.update(Action::Quit, common::now()), [Effect::Save]);
    app.update(common::failed("disk full"), common::now());
    assert_eq!(app.update(Action::Confirm, common::now()), [Effect::Quit]);
}

#[test]
fn a_change_is_saved_half_a_second_later() {
    let mut app = app(80, 24);
    press(&mut app, "l ");
    assert_eq!(
        app.next_deadline(),
        Some(common::now().instant + SAVE_DELAY)
    );
    common::wait(SAVE_DELAY.checked_sub(Duration::from_millis(1)).unwrap());
    assert_eq!(app.update(Action::Tick, common::now()), [], "not yet");
    common::wait(Duration::from_millis(1));
    assert_eq!(app.update(Action::Tick, common::now()), [Effect::Save]);
    common::saved(&mut app);
    assert!(!app.save.dirty);
    assert_eq!(
        app.next_deadline(),
        app.save.watch_due,
        "nothing left to wake up for"
    );
    assert!(common::text(&app).contains("✓ saved"));
}

#[test]
fn more_changes_before_the_save_do_not_put_it_off() {
    let mut app = app(80, 24);
    press(&mut app, "l ");
    common::wait(SAVE_DELAY / 2);
    press(&mut app, "j ");
    common::wait(SAVE_DELAY / 2);
    assert_eq!(app.update(Action::Tick, common::now()), [Effect::Save]);
}

#[test]
fn a_failed_save_is_shown_and_tried_again_every_few_seconds() {
    let mut app = app(80, 24);
    press(&mut app, "l ");
    app.update(common::failed("disk full"), common::now());
    assert!(common::text(&app).contains("not saved: disk full"));
    assert_eq!(app.save.save_due, Some(common::now().instant + RETRY_EVERY));
    common::wait(RETRY_EVERY);
    let effects = app.update(Action::Tick, common::now());
    assert!(effects.contains(&Effect::Save), "{effects:?}");
    // Still full: tried again later; then space is freed and it works.
    app.update(common::failed("disk full"), common::now());
    assert_eq!(app.save.save_due, Some(common::now().instant + RETRY_EVERY));
    common::saved(&mut app);
    assert!(!common::text(&app).contains("not saved"));
    assert!(!app.save.dirty);
    assert_eq!(app.save.save_due, None);
}

#[test]
fn note_saved_is_said_only_once_it_is_on_disk() {
    let mut app = app(80, 24);
    press(&mut app, "\tnfirst thoughts");
    let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    common::key(&mut app, ctrl_s);
    assert!(app.ui.message.is_none(), "not yet: the save is under way");
    app.update(common::failed("disk full"), common::now());
    let text = common::text(&app);
    assert!(text.contains("Draft not saved: disk full"), "{text}");
    assert!(!text.contains("Note saved"), "{text}");
    common::key(&mut app, ctrl_s);
    common::saved(&mut app);
    assert_eq!(
        app.ui.message.as_ref().map(|m| m.text.as_str()),
        Some("Note saved.")
    );
}

#[test]
fn the_file_on_disk_is_looked_at_every_second() {
    let mut app = app(80, 24);
    press(&mut app, "j");
    assert_eq!(
        app.next_deadline(),
        Some(common::now().instant + WATCH_EVERY)
    );
    common::wait(WATCH_EVERY);
    assert_eq!(app.update(Action::Tick, common::now()), [Effect::Watch]);
    assert_eq!(
        app.next_deadline(),
        Some(common::now().instant + WATCH_EVERY)
    );
}

#[test]
fn changes_from_disk_are_shown_and_counted() {
    let mut app = app(120, 40);
    let mut theirs = app.progress.clone();
    theirs.set_status("fundamentals", Status::Done, common::fixed_now());
    theirs.set_note("ecosystem", "from the laptop", common::fixed_now());
    let synced = Synced {
        progress: Box::new(theirs),
        from_disk: true,
    };
    app.update(Action::Saved(Ok(synced)), common::now());
    assert_eq!(app.progress.status("fundamentals"), Status::Done);
    assert_eq!(app.stats.overall.done, 1);
    let text = common::text(&app);
    assert!(text.contains("Updated from disk: 2 changes."), "{text}");
    assert!(text.contains("[x] Master the Fundamentals"), "{text}");
}

#[test]
fn an_unreadable_file_shows_a_banner_until_it_reads_again() {
    let mut app = app(120, 40);
    press(&mut app, "l ");
    let error = "/data/progress.toml:3:1: invalid TOML: expected `=`".to_string();
    let kept = Ok(std::path::PathBuf::from("/data/progress.pending.toml"));
    app.update(
        Action::Saved(Err(SaveError::Unreadable { error, kept })),
        common::now(),
    );
    let text = common::text(&app);
    assert!(
        text.contains("/data/progress.toml:3:1: invalid TOML"),
        "{text}"
    );
    assert!(text.contains("progress.pending.toml"), "{text}");
    assert!(app.save.dirty, "not in progress.toml yet");
    // A quit loses nothing: the changes wait in the pending file.
    assert_eq!(app.update(Action::Quit, common::now()), [Effect::Save]);
    let kept = Ok(std::path::PathBuf::from("/data/progress.pending.toml"));
    let error = "/data/progress.toml:3:1: invalid TOML".to_string();
    let effects = app.update(
        Action::Saved(Err(SaveError::Unreadable { error, kept })),
        common::now(),
    );
    assert_eq!(effects, [Effect::Quit]);
    // Fixed: merged in and saved, the banner goes.
    let mut app2 = app;
    app2.save.quit_pending = false;
    common::saved(&mut app2);
    let text = common::text(&app2);
    assert!(!text.contains("invalid TOML"), "{text}");
    assert!(text.contains("reads again"), "{text}");
}

#[test]
fn conflicting_copies_get_a_banner() {
    let mut app = app(120, 40);
    let name = "progress.sync-conflict-20260101-101010-ABCDEFG.toml".to_string();
    app.update(Action::Conflicts(vec![name.clone()]), common::now());
    let text = common::text(&app);
    assert!(text.contains(&format!("roadmap merge {name}")), "{text}");
    app.update(Action::Conflicts(Vec::new()), common::now());
    assert!(!common::text(&app).contains("conflicting"));
}

#[test]
fn a_message_goes_after_a_few_seconds() {
    let mut app = app(120, 40);
    press(&mut app, "3t");
    assert!(app.ui.message.is_some(), "sorting says what it did");
    assert_eq!(
        app.ui.message.as_ref().map(|m| m.until),
        Some(common::now().instant + MESSAGE_TIME)
    );
    common::wait(MESSAGE_TIME.checked_sub(Duration::from_millis(1)).unwrap());
    app.update(Action::Tick, common::now());
    assert!(app.ui.message.is_some(), "still there");
    common::wait(Duration::from_millis(1));
    app.update(Action::Tick, common::now());
    assert!(app.ui.message.is_none());
    assert_eq!(app.next_deadline(), app.save.watch_due, "only the watch");
}

#[test]
fn a_note_being_written_is_kept_as_a_draft_every_few_seconds() {
    let mut app = app(80, 24);
    press(&mut app, "\tn");
    assert_eq!(
        app.next_deadline(),
        app.save.watch_due,
        "nothing typed, no draft due"
    );
    press(&mut app, "half");
    let Some(Overlay::Editor(editor)) = &app.ui.overlay else {
        panic!("the editor is open");
    };
    assert_eq!(editor.draft_due, Some(common::now().instant + DRAFT_EVERY));
    common::wait(DRAFT_EVERY / 2);
    press(&mut app, " a thought");
    common::wait(DRAFT_EVERY / 2);
    let effects = app.update(Action::Tick, common::now());
    assert!(effects.contains(&Effect::Save), "{effects:?}");
    let draft = app
        .progress
        .skill("fundamentals")
        .and_then(|p| p.draft.as_ref());
    assert_eq!(draft.map(|d| d.text.as_str()), Some("half a thought"));
    assert_eq!(draft.map(|d| d.saved), Some(common::now().stamp));
    assert_eq!(
        app.progress.note("fundamentals"),
        "",
        "a draft, not the note"
    );
    common::saved(&mut app);
    assert_eq!(
        app.next_deadline(),
        app.save.watch_due,
        "no draft due until the next edit"
    );
}

#[test]
fn f_sets_this_quarters_focus_and_keeps_the_old_one_as_history() {
    let mut app = app(120, 40);
    press(&mut app, "lf");
    assert_eq!(app.progress.focus_skill(), Some("fundamentals"));
    press(&mut app, "jf");
    assert_eq!(app.progress.focus_skill(), Some("tests-from-day-one"));
    assert_eq!(app.progress.focus_history.len(), 1);
    let text = common::text(&app);
    assert!(text.contains("★ focus since 2026-11-18"), "{text}");
}

#[test]
fn the_note_editor_saves_on_esc_and_on_ctrl_s() {
    let mut app = app(120, 40);
    press(&mut app, "ln");
    assert!(matches!(app.ui.overlay, Some(Overlay::Editor(_))));
    press(&mut app, "Größe 🦀");
    common::key(&mut app, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    press(&mut app, "line two");
    let effects = app.update(Action::EditorSave, common::now());
    assert_eq!(effects, [Effect::Save]);
    assert!(
        matches!(app.ui.overlay, Some(Overlay::Editor(_))),
        "Ctrl-S stays"
    );
    assert_eq!(app.progress.note("fundamentals"), "Größe 🦀\nline two");
    press(&mut app, "!");
    common::key(&mut app, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert!(app.ui.overlay.is_none());
    assert_eq!(app.progress.note("fundamentals"), "Größe 🦀\nline two!");
    assert!(
        common::text(&app).contains("✎"),
        "note marker in the skills pane"
    );
}

#[test]
fn undo_and_redo_in_the_editor_go_a_word_or_an_edit_at_a_time() {
    let mut app = app(120, 40);
    let text = |app: &roadmap_tui::app::App| match &app.ui.overlay {
        Some(Overlay::Editor(e)) => e.text(),
        _ => panic!("editor open"),
    };
    let ctrl = |app: &mut roadmap_tui::app::App, c: char| {
        common::key(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    };
    let plain = |app: &mut roadmap_tui::app::App, code: KeyCode| {
        common::key(app, KeyEvent::new(code, KeyModifiers::NONE));
    };
    press(&mut app, "ln");
    press(&mut app, "one two");
    ctrl(&mut app, 'z');
    assert_eq!(text(&app), "one ", "a word with the spaces after it");
    ctrl(&mut app, 'u');
    assert_eq!(text(&app), "");
    ctrl(&mut app, 'z');
    assert_eq!(text(&app), "", "nothing more to undo");
    ctrl(&mut app, 'y');
    assert_eq!(text(&app), "one ");
    ctrl(&mut app, 'r');
    assert_eq!(text(&app), "one two");
    ctrl(&mut app, 'y');
    assert_eq!(text(&app), "one two", "nothing more to redo");

    // Each deletion and each line break is an edit of its own.
    plain(&mut app, KeyCode::Backspace);
    plain(&mut app, KeyCode::Backspace);
    plain(&mut app, KeyCode::Enter);
    assert_eq!(text(&app), "one t\n");
    ctrl(&mut app, 'z');
    assert_eq!(text(&app), "one t");
    ctrl(&mut app, 'z');
    assert_eq!(text(&app), "one tw");
    ctrl(&mut app, 'z');
    assert_eq!(text(&app), "one two");

    // Moving the cursor ends a word; a paste is an edit of its own.
    plain(&mut app, KeyCode::Left);
    press(&mut app, "X");
    assert_eq!(text(&app), "one twXo");
    app.update(Action::Paste("!!".into()), common::now());
    assert_eq!(text(&app), "one twX!!o");
    ctrl(&mut app, 'z');
    assert_eq!(text(&app), "one twXo");
    ctrl(&mut app, 'z');
    assert_eq!(text(&app), "one two");

    // Typing after an undo drops what could have been redone.
    press(&mut app, "s");
    ctrl(&mut app, 'y');
    assert_eq!(text(&app), "one twso");
    common::key(&mut app, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert_eq!(app.progress.note("fundamentals"), "one twso");
}

#[test]
fn pasted_text_goes_into_the_editor_as_is_but_made_safe() {
    let mut app = app(120, 40);
    press(&mut app, "ln");
    app.update(
        Action::Paste("one\r\ntwo \x1b[31mred\x07".into()),
        common::now(),
    );
    common::key(&mut app, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert_eq!(app.progress.note("fundamentals"), "one\ntwo ␛[31mred␇");
}

#[test]
fn the_journal_lists_notes_newest_first_and_enter_jumps_to_the_skill() {
    let mut progress = RoadmapProgress::default();
    progress.set_note(
        "own-outcomes",
        "older",
        roadmap_tui::time::Stamp::from_unix(1_000),
    );
    progress.set_note(
        "read-code",
        "newer",
        roadmap_tui::time::Stamp::from_unix(2_000),
    );
    let mut app = app_with(shipped(), progress, 120, 40);
    press(&mut app, "5");
    let titles: Vec<String> = app
        .ui
        .journal_entries
        .iter()
        .map(|at| app.roadmap.skill(*at).title.clone())
        .collect();
    assert_eq!(
        titles,
        ["Read Other People's Code", "Own Outcomes, Not Just Tasks"]
    );
    press(&mut app, "j\n");
    assert_eq!(app.ui.view, View::Roadmap);
    assert_eq!(selected_title(&app), "Own Outcomes, Not Just Tasks");
}

#[test]
fn a_draft_from_an_earlier_run_is_offered_back() {
    let mut progress = RoadmapProgress::default();
    progress.set_draft("ecosystem", "half a thought", common::fixed_now());
    let mut app = app_with(shipped(), progress.clone(), 120, 40);
    assert!(matches!(app.ui.overlay, Some(Overlay::RecoverDraft { .. })));
    press(&mut app, "y");
    let Some(Overlay::Editor(editor)) = &app.ui.overlay else {
        panic!("editor open")
    };
    assert_eq!(editor.text(), "half a thought");
    assert_eq!(selected_title(&app), "Understand the Ecosystem");

    let mut app = app_with(shipped(), progress, 120, 40);
    press(&mut app, "n");
    assert!(app.ui.overlay.is_none());
    assert_eq!(app.progress.drafts().count(), 0, "discarded");
}

#[test]
fn sorting_the_table_by_time_then_reverse_then_back() {
    let mut app = app(120, 40);
    press(&mut app, "3t");
    let names = |app: &roadmap_tui::app::App| -> Vec<String> {
        app.ui
            .strategy_order
            .iter()
            .map(|&i| app.roadmap.strategies[i].time.clone())
            .collect()
    };
    assert_eq!(
        names(&app),
        ["Low", "Low", "Medium", "Medium", "Medium-High"]
    );
    press(&mut app, "t");
    assert_eq!(
        names(&app),
        ["Medium-High", "Medium", "Medium", "Low", "Low"]
    );
    press(&mut app, "t");
    assert_eq!(app.ui.strategy_order, [0, 1, 2, 3, 4]);
}

#[test]
fn clicking_a_row_selects_it_and_focuses_its_pane() {
    let mut app = app(120, 40);
    // Skills pane starts at x=34; its second row is y=3.
    app.update(Action::Click { column: 40, row: 3 }, common::now());
    assert_eq!(app.ui.focus, Pane::Skills);
    assert_eq!(selected_title(&app), "Write Tests From Day One");
    // Stage 3's title row in the stages pane (two rows per stage).
    app.update(Action::Click { column: 5, row: 6 }, common::now());
    assert_eq!(app.ui.focus, Pane::Stages);
    assert_eq!(app.ui.stages.selected, 2);
}

#[test]
fn clicking_a_views_tab_where_it_is_drawn_shows_that_view() {
    // Full tabs at 120 columns, numbers only at 80 and 40 (but the current
    // view's, which keeps its name).
    for width in [120, 80, 40] {
        let mut app = app(width, 24);
        for (view, label) in [
            (View::Tips, " 2 "),
            (View::Journal, " 5 "),
            (View::Current, " 3 "),
            (View::Roadmap, " 1 "),
        ] {
            let header = common::screen(&app).buffer().content[..usize::from(width)]
                .iter()
                .map(ratatui::buffer::Cell::symbol)
                .collect::<String>();
            let Some(at) = header.find(label) else {
                panic!("no tab {label:?} at {width} columns: {header:?}");
            };
            let column = header[..at].chars().count() as u16 + 1;
            app.update(Action::Click { column, row: 0 }, common::now());
            assert_eq!(
                app.ui.view, view,
                "{label:?} at {width} columns: {header:?}"
            );
        }
        // Off the tabs, the header does nothing.
        app.update(
            Action::Click {
                column: width - 2,
                row: 0,
            },
            common::now(),
        );
        assert_eq!(app.ui.view, View::Roadmap);
    }
}

#[test]
fn the_wheel_scrolls_the_detail_text() {
    let mut app = app(120, 12);
    press(&mut app, "j");
    app.update(
        Action::Scroll {
            column: 100,
            row: 5,
            down: true,
        },
        common::now(),
    );
    assert!(app.ui.detail_scroll > 0);
    app.update(
        Action::Scroll {
            column: 100,
            row: 5,
            down: false,
        },
        common::now(),
    );
    assert_eq!(app.ui.detail_scroll, 0);
}

#[test]
fn narrow_layouts_show_fewer_panes_and_drill_in() {
    let mut app = app(40, 12);
    assert!(common::text(&app).contains("Stages"));
    press(&mut app, "\n");
    let text = common::text(&app);
    assert!(
        text.contains("Skills") && !text.contains("Stages"),
        "{text}"
    );
    press(&mut app, "\n");
    assert!(common::text(&app).contains("Detail"));
}

#[test]
fn resizing_to_any_size_keeps_selections_valid() {
    let mut app = app(120, 40);
    press(&mut app, "jjlj");
    for (w, h) in [(1, 1), (0, 0), (5, 2), (30, 8), (200, 60), (31, 9)] {
        app.update(Action::Resize(w, h), common::now());
        let _ = common::text(&app);
        assert!(app.selected_skill().is_some());
    }
}

#[test]
fn opening_and_closing_the_editor_leaves_a_note_as_it_was() {
    let mut progress = RoadmapProgress::default();
    progress.set_note(
        "fundamentals",
        "code:\n\tindented\twith tabs",
        common::fixed_now(),
    );
    let mut app = app_with(shipped(), progress, 120, 40);
    press(&mut app, "ln");
    common::key(&mut app, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert!(app.ui.overlay.is_none());
    assert_eq!(
        app.progress.note("fundamentals"),
        "code:\n\tindented\twith tabs"
    );
    assert!(!app.save.dirty, "nothing to save");
}

#[test]
fn esc_or_ctrl_c_at_the_draft_question_keep_the_draft() {
    let mut progress = RoadmapProgress::default();
    progress.set_draft("ecosystem", "half a thought", common::fixed_now());
    let mut app = app_with(shipped(), progress.clone(), 120, 40);
    press(&mut app, "\x1b");
    assert!(app.ui.overlay.is_none());
    assert_eq!(app.progress.drafts().count(), 1, "Esc keeps it for later");
    let mut app = app_with(shipped(), progress, 120, 40);
    let effects = app
        .action_for_key(&KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL))
        .map(|a| app.update(a, common::now()));
    assert_eq!(effects, Some(vec![Effect::Quit]));
    assert_eq!(
        app.progress.drafts().count(),
        1,
        "Ctrl-C quits and keeps it"
    );
}

#[test]
fn at_quit_without_saving_only_yes_loses_the_changes() {
    let mut app = app(80, 24);
    press(&mut app, "l ");
    app.update(Action::Quit, common::now());
    app.update(common::failed("disk full"), common::now());
    for key in [
        KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
        KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
    ] {
        app.update(Action::Quit, common::now());
        app.update(common::failed("disk full"), common::now());
        let effects = app
            .action_for_key(&key)
            .map(|a| app.update(a, common::now()))
            .unwrap_or_default();
        assert!(!effects.contains(&Effect::Quit), "{key:?} stays");
    }
}

#[test]
fn pages_in_the_detail_pane_reach_the_end_past_the_checklist() {
    let mut progress = RoadmapProgress::default();
    let note: Vec<String> = (1..=15).map(|n| format!("note line {n}")).collect();
    progress.set_note("fundamentals", &note.join("\n"), common::fixed_now());
    let mut app = app_with(shipped(), progress, 80, 24);
    press(&mut app, "\t\t");
    assert_eq!(app.ui.focus, Pane::Detail);
    let page_down = KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE);
    let mut scrolls = vec![app.ui.detail_scroll];
    for _ in 0..6 {
        common::key(&mut app, page_down);
        scrolls.push(app.ui.detail_scroll);
    }
    assert!(scrolls.windows(2).any(|w| w[1] > w[0]), "{scrolls:?}");
    assert!(
        common::text(&app).contains("n to read and edit it all"),
        "the end of the note's preview is reached: {scrolls:?}\n{}",
        common::text(&app)
    );
    // Back up a page at a time to the top, the checklist cursor following.
    let page_up = KeyEvent::new(KeyCode::PageUp, KeyModifiers::NONE);
    for _ in 0..6 {
        common::key(&mut app, page_up);
    }
    assert_eq!(app.ui.detail_scroll, 0);
    assert!(common::text(&app).contains("Master the Fundamentals"));
    // Space ticks the item the cursor is on, which is on screen.
    press(&mut app, " ");
    let ticked = app.ui.item;
    let at = app.selected_skill().unwrap();
    let item = &app.roadmap.skill(at).items[ticked];
    assert!(app.progress.item_done("fundamentals", &item.id));
}

#[test]
fn a_passing_message_goes_with_the_screen_it_was_about() {
    let mut app = app(120, 40);
    press(&mut app, "3ttt");
    assert!(app.ui.message.is_some(), "sorting says what it did");
    press(&mut app, "1");
    assert!(app.ui.message.is_none());
    app.flash("Ticked.", common::now());
    press(&mut app, "\tn");
    assert!(matches!(app.ui.overlay, Some(Overlay::Editor(_))));
    assert!(app.ui.message.is_none());
}

#[test]
fn typing_into_a_note_goes_on_while_the_terminal_is_too_small() {
    let mut app = app(80, 24);
    press(&mut app, "\tn");
    press(&mut app, "before ");
    app.update(Action::Resize(20, 5), common::now());
    press(&mut app, "quiet q");
    app.update(Action::Resize(80, 24), common::now());
    let Some(Overlay::Editor(editor)) = &app.ui.overlay else {
        panic!("the editor is still open");
    };
    assert_eq!(editor.text(), "before quiet q");
}

#[test]
fn the_picked_search_match_stays_in_view_after_a_resize() {
    let mut app = app(100, 30);
    press(&mut app, "/e");
    let page = KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE);
    common::key(&mut app, page);
    app.update(Action::Resize(40, 12), common::now());
    let rows = app.search_rows();
    let Some(Overlay::Search(search)) = &app.ui.overlay else {
        panic!("the search is open");
    };
    assert!(search.selected >= search.offset, "{search:?}");
    assert!(
        search.selected < search.offset + rows,
        "{search:?} in {rows} rows"
    );
}

#[test]
fn a_resize_leaves_the_detail_preview_at_its_top() {
    // A skill whose checklist starts below a screenful of prose.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("roadmap.toml"), "title = \"T\"\n").unwrap();
    std::fs::create_dir(dir.path().join("stages")).unwrap();
    let body = "A long paragraph of prose. ".repeat(60);
    std::fs::write(
        dir.path().join("stages/01.toml"),
        format!(
            "id = \"s\"\ntitle = \"S\"\n[[skill]]\nid = \"a\"\ntitle = \"A\"\nbody = \"{body}\"\nitems = [\"one\", \"two\"]\n"
        ),
    )
    .unwrap();
    let roadmap =
        roadmap_tui::content::load(&roadmap_tui::content::Source::Dir(dir.path().to_path_buf()))
            .unwrap();
    let mut app = app_with(roadmap, RoadmapProgress::default(), 80, 24);
    press(&mut app, "\t");
    assert_eq!(app.ui.focus, Pane::Skills);
    app.update(Action::Resize(80, 12), common::now());
    app.update(Action::Resize(80, 23), common::now());
    assert_eq!(app.ui.detail_scroll, 0);
    assert!(common::text(&app).contains("[ ] todo"));
}

#[test]
fn the_journal_keeps_its_pick_on_the_same_note() {
    let mut progress = RoadmapProgress::default();
    let now = common::fixed_now();
    progress.set_note("fundamentals", "older", now);
    progress.set_note("read-code", "newer", Stamp::from_unix(now.as_unix() + 60));
    let mut app = app_with(shipped(), progress, 120, 40);
    press(&mut app, "5G");
    let picked = app.ui.journal_entries[app.ui.journal.selected];
    assert_eq!(app.roadmap.skill(picked).id, "fundamentals");
    // Another note becomes the newest: the pick follows "fundamentals".
    let mut progress = app.progress.clone();
    progress.set_note("ecosystem", "newest", Stamp::from_unix(now.as_unix() + 120));
    let synced = Synced {
        progress: Box::new(progress),
        from_disk: true,
    };
    app.update(Action::Saved(Ok(synced)), common::now());
    let picked = app.ui.journal_entries[app.ui.journal.selected];
    assert_eq!(app.roadmap.skill(picked).id, "fundamentals");
}

#[test]
fn cards_scrolled_away_come_back_when_the_screen_grows() {
    let mut app = app(40, 12);
    press(&mut app, "2G");
    assert!(app.ui.tips.offset > 0);
    app.update(Action::Resize(120, 40), common::now());
    assert_eq!(app.ui.tips.offset, 0, "every tip fits at 120x40");
}

#[test]
fn status_note_and_focus_keys_act_on_the_selected_skill_from_the_stages_pane() {
    let mut app = app(120, 40);
    assert_eq!(app.ui.focus, Pane::Stages);
    press(&mut app, "js");
    assert_eq!(app.progress.status("ecosystem"), Status::InProgress);
    press(&mut app, "f");
    assert_eq!(app.progress.focus_skill(), Some("ecosystem"));
    press(&mut app, "n");
    let Some(Overlay::Editor(editor)) = &app.ui.overlay else {
        panic!("n opens the note editor");
    };
    assert_eq!(editor.skill, "ecosystem");
}

#[test]
fn the_detail_pane_shows_when_the_status_last_changed() {
    let mut app = app(120, 40);
    press(&mut app, "ls");
    let text = common::text(&app);
    assert!(
        text.contains("[~] in progress · since 2026-11-18"),
        "{text}"
    );
}

#[test]
fn word_movement_in_the_note_editor() {
    let mut app = app(80, 24);
    press(&mut app, "\tn");
    press(&mut app, "one two three");
    let ctrl_left = KeyEvent::new(KeyCode::Left, KeyModifiers::CONTROL);
    common::key(&mut app, ctrl_left);
    press(&mut app, "X");
    let alt_b = KeyEvent::new(KeyCode::Char('b'), KeyModifiers::ALT);
    common::key(&mut app, alt_b);
    common::key(&mut app, alt_b);
    press(&mut app, "Y");
    let Some(Overlay::Editor(editor)) = &app.ui.overlay else {
        panic!("the editor is open");
    };
    assert_eq!(editor.text(), "one Ytwo Xthree");
}

#[test]
fn a_roadmap_still_loading_shows_its_first_stage_then_everything_keeping_progress() {
    use roadmap_tui::app::App;
    let whole = shipped();
    let mut first_stage_only = whole.clone();
    first_stage_only.stages.truncate(1);
    let mut progress = RoadmapProgress::default();
    // A skill of the third stage: not on the first frame, counted once it is in.
    progress.set_status("system-design", Status::Done, common::fixed_now());
    let first = roadmap_tui::content::Roadmap::new(roadmap_tui::content::RoadmapParts {
        id: whole.id.clone(),
        title: whole.title.clone(),
        stages: first_stage_only.stages.clone(),
        ..Default::default()
    });
    let mut app = App::loading(first, whole.stages.len(), progress, 120, 40);
    app.update(Action::Resize(120, 40), common::now());
    let screen = common::text(&app);
    assert!(screen.contains("Building Solid Foundations"), "{screen}");
    assert!(screen.contains("loading 2 more stages…"), "{screen}");
    assert!(screen.contains("Master the Fundamentals"), "{screen}");

    app.update(Action::Loaded(Box::new(whole.clone())), common::now());
    let screen = common::text(&app);
    assert!(!screen.contains("loading"), "{screen}");
    assert!(screen.contains("Senior and Beyond"), "{screen}");
    assert_eq!(app.stats, Stats::count(&whole, &app.progress));
    assert_eq!(
        app.stats.overall.done, 1,
        "the progress held meanwhile is kept"
    );
}

#[test]
fn a_note_changed_elsewhere_while_being_edited_keeps_both_texts() {
    let mut progress = RoadmapProgress::default();
    progress.set_note("fundamentals", "start", common::fixed_now());
    let mut app = app_with(shipped(), progress, 120, 40);
    press(&mut app, "\tn");
    // Meanwhile another window changed the same note.
    let mut theirs = app.progress.clone();
    theirs.set_note("fundamentals", "from the laptop", common::fixed_now());
    let synced = Synced {
        progress: Box::new(theirs),
        from_disk: true,
    };
    app.update(Action::Saved(Ok(synced)), common::now());
    press(&mut app, "and mine");
    let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    common::key(&mut app, ctrl_s);
    let note = app.progress.note("fundamentals").to_string();
    assert!(note.contains("start\nand mine"), "{note}");
    assert!(note.contains("from the laptop"), "{note}");
    assert!(app.progress.skill("fundamentals").unwrap().note_merged);
    common::saved(&mut app);
    let text = common::text(&app);
    assert!(text.contains("both texts kept"), "{text}");
    // The editor goes on from the merged note.
    let Some(Overlay::Editor(editor)) = &app.ui.overlay else {
        panic!("still editing");
    };
    assert!(editor.text().contains("from the laptop"));
    press(&mut app, "\x1b");
    assert!(
        common::text(&app).contains("merged copies"),
        "{}",
        common::text(&app)
    );
}
