//! The README stays true: its key table is the keymap, its commands run.

use roadmap_tui::app::keymap::help_sections;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// The key table as the README shows it, made from the keymap.
fn key_table() -> String {
    let mut out = String::new();
    for (title, lines) in help_sections() {
        out.push_str(&format!("\n**{title}**\n\n| Key | Action |\n|---|---|\n"));
        for (keys, what) in lines {
            let keys = keys.replace('|', "\\|");
            out.push_str(&format!("| `{keys}` | {what} |\n"));
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
