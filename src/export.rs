//! The roadmap and its progress together, as JSON (for scripts) and as
//! GitHub-flavoured markdown (for reading and sharing).

use std::fmt::Write as _;

use jiff::tz::TimeZone;
use serde::Serialize;

use crate::content::Roadmap;
use crate::progress::RoadmapProgress;
use crate::progress::stats::Stats;
use crate::text::clean;

#[derive(Serialize)]
pub struct Export<'a> {
    pub roadmap: RoadmapInfo<'a>,
    pub stages: Vec<StageExport<'a>>,
    pub tips: Vec<TipExport<'a>>,
    pub strategies: Vec<StrategyExport<'a>>,
}

#[derive(Serialize)]
pub struct RoadmapInfo<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub subtitle: Option<&'a str>,
    pub intro: Option<&'a str>,
    pub final_thought: Option<&'a str>,
}

#[derive(Serialize)]
pub struct StageExport<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub span: Option<&'a str>,
    pub skills: Vec<SkillExport<'a>>,
}

#[derive(Serialize)]
pub struct SkillExport<'a> {
    pub id: &'a str,
    pub title: &'a str,
    /// `todo`, `in-progress`, `done` or `skipped`.
    pub status: &'static str,
    /// When the status last changed (RFC 3339), or null.
    pub changed: Option<String>,
    /// The note; empty when there is none.
    pub note: &'a str,
    pub items: Vec<ItemExport<'a>>,
    /// The learner's links to what shows the skill, oldest first.
    pub evidence: Vec<EvidenceExport<'a>>,
}

#[derive(Serialize)]
pub struct EvidenceExport<'a> {
    pub url: &'a str,
    /// Null when it has none.
    pub title: Option<&'a str>,
    /// When it was added (RFC 3339).
    pub added: String,
}

#[derive(Serialize)]
pub struct ItemExport<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub done: bool,
}

#[derive(Serialize)]
pub struct TipExport<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub body: &'a str,
}

#[derive(Serialize)]
pub struct StrategyExport<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub time: &'a str,
    pub value: &'a str,
    pub note: Option<&'a str>,
}

/// The export of `roadmap` with `progress`, ready to serialize.
pub fn build<'a>(roadmap: &'a Roadmap, progress: &'a RoadmapProgress) -> Export<'a> {
    Export {
        roadmap: RoadmapInfo {
            id: &roadmap.id,
            title: &roadmap.title,
            subtitle: roadmap.subtitle.as_deref(),
            intro: roadmap.intro.as_deref(),
            final_thought: roadmap.final_thought.as_deref(),
        },
        stages: roadmap
            .stages
            .iter()
            .map(|stage| StageExport {
                id: &stage.id,
                title: &stage.title,
                span: stage.span.as_deref(),
                skills: stage
                    .skills
                    .iter()
                    .map(|skill| SkillExport {
                        id: &skill.id,
                        title: &skill.title,
                        status: progress.status(&skill.id).as_str(),
                        changed: progress
                            .skill(&skill.id)
                            .and_then(|p| p.changed)
                            .map(|t| t.to_string()),
                        note: progress.note(&skill.id),
                        items: skill
                            .items
                            .iter()
                            .map(|item| ItemExport {
                                id: &item.id,
                                text: &item.text,
                                done: progress.item_done(&skill.id, &item.id),
                            })
                            .collect(),
                        evidence: progress
                            .evidence(&skill.id)
                            .map(|e| EvidenceExport {
                                url: &e.url,
                                title: e.title.as_deref(),
                                added: e.added.to_string(),
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
        tips: roadmap
            .tips
            .iter()
            .map(|t| TipExport {
                id: &t.id,
                title: &t.title,
                body: &t.body,
            })
            .collect(),
        strategies: roadmap
            .strategies
            .iter()
            .map(|s| StrategyExport {
                id: &s.id,
                name: &s.name,
                time: &s.time,
                value: &s.value,
                note: s.note.as_deref(),
            })
            .collect(),
    }
}

/// Pretty JSON. Characters a terminal could act on (C1 controls, bidi
/// overrides), which JSON does not require escaping, are escaped anyway.
pub fn json(roadmap: &Roadmap, progress: &RoadmapProgress) -> String {
    let text = serde_json::to_string_pretty(&build(roadmap, progress)).unwrap_or_default();
    escape_json_extras(&text)
}

/// Escapes, inside a JSON text, the characters `serde_json` leaves raw but a
/// terminal might interpret. They can only occur inside strings, so the
/// result is the same JSON value.
pub fn escape_json_extras(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if matches!(c, '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// Escapes markdown's special characters so text shows as written: inline
/// markup everywhere, and block markers (`#`, `-`, `+`, `>`, `1.`) at the start.
pub fn md_escape(text: &str) -> String {
    let text = clean(text);
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let special = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&'
        );
        let leading = i == 0 && matches!(c, '#' | '-' | '+' | '=');
        if c == '\n' {
            out.push(' ');
            continue;
        }
        if special || leading {
            out.push('\\');
        }
        out.push(c);
    }
    if let Some(dot) = out.find(". ")
        && dot > 0
        && out[..dot].bytes().all(|b| b.is_ascii_digit())
    {
        out.insert(dot, '\\');
    }
    out
}

/// The roadmap with progress as GitHub-flavoured markdown: stages as
/// headings, skills as task-list lines with their items nested and notes
/// quoted, then the tips, the staying-current table and the final thought.
pub fn markdown(roadmap: &Roadmap, progress: &RoadmapProgress, tz: &TimeZone) -> String {
    let mut md = String::new();
    let stats = Stats::count(roadmap, progress);
    let _ = writeln!(md, "# {}\n", md_escape(&roadmap.title));
    if let Some(subtitle) = &roadmap.subtitle {
        let _ = writeln!(md, "*{}*\n", md_escape(subtitle));
    }
    if let Some(intro) = &roadmap.intro {
        md.push_str(&paragraphs(intro));
    }
    let overall = stats.overall;
    let _ = write!(
        md,
        "**Progress:** {} of {} skills done ({}%).",
        overall.done,
        overall.counted(),
        overall.percent()
    );
    if let Some(focus) = &progress.focus {
        let title = roadmap
            .find_skill(&focus.skill)
            .map_or(focus.skill.as_str(), |at| roadmap.skill(at).title.as_str());
        let _ = write!(
            md,
            " **Focus this quarter:** {} (since {}).",
            md_escape(title),
            focus.since.date(tz)
        );
    }
    md.push_str("\n\n");

    for (n, stage) in roadmap.stages.iter().enumerate() {
        let span = stage
            .span
            .as_deref()
            .map(|s| format!(" ({})", md_escape(s)))
            .unwrap_or_default();
        let _ = writeln!(
            md,
            "## Stage {}: {}{span}\n",
            n + 1,
            md_escape(&stage.title)
        );
        if let Some(summary) = &stage.summary {
            md.push_str(&paragraphs(summary));
        }
        for skill in &stage.skills {
            skill_lines(&mut md, skill, progress, tz);
        }
        md.push('\n');
    }

    if !roadmap.tips.is_empty() {
        let title = roadmap.tips_title.as_deref().unwrap_or("Interview Tips");
        let _ = writeln!(md, "## {}\n", md_escape(title));
        for tip in &roadmap.tips {
            let _ = writeln!(
                md,
                "- **{}** — {}",
                md_escape(&tip.title),
                md_escape(&tip.body)
            );
        }
        md.push('\n');
    }
    if !roadmap.strategies.is_empty() {
        let title = roadmap
            .strategies_title
            .as_deref()
            .unwrap_or("Staying Current");
        let _ = writeln!(md, "## {}\n", md_escape(title));
        md.push_str("| Strategy | Time Investment | Value |\n|---|---|---|\n");
        for s in &roadmap.strategies {
            let _ = writeln!(
                md,
                "| {} | {} | {} |",
                md_escape(&s.name),
                md_escape(&s.time),
                md_escape(&s.value)
            );
        }
        md.push('\n');
    }
    if let Some(thought) = &roadmap.final_thought {
        md.push_str("## Final Thought\n\n");
        md.push_str(&paragraphs(thought));
    }
    while md.ends_with("\n\n") {
        md.pop();
    }
    md
}

fn skill_lines(
    md: &mut String,
    skill: &crate::content::Skill,
    progress: &RoadmapProgress,
    tz: &TimeZone,
) {
    use crate::progress::Status;
    let status = progress.status(&skill.id);
    let mark = if status == Status::Done { "x" } else { " " };
    let words = match status {
        Status::InProgress => " *(in progress)*",
        Status::Skipped => " *(skipped)*",
        Status::Todo | Status::Done => "",
    };
    let _ = writeln!(md, "- [{mark}] {}{words}", md_escape(&skill.title));
    for item in &skill.items {
        let mark = if progress.item_done(&skill.id, &item.id) {
            "x"
        } else {
            " "
        };
        let _ = writeln!(md, "  - [{mark}] {}", md_escape(&item.text));
    }
    for link in progress.evidence(&skill.id) {
        let url = clean(&link.url).replace(['<', '>'], "");
        let shown = match &link.title {
            Some(title) => format!("[{}](<{url}>)", md_escape(title)),
            None if url.contains("://") => format!("<{url}>"),
            None => format!("`{}`", url.replace('`', "'")),
        };
        let _ = writeln!(md, "  - Evidence: {shown} (added {})", link.added.date(tz));
    }
    let note = progress.note(&skill.id);
    if !note.trim().is_empty() {
        md.push('\n');
        // Two trailing spaces keep each line of the note on its own line
        // (a blockquote otherwise joins them into one paragraph).
        for line in clean(note).lines() {
            if line.trim().is_empty() {
                md.push_str("  >\n");
            } else {
                let _ = writeln!(md, "  > {line}  ");
            }
        }
        md.push('\n');
    }
}

/// Prose as markdown paragraphs (blank-line separated), escaped.
fn paragraphs(text: &str) -> String {
    let mut out = String::new();
    for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        out.push_str(&md_escape(paragraph));
        out.push_str("\n\n");
    }
    out
}
