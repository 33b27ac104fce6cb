//! `roadmap import markdown|roadmap-sh`: another format, written as a pack.

use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::Failure;
use crate::import::{self, Existing, ImportError};

/// roadmap.sh's terms, said by the command when it runs and in its help.
macro_rules! licence {
    () => {
        "roadmap.sh's content is licensed for personal use only (CC BY-NC-ND 3.0 with \
         additional clauses): keep the imported pack for your own use, and do not share, \
         publish or bundle it."
    };
}

pub const ROADMAP_SH_LICENCE: &str = licence!();

const ROADMAP_SH_HELP: &str = concat!(
    "Topics become stages, skills and checklist items in the diagram's order; prose and \
     resource links come from the content files. Ids come from the diagram's node ids, so \
     importing a newer copy of the same roadmap keeps your progress.\n\nLicence: ",
    licence!(),
    "\n\nExample:\n  git clone --depth 1 https://github.com/kamranahmedse/developer-roadmap\n  \
     roadmap import roadmap-sh developer-roadmap/src/data/roadmaps/python -o python-roadmap"
);

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A guide written as a Markdown article: `#` title, `##` stages, `###` skills
    #[command(
        after_help = "`## Stage (span)` headings become stages, `### Skill` headings their skills, \
                      and `- item` bullets under a skill its checklist. A `##` section of bullets \
                      only becomes interview tips, one holding a 3-column table the staying-current \
                      strategies, and a last section of prose the final thought.\n\n\
                      Examples:\n  roadmap import markdown guide.md -o my-roadmap\n  \
                      roadmap import markdown guide.md -o my-roadmap --force"
    )]
    Markdown {
        #[arg(value_name = "FILE.md")]
        file: PathBuf,
        /// The new pack's directory (new or empty)
        #[arg(long, short, value_name = "DIR")]
        output: PathBuf,
        /// Replace a pack an earlier import wrote in DIR
        #[arg(long)]
        force: bool,
    },
    /// One roadmap's folder from a local clone of roadmap.sh's repository (src/data/roadmaps/<id>/)
    #[command(
        name = "roadmap-sh",
        after_help = ROADMAP_SH_HELP,
    )]
    RoadmapSh {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// The new pack's directory (new or empty)
        #[arg(long, short, value_name = "OUT")]
        output: PathBuf,
        /// Replace a pack an earlier import wrote in OUT
        #[arg(long)]
        force: bool,
    },
}

pub fn run(command: ImportCommand) -> Result<(), Failure> {
    match command {
        ImportCommand::Markdown {
            file,
            output,
            force,
        } => {
            let parts = markdown_parts(&file)?;
            let how = format!("markdown` from `{}", file.display());
            finish(parts, &output, force, &how)
        }
        ImportCommand::RoadmapSh { dir, output, force } => {
            eprintln!("note: {ROADMAP_SH_LICENCE}");
            let parts = import::roadmap_sh::import(&dir).map_err(failure)?;
            let how = format!("roadmap-sh` from `{}", dir.display());
            finish(parts, &output, force, &how)
        }
    }
}

/// The pack a Markdown file describes.
pub fn markdown_parts(file: &Path) -> Result<crate::content::RoadmapParts, Failure> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Failure::Usage(format!("cannot read {}: {e}", file.display())))?;
    import::markdown::import(&text, &file.display().to_string()).map_err(failure)
}

fn finish(
    parts: crate::content::RoadmapParts,
    output: &Path,
    force: bool,
    how: &str,
) -> Result<(), Failure> {
    let existing = if force {
        Existing::ReplaceImport
    } else {
        Existing::Refuse
    };
    let counts = import::write_pack(parts, output, existing, how)
        .map_err(failure)?
        .counts();
    let shown = crate::text::clean(&output.display().to_string()).into_owned();
    super::output::write_stdout(&format!(
        "Wrote {shown}: {counts}. Next:\n  \
         roadmap --content {shown}    # open it\n  \
         roadmap add {shown}          # or keep it in your library of packs\n"
    ))
}

pub fn failure(e: ImportError) -> Failure {
    match e {
        ImportError::Input(m) => Failure::Usage(m),
        ImportError::Io(m) => Failure::Runtime(m),
    }
}
