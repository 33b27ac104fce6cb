//! The command line: clap definitions and the non-interactive commands.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::content::{self, LoadError, Roadmap, Source};

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
        None => {
            let roadmap = content::load(&source(cli.content))?;
            print_outline(&roadmap)
        }
    }
}

fn check(source: Source) -> Result<(), Failure> {
    let roadmap = content::load(&source)?;
    println!("{}", roadmap.counts());
    Ok(())
}

fn print_outline(roadmap: &Roadmap) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    let mut text = format!("{}\n", roadmap.title);
    for (n, stage) in roadmap.stages.iter().enumerate() {
        let span = stage
            .span
            .as_deref()
            .map(|s| format!(" ({s})"))
            .unwrap_or_default();
        text.push_str(&format!("\nStage {}: {}{span}\n", n + 1, stage.title));
        for skill in &stage.skills {
            text.push_str(&format!("  [ ] {}\n", skill.title));
        }
    }
    out.write_all(text.as_bytes())
        .map_err(|e| Failure::Runtime(format!("cannot write output: {e}")))
}
