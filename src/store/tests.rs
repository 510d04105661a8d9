use super::*;
use crate::domain::document::parse_line;
use proptest::prelude::*;
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
enum Op {
    Put { id: u8, day: u32, cents: u32 },
    Void { id: u8 },
}

fn doc(op: &Op) -> Document {
    let line = match op {
        Op::Put { id, day, cents } => format!(
            r#"{{"type":"cash","id":"D{id}","time":"2026-03-0{day}T10:00:00+01:00","financial_date":"2026-03-0{day}","kind":"cash_in","amount":"{}.{:02}"}}"#,
            cents / 100,
            cents % 100
        ),
        Op::Void { id } => format!(r#"{{"type":"void","id":"D{id}","time":"2026-03-09T10:00:00+01:00"}}"#),
    };
    parse_line(line.as_bytes()).expect("valid line")
}

fn date(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, day).expect("date")
}

fn entry() -> audit::NewEntry {
    audit::NewEntry {
        author: "test".into(),
        action: crate::store::audit::Action::Import.into(),
        reason: None,
        detail: serde_json::Value::Null,
    }
}

/// Write batches; a batch marked `false` is interrupted after its writes, before its
/// commit, as by a crash.
fn apply(store: &mut Store, batches: &[(Vec<Op>, bool)]) {
    for (ops, commit) in batches {
        let mut w = store.begin("import", "s", "test").expect("begin");
        // A tiny expected size: the filter answers "maybe" often, as a full one would.
        w.expect_documents(1).expect("expect");
        for op in ops {
            let d = doc(op);
            let day = match op {
                Op::Put { day, .. } => Some(date(*day)),
                Op::Void { .. } => None,
            };
            w.put(d, day, &["B".to_string()]).expect("put");
        }
        if *commit {
            let n = w.number();
            w.commit(entry()).expect("commit");
            store.mark_committed(n);
        } else {
            w.write_chunk().expect("chunk");
        }
    }
}

/// What every date must list: the newest committed version of each document that no
/// committed void withdrew, under the date of that version.
fn model(batches: &[(Vec<Op>, bool)]) -> BTreeMap<NaiveDate, Vec<(String, u64, Document)>> {
    let (current, voided) = newest(batches);
    let mut out: BTreeMap<NaiveDate, Vec<(String, u64, Document)>> = BTreeMap::new();
    for (id, (batch, day, d)) in current {
        if !voided.contains(&id) {
            out.entry(date(day)).or_default().push((format!("D{id}"), batch, d));
        }
    }
    out
}

/// The newest committed version of each document (batch, day, document), and the
/// documents voided.
#[allow(clippy::type_complexity)]
fn newest(batches: &[(Vec<Op>, bool)]) -> (BTreeMap<u8, (u64, u32, Document)>, HashSet<u8>) {
    let mut current: BTreeMap<u8, (u64, u32, Document)> = BTreeMap::new();
    let mut voided = HashSet::new();
    for (i, (ops, commit)) in batches.iter().enumerate() {
        if !commit {
            continue;
        }
        let batch = i as u64 + 1;
        // A document put more than once in a batch: its last version counts, against
        // the version before the batch.
        let mut last: BTreeMap<u8, (u32, Document)> = BTreeMap::new();
        for op in ops {
            match op {
                Op::Put { id, day, .. } => {
                    last.insert(*id, (*day, doc(op)));
                }
                Op::Void { id } => {
                    voided.insert(*id);
                }
            }
        }
        for (id, (day, d)) in last {
            if current.get(&id).is_some_and(|(_, _, old)| *old == d) {
                continue;
            }
            current.insert(id, (batch, day, d));
        }
    }
    (current, voided)
}

/// Where the id index places each document the batches wrote.
fn placed(store: &Store) -> BTreeMap<u8, (u64, NaiveDate)> {
    let ids: Vec<Vec<u8>> = (0u8..6).map(|i| format!("D{i}").into_bytes()).collect();
    let asked: Vec<&[u8]> = ids.iter().map(Vec::as_slice).collect();
    let places = store.places("s", &asked).expect("places");
    (0u8..6)
        .zip(places)
        .filter_map(|(i, p)| p.map(|p| (i, (p.batch, p.date))))
        .collect()
}

fn listed(store: &Store) -> BTreeMap<NaiveDate, Vec<(String, u64, Document)>> {
    let mut out = BTreeMap::new();
    for day in 1..=5 {
        let docs = store.documents_on("s", date(day)).expect("read");
        if !docs.is_empty() {
            out.insert(
                date(day),
                docs.into_iter()
                    .map(|(r, d)| (r.id.to_string(), r.version, d))
                    .collect(),
            );
        }
    }
    out
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0u8..6, 1u32..=4, 0u32..3).prop_map(|(id, day, cents)| Op::Put { id, day, cents }),
        1 => (0u8..6).prop_map(|id| Op::Void { id }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// The date index (versions filed per date, tombstones where a document left a date,
    /// voids, unfinished batches) lists exactly what the versions say, and the id index
    /// places each document at its newest version, also after a reopen, after the index
    /// is rebuilt with other dates, and after such a rebuild is cut short and taken up
    /// again; a document put again as it stands is unchanged.
    #[test]
    fn the_date_index_lists_the_current_versions(
        batches in prop::collection::vec((prop::collection::vec(op(), 0..8), prop::bool::weighted(0.8)), 1..6)
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let expected = model(&batches);
        let (current, voided) = newest(&batches);
        let places: BTreeMap<u8, (u64, NaiveDate)> =
            current.iter().map(|(id, (b, day, _))| (*id, (*b, date(*day)))).collect();
        {
            let mut store = Store::open(dir.path()).expect("open");
            apply(&mut store, &batches);
            prop_assert_eq!(listed(&store), expected.clone());
            prop_assert_eq!(placed(&store), places.clone());
        }
        let store = Store::open(dir.path()).expect("reopen");
        prop_assert_eq!(listed(&store), expected.clone());
        prop_assert_eq!(placed(&store), places.clone());
        let cal = crate::domain::calendar::BusinessCalendar::default();
        store.reindex_dates("same", |d| d.business_date(&cal)).expect("reindex");
        prop_assert_eq!(listed(&store), expected.clone());
        // Every date one later: each document moves, with its history.
        let later = |d: &Document| d.business_date(&cal).map(|d| d + chrono::Duration::days(1));
        store.reindex_dates("later", later).expect("reindex");
        let shifted: BTreeMap<NaiveDate, Vec<(String, u64, Document)>> = expected
            .iter()
            .map(|(d, docs)| (*d + chrono::Duration::days(1), docs.clone()))
            .collect();
        let moved: BTreeMap<u8, (u64, NaiveDate)> = places
            .iter()
            .map(|(id, (b, d))| (*id, (*b, *d + chrono::Duration::days(1))))
            .collect();
        prop_assert_eq!(listed(&store), shifted.clone());
        prop_assert_eq!(placed(&store), moved.clone());
        for (id, (b, _, _)) in &current {
            let r = DocRef { id: compact_str::format_compact!("D{id}"), version: *b };
            let (_, d) = moved[id];
            prop_assert!(store.versions_on("s", d, std::slice::from_ref(&r)).expect("read")[0].is_some());
        }
        // Cut short after the versions were put aside and part of the index went.
        store.versions_from_pages().expect("aside");
        store.kv.insert(Tree::Meta, REINDEXING, b"1").expect("mark");
        store.kv.clear(Tree::ByDate).expect("clear");
        drop(store);
        let mut store = Store::open(dir.path()).expect("reopen");
        prop_assert!(store.reindex_unfinished().expect("read"));
        store.reindex_dates("later", later).expect("taken up");
        prop_assert!(!store.reindex_unfinished().expect("read"));
        prop_assert_eq!(listed(&store), shifted);
        prop_assert_eq!(placed(&store), moved);
        prop_assert_eq!(store.kv.count(Tree::Versions).expect("count"), 0);
        // The documents as they stand, again: nothing changes.
        let mut w = store.begin("import", "s", "again").expect("begin");
        for (id, (_, _, d)) in &current {
            if !voided.contains(id) {
                let outcome = w.put(d.clone(), later(d), &[]).expect("put");
                prop_assert_eq!(outcome, Outcome::Unchanged);
            }
        }
        let n = w.number();
        w.commit(entry()).expect("commit");
        store.mark_committed(n);
    }
}

/// §3: the same id again with other content is an update, also within one file and
/// chunks apart, when the source was empty before (the writer's filter then decides
/// whether the store is asked at all).
#[test]
fn what_an_unfinished_batch_wrote_is_removed_when_the_store_opens_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let keys = |store: &Store| {
        [Tree::Ids, Tree::ByDate, Tree::Voids]
            .iter()
            .map(|t| store.kv.count(*t).expect("count") as usize)
            .sum::<usize>()
    };
    let before;
    {
        let mut store = Store::open(dir.path()).expect("open");
        let mut w = store.begin("import", "s", "kept").expect("begin");
        w.put(
            doc(&Op::Put {
                id: 1,
                day: 2,
                cents: 150,
            }),
            Some(date(2)),
            &[],
        )
        .expect("put");
        let n = w.number();
        w.commit(entry()).expect("commit");
        store.mark_committed(n);
        before = keys(&store);
        // A run killed after it wrote two chunks: they are in the store, uncounted.
        let mut w = store.begin("import", "s", "killed").expect("begin");
        for i in 0..2 * CHUNK {
            let filler = parse_line(
                format!(r#"{{"type":"cash","id":"K{i}","time":"2026-03-01T10:00:00+01:00","kind":"cash_in","amount":"1.00"}}"#)
                    .as_bytes(),
            )
            .expect("valid");
            w.put(filler, Some(date(1)), &[]).expect("put");
        }
        w.put(doc(&Op::Void { id: 1 }), None, &[]).expect("void");
        w.write_chunk().expect("chunk");
        std::mem::forget(w);
        assert!(keys(&store) > before + 1, "the killed batch's pages and void are there");
    }
    let mut store = Store::open(dir.path()).expect("reopen");
    assert_eq!(keys(&store), before, "nothing of the killed batch is left");
    assert_eq!(store.documents_on("s", date(2)).expect("read").len(), 1);
    let batches = store.batches().expect("batches");
    assert!(batches
        .iter()
        .any(|(_, b)| b.label == "killed" && b.discarded && !b.committed));
    assert_eq!(store.discard_uncommitted().expect("again"), 0, "done once");
}

#[test]
fn a_later_line_of_the_same_file_updates_across_chunks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(dir.path()).expect("open");
    let mut w = store.begin("import", "s", "test").expect("begin");
    w.expect_documents(CHUNK as u64 + 2).expect("expect");
    let first = Op::Put {
        id: 1,
        day: 2,
        cents: 150,
    };
    w.put(doc(&first), Some(date(2)), &[]).expect("put");
    for i in 0..CHUNK {
        let filler = parse_line(
            format!(
                r#"{{"type":"cash","id":"F{i}","time":"2026-03-01T10:00:00+01:00","kind":"cash_in","amount":"1.00"}}"#
            )
            .as_bytes(),
        )
        .expect("valid");
        w.put(filler, Some(date(1)), &[]).expect("put");
    }
    let later = Op::Put {
        id: 1,
        day: 3,
        cents: 275,
    };
    // New to the store: counted once, as new, by its last version.
    assert_eq!(w.put(doc(&later), Some(date(3)), &[]).expect("put"), Outcome::New);
    let n = w.number();
    let (counts, _, _) = w.commit(entry()).expect("commit");
    store.mark_committed(n);
    assert_eq!((counts.new, counts.changed), (CHUNK as u64 + 1, 0));
    assert!(
        store.documents_on("s", date(2)).expect("read").is_empty(),
        "it left the 2nd"
    );
    let third = store.documents_on("s", date(3)).expect("read");
    assert_eq!(third.len(), 1);
    assert_eq!(third[0].1, doc(&later));
}

#[test]
fn older_stores_are_migrated_on_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let put = Op::Put {
        id: 1,
        day: 2,
        cents: 150,
    };
    let second = Op::Put {
        id: 2,
        day: 2,
        cents: 275,
    };
    {
        let store = Store::open(dir.path()).expect("open");
        // Schema 1: versions as JSON, an empty date index value without batch.
        let version = Version {
            date: Some(date(2)),
            doc: doc(&put),
        };
        store
            .kv
            .insert(
                Tree::Versions,
                &key(&[b"s", b"D1", &1u64.to_be_bytes()]),
                &encode(&version),
            )
            .expect("insert");
        store
            .kv
            .insert(Tree::ByDate, &key(&[b"s", b"2026-03-02", b"D1"]), &[])
            .expect("insert");
        // And one in the format of schema 2: a header, a kind byte, the fields as JSON.
        let Document::Cash(cash) = doc(&second) else {
            panic!("a cash event")
        };
        let mut v2 = vec![1];
        v2.extend_from_slice(&chrono::Datelike::num_days_from_ce(&date(2)).to_le_bytes());
        v2.push(5);
        v2.extend_from_slice(&serde_json::to_vec(&cash).expect("json"));
        store
            .kv
            .insert(Tree::Versions, &key(&[b"s", b"D2", &1u64.to_be_bytes()]), &v2)
            .expect("insert");
        let info = BatchInfo {
            kind: "import".into(),
            source: "s".into(),
            label: "old".into(),
            started: Utc::now(),
            ended: None,
            committed: true,
            counts: Counts::default(),
            discarded: false,
            per_day: Default::default(),
        };
        store
            .kv
            .insert(Tree::Batches, &1u64.to_be_bytes(), &encode(&info))
            .expect("insert");
        store
            .kv
            .insert(Tree::Meta, b"schema", &1u32.to_be_bytes())
            .expect("insert");
        store.flush().expect("flush");
    }
    let store = Store::open(dir.path()).expect("migrated");
    let docs = store.documents_on("s", date(2)).expect("read");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].1, doc(&put));
    assert_eq!(docs[1].1, doc(&second));
    assert_eq!(docs[0].0.version, 1);
    for (_, _, bytes) in store
        .newest_many("s", &[b"D1", b"D2"], &mut PageCache::default())
        .expect("read")
        .into_iter()
        .flatten()
    {
        assert!(matches!(bytes[0], 2 | 3), "every version re-encoded in binary");
    }
    assert_eq!(placed(&store).len(), 2, "the id index built");
    assert_eq!(
        store.kv.count(Tree::Versions).expect("count"),
        0,
        "the versions removed"
    );
    let schema = store.kv.get(Tree::Meta, b"schema").expect("read").expect("set");
    assert_eq!(schema.as_slice(), &SCHEMA.to_be_bytes());
}

/// A document put on day 2, then changed and moved to day 3 by a later batch.
fn put_then_moved() -> (Op, Op) {
    let first = Op::Put {
        id: 1,
        day: 2,
        cents: 150,
    };
    let moved = Op::Put {
        id: 1,
        day: 3,
        cents: 175,
    };
    (first, moved)
}

/// A second document, on day 2, beside [`put_then_moved`]'s.
fn another_on_day_2() -> Op {
    Op::Put {
        id: 2,
        day: 2,
        cents: 300,
    }
}

/// Schema 4 kept every version under a key of its own and had no id index: it is built
/// from those versions on open, which then go.
#[test]
fn a_store_of_schema_4_gets_its_id_index() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (first, moved) = put_then_moved();
    let other = another_on_day_2();
    {
        let mut store = Store::open(dir.path()).expect("open");
        apply(
            &mut store,
            &[(vec![first.clone(), other.clone()], true), (vec![moved.clone()], true)],
        );
        // As schema 4 had it: each version under `source 0 id 0 batch`, no id index.
        for (id, b, op) in [(b"D1", 1u64, &first), (b"D2", 1, &other), (b"D1", 2, &moved)] {
            let day = match op {
                Op::Put { day, .. } => *day,
                Op::Void { .. } => unreachable!(),
            };
            let v = encode_version(&Version {
                date: Some(date(day)),
                doc: doc(op),
            });
            store
                .kv
                .insert(Tree::Versions, &key(&[b"s", id, &b.to_be_bytes()]), &v)
                .expect("insert");
        }
        store.kv.clear(Tree::Ids).expect("clear");
        store
            .kv
            .insert(Tree::Meta, b"schema", &4u32.to_be_bytes())
            .expect("insert");
        store.flush().expect("flush");
    }
    let store = Store::open(dir.path()).expect("migrated");
    assert_eq!(
        placed(&store),
        BTreeMap::from([(1, (2, date(3))), (2, (1, date(2)))]),
        "each document at its newest version"
    );
    assert_eq!(store.kv.count(Tree::Versions).expect("count"), 0);
    // Written anew on the way: the new store does not ask for it again.
    assert!(store.kv.get(Tree::Meta, COMPACT_PENDING).expect("read").is_none());
    assert!(!dir.path().join(COMPACT).exists() && !dir.path().join(COMPACT_OLD).exists());
    // A crash between the migration and the writing anew: the next open does it.
    store.kv.insert(Tree::Meta, COMPACT_PENDING, b"1").expect("mark");
    drop(store);
    let mut store = Store::open(dir.path()).expect("reopen");
    assert!(store.kv.get(Tree::Meta, COMPACT_PENDING).expect("read").is_none());
    assert_eq!(placed(&store).len(), 2);
    let mut w = store.begin("import", "s", "again").expect("begin");
    assert_eq!(w.put(doc(&moved), Some(date(3)), &[]).expect("put"), Outcome::Unchanged);
    assert_eq!(w.put(doc(&first), Some(date(2)), &[]).expect("put"), Outcome::Changed);
    let n = w.number();
    w.commit(entry()).expect("commit");
    store.mark_committed(n);
    let on = |day| store.documents_on("s", date(day)).expect("read").len();
    assert_eq!((on(2), on(3)), (2, 0), "moved back, from the index's date");
}

/// Where the id index places each of the documents `D0`…`D59`: asked together, so the
/// filter answers for those it does not hold.
fn placed_many(store: &Store) -> BTreeMap<u8, (u64, NaiveDate)> {
    let ids: Vec<Vec<u8>> = (0u8..60).map(|i| format!("D{i}").into_bytes()).collect();
    let asked: Vec<&[u8]> = ids.iter().map(Vec::as_slice).collect();
    assert!(asked.len() >= FILTER_FROM);
    let places = store.places("s", &asked).expect("places");
    (0u8..60)
        .zip(places)
        .filter_map(|(i, p)| p.map(|p| (i, (p.batch, p.date))))
        .collect()
}

fn runs_kept(store: &Store) -> usize {
    store.scan_prefix(Tree::Ids, &ids_run_key("s", None)).count()
}

fn has_filter(store: &Store) -> bool {
    store.kv.get(Tree::Ids, &ids_filter_key("s")).expect("read").is_some()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]
    /// Decision 68: small batches are kept as runs, folded into the buckets after
    /// [`MAX_RUNS`]; the id index places every document at its newest version after
    /// each commit, with runs, after a fold and after a reopen, and the filter never
    /// hides one.
    #[test]
    fn runs_and_folds_place_each_document_at_its_newest_version(
        batches in prop::collection::vec(
            prop::collection::vec((0u8..60, 1u32..=4), 1..4), MAX_RUNS + 2..MAX_RUNS + 12)
    ) {
        // An amount of its own in each batch: every batch changes what it puts.
        let batches: Vec<(Vec<Op>, bool)> = batches
            .into_iter()
            .enumerate()
            .map(|(n, b)| (b.into_iter().map(|(id, day)| Op::Put { id, day, cents: n as u32 }).collect(), true))
            .collect();
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::open(dir.path()).expect("open");
        let mut most_runs = 0;
        for n in 1..=batches.len() {
            apply(&mut store, &batches[n - 1..n]);
            let (current, _) = newest(&batches[..n]);
            let places: BTreeMap<u8, (u64, NaiveDate)> =
                current.iter().map(|(id, (b, day, _))| (*id, (*b, date(*day)))).collect();
            prop_assert_eq!(placed_many(&store), places.clone(), "after batch {}", n);
            prop_assert_eq!(placed(&store), places.into_iter().filter(|(id, _)| *id < 6).collect::<BTreeMap<_, _>>());
            prop_assert!(has_filter(&store), "the first batch folds and builds the filter");
            let runs = runs_kept(&store);
            prop_assert!(runs <= MAX_RUNS);
            most_runs = most_runs.max(runs);
        }
        prop_assert_eq!(most_runs, MAX_RUNS, "small batches are kept as runs");
        prop_assert!(runs_kept(&store) < batches.len() - 1, "and folded");
        let (current, _) = newest(&batches);
        drop(store);
        let store = Store::open(dir.path()).expect("reopen");
        let places: BTreeMap<u8, (u64, NaiveDate)> =
            current.iter().map(|(id, (b, day, _))| (*id, (*b, date(*day)))).collect();
        prop_assert_eq!(placed_many(&store), places);
        // In id order, as the date index lists them.
        let mut expected = model(&batches);
        for docs in expected.values_mut() {
            docs.sort_by(|a, b| a.0.cmp(&b.0));
        }
        prop_assert_eq!(listed(&store), expected);
    }
}

/// A batch large beside what the buckets hold folds at once: more entries in runs than
/// an eighth of the buckets' (at least 1 024) are not kept apart.
#[test]
fn a_large_batch_is_folded_into_the_buckets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(dir.path()).expect("open");
    let line = |i: u32| {
        parse_line(
            format!(
                r#"{{"type":"cash","id":"C{i}","time":"2026-03-02T10:00:00+01:00","financial_date":"2026-03-02","kind":"cash_in","amount":"1.00"}}"#
            )
            .as_bytes(),
        )
        .expect("valid line")
    };
    let mut batch = |from: u32, to: u32| {
        let mut w = store.begin("import", "s", "test").expect("begin");
        w.expect_documents(u64::from(to - from)).expect("expect");
        for i in from..to {
            w.put(line(i), Some(date(2)), &[]).expect("put");
        }
        let n = w.number();
        w.commit(entry()).expect("commit");
        store.mark_committed(n);
        store.scan_prefix(Tree::Ids, &ids_run_key("s", None)).count()
    };
    assert_eq!(batch(0, 10), 0, "the first batch folds");
    assert_eq!(batch(10, 20), 1, "a small one is a run");
    assert_eq!(batch(20, 2000), 0, "a large one folds, with the runs before it");
    let ids: Vec<Vec<u8>> = (0..2100).map(|i| format!("C{i}").into_bytes()).collect();
    let asked: Vec<&[u8]> = ids.iter().map(Vec::as_slice).collect();
    let places = store.places("s", &asked).expect("places");
    assert_eq!(places.iter().filter(|p| p.is_some()).count(), 2000);
    assert!(places[..2000].iter().all(Option::is_some));
    let filter = store.id_filter("s").expect("read");
    let filter = filter.as_ref().as_ref().expect("a filter");
    assert!(filter.added() >= 2000 && filter.has_room_for(0));
}

/// Schema 5 had buckets alone: they are kept on open (no rebuild), and the next commit
/// builds the filter from them.
#[test]
fn a_store_of_schema_5_keeps_its_id_index() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (first, moved) = put_then_moved();
    let other = another_on_day_2();
    {
        let mut store = Store::open(dir.path()).expect("open");
        apply(&mut store, &[(vec![first.clone(), other.clone()], true)]);
        // As schema 5 had it: the buckets, no filter, no runs.
        store.kv.remove(Tree::Ids, &ids_filter_key("s")).expect("remove");
        assert_eq!(runs_kept(&store), 0);
        store
            .kv
            .insert(Tree::Meta, b"schema", &5u32.to_be_bytes())
            .expect("insert");
        store.flush().expect("flush");
    }
    let mut store = Store::open(dir.path()).expect("migrated");
    let schema = store.kv.get(Tree::Meta, b"schema").expect("read").expect("set");
    assert_eq!(schema.as_slice(), &SCHEMA.to_be_bytes());
    assert_eq!(placed(&store), BTreeMap::from([(1, (1, date(2))), (2, (1, date(2)))]));
    assert!(!has_filter(&store));
    assert_eq!(placed_many(&store).len(), 2, "without a filter the buckets answer");
    apply(&mut store, &[(vec![moved], true)]);
    assert!(has_filter(&store), "built by the next commit");
    assert_eq!(runs_kept(&store), 0, "which folds");
    assert_eq!(
        placed_many(&store),
        BTreeMap::from([(1, (2, date(3))), (2, (1, date(2)))])
    );
    let mut w = store.begin("import", "s", "again").expect("begin");
    assert_eq!(w.put(doc(&other), Some(date(2)), &[]).expect("put"), Outcome::Unchanged);
}

/// A damaged run or filter is named, not read as "no such document".
#[test]
fn a_damaged_run_or_filter_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(dir.path()).expect("open");
    let put = |id| Op::Put { id, day: 2, cents: 100 };
    apply(&mut store, &[(vec![put(1)], true), (vec![put(2)], true)]);
    assert_eq!(runs_kept(&store), 1);
    let (k, v) = store
        .scan_prefix(Tree::Ids, &ids_run_key("s", None))
        .next()
        .expect("a run")
        .expect("read");
    store.kv.insert(Tree::Ids, &k, &v[..v.len() - 3]).expect("cut");
    store.forget_id_index();
    let err = store.places("s", &[b"D1"]).expect_err("refused").to_string();
    assert!(
        err.contains("s/ids/run") && err.contains("run of the id index"),
        "{err}"
    );
    store.kv.insert(Tree::Ids, &k, &v).expect("mend");
    store.kv.insert(Tree::Ids, &ids_filter_key("s"), &[1, 0]).expect("cut");
    store.forget_id_index();
    let many: Vec<Vec<u8>> = (0..40).map(|i| format!("D{i}").into_bytes()).collect();
    let asked: Vec<&[u8]> = many.iter().map(Vec::as_slice).collect();
    let err = store.places("s", &asked).expect_err("refused").to_string();
    assert!(
        err.contains("s/ids/filter") && err.contains("filter of the id index"),
        "{err}"
    );
}

/// `check` reads a confirmed day's documents as they stood (R10): a version a later
/// batch replaced, and moved to another date, is still read from its own day's pages.
#[test]
fn a_replaced_version_is_read_where_it_was_filed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(dir.path()).expect("open");
    let (first, moved) = put_then_moved();
    apply(&mut store, &[(vec![first.clone()], true), (vec![moved.clone()], true)]);
    let at = |day, version| {
        let r = DocRef {
            id: "D1".into(),
            version,
        };
        store
            .versions_on("s", date(day), std::slice::from_ref(&r))
            .expect("read")
            .remove(0)
            .map(|v| v.doc)
    };
    assert_eq!(at(2, 1), Some(doc(&first)));
    assert_eq!(at(3, 2), Some(doc(&moved)));
    assert_eq!(at(3, 1), None, "batch 1 filed nothing on the 3rd");
}

/// The invoice register reads each invoice's newest committed version from `by_kind`:
/// not a version of an unfinished batch, not one that became another kind, not a voided
/// one; and a store of schema 4 (keys without versions there) gets them on first open.
#[test]
fn the_register_kinds_list_each_documents_newest_committed_version() {
    let invoice = |id: &str, amount: &str| {
        parse_line(format!(r#"{{"type":"invoice","id":"{id}","branch":"1","date":"2026-03-02","debtor":{{"name":"Janssens BV","email":"b@janssens.be"}},"lines":[{{"vat":"1","amount":"{amount}"}}]}}"#).as_bytes()).expect("valid")
    };
    let amounts = |store: &Store| -> Vec<(String, u64, String)> {
        store
            .documents_of_kind("s", "invoice")
            .expect("read")
            .into_iter()
            .map(|(r, d)| match d {
                Document::Invoice(i) => (r.id.to_string(), r.version, i.lines[0].amount.to_string()),
                other => panic!("not an invoice: {other:?}"),
            })
            .collect()
    };
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let mut store = Store::open(dir.path()).expect("open");
        let batch = |store: &mut Store, docs: Vec<Document>, commit: bool| {
            let mut w = store.begin("import", "s", "t").expect("begin");
            for d in docs {
                w.put(d, Some(date(2)), &[]).expect("put");
            }
            if commit {
                let n = w.number();
                w.commit(entry()).expect("commit");
                store.mark_committed(n);
            } else {
                w.write_chunk().expect("chunk");
                std::mem::forget(w);
            }
        };
        batch(
            &mut store,
            vec![invoice("F1", "10.00"), invoice("F2", "20.00"), invoice("F3", "30.00")],
            true,
        );
        batch(
            &mut store,
            vec![
                invoice("F1", "11.00"),
                doc(&Op::Put {
                    id: 7,
                    day: 2,
                    cents: 5,
                }),
            ],
            true,
        );
        // F2 is re-sent as a cash event: it leaves the register.
        let cash = parse_line(
            br#"{"type":"cash","id":"F2","time":"2026-03-02T10:00:00+01:00","kind":"cash_in","amount":"1.00"}"#,
        )
        .expect("valid");
        batch(&mut store, vec![cash], true);
        // A void withdraws F3; an unfinished batch's F1 does not count.
        let void = parse_line(br#"{"type":"void","id":"F3","time":"2026-03-03T10:00:00+01:00"}"#).expect("valid");
        let mut w = store.begin("import", "s", "v").expect("begin");
        w.put(void, None, &[]).expect("void");
        let n = w.number();
        w.commit(entry()).expect("commit");
        store.mark_committed(n);
        batch(&mut store, vec![invoice("F1", "99.00")], false);
        assert_eq!(amounts(&store), vec![("F1".into(), 2, "11.00".into())]);
        // As schema 4 had it: a version key per document, empty `by_kind` keys.
        store.kv.clear(Tree::ByKind).expect("clear");
        for (id, b, d) in [
            ("F1", 1u64, invoice("F1", "10.00")),
            ("F1", 2, invoice("F1", "11.00")),
            ("F3", 1, invoice("F3", "30.00")),
        ] {
            let v = encode_version(&Version {
                date: Some(date(2)),
                doc: d,
            });
            store
                .kv
                .insert(Tree::Versions, &key(&[b"s", id.as_bytes(), &b.to_be_bytes()]), &v)
                .expect("insert");
            store
                .kv
                .insert(Tree::ByKind, &key(&[b"s", b"invoice", id.as_bytes()]), &[])
                .expect("insert");
        }
        store
            .kv
            .insert(Tree::Meta, b"schema", &4u32.to_be_bytes())
            .expect("insert");
        store.flush().expect("flush");
    }
    let store = Store::open(dir.path()).expect("migrated");
    assert_eq!(amounts(&store), vec![("F1".into(), 2, "11.00".into())]);
}

/// A compaction cut short at any step leaves one whole store: the new one once it was
/// marked written whole, else the old one.
#[test]
fn a_compaction_cut_short_leaves_one_whole_store() {
    let state = |dir: &Path, names: &[&str]| {
        for n in names {
            std::fs::create_dir_all(dir.join(n)).expect("dir");
            std::fs::write(dir.join(n).join("which"), n).expect("write");
        }
    };
    let which = |dir: &Path| std::fs::read_to_string(dir.join("store/which")).expect("a store");
    let leftovers = |dir: &Path| {
        [COMPACT, COMPACT_DONE, COMPACT_OLD]
            .iter()
            .any(|n| dir.join(n).exists())
    };
    // Cut during the copy: the old store stays.
    let dir = tempfile::tempdir().expect("tempdir");
    state(dir.path(), &["store", COMPACT]);
    settle_compaction(dir.path()).expect("settle");
    assert_eq!(which(dir.path()), "store");
    assert!(!leftovers(dir.path()));
    // Written whole, cut before, between or after the renames: the new one.
    for before in [&["store", COMPACT][..], &[COMPACT_OLD, COMPACT], &[COMPACT_OLD]] {
        let dir = tempfile::tempdir().expect("tempdir");
        state(dir.path(), before);
        if before == [COMPACT_OLD] {
            state(dir.path(), &["store"]);
            std::fs::write(dir.path().join("store/which"), COMPACT).expect("write");
        }
        std::fs::write(dir.path().join(COMPACT_DONE), b"").expect("mark");
        settle_compaction(dir.path()).expect("settle");
        assert_eq!(which(dir.path()), COMPACT, "from {before:?}");
        assert!(!leftovers(dir.path()), "from {before:?}");
    }
}

fn confirmed_record(cents: i64) -> DayRecord {
    let mut figures = DayFigures::default();
    figures
        .turnover
        .insert("V21".into(), rust_decimal::Decimal::new(cents, 2));
    figures
        .payments
        .insert("CASH".into(), rust_decimal::Decimal::new(cents, 2));
    figures.documents = vec![DocRef {
        id: "T1".into(),
        version: 1,
    }];
    DayRecord {
        receipts_confirmed: true,
        payments_confirmed: true,
        frozen: Some(crate::domain::book::Frozen {
            figures,
            edits: vec![],
            corrections: vec![],
            cash: Default::default(),
            turnover: rust_decimal::Decimal::new(cents, 2),
            payments: rust_decimal::Decimal::new(cents, 2),
            by: "an".into(),
            at: Utc::now(),
            booked: None,
        }),
        ..DayRecord::default()
    }
}

/// Decision 63: a confirmed day's record stays JSON and names its frozen figures, which
/// are kept in binary beside it; read back whole, or apart with their digest.
#[test]
fn frozen_figures_are_kept_beside_the_record_and_named_by_their_digest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    let record = confirmed_record(1250);
    store
        .write_days(
            &[("b", date(2), &record), ("b", date(3), &DayRecord::default())],
            entry(),
        )
        .expect("write");
    let k = key(&[b"b", b"2026-03-02"]);
    let json: serde_json::Value =
        serde_json::from_slice(&store.kv.get(Tree::Days, &k).expect("read").expect("there")).expect("JSON");
    let frozen = &json["frozen"];
    assert!(
        frozen.get("figures").is_none(),
        "the figures are not in the JSON: {json}"
    );
    let digest = figures_digest(&record.frozen.as_ref().expect("frozen").figures);
    assert_eq!(frozen["figures_sha256"], serde_json::Value::from(digest.clone()));
    assert_eq!(frozen["turnover"], "12.50", "what a person reads stays in the JSON");
    assert!(store.kv.get(Tree::Frozen, &k).expect("read").is_some());

    assert_eq!(store.day_record("b", date(2)).expect("read"), Some(record.clone()));
    assert_eq!(store.day_records("b").expect("read").get(&date(2)), Some(&record));
    let apart = store.day_records_apart_between("b", date(1), date(3)).expect("read");
    let (light, named) = &apart[&date(2)];
    assert_eq!(named.as_deref(), Some(digest.as_str()));
    assert_eq!(light.frozen.as_ref().expect("frozen").figures, DayFigures::default());
    assert_eq!(apart[&date(3)].1, None);
    assert_eq!(
        store.frozen_figures("b", date(2), &digest).expect("read"),
        record.frozen.as_ref().expect("frozen").figures
    );

    // Reopened: the figures go with the record.
    store
        .write_days(&[("b", date(2), &DayRecord::default())], entry())
        .expect("write");
    assert!(store.kv.get(Tree::Frozen, &k).expect("read").is_none());

    // Figures that do not match their digest are named, never taken for the day's.
    store.write_days(&[("b", date(2), &record)], entry()).expect("write");
    let other = frozen_value(&confirmed_record(999).frozen.expect("frozen").figures);
    store.kv.insert(Tree::Frozen, &k, &other).expect("insert");
    let e = store.day_record("b", date(2)).expect_err("refused").to_string();
    assert!(e.contains("frozen/b/2026-03-02") && e.contains("digest"), "{e}");
    store.kv.remove(Tree::Frozen, &k).expect("remove");
    let e = store.day_records("b").expect_err("refused").to_string();
    assert!(e.contains("missing"), "{e}");
}

/// Schema 3 kept a confirmed day's frozen figures in its JSON record: they move beside
/// it on first open, the same figures.
#[test]
fn frozen_figures_of_schema_3_move_out_of_the_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    let record = confirmed_record(4200);
    let k = key(&[b"b", b"2026-03-02"]);
    {
        let store = Store::open(dir.path()).expect("open");
        let mut json = serde_json::to_value(&record).expect("json");
        json["frozen"]["figures"] =
            serde_json::to_value(&record.frozen.as_ref().expect("frozen").figures).expect("json");
        store.kv.insert(Tree::Days, &k, &encode(&json)).expect("insert");
        let open = DayRecord::default();
        store
            .kv
            .insert(Tree::Days, &key(&[b"b", b"2026-03-03"]), &encode(&open))
            .expect("insert");
        store
            .kv
            .insert(Tree::Meta, b"schema", &3u32.to_be_bytes())
            .expect("insert");
        store.flush().expect("flush");
    }
    let store = Store::open(dir.path()).expect("migrated");
    assert_eq!(store.day_record("b", date(2)).expect("read"), Some(record.clone()));
    assert_eq!(
        store.day_record("b", date(3)).expect("read"),
        Some(DayRecord::default())
    );
    let json: serde_json::Value =
        serde_json::from_slice(&store.kv.get(Tree::Days, &k).expect("read").expect("there")).expect("JSON");
    assert!(json["frozen"].get("figures").is_none(), "{json}");
    assert!(json["frozen"]["figures_sha256"].is_string(), "{json}");
    assert_eq!(store.kv.count(Tree::Frozen).expect("count"), 1);
    let schema = store.kv.get(Tree::Meta, b"schema").expect("read").expect("set");
    assert_eq!(schema.as_slice(), &SCHEMA.to_be_bytes());
}

/// A book's summary holds until its chain changes: laying any day of the chain or dropping
/// it from a day on drops the summary too (it is never read stale).
#[test]
fn a_book_summary_goes_with_any_change_of_its_chain() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let summary = BookSummary {
        form: SUMMARY_FORM,
        mark: "m".into(),
        from: date(1),
        days: vec![1, 2, 3],
    };
    store.put_book_summary("DO1", &summary).unwrap();
    store.put_book_summary("DO2", &summary).unwrap();
    assert_eq!(store.book_summary("DO1").unwrap(), Some(summary.clone()));
    store.invalidate_chain("DO1", date(20)).unwrap();
    assert_eq!(
        store.book_summary("DO1").unwrap(),
        None,
        "dropped with the chain from a later day on"
    );
    assert_eq!(
        store.book_summary("DO2").unwrap(),
        Some(summary.clone()),
        "another book's stays"
    );
    store.put_book_summary("DO1", &summary).unwrap();
    let state = crate::domain::book::ChainState::default();
    store.put_chain("DO1", vec![(date(2), state, None)], "m").unwrap();
    assert_eq!(store.book_summary("DO1").unwrap(), None, "dropped when a day is laid");
    // A day's chain state is still read beside where the summary was.
    assert!(store.chain_before("DO1", date(3), "m").unwrap().is_some());
    // A summary of another form is a miss.
    store
        .put_book_summary("DO1", &BookSummary { form: 0, ..summary })
        .unwrap();
    assert_eq!(store.book_summary("DO1").unwrap(), None);
}
