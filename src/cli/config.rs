//! `roadmap config path|init`: where the config file is, and a commented one to start from.

use clap::Subcommand;

use super::Failure;
use super::output::write_stdout;
use crate::config::{self, Config};

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print where the config file is read from (it may not exist yet)
    Path,
    /// Write a commented config file listing every action with its default keys
    Init,
}

fn path() -> Result<std::path::PathBuf, Failure> {
    config::path().ok_or_else(|| {
        Failure::Runtime(format!(
            "no config directory: set ${}",
            config::CONFIG_DIR_ENV
        ))
    })
}

/// The config every run reads first: a mistake in it stops the run (exit 2).
pub fn load() -> Result<Config, Failure> {
    let Some(path) = config::path() else {
        return Ok(Config::defaults());
    };
    config::load(&path).map_err(|e| {
        let n = e.diagnostics.len();
        let s = if n == 1 { "" } else { "s" };
        Failure::Usage(format!("the config file has {n} problem{s}:\n{e}"))
    })
}

pub fn run(command: &ConfigCommand) -> Result<(), Failure> {
    let path = path()?;
    match command {
        ConfigCommand::Path => write_stdout(&format!("{}\n", path.display())),
        ConfigCommand::Init => {
            if path.exists() {
                return Err(Failure::Usage(format!(
                    "{} exists; nothing was written (remove it first to start again)",
                    path.display()
                )));
            }
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| {
                    Failure::Runtime(format!("cannot create {}: {e}", dir.display()))
                })?;
            }
            std::fs::write(&path, config::template())
                .map_err(|e| Failure::Runtime(format!("cannot write {}: {e}", path.display())))?;
            write_stdout(&format!(
                "Wrote {}: every setting is there, commented out. Uncomment a line to change it.\n",
                path.display()
            ))
        }
    }
}
