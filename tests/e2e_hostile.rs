//! A hostile content pack and a hostile note: every escape sequence and
//! control character in titles, prose, items, tips, the table and a note must
//! reach the terminal escaped or removed, never raw.
// Driven through a Unix pseudo-terminal, with Unix signals and shell scripts.
#![cfg(unix)]

mod common;

use common::fixture;
use common::pty::Pty;

const ENTER: &str = "\r";
const ESC: &str = "\x1b";

const HOSTILE_NOTE: &str = r#"version = 1

[roadmaps.hostile.skills.titles]
note = "Note \u001b]0;pwned-note\u0007 with \u009b2J and \u202ebidi\u202c and \u001b]52;c;eA==\u0007"
note_changed = "2026-11-18T09:46:40Z"
"#;

/// Sequences a terminal would act on; none may appear in what the app writes.
const FORBIDDEN: &[(&str, &[u8])] = &[
    ("OSC (title, clipboard, hyperlink)", b"\x1b]"),
    ("DCS", b"\x1bP"),
    ("APC", b"\x1b_"),
    ("BEL", b"\x07"),
    ("C1 NEL", "\u{85}".as_bytes()),
    ("C1 CSI", "\u{9b}".as_bytes()),
    ("C1 OSC", "\u{9d}".as_bytes()),
    ("RLO", "\u{202e}".as_bytes()),
    ("PDF", "\u{202c}".as_bytes()),
    ("LRI", "\u{2066}".as_bytes()),
    ("PDI", "\u{2069}".as_bytes()),
    ("cursor move to 10;10", b"\x1b[10;10H\x1b[2J"),
    ("erase scrollback", b"\x1b[3J"),
    ("blink", b"\x1b[5m"),
];

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

#[test]
fn a_hostile_pack_and_note_render_with_no_raw_control_sequences() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("progress.toml"), HOSTILE_NOTE).unwrap();
    let pack = fixture("hostile");
    let mut app = Pty::spawn(&["--content", pack.to_str().unwrap()], data.path(), 120, 40);
    app.wait_for("pwned-title");
    app.wait_for("␛]0;pwned-skill␇");

    // Every view, pane and overlay that shows content or the note.
    app.send(ENTER);
    app.send(ENTER);
    app.wait_for("Pneumonoultramicroscopic");
    app.wait_for("pwned-note");
    for key in ["j", "j", "j", "2", "3", "4", "5", "1", "?"] {
        app.send(key);
        std::thread::sleep(std::time::Duration::from_millis(60));
    }
    app.wait_for("Everywhere");
    app.send(ESC);
    app.wait_gone("Everywhere");
    app.send("/");
    app.type_keys("pwned-skill");
    app.wait_for("1 match");
    app.send(ENTER);
    app.send("n");
    app.wait_for("Note · Skill");
    // A bracketed paste carrying a bell, a C1 CSI and a bidi override.
    app.send("\x1b[200~pasted \x07 bell \u{9b}31m c1 \u{202e}bidi\x1b[201~");
    app.wait_for("pasted ␇ bell");
    app.send(ESC);
    app.wait_gone("Note · Skill");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);

    let raw = app.raw();
    for (what, bytes) in FORBIDDEN {
        assert_eq!(count(&raw, bytes), 0, "{what} reached the terminal");
    }
    // The app clears the screen once, entering it; the pack's clears do not.
    assert_eq!(
        count(&raw, b"\x1b[2J"),
        1,
        "only the app's own screen clear"
    );

    let saved = std::fs::read_to_string(data.path().join("progress.toml")).unwrap();
    assert!(
        saved.contains("pasted ␇ bell �31m c1 bidi"),
        "the pasted text is kept, made safe: {saved}"
    );
}

#[test]
fn commands_print_hostile_content_safely_to_a_terminal() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("progress.toml"), HOSTILE_NOTE).unwrap();
    let pack = fixture("hostile");
    for args in [
        vec!["status"],
        vec!["list"],
        vec!["export", "--format", "md"],
        vec!["export", "--format", "json"],
        vec!["done", "titles"],
    ] {
        let mut all = vec!["--content", pack.to_str().unwrap()];
        all.extend(args.iter());
        let mut run = Pty::spawn(&all, data.path(), 120, 40);
        assert_eq!(run.wait_exit(), 0, "{args:?}: {}", run.screen());
        let raw = run.raw();
        for (what, bytes) in FORBIDDEN {
            assert_eq!(
                count(&raw, bytes),
                0,
                "{args:?}: {what} reached the terminal"
            );
        }
        assert_eq!(
            count(&raw, b"\x1b[2J"),
            0,
            "{args:?}: a screen clear reached the terminal"
        );
    }
}
