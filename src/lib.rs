//! roadmap-tui: follow a career learning roadmap in the terminal.
//!
//! `content` (the roadmap an author wrote) and `progress` (what the user did)
//! know nothing of the terminal; the CLI, the TUI and the tests all use them.

pub mod app;
pub mod cli;
pub mod config;
pub mod content;
pub mod editor;
pub mod export;
pub mod files;
pub mod import;
pub mod packs;
pub mod progress;
pub mod signals;
pub mod text;
pub mod time;
pub mod tui;
pub mod ui;
