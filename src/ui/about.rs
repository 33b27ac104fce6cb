//! About (view 4): the title, introduction, stages and final thought.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::theme::Theme;
use super::{doc_line, view_block};
use crate::app::App;

pub struct AboutView<'a> {
    pub app: &'a App,
    pub theme: Theme,
}

impl Widget for AboutView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, self.theme);
        view_block(theme, "About", area).render(area, buf);
        let inner = crate::app::layout::reading(area);
        let width = inner.width as usize;
        let doc = app.about_document(width);
        let lines: Vec<Line> = doc
            .iter()
            .skip(app.ui.about_scroll)
            .take(inner.height as usize)
            .map(|l| doc_line(l, theme, None, false, width))
            .collect();
        Paragraph::new(lines).render(inner, buf);
        let below = doc.len() > app.ui.about_scroll + inner.height as usize;
        super::more_marks(theme, area, 8, [app.ui.about_scroll > 0, below], buf);
    }
}
