//! The config file's side of the keymap: key names as the file writes
//! them, action names, and [`Keymap`], the table with remaps over it.

use crossterm::event::{KeyCode, KeyModifiers};

use super::action::{Action, SortKey, View};
use super::keymap::{Binding, Context, KEYMAP, Key};
use crate::progress::review::Rating;

use Context as C;

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

impl Key {
    /// A key as the config file writes it: `x`, `ctrl-s`, `alt-x`, `enter`, `f5`.
    pub fn parse(text: &str) -> Option<Key> {
        let lower = text.to_ascii_lowercase();
        let (mods, rest) = if lower.starts_with("ctrl-") {
            (KeyModifiers::CONTROL, &text[5..])
        } else if lower.starts_with("alt-") {
            (KeyModifiers::ALT, &text[4..])
        } else {
            (KeyModifiers::NONE, text)
        };
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                // Ctrl with a letter matches either case (see `matches`).
                let c = if mods == KeyModifiers::CONTROL {
                    c.to_ascii_lowercase()
                } else {
                    c
                };
                KeyCode::Char(c)
            }
            _ => named_key(&rest.to_ascii_lowercase())?,
        };
        Some(Key { code, mods })
    }

    /// How `roadmap config init` writes the key.
    pub fn config_name(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("f{n}"),
            code => NAMED_KEYS.iter().find(|(_, k)| *k == code).map_or_else(
                || format!("{code:?}").to_lowercase(),
                |(n, _)| (*n).to_string(),
            ),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("ctrl-{base}")
        } else if self.mods.contains(KeyModifiers::ALT) {
            format!("alt-{base}")
        } else {
            base
        }
    }
}

/// Key names of the config file, besides single characters and `f1`–`f12`.
const NAMED_KEYS: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("space", KeyCode::Char(' ')),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
];

fn named_key(name: &str) -> Option<KeyCode> {
    if let Some(n) = name.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
        return (1..=12).contains(&n).then_some(KeyCode::F(n));
    }
    let name = match name {
        "escape" => "esc",
        "return" => "enter",
        "shift-tab" => "backtab",
        "pgup" => "pageup",
        "pgdn" => "pagedown",
        "del" => "delete",
        other => other,
    };
    NAMED_KEYS.iter().find(|(n, _)| *n == name).map(|(_, k)| *k)
}

pub(super) fn action_name(action: &Action) -> Option<&'static str> {
    Some(match action {
        Action::Quit => "quit",
        Action::ToggleHelp => "help",
        Action::CloseOverlay => "close",
        Action::Up => "up",
        Action::Down => "down",
        Action::PageUp => "page_up",
        Action::PageDown => "page_down",
        Action::Top => "top",
        Action::Bottom => "bottom",
        Action::NextPane => "next_pane",
        Action::PrevPane => "prev_pane",
        Action::DrillIn => "open",
        Action::Back => "back",
        Action::ToggleSkill => "toggle_done",
        Action::ToggleItem => "tick",
        Action::CycleStatus => "status",
        Action::EditNote => "note",
        Action::EditNoteExternally => "note_in_editor",
        Action::SetFocus => "focus",
        Action::StartSearch => "search",
        Action::ShowView(View::Roadmap) => "view_roadmap",
        Action::ShowView(View::Tips) => "view_tips",
        Action::ShowView(View::Current) => "view_current",
        Action::ShowView(View::About) => "view_about",
        Action::ShowView(View::Journal) => "view_journal",
        Action::ShowView(View::Progress) => "view_progress",
        Action::Sort(SortKey::Time) => "sort_time",
        Action::Sort(SortKey::Value) => "sort_value",
        Action::CycleFilter => "filter",
        Action::AddLink => "link",
        Action::RemoveLink => "remove_link",
        Action::PromptConfirm => "add_link",
        Action::Review => "review",
        Action::Rate(Rating::Again) => "rate_again",
        Action::Rate(Rating::Hard) => "rate_hard",
        Action::Rate(Rating::Good) => "rate_good",
        Action::Rate(Rating::Easy) => "rate_easy",
        Action::OpenJournalEntry => "open_note",
        Action::OpenPacks => "packs",
        Action::PickPack => "pick_pack",
        Action::SearchConfirm => "jump",
        Action::EditorUndo => "undo",
        Action::EditorRedo => "redo",
        Action::EditorSave => "save_note",
        Action::EditorClose => "close_note",
        Action::Confirm => "yes",
        Action::Decline => "no",
        _ => return None,
    })
}

/// Every action name the config file knows, in keymap order, once each.
pub fn action_names() -> impl Iterator<Item = &'static str> {
    let mut seen = Vec::new();
    KEYMAP.iter().filter_map(Binding::name).filter(move |name| {
        let new = !seen.contains(name);
        if new {
            seen.push(*name);
        }
        new
    })
}

/// Where typing goes into text: plain characters there are text, not keys.
fn is_text_context(context: Context) -> bool {
    matches!(context, C::Search | C::Editor | C::Prompt)
}

/// Contexts where one key for two actions is a clash: the same mode, or a
/// whole view and what applies everywhere. A pane's own keys (Space, `x` in
/// the detail pane) keep their meaning in that pane, as the defaults do.
fn overlap(a: Context, b: Context) -> bool {
    let view = |c| matches!(c, C::Roadmap | C::Current | C::Journal | C::Progress);
    a == b || (a == C::Anywhere && view(b)) || (b == C::Anywhere && view(a))
}

/// The keymap in use: [`KEYMAP`] with the config file's remaps over it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keymap {
    /// Index into [`KEYMAP`], and the keys that replace its own.
    overrides: Vec<(usize, Vec<Key>)>,
}

impl Keymap {
    /// The keys binding `i` of [`KEYMAP`] answers to.
    pub fn keys(&self, i: usize) -> &[Key] {
        self.overrides
            .iter()
            .find(|(at, _)| *at == i)
            .map_or(KEYMAP[i].keys, |(_, keys)| keys.as_slice())
    }

    /// Every binding with the keys it answers to.
    pub fn bindings(&self) -> impl Iterator<Item = (&'static Binding, &[Key])> {
        KEYMAP.iter().enumerate().map(|(i, b)| (b, self.keys(i)))
    }

    /// The first key of `action` in `context`, as the help writes it.
    pub fn key_for(&self, context: Context, action: &Action) -> String {
        self.bindings()
            .find(|(b, _)| b.context == context && b.action == *action)
            .and_then(|(_, keys)| keys.first().map(Key::name))
            .unwrap_or_default()
    }

    /// Each remappable action once: its name, what it does, its keys.
    pub fn actions(&self) -> Vec<(&'static str, &'static str, Vec<Key>)> {
        let mut out: Vec<(&'static str, &'static str, Vec<Key>)> = Vec::new();
        for (binding, keys) in self.bindings() {
            let Some(name) = binding.name() else { continue };
            if out.iter().any(|(n, _, _)| *n == name) {
                continue;
            }
            out.push((name, binding.help, keys.to_vec()));
        }
        out
    }

    /// Gives the action `name` these keys, in every mode it has outside
    /// text being typed (in those too when it has no other); Ctrl-C stays
    /// a way to quit.
    pub fn remap(&mut self, name: &str, keys: &[Key]) -> Result<(), String> {
        let outside_text = KEYMAP
            .iter()
            .any(|b| b.name() == Some(name) && !is_text_context(b.context));
        for (i, binding) in KEYMAP.iter().enumerate() {
            // Ctrl-C alone, the way out of anything, stays.
            let only_ctrl_c = binding.keys == [ctrl('c')];
            if binding.name() != Some(name)
                || only_ctrl_c
                || (outside_text && is_text_context(binding.context))
            {
                continue;
            }
            let mut keys = keys.to_vec();
            if is_text_context(binding.context)
                && let Some(plain) = keys
                    .iter()
                    .find(|k| matches!(k.code, KeyCode::Char(_)) && k.mods == KeyModifiers::NONE)
            {
                return Err(format!(
                    "{name} works while text is typed, where {:?} would be typed: use a key such as \"ctrl-x\"",
                    plain.config_name()
                ));
            }
            if binding.action == Action::Quit && !keys.contains(&ctrl('c')) {
                keys.push(ctrl('c'));
            }
            self.overrides.retain(|(at, _)| *at != i);
            self.overrides.push((i, keys));
        }
        Ok(())
    }

    /// A key of the remapped action `name` that another action has in a mode
    /// where both apply: what to say about it.
    pub fn clash(&self, name: &str) -> Option<String> {
        for (i, binding) in KEYMAP.iter().enumerate() {
            if binding.name() != Some(name) || !self.overrides.iter().any(|(at, _)| *at == i) {
                continue;
            }
            for (j, other) in KEYMAP.iter().enumerate() {
                if other.action == binding.action || !overlap(binding.context, other.context) {
                    continue;
                }
                if let Some(key) = self.keys(i).iter().find(|k| self.keys(j).contains(k)) {
                    let whose = other.name().unwrap_or("the note editor");
                    return Some(format!(
                        "{:?} is already {whose}'s key in {}: give one of them another key",
                        key.config_name(),
                        other.context.title()
                    ));
                }
            }
        }
        None
    }
}
