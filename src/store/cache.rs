//! The caches in front of the books: each day's figures and the kept chain of days.

use super::*;

impl Store {
    // ----- figures cache -----

    pub fn cached_figures(&self, book: &str, date: NaiveDate, fingerprint: &str) -> Result<Option<DayFigures>> {
        let k = key(&[book.as_bytes(), date_key(date).as_bytes()]);
        match self.kv.get(Tree::Figures, &k)? {
            Some(v) => Ok(miss_if_unreadable(&k, decode_figures(&k, &v, fingerprint))),
            None => Ok(None),
        }
    }

    /// The cached figures of a book's days `from` through `to` made under `fingerprint`:
    /// one range read.
    pub fn cached_figures_between(
        &self,
        book: &str,
        from: NaiveDate,
        to: NaiveDate,
        fingerprint: &str,
    ) -> Result<std::collections::BTreeMap<NaiveDate, DayFigures>> {
        let mut out = std::collections::BTreeMap::new();
        for item in self.book_days(Tree::Figures, book, from, to) {
            let (day, k, v) = item?;
            if let Some(f) = miss_if_unreadable(&k, decode_figures(&k, &v, fingerprint)) {
                out.insert(day, f);
            }
        }
        Ok(out)
    }

    /// The records of a tree keyed `book 0 date` for the days `from` through `to`: one
    /// range read, each with its date.
    pub(super) fn book_days(
        &self,
        tree: Tree,
        book: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> impl Iterator<Item = Result<(NaiveDate, Vec<u8>, Vec<u8>)>> + '_ {
        let n = prefix(&[book.as_bytes()]).len();
        self.book_range(tree, book, Some(from), Some(to), false)
            .map(move |item| {
                let (k, v) = item?;
                Ok((day_of_key(&k, n)?, k, v))
            })
    }

    pub fn cache_figures(&self, book: &str, date: NaiveDate, fingerprint: &str, figures: &DayFigures) -> Result<()> {
        self.cache_figures_many(book, fingerprint, &[(date, figures)])
    }

    /// Cache the figures of many days of a book in one write.
    pub fn cache_figures_many(&self, book: &str, fingerprint: &str, days: &[(NaiveDate, &DayFigures)]) -> Result<()> {
        if days.is_empty() {
            return Ok(());
        }
        let fp = &fingerprint.as_bytes()[..fingerprint.len().min(usize::from(u16::MAX))];
        let ops = days
            .iter()
            .map(|(date, figures)| {
                let k = key(&[book.as_bytes(), date_key(*date).as_bytes()]);
                let mut v = Vec::with_capacity(1024);
                v.push(FIGURES_FORMAT);
                v.extend_from_slice(&(fp.len() as u16).to_le_bytes());
                v.extend_from_slice(fp);
                codec::encode_cached_figures(figures, &mut v);
                Op::Insert(k, v)
            })
            .collect();
        self.kv.apply(Tree::Figures, ops)
    }

    /// Drop every cached day and chain state (the benchmark's full rebuild).
    pub fn clear_figures(&self) -> Result<()> {
        self.kv.clear(Tree::Figures)?;
        self.kv.clear(Tree::Chain)
    }

    /// Days' documents changed: their figures are built anew, and each book's chain from
    /// the earliest of them on.
    pub(super) fn invalidate_figures(&self, books: &[String], dates: &[NaiveDate]) -> Result<()> {
        let Some(&earliest) = dates.iter().min() else {
            return Ok(());
        };
        let ops = books
            .iter()
            .flat_map(|b| {
                dates
                    .iter()
                    .map(move |d| Op::Remove(key(&[b.as_bytes(), date_key(*d).as_bytes()])))
            })
            .collect();
        self.kv.apply(Tree::Figures, ops)?;
        for b in books {
            self.invalidate_chain(b, earliest)?;
        }
        Ok(())
    }

    /// The book's chain states of `date` and every day after it no longer hold.
    pub fn invalidate_chain(&self, book: &str, date: NaiveDate) -> Result<()> {
        let from = key(&[book.as_bytes(), date_key(date).as_bytes()]);
        let p = prefix(&[book.as_bytes()]);
        let hi = engine::prefix_end(&p).map_or(Bound::Unbounded, Bound::Excluded);
        let mut batch = Vec::new();
        for item in self.kv.range(Tree::Chain, Bound::Included(from), hi, false) {
            let (k, _) = item?;
            batch.push(Op::Remove(k));
        }
        self.kv.apply(Tree::Chain, batch)
    }

    /// The latest chain state of a book before `date`, made under this config.
    pub fn chain_before(
        &self,
        book: &str,
        date: NaiveDate,
        fingerprint: &str,
    ) -> Result<Option<(NaiveDate, ChainState)>> {
        let p = prefix(&[book.as_bytes()]);
        let until = key(&[book.as_bytes(), date_key(date).as_bytes()]);
        let Some(item) = self
            .kv
            .range(Tree::Chain, Bound::Included(p.clone()), Bound::Excluded(until), true)
            .next()
        else {
            return Ok(None);
        };
        let (k, v) = item?;
        let day = day_of_key(&k, p.len())?;
        let Some(cached) = miss_if_unreadable(&k, decode::<CachedChain>(&k, &v).map(Some)) else {
            return Ok(None);
        };
        Ok((cached.fingerprint == fingerprint).then_some((day, cached.state)))
    }

    /// Keep the chain states of consecutive days of a book (its summary no longer holds).
    pub fn put_chain(&self, book: &str, states: Vec<KeptDay>, fingerprint: &str) -> Result<()> {
        if states.is_empty() {
            return Ok(());
        }
        let mut batch = Vec::with_capacity(states.len() + 1);
        batch.push(Op::Remove(summary_key(book)));
        for (d, state, light) in states {
            batch.push(Op::Insert(
                key(&[book.as_bytes(), date_key(d).as_bytes()]),
                encode(&CachedChain {
                    fingerprint: fingerprint.to_string(),
                    state,
                    light,
                    stamps: STAMP_FORM,
                }),
            ));
        }
        self.kv.apply(Tree::Chain, batch)
    }

    /// The book's summary for a firm's list, when one is kept in this binary's form.
    pub fn book_summary(&self, book: &str) -> Result<Option<BookSummary>> {
        let k = summary_key(book);
        let Some(v) = self.kv.get(Tree::Chain, &k)? else {
            return Ok(None);
        };
        Ok(miss_if_unreadable(&k, decode::<BookSummary>(&k, &v).map(Some)).filter(|s| s.form == SUMMARY_FORM))
    }

    /// Keep a book's summary beside its chain.
    pub fn put_book_summary(&self, book: &str, summary: &BookSummary) -> Result<()> {
        self.kv.insert(Tree::Chain, &summary_key(book), &encode(summary))
    }

    /// The listed form of a book's days `from` through `to` as kept with the chain, under
    /// this config; a day without one (not kept, or not ended when it was built) is absent.
    pub fn listed_between(
        &self,
        book: &str,
        from: NaiveDate,
        to: NaiveDate,
        fingerprint: &str,
    ) -> Result<std::collections::BTreeMap<NaiveDate, (DayView, u64)>> {
        let mut out = std::collections::BTreeMap::new();
        for item in self.book_days(Tree::Chain, book, from, to) {
            let (day, k, v) = item?;
            let Some(cached) = miss_if_unreadable(&k, decode::<CachedChain>(&k, &v).map(Some)) else {
                continue;
            };
            if let (true, Some(light)) = (
                cached.fingerprint == fingerprint && cached.stamps == STAMP_FORM,
                cached.light,
            ) {
                out.insert(day, light);
            }
        }
        Ok(out)
    }
}

/// The key of a book's summary: after every date of the book (`~` sorts after digits), so
/// that dropping the chain from any day on drops it too.
fn summary_key(book: &str) -> Vec<u8> {
    key(&[book.as_bytes(), b"~summary"])
}
