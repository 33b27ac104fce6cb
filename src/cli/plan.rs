//! Looking ahead: `next`, what to work on now.

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
