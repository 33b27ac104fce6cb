//! Problems found in a content pack, each pinned to `path:line:col`.

use std::fmt;
use std::ops::Range;

/// One problem in one file, at a 1-based line and column (columns count characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // One problem a line, whatever a quoted value or a file name holds.
        let line = format!("{}:{}:{}: {}", self.path, self.line, self.col, self.message);
        f.write_str(&crate::text::clean_one_line(&line))
    }
}

/// Every problem found while loading a content pack, in file and position order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadError {
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

/// The 1-based line and column of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Collects diagnostics for one source file, turning byte spans into positions.
pub struct FileDiagnostics<'s> {
    pub path: std::rc::Rc<str>,
    pub text: &'s str,
    pub found: Vec<Diagnostic>,
}

impl<'s> FileDiagnostics<'s> {
    pub fn new(path: &str, text: &'s str) -> Self {
        Self {
            path: path.into(),
            text,
            found: Vec::new(),
        }
    }

    pub fn at(&self, span: &Range<usize>) -> (usize, usize) {
        line_col(self.text, span.start)
    }

    pub fn error(&mut self, span: &Range<usize>, message: impl Into<String>) {
        let (line, col) = self.at(span);
        self.found.push(Diagnostic {
            path: self.path.to_string(),
            line,
            col,
            message: message.into(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a = 1\nné = \"x\"\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        // "né " is 4 bytes but 3 characters: '=' is column 4.
        assert_eq!(line_col(text, 10), (2, 4));
        assert_eq!(line_col(text, 1000), (3, 1));
    }
}
