//! Any bytes as a stage file (and as roadmap.toml): a roadmap or located
//! errors, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roadmap_tui::content::{Source, load};

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("stages")).unwrap();
    // The first byte picks the file; the rest is its content.
    let (file, bytes) = match data.split_first() {
        Some((b, rest)) if b % 2 == 0 => ("roadmap.toml", rest),
        Some((_, rest)) => ("stages/01.toml", rest),
        None => ("stages/01.toml", data),
    };
    std::fs::write(dir.path().join("roadmap.toml"), "title = \"T\"\n").unwrap();
    std::fs::write(
        dir.path().join("stages/01.toml"),
        "id = \"s\"\ntitle = \"S\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join(file), bytes).unwrap();
    if let Err(e) = load(&Source::Dir(dir.path().to_path_buf())) {
        assert!(!e.diagnostics.is_empty());
        for d in &e.diagnostics {
            assert!(d.line >= 1 && d.col >= 1);
        }
    }
});
