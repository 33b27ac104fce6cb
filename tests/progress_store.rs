//! The progress file: atomic saves with a backup, one writer, bad files left
//! alone, orphaned progress kept, private permissions.

mod common;

use std::fs;
#[cfg(unix)]
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::{fixed_now, shipped};
use roadmap_tui::progress::store::{BACKUP_FILE, PROGRESS_FILE, Store, StoreError};
use roadmap_tui::progress::{RoadmapProgress, Status};

fn ticked() -> RoadmapProgress {
    let mut p = RoadmapProgress::default();
    p.set_status("fundamentals", Status::Done, fixed_now());
    p.set_item(
        "system-design",
        "basic-caching-strategies",
        true,
        fixed_now(),
    );
    p.set_note("read-code", "Two lines\nwith ünïcode 🦀", fixed_now());
    p.set_focus("system-design", fixed_now());
    p
}

#[test]
fn saved_progress_loads_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, holder) = Store::open(dir.path()).unwrap();
    assert!(holder.is_none());
    store.save("beyond-syntax", &ticked()).unwrap();
    drop(store);
    let again = Store::read(dir.path()).unwrap();
    assert_eq!(again.roadmap("beyond-syntax"), ticked());
}

#[test]
fn the_file_is_human_readable_toml_with_a_version_and_a_table_per_roadmap() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(dir.path()).unwrap();
    store.save("beyond-syntax", &ticked()).unwrap();
    let text = fs::read_to_string(dir.path().join(PROGRESS_FILE)).unwrap();
    let version_line = text.lines().find(|l| !l.starts_with('#')).unwrap();
    assert_eq!(version_line, "version = 1");
    assert!(
        text.contains("[roadmaps.beyond-syntax.skills.fundamentals]"),
        "{text}"
    );
    assert!(text.contains("status = \"done\""), "{text}");
    assert!(
        text.contains("Two lines\nwith ünïcode 🦀"),
        "notes stay readable: {text}"
    );
}

#[test]
fn saving_one_roadmap_keeps_every_other_roadmaps_progress() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(dir.path()).unwrap();
    let mut other = RoadmapProgress::default();
    other.set_status("ownership", Status::InProgress, fixed_now());
    store.save("rust", &other).unwrap();
    store.save("beyond-syntax", &ticked()).unwrap();
    let again = Store::read(dir.path()).unwrap();
    assert_eq!(again.roadmap("rust"), other);
    assert_eq!(
        again.roadmap("beyond-syntax").status("ownership"),
        Status::Todo
    );
}

#[test]
fn each_save_keeps_the_previous_version_as_bak_and_leaves_no_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(dir.path()).unwrap();
    let mut p = RoadmapProgress::default();
    p.set_status("fundamentals", Status::InProgress, fixed_now());
    store.save("beyond-syntax", &p).unwrap();
    let first = fs::read(dir.path().join(PROGRESS_FILE)).unwrap();
    p.set_status("fundamentals", Status::Done, fixed_now());
    store.save("beyond-syntax", &p).unwrap();
    assert_eq!(fs::read(dir.path().join(BACKUP_FILE)).unwrap(), first);
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let is_temp = |n: &String| {
        Path::new(n)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("tmp"))
    };
    assert!(!names.iter().any(is_temp), "{names:?}");
}

#[cfg(unix)]
#[test]
fn the_data_directory_and_files_are_private_to_the_user() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("new/data");
    let (mut store, _) = Store::open(&dir).unwrap();
    store.save("beyond-syntax", &ticked()).unwrap();
    store
        .save("beyond-syntax", &RoadmapProgress::default())
        .unwrap();
    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join(PROGRESS_FILE)), 0o600);
    assert_eq!(mode(&dir.join(BACKUP_FILE)), 0o600);
}

#[test]
fn a_second_writer_is_refused_and_named_and_the_lock_goes_with_its_holder() {
    let dir = tempfile::tempdir().unwrap();
    // What an earlier holder left, longer than a pid.
    fs::write(dir.path().join("progress.lock"), "4294967295 and more\n").unwrap();
    let (first, holder) = Store::open(dir.path()).unwrap();
    assert!(holder.is_none() && first.is_locked());
    let (mut second, holder) = Store::open(dir.path()).unwrap();
    let holder = holder.expect("the first holds the lock");
    assert_eq!(holder.pid, Some(std::process::id()));
    assert!(
        holder
            .describe()
            .contains(&format!("pid {}", std::process::id()))
    );
    assert!(
        second.save("beyond-syntax", &ticked()).is_err(),
        "never two writers"
    );
    drop(first);
    let (_, holder) = Store::open(dir.path()).unwrap();
    assert!(holder.is_none(), "released with its holder");
}

fn corrupt(dir: &std::path::Path, text: &[u8]) -> StoreError {
    fs::write(dir.join(PROGRESS_FILE), text).unwrap();
    let err = Store::read(dir).unwrap_err();
    assert_eq!(
        fs::read(dir.join(PROGRESS_FILE)).unwrap(),
        text,
        "left byte for byte"
    );
    err
}

#[test]
fn a_file_that_does_not_parse_is_reported_with_its_line_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let err = corrupt(
        dir.path(),
        b"version = 1\n[roadmaps.x.skills.a]\nstatus = \"done\n",
    );
    let shown = err.to_string();
    let path = dir.path().join(PROGRESS_FILE).display().to_string();
    assert!(shown.starts_with(&format!("{path}:3:")), "{shown}");
    assert!(shown.contains("will not overwrite"), "{shown}");
}

#[test]
fn a_bad_value_is_reported_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let err = corrupt(
        dir.path(),
        b"version = 1\n\n[roadmaps.x.skills.a]\nstatus = \"finished\"\n",
    );
    let shown = err.to_string();
    assert!(shown.contains(":4:"), "{shown}");
    assert!(shown.contains("finished"), "{shown}");
}

#[test]
fn a_newer_format_version_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let err = corrupt(
        dir.path(),
        b"version = 7\n[roadmaps.x]\nshiny_new_thing = true\n",
    );
    let shown = err.to_string();
    assert!(shown.contains(":1:11:"), "{shown}");
    assert!(shown.contains("newer roadmap-tui"), "{shown}");
}

#[test]
fn a_newer_file_is_not_to_be_replaced_by_the_older_backup() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(BACKUP_FILE), b"version = 1\n").unwrap();
    let shown = corrupt(dir.path(), b"version = 2\n").to_string();
    assert!(shown.contains("newer roadmap-tui"), "{shown}");
    assert!(
        !shown.contains("cp "),
        "restoring the backup would lose data: {shown}"
    );
}

#[test]
fn impossible_versions_and_an_empty_file_are_named_for_what_they_are() {
    let dir = tempfile::tempdir().unwrap();
    for (text, says) in [
        (&b"version = -1\n"[..], "unknown format version -1"),
        (b"version = 0\n", "unknown format version 0"),
        (b"", "the file is empty"),
    ] {
        let shown = corrupt(dir.path(), text).to_string();
        assert!(shown.contains(says), "{shown}");
        assert!(!shown.contains("newer"), "{shown}");
    }
}

#[test]
fn a_quoted_value_cannot_forge_a_line_of_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let shown = corrupt(
        dir.path(),
        b"version = 1\n[roadmaps.x.skills.a]\nstatus = \"\"\"x\nfake.toml:1:1: forged\"\"\"\n",
    )
    .to_string();
    assert!(
        !shown.lines().any(|l| l.starts_with("fake.toml")),
        "{shown}"
    );
}

#[test]
fn the_backup_command_is_quoted_for_the_shell() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("my data");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join(BACKUP_FILE), b"version = 1\n").unwrap();
    let shown = corrupt(&dir, b"garbage = = =").to_string();
    let quoted = format!("'{}'", dir.join(BACKUP_FILE).display());
    assert!(shown.contains(&format!("`cp {quoted} ")), "{shown}");
}

#[cfg(unix)]
#[test]
fn a_link_to_nothing_at_progress_toml_does_not_stop_saving() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(PROGRESS_FILE);
    std::os::unix::fs::symlink(dir.path().join("gone"), &file).unwrap();
    let (mut store, _) = Store::open(dir.path()).unwrap();
    store.save("beyond-syntax", &ticked()).unwrap();
    assert!(fs::symlink_metadata(&file).unwrap().is_file());
    assert!(!dir.path().join("gone").exists(), "not written through");
}

#[test]
fn the_user_is_told_about_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(BACKUP_FILE), b"version = 1\n").unwrap();
    let err = corrupt(dir.path(), b"garbage = = =");
    assert!(err.to_string().contains(BACKUP_FILE), "{err}");
}

#[test]
fn orphaned_progress_is_kept_counted_and_comes_back_with_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = ticked();
    p.set_status("retired-skill", Status::Done, fixed_now());
    p.set_item(
        "fundamentals",
        "an-item-that-was-reworded",
        true,
        fixed_now(),
    );
    let roadmap = shipped();
    let orphans = p.orphans(&roadmap);
    assert_eq!((orphans.skills, orphans.items), (1, 1));
    let (mut store, _) = Store::open(dir.path()).unwrap();
    store.save(&roadmap.id, &p).unwrap();
    // The app loads, changes something else and saves: orphans survive.
    let mut loaded = Store::read(dir.path()).unwrap().roadmap(&roadmap.id);
    loaded.set_status("ecosystem", Status::InProgress, fixed_now());
    store.save(&roadmap.id, &loaded).unwrap();
    let again = Store::read(dir.path()).unwrap().roadmap(&roadmap.id);
    assert_eq!(again.status("retired-skill"), Status::Done);
    assert!(again.item_done("fundamentals", "an-item-that-was-reworded"));
}

#[test]
fn a_failed_save_leaves_the_existing_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(dir.path()).unwrap();
    store.save("beyond-syntax", &ticked()).unwrap();
    let before = fs::read(dir.path().join(PROGRESS_FILE)).unwrap();
    // Something in the way of the backup makes the save fail before it writes.
    fs::remove_file(dir.path().join(BACKUP_FILE)).ok();
    fs::create_dir(dir.path().join(BACKUP_FILE)).unwrap();
    fs::write(dir.path().join(BACKUP_FILE).join("x"), b"x").unwrap();
    let err = store
        .save("beyond-syntax", &RoadmapProgress::default())
        .unwrap_err();
    assert!(!err.is_empty());
    assert_eq!(fs::read(dir.path().join(PROGRESS_FILE)).unwrap(), before);
    // Once the obstacle is gone, the next save works.
    fs::remove_dir_all(dir.path().join(BACKUP_FILE)).unwrap();
    store
        .save("beyond-syntax", &RoadmapProgress::default())
        .unwrap();
}

#[test]
fn a_data_directory_that_cannot_be_created_fails_saves_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-dir");
    fs::write(&blocker, b"").unwrap();
    let (mut store, holder) = Store::open(&blocker.join("data")).unwrap();
    assert!(holder.is_none());
    let err = store.save("beyond-syntax", &ticked()).unwrap_err();
    assert!(!err.is_empty(), "a reason for the status bar");
    // The data directory itself is a file: said in those words.
    let (mut store, _) = Store::open(&blocker).unwrap();
    let err = store.save("beyond-syntax", &ticked()).unwrap_err();
    assert!(err.contains("blocked by a file"), "{err}");
}

#[cfg(unix)]
#[test]
fn symlinks_planted_in_the_data_directory_are_never_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let victim = |name: &str| {
        let path = outside.path().join(name);
        fs::write(&path, b"version = 1\n").unwrap();
        path
    };
    let (progress_target, lock_target, bak_target) = (victim("a.toml"), victim("b"), victim("c"));
    std::os::unix::fs::symlink(&progress_target, dir.path().join(PROGRESS_FILE)).unwrap();
    std::os::unix::fs::symlink(&lock_target, dir.path().join("progress.lock")).unwrap();
    std::os::unix::fs::symlink(&bak_target, dir.path().join(BACKUP_FILE)).unwrap();

    let (mut store, holder) = Store::open(dir.path()).unwrap();
    assert!(holder.is_none());
    store.save("beyond-syntax", &ticked()).unwrap();

    for target in [&progress_target, &lock_target, &bak_target] {
        assert_eq!(
            fs::read(target).unwrap(),
            b"version = 1\n",
            "{} untouched",
            target.display()
        );
    }
    let meta = fs::symlink_metadata(dir.path().join(PROGRESS_FILE)).unwrap();
    assert!(
        meta.file_type().is_file(),
        "the link was replaced by the new file"
    );
    assert_eq!(
        Store::read(dir.path()).unwrap().roadmap("beyond-syntax"),
        ticked()
    );
}

#[test]
fn a_progress_file_over_the_size_limit_is_refused_and_left_alone() {
    use roadmap_tui::progress::store::MAX_PROGRESS_BYTES;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(PROGRESS_FILE);
    // Sparse: no disk is used, and the store must not read it all.
    fs::File::create(&path)
        .unwrap()
        .set_len(MAX_PROGRESS_BYTES + 1)
        .unwrap();
    let err = Store::read(dir.path()).unwrap_err().to_string();
    assert!(err.contains("larger than 64 MiB"), "{err}");
    assert_eq!(fs::metadata(&path).unwrap().len(), MAX_PROGRESS_BYTES + 1);
}
