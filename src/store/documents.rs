//! Documents in the store: the date basis, the id index and reading versions by date.

use super::*;

impl Store {
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
    pub(super) fn rebuild_by_date(&self, date_of: Option<&DateOf<'_>>) -> Result<()> {
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
            let b = batch_of(&k)?;
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
    pub(super) fn places(&self, source: &str, ids: &[&[u8]]) -> Result<Vec<Option<ids::Place>>> {
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
    pub(super) fn id_runs(&self, source: &str) -> Result<std::sync::Arc<IdRuns>> {
        self.counted(&self.runs_cache, source, || {
            let p = ids_run_key(source, None);
            let mut runs = IdRuns::default();
            for item in self.scan_prefix(Tree::Ids, &p) {
                let (k, v) = item?;
                let batch = k
                    .get(p.len()..)
                    .and_then(|b| <[u8; 8]>::try_from(b).ok())
                    .map(u64::from_be_bytes)
                    .ok_or_else(|| id_index_damaged(source, "run", crate::text!("store-truncated-id-run")))?;
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
    pub(super) fn id_filter(&self, source: &str) -> Result<std::sync::Arc<Option<ids::Filter>>> {
        self.counted(&self.filter_cache, source, || {
            self.kv
                .get(Tree::Ids, &ids_filter_key(source))?
                .map(|bytes| ids::Filter::decode(bytes).map_err(|m| id_index_damaged(source, "filter", m)))
                .transpose()
        })
    }

    /// Forget what was read of the id index (after it is written other than by a commit).
    pub(super) fn forget_id_index(&self) {
        *self.runs_cache.lock().unwrap_or_else(|e| e.into_inner()) = None;
        *self.filter_cache.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// What a committing batch writes to the id index (decision 68). A batch that is small
    /// beside what the buckets hold is kept as a run of its own, one key, instead of
    /// touching a bucket per few documents. Once the runs hold an eighth of the buckets'
    /// entries, or [`MAX_RUNS`] are kept, the next commit folds them and its own entries
    /// into the buckets and the filter. Without a filter (a source's first batch, a store
    /// of schema 5) the commit folds too, and builds the filter from every bucket.
    pub(super) fn id_index_writes(&self, source: &str, number: u64, batch: ids::BatchIds) -> Result<IdIndexWrites> {
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
    pub(super) fn page_versions(&self, source: &str, date: NaiveDate, batch: u64) -> Result<PageVersions> {
        let p = key(&[source.as_bytes(), date_key(date).as_bytes(), &batch.to_be_bytes()]);
        let mut out = PageVersions::new();
        for item in self.scan_prefix(Tree::ByDate, &p) {
            let (k, v) = item?;
            for entry in DayPages::entries(&v) {
                let (id, bytes) = entry.ok_or_else(|| StoreError::Corrupt {
                    key: format!("{source}/{date}"),
                    message: crate::text!("store-truncated-date-index-page"),
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
    pub(super) fn newest_many(
        &self,
        source: &str,
        ids: &[&[u8]],
        pages: &mut PageCache,
    ) -> Result<Vec<Option<Newest>>> {
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
                        message: crate::text!(
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
    pub(super) fn newest_visible(
        &self,
        tree: Tree,
        source: &str,
        id: &str,
        pending: Option<u64>,
    ) -> Result<Option<Stored>> {
        let p = prefix(&[source.as_bytes(), id.as_bytes()]);
        let visible = |b: u64| self.committed.contains(&b) || Some(b) == pending;
        // The newest entry sorts last under the prefix: one lookup in the common case.
        match self.kv.last_below(tree, &last_under(&p))? {
            Some((k, v)) if is_version_of(&k, &p) => {
                let b = batch_of(&k)?;
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
            let b = batch_of(&k)?;
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

    pub(super) fn voided_with(&self, source: &str, id: &str, pending: Option<u64>) -> Result<bool> {
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
        let corrupt = |date: &str, message: Text| StoreError::Corrupt {
            key: format!("{source}/{date}"),
            message,
        };
        let mut pages: Vec<(u64, Vec<u8>)> = Vec::new();
        let mut current: Option<Vec<u8>> = None;
        let mut finish = |date: &[u8], pages: &mut Vec<(u64, Vec<u8>)>| -> Result<()> {
            let shown = String::from_utf8_lossy(date).into_owned();
            let day = shown
                .parse::<NaiveDate>()
                .map_err(|e| corrupt(&shown, e.to_string().into()))?;
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
                        entry.ok_or_else(|| corrupt(&shown, crate::text!("store-truncated-date-index-page")))?;
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
                    crate::text!("store-date-index-key-wrong"),
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
                    message: crate::text!("store-date-index-key-wrong"),
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
                        message: e.to_string().into(),
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
    pub(super) fn voided_ids(&self, source: &str) -> Result<std::sync::Arc<HashSet<Vec<u8>>>> {
        self.counted(&self.voids_cache, source, || {
            let p = prefix(&[source.as_bytes()]);
            let mut set = HashSet::new();
            for item in self.scan_prefix(Tree::Voids, &p) {
                let (k, _) = item?;
                if k.len() >= p.len() + 9 && batch_of(&k).is_ok_and(|b| self.committed.contains(&b)) {
                    set.insert(k[p.len()..k.len() - 9].to_vec());
                }
            }
            Ok(set)
        })
    }

    /// What `cache` holds of `source` for the committed batches counted now, else `read`
    /// anew and kept for them.
    pub(super) fn counted<T>(
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
    pub(super) fn kind_documents(
        &self,
        source: &str,
        kind: &str,
        p: &[u8],
        out: &mut Vec<(DocRef, Document)>,
    ) -> Result<()> {
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
                    message: crate::text!("store-kind-key-without-batch"),
                });
            }
            let b = batch_of(&k)?;
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
    pub(super) fn next_batch_number(&self) -> Result<u64> {
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
                Ok((batch_of(&k)?, decode(&k, &v)?))
            })
            .collect()
    }
}
