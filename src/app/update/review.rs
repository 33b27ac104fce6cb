//! A review in the app: `r` opens the note to re-read and add a line to;
//! closing it asks how well the skill could be explained now.

use crate::app::action::{Action, Effect, View};
use crate::app::state::{App, Overlay};
use crate::progress::Status;
use crate::time::Now;

impl App {
    /// The skill `r` reviews: the one picked among those due (view 6), or
    /// the selected skill if it is done.
    pub(super) fn review_target(&self) -> Option<String> {
        if self.ui.view == View::Progress {
            return self
                .reviews_due()
                .get(self.ui.review)
                .map(|(id, _)| id.clone());
        }
        let at = self.selected_skill()?;
        let id = &self.roadmap.skill(at).id;
        (self.progress.status(id) == Status::Done).then(|| id.clone())
    }

    pub(super) fn start_review(&mut self) {
        let Some(skill) = self.review_target() else {
            return;
        };
        self.open_editor_on(&skill, None);
        if let Some(Overlay::Editor(editor)) = &mut self.ui.overlay {
            editor.review = true;
        }
    }

    pub(super) fn rate_action(&mut self, action: &Action, now: Now) -> Vec<Effect> {
        let Some(Overlay::Rate { skill }) = &self.ui.overlay else {
            return Vec::new();
        };
        let skill = skill.clone();
        match action {
            Action::Rate(rating) => {
                self.ui.overlay = None;
                match self.progress.review(&skill, *rating, now.stamp) {
                    Ok(review) => {
                        self.changed(now);
                        let due = review.due.date(&self.tz);
                        self.flash(
                            &format!("Reviewed ({}): next review {due}.", rating.as_str()),
                            now,
                        );
                        let len = self.reviews_due().len();
                        self.ui.review = self.ui.review.min(len.saturating_sub(1));
                        return vec![Effect::Save];
                    }
                    Err(why) => self.flash_error(&why, now),
                }
            }
            Action::CloseOverlay => {
                self.ui.overlay = None;
                self.flash("No review recorded.", now);
            }
            Action::Quit => return self.quit(now),
            _ => {}
        }
        Vec::new()
    }
}
