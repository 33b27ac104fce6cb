//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod cli;
#[cfg(unix)]
pub mod pty;

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::tz::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use roadmap_tui::app::{Action, App};
use roadmap_tui::content::{self, Roadmap, Source};
use roadmap_tui::progress::RoadmapProgress;
use roadmap_tui::time::{Now, Stamp};

/// 2026-11-18, a fixed "now" so screens and files do not change by the day.
pub fn fixed_now() -> Stamp {
    Stamp::from_unix(1_795_000_000)
}

thread_local! {
    /// The tests' clock: it stands still until a test moves it on. Each test
    /// runs on its own thread, so each has its own.
    static CLOCK: Cell<Now> = Cell::new(Now {
        instant: Instant::now(),
        stamp: fixed_now(),
    });
}

/// The time on the tests' clock: [`fixed_now`] at first.
pub fn now() -> Now {
    CLOCK.with(Cell::get)
}

/// Moves the tests' clock on by `by`, as if that long went by.
pub fn wait(by: Duration) {
    CLOCK.with(|clock| clock.set(clock.get().later(by)));
}

pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

pub fn shipped() -> Roadmap {
    content::load(&Source::Embedded).expect("shipped roadmap")
}

/// The app on the shipped roadmap at a size, with UTC dates.
pub fn app(width: u16, height: u16) -> App {
    app_with(shipped(), RoadmapProgress::default(), width, height)
}

pub fn app_with(roadmap: Roadmap, progress: RoadmapProgress, width: u16, height: u16) -> App {
    let mut app = App::new(roadmap, progress, width, height).with_time_zone(TimeZone::UTC);
    app.update(Action::Resize(width, height), now());
    app
}

/// Draws the app into a test terminal of its size.
pub fn screen(app: &App) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(app.ui.width, app.ui.height)).unwrap();
    terminal.draw(|f| roadmap_tui::ui::draw(app, f)).unwrap();
    terminal.backend().clone()
}

/// The screen as plain text lines.
pub fn text(app: &App) -> String {
    let backend = screen(app);
    let buf = backend.buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// Presses keys (as the keymap reads them) and runs the resulting actions.
pub fn press(app: &mut App, keys: &str) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            '\x1b' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        key(app, KeyEvent::new(code, KeyModifiers::NONE));
    }
}

pub fn key(app: &mut App, event: crossterm::event::KeyEvent) {
    if let Some(action) = app.action_for_key(&event) {
        app.update(action, now());
    }
}

/// A stand-in for `$EDITOR`: a shell script in `dir` running `body` with the
/// file to edit as `$1`.
#[cfg(unix)]
pub fn fake_editor(dir: &Path, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let script = dir.join("fake-editor.sh");
    std::fs::write(&script, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

/// A small pack in a temporary directory: a `roadmap.toml` titled "T" and
/// one stage file, `stages/01.toml`, holding `stage`.
pub fn small_pack(stage: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("roadmap.toml"), "title = \"T\"\n").unwrap();
    std::fs::create_dir(dir.path().join("stages")).unwrap();
    std::fs::write(dir.path().join("stages/01.toml"), stage).unwrap();
    dir
}

/// Makes the pack in `dir` big enough to be loaded behind its first frame: `stages` stage
/// files `00.toml`... (stage `sN` with one skill `kN`, titled `KN`, and a
/// long summary).
pub fn make_big(dir: &Path, stages: usize) {
    let summary = "A summary long enough to make the pack big. ".repeat(160);
    for i in 0..stages {
        std::fs::write(
            dir.join(format!("stages/{i:02}.toml")),
            format!(
                "id = \"s{i}\"\ntitle = \"S{i}\"\nsummary = \"{summary}\"\n[[skill]]\nid = \"k{i}\"\ntitle = \"K{i}\"\n"
            ),
        )
        .unwrap();
    }
}

/// The loop's answer to `Effect::Save`: it reached the disk, nothing came from elsewhere.
pub fn saved(app: &mut App) {
    let progress = Box::new(app.progress.clone());
    let done = roadmap_tui::app::Synced {
        progress,
        from_disk: false,
    };
    app.update(roadmap_tui::app::Action::Saved(Ok(done)), now());
}

/// A save that failed, for `why`.
pub fn failed(why: &str) -> roadmap_tui::app::Action {
    roadmap_tui::app::Action::Saved(Err(roadmap_tui::progress::store::SaveError::Failed(
        why.into(),
    )))
}

/// The labels of the status bar's hints now.
pub fn labels_now(app: &App) -> Vec<&'static str> {
    app.hints().into_iter().map(|(_, label)| label).collect()
}
