//! Reads a content pack (a directory, or the one built into the binary) and
//! validates it into a [`Roadmap`], or every problem found as diagnostics.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostics::{Diagnostic, FileDiagnostics, LoadError, line_col};
use super::ids::{is_slug, slugify};
use super::model::{ChecklistItem, Link, Roadmap, RoadmapParts, Skill, Stage, Strategy, Tip};
use super::schema::{Fields, tables, type_name};

pub use super::pack::{
    MAX_FILE_BYTES, MAX_FILES, ROADMAP_FILE, STAGES_DIR, STRATEGIES_FILE, TIPS_FILE, is_toml_name,
};
use super::pack::{RawFile, RawPack, read_file};

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

/// What the first frame of a big pack shows while the whole of it loads:
/// the roadmap's own file and its first stage, parsed and checked as the
/// whole load does them, and how many stage files there are. `None` for a
/// small pack (loaded whole before the first frame), or if either file has
/// a problem (the whole load says which).
pub fn first_stage(dir: &Path) -> Option<(Roadmap, usize)> {
    let stage_files = super::pack::big_pack_stages(dir)?;
    let mut diags = Vec::new();
    let path = dir.join(ROADMAP_FILE);
    let file = read_file(&path, path.display().to_string(), &mut diags)?;
    let mut parsed = parse(&file, &mut diags)?;
    let head = read_head(&mut parsed)?;
    let first = stage_files.first()?;
    let file = read_file(first, first.display().to_string(), &mut diags)?;
    let mut stage = parse(&file, &mut diags)?;
    let (mut stage_ids, mut skill_ids) = (SeenIds::default(), SeenIds::default());
    let first = read_stage(&mut stage, &mut stage_ids, &mut skill_ids)?;
    if !diags.is_empty() || !parsed.diags.found.is_empty() || !stage.diags.found.is_empty() {
        return None;
    }
    let roadmap = Roadmap::new(RoadmapParts {
        id: head.id,
        title: head.title,
        subtitle: head.subtitle,
        intro: head.intro,
        final_thought: head.final_thought,
        stages: vec![first],
        ..RoadmapParts::default()
    });
    Some((roadmap, stage_files.len()))
}

fn sort_diagnostics(diags: &mut [Diagnostic]) {
    // Stable: problems in one file keep their order of discovery at equal positions.
    diags.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
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
                let _ = write!(message, " `{}`", key.trim());
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
    for element in array {
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
                });
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
    let keys = &["id", "title", "body"];
    read_titled_list(parsed, "tips.toml", "tip", keys, |diags, fields, id| {
        let title = fields.req_title(diags, "title");
        let body = fields.req_str(diags, "body");
        Some(Tip {
            id: id?,
            title: title?.into_inner(),
            body: body?.into_inner().trim().to_string(),
        })
    })
}

fn read_strategies(parsed: &mut Parsed<'_>) -> Option<(Option<String>, Vec<Strategy>)> {
    let keys = &["id", "name", "time", "value", "note"];
    let file = "staying-current.toml";
    read_titled_list(parsed, file, "strategy", keys, |diags, fields, id| {
        let name = fields.req_title(diags, "name");
        let time = fields.req_title(diags, "time");
        let value = fields.req_title(diags, "value");
        let note = prose(fields.opt_str(diags, "note"));
        Some(Strategy {
            id: id?,
            name: name?.into_inner(),
            time: time?.into_inner(),
            value: value?.into_inner(),
            note,
        })
    })
}

/// A file of an optional `title` and `[[key]]` tables, each with a unique
/// `id` and the `item_keys`, made into a `T` by `item` (given the id, if
/// valid). Every table is checked, whatever is wrong with the others.
fn read_titled_list<'s, T>(
    parsed: &mut Parsed<'s>,
    file: &'static str,
    key: &'static str,
    item_keys: &'static [&'static str],
    item: impl Fn(&mut FileDiagnostics<'s>, &Fields<'_, 's>, Option<String>) -> Option<T>,
) -> Option<(Option<String>, Vec<T>)> {
    let diags = &mut parsed.diags;
    let fields = Fields::new(diags, &parsed.root, 0..0, file, &["title", key]);
    let title = prose(fields.opt_str(diags, "title"));
    let mut items = Vec::new();
    let mut ok = true;
    let mut seen = SeenIds::default();
    if let Some(array) = fields.opt_array(diags, key) {
        let list = tables(diags, array, key);
        ok = list.len() == array.len();
        for (span, table) in list {
            let fields = Fields::new(diags, table, span, key, item_keys);
            let id = unique_id(diags, &fields, &mut seen, key);
            match item(diags, &fields, id) {
                Some(made) => items.push(made),
                None => ok = false,
            }
        }
    }
    ok.then_some((title, items))
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
