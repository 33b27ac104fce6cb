//! Evidence in the app: typing a link to add to the selected skill (`L`),
//! and removing the one picked in the detail pane.

use crate::app::action::{Action, Effect};
use crate::app::state::{App, LinkPrompt, Overlay};
use crate::progress::{Evidence, check_link};
use crate::text::clean_line;
use crate::time::Now;

impl App {
    pub(super) fn open_link_prompt(&mut self) {
        let Some(at) = self.selected_skill() else {
            return;
        };
        self.drop_passing_message();
        self.ui.overlay = Some(Overlay::Link(LinkPrompt {
            skill: self.roadmap.skill(at).id.clone(),
            ..LinkPrompt::default()
        }));
    }

    pub(super) fn link_action(&mut self, action: &Action, now: Now) -> Vec<Effect> {
        let Some(Overlay::Link(prompt)) = &mut self.ui.overlay else {
            return Vec::new();
        };
        match action {
            Action::PromptType(c) => {
                prompt.text.push(*c);
                prompt.error = None;
            }
            Action::PromptBackspace => {
                prompt.text.pop();
                prompt.error = None;
            }
            Action::CloseOverlay => self.ui.overlay = None,
            Action::Quit => return self.quit(now),
            Action::PromptConfirm => {
                // The link, then (after a space) its title, if any.
                let text = prompt.text.trim();
                let (url, title) = text.split_once(' ').unwrap_or((text, ""));
                if let Err(why) = check_link(url) {
                    prompt.error = Some(why);
                    return Vec::new();
                }
                let (url, title) = (url.to_string(), title.trim().to_string());
                let skill = prompt.skill.clone();
                self.ui.overlay = None;
                let title = (!title.is_empty()).then_some(title.as_str());
                if self.progress.add_evidence(&skill, &url, title, now.stamp) {
                    self.changed(now);
                    self.flash(
                        &format!("Linked: {}", clean_line(title.unwrap_or(&url))),
                        now,
                    );
                    self.fit_detail();
                    return vec![Effect::Save];
                }
                self.flash("That link is there already.", now);
            }
            _ => {}
        }
        Vec::new()
    }

    /// The link picked in the detail pane, if the cursor is on one (past
    /// the checklist's items).
    pub(super) fn picked_link(&self) -> Option<Evidence> {
        let at = self.selected_skill()?;
        let skill = self.roadmap.skill(at);
        let k = self.ui.item.checked_sub(skill.items.len())?;
        self.progress.evidence(&skill.id).nth(k).cloned()
    }

    pub(super) fn remove_link(&mut self, now: Now) -> Vec<Effect> {
        let (Some(at), Some(link)) = (self.selected_skill(), self.picked_link()) else {
            return Vec::new();
        };
        let skill = self.roadmap.skill(at).id.clone();
        if !self.progress.remove_evidence(&skill, &link.url, now.stamp) {
            return Vec::new();
        }
        self.changed(now);
        let shown = link.title.as_deref().unwrap_or(&link.url);
        self.flash(
            &format!("Removed: {} (L links it again)", clean_line(shown)),
            now,
        );
        // The cursor stays in place, on the next link or the one before.
        let last = self.roadmap.skill(at).items.len() + self.progress.evidence(&skill).count();
        self.ui.item = self.ui.item.min(last.saturating_sub(1));
        self.fit_detail();
        vec![Effect::Save]
    }
}
