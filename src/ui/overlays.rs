//! Popups over the screen: help, search, the note editor and questions.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::cut;
use super::theme::Theme;
use crate::app::keymap::Context;
use crate::app::keymap::{HELP_WIDTH, HelpLine, help_key_width, help_lines};
use crate::app::layout::{self, popup};
use crate::app::search::{Search, Target};
use crate::app::state::{LinkPrompt, NoteEditor};
use crate::app::{Action, App, Overlay, search_popup};
use crate::progress::review::Rating;
use crate::text::{clean_line, width};

pub fn render(app: &App, theme: Theme, area: Rect, buf: &mut Buffer) {
    let Some(overlay) = &app.ui.overlay else {
        return;
    };
    let Some(screen) = layout::screen(area, app.banner_rows()) else {
        return;
    };
    match overlay {
        Overlay::Help { scroll } => help(app, theme, *scroll, area, buf),
        Overlay::Search(search) => search_box(app, theme, search, screen.body, buf),
        Overlay::Editor(editor) => note_editor(app, theme, editor, screen.body, buf),
        Overlay::Link(prompt) => link_prompt(app, theme, prompt, screen.body, buf),
        Overlay::Packs(picker) => super::packs::render(app, theme, picker, screen.body, buf),
        Overlay::Rate { skill } => {
            let title = app
                .roadmap
                .find_skill(skill)
                .map_or(skill.as_str(), |at| app.roadmap.skill(at).title.as_str());
            let text = format!("How well could you explain “{}” now?", clean_line(title));
            question(
                theme,
                " Review ",
                &text,
                &answers(
                    app,
                    Context::Rate,
                    &[
                        (Action::Rate(Rating::Again), "again"),
                        (Action::Rate(Rating::Hard), "hard"),
                        (Action::Rate(Rating::Good), "good"),
                        (Action::Rate(Rating::Easy), "easy"),
                        (Action::CloseOverlay, "not now"),
                    ],
                ),
                area,
                buf,
            );
        }
        Overlay::ConfirmQuit => {
            let reason = app.save.error.as_deref().unwrap_or("unknown error");
            let text = format!(
                "Your latest changes could not be saved ({reason}). Quit anyway and lose them?"
            );
            question(
                theme,
                " Quit without saving? ",
                &text,
                &answers(
                    app,
                    Context::Question,
                    &[(Action::Confirm, "quit"), (Action::Decline, "stay")],
                ),
                area,
                buf,
            );
        }
        Overlay::RecoverDraft { skill } => {
            let title = app
                .roadmap
                .find_skill(skill)
                .map_or_else(|| skill.clone(), |at| app.roadmap.skill(at).title.clone());
            let when = app
                .progress
                .skill(skill)
                .and_then(|p| p.draft.as_ref())
                .map(|d| d.saved.date(&app.tz))
                .unwrap_or_default();
            let text = format!(
                "An unsaved draft of your note on \"{}\" ({when}) was kept when roadmap last stopped. Open it in the editor?",
                clean_line(&title)
            );
            question(
                theme,
                " Recovered draft ",
                &text,
                &answers(
                    app,
                    Context::Question,
                    &[
                        (Action::Confirm, "open it"),
                        (Action::Decline, "discard it"),
                    ],
                ),
                area,
                buf,
            );
        }
    }
}

/// A question's answers with their keys as remapped: `y quit   n stay`.
fn answers(app: &App, context: Context, answers: &[(Action, &str)]) -> String {
    let parts: Vec<String> = answers
        .iter()
        .map(|(action, what)| format!("{} {what}", app.keymap.key_for(context, action)))
        .collect();
    parts.join("   ")
}

/// Clears a popup's area and a column either side of it (within `bounds`),
/// so its border does not run into the panes' borders behind it.
fn clear_around(popup: Rect, bounds: Rect, buf: &mut Buffer) {
    let left = popup.x.saturating_sub(1).max(bounds.x);
    let right = (popup.right() + 1).min(bounds.right());
    Clear.render(
        Rect {
            x: left,
            width: right - left,
            ..popup
        },
        buf,
    );
}

fn framed(theme: Theme, title: &str) -> Block<'_> {
    Block::bordered()
        .title(Line::styled(title, theme.title()))
        .border_style(theme.border(true))
}

fn help(app: &App, theme: Theme, scroll: usize, area: Rect, buf: &mut Buffer) {
    let key_width = help_key_width(&app.keymap);
    let outer = popup(area, HELP_WIDTH, area.height.saturating_sub(2));
    let lines: Vec<Line> = help_lines(&app.keymap, area.width)
        .into_iter()
        .map(|line| match line {
            HelpLine::Blank => Line::raw(""),
            HelpLine::Intro(text) => Line::styled(text, theme.text()),
            HelpLine::Heading(title) => Line::styled(title, theme.heading()),
            HelpLine::Key { keys, what } => {
                let pad = key_width.saturating_sub(width(&keys));
                Line::from(vec![
                    Span::raw("  "),
                    Span::styled(keys, theme.key()),
                    Span::raw(" ".repeat(pad + 2)),
                    Span::raw(what),
                ])
            }
        })
        .collect();
    clear_around(outer, area, buf);
    let block = framed(theme, " Keys ")
        .title_bottom(Line::styled(" ↑↓ scroll · Esc or ? close ", theme.dim()));
    let inner = block.inner(outer);
    block.render(outer, buf);
    let max_scroll = lines.len().saturating_sub(inner.height as usize);
    Paragraph::new(lines)
        .scroll((scroll.min(max_scroll) as u16, 0))
        .render(inner, buf);
}

/// The line a link is typed on, with what it takes and why the last try
/// was refused.
fn link_prompt(app: &App, theme: Theme, prompt: &LinkPrompt, body: Rect, buf: &mut Buffer) {
    let outer = popup(body, 80, 7);
    clear_around(outer, body, buf);
    let skill = app
        .roadmap
        .find_skill(&prompt.skill)
        .map_or(prompt.skill.as_str(), |at| {
            app.roadmap.skill(at).title.as_str()
        });
    let title = format!(
        " Link · {} ",
        cut(skill, outer.width.saturating_sub(12) as usize)
    );
    let block =
        framed(theme, &title).title_bottom(Line::styled(" Enter add · Esc cancel ", theme.dim()));
    let inner = block.inner(outer);
    block.render(outer, buf);
    let w = inner.width as usize;
    let field = format!(" > {}▏", prompt.text);
    // The end of a long line stays in view, where the typing is.
    let shown: String = if width(&field) > w {
        let skip = width(&field) - w;
        clean_line(&field).chars().skip(skip).collect()
    } else {
        clean_line(&field).into_owned()
    };
    let lines = vec![
        Line::styled(
            cut(" A URL or a path, then a title if you like:", w),
            theme.dim(),
        ),
        Line::styled(shown, theme.text()),
        Line::raw(""),
        match &prompt.error {
            Some(why) => Line::styled(cut(&format!(" {why}"), w), theme.error()),
            None => Line::styled(
                cut(
                    " e.g. https://github.com/me/repo/pull/12 My first merged PR",
                    w,
                ),
                theme.dim(),
            ),
        },
    ];
    Paragraph::new(lines).render(inner, buf);
}

fn search_box(app: &App, theme: Theme, search: &Search, body: Rect, buf: &mut Buffer) {
    let outer = search_popup(body);
    clear_around(outer, body, buf);
    let count = match (search.hits.len(), search.truncated) {
        (_, true) => format!(" {}+ matches ", search.hits.len()),
        (1, _) => " 1 match ".to_string(),
        (n, _) => format!(" {n} matches "),
    };
    let block = framed(theme, " Search ").title_bottom(Line::styled(
        " ↑↓ pick · Enter jump · Esc cancel ",
        theme.dim(),
    ));
    let block = if search.query.is_empty() {
        block
    } else {
        block.title(Line::styled(count, theme.dim()).right_aligned())
    };
    let inner = block.inner(outer);
    block.render(outer, buf);
    if inner.height == 0 {
        return;
    }
    let w = inner.width as usize;
    let query = cut(&search.query, w.saturating_sub(4));
    Line::from(vec![
        Span::styled(" / ", theme.key()),
        Span::raw(query),
        Span::styled("▏", theme.accent()),
    ])
    .render(Rect { height: 1, ..inner }, buf);
    if inner.height < 2 {
        return;
    }
    buf.set_string(inner.x, inner.y + 1, "─".repeat(w), theme.dim());
    let list = Rect {
        y: inner.y + 2,
        height: inner.height.saturating_sub(2),
        ..inner
    };
    let Some(index) = app.search_index() else {
        return;
    };
    if search.hits.is_empty() {
        let text = if search.query.trim().is_empty() {
            "Type to search stages, skills, checklist items, tips, strategies and your notes."
        } else {
            "No matches."
        };
        // Indented like the rows of matches.
        let text_area = Rect {
            x: list.x + 1,
            width: list.width.saturating_sub(2),
            ..list
        };
        Paragraph::new(Line::styled(text, theme.dim()))
            .wrap(Wrap { trim: true })
            .render(text_area, buf);
        return;
    }
    let kind_width = 10;
    for (row, (i, &entry)) in search
        .hits
        .iter()
        .enumerate()
        .skip(search.offset)
        .take(list.height as usize)
        .enumerate()
    {
        let target = index.target(entry);
        let (text, context) = hit_text(app, target, &search.query);
        let room = w.saturating_sub(kind_width);
        let text = cut(&text, room);
        let context = cut(&context, room.saturating_sub(width(&text) + 3));
        let mut spans = vec![
            Span::styled(
                format!(" {:<width$}", target.kind(), width = kind_width - 1),
                theme.dim(),
            ),
            Span::raw(text),
        ];
        if !context.is_empty() {
            spans.push(Span::styled(format!(" · {context}"), theme.dim()));
        }
        let line_area = Rect::new(list.x, list.y + row as u16, list.width, 1);
        Line::from(spans).render(line_area, buf);
        if i == search.selected {
            buf.set_style(line_area, theme.selected(true));
        }
    }
}

/// A hit's text and where it lives; a match in the prose rather than the
/// title shows the words around it, so it is clear why it matched.
fn hit_text(app: &App, target: Target, query: &str) -> (String, String) {
    let r = &app.roadmap;
    let (title, prose, place) = match target {
        Target::Stage(i) => (
            &r.stages[i].title,
            r.stages[i].summary.as_deref(),
            format!("stage {}", i + 1),
        ),
        Target::Skill(at) => (
            &r.skill(at).title,
            r.skill(at).body.as_deref(),
            r.stages[at.stage].title.clone(),
        ),
        Target::Item(at, i) => (&r.skill(at).items[i].text, None, r.skill(at).title.clone()),
        Target::Tip(i) => (
            &r.tips[i].title,
            Some(r.tips[i].body.as_str()),
            "interview tip".into(),
        ),
        Target::Strategy(i) => (
            &r.strategies[i].name,
            r.strategies[i].note.as_deref(),
            "staying current".into(),
        ),
        Target::Note(at) => (
            &r.skill(at).title,
            Some(app.progress.note(&r.skill(at).id)),
            "your note".into(),
        ),
        Target::Link(at, pick) => {
            let skill = r.skill(at);
            let k = pick.saturating_sub(skill.items.len());
            match app.progress.evidence(&skill.id).nth(k) {
                Some(link) => (
                    link.title.as_ref().unwrap_or(&link.url),
                    Some(link.url.as_str()),
                    format!("your link · {}", skill.title),
                ),
                None => (&skill.title, None, "your link".into()),
            }
        }
    };
    let words: Vec<String> = query
        .to_lowercase()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let lower_title = title.to_lowercase();
    // A note's hit shows the note's words, whatever the title holds.
    let in_title = !matches!(target, Target::Note(_))
        && words.iter().all(|w| lower_title.contains(w.as_str()));
    let context = match prose.and_then(|p| snippet(p, &words)).filter(|_| !in_title) {
        Some(snippet) => format!("“{snippet}”"),
        None => place,
    };
    (title.clone(), context)
}

/// A few words of `text` around the first of `words` it holds.
fn snippet(text: &str, words: &[String]) -> Option<String> {
    let chars: Vec<char> = clean_line(text).chars().collect();
    let lower: Vec<char> = chars
        .iter()
        .map(|c| c.to_lowercase().next().unwrap_or(*c))
        .collect();
    let (at, len) = words.iter().find_map(|w| {
        let needle: Vec<char> = w.chars().collect();
        (!needle.is_empty())
            .then(|| {
                lower
                    .windows(needle.len())
                    .position(|win| win == needle.as_slice())
            })
            .flatten()
            .map(|at| (at, needle.len()))
    })?;
    let start = at.saturating_sub(20);
    let end = (at + len + 30).min(chars.len());
    let mut out: String = chars[start..end].iter().collect();
    if start > 0 {
        out.insert(0, '…');
    }
    if end < chars.len() {
        out.push('…');
    }
    Some(out)
}

fn note_editor(app: &App, theme: Theme, editor: &NoteEditor, body: Rect, buf: &mut Buffer) {
    let outer = body;
    Clear.render(outer, buf);
    let title = app
        .roadmap
        .find_skill(&editor.skill)
        .map(|at| app.roadmap.skill(at).title.clone())
        .unwrap_or_default();
    let title = format!(
        " Note · {} ",
        cut(&title, outer.width.saturating_sub(12) as usize)
    );
    let hints = " Esc save & close · Ctrl-S save · Ctrl-Z undo · Ctrl-Y redo ";
    let block = framed(theme, &title).title_bottom(Line::styled(
        cut(hints, outer.width.saturating_sub(2) as usize),
        theme.dim(),
    ));
    block.render(outer, buf);
    (&editor.textarea).render(layout::editor_text(outer), buf);
}

fn question(theme: Theme, title: &str, text: &str, keys: &str, area: Rect, buf: &mut Buffer) {
    let width = area.width.saturating_sub(4).min(64);
    let mut lines = crate::text::wrap(text, width.saturating_sub(4) as usize);
    let height = (lines.len() as u16 + 4).min(area.height);
    let outer = popup(area, width, height);
    clear_around(outer, area, buf);
    let block = framed(theme, title);
    let inner = block.inner(outer);
    block.render(outer, buf);
    // The answer keys always show: the text gives way first (cut with …).
    let rows = inner.height as usize;
    let (room, blank) = if rows >= 3 {
        (rows - 2, true)
    } else {
        (rows.saturating_sub(1), false)
    };
    if lines.len() > room {
        lines.truncate(room);
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    }
    let mut body: Vec<Line> = lines
        .into_iter()
        .map(|l| Line::raw(format!(" {l}")))
        .collect();
    if blank {
        body.push(Line::raw(""));
    }
    body.push(Line::styled(format!(" {keys}"), theme.key()));
    Paragraph::new(body).render(inner, buf);
}
