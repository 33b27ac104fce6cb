//! Progress counts per stage and overall, kept up to date incrementally so a
//! frame never recounts the whole roadmap.

use crate::content::Roadmap;
use crate::progress::{RoadmapProgress, Status};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub total: usize,
    pub done: usize,
    pub in_progress: usize,
    pub skipped: usize,
}

impl Tally {
    /// Skills that count towards progress: skipped ones do not.
    pub fn counted(&self) -> usize {
        self.total - self.skipped
    }

    /// Done as a fraction of the counted skills (1.0 when nothing counts).
    pub fn ratio(&self) -> f64 {
        match self.counted() {
            0 => {
                if self.total > 0 {
                    1.0
                } else {
                    0.0
                }
            }
            n => self.done as f64 / n as f64,
        }
    }

    pub fn percent(&self) -> usize {
        (self.ratio() * 100.0).round() as usize
    }

    fn slot(&mut self, status: Status) -> Option<&mut usize> {
        match status {
            Status::Todo => None,
            Status::InProgress => Some(&mut self.in_progress),
            Status::Done => Some(&mut self.done),
            Status::Skipped => Some(&mut self.skipped),
        }
    }

    pub(crate) fn add(&mut self, status: Status) {
        if let Some(n) = self.slot(status) {
            *n += 1;
        }
    }

    fn remove(&mut self, status: Status) {
        if let Some(n) = self.slot(status) {
            *n = n.saturating_sub(1);
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub stages: Vec<Tally>,
    pub overall: Tally,
}

impl Stats {
    /// Counts everything once (at start, or to check the incremental counts).
    pub fn count(roadmap: &Roadmap, progress: &RoadmapProgress) -> Stats {
        let mut stats = Stats {
            stages: roadmap
                .stages
                .iter()
                .map(|stage| Tally {
                    total: stage.skills.len(),
                    ..Tally::default()
                })
                .collect(),
            overall: Tally::default(),
        };
        stats.overall.total = stats.stages.iter().map(|t| t.total).sum();
        // Walk the progress, not the roadmap: only skills with a status
        // other than todo count, and the skill index finds their stage.
        for (id, skill) in &progress.skills {
            if let Some(at) = roadmap.find_skill(id) {
                stats.changed(at.stage, Status::Todo, skill.status);
            }
        }
        stats
    }

    /// The counts of a roadmap from those of its stages.
    pub fn of_stages(stages: Vec<Tally>) -> Stats {
        let mut overall = Tally::default();
        for tally in &stages {
            overall.total += tally.total;
            overall.done += tally.done;
            overall.in_progress += tally.in_progress;
            overall.skipped += tally.skipped;
        }
        Stats { stages, overall }
    }

    /// A skill in `stage` went from `old` to `new`.
    pub fn changed(&mut self, stage: usize, old: Status, new: Status) {
        if old == new {
            return;
        }
        if let Some(tally) = self.stages.get_mut(stage) {
            tally.remove(old);
            tally.add(new);
        }
        self.overall.remove(old);
        self.overall.add(new);
    }
}
