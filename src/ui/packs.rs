//! The pack picker (`P`): every pack, its progress, the one on screen marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::cut;
use super::theme::{Theme, progress_bar};
use crate::app::layout::popup;
use crate::app::{App, PackPicker};
use crate::text::{clean_line, width};

/// Rows each pack takes: its title line and its id line.
const ROWS_PER_PACK: usize = 2;
/// Cells of each pack's progress bar.
const BAR: usize = 10;

pub fn render(app: &App, theme: Theme, picker: &PackPicker, body: Rect, buf: &mut Buffer) {
    let wanted = (picker.packs.len() * ROWS_PER_PACK + 4).min(u16::MAX as usize) as u16;
    let outer = popup(body, 72, wanted.min(body.height));
    Clear.render(outer, buf);
    let block = Block::bordered()
        .title(Line::styled(" Packs ", theme.title()))
        .title_bottom(Line::styled(" Enter open · Esc close ", theme.dim()))
        .border_style(theme.border(true));
    let inner = block.inner(outer);
    block.render(outer, buf);
    let w = inner.width as usize;
    let room = (inner.height as usize).saturating_sub(2) / ROWS_PER_PACK;
    // The picked pack stays in view.
    let first = picker.selected.saturating_sub(room.saturating_sub(1));
    let mut lines = Vec::new();
    for (i, pack) in picker
        .packs
        .iter()
        .enumerate()
        .skip(first)
        .take(room.max(1))
    {
        let chosen = i == picker.selected;
        let open = pack.id == app.roadmap.id;
        let row = if chosen {
            theme.selected(true)
        } else {
            theme.text()
        };
        let mark = if open { "● " } else { "  " };
        let done = format!(" {}/{} ", pack.done, pack.total);
        let ratio = if pack.total == 0 {
            0.0
        } else {
            pack.done as f64 / pack.total as f64
        };
        let (filled, empty) = progress_bar(ratio, BAR);
        let title = if pack.problem.is_some() {
            pack.id.as_str()
        } else {
            pack.title.as_str()
        };
        let right = width(&done) + BAR + 1;
        let room = w.saturating_sub(right + 3);
        let title = cut(&clean_line(title), room);
        let pad = w.saturating_sub(3 + width(&title) + right);
        lines.push(Line::from(vec![
            Span::styled(if chosen { "▸" } else { " " }, theme.accent()),
            Span::styled(mark, theme.accent()),
            Span::styled(format!("{title}{}", " ".repeat(pad)), row),
            Span::styled(done, theme.dim()),
            Span::styled(filled, theme.gauge_filled()),
            Span::styled(empty, theme.dim()),
            Span::raw(" "),
        ]));
        let about = match (&pack.problem, pack.shipped, open) {
            (Some(problem), _, _) => format!("does not load: {problem}"),
            (None, true, true) => format!("{} · built in · open", pack.id),
            (None, true, false) => format!("{} · built in", pack.id),
            (None, false, true) => format!("{} · open", pack.id),
            (None, false, false) => pack.id.clone(),
        };
        let style = if pack.problem.is_some() {
            theme.error()
        } else {
            theme.dim()
        };
        lines.push(Line::styled(
            format!("   {}", cut(&clean_line(&about), w.saturating_sub(3))),
            style,
        ));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        cut(
            " Add packs with `roadmap add DIR|FILE.md`; they are listed here.",
            w,
        ),
        theme.dim(),
    ));
    Paragraph::new(lines).render(inner, buf);
}
