//! Deciding about what a POS sent that the book could not take as it was (decision 74):
//! the ledger side of [`crate::domain::held`]. A held document blocks its day until a
//! person books it as sent or leaves it out, with a reason the audit keeps.

use chrono::Utc;

use crate::domain::held::{Choice, Decision, HeldDocument};
use crate::ledger::{Ledger, LedgerError, Result};
use crate::store::audit::NewEntry;

impl Ledger {
    /// Every held document, open ones first, then by source, day and id.
    pub fn held(&self) -> Result<Vec<HeldDocument>> {
        let mut all = self.store.held_documents()?;
        all.sort_by(|a, b| (!a.open(), &a.source, a.date, &a.id).cmp(&(!b.open(), &b.source, b.date, &b.id)));
        Ok(all)
    }

    /// A person's decision on a held document: book it as the POS sent it (its figures then
    /// count on its day, R1 showing the day unbalanced until it is corrected), or leave it
    /// out on purpose. Either clears the day's blocker; both are audited with the reason.
    pub fn decide_held(
        &mut self,
        source: &str,
        id: &str,
        choice: Choice,
        reason: &str,
        author: &str,
    ) -> Result<HeldDocument> {
        if reason.trim().is_empty() {
            return Err(LedgerError::Refused(crate::text!("held-needs-reason")));
        }
        let mut held = self
            .store
            .held_documents()?
            .into_iter()
            .find(|h| h.source == source && h.id == id)
            .ok_or_else(|| LedgerError::Refused(crate::text!("held-unknown", source = source, id = id)))?;
        if let Some(d) = &held.decision {
            return Err(LedgerError::Refused(crate::text!(
                "held-already-decided",
                id = id,
                choice = d.choice.as_str(),
                author = d.author.clone()
            )));
        }
        match (choice, &held.document) {
            (Choice::Book, Some(doc)) if held.bookable => {
                // Booked like any document of the source: a confirmed day shows it as drift
                // (R10), an open day counts it.
                let label = format!("held {source} {id} booked");
                self.import_documents(source, &label, author, vec![doc.clone()])?;
            }
            (Choice::Book, _) => {
                return Err(LedgerError::Refused(crate::text!(
                    "held-not-bookable",
                    id = id,
                    reason = held.reason.clone()
                )));
            }
            (Choice::LeaveOut, _) => {}
            (Choice::Superseded, _) => return Err(LedgerError::Refused(crate::text!("held-needs-reason"))),
        }
        held.decision = Some(Decision {
            choice,
            reason: reason.to_string(),
            author: author.to_string(),
            at: Utc::now(),
        });
        self.store.put_state_many(
            std::slice::from_ref(&held),
            Vec::new(),
            NewEntry {
                author: author.to_string(),
                action: crate::store::audit::Action::HeldDecided.into(),
                reason: Some(reason.to_string()),
                detail: serde_json::json!({
                    "source": source,
                    "document": id,
                    "what": held.what,
                    "date": held.date,
                    "choice": choice.as_str(),
                    "turnover": held.turnover.map(crate::domain::money::fmt),
                    "payments": held.payments.map(crate::domain::money::fmt),
                    "held_because": held.reason,
                }),
            },
        )?;
        Ok(held)
    }
}
