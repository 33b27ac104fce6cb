//! Interview tips (view 2): one card per tip.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::theme::Theme;
use super::{cut, doc_line};
use crate::app::App;

pub struct TipsView<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Widget for TipsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, self.theme);
        let heading = app
            .roadmap
            .tips_title
            .as_deref()
            .unwrap_or("Interview Tips");
        let block = Block::bordered()
            .title(Line::styled(
                format!(" {} ", cut(heading, area.width.saturating_sub(4) as usize)),
                theme.border(true),
            ))
            .border_style(theme.border(true));
        let inner = crate::app::layout::reading(area);
        block.render(area, buf);
        if app.roadmap.tips.is_empty() {
            Paragraph::new(Line::styled(
                "This roadmap has no interview tips.",
                theme.dim(),
            ))
            .wrap(Wrap { trim: true })
            .render(inner, buf);
            return;
        }
        let width = inner.width.saturating_sub(2) as usize;
        let mut y = inner.y;
        for index in app.ui.tips.offset..app.roadmap.tips.len() {
            if y >= inner.bottom() {
                break;
            }
            let selected = index == app.ui.tips.selected;
            for line in app.tip_card(index, width) {
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
