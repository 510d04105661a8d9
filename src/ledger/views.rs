//! From documents to day figures to views: each day's figures built from its documents
//! (cached per day, beside the store's date index), the days chained into the book's
//! views (R5), and each book's chain kept so that a range of days is read, not rebuilt. The
//! store keeps what is cached (`store/cache.rs`); this is the one read path that uses it.

use super::*;

/// What a firm's list needs of an ended day ([`Ledger::day_facts`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayFact {
    pub date: NaiveDate,
    pub status: Status,
    /// It waits for its data (not overdue for that).
    pub awaits_data: bool,
    /// A blocker a person must lift (not "not ended" or "waiting for its data").
    pub blocked: bool,
    /// Confirmed, and its documents changed since (R10).
    pub drift: bool,
}

impl DayFact {
    fn byte(&self) -> u8 {
        let status = match self.status {
            Status::Empty => 0,
            Status::Proposed => 1,
            Status::Confirmed => 2,
            Status::Centralised => 3,
        };
        status | u8::from(self.awaits_data) << 2 | u8::from(self.blocked) << 3 | u8::from(self.drift) << 4
    }

    fn from_byte(date: NaiveDate, b: u8) -> DayFact {
        DayFact {
            date,
            status: [Status::Empty, Status::Proposed, Status::Confirmed, Status::Centralised][usize::from(b & 3)],
            awaits_data: b & 4 != 0,
            blocked: b & 8 != 0,
            drift: b & 16 != 0,
        }
    }
}

impl Ledger {
    /// The figures of a day, from the cache when the documents and config are unchanged.
    pub fn figures(&self, book: &DayBook, date: NaiveDate) -> Result<DayFigures> {
        if let Some(f) = self.store.cached_figures(&book.code, date, &self.fingerprint)? {
            return Ok(f);
        }
        let docs = self.store.documents_on(&book.source, date)?;
        let f = build_day(&self.config, book, &docs);
        self.store.cache_figures(&book.code, date, &self.fingerprint, &f)?;
        Ok(f)
    }

    /// The figures of many days, given to `each` in date order a few days at a time as they
    /// are built on every core: each worker takes the next few days not taken yet, reads
    /// their cached figures in one range, builds the others from their documents (one scan
    /// of the date index) and caches them in one write (a day is built from its own
    /// documents only). The calling thread meanwhile gives `each` what is ready, so the
    /// chain laid there keeps pace with the workers instead of waiting for the last day.
    pub fn each_figures(
        &self,
        book: &DayBook,
        days: &[NaiveDate],
        each: &mut dyn FnMut(Vec<(NaiveDate, DayFigures)>) -> Result<()>,
    ) -> Result<()> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        // Few enough days at a time that the last ones do not leave a core idle.
        const TAKE: usize = 8;
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
        if days.len() < 2 * TAKE {
            // A week or two: one range read, one scan and one write.
            return each(self.figures_share(book, days)?);
        }
        if threads < 2 {
            return days
                .chunks(TAKE)
                .try_for_each(|piece| each(self.figures_share(book, piece)?));
        }
        let pieces: Vec<&[NaiveDate]> = days.chunks(TAKE).collect();
        let next = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::channel();
            for _ in 0..threads {
                let tx = tx.clone();
                let (next, pieces) = (&next, &pieces);
                scope.spawn(move || {
                    while let Some(piece) = pieces.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let figures = self.figures_share(book, piece);
                        let failed = figures.is_err();
                        // The receiver gone (it met an error) or an error here: stop.
                        if tx.send((piece[0], figures)).is_err() || failed {
                            break;
                        }
                    }
                });
            }
            drop(tx);
            // Pieces arrive in any order; each is given on once those before it were.
            let mut waiting = BTreeMap::new();
            let mut given = 0;
            for (first, figures) in rx {
                waiting.insert(first, figures?);
                while let Some(figures) = pieces.get(given).and_then(|p| waiting.remove(&p[0])) {
                    each(figures)?;
                    given += 1;
                }
            }
            Ok(())
        })
    }

    /// The figures of some days of a book in date order; those not cached yet are built
    /// and cached.
    fn figures_share(&self, book: &DayBook, days: &[NaiveDate]) -> Result<Vec<(NaiveDate, DayFigures)>> {
        let (Some(&first), Some(&last)) = (days.first(), days.last()) else {
            return Ok(Vec::new());
        };
        let mut cached = self
            .store
            .cached_figures_between(&book.code, first, last, &self.fingerprint)?;
        let missing: BTreeSet<NaiveDate> = days.iter().copied().filter(|d| !cached.contains_key(d)).collect();
        // Each missing day is built as its documents are read, into slots the next day
        // reuses: the share never holds more than one day's documents.
        let mut built = BTreeMap::new();
        if let (Some(&a), Some(&b)) = (missing.first(), missing.last()) {
            self.store
                .each_day_documents(&book.source, a, b, &|d| missing.contains(&d), &mut |d, docs| {
                    built.insert(d, build_day(&self.config, book, docs));
                    Ok(())
                })?;
        }
        let mut figures = Vec::with_capacity(days.len());
        let mut new = Vec::with_capacity(missing.len());
        for d in days {
            let f = match cached.remove(d) {
                Some(f) => f,
                None => {
                    new.push(figures.len());
                    built.remove(d).unwrap_or_else(|| build_day(&self.config, book, &[]))
                }
            };
            figures.push((*d, f));
        }
        let new: Vec<(NaiveDate, &DayFigures)> = new.iter().map(|&i| (figures[i].0, &figures[i].1)).collect();
        self.store.cache_figures_many(&book.code, &self.fingerprint, &new)?;
        Ok(figures)
    }

    /// The last day R3 fills: yesterday.
    pub fn yesterday(&self) -> NaiveDate {
        self.today - Duration::days(1)
    }

    /// Every day of a book from its start through `through` (default yesterday), chained.
    pub fn views(&self, book_code: &str, through: Option<NaiveDate>) -> Result<Vec<DayView>> {
        let book = self.book(book_code)?;
        let last = through.unwrap_or_else(|| self.yesterday());
        let outside = self.outside(book)?;
        self.build_days(
            book,
            book.start,
            last,
            ChainState::opening(&self.config, book),
            &outside,
        )
    }

    /// Which days of a book still wait for their data (decision 73): for a connector, those
    /// after the last day its last successful run's window reached past; for a file source
    /// with `complete = "later_document"`, those from the latest document's day on. `None`
    /// when every ended day is whole (and for a file source by default: the person chose
    /// what to import).
    pub fn awaited(&self, book: &DayBook) -> Result<Option<Awaited>> {
        let Some(source) = self.config.sources.iter().find(|s| s.name == book.source) else {
            return Ok(None);
        };
        let tz = self.config.dossier.calendar.timezone;
        let awaited = match source.kind {
            SourceKind::File => {
                if source.settings.get("complete").map(String::as_str) != Some(LATER_DOCUMENT) {
                    return Ok(None);
                }
                let last = self.store.last_document_date(&source.name)?;
                Awaited {
                    source: source.name.clone(),
                    complete_through: last.map(|d| d - Duration::days(1)),
                    last_run: last.map(|d| d.to_string()),
                    later_document: true,
                }
            }
            _ => {
                let done = self.store.source_complete(&source.name)?;
                Awaited {
                    source: source.name.clone(),
                    complete_through: done.as_ref().map(|d| d.through),
                    last_run: done.map(|d| d.at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()),
                    later_document: false,
                }
            }
        };
        Ok(awaited
            .complete_through
            .is_none_or(|c| c < self.yesterday())
            .then_some(awaited))
    }

    /// What a book's views need besides the documents and the day records: where its data
    /// is whole, and the documents its source holds for a decision.
    pub fn outside(&self, book: &DayBook) -> Result<Outside> {
        let mut held: BTreeMap<NaiveDate, Vec<_>> = BTreeMap::new();
        for h in self.store.held_documents()? {
            if let (true, Some(d)) = (h.source == book.source, h.date) {
                held.entry(d).or_default().push(h);
            }
        }
        Ok(Outside {
            awaited: self.awaited(book)?,
            held,
        })
    }

    /// What the kept chain of a book was built under: the config, where the book's data was
    /// whole and what was held (a day listed while it waited is listed again once it came).
    fn chain_mark(&self, outside: &Outside) -> String {
        use sha2::Digest;
        let mut mark = self.fingerprint.clone();
        if let Some(a) = &outside.awaited {
            let whole = a.complete_through.map_or_else(|| "none".to_string(), |d| d.to_string());
            mark.push_str(&format!("|whole:{whole}"));
        }
        if !outside.held.is_empty() {
            let mut h = sha2::Sha256::new();
            for doc in outside.held.values().flatten() {
                h.update(crate::store::state_value(doc));
            }
            let digest = h.finalize();
            mark.push_str("|held:");
            mark.push_str(&hex::encode(&digest[..8]));
        }
        mark
    }

    /// The views of `a` through `b` continuing from `state`, the close of the day before `a`.
    fn build_days(
        &self,
        book: &DayBook,
        a: NaiveDate,
        b: NaiveDate,
        state: ChainState,
        outside: &Outside,
    ) -> Result<Vec<DayView>> {
        let records = self.store.day_records_apart_between(&book.code, a, b)?;
        let mut views = Vec::new();
        let mut state = state;
        self.each_figures(book, &dates(a, b).collect::<Vec<_>>(), &mut |figures| {
            // A confirmed day's frozen figures are its current ones unless its documents
            // changed since (drift) or a part was confirmed before the other: read only then.
            let mut differing = BTreeMap::new();
            for (d, f) in &figures {
                if let Some((_, Some(digest))) = records.get(d) {
                    if crate::store::figures_digest(f) != *digest {
                        differing.insert(*d, self.store.frozen_figures(&book.code, *d, digest)?);
                    }
                }
            }
            let inputs: Vec<DayInput> = figures
                .iter()
                .map(|(d, f)| {
                    let record = records.get(d);
                    DayInput {
                        date: *d,
                        figures: f,
                        record: record.map(|(r, _)| r),
                        frozen_figures: match record {
                            Some((_, Some(_))) => Some(differing.get(d).unwrap_or(f)),
                            _ => None,
                        },
                    }
                })
                .collect();
            let built = build_views_from(&self.config, book, &inputs, self.today, state.clone(), outside);
            if let Some(last) = built.last() {
                state = ChainState::after(last);
            }
            views.extend(built);
            Ok(())
        })?;
        Ok(views)
    }

    /// The views of one book's days `from` through `to`, built from where the book stood at
    /// the close of the day before (kept in the store): the cost follows the days asked
    /// for, not the years before them. Only days whose own inputs, or those of a day before
    /// them, changed since they were last built are built again.
    pub fn views_between(&self, book_code: &str, from: NaiveDate, to: NaiveDate) -> Result<Vec<DayView>> {
        let mut out = Vec::new();
        self.views_kept(book_code, from, to, true, &mut |views| {
            out.extend(views);
            Ok(())
        })?;
        Ok(out)
    }

    /// The views of [`Ledger::views_between`] given to `each` a part (a quarter) at a time,
    /// in order: a run of years is never held whole. What is built is not kept: for an
    /// action about to change these days (a confirmation, which drops the kept chain from
    /// its first day on), and for `check`, which builds the book from its first day.
    pub fn each_view_to_change(
        &self,
        book_code: &str,
        from: NaiveDate,
        to: NaiveDate,
        mut each: impl FnMut(Vec<DayView>) -> Result<()>,
    ) -> Result<()> {
        self.views_kept(book_code, from, to, false, &mut each)
    }

    fn views_kept(
        &self,
        book_code: &str,
        from: NaiveDate,
        to: NaiveDate,
        keep: bool,
        each: &mut dyn FnMut(Vec<DayView>) -> Result<()>,
    ) -> Result<()> {
        let book = self.book(book_code)?;
        let from = from.max(book.start);
        if from > to {
            return Ok(());
        }
        let outside = self.outside(book)?;
        let mark = self.chain_mark(&outside);
        let (start, state) = match self.store.chain_before(&book.code, from, &mark)? {
            Some((day, state)) if day >= book.start => (day + Duration::days(1), state),
            found => {
                if found.is_some() {
                    // Made under another config or mapping: none of the book's states hold.
                    self.store.invalidate_chain(&book.code, book.start)?;
                }
                (book.start, ChainState::opening(&self.config, book))
            }
        };
        // Days already kept (a range inside what was built before) are not written again.
        let kept = self
            .store
            .chain_before(&book.code, to + Duration::days(1), &mark)?
            .map(|(d, _)| d)
            .filter(|d| *d >= start);
        // Built a part at a time, each continuing where the one before closed: reaching a
        // far `from` (or keeping ten years after an import) holds one part in memory.
        const PART_DAYS: i64 = 92;
        let mut state = state;
        let mut a = start;
        while a <= to {
            let b = (a + Duration::days(PART_DAYS - 1)).min(to);
            let views = self.build_days(book, a, b, state, &outside)?;
            // What was built to reach `from` is kept, so the next range starts where this ends.
            if keep {
                let states: Vec<crate::store::KeptDay> = views
                    .iter()
                    .filter(|v| kept.is_none_or(|k| v.date > k))
                    .map(|v| self.kept_day(v))
                    .collect();
                self.store.put_chain(&book.code, states, &mark)?;
            }
            state = views.last().map(ChainState::after).unwrap_or_default();
            let asked: Vec<DayView> = views.into_iter().filter(|v| v.date >= from).collect();
            if !asked.is_empty() {
                each(asked)?;
            }
            a = b + Duration::days(1);
        }
        Ok(())
    }

    /// What the chain keeps of a built day: where it closes, and for an ended day its
    /// listed form (a day not ended yet changes with the clock).
    fn kept_day(&self, v: &DayView) -> crate::store::KeptDay {
        let listed = (v.date < self.today).then(|| {
            let light = v.clone().light();
            let stamp = crate::domain::book::view_stamp(&light);
            (light, stamp)
        });
        (v.date, ChainState::after(v), listed)
    }

    /// What a firm's list needs of each ended day of a book, from its start through
    /// yesterday: one record kept beside the chain while the chain is unchanged, else read
    /// from the listed days (and kept for the next time; a store that may not be written
    /// is read the long way each time).
    pub fn day_facts(&self, book_code: &str) -> Result<Vec<DayFact>> {
        let book = self.book(book_code)?;
        let last = self.yesterday();
        if book.start > last {
            return Ok(Vec::new());
        }
        let mark = self.chain_mark(&self.outside(book)?);
        let span = (last - book.start).num_days() as usize + 1;
        if let Some(s) = self.store.book_summary(&book.code)? {
            if s.mark == mark && s.from == book.start && s.days.len() == span {
                return Ok(s
                    .days
                    .iter()
                    .enumerate()
                    .map(|(i, b)| DayFact::from_byte(book.start + Duration::days(i as i64), *b))
                    .collect());
            }
        }
        let facts: Vec<DayFact> = self
            .light_views_between(book_code, book.start, last)?
            .iter()
            .map(|v| DayFact {
                date: v.date,
                status: v.status,
                awaits_data: v.awaits_data(),
                blocked: v.blocked_for_a_person(),
                drift: v.drift.is_some(),
            })
            .collect();
        // Reading the days lays the chain where it was not, under this same mark.
        if facts.len() == span && !self.store.is_read_copy() {
            let summary = crate::store::BookSummary {
                form: crate::store::SUMMARY_FORM,
                mark,
                from: book.start,
                days: facts.iter().map(DayFact::byte).collect(),
            };
            if let Err(e) = self.store.put_book_summary(&book.code, &summary) {
                tracing::debug!("the book's summary was not kept: {e}");
            }
        }
        Ok(facts)
    }

    /// The days `from` through `to` as a list of many days shows them ([`DayView::light`]),
    /// read from the kept chain where it holds them: a screen's list of ten years reads
    /// the small listed form of each day, not its figures.
    pub fn light_views_between(&self, book_code: &str, from: NaiveDate, to: NaiveDate) -> Result<Vec<DayView>> {
        let book = self.book(book_code)?;
        let from = from.max(book.start);
        let last = to.min(self.yesterday());
        let mut out = Vec::new();
        if from <= last {
            // The kept chain reaches `last` (built where it did not).
            self.views_between(book_code, last, last)?;
            let mark = self.chain_mark(&self.outside(book)?);
            let mut kept = self.store.listed_between(&book.code, from, last, &mark)?;
            let mut d = from;
            while d <= last {
                if let Some((mut v, stamp)) = kept.remove(&d) {
                    v.overdue = v.status == Status::Proposed
                        && !v.awaits_data()
                        && (self.today - d).num_days() > i64::from(book.overdue_days);
                    v.stamp = Some(stamp);
                    out.push(v);
                    d += Duration::days(1);
                    continue;
                }
                // Days without their listed form (kept before they ended, or by an earlier
                // version): built once more, and kept with it from now on.
                let mut z = d;
                while z < last && !kept.contains_key(&(z + Duration::days(1))) && (z - d).num_days() < 91 {
                    z += Duration::days(1);
                }
                let views = self.views_between(book_code, d, z)?;
                let states = views.iter().map(|v| self.kept_day(v)).collect();
                self.store.put_chain(&book.code, states, &mark)?;
                out.extend(views.into_iter().map(DayView::light));
                d = z + Duration::days(1);
            }
        }
        let rest = from.max(last + Duration::days(1));
        if rest <= to {
            out.extend(self.views_between(book_code, rest, to)?.into_iter().map(DayView::light));
        }
        Ok(out)
    }

    /// Build what changed (new documents, a confirmation) through yesterday now, so the
    /// next listing or screen reads the days it asks for instead of building them.
    pub fn keep_chain_current(&self) -> Result<()> {
        let yesterday = self.yesterday();
        for b in &self.config.daybooks {
            if b.start <= yesterday {
                self.views_between(&b.code, yesterday, yesterday)?;
            }
        }
        Ok(())
    }

    /// Views of every book, in config order.
    pub fn all_views(&self, through: Option<NaiveDate>) -> Result<Vec<DayView>> {
        let mut out = Vec::new();
        for b in &self.config.daybooks {
            out.extend(self.views(&b.code, through)?);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A summary's byte says back every fact of the day it was made from.
    #[test]
    fn a_day_fact_reads_back_from_its_byte() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        for status in [Status::Empty, Status::Proposed, Status::Confirmed, Status::Centralised] {
            for flags in 0..8u8 {
                let fact = DayFact {
                    date,
                    status,
                    awaits_data: flags & 1 != 0,
                    blocked: flags & 2 != 0,
                    drift: flags & 4 != 0,
                };
                assert_eq!(DayFact::from_byte(date, fact.byte()), fact);
            }
        }
    }
}
