//! The header (title, views, overall progress) and the status bar (hints,
//! messages, save state).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::cut;
use super::theme::{Theme, bar};
use crate::app::{App, View};
use crate::text::width;

fn spans_width(spans: &[Span<'_>]) -> usize {
    spans.iter().map(|s| width(&s.content)).sum()
}

pub fn header(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, theme.bar());
    let total = area.width as usize;
    let overall = app.stats.overall;
    // Padded to the widest they can get, so nothing moves as progress grows.
    let most = overall.total;
    let counts = format!(
        "{:>w$} · {:>3}%",
        format!("{}/{} done", overall.done, overall.counted()),
        overall.percent(),
        w = width(&format!("{most}/{most} done")),
    );
    let short_counts = format!(
        "{:>w$} {:>3}%",
        format!("{}/{}", overall.done, overall.counted()),
        overall.percent(),
        w = width(&format!("{most}/{most}")),
    );

    let tabs_full: Vec<Span> = View::ALL
        .iter()
        .flat_map(|v| {
            let style = if *v == app.ui.view {
                theme.title()
            } else {
                Style::new()
            };
            [Span::styled(
                format!(" {} {} ", v.number(), v.label()),
                style,
            )]
        })
        .collect();
    let tabs_compact: Vec<Span> = View::ALL
        .iter()
        .map(|v| {
            if *v == app.ui.view {
                Span::styled(format!(" {} {} ", v.number(), v.label()), theme.title())
            } else {
                Span::raw(format!(" {} ", v.number()))
            }
        })
        .collect();

    // Richest layout that fits: progress always, then tabs, then the title.
    let candidates = [
        (tabs_full.clone(), counts.clone(), 10),
        (tabs_compact.clone(), counts.clone(), 10),
        (tabs_compact.clone(), short_counts.clone(), 6),
        (tabs_compact.clone(), short_counts.clone(), 0),
        (Vec::new(), short_counts.clone(), 0),
    ];
    for (tabs, counts, bar_width) in candidates {
        let right_width = bar_width + usize::from(bar_width > 0) + width(&counts) + 1;
        let tabs_width = spans_width(&tabs);
        if tabs_width + right_width > total {
            continue;
        }
        let room = total - tabs_width - right_width;
        let mut spans = Vec::new();
        if room >= 8 {
            let title = cut(&app.roadmap.title, room - 3);
            let pad = room.saturating_sub(1 + width(&title));
            spans.push(Span::styled(format!(" {title}"), theme.title()));
            spans.push(Span::raw(" ".repeat(pad)));
            spans.extend(tabs);
        } else {
            // No room for the title: the tabs start at the left.
            spans.extend(tabs);
            spans.push(Span::raw(" ".repeat(room)));
        }
        if bar_width > 0 {
            let (filled, empty) = bar(overall.ratio(), bar_width);
            spans.push(Span::styled(filled, theme.gauge_filled()));
            spans.push(Span::raw(empty));
            spans.push(Span::raw(" "));
        }
        spans.push(Span::raw(format!("{counts} ")));
        Line::from(spans).render(area, buf);
        return;
    }
    Line::raw(cut(&short_counts, total)).render(area, buf);
}

pub fn status_bar(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let total = area.width as usize;
    let (state, state_style) = save_state(app, theme);
    let state = cut(&state, total / 2);
    let help = if app.help_key_works() { "? help" } else { "" };
    let right_width = width(&state) + if state.is_empty() { 0 } else { 2 } + width(help) + 1;
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
        for (keys, label) in app.hints().into_iter().filter(|(_, l)| *l != "help") {
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
        if !help.is_empty() {
            spans.push(Span::styled("?", theme.key()));
            spans.push(Span::raw(" help "));
        }
    }
    Line::from(spans).render(area, buf);
}

/// The save state for the status bar's right side.
fn save_state(app: &App, theme: &Theme) -> (String, Style) {
    let save = &app.save;
    if app.loading {
        return ("loading…".into(), theme.dim());
    }
    if let Some(crate::app::Overlay::Editor(editor)) = &app.ui.overlay
        && editor.text().trim_end() != editor.kept
    {
        return ("● note not saved yet".into(), theme.dim());
    }
    if save.read_only.is_some() {
        return ("read-only".into(), theme.error());
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
