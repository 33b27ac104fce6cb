//! Writing a pack: the TOML files of `content/README.md`'s format, checked
//! by loading them back, then moved into place in one rename.

use std::fs;
use std::path::{Path, PathBuf};

use toml_writer::{TomlStringBuilder, TomlWrite};

use super::ImportError;
use crate::content::{self, ChecklistItem, Counts, Roadmap, RoadmapParts, Source, Stage};

/// The first words of a pack an importer wrote; `--force` replaces only such a pack.
pub const WRITTEN_BY: &str = "# Written by `roadmap import";

/// What a pack written by an importer holds at its top.
const PACK_ENTRIES: &[&str] = &[
    "roadmap.toml",
    "stages",
    "tips.toml",
    "staying-current.toml",
];

/// Writes `parts` as a pack in `out`, which must be new or empty unless
/// `force` is set and it holds a pack an importer wrote. `how` names the
/// command and its input, for the header (`markdown guide.md`).
pub fn write_pack(
    parts: RoadmapParts,
    out: &Path,
    force: bool,
    how: &str,
) -> Result<Counts, ImportError> {
    let replace = check_output(out, force)?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| io_error("create", &parent, &e))?;
    let staging = tempfile::Builder::new()
        .prefix(".roadmap-import-")
        .tempdir_in(&parent)
        .map_err(|e| io_error("create a directory in", &parent, &e))?;
    let roadmap = Roadmap::new(parts);
    for (rel, text) in files(&roadmap, how) {
        let path = staging.path().join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| io_error("create", dir, &e))?;
        }
        fs::write(&path, text).map_err(|e| io_error("write", &path, &e))?;
    }
    let loaded = content::load(&Source::Dir(staging.path().to_path_buf())).map_err(|e| {
        ImportError::Input(format!(
            "the imported pack does not load (please report this):\n{e}"
        ))
    })?;
    let counts = loaded.counts();
    move_into_place(&staging.keep(), out, replace)?;
    Ok(counts)
}

/// Whether `out` holds a pack to replace; an error if it may not be written.
fn check_output(out: &Path, force: bool) -> Result<bool, ImportError> {
    let shown = out.display();
    let entries = match fs::read_dir(out) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(_) if out.exists() && !out.is_dir() => {
            return Err(ImportError::Input(format!("{shown} is not a directory")));
        }
        Err(e) => return Err(io_error("read", out, &e)),
    };
    let names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    if names.is_empty() {
        return Ok(false);
    }
    if !force {
        return Err(ImportError::Input(format!(
            "{shown} is not empty; nothing was written. Import into a new directory, \
             or pass --force to replace a pack an import wrote there"
        )));
    }
    let ours = names.iter().all(|n| PACK_ENTRIES.contains(&n.as_str()))
        && fs::read_to_string(out.join("roadmap.toml")).is_ok_and(|t| t.starts_with(WRITTEN_BY));
    if !ours {
        return Err(ImportError::Input(format!(
            "{shown} holds files an import did not write; --force only replaces a pack \
             written by `roadmap import`, so nothing was touched"
        )));
    }
    Ok(true)
}

fn move_into_place(staging: &Path, out: &Path, replace: bool) -> Result<(), ImportError> {
    let result = (|| {
        if replace {
            fs::remove_dir_all(out).map_err(|e| io_error("remove the old pack in", out, &e))?;
        } else if out.is_dir() {
            // An empty directory: rename cannot replace it everywhere.
            fs::remove_dir(out).map_err(|e| io_error("replace", out, &e))?;
        }
        fs::rename(staging, out).map_err(|e| io_error("move the pack to", out, &e))
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(staging);
    }
    result
}

fn io_error(what: &str, path: &Path, e: &std::io::Error) -> ImportError {
    ImportError::Io(format!("cannot {what} {}: {e}", path.display()))
}

/// The pack's files: path inside the pack, text.
fn files(roadmap: &Roadmap, how: &str) -> Vec<(String, String)> {
    let mut files = vec![("roadmap.toml".to_string(), roadmap_file(roadmap, how))];
    let width = roadmap.stages.len().to_string().len().max(2);
    for (n, stage) in roadmap.stages.iter().enumerate() {
        let name = format!("stages/{:0width$}-{}.toml", n + 1, stage.id);
        files.push((name, stage_file(stage)));
    }
    if !roadmap.tips.is_empty() {
        let mut out = String::new();
        opt(&mut out, "title", roadmap.tips_title.as_deref());
        for tip in &roadmap.tips {
            out.push_str("\n[[tip]]\n");
            field(&mut out, "id", &tip.id);
            field(&mut out, "title", &tip.title);
            field(&mut out, "body", &tip.body);
        }
        files.push(("tips.toml".into(), out));
    }
    if !roadmap.strategies.is_empty() {
        let mut out = String::new();
        opt(&mut out, "title", roadmap.strategies_title.as_deref());
        for s in &roadmap.strategies {
            out.push_str("\n[[strategy]]\n");
            field(&mut out, "id", &s.id);
            field(&mut out, "name", &s.name);
            field(&mut out, "time", &s.time);
            field(&mut out, "value", &s.value);
            opt(&mut out, "note", s.note.as_deref());
        }
        files.push(("staying-current.toml".into(), out));
    }
    files
}

fn roadmap_file(roadmap: &Roadmap, how: &str) -> String {
    let mut out = format!(
        "{WRITTEN_BY} {}`.\n# Edit it freely; importing again with --force replaces it.\n",
        crate::text::clean_one_line(how)
    );
    field(&mut out, "id", &roadmap.id);
    field(&mut out, "title", &roadmap.title);
    opt(&mut out, "subtitle", roadmap.subtitle.as_deref());
    opt(&mut out, "intro", roadmap.intro.as_deref());
    opt(&mut out, "final_thought", roadmap.final_thought.as_deref());
    out
}

fn stage_file(stage: &Stage) -> String {
    let mut out = String::new();
    field(&mut out, "id", &stage.id);
    field(&mut out, "title", &stage.title);
    opt(&mut out, "span", stage.span.as_deref());
    opt(&mut out, "summary", stage.summary.as_deref());
    for skill in &stage.skills {
        out.push_str("\n[[skill]]\n");
        field(&mut out, "id", &skill.id);
        field(&mut out, "title", &skill.title);
        opt(&mut out, "body", skill.body.as_deref());
        if !skill.items.is_empty() {
            out.push_str("items = [\n");
            for item in &skill.items {
                out.push_str("  ");
                checklist_item(&mut out, item);
                out.push_str(",\n");
            }
            out.push_str("]\n");
        }
        if !skill.links.is_empty() {
            out.push_str("links = [\n");
            for link in &skill.links {
                out.push_str("  { title = ");
                string(&mut out, &link.title);
                out.push_str(", url = ");
                string(&mut out, &link.url);
                out.push_str(" },\n");
            }
            out.push_str("]\n");
        }
    }
    out
}

/// A plain string when the loader derives the same id from the text, else `{ id, text }`.
fn checklist_item(out: &mut String, item: &ChecklistItem) {
    if content::ids::slugify(&item.text, "item") == item.id {
        string(out, &item.text);
    } else {
        out.push_str("{ id = ");
        string(out, &item.id);
        out.push_str(", text = ");
        string(out, &item.text);
        out.push_str(" }");
    }
}

fn field(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = ");
    string(out, value);
    out.push('\n');
}

fn opt(out: &mut String, key: &str, value: Option<&str>) {
    if let Some(value) = value {
        field(out, key, value);
    }
}

fn string(out: &mut String, value: &str) {
    // `fmt::Write` into a String cannot fail.
    let _ = out.value(TomlStringBuilder::new(value).as_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped_parts() -> RoadmapParts {
        let r = content::load(&Source::Embedded).expect("the shipped roadmap loads");
        RoadmapParts {
            id: r.id,
            title: r.title,
            subtitle: r.subtitle,
            intro: r.intro,
            final_thought: r.final_thought,
            stages: r.stages,
            tips_title: r.tips_title,
            tips: r.tips,
            strategies_title: r.strategies_title,
            strategies: r.strategies,
        }
    }

    #[test]
    fn a_written_pack_loads_back_as_the_same_roadmap() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("pack");
        let counts = write_pack(shipped_parts(), &out, false, "test").unwrap();
        let shipped = content::load(&Source::Embedded).unwrap();
        assert_eq!(counts, shipped.counts());
        assert_eq!(content::load(&Source::Dir(out)).unwrap(), shipped);
    }

    #[test]
    fn a_non_empty_directory_is_refused_and_left_alone() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("mine.txt"), "keep me").unwrap();
        let err = write_pack(shipped_parts(), tmp.path(), false, "test").unwrap_err();
        assert!(err.to_string().contains("not empty"), "{err}");
        let err = write_pack(shipped_parts(), tmp.path(), true, "test").unwrap_err();
        assert!(err.to_string().contains("did not write"), "{err}");
        assert_eq!(
            fs::read_to_string(tmp.path().join("mine.txt")).unwrap(),
            "keep me"
        );
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn force_replaces_a_pack_an_import_wrote() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("pack");
        write_pack(shipped_parts(), &out, false, "test").unwrap();
        let mut smaller = shipped_parts();
        smaller.stages.truncate(1);
        assert!(write_pack(smaller.clone(), &out, false, "test").is_err());
        let counts = write_pack(smaller, &out, true, "test").unwrap();
        assert_eq!(counts.stages, 1);
        assert_eq!(fs::read_dir(out.join("stages")).unwrap().count(), 1);
    }
}
