//! The app: state, actions, the keymap and the one `update()` that changes
//! state. No terminal I/O here; the event loop in `tui` runs the effects.

pub mod action;
pub mod document;
pub mod edits;
pub mod header;
pub mod keymap;
pub mod layout;
pub mod note_area;
pub mod search;
pub mod state;

mod update;

pub use action::{Action, Effect, Pane, SortKey, View};
pub use state::{App, Cursor, Overlay};
pub use update::{JOURNAL_NOTE_LINES, level, search_popup};
