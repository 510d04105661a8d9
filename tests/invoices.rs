//! R21 and the accounting exports: the invoice register, Yuki kasstaat, XAF 3.2.

#[path = "common/mod.rs"]
mod common;
use common::*;

const F1: &str = r#"{"type":"invoice","id":"F1","branch":"1","date":"2026-03-02","debtor":{"name":"Janssens BV","email":"boekhouding@janssens.be"},"lines":[{"vat":"1","amount":"121.00","revenue_group":"8000 Omzet algemeen"}]}"#;
const F2: &str = r#"{"type":"invoice","id":"F2","branch":"1","date":"2026-03-03","debtor":{"name":"Janssens","email":" Boekhouding@JANSSENS.be "},"lines":[{"vat":"2","amount":"106.00"},{"vat":"giftcard","amount":"20.00","revenue_group":"4990 Bonnen"}]}"#;
const F3: &str = r#"{"type":"invoice","id":"F3","branch":"1","date":"2026-03-04","debtor":{"name":"Peeters NV","email":"info@peeters.be"},"lines":[{"vat":"1","amount":"60.50"}]}"#;
const OLD: &str = r#"{"type":"invoice","id":"F0","branch":"1","date":"2025-12-31","debtor":{"name":"Oud","email":"oud@example.be"},"lines":[{"vat":"1","amount":"12.10"}]}"#;
const PAY_CARD: &str = r#"{"type":"invoice_payment","id":"IP1","invoice":"F1","branch":"1","register":"1","time":"2026-03-05T10:00:00+01:00","method":"EFT","amount":"121.00"}"#;
const PAY_TRANSFER: &str = r#"{"type":"invoice_payment","id":"IP2","invoice":"F3","branch":"1","register":"1","time":"2026-03-05T11:00:00+01:00","method":"OVERSCHRIJVING","amount":"60.50"}"#;

fn shop() -> Shop {
    let mut shop = Shop::new(&BASE.replace("#TIPS", "default_revenue_account = \"8010 Omzet winkel\""));
    shop.import(&[F1, F2, F3, OLD, PAY_CARD, PAY_TRANSFER]);
    shop
}

fn invoice<'a>(list: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no invoice {id}"))
}

#[test]
fn r21_debtors_are_matched_by_email_whatever_the_capitalisation() {
    let shop = shop();
    let list = shop.json(&["invoices", "--json"]);
    assert_eq!(invoice(&list, "F1")["debtor"]["number"], "D0001");
    assert_eq!(
        invoice(&list, "F2")["debtor"]["number"],
        "D0001",
        "same e-mail, other case and spaces"
    );
    assert_eq!(invoice(&list, "F3")["debtor"]["number"], "D0002");
    let audit = shop.expect(0, &["audit"]);
    assert!(audit.contains("debtors"), "{audit}");
}

/// Decision 69: an import registers the debtors of the invoices it brought, not by reading
/// the whole register, and they come out as one reading of every invoice gives them; after
/// a change of `invoices_from` the next import reads every invoice again.
#[test]
fn r21_each_import_registers_the_debtors_of_what_it_brought() {
    let mut shop = Shop::base();
    let first = shop.import(&[F1, OLD]);
    assert!(first.contains("1 new debtor"), "{first}");
    let second = shop.import(&[F3, F2]);
    assert!(second.contains("1 new debtor"), "F2 has F1's e-mail: {second}");
    let none = shop.import(&[PAY_CARD, PAY_TRANSFER]);
    assert!(!none.contains("debtor"), "{none}");
    let list = shop.json(&["invoices", "--json"]);
    assert_eq!(invoice(&list, "F1")["debtor"]["number"], "D0001");
    assert_eq!(invoice(&list, "F2")["debtor"]["number"], "D0001");
    assert_eq!(invoice(&list, "F3")["debtor"]["number"], "D0002");
    // The same as one import of them all.
    let whole = register_after_one_import(&[F1, OLD, F3, F2, PAY_CARD, PAY_TRANSFER]);
    assert_eq!(whole, list);
    // F0 is dated before invoices_from: no debtor, until that moves back.
    let config = std::fs::read_to_string(shop.config_path()).unwrap();
    std::fs::write(
        shop.config_path(),
        config.replace("invoices_from = \"2026-01-01\"", "invoices_from = \"2025-12-01\""),
    )
    .unwrap();
    let third = shop.import(&[PAY_CARD]);
    assert!(third.contains("1 new debtor"), "the config changed: {third}");
    let list = shop.json(&["invoices", "--json"]);
    assert_eq!(invoice(&list, "F0")["debtor"]["number"], "D0003");
    let again = shop.import(&[PAY_CARD]);
    assert!(!again.contains("debtor"), "{again}");
}

/// The invoice register of a new shop after one import of these lines.
fn register_after_one_import(lines: &[&str]) -> serde_json::Value {
    let mut shop = Shop::base();
    shop.import(lines);
    shop.json(&["invoices", "--json"])
}

#[test]
fn r21_invoices_from_and_lines_booked_on_their_revenue_group() {
    let shop = shop();
    let list = shop.json(&["invoices", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 3, "F0 is dated before invoices_from");
    let f1 = invoice(&list, "F1");
    assert_eq!(f1["lines"][0]["account"], "8000");
    assert_eq!(f1["vat"], "21.00");
    assert_eq!(f1["excl"], "100.00");
    let f2 = invoice(&list, "F2");
    assert_eq!(
        f2["lines"][0]["account"], "8010",
        "the day book's default revenue account"
    );
    assert_eq!(f2["lines"][0]["vat_amount"], "6.00");
    assert_eq!(f2["lines"][1]["account"], "4990");
    assert_eq!(f2["lines"][1]["vat_amount"], "0.00");
}

#[test]
fn r21_paid_by_card_is_booked_and_by_transfer_is_not_but_both_are_paid() {
    let shop = shop();
    let list = shop.json(&["invoices", "--json"]);
    assert_eq!(invoice(&list, "F1")["status"], "paid");
    assert_eq!(
        invoice(&list, "F3")["status"],
        "paid",
        "a transfer pays the invoice even if not booked here"
    );
    assert_eq!(invoice(&list, "F2")["status"], "open");
    let d = shop.day("2026-03-05");
    assert_eq!(line(&d, "methods", "BC", "amount"), "121.00");
    assert_eq!(line(&d, "methods", "FACT", "amount"), "-121.00");
    assert_eq!(line(&d, "methods", "OVS", "amount"), "absent", "ignore_on_invoice");
    assert!(d["blockers"].as_array().unwrap().is_empty());
}

#[test]
fn r21_an_ignored_invoice_leaves_every_export_and_stays_in_the_audit_log() {
    let shop = shop();
    shop.expect(1, &["invoices", "ignore", "F2", "--reason", ""]);
    shop.expect(1, &["invoices", "ignore", "NOPE", "--reason", "x"]);
    shop.expect(
        0,
        &[
            "invoices",
            "ignore",
            "F2",
            "--reason",
            "duplicate of F1",
            "--author",
            "an",
        ],
    );
    let list = shop.json(&["invoices", "--json"]);
    let f2 = invoice(&list, "F2");
    assert_eq!(f2["status"], "ignored");
    assert_eq!(f2["ignored"]["author"], "an");
    assert_eq!(f2["ignored"]["reason"], "duplicate of F1");
    assert!(
        !shop.csv().contains(",invoice,"),
        "§6: the plain csv has no invoice rows"
    );
    let csv = shop.expect(0, &["export", "--format", "csv", "--with-invoices"]);
    assert!(csv.contains("2026-03-02,invoices,invoice,F1,121.00,paid"), "{csv}");
    assert!(!csv.contains(",F2,"), "{csv}");
    let hledger = shop.expect(0, &["export", "--format", "hledger"]);
    assert!(hledger.contains(" F1 ") && !hledger.contains(" F2 "), "{hledger}");
    shop.expect(0, &["confirm", "--through", "2026-03-09"]);
    shop.expect(0, &["centralise", "--through", "2026-03-09"]);
    let xaf = shop.expect(0, &["export", "--format", "xaf"]);
    assert!(xaf.contains("<nr>F1</nr>") && !xaf.contains("<nr>F2</nr>"), "{xaf}");
    let audit = shop.json(&["audit", "--json"]);
    let entry = audit
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "invoice ignore")
        .unwrap();
    assert_eq!(entry["detail"]["invoice"], "F2");
    assert_eq!(entry["author"], "an");
}

#[test]
fn r21_booking_date_is_the_invoice_date_unless_overridden() {
    let shop = shop();
    shop.expect(
        0,
        &[
            "invoices",
            "date",
            "F1",
            "F3",
            "--date",
            "2026-03-06",
            "--reason",
            "booked with the March batch",
        ],
    );
    let list = shop.json(&["invoices", "--json"]);
    assert_eq!(invoice(&list, "F1")["booking_date"], "2026-03-06");
    assert_eq!(invoice(&list, "F1")["date"], "2026-03-02");
    assert_eq!(invoice(&list, "F2")["booking_date"], "2026-03-03");
    shop.expect(
        1,
        &["invoices", "date", "NOPE", "--date", "2026-03-06", "--reason", "x"],
    );
}

/// Σ debit = Σ credit per transaction and in total, read back from the XML.
fn assert_balanced(xaf: &str) {
    let mut total_d = rust_decimal::Decimal::ZERO;
    let mut total_c = rust_decimal::Decimal::ZERO;
    for tr in xaf.split("<transaction>").skip(1) {
        let tr = tr.split("</transaction>").next().unwrap();
        let (mut d, mut c) = (rust_decimal::Decimal::ZERO, rust_decimal::Decimal::ZERO);
        for line in tr.split("<trLine>").skip(1) {
            let amnt: rust_decimal::Decimal = line
                .split("<amnt>")
                .nth(1)
                .unwrap()
                .split("</amnt>")
                .next()
                .unwrap()
                .parse()
                .unwrap();
            let tp = line
                .split("<amntTp>")
                .nth(1)
                .unwrap()
                .split("</amntTp>")
                .next()
                .unwrap();
            if tp == "D" {
                d += amnt;
            } else {
                c += amnt;
            }
        }
        assert_eq!(d, c, "transaction {}", tr.split("<nr>").nth(1).unwrap_or(""));
        total_d += d;
        total_c += c;
    }
    assert_eq!(total_d, total_c);
    let header_d: rust_decimal::Decimal = xaf
        .split("<totalDebit>")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(header_d, total_d);
}

#[test]
fn xaf_of_a_multi_week_demo_dossier_validates_against_the_3_2_xsd() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("demo");
    let bin = env!("CARGO_BIN_EXE_dagkas");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(bin)
            .arg("--config")
            .arg(data.join("dagkas.toml"))
            .arg("--data")
            .arg(&data)
            .args(args)
            .env("DAGKAS_TODAY", "2026-11-25")
            .output()
            .unwrap();
        assert!(
            out.status.code() == Some(0) || out.status.code() == Some(3),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let built = std::process::Command::new(bin)
        .args(["demo", "--no-tui", "--data", data.to_str().unwrap()])
        .env("DAGKAS_TODAY", "2026-11-25")
        .output()
        .unwrap();
    assert!(built.status.success());
    run(&["centralise", "--through", "2026-11-24"]);
    let xaf_path = dir.path().join("demo.xaf");
    run(&["export", "--format", "xaf", "--out", xaf_path.to_str().unwrap()]);
    let xaf = std::fs::read_to_string(&xaf_path).unwrap();
    assert!(
        xaf.matches("<transaction>").count() > 60,
        "weeks of days, cash journals and invoices"
    );
    assert!(xaf.contains("<jrnTp>S</jrnTp>") && xaf.contains("<jrnTp>C</jrnTp>"));
    assert_balanced(&xaf);
    // Built a week at a time with every journal kept aside on disk, the file is the same.
    let config = dagkas::settings::load_config(&data.join("dagkas.toml")).config.unwrap();
    let ledger = dagkas::ledger::Ledger::open(config.clone(), &data, date("2026-11-25")).unwrap();
    let mut views: Vec<_> = config
        .daybooks
        .iter()
        .flat_map(|b| ledger.views(&b.code, None).unwrap())
        .collect();
    views.sort_by(|a, b| (a.date, &a.book).cmp(&(b.date, &b.book)));
    let invoices = ledger.invoices(None).unwrap();
    drop(ledger);
    let period = xaf.split("<startDate>").nth(1).unwrap();
    let (start, end) = (date(&period[..10]), date(&period[31..41]));
    let mut file = dagkas::export::xaf::AuditFile::new(&config, start, end, date("2026-11-25")).spool_after(1);
    for week in views.chunks(7) {
        file.add_days(week).unwrap();
    }
    file.add_invoices(&invoices).unwrap();
    let mut parts = Vec::new();
    file.finish(
        |b| {
            parts.extend_from_slice(b);
            Ok::<(), std::io::Error>(())
        },
        |e| e,
    )
    .unwrap();
    assert_eq!(String::from_utf8(parts).unwrap(), xaf);

    // Yuki: the last running balance of each journal is that journal's closing on the last day.
    let yuki = dir.path().join("kas.csv");
    run(&["export", "--format", "yuki", "--out", yuki.to_str().unwrap()]);
    let days: serde_json::Value = serde_json::from_str(&run(&["days", "--json"])).unwrap();
    let last = days.as_array().unwrap().last().unwrap();
    for j in last["cash"].as_array().unwrap() {
        let code = j["journal"].as_str().unwrap();
        let text = std::fs::read_to_string(dir.path().join(format!("kas-{code}.csv"))).unwrap();
        assert!(
            text.starts_with("Grootboekrekening kas;Kas omschrijving;Transactie code;"),
            "{text}"
        );
        let last_line = text.lines().last().unwrap();
        let saldo = last_line.rsplit(';').next().unwrap().replace(',', ".");
        assert_eq!(saldo, j["closing"].as_str().unwrap(), "{code}: {last_line}");
        assert!(
            text.lines().nth(1).unwrap().contains(";BEGIN;"),
            "opening balance line first"
        );
    }

    if !require_tool("xmllint") {
        return;
    }
    let xsd = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/XmlAuditfileFinancieel3.2.xsd");
    let check = std::process::Command::new("xmllint")
        .args(["--noout", "--schema", xsd])
        .arg(&xaf_path)
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
}
