//! A store written by an earlier version opens unchanged: the same days to the cent, no
//! audit entry that no person made, `check` green. The fixture (`tests/data/store-*`) was
//! written by dagkas 0.1.0 at commit d18a85d: an import, a mapping, three days confirmed,
//! an edit; `days.json` and `audit.json` are what that version printed of it.

#[path = "common/mod.rs"]
mod common;
use common::*;

use std::path::Path;
use std::process::Command;

fn unpacked(fixture: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture.join("dagkas.toml"), dir.path().join("dagkas.toml")).unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    let out = Command::new("tar")
        .arg("-xzf")
        .arg(fixture.join("store.tar.gz"))
        .arg("-C")
        .arg(dir.path().join("data"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    dir
}

#[test]
fn a_store_of_an_earlier_version_opens_unchanged() {
    if common::on_postgres() {
        return;
    }
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/store-0.1.0-d18a85d");
    let dir = unpacked(&fixture);
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_dagkas"))
            .arg("--config")
            .arg(dir.path().join("dagkas.toml"))
            .arg("--data")
            .arg(dir.path().join("data"))
            .args(args)
            .env("DAGKAS_TODAY", "2026-03-07")
            .env("USER", "upgrade-test")
            .env_remove("DAGKAS_STORE_URL")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", text(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let json = |s: &str| serde_json::from_str::<serde_json::Value>(s).unwrap();
    let expected_days = json(&std::fs::read_to_string(fixture.join("days.json")).unwrap());
    assert_eq!(json(&run(&["days", "--json"])), expected_days, "the days, to the cent");
    run(&["check"]);
    let expected_audit = json(&std::fs::read_to_string(fixture.join("audit.json")).unwrap());
    assert_eq!(
        json(&run(&["audit", "--json"])),
        expected_audit,
        "opening, listing and checking wrote no entry"
    );
    // The books go on: a confirm is one more entry, by its author.
    run(&["confirm", "--through", "2026-03-04", "--author", "els"]);
    let audit = json(&run(&["audit", "--json"]));
    let entries = audit.as_array().unwrap();
    assert_eq!(entries.len(), expected_audit.as_array().unwrap().len() + 1, "{audit:#}");
    assert_eq!(entries.last().unwrap()["author"], "els");
}
