//! Keeping progress on disk: one `progress.toml` in the data directory,
//! shared by every writer (windows of the app, commands, sync tools, people
//! editing it by hand). Each save reads what is there, merges, and writes
//! atomically under a short lock, keeping the previous version as
//! `progress.toml.bak`. A file that does not parse is never written over.

use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use toml::de::{DeTable, DeValue};

use super::model::{FORMAT_VERSION, ProgressFile, RoadmapProgress};
use crate::content::diagnostics::line_col;
use crate::files::{self, Access, FileStamp};

pub const PROGRESS_FILE: &str = "progress.toml";
pub const BACKUP_FILE: &str = "progress.toml.bak";
pub const LOCK_FILE: &str = "progress.lock";
/// Where changes wait while `progress.toml` cannot be read.
pub const PENDING_FILE: &str = "progress.pending.toml";
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

/// The progress file of a data directory, as this process last read or
/// wrote it: the base of every merge.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    base: ProgressFile,
    /// The bytes `base` was read from or written as (none: no file).
    base_bytes: Option<Vec<u8>>,
    /// The stamp of the file that holds `base_bytes`, once confirmed.
    base_stamp: Option<FileStamp>,
    /// The stamp of the file as last looked at, read or not.
    seen: Option<FileStamp>,
}

/// What a save did.
#[derive(Debug, Clone, PartialEq)]
pub struct Committed {
    /// The progress as it now is on disk: ours merged with what was there.
    pub file: ProgressFile,
    /// Whether the file had changed on disk since this process last read it.
    pub from_disk: bool,
}

/// Why a save did not reach `progress.toml`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SaveError {
    /// The file on disk does not parse (conflict markers, a newer version,
    /// a bad edit): it is left exactly as it is, and the changes wait in
    /// [`PENDING_FILE`] (`kept` says whether writing that worked).
    #[error("{error}")]
    Unreadable {
        error: String,
        kept: Result<PathBuf, String>,
    },
    /// Locking, writing or syncing failed (disk full, permissions...).
    #[error("{0}")]
    Failed(String),
}

impl Store {
    /// Reads the progress in `dir` (empty if there is none yet).
    pub fn read(dir: &Path) -> Result<Store, StoreError> {
        let path = dir.join(PROGRESS_FILE);
        let stamp = FileStamp::of(&path);
        let bytes = read_bytes(&path)?;
        let base = match &bytes {
            Some(bytes) => parse(&path, bytes)?,
            None => ProgressFile::default(),
        };
        Ok(Store {
            dir: dir.to_path_buf(),
            base,
            base_bytes: bytes,
            base_stamp: stamp.clone(),
            seen: stamp,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(PROGRESS_FILE)
    }

    /// The progress as last read or written.
    pub fn file(&self) -> &ProgressFile {
        &self.base
    }

    /// This roadmap's progress (empty if it has none yet).
    pub fn roadmap(&self, id: &str) -> RoadmapProgress {
        self.base.roadmaps.get(id).cloned().unwrap_or_default()
    }

    /// Changes a run that was stopped kept in [`PENDING_FILE`] because
    /// `progress.toml` could not be read then, if any (the next save merges
    /// them in and removes the file).
    pub fn pending(&self) -> Option<ProgressFile> {
        let path = self.dir.join(PENDING_FILE);
        read_limited(&path)
            .ok()
            .and_then(|bytes| parse(&path, &bytes).ok())
    }

    /// Whether saves can work here at all: the directory and its lock file
    /// can be made (said at start, before any change is made in vain).
    pub fn check_writable(&self) -> Result<(), SaveError> {
        let failed = |e: io::Error| SaveError::Failed(describe_io(&e));
        files::create_private_dir(&self.dir).map_err(failed)?;
        files::open_private(&self.dir.join(LOCK_FILE)).map_err(failed)?;
        Ok(())
    }

    /// Whether `progress.toml` changed on disk since it was last looked at.
    pub fn changed_on_disk(&self) -> bool {
        FileStamp::of(&self.path()) != self.seen
    }

    /// Saves `ours`, the whole progress as this process has it: under a
    /// short lock, the file is read again if it changed since this process
    /// last read it, merged three ways (the base is what was last read), and
    /// written atomically if the merge holds anything it does not; the
    /// previous version becomes `progress.toml.bak`. A file that does not
    /// parse is never written: `ours` waits in [`PENDING_FILE`] instead.
    pub fn commit(&mut self, ours: &ProgressFile) -> Result<Committed, SaveError> {
        let failed = |e: io::Error| SaveError::Failed(describe_io(&e));
        files::create_private_dir(&self.dir).map_err(failed)?;
        let _lock = lock(&self.dir).map_err(SaveError::Failed)?;
        let path = self.path();
        let pending_path = self.dir.join(PENDING_FILE);
        let pending = self.pending();
        let ours = match &pending {
            Some(pending) => super::merge::files(None, ours, pending),
            None => ours.clone(),
        };
        let stamp = FileStamp::of(&path);
        self.seen.clone_from(&stamp);
        let unchanged = stamp.is_some() && stamp == self.base_stamp;
        let bytes = if unchanged {
            self.base_bytes.clone()
        } else {
            read_bytes(&path).map_err(|e| SaveError::Failed(e.to_string()))?
        };
        // Re-stamped but the same bytes (say, our own write, confirmed) is no change.
        let from_disk = bytes != self.base_bytes;
        let theirs = match &bytes {
            _ if !from_disk => self.base.clone(),
            None => ProgressFile::default(),
            Some(text) => match parse(&path, text) {
                Ok(theirs) => theirs,
                Err(e) => {
                    // Only changes are worth keeping: ours may be just the base.
                    let kept = if ours == self.base && pending.is_none() {
                        Err("nothing to keep".to_string())
                    } else {
                        write_private(&pending_path, serialize(&ours).as_bytes())
                            .map(|()| pending_path.clone())
                            .map_err(|e| describe_io(&e))
                    };
                    return Err(SaveError::Unreadable {
                        error: e.to_string(),
                        kept,
                    });
                }
            },
        };
        let merged = super::merge::files(Some(&self.base), &ours, &theirs);
        if merged == theirs && bytes.is_some() {
            self.base_bytes = bytes;
            self.base_stamp = stamp;
        } else {
            let text = serialize(&merged).into_bytes();
            keep_backup(&self.dir, &path).map_err(failed)?;
            write_private(&path, &text).map_err(failed)?;
            // Confirmed by its bytes at the next look: a writer that does not
            // lock (a sync tool) may have replaced it since.
            self.base_bytes = Some(text);
            self.base_stamp = None;
            self.seen = None;
        }
        self.base = merged.clone();
        if pending.is_some() {
            let _ = fs::remove_file(&pending_path);
        }
        Ok(Committed {
            file: merged,
            from_disk,
        })
    }
}

/// Copies of `progress.toml` that sync tools left beside it when two
/// machines changed it at once: Syncthing's `progress.sync-conflict-*.toml`,
/// Dropbox's and Nextcloud's `progress (… conflicted copy …).toml`, and the
/// like. `roadmap merge FILE` merges one in.
pub fn conflict_copies(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut copies: Vec<PathBuf> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase());
            name.is_some_and(|name| {
                name.starts_with("progress")
                    && Path::new(&name).extension().is_some_and(|e| e == "toml")
                    && name.contains("conflict")
            })
        })
        .collect();
    copies.sort();
    copies
}

/// How long a save waits for another process's save to finish.
const LOCK_WAIT: Duration = Duration::from_secs(2);

/// Takes the lock every save holds while it reads, merges and writes: an
/// OS lock on [`LOCK_FILE`], released when the returned file is dropped (or
/// the process dies). Another process's save takes milliseconds: this waits
/// for it, up to [`LOCK_WAIT`].
fn lock(dir: &Path) -> Result<File, String> {
    let path = dir.join(LOCK_FILE);
    let file = files::open_private(&path)
        .map_err(|e| format!("cannot open {}: {}", path.display(), describe_io(&e)))?;
    let start = std::time::Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(format!(
                    "{} stayed locked by another roadmap for {} s",
                    path.display(),
                    LOCK_WAIT.as_secs()
                ));
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(format!(
                    "cannot lock {}: {}",
                    path.display(),
                    describe_io(&e)
                ));
            }
        }
    }
}

/// The bytes of `progress.toml`, or none if there is none yet.
fn read_bytes(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    match read_limited(path) {
        Ok(bytes) => Ok(Some(bytes)),
        // Nothing saved yet (or the directory cannot exist yet: saving will say why).
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            Ok(None)
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
    // A file edited on Windows: its line ends are read as LF, so no `\r`
    // reaches a note (line and column numbers stay the same).
    let unix;
    let text = if text.contains("\r\n") {
        unix = text.replace("\r\n", "\n");
        unix.as_str()
    } else {
        text
    };
    // A merge that git or a person left half done: said in those words.
    if let Some(at) = conflict_marker(text) {
        return Err(refuse(
            text,
            at,
            "an unresolved merge conflict (<<<<<<< marker): keep one side, or let `roadmap merge-file` merge them (see the README)".into(),
            false,
        ));
    }
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

/// Where the first line that starts a merge conflict is, if any.
fn conflict_marker(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with("<<<<<<< ") || line.trim_end() == "<<<<<<<" {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// What to do about a file roadmap will not touch; `bak_helps` when the
/// backup is a way back (not for a file written by a newer version, or
/// one that holds two sides of a merge).
fn advice(path: &Path, bak_helps: bool) -> String {
    let bak = path.with_file_name(BACKUP_FILE);
    if !bak_helps {
        let mut advice = format!("roadmap will not overwrite {}", path.display());
        if bak.exists() {
            let _ = write!(
                advice,
                "; {} is older, and restoring it would lose what this one holds",
                bak.display()
            );
        }
        advice.push('.');
        return advice;
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
