//! The note editor on a note far longer than the screen: it holds only the
//! lines around the screen in its text area, the rest beside it.

mod common;

use common::{app_with, press, shipped};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Modifier;
use roadmap_tui::app::{Action, App, Overlay};
use roadmap_tui::progress::RoadmapProgress;

/// 3,000 numbered lines in paragraphs of five, about 150 KB.
fn long_note() -> String {
    let mut lines = Vec::new();
    for n in 1..=3000 {
        lines.push(format!(
            "Line {n}: what I learned today about this skill, and what to try next."
        ));
        if n % 5 == 0 && n < 3000 {
            lines.push(String::new());
        }
    }
    lines.join("\n")
}

/// The app with the editor open on the first skill's note `note`.
fn editing(note: &str, width: u16, height: u16) -> App {
    let mut progress = RoadmapProgress::default();
    progress.set_note("fundamentals", note, common::fixed_now());
    let mut app = app_with(shipped(), progress, width, height);
    press(&mut app, "ln");
    assert!(matches!(app.ui.overlay, Some(Overlay::Editor(_))));
    app
}

/// The editor's text, less the fresh line it opens an existing note on.
fn text(app: &App) -> String {
    match &app.ui.overlay {
        Some(Overlay::Editor(editor)) => editor
            .text()
            .strip_suffix('\n')
            .expect("opened on a fresh line")
            .to_string(),
        _ => panic!("the editor is open"),
    }
}

fn key(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    common::key(app, KeyEvent::new(code, modifiers));
}

/// The screen's row with the cursor (the one cell of the body drawn
/// reversed) and its column.
fn cursor(app: &App) -> (String, u16) {
    let backend = common::screen(app);
    let buf = backend.buffer();
    let mut found = None;
    for y in 1..buf.area.height - 1 {
        for x in 0..buf.area.width {
            if buf[(x, y)].modifier.contains(Modifier::REVERSED) {
                assert!(found.is_none(), "one cursor");
                found = Some((y, x));
            }
        }
    }
    let (y, x) = found.expect("the cursor is on screen");
    let row = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
    (row, x)
}

#[test]
fn typing_at_the_top_of_a_long_note_and_undoing_it_all_gives_the_note_back() {
    let note = long_note();
    let mut app = editing(&note, 100, 30);
    assert!(common::text(&app).contains("Line 3000: what I learned"));
    key(
        &mut app,
        KeyCode::Up,
        KeyModifiers::CONTROL | KeyModifiers::ALT,
    );
    key(&mut app, KeyCode::Home, KeyModifiers::NONE);
    let screen = common::text(&app);
    assert!(screen.contains("Line 1: what I learned"), "{screen}");
    assert!(!screen.contains("Line 3000:"), "{screen}");

    press(&mut app, "New first words ");
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    key(&mut app, KeyCode::Down, KeyModifiers::NONE);
    key(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    app.update(
        Action::Paste("pasted\nacross lines\n".into()),
        common::now(),
    );
    let edited = text(&app);
    assert!(
        edited.starts_with("New first words \nLine 1: what I learned"),
        "{}",
        &edited[..200]
    );
    assert_ne!(edited, note);
    let ctrl_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
    for _ in 0..7 {
        common::key(&mut app, ctrl_z);
    }
    let undone = text(&app);
    let at = undone
        .bytes()
        .zip(note.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    assert!(
        undone == note,
        "every line as it was: {:?} / {:?}",
        &undone[at.saturating_sub(80)..(at + 80).min(undone.len())],
        &note[at.saturating_sub(80)..(at + 80).min(note.len())]
    );
    let ctrl_y = KeyEvent::new(KeyCode::Char('y'), KeyModifiers::CONTROL);
    for _ in 0..7 {
        common::key(&mut app, ctrl_y);
    }
    assert_eq!(text(&app), edited, "and redone");
    for _ in 0..7 {
        common::key(&mut app, ctrl_z);
    }
    assert!(!common::text(&app).contains("not saved yet"), "undone");
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(app.progress.note("fundamentals"), note);
    assert!(!app.save.dirty, "nothing changed");
}

#[test]
fn the_status_bar_says_whether_the_long_note_in_the_editor_is_saved() {
    let mut app = editing(&long_note(), 100, 30);
    let unsaved = |app: &App| common::text(app).contains("● note not saved yet");
    assert!(!unsaved(&app));
    press(&mut app, "more");
    assert!(unsaved(&app));
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    common::key(&mut app, ctrl('z'));
    common::key(&mut app, ctrl('z'));
    assert!(!unsaved(&app), "undone to the note");
    common::key(&mut app, ctrl('y'));
    common::key(&mut app, ctrl('y'));
    assert!(unsaved(&app), "redone");
    common::key(&mut app, ctrl('s'));
    assert!(!unsaved(&app), "saved");
    assert!(
        app.progress
            .note("fundamentals")
            .ends_with("try next.\nmore")
    );
    common::key(&mut app, ctrl('z'));
    assert!(unsaved(&app), "undone past the save");
}

#[test]
fn moving_through_a_long_note_shows_the_lines_around_the_cursor() {
    let mut app = editing(&long_note(), 100, 30);
    key(
        &mut app,
        KeyCode::Up,
        KeyModifiers::CONTROL | KeyModifiers::ALT,
    );
    // Twenty paragraphs down, then a page and back: the screen follows.
    for _ in 0..20 {
        key(&mut app, KeyCode::Down, KeyModifiers::CONTROL);
    }
    let (row, _) = cursor(&app);
    assert!(row.contains("Line 101: what I learned"), "{row}");
    key(&mut app, KeyCode::PageDown, KeyModifiers::NONE);
    let (row, _) = cursor(&app);
    let screen = common::text(&app);
    assert!(!screen.contains("Line 101:"), "{screen}");
    assert!(row.contains("Line 1"), "{row}");
    key(&mut app, KeyCode::PageUp, KeyModifiers::NONE);
    assert!(common::text(&app).contains("Line 101: what I learned"));
    // Thirty rows down from the top: five paragraphs of five lines and a blank.
    key(
        &mut app,
        KeyCode::Up,
        KeyModifiers::CONTROL | KeyModifiers::ALT,
    );
    for _ in 0..30 {
        key(&mut app, KeyCode::Down, KeyModifiers::NONE);
    }
    let (row, _) = cursor(&app);
    assert!(row.contains("Line 26: what I learned"), "{row}");
    key(
        &mut app,
        KeyCode::Down,
        KeyModifiers::CONTROL | KeyModifiers::ALT,
    );
    key(&mut app, KeyCode::Up, KeyModifiers::NONE);
    let (row, _) = cursor(&app);
    assert!(row.contains("Line 3000: what I learned"), "{row}");
}

#[test]
fn a_long_wrapped_line_in_a_long_note_shows_its_cursor_as_it_is_typed_on() {
    let mut note = long_note();
    let long = "word ".repeat(400);
    note = note.replacen(
        "Line 1500: what I learned today about this skill, and what to try next.",
        &format!("Line 1500: {}", long.trim_end()),
        1,
    );
    let mut app = editing(&note, 80, 24);
    key(
        &mut app,
        KeyCode::Up,
        KeyModifiers::CONTROL | KeyModifiers::ALT,
    );
    for _ in 0..300 {
        key(&mut app, KeyCode::Down, KeyModifiers::CONTROL);
    }
    let (row, _) = cursor(&app);
    assert!(row.contains("Line 1501:"), "{row}");
    // Up to the long line's last wrapped row, to its end, and type there.
    key(&mut app, KeyCode::Up, KeyModifiers::NONE);
    key(&mut app, KeyCode::Up, KeyModifiers::NONE);
    key(&mut app, KeyCode::End, KeyModifiers::NONE);
    press(&mut app, "END");
    let (row, x) = cursor(&app);
    assert!(row.contains("wordEND"), "{row}");
    assert_eq!(row.chars().nth(usize::from(x) - 1), Some('D'), "{row}");
    assert!(text(&app).contains(&format!("Line 1500: {}END\n", long.trim_end())));
    // A smaller terminal wraps it again and still shows the cursor after it.
    app.update(Action::Resize(50, 12), common::now());
    press(&mut app, "!");
    let (row, _) = cursor(&app);
    assert!(row.contains("END!"), "{row}");
}

#[test]
fn a_terminal_grown_while_editing_shows_the_note_below_the_cursor() {
    let mut app = editing(&long_note(), 100, 12);
    key(
        &mut app,
        KeyCode::Up,
        KeyModifiers::CONTROL | KeyModifiers::ALT,
    );
    app.update(Action::Resize(100, 50), common::now());
    let screen = common::text(&app);
    for n in [1, 20, 38] {
        assert!(
            screen.contains(&format!("Line {n}: what I learned")),
            "{n}: {screen}"
        );
    }
}
