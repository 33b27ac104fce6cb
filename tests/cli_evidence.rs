//! Evidence from the command line: `roadmap link` and `unlink`, and the
//! links in both exports.

mod common;

use common::cli::roadmap;

#[test]
fn link_adds_evidence_that_both_exports_show_and_unlink_removes_it() {
    let data = tempfile::tempdir().unwrap();
    let pr = "https://github.com/me/repo/pull/12";
    let run = roadmap(
        data.path(),
        &["link", "fundamentals", pr, "--title", "My first merged PR"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("linked"), "{}", run.stdout);
    assert_eq!(
        roadmap(data.path(), &["link", "fundamentals", "~/talks/pycon.pdf"]).code,
        0
    );

    let json = roadmap(data.path(), &["export", "--format", "json"]).stdout;
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let evidence = &doc["stages"][0]["skills"][0]["evidence"];
    assert_eq!(evidence[0]["url"], pr);
    assert_eq!(evidence[0]["title"], "My first merged PR");
    assert!(evidence[0]["added"].as_str().unwrap().ends_with('Z'));
    assert_eq!(evidence[1]["url"], "~/talks/pycon.pdf");
    assert!(evidence[1]["title"].is_null());
    assert_eq!(
        doc["stages"][0]["skills"][1]["evidence"],
        serde_json::json!([])
    );

    let md = roadmap(data.path(), &["export", "--format", "md"]).stdout;
    assert!(
        md.contains(&format!(
            "  - Evidence: [My first merged PR](<{pr}>) (added "
        )),
        "{md}"
    );
    assert!(
        md.contains("  - Evidence: `~/talks/pycon.pdf` (added "),
        "{md}"
    );

    let run = roadmap(data.path(), &["unlink", "fundamentals", pr]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = roadmap(data.path(), &["export", "--format", "json"]).stdout;
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let evidence = doc["stages"][0]["skills"][0]["evidence"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(evidence.len(), 1, "{evidence:?}");
    // Gone, and said so the second time.
    let again = roadmap(data.path(), &["unlink", "fundamentals", pr]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("has no link"), "{}", again.stderr);
}

#[test]
fn what_is_neither_a_url_nor_a_path_is_refused_with_exit_2() {
    let data = tempfile::tempdir().unwrap();
    for bad in ["my project", "https://", "see the wiki"] {
        let run = roadmap(data.path(), &["link", "fundamentals", bad]);
        assert_eq!(run.code, 2, "{bad}");
        assert!(run.stderr.contains("neither a URL"), "{}", run.stderr);
    }
    assert!(
        !data.path().join("progress.toml").exists(),
        "nothing written"
    );
    let unknown = roadmap(data.path(), &["link", "fundamentls", "https://x.org"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("did you mean"),
        "{}",
        unknown.stderr
    );
}
