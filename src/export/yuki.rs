//! The Yuki *kasstaat* (cash statement) CSV: one file per cash journal, semicolons,
//! dd-mm-yyyy dates, amounts with a decimal comma and no thousands separators, and the
//! running cash balance on every line, starting with the opening balance.

use rust_decimal::Decimal;

use crate::domain::book::DayView;
use crate::domain::config::Config;
use crate::domain::day::MoveKind;
use crate::domain::money::fmt;

pub const HEADER: &str =
    "Grootboekrekening kas;Kas omschrijving;Transactie code;Tegenrekening;Naam tegenrekening;Datum transactie;Omschrijving;Bedrag;Saldo kas";

fn amount(d: Decimal) -> String {
    fmt(d).replace('.', ",")
}

fn field(s: &str) -> String {
    // A semicolon or quote inside a text is quoted, as spreadsheets do.
    if s.contains([';', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One kasstaat per cash journal: (journal code, file content).
pub fn render(config: &Config, days: &[DayView]) -> Vec<(String, String)> {
    config
        .journals
        .iter()
        .map(|j| {
            let mut state = Kasstaat::default();
            let mut s = format!("{HEADER}\n");
            s.push_str(&render_part(j, days, &mut state));
            (j.code.clone(), s)
        })
        .collect()
}

/// Where a cash journal's kasstaat stands between parts: whether its opening line is
/// written, and the running balance.
#[derive(Debug, Default)]
pub struct Kasstaat {
    started: bool,
    balance: Decimal,
}

/// The lines of one journal's kasstaat for some days, after the header.
pub fn render_part(j: &crate::domain::config::CashJournal, days: &[DayView], state: &mut Kasstaat) -> String {
    let mut s = String::new();
    let row = |s: &mut String, code: &str, counter: &str, date: &str, desc: &str, amt: Decimal, bal: Decimal| {
        s.push_str(&format!(
            "{};;{};{};;{};{};{};{}\n",
            field(&j.account),
            code,
            field(counter),
            date,
            field(desc),
            amount(amt),
            amount(bal)
        ));
    };
    for day in days {
        let Some(jd) = day.cash.iter().find(|c| c.journal == j.code) else {
            continue;
        };
        let date = day.date.format("%d-%m-%Y").to_string();
        if !state.started {
            state.balance = jd.opening;
            row(
                &mut s,
                "BEGIN",
                "",
                &date,
                &format!("Beginsaldo {}", j.code),
                Decimal::ZERO,
                state.balance,
            );
            state.started = true;
        }
        let changes = jd.day.changes();
        let grouped: [(&str, &str, &str, &str); 6] = [
            ("sales", "VERKOOP", "", "Verkoop contant"),
            ("refunds", "RETOUR", "", "Terugbetaling contant"),
            ("tips", "FOOI", "", "Fooien uitbetaald"),
            ("cash_in", "STORTING", &j.cash_deposit_account, "Storting in kas"),
            ("open_diff", "VERSCHIL", "", "Kasverschil bij opening"),
            ("close_diff", "VERSCHIL", "", "Kasverschil bij sluiting"),
        ];
        for (code, tcode, counter, desc) in grouped {
            if let Some(a) = changes.get(code).filter(|a| !a.is_zero()) {
                state.balance += *a;
                let counter = match code {
                    "open_diff" | "close_diff" if *a < Decimal::ZERO => j.diff_debit_account.as_str(),
                    "open_diff" | "close_diff" => j.diff_credit_account.as_str(),
                    _ => counter,
                };
                row(&mut s, tcode, counter, &date, desc, *a, state.balance);
            }
        }
        for l in jd
            .day
            .lines
            .iter()
            .filter(|l| matches!(l.kind, MoveKind::Expense | MoveKind::BankDeposit))
        {
            state.balance += l.change;
            let (tcode, counter, desc) = match l.kind {
                MoveKind::Expense => (
                    "UITGAVE",
                    l.account.as_deref().unwrap_or_default().to_string(),
                    format!("Uitgave {}", l.document),
                ),
                _ => (
                    "BANK",
                    j.bank_deposit_account.clone(),
                    format!("Storting op bank {}", l.document),
                ),
            };
            row(&mut s, tcode, &counter, &date, &desc, l.change, state.balance);
        }
        debug_assert_eq!(state.balance, jd.closing, "the kasstaat follows the cash book");
    }
    s
}
