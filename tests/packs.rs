//! The library of packs from the command line: add, packs, remove, --pack,
//! and which pack a run opens.

mod common;

use std::fs;
use std::path::Path;

use common::cli::roadmap;

/// A pack of our own, `git-basics`, with two skills, in `dir`.
fn write_pack(dir: &Path, title: &str) {
    fs::create_dir_all(dir.join("stages")).unwrap();
    fs::write(
        dir.join("roadmap.toml"),
        format!("# my own comment\nid = \"git-basics\"\ntitle = \"{title}\"\n"),
    )
    .unwrap();
    fs::write(
        dir.join("stages/01-start.toml"),
        "id = \"start\"\ntitle = \"Start\"\n\n[[skill]]\nid = \"commit\"\ntitle = \"Commit\"\n\n[[skill]]\nid = \"branch\"\ntitle = \"Branch\"\n",
    )
    .unwrap();
}

#[test]
fn an_added_pack_is_listed_opened_with_pack_and_its_progress_survives_removal() {
    let data = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();
    write_pack(src.path(), "Git Basics");

    let added = roadmap(data.path(), &["add", src.path().to_str().unwrap()]);
    assert_eq!(added.code, 0, "{}", added.stderr);
    assert!(
        added.stdout.contains("Added pack git-basics"),
        "{}",
        added.stdout
    );
    // The files are copied as written, comments and all.
    let copied = fs::read_to_string(data.path().join("packs/git-basics/roadmap.toml")).unwrap();
    assert!(copied.starts_with("# my own comment"), "{copied}");

    let done = roadmap(data.path(), &["--pack", "git-basics", "done", "commit"]);
    assert_eq!(done.code, 0, "{}", done.stderr);
    let listed = roadmap(data.path(), &["packs"]);
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    let lines: Vec<&str> = listed.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", listed.stdout);
    assert!(
        lines[0].starts_with("beyond-syntax\tBeyond Syntax"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("opens in the app"), "{}", lines[0]);
    assert_eq!(lines[1], "git-basics\tGit Basics\t1/2 done");

    let removed = roadmap(data.path(), &["remove", "git-basics"]);
    assert_eq!(removed.code, 0, "{}", removed.stderr);
    assert!(!data.path().join("packs/git-basics").exists());
    assert_eq!(roadmap(data.path(), &["packs"]).stdout.lines().count(), 1);
    // Added again, it picks up where it was left.
    assert_eq!(
        roadmap(data.path(), &["add", src.path().to_str().unwrap()]).code,
        0
    );
    let list = roadmap(data.path(), &["--pack", "git-basics", "list"]);
    assert_eq!(list.stdout, "commit\tdone\tCommit\nbranch\ttodo\tBranch\n");
}

#[test]
fn adding_a_pack_again_replaces_the_installed_copy() {
    let data = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();
    write_pack(src.path(), "Git Basics");
    roadmap(data.path(), &["add", src.path().to_str().unwrap()]);
    write_pack(src.path(), "Git Basics, Second Edition");
    let again = roadmap(data.path(), &["add", src.path().to_str().unwrap()]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stdout.contains("Updated pack git-basics"),
        "{}",
        again.stdout
    );
    let packs = roadmap(data.path(), &["packs", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&packs.stdout).unwrap();
    assert_eq!(json[1]["title"], "Git Basics, Second Edition");
    assert_eq!(json[1]["open"], false);
    assert_eq!(json[0]["shipped"], true);
}

#[test]
fn a_bad_pack_is_refused_and_nothing_is_installed() {
    let data = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();
    write_pack(src.path(), "Git Basics");
    fs::write(src.path().join("stages/02-bad.toml"), "title = \n").unwrap();
    let added = roadmap(data.path(), &["add", src.path().to_str().unwrap()]);
    assert_eq!(added.code, 2);
    assert!(added.stderr.contains("02-bad.toml:1:"), "{}", added.stderr);
    assert!(!data.path().join("packs").join("git-basics").exists());

    let not_a_pack = tempfile::tempdir().unwrap();
    let added = roadmap(data.path(), &["add", not_a_pack.path().to_str().unwrap()]);
    assert_eq!(added.code, 2);
    assert!(added.stderr.contains("neither a pack"), "{}", added.stderr);
}

#[test]
fn the_shipped_pack_cannot_be_shadowed_or_removed() {
    let data = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();
    write_pack(src.path(), "Mine");
    let text = fs::read_to_string(src.path().join("roadmap.toml")).unwrap();
    fs::write(
        src.path().join("roadmap.toml"),
        text.replace("git-basics", "beyond-syntax"),
    )
    .unwrap();
    let added = roadmap(data.path(), &["add", src.path().to_str().unwrap()]);
    assert_eq!(added.code, 2);
    assert!(
        added.stderr.contains("shipped roadmap's id"),
        "{}",
        added.stderr
    );
    let removed = roadmap(data.path(), &["remove", "beyond-syntax"]);
    assert_eq!(removed.code, 2);
    assert!(removed.stderr.contains("built-in"), "{}", removed.stderr);
}

#[test]
fn an_unknown_pack_names_the_packs_there_are() {
    let data = tempfile::tempdir().unwrap();
    let run = roadmap(data.path(), &["--pack", "gti-basics", "status"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no pack \"gti-basics\" is installed")
            && run.stderr.contains("beyond-syntax"),
        "{}",
        run.stderr
    );
    let run = roadmap(data.path(), &["remove", "gti-basics"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let run = roadmap(data.path(), &["--pack", "x", "--content", ".", "status"]);
    assert_eq!(run.code, 2, "--pack and --content together: {}", run.stderr);
}

#[test]
fn commands_follow_the_pack_chosen_in_the_app_and_never_change_it() {
    let data = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();
    write_pack(src.path(), "Git Basics");
    roadmap(data.path(), &["add", src.path().to_str().unwrap()]);
    // What the picker writes when the pack is picked.
    let choice = data.path().join("chosen-pack.toml");
    fs::write(&choice, "pack = \"git-basics\"\n").unwrap();
    let list = roadmap(data.path(), &["list"]);
    assert!(list.stdout.starts_with("commit\t"), "{}", list.stdout);
    // --pack is for this run only.
    let shipped = roadmap(data.path(), &["--pack", "beyond-syntax", "list"]);
    assert!(
        shipped.stdout.starts_with("fundamentals\t"),
        "{}",
        shipped.stdout
    );
    assert_eq!(
        fs::read_to_string(&choice).unwrap(),
        "pack = \"git-basics\"\n"
    );
    let packs = roadmap(data.path(), &["packs"]);
    assert!(
        packs
            .stdout
            .contains("git-basics\tGit Basics\t0/2 done\topens in the app"),
        "{}",
        packs.stdout
    );
    // A chosen pack that was removed gives way to the shipped one.
    roadmap(data.path(), &["remove", "git-basics"]);
    let list = roadmap(data.path(), &["list"]);
    assert!(list.stdout.starts_with("fundamentals\t"), "{}", list.stdout);
}

#[test]
fn the_format_help_is_there_for_an_installed_user_and_init_points_at_it() {
    let data = tempfile::tempdir().unwrap();
    let help = roadmap(data.path(), &["help", "format"]);
    assert_eq!(help.code, 0);
    assert!(
        help.stdout.starts_with("# The content format"),
        "{}",
        help.stdout
    );
    assert!(help.stdout.contains("staying-current.toml"));
    let out = data.path().join("mine");
    roadmap(data.path(), &["init", out.to_str().unwrap()]);
    let written = fs::read_to_string(out.join("roadmap.toml")).unwrap();
    assert!(written.contains("`roadmap help format`"), "{written}");
    // `help` still explains commands.
    let help = roadmap(data.path(), &["help", "packs"]);
    assert!(
        help.stdout.contains("Usage: roadmap packs"),
        "{}",
        help.stdout
    );
    assert_eq!(roadmap(data.path(), &["help", "fromat"]).code, 2);
}

#[test]
fn a_roadmap_sh_folder_is_imported_on_its_way_into_the_library() {
    let data = tempfile::tempdir().unwrap();
    let folder = common::fixture("import/git-fluency");
    let added = roadmap(data.path(), &["add", folder.to_str().unwrap()]);
    assert_eq!(added.code, 0, "{}", added.stderr);
    assert!(
        added.stderr.contains("personal use only"),
        "{}",
        added.stderr
    );
    assert!(
        added
            .stdout
            .contains("Added pack git-fluency (Git Fluency)"),
        "{}",
        added.stdout
    );
    let list = roadmap(data.path(), &["--pack", "git-fluency", "list"]);
    assert!(
        list.stdout.contains("\ttodo\tStaging with add -p\n"),
        "{}",
        list.stdout
    );
}
