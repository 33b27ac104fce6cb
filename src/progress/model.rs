//! What the user did: statuses, ticks, notes and focus, keyed by stable ids.
//! This is the only state that is persisted.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::log::LogEntry;
use crate::content::Roadmap;
use crate::time::Stamp;

/// The format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The whole `progress.toml`: every roadmap's progress, keyed by roadmap id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressFile {
    pub version: u32,
    #[serde(default)]
    pub roadmaps: BTreeMap<String, RoadmapProgress>,
}

impl Default for ProgressFile {
    fn default() -> Self {
        Self {
            version: FORMAT_VERSION,
            roadmaps: BTreeMap::new(),
        }
    }
}

impl ProgressFile {
    /// This file with `progress` as roadmap `id`'s.
    #[must_use]
    pub fn with(&self, id: &str, progress: &RoadmapProgress) -> ProgressFile {
        let mut file = self.clone();
        if *progress == RoadmapProgress::default() {
            file.roadmaps.remove(id);
        } else {
            file.roadmaps.insert(id.to_string(), progress.clone());
        }
        file
    }
}

/// A skill's status.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    #[default]
    Todo,
    InProgress,
    Done,
    Skipped,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Todo,
        Status::InProgress,
        Status::Done,
        Status::Skipped,
    ];

    /// todo → in-progress → done → skipped → todo.
    #[must_use]
    pub fn next(self) -> Status {
        match self {
            Status::Todo => Status::InProgress,
            Status::InProgress => Status::Done,
            Status::Done => Status::Skipped,
            Status::Skipped => Status::Todo,
        }
    }

    /// The name used in files, JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Todo => "todo",
            Status::InProgress => "in-progress",
            Status::Done => "done",
            Status::Skipped => "skipped",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "todo" => Some(Status::Todo),
            "in-progress" => Some(Status::InProgress),
            "done" => Some(Status::Done),
            "skipped" => Some(Status::Skipped),
            _ => None,
        }
    }

    /// The checklist marker: `[ ]`, `[~]`, `[x]`, `[-]`.
    pub fn marker(self) -> &'static str {
        match self {
            Status::Todo => "[ ]",
            Status::InProgress => "[~]",
            Status::Done => "[x]",
            Status::Skipped => "[-]",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One roadmap's progress.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoadmapProgress {
    #[serde(default)]
    pub focus: Option<Focus>,
    /// When a focus was last set or ended (older files: see [`RoadmapProgress::focus_time`]).
    #[serde(default)]
    pub focus_changed: Option<Stamp>,
    /// Earlier focuses, oldest first.
    #[serde(default)]
    pub focus_history: Vec<PastFocus>,
    #[serde(default)]
    pub skills: BTreeMap<String, SkillProgress>,
    /// Every change, oldest first (see [`super::log`]).
    #[serde(default)]
    pub log: Vec<super::log::LogEntry>,
}

/// This quarter's focus: one skill, since a date.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Focus {
    pub skill: String,
    pub since: Stamp,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PastFocus {
    pub skill: String,
    pub since: Stamp,
    pub until: Stamp,
}

/// One skill's progress. Absent fields mean "never touched".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkillProgress {
    #[serde(default)]
    pub status: Status,
    /// When the status last changed.
    #[serde(default)]
    pub changed: Option<Stamp>,
    #[serde(default)]
    pub note: String,
    /// When the note last changed, cleared included: a cleared note is a
    /// change that merges, not a missing entry.
    #[serde(default)]
    pub note_changed: Option<Stamp>,
    /// The note holds texts from two copies of the file, merged: marked
    /// until it is next edited.
    #[serde(default)]
    pub note_merged: bool,
    /// A note being edited when the app last stopped, offered back on the next start.
    #[serde(default)]
    pub draft: Option<Draft>,
    #[serde(default)]
    pub items: BTreeMap<String, ItemProgress>,
    /// The learner's own links to what shows the skill (a PR, a project, a
    /// write-up), in the order they were added; removed ones are kept,
    /// dated, so that a removal merges.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// The last review of the skill, once done (see [`super::review`]).
    #[serde(default)]
    pub review: Option<super::review::Review>,
}

/// A link to what shows a skill: a URL or a local path, shown, never opened.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub url: String,
    #[serde(default)]
    pub title: Option<String>,
    pub added: Stamp,
    /// When it was removed (it is not shown).
    #[serde(default)]
    pub removed: Option<Stamp>,
}

impl Evidence {
    /// When it last changed: added, or removed.
    pub fn changed(&self) -> Stamp {
        self.removed
            .map_or(self.added, |removed| removed.max(self.added))
    }

    pub fn is_removed(&self) -> bool {
        self.removed.is_some_and(|removed| removed >= self.added)
    }
}

/// Whether `text` is a URL (`scheme://…`, or `mailto:`) or a path
/// (absolute, `~/…`, `./…`, `../…`, a Windows drive, or one that exists):
/// what evidence may be. Anything else is refused with why.
pub fn check_link(text: &str) -> Result<(), String> {
    let text = text.trim();
    let scheme = text.split_once("://").map(|(s, _)| s);
    let url = scheme.is_some_and(|s| {
        !s.is_empty()
            && s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    }) && !text.ends_with("://");
    let mail = text
        .strip_prefix("mailto:")
        .is_some_and(|rest| rest.contains('@'));
    let bytes = text.as_bytes();
    let drive = bytes.len() > 2
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && (bytes[2] == b'\\' || bytes[2] == b'/');
    let path = text.starts_with('/')
        || ["~/", "./", "../", ".\\", "..\\", "\\\\"]
            .iter()
            .any(|p| text.starts_with(p))
        || drive
        || (!text.is_empty() && std::path::Path::new(text).exists());
    if text.chars().any(char::is_control) {
        return Err("a link cannot hold control characters".into());
    }
    if url || mail || path {
        Ok(())
    } else {
        Err(format!(
            "`{text}` is neither a URL (https://…) nor a path (/…, ~/…, ./…)"
        ))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub text: String,
    pub saved: Stamp,
}

/// A tick, or an untick: either way a dated change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemProgress {
    pub done: bool,
    pub changed: Stamp,
}

impl SkillProgress {
    pub fn is_empty(&self) -> bool {
        *self == SkillProgress::default()
    }
}

impl RoadmapProgress {
    pub fn skill(&self, id: &str) -> Option<&SkillProgress> {
        self.skills.get(id)
    }

    pub fn status(&self, skill: &str) -> Status {
        self.skill(skill).map_or(Status::Todo, |s| s.status)
    }

    pub fn note(&self, skill: &str) -> &str {
        self.skill(skill).map_or("", |s| s.note.as_str())
    }

    pub fn has_note(&self, skill: &str) -> bool {
        !self.note(skill).trim().is_empty()
    }

    pub fn item_done(&self, skill: &str, item: &str) -> bool {
        self.skill(skill)
            .and_then(|s| s.items.get(item))
            .is_some_and(|i| i.done)
    }

    /// Sets a skill's status; returns whether anything changed.
    pub fn set_status(&mut self, skill: &str, status: Status, now: Stamp) -> bool {
        if self.status(skill) == status {
            return false;
        }
        let from = self.status(skill);
        let entry = self.skills.entry(skill.to_string()).or_default();
        entry.status = status;
        entry.changed = Some(now);
        let mut change = LogEntry::new(now, skill, "status");
        change.from = Some(from.as_str().to_string());
        change.to = Some(status.as_str().to_string());
        self.record(change);
        true
    }

    /// Sets a checklist item done or not; returns whether anything changed.
    pub fn set_item(&mut self, skill: &str, item: &str, done: bool, now: Stamp) -> bool {
        if self.item_done(skill, item) == done {
            return false;
        }
        let entry = self.skills.entry(skill.to_string()).or_default();
        entry
            .items
            .insert(item.to_string(), ItemProgress { done, changed: now });
        let mut change = LogEntry::new(now, skill, if done { "tick" } else { "untick" });
        change.item = Some(item.to_string());
        self.record(change);
        true
    }

    /// Replaces a skill's note (trailing whitespace trimmed) and clears its draft.
    /// Returns whether the note changed.
    pub fn set_note(&mut self, skill: &str, text: &str, now: Stamp) -> bool {
        let text = text.trim_end();
        let entry = self.skills.entry(skill.to_string()).or_default();
        entry.draft = None;
        let changed = entry.note != text;
        if changed {
            entry.note = text.to_string();
            entry.note_changed = Some(now);
            entry.note_merged = false;
        }
        if entry.is_empty() {
            self.skills.remove(skill);
        }
        if changed {
            self.record(LogEntry::new(now, skill, "note"));
        }
        changed
    }

    /// Keeps the text being edited as a draft, without touching the note.
    pub fn set_draft(&mut self, skill: &str, text: &str, now: Stamp) {
        let entry = self.skills.entry(skill.to_string()).or_default();
        entry.draft = Some(Draft {
            text: text.to_string(),
            saved: now,
        });
    }

    pub fn clear_draft(&mut self, skill: &str) -> bool {
        let Some(entry) = self.skills.get_mut(skill) else {
            return false;
        };
        let had = entry.draft.take().is_some();
        if entry.is_empty() {
            self.skills.remove(skill);
        }
        had
    }

    /// Drafts left over from an earlier run, as (skill id, draft).
    pub fn drafts(&self) -> impl Iterator<Item = (&str, &Draft)> {
        self.skills
            .iter()
            .filter_map(|(id, s)| s.draft.as_ref().map(|d| (id.as_str(), d)))
    }

    /// Appends a line to a skill's note.
    pub fn append_note(&mut self, skill: &str, line: &str, now: Stamp) -> bool {
        let current = self.note(skill);
        let text = if current.is_empty() {
            line.to_string()
        } else {
            format!("{current}\n{line}")
        };
        self.set_note(skill, &text, now)
    }

    /// The skill's evidence, as shown: the links not removed.
    pub fn evidence(&self, skill: &str) -> impl Iterator<Item = &Evidence> {
        self.skill(skill)
            .into_iter()
            .flat_map(|s| s.evidence.iter())
            .filter(|e| !e.is_removed())
    }

    /// Adds a link to a skill (a link it already has gets the new title);
    /// returns whether anything changed.
    pub fn add_evidence(
        &mut self,
        skill: &str,
        url: &str,
        title: Option<&str>,
        now: Stamp,
    ) -> bool {
        let title = title
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        let entry = self.skills.entry(skill.to_string()).or_default();
        let link = Evidence {
            url: url.to_string(),
            title,
            added: now,
            removed: None,
        };
        match entry.evidence.iter_mut().find(|e| e.url == url) {
            Some(old) if !old.is_removed() && old.title == link.title => return false,
            Some(old) => *old = link,
            None => entry.evidence.push(link),
        }
        let mut change = LogEntry::new(now, skill, "link");
        change.url = Some(url.to_string());
        self.record(change);
        true
    }

    /// Removes a link from a skill (kept, dated, so the removal merges);
    /// returns whether it had it.
    pub fn remove_evidence(&mut self, skill: &str, url: &str, now: Stamp) -> bool {
        let Some(entry) = self.skills.get_mut(skill) else {
            return false;
        };
        match entry
            .evidence
            .iter_mut()
            .find(|e| e.url == url && !e.is_removed())
        {
            Some(link) => link.removed = Some(now.max(link.added)),
            None => return false,
        }
        let mut change = LogEntry::new(now, skill, "unlink");
        change.url = Some(url.to_string());
        self.record(change);
        true
    }

    /// Makes `skill` the current focus; an earlier one moves to the history.
    /// Returns false if it already was the focus.
    pub fn set_focus(&mut self, skill: &str, now: Stamp) -> bool {
        if self.focus.as_ref().is_some_and(|f| f.skill == skill) {
            return false;
        }
        if let Some(old) = self.focus.take() {
            self.focus_history.push(PastFocus {
                skill: old.skill,
                since: old.since,
                until: now,
            });
        }
        self.focus = Some(Focus {
            skill: skill.to_string(),
            since: now,
        });
        self.focus_changed = Some(now);
        self.record(LogEntry::new(now, skill, "focus"));
        true
    }

    /// When the focus was last set or ended; for a file written before that
    /// was kept, the start of the focus or the end of the latest one.
    pub fn focus_time(&self) -> Option<Stamp> {
        self.focus_changed.or_else(|| match &self.focus {
            Some(focus) => Some(focus.since),
            None => self.focus_history.iter().map(|p| p.until).max(),
        })
    }

    /// Ends the current focus (it moves to the history).
    pub fn clear_focus(&mut self, now: Stamp) -> bool {
        let Some(old) = self.focus.take() else {
            return false;
        };
        self.record(LogEntry::new(now, &old.skill, "unfocus"));
        self.focus_history.push(PastFocus {
            skill: old.skill,
            since: old.since,
            until: now,
        });
        self.focus_changed = Some(now);
        true
    }

    pub fn focus_skill(&self) -> Option<&str> {
        self.focus.as_ref().map(|f| f.skill.as_str())
    }

    /// Progress entries whose skill or item is not in `roadmap`: kept in the
    /// file, restored if the id comes back.
    pub fn orphans(&self, roadmap: &Roadmap) -> Orphans {
        let mut orphans = Orphans::default();
        for (id, progress) in &self.skills {
            let Some(at) = roadmap.find_skill(id) else {
                orphans.skills += 1;
                continue;
            };
            let skill = roadmap.skill(at);
            orphans.items += progress
                .items
                .keys()
                .filter(|item| !skill.items.iter().any(|i| &i.id == *item))
                .count();
        }
        orphans
    }
}

/// Counts of progress entries that no longer match the content.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Orphans {
    pub skills: usize,
    pub items: usize,
}

impl Orphans {
    pub fn total(&self) -> usize {
        self.skills + self.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_reads_back_as_it_is_written_and_nothing_else_reads() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
        for other in ["", "Done", "done ", "in progress", "todo\n"] {
            assert_eq!(Status::parse(other), None, "{other:?}");
        }
    }

    fn at(secs: i64) -> Stamp {
        Stamp::from_unix(secs)
    }

    #[test]
    fn status_cycles_through_all_four() {
        let mut s = Status::Todo;
        let mut seen = vec![s];
        for _ in 0..4 {
            s = s.next();
            seen.push(s);
        }
        assert_eq!(
            seen,
            [
                Status::Todo,
                Status::InProgress,
                Status::Done,
                Status::Skipped,
                Status::Todo
            ]
        );
    }

    #[test]
    fn setting_status_records_the_date_only_when_it_changes() {
        let mut p = RoadmapProgress::default();
        assert!(p.set_status("a", Status::Done, at(100)));
        assert!(!p.set_status("a", Status::Done, at(200)));
        assert_eq!(p.skill("a").unwrap().changed, Some(at(100)));
    }

    #[test]
    fn evidence_is_a_url_or_a_path_and_nothing_else() {
        for good in [
            "https://github.com/me/repo/pull/12",
            "http://localhost:8000/x",
            "file:///home/me/notes.md",
            "mailto:me@example.com",
            "/home/me/project",
            "~/talks/pycon.pdf",
            "./README.md",
            "../other",
            "C:\\Users\\me\\x.md",
        ] {
            assert_eq!(check_link(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "my project",
            "https://",
            "://x",
            "not a url at all",
            "ftp:/x",
            "a\u{1b}b",
        ] {
            assert!(check_link(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_removed_link_is_kept_dated_and_an_added_one_replaces_it() {
        let mut p = RoadmapProgress::default();
        assert!(p.add_evidence("a", "https://x.org", Some("X"), at(1)));
        assert!(
            !p.add_evidence("a", "https://x.org", Some("X"), at(2)),
            "already there"
        );
        assert!(p.remove_evidence("a", "https://x.org", at(3)));
        assert!(
            !p.remove_evidence("a", "https://x.org", at(4)),
            "already gone"
        );
        assert_eq!(p.evidence("a").count(), 0);
        assert_eq!(p.skill("a").unwrap().evidence[0].removed, Some(at(3)));
        assert!(p.add_evidence("a", "https://x.org", None, at(5)));
        assert_eq!(
            p.evidence("a").map(|e| e.title.clone()).collect::<Vec<_>>(),
            [None]
        );
    }

    #[test]
    fn focus_keeps_earlier_ones_as_history() {
        let mut p = RoadmapProgress::default();
        p.set_focus("a", at(100));
        p.set_focus("b", at(200));
        assert_eq!(p.focus_skill(), Some("b"));
        assert_eq!(
            p.focus_history,
            [PastFocus {
                skill: "a".into(),
                since: at(100),
                until: at(200)
            }]
        );
        assert!(!p.set_focus("b", at(300)), "already the focus");
    }

    #[test]
    fn saving_a_note_clears_its_draft_and_a_cleared_note_keeps_its_date() {
        let mut p = RoadmapProgress::default();
        p.set_draft("a", "half", at(1));
        assert_eq!(p.drafts().count(), 1);
        p.set_note("a", "whole\n\n", at(2));
        assert_eq!(p.note("a"), "whole");
        assert_eq!(p.drafts().count(), 0);
        // Cleared: a dated change that merges, not a missing entry.
        p.set_note("a", "", at(3));
        assert_eq!(p.note("a"), "");
        assert_eq!(p.skill("a").unwrap().note_changed, Some(at(3)));
        // Never written, nothing kept.
        p.set_draft("b", "half", at(4));
        p.set_note("b", "", at(5));
        assert!(p.skill("b").is_none());
    }
}
