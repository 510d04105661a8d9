//! R21: the invoice register. Sales invoices are kept apart from day turnover; each line
//! books on the GL account of its revenue group, debtors are matched by e-mail.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::book::vat_of;
use super::config::{Branches, CategoryTarget, Config, DayBook, Rate};
use super::document::{self, Invoice, InvoicePayment};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Debtor {
    pub number: String,
    pub name: String,
    pub email: String,
}

/// Who ignored an invoice, when and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IgnoreNote {
    pub reason: String,
    pub author: String,
    pub at: DateTime<Utc>,
}

/// Debtors by match key, ignored invoices and booking-date overrides (kept in the store).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceState {
    pub debtors: BTreeMap<String, Debtor>,
    pub ignored: BTreeMap<String, IgnoreNote>,
    pub booking_dates: BTreeMap<String, NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceLineView {
    pub vat: String,
    pub category: Option<String>,
    pub rate: String,
    #[serde(with = "super::money::as_string")]
    pub incl: Decimal,
    #[serde(with = "super::money::as_string")]
    pub vat_amount: Decimal,
    #[serde(with = "super::money::as_string")]
    pub excl: Decimal,
    pub account: String,
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    Open,
    PartlyPaid,
    Paid,
    Ignored,
}

impl InvoiceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            InvoiceStatus::Open => "open",
            InvoiceStatus::PartlyPaid => "partly paid",
            InvoiceStatus::Paid => "paid",
            InvoiceStatus::Ignored => "ignored",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceView {
    pub id: String,
    pub book: String,
    pub branch: String,
    pub date: NaiveDate,
    pub booking_date: NaiveDate,
    pub debtor: Debtor,
    pub lines: Vec<InvoiceLineView>,
    #[serde(with = "super::money::as_string")]
    pub incl: Decimal,
    #[serde(with = "super::money::as_string")]
    pub vat: Decimal,
    #[serde(with = "super::money::as_string")]
    pub excl: Decimal,
    #[serde(with = "super::money::as_string")]
    pub paid: Decimal,
    pub status: InvoiceStatus,
    pub ignored: Option<IgnoreNote>,
}

/// Debtors match on e-mail, trimmed and case-insensitive; without e-mail on the name.
pub fn debtor_key(d: &document::Debtor) -> String {
    let email = d.email.trim().to_lowercase();
    if email.is_empty() {
        format!("name:{}", d.name.trim().to_lowercase())
    } else {
        format!("email:{email}")
    }
}

/// `8000 Omzet algemeen` → (`8000`, `Omzet algemeen`): the account is the first word.
pub fn split_revenue_group(group: &str) -> (String, String) {
    let g = group.trim();
    match g.split_once(char::is_whitespace) {
        Some((acc, desc)) => (acc.to_string(), desc.trim().to_string()),
        None => (g.to_string(), String::new()),
    }
}

/// The GL account of an invoice line: its revenue group, else the day book's default.
pub fn line_account(group: Option<&str>, default: Option<&str>) -> (String, String) {
    match group.filter(|g| !g.trim().is_empty()).or(default) {
        Some(g) => split_revenue_group(g),
        None => ("unassigned".into(), String::new()),
    }
}

/// Debtors of these invoices not yet known, numbered after the existing ones.
pub fn new_debtors(invoices: &[&Invoice], known: &BTreeMap<String, Debtor>) -> Vec<(String, Debtor)> {
    let mut sorted: Vec<&&Invoice> = invoices.iter().collect();
    sorted.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let mut next = known.len() + 1;
    let mut out: Vec<(String, Debtor)> = Vec::new();
    for inv in sorted {
        let key = debtor_key(&inv.debtor);
        if known.contains_key(&key) || out.iter().any(|(k, _)| *k == key) {
            continue;
        }
        out.push((
            key,
            Debtor {
                number: format!("D{next:04}"),
                name: inv.debtor.name.trim().to_string(),
                email: inv.debtor.email.trim().to_string(),
            },
        ));
        next += 1;
    }
    out
}

fn selected(book: &DayBook, branch: &str) -> bool {
    match &book.branches {
        Branches::All => true,
        Branches::Only(set) => set.contains(branch),
    }
}

/// The register of a day book: invoices dated from `invoices_from`, in date order.
pub fn register(
    config: &Config,
    book: &DayBook,
    invoices: &[&Invoice],
    payments: &[&InvoicePayment],
    state: &InvoiceState,
) -> Vec<InvoiceView> {
    let mut paid: BTreeMap<&str, Decimal> = BTreeMap::new();
    for p in payments {
        *paid.entry(p.invoice.as_str()).or_default() += p.amount;
    }
    let mut out = Vec::new();
    for inv in invoices
        .iter()
        .filter(|i| i.date >= book.invoices_from && selected(book, &i.branch))
    {
        let booking_date = state
            .booking_dates
            .get(inv.id.as_str())
            .copied()
            .or(inv.booking_date)
            .unwrap_or(inv.date);
        let lines: Vec<InvoiceLineView> = inv
            .lines
            .iter()
            .map(|l| {
                let category = match book.vat_map.get(l.vat.as_str()) {
                    Some(CategoryTarget::Category(c)) => Some(c.clone()),
                    _ => None,
                };
                let rate = category
                    .as_deref()
                    .and_then(|c| config.category(c))
                    .map_or(Rate::NotApplicable, |c| c.rate_on(inv.date));
                let vat_amount = match (l.vat_amount, rate) {
                    (Some(v), _) => v,
                    (None, Rate::Percent(p)) => vat_of(l.amount, p),
                    (None, Rate::NotApplicable) => Decimal::ZERO,
                };
                let (account, description) =
                    line_account(l.revenue_group.as_deref(), book.default_revenue_account.as_deref());
                InvoiceLineView {
                    vat: l.vat.to_string(),
                    category,
                    rate: rate.to_string(),
                    incl: l.amount,
                    vat_amount,
                    excl: l.amount - vat_amount,
                    account,
                    description,
                }
            })
            .collect();
        let incl: Decimal = lines.iter().map(|l| l.incl).sum();
        let vat: Decimal = lines.iter().map(|l| l.vat_amount).sum();
        let paid = paid.get(inv.id.as_str()).copied().unwrap_or_default();
        let ignored = state.ignored.get(inv.id.as_str()).cloned();
        let status = if ignored.is_some() {
            InvoiceStatus::Ignored
        } else if paid.is_zero() {
            InvoiceStatus::Open
        } else if paid >= incl {
            InvoiceStatus::Paid
        } else {
            InvoiceStatus::PartlyPaid
        };
        let debtor = state
            .debtors
            .get(&debtor_key(&inv.debtor))
            .cloned()
            .unwrap_or_else(|| Debtor {
                number: String::new(),
                name: inv.debtor.name.to_string(),
                email: inv.debtor.email.to_string(),
            });
        out.push(InvoiceView {
            id: inv.id.to_string(),
            book: book.code.clone(),
            branch: inv.branch.to_string(),
            date: inv.date,
            booking_date,
            debtor,
            lines,
            incl,
            vat,
            excl: incl - vat,
            paid,
            status,
            ignored,
        });
    }
    out.sort_by(|a, b| (a.booking_date, &a.id).cmp(&(b.booking_date, &b.id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revenue_group_gives_the_account() {
        assert_eq!(
            split_revenue_group("8000 Omzet algemeen"),
            ("8000".into(), "Omzet algemeen".into())
        );
        assert_eq!(line_account(None, Some("8010 Diensten")).0, "8010");
        assert_eq!(line_account(Some("  "), Some("8010 Diensten")).0, "8010");
        assert_eq!(line_account(None, None).0, "unassigned");
    }

    #[test]
    fn debtors_match_on_trimmed_lowercase_email() {
        let a = document::Debtor {
            name: "Janssens BV".into(),
            email: " Boekhouding@Janssens.be ".into(),
        };
        let b = document::Debtor {
            name: "Janssens".into(),
            email: "boekhouding@janssens.be".into(),
        };
        assert_eq!(debtor_key(&a), debtor_key(&b));
    }
}
