//! `roadmap import roadmap-sh`: one roadmap folder of roadmap.sh's repository, as a pack.

use std::path::Path;

use super::ImportError;
use crate::content::RoadmapParts;

/// The pack one roadmap folder (`src/data/roadmaps/<id>/`) describes.
pub fn import(dir: &Path) -> Result<RoadmapParts, ImportError> {
    Err(ImportError::Input(format!("{}: not yet", dir.display())))
}
