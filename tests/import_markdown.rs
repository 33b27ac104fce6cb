//! `roadmap import markdown`: a guide written as Markdown becomes a pack, in
//! the author's words. The shipped guide written as Markdown gives back what
//! content/ holds.

mod common;

use std::fs;
use std::path::Path;

use common::cli::roadmap;
use roadmap_tui::content::{Roadmap, Source, load};

fn import(data: &Path, md: &Path, out: &Path, force: bool) -> common::cli::Run {
    let mut args = vec![
        "import",
        "markdown",
        md.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    if force {
        args.push("--force");
    }
    roadmap(data, &args)
}

fn guide() -> std::path::PathBuf {
    common::fixture("import/beyond-syntax.md")
}

#[test]
fn the_shipped_guide_as_markdown_gives_the_shipped_roadmap() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("pack");
    let run = import(tmp.path(), &guide(), &out, false);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("3 stages, 9 skills, 8 checklist items, 4 tips, 5 strategies"),
        "{}",
        run.stdout
    );
    let check = roadmap(tmp.path(), &["check", out.to_str().unwrap()]);
    assert_eq!(
        check.stdout,
        "3 stages, 9 skills, 8 checklist items, 4 tips, 5 strategies\n"
    );

    let imported = load(&Source::Dir(out)).unwrap();
    let shipped = load(&Source::Embedded).unwrap();
    // Ids are made from the titles here, where content/ chose short ones
    // by hand: the words are compared, not the ids.
    assert_eq!(imported.title, shipped.title);
    assert_eq!(imported.intro, shipped.intro);
    assert_eq!(imported.final_thought, shipped.final_thought);
    let stage = |r: &Roadmap| -> Vec<_> {
        r.stages
            .iter()
            .map(|s| (s.title.clone(), s.span.clone(), s.summary.clone()))
            .collect()
    };
    assert_eq!(stage(&imported), stage(&shipped));
    let skills = |r: &Roadmap| -> Vec<_> {
        r.skills()
            .map(|(_, s)| {
                let items: Vec<String> = s.items.iter().map(|i| i.text.clone()).collect();
                (s.title.clone(), s.body.clone(), items, s.links.clone())
            })
            .collect()
    };
    assert_eq!(skills(&imported), skills(&shipped));
    let tips = |r: &Roadmap| -> Vec<_> {
        r.tips
            .iter()
            .map(|t| (t.title.clone(), t.body.clone()))
            .collect()
    };
    assert_eq!(tips(&imported), tips(&shipped));
    assert_eq!(imported.tips_title, shipped.tips_title);
    let strategies = |r: &Roadmap| -> Vec<_> {
        r.strategies
            .iter()
            .map(|s| (s.name.clone(), s.time.clone(), s.value.clone()))
            .collect()
    };
    assert_eq!(strategies(&imported), strategies(&shipped));
    assert_eq!(imported.strategies_title, shipped.strategies_title);
    // Plain-string items keep the ids the loader derives: a tick survives.
    let shipped_items: Vec<String> = shipped
        .skills()
        .flat_map(|(_, s)| s.items.iter().map(|i| i.id.clone()))
        .collect();
    let imported_items: Vec<String> = imported
        .skills()
        .flat_map(|(_, s)| s.items.iter().map(|i| i.id.clone()))
        .collect();
    assert_eq!(imported_items, shipped_items);
}

#[test]
fn importing_again_gives_the_same_ids_and_needs_force() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("pack");
    assert_eq!(import(tmp.path(), &guide(), &out, false).code, 0);
    let first = load(&Source::Dir(out.clone())).unwrap();
    let again = import(tmp.path(), &guide(), &out, false);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("not empty") && again.stderr.contains("--force"),
        "{}",
        again.stderr
    );
    // An edited guide, imported again: a skill moved and reworded prose.
    let edited = tmp.path().join("edited.md");
    let text = fs::read_to_string(guide()).unwrap();
    fs::write(
        &edited,
        text.replace("Testing is a skill that compounds.", "Testing compounds."),
    )
    .unwrap();
    let forced = import(tmp.path(), &edited, &out, true);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    let second = load(&Source::Dir(out)).unwrap();
    let ids = |r: &Roadmap| r.skill_ids().map(str::to_string).collect::<Vec<_>>();
    assert_eq!(ids(&first), ids(&second));
    assert!(first.skill_ids().any(|id| id == "write-tests-from-day-one"));
}

#[test]
fn force_never_replaces_a_directory_an_import_did_not_write() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("mine");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("notes.txt"), "mine").unwrap();
    let run = import(tmp.path(), &guide(), &out, true);
    assert_eq!(run.code, 2);
    assert_eq!(fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
    assert_eq!(fs::read_dir(&out).unwrap().count(), 1);
}

#[test]
fn a_file_without_sections_or_with_a_misplaced_part_is_refused_at_its_place() {
    let tmp = tempfile::tempdir().unwrap();
    let md = tmp.path().join("notes.md");
    let out = tmp.path().join("pack");
    fs::write(&md, "# Notes\n\nJust prose.\n").unwrap();
    let run = import(tmp.path(), &md, &out, false);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no `## ` sections"), "{}", run.stderr);
    assert!(!out.exists());

    fs::write(
        &md,
        "# Notes\n\n## Basics\n\n- a bullet with no skill\n\n### Skill\n",
    )
    .unwrap();
    let run = import(tmp.path(), &md, &out, false);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("notes.md:5:1: bullets under a stage belong to a skill"),
        "{}",
        run.stderr
    );

    fs::write(
        &md,
        "# Notes\n\n## Stage\n\n### Skill\n\n## Tips\n\n- no separator here\n",
    )
    .unwrap();
    let run = import(tmp.path(), &md, &out, false);
    assert!(
        run.stderr.contains("notes.md:9:1: a tip is"),
        "{}",
        run.stderr
    );

    fs::write(
        &md,
        "# Notes\n\n## Aside\n\nProse in the middle.\n\n## Stage\n\n### Skill\n",
    )
    .unwrap();
    let run = import(tmp.path(), &md, &out, false);
    assert!(
        run.stderr
            .contains("notes.md:3:1: this `##` section has no `###` skills"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}

#[test]
fn link_bullets_become_links_and_tips_take_three_spellings() {
    let tmp = tempfile::tempdir().unwrap();
    let md = tmp.path().join("guide.md");
    fs::write(
        &md,
        "# Knots\n\nTie things.\n\n## Basics (week 1)\n\nStart here.\n\n### Bowline\n\nA loop that holds.\n\n- [Animated Knots](https://example.org/bowline)\n- Tie it with [one hand](https://example.org/one)\n\n## Tips\n\n- **Practise** — every day.\n- Slow down — speed comes later.\n- Dress the knot: neat knots hold.\n",
    )
    .unwrap();
    let out = tmp.path().join("pack");
    let run = import(tmp.path(), &md, &out, false);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let r = load(&Source::Dir(out)).unwrap();
    assert_eq!(r.id, "knots");
    assert_eq!(r.stages[0].span.as_deref(), Some("week 1"));
    assert_eq!(r.stages[0].summary.as_deref(), Some("Start here."));
    let skill = &r.stages[0].skills[0];
    assert_eq!(skill.body.as_deref(), Some("A loop that holds."));
    assert_eq!(skill.links.len(), 1);
    assert_eq!(skill.links[0].url, "https://example.org/bowline");
    assert_eq!(skill.links[0].title, "Animated Knots");
    assert_eq!(
        skill.items[0].text,
        "Tie it with one hand (https://example.org/one)"
    );
    let tips: Vec<(&str, &str)> = r
        .tips
        .iter()
        .map(|t| (t.title.as_str(), t.body.as_str()))
        .collect();
    assert_eq!(
        tips,
        [
            ("Practise", "every day."),
            ("Slow down", "speed comes later."),
            ("Dress the knot", "neat knots hold.")
        ]
    );
    assert_eq!(r.final_thought, None);
}

#[test]
fn a_markdown_guide_is_imported_on_its_way_into_the_library() {
    let tmp = tempfile::tempdir().unwrap();
    let md = tmp.path().join("mine.md");
    let text = fs::read_to_string(guide()).unwrap();
    fs::write(&md, text.replacen("# Beyond Syntax", "# My Own Syntax", 1)).unwrap();
    let run = roadmap(tmp.path(), &["add", md.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let id = "my-own-syntax-what-it-takes-to-advance";
    assert!(
        tmp.path()
            .join("packs")
            .join(id)
            .join("roadmap.toml")
            .is_file()
    );
    let list = roadmap(tmp.path(), &["--pack", id, "list"]);
    assert!(
        list.stdout.starts_with("master-the-fundamentals\ttodo"),
        "{}",
        list.stdout
    );
}
