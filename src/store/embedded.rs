//! The embedded engine: sled trees in the data dir (the default: nothing to set up).

use std::ops::Bound;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use sled::transaction::{ConflictableTransactionError, TransactionError};
use sled::Transactional;

use super::engine::{Engine, Merges, NextLink, Op, Pair, Pairs, Tree, AUDIT_HEAD};
use super::{Result, StoreError, CHUNK};
use crate::domain::text::Text;
use std::path::Path;

pub struct Embedded {
    db: sled::Db,
    trees: Vec<sled::Tree>,
    /// A write failed (a full disk, most often): see [`Embedded::written`].
    failed: AtomicBool,
}

/// sled's page cache: bounds memory however large the store (its default is 1 GiB).
pub const CACHE_BYTES: u64 = 32 * 1024 * 1024;

/// How long the store may take to close after a write failed before it is left to the
/// recovery of its next opening.
const CLOSE_AFTER_FAILURE: Duration = Duration::from_secs(10);

/// A store of this process could not be closed (see [`Embedded::drop`]).
static LEFT_OPEN: AtomicBool = AtomicBool::new(false);

/// Whether a store of this process was left to the recovery of its next opening: the
/// process should end (a service, to be started again) rather than open it anew.
pub fn left_open() -> bool {
    LEFT_OPEN.load(Ordering::SeqCst)
}

impl Embedded {
    pub fn new(db: sled::Db) -> Result<Embedded> {
        let trees = Tree::ALL
            .iter()
            .map(|t| db.open_tree(t.name()))
            .collect::<sled::Result<Vec<_>>>()?;
        Ok(Embedded {
            db,
            trees,
            failed: AtomicBool::new(false),
        })
    }

    fn tree(&self, t: Tree) -> &sled::Tree {
        &self.trees[t as usize]
    }

    /// Refuse a write once one failed. sled may then hold a log buffer that is never
    /// written (a value it keeps in a file of its own that could not be written leaves the
    /// buffer counting a writer for ever), and any flush after it waits for good; so the
    /// process writes nothing more to this store. What was flushed before counts; the
    /// next opening recovers the store as it was after its last whole batch.
    fn writable(&self) -> Result<()> {
        if self.failed.load(Ordering::SeqCst) {
            return Err(StoreError::WriteFailed);
        }
        Ok(())
    }

    /// The outcome of a write, remembering a failure.
    fn written<T>(&self, r: sled::Result<T>) -> Result<T> {
        r.map_err(|e| {
            if matches!(e, sled::Error::Io(_)) {
                self.failed.store(true, Ordering::SeqCst);
            }
            StoreError::Sled(e)
        })
    }
}

impl Drop for Embedded {
    /// sled flushes as its last handle goes. After a failed write that flush may wait for
    /// ever, so it runs on a thread of its own, for [`CLOSE_AFTER_FAILURE`] at most; if it
    /// does not end, this handle goes without flushing and the store is left to the
    /// recovery of its next opening, which keeps every whole batch.
    fn drop(&mut self) {
        if !self.failed.load(Ordering::SeqCst) {
            return;
        }
        let (db, trees) = (self.db.clone(), self.trees.clone());
        let (done, closed) = std::sync::mpsc::channel();
        let closing = std::thread::Builder::new().name("store close".into()).spawn(move || {
            let flushed = db.flush();
            drop(trees);
            drop(db);
            let _ = done.send(flushed);
        });
        let ended = closing.is_ok() && closed.recv_timeout(CLOSE_AFTER_FAILURE).is_ok();
        if !ended {
            tracing::error!("the store did not close within {CLOSE_AFTER_FAILURE:?} after a failed write");
            LEFT_OPEN.store(true, Ordering::SeqCst);
        }
    }
}

fn pair(item: sled::Result<(sled::IVec, sled::IVec)>) -> Result<Pair> {
    let (k, v) = item?;
    Ok((k.to_vec(), v.to_vec()))
}

fn batch_of(ops: Vec<Op>) -> sled::Batch {
    let mut batch = sled::Batch::default();
    for op in ops {
        match op {
            Op::Insert(k, v) => batch.insert(k, v),
            Op::Remove(k) => batch.remove(k),
        }
    }
    batch
}

impl Engine for Embedded {
    fn get(&self, t: Tree, key: &[u8]) -> Result<Option<Vec<u8>>> {
        Ok(self.tree(t).get(key)?.map(|v| v.to_vec()))
    }

    fn insert(&self, t: Tree, key: &[u8], value: &[u8]) -> Result<()> {
        self.writable()?;
        self.written(self.tree(t).insert(key, value))?;
        Ok(())
    }

    fn remove(&self, t: Tree, key: &[u8]) -> Result<()> {
        self.writable()?;
        self.written(self.tree(t).remove(key))?;
        Ok(())
    }

    fn range(&self, t: Tree, lo: Bound<Vec<u8>>, hi: Bound<Vec<u8>>, rev: bool) -> Pairs<'_> {
        let iter = self.tree(t).range::<Vec<u8>, _>((lo, hi));
        if rev {
            Box::new(iter.rev().map(pair))
        } else {
            Box::new(iter.map(pair))
        }
    }

    fn last_below(&self, t: Tree, key: &[u8]) -> Result<Option<Pair>> {
        Ok(self.tree(t).get_lt(key)?.map(|(k, v)| (k.to_vec(), v.to_vec())))
    }

    fn apply(&self, t: Tree, ops: Vec<Op>) -> Result<()> {
        if !ops.is_empty() {
            self.writable()?;
            self.written(self.tree(t).apply_batch(batch_of(ops)))?;
        }
        Ok(())
    }

    fn clear(&self, t: Tree) -> Result<()> {
        self.writable()?;
        self.written(self.tree(t).clear())?;
        Ok(())
    }

    fn count(&self, t: Tree) -> Result<u64> {
        Ok(self.tree(t).len() as u64)
    }

    fn increment(&self, t: Tree, key: &[u8]) -> Result<u64> {
        self.writable()?;
        let next = self.written(self.tree(t).update_and_fetch(key, |old| {
            let n = old.and_then(|o| o.try_into().ok()).map(u64::from_be_bytes).unwrap_or(0);
            Some((n + 1).to_be_bytes().to_vec())
        }))?;
        let bytes = next.expect("just written");
        Ok(u64::from_be_bytes(bytes.as_ref().try_into().expect("8 bytes")))
    }

    fn append_audit(&self, writes: Vec<(Tree, Op)>, merges: Option<&Merges>, next: &NextLink<'_>) -> Result<()> {
        self.writable()?;
        // Each value made sled's own once, before the transaction: the transaction (and a
        // retry of it) shares it instead of holding a copy beside ours.
        let writes: Vec<(Tree, Vec<u8>, Option<sled::IVec>)> = writes
            .into_iter()
            .map(|(t, op)| match op {
                Op::Insert(k, v) => (t, k, Some(sled::IVec::from(v))),
                Op::Remove(k) => (t, k, None),
            })
            .collect();
        // The audit tree first, then every other tree written, each once.
        let mut involved = vec![Tree::Audit];
        for t in writes.iter().map(|(t, _, _)| t).chain(merges.map(|m| &m.tree)) {
            if !involved.contains(t) {
                involved.push(*t);
            }
        }
        let trees: Vec<&sled::Tree> = involved.iter().map(|t| self.tree(*t)).collect();
        let result = trees.as_slice().transaction(|views| {
            for (t, k, v) in &writes {
                let view = &views[involved.iter().position(|x| x == t).expect("listed")];
                match v {
                    Some(v) => view.insert(k.as_slice(), v.clone())?,
                    None => view.remove(k.as_slice())?,
                };
            }
            if let Some(m) = merges {
                let view = &views[involved.iter().position(|x| *x == m.tree).expect("listed")];
                for (k, add) in &m.items {
                    let new = match view.get(k.as_slice())? {
                        Some(old) => {
                            sled::IVec::from((m.with)(Some(&old), add).map_err(ConflictableTransactionError::Abort)?)
                        }
                        None => add.0.clone(),
                    };
                    view.insert(k.as_slice(), new)?;
                }
            }
            let head = views[0].get(AUDIT_HEAD)?;
            let link = next(head.as_deref()).map_err(ConflictableTransactionError::Abort)?;
            for (k, v) in link.rows {
                views[0].insert(k, v)?;
            }
            Ok(())
        });
        match result {
            Ok(()) => {}
            Err(TransactionError::Abort(e)) => return Err(e),
            Err(TransactionError::Storage(e)) => return self.written(Err(e)),
        };
        self.written(self.db.flush())?;
        Ok(())
    }

    fn flush(&self) -> Result<()> {
        self.writable()?;
        self.written(self.db.flush())?;
        Ok(())
    }
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
pub(super) fn remove_unfinished_snapshots(store: &Path) {
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

/// Open sled's database at `path` (the store of data dir `dir`): a store in use by
/// another process, or one that cannot be opened, says so.
/// Bytes held once and shared: sled's own, so that the embedded store writes a merge's
/// addition without a copy (a source's first import would otherwise hold its id index
/// twice). Other engines read them as bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared(sled::IVec);

impl From<Vec<u8>> for Shared {
    fn from(bytes: Vec<u8>) -> Shared {
        Shared(bytes.into())
    }
}

impl std::ops::Deref for Shared {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

/// A new store written once and not read (a compaction's copy): a small cache of its own is
/// enough.
pub(super) fn open_fresh(path: &Path) -> Result<sled::Db> {
    Ok(sled::Config::new().path(path).cache_capacity(4 << 20).open()?)
}

impl StoreError {
    /// The system's error under the embedded store's, if that is what it was.
    pub(super) fn io(&self) -> Option<&std::io::Error> {
        match self {
            StoreError::Sled(sled::Error::Io(e)) => Some(e),
            _ => None,
        }
    }
}

pub(super) fn open_db(dir: &Path, path: &Path) -> Result<sled::Db> {
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

impl From<sled::Error> for StoreError {
    fn from(e: sled::Error) -> StoreError {
        StoreError::Sled(e)
    }
}

/// Store errors in plain words; a full disk or a read-only store says so.
pub(super) fn describe(e: &sled::Error) -> Text {
    use std::io::ErrorKind;
    match e {
        sled::Error::Io(io) => match io.kind() {
            ErrorKind::StorageFull | ErrorKind::FileTooLarge | ErrorKind::QuotaExceeded => {
                crate::text!("store-disk-full-or-file")
            }
            ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied => {
                crate::text!("store-store-cannot-be-written")
            }
            _ => crate::text!("store-store-error", io = io),
        },
        other => crate::text!("store-store-error-2", other = other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_a_failed_write_nothing_more_is_written_but_everything_can_be_read() {
        let dir = tempfile::tempdir().unwrap();
        let db = sled::Config::new().path(dir.path()).open().unwrap();
        let store = Embedded::new(db).unwrap();
        store.insert(Tree::State, b"k", b"before").unwrap();
        // What a failed write leaves, as sled reports a full disk.
        let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
        assert!(store.written::<()>(Err(sled::Error::Io(full))).is_err());
        assert!(matches!(
            store.insert(Tree::State, b"k", b"after"),
            Err(StoreError::WriteFailed)
        ));
        assert!(matches!(
            store.apply(Tree::State, vec![Op::Remove(b"k".to_vec())]),
            Err(StoreError::WriteFailed)
        ));
        assert!(matches!(
            store.increment(Tree::Meta, b"n"),
            Err(StoreError::WriteFailed)
        ));
        assert!(matches!(store.flush(), Err(StoreError::WriteFailed)));
        assert_eq!(store.get(Tree::State, b"k").unwrap().as_deref(), Some(&b"before"[..]));
        // The store closes on a thread of its own; this one flushes and ends in time.
        drop(store);
        assert!(!left_open());
        let db = sled::Config::new().path(dir.path()).open().unwrap();
        let again = Embedded::new(db).unwrap();
        assert_eq!(again.get(Tree::State, b"k").unwrap().as_deref(), Some(&b"before"[..]));
    }
}
