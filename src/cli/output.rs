//! Writing command output: colour only on a terminal without `NO_COLOR`, and
//! every string made safe (no raw control or escape sequences).

use std::io::{IsTerminal, Write};

use crossterm::style::Stylize;

use super::Failure;

/// Colour is wanted unless `NO_COLOR` is set to something.
pub fn color_wanted() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Standard output, knowing whether it may carry colour.
pub struct Out {
    color: bool,
    text: String,
}

impl Out {
    pub fn new() -> Out {
        Out {
            color: std::io::stdout().is_terminal() && color_wanted(),
            text: String::new(),
        }
    }

    /// Appends untrusted text, made safe.
    pub fn plain(&mut self, text: &str) -> &mut Self {
        self.text.push_str(&crate::text::clean(text));
        self
    }

    /// Appends text the caller already made safe (keeps its tabs).
    pub fn safe(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    pub fn bold(&mut self, text: &str) -> &mut Self {
        self.styled(text, |t| t.bold().to_string())
    }

    pub fn green(&mut self, text: &str) -> &mut Self {
        self.styled(text, |t| t.green().to_string())
    }

    pub fn dim(&mut self, text: &str) -> &mut Self {
        self.styled(text, |t| t.dim().to_string())
    }

    /// Untrusted text made safe, then painted if colour is on.
    fn styled(&mut self, text: &str, paint: fn(&str) -> String) -> &mut Self {
        let text = crate::text::clean(text);
        if self.color && !text.is_empty() {
            self.text.push_str(&paint(&text));
        } else {
            self.text.push_str(&text);
        }
        self
    }

    pub fn newline(&mut self) -> &mut Self {
        self.text.push('\n');
        self
    }

    /// Writes everything to standard output.
    pub fn flush(&self) -> Result<(), Failure> {
        write_stdout(&self.text)
    }
}

/// Writes `text` to standard output; a closed pipe (`| head`) is not an error.
pub fn write_stdout(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Runtime(format!("cannot write output: {e}"))),
    }
}
