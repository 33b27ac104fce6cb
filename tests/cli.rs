//! The command line as scripts use it: each command on the shipped roadmap
//! and on a fixture pack, with the error paths and exit codes.

mod common;

use std::fmt::Write as _;
use std::path::Path;

#[cfg(unix)]
use assert_cmd::Command;
use common::cli::{Run, roadmap};
use common::fixture;

/// `roadmap note SKILL` with `editor` as `$EDITOR`.
#[cfg(unix)]
fn note_in_editor(data: &Path, editor: &Path, skill: &str) -> Run {
    let out = Command::cargo_bin("roadmap")
        .unwrap()
        .env("ROADMAP_DATA_DIR", data)
        .env("ROADMAP_CONFIG_DIR", data.join("config"))
        .env("EDITOR", editor)
        .env_remove("VISUAL")
        .args(["note", skill])
        .output()
        .unwrap();
    Run::from(out)
}

fn rust_pack() -> String {
    fixture("good/rust-journey").display().to_string()
}

#[test]
fn done_start_todo_skip_set_the_status_from_a_script() {
    let data = tempfile::tempdir().unwrap();
    for (cmd, status) in [
        ("start", "in-progress"),
        ("done", "done"),
        ("skip", "skipped"),
        ("todo", "todo"),
    ] {
        let run = roadmap(data.path(), &[cmd, "fundamentals"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(run.stdout, format!("Master the Fundamentals: {status}\n"));
        let list = roadmap(data.path(), &["list"]);
        assert!(
            list.stdout.contains(&format!(
                "fundamentals\t{status}\tMaster the Fundamentals\n"
            )),
            "{}",
            list.stdout
        );
    }
}

#[test]
fn several_skills_at_once_for_xargs_and_none_if_one_is_unknown() {
    let data = tempfile::tempdir().unwrap();
    let run = roadmap(data.path(), &["done", "fundamentals", "read-code"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "Master the Fundamentals: done\nRead Other People's Code: done\n"
    );
    let run = roadmap(data.path(), &["skip", "ecosystem", "nope"]);
    assert_eq!(run.code, 2);
    let list = roadmap(data.path(), &["list", "--status", "skipped"]);
    assert!(list.stdout.is_empty(), "nothing changed: {}", list.stdout);
}

#[test]
fn export_defaults_to_markdown() {
    let data = tempfile::tempdir().unwrap();
    let run = roadmap(data.path(), &["export"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("# Beyond Syntax"));
}

#[test]
fn an_unknown_id_is_a_usage_error_suggesting_the_closest() {
    let data = tempfile::tempdir().unwrap();
    let run = roadmap(data.path(), &["done", "fundamentls"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: unknown skill `fundamentls`; did you mean `fundamentals`?\n"
    );
    let run = roadmap(data.path(), &["done", "zzz"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("roadmap list"), "{}", run.stderr);
    assert!(
        !data.path().join("progress.toml").exists(),
        "nothing written"
    );
}

#[test]
fn list_prints_tab_separated_lines_and_filters_by_status() {
    let data = tempfile::tempdir().unwrap();
    roadmap(data.path(), &["start", "system-design"]);
    let all = roadmap(data.path(), &["list"]);
    assert_eq!(all.code, 0);
    let lines: Vec<&str> = all.stdout.lines().collect();
    assert_eq!(lines.len(), 9);
    assert!(
        lines.iter().all(|l| l.split('\t').count() == 3),
        "{lines:?}"
    );
    let started = roadmap(data.path(), &["list", "--status", "in-progress"]);
    assert_eq!(
        started.stdout,
        "system-design\tin-progress\tLearn System Design Basics\n"
    );
    let bad = roadmap(data.path(), &["list", "--status", "finished"]);
    assert_eq!(bad.code, 2);
}

#[test]
fn status_shows_stages_overall_focus_and_orphans() {
    let data = tempfile::tempdir().unwrap();
    roadmap(data.path(), &["done", "fundamentals"]);
    let run = roadmap(data.path(), &["status"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("1. Building Solid Foundations (0–2 Years)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("1/3"), "{}", run.stdout);
    assert!(run.stdout.contains("1/9 done (11%)"), "{}", run.stdout);
    assert!(!run.stdout.contains('\x1b'), "no colour into a pipe");
    assert!(!run.stdout.contains("orphaned"));

    // Progress for a skill that is no longer in the content.
    let file = data.path().join("progress.toml");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("\n[roadmaps.beyond-syntax.skills.gone]\nstatus = \"done\"\n");
    text.push_str("\n[roadmaps.beyond-syntax.focus]\nskill = \"system-design\"\nsince = \"2026-11-18T09:00:00Z\"\n");
    std::fs::write(&file, text).unwrap();
    let run = roadmap(data.path(), &["status"]);
    assert!(run.stdout.contains("1 orphaned entry"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("Learn System Design Basics (system-design), since 2026-11-18"),
        "{}",
        run.stdout
    );
}

#[test]
fn status_json_is_for_scripts() {
    let data = tempfile::tempdir().unwrap();
    roadmap(data.path(), &["done", "fundamentals"]);
    let run = roadmap(data.path(), &["status", "--json"]);
    assert_eq!(run.code, 0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["overall"]["done"], 1);
    assert_eq!(v["overall"]["total"], 9);
    assert_eq!(v["overall"]["percent"], 11);
    assert_eq!(v["stages"][0]["id"], "foundations");
    assert_eq!(v["stages"][0]["done"], 1);
    assert_eq!(v["focus"], serde_json::Value::Null);
    assert_eq!(v["orphaned"], 0);
}

#[test]
fn export_json_holds_roadmap_and_progress_with_the_documented_names() {
    let data = tempfile::tempdir().unwrap();
    roadmap(data.path(), &["start", "fundamentals"]);
    roadmap(
        data.path(),
        &["note", "fundamentals", "--append", "first line"],
    );
    let run = roadmap(data.path(), &["export", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["roadmap"]["id"], "beyond-syntax");
    assert_eq!(
        v["roadmap"]["title"],
        "Beyond Syntax: What It Takes to Advance"
    );
    let skill = &v["stages"][0]["skills"][0];
    assert_eq!(skill["id"], "fundamentals");
    assert_eq!(skill["title"], "Master the Fundamentals");
    assert_eq!(skill["status"], "in-progress");
    assert!(skill["changed"].as_str().unwrap().ends_with('Z'));
    assert_eq!(skill["note"], "first line");
    assert_eq!(skill["items"][0]["done"], false);
    assert!(skill["items"][0]["id"].is_string() && skill["items"][0]["text"].is_string());
    assert_eq!(
        v["stages"][0]["skills"][1]["note"], "",
        "empty when there is none"
    );
    assert_eq!(v["stages"][0]["span"], "0–2 Years");
    assert_eq!(v["tips"].as_array().unwrap().len(), 4);
    assert_eq!(v["strategies"][4]["value"], "High (networking)");
}

#[test]
fn export_markdown_renders_as_github_markdown() {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let data = tempfile::tempdir().unwrap();
    roadmap(data.path(), &["done", "fundamentals"]);
    roadmap(data.path(), &["start", "system-design"]);
    roadmap(data.path(), &["skip", "version-control"]);
    roadmap(
        data.path(),
        &[
            "note",
            "fundamentals",
            "--append",
            "Dunder methods clicked.",
        ],
    );
    let run = roadmap(data.path(), &["export", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = run.stdout;
    assert!(md.contains("- [x] Master the Fundamentals\n"), "{md}");
    assert!(
        md.contains("- [ ] Learn System Design Basics *(in progress)*\n"),
        "{md}"
    );
    assert!(
        md.contains("- [ ] Use Version Control Seriously *(skipped)*\n"),
        "{md}"
    );

    let mut headings = Vec::new();
    let mut tasks = (0, 0);
    let mut in_heading = false;
    let mut in_quote = false;
    let mut quoted = String::new();
    let mut text = String::new();
    let mut table_rows = 0;
    for event in Parser::new_ext(&md, Options::ENABLE_TASKLISTS | Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                in_heading = true;
                headings.push((level as usize, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Start(Tag::BlockQuote(_)) => in_quote = true,
            Event::End(TagEnd::BlockQuote(_)) => in_quote = false,
            Event::TaskListMarker(done) => {
                if done {
                    tasks.0 += 1;
                } else {
                    tasks.1 += 1;
                }
            }
            Event::Start(Tag::TableRow) => table_rows += 1,
            Event::Text(t) | Event::Code(t) => {
                if in_heading {
                    headings.last_mut().unwrap().1.push_str(&t);
                }
                if in_quote {
                    quoted.push_str(&t);
                }
                text.push_str(&t);
            }
            _ => {}
        }
    }
    let titles: Vec<&str> = headings.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        headings[0],
        (1, "Beyond Syntax: What It Takes to Advance".to_string())
    );
    assert!(
        titles.contains(&"Stage 1: Building Solid Foundations (0–2 Years)"),
        "{titles:?}"
    );
    assert!(titles.contains(&"Interview Preparation Tips"), "{titles:?}");
    assert!(
        titles.contains(&"Staying Current Without Burning Out"),
        "{titles:?}"
    );
    assert!(titles.contains(&"Final Thought"), "{titles:?}");
    assert_eq!(
        tasks,
        (1, 9 - 1 + 8),
        "one skill done; eight skills and eight items open"
    );
    assert_eq!(
        table_rows, 5,
        "five strategies (the header row is separate)"
    );
    assert!(
        text.contains("Understand Python's data model: how __dunder__ methods work."),
        "underscores shown, not turned into bold"
    );
    assert_eq!(quoted, "Dunder methods clicked.");
}

#[test]
fn export_to_a_file_writes_it_atomically() {
    let data = tempfile::tempdir().unwrap();
    let out = data.path().join("roadmap.md");
    let run = roadmap(
        data.path(),
        &["export", "--format", "md", "-o", out.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("# Beyond Syntax")
    );
    let bad = roadmap(
        data.path(),
        &["export", "--format", "md", "-o", "/nonexistent/dir/x.md"],
    );
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("cannot write"), "{}", bad.stderr);
    let wrong = roadmap(data.path(), &["export", "--format", "pdf"]);
    assert_eq!(wrong.code, 2);
}

#[cfg(unix)]
#[test]
fn export_to_an_existing_file_keeps_its_mode_and_writes_through_a_link() {
    use std::os::unix::fs::PermissionsExt;
    let data = tempfile::tempdir().unwrap();
    let private = data.path().join("private.md");
    std::fs::write(&private, "old").unwrap();
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = data.path().join("link.md");
    std::os::unix::fs::symlink(&private, &link).unwrap();
    let run = roadmap(data.path(), &["export", "-o", link.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert!(
        std::fs::read_to_string(&private)
            .unwrap()
            .starts_with("# Beyond Syntax")
    );
    let mode = std::fs::metadata(&private).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "notes stay private");
}

#[cfg(unix)]
#[test]
fn export_to_a_pipe_writes_into_it_rather_than_replacing_it() {
    use std::os::unix::fs::FileTypeExt;

    let data = tempfile::tempdir().unwrap();
    let fifo = data.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let run = roadmap(data.path(), &["export", "-o", fifo.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(reader.join().unwrap().starts_with("# Beyond Syntax"));
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

/// Runs `roadmap args` with standard output going to `stdout`.
fn with_stdout(data: &Path, args: &[&str], stdout: std::process::Stdio) -> Run {
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("roadmap"))
        .env("ROADMAP_DATA_DIR", data)
        .env("ROADMAP_CONFIG_DIR", data.join("config"))
        .args(args)
        .stdout(stdout)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    // Standard output went to `stdout`, not to this process: empty here.
    Run::from(out)
}

#[test]
fn a_closed_or_full_standard_output_is_no_crash() {
    let data = tempfile::tempdir().unwrap();
    let fresh = |name: &str| data.path().join(name).to_str().unwrap().to_string();
    for (args, name) in [
        (
            vec!["completions".to_string(), "bash".to_string()],
            "completions",
        ),
        (vec!["init".to_string(), fresh("pack-a")], "init"),
        (vec!["status".to_string()], "status"),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        // A reader that has gone away (`| head`): nothing to complain about.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let run = with_stdout(data.path(), &args, writer.into());
        assert_eq!(run.code, 0, "{name} into a closed pipe: {}", run.stderr);
    }
    for (args, name) in [
        (
            vec!["completions".to_string(), "bash".to_string()],
            "completions",
        ),
        (vec!["init".to_string(), fresh("pack-b")], "init"),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let run = with_stdout(data.path(), &args, full.into());
        assert_eq!(run.code, 1, "{name} on a full disk: {}", run.stderr);
        assert!(run.stderr.contains("cannot write output"), "{}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
}

#[test]
fn note_append_adds_lines_and_note_without_an_editor_says_how_to_set_one() {
    let data = tempfile::tempdir().unwrap();
    roadmap(data.path(), &["note", "read-code", "--append", "one"]);
    let run = roadmap(
        data.path(),
        &["note", "read-code", "--append", "two — ünïcode"],
    );
    assert_eq!(run.code, 0);
    let json = roadmap(data.path(), &["export", "--format", "json"]).stdout;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["stages"][1]["skills"][1]["note"], "one\ntwo — ünïcode");
    let run = roadmap(data.path(), &["note", "read-code"]);
    assert_eq!(
        run.code, 1,
        "no editor is a runtime problem, not a usage error"
    );
    assert!(run.stderr.contains("$VISUAL or $EDITOR"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn note_opens_the_users_editor() {
    let data = tempfile::tempdir().unwrap();
    let script = common::fake_editor(data.path(), "printf 'written in the editor\\n' >> \"$1\"");
    // The second time, the file the editor gets ends with a line break: what
    // is appended to an existing note starts a line of its own.
    for expected in [
        "written in the editor",
        "written in the editor\nwritten in the editor",
    ] {
        let run = note_in_editor(data.path(), &script, "fundamentals");
        assert_eq!(run.code, 0, "{}", run.stderr);
        let json = roadmap(data.path(), &["export", "--format", "json"]).stdout;
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["stages"][0]["skills"][0]["note"], expected);
    }
}

#[test]
fn each_content_pack_keeps_its_own_progress() {
    let data = tempfile::tempdir().unwrap();
    let pack = rust_pack();
    let run = roadmap(data.path(), &["--content", &pack, "done", "ownership"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = roadmap(data.path(), &["done", "--content", &pack, "cargo"]);
    assert_eq!(
        run.code, 0,
        "--content after the subcommand: {}",
        run.stderr
    );
    let rust = roadmap(
        data.path(),
        &["list", "--content", &pack, "--status", "done"],
    )
    .stdout;
    assert_eq!(rust.lines().count(), 2, "{rust}");
    let python = roadmap(data.path(), &["list", "--status", "done"]).stdout;
    assert!(
        python.is_empty(),
        "ticks in one pack never show in another: {python}"
    );
}

#[test]
fn data_dir_option_works_before_or_after_the_subcommand() {
    let data = tempfile::tempdir().unwrap();
    let other = tempfile::tempdir().unwrap();
    let other_dir = other.path().to_str().unwrap();
    roadmap(
        data.path(),
        &["--data-dir", other_dir, "done", "fundamentals"],
    );
    roadmap(data.path(), &["done", "read-code", "--data-dir", other_dir]);
    assert!(!data.path().join("progress.toml").exists());
    let list = roadmap(
        data.path(),
        &["list", "--data-dir", other_dir, "--status", "done"],
    )
    .stdout;
    assert_eq!(list.lines().count(), 2, "{list}");
}

#[test]
fn commands_work_on_a_fixture_pack_with_unicode() {
    let data = tempfile::tempdir().unwrap();
    let pack = rust_pack();
    let run = roadmap(data.path(), &["--content", &pack, "status"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Rust 🦀 — от новичка до мастера"),
        "{}",
        run.stdout
    );
    let md = roadmap(
        data.path(),
        &["--content", &pack, "export", "--format", "md"],
    )
    .stdout;
    assert!(
        md.contains("## Stage 1: Основы · Basics 📦 (Monat 1–3)"),
        "{md}"
    );
    assert!(!md.contains("Interview"), "no tips section without tips");
    let list = roadmap(data.path(), &["--content", &pack, "list"]).stdout;
    assert!(list.contains("tokio\ttodo\tTokio 🗼 ランタイム"), "{list}");
}

#[test]
fn bad_content_is_exit_2_for_every_command() {
    let data = tempfile::tempdir().unwrap();
    let bad = fixture("bad/wrong-type").display().to_string();
    for args in [
        vec!["status"],
        vec!["list"],
        vec!["export", "--format", "json"],
        vec!["done", "a"],
    ] {
        let mut all = vec!["--content", bad.as_str()];
        all.extend(args.iter());
        let run = roadmap(data.path(), &all);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("01.toml:6:9"), "{}", run.stderr);
    }
}

#[test]
fn a_corrupt_progress_file_is_exit_1_for_every_command_that_reads_it_and_stays_as_it_was() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("progress.toml");
    let bytes = b"version = 1\nroadmaps = 3\n";
    std::fs::write(&file, bytes).unwrap();
    for args in [
        vec!["status"],
        vec!["list"],
        vec!["export", "--format", "md"],
        vec!["done", "fundamentals"],
        vec!["note", "fundamentals", "--append", "x"],
    ] {
        let run = roadmap(data.path(), &args);
        assert_eq!(run.code, 1, "{args:?}");
        assert!(run.stderr.contains("progress.toml:2:"), "{}", run.stderr);
        assert_eq!(std::fs::read(&file).unwrap(), bytes);
    }
}

#[test]
fn a_command_waits_for_a_save_under_way_then_merges_with_it() {
    let data = tempfile::tempdir().unwrap();
    assert_eq!(roadmap(data.path(), &["start", "ecosystem"]).code, 0);
    // Another process is in the middle of a save: it holds the lock.
    let lock = std::fs::File::create(data.path().join("progress.lock")).unwrap();
    lock.lock().unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        drop(lock);
    });
    let run = roadmap(data.path(), &["done", "fundamentals"]);
    release.join().unwrap();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let list = roadmap(data.path(), &["list"]).stdout;
    assert!(list.contains("fundamentals\tdone"), "{list}");
    assert!(list.contains("ecosystem\tin-progress"), "{list}");
}

#[test]
fn init_writes_a_pack_that_checks_clean_and_refuses_a_non_empty_dir() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("my-roadmap");
    let dir_s = dir.to_str().unwrap();
    let run = roadmap(data.path(), &["init", dir_s]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("roadmap check"), "{}", run.stdout);
    let check = roadmap(data.path(), &["check", dir_s]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(
        check.stdout,
        "2 stages, 3 skills, 4 checklist items, 1 tip, 2 strategies\n"
    );
    let again = roadmap(data.path(), &["init", dir_s]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("not empty"), "{}", again.stderr);
    let roadmap_toml = std::fs::read_to_string(dir.join("roadmap.toml")).unwrap();
    assert!(
        roadmap_toml.lines().filter(|l| l.starts_with('#')).count() >= 3,
        "commented"
    );
}

#[test]
fn completions_version_and_help() {
    let data = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = roadmap(data.path(), &["completions", shell]);
        assert_eq!(run.code, 0, "{shell}");
        assert!(run.stdout.contains("roadmap"), "{shell}");
    }
    assert_eq!(roadmap(data.path(), &["completions", "tcsh"]).code, 2);
    let version = roadmap(data.path(), &["--version"]);
    assert_eq!(
        version.stdout,
        format!("roadmap {}\n", env!("CARGO_PKG_VERSION"))
    );
    let help = roadmap(data.path(), &["--help"]);
    assert!(
        help.stdout.contains("Examples:") && help.stdout.contains("Exit codes"),
        "{}",
        help.stdout
    );
    for cmd in [
        "check",
        "status",
        "export",
        "done",
        "start",
        "todo",
        "skip",
        "note",
        "list",
        "init",
        "completions",
    ] {
        let help = roadmap(data.path(), &[cmd, "--help"]);
        assert!(help.stdout.contains("Example"), "{cmd} --help has examples");
    }
    assert_eq!(roadmap(data.path(), &["frobnicate"]).code, 2);
}

#[test]
fn every_command_that_changes_progress_works_on_a_fixture_pack() {
    let data = tempfile::tempdir().unwrap();
    let pack = rust_pack();
    let with_pack = |args: &[&str]| {
        let mut all = vec!["--content", pack.as_str()];
        all.extend_from_slice(args);
        roadmap(data.path(), &all)
    };
    for (cmd, status) in [
        ("start", "in-progress"),
        ("skip", "skipped"),
        ("todo", "todo"),
        ("done", "done"),
    ] {
        let run = with_pack(&[cmd, "tokio"]);
        assert_eq!(run.code, 0, "{cmd}: {}", run.stderr);
        let list = with_pack(&["list", "--status", status]).stdout;
        assert!(
            list.lines()
                .any(|l| l.starts_with(&format!("tokio\t{status}\t"))),
            "{cmd}: {list}"
        );
    }
    let run = with_pack(&["note", "ownership", "--append", "Borrowing clicked — 借用"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = with_pack(&["export", "--format", "json"]).stdout;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let skill = v["stages"][0]["skills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "ownership")
        .unwrap()
        .clone();
    assert_eq!(skill["note"], "Borrowing clicked — 借用");
    let status: serde_json::Value =
        serde_json::from_str(&with_pack(&["status", "--json"]).stdout).unwrap();
    assert_eq!(status["overall"]["done"], 1);
    // Unknown ids suggest the pack's own ids.
    let run = with_pack(&["note", "tokyo", "--append", "x"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `tokio`?"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_failing_editor_leaves_the_note_as_it_was() {
    let data = tempfile::tempdir().unwrap();
    roadmap(data.path(), &["note", "fundamentals", "--append", "kept"]);
    let script = common::fake_editor(data.path(), "printf 'lost' > \"$1\"; exit 3");
    let run = note_in_editor(data.path(), &script, "fundamentals");
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("note unchanged"), "{}", run.stderr);
    let json = roadmap(data.path(), &["export", "--format", "json"]).stdout;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["stages"][0]["skills"][0]["note"], "kept");
}

#[test]
fn init_on_a_file_and_export_to_a_directory_are_refused_clearly() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let run = roadmap(data.path(), &["init", file.to_str().unwrap()]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("a-file"), "{}", run.stderr);
    assert_eq!(std::fs::read(&file).unwrap(), b"x");
    let run = roadmap(
        data.path(),
        &["export", "-o", data.path().to_str().unwrap()],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("cannot write"), "{}", run.stderr);
}

#[test]
fn progress_of_a_skill_taken_out_of_the_content_comes_back_with_it() {
    let data = tempfile::tempdir().unwrap();
    // Its one stage file is rewritten by `stage` below.
    let pack = common::small_pack("");
    let stage = |skills: &[&str]| {
        let mut text = "id = \"s\"\ntitle = \"S\"\n".to_string();
        for id in skills {
            let _ = writeln!(
                text,
                "[[skill]]\nid = \"{id}\"\ntitle = \"{id}\"\nitems = [\"Step one\", \"Step two\"]"
            );
        }
        std::fs::write(pack.path().join("stages/01.toml"), text).unwrap();
    };
    let content = pack.path().to_str().unwrap().to_string();
    let run = |args: &[&str]| {
        let mut all = vec!["--content", content.as_str()];
        all.extend_from_slice(args);
        roadmap(data.path(), &all)
    };
    stage(&["a", "b"]);
    assert_eq!(run(&["done", "b"]).code, 0);
    assert_eq!(run(&["note", "b", "--append", "kept"]).code, 0);
    stage(&["a"]);
    let status = run(&["status"]);
    assert!(
        status.stdout.contains("1 orphaned entry"),
        "{}",
        status.stdout
    );
    // A change while it is gone keeps it.
    assert_eq!(run(&["done", "a"]).code, 0);
    stage(&["b", "a"]);
    let list = run(&["list", "--status", "done"]).stdout;
    assert!(list.contains("b\tdone\tb"), "{list}");
    assert!(list.contains("a\tdone\ta"), "{list}");
    let json: serde_json::Value =
        serde_json::from_str(&run(&["export", "--format", "json"]).stdout).unwrap();
    assert_eq!(json["stages"][0]["skills"][0]["note"], "kept");
}

#[cfg(unix)]
#[test]
fn without_a_data_dir_setting_progress_goes_to_the_platform_data_directory() {
    use std::os::unix::fs::PermissionsExt;
    // A stand-in home: never the real one.
    let home = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("roadmap")
        .unwrap()
        .env_remove("ROADMAP_DATA_DIR")
        .env_remove("XDG_DATA_HOME")
        .env("HOME", home.path())
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("ROADMAP_CONFIG_DIR")
        .args(["done", "fundamentals"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = home.path().join(".local/share/roadmap-tui");
    assert!(
        std::fs::read_to_string(dir.join("progress.toml"))
            .unwrap()
            .contains("fundamentals")
    );
    let mode = std::fs::metadata(&dir).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700);
}
