//! The content loader on the shipped roadmap, the seed guide, and fixture packs.

mod common;

use common::fixture;
use std::path::Path;

use roadmap_tui::content::{self, Roadmap, Source};

fn shipped() -> Roadmap {
    content::load(&Source::Embedded).expect("the shipped roadmap is valid")
}

/// Renders the roadmap back into the seed's shape (headings, bullets, table rows).
fn render_like_seed(r: &Roadmap) -> String {
    let mut out = vec![r.title.clone()];
    out.extend(r.intro.clone());
    for (n, stage) in r.stages.iter().enumerate() {
        let span = stage.span.as_deref().unwrap_or_default();
        out.push(format!("Stage {}: {} ({span})", n + 1, stage.title));
        for skill in &stage.skills {
            out.push(skill.title.clone());
            out.extend(skill.body.clone());
            out.extend(skill.items.iter().map(|i| format!("- {}", i.text)));
        }
    }
    out.extend(r.tips_title.clone());
    out.extend(r.tips.iter().map(|t| format!("- {} — {}", t.title, t.body)));
    out.extend(r.strategies_title.clone());
    out.push("| Strategy | Time Investment | Value |".into());
    out.push("|---|---|---|".into());
    out.extend(
        r.strategies
            .iter()
            .map(|s| format!("| {} | {} | {} |", s.name, s.time, s.value)),
    );
    out.push("Final Thought".into());
    out.extend(r.final_thought.clone());
    out.join("\n")
}

fn without_whitespace(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn shipped_content_carries_the_whole_seed_guide_word_for_word() {
    let seed = std::fs::read_to_string(fixture("seed/python-career-guide.txt")).unwrap();
    let rendered = render_like_seed(&shipped());
    // Whitespace-insensitive: the seed breaks one bullet across lines
    // ("how\n__dunder__methods"), which the content repairs.
    let (seed, rendered) = (without_whitespace(&seed), without_whitespace(&rendered));
    if seed != rendered {
        let common = seed
            .chars()
            .zip(rendered.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let at: String = seed.chars().skip(common).take(80).collect();
        let got: String = rendered.chars().skip(common).take(80).collect();
        panic!("content differs from the seed at char {common}:\n seed: {at}\n content: {got}");
    }
}

#[test]
fn shipped_content_adds_no_words_of_its_own() {
    // What the seed-shaped rendering leaves out must be empty: any text in
    // these fields would be words the author did not write.
    let r = shipped();
    assert_eq!(r.subtitle, None);
    for stage in &r.stages {
        assert_eq!(stage.summary, None, "{}", stage.id);
        for skill in &stage.skills {
            assert!(skill.links.is_empty(), "{}", skill.id);
        }
    }
    assert!(r.strategies.iter().all(|s| s.note.is_none()));
}

#[test]
fn shipped_content_has_the_guides_structure() {
    let r = shipped();
    let counts = r.counts();
    assert_eq!(
        counts.to_string(),
        "3 stages, 9 skills, 8 checklist items, 4 tips, 5 strategies"
    );
    let spans: Vec<_> = r
        .stages
        .iter()
        .map(|s| s.span.as_deref().unwrap())
        .collect();
    assert_eq!(spans, ["0–2 Years", "2–5 Years", "5+ Years"]);
    let fundamentals = r.skill(r.find_skill("fundamentals").unwrap());
    assert_eq!(fundamentals.items.len(), 4);
    assert_eq!(
        fundamentals.items[0].text,
        "Understand Python's data model: how __dunder__ methods work."
    );
    let design = r.skill(r.find_skill("system-design").unwrap());
    assert_eq!(design.items.len(), 4);
    let conferences = r.strategies.last().unwrap();
    assert_eq!(
        (conferences.time.as_str(), conferences.value.as_str()),
        ("Medium", "High (networking)")
    );
}

#[test]
fn embedded_content_is_the_content_directory() {
    let from_dir = content::load(&Source::Dir(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
    ))
    .expect("content/ is valid");
    assert_eq!(from_dir, shipped());
}

#[test]
fn unicode_pack_without_tips_loads() {
    let r = content::load(&Source::Dir(fixture("good/rust-journey"))).expect("valid pack");
    assert_eq!(r.title, "Rust 🦀 — от новичка до мастера");
    assert_eq!(r.id, "rust", "the default id is a slug of the title");
    assert!(r.tips.is_empty());
    assert_eq!(r.stages[0].title, "Основы · Basics 📦");
    let ownership = r.skill(r.find_skill("ownership").unwrap());
    let ids: Vec<_> = ownership.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "explain-the-difference-between-string-and-str",
            "borrowck",
            "crire-une-fonction-g-n-rique"
        ]
    );
    assert_eq!(ownership.links[0].title, "The Rust Book — Ch. 4");
}

/// Each bad fixture: the one diagnostic expected, as (file, line, col, words in the message).
const BAD: &[(&str, &str, usize, usize, &str)] = &[
    ("malformed-toml", "stages/01.toml", 2, 13, "invalid TOML"),
    (
        "wrong-type",
        "stages/01.toml",
        6,
        9,
        "`title` in skill must be a string, found an integer",
    ),
    (
        "missing-title",
        "roadmap.toml",
        1,
        1,
        "missing required key `title`",
    ),
    (
        "bad-id",
        "stages/01.toml",
        1,
        6,
        "invalid stage id `Going Deeper`",
    ),
    (
        "empty-title",
        "stages/01.toml",
        6,
        9,
        "`title` in skill must not be empty",
    ),
    ("invalid-utf8", "stages/01.toml", 2, 12, "invalid UTF-8"),
    ("missing-stages", "stages/", 1, 1, "missing directory"),
    ("empty-stages", "stages/", 1, 1, "no stage files"),
    (
        "duplicate-tip-id",
        "tips.toml",
        7,
        6,
        "duplicate tip id `t` (first defined at",
    ),
    (
        "duplicate-stage-id",
        "stages/02.toml",
        1,
        6,
        "duplicate stage id `one`",
    ),
    ("missing-roadmap", "roadmap.toml", 1, 1, "missing file"),
    (
        "missing-strategy-value",
        "staying-current.toml",
        1,
        1,
        "missing required key `value` in strategy",
    ),
];

#[test]
fn each_bad_fixture_gives_its_diagnostic_at_the_right_place() {
    for (dir, file, line, col, message) in BAD {
        let root = fixture(&format!("bad/{dir}"));
        let err = content::load(&Source::Dir(root.clone())).expect_err(dir);
        assert_eq!(err.diagnostics.len(), 1, "{dir}: {err}");
        let d = &err.diagnostics[0];
        let expected_path = if file.ends_with('/') {
            format!("{}/", root.join(file.trim_end_matches('/')).display())
        } else {
            root.join(file).display().to_string()
        };
        assert_eq!(
            (d.path.as_str(), d.line, d.col),
            (expected_path.as_str(), *line, *col),
            "{dir}: {d}"
        );
        assert!(d.message.contains(message), "{dir}: {d}");
    }
}

#[test]
fn unknown_key_is_named_and_a_close_one_suggested() {
    let root = fixture("bad/unknown-key");
    let err = content::load(&Source::Dir(root.clone())).unwrap_err();
    let shown = err.to_string();
    let path = root.join("stages/01.toml").display().to_string();
    assert!(
        shown.contains(&format!(
            "{path}:6:1: unknown key `titel` in skill (did you mean `title`?)"
        )),
        "{shown}"
    );
}

#[test]
fn duplicate_skill_is_reported_where_it_repeats_naming_the_first_place() {
    let root = fixture("bad/duplicate-skill-id");
    let err = content::load(&Source::Dir(root.clone())).unwrap_err();
    let first = root.join("stages/01-one.toml").display().to_string();
    let again = root.join("stages/02-two.toml").display().to_string();
    assert_eq!(
        err.to_string(),
        format!("{again}:9:6: duplicate skill id `a` (first defined at {first}:5:6)")
    );
}

#[test]
fn every_problem_in_a_pack_is_reported_not_just_the_first() {
    let root = fixture("bad/many-problems");
    let err = content::load(&Source::Dir(root)).unwrap_err();
    let found: Vec<_> = err
        .diagnostics
        .iter()
        .map(|d| {
            let file = Path::new(&d.path)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (file, d.line, d.col)
        })
        .collect();
    let expected = [
        ("01.toml", 2, 9),              // empty stage title
        ("01.toml", 3, 1),              // unknown key `colour`
        ("01.toml", 6, 6),              // bad skill id `A`
        ("01.toml", 8, 9),              // items is not an array
        ("01.toml", 10, 1),             // skill without title
        ("02.toml", 4, 6),              // duplicate skill id `b`
        ("staying-current.toml", 4, 8), // time is not a string
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|(f, l, c)| (f.to_string(), *l, *c))
        .collect();
    assert_eq!(found, expected, "{err}");
}

#[test]
fn loading_a_missing_directory_is_a_diagnostic_not_a_panic() {
    let err = content::load(&Source::Dir(fixture("no-such-pack"))).unwrap_err();
    assert_eq!(err.diagnostics.len(), 1);
    assert!(err.diagnostics[0].message.contains("no such directory"));
}

fn load_dir(dir: &Path) -> Result<Roadmap, content::LoadError> {
    content::load(&Source::Dir(dir.to_path_buf()))
}

#[test]
fn ticks_and_reworded_items_keep_their_ids_when_items_are_reordered_or_edited() {
    let stage = |items: &str| {
        format!(
            "id = \"s\"\ntitle = \"S\"\n[[skill]]\nid = \"a\"\ntitle = \"A\"\nbody = \"Prose.\"\nitems = [{items}]\n"
        )
    };
    let before =
        load_dir(common::small_pack(&stage("\"First step\", \"Second step\"")).path()).unwrap();
    let after = load_dir(
        common::small_pack(&stage(
            "\"Second step\", { id = \"first-step\", text = \"The first step, reworded\" }",
        ))
        .path(),
    )
    .unwrap();
    let ids = |r: &Roadmap| -> Vec<String> {
        let mut ids: Vec<String> = r.stages[0].skills[0]
            .items
            .iter()
            .map(|i| i.id.clone())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&before), ["first-step", "second-step"]);
    assert_eq!(ids(&before), ids(&after), "same ids, so the same ticks");
}

#[test]
fn size_limits_refuse_a_huge_file_and_a_crowded_stages_directory() {
    use roadmap_tui::content::load::{MAX_FILE_BYTES, MAX_FILES};
    let dir = common::small_pack("id = \"s\"\ntitle = \"S\"\n");
    // Sparse: no disk is used, and the loader must not read it all.
    let huge = std::fs::File::create(dir.path().join("tips.toml")).unwrap();
    huge.set_len(MAX_FILE_BYTES + 1).unwrap();
    let err = load_dir(dir.path()).unwrap_err().to_string();
    assert!(
        err.contains("tips.toml:1:1: file is larger than 8 MiB"),
        "{err}"
    );

    let dir = common::small_pack("id = \"s\"\ntitle = \"S\"\n");
    for i in 0..MAX_FILES {
        std::fs::write(dir.path().join(format!("stages/x{i}.txt")), "").unwrap();
    }
    let err = load_dir(dir.path()).unwrap_err().to_string();
    assert!(err.contains("too many files"), "{err}");
}
