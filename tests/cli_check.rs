//! `roadmap check` as a user runs it: exit codes and what it prints.

mod common;

use common::fixture;

use assert_cmd::Command;

fn roadmap() -> Command {
    let mut cmd = Command::cargo_bin("roadmap").unwrap();
    let data = std::env::temp_dir().join("roadmap-tui-tests-unused-data");
    cmd.env("ROADMAP_DATA_DIR", &data)
        .env("ROADMAP_CONFIG_DIR", data.join("config"))
        .env("NO_COLOR", "1");
    cmd
}

#[test]
fn check_on_the_shipped_roadmap_prints_the_summary_and_succeeds() {
    let out = roadmap().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "3 stages, 9 skills, 8 checklist items, 4 tips, 5 strategies\n"
    );
}

#[test]
fn check_accepts_a_directory_argument_or_the_global_content_option() {
    let dir = fixture("good/rust-journey");
    let expected = "2 stages, 4 skills, 5 checklist items, 0 tips, 1 strategy\n";
    for args in [
        vec!["check".into(), dir.clone().into_os_string()],
        vec![
            "--content".into(),
            dir.clone().into_os_string(),
            "check".into(),
        ],
        vec![
            "check".into(),
            "--content".into(),
            dir.clone().into_os_string(),
        ],
    ] {
        let out = roadmap().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), expected, "{args:?}");
    }
}

#[test]
fn every_bad_fixture_fails_with_path_line_col_and_no_panic() {
    let bad = fixture("bad");
    let mut dirs: Vec<_> = std::fs::read_dir(&bad)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 10, "at least ten bad fixtures");
    for dir in dirs {
        let out = roadmap().arg("check").arg(&dir).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {stderr}", dir.display());
        assert!(out.stdout.is_empty(), "{}", dir.display());
        assert!(!stderr.contains("panicked"), "{stderr}");
        let first = stderr.lines().next().unwrap_or_default();
        let prefix = dir.display().to_string();
        assert!(first.starts_with(&prefix), "{first}");
        // `path:line:col: message`
        let rest = &first[prefix.len()..];
        let mut parts = rest.splitn(4, ':');
        let _file = parts.next();
        let line: usize = parts.next().unwrap().parse().expect(first);
        let col: usize = parts.next().unwrap().parse().expect(first);
        assert!(line >= 1 && col >= 1, "{first}");
        assert!(parts.next().is_some_and(|m| m.len() > 2), "{first}");
    }
}

#[test]
fn check_prints_every_problem_and_a_count() {
    let out = roadmap()
        .arg("check")
        .arg(fixture("bad/many-problems"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.lines().filter(|l| l.contains(".toml:")).count(),
        7,
        "{stderr}"
    );
    assert!(
        stderr.ends_with("error: the content has 7 problems\n"),
        "{stderr}"
    );
}

#[test]
fn a_path_that_is_a_file_is_refused_clearly() {
    let out = roadmap()
        .arg("check")
        .arg(fixture("good/rust-journey/roadmap.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a directory"));
}

#[test]
fn a_line_break_in_a_quoted_value_cannot_forge_a_problem_line() {
    let dir = common::small_pack(
        "id = \"s\"\ntitle = \"S\"\n[[skill]]\nid = \"a\\nroadmap.toml:1:1: forged\"\ntitle = \"A\"\n",
    );
    let out = roadmap().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 2, "one problem, one line: {stderr}");
    assert!(
        stderr.lines().next().unwrap().contains("stages/01.toml:4:"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_pipe_or_a_broken_link_in_a_pack_is_reported_not_waited_on() {
    let dir = common::small_pack("id = \"s\"\ntitle = \"S\"\n");
    let tips = dir.path().join("tips.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&tips)
        .status()
        .unwrap();
    assert!(made.success());
    std::os::unix::fs::symlink(
        dir.path().join("nowhere"),
        dir.path().join("stages/02.toml"),
    )
    .unwrap();
    let out = roadmap()
        .arg("check")
        .arg(dir.path())
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "finished, and refused");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("tips.toml:1:1: not a regular file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("stages/02.toml:1:1: broken symbolic link"),
        "{stderr}"
    );
}

#[test]
fn a_key_given_twice_is_named() {
    let dir = common::small_pack(
        "id = \"s\"\ntitle = \"S\"\n[[skill]]\nid = \"a\"\ntitle = \"A\"\nid = \"b\"\n",
    );
    let out = roadmap().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("stages/01.toml:6:1: invalid TOML: duplicate key `id`"),
        "{stderr}"
    );
}
