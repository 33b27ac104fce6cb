//! Drawing. Everything here only reads the app; one file per pane or view.

mod about;
mod chrome;
mod current;
mod detail;
mod journal;
mod overlays;
mod packs;
mod progress;
mod skills;
mod stages;
pub mod theme;
mod tips;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use crate::app::document::{DocLine, LineKind};
use crate::app::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use crate::app::{App, Pane, View};
use crate::text::{truncate, width};
use theme::Theme;

/// Draws the whole screen for `app`.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    render(app, area, frame.buffer_mut());
}

/// Renders into a buffer (what `draw` does, without the terminal cursor).
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = Theme {
        color: app.color,
        palette: app.palette,
    };
    let Some(screen) = layout::screen(area, app.banner_rows()) else {
        too_small(app, area, buf, theme);
        return;
    };
    chrome::header(app, theme, screen.header, buf);
    chrome::banner(app, theme, screen.banner, buf);
    match app.ui.view {
        View::Roadmap => {
            let panes = layout::panes(screen.body, app.ui.focus);
            if let Some(r) = panes.stages {
                stages::StagesPane {
                    app,
                    theme,
                    focused: app.ui.focus == Pane::Stages,
                }
                .render(r, buf);
            }
            if let Some(r) = panes.skills {
                skills::SkillsPane {
                    app,
                    theme,
                    focused: app.ui.focus == Pane::Skills,
                }
                .render(r, buf);
            }
            if let Some(r) = panes.detail {
                detail::DetailPane {
                    app,
                    theme,
                    focused: app.ui.focus == Pane::Detail,
                }
                .render(r, buf);
            }
        }
        View::Tips => tips::TipsView { app, theme }.render(screen.body, buf),
        View::Current => current::CurrentView { app, theme }.render(screen.body, buf),
        View::About => about::AboutView { app, theme }.render(screen.body, buf),
        View::Journal => journal::JournalView { app, theme }.render(screen.body, buf),
        View::Progress => progress::ProgressView { app, theme }.render(screen.body, buf),
    }
    chrome::status_bar(app, theme, screen.status, buf);
    overlays::render(app, theme, area, buf);
}

fn too_small(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    // Keys still go to what is open: say what they do there.
    let quits = match app.ui.overlay {
        Some(crate::app::Overlay::Editor(_) | crate::app::Overlay::Search(_)) => "Ctrl-C quits",
        Some(crate::app::Overlay::ConfirmQuit) => "Quit without saving? y / n",
        Some(crate::app::Overlay::RecoverDraft { .. }) => "Open the recovered draft? y / n",
        _ => "q quits",
    };
    let text = vec![
        Line::styled("Terminal too small", theme.title()),
        Line::raw(format!(
            "{}x{}: needs at least {MIN_WIDTH}x{MIN_HEIGHT}",
            area.width, area.height
        )),
        Line::styled(quits, theme.dim()),
    ];
    let top = area.height.saturating_sub(text.len() as u16) / 2;
    let inner = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    Paragraph::new(text)
        .centered()
        .wrap(Wrap { trim: true })
        .render(inner, buf);
}

/// Styles one document line for drawing; `picked` highlights a checklist item.
fn doc_line(
    line: &DocLine,
    theme: Theme,
    picked: Option<usize>,
    focused: bool,
    max: usize,
) -> Line<'_> {
    let style = match line.kind {
        LineKind::Title => theme.title(),
        LineKind::Meta | LineKind::Url | LineKind::Placeholder => theme.dim(),
        LineKind::Status(status) => theme.status(status),
        LineKind::Focus => theme.focus(),
        LineKind::Heading => theme.heading(),
        LineKind::Item { done: true, .. } => theme.done(),
        LineKind::Link | LineKind::Evidence { .. } => theme.accent(),
        LineKind::Prose | LineKind::Note | LineKind::Blank | LineKind::Item { .. } => theme.text(),
    };
    let is_picked = line.item().is_some() && line.item() == picked;
    let style = if is_picked {
        style.patch(theme.selected(focused))
    } else {
        style
    };
    let mut spans = vec![Span::styled(line.text.as_str(), style)];
    if let Some(aside) = &line.aside {
        // A line of its own (blank text) needs no gap.
        let gap = if line.text.trim().is_empty() {
            ""
        } else {
            "  "
        };
        spans.push(Span::raw(gap));
        spans.push(Span::styled(
            cut(aside, max.saturating_sub(width(&line.text) + 2)),
            theme.dim(),
        ));
    }
    Line::from(spans)
}

/// The bordered frame of a full-screen view, titled (cut to fit).
fn view_block<'a>(theme: Theme, title: &str, area: Rect) -> Block<'a> {
    let title = format!(" {} ", cut(title, area.width.saturating_sub(4) as usize));
    Block::bordered()
        .title(Line::styled(title, theme.border(true)))
        .border_style(theme.border(true))
}

/// A dim explanation where a view has nothing to show.
fn empty_message(theme: Theme, text: &'static str, area: Rect, buf: &mut Buffer) {
    Paragraph::new(Line::styled(text, theme.dim()))
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// A column of cards from `first` on, each followed by a blank line, the
/// selected one marked with a bar; `card(i, width)` gives card `i`'s lines.
fn render_cards(
    theme: Theme,
    area: Rect,
    buf: &mut Buffer,
    (first, count, selected): (usize, usize, usize),
    card: impl Fn(usize, usize) -> Vec<DocLine>,
) {
    let width = area.width.saturating_sub(2) as usize;
    let mut y = area.y;
    for index in first..count {
        for line in card(index, width) {
            if y >= area.bottom() {
                return;
            }
            let mark = if index == selected {
                Span::styled("▌ ", theme.accent())
            } else {
                Span::raw("  ")
            };
            let mut styled = doc_line(&line, theme, None, false, width);
            styled.spans.insert(0, mark);
            styled.render(Rect::new(area.x, y, area.width, 1), buf);
            y += 1;
        }
        y += 1;
    }
}

/// "↓ more" on a pane's bottom border when its text goes on below.
/// `↑ more` on the top border and `↓ more` on the bottom one, where a pane
/// has lines scrolled out of view that way. `title` is the width of the
/// pane's title on the top border, which the mark never covers.
fn more_marks(theme: Theme, area: Rect, title: usize, hidden: [bool; 2], buf: &mut Buffer) {
    if area.height <= 2 {
        return;
    }
    let [above, below] = hidden;
    for (hidden, more, y, taken) in [
        (above, " ↑ more ", area.y, title),
        (below, " ↓ more ", area.bottom() - 1, 0),
    ] {
        let w = width(more);
        // A corner either side.
        if hidden && taken + w + 2 <= area.width as usize {
            buf.set_string(area.right() - w as u16 - 1, y, more, theme.dim());
        }
    }
}

/// A line cut to `max` columns.
fn cut(text: &str, max: usize) -> String {
    truncate(&crate::text::clean_line(text), max).into_owned()
}
