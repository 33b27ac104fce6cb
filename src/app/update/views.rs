//! Panes and views: switching them, the journal's entries and the table's sort.

use crate::app::action::{Pane, SortKey, View};
use crate::app::state::App;
use crate::content::SkillRef;
use crate::time::Now;

impl App {
    pub(super) fn cycle_pane(&mut self, delta: isize) {
        let order = [Pane::Stages, Pane::Skills, Pane::Detail];
        let at = order.iter().position(|p| *p == self.ui.focus).unwrap_or(0) as isize;
        self.ui.focus = order[(at + delta).rem_euclid(3) as usize];
        self.refit();
    }

    /// Focuses the pane to the right, which has something to show.
    pub(super) fn drill_in(&mut self) {
        self.ui.focus = match self.ui.focus {
            Pane::Stages => Pane::Skills,
            Pane::Skills | Pane::Detail => Pane::Detail,
        };
        self.refit();
    }

    pub(super) fn back(&mut self) {
        if self.ui.view != View::Roadmap {
            self.show_view(View::Roadmap);
            return;
        }
        self.ui.focus = match self.ui.focus {
            Pane::Detail => Pane::Skills,
            Pane::Skills | Pane::Stages => Pane::Stages,
        };
        self.refit();
    }

    pub(super) fn show_view(&mut self, view: View) {
        if view != self.ui.view {
            self.drop_passing_message();
        }
        self.ui.view = view;
        if view == View::Journal {
            self.rebuild_journal();
        }
        self.refit();
    }

    /// Skills with a note, newest note first.
    pub(super) fn rebuild_journal(&mut self) {
        let mut entries: Vec<(SkillRef, Option<crate::time::Stamp>)> = self
            .progress
            .skills
            .iter()
            .filter(|(_, p)| !p.note.trim().is_empty())
            .filter_map(|(id, p)| self.roadmap.find_skill(id).map(|at| (at, p.note_changed)))
            .collect();
        entries.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then(a.0.stage.cmp(&b.0.stage))
                .then(a.0.skill.cmp(&b.0.skill))
        });
        // The selection stays on its note wherever that moved to.
        let picked = self
            .ui
            .journal_entries
            .get(self.ui.journal.selected)
            .copied();
        self.ui.journal_entries = entries.into_iter().map(|(at, _)| at).collect();
        let len = self.ui.journal_entries.len();
        let selected = picked
            .and_then(|at| self.ui.journal_entries.iter().position(|&e| e == at))
            .unwrap_or(self.ui.journal.selected);
        self.ui.journal.select(selected, len);
    }

    pub(super) fn open_journal_entry(&mut self) {
        if let Some(&at) = self.ui.journal_entries.get(self.ui.journal.selected) {
            self.go_to_skill(at, Pane::Skills);
        }
    }

    /// Shows a skill in the roadmap view with `pane` focused.
    pub(super) fn go_to_skill(&mut self, at: SkillRef, pane: Pane) {
        self.ui.view = View::Roadmap;
        self.ui.stages.selected = at.stage;
        let shown = self
            .shown_skills(at.stage)
            .position(|skill| skill == at.skill);
        // A skill the filter hides is shown with all the others.
        if shown.is_none() {
            self.ui.filter = None;
        }
        let row = shown.unwrap_or(at.skill);
        if let Some(cursor) = self.ui.skills.get_mut(at.stage) {
            cursor.selected = row;
        }
        self.ui.focus = pane;
        self.reset_detail();
        self.refit();
    }

    pub(super) fn sort(&mut self, key: SortKey, now: Now) {
        self.ui.sort = match self.ui.sort {
            Some((k, false)) if k == key => Some((key, true)),
            Some((k, true)) if k == key => None,
            _ => Some((key, false)),
        };
        let selected = self
            .ui
            .strategy_order
            .get(self.ui.strategies.selected)
            .copied();
        let mut order: Vec<usize> = (0..self.roadmap.strategies.len()).collect();
        if let Some((key, descending)) = self.ui.sort {
            let strategies = &self.roadmap.strategies;
            let field = |i: usize| match key {
                SortKey::Time => strategies[i].time.as_str(),
                SortKey::Value => strategies[i].value.as_str(),
            };
            order.sort_by(|&a, &b| {
                let ord = level(field(a)).cmp(&level(field(b)));
                if descending { ord.reverse() } else { ord }
            });
        }
        self.ui.strategy_order = order;
        if let Some(row) =
            selected.and_then(|s| self.ui.strategy_order.iter().position(|&i| i == s))
        {
            self.ui.strategies.selected = row;
        }
        let label = match self.ui.sort {
            None => "Table in the roadmap's order.".to_string(),
            Some((key, descending)) => format!(
                "Sorted by {} ({})",
                if key == SortKey::Time {
                    "time investment"
                } else {
                    "value"
                },
                if descending {
                    "high to low"
                } else {
                    "low to high"
                }
            ),
        };
        self.flash(&label, now);
        self.fit_strategies();
    }
}

/// The rank of a level word such as "Low", "Medium-High" or "Very High
/// (networking)"; unknown words sort after all known ones.
pub fn level(text: &str) -> (u8, String) {
    let t = text.to_lowercase();
    let t = t.split('(').next().unwrap_or_default().trim().to_string();
    let rank = match t.as_str() {
        "none" => 0,
        "very low" => 1,
        "low" => 2,
        "low-medium" | "medium-low" => 3,
        "medium" => 4,
        "medium-high" | "high-medium" => 5,
        "high" => 6,
        "very high" => 7,
        _ => 8,
    };
    (rank, t)
}
