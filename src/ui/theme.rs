//! Colours and emphasis: the 16 ANSI colours plus bold/dim/reverse, in a
//! palette for dark or light backgrounds (the config file picks and overrides).

use ratatui::style::{Color, Modifier, Style};

use crate::progress::Status;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub palette: Palette,
}

/// What a colour is for: the names `[colors]` in the config file takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    Heading,
    Accent,
    Key,
    Border,
    InProgress,
    Done,
    Focus,
    Error,
}

impl Role {
    pub const ALL: [Role; 9] = [
        Role::Title,
        Role::Heading,
        Role::Accent,
        Role::Key,
        Role::Border,
        Role::InProgress,
        Role::Done,
        Role::Focus,
        Role::Error,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Role::Title => "title",
            Role::Heading => "heading",
            Role::Accent => "accent",
            Role::Key => "key",
            Role::Border => "border",
            Role::InProgress => "in_progress",
            Role::Done => "done",
            Role::Focus => "focus",
            Role::Error => "error",
        }
    }
}

/// The colours of a theme, one per [`Role`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette([Color; 9]);

impl Default for Palette {
    fn default() -> Self {
        Palette::DARK
    }
}

impl Palette {
    /// For dark backgrounds (the default).
    pub const DARK: Palette = Palette([
        Color::Cyan,
        Color::Blue,
        Color::Cyan,
        Color::Cyan,
        Color::Cyan,
        Color::Yellow,
        Color::Green,
        Color::Magenta,
        Color::Red,
    ]);
    /// For light backgrounds: no cyan or yellow, which fade on white.
    pub const LIGHT: Palette = Palette([
        Color::Blue,
        Color::Magenta,
        Color::Blue,
        Color::Blue,
        Color::Blue,
        Color::Magenta,
        Color::Green,
        Color::Red,
        Color::Red,
    ]);

    pub fn get(self, role: Role) -> Color {
        self.0[role as usize]
    }

    pub fn set(&mut self, role: Role, color: Color) {
        self.0[role as usize] = color;
    }
}

impl Theme {
    fn fg(self, role: Role) -> Style {
        if self.color {
            Style::new().fg(self.palette.get(role))
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
        self.fg(Role::Title).add_modifier(Modifier::BOLD)
    }

    pub fn heading(self) -> Style {
        self.fg(Role::Heading).add_modifier(Modifier::BOLD)
    }

    pub fn accent(self) -> Style {
        self.fg(Role::Accent)
    }

    pub fn key(self) -> Style {
        self.fg(Role::Key).add_modifier(Modifier::BOLD)
    }

    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.fg(Role::Border).add_modifier(Modifier::BOLD)
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
            Status::InProgress => self.fg(Role::InProgress).add_modifier(Modifier::BOLD),
            Status::Done => self.fg(Role::Done),
            Status::Skipped => self.dim().add_modifier(Modifier::CROSSED_OUT),
        }
    }

    pub fn done(self) -> Style {
        self.fg(Role::Done)
    }

    pub fn focus(self) -> Style {
        self.fg(Role::Focus).add_modifier(Modifier::BOLD)
    }

    pub fn gauge_filled(self) -> Style {
        self.fg(Role::Done)
    }

    pub fn error(self) -> Style {
        self.fg(Role::Error).add_modifier(Modifier::BOLD)
    }

    pub fn ok(self) -> Style {
        self.fg(Role::Done)
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
