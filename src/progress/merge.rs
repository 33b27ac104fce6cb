//! Merging two copies of the progress: the one in memory and the one on
//! disk (three-way, with what was last read as the base), or two files
//! (two-way, for `roadmap merge` and sync tools' conflict copies).
//!
//! Every entry is keyed by a stable id and carries the time of its last
//! change, so merging is per entry: the later change wins, and changes to
//! different entries never conflict. A note changed on both sides keeps both
//! texts. The result never depends on which side is which.

use std::collections::{BTreeMap, BTreeSet};

use super::model::{
    Draft, Evidence, FORMAT_VERSION, PastFocus, ProgressFile, RoadmapProgress, SkillProgress,
};
use crate::time::Stamp;

/// The line that starts a text merged in from another copy of a note.
pub const MERGED_MARK: &str = "--- merged from another copy";

/// Merges `ours` and `theirs`. `base` is the version both started from (what
/// this process last read), if known: with it, a value that only one side
/// changed is taken even where the times do not tell.
pub fn files(
    base: Option<&ProgressFile>,
    ours: &ProgressFile,
    theirs: &ProgressFile,
) -> ProgressFile {
    let roadmaps = by_id(
        base.map(|b| &b.roadmaps),
        &ours.roadmaps,
        &theirs.roadmaps,
        roadmap,
    );
    ProgressFile {
        version: FORMAT_VERSION,
        roadmaps,
    }
}

/// Entries keyed by id, merged id by id with `merge` (an id on one side only
/// merges with an empty entry); entries that merge to nothing are left out.
fn by_id<V: Default + PartialEq>(
    base: Option<&BTreeMap<String, V>>,
    ours: &BTreeMap<String, V>,
    theirs: &BTreeMap<String, V>,
    merge: fn(Option<&V>, &V, &V) -> V,
) -> BTreeMap<String, V> {
    let empty = V::default();
    let ids: BTreeSet<&String> = ours.keys().chain(theirs.keys()).collect();
    ids.into_iter()
        .map(|id| {
            let merged = merge(
                base.map(|b| b.get(id).unwrap_or(&empty)),
                ours.get(id).unwrap_or(&empty),
                theirs.get(id).unwrap_or(&empty),
            );
            (id.clone(), merged)
        })
        .filter(|(_, merged)| *merged != empty)
        .collect()
}

/// One roadmap's progress, merged.
pub fn roadmap(
    base: Option<&RoadmapProgress>,
    ours: &RoadmapProgress,
    theirs: &RoadmapProgress,
) -> RoadmapProgress {
    let skills = by_id(base.map(|b| &b.skills), &ours.skills, &theirs.skills, skill);
    // Every past focus either side knows of; one that ended twice (on two
    // machines) ended the first time.
    let mut history: BTreeMap<(Stamp, &str), Stamp> = BTreeMap::new();
    for past in ours.focus_history.iter().chain(&theirs.focus_history) {
        history
            .entry((past.since, past.skill.as_str()))
            .and_modify(|until| *until = (*until).min(past.until))
            .or_insert(past.until);
    }
    let focus = |p: &'_ RoadmapProgress| (p.focus_time(), p.focus.clone());
    let (focus_changed, focus) =
        pick(base.map(focus).as_ref(), &focus(ours), &focus(theirs)).clone();
    RoadmapProgress {
        log: super::log::merge(&ours.log, &theirs.log),
        focus,
        focus_changed,
        focus_history: history
            .into_iter()
            .map(|((since, skill), until)| PastFocus {
                skill: skill.to_string(),
                since,
                until,
            })
            .collect(),
        skills,
    }
}

fn skill(
    base: Option<&SkillProgress>,
    ours: &SkillProgress,
    theirs: &SkillProgress,
) -> SkillProgress {
    let status = |s: &SkillProgress| (s.changed, s.status);
    let (changed, status) = *pick(base.map(status).as_ref(), &status(ours), &status(theirs));
    let ids: BTreeSet<&String> = ours.items.keys().chain(theirs.items.keys()).collect();
    let items = ids
        .into_iter()
        .filter_map(|id| {
            let item = |s: &SkillProgress| {
                let item = s.items.get(id).cloned();
                (item.as_ref().map(|i| i.changed), item)
            };
            let (mine, other) = (item(ours), item(theirs));
            let merged = pick(base.map(item).as_ref(), &mine, &other);
            merged.1.clone().map(|item| (id.clone(), item))
        })
        .collect();
    let evidence = evidence(base, ours, theirs);
    let base_note = base.map(Note::of);
    let note = note(base_note.as_ref(), Note::of(ours), Note::of(theirs));
    // A draft older than the note it was for is spent.
    let draft = draft(base, ours, theirs).filter(|d| note.changed.is_none_or(|at| d.saved > at));
    let review = |s: &SkillProgress| (s.review.as_ref().map(|r| r.at), s.review.clone());
    let (_, review) = pick(base.map(review).as_ref(), &review(ours), &review(theirs)).clone();
    SkillProgress {
        review,
        status,
        changed,
        note: note.text,
        note_changed: note.changed,
        note_merged: note.merged,
        draft,
        items,
        evidence,
    }
}

/// Links merge by their URL, each the later change (added or removed) of
/// the two sides, in the order they were added.
fn evidence(
    base: Option<&SkillProgress>,
    ours: &SkillProgress,
    theirs: &SkillProgress,
) -> Vec<Evidence> {
    let urls: BTreeSet<&String> = ours
        .evidence
        .iter()
        .chain(&theirs.evidence)
        .map(|e| &e.url)
        .collect();
    let mut merged: Vec<Evidence> = urls
        .into_iter()
        .filter_map(|url| {
            let side = |s: &SkillProgress| {
                let link = s.evidence.iter().find(|e| &e.url == url).cloned();
                (link.as_ref().map(Evidence::changed), link)
            };
            let (mine, other) = (side(ours), side(theirs));
            pick(base.map(side).as_ref(), &mine, &other).1.clone()
        })
        .collect();
    merged.sort_by(|a, b| a.added.cmp(&b.added).then_with(|| a.url.cmp(&b.url)));
    merged
}

/// The note a user wrote in the editor, from `base` (the note as the editor
/// last saw it) to `text`, while the note on record became `current`'s (merged
/// in from another copy): as a merge, so neither text is lost.
pub fn edited_note(current: &SkillProgress, base: &str, text: &str, now: Stamp) -> SkillProgress {
    let mut before = current.clone();
    before.note = base.to_string();
    let mut mine = before.clone();
    mine.note = text.trim_end().to_string();
    mine.note_changed = Some(now);
    mine.note_merged = false;
    mine.draft = None;
    let mut merged = skill(Some(&before), &mine, current);
    merged.draft = None;
    merged
}

/// An entry's value and the time of its last change (none: never dated).
type Dated<V> = (Option<Stamp>, V);

/// Picks one side of a dated entry: the later change wins. At the same time
/// (say, a hand edit that left the time as it was), the side that changed
/// from `base` wins; failing that, the greater value, so that the result
/// never depends on which side is which.
fn pick<'a, V: Ord>(
    base: Option<&Dated<V>>,
    ours: &'a Dated<V>,
    theirs: &'a Dated<V>,
) -> &'a Dated<V> {
    if ours == theirs || ours.0 > theirs.0 {
        return ours;
    }
    if theirs.0 > ours.0 {
        return theirs;
    }
    if base == Some(ours) {
        theirs
    } else if base == Some(theirs) {
        ours
    } else {
        ours.max(theirs)
    }
}

/// Drafts: one left on only one side stays; a draft removed on one side
/// (used or thrown away) and untouched on the other goes.
fn draft(
    base: Option<&SkillProgress>,
    ours: &SkillProgress,
    theirs: &SkillProgress,
) -> Option<Draft> {
    let (base, ours, theirs) = (base.map(|b| &b.draft), &ours.draft, &theirs.draft);
    let kept = if ours == theirs || base == Some(theirs) {
        ours
    } else if base == Some(ours) {
        theirs
    } else {
        let time = |d: &Option<Draft>| d.as_ref().map(|d| (d.saved, d.text.clone()));
        if time(ours) >= time(theirs) {
            ours
        } else {
            theirs
        }
    };
    kept.clone()
}

/// A note, with the time it last changed and whether it holds merged texts.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Note {
    text: String,
    changed: Option<Stamp>,
    merged: bool,
}

impl Note {
    fn of(skill: &SkillProgress) -> Note {
        Note {
            text: skill.note.clone(),
            changed: skill.note_changed,
            merged: skill.note_merged,
        }
    }
}

fn note(base: Option<&Note>, ours: Note, theirs: Note) -> Note {
    if ours == theirs {
        return ours;
    }
    if let Some(base) = base {
        // Only one side changed it since `base`, and not with an older text
        // (a stale copy written by another process is no change to take).
        if *base == ours && ours.changed <= theirs.changed {
            return theirs;
        }
        if *base == theirs && theirs.changed <= ours.changed {
            return ours;
        }
    }
    let changed = ours.changed.max(theirs.changed);
    if ours.text == theirs.text {
        return Note {
            changed,
            merged: ours.merged || theirs.merged,
            ..ours
        };
    }
    if ours.text.is_empty() || theirs.text.is_empty() {
        let (cleared, kept) = if ours.text.is_empty() {
            (ours, theirs)
        } else {
            (theirs, ours)
        };
        // Two copies and no base: a later clear is the user's last word.
        // With a base, both sides changed the note: its text is kept.
        if base.is_none() && cleared.changed > kept.changed {
            return cleared;
        }
        return Note { changed, ..kept };
    }
    let mut texts: BTreeMap<String, Option<Stamp>> = BTreeMap::new();
    for note in [&ours, &theirs] {
        for (text, at) in parts(note) {
            let entry = texts.entry(text).or_insert(at);
            *entry = (*entry).max(at);
        }
    }
    // A text that another holds whole (say, before a line was added) is in
    // the note already.
    let all: Vec<String> = texts.keys().cloned().collect();
    texts.retain(|text, _| {
        !all.iter()
            .any(|other| other != text && other.contains(text.as_str()))
    });
    let mut parts: Vec<(Option<Stamp>, String)> =
        texts.into_iter().map(|(text, at)| (at, text)).collect();
    // Newest first; the rest under a line each that says where they came from.
    parts.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let mut text = String::new();
    for (i, (at, part)) in parts.iter().enumerate() {
        if i > 0 {
            text.push_str("\n\n");
            text.push_str(&mark(*at));
            text.push('\n');
        }
        text.push_str(part);
    }
    Note {
        merged: parts.len() > 1 || ours.merged || theirs.merged,
        text,
        changed,
    }
}

/// The line above a text merged in from another copy, dated.
fn mark(at: Option<Stamp>) -> String {
    match at {
        Some(at) => format!("{MERGED_MARK}, written {at} ---"),
        None => format!("{MERGED_MARK}, written at an unknown time ---"),
    }
}

/// The texts a note holds: its own, then each merged in, with their times.
fn parts(note: &Note) -> Vec<(String, Option<Stamp>)> {
    let mut parts = vec![(String::new(), note.changed)];
    for line in note.text.split('\n') {
        if let Some(rest) = line.strip_prefix(MERGED_MARK) {
            let at = rest
                .trim_start_matches(", written ")
                .trim_end_matches(" ---")
                .parse()
                .ok();
            parts.push((String::new(), at));
            continue;
        }
        let last = &mut parts.last_mut().expect("never empty").0;
        if !last.is_empty() || !line.is_empty() {
            last.push_str(line);
            last.push('\n');
        }
    }
    parts
        .into_iter()
        .map(|(text, at)| (text.trim_end().to_string(), at))
        .filter(|(text, _)| !text.is_empty())
        .collect()
}

/// How many entries differ between two versions of a roadmap's progress:
/// statuses, ticks, notes and the focus (drafts are not counted).
pub fn changes(a: &RoadmapProgress, b: &RoadmapProgress) -> usize {
    let empty = SkillProgress::default();
    let ids: BTreeSet<&String> = a.skills.keys().chain(b.skills.keys()).collect();
    let skills: usize = ids
        .into_iter()
        .map(|id| {
            let (x, y) = (
                a.skills.get(id).unwrap_or(&empty),
                b.skills.get(id).unwrap_or(&empty),
            );
            let items: BTreeSet<&String> = x.items.keys().chain(y.items.keys()).collect();
            usize::from(x.status != y.status)
                + usize::from(x.note != y.note)
                + items
                    .into_iter()
                    .filter(|i| {
                        x.items.get(*i).is_some_and(|i| i.done)
                            != y.items.get(*i).is_some_and(|i| i.done)
                    })
                    .count()
        })
        .sum();
    skills + usize::from(a.focus != b.focus)
}
