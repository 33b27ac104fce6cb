use super::diagram::{self, Diagram};
use super::*;
use crate::content::ids::is_slug;

fn topic(id: &str, kind: &str, label: &str, x: f64, y: f64) -> String {
    format!(
        r#"{{"id": "{id}", "type": "{kind}", "position": {{"x": {x}, "y": {y}}},
            "width": 200, "height": 50, "data": {{"label": "{label}"}}}}"#
    )
}

fn edge(source: &str, target: &str, style: &str) -> String {
    format!(r#"{{"source": "{source}", "target": "{target}", {style}}}"#)
}

const SOLID: &str = r#""data": {"edgeStyle": "solid"}"#;
const DASHED: &str = r#""data": {"edgeStyle": "dashed"}"#;

fn diagram(nodes: &[String], edges: &[String]) -> Diagram {
    let text = format!(
        r#"{{"nodes": [{}], "edges": [{}]}}"#,
        nodes.join(","),
        edges.join(",")
    );
    diagram::parse(&text, "d.json").unwrap()
}

/// Each group as "Topic: sub, sub".
fn outline(d: &Diagram) -> Vec<String> {
    d.groups
        .iter()
        .map(|g| {
            let subs: Vec<&str> = g.subtopics.iter().map(|s| s.label.as_str()).collect();
            format!("{}: {}", g.topic.label, subs.join(", "))
        })
        .collect()
}

#[test]
fn node_ids_become_distinct_slugs_even_when_only_case_differs() {
    let ids = [
        "Ab",
        "aB",
        "ab",
        "a_b",
        "a-b",
        "_x",
        "-x",
        "Lk8Ds2Mf5Gh1Jq7Wz3Xc9",
    ];
    let slugs: Vec<String> = ids.iter().map(|id| node_id(id)).collect();
    for slug in &slugs {
        assert!(is_slug(slug), "{slug}");
    }
    let unique: std::collections::HashSet<&String> = slugs.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{slugs:?}");
    assert_eq!(node_id("Lk8Ds2Mf5Gh1Jq7Wz3Xc9"), slugs[7], "stable");
    assert!(
        slugs[7].starts_with("nlk8ds2mf5gh1jq7wz3xc9-"),
        "{}",
        slugs[7]
    );
    let odd = node_id("a node/with spaces");
    assert!(is_slug(&odd) && odd.starts_with('h'), "{odd}");
}

#[test]
fn the_spine_is_followed_even_where_it_runs_against_the_page() {
    // The solid path goes A → C → B although B sits above C; a loose topic
    // D (no edge) is slotted in by its place.
    let d = diagram(
        &[
            topic("A", "topic", "A", 0.0, 0.0),
            topic("B", "topic", "B", 0.0, 200.0),
            topic("C", "topic", "C", 0.0, 300.0),
            topic("D", "topic", "D", 400.0, 100.0),
        ],
        &[edge("A", "C", SOLID), edge("C", "B", SOLID)],
    );
    assert_eq!(outline(&d), ["A: ", "D: ", "C: ", "B: "]);
}

#[test]
fn subtopics_follow_their_edges_else_the_nearest_topic() {
    let d = diagram(
        &[
            topic("T1", "topic", "One", 0.0, 0.0),
            topic("T2", "topic", "Two", 0.0, 400.0),
            // Near One but linked (through another subtopic) to Two.
            topic("s1", "subtopic", "Linked far", 300.0, 10.0),
            topic("s2", "subtopic", "Chain", 300.0, 380.0),
            // No edge: the nearest topic is Two.
            topic("s3", "subtopic", "Loose", -300.0, 350.0),
        ],
        &[
            edge("T1", "T2", SOLID),
            edge("T2", "s2", r#""style": {"strokeDasharray": "0.8 8"}"#),
            edge("s2", "s1", DASHED),
        ],
    );
    assert_eq!(outline(&d), ["One: ", "Two: Linked far, Loose, Chain"]);
}

#[test]
fn a_copy_at_the_same_place_is_kept_once_preferring_the_linked_one() {
    let d = diagram(
        &[
            topic("old", "topic", "Same", 0.0, 100.0),
            topic("new", "topic", "Same", 4.0, 102.0),
            topic("far", "topic", "Same", 0.0, 600.0),
            topic("x", "subtopic", "Sub", 300.0, 100.0),
        ],
        &[edge("new", "x", DASHED)],
    );
    let ids: Vec<&str> = d.groups.iter().map(|g| g.topic.id.as_str()).collect();
    assert_eq!(ids, ["new", "far"], "a copy elsewhere is another node");
}

#[test]
fn decoration_and_unlabelled_nodes_are_not_read() {
    let d = diagram(
        &[
            topic("t", "title", "The Title", 0.0, 0.0),
            topic("l", "label", "Caption", 0.0, 50.0),
            topic("b", "button", "Click", 0.0, 60.0),
            topic("q", "todo", "Unknown kind", 0.0, 70.0),
            r#"{"id": "e", "type": "topic", "data": {"label": "  "}}"#.to_string(),
            r#"{"id": "f", "type": "topic", "data": {}}"#.to_string(),
            topic("k", "topic", "Kept", 0.0, 100.0),
        ],
        &[],
    );
    assert_eq!(outline(&d), ["Kept: "]);
    assert_eq!(d.title.as_deref(), Some("The Title"));
}

#[test]
fn bad_json_is_reported_at_its_line_and_column() {
    let err = diagram::parse("{\"nodes\": [\n  {\"id\": }\n]}", "x/d.json").unwrap_err();
    let ImportError::Input(message) = err else {
        panic!("not an input error: {err:?}");
    };
    assert_eq!(message, "x/d.json:2:10: invalid JSON: expected value");
    let err = diagram::parse(r#"{"nodes": "x"}"#, "d.json").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("d.json:1:13: not a roadmap.sh diagram: invalid type"),
        "{err}"
    );
}

#[test]
fn topics_without_subtopics_in_a_row_share_a_stage() {
    let d = diagram(
        &[
            topic("a", "topic", "Alone 1", 0.0, 0.0),
            topic("b", "topic", "Alone 2", 0.0, 100.0),
            topic("c", "topic", "Parent", 0.0, 200.0),
            topic("c1", "subtopic", "Child", 300.0, 200.0),
            topic("d", "topic", "Alone 3", 0.0, 300.0),
        ],
        &[edge("c", "c1", DASHED)],
    );
    let stages = stages(&d.groups, |_| Ok(Prose::default())).unwrap();
    let shape: Vec<(String, Vec<String>)> = stages
        .iter()
        .map(|s| {
            (
                s.title.clone(),
                s.skills.iter().map(|k| k.title.clone()).collect(),
            )
        })
        .collect();
    let expected = [
        ("Topics", vec!["Alone 1", "Alone 2"]),
        ("Parent", vec!["Child"]),
        ("Topics", vec!["Alone 3"]),
    ];
    let expected: Vec<(String, Vec<String>)> = expected
        .iter()
        .map(|(t, s)| (t.to_string(), s.iter().map(ToString::to_string).collect()))
        .collect();
    assert_eq!(shape, expected);
    let stage_ids: std::collections::HashSet<&str> = stages.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(stage_ids.len(), 3, "stage ids are unique");
}

#[test]
fn a_topics_resources_follow_its_prose_in_the_summary() {
    let prose = Prose {
        body: Some("What it is.".into()),
        links: vec![Link {
            title: "Docs".into(),
            url: "https://example.org".into(),
        }],
    };
    assert_eq!(
        summary(prose).as_deref(),
        Some("What it is.\n- Docs: https://example.org")
    );
    assert_eq!(summary(Prose::default()), None);
}

#[test]
fn front_matter_gives_title_and_description_unquoted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.md");
    fs::write(
        &path,
        "---\njsonUrl: '/jsons/x.json'\ntitle: 'It''s Git'\ndescription: \"Learn: it\"\n\
         order: 3\n---\n\ntitle: not front matter\n",
    )
    .unwrap();
    let front = front_matter(&path).unwrap();
    assert_eq!(front.title.as_deref(), Some("It's Git"));
    assert_eq!(front.description.as_deref(), Some("Learn: it"));
    assert_eq!(
        front_matter(&dir.path().join("missing.md")).unwrap(),
        FrontMatter::default()
    );
}
