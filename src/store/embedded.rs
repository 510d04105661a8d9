//! The embedded engine: sled trees in the data dir (the default: nothing to set up).

use std::ops::Bound;

use sled::transaction::{ConflictableTransactionError, TransactionError};
use sled::Transactional;

use super::audit::{self, AuditEntry, NewEntry};
use super::engine::{Engine, Merges, Op, Pair, Pairs, Tree};
use super::{Result, StoreError};

pub struct Embedded {
    pub(super) db: sled::Db,
    trees: Vec<sled::Tree>,
}

/// sled's page cache: bounds memory however large the store (its default is 1 GiB).
pub const CACHE_BYTES: u64 = 32 * 1024 * 1024;

impl Embedded {
    pub fn new(db: sled::Db) -> Result<Embedded> {
        let trees = Tree::ALL
            .iter()
            .map(|t| db.open_tree(t.name()))
            .collect::<sled::Result<Vec<_>>>()?;
        Ok(Embedded { db, trees })
    }

    fn tree(&self, t: Tree) -> &sled::Tree {
        &self.trees[t as usize]
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
        self.tree(t).insert(key, value)?;
        Ok(())
    }

    fn remove(&self, t: Tree, key: &[u8]) -> Result<()> {
        self.tree(t).remove(key)?;
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
            self.tree(t).apply_batch(batch_of(ops))?;
        }
        Ok(())
    }

    fn clear(&self, t: Tree) -> Result<()> {
        self.tree(t).clear()?;
        Ok(())
    }

    fn count(&self, t: Tree) -> Result<u64> {
        Ok(self.tree(t).len() as u64)
    }

    fn increment(&self, t: Tree, key: &[u8]) -> Result<u64> {
        let next = self.tree(t).update_and_fetch(key, |old| {
            let n = old.and_then(|o| o.try_into().ok()).map(u64::from_be_bytes).unwrap_or(0);
            Some((n + 1).to_be_bytes().to_vec())
        })?;
        let bytes = next.expect("just written");
        Ok(u64::from_be_bytes(bytes.as_ref().try_into().expect("8 bytes")))
    }

    fn append_audit(&self, writes: &[(Tree, Op)], merges: Option<&Merges>, entry: &NewEntry) -> Result<AuditEntry> {
        // The audit tree first, then every other tree written, each once.
        let mut involved = vec![Tree::Audit];
        for t in writes.iter().map(|(t, _)| t).chain(merges.map(|m| &m.tree)) {
            if !involved.contains(t) {
                involved.push(*t);
            }
        }
        let trees: Vec<&sled::Tree> = involved.iter().map(|t| self.tree(*t)).collect();
        let result = trees.as_slice().transaction(|views| {
            for (t, op) in writes {
                let view = &views[involved.iter().position(|x| x == t).expect("listed")];
                match op {
                    Op::Insert(k, v) => view.insert(k.as_slice(), v.as_slice())?,
                    Op::Remove(k) => view.remove(k.as_slice())?,
                };
            }
            if let Some(m) = merges {
                let view = &views[involved.iter().position(|x| *x == m.tree).expect("listed")];
                for (k, add) in &m.items {
                    let old = view.get(k.as_slice())?;
                    let new = (m.with)(old.as_deref(), add).map_err(ConflictableTransactionError::Abort)?;
                    view.insert(k.as_slice(), new)?;
                }
            }
            let head = views[0].get(audit::HEAD)?;
            let (e, rows) = audit::next_entry(head.as_deref(), entry).map_err(ConflictableTransactionError::Abort)?;
            for (k, v) in rows {
                views[0].insert(k, v)?;
            }
            Ok(e)
        });
        let e = match result {
            Ok(e) => e,
            Err(TransactionError::Abort(e)) => return Err(e),
            Err(TransactionError::Storage(e)) => return Err(StoreError::Sled(e)),
        };
        self.db.flush()?;
        Ok(e)
    }

    fn flush(&self) -> Result<()> {
        self.db.flush()?;
        Ok(())
    }
}
