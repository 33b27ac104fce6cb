//! Property tests (bounded case counts, so CI stays fast): whatever bytes a
//! content or progress file holds, loading gives a value or a clean error;
//! whatever keys, clicks, resizes and timers arrive, the app never panics and its
//! invariants hold.

mod common;

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::tz::TimeZone;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use roadmap_tui::app::{Action, App, Effect, Overlay};
use roadmap_tui::content::{self, ChecklistItem, Roadmap, RoadmapParts, Skill, Source, Stage, Tip};
use roadmap_tui::progress::stats::Stats;
use roadmap_tui::progress::store::{parse, serialize};
use roadmap_tui::progress::{ProgressFile, RoadmapProgress};

/// The case count: small in CI; `PROPTEST_CASES=10000` for a long run.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

const VALID_STAGE: &str = include_str!("../content/stages/01-foundations.toml");
const VALID_PROGRESS: &str = "version = 1\n\n[roadmaps.r.focus]\nskill = \"a\"\nsince = \"2026-11-18T09:46:40Z\"\n\n[roadmaps.r.skills.a]\nstatus = \"done\"\nchanged = \"2026-11-18T09:46:40Z\"\nnote = \"\"\"\nline\"\"\"\n\n[roadmaps.r.skills.a.items]\nx = { done = true, changed = \"2026-11-18T09:46:40Z\" }\n";

/// Bytes: random, or a valid file with random edits (reaches deeper code).
fn mangled(valid: &'static str) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..512),
        proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8).prop_map(move |edits| {
            let mut bytes = valid.as_bytes().to_vec();
            for (at, byte) in edits {
                let at = at % (bytes.len() + 1);
                match byte % 3 {
                    0 => bytes.insert(at, byte),
                    1 if at < bytes.len() => {
                        bytes.remove(at);
                    }
                    _ if at < bytes.len() => bytes[at] = byte,
                    _ => bytes.push(byte),
                }
            }
            bytes
        }),
    ]
}

fn pack_with(file: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("stages")).unwrap();
    std::fs::write(dir.path().join("roadmap.toml"), "title = \"T\"\n").unwrap();
    std::fs::write(dir.path().join("stages/01.toml"), VALID_STAGE).unwrap();
    std::fs::write(dir.path().join(file), bytes).unwrap();
    dir
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(96)))]

    #[test]
    fn any_bytes_as_a_content_file_give_a_roadmap_or_located_errors(
        file in prop::sample::select(vec!["roadmap.toml", "stages/01.toml", "tips.toml", "staying-current.toml"]),
        bytes in mangled(VALID_STAGE),
    ) {
        let dir = pack_with(file, &bytes);
        if let Err(e) = content::load(&Source::Dir(dir.path().to_path_buf())) {
            prop_assert!(!e.diagnostics.is_empty());
            for d in &e.diagnostics {
                prop_assert!(d.line >= 1 && d.col >= 1, "{d}");
                prop_assert!(!d.message.is_empty());
            }
        }
    }

    #[test]
    fn any_bytes_as_progress_give_progress_or_a_located_error(bytes in mangled(VALID_PROGRESS)) {
        match parse(Path::new("progress.toml"), &bytes) {
            Ok(file) => {
                // Whatever parsed is written back and reads the same.
                let again = parse(Path::new("progress.toml"), serialize(&file).as_bytes());
                prop_assert_eq!(again.ok(), Some(file));
            }
            Err(e) => prop_assert!(e.to_string().starts_with("progress.toml:"), "{e}"),
        }
    }
}

/// Text for titles and prose: letters, wide and zero-width characters,
/// emoji, controls and escape sequences.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            6 => proptest::char::range('a', 'z').prop_map(String::from),
            1 => Just(" ".to_string()),
            1 => Just("日本".to_string()),
            1 => Just("🦀".to_string()),
            1 => Just("❤\u{fe0f}".to_string()),
            1 => Just("\u{200b}".to_string()),
            1 => Just("\u{1b}]0;x\u{7}".to_string()),
            1 => Just("\u{9b}2J\u{202e}".to_string()),
            1 => Just("\t\n".to_string()),
            1 => Just("Pneumonoultramicroscopicsilicovolcanoconiosis".to_string()),
        ],
        1..8,
    )
    .prop_map(|parts| parts.concat())
}

fn roadmap() -> impl Strategy<Value = Roadmap> {
    let skill = (
        text(),
        proptest::option::of(text()),
        proptest::collection::vec(text(), 0..4),
    );
    let stage = (text(), proptest::collection::vec(skill, 0..6));
    (
        text(),
        proptest::collection::vec(stage, 1..5),
        proptest::collection::vec((text(), text()), 0..3),
        proptest::collection::vec((text(), text(), text()), 0..4),
    )
        .prop_map(|(title, stages, tips, strategies)| {
            let stages = stages
                .into_iter()
                .enumerate()
                .map(|(s, (title, skills))| Stage {
                    id: format!("s{s}"),
                    title,
                    span: None,
                    summary: None,
                    skills: skills
                        .into_iter()
                        .enumerate()
                        .map(|(k, (title, body, items))| Skill {
                            id: format!("k{s}-{k}"),
                            title,
                            body,
                            items: items
                                .into_iter()
                                .enumerate()
                                .map(|(i, text)| ChecklistItem {
                                    id: format!("i{i}"),
                                    text,
                                })
                                .collect(),
                            // Every other skill has a link, its text as untrusted as the rest.
                            links: (k % 2 == 0)
                                .then(|| content::Link {
                                    title: format!("link {k}"),
                                    url: format!("https://example.com/{k}/\u{1b}]8;;x"),
                                })
                                .into_iter()
                                .collect(),
                        })
                        .collect(),
                })
                .collect();
            let tips = tips
                .into_iter()
                .enumerate()
                .map(|(i, (title, body))| Tip {
                    id: format!("t{i}"),
                    title,
                    body,
                })
                .collect();
            let strategies = strategies
                .into_iter()
                .enumerate()
                .map(|(i, (name, time, value))| content::Strategy {
                    id: format!("g{i}"),
                    name,
                    time,
                    value,
                    note: None,
                })
                .collect();
            Roadmap::new(RoadmapParts {
                id: "r".into(),
                title,
                stages,
                tips,
                strategies,
                ..RoadmapParts::default()
            })
        })
}

#[derive(Debug, Clone)]
enum Event {
    Key(KeyCode, KeyModifiers),
    Resize(u16, u16),
    Click(u16, u16),
    Scroll(u16, u16, bool),
    Paste(String),
    /// Time goes by (milliseconds on the tests' clock), then the timers' tick.
    Wait(u64),
}

fn event() -> impl Strategy<Value = Event> {
    let codes = vec![
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Backspace,
        KeyCode::Left,
        KeyCode::Right,
    ];
    let chars: Vec<char> = "jkgGlh snfe?/12345tvyqz".chars().collect();
    prop_oneof![
        4 => prop::sample::select(chars).prop_map(|c| Event::Key(KeyCode::Char(c), KeyModifiers::NONE)),
        3 => prop::sample::select(codes).prop_map(|c| Event::Key(c, KeyModifiers::NONE)),
        1 => prop::sample::select(vec!['s', 'z', 'y', 'c', 'p', 'n']).prop_map(|c| Event::Key(KeyCode::Char(c), KeyModifiers::CONTROL)),
        1 => (0u16..140, 0u16..50).prop_map(|(w, h)| Event::Resize(w, h)),
        1 => (0u16..8, 0u16..8).prop_map(|(w, h)| Event::Resize(w, h)),
        1 => (0u16..140, 0u16..50).prop_map(|(x, y)| Event::Click(x, y)),
        1 => (0u16..140, 0u16..50, any::<bool>()).prop_map(|(x, y, d)| Event::Scroll(x, y, d)),
        1 => text().prop_map(Event::Paste),
        1 => (0u64..5_000).prop_map(Event::Wait),
    ]
}

fn apply(app: &mut App, action: Action) -> bool {
    let mut effects = app.update(action, common::now());
    while let Some(effect) = effects.pop() {
        match effect {
            Effect::Quit => return false,
            Effect::Watch => {}
            // The picker gets the one pack there is; opening it is refused.
            Effect::ListPacks => {
                let only = roadmap_tui::packs::PackSummary {
                    id: app.roadmap.id.clone(),
                    title: app.roadmap.title.clone(),
                    done: 0,
                    total: 1,
                    shipped: true,
                    problem: None,
                };
                effects.extend(app.update(Action::Packs(vec![only]), common::now()));
            }
            Effect::OpenPack(_) => {
                effects.extend(app.update(Action::PackOpened(Err("no".into())), common::now()));
            }
            Effect::Save => {
                let synced = roadmap_tui::app::Synced {
                    progress: Box::new(app.progress.clone()),
                    from_disk: false,
                };
                effects.extend(app.update(Action::Saved(Ok(synced)), common::now()));
            }
            Effect::EditExternally(skill) => effects.extend(app.update(
                Action::ExternalEdit {
                    skill,
                    result: Ok("edited\nnote".into()),
                },
                common::now(),
            )),
        }
    }
    true
}

fn check_invariants(app: &App) -> Result<(), TestCaseError> {
    let stages = &app.roadmap.stages;
    prop_assert!(app.ui.stages.selected < stages.len());
    for (stage, cursor) in stages.iter().zip(&app.ui.skills) {
        prop_assert!(cursor.selected < stage.skills.len().max(1));
    }
    if let Some(at) = app.selected_skill() {
        prop_assert!(app.ui.item < app.roadmap.skill(at).items.len().max(1));
    }
    prop_assert_eq!(&app.stats, &Stats::count(&app.roadmap, &app.progress));
    if let Some(Overlay::Search(search)) = &app.ui.overlay {
        prop_assert!(search.selected < search.hits.len().max(1));
    }
    prop_assert!(app.ui.strategies.selected < app.roadmap.strategies.len().max(1));
    prop_assert!(app.ui.tips.selected < app.roadmap.tips.len().max(1));
    prop_assert!(app.ui.journal.selected < app.ui.journal_entries.len().max(1));
    Ok(())
}

/// Progress of every kind on `roadmap`, varied by its shape: statuses,
/// ticks, notes, a focus, a draft to offer back, and an orphaned entry.
fn some_progress(roadmap: &Roadmap) -> RoadmapProgress {
    use roadmap_tui::progress::Status;
    let now = common::fixed_now();
    let mut progress = RoadmapProgress::default();
    let skills = roadmap.stages.iter().flat_map(|s| &s.skills);
    for (k, skill) in skills.enumerate() {
        match k % 4 {
            0 => {
                progress.set_note(&skill.id, &skill.title, now);
            }
            1 => {
                progress.set_status(&skill.id, Status::Done, now);
            }
            2 => {
                progress.set_status(&skill.id, Status::Skipped, now);
            }
            _ => {}
        }
        if let Some(item) = skill.items.first() {
            progress.set_item(&skill.id, &item.id, k % 3 == 0, now);
        }
        if k == 1 {
            progress.set_focus(&skill.id, now);
        }
        if k == 2 {
            progress.set_draft(&skill.id, "half a thought\u{1b}[2J", now);
        }
    }
    progress.set_status("gone-from-the-content", Status::Done, now);
    progress
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(48)))]

    #[test]
    fn any_events_on_any_roadmap_keep_the_app_sound(
        roadmap in roadmap(),
        events in proptest::collection::vec(event(), 1..60),
    ) {
        let progress = some_progress(&roadmap);
        let mut app = App::new(roadmap, progress, 80, 24).with_time_zone(TimeZone::UTC);
        for event in events {
            let action = match event {
                Event::Key(code, mods) => app.action_for_key(&KeyEvent::new(code, mods)),
                Event::Resize(w, h) => Some(Action::Resize(w, h)),
                Event::Click(x, y) => Some(Action::Click { column: x, row: y }),
                Event::Scroll(x, y, down) => Some(Action::Scroll { column: x, row: y, down }),
                Event::Paste(text) => Some(Action::Paste(text)),
                Event::Wait(ms) => {
                    common::wait(std::time::Duration::from_millis(ms));
                    Some(Action::Tick)
                }
            };
            if let Some(action) = action
                && !apply(&mut app, action)
            {
                break;
            }
            let (w, h) = (app.ui.width.max(1), app.ui.height.max(1));
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal.draw(|f| roadmap_tui::ui::draw(&app, f)).unwrap();
            check_invariants(&app)?;
        }
        // What the user did is saved and read back the same.
        let mut file = ProgressFile::default();
        file.roadmaps.insert("r".into(), app.progress.clone());
        let text = serialize(&file);
        let again = parse(Path::new("progress.toml"), text.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(again.roadmaps.get("r").cloned().unwrap_or_default(), app.progress.clone());
    }
}
