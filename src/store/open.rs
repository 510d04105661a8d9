//! Opening a store: the engines, read copies, compaction, schema migration and upkeep.

use super::*;

impl Store {
    /// Open (or create) the store in `dir`, refusing a second process and a newer schema.
    /// Open for reading: where the store cannot be written (a full disk, an archived
    /// dossier on a read-only disk) a private copy in the temp dir is opened instead, and
    /// nothing written to it lasts. `copied` says so, with the reason.
    pub fn open_for_reading(
        dir: &Path,
        waiting: &mut dyn FnMut(&Text),
        mut copied: impl FnMut(&Text),
    ) -> Result<Store> {
        match Store::open_waiting(dir, waiting) {
            Err(StoreError::Open { source, .. }) if cannot_write(&source) => {}
            Err(e @ StoreError::Sled(_)) if e.io().is_some_and(cannot_write) => {}
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
        copied(&crate::text!("store-data-dir-cannot-be"));
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
    pub fn open_at(location: &Location, dir: &Path, waiting: &mut dyn FnMut(&Text)) -> Result<Store> {
        match location {
            Location::Embedded => Store::open_waiting(dir, waiting),
            Location::Postgres(target) => {
                Store::open_postgres(target, location, dir, waiting)?.refuse_unfinished_copy()
            }
        }
    }

    pub(super) fn open_postgres(
        target: &postgres::Target,
        location: &Location,
        dir: &Path,
        waiting: &mut dyn FnMut(&Text),
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
        waiting: &mut dyn FnMut(&Text),
        copied: impl FnMut(&Text),
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
    pub(super) fn copy_tree(&self, tree: Tree, target: &dyn Engine, skip: impl Fn(&[u8]) -> bool) -> Result<u64> {
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
    pub fn open_waiting(dir: &Path, waiting: &mut dyn FnMut(&Text)) -> Result<Store> {
        Store::open_embedded(dir, waiting)?.refuse_unfinished_copy()
    }

    /// A store a copy cut short was writing into holds part of a dossier: it is refused
    /// until `store copy` is run again.
    pub(super) fn refuse_unfinished_copy(self) -> Result<Store> {
        if self.kv.get(Tree::Meta, COPYING)?.is_some() {
            return Err(StoreError::UnfinishedCopy(self.location.shown(&self.dir)));
        }
        Ok(self)
    }

    /// Open the target of `store copy` (which may hold a copy cut short).
    pub fn open_copy_target(location: &Location, dir: &Path, waiting: &mut dyn FnMut(&Text)) -> Result<Store> {
        match location {
            Location::Embedded => Store::open_embedded(dir, waiting),
            Location::Postgres(target) => Store::open_postgres(target, location, dir, waiting),
        }
    }

    pub(super) fn open_embedded(dir: &Path, waiting: &mut dyn FnMut(&Text)) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Open {
            dir: dir.to_path_buf(),
            source,
        })?;
        let began = std::time::Instant::now();
        let deadline = began + lock_wait();
        let mut told = false;
        let mut wait = |what: &Text| -> Result<()> {
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
                wait(&Text::from(holder.trim()))?;
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
                Err(StoreError::InUse(_)) => wait(&crate::text!("lock-another-process"))?,
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
    pub(super) fn compact_embedded(mut self) -> Result<()> {
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
            let target = Embedded::new(super::embedded::open_fresh(&fresh)?)?;
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

    pub(super) fn open_sled(dir: &Path, path: &Path, lock: File) -> Result<Store> {
        let db = super::embedded::open_db(dir, path)?;
        Store::assemble(dir, Box::new(Embedded::new(db)?), Some(lock), Location::Embedded)
    }

    /// A store over an engine: the schema checked (and migrated), committed batches known.
    pub(super) fn assemble(dir: &Path, kv: Box<dyn Engine>, lock: Option<File>, location: Location) -> Result<Store> {
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
    pub(super) fn announce(&self, entry: &AuditEntry) {
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

    /// What a firm's list needs to tell whether a row it kept in this store still holds:
    /// the audit head and the record of the last sync run (PostgreSQL).
    pub fn change_marks(&self) -> Result<ChangeMarks> {
        Ok(ChangeMarks {
            head: self.kv.get(Tree::Audit, audit::HEAD)?,
            last_sync: self.kv.get(Tree::Meta, postgres::LAST_SYNC)?,
        })
    }

    /// Keep a firm's row of this dossier in its store (PostgreSQL).
    pub fn put_firm_row(&self, row: &[u8]) -> Result<()> {
        self.kv.insert(Tree::Meta, postgres::FIRM_ROW, row)
    }

    /// The record of the dossier's last sync run kept in the store (PostgreSQL), if any.
    pub fn stored_last_sync(&self) -> Result<Option<Vec<u8>>> {
        self.kv.get(Tree::Meta, postgres::LAST_SYNC)
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
    pub(super) fn debtors_due_with(&self, source: &str, ids: Vec<String>) -> Result<Op> {
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
    pub(super) fn check_schema(&self) -> Result<Option<u32>> {
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
    pub(super) fn migrate(&self, found: u32) -> Result<()> {
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
    pub(super) fn build_ids_from_versions(&self) -> Result<()> {
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
            if k.len() < 9 || !batch_of(&k).is_ok_and(|b| self.committed.contains(&b)) {
                continue;
            }
            let b = batch_of(&k)?;
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
    pub(super) fn versions_from_pages(&self) -> Result<()> {
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
            if k.len() < 12 || !batch_of(&k[..k.len() - 4]).is_ok_and(|b| self.committed.contains(&b)) {
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
                    message: crate::text!("store-truncated-date-index-page"),
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
    pub(super) fn move_frozen_figures(&self) -> Result<()> {
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
    pub(super) fn all(&self, t: Tree) -> Pairs<'_> {
        self.kv.range(t, Bound::Unbounded, Bound::Unbounded, false)
    }

    /// The pairs whose keys start with `p`, in key order.
    pub(super) fn scan_prefix(&self, t: Tree, p: &[u8]) -> Pairs<'_> {
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
                dead.insert(batch_of(&k)?);
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
                if k.len() >= tail && batch_of(&k[..k.len() + 8 - tail]).is_ok_and(|b| dead.contains(&b)) {
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

    pub(super) fn load_committed(&mut self) -> Result<()> {
        let mut committed = HashSet::new();
        for item in self.all(Tree::Batches) {
            let (k, v) = item?;
            let info: BatchInfo = decode(&k, &v)?;
            if info.committed {
                committed.insert(batch_of(&k)?);
            }
        }
        self.committed = committed;
        Ok(())
    }

    pub fn flush(&self) -> Result<()> {
        self.kv.flush()
    }
}
