//! Sync runs: pull every source since its cursor. The `file` source re-reads its `path`
//! (imports are idempotent, so only new and changed documents count); each run is an
//! audited import batch, listed by `dagkas sync --log`.

use std::path::PathBuf;

use crate::domain::config::SourceKind;
use crate::ledger::{Ledger, LedgerError, Result};

/// One run over every source that can be pulled; returns a one-line summary.
pub fn sync_files(ledger: &mut Ledger, author: &str) -> Result<String> {
    let sources: Vec<_> = ledger.config.sources.clone();
    let mut parts = Vec::new();
    for s in sources {
        match s.kind {
            SourceKind::File => {
                let Some(path) = s.settings.get("path") else {
                    parts.push(format!("{}: no path (use dagkas import)", s.name));
                    continue;
                };
                let path = PathBuf::from(path);
                let report = ledger.import_file(&s.name, &path, author, |_| {})?;
                let c = &report.counts;
                parts.push(format!(
                    "{}: {} new, {} changed, {} voided",
                    s.name, c.new, c.changed, c.voided
                ));
            }
            other => {
                return Err(LedgerError::Refused(format!(
                "source {:?} is of kind {}: this build has no {} connector; import its documents with dagkas import",
                s.name,
                other.as_str(),
                other.as_str()
            )))
            }
        }
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
