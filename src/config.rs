//! The config file: key remaps, the theme and the mouse. Every mistake is
//! reported at its `path:line:col`, never skipped.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use ratatui::style::Color;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::app::keymap::{self, Key, Keymap};
use crate::content::diagnostics::{Diagnostic, FileDiagnostics, LoadError};
use crate::ui::theme::{Palette, Role};

/// Where the config file is looked for instead of the platform's directory.
pub const CONFIG_DIR_ENV: &str = "ROADMAP_CONFIG_DIR";
pub const CONFIG_FILE: &str = "config.toml";

/// The three themes `theme =` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    None,
}

#[derive(Debug, Clone, Default)]
pub struct Config {
    pub keymap: Keymap,
    pub theme: ThemeName,
    pub palette: Palette,
    /// Mouse reporting; off keeps the terminal's own text selection.
    pub mouse: bool,
}

/// `$ROADMAP_CONFIG_DIR/config.toml`, else the platform's config directory's.
pub fn path() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join(CONFIG_FILE));
    }
    directories::ProjectDirs::from("", "", "roadmap-tui").map(|d| d.config_dir().join(CONFIG_FILE))
}

/// The config at `path`: the defaults when there is no file.
pub fn load(path: &Path) -> Result<Config, LoadError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        // No file (or a path through a file, where none can be): the defaults.
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            return Ok(Config::defaults());
        }
        Err(e) => {
            return Err(LoadError {
                diagnostics: vec![Diagnostic {
                    path: path.display().to_string(),
                    line: 1,
                    col: 1,
                    message: format!("cannot read the config file: {e}"),
                }],
            });
        }
    };
    parse(&path.display().to_string(), &text)
}

impl Config {
    pub fn defaults() -> Config {
        Config {
            keymap: Keymap::default(),
            theme: ThemeName::Dark,
            palette: Palette::DARK,
            mouse: true,
        }
    }
}

const TOP_KEYS: &[&str] = &["keys", "theme", "colors", "mouse"];

/// Reads a config file's text; `path` names it in messages.
pub fn parse(path: &str, text: &str) -> Result<Config, LoadError> {
    let mut diags = FileDiagnostics::new(path, text);
    let (root, errors) = DeTable::parse_recoverable(text);
    for error in errors {
        diags.error(
            &error.span().unwrap_or(0..0),
            error.message().trim().to_string(),
        );
    }
    let mut config = Config::defaults();
    let root = root.into_inner();
    // The theme first: colour overrides apply on top of it.
    if let Some((_, value)) = root.iter().find(|(k, _)| k.get_ref() == "theme") {
        config.theme = theme(&mut diags, value);
        config.palette = match config.theme {
            ThemeName::Dark | ThemeName::None => Palette::DARK,
            ThemeName::Light => Palette::LIGHT,
        };
    }
    for (key, value) in &root {
        match key.get_ref().as_ref() {
            "theme" => {}
            "mouse" => match value.get_ref() {
                DeValue::Boolean(on) => config.mouse = *on,
                _ => diags.error(&value.span(), "mouse is true or false"),
            },
            "keys" => match value.get_ref() {
                DeValue::Table(table) => remaps(&mut diags, table, &mut config.keymap),
                _ => diags.error(&value.span(), "[keys] is a table: action = [\"key\", ...]"),
            },
            "colors" => match value.get_ref() {
                DeValue::Table(table) => colors(&mut diags, table, &mut config.palette),
                _ => diags.error(&value.span(), "[colors] is a table: role = \"colour\""),
            },
            other => diags.error(
                &key.span(),
                unknown("setting", other, TOP_KEYS.iter().copied()),
            ),
        }
    }
    if diags.found.is_empty() {
        return Ok(config);
    }
    let mut diagnostics = diags.found;
    diagnostics.sort_by_key(|d| (d.line, d.col));
    Err(LoadError { diagnostics })
}

fn theme(diags: &mut FileDiagnostics<'_>, value: &Spanned<DeValue<'_>>) -> ThemeName {
    match value.get_ref() {
        DeValue::String(s) if s == "dark" => ThemeName::Dark,
        DeValue::String(s) if s == "light" => ThemeName::Light,
        DeValue::String(s) if s == "none" => ThemeName::None,
        DeValue::String(s) => {
            diags.error(
                &value.span(),
                unknown("theme", s, ["dark", "light", "none"].into_iter()),
            );
            ThemeName::Dark
        }
        _ => {
            diags.error(&value.span(), "theme is \"dark\", \"light\" or \"none\"");
            ThemeName::Dark
        }
    }
}

fn remaps(diags: &mut FileDiagnostics<'_>, table: &DeTable<'_>, keymap: &mut Keymap) {
    let mut remapped = Vec::new();
    for (name, value) in table {
        let name_str: &str = name.get_ref();
        if !keymap::action_names().any(|n| n == name_str) {
            diags.error(
                &name.span(),
                unknown("action", name_str, keymap::action_names()),
            );
            continue;
        }
        let DeValue::Array(list) = value.get_ref() else {
            diags.error(
                &value.span(),
                format!("{name_str} takes a list of keys: {name_str} = [\"x\"]"),
            );
            continue;
        };
        let mut keys = Vec::new();
        let mut bad = false;
        for element in list {
            let parsed = match element.get_ref() {
                DeValue::String(s) => Key::parse(s).ok_or_else(|| {
                    format!("unknown key name {s:?} (keys are written like \"x\", \"ctrl-s\", \"alt-x\", \"enter\", \"esc\", \"tab\", \"space\", \"up\", \"pagedown\", \"f5\")")
                }),
                _ => Err("a key is a string, such as \"x\" or \"ctrl-s\"".to_string()),
            };
            match parsed {
                Ok(key) => keys.push(key),
                Err(why) => {
                    bad = true;
                    diags.error(&element.span(), why);
                }
            }
        }
        if bad {
            continue;
        }
        if keys.is_empty() {
            diags.error(&value.span(), format!("{name_str} needs at least one key"));
            continue;
        }
        if let Err(why) = keymap.remap(name_str, &keys) {
            diags.error(&value.span(), why);
        }
        remapped.push((name_str.to_string(), value.span()));
    }
    // A key two actions share is reported where it was given.
    for (name, span) in remapped {
        if let Some(clash) = keymap.clash(&name) {
            diags.error(&span, clash);
        }
    }
}

fn colors(diags: &mut FileDiagnostics<'_>, table: &DeTable<'_>, palette: &mut Palette) {
    for (name, value) in table {
        let name_str: &str = name.get_ref();
        let Some(role) = Role::ALL.iter().copied().find(|r| r.name() == name_str) else {
            diags.error(
                &name.span(),
                unknown("colour", name_str, Role::ALL.iter().map(|r| r.name())),
            );
            continue;
        };
        match value.get_ref() {
            DeValue::String(s) => match Color::from_str(s) {
                Ok(color) => palette.set(role, color),
                Err(_) => diags.error(
                    &value.span(),
                    format!("bad colour {s:?}: a name (\"red\", \"lightblue\"), \"#rrggbb\" or a number 0–255"),
                ),
            },
            _ => diags.error(&value.span(), "a colour is a string, such as \"blue\" or \"#5fafff\""),
        }
    }
}

/// `unknown action "quitt" (did you mean "quit"?)`.
fn unknown<'a>(what: &str, name: &str, known: impl Iterator<Item = &'a str>) -> String {
    let best = known
        .map(|k| (strsim::jaro_winkler(name, k), k))
        .filter(|(score, _)| *score >= 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((_, k)) => format!("unknown {what} {name:?} (did you mean {k:?}?)"),
        None => format!("unknown {what} {name:?}"),
    }
}

/// The file `roadmap config init` writes: every action with its default
/// keys, commented out, so it changes nothing until edited.
pub fn template() -> String {
    let mut out = String::from(
        "# roadmap-tui's config. Uncomment a line to change it; mistakes are reported\n\
         # as config.toml:LINE:COL when roadmap starts.\n\n\
         # \"dark\", \"light\" (for light terminal backgrounds) or \"none\" (no colours).\n\
         # theme = \"dark\"\n\n\
         # Mouse clicks and wheel; false keeps the terminal's own text selection.\n\
         # mouse = true\n\n\
         # Colours over the theme's: a name (\"red\", \"lightblue\"), \"#rrggbb\" or 0–255.\n\
         [colors]\n",
    );
    for role in Role::ALL {
        let _ = writeln!(
            out,
            "# {} = \"{}\"",
            role.name(),
            Palette::DARK.get(role).to_string().to_lowercase()
        );
    }
    out.push_str(
        "\n# Keys per action: a list replaces the action's keys. Written like \"x\", \"X\",\n\
         # \"ctrl-s\", \"alt-x\", \"enter\", \"esc\", \"tab\", \"backtab\", \"space\", \"up\",\n\
         # \"pageup\", \"home\", \"f1\", \"backspace\", \"delete\". Ctrl-C always quits.\n\
         [keys]\n",
    );
    for (name, help, keys) in Keymap::default().actions() {
        let keys: Vec<String> = keys
            .iter()
            .map(|k| format!("{:?}", k.config_name()))
            .collect();
        let _ = writeln!(out, "# {name} = [{}]    # {help}", keys.join(", "));
    }
    out
}
