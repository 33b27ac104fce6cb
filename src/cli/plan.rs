//! Looking ahead and back: `next`, what to work on now; `review`, what is
//! due for review and how one went; and `log`, what was done when.

use serde::Serialize;

use super::Failure;
use super::commands::Context;
use super::output::Out;
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
        return super::commands::print_json(&doc);
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
        return super::commands::print_json(&entries);
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

#[derive(Serialize)]
struct DueJson<'a> {
    skill: &'a str,
    title: &'a str,
    due: String,
}

/// `roadmap review [--until DATE] [--json]`: the done skills due by the end
/// of that day (today by default), soonest first.
pub fn reviews(ctx: &Context, until: Option<&str>, json: bool) -> Result<(), Failure> {
    let tz = crate::time::local_time_zone();
    // To the end of that day.
    let until = match until {
        Some(text) => crate::time::Stamp::day_start_or_moment(text, &tz)
            .map_err(|e| Failure::Usage(format!("--until: {e}")))?,
        None => crate::time::Stamp::now(),
    }
    .end_of_day(&tz);
    let roadmap = ctx.roadmap()?;
    let progress = ctx.read()?.roadmap(&roadmap.id);
    let due: Vec<(&str, &str, crate::time::Stamp)> = progress
        .reviews_due(until)
        .into_iter()
        .filter_map(|(id, due)| {
            let at = roadmap.find_skill(id)?;
            Some((id, roadmap.skill(at).title.as_str(), due))
        })
        .collect();
    if json {
        let doc: Vec<DueJson> = due
            .iter()
            .map(|(skill, title, due)| DueJson {
                skill,
                title,
                due: due.to_string(),
            })
            .collect();
        return super::commands::print_json(&doc);
    }
    let mut out = Out::new();
    for (id, title, due) in due {
        let title = crate::text::clean_line(title);
        out.safe(&format!("{}\t{id}\t{title}", due.date(&tz)));
        out.newline();
    }
    out.flush()
}

/// `roadmap review SKILL --rate again|hard|good|easy`.
pub fn rate(ctx: &Context, skill: &str, rating: &str) -> Result<(), Failure> {
    let Some(rating) = crate::progress::review::Rating::parse(rating) else {
        return Err(Failure::Usage(format!(
            "--rate `{rating}`: say again, hard, good or easy"
        )));
    };
    let (roadmap, at, mut store, mut progress) = super::commands::one_skill(ctx, skill)?;
    let id = roadmap.skill(at).id.clone();
    let review = progress
        .review(&id, rating, crate::time::Stamp::now())
        .map_err(Failure::Usage)?;
    super::commands::save(&mut store, &roadmap, &progress)?;
    let tz = crate::time::local_time_zone();
    let mut out = Out::new();
    out.bold(&roadmap.skill(at).title).plain(&format!(
        ": reviewed ({}); next review {}",
        rating.as_str(),
        review.due.date(&tz)
    ));
    out.newline().flush()
}
