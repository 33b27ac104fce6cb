//! A quick look at a big progress file, enough for the first frame: every
//! skill's status (for the counts) read line by line, and the entries of the
//! skills on screen (the first stage's) and the focus parsed in full. It
//! takes a few milliseconds where parsing 10,000 entries takes tens.
//!
//! Like the content preview it goes with, it is replaced by the real parse
//! as soon as that is in, and is `None` whenever the file is not laid out
//! the way roadmap writes it (the caller then parses it in full).
//!
//! Two steps, so the first can run while the content is looked at: [`split`]
//! the file into its tables, then [`Split::preview`] one roadmap's progress.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::stats::{Stats, Tally};
use super::{RoadmapProgress, Status};
use crate::content::load::{MultiLine, for_each_header, key_value, string_value};

/// The first frame's progress: the first stage's skills and the focus, and
/// the counts of every stage.
pub struct Preview {
    pub progress: RoadmapProgress,
    pub stats: Stats,
}

/// A span of the progress file (which is at most 64 MiB: `u32` offsets keep
/// the table list small).
#[derive(Clone, Copy)]
struct Span(u32, u32);

impl Span {
    fn of(range: Range<usize>) -> Span {
        // The file is at most MAX_PROGRESS_BYTES long.
        Span(range.start as u32, range.end as u32)
    }

    fn range(self) -> Range<usize> {
        self.0 as usize..self.1 as usize
    }
}

/// What one table of the progress file is.
#[derive(Clone, Copy)]
enum Kind {
    /// Text before the first table: the file's own keys (`version`).
    Top,
    /// `[roadmaps.<id>]` or `[roadmaps.<id>.focus]`.
    Roadmap,
    /// `[roadmaps.<id>.skills.<skill>]`, with the status it sets.
    Skill { skill: Span, status: Status },
    /// A table inside a skill's: its ticks or draft.
    SkillPart { skill: Span },
    /// Past focuses: not on the first frame.
    Other,
}

struct Table {
    /// From the header line to the next header.
    text: Span,
    /// The roadmap it belongs to (empty for `Top`).
    roadmap: Span,
    kind: Kind,
}

/// A progress file cut into its tables.
pub struct Split {
    path: PathBuf,
    text: String,
    tables: Vec<Table>,
}

/// Reads and splits the progress file at `path` (no file: no progress), or
/// `None` if it cannot be read or holds a table roadmap does not write.
pub fn split(path: &Path) -> Option<Split> {
    let mut buffer = Vec::new();
    let at = match crate::read::into(path, &mut buffer, super::store::MAX_PROGRESS_BYTES) {
        Some(at) => at,
        None if !path.exists() => 0..0,
        None => return None,
    };
    // The bytes moved to the buffer's start (they were read to an aligned
    // offset), to be checked once and kept as text.
    buffer.truncate(at.end);
    buffer.drain(..at.start);
    let owned = String::from_utf8(buffer).ok()?;
    let text = owned.as_str();
    let b = text.as_bytes();
    // About one table per 100 bytes in files roadmap writes.
    let mut tables = Vec::with_capacity(b.len() / 96);
    let mut start = 0;
    // Where the current table's keys start (after its header line).
    let mut body = 0;
    let mut kind = Kind::Top;
    let mut roadmap = Span(0, 0);
    // A skill's status is read once its table's end is known.
    let close = |kind: Kind, body: Range<usize>| -> Option<Kind> {
        Some(match kind {
            Kind::Skill { skill, .. } => Kind::Skill {
                skill,
                status: status_of(&text[body])?,
            },
            other => other,
        })
    };
    let mut plain = true;
    for_each_header(b, |at| {
        let line_end = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |n| at + n);
        // Outside multi-line strings (where a note's `[x] done` is text), a
        // line starting with `[` is a header: one roadmap writes, or no preview.
        let Some((next_roadmap, next_kind)) = classify(text, at..line_end) else {
            plain = false;
            return false;
        };
        let Some(closed) = close(kind, body..at) else {
            plain = false;
            return false;
        };
        tables.push(Table {
            text: Span::of(start..at),
            roadmap,
            kind: closed,
        });
        (roadmap, kind) = (next_roadmap, next_kind);
        start = at;
        body = line_end.min(b.len());
        true
    });
    if !plain {
        return None;
    }
    tables.push(Table {
        text: Span::of(start..b.len()),
        roadmap,
        kind: close(kind, body..b.len())?,
    });
    Some(Split {
        path: path.to_path_buf(),
        text: owned,
        tables,
    })
}

/// What the table whose header is at `header` is: its roadmap and kind, or
/// `None` for a header roadmap does not write.
fn classify(text: &str, header: Range<usize>) -> Option<(Span, Kind)> {
    let line = text[header.clone()].trim_end();
    let (array, inner, inner_at) = match line.strip_prefix("[[") {
        Some(rest) => (true, rest.strip_suffix("]]")?, header.start + 2),
        None => (
            false,
            line.strip_prefix('[')?.strip_suffix(']')?,
            header.start + 1,
        ),
    };
    // Up to five bare keys, as offsets into `text`.
    let mut parts = [0..0, 0..0, 0..0, 0..0, 0..0];
    let mut n = 0;
    let mut from = inner_at;
    let bytes = inner.as_bytes();
    // Checked in one pass without early exits, then cut at the dots.
    let bare = |b: u8| {
        (b | 0x20).wrapping_sub(b'a') < 26 || b.wrapping_sub(b'0') < 10 || b == b'-' || b == b'_'
    };
    if !bytes
        .iter()
        .fold(true, |ok, &b| ok & (bare(b) | (b == b'.')))
    {
        return None;
    }
    for dot in memchr::memchr_iter(b'.', bytes).chain([bytes.len()]) {
        let end = inner_at + dot;
        if n == parts.len() || end == from {
            return None;
        }
        parts[n] = from..end;
        n += 1;
        from = end + 1;
    }
    let name = |i: usize| &text[parts[i].clone()];
    if n < 2 || name(0) != "roadmaps" {
        return None;
    }
    let roadmap = Span::of(parts[1].clone());
    let kind = match (n, array) {
        (2, false) => Kind::Roadmap,
        (3, false) if name(2) == "focus" => Kind::Roadmap,
        (3, true) if name(2) == "focus_history" => Kind::Other,
        (4, false) if name(2) == "skills" => Kind::Skill {
            skill: Span::of(parts[3].clone()),
            // Read by `split` once the table's end is known.
            status: Status::Todo,
        },
        (5.., _) if name(2) == "skills" => Kind::SkillPart {
            skill: Span::of(parts[3].clone()),
        },
        _ => return None,
    };
    Some((roadmap, kind))
}

/// The `status = "..."` among a skill table's keys (`body`; todo if it has
/// none), or `None` if it is not one this can read. Lines inside a
/// multi-line string (a note) are text, whatever they look like; a quoted
/// key has the table parsed in full instead.
fn status_of(body: &str) -> Option<Status> {
    // As roadmap writes it: the status first (no string can be open before it).
    let first = body.trim_start().split('\n').next().unwrap_or("");
    if let Some(value) = key_value(first, "status") {
        return Status::parse(&string_value(value)?);
    }
    let bytes = body.as_bytes();
    let mut strings = MultiLine::new(bytes);
    let mut start = 0;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |n| start + n);
        if !strings.inside(start) {
            let line = body[start..end].trim_start();
            if let Some(value) = key_value(line, "status") {
                return Status::parse(&string_value(value)?);
            }
            if line.starts_with(['"', '\'']) {
                let table = toml::de::DeTable::parse(body).ok()?;
                return match table.get_ref().get("status").map(|v| v.get_ref()) {
                    None => Some(Status::Todo),
                    Some(toml::de::DeValue::String(s)) => Status::parse(s),
                    Some(_) => None,
                };
            }
        }
        start = end + 1;
    }
    Some(Status::Todo)
}

impl Split {
    /// The progress of the roadmap `roadmap_id`, whose stages hold the
    /// skills `stages` (ids, in order).
    pub fn preview(&self, roadmap_id: &str, stages: &[Vec<String>]) -> Option<Preview> {
        let mut stats = Stats {
            stages: stages
                .iter()
                .map(|ids| Tally {
                    total: ids.len(),
                    ..Tally::default()
                })
                .collect(),
            overall: Tally::default(),
        };
        stats.overall.total = stats.stages.iter().map(|t| t.total).sum();
        let text = self.text.as_str();
        let mine = |table: &Table| text[table.roadmap.range()] == *roadmap_id;
        let mut stage_of: HashMap<&str, usize, foldhash::fast::FixedState> = HashMap::default();
        // Without skill tables (a first start) there is nothing to look up.
        if self
            .tables
            .iter()
            .any(|t| matches!(t.kind, Kind::Skill { .. } | Kind::SkillPart { .. }) && mine(t))
        {
            stage_of.reserve(stats.overall.total);
            for (i, ids) in stages.iter().enumerate() {
                stage_of.extend(ids.iter().map(|id| (id.as_str(), i)));
            }
        }
        let mut kept = String::with_capacity(16 * 1024);
        for table in &self.tables {
            if !matches!(table.kind, Kind::Top) && !mine(table) {
                continue;
            }
            let stage = |skill: &Span| stage_of.get(&text[skill.range()]).copied();
            let keep = match &table.kind {
                Kind::Top | Kind::Roadmap => true,
                Kind::Other => false,
                Kind::Skill { skill, status } => match stage(skill) {
                    Some(0) => true,
                    Some(i) => {
                        stats.changed(i, Status::Todo, *status);
                        false
                    }
                    // Progress of a skill the roadmap no longer has is not counted.
                    None => false,
                },
                Kind::SkillPart { skill } => stage(skill) == Some(0),
            };
            if keep {
                kept.push_str(&text[table.text.range()]);
            }
        }
        if kept.trim().is_empty() {
            return Some(Preview {
                progress: RoadmapProgress::default(),
                stats,
            });
        }
        let mut file = super::store::parse(&self.path, kept.as_bytes()).ok()?;
        let mut progress = file.roadmaps.remove(roadmap_id).unwrap_or_default();
        // Skills set another way (dotted keys in a kept table) would be
        // missing from the counts: not the plain layout.
        if progress
            .skills
            .keys()
            .any(|id| stage_of.get(id.as_str()) != Some(&0))
        {
            return None;
        }
        for skill in progress.skills.values_mut() {
            stats.changed(0, Status::Todo, skill.status);
            // As in a snapshot: a draft is offered once everything is loaded.
            skill.draft = None;
        }
        progress.focus_history.clear();
        Some(Preview { progress, stats })
    }
}
