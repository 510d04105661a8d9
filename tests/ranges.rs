//! Cost that follows the days asked for: listings read the chain kept in the store and
//! stream, with the same figures, byte for byte, as a build of every day from the first.

#[path = "common/mod.rs"]
mod common;
use common::*;

fn ticket(id: &str, day: &str, amount: &str, method: &str) -> String {
    format!(
        r#"{{"type":"ticket","id":"{id}","branch":"1","register":"1","time":"{day}T10:00:00+01:00","lines":[{{"vat":"1","amount":"{amount}"}}],"payments":[{{"method":"{method}","amount":"{amount}"}}]}}"#
    )
}

fn cash(id: &str, day: &str, kind: &str, amount: &str) -> String {
    format!(
        r#"{{"type":"cash","id":"{id}","drawer":"0","time":"{day}T18:00:00+01:00","kind":"{kind}","amount":"{amount}","account":"604000"}}"#
    )
}

/// Seven months of a shop: more days than one part of a listing, cash every week.
fn long_shop() -> Shop {
    let mut shop = Shop::base();
    shop.today = "2026-10-01".into();
    let mut docs = Vec::new();
    let mut d = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let mut n = 0;
    while d < chrono::NaiveDate::from_ymd_opt(2026, 9, 30).unwrap() {
        n += 1;
        let day = d.to_string();
        docs.push(ticket(
            &format!("T{n}"),
            &day,
            &format!("{}.{:02}", 10 + n % 90, n % 100),
            "CASH",
        ));
        if n % 7 == 0 {
            docs.push(cash(&format!("B{n}"), &day, "bank_deposit", "50.00"));
        }
        d += chrono::Duration::days(1);
    }
    let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
    shop.import(&refs);
    shop
}

/// Every day built from the first one, in process, as `days --json` must print it.
fn built_from_the_first_day(shop: &Shop) -> String {
    let ledger = shop.ledger();
    let mut views = ledger.all_views(None).unwrap();
    views.sort_by(|a, b| (a.date, &a.book).cmp(&(b.date, &b.book)));
    serde_json::to_string_pretty(&views).unwrap() + "\n"
}

#[test]
fn a_streamed_listing_is_byte_for_byte_a_build_from_the_first_day() {
    let shop = long_shop();
    let expected = built_from_the_first_day(&shop);
    // Cold (nothing kept: the import kept the chain, so drop it first) and warm.
    let ledger = shop.ledger();
    ledger.store.clear_figures().unwrap();
    drop(ledger);
    let cold = shop.expect(0, &["days", "--json"]);
    assert_eq!(cold, expected);
    let warm = shop.expect(0, &["days", "--json"]);
    assert_eq!(warm, expected);

    // A range is the same days of the whole, read from where the day before closed.
    let all: serde_json::Value = serde_json::from_str(&expected).unwrap();
    let part = shop.json(&["days", "--json", "--from", "2026-07-14", "--to", "2026-08-02"]);
    let want: Vec<&serde_json::Value> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["date"].as_str().unwrap() >= "2026-07-14" && v["date"].as_str().unwrap() <= "2026-08-02")
        .collect();
    assert_eq!(part.as_array().unwrap().len(), 20);
    assert_eq!(serde_json::to_value(&want).unwrap(), part);

    // The text table has a row per day, in order, and the same closing cash.
    let table = shop.expect(0, &["days"]);
    let rows: Vec<&str> = table
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_uppercase()) && l.contains(" DO1 "))
        .collect();
    assert_eq!(rows.len(), all.as_array().unwrap().len(), "{table}");
    let last = all.as_array().unwrap().last().unwrap();
    let closing = last["cash"][0]["closing"].as_str().unwrap();
    let closing: rust_decimal::Decimal = closing.parse().unwrap();
    let written = dagkas::i18n::Lang::new("en").money(closing);
    assert!(rows.last().unwrap().contains(&written), "{}", rows.last().unwrap());
}

#[test]
fn an_empty_range_is_an_empty_list() {
    let shop = long_shop();
    assert_eq!(
        shop.expect(0, &["days", "--json", "--from", "2026-05-02", "--to", "2026-05-01"]),
        "[]\n"
    );
}

/// A change to an early day (an edit, a confirmation, a new document) reaches every later
/// day of a range read afterwards: the kept chain from that day on is built anew.
#[test]
fn an_early_change_reaches_the_days_after_it() {
    let mut shop = long_shop();
    let before = shop.json(&["days", "--json", "--from", "2026-09-01", "--to", "2026-09-05"]);
    shop.import(&[&cash("LATE", "2026-03-05", "cash_in", "1000.00")]);
    let after = shop.json(&["days", "--json", "--from", "2026-09-01", "--to", "2026-09-05"]);
    let opening = |v: &serde_json::Value| -> rust_decimal::Decimal {
        v[0]["cash"][0]["opening"].as_str().unwrap().parse().unwrap()
    };
    assert_eq!(
        opening(&after) - opening(&before),
        rust_decimal::Decimal::new(100000, 2)
    );
    assert_eq!(built_from_the_first_day(&shop), shop.expect(0, &["days", "--json"]));
}

/// An export written a quarter at a time is, byte for byte, the export of every day at
/// once (csv, hledger, Yuki), to standard output and to a file.
#[test]
fn a_streamed_export_is_the_whole_export() {
    let shop = long_shop();
    let ledger = shop.ledger();
    let mut views = ledger.all_views(None).unwrap();
    views.sort_by(|a, b| (a.date, &a.book).cmp(&(b.date, &b.book)));
    let invoices = ledger.invoices(None).unwrap();
    let csv = dagkas::export::csv::render(&ledger.config, &views, &[]);
    let hledger = dagkas::export::hledger::render(&ledger.config, &views, &invoices);
    let yuki: String = dagkas::export::yuki::render(&ledger.config, &views)
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    drop(ledger);
    assert!(csv.lines().count() > 1000, "seven months of rows");
    let run = |format: &str| {
        let out = shop.run(&["export", "--format", format]);
        assert!(out.status.success(), "{}", text(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(run("csv"), csv);
    assert_eq!(run("hledger"), hledger);
    assert_eq!(run("yuki"), yuki);
    let file = shop.dir.path().join("book.csv");
    shop.expect(0, &["export", "--format", "csv", "--out", file.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), csv);
}

/// A day kept in its listed form yesterday is listed today as today sees it: being overdue
/// comes with the calendar, and a day that has ended since is listed as ended.
#[test]
fn the_listed_form_of_a_day_follows_the_calendar() {
    let shop = long_shop();
    let mut ledger = shop.ledger();
    // Kept afresh by a reader of 10 September.
    ledger.store.clear_figures().unwrap();
    ledger.today = date("2026-09-10");
    let early = ledger
        .light_views_between("DO1", date("2026-09-01"), date("2026-09-12"))
        .unwrap();
    assert!(early.iter().any(|v| !v.overdue), "recent days are not overdue yet");
    ledger.today = date("2026-09-30");
    let later = ledger
        .light_views_between("DO1", date("2026-09-01"), date("2026-09-12"))
        .unwrap();
    let whole: Vec<_> = ledger
        .views_between("DO1", date("2026-09-01"), date("2026-09-12"))
        .unwrap()
        .into_iter()
        .map(dagkas::domain::book::DayView::light)
        .collect();
    assert_eq!(
        serde_json::to_string(&later).unwrap(),
        serde_json::to_string(&whole).unwrap()
    );
    assert!(later.iter().all(|v| v.overdue), "{later:?}");
    assert!(later.iter().all(|v| v
        .blockers
        .iter()
        .all(|b| !matches!(b, dagkas::domain::book::Blocker::NotEnded))));
    let stamps =
        |vs: &[dagkas::domain::book::DayView]| vs.iter().map(dagkas::domain::book::view_stamp).collect::<Vec<_>>();
    assert_eq!(stamps(&later), stamps(&whole));
}

#[test]
fn the_text_listing_of_confirmed_and_open_days_states_what_the_json_states() {
    // The table reads each day's listed form from the kept chain; the JSON builds every day.
    let shop = long_shop();
    shop.expect(0, &["confirm", "--through", "2026-06-30"]);
    shop.expect(0, &["centralise", "--through", "2026-05-31"]);
    let all = shop.json(&["days", "--json"]);
    let table = shop.expect(0, &["days"]);
    let rows: Vec<&str> = table
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_uppercase()) && l.contains(" DO1 "))
        .collect();
    let days = all.as_array().unwrap();
    assert_eq!(rows.len(), days.len(), "{table}");
    let en = dagkas::i18n::Lang::new("en");
    for (row, day) in rows.iter().zip(days) {
        let money = |v: &serde_json::Value| en.money(v.as_str().unwrap().parse().unwrap());
        assert!(row.contains(&day["date"].as_str().unwrap()[..10]), "{row}");
        assert!(
            row.contains(day["status"].as_str().unwrap()),
            "{row} / {}",
            day["status"]
        );
        assert!(row.contains(&money(&day["turnover"])), "{row} / {}", day["turnover"]);
        assert!(row.contains(&money(&day["cash"][0]["closing"])), "{row}");
    }
    assert!(table.contains("centralised") && table.contains("confirmed") && table.contains("proposed"));
}

#[test]
fn a_listed_form_kept_with_a_stamp_made_otherwise_is_built_again() {
    // A listed form written by an earlier version carries a stamp made another way: used as
    // it is, every action on that day would be refused as if the day had changed.
    let shop = long_shop();
    shop.expect(0, &["days"]);
    let key = b"DO1\x002026-06-15";
    let text = String::from_utf8(shop.raw_get("chain", key).unwrap()).unwrap();
    let mut kept: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(kept["stamps"], 1, "{text}");
    kept.as_object_mut().unwrap().remove("stamps");
    kept["light"][1] = serde_json::json!(12345);
    shop.raw_put("chain", key, Some(kept.to_string().as_bytes()));

    let ledger = shop.ledger();
    let d = date("2026-06-15");
    let listed = ledger.light_views_between("DO1", d, d).unwrap();
    let whole = ledger.views_between("DO1", d, d).unwrap();
    let stamp = dagkas::domain::book::view_stamp;
    assert_eq!(stamp(&listed[0]), stamp(&whole[0]));
    assert_ne!(stamp(&listed[0]), 12345);
}

#[test]
fn a_stamp_follows_what_a_person_sees_of_a_day_but_not_the_calendar() {
    let shop = long_shop();
    let ledger = shop.ledger();
    let views = ledger
        .views_between("DO1", date("2026-06-01"), date("2026-06-30"))
        .unwrap();
    let v = views
        .iter()
        .find(|v| v.cash.iter().any(|j| j.day.lines.len() > 1))
        .unwrap();
    let stamp = dagkas::domain::book::view_stamp;
    let mut overdue = v.clone();
    overdue.overdue = !v.overdue;
    assert_eq!(stamp(&overdue), stamp(v), "being overdue comes with the calendar");
    let mut line = v.clone();
    line.cash[0].day.lines[1].document = "other".into();
    assert_ne!(stamp(&line), stamp(v), "a cash line's document");
    let mut total = v.clone();
    total.turnover += rust_decimal::Decimal::new(1, 2);
    assert_ne!(stamp(&total), stamp(v), "a total");
    let mut status = v.clone();
    status.status = dagkas::domain::book::Status::Confirmed;
    assert_ne!(stamp(&status), stamp(v), "the status");
    assert_eq!(
        stamp(&v.clone().light()),
        stamp(v),
        "a light copy keeps the whole view's stamp"
    );
}

#[test]
fn check_goes_through_every_part_of_a_long_book() {
    let mut shop = long_shop();
    let confirmed = shop.expect(0, &["confirm", "--through", "2026-09-29"]);
    assert!(confirmed.contains("2026-09-29"), "{confirmed}");
    let clean = shop.expect(0, &["check"]);
    assert!(!clean.contains("drift"), "{clean}");
    // A ticket of August (in the second quarter of the book) changed since it was confirmed.
    shop.import(&[&ticket("T163", "2026-08-10", "84.63", "CASH")]);
    let out = shop.expect(0, &["check"]);
    let drift: Vec<&str> = out.lines().filter(|l| l.contains("drift")).collect();
    assert_eq!(drift.len(), 1, "{out}");
    assert!(drift[0].contains("2026-08-10"), "{out}");
}

/// Where the kept chain of DO1 reaches, read from the store as a listing would.
fn chain_reaches(shop: &Shop) -> Option<chrono::NaiveDate> {
    let ledger = shop.ledger();
    let today: chrono::NaiveDate = shop.today.parse().unwrap();
    let reached = ledger.store.chain_before("DO1", today, &ledger.config.fingerprint());
    reached.unwrap().map(|(day, _)| day)
}

#[test]
fn a_change_of_days_lays_the_chain_through_yesterday_before_it_ends() {
    let shop = long_shop();
    let yesterday = chrono::NaiveDate::from_ymd_opt(2026, 9, 30);
    assert_eq!(chain_reaches(&shop), yesterday, "an import lays it");
    // A confirmation drops the chain from its first day; the command lays it again.
    shop.expect(0, &["confirm", "--through", "2026-06-15"]);
    assert_eq!(chain_reaches(&shop), yesterday, "after confirm");
    shop.expect(0, &["reopen", "2026-06-15", "--book", "DO1", "--reason", "a recount"]);
    assert_eq!(chain_reaches(&shop), yesterday, "after reopen");
}

#[test]
fn a_cached_value_that_cannot_be_read_is_built_again() {
    // A cache written by another version, or cut short: a miss, never a locked dossier.
    let shop = long_shop();
    let before = shop.days();
    let key = b"DO1\x002026-06-15";
    assert!(shop.raw_get("chain", key).is_some() && shop.raw_get("figures", key).is_some());
    shop.raw_put("chain", key, Some(b"{\"fingerprint\": 12, \"cut"));
    shop.raw_put("figures", key, Some(b"\xff\xfe not figures"));
    assert_eq!(shop.days(), before);
    shop.expect(0, &["days", "--from", "2026-06-15", "--to", "2026-06-15"]);
    shop.expect(0, &["confirm", "--through", "2026-06-20"]);
    shop.expect(0, &["check"]);
}
