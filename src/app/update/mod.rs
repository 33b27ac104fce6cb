//! `App::update`: the one place that changes state. It does no I/O; it returns
//! the effects (save, quit, open an editor) for the event loop to run.

mod editor;
mod evidence;
mod help;
mod mouse;
mod navigation;
mod packs;
mod progress;
mod questions;
mod review;
mod saving;
mod search;
mod views;

pub use search::search_popup;
pub use views::level;

use super::action::{Action, Effect, Pane, View};
use super::state::{App, MESSAGE_TIME, Message, Overlay, WATCH_EVERY};
use crate::time::Now;

/// Rows a page key moves when the pane's height is unknown.
const MIN_PAGE: usize = 1;
/// Most note lines a journal card shows.
pub const JOURNAL_NOTE_LINES: usize = 3;

impl App {
    /// Handles `action`, which happens at `now`, and returns what the event
    /// loop is to do. The one clock it reads is `now`.
    pub fn update(&mut self, action: Action, now: Now) -> Vec<Effect> {
        self.clock = now.stamp;
        let effects = self.apply(action, now);
        // The file on disk is looked at now and then, from the first action on.
        if self.save.watch_due.is_none() {
            self.save.watch_due = Some(now.instant + WATCH_EVERY);
        }
        effects
    }

    fn apply(&mut self, action: Action, now: Now) -> Vec<Effect> {
        match action {
            Action::Resize(width, height) => {
                self.ui.width = width;
                self.ui.height = height;
                self.refit();
                Vec::new()
            }
            Action::Tick => self.tick(now),
            Action::Saved(result) => self.saved(result, now),
            Action::Terminate => self.terminate(now),
            Action::ExternalEdit { skill, result } => self.external_edit(&skill, result, now),
            Action::Loaded(roadmap) => {
                self.finish_loading(*roadmap);
                Vec::new()
            }
            Action::OfferDraft => {
                self.offer_draft();
                Vec::new()
            }
            Action::Conflicts(names) => {
                self.save.conflicts = names;
                Vec::new()
            }
            Action::Packs(packs) => {
                self.show_packs(packs);
                Vec::new()
            }
            Action::PackOpened(result) => {
                self.pack_opened(result, now);
                Vec::new()
            }
            Action::Paste(text) => {
                self.paste(&text, now);
                Vec::new()
            }
            other => match &self.ui.overlay {
                Some(Overlay::Help { .. }) => self.help_action(&other, now),
                Some(Overlay::Search(_)) => self.search_action(&other, now),
                Some(Overlay::Editor(_)) => self.editor_action(other, now),
                Some(Overlay::Link(_)) => self.link_action(&other, now),
                Some(Overlay::Rate { .. }) => self.rate_action(&other, now),
                Some(Overlay::Packs(_)) => self.packs_action(&other, now),
                Some(Overlay::ConfirmQuit) => self.confirm_quit(&other),
                Some(Overlay::RecoverDraft { .. }) => self.recover_draft(&other, now),
                None => self.view_action(&other, now),
            },
        }
    }

    /// An action with no overlay open: for the view on screen.
    fn view_action(&mut self, action: &Action, now: Now) -> Vec<Effect> {
        if !self.can(action) {
            self.refuse(action, now);
            return Vec::new();
        }
        match *action {
            Action::Quit => return self.quit(now),
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
            Action::ToggleSkill => return self.toggle_skill(now),
            Action::ToggleItem => return self.toggle_item(now),
            Action::CycleStatus => return self.cycle_status(now),
            Action::EditNote => self.open_editor(None),
            Action::EditNoteExternally => return self.edit_externally(),
            Action::SetFocus => return self.toggle_focus(now),
            Action::StartSearch => self.start_search(),
            Action::ShowView(view) => self.show_view(view),
            Action::Sort(key) => self.sort(key, now),
            Action::CycleFilter => self.cycle_filter(),
            Action::AddLink => self.open_link_prompt(),
            Action::Review => self.start_review(),
            Action::RemoveLink => return self.remove_link(now),
            Action::OpenJournalEntry => self.open_journal_entry(),
            Action::OpenPacks => return vec![Effect::ListPacks],
            Action::Click { column, row } => self.click(column, row),
            Action::Scroll { column, row, down } => self.wheel(column, row, down),
            _ => {}
        }
        Vec::new()
    }

    /// Whether `action` would do something now. `update` does nothing for an
    /// action that cannot, and the status bar hints only at those that can
    /// (no "tick" on a skill without a checklist, no "open" in the detail
    /// pane or an empty journal).
    pub fn can(&self, action: &Action) -> bool {
        let skill = self.selected_skill();
        match action {
            Action::DrillIn => match self.ui.focus {
                Pane::Stages => self.stage_len() > 0,
                Pane::Skills => skill.is_some(),
                Pane::Detail => false,
            },
            Action::ToggleItem => {
                skill.is_some_and(|at| self.roadmap.skill(at).items.len() > self.ui.item)
            }
            Action::RemoveLink => self.picked_link().is_some(),
            Action::Review => self.review_target().is_some(),
            Action::ToggleSkill
            | Action::AddLink
            | Action::CycleStatus
            | Action::EditNote
            | Action::EditNoteExternally
            | Action::SetFocus => skill.is_some(),
            Action::Back => self.ui.view != View::Roadmap || self.ui.focus != Pane::Stages,
            Action::OpenJournalEntry => self.ui.journal.selected < self.ui.journal_entries.len(),
            Action::Sort(_) => self.ui.view == View::Current && !self.roadmap.strategies.is_empty(),
            _ => true,
        }
    }

    /// Says why `action` does nothing, where a user would wonder.
    fn refuse(&mut self, action: &Action, now: Now) {
        if *action == Action::DrillIn && self.ui.focus == Pane::Stages {
            self.flash("This stage has no skills.", now);
        }
    }

    /// Forgets a message about what was on screen (not an error) when the
    /// screen changes to something else.
    pub(super) fn drop_passing_message(&mut self) {
        if self.ui.message.as_ref().is_some_and(|m| !m.error) {
            self.ui.message = None;
        }
    }

    /// Shows `text` in the status bar from `now` for [`MESSAGE_TIME`].
    pub fn flash(&mut self, text: &str, now: Now) {
        self.ui.message = Some(Message {
            text: text.to_string(),
            error: false,
            until: now.instant + MESSAGE_TIME,
        });
    }

    pub fn flash_error(&mut self, text: &str, now: Now) {
        self.ui.message = Some(Message {
            text: text.to_string(),
            error: true,
            until: now.instant + MESSAGE_TIME,
        });
    }
}

/// `value + delta`, clamped to `0..len`.
fn step(value: usize, delta: isize, len: usize) -> usize {
    let max = len.saturating_sub(1) as isize;
    (value as isize).saturating_add(delta).clamp(0, max.max(0)) as usize
}

/// Lines a notch of the mouse wheel scrolls.
fn wheel_step(down: bool) -> isize {
    if down { 3 } else { -3 }
}
