//! Editing a note in the user's own editor (`$VISUAL`, else `$EDITOR`).

use std::io::Write;
use std::process::Command;

/// The editor command the user chose, or why there is none.
pub fn editor_command() -> Result<String, String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .map(|cmd| cmd.trim().to_string())
        .find(|cmd| !cmd.is_empty())
        .ok_or_else(|| "no editor: set $VISUAL or $EDITOR (e.g. export EDITOR=nano)".to_string())
}

/// Opens `text` in the user's editor and returns what they saved.
/// The command may carry arguments (`code --wait`); it runs through the
/// platform's shell.
pub fn edit_text(text: &str, name: &str) -> Result<String, String> {
    let command = editor_command()?;
    let mut file = tempfile::Builder::new()
        .prefix(&format!("roadmap-note-{name}-"))
        .suffix(".md")
        .tempfile()
        .map_err(|e| format!("cannot create a temporary file: {e}"))?;
    // A text file ends with a line break, so a line an editor or a script
    // appends starts a line of its own (the note is saved without it).
    let ends = if text.is_empty() || text.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    file.write_all(text.as_bytes())
        .and_then(|()| file.write_all(ends.as_bytes()))
        .and_then(|()| file.flush())
        .map_err(|e| format!("cannot write a temporary file: {e}"))?;
    let mut editor = shell_command(&command, file.path());
    let status = editor
        .status()
        .map_err(|e| format!("cannot run `{command}`: {e}"))?;
    if !status.success() {
        return Err(format!("`{command}` failed ({status}); note unchanged"));
    }
    std::fs::read_to_string(file.path()).map_err(|e| format!("cannot read the edited note: {e}"))
}

/// `command` run by the shell with `file` as its last argument: `sh -c` on
/// Unix (the file passed as `$1`, so its name is never parsed), `cmd /C`
/// on Windows (the file quoted; cmd has no separate arguments).
fn shell_command(command: &str, file: &std::path::Path) -> Command {
    #[cfg(unix)]
    {
        let mut shell = Command::new("sh");
        shell
            .arg("-c")
            .arg(format!("{command} \"$1\""))
            .arg("roadmap-editor")
            .arg(file);
        shell
    }
    #[cfg(windows)]
    {
        use std::os::windows::process::CommandExt;
        let mut shell = Command::new("cmd");
        // /S: the outer quotes go, and the rest is run exactly as written.
        shell.raw_arg(format!("/S /C \"{command} \"{}\"\"", file.display()));
        shell
    }
}
