//! The file system where the platforms differ: private directories and
//! files, the stamp that tells one version of a file from another, and the
//! one way a file is replaced (atomically). Everything else uses std as is.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::time::UNIX_EPOCH;

/// What identifies one version of a file without reading it: its length,
/// modification time and, on Unix, its inode and change time (which an
/// edit that keeps the length and resets the modification time still moves).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: (u64, u32),
    identity: [i64; 3],
}

impl FileStamp {
    /// The stamp of the file at `path` (through a symbolic link), if it exists.
    pub fn of(path: &Path) -> Option<FileStamp> {
        fs::metadata(path)
            .ok()
            .map(|meta| FileStamp::from_metadata(&meta))
    }

    pub fn from_metadata(meta: &fs::Metadata) -> FileStamp {
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or((0, 0), |d| (d.as_secs(), d.subsec_nanos()));
        FileStamp {
            len: meta.len(),
            modified,
            identity: identity(meta),
        }
    }
}

#[cfg(unix)]
fn identity(meta: &fs::Metadata) -> [i64; 3] {
    use std::os::unix::fs::MetadataExt;
    [meta.ino().cast_signed(), meta.ctime(), meta.ctime_nsec()]
}

/// Windows has no inode or change time in std: the creation time stands in
/// (a file replaced by rename is a new file).
#[cfg(not(unix))]
fn identity(meta: &fs::Metadata) -> [i64; 3] {
    let created = meta
        .created()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .unwrap_or_default();
    [
        i64::try_from(created.as_secs()).unwrap_or(i64::MAX),
        i64::from(created.subsec_nanos()),
        0,
    ]
}

/// Creates `dir` and its parents if missing; what this creates is private
/// to the user (0700 on Unix; on Windows a new directory inherits the ACL of
/// its parent, the user's own profile for the default locations).
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    match builder.create(dir) {
        // Something that is not a directory is in the way.
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && !dir.is_dir() => {
            Err(io::ErrorKind::NotADirectory.into())
        }
        created => created,
    }
}

/// Opens (creating if needed) a file readable and writable by the user
/// only, never through a symbolic link: a link in its place is removed
/// (never what it points to) and a real file made.
pub fn open_private(path: &Path) -> io::Result<File> {
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        fs::remove_file(path)?;
    }
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NOFOLLOW: a link planted after the check above fails the open.
        options
            .mode(0o600)
            .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits().cast_signed());
    }
    options.open(path)
}

/// Whom a file that [`write_atomic`] writes is for.
#[derive(Debug, Clone)]
pub enum Access {
    /// The user only (0600 on Unix).
    Private,
    /// As a new file usually is (0666 less the umask on Unix).
    Usual,
    /// As the file it replaces was.
    Same(fs::Permissions),
}

/// Replaces `path` atomically with what `write` writes: a temporary file
/// beside it is written, synced and renamed over it, so a reader sees the old file or the new one, never part of either.
/// A symbolic link at `path` is replaced, not written through. On failure
/// `path` is untouched.
pub fn write_atomic(
    path: &Path,
    access: Access,
    write: impl FnOnce(&mut io::BufWriter<&File>) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".roadmap.").suffix(".tmp");
    #[cfg(unix)]
    if matches!(access, Access::Usual) {
        use std::os::unix::fs::PermissionsExt;
        // The kernel applies the umask to the mode a file is created with.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let temp = builder.tempfile_in(dir)?;
    if let Access::Same(permissions) = access {
        temp.as_file().set_permissions(permissions)?;
    }
    let mut out = io::BufWriter::new(temp.as_file());
    write(&mut out)?;
    out.flush()?;
    drop(out);
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(())
}

/// Makes a rename in `dir` durable (Unix; Windows cannot open a directory
/// as a file, and NTFS journals the rename itself).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_atomic_write_replaces_the_file_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.txt");
        fs::write(&path, "old").unwrap();
        write_atomic(&path, Access::Private, |out| out.write_all(b"new")).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.txt");
        fs::write(&path, "old").unwrap();
        let failed = write_atomic(&path, Access::Private, |out| {
            out.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_stamp_changes_with_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.txt");
        fs::write(&path, "one").unwrap();
        let first = FileStamp::of(&path).unwrap();
        assert_eq!(FileStamp::of(&path), Some(first.clone()));
        // Same length, replaced: a new file.
        write_atomic(&path, Access::Private, |out| out.write_all(b"two")).unwrap();
        assert_ne!(FileStamp::of(&path), Some(first));
        assert_eq!(FileStamp::of(&dir.path().join("none")), None);
    }

    #[cfg(unix)]
    #[test]
    fn private_files_and_directories_are_the_users_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let inner = dir.path().join("a/b");
        create_private_dir(&inner).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&inner), 0o700);
        let file = inner.join("f");
        write_atomic(&file, Access::Private, |out| out.write_all(b"x")).unwrap();
        assert_eq!(mode(&file), 0o600);
        drop(open_private(&inner.join("lock")).unwrap());
        assert_eq!(mode(&inner.join("lock")), 0o600);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_where_a_private_file_goes_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        fs::write(&target, "keep").unwrap();
        let link = dir.path().join("lock");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        drop(open_private(&link).unwrap());
        assert!(
            !fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&target).unwrap(), "keep");
    }
}
