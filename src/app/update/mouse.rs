//! Clicks and the mouse wheel.

use ratatui::layout::Position;

use super::{JOURNAL_NOTE_LINES, step, wheel_step};
use crate::app::action::{Pane, View};
use crate::app::layout::{self, STAGE_ROWS};
use crate::app::state::App;

impl App {
    pub(super) fn click(&mut self, column: u16, row: u16) {
        let at = Position::new(column, row);
        let screen = self.screen();
        if let Some(header) = screen.map(|s| s.header).filter(|h| h.contains(at)) {
            let tabs = crate::app::header::Header::of(self, header.width as usize);
            if let Some(view) = tabs.tab_at(usize::from(column.saturating_sub(header.x))) {
                self.show_view(view);
            }
            return;
        }
        if self.ui.view != View::Roadmap {
            return self.click_list(at);
        }
        let panes = self.panes();
        for pane in [Pane::Stages, Pane::Skills, Pane::Detail] {
            let Some(area) = panes.get(pane) else {
                continue;
            };
            if !area.contains(at) {
                continue;
            }
            self.ui.focus = pane;
            let inner = layout::inner(area);
            if !inner.contains(at) {
                break;
            }
            let line = (row - inner.y) as usize;
            match pane {
                Pane::Stages => {
                    let index = self.ui.stages.offset + line / STAGE_ROWS;
                    if index < self.roadmap.stages.len() && index != self.ui.stages.selected {
                        self.ui.stages.selected = index;
                        self.reset_detail();
                    }
                }
                Pane::Skills => {
                    let index = self.skill_cursor().offset + line;
                    let len = self.skill_rows();
                    if let Some(cursor) = self.skill_cursor_mut()
                        && index < len
                        && index != cursor.selected
                    {
                        cursor.selected = index;
                        self.reset_detail();
                    }
                }
                Pane::Detail => {
                    if let Some(skill) = self.selected_skill() {
                        let doc = self.skill_document(skill, self.pane_width(Pane::Detail));
                        if let Some(item) = doc
                            .get(self.ui.detail_scroll + line)
                            .and_then(super::super::document::DocLine::item)
                        {
                            self.ui.item = item;
                        }
                    }
                }
            }
            break;
        }
        self.refit();
    }

    /// A click in the tips, staying-current or journal list selects that entry.
    fn click_list(&mut self, at: Position) {
        let Some(body) = self.body() else { return };
        let inner = layout::inner(body);
        if !inner.contains(at) {
            return;
        }
        let line = (at.y - inner.y) as usize;
        match self.ui.view {
            View::Current if line >= 1 => {
                let index = self.ui.strategies.offset + line - 1;
                if index < self.roadmap.strategies.len() {
                    self.ui.strategies.selected = index;
                }
            }
            View::Tips => {
                let width = self.card_width();
                if let Some(i) = card_at(self.ui.tips.offset, self.roadmap.tips.len(), line, |i| {
                    self.tip_card(i, width).len()
                }) {
                    self.ui.tips.selected = i;
                }
            }
            View::Journal => {
                let width = self.card_width();
                let entries = &self.ui.journal_entries;
                let found = card_at(self.ui.journal.offset, entries.len(), line, |i| {
                    self.journal_card(entries[i], width, JOURNAL_NOTE_LINES)
                        .len()
                });
                if let Some(i) = found {
                    self.ui.journal.selected = i;
                }
            }
            _ => {}
        }
        self.refit();
    }

    /// The wheel scrolls the list or text under the pointer by three rows.
    pub(super) fn wheel(&mut self, column: u16, row: u16, down: bool) {
        let delta = wheel_step(down);
        let at = Position::new(column, row);
        if self.ui.view == View::Roadmap {
            let panes = self.panes();
            let Some(pane) = [Pane::Stages, Pane::Skills, Pane::Detail]
                .into_iter()
                .find(|p| panes.get(*p).is_some_and(|r| r.contains(at)))
            else {
                return;
            };
            match pane {
                Pane::Detail => {
                    let max = self.detail_max_scroll();
                    self.ui.detail_scroll = step(self.ui.detail_scroll, delta, max + 1);
                }
                Pane::Stages => {
                    let max = self
                        .roadmap
                        .stages
                        .len()
                        .saturating_sub(self.pane_rows(Pane::Stages) / STAGE_ROWS);
                    self.ui.stages.offset = step(self.ui.stages.offset, delta.signum(), max + 1);
                }
                Pane::Skills => {
                    let max = self
                        .skill_rows()
                        .saturating_sub(self.pane_rows(Pane::Skills));
                    if let Some(cursor) = self.skill_cursor_mut() {
                        cursor.offset = step(cursor.offset, delta, max + 1);
                    }
                }
            }
            return;
        }
        self.move_by(delta.signum());
    }
}

/// Which card of a card list (each followed by a blank line) is at `line`.
fn card_at(
    offset: usize,
    len: usize,
    line: usize,
    height: impl Fn(usize) -> usize,
) -> Option<usize> {
    let mut top = 0;
    for i in offset..len {
        let bottom = top + height(i);
        if line < bottom {
            return Some(i);
        }
        top = bottom + 1;
        if top > line {
            return None;
        }
    }
    None
}
