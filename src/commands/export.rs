//! `dagkas export`: the book in each format, to a file written whole or to standard output.

use super::*;

pub(super) fn export(
    ledger: &Ledger,
    format: ExportFormat,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
    out: Option<&Path>,
    with_invoices: bool,
) -> Result<u8, LedgerError> {
    // The register is read only by the formats that book invoices (csv when asked).
    let needs_invoices = !matches!(format, ExportFormat::Csv | ExportFormat::Yuki) || with_invoices;
    let invoices: Vec<_> = if needs_invoices {
        ledger.invoices(None)?
    } else {
        Vec::new()
    }
    .into_iter()
    .filter(|i| from.is_none_or(|f| i.booking_date >= f) && to.is_none_or(|t| i.booking_date <= t))
    .collect();
    let config = &ledger.config;
    let parts = ExportParts::new(ledger, from, to, &invoices);
    match format {
        // Written a part of the days at a time: ten years never stand whole in memory.
        ExportFormat::Csv => {
            let mut sink = Sink::open(out)?;
            sink.write(&format!("{}\n", crate::export::csv::HEADER))?;
            parts.each(|days, invoices| sink.write(&crate::export::csv::render_rows(config, days, invoices)))?;
            sink.finish()?;
        }
        ExportFormat::Hledger => {
            let mut sink = Sink::open(out)?;
            sink.write(&crate::export::hledger::render_head(config, &invoices))?;
            let mut opened = std::collections::BTreeSet::new();
            parts.each(|days, _| sink.write(&crate::export::hledger::render_days(config, days, &mut opened)))?;
            sink.finish()?;
        }
        ExportFormat::Yuki => {
            // One file per cash journal: book.csv → book-KAS1.csv, book-KAS2.csv; on
            // standard output the kasstaten one after the other.
            let several = config.journals.len() > 1;
            for j in &config.journals {
                let path = out.map(|p| if several { suffixed(p, &j.code) } else { p.to_path_buf() });
                let mut sink = Sink::open(path.as_deref())?;
                sink.write(&format!("{}\n", crate::export::yuki::HEADER))?;
                let mut state = crate::export::yuki::Kasstaat::default();
                parts.each(|days, _| sink.write(&crate::export::yuki::render_part(j, days, &mut state)))?;
                sink.finish()?;
            }
        }
        ExportFormat::Xaf => {
            // The period: from the first day or invoice through the last, unless given.
            let last = last_day(ledger, to);
            let first_day = config
                .daybooks
                .iter()
                .map(|b| from.unwrap_or(b.start).max(b.start))
                .filter(|a| *a <= last)
                .min();
            let booked = || invoices.iter().map(|i| i.booking_date);
            let first = first_day.into_iter().chain(booked()).min();
            let latest = first_day.map(|_| last).into_iter().chain(booked()).max();
            let (Some(start), Some(end)) = (from.or(first), to.or(latest)) else {
                return Err(LedgerError::Refused(crate::text!("export-nothing")));
            };
            // The audit file states its totals before its entries: the days go to their
            // journals a part at a time (kept aside past a few MiB), the totals beside them.
            let spool = |source: std::io::Error| LedgerError::Io {
                path: std::env::temp_dir().display().to_string(),
                source,
            };
            let mut file = crate::export::xaf::AuditFile::new(config, start, end, ledger.today);
            parts.each(|days, _| file.add_days(days).map_err(spool))?;
            file.add_invoices(&invoices).map_err(spool)?;
            let mut sink = Sink::open(out)?;
            file.finish(|bytes| sink.write_bytes(bytes), spool)?;
            sink.finish()?;
        }
    }
    Ok(OK)
}

/// `book.csv` → `book-KAS1.csv`.
pub(super) fn suffixed(path: &Path, code: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    path.with_file_name(format!("{stem}-{code}{ext}"))
}

/// The days of an export a quarter at a time, each with the invoices booked in it.
pub(super) struct ExportParts<'a> {
    ledger: &'a Ledger,
    invoices: &'a [crate::domain::invoice::InvoiceView],
    /// The days and invoices span `start..=end`; days stop at `last`.
    start: NaiveDate,
    end: NaiveDate,
    last: NaiveDate,
}

impl<'a> ExportParts<'a> {
    pub(super) fn new(
        ledger: &'a Ledger,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        invoices: &'a [crate::domain::invoice::InvoiceView],
    ) -> ExportParts<'a> {
        let last = last_day(ledger, to);
        let first_day = ledger.config.daybooks.iter().map(|b| b.start).min().unwrap_or(last);
        let first_invoice = invoices.iter().map(|i| i.booking_date).min();
        let last_invoice = invoices.iter().map(|i| i.booking_date).max();
        let start = from.unwrap_or_else(|| first_invoice.map_or(first_day, |i| i.min(first_day)));
        let end = last_invoice.map_or(last, |i| i.max(last));
        ExportParts {
            ledger,
            invoices,
            start,
            end,
            last,
        }
    }

    pub(super) fn each(
        &self,
        mut part: impl FnMut(&[DayView], &[crate::domain::invoice::InvoiceView]) -> Result<(), LedgerError>,
    ) -> Result<(), LedgerError> {
        const PART_DAYS: i64 = 92;
        let mut a = self.start;
        while a <= self.end {
            let b = (a + chrono::Duration::days(PART_DAYS - 1)).min(self.end);
            let days = if a <= self.last {
                selected_views(self.ledger, Some(a), Some(b.min(self.last)), None)?
            } else {
                Vec::new()
            };
            let invoices: Vec<_> = self
                .invoices
                .iter()
                .filter(|i| i.booking_date >= a && i.booking_date <= b)
                .cloned()
                .collect();
            part(&days, &invoices)?;
            a = b + chrono::Duration::days(1);
        }
        Ok(())
    }
}

/// Where an export goes: standard output, or a file written whole or not at all (a
/// temporary name beside it, synced, then renamed; a full disk leaves the old file).
pub(super) enum Sink {
    Stdout(std::io::BufWriter<std::io::StdoutLock<'static>>),
    File {
        path: PathBuf,
        tmp: PathBuf,
        out: std::io::BufWriter<std::fs::File>,
    },
}

impl Sink {
    pub(super) fn open(path: Option<&Path>) -> Result<Sink, LedgerError> {
        let Some(path) = path else {
            return Ok(Sink::Stdout(std::io::BufWriter::with_capacity(
                1 << 16,
                std::io::stdout().lock(),
            )));
        };
        let tmp = temp_beside(path);
        let file = std::fs::File::create(&tmp).map_err(|source| LedgerError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Ok(Sink::File {
            path: path.to_path_buf(),
            tmp,
            out: std::io::BufWriter::with_capacity(1 << 16, file),
        })
    }

    pub(super) fn write(&mut self, text: &str) -> Result<(), LedgerError> {
        self.write_bytes(text.as_bytes())
    }

    pub(super) fn write_bytes(&mut self, bytes: &[u8]) -> Result<(), LedgerError> {
        match self {
            Sink::Stdout(out) => out.write_all(bytes).map_err(stdout_failed),
            Sink::File { path, tmp, out } => out.write_all(bytes).map_err(|source| {
                let _ = std::fs::remove_file(&*tmp);
                LedgerError::Io {
                    path: path.display().to_string(),
                    source,
                }
            }),
        }
    }

    pub(super) fn finish(self) -> Result<(), LedgerError> {
        match self {
            Sink::Stdout(mut out) => out.flush().map_err(stdout_failed),
            Sink::File { path, tmp, out } => {
                let done = out
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .and_then(|f| f.sync_all())
                    .and_then(|_| std::fs::rename(&tmp, &path));
                done.map_err(|source| {
                    let _ = std::fs::remove_file(&tmp);
                    LedgerError::Io {
                        path: path.display().to_string(),
                        source,
                    }
                })
            }
        }
    }
}
