//! The library of packs in the data directory (`packs/<id>/`), and which
//! pack the app opens: the one last chosen in its picker, else the shipped one.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::content::ids::is_slug;
use crate::content::{LoadError, Roadmap, Source};
use crate::files::{self, Access};
use crate::progress::stats::Stats;
use crate::progress::store::Store;

/// The shipped roadmap's id (its `roadmap.toml`'s `id`).
pub const SHIPPED_ID: &str = "beyond-syntax";
/// Where installed packs live, inside the data directory.
pub const PACKS_DIR: &str = "packs";
/// Which pack the app opens, inside the data directory.
const CHOICE_FILE: &str = "chosen-pack.toml";

#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error("no pack {id:?} is installed{}", suggest(known))]
    Unknown { id: String, known: Vec<String> },
    #[error("{0}")]
    Io(String),
}

fn suggest(known: &[String]) -> String {
    if known.is_empty() {
        " (the packs: beyond-syntax; add one with `roadmap add DIR|FILE.md`)".to_string()
    } else {
        format!(" (the packs: {})", known.join(", "))
    }
}

pub fn packs_dir(data: &Path) -> PathBuf {
    data.join(PACKS_DIR)
}

/// The directory an installed pack with this id has, or would have.
pub fn pack_dir(data: &Path, id: &str) -> PathBuf {
    packs_dir(data).join(id)
}

/// The ids of the installed packs, sorted; the shipped one is not among them.
pub fn installed(data: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(packs_dir(data)) else {
        return Vec::new();
    };
    let mut ids: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|name| is_slug(name))
        .collect();
    ids.sort();
    ids
}

/// Where the pack with this id is read from.
pub fn source(data: &Path, id: &str) -> Result<Source, PackError> {
    if id == SHIPPED_ID {
        return Ok(Source::Embedded);
    }
    if is_slug(id) && pack_dir(data, id).is_dir() {
        return Ok(Source::Dir(pack_dir(data, id)));
    }
    let mut known = vec![SHIPPED_ID.to_string()];
    known.extend(installed(data));
    Err(PackError::Unknown {
        id: id.to_string(),
        known,
    })
}

/// The pack last chosen in the app's picker, if it is still installed.
pub fn chosen(data: &Path) -> Option<String> {
    let text = fs::read_to_string(data.join(CHOICE_FILE)).ok()?;
    let table: toml::Table = text.parse().ok()?;
    let id = table.get("pack")?.as_str()?.to_string();
    source(data, &id).is_ok().then_some(id)
}

/// Remembers `id` as the pack the app opens.
pub fn choose(data: &Path, id: &str) -> Result<(), PackError> {
    let path = data.join(CHOICE_FILE);
    files::create_private_dir(data).map_err(|e| io_error("create", data, &e))?;
    files::write_atomic(&path, Access::Usual, |out| {
        writeln!(
            out,
            "# The pack roadmap opens, as last chosen in its picker (P).\npack = \"{id}\""
        )
    })
    .map_err(|e| io_error("write", &path, &e))
}

/// Removes an installed pack (its progress stays in progress.toml).
pub fn remove(data: &Path, id: &str) -> Result<(), PackError> {
    let Ok(Source::Dir(dir)) = source(data, id) else {
        return Err(PackError::Unknown {
            id: id.to_string(),
            known: installed(data),
        });
    };
    fs::remove_dir_all(&dir).map_err(|e| io_error("remove", &dir, &e))
}

/// One pack as the picker and `roadmap packs` show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackSummary {
    pub id: String,
    pub title: String,
    /// Skills done, of those that count (skipped ones do not).
    pub done: usize,
    pub total: usize,
    pub shipped: bool,
    /// Why it does not load, if it does not.
    pub problem: Option<String>,
}

/// Every pack, the shipped one first, with the progress `store` holds.
pub fn summaries(data: &Path, store: &Store) -> Vec<PackSummary> {
    let mut ids = vec![SHIPPED_ID.to_string()];
    ids.extend(installed(data).into_iter().filter(|id| id != SHIPPED_ID));
    ids.into_iter()
        .map(|id| {
            let loaded = source(data, &id)
                .map_err(|e| e.to_string())
                .and_then(|s| crate::content::load(&s).map_err(|e| first_problem(&e)));
            summary(id, loaded, store)
        })
        .collect()
}

fn summary(id: String, loaded: Result<Roadmap, String>, store: &Store) -> PackSummary {
    let shipped = id == SHIPPED_ID;
    match loaded {
        Ok(roadmap) => {
            let stats = Stats::count(&roadmap, &store.roadmap(&roadmap.id));
            PackSummary {
                id,
                title: roadmap.title,
                done: stats.overall.done,
                total: stats.overall.counted(),
                shipped,
                problem: None,
            }
        }
        Err(problem) => PackSummary {
            id,
            title: String::new(),
            done: 0,
            total: 0,
            shipped,
            problem: Some(problem),
        },
    }
}

/// A load error's first problem, for a one-line report.
pub fn first_problem(e: &LoadError) -> String {
    e.diagnostics
        .first()
        .map_or_else(|| e.to_string(), ToString::to_string)
}

fn io_error(what: &str, path: &Path, e: &std::io::Error) -> PackError {
    PackError::Io(format!("cannot {what} {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_id_is_the_shipped_roadmaps() {
        let shipped = crate::content::load(&Source::Embedded).unwrap();
        assert_eq!(shipped.id, SHIPPED_ID);
    }

    #[test]
    fn a_choice_is_kept_only_while_its_pack_is_installed() {
        let data = tempfile::tempdir().unwrap();
        assert_eq!(chosen(data.path()), None);
        choose(data.path(), SHIPPED_ID).unwrap();
        assert_eq!(chosen(data.path()).as_deref(), Some(SHIPPED_ID));
        fs::create_dir_all(pack_dir(data.path(), "mine")).unwrap();
        choose(data.path(), "mine").unwrap();
        assert_eq!(chosen(data.path()).as_deref(), Some("mine"));
        remove(data.path(), "mine").unwrap();
        assert_eq!(chosen(data.path()), None);
    }

    #[test]
    fn an_id_that_is_not_a_slug_never_reaches_outside_the_library() {
        let data = tempfile::tempdir().unwrap();
        fs::create_dir_all(data.path().join("escape")).unwrap();
        assert!(source(&data.path().join(PACKS_DIR), "../escape").is_err());
        assert!(remove(data.path(), "../escape").is_err());
        assert!(data.path().join("escape").is_dir());
    }
}
