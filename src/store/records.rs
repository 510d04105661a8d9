//! Small records and keys shared by the store's parts: held documents, completeness,
//! the kept chain's form, day writes, register and id index keys, page caches.

use super::*;

/// The state names of held documents start with this.
pub(super) const HELD: &str = "held:";

/// The state name of a held document: source and id apart (a source name cannot hold a
/// control character).
pub(super) fn held_key(source: &str, id: &str) -> String {
    format!("{HELD}{source}\u{1f}{id}")
}

/// The encoding of a state value (for [`Store::put_state_many`]).
pub fn state_value<T: Serialize>(v: &T) -> Vec<u8> {
    encode(v)
}

/// What a firm's list needs of each ended day of a book, kept beside the chain (one record
/// per book instead of a year of listed days): a byte per day from `from` on, its status in
/// the low two bits (empty, proposed, confirmed, centralised), then "waits for its data",
/// "blocked" and "drift". Valid for the chain's `mark`; any change of the book's chain
/// drops it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookSummary {
    pub form: u8,
    pub mark: String,
    pub from: NaiveDate,
    pub days: Vec<u8>,
}

/// The form of [`BookSummary`] this binary writes: another is a miss.
pub const SUMMARY_FORM: u8 = 1;

/// The audit head and the record of the last sync run of a store ([`Store::change_marks`]).
pub struct ChangeMarks {
    pub head: Option<Vec<u8>>,
    pub last_sync: Option<Vec<u8>>,
}

/// A connector source's last successful run: when it asked, and the last business day
/// whose end its window reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceComplete {
    pub at: chrono::DateTime<Utc>,
    pub through: NaiveDate,
}

#[derive(Serialize, Deserialize)]
pub(super) struct CachedChain {
    pub(super) fingerprint: String,
    pub(super) state: ChainState,
    /// The day as a list shows it ([`DayView::light`]) and the stamp of its whole view,
    /// for days that had ended when it was built.
    #[serde(default)]
    pub(super) light: Option<(DayView, u64)>,
    /// How the stamp was made ([`STAMP_FORM`]); a listed form with a stamp made otherwise
    /// is built again, or an action on it would be refused as if the day had changed.
    #[serde(default)]
    pub(super) stamps: u8,
}

/// Stamps of views made from the view's fields (1); 0: from its JSON text.
pub(super) const STAMP_FORM: u8 = 1;

/// Day records to write together, encoded as they are added: a long run of days holds
/// their bytes, not the records (each with the figures it froze).
#[derive(Default)]
pub struct DayWrites {
    pub(super) days: Vec<(String, NaiveDate)>,
    pub(super) rows: Vec<(Tree, Op)>,
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
pub(super) type Previous = (NaiveDate, bool, Option<&'static str>);

/// The invoice register's kind of a stored version (`invoice`, `invoice_payment`), if it
/// is one: the body's first byte names the kind in both formats.
pub(super) fn register_kind(bytes: &[u8]) -> Option<&'static str> {
    let (_, _, body) = split_version(bytes)?;
    match *KINDS.get(*body.first()? as usize)? {
        k @ ("invoice" | "invoice_payment") => Some(k),
        _ => None,
    }
}

/// The key of a register document's version in `by_kind`: `source 0 kind 0 id 0 batch`.
pub(super) fn kind_key(source: &[u8], kind: &str, id: &[u8], batch: u64) -> Vec<u8> {
    key(&[source, kind.as_bytes(), id, &batch.to_be_bytes()])
}

/// The key of an id index bucket of a source.
pub(super) fn ids_key(source: &str, bucket: u16) -> Vec<u8> {
    let mut k = prefix(&[source.as_bytes()]);
    k.extend_from_slice(&bucket.to_be_bytes());
    k
}

/// The key of a run of a source's id index (`None`: the prefix of them all): a tag no
/// bucket number starts with, then the batch.
pub(super) fn ids_run_key(source: &str, batch: Option<u64>) -> Vec<u8> {
    let mut k = prefix(&[source.as_bytes()]);
    k.push(IDS_RUN_TAG);
    if let Some(b) = batch {
        k.extend_from_slice(&b.to_be_bytes());
    }
    k
}

/// A damaged record of a source's id index (`what`: `run`, `filter`), named.
pub(super) fn id_index_damaged(source: &str, what: &str, message: Text) -> StoreError {
    StoreError::Corrupt {
        key: format!("{source}/ids/{what}"),
        message,
    }
}

/// The key of the filter of a source's id index.
pub(super) fn ids_filter_key(source: &str) -> Vec<u8> {
    let mut k = prefix(&[source.as_bytes()]);
    k.push(IDS_FILTER_TAG);
    k
}

/// Tags after a source's prefix in the id index: bucket numbers start with 0x00–0x0F.
pub(super) const IDS_RUN_TAG: u8 = 0xF0;
pub(super) const IDS_FILTER_TAG: u8 = 0xF1;

/// A committing batch's entries of a bucket merged into what the bucket holds.
pub(super) fn merge_bucket(old: Option<&[u8]>, add: &[u8]) -> Result<Vec<u8>> {
    ids::merge(old, add).map_err(|message| StoreError::Corrupt {
        key: "ids".into(),
        message,
    })
}

/// What the date index pages of one date and batch hold last of each document.
pub(super) type PageVersions = std::collections::HashMap<Vec<u8>, Vec<u8>>;

/// Date index pages read for lookups, by date and batch, up to [`PageCache::BYTES`]. The
/// pages of a committed batch never change (a later batch writes pages of its own).
#[derive(Default)]
pub(super) struct PageCache {
    pub(super) pages: std::collections::HashMap<(NaiveDate, u64), PageVersions>,
    pub(super) bytes: usize,
}

impl PageCache {
    const BYTES: usize = 16 << 20;

    pub(super) fn get(&mut self, store: &Store, source: &str, place: ids::Place) -> Result<&PageVersions> {
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
pub(super) const FIGURES_FORMAT: u8 = 0xF3;
