//! Property tests of the arithmetic rules: balances, the cash chain, idempotent and
//! order-independent imports, and random review sessions that never break the book.

#[path = "common/mod.rs"]
mod common;
use common::*;

use dagkas::domain::book::{Blocker, DayView, LineKind, Status};
use dagkas::domain::document::{parse_line, Document};
use dagkas::ledger::Ledger;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn cents(c: i64) -> String {
    dagkas::domain::money::fmt(Decimal::new(c, 2))
}

/// A random but valid ticket or cash event, as a JSONL line.
fn document() -> impl Strategy<Value = (u32, String)> {
    let ticket = (
        1u32..=6,
        0u32..1200,
        prop::collection::vec((0usize..3, -2000i64..12000), 1..4),
        0usize..5,
        prop::option::of(1i64..300),
    )
        .prop_map(|(day, minute, lines, split, tip)| {
            let vats = ["1", "2", "giftcard"];
            let total: i64 = lines.iter().map(|(_, a)| a).sum();
            let tip = tip.unwrap_or(0);
            let payments = match split {
                0 => vec![("CASH", total + tip)],
                1 => vec![("EFT", total + tip)],
                2 => vec![("EFT", total / 2), ("CASH", total - total / 2 + tip)],
                3 => vec![("CASH", total + tip - 2), ("AFRONDING", 2)],
                _ => vec![("K_PINZUIL", total + tip)],
            };
            let lines: Vec<String> = lines.iter().map(|(v, a)| format!(r#"{{"vat":"{}","amount":"{}"}}"#, vats[*v], cents(*a))).collect();
            let payments: Vec<String> = payments.iter().map(|(m, a)| format!(r#"{{"method":"{m}","amount":"{}"}}"#, cents(*a))).collect();
            let time = chrono::NaiveDate::from_ymd_opt(2026, 3, day).unwrap().and_hms_opt(4, 0, 0).unwrap() + chrono::Duration::minutes(i64::from(minute));
            (
                day,
                format!(
                    r#"{{"type":"ticket","id":"ID","branch":"1","register":"1","time":"{}+01:00","lines":[{}],"payments":[{}],"tip":"{}"}}"#,
                    time.format("%Y-%m-%dT%H:%M:%S"),
                    lines.join(","),
                    payments.join(","),
                    cents(tip)
                ),
            )
        });
    let cash = (1u32..=6, 0u32..1200, 0usize..3, 1i64..15000).prop_map(|(day, minute, kind, amount)| {
        let kinds = ["cash_in", "expense", "bank_deposit"];
        let time = chrono::NaiveDate::from_ymd_opt(2026, 3, day).unwrap().and_hms_opt(4, 0, 0).unwrap() + chrono::Duration::minutes(i64::from(minute));
        (
            day,
            format!(
                r#"{{"type":"cash","id":"ID","drawer":"0","time":"{}+01:00","kind":"{}","amount":"{}","account":"604000"}}"#,
                time.format("%Y-%m-%dT%H:%M:%S"),
                kinds[kind],
                cents(amount)
            ),
        )
    });
    prop_oneof![4 => ticket, 1 => cash]
}

fn documents() -> impl Strategy<Value = Vec<Document>> {
    prop::collection::vec(document(), 0..40).prop_map(|docs| {
        docs.into_iter()
            .enumerate()
            .map(|(i, (_, line))| {
                parse_line(line.replacen("\"ID\"", &format!("\"D{i}\""), 1).as_bytes())
                    .expect("generated documents are valid")
            })
            .collect()
    })
}

fn open(shop: &Shop) -> Ledger {
    let mut l = shop.ledger();
    l.today = date("2026-03-08");
    l
}

fn views(l: &Ledger) -> Vec<DayView> {
    l.views("DO1", None).unwrap()
}

fn assert_book_invariants(views: &[DayView]) -> Result<(), TestCaseError> {
    let mut seen_open = false;
    for (i, v) in views.iter().enumerate() {
        let unmapped = v.blockers.iter().any(|b| matches!(b, Blocker::Unmapped { .. }));
        if !unmapped && v.status == Status::Proposed && v.edits.is_empty() {
            prop_assert_eq!(v.turnover, v.payments, "R1 on {}", v.date);
        }
        if v.is_confirmed() {
            prop_assert!(!seen_open, "R5: {} confirmed after an open day", v.date);
            prop_assert_eq!(v.turnover, v.payments, "a confirmed day balances ({})", v.date);
        } else {
            seen_open = true;
        }
        for j in &v.cash {
            let changes: Decimal = j.day.changes().values().sum();
            prop_assert_eq!(
                j.opening + changes,
                j.closing,
                "closing = opening + changes on {}",
                v.date
            );
            if i > 0 {
                let prev = views[i - 1].cash.iter().find(|p| p.journal == j.journal).unwrap();
                prop_assert_eq!(j.opening, prev.closing, "R5 chain on {}", v.date);
            }
            if v.is_confirmed() {
                prop_assert!(j.day.negative.is_none(), "R6: confirmed day {} went negative", v.date);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn balanced_days_and_the_cash_chain_hold(docs in documents()) {
        let shop = Shop::base();
        let mut l = open(&shop);
        l.import_documents("kassa", "prop", "prop", docs).unwrap();
        assert_book_invariants(&views(&l))?;
    }

    #[test]
    fn importing_twice_equals_importing_once(docs in documents()) {
        let shop = Shop::base();
        let mut l = open(&shop);
        l.import_documents("kassa", "once", "prop", docs.clone()).unwrap();
        let once = views(&l);
        let report = l.import_documents("kassa", "twice", "prop", docs.clone()).unwrap();
        prop_assert_eq!(report.counts.new + report.counts.changed, 0);
        prop_assert_eq!(views(&l), once);
    }

    #[test]
    fn import_order_does_not_matter(docs in documents().prop_shuffle(), seed in any::<u64>()) {
        let mut shuffled = docs.clone();
        // A second, different order of the same documents.
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        let a = Shop::base();
        let mut la = open(&a);
        la.import_documents("kassa", "a", "prop", docs).unwrap();
        let b = Shop::base();
        let mut lb = open(&b);
        lb.import_documents("kassa", "b", "prop", shuffled).unwrap();
        prop_assert_eq!(views(&la), views(&lb));
    }

    #[test]
    fn splitting_an_import_in_batches_gives_the_same_figures(docs in documents(), cut in 0usize..40) {
        let cut = cut.min(docs.len());
        let a = Shop::base();
        let mut la = open(&a);
        la.import_documents("kassa", "all", "prop", docs.clone()).unwrap();
        let b = Shop::base();
        let mut lb = open(&b);
        lb.import_documents("kassa", "first", "prop", docs[..cut].to_vec()).unwrap();
        lb.import_documents("kassa", "rest", "prop", docs[cut..].to_vec()).unwrap();
        let strip = |vs: Vec<DayView>| -> Vec<(String, String, String, Vec<String>)> {
            vs.into_iter().map(|v| (
                v.date.to_string(), dagkas::domain::money::fmt(v.turnover), dagkas::domain::money::fmt(v.payments),
                v.cash.iter().map(|j| dagkas::domain::money::fmt(j.closing)).collect(),
            )).collect()
        };
        prop_assert_eq!(strip(views(&la)), strip(views(&lb)));
    }
}

#[derive(Debug, Clone)]
enum Op {
    Import(Vec<Document>),
    Confirm(u32),
    Reopen,
    Edit(u32, i64),
    Centralise(u32),
    Void(usize),
    MapPinzuil,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => documents().prop_map(Op::Import),
        3 => (1u32..=8).prop_map(Op::Confirm),
        1 => Just(Op::Reopen),
        4 => ((1u32..=4), (0i64..5000)).prop_map(|(d, a)| Op::Edit(d, a)),
        1 => (1u32..=7).prop_map(Op::Centralise),
        1 => (0usize..40).prop_map(Op::Void),
        1 => Just(Op::MapPinzuil),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_review_sessions_never_break_the_book(
        ops in prop::collection::vec(op(), 1..12),
        ranges in prop::collection::vec((0i64..10, 0i64..6), 12),
    ) {
        let shop = Shop::base();
        let mut l = open(&shop);
        let mut batch = 0;
        for (step, op) in ops.into_iter().enumerate() {
            let d = |n: u32| chrono::NaiveDate::from_ymd_opt(2026, 3, n).unwrap();
            match op {
                Op::Import(docs) => {
                    batch += 1;
                    // Each batch renames its documents so batches add up instead of replacing.
                    let docs = docs.into_iter().map(|doc| {
                        let line = serde_json::to_string(&doc).unwrap();
                        parse_line(line.replacen("\"id\":\"D", &format!("\"id\":\"B{batch}D"), 1).as_bytes()).unwrap()
                    }).collect();
                    l.import_documents("kassa", "prop", "prop", docs).unwrap();
                    l.confirm_immediate().unwrap();
                }
                Op::Confirm(n) => {
                    let before = views(&l);
                    let outcome = l.confirm_through(Some("DO1"), d(n), "prop").unwrap();
                    // R7: nothing past the first blocker.
                    if let Some(stop) = outcome.stopped.first() {
                        let after = views(&l);
                        for v in after.iter().filter(|v| v.date >= stop.date) {
                            let was = before.iter().find(|b| b.date == v.date).unwrap();
                            prop_assert_eq!(v.status, was.status, "{} changed past the blocker {}", v.date, stop.date);
                        }
                    }
                }
                Op::Reopen => {
                    let vs = views(&l);
                    if let Some(last) = vs.iter().rev().find(|v| v.is_confirmed()) {
                        let r = l.reopen("DO1", last.date, "prop", "prop");
                        prop_assert_eq!(r.is_ok(), last.status == Status::Confirmed);
                    }
                }
                Op::Edit(n, a) => {
                    let r = l.edit("DO1", d(n), &[(LineKind::Turnover, "V21".into(), Decimal::new(a, 2))], "prop", "prop");
                    let confirmed = views(&l).iter().any(|v| v.date == d(n) && v.is_confirmed());
                    prop_assert!(!(confirmed && r.is_ok()), "R11: edited a closed day");
                }
                Op::Centralise(n) => {
                    l.centralise(d(n), "prop").unwrap();
                }
                Op::Void(i) => {
                    let void = format!(r#"{{"type":"void","id":"B1D{i}","time":"2026-03-07T10:00:00+01:00"}}"#);
                    l.import_documents("kassa", "void", "prop", vec![parse_line(void.as_bytes()).unwrap()]).unwrap();
                }
                Op::MapPinzuil => {
                    l.map_code("DO1", "method", "K_PINZUIL", "BC", "prop").unwrap();
                }
            }
            let vs = views(&l);
            assert_book_invariants(&vs)?;
            // A range read from the kept chain states equals the same days of a build from
            // the first day, whatever changed before it.
            let first = vs.first().unwrap().date;
            let last = vs.last().unwrap().date;
            for (a, len) in ranges.iter().skip(step).take(2) {
                let from = first + chrono::Duration::days(*a);
                let to = (from + chrono::Duration::days(*len)).min(last);
                let part = l.views_between("DO1", from, to).unwrap();
                let whole: Vec<&DayView> = vs.iter().filter(|v| v.date >= from && v.date <= to).collect();
                prop_assert_eq!(
                    serde_json::to_string(&part).unwrap(),
                    serde_json::to_string(&whole).unwrap(),
                    "days {} through {}", from, to
                );
                // And as a list shows them, from their kept listed form: the same light
                // days, with the stamps of the whole days.
                let listed = l.light_views_between("DO1", from, to).unwrap();
                let light: Vec<DayView> = whole.iter().map(|v| (*v).clone().light()).collect();
                prop_assert_eq!(serde_json::to_string(&listed).unwrap(), serde_json::to_string(&light).unwrap());
                let stamps = |vs: &[DayView]| vs.iter().map(dagkas::domain::book::view_stamp).collect::<Vec<_>>();
                prop_assert_eq!(stamps(&listed), stamps(&light));
            }
            let report = l.check().unwrap();
            prop_assert!(report.problems.is_empty(), "check: {:?}", report.problems);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Decision 79: amounts up to the largest the book takes, many on a day, are summed and
    /// read back by every view and export, confirmed and checked.
    #[test]
    fn the_largest_amounts_are_summed_and_read_back_everywhere(
        amounts in prop::collection::vec((1u32..=5, 1i64..=99_999_999_999_999i64, any::<bool>()), 1..40)
    ) {
        let mut shop = Shop::base();
        let max = Decimal::new(99_999_999_999_999, 2);
        let lines: Vec<String> = amounts
            .iter()
            .enumerate()
            .map(|(i, (day, c, refund))| {
                let a = if *refund { -Decimal::new(*c, 2) } else { Decimal::new(*c, 2) };
                prop_assert!(a.abs() <= max);
                Ok(format!(
                    r#"{{"type":"ticket","id":"L{i}","time":"2026-03-0{day}T10:00:00+01:00","lines":[{{"vat":"1","amount":"{a}"}}],"payments":[{{"method":"EFT","amount":"{a}"}}]}}"#
                ))
            })
            .collect::<Result<_, TestCaseError>>()?;
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        shop.import(&refs);
        let days = shop.days();
        for d in days.as_array().unwrap() {
            let day: u32 = d["date"].as_str().unwrap()[8..].parse().unwrap();
            let want: Decimal = amounts
                .iter()
                .filter(|(dd, _, _)| *dd == day)
                .map(|(_, c, refund)| if *refund { -Decimal::new(*c, 2) } else { Decimal::new(*c, 2) })
                .sum();
            prop_assert_eq!(d["turnover"].as_str().unwrap().parse::<Decimal>().unwrap(), want);
        }
        shop.expect(0, &["confirm", "--through", "2026-03-09"]);
        shop.expect(0, &["centralise", "--through", "2026-03-09"]);
        for format in ["csv", "hledger", "yuki", "xaf"] {
            shop.expect(0, &["export", "--format", format]);
        }
        shop.expect(0, &["check"]);
        prop_assert_eq!(shop.days(), shop.days());
    }
}
