//! Reads a content pack (a directory, or the one built into the binary) and
//! validates it into a [`Roadmap`], or every problem found as diagnostics.

use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fs;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostics::{Diagnostic, FileDiagnostics, LoadError, line_col};
use super::ids::{is_slug, slugify};
use super::model::{ChecklistItem, Link, Roadmap, RoadmapParts, Skill, Stage, Strategy, Tip};
use super::schema::{Fields, tables, type_name};

/// A content file larger than this is refused rather than read.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// A pack with more stage files than this is refused.
pub const MAX_FILES: usize = 10_000;

pub const ROADMAP_FILE: &str = "roadmap.toml";
pub const STAGES_DIR: &str = "stages";
pub const TIPS_FILE: &str = "tips.toml";
pub const STRATEGIES_FILE: &str = "staying-current.toml";

/// Where a content pack comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The shipped roadmap, compiled into the binary.
    Embedded,
    Dir(PathBuf),
}

impl Source {
    pub fn describe(&self) -> String {
        match self {
            Source::Embedded => "the built-in roadmap".to_string(),
            Source::Dir(dir) => dir.display().to_string(),
        }
    }
}

/// Loads and validates a content pack.
pub fn load(source: &Source) -> Result<Roadmap, LoadError> {
    let mut diags = Vec::new();
    let pack = match source {
        Source::Embedded => RawPack::embedded(),
        Source::Dir(dir) => RawPack::read_dir(dir, &mut diags),
    };
    let roadmap = build(&pack, &mut diags);
    match roadmap {
        Some(roadmap) if diags.is_empty() => Ok(roadmap),
        _ => {
            sort_diagnostics(&mut diags);
            Err(LoadError { diagnostics: diags })
        }
    }
}

/// A quick look at a big pack, enough for the first frame: `roadmap.toml`
/// and the first stage file parsed in full; of every other stage file, its
/// own keys (everything before its first table) parsed, and its skills only
/// counted, with their ids (`id = "..."` read line by line). Built in a few
/// milliseconds where the full parse of 10,000 skills takes a tenth of a second.
///
/// It is a preview, replaced by [`load`]'s result as soon as that is in:
/// `None` whenever the pack is not laid out the plain way this reads
/// (the caller then loads it fully), and not a validation: only `load`
/// says whether the pack is valid. The work comes in pieces
/// ([`Skim::head`], [`Skim::stage`]) for threads to share.
pub struct Skim {
    dir: PathBuf,
    /// The stage files, in order (as the caller listed them).
    stages: Vec<PathBuf>,
}

impl Skim {
    /// The pack in `dir`, whose stage files are `stages`, in order.
    pub fn new(dir: &Path, stages: Vec<PathBuf>) -> Option<Skim> {
        (!stages.is_empty() && stages.len() <= MAX_FILES).then(|| Skim {
            dir: dir.to_path_buf(),
            stages,
        })
    }

    /// How many stage files there are.
    pub fn stages(&self) -> usize {
        self.stages.len()
    }

    /// The roadmap's own file, and the titles of tips and strategies.
    pub fn head(&self) -> Option<RoadmapParts> {
        preview_head(&self.dir)
    }

    /// Stage file `i`: in full if it is the first, else its own keys and
    /// skill ids. `buffer` is reused from file to file.
    pub fn stage(&self, i: usize, buffer: &mut Vec<u8>) -> Option<(Stage, SkillIds)> {
        skim_stage(&self.stages[i].display().to_string(), i == 0, buffer)
    }

    /// The roadmap with the first stage's skills (the other stages without
    /// theirs), from `head` and the `stages` in order.
    pub fn finish(head: RoadmapParts, stages: Vec<Stage>) -> Option<Roadmap> {
        let mut seen = std::collections::HashSet::new();
        if !stages.iter().all(|s| seen.insert(s.id.as_str())) {
            return None;
        }
        Some(Roadmap::new(RoadmapParts { stages, ..head }))
    }
}

/// One stage's skill ids, in order, kept in one string (ten thousand
/// little strings were a tenth of a big pack's preview).
#[derive(Clone, Default)]
pub struct SkillIds {
    text: String,
    ends: Vec<u32>,
}

impl SkillIds {
    fn push(&mut self, id: &str) {
        self.text.push_str(id);
        // A stage file is at most MAX_FILE_BYTES long.
        self.ends.push(self.text.len() as u32);
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .map(|(start, end)| &self.text[start as usize..end as usize])
    }
}

/// The roadmap's own file, and the titles of tips and strategies (not on the
/// first frame, but small: as in a snapshot).
fn preview_head(dir: &Path) -> Option<RoadmapParts> {
    let mut diags = Vec::new();
    check_top_level_files(dir, &mut diags);
    let shown = |name: &str| dir.join(name).display().to_string();
    let roadmap = read_file(&dir.join(ROADMAP_FILE), shown(ROADMAP_FILE), &mut diags)?;
    let mut parsed = parse(&roadmap, &mut diags)?;
    let head = read_head(&mut parsed).filter(|_| parsed.diags.found.is_empty())?;
    // Of tips and strategies only the titles, among the keys before the first table.
    let own_keys = |name: &str, diags: &mut Vec<Diagnostic>| {
        read_file(&dir.join(name), shown(name), diags).map(|file| {
            let cut = first_table_header(&file.bytes);
            let mut bytes = file.bytes.into_owned();
            bytes.truncate(cut);
            RawFile {
                path: file.path,
                bytes: Cow::Owned(bytes),
            }
        })
    };
    let tips = own_keys(TIPS_FILE, &mut diags);
    let (tips_title, _) = read_optional(tips.as_ref(), &mut diags, read_tips)?;
    let strategies = own_keys(STRATEGIES_FILE, &mut diags);
    let (strategies_title, _) = read_optional(strategies.as_ref(), &mut diags, read_strategies)?;
    diags.is_empty().then_some(RoadmapParts {
        id: head.id,
        title: head.title,
        subtitle: head.subtitle,
        intro: head.intro,
        final_thought: head.final_thought,
        tips_title,
        strategies_title,
        ..RoadmapParts::default()
    })
}

/// One stage file: the first in full; of the others, the keys before the
/// first table header (TOML puts a file's own keys there) and the skill ids.
fn skim_stage(path: &str, first: bool, buffer: &mut Vec<u8>) -> Option<(Stage, SkillIds)> {
    let at = crate::read::into(Path::new(path), buffer, MAX_FILE_BYTES)?;
    let bytes = &buffer[at];
    let mut ids = SkillIds::default();
    // One walk over the headers: the first ends the own keys, the others
    // are skills (read on from where the own keys end).
    let mut cut = bytes.len();
    let mut plain = true;
    if !first {
        ids.text.reserve(bytes.len() / 64);
        for_each_header(bytes, |at| {
            if cut == bytes.len() {
                cut = line_start(bytes, at);
            }
            plain = skill_id(bytes, at).is_some_and(|id| {
                if let Some(id) = id {
                    ids.push(&id);
                }
                true
            });
            plain
        });
    }
    let own = std::str::from_utf8(&bytes[..cut]).ok()?;
    let mut diags = Vec::new();
    let mut parsed = parse_text(path, own, &mut diags)?;
    let stage = read_stage(
        &mut parsed,
        &mut SeenIds::default(),
        &mut SeenIds::default(),
    )
    .filter(|_| parsed.diags.found.is_empty() && plain)?;
    if first {
        stage.skills.iter().for_each(|s| ids.push(&s.id));
    } else if !stage.skills.is_empty() {
        // Skills before the first header would be an inline array: not plain.
        return None;
    }
    Some((stage, ids))
}

/// Tells whether positions of a TOML text, asked in increasing order, are
/// inside a multi-line string (`"""..."""` or `'''...'''`), so a line of
/// prose or of a note that looks like a table header is not taken for one.
/// It follows those delimiters, telling them from a `"""` inside a one-line
/// string (`note = '\"""'`, as roadmap writes such a note) or a comment.
pub(crate) struct MultiLine<'t> {
    text: &'t [u8],
    /// Everything before this has been followed.
    pos: usize,
    /// The quote of the multi-line string open at `pos`, if any.
    open: Option<u8>,
    /// Where `"""` and `'''` next occur (`text.len()`: nowhere), as found
    /// from some point not after `pos`: each byte is searched once.
    next: [Option<usize>; 2],
}

/// Searchers for `"""` and `'''`, built once.
static DELIMITERS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 2]> =
    std::sync::LazyLock::new(|| {
        [
            memchr::memmem::Finder::new(b"\"\"\""),
            memchr::memmem::Finder::new(b"'''"),
        ]
    });

impl<'t> MultiLine<'t> {
    pub(crate) fn new(text: &'t [u8]) -> Self {
        MultiLine {
            text,
            pos: 0,
            open: None,
            next: [None; 2],
        }
    }

    /// The first `"""` (`quote` `"`) or `'''` at or after `from` (which
    /// never goes back), or `text.len()`.
    fn next_of(&mut self, quote: u8, from: usize) -> usize {
        let k = usize::from(quote == b'\'');
        match self.next[k] {
            Some(at) if at >= from => at,
            _ => {
                let at = DELIMITERS[k]
                    .find(&self.text[from..])
                    .map_or(self.text.len(), |i| from + i);
                self.next[k] = Some(at);
                at
            }
        }
    }

    /// Whether `at` (not before an earlier question's) is inside a multi-line string.
    pub(crate) fn inside(&mut self, at: usize) -> bool {
        while self.pos < at {
            match self.open {
                None => {
                    let double = self.next_of(b'"', self.pos);
                    let single = self.next_of(b'\'', self.pos);
                    let (found, quote) = if double <= single {
                        (double, b'"')
                    } else {
                        (single, b'\'')
                    };
                    if found >= at {
                        self.pos = at;
                        break;
                    }
                    let from = line_start(self.text, found).max(self.pos);
                    if in_value(&self.text[from..found]) {
                        self.open = Some(quote);
                        self.pos = found + 3;
                    } else {
                        // Inside a one-line string (go on after it) or a comment.
                        self.pos = after_string(self.text, from, found).min(at);
                    }
                }
                Some(quote) => {
                    let start = self.next_of(quote, self.pos);
                    if start >= at {
                        self.pos = at;
                        break;
                    }
                    // In a basic string, `\"""` is an escaped quote, not the end.
                    let escapes = self.text[..start]
                        .iter()
                        .rev()
                        .take_while(|&&b| b == b'\\')
                        .count();
                    if quote == b'"' && escapes % 2 == 1 {
                        self.pos = start + 1;
                        continue;
                    }
                    // The last three of a run of up to five quotes close it.
                    let mut end = start + 3;
                    while end < start + 5 && self.text.get(end) == Some(&quote) {
                        end += 1;
                    }
                    self.open = None;
                    self.pos = end;
                }
            }
        }
        self.open.is_some()
    }
}

/// Where the one-line string holding `at` ends (just after its closing
/// quote), or the end of the line if `at` is in a comment; `from` is outside
/// strings, on the same line.
fn after_string(text: &[u8], from: usize, at: usize) -> usize {
    let end = memchr::memchr(b'\n', &text[at..]).map_or(text.len(), |n| at + n);
    match walk_strings(&text[from..end], |close| from + close >= at) {
        Walked::Stopped(close) => from + close + 1,
        Walked::Comment | Walked::End { .. } => end,
    }
}

/// Whether the end of `line` (from its start, or from where a multi-line
/// string closed) is outside one-line strings and comments.
fn in_value(line: &[u8]) -> bool {
    matches!(walk_strings(line, |_| false), Walked::End { open: false })
}

/// How a walk over a line's one-line strings ended.
enum Walked {
    /// At the closing quote at this offset, as asked.
    Stopped(usize),
    /// At a comment.
    Comment,
    /// At the end of the line, inside a string or not.
    End { open: bool },
}

/// Walks the one-line strings of `line` (which starts outside them) until
/// `stop` says so at one's closing quote, a comment starts, or it ends.
fn walk_strings(line: &[u8], stop: impl Fn(usize) -> bool) -> Walked {
    let mut quote = None;
    let mut k = 0;
    while k < line.len() {
        match (quote, line[k]) {
            (None, b'#') => return Walked::Comment,
            (None, q @ (b'"' | b'\'')) => quote = Some(q),
            (Some(b'"'), b'\\') => k += 1,
            (Some(q), c) if c == q => {
                quote = None;
                if stop(k) {
                    return Walked::Stopped(k);
                }
            }
            _ => {}
        }
        k += 1;
    }
    Walked::End {
        open: quote.is_some(),
    }
}

/// Whether the `[` at `at` starts its line (after indentation): a table header.
pub(crate) fn starts_line(bytes: &[u8], at: usize) -> bool {
    bytes[..at]
        .iter()
        .rev()
        .take_while(|&&b| b != b'\n')
        .all(|&b| b == b' ' || b == b'\t')
}

/// The offset of the first line that starts (after indentation) with `[`
/// outside multi-line strings: the end of a file's own keys.
fn first_table_header(bytes: &[u8]) -> usize {
    let mut first = bytes.len();
    for_each_header(bytes, |at| {
        first = line_start(bytes, at);
        false
    });
    first
}

/// Calls `f` with the offset of each `[` that starts a line (after
/// indentation) outside multi-line strings, in order, until `f` says stop
/// (returns `false`).
pub(crate) fn for_each_header(text: &[u8], mut f: impl FnMut(usize) -> bool) {
    let mut strings = MultiLine::new(text);
    for at in memchr::memchr_iter(b'[', text) {
        if starts_line(text, at) && !strings.inside(at) && !f(at) {
            return;
        }
    }
}

fn line_start(bytes: &[u8], at: usize) -> usize {
    memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |nl| nl + 1)
}

/// At a table header: `Some(None)` for a table other than a skill,
/// `Some(Some(id))` for a skill with an `id = ...` line this can read
/// (before any other table), else `None`.
fn skill_id(rest: &[u8], at: usize) -> Option<Option<Cow<'_, str>>> {
    if !rest[at..].starts_with(b"[[") {
        return Some(None);
    }
    // As roadmap's format describes it: the id on the header's next line.
    if let Some(line) = rest[at..].strip_prefix(b"[[skill]]\nid = \"")
        && let Some(end) = memchr::memchr3(b'"', b'\\', b'\n', line)
        && line[end] == b'"'
        && line.get(end + 1).is_none_or(|&b| b == b'\n')
    {
        return std::str::from_utf8(&line[..end])
            .ok()
            .map(|id| Some(Cow::Borrowed(id)));
    }
    let line_end = memchr::memchr(b'\n', &rest[at..]).map_or(rest.len(), |n| at + n);
    let header = std::str::from_utf8(&rest[at..line_end]).ok()?;
    if !is_skill_header(header.trim_end()) {
        let inner = header.strip_prefix("[[")?.split_once("]]")?.0;
        // A quoted key could spell `skill` with escapes: not plain.
        return (!inner.contains(['"', '\''])).then_some(None);
    }
    for line in rest[(line_end + 1).min(rest.len())..].split(|&b| b == b'\n') {
        let line = std::str::from_utf8(line).ok()?.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(value) = key_value(line, "id") {
            return Some(Some(string_value(value)?));
        }
        // Another key before the id: passed over only if its value is on
        // this line (an array, an inline table or a multi-line string can
        // go on over lines that look like keys).
        let value = line.split_once('=')?.1.trim_start();
        if value.starts_with(['[', '{']) || value.contains("\"\"\"") || value.contains("'''") {
            return None;
        }
    }
    None
}

/// `[[skill]]`, allowing the spaces, quotes and comment TOML allows.
fn is_skill_header(line: &str) -> bool {
    if line == "[[skill]]" {
        return true;
    }
    let Some(inner) = line.strip_prefix("[[") else {
        return false;
    };
    let Some((key, after)) = inner.split_once("]]") else {
        return false;
    };
    let after = after.trim();
    matches!(key.trim(), "skill" | "\"skill\"" | "'skill'")
        && (after.is_empty() || after.starts_with('#'))
}

/// The value text of a `key = value` line, if the line sets `key`.
pub(crate) fn key_value<'l>(line: &'l str, key: &str) -> Option<&'l str> {
    let rest = line.strip_prefix(key)?;
    let value = rest.trim_start().strip_prefix('=')?;
    Some(value.trim())
}

/// A one-line TOML string: a plain `"..."` read as is, anything else by the parser.
pub(crate) fn string_value(value: &str) -> Option<Cow<'_, str>> {
    if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"'))
        && !inner.contains(['"', '\\'])
    {
        return Some(Cow::Borrowed(inner));
    }
    let text = format!("v = {value}");
    let table = DeTable::parse(&text).ok()?;
    match table.get_ref().get("v").map(|v| v.get_ref()) {
        Some(DeValue::String(s)) => Some(Cow::Owned(s.to_string())),
        _ => None,
    }
}

fn sort_diagnostics(diags: &mut [Diagnostic]) {
    // Stable: problems in one file keep their order of discovery at equal positions.
    diags.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
}

/// One file's bytes and the path shown in diagnostics.
struct RawFile {
    path: String,
    bytes: Cow<'static, [u8]>,
}

/// The files of a pack, read but not parsed.
struct RawPack {
    roadmap: Option<RawFile>,
    stages: Vec<RawFile>,
    tips: Option<RawFile>,
    strategies: Option<RawFile>,
}

impl RawPack {
    fn embedded() -> Self {
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

    fn read_dir(dir: &Path, diags: &mut Vec<Diagnostic>) -> Self {
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
pub fn is_toml_name(name: &str) -> bool {
    name.ends_with(".toml") && !name.starts_with('.')
}

fn file_level(path: String, message: impl Into<String>) -> Diagnostic {
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
fn read_file(path: &Path, shown: String, diags: &mut Vec<Diagnostic>) -> Option<RawFile> {
    let mut file = match crate::read::open(path) {
        Ok(file) => file,
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
    let meta = file.metadata().ok();
    if meta.as_ref().is_some_and(|m| m.is_dir()) {
        diags.push(file_level(shown, "expected a file, found a directory"));
        return None;
    }
    if meta.as_ref().is_some_and(|m| !m.is_file()) {
        diags.push(file_level(
            shown,
            "not a regular file (a pipe, socket or device): content files are plain files",
        ));
        return None;
    }
    if meta.as_ref().is_some_and(|m| m.len() > MAX_FILE_BYTES) {
        diags.push(file_level(shown, too_big_message()));
        return None;
    }
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
    let shown = format!("{}/", dir.display());
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            diags.push(file_level(
                shown,
                "missing directory: a pack needs a stages/ directory with at least one stage file",
            ));
            return Vec::new();
        }
        Err(e) => {
            diags.push(file_level(shown, format!("cannot read directory: {e}")));
            return Vec::new();
        }
    };
    let mut names = Vec::new();
    for (count, entry) in entries.enumerate() {
        if count >= MAX_FILES {
            diags.push(file_level(
                shown,
                format!("too many files: stages/ may hold at most {MAX_FILES} entries"),
            ));
            return Vec::new();
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
        diags.push(file_level(
            shown,
            "no stage files: add at least one stages/*.toml file",
        ));
    }
    names.sort();
    names
        .into_iter()
        .filter_map(|name| {
            let path = dir.join(&name);
            let display = path.display().to_string();
            read_file(&path, display, diags)
        })
        .collect()
}

/// A parsed file: its text, diagnostics sink and root table.
struct Parsed<'s> {
    diags: FileDiagnostics<'s>,
    root: DeTable<'s>,
}

/// Decodes and parses one file; problems go to `diags` and give `None`.
fn parse<'s>(file: &'s RawFile, diags: &mut Vec<Diagnostic>) -> Option<Parsed<'s>> {
    let text = match std::str::from_utf8(&file.bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &file.bytes[..e.valid_up_to()];
            // The valid prefix is UTF-8 by definition.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            let (line, col) = line_col(prefix, prefix.len());
            let byte = file.bytes.get(e.valid_up_to()).copied().unwrap_or(0);
            diags.push(Diagnostic {
                path: file.path.clone(),
                line,
                col,
                message: format!("invalid UTF-8 (byte 0x{byte:02X}); content files must be UTF-8"),
            });
            return None;
        }
    };
    parse_text(&file.path, text, diags)
}

/// Parses one file's text; problems go to `diags` and give `None`.
fn parse_text<'s>(path: &'s str, text: &'s str, diags: &mut Vec<Diagnostic>) -> Option<Parsed<'s>> {
    let mut file_diags = FileDiagnostics::new(path, text);
    let (root, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        for error in errors {
            let span = error.span().unwrap_or(0..0);
            let mut message = toml_message(error.message());
            // The parser names no key: the span covers it.
            if message.ends_with("duplicate key")
                && let Some(key) = text.get(span.clone()).filter(|k| !k.is_empty())
            {
                message.push_str(&format!(" `{}`", key.trim()));
            }
            file_diags.error(&span, message);
        }
        diags.append(&mut file_diags.found);
        return None;
    }
    Some(Parsed {
        diags: file_diags,
        root: root.into_inner(),
    })
}

fn toml_message(message: &str) -> String {
    let message = message.trim().trim_end_matches('\n');
    format!("invalid TOML: {message}")
}

/// Where an id was defined, for "duplicate, first defined at" messages.
/// The line and column are worked out only if a duplicate is reported.
#[derive(Clone)]
struct Place<'s> {
    path: Rc<str>,
    text: &'s str,
    offset: usize,
}

impl std::fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (line, col) = line_col(self.text, self.offset);
        write!(f, "{}:{line}:{col}", self.path)
    }
}

/// Ids already seen, reporting a repeat where it repeats.
#[derive(Default)]
struct SeenIds<'s>(HashMap<String, Place<'s>>);

impl<'s> SeenIds<'s> {
    /// Records `id`; on a repeat, reports it and returns false.
    fn insert(
        &mut self,
        diags: &mut FileDiagnostics<'s>,
        id: &Spanned<String>,
        what: &str,
    ) -> bool {
        match self.0.entry(id.get_ref().clone()) {
            Entry::Occupied(first) => {
                let message = format!(
                    "duplicate {what} id `{}` (first defined at {})",
                    id.get_ref(),
                    first.get()
                );
                diags.error(&id.span(), message);
                false
            }
            Entry::Vacant(slot) => {
                slot.insert(Place {
                    path: Rc::clone(&diags.path),
                    text: diags.text,
                    offset: id.span().start,
                });
                true
            }
        }
    }
}

fn build(pack: &RawPack, diags: &mut Vec<Diagnostic>) -> Option<Roadmap> {
    let head = pack
        .roadmap
        .as_ref()
        .and_then(|file| parse(file, diags))
        .and_then(|mut parsed| {
            let head = read_head(&mut parsed);
            diags.append(&mut parsed.diags.found);
            head
        });

    let mut stage_ids = SeenIds::default();
    let mut skill_ids = SeenIds::default();
    let mut stages = Vec::with_capacity(pack.stages.len());
    for file in &pack.stages {
        let Some(mut parsed) = parse(file, diags) else {
            continue;
        };
        if let Some(stage) = read_stage(&mut parsed, &mut stage_ids, &mut skill_ids) {
            stages.push(stage);
        }
        diags.append(&mut parsed.diags.found);
    }

    let tips = read_optional(pack.tips.as_ref(), diags, read_tips);
    let strategies = read_optional(pack.strategies.as_ref(), diags, read_strategies);

    let head = head?;
    let (tips_title, tips) = tips?;
    let (strategies_title, strategies) = strategies?;
    Some(Roadmap::new(RoadmapParts {
        id: head.id,
        title: head.title,
        subtitle: head.subtitle,
        intro: head.intro,
        final_thought: head.final_thought,
        stages,
        tips_title,
        tips,
        strategies_title,
        strategies,
    }))
}

/// Reads an optional file with `read`; an absent file gives empty content.
fn read_optional<T: Default>(
    file: Option<&RawFile>,
    diags: &mut Vec<Diagnostic>,
    read: fn(&mut Parsed<'_>) -> Option<T>,
) -> Option<T> {
    let Some(file) = file else {
        return Some(T::default());
    };
    let mut parsed = parse(file, diags)?;
    let value = read(&mut parsed);
    diags.append(&mut parsed.diags.found);
    value
}

struct Head {
    id: String,
    title: String,
    subtitle: Option<String>,
    intro: Option<String>,
    final_thought: Option<String>,
}

fn read_head(parsed: &mut Parsed<'_>) -> Option<Head> {
    let diags = &mut parsed.diags;
    let fields = Fields::new(
        diags,
        &parsed.root,
        0..0,
        "roadmap.toml",
        &["id", "title", "subtitle", "intro", "final_thought"],
    );
    let title = fields.req_title(diags, "title");
    let id = match fields.opt_str(diags, "id") {
        Some(id) => valid_id(diags, id, "roadmap"),
        None => title.as_ref().map(|t| slugify(t.get_ref(), "roadmap")),
    };
    let subtitle = prose(fields.opt_str(diags, "subtitle"));
    let intro = prose(fields.opt_str(diags, "intro"));
    let final_thought = prose(fields.opt_str(diags, "final_thought"));
    Some(Head {
        id: id?,
        title: title?.into_inner(),
        subtitle,
        intro,
        final_thought,
    })
}

/// Prose is trimmed; a blank optional text counts as absent.
fn prose(text: Option<Spanned<String>>) -> Option<String> {
    let text = text?.into_inner();
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// Checks that `id` is a slug; returns it if so.
fn valid_id(diags: &mut FileDiagnostics<'_>, id: Spanned<String>, what: &str) -> Option<String> {
    if is_slug(id.get_ref()) {
        return Some(id.into_inner());
    }
    diags.error(
        &id.span(),
        format!(
            "invalid {what} id `{}`: ids are lowercase slugs (a-z, 0-9 and -, not starting with -)",
            id.get_ref()
        ),
    );
    None
}

fn read_stage<'s>(
    parsed: &mut Parsed<'s>,
    stage_ids: &mut SeenIds<'s>,
    skill_ids: &mut SeenIds<'s>,
) -> Option<Stage> {
    let diags = &mut parsed.diags;
    let fields = Fields::new(
        diags,
        &parsed.root,
        0..0,
        "stage file",
        &["id", "title", "span", "summary", "skill"],
    );
    let id = unique_id(diags, &fields, stage_ids, "stage");
    let title = fields.req_title(diags, "title");
    let span = prose(fields.opt_str(diags, "span"));
    let summary = prose(fields.opt_str(diags, "summary"));

    let mut skills = Vec::new();
    let mut skills_ok = true;
    if let Some(array) = fields.opt_array(diags, "skill") {
        for (span, table) in tables(diags, array, "skill") {
            match read_skill(diags, table, span, skill_ids) {
                Some(skill) => skills.push(skill),
                None => skills_ok = false,
            }
        }
    }
    let (id, title) = (id?, title?);
    skills_ok.then_some(Stage {
        id,
        title: title.into_inner(),
        span,
        summary,
        skills,
    })
}

fn read_skill<'s>(
    diags: &mut FileDiagnostics<'s>,
    table: &DeTable<'_>,
    span: Range<usize>,
    skill_ids: &mut SeenIds<'s>,
) -> Option<Skill> {
    let fields = Fields::new(
        diags,
        table,
        span,
        "skill",
        &["id", "title", "body", "items", "links"],
    );
    let id = unique_id(diags, &fields, skill_ids, "skill");
    let title = fields.req_title(diags, "title");
    let body = prose(fields.opt_str(diags, "body"));
    let items = fields
        .opt_array(diags, "items")
        .map(|array| read_items(diags, array));
    let links = fields
        .opt_array(diags, "links")
        .map(|array| read_links(diags, array));
    Some(Skill {
        id: id?,
        title: title?.into_inner(),
        body,
        items: items.unwrap_or(Some(Vec::new()))?,
        links: links.unwrap_or(Some(Vec::new()))?,
    })
}

/// Checklist items: plain strings (id derived from the text) or `{ id, text }` tables.
fn read_items(
    diags: &mut FileDiagnostics<'_>,
    array: &toml::de::DeArray<'_>,
) -> Option<Vec<ChecklistItem>> {
    let mut items = Vec::with_capacity(array.len());
    let mut seen = SeenIds::default();
    let mut ok = true;
    for element in array.iter() {
        let item = match element.get_ref() {
            DeValue::String(text) => {
                let text = text.trim();
                if text.is_empty() {
                    diags.error(&element.span(), "checklist item must not be empty");
                    None
                } else {
                    let id = slugify(text, "item");
                    Some((Spanned::new(element.span(), id), text.to_string()))
                }
            }
            DeValue::Table(table) => {
                let fields = Fields::new(
                    diags,
                    table,
                    element.span(),
                    "checklist item",
                    &["id", "text"],
                );
                let id = fields
                    .req_str(diags, "id")
                    .and_then(|id| valid_id(diags, id.clone(), "checklist item").map(|_| id));
                let text = fields.req_title(diags, "text");
                id.zip(text)
                    .map(|(id, text)| (id, text.into_inner().trim().to_string()))
            }
            other => {
                diags.error(
                    &element.span(),
                    format!(
                        "checklist item must be a string or a table {{ id, text }}, found {}",
                        type_name(other)
                    ),
                );
                None
            }
        };
        match item {
            Some((id, text)) if seen.insert(diags, &id, "checklist item") => {
                items.push(ChecklistItem {
                    id: id.into_inner(),
                    text,
                })
            }
            _ => ok = false,
        }
    }
    ok.then_some(items)
}

fn read_links(diags: &mut FileDiagnostics<'_>, array: &toml::de::DeArray<'_>) -> Option<Vec<Link>> {
    let mut links = Vec::with_capacity(array.len());
    let mut ok = true;
    for (span, table) in tables(diags, array, "link") {
        let fields = Fields::new(diags, table, span, "link", &["title", "url"]);
        let title = fields.req_title(diags, "title");
        let url = fields.req_title(diags, "url");
        match title.zip(url) {
            Some((title, url)) => links.push(Link {
                title: title.into_inner(),
                url: url.into_inner().trim().to_string(),
            }),
            None => ok = false,
        }
    }
    ok = ok && links.len() == array.len();
    ok.then_some(links)
}

fn read_tips(parsed: &mut Parsed<'_>) -> Option<(Option<String>, Vec<Tip>)> {
    let diags = &mut parsed.diags;
    let fields = Fields::new(diags, &parsed.root, 0..0, "tips.toml", &["title", "tip"]);
    let title = prose(fields.opt_str(diags, "title"));
    let mut tips = Vec::new();
    let mut ok = true;
    let mut seen = SeenIds::default();
    if let Some(array) = fields.opt_array(diags, "tip") {
        let list = tables(diags, array, "tip");
        ok = list.len() == array.len();
        for (span, table) in list {
            let fields = Fields::new(diags, table, span, "tip", &["id", "title", "body"]);
            let id = unique_id(diags, &fields, &mut seen, "tip");
            let title = fields.req_title(diags, "title");
            let body = fields.req_str(diags, "body");
            match (id, title, body) {
                (Some(id), Some(title), Some(body)) => tips.push(Tip {
                    id,
                    title: title.into_inner(),
                    body: body.into_inner().trim().to_string(),
                }),
                _ => ok = false,
            }
        }
    }
    ok.then_some((title, tips))
}

fn read_strategies(parsed: &mut Parsed<'_>) -> Option<(Option<String>, Vec<Strategy>)> {
    let diags = &mut parsed.diags;
    let fields = Fields::new(
        diags,
        &parsed.root,
        0..0,
        "staying-current.toml",
        &["title", "strategy"],
    );
    let title = prose(fields.opt_str(diags, "title"));
    let mut strategies = Vec::new();
    let mut ok = true;
    let mut seen = SeenIds::default();
    if let Some(array) = fields.opt_array(diags, "strategy") {
        let list = tables(diags, array, "strategy");
        ok = list.len() == array.len();
        for (span, table) in list {
            let fields = Fields::new(
                diags,
                table,
                span,
                "strategy",
                &["id", "name", "time", "value", "note"],
            );
            let id = unique_id(diags, &fields, &mut seen, "strategy");
            let name = fields.req_title(diags, "name");
            let time = fields.req_title(diags, "time");
            let value = fields.req_title(diags, "value");
            let note = prose(fields.opt_str(diags, "note"));
            match (id, name, time, value) {
                (Some(id), Some(name), Some(time), Some(value)) => strategies.push(Strategy {
                    id,
                    name: name.into_inner(),
                    time: time.into_inner(),
                    value: value.into_inner(),
                    note,
                }),
                _ => ok = false,
            }
        }
    }
    ok.then_some((title, strategies))
}

/// A required id that is a slug and not yet in `seen`.
fn unique_id<'s>(
    diags: &mut FileDiagnostics<'s>,
    fields: &Fields<'_, '_>,
    seen: &mut SeenIds<'s>,
    what: &str,
) -> Option<String> {
    let id = fields.req_str(diags, "id")?;
    let fresh = is_slug(id.get_ref()) && seen.insert(diags, &id, what);
    valid_id(diags, id, what).filter(|_| fresh)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(text: &[u8]) -> Vec<usize> {
        let mut found = Vec::new();
        for_each_header(text, |at| {
            found.push(at);
            true
        });
        found
    }

    #[test]
    fn headers_are_found_outside_multi_line_strings() {
        let text = "a = 1\n[one]\nb = \"\"\"\n[not]\n\"\"\"\n  [[two]]\nc = '\"\"\"' # \"\"\"\n[three]\nd = '''\n[no]'''\n";
        let found: Vec<&str> = headers(text.as_bytes())
            .into_iter()
            .map(|at| &text[at..at + text[at..].find('\n').unwrap()])
            .collect();
        assert_eq!(found, ["[one]", "[[two]]", "[three]"]);
        assert_eq!(first_table_header(b"x = 1\n  [t]\n"), 6);
        assert_eq!(first_table_header(b"[t]\n"), 0);
        assert_eq!(first_table_header(b"x = \"\"\"\n[t]\"\"\"\n"), 15);
        // A `"""` in a one-line string, then a real one on the same line.
        let text = "a = ['\"\"\"', \"\"\"\n[no]\n\"\"\",\n]\n[yes]\n";
        assert_eq!(headers(text.as_bytes()), [text.find("[yes]").unwrap()]);
    }
}
