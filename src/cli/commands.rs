//! The non-interactive commands: check, status, export, set a status, note, list.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::output::{Out, write_stdout};
use super::{Failure, Format, StatusArg};
use crate::content::{self, Roadmap, SkillRef, Source};
use crate::files::{self, Access};
use crate::progress::stats::{Stats, Tally};
use crate::progress::store::{self, SaveError, Store};
use crate::progress::{RoadmapProgress, Status};
use crate::time::Stamp;

/// The global options every command shares.
pub struct Context {
    pub content: Option<PathBuf>,
    pub pack: Option<String>,
    pub data_dir: Option<PathBuf>,
}

impl Context {
    pub fn roadmap(&self) -> Result<Roadmap, Failure> {
        Ok(crate::content::load(&super::packs::source(self)?)?)
    }

    pub fn dir(&self) -> Result<PathBuf, Failure> {
        Ok(store::data_dir(self.data_dir.clone())?)
    }

    /// The progress as it is on disk now.
    pub fn read(&self) -> Result<Store, Failure> {
        Ok(Store::read(&self.dir()?)?)
    }
}

pub fn check(source: &Source) -> Result<(), Failure> {
    let roadmap = content::load(source)?;
    write_stdout(&format!("{}\n", roadmap.counts()))
}

/// A skill by id, or a usage error suggesting the closest ids.
pub fn find_skill(roadmap: &Roadmap, id: &str) -> Result<SkillRef, Failure> {
    if let Some(at) = roadmap.find_skill(id) {
        return Ok(at);
    }
    let mut close: Vec<(f64, &str)> = roadmap
        .skill_ids()
        .map(|known| (strsim::jaro_winkler(id, known), known))
        .filter(|(score, _)| *score >= 0.75)
        .collect();
    close.sort_by(|a, b| b.0.total_cmp(&a.0));
    let names: Vec<String> = close
        .iter()
        .take(3)
        .map(|(_, k)| format!("`{k}`"))
        .collect();
    let hint = match names.len() {
        0 => "`roadmap list` shows every skill id".to_string(),
        1 => format!("did you mean {}?", names[0]),
        _ => format!("did you mean one of {}?", names.join(", ")),
    };
    Err(Failure::Usage(format!("unknown skill `{id}`; {hint}")))
}

/// Sets the status of every skill in `ids`: all of them, or (with an
/// unknown id) none of them.
pub fn set_status(ctx: &Context, ids: &[String], status: Status) -> Result<(), Failure> {
    let roadmap = ctx.roadmap()?;
    let skills = ids
        .iter()
        .map(|id| find_skill(&roadmap, id).map(|at| roadmap.skill(at)))
        .collect::<Result<Vec<_>, _>>()?;
    let mut store = ctx.read()?;
    let mut progress = store.roadmap(&roadmap.id);
    let now = Stamp::now();
    let mut changed = false;
    for skill in &skills {
        changed |= progress.set_status(&skill.id, status, now);
    }
    if changed {
        save(&mut store, &roadmap, &progress)?;
    }
    let mut out = Out::new();
    for skill in skills {
        out.bold(&skill.title)
            .plain(": ")
            .green(status.as_str())
            .newline();
    }
    out.flush()
}

/// What a command that changes one skill starts from: the roadmap, the
/// skill (by id, or a usage error suggesting the closest), the store and
/// the roadmap's progress in it.
pub fn one_skill(
    ctx: &Context,
    id: &str,
) -> Result<(Roadmap, SkillRef, Store, RoadmapProgress), Failure> {
    let roadmap = ctx.roadmap()?;
    let at = find_skill(&roadmap, id)?;
    let store = ctx.read()?;
    let progress = store.roadmap(&roadmap.id);
    Ok((roadmap, at, store, progress))
}

/// Saves a command's change: merged with what is on disk, as every save is.
pub fn save(
    store: &mut Store,
    roadmap: &Roadmap,
    progress: &RoadmapProgress,
) -> Result<(), Failure> {
    let ours = store.file().with(&roadmap.id, progress);
    store
        .commit(&ours)
        .map(|_| ())
        .map_err(|e| Failure::Runtime(format!("not saved: {}", describe_save_error(&e))))
}

/// A failed save in words, saying where the changes wait, if they do.
pub fn describe_save_error(e: &SaveError) -> String {
    match e {
        SaveError::Unreadable {
            error,
            kept: Ok(pending),
        } => format!(
            "{error}\nThe changes are kept in {} and merged in once the file reads again.",
            pending.display()
        ),
        SaveError::Unreadable {
            error,
            kept: Err(_),
        } => error.clone(),
        SaveError::Failed(why) => why.clone(),
    }
}

pub fn note(ctx: &Context, id: &str, append: Option<String>) -> Result<(), Failure> {
    let (roadmap, at, mut store, mut progress) = one_skill(ctx, id)?;
    let skill_id = roadmap.skill(at).id.clone();
    let changed = if let Some(line) = append {
        progress.append_note(&skill_id, &line, Stamp::now())
    } else {
        // No editor is the environment's doing, not a usage error.
        crate::editor::editor_command().map_err(Failure::Runtime)?;
        let text = crate::editor::edit_text(progress.note(&skill_id), &skill_id)
            .map_err(Failure::Runtime)?;
        progress.set_note(&skill_id, &text, Stamp::now())
    };
    if changed {
        save(&mut store, &roadmap, &progress)?;
    }
    let mut out = Out::new();
    let title = &roadmap.skill(at).title;
    out.bold(title).plain(if changed {
        ": note saved"
    } else {
        ": note unchanged"
    });
    out.newline().flush()
}

pub fn list(ctx: &Context, filter: Option<StatusArg>) -> Result<(), Failure> {
    let roadmap = ctx.roadmap()?;
    let progress = ctx.read()?.roadmap(&roadmap.id);
    let wanted = filter.map(|s| match s {
        StatusArg::Todo => Status::Todo,
        StatusArg::InProgress => Status::InProgress,
        StatusArg::Done => Status::Done,
        StatusArg::Skipped => Status::Skipped,
    });
    let mut out = Out::new();
    for (_, skill) in roadmap.skills() {
        let status = progress.status(&skill.id);
        if wanted.is_some_and(|w| w != status) {
            continue;
        }
        // Fields cleaned one by one (a tab inside would become spaces), joined by tabs.
        let title = crate::text::clean_line(&skill.title);
        out.safe(&format!("{}\t{}\t{title}", skill.id, status.as_str()));
        out.newline();
    }
    out.flush()
}

pub fn export(ctx: &Context, format: Format, output: Option<PathBuf>) -> Result<(), Failure> {
    let roadmap = ctx.roadmap()?;
    let progress = ctx.read()?.roadmap(&roadmap.id);
    let text = match format {
        Format::Json => format!("{}\n", crate::export::json(&roadmap, &progress)),
        Format::Md => format!(
            "{}\n",
            crate::export::markdown(&roadmap, &progress, &crate::time::local_time_zone())
        ),
    };
    match output {
        None => write_stdout(&text),
        Some(path) => write_file(&path, &text),
    }
}

/// Writes an export where `-o` says. A regular file (or a link to one) is
/// replaced atomically and keeps its mode; a new file gets the usual mode
/// for new files (0666 less the umask); a pipe, a device or `/dev/stdout`
/// is written into, never replaced.
fn write_file(path: &Path, text: &str) -> Result<(), Failure> {
    write_export(path, text.as_bytes()).map_err(|e| {
        // The message, not the temporary file's path inside the error.
        let reason = match e.kind() {
            std::io::ErrorKind::NotFound => "no such directory".to_string(),
            _ => e.raw_os_error().map_or_else(
                || e.kind().to_string(),
                |code| std::io::Error::from_raw_os_error(code).to_string(),
            ),
        };
        Failure::Runtime(format!("cannot write {}: {reason}", path.display()))
    })
}

fn write_export(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let existing = match std::fs::metadata(path) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let Some(meta) = existing else {
        return files::write_atomic(path, Access::Usual, |out| out.write_all(bytes));
    };
    if meta.is_dir() {
        return Err(std::io::Error::from(std::io::ErrorKind::IsADirectory));
    }
    if !meta.is_file() {
        let mut out = std::fs::OpenOptions::new().write(true).open(path)?;
        return out.write_all(bytes).and_then(|()| out.flush());
    }
    // Through a symbolic link, the file it names is the one replaced.
    let target = std::fs::canonicalize(path)?;
    files::write_atomic(&target, Access::Same(meta.permissions()), |out| {
        out.write_all(bytes)
    })
}

#[derive(Serialize)]
struct StatusJson<'a> {
    roadmap: RoadmapId<'a>,
    stages: Vec<StageStatus<'a>>,
    overall: Counts,
    focus: Option<FocusJson<'a>>,
    orphaned: usize,
    /// Sync tools' conflicting copies of progress.toml beside it.
    conflict_copies: Vec<String>,
}

#[derive(Serialize)]
struct RoadmapId<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct StageStatus<'a> {
    id: &'a str,
    title: &'a str,
    span: Option<&'a str>,
    #[serde(flatten)]
    counts: Counts,
}

#[derive(Serialize)]
struct Counts {
    total: usize,
    done: usize,
    in_progress: usize,
    skipped: usize,
    percent: usize,
}

impl From<Tally> for Counts {
    fn from(t: Tally) -> Self {
        Counts {
            total: t.total,
            done: t.done,
            in_progress: t.in_progress,
            skipped: t.skipped,
            percent: t.percent(),
        }
    }
}

#[derive(Serialize)]
struct FocusJson<'a> {
    skill: &'a str,
    title: Option<&'a str>,
    since: String,
}

pub fn status(ctx: &Context, json: bool) -> Result<(), Failure> {
    let roadmap = ctx.roadmap()?;
    let store = ctx.read()?;
    let progress = store.roadmap(&roadmap.id);
    let stats = Stats::count(&roadmap, &progress);
    let orphaned = progress.orphans(&roadmap).total();
    let conflicts = store::conflict_copies(store.dir());
    if json {
        return status_json(&roadmap, &progress, &stats, orphaned, &conflicts);
    }
    let tz = crate::time::local_time_zone();
    let mut out = Out::new();
    out.bold(&roadmap.title).newline();
    let labels: Vec<String> = roadmap
        .stages
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let span = s
                .span
                .as_deref()
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            format!("{}. {}{span}", n + 1, crate::text::clean_line(&s.title))
        })
        .collect();
    let width = labels
        .iter()
        .map(|l| crate::text::width(l))
        .max()
        .unwrap_or(0);
    for (label, tally) in labels.iter().zip(&stats.stages) {
        let pad = " ".repeat(width - crate::text::width(label));
        out.plain(&format!("  {label}{pad}  "));
        bar(&mut out, tally);
        out.plain(&format!("  {}/{}", tally.done, tally.counted()))
            .newline();
    }
    let o = stats.overall;
    out.bold("Overall").plain(&format!(
        "  {}/{} done ({}%) · {} in progress · {} skipped",
        o.done,
        o.counted(),
        o.percent(),
        o.in_progress,
        o.skipped
    ));
    out.newline();
    match &progress.focus {
        Some(focus) => {
            let title = roadmap
                .find_skill(&focus.skill)
                .map_or("(no longer in the roadmap)", |at| {
                    roadmap.skill(at).title.as_str()
                });
            out.bold("Focus").plain(&format!(
                "    {title} ({}), since {}",
                focus.skill,
                focus.since.date(&tz)
            ));
        }
        None => {
            out.bold("Focus")
                .dim("    none (press f on a skill in the app to make it this quarter's focus)");
        }
    }
    out.newline();
    if orphaned > 0 {
        out.bold("Orphaned").plain(&format!(
            " {orphaned} orphaned entr{} (progress for skills or items no longer in the content; kept, and restored if they return)",
            if orphaned == 1 { "y" } else { "ies" }
        ));
        out.newline();
    }
    if !conflicts.is_empty() {
        out.bold("Conflicts").plain(&format!(
            " a sync tool left {} conflicting cop{} of progress.toml; `roadmap merge FILE` merges one in:",
            conflicts.len(),
            if conflicts.len() == 1 { "y" } else { "ies" }
        ));
        out.newline();
        for path in &conflicts {
            out.plain(&format!("  {}", path.display())).newline();
        }
    }
    out.flush()
}

fn bar(out: &mut Out, tally: &Tally) {
    const WIDTH: usize = 20;
    let filled = (tally.ratio() * WIDTH as f64).round() as usize;
    out.plain("[")
        .green(&"#".repeat(filled))
        .dim(&"-".repeat(WIDTH - filled))
        .plain("]");
}

fn status_json(
    roadmap: &Roadmap,
    progress: &RoadmapProgress,
    stats: &Stats,
    orphaned: usize,
    conflicts: &[PathBuf],
) -> Result<(), Failure> {
    let doc = StatusJson {
        roadmap: RoadmapId {
            id: &roadmap.id,
            title: &roadmap.title,
        },
        stages: roadmap
            .stages
            .iter()
            .zip(&stats.stages)
            .map(|(s, t)| StageStatus {
                id: &s.id,
                title: &s.title,
                span: s.span.as_deref(),
                counts: (*t).into(),
            })
            .collect(),
        overall: stats.overall.into(),
        focus: progress.focus.as_ref().map(|f| FocusJson {
            skill: &f.skill,
            title: roadmap
                .find_skill(&f.skill)
                .map(|at| roadmap.skill(at).title.as_str()),
            since: f.since.to_string(),
        }),
        orphaned,
        conflict_copies: conflicts.iter().map(|p| p.display().to_string()).collect(),
    };
    print_json(&doc)
}

/// Prints `doc` as pretty JSON for scripts, one document and a newline.
pub fn print_json<T: Serialize + ?Sized>(doc: &T) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(doc).map_err(|e| Failure::Runtime(e.to_string()))?;
    write_stdout(&format!("{}\n", crate::export::escape_json_extras(&text)))
}
