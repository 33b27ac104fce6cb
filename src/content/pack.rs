//! Reading a content pack's files into memory, unparsed: from a directory
//! (with a diagnostic for each file that cannot be read) or from the copy
//! built into the binary.

use std::borrow::Cow;
use std::ffi::OsString;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::diagnostics::Diagnostic;

/// A content file larger than this is refused rather than read.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// A pack with more stage files than this is refused.
pub const MAX_FILES: usize = 10_000;

pub const ROADMAP_FILE: &str = "roadmap.toml";
pub const STAGES_DIR: &str = "stages";
pub const TIPS_FILE: &str = "tips.toml";
pub const STRATEGIES_FILE: &str = "staying-current.toml";

/// One file's bytes and the path shown in diagnostics.
pub(super) struct RawFile {
    pub path: String,
    pub bytes: Cow<'static, [u8]>,
}

/// The files of a pack, read but not parsed.
pub(super) struct RawPack {
    pub roadmap: Option<RawFile>,
    pub stages: Vec<RawFile>,
    pub tips: Option<RawFile>,
    pub strategies: Option<RawFile>,
}

impl RawPack {
    pub fn embedded() -> Self {
        let file = |name: &str| {
            super::embedded::FILES
                .iter()
                .find(|(path, _)| *path == name)
                .map(|(path, bytes)| RawFile {
                    path: format!("content/{path}"),
                    bytes: Cow::Borrowed(*bytes),
                })
        };
        let stage_prefix = format!("{STAGES_DIR}/");
        let stages = super::embedded::FILES
            .iter()
            .filter(|(path, _)| path.starts_with(&stage_prefix))
            .map(|(path, bytes)| RawFile {
                path: format!("content/{path}"),
                bytes: Cow::Borrowed(*bytes),
            })
            .collect();
        RawPack {
            roadmap: file(ROADMAP_FILE),
            stages,
            tips: file(TIPS_FILE),
            strategies: file(STRATEGIES_FILE),
        }
    }

    pub fn read_dir(dir: &Path, diags: &mut Vec<Diagnostic>) -> Self {
        let shown = |name: &str| dir.join(name).display().to_string();
        if !dir.is_dir() {
            let message = if dir.exists() {
                "not a directory: a content pack is a directory holding roadmap.toml and stages/"
            } else {
                "no such directory"
            };
            diags.push(file_level(dir.display().to_string(), message));
            return RawPack {
                roadmap: None,
                stages: Vec::new(),
                tips: None,
                strategies: None,
            };
        }
        check_top_level_files(dir, diags);
        let roadmap = read_file(&dir.join(ROADMAP_FILE), shown(ROADMAP_FILE), diags);
        if roadmap.is_none() && !dir.join(ROADMAP_FILE).exists() {
            diags.push(file_level(
                shown(ROADMAP_FILE),
                "missing file: every content pack needs a roadmap.toml with at least a `title`",
            ));
        }
        RawPack {
            roadmap,
            stages: read_stages(&dir.join(STAGES_DIR), diags),
            tips: read_file(&dir.join(TIPS_FILE), shown(TIPS_FILE), diags),
            strategies: read_file(&dir.join(STRATEGIES_FILE), shown(STRATEGIES_FILE), diags),
        }
    }
}

/// The files a pack is made of: `*.toml`, not hidden (editor backups are).
#[expect(
    clippy::case_sensitive_file_extension_comparisons,
    reason = "content/README.md documents `*.toml` exactly"
)]
pub fn is_toml_name(name: &str) -> bool {
    name.ends_with(".toml") && !name.starts_with('.')
}

pub(super) fn file_level(path: String, message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        path,
        line: 1,
        col: 1,
        message: message.into(),
    }
}

/// A `.toml` file at the top of a pack that the format does not know is most
/// likely a misspelt name (`tip.toml`); say so rather than ignore it.
fn check_top_level_files(dir: &Path, diags: &mut Vec<Diagnostic>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten().take(MAX_FILES) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let known = [ROADMAP_FILE, TIPS_FILE, STRATEGIES_FILE];
        if is_toml_name(&name) && !known.contains(&name.as_ref()) {
            diags.push(file_level(
                entry.path().display().to_string(),
                format!(
                    "unknown file `{name}` (a pack holds {}; stages go in {STAGES_DIR}/)",
                    known.join(", ")
                ),
            ));
        }
    }
}

/// Reads an optional file: `None` if absent, a diagnostic if unreadable or too big.
pub(super) fn read_file(
    path: &Path,
    shown: String,
    diags: &mut Vec<Diagnostic>,
) -> Option<RawFile> {
    // Looked at before it is opened: a pipe in a file's place is never waited on.
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if fs::symlink_metadata(path).is_ok() {
                diags.push(file_level(
                    shown,
                    "broken symbolic link: the file it points to does not exist",
                ));
            }
            return None;
        }
        Err(e) => {
            diags.push(file_level(shown, format!("cannot read: {e}")));
            return None;
        }
    };
    if meta.is_dir() {
        diags.push(file_level(shown, "expected a file, found a directory"));
        return None;
    }
    if !meta.is_file() {
        diags.push(file_level(
            shown,
            "not a regular file (a pipe, socket or device): content files are plain files",
        ));
        return None;
    }
    if meta.len() > MAX_FILE_BYTES {
        diags.push(file_level(shown, too_big_message()));
        return None;
    }
    let mut file = match fs::File::open(path) {
        Ok(file) => file,
        Err(e) => {
            diags.push(file_level(shown, format!("cannot read: {e}")));
            return None;
        }
    };
    // Read at most one byte past the limit, in case the file grows while we read.
    let mut bytes = Vec::new();
    let read = file
        .by_ref()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes);
    match read {
        Err(e) => {
            diags.push(file_level(shown, format!("cannot read: {e}")));
            None
        }
        Ok(_) if bytes.len() as u64 > MAX_FILE_BYTES => {
            diags.push(file_level(shown, too_big_message()));
            None
        }
        Ok(_) => Some(RawFile {
            path: shown,
            bytes: Cow::Owned(bytes),
        }),
    }
}

fn too_big_message() -> String {
    format!(
        "file is larger than {} MiB; content files must be smaller",
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

/// The `*.toml` files of `stages/`, in file-name order.
fn read_stages(dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<RawFile> {
    let names = match stage_names(dir) {
        Ok(names) => names,
        Err(message) => {
            diags.push(file_level(format!("{}/", dir.display()), message));
            return Vec::new();
        }
    };
    names
        .into_iter()
        .filter_map(|name| {
            let path = dir.join(&name);
            let display = path.display().to_string();
            read_file(&path, display, diags)
        })
        .collect()
}

/// The names of the stage files in `dir`, sorted, or what is wrong with it.
fn stage_names(dir: &Path) -> Result<Vec<OsString>, String> {
    let entries = fs::read_dir(dir).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            "missing directory: a pack needs a stages/ directory with at least one stage file"
                .to_string()
        }
        _ => format!("cannot read directory: {e}"),
    })?;
    let mut names = Vec::new();
    for (count, entry) in entries.enumerate() {
        if count >= MAX_FILES {
            return Err(format!(
                "too many files: stages/ may hold at most {MAX_FILES} entries"
            ));
        }
        let Ok(entry) = entry else { continue };
        let name = entry.file_name();
        // Anything named like a stage file is read, so a link to nowhere, a
        // directory or a device under such a name is reported, not skipped.
        if is_toml_name(&name.to_string_lossy()) {
            names.push(name);
        }
    }
    if names.is_empty() {
        return Err("no stage files: add at least one stages/*.toml file".to_string());
    }
    names.sort();
    Ok(names)
}

/// A pack at least this big (every real roadmap known is far smaller) is
/// drawn from its own file and first stage while the rest loads.
pub const LOAD_BEHIND_BYTES: u64 = 256 * 1024;

/// The stage files of the pack in `dir` if it is big enough to be loaded
/// behind its first frame; `None` for a small pack, or one whose stages
/// cannot be listed (the whole load says why).
pub fn big_pack_stages(dir: &Path) -> Option<Vec<PathBuf>> {
    let stages = dir.join(STAGES_DIR);
    let paths: Vec<PathBuf> = stage_names(&stages)
        .ok()?
        .into_iter()
        .map(|name| stages.join(name))
        .collect();
    let size = |path: &Path| fs::metadata(path).map_or(0, |meta| meta.len());
    let bytes: u64 = size(&dir.join(ROADMAP_FILE)) + paths.iter().map(|p| size(p)).sum::<u64>();
    (bytes >= LOAD_BEHIND_BYTES).then_some(paths)
}
