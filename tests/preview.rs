//! A big roadmap started without a valid snapshot (its first start, or the
//! first after an edit or an upgrade) draws its first frame from a quick look
//! at the files. That preview must be exactly what the full load would put on
//! the first frame, or not be made at all: never a different picture.

#[path = "../benches/support/gen.rs"]
mod generator;

use std::fs;
use std::path::{Path, PathBuf};

use roadmap_tui::cache::{QuickStart, Snapshot};
use roadmap_tui::content::{self, Source};
use roadmap_tui::progress::stats::Stats;
use roadmap_tui::progress::store::Store;
use roadmap_tui::progress::{RoadmapProgress, Status};
use roadmap_tui::time::Stamp;

struct Pack {
    _tmp: tempfile::TempDir,
    content: PathBuf,
    data: PathBuf,
}

/// A generated pack of 1,000 skills (ten stage files) with its progress.
fn pack() -> Pack {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let data = tmp.path().join("data");
    generator::write_pack(&content, 1_000).unwrap();
    generator::write_progress(&data, 1_000).unwrap();
    Pack {
        _tmp: tmp,
        content,
        data,
    }
}

/// What the first frame shows after the full load, as a snapshot holds it.
fn full(pack: &Pack) -> Snapshot {
    let roadmap = content::load(&Source::Dir(pack.content.clone())).unwrap();
    let file = Store::read(&pack.data).unwrap().into_file();
    let progress = file.roadmaps.get(&roadmap.id).cloned().unwrap_or_default();
    Snapshot::of(&roadmap, &progress, &Stats::count(&roadmap, &progress))
}

fn preview(pack: &Pack) -> Option<Snapshot> {
    QuickStart::new(&pack.content, &pack.data)
        .expect("a big pack")
        .preview()
}

/// Changes the generated roadmap's progress through the store, as the app does.
fn change(pack: &Pack, f: impl FnOnce(&mut RoadmapProgress, Stamp)) {
    let (mut store, _) = Store::open(&pack.data).unwrap();
    let mut progress = store.take("generated");
    f(&mut progress, Stamp::from_unix(1_795_000_000));
    store.save("generated", &progress).unwrap();
}

fn edit(path: &Path, f: impl FnOnce(String) -> String) {
    let text = fs::read_to_string(path).unwrap();
    fs::write(path, f(text)).unwrap();
}

#[test]
fn a_plain_pack_previews_exactly_what_the_full_load_shows() {
    let pack = pack();
    let expected = full(&pack);
    assert_eq!(expected.stats.overall.done, 250, "the progress is counted");
    assert_eq!(preview(&pack), Some(expected));
}

#[test]
fn progress_of_every_kind_previews_exactly() {
    let pack = pack();
    change(&pack, |p, now| {
        // A focus outside the first stage, and one before it.
        p.set_focus("skill-00420", now);
        p.set_focus("skill-00350", now);
        p.set_draft("skill-00003", "half a thought", now);
        // Notes whose lines look like checklists or tables.
        p.set_note("skill-00001", "[x] read it\n[ ] try it\n[later]", now);
        p.set_note("skill-00777", "[x] read it\n  [ ] indented", now);
        p.set_status("skill-00778", Status::Done, now);
        p.set_status("skill-00999", Status::Skipped, now);
        // Progress of a skill the roadmap does not have.
        p.set_status("gone-skill", Status::Done, now);
    });
    // Another roadmap's progress in the same file.
    let (mut store, _) = Store::open(&pack.data).unwrap();
    let mut other = store.take("other-roadmap");
    other.set_status("skill-00500", Status::Done, Stamp::from_unix(1_795_000_000));
    store.save("other-roadmap", &other).unwrap();
    drop(store);

    let expected = full(&pack);
    assert!(expected.progress.focus.is_some());
    assert!(
        expected.progress.skills["skill-00001"]
            .note
            .contains("[ ] try it")
    );
    assert_eq!(preview(&pack), Some(expected));
}

#[test]
fn no_progress_file_previews_as_no_progress() {
    let pack = pack();
    fs::remove_file(pack.data.join("progress.toml")).unwrap();
    let expected = full(&pack);
    assert_eq!(expected.stats.overall.done, 0);
    assert_eq!(preview(&pack), Some(expected));
}

#[test]
fn what_toml_allows_in_a_stage_file_is_read_the_same() {
    let pack = pack();
    edit(&pack.content.join("stages/0003.toml"), |text| {
        text.replacen("[[skill]]", "  [[ skill ]] # indented, spaced", 1)
            .replacen("id = \"skill-00301\"", "id = 'skill-00301' # literal", 1)
            .replacen(
                "[[skill]]\nid = \"skill-00302\"",
                "[[\"skill\"]]\nid=\"skill-00302\"",
                1,
            )
    });
    edit(&pack.content.join("stages/0004.toml"), |text| {
        text.replacen(
            "span = \"Week 5\"",
            "span = \"Week 5\"\nsummary = \"\"\"\nTwo lines\nof summary.\"\"\"",
            1,
        )
    });
    let expected = full(&pack);
    assert_eq!(
        expected.roadmap.stages[3].skills.len(),
        0,
        "a snapshot keeps the first stage's skills only"
    );
    assert_eq!(expected.stats.stages[3].total, 100);
    assert_eq!(preview(&pack), Some(expected));
}

#[test]
fn a_layout_the_preview_cannot_read_is_loaded_in_full_instead() {
    // Each change is valid TOML the preview does not read: it must give
    // up (the app then parses everything), not guess.
    type Change = fn(String) -> String;
    let cases: [(&str, Change); 4] = [
        ("stages/0005.toml", |t| {
            // A skill's id under a quoted key.
            t.replacen("id = \"skill-00501\"", "\"id\" = \"skill-00501\"", 1)
        }),
        ("stages/0006.toml", |t| {
            // A line starting with `[` inside the stage's own keys.
            t.replacen(
                "span = \"Week 7\"",
                "summary = \"\"\"\n[draft] a summary\"\"\"\nspan = \"Week 7\"",
                1,
            )
        }),
        ("stages/0007.toml", |t| {
            // Skills as an inline array before any table.
            t.replacen(
                "span = \"Week 8\"\n",
                "span = \"Week 8\"\nskill = [{ id = \"inline-one\", title = \"Inline\" }]\n",
                1,
            )
            .replace("[[skill]]", "[[other]]")
        }),
        ("stages/0008.toml", |t| {
            // A skill table without an id line.
            t.replacen("[[skill]]\nid = \"skill-00801\"\n", "[[skill]]\n", 1)
        }),
    ];
    for (file, change) in cases {
        let pack = pack();
        edit(&pack.content.join(file), change);
        let got = preview(&pack);
        match content::load(&Source::Dir(pack.content.clone())) {
            // Valid after all: then the preview may only be exact.
            Ok(_) => assert!(got.is_none() || got == Some(full(&pack)), "{file}"),
            Err(_) => assert_eq!(got, None, "{file}: an invalid pack is not previewed"),
        }
    }

    // A progress file laid out by hand: dotted keys under the roadmap's table.
    let pack = pack();
    fs::write(
        pack.data.join("progress.toml"),
        "version = 1\n\n[roadmaps.generated]\nskills.skill-00900.status = \"done\"\n",
    )
    .unwrap();
    assert_eq!(full(&pack).stats.overall.done, 1, "valid, and counted");
    assert_eq!(preview(&pack), None);
    // Quoted keys in a header.
    let pack2 = self::pack();
    edit(&pack2.data.join("progress.toml"), |t| {
        t.replacen(
            "[roadmaps.generated.skills.skill-00500]",
            "[roadmaps.\"generated\".skills.\"skill-00500\"]",
            1,
        )
    });
    assert_eq!(preview(&pack2), None);

    // A skill's status under a quoted key, and one set after a note whose
    // lines look like a status: read as TOML reads them, or not previewed.
    let pack3 = self::pack();
    change(&pack3, |p, now| {
        p.set_status("skill-00778", Status::Done, now);
        p.set_status("skill-00999", Status::Skipped, now);
    });
    edit(&pack3.data.join("progress.toml"), |t| {
        t.replacen(
            "[roadmaps.generated.skills.skill-00778]\nstatus = \"done\"",
            "[roadmaps.generated.skills.skill-00778]\n\"status\" = \"done\"",
            1,
        )
        .replacen(
            "[roadmaps.generated.skills.skill-00999]\nstatus = \"skipped\"",
            "[roadmaps.generated.skills.skill-00999]\nnote = \"\"\"\nstatus = \"done\"\n\"\"\"\nstatus = \"skipped\"",
            1,
        )
    });
    let text = fs::read_to_string(pack3.data.join("progress.toml")).unwrap();
    assert!(
        text.contains("\"status\" = \"done\""),
        "the file was edited"
    );
    assert!(
        text.contains("note = \"\"\"\nstatus = \"done\""),
        "the file was edited"
    );
    let got = preview(&pack3);
    assert!(got.is_none() || got == Some(full(&pack3)));
}

mod properties {
    //! Whatever a plain pack and progress file hold (prose and notes with
    //! lines that look like TOML, ids and headers written the ways TOML
    //! allows), the preview is made, and is exact.

    use super::*;
    use proptest::prelude::*;

    /// Lines of prose or notes, some looking like tables or keys.
    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z ]{0,12}",
            Just("[x] done".to_string()),
            Just("[ ] later".to_string()),
            Just("[link] text".to_string()),
            Just("  [indented]".to_string()),
            Just("[TODO]".to_string()),
            Just("id = \"not-an-id\"".to_string()),
            Just("status = \"done\"".to_string()),
            Just("[roadmaps.generated.skills.fake]".to_string()),
            Just("[roadmaps.generated.skills.s1-0]".to_string()),
            Just("[[skill]]".to_string()),
            Just("it's 'quoted' and ''' tripled".to_string()),
            Just("a \"quote\" # and a hash".to_string()),
            Just("\\\"\"\" escaped".to_string()),
            Just("# not a comment".to_string()),
        ]
    }

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(line(), 1..4).prop_map(|lines| lines.join("\n"))
    }

    /// One skill's table, its header and id line written one of several ways.
    fn skill(id: String) -> impl Strategy<Value = String> {
        let header = prop_oneof![
            Just("[[skill]]"),
            Just("  [[skill]]"),
            Just("[[ skill ]]"),
            Just("[[skill]] # a skill")
        ];
        let id_line = prop_oneof![
            Just(format!("id = \"{id}\"")),
            Just(format!("id=\"{id}\"")),
            Just(format!("id = '{id}'")),
            Just(format!("id = \"{id}\" # its id")),
        ];
        (header, id_line, text(), proptest::bool::ANY).prop_map(move |(header, id_line, body, items)| {
            let items = if items { "items = [\"Do it\", \"Do it again\"]\n" } else { "" };
            format!("\n{header}\n{id_line}\ntitle = \"Skill {id}\"\nbody = \"\"\"\n{body}\"\"\"\n{items}")
        })
    }

    /// A stage file: its own keys, then skills `first..first + count`.
    fn stage(n: usize, count: usize) -> impl Strategy<Value = String> {
        let skills: Vec<_> = (0..count).map(|k| skill(format!("s{n}-{k}"))).collect();
        (proptest::option::of(text()), skills).prop_map(move |(summary, skills)| {
            let summary =
                summary.map_or(String::new(), |s| format!("summary = \"\"\"\n{s}\"\"\"\n"));
            format!(
                "id = \"stage-{n}\"\ntitle = \"Stage {n}\"\n{summary}{}",
                skills.concat()
            )
        })
    }

    /// A skill's id, its status (0-3) and a note.
    type Entry = (String, u8, Option<String>);

    /// What the user did, for some of the skills.
    fn progress(counts: Vec<usize>) -> impl Strategy<Value = Vec<Entry>> {
        let ids: Vec<String> = counts
            .iter()
            .enumerate()
            .flat_map(|(n, &c)| (0..c).map(move |k| format!("s{n}-{k}")))
            .collect();
        let entry = (0..ids.len().max(1), 0..4u8, proptest::option::of(text()));
        proptest::collection::vec(entry, 0..12).prop_map(move |entries| {
            entries
                .into_iter()
                .filter(|(i, ..)| *i < ids.len())
                .map(|(i, status, note)| (ids[i].clone(), status, note))
                .collect()
        })
    }

    /// Stage files, progress entries, and whether the first entry is the focus.
    fn case() -> impl Strategy<Value = (Vec<String>, Vec<Entry>, bool)> {
        proptest::collection::vec(0..4usize, 8..=9).prop_flat_map(|counts| {
            let stages: Vec<_> = counts
                .iter()
                .enumerate()
                .map(|(n, &c)| stage(n, c))
                .collect();
            (stages, progress(counts), proptest::bool::ANY)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(48)
        ))]

        #[test]
        fn a_plain_layout_is_previewed_exactly((stages, entries, focus) in case()) {
            let tmp = tempfile::tempdir().unwrap();
            let content = tmp.path().join("content");
            let data = tmp.path().join("data");
            fs::create_dir_all(content.join("stages")).unwrap();
            fs::write(content.join("roadmap.toml"), "id = \"generated\"\ntitle = \"G\"\n").unwrap();
            for (n, text) in stages.iter().enumerate() {
                fs::write(content.join(format!("stages/{n:02}.toml")), text).unwrap();
            }
            let pack = Pack { _tmp: tmp, content, data };
            let statuses = [Status::Todo, Status::InProgress, Status::Done, Status::Skipped];
            change(&pack, |p, now| {
                for (id, status, note) in &entries {
                    p.set_status(id, statuses[usize::from(*status)], now);
                    if let Some(note) = note {
                        p.set_note(id, note, now);
                    }
                }
                if let (true, Some((id, ..))) = (focus, entries.first()) {
                    p.set_focus(id, now);
                }
            });
            prop_assume!(content::load(&Source::Dir(pack.content.clone())).is_ok());
            // Every layout generated here is a plain one: previewed, exactly.
            prop_assert_eq!(preview(&pack), Some(full(&pack)));
        }
    }
}

/// The preview is exact or not made (never a different picture) on a valid
/// pack; an invalid one is not previewed at all. What went wrong, if anything.
fn exact_or_none(what: &str, pack: &Pack) -> Option<String> {
    let got = preview(pack);
    let valid = content::load(&Source::Dir(pack.content.clone())).is_ok()
        && Store::read(&pack.data).is_ok();
    if valid {
        (got.is_some() && got != Some(full(pack))).then(|| format!("{what}: not exact"))
    } else {
        got.map(|_| format!("{what}: an invalid file is previewed"))
    }
}

#[test]
fn keys_and_tables_written_unusually_are_read_exactly_or_not_at_all() {
    let mut wrong = Vec::new();
    // Progress set by top-level keys, or a file the store refuses.
    for (what, text) in [
        (
            "dotted keys at the top",
            "version = 1\nroadmaps.generated.skills.skill-00500.status = \"done\"\n",
        ),
        (
            "an inline table at the top",
            "version = 1\nroadmaps = { generated = { skills = { skill-00005 = { status = \"done\" } } } }\n",
        ),
        ("a newer version", "version = 7\n\n[roadmaps.other]\n"),
        (
            "an unknown key",
            "version = 1\nbogus = 3\n\n[roadmaps.other]\n",
        ),
        // Headers that are not note text, whatever they hold.
        (
            "a header with a comment holding `]`",
            "version = 1\n\n[roadmaps.generated.skills.skill-00500]\nnote = \"hi\"\n\n[roadmaps.other.skills.x] # see [1]\nstatus = \"done\"\n",
        ),
        (
            "a header with a quoted key",
            "version = 1\n\n[roadmaps.generated.skills.skill-00500]\nnote = \"hi\"\n\n[roadmaps.\"other/x\".skills.x]\nstatus = \"done\"\n",
        ),
    ] {
        let pack = pack();
        fs::write(pack.data.join("progress.toml"), text).unwrap();
        wrong.extend(exact_or_none(what, &pack));
    }

    // Stage files: a skill's id after a prose line that looks like one, or
    // after a checklist written over several lines (TOML 1.1); a skill
    // header spelt with an escape; a `"""` opening after one in a one-line
    // string on the same line.
    let skill_500 = "[[skill]]\nid = \"skill-00500\"\ntitle = \"Skill 500: a topic worth learning well\"\nbody = \"\"\"\n";
    type Edit = fn(String) -> String;
    let cases: [(&str, Edit); 4] = [
        ("an id line in the prose", |t| {
            t.replacen(
                "[[skill]]\nid = \"skill-00500\"\ntitle = \"Skill 500: a topic worth learning well\"\nbody = \"\"\"\n",
                "[[skill]]\ntitle = \"Skill 500: a topic worth learning well\"\nbody = \"\"\"\nid = \"skill-00599\"\n",
                1,
            )
            .replacen(
                "\n[[skill]]\nid = \"skill-00501\"",
                "id = \"skill-00500\"\n\n[[skill]]\nid = \"skill-00501\"",
                1,
            )
        }),
        ("an inline table over lines before the id", |t| {
            let t = t.replacen("[[skill]]\nid = \"skill-00500\"\n", "[[skill]]\n", 1);
            let at = t
                .find("items = [\n  \"Checklist step 0 of skill 500")
                .unwrap();
            let end = at + t[at..].find("]\n").unwrap() + 2;
            format!(
                "{}items = [{{\ntext = \"Do it\",\nid = \"item-one\"\n}}]\nid = \"skill-00500\"\n{}",
                &t[..at],
                &t[end..]
            )
        }),
        ("a skill header with an escape", |t| {
            t.replacen(
                "[[skill]]\nid = \"skill-00500\"",
                "[[\"sk\\u0069ll\"]]\nid = \"skill-00500\"",
                1,
            )
        }),
        ("a `\"\"\"` after one in a one-line string", |t| {
            t.replacen(
                "items = [\n  \"Checklist step 0 of skill 500",
                "items = ['\"\"\"', \"\"\"\n[[skill]]\nid = \"skill-99999\"\n\"\"\",\n  \"Checklist step 0 of skill 500",
                1,
            )
        }),
    ];
    for (what, change) in cases {
        let pack = pack();
        change_status_500(&pack);
        let file = pack.content.join("stages/0005.toml");
        assert!(fs::read_to_string(&file).unwrap().contains(skill_500));
        let before = fs::read_to_string(&file).unwrap();
        edit(&file, change);
        assert_ne!(fs::read_to_string(&file).unwrap(), before, "{what}: edited");
        wrong.extend(exact_or_none(what, &pack));
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

fn change_status_500(pack: &Pack) {
    change(pack, |p, now| {
        p.set_status("skill-00500", Status::Done, now);
    });
}
