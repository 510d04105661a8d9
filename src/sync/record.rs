//! The record of a dossier's last sync run, by whoever ran it, and what follows a run.

use super::*;
use crate::domain::text::Text;

/// The last sync run of a dossier, by whoever ran it (the service, a review screen, a
/// `sync --once`), kept beside the store for the status line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastRun {
    pub at: chrono::DateTime<chrono::Utc>,
    pub by: String,
    /// `service`, `tui` or `once`.
    pub how: String,
    pub ok: bool,
    pub summary: String,
    /// Notifications that could not be sent after this run (they are tried again later).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notify: Vec<String>,
}

pub(super) const LAST_RUN: &str = "last-sync.json";

/// After a sync run, by whoever ran it: the notifications of what it brought, then the
/// record of the run. A notification that cannot be sent does not change the run's result.
pub fn finish_run(
    ledger: &Ledger,
    by: &str,
    how: &str,
    started: chrono::DateTime<chrono::Utc>,
    result: &Result<Text>,
) -> Vec<String> {
    let notify = match crate::notify::after_run(ledger, by, started) {
        Ok(problems) => problems,
        Err(e) => vec![format!("notifications: {e}")],
    };
    for p in &notify {
        tracing::warn!("notify: {p}");
    }
    record_run(ledger, by, how, result, &notify);
    notify
}

/// The record of the run: a file in the data dir beside the embedded store, a record in the
/// PostgreSQL store (where every machine's review screen reads it).
pub(super) fn record_run(ledger: &Ledger, by: &str, how: &str, result: &Result<Text>, notify: &[String]) {
    let run = LastRun {
        at: chrono::Utc::now(),
        by: by.into(),
        how: how.into(),
        ok: result.is_ok(),
        // Kept in the dossier's language.
        summary: match result {
            Ok(m) => m.to_string(),
            Err(e) => e.to_string(),
        },
        notify: notify.to_vec(),
    };
    let text = serde_json::to_string(&run).expect("a run serialises");
    if matches!(ledger.store.location(), crate::store::Location::Postgres(_)) {
        if let Err(e) = ledger.store.put_last_sync(text.as_bytes()) {
            tracing::warn!("the record of the sync run was not kept: {e}");
        }
        return;
    }
    let dir = ledger.store.dir();
    let tmp = dir.join(format!("{LAST_RUN}.{}.tmp", std::process::id()));
    if std::fs::write(&tmp, text)
        .and_then(|_| std::fs::rename(&tmp, dir.join(LAST_RUN)))
        .is_err()
    {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// The dossier's last sync run, as an open review screen learns it: from the data dir, or
/// from the PostgreSQL store through the screen's listener.
pub fn last_run(watch: &crate::store::Watch) -> Option<LastRun> {
    match watch {
        crate::store::Watch::Embedded(dir) => {
            serde_json::from_str(&std::fs::read_to_string(dir.join(LAST_RUN)).ok()?).ok()
        }
        crate::store::Watch::Postgres(_, listener) => serde_json::from_slice(&listener.last_sync()?).ok(),
    }
}

/// The dossier's last sync run as an open ledger reads it: beside the embedded store, or in
/// the PostgreSQL store.
pub fn last_run_of(ledger: &Ledger) -> Option<LastRun> {
    if matches!(ledger.store.location(), crate::store::Location::Postgres(_)) {
        return serde_json::from_slice(&ledger.store.stored_last_sync().ok()??).ok();
    }
    serde_json::from_str(&std::fs::read_to_string(ledger.store.dir().join(LAST_RUN)).ok()?).ok()
}
