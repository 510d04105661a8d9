//! The life of a day: confirm, edit, reopen, drift, centralise, audit, check.

#[path = "common/mod.rs"]
mod common;
use common::*;

fn sale(id: &str, day: u32, amount: &str) -> String {
    format!(
        r#"{{"type":"ticket","id":"{id}","branch":"1","register":"1","time":"2026-03-{day:02}T10:00:00+01:00","lines":[{{"vat":"1","amount":"{amount}"}}],"payments":[{{"method":"CASH","amount":"{amount}"}}]}}"#
    )
}

fn unmapped(id: &str, day: u32) -> String {
    format!(
        r#"{{"type":"ticket","id":"{id}","branch":"1","register":"1","time":"2026-03-{day:02}T11:00:00+01:00","lines":[{{"vat":"1","amount":"5.00"}}],"payments":[{{"method":"K_PINZUIL","amount":"5.00"}}]}}"#
    )
}

fn statuses(shop: &Shop) -> Vec<String> {
    shop.days()
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["status"].as_str().unwrap().to_string())
        .collect()
}

fn shop_with_sales() -> Shop {
    let mut shop = Shop::base();
    shop.import(&[
        &sale("S1", 1, "10.00"),
        &sale("S2", 2, "20.00"),
        &sale("S3", 3, "30.00"),
        &sale("S5", 5, "50.00"),
    ]);
    shop
}

#[test]
fn r7_batch_confirm_stops_at_the_first_blocker_and_keeps_the_run_before_it() {
    let mut shop = shop_with_sales();
    shop.import(&[&unmapped("X", 4)]);
    let out = shop.expect(3, &["confirm", "--through", "2026-03-09"]);
    assert!(out.contains("confirmed 3 days, 2026-03-01 through 2026-03-03"), "{out}");
    assert!(
        out.contains("stopped at DO1 2026-03-04: unmapped method K_PINZUIL"),
        "{out}"
    );
    let s = statuses(&shop);
    assert_eq!(&s[..3], ["confirmed", "confirmed", "confirmed"]);
    assert!(
        s[3..].iter().all(|x| x == "proposed"),
        "nothing past the blocker: {s:?}"
    );
    shop.expect(0, &["map", "--book", "DO1", "method:K_PINZUIL=BC"]);
    shop.expect(0, &["confirm", "--through", "2026-03-09"]);
    assert!(statuses(&shop).iter().all(|x| x == "confirmed"));
    shop.expect(0, &["check"]);
}

#[test]
fn r5_the_chain_carries_the_closing_into_the_next_opening_and_today_is_never_confirmed() {
    let shop = shop_with_sales();
    let out = shop.expect(3, &["confirm", "--through", "2026-03-10"]);
    assert!(
        out.contains("stopped at DO1 2026-03-10: open: the business day has not ended"),
        "{out}"
    );
    let days = shop.days();
    let days = days.as_array().unwrap();
    assert_eq!(cash(&days[0], "opening"), "100.00");
    for pair in days.windows(2) {
        assert_eq!(cash(&pair[1], "opening"), cash(&pair[0], "closing"));
        assert_eq!(pair[1]["cash"][0]["chained"], true);
    }
    assert_eq!(cash(&days[8], "closing"), "210.00");
}

#[test]
fn r8_edit_keeps_the_pos_value_and_can_unbalance_a_day() {
    let shop = shop_with_sales();
    shop.expect(
        0,
        &[
            "edit",
            "2026-03-02",
            "--book",
            "DO1",
            "--set",
            "turnover:V21=21.00",
            "--reason",
            "ticket keyed twice",
            "--author",
            "an",
        ],
    );
    let d = shop.day("2026-03-02");
    assert_eq!(line(&d, "categories", "V21", "pos"), "20.00");
    assert_eq!(line(&d, "categories", "V21", "edited"), "21.00");
    assert_eq!(line(&d, "categories", "V21", "incl"), "21.00");
    assert_eq!(line(&d, "categories", "V21", "vat"), "3.64");
    assert_eq!(d["blockers"][0]["kind"], "unbalanced");
    let text = shop.expect(0, &["days"]);
    assert!(
        text.contains("unbalanced: turnover 21.00 ≠ payments 20.00 (difference 1.00)"),
        "{text}"
    );
    let audit = shop.json(&["audit", "--json"]);
    let last = audit.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "edit");
    assert_eq!(last["author"], "an");
    assert_eq!(last["reason"], "ticket keyed twice");
    assert_eq!(last["detail"]["lines"][0]["pos"], "20.00");
    // The payment side follows; the day balances and confirms.
    shop.edit("2026-03-02", "payment:CASH=21.00", "idem");
    shop.expect(0, &["confirm", "--through", "2026-03-02"]);
    let csv = shop.csv();
    assert!(csv.contains("2026-03-02,DO1,turnover,V21,21.00,confirmed"), "{csv}");
}

#[test]
fn r8_manual_receipts_block_refuses_new_turnover_lines_but_allows_corrections() {
    let shop = Shop::new(&BASE.replace("#TIPS", "manual_receipts = \"block\""));
    let mut shop = shop;
    shop.import(&[&sale("S1", 2, "20.00")]);
    let out = shop.expect(
        1,
        &[
            "edit",
            "2026-03-02",
            "--book",
            "DO1",
            "--set",
            "turnover:V6=5.00",
            "--reason",
            "misc",
        ],
    );
    assert!(out.contains("blocks manual turnover lines"), "{out}");
    shop.edit("2026-03-02", "turnover:V21=19.00", "correction");
    // Payments may still be entered by a person.
    shop.edit("2026-03-02", "payment:BC=1.00", "card");
    shop.expect(
        1,
        &[
            "edit",
            "2026-03-02",
            "--book",
            "DO1",
            "--set",
            "turnover:NOPE=1.00",
            "--reason",
            "x",
        ],
    );
    shop.expect(2, &["edit", "2026-03-02", "--book", "DO1", "--reason", "x"]);
    // A malformed --set is a usage error (exit 2), as every other malformed argument.
    let bad = shop.expect(
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
    assert!(bad.contains("more than 2 decimals"), "{bad}");
}

#[test]
fn r11_no_edit_on_a_confirmed_or_centralised_day() {
    let shop = shop_with_sales();
    shop.expect(0, &["confirm", "--through", "2026-03-02"]);
    let out = shop.expect(
        1,
        &[
            "edit",
            "2026-03-02",
            "--book",
            "DO1",
            "--set",
            "turnover:V21=1.00",
            "--reason",
            "x",
        ],
    );
    assert!(out.contains("closed date"), "{out}");
    shop.expect(0, &["centralise", "--through", "2026-03-02"]);
    let out = shop.expect(
        1,
        &[
            "edit",
            "2026-03-01",
            "--book",
            "DO1",
            "--set",
            "turnover:V21=1.00",
            "--reason",
            "x",
        ],
    );
    assert!(out.contains("centralised"), "{out}");
}

#[test]
fn r9_only_the_last_confirmed_uncentralised_day_reopens() {
    let shop = shop_with_sales();
    shop.expect(0, &["confirm", "--through", "2026-03-03"]);
    let out = shop.expect(1, &["reopen", "2026-03-02", "--book", "DO1", "--reason", "x"]);
    assert!(
        out.contains("only the last confirmed day of DO1 can be reopened (R9): that is 2026-03-03"),
        "{out}"
    );
    shop.expect(
        0,
        &["reopen", "2026-03-03", "--book", "DO1", "--reason", "count was wrong"],
    );
    assert_eq!(shop.day("2026-03-03")["status"], "proposed");
    shop.expect(0, &["centralise", "--through", "2026-03-02"]);
    let out = shop.expect(1, &["reopen", "2026-03-02", "--book", "DO1", "--reason", "x"]);
    assert!(out.contains("locked for good"), "{out}");
    let audit = shop.expect(0, &["audit"]);
    assert!(
        audit.contains("reopen") && audit.contains("\"count was wrong\""),
        "{audit}"
    );
}

#[test]
fn r10_a_void_after_confirmation_is_drift_resolved_by_a_correction_on_the_first_open_day() {
    let mut shop = shop_with_sales();
    shop.expect(0, &["confirm", "--through", "2026-03-04"]);
    shop.import(&[r#"{"type":"void","id":"S2","time":"2026-03-05T09:00:00+01:00"}"#]);
    let d = shop.day("2026-03-02");
    assert_eq!(d["status"], "confirmed");
    assert_eq!(d["turnover"], "20.00", "a confirmed day never changes silently");
    assert_eq!(d["blockers"][0]["kind"], "drift");
    assert_eq!(d["drift"]["documents"][0], "S2");
    let check = shop.expect(0, &["check"]);
    assert!(check.contains("warning: drift: DO1 2026-03-02"), "{check}");

    let out = shop.expect(0, &["resolve", "2026-03-02", "--book", "DO1"]);
    assert!(out.contains("booked the correction on 2026-03-05"), "{out}");
    let d2 = shop.day("2026-03-02");
    assert!(d2["drift"].is_null(), "{d2}");
    assert_eq!(d2["turnover"], "20.00");
    let d5 = shop.day("2026-03-05");
    assert_eq!(d5["turnover"], "30.00");
    assert_eq!(line(&d5, "categories", "V21", "corrections"), "-20.00");
    assert_eq!(d5["corrections"][0]["original_date"], "2026-03-02");
    assert_eq!(d5["corrections"][0]["documents"][0], "S2");
    assert!(d5["blockers"].as_array().unwrap().is_empty(), "{d5}");
    shop.expect(0, &["check"]);
    shop.expect(1, &["resolve", "2026-03-02", "--book", "DO1"]);
}

#[test]
fn r10_drift_on_the_last_confirmed_day_reopens_it() {
    let mut shop = shop_with_sales();
    shop.expect(0, &["confirm", "--through", "2026-03-03"]);
    shop.import(&[&sale("LATE", 3, "1.00")]);
    assert_eq!(shop.day("2026-03-03")["turnover"], "30.00");
    let out = shop.expect(0, &["resolve", "2026-03-03", "--book", "DO1"]);
    assert!(out.contains("reopened"), "{out}");
    let d = shop.day("2026-03-03");
    assert_eq!(d["status"], "proposed");
    assert_eq!(d["turnover"], "31.00");
}

#[test]
fn r20_centralise_is_idempotent_and_stops_at_an_unconfirmed_day() {
    let shop = shop_with_sales();
    shop.expect(0, &["confirm", "--through", "2026-03-04"]);
    let out = shop.expect(3, &["centralise", "--through", "2026-03-06"]);
    assert!(
        out.contains("centralised 4 days") && out.contains("stopped at DO1 2026-03-05: not confirmed"),
        "{out}"
    );
    let audit_len = shop.json(&["audit", "--json"]).as_array().unwrap().len();
    let out = shop.expect(0, &["centralise", "--through", "2026-03-04"]);
    assert!(out.contains("centralised 0 days"), "{out}");
    assert_eq!(
        shop.json(&["audit", "--json"]).as_array().unwrap().len(),
        audit_len,
        "a rerun books nothing"
    );
    let s = statuses(&shop);
    assert_eq!(
        &s[..5],
        ["centralised", "centralised", "centralised", "centralised", "proposed"]
    );
}

#[test]
fn r4_immediate_modes_confirm_valid_days_in_chain_order() {
    let cfg = BASE.replace("#TIPS", "receipts = \"immediate\"\npayments = \"immediate\"");
    let mut shop = Shop::new(&cfg);
    let out = shop.import(&[&sale("S1", 2, "20.00"), &unmapped("X", 4), &sale("S6", 6, "6.00")]);
    assert!(out.contains("confirmed 3 days by the immediate mode"), "{out}");
    let s = statuses(&shop);
    assert_eq!(&s[..4], ["confirmed", "confirmed", "confirmed", "proposed"]);
    assert!(s[4..].iter().all(|x| x == "proposed"));
}

#[test]
fn r4_immediate_receipts_with_payments_by_proposal_confirm_one_part() {
    let cfg = BASE.replace("#TIPS", "receipts = \"immediate\"");
    let mut shop = Shop::new(&cfg);
    shop.import(&[&sale("S1", 2, "20.00")]);
    let d = shop.day("2026-03-02");
    assert_eq!(d["receipts_confirmed"], true);
    assert_eq!(d["payments_confirmed"], false);
    assert_eq!(d["status"], "proposed");
    let out = shop.expect(
        1,
        &[
            "edit",
            "2026-03-02",
            "--book",
            "DO1",
            "--set",
            "turnover:V21=1.00",
            "--reason",
            "x",
        ],
    );
    assert!(out.contains("already confirmed"), "{out}");
    shop.expect(0, &["confirm", "--through", "2026-03-09"]);
    assert_eq!(shop.day("2026-03-02")["status"], "confirmed");
}

#[test]
fn r4_proposals_older_than_overdue_days_are_overdue() {
    let shop = Shop::base();
    let days = shop.days();
    let overdue: Vec<bool> = days
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["overdue"].as_bool().unwrap())
        .collect();
    // today 2026-03-10: 03-09 is 1 day old (not overdue), 03-08 is 2 days old.
    assert_eq!(overdue.last(), Some(&false));
    assert!(overdue[..8].iter().all(|o| *o));
    let check = shop.expect(0, &["check"]);
    assert!(check.contains("warning: overdue: DO1 2026-03-08"), "{check}");
}

#[test]
fn r22_a_flipped_byte_in_the_audit_log_fails_check_naming_the_entry() {
    let shop = shop_with_sales();
    shop.expect(0, &["confirm", "--through", "2026-03-03"]);
    shop.expect(0, &["check"]);
    let seq = {
        let (seq, mut value) = (1u64..20)
            .find_map(|n| {
                let v = shop.raw_get("audit", &n.to_be_bytes())?;
                v.windows(18).any(|w| w == b"\"action\":\"confirm\"").then_some((n, v))
            })
            .unwrap();
        let at = value.windows(7).position(|w| w == b"confirm").unwrap();
        value[at] ^= 0x20; // "confirm" → "Confirm"
        shop.raw_put("audit", &seq.to_be_bytes(), Some(&value));
        seq
    };
    let out = shop.expect(1, &["check"]);
    assert!(
        out.contains(&format!("audit entry {seq}:")) && out.contains("changed after it was written"),
        "{out}"
    );
}

#[test]
fn r22_a_removed_audit_entry_fails_check() {
    let shop = shop_with_sales();
    shop.expect(0, &["confirm", "--through", "2026-03-03"]);
    shop.raw_put("audit", &2u64.to_be_bytes(), None);
    let out = shop.expect(1, &["check"]);
    assert!(
        out.contains("entries were removed") || out.contains("is missing"),
        "{out}"
    );
}

#[test]
fn check_finds_stored_totals_that_differ_from_the_documents() {
    let shop = shop_with_sales();
    shop.expect(0, &["confirm", "--through", "2026-03-03"]);
    {
        let key = b"DO1\x002026-03-02";
        let text = String::from_utf8(shop.raw_get("days", key).unwrap()).unwrap();
        let tampered = text.replacen("\"turnover\":\"20.00\"", "\"turnover\":\"19.00\"", 1);
        assert_ne!(text, tampered);
        shop.raw_put("days", key, Some(tampered.as_bytes()));
    }
    let out = shop.expect(1, &["check"]);
    assert!(out.contains("DO1 2026-03-02"), "{out}");
}

/// R22: every change names who made it. A process started without `USER` and `LOGNAME` (a
/// service, a container, a cron job) is named by the user database, never "unknown".
#[test]
fn r22_a_change_without_user_in_the_environment_names_the_os_user() {
    let shop = shop_with_sales();
    let out = shop
        .cmd(&["confirm", "--through", "2026-03-01"])
        .env_remove("USER")
        .env_remove("LOGNAME")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let id = std::process::Command::new("id").arg("-un").output().unwrap();
    let me = String::from_utf8_lossy(&id.stdout).trim().to_string();
    assert!(!me.is_empty(), "id -un names this user");
    let audit = shop.json(&["audit", "--json"]);
    let last = audit.as_array().unwrap().last().unwrap();
    assert_eq!(last["action"], "confirm");
    assert_eq!(last["author"], me.as_str(), "{last}");
    // --author still wins, and USER when it is set.
    shop.expect(0, &["confirm", "--through", "2026-03-02", "--author", "An Peeters"]);
    let audit = shop.json(&["audit", "--json"]);
    assert_eq!(audit.as_array().unwrap().last().unwrap()["author"], "An Peeters");
    shop.expect(0, &["confirm", "--through", "2026-03-03"]);
    let audit = shop.json(&["audit", "--json"]);
    assert_eq!(audit.as_array().unwrap().last().unwrap()["author"], "tester");
}

#[test]
fn a_file_source_can_ask_that_a_day_waits_for_a_later_document() {
    let ticket = |id: &str, day: u32| {
        format!(
            r#"{{"type":"ticket","id":"{id}","branch":"1","register":"1","time":"2026-03-{day:02}T10:00:00+01:00","lines":[{{"vat":"1","amount":"12.10"}}],"payments":[{{"method":"EFT","amount":"12.10"}}]}}"#
        )
    };
    // By default what was imported is the day: import then confirm, as SPEC §5 describes.
    let mut plain = Shop::base();
    plain.import(&[&ticket("T1", 2), &ticket("T2", 4)]);
    plain.expect(0, &["confirm", "--through", "2026-03-09"]);

    let mut shop = Shop::new(&BASE.replace("kind = \"file\"", "kind = \"file\"\ncomplete = \"later_document\""));
    // Nothing imported yet: every day waits, none is a zero day.
    let days = shop.days();
    assert!(
        days.as_array().unwrap().iter().all(|d| d["status"] == "empty"),
        "{days}"
    );
    // An invoice dated later says nothing of the register's days: it does not count.
    let invoice = r#"{"type":"invoice","id":"F1","branch":"1","date":"2026-03-09","debtor":{"name":"Janssens BV","email":"a@b.be"},"lines":[{"vat":"1","amount":"121.00"}]}"#;
    shop.import(&[&ticket("T1", 2), &ticket("T2", 4), invoice]);
    // The 4th is the latest day with a document: the days through the 3rd are whole.
    assert!(blockers(&shop.day("2026-03-03")).is_empty());
    let d4 = shop.day("2026-03-04");
    assert_eq!(d4["status"], "proposed", "it has a document, but may lack others");
    assert_eq!(d4["blockers"][0]["kind"], "waiting", "{d4}");
    assert_eq!(d4["blockers"][0]["later_document"], true);
    assert_eq!(shop.day("2026-03-06")["status"], "empty");
    let out = shop.expect(3, &["confirm", "--through", "2026-03-09"]);
    assert!(out.contains("waiting for its data"), "{out}");
    assert_eq!(shop.day("2026-03-03")["status"], "confirmed");
    assert_eq!(shop.day("2026-03-04")["status"], "proposed");
    // The next file brings the 8th: the 4th to the 7th are whole.
    shop.import(&[&ticket("T3", 8)]);
    shop.expect(3, &["confirm", "--through", "2026-03-09"]);
    assert_eq!(shop.day("2026-03-07")["status"], "confirmed");
    assert_eq!(shop.day("2026-03-08")["status"], "proposed");
    shop.expect(0, &["check"]);
    // A value it does not know is named with its line.
    let bad = Shop::new(&BASE.replace("kind = \"file\"", "kind = \"file\"\ncomplete = \"sometimes\""));
    let out = bad.expect(1, &["config", "validate"]);
    assert!(out.contains("complete") && out.contains("\"sometimes\""), "{out}");
}
