//! The questions that wait for an answer: quit without saving, recover a draft.

use crate::app::action::{Action, Effect, Pane};
use crate::app::state::{App, Overlay};
use crate::time::Now;

impl App {
    /// Only an explicit yes loses changes; no, Esc and Ctrl-C stay.
    pub(super) fn confirm_quit(&mut self, action: &Action) -> Vec<Effect> {
        match action {
            Action::Confirm => vec![Effect::Quit],
            Action::Decline | Action::CloseOverlay | Action::Quit => {
                self.ui.overlay = None;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    pub(super) fn recover_draft(&mut self, action: &Action, now: Now) -> Vec<Effect> {
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
                self.progress.clear_draft(&skill);
                self.changed(now);
                self.flash("Draft discarded.", now);
                self.offer_draft();
                Vec::new()
            }
            Action::CloseOverlay => {
                self.ui.overlay = None;
                self.flash("Draft kept: it is offered again next time.", now);
                Vec::new()
            }
            // The draft stays in the file.
            Action::Quit => vec![Effect::Quit],
            _ => Vec::new(),
        }
    }
}
