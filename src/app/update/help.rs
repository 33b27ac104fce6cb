//! The help overlay: scrolling it and closing it.

use super::{step, wheel_step};
use crate::app::action::{Action, Effect};
use crate::app::state::{App, Overlay};
use crate::time::Now;

impl App {
    pub(super) fn help_action(&mut self, action: &Action, now: Now) -> Vec<Effect> {
        let Some(Overlay::Help { scroll }) = &mut self.ui.overlay else {
            return Vec::new();
        };
        // The overlay is the screen less a row above and below, less its border.
        let rows = self.ui.height.saturating_sub(4) as usize;
        let last = crate::app::keymap::help_lines(&self.keymap, self.ui.width)
            .len()
            .saturating_sub(rows);
        let page = rows.max(1) as isize;
        match *action {
            Action::CloseOverlay | Action::ToggleHelp => self.ui.overlay = None,
            Action::Up => *scroll = step(*scroll, -1, last + 1),
            Action::Down => *scroll = step(*scroll, 1, last + 1),
            Action::PageUp => *scroll = step(*scroll, -page, last + 1),
            Action::PageDown => *scroll = step(*scroll, page, last + 1),
            Action::Top => *scroll = 0,
            Action::Bottom => *scroll = last,
            Action::Scroll { down, .. } => *scroll = step(*scroll, wheel_step(down), last + 1),
            Action::Quit => return self.quit(now),
            _ => {}
        }
        Vec::new()
    }
}
