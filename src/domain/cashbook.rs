//! The cash book of one journal for one day: opening, events in time order with a running
//! balance per drawer, closing (R5, R6, R19).

use std::collections::BTreeMap;

use compact_str::CompactString;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::day::{CashMove, MoveKind};
use super::document::Moment;

/// One line of the cash book, after the event was applied.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CashLine {
    pub time: Moment,
    pub drawer: CompactString,
    pub kind: MoveKind,
    pub document: CompactString,
    /// The change of the balance (for a count: its difference).
    #[serde(with = "super::money::as_string")]
    pub change: Decimal,
    /// The counted amount of a count.
    #[serde(default, with = "super::money::opt_string", skip_serializing_if = "Option::is_none")]
    pub counted: Option<Decimal>,
    /// The drawer's running balance after this line.
    #[serde(with = "super::money::as_string")]
    pub balance: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<CompactString>,
}

/// The first event that would take a drawer below zero (R6).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct NegativeAt {
    pub drawer: CompactString,
    pub time: Moment,
    pub kind: MoveKind,
    pub document: CompactString,
    #[serde(with = "super::money::as_string")]
    pub balance: Decimal,
}

/// A journal's day.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CashDay {
    pub opening: BTreeMap<String, Decimal>,
    pub closing: BTreeMap<String, Decimal>,
    pub lines: Vec<CashLine>,
    pub negative: Option<NegativeAt>,
}

/// The csv codes of the signed changes, in the order a bookkeeper reads them.
pub const CHANGE_CODES: [&str; 8] = [
    "sales",
    "refunds",
    "tips",
    "cash_in",
    "expense",
    "bank_deposit",
    "open_diff",
    "close_diff",
];

pub fn change_code(kind: MoveKind) -> &'static str {
    match kind {
        MoveKind::Sales => "sales",
        MoveKind::Refunds => "refunds",
        MoveKind::Tips => "tips",
        MoveKind::CashIn => "cash_in",
        MoveKind::Expense => "expense",
        MoveKind::BankDeposit => "bank_deposit",
        MoveKind::OpenCount => "open_diff",
        MoveKind::CloseCount => "close_diff",
    }
}

impl CashDay {
    pub fn opening_total(&self) -> Decimal {
        self.opening.values().sum()
    }
    pub fn closing_total(&self) -> Decimal {
        self.closing.values().sum()
    }
    /// Σ of the signed changes per csv code: closing = opening + Σ.
    pub fn changes(&self) -> BTreeMap<&'static str, Decimal> {
        let mut out = BTreeMap::new();
        for l in &self.lines {
            *out.entry(change_code(l.kind)).or_default() += l.change;
        }
        out
    }
}

/// At the same instant inflows go before counts, and counts before outflows (R6).
fn order_class(m: &CashMove) -> u8 {
    match m.kind {
        MoveKind::OpenCount | MoveKind::CloseCount => 1,
        _ if m.amount >= Decimal::ZERO => 0,
        _ => 2,
    }
}

/// Apply a day's moves of one journal to its opening balances.
pub fn run_day(opening: &BTreeMap<String, Decimal>, moves: &[&CashMove]) -> CashDay {
    let mut ordered: Vec<&CashMove> = moves.to_vec();
    ordered.sort_by(|a, b| {
        (a.time, order_class(a), &a.document, a.kind).cmp(&(b.time, order_class(b), &b.document, b.kind))
    });
    let mut balance = opening.clone();
    let mut lines = Vec::with_capacity(ordered.len());
    let mut negative = None;
    for m in ordered {
        if !balance.contains_key(m.drawer.as_str()) {
            balance.insert(m.drawer.to_string(), Decimal::ZERO);
        }
        let running = balance.get_mut(m.drawer.as_str()).expect("inserted above");
        let (change, counted) = match m.kind {
            // A count sets the running balance; its difference is counted − expected.
            MoveKind::OpenCount | MoveKind::CloseCount => (m.amount - *running, Some(m.amount)),
            _ => (m.amount, None),
        };
        *running += change;
        if *running < Decimal::ZERO && negative.is_none() {
            negative = Some(NegativeAt {
                drawer: m.drawer.clone(),
                time: m.time,
                kind: m.kind,
                document: m.document.clone(),
                balance: *running,
            });
        }
        lines.push(CashLine {
            time: m.time,
            drawer: m.drawer.clone(),
            kind: m.kind,
            document: m.document.clone(),
            change,
            counted,
            balance: *running,
            account: m.account.clone(),
        });
    }
    CashDay {
        opening: opening.clone(),
        closing: balance,
        lines,
        negative,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::document::parse_moment;

    fn mv(time: &str, kind: MoveKind, amount: &str) -> CashMove {
        CashMove {
            journal: "KAS1".into(),
            drawer: "0".into(),
            time: parse_moment(time).unwrap(),
            kind,
            amount: amount.parse().unwrap(),
            document: compact_str::format_compact!("{time}-{kind:?}"),
            account: None,
        }
    }
    fn opening(a: &str) -> BTreeMap<String, Decimal> {
        BTreeMap::from([("0".to_string(), a.parse().unwrap())])
    }

    #[test]
    fn day_with_open_and_close_count() {
        // Opens expecting 250.00, counts 248.00 (−2.00), sells 100.00, deposits 50.00 at
        // the bank, counts 300.00 at close (+2.00), then a late sale before the cutoff.
        let moves = [
            mv("2026-03-02T08:00:00+01:00", MoveKind::OpenCount, "248.00"),
            mv("2026-03-02T10:00:00+01:00", MoveKind::Sales, "100.00"),
            mv("2026-03-02T15:00:00+01:00", MoveKind::BankDeposit, "-50.00"),
            mv("2026-03-02T22:00:00+01:00", MoveKind::CloseCount, "300.00"),
            mv("2026-03-03T01:00:00+01:00", MoveKind::Sales, "12.00"),
        ];
        let refs: Vec<_> = moves.iter().collect();
        let day = run_day(&opening("250.00"), &refs);
        let changes = day.changes();
        assert_eq!(changes["open_diff"].to_string(), "-2.00");
        assert_eq!(changes["close_diff"].to_string(), "2.00");
        assert_eq!(changes["sales"].to_string(), "112.00");
        assert_eq!(day.closing_total().to_string(), "312.00");
        assert_eq!(
            day.opening_total() + changes.values().sum::<Decimal>(),
            day.closing_total()
        );
        assert!(day.negative.is_none());
    }

    #[test]
    fn inflows_go_before_outflows_at_the_same_instant() {
        let moves = [
            mv("2026-03-02T10:00:00+01:00", MoveKind::Expense, "-30.00"),
            mv("2026-03-02T10:00:00+01:00", MoveKind::Sales, "30.00"),
        ];
        let refs: Vec<_> = moves.iter().collect();
        let day = run_day(&opening("0.00"), &refs);
        assert!(day.negative.is_none(), "{:?}", day.lines);
        assert_eq!(day.lines[0].kind, MoveKind::Sales);
    }

    #[test]
    fn the_first_negative_event_is_reported() {
        let moves = [
            mv("2026-03-02T09:00:00+01:00", MoveKind::Sales, "10.00"),
            mv("2026-03-02T14:02:00+01:00", MoveKind::BankDeposit, "-40.00"),
            mv("2026-03-02T15:00:00+01:00", MoveKind::Expense, "-5.00"),
        ];
        let refs: Vec<_> = moves.iter().collect();
        let day = run_day(&opening("20.00"), &refs);
        let neg = day.negative.unwrap();
        assert_eq!(neg.kind, MoveKind::BankDeposit);
        assert_eq!(neg.balance.to_string(), "-10.00");
    }
}
