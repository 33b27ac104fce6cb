//! criterion benchmarks: loading content (whole, and a big pack's first
//! stage) and progress, saving, the first frame, a key press and a search
//! keystroke, on the seed and on generated packs of 1k and 10k skills; a key
//! typed into the note editor on notes of 1 KB to 1 MB.
//! `cargo bench`; results in BENCHMARKS.md.

#[path = "support/gen.rs"]
mod generator;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::tz::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use roadmap_tui::app::{Action, App};
use roadmap_tui::content::{self, Roadmap, Source};
use roadmap_tui::progress::store::Store;
use roadmap_tui::progress::{ProgressFile, RoadmapProgress, Status, merge};
use roadmap_tui::time::{Now, Stamp};

struct Pack {
    _dir: tempfile::TempDir,
    content: PathBuf,
    data: PathBuf,
}

fn pack(skills: usize) -> Pack {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let data = dir.path().join("data");
    generator::write_pack(&content, skills).unwrap();
    generator::write_progress(&data, skills).unwrap();
    Pack {
        _dir: dir,
        content,
        data,
    }
}

/// The time an action happens at: a fixed date, so the work does not vary by the day.
fn now() -> Now {
    Now {
        instant: Instant::now(),
        stamp: Stamp::from_unix(1_795_000_000),
    }
}

fn app(roadmap: Roadmap, progress: RoadmapProgress) -> App {
    let mut app = App::new(roadmap, progress, 120, 40).with_time_zone(TimeZone::UTC);
    app.update(Action::Resize(120, 40), now());
    app
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|f| roadmap_tui::ui::draw(app, f)).unwrap();
}

fn loading(c: &mut Criterion, big: &Pack, medium: &Pack) {
    let mut group = c.benchmark_group("load content");
    group.bench_function("seed (embedded)", |b| {
        b.iter(|| content::load(&Source::Embedded).unwrap());
    });
    group.bench_function("1k skills", |b| {
        b.iter(|| content::load(&Source::Dir(medium.content.clone())).unwrap());
    });
    group.sample_size(10);
    group.bench_function("10k skills", |b| {
        b.iter(|| content::load(&Source::Dir(big.content.clone())).unwrap());
    });
    group.finish();
}

/// What a big pack's first frame is drawn from: its own file and first stage.
fn first_stage(c: &mut Criterion, big: &Pack, medium: &Pack) {
    let mut group = c.benchmark_group("first stage");
    for (name, pack) in [("1k", medium), ("10k", big)] {
        group.bench_function(format!("{name} skills"), |b| {
            b.iter(|| content::load::first_stage(&pack.content).unwrap());
        });
    }
    group.finish();
}

fn progress(c: &mut Criterion, big: &Pack) {
    let mut group = c.benchmark_group("progress 10k entries");
    group.sample_size(20);
    let path = big.data.join("progress.toml");
    let bytes = std::fs::read(&path).unwrap();
    group.bench_function("parse progress.toml", |b| {
        b.iter(|| roadmap_tui::progress::store::parse(&path, black_box(&bytes)).unwrap());
    });
    let progress = Store::read(&big.data).unwrap().roadmap("generated");
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::read(dir.path()).unwrap();
    // As the app saves: one change, then the whole file merged and written.
    let mut n = 0;
    group.bench_function(
        "save: merge and write (atomic, with backup and fsync)",
        |b| {
            b.iter(|| {
                n += 1;
                let mut changed = progress.clone();
                let status = Status::ALL[n % 4];
                changed.set_status("bench-skill", status, Stamp::from_unix(n as i64));
                let ours = store.file().with("generated", &changed);
                store.commit(black_box(&ours)).unwrap()
            });
        },
    );
    let base = ProgressFile::default().with("generated", &progress);
    let mut theirs = progress.clone();
    theirs.set_note("bench-skill", "from elsewhere", Stamp::from_unix(1));
    let theirs = ProgressFile::default().with("generated", &theirs);
    let mut ours = progress.clone();
    ours.set_status("bench-skill", Status::Done, Stamp::from_unix(2));
    let ours = ProgressFile::default().with("generated", &ours);
    group.bench_function("three-way merge", |b| {
        b.iter(|| merge::files(Some(&base), black_box(&ours), black_box(&theirs)));
    });
    group.finish();
}

fn frames(c: &mut Criterion, big: &Pack) {
    let roadmap_10k = content::load(&Source::Dir(big.content.clone())).unwrap();
    let progress_10k = Store::read(&big.data).unwrap().roadmap("generated");
    let mut group = c.benchmark_group("first frame 120x40");
    group.bench_function("seed", |b| {
        b.iter_batched(
            || content::load(&Source::Embedded).unwrap(),
            |roadmap| {
                let app = app(roadmap, RoadmapProgress::default());
                let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
                draw(&mut terminal, &app);
            },
            BatchSize::SmallInput,
        );
    });
    group.bench_function("10k skills", |b| {
        b.iter_batched(
            || (roadmap_10k.clone(), progress_10k.clone()),
            |(roadmap, progress)| {
                let app = app(roadmap, progress);
                let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
                draw(&mut terminal, &app);
                app
            },
            BatchSize::LargeInput,
        );
    });
    let (first, _) = content::load::first_stage(&big.content).unwrap();
    let stages = roadmap_10k.stages.len();
    group.bench_function(
        "10k skills, from its first frame (as the app starts)",
        |b| {
            b.iter_batched(
                || (first.clone(), progress_10k.clone()),
                |(first, progress)| {
                    let mut app = App::loading(first, stages, progress, 120, 40)
                        .with_time_zone(TimeZone::UTC);
                    app.update(Action::Resize(120, 40), now());
                    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
                    draw(&mut terminal, &app);
                    app
                },
                BatchSize::LargeInput,
            );
        },
    );
    group.finish();

    let mut app = app(roadmap_10k, progress_10k);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    draw(&mut terminal, &app);
    let mut group = c.benchmark_group("10k skills");
    let down = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    let up = KeyEvent::new(KeyCode::Char('k'), KeyModifiers::NONE);
    let mut flip = false;
    group.bench_function("key press (update + draw)", |b| {
        b.iter(|| {
            flip = !flip;
            let key = if flip { &down } else { &up };
            let action = app.action_for_key(key).unwrap();
            app.update(action, now());
            draw(&mut terminal, &app);
        });
    });
    app.update(Action::StartSearch, now());
    for c in "skill 99".chars() {
        app.update(Action::SearchType(c), now());
    }
    group.bench_function("search keystroke (update + draw)", |b| {
        b.iter(|| {
            app.update(Action::SearchType('9'), now());
            draw(&mut terminal, &app);
            app.update(Action::SearchBackspace, now());
        });
    });
    group.finish();
}

/// One key typed into the open note editor and the frame after it, as the
/// event loop does, on notes of growing size. The keys type a word and
/// take it back with Backspace, over and over, so the note keeps its size.
fn editor(c: &mut Criterion) {
    let mut group = c.benchmark_group("note editor");
    group.sample_size(20);
    let keys: Vec<KeyEvent> = "word "
        .chars()
        .map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
        .chain(std::iter::repeat_n(
            KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
            5,
        ))
        .collect();
    for (name, bytes) in [
        ("1 KB", 1_000),
        ("10 KB", 10_000),
        ("100 KB", 100_000),
        ("300 KB", 300_000),
        ("1 MB", 1_000_000),
    ] {
        let roadmap = content::load(&Source::Embedded).unwrap();
        let skill = roadmap.stages[0].skills[0].id.clone();
        let mut progress = RoadmapProgress::default();
        progress.set_note(&skill, &generator::note_text(bytes), now().stamp);
        let mut app = app(roadmap, progress);
        app.update(Action::EditNote, now());
        assert!(matches!(
            app.ui.overlay,
            Some(roadmap_tui::app::Overlay::Editor(_))
        ));
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        draw(&mut terminal, &app);
        let mut next = keys.iter().cycle();
        group.bench_function(
            format!("key typed into a {name} note (update + draw)"),
            |b| {
                b.iter(|| {
                    let key = next.next().unwrap();
                    let action = app.action_for_key(key).unwrap();
                    app.update(action, now());
                    draw(&mut terminal, &app);
                });
            },
        );
    }
    group.finish();
}

fn all(c: &mut Criterion) {
    editor(c);
    let big = pack(10_000);
    let medium = pack(1_000);
    loading(c, &big, &medium);
    first_stage(c, &big, &medium);
    progress(c, &big);
    frames(c, &big);
    let _ = Path::new(".");
}

criterion_group!(benches, all);
criterion_main!(benches);
