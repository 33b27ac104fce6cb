//! Embeds the shipped roadmap (`content/*.toml`, `content/stages/*.toml`) into
//! the binary, so an installed `roadmap` works anywhere.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    println!("cargo:rerun-if-changed={}", root.display());
    println!("cargo:rerun-if-changed={}", root.join("stages").display());

    let mut files = Vec::new();
    for dir in ["", "stages"] {
        let Ok(entries) = fs::read_dir(root.join(dir)) else {
            continue;
        };
        #[expect(
            clippy::case_sensitive_file_extension_comparisons,
            reason = "the loader's rule (`is_toml_name`): content/README.md documents `*.toml` exactly"
        )]
        let mut names: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml") && !n.starts_with('.'))
            .collect();
        names.sort();
        for name in names {
            let rel = if dir.is_empty() {
                name
            } else {
                format!("{dir}/{name}")
            };
            println!("cargo:rerun-if-changed={}", root.join(&rel).display());
            files.push(rel);
        }
    }

    let mut out = String::from("pub static FILES: &[(&str, &[u8])] = &[\n");
    for rel in &files {
        let abs = root.join(rel);
        let _ = writeln!(
            out,
            "    ({rel:?}, include_bytes!({:?})),",
            abs.display().to_string()
        );
    }
    out.push_str("];\n");
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    fs::write(dest, out).expect("write embedded.rs");
}
