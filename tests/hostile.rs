//! Hostile and careless input, config changes after closing, and output that can fail: each
//! test is one defect an adversarial probe found, run on the real binary.

#[path = "common/mod.rs"]
mod common;
use common::*;

use std::io::Write;
use std::process::Stdio;

fn ticket(id: &str, day: u32, amount: &str) -> String {
    format!(
        r#"{{"type":"ticket","id":"{id}","branch":"1","register":"1","time":"2026-03-{day:02}T10:00:00+01:00","lines":[{{"vat":"1","amount":"{amount}"}}],"payments":[{{"method":"CASH","amount":"{amount}"}}]}}"#
    )
}

fn audit_len(shop: &Shop) -> usize {
    shop.json(&["audit", "--json"]).as_array().unwrap().len()
}

fn turnover(shop: &Shop, date: &str) -> String {
    shop.day(date)["turnover"].as_str().unwrap().to_string()
}

/// Run with `input` on stdin; returns (exit code, stdout + stderr).
fn with_stdin(shop: &Shop, args: &[&str], input: &str) -> (i32, String) {
    let mut child = shop
        .cmd(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (out.status.code().unwrap_or(-1), text(&out))
}

#[test]
fn an_import_from_a_pipe_reads_every_line() {
    let shop = Shop::base();
    let lines: Vec<String> = (0..1000).map(|i| ticket(&format!("P{i}"), 2 + i % 5, "1.00")).collect();
    let text = lines.join("\n") + "\n";
    for path in ["/dev/stdin", "-"] {
        let (code, out) = with_stdin(&shop, &["import", path], &text);
        assert_eq!(code, 0, "{out}");
        let expect = if path == "-" {
            "0 new, 0 changed, 1000 unchanged"
        } else {
            "1000 new"
        };
        assert!(out.contains(expect), "{path}: {out}");
    }
    assert_eq!(turnover(&shop, "2026-03-02"), "200.00");
}

#[test]
fn a_fifo_is_read_once_and_a_bad_line_in_it_refuses_it_whole() {
    let shop = Shop::base();
    let fifo = shop.dir.path().join("feed");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let before = audit_len(&shop);
    // 2000 good lines and 2 bad ones, through a FIFO with one writer: it can be read once.
    let mut text: String = (0..2000).map(|i| ticket(&format!("F{i}"), 3, "1.00") + "\n").collect();
    text.push_str("{\"type\":\"ticket\"\n");
    text.push_str(&ticket("BAD", 3, "1.001"));
    text.push('\n');
    let path = fifo.clone();
    let writer = std::thread::spawn(move || std::fs::write(path, text));
    let out = shop.expect(1, &["import", fifo.to_str().unwrap()]);
    writer.join().unwrap().unwrap();
    assert!(out.contains(&format!("{}:2001: ", fifo.display())), "{out}");
    assert!(out.contains(&format!("{}:2002: ", fifo.display())), "{out}");
    assert!(out.contains("nothing was imported"), "{out}");
    assert_eq!(audit_len(&shop), before, "nothing stored, nothing audited");
    assert_eq!(turnover(&shop, "2026-03-03"), "0.00");
    // No private copy is left behind.
    let left: Vec<_> = std::fs::read_dir(shop.data())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("spool"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// The store's keys and the batches it lists, as a refused import must leave them.
fn traces(shop: &Shop) -> (u64, Vec<u64>) {
    let ledger = shop.ledger();
    let batches = ledger.store.batches().unwrap().into_iter().map(|(n, _)| n).collect();
    (ledger.store.keys().unwrap(), batches)
}

#[test]
fn a_bad_line_after_thousands_of_good_ones_leaves_no_trace() {
    let mut shop = Shop::base();
    shop.import(&[&ticket("A", 2, "5.00")]);
    let (days, audit, log, before) = (
        shop.days(),
        audit_len(&shop),
        shop.expect(0, &["sync", "--log"]),
        traces(&shop),
    );
    // The good lines are written into the batch as they are read, a change to a known
    // document among them; the bad one at the end refuses the file and removes them.
    let mut lines: Vec<String> = (0..3000).map(|i| ticket(&format!("G{i}"), 2 + i % 5, "1.00")).collect();
    lines.push(ticket("A", 2, "7.00"));
    lines.push("{\"type\":\"ticket\"".into());
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let path = shop.file(&refs);
    let out = shop.expect(1, &["import", path.to_str().unwrap()]);
    assert!(out.contains(&format!("{}:3002: ", path.display())), "{out}");
    assert!(out.contains("nothing was imported"), "{out}");
    // First, before a listing could build again what the import dropped: the figures and
    // chain kept for its days stay too.
    assert_eq!(traces(&shop), before, "no key left behind or dropped, no batch record");
    assert_eq!(shop.days(), days, "no day changed");
    assert_eq!(audit_len(&shop), audit, "nothing audited");
    assert_eq!(shop.expect(0, &["sync", "--log"]), log, "no batch listed");
    // The good lines alone are then all new, and the known document changed once.
    let out = shop.import(&refs[..3001]);
    assert!(out.contains("3000 new, 1 changed, 0 unchanged"), "{out}");
    assert_eq!(turnover(&shop, "2026-03-02"), "607.00");
}

#[test]
fn an_endless_input_is_refused_with_bounded_memory() {
    let shop = Shop::base();
    let before = audit_len(&shop);
    let out = shop.expect(1, &["import", "/dev/zero"]);
    assert!(out.contains("/dev/zero:1: the line is longer than 1 MiB"), "{out}");
    assert_eq!(audit_len(&shop), before);
}

#[test]
fn an_overlong_id_is_refused_with_its_line() {
    let mut shop = Shop::base();
    let long = ticket(&"x".repeat(5000), 2, "1.00");
    let path = shop.file(&[&ticket("OK", 2, "1.00"), &long]);
    let out = shop.expect(1, &["import", path.to_str().unwrap()]);
    assert!(out.contains(&format!("{}:2: ", path.display())), "{out}");
    assert!(out.contains("`id` is 5000 bytes long; at most 200"), "{out}");
}

#[test]
fn a_key_given_twice_is_refused_with_its_line() {
    let mut shop = Shop::base();
    let twice = ticket("D1", 2, "12.10").replace(r#""amount":"12.10"}]"#, r#""amount":"99.00","amount":"12.10"}]"#);
    let path = shop.file(&[&twice]);
    let out = shop.expect(1, &["import", path.to_str().unwrap()]);
    assert!(out.contains(&format!("{}:1: ", path.display())), "{out}");
    assert!(out.contains("`amount` appears twice"), "{out}");
}

#[test]
fn a_byte_order_mark_at_the_start_is_accepted() {
    let shop = Shop::base();
    let path = shop.dir.path().join("excel.jsonl");
    std::fs::write(&path, format!("\u{feff}{}\n", ticket("B1", 2, "3.00"))).unwrap();
    shop.expect(0, &["import", path.to_str().unwrap()]);
    assert_eq!(turnover(&shop, "2026-03-02"), "3.00");
}

#[test]
fn config_dates_names_and_size_are_bounded() {
    let shop = Shop::new(&BASE.replace("start = \"2026-03-01\"", "start = \"0001-01-01\""));
    let out = shop.expect(1, &["config", "validate"]);
    let cfg = shop.config_path().display().to_string();
    assert!(out.contains(&format!("{cfg}:")), "{out}");
    assert!(
        out.contains("daybook[0].start") && out.contains("0001-01-01 is outside 1990-01-01"),
        "{out}"
    );
    // `days` on such a config refuses too, at once, instead of building 740 000 days.
    shop.expect(1, &["days"]);

    let long = "B".repeat(2_000_000);
    std::fs::write(
        shop.config_path(),
        BASE.replace("name = \"Testwinkel\"", &format!("name = \"{long}\"")),
    )
    .unwrap();
    let out = shop.expect(1, &["config", "validate"]);
    assert!(out.contains("larger than 1024 KiB"), "{out}");
    assert!(!out.contains("BBBB"), "the name is not copied out");

    let name = "B".repeat(5_000);
    std::fs::write(
        shop.config_path(),
        BASE.replace("name = \"Testwinkel\"", &format!("name = \"{name}\"")),
    )
    .unwrap();
    let out = shop.expect(1, &["config", "validate"]);
    assert!(
        out.contains("dossier.name") && out.contains("5000 bytes long; at most 1000"),
        "{out}"
    );
}

#[test]
fn a_file_source_sync_names_its_bad_lines_and_counts_its_runs() {
    let shop = Shop::base();
    let feed = shop.dir.path().join("feed.jsonl");
    std::fs::write(
        shop.config_path(),
        BASE.replace(
            "kind = \"file\"",
            &format!("kind = \"file\"\npath = \"{}\"", feed.display()),
        ),
    )
    .unwrap();
    std::fs::write(&feed, ticket("S1", 2, "4.00") + "\n").unwrap();
    shop.expect(0, &["sync", "--once"]);
    let log = shop.expect(0, &["sync", "--log"]);
    assert!(!log.contains("last success never"), "{log}");
    assert!(log.contains("0 failed runs"), "{log}");

    std::fs::write(&feed, ticket("S1", 2, "4.00") + "\n" + &ticket("S2", 2, "4.001") + "\n").unwrap();
    let out = shop.expect(1, &["sync", "--once"]);
    assert!(out.contains(&format!("{}:2: ", feed.display())), "{out}");
    assert!(out.contains("nothing was stored"), "{out}");
    let audit = shop.json(&["audit", "--json"]);
    let failed = audit
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "sync failed")
        .expect("a sync failed entry");
    assert!(failed["detail"]["error"].as_str().unwrap().contains(":2: "), "{failed}");
    let log = shop.expect(0, &["sync", "--log"]);
    assert!(log.contains("1 failed run"), "{log}");
    assert_eq!(turnover(&shop, "2026-03-02"), "4.00");
}

/// Run with standard output on `/dev/full`: every write fails with "no space left".
fn to_full_disk(shop: &Shop, args: &[&str]) -> (Option<i32>, String) {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = shop.cmd(args).stdout(full).output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stderr).to_string())
}

#[test]
fn a_failed_write_to_standard_output_fails_the_command() {
    let mut shop = Shop::base();
    shop.import(&[&ticket("W1", 2, "12.10")]);
    shop.expect(0, &["confirm", "--through", "2026-03-02"]);
    for args in [
        &["export", "--format", "csv"][..],
        &["export", "--format", "hledger"],
        &["export", "--format", "xaf"],
        &["export", "--format", "yuki"],
        &["days"],
        &["days", "--json"],
        &["audit"],
        &["audit", "--json"],
        &["invoices", "--json"],
        &["check"],
        &["sync", "--log"],
    ] {
        let (code, err) = to_full_disk(&shop, args);
        assert_eq!(code, Some(1), "{args:?}: {err}");
        assert!(
            err.contains("standard output") && err.contains("disk is full"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    // A reader that goes away early is no error worth a message.
    let mut child = shop
        .cmd(&["days"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

/// Whether this machine lets a test make a private mount namespace (root in CI).
fn can_unshare() -> bool {
    let probe = std::process::Command::new("unshare").args(["-m", "true"]).output();
    if probe.as_ref().is_ok_and(|o| o.status.success()) {
        return true;
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("unshare -m is needed to mount a small disk for the test: {probe:?}");
    }
    eprintln!("skipped: unshare -m is not permitted here");
    false
}

#[test]
fn an_export_file_is_written_whole_or_not_at_all() {
    if !can_unshare() {
        return;
    }
    let mut shop = Shop::base();
    shop.import(&[&ticket("E1", 2, "12.10")]);
    // Four years of days: an export far larger than the small disk below.
    shop.today = "2030-03-10".into();
    let disk = shop.dir.path().join("small");
    std::fs::create_dir(&disk).unwrap();
    let script = format!(
        "mount -t tmpfs -o size=64k tmpfs {d} && printf 'the previous export\\n' > {d}/book.csv && \
         DAGKAS_TODAY=2030-03-10 {bin} --config {c} --data {data} export --format csv --out {d}/book.csv; \
         echo \"exit $?\"; cat {d}/book.csv; ls -a {d}",
        d = disk.display(),
        bin = env!("CARGO_BIN_EXE_dagkas"),
        c = shop.config_path().display(),
        data = shop.data().display(),
    );
    let out = std::process::Command::new("unshare")
        .args(["-m", "sh", "-c", &script])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("exit 1"), "{text}{err}");
    assert!(err.contains("disk is full"), "{err}");
    assert!(
        text.contains("the previous export\n"),
        "the old file stays whole: {text}"
    );
    assert!(!text.contains(".tmp"), "no temporary file is left: {text}");
    // With room, the same export lands whole.
    let out = shop.dir.path().join("book.csv");
    shop.expect(0, &["export", "--format", "csv", "--out", out.to_str().unwrap()]);
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.len() > 64 * 1024 && csv.ends_with('\n'), "{}", csv.len());
}

#[test]
fn a_malformed_set_is_a_usage_error_and_a_deleted_lock_is_named() {
    let mut shop = Shop::base();
    shop.import(&[&ticket("U1", 2, "12.10")]);
    let out = shop.expect(
        2,
        &[
            "edit",
            "2026-03-02",
            "--book",
            "DO1",
            "--set",
            "turnover-V21=1",
            "--reason",
            "x",
        ],
    );
    assert!(out.contains("expected KIND:CODE=AMOUNT"), "{out}");
    let out = shop.expect(
        2,
        &[
            "edit",
            "2026-03-02",
            "--book",
            "DO1",
            "--set",
            "turnover:V21=1.001",
            "--reason",
            "x",
        ],
    );
    assert!(out.contains("1.001"), "{out}");

    // Another process holds the store; its lock file is deleted under it.
    let held = shop.ledger();
    let _ = std::fs::remove_file(shop.data().join("dagkas.lock"));
    let out = shop.cmd(&["days"]).env("DAGKAS_LOCK_WAIT", "0.5").output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("store in use"), "plain words, not sled's: {err}");
    drop(held);
    shop.expect(0, &["days"]);
}

/// The last sale may be on a day confirmed before: the run to confirm starts after it.
#[test]
fn a_clock_ahead_after_confirmed_sales_still_names_the_last_sale() {
    let mut shop = Shop::base();
    shop.import(&[&ticket("K1", 2, "12.10"), &ticket("K2", 3, "5.00")]);
    let out = shop.expect(0, &["confirm", "--through", "2026-03-03"]);
    assert!(!out.contains("warning"), "{out}");
    shop.today = "2026-05-10".into();
    let out = shop.expect(0, &["confirm", "--through", "2026-05-09"]);
    assert!(
        out.contains("warning: DO1: 67 days") && out.contains("after the last day with POS documents (2026-03-03)"),
        "{out}"
    );
}

#[test]
fn a_wrong_clock_is_noticed() {
    let mut shop = Shop::base();
    shop.import(&[&ticket("K1", 2, "12.10"), &ticket("K2", 3, "5.00")]);
    // The clock runs two months ahead: days without sales are confirmed into the future.
    shop.today = "2026-05-10".into();
    let out = shop.expect(0, &["confirm", "--through", "2026-05-09"]);
    assert!(
        out.contains("warning: DO1:") && out.contains("after the last day with POS documents (2026-03-03)"),
        "{out}"
    );
    // The clock is right again: check names the days that have not ended.
    shop.today = "2026-03-10".into();
    let out = shop.expect(1, &["check"]);
    assert!(out.contains("problem: clock: DO1 2026-03-10: confirmed"), "{out}");
    assert!(out.contains("DO1 2026-05-09"), "{out}");
    // Nothing changes the book until the clock is explained: no reopen of a future day.
    let out = shop.expect(1, &["reopen", "2026-05-09", "--book", "DO1", "--reason", "clock"]);
    assert!(out.contains("the clock is behind"), "{out}");
    shop.expect(1, &["confirm", "--through", "2026-03-09"]);
    // An import still lands; the immediate modes wait with a word.
    shop.import(&[&ticket("K3", 4, "1.00")]);
    // The way out: reopen what was confirmed ahead, last day first (R9), saying so.
    let out = shop.expect(
        1,
        &[
            "reopen",
            "2026-03-09",
            "--book",
            "DO1",
            "--reason",
            "clock",
            "--clock-was-ahead",
        ],
    );
    assert!(out.contains("has ended by this machine's clock"), "{out}");
    let mut day = chrono::NaiveDate::from_ymd_opt(2026, 5, 9).unwrap();
    while day >= chrono::NaiveDate::from_ymd_opt(2026, 3, 10).unwrap() {
        let d = day.to_string();
        shop.expect(
            0,
            &[
                "reopen",
                &d,
                "--book",
                "DO1",
                "--reason",
                "the clock was ahead",
                "--clock-was-ahead",
            ],
        );
        day = day.pred_opt().unwrap();
    }
    shop.expect(0, &["check"]);
    let audit = shop.json(&["audit", "--json"]);
    assert!(audit
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["detail"]["clock_was_ahead"] == true));
}

fn two_rates(v6: &str) -> String {
    format!(
        r#"{{"type":"ticket","id":"{v6}","branch":"1","register":"1","time":"2026-03-02T10:00:00+01:00","lines":[{{"vat":"1","amount":"12.10"}},{{"vat":"2","amount":"{v6}"}}],"payments":[{{"method":"CASH","amount":"{}"}}]}}"#,
        (v6.parse::<f64>().unwrap() * 100.0 + 1210.0).round() as i64 as f64 / 100.0
    )
}

#[test]
fn a_config_change_never_rewrites_a_confirmed_day() {
    let mut shop = Shop::base();
    shop.import(&[&two_rates("106.00")]);
    shop.expect(0, &["confirm", "--through", "2026-03-03"]);
    shop.expect(0, &["centralise", "--through", "2026-03-02"]);
    let csv = shop.expect(0, &["export", "--format", "csv"]);
    assert!(csv.contains("2026-03-02,DO1,vat,V6,6.00,centralised"), "{csv}");
    let hledger = shop.expect(0, &["export", "--format", "hledger"]);
    let cfg = std::fs::read_to_string(shop.config_path()).unwrap();
    let refused = |shop: &Shop, what: &str, expect: &[&str]| {
        for args in [&["config", "validate"][..], &["days"], &["export", "--format", "csv"]] {
            let out = shop.expect(1, args);
            assert!(
                out.contains("the config changes days that are confirmed"),
                "{what} {args:?}: {out}"
            );
            for e in expect {
                assert!(out.contains(e), "{what} {args:?}: no {e:?} in {out}");
            }
        }
    };

    // A new rate for V6.
    let v6 = "code = \"V6\"\nrate = \"6\"";
    std::fs::write(shop.config_path(), cfg.replace(v6, "code = \"V6\"\nrate = \"12\"")).unwrap();
    refused(&shop, "rate", &["DO1 2026-03-02: vat V6", "6.00 → 11.36"]);
    // A category the confirmed days use, removed.
    std::fs::write(
        shop.config_path(),
        cfg.replace(
            "[[vat_category]]\ncode = \"V6\"\nrate = \"6\"\naccount = \"700006\"\n",
            "",
        )
        .replace("\"2\" = \"V6\"\n", ""),
    )
    .unwrap();
    refused(
        &shop,
        "removed",
        &["turnover V6 on 700006: 106.00 → on (a code not in the config)"],
    );
    // Another account for a method.
    std::fs::write(
        shop.config_path(),
        cfg.replace(
            "code = \"CASH\"\naccount = \"570000\"",
            "code = \"CASH\"\naccount = \"570001\"",
        ),
    )
    .unwrap();
    refused(&shop, "account", &["payment CASH on 570000"]);

    // The same rate change from a date after the last confirmed day is what a person means.
    std::fs::write(
        shop.config_path(),
        cfg.replace(
            v6,
            "code = \"V6\"\nrate = \"6\"\nrates = [{ from = \"2026-03-04\", rate = \"12\" }]",
        ),
    )
    .unwrap();
    shop.expect(0, &["config", "validate"]);
    assert_eq!(
        shop.expect(0, &["export", "--format", "csv"]),
        csv,
        "the centralised days are as they were"
    );
    assert_eq!(shop.expect(0, &["export", "--format", "hledger"]), hledger);
    shop.expect(0, &["check"]);
}

/// Run a shell script in a private mount namespace, with `bin`, `cfg` and `data` set.
fn in_namespace(shop: &Shop, script: &str) -> (String, String) {
    let full = format!(
        "bin={}; cfg={}; data={}; export DAGKAS_TODAY={}; {script}",
        env!("CARGO_BIN_EXE_dagkas"),
        shop.config_path().display(),
        shop.data().display(),
        shop.today
    );
    let out = std::process::Command::new("unshare")
        .args(["-m", "sh", "-c", &full])
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn the_books_can_be_read_when_the_disk_is_full() {
    if !can_unshare() {
        return;
    }
    let mut shop = Shop::base();
    let lines: Vec<String> = (0..300).map(|i| ticket(&format!("R{i}"), 2 + i % 7, "2.00")).collect();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let small = shop.file(&refs);
    let more: Vec<String> = (0..20000)
        .map(|i| ticket(&format!("M{i}"), 2 + i % 7, "1.00"))
        .collect();
    let refs: Vec<&str> = more.iter().map(String::as_str).collect();
    let big = shop.file(&refs);
    std::fs::create_dir_all(shop.data()).unwrap();
    let out_dir = shop.dir.path().display().to_string();
    // A small disk for the data dir: the books are made, the disk filled, then read. Each
    // command on the full disk has two minutes: one that waits for ever fails the test.
    let (text, err) = in_namespace(
        &shop,
        &format!(
            "mount -t tmpfs -o size=24m tmpfs $data || exit 9; \
             $bin --config $cfg --data $data import {small} >/dev/null || exit 8; \
             $bin --config $cfg --data $data confirm --through 2026-03-04 >/dev/null || exit 7; \
             $bin --config $cfg --data $data days --json > {out_dir}/before.json; \
             dd if=/dev/zero of=$data/fill bs=64k 2>/dev/null; \
             timeout 120 $bin --config $cfg --data $data import {big}; echo \"import $?\"; \
             for c in 'days --json' days check 'export --format csv' audit 'sync --log' 'invoices --json'; do \
               timeout 120 $bin --config $cfg --data $data $c > {out_dir}/read.out; echo \"$c $?\"; \
             done; \
             timeout 120 $bin --config $cfg --data $data days --json > {out_dir}/after.json; \
             timeout 120 $bin --config $cfg --data $data confirm --through 2026-03-05; echo \"confirm $?\"; \
             rm $data/fill; $bin --config $cfg --data $data check >/dev/null; echo \"check with room $?\"",
            small = small.display(),
            big = big.display(),
        ),
    );
    let said = |line: &str| text.lines().any(|l| l == line);
    assert!(said("import 1"), "{text}{err}");
    assert!(err.contains("disk is full"), "{err}");
    for c in [
        "days --json",
        "days",
        "check",
        "export --format csv",
        "audit",
        "sync --log",
        "invoices --json",
    ] {
        assert!(said(&format!("{c} 0")), "{c} on a full disk: {text}{err}");
    }
    assert!(said("confirm 1"), "a change needs room: {text}");
    assert!(said("check with room 0"), "{text}{err}");
    let before = std::fs::read_to_string(shop.dir.path().join("before.json")).unwrap();
    let after = std::fs::read_to_string(shop.dir.path().join("after.json")).unwrap();
    assert!(before.len() > 1000);
    assert_eq!(before, after, "the failed import counts for nothing");
}

#[test]
fn an_archived_dossier_on_a_read_only_disk_can_be_read() {
    if !can_unshare() {
        return;
    }
    let mut shop = Shop::base();
    shop.import(&[&ticket("A1", 2, "12.10")]);
    shop.expect(0, &["confirm", "--through", "2026-03-05"]);
    let days = shop.expect(0, &["days", "--json"]);
    let out_dir = shop.dir.path().display().to_string();
    let (text, err) = in_namespace(
        &shop,
        &format!(
            "mount --bind $data $data && mount -o remount,bind,ro $data || exit 9; \
             $bin --config $cfg --data $data days --json > {out_dir}/ro.json; echo \"days $?\"; \
             $bin --config $cfg --data $data check; echo \"check $?\"; \
             $bin --config $cfg --data $data export --format xaf > /dev/null; echo \"xaf $?\"; \
             $bin --config $cfg --data $data reopen 2026-03-05 --book DO1 --reason x; echo \"reopen $?\""
        ),
    );
    assert!(
        text.contains("days 0") && text.contains("check 0") && text.contains("xaf 0"),
        "{text}{err}"
    );
    assert!(err.contains("reading a private copy"), "{err}");
    assert!(text.contains("reopen 1"), "{text}{err}");
    assert_eq!(std::fs::read_to_string(shop.dir.path().join("ro.json")).unwrap(), days);
}

#[test]
fn demo_refuses_a_config_it_would_not_read() {
    // The demo writes its own config; a `--config` beside it would silently not apply.
    let shop = Shop::base();
    let demo = shop.dir.path().join("demo");
    let out = shop
        .cmd(&["demo", "--no-tui", "--data", demo.to_str().unwrap()])
        .output()
        .unwrap();
    let said = text(&out);
    assert_eq!(out.status.code(), Some(2), "{said}");
    assert!(
        said.contains(&shop.config_path().display().to_string()) && said.contains("--data"),
        "{said}"
    );
    assert!(!demo.exists(), "nothing is built");
    // Without it the demo is built where `--data` says.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dagkas"))
        .args(["demo", "--no-tui", "--data", demo.to_str().unwrap()])
        .env("DAGKAS_TODAY", &shop.today)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(demo.join("dagkas.toml").exists());
}

#[test]
fn control_sequences_from_pos_data_never_reach_the_terminal() {
    if !require_tool("tmux") {
        return;
    }
    let mut shop = Shop::base();
    // An unmapped method whose name would set the title, clear the screen and turn red.
    shop.import(&[
        r#"{"type":"ticket","id":"T1","time":"2026-03-02T09:15:00+01:00","lines":[{"vat":"1","amount":"12.10"}],"payments":[{"method":"X\u001b]0;PWNED-TITLE\u0007\u001b[2J\u001b[31mRED","amount":"12.10"}]}"#,
    ]);
    let tmux = Tmux::new("ctl");
    let command = format!(
        "env DAGKAS_TODAY={} {} --config {} --data {} days; env DAGKAS_TODAY={} {} --config {} --data {} confirm --through 2026-03-05; sleep 30",
        shop.today,
        env!("CARGO_BIN_EXE_dagkas"),
        shop.config_path().display(),
        shop.data().display(),
        shop.today,
        env!("CARGO_BIN_EXE_dagkas"),
        shop.config_path().display(),
        shop.data().display()
    );
    tmux.start(200, 40, &command);
    let screen = tmux.wait_for("stopped at DO1");
    // The days table and the confirm's message are both still on the screen: nothing cleared it.
    assert!(screen.contains("date") && screen.contains("2026-03-02"), "{screen}");
    assert!(screen.contains("X\u{fffd}]0;PWNED-TITLE"), "{screen}");
    let title = tmux.run(&["display-message", "-p", "-t", "ctl", "#{pane_title}"]);
    assert!(!title.contains("PWNED"), "the title was set: {title}");
    // Machine output keeps the exact text.
    let days = shop.days();
    assert!(days.to_string().contains("X\\u001b]0;PWNED-TITLE"), "{days}");
}

#[test]
fn an_amount_the_book_could_not_sum_or_read_back_is_refused_where_it_enters() {
    let mut shop = Shop::base();
    shop.import(&[&ticket("T1", 2, "12.10")]);
    let before = (shop.days(), audit_len(&shop));
    // An edit of 10^20: it was stored, and every command after it found the store locked.
    let out = shop.expect(
        2,
        &[
            "edit",
            "2026-03-02",
            "--book",
            "DO1",
            "--set",
            "turnover:V21=99999999999999999999.99",
            "--reason",
            "typo",
        ],
    );
    assert!(out.contains("more than the book takes"), "{out}");
    // Two tickets of 6·10^19: refused whole, named by file, line and field.
    let path = shop.file(&[
        &ticket("B1", 3, "60000000000000000000.00"),
        &ticket("B2", 3, "60000000000000000000.00"),
    ]);
    let out = shop.expect(1, &["import", path.to_str().unwrap()]);
    assert!(
        out.contains(&format!("{}:1: ", path.display())) && out.contains("lines[].amount"),
        "{out}"
    );
    assert_eq!((shop.days(), audit_len(&shop)), before, "nothing stored");
    // The largest amount it takes is summed and read back everywhere.
    shop.import(&[&ticket("M1", 4, "999999999999.99"), &ticket("M2", 4, "999999999999.99")]);
    assert_eq!(turnover(&shop, "2026-03-04"), "1999999999999.98");
    shop.edit("2026-03-04", "turnover:V21=999999999999.99", "the largest correction");
    for format in ["csv", "hledger", "yuki"] {
        shop.expect(0, &["export", "--format", format]);
    }
    shop.expect(0, &["confirm", "--through", "2026-03-03"]);
    shop.expect(0, &["check"]);
    // A config amount beyond it is named with its line.
    let bad = Shop::new(&BASE.replace("opening_balance = \"100.00\"", "opening_balance = \"1000000000000.00\""));
    let out = bad.expect(1, &["config", "validate"]);
    assert!(
        out.contains("opening_balance") && out.contains("more than the book takes"),
        "{out}"
    );
}

#[test]
fn hostile_settings_and_environment_are_refused_not_panicked_on() {
    // A source name that would become a path, a timeout and a body size that are no such.
    let bad = Shop::new(&BASE.replace(
        "name = \"kassa\"\nkind = \"file\"",
        "name = \"a/b\"\nkind = \"lightspeed\"\naccount_id = \"1\"\nclient_id = \"c\"\nclient_secret_env = \"X\"\ntimeout = \"banana\"\nmax_body_mb = \"lots\"",
    )
    .replace("source = \"kassa\"", "source = \"a/b\""));
    let out = bad.expect(1, &["config", "validate"]);
    for field in ["source[0].name", "source[0].timeout", "source[0].max_body_mb"] {
        assert!(out.contains(field), "{field} in {out}");
    }
    let shop = Shop::base();
    // A lock wait too large for a duration: no panic.
    let out = shop.cmd(&["days"]).env("DAGKAS_LOCK_WAIT", "1e300").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    // A far "today" is refused, not months of days written.
    let out = shop.cmd(&["days"]).env("DAGKAS_TODAY", "9999-12-31").output().unwrap();
    assert_ne!(out.status.code(), Some(0));
    assert!(text(&out).contains("DAGKAS_TODAY"), "{}", text(&out));
}

#[test]
fn an_id_with_a_control_character_is_refused_with_its_line() {
    let mut shop = Shop::base();
    let path = shop.file(&[&ticket("T1", 2, "1.00"), &ticket("T\\u0000X", 2, "1.00")]);
    let out = shop.expect(1, &["import", path.to_str().unwrap()]);
    assert!(
        out.contains(&format!("{}:2: ", path.display())) && out.contains("control character"),
        "{out}"
    );
    assert!(shop.days().as_array().unwrap().iter().all(|d| d["documents"] == 0));
}

#[test]
fn a_store_holding_an_amount_beyond_the_bounds_is_repaired_by_an_edit() {
    use dagkas::domain::book::{DayRecord, Edit, LineKind};
    let mut shop = Shop::base();
    shop.import(&[&ticket("T1", 2, "12.10")]);
    // What an earlier version let in: an edit of 10^20, beyond what a sum reads back.
    {
        let ledger = shop.ledger();
        let record = DayRecord {
            edits: vec![Edit {
                kind: LineKind::Turnover,
                code: "V21".into(),
                amount: "99999999999999999999.99".parse().unwrap(),
                reason: "typo".into(),
                author: "an".into(),
                at: chrono::Utc::now(),
            }],
            ..Default::default()
        };
        ledger
            .store
            .write_days(
                &[("DO1", date("2026-03-02"), &record)],
                dagkas::store::audit::NewEntry {
                    author: "an".into(),
                    action: "edit".into(),
                    reason: Some("typo".into()),
                    detail: serde_json::json!({}),
                },
            )
            .unwrap();
    }
    // The dossier is not locked: the days are listed and the day can be put right.
    let d2 = shop.day("2026-03-02");
    assert_eq!(d2["turnover"], "99999999999999999999.99", "{d2}");
    shop.edit("2026-03-02", "turnover:V21=12.10", "the typo put right");
    assert_eq!(shop.day("2026-03-02")["turnover"], "12.10");
    shop.expect(0, &["confirm", "--through", "2026-03-05"]);
    shop.expect(0, &["check"]);
}
