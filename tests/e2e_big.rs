//! A big roadmap opens at once, with its own file and first stage, and loads
//! the rest behind that first frame: what the user sees and does must be the
//! same as without it.
// Driven through a Unix pseudo-terminal, with Unix signals and shell scripts.
#![cfg(unix)]

mod common;

#[path = "../benches/support/gen.rs"]
mod generator;

use common::pty::Pty;

const ENTER: &str = "\r";
const ESC: &str = "\x1b";

struct Big {
    _tmp: tempfile::TempDir,
    content: std::path::PathBuf,
    data: std::path::PathBuf,
}

fn big() -> Big {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let data = tmp.path().join("data");
    generator::write_pack(&content, 1_000).unwrap();
    Big {
        _tmp: tmp,
        content,
        data,
    }
}

fn open(big: &Big) -> Pty {
    Pty::spawn(
        &["--content", big.content.to_str().unwrap()],
        &big.data,
        120,
        40,
    )
}

#[test]
fn a_draft_is_offered_only_after_the_keys_typed_while_loading() {
    let big = big();
    let mut first = open(&big);
    first.wait_for("Skill 0: a topic worth learning well");
    first.send("q");
    first.wait_exit();
    // A draft left from an earlier run, on the first stage's first skill.
    let file = big.data.join("progress.toml");
    let mut text = std::fs::read_to_string(&file).unwrap_or_else(|_| "version = 1\n".into());
    text.push_str("\n[roadmaps.generated.skills.skill-00000.draft]\ntext = \"half a thought\"\nsaved = \"2026-11-18T09:46:40Z\"\n");
    std::fs::write(&file, text).unwrap();
    // This start offers the draft, kept for later.
    let mut second = open(&big);
    second.wait_for("Recovered draft");
    // A question that comes unasked takes answers once it can have been read.
    std::thread::sleep(std::time::Duration::from_millis(400));
    second.send(ESC);
    second.wait_gone("Recovered draft");
    second.send("q");
    second.wait_exit();

    let mut third = open(&big);
    third.send(&format!("j{ENTER}"));
    third.wait_for("Recovered draft");
    // The keys went to the roadmap, not to the question.
    third.wait_for("Skills · Stage 2");
    third.wait_for("Esc not now");
    std::thread::sleep(std::time::Duration::from_millis(400));
    third.send("y");
    third.wait_for("half a thought");
    third.send(ESC);
    third.wait_gone("Note · Skill 0");
    third.send("q");
    assert_eq!(third.wait_exit(), 0);
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("note = \"half a thought\""), "{saved}");
}

#[test]
fn keys_typed_while_loading_mean_what_they_would_have_meant() {
    let big = big();
    let mut first = open(&big);
    first.send(&format!("j{ENTER} "));
    first.wait_for("[x] Skill 100:");
    first.wait_for("1/100");
    first.send("q");
    assert_eq!(first.wait_exit(), 0);
    let progress = std::fs::read_to_string(big.data.join("progress.toml")).unwrap();
    assert!(
        progress.contains("[roadmaps.generated.skills.skill-00100]"),
        "{progress}"
    );
}

#[test]
fn a_broken_big_pack_is_reported_where_it_is_broken_even_after_a_first_frame() {
    // The first frame comes from the roadmap's own file: a problem in a
    // stage is found by the load behind it, and reported as ever.
    let big = big();
    let stage = big.content.join("stages/0005.toml");
    let text = std::fs::read_to_string(&stage).unwrap().replacen(
        "title = \"Skill 501: a topic worth learning well\"",
        "title = \"\"",
        1,
    );
    std::fs::write(&stage, text).unwrap();
    let mut app = open(&big);
    assert_eq!(app.wait_exit(), 2);
    let screen = app.screen();
    assert!(
        screen.contains("stages/0005.toml:") && screen.contains("must not be empty"),
        "{screen}"
    );
}
