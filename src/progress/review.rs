//! Spaced review of what is done, on a fixed ladder of intervals: a done
//! skill first comes up three days after it was done (never the same day);
//! each review moves it along the ladder by how well it went.

use serde::{Deserialize, Serialize};

use super::log::LogEntry;
use super::model::{RoadmapProgress, SkillProgress, Status};
use crate::time::Stamp;

/// The intervals, in days, a skill is reviewed at: rung 1 (three days) after
/// it is done; `good` climbs a rung, `easy` two, `hard` stays, `again` drops
/// to rung 0 (tomorrow).
pub const LADDER_DAYS: [i64; 8] = [1, 3, 7, 14, 30, 60, 120, 240];

const DAY: i64 = 24 * 60 * 60;

/// How well the learner could explain the skill now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rating {
    Again,
    Hard,
    Good,
    Easy,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Again => "again",
            Rating::Hard => "hard",
            Rating::Good => "good",
            Rating::Easy => "easy",
        }
    }

    pub fn parse(text: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| r.as_str() == text)
    }

    /// The rung after one at `rung`.
    fn next(self, rung: usize) -> usize {
        let last = LADDER_DAYS.len() - 1;
        match self {
            Rating::Again => 0,
            Rating::Hard => rung,
            Rating::Good => (rung + 1).min(last),
            Rating::Easy => (rung + 2).min(last),
        }
    }
}

/// The last review of a skill: when, the rung it left it on, and when the
/// next is due.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub at: Stamp,
    pub rung: usize,
    pub due: Stamp,
}

fn days_after(at: Stamp, days: i64) -> Stamp {
    Stamp::from_unix(at.as_unix().saturating_add(days * DAY))
}

impl SkillProgress {
    /// The review that counts: one made since the skill was last done (a
    /// skill done again starts the ladder again).
    fn current_review(&self) -> Option<&Review> {
        self.review
            .as_ref()
            .filter(|r| self.changed.is_none_or(|done| r.at >= done))
    }

    /// When the skill is next due for review, if it is done.
    pub fn review_due(&self) -> Option<Stamp> {
        if self.status != Status::Done {
            return None;
        }
        match (self.current_review(), self.changed) {
            (Some(review), _) => Some(review.due),
            (None, Some(done)) => Some(days_after(done, LADDER_DAYS[1])),
            // Marked done by hand, with no date: due now.
            (None, None) => Some(Stamp::from_unix(0)),
        }
    }
}

impl RoadmapProgress {
    /// Records a review of `skill`, rated `rating`; refused for a skill that
    /// is not done.
    pub fn review(&mut self, skill: &str, rating: Rating, now: Stamp) -> Result<Review, String> {
        let Some(entry) = self
            .skills
            .get_mut(skill)
            .filter(|s| s.status == Status::Done)
        else {
            return Err(format!(
                "`{skill}` is not done: only done skills are reviewed"
            ));
        };
        let rung = entry.current_review().map_or(1, |r| r.rung);
        let rung = rating.next(rung);
        let review = Review {
            at: now,
            rung,
            due: days_after(now, LADDER_DAYS[rung]),
        };
        entry.review = Some(review.clone());
        let mut change = LogEntry::new(now, skill, "review");
        change.rating = Some(rating.as_str().to_string());
        self.record(change);
        Ok(review)
    }

    /// The done skills due for review by `until`, soonest first, as (id, due).
    pub fn reviews_due(&self, until: Stamp) -> Vec<(&str, Stamp)> {
        let mut due: Vec<(&str, Stamp)> = self
            .skills
            .iter()
            .filter_map(|(id, s)| Some((id.as_str(), s.review_due()?)))
            .filter(|(_, due)| *due <= until)
            .collect();
        due.sort_by_key(|(id, due)| (*due, *id));
        due
    }
}
