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
    pub theme: Theme,
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
        if app.roadmap.strategies.is_empty() {
            return empty_message(
                theme,
                "This roadmap has no staying-current table.",
                inner,
                buf,
            );
        }
        let table_area = self.render_table(inner, buf);
        let below = table_area.bottom() + 1;
        if below < inner.bottom() {
            let rest = Rect {
                y: below,
                height: inner.bottom() - below,
                ..inner
            };
            self.render_note(rest, buf);
        }
    }
}

impl CurrentView<'_> {
    /// The heading row and the strategies on screen, in the chosen order;
    /// returns the area the table took, from the top of `inner`.
    fn render_table(&self, inner: Rect, buf: &mut Buffer) -> Rect {
        let (app, theme) = (self.app, self.theme);
        let strategies = &app.roadmap.strategies;
        let widths = Widths::fit(app, inner.width);
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
                    Cell::from(cut(&s.name, widths.name)),
                    Cell::from(cut(&s.time, widths.time as usize)),
                    Cell::from(cut(&s.value, widths.value as usize)),
                ])
            })
            .collect();
        let arrow = |key| sort_arrow(app.ui.sort, key);
        let header = Row::new(vec![
            Cell::from(cut(STRATEGY, widths.name)),
            Cell::from(column_heading(
                TIME,
                arrow(SortKey::Time),
                widths.time as usize,
            )),
            Cell::from(column_heading(
                VALUE,
                arrow(SortKey::Value),
                widths.value as usize,
            )),
        ])
        .style(theme.heading());
        let table = Table::new(
            rows,
            [
                Constraint::Fill(1),
                Constraint::Length(widths.time),
                Constraint::Length(widths.value),
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
        table_area
    }

    /// The picked strategy's note, if it has one, wrapped into `area`.
    fn render_note(&self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let picked = app
            .ui
            .strategy_order
            .get(app.ui.strategies.selected)
            .map(|&i| &app.roadmap.strategies[i]);
        let Some(note) = picked.and_then(|s| s.note.as_deref()) else {
            return;
        };
        Paragraph::new(Line::styled(
            crate::text::clean(note).into_owned(),
            self.theme.dim(),
        ))
        .wrap(Wrap { trim: true })
        .render(area, buf);
    }
}

/// The table's column widths for `total` columns: time and value as wide as
/// their longest cell or heading, the strategy name the rest.
struct Widths {
    name: usize,
    time: u16,
    value: u16,
}

impl Widths {
    fn fit(app: &App, total: u16) -> Widths {
        let strategies = &app.roadmap.strategies;
        let time_head = format!("{TIME}{}", sort_arrow(app.ui.sort, SortKey::Time));
        let value_head = format!("{VALUE}{}", sort_arrow(app.ui.sort, SortKey::Value));
        let col = |head: &str, cells: &mut dyn Iterator<Item = usize>| {
            cells.chain([width(head)]).max().unwrap_or(0) as u16
        };
        let time = col(&time_head, &mut strategies.iter().map(|s| width(&s.time)));
        let value = col(&value_head, &mut strategies.iter().map(|s| width(&s.value)));
        // On narrow screens the strategy column keeps at least half the width.
        let max_side = total.saturating_sub(2) / 4;
        let time = time.min(max_side.max(4));
        let value = value.min(max_side.max(4));
        Widths {
            name: total.saturating_sub(time + value + 2) as usize,
            time,
            value,
        }
    }
}

/// The arrow after a column heading when the table is sorted by it. Room
/// for it is kept otherwise, so columns do not move when sorting.
fn sort_arrow(sort: Option<(SortKey, bool)>, key: SortKey) -> &'static str {
    match sort {
        Some((k, false)) if k == key => " ▲",
        Some((k, true)) if k == key => " ▼",
        _ => "  ",
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
