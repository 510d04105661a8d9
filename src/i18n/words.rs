//! The words for the product's own values (statuses, blockers, refusals of an amount), in
//! the current language. The domain keeps its English names for machine formats.

use super::Lang;
use crate::domain::book::{Blocker, Status};
use crate::domain::invoice::InvoiceStatus;
use crate::tr;

/// A day's status: `proposed`, `voorgesteld`, `proposé`.
pub fn status(s: Status) -> String {
    s.text().to_string()
}

/// The status word of a blocker (SPEC §1).
pub fn blocker(b: &Blocker) -> String {
    tr!(match b.word() {
        "unbalanced" => "blocker-word-unbalanced",
        "unmapped" => "blocker-word-unmapped",
        "negative cash" => "blocker-word-negative-cash",
        "currency" => "blocker-word-currency",
        "drift" => "blocker-word-drift",
        _ => "blocker-word-open",
    })
}

/// What a mapping did: `mapped VAT group 21 to V21`.
pub fn mapped(kind: &str, code: &str, target: &str, book: Option<&str>) -> String {
    let what = if kind == "vat" {
        tr!("word-vat-group")
    } else {
        tr!("word-method")
    };
    let target = if target == "ignore" {
        tr!("tui-map-ignore")
    } else {
        target.to_string()
    };
    match book {
        Some(b) => tr!("mapped-in", what = what, code = code, target = target, book = b),
        None => tr!("mapped", what = what, code = code, target = target),
    }
}

/// An invoice's status: `partly paid`, `deels betaald`, `payée en partie`.
pub fn invoice(s: InvoiceStatus) -> String {
    tr!(match s {
        InvoiceStatus::Open => "invoice-open",
        InvoiceStatus::PartlyPaid => "invoice-partly-paid",
        InvoiceStatus::Paid => "invoice-paid",
        InvoiceStatus::Ignored => "invoice-ignored",
    })
}

/// A blocker spelled out in `lang`, amounts written as that language writes them.
pub fn describe(blocker: &Blocker, lang: &Lang) -> String {
    lang.write(&blocker.text())
}
