//! The store: sled trees under the data dir. Key layout, batches and schema in one place.
//!
//! | tree      | key                          | value                                  |
//! |-----------|------------------------------|----------------------------------------|
//! | meta      | `schema`, `date_basis`, `next_batch` | u32 / text / u64                |
//! | batches   | batch (u64 BE)               | [`BatchInfo`] JSON                     |
//! | versions  | source 0 id 0 batch          | [`Version`] JSON: every version kept   |
//! | by_date   | source 0 date 0 id           | empty: documents per business date     |
//! | by_kind   | source 0 kind 0 id           | empty: invoices and invoice payments   |
//! | voids     | source 0 id 0 batch          | the void JSON                          |
//! | days      | book 0 date                  | [`DayRecord`] JSON                     |
//! | figures   | book 0 date                  | cached [`DayFigures`] + config fingerprint |
//! | audit     | seq (u64 BE)                 | [`AuditEntry`] JSON, hash-chained (R22) |
//! | state     | free text key                | JSON (mappings, cursors, invoice flags) |
//!
//! A batch (an import file, a sync run) writes its versions tagged with its number and
//! becomes visible only when its `committed` flag is written, together with its audit
//! entry, in one transaction: after a crash the store holds all of a batch or none of it.

pub mod audit;

use std::collections::HashSet;
use std::fs::File;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sled::transaction::{ConflictableTransactionError, TransactionError};
use sled::Transactional;

use crate::domain::book::DayRecord;
use crate::domain::day::{DayFigures, DocRef};
use crate::domain::document::{Document, Void};

pub use audit::AuditEntry;

/// The layout version this binary writes.
pub const SCHEMA: u32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store in use: {0} is opened by another dagkas process; close it (or wait for its sync) and try again")]
    InUse(PathBuf),
    #[error(
        "the store in {dir} was written by a newer dagkas (schema {found}, this one reads {SCHEMA}); upgrade dagkas"
    )]
    NewerSchema { dir: PathBuf, found: u32 },
    #[error("cannot open the store in {dir}: {source}")]
    Open { dir: PathBuf, source: std::io::Error },
    #[error("{}", describe(.0))]
    Sled(#[from] sled::Error),
    #[error("store holds an unreadable record under {key}: {message}")]
    Corrupt { key: String, message: String },
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Store errors in plain words; a full disk or a read-only store says so.
fn describe(e: &sled::Error) -> String {
    use std::io::ErrorKind;
    match e {
        sled::Error::Io(io) => match io.kind() {
            ErrorKind::StorageFull | ErrorKind::FileTooLarge | ErrorKind::QuotaExceeded => {
                "the disk is full (or a file size limit was reached) while writing the store; what was being written does not count, the store is as before it".into()
            }
            ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied => {
                "the store cannot be written (read-only disk or no permission); nothing was changed".into()
            }
            _ => format!("store error: {io}"),
        },
        other => format!("store error: {other}"),
    }
}

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
    db: sled::Db,
    meta: sled::Tree,
    batches: sled::Tree,
    versions: sled::Tree,
    by_date: sled::Tree,
    by_kind: sled::Tree,
    voids: sled::Tree,
    days: sled::Tree,
    figures: sled::Tree,
    audit: sled::Tree,
    state: sled::Tree,
    committed: HashSet<u64>,
    _lock: File,
}

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

fn date_key(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
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

fn batch_of(k: &[u8]) -> u64 {
    let n = k.len();
    u64::from_be_bytes(k[n - 8..].try_into().expect("8-byte batch suffix"))
}

impl Store {
    /// Open (or create) the store in `dir`, refusing a second process and a newer schema.
    pub fn open(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Open {
            dir: dir.to_path_buf(),
            source,
        })?;
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join("dagkas.lock"))
            .map_err(|source| StoreError::Open {
                dir: dir.to_path_buf(),
                source,
            })?;
        // A lock can be held for a moment by a child process forked elsewhere in this
        // process (before it execs): retry briefly before calling the store busy.
        let mut tries = 0;
        while fs2::FileExt::try_lock_exclusive(&lock).is_err() {
            tries += 1;
            if tries > 20 {
                return Err(StoreError::InUse(dir.to_path_buf()));
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        // sled's own file lock outlives a closed store by a moment (its flusher thread):
        // wait briefly for it rather than failing.
        let mut tries = 0;
        let db = loop {
            match sled::Config::new().path(dir.join("store")).open() {
                Ok(db) => break db,
                Err(sled::Error::Io(e))
                    if (e.kind() == std::io::ErrorKind::WouldBlock
                        || e.to_string().contains("could not acquire lock"))
                        && tries < 40 =>
                {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                Err(sled::Error::Io(source)) => {
                    return Err(StoreError::Open {
                        dir: dir.to_path_buf(),
                        source,
                    })
                }
                Err(other) => return Err(StoreError::Sled(other)),
            }
        };
        let tree = |name: &str| db.open_tree(name);
        let store = Store {
            dir: dir.to_path_buf(),
            meta: tree("meta")?,
            batches: tree("batches")?,
            versions: tree("versions")?,
            by_date: tree("by_date")?,
            by_kind: tree("by_kind")?,
            voids: tree("voids")?,
            days: tree("days")?,
            figures: tree("figures")?,
            audit: tree("audit")?,
            state: tree("state")?,
            committed: HashSet::new(),
            db,
            _lock: lock,
        };
        store.check_schema()?;
        let mut store = store;
        store.load_committed()?;
        Ok(store)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn check_schema(&self) -> Result<()> {
        match self.meta.get("schema")? {
            Some(v) => {
                let found = u32::from_be_bytes(v.as_ref().try_into().unwrap_or([0, 0, 0, 0]));
                if found > SCHEMA {
                    return Err(StoreError::NewerSchema {
                        dir: self.dir.clone(),
                        found,
                    });
                }
            }
            None => {
                self.meta.insert("schema", &SCHEMA.to_be_bytes())?;
                self.db.flush()?;
            }
        }
        Ok(())
    }

    fn load_committed(&mut self) -> Result<()> {
        for item in self.batches.iter() {
            let (k, v) = item?;
            let info: BatchInfo = decode(&k, &v)?;
            if info.committed {
                self.committed.insert(batch_of(&k));
            }
        }
        Ok(())
    }

    pub fn flush(&self) -> Result<()> {
        self.db.flush()?;
        Ok(())
    }

    // ----- dates -----

    /// The basis (timezone and cutoff) the date index was built with.
    pub fn date_basis(&self) -> Result<Option<String>> {
        Ok(self
            .meta
            .get("date_basis")?
            .map(|v| String::from_utf8_lossy(&v).into_owned()))
    }

    /// Rebuild the date index when the dossier's timezone or cutoff changed.
    pub fn reindex_dates(&self, basis: &str, date_of: impl Fn(&Document) -> Option<NaiveDate>) -> Result<()> {
        self.by_date.clear()?;
        self.figures.clear()?;
        let mut batch = sled::Batch::default();
        let mut versions = sled::Batch::default();
        for item in self.versions.iter() {
            let (k, v) = item?;
            let mut version: Version = decode(&k, &v)?;
            let date = date_of(&version.doc);
            if version.date != date {
                version.date = date;
                versions.insert(k.clone(), encode(&version));
            }
            if let Some(d) = date {
                let parts: Vec<&[u8]> = k.splitn(3, |b| *b == 0).collect();
                batch.insert(key(&[parts[0], date_key(d).as_bytes(), parts[1]]), &[]);
            }
        }
        self.versions.apply_batch(versions)?;
        self.by_date.apply_batch(batch)?;
        self.meta.insert("date_basis", basis.as_bytes())?;
        self.db.flush()?;
        Ok(())
    }

    pub fn set_date_basis(&self, basis: &str) -> Result<()> {
        self.meta.insert("date_basis", basis.as_bytes())?;
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.versions.is_empty()
    }

    // ----- documents -----

    /// The current (latest committed) version of a document, with its batch.
    pub fn current(&self, source: &str, id: &str) -> Result<Option<(u64, Version)>> {
        self.current_with(source, id, None)
    }

    fn current_with(&self, source: &str, id: &str, pending: Option<u64>) -> Result<Option<(u64, Version)>> {
        for item in self
            .versions
            .scan_prefix(prefix(&[source.as_bytes(), id.as_bytes()]))
            .rev()
        {
            let (k, v) = item?;
            let b = batch_of(&k);
            if self.committed.contains(&b) || Some(b) == pending {
                return Ok(Some((b, decode(&k, &v)?)));
            }
        }
        Ok(None)
    }

    /// A stored version by its batch (for `check`: the documents as they stood).
    pub fn version(&self, source: &str, r: &DocRef) -> Result<Option<Version>> {
        let k = key(&[source.as_bytes(), r.id.as_bytes(), &r.version.to_be_bytes()]);
        match self.versions.get(&k)? {
            Some(v) => Ok(Some(decode(&k, &v)?)),
            None => Ok(None),
        }
    }

    fn voided_with(&self, source: &str, id: &str, pending: Option<u64>) -> Result<bool> {
        for item in self.voids.scan_prefix(prefix(&[source.as_bytes(), id.as_bytes()])) {
            let (k, _) = item?;
            let b = batch_of(&k);
            if self.committed.contains(&b) || Some(b) == pending {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The documents of a source on a business date, voids applied, sorted by id.
    pub fn documents_on(&self, source: &str, date: NaiveDate) -> Result<Vec<(DocRef, Document)>> {
        let mut out = Vec::new();
        let p = prefix(&[source.as_bytes(), date_key(date).as_bytes()]);
        for item in self.by_date.scan_prefix(&p) {
            let (k, _) = item?;
            let id = String::from_utf8_lossy(&k[p.len()..]).into_owned();
            let Some((b, version)) = self.current(source, &id)? else {
                continue;
            };
            // The index may still hold the old date of a document that moved.
            if version.date != Some(date) || self.voided_with(source, &id, None)? {
                continue;
            }
            out.push((DocRef { id, version: b }, version.doc));
        }
        Ok(out)
    }

    /// The current documents of one kind (`invoice`, `invoice_payment`) of a source.
    pub fn documents_of_kind(&self, source: &str, kind: &str) -> Result<Vec<(DocRef, Document)>> {
        let p = prefix(&[source.as_bytes(), kind.as_bytes()]);
        let mut out = Vec::new();
        for item in self.by_kind.scan_prefix(&p) {
            let (k, _) = item?;
            let id = String::from_utf8_lossy(&k[p.len()..]).into_owned();
            let Some((b, version)) = self.current(source, &id)? else {
                continue;
            };
            if version.doc.kind() != kind || self.voided_with(source, &id, None)? {
                continue;
            }
            out.push((DocRef { id, version: b }, version.doc));
        }
        Ok(out)
    }

    /// Every current document of a source (for the invoice register and reports).
    pub fn documents_of(&self, source: &str) -> Result<Vec<(DocRef, Document)>> {
        let mut out: Vec<(DocRef, Document)> = Vec::new();
        let p = prefix(&[source.as_bytes()]);
        let mut last: Option<String> = None;
        for item in self.versions.scan_prefix(&p) {
            let (k, _) = item?;
            let rest = &k[p.len()..k.len() - 9];
            let id = String::from_utf8_lossy(rest).into_owned();
            if last.as_deref() == Some(id.as_str()) {
                continue;
            }
            last = Some(id.clone());
            if let Some((b, v)) = self.current(source, &id)? {
                if !self.voided_with(source, &id, None)? {
                    out.push((DocRef { id, version: b }, v.doc));
                }
            }
        }
        Ok(out)
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
        };
        self.batches.insert(number.to_be_bytes(), encode(&info))?;
        Ok(BatchWriter {
            store: self,
            number,
            info,
            source: source.to_string(),
            versions: sled::Batch::default(),
            by_date: sled::Batch::default(),
            by_kind: sled::Batch::default(),
            voids: sled::Batch::default(),
            pending: 0,
            touched: Vec::new(),
            seen_in_batch: std::collections::HashMap::new(),
        })
    }

    /// Batch numbers count up from 1 and are never reused, also after a crash.
    fn next_batch_number(&self) -> Result<u64> {
        let next = self.meta.update_and_fetch("next_batch", |old| {
            let n = old.and_then(|o| o.try_into().ok()).map(u64::from_be_bytes).unwrap_or(0);
            Some((n + 1).to_be_bytes().to_vec())
        })?;
        let bytes = next.expect("just written");
        Ok(u64::from_be_bytes(bytes.as_ref().try_into().expect("8 bytes")))
    }

    pub fn batches(&self) -> Result<Vec<(u64, BatchInfo)>> {
        self.batches
            .iter()
            .map(|item| {
                let (k, v) = item?;
                Ok((batch_of(&k), decode(&k, &v)?))
            })
            .collect()
    }

    // ----- days -----

    pub fn day_record(&self, book: &str, date: NaiveDate) -> Result<Option<DayRecord>> {
        let k = key(&[book.as_bytes(), date_key(date).as_bytes()]);
        match self.days.get(&k)? {
            Some(v) => Ok(Some(decode(&k, &v)?)),
            None => Ok(None),
        }
    }

    /// All stored day records of a book, by date.
    pub fn day_records(&self, book: &str) -> Result<std::collections::BTreeMap<NaiveDate, DayRecord>> {
        let p = prefix(&[book.as_bytes()]);
        let mut out = std::collections::BTreeMap::new();
        for item in self.days.scan_prefix(&p) {
            let (k, v) = item?;
            let date = String::from_utf8_lossy(&k[p.len()..])
                .parse::<NaiveDate>()
                .map_err(|e| StoreError::Corrupt {
                    key: String::from_utf8_lossy(&k).replace('\0', "/"),
                    message: e.to_string(),
                })?;
            out.insert(date, decode(&k, &v)?);
        }
        Ok(out)
    }

    /// Write day records and their audit entry in one transaction.
    pub fn write_days(&self, records: &[(&str, NaiveDate, &DayRecord)], entry: audit::NewEntry) -> Result<AuditEntry> {
        let rows: Vec<(Vec<u8>, Vec<u8>)> = records
            .iter()
            .map(|(book, date, r)| (key(&[book.as_bytes(), date_key(*date).as_bytes()]), encode(r)))
            .collect();
        let result = (&self.days, &self.audit).transaction(|(days, audit)| {
            for (k, v) in &rows {
                days.insert(k.as_slice(), v.as_slice())?;
            }
            audit::append_tx(audit, &entry)
        });
        let entry = unwrap_tx(result)?;
        self.db.flush()?;
        Ok(entry)
    }

    // ----- figures cache -----

    pub fn cached_figures(&self, book: &str, date: NaiveDate, fingerprint: &str) -> Result<Option<DayFigures>> {
        let k = key(&[book.as_bytes(), date_key(date).as_bytes()]);
        let Some(v) = self.figures.get(&k)? else {
            return Ok(None);
        };
        let cached: CachedFigures = decode(&k, &v)?;
        Ok((cached.fingerprint == fingerprint).then_some(cached.figures))
    }

    pub fn cache_figures(&self, book: &str, date: NaiveDate, fingerprint: &str, figures: &DayFigures) -> Result<()> {
        let k = key(&[book.as_bytes(), date_key(date).as_bytes()]);
        self.figures.insert(
            k,
            encode(&CachedFigures {
                fingerprint: fingerprint.to_string(),
                figures: figures.clone(),
            }),
        )?;
        Ok(())
    }

    /// Drop every cached day (the benchmark's full rebuild).
    pub fn clear_figures(&self) -> Result<()> {
        self.figures.clear()?;
        Ok(())
    }

    fn invalidate_figures(&self, books: &[String], date: NaiveDate) -> Result<()> {
        for b in books {
            self.figures.remove(key(&[b.as_bytes(), date_key(date).as_bytes()]))?;
        }
        Ok(())
    }

    // ----- audit -----

    pub fn audit_entries(&self) -> Result<Vec<AuditEntry>> {
        audit::entries(&self.audit)
    }

    pub fn append_audit(&self, entry: audit::NewEntry) -> Result<AuditEntry> {
        let result = self.audit.transaction(|audit| audit::append_tx(audit, &entry));
        let e = unwrap_tx(result)?;
        self.db.flush()?;
        Ok(e)
    }

    /// Raw access for `check` and the tamper tests.
    pub fn audit_tree(&self) -> &sled::Tree {
        &self.audit
    }

    // ----- free state (mappings, cursors, invoice flags) -----

    pub fn state_get<T: for<'de> Deserialize<'de>>(&self, name: &str) -> Result<Option<T>> {
        match self.state.get(name)? {
            Some(v) => Ok(Some(decode(name.as_bytes(), &v)?)),
            None => Ok(None),
        }
    }

    /// Write a state value and its audit entry together.
    pub fn state_put<T: Serialize>(&self, name: &str, value: &T, entry: audit::NewEntry) -> Result<AuditEntry> {
        let bytes = encode(value);
        let result = (&self.state, &self.audit).transaction(|(state, audit)| {
            state.insert(name.as_bytes(), bytes.as_slice())?;
            audit::append_tx(audit, &entry)
        });
        let e = unwrap_tx(result)?;
        self.db.flush()?;
        Ok(e)
    }
}

fn unwrap_tx<T>(r: std::result::Result<T, TransactionError<StoreError>>) -> Result<T> {
    match r {
        Ok(v) => Ok(v),
        Err(TransactionError::Abort(e)) => Err(e),
        Err(TransactionError::Storage(e)) => Err(StoreError::Sled(e)),
    }
}

pub(crate) fn abort<T>(e: StoreError) -> std::result::Result<T, ConflictableTransactionError<StoreError>> {
    Err(ConflictableTransactionError::Abort(e))
}

#[derive(Serialize, Deserialize)]
struct CachedFigures {
    fingerprint: String,
    figures: DayFigures,
}

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
    versions: sled::Batch,
    by_date: sled::Batch,
    by_kind: sled::Batch,
    voids: sled::Batch,
    pending: usize,
    /// Business dates whose figures this batch changes.
    touched: Vec<NaiveDate>,
    /// Documents written earlier in this batch (a later line of the same file wins).
    seen_in_batch: std::collections::HashMap<String, Version>,
}

/// Documents per chunk: bounds memory, however large the file.
const CHUNK: usize = 2_000;

impl BatchWriter<'_> {
    pub fn number(&self) -> u64 {
        self.number
    }

    pub fn counts(&self) -> &Counts {
        &self.info.counts
    }

    fn previous(&self, id: &str) -> Result<Option<Version>> {
        if let Some(v) = self.seen_in_batch.get(id) {
            return Ok(Some(v.clone()));
        }
        Ok(self
            .store
            .current_with(&self.source, id, Some(self.number))?
            .map(|(_, v)| v))
    }

    /// Add one document, filed under its business date. `books` are the day books of the
    /// source, whose cached figures for the touched dates are dropped.
    pub fn put(&mut self, doc: Document, date: Option<NaiveDate>, books: &[String]) -> Result<Outcome> {
        let id = doc.id().to_string();
        let outcome = match &doc {
            Document::Void(v) => self.put_void(&id, v, books)?,
            _ => {
                let previous = self.previous(&id)?;
                match previous {
                    Some(p) if p.doc == doc => Outcome::Unchanged,
                    p => {
                        if let Some(old) = p.as_ref().and_then(|p| p.date) {
                            self.touch(old, books)?;
                        }
                        let version = Version { date, doc };
                        let k = key(&[self.source.as_bytes(), id.as_bytes(), &self.number.to_be_bytes()]);
                        self.versions.insert(k, encode(&version));
                        if matches!(version.doc, Document::Invoice(_) | Document::InvoicePayment(_)) {
                            self.by_kind.insert(
                                key(&[self.source.as_bytes(), version.doc.kind().as_bytes(), id.as_bytes()]),
                                &[],
                            );
                        }
                        if let Some(d) = date {
                            self.by_date.insert(
                                key(&[self.source.as_bytes(), date_key(d).as_bytes(), id.as_bytes()]),
                                &[],
                            );
                            self.touch(d, books)?;
                        }
                        self.seen_in_batch.insert(id, version);
                        if p.is_some() {
                            Outcome::Changed
                        } else {
                            Outcome::New
                        }
                    }
                }
            }
        };
        let c = &mut self.info.counts;
        match outcome {
            Outcome::New => c.new += 1,
            Outcome::Changed => c.changed += 1,
            Outcome::Unchanged => c.unchanged += 1,
            Outcome::Voided => c.voided += 1,
        }
        self.pending += 1;
        if self.pending >= CHUNK {
            self.write_chunk()?;
        }
        Ok(outcome)
    }

    fn put_void(&mut self, id: &str, v: &Void, books: &[String]) -> Result<Outcome> {
        if self.store.voided_with(&self.source, id, Some(self.number))? {
            return Ok(Outcome::Unchanged);
        }
        if let Some(d) = self.previous(id)?.and_then(|p| p.date) {
            self.touch(d, books)?;
        }
        let k = key(&[self.source.as_bytes(), id.as_bytes(), &self.number.to_be_bytes()]);
        self.voids.insert(k, encode(v));
        Ok(Outcome::Voided)
    }

    fn touch(&mut self, date: NaiveDate, books: &[String]) -> Result<()> {
        if !self.touched.contains(&date) {
            // Dropped before the data is written: a crash leaves at worst a cold cache.
            self.store.invalidate_figures(books, date)?;
            self.touched.push(date);
        }
        Ok(())
    }

    fn write_chunk(&mut self) -> Result<()> {
        self.store.versions.apply_batch(std::mem::take(&mut self.versions))?;
        self.store.by_date.apply_batch(std::mem::take(&mut self.by_date))?;
        self.store.by_kind.apply_batch(std::mem::take(&mut self.by_kind))?;
        self.store.voids.apply_batch(std::mem::take(&mut self.voids))?;
        self.pending = 0;
        self.seen_in_batch.clear();
        Ok(())
    }

    /// The dates this batch changed.
    pub fn touched(&self) -> &[NaiveDate] {
        &self.touched
    }

    /// Make the batch visible, with its audit entry, atomically.
    pub fn commit(mut self, entry: audit::NewEntry) -> Result<(Counts, Vec<NaiveDate>, AuditEntry)> {
        self.write_chunk()?;
        self.store.db.flush()?;
        self.info.committed = true;
        self.info.ended = Some(Utc::now());
        let info = encode(&self.info);
        let number = self.number.to_be_bytes();
        let result = (&self.store.batches, &self.store.audit).transaction(|(batches, audit)| {
            batches.insert(&number, info.as_slice())?;
            audit::append_tx(audit, &entry)
        });
        let entry = unwrap_tx(result)?;
        self.store.db.flush()?;
        Ok((self.info.counts.clone(), std::mem::take(&mut self.touched), entry))
    }
}

impl Store {
    /// Register a batch as committed in this open store (after [`BatchWriter::commit`]).
    pub fn mark_committed(&mut self, number: u64) {
        self.committed.insert(number);
    }
}
