//! The command line: clap definitions, and the commands beside the TUI.

mod commands;
mod config;
mod evidence;
mod import;
mod init;
mod merge;
mod output;
mod packs;
mod plan;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::app::App;
use crate::content::{LoadError, Source};
use crate::progress::Status;
use crate::progress::store::{Store, StoreError};
use crate::tui;

const EXAMPLES: &str = "\
Examples:
  roadmap                               open the roadmap in the terminal UI
  roadmap status                        progress per stage, focus and orphans
  roadmap done fundamentals             mark a skill done from a script
  roadmap list --status todo | fzf      pick a skill still to do
  roadmap export --format md -o me.md   your roadmap and notes as markdown
  roadmap --content ./my-roadmap        open your own content pack
  roadmap check ./my-roadmap            validate it
  roadmap add guide.md                  keep a Markdown guide in your library
  roadmap packs                         the packs you have, with your progress

Exit codes: 0 ok, 1 runtime error (cannot save, corrupt progress file),
2 usage error or invalid input (bad arguments, bad content, unknown id).";

#[derive(Debug, Parser)]
#[command(
    name = "roadmap",
    version,
    about = "Follow a career learning roadmap in your terminal",
    long_about = "Follow a career learning roadmap in your terminal: browse its stages and skills, \
                  tick skills and checklist items off, and write reflection notes.\n\n\
                  With no command, opens the full-screen app.",
    after_help = EXAMPLES,
    disable_help_subcommand = true
)]
pub struct Cli {
    /// Load the roadmap from this content directory instead of the built-in one
    #[arg(long, global = true, value_name = "DIR", conflicts_with = "pack")]
    pub content: Option<PathBuf>,

    /// Open this installed pack (see `roadmap packs`) instead of the one chosen in the app
    #[arg(long, global = true, value_name = "ID")]
    pub pack: Option<String>,

    /// Keep progress in this directory (default: $`ROADMAP_DATA_DIR`, else the platform data directory)
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// GitHub-flavoured markdown
    Md,
    /// JSON: the roadmap and your progress together
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    Todo,
    InProgress,
    Done,
    Skipped,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a content directory and print a summary
    #[command(after_help = "Examples:\n  roadmap check\n  roadmap check ./my-roadmap")]
    Check {
        /// Content directory to check (default: --content, else the built-in roadmap)
        dir: Option<PathBuf>,
    },
    /// Show progress per stage, overall, this quarter's focus and orphaned entries
    #[command(
        after_help = "Examples:\n  roadmap status\n  roadmap status --json | jq .overall.percent"
    )]
    Status {
        /// Print JSON, for prompts and scripts
        #[arg(long)]
        json: bool,
    },
    /// Export the roadmap with your progress and notes
    #[command(
        after_help = "Examples:\n  roadmap export --format md -o roadmap.md\n  roadmap export --format json | jq '.stages[].skills[] | select(.status == \"done\") | .title'"
    )]
    Export {
        #[arg(long, short, value_enum, default_value = "md")]
        format: Format,
        /// Write to this file (atomically) instead of standard output
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Mark skills done
    #[command(
        after_help = "Examples:\n  roadmap done fundamentals\n  roadmap done fundamentals version-control"
    )]
    Done {
        #[arg(value_name = "SKILL-ID", required = true)]
        skills: Vec<String>,
    },
    /// Mark skills in progress
    #[command(after_help = "Example:\n  roadmap start system-design")]
    Start {
        #[arg(value_name = "SKILL-ID", required = true)]
        skills: Vec<String>,
    },
    /// Mark skills todo again
    #[command(after_help = "Example:\n  roadmap todo system-design")]
    Todo {
        #[arg(value_name = "SKILL-ID", required = true)]
        skills: Vec<String>,
    },
    /// Mark skills skipped
    #[command(after_help = "Example:\n  roadmap skip version-control")]
    Skip {
        #[arg(value_name = "SKILL-ID", required = true)]
        skills: Vec<String>,
    },
    /// Edit a skill's note in $VISUAL or $EDITOR, or append a line to it
    #[command(
        after_help = "Examples:\n  roadmap note fundamentals\n  roadmap note fundamentals --append \"Read the data model chapter\""
    )]
    Note {
        #[arg(value_name = "SKILL-ID")]
        skill: String,
        /// Add this line to the note without opening an editor
        #[arg(long, value_name = "TEXT")]
        append: Option<String>,
    },
    /// List skills as tab-separated `id  status  title` lines, for grep and fzf
    #[command(
        after_help = "Examples:\n  roadmap list\n  roadmap list --status in-progress\n  roadmap list | fzf | cut -f1 | xargs roadmap done"
    )]
    List {
        /// Only skills with this status
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
    },
    /// Install a pack into your library: a pack directory, a Markdown guide
    /// (.md) or a roadmap.sh roadmap folder (imported on the way in)
    #[command(
        after_help = "The pack goes to packs/<id>/ in the data directory, <id> being its roadmap id; adding it again replaces it. Pick it in the app with P, or use --pack ID.\n\nExamples:\n  roadmap add ./my-roadmap\n  roadmap add guide.md\n  roadmap add developer-roadmap/src/data/roadmaps/python"
    )]
    Add {
        #[arg(value_name = "DIR|FILE")]
        from: PathBuf,
    },
    /// List the packs: the built-in one and those you added, with your progress
    #[command(
        after_help = "Prints id<TAB>title<TAB>done/total<TAB>notes lines; the notes say which pack the app opens.\n\nExamples:\n  roadmap packs\n  roadmap packs --json | jq -r '.[] | select(.open) | .id'"
    )]
    Packs {
        /// Print JSON: a list of {\"id\", \"title\", \"done\", \"total\", \"shipped\", \"open\"}
        #[arg(long)]
        json: bool,
    },
    /// Remove an installed pack; your progress in it is kept
    #[command(after_help = "Example:\n  roadmap remove git-fluency")]
    Remove {
        #[arg(value_name = "ID")]
        id: String,
    },
    /// Print help on a command, or on a topic: `format` (how a pack is written)
    #[command(after_help = "Examples:\n  roadmap help format\n  roadmap help import markdown")]
    Help {
        #[arg(value_name = "COMMAND|TOPIC")]
        topic: Vec<String>,
    },
    /// Write a small, valid, commented content pack to start a new roadmap from
    #[command(after_help = "Example:\n  roadmap init my-roadmap && roadmap --content my-roadmap")]
    Init { dir: PathBuf },
    /// What to work on next: the focus, the skills in progress, the first todo ones
    #[command(
        after_help = "Prints id<TAB>title<TAB>why lines, most pressing first: this quarter's focus (if it is not done), the skills in progress, then the first todo skills in roadmap order, those with ticked items first.\n\nExamples:\n  roadmap next\n  roadmap next | head -1 | cut -f1 | xargs roadmap start"
    )]
    Next {
        /// Print JSON: a list of {\"id\", \"title\", \"why\"}
        #[arg(long)]
        json: bool,
    },
    /// Spaced review of what is done: list what is due, or rate a review
    #[command(
        after_help = "A done skill comes up three days after it was done, then at growing intervals: 1, 3, 7, 14, 30, 60, 120 and 240 days, one rung up for `good`, two for `easy`, the same for `hard`, back to a day for `again`.\n\nExamples:\n  roadmap review\n  roadmap review --until 2026-12-31 --json\n  roadmap review fundamentals --rate good"
    )]
    Review {
        /// The skill reviewed (with --rate)
        #[arg(value_name = "SKILL-ID")]
        skill: Option<String>,
        /// How well you could explain it now: again, hard, good or easy
        #[arg(long, value_name = "RATING")]
        rate: Option<String>,
        /// List what is due by the end of this day (default: today)
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
        /// Print JSON: a list of {\"skill\", \"title\", \"due\"}
        #[arg(long)]
        json: bool,
    },
    /// What was done when: every change, newest first
    #[command(
        after_help = "Examples:\n  roadmap log\n  roadmap log --since 2026-11-01\n  roadmap log --json | jq '.[] | select(.kind == \"status\")'"
    )]
    Log {
        /// Only changes since this date (the start of that day) or date-time
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Print JSON: a list of {\"at\", \"skill\", \"kind\", ...}, newest first
        #[arg(long)]
        json: bool,
    },
    /// Add a link to what shows a skill: a PR, a project, a write-up (a URL or a path)
    #[command(
        after_help = "Examples:\n  roadmap link fundamentals https://github.com/me/repo/pull/12 --title \"My first merged PR\"\n  roadmap link read-code ~/notes/cpython-dict.md"
    )]
    Link {
        #[arg(value_name = "SKILL-ID")]
        skill: String,
        /// A URL (https://…) or a path (/…, ~/…, ./…)
        #[arg(value_name = "URL")]
        url: String,
        /// What the link is, shown instead of the URL
        #[arg(long, value_name = "TEXT")]
        title: Option<String>,
    },
    /// Remove a link from a skill
    #[command(
        after_help = "Example:\n  roadmap unlink fundamentals https://github.com/me/repo/pull/12"
    )]
    Unlink {
        #[arg(value_name = "SKILL-ID")]
        skill: String,
        #[arg(value_name = "URL")]
        url: String,
    },
    /// Merge another copy of progress.toml into yours (another machine's, or a
    /// sync tool's conflict copy), entry by entry, the later change winning
    #[command(
        after_help = "Examples:\n  roadmap merge ~/Sync/progress.sync-conflict-20260101-101010-ABCDEFG.toml\n  roadmap merge /media/usb/progress.toml"
    )]
    Merge {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// A git merge driver for progress.toml: merges BASE, OURS and THEIRS into OURS
    #[command(
        name = "merge-file",
        after_help = "Set it up in the repository that holds progress.toml:\n  echo 'progress.toml merge=roadmap' >> .gitattributes\n  git config merge.roadmap.driver \"roadmap merge-file %O %A %B\""
    )]
    MergeFile {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
    },
    /// The config file: keys, theme and mouse
    #[command(
        after_help = "The file is $ROADMAP_CONFIG_DIR/config.toml, else the platform's config directory's roadmap-tui/config.toml.\n\nExamples:\n  roadmap config init && $EDITOR \"$(roadmap config path)\""
    )]
    Config {
        #[command(subcommand)]
        what: config::ConfigCommand,
    },
    /// Turn a Markdown guide or a roadmap.sh roadmap into a content pack
    Import {
        #[command(subcommand)]
        what: import::ImportCommand,
    },
    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  roadmap completions bash > ~/.local/share/bash-completion/completions/roadmap\n  roadmap completions zsh > ~/.zfunc/_roadmap\n  roadmap completions fish > ~/.config/fish/completions/roadmap.fish"
    )]
    Completions { shell: clap_complete::Shell },
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
    /// The app was ended by this signal (after saving): exit code 128+n.
    #[error("ended by signal {0}")]
    Signalled(i32),
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Runtime(e.to_string())
    }
}

impl Failure {
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Runtime(_) => 1,
            Failure::Usage(_) | Failure::Content(_) => 2,
            Failure::Signalled(signal) => u8::try_from(128 + signal).unwrap_or(u8::MAX),
        }
    }
}

/// Parses arguments, runs the command and maps failures to exit codes.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            // A signal's ending is the shell's to report.
            if !matches!(failure, Failure::Signalled(_)) {
                report(&failure);
            }
            ExitCode::from(failure.exit_code())
        }
    }
}

fn report(failure: &Failure) {
    let mut stderr = std::io::stderr().lock();
    let text = match failure {
        Failure::Content(e) => {
            let n = e.diagnostics.len();
            format!(
                "{e}\nerror: the content has {n} problem{}",
                if n == 1 { "" } else { "s" }
            )
        }
        other => format!("error: {other}"),
    };
    let _ = writeln!(stderr, "{}", crate::text::clean(&text));
}

/// The pack format's documentation, for `roadmap help format`.
const FORMAT_HELP: &str = include_str!("../../content/README.md");

/// `roadmap help [COMMAND…|format]`.
fn help(topic: &[String]) -> Result<(), Failure> {
    if let [only] = topic
        && only == "format"
    {
        return output::write_stdout(FORMAT_HELP);
    }
    let mut cmd = <Cli as clap::CommandFactory>::command();
    // Built, so a subcommand's usage line names it in full (`roadmap import markdown`).
    cmd.build();
    let mut at = &mut cmd;
    for name in topic {
        let known: Vec<String> = at
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        at = at.find_subcommand_mut(name).ok_or_else(|| {
            Failure::Usage(format!(
                "no command or topic {name:?}: try `roadmap help format` or one of: {}",
                known.join(", ")
            ))
        })?;
    }
    output::write_stdout(&at.render_long_help().to_string())
}

pub fn run(cli: Cli) -> Result<(), Failure> {
    let Cli {
        content,
        pack,
        data_dir,
        command,
    } = cli;
    let ctx = commands::Context {
        content,
        pack,
        data_dir,
    };
    // The config file's own commands work whatever it holds.
    if let Some(Command::Config { what }) = &command {
        return config::run(what);
    }
    let settings = config::load()?;
    let Some(command) = command else {
        return open_tui(&ctx, settings);
    };
    match command {
        Command::Config { .. } => Ok(()),
        Command::Check { dir } => commands::check(&packs::check_dir(&ctx, dir)?),
        Command::Add { from } => packs::add(&ctx, &from),
        Command::Packs { json } => packs::list(&ctx, json),
        Command::Remove { id } => packs::remove(&ctx, &id),
        Command::Help { topic } => help(&topic),
        Command::Status { json } => commands::status(&ctx, json),
        Command::Export { format, output } => commands::export(&ctx, format, output),
        Command::Done { skills } => commands::set_status(&ctx, &skills, Status::Done),
        Command::Start { skills } => commands::set_status(&ctx, &skills, Status::InProgress),
        Command::Todo { skills } => commands::set_status(&ctx, &skills, Status::Todo),
        Command::Skip { skills } => commands::set_status(&ctx, &skills, Status::Skipped),
        Command::Note { skill, append } => commands::note(&ctx, &skill, append),
        Command::List { status } => commands::list(&ctx, status),
        Command::Init { dir } => init::init(&dir),
        Command::Merge { file } => merge::merge(&ctx, &file),
        Command::Next { json } => plan::next(&ctx, json),
        Command::Log { since, json } => plan::log(&ctx, since.as_deref(), json),
        Command::Review {
            skill,
            rate,
            until,
            json,
        } => match (skill, rate) {
            (Some(skill), Some(rate)) => plan::rate(&ctx, &skill, &rate),
            (None, None) => plan::reviews(&ctx, until.as_deref(), json),
            (Some(_), None) => Err(Failure::Usage(
                "say how the review went: --rate again|hard|good|easy".into(),
            )),
            (None, Some(_)) => Err(Failure::Usage(
                "say which skill was reviewed: roadmap review SKILL-ID --rate RATING".into(),
            )),
        },
        Command::Link { skill, url, title } => evidence::link(&ctx, &skill, &url, title.as_deref()),
        Command::Unlink { skill, url } => evidence::unlink(&ctx, &skill, &url),
        Command::Import { what } => import::run(what),
        Command::MergeFile { base, ours, theirs } => merge::merge_file(&base, &ours, &theirs),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "roadmap", &mut script);
            output::write_stdout(&String::from_utf8_lossy(&script))
        }
    }
}

fn open_tui(ctx: &commands::Context, settings: crate::config::Config) -> Result<(), Failure> {
    tui::check_terminal().map_err(|e| Failure::Usage(e.to_string()))?;
    let source = packs::source(ctx)?;
    let dir = ctx.dir()?;
    let store = Store::read(&dir)?;
    let first = match &source {
        Source::Dir(pack) => crate::content::load::first_stage(pack),
        Source::Embedded => None,
    };
    // A big pack is drawn at once from its own file and first stage, and
    // loaded behind that.
    let (mut app, loader) = if let Some((first, stage_files)) = first {
        let progress = store.roadmap(&first.id);
        let app = App::loading(first, stage_files, progress, 80, 24);
        let loader: tui::Loader = Box::new(move || crate::content::load(&source));
        (app, Some(loader))
    } else {
        let roadmap = crate::content::load(&source)?;
        let progress = store.roadmap(&roadmap.id);
        (App::new(roadmap, progress, 80, 24), None)
    };
    app.color = output::color_wanted() && settings.theme != crate::config::ThemeName::None;
    app.keymap = settings.keymap;
    app.palette = settings.palette;
    app.mouse = settings.mouse;
    let saver = tui::Saver {
        roadmap_id: app.roadmap.id.clone(),
        store,
    };
    tui::run(app, saver, loader).map_err(|e| match e {
        tui::TuiError::NotATerminal(_) => Failure::Usage(e.to_string()),
        tui::TuiError::Content(e) => Failure::Content(e),
        tui::TuiError::Signalled(signal) => Failure::Signalled(signal),
        tui::TuiError::Io(_) | tui::TuiError::NotSaved(_) => Failure::Runtime(e.to_string()),
    })
}
