//! The diagram `<id>.json` (a React Flow dump) read as topics in reading
//! order, each with its subtopics. Layout, styling and decoration are ignored.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet, VecDeque};

use serde::Deserialize;
use serde_json::Value;

use crate::import::ImportError;

/// Two copies of one label closer than this (in diagram pixels, on both
/// axes) are one node left twice by the editor.
const SAME_PLACE: f64 = 16.0;

/// A labelled `topic` or `subtopic` node.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: String,
    pub label: String,
    x: f64,
    y: f64,
    width: f64,
    height: f64,
}

/// A topic and its subtopics, each in reading order.
#[derive(Debug, PartialEq)]
pub struct Group {
    pub topic: Node,
    pub subtopics: Vec<Node>,
}

/// What the importer takes from a diagram.
#[derive(Debug)]
pub struct Diagram {
    /// The `title` node's label, if there is one.
    pub title: Option<String>,
    /// Topics along the spine, top to bottom, then left to right.
    pub groups: Vec<Group>,
}

/// Only the two lists matter; every node and edge is read leniently from
/// its JSON so that one odd field never rejects a whole diagram.
#[derive(Deserialize)]
struct Raw {
    #[serde(default)]
    nodes: Vec<Value>,
    #[serde(default)]
    edges: Vec<Value>,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Topic,
    Subtopic,
}

struct Edge {
    source: String,
    target: String,
    dashed: bool,
}

/// Reads the diagram in `text`; `path` names the file in messages.
pub fn parse(text: &str, path: &str) -> Result<Diagram, ImportError> {
    let raw: Raw = serde_json::from_str(text).map_err(|e| json_error(path, &e))?;
    let title = raw
        .nodes
        .iter()
        .find(|n| str_at(n, &["type"]) == Some("title"))
        .and_then(label);
    let mut nodes = learnable_nodes(&raw.nodes);
    let edges: Vec<Edge> = raw.edges.iter().filter_map(edge).collect();
    let alias = drop_copies(&mut nodes, &edges);
    let edges: Vec<Edge> = edges
        .into_iter()
        .map(|e| Edge {
            source: alias.get(&e.source).cloned().unwrap_or(e.source),
            target: alias.get(&e.target).cloned().unwrap_or(e.target),
            dashed: e.dashed,
        })
        .filter(|e| e.source != e.target)
        .collect();
    Ok(Diagram {
        title,
        groups: group(nodes, &edges),
    })
}

/// `path:line:col: what`, without `serde_json`'s own "at line … column …".
fn json_error(path: &str, e: &serde_json::Error) -> ImportError {
    let (line, col) = (e.line(), e.column());
    let text = e.to_string();
    let what = text
        .strip_suffix(&format!(" at line {line} column {col}"))
        .unwrap_or(&text);
    let kind = match e.classify() {
        serde_json::error::Category::Data => "not a roadmap.sh diagram",
        _ => "invalid JSON",
    };
    ImportError::Input(format!("{path}:{line}:{col}: {kind}: {what}"))
}

/// Labelled topics and subtopics, in file order; a repeated node id is the
/// same node, so only its first entry counts.
fn learnable_nodes(raw: &[Value]) -> Vec<(Kind, Node)> {
    let mut seen = HashSet::new();
    let mut nodes = Vec::new();
    for value in raw {
        let kind = match str_at(value, &["type"]) {
            Some("topic") => Kind::Topic,
            Some("subtopic") => Kind::Subtopic,
            _ => continue,
        };
        let (Some(id), Some(label)) = (str_at(value, &["id"]), label(value)) else {
            continue;
        };
        if id.is_empty() || !seen.insert(id.to_string()) {
            continue;
        }
        let at = if value.get("positionAbsolute").is_some_and(Value::is_object) {
            "positionAbsolute"
        } else {
            "position"
        };
        nodes.push((
            kind,
            Node {
                id: id.to_string(),
                label,
                x: num_at(value, &[at, "x"]),
                y: num_at(value, &[at, "y"]),
                width: num_at(value, &["width"]),
                height: num_at(value, &["height"]),
            },
        ));
    }
    nodes
}

/// The node's label with its whitespace runs made single spaces; none if blank.
fn label(value: &Value) -> Option<String> {
    let text = str_at(value, &["data", "label"])?;
    let label = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!label.is_empty()).then_some(label)
}

fn edge(value: &Value) -> Option<Edge> {
    let source = str_at(value, &["source"])?.to_string();
    let target = str_at(value, &["target"])?.to_string();
    // Older edges say "dashed" only through their stroke pattern.
    let dashed = match str_at(value, &["data", "edgeStyle"]) {
        Some(style) => style == "dashed",
        None => str_at(value, &["style", "strokeDasharray"]).is_some_and(|d| !d.trim().is_empty()),
    };
    Some(Edge {
        source,
        target,
        dashed,
    })
}

fn str_at<'a>(value: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter()
        .try_fold(value, |v, key| v.get(key))
        .and_then(Value::as_str)
}

fn num_at(value: &Value, path: &[&str]) -> f64 {
    path.iter()
        .try_fold(value, |v, key| v.get(key))
        .and_then(Value::as_f64)
        .filter(|n| n.is_finite())
        .unwrap_or(0.0)
}

/// Removes the second of two nodes of one kind and label at one place,
/// keeping the one that has edges (else the first); returns dropped id →
/// kept id, so edges to a stale copy still count.
fn drop_copies(nodes: &mut Vec<(Kind, Node)>, edges: &[Edge]) -> HashMap<String, String> {
    let linked: HashSet<&str> = edges
        .iter()
        .flat_map(|e| [e.source.as_str(), e.target.as_str()])
        .collect();
    let mut alias = HashMap::new();
    let mut kept: Vec<(Kind, Node)> = Vec::with_capacity(nodes.len());
    for (kind, node) in nodes.drain(..) {
        let copy = kept.iter_mut().find(|(k, n)| {
            *k == kind
                && n.label == node.label
                && (n.x - node.x).abs() <= SAME_PLACE
                && (n.y - node.y).abs() <= SAME_PLACE
        });
        match copy {
            Some((_, first)) => {
                if linked.contains(node.id.as_str()) && !linked.contains(first.id.as_str()) {
                    alias.insert(first.id.clone(), node.id.clone());
                    *first = node;
                } else {
                    alias.insert(node.id.clone(), first.id.clone());
                }
            }
            None => kept.push((kind, node)),
        }
    }
    *nodes = kept;
    alias
}

/// Top to bottom, then left to right.
fn reading(a: &Node, b: &Node) -> Ordering {
    a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x))
}

fn distance(a: &Node, b: &Node) -> f64 {
    let dx = (a.x + a.width / 2.0) - (b.x + b.width / 2.0);
    let dy = (a.y + a.height / 2.0) - (b.y + b.height / 2.0);
    dx.hypot(dy)
}

/// Topics in spine order, each with the subtopics that belong to it.
fn group(nodes: Vec<(Kind, Node)>, edges: &[Edge]) -> Vec<Group> {
    let (topics, subtopics): (Vec<_>, Vec<_>) =
        nodes.into_iter().partition(|(k, _)| *k == Kind::Topic);
    let topics: Vec<Node> = topics.into_iter().map(|(_, n)| n).collect();
    let mut subtopics: Vec<Node> = subtopics.into_iter().map(|(_, n)| n).collect();
    let order = spine_order(&topics, edges);
    let mut groups: Vec<Group> = order
        .iter()
        .map(|&i| Group {
            topic: topics[i].clone(),
            subtopics: Vec::new(),
        })
        .collect();
    if groups.is_empty() {
        return groups;
    }
    subtopics.sort_by(reading);
    let at: HashMap<&str, usize> = groups
        .iter()
        .enumerate()
        .map(|(g, group)| (group.topic.id.as_str(), g))
        .collect();
    let is_sub: HashSet<&str> = subtopics.iter().map(|s| s.id.as_str()).collect();
    let owners: Vec<usize> = subtopics
        .iter()
        .map(|s| owner(s, &groups, &at, &is_sub, edges))
        .collect();
    for (sub, g) in subtopics.into_iter().zip(owners) {
        groups[g].subtopics.push(sub);
    }
    groups
}

/// Indices into `topics`: a walk along solid topic-to-topic edges (the
/// spine, in either direction, nearer-the-top branch first), with topics
/// that have no such edge slotted in by their place in the diagram.
fn spine_order(topics: &[Node], edges: &[Edge]) -> Vec<usize> {
    let index: HashMap<&str, usize> = topics
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); topics.len()];
    for e in edges.iter().filter(|e| !e.dashed) {
        if let (Some(&a), Some(&b)) = (index.get(e.source.as_str()), index.get(e.target.as_str())) {
            next[a].push(b);
            next[b].push(a);
        }
    }
    let by_place = |a: &usize, b: &usize| reading(&topics[*a], &topics[*b]);
    for list in &mut next {
        list.sort_by(by_place);
        list.dedup();
    }
    let mut sorted: Vec<usize> = (0..topics.len()).collect();
    sorted.sort_by(by_place);
    let mut visited = vec![false; topics.len()];
    let mut spine = Vec::new();
    for &start in sorted.iter().filter(|&&i| !next[i].is_empty()) {
        let mut stack = vec![start];
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut visited[i], true) {
                continue;
            }
            spine.push(i);
            stack.extend(next[i].iter().rev().filter(|&&j| !visited[j]));
        }
    }
    let loose: Vec<usize> = sorted.into_iter().filter(|&i| next[i].is_empty()).collect();
    merge(&spine, &loose, |a, b| by_place(a, b) == Ordering::Less)
}

/// `spine` with each of `loose` (sorted) placed before the first spine
/// entry it comes before, keeping the spine's own order.
fn merge(spine: &[usize], loose: &[usize], before: impl Fn(&usize, &usize) -> bool) -> Vec<usize> {
    let mut out = Vec::with_capacity(spine.len() + loose.len());
    let mut loose = loose.iter().peekable();
    for s in spine {
        while let Some(l) = loose.next_if(|l| before(l, s)) {
            out.push(*l);
        }
        out.push(*s);
    }
    out.extend(loose);
    out
}

/// The group a subtopic belongs to: the nearest topic among those fewest
/// edges away (through other subtopics), else the nearest topic of all.
fn owner(
    sub: &Node,
    groups: &[Group],
    at: &HashMap<&str, usize>,
    is_sub: &HashSet<&str>,
    edges: &[Edge],
) -> usize {
    let mut seen: HashSet<&str> = HashSet::from([sub.id.as_str()]);
    let mut layer: VecDeque<&str> = VecDeque::from([sub.id.as_str()]);
    while !layer.is_empty() {
        let mut reached = Vec::new();
        let mut following = VecDeque::new();
        for id in layer.drain(..) {
            for e in edges {
                let other = if e.source == id {
                    e.target.as_str()
                } else if e.target == id {
                    e.source.as_str()
                } else {
                    continue;
                };
                if let Some(&g) = at.get(other) {
                    reached.push(g);
                } else if is_sub.contains(other) && seen.insert(other) {
                    following.push_back(other);
                }
            }
        }
        if let Some(g) = nearest(sub, groups, reached) {
            return g;
        }
        layer = following;
    }
    nearest(sub, groups, 0..groups.len()).unwrap_or(0)
}

fn nearest(sub: &Node, groups: &[Group], among: impl IntoIterator<Item = usize>) -> Option<usize> {
    among.into_iter().min_by(|&a, &b| {
        distance(sub, &groups[a].topic)
            .total_cmp(&distance(sub, &groups[b].topic))
            .then(a.cmp(&b))
    })
}
