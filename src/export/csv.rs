//! The csv export (SPEC §6): `date,book,kind,code,amount,status`.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use crate::domain::book::DayView;
use crate::domain::cashbook::CHANGE_CODES;
use crate::domain::config::{CategoryTarget, Config, Tips};
use crate::domain::invoice::{InvoiceStatus, InvoiceView};
use crate::domain::money::fmt;

pub const HEADER: &str = "date,book,kind,code,amount,status";

/// The book code of the invoices' rows.
pub const SALES_BOOK: &str = "invoices";

/// One csv row.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Row {
    pub date: String,
    pub book: String,
    pub kind: &'static str,
    pub code: String,
    pub amount: String,
    pub status: &'static str,
}

/// The rows of some days, sorted by date, book, kind and code. Every day has at least one
/// row per book: the categories its day book maps to are listed even when zero.
pub fn rows(config: &Config, days: &[DayView], invoices: &[InvoiceView]) -> Vec<Row> {
    let mut out = Vec::new();
    // The sales journal: one row per invoice (ignored invoices are left out, R21).
    for inv in invoices.iter().filter(|i| i.status != InvoiceStatus::Ignored) {
        out.push(Row {
            date: inv.booking_date.format("%Y-%m-%d").to_string(),
            book: SALES_BOOK.into(),
            kind: "invoice",
            code: inv.id.clone(),
            amount: fmt(inv.incl),
            status: inv.status.as_str(),
        });
    }
    for day in days {
        let date = day.date.format("%Y-%m-%d").to_string();
        let status = day.status.as_str();
        let row = |book: &str, kind: &'static str, code: &str, amount: Decimal| Row {
            date: date.clone(),
            book: book.to_string(),
            kind,
            code: code.to_string(),
            amount: fmt(amount),
            status,
        };
        let mut categories: BTreeSet<String> = BTreeSet::new();
        if let Some(book) = config.daybook(&day.book) {
            categories.extend(book.vat_map.values().filter_map(|t| match t {
                CategoryTarget::Category(c) => Some(c.clone()),
                CategoryTarget::Ignore => None,
            }));
            if let Tips::Category(c) = &book.tips {
                categories.insert(c.clone());
            }
        }
        for line in &day.categories {
            out.push(row(&day.book, "turnover", &line.code, line.incl));
            categories.remove(&line.code);
            if let Some(v) = line.vat {
                out.push(row(&day.book, "vat", &line.code, v));
            }
        }
        for code in categories {
            out.push(row(&day.book, "turnover", &code, Decimal::ZERO));
        }
        for m in &day.methods {
            out.push(row(&day.book, "payment", &m.code, m.amount));
        }
        for j in &day.cash {
            out.push(row(&j.journal, "cash", "opening", j.opening));
            let changes = j.day.changes();
            for code in CHANGE_CODES {
                if let Some(a) = changes.get(code) {
                    out.push(row(&j.journal, "cash", code, *a));
                }
            }
            out.push(row(&j.journal, "cash", "closing", j.closing));
        }
    }
    out.sort_by(|a, b| (&a.date, &a.book, a.kind, &a.code).cmp(&(&b.date, &b.book, b.kind, &b.code)));
    out
}

/// The whole file.
pub fn render(config: &Config, days: &[DayView], invoices: &[InvoiceView]) -> String {
    format!("{HEADER}\n{}", render_rows(config, days, invoices))
}

/// The rows of some days and the invoices booked on them, sorted: the file written a part
/// at a time (the header, then the parts in date order) is the whole file.
pub fn render_rows(config: &Config, days: &[DayView], invoices: &[InvoiceView]) -> String {
    let mut s = String::with_capacity(64 * days.len() + 64);
    for r in rows(config, days, invoices) {
        for (i, field) in [r.date.as_str(), &r.book, r.kind, &r.code, &r.amount, r.status]
            .iter()
            .enumerate()
        {
            if i > 0 {
                s.push(',');
            }
            s.push_str(&quote(field));
        }
        s.push('\n');
    }
    s
}

/// RFC 4180 quoting for codes that carry a comma or a quote.
fn quote(field: &str) -> std::borrow::Cow<'_, str> {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\"")).into()
    } else {
        field.into()
    }
}
