//! progress.toml has many writers, tried on the real binary in a
//! pseudo-terminal: two windows, a command run while the app is open, a
//! file replaced by rename under it (as sync tools do), and a file with
//! conflict markers that is fixed later. Nothing is overwritten unseen.
// Driven through a Unix pseudo-terminal.
#![cfg(unix)]

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::cli::roadmap;
use common::pty::Pty;

const ENTER: &str = "\r";

fn progress_text(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("progress.toml")).unwrap_or_default()
}

/// How long the app may take to show a change made on disk: it looks
/// every second.
const NOTICED_WITHIN: Duration = Duration::from_secs(3);

/// Waits for `needle` on `app`'s screen and says how long that took.
fn noticed(app: &Pty, needle: &str) -> Duration {
    let start = Instant::now();
    app.wait_for(needle);
    start.elapsed()
}

/// The app on `data`, with the first skill ticked.
fn open_and_tick(data: &Path) -> Pty {
    let mut app = Pty::spawn(&[], data, 120, 40);
    app.wait_for("Stages");
    app.send(&format!("{ENTER} "));
    app.wait_for("[x] Master the Fundamentals");
    app
}

/// Waits up to 5 s for `done`; panics saying `what` did not happen.
fn within_5s(what: &str, done: impl Fn() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(5), "{what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Replaces the progress file by rename, as git and sync tools do.
fn replace_by_rename(dir: &Path, text: &str) {
    let staged = dir.join(".incoming.tmp");
    std::fs::write(&staged, text).unwrap();
    std::fs::rename(&staged, dir.join("progress.toml")).unwrap();
}

#[test]
fn two_windows_both_write_and_each_shows_what_the_other_did() {
    let data = tempfile::tempdir().unwrap();
    let mut first = Pty::spawn(&[], data.path(), 120, 40);
    let mut second = Pty::spawn(&[], data.path(), 120, 40);
    first.wait_for("Stages");
    second.wait_for("Stages");
    first.send(&format!("{ENTER} "));
    first.wait_for("[x] Master the Fundamentals");
    let took = noticed(&second, "[x] Master the Fundamentals");
    assert!(took < NOTICED_WITHIN, "{took:?}");
    second.wait_for("Updated from disk: 1 change");
    second.send(&format!("{ENTER}j "));
    second.wait_for("[x] Write Tests From Day One");
    let took = noticed(&first, "[x] Write Tests From Day One");
    assert!(took < NOTICED_WITHIN, "{took:?}");
    for window in [&mut first, &mut second] {
        window.send("q");
        assert_eq!(window.wait_exit(), 0);
    }
    let saved = progress_text(data.path());
    assert!(
        saved.contains("skills.fundamentals") && saved.contains("skills.tests-from-day-one"),
        "{saved}"
    );
}

#[test]
fn a_command_run_while_the_app_is_open_works_and_shows_in_the_app() {
    let data = tempfile::tempdir().unwrap();
    let mut app = open_and_tick(data.path());
    let run = roadmap(data.path(), &["done", "tests-from-day-one"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let took = noticed(&app, "[x] Write Tests From Day One");
    assert!(took < NOTICED_WITHIN, "{took:?}");
    app.wait_for("2/9 done");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    let list = roadmap(data.path(), &["list", "--status", "done"]).stdout;
    assert!(
        list.contains("fundamentals") && list.contains("tests-from-day-one"),
        "{list}"
    );
}

#[test]
fn a_file_replaced_by_rename_under_the_app_is_merged_in_not_overwritten() {
    let data = tempfile::tempdir().unwrap();
    let mut app = open_and_tick(data.path());
    // Wait for the save, then another machine's version arrives.
    within_5s("never saved", || {
        progress_text(data.path()).contains("fundamentals")
    });
    let mut incoming = progress_text(data.path());
    incoming.push_str(
        "\n[roadmaps.beyond-syntax.skills.tests-from-day-one]\nstatus = \"skipped\"\nchanged = 2026-01-01\nnote = \"written on the laptop\"\nnote_changed = 2026-01-01\n",
    );
    replace_by_rename(data.path(), &incoming);
    let took = noticed(&app, "[-] Write Tests From Day One");
    assert!(took < NOTICED_WITHIN, "{took:?}");
    app.wait_for("Updated from disk: 2 changes");
    // A change made now keeps the incoming one.
    app.send("j ");
    app.wait_for("[x] Write Tests From Day One");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    let saved = progress_text(data.path());
    assert!(saved.contains("written on the laptop"), "{saved}");
    assert!(saved.contains("skills.fundamentals"), "{saved}");
}

#[test]
fn a_file_with_conflict_markers_is_left_alone_until_fixed_and_nothing_is_lost() {
    let data = tempfile::tempdir().unwrap();
    assert_eq!(roadmap(data.path(), &["start", "fundamentals"]).code, 0);
    let good = progress_text(data.path());
    let mut app = Pty::spawn(&[], data.path(), 120, 40);
    app.wait_for("[~] Master the Fundamentals");
    let conflicted = format!("<<<<<<< HEAD\n{good}=======\n{good}>>>>>>> laptop\n");
    replace_by_rename(data.path(), &conflicted);
    app.wait_for("progress.toml:1:1: an unresolved merge conflict");
    app.wait_for("Not saving over it");
    // A change made meanwhile waits beside the file, which is not touched.
    app.send(&format!("{ENTER}j "));
    app.wait_for("[x] Write Tests From Day One");
    let pending = data.path().join("progress.pending.toml");
    within_5s("never kept aside", || {
        std::fs::read_to_string(&pending).is_ok_and(|t| t.contains("tests-from-day-one"))
    });
    assert_eq!(progress_text(data.path()), conflicted, "byte for byte");
    // Commands refuse too, with the place.
    let run = roadmap(data.path(), &["done", "ecosystem"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("progress.toml:1:1"), "{}", run.stderr);

    // The user resolves the conflict (keeping one side): all goes in.
    replace_by_rename(data.path(), &good);
    let took = noticed(&app, "reads again");
    assert!(took < NOTICED_WITHIN, "{took:?}");
    app.wait_gone("Not saving over it");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    let saved = progress_text(data.path());
    assert!(saved.contains("skills.tests-from-day-one"), "{saved}");
    assert!(saved.contains("in-progress"), "{saved}");
    assert!(!pending.exists());
}

#[test]
fn a_change_made_while_the_file_cannot_be_read_survives_a_kill() {
    let data = tempfile::tempdir().unwrap();
    assert_eq!(roadmap(data.path(), &["start", "fundamentals"]).code, 0);
    let good = progress_text(data.path());
    let mut app = Pty::spawn(&[], data.path(), 120, 40);
    app.wait_for("[~] Master the Fundamentals");
    replace_by_rename(data.path(), "version = 2\n");
    app.wait_for("newer roadmap-tui");
    app.send(&format!("{ENTER}j "));
    app.wait_for("[x] Write Tests From Day One");
    let pending = data.path().join("progress.pending.toml");
    within_5s("never kept aside", || {
        std::fs::read_to_string(&pending).is_ok_and(|t| t.contains("tests-from-day-one"))
    });
    app.signal("KILL");
    app.wait_exit();
    assert_eq!(progress_text(data.path()), "version = 2\n");
    // Back to a file this version reads: the next start takes the change in.
    replace_by_rename(data.path(), &good);
    let mut again = Pty::spawn(&[], data.path(), 120, 40);
    again.wait_for("[x] Write Tests From Day One");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
    assert!(progress_text(data.path()).contains("skills.tests-from-day-one"));
    assert!(!pending.exists());
}
