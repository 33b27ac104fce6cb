//! Importers: other formats turned into a content pack. Each source format
//! has one file that produces [`RoadmapParts`]; this module gives them
//! unique ids and writes the pack (checked by loading it back) into place.

pub mod markdown;
pub mod roadmap_sh;
mod write;

use std::collections::HashSet;

pub use write::{WRITTEN_BY, write_pack};

/// Why an import failed.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The input cannot be turned into a pack, or the output is refused:
    /// exit code 2. The message names the place (`path:line:col: …`).
    #[error("{0}")]
    Input(String),
    /// Reading or writing files failed: exit code 1.
    #[error("{0}")]
    Io(String),
}

/// Hands out ids that are unique within one scope: a base id the second
/// time becomes `base-2`, then `base-3`.
#[derive(Debug, Default)]
pub struct UniqueIds {
    taken: HashSet<String>,
}

impl UniqueIds {
    pub fn take(&mut self, base: String) -> String {
        if self.taken.insert(base.clone()) {
            return base;
        }
        let id = (2..usize::MAX)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !self.taken.contains(id))
            .unwrap_or_default();
        self.taken.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_id_gets_the_next_free_number() {
        let mut ids = UniqueIds::default();
        assert_eq!(ids.take("a".into()), "a");
        assert_eq!(ids.take("a-2".into()), "a-2");
        assert_eq!(ids.take("a".into()), "a-3");
        assert_eq!(ids.take("b".into()), "b");
    }
}
