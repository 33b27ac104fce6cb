//! Binary copies of what is slow to parse, so a big roadmap opens fast: a
//! validated content pack, and the progress file. Each copy records the
//! size, modification and change times and inode of the files it was made
//! from; it is used only while they are all unchanged, and rebuilt otherwise.
//! A cache is disposable: any problem reading or writing one just means the
//! TOML is parsed as usual.

use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::content::load::{STAGES_DIR, is_toml_name};
use crate::content::{self, LoadError, Roadmap, RoadmapParts, Source, Stage};
use crate::progress::stats::Stats;
use crate::progress::store::PROGRESS_FILE;
use crate::progress::{RoadmapProgress, SkillProgress};

/// Bumped whenever the cached data's shape changes.
const FORMAT: u32 = 2;
/// The directory, inside the data directory, that holds the caches.
pub const CACHE_DIR: &str = "cache";
/// Packs with fewer stage files than this load fast enough without a cache.
pub const MIN_STAGE_FILES: usize = 8;

/// What identifies one version of a file without reading it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    name: String,
    size: u64,
    modified: (i64, i64),
    changed: (i64, i64),
    inode: u64,
}

impl FileStamp {
    pub fn of(name: String, path: &Path) -> Option<FileStamp> {
        Some(FileStamp::from_metadata(name, &fs::metadata(path).ok()?))
    }

    pub fn from_metadata(name: String, meta: &fs::Metadata) -> FileStamp {
        use std::os::unix::fs::MetadataExt;
        FileStamp {
            name,
            size: meta.len(),
            modified: (meta.mtime(), meta.mtime_nsec()),
            changed: (meta.ctime(), meta.ctime_nsec()),
            inode: meta.ino(),
        }
    }
}

/// The header every cache file starts with: it must match for the data to be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Key {
    format: u32,
    version: String,
    source: String,
    files: Vec<FileStamp>,
}

impl Key {
    fn new(source: &Path, files: Vec<FileStamp>) -> Key {
        Key {
            format: FORMAT,
            version: env!("CARGO_PKG_VERSION").to_string(),
            source: source.display().to_string(),
            files,
        }
    }
}

/// Stamps of every file loading `dir` reads, or `None` when the pack is
/// small (not worth a cache) or cannot be listed.
fn pack_stamps(dir: &Path) -> Option<Vec<FileStamp>> {
    stamps_of(&pack_files(dir)?)
}

/// The files loading a big pack in `dir` reads (by the name its stamp
/// records), or `None` when the pack is small or cannot be listed.
fn pack_files(dir: &Path) -> Option<Vec<(String, PathBuf)>> {
    let stages = dir.join(STAGES_DIR);
    let mut stage_names: Vec<String> = fs::read_dir(&stages)
        .ok()?
        .take(content::load::MAX_FILES + 1)
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| is_toml_name(n))
        .collect();
    if stage_names.len() < MIN_STAGE_FILES || stage_names.len() > content::load::MAX_FILES {
        return None;
    }
    stage_names.sort();
    let mut top: Vec<String> = fs::read_dir(dir)
        .ok()?
        .take(content::load::MAX_FILES)
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| is_toml_name(n))
        .collect();
    top.sort();
    let mut files = Vec::with_capacity(top.len() + stage_names.len() + 1);
    files.push((format!("{STAGES_DIR}/"), stages.clone()));
    files.extend(top.into_iter().map(|name| (name.clone(), dir.join(name))));
    files.extend(
        stage_names
            .into_iter()
            .map(|name| (format!("{STAGES_DIR}/{name}"), stages.join(&name))),
    );
    Some(files)
}

fn stamps_of(files: &[(String, PathBuf)]) -> Option<Vec<FileStamp>> {
    files
        .iter()
        .map(|(name, path)| FileStamp::of(name.clone(), path))
        .collect()
}

fn cache_file(cache_dir: &Path, kind: &str, source: &Path) -> PathBuf {
    // One cache per pack directory: name it by a hash of the path.
    let hash = source
        .display()
        .to_string()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
    cache_dir.join(format!("{kind}-{hash:016x}.bin"))
}

/// Reads a cache file whose key equals `key`.
fn read<T: DeserializeOwned>(path: &Path, key: &Key) -> Option<T> {
    read_keyed(path, || Some(Key::clone(key)))
}

/// Reads a cache file whose key equals the one `key` makes (only made if
/// there is a cache file).
fn read_keyed<T: DeserializeOwned>(path: &Path, key: impl FnOnce() -> Option<Key>) -> Option<T> {
    use std::io::Read;
    let mut file = fs::File::open(path).ok()?;
    let key = key()?;
    // The key first: a stale cache (the pack was edited) is told from its
    // first kilobytes, not after reading megabytes.
    let mut bytes = Vec::new();
    Read::by_ref(&mut file)
        .take(64 * 1024)
        .read_to_end(&mut bytes)
        .ok()?;
    if let Ok((stored, _)) = postcard::take_from_bytes::<Key>(&bytes)
        && stored != key
    {
        return None;
    }
    file.read_to_end(&mut bytes).ok()?;
    let (stored, rest): (Key, &[u8]) = postcard::take_from_bytes(&bytes).ok()?;
    if stored != key {
        return None;
    }
    postcard::from_bytes(rest).ok()
}

/// Writes a cache file (atomically, private to the user; no fsync: a cache lost
/// in a crash is rebuilt). Errors are ignored.
fn write<T: Serialize>(path: &Path, key: &Key, value: &T) {
    let Some(dir) = path.parent() else { return };
    // A link planted in the cache directory's place is not written through:
    // no cache then (they are only for speed).
    if fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
        return;
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    if builder.create(dir).is_err() {
        return;
    }
    let Ok(temp) = tempfile::Builder::new().prefix(".cache.").tempfile_in(dir) else {
        return;
    };
    // Streamed to the file: a 10k-skill roadmap is ~10 MB encoded, and a
    // buffer of it would be the start-up's peak memory.
    let mut out = std::io::BufWriter::new(temp);
    let written = postcard::to_io(key, &mut out).and_then(|out| postcard::to_io(value, out));
    if written.is_ok()
        && let Ok(temp) = out.into_inner()
    {
        let _ = temp.persist(path);
    }
}

/// Loads a content pack, from its cache in `cache_dir` when that is still
/// valid; after a real load of a big pack, writes the cache.
pub fn load_content(source: &Source, cache_dir: Option<&Path>) -> Result<Roadmap, LoadError> {
    let (Source::Dir(dir), Some(cache_dir)) = (source, cache_dir) else {
        return content::load(source);
    };
    let Some(stamps) = pack_stamps(dir) else {
        return content::load(source);
    };
    let key = Key::new(dir, stamps);
    let path = cache_file(cache_dir, "content", dir);
    if let Some(roadmap) = read::<Roadmap>(&path, &key) {
        return Ok(roadmap);
    }
    let roadmap = content::load(source)?;
    write(&path, &key, &roadmap);
    Ok(roadmap)
}

/// The progress cache's key for the progress file as it is now, if it exists.
pub fn progress_key(progress: &Path) -> Option<(PathBuf, KeyHandle)> {
    progress_key_for(progress, &fs::metadata(progress).ok()?)
}

/// The progress cache's key for a progress file whose metadata (taken from
/// the very handle its bytes were read through) is `meta`.
pub fn progress_key_for(progress: &Path, meta: &fs::Metadata) -> Option<(PathBuf, KeyHandle)> {
    let stamp = FileStamp::from_metadata(PROGRESS_FILE.into(), meta);
    let cache_dir = progress.parent()?.join(CACHE_DIR);
    let path = cache_file(&cache_dir, "progress", progress);
    Some((path, KeyHandle(Key::new(progress, vec![stamp]))))
}

/// A cache key, opaque outside this module.
pub struct KeyHandle(Key);

pub fn read_progress<T: DeserializeOwned>(path: &Path, key: &KeyHandle) -> Option<T> {
    read(path, &key.0)
}

pub fn write_progress<T: Serialize>(path: &Path, key: &KeyHandle, value: &T) {
    write(path, &key.0, value);
}

/// What the first frame of a big roadmap needs: every stage (only the first
/// with its skills), that stage's progress and the counts of all. It lets the
/// app draw at once while the whole roadmap and progress load in the background.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub roadmap: Roadmap,
    pub progress: RoadmapProgress,
    pub stats: Stats,
}

impl Snapshot {
    pub fn of(roadmap: &Roadmap, progress: &RoadmapProgress, stats: &Stats) -> Snapshot {
        let stages = roadmap
            .stages
            .iter()
            .enumerate()
            .map(|(i, stage)| Stage {
                skills: if i == 0 {
                    stage.skills.clone()
                } else {
                    Vec::new()
                },
                ..stage.clone()
            })
            .collect();
        let first: Vec<&str> = roadmap
            .stages
            .first()
            .map(|s| s.skills.iter().map(|k| k.id.as_str()).collect())
            .unwrap_or_default();
        let partial = RoadmapProgress {
            focus: progress.focus.clone(),
            focus_history: Vec::new(),
            skills: progress
                .skills
                .iter()
                .filter(|(id, _)| first.contains(&id.as_str()))
                .map(|(id, p)| {
                    (
                        id.clone(),
                        SkillProgress {
                            draft: None,
                            ..p.clone()
                        },
                    )
                })
                .collect(),
        };
        Snapshot {
            // Tips and strategies are not on the first frame.
            roadmap: Roadmap::new(RoadmapParts {
                id: roadmap.id.clone(),
                title: roadmap.title.clone(),
                subtitle: roadmap.subtitle.clone(),
                intro: roadmap.intro.clone(),
                final_thought: roadmap.final_thought.clone(),
                stages,
                tips_title: roadmap.tips_title.clone(),
                strategies_title: roadmap.strategies_title.clone(),
                ..RoadmapParts::default()
            }),
            progress: partial,
            stats: stats.clone(),
        }
    }
}

/// Where the snapshot of one content pack with one data directory lives, and
/// the stamps it is valid for: the pack's files as they were when it was
/// loaded, and the progress file as it is now.
#[derive(Debug, Clone)]
pub struct QuickStart {
    path: PathBuf,
    source: PathBuf,
    /// The pack's files, stamped when first needed (a start without a
    /// snapshot has no use for them before its load begins).
    files: Vec<(String, PathBuf)>,
    content: std::sync::Arc<std::sync::OnceLock<Option<Vec<FileStamp>>>>,
    progress_file: PathBuf,
}

impl QuickStart {
    /// For a big pack in `content_dir`, with progress in `data_dir`.
    pub fn new(content_dir: &Path, data_dir: &Path) -> Option<QuickStart> {
        Some(QuickStart {
            path: cache_file(&data_dir.join(CACHE_DIR), "first-frame", content_dir),
            source: content_dir.to_path_buf(),
            files: pack_files(content_dir)?,
            content: Default::default(),
            progress_file: data_dir.join(PROGRESS_FILE),
        })
    }

    /// Stamps the pack's files, if not yet done (by this or a clone): to be
    /// called before they are read for a load whose snapshot this writes,
    /// so an edit made meanwhile makes that snapshot stale.
    pub fn stamp_content(&self) {
        self.content.get_or_init(|| stamps_of(&self.files));
    }

    fn key(&self) -> Option<Key> {
        self.stamp_content();
        let mut files = self.content.get()?.clone()?;
        if let Some(stamp) = FileStamp::of(PROGRESS_FILE.into(), &self.progress_file) {
            files.push(stamp);
        }
        Some(Key::new(&self.source, files))
    }

    pub fn read(&self) -> Option<Snapshot> {
        read_keyed(&self.path, || self.key())
    }

    /// Without a valid snapshot: one made by a quick look at the files (see
    /// [`crate::cold`]), or `None` if they are not laid out plainly.
    pub fn preview(&self) -> Option<Snapshot> {
        // Named `stages/NAME` (the directory itself is `stages/`).
        let stage_files = self.files.iter().filter(|(name, _)| {
            name.strip_prefix(STAGES_DIR)
                .and_then(|rest| rest.strip_prefix('/'))
                .is_some_and(|file| !file.is_empty())
        });
        let stage_files = stage_files.map(|(_, path)| path.clone()).collect();
        crate::cold::preview(&self.source, stage_files, &self.progress_file)
    }

    /// The progress file's stamp now, to tell whether it changed meanwhile.
    pub fn progress_stamp(&self) -> Option<FileStamp> {
        FileStamp::of(PROGRESS_FILE.into(), &self.progress_file)
    }

    /// Records the snapshot for the files as they are now (after a load or a save).
    pub fn write(&self, roadmap: &Roadmap, progress: &RoadmapProgress, stats: &Stats) {
        if let Some(key) = self.key() {
            write(&self.path, &key, &Snapshot::of(roadmap, progress, stats));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big_pack(dir: &Path) {
        fs::create_dir_all(dir.join("stages")).unwrap();
        fs::write(dir.join("roadmap.toml"), "title = \"Big\"\n").unwrap();
        for i in 0..MIN_STAGE_FILES {
            fs::write(
                dir.join(format!("stages/{i:02}.toml")),
                format!("id = \"s{i}\"\ntitle = \"Stage {i}\"\n\n[[skill]]\nid = \"k{i}\"\ntitle = \"Skill {i}\"\n"),
            )
            .unwrap();
        }
    }

    #[test]
    fn a_cached_pack_loads_the_same_and_a_changed_file_is_seen() {
        let tmp = tempfile::tempdir().unwrap();
        let (pack, cache) = (tmp.path().join("pack"), tmp.path().join("cache"));
        big_pack(&pack);
        let source = Source::Dir(pack.clone());
        let first = load_content(&source, Some(&cache)).unwrap();
        assert_eq!(fs::read_dir(&cache).unwrap().count(), 1, "cache written");
        let again = load_content(&source, Some(&cache)).unwrap();
        assert_eq!(again, first);
        assert_eq!(
            again.find_skill("k3"),
            first.find_skill("k3"),
            "index rebuilt"
        );

        // Same size, new text: the change time gives it away.
        let stage = pack.join("stages/03.toml");
        let text = fs::read_to_string(&stage)
            .unwrap()
            .replace("Skill 3", "Skill X");
        fs::write(&stage, text).unwrap();
        let changed = load_content(&source, Some(&cache)).unwrap();
        assert_eq!(changed.stages[3].skills[0].title, "Skill X");

        // A new stage file is seen too.
        fs::write(
            pack.join("stages/99.toml"),
            "id = \"new\"\ntitle = \"New\"\n",
        )
        .unwrap();
        assert_eq!(
            load_content(&source, Some(&cache)).unwrap().stages.len(),
            MIN_STAGE_FILES + 1
        );
    }

    #[test]
    fn a_broken_pack_is_never_served_from_the_cache() {
        let tmp = tempfile::tempdir().unwrap();
        let (pack, cache) = (tmp.path().join("pack"), tmp.path().join("cache"));
        big_pack(&pack);
        let source = Source::Dir(pack.clone());
        load_content(&source, Some(&cache)).unwrap();
        fs::write(pack.join("stages/00.toml"), "id = \"s0\"\ntitle = \"\"\n").unwrap();
        assert!(load_content(&source, Some(&cache)).is_err());
    }

    #[test]
    fn a_corrupt_cache_falls_back_to_parsing() {
        let tmp = tempfile::tempdir().unwrap();
        let (pack, cache) = (tmp.path().join("pack"), tmp.path().join("cache"));
        big_pack(&pack);
        let source = Source::Dir(pack.clone());
        let good = load_content(&source, Some(&cache)).unwrap();
        for entry in fs::read_dir(&cache).unwrap() {
            let path = entry.unwrap().path();
            let mut bytes = fs::read(&path).unwrap();
            let n = bytes.len();
            bytes.truncate(n - 5);
            fs::write(&path, bytes).unwrap();
        }
        assert_eq!(load_content(&source, Some(&cache)).unwrap(), good);
    }
}
