//! The seam under the store: ordered trees of byte keys and values, as the embedded sled
//! store has them and as the PostgreSQL store keeps them (one table per tree). Everything
//! above it — key layout, batches, the date index, the audit chain — is written once.

use std::ops::Bound;

use super::Result;

/// The trees of a store (see the table in the module documentation of [`super`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tree {
    Meta,
    Batches,
    /// Empty but while a store is migrated or its dates indexed again: every version by
    /// `source 0 id 0 batch`, as stores of schema 4 and before kept them.
    Versions,
    /// Where each document's newest version lies, in buckets ([`super::ids`]).
    Ids,
    ByDate,
    ByKind,
    Voids,
    Days,
    /// Confirmed days' frozen figures, in binary, beside their records (decision 63).
    Frozen,
    Figures,
    Chain,
    Audit,
    State,
}

impl Tree {
    pub const ALL: [Tree; 13] = [
        Tree::Meta,
        Tree::Batches,
        Tree::Versions,
        Tree::Ids,
        Tree::ByDate,
        Tree::ByKind,
        Tree::Voids,
        Tree::Days,
        Tree::Frozen,
        Tree::Figures,
        Tree::Chain,
        Tree::Audit,
        Tree::State,
    ];

    /// The tree's name: sled's tree, PostgreSQL's table.
    pub fn name(self) -> &'static str {
        match self {
            Tree::Meta => "meta",
            Tree::Batches => "batches",
            Tree::Versions => "versions",
            Tree::Ids => "ids",
            Tree::ByDate => "by_date",
            Tree::ByKind => "by_kind",
            Tree::Voids => "voids",
            Tree::Days => "days",
            Tree::Frozen => "frozen",
            Tree::Figures => "figures",
            Tree::Chain => "chain",
            Tree::Audit => "audit",
            Tree::State => "state",
        }
    }
}

/// One write of a group applied together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    Insert(Vec<u8>, Vec<u8>),
    Remove(Vec<u8>),
}

pub type Pair = (Vec<u8>, Vec<u8>);

/// Values a commit combines with what its transaction finds: each key of `tree` becomes
/// `with(current value, addition)`, read and written inside the commit's transaction, under
/// the audit chain's lock, so that no other write of the key comes between. A key that has
/// no value yet takes the addition as it is (so an addition must be what `with` makes of it
/// alone); the embedded store then writes the shared bytes without a copy, which keeps a
/// source's first import from holding its id index twice.
pub struct Merges {
    pub tree: Tree,
    pub items: Vec<(Vec<u8>, Shared)>,
    pub with: MergeFn,
}

/// Bytes held once and shared, as any engine reads them; the embedded store hands them to
/// sled without a copy ([`super::embedded::Shared`]).
pub use super::embedded::Shared;

/// How a merge combines a key's current value (if any) with an addition.
pub type MergeFn = fn(Option<&[u8]>, &[u8]) -> Result<Vec<u8>>;

/// Key–value pairs in key order (or reverse), read as they are asked for.
pub type Pairs<'a> = Box<dyn Iterator<Item = Result<Pair>> + 'a>;

/// Where the audit chain keeps its head, in the audit tree.
pub const AUDIT_HEAD: &[u8] = b"head";

/// The next link of the audit chain (R22), made from its head as the transaction reads it:
/// the rows to write (the entry under its number, and the new head), the entry's number,
/// and the line that announces the change to other processes. The engine writes them
/// with the change, all or none; it knows nothing else of the audit.
pub struct Link {
    pub rows: [Pair; 2],
    pub seq: u64,
    pub notice: String,
}

/// Makes the next link from the stored head (`None`: the chain is empty).
pub type NextLink<'a> = dyn Fn(Option<&[u8]>) -> Result<Link> + 'a;

/// What a store engine does. Keys order bytewise in both engines.
pub trait Engine: Send + Sync {
    fn get(&self, tree: Tree, key: &[u8]) -> Result<Option<Vec<u8>>>;
    /// [`Engine::get`] of each key, in their order: one round trip where the engine is a
    /// server.
    fn get_many(&self, tree: Tree, keys: &[Vec<u8>]) -> Result<Vec<Option<Vec<u8>>>> {
        keys.iter().map(|k| self.get(tree, k)).collect()
    }
    fn insert(&self, tree: Tree, key: &[u8], value: &[u8]) -> Result<()>;
    fn remove(&self, tree: Tree, key: &[u8]) -> Result<()>;
    /// The pairs with keys between `lo` and `hi`, ascending or (`rev`) descending.
    fn range(&self, tree: Tree, lo: Bound<Vec<u8>>, hi: Bound<Vec<u8>>, rev: bool) -> Pairs<'_>;
    /// The pair with the greatest key below `key`.
    fn last_below(&self, tree: Tree, key: &[u8]) -> Result<Option<Pair>>;
    /// Apply writes to one tree, all or none.
    fn apply(&self, tree: Tree, ops: Vec<Op>) -> Result<()>;
    /// Insert pairs whose keys the tree does not hold (a fresh batch's records), all or
    /// none; a key already there is an error on a server, where this is a bulk load.
    fn insert_new(&self, tree: Tree, pairs: Vec<Pair>) -> Result<()> {
        self.apply(tree, pairs.into_iter().map(|(k, v)| Op::Insert(k, v)).collect())
    }
    fn clear(&self, tree: Tree) -> Result<()>;
    fn count(&self, tree: Tree) -> Result<u64>;
    /// Add one to the big-endian counter under `key` of `tree` and return it.
    fn increment(&self, tree: Tree, key: &[u8]) -> Result<u64>;
    /// Apply `writes` and `merges` and append the link `next` makes to the audit chain in
    /// one transaction (R22): it is made from the head as it stands inside that transaction.
    /// The writes are handed over, so that a large one (ten years of days confirmed) is not
    /// held twice.
    fn append_audit(&self, writes: Vec<(Tree, Op)>, merges: Option<&Merges>, next: &NextLink<'_>) -> Result<()>;
    /// Make every write durable.
    fn flush(&self) -> Result<()>;
}

/// The smallest key greater than every key that starts with `p` (`None`: no such key).
pub fn prefix_end(p: &[u8]) -> Option<Vec<u8>> {
    let mut end = p.to_vec();
    while let Some(last) = end.pop() {
        if last < 0xff {
            end.push(last + 1);
            return Some(end);
        }
    }
    None
}

/// The bounds of every key that starts with `p`.
pub fn prefix_bounds(p: &[u8]) -> (Bound<Vec<u8>>, Bound<Vec<u8>>) {
    (
        Bound::Included(p.to_vec()),
        prefix_end(p).map_or(Bound::Unbounded, Bound::Excluded),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_ends_after_its_last_key() {
        assert_eq!(prefix_end(b"ab\0"), Some(b"ab\x01".to_vec()));
        assert_eq!(prefix_end(b"a\xff"), Some(b"b".to_vec()));
        assert_eq!(prefix_end(b"\xff\xff"), None);
    }
}
