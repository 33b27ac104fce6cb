//! `roadmap init DIR`: a small, valid, commented content pack to start from.

use std::fs;
use std::path::Path;

use super::Failure;

/// The pack's files: path inside the pack, contents.
const FILES: &[(&str, &str)] = &[
    ("roadmap.toml", include_str!("init/roadmap.toml")),
    (
        "stages/01-foundations.toml",
        include_str!("init/stages/01-foundations.toml"),
    ),
    (
        "stages/02-deeper.toml",
        include_str!("init/stages/02-deeper.toml"),
    ),
    ("tips.toml", include_str!("init/tips.toml")),
    (
        "staying-current.toml",
        include_str!("init/staying-current.toml"),
    ),
];

pub fn init(dir: &Path) -> Result<(), Failure> {
    let occupied = fs::read_dir(dir).map(|mut d| d.next().is_some());
    match occupied {
        Ok(true) => {
            return Err(Failure::Usage(format!(
                "{} is not empty; init only writes into a new or empty directory",
                dir.display()
            )));
        }
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            if dir.exists() && !dir.is_dir() {
                return Err(Failure::Usage(format!(
                    "{} is not a directory",
                    dir.display()
                )));
            }
            return Err(Failure::Runtime(format!(
                "cannot read {}: {e}",
                dir.display()
            )));
        }
        _ => {}
    }
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| {
                Failure::Runtime(format!("cannot create {}: {e}", parent.display()))
            })?;
        }
        fs::write(&path, text)
            .map_err(|e| Failure::Runtime(format!("cannot write {}: {e}", path.display())))?;
    }
    let shown = crate::text::clean(&dir.display().to_string()).into_owned();
    super::output::write_stdout(&format!(
        "Created a new roadmap in {shown}. Next:\n  \
         edit {shown}/roadmap.toml and {shown}/stages/*.toml\n  \
         roadmap check {shown}        # validate it\n  \
         roadmap --content {shown}    # open it\n"
    ))
}
