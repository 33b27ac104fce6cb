//! Colours and emphasis. Only the 16 ANSI colours plus bold/dim/reverse, so
//! it reads on dark and light terminals alike; with `NO_COLOR`, emphasis only.

use ratatui::style::{Color, Modifier, Style};

use crate::progress::Status;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn text(self) -> Style {
        Style::new()
    }

    pub fn dim(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn heading(self) -> Style {
        self.fg(Color::Blue).add_modifier(Modifier::BOLD)
    }

    pub fn accent(self) -> Style {
        self.fg(Color::Cyan)
    }

    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.dim()
        }
    }

    /// The selected row: reversed in the focused pane, bold elsewhere.
    pub fn selected(self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    pub fn status(self, status: Status) -> Style {
        match status {
            Status::Todo => Style::new(),
            Status::InProgress => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Status::Done => self.fg(Color::Green),
            Status::Skipped => self.dim().add_modifier(Modifier::CROSSED_OUT),
        }
    }

    pub fn done(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn focus(self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }

    pub fn gauge_filled(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn ok(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn status_bar(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
}

/// A text progress bar `███░░░` of `width` cells.
pub fn progress_bar(ratio: f64, width: usize) -> (String, String) {
    let filled = ((ratio.clamp(0.0, 1.0)) * width as f64).round() as usize;
    ("█".repeat(filled), "░".repeat(width - filled))
}
