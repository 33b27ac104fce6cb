//! The detail pane: the selected skill's prose, checklist (tickable), links
//! and a preview of its note.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget};

use super::doc_line;
use super::theme::Theme;
use crate::app::App;

pub struct DetailPane<'a> {
    pub app: &'a App,
    pub theme: Theme,
    pub focused: bool,
}

impl Widget for DetailPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, self.theme);
        let block = Block::bordered()
            .title(Line::styled(" Detail ", theme.border(self.focused)))
            .border_style(theme.border(self.focused));
        let inner = crate::app::layout::detail_text(area);
        block.render(area, buf);
        let Some(at) = app.selected_skill() else {
            Paragraph::new(Line::styled("Pick a skill to see it here.", theme.dim()))
                .render(inner, buf);
            return;
        };
        let width = inner.width as usize;
        let doc = app.skill_document(at, width);
        let picked = self.focused.then_some(app.ui.item);
        let lines: Vec<Line> = doc
            .iter()
            .skip(app.ui.detail_scroll)
            .take(inner.height as usize)
            .map(|l| doc_line(l, theme, picked, self.focused, width))
            .collect();
        Paragraph::new(lines).render(inner, buf);
        let hidden_below = doc.len() > app.ui.detail_scroll + inner.height as usize;
        let above = app.ui.detail_scroll > 0;
        super::more_marks(theme, area, 8, [above, hidden_below], buf);
    }
}
