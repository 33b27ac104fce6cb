//! The stages pane: each stage's title, then its span and progress gauge.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::cut;
use super::theme::{Theme, progress_bar};
use crate::app::App;
use crate::app::layout::STAGE_ROWS;
use crate::content::Stage;
use crate::progress::stats::Tally;
use crate::text::width;

pub struct StagesPane<'a> {
    pub app: &'a App,
    pub theme: Theme,
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
        let visible = inner.height as usize / STAGE_ROWS;
        let columns = Columns::on_screen(app, visible);
        let focus_stage = app
            .progress
            .focus_skill()
            .and_then(|id| app.roadmap.find_skill(id))
            .map(|at| at.stage);
        let cursor = app.ui.stages;
        let stages = app
            .roadmap
            .stages
            .iter()
            .enumerate()
            .skip(cursor.offset)
            .take(visible);
        for (row, (index, stage)) in stages.enumerate() {
            let tally = app.stats.stages.get(index).copied().unwrap_or_default();
            let number = format!(" {:>width$}. ", index + 1, width = columns.number);
            let title = self.title_line(&number, stage, tally, focus_stage == Some(index), w);
            let gauge = self.gauge_line(width(&number), stage, tally, &columns, w);
            let y = inner.y + (row * STAGE_ROWS) as u16;
            let row_area =
                Rect::new(inner.x, y, inner.width, STAGE_ROWS as u16).intersection(inner);
            render_row(title, gauge, row_area, buf);
            if index == cursor.selected {
                buf.set_style(row_area, theme.selected(self.focused));
            }
        }
        let below = cursor.offset + visible < app.roadmap.stages.len();
        super::more_marks(theme, area, 8, [cursor.offset > 0, below], buf);
        self.render_loading(inner, buf);
    }
}

/// Column widths, from the stages on screen, that line the rows up.
struct Columns {
    /// The stage numbers, right-aligned: titles and gauges line up.
    number: usize,
    /// The spans, padded: the gauges line up.
    span: usize,
    /// The ` done/counted` counts, right-aligned.
    counts: usize,
}

impl Columns {
    fn on_screen(app: &App, visible: usize) -> Columns {
        let shown = app
            .roadmap
            .stages
            .iter()
            .enumerate()
            .skip(app.ui.stages.offset)
            .take(visible);
        let span = shown
            .clone()
            .map(|(_, s)| {
                s.span
                    .as_deref()
                    .map_or(0, |t| width(&crate::text::clean_line(t)) + 1)
            })
            .max()
            .unwrap_or(0);
        let counts = shown
            .map(|(i, _)| {
                let t = app.stats.stages.get(i).copied().unwrap_or_default();
                width(&format!(" {}/{}", t.done, t.counted()))
            })
            .max()
            .unwrap_or(0);
        let last_shown = (app.ui.stages.offset + visible).min(app.roadmap.stages.len());
        Columns {
            number: last_shown.to_string().len(),
            span,
            counts,
        }
    }
}

impl StagesPane<'_> {
    /// While the pack loads, below the stages known so far: how many more come.
    fn render_loading(&self, inner: Rect, buf: &mut Buffer) {
        let (app, known) = (self.app, self.app.roadmap.stages.len());
        let coming = app.stage_files.saturating_sub(known);
        let row = (known.saturating_sub(app.ui.stages.offset) * STAGE_ROWS) as u16;
        if !app.loading || coming == 0 || row >= inner.height {
            return;
        }
        let more = if known == 0 { "" } else { " more" };
        let plural = if coming == 1 { "" } else { "s" };
        let text = format!(" loading {coming}{more} stage{plural}…");
        let area = Rect::new(inner.x, inner.y + row, inner.width, 1);
        Line::styled(cut(&text, inner.width as usize), self.theme.dim()).render(area, buf);
    }

    /// A stage's first row: its number and title, starred when it holds
    /// this quarter's focus, in the done colour once all of it is done.
    fn title_line(
        &self,
        number: &str,
        stage: &Stage,
        tally: Tally,
        has_focus: bool,
        w: usize,
    ) -> Line<'static> {
        let theme = self.theme;
        let star = if has_focus { " ★" } else { "" };
        let title = cut(
            &stage.title,
            w.saturating_sub(width(number) + width(star) + 1),
        );
        let mut style = theme.text();
        if tally.total > 0 && tally.done == tally.counted() {
            style = theme.done();
        }
        Line::from(vec![
            Span::raw(number.to_string()),
            Span::styled(title, style),
            Span::styled(star, theme.focus()),
        ])
    }

    /// A stage's second row, under its title: its span, a progress gauge
    /// where there is room for one, and its counts.
    fn gauge_line(
        &self,
        indent: usize,
        stage: &Stage,
        tally: Tally,
        columns: &Columns,
        w: usize,
    ) -> Line<'static> {
        let theme = self.theme;
        let counts = format!(
            "{:>width$}",
            format!(" {}/{}", tally.done, tally.counted()),
            width = columns.counts
        );
        let span = stage
            .span
            .as_deref()
            .map(|s| format!("{} ", crate::text::clean_line(s)))
            .unwrap_or_default();
        let span = format!(
            "{span}{}",
            " ".repeat(columns.span.saturating_sub(width(&span)))
        );
        let indent = " ".repeat(indent);
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
        Line::from(vec![
            Span::styled(indent, theme.dim()),
            Span::styled(span, theme.dim()),
            Span::styled(filled, theme.gauge_filled()),
            Span::styled(empty, theme.dim()),
            Span::styled(counts, theme.dim()),
        ])
    }
}

/// A stage's two rows into `area`, the second only where there is room.
fn render_row(title: Line, gauge: Line, area: Rect, buf: &mut Buffer) {
    title.render(Rect { height: 1, ..area }, buf);
    if area.height > 1 {
        gauge.render(
            Rect {
                y: area.y + 1,
                height: 1,
                ..area
            },
            buf,
        );
    }
}
