//! A big pack's first frame when it has no valid snapshot (its first start,
//! or the first after an edit or an upgrade): made from a quick look at the
//! content and progress files ([`Skim`], [`crate::progress::preview`]) by
//! two threads sharing the pieces. Whichever thread is free takes the next
//! one, so a thread slow to start delays nothing:
//!
//! - on the calling thread, the roadmap's own file (for its id), splitting
//!   the progress file, and the statuses it sets; then the stage files;
//! - on the helper, the stage files from the first;
//! - the first stage's progress, once both the split and that stage are in;
//! - each stage counted as soon as the statuses are in, the others at the end.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::cache::Snapshot;
use crate::content::Stage;
use crate::content::load::{SkillIds, Skim};
use crate::progress::RoadmapProgress;
use crate::progress::preview::{Split, Statuses, split as split_file};
use crate::progress::stats::{Stats, Tally};

/// One stage file looked at: the stage and its skill ids, and its counts
/// if the statuses were in by then.
struct Skimmed {
    index: usize,
    stage: Option<(Stage, SkillIds)>,
    tally: Option<Tally>,
}

/// The first frame of the pack in `content`, whose stage files are
/// `stage_files` in order, with the progress file at `progress`; `None` if
/// they are not laid out plainly.
pub fn preview(content: &Path, stage_files: Vec<PathBuf>, progress: &Path) -> Option<Snapshot> {
    let skim = Skim::new(content, stage_files)?;
    let next = AtomicUsize::new(0);
    let split: OnceLock<Option<Split>> = OnceLock::new();
    let roadmap_id: OnceLock<Option<String>> = OnceLock::new();
    let statuses: OnceLock<Option<Statuses<'_>>> = OnceLock::new();
    let first_ids: OnceLock<SkillIds> = OnceLock::new();
    let first_progress: OnceLock<Option<RoadmapProgress>> = OnceLock::new();
    // Made by whichever thread brings in the last of what it needs.
    let try_first = || {
        if let (Some(Some(split)), Some(Some(id)), Some(ids)) =
            (split.get(), roadmap_id.get(), first_ids.get())
        {
            first_progress.get_or_init(|| split.first_stage(id, ids));
        }
    };
    // The stage files, shared out one at a time.
    let stages = || {
        let mut skimmed = Vec::new();
        // One buffer for every file: most of each is only scanned.
        let mut buffer = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            if index >= skim.stages() {
                return skimmed;
            }
            let stage = skim.stage(index, &mut buffer);
            if index == 0
                && let Some((_, ids)) = &stage
            {
                let _ = first_ids.set(ids.clone());
                try_first();
            }
            let tally = match (statuses.get(), &stage) {
                (Some(Some(statuses)), Some((_, ids))) => Some(statuses.tally(ids)),
                _ => None,
            };
            skimmed.push(Skimmed {
                index,
                stage,
                tally,
            });
        }
    };
    let (head, mut skimmed) = std::thread::scope(|scope| {
        let helper = crate::cores::spawn_beside(scope, stages);
        let head = skim.head();
        let id = head.as_ref().map(|head| head.id.clone());
        let done = split.get_or_init(|| split_file(progress)).as_ref();
        statuses.get_or_init(|| Some(done?.statuses(id.as_deref()?)));
        let _ = roadmap_id.set(id);
        try_first();
        let mut skimmed = stages();
        skimmed.extend(helper.join().ok()?);
        Some((head?, skimmed))
    })?;
    try_first();
    let statuses = statuses.get()?.as_ref()?;
    let progress = first_progress.into_inner()??;
    skimmed.sort_by_key(|s| s.index);
    let mut tallies = Vec::with_capacity(skimmed.len());
    let mut stages = Vec::with_capacity(skimmed.len());
    for Skimmed { stage, tally, .. } in skimmed {
        let (stage, ids) = stage?;
        tallies.push(tally.unwrap_or_else(|| statuses.tally(&ids)));
        stages.push(stage);
    }
    // The first stage's counts are those of its progress, read in full.
    if let Some(first) = tallies.first_mut() {
        *first = Tally {
            total: first.total,
            ..Tally::default()
        };
        for skill in progress.skills.values() {
            first.add(skill.status);
        }
    }
    Some(Snapshot {
        roadmap: Skim::finish(head, stages)?,
        progress,
        stats: Stats::of_stages(tallies),
    })
}
