//! Moving through lists and text, and keeping every selection in view.

use ratatui::layout::Rect;

use super::{JOURNAL_NOTE_LINES, MIN_PAGE, step};
use crate::app::action::{Pane, View};
use crate::app::document::LineKind;
use crate::app::layout::{self, STAGE_ROWS};
use crate::app::state::{App, Cursor};
use crate::content::SkillRef;
use crate::progress::Status;

impl App {
    /// Rows in the body, the unit of a page.
    pub(super) fn page_rows(&self) -> usize {
        let rows = self
            .body()
            .map_or(0, |b| b.height.saturating_sub(2) as usize);
        match (self.ui.view, self.ui.focus) {
            (View::Roadmap, Pane::Stages) => rows / STAGE_ROWS,
            _ => rows,
        }
        .max(MIN_PAGE)
    }

    pub(super) fn body(&self) -> Option<Rect> {
        self.screen().map(|s| s.body)
    }

    pub(super) fn panes(&self) -> layout::Panes {
        self.body()
            .map(|b| layout::panes(b, self.ui.focus))
            .unwrap_or_default()
    }

    /// Rows inside a pane of the roadmap view (0 when it is not on screen).
    pub(super) fn pane_rows(&self, pane: Pane) -> usize {
        self.panes()
            .get(pane)
            .map_or(0, |r| layout::inner(r).height as usize)
    }

    pub(super) fn pane_width(&self, pane: Pane) -> usize {
        let text = match pane {
            Pane::Detail => layout::detail_text,
            Pane::Stages | Pane::Skills => layout::inner,
        };
        self.panes().get(pane).map_or(0, |r| text(r).width as usize)
    }

    pub(super) fn move_by(&mut self, delta: isize) {
        match self.ui.view {
            View::Roadmap => match self.ui.focus {
                Pane::Stages => self.move_stage(delta),
                Pane::Skills => self.move_skill(delta),
                Pane::Detail => self.move_in_detail(delta),
            },
            View::Tips => {
                let len = self.roadmap.tips.len();
                self.ui.tips.step(delta, len);
                self.fit_tips();
            }
            View::Current => {
                let len = self.roadmap.strategies.len();
                self.ui.strategies.step(delta, len);
                self.fit_strategies();
            }
            View::About => {
                let max = self.about_max_scroll();
                self.ui.about_scroll = step(self.ui.about_scroll, delta, max + 1);
            }
            View::Journal => {
                let len = self.ui.journal_entries.len();
                self.ui.journal.step(delta, len);
                self.fit_journal();
            }
            View::Progress => {
                let len = self.reviews_due().len();
                self.ui.review = step(self.ui.review, delta, len);
            }
        }
    }

    fn move_stage(&mut self, delta: isize) {
        let before = self.ui.stages.selected;
        let stages = self.roadmap.stages.len();
        self.ui.stages.step(delta, stages);
        self.ui
            .stages
            .keep_visible(self.pane_rows(Pane::Stages), STAGE_ROWS, stages);
        if self.ui.stages.selected != before {
            self.reset_detail();
            self.fit_skills();
        }
    }

    fn move_skill(&mut self, delta: isize) {
        let len = self.skill_rows();
        let rows = self.pane_rows(Pane::Skills);
        if let Some(cursor) = self.skill_cursor_mut() {
            let before = cursor.selected;
            cursor.step(delta, len);
            cursor.keep_visible(rows, 1, len);
            if cursor.selected != before {
                self.reset_detail();
            }
        }
    }

    /// All skills → todo → in progress → done → skipped → all, keeping the
    /// picked skill picked where it is still shown.
    pub(super) fn cycle_filter(&mut self) {
        let picked = self.selected_skill();
        self.ui.filter = match self.ui.filter {
            None => Some(Status::Todo),
            Some(Status::Skipped) => None,
            Some(status) => Some(status.next()),
        };
        let stage = self.ui.stages.selected;
        let row = picked
            .and_then(|p| self.shown_skills(stage).position(|skill| skill == p.skill))
            .unwrap_or_default();
        if let Some(cursor) = self.skill_cursor_mut() {
            cursor.selected = row;
        }
        if self.selected_skill() != picked {
            self.reset_detail();
        }
        self.fit_skills();
    }

    /// How many rows the skills pane has (its skills, filtered).
    pub(super) fn skill_rows(&self) -> usize {
        self.shown_skills(self.ui.stages.selected).count()
    }

    pub(super) fn stage_len(&self) -> usize {
        self.roadmap
            .stages
            .get(self.ui.stages.selected)
            .map_or(0, |s| s.skills.len())
    }

    pub(super) fn reset_detail(&mut self) {
        self.ui.item = 0;
        self.ui.detail_scroll = 0;
    }

    /// In the detail pane ↑/↓ pick checklist items; past the first or last
    /// item (or with none) they scroll the text.
    fn move_in_detail(&mut self, delta: isize) {
        let Some(at) = self.selected_skill() else {
            return;
        };
        // The checklist's items, then the learner's links: one cursor.
        let items = self.roadmap.skill(at).items.len()
            + self.progress.evidence(&self.roadmap.skill(at).id).count();
        let unit = delta.signum();
        if delta.unsigned_abs() == 1 && items > 0 {
            let next = self.ui.item as isize + delta;
            if (0..items as isize).contains(&next) {
                self.ui.item = next as usize;
                self.fit_detail();
                return;
            }
        }
        let max = self.detail_max_scroll();
        self.ui.detail_scroll = step(self.ui.detail_scroll, delta, max + 1);
        if delta.unsigned_abs() > 1 && items > 0 {
            // Pages and Home/End move the view; the item cursor follows onto
            // the page (Home/End: to the first/last item shown), and stays
            // where it was when the page shows no item (prose or the note).
            let shown = self.items_in_view(at);
            let jump = delta.unsigned_abs() > 1_000;
            let pick = match (jump, unit < 0) {
                (true, true) | (false, false) => shown.first(),
                (true, false) | (false, true) => shown.last(),
            };
            if let Some(&item) = pick
                && (jump || !shown.contains(&self.ui.item))
            {
                self.ui.item = item;
            }
        }
    }

    /// The checklist items whose lines are all in the detail pane's view.
    fn items_in_view(&self, at: SkillRef) -> Vec<usize> {
        let rows = self.pane_rows(Pane::Detail);
        let doc = self.skill_document(at, self.pane_width(Pane::Detail));
        let view = self.ui.detail_scroll..self.ui.detail_scroll + rows;
        let mut shown: Vec<usize> = Vec::new();
        let mut cut = Vec::new();
        for (line, item) in doc
            .iter()
            .enumerate()
            .filter_map(|(i, l)| Some((i, l.item()?)))
        {
            if view.contains(&line) {
                if shown.last() != Some(&item) {
                    shown.push(item);
                }
            } else {
                cut.push(item);
            }
        }
        shown.retain(|item| !cut.contains(item));
        shown
    }

    pub(super) fn detail_max_scroll(&self) -> usize {
        let Some(at) = self.selected_skill() else {
            return 0;
        };
        let lines = self.skill_document(at, self.pane_width(Pane::Detail)).len();
        lines.saturating_sub(self.pane_rows(Pane::Detail))
    }

    /// Scrolls the detail pane so the picked item's lines are visible.
    pub(super) fn fit_detail(&mut self) {
        let Some(at) = self.selected_skill() else {
            return;
        };
        let rows = self.pane_rows(Pane::Detail);
        if rows == 0 {
            return;
        }
        let doc = self.skill_document(at, self.pane_width(Pane::Detail));
        let lines: Vec<usize> = doc
            .iter()
            .enumerate()
            .filter(|(_, l)| l.item() == Some(self.ui.item))
            .map(|(i, _)| i)
            .collect();
        let (Some(&first), Some(&last)) = (lines.first(), lines.last()) else {
            return;
        };
        self.ui.detail_scroll = scrolled_to(self.ui.detail_scroll, first, last, rows);
    }

    /// Scrolls the detail pane (at its top) down until the selected skill's
    /// note is in view, from its heading on where it fits.
    pub(super) fn show_note(&mut self) {
        let Some(at) = self.selected_skill() else {
            return;
        };
        let rows = self.pane_rows(Pane::Detail);
        let doc = self.skill_document(at, self.pane_width(Pane::Detail));
        let Some(last) = doc.iter().rposition(|l| l.kind == LineKind::Note) else {
            return;
        };
        let first = doc[..last]
            .iter()
            .rposition(|l| l.kind == LineKind::Heading)
            .unwrap_or(last);
        if rows > 0 {
            self.ui.detail_scroll = scrolled_to(self.ui.detail_scroll, first, last, rows);
        }
    }

    fn about_max_scroll(&self) -> usize {
        let Some(body) = self.body() else { return 0 };
        let inner = layout::reading(body);
        let lines = self.about_document(inner.width as usize).len();
        lines.saturating_sub(inner.height as usize)
    }

    pub(super) fn fit_skills(&mut self) {
        let rows = self.pane_rows(Pane::Skills);
        let len = self.skill_rows();
        if let Some(cursor) = self.skill_cursor_mut() {
            cursor.select(cursor.selected, len);
            cursor.keep_visible(rows, 1, len);
        }
    }

    pub(super) fn fit_strategies(&mut self) {
        // The table has a header row and a note line under it.
        let rows = self
            .body()
            .map_or(0, |b| layout::inner(b).height.saturating_sub(3) as usize);
        let len = self.roadmap.strategies.len();
        self.ui.strategies.keep_visible(rows, 1, len);
    }

    /// Keeps the selected card of a card list fully in view.
    fn fit_cards(&self, cursor: &mut Cursor, len: usize, heights: impl Fn(usize) -> usize) {
        let Some(body) = self.body() else { return };
        let rows = layout::inner(body).height as usize;
        if cursor.selected < cursor.offset {
            cursor.offset = cursor.selected;
        }
        // Each card is followed by a blank line.
        while cursor.offset < cursor.selected
            && (cursor.offset..=cursor.selected)
                .map(|i| heights(i) + 1)
                .sum::<usize>()
                > rows + 1
        {
            cursor.offset += 1;
        }
        // With room to spare below the last card (the screen grew), the
        // cards above come back into view.
        let fits_from = |first: usize| {
            let mut used = 0;
            (first..len).all(|i| {
                used += heights(i) + 1;
                used <= rows + 1
            })
        };
        while cursor.offset > 0 && fits_from(cursor.offset - 1) {
            cursor.offset -= 1;
        }
    }

    /// Text width of a tip or journal card (after the selection mark).
    pub(super) fn card_width(&self) -> usize {
        self.body()
            .map_or(1, |b| layout::reading(b).width.saturating_sub(2) as usize)
    }

    fn fit_tips(&mut self) {
        let width = self.card_width();
        let mut cursor = self.ui.tips;
        let len = self.roadmap.tips.len();
        self.fit_cards(&mut cursor, len, |i| self.tip_card(i, width).len());
        self.ui.tips = cursor;
    }

    fn fit_journal(&mut self) {
        let width = self.card_width();
        let mut cursor = self.ui.journal;
        let entries = self.ui.journal_entries.clone();
        self.fit_cards(&mut cursor, entries.len(), |i| {
            entries.get(i).map_or(1, |&at| {
                self.journal_card(at, width, JOURNAL_NOTE_LINES).len()
            })
        });
        self.ui.journal = cursor;
    }

    /// After a resize: keep every selection valid and visible.
    /// Only the view on screen: the others are fitted when they are shown.
    pub(super) fn refit(&mut self) {
        self.fit_search();
        match self.ui.view {
            View::Roadmap => {
                let stages = self.roadmap.stages.len();
                self.ui.stages.keep_visible(
                    self.pane_rows(Pane::Stages).max(1),
                    STAGE_ROWS,
                    stages,
                );
                self.fit_skills();
                // At the top (as at start) there is nothing to pull back: the
                // detail need not be laid out to know it.
                if self.ui.detail_scroll > 0 {
                    self.ui.detail_scroll = self.ui.detail_scroll.min(self.detail_max_scroll());
                }
                // Only where the checklist cursor is in use: a preview stays at its top.
                if self.ui.focus == Pane::Detail {
                    self.fit_detail();
                }
            }
            View::About => self.ui.about_scroll = self.ui.about_scroll.min(self.about_max_scroll()),
            View::Tips => self.fit_tips(),
            View::Current => self.fit_strategies(),
            View::Journal => self.fit_journal(),
            View::Progress => {}
        }
    }
}

/// A scroll offset, from `scroll`, that shows lines `first..=last` in `rows`
/// (their start, when they do not fit).
fn scrolled_to(scroll: usize, first: usize, last: usize, rows: usize) -> usize {
    if first < scroll {
        first
    } else if last >= scroll + rows {
        (last + 1 - rows).min(first)
    } else {
        scroll
    }
}
