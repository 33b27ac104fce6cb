//! Merging progress files from outside: `merge-file`, the git merge driver,
//! and `merge`, for another machine's copy or a sync tool's conflict copy.

use std::path::Path;

use super::Failure;
use super::commands::{Context, describe_save_error};
use super::output::Out;
use crate::files::{self, Access};
use crate::progress::ProgressFile;
use crate::progress::merge;
use crate::progress::store::{self, Store};

/// A progress file given on the command line. An empty file is no progress
/// (git passes one as the base when both sides added the file).
fn read(path: &Path) -> Result<ProgressFile, Failure> {
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::Runtime(format!("cannot read {}: {e}", path.display())))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(ProgressFile::default());
    }
    Ok(store::parse(path, &bytes)?)
}

/// `roadmap merge-file BASE OURS THEIRS`: a three-way merge into OURS, in
/// `git merge-file`'s order, for `git config merge.roadmap.driver
/// "roadmap merge-file %O %A %B"`. Every entry merges by its time, so the
/// merge is always clean; a file that does not parse leaves OURS untouched
/// and exits 1, which git reports as a conflict.
pub fn merge_file(base: &Path, ours: &Path, theirs: &Path) -> Result<(), Failure> {
    let (base_file, ours_file, theirs_file) = (read(base)?, read(ours)?, read(theirs)?);
    let merged = merge::files(Some(&base_file), &ours_file, &theirs_file);
    let text = store::serialize(&merged);
    let access = std::fs::metadata(ours).map_or(Access::Private, |m| Access::Same(m.permissions()));
    files::write_atomic(ours, access, |out| {
        std::io::Write::write_all(out, text.as_bytes())
    })
    .map_err(|e| Failure::Runtime(format!("cannot write {}: {e}", ours.display())))
}

/// `roadmap merge FILE`: merges another copy of the progress into the
/// current one, entry by entry, by each entry's time.
pub fn merge(ctx: &Context, other: &Path) -> Result<(), Failure> {
    let incoming = read(other)?;
    let mut store = Store::read(&ctx.dir()?)?;
    let before = store.file().clone();
    let ours = merge::files(None, &before, &incoming);
    let committed = store
        .commit(&ours)
        .map_err(|e| Failure::Runtime(format!("not saved: {}", describe_save_error(&e))))?;
    let changes: usize = committed
        .file
        .roadmaps
        .iter()
        .map(|(id, after)| {
            merge::changes(&before.roadmaps.get(id).cloned().unwrap_or_default(), after)
        })
        .sum();
    let mut out = Out::new();
    if changes == 0 {
        out.plain(&format!(
            "Nothing new: {} already holds everything in {}.",
            store.path().display(),
            other.display()
        ));
    } else {
        let s = if changes == 1 { "" } else { "s" };
        out.plain(&format!(
            "Merged {} into {}: {changes} change{s}.",
            other.display(),
            store.path().display()
        ));
    }
    out.newline();
    if store::conflict_copies(store.dir())
        .iter()
        .any(|c| same_file(c, other))
    {
        out.dim(&format!("{} can be deleted now.", other.display()))
            .newline();
    }
    out.flush()
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
