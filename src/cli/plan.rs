//! Looking ahead and back: `next`, what to work on now, and `log`, what
//! was done when.

use serde::Serialize;

use super::Failure;
use super::commands::Context;
use super::output::{Out, write_stdout};
use crate::progress::next::next as suggestions;

#[derive(Serialize)]
struct NextJson<'a> {
    id: &'a str,
    title: &'a str,
    why: &'a str,
}

/// `roadmap next [--json]`: `id<TAB>title<TAB>why` lines, most pressing first.
pub fn next(ctx: &Context, json: bool) -> Result<(), Failure> {
    let roadmap = ctx.roadmap()?;
    let progress = ctx.read()?.roadmap(&roadmap.id);
    let list = suggestions(&roadmap, &progress);
    if json {
        let doc: Vec<NextJson> = list
            .iter()
            .map(|s| NextJson {
                id: &roadmap.skill(s.skill).id,
                title: &roadmap.skill(s.skill).title,
                why: &s.why,
            })
            .collect();
        let text =
            serde_json::to_string_pretty(&doc).map_err(|e| Failure::Runtime(e.to_string()))?;
        return write_stdout(&format!("{}\n", crate::export::escape_json_extras(&text)));
    }
    let mut out = Out::new();
    for s in &list {
        let skill = roadmap.skill(s.skill);
        let title = crate::text::clean_line(&skill.title);
        out.safe(&format!("{}\t{title}\t{}", skill.id, s.why));
        out.newline();
    }
    out.flush()
}

/// `roadmap log [--since DATE] [--json]`: every change, newest first.
pub fn log(ctx: &Context, since: Option<&str>, json: bool) -> Result<(), Failure> {
    let tz = crate::time::local_time_zone();
    let since = since
        .map(|text| {
            crate::time::Stamp::day_start_or_moment(text, &tz)
                .map_err(|e| Failure::Usage(format!("--since: {e}")))
        })
        .transpose()?;
    let roadmap = ctx.roadmap()?;
    let progress = ctx.read()?.roadmap(&roadmap.id);
    let entries: Vec<&crate::progress::log::LogEntry> = progress
        .log
        .iter()
        .rev()
        .filter(|e| since.is_none_or(|since| e.at >= since))
        .collect();
    if json {
        let text =
            serde_json::to_string_pretty(&entries).map_err(|e| Failure::Runtime(e.to_string()))?;
        return write_stdout(&format!("{}\n", crate::export::escape_json_extras(&text)));
    }
    let mut out = Out::new();
    let width = entries
        .iter()
        .map(|e| crate::text::width(&e.skill))
        .max()
        .unwrap_or(0);
    for entry in entries {
        let skill = crate::text::clean_line(&entry.skill);
        let pad = " ".repeat(width.saturating_sub(crate::text::width(&skill)));
        out.dim(&entry.at.minute(&tz))
            .plain(&format!("  {skill}{pad}  "))
            .safe(&entry.describe());
        out.newline();
    }
    out.flush()
}
