//! Import and the store: refused files store nothing, imports are idempotent and atomic,
//! the store refuses a second process and a newer schema; config validation.

#[path = "common/mod.rs"]
mod common;
use common::*;

const GOOD: &str = r#"{"type":"ticket","id":"T1","branch":"1","register":"1","time":"2026-03-02T09:15:00+01:00","lines":[{"vat":"1","amount":"12.10"}],"payments":[{"method":"CASH","amount":"20.00"},{"method":"CASH","amount":"-7.90"}]}"#;

/// The import entries of the audit log.
fn imports(shop: &Shop) -> usize {
    shop.json(&["audit", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "import")
        .count()
}

/// What a test can compare before and after a refused import: the store's keys and batches
/// (read first, before a listing could build again what an import dropped), the days and
/// the audit log.
fn state(shop: &Shop) -> (u64, Vec<u64>, serde_json::Value, usize) {
    let (keys, batches) = {
        let ledger = shop.ledger();
        let batches = ledger.store.batches().unwrap().into_iter().map(|(n, _)| n).collect();
        (ledger.store.keys().unwrap(), batches)
    };
    let audit = shop.json(&["audit", "--json"]);
    (keys, batches, shop.days(), audit.as_array().unwrap().len())
}

fn refused_whole(bad: &[u8], expect: &str) {
    let mut shop = Shop::base();
    shop.import(&[GOOD]);
    let before = state(&shop);
    let path = shop.dir.path().join("bad.jsonl");
    let mut content = b"{\"type\":\"ticket\",\"id\":\"T2\",\"time\":\"2026-03-03T10:00:00+01:00\",\"lines\":[{\"vat\":\"1\",\"amount\":\"5.00\"}],\"payments\":[{\"method\":\"CASH\",\"amount\":\"5.00\"}]}\n".to_vec();
    content.extend_from_slice(bad);
    content.push(b'\n');
    std::fs::write(&path, &content).unwrap();
    let out = shop.expect(1, &["import", path.to_str().unwrap()]);
    let located = format!("{}:2: ", path.display());
    assert!(out.contains(&located), "no {located} in:\n{out}");
    assert!(out.contains(expect), "no {expect:?} in:\n{out}");
    assert_eq!(state(&shop), before, "a refused file changed the store");
}

#[test]
fn bad_json_is_refused_whole() {
    refused_whole(br#"{"type":"ticket","id":"T3","#, "invalid JSON");
}

#[test]
fn invalid_utf8_is_refused_whole() {
    refused_whole(
        b"{\"type\":\"void\",\"id\":\"\xff\xfe\",\"time\":\"2026-03-03T10:00:00+01:00\"}",
        "invalid UTF-8",
    );
}

#[test]
fn an_amount_as_a_float_is_refused_whole() {
    refused_whole(
        GOOD.replace("\"12.10\"", "12.10").replace("T1", "T3").as_bytes(),
        "invalid type: floating point",
    );
}

#[test]
fn an_amount_with_three_decimals_is_refused_whole() {
    refused_whole(
        GOOD.replace("\"12.10\"", "\"12.100\"").replace("T1", "T3").as_bytes(),
        "more than 2 decimals",
    );
}

#[test]
fn a_time_without_offset_is_refused_whole() {
    refused_whole(
        GOOD.replace("+01:00", "").replace("T1", "T3").as_bytes(),
        "with an offset",
    );
}

#[test]
fn an_unknown_type_is_refused_whole() {
    refused_whole(br#"{"type":"receipt","id":"R1"}"#, "unknown document type \"receipt\"");
}

#[test]
fn a_missing_id_is_refused_whole() {
    refused_whole(
        br#"{"type":"void","time":"2026-03-03T10:00:00+01:00"}"#,
        "missing field `id`",
    );
}

#[test]
fn a_ticket_that_does_not_balance_is_refused_whole() {
    refused_whole(
        GOOD.replace("-7.90", "-7.00").replace("T1", "T3").as_bytes(),
        "does not balance",
    );
}

#[test]
fn every_bad_line_is_reported() {
    let mut shop = Shop::base();
    let path = shop.file(&["{", GOOD, "[]", &GOOD.replace("\"12.10\"", "\"1.001\"")]);
    let out = shop.expect(1, &["import", path.to_str().unwrap()]);
    let p = path.display();
    for n in [1, 3, 4] {
        assert!(out.contains(&format!("{p}:{n}: ")), "line {n} not reported:\n{out}");
    }
    assert!(!out.contains(&format!("{p}:2: ")), "{out}");
    assert_eq!(imports(&shop), 0);
}

#[test]
fn importing_twice_changes_nothing() {
    let mut shop = Shop::base();
    let first = shop.import(&[GOOD]);
    assert!(first.contains("1 new"), "{first}");
    let days = shop.days();
    let again = shop.import(&[GOOD]);
    assert!(again.contains("0 new, 0 changed, 1 unchanged"), "{again}");
    assert_eq!(shop.days(), days);
}

#[test]
fn the_same_id_with_new_content_is_an_update() {
    let mut shop = Shop::base();
    shop.import(&[GOOD]);
    let out = shop.import(&[&GOOD.replace("12.10", "13.10").replace("-7.90", "-6.90")]);
    assert!(out.contains("1 changed"), "{out}");
    assert_eq!(shop.day("2026-03-02")["turnover"], "13.10");
}

#[test]
fn a_document_that_moves_to_another_date_leaves_the_old_one() {
    let mut shop = Shop::base();
    shop.import(&[GOOD]);
    shop.import(&[&GOOD.replace("2026-03-02T09:15", "2026-03-04T09:15")]);
    assert_eq!(shop.day("2026-03-02")["turnover"], "0.00");
    assert_eq!(shop.day("2026-03-04")["turnover"], "12.10");
}

#[test]
fn a_void_withdraws_the_document_on_an_open_day() {
    let mut shop = Shop::base();
    shop.import(&[r#"{"type":"void","id":"T1","time":"2026-03-03T10:00:00+01:00"}"#]);
    shop.import(&[GOOD]);
    assert_eq!(
        shop.day("2026-03-02")["turnover"],
        "0.00",
        "a void before its ticket still counts"
    );
    let mut shop = Shop::base();
    shop.import(&[GOOD]);
    shop.import(&[r#"{"type":"void","id":"T1","time":"2026-03-03T10:00:00+01:00"}"#]);
    assert_eq!(shop.day("2026-03-02")["turnover"], "0.00");
    assert_eq!(cash(&shop.day("2026-03-02"), "closing"), "100.00");
}

#[test]
fn a_second_process_waits_its_turn_and_gives_up_only_after_the_limit() {
    let mut shop = Shop::base();
    shop.import(&[GOOD]);
    let held = shop.ledger();
    // Past DAGKAS_LOCK_WAIT the store is called in use, in plain words.
    let out = shop.cmd(&["days"]).env("DAGKAS_LOCK_WAIT", "1.5").output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("waiting for") && err.contains("store in use"), "{err}");
    // Within it, the command waits for the holder and then does its work.
    let child = shop
        .cmd(&["days"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    drop(held);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("2026-03-02"));
}

#[test]
fn a_store_of_a_newer_schema_is_refused() {
    let mut shop = Shop::base();
    shop.import(&[GOOD]);
    shop.raw_put("meta", b"schema", Some(&99u32.to_be_bytes()));
    let out = shop.expect(1, &["days"]);
    assert!(out.contains("written by a newer dagkas (schema 99"), "{out}");
}

#[test]
fn an_uncommitted_batch_is_invisible() {
    // A batch that wrote its documents but crashed before its commit: nothing of it counts.
    let shop = Shop::base();
    {
        let ledger = shop.ledger();
        let mut w = ledger.store.begin("import", "kassa", "crashed.jsonl").unwrap();
        let doc = dagkas::domain::document::parse_line(GOOD.as_bytes()).unwrap();
        w.put(doc, Some(date("2026-03-02")), &["DO1".to_string()]).unwrap();
        drop(w);
        ledger.store.flush().unwrap();
    }
    assert_eq!(shop.day("2026-03-02")["turnover"], "0.00");
    assert_eq!(imports(&shop), 0);
}

#[test]
fn import_needs_an_unambiguous_source() {
    let two = BASE.replace(
        "[[daybook]]",
        "[[source]]\nname = \"andere\"\nkind = \"file\"\n\n[[daybook]]",
    );
    let mut shop = Shop::new(&two);
    let path = shop.file(&[GOOD]);
    let out = shop.expect(1, &["import", path.to_str().unwrap()]);
    assert!(out.contains("several sources of kind \"file\""), "{out}");
    shop.expect(0, &["import", "--source", "kassa", path.to_str().unwrap()]);
    shop.expect(1, &["import", "--source", "nope", path.to_str().unwrap()]);
}

#[test]
fn config_validate_reports_file_line_and_field() {
    let text = BASE.replace("diff_debit_account = \"657100\"\n", "");
    let shop = Shop::new(&text);
    let out = shop.expect(1, &["config", "validate"]);
    let line = text.lines().position(|l| l.starts_with("[[cash_journal]]")).unwrap() + 1;
    let want = format!(
        "{}:{line}: error: cash_journal[0].diff_debit_account: missing required field",
        shop.config_path().display()
    );
    assert!(out.contains(&want), "no {want:?} in:\n{out}");
    // Every other command refuses to run on an invalid config.
    shop.expect(1, &["days"]);
    Shop::base().expect(0, &["config", "validate"]);
}

#[test]
fn config_validate_refuses_a_secret_file_readable_by_others() {
    use std::os::unix::fs::PermissionsExt;
    let text = BASE.replace(
        "[[daybook]]",
        "[[source]]\nname = \"winkel\"\nkind = \"mplus\"\nurl = \"https://127.0.0.1:1\"\nident = \"x\"\nsecret_file = \"mplus.secret\"\n\n[[daybook]]",
    );
    let shop = Shop::new(&text);
    let secret = shop.dir.path().join("mplus.secret");
    std::fs::write(&secret, "s3cr3t-value").unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = shop.expect(1, &["config", "validate"]);
    assert!(out.contains("is readable by others"), "{out}");
    assert!(!out.contains("s3cr3t-value"), "{out}");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o600)).unwrap();
    shop.expect(0, &["config", "validate"]);
}

#[test]
fn a_large_import_is_streamed_in_chunks_and_still_one_batch() {
    let mut shop = Shop::base();
    let lines: Vec<String> = (0..5000)
        .map(|i| GOOD.replace("\"T1\"", &format!("\"T{i}\"")))
        .collect();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let out = shop.import(&refs);
    assert!(out.contains("5000 new"), "{out}");
    assert_eq!(shop.day("2026-03-02")["turnover"], "60500.00");
    assert_eq!(imports(&shop), 1);
}

#[test]
fn a_later_line_of_a_large_file_wins_across_chunks_and_within_one() {
    // T0 comes first at 12.10, again in a later chunk at 30.25 (moving to the 3rd), and
    // again right after at 48.40: the last line counts, once, on the 3rd; T1 twice in a row.
    let mut shop = Shop::base();
    let mut lines: Vec<String> = (0..4500)
        .map(|i| GOOD.replace("\"T1\"", &format!("\"T{i}\"")))
        .collect();
    let moved = GOOD
        .replace("2026-03-02T09:15", "2026-03-03T09:15")
        .replace("\"T1\"", "\"T0\"");
    lines.push(moved.replace("12.10", "30.25").replace("20.00", "38.15"));
    lines.push(moved.replace("12.10", "48.40").replace("20.00", "56.30"));
    lines.insert(2, lines[1].replace("12.10", "24.20").replace("20.00", "32.10"));
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let out = shop.import(&refs);
    // Each id counted once, by its last version (decision 81).
    assert!(out.contains("4500 new, 0 changed"), "{out}");
    // 4498 tickets of 12.10, T1 at 24.20, on the 2nd; T0 at 48.40 on the 3rd.
    assert_eq!(shop.day("2026-03-02")["turnover"], "54450.00");
    assert_eq!(shop.day("2026-03-03")["turnover"], "48.40");
    assert_eq!(imports(&shop), 1);
    shop.expect(0, &["check"]);
}

/// The counts an import printed (`N new, N changed, N unchanged, N voided`).
fn printed_counts(out: &str) -> [u64; 4] {
    let at = out.find(" new, ").unwrap_or_else(|| panic!("no counts in {out}"));
    let start = out[..at].rfind(|c: char| !c.is_ascii_digit()).map_or(0, |i| i + 1);
    let words: Vec<u64> = out[start..]
        .split(", ")
        .take(4)
        .map(|part| part.split(' ').next().unwrap().parse().unwrap())
        .collect();
    [words[0], words[1], words[2], words[3]]
}

/// The counts of the last import entry of the audit log.
fn audited_counts(shop: &Shop) -> [u64; 4] {
    let e = last_import_entry(shop);
    let d = &e["detail"];
    ["new", "changed", "unchanged", "voided"].map(|k| d[k].as_u64().unwrap_or_else(|| panic!("{k} in {d}")))
}

#[test]
fn r22_the_audit_counts_what_an_import_did_for_batches_of_any_size() {
    // A batch is written in chunks of 2 000 and put a few hundred at a time: an entry
    // counted before the last of them were put said 2 000 for 2 132 (and 0 for 41).
    for n in [1usize, 1999, 2000, 2001, 10_000] {
        let mut shop = Shop::base();
        let lines: Vec<String> = (0..n).map(|i| GOOD.replace("\"T1\"", &format!("\"T{i}\""))).collect();
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let out = shop.import(&refs);
        assert_eq!(printed_counts(&out), [n as u64, 0, 0, 0], "{out}");
        assert_eq!(audited_counts(&shop), printed_counts(&out), "{n} documents: {out}");
        // Again, a third changed and a tenth voided: every kind of count, over chunks.
        let mut again: Vec<String> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                if i % 3 == 0 {
                    l.replace("12.10", "24.20").replace("20.00", "32.10")
                } else {
                    l.clone()
                }
            })
            .collect();
        again.extend(
            (0..n)
                .step_by(10)
                .map(|i| format!(r#"{{"type":"void","id":"T{i}","time":"2026-03-03T10:00:00+01:00"}}"#)),
        );
        let refs: Vec<&str> = again.iter().map(String::as_str).collect();
        let out = shop.import(&refs);
        let changed = n.div_ceil(3) as u64;
        let voided = n.div_ceil(10) as u64;
        assert_eq!(printed_counts(&out), [0, changed, n as u64 - changed, voided], "{out}");
        assert_eq!(
            audited_counts(&shop),
            printed_counts(&out),
            "{n} documents again: {out}"
        );
    }
}

#[test]
fn a_file_naming_an_id_twice_changes_nothing_when_imported_again() {
    // T1 at 12.10 then, further on, at 24.20 (a later line updating an earlier one), one
    // pair in one chunk and one across chunks; T2 moves from the 2nd to the 3rd and back.
    let mut shop = Shop::base();
    let t = |id: &str, day: &str, amount: &str| {
        GOOD.replace("\"T1\"", &format!("\"{id}\""))
            .replace("2026-03-02T09:15", &format!("2026-03-{day}T09:15"))
            .replace("12.10", amount)
            .replace("\"20.00\"", &format!("\"{amount}\""))
            .replace(",{\"method\":\"CASH\",\"amount\":\"-7.90\"}", "")
    };
    let mut lines = vec![t("T1", "02", "12.10"), t("T1", "02", "24.20"), t("T2", "02", "5.00")];
    lines.extend((0..4500).map(|i| t(&format!("F{i}"), "04", "1.00")));
    lines.push(t("T2", "03", "5.00"));
    lines.push(t("T2", "02", "6.00"));
    lines.push(t("T3", "05", "7.00"));
    lines.extend((0..2500).map(|i| t(&format!("G{i}"), "06", "1.00")));
    lines.push(t("T3", "05", "8.00"));
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let path = shop.file(&refs);
    let out = shop.expect(0, &["import", path.to_str().unwrap()]);
    assert!(out.contains("7003 new, 0 changed, 0 unchanged"), "each id once: {out}");
    assert_eq!(
        shop.day("2026-03-02")["turnover"],
        "30.20",
        "T1 at 24.20 and T2 at 6.00"
    );
    assert_eq!(shop.day("2026-03-03")["turnover"], "0.00", "T2 moved back");
    assert_eq!(shop.day("2026-03-05")["turnover"], "8.00");
    shop.expect(0, &["confirm", "--through", "2026-03-09"]);
    let days = shop.days();
    let keys = shop.ledger().store.keys().unwrap();
    // Again and again: nothing changes, no drift, no new versions.
    for round in 0..3 {
        let out = shop.expect(0, &["import", path.to_str().unwrap()]);
        assert!(out.contains("0 new, 0 changed, 7003 unchanged"), "round {round}: {out}");
        assert_eq!(shop.days(), days, "round {round}: no day changed, no drift");
        // Each import adds its batch record and audit entry, nothing else.
        assert_eq!(
            shop.ledger().store.keys().unwrap(),
            keys + 2 * (round + 1),
            "round {round}"
        );
    }
    shop.expect(0, &["check"]);
    // A real change still counts, once, by its last version.
    let mut changed = lines.clone();
    changed.push(t("T1", "02", "36.30"));
    let refs: Vec<&str> = changed.iter().map(String::as_str).collect();
    let out = shop.import(&refs);
    assert!(out.contains("0 new, 1 changed, 7002 unchanged"), "{out}");
    let d2 = shop.day("2026-03-02");
    assert_eq!(d2["blockers"][0]["kind"], "drift", "{d2}");
    assert_eq!(d2["blockers"][0]["documents"][0], "T1");
}

#[test]
fn a_refused_import_uses_up_no_batch_number() {
    let mut shop = Shop::base();
    assert!(shop.import(&[GOOD]).contains("(batch 1)"));
    let path = shop.file(&[GOOD, r#"{"type":"ticket""#]);
    shop.expect(1, &["import", path.to_str().unwrap()]);
    shop.expect(1, &["import", path.to_str().unwrap()]);
    let out = shop.import(&[&GOOD.replace("\"T1\"", "\"T2\"")]);
    assert!(
        out.contains("(batch 2)"),
        "the next batch follows the last one stored: {out}"
    );
}

#[test]
fn a_damaged_batch_record_is_named_not_a_panic() {
    let mut shop = Shop::base();
    shop.import(&[GOOD]);
    // A key too short to hold a batch number, as a shared table could come to hold.
    let record = shop.raw_get("batches", &1u64.to_be_bytes()).expect("batch 1");
    shop.raw_put("batches", b"x", Some(&record));
    let out = shop.run(&["days"]);
    let said = text(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("too short to name its batch") && !said.contains("panicked"),
        "{said}"
    );
}
