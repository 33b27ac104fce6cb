//! The note editor's text: its text area holds the lines on screen and a few
//! around them, the rest of the note waits beside it. ratatui-textarea lays
//! out (wraps) every line it holds on each edit, so it must not hold the note.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use tui_textarea::{CursorMove, DataCursor, Input, Key, TextArea};

use super::edits::{Change, changed};

/// Lines held past the cursor's and the screen's, for the keys that reach
/// one line further (Backspace at a line's start, ↓, a word back).
const REACH: usize = 2;
/// Lines held past those needed, so that moving a line or two does not lay
/// the text area out again.
const SLACK: usize = 4;

/// A place in the note: its line and the character in it.
pub type Spot = (usize, usize);

#[derive(Debug)]
pub struct NoteArea {
    textarea: TextArea<'static>,
    /// The note's lines before the text area's.
    above: Vec<String>,
    /// The note's lines after the text area's, the last one first.
    below: Vec<String>,
}

/// A note editor's text area holding `lines`.
pub fn text_area(lines: Vec<String>) -> TextArea<'static> {
    let mut textarea = TextArea::new(lines);
    // Undo is kept by the app, by the group (see `edits`).
    textarea.set_max_histories(0);
    textarea.set_wrap_mode(tui_textarea::WrapMode::WordOrGlyph);
    textarea.set_cursor_line_style(ratatui::style::Style::default());
    textarea.set_placeholder_text("Write your note here…");
    textarea
}

/// How far a key may move the cursor: to a neighbouring line (or within a
/// selection, which the text area holds whole), by a page, or anywhere.
enum Reach {
    Line,
    Page,
    Far(Jump, bool),
}

#[derive(Clone, Copy)]
enum Jump {
    Top,
    Bottom,
    ParagraphForward,
    ParagraphBack,
}

/// The keys that move by more than a line in ratatui-textarea's `input`.
fn reach(input: &Input) -> Reach {
    let far = |jump| Reach::Far(jump, input.shift);
    match (input.key, input.ctrl, input.alt) {
        (Key::Char('<'), false, true) | (Key::Up | Key::Char('p'), true, true) => far(Jump::Top),
        (Key::Char('>'), false, true) | (Key::Down | Key::Char('n'), true, true) => {
            far(Jump::Bottom)
        }
        (Key::Char(']' | 'n'), false, true) | (Key::Down, true, false) => {
            far(Jump::ParagraphForward)
        }
        (Key::Char('[' | 'p'), false, true) | (Key::Up, true, false) => far(Jump::ParagraphBack),
        (Key::PageDown | Key::PageUp, _, _)
        | (Key::Char('v'), true, false)
        | (Key::Char('v'), false, true) => Reach::Page,
        _ => Reach::Line,
    }
}

impl NoteArea {
    /// `text` in an editor `rows` rows high, the cursor at its end.
    pub fn at_end(text: &str, rows: usize) -> NoteArea {
        let mut above: Vec<String> = text.split('\n').map(str::to_string).collect();
        // Enough above the cursor to fill the first screen.
        let held = above.split_off(above.len().saturating_sub(rows + REACH + SLACK + 1));
        let mut textarea = text_area(held);
        textarea.move_cursor(CursorMove::Bottom);
        textarea.move_cursor(CursorMove::End);
        NoteArea {
            textarea,
            above,
            below: Vec::new(),
        }
    }

    /// The whole note.
    pub fn text(&self) -> String {
        let mut text = String::new();
        for (i, line) in self.lines().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            text.push_str(line);
        }
        text
    }

    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.above
            .iter()
            .chain(self.textarea.lines())
            .chain(self.below.iter().rev())
            .map(String::as_str)
    }

    pub fn cursor(&self) -> Spot {
        let DataCursor(row, col) = self.textarea.cursor();
        (self.start() + row, col)
    }

    /// Where a selection started, if one is being made.
    pub fn anchor(&self) -> Option<Spot> {
        let (from, to) = self.textarea.selection_range()?;
        let cursor = self.textarea.cursor();
        let anchor = if DataCursor(from.0, from.1) == cursor {
            to
        } else {
            from
        };
        Some((self.start() + anchor.0, anchor.1))
    }

    /// Applies a key the keymap leaves to the text area, in an editor `rows`
    /// rows high; what it changed in the text, if anything.
    pub fn input(&mut self, input: Input, rows: usize) -> Option<Change> {
        let change = match reach(&input) {
            Reach::Line => self.apply(|t| t.input(input)),
            Reach::Page => {
                self.hold_pages(rows);
                self.apply(|t| t.input(input))
            }
            Reach::Far(jump, shift) => {
                self.jump(jump, shift, input, rows);
                None
            }
        };
        self.fit(rows);
        change
    }

    /// Inserts `text` at the cursor; what it changed, if anything.
    pub fn paste(&mut self, text: &str, rows: usize) -> Option<Change> {
        let change = self.apply(|t| t.insert_str(text));
        self.fit(rows);
        change
    }

    /// Takes `change` back (its lines return in place of those it made) and
    /// puts the cursor at `cursor`; the change that makes it again. The
    /// screen then shows the cursor on its last row (or the note's start), as
    /// a text area made afresh for the note would.
    pub fn revert(&mut self, change: Change, cursor: Spot, rows: usize) -> Change {
        let Change { at, lines, became } = change;
        // The cursor's line as it is now, before the lines return.
        let line = if cursor.0 < at {
            cursor.0
        } else if cursor.0 < at + lines.len() {
            at
        } else {
            cursor.0 - lines.len() + became
        };
        // A screenful above the cursor, so that it can be on the last row.
        let from = at.min(line).saturating_sub(rows + REACH);
        let to = (at + became).max(line + 1) + REACH;
        self.hold(from..to, (at, 0), None, rows);
        self.jump_to((at, 0));
        let yank = self.textarea.yank_text();
        let row = at - self.start();
        let made = self.textarea.lines()[row..row + became].to_vec();
        let chars: usize = made.iter().map(|l| l.chars().count()).sum::<usize>() + became - 1;
        self.textarea.delete_str(chars);
        self.textarea.insert_str(lines.join("\n"));
        self.textarea.set_yank_text(yank);
        let back = Change {
            at,
            became: lines.len(),
            lines: made,
        };
        self.scroll_to(0);
        self.jump_to(cursor);
        self.fit(rows);
        back
    }

    /// Runs `edit` on the text area; what it changed in the note, if anything.
    /// (Not what it says it changed: pasting nothing over a selection says
    /// nothing but deletes the selection.)
    fn apply(&mut self, edit: impl FnOnce(&mut TextArea<'static>) -> bool) -> Option<Change> {
        let before = self.textarea.lines().to_vec();
        edit(&mut self.textarea);
        changed(self.start(), &before, self.textarea.lines())
    }

    /// Moves the cursor as `input` (a `jump`) does. The text area makes the
    /// move when it holds where the cursor lands; else the move is made here.
    fn jump(&mut self, jump: Jump, shift: bool, input: Input, rows: usize) {
        let Some(target) = self.target(jump) else {
            return;
        };
        if (self.start()..self.end()).contains(&target.0) {
            self.textarea.input(input);
            return;
        }
        let anchor = if shift {
            self.anchor().or(Some(self.cursor()))
        } else {
            None
        };
        let reach = rows + REACH + SLACK;
        self.hold(
            target.0.saturating_sub(reach)..target.0 + reach + 1,
            target,
            anchor,
            rows,
        );
    }

    /// Where `jump` takes the cursor, as the text area finds it; none for a
    /// paragraph back from the first line.
    fn target(&self, jump: Jump) -> Option<Spot> {
        let (row, col) = self.cursor();
        let last = self.len() - 1;
        let at = |row: usize| Some((row, col.min(self.line(row).chars().count())));
        let empty = |row: usize| self.line(row).is_empty();
        match jump {
            Jump::Top => at(0),
            Jump::Bottom => at(last),
            Jump::ParagraphForward => {
                let mut prev_empty = empty(row);
                for next in row + 1..=last {
                    if !empty(next) && prev_empty {
                        return at(next);
                    }
                    prev_empty = empty(next);
                }
                at(last)
            }
            Jump::ParagraphBack => {
                let above = row.checked_sub(1)?;
                let mut prev_empty = empty(above);
                for next in (0..above).rev() {
                    if empty(next) && !prev_empty {
                        return at(next + 1);
                    }
                    prev_empty = empty(next);
                }
                at(0)
            }
        }
    }

    /// Holds the lines a page up or down may show.
    fn hold_pages(&mut self, rows: usize) {
        let rows = rows.max(1);
        let (top, _) = self.top();
        let from = top.saturating_sub(rows + REACH).min(self.start());
        let to = (top + 2 * rows + REACH + 1).min(self.len()).max(self.end());
        if from < self.start() || to > self.end() {
            self.hold(from..to, self.cursor(), self.anchor(), rows);
        }
    }

    /// Holds what the next frame shows, `rows` rows high, with the lines a
    /// key may reach from there and the selection; lays the text area out
    /// again only when it lacks some of them or holds far more.
    fn fit(&mut self, rows: usize) {
        let rows = rows.max(1);
        // Where the text area will scroll to show the cursor (as it does).
        let scrolled = self.textarea.scroll_offset().0 as usize;
        let row = self.textarea.screen_cursor().row;
        let top = if row < scrolled {
            row
        } else if scrolled + rows <= row {
            row + 1 - rows
        } else {
            scrolled
        };
        let first = self.start() + self.textarea.screen_to_data(top, 0).0;
        let mut last = self.start() + self.textarea.screen_to_data(top + rows - 1, 0).0;
        // Rows past its last line need lines it does not hold: one each at most.
        last += (top + rows).saturating_sub(screen_rows(&self.textarea));
        let cursor = self.cursor();
        let anchor = self.anchor();
        let (mut from, mut to) = (first.min(cursor.0), last.max(cursor.0) + 1);
        if let Some((line, _)) = anchor {
            from = from.min(line);
            to = to.max(line + 1);
        }
        let from = from.saturating_sub(REACH);
        let to = (to + REACH).min(self.len());
        let holds = self.start() <= from && to <= self.end();
        let roomy = self.end() - self.start() > to - from + 4 * SLACK;
        if holds && !roomy {
            return;
        }
        self.hold(from.saturating_sub(SLACK)..to + SLACK, cursor, anchor, rows);
    }

    /// Makes the text area hold the note's `lines` (with `cursor` and
    /// `anchor`, which it then shows), keeping the screen, `rows` rows high,
    /// where it was.
    fn hold(&mut self, lines: Range<usize>, cursor: Spot, anchor: Option<Spot>, rows: usize) {
        let rows = rows.max(1);
        let top = self.top();
        let mut from = lines.start.min(cursor.0);
        if top.0 < from {
            // The screen stays unless the cursor is below it: hold the line
            // at its top, or else a screenful above the cursor.
            from = if cursor.0 - top.0 <= rows {
                top.0
            } else {
                from.min(cursor.0 - rows)
            };
        }
        let mut to = lines.end.max(cursor.0 + 1);
        if let Some((line, _)) = anchor {
            from = from.min(line);
            to = to.max(line + 1);
        }
        let to = to.min(self.len());
        let yank = self.textarea.yank_text();
        if (from, to) != (self.start(), self.end()) {
            let held = self.regroup(from, to);
            self.textarea.cancel_selection();
            self.textarea.clear();
            self.textarea.insert_str(held.join("\n"));
        }
        // The line at the top of the screen stays there. One not held is a
        // screenful above the cursor or below it: the text area then scrolls
        // to the cursor from above or from below, as it would have.
        let top_row = if top.0 < from {
            0
        } else if top.0 >= to {
            self.jump_to(cursor);
            self.textarea.screen_cursor().row + 1
        } else {
            self.jump_to(top);
            self.textarea.screen_cursor().row
        };
        self.scroll_to(top_row);
        self.textarea.cancel_selection();
        if let Some(anchor) = anchor {
            self.jump_to(anchor);
            self.textarea.start_selection();
        }
        self.jump_to(cursor);
        self.textarea.set_yank_text(yank);
    }

    /// Moves lines between the text area and the rest so that the rest is
    /// the note's lines before `from` and from `to` on; the lines between.
    fn regroup(&mut self, from: usize, to: usize) -> Vec<String> {
        let start = self.start();
        let mut held = self.textarea.lines().to_vec();
        if from < start {
            let mut front = self.above.split_off(from);
            front.append(&mut held);
            held = front;
        } else {
            let gone = (from - start).min(held.len());
            self.above.extend(held.drain(..gone));
            while self.above.len() < from
                && let Some(line) = self.below.pop()
            {
                self.above.push(line);
            }
        }
        if to < from + held.len() {
            let after = held.split_off(to - from);
            self.below.extend(after.into_iter().rev());
        }
        while held.len() < to - from
            && let Some(line) = self.below.pop()
        {
            held.push(line);
        }
        held
    }

    /// Scrolls the text area so that its screen starts at `row`.
    fn scroll_to(&mut self, row: usize) {
        let mut by = row as i64 - i64::from(self.textarea.scroll_offset().0);
        while by != 0 {
            let step = by.clamp(i64::from(i16::MIN), i64::from(i16::MAX));
            self.textarea.scroll((step as i16, 0));
            by -= step;
        }
    }

    /// The place the screen starts at.
    fn top(&self) -> Spot {
        let top = self.textarea.scroll_offset().0 as usize;
        let DataCursor(row, col) = self.textarea.screen_to_data(top, 0);
        (self.start() + row, col)
    }

    /// Puts the text area's cursor at `spot` of the note (which it holds).
    fn jump_to(&mut self, (line, col): Spot) {
        // The text area jumps to 16-bit places: a line of more than 65,535
        // characters is reached at that column.
        let clamp = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        let row = line.saturating_sub(self.start());
        self.textarea
            .move_cursor(CursorMove::Jump(clamp(row), clamp(col)));
    }

    fn start(&self) -> usize {
        self.above.len()
    }

    fn end(&self) -> usize {
        self.start() + self.textarea.lines().len()
    }

    fn len(&self) -> usize {
        self.end() + self.below.len()
    }

    fn line(&self, line: usize) -> &str {
        let (start, end) = (self.start(), self.end());
        if line < start {
            &self.above[line]
        } else if line < end {
            &self.textarea.lines()[line - start]
        } else {
            &self.below[self.below.len() - 1 - (line - end)]
        }
    }
}

/// How many rows `textarea` takes on screen, as last laid out.
fn screen_rows(textarea: &TextArea<'_>) -> usize {
    // Rows past the last one are taken for it: find the first so taken.
    let last = textarea.screen_to_data(usize::MAX, 0);
    let (mut low, mut high) = (0, 1);
    while textarea.screen_to_data(high, 0) != last {
        low = high + 1;
        high *= 2;
    }
    while low < high {
        let mid = usize::midpoint(low, high);
        if textarea.screen_to_data(mid, 0) == last {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    high + 1
}

impl Widget for &NoteArea {
    fn render(self, area: Rect, buf: &mut Buffer) {
        (&self.textarea).render(area, buf);
        // A terminal grown since the last key can show rows past the lines
        // held: draw from a copy that holds those too.
        let top = self.textarea.scroll_offset().0 as usize;
        let missing = (top + area.height as usize).saturating_sub(screen_rows(&self.textarea));
        if missing == 0 || self.below.is_empty() {
            return;
        }
        let mut more = self.textarea.clone();
        let cursor = more.cursor();
        let anchor = self.anchor().map(|(line, col)| (line - self.start(), col));
        more.cancel_selection();
        more.move_cursor(CursorMove::Bottom);
        more.move_cursor(CursorMove::End);
        let lines: Vec<&str> = self
            .below
            .iter()
            .rev()
            .take(missing)
            .map(String::as_str)
            .collect();
        more.insert_str(format!("\n{}", lines.join("\n")));
        let clamp = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        if let Some((row, col)) = anchor {
            more.move_cursor(CursorMove::Jump(clamp(row), clamp(col)));
            more.start_selection();
        }
        more.move_cursor(CursorMove::Jump(clamp(cursor.0), clamp(cursor.1)));
        (&more).render(area, buf);
    }
}
