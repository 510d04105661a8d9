//! Rows of a firm's list read before, kept beside each dossier's store: a dossier whose
//! config, books and last sync run are as they were when its row was read, on the same
//! business day, is listed from its kept row instead of being opened (opening a data dir's
//! store costs milliseconds, and a firm has hundreds). The firm's service keeps the row of
//! each dossier it has just run. Only data dirs' dossiers: what changed is told by files
//! beside the store (`last-change`, written with every audited change, and the record of
//! the last sync run). A dossier in PostgreSQL keeps its row in its own store, valid for
//! its audit head and last run record, which a database firm's list reads for every
//! dossier in one query.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{DossierRow, Member};
use crate::dossier::ConfigAt;

#[derive(Serialize, Deserialize)]
struct Kept {
    marker: String,
    /// When the row's business day ends (`None`: a fixed `DAGKAS_TODAY`).
    until: Option<DateTime<Utc>>,
    row: DossierRow,
}

/// What the row of a data dir's dossier was read from, as a text that changes whenever any
/// of it does; `None` for a dossier whose row is always read.
pub(super) fn marker(member: &Member) -> Option<String> {
    let ConfigAt::File(config) = &member.dossier.config else {
        return None;
    };
    let data = &member.dossier.data_dir;
    if !data.join("store").is_dir() {
        return None;
    }
    // The files' contents, not their times: two changes within a clock tick stay apart.
    let config = std::fs::read(config).ok()?;
    let last_change = std::fs::read_to_string(data.join("last-change")).unwrap_or_default();
    let last_sync = std::fs::read(data.join("last-sync.json")).ok();
    Some(format!(
        "{}|{}|{}|{}",
        everywhere(),
        digest(Some(&config)),
        last_change.trim(),
        digest(last_sync.as_deref()),
    ))
}

/// Where a data dir dossier's row is kept.
fn path_of(member: &Member) -> Option<PathBuf> {
    matches!(member.dossier.config, ConfigAt::File(_)).then(|| member.dossier.data_dir.join(ROW))
}

/// The file of a dossier's kept row.
const ROW: &str = "firm-row.json";

/// The marker of a dossier in PostgreSQL: its audit head (which moves with every audited
/// change, a config saved included) and its record of the last sync run.
pub(super) fn store_marker(head: Option<&[u8]>, last_sync: Option<&[u8]>) -> String {
    format!("{}|pg|{}|{}", everywhere(), digest(head), digest(last_sync))
}

/// What every row was read under: this binary, a fixed `DAGKAS_TODAY`, a store named by
/// `DAGKAS_STORE_URL`.
fn everywhere() -> String {
    let env = |v: &str| std::env::var(v).unwrap_or_default();
    format!(
        "{}|{}|{}",
        env!("DAGKAS_VERSION"),
        env("DAGKAS_TODAY"),
        env("DAGKAS_STORE_URL")
    )
}

/// A short digest of some bytes ("" for none).
fn digest(bytes: Option<&[u8]>) -> String {
    bytes
        .map(|b| crate::sha256_hex(b)[..32].to_string())
        .unwrap_or_default()
}

/// A kept row read back, when it was read from what `marker` names, on this business day.
pub(super) fn decoded(bytes: &[u8], marker: &str) -> Option<DossierRow> {
    let kept: Kept = serde_json::from_slice(bytes).ok()?;
    let current = kept.marker == marker && kept.until.is_none_or(|u| Utc::now() < u);
    current.then_some(kept.row)
}

/// A row as it is kept.
pub(super) fn encoded(marker: &str, row: &DossierRow) -> Option<Vec<u8>> {
    let fixed = !std::env::var("DAGKAS_TODAY").unwrap_or_default().is_empty();
    serde_json::to_vec(&Kept {
        marker: marker.to_string(),
        until: if fixed {
            None
        } else {
            row.today_ends.or(Some(Utc::now()))
        },
        row: row.clone(),
    })
    .ok()
}

/// The kept row of a data dir's dossier, when it was read from what `marker` names.
pub(super) fn get(member: &Member, marker: &str) -> Option<DossierRow> {
    decoded(&std::fs::read(path_of(member)?).ok()?, marker)
}

/// Keep a row for the next listing (a cache: a failure to write it is no failure).
pub(super) fn put(member: &Member, marker: &str, row: &DossierRow) {
    let Some(path) = path_of(member) else { return };
    let Some(bytes) = encoded(marker, row) else { return };
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|_| crate::settings::write_whole(&path, &bytes));
    if let Err(e) = written {
        tracing::debug!("{}: a firm's row not kept: {e}", path.display());
    }
}
