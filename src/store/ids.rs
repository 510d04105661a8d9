//! The id index (schema 5, decision 64; runs and filter since schema 6, decision 68):
//! where each document's newest version lies, kept in buckets instead of a key per
//! document. A document's id hashes to one of [`BUCKETS`] buckets of its source; a bucket is
//! one value, `source 0 bucket (u16 BE)`, holding an entry per document — its id, the batch
//! of its newest version and the business date that version is filed under — sorted by id.
//! The version itself is read from the date index page of that date and batch, which
//! carries it.
//!
//! A batch collects its entries in memory ([`BatchIds`]). A batch that is small beside what
//! the buckets hold commits them as one run, `source 0 F0 batch (u64 BE)`, instead of
//! rewriting a bucket for every few documents; a larger one, or the one after enough runs,
//! folds the runs and its own entries into the buckets in the transaction that commits it.
//! The [`Filter`], `source 0 F1`, holds every id the buckets hold: a batch of new documents
//! learns "certainly not there" without reading a bucket. Every entry of a bucket or a run is
//! of a committed batch.

use crate::domain::text::Text;
use chrono::NaiveDate;

/// Buckets per source. Part of the store's format: a bucket holds about 250 entries
/// (7 KiB) at a million documents.
pub const BUCKETS: u16 = 4096;

/// The format byte a bucket starts with.
const FORMAT: u8 = 1;

/// FNV-1a (64 bits) of an id.
fn fnv(id: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The bucket of an id: FNV-1a, fixed for good since stores depend on it.
pub fn bucket_of(id: &[u8]) -> u16 {
    (fnv(id) % u64::from(BUCKETS)) as u16
}

/// Where a document's newest version lies: its batch and the date it is filed under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub batch: u64,
    pub date: NaiveDate,
}

/// One entry of a bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry<'a> {
    pub id: &'a [u8],
    pub place: Place,
}

fn push_entry(out: &mut Vec<u8>, id: &[u8], place: Place) {
    let len = u16::try_from(id.len()).expect("ids are checked to be short");
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(id);
    out.extend_from_slice(&place.batch.to_le_bytes());
    out.extend_from_slice(&chrono::Datelike::num_days_from_ce(&place.date).to_le_bytes());
}

/// The entries of a run of encoded entries (a bucket without its format byte, or a batch's
/// collected entries); `Err` where it is cut short or names an impossible date.
fn entries(mut rest: &[u8]) -> impl Iterator<Item = Result<Entry<'_>, Text>> {
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut take = || -> Option<Entry<'_>> {
            let len = u16::from_le_bytes(rest.get(..2)?.try_into().ok()?) as usize;
            let id = rest.get(2..2 + len)?;
            let tail = rest.get(2 + len..2 + len + 12)?;
            let batch = u64::from_le_bytes(tail[..8].try_into().ok()?);
            let days = i32::from_le_bytes(tail[8..].try_into().ok()?);
            let date = NaiveDate::from_num_days_from_ce_opt(days)?;
            rest = &rest[2 + len + 12..];
            Some(Entry {
                id,
                place: Place { batch, date },
            })
        };
        match take() {
            Some(e) => Some(Ok(e)),
            None => {
                rest = &[];
                Some(Err(crate::text!("store-truncated-id-bucket")))
            }
        }
    })
}

/// The entries of a stored bucket, in id order.
pub fn bucket_entries(bucket: &[u8]) -> Result<Vec<Entry<'_>>, Text> {
    match bucket.split_first() {
        Some((&FORMAT, rest)) => entries(rest).collect(),
        _ => Err(crate::text!("store-truncated-id-bucket")),
    }
}

/// Where the bucket places `id`, if it holds it: read up to where it would be, since the
/// entries are in id order.
pub fn find(bucket: &[u8], id: &[u8]) -> Result<Option<Place>, Text> {
    let Some((&FORMAT, rest)) = bucket.split_first() else {
        return Err(crate::text!("store-truncated-id-bucket"));
    };
    for e in entries(rest) {
        let e = e?;
        match e.id.cmp(id) {
            std::cmp::Ordering::Less => continue,
            std::cmp::Ordering::Equal => return Ok(Some(e.place)),
            std::cmp::Ordering::Greater => return Ok(None),
        }
    }
    Ok(None)
}

/// A bucket of these entries, which must be in id order without repeats.
pub fn encode_bucket<'a>(sorted: impl IntoIterator<Item = Entry<'a>>) -> Vec<u8> {
    let mut out = vec![FORMAT];
    for e in sorted {
        push_entry(&mut out, e.id, e.place);
    }
    out
}

/// `old` (a stored bucket, or none yet) with the entries of `add` (a bucket) taking the
/// place of any of the same id: what a committing batch writes.
pub fn merge(old: Option<&[u8]>, add: &[u8]) -> Result<Vec<u8>, Text> {
    let add = bucket_entries(add)?;
    let Some(old) = old else {
        return Ok(encode_bucket(add));
    };
    let old = bucket_entries(old)?;
    let mut out = Vec::with_capacity(old.len() + add.len());
    let (mut a, mut b) = (old.into_iter().peekable(), add.into_iter().peekable());
    loop {
        match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => match x.id.cmp(y.id) {
                std::cmp::Ordering::Less => out.push(a.next().expect("peeked")),
                std::cmp::Ordering::Greater => out.push(b.next().expect("peeked")),
                std::cmp::Ordering::Equal => {
                    a.next();
                    out.push(b.next().expect("peeked"));
                }
            },
            (Some(_), None) => out.push(a.next().expect("peeked")),
            (None, Some(_)) => out.push(b.next().expect("peeked")),
            (None, None) => break,
        }
    }
    Ok(encode_bucket(out))
}

/// The entries a batch writes, per bucket, in write order (a later one of an id wins).
#[derive(Default)]
pub struct BatchIds {
    buckets: std::collections::HashMap<u16, Vec<u8>>,
    added: usize,
}

impl BatchIds {
    pub fn add(&mut self, id: &[u8], place: Place) {
        push_entry(self.buckets.entry(bucket_of(id)).or_default(), id, place);
        self.added += 1;
    }

    /// Take out every entry of the ids `drop` names (the batch left them as they were).
    pub fn forget(&mut self, drop: &std::collections::HashSet<&[u8]>) {
        if drop.is_empty() {
            return;
        }
        let mut added = 0;
        self.buckets.retain(|_, run| {
            let mut kept = Vec::with_capacity(run.len());
            for e in entries(run).filter_map(Result::ok) {
                if !drop.contains(e.id) {
                    push_entry(&mut kept, e.id, e.place);
                    added += 1;
                }
            }
            *run = kept;
            !run.is_empty()
        });
        self.added = added;
    }

    /// How many entries were added (an id added twice counts twice).
    pub fn len(&self) -> usize {
        self.added
    }

    /// The ids added, each once per time it was added.
    pub fn ids(&self) -> impl Iterator<Item = &[u8]> {
        self.buckets
            .values()
            .flat_map(|run| entries(run).filter_map(Result::ok).map(|e| e.id))
    }

    /// The entries of `later` after these (a later one of an id wins).
    pub fn extend(&mut self, later: BatchIds) {
        if self.buckets.is_empty() {
            *self = later;
            return;
        }
        for (b, run) in later.buckets {
            self.buckets.entry(b).or_default().extend_from_slice(&run);
        }
        self.added += later.added;
    }

    /// The batch's entries as one run (each id once, its last place): what a commit writes
    /// instead of touching the buckets.
    pub fn into_run(self) -> Vec<u8> {
        let mut out = vec![RUN_FORMAT];
        for (_, bucket) in self.into_buckets() {
            out.extend_from_slice(&bucket[1..]);
        }
        out
    }

    /// The place this batch gave `id` last.
    pub fn get(&self, id: &[u8]) -> Option<Place> {
        let run = self.buckets.get(&bucket_of(id))?;
        entries(run)
            .filter_map(Result::ok)
            .filter(|e| e.id == id)
            .last()
            .map(|e| e.place)
    }

    /// Each touched bucket's entries as a bucket (sorted, the last of an id kept), in bucket
    /// order.
    pub fn into_buckets(self) -> Vec<(u16, Vec<u8>)> {
        let mut out: Vec<(u16, Vec<u8>)> = self
            .buckets
            .into_iter()
            .map(|(b, run)| {
                let mut all: Vec<Entry<'_>> = entries(&run).filter_map(Result::ok).collect();
                // Stable: among entries of one id the last written stays last.
                all.sort_by(|x, y| x.id.cmp(y.id));
                let mut kept: Vec<Entry<'_>> = Vec::with_capacity(all.len());
                for e in all {
                    match kept.last_mut() {
                        Some(last) if last.id == e.id => *last = e,
                        _ => kept.push(e),
                    }
                }
                (b, encode_bucket(kept))
            })
            .collect();
        out.sort_by_key(|(b, _)| *b);
        out
    }

    pub fn is_empty(&self) -> bool {
        self.buckets.is_empty()
    }
}

/// The format byte a run starts with.
const RUN_FORMAT: u8 = 1;

/// The entries of a run (a committed batch's entries kept apart from the buckets until
/// they are folded in, decision 68), each id once.
pub fn run_entries(run: &[u8]) -> Result<impl Iterator<Item = Result<Entry<'_>, Text>>, Text> {
    match run.split_first() {
        Some((&RUN_FORMAT, rest)) => Ok(entries(rest).map(|e| e.map_err(|_| crate::text!("store-truncated-id-run")))),
        _ => Err(crate::text!("store-truncated-id-run")),
    }
}

/// The format byte a filter starts with.
const FILTER_FORMAT: u8 = 1;

/// A Bloom filter of ids: "certainly not there" without a lookup, "maybe" sends the
/// question on. The store keeps one of every id the buckets of a source hold (decision 68),
/// so a batch of new documents reads no bucket; a batch holds one of the ids it wrote while
/// it writes. Its hash is fixed for good, since stores keep it; 10 bits an id at its
/// capacity, about 1 % maybes there. It is held in its stored form: a format byte, the ids
/// added and the capacity (u64 LE each), then the bits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    bytes: Vec<u8>,
}

impl Filter {
    const PROBES: u64 = 7;
    const HEAD: usize = 17;

    pub fn with_capacity(capacity: u64) -> Filter {
        let capacity = capacity.max(1024);
        let mut bytes = vec![0; Self::HEAD + (capacity * 10).div_ceil(8) as usize];
        bytes[0] = FILTER_FORMAT;
        bytes[9..17].copy_from_slice(&capacity.to_le_bytes());
        Filter { bytes }
    }

    /// The filter's hash of an id: FNV-1a, then mixed (splitmix64's finish), so that its
    /// bits are not the bucket's.
    pub fn hash(id: &[u8]) -> u64 {
        let h = fnv(id);
        let h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        let h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        h ^ (h >> 31)
    }

    /// The (byte, mask) pairs of a hash.
    fn probes(&self, h: u64) -> impl Iterator<Item = (usize, u8)> {
        let (a, b) = (h, (h >> 32) | 1);
        let n = (self.bytes.len() - Self::HEAD) as u64 * 8;
        (0..Self::PROBES).map(move |i| {
            let bit = a.wrapping_add(i.wrapping_mul(b)) % n;
            (Self::HEAD + (bit / 8) as usize, 1u8 << (bit % 8))
        })
    }

    fn field(&self, at: usize) -> u64 {
        u64::from_le_bytes(self.bytes[at..at + 8].try_into().expect("eight bytes"))
    }

    pub fn add_hash(&mut self, h: u64) {
        for (i, m) in self.probes(h) {
            self.bytes[i] |= m;
        }
        let added = self.field(1) + 1;
        self.bytes[1..9].copy_from_slice(&added.to_le_bytes());
    }

    pub fn add(&mut self, id: &[u8]) {
        self.add_hash(Self::hash(id));
    }

    pub fn may_hold(&self, id: &[u8]) -> bool {
        self.probes(Self::hash(id)).all(|(i, m)| self.bytes[i] & m != 0)
    }

    /// How many ids were added (one added twice counts twice): about the ids the buckets
    /// hold.
    pub fn added(&self) -> u64 {
        self.field(1)
    }

    /// Whether `more` ids still fit below the capacity.
    pub fn has_room_for(&self, more: u64) -> bool {
        self.added() + more <= self.field(9)
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    pub fn decode(bytes: Vec<u8>) -> Result<Filter, Text> {
        if bytes.len() <= Self::HEAD || bytes[0] != FILTER_FORMAT {
            return Err(crate::text!("store-truncated-id-filter"));
        }
        Ok(Filter { bytes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn place(batch: u64, day: i32) -> Place {
        Place {
            batch,
            date: NaiveDate::from_num_days_from_ce_opt(736_000 + day).expect("date"),
        }
    }

    #[test]
    fn a_bucket_is_fixed_by_the_id_alone() {
        // The hash is part of the store's format: these must never change.
        assert_eq!(bucket_of(b""), (0xcbf2_9ce4_8422_2325u64 % 4096) as u16);
        assert_eq!(bucket_of(b"T1"), bucket_of(b"T1"));
        assert!(bucket_of(b"T20250101-1-17") < BUCKETS);
    }

    #[test]
    fn a_cut_bucket_is_refused() {
        let mut ids = BatchIds::default();
        ids.add(b"T1", place(1, 0));
        let (_, bucket) = ids.into_buckets().remove(0);
        assert!(find(&bucket, b"T1").expect("whole").is_some());
        assert!(find(&bucket[..bucket.len() - 1], b"T1").is_err());
        assert!(find(&[], b"T1").is_err());
    }

    #[test]
    fn a_filter_hash_is_fixed_by_the_id_alone() {
        // Stores keep their filters: the hash is part of the format.
        assert_eq!(Filter::hash(b""), Filter::hash(b""));
        assert_eq!(fnv(b""), 0xcbf2_9ce4_8422_2325);
        assert_ne!(Filter::hash(b"T1") % 4096, u64::from(bucket_of(b"T1")));
        let mut f = Filter::with_capacity(10);
        f.add(b"T1");
        let stored = f.clone().into_bytes();
        assert_eq!(stored[0], FILTER_FORMAT);
        assert_eq!(stored.len(), 17 + 1024 * 10 / 8, "at least 1 024 ids of room");
        let back = Filter::decode(stored).expect("whole");
        assert_eq!(back, f);
        assert!(back.may_hold(b"T1"));
        assert_eq!(back.added(), 1);
        assert!(back.has_room_for(1023) && !back.has_room_for(1024));
    }

    #[test]
    fn a_cut_or_foreign_filter_or_run_is_refused() {
        let bytes = Filter::with_capacity(1).into_bytes();
        assert!(Filter::decode(bytes[..17].to_vec()).is_err());
        let mut foreign = bytes.clone();
        foreign[0] = 9;
        assert!(Filter::decode(foreign).is_err());
        assert!(Filter::decode(Vec::new()).is_err());
        let mut ids = BatchIds::default();
        ids.add(b"T1", place(1, 0));
        let run = ids.into_run();
        assert!(run_entries(&run[1..]).is_err(), "no format byte");
        let cut: Result<Vec<_>, _> = run_entries(&run[..run.len() - 1]).expect("format").collect();
        assert!(cut.is_err());
    }

    #[test]
    fn a_full_filter_says_maybe_of_about_one_other_id_in_a_hundred() {
        let mut f = Filter::with_capacity(100_000);
        for i in 0..100_000 {
            f.add(format!("T{i}").as_bytes());
        }
        let maybes = (0..100_000).filter(|i| f.may_hold(format!("X{i}").as_bytes())).count();
        assert!(maybes < 2_000, "{maybes} maybes in 100 000");
    }

    proptest! {
        /// A filter never says "not there" of an id added, whatever else was added.
        #[test]
        fn a_filter_forgets_no_id(ids in prop::collection::vec("[A-Z0-9-]{1,20}", 1..300), cap in 0u64..5000) {
            let mut f = Filter::with_capacity(cap);
            for id in &ids {
                f.add(id.as_bytes());
            }
            let f = Filter::decode(f.into_bytes()).expect("whole");
            for id in &ids {
                prop_assert!(f.may_hold(id.as_bytes()));
            }
            prop_assert_eq!(f.added(), ids.len() as u64);
        }

        /// A run holds each id of its batch once, at its last place; a run added after
        /// earlier entries wins over them, and the fold of both is what a map would hold.
        #[test]
        fn a_run_holds_each_ids_last_place(
            first in prop::collection::vec((0u8..30, 0i32..30), 0..40),
            second in prop::collection::vec((0u8..30, 0i32..30), 1..40),
        ) {
            let mut model: BTreeMap<Vec<u8>, Place> = BTreeMap::new();
            let mut earlier = BatchIds::default();
            for (id, day) in &first {
                let id = format!("D{id}").into_bytes();
                earlier.add(&id, place(1, *day));
                model.insert(id, place(1, *day));
            }
            let mut later = BatchIds::default();
            let mut in_run: BTreeMap<Vec<u8>, Place> = BTreeMap::new();
            for (id, day) in &second {
                let id = format!("D{id}").into_bytes();
                later.add(&id, place(2, *day));
                in_run.insert(id.clone(), place(2, *day));
                model.insert(id, place(2, *day));
            }
            let run = later.into_run();
            let listed: Vec<(Vec<u8>, Place)> = run_entries(&run)
                .expect("format")
                .map(|e| e.map(|e| (e.id.to_vec(), e.place)))
                .collect::<Result<_, _>>()
                .expect("whole");
            prop_assert_eq!(listed.len(), in_run.len(), "each id once");
            let listed: BTreeMap<_, _> = listed.into_iter().collect();
            prop_assert_eq!(&listed, &in_run);
            for e in run_entries(&run).expect("format") {
                let e = e.expect("whole");
                earlier.add(e.id, e.place);
            }
            let folded: BTreeMap<Vec<u8>, Place> = earlier
                .into_buckets()
                .iter()
                .flat_map(|(_, b)| bucket_entries(b).expect("bucket").into_iter().map(|e| (e.id.to_vec(), e.place)).collect::<Vec<_>>())
                .collect();
            prop_assert_eq!(folded, model);
        }
    }

    proptest! {
        /// Merging batches bucket by bucket gives what a map of id → newest place gives.
        #[test]
        fn merged_buckets_hold_each_ids_newest_place(
            batches in prop::collection::vec(
                prop::collection::vec((0u8..40, 0i32..30), 0..30), 1..6)
        ) {
            let mut model: BTreeMap<Vec<u8>, Place> = BTreeMap::new();
            let mut store: BTreeMap<u16, Vec<u8>> = BTreeMap::new();
            for (n, batch) in batches.iter().enumerate() {
                let mut ids = BatchIds::default();
                for (id, day) in batch {
                    let id = format!("D{id}").into_bytes();
                    let p = place(n as u64 + 1, *day);
                    ids.add(&id, p);
                    prop_assert_eq!(ids.get(&id), Some(p));
                    model.insert(id, p);
                }
                for (b, add) in ids.into_buckets() {
                    let merged = merge(store.get(&b).map(Vec::as_slice), &add).expect("merge");
                    store.insert(b, merged);
                }
            }
            for id in 0u8..40 {
                let id = format!("D{id}").into_bytes();
                let found = match store.get(&bucket_of(&id)) {
                    Some(bucket) => find(bucket, &id).expect("bucket"),
                    None => None,
                };
                prop_assert_eq!(found, model.get(&id).copied());
            }
            for bucket in store.values() {
                let all = bucket_entries(bucket).expect("bucket");
                prop_assert!(all.windows(2).all(|w| w[0].id < w[1].id));
            }
        }
    }
}
