//! The shipped roadmap, compiled in by `build.rs`: `(path in content/, bytes)`.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
