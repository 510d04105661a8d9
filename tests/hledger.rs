//! The hledger export, checked by the real hledger: `hledger check` accepts it and its
//! daily cash balances equal the book's.

#[path = "common/mod.rs"]
mod common;
use common::*;

#[test]
fn hledger_accepts_the_export_and_agrees_with_the_cash_book_every_day() {
    if !require_tool("hledger") {
        return;
    }
    let mut shop = Shop::new(&two_journal_config());
    shop.today = "2026-03-29".into();
    let docs = shop.dir.path().join("gen.jsonl");
    shop.expect(
        0,
        &[
            "gen",
            "--docs",
            "1500",
            "--days",
            "28",
            "--seed",
            "3",
            "--start",
            "2026-03-01",
            "--out",
            docs.to_str().unwrap(),
        ],
    );
    shop.expect(0, &["import", docs.to_str().unwrap()]);
    shop.expect(0, &["confirm", "--through", "2026-03-20"]);
    shop.expect(0, &["centralise", "--through", "2026-03-10"]);
    // A person's edit on an open day shows up too (and keeps the journal balanced).
    shop.edit("2026-03-22", "payment:CASH=1.00", "recount");
    let journal = shop.dir.path().join("book.journal");
    shop.expect(
        0,
        &["export", "--format", "hledger", "--out", journal.to_str().unwrap()],
    );

    let check = std::process::Command::new("hledger")
        .arg("-f")
        .arg(&journal)
        .arg("check")
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "hledger check: {}",
        String::from_utf8_lossy(&check.stderr)
    );

    let days = shop.days();
    let days = days.as_array().unwrap();
    assert_eq!(days.len(), 28);
    for journal_code in ["KAS1", "KAS2"] {
        let out = std::process::Command::new("hledger")
            .arg("-f")
            .arg(&journal)
            .args(["bal", "-D", "-H", "-O", "csv", "-b", "2026-03-01", "-e", "2026-03-29"])
            .arg(format!("^570000:{journal_code}$"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).unwrap();
        let mut rows = text.lines();
        let header: Vec<String> = rows
            .next()
            .unwrap()
            .split(',')
            .map(|s| s.trim_matches('"').to_string())
            .collect();
        let values: Vec<String> = rows
            .next()
            .unwrap()
            .split(',')
            .map(|s| s.trim_matches('"').to_string())
            .collect();
        assert_eq!(values[0], format!("570000:{journal_code}"));
        for day in days {
            let date = day["date"].as_str().unwrap();
            let col = header
                .iter()
                .position(|h| h == date)
                .unwrap_or_else(|| panic!("no column {date} in {header:?}"));
            let hledger = values[col].trim_end_matches(" EUR").to_string();
            let book = day["cash"]
                .as_array()
                .unwrap()
                .iter()
                .find(|j| j["journal"] == journal_code)
                .unwrap()["closing"]
                .as_str()
                .unwrap()
                .to_string();
            let norm = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
            assert_eq!(norm(&hledger), norm(&book), "{journal_code} on {date}");
        }
    }
    let text = std::fs::read_to_string(&journal).unwrap();
    assert!(text.contains("2026-03-10 * DO1"), "confirmed days are cleared");
    assert!(text.contains("2026-03-21 ! DO1"), "proposals are pending");
    assert!(text.contains("edited 1.00"), "the edit is visible beside the POS value");
}

#[test]
fn an_unbalanced_proposal_still_exports_a_valid_journal() {
    if !require_tool("hledger") {
        return;
    }
    let mut shop = Shop::base();
    shop.import(&[r#"{"type":"ticket","id":"T","branch":"1","register":"1","time":"2026-03-02T10:00:00+01:00","lines":[{"vat":"1","amount":"10.00"}],"payments":[{"method":"CASH","amount":"10.00"}]}"#]);
    shop.edit("2026-03-02", "turnover:V21=11.00", "x");
    let journal = shop.dir.path().join("book.journal");
    shop.expect(
        0,
        &["export", "--format", "hledger", "--out", journal.to_str().unwrap()],
    );
    let check = std::process::Command::new("hledger")
        .arg("-f")
        .arg(&journal)
        .arg("check")
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "hledger check: {}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(std::fs::read_to_string(&journal)
        .unwrap()
        .contains("suspense:unbalanced"));
}
