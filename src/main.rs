//! `roadmap`: the binary. Everything lives in the library; this maps the outcome to an exit code.

fn main() -> std::process::ExitCode {
    roadmap_tui::cli::main()
}
