//! `roadmap import markdown`: a guide written as a Markdown article, as a pack.

use super::ImportError;
use crate::content::RoadmapParts;

/// The pack a Markdown guide describes; `path` names the file in messages.
pub fn import(_text: &str, path: &str) -> Result<RoadmapParts, ImportError> {
    Err(ImportError::Input(format!("{path}: not yet")))
}
