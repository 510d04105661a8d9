//! Documents a POS sent that the book cannot take as they are (a receipt that does not
//! balance, a kind the connector does not know, a field out of bounds): never dropped.
//! Each is kept as received, on its business day, and blocks that day until a person
//! decides, with a reason the audit keeps (decision 74).

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::document::Document;
use super::money::opt_string;

/// A document kept as the POS sent it, waiting for a person's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldDocument {
    pub source: String,
    /// The POS's own id (`receiptId`, `saleID`, …), or a stand-in naming where it was when
    /// the POS gave none.
    pub id: String,
    /// What the POS called it: `receipt`, `order`, `invoice`, `sale`, or the §3 kind.
    pub what: String,
    /// Its business date; none when it carries no usable date (then the source's runs
    /// stop before it until a person decides).
    pub date: Option<NaiveDate>,
    /// Why the book cannot take it as it is.
    pub reason: String,
    /// The document as the connector read it, when it could: it can then be booked as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<Document>,
    /// What the POS sent, as text.
    pub received: String,
    /// Whether it can be booked as sent: the connector read it and every field is within
    /// what the book can sum (a document merely out of balance can).
    pub bookable: bool,
    #[serde(default, with = "opt_string", skip_serializing_if = "Option::is_none")]
    pub turnover: Option<Decimal>,
    #[serde(default, with = "opt_string", skip_serializing_if = "Option::is_none")]
    pub payments: Option<Decimal>,
    pub first_seen: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
}

/// What a day's view shows of a held document: what it is, its amounts, why it is held and
/// what was decided (the text as received and when it was first seen are in the store and
/// `dagkas held --json`, not in every view of the day).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct HeldNote {
    pub source: String,
    pub id: String,
    pub what: String,
    pub reason: String,
    pub bookable: bool,
    #[serde(default, with = "opt_string", skip_serializing_if = "Option::is_none")]
    pub turnover: Option<Decimal>,
    #[serde(default, with = "opt_string", skip_serializing_if = "Option::is_none")]
    pub payments: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
}

impl HeldNote {
    pub fn open(&self) -> bool {
        self.decision.is_none()
    }
}

impl From<&HeldDocument> for HeldNote {
    fn from(h: &HeldDocument) -> HeldNote {
        HeldNote {
            source: h.source.clone(),
            id: h.id.clone(),
            what: h.what.clone(),
            reason: h.reason.clone(),
            bookable: h.bookable,
            turnover: h.turnover,
            payments: h.payments,
            decision: h.decision.clone(),
        }
    }
}

/// What a person (or a later, sound version from the POS) decided about a held document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Decision {
    pub choice: Choice,
    pub reason: String,
    pub author: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    /// Booked as the POS sent it: its figures count on its day (R1 shows the day
    /// unbalanced until it is corrected).
    Book,
    /// Left out of the book on purpose.
    LeaveOut,
    /// The POS sent a sound version of it later, which was booked as usual.
    Superseded,
}

impl Choice {
    pub fn as_str(self) -> &'static str {
        match self {
            Choice::Book => "book",
            Choice::LeaveOut => "leave_out",
            Choice::Superseded => "superseded",
        }
    }
}

impl HeldDocument {
    /// Held from a document the connector read but the checks of §3 refuse.
    pub fn of_document(
        source: &str,
        doc: Document,
        date: Option<NaiveDate>,
        reason: String,
        now: DateTime<Utc>,
    ) -> Self {
        let (turnover, payments) = amounts(&doc);
        let bookable = super::document::bounded(&doc).is_ok();
        HeldDocument {
            bookable,
            source: source.to_string(),
            id: doc.id().to_string(),
            what: doc.kind().to_string(),
            date,
            reason,
            received: serde_json::to_string(&doc).expect("documents serialise"),
            document: Some(doc),
            turnover,
            payments,
            first_seen: now,
            decision: None,
        }
    }

    /// Still waiting for a person.
    pub fn open(&self) -> bool {
        self.decision.is_none()
    }

    /// The same document as the POS sends it again: its decision stays.
    pub fn same_as(&self, other: &HeldDocument) -> bool {
        self.received == other.received && self.reason == other.reason && self.date == other.date
    }
}

/// A ticket's turnover (lines and tip) and payments (with the prepaid part), the figures a
/// person needs to decide; none for other kinds.
fn amounts(doc: &Document) -> (Option<Decimal>, Option<Decimal>) {
    match doc {
        Document::Ticket(t) => {
            let lines = t.lines.iter().try_fold(t.tip, |a, l| a.checked_add(l.amount));
            let paid = t
                .payments
                .iter()
                .try_fold(t.prepaid.unwrap_or_default(), |a, p| a.checked_add(p.amount));
            (lines, paid)
        }
        Document::OrderPayment(o) => (
            None,
            o.payments
                .iter()
                .try_fold(Decimal::ZERO, |a, p| a.checked_add(p.amount)),
        ),
        _ => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::document::parse_line;

    #[test]
    fn a_held_ticket_shows_what_it_sums_to_on_each_side() {
        // Read past the checks of §3, which refuse it: it does not balance.
        let line = r#"{"type":"ticket","id":"T1","time":"2026-03-02T09:15:00+01:00","lines":[{"vat":"1","amount":"12.10"}],"payments":[{"method":"CASH","amount":"12.10"}],"tip":"1.00"}"#;
        assert!(parse_line(line.as_bytes()).is_err());
        let doc: Document = serde_json::from_str(line).expect("a ticket");
        let h = HeldDocument::of_document("kassa", doc, None, "does not balance".into(), Utc::now());
        assert_eq!(h.turnover, Some(Decimal::new(1310, 2)));
        assert_eq!(h.payments, Some(Decimal::new(1210, 2)));
        assert!(h.open() && h.bookable);
    }
}
