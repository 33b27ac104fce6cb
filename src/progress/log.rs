//! The activity log: every change to a roadmap's progress, with its time,
//! kept in `progress.toml` beside the rest, newest last, bounded, and merged
//! like everything else (the union of both sides, the newest kept).

use serde::{Deserialize, Serialize};

use super::model::RoadmapProgress;
use crate::time::Stamp;

/// How many entries a roadmap's log keeps: the newest.
pub const LOG_LIMIT: usize = 1000;

/// One change. `kind` says what it was; the fields that go with it are set.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogEntry {
    pub at: Stamp,
    pub skill: String,
    /// `status`, `tick`, `untick`, `note`, `link`, `unlink`, `focus`,
    /// `unfocus` or `review`.
    pub kind: String,
    /// A status change: from and to (`todo`, `in-progress`, `done`, `skipped`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// A tick or an untick: the checklist item's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// A link added or removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// A review: how well the skill could be explained.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<String>,
}

impl LogEntry {
    pub fn new(at: Stamp, skill: &str, kind: &str) -> LogEntry {
        LogEntry {
            at,
            skill: skill.to_string(),
            kind: kind.to_string(),
            from: None,
            to: None,
            item: None,
            url: None,
            rating: None,
        }
    }

    /// What happened, in a few words: `todo → done`, `ticked x`, ...
    pub fn describe(&self) -> String {
        let field = |f: &Option<String>| f.clone().unwrap_or_default();
        match self.kind.as_str() {
            "status" => format!("{} → {}", field(&self.from), field(&self.to)),
            "tick" => format!("ticked {}", field(&self.item)),
            "untick" => format!("unticked {}", field(&self.item)),
            "note" => "wrote the note".into(),
            "link" => format!("linked {}", field(&self.url)),
            "unlink" => format!("unlinked {}", field(&self.url)),
            "focus" => "made it this quarter's focus".into(),
            "unfocus" => "ended the focus".into(),
            "review" => format!("reviewed it: {}", field(&self.rating)),
            other => other.to_string(),
        }
    }
}

impl RoadmapProgress {
    /// Keeps `entry` in the log, in the order a merge keeps (by time, then
    /// by what it is; the same change in the same second once), the oldest
    /// going past [`LOG_LIMIT`].
    pub fn record(&mut self, entry: LogEntry) {
        let at = self.log.partition_point(|e| *e < entry);
        if self.log.get(at) == Some(&entry) {
            return;
        }
        self.log.insert(at, entry);
        if self.log.len() > LOG_LIMIT {
            let extra = self.log.len() - LOG_LIMIT;
            self.log.drain(..extra);
        }
    }
}

/// Two logs as one: every entry of either, once, in time order, the newest
/// [`LOG_LIMIT`] kept.
pub fn merge(ours: &[LogEntry], theirs: &[LogEntry]) -> Vec<LogEntry> {
    let mut all: Vec<LogEntry> = ours.iter().chain(theirs).cloned().collect();
    all.sort();
    all.dedup();
    let extra = all.len().saturating_sub(LOG_LIMIT);
    all.drain(..extra);
    all
}
