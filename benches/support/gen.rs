//! Generated content packs and progress files of any size: 100 skills a
//! stage, four checklist items and a paragraph of prose each.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

pub const SKILLS_PER_STAGE: usize = 100;
pub const ITEMS_PER_SKILL: usize = 4;

const PROSE: &str = "Practise this until it is second nature: read the reference material, \
try it on a small project, explain it to a colleague and note what surprised you. Depth \
beats breadth here, so come back to it after a few weeks and check what stuck, what you \
would do differently, and which questions are still open. Keep the examples you build; \
they become the notes you will want in an interview or a design review.";

pub fn skill_id(n: usize) -> String {
    format!("skill-{n:05}")
}

pub fn item_text(skill: usize, item: usize) -> String {
    format!("Checklist step {item} of skill {skill}: do the exercise and write down the result")
}

/// The text of stage file `stage` (0-based) of a pack of `skills` skills.
pub fn stage_file(stage: usize, skills: usize) -> String {
    let mut s = String::with_capacity(SKILLS_PER_STAGE * 1024);
    let _ = writeln!(s, "id = \"stage-{stage:04}\"");
    let _ = writeln!(
        s,
        "title = \"Stage {} of the onboarding programme\"",
        stage + 1
    );
    let _ = writeln!(s, "span = \"Week {}\"", stage + 1);
    let first = stage * SKILLS_PER_STAGE;
    let last = (first + SKILLS_PER_STAGE).min(skills);
    for n in first..last {
        let _ = writeln!(s, "\n[[skill]]\nid = \"{}\"", skill_id(n));
        let _ = writeln!(s, "title = \"Skill {n}: a topic worth learning well\"");
        let _ = writeln!(s, "body = \"\"\"\n{PROSE}\"\"\"");
        s.push_str("items = [\n");
        for i in 0..ITEMS_PER_SKILL {
            let _ = writeln!(s, "  \"{}\",", item_text(n, i));
        }
        s.push_str("]\n");
        if n % 10 == 0 {
            let _ = writeln!(
                s,
                "links = [{{ title = \"Reference {n}\", url = \"https://example.com/{n}\" }}]"
            );
        }
    }
    s
}

pub fn stages(skills: usize) -> usize {
    skills.div_ceil(SKILLS_PER_STAGE).max(1)
}

/// Writes a pack of `skills` skills into `dir`.
pub fn write_pack(dir: &Path, skills: usize) -> io::Result<()> {
    fs::create_dir_all(dir.join("stages"))?;
    fs::write(
        dir.join("roadmap.toml"),
        format!(
            "id = \"generated\"\ntitle = \"Generated roadmap of {skills} skills\"\nintro = \"A big pack for benchmarks.\"\n"
        ),
    )?;
    for stage in 0..stages(skills) {
        fs::write(
            dir.join(format!("stages/{stage:04}.toml")),
            stage_file(stage, skills),
        )?;
    }
    let mut tips = String::new();
    for i in 0..20 {
        let _ = writeln!(
            tips,
            "[[tip]]\nid = \"tip-{i}\"\ntitle = \"Tip {i}\"\nbody = \"{PROSE}\"\n"
        );
    }
    fs::write(dir.join("tips.toml"), tips)?;
    let mut strategies = String::new();
    for (i, (time, value)) in [("Low", "High"), ("Medium", "Medium"), ("High", "Very High")]
        .iter()
        .enumerate()
    {
        let _ = writeln!(
            strategies,
            "[[strategy]]\nid = \"s{i}\"\nname = \"Strategy {i}\"\ntime = \"{time}\"\nvalue = \"{value}\"\n"
        );
    }
    fs::write(dir.join("staying-current.toml"), strategies)
}

/// A progress file with an entry for each of `skills` skills (statuses,
/// ticked items, some notes) for the generated pack.
pub fn progress_text(skills: usize) -> String {
    let mut s = String::from("version = 1\n");
    let statuses = ["done", "in-progress", "skipped", "todo"];
    for n in 0..skills {
        let _ = writeln!(s, "\n[roadmaps.generated.skills.{}]", skill_id(n));
        let status = statuses[n % statuses.len()];
        if status != "todo" {
            let _ = writeln!(
                s,
                "status = \"{status}\"\nchanged = \"2026-11-18T09:46:40Z\""
            );
        }
        if n % 5 == 0 {
            let _ = writeln!(
                s,
                "note = \"\"\"\nWhat I learned about skill {n}.\nAnd a second line.\"\"\"\nnote_changed = \"2026-11-18T09:46:40Z\""
            );
        }
        if n % 2 == 0 {
            let _ = writeln!(s, "\n[roadmaps.generated.skills.{}.items]", skill_id(n));
            let item = roadmap_tui::content::ids::slugify(&item_text(n, 0), "item");
            let _ = writeln!(
                s,
                "{item} = {{ done = true, changed = \"2026-11-18T09:46:40Z\" }}"
            );
        }
    }
    s
}

pub fn write_progress(dir: &Path, skills: usize) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    fs::write(dir.join("progress.toml"), progress_text(skills))
}

/// A note of about `bytes` bytes as people write them: lines of about 70
/// characters, in paragraphs of five lines with a blank line between.
pub fn note_text(bytes: usize) -> String {
    let words: Vec<&str> = PROSE.split_whitespace().collect();
    let mut note = String::with_capacity(bytes + 80);
    let mut line = String::new();
    let mut lines = 0;
    for word in words.iter().cycle() {
        if note.len() + line.len() >= bytes {
            break;
        }
        if !line.is_empty() && line.len() + 1 + word.len() > 70 {
            note.push_str(&line);
            note.push('\n');
            line.clear();
            lines += 1;
            if lines % 5 == 0 {
                note.push('\n');
            }
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    note.push_str(&line);
    note
}
