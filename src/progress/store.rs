//! Keeping progress on disk: one `progress.toml` in the data directory,
//! written atomically with the previous version kept as `progress.toml.bak`,
//! guarded by a lock so that only one process writes.

use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::de::{DeTable, DeValue};

use super::model::{FORMAT_VERSION, ProgressFile, RoadmapProgress};
use crate::content::diagnostics::line_col;
use crate::files::{self, Access};
use crate::time::Stamp;

pub const PROGRESS_FILE: &str = "progress.toml";
pub const BACKUP_FILE: &str = "progress.toml.bak";
pub const LOCK_FILE: &str = "progress.lock";
/// A progress file larger than this is refused rather than read.
pub const MAX_PROGRESS_BYTES: u64 = 64 * 1024 * 1024;
/// Environment variable naming the data directory.
pub const DATA_DIR_ENV: &str = "ROADMAP_DATA_DIR";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}:{line}:{col}: {message}\n{advice}")]
    Corrupt {
        path: String,
        line: usize,
        col: usize,
        message: String,
        advice: String,
    },
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    #[error("no data directory: set --data-dir or ${DATA_DIR_ENV}")]
    NoDataDir,
}

/// Why the write lock could not be taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockError {
    /// Another process holds it.
    Held(Holder),
    /// There is no lock file to take (unwritable or blocked directory).
    Unavailable(String),
}

/// Another process holds the data directory for writing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    /// Its process id, if it wrote one.
    pub pid: Option<u32>,
}

impl Holder {
    pub fn describe(&self) -> String {
        match self.pid {
            Some(pid) => format!("another roadmap (pid {pid}) has this data directory open"),
            None => "another roadmap has this data directory open".to_string(),
        }
    }
}

/// The data directory: `--data-dir`, else `$ROADMAP_DATA_DIR`, else the platform's.
pub fn data_dir(flag: Option<PathBuf>) -> Result<PathBuf, StoreError> {
    if let Some(dir) = flag {
        return Ok(dir);
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "roadmap-tui")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or(StoreError::NoDataDir)
}

/// The progress file of a data directory, as loaded, and the lock if held.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    file: ProgressFile,
    lock: Option<File>,
    /// The roadmap whose progress the caller holds (see [`Store::take`]).
    taken: Option<String>,
}

impl Store {
    /// Reads the progress in `dir` (empty if there is none yet), without locking.
    pub fn read(dir: &Path) -> Result<Store, StoreError> {
        Ok(Store {
            dir: dir.to_path_buf(),
            file: read_and_parse(&dir.join(PROGRESS_FILE))?,
            lock: None,
            taken: None,
        })
    }

    /// Reads the progress and takes the write lock. If another process holds
    /// it, says who (the store stays readable but unlocked).
    pub fn open(dir: &Path) -> Result<(Store, Option<Holder>), StoreError> {
        // Lock first, then read: a copy read before the lock could be stale
        // by the time it is saved, and that save would undo another's.
        let mut store = Store {
            dir: dir.to_path_buf(),
            file: ProgressFile::default(),
            lock: None,
            taken: None,
        };
        // Without a lock file (say, an unwritable directory) every save says why.
        let holder = match store.lock() {
            Err(LockError::Held(holder)) => Some(holder),
            Err(LockError::Unavailable(_)) | Ok(()) => None,
        };
        store.file = Store::read(dir)?.file;
        Ok((store, holder))
    }

    /// The progress read again from disk (after another process saved).
    pub fn set_file(&mut self, file: ProgressFile) {
        self.file = file;
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(PROGRESS_FILE)
    }

    pub fn file(&self) -> &ProgressFile {
        &self.file
    }

    pub fn into_file(self) -> ProgressFile {
        self.file
    }

    pub fn is_locked(&self) -> bool {
        self.lock.is_some()
    }

    /// This roadmap's progress (empty if it has none yet).
    pub fn roadmap(&self, id: &str) -> RoadmapProgress {
        self.file.roadmaps.get(id).cloned().unwrap_or_default()
    }

    /// Takes this roadmap's progress out to be kept by the caller (the app),
    /// who passes it to every `save`; the store then keeps no copy of it.
    pub fn take(&mut self, id: &str) -> RoadmapProgress {
        self.taken = Some(id.to_string());
        self.file.roadmaps.remove(id).unwrap_or_default()
    }

    /// Takes the write lock, creating the directory and lock file if needed.
    /// A lock left by a killed process is released by the system, so it
    /// never blocks.
    pub fn lock(&mut self) -> Result<(), LockError> {
        if self.lock.is_some() {
            return Ok(());
        }
        files::create_private_dir(&self.dir)
            .map_err(|e| LockError::Unavailable(describe_io(&e)))?;
        let path = self.dir.join(LOCK_FILE);
        let mut file = files::open_private(&path).map_err(|e| {
            LockError::Unavailable(format!(
                "cannot open {}: {}",
                path.display(),
                describe_io(&e)
            ))
        })?;
        match file.try_lock() {
            Ok(()) => {}
            // No locks on this file system, say: not another window's doing.
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(LockError::Unavailable(format!(
                    "cannot lock {}: {}",
                    path.display(),
                    describe_io(&e)
                )));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                return Err(LockError::Held(Holder {
                    pid: text.trim().parse().ok(),
                }));
            }
        }
        // Only a hint for the message a second process shows: no fsync.
        let pid = format!("{}\n", std::process::id());
        let _ = file
            .set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| file.write_all(pid.as_bytes()));
        self.lock = Some(file);
        Ok(())
    }

    /// Lets go of the write lock.
    pub fn unlock(&mut self) {
        self.lock = None;
    }

    /// Saves `progress` as roadmap `id`'s, keeping every other roadmap's as it
    /// was. Atomic: a temporary file is written, synced and renamed over the
    /// old one, which becomes `progress.toml.bak`. On failure the existing
    /// file is untouched.
    pub fn save(&mut self, id: &str, progress: &RoadmapProgress) -> Result<Stamp, String> {
        // Never a write without the lock.
        self.lock().map_err(|e| match e {
            LockError::Held(holder) => holder.describe(),
            LockError::Unavailable(why) => why,
        })?;
        // Every other roadmap as loaded, this one as given, in id order.
        let empty = progress == &RoadmapProgress::default();
        let mine = (!empty).then_some((id, progress));
        let others = self
            .file
            .roadmaps
            .iter()
            .filter(|(other, _)| other.as_str() != id)
            .map(|(other, p)| (other.as_str(), p));
        let mut all: Vec<(&str, &RoadmapProgress)> = others.chain(mine).collect();
        all.sort_by_key(|(id, _)| *id);
        let text = super::write::progress_file(all.iter().copied());
        files::create_private_dir(&self.dir).map_err(|e| describe_io(&e))?;
        let path = self.path();
        keep_backup(&self.dir, &path).map_err(|e| describe_io(&e))?;
        write_private(&path, text.as_bytes()).map_err(|e| describe_io(&e))?;
        // The TUI keeps its roadmap's progress itself (see `take`): no copy here.
        if self.taken.as_deref() == Some(id) || empty {
            self.file.roadmaps.remove(id);
        } else {
            self.file.roadmaps.insert(id.to_string(), progress.clone());
        }
        Ok(Stamp::now())
    }
}

/// Reads and parses `progress.toml` (empty progress if there is none yet).
fn read_and_parse(path: &Path) -> Result<ProgressFile, StoreError> {
    match read_limited(path) {
        Ok(bytes) => parse(path, &bytes),
        // Nothing saved yet (or the directory cannot exist yet: saving will say why).
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            Ok(ProgressFile::default())
        }
        Err(e) => Err(StoreError::Io {
            path: path.display().to_string(),
            message: format!("cannot read: {e}"),
        }),
    }
}

/// The text of a progress file.
pub fn serialize(file: &ProgressFile) -> String {
    super::write::progress_file(file.roadmaps.iter().map(|(id, p)| (id.as_str(), p)))
}

/// Parses a progress file, checking its format version first so a newer
/// file is refused with a clear message rather than a confusing one.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<ProgressFile, StoreError> {
    let shown = path.display().to_string();
    let refuse = |text: &str, offset: usize, message: String, bak_helps: bool| {
        let (line, col) = line_col(text, offset);
        StoreError::Corrupt {
            path: shown.clone(),
            line,
            col,
            // A value quoted in the message stays on the message's line.
            message: crate::text::clean_one_line(&message).into_owned(),
            advice: advice(path, bak_helps),
        }
    };
    let corrupt = |text: &str, offset: usize, message: String| refuse(text, offset, message, true);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let prefix = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            return Err(corrupt(prefix, prefix.len(), "invalid UTF-8".into()));
        }
    };
    let table = DeTable::parse(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        corrupt(
            text,
            offset,
            format!("invalid TOML: {}", e.message().trim()),
        )
    })?;
    let version = table
        .get_ref()
        .iter()
        .find(|(k, _)| k.get_ref() == "version");
    match version.map(|(_, v)| (v.span(), v.get_ref())) {
        None if text.trim().is_empty() => {
            return Err(corrupt(text, 0, "the file is empty".into()));
        }
        None => return Err(corrupt(text, 0, "missing `version`".into())),
        Some((span, DeValue::Integer(n))) => {
            let literal = &text[span.clone()];
            let newer = !literal.starts_with('-')
                && n.as_str()
                    .parse::<u32>()
                    .ok()
                    .is_none_or(|n| n > FORMAT_VERSION);
            if newer {
                // The backup is older still: restoring it would lose the newer data.
                return Err(refuse(
                    text,
                    span.start,
                    format!(
                        "written by a newer roadmap-tui (format version {literal}; this one reads up to {FORMAT_VERSION}); upgrade roadmap-tui"
                    ),
                    false,
                ));
            }
            if n.as_str().parse::<u32>().ok().is_none_or(|n| n == 0) {
                return Err(corrupt(
                    text,
                    span.start,
                    format!("unknown format version {literal}"),
                ));
            }
        }
        Some((span, _)) => {
            return Err(corrupt(
                text,
                span.start,
                "`version` must be an integer".into(),
            ));
        }
    }
    // One parse: the table checked above is deserialized as it is.
    ProgressFile::deserialize(toml::de::Deserializer::from(table)).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        corrupt(text, offset, e.message().trim().to_string())
    })
}

/// What to do about a file roadmap will not touch; `bak_helps` when the
/// backup is a way back (not for a file written by a newer version).
fn advice(path: &Path, bak_helps: bool) -> String {
    let bak = path.with_file_name(BACKUP_FILE);
    if !bak_helps {
        return format!(
            "roadmap will not overwrite {}; {} is older and would lose what the newer version wrote.",
            path.display(),
            bak.display()
        );
    }
    let mut advice = format!(
        "roadmap will not overwrite {}: fix it, or move it away to start afresh.",
        path.display()
    );
    if bak.exists() {
        let _ = write!(
            advice,
            "
The previous version is in {}: `{}` restores it.",
            bak.display(),
            copy_command(&bak, path)
        );
    }
    advice
}

/// The shell command that copies `from` over `to`: `cp` on Unix, cmd's
/// `copy` on Windows.
fn copy_command(from: &Path, to: &Path) -> String {
    if cfg!(windows) {
        format!("copy /Y \"{}\" \"{}\"", from.display(), to.display())
    } else {
        format!("cp {} {}", shell_quote(from), shell_quote(to))
    }
}

/// A path as a shell word, quoted only when it needs to be.
fn shell_quote(path: &Path) -> String {
    let s = path.display().to_string();
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:@%,=".contains(c));
    if plain {
        s
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// The bytes of a regular file of at most [`MAX_PROGRESS_BYTES`] (a pipe
/// put in its place is refused, not waited on).
fn read_limited(path: &Path) -> io::Result<Vec<u8>> {
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(io::Error::other("not a regular file"));
    }
    let too_big = || {
        io::Error::other(format!(
            "larger than {} MiB; not a progress file?",
            MAX_PROGRESS_BYTES / (1024 * 1024)
        ))
    };
    if meta.len() > MAX_PROGRESS_BYTES {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    File::open(path)?
        .take(MAX_PROGRESS_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_PROGRESS_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}

/// Makes the current file the backup: a hard link (no copy) where possible.
fn keep_backup(dir: &Path, path: &Path) -> io::Result<()> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    let bak = dir.join(BACKUP_FILE);
    if meta.file_type().is_file() {
        match fs::remove_file(&bak) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        if fs::hard_link(path, &bak).is_ok() {
            return Ok(());
        }
    }
    // A symlink or a file system without hard links: copy what it holds
    // (a link to nothing holds nothing to keep).
    match read_limited(path) {
        Ok(bytes) => write_private(&bak, &bytes),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Replaces `path` atomically with `bytes`, private to the user.
fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    files::write_atomic(path, Access::Private, |out| out.write_all(bytes))
}

/// A short reason for the status bar, such as "disk full".
fn describe_io(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::StorageFull => "disk full".into(),
        io::ErrorKind::ReadOnlyFilesystem => "read-only file system".into(),
        io::ErrorKind::NotFound => "directory missing".into(),
        io::ErrorKind::NotADirectory => "data directory path is blocked by a file".into(),
        _ => e.to_string(),
    }
}
