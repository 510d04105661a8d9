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
}

/// `[store] url = "postgresql://…"` and an optional `schema` (the dossier's own).
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
    /// A stable fingerprint of everything that shapes the computed days.
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let text = format!(
            "{:?}{:?}{:?}{:?}{:?}",
            self.dossier, self.categories, self.methods, self.daybooks, self.journals
        );
        format!("{:x}", Sha256::digest(text.as_bytes()))
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
    pub message: String,
}

impl Problem {
    /// `FILE:LINE: error: field: message`.
    pub fn render(&self, file: &str, text: &str) -> String {
        let kind = match self.severity {
            Severity::Error => crate::tr!("severity-error"),
            Severity::Warning => crate::tr!("severity-warning"),
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

fn read_notify(r: &mut Reader, t: &Table, span: Range<usize>, path: &str) -> Option<Notify> {
    r.unknown_keys(
        t,
        &[
            "channel",
            "to",
            "from",
            "smtp",
            "tls",
            "user",
            "password_env",
            "url",
            "secret_env",
            "what",
            "stale_after",
            "failures",
        ],
        path,
    );
    let what_field = format!("{path}.what");
    let what: BTreeSet<Report> = match r.string_list(t, "what", path) {
        None => {
            r.error(span.clone(), what_field, crate::tr!("cfg-missing-what-send-import"));
            return None;
        }
        Some(list) => {
            let mut out = BTreeSet::new();
            for w in list {
                match w.as_str() {
                    "import" => out.insert(Report::Import),
                    "turnover" => out.insert(Report::Turnover),
                    "alerts" => out.insert(Report::Alerts),
                    other => {
                        let sp = t.get("what").map(|v| v.span()).unwrap_or(span.clone());
                        r.error(
                            sp,
                            what_field.clone(),
                            crate::tr!("cfg-not-import-turnover-or", other = format!("{:?}", other)),
                        );
                        false
                    }
                };
            }
            out
        }
    };
    let stale_after_secs = match r.string(t, "stale_after", path) {
        None => 6 * 3600,
        Some((d, sp)) => parse_interval(&d).unwrap_or_else(|| {
            r.error(
                sp,
                format!("{path}.stale_after"),
                crate::tr!("cfg-not-duration-30m-6h", d = format!("{:?}", d)),
            );
            0
        }),
    };
    let failures = match t.get("failures").map(|v| (v.get_ref(), v.span())) {
        None => 3,
        Some((DeValue::Integer(i), sp)) => match i.as_str().parse::<u32>() {
            Ok(n) if n >= 1 => n,
            _ => {
                r.error(
                    sp,
                    format!("{path}.failures"),
                    crate::tr!("cfg-expected-whole-number-runs"),
                );
                3
            }
        },
        Some((_, sp)) => {
            r.error(
                sp,
                format!("{path}.failures"),
                crate::tr!("cfg-expected-whole-number-runs"),
            );
            3
        }
    };
    for secret in ["password", "secret"] {
        if t.get(secret).is_some() {
            let sp = t.get(secret).map(|v| v.span()).unwrap_or(span.clone());
            r.error(
                sp,
                format!("{path}.{secret}"),
                crate::tr!("cfg-secret-never-goes-config"),
            );
        }
    }
    let channel = match r.string(t, "channel", path) {
        Some((c, _)) if c == "email" => {
            let addresses = |r: &mut Reader, key: &str, list: Vec<(String, Range<usize>)>| {
                for (a, sp) in &list {
                    if !valid_address(a) {
                        r.error(
                            sp.clone(),
                            format!("{path}.{key}"),
                            crate::tr!("cfg-not-mail-address", a = format!("{:?}", a)),
                        );
                    }
                }
                list.into_iter().map(|(a, _)| a).collect::<Vec<_>>()
            };
            let to_span = t.get("to").map(|v| v.span()).unwrap_or(span.clone());
            let to_list = r.string_list(t, "to", path).unwrap_or_default();
            if to_list.is_empty() {
                r.error(
                    to_span.clone(),
                    format!("{path}.to"),
                    crate::tr!("cfg-missing-who-receives-boekhouding"),
                );
            }
            let to = addresses(r, "to", to_list.into_iter().map(|a| (a, to_span.clone())).collect());
            let from = match r.string(t, "from", path) {
                Some((f, sp)) => addresses(r, "from", vec![(f, sp)]).remove(0),
                None => {
                    r.error(
                        span.clone(),
                        format!("{path}.from"),
                        crate::tr!("cfg-missing-sender-s-address"),
                    );
                    String::new()
                }
            };
            let (host, port) = match r.string(t, "smtp", path) {
                Some((hp, sp)) => match hp.rsplit_once(':').map(|(h, p)| (h.to_string(), p.parse::<u16>())) {
                    Some((h, Ok(p))) if !h.is_empty() && p > 0 => (h, p),
                    _ => {
                        r.error(
                            sp,
                            format!("{path}.smtp"),
                            crate::tr!("cfg-not-server-smtp-example", hp = format!("{:?}", hp)),
                        );
                        (String::new(), 0)
                    }
                },
                None => {
                    r.error(
                        span.clone(),
                        format!("{path}.smtp"),
                        crate::tr!("cfg-missing-smtp-server-smtp"),
                    );
                    (String::new(), 0)
                }
            };
            let tls = match r.string(t, "tls", path) {
                None => SmtpTls::StartTls,
                Some((v, sp)) => match v.as_str() {
                    "starttls" => SmtpTls::StartTls,
                    "tls" => SmtpTls::Tls,
                    "none" if ["127.0.0.1", "localhost", "::1", "[::1]"].contains(&host.as_str()) => SmtpTls::None,
                    "none" => {
                        r.error(sp, format!("{path}.tls"), crate::tr!("cfg-plain-smtp-only-server"));
                        SmtpTls::None
                    }
                    other => {
                        r.error(
                            sp,
                            format!("{path}.tls"),
                            crate::tr!("cfg-not-starttls-tls-or", other = format!("{:?}", other)),
                        );
                        SmtpTls::StartTls
                    }
                },
            };
            Channel::Email {
                to,
                from,
                host,
                port,
                tls,
                user: r.string(t, "user", path).map(|(u, _)| u),
                password_env: r.string(t, "password_env", path).map(|(p, _)| p),
            }
        }
        Some((c, _)) if c == "webhook" => {
            let url = match r.string(t, "url", path) {
                Some((u, sp)) => {
                    if let Err(e) = super::origin::check_url(&u) {
                        r.error(sp, format!("{path}.url"), e);
                    }
                    u
                }
                None => {
                    r.error(
                        span.clone(),
                        format!("{path}.url"),
                        crate::tr!("cfg-missing-https-address-post"),
                    );
                    String::new()
                }
            };
            Channel::Webhook {
                url,
                secret_env: r.string(t, "secret_env", path).map(|(s, _)| s),
            }
        }
        Some((c, sp)) => {
            r.error(
                sp,
                format!("{path}.channel"),
                crate::tr!("cfg-not-email-or-webhook", c = format!("{:?}", c)),
            );
            return None;
        }
        None => {
            r.error(
                span,
                format!("{path}.channel"),
                crate::tr!("cfg-missing-email-or-webhook"),
            );
            return None;
        }
    };
    Some(Notify {
        channel,
        what,
        stale_after_secs,
        failures,
    })
}

/// A plain address check: one `@`, a dot in the domain, no spaces.
fn valid_address(a: &str) -> bool {
    match a.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !domain.contains('@')
                && (domain.contains('.') || domain == "localhost")
                && !a.chars().any(|c| c.is_whitespace() || c == '<' || c == '>' || c == ',')
        }
        None => false,
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
                message: e.message().to_string(),
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

/// A config read so far, with where each item was written (for reference checks).
struct Located {
    config: Config,
    spans: Spans,
}

#[derive(Default)]
struct Spans {
    category: Vec<Range<usize>>,
    method: Vec<Range<usize>>,
    source: Vec<Range<usize>>,
    daybook: Vec<DayBookSpans>,
    journal: Vec<JournalSpans>,
}

#[derive(Default, Clone)]
struct DayBookSpans {
    table: Range<usize>,
    fields: BTreeMap<String, Range<usize>>,
    vat_map: BTreeMap<String, Range<usize>>,
    payment_map: BTreeMap<String, Range<usize>>,
}

#[derive(Default, Clone)]
struct JournalSpans {
    table: Range<usize>,
    fields: BTreeMap<String, Range<usize>>,
}

#[derive(Default)]
struct Reader {
    problems: Vec<Problem>,
}

type Table<'i> = DeTable<'i>;
type Value<'i> = Spanned<DeValue<'i>>;

impl Reader {
    fn error(&mut self, span: Range<usize>, field: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            severity: Severity::Error,
            span,
            field: field.into(),
            message: message.into(),
        });
    }
    fn warning(&mut self, span: Range<usize>, field: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            severity: Severity::Warning,
            span,
            field: field.into(),
            message: message.into(),
        });
    }

    /// Report keys this section does not know (a typo must not silently fall back to a default).
    fn unknown_keys(&mut self, table: &Table, known: &[&str], path: &str) {
        for (k, _) in table.iter() {
            if !known.contains(&k.get_ref().as_ref()) {
                self.error(
                    k.span(),
                    format!("{path}.{}", k.get_ref()),
                    crate::tr!("cfg-unknown-field-expected-one", known = known.join(", ")),
                );
            }
        }
    }

    fn string(&mut self, table: &Table, key: &str, path: &str) -> Option<(String, Range<usize>)> {
        let v = table.get(key)?;
        match v.get_ref() {
            DeValue::String(s) if s.len() > MAX_VALUE => {
                self.error(
                    v.span(),
                    format!("{path}.{key}"),
                    crate::tr!("cfg-bytes-long-at-most", s_count = s.len(), MAX_VALUE = MAX_VALUE),
                );
                None
            }
            DeValue::String(s) => Some((s.to_string(), v.span())),
            DeValue::Integer(i) => Some((i.as_str().to_string(), v.span())),
            DeValue::Datetime(d) => Some((d.to_string(), v.span())),
            _ => {
                self.error(v.span(), format!("{path}.{key}"), crate::tr!("cfg-expected-text-value"));
                None
            }
        }
    }

    fn required(&mut self, table: &Table, key: &str, path: &str, at: &Range<usize>) -> String {
        match self.string(table, key, path) {
            Some((s, span)) if s.trim().is_empty() => {
                self.error(span, format!("{path}.{key}"), crate::tr!("cfg-must-not-be-empty"));
                s
            }
            Some((s, _)) => s,
            None => {
                if table.get(key).is_none() {
                    self.error(
                        at.clone(),
                        format!("{path}.{key}"),
                        crate::tr!("cfg-missing-required-field"),
                    );
                }
                String::new()
            }
        }
    }

    fn boolean(&mut self, table: &Table, key: &str, path: &str, default: bool) -> bool {
        match table.get(key) {
            None => default,
            Some(v) => match v.get_ref() {
                DeValue::Boolean(b) => *b,
                _ => {
                    self.error(
                        v.span(),
                        format!("{path}.{key}"),
                        crate::tr!("cfg-expected-true-or-false"),
                    );
                    default
                }
            },
        }
    }

    fn date(&mut self, table: &Table, key: &str, path: &str) -> Option<NaiveDate> {
        let (s, span) = self.string(table, key, path)?;
        match s.parse::<NaiveDate>() {
            Ok(d) if !(EARLIEST..=LATEST).contains(&d) => {
                self.error(
                    span,
                    format!("{path}.{key}"),
                    crate::tr!(
                        "cfg-outside-every-day-from",
                        d = d,
                        EARLIEST = EARLIEST,
                        LATEST = LATEST
                    ),
                );
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                self.error(
                    span,
                    format!("{path}.{key}"),
                    crate::tr!("cfg-not-date-2026-03", s = format!("{:?}", s)),
                );
                None
            }
        }
    }

    fn amount(&mut self, s: &str, span: Range<usize>, field: String) -> Decimal {
        match super::money::parse_input_amount(s) {
            Ok(d) => d,
            Err(e) => {
                self.error(span, field, e.to_string());
                Decimal::ZERO
            }
        }
    }

    fn rate(&mut self, s: &str, span: Range<usize>, field: String) -> Rate {
        if s.eq_ignore_ascii_case("NA") {
            return Rate::NotApplicable;
        }
        match s.parse::<Decimal>() {
            Ok(p) if p >= Decimal::ZERO && p < Decimal::ONE_HUNDRED && !s.contains('e') => Rate::Percent(p),
            _ => {
                self.error(
                    span,
                    field,
                    crate::tr!("cfg-rate-neither-percentage-21", s = format!("{:?}", s)),
                );
                Rate::NotApplicable
            }
        }
    }

    fn string_list(&mut self, table: &Table, key: &str, path: &str) -> Option<Vec<String>> {
        let v = table.get(key)?;
        match v.get_ref() {
            DeValue::Array(a) => {
                let mut out = Vec::new();
                for item in a.iter() {
                    match item.get_ref() {
                        DeValue::String(s) => out.push(s.to_string()),
                        DeValue::Integer(i) => out.push(i.as_str().to_string()),
                        _ => self.error(
                            item.span(),
                            format!("{path}.{key}"),
                            crate::tr!("cfg-expected-list-texts"),
                        ),
                    }
                }
                Some(out)
            }
            _ => {
                self.error(v.span(), format!("{path}.{key}"), crate::tr!("cfg-expected-list-1-3"));
                None
            }
        }
    }

    /// `[[name]]` sections: each table with its span.
    fn tables<'a, 'i>(&mut self, root: &'a Table<'i>, key: &str) -> Vec<(&'a Table<'i>, Range<usize>)> {
        let Some(v) = root.get(key) else { return Vec::new() };
        match v.get_ref() {
            DeValue::Array(a) => a
                .iter()
                .filter_map(|item| match item.get_ref() {
                    DeValue::Table(t) => Some((t, item.span())),
                    _ => {
                        self.error(item.span(), key, crate::tr!("cfg-expected-tables", key = key));
                        None
                    }
                })
                .collect(),
            _ => {
                self.error(v.span(), key, crate::tr!("cfg-write-as-list-tables", key = key));
                Vec::new()
            }
        }
    }
}

fn read_config(r: &mut Reader, root: &Spanned<Table>) -> Located {
    let root_span = root.span();
    let root = root.get_ref();
    r.unknown_keys(
        root,
        &[
            "dossier",
            "vat_category",
            "payment_method",
            "source",
            "daybook",
            "cash_journal",
            "notify",
            "store",
        ],
        "config",
    );
    let mut spans = Spans::default();

    let dossier = match root.get("dossier") {
        Some(v) => match v.get_ref() {
            DeValue::Table(t) => read_dossier(r, t, v.span()),
            _ => {
                r.error(v.span(), "dossier", crate::tr!("cfg-expected-dossier-table"));
                default_dossier()
            }
        },
        None => {
            r.error(
                root_span.start..root_span.start,
                "dossier",
                crate::tr!("cfg-missing-dossier-section"),
            );
            default_dossier()
        }
    };

    let mut categories = Vec::new();
    for (i, (t, span)) in r.tables(root, "vat_category").into_iter().enumerate() {
        let path = format!("vat_category[{i}]");
        r.unknown_keys(t, &["code", "name", "rate", "rates", "account"], &path);
        let code = r.required(t, "code", &path, &span);
        let name = r
            .string(t, "name", &path)
            .map(|(s, _)| s)
            .unwrap_or_else(|| code.clone());
        let rate = match r.string(t, "rate", &path) {
            Some((s, sp)) => r.rate(&s, sp, format!("{path}.rate")),
            None => {
                if t.get("rate").is_none() {
                    r.error(
                        span.clone(),
                        format!("{path}.rate"),
                        crate::tr!("cfg-missing-required-field"),
                    );
                }
                Rate::NotApplicable
            }
        };
        let dated_rates = read_dated_rates(r, t, &path);
        let account = r.required(t, "account", &path, &span);
        spans.category.push(span);
        categories.push(VatCategory {
            code,
            name,
            rate,
            dated_rates,
            account,
        });
    }

    let mut methods = Vec::new();
    for (i, (t, span)) in r.tables(root, "payment_method").into_iter().enumerate() {
        let path = format!("payment_method[{i}]");
        r.unknown_keys(
            t,
            &["code", "name", "account", "cash", "multiple", "rounding", "voucher"],
            &path,
        );
        let code = r.required(t, "code", &path, &span);
        let name = r
            .string(t, "name", &path)
            .map(|(s, _)| s)
            .unwrap_or_else(|| code.clone());
        let account = r.required(t, "account", &path, &span);
        let cash = r.boolean(t, "cash", &path, false);
        let multiple = r.boolean(t, "multiple", &path, false);
        let rounding = r.boolean(t, "rounding", &path, false);
        let voucher = r.boolean(t, "voucher", &path, false);
        if cash && rounding {
            r.error(span.clone(), path.clone(), crate::tr!("cfg-rounding-method-never-cash"));
        }
        spans.method.push(span);
        methods.push(PaymentMethod {
            code,
            name,
            account,
            cash,
            multiple,
            rounding,
            voucher,
        });
    }

    let mut sources = Vec::new();
    for (i, (t, span)) in r.tables(root, "source").into_iter().enumerate() {
        let path = format!("source[{i}]");
        sources.push(read_source(r, t, &span, &path));
        spans.source.push(span);
    }

    let mut daybooks = Vec::new();
    for (i, (t, span)) in r.tables(root, "daybook").into_iter().enumerate() {
        let path = format!("daybook[{i}]");
        let (book, s) = read_daybook(r, t, span, &path);
        daybooks.push(book);
        spans.daybook.push(s);
    }

    let mut journals = Vec::new();
    for (i, (t, span)) in r.tables(root, "cash_journal").into_iter().enumerate() {
        let path = format!("cash_journal[{i}]");
        let (j, s) = read_journal(r, t, span, &path, &dossier.currency);
        journals.push(j);
        spans.journal.push(s);
    }

    let language = match root.get("dossier").map(|v| v.get_ref()) {
        Some(DeValue::Table(t)) => match r.string(t, "language", "dossier") {
            Some((l, _)) if crate::i18n::LANGUAGES.contains(&l.as_str()) => Some(l),
            Some((l, sp)) => {
                r.error(
                    sp,
                    "dossier.language",
                    crate::tr!(
                        "cfg-not-one",
                        l = format!("{:?}", l),
                        languages = crate::i18n::LANGUAGES.join(", ")
                    ),
                );
                None
            }
            None => None,
        },
        _ => None,
    };
    let mut notify = Vec::new();
    for (i, (t, span)) in r.tables(root, "notify").into_iter().enumerate() {
        if let Some(n) = read_notify(r, t, span, &format!("notify[{i}]")) {
            notify.push(n);
        }
    }

    let store = match root.get("store") {
        Some(v) => match v.get_ref() {
            DeValue::Table(t) => read_store(r, t, v.span()),
            _ => {
                r.error(v.span(), "store", crate::tr!("cfg-expected-store-table"));
                None
            }
        },
        None => None,
    };

    Located {
        config: Config {
            dossier,
            categories,
            methods,
            sources,
            daybooks,
            journals,
            language,
            notify,
            store,
        },
        spans,
    }
}

/// `[store]`: a PostgreSQL URL without a password (it comes from `PGPASSWORD` or
/// `~/.pgpass`) and an optional schema name.
fn read_store(r: &mut Reader, t: &Table, span: Range<usize>) -> Option<StoreSpec> {
    let path = "store";
    r.unknown_keys(t, &["url", "schema"], path);
    let url = r.required(t, "url", path, &span);
    let url_span = t.get("url").map(|v| v.span()).unwrap_or(span.clone());
    let mut ok = !url.is_empty();
    if ok && !(url.starts_with("postgresql://") || url.starts_with("postgres://")) {
        r.error(url_span.clone(), "store.url", crate::tr!("pg-not-a-url"));
        ok = false;
    }
    if ok {
        match url::Url::parse(&url) {
            Err(e) => {
                r.error(
                    url_span.clone(),
                    "store.url",
                    crate::tr!("pg-bad-url", reason = e.to_string()),
                );
                ok = false;
            }
            Ok(u) if u.password().is_some() || u.query_pairs().any(|(k, _)| k == "password") => {
                r.error(url_span.clone(), "store.url", crate::tr!("cfg-store-password-in-file"));
                ok = false;
            }
            Ok(_) => {}
        }
    }
    let schema = r.string(t, "schema", path).and_then(|(s, sp)| {
        if valid_schema(&s) {
            Some(s)
        } else {
            r.error(
                sp,
                "store.schema",
                crate::tr!("pg-bad-schema", schema = format!("{s:?}")),
            );
            None
        }
    });
    ok.then_some(StoreSpec { url, schema })
}

fn default_dossier() -> Dossier {
    Dossier {
        name: String::new(),
        calendar: BusinessCalendar::default(),
        currency: "EUR".into(),
        country: "BE".into(),
        vat_number: String::new(),
        vat_account: "451000".into(),
        receivable_account: "400000".into(),
    }
}

fn read_dossier(r: &mut Reader, t: &Table, span: Range<usize>) -> Dossier {
    let path = "dossier";
    r.unknown_keys(
        t,
        &[
            "name",
            "timezone",
            "currency",
            "business_day_cutoff",
            "country",
            "vat_number",
            "vat_account",
            "receivable_account",
            "language",
        ],
        path,
    );
    let name = r.required(t, "name", path, &span);
    let mut calendar = BusinessCalendar::default();
    if let Some((tz, sp)) = r.string(t, "timezone", path) {
        match tz.parse::<chrono_tz::Tz>() {
            Ok(z) => calendar.timezone = z,
            Err(_) => r.error(
                sp,
                "dossier.timezone",
                crate::tr!("cfg-unknown-timezone", tz = format!("{:?}", tz)),
            ),
        }
    }
    if let Some((c, sp)) = r.string(t, "business_day_cutoff", path) {
        match NaiveTime::parse_from_str(&c, "%H:%M") {
            Ok(time) => calendar.cutoff = time,
            Err(_) => r.error(
                sp,
                "dossier.business_day_cutoff",
                crate::tr!("cfg-not-time-04-00", c = format!("{:?}", c)),
            ),
        }
    }
    let currency = read_currency(r, t, path).unwrap_or_else(|| "EUR".into());
    let country = match r.string(t, "country", path) {
        Some((c, _)) if c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()) => c,
        Some((c, sp)) => {
            r.error(
                sp,
                "dossier.country",
                crate::tr!("cfg-not-iso-3166-code", c = format!("{:?}", c)),
            );
            "BE".into()
        }
        None => "BE".into(),
    };
    let mut text = |key: &str, default: &str| r.string(t, key, path).map(|(s, _)| s).unwrap_or_else(|| default.into());
    let vat_number = text("vat_number", "");
    let vat_account = text("vat_account", "451000");
    let receivable_account = text("receivable_account", "400000");
    Dossier {
        name,
        calendar,
        currency,
        country,
        vat_number,
        vat_account,
        receivable_account,
    }
}

fn read_currency(r: &mut Reader, t: &Table, path: &str) -> Option<String> {
    let (c, sp) = r.string(t, "currency", path)?;
    if c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()) {
        Some(c)
    } else {
        r.error(
            sp,
            format!("{path}.currency"),
            crate::tr!("cfg-not-iso-4217-code", c = format!("{:?}", c)),
        );
        None
    }
}

fn read_dated_rates(r: &mut Reader, t: &Table, path: &str) -> Vec<(NaiveDate, Rate)> {
    let Some(v) = t.get("rates") else { return Vec::new() };
    let DeValue::Array(a) = v.get_ref() else {
        r.error(v.span(), format!("{path}.rates"), crate::tr!("cfg-expected-list"));
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, item) in a.iter().enumerate() {
        let p = format!("{path}.rates[{i}]");
        let DeValue::Table(rt) = item.get_ref() else {
            r.error(item.span(), p, crate::tr!("cfg-expected"));
            continue;
        };
        r.unknown_keys(rt, &["from", "rate"], &p);
        let from = r.date(rt, "from", &p);
        let rate = r
            .string(rt, "rate", &p)
            .map(|(s, sp)| r.rate(&s, sp, format!("{p}.rate")));
        match (from, rate) {
            (Some(f), Some(rate)) => out.push((f, rate)),
            _ => r.error(item.span(), p, crate::tr!("cfg-needs-both-from-and")),
        }
    }
    out
}

const SECRET_KEYS: &[&str] = &[
    "secret",
    "password",
    "client_secret",
    "refresh_token",
    "access_token",
    "token",
    "api_key",
];

fn read_source(r: &mut Reader, t: &Table, span: &Range<usize>, path: &str) -> Source {
    let name = r.required(t, "name", path, span);
    let kind_text = r.required(t, "kind", path, span);
    let kind = match kind_text.as_str() {
        "mplus" => SourceKind::Mplus,
        "lightspeed" => SourceKind::Lightspeed,
        "file" => SourceKind::File,
        "demo" => SourceKind::Demo,
        "" => SourceKind::File,
        other => {
            let sp = t.get("kind").map(|v| v.span()).unwrap_or(span.clone());
            r.error(
                sp,
                format!("{path}.kind"),
                crate::tr!("cfg-unknown-kind-expected-mplus", other = format!("{:?}", other)),
            );
            SourceKind::File
        }
    };
    let (known, required): (&[&str], &[&str]) = match kind {
        SourceKind::Mplus => (
            &["url", "ident", "secret_env", "secret_file", "timeout", "max_body_mb"],
            &["url", "ident"],
        ),
        SourceKind::Lightspeed => (
            &[
                "account_id",
                "client_id",
                "client_secret_env",
                "client_secret_file",
                "refresh_token_env",
                "location",
                "api_url",
                "token_url",
                "auth_url",
                "redirect_uri",
                "timeout",
                "max_body_mb",
            ],
            &["account_id", "client_id"],
        ),
        SourceKind::File => (&["path", "complete"], &[]),
        SourceKind::Demo => (&["protocol", "seed", "path"], &[]),
    };
    let mut settings = BTreeMap::new();
    for (k, v) in t.iter() {
        let key = k.get_ref().as_ref();
        if ["name", "kind", "interval"].contains(&key) {
            continue;
        }
        if SECRET_KEYS.contains(&key) {
            r.error(
                v.span(),
                format!("{path}.{key}"),
                crate::tr!("cfg-secret-written-config-file", key = key),
            );
            continue;
        }
        if !known.contains(&key) {
            r.error(
                k.span(),
                format!("{path}.{key}"),
                crate::tr!(
                    "cfg-unknown-field-for-source",
                    kind = kind.as_str(),
                    known = known.join(", ")
                ),
            );
            continue;
        }
        if let Some((s, _)) = r.string(t, key, path) {
            settings.insert(key.to_string(), s);
        }
    }
    for key in required {
        if !settings.contains_key(*key) && t.get(*key).is_none() {
            r.error(
                span.clone(),
                format!("{path}.{key}"),
                crate::tr!("cfg-missing-required-field-for", kind = kind.as_str()),
            );
        }
    }
    // A source's name becomes a file name (its token) and part of names in a database.
    if !name.is_empty() && (name.starts_with('.') || !name.chars().all(|c| c.is_alphanumeric() || "-_.".contains(c))) {
        let sp = t.get("name").map(|v| v.span()).unwrap_or(span.clone());
        r.error(
            sp,
            format!("{path}.name"),
            crate::tr!("cfg-source-name-chars", name = format!("{name:?}")),
        );
    }
    for (key, ok) in [
        (
            "timeout",
            settings
                .get("timeout")
                .is_none_or(|v| parse_interval(v).is_some_and(|s| s > 0)),
        ),
        (
            "max_body_mb",
            settings
                .get("max_body_mb")
                .is_none_or(|v| v.parse::<u64>().is_ok_and(|n| (1..=4096).contains(&n))),
        ),
    ] {
        if !ok {
            let sp = t.get(key).map(|v| v.span()).unwrap_or(span.clone());
            let value = settings.get(key).cloned().unwrap_or_default();
            r.error(
                sp,
                format!("{path}.{key}"),
                crate::tr!(
                    if key == "timeout" {
                        "cfg-bad-timeout"
                    } else {
                        "cfg-bad-max-body"
                    },
                    value = format!("{value:?}")
                ),
            );
        }
    }
    if let Some(c) = settings.get("complete") {
        if !["imported", crate::ledger::LATER_DOCUMENT].contains(&c.as_str()) {
            let sp = t.get("complete").map(|v| v.span()).unwrap_or(span.clone());
            r.error(
                sp,
                format!("{path}.complete"),
                crate::tr!("cfg-unknown-complete", value = format!("{c:?}")),
            );
        }
    }
    match kind {
        SourceKind::Mplus if !settings.contains_key("secret_env") && !settings.contains_key("secret_file") => {
            r.error(
                span.clone(),
                format!("{path}.secret_env"),
                crate::tr!("cfg-mplus-source-needs-secret"),
            );
        }
        SourceKind::Lightspeed
            if !settings.contains_key("client_secret_env") && !settings.contains_key("client_secret_file") =>
        {
            r.error(
                span.clone(),
                format!("{path}.client_secret_env"),
                crate::tr!("cfg-lightspeed-source-needs-client"),
            );
        }
        SourceKind::Demo => {
            if let Some(p) = settings.get("protocol") {
                if p != "mplus" && p != "lightspeed" {
                    let sp = t.get("protocol").map(|v| v.span()).unwrap_or(span.clone());
                    r.error(
                        sp,
                        format!("{path}.protocol"),
                        crate::tr!("cfg-expected-mplus-or-lightspeed"),
                    );
                }
            }
        }
        _ => {}
    }
    let interval_secs = match r.string(t, "interval", path) {
        None => 15 * 60,
        Some((s, sp)) => parse_interval(&s).unwrap_or_else(|| {
            r.error(
                sp,
                format!("{path}.interval"),
                crate::tr!("cfg-not-duration-15m-1h", s = format!("{:?}", s)),
            );
            15 * 60
        }),
    };
    Source {
        name,
        kind,
        interval_secs,
        settings,
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

fn read_mode(r: &mut Reader, t: &Table, key: &str, path: &str) -> Mode {
    match r.string(t, key, path) {
        None => Mode::Proposal,
        Some((s, sp)) => match s.as_str() {
            "immediate" => Mode::Immediate,
            "proposal" => Mode::Proposal,
            _ => {
                r.error(
                    sp,
                    format!("{path}.{key}"),
                    crate::tr!("cfg-expected-immediate-or-proposal"),
                );
                Mode::Proposal
            }
        },
    }
}

fn read_daybook(r: &mut Reader, t: &Table, span: Range<usize>, path: &str) -> (DayBook, DayBookSpans) {
    r.unknown_keys(
        t,
        &[
            "code",
            "name",
            "source",
            "start",
            "receipts",
            "payments",
            "manual_receipts",
            "invoices_from",
            "sync_payments",
            "overdue_days",
            "branches",
            "ignore_registers",
            "tips",
            "invoice_paid",
            "prepaid",
            "default_revenue_account",
            "auto_create_methods",
            "vat_map",
            "payment_map",
        ],
        path,
    );
    let mut s = DayBookSpans {
        table: span.clone(),
        ..DayBookSpans::default()
    };
    for (k, v) in t.iter() {
        s.fields.insert(k.get_ref().to_string(), v.span());
    }
    let code = r.required(t, "code", path, &span);
    let name = r
        .string(t, "name", path)
        .map(|(n, _)| n)
        .unwrap_or_else(|| code.clone());
    let source = r.required(t, "source", path, &span);
    let start = r.date(t, "start", path);
    if start.is_none() && t.get("start").is_none() {
        r.error(
            span.clone(),
            format!("{path}.start"),
            crate::tr!("cfg-missing-required-field"),
        );
    }
    let start = start.unwrap_or(NaiveDate::MIN);
    let invoices_from = r.date(t, "invoices_from", path).unwrap_or(start);
    let receipts = read_mode(r, t, "receipts", path);
    let payments = read_mode(r, t, "payments", path);
    let manual_receipts_blocked = match r.string(t, "manual_receipts", path) {
        None => false,
        Some((m, sp)) => match m.as_str() {
            "allow" => false,
            "block" => true,
            _ => {
                r.error(
                    sp,
                    format!("{path}.manual_receipts"),
                    crate::tr!("cfg-expected-allow-or-block"),
                );
                false
            }
        },
    };
    let sync_payments = r.boolean(t, "sync_payments", path, true);
    if !sync_payments && payments == Mode::Immediate {
        let sp = s.fields.get("payments").cloned().unwrap_or(span.clone());
        r.error(
            sp,
            format!("{path}.payments"),
            crate::tr!("cfg-with-sync-payments-false"),
        );
    }
    let overdue_days = match t.get("overdue_days") {
        None => 1,
        Some(v) => match v.get_ref() {
            DeValue::Integer(i) => i.as_str().parse::<u32>().unwrap_or_else(|_| {
                r.error(
                    v.span(),
                    format!("{path}.overdue_days"),
                    crate::tr!("cfg-expected-number-days-0"),
                );
                1
            }),
            _ => {
                r.error(
                    v.span(),
                    format!("{path}.overdue_days"),
                    crate::tr!("cfg-expected-number-days"),
                );
                1
            }
        },
    };
    let branches = match t.get("branches") {
        None => Branches::All,
        Some(v) => match v.get_ref() {
            DeValue::String(b) if b == "all" => Branches::All,
            DeValue::Array(_) => Branches::Only(
                r.string_list(t, "branches", path)
                    .unwrap_or_default()
                    .into_iter()
                    .collect(),
            ),
            _ => {
                r.error(
                    v.span(),
                    format!("{path}.branches"),
                    crate::tr!("cfg-expected-all-or-list"),
                );
                Branches::All
            }
        },
    };
    let ignore_registers = r
        .string_list(t, "ignore_registers", path)
        .unwrap_or_default()
        .into_iter()
        .collect();
    let tips = match t.get("tips") {
        None => Tips::SubtractFromCash,
        Some(v) => match v.get_ref() {
            DeValue::String(x) if x == "subtract_from_cash" => Tips::SubtractFromCash,
            DeValue::Table(tt) => {
                let p = format!("{path}.tips");
                r.unknown_keys(tt, &["category"], &p);
                Tips::Category(r.required(tt, "category", &p, &v.span()))
            }
            _ => {
                r.error(
                    v.span(),
                    format!("{path}.tips"),
                    crate::tr!("cfg-expected-subtract-from-cash"),
                );
                Tips::SubtractFromCash
            }
        },
    };
    let invoice_paid = r.string(t, "invoice_paid", path).map(|(x, _)| x);
    let prepaid = r.string(t, "prepaid", path).map(|(x, _)| x);
    let default_revenue_account = r.string(t, "default_revenue_account", path).map(|(x, _)| x);
    let auto_create_methods = r.boolean(t, "auto_create_methods", path, false);

    let mut vat_map = BTreeMap::new();
    if let Some(v) = t.get("vat_map") {
        match v.get_ref() {
            DeValue::Table(m) => {
                for (k, val) in m.iter() {
                    let key = k.get_ref().to_string();
                    s.vat_map.insert(key.clone(), val.span());
                    match val.get_ref() {
                        DeValue::String(c) if c == "ignore" => {
                            vat_map.insert(key, CategoryTarget::Ignore);
                        }
                        DeValue::String(c) => {
                            vat_map.insert(key, CategoryTarget::Category(c.to_string()));
                        }
                        _ => r.error(
                            val.span(),
                            format!("{path}.vat_map.{key:?}"),
                            crate::tr!("cfg-expected-category-code"),
                        ),
                    }
                }
            }
            _ => r.error(
                v.span(),
                format!("{path}.vat_map"),
                crate::tr!("cfg-expected-daybook-vat-map"),
            ),
        }
    }
    let mut payment_map = BTreeMap::new();
    if let Some(v) = t.get("payment_map") {
        match v.get_ref() {
            DeValue::Table(m) => {
                for (k, val) in m.iter() {
                    let key = k.get_ref().to_string();
                    s.payment_map.insert(key.clone(), val.span());
                    let field = format!("{path}.payment_map.{key:?}");
                    match read_method_target(r, val, &field) {
                        Some(target) => {
                            payment_map.insert(key, target);
                        }
                        None => continue,
                    }
                }
            }
            _ => r.error(
                v.span(),
                format!("{path}.payment_map"),
                crate::tr!("cfg-expected-daybook-payment-map"),
            ),
        }
    }
    let book = DayBook {
        code,
        name,
        source,
        start,
        receipts,
        payments,
        manual_receipts_blocked,
        invoices_from,
        sync_payments,
        overdue_days,
        branches,
        ignore_registers,
        tips,
        invoice_paid,
        prepaid,
        default_revenue_account,
        auto_create_methods,
        vat_map,
        payment_map,
    };
    (book, s)
}

fn read_method_target(r: &mut Reader, val: &Value, field: &str) -> Option<MethodTarget> {
    match val.get_ref() {
        DeValue::String(c) if c == "ignore" => Some(MethodTarget::Ignore),
        DeValue::String(c) => Some(MethodTarget::Method {
            code: c.to_string(),
            ignore_on_invoice: false,
        }),
        DeValue::Table(mt) => {
            r.unknown_keys(mt, &["method", "ignore_on_invoice"], field);
            let code = r.required(mt, "method", field, &val.span());
            let ignore_on_invoice = r.boolean(mt, "ignore_on_invoice", field, false);
            Some(MethodTarget::Method {
                code,
                ignore_on_invoice,
            })
        }
        _ => {
            r.error(
                val.span(),
                field.to_string(),
                crate::tr!("cfg-expected-method-code-ignore"),
            );
            None
        }
    }
}

fn read_journal(
    r: &mut Reader,
    t: &Table,
    span: Range<usize>,
    path: &str,
    dossier_currency: &str,
) -> (CashJournal, JournalSpans) {
    r.unknown_keys(
        t,
        &[
            "code",
            "daybook",
            "drawers",
            "currency",
            "account",
            "diff_debit_account",
            "diff_credit_account",
            "cash_deposit_account",
            "bank_deposit_account",
            "opening_balance",
        ],
        path,
    );
    let mut s = JournalSpans {
        table: span.clone(),
        ..JournalSpans::default()
    };
    for (k, v) in t.iter() {
        s.fields.insert(k.get_ref().to_string(), v.span());
    }
    let code = r.required(t, "code", path, &span);
    let daybook = r.required(t, "daybook", path, &span);
    let drawers = r.string_list(t, "drawers", path).unwrap_or_else(|| vec!["0".into()]);
    if drawers.is_empty() {
        r.error(
            span.clone(),
            format!("{path}.drawers"),
            crate::tr!("cfg-needs-at-least-one"),
        );
    }
    let currency = read_currency(r, t, path).unwrap_or_else(|| dossier_currency.to_string());
    let account = r.required(t, "account", path, &span);
    let diff_debit_account = r.required(t, "diff_debit_account", path, &span);
    let diff_credit_account = r.required(t, "diff_credit_account", path, &span);
    let cash_deposit_account = r.required(t, "cash_deposit_account", path, &span);
    let bank_deposit_account = r.required(t, "bank_deposit_account", path, &span);
    let mut opening = BTreeMap::new();
    match t.get("opening_balance") {
        None => r.error(
            span.clone(),
            format!("{path}.opening_balance"),
            crate::tr!("cfg-missing-required-field"),
        ),
        Some(v) => match v.get_ref() {
            DeValue::String(a) => {
                let amount = r.amount(a, v.span(), format!("{path}.opening_balance"));
                if drawers.len() > 1 {
                    r.warning(
                        v.span(),
                        format!("{path}.opening_balance"),
                        crate::tr!(
                            "cfg-one-amount-for-drawers",
                            drawers_count = drawers.len(),
                            drawers_first = format!("{:?}", drawers[0])
                        ),
                    );
                }
                for (i, d) in drawers.iter().enumerate() {
                    opening.insert(d.clone(), if i == 0 { amount } else { Decimal::ZERO });
                }
            }
            DeValue::Table(m) => {
                for d in &drawers {
                    opening.insert(d.clone(), Decimal::ZERO);
                }
                for (k, val) in m.iter() {
                    let drawer = k.get_ref().to_string();
                    let field = format!("{path}.opening_balance.{drawer:?}");
                    if !drawers.contains(&drawer) {
                        r.error(
                            k.span(),
                            field.clone(),
                            crate::tr!("cfg-drawer-not-drawers", drawer = format!("{:?}", drawer)),
                        );
                    }
                    match val.get_ref() {
                        DeValue::String(a) => {
                            let amount = r.amount(a, val.span(), field);
                            opening.insert(drawer, amount);
                        }
                        _ => r.error(val.span(), field, crate::tr!("cfg-expected-amount-200-00")),
                    }
                }
            }
            _ => r.error(
                v.span(),
                format!("{path}.opening_balance"),
                crate::tr!("cfg-expected-amount-250-00"),
            ),
        },
    }
    for (d, a) in &opening {
        if a.is_sign_negative() && !a.is_zero() {
            let sp = s.fields.get("opening_balance").cloned().unwrap_or(span.clone());
            r.error(
                sp,
                format!("{path}.opening_balance"),
                crate::tr!("cfg-drawer-opens-negative-cash", d = format!("{:?}", d)),
            );
        }
    }
    let journal = CashJournal {
        code,
        daybook,
        drawers,
        currency,
        account,
        diff_debit_account,
        diff_credit_account,
        cash_deposit_account,
        bank_deposit_account,
        opening,
    };
    (journal, s)
}

/// Cross-references: duplicates, maps to unknown codes, drawers, cash accounts.
fn check_references(r: &mut Reader, located: &Located) {
    let c = &located.config;
    let sp = &located.spans;
    duplicates(
        r,
        c.categories.iter().map(|x| x.code.as_str()),
        &sp.category,
        "vat_category",
        &crate::tr!("cfg-category-code"),
    );
    duplicates(
        r,
        c.methods.iter().map(|x| x.code.as_str()),
        &sp.method,
        "payment_method",
        &crate::tr!("cfg-method-code"),
    );
    duplicates(
        r,
        c.sources.iter().map(|x| x.name.as_str()),
        &sp.source,
        "source",
        &crate::tr!("cfg-source-name"),
    );
    let book_spans: Vec<_> = sp.daybook.iter().map(|s| s.table.clone()).collect();
    duplicates(
        r,
        c.daybooks.iter().map(|x| x.code.as_str()),
        &book_spans,
        "daybook",
        &crate::tr!("cfg-day-book-code"),
    );
    let journal_spans: Vec<_> = sp.journal.iter().map(|s| s.table.clone()).collect();
    duplicates(
        r,
        c.journals.iter().map(|x| x.code.as_str()),
        &journal_spans,
        "cash_journal",
        &crate::tr!("cfg-cash-journal-listed-twice"),
    );

    let categories: BTreeSet<&str> = c.categories.iter().map(|x| x.code.as_str()).collect();
    let methods: BTreeSet<&str> = c.methods.iter().map(|x| x.code.as_str()).collect();

    for (i, (book, s)) in c.daybooks.iter().zip(&sp.daybook).enumerate() {
        let path = format!("daybook[{i}]");
        let field_span = |k: &str| s.fields.get(k).cloned().unwrap_or(s.table.clone());
        if !book.source.is_empty() && c.source(&book.source).is_none() {
            r.error(
                field_span("source"),
                format!("{path}.source"),
                crate::tr!("cfg-unknown-source", source = format!("{:?}", book.source)),
            );
        }
        for (key, target) in &book.vat_map {
            if let CategoryTarget::Category(code) = target {
                if !categories.contains(code.as_str()) {
                    r.error(
                        s.vat_map[key].clone(),
                        format!("{path}.vat_map.{key:?}"),
                        crate::tr!("cfg-unknown-vat-category", code = format!("{:?}", code)),
                    );
                }
            }
        }
        for (key, target) in &book.payment_map {
            if let MethodTarget::Method { code, .. } = target {
                if !methods.contains(code.as_str()) {
                    r.error(
                        s.payment_map[key].clone(),
                        format!("{path}.payment_map.{key:?}"),
                        crate::tr!("cfg-unknown-payment-method", code = format!("{:?}", code)),
                    );
                }
            }
        }
        if let Tips::Category(code) = &book.tips {
            if !categories.contains(code.as_str()) {
                r.error(
                    field_span("tips"),
                    format!("{path}.tips.category"),
                    crate::tr!("cfg-unknown-vat-category", code = format!("{:?}", code)),
                );
            }
        }
        for key in ["invoice_paid", "prepaid"] {
            let value = if key == "prepaid" {
                &book.prepaid
            } else {
                &book.invoice_paid
            };
            if let Some(code) = value {
                match c.method(code) {
                    None => r.error(
                        field_span(key),
                        format!("{path}.{key}"),
                        crate::tr!("cfg-unknown-payment-method", code = format!("{:?}", code)),
                    ),
                    Some(m) if key == "invoice_paid" && !m.multiple => r.warning(
                        field_span(key),
                        format!("{path}.{key}"),
                        crate::tr!("cfg-method-books-one-instance", code = format!("{:?}", code)),
                    ),
                    Some(_) => {}
                }
            }
        }
    }

    let mut drawer_owner: BTreeMap<(String, String, String), String> = BTreeMap::new();
    for (i, (j, s)) in c.journals.iter().zip(&sp.journal).enumerate() {
        let path = format!("cash_journal[{i}]");
        let field_span = |k: &str| s.fields.get(k).cloned().unwrap_or(s.table.clone());
        if !j.daybook.is_empty() && c.daybook(&j.daybook).is_none() {
            r.error(
                field_span("daybook"),
                format!("{path}.daybook"),
                crate::tr!("cfg-unknown-day-book", daybook = format!("{:?}", j.daybook)),
            );
        }
        for d in &j.drawers {
            let key = (j.daybook.clone(), j.currency.clone(), d.clone());
            if let Some(other) = drawer_owner.get(&key) {
                r.error(
                    field_span("drawers"),
                    format!("{path}.drawers"),
                    crate::tr!(
                        "cfg-drawer-already-cash-journal",
                        d = format!("{:?}", d),
                        other = format!("{:?}", other),
                        currency = j.currency
                    ),
                );
            } else {
                drawer_owner.insert(key, j.code.clone());
            }
        }
        // Mercator's warning: cash is posted once, on the cash journal's account.
        if let Some(book) = c.daybook(&j.daybook).filter(|_| j.currency == c.dossier.currency) {
            let mut seen = BTreeSet::new();
            for target in book.payment_map.values() {
                if let MethodTarget::Method { code, .. } = target {
                    if let Some(m) = c.method(code) {
                        if m.cash && m.account != j.account && seen.insert(code.clone()) {
                            let mi = c.methods.iter().position(|x| x.code == *code).unwrap_or(0);
                            r.warning(
                                sp.method.get(mi).cloned().unwrap_or(s.table.clone()),
                                format!("payment_method[{mi}].account"),
                                crate::tr!(
                                    "cfg-cash-method-books-but",
                                    code = format!("{:?}", code),
                                    account = m.account,
                                    code2 = format!("{:?}", j.code),
                                    account2 = j.account
                                ),
                            );
                        }
                    }
                }
            }
        }
    }
}

fn duplicates<'a>(
    r: &mut Reader,
    codes: impl Iterator<Item = &'a str>,
    spans: &[Range<usize>],
    section: &str,
    what: &str,
) {
    let mut seen = BTreeMap::new();
    for (i, code) in codes.enumerate() {
        if code.is_empty() {
            continue;
        }
        if let Some(first) = seen.insert(code, i) {
            r.error(
                spans.get(i).cloned().unwrap_or(0..0),
                format!("{section}[{i}].code"),
                crate::tr!(
                    "cfg-used-twice-first",
                    what = what,
                    code = format!("{:?}", code),
                    section = section,
                    first = first
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub const EXAMPLE: &str = include_str!("../../tests/data/dagkas.toml");

    fn errors(text: &str) -> Vec<String> {
        match parse(text) {
            Ok((_, w)) => panic!("accepted, warnings: {w:?}"),
            Err(p) => p.iter().map(|p| p.render("dagkas.toml", text)).collect(),
        }
    }

    #[test]
    fn the_spec_example_parses_with_defaults() {
        let (c, _warnings) = parse(EXAMPLE).expect("example config is valid");
        assert_eq!(c.dossier.name, "Bakkerij Peeters");
        let book = c.daybook("DO1").unwrap();
        assert_eq!(book.overdue_days, 1);
        assert_eq!(book.tips, Tips::SubtractFromCash);
        assert_eq!(
            book.payment_map["OVERSCHRIJVING"],
            MethodTarget::Method {
                code: "OVS".into(),
                ignore_on_invoice: true
            }
        );
        assert_eq!(book.payment_map["OP FACTUUR"], MethodTarget::Ignore);
        let j = &c.journals[0];
        assert_eq!(j.opening["0"].to_string(), "250.00");
        assert_eq!(j.currency, "EUR");
    }

    #[test]
    fn missing_cash_journal_field_is_named_with_its_line() {
        let text = EXAMPLE.replace("diff_debit_account = \"657100\"\n", "");
        let errs = errors(&text);
        let line = text.lines().position(|l| l.starts_with("[[cash_journal]]")).unwrap() + 1;
        assert!(
            errs.contains(&format!(
                "dagkas.toml:{line}: error: cash_journal[0].diff_debit_account: missing required field"
            )),
            "{errs:?}"
        );
    }

    #[test]
    fn every_problem_is_reported_not_just_the_first() {
        let text = EXAMPLE
            .replace("account = \"570000\"\ndiff", "diff")
            .replace("\"EFT\" = \"BC\"", "\"EFT\" = \"NOPE\"")
            .replace("timezone = \"Europe/Brussels\"", "timezone = \"Mars/Olympus\"");
        let errs = errors(&text);
        assert!(
            errs.iter()
                .any(|e| e.contains("cash_journal[0].account: missing required field")),
            "{errs:?}"
        );
        assert!(
            errs.iter().any(|e| e.contains("unknown payment method \"NOPE\"")),
            "{errs:?}"
        );
        assert!(errs.iter().any(|e| e.contains("unknown timezone")), "{errs:?}");
    }

    #[test]
    fn a_secret_in_the_file_is_refused() {
        let text = EXAMPLE.replace("secret_env = \"DAGKAS_MPLUS_SECRET\"", "secret = \"hunter2\"");
        let errs = errors(&text);
        assert!(
            errs.iter()
                .any(|e| e.contains("source[0].secret: a secret is written in the config file")),
            "{errs:?}"
        );
        assert!(
            !errs.iter().any(|e| e.contains("hunter2")),
            "the secret is echoed: {errs:?}"
        );
    }

    #[test]
    fn code_used_twice_and_journal_listed_twice() {
        let journal = &EXAMPLE[EXAMPLE.find("[[cash_journal]]").unwrap()..];
        let text = format!("{EXAMPLE}\n{journal}");
        let errs = errors(&text);
        assert!(
            errs.iter()
                .any(|e| e.contains("cash journal (listed twice in this dossier) \"KAS1\" used twice")),
            "{errs:?}"
        );
        assert!(
            errs.iter()
                .any(|e| e.contains("drawer \"0\" is already in cash journal \"KAS1\"")),
            "{errs:?}"
        );
    }

    #[test]
    fn sync_payments_off_requires_payment_proposals() {
        let text = EXAMPLE
            .replace("sync_payments = true", "sync_payments = false")
            .replace("payments = \"proposal\"", "payments = \"immediate\"");
        let errs = errors(&text);
        assert!(
            errs.iter().any(|e| e.contains("payments must be \"proposal\"")),
            "{errs:?}"
        );
    }

    #[test]
    fn cash_method_on_another_account_is_a_warning() {
        let text = EXAMPLE.replacen(
            "account = \"570000\"\ncash = true",
            "account = \"570001\"\ncash = true",
            1,
        );
        let (_, warnings) = parse(&text).expect("only a warning");
        assert!(
            warnings.iter().any(|w| w.message.contains("cash is posted once")),
            "{warnings:?}"
        );
    }

    #[test]
    fn unknown_field_is_an_error() {
        let text = EXAMPLE.replace("overdue_days = 1", "overdue_dayz = 1");
        let errs = errors(&text);
        assert!(
            errs.iter()
                .any(|e| e.contains("daybook[0].overdue_dayz: unknown field")),
            "{errs:?}"
        );
    }

    #[test]
    fn dated_rates_apply_from_their_date() {
        let text = EXAMPLE.replace(
            "rate = \"21\"",
            "rate = \"21\"\nrates = [{ from = \"2027-01-01\", rate = \"22\" }]",
        );
        let (c, _) = parse(&text).unwrap();
        let cat = c.category("V21").unwrap();
        assert_eq!(
            cat.rate_on("2026-12-31".parse().unwrap()),
            Rate::Percent(Decimal::from(21))
        );
        assert_eq!(
            cat.rate_on("2027-01-01".parse().unwrap()),
            Rate::Percent(Decimal::from(22))
        );
    }

    #[test]
    fn interval_parses() {
        assert_eq!(parse_interval("15m"), Some(900));
        assert_eq!(parse_interval("1h"), Some(3600));
        assert_eq!(parse_interval("0s"), None);
        assert_eq!(parse_interval("m"), None);
    }
}
