//! Content files (`content/<slug>@<nodeId>.md`): found by node id, read
//! as a skill's prose and resource links.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::content::Link;
use crate::import::{ImportError, tidy};

/// Folders deeper than this under `content/` are not searched; the legacy
/// layout nests three or four levels.
const MAX_DEPTH: usize = 8;

/// What one content file says about its node.
#[derive(Debug, Default, PartialEq)]
pub struct Prose {
    /// Paragraphs separated by a blank line; none if there are none.
    pub body: Option<String>,
    pub links: Vec<Link>,
}

/// Every `*.md` file under `content` whose name ends in `@<nodeId>.md`, by
/// node id. Files without a node id (the legacy `NNN-slug/index.md` layout)
/// are not matched: a slug is no reliable key. When two files name one
/// node, the first in path order wins, so an import is repeatable.
pub fn content_files(content: &Path) -> Result<HashMap<String, PathBuf>, ImportError> {
    let mut files = Vec::new();
    collect(content, 0, &mut files)?;
    files.sort();
    let mut by_id = HashMap::new();
    for path in files {
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| s.rsplit_once('@'))
            .map(|(_, id)| id.to_string())
            .filter(|id| !id.is_empty());
        if let Some(id) = id {
            by_id.entry(id).or_insert(path);
        }
    }
    Ok(by_id)
}

fn collect(dir: &Path, depth: usize, files: &mut Vec<PathBuf>) -> Result<(), ImportError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && depth == 0 => return Ok(()),
        Err(e) => {
            return Err(ImportError::Io(format!(
                "cannot read {}: {e}",
                dir.display()
            )));
        }
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        // file_type does not follow links, so a linked folder cannot loop.
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && depth < MAX_DEPTH {
            collect(&path, depth + 1, files)?;
        } else if !is_dir && path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    Ok(())
}

/// Reads the content file at `path`.
pub fn read(path: &Path) -> Result<Prose, ImportError> {
    let bytes = fs::read(path)
        .map_err(|e| ImportError::Io(format!("cannot read {}: {e}", path.display())))?;
    Ok(parse(&String::from_utf8_lossy(&bytes)))
}

#[derive(Debug)]
enum Block {
    Heading(String),
    Paragraph(String),
    List(Vec<Item>),
}

/// One top-level bullet: its text and the links in it (text, URL).
#[derive(Debug)]
struct Item {
    text: String,
    links: Vec<(String, String)>,
}

/// The prose and links of one content file: the leading heading (it
/// repeats the label) is dropped, a bullet that is only a link becomes a
/// link, and the boilerplate line that introduces such a list
/// ("Visit the following resources…:") is dropped with it.
pub fn parse(text: &str) -> Prose {
    let mut blocks = blocks(text);
    if matches!(blocks.first(), Some(Block::Heading(_))) {
        blocks.remove(0);
    }
    let mut paragraphs = Vec::new();
    let mut links: Vec<Link> = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Heading(text) => paragraphs.push(text.clone()),
            Block::Paragraph(text) => {
                let introduces_links = text.ends_with(':')
                    && matches!(blocks.get(i + 1), Some(Block::List(items))
                        if items.iter().all(|item| resource(item).is_some()));
                if !introduces_links {
                    paragraphs.push(text.clone());
                }
            }
            Block::List(items) => {
                let mut bullets = Vec::new();
                for item in items {
                    match resource(item) {
                        Some(found) if !links.iter().any(|l| l.url == found.url) => {
                            links.push(found);
                        }
                        Some(_) => {}
                        None => bullets.push(format!("- {}", item.text)),
                    }
                }
                if !bullets.is_empty() {
                    paragraphs.push(bullets.join("\n"));
                }
            }
        }
    }
    paragraphs.retain(|p| !p.is_empty());
    Prose {
        body: (!paragraphs.is_empty()).then(|| paragraphs.join("\n\n")),
        links,
    }
}

/// A bullet that is one link and nothing else, as a link: roadmap.sh's
/// `[@type@Title](url)`, whose type (`video`, `article`, …) is dropped.
fn resource(item: &Item) -> Option<Link> {
    let [(text, url)] = item.links.as_slice() else {
        return None;
    };
    if item.text != *text || url.trim().is_empty() {
        return None;
    }
    let title = match text.strip_prefix('@').and_then(|t| t.split_once('@')) {
        Some((_kind, title)) => title.trim(),
        None => text.trim(),
    };
    let url = url.trim().to_string();
    Some(Link {
        title: if title.is_empty() {
            url.clone()
        } else {
            title.to_string()
        },
        url,
    })
}

/// The file's headings, paragraphs and top-level lists; text inside nested
/// lists joins its top-level bullet.
fn blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut buf = String::new();
    let mut depth = 0usize;
    let mut items = Vec::new();
    let mut links = Vec::new();
    let mut link: Option<(String, usize)> = None;
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    blocks.push(Block::List(std::mem::take(&mut items)));
                }
            }
            Event::Start(Tag::Item) if depth == 1 => {
                buf.clear();
                links.clear();
            }
            Event::End(TagEnd::Item) if depth == 1 => items.push(Item {
                text: tidy(&buf),
                links: std::mem::take(&mut links),
            }),
            Event::Start(Tag::Heading { .. } | Tag::Paragraph | Tag::CodeBlock(_) | Tag::Item) => {
                if depth == 0 {
                    buf.clear();
                } else {
                    buf.push(' ');
                }
            }
            Event::End(TagEnd::Heading(_)) if depth == 0 => blocks.push(Block::Heading(tidy(&buf))),
            Event::End(TagEnd::Paragraph) if depth == 0 => {
                blocks.push(Block::Paragraph(tidy(&buf)));
            }
            // Code keeps its lines.
            Event::End(TagEnd::CodeBlock) if depth == 0 => {
                blocks.push(Block::Paragraph(buf.trim_end().to_string()));
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = Some((dest_url.to_string(), buf.len()));
            }
            Event::End(TagEnd::Link) => {
                if let Some((url, start)) = link.take() {
                    links.push((tidy(buf.get(start..).unwrap_or_default()), url));
                }
            }
            Event::Text(t) | Event::Code(t) => buf.push_str(&t),
            Event::SoftBreak | Event::HardBreak => buf.push(' '),
            _ => {}
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_heading_and_the_line_before_the_resources_are_dropped() {
        let prose = parse(
            "# Decorators\n\nFirst paragraph\nwraps here.\n\nSecond one.\n\n\
             Visit the following resources to learn more:\n\n\
             - [@article@Some title](https://example.org/a)\n\
             - [@mystery@Odd type](https://example.org/b)\n\
             - [Untyped](https://example.org/c)\n",
        );
        assert_eq!(
            prose.body.as_deref(),
            Some("First paragraph wraps here.\n\nSecond one.")
        );
        let links: Vec<(&str, &str)> = prose
            .links
            .iter()
            .map(|l| (l.title.as_str(), l.url.as_str()))
            .collect();
        assert_eq!(
            links,
            [
                ("Some title", "https://example.org/a"),
                ("Odd type", "https://example.org/b"),
                ("Untyped", "https://example.org/c"),
            ]
        );
    }

    #[test]
    fn bullets_that_are_not_links_stay_prose_with_the_line_before_them() {
        let prose =
            parse("# T\n\nThree things:\n\n- one `thing`\n- a [link](https://x.org) in text\n");
        assert_eq!(
            prose.body.as_deref(),
            Some("Three things:\n\n- one thing\n- a link in text")
        );
        assert!(prose.links.is_empty());
    }

    #[test]
    fn an_empty_file_says_nothing() {
        assert_eq!(parse(""), Prose::default());
        assert_eq!(parse("# Only a heading\n"), Prose::default());
    }
}
