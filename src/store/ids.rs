//! The id index (schema 5, decision 64): where each document's newest version lies, kept
//! in buckets instead of a key per document. A document's id hashes to one of [`BUCKETS`]
//! buckets of its source; a bucket is one value, `source 0 bucket (u16 BE)`, holding an
//! entry per document — its id, the batch of its newest version and the business date that
//! version is filed under — sorted by id. The version itself is read from the date index
//! page of that date and batch, which carries it.
//!
//! A batch collects its entries in memory ([`BatchIds`]) and merges them into the buckets
//! it touches in the transaction that commits it: an import costs a key per bucket it
//! touches, however many documents it brings, and every entry in a bucket is of a committed
//! batch.

use chrono::NaiveDate;

/// Buckets per source. Part of the store's format: a bucket holds about 250 entries
/// (7 KiB) at a million documents.
pub const BUCKETS: u16 = 4096;

/// The format byte a bucket starts with.
const FORMAT: u8 = 1;

/// The bucket of an id: FNV-1a (64 bits), fixed for good since stores depend on it.
pub fn bucket_of(id: &[u8]) -> u16 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h % u64::from(BUCKETS)) as u16
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
fn entries(mut rest: &[u8]) -> impl Iterator<Item = Result<Entry<'_>, String>> {
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
                Some(Err(crate::tr!("store-truncated-id-bucket")))
            }
        }
    })
}

/// The entries of a stored bucket, in id order.
pub fn bucket_entries(bucket: &[u8]) -> Result<Vec<Entry<'_>>, String> {
    match bucket.split_first() {
        Some((&FORMAT, rest)) => entries(rest).collect(),
        _ => Err(crate::tr!("store-truncated-id-bucket")),
    }
}

/// Where the bucket places `id`, if it holds it: read up to where it would be, since the
/// entries are in id order.
pub fn find(bucket: &[u8], id: &[u8]) -> Result<Option<Place>, String> {
    let Some((&FORMAT, rest)) = bucket.split_first() else {
        return Err(crate::tr!("store-truncated-id-bucket"));
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
pub fn merge(old: Option<&[u8]>, add: &[u8]) -> Result<Vec<u8>, String> {
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
}

impl BatchIds {
    pub fn add(&mut self, id: &[u8], place: Place) {
        push_entry(self.buckets.entry(bucket_of(id)).or_default(), id, place);
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
