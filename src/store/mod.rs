//! The store: ordered trees of keys and values, in sled under the data dir (the default)
//! or in a PostgreSQL schema ([`postgres`]), behind one [`engine::Engine`]. Key layout,
//! batches and schema in one place.
//!
//! | tree      | key                          | value                                  |
//! |-----------|------------------------------|----------------------------------------|
//! | meta      | `schema`, `date_basis`, `next_batch` | u32 / text / u64                |
//! | batches   | batch (u64 BE)               | [`BatchInfo`] JSON                     |
//! | versions  | source 0 id 0 batch          | empty; every [`Version`] while a store is migrated or its dates indexed again |
//! | ids       | source 0 bucket (u16)        | where each document's newest version lies ([`ids`]) |
//! | by_date   | source 0 date 0 batch seq    | a page: the versions a batch filed on that date (see [`DayPages`]), the only copy of each |
//! | by_kind   | source 0 kind 0 id 0 batch   | the versions of invoices and invoice payments (empty: of another kind from then on) |
//! | voids     | source 0 id 0 batch          | the void JSON                          |
//! | days      | book 0 date                  | [`DayRecord`] JSON                     |
//! | frozen    | book 0 date                  | a confirmed day's frozen figures, binary (decision 63) |
//! | figures   | book 0 date                  | cached [`DayFigures`] + config fingerprint |
//! | audit     | seq (u64 BE)                 | [`AuditEntry`] JSON, hash-chained (R22) |
//! | state     | free text key                | JSON (mappings, cursors, invoice flags) |
//!
//! Where each part lives: `values` (keys and encodings), `open` (engines, copies,
//! compaction, migration), `documents` (dates and the id index), `days` (day records),
//! `cache` (figures and the kept chain), `state` (audit, held documents, free state),
//! `records` (small shared records and keys), `batch` (the batch writer); the engines in
//! `embedded` and `postgres` behind `engine`.
//!
//! A batch (an import file, a sync run) writes its date index pages tagged with its number
//! and becomes visible only when its `committed` flag is written, together with its audit
//! entry and its id index entries, in one transaction: after a crash the store holds all of
//! a batch or none of it.

pub mod audit;
pub mod codec;
mod embedded;
pub mod engine;
pub mod ids;
pub mod postgres;

use std::collections::HashSet;
use std::fs::File;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::ops::Bound;

use embedded::Embedded;
pub use embedded::{left_open, write_floor_micros};
use engine::{prefix_bounds, Engine, Op, Pairs, Tree};

use crate::domain::book::{ChainState, DayRecord, DayView};
use crate::domain::day::{DayFigures, DocRef};
use crate::domain::document::{Document, Void};
use crate::domain::text::Text;

pub use audit::AuditEntry;

/// The layout version this binary writes. Older stores are migrated on open ([`Store::migrate`]).
pub const SCHEMA: u32 = 6;

/// What went wrong in the store. It says so in the person's language only when shown
/// ([`StoreError::text`]).
#[derive(Debug)]
pub enum StoreError {
    InUse(PathBuf),
    NewerSchema {
        dir: PathBuf,
        found: u32,
    },
    Open {
        dir: PathBuf,
        source: std::io::Error,
    },
    Sled(sled::Error),
    Corrupt {
        key: String,
        message: Text,
    },
    /// The PostgreSQL store, in plain words (never with a password).
    Database(Text),
    NotEmpty(PathBuf),
    /// A write failed earlier in this process: nothing more is written (see `embedded`).
    WriteFailed,
    UnfinishedCopy(PathBuf),
    /// The database's role may not use the dossier's schema at all.
    NoAccess {
        target: String,
        schema: String,
    },
}

pub type Result<T> = std::result::Result<T, StoreError>;

impl StoreError {
    /// What went wrong, for a person.
    pub fn text(&self) -> Text {
        use crate::text;
        match self {
            StoreError::InUse(dir) => text!("store-in-use", dir = dir.display()),
            StoreError::NewerSchema { dir, found } => {
                text!(
                    "store-newer-schema",
                    dir = dir.display(),
                    found = found,
                    schema = SCHEMA
                )
            }
            StoreError::Open { dir, source } => {
                text!(
                    "store-cannot-open",
                    dir = dir.display(),
                    reason = crate::domain::text::os_error(source)
                )
            }
            StoreError::Sled(e) => embedded::describe(e),
            StoreError::Corrupt { key, message } => text!("store-corrupt", key = key, message = message),
            StoreError::Database(t) => t.clone(),
            StoreError::NotEmpty(target) => text!("store-copy-target-not-empty", target = target.display()),
            StoreError::WriteFailed => text!("store-write-failed-before"),
            StoreError::UnfinishedCopy(target) => text!("store-unfinished-copy", target = target.display()),
            StoreError::NoAccess { target, schema } => text!("pg-no-access", target = target, schema = schema),
        }
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.text().fmt(f)
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Open { source, .. } => Some(source),
            StoreError::Sled(e) => Some(e),
            _ => None,
        }
    }
}

/// A document id as an index holds it: checked once as UTF-8 (compact_str's own lossy
/// reading goes byte by byte), a damaged one read with replacement characters.
fn id_of(bytes: &[u8]) -> compact_str::CompactString {
    match std::str::from_utf8(bytes) {
        Ok(id) => id.into(),
        Err(_) => compact_str::CompactString::from_utf8_lossy(bytes),
    }
}

/// A document of a day as the date index gives it: which version, and the document.
pub type DayDocument = (DocRef, Document);

/// A stored version of a document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Version {
    /// The business date it was filed under (None for a void).
    pub date: Option<NaiveDate>,
    pub doc: Document,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BatchInfo {
    pub kind: String,
    pub source: String,
    pub label: String,
    pub started: DateTime<Utc>,
    #[serde(default)]
    pub ended: Option<DateTime<Utc>>,
    pub committed: bool,
    #[serde(default)]
    pub counts: Counts,
    /// An uncommitted batch whose written keys were removed (its space is free again).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub discarded: bool,
    /// New, changed and voided documents per business date (for the import report).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub per_day: std::collections::BTreeMap<NaiveDate, u64>,
}

/// What a batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub new: u64,
    pub changed: u64,
    pub unchanged: u64,
    pub voided: u64,
}

pub struct Store {
    dir: PathBuf,
    /// The trees. `chain` keeps where each book stands at the close of each day
    /// ([`ChainState`]), a cache like `figures`: a day's entry holds only while nothing of
    /// it or of a day before changed.
    kv: Box<dyn Engine>,
    /// Where the trees are: the data dir's sled store, or a PostgreSQL schema.
    location: Location,
    committed: HashSet<u64>,
    /// Voided ids of one source for the committed batches counted: (count, source, ids).
    voids_cache: std::sync::Mutex<Counted<HashSet<Vec<u8>>>>,
    /// The id index's runs of one source, for the committed batches counted.
    runs_cache: std::sync::Mutex<Counted<IdRuns>>,
    /// The id index's filter of one source (if it has one), for the committed batches
    /// counted.
    filter_cache: std::sync::Mutex<Counted<Option<ids::Filter>>>,
    /// The data dir's lock file, held while open (the PostgreSQL store holds its lock in
    /// its session instead).
    _lock: Option<File>,
    /// For a data dir that cannot be written: the private copy this store reads.
    copy: Option<ReadCopy>,
}

/// A private copy of a store that cannot be written (a full disk, a read-only data dir),
/// removed when the store closes.
struct ReadCopy {
    dir: PathBuf,
}

impl Drop for ReadCopy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The mark of a store that a copy is being written into ([`Store::copy_into`]).
const COPYING: &[u8] = b"copy_unfinished";

/// Where a compaction writes the store anew ([`Store::compact_embedded`]), the mark that
/// it was written whole, and where the store it replaces goes meanwhile.
const COMPACT: &str = "store.compact";
const COMPACT_DONE: &str = "store.compact.done";
const COMPACT_OLD: &str = "store.old";

/// The mark of an embedded store to be written anew when it next opens (the versions of
/// schema 4 removed); the new store does not carry it.
const COMPACT_PENDING: &[u8] = b"compact_pending";

/// Finish a compaction that wrote its new store whole, or drop one that did not, before
/// the store is opened: the renames are atomic, each step is taken up where it stopped.
fn settle_compaction(dir: &Path) -> std::io::Result<()> {
    let (store, fresh, done, old) = (
        dir.join("store"),
        dir.join(COMPACT),
        dir.join(COMPACT_DONE),
        dir.join(COMPACT_OLD),
    );
    if done.exists() {
        if fresh.exists() {
            if store.exists() {
                std::fs::rename(&store, &old)?;
            }
            std::fs::rename(&fresh, &store)?;
            File::open(dir)?.sync_all()?;
        }
        std::fs::remove_file(&done)?;
    } else if fresh.exists() {
        std::fs::remove_dir_all(&fresh)?;
    }
    if old.exists() {
        std::fs::remove_dir_all(&old)?;
    }
    Ok(())
}

/// The file beside the store that names its last change.
const CHANGES: &str = "last-change";

/// A change as other processes learn of it: `SEQ TIME AUTHOR ACTION`.
pub(crate) fn change_line(entry: &AuditEntry) -> String {
    format!(
        "{} {} {} {}",
        entry.seq,
        entry.at.to_rfc3339(),
        entry.author,
        entry.action
    )
}

/// Where a dossier's store is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// sled in the data dir (`DIR/store`): the default.
    Embedded,
    /// A schema in a PostgreSQL database (`[store] url`, or `DAGKAS_STORE_URL`).
    Postgres(postgres::Target),
}

impl Location {
    /// The dossier's store: `DAGKAS_STORE_URL` when set, else the config's `[store]`, else
    /// the data dir; a config kept in a store (decision 93) is that store's.
    pub fn of(config: &crate::domain::config::Config) -> std::result::Result<Location, Text> {
        let schema = config.store.as_ref().and_then(|s| s.schema.as_deref());
        // A kept config was read from its dossier's address: that is where it lives.
        let from_env = std::env::var("DAGKAS_STORE_URL").ok().filter(|u| !u.is_empty());
        let url = from_env
            .filter(|_| config.kept.is_none())
            .or_else(|| config.store.as_ref().map(|s| s.url.clone()));
        match url {
            None => Ok(Location::Embedded),
            Some(url) => postgres::Target::parse(&url, schema, &config.dossier.name).map(Location::Postgres),
        }
    }

    /// How the store is named to a person: the data dir, or the database without password.
    pub fn shown(&self, dir: &Path) -> PathBuf {
        match self {
            Location::Embedded => dir.to_path_buf(),
            Location::Postgres(t) => PathBuf::from(t.shown()),
        }
    }
}

/// What an open review screen knows of the dossier's last change.
#[derive(Clone)]
pub enum Watch {
    Embedded(PathBuf),
    Postgres(postgres::Target, postgres::Listener),
}

impl Watch {
    pub fn start(location: &Location, dir: &Path) -> Watch {
        match location {
            Location::Embedded => Watch::Embedded(dir.to_path_buf()),
            Location::Postgres(t) => Watch::Postgres(t.clone(), postgres::Listener::start(t.clone())),
        }
    }

    /// The store watched.
    pub fn location(&self) -> Location {
        match self {
            Watch::Embedded(_) => Location::Embedded,
            Watch::Postgres(t, _) => Location::Postgres(t.clone()),
        }
    }

    /// The last change as last learnt (cheap: for the screen's loop).
    pub fn latest(&self) -> Option<String> {
        match self {
            Watch::Embedded(dir) => Store::last_change(dir),
            Watch::Postgres(_, l) => l.latest(),
        }
    }

    /// The last change, asked for now (after the screen's own work).
    pub fn now(&self) -> Option<String> {
        match self {
            Watch::Embedded(dir) => Store::last_change(dir),
            Watch::Postgres(t, _) => postgres::last_change(t),
        }
    }

    /// Why the store cannot be reached now, if it cannot.
    pub fn trouble(&self) -> Option<String> {
        match self {
            Watch::Embedded(_) => None,
            Watch::Postgres(_, l) => l.trouble(),
        }
    }
}

/// How long a process waits for the store held by another (`DAGKAS_LOCK_WAIT`, seconds;
/// default 10 minutes: longer than any one sync run or import of a day's documents).
pub fn lock_wait() -> std::time::Duration {
    let secs = std::env::var("DAGKAS_LOCK_WAIT")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .unwrap_or(600.0);
    // At most a day: `1e300` seconds overflowed the duration and panicked.
    std::time::Duration::from_secs_f64(secs.min(86_400.0))
}

/// `pid PID (COMMAND) since TIME`, written into the lock file by its holder.
fn holder_line() -> String {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--") && !a.contains('/'))
        .take(2)
        .collect();
    format!(
        "dagkas (pid {}, {}) since {}",
        std::process::id(),
        if args.is_empty() {
            "tui".to_string()
        } else {
            args.join(" ")
        },
        chrono::Local::now().format("%H:%M:%S")
    )
}

/// The store cannot be written where it is: a full disk, a read-only disk or no permission.
fn cannot_write(e: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(
        e.kind(),
        ErrorKind::StorageFull
            | ErrorKind::FileTooLarge
            | ErrorKind::QuotaExceeded
            | ErrorKind::ReadOnlyFilesystem
            | ErrorKind::PermissionDenied
    )
}

/// Copy a directory and everything in it (a data dir nothing holds open).
pub fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// A stored entry of a document: its batch, key and bytes.
type Stored = (u64, Vec<u8>, Vec<u8>);

/// The newest committed version of a document: its batch, its date, its bytes.
type Newest = (u64, NaiveDate, Vec<u8>);

/// The mark of a store whose id index is built from its versions, which are not yet
/// removed (a migration to schema 5 cut short).
const IDS_BUILT: &[u8] = b"ids_built";

/// The mark of a store whose every version waits in `versions` for the date index to be
/// built again (a change of timezone or cutoff cut short).
const REINDEXING: &[u8] = b"reindex_unfinished";

/// Written by the commit of a batch that wrote new or changed invoices, naming them, and
/// removed once their debtors are registered (decision 69): an import reads the invoices it
/// brought, not the whole register, and a crash between the two leaves the mark (the
/// registering is idempotent).
const DEBTORS_DUE: &[u8] = b"debtors_due";

/// Invoices a mark of debtors due names, at most; past this it asks for them all.
const DEBTORS_NAMED: usize = 10_000;

/// Which invoices arrived since debtors were last registered.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DebtorsDue {
    /// Every invoice of the register is to be read: the config changed, or too many
    /// arrived to name them.
    pub all: bool,
    /// Else the ids of those that arrived, per source.
    pub invoices: std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
}

/// How a document's business date is found (the calendar of the dossier).
type DateOf<'a> = dyn Fn(&Document) -> Option<NaiveDate> + 'a;

/// What was read of one source for a count of committed batches: (count, source, value).
type Counted<T> = Option<(usize, String, std::sync::Arc<T>)>;

/// The runs of the id index of one source (decision 68): the committed batches whose
/// entries are not yet folded into the buckets, and where they place each id (a later
/// batch wins).
#[derive(Default)]
struct IdRuns {
    batches: Vec<u64>,
    places: std::collections::HashMap<Vec<u8>, ids::Place>,
}

/// What a commit writes to the id index: keys put or removed, and buckets merged.
type IdIndexWrites = (Vec<(Tree, Op)>, Option<engine::Merges>);

/// Runs kept before they are folded into the buckets, at most.
const MAX_RUNS: usize = 64;

/// Asked about fewer ids than this, a lookup reads their buckets without the filter.
const FILTER_FROM: usize = 32;

mod batch;
mod cache;
mod days;
mod documents;
mod kept;
mod open;
mod records;
mod state;
mod values;

pub use batch::*;
pub use kept::{KeptConfig, CONFIG_FINGERPRINT};
pub use records::*;
pub use values::*;

#[cfg(test)]
mod tests;
