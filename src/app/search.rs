//! The search index over stage, skill, item, tip and strategy text and the
//! user's notes, and a search's query and hits (incremental, as typed).

use crate::content::{Roadmap, SkillRef};
use crate::progress::RoadmapProgress;

/// Most hits kept; the count shown says when there were more.
pub const MAX_HITS: usize = 500;

/// What a hit points at, and so where Enter jumps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Stage(usize),
    Skill(SkillRef),
    Item(SkillRef, usize),
    Tip(usize),
    Strategy(usize),
    /// The note on a skill.
    Note(SkillRef),
    /// One of a skill's links, by its place in the detail pane's picks
    /// (after the checklist's items).
    Link(SkillRef, usize),
}

impl Target {
    pub fn kind(self) -> &'static str {
        match self {
            Target::Stage(_) => "stage",
            Target::Skill(_) => "skill",
            Target::Item(..) => "item",
            Target::Tip(_) => "tip",
            Target::Strategy(_) => "strategy",
            Target::Note(_) => "note",
            Target::Link(..) => "link",
        }
    }
}

/// Every searchable text of a roadmap, lowercased once into one buffer that
/// a SIMD substring search scans in one pass; the notes come last, so they
/// can be taken again without the rest (they change, the roadmap does not).
pub struct SearchIndex {
    targets: Vec<Target>,
    /// Where each entry's text starts in `text` (entries are separated by NUL).
    starts: Vec<usize>,
    text: String,
    /// How many entries are the roadmap's (the notes follow).
    content: usize,
}

impl SearchIndex {
    pub fn new(roadmap: &Roadmap) -> Self {
        let mut index = SearchIndex {
            targets: Vec::new(),
            starts: Vec::new(),
            text: String::new(),
            content: 0,
        };
        for (si, stage) in roadmap.stages.iter().enumerate() {
            let summary = stage.summary.as_deref().unwrap_or_default();
            index.push(Target::Stage(si), &[&stage.title, summary]);
        }
        for (at, skill) in roadmap.skills() {
            index.push(
                Target::Skill(at),
                &[&skill.title, skill.body.as_deref().unwrap_or_default()],
            );
            for (ii, item) in skill.items.iter().enumerate() {
                index.push(Target::Item(at, ii), &[&item.text]);
            }
        }
        for (i, tip) in roadmap.tips.iter().enumerate() {
            index.push(Target::Tip(i), &[&tip.title, &tip.body]);
        }
        for (i, s) in roadmap.strategies.iter().enumerate() {
            let note = s.note.as_deref().unwrap_or_default();
            index.push(Target::Strategy(i), &[&s.name, &s.time, &s.value, note]);
        }
        index.content = index.targets.len();
        index
    }

    /// Takes the notes of `progress` (on `roadmap`'s skills, in its order)
    /// in place of those taken before.
    pub fn set_notes(&mut self, roadmap: &Roadmap, progress: &RoadmapProgress) {
        if let Some(&end) = self.starts.get(self.content) {
            self.text.truncate(end);
        }
        self.targets.truncate(self.content);
        self.starts.truncate(self.content);
        // Found through the skills that have progress (far fewer than a
        // big roadmap's skills), then put in the roadmap's order.
        let mut notes: Vec<(SkillRef, &str)> = progress
            .skills
            .iter()
            .filter(|(_, p)| !p.note.trim().is_empty())
            .filter_map(|(id, p)| Some((roadmap.find_skill(id)?, p.note.as_str())))
            .collect();
        notes.sort_by_key(|(at, _)| (at.stage, at.skill));
        for (at, note) in notes {
            self.push(Target::Note(at), &[note]);
        }
        // The learner's links, after the notes, in the same order.
        let mut linked: Vec<SkillRef> = progress
            .skills
            .keys()
            .filter(|id| progress.evidence(id).next().is_some())
            .filter_map(|id| roadmap.find_skill(id))
            .collect();
        linked.sort_by_key(|at| (at.stage, at.skill));
        for at in linked {
            let skill = roadmap.skill(at);
            for (k, link) in progress.evidence(&skill.id).enumerate() {
                let title = link.title.as_deref().unwrap_or_default();
                self.push(Target::Link(at, skill.items.len() + k), &[title, &link.url]);
            }
        }
    }

    fn push(&mut self, target: Target, parts: &[&str]) {
        self.targets.push(target);
        self.starts.push(self.text.len());
        for part in parts {
            // NUL separates entries, so no text may hold one.
            self.text
                .extend(part.to_lowercase().chars().filter(|c| *c != '\0'));
            self.text.push('\n');
        }
        self.text.push('\0');
    }

    fn entry_text(&self, entry: usize) -> &[u8] {
        let end = self
            .starts
            .get(entry + 1)
            .copied()
            .unwrap_or(self.text.len());
        &self.text.as_bytes()[self.starts[entry]..end]
    }

    fn entry_at(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    fn matches(&self, entry: usize, words: &[String]) -> bool {
        let text = self.entry_text(entry);
        words
            .iter()
            .all(|w| memchr::memmem::find(text, w.as_bytes()).is_some())
    }

    /// Entries holding every word, in order, at most `limit`. A leapfrog join:
    /// each word's next occurrence names the earliest entry that could hold
    /// it, so a rare word skips the scan far ahead for the common ones.
    fn scan(&self, words: &[String], limit: usize) -> Vec<usize> {
        let finders: Vec<memchr::memmem::Finder<'_>> = words
            .iter()
            .map(|w| memchr::memmem::Finder::new(w.as_bytes()))
            .collect();
        let text = self.text.as_bytes();
        let mut hits = Vec::new();
        let mut entry = 0;
        'entries: while entry < self.starts.len() && hits.len() < limit {
            let mut candidate = entry;
            loop {
                let before = candidate;
                for finder in &finders {
                    let from = self.starts[candidate];
                    let Some(found) = finder.find(&text[from..]) else {
                        break 'entries;
                    };
                    candidate = candidate.max(self.entry_at(from + found));
                }
                if candidate == before {
                    break;
                }
            }
            hits.push(candidate);
            entry = candidate + 1;
        }
        hits
    }

    pub fn target(&self, entry: usize) -> Target {
        self.targets[entry]
    }
}

/// The open search: query, hits (entry indices, in roadmap order) and the picked hit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    pub hits: Vec<usize>,
    /// More hits than [`MAX_HITS`] matched.
    pub truncated: bool,
    pub selected: usize,
    pub offset: usize,
    /// Earlier queries of this search and their hits.
    steps: Vec<Step>,
}

/// The hits of an earlier query, kept so Backspace is instant.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Step {
    query: String,
    hits: Vec<usize>,
    truncated: bool,
}

impl Search {
    /// Recomputes hits after the query changed: an earlier query's hits come
    /// back as they were; a longer query narrows the hits it extends.
    pub fn refresh(&mut self, index: &SearchIndex) {
        let query: String = self
            .query
            .to_lowercase()
            .chars()
            .filter(|c| *c != '\0')
            .collect();
        self.selected = 0;
        self.offset = 0;
        if let Some(at) = self.steps.iter().rposition(|s| s.query == query) {
            self.steps.truncate(at + 1);
            let step = &self.steps[at];
            (self.hits, self.truncated) = (step.hits.clone(), step.truncated);
            return;
        }
        self.steps.retain(|s| query.starts_with(&s.query));
        let words: Vec<String> = query.split_whitespace().map(str::to_string).collect();
        let narrowing = self
            .steps
            .last()
            .filter(|s| !s.truncated && !s.query.trim().is_empty());
        (self.hits, self.truncated) = if words.is_empty() {
            (Vec::new(), false)
        } else if let Some(step) = narrowing {
            let hits = step
                .hits
                .iter()
                .copied()
                .filter(|&e| index.matches(e, &words))
                .collect();
            (hits, false)
        } else {
            let mut hits = index.scan(&words, MAX_HITS + 1);
            let truncated = hits.len() > MAX_HITS;
            hits.truncate(MAX_HITS);
            (hits, truncated)
        };
        self.steps.push(Step {
            query,
            hits: self.hits.clone(),
            truncated: self.truncated,
        });
    }

    pub fn selected_target(&self, index: &SearchIndex) -> Option<Target> {
        self.hits.get(self.selected).map(|&e| index.target(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Source, load};

    fn fresh(index: &SearchIndex, query: &str) -> Vec<usize> {
        let mut search = Search {
            query: query.to_string(),
            ..Search::default()
        };
        search.refresh(index);
        search.hits
    }

    #[test]
    fn typing_and_backspacing_give_the_same_hits_as_a_fresh_search() {
        let index = SearchIndex::new(&load(&Source::Embedded).unwrap());
        let mut search = Search::default();
        for query in ["d", "de", "des", "desi", "des", "de", "de s", "de sy", "d"] {
            search.query = query.to_string();
            search.refresh(&index);
            assert_eq!(search.hits, fresh(&index, query), "{query:?}");
        }
    }

    #[test]
    fn every_word_must_match_in_any_case() {
        let index = SearchIndex::new(&load(&Source::Embedded).unwrap());
        let hits = fresh(&index, "CACHING basic");
        assert_eq!(hits.len(), 1);
        assert!(matches!(index.target(hits[0]), Target::Item(_, 2)));
        assert!(fresh(&index, "caching zebra").is_empty());
        assert!(fresh(&index, "   ").is_empty());
    }

    #[test]
    fn the_scan_finds_exactly_what_checking_every_entry_finds() {
        let index = SearchIndex::new(&load(&Source::Embedded).unwrap());
        let words = [
            "e",
            "de",
            "te",
            "ing",
            "code",
            "python",
            "the",
            "of",
            "a",
            "zz",
            "s t",
            "ing the",
            "e a o",
            "design api",
        ];
        for query in words {
            let split: Vec<String> = query.split_whitespace().map(str::to_string).collect();
            let naive: Vec<usize> = (0..index.targets.len())
                .filter(|&e| index.matches(e, &split))
                .collect();
            assert_eq!(index.scan(&split, usize::MAX), naive, "{query:?}");
            assert_eq!(
                index.scan(&split, 3),
                naive.iter().copied().take(3).collect::<Vec<_>>(),
                "{query:?}"
            );
        }
    }

    #[test]
    fn notes_are_found_as_they_are_when_taken_and_only_then() {
        let roadmap = load(&Source::Embedded).unwrap();
        let mut index = SearchIndex::new(&roadmap);
        let skill = roadmap.stages[2].skills[1].id.clone();
        let before = fresh(&index, "e");
        let mut progress = RoadmapProgress::default();
        let at = crate::time::Stamp::from_unix(1_795_000_000);
        progress.set_note(&skill, "Zeppelin days", at);
        assert!(fresh(&index, "zeppelin").is_empty(), "not taken yet");
        index.set_notes(&roadmap, &progress);
        let hits = fresh(&index, "ZEPPELIN");
        assert_eq!(hits.len(), 1);
        assert_eq!(
            index.target(hits[0]),
            Target::Note(roadmap.find_skill(&skill).unwrap())
        );
        // Taken again: the old words go, the roadmap's entries stay as they were.
        progress.set_note(&skill, "Airships", at);
        index.set_notes(&roadmap, &progress);
        assert!(fresh(&index, "zeppelin").is_empty());
        assert_eq!(fresh(&index, "airships").len(), 1);
        let after: Vec<usize> = fresh(&index, "e")
            .into_iter()
            .filter(|&e| !matches!(index.target(e), Target::Note(_)))
            .collect();
        assert_eq!(after, before);
    }

    #[test]
    fn matches_are_in_roadmap_order_one_per_entry() {
        let index = SearchIndex::new(&load(&Source::Embedded).unwrap());
        let hits = fresh(&index, "e");
        let mut sorted = hits.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(hits, sorted);
        assert!(hits.len() > 20);
    }
}
