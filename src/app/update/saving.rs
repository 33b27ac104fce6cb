//! Saving, loading and quitting: the results of the I/O the loop ran, and
//! the timers that ask for it.

use crate::app::action::Effect;
use crate::app::state::{App, Cursor, Overlay};
use crate::time::Now;

impl App {
    /// Swaps the snapshot for the whole roadmap and progress, keeping the
    /// user's place (selections are clamped to what exists).
    pub(super) fn finish_loading(&mut self, roadmap: crate::content::Roadmap) {
        self.stats = crate::progress::stats::Stats::count(&roadmap, &self.progress);
        self.ui
            .skills
            .resize(roadmap.stages.len(), Cursor::default());
        self.ui.strategy_order = (0..roadmap.strategies.len()).collect();
        self.roadmap = roadmap;
        self.search_index = None;
        self.loading = false;
        let stages = self.roadmap.stages.len();
        self.ui.stages.select(self.ui.stages.selected, stages);
        self.rebuild_journal();
        self.refit();
    }

    /// A read-only window shows what the other one saved, and becomes
    /// writable once it has gone.
    pub(super) fn refreshed(
        &mut self,
        progress: Option<crate::progress::RoadmapProgress>,
        writable: bool,
        now: Now,
    ) {
        if let Some(progress) = progress {
            self.stats = crate::progress::stats::Stats::count(&self.roadmap, &progress);
            self.progress = progress;
            self.rebuild_journal();
        }
        if writable {
            self.save.read_only = None;
            self.save.refresh_due = None;
            self.flash("The other window has closed: changes are saved again.", now);
        }
    }

    pub(super) fn quit(&mut self, now: Now) -> Vec<Effect> {
        if matches!(self.ui.overlay, Some(Overlay::Editor(_))) {
            self.commit_note(now);
            self.ui.overlay = None;
        }
        if !self.save.dirty || self.save.read_only.is_some() {
            return vec![Effect::Quit];
        }
        self.save.quit_pending = true;
        vec![Effect::Save]
    }

    pub(super) fn terminate(&mut self, now: Now) -> Vec<Effect> {
        if let Some(Overlay::Editor(editor)) = &self.ui.overlay {
            // Not the user's decision to save: keep the text as a draft.
            let (skill, text) = (editor.skill.clone(), editor.text());
            if text.trim_end() != editor.kept {
                self.progress.set_draft(&skill, &text, now.stamp);
                self.changed(now);
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
    pub(super) fn saved(&mut self, result: Result<crate::time::Stamp, String>) -> Vec<Effect> {
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

    pub(super) fn tick(&mut self, now: Now) -> Vec<Effect> {
        if self
            .ui
            .message
            .as_ref()
            .is_some_and(|m| m.until <= now.instant)
        {
            self.ui.message = None;
        }
        let mut effects = Vec::new();
        let refresh_due = self.save.refresh_due.is_some_and(|due| due <= now.instant);
        if self.save.read_only.is_some() && refresh_due {
            self.save.refresh_due = Some(now.instant + crate::app::state::REFRESH_EVERY);
            // While loading, the next look comes later: the timer moves on.
            if !self.loading {
                effects.push(Effect::Refresh);
            }
        }
        if let Some(Overlay::Editor(editor)) = &mut self.ui.overlay
            && editor.draft_due.is_some_and(|due| due <= now.instant)
        {
            editor.draft_due = None;
            let text = editor.text();
            let skill = editor.skill.clone();
            if text.trim_end() != editor.kept {
                self.progress.set_draft(&skill, &text, now.stamp);
                self.changed(now);
                effects.push(Effect::Save);
            }
        }
        let save_due = self.save.save_due.is_some_and(|due| due <= now.instant);
        if save_due && self.save.read_only.is_none() && !effects.contains(&Effect::Save) {
            effects.push(Effect::Save);
        }
        effects
    }
}
