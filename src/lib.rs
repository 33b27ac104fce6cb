//! roadmap-tui: follow a career learning roadmap in the terminal.
//!
//! `content` (the roadmap an author wrote) and `progress` (what the user did)
//! know nothing of the terminal; the CLI, the TUI and the tests all use them.

pub mod app;
pub mod cache;
pub mod cli;
pub mod cold;
pub mod content;
pub mod cores;
pub mod editor;
pub mod export;
pub mod progress;
pub mod read;
pub mod text;
pub mod time;
pub mod tui;
pub mod ui;
