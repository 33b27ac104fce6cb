//! `App::update`: the one place that changes state. It does no I/O; it returns
//! the effects (save, quit, open an editor) for the event loop to run.

use std::time::Instant;

use ratatui::layout::{Position, Rect};

use super::action::{Action, Effect, Pane, SortKey, View};
use super::document::Kind;
use super::layout::{self, STAGE_ROWS};
use super::search::{Search, SearchIndex, Target};
use super::state::{App, Cursor, MESSAGE_TIME, Message, NoteEditor, Overlay, SAVE_DELAY};
use crate::content::SkillRef;
use crate::progress::Status;
use crate::text::clean;

/// Rows a page key moves when the pane's height is unknown.
const MIN_PAGE: usize = 1;
/// Most note lines a journal card shows.
pub const JOURNAL_NOTE_LINES: usize = 3;

impl App {
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Resize(width, height) => {
                self.ui.width = width;
                self.ui.height = height;
                self.refit();
                Vec::new()
            }
            Action::Tick(now) => self.tick(now),
            Action::Saved(result) => self.saved(result),
            Action::Terminate => self.terminate(),
            Action::ExternalEdit { skill, result } => self.external_edit(&skill, result),
            Action::Loaded(loaded) => {
                let (roadmap, progress) = *loaded;
                self.finish_loading(roadmap, progress);
                Vec::new()
            }
            Action::OfferDraft => {
                self.offer_draft();
                Vec::new()
            }
            Action::Refreshed { progress, writable } => {
                self.refreshed(progress.map(|p| *p), writable);
                Vec::new()
            }
            Action::Paste(text) => {
                self.paste(&text);
                Vec::new()
            }
            other => match &self.ui.overlay {
                Some(Overlay::Help { .. }) => self.help_action(other),
                Some(Overlay::Search(_)) => self.search_action(other),
                Some(Overlay::Editor(_)) => self.editor_action(other),
                Some(Overlay::ConfirmQuit) => self.confirm_quit(other),
                Some(Overlay::RecoverDraft { .. }) => self.recover_draft(other),
                None => self.main_action(other),
            },
        }
    }

    fn main_action(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Quit => return self.quit(),
            Action::ToggleHelp => self.ui.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(self.page_rows() as isize)),
            Action::PageDown => self.move_by(self.page_rows() as isize),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::NextPane => self.cycle_pane(1),
            Action::PrevPane => self.cycle_pane(-1),
            Action::DrillIn => self.drill_in(),
            Action::Back => self.back(),
            Action::ToggleSkill => return self.toggle_skill(),
            Action::ToggleItem => return self.toggle_item(),
            Action::CycleStatus => return self.cycle_status(),
            Action::EditNote => self.open_editor(None),
            Action::EditNoteExternally => return self.edit_externally(),
            Action::SetFocus => return self.toggle_focus(),
            Action::StartSearch => self.start_search(),
            Action::ShowView(view) => self.show_view(view),
            Action::Sort(key) => self.sort(key),
            Action::OpenJournalEntry => self.open_journal_entry(),
            Action::Click { column, row } => self.click(column, row),
            Action::Scroll { column, row, down } => self.wheel(column, row, down),
            _ => {}
        }
        Vec::new()
    }

    // ----- movement -------------------------------------------------------

    /// Rows in the body, the unit of a page.
    fn page_rows(&self) -> usize {
        let rows = self
            .body()
            .map_or(0, |b| b.height.saturating_sub(2) as usize);
        match (self.ui.view, self.ui.focus) {
            (View::Roadmap, Pane::Stages) => rows / STAGE_ROWS,
            _ => rows,
        }
        .max(MIN_PAGE)
    }

    fn body(&self) -> Option<Rect> {
        layout::screen(Rect::new(0, 0, self.ui.width, self.ui.height)).map(|s| s.body)
    }

    fn panes(&self) -> layout::Panes {
        self.body()
            .map(|b| layout::panes(b, self.ui.focus))
            .unwrap_or_default()
    }

    /// Rows inside a pane of the roadmap view (0 when it is not on screen).
    fn pane_rows(&self, pane: Pane) -> usize {
        self.panes()
            .get(pane)
            .map_or(0, |r| layout::inner(r).height as usize)
    }

    fn pane_width(&self, pane: Pane) -> usize {
        let text = match pane {
            Pane::Detail => layout::detail_text,
            Pane::Stages | Pane::Skills => layout::inner,
        };
        self.panes().get(pane).map_or(0, |r| text(r).width as usize)
    }

    fn move_by(&mut self, delta: isize) {
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
        let len = self.stage_len();
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

    fn stage_len(&self) -> usize {
        self.roadmap
            .stages
            .get(self.ui.stages.selected)
            .map_or(0, |s| s.skills.len())
    }

    fn reset_detail(&mut self) {
        self.ui.item = 0;
        self.ui.detail_scroll = 0;
    }

    /// In the detail pane ↑/↓ pick checklist items; past the first or last
    /// item (or with none) they scroll the text.
    fn move_in_detail(&mut self, delta: isize) {
        let Some(at) = self.selected_skill() else {
            return;
        };
        let items = self.roadmap.skill(at).items.len();
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

    fn detail_max_scroll(&self) -> usize {
        let Some(at) = self.selected_skill() else {
            return 0;
        };
        let lines = self.skill_document(at, self.pane_width(Pane::Detail)).len();
        lines.saturating_sub(self.pane_rows(Pane::Detail))
    }

    /// Scrolls the detail pane so the picked item's lines are visible.
    fn fit_detail(&mut self) {
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
    fn show_note(&mut self) {
        let Some(at) = self.selected_skill() else {
            return;
        };
        let rows = self.pane_rows(Pane::Detail);
        let doc = self.skill_document(at, self.pane_width(Pane::Detail));
        let Some(last) = doc.iter().rposition(|l| l.kind == Kind::Note) else {
            return;
        };
        let first = doc[..last]
            .iter()
            .rposition(|l| l.kind == Kind::Heading)
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

    fn fit_skills(&mut self) {
        let rows = self.pane_rows(Pane::Skills);
        let len = self.stage_len();
        if let Some(cursor) = self.skill_cursor_mut() {
            cursor.select(cursor.selected, len);
            cursor.keep_visible(rows, 1, len);
        }
    }

    fn fit_strategies(&mut self) {
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
    fn card_width(&self) -> usize {
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
    fn refit(&mut self) {
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
        }
    }

    /// Swaps the snapshot for the whole roadmap and progress, keeping the
    /// user's place (selections are clamped to what exists).
    fn finish_loading(
        &mut self,
        roadmap: crate::content::Roadmap,
        progress: crate::progress::RoadmapProgress,
    ) {
        self.stats = crate::progress::stats::Stats::count(&roadmap, &progress);
        self.ui
            .skills
            .resize(roadmap.stages.len(), Cursor::default());
        self.ui.strategy_order = (0..roadmap.strategies.len()).collect();
        self.roadmap = roadmap;
        self.progress = progress;
        self.search_index = None;
        self.loading = false;
        let stages = self.roadmap.stages.len();
        self.ui.stages.select(self.ui.stages.selected, stages);
        self.rebuild_journal();
        self.refit();
    }

    // ----- panes and views ------------------------------------------------

    fn cycle_pane(&mut self, delta: isize) {
        let order = [Pane::Stages, Pane::Skills, Pane::Detail];
        let at = order.iter().position(|p| *p == self.ui.focus).unwrap_or(0) as isize;
        self.ui.focus = order[(at + delta).rem_euclid(3) as usize];
        self.refit();
    }

    fn drill_in(&mut self) {
        match self.ui.focus {
            Pane::Stages if self.stage_len() > 0 => self.ui.focus = Pane::Skills,
            Pane::Stages => self.flash("This stage has no skills."),
            Pane::Skills if self.selected_skill().is_some() => self.ui.focus = Pane::Detail,
            Pane::Skills | Pane::Detail => {}
        }
        self.refit();
    }

    fn back(&mut self) {
        if self.ui.view != View::Roadmap {
            self.show_view(View::Roadmap);
            return;
        }
        self.ui.focus = match self.ui.focus {
            Pane::Detail => Pane::Skills,
            Pane::Skills | Pane::Stages => Pane::Stages,
        };
        self.refit();
    }

    fn show_view(&mut self, view: View) {
        if view != self.ui.view {
            self.drop_passing_message();
        }
        self.ui.view = view;
        if view == View::Journal {
            self.rebuild_journal();
        }
        self.refit();
    }

    /// Skills with a note, newest note first.
    pub(super) fn rebuild_journal(&mut self) {
        let mut entries: Vec<(SkillRef, Option<crate::time::Stamp>)> = self
            .progress
            .skills
            .iter()
            .filter(|(_, p)| !p.note.trim().is_empty())
            .filter_map(|(id, p)| self.roadmap.find_skill(id).map(|at| (at, p.note_changed)))
            .collect();
        entries.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then(a.0.stage.cmp(&b.0.stage))
                .then(a.0.skill.cmp(&b.0.skill))
        });
        // The selection stays on its note wherever that moved to.
        let picked = self
            .ui
            .journal_entries
            .get(self.ui.journal.selected)
            .copied();
        self.ui.journal_entries = entries.into_iter().map(|(at, _)| at).collect();
        let len = self.ui.journal_entries.len();
        let selected = picked
            .and_then(|at| self.ui.journal_entries.iter().position(|&e| e == at))
            .unwrap_or(self.ui.journal.selected);
        self.ui.journal.select(selected, len);
    }

    fn open_journal_entry(&mut self) {
        if let Some(&at) = self.ui.journal_entries.get(self.ui.journal.selected) {
            self.go_to_skill(at, Pane::Skills);
        }
    }

    /// Shows a skill in the roadmap view with `pane` focused.
    fn go_to_skill(&mut self, at: SkillRef, pane: Pane) {
        self.ui.view = View::Roadmap;
        self.ui.stages.selected = at.stage;
        if let Some(cursor) = self.ui.skills.get_mut(at.stage) {
            cursor.selected = at.skill;
        }
        self.ui.focus = pane;
        self.reset_detail();
        self.refit();
    }

    fn sort(&mut self, key: SortKey) {
        if self.ui.view != View::Current {
            return;
        }
        self.ui.sort = match self.ui.sort {
            Some((k, false)) if k == key => Some((key, true)),
            Some((k, true)) if k == key => None,
            _ => Some((key, false)),
        };
        let selected = self
            .ui
            .strategy_order
            .get(self.ui.strategies.selected)
            .copied();
        let mut order: Vec<usize> = (0..self.roadmap.strategies.len()).collect();
        if let Some((key, descending)) = self.ui.sort {
            let strategies = &self.roadmap.strategies;
            let field = |i: usize| match key {
                SortKey::Time => strategies[i].time.as_str(),
                SortKey::Value => strategies[i].value.as_str(),
            };
            order.sort_by(|&a, &b| {
                let ord = level(field(a)).cmp(&level(field(b)));
                if descending { ord.reverse() } else { ord }
            });
        }
        self.ui.strategy_order = order;
        if let Some(row) =
            selected.and_then(|s| self.ui.strategy_order.iter().position(|&i| i == s))
        {
            self.ui.strategies.selected = row;
        }
        let label = match self.ui.sort {
            None => "Table in the roadmap's order.".to_string(),
            Some((key, descending)) => format!(
                "Sorted by {} ({})",
                if key == SortKey::Time {
                    "time investment"
                } else {
                    "value"
                },
                if descending {
                    "high to low"
                } else {
                    "low to high"
                }
            ),
        };
        self.flash(&label);
        self.fit_strategies();
    }

    // ----- progress -------------------------------------------------------

    /// Refuses a change in read-only mode; true when changes are allowed.
    fn writable(&mut self) -> bool {
        match self.save.read_only.clone() {
            Some(why) => {
                self.flash_error(&format!("read-only: {why}"));
                false
            }
            None => true,
        }
    }

    /// Notes that progress changed and must be saved.
    pub(super) fn changed(&mut self) {
        self.save.dirty = true;
        if self.save.save_due.is_none() {
            self.save.save_due = Some(Instant::now() + SAVE_DELAY);
        }
    }

    fn set_status(&mut self, at: SkillRef, status: Status) {
        let id = self.roadmap.skill(at).id.clone();
        let old = self.progress.status(&id);
        let now = self.now();
        if self.progress.set_status(&id, status, now) {
            self.stats.changed(at.stage, old, status);
            self.changed();
        }
    }

    fn toggle_skill(&mut self) -> Vec<Effect> {
        let Some(at) = self.selected_skill() else {
            return Vec::new();
        };
        if !self.writable() {
            return Vec::new();
        }
        let status = match self.progress.status(&self.roadmap.skill(at).id) {
            Status::Done => Status::Todo,
            _ => Status::Done,
        };
        self.set_status(at, status);
        Vec::new()
    }

    fn cycle_status(&mut self) -> Vec<Effect> {
        let Some(at) = self.selected_skill() else {
            return Vec::new();
        };
        if !self.writable() {
            return Vec::new();
        }
        let next = self.progress.status(&self.roadmap.skill(at).id).next();
        self.set_status(at, next);
        Vec::new()
    }

    /// Ticks or unticks the picked item. The first tick starts a todo skill;
    /// ticking the last one marks the skill done (the user can still change it).
    fn toggle_item(&mut self) -> Vec<Effect> {
        let Some(at) = self.selected_skill() else {
            return Vec::new();
        };
        let skill = self.roadmap.skill(at);
        let Some(item) = skill.items.get(self.ui.item) else {
            return Vec::new();
        };
        let (skill_id, item_id) = (skill.id.clone(), item.id.clone());
        if !self.writable() {
            return Vec::new();
        }
        let done = !self.progress.item_done(&skill_id, &item_id);
        let now = self.now();
        self.progress.set_item(&skill_id, &item_id, done, now);
        self.changed();
        let skill = self.roadmap.skill(at);
        let all = skill
            .items
            .iter()
            .all(|i| self.progress.item_done(&skill_id, &i.id));
        let status = self.progress.status(&skill_id);
        if done && all && status != Status::Done {
            self.set_status(at, Status::Done);
            self.flash("Every item ticked: skill marked done (s to change).");
        } else if done && status == Status::Todo {
            self.set_status(at, Status::InProgress);
            self.flash("Skill marked in progress.");
        } else if !done && status == Status::Done {
            self.set_status(at, Status::InProgress);
            self.flash("An item is open again: skill back in progress.");
        }
        self.fit_detail();
        Vec::new()
    }

    fn toggle_focus(&mut self) -> Vec<Effect> {
        let Some(at) = self.selected_skill() else {
            return Vec::new();
        };
        if !self.writable() {
            return Vec::new();
        }
        let skill = self.roadmap.skill(at);
        let (id, title) = (skill.id.clone(), skill.title.clone());
        let now = self.now();
        if self.progress.focus_skill() == Some(id.as_str()) {
            self.progress.clear_focus(now);
            self.flash("Focus ended; it stays in your focus history.");
        } else {
            self.progress.set_focus(&id, now);
            self.flash(&format!("This quarter's focus: {}", clean(&title)));
        }
        self.changed();
        Vec::new()
    }

    // ----- search ---------------------------------------------------------

    fn start_search(&mut self) {
        self.ui.message = None;
        let index = self
            .search_index
            .get_or_insert_with(|| SearchIndex::new(&self.roadmap));
        // Notes change; a search does not change them while it is open.
        index.set_notes(&self.roadmap, &self.progress);
        self.ui.overlay = Some(Overlay::Search(Search::default()));
    }

    fn search_action(&mut self, action: Action) -> Vec<Effect> {
        let Some(Overlay::Search(search)) = &mut self.ui.overlay else {
            return Vec::new();
        };
        let page = self.ui.height.saturating_sub(8).max(1) as isize;
        let mut requery = false;
        match action {
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
                search.selected = (search.selected + 1).min(search.hits.len().saturating_sub(1))
            }
            Action::PageUp => search.selected = step(search.selected, -page, search.hits.len()),
            Action::PageDown => search.selected = step(search.selected, page, search.hits.len()),
            Action::Scroll { down, .. } => {
                // The wheel picks, a match a notch.
                search.selected = step(
                    search.selected,
                    if down { 1 } else { -1 },
                    search.hits.len(),
                )
            }
            Action::SearchConfirm => return self.search_jump(),
            Action::Quit => return self.quit(),
            _ => {}
        }
        if requery && let Some(index) = &self.search_index {
            search.refresh(index);
        }
        self.fit_search();
        Vec::new()
    }

    /// Keeps the picked match in the search popup's view.
    fn fit_search(&mut self) {
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

    fn search_jump(&mut self) -> Vec<Effect> {
        let Some(Overlay::Search(search)) = &self.ui.overlay else {
            return Vec::new();
        };
        let target = self
            .search_index
            .as_ref()
            .and_then(|i| search.selected_target(i));
        let Some(target) = target else {
            self.flash("No match to jump to.");
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

    // ----- overlays -------------------------------------------------------

    fn help_action(&mut self, action: Action) -> Vec<Effect> {
        let Some(Overlay::Help { scroll }) = &mut self.ui.overlay else {
            return Vec::new();
        };
        // The overlay is the screen less a row above and below, less its border.
        let rows = self.ui.height.saturating_sub(4) as usize;
        let last = super::keymap::help_line_count().saturating_sub(rows);
        let page = rows.max(1) as isize;
        match action {
            Action::CloseOverlay | Action::ToggleHelp => self.ui.overlay = None,
            Action::Up => *scroll = step(*scroll, -1, last + 1),
            Action::Down => *scroll = step(*scroll, 1, last + 1),
            Action::PageUp => *scroll = step(*scroll, -page, last + 1),
            Action::PageDown => *scroll = step(*scroll, page, last + 1),
            Action::Top => *scroll = 0,
            Action::Bottom => *scroll = last,
            Action::Scroll { down, .. } => *scroll = step(*scroll, wheel_step(down), last + 1),
            Action::Quit => return self.quit(),
            _ => {}
        }
        Vec::new()
    }

    /// Opens the note editor on the selected skill, with `text` (a recovered
    /// draft) or the current note.
    fn open_editor(&mut self, text: Option<String>) {
        let Some(at) = self.selected_skill() else {
            return;
        };
        if !self.writable() {
            return;
        }
        self.drop_passing_message();
        let skill = self.roadmap.skill(at).id.clone();
        let note = self.progress.note(&skill).to_string();
        let recovered = text.is_some();
        let start = text.unwrap_or_else(|| note.clone());
        let shown = clean(&start).into_owned();
        let textarea = super::note_area::NoteArea::at_end(&shown, self.editor_rows());
        let edits = super::edits::Edits::opened(shown.trim_end() == note);
        self.ui.overlay = Some(Overlay::Editor(Box::new(NoteEditor {
            skill,
            textarea,
            kept: note,
            // A recovered draft is not the note: saving it is a change.
            shown: if recovered { String::new() } else { shown },
            draft_due: None,
            edits,
        })));
    }

    fn editor_action(&mut self, action: Action) -> Vec<Effect> {
        let rows = self.editor_rows();
        let Some(Overlay::Editor(editor)) = &mut self.ui.overlay else {
            return Vec::new();
        };
        match action {
            Action::EditorInput(_) | Action::EditorUndo | Action::EditorRedo => {
                let changed = match action {
                    Action::EditorInput(input) => {
                        editor.edits.input(&mut editor.textarea, input, rows)
                    }
                    Action::EditorUndo => editor.edits.undo(&mut editor.textarea, rows),
                    _ => editor.edits.redo(&mut editor.textarea, rows),
                };
                editor.edited(changed);
                if changed {
                    // "Note saved." is no longer true once the text changes.
                    self.ui.message = None;
                }
                Vec::new()
            }
            Action::EditorSave => {
                self.commit_note();
                self.flash("Note saved.");
                vec![Effect::Save]
            }
            Action::EditorClose => {
                self.commit_note();
                self.ui.overlay = None;
                self.rebuild_journal();
                vec![Effect::Save]
            }
            Action::Quit => self.quit(),
            _ => Vec::new(),
        }
    }

    /// Writes the editor's text as the skill's note (dropping its draft).
    fn commit_note(&mut self) {
        let now = self.now();
        let Some(Overlay::Editor(editor)) = &mut self.ui.overlay else {
            return;
        };
        let text = editor.text();
        let skill = editor.skill.clone();
        editor.draft_due = None;
        editor.edits.keep();
        // The editor shows the note made safe (tabs as spaces, controls as
        // symbols): back as it opened, the note is not rewritten that way.
        let untouched = text == editor.shown;
        if !untouched {
            editor.kept = text.trim_end().to_string();
        }
        let had_draft = self.progress.clear_draft(&skill);
        let changed = !untouched && self.progress.set_note(&skill, &text, now);
        if changed || had_draft {
            self.changed();
        }
    }

    fn paste(&mut self, text: &str) {
        // Pasted text is untrusted: keep line breaks, make controls visible.
        let text = clean(&text.replace("\r\n", "\n").replace('\r', "\n")).into_owned();
        let rows = self.editor_rows();
        match &mut self.ui.overlay {
            Some(Overlay::Editor(editor)) => {
                let changed = editor.edits.paste(&mut editor.textarea, &text, rows);
                editor.edited(changed);
            }
            Some(Overlay::Search(search)) => {
                let line = text.lines().next().unwrap_or_default().to_string();
                search.query.push_str(&line);
                if let Some(index) = &self.search_index {
                    search.refresh(index);
                }
            }
            _ => {}
        }
    }

    fn recover_draft(&mut self, action: Action) -> Vec<Effect> {
        let Some(Overlay::RecoverDraft { skill }) = &self.ui.overlay else {
            return Vec::new();
        };
        let skill = skill.clone();
        match action {
            Action::Confirm => {
                self.ui.overlay = None;
                let text = self
                    .progress
                    .skill(&skill)
                    .and_then(|p| p.draft.as_ref())
                    .map(|d| d.text.clone());
                if let Some(at) = self.roadmap.find_skill(&skill) {
                    self.go_to_skill(at, Pane::Detail);
                    self.open_editor(text);
                }
                Vec::new()
            }
            Action::Decline => {
                self.ui.overlay = None;
                if self.writable() {
                    self.progress.clear_draft(&skill);
                    self.changed();
                    self.flash("Draft discarded.");
                    self.offer_draft();
                }
                Vec::new()
            }
            Action::CloseOverlay => {
                self.ui.overlay = None;
                self.flash("Draft kept: it is offered again next time.");
                Vec::new()
            }
            // The draft stays in the file.
            Action::Quit => vec![Effect::Quit],
            _ => Vec::new(),
        }
    }

    fn edit_externally(&mut self) -> Vec<Effect> {
        let Some(at) = self.selected_skill() else {
            return Vec::new();
        };
        if !self.writable() {
            return Vec::new();
        }
        vec![Effect::EditExternally(self.roadmap.skill(at).id.clone())]
    }

    fn external_edit(&mut self, skill: &str, result: Result<String, String>) -> Vec<Effect> {
        match result {
            Ok(text) => {
                let now = self.now();
                if self.progress.set_note(skill, &text, now) {
                    self.changed();
                    self.rebuild_journal();
                    self.flash("Note saved.");
                    return vec![Effect::Save];
                }
                self.flash("Note unchanged.");
            }
            Err(why) => self.flash_error(&why),
        }
        Vec::new()
    }

    /// A read-only window shows what the other one saved, and becomes
    /// writable once it has gone.
    fn refreshed(&mut self, progress: Option<crate::progress::RoadmapProgress>, writable: bool) {
        if let Some(progress) = progress {
            self.stats = crate::progress::stats::Stats::count(&self.roadmap, &progress);
            self.progress = progress;
            self.rebuild_journal();
        }
        if writable {
            self.save.read_only = None;
            self.save.refresh_due = None;
            self.flash("The other window has closed: changes are saved again.");
        }
    }

    // ----- saving and quitting ---------------------------------------------

    fn quit(&mut self) -> Vec<Effect> {
        if matches!(self.ui.overlay, Some(Overlay::Editor(_))) {
            self.commit_note();
            self.ui.overlay = None;
        }
        if !self.save.dirty || self.save.read_only.is_some() {
            return vec![Effect::Quit];
        }
        self.save.quit_pending = true;
        vec![Effect::Save]
    }

    /// Only an explicit yes loses changes; no, Esc and Ctrl-C stay.
    fn confirm_quit(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Confirm => vec![Effect::Quit],
            Action::Decline | Action::CloseOverlay | Action::Quit => {
                self.ui.overlay = None;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn terminate(&mut self) -> Vec<Effect> {
        if let Some(Overlay::Editor(editor)) = &self.ui.overlay {
            // Not the user's decision to save: keep the text as a draft.
            let (skill, text) = (editor.skill.clone(), editor.text());
            if text.trim_end() != editor.kept {
                let now = self.now();
                self.progress.set_draft(&skill, &text, now);
                self.changed();
            }
        }
        self.save.quit_forced = true;
        if self.save.dirty && self.save.read_only.is_none() {
            self.save.quit_pending = true;
            vec![Effect::Save]
        } else {
            vec![Effect::Quit]
        }
    }

    /// The result of a save the loop ran.
    fn saved(&mut self, result: Result<crate::time::Stamp, String>) -> Vec<Effect> {
        match result {
            Ok(when) => {
                self.save.dirty = false;
                self.save.save_due = None;
                self.save.error = None;
                self.save.last_saved = Some(when);
                if self.save.quit_pending {
                    return vec![Effect::Quit];
                }
            }
            Err(reason) => {
                self.save.error = Some(reason);
                if self.save.quit_forced {
                    return vec![Effect::Quit];
                }
                if self.save.quit_pending {
                    self.save.quit_pending = false;
                    self.ui.overlay = Some(Overlay::ConfirmQuit);
                }
                // Retried on the next change, not in a loop.
                self.save.save_due = None;
            }
        }
        Vec::new()
    }

    fn tick(&mut self, now: Instant) -> Vec<Effect> {
        if self.ui.message.as_ref().is_some_and(|m| m.until <= now) {
            self.ui.message = None;
        }
        let mut effects = Vec::new();
        let refresh_due = self.save.refresh_due.is_some_and(|due| due <= now);
        if self.save.read_only.is_some() && refresh_due && !self.loading {
            self.save.refresh_due = Some(now + super::state::REFRESH_EVERY);
            effects.push(Effect::Refresh);
        }
        if let Some(Overlay::Editor(editor)) = &mut self.ui.overlay
            && editor.draft_due.is_some_and(|due| due <= now)
        {
            editor.draft_due = None;
            let text = editor.text();
            let skill = editor.skill.clone();
            if text.trim_end() != editor.kept {
                let stamp = (self.clock)();
                self.progress.set_draft(&skill, &text, stamp);
                self.changed();
                effects.push(Effect::Save);
            }
        }
        let save_due = self.save.save_due.is_some_and(|due| due <= now);
        if save_due && self.save.read_only.is_none() && !effects.contains(&Effect::Save) {
            effects.push(Effect::Save);
        }
        effects
    }

    // ----- mouse ----------------------------------------------------------

    fn click(&mut self, column: u16, row: u16) {
        let at = Position::new(column, row);
        let screen = layout::screen(Rect::new(0, 0, self.ui.width, self.ui.height));
        if let Some(header) = screen.map(|s| s.header).filter(|h| h.contains(at)) {
            let tabs = super::header::Header::of(self, header.width as usize);
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
                    let len = self.stage_len();
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
                        if let Some(item) =
                            doc.get(self.ui.detail_scroll + line).and_then(|l| l.item())
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
    fn wheel(&mut self, column: u16, row: u16, down: bool) {
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
                        .stage_len()
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

    // ----- messages -------------------------------------------------------

    /// Forgets a message about what was on screen (not an error) when the
    /// screen changes to something else.
    fn drop_passing_message(&mut self) {
        if self.ui.message.as_ref().is_some_and(|m| !m.error) {
            self.ui.message = None;
        }
    }

    pub fn flash(&mut self, text: &str) {
        self.ui.message = Some(Message {
            text: text.to_string(),
            error: false,
            until: Instant::now() + MESSAGE_TIME,
        });
    }

    pub fn flash_error(&mut self, text: &str) {
        self.ui.message = Some(Message {
            text: text.to_string(),
            error: true,
            until: Instant::now() + MESSAGE_TIME,
        });
    }
}

/// `value + delta`, clamped to `0..len`.
fn step(value: usize, delta: isize, len: usize) -> usize {
    let max = len.saturating_sub(1) as isize;
    (value as isize).saturating_add(delta).clamp(0, max.max(0)) as usize
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

/// The rank of a level word such as "Low", "Medium-High" or "Very High
/// (networking)"; unknown words sort after all known ones.
pub fn level(text: &str) -> (u8, String) {
    let t = text.to_lowercase();
    let t = t.split('(').next().unwrap_or_default().trim().to_string();
    let rank = match t.as_str() {
        "none" => 0,
        "very low" => 1,
        "low" => 2,
        "low-medium" | "medium-low" => 3,
        "medium" => 4,
        "medium-high" | "high-medium" => 5,
        "high" => 6,
        "very high" => 7,
        _ => 8,
    };
    (rank, t)
}

/// Lines a notch of the mouse wheel scrolls.
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

fn wheel_step(down: bool) -> isize {
    if down { 3 } else { -3 }
}
