//! Hand-worked days: each test is a small story a bookkeeper can check on paper.

#[path = "common/mod.rs"]
mod common;
use common::*;

fn ticket(id: &str, time: &str, lines: &str, payments: &str, extra: &str) -> String {
    format!(
        r#"{{"type":"ticket","id":"{id}","branch":"1","register":"1","time":"{time}","lines":[{lines}],"payments":[{payments}]{extra}}}"#
    )
}

fn l(vat: &str, amount: &str) -> String {
    format!(r#"{{"vat":"{vat}","amount":"{amount}"}}"#)
}

fn p(method: &str, amount: &str) -> String {
    format!(r#"{{"method":"{method}","amount":"{amount}"}}"#)
}

#[test]
fn r3_every_date_from_start_to_yesterday_is_a_day() {
    let shop = Shop::base();
    let days = shop.days();
    let dates: Vec<_> = days
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(dates.first().unwrap(), "2026-03-01");
    assert_eq!(
        dates.last().unwrap(),
        "2026-03-09",
        "today (2026-03-10) is not yet a day"
    );
    assert_eq!(dates.len(), 9);
    let zero = &days[3];
    assert_eq!(zero["status"], "proposed");
    assert_eq!(zero["turnover"], "0.00");
    assert_eq!(cash(zero, "opening"), "100.00");
    assert_eq!(cash(zero, "closing"), "100.00");
}

#[test]
fn r2_documents_before_the_start_are_kept_but_not_booked() {
    let mut shop = Shop::base();
    let out = shop.import(&[&ticket(
        "OLD",
        "2026-02-27T10:00:00+01:00",
        &l("1", "10.00"),
        &p("CASH", "10.00"),
        "",
    )]);
    assert!(out.contains("1 new"), "{out}");
    let days = shop.days();
    assert!(days.as_array().unwrap().iter().all(|d| d["turnover"] == "0.00"));
    assert_eq!(cash(&days[0], "opening"), "100.00");
}

#[test]
fn a_ticket_at_0130_belongs_to_the_previous_business_day() {
    let mut shop = Shop::base();
    shop.import(&[
        &ticket(
            "LATE",
            "2026-03-03T01:30:00+01:00",
            &l("1", "12.10"),
            &p("CASH", "12.10"),
            "",
        ),
        &ticket(
            "EARLY",
            "2026-03-03T04:00:00+01:00",
            &l("1", "24.20"),
            &p("CASH", "24.20"),
            "",
        ),
    ]);
    assert_eq!(shop.day("2026-03-02")["turnover"], "12.10");
    assert_eq!(shop.day("2026-03-03")["turnover"], "24.20");
}

#[test]
fn dst_spring_forward_day_uses_the_local_cutoff() {
    let mut shop = Shop::base();
    shop.today = "2026-03-31".into();
    // 2026-03-29 02:00 CET → 03:00 CEST. 03:30 CEST is before the 04:00 cutoff.
    shop.import(&[
        &ticket(
            "A",
            "2026-03-29T03:30:00+02:00",
            &l("1", "1.21"),
            &p("CASH", "1.21"),
            "",
        ),
        &ticket(
            "B",
            "2026-03-29T04:00:00+02:00",
            &l("1", "2.42"),
            &p("CASH", "2.42"),
            "",
        ),
        // The same moment as A, written in UTC.
        &ticket("C", "2026-03-29T01:30:00Z", &l("1", "3.63"), &p("CASH", "3.63"), ""),
    ]);
    assert_eq!(shop.day("2026-03-28")["turnover"], "4.84");
    assert_eq!(shop.day("2026-03-29")["turnover"], "2.42");
}

#[test]
fn financial_date_wins_over_the_time() {
    let mut shop = Shop::base();
    shop.import(&[&ticket(
        "F",
        "2026-03-05T10:00:00+01:00",
        &l("1", "5.00"),
        &p("CASH", "5.00"),
        r#","financial_date":"2026-03-04""#,
    )]);
    assert_eq!(shop.day("2026-03-04")["turnover"], "5.00");
    assert_eq!(shop.day("2026-03-05")["turnover"], "0.00");
}

#[test]
fn r14_an_order_prepaid_on_one_day_and_converted_on_another_nets_to_zero() {
    let mut shop = Shop::base();
    shop.import(&[
        r#"{"type":"order_payment","id":"OP1","order":"O55","branch":"1","register":"1","time":"2026-03-02T10:00:00+01:00","payments":[{"method":"EFT","amount":"50.00"}]}"#,
        r#"{"type":"ticket","id":"T9","order":"O55","prepaid":"50.00","branch":"1","register":"1","time":"2026-03-03T10:00:00+01:00","lines":[{"vat":"1","amount":"80.00"}],"payments":[{"method":"CASH","amount":"30.00"}]}"#,
    ]);
    let d2 = shop.day("2026-03-02");
    assert_eq!(line(&d2, "categories", "VOORUIT", "incl"), "50.00");
    assert_eq!(line(&d2, "methods", "BC", "amount"), "50.00");
    assert_eq!(d2["open_prepaid"], "50.00");
    assert!(blockers(&d2).is_empty(), "{d2}");
    let d3 = shop.day("2026-03-03");
    assert_eq!(line(&d3, "categories", "V21", "incl"), "80.00");
    assert_eq!(line(&d3, "categories", "V21", "vat"), "13.88");
    assert_eq!(line(&d3, "categories", "VOORUIT", "incl"), "-50.00");
    assert_eq!(line(&d3, "methods", "CASH", "amount"), "30.00");
    // The prepaid method gets −x and +x: zero on the day, both instances kept.
    assert_eq!(line(&d3, "methods", "VOORUIT", "amount"), "0.00");
    let inst: Vec<_> = d3["instances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["amount"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(inst, vec!["-50.00", "50.00"]);
    assert_eq!(d3["turnover"], "30.00");
    assert_eq!(d3["payments"], "30.00");
    assert_eq!(d3["open_prepaid"], "0.00");
    assert_eq!(cash(&d3, "closing"), "130.00");
}

const CAFE_TICKET: &str = r#"{"type":"ticket","id":"K1","branch":"1","register":"1","time":"2026-03-02T20:00:00+01:00","lines":[{"vat":"1","amount":"10.00"}],"payments":[{"method":"EFT","amount":"12.00"}],"tip":"2.00"}"#;
const CAFE_CASH: &str = r#"{"type":"ticket","id":"K2","branch":"1","register":"1","time":"2026-03-02T21:00:00+01:00","lines":[{"vat":"2","amount":"5.30"}],"payments":[{"method":"CASH","amount":"6.30"}],"tip":"1.00"}"#;

#[test]
fn r16_cafe_tips_subtracted_from_cash() {
    let mut shop = Shop::base();
    shop.import(&[CAFE_TICKET, CAFE_CASH]);
    let d = shop.day("2026-03-02");
    assert_eq!(d["turnover"], "15.30");
    assert_eq!(line(&d, "methods", "BC", "amount"), "12.00");
    // 6.30 cash received − 3.00 tips paid out to staff.
    assert_eq!(line(&d, "methods", "CASH", "amount"), "3.30");
    assert_eq!(d["payments"], "15.30");
    assert_eq!(d["tips"], "3.00");
    assert!(blockers(&d).is_empty(), "{d}");
    let csv = shop.csv();
    assert!(csv.contains("2026-03-02,KAS1,cash,sales,6.30,proposed"), "{csv}");
    assert!(csv.contains("2026-03-02,KAS1,cash,tips,-3.00,proposed"), "{csv}");
    assert!(csv.contains("2026-03-02,KAS1,cash,closing,103.30,proposed"), "{csv}");
    assert!(!csv.contains(",FOOI,") || csv.contains("turnover,FOOI,0.00"), "{csv}");
}

#[test]
fn r16_cafe_tips_as_turnover_on_a_category() {
    let mut shop = Shop::new(&BASE.replace("#TIPS", "tips = { category = \"FOOI\" }"));
    shop.import(&[CAFE_TICKET, CAFE_CASH]);
    let d = shop.day("2026-03-02");
    assert_eq!(line(&d, "categories", "FOOI", "incl"), "3.00");
    assert_eq!(line(&d, "categories", "FOOI", "vat"), "null");
    assert_eq!(d["turnover"], "18.30");
    assert_eq!(line(&d, "methods", "CASH", "amount"), "6.30");
    assert_eq!(d["payments"], "18.30");
    let csv = shop.csv();
    assert!(!csv.contains("cash,tips"), "{csv}");
    assert!(csv.contains("2026-03-02,KAS1,cash,closing,106.30,proposed"), "{csv}");
}

#[test]
fn r19_a_day_with_an_open_and_a_close_count() {
    let mut shop = Shop::base();
    shop.import(&[
        r#"{"type":"cash","id":"OC","drawer":"0","time":"2026-03-02T08:00:00+01:00","kind":"open_count","amount":"95.00"}"#,
        &ticket("S1", "2026-03-02T10:00:00+01:00", &l("1", "50.00"), &p("CASH", "50.00"), ""),
        r#"{"type":"cash","id":"BD","drawer":"0","time":"2026-03-02T15:00:00+01:00","kind":"bank_deposit","amount":"40.00"}"#,
        r#"{"type":"cash","id":"CC","drawer":"0","time":"2026-03-02T22:00:00+01:00","kind":"close_count","amount":"104.00"}"#,
        // Sold after closing, before the 04:00 cutoff: still this business day.
        &ticket("S2", "2026-03-03T02:00:00+01:00", &l("1", "10.00"), &p("CASH", "10.00"), ""),
    ]);
    let csv = shop.csv();
    let day: Vec<&str> = csv.lines().filter(|r| r.starts_with("2026-03-02,KAS1")).collect();
    assert_eq!(
        day,
        vec![
            "2026-03-02,KAS1,cash,bank_deposit,-40.00,proposed",
            "2026-03-02,KAS1,cash,close_diff,-1.00,proposed",
            "2026-03-02,KAS1,cash,closing,114.00,proposed",
            "2026-03-02,KAS1,cash,open_diff,-5.00,proposed",
            "2026-03-02,KAS1,cash,opening,100.00,proposed",
            "2026-03-02,KAS1,cash,sales,60.00,proposed",
        ]
    );
    assert_eq!(cash(&shop.day("2026-03-03"), "opening"), "114.00");
}

#[test]
fn r6_cash_that_would_go_negative_blocks_the_day_at_the_first_event() {
    let mut shop = Shop::base();
    shop.import(&[
        r#"{"type":"cash","id":"EXP1","drawer":"0","time":"2026-03-02T14:02:00+01:00","kind":"expense","amount":"150.00","account":"604000"}"#,
        r#"{"type":"cash","id":"EXP2","drawer":"0","time":"2026-03-02T15:00:00+01:00","kind":"expense","amount":"1.00","account":"604000"}"#,
        // At the same instant the inflow goes first: no negative balance here.
        r#"{"type":"cash","id":"BD","drawer":"0","time":"2026-03-03T12:00:00+01:00","kind":"bank_deposit","amount":"10.00"}"#,
        r#"{"type":"cash","id":"IN","drawer":"0","time":"2026-03-03T12:00:00+01:00","kind":"cash_in","amount":"100.00"}"#,
    ]);
    let d = shop.day("2026-03-02");
    assert_eq!(blockers(&d), vec!["negative_cash"]);
    assert_eq!(d["blockers"][0]["at"]["document"], "EXP1");
    let text = shop.expect(0, &["days"]);
    assert!(
        text.contains("negative cash: KAS1 drawer 0 at 14:02 expense EXP1"),
        "{text}"
    );
    // Not the book's first day: no word about the opening balance.
    assert!(!text.contains("opening_balance"), "{text}");
}

#[test]
fn r6_negative_cash_on_the_first_day_names_the_opening_balance_that_fixes_it() {
    let mut shop = Shop::base();
    shop.import(&[
        r#"{"type":"cash","id":"EXP1","drawer":"0","time":"2026-03-01T14:02:00+01:00","kind":"expense","amount":"150.00","account":"604000"}"#,
    ]);
    let d = shop.day("2026-03-01");
    assert_eq!(d["blockers"][0]["first_day"], true, "{d}");
    let text = shop.expect(0, &["days"]);
    assert!(
        text.contains("opening_balance of cash journal KAS1 in the config"),
        "{text}"
    );
    // Set as the blocker says, the day is valid.
    std::fs::write(
        shop.config_path(),
        BASE.replace("opening_balance = \"100.00\"", "opening_balance = \"200.00\""),
    )
    .unwrap();
    assert!(blockers(&shop.day("2026-03-01")).is_empty());
}

#[test]
fn r13_ignored_registers_branches_and_methods_skip_whole_tickets() {
    let mut shop = Shop::new(&BASE.replace("#TIPS", "branches = [\"1\"]"));
    shop.import(&[
        &ticket("OK", "2026-03-02T10:00:00+01:00", &l("1", "10.00"), &p("CASH", "10.00"), ""),
        r#"{"type":"ticket","id":"WEB","branch":"1","register":"eCom","time":"2026-03-02T10:00:00+01:00","lines":[{"vat":"1","amount":"99.00"}],"payments":[{"method":"EFT","amount":"99.00"}]}"#,
        r#"{"type":"ticket","id":"B2","branch":"2","register":"1","time":"2026-03-02T10:00:00+01:00","lines":[{"vat":"1","amount":"77.00"}],"payments":[{"method":"EFT","amount":"77.00"}]}"#,
        &ticket("INV", "2026-03-02T11:00:00+01:00", &l("1", "50.00"), &format!("{},{}", p("OP FACTUUR", "40.00"), p("CASH", "10.00")), ""),
    ]);
    let d = shop.day("2026-03-02");
    assert_eq!(d["turnover"], "10.00");
    assert_eq!(d["skipped"], 3);
    assert_eq!(cash(&d, "closing"), "110.00");
}

#[test]
fn r21_invoice_payments_book_the_method_and_invoice_paid_unless_ignored_on_invoice() {
    let mut shop = Shop::base();
    shop.import(&[
        r#"{"type":"invoice","id":"F1","branch":"1","date":"2026-03-02","debtor":{"name":"Janssens BV","email":"boekhouding@janssens.be"},"lines":[{"vat":"1","amount":"121.00","revenue_group":"8000 Omzet algemeen"}]}"#,
        r#"{"type":"invoice_payment","id":"IP1","invoice":"F1","branch":"1","register":"1","time":"2026-03-02T11:00:00+01:00","method":"EFT","amount":"121.00"}"#,
        r#"{"type":"invoice_payment","id":"IP2","invoice":"F2","branch":"1","register":"1","time":"2026-03-02T12:00:00+01:00","method":"OVERSCHRIJVING","amount":"60.50"}"#,
        r#"{"type":"invoice_payment","id":"IP3","invoice":"F3","branch":"1","register":"1","time":"2026-03-02T13:00:00+01:00","method":"CASH","amount":"30.00"}"#,
    ]);
    let d = shop.day("2026-03-02");
    assert_eq!(d["turnover"], "0.00", "invoices are not day turnover");
    assert_eq!(line(&d, "methods", "BC", "amount"), "121.00");
    assert_eq!(line(&d, "methods", "FACT", "amount"), "-151.00");
    assert_eq!(line(&d, "methods", "OVS", "amount"), "absent");
    assert_eq!(d["payments"], "0.00");
    let refs: Vec<_> = d["instances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["reference"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(refs, vec!["F1", "F3"]);
    assert_eq!(cash(&d, "closing"), "130.00");
    assert!(blockers(&d).is_empty(), "{d}");
}

#[test]
fn r17_rounding_is_a_payment_method_outside_the_cash_book() {
    let mut shop = Shop::base();
    shop.import(&[&ticket(
        "R",
        "2026-03-02T10:00:00+01:00",
        &l("1", "12.12"),
        &format!("{},{}", p("CASH", "12.10"), p("AFRONDING", "0.02")),
        "",
    )]);
    let d = shop.day("2026-03-02");
    assert_eq!(line(&d, "methods", "AFR", "amount"), "0.02");
    assert_eq!(d["payments"], "12.12");
    assert_eq!(cash(&d, "closing"), "112.10");
}

#[test]
fn r17_refunds_are_cash_out() {
    let mut shop = Shop::base();
    shop.import(&[
        &ticket(
            "S",
            "2026-03-02T10:00:00+01:00",
            &l("1", "30.00"),
            &p("CASH", "30.00"),
            "",
        ),
        &ticket(
            "RF",
            "2026-03-02T11:00:00+01:00",
            &l("1", "-12.10"),
            &p("CASH", "-12.10"),
            "",
        ),
    ]);
    let csv = shop.csv();
    assert!(csv.contains("2026-03-02,KAS1,cash,refunds,-12.10,proposed"), "{csv}");
    assert!(csv.contains("2026-03-02,KAS1,cash,sales,30.00,proposed"), "{csv}");
    assert!(csv.contains("2026-03-02,DO1,vat,V21,3.11,proposed"), "{csv}");
}

#[test]
fn r15_vouchers_sold_and_redeemed_leave_an_open_balance() {
    let mut shop = Shop::base();
    shop.import(&[
        &ticket(
            "BS",
            "2026-03-02T10:00:00+01:00",
            &l("giftcard", "25.00"),
            &p("CASH", "25.00"),
            "",
        ),
        &ticket(
            "BR",
            "2026-03-04T10:00:00+01:00",
            &l("1", "15.00"),
            &p("VVV", "15.00"),
            "",
        ),
    ]);
    let d2 = shop.day("2026-03-02");
    assert_eq!(line(&d2, "categories", "BON", "incl"), "25.00");
    assert_eq!(line(&d2, "categories", "BON", "vat"), "null");
    assert_eq!(d2["open_vouchers"], "25.00");
    assert_eq!(shop.day("2026-03-04")["open_vouchers"], "10.00");
}

#[test]
fn r18_cash_in_another_currency_goes_to_that_currency_s_journal_or_blocks() {
    let usd = r#"{"type":"ticket","id":"U","branch":"1","register":"1","time":"2026-03-02T10:00:00+01:00","lines":[{"vat":"1","amount":"18.50"}],"payments":[{"method":"CASH","amount":"18.50","currency":"USD","foreign_amount":"20.00"}]}"#;
    let mut shop = Shop::base();
    shop.import(&[usd]);
    let d = shop.day("2026-03-02");
    assert_eq!(blockers(&d), vec!["currency"]);
    let text = shop.expect(0, &["days"]);
    assert!(text.contains("cash in USD (U) but no cash journal in USD"), "{text}");

    let with_usd = format!(
        "{BASE}\n[[cash_journal]]\ncode = \"KASUSD\"\ndaybook = \"DO1\"\ncurrency = \"USD\"\naccount = \"570100\"\ndiff_debit_account = \"657100\"\ndiff_credit_account = \"757100\"\ncash_deposit_account = \"580100\"\nbank_deposit_account = \"580200\"\nopening_balance = \"0.00\"\n"
    );
    let mut shop = Shop::new(&with_usd);
    shop.import(&[usd]);
    let d = shop.day("2026-03-02");
    assert!(blockers(&d).is_empty(), "{d}");
    assert_eq!(line(&d, "methods", "CASH", "amount"), "18.50");
    let usd_journal = d["cash"]
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["journal"] == "KASUSD")
        .unwrap();
    assert_eq!(usd_journal["closing"], "20.00");
    assert_eq!(cash(&d, "closing"), "100.00", "the EUR drawer is untouched");
}

#[test]
fn r23_vat_per_category_per_day_rounded_half_up_or_taken_from_the_pos() {
    let mut shop = Shop::base();
    shop.import(&[
        // 3 × 0.35 = 1.05 incl. at 6%: 1.05 × 6 / 106 = 0.0594… → 0.06 (per day, not per line).
        &ticket("A", "2026-03-02T10:00:00+01:00", &l("2", "0.35"), &p("CASH", "0.35"), ""),
        &ticket("B", "2026-03-02T10:01:00+01:00", &l("2", "0.35"), &p("CASH", "0.35"), ""),
        &ticket("C", "2026-03-02T10:02:00+01:00", &l("2", "0.35"), &p("CASH", "0.35"), ""),
        // Every V21 line carries the POS's VAT: the day uses their sum.
        r#"{"type":"ticket","id":"D","branch":"1","register":"1","time":"2026-03-03T10:00:00+01:00","lines":[{"vat":"1","amount":"12.10","vat_amount":"2.09"}],"payments":[{"method":"CASH","amount":"12.10"}]}"#,
        // One line without: R23 computes.
        r#"{"type":"ticket","id":"E","branch":"1","register":"1","time":"2026-03-04T10:00:00+01:00","lines":[{"vat":"1","amount":"12.10","vat_amount":"2.09"},{"vat":"1","amount":"12.10"}],"payments":[{"method":"CASH","amount":"24.20"}]}"#,
    ]);
    let d2 = shop.day("2026-03-02");
    assert_eq!(line(&d2, "categories", "V6", "vat"), "0.06");
    assert_eq!(line(&d2, "categories", "V6", "excl"), "0.99");
    assert_eq!(line(&shop.day("2026-03-03"), "categories", "V21", "vat"), "2.09");
    assert_eq!(line(&shop.day("2026-03-04"), "categories", "V21", "vat"), "4.20");
}

#[test]
fn r12_unmapped_codes_block_and_can_be_mapped() {
    let mut shop = Shop::base();
    shop.import(&[&ticket(
        "X",
        "2026-03-02T10:00:00+01:00",
        &l("9", "10.00"),
        &p("K_PINZUIL", "10.00"),
        "",
    )]);
    let d = shop.day("2026-03-02");
    assert_eq!(blockers(&d), vec!["unmapped", "unmapped"]);
    let text = shop.expect(0, &["days"]);
    assert!(text.contains("unmapped VAT group 9"), "{text}");
    assert!(text.contains("unmapped method K_PINZUIL"), "{text}");
    shop.expect(0, &["map", "--book", "DO1", "vat:9=V21"]);
    shop.expect(0, &["map", "--book", "DO1", "method:K_PINZUIL=BC"]);
    let d = shop.day("2026-03-02");
    assert!(blockers(&d).is_empty(), "{d}");
    assert_eq!(line(&d, "methods", "BC", "amount"), "10.00");
    let audit = shop.expect(0, &["audit"]);
    assert_eq!(audit.matches("mapping").count(), 2, "{audit}");
    // R22: the mapping is the change; opening the dossier again logs no second one.
    assert!(!audit.contains("config changed"), "{audit}");
    shop.expect(1, &["map", "--book", "DO1", "method:X=NOPE"]);
}

#[test]
fn r12_auto_create_methods_takes_the_pos_name() {
    let mut shop = Shop::new(&BASE.replace("#TIPS", "auto_create_methods = true"));
    shop.import(&[&ticket(
        "X",
        "2026-03-02T10:00:00+01:00",
        &l("1", "10.00"),
        &p("Mobile Pay", "10.00"),
        "",
    )]);
    let d = shop.day("2026-03-02");
    assert!(blockers(&d).is_empty(), "{d}");
    assert_eq!(line(&d, "methods", "Mobile Pay", "amount"), "10.00");
}

#[test]
fn a_missing_prepaid_setting_blocks_the_day_as_unmapped() {
    let mut shop = Shop::new(&BASE.replace("prepaid = \"VOORUIT\"\n#TIPS", "#TIPS"));
    shop.import(&[r#"{"type":"ticket","id":"T9","order":"O55","prepaid":"50.00","branch":"1","register":"1","time":"2026-03-03T10:00:00+01:00","lines":[{"vat":"1","amount":"80.00"}],"payments":[{"method":"CASH","amount":"30.00"}]}"#]);
    let d = shop.day("2026-03-03");
    assert_eq!(blockers(&d), vec!["unmapped"]);
}

#[test]
fn csv_export_is_sorted_and_closing_is_opening_plus_changes() {
    let mut shop = Shop::base();
    shop.import(&[
        &ticket("S", "2026-03-02T10:00:00+01:00", &l("1", "30.00"), &p("CASH", "30.00"), ""),
        r#"{"type":"cash","id":"IN","drawer":"0","time":"2026-03-02T09:00:00+01:00","kind":"cash_in","amount":"20.00"}"#,
        r#"{"type":"cash","id":"EX","drawer":"0","time":"2026-03-02T16:00:00+01:00","kind":"expense","amount":"7.50","account":"604000"}"#,
    ]);
    let csv = shop.csv();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("date,book,kind,code,amount,status"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let mut sorted = rows.clone();
    sorted.sort_by(|a, b| (a[0], a[1], a[2], a[3]).cmp(&(b[0], b[1], b[2], b[3])));
    assert_eq!(rows, sorted);
    for date in ["2026-03-01", "2026-03-02", "2026-03-09"] {
        let of = |code: &str| -> rust_decimal::Decimal {
            rows.iter()
                .filter(|r| r[0] == date && r[1] == "KAS1" && r[3] == code)
                .map(|r| r[4].parse::<rust_decimal::Decimal>().unwrap())
                .sum()
        };
        let changes: rust_decimal::Decimal = rows
            .iter()
            .filter(|r| r[0] == date && r[1] == "KAS1" && r[3] != "opening" && r[3] != "closing")
            .map(|r| r[4].parse::<rust_decimal::Decimal>().unwrap())
            .sum();
        assert_eq!(of("opening") + changes, of("closing"), "{date}");
        assert!(
            rows.iter().any(|r| r[0] == date && r[1] == "DO1"),
            "{date} has a DO1 row"
        );
    }
    assert!(csv.contains("2026-03-02,KAS1,cash,closing,142.50,proposed"), "{csv}");
    assert!(csv.contains("2026-03-02,KAS1,cash,expense,-7.50,proposed"), "{csv}");
    assert!(csv.contains("2026-03-02,KAS1,cash,cash_in,20.00,proposed"), "{csv}");
}
