//! Importers: other formats turned into a content pack. Each source format
//! has one file that produces [`RoadmapParts`]; this module gives them
//! unique ids and writes the pack (checked by loading it back) into place.

pub mod markdown;
pub mod roadmap_sh;
mod write;

use std::collections::HashSet;

pub use write::{Existing, WRITTEN_BY, copy_pack, write_pack};

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

/// Runs of white space as one space, trimmed: Markdown's inline text as plain text.
fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
        let mut n = 2;
        while self.taken.contains(&format!("{base}-{n}")) {
            n += 1;
        }
        let id = format!("{base}-{n}");
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
