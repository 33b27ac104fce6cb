//! The skills pane: the selected stage's skills as a checklist with status
//! markers, checklist counts, and note and focus markers.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::cut;
use super::theme::Theme;
use crate::app::App;
use crate::text::width;

pub struct SkillsPane<'a> {
    pub app: &'a App,
    pub theme: Theme,
    pub focused: bool,
}

impl Widget for SkillsPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, self.theme);
        let Some(stage) = app.roadmap.stages.get(app.ui.stages.selected) else {
            return;
        };
        // Cut inside its spaces: a cut title does not run into the border.
        let filter = app.ui.filter.map(|s| s.as_str().replace('-', " "));
        let title = match &filter {
            Some(status) => format!("Skills · {status} · {}", stage.title),
            None => format!("Skills · {}", stage.title),
        };
        let title = format!(" {} ", cut(&title, area.width.saturating_sub(6) as usize));
        let title_width = width(&title);
        let block = Block::bordered()
            .title(Line::styled(title, theme.border(self.focused)))
            .border_style(theme.border(self.focused));
        let inner = block.inner(area);
        block.render(area, buf);
        let w = inner.width as usize;
        let shown: Vec<usize> = app.shown_skills(app.ui.stages.selected).collect();
        if shown.is_empty() {
            let empty = match &filter {
                Some(status) if !stage.skills.is_empty() => {
                    format!("No {status} skills in this stage (F shows all).")
                }
                _ => "No skills in this stage.".to_string(),
            };
            Paragraph::new(Line::styled(empty, theme.dim()))
                .wrap(Wrap { trim: true })
                .render(inner, buf);
            return;
        }
        let cursor = app.skill_cursor();
        let focus = app.progress.focus_skill();
        let skills = shown
            .iter()
            .map(|&index| &stage.skills[index])
            .enumerate()
            .skip(cursor.offset)
            .take(inner.height as usize);
        for (index, skill) in skills {
            let status = app.progress.status(&skill.id);
            let mut right = String::new();
            if focus == Some(skill.id.as_str()) {
                right.push_str(" ★");
            }
            if app.progress.has_note(&skill.id) {
                right.push_str(" ✎");
            }
            if !skill.items.is_empty() {
                let done = skill
                    .items
                    .iter()
                    .filter(|i| app.progress.item_done(&skill.id, &i.id))
                    .count();
                let _ = write!(right, " {done}/{}", skill.items.len());
            }
            right.push(' ');
            let marker = format!(" {} ", status.marker());
            let room = w.saturating_sub(width(&marker) + width(&right));
            let title = cut(&skill.title, room);
            let pad = room.saturating_sub(width(&title));
            let mut spans = vec![
                Span::styled(marker, theme.status(status)),
                Span::styled(title, theme.status(status)),
                Span::raw(" ".repeat(pad)),
            ];
            if focus == Some(skill.id.as_str()) {
                spans.push(Span::styled(right, theme.focus()));
            } else {
                spans.push(Span::styled(right, theme.dim()));
            }
            let row = index - cursor.offset;
            let line_area = Rect::new(inner.x, inner.y + row as u16, inner.width, 1);
            Line::from(spans).render(line_area, buf);
            if index == cursor.selected {
                buf.set_style(line_area, theme.selected(self.focused));
            }
        }
        let below = cursor.offset + (inner.height as usize) < shown.len();
        super::more_marks(theme, area, title_width, [cursor.offset > 0, below], buf);
    }
}
