//! The one cache: a binary snapshot of a big content pack, validated, so it
//! opens without parsing its TOML. It holds what the first frame needs
//! (every stage, the first with its skills, and every stage's skill ids),
//! then the whole roadmap. It is keyed by the stamp of every file of the
//! pack; a stale, corrupt or unreadable snapshot is simply rebuilt.

use std::fs::{self, File};
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::content::load::{STAGES_DIR, is_toml_name};
use crate::content::{self, LoadError, Roadmap, RoadmapParts, Source, Stage};
use crate::files::{self, Access, Durability, FileStamp};

/// Bumped whenever the snapshot's layout changes.
const FORMAT: u32 = 3;
/// Packs smaller than this (every real roadmap known) are parsed before
/// the first frame: they get no snapshot.
pub const FROM_BYTES: u64 = 256 * 1024;
/// Environment variable naming the cache directory.
pub const CACHE_DIR_ENV: &str = "ROADMAP_CACHE_DIR";

/// Where snapshots live: `$ROADMAP_CACHE_DIR`, else the platform's cache
/// directory (never the data directory, which people sync).
pub fn cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CACHE_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "roadmap-tui").map(|dirs| dirs.cache_dir().to_path_buf())
}

/// What the first frame of a big roadmap needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FirstFrame {
    /// Every stage, only the first with its skills; no tips or strategies.
    pub roadmap: Roadmap,
    /// Every stage's skill ids, for the stages' progress gauges.
    pub skill_ids: Vec<Vec<String>>,
}

impl FirstFrame {
    pub fn of(roadmap: &Roadmap) -> FirstFrame {
        let stages = roadmap.stages.iter().enumerate().map(|(i, stage)| Stage {
            skills: if i == 0 {
                stage.skills.clone()
            } else {
                Vec::new()
            },
            ..stage.clone()
        });
        FirstFrame {
            roadmap: Roadmap::new(RoadmapParts {
                id: roadmap.id.clone(),
                title: roadmap.title.clone(),
                subtitle: roadmap.subtitle.clone(),
                intro: roadmap.intro.clone(),
                final_thought: roadmap.final_thought.clone(),
                stages: stages.collect(),
                tips_title: roadmap.tips_title.clone(),
                strategies_title: roadmap.strategies_title.clone(),
                ..RoadmapParts::default()
            }),
            skill_ids: roadmap
                .stages
                .iter()
                .map(|stage| stage.skills.iter().map(|s| s.id.clone()).collect())
                .collect(),
        }
    }
}

/// What a snapshot must match to be used: this build, the pack's place,
/// and the stamp of each of its files as they were before it was loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Key {
    format: u32,
    version: String,
    source: String,
    files: Vec<(String, FileStamp)>,
}

/// The snapshot of one big pack in a directory.
#[derive(Debug, Clone)]
pub struct Snapshot {
    path: PathBuf,
    /// The pack's directory.
    pack: PathBuf,
    key: Key,
    /// How many stage files the pack has.
    stage_files: usize,
}

impl Snapshot {
    /// The snapshot of the pack in `pack`, its files stamped now (so an
    /// edit made while it loads makes what is written stale). `None` for a
    /// small pack, or one whose files cannot be listed.
    pub fn of_pack(cache_dir: &Path, pack: &Path) -> Option<Snapshot> {
        let mut names = toml_names(pack)?;
        let stage_names: Vec<String> = toml_names(&pack.join(STAGES_DIR))?
            .into_iter()
            .map(|name| format!("{STAGES_DIR}/{name}"))
            .collect();
        let stage_files = stage_names.len();
        names.push(format!("{STAGES_DIR}/"));
        names.extend(stage_names);
        let files: Vec<(String, FileStamp)> = names
            .into_iter()
            .map(|name| FileStamp::of(&pack.join(&name)).map(|stamp| (name, stamp)))
            .collect::<Option<_>>()?;
        let bytes: u64 = files.iter().map(|(_, stamp)| stamp.size()).sum();
        if bytes < FROM_BYTES {
            return None;
        }
        // Absolute: `--content pack` from two directories is two packs.
        let pack = std::path::absolute(pack).ok()?;
        let source = pack.display().to_string();
        Some(Snapshot {
            path: cache_dir.join(format!("pack-{:016x}.bin", fnv1a(&source))),
            pack,
            key: Key {
                format: FORMAT,
                version: env!("CARGO_PKG_VERSION").to_string(),
                source,
                files,
            },
            stage_files,
        })
    }

    pub fn stage_files(&self) -> usize {
        self.stage_files
    }

    /// The first frame without the snapshot (stale, or not there yet): the
    /// roadmap's own file and its first stage, from the pack's files.
    pub fn first_frame_from_files(&self) -> Option<FirstFrame> {
        let first_stage = self.key.files.iter().find_map(|(name, _)| {
            let file = name.strip_prefix(STAGES_DIR)?.strip_prefix('/')?;
            (!file.is_empty()).then(|| self.pack.join(name))
        });
        content::load::first_stage(&self.pack, first_stage.as_deref())
            .map(|roadmap| FirstFrame::of(&roadmap))
    }

    /// The first frame, if the snapshot is there and matches the pack.
    pub fn first_frame(&self) -> Option<FirstFrame> {
        self.open()?.section().ok()
    }

    /// The whole roadmap, if the snapshot is there and matches the pack.
    pub fn roadmap(&self) -> Option<Roadmap> {
        let mut rest = self.open()?.skip_section().ok()?;
        rest.section().ok()
    }

    /// Records `roadmap`, loaded from the pack's files as stamped. Errors
    /// are ignored: without a snapshot the pack is parsed, as now.
    pub fn write(&self, roadmap: &Roadmap) {
        let Some(dir) = self.path.parent() else {
            return;
        };
        // A link planted in the cache directory's place is not written through.
        if fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink())
            || files::create_private_dir(dir).is_err()
        {
            return;
        }
        let _ = files::write_atomic(&self.path, Access::Private, Durability::Cache, |out| {
            write_section(out, &self.key)?;
            write_section(out, &FirstFrame::of(roadmap))?;
            write_section(out, roadmap)
        });
    }

    fn open(&self) -> Option<Sections> {
        let mut sections = Sections(BufReader::new(File::open(&self.path).ok()?));
        (sections.section::<Key>().ok()? == self.key).then_some(sections)
    }
}

/// Loads a content pack: from its snapshot in `cache_dir` when that is
/// still valid, else from its files (and then, for a big pack, the
/// snapshot is written for next time).
pub fn load(source: &Source, cache_dir: Option<&Path>) -> Result<Roadmap, LoadError> {
    let snapshot = match (source, cache_dir) {
        (Source::Dir(pack), Some(cache_dir)) => Snapshot::of_pack(cache_dir, pack),
        _ => None,
    };
    let Some(snapshot) = snapshot else {
        return content::load(source);
    };
    load_with(&snapshot, source)
}

/// Loads the pack `snapshot` is for, from it or from `source`'s files.
pub fn load_with(snapshot: &Snapshot, source: &Source) -> Result<Roadmap, LoadError> {
    if let Some(roadmap) = snapshot.roadmap() {
        return Ok(roadmap);
    }
    let roadmap = content::load(source)?;
    snapshot.write(&roadmap);
    Ok(roadmap)
}

/// As [`load_with`], for a roadmap someone waits for: it is handed to
/// `deliver` at once, and only then is the snapshot written (from a copy).
pub fn load_then(
    snapshot: &Snapshot,
    source: &Source,
    deliver: impl FnOnce(Result<Roadmap, LoadError>),
) {
    if let Some(roadmap) = snapshot.roadmap() {
        return deliver(Ok(roadmap));
    }
    match content::load(source) {
        Ok(roadmap) => {
            let copy = roadmap.clone();
            deliver(Ok(roadmap));
            snapshot.write(&copy);
        }
        Err(e) => deliver(Err(e)),
    }
}

/// The names of the `*.toml` files in `dir`, sorted; `None` if it cannot
/// be listed or holds more entries than a pack may.
fn toml_names(dir: &Path) -> Option<Vec<String>> {
    let mut names = Vec::new();
    for (count, entry) in fs::read_dir(dir).ok()?.enumerate() {
        if count >= content::load::MAX_FILES {
            return None;
        }
        let name = entry.ok()?.file_name().to_string_lossy().into_owned();
        if is_toml_name(&name) {
            names.push(name);
        }
    }
    names.sort();
    Some(names)
}

/// A stable hash of a pack's path, to name its snapshot.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// A snapshot file is a sequence of sections, each its length (8 bytes,
/// little-endian) then its postcard encoding, so one can be skipped unread.
fn write_section<T: Serialize>(out: &mut impl Write, value: &T) -> io::Result<()> {
    let bytes = postcard::to_stdvec(value).map_err(io::Error::other)?;
    out.write_all(&(bytes.len() as u64).to_le_bytes())?;
    out.write_all(&bytes)
}

struct Sections(BufReader<File>);

impl Sections {
    fn len(&mut self) -> io::Result<u64> {
        let mut len = [0; 8];
        self.0.read_exact(&mut len)?;
        Ok(u64::from_le_bytes(len))
    }

    fn section<T: DeserializeOwned>(&mut self) -> io::Result<T> {
        let len = self.len()?;
        let mut bytes = Vec::new();
        Read::by_ref(&mut self.0)
            .take(len)
            .read_to_end(&mut bytes)?;
        postcard::from_bytes(&bytes).map_err(io::Error::other)
    }

    fn skip_section(mut self) -> io::Result<Sections> {
        let len = self.len()?;
        let skipped = io::copy(&mut Read::by_ref(&mut self.0).take(len), &mut io::sink())?;
        if skipped == len {
            Ok(self)
        } else {
            Err(io::ErrorKind::UnexpectedEof.into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pack just over the size that gets a snapshot.
    fn big_pack(dir: &Path) {
        fs::create_dir_all(dir.join("stages")).unwrap();
        fs::write(dir.join("roadmap.toml"), "title = \"Big\"\n").unwrap();
        let prose = "word ".repeat(2000);
        for i in 0..30 {
            fs::write(
                dir.join(format!("stages/{i:02}.toml")),
                format!(
                    "id = \"s{i}\"\ntitle = \"Stage {i}\"\nsummary = \"{prose}\"\n\n[[skill]]\nid = \"k{i}\"\ntitle = \"Skill {i}\"\n"
                ),
            )
            .unwrap();
        }
    }

    #[test]
    fn a_snapshot_loads_the_same_and_a_changed_file_is_seen() {
        let tmp = tempfile::tempdir().unwrap();
        let (pack, cache) = (tmp.path().join("pack"), tmp.path().join("cache"));
        big_pack(&pack);
        let source = Source::Dir(pack.clone());
        let first = load(&source, Some(&cache)).unwrap();
        assert_eq!(fs::read_dir(&cache).unwrap().count(), 1, "snapshot written");
        let snapshot = Snapshot::of_pack(&cache, &pack).unwrap();
        assert_eq!(snapshot.roadmap().as_ref(), Some(&first));
        assert_eq!(snapshot.first_frame(), Some(FirstFrame::of(&first)));
        let again = load(&source, Some(&cache)).unwrap();
        assert_eq!(
            again.find_skill("k3"),
            first.find_skill("k3"),
            "index rebuilt"
        );

        // Same size, new text: the stamp gives it away.
        let stage = pack.join("stages/03.toml");
        let text = fs::read_to_string(&stage)
            .unwrap()
            .replace("Skill 3", "Skill X");
        fs::write(&stage, text).unwrap();
        let changed = load(&source, Some(&cache)).unwrap();
        assert_eq!(changed.stages[3].skills[0].title, "Skill X");

        // A new stage file is seen too.
        fs::write(
            pack.join("stages/99.toml"),
            "id = \"new\"\ntitle = \"New\"\n",
        )
        .unwrap();
        assert_eq!(load(&source, Some(&cache)).unwrap().stages.len(), 31);
    }

    #[test]
    fn a_small_pack_gets_no_snapshot() {
        let tmp = tempfile::tempdir().unwrap();
        let (pack, cache) = (tmp.path().join("pack"), tmp.path().join("cache"));
        fs::create_dir_all(pack.join("stages")).unwrap();
        fs::write(pack.join("roadmap.toml"), "title = \"Small\"\n").unwrap();
        fs::write(pack.join("stages/a.toml"), "id = \"a\"\ntitle = \"A\"\n").unwrap();
        assert!(Snapshot::of_pack(&cache, &pack).is_none());
        load(&Source::Dir(pack), Some(&cache)).unwrap();
        assert!(!cache.exists());
    }

    #[test]
    fn a_broken_pack_is_never_served_from_the_snapshot() {
        let tmp = tempfile::tempdir().unwrap();
        let (pack, cache) = (tmp.path().join("pack"), tmp.path().join("cache"));
        big_pack(&pack);
        let source = Source::Dir(pack.clone());
        load(&source, Some(&cache)).unwrap();
        fs::write(pack.join("stages/00.toml"), "id = \"s0\"\ntitle = \"\"\n").unwrap();
        assert!(load(&source, Some(&cache)).is_err());
    }

    #[test]
    fn a_corrupt_snapshot_is_rebuilt() {
        let tmp = tempfile::tempdir().unwrap();
        let (pack, cache) = (tmp.path().join("pack"), tmp.path().join("cache"));
        big_pack(&pack);
        let source = Source::Dir(pack.clone());
        let good = load(&source, Some(&cache)).unwrap();
        let path = fs::read_dir(&cache)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let bytes = fs::read(&path).unwrap();
        fs::write(&path, &bytes[..bytes.len() - 5]).unwrap();
        let snapshot = Snapshot::of_pack(&cache, &pack).unwrap();
        assert_eq!(snapshot.roadmap(), None, "a truncated snapshot is not used");
        assert_eq!(load(&source, Some(&cache)).unwrap(), good);
        assert_eq!(fs::read(&path).unwrap(), bytes, "and is written anew");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_the_cache_directory_is_not_written_through() {
        let tmp = tempfile::tempdir().unwrap();
        let (pack, outside, cache) = (
            tmp.path().join("pack"),
            tmp.path().join("outside"),
            tmp.path().join("cache"),
        );
        big_pack(&pack);
        fs::create_dir(&outside).unwrap();
        std::os::unix::fs::symlink(&outside, &cache).unwrap();
        let source = Source::Dir(pack.clone());
        assert!(load(&source, Some(&cache)).is_ok());
        assert_eq!(fs::read_dir(&outside).unwrap().count(), 0);
    }
}
