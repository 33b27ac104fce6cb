//! The user's progress: model, and the store that keeps it on disk. No terminal code here.

pub mod activity;
pub mod log;
pub mod merge;
pub mod model;
pub mod next;
pub mod review;
pub mod stats;
pub mod store;
mod write;

pub use model::{
    Draft, Evidence, FORMAT_VERSION, Focus, ItemProgress, Orphans, PastFocus, ProgressFile,
    RoadmapProgress, SkillProgress, Status, check_link,
};
