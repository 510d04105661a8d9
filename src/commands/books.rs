//! The commands that read and change the books: import, days, held documents, invoices,
//! edits, confirmations, mappings, centralisation, check and the audit log.

use super::*;

pub(super) fn import(ledger: &mut Ledger, source: Option<String>, files: &[PathBuf]) -> Result<u8, LedgerError> {
    let source = match source {
        Some(s) => {
            ledger
                .config
                .source(&s)
                .ok_or_else(|| LedgerError::Refused(crate::text!("unknown-source", source = format!("{s:?}"))))?;
            s
        }
        None => {
            let files: Vec<_> = ledger
                .config
                .sources
                .iter()
                .filter(|s| s.kind == SourceKind::File)
                .collect();
            match files.as_slice() {
                [one] => one.name.clone(),
                [] => return Err(LedgerError::Refused(crate::text!("import-no-file-source"))),
                _ => {
                    return Err(LedgerError::Refused(crate::text!(
                        "import-several-file-sources",
                        sources = files.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", ")
                    )))
                }
            }
        }
    };
    let author = crate::os_user();
    crate::map_big_blocks_apart();
    for path in files {
        let bar = progress_bar(path);
        let report = ledger.import_file(&source, path, &author, |n| {
            if let Some(b) = &bar {
                b.set_position(n);
            }
        });
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        let report = report?;
        let c = &report.counts;
        // The batch is committed: it is said first, whatever happens after it (a database
        // that goes away now must not make kept work look lost).
        say!(
            "{}",
            tr!(
                "import-done",
                file = path.display(),
                new = c.new,
                changed = c.changed,
                unchanged = c.unchanged,
                voided = c.voided,
                batch = report.batch
            )
        );
        let after = (|| {
            let auto = ledger.confirm_immediate()?;
            let debtors = ledger.register_due_debtors(&author)?;
            ledger.keep_chain_current()?;
            Ok::<_, LedgerError>((auto, debtors))
        })();
        let (auto, debtors) = after.map_err(|e| {
            LedgerError::Refused(crate::text!(
                "import-committed-then",
                batch = report.batch,
                reason = e.to_string()
            ))
        })?;
        if !auto.confirmed.is_empty() {
            say!("{}", tr!("import-immediate", count = auto.confirmed.len()));
        }
        if debtors > 0 {
            say!("{}", tr!("import-debtors", count = debtors));
        }
    }
    Ok(OK)
}

pub(super) fn progress_bar(path: &Path) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template(&format!(
            "{{spinner}} {{msg}} {{pos}} {} ({{per_sec}})",
            tr!("word-documents")
        ))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar.set_message(path.display().to_string());
    Some(bar)
}

/// The last day a listing shows: `--to`, else yesterday (R3 fills the days through it).
pub(super) fn last_day(ledger: &Ledger, to: Option<NaiveDate>) -> NaiveDate {
    to.unwrap_or_else(|| ledger.yesterday())
}

/// The books a command is about: one (`--book`), or all in config order.
pub(super) fn books_of<'a>(ledger: &'a Ledger, book: Option<&str>) -> Result<Vec<&'a str>, LedgerError> {
    match book {
        Some(b) => Ok(vec![ledger.book(b)?.code.as_str()]),
        None => Ok(ledger.config.daybooks.iter().map(|b| b.code.as_str()).collect()),
    }
}

/// The views of `from` through `to` (each book from its own start), by date then book.
pub(super) fn selected_views(
    ledger: &Ledger,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    book: Option<&str>,
) -> Result<Vec<DayView>, LedgerError> {
    let last = last_day(ledger, to);
    let mut views = Vec::new();
    for b in books_of(ledger, book)? {
        let start = ledger.book(b)?.start;
        views.extend(ledger.views_between(b, from.unwrap_or(start).max(start), last)?);
    }
    views.sort_by(|a, b| (a.date, &a.book).cmp(&(b.date, &b.book)));
    Ok(views)
}

/// The same views a part at a time, in order: a listing of ten years holds one part in
/// memory, not ten years (each part continues the chain where the one before ended). With
/// `light`, each day in its listed form ([`DayView::light`]: its totals, closings, status
/// and blockers, not its lines), read from the kept chain where it holds them: a listing of
/// ten confirmed years does not read every day's frozen record.
pub(super) fn each_view(
    ledger: &Ledger,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    book: Option<&str>,
    light: bool,
    mut each: impl FnMut(&DayView) -> Result<(), LedgerError>,
) -> Result<(), LedgerError> {
    let part_of = |a: NaiveDate, b: NaiveDate| -> Result<Vec<DayView>, LedgerError> {
        if !light {
            return selected_views(ledger, Some(a), Some(b), book);
        }
        let mut views = Vec::new();
        for code in books_of(ledger, book)? {
            views.extend(ledger.light_views_between(code, a, b)?);
        }
        views.sort_by(|x, y| (x.date, &x.book).cmp(&(y.date, &y.book)));
        Ok(views)
    };
    const PART_DAYS: i64 = 92;
    let books = books_of(ledger, book)?;
    let Some(first) = books.iter().filter_map(|b| ledger.book(b).ok()).map(|b| b.start).min() else {
        return Ok(());
    };
    let last = last_day(ledger, to);
    let mut a = from.unwrap_or(first).max(first);
    while a <= last {
        let b = (a + chrono::Duration::days(PART_DAYS - 1)).min(last);
        let part = part_of(a, b)?;
        for v in &part {
            each(v)?;
        }
        a = b + chrono::Duration::days(1);
    }
    Ok(())
}

/// Write a JSON array one element at a time, byte for byte what
/// `serde_json::to_writer_pretty` writes for the whole array.
pub(super) struct PrettyArray<W: Write> {
    out: W,
    count: usize,
}

impl<W: Write> PrettyArray<W> {
    pub(super) fn new(out: W) -> PrettyArray<W> {
        PrettyArray { out, count: 0 }
    }

    pub(super) fn push<T: serde::Serialize>(&mut self, value: &T) -> std::io::Result<()> {
        let text = serde_json::to_string_pretty(value).map_err(std::io::Error::from)?;
        self.out.write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
        for (i, line) in text.lines().enumerate() {
            if i > 0 {
                self.out.write_all(b"\n")?;
            }
            self.out.write_all(b"  ")?;
            self.out.write_all(line.as_bytes())?;
        }
        self.count += 1;
        Ok(())
    }

    pub(super) fn finish(mut self) -> std::io::Result<W> {
        self.out.write_all(if self.count == 0 { b"[]" } else { b"\n]" })?;
        Ok(self.out)
    }
}

pub(super) fn days(
    ledger: &Ledger,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
    json: bool,
    book: Option<&str>,
) -> Result<u8, LedgerError> {
    let out = std::io::stdout().lock();
    // Streamed: ten years of days are a large text, never held whole in memory.
    let mut w = std::io::BufWriter::with_capacity(1 << 16, out);
    if json {
        let mut array = PrettyArray::new(&mut w);
        each_view(ledger, from, to, book, false, |v| array.push(v).map_err(stdout_failed))?;
        array
            .finish()
            .and_then(|w| writeln!(w))
            .and_then(|_| w.flush())
            .map_err(stdout_failed)?;
        return Ok(OK);
    }
    let lang = i18n::current();
    say_to!(
        w,
        "{} {} {} {} {} {}  {}",
        pad(tr!("col-date"), 15),
        pad(tr!("col-book"), 6),
        pad(tr!("col-status"), 16),
        right(tr!("col-turnover"), 14),
        right(tr!("col-payments"), 14),
        right(tr!("col-cash"), 14),
        tr!("col-blockers")
    );
    let mut last: Option<(NaiveDate, rust_decimal::Decimal, rust_decimal::Decimal)> = None;
    each_view(ledger, from, to, book, true, |v| {
        let cash: rust_decimal::Decimal = v.cash.iter().map(|j| j.closing).sum();
        let mut status = crate::i18n::words::status(v.status);
        if v.overdue {
            status.push('!');
        }
        let blockers: Vec<String> = v
            .blockers
            .iter()
            .map(|b| crate::i18n::words::describe(b, &lang))
            .collect();
        say_to!(
            w,
            "{} {} {} {} {} {}  {}",
            pad(lang.date(v.date), 15),
            pad(v.book.clone(), 6),
            pad(status, 16),
            right(lang.money(v.turnover), 14),
            right(lang.money(v.payments), 14),
            right(
                if v.cash.is_empty() {
                    "-".to_string()
                } else {
                    lang.money(cash)
                },
                14
            ),
            blockers.join("; ")
        );
        last = Some((v.date, v.open_prepaid, v.open_vouchers));
        Ok(())
    })?;
    if let Some((date, prepaid, vouchers)) = last {
        say_to!(
            w,
            "{}",
            tr!(
                "days-open-balances",
                prepaid = lang.money(prepaid),
                vouchers = lang.money(vouchers),
                date = lang.date(date)
            )
        );
    }
    w.flush().map_err(stdout_failed)?;
    Ok(OK)
}

/// `dagkas held`: what the POS sent that the book could not take, and the decisions on it.
pub(super) fn held(ledger: &mut Ledger, json: bool, action: Option<crate::cli::HeldAction>) -> Result<u8, LedgerError> {
    use crate::cli::HeldAction;
    use crate::domain::held::Choice;
    let lang = i18n::current();
    if let Some(action) = action {
        let (d, choice) = match action {
            HeldAction::Book(d) => (d, Choice::Book),
            HeldAction::LeaveOut(d) => (d, Choice::LeaveOut),
        };
        let h = ledger.decide_held(&d.source, &d.id, choice, &d.reason, &d.who.name())?;
        let date = h.date.map(|d| lang.day(d)).unwrap_or_else(|| "?".into());
        match choice {
            Choice::Book => say!("{}", tr!("held-decided-book", what = h.what, id = h.id, date = date)),
            _ => say!("{}", tr!("held-decided-leave-out", what = h.what, id = h.id)),
        }
        return Ok(OK);
    }
    let list = ledger.held()?;
    let mut out = std::io::stdout().lock();
    if json {
        say_to!(
            out,
            "{}",
            serde_json::to_string_pretty(&list).expect("held documents serialise")
        );
        return Ok(OK);
    }
    if list.is_empty() {
        say_to!(out, "{}", tr!("held-none"));
        return Ok(OK);
    }
    say_to!(
        out,
        "{} {} {} {} {}  {}",
        pad(tr!("col-date"), 10),
        pad(tr!("col-held-document"), 24),
        right(tr!("col-incl"), 12),
        right(tr!("col-paid"), 12),
        pad(tr!("col-decision"), 10),
        tr!("col-reason")
    );
    for h in &list {
        say_to!(
            out,
            "{} {} {} {} {}  {}",
            pad(h.date.map(|d| lang.day(d)).unwrap_or_else(|| "?".into()), 10),
            pad(crate::terminal_safe(&format!("{}/{} {}", h.source, h.what, h.id)), 24),
            right(h.turnover.map(|d| lang.money(d)).unwrap_or_default(), 12),
            right(h.payments.map(|d| lang.money(d)).unwrap_or_default(), 12),
            pad(
                h.decision
                    .as_ref()
                    .map(|d| d.choice.as_str().to_string())
                    .unwrap_or_else(|| "—".into()),
                10
            ),
            crate::terminal_safe(&h.reason)
        );
    }
    Ok(OK)
}

pub(super) fn invoices(
    ledger: &mut Ledger,
    json: bool,
    book: Option<&str>,
    action: Option<InvoiceAction>,
) -> Result<u8, LedgerError> {
    match action {
        Some(InvoiceAction::Ignore { id, reason, who }) => {
            ledger.ignore_invoice(&id, &reason, &who.name())?;
            say!("{}", tr!("invoice-ignored-done", id = id));
            return Ok(OK);
        }
        Some(InvoiceAction::Date { ids, date, reason, who }) => {
            ledger.set_booking_date(&ids, date, &reason, &who.name())?;
            say!(
                "{}",
                tr!("invoice-booking-date", date = i18n::day(date), count = ids.len())
            );
            return Ok(OK);
        }
        None => {}
    }
    if !ledger.store.is_read_copy() {
        ledger.register_due_debtors(&crate::os_user())?;
    }
    let list = ledger.invoices(book)?;
    let mut out = std::io::stdout().lock();
    if json {
        say_to!(
            out,
            "{}",
            serde_json::to_string_pretty(&list).expect("invoices serialise")
        );
        return Ok(OK);
    }
    let lang = i18n::current();
    say_to!(
        out,
        "{} {} {} {} {} {} {}  {}",
        pad(tr!("col-invoice"), 14),
        pad(tr!("col-date"), 10),
        pad(tr!("col-booking"), 10),
        pad(tr!("col-debtor"), 6),
        pad(tr!("col-name"), 24),
        right(tr!("col-incl"), 12),
        right(tr!("col-paid"), 12),
        tr!("col-status")
    );
    for i in &list {
        say_to!(
            out,
            "{} {} {} {} {} {} {}  {}{}",
            pad(i.id.clone(), 14),
            pad(lang.day(i.date), 10),
            pad(lang.day(i.booking_date), 10),
            pad(i.debtor.number.clone(), 6),
            pad(i.debtor.name.chars().take(24).collect::<String>(), 24),
            right(lang.money(i.incl), 12),
            right(lang.money(i.paid), 12),
            crate::i18n::words::invoice(i.status),
            i.ignored
                .as_ref()
                .map(|n| format!(
                    " ({})",
                    tr!(
                        "invoice-ignored-by",
                        date = lang.day(n.at.date_naive()),
                        author = n.author,
                        reason = n.reason
                    )
                ))
                .unwrap_or_default()
        );
    }
    Ok(OK)
}

pub(super) fn edit(
    ledger: &mut Ledger,
    date: NaiveDate,
    book: &str,
    sets: &[String],
    reason: &str,
    author: &str,
) -> Result<u8, LedgerError> {
    let parsed: Result<Vec<_>, String> = sets.iter().map(|s| crate::cli::parse_set(s)).collect();
    let parsed = parsed.map_err(|e| LedgerError::Refused(e.into()))?;
    ledger.edit(book, date, &parsed, reason, author)?;
    say!(
        "{}",
        tr!("edited", date = i18n::day(date), book = book, lines = sets.join(", "))
    );
    Ok(OK)
}

pub(super) fn confirm(
    ledger: &mut Ledger,
    through: NaiveDate,
    book: Option<&str>,
    author: &str,
) -> Result<u8, LedgerError> {
    let outcome = ledger.confirm_through(book, through, author)?;
    match (outcome.confirmed.first(), outcome.confirmed.last()) {
        (Some(first), Some(last)) => say!(
            "{}",
            tr!(
                "confirmed-through",
                count = outcome.confirmed.len(),
                first = i18n::day(first.1),
                last = i18n::day(last.1)
            )
        ),
        _ => say!("{}", tr!("confirm-nothing")),
    }
    for s in &outcome.stopped {
        tell!(
            "{}",
            tr!("stopped-at", book = s.book, date = i18n::day(s.date), reason = s.reason)
        );
    }
    for w in &outcome.warnings {
        tell!("{}", tr!("warning", text = w));
    }
    Ok(if outcome.stopped.is_empty() { OK } else { STOPPED })
}

pub(super) fn map(ledger: &mut Ledger, book: &str, mapping: &str, author: &str) -> Result<u8, LedgerError> {
    let bad = || LedgerError::Refused(crate::text!("map-usage", mapping = format!("{mapping:?}")));
    let (kind, rest) = mapping.split_once(':').ok_or_else(bad)?;
    let (code, target) = rest.rsplit_once('=').ok_or_else(bad)?;
    ledger.map_code(book, kind, code, target, author)?;
    say!("{}", crate::i18n::words::mapped(kind, code, target, Some(book)));
    Ok(OK)
}

pub(super) fn centralise(ledger: &mut Ledger, through: NaiveDate, author: &str) -> Result<u8, LedgerError> {
    let (n, stops) = ledger.centralise(through, author)?;
    say!("{}", tr!("centralised", count = n));
    for s in &stops {
        tell!(
            "{}",
            tr!("stopped-at", book = s.book, date = i18n::day(s.date), reason = s.reason)
        );
    }
    Ok(if stops.is_empty() { OK } else { STOPPED })
}

pub(super) fn check(ledger: &Ledger) -> Result<u8, LedgerError> {
    let report = ledger.check()?;
    for w in &report.warnings {
        say!("{}", tr!("warning", text = format!("{}: {}", w.what, w.message)));
    }
    for p in &report.problems {
        say!("{}", tr!("problem", text = format!("{}: {}", p.what, p.message)));
    }
    if report.problems.is_empty() {
        say!("{}", tr!("check-ok", count = report.warnings.len()));
        Ok(OK)
    } else {
        say!("{}", tr!("check-problems", count = report.problems.len()));
        Ok(FAILED)
    }
}

pub(super) fn audit(ledger: &Ledger, json: bool) -> Result<u8, LedgerError> {
    let entries = ledger.store.audit_entries()?;
    let mut out = std::io::stdout().lock();
    if json {
        say_to!(
            out,
            "{}",
            serde_json::to_string_pretty(&entries).expect("entries serialise")
        );
        return Ok(OK);
    }
    for e in entries {
        say_to!(
            out,
            "{:>5} {} {:<12} {:<12} {}{}",
            e.seq,
            e.at.format("%Y-%m-%d %H:%M:%S"),
            e.author,
            e.action,
            e.reason.as_deref().map(|r| format!("\"{r}\" ")).unwrap_or_default(),
            e.detail
        );
    }
    Ok(OK)
}
