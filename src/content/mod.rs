//! The roadmap content: model, loader and diagnostics. No terminal code here.

pub mod diagnostics;
mod embedded;
pub mod ids;
pub mod load;
pub mod model;
mod pack;
mod schema;

pub use diagnostics::{Diagnostic, LoadError};
pub use load::{Source, load};
pub use model::{
    ChecklistItem, Counts, Link, Roadmap, RoadmapParts, Skill, SkillRef, Stage, Strategy, Tip,
};
