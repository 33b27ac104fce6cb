//! Undo and redo in the note editor a group of edits at a time, as text
//! editors do: typing "one two" and undoing takes back "two", then "one ",
//! not a letter at a time. A group is a word typed with the spaces after
//! it; any other edit (a line break, a deletion, a paste) is a group of its
//! own, and moving the cursor ends a group. A group keeps only the lines it
//! changed, so starting one costs the same in a long note as in a short one.
//! Each state of the text has a number, so whether it is the one last kept
//! (as the note) is known without comparing the texts.

use tui_textarea::{Input, Key};

use super::note_area::{NoteArea, Spot};

/// Groups kept to undo, at most.
const MOST: usize = 1000;

/// An edit to a note: from line `at`, `lines` became `became` lines (both
/// at least one, so an edit always replaces text between line starts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub at: usize,
    pub lines: Vec<String>,
    pub became: usize,
}

impl Change {
    /// Takes in `next`, made right after this one, when the lines it changed
    /// meet those this one made: one change then leads from before both to
    /// after both. (Lines `next` changed that this one did not are as they
    /// were before it.)
    pub fn absorb(&mut self, next: &Change) -> bool {
        let (made, end) = (self.at + self.became, next.at + next.lines.len());
        if next.at > made || end < self.at {
            return false;
        }
        let from = self.at.min(next.at);
        let to = made.max(end);
        let mut lines = next.lines[..self.at.saturating_sub(next.at)].to_vec();
        lines.append(&mut self.lines);
        lines.extend_from_slice(&next.lines[made.min(end) - next.at..]);
        self.lines = lines;
        self.became = to - from - next.lines.len() + next.became;
        self.at = from;
        true
    }
}

/// A group of edits to take back: the state it leads back to and where the
/// cursor was there.
#[derive(Debug)]
struct Step {
    change: Change,
    cursor: Spot,
    state: u64,
}

#[derive(Debug)]
pub struct Edits {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The character the last edit typed and where it left the cursor,
    /// while the next edit may join its group.
    typing: Option<(char, Spot)>,
    /// The text's state now, the last one numbered, and the one kept.
    state: u64,
    last: u64,
    kept: Option<u64>,
}

impl Edits {
    /// The edits of a text that opens as it was kept (`kept`) or not (a
    /// recovered draft).
    pub fn opened(kept: bool) -> Edits {
        Edits {
            undo: Vec::new(),
            redo: Vec::new(),
            typing: None,
            state: 0,
            last: 0,
            kept: kept.then_some(0),
        }
    }

    /// The text as it is now has been kept.
    pub fn keep(&mut self) {
        self.kept = Some(self.state);
    }

    /// Whether the text changed since it was last kept.
    pub fn unsaved(&self) -> bool {
        self.kept != Some(self.state)
    }

    /// Applies a key to `note`, shown `rows` rows high; whether the text changed.
    pub fn input(&mut self, note: &mut NoteArea, input: Input, rows: usize) -> bool {
        let typed = match input {
            Input {
                key: Key::Char(c),
                ctrl: false,
                alt: false,
                ..
            } => Some(c),
            _ => None,
        };
        self.edit(note, typed, |n| n.input(input, rows))
    }

    /// Inserts pasted `text` into `note`; whether the text changed.
    pub fn paste(&mut self, note: &mut NoteArea, text: &str, rows: usize) -> bool {
        self.edit(note, None, |n| n.paste(text, rows))
    }

    /// Runs `edit` on `note`, which types `typed` (if a character), and
    /// keeps what undoing it takes.
    fn edit(
        &mut self,
        note: &mut NoteArea,
        typed: Option<char>,
        edit: impl FnOnce(&mut NoteArea) -> Option<Change>,
    ) -> bool {
        let cursor = note.cursor();
        // A word, with the spaces after it, typed on from where the last
        // character left the cursor (a new word after a space starts a group).
        let joins = match (self.typing, typed) {
            (Some((last, at)), Some(c)) => {
                at == cursor && (c.is_whitespace() || !last.is_whitespace())
            }
            _ => false,
        };
        let Some(change) = edit(note) else {
            // A move (or nothing): the next edit starts a group.
            if self.typing.is_some_and(|(_, at)| at != note.cursor()) {
                self.typing = None;
            }
            return false;
        };
        let joined = joins
            && self
                .undo
                .last_mut()
                .is_some_and(|group| group.change.absorb(&change));
        if !joined {
            if self.undo.len() == MOST {
                self.undo.remove(0);
            }
            self.undo.push(Step {
                change,
                cursor,
                state: self.state,
            });
        }
        self.last += 1;
        self.state = self.last;
        self.redo.clear();
        self.typing = typed.map(|c| (c, note.cursor()));
        true
    }

    /// Takes the last group of edits back; whether there was one.
    pub fn undo(&mut self, note: &mut NoteArea, rows: usize) -> bool {
        self.typing = None;
        travel(&mut self.undo, &mut self.redo, &mut self.state, note, rows)
    }

    /// Makes the last group undone again; whether there was one.
    pub fn redo(&mut self, note: &mut NoteArea, rows: usize) -> bool {
        self.typing = None;
        travel(&mut self.redo, &mut self.undo, &mut self.state, note, rows)
    }
}

/// Takes back the last group of `from` (from the text's `state`), keeping
/// on `to` what makes it again; whether `from` had one.
fn travel(
    from: &mut Vec<Step>,
    to: &mut Vec<Step>,
    state: &mut u64,
    note: &mut NoteArea,
    rows: usize,
) -> bool {
    let Some(step) = from.pop() else {
        return false;
    };
    let now = note.cursor();
    let again = note.revert(step.change, step.cursor, rows);
    to.push(Step {
        change: again,
        cursor: now,
        state: *state,
    });
    *state = step.state;
    true
}

/// The change from `before` to `after`, lines of a note from its line `at`.
pub fn changed(at: usize, before: &[String], after: &[String]) -> Option<Change> {
    let mut head = before.iter().zip(after).take_while(|(b, a)| b == a).count();
    if head == before.len() && head == after.len() {
        return None;
    }
    let room = before.len().min(after.len()) - head;
    let mut tail = before
        .iter()
        .rev()
        .zip(after.iter().rev())
        .take(room)
        .take_while(|(b, a)| b == a)
        .count();
    // Both sides keep a line: a line inserted or removed takes its neighbour.
    if head + tail == before.len() || head + tail == after.len() {
        if head > 0 {
            head -= 1;
        } else {
            tail -= 1;
        }
    }
    Some(Change {
        at: at + head,
        lines: before[head..before.len() - tail].to_vec(),
        became: after.len() - tail - head,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.split('\n').map(str::to_string).collect()
    }

    /// `after` with `change` taken back.
    fn undone(after: &str, change: &Change) -> String {
        let mut all = lines(after);
        let made = change.at..change.at + change.became;
        all.splice(made, change.lines.iter().cloned());
        all.join("\n")
    }

    #[test]
    fn two_changes_that_meet_become_one_that_takes_both_back() {
        // Typing over a selection (found as a blank line removed), then
        // typing on in the line after the one that change made.
        let (a, b, c) = ("\n\n \na", "\n \na", "\n  \na");
        let mut first = changed(0, &lines(a), &lines(b)).unwrap();
        let second = changed(0, &lines(b), &lines(c)).unwrap();
        assert_eq!((first.at, first.became), (0, 1), "{first:?}");
        assert_eq!(second.at, 1, "{second:?}");
        assert!(first.absorb(&second));
        assert_eq!(undone(c, &first), a);
        // Changes apart stay apart.
        let mut top = changed(0, &lines("X\ny\nz\nw"), &lines("x\ny\nz\nw")).unwrap();
        let bottom = changed(0, &lines("x\ny\nz\nw"), &lines("x\ny\nz\nW")).unwrap();
        assert!(!top.absorb(&bottom));
    }
}
