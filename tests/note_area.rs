//! The note editor holds only the lines around the screen in its text area
//! (`app::note_area`). These tests type random keys into it and into a text
//! area holding the whole note, undone by whole-text snapshots as the editor
//! did before, and check that both show the same screen and text after each.

use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use roadmap_tui::app::edits::Edits;
use roadmap_tui::app::note_area::{NoteArea, text_area};
use tui_textarea::{CursorMove, DataCursor, Input, Key, TextArea};

/// The case count: small in CI; `PROPTEST_CASES=10000` for a long run.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// The editor as it was: the whole note in the text area, undone by
/// snapshots of the whole text put in a new text area.
struct Whole {
    textarea: TextArea<'static>,
    undo: Vec<(Vec<String>, DataCursor)>,
    redo: Vec<(Vec<String>, DataCursor)>,
    typing: Option<(char, DataCursor)>,
}

impl Whole {
    fn new(text: &str) -> Whole {
        let mut textarea = text_area(text.split('\n').map(str::to_string).collect());
        textarea.move_cursor(CursorMove::Bottom);
        textarea.move_cursor(CursorMove::End);
        Whole {
            textarea,
            undo: Vec::new(),
            redo: Vec::new(),
            typing: None,
        }
    }

    fn edit(&mut self, typed: Option<char>, edit: impl FnOnce(&mut TextArea) -> bool) -> bool {
        let joins = match (self.typing, typed) {
            (Some((last, at)), Some(c)) => {
                at == self.textarea.cursor() && (c.is_whitespace() || !last.is_whitespace())
            }
            _ => false,
        };
        let before = self.snapshot();
        edit(&mut self.textarea);
        // What changed, not what the text area says changed (the editor did
        // that and lost a selection deleted by pasting nothing over it).
        if self.textarea.lines() == before.0 {
            if self
                .typing
                .is_some_and(|(_, at)| at != self.textarea.cursor())
            {
                self.typing = None;
            }
            return false;
        }
        if !joins {
            self.undo.push(before);
        }
        self.redo.clear();
        self.typing = typed.map(|c| (c, self.textarea.cursor()));
        true
    }

    fn snapshot(&self) -> (Vec<String>, DataCursor) {
        (self.textarea.lines().to_vec(), self.textarea.cursor())
    }

    fn travel(&mut self, undo: bool) -> bool {
        self.typing = None;
        let (from, to) = if undo {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        let Some((lines, DataCursor(row, col))) = from.pop() else {
            return false;
        };
        to.push((self.textarea.lines().to_vec(), self.textarea.cursor()));
        let mut again = text_area(lines);
        again.set_yank_text(self.textarea.yank_text());
        again.move_cursor(CursorMove::Jump(row as u16, col as u16));
        self.textarea = again;
        true
    }
}

#[derive(Debug, Clone)]
enum Op {
    Key(Input),
    Paste(String),
    Undo,
    Redo,
    /// The terminal changes height (keys then come with the new one).
    Rows(u16),
}

fn key(key: Key, ctrl: bool, alt: bool, shift: bool) -> Input {
    Input {
        key,
        ctrl,
        alt,
        shift,
    }
}

fn op() -> impl Strategy<Value = Op> {
    let typed = prop::sample::select(vec!['a', 'b', ' ', ' ', 'x', '日', '\t'])
        .prop_map(|c| Op::Key(key(Key::Char(c), false, false, false)));
    let moves = prop::sample::select(vec![
        key(Key::Up, false, false, false),
        key(Key::Down, false, false, false),
        key(Key::Left, false, false, false),
        key(Key::Right, false, false, false),
        key(Key::Down, false, false, true),
        key(Key::Up, false, false, true),
        key(Key::Home, false, false, false),
        key(Key::End, false, false, false),
        key(Key::PageDown, false, false, false),
        key(Key::PageUp, false, false, false),
        key(Key::PageDown, false, false, true),
        key(Key::Char('v'), true, false, false),
        key(Key::Char('v'), false, true, false),
        key(Key::Down, true, false, false),
        key(Key::Up, true, false, false),
        key(Key::Down, true, false, true),
        key(Key::Char(']'), false, true, false),
        key(Key::Char('p'), false, true, false),
        key(Key::Char('<'), false, true, false),
        key(Key::Char('>'), false, true, false),
        key(Key::Char('<'), false, true, true),
        key(Key::Up, true, true, false),
        key(Key::Char('n'), true, true, false),
        key(Key::Right, true, false, false),
        key(Key::Left, true, false, false),
        key(Key::Char('b'), false, true, false),
        key(Key::Char('n'), true, false, false),
    ])
    .prop_map(Op::Key);
    let edits = prop::sample::select(vec![
        key(Key::Enter, false, false, false),
        key(Key::Backspace, false, false, false),
        key(Key::Delete, false, false, false),
        key(Key::Char('k'), true, false, false),
        key(Key::Char('j'), true, false, false),
        key(Key::Char('w'), true, false, false),
        key(Key::Char('d'), false, true, false),
        key(Key::Char('x'), true, false, false),
    ])
    .prop_map(Op::Key);
    prop_oneof![
        4 => typed,
        5 => moves,
        3 => edits,
        1 => "[a-c \n]{0,30}".prop_map(Op::Paste),
        2 => Just(Op::Undo),
        1 => Just(Op::Redo),
        1 => (2u16..14).prop_map(Op::Rows),
    ]
}

/// A note of short and long (wrapped) lines, some blank between paragraphs.
fn note() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        2 => Just(String::new()),
        3 => "[a-z]{1,6}( [a-z]{1,6}){0,3}",
        2 => "[a-z]{1,9}( [a-z]{1,9}){4,14}",
        1 => "[a-z日]{20,60}",
    ];
    prop::collection::vec(line, 1..120).prop_map(|lines| lines.join("\n"))
}

/// The screen `widget` draws, one line a row, the cursor and selection
/// (cells drawn reversed or with a background) in brackets.
fn draw(widget: impl Widget, width: u16, rows: u16) -> String {
    let mut buf = Buffer::empty(Rect::new(0, 0, width, rows));
    widget.render(buf.area, &mut buf);
    let mut out = String::new();
    for y in 0..rows {
        for x in 0..width {
            let cell = &buf[(x, y)];
            let marked = cell.modifier.contains(ratatui::style::Modifier::REVERSED)
                || cell.bg != ratatui::style::Color::Reset;
            if marked {
                out.push('[');
                out.push_str(cell.symbol());
                out.push(']');
            } else {
                out.push_str(cell.symbol());
            }
        }
        out.push('\n');
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(64)))]

    #[test]
    fn the_editor_shows_and_edits_a_note_as_a_text_area_holding_all_of_it(
        text in note(),
        width in 12u16..40,
        rows in 2u16..14,
        ops in prop::collection::vec(op(), 1..120),
    ) {
        let mut rows = rows;
        let mut whole = Whole::new(&text);
        let mut note = NoteArea::at_end(&text, rows.into());
        let mut edits = Edits::opened(true);
        prop_assert_eq!(draw(&note, width, rows), draw(&whole.textarea, width, rows));
        for (step, op) in ops.into_iter().enumerate() {
            let rows_now = usize::from(rows);
            let (ours, theirs) = match op.clone() {
                Op::Key(input) => {
                    let typed = match input {
                        Input { key: Key::Char(c), ctrl: false, alt: false, .. } => Some(c),
                        _ => None,
                    };
                    (
                        edits.input(&mut note, input.clone(), rows_now),
                        whole.edit(typed, |t| t.input(input)),
                    )
                }
                Op::Paste(text) => (
                    edits.paste(&mut note, &text, rows_now),
                    whole.edit(None, |t| t.insert_str(&text)),
                ),
                Op::Undo => (edits.undo(&mut note, rows_now), whole.travel(true)),
                Op::Redo => (edits.redo(&mut note, rows_now), whole.travel(false)),
                Op::Rows(new) => {
                    rows = new;
                    (false, false)
                }
            };
            prop_assert_eq!(ours, theirs, "step {} {:?}: changed", step, op);
            let lines: Vec<&str> = note.lines().collect();
            prop_assert_eq!(&lines[..], whole.textarea.lines(), "step {} {:?}: text", step, op);
            let DataCursor(row, col) = whole.textarea.cursor();
            prop_assert_eq!(note.cursor(), (row, col), "step {} {:?}: cursor", step, op);
            if !edits.unsaved() {
                prop_assert_eq!(note.text(), text.clone(), "step {} {:?}: kept", step, op);
            }
            let (ours, theirs) = (draw(&note, width, rows), draw(&whole.textarea, width, rows));
            prop_assert!(ours == theirs, "step {} {:?}: screen\n{}\nbut\n{}", step, op, ours, theirs);
        }
    }
}
