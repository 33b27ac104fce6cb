//! The journal (view 5): every note, newest first, with its skill and date.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::doc_line;
use super::theme::Theme;
use crate::app::{App, JOURNAL_NOTE_LINES};

pub struct JournalView<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Widget for JournalView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, self.theme);
        let entries = &app.ui.journal_entries;
        let title = match entries.len() {
            1 => " Journal · 1 note ".to_string(),
            n => format!(" Journal · {n} notes "),
        };
        let block = Block::bordered()
            .title(Line::styled(title, theme.border(true)))
            .border_style(theme.border(true));
        let inner = crate::app::layout::reading(area);
        block.render(area, buf);
        if entries.is_empty() {
            Paragraph::new(Line::styled(
                "No notes yet. Select a skill in the roadmap (1) and press n to write one.",
                theme.dim(),
            ))
            .wrap(Wrap { trim: true })
            .render(inner, buf);
            return;
        }
        let width = inner.width.saturating_sub(2) as usize;
        let mut y = inner.y;
        for (index, &at) in entries.iter().enumerate().skip(app.ui.journal.offset) {
            if y >= inner.bottom() {
                break;
            }
            let selected = index == app.ui.journal.selected;
            for line in app.journal_card(at, width, JOURNAL_NOTE_LINES) {
                if y >= inner.bottom() {
                    break;
                }
                let mark = if selected {
                    Span::styled("▌ ", theme.accent())
                } else {
                    Span::raw("  ")
                };
                let mut styled = doc_line(&line, theme, None, false, width);
                styled.spans.insert(0, mark);
                styled.render(Rect::new(inner.x, y, inner.width, 1), buf);
                y += 1;
            }
            y += 1;
        }
    }
}
