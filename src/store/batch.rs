//! A batch: documents written in chunks, visible only once committed with its audit entry.

use super::*;

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
    pub(super) store: &'s Store,
    pub(super) number: u64,
    pub(super) info: BatchInfo,
    pub(super) source: String,
    /// Where this batch put each document, merged into the id index when it commits.
    pub(super) ids: ids::BatchIds,
    /// The ids in `ids`: "certainly not" without looking.
    pub(super) ids_filter: ids::Filter,
    /// Date index pages of the chunk being written.
    pub(super) pages: DayPages,
    /// Chunks written since the batch began: the pages' sequence number, and a flush
    /// every [`FLUSH_EVERY_CHUNKS`].
    pub(super) chunks_done: u32,
    pub(super) by_kind: Vec<Op>,
    pub(super) voids: Vec<Op>,
    pub(super) pending: usize,
    /// Business dates whose figures this batch changes.
    pub(super) touched: Vec<NaiveDate>,
    pub(super) touched_set: HashSet<NaiveDate>,
    pub(super) books: Vec<String>,
    /// Documents written in this chunk (a later line of the same file wins).
    pub(super) seen_in_batch: std::collections::HashMap<String, Vec<u8>>,
    /// The keys the batch's chunks wrote, per tree: what [`BatchWriter::abandon`] removes.
    pub(super) written: Vec<(Tree, Vec<u8>)>,
    /// The source held nothing before this batch: only the batch itself knows its ids.
    pub(super) fresh_source: bool,
    /// Documents added and not yet put: their current versions are looked up together.
    pub(super) queue: Vec<(Document, Option<NaiveDate>)>,
    pub(super) queue_books: Vec<String>,
    /// The stored versions of queued documents, looked up together; an entry goes when its
    /// document is put.
    pub(super) known: std::collections::HashMap<String, Option<Newest>>,
    /// Date index pages read for the lookups.
    pub(super) page_cache: PageCache,
    /// The new or changed invoices the batch wrote: their debtors are due ([`DEBTORS_DUE`]).
    pub(super) invoices: Vec<String>,
    /// Documents the batch was given more than once (a file naming an id twice): what the
    /// last time counted as, and where the batch wrote them. Only the last version counts,
    /// compared with the version before the batch.
    pub(super) repeats: std::collections::HashMap<String, Repeat>,
}

/// A document a batch was given more than once.
pub(super) struct Repeat {
    /// How its last time was counted.
    pub(super) counted: Outcome,
    /// Its version before the batch (its place), if any.
    pub(super) before: Option<ids::Place>,
    /// That version's body, to compare each later one with (read once).
    pub(super) before_body: Option<Vec<u8>>,
    /// The dates under which the batch wrote entries of it.
    pub(super) dates: Vec<NaiveDate>,
    /// The last version equals the one before the batch: its entries are taken out again
    /// when the batch commits, so that it changes nothing.
    pub(super) back_to_before: bool,
}

/// Chunks between two flushes of an import (about 100 000 documents).
pub(super) const FLUSH_EVERY_CHUNKS: u32 = 50;

/// Documents per chunk: bounds memory, however large the file.
pub(super) const CHUNK: usize = 2_000;

/// Documents added before they are put, their current versions looked up together.
pub(super) const QUEUE: usize = 500;

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
    pub(super) fn previous(&mut self, id: &str, body: Option<&[u8]>) -> Result<Option<Previous>> {
        // Every version is in the binary form (older ones were migrated), where equal
        // documents have equal bytes.
        let seen = |bytes: &[u8], date: Option<NaiveDate>| -> Result<Option<Previous>> {
            let (_, stated, old) = split_version(bytes).ok_or_else(|| StoreError::Corrupt {
                key: format!("{}/{id}", self.source),
                message: crate::text!("store-bad-version-header"),
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
    pub(super) fn drain(&mut self) -> Result<()> {
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

    pub(super) fn put_now(
        &mut self,
        id: &str,
        doc: Document,
        date: Option<NaiveDate>,
        books: &[String],
    ) -> Result<Outcome> {
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

    pub(super) fn undated(&self, id: &str) -> StoreError {
        StoreError::Corrupt {
            key: format!("{}/{id}", self.source),
            message: crate::text!("store-undated-document"),
        }
    }

    /// Add `n` (1 or -1) to the count of an outcome.
    pub(super) fn count(&mut self, outcome: Outcome, n: i64) {
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
    pub(super) fn given_before(&self, id: &str) -> bool {
        self.repeats.contains_key(id)
            || self.seen_in_batch.contains_key(id)
            || (self.ids_filter.may_hold(id.as_bytes())
                && self.ids.get(id.as_bytes()).is_some_and(|p| p.batch == self.number))
    }

    /// Write a new version under date `d`: `previous` is where the document stood before
    /// this line (its date and register kind), whose date no longer lists it if it moved.
    pub(super) fn write_version(
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
    pub(super) fn put_again(
        &mut self,
        id: String,
        doc: Document,
        date: Option<NaiveDate>,
        books: &[String],
    ) -> Result<Outcome> {
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
                before_body: before
                    .as_ref()
                    .and_then(|(_, _, b)| split_version(b).map(|(_, _, body)| body.to_vec())),
                dates,
                back_to_before: false,
            };
            self.repeats.insert(id.clone(), repeat);
        }
        let before_place = self.repeats[&id].before;
        let before_body = self.repeats[&id].before_body.clone();
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
    pub(super) fn take_back_repeats(&mut self) -> Result<()> {
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
                        message: crate::text!("store-truncated-date-index-page"),
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

    pub(super) fn put_void(&mut self, id: &str, v: &Void, books: &[String]) -> Result<Outcome> {
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

    pub(super) fn touch(&mut self, date: NaiveDate, books: &[String]) -> Result<()> {
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

    pub(super) fn write_chunk(&mut self) -> Result<()> {
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
        let entry = super::audit::append(&*self.store.kv, writes, merges.as_ref(), &entry)?;
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
