//! The README stays true: its key table is the keymap, its commands run.

use std::fmt::Write as _;

use roadmap_tui::app::keymap::{Keymap, help_sections};

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// The key table as the README shows it, made from the keymap.
fn key_table() -> String {
    let mut out = String::new();
    for (title, lines) in help_sections(&Keymap::default()) {
        let _ = writeln!(
            out,
            "\n**{title}**\n\n| Key | Action | Name in `[keys]` |\n|---|---|---|"
        );
        for (keys, what, name) in lines {
            let keys = keys.replace('|', "\\|");
            let name = name.map_or_else(|| "—".to_string(), |n| format!("`{n}`"));
            let _ = writeln!(out, "| `{keys}` | {what} | {name} |");
        }
    }
    out
}

#[test]
fn the_readme_key_table_is_the_keymap() {
    let table = key_table();
    if std::env::var_os("PRINT_KEY_TABLE").is_some() {
        println!("{table}");
    }
    assert!(
        readme().contains(table.trim()),
        "README's key table differs from the keymap; run\n  PRINT_KEY_TABLE=1 cargo test --test readme -- --nocapture\nand paste it"
    );
}

#[test]
fn the_readme_names_the_two_commands_a_newcomer_needs() {
    let readme = readme();
    assert!(readme.contains("cargo run --release"));
    assert!(readme.contains("cargo test --locked"));
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    assert!(
        ci.contains("cargo test --locked"),
        "CI runs the README's test command"
    );
}

#[test]
fn the_readme_start_screen_is_what_the_app_draws() {
    use jiff::tz::TimeZone;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use roadmap_tui::app::{Action, App};
    use roadmap_tui::content::{self, Source};
    use roadmap_tui::progress::RoadmapProgress;

    let roadmap = content::load(&Source::Embedded).unwrap();
    let mut app =
        App::new(roadmap, RoadmapProgress::default(), 120, 40).with_time_zone(TimeZone::UTC);
    app.update(Action::Resize(120, 40), roadmap_tui::time::Now::real());
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| roadmap_tui::ui::draw(&app, f)).unwrap();
    let buf = terminal.backend().buffer();
    let mut drawn = String::new();
    for y in 0..40 {
        let line: String = (0..120).map(|x| buf[(x, y)].symbol().to_string()).collect();
        drawn.push_str(line.trim_end());
        drawn.push('\n');
    }
    let readme = readme();
    let start = readme
        .find("The start screen at 120x40:\n\n```\n")
        .expect("the capture")
        + 33;
    let end = start + readme[start..].find("```").unwrap();
    assert_eq!(
        &readme[start..end],
        drawn,
        "README's start screen is out of date"
    );
}
