//! `link` and `unlink`: a skill's evidence from the command line.

use super::Failure;
use super::commands::{Context, one_skill, save};
use super::output::Out;
use crate::progress::check_link;
use crate::time::Stamp;

/// `roadmap link SKILL URL [--title TEXT]`.
pub fn link(ctx: &Context, skill: &str, url: &str, title: Option<&str>) -> Result<(), Failure> {
    check_link(url).map_err(Failure::Usage)?;
    let (roadmap, at, mut store, mut progress) = one_skill(ctx, skill)?;
    let id = roadmap.skill(at).id.clone();
    let url = url.trim();
    let changed = progress.add_evidence(&id, url, title, Stamp::now());
    if changed {
        save(&mut store, &roadmap, &progress)?;
    }
    let mut out = Out::new();
    out.bold(&roadmap.skill(at).title)
        .plain(if changed {
            ": linked "
        } else {
            ": already linked "
        })
        .safe(url);
    out.newline().flush()
}

/// `roadmap unlink SKILL URL`.
pub fn unlink(ctx: &Context, skill: &str, url: &str) -> Result<(), Failure> {
    let (roadmap, at, mut store, mut progress) = one_skill(ctx, skill)?;
    let id = roadmap.skill(at).id.clone();
    let url = url.trim();
    if !progress.remove_evidence(&id, url, Stamp::now()) {
        return Err(Failure::Usage(format!(
            "`{}` has no link `{url}`; `roadmap export --format json` lists its links",
            roadmap.skill(at).id
        )));
    }
    save(&mut store, &roadmap, &progress)?;
    let mut out = Out::new();
    out.bold(&roadmap.skill(at).title)
        .plain(": unlinked ")
        .safe(url);
    out.newline().flush()
}
