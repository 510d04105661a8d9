//! The hledger journal export (SPEC §6): one transaction per day and book, cash events
//! as their own postings, and a balance assertion on each cash account after every day.
//!
//! Cash is posted once, on the cash journal's account (Mercator's rule): the cash sales,
//! refunds and tips of a day go to `ACCOUNT:JOURNAL`; what the cash methods booked beyond
//! that (a person's edit, cash outside any drawer) stays on the method's own account.

use std::fmt::Write;

use rust_decimal::Decimal;

use crate::domain::book::{DayView, Status};
use crate::domain::config::Config;
use crate::domain::day::MoveKind;
use crate::domain::invoice::{InvoiceStatus, InvoiceView};
use crate::domain::money::fmt;

fn account_of(config: &Config, code: &str, category: bool) -> String {
    let account = if category {
        config.category(code).map(|c| c.account.clone())
    } else {
        config.method(code).map(|m| m.account.clone())
    };
    match account {
        Some(a) if !a.is_empty() => format!("{}:{code}", clean(&a)),
        _ => format!("unassigned:{code}"),
    }
}

/// hledger account names end at two spaces or a tab; keep names on one line and single-spaced.
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = if c.is_control() || c == ';' { ' ' } else { c };
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    out.trim().to_string()
}

fn posting(out: &mut String, account: &str, amount: Decimal, currency: &str, comment: &str) {
    let _ = write!(out, "    {:<40}  {:>14} {currency}", account, fmt(amount));
    if !comment.is_empty() {
        let _ = write!(out, "  ; {}", clean(comment));
    }
    out.push('\n');
}

/// Render the days (all books, date order) as an hledger journal.
pub fn render(config: &Config, days: &[DayView], invoices: &[InvoiceView]) -> String {
    let mut opened = std::collections::BTreeSet::new();
    render_head(config, invoices) + &render_days(config, days, &mut opened)
}

/// The head of the journal and the sales journal of the invoices.
pub fn render_head(config: &Config, invoices: &[InvoiceView]) -> String {
    let currency = &config.dossier.currency;
    let mut out = String::new();
    let _ = writeln!(out, "; dagkas export of {}", clean(&config.dossier.name));
    let _ = writeln!(
        out,
        "; turnover incl. VAT on category accounts, payments on method accounts, cash on ACCOUNT:JOURNAL\n"
    );
    // The sales journal (R21): debtor debited, revenue and VAT credited; ignored ones left out.
    for inv in invoices.iter().filter(|i| i.status != InvoiceStatus::Ignored) {
        let _ = writeln!(
            out,
            "{} {} {} {}  ; invoice, {}",
            inv.booking_date,
            if inv.status == InvoiceStatus::Paid { "*" } else { "!" },
            inv.id,
            clean(&inv.debtor.name),
            inv.status.as_str()
        );
        let debtor = format!(
            "{}:{}",
            clean(&config.dossier.receivable_account),
            if inv.debtor.number.is_empty() {
                "unknown"
            } else {
                &inv.debtor.number
            }
        );
        posting(&mut out, &debtor, inv.incl, currency, &inv.debtor.email);
        for l in &inv.lines {
            posting(&mut out, &clean(&l.account), -l.excl, currency, &l.description);
            if !l.vat_amount.is_zero() {
                posting(
                    &mut out,
                    &format!("{}:{}", clean(&config.dossier.vat_account), l.rate),
                    -l.vat_amount,
                    currency,
                    "VAT",
                );
            }
        }
        out.push('\n');
    }
    out
}

/// The transactions of some days; `opened` carries the journals whose opening balance was
/// written (on the first exported day), so the days can be written a part at a time.
pub fn render_days(config: &Config, days: &[DayView], opened: &mut std::collections::BTreeSet<String>) -> String {
    let currency = &config.dossier.currency;
    let mut out = String::new();
    for day in days {
        let date = day.date.format("%Y-%m-%d");
        let mark = match day.status {
            Status::Confirmed | Status::Centralised => "*",
            _ => "!",
        };
        // The opening balance of each cash journal, once, on the first exported day.
        for j in &day.cash {
            if opened.insert(j.journal.clone()) {
                let jc = config.journals.iter().find(|x| x.code == j.journal);
                let acct = jc
                    .map(|x| format!("{}:{}", clean(&x.account), x.code))
                    .unwrap_or_default();
                let _ = writeln!(out, "{date} * {} opening balance", j.journal);
                posting(&mut out, &acct, j.opening, &j.currency, "");
                posting(&mut out, "equity:opening balances", -j.opening, &j.currency, "");
                out.push('\n');
            }
        }

        let book_name = config.daybook(&day.book).map(|b| clean(&b.name)).unwrap_or_default();
        let _ = writeln!(
            out,
            "{date} {mark} {} {book_name}  ; status:{}",
            day.book,
            day.status.as_str()
        );
        for c in &day.categories {
            let mut note = format!("incl. VAT; VAT {}", c.vat.map(fmt).unwrap_or_else(|| "NA".into()));
            if let (Some(e), pos) = (c.edited, c.pos) {
                note = format!(
                    "{note}; edited {} (POS {})",
                    fmt(e),
                    pos.map(fmt).unwrap_or_else(|| "none".into())
                );
            }
            if !c.corrections.is_zero() {
                note = format!("{note}; corrections {}", fmt(c.corrections));
            }
            posting(&mut out, &account_of(config, &c.code, true), -c.incl, currency, &note);
        }
        let mut cash_methods = Decimal::ZERO;
        let mut cash_notes = Vec::new();
        for m in &day.methods {
            let is_cash = config.method(&m.code).is_some_and(|x| x.cash && !x.rounding);
            if is_cash {
                cash_methods += m.amount;
                if let Some(e) = m.edited {
                    cash_notes.push(format!(
                        "{} edited {} (POS {})",
                        m.code,
                        fmt(e),
                        m.pos.map(fmt).unwrap_or_else(|| "none".into())
                    ));
                }
                continue;
            }
            let instances: Vec<_> = day.instances.iter().filter(|i| i.method == m.code).collect();
            let mut rest = m.amount;
            for i in &instances {
                posting(
                    &mut out,
                    &account_of(config, &m.code, false),
                    i.amount,
                    currency,
                    &format!("for {}", i.reference),
                );
                rest -= i.amount;
            }
            if !rest.is_zero() || instances.is_empty() {
                let note = match m.edited {
                    Some(e) => format!(
                        "edited {} (POS {})",
                        fmt(e),
                        m.pos.map(fmt).unwrap_or_else(|| "none".into())
                    ),
                    None => String::new(),
                };
                posting(&mut out, &account_of(config, &m.code, false), rest, currency, &note);
            }
        }
        let mut in_drawers = Decimal::ZERO;
        for j in day.cash.iter().filter(|j| j.currency == *currency) {
            let changes = j.day.changes();
            let sold: Decimal = ["sales", "refunds", "tips"].iter().filter_map(|k| changes.get(k)).sum();
            if let Some(jc) = config.journals.iter().find(|x| x.code == j.journal) {
                posting(
                    &mut out,
                    &format!("{}:{}", clean(&jc.account), jc.code),
                    sold,
                    currency,
                    "cash sales, refunds and tips",
                );
            }
            in_drawers += sold;
        }
        let rest = cash_methods - in_drawers;
        if !rest.is_zero() {
            let first_cash = day
                .methods
                .iter()
                .find(|m| config.method(&m.code).is_some_and(|x| x.cash && !x.rounding))
                .map(|m| m.code.clone())
                .unwrap_or_default();
            cash_notes.insert(0, "cash not in a drawer's journal".into());
            posting(
                &mut out,
                &account_of(config, &first_cash, false),
                rest,
                currency,
                &cash_notes.join("; "),
            );
        }
        let diff = day.turnover - day.payments;
        if !diff.is_zero() {
            posting(
                &mut out,
                "suspense:unbalanced",
                diff,
                currency,
                "R1: turnover ≠ payments, not confirmable",
            );
        }
        out.push('\n');

        for j in &day.cash {
            let Some(jc) = config.journals.iter().find(|x| x.code == j.journal) else {
                continue;
            };
            let cash_acct = format!("{}:{}", clean(&jc.account), jc.code);
            let cur = &j.currency;
            let mut body = String::new();
            for l in &j.day.lines {
                let (counter, note): (String, &str) = match l.kind {
                    MoveKind::Sales | MoveKind::Refunds | MoveKind::Tips if *cur == *currency => continue,
                    MoveKind::Sales | MoveKind::Refunds | MoveKind::Tips => {
                        (format!("equity:conversion:{cur}"), "cash in another currency")
                    }
                    MoveKind::CashIn => (clean(&jc.cash_deposit_account), "cash deposit"),
                    MoveKind::Expense => (clean(l.account.as_deref().unwrap_or("unassigned:expense")), "expense"),
                    MoveKind::BankDeposit => (clean(&jc.bank_deposit_account), "bank deposit"),
                    MoveKind::OpenCount | MoveKind::CloseCount if l.change.is_zero() => continue,
                    MoveKind::OpenCount | MoveKind::CloseCount if l.change < Decimal::ZERO => {
                        (clean(&jc.diff_debit_account), "cash short at count")
                    }
                    MoveKind::OpenCount | MoveKind::CloseCount => {
                        (clean(&jc.diff_credit_account), "cash surplus at count")
                    }
                };
                let comment = format!("{note} {} drawer {} {}", l.document, l.drawer, l.time.0.format("%H:%M"));
                posting(&mut body, &cash_acct, l.change, cur, &comment);
                posting(&mut body, &counter, -l.change, cur, "");
            }
            if !body.is_empty() {
                let _ = writeln!(out, "{date} {mark} {} cash journal", j.journal);
                out.push_str(&body);
                out.push('\n');
            }
            let _ = writeln!(out, "{date} {mark} {} closing balance", j.journal);
            let _ = writeln!(
                out,
                "    {:<40}  {:>14} {cur} = {} {cur}",
                cash_acct,
                "0",
                fmt(j.closing)
            );
            out.push('\n');
        }
    }
    out
}
