//! The dossier configuration (SPEC §4): parsed from TOML text into typed values, with every
//! problem located by line and field. Pure: reading files and checking their permissions
//! happens at the edge (`crate::settings`).

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use chrono::{NaiveDate, NaiveTime};
use rust_decimal::Decimal;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::calendar::BusinessCalendar;
pub use super::text::Text;

/// A validated dossier configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub dossier: Dossier,
    pub categories: Vec<VatCategory>,
    pub methods: Vec<PaymentMethod>,
    pub sources: Vec<Source>,
    pub daybooks: Vec<DayBook>,
    pub journals: Vec<CashJournal>,
    /// The language of what a person reads (`[dossier] language`): `nl`, `fr` or `en`;
    /// `None` follows the environment's locale. Not part of the book's rules.
    pub language: Option<String>,
    /// Where reports and alerts go. Not part of the book's rules.
    pub notify: Vec<Notify>,
    /// `[store]`: the PostgreSQL database the dossier lives in (`None`: the data dir).
    /// Not part of the book's rules.
    pub store: Option<StoreSpec>,
    /// The version of the config kept in the dossier's store this one is (decision 93);
    /// `None`: read from a file. Not part of the book's rules.
    pub kept: Option<u64>,
}

/// `[store] url = "postgresql://…"` and an optional `schema` (the dossier's own).
/// A file source's `complete` setting that makes its days wait for a later document.
pub const LATER_DOCUMENT: &str = "later_document";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreSpec {
    pub url: String,
    pub schema: Option<String>,
}

/// A schema name dagkas accepts: lower-case letters, digits and `_`, at most 63, not
/// starting with a digit or `pg_` (so it needs no quoting and names nothing of the server).
pub fn valid_schema(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 63
        && !s.starts_with("pg_")
        // The database's own schemas hold no dossier: its tables would mix with others'.
        && !["public", "information_schema"].contains(&s)
        && s.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// A `[[notify]]` entry: a channel, who receives it, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notify {
    pub channel: Channel,
    pub what: BTreeSet<Report>,
    /// Alerts: a source without a successful run for longer than this (seconds).
    pub stale_after_secs: u64,
    /// Alerts: this many failed runs in a row.
    pub failures: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Channel {
    Email {
        to: Vec<String>,
        from: String,
        host: String,
        port: u16,
        tls: SmtpTls,
        user: Option<String>,
        password_env: Option<String>,
    },
    Webhook {
        url: String,
        secret_env: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    StartTls,
    Tls,
    /// Plain SMTP: only to a server on this machine (a local relay).
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Report {
    Import,
    Turnover,
    Alerts,
}

impl Report {
    pub fn as_str(self) -> &'static str {
        match self {
            Report::Import => "import",
            Report::Turnover => "turnover",
            Report::Alerts => "alerts",
        }
    }
}

impl Notify {
    /// A short name for messages and the sync log: the channel and its receiver.
    pub fn label(&self) -> String {
        match &self.channel {
            Channel::Email { to, .. } => format!("e-mail to {}", to.join(", ")),
            Channel::Webhook { url, .. } => {
                let origin = url.split('/').take(3).collect::<Vec<_>>().join("/");
                format!("webhook {origin}")
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Dossier {
    pub name: String,
    pub calendar: BusinessCalendar,
    pub currency: String,
    /// ISO 3166 country of the company (XAF), default `BE`.
    pub country: String,
    /// The company's VAT number (XAF `taxRegIdent`).
    pub vat_number: String,
    /// VAT payable on sales (exports), default `451000`.
    pub vat_account: String,
    /// Trade debtors (exports), default `400000`.
    pub receivable_account: String,
}

/// A VAT rate: a percentage, or `NA` for non-VAT buckets (vouchers, prepayments, tips).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rate {
    Percent(Decimal),
    NotApplicable,
}

impl std::fmt::Display for Rate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rate::Percent(p) => write!(f, "{}", p.normalize()),
            Rate::NotApplicable => f.write_str("NA"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct VatCategory {
    pub code: String,
    pub name: String,
    pub rate: Rate,
    /// R23: rate changes, each valid from its date on.
    pub dated_rates: Vec<(NaiveDate, Rate)>,
    pub account: String,
}

impl VatCategory {
    /// R23: the rate in force on a date.
    pub fn rate_on(&self, date: NaiveDate) -> Rate {
        self.dated_rates
            .iter()
            .filter(|(from, _)| *from <= date)
            .max_by_key(|(from, _)| *from)
            .map_or(self.rate, |(_, r)| *r)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PaymentMethod {
    pub code: String,
    pub name: String,
    pub account: String,
    pub cash: bool,
    pub multiple: bool,
    pub rounding: bool,
    /// Redeems gift vouchers (R15 open voucher balance).
    pub voucher: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Mplus,
    Lightspeed,
    File,
    Demo,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Mplus => "mplus",
            SourceKind::Lightspeed => "lightspeed",
            SourceKind::File => "file",
            SourceKind::Demo => "demo",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub name: String,
    pub kind: SourceKind,
    pub interval_secs: u64,
    /// The connector settings (url, ident, account_id, …), secrets only by reference.
    pub settings: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Immediate,
    Proposal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tips {
    SubtractFromCash,
    Category(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Branches {
    All,
    Only(BTreeSet<String>),
}

/// What a POS payment method id maps to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MethodTarget {
    Method {
        code: String,
        ignore_on_invoice: bool,
    },
    /// R13: a ticket paid with it is skipped whole.
    Ignore,
}

/// What a POS VAT group maps to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CategoryTarget {
    Category(String),
    /// A ticket with such a line is skipped whole, like an ignored method.
    Ignore,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DayBook {
    pub code: String,
    pub name: String,
    pub source: String,
    pub start: NaiveDate,
    pub receipts: Mode,
    pub payments: Mode,
    pub manual_receipts_blocked: bool,
    pub invoices_from: NaiveDate,
    pub sync_payments: bool,
    pub overdue_days: u32,
    pub branches: Branches,
    pub ignore_registers: BTreeSet<String>,
    pub tips: Tips,
    pub invoice_paid: Option<String>,
    pub prepaid: Option<String>,
    pub default_revenue_account: Option<String>,
    pub auto_create_methods: bool,
    pub vat_map: BTreeMap<String, CategoryTarget>,
    pub payment_map: BTreeMap<String, MethodTarget>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CashJournal {
    pub code: String,
    pub daybook: String,
    pub drawers: Vec<String>,
    pub currency: String,
    pub account: String,
    pub diff_debit_account: String,
    pub diff_credit_account: String,
    pub cash_deposit_account: String,
    pub bank_deposit_account: String,
    /// Opening balance per drawer for the first day of the book.
    pub opening: BTreeMap<String, Decimal>,
}

impl Config {
    pub fn category(&self, code: &str) -> Option<&VatCategory> {
        self.categories.iter().find(|c| c.code == code)
    }
    pub fn method(&self, code: &str) -> Option<&PaymentMethod> {
        self.methods.iter().find(|m| m.code == code)
    }
    pub fn source(&self, name: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.name == name)
    }
    pub fn daybook(&self, code: &str) -> Option<&DayBook> {
        self.daybooks.iter().find(|b| b.code == code)
    }
    /// The cash journals of a day book, in config order.
    pub fn journals_of<'a>(&'a self, book: &'a str) -> impl Iterator<Item = &'a CashJournal> + 'a {
        self.journals.iter().filter(move |j| j.daybook == book)
    }
    /// Files that hold secrets: their permissions are checked at the edge.
    pub fn secret_files(&self) -> Vec<(String, String)> {
        self.sources
            .iter()
            .flat_map(|s| {
                s.settings
                    .iter()
                    .filter(|(k, _)| k.ends_with("_file"))
                    .map(move |(k, v)| (format!("source \"{}\".{k}", s.name), v.clone()))
            })
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in a config file, located by its byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub span: Range<usize>,
    /// The field, e.g. `cash_journal[0].account`.
    pub field: String,
    pub message: Text,
}

impl Problem {
    /// `FILE:LINE: error: field: message`.
    pub fn render(&self, file: &str, text: &str) -> String {
        let kind = match self.severity {
            Severity::Error => Text::id("severity-error"),
            Severity::Warning => Text::id("severity-warning"),
        };
        let line = line_of(text, self.span.start);
        format!("{file}:{line}: {kind}: {}: {}", self.field, self.message)
    }
}

/// The 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|b| **b == b'\n').count() + 1
}

/// Parse and validate. `Ok` holds the config with any warnings; `Err` every problem.
/// The `[dossier] language` a config asks for, read before the whole config is (its own
/// problems are told in that language); `None` when it names none or does not parse.
pub fn language_of(text: &str) -> Option<String> {
    let root = DeTable::parse(text).ok()?;
    let Some(DeValue::Table(t)) = root.get_ref().get("dossier").map(|v| v.get_ref()) else {
        return None;
    };
    match t.get("language").map(|v| v.get_ref()) {
        Some(DeValue::String(l)) => Some(l.to_string()),
        _ => None,
    }
}

/// The longest text value (names, codes, accounts, URLs) in a config.
pub const MAX_VALUE: usize = 1000;
/// Dates a config may name: older books are not kept by any retention law, later ones are typos.
pub const EARLIEST: NaiveDate = NaiveDate::from_ymd_opt(1990, 1, 1).expect("a date");
pub const LATEST: NaiveDate = NaiveDate::from_ymd_opt(2199, 12, 31).expect("a date");
/// The largest config file read.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

pub fn parse(text: &str) -> Result<(Config, Vec<Problem>), Vec<Problem>> {
    let root = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            return Err(vec![Problem {
                severity: Severity::Error,
                span,
                field: "toml".into(),
                message: e.message().into(),
            }]);
        }
    };
    let mut r = Reader::default();
    let config = read_config(&mut r, &root);
    check_references(&mut r, &config);
    let errors = r.problems.iter().any(|p| p.severity == Severity::Error);
    r.problems.sort_by_key(|p| (p.span.start, p.severity));
    if errors {
        Err(r.problems)
    } else {
        Ok((config.config, r.problems))
    }
}

/// `90s`, `15m`, `1h`.
pub fn parse_interval(s: &str) -> Option<u64> {
    let (n, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit())?);
    let n: u64 = n.parse().ok()?;
    let secs = match unit {
        "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        _ => return None,
    };
    (secs > 0).then_some(secs)
}

pub mod addition;
mod books;
mod fingerprint;
mod reader;
mod references;
mod sections;

use books::*;
use reader::*;
use references::*;
use sections::*;

#[cfg(test)]
pub(crate) mod tests;
