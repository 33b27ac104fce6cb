//! Undo and redo in the note editor a group of edits at a time, as text
//! editors do: typing "one two" and undoing takes back "two", then "one ",
//! not a letter at a time. A group is a word typed with the spaces after
//! it; any other edit (a line break, a deletion, a paste) is a group of its
//! own, and moving the cursor ends a group.

use tui_textarea::{CursorMove, DataCursor, Input, Key, TextArea};

/// Groups kept to undo, at most.
const MOST: usize = 1000;

/// The text and the cursor before a group of edits.
#[derive(Debug, Clone)]
struct Snapshot {
    lines: Vec<String>,
    cursor: DataCursor,
}

#[derive(Debug, Default)]
pub struct Edits {
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    /// The character the last edit typed and where it left the cursor,
    /// while the next edit may join its group.
    typing: Option<(char, DataCursor)>,
}

/// A note editor's text area, its text `lines`.
pub fn text_area(lines: Vec<String>) -> TextArea<'static> {
    let mut textarea = TextArea::new(lines);
    // Undo is kept here, by the group.
    textarea.set_max_histories(0);
    textarea.set_wrap_mode(tui_textarea::WrapMode::WordOrGlyph);
    textarea.set_cursor_line_style(ratatui::style::Style::default());
    textarea.set_placeholder_text("Write your note here…");
    textarea
}

impl Edits {
    /// Applies a key to `textarea`; whether the text changed.
    pub fn input(&mut self, textarea: &mut TextArea<'static>, input: Input) -> bool {
        let typed = match input {
            Input {
                key: Key::Char(c),
                ctrl: false,
                alt: false,
                ..
            } => Some(c),
            _ => None,
        };
        self.edit(textarea, typed, |t| t.input(input))
    }

    /// Inserts pasted `text` into `textarea`; whether the text changed.
    pub fn paste(&mut self, textarea: &mut TextArea<'static>, text: &str) -> bool {
        self.edit(textarea, None, |t| t.insert_str(text))
    }

    /// Runs `edit` on `textarea`, which types `typed` (if a character), and
    /// keeps what undoing it takes.
    fn edit(
        &mut self,
        textarea: &mut TextArea<'static>,
        typed: Option<char>,
        edit: impl FnOnce(&mut TextArea<'static>) -> bool,
    ) -> bool {
        // A word, with the spaces after it, typed on from where the last
        // character left the cursor (a new word after a space starts a group).
        let joins = match (self.typing, typed) {
            (Some((last, at)), Some(c)) => {
                at == textarea.cursor() && (c.is_whitespace() || !last.is_whitespace())
            }
            _ => false,
        };
        let before = (!joins).then(|| snapshot(textarea));
        if !edit(textarea) {
            // A move (or nothing): the next edit starts a group.
            if self.typing.is_some_and(|(_, at)| at != textarea.cursor()) {
                self.typing = None;
            }
            return false;
        }
        if let Some(before) = before {
            if self.undo.len() == MOST {
                self.undo.remove(0);
            }
            self.undo.push(before);
        }
        self.redo.clear();
        self.typing = typed.map(|c| (c, textarea.cursor()));
        true
    }

    /// Takes the last group of edits back; whether there was one.
    pub fn undo(&mut self, textarea: &mut TextArea<'static>) -> bool {
        self.typing = None;
        travel(&mut self.undo, &mut self.redo, textarea)
    }

    /// Makes the last group undone again; whether there was one.
    pub fn redo(&mut self, textarea: &mut TextArea<'static>) -> bool {
        self.typing = None;
        travel(&mut self.redo, &mut self.undo, textarea)
    }
}

/// Puts `textarea` back as the last of `from` holds it, keeping it as it is
/// now on `to`; whether `from` had one.
fn travel(
    from: &mut Vec<Snapshot>,
    to: &mut Vec<Snapshot>,
    textarea: &mut TextArea<'static>,
) -> bool {
    let Some(there) = from.pop() else {
        return false;
    };
    to.push(snapshot(textarea));
    restore(textarea, there);
    true
}

fn snapshot(textarea: &TextArea<'_>) -> Snapshot {
    Snapshot {
        lines: textarea.lines().to_vec(),
        cursor: textarea.cursor(),
    }
}

fn restore(textarea: &mut TextArea<'static>, to: Snapshot) {
    let mut again = text_area(to.lines);
    again.set_yank_text(textarea.yank_text());
    let DataCursor(row, col) = to.cursor;
    let clamp = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    again.move_cursor(CursorMove::Jump(clamp(row), clamp(col)));
    *textarea = again;
}
