//! The pack picker (`P`): picking another roadmap to follow in the app.

mod common;

use roadmap_tui::app::{Action, Effect, OpenedPack, Overlay};
use roadmap_tui::content::{Source, load};
use roadmap_tui::packs::PackSummary;
use roadmap_tui::progress::RoadmapProgress;

fn summary(id: &str, title: &str, problem: Option<&str>) -> PackSummary {
    PackSummary {
        id: id.into(),
        title: title.into(),
        done: 0,
        total: 2,
        shipped: id == "beyond-syntax",
        problem: problem.map(str::to_string),
    }
}

/// The effects of pressing `code` in the app.
fn type_key(app: &mut roadmap_tui::app::App, code: crossterm::event::KeyCode) -> Vec<Effect> {
    let event = crossterm::event::KeyEvent::from(code);
    let action = app.action_for_key(&event).expect("the key is bound");
    app.update(action, common::now())
}

#[test]
fn p_asks_for_the_packs_and_the_picker_starts_on_the_one_open() {
    use crossterm::event::KeyCode;
    let mut app = common::app(120, 40);
    assert_eq!(
        type_key(&mut app, KeyCode::Char('P')),
        vec![Effect::ListPacks]
    );
    app.update(
        Action::Packs(vec![
            summary("a-first", "A First", None),
            summary("beyond-syntax", "Beyond Syntax", None),
            summary("broken", "", Some("roadmap.toml:1:1: bad")),
        ]),
        common::now(),
    );
    let Some(Overlay::Packs(picker)) = &app.ui.overlay else {
        panic!("no picker");
    };
    assert_eq!(picker.selected, 1);
    let screen = common::text(&app);
    assert!(
        screen.contains("Packs") && screen.contains("A First"),
        "{screen}"
    );
    assert!(
        screen.contains("does not load: roadmap.toml:1:1: bad"),
        "{screen}"
    );

    // The open one again: the picker closes, nothing is loaded.
    assert!(type_key(&mut app, KeyCode::Enter).is_empty());
    assert!(app.ui.overlay.is_none());

    type_key(&mut app, KeyCode::Char('P'));
    app.update(
        Action::Packs(vec![
            summary("a-first", "A First", None),
            summary("beyond-syntax", "Beyond Syntax", None),
            summary("broken", "", Some("roadmap.toml:1:1: bad")),
        ]),
        common::now(),
    );
    // One that does not load is refused, saying why.
    type_key(&mut app, KeyCode::Down);
    assert!(type_key(&mut app, KeyCode::Enter).is_empty());
    assert!(matches!(app.ui.overlay, Some(Overlay::Packs(_))));
    let message = app
        .ui
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(message.contains("does not load"), "{message}");
    type_key(&mut app, KeyCode::Char('g'));
    assert_eq!(
        type_key(&mut app, KeyCode::Enter),
        vec![Effect::OpenPack("a-first".into())]
    );
}

#[test]
fn esc_closes_the_picker_and_leaves_the_roadmap_as_it_was() {
    use crossterm::event::KeyCode;
    let mut app = common::app(80, 24);
    type_key(&mut app, KeyCode::Char('P'));
    app.update(
        Action::Packs(vec![summary("beyond-syntax", "B", None)]),
        common::now(),
    );
    assert!(type_key(&mut app, KeyCode::Esc).is_empty());
    assert!(app.ui.overlay.is_none());
    assert_eq!(app.roadmap.id, "beyond-syntax");
}

#[test]
fn the_pack_opened_replaces_the_roadmap_on_screen() {
    let pack = common::small_pack(
        "id = \"s\"\ntitle = \"Only Stage\"\n[[skill]]\nid = \"k\"\ntitle = \"Only Skill\"\n",
    );
    let roadmap = load(&Source::Dir(pack.path().to_path_buf())).unwrap();
    let mut app = common::app(100, 30);
    app.update(
        Action::PackOpened(Ok(Box::new(OpenedPack {
            roadmap,
            progress: RoadmapProgress::default(),
            warning: None,
        }))),
        common::now(),
    );
    assert_eq!(app.roadmap.id, "t");
    assert_eq!((app.ui.width, app.ui.height), (100, 30));
    let screen = common::text(&app);
    assert!(
        screen.contains("Only Skill") && screen.contains("Opened T."),
        "{screen}"
    );

    app.update(Action::PackOpened(Err("why".into())), common::now());
    assert_eq!(app.roadmap.id, "t");
    let screen = common::text(&app);
    assert!(screen.contains("Not opened: why"), "{screen}");
}

#[cfg(unix)]
fn add_pack(data: &std::path::Path) {
    use std::fs;
    let src = tempfile::tempdir().unwrap();
    fs::create_dir_all(src.path().join("stages")).unwrap();
    fs::write(
        src.path().join("roadmap.toml"),
        "id = \"knots\"\ntitle = \"Knots\"\n",
    )
    .unwrap();
    fs::write(
        src.path().join("stages/01.toml"),
        "id = \"basic\"\ntitle = \"Basic Knots\"\n[[skill]]\nid = \"bowline\"\ntitle = \"Tie a Bowline\"\n",
    )
    .unwrap();
    let added = common::cli::roadmap(data, &["add", src.path().to_str().unwrap()]);
    assert_eq!(added.code, 0, "{}", added.stderr);
}

#[cfg(unix)]
#[test]
fn a_pack_picked_in_the_app_is_the_one_it_opens_next_time() {
    use common::pty::Pty;
    let data = tempfile::tempdir().unwrap();
    add_pack(data.path());
    let mut app = Pty::spawn(&[], data.path(), 100, 30);
    app.wait_for("Building Solid Foundations");
    // A tick on the shipped roadmap, not yet saved, goes to disk before the switch.
    app.send("\r ");
    app.wait_for("[x] Master the Fundamentals");
    app.send("P");
    app.wait_for("Knots");
    app.send("j\r");
    app.wait_for("Tie a Bowline");
    app.send("\r ");
    app.wait_for("[x] Tie a Bowline");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);

    let list = common::cli::roadmap(data.path(), &["--pack", "beyond-syntax", "list"]);
    assert!(
        list.stdout.starts_with("fundamentals\tdone"),
        "{}",
        list.stdout
    );
    assert_eq!(
        common::cli::roadmap(data.path(), &["list"]).stdout,
        "bowline\tdone\tTie a Bowline\n"
    );
    let mut again = Pty::spawn(&[], data.path(), 100, 30);
    again.wait_for("Tie a Bowline");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
}
