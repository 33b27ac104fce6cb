//! View 6, Progress: a year of activity as a calendar heatmap (weeks as
//! columns), the streaks, skills done per month, and beside them what next,
//! the reviews due and the history of the quarterly focus. Below 80x24 the
//! heatmap goes first, then the chart; the lists stay.

use jiff::ToSpan;
use jiff::civil::Date;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Paragraph, Widget};

use super::cut;
use super::theme::Theme;
use crate::app::App;
use crate::progress::activity::{done_per_month, per_day, streaks};
use crate::progress::next::next;

/// Weeks the heatmap shows at the most: a year.
const WEEKS: usize = 53;
/// The shades of a day, by how much was done: none, then four levels.
const SHADES: [&str; 5] = ["·", "░", "▒", "▓", "█"];

pub struct ProgressView<'a> {
    pub app: &'a App,
    pub theme: Theme,
}

impl Widget for ProgressView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, self.theme);
        let block = Block::bordered()
            .title(Line::styled(" Progress ", theme.border(true)))
            .border_style(theme.border(true));
        let inner = block.inner(area);
        block.render(area, buf);
        let today = app.clock.day(&app.tz);
        let days = per_day(&app.progress.log, &app.tz);
        // Room for the heatmap (month row, seven days, legend) and the rest.
        let heatmap_rows = if inner.height >= 18 && inner.width >= 40 {
            10
        } else {
            0
        };
        let [top, rest] =
            Layout::vertical([Constraint::Length(heatmap_rows), Constraint::Fill(1)]).areas(inner);
        if heatmap_rows > 0 {
            heatmap(&days, today, theme, top, buf);
        }
        let (current, longest) = streaks(&days, today);
        let wide = rest.width >= 70;
        let [left, right] = if wide {
            Layout::horizontal([Constraint::Percentage(45), Constraint::Fill(1)]).areas(rest)
        } else {
            [rest, Rect::default()]
        };
        let mut lines = vec![Line::from(vec![
            Span::styled("Streak ", theme.heading()),
            Span::raw(format!(
                "{current} day{} · longest {longest}",
                if current == 1 { "" } else { "s" }
            )),
        ])];
        // The right column starts a column in, off the chart.
        let lists = self.lists(usize::from(if wide {
            right.width.saturating_sub(1)
        } else {
            left.width
        }));
        if !wide {
            // One column: the lists under the streak, no chart.
            lines.push(Line::raw(""));
            lines.extend(lists);
            Paragraph::new(lines).render(left, buf);
            return;
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled("Skills done per month", theme.heading()));
        let text_rows = u16::try_from(lines.len()).unwrap_or(u16::MAX);
        let [text, chart, _] = Layout::vertical([
            Constraint::Length(text_rows),
            Constraint::Max(9),
            Constraint::Fill(1),
        ])
        .areas(left);
        Paragraph::new(lines).render(text, buf);
        done_chart(app, today, theme, chart, buf);
        let right = Rect {
            x: right.x + 1,
            width: right.width.saturating_sub(1),
            ..right
        };
        Paragraph::new(lists).render(right, buf);
    }
}

impl ProgressView<'_> {
    /// What next, the reviews due and the focus history, as lines `width` wide.
    fn lists(&self, width: usize) -> Vec<Line<'static>> {
        let (app, theme) = (self.app, self.theme);
        let r = &app.roadmap;
        let item = |text: &str, aside: &str| {
            let aside = if aside.is_empty() {
                String::new()
            } else {
                format!(" · {aside}")
            };
            // The title keeps a dozen columns at least; the aside gets the rest.
            let title = cut(
                text,
                width.saturating_sub(2 + crate::text::width(&aside)).max(12),
            );
            let aside = cut(&aside, width.saturating_sub(2 + crate::text::width(&title)));
            Line::from(vec![
                Span::raw("• "),
                Span::styled(title, theme.text()),
                Span::styled(aside, theme.dim()),
            ])
        };
        let mut lines = vec![Line::styled("What next", theme.heading())];
        let suggestions = next(r, &app.progress);
        if suggestions.is_empty() {
            lines.push(Line::styled(
                "Nothing left to suggest: all done or skipped.",
                theme.dim(),
            ));
        }
        for s in &suggestions {
            lines.push(item(&r.skill(s.skill).title, &s.why));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled("Reviews due", theme.heading()));
        let due = app.reviews_due();
        if due.is_empty() {
            lines.push(Line::styled("None today.", theme.dim()));
        }
        // The picked one (r reviews it) and those after it.
        let first = app.ui.review.saturating_sub(4);
        for (i, (id, when)) in due.iter().enumerate().skip(first).take(5) {
            let title = r
                .find_skill(id)
                .map_or(id.as_str(), |at| r.skill(at).title.as_str());
            let line = item(title, &format!("due {}", when.date(&app.tz)));
            lines.push(if i == app.ui.review {
                line.style(theme.selected(true))
            } else {
                line
            });
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled("Focus by quarter", theme.heading()));
        let current = app
            .progress
            .focus
            .iter()
            .map(|f| (f.since, f.skill.as_str(), true));
        let past = app
            .progress
            .focus_history
            .iter()
            .map(|p| (p.since, p.skill.as_str(), false));
        let mut focus: Vec<_> = past.chain(current).collect();
        focus.sort_by_key(|(since, _, _)| std::cmp::Reverse(*since));
        if focus.is_empty() {
            lines.push(Line::styled(
                "No focus yet: f on a skill sets one.",
                theme.dim(),
            ));
        }
        for (since, skill, now) in focus.into_iter().take(6) {
            let day = since.day(&app.tz);
            let quarter = format!("{} Q{}", day.year(), (day.month() - 1) / 3 + 1);
            let title = r
                .find_skill(skill)
                .map_or(skill, |at| r.skill(at).title.as_str());
            let status = app.progress.status(skill).as_str().replace('-', " ");
            let outcome = if now {
                format!("now, {status}")
            } else {
                status
            };
            lines.push(item(&format!("{quarter}  {title}"), &outcome));
        }
        lines
    }
}

/// A year of days, Monday to Sunday down each week's column, the current
/// week last; month names above, a legend below.
fn heatmap(
    days: &std::collections::BTreeMap<Date, usize>,
    today: Date,
    theme: Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let label_width = 4;
    let weeks = (usize::from(area.width).saturating_sub(label_width) / 2).min(WEEKS);
    if weeks == 0 {
        return;
    }
    let monday = today - i64::from(today.weekday().to_monday_zero_offset()).days();
    let first = monday - (7 * (weeks as i64 - 1)).days();
    let max = days
        .range(first..=today)
        .map(|(_, n)| *n)
        .max()
        .unwrap_or(0);
    let level = |n: usize| match n {
        0 => 0,
        _ if max <= 4 => n.min(4),
        _ => (n * 4).div_ceil(max).clamp(1, 4),
    };
    let style = |level: usize| match level {
        0 => theme.dim(),
        1 | 2 => theme.done(),
        _ => theme.done().add_modifier(ratatui::style::Modifier::BOLD),
    };
    let x0 = area.x + label_width as u16;
    let mut last_month = None;
    for week in 0..weeks {
        let start = first + (7 * week as i64).days();
        let x = x0 + (week * 2) as u16;
        // A month's name over the week it starts in, where it fits.
        let month = start.month();
        if last_month != Some(month) && x + 3 <= area.right() {
            buf.set_string(x, area.y, start.strftime("%b").to_string(), theme.dim());
        }
        last_month = Some(month);
        for row in 0..7u16 {
            let day = start + i64::from(row).days();
            if day > today {
                continue;
            }
            let n = days.get(&day).copied().unwrap_or(0);
            let l = level(n);
            buf.set_string(x, area.y + 1 + row, SHADES[l], style(l));
        }
    }
    for (row, name) in [(0u16, "Mon"), (2, "Wed"), (4, "Fri"), (6, "Sun")] {
        buf.set_string(area.x, area.y + 1 + row, name, theme.dim());
    }
    let total: usize = days.range(first..=today).map(|(_, n)| *n).sum();
    let mut legend = vec![Span::styled("less ", theme.dim())];
    for (l, shade) in SHADES.iter().enumerate() {
        legend.push(Span::styled(*shade, style(l)));
        legend.push(Span::raw(" "));
    }
    legend.push(Span::styled("more", theme.dim()));
    legend.push(Span::styled(
        format!(
            "   {total} change{} in {weeks} weeks",
            if total == 1 { "" } else { "s" }
        ),
        theme.dim(),
    ));
    Line::from(legend).render(
        Rect {
            x: x0,
            y: area.y + 8,
            width: area.width.saturating_sub(label_width as u16),
            height: 1,
        },
        buf,
    );
}

/// Skills done in each of the last months, as ratatui's bar chart.
fn done_chart(app: &App, today: Date, theme: Theme, area: Rect, buf: &mut Buffer) {
    if area.height < 3 || area.width < 8 {
        return;
    }
    let months = (usize::from(area.width) / 4).clamp(1, 12);
    let data = done_per_month(&app.progress.log, &app.tz, today, months);
    let bars: Vec<Bar> = data
        .iter()
        .map(|(label, n)| {
            Bar::default()
                .value(*n)
                .label(Line::from(label.clone()))
                .style(theme.done())
                .value_style(Style::new().add_modifier(ratatui::style::Modifier::REVERSED))
        })
        .collect();
    BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width(3)
        .bar_gap(1)
        .label_style(theme.dim())
        .render(area, buf);
}
