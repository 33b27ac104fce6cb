//! Progress and notes survive what users do to them, tried on the real
//! binary in a pseudo-terminal: kill -9, a second window, a corrupt file,
//! an unwritable data directory, a note in the middle of being written.
// Driven through a Unix pseudo-terminal, with Unix signals and shell scripts.
#![cfg(unix)]

mod common;

use std::time::{Duration, Instant};

use common::pty::Pty;

const ENTER: &str = "\r";
const ESC: &str = "\x1b";

fn progress_text(dir: &std::path::Path) -> String {
    std::fs::read_to_string(dir.join("progress.toml")).unwrap_or_default()
}

/// Waits up to `limit` for the progress file to contain `needle`.
fn saved_within(dir: &std::path::Path, needle: &str, limit: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if progress_text(dir).contains(needle) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

#[test]
fn kill_9_right_after_a_tick_loses_at_most_a_second_and_the_lock_does_not_block() {
    let data = tempfile::tempdir().unwrap();
    let mut app = Pty::spawn(&[], data.path(), 120, 40);
    app.wait_for("Stages");
    app.send(&format!("{ENTER} "));
    app.wait_for("[x] Master the Fundamentals");
    assert!(
        saved_within(data.path(), "status = \"done\"", Duration::from_secs(1)),
        "autosaved within a second"
    );
    app.signal("KILL");
    app.wait_exit();

    let mut again = Pty::spawn(&[], data.path(), 120, 40);
    again.wait_for("[x] Master the Fundamentals");
    assert!(
        !again.screen().contains("read-only"),
        "the dead process's lock does not block"
    );
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
}

#[test]
fn a_note_with_unicode_and_two_lines_is_kept_and_shown_again() {
    let data = tempfile::tempdir().unwrap();
    let mut app = Pty::spawn(&[], data.path(), 120, 40);
    app.wait_for("Stages");
    app.send(&format!("{ENTER}n"));
    app.wait_for("Note · Master the Fundamentals");
    app.type_keys("Größe of 日本語 🦀");
    app.send(ENTER);
    app.type_keys("second line");
    app.send(ESC);
    app.wait_gone("Note · Master the Fundamentals");
    app.wait_for("second line");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    assert!(
        progress_text(data.path()).contains("Größe of 日本語 🦀\nsecond line"),
        "{}",
        progress_text(data.path())
    );

    let mut again = Pty::spawn(&[], data.path(), 120, 40);
    again.wait_for("Stages");
    again.send("5");
    again.wait_for("Journal · 1 note");
    again.wait_for("Größe of 日本語 🦀");
    again.send(ENTER);
    again.wait_for("second line");
    again.send("q");
    again.wait_exit();
}

#[test]
fn a_corrupt_progress_file_stops_the_app_and_stays_byte_for_byte() {
    let data = tempfile::tempdir().unwrap();
    let bytes = b"version = 1\n[roadmaps.beyond-syntax.skills.fundamentals]\nstatus = 42\n";
    std::fs::write(data.path().join("progress.toml"), bytes).unwrap();
    let mut app = Pty::spawn(&[], data.path(), 120, 40);
    let code = app.wait_exit();
    assert_eq!(code, 1);
    // The reader thread may still be catching up with what was written.
    app.wait_for("progress.toml:3:");
    assert_eq!(
        std::fs::read(data.path().join("progress.toml")).unwrap(),
        bytes
    );
}

#[test]
fn an_unwritable_data_directory_keeps_the_app_running_and_asks_before_quitting() {
    let base = tempfile::tempdir().unwrap();
    let blocker = base.path().join("file");
    std::fs::write(&blocker, b"").unwrap();
    let data = blocker.join("data");
    let mut app = Pty::spawn(&[], &data, 100, 30);
    app.wait_for("Stages");
    // Said at once, before any change is lost.
    app.wait_for("not saved:");
    app.send(&format!("{ENTER} "));
    app.wait_for("[x] Master the Fundamentals");
    app.wait_for("not saved:");
    app.send("j ");
    app.wait_for("[x] Write Tests From Day One");
    app.wait_for("not saved:");
    app.send("q");
    app.wait_for("Quit without saving?");
    app.send("n");
    app.wait_gone("Quit without saving?");
    app.send("q");
    app.wait_for("Quit without saving?");
    app.send("y");
    assert_eq!(app.wait_exit(), 1, "changes were lost: not a success");
    assert!(
        app.screen()
            .contains("quit without saving the last changes"),
        "said once the screen is back"
    );
}

#[test]
fn a_note_being_written_is_kept_as_a_draft_and_offered_back() {
    let data = tempfile::tempdir().unwrap();
    let mut app = Pty::spawn(&[], data.path(), 120, 40);
    app.wait_for("Stages");
    app.send(&format!("{ENTER}n"));
    app.wait_for("Note · Master the Fundamentals");
    app.type_keys("unfinished thought");
    assert!(
        saved_within(data.path(), "unfinished thought", Duration::from_secs(5)),
        "draft saved within a few seconds"
    );
    app.signal("KILL");
    app.wait_exit();

    // Keys typed as the app starts (here: "write a note", the answer "n"
    // to a question not yet read) do not answer the draft question.
    let mut again = Pty::spawn(&[], data.path(), 120, 40);
    again.send(&format!("{ENTER}n"));
    again.wait_for("Recovered draft");
    std::thread::sleep(Duration::from_millis(400));
    assert!(
        again.screen().contains("Recovered draft"),
        "{}",
        again.screen()
    );
    assert!(progress_text(data.path()).contains("unfinished thought"));
    again.send("y");
    again.wait_for("Note · Master the Fundamentals");
    again.wait_for("unfinished thought");
    again.send(ESC);
    again.wait_gone("Note · Master the Fundamentals");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
    let text = progress_text(data.path());
    assert!(text.contains("note = \"unfinished thought\""), "{text}");
    assert!(!text.contains("draft"), "{text}");
}

#[test]
fn a_review_in_the_app_reads_the_note_adds_a_line_and_rates_it() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(
        data.path().join("progress.toml"),
        "version = 1\n[roadmaps.beyond-syntax.skills.fundamentals]\nstatus = \"done\"\nchanged = 2026-01-01\nnote = \"the data model\"\nnote_changed = 2026-01-01\n",
    )
    .unwrap();
    let mut app = Pty::spawn(&[], data.path(), 120, 40);
    app.wait_for("Stages");
    app.send("6");
    app.wait_for("Reviews due");
    app.wait_for("Master the Fundamentals · due 2026-01-04");
    app.send("r");
    app.wait_for("the data model");
    app.type_keys("and dunder methods");
    app.send(ESC);
    app.wait_for("How well could you explain");
    app.send("g");
    app.wait_for("Reviewed (good): next review");
    app.wait_for("None today.");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    let text = progress_text(data.path());
    assert!(
        text.contains("the data model\nand dunder methods"),
        "{text}"
    );
    assert!(
        text.contains("[roadmaps.beyond-syntax.skills.fundamentals.review]"),
        "{text}"
    );
    assert!(
        text.contains("kind = \"review\", rating = \"good\""),
        "{text}"
    );
}
