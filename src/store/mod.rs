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

pub use embedded::left_open;
use embedded::{Embedded, CACHE_BYTES};
use engine::{prefix_bounds, Engine, Op, Pairs, Tree};

use crate::domain::book::{ChainState, DayRecord, DayView};
use crate::domain::day::{DayFigures, DocRef};
use crate::domain::document::{Document, Void};

pub use audit::AuditEntry;

/// The layout version this binary writes. Older stores are migrated on open ([`Store::migrate`]).
pub const SCHEMA: u32 = 6;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}", crate::tr!("store-in-use", dir = .0.display()))]
    InUse(PathBuf),
    #[error("{}", crate::tr!("store-newer-schema", dir = .dir.display(), found = .found, schema = SCHEMA))]
    NewerSchema { dir: PathBuf, found: u32 },
    #[error("{}", crate::tr!("store-cannot-open", dir = .dir.display(), reason = crate::ledger::plain_io(.source)))]
    Open { dir: PathBuf, source: std::io::Error },
    #[error("{}", describe(.0))]
    Sled(#[from] sled::Error),
    #[error("{}", crate::tr!("store-corrupt", key = .key, message = .message))]
    Corrupt { key: String, message: String },
    /// The PostgreSQL store, in plain words (never with a password).
    #[error("{0}")]
    Database(String),
    #[error("{}", crate::tr!("store-copy-target-not-empty", target = .0.display()))]
    NotEmpty(PathBuf),
    /// A write failed earlier in this process: nothing more is written (see `embedded`).
    #[error("{}", crate::tr!("store-write-failed-before"))]
    WriteFailed,
    #[error("{}", crate::tr!("store-unfinished-copy", target = .0.display()))]
    UnfinishedCopy(PathBuf),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Store errors in plain words; a full disk or a read-only store says so.
fn describe(e: &sled::Error) -> String {
    use std::io::ErrorKind;
    match e {
        sled::Error::Io(io) => match io.kind() {
            ErrorKind::StorageFull | ErrorKind::FileTooLarge | ErrorKind::QuotaExceeded => {
                crate::tr!("store-disk-full-or-file")
            }
            ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied => {
                crate::tr!("store-store-cannot-be-written")
            }
            _ => crate::tr!("store-store-error", io = io),
        },
        other => crate::tr!("store-store-error-2", other = other),
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
    /// the data dir.
    pub fn of(config: &crate::domain::config::Config) -> std::result::Result<Location, String> {
        let schema = config.store.as_ref().and_then(|s| s.schema.as_deref());
        let url = std::env::var("DAGKAS_STORE_URL")
            .ok()
            .filter(|u| !u.is_empty())
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

fn key(parts: &[&[u8]]) -> Vec<u8> {
    let mut k = Vec::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            k.push(0);
        }
        k.extend_from_slice(p);
    }
    k
}

fn prefix(parts: &[&[u8]]) -> Vec<u8> {
    let mut k = key(parts);
    k.push(0);
    k
}

/// The storage engine's own cost of one key: `n` keys of 250 bytes written in chunks as the
/// import writes them, into a scratch database in `dir`. Microseconds per key; the floor
/// under any layout that writes a key per document.
pub fn write_floor_micros(dir: &Path, n: usize) -> Result<f64> {
    let db = sled::Config::new().path(dir).cache_capacity(CACHE_BYTES).open()?;
    let tree = db.open_tree("floor")?;
    let value = vec![b'x'; 250];
    let start = std::time::Instant::now();
    let mut batch = sled::Batch::default();
    for i in 0..n {
        batch.insert(format!("source\0T{i:012}\0").into_bytes(), value.clone());
        if (i + 1) % CHUNK == 0 {
            tree.apply_batch(std::mem::take(&mut batch))?;
        }
    }
    tree.apply_batch(batch)?;
    db.flush()?;
    Ok(start.elapsed().as_secs_f64() * 1e6 / n.max(1) as f64)
}

/// sled writes a snapshot to `snap.N.generating` and renames it when complete, but on open
/// it reads the newest `snap.*` file, unfinished ones included: a process killed while
/// writing one leaves a store sled calls corrupt. An unfinished snapshot is only a
/// shortcut for replaying the log, so it is removed before sled sees it.
fn remove_unfinished_snapshots(store: &Path) {
    let Ok(entries) = std::fs::read_dir(store) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("snap.") && name.ends_with(".generating") {
            tracing::warn!("removing the unfinished sled snapshot {name} left by an interrupted run");
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Date index entries waiting to be written, grouped into pages: one sled value per
/// source, date and batch for each chunk written, holding `(id, version)` entries in write
/// order (an empty version: the document left that date in that batch). Writing a page per
/// date instead of a key per document is what makes an import cheap.
#[derive(Default)]
struct DayPages {
    pages: std::collections::BTreeMap<(Vec<u8>, NaiveDate, u64), Vec<u8>>,
}

impl DayPages {
    fn add(&mut self, source: &[u8], date: NaiveDate, batch: u64, id: &[u8], version: &[u8]) {
        let page = self.pages.entry((source.to_vec(), date, batch)).or_default();
        for part in [id, version] {
            page.extend_from_slice(&(part.len() as u32).to_le_bytes());
            page.extend_from_slice(part);
        }
    }

    /// Write the pages under sequence number `seq`: pages of a later number win over
    /// earlier ones of the same batch. Returns the keys written.
    fn write(&mut self, kv: &dyn Engine, seq: u32) -> Result<Vec<Vec<u8>>> {
        if self.pages.is_empty() {
            return Ok(Vec::new());
        }
        let mut ops = Vec::with_capacity(self.pages.len());
        for ((source, date, b), page) in std::mem::take(&mut self.pages) {
            let mut k = key(&[&source, date_key(date).as_bytes(), &b.to_be_bytes()]);
            k.extend_from_slice(&seq.to_be_bytes());
            ops.push((k, page));
        }
        let keys = ops.iter().map(|(k, _)| k.clone()).collect();
        // Each page's key carries its batch and sequence number: never written before.
        kv.insert_new(Tree::ByDate, ops)?;
        Ok(keys)
    }

    /// The entries of a page; `None` where it is cut short.
    fn entries(page: &[u8]) -> impl Iterator<Item = Option<(&[u8], &[u8])>> {
        let mut rest = page;
        std::iter::from_fn(move || {
            if rest.is_empty() {
                return None;
            }
            let mut take = || -> Option<&[u8]> {
                let n = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
                let part = rest.get(4..4 + n)?;
                rest = &rest[4 + n..];
                Some(part)
            };
            let entry = take().zip(take());
            if entry.is_none() {
                rest = &[];
            }
            Some(entry)
        })
    }
}

/// The key after every `prefix 0 batch` key under `p`.
fn last_under(p: &[u8]) -> Vec<u8> {
    let mut k = p.to_vec();
    k.extend_from_slice(&[0xff; 9]);
    k
}

/// `k` is `p` followed by exactly a batch number.
fn is_version_of(k: &[u8], p: &[u8]) -> bool {
    k.len() == p.len() + 8 && k.starts_with(p)
}

fn date_key(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The date at the end of a `book\0date` key.
fn day_of_key(k: &[u8], prefix_len: usize) -> Result<NaiveDate> {
    String::from_utf8_lossy(&k[prefix_len..])
        .parse::<NaiveDate>()
        .map_err(|e| StoreError::Corrupt {
            key: String::from_utf8_lossy(k).replace('\0', "/"),
            message: e.to_string(),
        })
}

/// A cached value (figures, the kept chain) that cannot be read is not there: it is built
/// again from the documents and records, never a store called corrupt or locked.
fn miss_if_unreadable<T>(k: &[u8], read: Result<Option<T>>) -> Option<T> {
    read.unwrap_or_else(|e| {
        tracing::warn!(
            "{}: a cached value that cannot be read is built again: {e}",
            String::from_utf8_lossy(k)
        );
        None
    })
}

fn decode<T: for<'de> Deserialize<'de>>(k: &[u8], v: &[u8]) -> Result<T> {
    serde_json::from_slice(v).map_err(|e| StoreError::Corrupt {
        key: String::from_utf8_lossy(k).replace('\0', "/"),
        message: e.to_string(),
    })
}

fn encode<T: Serialize>(v: &T) -> Vec<u8> {
    serde_json::to_vec(v).expect("store records serialise")
}

/// A version on disk: a header with its date, then the document in binary ([`codec`]).
///
/// `[2 | 3 date(i32 LE, days from CE)] [codec bytes]`. Headers 0 and 1 (the same with the
/// document as JSON behind a kind byte) are still read; schema 1 stored plain JSON.
pub fn encode_version(v: &Version) -> Vec<u8> {
    let mut out = Vec::with_capacity(160);
    match v.date {
        Some(d) => {
            out.push(3);
            out.extend_from_slice(&chrono::Datelike::num_days_from_ce(&d).to_le_bytes());
        }
        None => out.push(2),
    }
    codec::encode(&v.doc, &mut out);
    out
}

pub fn decode_version(k: &[u8], bytes: &[u8]) -> Result<Version> {
    decode_version_at(bytes, || String::from_utf8_lossy(k).replace('\0', "/"))
}

/// [`decode_version`], naming the record (`key`) only when it is damaged.
fn decode_version_at(bytes: &[u8], key: impl FnOnce() -> String) -> Result<Version> {
    let parsed = split_version(bytes)
        .ok_or_else(|| crate::tr!("store-bad-version-header").to_string())
        .and_then(|(format, date, body)| {
            let doc = match format {
                Format::Binary => codec::decode(body),
                Format::Json => decode_json_body(body),
            }?;
            Ok(Version { date, doc })
        });
    parsed.map_err(|message| StoreError::Corrupt { key: key(), message })
}

/// [`decode_version_at`]'s document into `slot`, a document read before ([`codec::decode_into`]).
fn decode_document_into(bytes: &[u8], slot: &mut Document, key: impl FnOnce() -> String) -> Result<()> {
    let parsed = split_version(bytes)
        .ok_or_else(|| crate::tr!("store-bad-version-header").to_string())
        .and_then(|(format, _, body)| match format {
            Format::Binary => codec::decode_into(body, slot),
            Format::Json => decode_json_body(body).map(|doc| *slot = doc),
        });
    parsed.map_err(|message| StoreError::Corrupt { key: key(), message })
}

const KINDS: [&str; 6] = ["ticket", "void", "order_payment", "invoice", "invoice_payment", "cash"];

/// The body of a version written with headers 0 and 1: a kind byte and JSON.
fn decode_json_body(rest: &[u8]) -> std::result::Result<Document, String> {
    let (&kind, body) = rest.split_first().ok_or_else(|| crate::tr!("store-no-kind"))?;
    let kind = KINDS
        .get(kind as usize)
        .ok_or_else(|| crate::tr!("store-unknown-kind", kind = kind))?;
    let mut de = serde_json::Deserializer::from_slice(body);
    let doc = Document::deserialize_kind(kind, &mut de).map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())?;
    Ok(doc)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Binary,
}

/// A stored version's format, date and body (the document, the part two versions of one
/// document are compared on: equal values always encode to equal bytes).
fn split_version(bytes: &[u8]) -> Option<(Format, Option<NaiveDate>, &[u8])> {
    let format = match bytes.first()? {
        0 | 1 => Format::Json,
        2 | 3 => Format::Binary,
        _ => return None,
    };
    if bytes[0].is_multiple_of(2) {
        return Some((format, None, &bytes[1..]));
    }
    let days = i32::from_le_bytes(bytes.get(1..5)?.try_into().ok()?);
    Some((format, Some(NaiveDate::from_num_days_from_ce_opt(days)?), &bytes[5..]))
}

/// A cached day's figures: `[FIGURES_FORMAT] [fingerprint length u16 LE] [fingerprint]
/// [figures]`; an entry of another format (JSON or binary, before this one) or config is
/// `None`, to be built again.
fn decode_figures(k: &[u8], v: &[u8], fingerprint: &str) -> Result<Option<DayFigures>> {
    let Some((&FIGURES_FORMAT, rest)) = v.split_first() else {
        return Ok(None);
    };
    let Some((len, rest)) = rest.split_first_chunk::<2>() else {
        return Ok(None);
    };
    let len = usize::from(u16::from_le_bytes(*len));
    if rest.get(..len) != Some(fingerprint.as_bytes()) {
        return Ok(None);
    }
    codec::decode_cached_figures(&rest[len..])
        .map(Some)
        .map_err(|message| StoreError::Corrupt {
            key: String::from_utf8_lossy(k).replace('\0', "/"),
            message,
        })
}

/// The form of a confirmed day's figures in the frozen tree: this byte, then [`codec`].
const FROZEN_FORMAT: u8 = 0xF2;

/// Frozen figures as the frozen tree holds them.
fn frozen_value(figures: &DayFigures) -> Vec<u8> {
    let mut v = Vec::with_capacity(4096);
    v.push(FROZEN_FORMAT);
    codec::encode_figures(figures, &mut v);
    v
}

/// The digest a day record names its frozen figures by: SHA-256 of their stored form.
pub fn figures_digest(figures: &DayFigures) -> String {
    digest_of(&frozen_value(figures))
}

fn digest_of(value: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    format!("{:x}", Sha256::digest(value))
}

/// A day record as the days tree holds it (JSON, decision 63) and, for a confirmed one, its
/// frozen figures as the frozen tree holds them; the JSON names their digest
/// (`frozen.figures_sha256`).
fn encode_record(r: &DayRecord) -> (Vec<u8>, Option<Vec<u8>>) {
    let Some(frozen) = &r.frozen else {
        return (encode(r), None);
    };
    let figures = frozen_value(&frozen.figures);
    (record_json(r, &digest_of(&figures)), Some(figures))
}

/// A confirmed day's record as JSON, naming its frozen figures by `digest`: the name goes
/// first into the `frozen` object as written (one pass, no intermediate value). The bytes
/// `"frozen":{` can only be that key: quotes inside strings are escaped, and no field before
/// it is a map with free keys.
fn record_json(r: &DayRecord, digest: &str) -> Vec<u8> {
    const KEY: &[u8] = b"\"frozen\":{";
    let json = encode(r);
    let Some(at) = json.windows(KEY.len()).position(|w| w == KEY).map(|i| i + KEY.len()) else {
        return json;
    };
    let mut out = Vec::with_capacity(json.len() + 90);
    out.extend_from_slice(&json[..at]);
    out.extend_from_slice(b"\"figures_sha256\":\"");
    out.extend_from_slice(digest.as_bytes());
    out.extend_from_slice(b"\",");
    out.extend_from_slice(&json[at..]);
    out
}

/// The writes that store a day record under `k`: its frozen figures (or their removal) and
/// its JSON.
fn record_rows(k: Vec<u8>, r: &DayRecord) -> [(Tree, Op); 2] {
    let (json, figures) = encode_record(r);
    let frozen = match figures {
        Some(f) => Op::Insert(k.clone(), f),
        None => Op::Remove(k.clone()),
    };
    [(Tree::Frozen, frozen), (Tree::Days, Op::Insert(k, json))]
}

/// What a record names of its frozen figures.
#[derive(Deserialize)]
struct NamedFigures {
    frozen: Option<FiguresName>,
}

#[derive(Deserialize)]
struct FiguresName {
    figures_sha256: Option<String>,
}

/// A day record read from the days tree, and the digest of its frozen figures when they
/// are kept apart (`None`: not confirmed, or a record of schema 3 that still carries them).
fn decode_record(k: &[u8], v: &[u8]) -> Result<(DayRecord, Option<String>)> {
    let record: DayRecord = decode(k, v)?;
    let digest = match record.frozen {
        Some(_) => decode::<NamedFigures>(k, v)?.frozen.and_then(|f| f.figures_sha256),
        None => None,
    };
    Ok((record, digest))
}

/// A confirmed day whose record names frozen figures the store does not hold.
fn missing_frozen(book: &str, date: NaiveDate) -> StoreError {
    StoreError::Corrupt {
        key: format!("frozen/{book}/{}", date_key(date)),
        message: "the frozen figures of a confirmed day are missing".into(),
    }
}

/// Frozen figures read back, checked against the digest their record names.
fn decode_frozen(k: &[u8], v: &[u8], digest: &str) -> Result<DayFigures> {
    let corrupt = |message: String| StoreError::Corrupt {
        key: format!("frozen/{}", String::from_utf8_lossy(k).replace('\0', "/")),
        message,
    };
    if digest_of(v) != digest {
        return Err(corrupt(format!("the figures do not match their digest {digest}")));
    }
    match v.split_first() {
        Some((&FROZEN_FORMAT, rest)) => codec::decode_figures(rest).map_err(corrupt),
        _ => Err(corrupt("not frozen figures".into())),
    }
}

fn batch_of(k: &[u8]) -> u64 {
    let n = k.len();
    u64::from_be_bytes(k[n - 8..].try_into().expect("8-byte batch suffix"))
}

impl Store {
    /// Open (or create) the store in `dir`, refusing a second process and a newer schema.
    /// Open for reading: where the store cannot be written (a full disk, an archived
    /// dossier on a read-only disk) a private copy in the temp dir is opened instead, and
    /// nothing written to it lasts. `copied` says so, with the reason.
    pub fn open_for_reading(dir: &Path, waiting: &mut dyn FnMut(&str), mut copied: impl FnMut(&str)) -> Result<Store> {
        match Store::open_waiting(dir, waiting) {
            Err(StoreError::Open { source, .. }) if cannot_write(&source) => {}
            Err(StoreError::Sled(sled::Error::Io(source))) if cannot_write(&source) => {}
            other => return other,
        }
        let copy = ReadCopy {
            dir: std::env::temp_dir().join(format!(
                "dagkas-read-{}-{}",
                std::process::id(),
                Utc::now().timestamp_nanos_opt().unwrap_or(0)
            )),
        };
        copy_dir(&dir.join("store"), &copy.dir.join("store")).map_err(|source| StoreError::Open {
            dir: copy.dir.clone(),
            source,
        })?;
        copied(&crate::tr!("store-data-dir-cannot-be"));
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(copy.dir.join("dagkas.lock"))
            .map_err(|source| StoreError::Open {
                dir: copy.dir.clone(),
                source,
            })?;
        let mut store = Store::open_sled(dir, &copy.dir.join("store"), lock)?;
        store.copy = Some(copy);
        Ok(store)
    }

    /// [`Store::open_waiting`] where the dossier's store is: the data dir's embedded store,
    /// or its PostgreSQL schema (held per dossier as the data dir's lock is).
    pub fn open_at(location: &Location, dir: &Path, waiting: &mut dyn FnMut(&str)) -> Result<Store> {
        match location {
            Location::Embedded => Store::open_waiting(dir, waiting),
            Location::Postgres(target) => {
                Store::open_postgres(target, location, dir, waiting)?.refuse_unfinished_copy()
            }
        }
    }

    fn open_postgres(
        target: &postgres::Target,
        location: &Location,
        dir: &Path,
        waiting: &mut dyn FnMut(&str),
    ) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Open {
            dir: dir.to_path_buf(),
            source,
        })?;
        let engine = postgres::Postgres::open(target, &holder_line(), waiting)?;
        let mut store = Store::assemble(dir, Box::new(engine), None, location.clone())?;
        if let Err(e) = store.discard_uncommitted() {
            tracing::warn!("could not clean up unfinished batches yet: {e}");
        }
        Ok(store)
    }

    /// [`Store::open_for_reading`] where the dossier's store is.
    pub fn open_for_reading_at(
        location: &Location,
        dir: &Path,
        waiting: &mut dyn FnMut(&str),
        copied: impl FnMut(&str),
    ) -> Result<Store> {
        match location {
            Location::Embedded => Store::open_for_reading(dir, waiting, copied),
            Location::Postgres(_) => Store::open_at(location, dir, waiting),
        }
    }

    /// Where this store is.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// Copy every record of this store into `target`, which holds no books yet (a copy cut
    /// short before is started over): records byte for byte, in chunks, the target marked
    /// unfinished until the last one is written. Returns the number of records.
    pub fn copy_into(&self, target: &Store) -> Result<u64> {
        let holds_books = [Tree::Batches, Tree::Days, Tree::Audit, Tree::State, Tree::Ids]
            .iter()
            .map(|t| target.all(*t).next().transpose().map(|first| first.is_some()))
            .collect::<Result<Vec<bool>>>()?;
        let unfinished = target.kv.get(Tree::Meta, COPYING)?.is_some();
        if holds_books.contains(&true) && !unfinished {
            return Err(StoreError::NotEmpty(target.location.shown(&target.dir)));
        }
        target.kv.insert(Tree::Meta, COPYING, b"1")?;
        target.kv.flush()?;
        let mut records = 0;
        for tree in Tree::ALL {
            target.kv.clear(tree)?;
            if tree == Tree::Meta {
                target.kv.insert(Tree::Meta, COPYING, b"1")?;
            }
            records += self.copy_tree(tree, target.kv.as_ref(), |k| tree == Tree::Meta && k == COPYING)?;
        }
        target.kv.flush()?;
        target.kv.remove(Tree::Meta, COPYING)?;
        target.kv.flush()?;
        Ok(records)
    }

    /// Write every pair of `tree` but those `skip` names into `target`, a few MiB at a time
    /// (a date index page can be large). Returns the number written.
    fn copy_tree(&self, tree: Tree, target: &dyn Engine, skip: impl Fn(&[u8]) -> bool) -> Result<u64> {
        const BYTES: usize = 8 << 20;
        let (mut chunk, mut bytes, mut n, mut unflushed) = (Vec::new(), 0, 0, 0);
        for item in self.all(tree) {
            let (k, v) = item?;
            if skip(&k) {
                continue;
            }
            bytes += k.len() + v.len();
            chunk.push(Op::Insert(k, v));
            n += 1;
            if chunk.len() == CHUNK || bytes >= BYTES {
                target.apply(tree, std::mem::take(&mut chunk))?;
                // What the target has not written out yet stays in its memory.
                unflushed += bytes;
                if unflushed >= 8 * BYTES {
                    target.flush()?;
                    unflushed = 0;
                }
                bytes = 0;
            }
        }
        target.apply(tree, chunk)?;
        Ok(n)
    }

    /// True when this store reads a private copy: nothing written to it lasts.
    pub fn is_read_copy(&self) -> bool {
        self.copy.is_some()
    }

    pub fn open(dir: &Path) -> Result<Store> {
        Store::open_waiting(dir, &mut |_| {})
    }

    /// Open, waiting for the store while another dagkas process holds it (one run of the
    /// sync, one command, one action of a review screen): processes take turns, each
    /// holding the store only for what it does. `waiting` is told once who holds it. After
    /// [`lock_wait`] the store is called in use.
    pub fn open_waiting(dir: &Path, waiting: &mut dyn FnMut(&str)) -> Result<Store> {
        Store::open_embedded(dir, waiting)?.refuse_unfinished_copy()
    }

    /// A store a copy cut short was writing into holds part of a dossier: it is refused
    /// until `store copy` is run again.
    fn refuse_unfinished_copy(self) -> Result<Store> {
        if self.kv.get(Tree::Meta, COPYING)?.is_some() {
            return Err(StoreError::UnfinishedCopy(self.location.shown(&self.dir)));
        }
        Ok(self)
    }

    /// Open the target of `store copy` (which may hold a copy cut short).
    pub fn open_copy_target(location: &Location, dir: &Path, waiting: &mut dyn FnMut(&str)) -> Result<Store> {
        match location {
            Location::Embedded => Store::open_embedded(dir, waiting),
            Location::Postgres(target) => Store::open_postgres(target, location, dir, waiting),
        }
    }

    fn open_embedded(dir: &Path, waiting: &mut dyn FnMut(&str)) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Open {
            dir: dir.to_path_buf(),
            source,
        })?;
        let began = std::time::Instant::now();
        let deadline = began + lock_wait();
        let mut told = false;
        let mut wait = |what: &str| -> Result<()> {
            if std::time::Instant::now() > deadline {
                return Err(StoreError::InUse(dir.to_path_buf()));
            }
            // A wait of a moment (one short run of another process) is not worth a word.
            if !told && began.elapsed() > std::time::Duration::from_millis(800) {
                told = true;
                waiting(what);
            }
            std::thread::sleep(std::time::Duration::from_millis(25));
            Ok(())
        };
        loop {
            let mut lock = File::options()
                .create(true)
                .truncate(false)
                .read(true)
                .write(true)
                .open(dir.join("dagkas.lock"))
                .map_err(|source| StoreError::Open {
                    dir: dir.to_path_buf(),
                    source,
                })?;
            if fs2::FileExt::try_lock_exclusive(&lock).is_err() {
                let mut holder = String::new();
                let _ = std::io::Read::read_to_string(&mut lock, &mut holder);
                wait(holder.trim())?;
                continue;
            }
            // Who holds the store, for those who wait.
            let _ = lock.set_len(0);
            let _ = std::io::Write::write_all(&mut lock, holder_line().as_bytes());
            // sled's own lock outlives a closed store by a moment (its flusher thread), and
            // is held by a process whose lock file was deleted under it: wait for it too.
            settle_compaction(dir).map_err(|source| StoreError::Open {
                dir: dir.to_path_buf(),
                source,
            })?;
            match Store::open_sled(dir, &dir.join("store"), lock) {
                Err(StoreError::InUse(_)) => wait(&crate::tr!("lock-another-process"))?,
                Err(e) => return Err(e),
                Ok(store) => {
                    // The versions of schema 4 went: sled would keep reading its pages of
                    // them at every open (their number, not their content). The compacted
                    // store is then opened as any other.
                    if store.kv.get(Tree::Meta, COMPACT_PENDING)?.is_some() {
                        store.compact_embedded()?;
                        continue;
                    }
                    let mut store = store;
                    // Batches a killed or failed run left behind give their space back.
                    if let Err(e) = store.discard_uncommitted() {
                        tracing::warn!("could not clean up unfinished batches yet: {e}");
                    }
                    return Ok(store);
                }
            }
        }
    }

    /// Write the embedded store anew beside itself and put the new one in its place: sled
    /// keeps a page of its table for every leaf it ever split, also once its keys are
    /// removed. Safe after a crash at any point ([`settle_compaction`]). The data dir's lock
    /// is held until the new store is in place.
    fn compact_embedded(mut self) -> Result<()> {
        let dir = self.dir.clone();
        let lock = self._lock.take().expect("the data dir's store holds its lock");
        let fresh = dir.join(COMPACT);
        let io = |source| StoreError::Open {
            dir: dir.clone(),
            source,
        };
        if fresh.exists() {
            std::fs::remove_dir_all(&fresh).map_err(io)?;
        }
        {
            // Written once and not read: a small cache of its own is enough.
            let db = sled::Config::new().path(&fresh).cache_capacity(4 << 20).open()?;
            let target = Embedded::new(db)?;
            for tree in Tree::ALL {
                self.copy_tree(tree, &target, |k| tree == Tree::Meta && k == COMPACT_PENDING)?;
            }
            target.flush()?;
        }
        drop(self);
        let done = File::create(dir.join(COMPACT_DONE)).and_then(|f| f.sync_all());
        done.and_then(|_| settle_compaction(&dir)).map_err(io)?;
        drop(lock);
        Ok(())
    }

    fn open_sled(dir: &Path, path: &Path, lock: File) -> Result<Store> {
        let db = Store::open_sled_db(dir, path)?;
        Store::assemble(dir, Box::new(Embedded::new(db)?), Some(lock), Location::Embedded)
    }

    fn open_sled_db(dir: &Path, path: &Path) -> Result<sled::Db> {
        remove_unfinished_snapshots(path);
        let db = match sled::Config::new().path(path).cache_capacity(CACHE_BYTES).open() {
            Ok(db) => db,
            Err(sled::Error::Io(e))
                if e.kind() == std::io::ErrorKind::WouldBlock || e.to_string().contains("could not acquire lock") =>
            {
                return Err(StoreError::InUse(dir.to_path_buf()));
            }
            Err(sled::Error::Io(source)) => {
                return Err(StoreError::Open {
                    dir: dir.to_path_buf(),
                    source,
                })
            }
            Err(other) => return Err(StoreError::Sled(other)),
        };
        Ok(db)
    }

    /// A store over an engine: the schema checked (and migrated), committed batches known.
    fn assemble(dir: &Path, kv: Box<dyn Engine>, lock: Option<File>, location: Location) -> Result<Store> {
        let store = Store {
            dir: dir.to_path_buf(),
            kv,
            location,
            committed: HashSet::new(),
            voids_cache: std::sync::Mutex::new(None),
            runs_cache: std::sync::Mutex::new(None),
            filter_cache: std::sync::Mutex::new(None),
            _lock: lock,
            copy: None,
        };
        let older = store.check_schema()?;
        let mut store = store;
        store.load_committed()?;
        if let Some(found) = older {
            store.migrate(found)?;
        }
        Ok(store)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Refuse a newer schema; say whether this one must be migrated.
    /// Every change is an audit entry (R22): its number, written beside the store, tells
    /// other processes (an open review screen) that the books changed, without opening it.
    fn announce(&self, entry: &AuditEntry) {
        // The PostgreSQL store announces to every machine itself (NOTIFY with the entry).
        if self.copy.is_some() || self.location != Location::Embedded {
            return;
        }
        let line = format!("{}\n", change_line(entry));
        let path = self.dir.join(CHANGES);
        let tmp = self.dir.join(format!("{CHANGES}.{}.tmp", std::process::id()));
        if std::fs::write(&tmp, line)
            .and_then(|_| std::fs::rename(&tmp, &path))
            .is_err()
        {
            let _ = std::fs::remove_file(&tmp);
        }
    }

    /// The last change announced in a data dir: `SEQ TIME AUTHOR ACTION`, if any.
    pub fn last_change(dir: &Path) -> Option<String> {
        std::fs::read_to_string(dir.join(CHANGES))
            .ok()
            .map(|s| s.trim().to_string())
    }

    /// A mark of a one-time step of the store's upkeep (not a change of the books).
    /// Keep the record of the dossier's last sync run in the store (PostgreSQL: every
    /// machine's screen reads it there).
    pub fn put_last_sync(&self, record: &[u8]) -> Result<()> {
        self.kv.insert(Tree::Meta, postgres::LAST_SYNC, record)
    }

    pub fn upkeep_done(&self, name: &str) -> Result<bool> {
        Ok(self.kv.get(Tree::Meta, format!("upkeep:{name}").as_bytes())?.is_some())
    }

    pub fn mark_upkeep_done(&self, name: &str) -> Result<()> {
        self.kv
            .insert(Tree::Meta, format!("upkeep:{name}").as_bytes(), &[1u8])?;
        self.kv.flush()
    }

    /// Which invoices arrived (or whether the rules that pick them changed) since debtors
    /// were last registered; `None`: none.
    pub fn debtors_due(&self) -> Result<Option<DebtorsDue>> {
        match self.kv.get(Tree::Meta, DEBTORS_DUE)? {
            Some(v) => Ok(Some(decode(DEBTORS_DUE, &v)?)),
            None => Ok(None),
        }
    }

    /// Every invoice is to be read again for its debtor (the config changed).
    pub fn mark_all_debtors_due(&self) -> Result<()> {
        let all = DebtorsDue {
            all: true,
            invoices: Default::default(),
        };
        self.kv.insert(Tree::Meta, DEBTORS_DUE, &encode(&all))?;
        self.kv.flush()
    }

    /// The debtors of what was due are registered.
    pub fn clear_debtors_due(&self) -> Result<()> {
        self.kv.remove(Tree::Meta, DEBTORS_DUE)?;
        self.kv.flush()
    }

    /// The mark of debtors due with these invoices of a source added: what a committing
    /// batch writes with it.
    fn debtors_due_with(&self, source: &str, ids: Vec<String>) -> Result<Op> {
        let mut due = self.debtors_due()?.unwrap_or_default();
        if !due.all {
            due.invoices.entry(source.to_string()).or_default().extend(ids);
            if due.invoices.values().map(|i| i.len()).sum::<usize>() > DEBTORS_NAMED {
                due = DebtorsDue {
                    all: true,
                    invoices: Default::default(),
                };
            }
        }
        Ok(Op::Insert(DEBTORS_DUE.to_vec(), encode(&due)))
    }

    /// The schema of an older store (to migrate); `None`: this one's.
    fn check_schema(&self) -> Result<Option<u32>> {
        match self.kv.get(Tree::Meta, b"schema")? {
            Some(v) => {
                let found = u32::from_be_bytes(v.as_slice().try_into().unwrap_or([0, 0, 0, 0]));
                if found > SCHEMA {
                    return Err(StoreError::NewerSchema {
                        dir: self.location.shown(&self.dir),
                        found,
                    });
                }
                Ok((found < SCHEMA).then_some(found))
            }
            None => {
                self.kv.insert(Tree::Meta, b"schema", &SCHEMA.to_be_bytes())?;
                self.kv.flush()?;
                Ok(None)
            }
        }
    }

    /// Bring an older store to this schema: schema 1 kept versions as plain JSON and an
    /// empty date index, schema 2 a JSON body behind a header and a date index of its own
    /// shape (every version is re-encoded in binary and the date index rebuilt); up to
    /// schema 3 a confirmed day's record carried its frozen figures as JSON (they move to the
    /// frozen tree); up to schema 4 every version had a key of its own in `versions`, which
    /// the id index replaces (the date index pages hold the same versions). The schema is
    /// recorded last. Safe to repeat after a crash: each version says its own format, a
    /// record names its figures only once they are written, and the versions are removed
    /// only once the id index built from them is marked whole.
    fn migrate(&self, found: u32) -> Result<()> {
        if found == 5 {
            // Schema 6 adds the id index's runs and filter (decision 68); a store without
            // them reads its buckets, and its next commit builds the filter.
            self.kv.insert(Tree::Meta, b"schema", &SCHEMA.to_be_bytes())?;
            return self.kv.flush();
        }
        let ids_built = self.kv.get(Tree::Meta, IDS_BUILT)?.is_some();
        if found < 3 && !ids_built {
            let mut batch = Vec::new();
            for item in self.all(Tree::Versions) {
                let (k, v) = item?;
                let version = match v.first() {
                    Some(b'{') => decode::<Version>(&k, &v)?,
                    Some(0 | 1) => decode_version(&k, &v)?,
                    _ => continue,
                };
                let bytes = encode_version(&version);
                batch.push(Op::Insert(k, bytes));
                if batch.len() == CHUNK {
                    self.kv.apply(Tree::Versions, std::mem::take(&mut batch))?;
                }
            }
            self.kv.apply(Tree::Versions, batch)?;
            self.rebuild_by_date(None)?;
        }
        if !ids_built {
            self.build_ids_from_versions()?;
            self.kv.flush()?;
            self.kv.insert(Tree::Meta, IDS_BUILT, b"1")?;
            self.kv.flush()?;
        }
        self.kv.clear(Tree::Versions)?;
        self.move_frozen_figures()?;
        if found < 5 && self.location == Location::Embedded {
            // Written anew before it is used (see `compact_embedded`), also after a crash.
            self.kv.insert(Tree::Meta, COMPACT_PENDING, b"1")?;
        }
        self.kv.flush()?;
        self.kv.insert(Tree::Meta, b"schema", &SCHEMA.to_be_bytes())?;
        self.kv.remove(Tree::Meta, IDS_BUILT)?;
        self.kv.flush()
    }

    /// Write the id index again from the versions in `versions`: each document's newest
    /// committed one. The index is held in memory meanwhile (about 20 bytes a document).
    fn build_ids_from_versions(&self) -> Result<()> {
        let mut by_source: std::collections::BTreeMap<Vec<u8>, ids::BatchIds> = Default::default();
        let mut by_kind = Vec::new();
        // The newest committed version seen of the document being read: `source 0 id`, where
        // it lies, and its bytes.
        let mut newest: Option<(Vec<u8>, ids::Place, Vec<u8>)> = None;
        let mut file = |doc: Vec<u8>, place: ids::Place, bytes: Vec<u8>, by_kind: &mut Vec<Op>| -> Result<()> {
            let source = doc.split(|c| *c == 0).next().unwrap_or_default().to_vec();
            let id = &doc[source.len() + 1..];
            by_source.entry(source.clone()).or_default().add(id, place);
            if let Some(kind) = register_kind(&bytes) {
                by_kind.push(Op::Insert(kind_key(&source, kind, id, place.batch), bytes));
                if by_kind.len() >= CHUNK {
                    self.kv.apply(Tree::ByKind, std::mem::take(by_kind))?;
                }
            }
            Ok(())
        };
        self.kv.clear(Tree::ByKind)?;
        for item in self.all(Tree::Versions) {
            let (k, v) = item?;
            if k.len() < 9 || !self.committed.contains(&batch_of(&k)) {
                continue;
            }
            let b = batch_of(&k);
            let doc = &k[..k.len() - 9];
            // A void has no version; a version without a date had no page to be read from.
            let Some((_, Some(date), _)) = split_version(&v) else {
                continue;
            };
            if let Some((d, place, bytes)) = newest.take() {
                if d != doc {
                    file(d, place, bytes, &mut by_kind)?;
                }
            }
            newest = Some((doc.to_vec(), ids::Place { batch: b, date }, v));
        }
        if let Some((d, place, bytes)) = newest {
            file(d, place, bytes, &mut by_kind)?;
        }
        self.kv.apply(Tree::ByKind, by_kind)?;
        self.kv.clear(Tree::Ids)?;
        for (source, batch_ids) in by_source {
            let source = String::from_utf8_lossy(&source).into_owned();
            let ops: Vec<Op> = batch_ids
                .into_buckets()
                .into_iter()
                .map(|(b, bucket)| Op::Insert(ids_key(&source, b), bucket))
                .collect();
            for chunk in ops.chunks(256) {
                self.kv.apply(Tree::Ids, chunk.to_vec())?;
            }
        }
        // Buckets without runs or a filter: the next commit folds and builds the filter.
        self.forget_id_index();
        Ok(())
    }

    /// Put every committed version the date index pages hold into `versions`, keyed as
    /// schema 4 kept them: a version is the last entry of its document in the pages of its
    /// batch and date that is not a departure.
    fn versions_from_pages(&self) -> Result<()> {
        let mut group: Option<Vec<u8>> = None;
        let mut last: std::collections::BTreeMap<Vec<u8>, Vec<u8>> = Default::default();
        let mut ops = Vec::new();
        let emit =
            |group: &[u8], last: &mut std::collections::BTreeMap<Vec<u8>, Vec<u8>>, ops: &mut Vec<Op>| -> Result<()> {
                // `source 0 date 0 batch`: the source, then the batch's eight bytes.
                let source = group.split(|c| *c == 0).next().unwrap_or_default();
                let batch = &group[group.len() - 8..];
                for (id, bytes) in std::mem::take(last) {
                    if !bytes.is_empty() {
                        ops.push(Op::Insert(key(&[source, &id, batch]), bytes));
                    }
                }
                if ops.len() >= CHUNK {
                    self.kv.apply(Tree::Versions, std::mem::take(ops))?;
                }
                Ok(())
            };
        for item in self.all(Tree::ByDate) {
            let (k, v) = item?;
            if k.len() < 12 || !self.committed.contains(&batch_of(&k[..k.len() - 4])) {
                continue;
            }
            let g = &k[..k.len() - 4];
            if group.as_deref() != Some(g) {
                if let Some(done) = group.replace(g.to_vec()) {
                    emit(&done, &mut last, &mut ops)?;
                }
            }
            for entry in DayPages::entries(&v) {
                let (id, bytes) = entry.ok_or_else(|| StoreError::Corrupt {
                    key: String::from_utf8_lossy(&k[..k.len() - 12]).replace('\0', "/"),
                    message: crate::tr!("store-truncated-date-index-page"),
                })?;
                last.insert(id.to_vec(), bytes.to_vec());
            }
        }
        if let Some(done) = group {
            emit(&done, &mut last, &mut ops)?;
        }
        self.kv.apply(Tree::Versions, ops)
    }

    /// Move the frozen figures that confirmed days' records still carry (schema 3) into the
    /// frozen tree, a few hundred days at a time: each day's figures are written before its
    /// record names them.
    fn move_frozen_figures(&self) -> Result<()> {
        const DAYS: usize = 200;
        let mut figures = Vec::new();
        let mut records = Vec::new();
        let write = |figures: &mut Vec<Op>, records: &mut Vec<Op>| -> Result<()> {
            self.kv.apply(Tree::Frozen, std::mem::take(figures))?;
            self.kv.apply(Tree::Days, std::mem::take(records))
        };
        for item in self.all(Tree::Days) {
            let (k, v) = item?;
            let (record, digest) = decode_record(&k, &v)?;
            if record.frozen.is_none() || digest.is_some() {
                continue;
            }
            let [(_, frozen), (_, json)] = record_rows(k, &record);
            figures.push(frozen);
            records.push(json);
            if records.len() == DAYS {
                write(&mut figures, &mut records)?;
            }
        }
        write(&mut figures, &mut records)
    }

    /// Every pair of a tree, in key order.
    fn all(&self, t: Tree) -> Pairs<'_> {
        self.kv.range(t, Bound::Unbounded, Bound::Unbounded, false)
    }

    /// The pairs whose keys start with `p`, in key order.
    fn scan_prefix(&self, t: Tree, p: &[u8]) -> Pairs<'_> {
        let (lo, hi) = prefix_bounds(p);
        self.kv.range(t, lo, hi, false)
    }

    /// Remove what uncommitted batches wrote (a run that was killed, or failed on a full
    /// disk): nothing of it counts, and its space is free again for sled to reuse. The batch
    /// stays in the list, marked, so the sync log still shows it.
    pub fn discard_uncommitted(&mut self) -> Result<usize> {
        let mut dead = HashSet::new();
        let mut infos = Vec::new();
        for item in self.all(Tree::Batches) {
            let (k, v) = item?;
            let info: BatchInfo = decode(&k, &v)?;
            if !info.committed && !info.discarded {
                dead.insert(batch_of(&k));
                infos.push((k, info));
            }
        }
        if dead.is_empty() {
            return Ok(0);
        }
        let mut removed = 0;
        for tree in [Tree::Versions, Tree::Voids, Tree::ByDate, Tree::ByKind] {
            let mut batch = Vec::new();
            for item in self.all(tree) {
                let (k, _) = item?;
                // Pages end with the batch number and a 4-byte sequence number.
                let tail = if tree == Tree::ByDate { 12 } else { 8 };
                if k.len() >= tail && dead.contains(&batch_of(&k[..k.len() + 8 - tail])) {
                    batch.push(Op::Remove(k));
                    removed += 1;
                }
            }
            self.kv.apply(tree, batch)?;
        }
        for (k, mut info) in infos {
            info.discarded = true;
            self.kv.insert(Tree::Batches, &k, &encode(&info))?;
        }
        self.kv.flush()?;
        *self.voids_cache.lock().expect("voids cache") = None;
        Ok(removed)
    }

    fn load_committed(&mut self) -> Result<()> {
        let mut committed = HashSet::new();
        for item in self.all(Tree::Batches) {
            let (k, v) = item?;
            let info: BatchInfo = decode(&k, &v)?;
            if info.committed {
                committed.insert(batch_of(&k));
            }
        }
        self.committed = committed;
        Ok(())
    }

    pub fn flush(&self) -> Result<()> {
        self.kv.flush()
    }

    // ----- dates -----

    /// The basis (timezone and cutoff) the date index was built with.
    pub fn date_basis(&self) -> Result<Option<String>> {
        Ok(self
            .kv
            .get(Tree::Meta, b"date_basis")?
            .map(|v| String::from_utf8_lossy(&v).into_owned()))
    }

    /// Rebuild the date index when the dossier's timezone or cutoff changed: every version
    /// is put aside in `versions` first (marked once whole), the date index and the id index
    /// are written again from there, and the versions removed. A rebuild cut short is taken
    /// up again from the versions put aside when the store next opens
    /// ([`Store::reindex_unfinished`]).
    pub fn reindex_dates(&self, basis: &str, date_of: impl Fn(&Document) -> Option<NaiveDate>) -> Result<()> {
        if !self.reindex_unfinished()? {
            self.kv.clear(Tree::Versions)?;
            self.versions_from_pages()?;
            self.kv.flush()?;
            self.kv.insert(Tree::Meta, REINDEXING, b"1")?;
            self.kv.flush()?;
        }
        self.rebuild_by_date(Some(&date_of))?;
        self.build_ids_from_versions()?;
        self.kv.flush()?;
        self.kv.insert(Tree::Meta, b"date_basis", basis.as_bytes())?;
        self.kv.remove(Tree::Meta, REINDEXING)?;
        self.kv.flush()?;
        self.kv.clear(Tree::Versions)?;
        self.kv.flush()
    }

    /// True when a rebuild of the date index was cut short: it must be finished before the
    /// documents are read.
    pub fn reindex_unfinished(&self) -> Result<bool> {
        Ok(self.kv.get(Tree::Meta, REINDEXING)?.is_some())
    }

    /// Write the date index again from the versions, with new dates when `date_of` is
    /// given. Only committed versions are indexed: a batch that never committed never will.
    fn rebuild_by_date(&self, date_of: Option<&DateOf<'_>>) -> Result<()> {
        self.kv.clear(Tree::ByDate)?;
        self.kv.clear(Tree::Figures)?;
        let mut pages = DayPages::default();
        let mut seq = 0u32;
        let mut versions = Vec::new();
        let mut pending = 0;
        // The previous version of the same document: (source 0 id, its date).
        let mut last: Option<(Vec<u8>, Option<NaiveDate>)> = None;
        for item in self.all(Tree::Versions) {
            let (k, v) = item?;
            let b = batch_of(&k);
            if !self.committed.contains(&b) {
                continue;
            }
            let mut version = decode_version(&k, &v)?;
            let mut bytes = v;
            if let Some(date_of) = date_of {
                let date = date_of(&version.doc);
                if version.date != date {
                    version.date = date;
                    bytes = encode_version(&version);
                    versions.push(Op::Insert(k.clone(), bytes.clone()));
                }
            }
            let doc = &k[..k.len() - 9];
            let source = doc.split(|c| *c == 0).next().unwrap_or_default();
            let id = &doc[source.len() + 1..];
            let before = match &last {
                Some((d, date)) if d.as_slice() == doc => *date,
                _ => None,
            };
            if let Some(old) = before.filter(|old| Some(*old) != version.date) {
                pages.add(source, old, b, id, &[]);
            }
            if let Some(d) = version.date {
                pages.add(source, d, b, id, &bytes);
            }
            last = Some((doc.to_vec(), version.date));
            pending += 1;
            if pending >= CHUNK {
                self.kv.apply(Tree::Versions, std::mem::take(&mut versions))?;
                pages.write(self.kv.as_ref(), seq)?;
                seq += 1;
                pending = 0;
            }
        }
        self.kv.apply(Tree::Versions, versions)?;
        pages.write(self.kv.as_ref(), seq)?;
        Ok(())
    }

    pub fn set_date_basis(&self, basis: &str) -> Result<()> {
        self.kv.insert(Tree::Meta, b"date_basis", basis.as_bytes())
    }

    /// The keys of every tree together.
    pub fn keys(&self) -> Result<u64> {
        Tree::ALL.iter().map(|t| self.kv.count(*t)).sum()
    }

    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.all(Tree::Ids).next().transpose()?.is_none())
    }

    // ----- documents -----

    /// Where the newest committed versions of these documents of a source lie: a run of a
    /// batch not yet folded in places it, else the source's filter says "certainly not
    /// there" (for many ids at once), else one read per id index bucket.
    fn places(&self, source: &str, ids: &[&[u8]]) -> Result<Vec<Option<ids::Place>>> {
        let runs = self.id_runs(source)?;
        let filter = if ids.len() >= FILTER_FROM {
            self.id_filter(source)?
        } else {
            std::sync::Arc::new(None)
        };
        let mut out = vec![None; ids.len()];
        let mut asked = Vec::new();
        for (i, id) in ids.iter().enumerate() {
            if let Some(place) = runs.places.get(*id) {
                out[i] = Some(*place);
            } else if filter.as_ref().as_ref().is_none_or(|f| f.may_hold(id)) {
                asked.push(i);
            }
        }
        let mut buckets: std::collections::BTreeMap<u16, Option<Vec<u8>>> =
            asked.iter().map(|i| (ids::bucket_of(ids[*i]), None)).collect();
        let keys: Vec<Vec<u8>> = buckets.keys().map(|b| ids_key(source, *b)).collect();
        for (slot, found) in buckets.values_mut().zip(self.kv.get_many(Tree::Ids, &keys)?) {
            *slot = found;
        }
        for i in asked {
            let id = ids[i];
            let b = ids::bucket_of(id);
            if let Some(bucket) = &buckets[&b] {
                out[i] = ids::find(bucket, id).map_err(|message| StoreError::Corrupt {
                    key: format!("{source}/ids/{b}"),
                    message,
                })?;
            }
        }
        Ok(out)
    }

    /// The runs of a source's id index, read once for each count of committed batches.
    fn id_runs(&self, source: &str) -> Result<std::sync::Arc<IdRuns>> {
        self.counted(&self.runs_cache, source, || {
            let p = ids_run_key(source, None);
            let mut runs = IdRuns::default();
            for item in self.scan_prefix(Tree::Ids, &p) {
                let (k, v) = item?;
                let batch = k
                    .get(p.len()..)
                    .and_then(|b| <[u8; 8]>::try_from(b).ok())
                    .map(u64::from_be_bytes)
                    .ok_or_else(|| id_index_damaged(source, "run", crate::tr!("store-truncated-id-run")))?;
                for e in ids::run_entries(&v).map_err(|m| id_index_damaged(source, "run", m))? {
                    let e = e.map_err(|m| id_index_damaged(source, "run", m))?;
                    runs.places.insert(e.id.to_vec(), e.place);
                }
                runs.batches.push(batch);
            }
            Ok(runs)
        })
    }

    /// The filter of a source's id index, if it has one (a store of schema 5 has none
    /// until its first fold), read once for each count of committed batches.
    fn id_filter(&self, source: &str) -> Result<std::sync::Arc<Option<ids::Filter>>> {
        self.counted(&self.filter_cache, source, || {
            self.kv
                .get(Tree::Ids, &ids_filter_key(source))?
                .map(|bytes| ids::Filter::decode(bytes).map_err(|m| id_index_damaged(source, "filter", m)))
                .transpose()
        })
    }

    /// Forget what was read of the id index (after it is written other than by a commit).
    fn forget_id_index(&self) {
        *self.runs_cache.lock().unwrap_or_else(|e| e.into_inner()) = None;
        *self.filter_cache.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// What a committing batch writes to the id index (decision 68). A batch that is small
    /// beside what the buckets hold is kept as a run of its own, one key, instead of
    /// touching a bucket per few documents. Once the runs hold an eighth of the buckets'
    /// entries, or [`MAX_RUNS`] are kept, the next commit folds them and its own entries
    /// into the buckets and the filter. Without a filter (a source's first batch, a store
    /// of schema 5) the commit folds too, and builds the filter from every bucket.
    fn id_index_writes(&self, source: &str, number: u64, batch: ids::BatchIds) -> Result<IdIndexWrites> {
        if batch.is_empty() {
            return Ok((Vec::new(), None));
        }
        let runs = self.id_runs(source)?;
        let filter = self.id_filter(source)?;
        let in_runs: usize = runs.places.len() + batch.len();
        let fold = match filter.as_ref() {
            None => true,
            Some(f) => runs.batches.len() >= MAX_RUNS || in_runs as u64 > (f.added() / 8).max(1024),
        };
        if !fold {
            return Ok((
                vec![(
                    Tree::Ids,
                    Op::Insert(ids_run_key(source, Some(number)), batch.into_run()),
                )],
                None,
            ));
        }
        // Where the runs place each id, then the batch's own entries (a later one wins).
        let mut all = ids::BatchIds::default();
        for (id, place) in &runs.places {
            all.add(id, *place);
        }
        all.extend(batch);
        let mut writes: Vec<(Tree, Op)> = runs
            .batches
            .iter()
            .map(|b| (Tree::Ids, Op::Remove(ids_run_key(source, Some(*b)))))
            .collect();
        let mut filter = match filter.as_ref() {
            Some(f) if f.has_room_for(all.len() as u64) => f.clone(),
            _ => {
                // Built again from every bucket, with room for a quarter more: the buckets
                // are read twice, to count and to add, rather than held.
                let p = prefix(&[source.as_bytes()]);
                let buckets = || {
                    self.scan_prefix(Tree::Ids, &p).filter_map(|item| match item {
                        Ok((k, _)) if k.len() != p.len() + 2 => None,
                        Ok((k, v)) => Some(Ok((k, v))),
                        Err(e) => Some(Err(e)),
                    })
                };
                let corrupt = |k: &[u8], message| StoreError::Corrupt {
                    key: format!("{source}/ids/{}", String::from_utf8_lossy(&k[p.len()..])),
                    message,
                };
                let mut held = 0u64;
                for item in buckets() {
                    let (k, v) = item?;
                    held += ids::bucket_entries(&v).map_err(|m| corrupt(&k, m))?.len() as u64;
                }
                let mut f = ids::Filter::with_capacity((held + all.len() as u64) * 5 / 4);
                for item in buckets() {
                    let (k, v) = item?;
                    for e in ids::bucket_entries(&v).map_err(|m| corrupt(&k, m))? {
                        f.add(e.id);
                    }
                }
                f
            }
        };
        for id in all.ids() {
            filter.add(id);
        }
        writes.push((Tree::Ids, Op::Insert(ids_filter_key(source), filter.into_bytes())));
        let items = all
            .into_buckets()
            .into_iter()
            .map(|(b, bucket)| (ids_key(source, b), engine::Shared::from(bucket)))
            .collect();
        Ok((
            writes,
            Some(engine::Merges {
                tree: Tree::Ids,
                items,
                with: merge_bucket,
            }),
        ))
    }

    /// What the date index pages of a source, date and batch hold last of each document:
    /// its version, or an empty entry where it left that date in that batch.
    fn page_versions(&self, source: &str, date: NaiveDate, batch: u64) -> Result<PageVersions> {
        let p = key(&[source.as_bytes(), date_key(date).as_bytes(), &batch.to_be_bytes()]);
        let mut out = PageVersions::new();
        for item in self.scan_prefix(Tree::ByDate, &p) {
            let (k, v) = item?;
            for entry in DayPages::entries(&v) {
                let (id, bytes) = entry.ok_or_else(|| StoreError::Corrupt {
                    key: format!("{source}/{date}"),
                    message: crate::tr!("store-truncated-date-index-page"),
                })?;
                if k.len() == p.len() + 4 {
                    out.insert(id.to_vec(), bytes.to_vec());
                }
            }
        }
        Ok(out)
    }

    /// The newest committed versions of these documents of a source, in their order: the id
    /// index says where each lies, the date index page there holds it. `pages` keeps the
    /// pages read, for the next call.
    fn newest_many(&self, source: &str, ids: &[&[u8]], pages: &mut PageCache) -> Result<Vec<Option<Newest>>> {
        let places = self.places(source, ids)?;
        let mut out = Vec::with_capacity(ids.len());
        for (id, place) in ids.iter().zip(places) {
            let Some(place) = place else {
                out.push(None);
                continue;
            };
            let page = pages.get(self, source, place)?;
            match page.get(*id) {
                Some(bytes) if !bytes.is_empty() => out.push(Some((place.batch, place.date, bytes.clone()))),
                _ => {
                    return Err(StoreError::Corrupt {
                        key: format!("{source}/{}", String::from_utf8_lossy(id)),
                        message: crate::tr!(
                            "store-id-index-points-nowhere",
                            date = place.date.to_string(),
                            batch = place.batch
                        ),
                    })
                }
            }
        }
        Ok(out)
    }

    /// The newest entry of a document in a tree keyed `source 0 id 0 batch` whose batch is
    /// committed (or is `pending`).
    fn newest_visible(&self, tree: Tree, source: &str, id: &str, pending: Option<u64>) -> Result<Option<Stored>> {
        let p = prefix(&[source.as_bytes(), id.as_bytes()]);
        let visible = |b: u64| self.committed.contains(&b) || Some(b) == pending;
        // The newest entry sorts last under the prefix: one lookup in the common case.
        match self.kv.last_below(tree, &last_under(&p))? {
            Some((k, v)) if is_version_of(&k, &p) => {
                let b = batch_of(&k);
                if visible(b) {
                    return Ok(Some((b, k, v)));
                }
            }
            _ => return Ok(None),
        }
        // The newest one belongs to an unfinished batch: look further back.
        let (lo, hi) = prefix_bounds(&p);
        for item in self.kv.range(tree, lo, hi, true) {
            let (k, v) = item?;
            let b = batch_of(&k);
            if visible(b) {
                return Ok(Some((b, k, v)));
            }
        }
        Ok(None)
    }

    /// Stored versions by their batch, filed under `date`, in the order asked (for `check`:
    /// the documents of a confirmed day as they stood): each batch's pages on that date are
    /// read once for all. A version filed elsewhere since (the dates indexed again) is found
    /// where the id index places it, if it is still the newest.
    pub fn versions_on(&self, source: &str, date: NaiveDate, refs: &[DocRef]) -> Result<Vec<Option<Version>>> {
        let mut pages: std::collections::HashMap<u64, PageVersions> = std::collections::HashMap::new();
        let mut out = Vec::with_capacity(refs.len());
        for r in refs {
            let page = match pages.entry(r.version) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => e.insert(self.page_versions(source, date, r.version)?),
            };
            let mut bytes = page.get(r.id.as_bytes()).cloned();
            if bytes.as_ref().is_none_or(Vec::is_empty) {
                if let [Some(place)] = self.places(source, &[r.id.as_bytes()])?[..] {
                    if place.batch == r.version && place.date != date {
                        bytes = self
                            .page_versions(source, place.date, r.version)?
                            .remove(r.id.as_bytes());
                    }
                }
            }
            out.push(match bytes.filter(|b| !b.is_empty()) {
                Some(b) => Some(decode_version_at(&b, || format!("{source}/{date}/{}", r.id))?),
                None => None,
            });
        }
        Ok(out)
    }

    fn voided_with(&self, source: &str, id: &str, pending: Option<u64>) -> Result<bool> {
        Ok(self.newest_visible(Tree::Voids, source, id, pending)?.is_some())
    }

    /// The documents of a source on a business date, voids applied, sorted by id: one scan
    /// of the date index, whose pages carry the versions themselves.
    pub fn documents_on(&self, source: &str, date: NaiveDate) -> Result<Vec<(DocRef, Document)>> {
        Ok(self
            .documents_between(source, date, date)?
            .remove(&date)
            .unwrap_or_default())
    }

    /// The documents of a source on each business date `from` through `to` (dates without
    /// any left out), as [`Store::documents_on`] has them: one scan of the date index.
    pub fn documents_between(
        &self,
        source: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<std::collections::BTreeMap<NaiveDate, Vec<(DocRef, Document)>>> {
        let mut days = std::collections::BTreeMap::new();
        self.each_day_documents(source, from, to, &|_| true, &mut |day, docs| {
            days.insert(day, docs.to_vec());
            Ok(())
        })?;
        Ok(days)
    }

    /// The documents of [`Store::documents_between`] given to `each` a date at a time, in
    /// date order, for the dates `wanted` says (the others are not decoded): a caller that
    /// builds each day as it comes holds one day's documents, not the range's.
    pub fn each_day_documents(
        &self,
        source: &str,
        from: NaiveDate,
        to: NaiveDate,
        wanted: &dyn Fn(NaiveDate) -> bool,
        each: &mut dyn FnMut(NaiveDate, &[DayDocument]) -> Result<()>,
    ) -> Result<()> {
        if from > to {
            return Ok(());
        }
        let voids = self.voided_ids(source)?;
        // The documents of the day being read, in slots kept from one day to the next: a
        // document is read into the one of the day before at its place (decode_into).
        let mut slots: Vec<DayDocument> = Vec::new();
        let p = prefix(&[source.as_bytes()]);
        let lo = prefix(&[source.as_bytes(), date_key(from).as_bytes()]);
        let hi = prefix(&[source.as_bytes(), date_key(to).as_bytes()]);
        let hi = engine::prefix_end(&hi).map_or(Bound::Unbounded, Bound::Excluded);
        // `source 0 date 0 batch seq`: the date is the 10 bytes after the source.
        let date_len = 10;
        let corrupt = |date: &str, message: &str| StoreError::Corrupt {
            key: format!("{source}/{date}"),
            message: message.to_string(),
        };
        let mut pages: Vec<(u64, Vec<u8>)> = Vec::new();
        let mut current: Option<Vec<u8>> = None;
        let mut finish = |date: &[u8], pages: &mut Vec<(u64, Vec<u8>)>| -> Result<()> {
            let shown = String::from_utf8_lossy(date).into_owned();
            let day = shown
                .parse::<NaiveDate>()
                .map_err(|e| corrupt(&shown, &e.to_string()))?;
            if !wanted(day) {
                pages.clear();
                return Ok(());
            }
            // Pages come in batch order, and in write order within a batch: the last entry
            // of a document is its newest version on this date (or a tombstone). A stable
            // sort by id keeps that order among a document's entries.
            let mut entries: Vec<(&[u8], u64, &[u8])> = Vec::new();
            for (b, page) in pages.iter() {
                for entry in DayPages::entries(page) {
                    let (id, bytes) =
                        entry.ok_or_else(|| corrupt(&shown, &crate::tr!("store-truncated-date-index-page")))?;
                    entries.push((id, *b, bytes));
                }
            }
            entries.sort_by(|a, b| a.0.cmp(b.0));
            let mut n = 0;
            for (i, &(id, b, bytes)) in entries.iter().enumerate() {
                // Only the last entry of each id counts. An empty entry: the document moved
                // to another date in that batch.
                if entries.get(i + 1).is_some_and(|next| next.0 == id) || bytes.is_empty() || voids.contains(id) {
                    continue;
                }
                let key = || format!("{source}/{day}/{}", String::from_utf8_lossy(id));
                let r = DocRef {
                    id: id_of(id),
                    version: b,
                };
                match slots.get_mut(n) {
                    Some(slot) => {
                        slot.0 = r;
                        decode_document_into(bytes, &mut slot.1, key)?;
                    }
                    None => slots.push((r, decode_version_at(bytes, key)?.doc)),
                }
                n += 1;
            }
            drop(entries);
            pages.clear();
            if n == 0 {
                return Ok(());
            }
            each(day, &slots[..n])
        };
        for item in self.kv.range(Tree::ByDate, Bound::Included(lo), hi, false) {
            let (k, v) = item?;
            let rest = &k[p.len()..];
            if rest.len() != date_len + 1 + 12 || rest[date_len] != 0 {
                return Err(corrupt(
                    &String::from_utf8_lossy(&rest[..rest.len().min(date_len)]),
                    &crate::tr!("store-date-index-key-wrong"),
                ));
            }
            let date = &rest[..date_len];
            if current.as_deref() != Some(date) {
                if let Some(done) = current.replace(date.to_vec()) {
                    finish(&done, &mut pages)?;
                }
            }
            let b = u64::from_be_bytes(rest[date_len + 1..date_len + 9].try_into().expect("8 bytes"));
            if self.committed.contains(&b) {
                pages.push((b, v));
            }
        }
        if let Some(done) = current {
            finish(&done, &mut pages)?;
        }
        Ok(())
    }

    /// The latest business date under which a committed batch filed a document of the day's
    /// own activity (a ticket, a payment, a cash event; not an invoice, whose date says
    /// nothing of the register's day) for a source: the days before it are complete, for a
    /// source that asks for that. A reverse scan of the date index, usually a few keys.
    pub fn last_document_date(&self, source: &str) -> Result<Option<NaiveDate>> {
        let p = prefix(&[source.as_bytes()]);
        let hi = engine::prefix_end(&p).map_or(Bound::Unbounded, Bound::Excluded);
        let date_len = 10;
        for item in self.kv.range(Tree::ByDate, Bound::Included(p.clone()), hi, true) {
            let (k, v) = item?;
            let rest = &k[p.len()..];
            if rest.len() != date_len + 1 + 12 || rest[date_len] != 0 {
                return Err(StoreError::Corrupt {
                    key: format!(
                        "{source}/{}",
                        String::from_utf8_lossy(&rest[..rest.len().min(date_len)])
                    ),
                    message: crate::tr!("store-date-index-key-wrong"),
                });
            }
            let b = u64::from_be_bytes(rest[date_len + 1..date_len + 9].try_into().expect("8 bytes"));
            let of_the_day = |page: &[u8]| {
                DayPages::entries(page)
                    .map_while(|e| e)
                    .any(|(_, bytes)| !bytes.is_empty() && register_kind(bytes) != Some("invoice"))
            };
            if self.committed.contains(&b) && of_the_day(&v) {
                let shown = String::from_utf8_lossy(&rest[..date_len]).into_owned();
                return shown
                    .parse()
                    .map(Some)
                    .map_err(|e: chrono::ParseError| StoreError::Corrupt {
                        key: format!("{source}/{shown}"),
                        message: e.to_string(),
                    });
            }
        }
        Ok(None)
    }

    /// Where a connector source's data is whole: its last successful run (kept beside the
    /// books, not audited: the run's own import entry is the trail).
    pub fn source_complete(&self, source: &str) -> Result<Option<SourceComplete>> {
        let k = format!("complete:{source}");
        match self.kv.get(Tree::Meta, k.as_bytes())? {
            Some(v) => Ok(Some(decode(k.as_bytes(), &v)?)),
            None => Ok(None),
        }
    }

    /// After a successful run of a connector source: its data is whole through `through`.
    /// Never moves back (a run that began before another's ended says no more than it).
    pub fn set_source_complete(&self, source: &str, done: &SourceComplete) -> Result<()> {
        if self
            .source_complete(source)?
            .is_some_and(|was| was.through > done.through)
        {
            return Ok(());
        }
        self.kv
            .insert(Tree::Meta, format!("complete:{source}").as_bytes(), &encode(done))
    }

    /// The ids voided in committed batches of a source, read once per set of batches.
    fn voided_ids(&self, source: &str) -> Result<std::sync::Arc<HashSet<Vec<u8>>>> {
        self.counted(&self.voids_cache, source, || {
            let p = prefix(&[source.as_bytes()]);
            let mut set = HashSet::new();
            for item in self.scan_prefix(Tree::Voids, &p) {
                let (k, _) = item?;
                if k.len() >= p.len() + 9 && self.committed.contains(&batch_of(&k)) {
                    set.insert(k[p.len()..k.len() - 9].to_vec());
                }
            }
            Ok(set)
        })
    }

    /// What `cache` holds of `source` for the committed batches counted now, else `read`
    /// anew and kept for them.
    fn counted<T>(
        &self,
        cache: &std::sync::Mutex<Counted<T>>,
        source: &str,
        read: impl FnOnce() -> Result<T>,
    ) -> Result<std::sync::Arc<T>> {
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((n, s, value)) = cache.as_ref() {
            if *n == self.committed.len() && s == source {
                return Ok(value.clone());
            }
        }
        let value = std::sync::Arc::new(read()?);
        *cache = Some((self.committed.len(), source.to_string(), value.clone()));
        Ok(value)
    }

    /// The current documents of one kind (`invoice`, `invoice_payment`) of a source: one
    /// scan of that kind's versions, the newest committed one of each document.
    pub fn documents_of_kind(&self, source: &str, kind: &str) -> Result<Vec<(DocRef, Document)>> {
        let p = prefix(&[source.as_bytes(), kind.as_bytes()]);
        let mut out = Vec::new();
        self.kind_documents(source, kind, &p, &mut out)?;
        Ok(out)
    }

    /// [`Store::documents_of_kind`] of these documents alone: a scan of each one's versions.
    pub fn documents_of_kind_among<'a>(
        &self,
        source: &str,
        kind: &str,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Result<Vec<(DocRef, Document)>> {
        let mut out = Vec::new();
        for id in ids {
            let p = prefix(&[source.as_bytes(), kind.as_bytes(), id.as_bytes()]);
            self.kind_documents(source, kind, &p, &mut out)?;
        }
        Ok(out)
    }

    /// The newest committed version of each document of `kind` whose register keys start
    /// with `p`, unless voided, into `out`.
    fn kind_documents(&self, source: &str, kind: &str, p: &[u8], out: &mut Vec<(DocRef, Document)>) -> Result<()> {
        let at = prefix(&[source.as_bytes(), kind.as_bytes()]).len();
        let voids = self.voided_ids(source)?;
        let mut newest: Option<(Vec<u8>, u64, Vec<u8>)> = None;
        let take = |(id, b, bytes): (Vec<u8>, u64, Vec<u8>), out: &mut Vec<(DocRef, Document)>| -> Result<()> {
            // An empty version: the document is of another kind since that batch.
            if bytes.is_empty() || voids.contains(&id) {
                return Ok(());
            }
            let id = id_of(&id);
            let version = decode_version_at(&bytes, || format!("{source}/{kind}/{id}"))?;
            out.push((DocRef { id, version: b }, version.doc));
            Ok(())
        };
        for item in self.scan_prefix(Tree::ByKind, p) {
            let (k, v) = item?;
            if k.len() < at + 9 {
                return Err(StoreError::Corrupt {
                    key: String::from_utf8_lossy(&k).replace('\0', "/"),
                    message: crate::tr!("store-kind-key-without-batch"),
                });
            }
            let b = batch_of(&k);
            if !self.committed.contains(&b) {
                continue;
            }
            let id = &k[at..k.len() - 9];
            match &mut newest {
                Some((last, lb, lv)) if last.as_slice() == id => {
                    *lb = b;
                    *lv = v;
                }
                _ => {
                    if let Some(done) = newest.replace((id.to_vec(), b, v)) {
                        take(done, out)?;
                    }
                }
            }
        }
        if let Some(done) = newest {
            take(done, out)?;
        }
        Ok(())
    }

    /// Start a batch; nothing it writes is visible before [`BatchWriter::commit`].
    pub fn begin(&self, kind: &str, source: &str, label: &str) -> Result<BatchWriter<'_>> {
        let number = self.next_batch_number()?;
        let info = BatchInfo {
            kind: kind.into(),
            source: source.into(),
            label: label.into(),
            started: Utc::now(),
            ended: None,
            committed: false,
            counts: Counts::default(),
            discarded: false,
            per_day: Default::default(),
        };
        self.kv.insert(Tree::Batches, &number.to_be_bytes(), &encode(&info))?;
        Ok(BatchWriter {
            store: self,
            number,
            info,
            source: source.to_string(),
            ids: ids::BatchIds::default(),
            ids_filter: ids::Filter::with_capacity(1024),
            pages: DayPages::default(),
            chunks_done: 0,
            by_kind: Vec::new(),
            voids: Vec::new(),
            pending: 0,
            touched: Vec::new(),
            touched_set: HashSet::new(),
            books: Vec::new(),
            seen_in_batch: std::collections::HashMap::new(),
            written: Vec::new(),
            fresh_source: false,
            queue: Vec::new(),
            queue_books: Vec::new(),
            known: std::collections::HashMap::new(),
            page_cache: PageCache::default(),
            invoices: Vec::new(),
            repeats: Default::default(),
        })
    }

    /// Batch numbers count up from 1 and are never reused, also after a crash.
    fn next_batch_number(&self) -> Result<u64> {
        self.kv.increment(Tree::Meta, b"next_batch")
    }

    /// Forget a discarded batch's record, as for a refused import, which stores nothing:
    /// once its keys are gone it has no trace. A batch still holding keys (its discard cut
    /// short) or committed keeps its record.
    pub fn forget_discarded(&self, number: u64) -> Result<()> {
        let k = number.to_be_bytes();
        if let Some(v) = self.kv.get(Tree::Batches, &k)? {
            let info: BatchInfo = decode(&k, &v)?;
            if info.discarded && !info.committed {
                self.kv.remove(Tree::Batches, &k)?;
            }
        }
        Ok(())
    }

    pub fn batches(&self) -> Result<Vec<(u64, BatchInfo)>> {
        self.all(Tree::Batches)
            .map(|item| {
                let (k, v) = item?;
                Ok((batch_of(&k), decode(&k, &v)?))
            })
            .collect()
    }

    // ----- days -----

    /// A day record with its frozen figures.
    pub fn day_record(&self, book: &str, date: NaiveDate) -> Result<Option<DayRecord>> {
        Ok(self.day_records_between(book, date, date)?.remove(&date))
    }

    /// All stored day records of a book, by date, with their frozen figures.
    pub fn day_records(&self, book: &str) -> Result<std::collections::BTreeMap<NaiveDate, DayRecord>> {
        self.whole_records(book, self.book_range(Tree::Days, book, None, None, false))
    }

    /// Day records read from their keys (`book\0date`) and values, with their frozen figures
    /// (read in one range of the frozen tree).
    fn whole_records(&self, book: &str, items: Pairs<'_>) -> Result<std::collections::BTreeMap<NaiveDate, DayRecord>> {
        let apart = self.records_apart(book, items)?;
        let named: Vec<NaiveDate> = apart
            .iter()
            .filter(|(_, (_, d))| d.is_some())
            .map(|(d, _)| *d)
            .collect();
        let mut figures = std::collections::BTreeMap::new();
        if let (Some(&first), Some(&last)) = (named.first(), named.last()) {
            for item in self.book_days(Tree::Frozen, book, first, last) {
                let (day, k, v) = item?;
                if let Some((_, Some(digest))) = apart.get(&day) {
                    figures.insert(day, decode_frozen(&k, &v, digest)?);
                }
            }
        }
        apart
            .into_iter()
            .map(|(day, (mut record, digest))| {
                if digest.is_some() {
                    let f = figures.remove(&day).ok_or_else(|| missing_frozen(book, day))?;
                    if let Some(frozen) = record.frozen.as_mut() {
                        frozen.figures = f;
                    }
                }
                Ok((day, record))
            })
            .collect()
    }

    /// Day records, each with the digest of its frozen figures, which are left out: see
    /// [`Store::day_records_apart_between`].
    fn records_apart(&self, book: &str, items: Pairs<'_>) -> Result<std::collections::BTreeMap<NaiveDate, Apart>> {
        let n = prefix(&[book.as_bytes()]).len();
        let mut out = std::collections::BTreeMap::new();
        for item in items {
            let (k, v) = item?;
            out.insert(day_of_key(&k, n)?, decode_record(&k, &v)?);
        }
        Ok(out)
    }

    /// The day records of a book from `from` through `to` without their frozen figures
    /// where those are kept apart: each with the digest they are named by ([`figures_digest`]),
    /// its `frozen.figures` empty. A listing of confirmed days compares the digest with the
    /// current figures' and reads [`Store::frozen_figures`] only when they differ.
    pub fn day_records_apart_between(
        &self,
        book: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<std::collections::BTreeMap<NaiveDate, Apart>> {
        self.records_apart(book, self.book_range(Tree::Days, book, Some(from), Some(to), false))
    }

    /// A confirmed day's frozen figures, kept apart from its record under `digest`.
    pub fn frozen_figures(&self, book: &str, date: NaiveDate, digest: &str) -> Result<DayFigures> {
        let k = key(&[book.as_bytes(), date_key(date).as_bytes()]);
        match self.kv.get(Tree::Frozen, &k)? {
            Some(v) => decode_frozen(&k, &v, digest),
            None => Err(missing_frozen(book, date)),
        }
    }

    /// The pairs of a tree keyed `book 0 date` from `from` through `to` (`None`: the book's
    /// first or last day), in date order or (`rev`) newest first.
    fn book_range(
        &self,
        tree: Tree,
        book: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        rev: bool,
    ) -> Pairs<'_> {
        let p = prefix(&[book.as_bytes()]);
        let (first, end) = prefix_bounds(&p);
        let at = |d: NaiveDate| key(&[book.as_bytes(), date_key(d).as_bytes()]);
        let lo = from.map_or(first, |d| Bound::Included(at(d)));
        let hi = to.map_or(end, |d| Bound::Included(at(d)));
        self.kv.range(tree, lo, hi, rev)
    }

    /// The newest day of a book whose record satisfies `what`, found from the newest record
    /// back (records are read without their frozen figures).
    pub fn last_day_where(&self, book: &str, what: impl Fn(&DayRecord) -> bool) -> Result<Option<NaiveDate>> {
        let n = prefix(&[book.as_bytes()]).len();
        for item in self.book_range(Tree::Days, book, None, None, true) {
            let (k, v) = item?;
            let record: DayRecord = decode(&k, &v)?;
            if what(&record) {
                return Ok(Some(day_of_key(&k, n)?));
            }
        }
        Ok(None)
    }

    /// All day records of a book, without their frozen figures (as
    /// [`Store::day_records_apart_between`]).
    pub fn day_records_apart(&self, book: &str) -> Result<std::collections::BTreeMap<NaiveDate, Apart>> {
        self.records_apart(book, self.book_range(Tree::Days, book, None, None, false))
    }

    /// The day records of a book from `from` on, without their frozen figures (as
    /// [`Store::day_records_apart_between`]).
    pub fn day_records_apart_from(
        &self,
        book: &str,
        from: NaiveDate,
    ) -> Result<std::collections::BTreeMap<NaiveDate, Apart>> {
        self.records_apart(book, self.book_range(Tree::Days, book, Some(from), None, false))
    }

    /// The first day of a book that is not confirmed whole, from `start`: each part
    /// (receipts, payments) is confirmed in order (R5), so it is the earlier of the days
    /// after each part's last confirmed day, found from the newest record back.
    pub fn first_open(&self, book: &str, start: NaiveDate) -> Result<NaiveDate> {
        let n = prefix(&[book.as_bytes()]).len();
        let (mut receipts, mut payments) = (None, None);
        for item in self.book_range(Tree::Days, book, None, None, true) {
            let (k, v) = item?;
            let record: DayRecord = decode(&k, &v)?;
            let day = day_of_key(&k, n)?;
            if record.receipts_confirmed {
                receipts.get_or_insert(day);
            }
            if record.payments_confirmed {
                payments.get_or_insert(day);
            }
            if receipts.is_some() && payments.is_some() {
                break;
            }
        }
        let after = |d: Option<NaiveDate>| d.map_or(start, |d| d + chrono::Duration::days(1));
        Ok(after(receipts).min(after(payments)))
    }

    /// The day records of a book from `from` through `to`, with their frozen figures.
    pub fn day_records_between(
        &self,
        book: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<std::collections::BTreeMap<NaiveDate, DayRecord>> {
        self.whole_records(book, self.book_range(Tree::Days, book, Some(from), Some(to), false))
    }

    /// Write day records and their audit entry in one transaction.
    pub fn write_days(&self, records: &[(&str, NaiveDate, &DayRecord)], entry: audit::NewEntry) -> Result<AuditEntry> {
        let mut writes = DayWrites::default();
        for (book, date, r) in records {
            writes.add(book, *date, r);
        }
        self.write_day_writes(writes, entry)
    }

    /// Write day records encoded a day at a time ([`DayWrites`]) and their audit entry in
    /// one transaction; the chain from the earliest written day of each book on is built
    /// anew (dropped first: a crash leaves at worst a cold cache).
    pub fn write_day_writes(&self, writes: DayWrites, entry: audit::NewEntry) -> Result<AuditEntry> {
        let mut earliest: std::collections::BTreeMap<&str, NaiveDate> = std::collections::BTreeMap::new();
        for (book, date) in &writes.days {
            let e = earliest.entry(book.as_str()).or_insert(*date);
            *e = (*e).min(*date);
        }
        for (book, date) in earliest {
            self.invalidate_chain(book, date)?;
        }
        let entry = self.kv.append_audit(writes.rows, None, &entry)?;
        self.announce(&entry);
        Ok(entry)
    }

    // ----- figures cache -----

    pub fn cached_figures(&self, book: &str, date: NaiveDate, fingerprint: &str) -> Result<Option<DayFigures>> {
        let k = key(&[book.as_bytes(), date_key(date).as_bytes()]);
        match self.kv.get(Tree::Figures, &k)? {
            Some(v) => Ok(miss_if_unreadable(&k, decode_figures(&k, &v, fingerprint))),
            None => Ok(None),
        }
    }

    /// The cached figures of a book's days `from` through `to` made under `fingerprint`:
    /// one range read.
    pub fn cached_figures_between(
        &self,
        book: &str,
        from: NaiveDate,
        to: NaiveDate,
        fingerprint: &str,
    ) -> Result<std::collections::BTreeMap<NaiveDate, DayFigures>> {
        let mut out = std::collections::BTreeMap::new();
        for item in self.book_days(Tree::Figures, book, from, to) {
            let (day, k, v) = item?;
            if let Some(f) = miss_if_unreadable(&k, decode_figures(&k, &v, fingerprint)) {
                out.insert(day, f);
            }
        }
        Ok(out)
    }

    /// The records of a tree keyed `book 0 date` for the days `from` through `to`: one
    /// range read, each with its date.
    fn book_days(
        &self,
        tree: Tree,
        book: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> impl Iterator<Item = Result<(NaiveDate, Vec<u8>, Vec<u8>)>> + '_ {
        let n = prefix(&[book.as_bytes()]).len();
        self.book_range(tree, book, Some(from), Some(to), false)
            .map(move |item| {
                let (k, v) = item?;
                Ok((day_of_key(&k, n)?, k, v))
            })
    }

    pub fn cache_figures(&self, book: &str, date: NaiveDate, fingerprint: &str, figures: &DayFigures) -> Result<()> {
        self.cache_figures_many(book, fingerprint, &[(date, figures)])
    }

    /// Cache the figures of many days of a book in one write.
    pub fn cache_figures_many(&self, book: &str, fingerprint: &str, days: &[(NaiveDate, &DayFigures)]) -> Result<()> {
        if days.is_empty() {
            return Ok(());
        }
        let fp = &fingerprint.as_bytes()[..fingerprint.len().min(usize::from(u16::MAX))];
        let ops = days
            .iter()
            .map(|(date, figures)| {
                let k = key(&[book.as_bytes(), date_key(*date).as_bytes()]);
                let mut v = Vec::with_capacity(1024);
                v.push(FIGURES_FORMAT);
                v.extend_from_slice(&(fp.len() as u16).to_le_bytes());
                v.extend_from_slice(fp);
                codec::encode_cached_figures(figures, &mut v);
                Op::Insert(k, v)
            })
            .collect();
        self.kv.apply(Tree::Figures, ops)
    }

    /// Drop every cached day and chain state (the benchmark's full rebuild).
    pub fn clear_figures(&self) -> Result<()> {
        self.kv.clear(Tree::Figures)?;
        self.kv.clear(Tree::Chain)
    }

    /// Days' documents changed: their figures are built anew, and each book's chain from
    /// the earliest of them on.
    fn invalidate_figures(&self, books: &[String], dates: &[NaiveDate]) -> Result<()> {
        let Some(&earliest) = dates.iter().min() else {
            return Ok(());
        };
        let ops = books
            .iter()
            .flat_map(|b| {
                dates
                    .iter()
                    .map(move |d| Op::Remove(key(&[b.as_bytes(), date_key(*d).as_bytes()])))
            })
            .collect();
        self.kv.apply(Tree::Figures, ops)?;
        for b in books {
            self.invalidate_chain(b, earliest)?;
        }
        Ok(())
    }

    /// The book's chain states of `date` and every day after it no longer hold.
    pub fn invalidate_chain(&self, book: &str, date: NaiveDate) -> Result<()> {
        let from = key(&[book.as_bytes(), date_key(date).as_bytes()]);
        let p = prefix(&[book.as_bytes()]);
        let hi = engine::prefix_end(&p).map_or(Bound::Unbounded, Bound::Excluded);
        let mut batch = Vec::new();
        for item in self.kv.range(Tree::Chain, Bound::Included(from), hi, false) {
            let (k, _) = item?;
            batch.push(Op::Remove(k));
        }
        self.kv.apply(Tree::Chain, batch)
    }

    /// The latest chain state of a book before `date`, made under this config.
    pub fn chain_before(
        &self,
        book: &str,
        date: NaiveDate,
        fingerprint: &str,
    ) -> Result<Option<(NaiveDate, ChainState)>> {
        let p = prefix(&[book.as_bytes()]);
        let until = key(&[book.as_bytes(), date_key(date).as_bytes()]);
        let Some(item) = self
            .kv
            .range(Tree::Chain, Bound::Included(p.clone()), Bound::Excluded(until), true)
            .next()
        else {
            return Ok(None);
        };
        let (k, v) = item?;
        let day = day_of_key(&k, p.len())?;
        let Some(cached) = miss_if_unreadable(&k, decode::<CachedChain>(&k, &v).map(Some)) else {
            return Ok(None);
        };
        Ok((cached.fingerprint == fingerprint).then_some((day, cached.state)))
    }

    /// Keep the chain states of consecutive days of a book.
    pub fn put_chain(&self, book: &str, states: Vec<KeptDay>, fingerprint: &str) -> Result<()> {
        let mut batch = Vec::with_capacity(states.len());
        for (d, state, light) in states {
            batch.push(Op::Insert(
                key(&[book.as_bytes(), date_key(d).as_bytes()]),
                encode(&CachedChain {
                    fingerprint: fingerprint.to_string(),
                    state,
                    light,
                    stamps: STAMP_FORM,
                }),
            ));
        }
        self.kv.apply(Tree::Chain, batch)
    }

    /// The listed form of a book's days `from` through `to` as kept with the chain, under
    /// this config; a day without one (not kept, or not ended when it was built) is absent.
    pub fn listed_between(
        &self,
        book: &str,
        from: NaiveDate,
        to: NaiveDate,
        fingerprint: &str,
    ) -> Result<std::collections::BTreeMap<NaiveDate, (DayView, u64)>> {
        let mut out = std::collections::BTreeMap::new();
        for item in self.book_days(Tree::Chain, book, from, to) {
            let (day, k, v) = item?;
            let Some(cached) = miss_if_unreadable(&k, decode::<CachedChain>(&k, &v).map(Some)) else {
                continue;
            };
            if let (true, Some(light)) = (
                cached.fingerprint == fingerprint && cached.stamps == STAMP_FORM,
                cached.light,
            ) {
                out.insert(day, light);
            }
        }
        Ok(out)
    }

    // ----- audit -----

    pub fn audit_entries(&self) -> Result<Vec<AuditEntry>> {
        audit::entries(self.all(Tree::Audit))
    }

    pub fn append_audit(&self, entry: audit::NewEntry) -> Result<AuditEntry> {
        let e = self.kv.append_audit(Vec::new(), None, &entry)?;
        self.announce(&e);
        Ok(e)
    }

    /// The audit chain checked from the raw entries (for `check`).
    pub fn verify_audit(&self) -> Result<Vec<audit::ChainBreak>> {
        let head = self.kv.get(Tree::Audit, audit::HEAD)?;
        Ok(audit::verify(self.all(Tree::Audit), head))
    }

    // ----- documents held for a person's decision -----

    /// Every held document of every source (few: each waits for a person), in key order.
    pub fn held_documents(&self) -> Result<Vec<crate::domain::held::HeldDocument>> {
        let mut out = Vec::new();
        for item in self.scan_prefix(Tree::State, HELD.as_bytes()) {
            let (k, v) = item?;
            out.push(decode(&k, &v)?);
        }
        Ok(out)
    }

    /// Write held documents and other state values with one audit entry, atomically (a
    /// sync run's held documents with the cursor that moves past them).
    pub fn put_state_many(
        &self,
        held: &[crate::domain::held::HeldDocument],
        values: Vec<(String, Vec<u8>)>,
        entry: audit::NewEntry,
    ) -> Result<AuditEntry> {
        let mut writes: Vec<(Tree, Op)> = held
            .iter()
            .map(|h| {
                (
                    Tree::State,
                    Op::Insert(held_key(&h.source, &h.id).into_bytes(), encode(h)),
                )
            })
            .collect();
        writes.extend(
            values
                .into_iter()
                .map(|(k, v)| (Tree::State, Op::Insert(k.into_bytes(), v))),
        );
        let e = self.kv.append_audit(writes, None, &entry)?;
        self.announce(&e);
        Ok(e)
    }

    // ----- free state (mappings, cursors, invoice flags) -----

    pub fn state_get<T: for<'de> Deserialize<'de>>(&self, name: &str) -> Result<Option<T>> {
        match self.kv.get(Tree::State, name.as_bytes())? {
            Some(v) => Ok(Some(decode(name.as_bytes(), &v)?)),
            None => Ok(None),
        }
    }

    /// Write a state value and its audit entry together.
    pub fn state_put<T: Serialize>(&self, name: &str, value: &T, entry: audit::NewEntry) -> Result<AuditEntry> {
        let write = (Tree::State, Op::Insert(name.as_bytes().to_vec(), encode(value)));
        let e = self.kv.append_audit(vec![write], None, &entry)?;
        self.announce(&e);
        Ok(e)
    }
}

/// The state names of held documents start with this.
const HELD: &str = "held:";

/// The state name of a held document: source and id apart (a source name cannot hold a
/// control character).
fn held_key(source: &str, id: &str) -> String {
    format!("{HELD}{source}\u{1f}{id}")
}

/// The encoding of a state value (for [`Store::put_state_many`]).
pub fn state_value<T: Serialize>(v: &T) -> Vec<u8> {
    encode(v)
}

/// A connector source's last successful run: when it asked, and the last business day
/// whose end its window reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceComplete {
    pub at: chrono::DateTime<Utc>,
    pub through: NaiveDate,
}

#[derive(Serialize, Deserialize)]
struct CachedChain {
    fingerprint: String,
    state: ChainState,
    /// The day as a list shows it ([`DayView::light`]) and the stamp of its whole view,
    /// for days that had ended when it was built.
    #[serde(default)]
    light: Option<(DayView, u64)>,
    /// How the stamp was made ([`STAMP_FORM`]); a listed form with a stamp made otherwise
    /// is built again, or an action on it would be refused as if the day had changed.
    #[serde(default)]
    stamps: u8,
}

/// Stamps of views made from the view's fields (1); 0: from its JSON text.
const STAMP_FORM: u8 = 1;

/// Day records to write together, encoded as they are added: a long run of days holds
/// their bytes, not the records (each with the figures it froze).
#[derive(Default)]
pub struct DayWrites {
    days: Vec<(String, NaiveDate)>,
    rows: Vec<(Tree, Op)>,
}

impl DayWrites {
    pub fn add(&mut self, book: &str, date: NaiveDate, record: &DayRecord) {
        self.rows
            .extend(record_rows(key(&[book.as_bytes(), date_key(date).as_bytes()]), record));
        self.days.push((book.to_string(), date));
    }

    /// A record read apart from its frozen figures ([`Store::day_records_apart_between`])
    /// after a change that leaves those as they are (centralising): it names the figures it
    /// named, which stay where they are, unread and unwritten.
    pub fn add_apart(&mut self, book: &str, date: NaiveDate, (record, digest): &Apart) {
        let k = key(&[book.as_bytes(), date_key(date).as_bytes()]);
        match (&record.frozen, digest) {
            (Some(_), Some(digest)) => self.rows.push((Tree::Days, Op::Insert(k, record_json(record, digest)))),
            // The record carries its figures (or froze none): written whole.
            _ => self.rows.extend(record_rows(k, record)),
        }
        self.days.push((book.to_string(), date));
    }

    /// The dates added, in order.
    pub fn dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.days.iter().map(|(_, d)| *d)
    }

    pub fn is_empty(&self) -> bool {
        self.days.is_empty()
    }
}

/// What a document was before a line of a batch: its date, whether it equals the line, its
/// register kind.
type Previous = (NaiveDate, bool, Option<&'static str>);

/// The invoice register's kind of a stored version (`invoice`, `invoice_payment`), if it
/// is one: the body's first byte names the kind in both formats.
fn register_kind(bytes: &[u8]) -> Option<&'static str> {
    let (_, _, body) = split_version(bytes)?;
    match *KINDS.get(*body.first()? as usize)? {
        k @ ("invoice" | "invoice_payment") => Some(k),
        _ => None,
    }
}

/// The key of a register document's version in `by_kind`: `source 0 kind 0 id 0 batch`.
fn kind_key(source: &[u8], kind: &str, id: &[u8], batch: u64) -> Vec<u8> {
    key(&[source, kind.as_bytes(), id, &batch.to_be_bytes()])
}

/// The key of an id index bucket of a source.
fn ids_key(source: &str, bucket: u16) -> Vec<u8> {
    let mut k = prefix(&[source.as_bytes()]);
    k.extend_from_slice(&bucket.to_be_bytes());
    k
}

/// The key of a run of a source's id index (`None`: the prefix of them all): a tag no
/// bucket number starts with, then the batch.
fn ids_run_key(source: &str, batch: Option<u64>) -> Vec<u8> {
    let mut k = prefix(&[source.as_bytes()]);
    k.push(IDS_RUN_TAG);
    if let Some(b) = batch {
        k.extend_from_slice(&b.to_be_bytes());
    }
    k
}

/// A damaged record of a source's id index (`what`: `run`, `filter`), named.
fn id_index_damaged(source: &str, what: &str, message: String) -> StoreError {
    StoreError::Corrupt {
        key: format!("{source}/ids/{what}"),
        message,
    }
}

/// The key of the filter of a source's id index.
fn ids_filter_key(source: &str) -> Vec<u8> {
    let mut k = prefix(&[source.as_bytes()]);
    k.push(IDS_FILTER_TAG);
    k
}

/// Tags after a source's prefix in the id index: bucket numbers start with 0x00–0x0F.
const IDS_RUN_TAG: u8 = 0xF0;
const IDS_FILTER_TAG: u8 = 0xF1;

/// A committing batch's entries of a bucket merged into what the bucket holds.
fn merge_bucket(old: Option<&[u8]>, add: &[u8]) -> Result<Vec<u8>> {
    ids::merge(old, add).map_err(|message| StoreError::Corrupt {
        key: "ids".into(),
        message,
    })
}

/// What the date index pages of one date and batch hold last of each document.
type PageVersions = std::collections::HashMap<Vec<u8>, Vec<u8>>;

/// Date index pages read for lookups, by date and batch, up to [`PageCache::BYTES`]. The
/// pages of a committed batch never change (a later batch writes pages of its own).
#[derive(Default)]
struct PageCache {
    pages: std::collections::HashMap<(NaiveDate, u64), PageVersions>,
    bytes: usize,
}

impl PageCache {
    const BYTES: usize = 16 << 20;

    fn get(&mut self, store: &Store, source: &str, place: ids::Place) -> Result<&PageVersions> {
        let k = (place.date, place.batch);
        if !self.pages.contains_key(&k) {
            let page = store.page_versions(source, place.date, place.batch)?;
            let size: usize = page.iter().map(|(i, v)| i.len() + v.len() + 64).sum();
            if self.bytes + size > Self::BYTES {
                self.pages.clear();
                self.bytes = 0;
            }
            self.bytes += size;
            self.pages.insert(k, page);
        }
        Ok(&self.pages[&k])
    }
}

/// A day record read without its frozen figures, and the digest they are named by.
pub type Apart = (DayRecord, Option<String>);

/// A day of the kept chain: its date, where the book closes, and its listed form.
pub type KeptDay = (NaiveDate, ChainState, Option<(DayView, u64)>);

/// The format byte of a cached day's figures (binary, [`codec::encode_cached_figures`]).
/// Entries of the form before (0xF1, [`codec::encode_figures`]) are built again.
const FIGURES_FORMAT: u8 = 0xF3;

/// What happened to one document in a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    New,
    Changed,
    Unchanged,
    Voided,
}

/// Writes one batch in chunks; visible only once committed.
pub struct BatchWriter<'s> {
    store: &'s Store,
    number: u64,
    info: BatchInfo,
    source: String,
    /// Where this batch put each document, merged into the id index when it commits.
    ids: ids::BatchIds,
    /// The ids in `ids`: "certainly not" without looking.
    ids_filter: ids::Filter,
    /// Date index pages of the chunk being written.
    pages: DayPages,
    /// Chunks written since the batch began: the pages' sequence number, and a flush
    /// every [`FLUSH_EVERY_CHUNKS`].
    chunks_done: u32,
    by_kind: Vec<Op>,
    voids: Vec<Op>,
    pending: usize,
    /// Business dates whose figures this batch changes.
    touched: Vec<NaiveDate>,
    touched_set: HashSet<NaiveDate>,
    books: Vec<String>,
    /// Documents written in this chunk (a later line of the same file wins).
    seen_in_batch: std::collections::HashMap<String, Vec<u8>>,
    /// The keys the batch's chunks wrote, per tree: what [`BatchWriter::abandon`] removes.
    written: Vec<(Tree, Vec<u8>)>,
    /// The source held nothing before this batch: only the batch itself knows its ids.
    fresh_source: bool,
    /// Documents added and not yet put: their current versions are looked up together.
    queue: Vec<(Document, Option<NaiveDate>)>,
    queue_books: Vec<String>,
    /// The stored versions of queued documents, looked up together; an entry goes when its
    /// document is put.
    known: std::collections::HashMap<String, Option<Newest>>,
    /// Date index pages read for the lookups.
    page_cache: PageCache,
    /// The new or changed invoices the batch wrote: their debtors are due ([`DEBTORS_DUE`]).
    invoices: Vec<String>,
    /// Documents the batch was given more than once (a file naming an id twice): what the
    /// last time counted as, and where the batch wrote them. Only the last version counts,
    /// compared with the version before the batch.
    repeats: std::collections::HashMap<String, Repeat>,
}

/// A document a batch was given more than once.
struct Repeat {
    /// How its last time was counted.
    counted: Outcome,
    /// Its version before the batch (its place), if any.
    before: Option<ids::Place>,
    /// The dates under which the batch wrote entries of it.
    dates: Vec<NaiveDate>,
    /// The last version equals the one before the batch: its entries are taken out again
    /// when the batch commits, so that it changes nothing.
    back_to_before: bool,
}

/// Chunks between two flushes of an import (about 100 000 documents).
const FLUSH_EVERY_CHUNKS: u32 = 50;

/// Documents per chunk: bounds memory, however large the file.
const CHUNK: usize = 2_000;

/// Documents added before they are put, their current versions looked up together.
const QUEUE: usize = 500;

impl BatchWriter<'_> {
    pub fn number(&self) -> u64 {
        self.number
    }

    /// Give the batch up (a refused file): remove what its chunks wrote and its record, so
    /// that it leaves no trace. Nothing read it, as it never committed. If this fails part
    /// way, the batch is left uncommitted, for [`Store::discard_uncommitted`].
    pub fn abandon(self) -> Result<()> {
        let kv = self.store.kv.as_ref();
        let mut per_tree: std::collections::BTreeMap<Tree, Vec<Op>> = Default::default();
        for (tree, k) in self.written {
            per_tree.entry(tree).or_default().push(Op::Remove(k));
        }
        for (tree, ops) in per_tree {
            kv.apply(tree, ops)?;
        }
        kv.remove(Tree::Batches, &self.number.to_be_bytes())?;
        // Its number goes back when no batch was begun after it (the dossier is held while
        // a batch is written): batch numbers have no gap where nothing was stored.
        let number = self.number.to_be_bytes();
        if kv
            .get(Tree::Meta, b"next_batch")?
            .is_some_and(|v| v.as_slice() == number)
        {
            kv.insert(Tree::Meta, b"next_batch", &(self.number - 1).to_be_bytes())?;
        }
        *self.store.voids_cache.lock().unwrap_or_else(|e| e.into_inner()) = None;
        Ok(())
    }

    /// Say how many documents will come: the filter of the batch's ids is sized for them,
    /// and when the source held none before this batch, the writer skips the store lookup
    /// altogether.
    pub fn expect_documents(&mut self, n: u64) -> Result<()> {
        let p = prefix(&[self.source.as_bytes()]);
        self.fresh_source = self.store.scan_prefix(Tree::Ids, &p).next().transpose()?.is_none()
            && self.store.scan_prefix(Tree::Voids, &p).next().transpose()?.is_none();
        if self.ids.is_empty() {
            self.ids_filter = ids::Filter::with_capacity(n);
        }
        Ok(())
    }

    /// What the batch did so far, every added document counted: the queued ones are put
    /// first, so an audit entry written from these counts says what the commit will store.
    pub fn counts(&mut self) -> Result<&Counts> {
        self.drain()?;
        Ok(&self.info.counts)
    }

    /// What the document was before this line: its date, whether `body` equals it, and its
    /// register kind if it was an invoice or an invoice payment.
    fn previous(&mut self, id: &str, body: Option<&[u8]>) -> Result<Option<Previous>> {
        // Every version is in the binary form (older ones were migrated), where equal
        // documents have equal bytes.
        let seen = |bytes: &[u8], date: Option<NaiveDate>| -> Result<Option<Previous>> {
            let (_, stated, old) = split_version(bytes).ok_or_else(|| StoreError::Corrupt {
                key: format!("{}/{id}", self.source),
                message: crate::tr!("store-bad-version-header"),
            })?;
            Ok(stated.or(date).map(|d| (d, body == Some(old), register_kind(bytes))))
        };
        if let Some(bytes) = self.seen_in_batch.get(id) {
            return seen(bytes, None);
        }
        if self.ids_filter.may_hold(id.as_bytes()) {
            if let Some(place) = self.ids.get(id.as_bytes()) {
                // Written by an earlier chunk of this batch: its page holds it.
                let page = self.store.page_versions(&self.source, place.date, self.number)?;
                if let Some(bytes) = page.get(id.as_bytes()).filter(|b| !b.is_empty()) {
                    return seen(bytes, Some(place.date));
                }
            }
        }
        if self.fresh_source {
            return Ok(None);
        }
        let found = match self.known.get(id) {
            Some(known) => known.clone(),
            None => self
                .store
                .newest_many(&self.source, &[id.as_bytes()], &mut self.page_cache)?
                .pop()
                .flatten(),
        };
        match found {
            Some((_, date, bytes)) => seen(&bytes, Some(date)),
            None => Ok(None),
        }
    }

    /// Add one document, filed under its business date. `books` are the day books of the
    /// source, whose cached figures for the touched dates are dropped.
    pub fn put(&mut self, doc: Document, date: Option<NaiveDate>, books: &[String]) -> Result<Outcome> {
        let id = doc.id().to_string();
        let outcome = self.put_now(&id, doc, date, books);
        // What was looked up for it no longer holds once it is written.
        self.known.remove(&id);
        outcome
    }

    /// Add a document to put: documents are put a few hundred at a time, their current
    /// versions looked up together first (one round trip on a database server).
    pub fn add(&mut self, doc: Document, date: Option<NaiveDate>, books: &[String]) -> Result<()> {
        if self.queue.is_empty() {
            self.queue_books = books.to_vec();
        }
        self.queue.push((doc, date));
        if self.queue.len() >= QUEUE {
            self.drain()?;
        }
        Ok(())
    }

    /// Put the queued documents.
    fn drain(&mut self) -> Result<()> {
        let queue = std::mem::take(&mut self.queue);
        let books = std::mem::take(&mut self.queue_books);
        self.known.clear();
        if !self.fresh_source {
            let ids: Vec<&str> = queue
                .iter()
                .map(|(d, _)| d.id())
                .filter(|id| !self.seen_in_batch.contains_key(*id))
                .collect();
            if !ids.is_empty() {
                let asked: Vec<&[u8]> = ids.iter().map(|id| id.as_bytes()).collect();
                let found = self.store.newest_many(&self.source, &asked, &mut self.page_cache)?;
                for (id, f) in ids.into_iter().zip(found) {
                    self.known.insert(id.to_string(), f);
                }
            }
        }
        for (doc, date) in queue {
            self.put(doc, date, &books)?;
        }
        self.known.clear();
        Ok(())
    }

    fn put_now(&mut self, id: &str, doc: Document, date: Option<NaiveDate>, books: &[String]) -> Result<Outcome> {
        let id = id.to_string();
        if !matches!(doc, Document::Void(_)) && self.given_before(&id) {
            return self.put_again(id, doc, date, books);
        }
        let outcome = match &doc {
            Document::Void(v) => self.put_void(&id, v, books)?,
            _ => {
                let version = Version { date, doc };
                let bytes = encode_version(&version);
                let previous = self.previous(&id, split_version(&bytes).map(|(_, _, b)| b))?;
                let Some(d) = date else {
                    return Err(self.undated(&id));
                };
                match previous {
                    Some((_, true, _)) => Outcome::Unchanged,
                    p => {
                        self.write_version(&id, &version.doc, bytes, d, p.map(|(old, _, k)| (old, k)), books)?;
                        if p.is_some() {
                            Outcome::Changed
                        } else {
                            Outcome::New
                        }
                    }
                }
            }
        };
        if matches!(outcome, Outcome::New | Outcome::Changed) {
            if let Some(d) = date {
                *self.info.per_day.entry(d).or_default() += 1;
            }
        }
        self.count(outcome, 1);
        self.pending += 1;
        if self.pending >= CHUNK {
            self.write_chunk()?;
        }
        Ok(outcome)
    }

    fn undated(&self, id: &str) -> StoreError {
        StoreError::Corrupt {
            key: format!("{}/{id}", self.source),
            message: crate::tr!("store-undated-document"),
        }
    }

    /// Add `n` (1 or -1) to the count of an outcome.
    fn count(&mut self, outcome: Outcome, n: i64) {
        let c = &mut self.info.counts;
        let counter = match outcome {
            Outcome::New => &mut c.new,
            Outcome::Changed => &mut c.changed,
            Outcome::Unchanged => &mut c.unchanged,
            Outcome::Voided => &mut c.voided,
        };
        *counter = counter.saturating_add_signed(n);
    }

    /// Whether this batch was given the document before (it wrote it, or met it again).
    fn given_before(&self, id: &str) -> bool {
        self.repeats.contains_key(id)
            || self.seen_in_batch.contains_key(id)
            || (self.ids_filter.may_hold(id.as_bytes())
                && self.ids.get(id.as_bytes()).is_some_and(|p| p.batch == self.number))
    }

    /// Write a new version under date `d`: `previous` is where the document stood before
    /// this line (its date and register kind), whose date no longer lists it if it moved.
    fn write_version(
        &mut self,
        id: &str,
        doc: &Document,
        bytes: Vec<u8>,
        d: NaiveDate,
        previous: Option<(NaiveDate, Option<&'static str>)>,
        books: &[String],
    ) -> Result<()> {
        let is_invoice = matches!(doc, Document::Invoice(_) | Document::InvoicePayment(_));
        let kind = doc.kind();
        if let Some((old, old_kind)) = previous {
            if let Some(old_kind) = old_kind.filter(|k| *k != kind) {
                // No longer of that kind: the register stops listing it.
                let k = kind_key(self.source.as_bytes(), old_kind, id.as_bytes(), self.number);
                self.by_kind.push(Op::Insert(k, Vec::new()));
            }
            self.touch(old, books)?;
            if old != d {
                // Moved: the old date no longer lists it from this batch on.
                self.pages
                    .add(self.source.as_bytes(), old, self.number, id.as_bytes(), &[]);
            }
        }
        self.pages
            .add(self.source.as_bytes(), d, self.number, id.as_bytes(), &bytes);
        self.touch(d, books)?;
        self.ids.add(
            id.as_bytes(),
            ids::Place {
                batch: self.number,
                date: d,
            },
        );
        self.ids_filter.add(id.as_bytes());
        if is_invoice {
            let k = kind_key(self.source.as_bytes(), kind, id.as_bytes(), self.number);
            self.by_kind.push(Op::Insert(k, bytes.clone()));
        }
        if matches!(doc, Document::Invoice(_)) {
            self.invoices.push(id.to_string());
        }
        self.seen_in_batch.insert(id.to_string(), bytes);
        Ok(())
    }

    /// A document this batch was given before (a file naming an id twice): only its last
    /// version counts, compared with the version before the batch. Back to that version,
    /// the batch's entries of it are taken out when it commits: an unchanged file changes
    /// nothing, however often it names an id.
    fn put_again(&mut self, id: String, doc: Document, date: Option<NaiveDate>, books: &[String]) -> Result<Outcome> {
        let Some(d) = date else {
            return Err(self.undated(&id));
        };
        let version = Version { date, doc };
        let bytes = encode_version(&version);
        let body = split_version(&bytes).map(|(_, _, b)| b.to_vec());
        // Where the batch last put it (its own entries, or the version before it).
        let in_batch = self.previous(&id, body.as_deref())?;
        if !self.repeats.contains_key(&id) {
            let before = self
                .store
                .newest_many(&self.source, &[id.as_bytes()], &mut self.page_cache)?
                .pop()
                .flatten();
            let mut dates: Vec<NaiveDate> = in_batch.iter().map(|p| p.0).collect();
            dates.extend(before.as_ref().map(|b| b.1));
            let repeat = Repeat {
                counted: if before.is_some() {
                    Outcome::Changed
                } else {
                    Outcome::New
                },
                before: before.as_ref().map(|(batch, date, _)| ids::Place {
                    batch: *batch,
                    date: *date,
                }),
                dates,
                back_to_before: false,
            };
            self.repeats.insert(id.clone(), repeat);
        }
        let before_place = self.repeats[&id].before;
        let before_body = match before_place {
            Some(_) => self
                .store
                .newest_many(&self.source, &[id.as_bytes()], &mut self.page_cache)?
                .pop()
                .flatten()
                .and_then(|(_, _, b)| split_version(&b).map(|(_, _, body)| body.to_vec())),
            None => None,
        };
        let outcome = if before_body.is_some() && before_body == body {
            // Back to what it was: its place in the id index is the old one again (the
            // batch's entries of it are forgotten when it commits).
            if let Some(place) = before_place {
                self.ids.add(id.as_bytes(), place);
            }
            self.seen_in_batch.remove(&id);
            let r = self.repeats.get_mut(&id).expect("just added");
            r.back_to_before = true;
            Outcome::Unchanged
        } else {
            let previous = in_batch.map(|(old, _, k)| (old, k));
            // Wherever the batch listed it before, it is listed no more.
            let listed: Vec<NaiveDate> = self.repeats[&id].dates.clone();
            for other in listed
                .into_iter()
                .filter(|x| *x != d && Some(*x) != previous.map(|p| p.0))
            {
                self.pages
                    .add(self.source.as_bytes(), other, self.number, id.as_bytes(), &[]);
            }
            self.write_version(&id, &version.doc, bytes, d, previous, books)?;
            let r = self.repeats.get_mut(&id).expect("just added");
            r.back_to_before = false;
            r.dates.push(d);
            if before_place.is_some() {
                Outcome::Changed
            } else {
                Outcome::New
            }
        };
        // Counted once, by its last version.
        let r = self.repeats.get_mut(&id).expect("just added");
        let earlier = std::mem::replace(&mut r.counted, outcome);
        self.count(earlier, -1);
        self.count(outcome, 1);
        self.pending += 1;
        if self.pending >= CHUNK {
            self.write_chunk()?;
        }
        Ok(outcome)
    }

    /// Take out the entries of the documents that came back to their version before the
    /// batch, from the batch's pages and its register entries.
    fn take_back_repeats(&mut self) -> Result<()> {
        let back: Vec<(String, Vec<NaiveDate>)> = self
            .repeats
            .iter()
            .filter(|(_, r)| r.back_to_before)
            .map(|(id, r)| (id.clone(), r.dates.clone()))
            .collect();
        if back.is_empty() {
            return Ok(());
        }
        let forget: HashSet<&[u8]> = back.iter().map(|(id, _)| id.as_bytes()).collect();
        self.ids.forget(&forget);
        let mut by_date: std::collections::BTreeMap<NaiveDate, HashSet<Vec<u8>>> = Default::default();
        let mut kinds = Vec::new();
        for (id, dates) in &back {
            for d in dates {
                by_date.entry(*d).or_default().insert(id.as_bytes().to_vec());
            }
            for kind in ["invoice", "invoice_payment"] {
                kinds.push(Op::Remove(kind_key(
                    self.source.as_bytes(),
                    kind,
                    id.as_bytes(),
                    self.number,
                )));
            }
        }
        let kv = self.store.kv.as_ref();
        let mut ops = Vec::new();
        for (date, ids) in by_date {
            let p = key(&[
                self.source.as_bytes(),
                date_key(date).as_bytes(),
                &self.number.to_be_bytes(),
            ]);
            for item in self.store.scan_prefix(Tree::ByDate, &p) {
                let (k, v) = item?;
                let mut kept = Vec::with_capacity(v.len());
                let mut dropped = false;
                for entry in DayPages::entries(&v) {
                    let (id, bytes) = entry.ok_or_else(|| StoreError::Corrupt {
                        key: format!("{}/{date}", self.source),
                        message: crate::tr!("store-truncated-date-index-page"),
                    })?;
                    if ids.contains(id) {
                        dropped = true;
                        continue;
                    }
                    for part in [id, bytes] {
                        kept.extend_from_slice(&(part.len() as u32).to_le_bytes());
                        kept.extend_from_slice(part);
                    }
                }
                if dropped {
                    ops.push(if kept.is_empty() {
                        Op::Remove(k)
                    } else {
                        Op::Insert(k, kept)
                    });
                }
            }
        }
        kv.apply(Tree::ByDate, ops)?;
        kv.apply(Tree::ByKind, kinds)
    }

    fn put_void(&mut self, id: &str, v: &Void, books: &[String]) -> Result<Outcome> {
        if self.store.voided_with(&self.source, id, Some(self.number))? {
            return Ok(Outcome::Unchanged);
        }
        if let Some((d, _, _)) = self.previous(id, None)? {
            self.touch(d, books)?;
            *self.info.per_day.entry(d).or_default() += 1;
        }
        let k = key(&[self.source.as_bytes(), id.as_bytes(), &self.number.to_be_bytes()]);
        self.voids.push(Op::Insert(k, encode(v)));
        Ok(Outcome::Voided)
    }

    fn touch(&mut self, date: NaiveDate, books: &[String]) -> Result<()> {
        if self.touched_set.insert(date) {
            self.touched.push(date);
            for b in books {
                if !self.books.contains(b) {
                    self.books.push(b.clone());
                }
            }
        }
        Ok(())
    }

    fn write_chunk(&mut self) -> Result<()> {
        let kv = self.store.kv.as_ref();
        let pages = self.pages.write(kv, self.chunks_done)?;
        self.written.extend(pages.into_iter().map(|k| (Tree::ByDate, k)));
        for (tree, ops) in [(Tree::ByKind, &self.by_kind), (Tree::Voids, &self.voids)] {
            self.written.extend(ops.iter().filter_map(|op| match op {
                Op::Insert(k, _) => Some((tree, k.clone())),
                Op::Remove(_) => None,
            }));
        }
        kv.apply(Tree::ByKind, std::mem::take(&mut self.by_kind))?;
        kv.apply(Tree::Voids, std::mem::take(&mut self.voids))?;
        self.pending = 0;
        self.seen_in_batch.clear();
        // Written data waits in memory until sled writes it out; under a busy disk that
        // grows. Writing it out every so many chunks keeps an import's memory bounded.
        self.chunks_done += 1;
        if self.chunks_done.is_multiple_of(FLUSH_EVERY_CHUNKS) {
            kv.flush()?;
        }
        Ok(())
    }

    /// The dates this batch changed.
    pub fn touched(&self) -> &[NaiveDate] {
        &self.touched
    }

    /// Make the batch visible, with its audit entry and its id index entries, atomically.
    pub fn commit(mut self, entry: audit::NewEntry) -> Result<(Counts, Vec<NaiveDate>, AuditEntry)> {
        self.drain()?;
        self.write_chunk()?;
        self.take_back_repeats()?;
        // The cached figures of the days the batch changes are dropped just before it
        // becomes visible (a crash between leaves at worst a cold cache), not as its chunks
        // are written: a batch that never commits (a refused file) leaves them be.
        self.store.invalidate_figures(&self.books, &self.touched)?;
        self.store.kv.flush()?;
        self.info.committed = true;
        self.info.ended = Some(Utc::now());
        let write = (
            Tree::Batches,
            Op::Insert(self.number.to_be_bytes().to_vec(), encode(&self.info)),
        );
        let (mut writes, merges) =
            self.store
                .id_index_writes(&self.source, self.number, std::mem::take(&mut self.ids))?;
        writes.insert(0, write);
        if !self.invoices.is_empty() {
            let due = self
                .store
                .debtors_due_with(&self.source, std::mem::take(&mut self.invoices))?;
            writes.push((Tree::Meta, due));
        }
        let entry = self.store.kv.append_audit(writes, merges.as_ref(), &entry)?;
        self.store.announce(&entry);
        Ok((self.info.counts.clone(), std::mem::take(&mut self.touched), entry))
    }
}

impl Store {
    /// Register a batch as committed in this open store (after [`BatchWriter::commit`]).
    pub fn mark_committed(&mut self, number: u64) {
        self.committed.insert(number);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::document::parse_line;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    #[derive(Debug, Clone)]
    enum Op {
        Put { id: u8, day: u32, cents: u32 },
        Void { id: u8 },
    }

    fn doc(op: &Op) -> Document {
        let line = match op {
            Op::Put { id, day, cents } => format!(
                r#"{{"type":"cash","id":"D{id}","time":"2026-03-0{day}T10:00:00+01:00","financial_date":"2026-03-0{day}","kind":"cash_in","amount":"{}.{:02}"}}"#,
                cents / 100,
                cents % 100
            ),
            Op::Void { id } => format!(r#"{{"type":"void","id":"D{id}","time":"2026-03-09T10:00:00+01:00"}}"#),
        };
        parse_line(line.as_bytes()).expect("valid line")
    }

    fn date(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, day).expect("date")
    }

    fn entry() -> audit::NewEntry {
        audit::NewEntry {
            author: "test".into(),
            action: "import".into(),
            reason: None,
            detail: serde_json::Value::Null,
        }
    }

    /// Write batches; a batch marked `false` is interrupted after its writes, before its
    /// commit, as by a crash.
    fn apply(store: &mut Store, batches: &[(Vec<Op>, bool)]) {
        for (ops, commit) in batches {
            let mut w = store.begin("import", "s", "test").expect("begin");
            // A tiny expected size: the filter answers "maybe" often, as a full one would.
            w.expect_documents(1).expect("expect");
            for op in ops {
                let d = doc(op);
                let day = match op {
                    Op::Put { day, .. } => Some(date(*day)),
                    Op::Void { .. } => None,
                };
                w.put(d, day, &["B".to_string()]).expect("put");
            }
            if *commit {
                let n = w.number();
                w.commit(entry()).expect("commit");
                store.mark_committed(n);
            } else {
                w.write_chunk().expect("chunk");
            }
        }
    }

    /// What every date must list: the newest committed version of each document that no
    /// committed void withdrew, under the date of that version.
    fn model(batches: &[(Vec<Op>, bool)]) -> BTreeMap<NaiveDate, Vec<(String, u64, Document)>> {
        let (current, voided) = newest(batches);
        let mut out: BTreeMap<NaiveDate, Vec<(String, u64, Document)>> = BTreeMap::new();
        for (id, (batch, day, d)) in current {
            if !voided.contains(&id) {
                out.entry(date(day)).or_default().push((format!("D{id}"), batch, d));
            }
        }
        out
    }

    /// The newest committed version of each document (batch, day, document), and the
    /// documents voided.
    #[allow(clippy::type_complexity)]
    fn newest(batches: &[(Vec<Op>, bool)]) -> (BTreeMap<u8, (u64, u32, Document)>, HashSet<u8>) {
        let mut current: BTreeMap<u8, (u64, u32, Document)> = BTreeMap::new();
        let mut voided = HashSet::new();
        for (i, (ops, commit)) in batches.iter().enumerate() {
            if !commit {
                continue;
            }
            let batch = i as u64 + 1;
            // A document put more than once in a batch: its last version counts, against
            // the version before the batch.
            let mut last: BTreeMap<u8, (u32, Document)> = BTreeMap::new();
            for op in ops {
                match op {
                    Op::Put { id, day, .. } => {
                        last.insert(*id, (*day, doc(op)));
                    }
                    Op::Void { id } => {
                        voided.insert(*id);
                    }
                }
            }
            for (id, (day, d)) in last {
                if current.get(&id).is_some_and(|(_, _, old)| *old == d) {
                    continue;
                }
                current.insert(id, (batch, day, d));
            }
        }
        (current, voided)
    }

    /// Where the id index places each document the batches wrote.
    fn placed(store: &Store) -> BTreeMap<u8, (u64, NaiveDate)> {
        let ids: Vec<Vec<u8>> = (0u8..6).map(|i| format!("D{i}").into_bytes()).collect();
        let asked: Vec<&[u8]> = ids.iter().map(Vec::as_slice).collect();
        let places = store.places("s", &asked).expect("places");
        (0u8..6)
            .zip(places)
            .filter_map(|(i, p)| p.map(|p| (i, (p.batch, p.date))))
            .collect()
    }

    fn listed(store: &Store) -> BTreeMap<NaiveDate, Vec<(String, u64, Document)>> {
        let mut out = BTreeMap::new();
        for day in 1..=5 {
            let docs = store.documents_on("s", date(day)).expect("read");
            if !docs.is_empty() {
                out.insert(
                    date(day),
                    docs.into_iter()
                        .map(|(r, d)| (r.id.to_string(), r.version, d))
                        .collect(),
                );
            }
        }
        out
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            6 => (0u8..6, 1u32..=4, 0u32..3).prop_map(|(id, day, cents)| Op::Put { id, day, cents }),
            1 => (0u8..6).prop_map(|id| Op::Void { id }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// The date index (versions filed per date, tombstones where a document left a date,
        /// voids, unfinished batches) lists exactly what the versions say, and the id index
        /// places each document at its newest version, also after a reopen, after the index
        /// is rebuilt with other dates, and after such a rebuild is cut short and taken up
        /// again; a document put again as it stands is unchanged.
        #[test]
        fn the_date_index_lists_the_current_versions(
            batches in prop::collection::vec((prop::collection::vec(op(), 0..8), prop::bool::weighted(0.8)), 1..6)
        ) {
            let dir = tempfile::tempdir().expect("tempdir");
            let expected = model(&batches);
            let (current, voided) = newest(&batches);
            let places: BTreeMap<u8, (u64, NaiveDate)> =
                current.iter().map(|(id, (b, day, _))| (*id, (*b, date(*day)))).collect();
            {
                let mut store = Store::open(dir.path()).expect("open");
                apply(&mut store, &batches);
                prop_assert_eq!(listed(&store), expected.clone());
                prop_assert_eq!(placed(&store), places.clone());
            }
            let store = Store::open(dir.path()).expect("reopen");
            prop_assert_eq!(listed(&store), expected.clone());
            prop_assert_eq!(placed(&store), places.clone());
            let cal = crate::domain::calendar::BusinessCalendar::default();
            store.reindex_dates("same", |d| d.business_date(&cal)).expect("reindex");
            prop_assert_eq!(listed(&store), expected.clone());
            // Every date one later: each document moves, with its history.
            let later = |d: &Document| d.business_date(&cal).map(|d| d + chrono::Duration::days(1));
            store.reindex_dates("later", later).expect("reindex");
            let shifted: BTreeMap<NaiveDate, Vec<(String, u64, Document)>> = expected
                .iter()
                .map(|(d, docs)| (*d + chrono::Duration::days(1), docs.clone()))
                .collect();
            let moved: BTreeMap<u8, (u64, NaiveDate)> = places
                .iter()
                .map(|(id, (b, d))| (*id, (*b, *d + chrono::Duration::days(1))))
                .collect();
            prop_assert_eq!(listed(&store), shifted.clone());
            prop_assert_eq!(placed(&store), moved.clone());
            for (id, (b, _, _)) in &current {
                let r = DocRef { id: compact_str::format_compact!("D{id}"), version: *b };
                let (_, d) = moved[id];
                prop_assert!(store.versions_on("s", d, std::slice::from_ref(&r)).expect("read")[0].is_some());
            }
            // Cut short after the versions were put aside and part of the index went.
            store.versions_from_pages().expect("aside");
            store.kv.insert(Tree::Meta, REINDEXING, b"1").expect("mark");
            store.kv.clear(Tree::ByDate).expect("clear");
            drop(store);
            let mut store = Store::open(dir.path()).expect("reopen");
            prop_assert!(store.reindex_unfinished().expect("read"));
            store.reindex_dates("later", later).expect("taken up");
            prop_assert!(!store.reindex_unfinished().expect("read"));
            prop_assert_eq!(listed(&store), shifted);
            prop_assert_eq!(placed(&store), moved);
            prop_assert_eq!(store.kv.count(Tree::Versions).expect("count"), 0);
            // The documents as they stand, again: nothing changes.
            let mut w = store.begin("import", "s", "again").expect("begin");
            for (id, (_, _, d)) in &current {
                if !voided.contains(id) {
                    let outcome = w.put(d.clone(), later(d), &[]).expect("put");
                    prop_assert_eq!(outcome, Outcome::Unchanged);
                }
            }
            let n = w.number();
            w.commit(entry()).expect("commit");
            store.mark_committed(n);
        }
    }

    /// §3: the same id again with other content is an update, also within one file and
    /// chunks apart, when the source was empty before (the writer's filter then decides
    /// whether the store is asked at all).
    #[test]
    fn what_an_unfinished_batch_wrote_is_removed_when_the_store_opens_again() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keys = |store: &Store| {
            [Tree::Ids, Tree::ByDate, Tree::Voids]
                .iter()
                .map(|t| store.kv.count(*t).expect("count") as usize)
                .sum::<usize>()
        };
        let before;
        {
            let mut store = Store::open(dir.path()).expect("open");
            let mut w = store.begin("import", "s", "kept").expect("begin");
            w.put(
                doc(&Op::Put {
                    id: 1,
                    day: 2,
                    cents: 150,
                }),
                Some(date(2)),
                &[],
            )
            .expect("put");
            let n = w.number();
            w.commit(entry()).expect("commit");
            store.mark_committed(n);
            before = keys(&store);
            // A run killed after it wrote two chunks: they are in the store, uncounted.
            let mut w = store.begin("import", "s", "killed").expect("begin");
            for i in 0..2 * CHUNK {
                let filler = parse_line(
                    format!(r#"{{"type":"cash","id":"K{i}","time":"2026-03-01T10:00:00+01:00","kind":"cash_in","amount":"1.00"}}"#)
                        .as_bytes(),
                )
                .expect("valid");
                w.put(filler, Some(date(1)), &[]).expect("put");
            }
            w.put(doc(&Op::Void { id: 1 }), None, &[]).expect("void");
            w.write_chunk().expect("chunk");
            std::mem::forget(w);
            assert!(keys(&store) > before + 1, "the killed batch's pages and void are there");
        }
        let mut store = Store::open(dir.path()).expect("reopen");
        assert_eq!(keys(&store), before, "nothing of the killed batch is left");
        assert_eq!(store.documents_on("s", date(2)).expect("read").len(), 1);
        let batches = store.batches().expect("batches");
        assert!(batches
            .iter()
            .any(|(_, b)| b.label == "killed" && b.discarded && !b.committed));
        assert_eq!(store.discard_uncommitted().expect("again"), 0, "done once");
    }

    #[test]
    fn a_later_line_of_the_same_file_updates_across_chunks() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::open(dir.path()).expect("open");
        let mut w = store.begin("import", "s", "test").expect("begin");
        w.expect_documents(CHUNK as u64 + 2).expect("expect");
        let first = Op::Put {
            id: 1,
            day: 2,
            cents: 150,
        };
        w.put(doc(&first), Some(date(2)), &[]).expect("put");
        for i in 0..CHUNK {
            let filler = parse_line(
                format!(r#"{{"type":"cash","id":"F{i}","time":"2026-03-01T10:00:00+01:00","kind":"cash_in","amount":"1.00"}}"#)
                    .as_bytes(),
            )
            .expect("valid");
            w.put(filler, Some(date(1)), &[]).expect("put");
        }
        let later = Op::Put {
            id: 1,
            day: 3,
            cents: 275,
        };
        // New to the store: counted once, as new, by its last version.
        assert_eq!(w.put(doc(&later), Some(date(3)), &[]).expect("put"), Outcome::New);
        let n = w.number();
        let (counts, _, _) = w.commit(entry()).expect("commit");
        store.mark_committed(n);
        assert_eq!((counts.new, counts.changed), (CHUNK as u64 + 1, 0));
        assert!(
            store.documents_on("s", date(2)).expect("read").is_empty(),
            "it left the 2nd"
        );
        let third = store.documents_on("s", date(3)).expect("read");
        assert_eq!(third.len(), 1);
        assert_eq!(third[0].1, doc(&later));
    }

    #[test]
    fn older_stores_are_migrated_on_open() {
        let dir = tempfile::tempdir().expect("tempdir");
        let put = Op::Put {
            id: 1,
            day: 2,
            cents: 150,
        };
        let second = Op::Put {
            id: 2,
            day: 2,
            cents: 275,
        };
        {
            let store = Store::open(dir.path()).expect("open");
            // Schema 1: versions as JSON, an empty date index value without batch.
            let version = Version {
                date: Some(date(2)),
                doc: doc(&put),
            };
            store
                .kv
                .insert(
                    Tree::Versions,
                    &key(&[b"s", b"D1", &1u64.to_be_bytes()]),
                    &encode(&version),
                )
                .expect("insert");
            store
                .kv
                .insert(Tree::ByDate, &key(&[b"s", b"2026-03-02", b"D1"]), &[])
                .expect("insert");
            // And one in the format of schema 2: a header, a kind byte, the fields as JSON.
            let Document::Cash(cash) = doc(&second) else {
                panic!("a cash event")
            };
            let mut v2 = vec![1];
            v2.extend_from_slice(&chrono::Datelike::num_days_from_ce(&date(2)).to_le_bytes());
            v2.push(5);
            v2.extend_from_slice(&serde_json::to_vec(&cash).expect("json"));
            store
                .kv
                .insert(Tree::Versions, &key(&[b"s", b"D2", &1u64.to_be_bytes()]), &v2)
                .expect("insert");
            let info = BatchInfo {
                kind: "import".into(),
                source: "s".into(),
                label: "old".into(),
                started: Utc::now(),
                ended: None,
                committed: true,
                counts: Counts::default(),
                discarded: false,
                per_day: Default::default(),
            };
            store
                .kv
                .insert(Tree::Batches, &1u64.to_be_bytes(), &encode(&info))
                .expect("insert");
            store
                .kv
                .insert(Tree::Meta, b"schema", &1u32.to_be_bytes())
                .expect("insert");
            store.flush().expect("flush");
        }
        let store = Store::open(dir.path()).expect("migrated");
        let docs = store.documents_on("s", date(2)).expect("read");
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].1, doc(&put));
        assert_eq!(docs[1].1, doc(&second));
        assert_eq!(docs[0].0.version, 1);
        for (_, _, bytes) in store
            .newest_many("s", &[b"D1", b"D2"], &mut PageCache::default())
            .expect("read")
            .into_iter()
            .flatten()
        {
            assert!(matches!(bytes[0], 2 | 3), "every version re-encoded in binary");
        }
        assert_eq!(placed(&store).len(), 2, "the id index built");
        assert_eq!(
            store.kv.count(Tree::Versions).expect("count"),
            0,
            "the versions removed"
        );
        let schema = store.kv.get(Tree::Meta, b"schema").expect("read").expect("set");
        assert_eq!(schema.as_slice(), &SCHEMA.to_be_bytes());
    }

    /// A document put on day 2, then changed and moved to day 3 by a later batch.
    fn put_then_moved() -> (Op, Op) {
        let first = Op::Put {
            id: 1,
            day: 2,
            cents: 150,
        };
        let moved = Op::Put {
            id: 1,
            day: 3,
            cents: 175,
        };
        (first, moved)
    }

    /// A second document, on day 2, beside [`put_then_moved`]'s.
    fn another_on_day_2() -> Op {
        Op::Put {
            id: 2,
            day: 2,
            cents: 300,
        }
    }

    /// Schema 4 kept every version under a key of its own and had no id index: it is built
    /// from those versions on open, which then go.
    #[test]
    fn a_store_of_schema_4_gets_its_id_index() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (first, moved) = put_then_moved();
        let other = another_on_day_2();
        {
            let mut store = Store::open(dir.path()).expect("open");
            apply(
                &mut store,
                &[(vec![first.clone(), other.clone()], true), (vec![moved.clone()], true)],
            );
            // As schema 4 had it: each version under `source 0 id 0 batch`, no id index.
            for (id, b, op) in [(b"D1", 1u64, &first), (b"D2", 1, &other), (b"D1", 2, &moved)] {
                let day = match op {
                    Op::Put { day, .. } => *day,
                    Op::Void { .. } => unreachable!(),
                };
                let v = encode_version(&Version {
                    date: Some(date(day)),
                    doc: doc(op),
                });
                store
                    .kv
                    .insert(Tree::Versions, &key(&[b"s", id, &b.to_be_bytes()]), &v)
                    .expect("insert");
            }
            store.kv.clear(Tree::Ids).expect("clear");
            store
                .kv
                .insert(Tree::Meta, b"schema", &4u32.to_be_bytes())
                .expect("insert");
            store.flush().expect("flush");
        }
        let store = Store::open(dir.path()).expect("migrated");
        assert_eq!(
            placed(&store),
            BTreeMap::from([(1, (2, date(3))), (2, (1, date(2)))]),
            "each document at its newest version"
        );
        assert_eq!(store.kv.count(Tree::Versions).expect("count"), 0);
        // Written anew on the way: the new store does not ask for it again.
        assert!(store.kv.get(Tree::Meta, COMPACT_PENDING).expect("read").is_none());
        assert!(!dir.path().join(COMPACT).exists() && !dir.path().join(COMPACT_OLD).exists());
        // A crash between the migration and the writing anew: the next open does it.
        store.kv.insert(Tree::Meta, COMPACT_PENDING, b"1").expect("mark");
        drop(store);
        let mut store = Store::open(dir.path()).expect("reopen");
        assert!(store.kv.get(Tree::Meta, COMPACT_PENDING).expect("read").is_none());
        assert_eq!(placed(&store).len(), 2);
        let mut w = store.begin("import", "s", "again").expect("begin");
        assert_eq!(w.put(doc(&moved), Some(date(3)), &[]).expect("put"), Outcome::Unchanged);
        assert_eq!(w.put(doc(&first), Some(date(2)), &[]).expect("put"), Outcome::Changed);
        let n = w.number();
        w.commit(entry()).expect("commit");
        store.mark_committed(n);
        let on = |day| store.documents_on("s", date(day)).expect("read").len();
        assert_eq!((on(2), on(3)), (2, 0), "moved back, from the index's date");
    }

    /// Where the id index places each of the documents `D0`…`D59`: asked together, so the
    /// filter answers for those it does not hold.
    fn placed_many(store: &Store) -> BTreeMap<u8, (u64, NaiveDate)> {
        let ids: Vec<Vec<u8>> = (0u8..60).map(|i| format!("D{i}").into_bytes()).collect();
        let asked: Vec<&[u8]> = ids.iter().map(Vec::as_slice).collect();
        assert!(asked.len() >= FILTER_FROM);
        let places = store.places("s", &asked).expect("places");
        (0u8..60)
            .zip(places)
            .filter_map(|(i, p)| p.map(|p| (i, (p.batch, p.date))))
            .collect()
    }

    fn runs_kept(store: &Store) -> usize {
        store.scan_prefix(Tree::Ids, &ids_run_key("s", None)).count()
    }

    fn has_filter(store: &Store) -> bool {
        store.kv.get(Tree::Ids, &ids_filter_key("s")).expect("read").is_some()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(6))]
        /// Decision 68: small batches are kept as runs, folded into the buckets after
        /// [`MAX_RUNS`]; the id index places every document at its newest version after
        /// each commit, with runs, after a fold and after a reopen, and the filter never
        /// hides one.
        #[test]
        fn runs_and_folds_place_each_document_at_its_newest_version(
            batches in prop::collection::vec(
                prop::collection::vec((0u8..60, 1u32..=4), 1..4), MAX_RUNS + 2..MAX_RUNS + 12)
        ) {
            // An amount of its own in each batch: every batch changes what it puts.
            let batches: Vec<(Vec<Op>, bool)> = batches
                .into_iter()
                .enumerate()
                .map(|(n, b)| (b.into_iter().map(|(id, day)| Op::Put { id, day, cents: n as u32 }).collect(), true))
                .collect();
            let dir = tempfile::tempdir().expect("tempdir");
            let mut store = Store::open(dir.path()).expect("open");
            let mut most_runs = 0;
            for n in 1..=batches.len() {
                apply(&mut store, &batches[n - 1..n]);
                let (current, _) = newest(&batches[..n]);
                let places: BTreeMap<u8, (u64, NaiveDate)> =
                    current.iter().map(|(id, (b, day, _))| (*id, (*b, date(*day)))).collect();
                prop_assert_eq!(placed_many(&store), places.clone(), "after batch {}", n);
                prop_assert_eq!(placed(&store), places.into_iter().filter(|(id, _)| *id < 6).collect::<BTreeMap<_, _>>());
                prop_assert!(has_filter(&store), "the first batch folds and builds the filter");
                let runs = runs_kept(&store);
                prop_assert!(runs <= MAX_RUNS);
                most_runs = most_runs.max(runs);
            }
            prop_assert_eq!(most_runs, MAX_RUNS, "small batches are kept as runs");
            prop_assert!(runs_kept(&store) < batches.len() - 1, "and folded");
            let (current, _) = newest(&batches);
            drop(store);
            let store = Store::open(dir.path()).expect("reopen");
            let places: BTreeMap<u8, (u64, NaiveDate)> =
                current.iter().map(|(id, (b, day, _))| (*id, (*b, date(*day)))).collect();
            prop_assert_eq!(placed_many(&store), places);
            // In id order, as the date index lists them.
            let mut expected = model(&batches);
            for docs in expected.values_mut() {
                docs.sort_by(|a, b| a.0.cmp(&b.0));
            }
            prop_assert_eq!(listed(&store), expected);
        }
    }

    /// A batch large beside what the buckets hold folds at once: more entries in runs than
    /// an eighth of the buckets' (at least 1 024) are not kept apart.
    #[test]
    fn a_large_batch_is_folded_into_the_buckets() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::open(dir.path()).expect("open");
        let line = |i: u32| {
            parse_line(
                format!(
                    r#"{{"type":"cash","id":"C{i}","time":"2026-03-02T10:00:00+01:00","financial_date":"2026-03-02","kind":"cash_in","amount":"1.00"}}"#
                )
                .as_bytes(),
            )
            .expect("valid line")
        };
        let mut batch = |from: u32, to: u32| {
            let mut w = store.begin("import", "s", "test").expect("begin");
            w.expect_documents(u64::from(to - from)).expect("expect");
            for i in from..to {
                w.put(line(i), Some(date(2)), &[]).expect("put");
            }
            let n = w.number();
            w.commit(entry()).expect("commit");
            store.mark_committed(n);
            store.scan_prefix(Tree::Ids, &ids_run_key("s", None)).count()
        };
        assert_eq!(batch(0, 10), 0, "the first batch folds");
        assert_eq!(batch(10, 20), 1, "a small one is a run");
        assert_eq!(batch(20, 2000), 0, "a large one folds, with the runs before it");
        let ids: Vec<Vec<u8>> = (0..2100).map(|i| format!("C{i}").into_bytes()).collect();
        let asked: Vec<&[u8]> = ids.iter().map(Vec::as_slice).collect();
        let places = store.places("s", &asked).expect("places");
        assert_eq!(places.iter().filter(|p| p.is_some()).count(), 2000);
        assert!(places[..2000].iter().all(Option::is_some));
        let filter = store.id_filter("s").expect("read");
        let filter = filter.as_ref().as_ref().expect("a filter");
        assert!(filter.added() >= 2000 && filter.has_room_for(0));
    }

    /// Schema 5 had buckets alone: they are kept on open (no rebuild), and the next commit
    /// builds the filter from them.
    #[test]
    fn a_store_of_schema_5_keeps_its_id_index() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (first, moved) = put_then_moved();
        let other = another_on_day_2();
        {
            let mut store = Store::open(dir.path()).expect("open");
            apply(&mut store, &[(vec![first.clone(), other.clone()], true)]);
            // As schema 5 had it: the buckets, no filter, no runs.
            store.kv.remove(Tree::Ids, &ids_filter_key("s")).expect("remove");
            assert_eq!(runs_kept(&store), 0);
            store
                .kv
                .insert(Tree::Meta, b"schema", &5u32.to_be_bytes())
                .expect("insert");
            store.flush().expect("flush");
        }
        let mut store = Store::open(dir.path()).expect("migrated");
        let schema = store.kv.get(Tree::Meta, b"schema").expect("read").expect("set");
        assert_eq!(schema.as_slice(), &SCHEMA.to_be_bytes());
        assert_eq!(placed(&store), BTreeMap::from([(1, (1, date(2))), (2, (1, date(2)))]));
        assert!(!has_filter(&store));
        assert_eq!(placed_many(&store).len(), 2, "without a filter the buckets answer");
        apply(&mut store, &[(vec![moved], true)]);
        assert!(has_filter(&store), "built by the next commit");
        assert_eq!(runs_kept(&store), 0, "which folds");
        assert_eq!(
            placed_many(&store),
            BTreeMap::from([(1, (2, date(3))), (2, (1, date(2)))])
        );
        let mut w = store.begin("import", "s", "again").expect("begin");
        assert_eq!(w.put(doc(&other), Some(date(2)), &[]).expect("put"), Outcome::Unchanged);
    }

    /// A damaged run or filter is named, not read as "no such document".
    #[test]
    fn a_damaged_run_or_filter_is_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::open(dir.path()).expect("open");
        let put = |id| Op::Put { id, day: 2, cents: 100 };
        apply(&mut store, &[(vec![put(1)], true), (vec![put(2)], true)]);
        assert_eq!(runs_kept(&store), 1);
        let (k, v) = store
            .scan_prefix(Tree::Ids, &ids_run_key("s", None))
            .next()
            .expect("a run")
            .expect("read");
        store.kv.insert(Tree::Ids, &k, &v[..v.len() - 3]).expect("cut");
        store.forget_id_index();
        let err = store.places("s", &[b"D1"]).expect_err("refused").to_string();
        assert!(
            err.contains("s/ids/run") && err.contains("run of the id index"),
            "{err}"
        );
        store.kv.insert(Tree::Ids, &k, &v).expect("mend");
        store.kv.insert(Tree::Ids, &ids_filter_key("s"), &[1, 0]).expect("cut");
        store.forget_id_index();
        let many: Vec<Vec<u8>> = (0..40).map(|i| format!("D{i}").into_bytes()).collect();
        let asked: Vec<&[u8]> = many.iter().map(Vec::as_slice).collect();
        let err = store.places("s", &asked).expect_err("refused").to_string();
        assert!(
            err.contains("s/ids/filter") && err.contains("filter of the id index"),
            "{err}"
        );
    }

    /// `check` reads a confirmed day's documents as they stood (R10): a version a later
    /// batch replaced, and moved to another date, is still read from its own day's pages.
    #[test]
    fn a_replaced_version_is_read_where_it_was_filed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::open(dir.path()).expect("open");
        let (first, moved) = put_then_moved();
        apply(&mut store, &[(vec![first.clone()], true), (vec![moved.clone()], true)]);
        let at = |day, version| {
            let r = DocRef {
                id: "D1".into(),
                version,
            };
            store
                .versions_on("s", date(day), std::slice::from_ref(&r))
                .expect("read")
                .remove(0)
                .map(|v| v.doc)
        };
        assert_eq!(at(2, 1), Some(doc(&first)));
        assert_eq!(at(3, 2), Some(doc(&moved)));
        assert_eq!(at(3, 1), None, "batch 1 filed nothing on the 3rd");
    }

    /// The invoice register reads each invoice's newest committed version from `by_kind`:
    /// not a version of an unfinished batch, not one that became another kind, not a voided
    /// one; and a store of schema 4 (keys without versions there) gets them on first open.
    #[test]
    fn the_register_kinds_list_each_documents_newest_committed_version() {
        let invoice = |id: &str, amount: &str| {
            parse_line(format!(r#"{{"type":"invoice","id":"{id}","branch":"1","date":"2026-03-02","debtor":{{"name":"Janssens BV","email":"b@janssens.be"}},"lines":[{{"vat":"1","amount":"{amount}"}}]}}"#).as_bytes()).expect("valid")
        };
        let amounts = |store: &Store| -> Vec<(String, u64, String)> {
            store
                .documents_of_kind("s", "invoice")
                .expect("read")
                .into_iter()
                .map(|(r, d)| match d {
                    Document::Invoice(i) => (r.id.to_string(), r.version, i.lines[0].amount.to_string()),
                    other => panic!("not an invoice: {other:?}"),
                })
                .collect()
        };
        let dir = tempfile::tempdir().expect("tempdir");
        {
            let mut store = Store::open(dir.path()).expect("open");
            let batch = |store: &mut Store, docs: Vec<Document>, commit: bool| {
                let mut w = store.begin("import", "s", "t").expect("begin");
                for d in docs {
                    w.put(d, Some(date(2)), &[]).expect("put");
                }
                if commit {
                    let n = w.number();
                    w.commit(entry()).expect("commit");
                    store.mark_committed(n);
                } else {
                    w.write_chunk().expect("chunk");
                    std::mem::forget(w);
                }
            };
            batch(
                &mut store,
                vec![invoice("F1", "10.00"), invoice("F2", "20.00"), invoice("F3", "30.00")],
                true,
            );
            batch(
                &mut store,
                vec![
                    invoice("F1", "11.00"),
                    doc(&Op::Put {
                        id: 7,
                        day: 2,
                        cents: 5,
                    }),
                ],
                true,
            );
            // F2 is re-sent as a cash event: it leaves the register.
            let cash = parse_line(
                br#"{"type":"cash","id":"F2","time":"2026-03-02T10:00:00+01:00","kind":"cash_in","amount":"1.00"}"#,
            )
            .expect("valid");
            batch(&mut store, vec![cash], true);
            // A void withdraws F3; an unfinished batch's F1 does not count.
            let void = parse_line(br#"{"type":"void","id":"F3","time":"2026-03-03T10:00:00+01:00"}"#).expect("valid");
            let mut w = store.begin("import", "s", "v").expect("begin");
            w.put(void, None, &[]).expect("void");
            let n = w.number();
            w.commit(entry()).expect("commit");
            store.mark_committed(n);
            batch(&mut store, vec![invoice("F1", "99.00")], false);
            assert_eq!(amounts(&store), vec![("F1".into(), 2, "11.00".into())]);
            // As schema 4 had it: a version key per document, empty `by_kind` keys.
            store.kv.clear(Tree::ByKind).expect("clear");
            for (id, b, d) in [
                ("F1", 1u64, invoice("F1", "10.00")),
                ("F1", 2, invoice("F1", "11.00")),
                ("F3", 1, invoice("F3", "30.00")),
            ] {
                let v = encode_version(&Version {
                    date: Some(date(2)),
                    doc: d,
                });
                store
                    .kv
                    .insert(Tree::Versions, &key(&[b"s", id.as_bytes(), &b.to_be_bytes()]), &v)
                    .expect("insert");
                store
                    .kv
                    .insert(Tree::ByKind, &key(&[b"s", b"invoice", id.as_bytes()]), &[])
                    .expect("insert");
            }
            store
                .kv
                .insert(Tree::Meta, b"schema", &4u32.to_be_bytes())
                .expect("insert");
            store.flush().expect("flush");
        }
        let store = Store::open(dir.path()).expect("migrated");
        assert_eq!(amounts(&store), vec![("F1".into(), 2, "11.00".into())]);
    }

    /// A compaction cut short at any step leaves one whole store: the new one once it was
    /// marked written whole, else the old one.
    #[test]
    fn a_compaction_cut_short_leaves_one_whole_store() {
        let state = |dir: &Path, names: &[&str]| {
            for n in names {
                std::fs::create_dir_all(dir.join(n)).expect("dir");
                std::fs::write(dir.join(n).join("which"), n).expect("write");
            }
        };
        let which = |dir: &Path| std::fs::read_to_string(dir.join("store/which")).expect("a store");
        let leftovers = |dir: &Path| {
            [COMPACT, COMPACT_DONE, COMPACT_OLD]
                .iter()
                .any(|n| dir.join(n).exists())
        };
        // Cut during the copy: the old store stays.
        let dir = tempfile::tempdir().expect("tempdir");
        state(dir.path(), &["store", COMPACT]);
        settle_compaction(dir.path()).expect("settle");
        assert_eq!(which(dir.path()), "store");
        assert!(!leftovers(dir.path()));
        // Written whole, cut before, between or after the renames: the new one.
        for before in [&["store", COMPACT][..], &[COMPACT_OLD, COMPACT], &[COMPACT_OLD]] {
            let dir = tempfile::tempdir().expect("tempdir");
            state(dir.path(), before);
            if before == [COMPACT_OLD] {
                state(dir.path(), &["store"]);
                std::fs::write(dir.path().join("store/which"), COMPACT).expect("write");
            }
            std::fs::write(dir.path().join(COMPACT_DONE), b"").expect("mark");
            settle_compaction(dir.path()).expect("settle");
            assert_eq!(which(dir.path()), COMPACT, "from {before:?}");
            assert!(!leftovers(dir.path()), "from {before:?}");
        }
    }

    fn confirmed_record(cents: i64) -> DayRecord {
        let mut figures = DayFigures::default();
        figures
            .turnover
            .insert("V21".into(), rust_decimal::Decimal::new(cents, 2));
        figures
            .payments
            .insert("CASH".into(), rust_decimal::Decimal::new(cents, 2));
        figures.documents = vec![DocRef {
            id: "T1".into(),
            version: 1,
        }];
        DayRecord {
            receipts_confirmed: true,
            payments_confirmed: true,
            frozen: Some(crate::domain::book::Frozen {
                figures,
                edits: vec![],
                corrections: vec![],
                cash: Default::default(),
                turnover: rust_decimal::Decimal::new(cents, 2),
                payments: rust_decimal::Decimal::new(cents, 2),
                by: "an".into(),
                at: Utc::now(),
                booked: None,
            }),
            ..DayRecord::default()
        }
    }

    /// Decision 63: a confirmed day's record stays JSON and names its frozen figures, which
    /// are kept in binary beside it; read back whole, or apart with their digest.
    #[test]
    fn frozen_figures_are_kept_beside_the_record_and_named_by_their_digest() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("open");
        let record = confirmed_record(1250);
        store
            .write_days(
                &[("b", date(2), &record), ("b", date(3), &DayRecord::default())],
                entry(),
            )
            .expect("write");
        let k = key(&[b"b", b"2026-03-02"]);
        let json: serde_json::Value =
            serde_json::from_slice(&store.kv.get(Tree::Days, &k).expect("read").expect("there")).expect("JSON");
        let frozen = &json["frozen"];
        assert!(
            frozen.get("figures").is_none(),
            "the figures are not in the JSON: {json}"
        );
        let digest = figures_digest(&record.frozen.as_ref().expect("frozen").figures);
        assert_eq!(frozen["figures_sha256"], serde_json::Value::from(digest.clone()));
        assert_eq!(frozen["turnover"], "12.50", "what a person reads stays in the JSON");
        assert!(store.kv.get(Tree::Frozen, &k).expect("read").is_some());

        assert_eq!(store.day_record("b", date(2)).expect("read"), Some(record.clone()));
        assert_eq!(store.day_records("b").expect("read").get(&date(2)), Some(&record));
        let apart = store.day_records_apart_between("b", date(1), date(3)).expect("read");
        let (light, named) = &apart[&date(2)];
        assert_eq!(named.as_deref(), Some(digest.as_str()));
        assert_eq!(light.frozen.as_ref().expect("frozen").figures, DayFigures::default());
        assert_eq!(apart[&date(3)].1, None);
        assert_eq!(
            store.frozen_figures("b", date(2), &digest).expect("read"),
            record.frozen.as_ref().expect("frozen").figures
        );

        // Reopened: the figures go with the record.
        store
            .write_days(&[("b", date(2), &DayRecord::default())], entry())
            .expect("write");
        assert!(store.kv.get(Tree::Frozen, &k).expect("read").is_none());

        // Figures that do not match their digest are named, never taken for the day's.
        store.write_days(&[("b", date(2), &record)], entry()).expect("write");
        let other = frozen_value(&confirmed_record(999).frozen.expect("frozen").figures);
        store.kv.insert(Tree::Frozen, &k, &other).expect("insert");
        let e = store.day_record("b", date(2)).expect_err("refused").to_string();
        assert!(e.contains("frozen/b/2026-03-02") && e.contains("digest"), "{e}");
        store.kv.remove(Tree::Frozen, &k).expect("remove");
        let e = store.day_records("b").expect_err("refused").to_string();
        assert!(e.contains("missing"), "{e}");
    }

    /// Schema 3 kept a confirmed day's frozen figures in its JSON record: they move beside
    /// it on first open, the same figures.
    #[test]
    fn frozen_figures_of_schema_3_move_out_of_the_record() {
        let dir = tempfile::tempdir().expect("tempdir");
        let record = confirmed_record(4200);
        let k = key(&[b"b", b"2026-03-02"]);
        {
            let store = Store::open(dir.path()).expect("open");
            let mut json = serde_json::to_value(&record).expect("json");
            json["frozen"]["figures"] =
                serde_json::to_value(&record.frozen.as_ref().expect("frozen").figures).expect("json");
            store.kv.insert(Tree::Days, &k, &encode(&json)).expect("insert");
            let open = DayRecord::default();
            store
                .kv
                .insert(Tree::Days, &key(&[b"b", b"2026-03-03"]), &encode(&open))
                .expect("insert");
            store
                .kv
                .insert(Tree::Meta, b"schema", &3u32.to_be_bytes())
                .expect("insert");
            store.flush().expect("flush");
        }
        let store = Store::open(dir.path()).expect("migrated");
        assert_eq!(store.day_record("b", date(2)).expect("read"), Some(record.clone()));
        assert_eq!(
            store.day_record("b", date(3)).expect("read"),
            Some(DayRecord::default())
        );
        let json: serde_json::Value =
            serde_json::from_slice(&store.kv.get(Tree::Days, &k).expect("read").expect("there")).expect("JSON");
        assert!(json["frozen"].get("figures").is_none(), "{json}");
        assert!(json["frozen"]["figures_sha256"].is_string(), "{json}");
        assert_eq!(store.kv.count(Tree::Frozen).expect("count"), 1);
        let schema = store.kv.get(Tree::Meta, b"schema").expect("read").expect("set");
        assert_eq!(schema.as_slice(), &SCHEMA.to_be_bytes());
    }
}
