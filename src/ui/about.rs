//! About (view 4): the title, introduction, stages and final thought.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget};

use super::doc_line;
use super::theme::Theme;
use crate::app::App;

pub struct AboutView<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Widget for AboutView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, self.theme);
        let block = Block::bordered()
            .title(Line::styled(" About ", theme.border(true)))
            .border_style(theme.border(true));
        let inner = crate::app::layout::reading(area);
        block.render(area, buf);
        let width = inner.width as usize;
        let doc = app.about_document(width);
        let lines: Vec<Line> = doc
            .iter()
            .skip(app.ui.about_scroll)
            .take(inner.height as usize)
            .map(|l| doc_line(l, theme, None, false, width))
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}
