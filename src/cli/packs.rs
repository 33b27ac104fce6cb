//! The library of packs: `roadmap add`, `packs` and `remove`, and which pack
//! a run opens (`--content`, `--pack`, else the one last chosen in the app).

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Failure;
use super::commands::Context;
use super::output::write_stdout;
use crate::content::{self, Source};
use crate::import::{self, Existing};
use crate::packs::{self, PackError};

/// What a run opens: `--content DIR`, else `--pack ID`, else the pack last
/// chosen in the app's picker, else the shipped roadmap.
pub fn source(ctx: &Context) -> Result<Source, Failure> {
    if let Some(dir) = &ctx.content {
        return Ok(Source::Dir(dir.clone()));
    }
    if let Some(id) = &ctx.pack {
        return packs::source(&ctx.dir()?, id).map_err(failure);
    }
    // Without a data directory there is no choice to read: the shipped one.
    let Ok(data) = ctx.dir() else {
        return Ok(Source::Embedded);
    };
    Ok(packs::chosen(&data)
        .and_then(|id| packs::source(&data, &id).ok())
        .unwrap_or(Source::Embedded))
}

pub fn failure(e: PackError) -> Failure {
    match e {
        PackError::Unknown { .. } => Failure::Usage(e.to_string()),
        PackError::Io(m) => Failure::Runtime(m),
    }
}

/// `roadmap add DIR|FILE`: a pack, a Markdown guide or a roadmap.sh folder,
/// installed under `packs/<id>/` (replacing an older copy of it).
pub fn add(ctx: &Context, from: &Path) -> Result<(), Failure> {
    let data = ctx.dir()?;
    let kind = kind(from)?;
    let id = match &kind {
        Kind::Pack => content::load(&Source::Dir(from.to_path_buf()))?.id,
        Kind::Markdown(parts) | Kind::RoadmapSh(parts) => parts.id.clone(),
    };
    if id == packs::SHIPPED_ID {
        return Err(Failure::Usage(format!(
            "{} has the shipped roadmap's id {id:?}: give it an id of its own in roadmap.toml",
            from.display()
        )));
    }
    let out = packs::pack_dir(&data, &id);
    let replaced = out.exists();
    crate::files::create_private_dir(&data)
        .map_err(|e| Failure::Runtime(format!("cannot create {}: {e}", data.display())))?;
    let how = format!("add` from `{}", from.display());
    let roadmap = match kind {
        Kind::Pack => import::copy_pack(from, &out, Existing::Replace),
        Kind::Markdown(parts) | Kind::RoadmapSh(parts) => {
            import::write_pack(parts, &out, Existing::Replace, &how)
        }
    }
    .map_err(super::import::failure)?;
    let verb = if replaced { "Updated" } else { "Added" };
    let title = crate::text::clean_one_line(&roadmap.title).into_owned();
    write_stdout(&format!(
        "{verb} pack {id} ({title}): {}.\nOpen it with `roadmap --pack {id}`, or pick it in the app with P.\n",
        roadmap.counts()
    ))
}

enum Kind {
    Pack,
    Markdown(crate::content::RoadmapParts),
    RoadmapSh(crate::content::RoadmapParts),
}

/// What `from` is: a pack (it has roadmap.toml), a Markdown file, or a
/// roadmap.sh folder (it has `<folder>.json`).
fn kind(from: &Path) -> Result<Kind, Failure> {
    let shown = from.display();
    if from.is_file() {
        let md = from
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
        if !md {
            return Err(Failure::Usage(format!(
                "{shown}: add takes a pack directory, a Markdown guide (.md) or a roadmap.sh folder"
            )));
        }
        return Ok(Kind::Markdown(super::import::markdown_parts(from)?));
    }
    if !from.is_dir() {
        return Err(Failure::Usage(format!(
            "{shown}: no such file or directory"
        )));
    }
    if from.join(crate::content::load::ROADMAP_FILE).is_file() {
        return Ok(Kind::Pack);
    }
    let folder = from
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()));
    if folder.is_some_and(|name| from.join(format!("{name}.json")).is_file()) {
        eprintln!("note: {}", super::import::ROADMAP_SH_LICENCE);
        let parts = import::roadmap_sh::import(from).map_err(super::import::failure)?;
        return Ok(Kind::RoadmapSh(parts));
    }
    Err(Failure::Usage(format!(
        "{shown} is neither a pack (no roadmap.toml) nor a roadmap.sh roadmap folder \
         (no <folder>.json)"
    )))
}

#[derive(Serialize)]
struct PackJson<'a> {
    id: &'a str,
    title: &'a str,
    done: usize,
    total: usize,
    shipped: bool,
    open: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    problem: Option<&'a str>,
}

/// `roadmap packs`: every pack, with its progress and which one the app opens.
pub fn list(ctx: &Context, json: bool) -> Result<(), Failure> {
    let data = ctx.dir()?;
    let store = ctx.read()?;
    let open = packs::chosen(&data).unwrap_or_else(|| packs::SHIPPED_ID.to_string());
    let summaries = packs::summaries(&data, &store);
    if json {
        let rows: Vec<PackJson> = summaries
            .iter()
            .map(|p| PackJson {
                id: &p.id,
                title: &p.title,
                done: p.done,
                total: p.total,
                shipped: p.shipped,
                open: p.id == open,
                problem: p.problem.as_deref(),
            })
            .collect();
        return super::commands::print_json(&rows);
    }
    let mut out = String::new();
    for p in &summaries {
        let mut notes = Vec::new();
        if p.id == open {
            notes.push("opens in the app".to_string());
        }
        if p.shipped {
            notes.push("built in".to_string());
        }
        if let Some(problem) = &p.problem {
            notes.push(format!("does not load: {problem}"));
        }
        let one_line = |s: &str| crate::text::clean_one_line(s).replace('\t', " ");
        let line = format!(
            "{}\t{}\t{}/{} done\t{}",
            p.id,
            one_line(&p.title),
            p.done,
            p.total,
            one_line(&notes.join(", "))
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    write_stdout(&out)
}

/// `roadmap remove ID`: the pack goes, its progress stays.
pub fn remove(ctx: &Context, id: &str) -> Result<(), Failure> {
    if id == packs::SHIPPED_ID {
        return Err(Failure::Usage(format!(
            "{id} is the built-in roadmap; it cannot be removed"
        )));
    }
    let data = ctx.dir()?;
    packs::remove(&data, id).map_err(failure)?;
    write_stdout(&format!(
        "Removed pack {id}. Its progress stays in progress.toml: add the pack again to pick up where you left off.\n"
    ))
}

/// For `check` without a directory: what the run opens.
pub fn check_dir(ctx: &Context, dir: Option<PathBuf>) -> Result<Source, Failure> {
    match dir {
        Some(dir) => Ok(Source::Dir(dir)),
        None => source(ctx),
    }
}
