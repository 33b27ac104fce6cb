//! What the header shows at a given width: the roadmap's title, a tab for
//! each view and the overall progress, the richest that fits. Shared by
//! drawing and by `update()`, so a click lands on the tab it was drawn on.

use super::{App, View};
use crate::text::{clean_line, truncate, width};

pub struct Header {
    /// The title (cut to fit), with the spaces after it; `None` when there
    /// is no room for it (the tabs then start at the left).
    pub title: Option<(String, usize)>,
    pub tabs: Vec<Tab>,
    /// Spaces after the tabs when there is no title.
    pub gap: usize,
    /// The progress gauge's width (0: none).
    pub bar_width: usize,
    pub counts: String,
}

/// One view's tab: ` 1 Roadmap `, or ` 1 ` when room is short (the current
/// view keeps its name).
pub struct Tab {
    pub view: View,
    pub text: String,
}

impl Header {
    pub fn of(app: &App, total: usize) -> Header {
        let overall = app.stats.overall;
        // Padded to the widest they can get, so nothing moves as progress grows.
        let most = overall.total;
        let counts = format!(
            "{:>w$} · {:>3}%",
            format!("{}/{} done", overall.done, overall.counted()),
            overall.percent(),
            w = width(&format!("{most}/{most} done")),
        );
        let short_counts = format!(
            "{:>w$} {:>3}%",
            format!("{}/{}", overall.done, overall.counted()),
            overall.percent(),
            w = width(&format!("{most}/{most}")),
        );
        let tabs = |compact: bool| -> Vec<Tab> {
            View::ALL
                .iter()
                .map(|&view| Tab {
                    view,
                    text: if compact && view != app.ui.view {
                        format!(" {} ", view.number())
                    } else {
                        format!(" {} {} ", view.number(), view.label())
                    },
                })
                .collect()
        };
        // Richest layout that fits: progress always, then tabs, then the title.
        let candidates = [
            (tabs(false), &counts, 10),
            (tabs(true), &counts, 10),
            (tabs(true), &short_counts, 6),
            (tabs(true), &short_counts, 0),
            (Vec::new(), &short_counts, 0),
        ];
        for (tabs, counts, bar_width) in candidates {
            let right_width = bar_width + usize::from(bar_width > 0) + width(counts) + 1;
            let tabs_width: usize = tabs.iter().map(|t| width(&t.text)).sum();
            if tabs_width + right_width > total {
                continue;
            }
            let room = total - tabs_width - right_width;
            let title = (room >= 8).then(|| {
                let title = truncate(&clean_line(&app.roadmap.title), room - 3).into_owned();
                let pad = room.saturating_sub(1 + width(&title));
                (title, pad)
            });
            return Header {
                gap: if title.is_some() { 0 } else { room },
                title,
                tabs,
                bar_width,
                counts: counts.clone(),
            };
        }
        Header {
            title: None,
            tabs: Vec::new(),
            gap: 0,
            bar_width: 0,
            counts: truncate(&short_counts, total).into_owned(),
        }
    }

    /// The view whose tab is at `column` (from the header's left).
    pub fn tab_at(&self, column: usize) -> Option<View> {
        let mut x = self
            .title
            .as_ref()
            .map_or(0, |(title, pad)| 1 + width(title) + pad);
        for tab in &self.tabs {
            let w = width(&tab.text);
            if (x..x + w).contains(&column) {
                return Some(tab.view);
            }
            x += w;
        }
        None
    }
}
