//! Any bytes as progress.toml: progress that writes back the same, or an
//! error with a location, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use roadmap_tui::progress::store::{parse, serialize};

fuzz_target!(|data: &[u8]| {
    let path = Path::new("progress.toml");
    match parse(path, data) {
        Ok(file) => {
            let again =
                parse(path, serialize(&file).as_bytes()).expect("what was written reads back");
            assert_eq!(again, file);
        }
        Err(e) => assert!(e.to_string().starts_with("progress.toml:")),
    }
});
