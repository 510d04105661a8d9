//! The data dir of the embedded store under trouble: a full disk, a read-only mount, a
//! snapshot left unfinished by a kill. Each gives a clear message and damages nothing.

#[path = "common/mod.rs"]
mod common;
use common::*;

use std::process::Command;

#[test]
fn a_full_disk_gives_a_clear_message_and_no_damage() {
    use std::os::unix::process::CommandExt;
    let mut shop = Shop::new(&two_journal_config());
    shop.import(&[r#"{"type":"ticket","id":"T1","branch":"1","register":"1","time":"2026-03-02T09:15:00+01:00","lines":[{"vat":"1","amount":"12.10"}],"payments":[{"method":"CASH","amount":"12.10"}]}"#]);
    let before = shop.days();
    let big = shop.dir.path().join("big.jsonl");
    generate(&big, 20000, 5);
    let mut cmd = shop.cmd(&["import", big.to_str().unwrap()]);
    // A file size limit stands in for a full disk: writes past it fail with EFBIG.
    unsafe {
        cmd.pre_exec(|| {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: 2 << 20,
                rlim_max: 2 << 20,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let out = cmd.output().unwrap();
    let text = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("the disk is full"), "{text}");
    assert_eq!(shop.days(), before, "nothing of the failed batch counts");
    shop.expect(0, &["check"]);
    shop.expect(0, &["import", big.to_str().unwrap()]);
}

#[test]
fn a_read_only_data_dir_gives_a_clear_message_and_no_damage() {
    let mut shop = Shop::base();
    shop.import(&[r#"{"type":"ticket","id":"T1","branch":"1","register":"1","time":"2026-03-02T09:15:00+01:00","lines":[{"vat":"1","amount":"12.10"}],"payments":[{"method":"CASH","amount":"12.10"}]}"#]);
    let before = shop.days();
    let data = shop.data();
    let bin = env!("CARGO_BIN_EXE_dagkas");
    let probe = Command::new("unshare").args(["-m", "true"]).output();
    if !probe.as_ref().is_ok_and(|o| o.status.success()) {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("unshare -m is needed to mount the data dir read-only: {probe:?}");
        }
        eprintln!("skipped: unshare -m is not permitted here");
        return;
    }
    // A private mount namespace: the data dir is bind-mounted read-only for this run only.
    let script = format!(
        "mount --bind {d} {d} && mount -o remount,bind,ro {d} && DAGKAS_TODAY=2026-03-10 {bin} --config {c} --data {d} confirm --through 2026-03-05",
        d = data.display(),
        c = shop.config_path().display()
    );
    let out = Command::new("unshare")
        .args(["-m", "sh", "-c", &script])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("Read-only file system"), "{text}");
    assert_eq!(shop.days(), before);
    shop.expect(0, &["check"]);
}

#[test]
fn a_snapshot_left_unfinished_by_a_kill_does_not_block_the_store() {
    let mut shop = Shop::new(&two_journal_config());
    shop.import(&[r#"{"type":"ticket","id":"T1","branch":"1","register":"1","time":"2026-03-02T09:15:00+01:00","lines":[{"vat":"1","amount":"12.10"}],"payments":[{"method":"CASH","amount":"12.10"}]}"#]);
    let before = shop.days();
    // What a process killed while sled wrote a snapshot leaves: a partial file that sorts
    // after the complete snapshots.
    let unfinished = shop.data().join("store").join("snap.FFFFFFFFFFFFFFFF.generating");
    std::fs::write(&unfinished, b"\x01\x02\x03").unwrap();
    assert_eq!(shop.days(), before);
    assert!(!unfinished.exists());
    shop.expect(0, &["check"]);
}
