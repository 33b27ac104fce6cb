//! Merging copies of progress.toml from the command line: `roadmap merge`
//! for another machine's copy or a sync tool's conflict copy, and
//! `roadmap merge-file`, the git merge driver, run by a real `git merge`.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::cli::roadmap;

const BIN: &str = env!("CARGO_BIN_EXE_roadmap");

fn progress(data: &Path) -> String {
    fs::read_to_string(data.join("progress.toml")).unwrap()
}

/// A progress file with one skill's status, changed at `when`, and a note.
fn copy(skill: &str, status: &str, when: &str, note: &str) -> String {
    format!(
        "version = 1\n\n[roadmaps.beyond-syntax.skills.{skill}]\nstatus = \"{status}\"\nchanged = \"{when}\"\nnote = \"{note}\"\nnote_changed = \"{when}\"\n"
    )
}

#[test]
fn merge_takes_in_another_copy_and_says_what_it_did() {
    let data = tempfile::tempdir().unwrap();
    assert_eq!(roadmap(data.path(), &["done", "fundamentals"]).code, 0);
    let conflict = data
        .path()
        .join("progress.sync-conflict-20260101-101010-ABCDEFG.toml");
    fs::write(
        &conflict,
        copy(
            "ecosystem",
            "in-progress",
            "2026-01-01T10:00:00Z",
            "from the laptop",
        ),
    )
    .unwrap();

    let status = roadmap(data.path(), &["status"]);
    assert!(
        status.stdout.contains("conflicting copy"),
        "{}",
        status.stdout
    );
    assert!(
        status.stdout.contains("sync-conflict-20260101"),
        "{}",
        status.stdout
    );
    let json = roadmap(data.path(), &["status", "--json"]).stdout;
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        doc["conflict_copies"].as_array().unwrap().len(),
        1,
        "{json}"
    );

    let run = roadmap(data.path(), &["merge", conflict.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("2 changes"), "{}", run.stdout);
    assert!(run.stdout.contains("can be deleted now"), "{}", run.stdout);
    let list = roadmap(data.path(), &["list"]).stdout;
    assert!(list.contains("fundamentals\tdone"), "{list}");
    assert!(list.contains("ecosystem\tin-progress"), "{list}");
    assert!(progress(data.path()).contains("from the laptop"));

    let again = roadmap(data.path(), &["merge", conflict.to_str().unwrap()]);
    assert_eq!(again.code, 0);
    assert!(again.stdout.contains("Nothing new"), "{}", again.stdout);
}

#[test]
fn merge_refuses_a_file_that_does_not_parse_and_changes_nothing() {
    let data = tempfile::tempdir().unwrap();
    assert_eq!(roadmap(data.path(), &["done", "fundamentals"]).code, 0);
    let before = progress(data.path());
    let bad = data.path().join("other.toml");
    fs::write(&bad, "version = 1\n[roadmaps.x\n").unwrap();
    let run = roadmap(data.path(), &["merge", bad.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("other.toml:2:"), "{}", run.stderr);
    assert_eq!(progress(data.path()), before);
}

#[test]
fn merge_file_merges_three_ways_into_ours() {
    let dir = tempfile::tempdir().unwrap();
    let (base, ours, theirs) = (
        dir.path().join("base"),
        dir.path().join("ours"),
        dir.path().join("theirs"),
    );
    fs::write(
        &base,
        copy(
            "fundamentals",
            "in-progress",
            "2026-01-01T00:00:00Z",
            "start",
        ),
    )
    .unwrap();
    fs::write(
        &ours,
        copy("fundamentals", "done", "2026-01-03T00:00:00Z", "mine"),
    )
    .unwrap();
    fs::write(
        &theirs,
        copy("fundamentals", "skipped", "2026-01-02T00:00:00Z", "theirs"),
    )
    .unwrap();
    let merge_file = || {
        let [base, ours, theirs] = [&base, &ours, &theirs].map(|p| p.to_str().unwrap());
        roadmap(dir.path(), &["merge-file", base, ours, theirs])
    };
    let run = merge_file();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let merged = fs::read_to_string(&ours).unwrap();
    assert!(
        merged.contains("status = \"done\""),
        "the later status: {merged}"
    );
    assert!(
        merged.contains("mine") && merged.contains("theirs"),
        "both notes: {merged}"
    );
    assert!(merged.contains("merged from another copy"), "{merged}");

    // A side that does not parse: a conflict for git, and OURS as it was.
    fs::write(&theirs, "<<<<<<< HEAD\n").unwrap();
    let before = fs::read(&ours).unwrap();
    let run = merge_file();
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("theirs:1:"), "{}", run.stderr);
    assert_eq!(fs::read(&ours).unwrap(), before);
}

fn git(repo: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .args(args)
        .current_dir(repo)
        .env("GIT_CONFIG_GLOBAL", repo.join(".no-global-config"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .expect("git runs")
}

fn git_ok(repo: &Path, args: &[&str]) {
    let out = git(repo, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_real_git_merge_through_the_driver_keeps_both_machines_progress() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let repo = tempfile::tempdir().unwrap();
    let r = repo.path();
    git_ok(r, &["init", "-q", "-b", "main"]);
    // What the README tells a user to add.
    fs::write(r.join(".gitattributes"), "progress.toml merge=roadmap\n").unwrap();
    fs::write(
        r.join(".gitignore"),
        "progress.lock\nprogress.toml.bak\nprogress.pending.toml\n",
    )
    .unwrap();
    let driver = format!("'{BIN}' merge-file %O %A %B");
    git_ok(r, &["config", "merge.roadmap.driver", &driver]);
    assert_eq!(roadmap(r, &["start", "fundamentals"]).code, 0);
    git_ok(r, &["add", ".gitattributes", ".gitignore", "progress.toml"]);
    git_ok(r, &["commit", "-q", "-m", "start"]);

    // The laptop: a note and another skill done.
    git_ok(r, &["checkout", "-q", "-b", "laptop"]);
    assert_eq!(
        roadmap(r, &["note", "fundamentals", "--append", "on the laptop"]).code,
        0
    );
    assert_eq!(roadmap(r, &["done", "ecosystem"]).code, 0);
    git_ok(r, &["commit", "-q", "-am", "laptop"]);

    // The desktop: the same note, written differently, and a skip.
    git_ok(r, &["checkout", "-q", "main"]);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(
        roadmap(r, &["note", "fundamentals", "--append", "on the desktop"]).code,
        0
    );
    assert_eq!(roadmap(r, &["skip", "read-code"]).code, 0);
    git_ok(r, &["commit", "-q", "-am", "desktop"]);

    git_ok(r, &["merge", "-q", "--no-edit", "laptop"]);
    let merged = progress(r);
    assert!(!merged.contains("<<<<<<<"), "{merged}");
    assert!(
        merged.contains("on the laptop") && merged.contains("on the desktop"),
        "{merged}"
    );
    let list = roadmap(r, &["list"]).stdout;
    assert!(list.contains("fundamentals\tin-progress"), "{list}");
    assert!(list.contains("ecosystem\tdone"), "{list}");
    assert!(list.contains("read-code\tskipped"), "{list}");
    let status = git(r, &["status", "--porcelain"]);
    let status = String::from_utf8_lossy(&status.stdout).into_owned();
    assert!(status.trim().is_empty(), "a clean merge: {status}");
}
