//! Writing `progress.toml`, laid out for the people who read and edit it:
//! one table per skill, checklist ticks one per line, notes as multi-line
//! text. Written in one pass straight from the model; `toml_writer` quotes
//! keys and strings.

use std::fmt::Write as _;

use toml_writer::{TomlKeyBuilder, TomlStringBuilder, TomlWrite};

use super::log::LogEntry;
use super::model::{FORMAT_VERSION, RoadmapProgress, SkillProgress, Status};
use crate::time::Stamp;

pub const HEADER: &str = "\
# roadmap-tui progress: your statuses, ticks, notes and focus.
# Written by roadmap-tui; the previous version is kept in progress.toml.bak.
# Everything is keyed by stable ids from the roadmap's content files.
";

/// The text of a progress file holding `roadmaps` (id, progress), in order.
pub fn progress_file<'a>(roadmaps: impl Iterator<Item = (&'a str, &'a RoadmapProgress)>) -> String {
    let mut out = String::with_capacity(1 << 16);
    out.push_str(HEADER);
    let _ = writeln!(out, "version = {FORMAT_VERSION}");
    for (id, progress) in roadmaps {
        // `fmt::Write` into a String cannot fail.
        let _ = roadmap(&mut out, id, progress);
    }
    out
}

/// A bare key (`a-z`, `A-Z`, `0-9`, `-`, `_`) as is; anything else quoted.
fn key(out: &mut String, key: &str) -> std::fmt::Result {
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare {
        out.push_str(key);
        return Ok(());
    }
    out.key(TomlKeyBuilder::new(key).as_default())
}

/// A string value: plain text (the usual case: ids, dates, statuses) goes
/// straight in quotes; anything with quotes, backslashes, controls or line
/// breaks is encoded by `toml_writer`.
fn value(out: &mut String, value: &str) -> std::fmt::Result {
    let plain = value
        .bytes()
        .all(|b| b >= 0x20 && b != b'"' && b != b'\\' && b != 0x7f);
    if plain {
        out.push('"');
        out.push_str(value);
        out.push('"');
        return Ok(());
    }
    out.value(TomlStringBuilder::new(value).as_default())
}

/// A date-time, written in place (RFC 3339 needs no quoting or escaping).
fn stamp(out: &mut String, name: &str, at: Stamp) -> std::fmt::Result {
    key(out, name)?;
    write!(out, " = \"{at}\"")?;
    out.newline()
}

fn string(out: &mut String, name: &str, text: &str) -> std::fmt::Result {
    key(out, name)?;
    out.push_str(" = ");
    value(out, text)?;
    out.newline()
}

/// Writes a header `[roadmaps.<id>.<path>...]`.
fn header(out: &mut String, id: &str, path: &[&str], array: bool) -> std::fmt::Result {
    out.newline()?;
    if array {
        out.open_array_of_tables_header()?;
    } else {
        out.open_table_header()?;
    }
    out.push_str("roadmaps");
    out.key_sep()?;
    key(out, id)?;
    for part in path {
        out.key_sep()?;
        key(out, part)?;
    }
    if array {
        out.close_array_of_tables_header()?;
    } else {
        out.close_table_header()?;
    }
    out.newline()
}

fn roadmap(out: &mut String, id: &str, progress: &RoadmapProgress) -> std::fmt::Result {
    if let Some(focus) = &progress.focus {
        header(out, id, &["focus"], false)?;
        string(out, "skill", &focus.skill)?;
        stamp(out, "since", focus.since)?;
    }
    for past in &progress.focus_history {
        header(out, id, &["focus_history"], true)?;
        string(out, "skill", &past.skill)?;
        stamp(out, "since", past.since)?;
        stamp(out, "until", past.until)?;
    }
    for (skill_id, skill) in &progress.skills {
        self::skill(out, id, skill_id, skill)?;
    }
    // The roadmap's own keys last, under its own header (TOML allows a
    // table after its sub-tables): the log is long and read least.
    let untouched =
        progress.focus.is_none() && progress.focus_history.is_empty() && progress.skills.is_empty();
    if untouched || progress.focus_changed.is_some() || !progress.log.is_empty() {
        header(out, id, &[], false)?;
    }
    if let Some(changed) = progress.focus_changed {
        stamp(out, "focus_changed", changed)?;
    }
    if !progress.log.is_empty() {
        out.push_str("log = [");
        out.newline()?;
        for entry in &progress.log {
            log_entry(out, entry)?;
        }
        out.push(']');
        out.newline()?;
    }
    Ok(())
}

/// One change, on one line: `{ at = "…", skill = "…", kind = "…", … },`.
fn log_entry(out: &mut String, entry: &LogEntry) -> std::fmt::Result {
    write!(out, "  {{ at = \"{}\", skill = ", entry.at)?;
    value(out, &entry.skill)?;
    out.push_str(", kind = ");
    value(out, &entry.kind)?;
    let fields = [
        ("from", &entry.from),
        ("to", &entry.to),
        ("item", &entry.item),
        ("url", &entry.url),
        ("rating", &entry.rating),
    ];
    for (name, field) in fields {
        if let Some(text) = field {
            write!(out, ", {name} = ")?;
            value(out, text)?;
        }
    }
    out.push_str(" },");
    out.newline()
}

fn skill(out: &mut String, id: &str, skill_id: &str, skill: &SkillProgress) -> std::fmt::Result {
    header(out, id, &["skills", skill_id], false)?;
    if skill.status != Status::default() {
        string(out, "status", skill.status.as_str())?;
    }
    if let Some(changed) = skill.changed {
        stamp(out, "changed", changed)?;
    }
    if !skill.note.is_empty() {
        string(out, "note", &skill.note)?;
    }
    if let Some(changed) = skill.note_changed {
        stamp(out, "note_changed", changed)?;
    }
    if skill.note_merged {
        key(out, "note_merged")?;
        out.push_str(" = true");
        out.newline()?;
    }
    if let Some(draft) = &skill.draft {
        header(out, id, &["skills", skill_id, "draft"], false)?;
        string(out, "text", &draft.text)?;
        stamp(out, "saved", draft.saved)?;
    }
    if let Some(review) = &skill.review {
        header(out, id, &["skills", skill_id, "review"], false)?;
        stamp(out, "at", review.at)?;
        key(out, "rung")?;
        write!(out, " = {}", review.rung)?;
        out.newline()?;
        stamp(out, "due", review.due)?;
    }
    for link in &skill.evidence {
        header(out, id, &["skills", skill_id, "evidence"], true)?;
        string(out, "url", &link.url)?;
        if let Some(title) = &link.title {
            string(out, "title", title)?;
        }
        stamp(out, "added", link.added)?;
        if let Some(removed) = link.removed {
            stamp(out, "removed", removed)?;
        }
    }
    if !skill.items.is_empty() {
        header(out, id, &["skills", skill_id, "items"], false)?;
        for (item_id, item) in &skill.items {
            key(out, item_id)?;
            out.push_str(" = ");
            out.open_inline_table()?;
            out.space()?;
            out.push_str("done");
            out.push_str(" = ");
            out.value(item.done)?;
            out.val_sep()?;
            out.space()?;
            out.push_str("changed");
            out.push_str(" = ");
            write!(out, "\"{}\"", item.changed)?;
            out.space()?;
            out.close_inline_table()?;
            out.newline()?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::model::ProgressFile;
    use super::super::store::parse;
    use super::*;

    fn round_trip(file: &ProgressFile) -> ProgressFile {
        let text = progress_file(file.roadmaps.iter().map(|(k, v)| (k.as_str(), v)));
        parse(Path::new("progress.toml"), text.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    #[test]
    fn awkward_strings_and_keys_survive_a_round_trip() {
        let mut p = RoadmapProgress::default();
        let t = Stamp::from_unix(1_795_000_000);
        let notes = [
            "plain",
            "two\nlines",
            "quotes \" and ''' and \"\"\" and \"\"\"\"",
            "back\\slash \\n not a newline",
            "tab\there, cr\r\nlf, bell\u{7}, esc\u{1b}[31m, nul\u{0}, del\u{7f}",
            "ünïcode 日本語 🦀 \u{202e}bidi",
            "ends with a quote\"",
            "\"starts with a quote",
        ];
        for (i, note) in notes.iter().enumerate() {
            let id = format!("skill-{i}");
            p.set_status(&id, Status::ALL[i % 4], t);
            p.set_note(&id, note, t);
            p.set_item(&id, "item.with.dots and spaces", true, t);
            p.set_draft(&id, note, t);
            p.add_evidence(
                &id,
                &format!("https://example.com/{i}?q=\"x\""),
                Some(note),
                t,
            );
        }
        p.add_evidence("skill-0", "/home/me/project", None, t);
        p.remove_evidence("skill-0", "/home/me/project", t);
        p.set_focus("skill-1", t);
        p.set_focus("weird key \"x\"", t);
        let mut file = ProgressFile::default();
        file.roadmaps.insert("beyond-syntax".into(), p);
        file.roadmaps
            .insert("odd roadmap.id".into(), RoadmapProgress::default());
        assert_eq!(round_trip(&file), file);
    }

    #[test]
    fn notes_are_written_as_readable_multi_line_text() {
        let mut p = RoadmapProgress::default();
        p.set_note("a", "first line\nsecond line", Stamp::from_unix(0));
        let text = progress_file([("r", &p)].into_iter());
        assert!(
            text.contains("note = \"\"\"\nfirst line\nsecond line\"\"\""),
            "{text}"
        );
        assert!(text.starts_with(HEADER));
        assert!(text.contains("\nversion = 1\n"));
    }
}
