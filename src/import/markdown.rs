//! `roadmap import markdown`: a guide written as a Markdown article, as a
//! pack. `#` is the title, each `##` a stage (or the tips, the strategies
//! table, the final thought), each `###` a skill; see content/README.md.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{ImportError, UniqueIds, tidy};
use crate::content::diagnostics::line_col;
use crate::content::ids::slugify;
use crate::content::{ChecklistItem, Link, RoadmapParts, Skill, Stage, Strategy, Tip};

/// One block of the article, with the byte offset it starts at.
#[derive(Debug)]
enum Block {
    Heading(u8, String),
    Paragraph(String),
    Bullet(Bullet),
    Table(Vec<Vec<String>>),
}

/// A list item: its text, the link it is if it is only a link, and the
/// bold text it starts with.
#[derive(Debug, Default)]
struct Bullet {
    text: String,
    only_link: Option<Link>,
    bold_start: Option<String>,
}

/// The pack a Markdown guide describes; `path` names the file in messages.
pub fn import(text: &str, path: &str) -> Result<RoadmapParts, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let blocks = blocks(text);
    let at = |offset: usize, message: &str| {
        let (line, col) = line_col(text, offset);
        ImportError::Input(format!("{path}:{line}:{col}: {message}"))
    };
    let mut parts = RoadmapParts::default();
    let mut intro = Vec::new();
    let mut i = 0;
    while i < blocks.len() && !matches!(blocks[i].1, Block::Heading(2, _)) {
        match &blocks[i].1 {
            Block::Heading(1, title) if parts.title.is_empty() => parts.title.clone_from(title),
            Block::Paragraph(p) => intro.push(p.clone()),
            _ => {
                return Err(at(
                    blocks[i].0,
                    "before the first `##` stage only the `#` title and paragraphs of introduction are read",
                ));
            }
        }
        i += 1;
    }
    if i == blocks.len() {
        return Err(ImportError::Input(format!(
            "{path}: no `## ` sections: a guide is `# Title`, then `## Stage` sections holding `### Skill` headings"
        )));
    }
    if parts.title.trim().is_empty() {
        return Err(at(
            0,
            "no `# Title` before the first `##` section: it is the roadmap's title",
        ));
    }
    parts.id = slugify(&parts.title, "roadmap");
    parts.intro = joined(&intro);
    let sections = sections(&blocks[i..]);
    let last = sections.len() - 1;
    let mut stage_ids = UniqueIds::default();
    let mut skill_ids = UniqueIds::default();
    for (n, section) in sections.iter().enumerate() {
        let (offset, title) = section.heading;
        let has = |f: fn(&Block) -> bool| section.blocks.iter().any(|(_, b)| f(b));
        if has(|b| matches!(b, Block::Heading(3, _))) {
            let stage = stage(section, &mut skill_ids, &at)?;
            parts.stages.push(Stage {
                id: stage_ids.take(stage.id.clone()),
                ..stage
            });
        } else if has(|b| matches!(b, Block::Table(_))) {
            parts.strategies_title = Some(title.to_string());
            parts.strategies = strategies(section, &at)?;
        } else if has(|b| matches!(b, Block::Bullet(_))) {
            parts.tips_title = Some(title.to_string());
            parts.tips = tips(section, &at)?;
        } else if n == last {
            let prose: Vec<String> = section
                .blocks
                .iter()
                .filter_map(|(_, b)| paragraph(b))
                .collect();
            parts.final_thought = joined(&prose);
        } else {
            return Err(at(
                offset,
                "this `##` section has no `###` skills, no bullets (tips) and no table (strategies); only the last section may be prose, as the final thought",
            ));
        }
    }
    if parts.stages.is_empty() {
        return Err(ImportError::Input(format!(
            "{path}: no `##` section holds `### Skill` headings, so there is no stage"
        )));
    }
    Ok(parts)
}

struct Section<'b> {
    heading: (usize, &'b str),
    blocks: &'b [(usize, Block)],
}

/// The `##` sections, each with the blocks under it.
fn sections(blocks: &[(usize, Block)]) -> Vec<Section<'_>> {
    let starts: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, (_, b))| matches!(b, Block::Heading(level, _) if *level <= 2))
        .map(|(i, _)| i)
        .collect();
    starts
        .iter()
        .enumerate()
        .map(|(k, &start)| {
            let end = starts.get(k + 1).copied().unwrap_or(blocks.len());
            let (offset, Block::Heading(_, title)) = &blocks[start] else {
                unreachable!("sections start at headings")
            };
            Section {
                heading: (*offset, title.as_str()),
                blocks: &blocks[start + 1..end],
            }
        })
        .collect()
}

type At<'a> = dyn Fn(usize, &str) -> ImportError + 'a;

fn stage(section: &Section, skill_ids: &mut UniqueIds, at: &At) -> Result<Stage, ImportError> {
    let (offset, heading) = section.heading;
    let (title, span) = stage_title(heading);
    if title.is_empty() {
        return Err(at(offset, "the stage's title is empty"));
    }
    let mut summary = Vec::new();
    let mut skills: Vec<Skill> = Vec::new();
    let mut item_ids = UniqueIds::default();
    for (offset, block) in section.blocks {
        match (block, skills.last_mut()) {
            (Block::Heading(3, t), _) => {
                if t.trim().is_empty() {
                    return Err(at(*offset, "the skill's title is empty"));
                }
                item_ids = UniqueIds::default();
                skills.push(Skill {
                    id: skill_ids.take(slugify(t, "skill")),
                    title: t.clone(),
                    body: None,
                    items: Vec::new(),
                    links: Vec::new(),
                });
            }
            (Block::Paragraph(p) | Block::Heading(_, p), None) => summary.push(p.clone()),
            (Block::Paragraph(p) | Block::Heading(_, p), Some(skill)) => {
                let body = skill
                    .body
                    .take()
                    .map_or_else(|| p.clone(), |b| format!("{b}\n\n{p}"));
                skill.body = Some(body);
            }
            (Block::Bullet(bullet), Some(skill)) => match &bullet.only_link {
                Some(link) => skill.links.push(link.clone()),
                None if bullet.text.is_empty() => {}
                None => skill.items.push(ChecklistItem {
                    id: item_ids.take(slugify(&bullet.text, "item")),
                    text: bullet.text.clone(),
                }),
            },
            (Block::Bullet(_), None) => {
                return Err(at(
                    *offset,
                    "bullets under a stage belong to a skill: put a `### Skill` heading above them",
                ));
            }
            (Block::Table(_), _) => {
                return Err(at(
                    *offset,
                    "a table in a stage is not read: the staying-current table goes in a `##` section of its own",
                ));
            }
        }
    }
    Ok(Stage {
        id: slugify(&title, "stage"),
        title,
        span,
        summary: joined(&summary),
        skills,
    })
}

/// `Stage 1: Building Solid Foundations (0–2 Years)` → the title and the span.
fn stage_title(heading: &str) -> (String, Option<String>) {
    let mut title = heading.trim();
    if let Some(rest) = title.strip_prefix("Stage ") {
        let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        if digits.len() < rest.len()
            && let Some(after) = digits.strip_prefix(':')
        {
            title = after.trim();
        }
    }
    let mut span = None;
    if title.ends_with(')')
        && let Some(open) = title.rfind('(')
    {
        let inside = title[open + 1..title.len() - 1].trim();
        if !inside.is_empty() && !title[..open].trim().is_empty() {
            span = Some(inside.to_string());
            title = title[..open].trim_end();
        }
    }
    (title.to_string(), span)
}

fn tips(section: &Section, at: &At) -> Result<Vec<Tip>, ImportError> {
    let mut ids = UniqueIds::default();
    let mut tips = Vec::new();
    for (offset, block) in section.blocks {
        let Block::Bullet(bullet) = block else {
            return Err(at(
                *offset,
                "a tips section holds only bullets: this would be lost",
            ));
        };
        let Some((title, body)) = split_tip(bullet) else {
            return Err(at(
                *offset,
                "a tip is `**Title** — body`, `Title — body` or `Title: body`",
            ));
        };
        tips.push(Tip {
            id: ids.take(slugify(&title, "tip")),
            title,
            body,
        });
    }
    Ok(tips)
}

/// A tip's title and body: the bold start, else the text before ` — ` or `: `.
fn split_tip(bullet: &Bullet) -> Option<(String, String)> {
    let text = bullet.text.trim();
    let (title, rest) = match &bullet.bold_start {
        Some(bold) => (bold.trim(), text.get(bold.len()..).unwrap_or("")),
        None => [" — ", " – ", " - ", ": "]
            .iter()
            .find_map(|sep| text.split_once(sep))
            .map(|(t, r)| (t.trim(), r))?,
    };
    let body = rest
        .trim_start()
        .trim_start_matches(['—', '–', '-', ':'])
        .trim();
    (!title.is_empty() && !body.is_empty()).then(|| (title.to_string(), body.to_string()))
}

fn strategies(section: &Section, at: &At) -> Result<Vec<Strategy>, ImportError> {
    let mut ids = UniqueIds::default();
    let mut strategies = Vec::new();
    for (offset, block) in section.blocks {
        let Block::Table(rows) = block else {
            return Err(at(
                *offset,
                "a staying-current section holds only its table: this would be lost",
            ));
        };
        // The first row is the header.
        for row in rows.iter().skip(1) {
            let [name, time, value] = row.as_slice() else {
                return Err(at(
                    *offset,
                    "the staying-current table has three columns: strategy, time, value",
                ));
            };
            if [name, time, value].iter().any(|c| c.trim().is_empty()) {
                return Err(at(
                    *offset,
                    "a row of the staying-current table has an empty cell",
                ));
            }
            strategies.push(Strategy {
                id: ids.take(slugify(name, "strategy")),
                name: name.clone(),
                time: time.clone(),
                value: value.clone(),
                note: None,
            });
        }
    }
    Ok(strategies)
}

fn paragraph(block: &Block) -> Option<String> {
    match block {
        Block::Paragraph(p) => Some(p.clone()),
        _ => None,
    }
}

fn joined(paragraphs: &[String]) -> Option<String> {
    let text = paragraphs.join("\n\n");
    (!text.trim().is_empty()).then_some(text)
}

/// The article's blocks, in order, each with its inline text made plain:
/// code as its text, a link in prose as `text (url)`.
fn blocks(text: &str) -> Vec<(usize, Block)> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut bullet: Option<(usize, Bullet)> = None;
    let mut table: Option<(usize, Vec<Vec<String>>)> = None;
    let mut link: Option<(String, usize, usize)> = None;
    let mut bold_at: Option<usize> = None;
    let mut start = 0;
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. } | Tag::Paragraph) if bullet.is_none() => {
                start = range.start;
                buf.clear();
            }
            Event::Start(Tag::Item) => {
                finish_bullet(&mut out, &mut bullet, &mut buf);
                bullet = Some((range.start, Bullet::default()));
                buf.clear();
            }
            Event::End(TagEnd::Item) => finish_bullet(&mut out, &mut bullet, &mut buf),
            Event::Start(Tag::Table(_)) => table = Some((range.start, Vec::new())),
            Event::End(TagEnd::Table) => {
                if let Some((at, rows)) = table.take() {
                    out.push((at, Block::Table(rows)));
                }
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                if let Some((_, rows)) = &mut table {
                    rows.push(Vec::new());
                }
            }
            Event::Start(Tag::TableCell) => buf.clear(),
            Event::End(TagEnd::TableCell) => {
                if let Some(row) = table.as_mut().and_then(|(_, rows)| rows.last_mut()) {
                    row.push(tidy(&buf));
                }
            }
            Event::End(TagEnd::Heading(level)) if bullet.is_none() => {
                out.push((start, Block::Heading(level as u8, tidy(&buf))));
            }
            Event::End(TagEnd::Paragraph) if bullet.is_none() => {
                out.push((start, Block::Paragraph(tidy(&buf))));
            }
            Event::Start(Tag::Strong) if buf.trim().is_empty() => bold_at = Some(buf.len()),
            Event::End(TagEnd::Strong) => {
                if let (Some(from), Some((_, b))) = (bold_at.take(), &mut bullet)
                    && b.bold_start.is_none()
                {
                    b.bold_start = Some(tidy(&buf[from..]));
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = Some((dest_url.to_string(), buf.len(), range.start));
            }
            Event::End(TagEnd::Link) => {
                if let Some((url, from, _)) = link.take() {
                    let label = tidy(&buf[from..]);
                    let whole = buf[..from].trim().is_empty();
                    if let (true, Some((_, b))) = (whole, &mut bullet) {
                        b.only_link = Some(Link {
                            title: if label.is_empty() {
                                url.clone()
                            } else {
                                label.clone()
                            },
                            url: url.clone(),
                        });
                    }
                    if label != url {
                        buf.push_str(" (");
                        buf.push_str(&url);
                        buf.push(')');
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                // Text after a link in the same bullet makes it an item.
                if let Some((_, b)) = &mut bullet
                    && link.is_none()
                    && !t.trim().is_empty()
                {
                    b.only_link = None;
                }
                buf.push_str(&t);
            }
            // A paragraph's end inside a bullet, too.
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => buf.push(' '),
            _ => {}
        }
    }
    finish_bullet(&mut out, &mut bullet, &mut buf);
    out
}

fn finish_bullet(
    out: &mut Vec<(usize, Block)>,
    bullet: &mut Option<(usize, Bullet)>,
    buf: &mut String,
) {
    if let Some((at, mut b)) = bullet.take() {
        b.text = tidy(buf);
        out.push((at, Block::Bullet(b)));
    }
    buf.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stage_heading_loses_its_number_and_keeps_its_span() {
        assert_eq!(
            stage_title("Stage 1: Building Solid Foundations (0–2 Years)"),
            (
                "Building Solid Foundations".to_string(),
                Some("0–2 Years".to_string())
            )
        );
        assert_eq!(
            stage_title("Going Deeper"),
            ("Going Deeper".to_string(), None)
        );
        assert_eq!(
            stage_title("Stage Fright"),
            ("Stage Fright".to_string(), None)
        );
        assert_eq!(
            stage_title("(only a span)"),
            ("(only a span)".to_string(), None)
        );
    }

    fn tip(markdown: &str) -> Option<(String, String)> {
        let blocks = blocks(markdown);
        let Some((_, Block::Bullet(b))) = blocks.first() else {
            panic!("no bullet in {markdown:?}: {blocks:?}");
        };
        split_tip(b)
    }

    #[test]
    fn a_tip_is_split_three_ways() {
        let want = Some((
            "Know your projects".to_string(),
            "Trade-offs: asked.".to_string(),
        ));
        assert_eq!(tip("- **Know your projects** — Trade-offs: asked."), want);
        assert_eq!(tip("- **Know your projects**: Trade-offs: asked."), want);
        assert_eq!(tip("- Know your projects — Trade-offs: asked."), want);
        assert_eq!(
            tip("- Know your projects: Trade-offs asked."),
            Some((
                "Know your projects".to_string(),
                "Trade-offs asked.".to_string()
            ))
        );
        assert_eq!(tip("- Just a title"), None);
    }

    #[test]
    fn a_bullet_that_is_only_a_link_is_a_link_and_inline_code_keeps_its_text() {
        let blocks = blocks(
            "- [The Book](https://example.org/book)\n- Read [the book](https://e.org) twice\n- how `__dunder__` works\n",
        );
        let bullets: Vec<&Bullet> = blocks
            .iter()
            .filter_map(|(_, b)| match b {
                Block::Bullet(b) => Some(b),
                _ => None,
            })
            .collect();
        assert_eq!(
            bullets[0].only_link,
            Some(Link {
                title: "The Book".into(),
                url: "https://example.org/book".into()
            })
        );
        assert_eq!(bullets[1].only_link, None);
        assert_eq!(bullets[1].text, "Read the book (https://e.org) twice");
        assert_eq!(bullets[2].text, "how __dunder__ works");
    }
}
