//! The config file: where it is, the file `config init` writes, remaps the
//! keymap, help and hints follow, themes, mouse, and mistakes at their place.

mod common;

use std::fs;
use std::path::Path;

use common::cli::roadmap;
use crossterm::event::{KeyCode, KeyEvent};
use roadmap_tui::app::{Action, Effect};
use roadmap_tui::config::{self, ThemeName};
use roadmap_tui::ui::theme::{Palette, Role};

/// Writes `text` as the config file the commands of `data` read.
fn write_config(data: &Path, text: &str) -> std::path::PathBuf {
    let dir = data.join("config");
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join("config.toml");
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn config_path_names_the_file_in_roadmap_config_dir() {
    let data = tempfile::tempdir().unwrap();
    let run = roadmap(data.path(), &["config", "path"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout.trim(),
        data.path()
            .join("config")
            .join("config.toml")
            .display()
            .to_string()
    );
}

#[test]
fn config_init_writes_every_action_commented_out_and_never_overwrites() {
    let data = tempfile::tempdir().unwrap();
    let run = roadmap(data.path(), &["config", "init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = data.path().join("config/config.toml");
    let text = fs::read_to_string(&path).unwrap();
    for name in roadmap_tui::app::keymap::action_names() {
        assert!(text.contains(&format!("\n# {name} = [")), "{name} missing");
    }
    assert!(text.contains("# quit = [\"q\", \"ctrl-c\"]"), "{text}");
    // As written, it changes nothing.
    let parsed = config::parse("config.toml", &text).unwrap();
    assert_eq!(parsed.keymap, roadmap_tui::app::keymap::Keymap::default());
    assert_eq!(
        (parsed.theme, parsed.palette, parsed.mouse),
        (ThemeName::Dark, Palette::DARK, true)
    );
    // Each commented line, uncommented, is valid on its own.
    for line in text
        .lines()
        .filter(|l| l.starts_with("# ") && l.contains(" = "))
    {
        let setting = line.trim_start_matches("# ");
        let section = if setting.contains(" = [") {
            "[keys]\n"
        } else if setting.starts_with("theme") || setting.starts_with("mouse") {
            ""
        } else {
            "[colors]\n"
        };
        let one = format!("{section}{}", setting.split("    #").next().unwrap());
        assert!(config::parse("config.toml", &one).is_ok(), "{one}");
    }
    fs::write(&path, "mouse = false\n").unwrap();
    let again = roadmap(data.path(), &["config", "init"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("exists"), "{}", again.stderr);
    assert_eq!(fs::read_to_string(&path).unwrap(), "mouse = false\n");
}

#[test]
fn each_mistake_is_reported_at_its_line_and_column_by_every_command() {
    let data = tempfile::tempdir().unwrap();
    let path = write_config(
        data.path(),
        "theme = \"lihgt\"\n[colors]\naccent = \"#12345\"\n[keys]\nquitt = [\"x\"]\nhelp = [\"ctrl-shift-x\"]\nquit = [\"s\"]\n",
    );
    let shown = path.display().to_string();
    for args in [&["status"][..], &["list"], &["export", "--format", "json"]] {
        let run = roadmap(data.path(), args);
        assert_eq!(run.code, 2, "{args:?}");
        let want = [
            format!("{shown}:1:9: unknown theme \"lihgt\" (did you mean \"light\"?)"),
            format!("{shown}:3:10: bad colour \"#12345\""),
            format!("{shown}:5:1: unknown action \"quitt\" (did you mean \"quit\"?)"),
            format!("{shown}:6:9: unknown key name \"ctrl-shift-x\""),
            format!("{shown}:7:8: \"s\" is already status's key in Roadmap view"),
        ];
        for line in want {
            assert!(run.stderr.contains(&line), "{line}\nnot in\n{}", run.stderr);
        }
        assert!(
            run.stderr.contains("the config file has 5 problems"),
            "{}",
            run.stderr
        );
        assert!(run.stdout.is_empty());
    }
    // Its own commands still work, to find and fix it.
    assert_eq!(roadmap(data.path(), &["config", "path"]).code, 0);
}

#[test]
fn a_wrong_type_and_an_unknown_setting_are_mistakes_too() {
    let err = config::parse("c.toml", "mouse = \"no\"\nkeys = 3\ncolour = 1\n").unwrap_err();
    let lines: Vec<String> = err.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "c.toml:1:9: mouse is true or false",
            "c.toml:2:8: [keys] is a table: action = [\"key\", ...]",
            "c.toml:3:1: unknown setting \"colour\" (did you mean \"colors\"?)",
        ]
    );
    let err = config::parse("c.toml", "[keys]\nsave_note = [\"w\"]\n").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("c.toml:2:13: save_note works while text is typed"),
        "{err}"
    );
    let err = config::parse("c.toml", "[keys]\nsave_note = [\"ctrl-w\"]\n").unwrap_err();
    assert!(err.to_string().contains("the note editor's key"), "{err}");
}

#[test]
fn a_remap_moves_the_action_and_the_help_and_hints_follow() {
    let parsed =
        config::parse("c.toml", "[keys]\nquit = [\"x\"]\nstatus = [\"ctrl-t\"]\n").unwrap();
    let mut app = common::app(120, 40);
    app.keymap = parsed.keymap;
    let press = |app: &mut roadmap_tui::app::App, key: KeyEvent| app.action_for_key(&key);
    assert_eq!(press(&mut app, KeyEvent::from(KeyCode::Char('q'))), None);
    assert_eq!(
        press(&mut app, KeyEvent::from(KeyCode::Char('x'))),
        Some(Action::Quit)
    );
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), crossterm::event::KeyModifiers::CONTROL);
    assert_eq!(
        press(&mut app, ctrl_c),
        Some(Action::Quit),
        "Ctrl-C still quits"
    );
    assert!(
        app.update(Action::Quit, common::now())
            .contains(&Effect::Quit)
    );

    let mut app = common::app(120, 40);
    app.keymap = config::parse("c.toml", "[keys]\nquit = [\"x\"]\nstatus = [\"ctrl-t\"]\n")
        .unwrap()
        .keymap;
    let hints = app.hints();
    assert!(hints.contains(&("x".to_string(), "quit")), "{hints:?}");
    common::press(&mut app, "\n");
    assert!(
        app.hints().contains(&("Ctrl-T".to_string(), "status")),
        "{:?}",
        app.hints()
    );
    let footer = common::text(&app);
    assert!(footer.contains("x quit"), "{footer}");
    common::press(&mut app, "?");
    let help = common::text(&app);
    assert!(
        help.contains("x / Ctrl-C") && help.contains("Ctrl-T "),
        "{help}"
    );
    assert!(help.contains("x quits."), "the intro names the key: {help}");
}

#[test]
fn the_light_theme_and_colour_overrides_colour_the_screen() {
    let parsed = config::parse(
        "c.toml",
        "theme = \"light\"\n[colors]\nborder = \"#005fd7\"\n",
    )
    .unwrap();
    assert_eq!(
        parsed.palette.get(Role::Title),
        Palette::LIGHT.get(Role::Title)
    );
    let mut app = common::app(80, 24);
    app.palette = parsed.palette;
    let screen = common::screen(&app);
    let colours: Vec<ratatui::style::Color> =
        screen.buffer().content().iter().map(|c| c.fg).collect();
    let rgb = ratatui::style::Color::Rgb(0x00, 0x5f, 0xd7);
    assert!(
        colours.contains(&rgb),
        "the focused border takes the override"
    );
    assert!(
        !colours.contains(&ratatui::style::Color::Cyan),
        "no cyan on a light background"
    );
    assert!(!colours.contains(&ratatui::style::Color::Yellow));
    let none = config::parse("c.toml", "theme = \"none\"\n").unwrap();
    assert_eq!(none.theme, ThemeName::None);
}

#[cfg(unix)]
#[test]
fn the_app_stops_on_a_bad_config_and_mouse_false_leaves_the_mouse_alone() {
    use common::pty::Pty;
    let data = tempfile::tempdir().unwrap();
    write_config(data.path(), "[keys]\nquit = [\"nope-key\"]\n");
    let mut app = Pty::spawn(&[], data.path(), 80, 24);
    assert_eq!(app.wait_exit(), 2);
    assert!(
        app.screen().contains("config.toml:2:9: unknown key name"),
        "{}",
        app.screen()
    );

    write_config(data.path(), "mouse = false\n[keys]\nquit = [\"x\"]\n");
    let mut app = Pty::spawn(&[], data.path(), 80, 24);
    app.wait_for("Stages");
    app.send("x");
    assert_eq!(app.wait_exit(), 0);
    let raw = String::from_utf8_lossy(&app.raw()).into_owned();
    assert!(
        !raw.contains("\x1b[?1000h"),
        "mouse reporting was turned on"
    );

    write_config(data.path(), "");
    let mut app = Pty::spawn(&[], data.path(), 80, 24);
    app.wait_for("Stages");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    let raw = String::from_utf8_lossy(&app.raw()).into_owned();
    assert!(raw.contains("\x1b[?1000h"), "by default the mouse is on");
}

#[test]
fn a_question_names_its_answers_keys_as_remapped() {
    let mut app = common::app(120, 40);
    app.keymap = config::parse("c.toml", "[keys]\nrate_good = [\"o\"]\nno = [\"N\"]\n")
        .unwrap()
        .keymap;
    app.ui.overlay = Some(roadmap_tui::app::Overlay::Rate {
        skill: "fundamentals".into(),
    });
    let screen = common::text(&app);
    assert!(
        screen.contains("a again   h hard   o good   e easy   Esc not now"),
        "{screen}"
    );
    app.ui.overlay = Some(roadmap_tui::app::Overlay::ConfirmQuit);
    let screen = common::text(&app);
    assert!(screen.contains("y quit   N stay"), "{screen}");
}
