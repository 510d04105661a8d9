//! Sync runs: pull every source since its cursor. A run fetches everything first and then
//! imports it as one batch; the cursor moves only after that batch is committed, so a
//! failed run stores nothing and the next run starts where the last good one ended.

use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::config::{parse_interval, Source, SourceKind};
use crate::domain::document::Document;
use crate::ledger::{Ledger, LedgerError, Result};
use crate::pos::mplus::MplusClient;
use crate::store::audit::NewEntry;

/// Where the next run of a source starts (the POS's own sync markers).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub receipts: i64,
    pub invoices: i64,
}

fn cursor_key(source: &str) -> String {
    format!("cursor:{source}")
}

/// One run over every source; returns a one-line summary.
pub fn sync_all(ledger: &mut Ledger, author: &str) -> Result<String> {
    let sources: Vec<Source> = ledger.config.sources.clone();
    let mut parts = Vec::new();
    for s in &sources {
        parts.push(sync_source(ledger, s, author)?);
    }
    let auto = ledger.confirm_immediate()?;
    ledger.register_debtors(author)?;
    if !auto.confirmed.is_empty() {
        parts.push(format!(
            "{} day(s) confirmed by the immediate mode",
            auto.confirmed.len()
        ));
    }
    if parts.is_empty() {
        return Ok("no source to sync".into());
    }
    Ok(format!("sync done: {}", parts.join("; ")))
}

/// R2: receipts from the book's start, invoices from `invoices_from`, over the day books of
/// this source. The sync marker already limits a run to what was added or changed since
/// the last one; a change on a confirmed day must still arrive, to show as drift (R10).
fn fetch_from(ledger: &Ledger, source: &str) -> Result<(NaiveDate, NaiveDate)> {
    let mut receipts = None::<NaiveDate>;
    let mut invoices = None::<NaiveDate>;
    for b in ledger.config.daybooks.iter().filter(|b| b.source == source) {
        let from = b.start;
        receipts = Some(receipts.map_or(from, |r| r.min(from)));
        invoices = Some(invoices.map_or(b.invoices_from, |i| i.min(b.invoices_from)));
    }
    let r = receipts.unwrap_or(NaiveDate::MIN);
    Ok((r, invoices.unwrap_or(r)))
}

pub fn sync_source(ledger: &mut Ledger, s: &Source, author: &str) -> Result<String> {
    match s.kind {
        SourceKind::File => {
            let Some(path) = s.settings.get("path") else {
                return Ok(format!("{}: no path (use dagkas import)", s.name));
            };
            let report = ledger.import_file(&s.name, &PathBuf::from(path), author, |_| {})?;
            let c = &report.counts;
            Ok(format!(
                "{}: {} new, {} changed, {} voided",
                s.name, c.new, c.changed, c.voided
            ))
        }
        SourceKind::Mplus => {
            let url = s.settings.get("url").cloned().unwrap_or_default();
            let ident = s.settings.get("ident").cloned().unwrap_or_default();
            let secret = crate::settings::read_secret(
                s.settings.get("secret_env").map(String::as_str),
                s.settings.get("secret_file").map(PathBuf::from).as_deref(),
            )
            .map_err(|e| LedgerError::Refused(format!("source {:?}: {e}", s.name)))?;
            let timeout = s.settings.get("timeout").and_then(|t| parse_interval(t)).unwrap_or(600);
            sync_mplus(ledger, s, &url, &ident, &secret, Duration::from_secs(timeout), author)
        }
        SourceKind::Demo => sync_demo(ledger, s, author),
        other => Err(LedgerError::Refused(format!(
            "source {:?} is of kind {}: this build has no {} connector yet; import its documents with dagkas import",
            s.name,
            other.as_str(),
            other.as_str()
        ))),
    }
}

/// Fetch receipts and invoices since the cursor, import them as one batch, move the cursor.
pub fn sync_mplus(
    ledger: &mut Ledger,
    s: &Source,
    url: &str,
    ident: &str,
    secret: &str,
    timeout: Duration,
    author: &str,
) -> Result<String> {
    let cursor: Cursor = ledger.store.state_get(&cursor_key(&s.name))?.unwrap_or_default();
    let (receipts_from, invoices_from) = fetch_from(ledger, &s.name)?;
    let tz = ledger.config.dossier.calendar.timezone;
    let client = MplusClient::new(url, ident, secret, tz, timeout)
        .map_err(|e| LedgerError::Refused(format!("source {:?}: {e}", s.name)))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|source| LedgerError::Io {
            path: "tokio".into(),
            source,
        })?;
    let fetched = runtime.block_on(async {
        let (receipts, r_next) = client.receipts(cursor.receipts, receipts_from, 500).await?;
        let (invoices, i_next) = client.invoices(cursor.invoices, invoices_from, 500).await?;
        Ok::<_, crate::pos::PosError>((receipts, r_next, invoices, i_next))
    });
    let (receipts, r_next, invoices, i_next) = match fetched {
        Ok(f) => f,
        Err(e) => {
            let message = format!(
                "source {:?}: {e}; nothing was stored, the next run starts from the same point",
                s.name
            );
            ledger.store.append_audit(NewEntry {
                author: author.into(),
                action: "sync failed".into(),
                reason: None,
                detail: serde_json::json!({"source": s.name, "error": e.to_string()}),
            })?;
            return Err(LedgerError::Refused(message));
        }
    };
    let mut docs: Vec<Document> = Vec::new();
    let mut ignored = Vec::new();
    for r in &receipts {
        match client.receipt_document(r) {
            Ok(Some(d)) => docs.push(d),
            Ok(None) => {}
            Err(e) => ignored.push(format!("receipt {}: {e}", r.text_of("receiptId").unwrap_or("?"))),
        }
    }
    for i in &invoices {
        match client.invoice_documents(i) {
            Ok(d) => docs.extend(d),
            Err(e) => ignored.push(format!("invoice {}: {e}", i.text_of("invoiceId").unwrap_or("?"))),
        }
    }
    // A document the book could not trust (e.g. a receipt that does not balance) is left
    // out of the batch and named in the log.
    docs.retain(|d| {
        let line = serde_json::to_string(d).expect("documents serialise");
        match crate::domain::document::parse_line(line.as_bytes()) {
            Ok(_) => true,
            Err(e) => {
                ignored.push(e);
                false
            }
        }
    });
    let fetched_n = docs.len();
    let report = ledger.import_documents(
        &s.name,
        &format!("sync {} ({} documents)", s.name, fetched_n),
        author,
        docs,
    )?;
    let next = Cursor {
        receipts: r_next,
        invoices: i_next,
    };
    if next != cursor {
        ledger.store.state_put(
            &cursor_key(&s.name),
            &next,
            NewEntry {
                author: author.into(),
                action: "sync cursor".into(),
                reason: None,
                detail: serde_json::json!({"source": s.name, "receipts": next.receipts, "invoices": next.invoices, "batch": report.batch, "ignored": ignored}),
            },
        )?;
    }
    let c = &report.counts;
    let mut line = format!(
        "{}: {} new, {} changed, {} unchanged",
        s.name, c.new, c.changed, c.unchanged
    );
    if !ignored.is_empty() {
        let shown: Vec<&str> = ignored.iter().take(3).map(String::as_str).collect();
        let more = if ignored.len() > 3 {
            format!("; {} more in the audit log", ignored.len() - 3)
        } else {
            String::new()
        };
        line.push_str(&format!(", {} ignored ({}{more})", ignored.len(), shown.join("; ")));
    }
    Ok(line)
}

/// The `demo` source: the built-in fake POS on 127.0.0.1, fed from the source's `path` (or
/// a generated shop), spoken to through the real connector of its `protocol`.
fn sync_demo(ledger: &mut Ledger, s: &Source, author: &str) -> Result<String> {
    let protocol = s.settings.get("protocol").map(String::as_str).unwrap_or("mplus");
    if protocol != "mplus" {
        return Err(LedgerError::Refused(format!(
            "source {:?}: the demo POS speaks mplus in this build (protocol {protocol:?} is not available yet)",
            s.name
        )));
    }
    let mut docs = Vec::new();
    match s.settings.get("path") {
        Some(path) => {
            let mut bad = Vec::new();
            crate::pos::file::read_jsonl(std::path::Path::new(path), |line, parsed| match parsed {
                Ok(d) => docs.push(d),
                Err(e) => bad.push(format!("{path}:{line}: {e}")),
            })
            .map_err(|source| LedgerError::Io {
                path: path.clone(),
                source,
            })?;
            if !bad.is_empty() {
                return Err(LedgerError::BadInput(bad));
            }
        }
        None => {
            let seed = s.settings.get("seed").and_then(|x| x.parse().ok()).unwrap_or(1);
            let start = ledger
                .config
                .daybooks
                .iter()
                .filter(|b| b.source == s.name)
                .map(|b| b.start)
                .min()
                .unwrap_or(ledger.today);
            let days = (ledger.today - start).num_days().max(1) as u32;
            let spec = crate::gen::GenSpec {
                docs: 60 * u64::from(days),
                days,
                branches: 2,
                seed,
                start,
            };
            crate::gen::generate(&spec, |d| docs.push(d));
        }
    }
    let calendar = ledger.config.dossier.calendar;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .map_err(|source| LedgerError::Io {
            path: "tokio".into(),
            source,
        })?;
    let secret = format!("demo-{}", std::process::id());
    let fake = runtime
        .block_on(crate::pos::fake::mplus::FakeMplus::start(calendar, "demo", &secret))
        .map_err(|source| LedgerError::Io {
            path: "127.0.0.1".into(),
            source,
        })?;
    fake.load(docs);
    let url = fake.url();
    // The connector runs its own runtime; the fake keeps serving on this one's thread.
    let result = std::thread::scope(|scope| {
        scope
            .spawn(|| sync_mplus(ledger, s, &url, "demo", &secret, Duration::from_secs(60), author))
            .join()
            .unwrap_or_else(|_| Err(LedgerError::Refused("the demo sync stopped unexpectedly".into())))
    });
    drop(fake);
    runtime.shutdown_background();
    result
}
