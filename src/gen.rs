//! Synthetic shops: deterministic documents of every §3 type with a realistic mix, for
//! benchmarks, tests and the demo. Pure: a seed in, documents out.
//!
//! Branch `b` has registers `1` and `2`; register 1 pays into drawer `0`, register 2 into
//! drawer `1`. The generator follows each drawer's balance so its cash never goes negative
//! (problem days are added on purpose by the demo, not by chance).

use chrono::{Duration, FixedOffset, NaiveDate, TimeZone};
use compact_str::ToCompactString;
use rust_decimal::Decimal;

use crate::domain::document::{
    CashEvent, CashKind, Debtor, Document, Invoice, InvoiceLine, InvoicePayment, Line, Moment, OrderPayment, Payment,
    Ticket,
};

/// splitmix64: small, fast, the same numbers on every platform and version.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    /// True with probability `percent` %.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    /// An amount of `lo..hi` cents.
    pub fn cents(&mut self, lo: i64, hi: i64) -> Decimal {
        let span = (hi - lo).max(1) as u64;
        Decimal::new(lo + self.below(span) as i64, 2)
    }
}

#[derive(Debug, Clone)]
pub struct GenSpec {
    pub docs: u64,
    pub days: u32,
    pub branches: u32,
    pub seed: u64,
    pub start: NaiveDate,
}

fn at(date: NaiveDate, minutes: u32) -> Moment {
    // Belgian winter offset: the dates and cutoff logic of the tests stay simple to read.
    let tz = FixedOffset::east_opt(3600).expect("offset");
    let naive = date.and_hms_opt(8, 0, 0).expect("time") + Duration::minutes(i64::from(minutes));
    Moment(tz.from_local_datetime(&naive).single().expect("fixed offset"))
}

fn pay(method: &str, amount: Decimal) -> Payment {
    Payment {
        method: method.into(),
        amount,
        currency: None,
        foreign_amount: None,
    }
}

/// Generate the documents, day by day, calling `emit` for each (streaming: no big Vec).
pub fn generate(spec: &GenSpec, mut emit: impl FnMut(Document)) {
    let mut rng = Rng::new(spec.seed);
    let days = spec.days.max(1);
    let branches = spec.branches.max(1);
    let per_day = (spec.docs / u64::from(days)).max(1);
    let mut left = spec.docs;
    let mut open_orders: Vec<(String, String, Decimal)> = Vec::new();
    // The generator's own view of each drawer (branch, drawer) to keep cash ≥ 0.
    let mut drawer_cash = std::collections::HashMap::<(u32, u32), Decimal>::new();
    let mut n = 0u64;
    for day in 0..days {
        if left == 0 {
            break;
        }
        let date = spec.start + Duration::days(i64::from(day));
        // Spread evenly: the days share the remainder of the division one by one instead of
        // the last day taking it all (a million documents over ten years left 3 550 extra
        // on the last day). Fewer documents than days: one a day while they last.
        let today = if spec.docs >= u64::from(days) {
            spec.docs * u64::from(day + 1) / u64::from(days) - spec.docs * u64::from(day) / u64::from(days)
        } else if day + 1 == days {
            left
        } else {
            per_day.min(left)
        };
        left -= today;
        let mut minute = 0u32;
        let step = (600 / today.max(1)).max(1) as u32;
        for b in 1..=branches {
            for drawer in 0..2 {
                let cash = drawer_cash.entry((b, drawer)).or_default();
                let id = format!("C{}-{b}-{drawer}-open", date.format("%Y%m%d"));
                let counted = *cash;
                emit(Document::Cash(CashEvent {
                    id: id.into(),
                    drawer: compact_str::format_compact!("{}", drawer + 2 * (b - 1)),
                    time: at(date, 0),
                    financial_date: None,
                    kind: CashKind::OpenCount,
                    amount: counted,
                    account: None,
                    currency: None,
                }));
            }
        }
        for _ in 0..today {
            n += 1;
            minute = (minute + step).min(14 * 60);
            let b = 1 + rng.below(u64::from(branches)) as u32;
            let reg = 1 + rng.below(2) as u32;
            let drawer_no = reg - 1;
            let drawer = format!("{}", drawer_no + 2 * (b - 1));
            let time = at(date, minute);
            let roll = rng.below(100);
            let id = format!("D{n}");
            let cash = drawer_cash.entry((b, drawer_no)).or_default();
            if roll < 4 && !open_orders.is_empty() {
                // An order becomes a ticket; the rest is paid by card.
                let (order, _, prepaid) = open_orders.swap_remove(rng.below(open_orders.len() as u64) as usize);
                let extra = rng.cents(500, 5000);
                emit(Document::Ticket(Ticket {
                    id: id.into(),
                    branch: b.to_compact_string(),
                    register: reg.to_compact_string(),
                    drawer: drawer.into(),
                    time,
                    financial_date: None,
                    lines: vec![Line {
                        vat: "1".into(),
                        amount: prepaid + extra,
                        vat_amount: None,
                    }],
                    payments: vec![pay("EFT", extra)],
                    tip: Decimal::ZERO,
                    order: Some(order.into()),
                    prepaid: Some(prepaid),
                }));
            } else if roll < 7 {
                let amount = rng.cents(1000, 10000);
                let order = format!("O{n}");
                open_orders.push((order.clone(), b.to_string(), amount));
                emit(Document::OrderPayment(OrderPayment {
                    id: id.into(),
                    order: order.into(),
                    branch: b.to_compact_string(),
                    register: reg.to_compact_string(),
                    drawer: drawer.into(),
                    time,
                    financial_date: None,
                    payments: vec![pay("EFT", amount)],
                }));
            } else if roll < 9 {
                let amount = rng.cents(5000, 50000);
                let inv = format!("F{n}");
                emit(Document::Invoice(Invoice {
                    id: inv.clone().into(),
                    branch: b.to_compact_string(),
                    date,
                    booking_date: None,
                    debtor: Debtor {
                        name: compact_str::format_compact!("Klant {}", rng.below(40)),
                        email: compact_str::format_compact!("klant{}@example.invalid", rng.below(40)),
                    },
                    lines: vec![InvoiceLine {
                        vat: "1".into(),
                        amount,
                        vat_amount: None,
                        revenue_group: Some("8000 Omzet algemeen".into()),
                    }],
                }));
                n += 1;
                emit(Document::InvoicePayment(InvoicePayment {
                    id: compact_str::format_compact!("P{n}"),
                    invoice: inv.into(),
                    branch: b.to_compact_string(),
                    register: reg.to_compact_string(),
                    drawer: drawer.into(),
                    time,
                    financial_date: None,
                    method: if rng.chance(50) {
                        "EFT".into()
                    } else {
                        "OVERSCHRIJVING".into()
                    },
                    amount,
                    currency: None,
                    foreign_amount: None,
                }));
            } else if roll < 12 && *cash > Decimal::new(2000, 2) {
                // A refund in cash, never more than the drawer holds.
                let amount = rng.cents(100, 2000);
                *cash -= amount;
                emit(Document::Ticket(Ticket {
                    id: id.into(),
                    branch: b.to_compact_string(),
                    register: reg.to_compact_string(),
                    drawer: drawer.into(),
                    time,
                    financial_date: None,
                    lines: vec![Line {
                        vat: "1".into(),
                        amount: -amount,
                        vat_amount: None,
                    }],
                    payments: vec![pay("CASH", -amount)],
                    tip: Decimal::ZERO,
                    order: None,
                    prepaid: None,
                }));
            } else if roll < 14 && *cash > Decimal::new(20000, 2) {
                let amount = (*cash / Decimal::from(2)).round_dp(0);
                *cash -= amount;
                emit(Document::Cash(CashEvent {
                    id: id.into(),
                    drawer: drawer.into(),
                    time,
                    financial_date: None,
                    kind: CashKind::BankDeposit,
                    amount,
                    account: None,
                    currency: None,
                }));
            } else if roll < 15 && *cash > Decimal::new(5000, 2) {
                let amount = rng.cents(500, 4000);
                *cash -= amount;
                emit(Document::Cash(CashEvent {
                    id: id.into(),
                    drawer: drawer.into(),
                    time,
                    financial_date: None,
                    kind: CashKind::Expense,
                    amount,
                    account: Some("604000".into()),
                    currency: None,
                }));
            } else if roll < 16 {
                let amount = rng.cents(5000, 20000);
                *cash += amount;
                emit(Document::Cash(CashEvent {
                    id: id.into(),
                    drawer: drawer.into(),
                    time,
                    financial_date: None,
                    kind: CashKind::CashIn,
                    amount,
                    account: None,
                    currency: None,
                }));
            } else {
                // A sale: one to three lines, paid by cash, card, voucher, or card + cash.
                let mut lines = Vec::new();
                for _ in 0..1 + rng.below(3) {
                    let vat = match rng.below(20) {
                        0 => "giftcard",
                        1..=7 => "2",
                        _ => "1",
                    };
                    lines.push(Line {
                        vat: vat.into(),
                        amount: rng.cents(100, 6000),
                        vat_amount: None,
                    });
                }
                let total: Decimal = lines.iter().map(|l| l.amount).sum();
                let choice = rng.below(10);
                // Tips only where cash is received: the tip is paid out of that cash (R16).
                let tip = if matches!(choice, 0..=3 | 5) && rng.chance(15) {
                    rng.cents(50, 300)
                } else {
                    Decimal::ZERO
                };
                let payments = match choice {
                    0..=3 => {
                        *cash += total;
                        vec![pay("CASH", total + tip)]
                    }
                    5 => {
                        let part = (total / Decimal::from(2)).round_dp(2);
                        *cash += total - part;
                        vec![pay("EFT", part), pay("CASH", total - part + tip)]
                    }
                    4 if total > Decimal::from(10) => {
                        vec![pay("VVV", Decimal::from(10)), pay("EFT", total - Decimal::from(10))]
                    }
                    _ => vec![pay("EFT", total)],
                };
                emit(Document::Ticket(Ticket {
                    id: id.into(),
                    branch: b.to_compact_string(),
                    register: reg.to_compact_string(),
                    drawer: drawer.into(),
                    time,
                    financial_date: None,
                    lines,
                    payments,
                    tip,
                    order: None,
                    prepaid: None,
                }));
            }
        }
        for b in 1..=branches {
            for drawer_no in 0..2 {
                let cash = drawer_cash.entry((b, drawer_no)).or_default();
                // Now and then the closing count is a little short or over.
                let diff = match rng.below(10) {
                    0 if *cash > Decimal::ONE => -Decimal::new(rng.below(100) as i64, 2),
                    1 => Decimal::new(rng.below(100) as i64, 2),
                    _ => Decimal::ZERO,
                };
                *cash += diff;
                emit(Document::Cash(CashEvent {
                    id: compact_str::format_compact!("C{}-{b}-{drawer_no}-close", date.format("%Y%m%d")),
                    drawer: compact_str::format_compact!("{}", drawer_no + 2 * (b - 1)),
                    time: at(date, 15 * 60),
                    financial_date: None,
                    kind: CashKind::CloseCount,
                    amount: *cash,
                    account: None,
                    currency: None,
                }));
            }
        }
    }
}

/// The same sales as an hledger journal, one transaction per ticket (for the benchmarks).
pub fn hledger_transaction(doc: &Document, out: &mut String) {
    use std::fmt::Write;
    if let Document::Ticket(t) = doc {
        let _ = writeln!(out, "{} {}", t.time.0.format("%Y-%m-%d"), t.id);
        for l in &t.lines {
            let _ = writeln!(
                out,
                "    revenue:vat{}  {} EUR",
                l.vat,
                crate::domain::money::fmt(-l.amount)
            );
        }
        if !t.tip.is_zero() {
            let _ = writeln!(out, "    liabilities:tips  {} EUR", crate::domain::money::fmt(-t.tip));
        }
        if let Some(p) = t.prepaid {
            let _ = writeln!(out, "    liabilities:prepaid  {} EUR", crate::domain::money::fmt(p));
        }
        for p in &t.payments {
            let _ = writeln!(
                out,
                "    assets:{}  {} EUR",
                p.method.to_lowercase(),
                crate::domain::money::fmt(p.amount)
            );
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(docs: u64, days: u32, seed: u64) -> GenSpec {
        GenSpec {
            docs,
            days,
            branches: 2,
            seed,
            start: "2026-03-01".parse().unwrap(),
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_documents_and_every_ticket_balances() {
        let spec = spec(2000, 20, 7);
        let mut a = Vec::new();
        generate(&spec, |d| a.push(d));
        let mut b = Vec::new();
        generate(&spec, |d| b.push(d));
        assert_eq!(a, b);
        for d in &a {
            let line = serde_json::to_string(d).unwrap();
            crate::domain::document::parse_line(line.as_bytes()).unwrap_or_else(|e| panic!("{line}: {e}"));
        }
        let kinds: std::collections::BTreeSet<_> = a.iter().map(|d| d.kind()).collect();
        assert_eq!(kinds.len(), 5, "{kinds:?}");
    }

    #[test]
    fn the_documents_are_spread_evenly_over_the_days() {
        let spec = spec(1_003, 10, 3);
        // A day starts with the opening counts of its drawers; each document asked for is
        // one `D…` or `F…` (its payments and counts come beside it).
        let mut per_day: Vec<u64> = Vec::new();
        let mut opening = false;
        generate(&spec, |d| {
            let id = d.id().to_string();
            let opens = id.ends_with("-open");
            if opens && !opening {
                per_day.push(0);
            }
            opening = opens;
            if id.starts_with('D') || id.starts_with('F') {
                *per_day.last_mut().expect("a day opened") += 1;
            }
        });
        assert_eq!(per_day.len(), 10);
        assert_eq!(per_day.iter().sum::<u64>(), 1_003);
        assert!(per_day.iter().all(|&n| n == 100 || n == 101), "{per_day:?}");
    }
}
