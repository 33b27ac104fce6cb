//! The header (title, views, overall progress) and the status bar (hints,
//! messages, save state).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::cut;
use super::theme::{Theme, progress_bar};
use crate::app::App;
use crate::app::header::Header;
use crate::text::width;

fn spans_width(spans: &[Span<'_>]) -> usize {
    spans.iter().map(|s| width(&s.content)).sum()
}

/// The banner under the header: why progress is not being saved, or
/// conflicting copies to merge. One line each, cut to fit.
pub fn banner(app: &App, theme: Theme, area: Rect, buf: &mut Buffer) {
    let style = if app.save.blocked.is_some() {
        theme.error()
    } else {
        theme.accent()
    };
    let room = usize::from(area.width).saturating_sub(1);
    for (i, text) in app.banner().iter().enumerate().take(area.height.into()) {
        let row = Rect {
            y: area.y + u16::try_from(i).unwrap_or(u16::MAX),
            height: 1,
            ..area
        };
        Line::from(Span::styled(format!(" {}", cut(text, room)), style)).render(row, buf);
    }
}

pub fn header(app: &App, theme: Theme, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, theme.status_bar());
    let header = Header::of(app, area.width as usize);
    let mut spans = Vec::new();
    if let Some((title, pad)) = header.title {
        spans.push(Span::styled(format!(" {title}"), theme.title()));
        spans.push(Span::raw(" ".repeat(pad)));
    }
    for tab in header.tabs {
        let style = if tab.view == app.ui.view {
            theme.title()
        } else {
            Style::new()
        };
        spans.push(Span::styled(tab.text, style));
    }
    spans.push(Span::raw(" ".repeat(header.gap)));
    if header.bar_width > 0 {
        let (filled, empty) = progress_bar(app.stats.overall.ratio(), header.bar_width);
        spans.push(Span::styled(filled, theme.gauge_filled()));
        spans.push(Span::raw(empty));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::raw(format!("{} ", header.counts)));
    Line::from(spans).render(area, buf);
}

pub fn status_bar(app: &App, theme: Theme, area: Rect, buf: &mut Buffer) {
    let total = area.width as usize;
    let hints = app.hints();
    // How to quit and how to get help stay on the right at every width; the
    // save state goes first when there is no room for all three.
    let mut right: Vec<(String, &str)> = hints
        .iter()
        .filter(|(_, label)| *label == "quit")
        .cloned()
        .collect();
    if app.help_key_works() {
        right.push(("?".into(), "help"));
    }
    // `q quit  ? help `: two columns between, one at the end.
    let right_keys: usize = right
        .iter()
        .map(|(k, l)| width(k) + 1 + width(l) + 2)
        .sum::<usize>()
        .saturating_sub(1);
    let (state, state_style) = save_state(app, theme);
    let mut state = cut(&state, total / 2);
    if right_keys + width(&state) + 2 > total {
        state.clear();
    }
    let right_width = width(&state) + if state.is_empty() { 0 } else { 2 } + right_keys;
    // A gap of two columns between what is on the left and the right side.
    let room = total.saturating_sub(right_width + 2);

    let mut left: Vec<Span> = vec![Span::raw(" ")];
    if let Some(message) = &app.ui.message {
        let style = if message.error {
            theme.error()
        } else {
            theme.accent()
        };
        left.push(Span::styled(cut(&message.text, room), style));
    } else {
        let mut used = 0;
        let rest = hints
            .into_iter()
            .filter(|(_, l)| *l != "help" && *l != "quit");
        for (keys, label) in rest {
            let piece = width(&keys) + 1 + width(label) + 3;
            if used + piece > room {
                break;
            }
            used += piece;
            left.push(Span::styled(keys, theme.key()));
            left.push(Span::raw(format!(" {label}   ")));
        }
    }
    let used = spans_width(&left);
    let mut spans = left;
    if used + right_width <= total {
        spans.push(Span::raw(" ".repeat(total - used - right_width)));
        if !state.is_empty() {
            spans.push(Span::styled(state, state_style));
            spans.push(Span::raw("  "));
        }
        let last = right.len().saturating_sub(1);
        for (i, (keys, label)) in right.into_iter().enumerate() {
            spans.push(Span::styled(keys, theme.key()));
            let gap = if i == last { " " } else { "  " };
            spans.push(Span::raw(format!(" {label}{gap}")));
        }
    }
    Line::from(spans).render(area, buf);
}

/// The save state for the status bar's right side.
fn save_state(app: &App, theme: Theme) -> (String, Style) {
    let save = &app.save;
    if app.loading {
        return ("loading…".into(), theme.dim());
    }
    if let Some(crate::app::Overlay::Editor(editor)) = &app.ui.overlay
        && editor.edits.unsaved()
    {
        return ("● note not saved yet".into(), theme.dim());
    }
    if save.blocked.is_some() {
        return ("not saved: see above".into(), theme.error());
    }
    if let Some(error) = &save.error {
        return (format!("not saved: {error}"), theme.error());
    }
    if save.dirty {
        return ("● unsaved".into(), theme.dim());
    }
    if save.last_saved.is_some() {
        return ("✓ saved".into(), theme.ok());
    }
    (String::new(), theme.text())
}
