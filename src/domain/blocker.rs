//! What stops a day from being confirmed (SPEC §1 and §6), with its status word and its
//! words for a person.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::cashbook::NegativeAt;
use super::money::opt_string;
use super::text::Text;

/// What stops a day from being confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Blocker {
    /// R1.
    Unbalanced {
        #[serde(with = "super::money::as_string")]
        turnover: Decimal,
        #[serde(with = "super::money::as_string")]
        payments: Decimal,
    },
    /// R12 (and settings a document needs).
    Unmapped {
        what: String,
        code: String,
    },
    /// R6.
    NegativeCash {
        journal: String,
        at: NegativeAt,
        /// On the book's first day: the opening cash comes from the config
        /// (`opening_balance` of the journal), which is what a person usually must set.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        first_day: bool,
    },
    /// R18.
    Currency {
        currency: String,
        document: String,
    },
    Drawer {
        drawer: String,
        currency: String,
        document: String,
    },
    NoCashMethod {
        document: String,
    },
    /// R10: documents changed after confirmation.
    Drift {
        documents: Vec<String>,
    },
    /// R5: the business day has not ended.
    NotEnded,
    /// A document the POS sent that the book cannot take as it is, held on this day until a
    /// person books it as sent or leaves it out (decision 74).
    Held {
        source: String,
        document: String,
        what: String,
        reason: String,
        #[serde(default, with = "opt_string", skip_serializing_if = "Option::is_none")]
        turnover: Option<Decimal>,
        #[serde(default, with = "opt_string", skip_serializing_if = "Option::is_none")]
        payments: Option<Decimal>,
    },
    /// The day's data has not all come: its source had no successful run whose window
    /// reached past the end of the day (decision 73), or, for a file source that asks for
    /// it, no later document arrived yet. Never proposed as if the POS had said nothing.
    Waiting {
        source: String,
        /// The source's last successful run (RFC 3339), none before the first.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        last_run: Option<String>,
        /// The last day known whole, none before any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        complete_through: Option<NaiveDate>,
        /// A file source that waits for a later document, not for a run.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        later_document: bool,
    },
}

/// A blocker spelled out in the current language.
impl std::fmt::Display for Blocker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.text().fmt(f)
    }
}

impl Blocker {
    /// It spelled out for a person, amounts written as their language writes them.
    pub fn text(&self) -> Text {
        use super::text::Amount;
        use crate::text;
        match self {
            Blocker::Unbalanced { turnover, payments } => text!(
                "blocker-unbalanced",
                turnover = Amount(*turnover),
                payments = Amount(*payments),
                difference = Amount(*turnover - *payments)
            ),
            Blocker::Unmapped { what, code } if what == "setting" => text!("blocker-no-setting", code = code),
            Blocker::Unmapped { what, code } => text!(
                "blocker-unmapped",
                what = Text::id(if what == "vat" { "word-vat-group" } else { "word-method" }),
                code = code
            ),
            Blocker::NegativeCash { journal, at, first_day } => {
                let negative = text!(
                    "blocker-negative-cash",
                    journal = journal,
                    drawer = at.drawer,
                    time = at.time.0.format("%H:%M"),
                    event = Text::id(at.kind.message()),
                    document = at.document,
                    balance = Amount(at.balance)
                );
                if *first_day {
                    Text::Seq(vec![
                        negative,
                        "; ".into(),
                        text!("blocker-negative-first-day", journal = journal),
                    ])
                } else {
                    negative
                }
            }
            Blocker::Currency { currency, document } => {
                text!("blocker-currency", currency = currency, document = document)
            }
            Blocker::Drawer {
                drawer,
                currency,
                document,
            } => text!(
                "blocker-drawer",
                drawer = drawer,
                currency = currency,
                document = document
            ),
            Blocker::NoCashMethod { document } => text!("blocker-no-cash-method", document = document),
            Blocker::Drift { documents } => text!("blocker-drift", documents = documents.join(", ")),
            Blocker::NotEnded => text!("blocker-not-ended"),
            Blocker::Held {
                source,
                document,
                what,
                reason,
                turnover,
                payments,
            } => {
                let amounts = match (turnover, payments) {
                    (Some(sold), Some(paid)) => {
                        text!("held-amounts", turnover = Amount(*sold), payments = Amount(*paid))
                    }
                    (None, Some(paid)) => text!("held-paid", payments = Amount(*paid)),
                    _ => Text::Plain(String::new()),
                };
                text!(
                    "blocker-held",
                    source = source,
                    what = what,
                    document = document,
                    amounts = amounts,
                    reason = reason
                )
            }
            Blocker::Waiting {
                source,
                last_run,
                later_document: true,
                ..
            } => text!(
                "blocker-waiting-later-document",
                source = source,
                last = last_run.clone().map_or_else(|| Text::id("word-none-yet"), Text::Plain)
            ),
            Blocker::Waiting { source, last_run, .. } => match last_run {
                Some(at) => text!("blocker-waiting", source = source, last = at),
                None => text!("blocker-waiting-never", source = source),
            },
        }
    }

    /// The status word of SPEC §1.
    pub fn word(&self) -> &'static str {
        match self {
            Blocker::Unbalanced { .. } => "unbalanced",
            Blocker::Unmapped { .. } | Blocker::NoCashMethod { .. } => "unmapped",
            Blocker::NegativeCash { .. } => "negative cash",
            Blocker::Currency { .. } | Blocker::Drawer { .. } => "currency",
            Blocker::Drift { .. } => "drift",
            Blocker::NotEnded => "open",
            Blocker::Waiting { .. } => "waiting",
            Blocker::Held { .. } => "held",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(t: &str) -> String {
        t.to_string()
    }

    #[test]
    fn every_blocker_has_the_status_word_of_the_spec_and_its_own_message() {
        let waiting = |later_document| Blocker::Waiting {
            source: s("kassa"),
            last_run: None,
            complete_through: None,
            later_document,
        };
        let table = [
            (
                Blocker::Unbalanced {
                    turnover: Decimal::ONE,
                    payments: Decimal::ZERO,
                },
                "unbalanced",
                "blocker-unbalanced",
            ),
            (
                Blocker::Unmapped {
                    what: s("vat"),
                    code: s("9"),
                },
                "unmapped",
                "blocker-unmapped",
            ),
            (
                Blocker::Unmapped {
                    what: s("setting"),
                    code: s("x"),
                },
                "unmapped",
                "blocker-no-setting",
            ),
            (
                Blocker::NoCashMethod { document: s("T1") },
                "unmapped",
                "blocker-no-cash-method",
            ),
            (
                Blocker::Currency {
                    currency: s("USD"),
                    document: s("T1"),
                },
                "currency",
                "blocker-currency",
            ),
            (
                Blocker::Drawer {
                    drawer: s("2"),
                    currency: s("USD"),
                    document: s("T1"),
                },
                "currency",
                "blocker-drawer",
            ),
            (
                Blocker::Drift {
                    documents: vec![s("T1")],
                },
                "drift",
                "blocker-drift",
            ),
            (Blocker::NotEnded, "open", "blocker-not-ended"),
            (
                Blocker::Held {
                    source: s("kassa"),
                    document: s("T1"),
                    what: s("ticket"),
                    reason: s("?"),
                    turnover: None,
                    payments: None,
                },
                "held",
                "blocker-held",
            ),
            (waiting(false), "waiting", "blocker-waiting-never"),
            (waiting(true), "waiting", "blocker-waiting-later-document"),
        ];
        for (blocker, word, message) in table {
            assert_eq!(blocker.word(), word, "{blocker:?}");
            assert_eq!(blocker.text().message_id(), Some(message), "{blocker:?}");
        }
    }
}
