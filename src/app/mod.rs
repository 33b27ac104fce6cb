//! The app: its state, the actions and the keymap that makes them, and the
//! one `update()` (in `update/`, a file per mode) that changes the state.
//! No terminal I/O and no clock here: the event loop in `tui` passes the
//! time in and runs the effects.

pub mod action;
pub mod document;
pub mod edits;
pub mod header;
pub mod keymap;
pub mod layout;
pub mod note_area;
mod remap;
pub mod search;
pub mod state;

mod update;

pub use action::{Action, Effect, OpenedPack, Pane, SortKey, Synced, View};
pub use state::{App, Cursor, Overlay, PackPicker};
pub use update::{JOURNAL_NOTE_LINES, level, search_popup};
