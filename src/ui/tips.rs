//! Interview tips (view 2): one card per tip.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::theme::Theme;
use super::{empty_message, render_cards, view_block};
use crate::app::App;
use crate::app::layout::reading;

pub struct TipsView<'a> {
    pub app: &'a App,
    pub theme: Theme,
}

impl Widget for TipsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, self.theme);
        let heading = app
            .roadmap
            .tips_title
            .as_deref()
            .unwrap_or("Interview Tips");
        view_block(theme, heading, area).render(area, buf);
        let inner = reading(area);
        let tips = &app.roadmap.tips;
        if tips.is_empty() {
            return empty_message(theme, "This roadmap has no interview tips.", inner, buf);
        }
        let cursor = app.ui.tips;
        render_cards(
            theme,
            inner,
            buf,
            (cursor.offset, tips.len(), cursor.selected),
            |i, width| app.tip_card(i, width),
        );
    }
}
