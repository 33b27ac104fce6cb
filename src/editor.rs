//! Editing a note in the user's own editor (`$VISUAL`, else `$EDITOR`).

use std::io::Write;
use std::os::unix::process::CommandExt;
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
/// The command may carry arguments (`code --wait`); it runs through `sh`.
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
    let mut editor = Command::new("sh");
    editor
        .arg("-c")
        .arg(format!("{command} \"$1\""))
        .arg("roadmap-editor")
        .arg(file.path());
    // The TUI blocks SIGWINCH (it reads resizes from a descriptor), and a
    // blocked signal stays blocked across exec: the editor, and any shell
    // but dash, would never hear of a resize.
    // SAFETY: between fork and exec only async-signal-safe calls may be
    // made, and pthread_sigmask is one.
    unsafe {
        editor.pre_exec(|| Ok(nix::sys::signal::SigSet::empty().thread_set_mask()?));
    }
    let status = editor
        .status()
        .map_err(|e| format!("cannot run `{command}`: {e}"))?;
    if !status.success() {
        return Err(format!("`{command}` failed ({status}); note unchanged"));
    }
    std::fs::read_to_string(file.path()).map_err(|e| format!("cannot read the edited note: {e}"))
}
