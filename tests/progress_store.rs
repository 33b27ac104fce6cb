//! The progress file: atomic saves with a backup, every writer merged in,
//! bad files left alone (changes kept beside them), orphaned progress kept,
//! private permissions.

mod common;

use std::fs;
#[cfg(unix)]
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::{fixed_now, shipped};
use roadmap_tui::progress::store::{
    BACKUP_FILE, PENDING_FILE, PROGRESS_FILE, SaveError, Store, StoreError, conflict_copies,
};
use roadmap_tui::progress::{RoadmapProgress, Status};

/// Saves `progress` as roadmap `id`'s, as the app and commands do.
fn save(store: &mut Store, id: &str, progress: &RoadmapProgress) -> Result<(), SaveError> {
    let ours = store.file().with(id, progress);
    store.commit(&ours).map(|_| ())
}

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
    let mut store = Store::read(dir.path()).unwrap();
    save(&mut store, "beyond-syntax", &ticked()).unwrap();
    drop(store);
    let again = Store::read(dir.path()).unwrap();
    assert_eq!(again.roadmap("beyond-syntax"), ticked());
}

#[test]
fn the_file_is_human_readable_toml_with_a_version_and_a_table_per_roadmap() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::read(dir.path()).unwrap();
    save(&mut store, "beyond-syntax", &ticked()).unwrap();
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
    let mut store = Store::read(dir.path()).unwrap();
    let mut other = RoadmapProgress::default();
    other.set_status("ownership", Status::InProgress, fixed_now());
    save(&mut store, "rust", &other).unwrap();
    save(&mut store, "beyond-syntax", &ticked()).unwrap();
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
    let mut store = Store::read(dir.path()).unwrap();
    let mut p = RoadmapProgress::default();
    p.set_status("fundamentals", Status::InProgress, fixed_now());
    save(&mut store, "beyond-syntax", &p).unwrap();
    let first = fs::read(dir.path().join(PROGRESS_FILE)).unwrap();
    p.set_status("fundamentals", Status::Done, fixed_now());
    save(&mut store, "beyond-syntax", &p).unwrap();
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
    let mut store = Store::read(&dir).unwrap();
    save(&mut store, "beyond-syntax", &ticked()).unwrap();
    let mut changed = ticked();
    changed.set_status("ecosystem", Status::Done, fixed_now());
    save(&mut store, "beyond-syntax", &changed).unwrap();
    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join(PROGRESS_FILE)), 0o600);
    assert_eq!(mode(&dir.join(BACKUP_FILE)), 0o600);
}

#[test]
fn two_writers_both_save_and_neither_undoes_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = Store::read(dir.path()).unwrap();
    let mut second = Store::read(dir.path()).unwrap();
    let mut mine = first.roadmap("r");
    mine.set_status("a", Status::Done, fixed_now());
    save(&mut first, "r", &mine).unwrap();
    // The second never read what the first wrote: its save merges it in.
    let mut theirs = second.roadmap("r");
    theirs.set_note("b", "from the other window", fixed_now());
    save(&mut second, "r", &theirs).unwrap();
    let both = Store::read(dir.path()).unwrap().roadmap("r");
    assert_eq!(both.status("a"), Status::Done);
    assert_eq!(both.note("b"), "from the other window");
    // And the first, saving again, keeps the second's note.
    mine.set_status("c", Status::Skipped, fixed_now());
    save(&mut first, "r", &mine).unwrap();
    let all = Store::read(dir.path()).unwrap().roadmap("r");
    assert_eq!(all.note("b"), "from the other window");
    assert_eq!(all.status("c"), Status::Skipped);
}

#[test]
fn a_file_replaced_by_sync_is_merged_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::read(dir.path()).unwrap();
    let mut mine = store.roadmap("r");
    mine.set_status("a", Status::InProgress, fixed_now());
    save(&mut store, "r", &mine).unwrap();
    // Another machine's version arrives by rename, as sync tools do it.
    let incoming = "version = 1\n[roadmaps.r.skills.b]\nstatus = \"done\"\nchanged = 2026-01-02\nnote = \"laptop\"\nnote_changed = 2026-01-02T10:00\n";
    let staged = dir.path().join(".incoming");
    fs::write(&staged, incoming).unwrap();
    fs::rename(&staged, dir.path().join(PROGRESS_FILE)).unwrap();
    assert!(store.changed_on_disk());
    mine.set_item("a", "x", true, fixed_now());
    save(&mut store, "r", &mine).unwrap();
    let merged = Store::read(dir.path()).unwrap().roadmap("r");
    assert_eq!(merged.status("b"), Status::Done);
    assert_eq!(merged.note("b"), "laptop");
    assert!(merged.item_done("a", "x"));
    assert_eq!(
        merged.status("a"),
        Status::InProgress,
        "our earlier change too"
    );
    // The next look finds its own write: nothing new, nothing written.
    let written = fs::read(dir.path().join(PROGRESS_FILE)).unwrap();
    let committed = store.commit(&store.file().clone()).unwrap();
    assert!(!committed.from_disk);
    assert_eq!(fs::read(dir.path().join(PROGRESS_FILE)).unwrap(), written);
    assert!(!store.changed_on_disk());
}

#[test]
fn a_save_with_nothing_new_leaves_the_file_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::read(dir.path()).unwrap();
    save(&mut store, "r", &ticked()).unwrap();
    // A hand edit, then a save of the same progress: nothing to write.
    let edited = fs::read_to_string(dir.path().join(PROGRESS_FILE)).unwrap() + "# my comment\n";
    fs::write(dir.path().join(PROGRESS_FILE), &edited).unwrap();
    let mut again = Store::read(dir.path()).unwrap();
    save(&mut again, "r", &ticked()).unwrap();
    assert_eq!(
        fs::read_to_string(dir.path().join(PROGRESS_FILE)).unwrap(),
        edited
    );
}

#[test]
fn an_unreadable_file_is_never_written_and_the_changes_wait_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::read(dir.path()).unwrap();
    save(&mut store, "r", &ticked()).unwrap();
    let good = fs::read_to_string(dir.path().join(PROGRESS_FILE)).unwrap();
    let conflicted = format!("<<<<<<< HEAD\n{good}=======\nversion = 1\n>>>>>>> other\n");
    fs::write(dir.path().join(PROGRESS_FILE), &conflicted).unwrap();
    let mut mine = ticked();
    mine.set_status("a", Status::Done, fixed_now());
    let err = save(&mut store, "r", &mine).unwrap_err();
    let SaveError::Unreadable { error, kept } = &err else {
        panic!("{err:?}");
    };
    assert!(
        error.contains(&format!("{}:1:", dir.path().join(PROGRESS_FILE).display())),
        "{error}"
    );
    assert_eq!(kept.as_ref().unwrap(), &dir.path().join(PENDING_FILE));
    assert_eq!(
        fs::read_to_string(dir.path().join(PROGRESS_FILE)).unwrap(),
        conflicted,
        "byte for byte"
    );
    assert_eq!(
        store.pending().unwrap().roadmaps["r"].status("a"),
        Status::Done
    );
    // Fixed by hand, with a change of its own: everything goes in, the
    // pending file goes.
    let fixed = good.replace(
        "[roadmaps.r.skills.fundamentals]",
        "[roadmaps.r.skills.z]\nstatus = \"skipped\"\n\n[roadmaps.r.skills.fundamentals]",
    );
    fs::write(dir.path().join(PROGRESS_FILE), fixed).unwrap();
    // A fresh process (the first was killed) saves anything: the pending changes go in.
    let mut later = Store::read(dir.path()).unwrap();
    save(&mut later, "other", &ticked()).unwrap();
    let merged = Store::read(dir.path()).unwrap().roadmap("r");
    assert_eq!(merged.status("a"), Status::Done);
    assert_eq!(merged.status("z"), Status::Skipped);
    assert!(!dir.path().join(PENDING_FILE).exists());
}

#[test]
fn windows_line_ends_are_read_as_unix_ones() {
    let dir = tempfile::tempdir().unwrap();
    let text = "version = 1\r\n[roadmaps.r.skills.a]\r\nnote = \"\"\"\r\none\r\ntwo\"\"\"\r\n";
    fs::write(dir.path().join(PROGRESS_FILE), text).unwrap();
    assert_eq!(
        Store::read(dir.path()).unwrap().roadmap("r").note("a"),
        "one\ntwo"
    );
}

#[test]
fn hand_written_dates_are_accepted_and_a_bad_one_is_placed() {
    let dir = tempfile::tempdir().unwrap();
    let text = "version = 1\n[roadmaps.r.skills.a]\nstatus = \"done\"\nchanged = 2026-01-01\n[roadmaps.r.skills.b]\nstatus = \"done\"\nchanged = \"2026-01-01 10:30\"\n";
    fs::write(dir.path().join(PROGRESS_FILE), text).unwrap();
    let p = Store::read(dir.path()).unwrap().roadmap("r");
    assert_eq!(
        p.skill("a").unwrap().changed.unwrap().to_string(),
        "2026-01-01T12:00:00Z"
    );
    assert_eq!(
        p.skill("b").unwrap().changed.unwrap().to_string(),
        "2026-01-01T10:30:00Z"
    );
    let err = corrupt(
        dir.path(),
        b"version = 1\n[roadmaps.r.skills.a]\nstatus = \"done\"\nchanged = \"last tuesday\"\n",
    )
    .to_string();
    assert!(err.contains(":4:11:"), "{err}");
    assert!(err.contains("last tuesday"), "{err}");
}

#[test]
fn conflict_copies_that_sync_tools_leave_are_found() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        PROGRESS_FILE,
        BACKUP_FILE,
        "progress.sync-conflict-20260101-101010-ABCDEFG.toml",
        "progress (Ana's conflicted copy 2026-01-01).toml",
        "notes.toml",
    ] {
        fs::write(dir.path().join(name), "version = 1\n").unwrap();
    }
    let names: Vec<String> = conflict_copies(dir.path())
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "progress (Ana's conflicted copy 2026-01-01).toml",
            "progress.sync-conflict-20260101-101010-ABCDEFG.toml"
        ]
    );
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
fn a_newer_file_names_no_backup_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let shown = corrupt(dir.path(), b"version = 2\n").to_string();
    assert!(!shown.contains(BACKUP_FILE), "{shown}");
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
    let mut store = Store::read(dir.path()).unwrap();
    save(&mut store, "beyond-syntax", &ticked()).unwrap();
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
    let mut store = Store::read(dir.path()).unwrap();
    save(&mut store, &roadmap.id, &p).unwrap();
    // The app loads, changes something else and saves: orphans survive.
    let mut loaded = Store::read(dir.path()).unwrap().roadmap(&roadmap.id);
    loaded.set_status("ecosystem", Status::InProgress, fixed_now());
    save(&mut store, &roadmap.id, &loaded).unwrap();
    let again = Store::read(dir.path()).unwrap().roadmap(&roadmap.id);
    assert_eq!(again.status("retired-skill"), Status::Done);
    assert!(again.item_done("fundamentals", "an-item-that-was-reworded"));
}

#[test]
fn a_failed_save_leaves_the_existing_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::read(dir.path()).unwrap();
    save(&mut store, "beyond-syntax", &ticked()).unwrap();
    let before = fs::read(dir.path().join(PROGRESS_FILE)).unwrap();
    // Something in the way of the backup makes the save fail before it writes.
    fs::remove_file(dir.path().join(BACKUP_FILE)).ok();
    fs::create_dir(dir.path().join(BACKUP_FILE)).unwrap();
    fs::write(dir.path().join(BACKUP_FILE).join("x"), b"x").unwrap();
    let mut changed = ticked();
    changed.set_status("ecosystem", Status::Done, fixed_now());
    let err = save(&mut store, "beyond-syntax", &changed).unwrap_err();
    assert!(!err.to_string().is_empty());
    assert_eq!(fs::read(dir.path().join(PROGRESS_FILE)).unwrap(), before);
    // Once the obstacle is gone, the next save works.
    fs::remove_dir_all(dir.path().join(BACKUP_FILE)).unwrap();
    save(&mut store, "beyond-syntax", &changed).unwrap();
    assert_ne!(fs::read(dir.path().join(PROGRESS_FILE)).unwrap(), before);
}

#[test]
fn a_data_directory_that_cannot_be_created_fails_saves_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-dir");
    fs::write(&blocker, b"").unwrap();
    let mut store = Store::read(&blocker.join("data")).unwrap();
    let err = save(&mut store, "beyond-syntax", &ticked())
        .unwrap_err()
        .to_string();
    assert!(!err.is_empty(), "a reason for the status bar");
    // The data directory itself is a file: said in those words.
    let mut store = Store::read(&blocker).unwrap();
    let err = save(&mut store, "beyond-syntax", &ticked())
        .unwrap_err()
        .to_string();
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

    let mut store = Store::read(dir.path()).unwrap();
    save(&mut store, "beyond-syntax", &ticked()).unwrap();

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
