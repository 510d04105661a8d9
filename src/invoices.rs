//! The invoice register of the ledger (R21): listing, debtors, ignoring, booking dates.

use chrono::{NaiveDate, Utc};

use crate::domain::document::Document;
use crate::domain::invoice::{new_debtors, register, IgnoreNote, InvoiceState, InvoiceView};
use crate::ledger::{Ledger, LedgerError, Result};
use crate::store::audit::NewEntry;

pub const INVOICE_STATE: &str = "invoices";

impl Ledger {
    pub fn invoice_state(&self) -> Result<InvoiceState> {
        Ok(self.store.state_get(INVOICE_STATE)?.unwrap_or_default())
    }

    fn invoice_documents(&self, source: &str) -> Result<(Vec<Document>, Vec<Document>)> {
        let invoices = self
            .store
            .documents_of_kind(source, "invoice")?
            .into_iter()
            .map(|(_, d)| d)
            .collect();
        let payments = self
            .store
            .documents_of_kind(source, "invoice_payment")?
            .into_iter()
            .map(|(_, d)| d)
            .collect();
        Ok((invoices, payments))
    }

    /// The invoices of one book, or of all books, in booking-date order.
    pub fn invoices(&self, book: Option<&str>) -> Result<Vec<InvoiceView>> {
        let state = self.invoice_state()?;
        let mut out = Vec::new();
        for b in &self.config.daybooks {
            if book.is_some_and(|x| x != b.code) {
                continue;
            }
            let (inv, pay) = self.invoice_documents(&b.source)?;
            let inv: Vec<_> = inv
                .iter()
                .filter_map(|d| if let Document::Invoice(i) = d { Some(i) } else { None })
                .collect();
            let pay: Vec<_> = pay
                .iter()
                .filter_map(|d| {
                    if let Document::InvoicePayment(p) = d {
                        Some(p)
                    } else {
                        None
                    }
                })
                .collect();
            out.extend(register(&self.config, b, &inv, &pay, &state));
        }
        if let Some(b) = book {
            self.book(b)?;
        }
        Ok(out)
    }

    /// After an import or a sync: the debtors of the invoices that arrived since the last
    /// time (decision 69); of every invoice when the config changed since.
    pub fn register_due_debtors(&mut self, author: &str) -> Result<usize> {
        match self.store.debtors_due()? {
            None => Ok(0),
            Some(due) if due.all => self.register_debtors(author),
            Some(due) => self.register_debtors_of(author, Some(&due)),
        }
    }

    /// Create the debtors that the invoices bring (matched by e-mail); audited. Reads every
    /// invoice of the register.
    pub fn register_debtors(&mut self, author: &str) -> Result<usize> {
        self.register_debtors_of(author, None)
    }

    /// The debtors of the invoices `due` names, or of every invoice; the mark of debtors
    /// due is cleared after.
    fn register_debtors_of(&mut self, author: &str, due: Option<&crate::store::DebtorsDue>) -> Result<usize> {
        let mut state = self.invoice_state()?;
        let mut created = Vec::new();
        for b in &self.config.daybooks {
            // The invoices only: their payments do not make debtors.
            let inv: Vec<Document> = match due {
                None => self.store.documents_of_kind(&b.source, "invoice")?,
                Some(due) => {
                    let ids = due.invoices.get(&b.source).into_iter().flatten().map(String::as_str);
                    self.store.documents_of_kind_among(&b.source, "invoice", ids)?
                }
            }
            .into_iter()
            .map(|(_, d)| d)
            .collect();
            let inv: Vec<_> = inv
                .iter()
                .filter_map(|d| if let Document::Invoice(i) = d { Some(i) } else { None })
                .filter(|i| i.date >= b.invoices_from)
                .collect();
            for (key, debtor) in new_debtors(&inv, &state.debtors) {
                created.push(serde_json::json!({"number": debtor.number, "name": debtor.name, "email": debtor.email}));
                state.debtors.insert(key, debtor);
            }
        }
        let n = created.len();
        if n > 0 {
            self.store.state_put(
                INVOICE_STATE,
                &state,
                NewEntry {
                    author: author.to_string(),
                    action: crate::store::audit::Action::Debtors.into(),
                    reason: None,
                    detail: serde_json::json!({ "created": created }),
                },
            )?;
        }
        self.store.clear_debtors_due()?;
        Ok(n)
    }

    /// R21: move an invoice to the ignored list, with who, when and why.
    pub fn ignore_invoice(&mut self, id: &str, reason: &str, author: &str) -> Result<()> {
        if reason.trim().is_empty() {
            return Err(LedgerError::Refused(crate::text!("inv-ignoring-invoice-needs-reason")));
        }
        if !self.invoices(None)?.iter().any(|i| i.id == id) {
            return Err(LedgerError::Refused(crate::text!(
                "inv-no-invoice-register",
                id = format!("{:?}", id)
            )));
        }
        let mut state = self.invoice_state()?;
        if state.ignored.contains_key(id) {
            return Err(LedgerError::Refused(crate::text!(
                "inv-invoice-already-ignored",
                id = id
            )));
        }
        state.ignored.insert(
            id.to_string(),
            IgnoreNote {
                reason: reason.to_string(),
                author: author.to_string(),
                at: Utc::now(),
            },
        );
        self.store.state_put(
            INVOICE_STATE,
            &state,
            NewEntry {
                author: author.to_string(),
                action: crate::store::audit::Action::InvoiceIgnore.into(),
                reason: Some(reason.to_string()),
                detail: serde_json::json!({ "invoice": id }),
            },
        )?;
        Ok(())
    }

    /// R21: override the booking date of one or more invoices (a batch).
    pub fn set_booking_date(&mut self, ids: &[String], date: NaiveDate, reason: &str, author: &str) -> Result<()> {
        let known: Vec<String> = self.invoices(None)?.into_iter().map(|i| i.id).collect();
        if let Some(missing) = ids.iter().find(|id| !known.contains(id)) {
            return Err(LedgerError::Refused(crate::text!(
                "inv-no-invoice-register-2",
                missing = format!("{:?}", missing)
            )));
        }
        let mut state = self.invoice_state()?;
        for id in ids {
            state.booking_dates.insert(id.clone(), date);
        }
        self.store.state_put(
            INVOICE_STATE,
            &state,
            NewEntry {
                author: author.to_string(),
                action: crate::store::audit::Action::InvoiceBookingDate.into(),
                reason: Some(reason.to_string()),
                detail: serde_json::json!({ "invoices": ids, "date": date }),
            },
        )?;
        Ok(())
    }
}
