//! Scrolling documents (the detail pane, About, tips and journal cards) as
//! wrapped lines with a meaning but no style: `update()` uses them to keep the
//! picked checklist item in view, the UI styles and draws them.

use std::fmt::Write as _;

use crate::content::SkillRef;
use crate::progress::Status;
use crate::text::{clean_line, wrap, wrap_first};

use super::state::App;

/// What a line is, which decides its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Title,
    Meta,
    Status(Status),
    Focus,
    Heading,
    Prose,
    /// A checklist item's line; `first` is its first wrapped line.
    Item {
        index: usize,
        done: bool,
        first: bool,
    },
    Link,
    Url,
    /// One of the learner's links; `index` counts on from the checklist's
    /// items, so one cursor picks either.
    Evidence {
        index: usize,
    },
    Note,
    Placeholder,
    Blank,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLine {
    pub kind: LineKind,
    pub text: String,
    /// A dim remark after the text, such as the date an item was ticked.
    pub aside: Option<String>,
}

impl DocLine {
    fn new(kind: LineKind, text: impl Into<String>) -> Self {
        Self {
            kind,
            text: text.into(),
            aside: None,
        }
    }

    pub fn item(&self) -> Option<usize> {
        match self.kind {
            LineKind::Item { index, .. } | LineKind::Evidence { index } => Some(index),
            _ => None,
        }
    }
}

/// Most note lines the detail pane previews.
const NOTE_PREVIEW_LINES: usize = 8;

/// A document being written: its lines, wrapped to `width` columns.
struct Document {
    width: usize,
    lines: Vec<DocLine>,
}

impl Document {
    fn new(width: usize) -> Self {
        Self {
            width: width.max(1),
            lines: Vec::new(),
        }
    }

    fn push(&mut self, kind: LineKind, text: &str) {
        for line in wrap(text, self.width) {
            self.lines.push(DocLine::new(kind, line));
        }
    }

    /// A URL under its link, indented: whole, on one line where it fits
    /// (so a terminal can find it), else broken across lines, never cut.
    fn url(&mut self, kind: LineKind, url: &str) {
        let url = clean_line(url);
        for part in crate::text::wrap(&url, self.width.saturating_sub(2)) {
            self.lines.push(DocLine::new(kind, format!("  {part}")));
        }
    }

    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| l.kind != LineKind::Blank) {
            self.lines.push(DocLine::new(LineKind::Blank, ""));
        }
    }

    /// Text wrapped under a prefix such as `[x] `, later lines indented to match.
    fn hanging(
        &mut self,
        kind: impl Fn(bool) -> LineKind,
        prefix: &str,
        text: &str,
        aside: Option<String>,
    ) {
        let indent = crate::text::width(prefix);
        let lines = wrap(&clean_line(text), self.width.saturating_sub(indent).max(1));
        for (i, line) in lines.into_iter().enumerate() {
            let lead = if i == 0 {
                prefix.to_string()
            } else {
                " ".repeat(indent)
            };
            self.lines
                .push(DocLine::new(kind(i == 0), format!("{lead}{line}")));
        }
        // The remark goes after the last line if it fits, else on a line of its own.
        if let (Some(aside), Some(last)) = (aside, self.lines.last_mut()) {
            if crate::text::width(&last.text) + 2 + crate::text::width(&aside) <= self.width {
                last.aside = Some(aside);
            } else {
                let mut line = DocLine::new(kind(false), " ".repeat(indent));
                line.aside = Some(aside);
                self.lines.push(line);
            }
        }
    }
}

impl App {
    /// The detail pane's document for `at`, wrapped to `width` columns.
    pub fn skill_document(&self, at: SkillRef, width: usize) -> Vec<DocLine> {
        let stage = &self.roadmap.stages[at.stage];
        let skill = self.roadmap.skill(at);
        let progress = self.progress.skill(&skill.id);
        let mut doc = Document::new(width);

        doc.push(LineKind::Title, &skill.title);
        // "·" is held to what follows by a no-break space: a line never ends on it.
        let meta = format!("Stage {} ·\u{a0}{}", at.stage + 1, stage.title);
        match &stage.span {
            // On one line when it fits; else the span gets its own, no "·" first.
            Some(span) if crate::text::width(&meta) + 3 + crate::text::width(span) > width => {
                doc.push(LineKind::Meta, &meta);
                doc.push(LineKind::Meta, span);
            }
            Some(span) => doc.push(LineKind::Meta, &format!("{meta} · {span}")),
            None => doc.push(LineKind::Meta, &meta),
        }
        if let Some(summary) = &stage.summary {
            doc.push(LineKind::Meta, summary);
        }

        let status = self.progress.status(&skill.id);
        let mut status_line = format!("{} {}", status.marker(), status_words(status));
        if let Some(changed) = progress.and_then(|p| p.changed) {
            let _ = write!(status_line, " · since {}", changed.date(&self.tz));
        }
        doc.push(LineKind::Status(status), &status_line);
        if let Some(focus) = self.progress.focus.as_ref().filter(|f| f.skill == skill.id) {
            let line = format!("★ focus since {}", focus.since.date(&self.tz));
            doc.push(LineKind::Focus, &line);
        }

        if let Some(body) = &skill.body {
            doc.blank();
            doc.push(LineKind::Prose, body);
        }

        if !skill.items.is_empty() {
            doc.blank();
            let done = skill
                .items
                .iter()
                .filter(|i| self.progress.item_done(&skill.id, &i.id))
                .count();
            doc.push(
                LineKind::Heading,
                &format!("Checklist {done}/{}", skill.items.len()),
            );
            for (index, item) in skill.items.iter().enumerate() {
                let record = progress.and_then(|p| p.items.get(&item.id));
                let done = record.is_some_and(|r| r.done);
                let aside = record
                    .filter(|r| r.done)
                    .map(|r| format!("ticked {}", r.changed.date(&self.tz)));
                let prefix = if done { "[x] " } else { "[ ] " };
                doc.hanging(
                    |first| LineKind::Item { index, done, first },
                    prefix,
                    &item.text,
                    aside,
                );
            }
        }

        if !skill.links.is_empty() {
            doc.blank();
            doc.push(LineKind::Heading, "Links");
            for link in &skill.links {
                doc.hanging(|_| LineKind::Link, "• ", &link.title, None);
                doc.url(LineKind::Url, &link.url);
            }
        }

        self.evidence_lines(&mut doc, skill);

        doc.blank();
        let note = self.progress.note(&skill.id);
        if note.trim().is_empty() {
            doc.push(LineKind::Heading, "Note");
            doc.push(LineKind::Placeholder, "No note yet: press n to write one.");
        } else {
            let mut heading = "Note".to_string();
            if let Some(when) = progress.and_then(|p| p.note_changed) {
                let _ = write!(heading, " · {}", when.date(&self.tz));
            }
            // Until the next edit, so the user looks the texts over.
            if progress.is_some_and(|p| p.note_merged) {
                heading.push_str(" · merged copies");
            }
            doc.push(LineKind::Heading, &heading);
            let (lines, more) = wrap_first(note, doc.width, NOTE_PREVIEW_LINES);
            for line in lines {
                doc.lines.push(DocLine::new(LineKind::Note, line));
            }
            if more {
                doc.push(LineKind::Placeholder, "… (n to read and edit it all)");
            }
        }
        doc.lines
    }

    /// The learner's links under a skill, picked with one cursor after the
    /// checklist's items.
    fn evidence_lines(&self, doc: &mut Document, skill: &crate::content::Skill) {
        let evidence: Vec<_> = self.progress.evidence(&skill.id).collect();
        if !evidence.is_empty() {
            doc.blank();
            doc.push(LineKind::Heading, "Evidence");
            for (k, link) in evidence.into_iter().enumerate() {
                let index = skill.items.len() + k;
                let aside = Some(format!("added {}", link.added.date(&self.tz)));
                let title = link.title.as_deref().unwrap_or(&link.url);
                doc.hanging(|_| LineKind::Evidence { index }, "• ", title, aside);
                if link.title.is_some() {
                    doc.url(LineKind::Evidence { index }, &link.url);
                }
            }
        }
    }

    /// The About view: title, subtitle, introduction, stages, final thought.
    pub fn about_document(&self, width: usize) -> Vec<DocLine> {
        let r = &self.roadmap;
        let mut doc = Document::new(width);
        doc.push(LineKind::Title, &r.title);
        if let Some(subtitle) = &r.subtitle {
            doc.push(LineKind::Meta, subtitle);
        }
        if let Some(intro) = &r.intro {
            doc.blank();
            doc.push(LineKind::Prose, intro);
        }
        doc.blank();
        doc.push(LineKind::Heading, "Stages");
        for (n, stage) in r.stages.iter().enumerate() {
            let span = stage
                .span
                .as_deref()
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            doc.hanging(
                |_| LineKind::Prose,
                &format!("{}. ", n + 1),
                &format!("{}{span}", stage.title),
                None,
            );
        }
        if let Some(thought) = &r.final_thought {
            doc.blank();
            doc.push(LineKind::Heading, "Final Thought");
            doc.push(LineKind::Prose, thought);
        }
        doc.lines
    }

    /// One interview tip as a card: its title, then its body.
    pub fn tip_card(&self, index: usize, width: usize) -> Vec<DocLine> {
        let tip = &self.roadmap.tips[index];
        let mut doc = Document::new(width);
        doc.push(LineKind::Title, &tip.title);
        doc.push(LineKind::Prose, &tip.body);
        doc.lines
    }

    /// One journal entry as a card: date and skill, then the note's first lines.
    pub fn journal_card(&self, at: SkillRef, width: usize, max_lines: usize) -> Vec<DocLine> {
        let skill = self.roadmap.skill(at);
        let mut doc = Document::new(width);
        let when = self
            .progress
            .skill(&skill.id)
            .and_then(|p| p.note_changed)
            .map(|t| t.date(&self.tz))
            .unwrap_or_default();
        let mut head = DocLine::new(LineKind::Title, clean_line(&skill.title).into_owned());
        head.aside = Some(when);
        doc.lines.push(head);
        let (lines, more) = wrap_first(self.progress.note(&skill.id), doc.width, max_lines);
        for line in lines {
            doc.lines.push(DocLine::new(LineKind::Note, line));
        }
        if more {
            doc.lines.push(DocLine::new(LineKind::Placeholder, "…"));
        }
        doc.lines
    }
}

pub fn status_words(status: Status) -> &'static str {
    match status {
        Status::Todo => "todo",
        Status::InProgress => "in progress",
        Status::Done => "done",
        Status::Skipped => "skipped",
    }
}
