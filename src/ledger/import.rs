//! Bringing documents in: a file read line by line or a connector's batch, each stored as
//! one batch with its audit entry, refused whole when a line is bad (R16, R18).

use super::*;

impl Ledger {
    /// Import §3 documents as one batch: a refused file stores nothing (what its good lines
    /// wrote is removed, the batch forgotten), an accepted one becomes visible atomically.
    pub fn import_file(
        &mut self,
        source: &str,
        path: &Path,
        author: &str,
        mut progress: impl FnMut(u64),
    ) -> Result<ImportReport> {
        let name = path.display().to_string();
        let io = |source| LedgerError::Io {
            path: name.clone(),
            source,
        };
        // The input is read once: each line is parsed, checked and written into the batch,
        // which becomes visible only when it commits. At the first bad line the writing
        // stops, the reading goes on to name every bad line, and what was written is removed
        // (decision 65). A pipe, a FIFO or stdin works; a file changed meanwhile cannot slip
        // through. (Parsing on a second thread was slower: the documents it made were freed
        // on this one.)
        let (input, expected): (Box<dyn std::io::Read>, u64) = if path == Path::new("-") {
            (Box::new(std::io::stdin().lock()), 1 << 20)
        } else {
            let file = std::fs::File::open(path).map_err(io)?;
            // About the number of lines (a ticket's is 200 bytes or more, a void's 70): the
            // size of the filter that tells which ids the batch already wrote. One too small
            // only asks the batch itself more often.
            let len = file.metadata().map_or(0, |m| if m.is_file() { m.len() } else { 0 });
            (Box::new(file), if len > 0 { (len / 160).min(1 << 26) } else { 1 << 20 })
        };
        let books = self.books_of(source);
        let cal = self.config.dossier.calendar;
        let mut writer = self.store.begin("import", source, &name)?;
        writer.expect_documents(expected)?;
        let mut bad = BadLines::new(&name);
        let mut lines = 0u64;
        let mut failure = None;
        let mut done = 0u64;
        let scanned = crate::pos::file::scan_jsonl(input, |line, _, parsed| {
            lines = line;
            match parsed {
                Err(reason) => bad.push(line, &reason),
                Ok(doc) if bad.is_empty() && failure.is_none() => {
                    let date = doc.business_date(&cal);
                    if let Err(e) = writer.add(doc, date, &books) {
                        failure = Some(LedgerError::from(e));
                    }
                    done += 1;
                    if done.is_multiple_of(1024) {
                        progress(done);
                    }
                }
                Ok(_) => {}
            }
        })
        .map_err(io);
        if !bad.is_empty() && failure.is_none() && scanned.is_ok() {
            // The batch removes what it wrote, a key at a time; should that fail, what is
            // left is found as any uncommitted batch is.
            let number = writer.number();
            let refused = Err(LedgerError::BadInput(bad.into_lines()));
            if let Err(e) = writer.abandon() {
                tracing::warn!("the refused batch {number} is removed by a scan: {e}");
                let refused = self.after_batch(refused);
                if let Err(e) = self.store.forget_discarded(number) {
                    tracing::warn!("the refused batch {number} stays listed: {e}");
                }
                return refused;
            }
            return refused;
        }
        let written = match (scanned, failure) {
            (Err(e), _) | (Ok(()), Some(e)) => Err(e),
            (Ok(()), None) => {
                progress(done);
                commit_import(
                    writer,
                    author,
                    serde_json::json!({"source": source, "file": name, "lines": lines}),
                )
            }
        };
        self.after_batch(written)
    }

    /// Import documents already in memory (sync runs, tests) as one batch.
    pub fn import_documents(
        &mut self,
        source: &str,
        label: &str,
        author: &str,
        docs: Vec<Document>,
    ) -> Result<ImportReport> {
        let books = self.books_of(source);
        let cal = self.config.dossier.calendar;
        let mut writer = self.store.begin("import", source, label)?;
        let written = (|| {
            writer.expect_documents(docs.len() as u64)?;
            for doc in docs {
                let date = doc.business_date(&cal);
                writer.add(doc, date, &books)?;
            }
            commit_import(writer, author, serde_json::json!({"source": source, "label": label}))
        })();
        self.after_batch(written)
    }

    /// After a batch: a committed one counts from now on; what a failed one wrote (a full
    /// disk) is removed at once where the disk lets us, else when the store next opens.
    fn after_batch(&mut self, written: Result<ImportReport>) -> Result<ImportReport> {
        match written {
            Ok(report) => {
                self.store.mark_committed(report.batch);
                Ok(report)
            }
            Err(e) => {
                if let Err(later) = self.store.discard_uncommitted() {
                    tracing::warn!("an unfinished batch stays until the store next opens: {later}");
                }
                Err(e)
            }
        }
    }
}

/// Commit an import batch with its audit entry: what it was (`detail`) and what it did.
fn commit_import(
    mut writer: crate::store::BatchWriter<'_>,
    author: &str,
    mut detail: serde_json::Value,
) -> Result<ImportReport> {
    let batch = writer.number();
    let c = writer.counts()?.clone();
    detail["batch"] = batch.into();
    for (k, v) in [
        ("new", c.new),
        ("changed", c.changed),
        ("unchanged", c.unchanged),
        ("voided", c.voided),
    ] {
        detail[k] = v.into();
    }
    let (counts, touched, _) = writer.commit(NewEntry {
        author: author.to_string(),
        action: crate::store::audit::Action::Import.into(),
        reason: None,
        detail,
    })?;
    Ok(ImportReport { batch, counts, touched })
}

#[derive(Debug, Clone)]
pub struct ImportReport {
    pub batch: u64,
    pub counts: Counts,
    pub touched: Vec<NaiveDate>,
}

/// Bad lines of an input, each `FILE:LINE: reason`; the first thousand are kept word for
/// word and the rest counted, so a file of bad lines cannot fill the memory.
struct BadLines {
    name: String,
    lines: Vec<Text>,
    more: u64,
}

impl BadLines {
    const KEEP: usize = 1000;

    fn new(name: &str) -> BadLines {
        BadLines {
            name: name.to_string(),
            lines: Vec::new(),
            more: 0,
        }
    }

    fn push(&mut self, line: u64, reason: &Text) {
        if self.lines.len() < Self::KEEP {
            self.lines.push(reason.clone().at(format!("{}:{line}", self.name)));
        } else {
            self.more += 1;
        }
    }

    fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    fn into_lines(mut self) -> Vec<Text> {
        if self.more > 0 {
            self.lines
                .push(format!("{}: … and {} more bad line(s)", self.name, self.more).into());
        }
        self.lines
    }
}

/// The suffix of the private copies of an input that imports made before decision 65.
pub const SPOOL_SUFFIX: &str = ".import-spool";

/// Remove the spool files of imports whose process is gone (killed mid-import; left by
/// versions that copied their input before writing it).
pub fn remove_stale_spools(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        let Some(stem) = name.strip_suffix(SPOOL_SUFFIX) else {
            continue;
        };
        let pid = stem.split('-').next().and_then(|p| p.parse::<u32>().ok());
        // Signal 0 asks only whether the process exists.
        let alive = pid.is_some_and(|p| {
            let r = unsafe { libc::kill(p as libc::pid_t, 0) };
            r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
        });
        if !alive {
            let _ = std::fs::remove_file(e.path());
        }
    }
}
