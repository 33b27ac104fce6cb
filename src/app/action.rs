//! `Action`, everything that can happen to the app (keys through the keymap,
//! mouse, resizes, timers, results of effects), and `Effect`, what `update`
//! asks the event loop to do; with the views, panes and sort keys they name.

/// The views, switched with `1`–`5`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    Roadmap,
    Tips,
    Current,
    About,
    Journal,
    Progress,
}

impl View {
    pub const ALL: [View; 6] = [
        View::Roadmap,
        View::Tips,
        View::Current,
        View::About,
        View::Journal,
        View::Progress,
    ];

    pub fn label(self) -> &'static str {
        match self {
            View::Roadmap => "Roadmap",
            View::Tips => "Tips",
            View::Current => "Current",
            View::About => "About",
            View::Journal => "Journal",
            View::Progress => "Progress",
        }
    }

    pub fn number(self) -> usize {
        View::ALL.iter().position(|v| *v == self).unwrap_or(0) + 1
    }
}

/// The panes of the roadmap view, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Stages,
    Skills,
    Detail,
}

/// Columns the staying-current table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Time,
    Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// `q`, Ctrl-C: save and quit.
    Quit,
    ToggleHelp,
    CloseOverlay,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    NextPane,
    PrevPane,
    DrillIn,
    Back,
    /// Space on a skill: done ↔ todo.
    ToggleSkill,
    /// Space on a checklist item: ticked ↔ not.
    ToggleItem,
    CycleStatus,
    EditNote,
    EditNoteExternally,
    SetFocus,
    StartSearch,
    ShowView(View),
    Sort(SortKey),
    /// Show all skills, or only those of the next status.
    CycleFilter,
    /// Open the line to type a link to the selected skill's evidence on.
    AddLink,
    /// Remove the link picked in the detail pane.
    RemoveLink,
    /// A character typed into the link line.
    PromptType(char),
    PromptBackspace,
    /// Add the link typed.
    PromptConfirm,
    /// Review the selected done skill (roadmap view) or the picked due
    /// review (view 6): re-read the note, add a line, rate it.
    Review,
    /// How the review went.
    Rate(crate::progress::review::Rating),
    /// Enter in the journal: go to the note's skill.
    OpenJournalEntry,
    /// `P`: list the packs, to pick the roadmap to follow.
    OpenPacks,
    /// Enter in the pack picker: open the picked pack.
    PickPack,

    SearchType(char),
    SearchBackspace,
    SearchConfirm,

    /// A key for the note editor, passed on to the textarea.
    EditorInput(tui_textarea::Input),
    /// Takes back the last group of edits (a word, a deletion, a paste).
    EditorUndo,
    EditorRedo,
    EditorSave,
    EditorClose,

    /// Answers to a question overlay (quit without saving, recover a draft).
    Confirm,
    Decline,

    Paste(String),
    Resize(u16, u16),
    Click {
        column: u16,
        row: u16,
    },
    Scroll {
        column: u16,
        row: u16,
        down: bool,
    },
    /// A timer the app asked for came due (the time comes with `update`).
    Tick,
    /// The loop finished a save, or merged in what changed on disk.
    Saved(Result<Synced, crate::progress::store::SaveError>),
    /// The note came back from the external editor (or why it did not).
    ExternalEdit {
        skill: String,
        result: Result<String, String>,
    },
    /// A termination signal: save what can be saved and quit.
    Terminate,
    /// The whole roadmap, loaded in the background behind a first frame.
    Loaded(Box<crate::content::Roadmap>),
    /// After the background load and the keys typed meanwhile: offer a
    /// draft left from an earlier run, if any.
    OfferDraft,
    /// Copies of the progress file that sync tools left beside it, by name.
    Conflicts(Vec<String>),
    /// The packs there are, for the picker.
    Packs(Vec<crate::packs::PackSummary>),
    /// The pack picked, loaded with its progress, or why it could not be.
    PackOpened(Result<Box<OpenedPack>, String>),
}

/// A pack the loop loaded for the picker, to replace the roadmap on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenedPack {
    pub roadmap: crate::content::Roadmap,
    pub progress: crate::progress::RoadmapProgress,
    /// It opened, but something went wrong on the way (the choice was not kept).
    pub warning: Option<String>,
}

/// A save that reached the disk, or found nothing to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Synced {
    /// This roadmap's progress as it now is on disk (merged).
    pub progress: Box<crate::progress::RoadmapProgress>,
    /// Whether the file had changed on disk (so the progress may hold
    /// changes from elsewhere).
    pub from_disk: bool,
}

/// What `update()` asks the event loop to do: the only I/O in the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the progress file now.
    Save,
    /// Suspend the TUI and edit this skill's note in `$VISUAL`/`$EDITOR`.
    EditExternally(String),
    /// Look whether the progress file changed on disk (and merge it in), and
    /// for conflicting copies beside it.
    Watch,
    /// List the packs for the picker.
    ListPacks,
    /// Save, then load this pack and make it the one the app opens.
    OpenPack(String),
    Quit,
}
