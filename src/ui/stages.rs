//! The stages pane: each stage's title, then its span and progress gauge.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::cut;
use super::theme::{Theme, progress_bar};
use crate::app::App;
use crate::app::layout::STAGE_ROWS;
use crate::text::width;

pub struct StagesPane<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
    pub focused: bool,
}

impl Widget for StagesPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, self.theme);
        let block = Block::bordered()
            .title(Line::styled(" Stages ", theme.border(self.focused)))
            .border_style(theme.border(self.focused));
        let inner = block.inner(area);
        block.render(area, buf);
        let w = inner.width as usize;
        if w < 3 {
            return;
        }
        if app.loading && app.roadmap.stages.is_empty() {
            let n = app.stage_files;
            let text = format!("loading {n} stage{}…", if n == 1 { "" } else { "s" });
            Line::styled(cut(&text, w), theme.dim()).render(inner, buf);
            return;
        }
        let visible = inner.height as usize / STAGE_ROWS;
        // Spans and counts padded to the widest on screen: the gauges line up.
        let shown = app
            .roadmap
            .stages
            .iter()
            .enumerate()
            .skip(app.ui.stages.offset)
            .take(visible);
        let span_width = shown
            .clone()
            .map(|(_, s)| {
                s.span
                    .as_deref()
                    .map_or(0, |t| width(&crate::text::clean_line(t)) + 1)
            })
            .max()
            .unwrap_or(0);
        let counts_width = shown
            .map(|(i, _)| {
                let t = app.stats.stages.get(i).copied().unwrap_or_default();
                width(&format!(" {}/{}", t.done, t.counted()))
            })
            .max()
            .unwrap_or(0);
        let focus_stage = app
            .progress
            .focus_skill()
            .and_then(|id| app.roadmap.find_skill(id))
            .map(|at| at.stage);
        // Numbers right-aligned to the widest on screen: titles and gauges line up.
        let last_shown = (app.ui.stages.offset + visible).min(app.roadmap.stages.len());
        let number_width = last_shown.to_string().len();
        let cursor = app.ui.stages;
        let stages = app
            .roadmap
            .stages
            .iter()
            .enumerate()
            .skip(cursor.offset)
            .take(visible);
        for (row, (index, stage)) in stages.enumerate() {
            let y = inner.y + (row * STAGE_ROWS) as u16;
            let selected = index == cursor.selected;
            let tally = app.stats.stages.get(index).copied().unwrap_or_default();

            let number = format!(" {:>number_width$}. ", index + 1);
            // The stage holding this quarter's focus carries its star.
            let star = if focus_stage == Some(index) {
                " ★"
            } else {
                ""
            };
            let title = cut(
                &stage.title,
                w.saturating_sub(width(&number) + width(star) + 1),
            );
            let mut style = theme.text();
            if tally.total > 0 && tally.done == tally.counted() {
                style = theme.done();
            }
            let first = Line::from(vec![
                Span::raw(number.clone()),
                Span::styled(title, style),
                Span::styled(star, theme.focus()),
            ]);

            let counts = format!(
                "{:>counts_width$}",
                format!(" {}/{}", tally.done, tally.counted())
            );
            let span = stage
                .span
                .as_deref()
                .map(|s| format!("{} ", crate::text::clean_line(s)))
                .unwrap_or_default();
            let span = format!(
                "{span}{}",
                " ".repeat(span_width.saturating_sub(width(&span)))
            );
            let indent = " ".repeat(width(&number));
            let room = w.saturating_sub(width(&indent) + width(&counts) + 1);
            let bar_width = room.saturating_sub(width(&span)).min(12);
            let span = if bar_width < 3 {
                cut(&span, room)
            } else {
                span
            };
            let (filled, empty) = if bar_width >= 3 {
                progress_bar(tally.ratio(), bar_width)
            } else {
                Default::default()
            };
            let second = Line::from(vec![
                Span::styled(indent, theme.dim()),
                Span::styled(span, theme.dim()),
                Span::styled(filled, theme.gauge_filled()),
                Span::styled(empty, theme.dim()),
                Span::styled(counts, theme.dim()),
            ]);
            let row_area =
                Rect::new(inner.x, y, inner.width, STAGE_ROWS as u16).intersection(inner);
            first.render(
                Rect {
                    height: 1,
                    ..row_area
                },
                buf,
            );
            if row_area.height > 1 {
                second.render(
                    Rect {
                        y: y + 1,
                        height: 1,
                        ..row_area
                    },
                    buf,
                );
            }
            if selected {
                buf.set_style(row_area, theme.selected(self.focused));
            }
        }
        let below = cursor.offset + visible < app.roadmap.stages.len();
        super::more_marks(theme, area, 8, [cursor.offset > 0, below], buf);
    }
}
