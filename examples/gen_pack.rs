//! Writes a large, valid content pack and a matching progress file, for
//! benchmarks and timing: `cargo run --release --example gen_pack -- DIR SKILLS`.
//! The pack goes to DIR/content, the progress file to DIR/data/progress.toml.

#[path = "../benches/support/gen.rs"]
mod generator;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(skills)) = (args.next(), args.next()) else {
        eprintln!("usage: gen_pack DIR SKILLS");
        std::process::exit(2);
    };
    let Ok(skills) = skills.parse::<usize>() else {
        eprintln!("SKILLS must be a number");
        std::process::exit(2);
    };
    let dir = std::path::Path::new(&dir);
    if let Err(e) = generator::write_pack(&dir.join("content"), skills)
        .and_then(|()| generator::write_progress(&dir.join("data"), skills))
    {
        eprintln!("cannot write the pack: {e}");
        std::process::exit(1);
    }
    println!("{skills} skills in {}", dir.display());
}
