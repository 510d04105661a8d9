//! The life of a day: confirm, edit, reopen, resolve drift, centralise, map, check
//! (R4, R5, R7–R12, R20, R22). Every change writes its day records and its audit entry
//! in one transaction.

use crate::domain::text::{Day, Text};
use std::collections::BTreeMap;

use chrono::{NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::domain::book::{
    booked_changes, booked_lines, Blocker, BookedLine, Correction, DayRecord, DayView, Edit, Frozen, LineKind, Status,
};
use crate::domain::cashbook::run_day;
use crate::domain::config::{Config, Mode};
use crate::domain::day::{build_day, DayFigures, DocRef};
use crate::domain::money::fmt;
use crate::ledger::{apply_overlay, Ledger, LedgerError, MappingOverlay, Result, MAPPINGS};
use crate::store::audit::NewEntry;

/// Where a batch confirm stopped (R7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stop {
    pub book: String,
    pub date: NaiveDate,
    pub reason: Text,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ConfirmOutcome {
    pub confirmed: Vec<(String, NaiveDate)>,
    pub stopped: Vec<Stop>,
    /// Things a person should know about what was confirmed (days after the last sale).
    pub warnings: Vec<Text>,
}

/// One problem `dagkas check` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub what: String,
    pub message: Text,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckReport {
    pub problems: Vec<Finding>,
    pub warnings: Vec<Finding>,
}

fn refused<T>(msg: impl Into<Text>) -> Result<T> {
    Err(LedgerError::Refused(msg.into()))
}

/// What a person or the immediate mode confirms of a day.
#[derive(Debug, Clone, Copy)]
struct Parts {
    receipts: bool,
    payments: bool,
}

fn freeze(config: &Config, view: &DayView, figures: DayFigures, record: &DayRecord, by: &str) -> Frozen {
    Frozen {
        booked: Some(booked_lines(config, view)),
        figures,
        edits: record.edits.clone(),
        corrections: record.corrections.clone(),
        cash: view
            .cash
            .iter()
            .map(|j| (j.journal.clone(), (j.day.opening.clone(), j.day.closing.clone())))
            .collect(),
        turnover: view.turnover,
        payments: view.payments,
        by: by.to_string(),
        at: Utc::now(),
    }
}

impl Ledger {
    fn books_selected(&self, book: Option<&str>) -> Result<Vec<String>> {
        match book {
            Some(b) => Ok(vec![self.book(b)?.code.clone()]),
            None => Ok(self.config.daybooks.iter().map(|b| b.code.clone()).collect()),
        }
    }

    fn view_of(&self, book: &str, date: NaiveDate) -> Result<DayView> {
        let b = self.book(book)?;
        if date < b.start {
            return refused(crate::text!(
                "refuse-before-start",
                date = Day(date),
                book = book,
                start = Day(b.start)
            ));
        }
        self.views_between(book, date, date)?
            .into_iter()
            .find(|v| v.date == date)
            .ok_or_else(|| LedgerError::Refused(crate::text!("refuse-not-a-day", date = Day(date), book = book)))
    }

    /// R5/R7: confirm the longest valid run from the first unconfirmed day through `through`.
    pub fn confirm_through(&mut self, book: Option<&str>, through: NaiveDate, author: &str) -> Result<ConfirmOutcome> {
        let mut outcome = ConfirmOutcome::default();
        for code in self.books_selected(book)? {
            self.confirm_run(
                &code,
                through,
                author,
                Parts {
                    receipts: true,
                    payments: true,
                },
                &mut outcome,
            )?;
        }
        Ok(outcome)
    }

    fn confirm_run(
        &mut self,
        code: &str,
        through: NaiveDate,
        author: &str,
        parts: Parts,
        outcome: &mut ConfirmOutcome,
    ) -> Result<()> {
        self.clock_guard(code)?;
        let book = self.book(code)?.clone();
        // Every day before the first open one is confirmed whole (R5): the run starts there.
        let start = self.store.first_open(code, book.start)?;
        let records = self.store.day_records_between(code, start, through)?;
        let mut writes = crate::store::DayWrites::default();
        let mut last_sale = None;
        let mut done = false;
        let mut previous_done = Parts {
            receipts: true,
            payments: true,
        };
        // A quarter of days at a time; each confirmed day is encoded at once, so a first
        // confirmation of years holds its records' bytes, not their views and figures.
        let this: &Ledger = self;
        this.each_view_to_change(code, start, through.max(this.yesterday()), |views| {
            for view in &views {
                if view.documents > 0 {
                    last_sale = Some(view.date);
                }
                if done || view.date > through {
                    continue;
                }
                let mut record = records.get(&view.date).cloned().unwrap_or_default();
                let want = Parts {
                    receipts: parts.receipts && !record.receipts_confirmed,
                    payments: parts.payments && !record.payments_confirmed,
                };
                // R5: a part is confirmed only when the same part of the day before is.
                let want = Parts {
                    receipts: want.receipts && previous_done.receipts,
                    payments: want.payments && previous_done.payments,
                };
                if !want.receipts && !want.payments {
                    previous_done = Parts {
                        receipts: previous_done.receipts && record.receipts_confirmed,
                        payments: previous_done.payments && record.payments_confirmed,
                    };
                    done = !previous_done.receipts && !previous_done.payments;
                    continue;
                }
                let blockers: Vec<&Blocker> = view
                    .blockers
                    .iter()
                    .filter(|b| !matches!(b, Blocker::Drift { .. }))
                    .collect();
                if let Some(b) = blockers.first() {
                    outcome.stopped.push(Stop {
                        book: code.to_string(),
                        date: view.date,
                        reason: b.text(),
                    });
                    done = true;
                    continue;
                }
                let figures = this.figures(&book, view.date)?;
                let mut frozen = freeze(&this.config, view, figures, &record, author);
                if let Some(old) = &record.frozen {
                    // Keep the part confirmed earlier exactly as it was.
                    if record.receipts_confirmed {
                        frozen.figures.turnover = old.figures.turnover.clone();
                        frozen.figures.pos_vat = old.figures.pos_vat.clone();
                        frozen.figures.vat_partial = old.figures.vat_partial.clone();
                    }
                    if record.payments_confirmed {
                        frozen.figures.payments = old.figures.payments.clone();
                        frozen.figures.cash = old.figures.cash.clone();
                        frozen.cash = old.cash.clone();
                    }
                }
                record.frozen = Some(frozen);
                record.receipts_confirmed |= want.receipts;
                record.payments_confirmed |= want.payments;
                previous_done = Parts {
                    receipts: record.receipts_confirmed,
                    payments: record.payments_confirmed,
                };
                if record.confirmed() {
                    outcome.confirmed.push((code.to_string(), view.date));
                }
                writes.add(code, view.date, &record);
            }
            Ok(())
        })?;
        if writes.is_empty() {
            return Ok(());
        }
        // A clock ahead confirms days that have not happened: they look like days without
        // sales. More than one such day after the last sale is worth a word.
        if last_sale.is_none() {
            last_sale = self.last_sale_before(code, start)?;
        }
        let after_sales = writes.dates().filter(|d| last_sale.is_none_or(|l| *d > l)).count();
        if after_sales > 1 {
            outcome.warnings.push(crate::text!(
                "warn-after-last-sale",
                book = code,
                count = after_sales,
                last = last_sale.map(Text::Day).unwrap_or_else(|| Text::id("word-none-yet")),
                today = Day(self.today)
            ));
        }
        let dates: Vec<String> = writes.dates().map(|d| d.to_string()).collect();
        let mode = if parts.receipts && parts.payments {
            crate::store::audit::Action::Confirm
        } else {
            crate::store::audit::Action::ConfirmPart
        };
        self.store.write_day_writes(
            writes,
            NewEntry {
                author: author.to_string(),
                action: mode.into(),
                reason: None,
                detail: serde_json::json!({
                    "book": code,
                    "from": dates.first(),
                    "through": dates.last(),
                    "days": dates.len(),
                    "receipts": parts.receipts,
                    "payments": parts.payments,
                }),
            },
        )?;
        Ok(())
    }

    /// The last day before `before` with documents, read from the listed form of the days
    /// a quarter at a time going back.
    fn last_sale_before(&self, code: &str, before: NaiveDate) -> Result<Option<NaiveDate>> {
        let first = self.book(code)?.start;
        let mut to = before - chrono::Duration::days(1);
        while to >= first {
            let from = (to - chrono::Duration::days(91)).max(first);
            let views = self.light_views_between(code, from, to)?;
            if let Some(v) = views.iter().rev().find(|v| v.documents > 0) {
                return Ok(Some(v.date));
            }
            to = from - chrono::Duration::days(1);
        }
        Ok(None)
    }

    /// R4: confirm what the immediate modes confirm by themselves, in chain order.
    pub fn confirm_immediate(&mut self) -> Result<ConfirmOutcome> {
        let mut outcome = ConfirmOutcome::default();
        let through = self.yesterday();
        let books: Vec<_> = self.config.daybooks.clone();
        for b in books {
            let parts = Parts {
                receipts: b.receipts == Mode::Immediate,
                payments: b.payments == Mode::Immediate,
            };
            // A wrong clock stops the immediate modes too, with a word instead of an error:
            // the import or sync that called them has already been stored.
            if let Err(LedgerError::Refused(why)) = self.clock_guard(&b.code) {
                outcome.warnings.push(why);
                continue;
            }
            if parts.receipts || parts.payments {
                self.confirm_run(&b.code, through, "dagkas (immediate)", parts, &mut outcome)?;
            }
        }
        // Stopping is the normal state of an immediate book: the blocker waits for a person.
        Ok(outcome)
    }

    /// R8/R11: edit lines of a proposed day.
    pub fn edit(
        &mut self,
        book: &str,
        date: NaiveDate,
        sets: &[(LineKind, String, Decimal)],
        reason: &str,
        author: &str,
    ) -> Result<()> {
        if reason.trim().is_empty() {
            return refused(crate::text!("refuse-edit-reason"));
        }
        // Decision 79: what the book takes, it can sum and read back.
        if let Some((_, _, a)) = sets.iter().find(|(_, _, a)| !crate::domain::money::in_bounds(*a)) {
            return refused(crate::domain::money::AmountError::OutOfRange(a.to_string()).to_string());
        }
        let b = self.book(book)?.clone();
        self.clock_guard(book)?;
        let view = self.view_of(book, date)?;
        if view.is_confirmed() {
            return refused(crate::text!(
                "refuse-closed-edit",
                date = Day(date),
                book = book,
                status = view.status.text()
            ));
        }
        let figures = self.figures(&b, date)?;
        let mut record = self.store.day_record(book, date)?.unwrap_or_default();
        let mut changes = Vec::new();
        for (kind, code, amount) in sets {
            let (known, pos, part_closed) = match kind {
                LineKind::Turnover => (
                    self.config.category(code).is_some(),
                    figures.turnover.get(code).copied(),
                    record.receipts_confirmed,
                ),
                LineKind::Payment => (
                    self.config.method(code).is_some() || figures.payments.contains_key(code),
                    figures.payments.get(code).copied(),
                    record.payments_confirmed,
                ),
            };
            let what = match kind {
                LineKind::Turnover => crate::text!("word-vat-category"),
                LineKind::Payment => crate::text!("word-payment-method"),
            };
            if !known {
                return refused(crate::text!(
                    "refuse-unknown-code",
                    what = what,
                    code = format!("{code:?}")
                ));
            }
            if part_closed {
                let part = match kind {
                    LineKind::Turnover => crate::text!("word-receipts-part"),
                    LineKind::Payment => crate::text!("word-payments-part"),
                };
                return refused(crate::text!("refuse-part-confirmed", part = part, date = Day(date)));
            }
            let already_edited = record.edits.iter().any(|e| e.kind == *kind && e.code == *code);
            if *kind == LineKind::Turnover && b.manual_receipts_blocked && pos.is_none() && !already_edited {
                return refused(crate::text!(
                    "refuse-manual-blocked",
                    book = book,
                    code = code,
                    date = Day(date)
                ));
            }
            changes.push(serde_json::json!({
                "kind": kind, "code": code, "pos": pos.map(fmt), "to": fmt(*amount),
                "from": record.edits.iter().rev().find(|e| e.kind == *kind && e.code == *code).map(|e| fmt(e.amount)),
            }));
            record.edits.push(Edit {
                kind: *kind,
                code: code.clone(),
                amount: *amount,
                reason: reason.to_string(),
                author: author.to_string(),
                at: Utc::now(),
            });
        }
        self.store.write_days(
            &[(book, date, &record)],
            NewEntry {
                author: author.to_string(),
                action: crate::store::audit::Action::Edit.into(),
                reason: Some(reason.to_string()),
                detail: serde_json::json!({ "book": book, "date": date, "lines": changes }),
            },
        )?;
        Ok(())
    }

    /// Confirmed days whose lines the config now states otherwise than when they were
    /// confirmed (a rate, an account, a removed code), each `BOOK DATE: line was → now`.
    /// Only the confirmed parts count: turnover and VAT for receipts, payments and cash.
    pub fn frozen_conflicts(&self) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for b in &self.config.daybooks {
            // Their booked lines are in the records; the frozen figures are not needed.
            let records = self.store.day_records_apart(&b.code)?;
            let kept = |r: &DayRecord| r.frozen.as_ref().and_then(|f| f.booked.as_ref()).is_some();
            let Some(last) = records.iter().filter(|(_, (r, _))| kept(r)).map(|(d, _)| *d).max() else {
                continue;
            };
            // A part of the book at a time: ten years are compared holding a quarter.
            self.each_view_to_change(&b.code, b.start, last.max(self.yesterday()), |views| {
                for v in views {
                    let Some((record, _)) = records.get(&v.date) else {
                        continue;
                    };
                    let Some(was) = record.frozen.as_ref().and_then(|f| f.booked.as_ref()) else {
                        continue;
                    };
                    let part = |l: &BookedLine| match l.what.as_str() {
                        "turnover" | "vat" => record.receipts_confirmed,
                        _ => record.payments_confirmed,
                    };
                    let was: Vec<BookedLine> = was.iter().filter(|l| part(l)).cloned().collect();
                    let now: Vec<BookedLine> = booked_lines(&self.config, &v).into_iter().filter(|l| part(l)).collect();
                    out.extend(
                        booked_changes(&was, &now)
                            .into_iter()
                            .map(|c| format!("{} {}: {c}", b.code, v.date)),
                    );
                }
                Ok(())
            })?;
        }
        Ok(out)
    }

    /// Days confirmed by a version that did not keep their booked lines get them once, as
    /// the config in force states them (it is the one they were confirmed under, or one
    /// that changed nothing of them).
    pub fn record_booked_lines(&mut self) -> Result<usize> {
        let mut total = 0;
        for b in self.config.daybooks.clone() {
            let records = self.store.day_records(&b.code)?;
            let missing = |r: &DayRecord| r.frozen.as_ref().is_some_and(|f| f.booked.is_none());
            let Some(last) = records.iter().filter(|(_, r)| missing(r)).map(|(d, _)| *d).max() else {
                continue;
            };
            let mut writes = Vec::new();
            for v in self.views(&b.code, Some(last.max(self.yesterday())))? {
                let Some(record) = records.get(&v.date).filter(|r| missing(r)) else {
                    continue;
                };
                let mut record = record.clone();
                if let Some(f) = record.frozen.as_mut() {
                    f.booked = Some(booked_lines(&self.config, &v));
                }
                writes.push((v.date, record));
            }
            if writes.is_empty() {
                continue;
            }
            total += writes.len();
            let rows: Vec<(&str, NaiveDate, &DayRecord)> =
                writes.iter().map(|(d, r)| (b.code.as_str(), *d, r)).collect();
            self.store.write_days(
                &rows,
                NewEntry {
                    author: "dagkas".into(),
                    action: crate::store::audit::Action::BookedLinesKept.into(),
                    reason: None,
                    detail: serde_json::json!({"book": b.code, "days": writes.len()}),
                },
            )?;
        }
        Ok(total)
    }

    /// A confirmed day that has not ended by this machine's clock means the clock is behind
    /// now, or was ahead when the day was confirmed: nothing changes the book until the
    /// clock is right (R5 says a day is confirmed only once it has ended).
    pub fn clock_guard(&self, book: &str) -> Result<()> {
        if let Some(d) = self.confirmed_after_today(book)?.last() {
            return refused(crate::text!(
                "refuse-clock-behind",
                date = Day(*d),
                book = book,
                today = Day(self.today)
            ));
        }
        Ok(())
    }

    /// Confirmed days of a book on or after today's business date.
    fn confirmed_after_today(&self, book: &str) -> Result<Vec<NaiveDate>> {
        Ok(self
            .store
            .day_records_apart_from(book, self.today)?
            .into_iter()
            .filter(|(_, (r, _))| r.receipts_confirmed || r.payments_confirmed)
            .map(|(d, _)| d)
            .collect())
    }

    /// R9: only the last confirmed day that is not centralised may be reopened.
    pub fn reopen(&mut self, book: &str, date: NaiveDate, reason: &str, author: &str) -> Result<()> {
        self.reopen_day(book, date, reason, author, false)
    }

    /// Reopen a day confirmed while this machine's clock was ahead: a day that has not
    /// ended by the clock as it is now (R9 still holds: the last confirmed day first).
    pub fn reopen_not_ended(&mut self, book: &str, date: NaiveDate, reason: &str, author: &str) -> Result<()> {
        if date < self.today {
            return refused(crate::text!(
                "refuse-has-ended",
                date = Day(date),
                book = book,
                today = Day(self.today)
            ));
        }
        self.reopen_day(book, date, reason, author, true)
    }

    fn reopen_day(&mut self, book: &str, date: NaiveDate, reason: &str, author: &str, not_ended: bool) -> Result<()> {
        if reason.trim().is_empty() {
            return refused(crate::text!("refuse-reopen-reason"));
        }
        self.book(book)?;
        if !not_ended {
            self.clock_guard(book)?;
        }
        let last = self
            .store
            .last_day_where(book, |r| r.receipts_confirmed || r.payments_confirmed)?;
        let Some(record) = self
            .store
            .day_record(book, date)?
            .filter(|r| r.receipts_confirmed || r.payments_confirmed)
        else {
            return refused(crate::text!("refuse-not-confirmed", date = Day(date), book = book));
        };
        if record.centralised {
            return refused(crate::text!("refuse-centralised", date = Day(date), book = book));
        }
        if last != Some(date) {
            return refused(crate::text!(
                "refuse-not-last",
                book = book,
                last = last.map(Text::Day).unwrap_or_else(|| Text::Plain(String::new()))
            ));
        }
        let mut reopened = record;
        let was = reopened.frozen.take();
        reopened.receipts_confirmed = false;
        reopened.payments_confirmed = false;
        reopened.accepted_drift.clear();
        if let Some(f) = &was {
            reopened.edits = f.edits.clone();
            reopened.corrections = f.corrections.clone();
        }
        self.store.write_days(
            &[(book, date, &reopened)],
            NewEntry {
                author: author.to_string(),
                action: crate::store::audit::Action::Reopen.into(),
                reason: Some(reason.to_string()),
                detail: serde_json::json!({
                    "book": book, "date": date,
                    "confirmed_turnover": was.as_ref().map(|f| fmt(f.turnover)),
                    "confirmed_payments": was.as_ref().map(|f| fmt(f.payments)),
                    "confirmed_by": was.as_ref().map(|f| f.by.clone()),
                    "clock_was_ahead": not_ended,
                }),
            },
        )?;
        Ok(())
    }

    /// R10: book the drift of a confirmed day as a correction on the first open day, or
    /// reopen the day when R9 allows. Returns where it went.
    pub fn resolve(&mut self, book: &str, date: NaiveDate, author: &str) -> Result<Text> {
        self.clock_guard(book)?;
        let view = self.view_of(book, date)?;
        let Some(drift) = view.drift.clone() else {
            return refused(crate::text!("refuse-no-drift", date = Day(date), book = book));
        };
        let last = self.store.last_day_where(book, |r| r.confirmed())?;
        let record = self.store.day_record(book, date)?.unwrap_or_default();
        if last == Some(date) && !record.centralised {
            self.reopen(book, date, &format!("drift: {}", drift.documents.join(", ")), author)?;
            return Ok(crate::text!("resolved-reopened", date = Day(date)));
        }
        let b = self.book(book)?.clone();
        // The first day after it not confirmed whole: every later day is open too (R5).
        let open_date = self
            .store
            .first_open(book, b.start)?
            .max(date + chrono::Duration::days(1));
        if open_date > self.today {
            return refused(crate::text!("refuse-no-open-day", date = Day(date)));
        }
        let frozen = record
            .frozen
            .clone()
            .ok_or_else(|| LedgerError::Refused(crate::text!("refuse-no-figures", date = Day(date))))?;
        let now = self.figures(&b, date)?;
        let mut target = self.store.day_record(book, open_date)?.unwrap_or_default();
        if target.receipts_confirmed || target.payments_confirmed {
            return refused(crate::text!("refuse-partly-confirmed", date = Day(open_date)));
        }
        let mut booked = Vec::new();
        let mut add = |kind: LineKind, was: &BTreeMap<String, Decimal>, is: &BTreeMap<String, Decimal>| {
            let codes: std::collections::BTreeSet<&String> = was.keys().chain(is.keys()).collect();
            for code in codes {
                let delta = is.get(code).copied().unwrap_or_default() - was.get(code).copied().unwrap_or_default();
                if !delta.is_zero() {
                    booked.push(serde_json::json!({"kind": kind, "code": code, "amount": fmt(delta)}));
                    target.corrections.push(Correction {
                        kind,
                        code: code.clone(),
                        amount: delta,
                        original_date: date,
                        documents: drift.documents.clone(),
                        author: author.to_string(),
                        at: Utc::now(),
                    });
                }
            }
        };
        add(LineKind::Turnover, &frozen.figures.turnover, &now.turnover);
        add(LineKind::Payment, &frozen.figures.payments, &now.payments);
        let mut original = record.clone();
        // The drift is now accounted for: these versions (and withdrawals) are accepted.
        original.accepted_drift = now.documents.clone();
        for d in &frozen.figures.documents {
            if !now.documents.iter().any(|n| n.id == d.id) {
                original.accepted_drift.push(DocRef {
                    id: d.id.clone(),
                    version: 0,
                });
            }
        }
        self.store.write_days(
            &[(book, date, &original), (book, open_date, &target)],
            NewEntry {
                author: author.to_string(),
                action: crate::store::audit::Action::Correction.into(),
                reason: Some(format!("drift on {date}: {}", drift.documents.join(", "))),
                detail: serde_json::json!({
                    "book": book, "original_date": date, "booked_on": open_date,
                    "documents": drift.documents, "lines": booked,
                }),
            },
        )?;
        Ok(crate::text!("resolved-booked", date = Day(open_date)))
    }

    /// R20: mark confirmed days through `through` centralised; stops at an unconfirmed day.
    pub fn centralise(&mut self, through: NaiveDate, author: &str) -> Result<(usize, Vec<Stop>)> {
        let mut total = 0;
        let mut stops = Vec::new();
        for b in self.config.daybooks.clone() {
            self.clock_guard(&b.code)?;
            // Days are centralised in order: from the day after the last one centralised. A
            // flag changes; the frozen figures stay as they are, unread.
            let from = self
                .store
                .last_day_where(&b.code, |r| r.centralised)?
                .map_or(b.start, |d| d + chrono::Duration::days(1));
            let mut records = self.store.day_records_apart_between(&b.code, from, through)?;
            let mut changed = Vec::new();
            for date in crate::domain::calendar::dates(from, through) {
                match records.get_mut(&date).map(|(r, _)| r) {
                    Some(r) if r.centralised => {}
                    Some(r) if r.confirmed() => {
                        r.centralised = true;
                        changed.push(date);
                    }
                    _ => {
                        stops.push(Stop {
                            book: b.code.clone(),
                            date,
                            reason: crate::text!("stop-not-confirmed"),
                        });
                        break;
                    }
                }
            }
            if changed.is_empty() {
                continue;
            }
            let mut writes = crate::store::DayWrites::default();
            for d in &changed {
                writes.add_apart(&b.code, *d, &records[d]);
            }
            self.store.write_day_writes(
                writes,
                NewEntry {
                    author: author.to_string(),
                    action: crate::store::audit::Action::Centralise.into(),
                    reason: None,
                    detail: serde_json::json!({
                        "book": b.code, "from": changed.first(), "through": changed.last(), "days": changed.len(),
                    }),
                },
            )?;
            total += changed.len();
        }
        Ok((total, stops))
    }

    /// R12: map a POS code from the review screen or the command line.
    pub fn map_code(&mut self, book: &str, kind: &str, pos_code: &str, target: &str, author: &str) -> Result<()> {
        self.book(book)?;
        self.clock_guard(book)?;
        let valid = target == "ignore"
            || match kind {
                "vat" => self.config.category(target).is_some(),
                "method" => self.config.method(target).is_some(),
                _ => return refused(crate::text!("refuse-mapping-kind", kind = format!("{kind:?}"))),
            };
        if !valid {
            let what = if kind == "vat" {
                crate::text!("word-vat-category")
            } else {
                crate::text!("word-payment-method")
            };
            return refused(crate::text!(
                "refuse-unknown-code",
                what = what,
                code = format!("{target:?}")
            ));
        }
        let mut overlay: MappingOverlay = self.store.state_get(MAPPINGS)?.unwrap_or_default();
        let map = if kind == "vat" {
            &mut overlay.vat
        } else {
            &mut overlay.payment
        };
        let previous = map
            .entry(book.to_string())
            .or_default()
            .insert(pos_code.to_string(), target.to_string());
        let mut config = self.config.clone();
        apply_overlay(&mut config, &overlay);
        let fingerprint = config.fingerprint();
        // The fingerprint moves with the mapping, in the same entry: the next opening does
        // not log a "config changed" that no person made.
        self.store.state_put_pair(
            (MAPPINGS, &overlay),
            (crate::ledger::CONFIG_FINGERPRINT, &fingerprint),
            NewEntry {
                author: author.to_string(),
                action: crate::store::audit::Action::Mapping.into(),
                reason: None,
                detail: serde_json::json!({"book": book, "kind": kind, "pos_code": pos_code, "to": target, "was": previous}),
            },
        )?;
        self.config = config;
        self.refresh_fingerprint();
        Ok(())
    }

    /// `dagkas check`: damage is a problem, states (drift, overdue) are warnings.
    pub fn check(&self) -> Result<CheckReport> {
        let mut report = CheckReport::default();
        let mut warnings = Vec::new();
        let mut problem = |what: &str, message: Text| {
            report.problems.push(Finding {
                what: what.into(),
                message,
            })
        };
        for c in self.frozen_conflicts()? {
            problem("config", crate::text!("chk-config-disagrees-with-what", c = c));
        }
        for b in &self.config.daybooks {
            for d in self.confirmed_after_today(&b.code)? {
                problem(
                    "clock",
                    crate::text!("chk-confirmed-but-by-this", code = b.code, d = d, today = self.today),
                );
            }
            // A part of the book at a time, each continuing where the one before closed:
            // ten years are checked holding a quarter of a year of views and records.
            let mut previous_confirmed = true;
            self.each_view_to_change(&b.code, b.start, self.yesterday(), |views| {
                let (Some(first), Some(last)) = (views.first(), views.last()) else {
                    return Ok(());
                };
                let records = self.store.day_records_between(&b.code, first.date, last.date)?;
                for v in &views {
                    let Some(record) = records.get(&v.date) else {
                        previous_confirmed = false;
                        continue;
                    };
                    if !record.confirmed() {
                        previous_confirmed = false;
                        continue;
                    }
                    let here = format!("{} {}", b.code, v.date);
                    if !previous_confirmed {
                        problem("chain", crate::text!("chk-confirmed-while-day-before", here = here));
                    }
                    let Some(frozen) = &record.frozen else {
                        problem(
                            "store",
                            crate::text!("chk-confirmed-without-its-confirmed", here = here),
                        );
                        continue;
                    };
                    for j in &v.cash {
                        if !j.chained {
                            problem(
                                "chain",
                                crate::text!(
                                    "chk-cash-journal-opens-at",
                                    here = here,
                                    journal = j.journal,
                                    opening = fmt(j.opening)
                                ),
                            );
                        }
                        if let Some(at) = &j.day.negative {
                            problem(
                                "negative",
                                crate::text!(
                                    "chk-cash-journal-goes-negative",
                                    here = here,
                                    journal = j.journal,
                                    time = at.time.0.format("%H:%M"),
                                    document = at.document
                                ),
                            );
                        }
                        if let Some((_, closing)) = frozen.cash.get(&j.journal) {
                            if *closing != j.day.closing {
                                problem(
                                    "cash",
                                    crate::text!(
                                        "chk-cash-journal-closes-at",
                                        here = here,
                                        journal = j.journal,
                                        closing = fmt(j.closing),
                                        confirmed = fmt(closing.values().sum())
                                    ),
                                );
                            }
                        }
                    }
                    if v.turnover != v.payments {
                        problem(
                            "balance",
                            format!(
                                "{here}: turnover {} ≠ payments {} (R1)",
                                fmt(v.turnover),
                                fmt(v.payments)
                            )
                            .into(),
                        );
                    }
                    if frozen.turnover != v.turnover || frozen.payments != v.payments {
                        problem(
                            "totals",
                            crate::text!(
                                "chk-stored-totals-differ-from",
                                here = here,
                                turnover = fmt(frozen.turnover),
                                payments = fmt(frozen.payments),
                                book_turnover = fmt(v.turnover),
                                book_payments = fmt(v.payments)
                            ),
                        );
                    }
                    // The documents as they stood when the day was confirmed give the same day.
                    let mut docs = Vec::new();
                    let stood = self.store.versions_on(&b.source, v.date, &frozen.figures.documents)?;
                    for (r, version) in frozen.figures.documents.iter().zip(stood) {
                        match version {
                            Some(version) => docs.push((r.clone(), version.doc)),
                            None => problem(
                                "documents",
                                crate::text!(
                                    "chk-document-batch-missing-from",
                                    here = here,
                                    id = r.id,
                                    version = r.version
                                ),
                            ),
                        }
                    }
                    let again = build_day(&self.config, b, &docs);
                    if again.turnover != frozen.figures.turnover
                        || again.payments != frozen.figures.payments
                        || again.cash != frozen.figures.cash
                    {
                        problem(
                            "recompute",
                            crate::text!("chk-confirmed-figures-differ-from", here = here),
                        );
                    }
                    let opening_cash: BTreeMap<_, _> =
                        frozen.cash.iter().map(|(k, (o, _))| (k.clone(), o.clone())).collect();
                    for (journal, opening) in opening_cash {
                        let moves: Vec<_> = frozen.figures.cash.iter().filter(|m| m.journal == journal).collect();
                        let day = run_day(&opening, &moves);
                        if day.negative.is_some() {
                            problem(
                                "negative",
                                crate::text!("chk-cash-journal-went-negative", here = here, journal = journal),
                            );
                        }
                    }
                }
                for v in &views {
                    if v.drift.is_some() {
                        warnings.push(Finding {
                            what: "drift".into(),
                            message: v
                                .blockers
                                .iter()
                                .find(|x| matches!(x, Blocker::Drift { .. }))
                                .map(Blocker::text)
                                .unwrap_or_else(|| Text::Plain(String::new()))
                                .at(format!("{} {}", b.code, v.date)),
                        });
                    }
                    // What waits for a person or for its data: states, not damage.
                    for x in &v.blockers {
                        if let Blocker::Held { .. } | Blocker::Waiting { .. } = x {
                            warnings.push(Finding {
                                what: x.word().into(),
                                message: x.text().at(format!("{} {}", b.code, v.date)),
                            });
                        }
                    }
                    if v.overdue && v.status == Status::Proposed {
                        warnings.push(Finding {
                            what: "overdue".into(),
                            message: crate::text!(
                                "chk-proposal-older-than-day",
                                code = b.code,
                                date = v.date,
                                overdue_days = b.overdue_days
                            ),
                        });
                    }
                }
                Ok(())
            })?;
        }
        report.warnings.extend(warnings);
        for brk in self.store.verify_audit()? {
            report.problems.push(Finding {
                what: "audit".into(),
                message: crate::text!("chk-audit-entry", seq = brk.seq, message = brk.message),
            });
        }
        Ok(report)
    }
}
