//! Saving, loading and quitting: the results of the I/O the loop ran, and
//! the timers that ask for it.

use crate::app::action::{Effect, Synced};
use crate::app::state::{App, Cursor, Overlay, RETRY_EVERY, WATCH_EVERY};
use crate::progress::store::SaveError;
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

    pub(super) fn quit(&mut self, now: Now) -> Vec<Effect> {
        if matches!(self.ui.overlay, Some(Overlay::Editor(_))) {
            self.commit_note(now);
            self.ui.overlay = None;
        }
        if !self.save.dirty {
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
        if self.save.dirty {
            self.save.quit_pending = true;
            vec![Effect::Save]
        } else {
            vec![Effect::Quit]
        }
    }

    /// The result of a save the loop ran (or of a look at the file on disk).
    pub(super) fn saved(&mut self, result: Result<Synced, SaveError>, now: Now) -> Vec<Effect> {
        match result {
            Ok(synced) => {
                if *synced.progress != self.progress {
                    let changes = crate::progress::merge::changes(&self.progress, &synced.progress);
                    self.progress = *synced.progress;
                    self.stats =
                        crate::progress::stats::Stats::count(&self.roadmap, &self.progress);
                    self.rebuild_journal();
                    self.refit();
                    if changes > 0 && synced.from_disk {
                        let s = if changes == 1 { "" } else { "s" };
                        self.flash(&format!("Updated from disk: {changes} change{s}."), now);
                    }
                }
                if self.save.blocked.take().is_some() {
                    self.flash("progress.toml reads again: all saved.", now);
                }
                if let Some(text) = self.save.announce.take() {
                    self.flash(&text, now);
                }
                self.save.dirty = false;
                self.save.save_due = None;
                self.save.error = None;
                self.save.last_saved = Some(now.stamp);
                if self.save.quit_pending {
                    return vec![Effect::Quit];
                }
            }
            Err(SaveError::Unreadable { error, kept }) => {
                let what = error.lines().next().unwrap_or_default().to_string();
                let advice = match &kept {
                    Ok(pending) => format!(
                        "Not saving over it: fix it or put a good copy back. Your changes wait in {} and go in once it reads again.",
                        pending.display()
                    ),
                    Err(_) if self.save.dirty => format!(
                        "Not saving over it, and your changes could not be kept beside it either: fix it before you quit. ({})",
                        kept.as_ref().err().map_or("", String::as_str)
                    ),
                    Err(_) => "Not saving over it: fix it or put a good copy back. Changes made here go in once it reads again.".to_string(),
                };
                self.save.blocked = Some(vec![what, advice]);
                self.save.save_due = None;
                self.save.announce = None;
                // Nothing is lost by quitting: the changes are in the pending file.
                let safe = kept.is_ok() || !self.save.dirty;
                return self.save_failed(safe);
            }
            Err(SaveError::Failed(reason)) => {
                if let Some(Overlay::Editor(_)) = &self.ui.overlay {
                    self.flash_error(&format!("Draft not saved: {reason}"), now);
                } else if self.save.announce.take().is_some() {
                    self.flash_error(&format!("Note not saved: {reason}"), now);
                }
                self.save.error = Some(reason);
                self.save.announce = None;
                // Tried again in a few seconds, and at the next change.
                self.save.save_due = Some(now.instant + RETRY_EVERY);
                return self.save_failed(false);
            }
        }
        Vec::new()
    }

    /// After a save that did not reach `progress.toml`: a quit under way
    /// goes ahead if nothing is lost by it (or cannot be refused), else asks.
    fn save_failed(&mut self, nothing_lost: bool) -> Vec<Effect> {
        if self.save.quit_forced || (self.save.quit_pending && nothing_lost) {
            return vec![Effect::Quit];
        }
        if self.save.quit_pending {
            self.save.quit_pending = false;
            self.ui.overlay = Some(Overlay::ConfirmQuit);
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
        if self.save.watch_due.is_some_and(|due| due <= now.instant) {
            self.save.watch_due = Some(now.instant + WATCH_EVERY);
            effects.push(Effect::Watch);
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
        if save_due && !effects.contains(&Effect::Save) {
            effects.push(Effect::Save);
        }
        effects
    }
}
