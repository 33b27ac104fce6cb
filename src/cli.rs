//! The command line: clap definitions and the non-interactive commands.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::app::App;
use crate::content::{self, LoadError, Source};
use crate::progress::store::{self, Store};
use crate::tui;

const EXAMPLES: &str = "\
Examples:
  roadmap                         open the roadmap in the terminal UI
  roadmap check                   validate the built-in roadmap
  roadmap check ./my-roadmap      validate your own content pack
  roadmap --content ./my-roadmap  open your own content pack";

#[derive(Debug, Parser)]
#[command(
    name = "roadmap",
    version,
    about = "Follow a career learning roadmap in your terminal",
    after_help = EXAMPLES
)]
pub struct Cli {
    /// Load the roadmap from this content directory instead of the built-in one
    #[arg(long, global = true, value_name = "DIR")]
    pub content: Option<PathBuf>,

    /// Keep progress in this directory (default: $ROADMAP_DATA_DIR, else the platform data directory)
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a content directory and print a summary
    #[command(after_help = "Examples:\n  roadmap check\n  roadmap check ./my-roadmap")]
    Check {
        /// Content directory to check (default: --content, else the built-in roadmap)
        dir: Option<PathBuf>,
    },
}

/// How a command failed, and so which exit code it gives.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// Bad arguments or invalid input: exit code 2.
    #[error("{0}")]
    Usage(String),
    /// Invalid content: exit code 2, one line per problem.
    #[error("{0}")]
    Content(#[from] LoadError),
    /// Something went wrong while running: exit code 1.
    #[error("{0}")]
    Runtime(String),
}

impl Failure {
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Runtime(_) => 1,
            Failure::Usage(_) | Failure::Content(_) => 2,
        }
    }
}

/// Parses arguments, runs the command and maps failures to exit codes.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            report(&failure);
            ExitCode::from(failure.exit_code())
        }
    }
}

fn report(failure: &Failure) {
    let mut stderr = std::io::stderr().lock();
    match failure {
        Failure::Content(e) => {
            let _ = writeln!(stderr, "{e}");
            let n = e.diagnostics.len();
            let _ = writeln!(
                stderr,
                "error: the content has {n} problem{}",
                if n == 1 { "" } else { "s" }
            );
        }
        other => {
            let _ = writeln!(stderr, "error: {other}");
        }
    }
}

fn source(dir: Option<PathBuf>) -> Source {
    dir.map_or(Source::Embedded, Source::Dir)
}

pub fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Some(Command::Check { dir }) => check(source(dir.or(cli.content))),
        None => open_tui(source(cli.content), cli.data_dir),
    }
}

fn open_tui(source: Source, data_dir: Option<PathBuf>) -> Result<(), Failure> {
    tui::check_terminal().map_err(|e| Failure::Usage(e.to_string()))?;
    let roadmap = content::load(&source)?;
    let dir = store::data_dir(data_dir).map_err(|e| Failure::Runtime(e.to_string()))?;
    let (store, holder) = Store::open(&dir).map_err(|e| Failure::Runtime(e.to_string()))?;
    let progress = store.roadmap(&roadmap.id);
    let id = roadmap.id.clone();
    let mut app = App::new(roadmap, progress, 80, 24);
    app.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    app.save.read_only = holder.map(|h| h.describe());
    let saver = tui::Saver {
        store,
        roadmap_id: id,
    };
    tui::run(app, Some(saver)).map_err(|e| match e {
        tui::TuiError::NotATerminal(_) => Failure::Usage(e.to_string()),
        tui::TuiError::Io(_) => Failure::Runtime(e.to_string()),
    })
}

fn check(source: Source) -> Result<(), Failure> {
    let roadmap = content::load(&source)?;
    println!("{}", roadmap.counts());
    Ok(())
}
