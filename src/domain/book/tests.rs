//! Small examples of the book's rules (R1, R5, R6, R8, R10, R23), beside the code.

use super::*;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// The hand-worked example's config and its day book.
fn example() -> (Config, DayBook) {
    let (config, _) = crate::domain::config::parse(crate::domain::config::tests::EXAMPLE).expect("the example");
    let book = config.daybook("DO1").expect("DO1").clone();
    (config, book)
}

fn date(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

/// A ticket on `day` at ten: one line of VAT group 1, paid by `method`.
fn ticket(id: &str, day: &str, amount: &str, method: &str, paid: &str) -> String {
    format!(
        r#"{{"type":"ticket","id":"{id}","branch":"1","register":"1","time":"{day}T10:00:00+01:00","lines":[{{"vat":"1","amount":"{amount}"}}],"payments":[{{"method":"{method}","amount":"{paid}"}}]}}"#
    )
}

fn figures(config: &Config, book: &DayBook, lines: &[String]) -> DayFigures {
    let docs: Vec<_> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let doc = crate::domain::document::parse_line(l.as_bytes()).expect("a document");
            let id = format!("d{i}").into();
            (DocRef { id, version: 1 }, doc)
        })
        .collect();
    crate::domain::day::build_day(config, book, &docs)
}

/// The views of consecutive days from the book's start, each with its tickets.
fn views(days: &[Vec<String>], today: &str) -> Vec<DayView> {
    let (config, book) = example();
    let figures: Vec<DayFigures> = days.iter().map(|d| figures(&config, &book, d)).collect();
    let inputs: Vec<DayInput> = figures
        .iter()
        .enumerate()
        .map(|(i, f)| DayInput {
            date: book.start + chrono::Duration::days(i as i64),
            figures: f,
            record: None,
            frozen_figures: None,
        })
        .collect();
    build_views(&config, &book, &inputs, date(today))
}

#[test]
fn r5_each_day_opens_its_cash_book_with_the_closing_of_the_day_before() {
    let v = views(
        &[
            vec![ticket("A", "2026-03-01", "12.10", "CASH", "12.10")],
            vec![],
            vec![ticket("B", "2026-03-03", "5.00", "CASH", "5.00")],
        ],
        "2026-03-10",
    );
    let cash: Vec<(Decimal, Decimal, bool)> = v
        .iter()
        .map(|d| (d.cash[0].opening, d.cash[0].closing, d.cash[0].chained))
        .collect();
    assert_eq!(
        cash,
        vec![
            (dec("250.00"), dec("262.10"), true),
            (dec("262.10"), dec("262.10"), true),
            (dec("262.10"), dec("267.10"), true),
        ]
    );
    assert!(
        v.iter().all(|d| d.status == Status::Proposed && d.blockers.is_empty()),
        "{v:#?}"
    );
}

#[test]
fn r1_r8_a_day_edited_so_that_its_payments_differ_from_its_turnover_is_blocked() {
    let (config, book) = example();
    let day = figures(&config, &book, &[ticket("A", "2026-03-01", "12.10", "EFT", "12.10")]);
    // R8: an edit of the turnover line keeps the POS value beside it and may unbalance.
    let record = DayRecord {
        edits: vec![Edit {
            kind: LineKind::Turnover,
            code: "V21".into(),
            amount: dec("13.10"),
            reason: "typo on the till".into(),
            author: "an".into(),
            at: DateTime::<Utc>::default(),
        }],
        ..DayRecord::default()
    };
    let input = DayInput {
        date: book.start,
        figures: &day,
        record: Some(&record),
        frozen_figures: None,
    };
    let v = build_views(&config, &book, &[input], date("2026-03-10"));
    assert_eq!(
        v[0].blockers,
        vec![Blocker::Unbalanced {
            turnover: dec("13.10"),
            payments: dec("12.10"),
        }]
    );
    assert_eq!(v[0].problems, vec!["unbalanced".to_string()]);
    assert_eq!(v[0].categories[0].pos, Some(dec("12.10")));
}

#[test]
fn r6_a_cash_book_that_would_go_negative_blocks_its_day_and_the_days_after() {
    // A refund paid from the drawer: 300.00 out of 250.00.
    let v = views(
        &[
            vec![ticket("A", "2026-03-01", "-300.00", "CASH", "-300.00")],
            vec![ticket("B", "2026-03-02", "1.00", "CASH", "1.00")],
        ],
        "2026-03-10",
    );
    assert!(
        matches!(v[0].blockers[..], [Blocker::NegativeCash { .. }]),
        "{:?}",
        v[0].blockers
    );
    assert_eq!(v[0].problems, vec!["negative cash".to_string()]);
    assert_eq!(v[0].cash[0].closing, dec("-50.00"));
    assert_eq!(v[1].cash[0].opening, dec("-50.00"));
}

#[test]
fn the_day_of_today_has_not_ended_and_cannot_be_confirmed() {
    let v = views(
        &[vec![], vec![ticket("A", "2026-03-02", "1.00", "CASH", "1.00")]],
        "2026-03-02",
    );
    assert!(v[0].blockers.is_empty(), "{:?}", v[0].blockers);
    assert_eq!(v[1].blockers, vec![Blocker::NotEnded]);
}

#[test]
fn r10_drift_names_the_documents_changed_since_confirmation_unless_accepted() {
    let (config, book) = example();
    let was = figures(&config, &book, &[ticket("A", "2026-03-01", "12.10", "CASH", "12.10")]);
    let mut now = figures(&config, &book, &[ticket("A", "2026-03-01", "14.52", "CASH", "14.52")]);
    now.documents[0].version = 2;
    assert_eq!(drift_of(&was, &was.clone(), &[]), None);
    let drift = drift_of(&was, &now, &[]).expect("drift");
    assert_eq!(drift.documents, vec!["d0".to_string()]);
    assert!(
        drift
            .changes
            .contains(&(LineKind::Turnover, "V21".into(), "2.42".into())),
        "{drift:?}"
    );
    let accepted = [DocRef {
        id: "d0".into(),
        version: 2,
    }];
    assert_eq!(drift_of(&was, &now, &accepted), None);
}

#[test]
fn r23_vat_rounds_half_up() {
    assert_eq!(vat_of(dec("12.10"), dec("21")), dec("2.10"));
    // 0.105 → 0.11 (half up), −0.105 → −0.11 (mirrored).
    assert_eq!(vat_of(dec("0.605"), dec("21")), dec("0.11"));
    assert_eq!(vat_of(dec("-0.605"), dec("21")), dec("-0.11"));
    assert_eq!(vat_of(dec("10.60"), dec("6")), dec("0.60"));
    assert_eq!(vat_of(dec("100.00"), dec("0")), dec("0.00"));
}
