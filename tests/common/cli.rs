//! Running `roadmap` commands as scripts do.

use std::path::Path;

use assert_cmd::Command;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<std::process::Output> for Run {
    fn from(out: std::process::Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

pub fn roadmap(data: &Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("roadmap")
        .unwrap()
        .env("ROADMAP_DATA_DIR", data)
        .env("ROADMAP_CONFIG_DIR", data.join("config"))
        .env_remove("VISUAL")
        .env_remove("EDITOR")
        .args(args)
        .output()
        .unwrap();
    Run::from(out)
}
