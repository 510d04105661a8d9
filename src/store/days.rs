//! Day records: confirmations, edits and the figures frozen with them.

use super::*;

impl Store {
    // ----- days -----

    /// A day record with its frozen figures.
    pub fn day_record(&self, book: &str, date: NaiveDate) -> Result<Option<DayRecord>> {
        Ok(self.day_records_between(book, date, date)?.remove(&date))
    }

    /// All stored day records of a book, by date, with their frozen figures.
    pub fn day_records(&self, book: &str) -> Result<std::collections::BTreeMap<NaiveDate, DayRecord>> {
        self.whole_records(book, self.book_range(Tree::Days, book, None, None, false))
    }

    /// Day records read from their keys (`book\0date`) and values, with their frozen figures
    /// (read in one range of the frozen tree).
    pub(super) fn whole_records(
        &self,
        book: &str,
        items: Pairs<'_>,
    ) -> Result<std::collections::BTreeMap<NaiveDate, DayRecord>> {
        let apart = self.records_apart(book, items)?;
        let named: Vec<NaiveDate> = apart
            .iter()
            .filter(|(_, (_, d))| d.is_some())
            .map(|(d, _)| *d)
            .collect();
        let mut figures = std::collections::BTreeMap::new();
        if let (Some(&first), Some(&last)) = (named.first(), named.last()) {
            for item in self.book_days(Tree::Frozen, book, first, last) {
                let (day, k, v) = item?;
                if let Some((_, Some(digest))) = apart.get(&day) {
                    figures.insert(day, decode_frozen(&k, &v, digest)?);
                }
            }
        }
        apart
            .into_iter()
            .map(|(day, (mut record, digest))| {
                if digest.is_some() {
                    let f = figures.remove(&day).ok_or_else(|| missing_frozen(book, day))?;
                    if let Some(frozen) = record.frozen.as_mut() {
                        frozen.figures = f;
                    }
                }
                Ok((day, record))
            })
            .collect()
    }

    /// Day records, each with the digest of its frozen figures, which are left out: see
    /// [`Store::day_records_apart_between`].
    pub(super) fn records_apart(
        &self,
        book: &str,
        items: Pairs<'_>,
    ) -> Result<std::collections::BTreeMap<NaiveDate, Apart>> {
        let n = prefix(&[book.as_bytes()]).len();
        let mut out = std::collections::BTreeMap::new();
        for item in items {
            let (k, v) = item?;
            out.insert(day_of_key(&k, n)?, decode_record(&k, &v)?);
        }
        Ok(out)
    }

    /// The day records of a book from `from` through `to` without their frozen figures
    /// where those are kept apart: each with the digest they are named by ([`figures_digest`]),
    /// its `frozen.figures` empty. A listing of confirmed days compares the digest with the
    /// current figures' and reads [`Store::frozen_figures`] only when they differ.
    pub fn day_records_apart_between(
        &self,
        book: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<std::collections::BTreeMap<NaiveDate, Apart>> {
        self.records_apart(book, self.book_range(Tree::Days, book, Some(from), Some(to), false))
    }

    /// A confirmed day's frozen figures, kept apart from its record under `digest`.
    pub fn frozen_figures(&self, book: &str, date: NaiveDate, digest: &str) -> Result<DayFigures> {
        let k = key(&[book.as_bytes(), date_key(date).as_bytes()]);
        match self.kv.get(Tree::Frozen, &k)? {
            Some(v) => decode_frozen(&k, &v, digest),
            None => Err(missing_frozen(book, date)),
        }
    }

    /// The pairs of a tree keyed `book 0 date` from `from` through `to` (`None`: the book's
    /// first or last day), in date order or (`rev`) newest first.
    pub(super) fn book_range(
        &self,
        tree: Tree,
        book: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        rev: bool,
    ) -> Pairs<'_> {
        let p = prefix(&[book.as_bytes()]);
        let (first, end) = prefix_bounds(&p);
        let at = |d: NaiveDate| key(&[book.as_bytes(), date_key(d).as_bytes()]);
        let lo = from.map_or(first, |d| Bound::Included(at(d)));
        let hi = to.map_or(end, |d| Bound::Included(at(d)));
        self.kv.range(tree, lo, hi, rev)
    }

    /// The newest day of a book whose record satisfies `what`, found from the newest record
    /// back (records are read without their frozen figures).
    pub fn last_day_where(&self, book: &str, what: impl Fn(&DayRecord) -> bool) -> Result<Option<NaiveDate>> {
        let n = prefix(&[book.as_bytes()]).len();
        for item in self.book_range(Tree::Days, book, None, None, true) {
            let (k, v) = item?;
            let record: DayRecord = decode(&k, &v)?;
            if what(&record) {
                return Ok(Some(day_of_key(&k, n)?));
            }
        }
        Ok(None)
    }

    /// All day records of a book, without their frozen figures (as
    /// [`Store::day_records_apart_between`]).
    pub fn day_records_apart(&self, book: &str) -> Result<std::collections::BTreeMap<NaiveDate, Apart>> {
        self.records_apart(book, self.book_range(Tree::Days, book, None, None, false))
    }

    /// The day records of a book from `from` on, without their frozen figures (as
    /// [`Store::day_records_apart_between`]).
    pub fn day_records_apart_from(
        &self,
        book: &str,
        from: NaiveDate,
    ) -> Result<std::collections::BTreeMap<NaiveDate, Apart>> {
        self.records_apart(book, self.book_range(Tree::Days, book, Some(from), None, false))
    }

    /// The first day of a book that is not confirmed whole, from `start`: each part
    /// (receipts, payments) is confirmed in order (R5), so it is the earlier of the days
    /// after each part's last confirmed day, found from the newest record back.
    pub fn first_open(&self, book: &str, start: NaiveDate) -> Result<NaiveDate> {
        let n = prefix(&[book.as_bytes()]).len();
        let (mut receipts, mut payments) = (None, None);
        for item in self.book_range(Tree::Days, book, None, None, true) {
            let (k, v) = item?;
            let record: DayRecord = decode(&k, &v)?;
            let day = day_of_key(&k, n)?;
            if record.receipts_confirmed {
                receipts.get_or_insert(day);
            }
            if record.payments_confirmed {
                payments.get_or_insert(day);
            }
            if receipts.is_some() && payments.is_some() {
                break;
            }
        }
        let after = |d: Option<NaiveDate>| d.map_or(start, |d| d + chrono::Duration::days(1));
        Ok(after(receipts).min(after(payments)))
    }

    /// The day records of a book from `from` through `to`, with their frozen figures.
    pub fn day_records_between(
        &self,
        book: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<std::collections::BTreeMap<NaiveDate, DayRecord>> {
        self.whole_records(book, self.book_range(Tree::Days, book, Some(from), Some(to), false))
    }

    /// Write day records and their audit entry in one transaction.
    pub fn write_days(&self, records: &[(&str, NaiveDate, &DayRecord)], entry: audit::NewEntry) -> Result<AuditEntry> {
        let mut writes = DayWrites::default();
        for (book, date, r) in records {
            writes.add(book, *date, r);
        }
        self.write_day_writes(writes, entry)
    }

    /// Write day records encoded a day at a time ([`DayWrites`]) and their audit entry in
    /// one transaction; the chain from the earliest written day of each book on is built
    /// anew (dropped first: a crash leaves at worst a cold cache).
    pub fn write_day_writes(&self, writes: DayWrites, entry: audit::NewEntry) -> Result<AuditEntry> {
        let mut earliest: std::collections::BTreeMap<&str, NaiveDate> = std::collections::BTreeMap::new();
        for (book, date) in &writes.days {
            let e = earliest.entry(book.as_str()).or_insert(*date);
            *e = (*e).min(*date);
        }
        for (book, date) in earliest {
            self.invalidate_chain(book, date)?;
        }
        let entry = super::audit::append(&*self.kv, writes.rows, None, &entry)?;
        self.announce(&entry);
        Ok(entry)
    }
}
