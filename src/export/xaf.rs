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

/// A journal's transactions as written, kept in memory up to a few MiB, then in a
/// temporary file: the audit file states its totals before its entries.
struct Journal {
    id: String,
    desc: String,
    tp: &'static str,
    written: tempfile::SpooledTempFile,
}

/// Past this a journal's entries wait in a temporary file. Per journal: a dossier with many
/// cash journals holds this much for each (at 8 MiB, seven journals of ten confirmed years
/// held 56 MiB of the export's 130 MiB).
const SPOOL_BYTES: usize = 1 << 20;

/// An audit file built a part of the days at a time: the days' transactions go to their
/// journals as they come, the accounts, VAT codes and totals are gathered beside them, and
/// [`AuditFile::finish`] writes the header with the totals and then each journal, so ten
/// years never stand whole in memory.
pub struct AuditFile<'c> {
    config: &'c Config,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
    accounts: BTreeMap<String, String>,
    vat_codes: BTreeMap<String, (String, String)>,
    debtors: BTreeMap<String, (String, String)>,
    count: usize,
    debit: Decimal,
    credit: Decimal,
    /// Day books first, then cash journals, then the sales journal; each by code.
    journals: BTreeMap<(u8, String), Journal>,
    /// What a journal keeps in memory before it is kept aside in a temporary file.
    spool_bytes: usize,
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

impl<'c> AuditFile<'c> {
    /// An audit file of the days and invoices in `from..=to`.
    pub fn new(config: &'c Config, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> AuditFile<'c> {
        AuditFile {
            config,
            from,
            to,
            today,
            accounts: BTreeMap::new(),
            vat_codes: BTreeMap::new(),
            debtors: BTreeMap::new(),
            count: 0,
            debit: Decimal::ZERO,
            credit: Decimal::ZERO,
            journals: BTreeMap::new(),
            spool_bytes: SPOOL_BYTES,
        }
    }

    /// Keep at most `bytes` of each journal in memory (the rest in a temporary file).
    pub fn spool_after(mut self, bytes: usize) -> AuditFile<'c> {
        self.spool_bytes = bytes;
        self
    }

    /// The centralised days among `days` (in date order, after those added before).
    pub fn add_days(&mut self, days: &[DayView]) -> std::io::Result<()> {
        let config = self.config;
        let vat_acc = config.dossier.vat_account.clone();
        let (from, to) = (self.from, self.to);
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
                self.accounts
                    .entry(acc.clone())
                    .or_insert_with(|| cat.map(|x| x.name.clone()).unwrap_or_default());
                let vat = c.vat.unwrap_or_default();
                let with_vat = c.vat.is_some().then(|| {
                    self.vat_codes.insert(
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
                    self.accounts
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
                self.accounts
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
                let desc = book.map(|b| b.name.clone()).unwrap_or_default();
                self.write(
                    (0, day.book.clone()),
                    &desc,
                    "M",
                    Transaction {
                        nr: format!("{}-{}", day.book, day.date),
                        desc: format!("Dagontvangsten {}", day.date),
                        date: day.date,
                        lines,
                    },
                )?;
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
                        MoveKind::Expense => {
                            (l.account.clone().unwrap_or_else(|| "unassigned-expense".into())).to_string()
                        }
                        MoveKind::BankDeposit => j.bank_deposit_account.clone(),
                        MoveKind::OpenCount | MoveKind::CloseCount if l.change < Decimal::ZERO => {
                            j.diff_debit_account.clone()
                        }
                        MoveKind::OpenCount | MoveKind::CloseCount => j.diff_credit_account.clone(),
                    };
                    let desc = format!("{} {}", l.kind.label(), l.document);
                    self.accounts
                        .entry(j.account.clone())
                        .or_insert_with(|| format!("Kas {}", j.code));
                    self.accounts.entry(counter.clone()).or_default();
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
                    self.write(
                        (1, j.code.clone()),
                        &format!("Kasboek {}", j.code),
                        "C",
                        Transaction {
                            nr: format!("{}-{}", j.code, day.date),
                            desc: format!("Kasboek {}", day.date),
                            date: day.date,
                            lines,
                        },
                    )?;
                }
            }
        }
        Ok(())
    }

    /// The invoices booked in the file's period (the sales journal), in their order.
    pub fn add_invoices(&mut self, invoices: &[InvoiceView]) -> std::io::Result<()> {
        let vat_acc = self.config.dossier.vat_account.clone();
        let receivable = self.config.dossier.receivable_account.clone();
        let (from, to) = (self.from, self.to);
        for inv in invoices
            .iter()
            .filter(|i| i.status != InvoiceStatus::Ignored && i.booking_date >= from && i.booking_date <= to)
        {
            let cust = (inv.debtor.number.clone(), inv.id.clone());
            if !inv.debtor.number.is_empty() {
                self.debtors.insert(
                    inv.debtor.number.clone(),
                    (inv.debtor.name.clone(), inv.debtor.email.clone()),
                );
            }
            self.accounts
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
                self.accounts
                    .entry(l.account.clone())
                    .or_insert_with(|| l.description.clone());
                let with_vat = (l.rate != "NA").then(|| {
                    let code = l.category.clone().unwrap_or_else(|| l.vat.clone());
                    self.vat_codes
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
                    self.accounts
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
            self.write(
                (2, "VF".into()),
                "Verkoopfacturen",
                "S",
                Transaction {
                    nr: inv.id.clone(),
                    desc: format!("Factuur {}", inv.id),
                    date: inv.booking_date,
                    lines,
                },
            )?;
        }
        Ok(())
    }

    /// Write a transaction to its journal, counting its lines into the totals.
    fn write(&mut self, key: (u8, String), desc: &str, tp: &'static str, t: Transaction) -> std::io::Result<()> {
        let e = |s: &str| escape(s).into_owned();
        let (from, spool_bytes) = (self.from, self.spool_bytes);
        let journal = self.journals.entry(key).or_insert_with_key(|(_, id)| Journal {
            id: id.clone(),
            desc: desc.to_string(),
            tp,
            written: tempfile::SpooledTempFile::new(spool_bytes),
        });
        let mut x = String::new();
        let _ = writeln!(
            x,
            "        <transaction><nr>{}</nr><desc>{}</desc><periodNumber>{}</periodNumber><trDt>{}</trDt>",
            e(&cut(&t.nr, 35)),
            e(&t.desc),
            period_of(from, t.date),
            t.date
        );
        for (i, l) in t.lines.iter().enumerate() {
            self.count += 1;
            let (amnt, tp) = if l.amount >= Decimal::ZERO {
                self.debit += l.amount;
                (l.amount, "D")
            } else {
                self.credit -= l.amount;
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
                let _ = write!(
                    extra,
                    "<vat><vatID>{}</vatID><vatPerc>{}</vatPerc><vatAmnt>{}</vatAmnt><vatAmntTp>{vt}</vatAmntTp></vat>",
                    e(&cut(id, 35)),
                    perc.normalize(),
                    fmt(va)
                );
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
        std::io::Write::write_all(&mut journal.written, x.as_bytes())
    }

    /// Write the whole file through `out`: the header, the company with its accounts, VAT
    /// codes and periods, the totals, then each journal's transactions as they were added.
    pub fn finish<E>(
        self,
        mut out: impl FnMut(&[u8]) -> Result<(), E>,
        spool_failed: impl Fn(std::io::Error) -> E,
    ) -> Result<(), E> {
        let config = self.config;
        let (from, to, today) = (self.from, self.to, self.today);
        let country = config.dossier.country.as_str();
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
        if !self.debtors.is_empty() {
            x.push_str("    <customersSuppliers>\n");
            for (nr, (name, email)) in &self.debtors {
                let mail = if email.is_empty() {
                    String::new()
                } else {
                    format!("<eMail>{}</eMail>", e(email))
                };
                let _ = writeln!(x, "      <customerSupplier><custSupID>{}</custSupID><custSupName>{}</custSupName>{mail}<custSupTp>C</custSupTp></customerSupplier>", e(nr), e(&cut(name, 50)));
            }
            x.push_str("    </customersSuppliers>\n");
        }
        if !self.accounts.is_empty() {
            x.push_str("    <generalLedger>\n");
            for (acc, desc) in &self.accounts {
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
        if !self.vat_codes.is_empty() {
            x.push_str("    <vatCodes>\n");
            for (id, (desc, acc)) in &self.vat_codes {
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
            "    <transactions><linesCount>{}</linesCount><totalDebit>{}</totalDebit><totalCredit>{}</totalCredit>",
            self.count,
            fmt(self.debit),
            fmt(self.credit)
        );
        out(x.as_bytes())?;
        for (_, mut j) in self.journals {
            let head = format!(
                "      <journal><jrnID>{}</jrnID><desc>{}</desc><jrnTp>{}</jrnTp>\n",
                e(&cut(&j.id, 35)),
                e(&j.desc),
                j.tp
            );
            out(head.as_bytes())?;
            use std::io::{Read, Seek};
            j.written.rewind().map_err(&spool_failed)?;
            let mut buf = vec![0u8; 1 << 16];
            loop {
                let n = j.written.read(&mut buf).map_err(&spool_failed)?;
                if n == 0 {
                    break;
                }
                out(&buf[..n])?;
            }
            out(b"      </journal>\n")?;
        }
        out(b"    </transactions>\n  </company>\n</auditfile>\n")
    }
}

/// Render the audit file for the days and invoices in `from..=to`, whole.
pub fn render(
    config: &Config,
    days: &[DayView],
    invoices: &[InvoiceView],
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> String {
    let mut file = AuditFile::new(config, from, to, today);
    let mut x = Vec::new();
    let written = file
        .add_days(days)
        .and_then(|()| file.add_invoices(invoices))
        .and_then(|()| {
            file.finish(
                |b| {
                    x.extend_from_slice(b);
                    Ok(())
                },
                |e| e,
            )
        });
    written.expect("an audit file in memory is written");
    String::from_utf8(x).expect("the audit file is UTF-8")
}
