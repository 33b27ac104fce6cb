//! The one table of keys: it dispatches key presses, and it writes the help
//! overlay and the status-bar hints, so the three can never disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Pane, SortKey, View};
use super::state::{App, Overlay};
use crate::progress::review::Rating;

pub use super::remap::{Keymap, action_names};

/// Where a binding applies. Checked in the order of [`App::contexts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Anywhere,
    Roadmap,
    Stages,
    Skills,
    Detail,
    Current,
    Journal,
    Help,
    Search,
    Editor,
    Prompt,
    Rate,
    Progress,
    Packs,
    Question,
}

impl Context {
    /// The heading of this context's section in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Context::Anywhere => "Everywhere",
            Context::Roadmap => "Roadmap view",
            Context::Stages => "Stages pane",
            Context::Skills => "Skills pane",
            Context::Detail => "Detail pane",
            Context::Current => "Staying current (3)",
            Context::Journal => "Journal (5)",
            Context::Help => "This help",
            Context::Search => "Search (/)",
            Context::Editor => "Note editor (n)",
            Context::Prompt => "Adding a link (L)",
            Context::Rate => "Rating a review (r)",
            Context::Progress => "Progress (6)",
            Context::Packs => "Picking a pack (P)",
            Context::Question => "Questions",
        }
    }
}

/// A key: a code and the modifiers that must be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    ctrl_key(KeyCode::Char(c))
}

const fn ctrl_key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::CONTROL,
    }
}

impl Key {
    /// Whether a key event is this key. Shift is part of the character for
    /// letters and of the code for Shift-Tab, so it is not compared.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let mods = event.modifiers & !KeyModifiers::SHIFT;
        let code = match event.code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        code == self.code && mods == self.mods
    }

    /// How the key is written in help and hints.
    pub fn name(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{}", base.to_uppercase())
        } else if self.mods.contains(KeyModifiers::ALT) {
            format!("Alt-{base}")
        } else {
            base
        }
    }
}

/// One line of the keymap.
#[derive(Debug, Clone)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    /// What it does, for the help overlay.
    pub help: &'static str,
    /// A one-word label for the status bar, if it is worth a hint there.
    pub hint: Option<&'static str>,
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        context,
        keys,
        action,
        help,
        hint,
    }
}

impl Binding {
    /// How `keys` (its keys, as remapped) are written in the help: a paste has no key.
    pub fn keys_text(&self, keys: &[Key]) -> String {
        if matches!(self.action, Action::Paste(_)) {
            return "paste".to_string();
        }
        let keys: Vec<String> = keys.iter().map(Key::name).collect();
        keys.join(" / ")
    }

    /// The action's name in the config file's `[keys]`; `None` for what
    /// cannot be remapped (the textarea's own keys, a paste, deleting typed text).
    pub fn name(&self) -> Option<&'static str> {
        super::remap::action_name(&self.action)
    }
}

use Context as C;
use KeyCode as K;

/// A key the note editor's textarea handles itself: it gets the key as it came.
const TO_TEXTAREA: Action = Action::EditorInput(tui_textarea::Input {
    key: tui_textarea::Key::Null,
    ctrl: false,
    alt: false,
    shift: false,
});

/// Every key the app knows, in the order the help lists them. The note
/// editor's own keys (its textarea's) are here for the help, passed on as
/// they come; a paste is no key, and is written `paste`.
#[rustfmt::skip]
pub static KEYMAP: &[Binding] = &[
    bind(C::Anywhere, &[ch('q'), ctrl('c')], Action::Quit, "quit (progress is saved)", Some("quit")),
    bind(C::Anywhere, &[ch('?'), key(K::F(1))], Action::ToggleHelp, "show or hide this help", Some("help")),
    bind(C::Anywhere, &[key(K::Up), ch('k')], Action::Up, "move up", None),
    bind(C::Anywhere, &[key(K::Down), ch('j')], Action::Down, "move down", None),
    bind(C::Anywhere, &[key(K::PageUp)], Action::PageUp, "page up", None),
    bind(C::Anywhere, &[key(K::PageDown)], Action::PageDown, "page down", None),
    bind(C::Anywhere, &[key(K::Home), ch('g')], Action::Top, "jump to the first", None),
    bind(C::Anywhere, &[key(K::End), ch('G')], Action::Bottom, "jump to the last", None),
    bind(C::Anywhere, &[ch('/')], Action::StartSearch, "search stages, skills, items, tips, strategies and notes", Some("search")),
    bind(C::Anywhere, &[ch('1')], Action::ShowView(View::Roadmap), "roadmap view", None),
    bind(C::Anywhere, &[ch('2')], Action::ShowView(View::Tips), "interview tips", None),
    bind(C::Anywhere, &[ch('3')], Action::ShowView(View::Current), "staying current (table)", None),
    bind(C::Anywhere, &[ch('4')], Action::ShowView(View::About), "about: introduction and final thought", None),
    bind(C::Anywhere, &[ch('5')], Action::ShowView(View::Journal), "journal: every note, newest first", None),
    bind(C::Anywhere, &[ch('6')], Action::ShowView(View::Progress), "progress: activity, streaks, done per month, focus history, reviews due, what next", None),
    bind(C::Anywhere, &[ch('P')], Action::OpenPacks, "packs: pick the roadmap to follow (add one with `roadmap add`)", None),
    bind(C::Anywhere, &[key(K::Esc), ch('h')], Action::Back, "back (to the roadmap view)", None),
    bind(C::Stages, &[ch(' ')], Action::DrillIn, "open the stage's skills", None),
    bind(C::Roadmap, &[key(K::Tab)], Action::NextPane, "next pane", Some("pane")),
    bind(C::Roadmap, &[key(K::BackTab)], Action::PrevPane, "previous pane", None),
    bind(C::Roadmap, &[key(K::Enter), ch('l')], Action::DrillIn, "drill in: stage → skills → detail", Some("open")),
    bind(C::Roadmap, &[ch('s')], Action::CycleStatus, "cycle the skill's status: todo → in progress → done → skipped", Some("status")),
    bind(C::Roadmap, &[ch('n')], Action::EditNote, "write the selected skill's note", Some("note")),
    bind(C::Roadmap, &[ch('e')], Action::EditNoteExternally, "edit the selected skill's note in $VISUAL / $EDITOR", None),
    bind(C::Roadmap, &[ch('f')], Action::SetFocus, "make the selected skill this quarter's focus (again: end it)", Some("focus")),
    bind(C::Roadmap, &[ch('L')], Action::AddLink, "link the skill to what shows it: a PR, a project, a write-up (a URL or a path)", Some("link")),
    bind(C::Roadmap, &[ch('r')], Action::Review, "review the selected done skill: re-read the note, add a line, rate it", Some("review")),
    bind(C::Progress, &[ch('r'), key(K::Enter)], Action::Review, "review the picked skill due (↑↓ pick)", Some("review")),
    bind(C::Roadmap, &[ch('F')], Action::CycleFilter, "show only skills that are todo → in progress → done → skipped → all", None),
    bind(C::Roadmap, &[key(K::Esc), ch('h')], Action::Back, "back: detail → skills → stages", Some("back")),
    bind(C::Skills, &[ch(' ')], Action::ToggleSkill, "toggle the selected skill done", Some("done")),
    bind(C::Detail, &[ch(' ')], Action::ToggleItem, "tick or untick the selected checklist item", Some("tick")),
    bind(C::Detail, &[ch('x'), key(K::Delete)], Action::RemoveLink, "remove the picked link from the evidence", Some("remove")),
    bind(C::Current, &[ch('t')], Action::Sort(SortKey::Time), "sort by time investment (again: reverse, then unsorted)", Some("sort time")),
    bind(C::Current, &[ch('v')], Action::Sort(SortKey::Value), "sort by value (again: reverse, then unsorted)", Some("sort value")),
    bind(C::Journal, &[key(K::Enter), ch('l')], Action::OpenJournalEntry, "go to the note's skill", Some("open")),
    bind(C::Help, &[key(K::Esc), ch('?'), key(K::F(1))], Action::CloseOverlay, "close the help", Some("close")),
    bind(C::Help, &[ch('q')], Action::CloseOverlay, "close the help", None),
    bind(C::Help, &[key(K::Up), ch('k')], Action::Up, "scroll up", None),
    bind(C::Help, &[key(K::Down), ch('j')], Action::Down, "scroll down", None),
    bind(C::Help, &[key(K::PageUp)], Action::PageUp, "page up", None),
    bind(C::Help, &[key(K::PageDown), ch(' ')], Action::PageDown, "page down", None),
    bind(C::Help, &[key(K::Home), ch('g')], Action::Top, "to the top", None),
    bind(C::Help, &[key(K::End), ch('G')], Action::Bottom, "to the end", None),
    bind(C::Help, &[ctrl('c')], Action::Quit, "quit (progress is saved)", None),
    bind(C::Search, &[ctrl('c')], Action::Quit, "quit (progress is saved)", None),
    bind(C::Editor, &[ctrl('c')], Action::Quit, "save the note and quit", None),
    bind(C::Search, &[key(K::Esc)], Action::CloseOverlay, "cancel the search", Some("cancel")),
    bind(C::Search, &[key(K::Enter)], Action::SearchConfirm, "jump to the picked match", Some("jump")),
    bind(C::Search, &[key(K::Up), ctrl('p')], Action::Up, "pick the previous match", Some("pick")),
    bind(C::Search, &[key(K::Down), ctrl('n')], Action::Down, "pick the next match", Some("pick")),
    bind(C::Search, &[key(K::PageUp)], Action::PageUp, "page up through the matches", None),
    bind(C::Search, &[key(K::PageDown)], Action::PageDown, "page down through the matches", None),
    bind(C::Search, &[key(K::Backspace)], Action::SearchBackspace, "delete a character (type to search)", None),
    bind(C::Editor, &[key(K::Esc)], Action::EditorClose, "save the note and close", Some("save & close")),
    bind(C::Editor, &[ctrl('s')], Action::EditorSave, "save the note and keep writing", Some("save")),
    bind(C::Editor, &[ctrl('z'), ctrl('u')], Action::EditorUndo, "undo the last word, deletion or paste", Some("undo")),
    bind(C::Editor, &[ctrl('y'), ctrl('r')], Action::EditorRedo, "redo", Some("redo")),
    bind(C::Editor, &[ctrl_key(K::Left), ctrl_key(K::Right)], TO_TEXTAREA, "move by word (also Alt-b / Alt-f)", None),
    bind(C::Editor, &[ctrl('w')], TO_TEXTAREA, "delete the word before the cursor", None),
    bind(C::Editor, &[key(K::Home), key(K::End)], TO_TEXTAREA, "start / end of the line (also Ctrl-A / Ctrl-E)", None),
    bind(C::Editor, &[ctrl('k')], TO_TEXTAREA, "delete to the end of the line", None),
    bind(C::Editor, &[], Action::Paste(String::new()), "inserts the pasted text (bracketed paste; tabs become spaces, controls visible)", None),
    bind(C::Prompt, &[key(K::Enter)], Action::PromptConfirm, "add the link", Some("add")),
    bind(C::Prompt, &[key(K::Esc)], Action::CloseOverlay, "cancel", Some("cancel")),
    bind(C::Prompt, &[key(K::Backspace)], Action::PromptBackspace, "delete a character (type the link)", None),
    bind(C::Prompt, &[ctrl('c')], Action::Quit, "quit (progress is saved)", None),
    bind(C::Rate, &[ch('a'), ch('1')], Action::Rate(Rating::Again), "again: could not explain it", Some("again")),
    bind(C::Rate, &[ch('h'), ch('2')], Action::Rate(Rating::Hard), "hard: with effort", Some("hard")),
    bind(C::Rate, &[ch('g'), ch('3')], Action::Rate(Rating::Good), "good: explained it", Some("good")),
    bind(C::Rate, &[ch('e'), ch('4')], Action::Rate(Rating::Easy), "easy: explained it at once", Some("easy")),
    bind(C::Rate, &[key(K::Esc)], Action::CloseOverlay, "not now: no review recorded", Some("not now")),
    bind(C::Rate, &[ctrl('c')], Action::Quit, "quit (progress is saved)", None),
    bind(C::Packs, &[key(K::Enter), ch('l')], Action::PickPack, "open the picked pack (it opens next time too)", Some("open")),
    bind(C::Packs, &[key(K::Up), ch('k')], Action::Up, "pick the previous pack", Some("pick")),
    bind(C::Packs, &[key(K::Down), ch('j')], Action::Down, "pick the next pack", Some("pick")),
    bind(C::Packs, &[key(K::Home), ch('g')], Action::Top, "the first pack", None),
    bind(C::Packs, &[key(K::End), ch('G')], Action::Bottom, "the last pack", None),
    bind(C::Packs, &[key(K::Esc), ch('P'), ch('q')], Action::CloseOverlay, "close, keeping the roadmap open", Some("close")),
    bind(C::Packs, &[ctrl('c')], Action::Quit, "quit (progress is saved)", None),
    bind(C::Question, &[ch('y'), key(K::Enter)], Action::Confirm, "yes: quit without saving / open the draft", Some("yes")),
    bind(C::Question, &[ch('n')], Action::Decline, "no: stay / discard the draft", Some("no")),
    bind(C::Question, &[key(K::Esc)], Action::CloseOverlay, "not now: stay / keep the draft for later", Some("not now")),
    bind(C::Question, &[ctrl('c')], Action::Quit, "draft: quit, keeping it for later; quit question: stay", None),
];

impl App {
    /// The contexts whose keys apply now, most specific first.
    pub fn contexts(&self) -> Vec<Context> {
        match &self.ui.overlay {
            Some(Overlay::Help { .. }) => return vec![C::Help],
            Some(Overlay::Search(_)) => return vec![C::Search],
            Some(Overlay::Editor(_)) => return vec![C::Editor],
            Some(Overlay::Link(_)) => return vec![C::Prompt],
            Some(Overlay::Rate { .. }) => return vec![C::Rate],
            Some(Overlay::Packs(_)) => return vec![C::Packs],
            Some(Overlay::ConfirmQuit | Overlay::RecoverDraft { .. }) => return vec![C::Question],
            None => {}
        }
        match self.ui.view {
            View::Roadmap => {
                let pane = match self.ui.focus {
                    Pane::Stages => C::Stages,
                    Pane::Skills => C::Skills,
                    Pane::Detail => C::Detail,
                };
                vec![pane, C::Roadmap, C::Anywhere]
            }
            View::Current => vec![C::Current, C::Anywhere],
            View::Journal => vec![C::Journal, C::Anywhere],
            View::Progress => vec![C::Progress, C::Anywhere],
            View::Tips | View::About => vec![C::Anywhere],
        }
    }

    /// What a key press means now, if anything.
    pub fn action_for_key(&self, event: &KeyEvent) -> Option<Action> {
        // A terminal too small to show anything takes only what its message
        // offers: quitting (anything else would change what cannot be seen).
        // Text being typed (a note, a search) and a question's answer still
        // go where they were going: nothing typed is lost to a resize.
        let too_small =
            self.ui.width < super::layout::MIN_WIDTH || self.ui.height < super::layout::MIN_HEIGHT;
        if too_small && !self.keeps_keys_when_too_small() {
            let quit = self
                .keymap
                .bindings()
                .filter(|(b, _)| b.context == C::Anywhere && b.action == Action::Quit)
                .any(|(_, keys)| keys.iter().any(|k| k.matches(event)));
            return quit.then_some(Action::Quit);
        }
        let contexts = self.contexts();
        for context in &contexts {
            let found = self
                .keymap
                .bindings()
                .filter(|(b, _)| b.context == *context)
                .find(|(_, keys)| keys.iter().any(|k| k.matches(event)));
            if let Some((binding, _)) = found {
                return Some(match &binding.action {
                    Action::EditorInput(_) => {
                        Action::EditorInput(tui_textarea::Input::from(*event))
                    }
                    action => action.clone(),
                });
            }
        }
        unbound_key(contexts.first().copied(), event)
    }

    /// Status-bar hints for the keys that matter now: `(keys, label)`.
    pub fn hints(&self) -> Vec<(String, &'static str)> {
        let mut hints: Vec<(String, &'static str)> = Vec::new();
        for context in self.contexts() {
            let from = hints.len();
            for (binding, keys) in self.keymap.bindings().filter(|(b, _)| b.context == context) {
                let Some(label) = binding.hint else { continue };
                let Some(first) = keys.first() else {
                    continue;
                };
                if !self.can(&binding.action) {
                    continue;
                }
                let keys = first.name();
                // Two bindings of one context sharing a label share a hint: `↑↓ pick`.
                if let Some((shown, _)) = hints[from..].iter_mut().find(|(_, l)| *l == label) {
                    shown.push_str(&keys);
                    continue;
                }
                if hints.iter().any(|(_, l)| *l == label) {
                    continue;
                }
                hints.push((keys, label));
            }
        }
        // One pane on screen: the way back out of it comes first.
        if self.ui.view == View::Roadmap
            && let Some(body) = layout_body(self)
            && super::layout::panes(body, self.ui.focus).count() == 1
            && let Some(at) = hints.iter().position(|(_, l)| *l == "back")
        {
            let back = hints.remove(at);
            hints.insert(0, back);
        }
        hints
    }

    /// Whether keys still go to what is open on a terminal too small to
    /// show it: text being typed (a note, a search) or a question's answer,
    /// so nothing typed is lost to a resize.
    pub fn keeps_keys_when_too_small(&self) -> bool {
        matches!(
            self.ui.overlay,
            Some(
                Overlay::Editor(_)
                    | Overlay::Search(_)
                    | Overlay::Link(_)
                    | Overlay::ConfirmQuit
                    | Overlay::RecoverDraft { .. }
            )
        )
    }

    /// Whether `?` opens the help here (not while typing or answering).
    pub fn help_key_works(&self) -> bool {
        self.contexts().contains(&C::Anywhere)
    }
}

/// Keys not in the table: typing into the search or the note editor.
fn unbound_key(context: Option<Context>, event: &KeyEvent) -> Option<Action> {
    match context {
        Some(C::Search | C::Prompt) => match event.code {
            KeyCode::Char(c)
                if !event
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(if context == Some(C::Search) {
                    Action::SearchType(c)
                } else {
                    Action::PromptType(c)
                })
            }
            _ => None,
        },
        Some(C::Editor) => Some(Action::EditorInput(tui_textarea::Input::from(*event))),
        _ => None,
    }
}

/// How the app works, in three lines: what `?` shows before the keys.
pub const HELP_INTRO: [&str; 3] = [
    "Three panes: stages, skills, detail. Tab moves, Enter or l goes in, Esc or h back.",
    "s cycles a skill: todo → in progress → done → skipped. Space ticks it or an item.",
    "Everything is saved as you go, to progress.toml (other windows share it). q quits.",
];

/// The help overlay's widest.
pub const HELP_WIDTH: u16 = 86;

/// One line of the help overlay, as drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Blank,
    Intro(String),
    Heading(&'static str),
    /// Keys and what they do; a description too long for one line goes on
    /// under itself, with no keys.
    Key {
        keys: String,
        what: String,
    },
}

/// The help overlay's lines on a screen `width` wide: the intro, then each
/// section, every description wrapped (never cut) to fit.
pub fn help_lines(keymap: &Keymap, width: u16) -> Vec<HelpLine> {
    // Inside the popup's border.
    let inner = usize::from(width.min(HELP_WIDTH)).saturating_sub(2);
    let key_width = help_key_width(keymap);
    let room = inner.saturating_sub(2 + key_width + 2).max(12);
    // The intro names the quit key, which may be remapped.
    let quit = keymap
        .bindings()
        .find(|(b, _)| b.action == Action::Quit)
        .and_then(|(_, keys)| keys.first().map(Key::name))
        .unwrap_or_default();
    let mut lines: Vec<HelpLine> = HELP_INTRO
        .iter()
        .map(|text| text.replace(" q quits.", &format!(" {quit} quits.")))
        .flat_map(|text| crate::text::wrap(&text, inner))
        .map(HelpLine::Intro)
        .collect();
    for (title, entries) in help_sections(keymap) {
        lines.push(HelpLine::Blank);
        lines.push(HelpLine::Heading(title));
        for (keys, what, _) in entries {
            for (i, part) in crate::text::wrap(what, room).into_iter().enumerate() {
                let keys = if i == 0 { keys.clone() } else { String::new() };
                lines.push(HelpLine::Key { keys, what: part });
            }
        }
    }
    lines
}

/// The width of the keys' column in the help.
pub fn help_key_width(keymap: &Keymap) -> usize {
    help_sections(keymap)
        .iter()
        .flat_map(|(_, lines)| lines.iter().map(|(k, _, _)| crate::text::width(k)))
        .max()
        .unwrap_or(0)
}

/// One line of a help section: the keys, what they do, and the action's
/// name in the config file (if it can be remapped).
pub type HelpEntry = (String, &'static str, Option<&'static str>);

/// The help overlay's sections: a context title and its lines.
pub fn help_sections(keymap: &Keymap) -> Vec<(&'static str, Vec<HelpEntry>)> {
    let order = [
        C::Anywhere,
        C::Roadmap,
        C::Stages,
        C::Skills,
        C::Detail,
        C::Current,
        C::Journal,
        C::Search,
        C::Editor,
        C::Progress,
        C::Prompt,
        C::Rate,
        C::Packs,
        C::Question,
        C::Help,
    ];
    let mut sections = Vec::new();
    for context in order {
        let lines: Vec<HelpEntry> = keymap
            .bindings()
            .filter(|(b, _)| b.context == context)
            .map(|(b, keys)| (b.keys_text(keys), b.help, b.name()))
            .collect();
        if !lines.is_empty() {
            sections.push((context.title(), lines));
        }
    }
    sections
}

/// The roadmap view's body on the current screen, if it is big enough.
fn layout_body(app: &App) -> Option<ratatui::layout::Rect> {
    app.screen().map(|s| s.body)
}
