//! POS documents (SPEC §3): one JSON object per line, normalised from every POS.
//! Parsing refuses what a bookkeeper could not trust: floats, a third decimal,
//! a time without offset, a ticket that does not balance.

use chrono::{DateTime, FixedOffset, NaiveDate};
use compact_str::CompactString;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::calendar::BusinessCalendar;
use super::money::{as_string, opt_string};
use super::text::Text;

/// A moment with the offset the POS wrote (RFC 3339).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Moment(pub DateTime<FixedOffset>);

impl Serialize for Moment {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        super::money::with_text(d, "an RFC 3339 time as a text", parse_moment)
    }
}

/// RFC 3339 with an explicit offset; a local time without one is ambiguous and refused.
pub fn parse_moment(text: &str) -> Result<Moment, Text> {
    DateTime::parse_from_rfc3339(text)
        .map(Moment)
        .map_err(|_| crate::text!("doc-time-not-rfc-3339", text = format!("{:?}", text)))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    /// The POS VAT group code (`"giftcard"` for a voucher sale).
    pub vat: CompactString,
    #[serde(with = "as_string")]
    pub amount: Decimal,
    #[serde(default, with = "opt_string", skip_serializing_if = "Option::is_none")]
    pub vat_amount: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payment {
    /// The POS payment method id.
    pub method: CompactString,
    #[serde(with = "as_string")]
    pub amount: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<CompactString>,
    #[serde(default, with = "opt_string", skip_serializing_if = "Option::is_none")]
    pub foreign_amount: Option<Decimal>,
}

fn default_drawer() -> CompactString {
    "0".into()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ticket {
    pub id: CompactString,
    #[serde(default)]
    pub branch: CompactString,
    #[serde(default)]
    pub register: CompactString,
    #[serde(default = "default_drawer")]
    pub drawer: CompactString,
    pub time: Moment,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub financial_date: Option<NaiveDate>,
    #[serde(default)]
    pub lines: Vec<Line>,
    #[serde(default)]
    pub payments: Vec<Payment>,
    #[serde(default, with = "as_string")]
    pub tip: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<CompactString>,
    /// R14: the part of this ticket paid by earlier order prepayments.
    #[serde(default, with = "opt_string", skip_serializing_if = "Option::is_none")]
    pub prepaid: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Void {
    /// The id of the withdrawn document.
    pub id: CompactString,
    pub time: Moment,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderPayment {
    pub id: CompactString,
    pub order: CompactString,
    #[serde(default)]
    pub branch: CompactString,
    #[serde(default)]
    pub register: CompactString,
    #[serde(default = "default_drawer")]
    pub drawer: CompactString,
    pub time: Moment,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub financial_date: Option<NaiveDate>,
    pub payments: Vec<Payment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Debtor {
    pub name: CompactString,
    #[serde(default)]
    pub email: CompactString,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvoiceLine {
    pub vat: CompactString,
    #[serde(with = "as_string")]
    pub amount: Decimal,
    #[serde(default, with = "opt_string", skip_serializing_if = "Option::is_none")]
    pub vat_amount: Option<Decimal>,
    /// `[account] [description]`, e.g. `8000 Omzet algemeen` (R21).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revenue_group: Option<CompactString>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Invoice {
    pub id: CompactString,
    #[serde(default)]
    pub branch: CompactString,
    pub date: NaiveDate,
    /// Overrides the booking date (R21: invoice date unless overridden).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booking_date: Option<NaiveDate>,
    pub debtor: Debtor,
    pub lines: Vec<InvoiceLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvoicePayment {
    pub id: CompactString,
    pub invoice: CompactString,
    #[serde(default)]
    pub branch: CompactString,
    #[serde(default)]
    pub register: CompactString,
    #[serde(default = "default_drawer")]
    pub drawer: CompactString,
    pub time: Moment,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub financial_date: Option<NaiveDate>,
    pub method: CompactString,
    #[serde(with = "as_string")]
    pub amount: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<CompactString>,
    #[serde(default, with = "opt_string", skip_serializing_if = "Option::is_none")]
    pub foreign_amount: Option<Decimal>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CashKind {
    OpenCount,
    CloseCount,
    CashIn,
    Expense,
    BankDeposit,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CashEvent {
    pub id: CompactString,
    #[serde(default = "default_drawer")]
    pub drawer: CompactString,
    pub time: Moment,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub financial_date: Option<NaiveDate>,
    pub kind: CashKind,
    /// A count: the counted amount; a movement: its size (always ≥ 0).
    #[serde(with = "as_string")]
    pub amount: Decimal,
    /// The counterpart account of an expense.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<CompactString>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<CompactString>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Document {
    Ticket(Ticket),
    Void(Void),
    OrderPayment(OrderPayment),
    Invoice(Invoice),
    InvoicePayment(InvoicePayment),
    Cash(CashEvent),
}

impl Document {
    pub fn id(&self) -> &str {
        match self {
            Document::Ticket(t) => &t.id,
            Document::Void(v) => &v.id,
            Document::OrderPayment(o) => &o.id,
            Document::Invoice(i) => &i.id,
            Document::InvoicePayment(p) => &p.id,
            Document::Cash(c) => &c.id,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Document::Ticket(_) => "ticket",
            Document::Void(_) => "void",
            Document::OrderPayment(_) => "order_payment",
            Document::Invoice(_) => "invoice",
            Document::InvoicePayment(_) => "invoice_payment",
            Document::Cash(_) => "cash",
        }
    }

    /// Read the fields of a document of a known kind (the `type` already taken off).
    pub fn deserialize_kind<'de, D: Deserializer<'de>>(kind: &str, d: D) -> Result<Document, D::Error> {
        match kind {
            "ticket" => Ticket::deserialize(d).map(Document::Ticket),
            "void" => Void::deserialize(d).map(Document::Void),
            "order_payment" => OrderPayment::deserialize(d).map(Document::OrderPayment),
            "invoice" => Invoice::deserialize(d).map(Document::Invoice),
            "invoice_payment" => InvoicePayment::deserialize(d).map(Document::InvoicePayment),
            "cash" => CashEvent::deserialize(d).map(Document::Cash),
            other => Err(serde::de::Error::custom(crate::text!(
                "doc-unknown-document-type",
                other = format!("{:?}", other)
            ))),
        }
    }

    /// The event time, for ordering within a day.
    pub fn time(&self) -> Option<Moment> {
        match self {
            Document::Ticket(t) => Some(t.time),
            Document::Void(v) => Some(v.time),
            Document::OrderPayment(o) => Some(o.time),
            Document::Invoice(_) => None,
            Document::InvoicePayment(p) => Some(p.time),
            Document::Cash(c) => Some(c.time),
        }
    }

    /// The business date: `financial_date`, else `time` shifted by the cutoff; invoices use
    /// their `date`. A void has none of its own: it acts on its document's date.
    pub fn business_date(&self, cal: &BusinessCalendar) -> Option<NaiveDate> {
        let (fin, time) = match self {
            Document::Ticket(t) => (t.financial_date, t.time),
            Document::OrderPayment(o) => (o.financial_date, o.time),
            Document::InvoicePayment(p) => (p.financial_date, p.time),
            Document::Cash(c) => (c.financial_date, c.time),
            Document::Invoice(i) => return Some(i.date),
            Document::Void(_) => return None,
        };
        Some(fin.unwrap_or_else(|| cal.business_date(&time.0)))
    }
}

/// Why one line of a JSONL file was refused.
pub type LineError = Text;

/// Parse and check one JSONL line.
pub fn parse_line(bytes: &[u8]) -> Result<Document, LineError> {
    let text = std::str::from_utf8(bytes).map_err(|e| crate::text!("doc-invalid-utf-8-at", byte = e.valid_up_to()))?;
    // The common case in one step; any refusal is worded by the careful path below.
    if let Ok(doc) = parse_fast(text) {
        if check(&doc).is_ok() {
            return Ok(doc);
        }
    }
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| Text::from(format!("invalid JSON: {}", strip_position(&e.to_string()))))?;
    // A JSON value keeps the last of two equal keys; which amount was meant is unknowable.
    no_duplicate_keys(text)?;
    let kind = value
        .get("type")
        .ok_or_else(|| crate::text!("doc-missing-field-type"))?
        .as_str()
        .ok_or_else(|| crate::text!("doc-field-type-must-be"))?
        .to_string();
    if value.get("id").is_none() {
        return Err(Text::from(format!("{kind}: missing field `id`")));
    }
    let doc: Document = serde_json::from_value(value).map_err(|e| {
        let msg = strip_position(&e.to_string());
        if msg.starts_with("unknown variant") {
            crate::text!("doc-unknown-document-type-expected", kind = format!("{:?}", kind))
        } else {
            Text::from(format!("{kind}: {msg}"))
        }
    })?;
    check(&doc).map_err(|e| e.at(format!("{kind} {:?}", doc.id())))?;
    Ok(doc)
}

/// A line whose first field is `type`, decoded straight into its document type (no
/// buffering of the fields, as a tag found anywhere would need). Any other line, and any
/// error, is left to the careful path.
fn parse_fast(text: &str) -> Result<Document, serde_json::Error> {
    use serde::de::value::MapAccessDeserializer;
    use serde::de::{Error, MapAccess, Visitor};

    struct TypeFirst;
    impl<'de> Visitor<'de> for TypeFirst {
        type Value = Document;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a document object with `type` first")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
            if map.next_key::<std::borrow::Cow<'de, str>>()?.as_deref() != Some("type") {
                return Err(A::Error::custom(crate::text!("doc-type-not-first-field")));
            }
            let kind: std::borrow::Cow<'de, str> = map.next_value()?;
            Document::deserialize_kind(&kind, MapAccessDeserializer::new(map))
        }
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let doc = serde::Deserializer::deserialize_map(&mut de, TypeFirst)?;
    de.end()?;
    Ok(doc)
}

/// Refuse an object that names a key twice, at any depth (`"amount":"99.00","amount":"12.10"`).
fn no_duplicate_keys(text: &str) -> Result<(), LineError> {
    use crate::strict_json::{unique_keys, Refusal};
    unique_keys(text).map_err(|e| match e {
        Refusal::KeyTwice(key) => Text::Seq(vec![
            "invalid JSON: ".into(),
            crate::text!("json-key-appears-twice-one", key = key),
        ]),
        Refusal::Json(e) => Text::from(format!("invalid JSON: {}", strip_position(&e))),
    })
}

/// Codes and ids (document ids, VAT groups, methods, branches, registers, accounts) and free
/// texts (debtor names and e-mails, revenue groups) have a length a person can read.
pub const MAX_CODE: usize = 200;
pub const MAX_TEXT: usize = 1000;

/// Every field within what the book can store, sum and show (the checks of a line apart
/// from its balance).
pub fn bounded(doc: &Document) -> Result<(), Text> {
    let at_most = |limit: usize| {
        move |field: &str, v: &str| -> Result<(), Text> {
            if v.len() > limit {
                return Err(crate::text!(
                    "doc-bytes-long-at-most",
                    field = field,
                    v_count = v.len(),
                    max = limit
                ));
            }
            Ok(())
        }
    };
    let code = at_most(MAX_CODE);
    let text = at_most(MAX_TEXT);
    // Every amount within what the book sums over any day, journal and export (decision 79).
    let amount = |field: &str, v: Option<Decimal>| -> Result<(), Text> {
        match v {
            Some(d) if !super::money::in_bounds(d) => Err(crate::text!(
                "doc-amount-out-of-range",
                field = field,
                amount = d.to_string(),
                max = super::money::fmt(super::money::max_amount())
            )),
            _ => Ok(()),
        }
    };
    let payment = |p: &Payment| -> Result<(), Text> {
        code("method", &p.method)?;
        code("currency", p.currency.as_deref().unwrap_or(""))?;
        amount("payments[].amount", Some(p.amount))?;
        amount("payments[].foreign_amount", p.foreign_amount)
    };
    code("id", doc.id())?;
    // An id is a key in every store and log: no control character (a NUL broke reading the
    // audit log as text in SQL).
    if doc.id().chars().any(char::is_control) {
        return Err(crate::text!("doc-id-control", id = doc.id().escape_debug().to_string()));
    }
    match doc {
        Document::Ticket(t) => {
            for (f, v) in [("branch", &t.branch), ("register", &t.register), ("drawer", &t.drawer)] {
                code(f, v)?;
            }
            for l in &t.lines {
                amount("lines[].amount", Some(l.amount))?;
                amount("lines[].vat_amount", l.vat_amount)?;
            }
            amount("tip", Some(t.tip))?;
            amount("prepaid", t.prepaid)?;
            code("order", t.order.as_deref().unwrap_or(""))?;
            t.lines.iter().try_for_each(|l| code("vat", &l.vat))?;
            t.payments.iter().try_for_each(payment)?;
        }
        Document::OrderPayment(o) => {
            for (f, v) in [
                ("order", &o.order),
                ("branch", &o.branch),
                ("register", &o.register),
                ("drawer", &o.drawer),
            ] {
                code(f, v)?;
            }
            o.payments.iter().try_for_each(payment)?;
        }
        Document::Invoice(i) => {
            code("branch", &i.branch)?;
            text("debtor.name", &i.debtor.name)?;
            text("debtor.email", &i.debtor.email)?;
            for l in &i.lines {
                code("vat", &l.vat)?;
                text("revenue_group", l.revenue_group.as_deref().unwrap_or(""))?;
                amount("lines[].amount", Some(l.amount))?;
                amount("lines[].vat_amount", l.vat_amount)?;
            }
        }
        Document::InvoicePayment(p) => {
            for (f, v) in [
                ("invoice", &p.invoice),
                ("branch", &p.branch),
                ("register", &p.register),
                ("drawer", &p.drawer),
                ("method", &p.method),
            ] {
                code(f, v)?;
            }
            code("currency", p.currency.as_deref().unwrap_or(""))?;
            amount("amount", Some(p.amount))?;
            amount("foreign_amount", p.foreign_amount)?;
        }
        Document::Cash(c) => {
            amount("amount", Some(c.amount))?;
            code("drawer", &c.drawer)?;
            code("account", c.account.as_deref().unwrap_or(""))?;
            code("currency", c.currency.as_deref().unwrap_or(""))?;
        }
        Document::Void(_) => {}
    }
    Ok(())
}

fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// The rules of §3 serde cannot express, for a document read otherwise than from a line
/// (a connector's): why the book cannot take it as it is.
pub fn check(doc: &Document) -> Result<(), Text> {
    if doc.id().trim().is_empty() {
        return Err(crate::text!("doc-empty-id"));
    }
    bounded(doc)?;
    let payments_ok = |ps: &[Payment]| -> Result<(), Text> {
        for p in ps {
            check_currency(&p.currency, p.foreign_amount, &p.method)?;
            if p.method.is_empty() {
                return Err(crate::text!("doc-payment-with-empty-method"));
            }
        }
        Ok(())
    };
    match doc {
        Document::Ticket(t) => {
            payments_ok(&t.payments)?;
            let lines: Decimal = t.lines.iter().map(|l| l.amount).sum();
            let payments: Decimal = t.payments.iter().map(|p| p.amount).sum();
            let prepaid = t.prepaid.unwrap_or_default();
            if prepaid != Decimal::ZERO && t.order.is_none() {
                return Err(crate::text!("doc-prepaid-without-order-was"));
            }
            if lines + t.tip != payments + prepaid {
                return Err(crate::text!(
                    "doc-does-not-balance-lines",
                    lines = super::money::fmt(lines),
                    tip = super::money::fmt(t.tip),
                    payments = super::money::fmt(payments),
                    prepaid = super::money::fmt(prepaid)
                ));
            }
        }
        Document::OrderPayment(o) => payments_ok(&o.payments)?,
        Document::InvoicePayment(p) => check_currency(&p.currency, p.foreign_amount, &p.method)?,
        Document::Cash(c) => {
            if c.amount.is_sign_negative() && !c.amount.is_zero() {
                return Err(crate::text!(
                    "doc-amount-never-negative-kind",
                    kind = serde_json::to_value(c.kind)
                        .ok()
                        .and_then(|v| v.as_str().map(String::from))
                        .unwrap_or_default()
                ));
            }
            if c.kind == CashKind::Expense && c.account.as_deref().unwrap_or("").is_empty() {
                return Err(crate::text!("doc-expense-needs-its-counterpart"));
            }
        }
        Document::Invoice(i) => {
            if i.lines.is_empty() {
                return Err(crate::text!("doc-invoice-without-lines"));
            }
        }
        Document::Void(_) => {}
    }
    Ok(())
}

fn check_currency(currency: &Option<CompactString>, foreign: Option<Decimal>, method: &str) -> Result<(), Text> {
    match (currency, foreign) {
        (Some(c), Some(_)) if c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()) => Ok(()),
        (Some(c), _) if !(c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase())) => Err(crate::text!(
            "doc-payment-currency-not-iso",
            method = method,
            c = format!("{:?}", c)
        )),
        (None, None) => Ok(()),
        _ => Err(crate::text!("doc-payment-currency-and-foreign", method = method)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(line: &str) -> String {
        parse_line(line.as_bytes()).expect_err("refused").to_string()
    }

    const TICKET: &str = r#"{"type":"ticket","id":"T1","branch":"1","register":"2","drawer":"0","time":"2026-03-02T09:15:00+01:00","lines":[{"vat":"1","amount":"12.10"}],"payments":[{"method":"CASH","amount":"20.00"},{"method":"CASH","amount":"-7.90"}],"tip":"0.00"}"#;

    #[test]
    fn a_key_twice_is_refused_at_any_depth() {
        let top = TICKET.replace(r#""tip":"0.00""#, r#""tip":"0.00","tip":"1.00""#);
        assert!(err(&top).contains("`tip` appears twice"), "{}", err(&top));
        let nested = TICKET.replace(
            r#"{"vat":"1","amount":"12.10"}"#,
            r#"{"vat":"1","amount":"99.00","amount":"12.10"}"#,
        );
        assert!(err(&nested).contains("`amount` appears twice"), "{}", err(&nested));
        let tag = TICKET.replace(r#""tip":"0.00""#, r#""tip":"0.00","type":"void""#);
        assert!(err(&tag).contains("`type` appears twice"), "{}", err(&tag));
    }

    #[test]
    fn ids_and_codes_have_a_bounded_length() {
        let long = "x".repeat(MAX_CODE + 1);
        let id = TICKET.replace(r#""id":"T1""#, &format!(r#""id":"{long}""#));
        assert!(err(&id).contains("`id` is 201 bytes long"), "{}", err(&id));
        let method = TICKET.replace(
            r#""method":"CASH","amount":"20.00""#,
            &format!(r#""method":"{long}","amount":"20.00""#),
        );
        assert!(err(&method).contains("`method`"), "{}", err(&method));
        let fits = TICKET.replace(r#""id":"T1""#, &format!(r#""id":"{}""#, "x".repeat(MAX_CODE)));
        assert!(parse_line(fits.as_bytes()).is_ok());
    }

    #[test]
    fn free_texts_have_a_longer_bound_than_codes() {
        let invoice = |name: &str| {
            format!(
                r#"{{"type":"invoice","id":"F1","date":"2026-03-02","debtor":{{"name":"{name}"}},"lines":[{{"vat":"1","amount":"121.00"}}]}}"#
            )
        };
        // Longer than a code may be, within a free text's bound.
        assert!(parse_line(invoice(&"n".repeat(MAX_TEXT)).as_bytes()).is_ok());
        let long = invoice(&"n".repeat(MAX_TEXT + 1));
        assert!(
            err(&long).contains("`debtor.name` is 1001 bytes long; at most 1000"),
            "{}",
            err(&long)
        );
    }

    #[test]
    fn spec_examples_parse() {
        let doc = parse_line(TICKET.as_bytes()).unwrap();
        assert_eq!(doc.id(), "T1");
        for line in [
            r#"{"type":"void","id":"T1","time":"2026-03-03T10:00:00+01:00"}"#,
            r#"{"type":"order_payment","id":"OP1","order":"O55","branch":"1","register":"2","time":"2026-03-02T10:00:00+01:00","payments":[{"method":"EFT","amount":"50.00"}]}"#,
            r#"{"type":"ticket","id":"T9","order":"O55","prepaid":"50.00","branch":"1","register":"2","time":"2026-03-03T10:00:00+01:00","lines":[{"vat":"1","amount":"80.00"}],"payments":[{"method":"CASH","amount":"30.00"}]}"#,
            r#"{"type":"invoice","id":"F2026-001","branch":"1","date":"2026-03-02","debtor":{"name":"Janssens BV","email":"boekhouding@janssens.be"},"lines":[{"vat":"1","amount":"121.00","revenue_group":"8000 Omzet algemeen"}]}"#,
            r#"{"type":"invoice_payment","id":"IP1","invoice":"F2026-001","branch":"1","register":"2","time":"2026-03-02T11:00:00+01:00","method":"EFT","amount":"121.00"}"#,
            r#"{"type":"cash","id":"C1","drawer":"0","time":"2026-03-02T08:00:00+01:00","kind":"open_count","amount":"250.00"}"#,
        ] {
            parse_line(line.as_bytes()).unwrap_or_else(|e| panic!("{line}: {e}"));
        }
    }

    #[test]
    fn amounts_as_numbers_or_with_three_decimals_are_refused() {
        assert!(err(&TICKET.replace(r#""amount":"12.10""#, r#""amount":12.10"#)).contains("invalid type"));
        let e = err(&TICKET.replace(r#""12.10""#, r#""12.100""#));
        assert!(e.contains("more than 2 decimals"), "{e}");
    }

    #[test]
    fn time_without_offset_is_refused() {
        let e = err(&TICKET.replace("09:15:00+01:00", "09:15:00"));
        assert!(e.contains("RFC 3339 with an offset"), "{e}");
    }

    #[test]
    fn unknown_type_missing_id_bad_json_bad_utf8() {
        assert!(err(r#"{"type":"receipt","id":"X"}"#).contains("unknown document type"));
        assert!(err(r#"{"type":"ticket","time":"2026-03-02T09:15:00+01:00"}"#).contains("missing field `id`"));
        assert!(err(r#"{"type":"ticket","#).contains("invalid JSON"));
        assert!(parse_line(b"{\"type\":\"void\",\"id\":\"\xff\"}")
            .unwrap_err()
            .to_string()
            .contains("UTF-8"));
    }

    #[test]
    fn ticket_must_balance_with_tip_and_prepaid() {
        let e = err(&TICKET.replace(r#""-7.90""#, r#""-7.80""#));
        assert!(
            e.contains("does not balance: lines 12.10 + tip 0.00 ≠ payments 12.20 + prepaid 0.00"),
            "{e}"
        );
        let tipped = TICKET
            .replace(r#""tip":"0.00""#, r#""tip":"0.10""#)
            .replace(r#""-7.90""#, r#""-7.80""#);
        parse_line(tipped.as_bytes()).unwrap();
    }

    #[test]
    fn negative_cash_movement_and_expense_without_account() {
        assert!(err(
            r#"{"type":"cash","id":"C","time":"2026-03-02T08:00:00+01:00","kind":"cash_in","amount":"-5.00"}"#
        )
        .contains("never negative"));
        assert!(
            err(r#"{"type":"cash","id":"C","time":"2026-03-02T08:00:00+01:00","kind":"expense","amount":"5.00"}"#)
                .contains("counterpart")
        );
    }

    #[test]
    fn unknown_field_is_refused() {
        assert!(err(&TICKET.replace(r#""tip""#, r#""tipp""#)).contains("unknown field"));
    }

    #[test]
    fn the_fast_path_agrees_with_the_careful_one() {
        let lines = [
            TICKET.to_string(),
            r#"{"type":"void","id":"T1","time":"2026-03-03T10:00:00+01:00"}"#.to_string(),
            r#"{"type":"cash","id":"C1","drawer":"0","time":"2026-03-02T08:00:00+01:00","kind":"open_count","amount":"250.00"}"#.to_string(),
            r#"{"type":"invoice","id":"F1","date":"2026-03-02","debtor":{"name":"J"},"lines":[{"vat":"1","amount":"121.00"}]}"#.to_string(),
        ];
        for line in &lines {
            let careful: Document = serde_json::from_str(line).unwrap();
            assert_eq!(parse_fast(line).unwrap(), careful, "{line}");
        }
        // `type` elsewhere: the fast path declines, the line is still read.
        let moved = r#"{"id":"T1","type":"void","time":"2026-03-03T10:00:00+01:00"}"#;
        assert!(parse_fast(moved).is_err());
        assert_eq!(parse_line(moved.as_bytes()).unwrap().id(), "T1");
        // What the careful path refuses, the fast path refuses too.
        for bad in [
            r#"{"type":"void","id":"T1","time":"2026-03-03T10:00:00+01:00","type":"void"}"#,
            r#"{"type":"void","id":"T1","time":"2026-03-03T10:00:00+01:00"} x"#,
            r#"{"type":"void","id":"T1","time":"2026-03-03T10:00:00+01:00","extra":1}"#,
            r#"{"type":"cash","id":"C1","time":"2026-03-02T08:00:00","kind":"open_count","amount":"1.00"}"#,
        ] {
            assert!(parse_fast(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn round_trips_through_storage() {
        let doc = parse_line(TICKET.as_bytes()).unwrap();
        let stored = serde_json::to_string(&doc).unwrap();
        assert_eq!(parse_line(stored.as_bytes()).unwrap(), doc);
    }
}
