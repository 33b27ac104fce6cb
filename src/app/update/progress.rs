//! Changes to the user's progress: statuses, ticks and the focus.

use crate::app::action::Effect;
use crate::app::state::{App, SAVE_DELAY};
use crate::content::SkillRef;
use crate::progress::Status;
use crate::text::clean;
use crate::time::Now;

impl App {
    /// Notes that progress changed and must be saved.
    pub(super) fn changed(&mut self, now: Now) {
        self.save.dirty = true;
        if self.save.save_due.is_none() {
            self.save.save_due = Some(now.instant + SAVE_DELAY);
        }
    }

    fn set_status(&mut self, at: SkillRef, status: Status, now: Now) {
        let id = self.roadmap.skill(at).id.clone();
        let old = self.progress.status(&id);
        if self.progress.set_status(&id, status, now.stamp) {
            self.stats.changed(at.stage, old, status);
            self.changed(now);
            // Under a filter, the skill may have left the list.
            if self.ui.filter.is_some() {
                self.fit_skills();
            }
        }
    }

    pub(super) fn toggle_skill(&mut self, now: Now) -> Vec<Effect> {
        let Some(at) = self.selected_skill() else {
            return Vec::new();
        };
        let status = match self.progress.status(&self.roadmap.skill(at).id) {
            Status::Done => Status::Todo,
            _ => Status::Done,
        };
        self.set_status(at, status, now);
        Vec::new()
    }

    pub(super) fn cycle_status(&mut self, now: Now) -> Vec<Effect> {
        let Some(at) = self.selected_skill() else {
            return Vec::new();
        };
        let next = self.progress.status(&self.roadmap.skill(at).id).next();
        self.set_status(at, next, now);
        Vec::new()
    }

    /// Ticks or unticks the picked item. The first tick starts a todo skill;
    /// ticking the last one marks the skill done (the user can still change it).
    pub(super) fn toggle_item(&mut self, now: Now) -> Vec<Effect> {
        let Some(at) = self.selected_skill() else {
            return Vec::new();
        };
        let skill = self.roadmap.skill(at);
        let Some(item) = skill.items.get(self.ui.item) else {
            return Vec::new();
        };
        let (skill_id, item_id) = (skill.id.clone(), item.id.clone());
        let done = !self.progress.item_done(&skill_id, &item_id);
        self.progress.set_item(&skill_id, &item_id, done, now.stamp);
        self.changed(now);
        let skill = self.roadmap.skill(at);
        let all = skill
            .items
            .iter()
            .all(|i| self.progress.item_done(&skill_id, &i.id));
        let status = self.progress.status(&skill_id);
        if done && all && status != Status::Done {
            self.set_status(at, Status::Done, now);
            self.flash("Every item ticked: skill marked done (s to change).", now);
        } else if done && status == Status::Todo {
            self.set_status(at, Status::InProgress, now);
            self.flash("Skill marked in progress.", now);
        } else if !done && status == Status::Done {
            self.set_status(at, Status::InProgress, now);
            self.flash("An item is open again: skill back in progress.", now);
        }
        self.fit_detail();
        Vec::new()
    }

    pub(super) fn toggle_focus(&mut self, now: Now) -> Vec<Effect> {
        let Some(at) = self.selected_skill() else {
            return Vec::new();
        };
        let skill = self.roadmap.skill(at);
        let (id, title) = (skill.id.clone(), skill.title.clone());
        if self.progress.focus_skill() == Some(id.as_str()) {
            self.progress.clear_focus(now.stamp);
            self.flash("Focus ended; it stays in your focus history.", now);
        } else {
            self.progress.set_focus(&id, now.stamp);
            self.flash(&format!("This quarter's focus: {}", clean(&title)), now);
        }
        self.changed(now);
        Vec::new()
    }
}
