//! `roadmap import roadmap-sh`: one roadmap folder of roadmap.sh's repository, as a pack.
//!
//! The mapping: the diagram's topics are read along the solid spine (top
//! to bottom, then left to right). A topic with subtopics becomes a stage,
//! titled by the topic, its prose the stage's summary, its subtopics the
//! stage's skills. Topics without subtopics in a row become the skills of
//! one stage titled "Topics". Every subtopic belongs to the topic it is
//! linked to (else the nearest one). Decoration nodes never become content.
//! Each id is an encoding of its node id alone, so relabelling or moving a
//! node keeps the learner's progress.

mod diagram;
mod prose;

use std::fs;
use std::path::Path;

use self::diagram::{Group, Node};
use self::prose::Prose;
use super::ImportError;
use crate::content::ids::{slugify, stable_hash};
use crate::content::{Link, RoadmapParts, Skill, Stage};

/// The title of a stage holding topics that have no subtopics.
const TOPICS_STAGE: &str = "Topics";

/// The pack one roadmap folder (`src/data/roadmaps/<id>/`) describes.
pub fn import(dir: &Path) -> Result<RoadmapParts, ImportError> {
    let shown = dir.display();
    if !dir.is_dir() {
        return Err(ImportError::Input(format!(
            "{shown}: no such folder; give one roadmap's folder of a roadmap.sh clone, \
             e.g. developer-roadmap/src/data/roadmaps/python"
        )));
    }
    let name = folder_name(dir)?;
    let json = dir.join(format!("{name}.json"));
    let text = match fs::read(&json) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(ImportError::Input(format!(
                "{shown}: no diagram {name}.json; is this one roadmap's folder \
                 (src/data/roadmaps/<id>/) of roadmap.sh's repository?"
            )));
        }
        Err(e) => {
            return Err(ImportError::Io(format!(
                "cannot read {}: {e}",
                json.display()
            )));
        }
    };
    let diagram = diagram::parse(&text, &json.display().to_string())?;
    if diagram.groups.is_empty() {
        return Err(ImportError::Input(format!(
            "{}: the diagram has no labelled topic nodes, so there is nothing to import",
            json.display()
        )));
    }
    let front = front_matter(&dir.join(format!("{name}.md")))?;
    let files = prose::content_files(&dir.join("content"))?;
    let prose_of = |node: &Node| match files.get(&node.id) {
        Some(path) => prose::read(path),
        None => Ok(Prose::default()),
    };
    let stages = stages(&diagram.groups, prose_of)?;
    let title = front
        .title
        .or(diagram.title)
        .unwrap_or_else(|| name.clone());
    Ok(RoadmapParts {
        id: slugify(&name, "roadmap"),
        title,
        intro: front.description,
        stages,
        ..RoadmapParts::default()
    })
}

/// The folder's own name (`python` for `…/roadmaps/python/` or `.` inside it).
fn folder_name(dir: &Path) -> Result<String, ImportError> {
    let full = dir
        .canonicalize()
        .map_err(|e| ImportError::Io(format!("cannot read {}: {e}", dir.display())))?;
    full.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| {
            ImportError::Input(format!(
                "{}: give one roadmap's folder, not the root",
                dir.display()
            ))
        })
}

/// Stages in spine order; `prose_of` reads a node's content file.
fn stages(
    groups: &[Group],
    mut prose_of: impl FnMut(&Node) -> Result<Prose, ImportError>,
) -> Result<Vec<Stage>, ImportError> {
    let mut stages: Vec<Stage> = Vec::new();
    // Whether the last stage is one of topics without subtopics.
    let mut in_topics = false;
    for group in groups {
        if group.subtopics.is_empty() {
            let skill = skill(&group.topic, prose_of(&group.topic)?);
            match stages.last_mut() {
                Some(stage) if in_topics => stage.skills.push(skill),
                _ => stages.push(Stage {
                    id: node_id(&group.topic.id),
                    title: TOPICS_STAGE.to_string(),
                    span: None,
                    summary: None,
                    skills: vec![skill],
                }),
            }
            in_topics = true;
            continue;
        }
        in_topics = false;
        let topic = prose_of(&group.topic)?;
        let skills = group
            .subtopics
            .iter()
            .map(|sub| Ok(skill(sub, prose_of(sub)?)))
            .collect::<Result<_, ImportError>>()?;
        stages.push(Stage {
            id: node_id(&group.topic.id),
            title: group.topic.label.clone(),
            span: None,
            summary: summary(topic),
            skills,
        });
    }
    Ok(stages)
}

fn skill(node: &Node, prose: Prose) -> Skill {
    Skill {
        id: node_id(&node.id),
        title: node.label.clone(),
        body: prose.body,
        items: Vec::new(),
        links: prose.links,
    }
}

/// A stage has no links of its own, so a topic's resources follow its prose.
fn summary(prose: Prose) -> Option<String> {
    let links = prose
        .links
        .iter()
        .map(|Link { title, url }| format!("- {title}: {url}"));
    let parts: Vec<String> = prose.body.into_iter().chain(links).collect();
    (!parts.is_empty()).then(|| parts.join("\n"))
}

/// A pack id for a node id, distinct for distinct node ids. A nanoid
/// (`a-z A-Z 0-9 _ -`, case matters) is written lowercase, `_` as `-`,
/// followed by which characters were capitals or `_` (a base-3 digit per
/// character, in base 36) so `Ab` and `aB` differ; any other id is hashed.
pub fn node_id(id: &str) -> String {
    let plain = id.len() <= 40
        && !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !plain {
        return format!("h{:016x}", stable_hash(id.as_bytes()));
    }
    let mut slug = String::with_capacity(id.len() + 16);
    slug.push('n');
    // 3^40 < 2^64: the marks of 40 characters fit.
    let mut marks: u64 = 0;
    for b in id.bytes().rev() {
        let mark = match b {
            b'A'..=b'Z' => 1,
            b'_' => 2,
            _ => 0,
        };
        marks = marks * 3 + mark;
    }
    for b in id.bytes() {
        slug.push(match b {
            b'_' => '-',
            _ => char::from(b.to_ascii_lowercase()),
        });
    }
    slug.push('-');
    slug.push_str(&base36(marks));
    slug
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// What the roadmap's `<id>.md` says about it.
#[derive(Debug, Default, PartialEq)]
struct FrontMatter {
    title: Option<String>,
    description: Option<String>,
}

/// The `title` and `description` of the front matter between the file's
/// `---` lines; a missing file says nothing. Only flat `key: value` lines
/// are read: these two are never nested.
fn front_matter(path: &Path) -> Result<FrontMatter, ImportError> {
    let text = match fs::read(path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FrontMatter::default()),
        Err(e) => {
            return Err(ImportError::Io(format!(
                "cannot read {}: {e}",
                path.display()
            )));
        }
    };
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return Ok(FrontMatter::default());
    }
    let mut front = FrontMatter::default();
    for line in lines.take_while(|l| l.trim_end() != "---") {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = unquote(value.trim());
        let slot = match key {
            "title" => &mut front.title,
            "description" => &mut front.description,
            _ => continue,
        };
        if !value.is_empty() {
            *slot = Some(value);
        }
    }
    Ok(front)
}

/// A YAML scalar's text: quotes removed, `''` in single quotes is `'`.
fn unquote(value: &str) -> String {
    let quoted = |q: char| value.len() >= 2 && value.starts_with(q) && value.ends_with(q);
    if quoted('\'') {
        value[1..value.len() - 1].replace("''", "'")
    } else if quoted('"') {
        value[1..value.len() - 1].replace("\\\"", "\"")
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests;
