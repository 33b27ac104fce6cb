//! The journal (view 5): every note, newest first, with its skill and date.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::theme::Theme;
use super::{empty_message, render_cards, view_block};
use crate::app::layout::reading;
use crate::app::{App, JOURNAL_NOTE_LINES};

pub struct JournalView<'a> {
    pub app: &'a App,
    pub theme: Theme,
}

impl Widget for JournalView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, self.theme);
        let entries = &app.ui.journal_entries;
        let title = match entries.len() {
            1 => "Journal · 1 note".to_string(),
            n => format!("Journal · {n} notes"),
        };
        view_block(theme, &title, area).render(area, buf);
        let inner = reading(area);
        if entries.is_empty() {
            let text = "No notes yet. Select a skill in the roadmap (1) and press n to write one.";
            return empty_message(theme, text, inner, buf);
        }
        let cursor = app.ui.journal;
        render_cards(
            theme,
            inner,
            buf,
            (cursor.offset, entries.len(), cursor.selected),
            |i, width| app.journal_card(entries[i], width, JOURNAL_NOTE_LINES),
        );
    }
}
