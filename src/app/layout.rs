//! Where things go on screen. Pure geometry, shared by drawing and by
//! `update()` (mouse clicks, keeping selections in view) so they always agree.

use ratatui::layout::{Constraint, Layout, Rect};

use super::action::Pane;

/// Below this the app shows only a "terminal too small" message.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;
/// From this width the roadmap view shows all three panes.
pub const THREE_PANES: u16 = 110;
/// From this width it shows two.
pub const TWO_PANES: u16 = 60;
/// Rows per stage in the stages pane: title, then span and gauge.
pub const STAGE_ROWS: usize = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub header: Rect,
    /// A warning that stays until what it is about is put right.
    pub banner: Rect,
    pub body: Rect,
    pub status: Rect,
}

/// The screen's parts, with `banner` rows for a banner under the header,
/// or `None` when the terminal is too small.
pub fn screen(area: Rect, banner: u16) -> Option<Screen> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    // The body keeps at least half of the screen.
    let banner = banner.min(area.height / 4);
    let [header, banner, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(banner),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    Some(Screen {
        header,
        banner,
        body,
        status,
    })
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Panes {
    pub stages: Option<Rect>,
    pub skills: Option<Rect>,
    pub detail: Option<Rect>,
}

impl Panes {
    pub fn get(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Stages => self.stages,
            Pane::Skills => self.skills,
            Pane::Detail => self.detail,
        }
    }

    /// How many panes are on screen.
    pub fn count(&self) -> usize {
        [self.stages, self.skills, self.detail]
            .iter()
            .filter(|p| p.is_some())
            .count()
    }
}

/// The roadmap view's panes for a body area: three when wide; two (the
/// focused pane and the one it previews) when medium; just the focused one when narrow.
pub fn panes(body: Rect, focus: Pane) -> Panes {
    if body.width >= THREE_PANES {
        let stages = (body.width * 30 / 100).clamp(36, 40);
        let skills = (body.width * 37 / 100).clamp(40, 56);
        let [a, b, c] = Layout::horizontal([
            Constraint::Length(stages),
            Constraint::Length(skills),
            Constraint::Fill(1),
        ])
        .areas(body);
        return Panes {
            stages: Some(a),
            skills: Some(b),
            detail: Some(c),
        };
    }
    if body.width >= TWO_PANES {
        let [a, b] =
            Layout::horizontal([Constraint::Percentage(46), Constraint::Fill(1)]).areas(body);
        return match focus {
            Pane::Stages => Panes {
                stages: Some(a),
                skills: Some(b),
                detail: None,
            },
            Pane::Skills | Pane::Detail => Panes {
                stages: None,
                skills: Some(a),
                detail: Some(b),
            },
        };
    }
    let mut panes = Panes::default();
    match focus {
        Pane::Stages => panes.stages = Some(body),
        Pane::Skills => panes.skills = Some(body),
        Pane::Detail => panes.detail = Some(body),
    }
    panes
}

/// Where the detail pane's text goes: inside the border, one column of padding each side.
pub fn detail_text(area: Rect) -> Rect {
    let inner = inner(area);
    Rect {
        x: inner.x.saturating_add(1),
        width: inner.width.saturating_sub(2),
        ..inner
    }
}

/// Where the note editor's text goes in the body: inside its border, with a
/// column of padding each side (as the panes' text has) when there is room.
pub fn editor_text(body: Rect) -> Rect {
    let inner = inner(body);
    if inner.width > 10 {
        Rect {
            x: inner.x + 1,
            width: inner.width - 2,
            ..inner
        }
    } else {
        inner
    }
}

/// Widest column of text for reading views (About, tips, journal).
pub const READING_WIDTH: u16 = 88;

/// Where a reading view's text goes: inside the border, padded, and no
/// wider than [`READING_WIDTH`] (centred) so lines stay readable on wide screens.
pub fn reading(area: Rect) -> Rect {
    let text = detail_text(area);
    let width = text.width.min(READING_WIDTH);
    Rect {
        x: text.x + (text.width - width) / 2,
        width,
        ..text
    }
}

/// A bordered pane's inside.
pub fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

/// A centred popup of at most `width` x `height` inside `area`.
pub fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_screens_show_three_panes_narrow_ones_fewer() {
        let body = |w| Rect::new(0, 1, w, 20);
        assert_eq!(panes(body(120), Pane::Stages).count(), 3);
        let medium = panes(body(80), Pane::Skills);
        assert_eq!(medium.count(), 2);
        assert!(medium.stages.is_none() && medium.detail.is_some());
        let narrow = panes(body(40), Pane::Detail);
        assert_eq!(narrow.count(), 1);
        assert_eq!(narrow.detail, Some(body(40)));
    }

    #[test]
    fn tiny_terminals_get_no_layout() {
        assert!(screen(Rect::new(0, 0, 1, 1), 0).is_none());
        assert!(screen(Rect::new(0, 0, MIN_WIDTH, MIN_HEIGHT), 0).is_some());
    }
}
