//! The real binary in a pseudo-terminal: start, keys, views, search, resize,
//! quit, signals and the no-terminal error, read off the emulated screen.
// Driven through a Unix pseudo-terminal, with Unix signals and shell scripts.
#![cfg(unix)]

mod common;

use common::pty::Pty;

const ESC: &str = "\x1b";
const ENTER: &str = "\r";
const DOWN: &str = "\x1b[B";

fn data_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn progress(dir: &tempfile::TempDir) -> String {
    std::fs::read_to_string(dir.path().join("progress.toml")).unwrap_or_default()
}

#[test]
fn a_new_user_session_start_help_navigate_tick_views_search_quit() {
    let data = data_dir();
    let mut app = Pty::spawn(&[], data.path(), 120, 40);
    app.wait_for("Building Solid Foundations");
    app.wait_for("Master the Fundamentals");
    assert!(app.screen().contains("0/9 done"));

    app.send("?");
    app.wait_for("Everywhere");
    app.wait_for("quit (progress is saved)");
    app.send(ESC);
    app.wait_gone("quit (progress is saved)");

    app.send("j");
    app.wait_for("Skills · Going Deeper");
    app.send(DOWN);
    app.wait_for("Skills · Senior and Beyond");
    app.send("k");
    app.wait_for("Skills · Going Deeper");

    app.send(ENTER);
    app.send(" ");
    app.wait_for("[x] Understand the Ecosystem");
    app.wait_for("1/9 done");

    app.send("2");
    app.wait_for("Interview Preparation Tips");
    app.wait_for("Know your projects deeply");
    app.send("3");
    app.wait_for("Time Investment");
    app.wait_for("High (networking)");
    app.send("4");
    app.wait_for("table stakes");
    app.send("1");
    app.wait_for("Skills · Going Deeper");

    app.send("/");
    app.type_keys("caching");
    app.wait_for("1 match");
    app.send(ENTER);
    app.wait_for("Basic caching strategies");
    app.wait_gone("1 match");

    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    assert!(
        progress(&data).contains("[roadmaps.beyond-syntax.skills.ecosystem]"),
        "{}",
        progress(&data)
    );
}

#[test]
fn resizing_to_any_size_redraws_and_never_panics() {
    let data = data_dir();
    let mut app = Pty::spawn(&[], data.path(), 120, 40);
    app.wait_for("Building Solid Foundations");
    app.resize(50, 15);
    app.wait_for("Stages");
    app.resize(20, 5);
    app.wait_for("too small");
    app.resize(1, 1);
    std::thread::sleep(std::time::Duration::from_millis(200));
    app.resize(80, 24);
    app.wait_for("Skills · Building Solid Foundations");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn ctrl_c_quits_with_exit_0_and_restores_the_terminal() {
    let data = data_dir();
    let mut app = Pty::spawn(&[], data.path(), 80, 24);
    app.wait_for("Stages");
    app.send("\x03");
    assert_eq!(app.wait_exit(), 0);
    let raw = String::from_utf8_lossy(&app.raw()).into_owned();
    assert!(raw.contains("\x1b[?1049h"), "entered the alternate screen");
    assert!(raw.contains("\x1b[?1049l"), "left the alternate screen");
    assert!(raw.contains("\x1b[?1000l"), "mouse reporting turned off");
    assert!(raw.contains("\x1b[?2004l"), "bracketed paste turned off");
}

#[test]
fn a_termination_signal_saves_restores_the_terminal_and_exits_128_plus_n() {
    for (signal, number) in [("TERM", 15), ("HUP", 1), ("INT", 2), ("QUIT", 3)] {
        let data = data_dir();
        let mut app = Pty::spawn(&[], data.path(), 80, 24);
        app.wait_for("Stages");
        app.send(&format!("{ENTER} "));
        app.wait_for("[x] Master the Fundamentals");
        app.signal(signal);
        assert_eq!(
            app.wait_exit(),
            128 + number,
            "SIG{signal}: a saved shutdown, as the signal's"
        );
        assert!(
            progress(&data).contains("skills.fundamentals"),
            "ticked before SIG{signal}: {}",
            progress(&data)
        );
        let raw = String::from_utf8_lossy(&app.raw()).into_owned();
        assert!(
            raw.ends_with_restore(),
            "terminal restored after SIG{signal}"
        );
    }
}

trait Restored {
    fn ends_with_restore(&self) -> bool;
}

impl Restored for String {
    fn ends_with_restore(&self) -> bool {
        let last_enter = self.rfind("\x1b[?1049h").unwrap_or(0);
        self[last_enter..].contains("\x1b[?1049l")
    }
}

#[test]
fn without_a_terminal_it_says_so_in_one_line_and_exits_2() {
    let data = data_dir();
    let out = assert_cmd::Command::cargo_bin("roadmap")
        .unwrap()
        .env("ROADMAP_DATA_DIR", data.path())
        .env("ROADMAP_CONFIG_DIR", data.path().join("config"))
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing on stdout");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("needs a terminal"), "{stderr}");
    assert!(!stderr.contains('\x1b'), "no escape sequences");
}

#[test]
fn e_edits_the_note_in_the_users_editor_and_comes_back() {
    let data = data_dir();
    let mut app = edit_first_note(
        data.path(),
        "printf 'editor was here\\n' >> \"$1\"\necho EDITOR-RAN\nsleep 0.3",
        &[],
    );
    app.wait_for("editor was here");
    app.wait_for("Skills · Building Solid Foundations");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    assert!(
        progress(&data).contains("editor was here"),
        "{}",
        progress(&data)
    );
}

#[test]
fn e_without_an_editor_explains_and_keeps_running() {
    let data = data_dir();
    let mut app = Pty::spawn_with(&[], data.path(), 120, 40, &[("EDITOR", ""), ("VISUAL", "")]);
    app.wait_for("Stages");
    app.send(&format!("{ENTER}e"));
    app.wait_for("set $VISUAL or $EDITOR");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn command_output_to_a_terminal_is_coloured_unless_no_color() {
    let data = data_dir();
    let mut coloured = Pty::spawn(&["status"], data.path(), 100, 20);
    coloured.wait_exit();
    let raw = String::from_utf8_lossy(&coloured.raw()).into_owned();
    assert!(raw.contains("\x1b["), "colour on a terminal: {raw:?}");
    let mut plain = Pty::spawn_with(&["status"], data.path(), 100, 20, &[("NO_COLOR", "1")]);
    plain.wait_exit();
    let raw = String::from_utf8_lossy(&plain.raw()).into_owned();
    assert!(raw.contains("Overall"), "{raw:?}");
    assert!(!raw.contains("\x1b["), "NO_COLOR: {raw:?}");
}

#[test]
fn the_first_key_after_a_resize_takes_effect_at_once() {
    let data = data_dir();
    let mut app = Pty::spawn(&[], data.path(), 120, 40);
    app.wait_for("Building Solid Foundations");
    let sizes = [
        (100, 40),
        (120, 40),
        (90, 30),
        (120, 40),
        (110, 35),
        (120, 40),
    ];
    for (i, (w, h)) in sizes.into_iter().enumerate() {
        app.resize(w, h);
        std::thread::sleep(std::time::Duration::from_millis(150));
        step_between_first_stages(&mut app, i);
    }
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}

/// Goes down to the second stage (even `step`) or back up to the first
/// (odd), and waits until the screen shows it.
fn step_between_first_stages(app: &mut Pty, step: usize) {
    let (key, expected) = if step.is_multiple_of(2) {
        ("j", "Skills · Going Deeper")
    } else {
        ("k", "Skills · Building Solid")
    };
    app.send(key);
    app.wait_for(expected);
}

#[test]
fn a_key_typed_as_the_terminal_is_resized_is_never_lost() {
    let data = data_dir();
    let mut app = Pty::spawn(&[], data.path(), 120, 40);
    app.wait_for("Building Solid Foundations");
    // The key comes with a resize, while the app is busy drawing a big
    // screen for the resize before, ten times.
    for i in 0..10u16 {
        app.resize(400, 150);
        app.resize(100 + i, 30 + i % 7);
        step_between_first_stages(&mut app, usize::from(i));
    }
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn the_editor_hears_of_resizes_whatever_shell_runs_it() {
    let data = data_dir();
    // bash, unlike dash, keeps the signal mask it is started with.
    let shells = data.path().join("shells");
    std::fs::create_dir(&shells).unwrap();
    std::os::unix::fs::symlink("/bin/bash", shells.join("sh")).unwrap();
    let path = format!("{}:{}", shells.display(), std::env::var("PATH").unwrap());
    let blocked = data.path().join("blocked");
    let body = format!(
        "grep SigBlk /proc/self/status > '{}'\necho EDITOR-RAN\nsleep 0.3",
        blocked.display()
    );
    let mut app = edit_first_note(data.path(), &body, &[("PATH", path.as_str())]);
    app.wait_for("Skills · Building Solid Foundations");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    let line = std::fs::read_to_string(&blocked).unwrap();
    let mask = u64::from_str_radix(line.trim().trim_start_matches("SigBlk:").trim(), 16).unwrap();
    let sigwinch = 1 << (28 - 1);
    assert_eq!(mask & sigwinch, 0, "SIGWINCH blocked in the editor: {line}");
}

#[test]
fn ctrl_c_in_the_editor_is_the_editors_not_the_apps() {
    let data = data_dir();
    // The terminal sends Ctrl-C's SIGINT to the whole foreground group: the
    // editor, and the app waiting for it.
    let mut app = edit_first_note(
        data.path(),
        "trap '' INT\nkill -INT 0\necho EDITOR-RAN\nsleep 0.3",
        &[],
    );
    app.wait_for("Skills · Building Solid Foundations");
    // Still running: it quits when asked.
    std::thread::sleep(std::time::Duration::from_millis(300));
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn a_sigterm_sent_while_the_editor_runs_ends_the_app_after_it_even_with_a_ctrl_c_after_it() {
    let data = data_dir();
    // The editor's parent is the shell the app started it through.
    let mut app = edit_first_note(
        data.path(),
        "trap '' INT\nkill -TERM \"$(ps -o ppid= -p $PPID)\"\nkill -INT 0\necho EDITOR-RAN\nsleep 0.3",
        &[],
    );
    assert_eq!(
        app.wait_exit(),
        128 + 15,
        "the SIGTERM is not lost to the Ctrl-C"
    );
}

#[test]
fn a_mouse_click_picks_a_skill_or_a_view_and_the_wheel_scrolls() {
    let data = data_dir();
    let mut app = Pty::spawn(&[], data.path(), 120, 40);
    app.wait_for("Stages");
    // SGR mouse reports (1-based): press and release on the skills pane's
    // second row.
    app.send("\x1b[<0;45;4M\x1b[<0;45;4m");
    app.wait_for("Testing is a skill that compounds");
    app.wait_for("Space done");
    // The wheel over the help scrolls its list of keys.
    app.send("?");
    app.wait_for("Everywhere");
    for _ in 0..10 {
        app.send("\x1b[<65;60;20M");
    }
    app.wait_gone("Everywhere");
    app.send("?");
    app.wait_gone("┌ Keys");
    // A click on a view's tab in the header shows that view.
    let header = app.screen().lines().next().unwrap_or_default().to_string();
    let at = header.find("2 Tips").expect("the Tips tab");
    let column = header[..at].chars().count() + 1;
    app.send(&format!("\x1b[<0;{column};1M\x1b[<0;{column};1m"));
    app.wait_for("┌ Interview Preparation Tips");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}

/// The app with `$EDITOR` a script of `body` (which says EDITOR-RAN), and
/// more `env`, once `e` on the first skill has run it.
fn edit_first_note(data: &std::path::Path, body: &str, env: &[(&str, &str)]) -> Pty {
    let script = common::fake_editor(data, body);
    let mut env = env.to_vec();
    env.push(("EDITOR", script.to_str().unwrap()));
    let mut app = Pty::spawn_with(&[], data, 120, 40, &env);
    app.wait_for("Stages");
    app.send(&format!("{ENTER}e"));
    app.wait_for("EDITOR-RAN");
    app
}

#[test]
fn a_terminal_that_goes_away_without_a_hangup_signal_ends_the_app_saved() {
    use std::io::Write;
    use std::os::unix::process::CommandExt;
    use std::time::{Duration, Instant};

    let data = data_dir();
    // Small, so that what the app draws fits in the terminal's buffer
    // unread: a reader would hold the terminal open.
    let pair = portable_pty::native_pty_system()
        .openpty(portable_pty::PtySize {
            rows: 12,
            cols: 40,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let slave = pair.master.tty_name().expect("the terminal's path");
    let open = || {
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&slave)
            .unwrap()
    };
    // Not the app's controlling terminal: closing it sends no SIGHUP, as
    // when a window closes under a program that is not its foreground job.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_roadmap"))
        .env("ROADMAP_DATA_DIR", data.path())
        .env("ROADMAP_CONFIG_DIR", data.path().join("config"))
        .env("TERM", "xterm-256color")
        .stdin(open())
        .stdout(open())
        .stderr(open())
        .process_group(0)
        .spawn()
        .unwrap();
    drop(pair.slave);
    let start = Instant::now();
    let within = |what: &str, done: &dyn Fn() -> bool| {
        while !done() {
            assert!(start.elapsed() < Duration::from_secs(10), "{what}");
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    // The lock file is made once the first frame is drawn.
    within("never started", &|| {
        data.path().join("progress.lock").exists()
    });
    let mut writer = pair.master.take_writer().unwrap();
    writer.write_all(b"\r ").unwrap();
    writer.flush().unwrap();
    within("never saved the tick", &|| {
        progress(&data).contains("skills.fundamentals")
    });
    drop(writer);
    drop(pair.master);
    let closed = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if closed.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("still running 10 s after its terminal went away");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(129), "ended as a hangup would");
}
