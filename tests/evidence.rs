//! Evidence in the app: `L` types a link onto the selected skill, the
//! detail pane lists the links, `x` removes the picked one, search finds them.

mod common;

use common::{app, app_with, press, shipped};
use roadmap_tui::app::{Effect, Overlay, Pane};
use roadmap_tui::progress::RoadmapProgress;

fn typed(app: &mut roadmap_tui::app::App, text: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in text.chars() {
        let key = if c == '\n' {
            crossterm::event::KeyEvent::new(
                crossterm::event::KeyCode::Enter,
                crossterm::event::KeyModifiers::NONE,
            )
        } else {
            crossterm::event::KeyEvent::new(
                crossterm::event::KeyCode::Char(c),
                crossterm::event::KeyModifiers::NONE,
            )
        };
        if let Some(action) = app.action_for_key(&key) {
            effects.extend(app.update(action, common::now()));
        }
    }
    effects
}

#[test]
fn l_links_the_selected_skill_and_the_detail_lists_it() {
    let mut app = app(120, 40);
    press(&mut app, "\t");
    press(&mut app, "L");
    assert!(matches!(app.ui.overlay, Some(Overlay::Link(_))));
    let text = common::text(&app);
    assert!(text.contains("Link · Master the Fundamentals"), "{text}");
    let effects = typed(
        &mut app,
        "https://github.com/me/repo/pull/12 My first merged PR\n",
    );
    assert_eq!(effects, [Effect::Save]);
    assert!(app.ui.overlay.is_none());
    let links: Vec<_> = app.progress.evidence("fundamentals").cloned().collect();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].url, "https://github.com/me/repo/pull/12");
    assert_eq!(links[0].title.as_deref(), Some("My first merged PR"));
    let text = common::text(&app);
    assert!(text.contains("Linked: My first merged PR"), "{text}");
    assert!(text.contains("Evidence"), "{text}");
    assert!(text.contains("• My first merged PR"), "{text}");
}

#[test]
fn what_is_neither_a_url_nor_a_path_is_refused_where_it_is_typed() {
    let mut app = app(120, 40);
    press(&mut app, "\tL");
    let effects = typed(&mut app, "my project\n");
    assert!(effects.is_empty());
    let text = common::text(&app);
    assert!(text.contains("neither a URL"), "{text}");
    assert!(
        matches!(app.ui.overlay, Some(Overlay::Link(_))),
        "still open to fix it"
    );
    press(&mut app, "\x1b");
    assert!(app.ui.overlay.is_none());
    assert_eq!(app.progress.evidence("fundamentals").count(), 0);
    assert!(!app.save.dirty);
}

#[test]
fn x_removes_the_link_picked_in_the_detail_pane() {
    let mut progress = RoadmapProgress::default();
    let now = common::fixed_now();
    progress.add_evidence("fundamentals", "https://example.com/a", Some("first"), now);
    progress.add_evidence("fundamentals", "~/notes/b.md", None, now);
    let mut app = app_with(shipped(), progress, 120, 40);
    press(&mut app, "\t\t");
    assert_eq!(app.ui.focus, Pane::Detail);
    // Past the four checklist items: the links.
    press(&mut app, "jjjj");
    assert!(!common::labels_now(&app).contains(&"tick"));
    assert!(common::labels_now(&app).contains(&"remove"));
    press(&mut app, "x");
    let left: Vec<String> = app
        .progress
        .evidence("fundamentals")
        .map(|e| e.url.clone())
        .collect();
    assert_eq!(left, ["~/notes/b.md"]);
    assert!(common::text(&app).contains("Removed: first"));
    // The cursor is on the link that is left: x again removes it.
    press(&mut app, "x");
    assert_eq!(app.progress.evidence("fundamentals").count(), 0);
}

#[test]
fn search_finds_evidence_and_jumps_to_it() {
    let mut progress = RoadmapProgress::default();
    let now = common::fixed_now();
    progress.add_evidence(
        "read-code",
        "https://example.com/cpython-dict",
        Some("Dict internals write-up"),
        now,
    );
    let mut app = app_with(shipped(), progress, 120, 40);
    press(&mut app, "/dict internals");
    assert!(common::text(&app).contains("Dict internals write-up"));
    press(&mut app, "\n");
    let at = app.selected_skill().unwrap();
    assert_eq!(app.roadmap.skill(at).id, "read-code");
    assert_eq!(app.ui.focus, Pane::Detail);
    let items = app.roadmap.skill(at).items.len();
    assert_eq!(app.ui.item, items, "the link is picked");
}
