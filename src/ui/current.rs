//! Staying current (view 3): the strategy | time | value table, sortable.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap};

use super::theme::Theme;
use super::{cut, empty_message, view_block};
use crate::app::{App, SortKey};
use crate::text::width;

pub struct CurrentView<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

const STRATEGY: &str = "Strategy";
const TIME: &str = "Time Investment";
const VALUE: &str = "Value";

impl Widget for CurrentView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, self.theme);
        let heading = app
            .roadmap
            .strategies_title
            .as_deref()
            .unwrap_or("Staying Current");
        view_block(theme, heading, area).render(area, buf);
        let inner = crate::app::layout::detail_text(area);
        let strategies = &app.roadmap.strategies;
        if strategies.is_empty() {
            return empty_message(
                theme,
                "This roadmap has no staying-current table.",
                inner,
                buf,
            );
        }
        // Room for the arrow is kept, so columns do not move when sorting.
        let arrow = |key: SortKey| match app.ui.sort {
            Some((k, false)) if k == key => " ▲",
            Some((k, true)) if k == key => " ▼",
            _ => "  ",
        };
        let time_head = format!("{TIME}{}", arrow(SortKey::Time));
        let value_head = format!("{VALUE}{}", arrow(SortKey::Value));
        let col = |head: &str, cells: &mut dyn Iterator<Item = usize>| {
            cells.chain([width(head)]).max().unwrap_or(0) as u16
        };
        let total = inner.width;
        let mut time_w = col(&time_head, &mut strategies.iter().map(|s| width(&s.time)));
        let mut value_w = col(&value_head, &mut strategies.iter().map(|s| width(&s.value)));
        // On narrow screens the strategy column keeps at least half the width.
        let max_side = total.saturating_sub(2) / 4;
        time_w = time_w.min(max_side.max(4));
        value_w = value_w.min(max_side.max(4));
        let name_w = total.saturating_sub(time_w + value_w + 2) as usize;

        let rows_visible = inner.height.saturating_sub(3) as usize;
        let offset = app.ui.strategies.offset;
        let rows: Vec<Row> = app
            .ui
            .strategy_order
            .iter()
            .skip(offset)
            .take(rows_visible)
            .map(|&i| {
                let s = &strategies[i];
                Row::new(vec![
                    Cell::from(cut(&s.name, name_w)),
                    Cell::from(cut(&s.time, time_w as usize)),
                    Cell::from(cut(&s.value, value_w as usize)),
                ])
            })
            .collect();
        let header = Row::new(vec![
            Cell::from(cut(STRATEGY, name_w)),
            Cell::from(column_heading(TIME, arrow(SortKey::Time), time_w as usize)),
            Cell::from(column_heading(
                VALUE,
                arrow(SortKey::Value),
                value_w as usize,
            )),
        ])
        .style(theme.heading());
        let table = Table::new(
            rows,
            [
                Constraint::Fill(1),
                Constraint::Length(time_w),
                Constraint::Length(value_w),
            ],
        )
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme.selected(true));
        let selected = app.ui.strategies.selected.checked_sub(offset);
        let mut state = TableState::new().with_selected(selected);
        let table_height = (app
            .ui
            .strategy_order
            .len()
            .saturating_sub(offset)
            .min(rows_visible)
            + 1) as u16;
        let table_area = Rect {
            height: table_height.min(inner.height),
            ..inner
        };
        StatefulWidget::render(table, table_area, buf, &mut state);

        let note_y = table_area.bottom() + 1;
        let picked = app
            .ui
            .strategy_order
            .get(app.ui.strategies.selected)
            .map(|&i| &strategies[i]);
        if let Some(note) = picked.and_then(|s| s.note.as_deref())
            && note_y < inner.bottom()
        {
            let area = Rect {
                y: note_y,
                height: inner.bottom() - note_y,
                ..inner
            };
            Paragraph::new(Line::styled(
                crate::text::clean(note).into_owned(),
                theme.dim(),
            ))
            .wrap(Wrap { trim: true })
            .render(area, buf);
        }
    }
}

/// A column heading cut to `max` columns, keeping its sort arrow: the
/// words give way, the arrow stays (`Ti… ▲`).
fn column_heading(words: &str, arrow: &str, max: usize) -> String {
    let arrow_w = width(arrow);
    if arrow.trim().is_empty() {
        return cut(words, max);
    }
    if width(words) + arrow_w <= max || max <= arrow_w + 1 {
        return cut(&format!("{words}{arrow}"), max);
    }
    format!("{}{arrow}", cut(words, max - arrow_w))
}

#[cfg(test)]
mod tests {
    use super::column_heading;

    #[test]
    fn a_cut_heading_keeps_its_sort_arrow() {
        assert_eq!(column_heading("Time Investment", " ▲", 8), "Time… ▲");
        assert_eq!(column_heading("Time Investment", "  ", 8), "Time In…");
        assert_eq!(column_heading("Value", " ▼", 8), "Value ▼");
    }
}
