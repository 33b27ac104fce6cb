//! The pack picker (`P`): pick another roadmap to follow. The loop lists the
//! packs and loads the one picked; here the list is browsed and the app
//! takes the new roadmap in.

use crate::app::action::{Action, Effect, OpenedPack};
use crate::app::state::{App, Overlay, PackPicker};
use crate::packs::PackSummary;
use crate::time::Now;

impl App {
    /// The packs the loop found: the picker opens on the one on screen.
    pub(super) fn show_packs(&mut self, packs: Vec<PackSummary>) {
        let selected = packs
            .iter()
            .position(|p| p.id == self.roadmap.id)
            .unwrap_or(0);
        self.ui.overlay = Some(Overlay::Packs(PackPicker { packs, selected }));
    }

    pub(super) fn packs_action(&mut self, action: &Action, now: Now) -> Vec<Effect> {
        let Some(Overlay::Packs(picker)) = &mut self.ui.overlay else {
            return Vec::new();
        };
        let last = picker.packs.len().saturating_sub(1);
        match action {
            Action::Up => picker.selected = picker.selected.saturating_sub(1),
            Action::Down => picker.selected = (picker.selected + 1).min(last),
            Action::Top | Action::PageUp => picker.selected = 0,
            Action::Bottom | Action::PageDown => picker.selected = last,
            Action::PickPack => return self.pick_pack(now),
            Action::CloseOverlay => self.ui.overlay = None,
            Action::Quit => return self.quit(now),
            _ => {}
        }
        Vec::new()
    }

    fn pick_pack(&mut self, now: Now) -> Vec<Effect> {
        let Some(Overlay::Packs(picker)) = &self.ui.overlay else {
            return Vec::new();
        };
        let Some(pack) = picker.packs.get(picker.selected).cloned() else {
            return Vec::new();
        };
        if let Some(problem) = &pack.problem {
            self.flash_error(&format!("{} does not load: {problem}", pack.id), now);
            return Vec::new();
        }
        self.ui.overlay = None;
        if pack.id == self.roadmap.id {
            return Vec::new();
        }
        vec![Effect::OpenPack(pack.id)]
    }

    /// The pack picked is in (its progress with it), or could not be opened.
    pub(super) fn pack_opened(&mut self, result: Result<Box<OpenedPack>, String>, now: Now) {
        let opened = match result {
            Ok(opened) => *opened,
            Err(why) => {
                self.flash_error(&format!("Not opened: {why}"), now);
                return;
            }
        };
        let mut next = App::new(
            opened.roadmap,
            opened.progress,
            self.ui.width,
            self.ui.height,
        );
        next.color = self.color;
        next.keymap = std::mem::take(&mut self.keymap);
        next.palette = self.palette;
        next.mouse = self.mouse;
        next.tz = self.tz.clone();
        next.clock = self.clock;
        // The progress file is the same one: what is known of it stays.
        next.save = std::mem::take(&mut self.save);
        // A draft left in this roadmap is offered, as at a start.
        *self = next;
        if let Some(warning) = opened.warning {
            self.flash_error(&warning, now);
        } else {
            let text = format!("Opened {}.", crate::text::clean_line(&self.roadmap.title));
            self.flash(&text, now);
        }
    }
}
