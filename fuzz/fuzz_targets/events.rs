//! Any sequence of keys, clicks, wheel turns, pastes and resizes (down to
//! 0x0) on the shipped roadmap: no panic, and the counts stay right.
#![no_main]

use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use roadmap_tui::app::{Action, App, Effect};
use roadmap_tui::content::{Source, load};
use roadmap_tui::progress::RoadmapProgress;
use roadmap_tui::progress::stats::Stats;
use roadmap_tui::time::{Now, Stamp};

const CODES: &[KeyCode] = &[
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

fuzz_target!(|data: &[u8]| {
    let roadmap = load(&Source::Embedded).unwrap();
    // A fixed date; time stands still for the whole run.
    let now = Now {
        instant: Instant::now(),
        stamp: Stamp::from_unix(1_795_000_000),
    };
    let mut app = App::new(roadmap, RoadmapProgress::default(), 80, 24)
        .with_time_zone(jiff::tz::TimeZone::UTC);
    let mut bytes = data.iter().copied();
    while let Some(op) = bytes.next() {
        let arg = bytes.next().unwrap_or(0);
        let action = match op % 8 {
            0 | 1 => app.action_for_key(&KeyEvent::new(
                KeyCode::Char(arg as char),
                KeyModifiers::NONE,
            )),
            2 => app.action_for_key(&KeyEvent::new(
                CODES[arg as usize % CODES.len()],
                KeyModifiers::NONE,
            )),
            3 => app.action_for_key(&KeyEvent::new(
                KeyCode::Char(arg as char),
                KeyModifiers::CONTROL,
            )),
            4 => Some(Action::Resize(
                u16::from(arg % 140),
                u16::from(bytes.next().unwrap_or(0) % 50),
            )),
            5 => Some(Action::Click {
                column: u16::from(arg),
                row: u16::from(bytes.next().unwrap_or(0) % 60),
            }),
            6 => Some(Action::Scroll {
                column: u16::from(arg),
                row: u16::from(arg % 50),
                down: arg % 2 == 0,
            }),
            _ => Some(Action::Paste(
                String::from_utf8_lossy(&[arg, bytes.next().unwrap_or(0)]).into_owned(),
            )),
        };
        let Some(action) = action else { continue };
        let mut effects = app.update(action, now);
        while let Some(effect) = effects.pop() {
            match effect {
                Effect::Quit => return,
                Effect::Refresh => {}
                Effect::Save => effects.extend(app.update(Action::Saved(Ok(now.stamp)), now)),
                Effect::EditExternally(_) => {}
            }
        }
        let mut terminal =
            Terminal::new(TestBackend::new(app.ui.width.max(1), app.ui.height.max(1))).unwrap();
        terminal.draw(|f| roadmap_tui::ui::draw(&app, f)).unwrap();
        assert_eq!(app.stats, Stats::count(&app.roadmap, &app.progress));
    }
});
