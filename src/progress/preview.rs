//! A quick look at a big progress file, enough for the first frame: every
//! skill's status (for the counts) read line by line, and the entries of the
//! skills on screen (the first stage's) and the focus parsed in full. It
//! takes a few milliseconds where parsing 10,000 entries takes tens.
//!
//! Like the content preview it goes with, it is replaced by the real parse
//! as soon as that is in, and is `None` whenever the file is not laid out
//! the way roadmap writes it (the caller then parses it in full).
//!
//! In steps, so they can run while the content is looked at: [`split`] the
//! file into its tables; then, once the roadmap's id is known,
//! [`Split::statuses`] for the counts and, once its first stage's skills
//! are, [`Split::first_stage`] for what is on screen.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::stats::Tally;
use super::{RoadmapProgress, Status};
use crate::content::load::{MultiLine, SkillIds, for_each_header, key_value, string_value};

/// A span of the progress file, or of [`Split`]'s names (the file is at
/// most 64 MiB: `u32` offsets keep the table list small).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
#[derive(Debug, Clone, Copy, PartialEq)]
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

#[derive(Debug, PartialEq)]
struct Table {
    /// From the header line to the next header, in the file.
    text: Span,
    /// The roadmap it belongs to, in the names (empty for `Top`).
    roadmap: Span,
    kind: Kind,
}

/// A progress file cut into its tables. Only the tables' places, kinds and
/// names are kept; the few tables the first frame shows are read again.
pub struct Split {
    path: PathBuf,
    /// The file, to read the tables kept for the first frame (`None`: no file).
    file: Option<std::fs::File>,
    /// The roadmap and skill ids the tables name, one after another.
    names: String,
    tables: Vec<Table>,
}

/// The file is read in pieces of about this size into one buffer, which
/// stays in the core's cache (a whole 1.7 MB file read at once took 0.8-1.7
/// ms, against 0.1-0.2 ms in pieces: the fresh memory's page faults).
const PIECE: usize = 64 * 1024;

/// A table being cut: where it starts in the file, where its keys start
/// (after its header line), and what it is.
struct Open {
    start: usize,
    body: usize,
    roadmap: Span,
    kind: Kind,
}

/// Reads and splits the progress file at `path` (no file: no progress), or
/// `None` if it cannot be read or holds a table roadmap does not write.
pub fn split(path: &Path) -> Option<Split> {
    split_in(path, PIECE)
}

/// [`split`], reading pieces of about `piece` bytes.
fn split_in(path: &Path, piece: usize) -> Option<Split> {
    let mut file = match crate::read::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Some(Split {
                path: path.to_path_buf(),
                file: None,
                names: String::new(),
                tables: Vec::new(),
            });
        }
        Err(_) => return None,
    };
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() > super::store::MAX_PROGRESS_BYTES {
        return None;
    }
    // About one table per 100 bytes in files roadmap writes.
    let mut tables = Vec::with_capacity(meta.len() as usize / 96 + 1);
    let mut names = String::with_capacity(meta.len() as usize / 96 * 12);
    // Zeroed once (by the allocator), filled and refilled: `filled` bytes
    // of it are the file's, from `base` on.
    let mut buffer = vec![0; 2 * piece];
    let mut filled = 0;
    // The file offset of `buffer[0]`, which is where the open table starts.
    let mut base = 0;
    let mut open = Open {
        start: 0,
        body: 0,
        roadmap: Span(0, 0),
        kind: Kind::Top,
    };
    loop {
        // A table longer than a piece (a long note) is read on in bigger
        // pieces, so it is looked at a few times, not once a piece.
        let want = piece.max(2 * filled);
        let end = fill(&mut file, &mut buffer, &mut filled, want)?;
        if base + filled > super::store::MAX_PROGRESS_BYTES as usize {
            return None;
        }
        // Whole lines only, until the end of the file.
        let limit = match end {
            true => filled,
            false => match memchr::memrchr(b'\n', &buffer[..filled]) {
                Some(nl) => nl + 1,
                None => continue,
            },
        };
        let text = std::str::from_utf8(&buffer[..limit]).ok()?;
        let b = text.as_bytes();
        let mut plain = true;
        for_each_header(b, |at| {
            // The open table's own header, read when it was first seen.
            if base + at == open.start && !matches!(open.kind, Kind::Top) {
                return true;
            }
            let line_end = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |n| at + n);
            // Outside multi-line strings (where a note's `[x] done` is text), a
            // line starting with `[` is a header: one roadmap writes, or no preview.
            let last = &names[open.roadmap.range()];
            let next = classify(&text[at..line_end], last).and_then(|(roadmap, kind)| {
                let closed = close(open.kind, &text[open.body - base..at])?;
                Some((roadmap, kind, closed))
            });
            let Some((roadmap, kind, closed)) = next else {
                plain = false;
                return false;
            };
            tables.push(Table {
                text: Span::of(open.start..base + at),
                roadmap: open.roadmap,
                kind: closed,
            });
            open = Open {
                start: base + at,
                body: base + line_end,
                roadmap: intern(&mut names, open.roadmap, roadmap),
                kind: kind.named(&mut names),
            };
            true
        });
        if !plain {
            return None;
        }
        if end {
            tables.push(Table {
                text: Span::of(open.start..base + b.len()),
                roadmap: open.roadmap,
                kind: close(open.kind, &text[(open.body - base).min(b.len())..])?,
            });
            return Some(Split {
                path: path.to_path_buf(),
                file: Some(file),
                names,
                tables,
            });
        }
        // The open table is read again with the next piece, whole.
        buffer.copy_within(open.start - base..filled, 0);
        filled -= open.start - base;
        base = open.start;
    }
}

/// Reads from `file` onto the `filled` bytes of `buffer` until there are
/// `want` or the file ends; returns whether it ended. (Read straight into
/// the buffer: `read_to_end` read in small steps, 100 calls for 1.7 MB.)
fn fill(
    file: &mut std::fs::File,
    buffer: &mut Vec<u8>,
    filled: &mut usize,
    want: usize,
) -> Option<bool> {
    use std::io::Read;
    let want = want.max(*filled + 1);
    if buffer.len() < want {
        buffer.resize(want, 0);
    }
    while *filled < want {
        let room = want - *filled;
        match file.read(&mut buffer[*filled..want]) {
            Ok(0) => return Some(true),
            Ok(n) => {
                *filled += n;
                // A regular file's read comes back short only at its end.
                if n < room {
                    return Some(true);
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    Some(false)
}

/// A table's kind once its status is read (its keys are `body`).
fn close(kind: Kind, body: &str) -> Option<Kind> {
    Some(match kind {
        Kind::Skill { skill, .. } => Kind::Skill {
            skill,
            status: status_of(body)?,
        },
        other => other,
    })
}

/// `name` among the names: where `last` is if it is the same (one roadmap
/// names every table), else added.
fn intern(names: &mut String, last: Span, name: &str) -> Span {
    if names.get(last.range()) == Some(name) {
        return last;
    }
    let start = names.len();
    names.push_str(name);
    Span::of(start..names.len())
}

/// What a header names, borrowed from its line until it is kept.
enum Header<'t> {
    Roadmap,
    Skill(&'t str),
    SkillPart(&'t str),
    Other,
}

impl Header<'_> {
    fn named(self, names: &mut String) -> Kind {
        let mut add = |skill: &str| intern(names, Span(0, 0), skill);
        match self {
            Header::Roadmap => Kind::Roadmap,
            Header::Skill(skill) => Kind::Skill {
                skill: add(skill),
                // Read by `split` once the table's end is known.
                status: Status::Todo,
            },
            Header::SkillPart(skill) => Kind::SkillPart { skill: add(skill) },
            Header::Other => Kind::Other,
        }
    }
}

/// What the table whose header is `line` is: its roadmap and what it
/// names, or `None` for a header roadmap does not write. `last` is the
/// roadmap the last header named, most likely this one's too.
fn classify<'l>(line: &'l str, last: &str) -> Option<(&'l str, Header<'l>)> {
    let line = line.trim_end();
    let (array, inner) = match line.strip_prefix("[[") {
        Some(rest) => (true, rest.strip_suffix("]]")?),
        None => (false, line.strip_prefix('[')?.strip_suffix(']')?),
    };
    // Most headers are a skill's of the same roadmap as the last one.
    let same = (!last.is_empty())
        .then(|| {
            inner
                .strip_prefix("roadmaps.")?
                .strip_prefix(last)?
                .strip_prefix(".skills.")
        })
        .flatten();
    if let Some(rest) = same
        && bare_or_dots(rest.as_bytes())
    {
        let roadmap = &inner["roadmaps.".len()..][..last.len()];
        // Short: looked through byte by byte.
        let dot = rest.bytes().position(|b| b == b'.');
        match dot.map(|at| rest.split_at(at)) {
            None if !array && !rest.is_empty() => return Some((roadmap, Header::Skill(rest))),
            Some((skill, part))
                if !skill.is_empty() && part.len() > 1 && !part[1..].contains('.') =>
            {
                return Some((roadmap, Header::SkillPart(skill)));
            }
            _ => {}
        }
    }
    if !bare_or_dots(inner.as_bytes()) {
        return None;
    }
    // Up to five bare keys.
    let mut parts = [""; 5];
    let mut n = 0;
    for part in inner.split('.') {
        if n == parts.len() || part.is_empty() {
            return None;
        }
        parts[n] = part;
        n += 1;
    }
    if n < 2 || parts[0] != "roadmaps" {
        return None;
    }
    let header = match (n, array) {
        (2, false) => Header::Roadmap,
        (3, false) if parts[2] == "focus" => Header::Roadmap,
        (3, true) if parts[2] == "focus_history" => Header::Other,
        (4, false) if parts[2] == "skills" => Header::Skill(parts[3]),
        (5, _) if parts[2] == "skills" => Header::SkillPart(parts[3]),
        _ => return None,
    };
    Some((parts[1], header))
}

/// Whether `bytes` are all bare-key characters or dots (checked in one
/// pass without early exits, which the compiler vectorises).
fn bare_or_dots(bytes: &[u8]) -> bool {
    bytes.iter().fold(true, |ok, &b| {
        ok & ((b | 0x20).wrapping_sub(b'a') < 26
            || b.wrapping_sub(b'0') < 10
            || b == b'-'
            || b == b'_'
            || b == b'.')
    })
}

/// The `status = "..."` among a skill table's keys (`body`; todo if it has
/// none), or `None` if it is not one this can read. Lines inside a
/// multi-line string (a note) are text, whatever they look like; a quoted
/// key has the table parsed in full instead.
fn status_of(body: &str) -> Option<Status> {
    // As roadmap writes it, on the line after the header (any other way,
    // an escape for one, is read below).
    if let Some(rest) = body.strip_prefix("\nstatus = \"")
        && let Some(end) = rest.bytes().take(12).position(|b| b == b'"')
        && matches!(rest.as_bytes().get(end + 1), None | Some(b'\n'))
        && let Some(status) = Status::parse(&rest[..end])
    {
        return Some(status);
    }
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

/// The status of every skill of one roadmap that has one, for the counts.
pub struct Statuses<'s>(HashMap<&'s str, Status, foldhash::fast::FixedState>);

impl Statuses<'_> {
    /// The counts of a stage holding the skills `ids`.
    pub fn tally(&self, ids: &SkillIds) -> Tally {
        let mut tally = Tally {
            total: ids.len(),
            ..Tally::default()
        };
        if !self.0.is_empty() {
            for status in ids.iter().filter_map(|id| self.0.get(id)) {
                tally.add(*status);
            }
        }
        tally
    }
}

impl Split {
    /// The statuses the roadmap `roadmap_id`'s skill tables set (a skill
    /// the roadmap no longer has is never asked for, so never counted).
    pub fn statuses(&self, roadmap_id: &str) -> Statuses<'_> {
        let names = self.names.as_str();
        let counted = |table: &&Table| {
            matches!(table.kind, Kind::Skill { status, .. } if status != Status::Todo)
                && names[table.roadmap.range()] == *roadmap_id
        };
        // Sized first: a map as big as the file's tables cost page faults.
        let n = self.tables.iter().filter(counted).count();
        let mut statuses = HashMap::with_capacity_and_hasher(n, Default::default());
        for table in self.tables.iter().filter(counted) {
            if let Kind::Skill { skill, status } = table.kind {
                statuses.insert(&names[skill.range()], status);
            }
        }
        Statuses(statuses)
    }

    /// The progress of the roadmap `roadmap_id` on the first frame: that
    /// of the skills `first` (the first stage's), and the focus. Read in
    /// full from the tables that hold it.
    pub fn first_stage(&self, roadmap_id: &str, first: &SkillIds) -> Option<RoadmapProgress> {
        let names = self.names.as_str();
        let first: HashSet<&str, foldhash::fast::FixedState> = first.iter().collect();
        let shown = |skill: &Span| first.contains(&names[skill.range()]);
        // The kept tables' places, next ones joined.
        let mut kept: Vec<Range<usize>> = Vec::new();
        for table in &self.tables {
            let keep = match &table.kind {
                Kind::Top => true,
                _ if names[table.roadmap.range()] != *roadmap_id => false,
                Kind::Roadmap => true,
                Kind::Other => false,
                Kind::Skill { skill, .. } | Kind::SkillPart { skill } => shown(skill),
            };
            match kept.last_mut() {
                Some(last) if keep && last.end == table.text.0 as usize => {
                    last.end = table.text.1 as usize;
                }
                _ if keep => kept.push(table.text.range()),
                _ => {}
            }
        }
        let kept = self.read(&kept)?;
        if kept.trim().is_empty() {
            return Some(RoadmapProgress::default());
        }
        let mut file = super::store::parse(&self.path, kept.as_bytes()).ok()?;
        let mut progress = file.roadmaps.remove(roadmap_id).unwrap_or_default();
        // Skills set another way (dotted keys in a kept table) would be
        // missing from the counts: not the plain layout.
        if progress
            .skills
            .keys()
            .any(|id| !first.contains(id.as_str()))
        {
            return None;
        }
        for skill in progress.skills.values_mut() {
            // As in a snapshot: a draft is offered once everything is loaded.
            skill.draft = None;
        }
        progress.focus_history.clear();
        Some(progress)
    }

    /// The text at `places` of the file, read again (through the same
    /// handle: a file replaced meanwhile, as roadmap saves, is not mixed in).
    fn read(&self, places: &[Range<usize>]) -> Option<String> {
        use std::os::unix::fs::FileExt;
        let Some(file) = &self.file else {
            return Some(String::new());
        };
        let mut bytes = vec![0; places.iter().map(|r| r.len()).sum()];
        let mut at = 0;
        for place in places {
            let into = &mut bytes[at..at + place.len()];
            file.read_exact_at(into, place.start as u64).ok()?;
            at += place.len();
        }
        String::from_utf8(bytes).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A progress file of the shapes roadmap writes: notes with lines that
    /// look like headers, quotes of every kind, a note longer than a piece.
    fn progress_text() -> String {
        let mut text = String::from(
            "version = 1\n\n[roadmaps.r]\n\n[roadmaps.r.focus]\nskill = \"s1\"\nsince = \"2026-11-01T00:00:00Z\"\n",
        );
        let long: String = (0..4000)
            .map(|i| format!("[x] line {i} \\\"\"\" [roadmaps.r.skills.z]\n"))
            .collect();
        let notes = [
            r#"""""
[x] done
[roadmaps.r.skills.fake]
status = "done""""""#
                .to_string(),
            r#"'"""'"#.to_string(),
            "'''\n[[skill]]\nit's\n'''".to_string(),
            format!("\"\"\"\n{long}\"\"\""),
            r#""a \"quote\" and \\""#.to_string(),
        ];
        for (i, note) in notes.iter().enumerate() {
            let status = ["done", "in-progress", "skipped", "todo"][i % 4];
            text.push_str(&format!(
                "\n[roadmaps.r.skills.s{i}]\nstatus = \"{status}\"\nnote = {note}\n\n[roadmaps.r.skills.s{i}.items]\nstep = {{ done = true }}\n"
            ));
        }
        text.push_str("\n[[roadmaps.r.focus_history]]\nskill = \"s0\"\n\n[roadmaps.other.skills.s0]\nnote = \"x\"\nstatus = \"done\"\n");
        text
    }

    #[test]
    fn the_pieces_a_file_is_read_in_do_not_change_its_split() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.toml");
        let text = progress_text();
        assert!(text.len() > 2 * PIECE, "a note longer than two pieces");
        toml::de::DeTable::parse(&text).expect("valid TOML");
        std::fs::write(&path, &text).unwrap();
        let whole = split_in(&path, text.len() + 1).expect("a plain file");
        // Top, the roadmap and its focus, two tables a skill, the history
        // and the other roadmap's skill.
        assert_eq!(whole.tables.len(), 15);
        let statuses: Vec<Status> = whole
            .tables
            .iter()
            .filter_map(|t| match t.kind {
                Kind::Skill { status, .. } => Some(status),
                _ => None,
            })
            .collect();
        use Status::*;
        assert_eq!(statuses, [Done, InProgress, Skipped, Todo, Done, Done]);
        let covered: usize = whole.tables.iter().map(|t| t.text.range().len()).sum();
        assert_eq!(covered, text.len(), "the tables cover the file");
        for piece in [1, 2, 3, 7, 16, 61, 64, 100, 1000, 4096, PIECE] {
            let split = split_in(&path, piece).expect("a plain file");
            assert_eq!(split.tables, whole.tables, "pieces of {piece}");
            assert_eq!(split.names, whole.names, "pieces of {piece}");
        }
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Progress files of headers, keys, quotes and line breaks in any order
    /// (most not valid TOML).
    fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("[roadmaps.r.skills.s]\n".to_string()),
            Just("[roadmaps.r.skills.s.items]\n".to_string()),
            Just("[roadmaps.r]\n".to_string()),
            Just("[[roadmaps.r.focus_history]]\n".to_string()),
            Just("status = \"done\"\n".to_string()),
            Just("note = \"\"\"\n".to_string()),
            Just("\"\"\"\n".to_string()),
            Just("'''".to_string()),
            Just("  [x] done\n".to_string()),
            "[a-z\\[\\]. =\"'#\\\\\n]{0,12}",
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(200)
        ))]

        #[test]
        fn any_file_splits_the_same_in_any_pieces_without_panicking(
            text in text(),
            piece in 1usize..80,
        ) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("progress.toml");
            std::fs::write(&path, &text).unwrap();
            let whole = split_in(&path, text.len() + 1).map(|s| (s.tables, s.names));
            let pieces = split_in(&path, piece).map(|s| (s.tables, s.names));
            prop_assert_eq!(whole, pieces);
        }
    }
}
