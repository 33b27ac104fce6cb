//! Typed reading of a parsed TOML table that reports every problem it meets
//! (unknown keys, wrong types, missing keys) instead of stopping at the first.

use std::fmt::Write as _;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use super::diagnostics::FileDiagnostics;

pub type Value<'i> = Spanned<DeValue<'i>>;

/// The known keys of one table, after unknown ones were reported.
pub struct Fields<'t, 'i> {
    /// Where the table starts (its header, or the file start), for "missing key" errors.
    pub span: Range<usize>,
    /// What the table is, for messages: "skill", "stage file", ...
    pub what: &'static str,
    entries: Vec<(&'t str, &'t Value<'i>)>,
}

impl<'t, 'i> Fields<'t, 'i> {
    /// Reads `table`, reporting each key not in `known` at the key itself.
    pub fn new(
        diags: &mut FileDiagnostics<'_>,
        table: &'t DeTable<'i>,
        span: Range<usize>,
        what: &'static str,
        known: &[&'static str],
    ) -> Self {
        let mut entries = Vec::with_capacity(table.len());
        for (key, value) in table {
            let name: &str = key.get_ref();
            if known.contains(&name) {
                entries.push((name, value));
            } else {
                diags.error(&key.span(), unknown_key_message(name, what, known));
            }
        }
        Self {
            span,
            what,
            entries,
        }
    }

    pub fn get(&self, key: &str) -> Option<&'t Value<'i>> {
        self.entries
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, v)| *v)
    }

    /// An optional string; reports a value of another type.
    pub fn opt_str(&self, diags: &mut FileDiagnostics<'_>, key: &str) -> Option<Spanned<String>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some(Spanned::new(value.span(), s.to_string())),
            other => {
                diags.error(
                    &value.span(),
                    format!(
                        "`{key}` in {} must be a string, found {}",
                        self.what,
                        type_name(other)
                    ),
                );
                None
            }
        }
    }

    /// A required string; reports it missing at the table's start.
    pub fn req_str(&self, diags: &mut FileDiagnostics<'_>, key: &str) -> Option<Spanned<String>> {
        if self.get(key).is_none() {
            diags.error(
                &self.span,
                format!("missing required key `{key}` in {}", self.what),
            );
            return None;
        }
        self.opt_str(diags, key)
    }

    /// A required, non-blank title-like string.
    pub fn req_title(&self, diags: &mut FileDiagnostics<'_>, key: &str) -> Option<Spanned<String>> {
        let title = self.req_str(diags, key)?;
        if title.get_ref().trim().is_empty() {
            diags.error(
                &title.span(),
                format!("`{key}` in {} must not be empty", self.what),
            );
            return None;
        }
        Some(title)
    }

    /// An optional array; reports a value of another type.
    pub fn opt_array(&self, diags: &mut FileDiagnostics<'_>, key: &str) -> Option<&'t DeArray<'i>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Array(a) => Some(a),
            other => {
                diags.error(
                    &value.span(),
                    format!(
                        "`{key}` in {} must be an array, found {}",
                        self.what,
                        type_name(other)
                    ),
                );
                None
            }
        }
    }
}

/// The tables of an array-of-tables such as `[[skill]]`; other elements are reported.
pub fn tables<'t, 'i>(
    diags: &mut FileDiagnostics<'_>,
    array: &'t DeArray<'i>,
    key: &str,
) -> Vec<(Range<usize>, &'t DeTable<'i>)> {
    let mut out = Vec::with_capacity(array.len());
    for element in array {
        match element.get_ref() {
            DeValue::Table(t) => out.push((element.span(), t)),
            other => diags.error(
                &element.span(),
                format!("each `{key}` must be a table, found {}", type_name(other)),
            ),
        }
    }
    out
}

pub fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

fn unknown_key_message(name: &str, what: &str, known: &[&str]) -> String {
    let mut message = format!("unknown key `{name}` in {what}");
    let closest = known
        .iter()
        .map(|k| (strsim::jaro_winkler(name, k), *k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let _ = match closest {
        Some((_, k)) => write!(message, " (did you mean `{k}`?)"),
        None => write!(message, " (expected one of: {})", known.join(", ")),
    };
    message
}
