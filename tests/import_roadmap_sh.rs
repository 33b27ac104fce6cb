//! `roadmap import roadmap-sh` on roadmap folders written for these tests
//! (never roadmap.sh's own content, which is licensed for personal use only).

mod common;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use common::cli::Run;
use common::fixture;
use roadmap_tui::content::{self, Roadmap, Source};
use serde_json::Value;

const DECORATION: &[&str] = &[
    "title",
    "paragraph",
    "button",
    "label",
    "section",
    "vertical",
    "horizontal",
    "linksgroup",
];

/// Runs `roadmap` with its data and config in `home`.
fn roadmap(home: &Path, args: &[&str]) -> Run {
    let out = assert_cmd::Command::cargo_bin("roadmap")
        .unwrap()
        .env("ROADMAP_DATA_DIR", home.join("data"))
        .env("ROADMAP_CONFIG_DIR", home.join("config"))
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    Run::from(out)
}

/// Imports `dir` into `<home>/out` and loads the pack written there.
fn import(home: &Path, dir: &Path, force: bool) -> (Run, Roadmap) {
    let out = home.join("out");
    let mut args = vec![
        "import",
        "roadmap-sh",
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    if force {
        args.push("--force");
    }
    let run = roadmap(home, &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pack = content::load(&Source::Dir(out)).unwrap();
    (run, pack)
}

fn sample() -> PathBuf {
    fixture("import/git-fluency")
}

fn diagram(dir: &Path) -> Value {
    let name = dir.file_name().unwrap().to_str().unwrap();
    let text = fs::read_to_string(dir.join(format!("{name}.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Labels of the diagram's nodes whose type `keep` accepts.
fn labels(diagram: &Value, keep: impl Fn(&str) -> bool) -> HashSet<String> {
    diagram["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| keep(n["type"].as_str().unwrap_or_default()))
        .filter_map(|n| n["data"]["label"].as_str())
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Every stage title, skill title and checklist item text, with repeats.
fn texts(pack: &Roadmap) -> Vec<String> {
    let mut texts = Vec::new();
    for stage in &pack.stages {
        texts.push(stage.title.clone());
        for skill in &stage.skills {
            texts.push(skill.title.clone());
            texts.extend(skill.items.iter().map(|i| i.text.clone()));
        }
    }
    texts
}

/// Each stage as "Stage: skill, skill".
fn outline(pack: &Roadmap) -> Vec<String> {
    pack.stages
        .iter()
        .map(|s| {
            let skills: Vec<&str> = s.skills.iter().map(|k| k.title.as_str()).collect();
            format!("{}: {}", s.title, skills.join(", "))
        })
        .collect()
}

/// Skill id by title.
fn skill_ids(pack: &Roadmap) -> HashMap<String, String> {
    pack.stages
        .iter()
        .flat_map(|s| &s.skills)
        .map(|k| (k.title.clone(), k.id.clone()))
        .collect()
}

fn skill<'a>(pack: &'a Roadmap, title: &str) -> &'a content::Skill {
    pack.stages
        .iter()
        .flat_map(|s| &s.skills)
        .find(|k| k.title == title)
        .unwrap_or_else(|| panic!("no skill {title}"))
}

#[test]
fn every_topic_and_subtopic_appears_once_and_decoration_never() {
    let home = tempfile::tempdir().unwrap();
    let (_, pack) = import(home.path(), &sample(), false);
    let json = diagram(&sample());
    let learnable = labels(&json, |t| t == "topic" || t == "subtopic");
    let decoration = labels(&json, |t| DECORATION.contains(&t));
    assert!(learnable.contains("History") && decoration.contains("Everyday"));
    let texts = texts(&pack);
    for label in &learnable {
        let n = texts.iter().filter(|t| *t == label).count();
        assert_eq!(n, 1, "{label:?} appears {n} times in {texts:?}");
    }
    for label in &decoration {
        assert!(!texts.contains(label), "decoration {label:?} in {texts:?}");
    }
}

#[test]
fn the_pack_follows_the_diagram_and_takes_its_name_from_the_folder() {
    let home = tempfile::tempdir().unwrap();
    let (run, pack) = import(home.path(), &sample(), false);
    assert_eq!(
        outline(&pack),
        [
            "Commits: Staging with add -p, Writing commit messages",
            "Branches: Rebase vs merge, Resolving conflicts",
            "Topics: History, Bisect",
        ]
    );
    assert_eq!(pack.id, "git-fluency");
    assert_eq!(pack.title, "Git Fluency");
    assert_eq!(
        pack.intro.as_deref(),
        Some("A sample roadmap in the roadmap.sh layout")
    );
    assert!(run.stdout.contains("3 stages, 6 skills"), "{}", run.stdout);
    let check = roadmap(
        home.path(),
        &["check", home.path().join("out").to_str().unwrap()],
    );
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn prose_and_links_come_from_the_file_named_by_node_id() {
    let home = tempfile::tempdir().unwrap();
    let (_, pack) = import(home.path(), &sample(), false);
    // Two `history@…` files: the kept node's, not the stale copy's.
    let history = skill(&pack, "History");
    assert_eq!(
        history.body.as_deref(),
        Some("log, blame and reflog answer who, when and where it went.")
    );
    assert!(history.links.is_empty());
    let messages = skill(&pack, "Writing commit messages");
    assert_eq!(
        messages.body.as_deref(),
        Some("A subject line that says what changed, a body that says why.")
    );
    let links: Vec<(&str, &str)> = messages
        .links
        .iter()
        .map(|l| (l.title.as_str(), l.url.as_str()))
        .collect();
    assert_eq!(
        links,
        [(
            "How to write a commit message",
            "https://example.org/commit-messages"
        )]
    );
    assert_eq!(
        pack.stages[0].summary.as_deref(),
        Some(
            "A commit is a message to the next person who reads the history, often yourself.\n\
             - Git book: recording changes: \
             https://git-scm.com/book/en/v2/Git-Basics-Recording-Changes-to-the-Repository\n\
             - Small commits, explained: https://example.org/small-commits"
        )
    );
    let out = home.path().join("out");
    let mut written = String::new();
    for entry in fs::read_dir(out.join("stages")).unwrap() {
        written.push_str(&fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    assert!(!written.contains("stale copy"), "{written}");
    assert!(!written.contains("Visit the following"), "{written}");
    assert!(!written.contains("@article@"), "{written}");
}

/// Copies the sample to `to` with its diagram changed by `change`.
fn changed_copy(to: &Path, change: impl FnOnce(&mut Value)) -> PathBuf {
    let dir = to.join("git-fluency");
    fs::create_dir_all(dir.join("content")).unwrap();
    for entry in fs::read_dir(sample().join("content")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.join("content").join(path.file_name().unwrap())).unwrap();
    }
    fs::copy(sample().join("git-fluency.md"), dir.join("git-fluency.md")).unwrap();
    let mut json = diagram(&sample());
    change(&mut json);
    fs::write(dir.join("git-fluency.json"), json.to_string()).unwrap();
    dir
}

fn node<'a>(json: &'a mut Value, id: &str) -> &'a mut Value {
    json["nodes"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|n| n["id"] == id)
        .unwrap()
}

#[test]
fn importing_a_newer_copy_keeps_the_ids_of_the_same_nodes() {
    let home = tempfile::tempdir().unwrap();
    let (_, before) = import(home.path(), &sample(), false);
    let newer = changed_copy(home.path(), |json| {
        node(json, "Ty7Ui3Op9As5Df1Gh6Jk2")["data"]["label"] = "Commit messages that help".into();
        // Bisect moves above History; it has only a solid edge from History.
        node(json, "Op4As0Df6Gh2Jk8Lq3Wd9")["position"]["y"] = 450.into();
        node(json, "Op4As0Df6Gh2Jk8Lq3Wd9")["positionAbsolute"]["y"] = 450.into();
        let mut added = node(json, "Mn1Bv7Cx3Zl9Kj5Hg2Fd8").clone();
        added["id"] = "mn1Bv7Cx3Zl9Kj5Hg2Fd8".into();
        added["data"]["label"] = "Cherry-pick".into();
        added["position"]["y"] = 350.into();
        added["positionAbsolute"]["y"] = 350.into();
        json["nodes"].as_array_mut().unwrap().push(added);
    });
    let (_, after) = import(home.path(), &newer, true);
    let (old, new) = (skill_ids(&before), skill_ids(&after));
    for title in [
        "Staging with add -p",
        "Rebase vs merge",
        "Resolving conflicts",
        "History",
        "Bisect",
    ] {
        assert_eq!(old[title], new[title], "{title}");
    }
    assert_eq!(
        old["Writing commit messages"],
        new["Commit messages that help"]
    );
    // The added node differs from its neighbour only in one letter's case.
    assert!(!old.values().any(|id| *id == new["Cherry-pick"]));
    assert_eq!(new.len(), old.len() + 1);
    assert_eq!(
        outline(&after)[1],
        "Branches: Rebase vs merge, Resolving conflicts, Cherry-pick"
    );
}

#[test]
fn the_licence_is_said_when_importing_and_in_the_help() {
    let home = tempfile::tempdir().unwrap();
    let (run, _) = import(home.path(), &sample(), false);
    let said = format!("{}{}", run.stdout, run.stderr);
    assert!(said.contains("personal use only"), "{said}");
    let help = roadmap(home.path(), &["import", "roadmap-sh", "--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("personal use"), "{}", help.stdout);
}

#[test]
fn bad_json_is_refused_with_its_place() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("broken");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("broken.json"),
        "{\"nodes\": [\n  {\"id\": \"a\",,}\n]}\n",
    )
    .unwrap();
    let run = roadmap(
        home.path(),
        &["import", "roadmap-sh", dir.to_str().unwrap(), "-o", "x"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    let place = format!("{}:2:", dir.join("broken.json").display());
    assert!(run.stderr.contains(&place), "{}", run.stderr);
    assert!(!home.path().join("x").exists());
}

#[test]
fn a_missing_folder_a_folder_without_a_diagram_and_one_without_topics_are_refused() {
    let home = tempfile::tempdir().unwrap();
    let missing = home.path().join("nowhere");
    let empty = home.path().join("empty");
    fs::create_dir_all(&empty).unwrap();
    let bare = home.path().join("bare");
    fs::create_dir_all(&bare).unwrap();
    fs::write(
        bare.join("bare.json"),
        r#"{"nodes": [{"id": "t", "type": "title", "data": {"label": "Only a title"}}], "edges": []}"#,
    )
    .unwrap();
    for (dir, says) in [
        (&missing, "no such folder"),
        (&empty, "no diagram empty.json"),
        (&bare, "no labelled topic"),
    ] {
        let out = home.path().join("out");
        let run = roadmap(
            home.path(),
            &[
                "import",
                "roadmap-sh",
                dir.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ],
        );
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stderr.contains(says), "{}", run.stderr);
        assert!(!out.exists());
    }
}

#[test]
fn a_diagram_without_edges_and_a_legacy_content_layout_still_import() {
    let home = tempfile::tempdir().unwrap();
    let (_, pack) = import(home.path(), &fixture("import/shell-basics"), false);
    assert_eq!(
        outline(&pack),
        [
            "Navigation: cd and ls",
            "Topics: Scripts",
            "Pipes: Redirects",
        ]
    );
    // No `<id>.md`: the title node names the roadmap.
    assert_eq!(
        (pack.id.as_str(), pack.title.as_str()),
        ("shell-basics", "Shell Basics")
    );
    assert_eq!(pack.intro, None);
    // `nav_…` (the subtopic) has a file; `Nav_…` (the topic) only a legacy one.
    assert_eq!(
        skill(&pack, "cd and ls").body.as_deref(),
        Some("Know where you are before you move.")
    );
    assert_eq!(pack.stages[0].summary, None);
    assert_eq!(
        pack.stages[2].summary.as_deref(),
        Some("Small tools joined by |.\n- Pipes in practice: https://example.org/pipes")
    );
    let ids: HashSet<&str> = pack.stages.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids.len(), 3);
}
