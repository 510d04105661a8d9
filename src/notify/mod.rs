//! Reports and alerts by e-mail and webhook (`[[notify]]`): after each sync run, what is new
//! since the last message of each entry is written in the dossier's language and sent. What
//! was sent is recorded in the store, so a restart or a retry never sends it twice, and a
//! run that brings nothing new sends nothing. A message that cannot be sent never fails the
//! sync: it waits, with a growing pause, for a later run, and the failure is in the sync log.

pub mod send;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::book::{Blocker, DayView};
use crate::domain::config::{Notify, Report};
use crate::i18n::Lang;
use crate::ledger::{Ledger, Result};
use crate::store::audit::NewEntry;

/// One message, in its plain text, its HTML alternative and, for webhooks, as data.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub kind: &'static str,
    pub subject: String,
    pub lines: Vec<Line>,
    pub data: serde_json::Value,
}

/// A line of a message: a heading, or an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Heading(String),
    Item(String),
    Text(String),
}

impl Message {
    pub fn text(&self, footer: &str) -> String {
        let mut out = String::new();
        for l in &self.lines {
            match l {
                Line::Heading(h) => out.push_str(&format!("\n{h}\n")),
                Line::Item(i) => out.push_str(&format!("  {i}\n")),
                Line::Text(t) => out.push_str(&format!("{t}\n")),
            }
        }
        out.push_str(&format!("\n-- \n{footer}\n"));
        out.trim_start().to_string()
    }

    /// HTML for a phone's mail app: one column, no tables wider than the screen.
    pub fn html(&self, footer: &str) -> String {
        let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        let mut out = String::from(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"></head><body style=\"font-family:sans-serif;font-size:15px;max-width:40em\">",
        );
        out.push_str(&format!("<h2 style=\"font-size:17px\">{}</h2>", esc(&self.subject)));
        let mut open = false;
        for l in &self.lines {
            match l {
                Line::Heading(h) | Line::Text(h) => {
                    if open {
                        out.push_str("</ul>");
                        open = false;
                    }
                    let tag = if matches!(l, Line::Heading(_)) { "h3" } else { "p" };
                    out.push_str(&format!("<{tag}>{}</{tag}>", esc(h)));
                }
                Line::Item(i) => {
                    if !open {
                        out.push_str("<ul>");
                        open = true;
                    }
                    out.push_str(&format!("<li>{}</li>", esc(i)));
                }
            }
        }
        if open {
            out.push_str("</ul>");
        }
        out.push_str(&format!(
            "<p style=\"color:#777;font-size:12px\">{}</p></body></html>",
            esc(footer)
        ));
        out
    }
}

/// What an entry has sent, in the store (`notify:LABEL`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Sent {
    /// The last batch reported in an import report.
    import_batch: u64,
    /// The last `sync failed` audit entry reported.
    failure_seq: u64,
    /// The last business day whose turnover was reported.
    turnover_through: Option<NaiveDate>,
    /// The alerts standing at the last alert message (an alert that clears and comes back
    /// is sent again).
    alerts: BTreeSet<String>,
    /// Failed attempts in a row, and when to try again.
    failures: u32,
    retry_at: Option<DateTime<Utc>>,
    last_error: Option<String>,
}

/// What the messages are made from, read from the store once per run, whatever the
/// number of entries; the days (every day of every book, as a list shows them) only when
/// an entry needs them.
struct Facts<'l> {
    ledger: &'l Ledger,
    batches: Vec<(u64, crate::store::BatchInfo)>,
    audit: Vec<crate::store::audit::AuditEntry>,
    views: Option<Vec<DayView>>,
}

impl Facts<'_> {
    fn views(&mut self) -> Result<&[DayView]> {
        if self.views.is_none() {
            // The listed form of each day, read from the kept chain: the reports and alerts
            // need a day's totals, status, drift and blockers, not its figures, so a run of
            // the sync service does not build ten years of days for them.
            let ledger = self.ledger;
            let mut views = Vec::new();
            for b in &ledger.config.daybooks {
                views.extend(ledger.light_views_between(&b.code, b.start, ledger.yesterday())?);
            }
            self.views = Some(views);
        }
        Ok(self.views.as_deref().unwrap_or_default())
    }
}

fn key(n: &Notify) -> String {
    format!("notify:{}", n.label())
}

/// After a sync run: send what is new to every `[[notify]]` entry. Returns one line per
/// entry that could not send (for the sync log and the status line); never an error that
/// would fail the sync, except the store's own.
pub fn after_run(ledger: &Ledger, author: &str, run_started: DateTime<Utc>) -> Result<Vec<String>> {
    let lang = Lang::pick(ledger.config.language.as_deref());
    let mut problems = Vec::new();
    let now = Utc::now();
    if ledger.config.notify.is_empty() {
        return Ok(problems);
    }
    let mut facts = Facts {
        ledger,
        batches: ledger.store.batches()?,
        audit: ledger.store.audit_entries()?,
        views: None,
    };
    for entry in &ledger.config.notify {
        let mut sent: Sent = match ledger.store.state_get(&key(entry))? {
            Some(s) => s,
            None => baseline(&facts, run_started),
        };
        if sent.retry_at.is_some_and(|at| at > now) {
            problems.push(format!(
                "{}: not sent yet ({}); next try after {}",
                entry.label(),
                sent.last_error.clone().unwrap_or_default(),
                sent.retry_at
                    .expect("checked")
                    .with_timezone(&chrono::Local)
                    .format("%H:%M")
            ));
            continue;
        }
        let before = sent.clone();
        let outcome = send_new(&mut facts, entry, &lang, &mut sent);
        if let Err(e) = &outcome {
            sent.failures += 1;
            // 1, 2, 4 … 32 minutes (`DAGKAS_NOTIFY_BACKOFF_S` sets the first pause).
            let first = std::env::var("DAGKAS_NOTIFY_BACKOFF_S")
                .ok()
                .and_then(|s| s.parse::<i64>().ok())
                .unwrap_or(60);
            let pause = chrono::Duration::seconds(first << sent.failures.min(6).saturating_sub(1));
            sent.retry_at = Some(now + pause);
            sent.last_error = Some(e.clone());
            problems.push(format!(
                "{}: {e}; trying again after {} s",
                entry.label(),
                pause.num_seconds()
            ));
        } else {
            sent.failures = 0;
            sent.retry_at = None;
            sent.last_error = None;
        }
        if sent != before {
            let action = if outcome.is_ok() {
                crate::store::audit::Action::NotifySent
            } else {
                crate::store::audit::Action::NotifyFailed
            };
            ledger.store.state_put(
                &key(entry),
                &sent,
                NewEntry {
                    author: author.into(),
                    action: action.into(),
                    reason: None,
                    detail: serde_json::json!({"to": entry.label(), "error": outcome.err()}),
                },
            )?;
        }
    }
    Ok(problems)
}

/// A new entry starts with the run that first sees it: it reports that run and what comes
/// after, and yesterday's turnover, not the dossier's history.
fn baseline(facts: &Facts, run_started: DateTime<Utc>) -> Sent {
    let import_batch = facts
        .batches
        .iter()
        .filter(|(_, b)| b.started < run_started)
        .map(|(n, _)| *n)
        .max()
        .unwrap_or(0);
    let failure_seq = facts
        .audit
        .iter()
        .filter(|e| e.at < run_started)
        .map(|e| e.seq)
        .max()
        .unwrap_or(0);
    Sent {
        import_batch,
        failure_seq,
        turnover_through: facts.ledger.yesterday().pred_opt(),
        ..Sent::default()
    }
}

/// Compose and send what is new, recording each message in `sent` as it goes out.
fn send_new(facts: &mut Facts, entry: &Notify, lang: &Lang, sent: &mut Sent) -> std::result::Result<(), String> {
    let ledger = facts.ledger;
    let dossier = &ledger.config.dossier.name;
    if entry.what.contains(&Report::Import) {
        let (message, batch, seq) = import_report(facts, lang, sent);
        if let Some(message) = message {
            send::deliver(entry, lang, dossier, &message)?;
        }
        sent.import_batch = batch;
        sent.failure_seq = seq;
    }
    if entry.what.contains(&Report::Turnover) {
        let views = facts.views().map_err(|e| e.to_string())?;
        // Each business day once, after its cutoff; at most a week after a long pause.
        let yesterday = ledger.yesterday();
        let mut day = sent
            .turnover_through
            .and_then(|d| d.succ_opt())
            .unwrap_or(yesterday)
            .max(yesterday - chrono::Days::new(6));
        while day <= yesterday {
            let of_day: Vec<&DayView> = views.iter().filter(|v| v.date == day).collect();
            // A day whose data has not all come is reported once it came (decision 73):
            // never its partial figures as the day's turnover.
            let waiting = of_day
                .iter()
                .any(|v| v.blockers.iter().any(|b| matches!(b, Blocker::Waiting { .. })));
            if waiting {
                break;
            }
            if !of_day.is_empty() {
                send::deliver(entry, lang, dossier, &turnover_report(ledger, lang, day, &of_day))?;
            }
            sent.turnover_through = Some(day);
            day = day.succ_opt().expect("a next day");
        }
    }
    if entry.what.contains(&Report::Alerts) {
        facts.views().map_err(|e| e.to_string())?;
        let standing = alerts(facts, lang, entry);
        let new: Vec<&String> = standing
            .iter()
            .filter(|(k, _)| !sent.alerts.contains(*k))
            .map(|(_, v)| v)
            .collect();
        if !new.is_empty() {
            let mut lines = vec![Line::Text(lang.t("alert-intro", &[]))];
            lines.extend(new.iter().map(|t| Line::Item((*t).clone())));
            let message = Message {
                kind: "alerts",
                subject: lang.t("alert-subject", &[("dossier", dossier.clone())]),
                lines,
                data: serde_json::json!({"alerts": new}),
            };
            send::deliver(entry, lang, dossier, &message)?;
        }
        sent.alerts = standing.into_keys().collect();
    }
    Ok(())
}

/// The batches and failed runs since the last report, if anything was brought or failed.
fn import_report(facts: &Facts, lang: &Lang, sent: &Sent) -> (Option<Message>, u64, u64) {
    let ledger = facts.ledger;
    let batches: Vec<_> = facts
        .batches
        .iter()
        .filter(|(n, b)| *n > sent.import_batch && b.committed)
        .collect();
    let failures: Vec<_> = facts
        .audit
        .iter()
        .filter(|e| e.seq > sent.failure_seq && e.action == crate::store::audit::Action::SyncFailed)
        .collect();
    // What the runs held for a decision (decision 74): counted as the runs reported it.
    let held: Vec<_> = facts
        .audit
        .iter()
        .filter(|e| e.seq > sent.failure_seq && e.action == crate::store::audit::Action::SyncCursor)
        .filter(|e| e.detail["held"].as_array().is_some_and(|h| !h.is_empty()))
        .collect();
    let last_batch = batches.last().map(|(n, _)| *n).unwrap_or(sent.import_batch);
    let last_seq = failures
        .iter()
        .chain(&held)
        .map(|e| e.seq)
        .max()
        .unwrap_or(sent.failure_seq);
    let brought: Vec<_> = batches
        .iter()
        .filter(|(_, b)| b.counts.new + b.counts.changed + b.counts.voided > 0)
        .collect();
    if brought.is_empty() && failures.is_empty() && held.is_empty() {
        // Nothing to tell (a run that brought nothing new sends nothing).
        return (None, last_batch, last_seq);
    }
    let mut lines = vec![Line::Text(lang.t("import-intro", &[]))];
    let mut data = Vec::new();
    for (_, b) in &brought {
        lines.push(Line::Heading(lang.t(
            "import-batch",
            &[
                ("source", b.source.clone()),
                ("new", b.counts.new.to_string()),
                ("changed", b.counts.changed.to_string()),
                ("voided", b.counts.voided.to_string()),
            ],
        )));
        for (date, count) in &b.per_day {
            lines.push(Line::Item(lang.t(
                "import-day",
                &[("date", lang.date(*date)), ("count", count.to_string())],
            )));
        }
        data.push(serde_json::json!({"source": b.source, "new": b.counts.new, "changed": b.counts.changed, "voided": b.counts.voided, "per_day": b.per_day}));
    }
    let mut kept = Vec::new();
    for e in &held {
        let source = e.detail["source"].as_str().unwrap_or("").to_string();
        let docs: Vec<String> = e.detail["held"]
            .as_array()
            .map(|h| h.iter().filter_map(|d| d.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        lines.push(Line::Heading(lang.t(
            "import-held",
            &[("source", source.clone()), ("count", docs.len().to_string())],
        )));
        lines.extend(docs.iter().map(|d| Line::Item(d.clone())));
        kept.push(serde_json::json!({"source": source, "held": docs}));
    }
    let mut failed = Vec::new();
    for f in &failures {
        let source = f.detail["source"].as_str().unwrap_or("").to_string();
        let reason = f.detail["error"].as_str().unwrap_or("").to_string();
        lines.push(Line::Item(lang.t(
            "import-failed",
            &[("source", source.clone()), ("reason", reason.clone())],
        )));
        failed.push(serde_json::json!({"source": source, "reason": reason, "at": f.at}));
    }
    let message = Message {
        kind: "import",
        subject: lang.t("import-subject", &[("dossier", ledger.config.dossier.name.clone())]),
        lines,
        data: serde_json::json!({"batches": data, "held": kept, "failures": failed}),
    };
    (Some(message), last_batch, last_seq)
}

/// The turnover of one business day: per day book and VAT category, payments per method,
/// the cash closing per journal, with the same amounts as `dagkas days`.
fn turnover_report(ledger: &Ledger, lang: &Lang, day: NaiveDate, views: &[&DayView]) -> Message {
    let mut lines = Vec::new();
    let mut data = Vec::new();
    for v in views {
        let status = lang.t(&format!("status-{}", v.status.as_str()), &[]);
        lines.push(Line::Heading(
            lang.t("turnover-book", &[("book", v.book.clone()), ("status", status)]),
        ));
        for c in &v.categories {
            let rate = if c.rate == "NA" {
                "NA".to_string()
            } else {
                format!("{}%", c.rate)
            };
            lines.push(Line::Item(lang.t(
                "turnover-category",
                &[
                    ("code", c.code.clone()),
                    ("rate", rate),
                    ("incl", lang.money(c.incl)),
                    ("vat", lang.money(c.vat.unwrap_or_default())),
                ],
            )));
        }
        for m in &v.methods {
            lines.push(Line::Item(lang.t(
                "turnover-method",
                &[("code", m.code.clone()), ("amount", lang.money(m.amount))],
            )));
        }
        lines.push(Line::Item(lang.t(
            "turnover-total",
            &[
                ("turnover", lang.money(v.turnover)),
                ("payments", lang.money(v.payments)),
            ],
        )));
        for j in &v.cash {
            lines.push(Line::Item(lang.t(
                "turnover-cash",
                &[("journal", j.journal.clone()), ("closing", lang.money(j.closing))],
            )));
        }
        let money = |d: rust_decimal::Decimal| crate::domain::money::fmt(d);
        data.push(serde_json::json!({
            "book": v.book, "status": v.status.as_str(),
            "turnover": money(v.turnover), "payments": money(v.payments),
            "categories": v.categories.iter().map(|c| serde_json::json!({"code": c.code, "rate": c.rate, "incl": money(c.incl), "vat": c.vat.map(money)})).collect::<Vec<_>>(),
            "methods": v.methods.iter().map(|m| serde_json::json!({"code": m.code, "amount": money(m.amount)})).collect::<Vec<_>>(),
            "cash": v.cash.iter().map(|j| serde_json::json!({"journal": j.journal, "closing": money(j.closing)})).collect::<Vec<_>>(),
        }));
    }
    Message {
        kind: "turnover",
        subject: lang.t(
            "turnover-subject",
            &[
                ("dossier", ledger.config.dossier.name.clone()),
                ("date", lang.date(day)),
            ],
        ),
        lines,
        data: serde_json::json!({"date": day, "books": data}),
    }
}

/// The alerts standing now, each under a key that names one occurrence.
fn alerts(facts: &Facts, lang: &Lang, entry: &Notify) -> BTreeMap<String, String> {
    let ledger = facts.ledger;
    let (batches, audit) = (&facts.batches, &facts.audit);
    let views = facts.views.as_deref().unwrap_or_default();
    let mut out = BTreeMap::new();
    let now = Utc::now();
    for s in &ledger.config.sources {
        let last_ok = batches
            .iter()
            .filter(|(_, b)| b.committed && b.source == s.name)
            .filter_map(|(_, b)| b.ended)
            .max();
        match last_ok {
            Some(at) if (now - at).num_seconds() > entry.stale_after_secs as i64 => {
                let since = at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string();
                out.insert(
                    format!("stale:{}:{at}", s.name),
                    lang.t("alert-stale", &[("source", s.name.clone()), ("since", since)]),
                );
            }
            _ => {}
        }
        // Failed runs since the last success, in a row.
        let failed: Vec<_> = audit
            .iter()
            .filter(|e| {
                e.action == crate::store::audit::Action::SyncFailed
                    && e.detail["source"] == s.name.as_str()
                    && last_ok.is_none_or(|ok| e.at > ok)
            })
            .collect();
        if failed.len() >= entry.failures as usize {
            let first = failed.first().expect("at least one");
            let reason = failed.last().expect("at least one").detail["error"]
                .as_str()
                .unwrap_or("")
                .to_string();
            out.insert(
                format!("failing:{}:{}", s.name, first.seq),
                lang.t(
                    "alert-failing",
                    &[
                        ("source", s.name.clone()),
                        ("count", failed.len().to_string()),
                        ("reason", reason),
                    ],
                ),
            );
        }
    }
    for v in views {
        let (book, date) = (v.book.clone(), lang.date(v.date));
        if v.overdue && !v.is_confirmed() {
            let days = ledger.book(&v.book).map(|b| b.overdue_days).unwrap_or(1);
            out.insert(
                format!("overdue:{}:{}", v.book, v.date),
                lang.t(
                    "alert-overdue",
                    &[
                        ("book", book.clone()),
                        ("date", date.clone()),
                        ("days", days.to_string()),
                    ],
                ),
            );
        }
        if let Some(d) = &v.drift {
            out.insert(
                format!("drift:{}:{}:{}", v.book, v.date, d.documents.join(",")),
                lang.t(
                    "alert-drift",
                    &[
                        ("book", book.clone()),
                        ("date", date.clone()),
                        ("documents", d.documents.join(", ")),
                    ],
                ),
            );
        }
        for b in &v.blockers {
            if let Blocker::Held {
                source,
                document,
                reason,
                ..
            } = b
            {
                out.insert(
                    format!("held:{}:{}:{source}:{document}", v.book, v.date),
                    lang.t(
                        "alert-held",
                        &[
                            ("book", book.clone()),
                            ("date", date.clone()),
                            ("source", source.clone()),
                            ("document", document.clone()),
                            ("reason", reason.clone()),
                        ],
                    ),
                );
            }
            if let Blocker::NegativeCash { journal, .. } = b {
                out.insert(
                    format!("negative:{}:{}:{journal}", v.book, v.date),
                    lang.t(
                        "alert-negative",
                        &[
                            ("book", book.clone()),
                            ("date", date.clone()),
                            ("journal", journal.clone()),
                        ],
                    ),
                );
            }
        }
    }
    out
}

/// `dagkas notify test`: one test message per entry; what each server said.
pub fn test_all(ledger: &Ledger) -> Vec<(String, std::result::Result<String, String>)> {
    let lang = Lang::pick(ledger.config.language.as_deref());
    let dossier = &ledger.config.dossier.name;
    ledger
        .config
        .notify
        .iter()
        .map(|entry| {
            let message = Message {
                kind: "test",
                subject: lang.t("test-subject", &[("dossier", dossier.clone())]),
                lines: vec![Line::Text(
                    lang.t("test-body", &[("dossier", dossier.clone()), ("channel", entry.label())]),
                )],
                data: serde_json::json!({}),
            };
            (entry.label(), send::deliver(entry, &lang, dossier, &message))
        })
        .collect()
}
