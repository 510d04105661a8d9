//! XML Auditfile Financieel 3.2 (Dutch tax administration): the centralised days (day book
//! and cash journals) and the invoices (sales journal), valid against the official XSD.

use std::collections::BTreeMap;
use std::fmt::Write;

use chrono::{Datelike, NaiveDate};
use quick_xml::escape::escape;
use rust_decimal::Decimal;

use crate::domain::book::{DayView, Status};
use crate::domain::config::Config;
use crate::domain::day::MoveKind;
use crate::domain::invoice::{InvoiceStatus, InvoiceView};
use crate::domain::money::fmt;

const NS: &str = "http://www.auditfiles.nl/XAF/3.2";

/// One transaction line before it is written.
struct TrLine {
    account: String,
    doc: String,
    date: NaiveDate,
    desc: String,
    /// Positive: debit; negative: credit.
    amount: Decimal,
    vat: Option<(String, Decimal, Decimal)>,
    cust: Option<(String, String)>,
}

struct Transaction {
    nr: String,
    desc: String,
    date: NaiveDate,
    lines: Vec<TrLine>,
}

struct Journal {
    id: String,
    desc: String,
    tp: &'static str,
    transactions: Vec<Transaction>,
}

fn cut(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// Balance-sheet or profit-and-loss, from the account's first digit and the country's chart.
fn account_type(account: &str, country: &str) -> &'static str {
    let first = account.chars().next().unwrap_or('0');
    let pnl = match country {
        "NL" => matches!(first, '4' | '7' | '8' | '9'),
        _ => matches!(first, '6' | '7'),
    };
    if pnl {
        "P"
    } else {
        "B"
    }
}

fn period_of(start: NaiveDate, d: NaiveDate) -> u32 {
    ((d.year() - start.year()) * 12 + d.month() as i32 - start.month() as i32 + 1).max(1) as u32
}

fn method_account(config: &Config, code: &str) -> String {
    config
        .method(code)
        .map(|m| m.account.clone())
        .filter(|a| !a.is_empty())
        .unwrap_or_else(|| format!("unassigned-{code}"))
}

/// Render the audit file for the days and invoices in `from..=to`.
pub fn render(
    config: &Config,
    days: &[DayView],
    invoices: &[InvoiceView],
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> String {
    let country = config.dossier.country.as_str();
    let vat_acc = config.dossier.vat_account.clone();
    let mut accounts: BTreeMap<String, String> = BTreeMap::new();
    let mut day_journals: BTreeMap<String, Journal> = BTreeMap::new();
    let mut cash_journals: BTreeMap<String, Journal> = BTreeMap::new();
    let mut vat_codes: BTreeMap<String, (String, String)> = BTreeMap::new();

    for day in days
        .iter()
        .filter(|d| d.status == Status::Centralised && d.date >= from && d.date <= to)
    {
        let book = config.daybook(&day.book);
        let doc = format!("{} {}", day.book, day.date);
        let mut lines = Vec::new();
        for c in &day.categories {
            let cat = config.category(&c.code);
            let acc = cat
                .map(|x| x.account.clone())
                .unwrap_or_else(|| format!("unassigned-{}", c.code));
            accounts
                .entry(acc.clone())
                .or_insert_with(|| cat.map(|x| x.name.clone()).unwrap_or_default());
            let vat = c.vat.unwrap_or_default();
            let with_vat = c.vat.is_some().then(|| {
                vat_codes.insert(
                    c.code.clone(),
                    (cat.map(|x| x.name.clone()).unwrap_or_default(), vat_acc.clone()),
                );
                (c.code.clone(), c.rate.parse::<Decimal>().unwrap_or_default(), vat)
            });
            if !c.excl.is_zero() {
                lines.push(TrLine {
                    account: acc,
                    doc: doc.clone(),
                    date: day.date,
                    desc: format!("omzet {}", c.code),
                    amount: -c.excl,
                    vat: with_vat,
                    cust: None,
                });
            }
            if !vat.is_zero() {
                accounts
                    .entry(vat_acc.clone())
                    .or_insert_with(|| "Te betalen btw".into());
                lines.push(TrLine {
                    account: vat_acc.clone(),
                    doc: doc.clone(),
                    date: day.date,
                    desc: format!("btw {}", c.code),
                    amount: -vat,
                    vat: None,
                    cust: None,
                });
            }
        }
        for m in day.methods.iter().filter(|m| !m.amount.is_zero()) {
            let acc = method_account(config, &m.code);
            accounts
                .entry(acc.clone())
                .or_insert_with(|| config.method(&m.code).map(|x| x.name.clone()).unwrap_or_default());
            lines.push(TrLine {
                account: acc,
                doc: doc.clone(),
                date: day.date,
                desc: format!("betaling {}", m.code),
                amount: m.amount,
                vat: None,
                cust: None,
            });
        }
        if !lines.is_empty() {
            day_journals
                .entry(day.book.clone())
                .or_insert_with(|| Journal {
                    id: day.book.clone(),
                    desc: book.map(|b| b.name.clone()).unwrap_or_default(),
                    tp: "M",
                    transactions: Vec::new(),
                })
                .transactions
                .push(Transaction {
                    nr: format!("{}-{}", day.book, day.date),
                    desc: format!("Dagontvangsten {}", day.date),
                    date: day.date,
                    lines,
                });
        }

        for jd in &day.cash {
            let Some(j) = config.journals.iter().find(|x| x.code == jd.journal) else {
                continue;
            };
            let doc = format!("{} {}", j.code, day.date);
            let mut lines = Vec::new();
            for l in jd.day.lines.iter().filter(|l| !l.change.is_zero()) {
                let counter = match l.kind {
                    MoveKind::Sales | MoveKind::Refunds | MoveKind::Tips => continue,
                    MoveKind::CashIn => j.cash_deposit_account.clone(),
                    MoveKind::Expense => l.account.clone().unwrap_or_else(|| "unassigned-expense".into()),
                    MoveKind::BankDeposit => j.bank_deposit_account.clone(),
                    MoveKind::OpenCount | MoveKind::CloseCount if l.change < Decimal::ZERO => {
                        j.diff_debit_account.clone()
                    }
                    MoveKind::OpenCount | MoveKind::CloseCount => j.diff_credit_account.clone(),
                };
                let desc = format!("{} {}", l.kind.label(), l.document);
                accounts
                    .entry(j.account.clone())
                    .or_insert_with(|| format!("Kas {}", j.code));
                accounts.entry(counter.clone()).or_default();
                lines.push(TrLine {
                    account: j.account.clone(),
                    doc: doc.clone(),
                    date: day.date,
                    desc: desc.clone(),
                    amount: l.change,
                    vat: None,
                    cust: None,
                });
                lines.push(TrLine {
                    account: counter,
                    doc: doc.clone(),
                    date: day.date,
                    desc,
                    amount: -l.change,
                    vat: None,
                    cust: None,
                });
            }
            if !lines.is_empty() {
                cash_journals
                    .entry(j.code.clone())
                    .or_insert_with(|| Journal {
                        id: j.code.clone(),
                        desc: format!("Kasboek {}", j.code),
                        tp: "C",
                        transactions: Vec::new(),
                    })
                    .transactions
                    .push(Transaction {
                        nr: format!("{}-{}", j.code, day.date),
                        desc: format!("Kasboek {}", day.date),
                        date: day.date,
                        lines,
                    });
            }
        }
    }

    let receivable = config.dossier.receivable_account.clone();
    let mut sales = Journal {
        id: "VF".into(),
        desc: "Verkoopfacturen".into(),
        tp: "S",
        transactions: Vec::new(),
    };
    let mut debtors: BTreeMap<String, (String, String)> = BTreeMap::new();
    for inv in invoices
        .iter()
        .filter(|i| i.status != InvoiceStatus::Ignored && i.booking_date >= from && i.booking_date <= to)
    {
        let cust = (inv.debtor.number.clone(), inv.id.clone());
        if !inv.debtor.number.is_empty() {
            debtors.insert(
                inv.debtor.number.clone(),
                (inv.debtor.name.clone(), inv.debtor.email.clone()),
            );
        }
        accounts
            .entry(receivable.clone())
            .or_insert_with(|| "Handelsdebiteuren".into());
        let mut lines = vec![TrLine {
            account: receivable.clone(),
            doc: inv.id.clone(),
            date: inv.booking_date,
            desc: cut(&inv.debtor.name, 100),
            amount: inv.incl,
            vat: None,
            cust: (!cust.0.is_empty()).then_some(cust),
        }];
        for l in &inv.lines {
            accounts
                .entry(l.account.clone())
                .or_insert_with(|| l.description.clone());
            let with_vat = (l.rate != "NA").then(|| {
                let code = l.category.clone().unwrap_or_else(|| l.vat.clone());
                vat_codes
                    .entry(code.clone())
                    .or_insert_with(|| (format!("btw {}%", l.rate), vat_acc.clone()));
                (code, l.rate.parse::<Decimal>().unwrap_or_default(), l.vat_amount)
            });
            lines.push(TrLine {
                account: l.account.clone(),
                doc: inv.id.clone(),
                date: inv.booking_date,
                desc: l.description.clone(),
                amount: -l.excl,
                vat: with_vat,
                cust: None,
            });
            if !l.vat_amount.is_zero() {
                accounts
                    .entry(vat_acc.clone())
                    .or_insert_with(|| "Te betalen btw".into());
                lines.push(TrLine {
                    account: vat_acc.clone(),
                    doc: inv.id.clone(),
                    date: inv.booking_date,
                    desc: format!("btw {}", inv.id),
                    amount: -l.vat_amount,
                    vat: None,
                    cust: None,
                });
            }
        }
        sales.transactions.push(Transaction {
            nr: inv.id.clone(),
            desc: format!("Factuur {}", inv.id),
            date: inv.booking_date,
            lines,
        });
    }

    let mut journals: Vec<Journal> = day_journals.into_values().chain(cash_journals.into_values()).collect();
    if !sales.transactions.is_empty() {
        journals.push(sales);
    }
    let (mut count, mut debit, mut credit) = (0usize, Decimal::ZERO, Decimal::ZERO);
    for j in &journals {
        for t in &j.transactions {
            for l in &t.lines {
                count += 1;
                if l.amount >= Decimal::ZERO {
                    debit += l.amount;
                } else {
                    credit -= l.amount;
                }
            }
        }
    }

    let e = |s: &str| escape(s).into_owned();
    let mut x = String::new();
    let _ = writeln!(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    let _ = writeln!(x, "<auditfile xmlns=\"{NS}\">");
    let _ = writeln!(
        x,
        "  <header><fiscalYear>{}</fiscalYear><startDate>{from}</startDate><endDate>{to}</endDate><curCode>{}</curCode><dateCreated>{today}</dateCreated><softwareDesc>dagkas</softwareDesc><softwareVersion>{}</softwareVersion></header>",
        from.year(),
        e(&config.dossier.currency),
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        x,
        "  <company><companyName>{}</companyName><taxRegistrationCountry>{}</taxRegistrationCountry><taxRegIdent>{}</taxRegIdent>",
        e(&cut(&config.dossier.name, 999)),
        e(country),
        e(&cut(&config.dossier.vat_number, 30))
    );
    if !debtors.is_empty() {
        x.push_str("    <customersSuppliers>\n");
        for (nr, (name, email)) in &debtors {
            let mail = if email.is_empty() {
                String::new()
            } else {
                format!("<eMail>{}</eMail>", e(email))
            };
            let _ = writeln!(x, "      <customerSupplier><custSupID>{}</custSupID><custSupName>{}</custSupName>{mail}<custSupTp>C</custSupTp></customerSupplier>", e(nr), e(&cut(name, 50)));
        }
        x.push_str("    </customersSuppliers>\n");
    }
    if !accounts.is_empty() {
        x.push_str("    <generalLedger>\n");
        for (acc, desc) in &accounts {
            let desc = if desc.is_empty() { acc.clone() } else { desc.clone() };
            let _ = writeln!(
                x,
                "      <ledgerAccount><accID>{}</accID><accDesc>{}</accDesc><accTp>{}</accTp></ledgerAccount>",
                e(&cut(acc, 35)),
                e(&desc),
                account_type(acc, country)
            );
        }
        x.push_str("    </generalLedger>\n");
    }
    if !vat_codes.is_empty() {
        x.push_str("    <vatCodes>\n");
        for (id, (desc, acc)) in &vat_codes {
            let _ = writeln!(
                x,
                "      <vatCode><vatID>{}</vatID><vatDesc>{}</vatDesc><vatToPayAccID>{}</vatToPayAccID></vatCode>",
                e(&cut(id, 35)),
                e(if desc.is_empty() { id } else { desc }),
                e(acc)
            );
        }
        x.push_str("    </vatCodes>\n");
    }
    x.push_str("    <periods>\n");
    let mut month = NaiveDate::from_ymd_opt(from.year(), from.month(), 1).unwrap_or(from);
    while month <= to {
        let next = month.checked_add_months(chrono::Months::new(1)).unwrap_or(month);
        let end = (next - chrono::Duration::days(1)).min(to);
        let _ = writeln!(
            x,
            "      <period><periodNumber>{}</periodNumber><periodDesc>{}</periodDesc><startDatePeriod>{}</startDatePeriod><endDatePeriod>{end}</endDatePeriod></period>",
            period_of(from, month),
            month.format("%Y-%m"),
            month.max(from)
        );
        if next == month {
            break;
        }
        month = next;
    }
    x.push_str("    </periods>\n");
    let _ = writeln!(
        x,
        "    <transactions><linesCount>{count}</linesCount><totalDebit>{}</totalDebit><totalCredit>{}</totalCredit>",
        fmt(debit),
        fmt(credit)
    );
    for j in &journals {
        let _ = writeln!(
            x,
            "      <journal><jrnID>{}</jrnID><desc>{}</desc><jrnTp>{}</jrnTp>",
            e(&cut(&j.id, 35)),
            e(&j.desc),
            j.tp
        );
        for t in &j.transactions {
            let _ = writeln!(
                x,
                "        <transaction><nr>{}</nr><desc>{}</desc><periodNumber>{}</periodNumber><trDt>{}</trDt>",
                e(&cut(&t.nr, 35)),
                e(&t.desc),
                period_of(from, t.date),
                t.date
            );
            for (i, l) in t.lines.iter().enumerate() {
                let (amnt, tp) = if l.amount >= Decimal::ZERO {
                    (l.amount, "D")
                } else {
                    (-l.amount, "C")
                };
                let mut extra = String::new();
                if let Some((cust, inv)) = &l.cust {
                    let _ = write!(extra, "<custSupID>{}</custSupID><invRef>{}</invRef>", e(cust), e(inv));
                }
                if let Some((id, perc, vat)) = &l.vat {
                    let (va, vt) = if *vat >= Decimal::ZERO {
                        (*vat, tp)
                    } else {
                        (-*vat, if tp == "D" { "C" } else { "D" })
                    };
                    let _ = write!(extra, "<vat><vatID>{}</vatID><vatPerc>{}</vatPerc><vatAmnt>{}</vatAmnt><vatAmntTp>{vt}</vatAmntTp></vat>", e(&cut(id, 35)), perc.normalize(), fmt(va));
                }
                let _ = writeln!(
                    x,
                    "          <trLine><nr>{}</nr><accID>{}</accID><docRef>{}</docRef><effDate>{}</effDate><desc>{}</desc><amnt>{}</amnt><amntTp>{tp}</amntTp>{extra}</trLine>",
                    i + 1,
                    e(&cut(&l.account, 35)),
                    e(&l.doc),
                    l.date,
                    e(&l.desc),
                    fmt(amnt)
                );
            }
            x.push_str("        </transaction>\n");
        }
        x.push_str("      </journal>\n");
    }
    x.push_str("    </transactions>\n  </company>\n</auditfile>\n");
    x
}
