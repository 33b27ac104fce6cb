//! The search overlay: typing the query, picking a match, jumping to it.

use ratatui::layout::Rect;

use super::step;
use crate::app::action::{Action, Effect, Pane, View};
use crate::app::layout;
use crate::app::search::{Search, SearchIndex, Target};
use crate::app::state::{App, Cursor, Overlay};
use crate::time::Now;

impl App {
    pub(super) fn start_search(&mut self) {
        self.ui.message = None;
        let index = self
            .search_index
            .get_or_insert_with(|| SearchIndex::new(&self.roadmap));
        // Notes change; a search does not change them while it is open.
        index.set_notes(&self.roadmap, &self.progress);
        self.ui.overlay = Some(Overlay::Search(Search::default()));
    }

    pub(super) fn search_action(&mut self, action: &Action, now: Now) -> Vec<Effect> {
        let Some(Overlay::Search(search)) = &mut self.ui.overlay else {
            return Vec::new();
        };
        let page = self.ui.height.saturating_sub(8).max(1) as isize;
        let mut requery = false;
        match *action {
            Action::CloseOverlay => {
                self.ui.overlay = None;
                return Vec::new();
            }
            Action::SearchType(c) => {
                search.query.push(c);
                requery = true;
            }
            Action::SearchBackspace => {
                requery = search.query.pop().is_some();
            }
            Action::Up => search.selected = search.selected.saturating_sub(1),
            Action::Down => {
                search.selected = (search.selected + 1).min(search.hits.len().saturating_sub(1));
            }
            Action::PageUp => search.selected = step(search.selected, -page, search.hits.len()),
            Action::PageDown => search.selected = step(search.selected, page, search.hits.len()),
            Action::Scroll { down, .. } => {
                // The wheel picks, a match a notch.
                search.selected = step(
                    search.selected,
                    if down { 1 } else { -1 },
                    search.hits.len(),
                );
            }
            Action::SearchConfirm => return self.search_jump(now),
            Action::Quit => return self.quit(now),
            _ => {}
        }
        if requery && let Some(index) = &self.search_index {
            search.refresh(index);
        }
        self.fit_search();
        Vec::new()
    }

    /// Keeps the picked match in the search popup's view.
    pub(super) fn fit_search(&mut self) {
        let rows = self.search_rows();
        if let Some(Overlay::Search(search)) = &mut self.ui.overlay {
            let mut cursor = Cursor {
                selected: search.selected,
                offset: search.offset,
            };
            cursor.keep_visible(rows, 1, search.hits.len());
            search.offset = cursor.offset;
        }
    }

    /// Rows of matches the search popup shows.
    pub fn search_rows(&self) -> usize {
        let Some(body) = self.body() else { return 1 };
        let popup = search_popup(body);
        // Border (2), the query line and a rule.
        (popup.height.saturating_sub(4) as usize).max(1)
    }

    fn search_jump(&mut self, now: Now) -> Vec<Effect> {
        let Some(Overlay::Search(search)) = &self.ui.overlay else {
            return Vec::new();
        };
        let target = self
            .search_index
            .as_ref()
            .and_then(|i| search.selected_target(i));
        let Some(target) = target else {
            self.flash("No match to jump to.", now);
            return Vec::new();
        };
        self.ui.overlay = None;
        match target {
            Target::Stage(stage) => {
                self.ui.view = View::Roadmap;
                self.ui.stages.selected = stage;
                self.ui.focus = Pane::Stages;
                self.reset_detail();
                self.refit();
            }
            Target::Skill(at) => self.go_to_skill(at, Pane::Skills),
            Target::Item(at, item) => {
                self.go_to_skill(at, Pane::Detail);
                self.ui.item = item;
                self.fit_detail();
            }
            Target::Link(at, pick) => {
                self.go_to_skill(at, Pane::Detail);
                self.ui.item = pick;
                self.fit_detail();
            }
            Target::Note(at) => {
                self.go_to_skill(at, Pane::Detail);
                self.show_note();
            }
            Target::Tip(i) => {
                self.ui.view = View::Tips;
                self.ui.tips.selected = i;
                self.refit();
            }
            Target::Strategy(i) => {
                self.ui.view = View::Current;
                self.ui.strategies.selected = self
                    .ui
                    .strategy_order
                    .iter()
                    .position(|&s| s == i)
                    .unwrap_or(0);
                self.refit();
            }
        }
        Vec::new()
    }
}

/// The search popup inside the body.
pub fn search_popup(body: Rect) -> Rect {
    // On a small screen the whole body: a rim of pane borders around it
    // would only look like a second frame.
    let width = if body.width <= 50 {
        body.width
    } else {
        (body.width * 4 / 5).max(40)
    };
    let height = if body.height <= 12 {
        body.height
    } else {
        (body.height * 4 / 5).max(8)
    };
    layout::popup(body, width, height)
}
