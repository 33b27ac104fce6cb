//! The app's state: the roadmap (read-only), the user's progress, and the UI
//! state (focus, selections, overlays) that is never persisted.

use std::time::{Duration, Instant};

use jiff::tz::TimeZone;

use super::action::{Pane, SortKey, View};
use super::search::{Search, SearchIndex};
use crate::content::{Roadmap, SkillRef};
use crate::progress::RoadmapProgress;
use crate::progress::stats::Stats;
use crate::time::Stamp;

/// How long a transient message stays in the status bar.
pub const MESSAGE_TIME: Duration = Duration::from_secs(4);
/// Changes are saved at most this long after the first unsaved one.
pub const SAVE_DELAY: Duration = Duration::from_millis(500);
/// A note being edited is kept as a draft this often.
pub const DRAFT_EVERY: Duration = Duration::from_secs(3);
/// The app looks this often whether `progress.toml` changed on disk (another
/// window, a command, a sync tool or a hand edit) and merges it in.
pub const WATCH_EVERY: Duration = Duration::from_secs(1);
/// A failed save is tried again this long after.
pub const RETRY_EVERY: Duration = Duration::from_secs(3);

/// A selection in a list and the first visible entry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Moves the selection by `delta`, clamped to `len` entries.
    pub fn step(&mut self, delta: isize, len: usize) {
        if len == 0 {
            self.selected = 0;
            return;
        }
        let target = self.selected as isize + delta;
        self.selected = target.clamp(0, len as isize - 1) as usize;
    }

    pub fn select(&mut self, index: usize, len: usize) {
        self.selected = index.min(len.saturating_sub(1));
    }

    /// Scrolls so the selection is visible in `rows` rows of `entry_rows`
    /// each, and no further than needed to fill them from `len` entries.
    pub fn keep_visible(&mut self, rows: usize, entry_rows: usize, len: usize) {
        let visible = (rows / entry_rows.max(1)).max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + visible {
            self.offset = self.selected + 1 - visible;
        }
        self.offset = self.offset.min(len.saturating_sub(visible));
    }
}

#[derive(Debug)]
pub struct Message {
    pub text: String,
    pub error: bool,
    pub until: Instant,
}

/// The note editor, open on one skill.
#[derive(Debug)]
pub struct NoteEditor {
    pub skill: String,
    pub textarea: super::note_area::NoteArea,
    /// The text last written to the progress (as note or draft).
    pub kept: String,
    /// The text the editor opened with; closing with it unchanged changes nothing.
    pub shown: String,
    /// When the next draft is due, if the text changed since it was last kept.
    pub draft_due: Option<Instant>,
    /// What undo and redo take back and give again.
    pub edits: super::edits::Edits,
    /// Opened for a review: closing it asks how the review went.
    pub review: bool,
}

impl NoteEditor {
    /// After an edit that `changed` the text at `now`: a draft is due within [`DRAFT_EVERY`].
    pub fn edited(&mut self, changed: bool, now: Instant) {
        if changed && self.draft_due.is_none() {
            self.draft_due = Some(now + DRAFT_EVERY);
        }
    }

    pub fn text(&self) -> String {
        self.textarea.text()
    }
}

#[derive(Debug)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Search(Search),
    Editor(Box<NoteEditor>),
    /// Saving failed; quit anyway?
    ConfirmQuit,
    /// A draft from an earlier run: open it, or discard it?
    RecoverDraft {
        skill: String,
    },
    /// A link being typed, to add to a skill's evidence.
    Link(LinkPrompt),
    /// A review's last step: how well could the skill be explained now?
    Rate {
        skill: String,
    },
    /// The packs to pick the roadmap from (`P`).
    Packs(PackPicker),
}

/// The pack picker: every pack with its progress, and the one picked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PackPicker {
    pub packs: Vec<crate::packs::PackSummary>,
    pub selected: usize,
}

/// The line a link is typed on: a URL or a path, then a title if wanted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkPrompt {
    pub skill: String,
    pub text: String,
    /// Why the last Enter did not add it.
    pub error: Option<String>,
}

/// Whether and how progress is being saved.
#[derive(Debug, Default)]
pub struct SaveState {
    /// Some change is not saved yet.
    pub dirty: bool,
    /// When the pending changes are to be saved (after a failed save: when
    /// it is tried again).
    pub save_due: Option<Instant>,
    /// The last save failed: shown until a save works.
    pub error: Option<String>,
    /// `progress.toml` does not parse, so nothing is written to it: what is
    /// wrong (`path:line:col`) and what to do, shown until it parses again.
    pub blocked: Option<Vec<String>>,
    /// Copies of the progress file a sync tool left beside it.
    pub conflicts: Vec<String>,
    /// When to look at the file on disk next.
    pub watch_due: Option<Instant>,
    /// What to say once the save under way has reached the disk.
    pub announce: Option<String>,
    pub last_saved: Option<Stamp>,
    /// Quit was asked for and waits for the final save.
    pub quit_pending: bool,
    /// The quit cannot be refused (a signal): quit whatever the save gives.
    pub quit_forced: bool,
}

#[derive(Debug)]
pub struct UiState {
    pub width: u16,
    pub height: u16,
    pub view: View,
    pub focus: Pane,
    pub stages: Cursor,
    /// The skills pane's cursor, one per stage, so each stage remembers its place.
    pub skills: Vec<Cursor>,
    /// The checklist item picked in the detail pane.
    pub item: usize,
    pub detail_scroll: usize,
    pub tips: Cursor,
    pub strategies: Cursor,
    pub sort: Option<(SortKey, bool)>,
    /// The review picked in view 6's list of those due.
    pub review: usize,
    /// The skills pane shows only skills with this status (`F` cycles it).
    pub filter: Option<crate::progress::Status>,
    /// Row order of the staying-current table (indices into the strategies).
    pub strategy_order: Vec<usize>,
    pub about_scroll: usize,
    pub journal: Cursor,
    /// Skills with a note, newest note first.
    pub journal_entries: Vec<SkillRef>,
    pub overlay: Option<Overlay>,
    pub message: Option<Message>,
}

pub struct App {
    pub roadmap: Roadmap,
    pub progress: RoadmapProgress,
    pub stats: Stats,
    pub ui: UiState,
    pub save: SaveState,
    /// Dates are shown in this time zone.
    pub tz: TimeZone,
    /// The time of the latest action (what "today" is on screen).
    pub clock: Stamp,
    /// Draw with colours (off with `NO_COLOR` or `theme = "none"`).
    pub color: bool,
    /// The keys, as the config file remaps them.
    pub keymap: super::keymap::Keymap,
    /// The theme's colours, with the config file's overrides.
    pub palette: crate::ui::theme::Palette,
    /// Mouse reporting (off keeps the terminal's own selection).
    pub mouse: bool,
    /// Drawn from the roadmap's first stage while the whole of it loads.
    pub loading: bool,
    /// While loading: how many stage files the roadmap has.
    pub stage_files: usize,
    pub(super) search_index: Option<SearchIndex>,
}

impl App {
    pub fn new(roadmap: Roadmap, progress: RoadmapProgress, width: u16, height: u16) -> App {
        let stats = Stats::count(&roadmap, &progress);
        let ui = UiState {
            width,
            height,
            view: View::Roadmap,
            focus: Pane::Stages,
            stages: Cursor::default(),
            skills: vec![Cursor::default(); roadmap.stages.len()],
            item: 0,
            detail_scroll: 0,
            tips: Cursor::default(),
            strategies: Cursor::default(),
            sort: None,
            filter: None,
            review: 0,
            strategy_order: (0..roadmap.strategies.len()).collect(),
            about_scroll: 0,
            journal: Cursor::default(),
            journal_entries: Vec::new(),
            overlay: None,
            message: None,
        };
        let mut app = App {
            roadmap,
            progress,
            stats,
            ui,
            save: SaveState::default(),
            tz: crate::time::local_time_zone(),
            clock: Stamp::from_unix(0),
            color: true,
            keymap: super::keymap::Keymap::default(),
            palette: crate::ui::theme::Palette::DARK,
            mouse: true,
            loading: false,
            stage_files: 0,
            search_index: None,
        };
        app.offer_draft();
        app
    }

    /// The app for a big roadmap still loading, waiting for
    /// [`Action::Loaded`]: drawn from `first`, its first stage, of the
    /// `stage_files` there are.
    ///
    /// [`Action::Loaded`]: super::Action::Loaded
    pub fn loading(
        first: Roadmap,
        stage_files: usize,
        progress: RoadmapProgress,
        width: u16,
        height: u16,
    ) -> App {
        let mut app = App::new(first, progress, width, height);
        app.loading = true;
        app.stage_files = stage_files;
        // A draft is offered once the whole roadmap is in.
        app.ui.overlay = None;
        app
    }

    /// Fixes the time zone dates are shown in, for tests and reproducible screens.
    #[must_use]
    pub fn with_time_zone(mut self, tz: TimeZone) -> App {
        self.tz = tz;
        self
    }

    /// The skill selected in the skills pane, if it shows any.
    pub fn selected_skill(&self) -> Option<SkillRef> {
        let stage = self.ui.stages.selected;
        let cursor = self.ui.skills.get(stage)?;
        let skill = self.shown_skills(stage).nth(cursor.selected)?;
        Some(SkillRef { stage, skill })
    }

    /// The skills of `stage` the skills pane shows, by their index in the
    /// stage: all of them, or those with the filter's status. The skills
    /// pane's cursor counts these rows.
    pub fn shown_skills(&self, stage: usize) -> impl Iterator<Item = usize> + '_ {
        let skills = self
            .roadmap
            .stages
            .get(stage)
            .map_or(&[][..], |s| &s.skills[..]);
        skills
            .iter()
            .enumerate()
            .filter(|(_, skill)| {
                self.ui
                    .filter
                    .is_none_or(|status| self.progress.status(&skill.id) == status)
            })
            .map(|(index, _)| index)
    }

    pub fn skill_cursor(&self) -> Cursor {
        self.ui
            .skills
            .get(self.ui.stages.selected)
            .copied()
            .unwrap_or_default()
    }

    pub fn skill_cursor_mut(&mut self) -> Option<&mut Cursor> {
        self.ui.skills.get_mut(self.ui.stages.selected)
    }

    /// The earliest moment the event loop must wake up for, if any.
    pub fn next_deadline(&self) -> Option<Instant> {
        let message = self.ui.message.as_ref().map(|m| m.until);
        let draft = match &self.ui.overlay {
            Some(Overlay::Editor(editor)) => editor.draft_due,
            _ => None,
        };
        [self.save.save_due, message, draft, self.save.watch_due]
            .into_iter()
            .flatten()
            .min()
    }

    /// How many rows of a note the editor shows (none when the terminal is too small).
    pub fn editor_rows(&self) -> usize {
        self.screen()
            .map_or(0, |s| super::layout::editor_text(s.body).height.into())
    }

    /// The done skills due for review by the end of today, soonest first.
    pub fn reviews_due(&self) -> Vec<(String, Stamp)> {
        self.progress
            .reviews_due(self.clock.end_of_day(&self.tz))
            .into_iter()
            .filter(|(id, _)| self.roadmap.find_skill(id).is_some())
            .map(|(id, due)| (id.to_string(), due))
            .collect()
    }

    /// Where things are on the screen as it is now.
    pub fn screen(&self) -> Option<super::layout::Screen> {
        let area = ratatui::layout::Rect::new(0, 0, self.ui.width, self.ui.height);
        super::layout::screen(area, self.banner_rows())
    }

    /// The banner's lines, wrapped to the screen: what keeps progress from
    /// being saved, or copies of the progress file to merge. Empty when all
    /// is well.
    pub fn banner(&self) -> Vec<String> {
        let width = usize::from(self.ui.width).saturating_sub(2);
        self.banner_text()
            .iter()
            .flat_map(|line| crate::text::wrap(line, width))
            .collect()
    }

    fn banner_text(&self) -> Vec<String> {
        if let Some(lines) = &self.save.blocked {
            return lines.clone();
        }
        match self.save.conflicts.as_slice() {
            [] => Vec::new(),
            [one] => vec![
                format!("A sync tool left a conflicting copy of progress.toml beside it: {one}"),
                format!("`roadmap merge {one}` merges it in; then delete it."),
            ],
            all => vec![
                format!(
                    "A sync tool left {} conflicting copies of progress.toml beside it: {}",
                    all.len(),
                    all.join(", ")
                ),
                "`roadmap merge FILE` merges each in (`roadmap status` lists them); then delete them.".to_string(),
            ],
        }
    }

    pub fn banner_rows(&self) -> u16 {
        u16::try_from(self.banner().len()).unwrap_or(u16::MAX)
    }

    pub fn search_index(&self) -> Option<&SearchIndex> {
        self.search_index.as_ref()
    }

    /// Opens the recovery question for the first draft left from an earlier run.
    pub(super) fn offer_draft(&mut self) {
        if self.ui.overlay.is_some() {
            return;
        }
        let skill = self
            .progress
            .drafts()
            .map(|(skill, _)| skill)
            .find(|skill| self.roadmap.find_skill(skill).is_some())
            .map(str::to_string);
        if let Some(skill) = skill {
            self.ui.overlay = Some(Overlay::RecoverDraft { skill });
        }
    }
}
