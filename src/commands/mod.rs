//! The commands of SPEC §5. Each returns its exit code: 0 done, 1 error or problems
//! found, 3 stopped early by a rule (work before the blocker is kept).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{Cli, Command, ConfigCommand, ExportFormat, GenFormat, InvoiceAction, StoreCommand};
use chrono::NaiveDate;

use crate::domain::book::{DayView, LineKind};
use crate::domain::config::{Config, SourceKind};
use crate::i18n;
use crate::ledger::{self, Ledger, LedgerError};
use crate::settings;
use crate::tr;

mod spool;

/// `println!` for a command: a failed write fails the command (exit 1) instead of a panic.
macro_rules! say {
    ($($arg:tt)*) => {
        writeln!(std::io::stdout().lock(), $($arg)*).map_err(stdout_failed)?
    };
}

/// A line to standard error, for a person: a message may quote a POS's or a file's text,
/// and no control character of it reaches the terminal (or a service's log).
macro_rules! tell {
    ($($arg:tt)*) => {
        eprintln!("{}", crate::terminal_lines(&format!($($arg)*)))
    };
}

/// `writeln!` to a command's output, failing the command when the write fails.
macro_rules! say_to {
    ($out:expr, $($arg:tt)*) => {
        writeln!($out, $($arg)*).map_err(stdout_failed)?
    };
}

/// A temporary name beside `path`, for writing it whole or not at all.
fn temp_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Write a file whole or not at all: into a temporary name beside it, synced, then renamed;
/// a full disk leaves the old file (or none), never a truncated one.
pub fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temp_beside(path);
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    match written.and_then(|_| std::fs::rename(&tmp, path)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

pub const OK: u8 = 0;
pub const FAILED: u8 = 1;
pub const STOPPED: u8 = 3;

/// Run a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let config_path = settings::config_path(cli.config.clone());
    let data_dir = settings::data_dir(cli.data.clone());
    let code = match cli.command.unwrap_or(Command::Tui) {
        Command::Config {
            command: ConfigCommand::Validate,
        } => validate(&config_path, &data_dir),
        Command::Demo { no_tui } => demo(cli.data.clone(), cli.config.as_deref(), no_tui),
        Command::Completions { shell } => completions(shell),
        Command::Man { out } => man(out.as_deref()),
        Command::Init(args) => crate::init::run(&config_path, &data_dir, *args),
        Command::Bench {
            docs,
            days,
            out,
            years,
            keep,
            store,
            first_frame,
        } => match first_frame {
            true => bench_first_frame(&config_path, &data_dir),
            false => bench(docs, days, out.as_deref(), &years, keep.as_deref(), store.as_deref()),
        },
        Command::Gen {
            docs,
            days,
            branches,
            seed,
            start,
            format,
            out,
        } => gen(docs, days, branches, seed, start, format, out.as_deref()),
        // The TUI takes the ledger to its worker thread.
        // Opened once to find a bad config or store before the screen takes the terminal.
        Command::Tui => match open(&config_path, &data_dir) {
            Ok(ledger) => tui(ledger, &config_path, &data_dir).unwrap_or_else(|e| report(&e)),
            Err(code) => code,
        },
        Command::Sync {
            once: false,
            log: false,
        } => sync_service(&config_path, &data_dir),
        Command::Sync { once: true, log: false } => {
            // Its output waits until the store is let go (decision 70), as every command's.
            let spool = spool::Spool::begin();
            let code = sync_once(&config_path, &data_dir);
            match spool {
                Some(spool) => spool.finish(code),
                None => code,
            }
        }
        command => {
            // A login talks with a person as it goes; every other command's output waits
            // until the store is let go (decision 70).
            let spool = match command {
                Command::Login { .. } => None,
                _ => spool::Spool::begin(),
            };
            let opened = if reads_only(&command) {
                open_for_reading(&config_path, &data_dir)
            } else {
                open(&config_path, &data_dir)
            };
            let code = match opened {
                Ok(mut ledger) => dispatch(&mut ledger, command),
                Err(code) => code,
            };
            // The ledger is dropped: the store is let go before its reader is written to.
            match spool {
                Some(spool) => spool.finish(code),
                None => code,
            }
        }
    };
    if crate::store::left_open() {
        tell!("{}", tr!("store-left-open"));
        return ExitCode::from(code.max(FAILED));
    }
    ExitCode::from(code)
}

fn dispatch(ledger: &mut Ledger, command: Command) -> u8 {
    let lays = changes_days(&command);
    let result = match command {
        Command::Import { source, files } => import(ledger, source, &files),
        Command::Days { from, to, json, book } => days(ledger, from, to, json, book.as_deref()),
        Command::Export {
            format,
            from,
            to,
            out,
            with_invoices,
        } => export(ledger, format, from, to, out.as_deref(), with_invoices),
        Command::Edit {
            date,
            book,
            sets,
            reason,
            who,
        } => edit(ledger, date, &book, &sets, &reason, &who.name()),
        Command::Confirm { through, book, who } => confirm(ledger, through, book.as_deref(), &who.name()),
        Command::Reopen {
            date,
            book,
            reason,
            clock_was_ahead,
            who,
        } => if clock_was_ahead {
            ledger.reopen_not_ended(&book, date, &reason, &who.name())
        } else {
            ledger.reopen(&book, date, &reason, &who.name())
        }
        .and_then(|_| {
            say!("{}", tr!("reopened", date = i18n::day(date), book = book));
            Ok(OK)
        }),
        Command::Resolve { date, book, who } => ledger.resolve(&book, date, &who.name()).and_then(|m| {
            say!("{book} {}: {m}", i18n::day(date));
            Ok(OK)
        }),
        Command::Map { book, mapping, who } => map(ledger, &book, &mapping, &who.name()),
        Command::Centralise { through, who } => centralise(ledger, through, &who.name()),
        Command::Invoices { json, book, action } => invoices(ledger, json, book.as_deref(), action),
        Command::Held { json, action } => held(ledger, json, action),
        Command::Check => check(ledger),
        Command::Notify { .. } => notify_test(ledger),
        Command::Audit { json } => audit(ledger, json),
        Command::Store {
            command: StoreCommand::Copy { to },
        } => store_copy(ledger, &to),
        Command::Tui => Ok(OK),
        // The loop (`sync` without --once or --log) is `sync_service`, opened per run, and
        // `sync --once` is `sync_once`: both let the store go while they ask the POS.
        Command::Sync { .. } => sync_log(ledger),
        Command::Login { source } => login(ledger, &source),
        Command::Config { .. }
        | Command::Gen { .. }
        | Command::Demo { .. }
        | Command::Bench { .. }
        | Command::Completions { .. }
        | Command::Man { .. }
        | Command::Init(_) => Ok(OK),
    };
    let result = if lays {
        result.and_then(|code| ledger.keep_chain_current().map(|_| code))
    } else {
        result
    };
    // What is still buffered must reach its reader too, or the command failed.
    let flushed = std::io::stdout().flush().map_err(stdout_failed);
    match result.and_then(|code| flushed.map(|_| code)) {
        Ok(code) => code,
        Err(e) => report(&e),
    }
}

/// A write to standard output failed (a full disk, a closed pipe): the command fails.
pub fn stdout_failed(source: std::io::Error) -> LedgerError {
    LedgerError::Io {
        path: "standard output".into(),
        source,
    }
}

fn report(e: &LedgerError) -> u8 {
    match e {
        // The reader went away (`dagkas days | head`): nothing to tell it.
        LedgerError::Io { path, source }
            if path == "standard output" && source.kind() == std::io::ErrorKind::BrokenPipe => {}
        // A message may quote a POS's or a file's text: no control characters reach the
        // terminal (or the log a service's error output goes to).
        LedgerError::BadInput(lines) => {
            for l in lines {
                tell!("{l}");
            }
            tell!("{}", tr!("error", reason = e));
        }
        other => tell!("{}", tr!("error", reason = other)),
    }
    FAILED
}

fn load(config_path: &Path) -> Result<Config, u8> {
    let loaded = settings::load_config(config_path);
    for p in &loaded.problems {
        tell!("{p}");
    }
    loaded.config.ok_or(FAILED)
}

/// Completions from the same definition as the parser.
fn completions(shell: clap_complete::Shell) -> u8 {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "dagkas", &mut out);
    match std::io::stdout()
        .write_all(&out)
        .and_then(|_| std::io::stdout().flush())
    {
        Ok(()) => OK,
        Err(e) => report(&stdout_failed(e)),
    }
}

/// Manual pages from the same definition as the parser: `dagkas.1`, and with `--out` one
/// page per command (`dagkas-sync.1`, …).
fn man(out: Option<&Path>) -> u8 {
    let cmd = <Cli as clap::CommandFactory>::command();
    let render = |c: clap::Command| -> std::io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        clap_mangen::Man::new(c).render(&mut buf)?;
        Ok(buf)
    };
    let Some(dir) = out else {
        return match render(cmd).and_then(|page| std::io::stdout().write_all(&page)) {
            Ok(()) => OK,
            Err(e) => report(&stdout_failed(e)),
        };
    };
    let written = (|| -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        write_whole(&dir.join("dagkas.1"), &render(cmd.clone())?)?;
        for sub in cmd.get_subcommands() {
            let name = format!("dagkas-{}", sub.get_name());
            let page = render(sub.clone().name(name.clone()))?;
            write_whole(&dir.join(format!("{name}.1")), &page)?;
        }
        Ok(())
    })();
    match written {
        Ok(()) => OK,
        Err(source) => report(&LedgerError::Io {
            path: dir.display().to_string(),
            source,
        }),
    }
}

/// Commands that change nothing in the books: they also work where the data dir cannot
/// be written (a full disk, an archived dossier on a read-only disk).
fn reads_only(command: &Command) -> bool {
    matches!(
        command,
        Command::Days { .. }
            | Command::Export { .. }
            | Command::Check
            | Command::Audit { .. }
            | Command::Invoices { action: None, .. }
            | Command::Held { action: None, .. }
            | Command::Sync { log: true, .. }
    )
}

/// The commands that change days: they lay the kept chain through yesterday before they
/// end (decision 67), as an import does, so the next listing reads it.
fn changes_days(command: &Command) -> bool {
    matches!(
        command,
        Command::Edit { .. }
            | Command::Confirm { .. }
            | Command::Reopen { .. }
            | Command::Resolve { .. }
            | Command::Map { .. }
            | Command::Centralise { .. }
            | Command::Held { action: Some(_), .. }
    )
}

fn open_for_reading(config_path: &Path, data_dir: &Path) -> Result<Ledger, u8> {
    let config = load(config_path)?;
    let today = ledger::today(&config).map_err(|e| {
        tell!("error: {e}");
        2
    })?;
    Ledger::open_for_reading(config, data_dir, today, &mut waiting, |note| tell!("note: {note}"))
        .map_err(|e| report(&e))
}

fn open(config_path: &Path, data_dir: &Path) -> Result<Ledger, u8> {
    let config = load(config_path)?;
    let today = ledger::today(&config).map_err(|e| {
        tell!("error: {e}");
        2
    })?;
    Ledger::open_waiting(config, data_dir, today, &mut waiting).map_err(|e| report(&e))
}

/// Told once when the store is held by another dagkas process.
fn waiting(holder: &str) {
    let who = if holder.is_empty() {
        tr!("lock-another-process")
    } else {
        holder.to_string()
    };
    tell!("{}", tr!("lock-waiting", holder = who));
}

fn validate(config_path: &Path, data_dir: &Path) -> u8 {
    let valid = || match writeln!(
        std::io::stdout(),
        "{}",
        tr!("config-valid", file = config_path.display())
    ) {
        Ok(()) => OK,
        Err(e) => report(&stdout_failed(e)),
    };
    let config = match load(config_path) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if !data_dir.join("store").exists() {
        return valid();
    }
    // The config must also agree with the days already confirmed in this dossier.
    let today = match ledger::today(&config) {
        Ok(t) => t,
        Err(e) => {
            tell!("{}", tr!("error", reason = e));
            return 2;
        }
    };
    match Ledger::open(config, data_dir, today) {
        Ok(_) => valid(),
        Err(e) => {
            tell!("{}:", config_path.display());
            report(&e)
        }
    }
}

fn import(ledger: &mut Ledger, source: Option<String>, files: &[PathBuf]) -> Result<u8, LedgerError> {
    let source = match source {
        Some(s) => {
            ledger
                .config
                .source(&s)
                .ok_or_else(|| LedgerError::Refused(tr!("unknown-source", source = format!("{s:?}"))))?;
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
                [] => return Err(LedgerError::Refused(tr!("import-no-file-source"))),
                _ => {
                    return Err(LedgerError::Refused(tr!(
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
            LedgerError::Refused(tr!(
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

fn progress_bar(path: &Path) -> Option<indicatif::ProgressBar> {
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

/// A column of a table, filled out to `width` characters (not bytes: `1 234,56` in French
/// has a narrow no-break space).
fn pad(text: String, width: usize) -> String {
    let n = text.chars().count();
    format!("{text}{}", " ".repeat(width.saturating_sub(n)))
}

/// A right-aligned column (amounts).
fn right(text: String, width: usize) -> String {
    let n = text.chars().count();
    format!("{}{text}", " ".repeat(width.saturating_sub(n)))
}

/// The last day a listing shows: `--to`, else yesterday (R3 fills the days through it).
fn last_day(ledger: &Ledger, to: Option<NaiveDate>) -> NaiveDate {
    to.unwrap_or_else(|| ledger.yesterday())
}

/// The books a command is about: one (`--book`), or all in config order.
fn books_of<'a>(ledger: &'a Ledger, book: Option<&str>) -> Result<Vec<&'a str>, LedgerError> {
    match book {
        Some(b) => Ok(vec![ledger.book(b)?.code.as_str()]),
        None => Ok(ledger.config.daybooks.iter().map(|b| b.code.as_str()).collect()),
    }
}

/// The views of `from` through `to` (each book from its own start), by date then book.
fn selected_views(
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
fn each_view(
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
struct PrettyArray<W: Write> {
    out: W,
    count: usize,
}

impl<W: Write> PrettyArray<W> {
    fn new(out: W) -> PrettyArray<W> {
        PrettyArray { out, count: 0 }
    }

    fn push<T: serde::Serialize>(&mut self, value: &T) -> std::io::Result<()> {
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

    fn finish(mut self) -> std::io::Result<W> {
        self.out.write_all(if self.count == 0 { b"[]" } else { b"\n]" })?;
        Ok(self.out)
    }
}

fn days(
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
        let blockers: Vec<String> = v.blockers.iter().map(|b| b.describe(&lang)).collect();
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

fn export(
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
                return Err(LedgerError::Refused(tr!("export-nothing")));
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
fn suffixed(path: &Path, code: &str) -> PathBuf {
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
struct ExportParts<'a> {
    ledger: &'a Ledger,
    invoices: &'a [crate::domain::invoice::InvoiceView],
    /// The days and invoices span `start..=end`; days stop at `last`.
    start: NaiveDate,
    end: NaiveDate,
    last: NaiveDate,
}

impl<'a> ExportParts<'a> {
    fn new(
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

    fn each(
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
enum Sink {
    Stdout(std::io::BufWriter<std::io::StdoutLock<'static>>),
    File {
        path: PathBuf,
        tmp: PathBuf,
        out: std::io::BufWriter<std::fs::File>,
    },
}

impl Sink {
    fn open(path: Option<&Path>) -> Result<Sink, LedgerError> {
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

    fn write(&mut self, text: &str) -> Result<(), LedgerError> {
        self.write_bytes(text.as_bytes())
    }

    fn write_bytes(&mut self, bytes: &[u8]) -> Result<(), LedgerError> {
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

    fn finish(self) -> Result<(), LedgerError> {
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

/// `dagkas held`: what the POS sent that the book could not take, and the decisions on it.
fn held(ledger: &mut Ledger, json: bool, action: Option<crate::cli::HeldAction>) -> Result<u8, LedgerError> {
    use crate::cli::HeldAction;
    use crate::domain::held::Choice;
    let lang = i18n::current();
    if let Some(action) = action {
        let (source, id, reason, who, choice) = match action {
            HeldAction::Book {
                source,
                id,
                reason,
                who,
            } => (source, id, reason, who, Choice::Book),
            HeldAction::LeaveOut {
                source,
                id,
                reason,
                who,
            } => (source, id, reason, who, Choice::LeaveOut),
        };
        let h = ledger.decide_held(&source, &id, choice, &reason, &who.name())?;
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

fn invoices(
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

/// `KIND:CODE=AMOUNT`.
pub fn parse_set(text: &str) -> Result<(LineKind, String, rust_decimal::Decimal), String> {
    let (kind, rest) = text
        .split_once(':')
        .ok_or_else(|| format!("{text:?}: expected KIND:CODE=AMOUNT, e.g. turnover:V21=120.50"))?;
    let (code, amount) = rest
        .rsplit_once('=')
        .ok_or_else(|| format!("{text:?}: expected KIND:CODE=AMOUNT, e.g. turnover:V21=120.50"))?;
    let kind: LineKind = kind.parse()?;
    let amount = crate::domain::money::parse_input_amount(amount).map_err(|e| format!("{text:?}: {e}"))?;
    if code.is_empty() {
        return Err(format!("{text:?}: the code is empty"));
    }
    Ok((kind, code.to_string(), amount))
}

fn edit(
    ledger: &mut Ledger,
    date: NaiveDate,
    book: &str,
    sets: &[String],
    reason: &str,
    author: &str,
) -> Result<u8, LedgerError> {
    let parsed: Result<Vec<_>, String> = sets.iter().map(|s| parse_set(s)).collect();
    let parsed = parsed.map_err(LedgerError::Refused)?;
    ledger.edit(book, date, &parsed, reason, author)?;
    say!(
        "{}",
        tr!("edited", date = i18n::day(date), book = book, lines = sets.join(", "))
    );
    Ok(OK)
}

fn confirm(ledger: &mut Ledger, through: NaiveDate, book: Option<&str>, author: &str) -> Result<u8, LedgerError> {
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

fn map(ledger: &mut Ledger, book: &str, mapping: &str, author: &str) -> Result<u8, LedgerError> {
    let bad = || LedgerError::Refused(tr!("map-usage", mapping = format!("{mapping:?}")));
    let (kind, rest) = mapping.split_once(':').ok_or_else(bad)?;
    let (code, target) = rest.rsplit_once('=').ok_or_else(bad)?;
    ledger.map_code(book, kind, code, target, author)?;
    say!("{}", crate::i18n::words::mapped(kind, code, target, Some(book)));
    Ok(OK)
}

fn centralise(ledger: &mut Ledger, through: NaiveDate, author: &str) -> Result<u8, LedgerError> {
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

fn notify_test(ledger: &Ledger) -> Result<u8, LedgerError> {
    if ledger.config.notify.is_empty() {
        say!("{}", tr!("notify-none"));
        return Ok(FAILED);
    }
    let mut failed = false;
    for (label, outcome) in crate::notify::test_all(ledger) {
        match outcome {
            Ok(said) => say!("{}", tr!("notify-sent", label = label, said = said)),
            Err(e) => {
                failed = true;
                say!("{}", tr!("notify-not-sent", label = label, reason = e));
            }
        }
    }
    Ok(if failed { FAILED } else { OK })
}

fn check(ledger: &Ledger) -> Result<u8, LedgerError> {
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

/// `dagkas store copy --to URL|DIR`: the whole store into an empty one, audited there.
fn store_copy(ledger: &Ledger, to: &str) -> Result<u8, LedgerError> {
    use crate::store::{postgres, Location, Store};
    let (location, dir) = if postgres::is_url(to) {
        let target = postgres::Target::parse(to, None, &ledger.config.dossier.name).map_err(LedgerError::Refused)?;
        (Location::Postgres(target), ledger.store.dir().to_path_buf())
    } else {
        (Location::Embedded, PathBuf::from(to))
    };
    if location == *ledger.store.location() && (location != Location::Embedded || dir == ledger.store.dir()) {
        return Err(LedgerError::Refused(tr!("store-copy-same")));
    }
    let shown = location.shown(&dir).display().to_string();
    let target = Store::open_copy_target(&location, &dir, &mut waiting)?;
    let records = ledger.store.copy_into(&target)?;
    let from = ledger.store.location().shown(ledger.store.dir()).display().to_string();
    target.append_audit(crate::store::audit::NewEntry {
        author: crate::os_user(),
        action: "store copy".into(),
        reason: None,
        detail: serde_json::json!({ "from": from, "records": records }),
    })?;
    say!("{}", tr!("store-copied", records = records, target = shown));
    match location {
        Location::Postgres(_) => say!("{}", tr!("store-copied-use-url", url = to_without_password(to))),
        Location::Embedded => say!("{}", tr!("store-copied-use-dir", dir = dir.display())),
    }
    Ok(OK)
}

/// A URL as it may be written in the config (any password left out).
fn to_without_password(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) => {
            let _ = u.set_password(None);
            u.to_string()
        }
        Err(_) => url.to_string(),
    }
}

fn audit(ledger: &Ledger, json: bool) -> Result<u8, LedgerError> {
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

fn gen(
    docs: u64,
    days: u32,
    branches: u32,
    seed: u64,
    start: Option<NaiveDate>,
    format: GenFormat,
    out: Option<&Path>,
) -> u8 {
    let start = match start {
        Some(s) => s,
        None => match today_or(chrono::Local::now().date_naive()) {
            Ok(today) => today - chrono::Duration::days(i64::from(days)),
            Err(code) => return code,
        },
    };
    let spec = crate::gen::GenSpec {
        docs,
        days,
        branches,
        seed,
        start,
    };
    let sink: Box<dyn Write> = match out {
        Some(p) => match std::fs::File::create(p) {
            Ok(f) => Box::new(f),
            Err(e) => {
                tell!("error: {}: {e}", p.display());
                return FAILED;
            }
        },
        None => Box::new(std::io::stdout().lock()),
    };
    let mut w = std::io::BufWriter::with_capacity(1 << 16, sink);
    let mut failed = None;
    let mut buf = String::new();
    crate::gen::generate(&spec, |doc| {
        if failed.is_some() {
            return;
        }
        buf.clear();
        match format {
            GenFormat::Jsonl => {
                buf.push_str(&serde_json::to_string(&doc).expect("documents serialise"));
                buf.push('\n');
            }
            GenFormat::Hledger => crate::gen::hledger_transaction(&doc, &mut buf),
        }
        if let Err(e) = w.write_all(buf.as_bytes()) {
            failed = Some(e);
        }
    });
    if let Some(e) = failed.or_else(|| w.flush().err()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            tell!("error: {e}");
            return FAILED;
        }
    }
    OK
}

/// The review screen holds the store only while it loads or changes something.
fn tui(ledger: Ledger, config_path: &Path, data_dir: &Path) -> Result<u8, LedgerError> {
    let author = crate::os_user();
    let config = ledger.config.clone();
    drop(ledger);
    let dossier = crate::tui::Dossier {
        config_path: config_path.to_path_buf(),
        data_dir: data_dir.to_path_buf(),
    };
    match crate::tui::run(dossier, &config, author) {
        Ok(()) => Ok(OK),
        Err(e) => {
            tell!("{}", tr!("error", reason = e));
            Ok(FAILED)
        }
    }
}

fn demo(data: Option<PathBuf>, config: Option<&Path>, no_tui: bool) -> u8 {
    let dir = data.unwrap_or_else(|| settings::data_dir(None).join("demo"));
    // The demo's config is its own: one named on the command line would silently not apply.
    if let Some(file) = config {
        tell!(
            "{}",
            tr!(
                "error",
                reason = tr!("dossier-demo-config", dir = dir.display(), file = file.display())
            )
        );
        return 2;
    }
    let today = match today_or(crate::domain::calendar::BusinessCalendar::default().today(chrono::Utc::now())) {
        Ok(t) => t,
        Err(code) => return code,
    };
    tell!("{}", tr!("dossier-demo-building", dir = dir.display()));
    let ledger = match crate::demo::build(&dir, today) {
        Ok(l) => l,
        Err(e) => return report(&e),
    };
    tell!(
        "{}",
        tr!(
            "dossier-demo-ready",
            command = format!(
                "dagkas --config {} --data {} days",
                dir.join("dagkas.toml").display(),
                dir.display()
            )
        )
    );
    if no_tui {
        return OK;
    }
    tui(ledger, &dir.join("dagkas.toml"), &dir).unwrap_or_else(|e| report(&e))
}

/// `sync --log`, or one run (`sync --once`).
/// `dagkas sync --log`: the past runs and where each source stands.
fn sync_log(ledger: &mut Ledger) -> Result<u8, LedgerError> {
    for (n, b) in ledger.store.batches()? {
        let c = &b.counts;
        say!(
            "{n:>6} {} → {} {:<6} {:<10} {}{}  {}",
            b.started.format("%Y-%m-%d %H:%M:%S"),
            b.ended
                .map(|e| e.format("%H:%M:%S").to_string())
                .unwrap_or_else(|| "--:--:--".into()),
            b.kind,
            b.source,
            crate::i18n::words::counts(c),
            if b.committed {
                String::new()
            } else {
                format!(" ({})", tr!("batch-not-committed"))
            },
            b.label
        );
    }
    // Failed runs store nothing but their audit entry: list them too, and per source
    // the last success and the number of failures.
    let entries = ledger.store.audit_entries()?;
    for e in entries.iter().filter(|e| e.action == "notify failed") {
        say!(
            "{} {} {}: {}",
            tr!("log-notify"),
            e.at.format("%Y-%m-%d %H:%M:%S"),
            e.detail["to"].as_str().unwrap_or(""),
            e.detail["error"].as_str().unwrap_or("")
        );
    }
    for e in entries.iter().filter(|e| e.action == "sync failed") {
        say!(
            "{} {} {:<10} {}",
            tr!("log-failed"),
            e.at.format("%Y-%m-%d %H:%M:%S"),
            e.detail["source"].as_str().unwrap_or(""),
            e.detail["error"].as_str().unwrap_or("")
        );
    }
    let batches = ledger.store.batches()?;
    for s in &ledger.config.sources {
        // Documents per day over the book's days so far.
        let docs: u64 = batches
            .iter()
            .filter(|(_, b)| b.committed && b.source == s.name)
            .map(|(_, b)| b.counts.new)
            .sum();
        let days = ledger
            .config
            .daybooks
            .iter()
            .filter(|b| b.source == s.name)
            .map(|b| (ledger.today - b.start).num_days().max(1))
            .max()
            .unwrap_or(1);
        say!(
            "{}",
            tr!(
                "log-source-documents",
                source = format!("{:<10}", s.name),
                documents = docs,
                per_day = format!("{:.1}", docs as f64 / days as f64)
            )
        );
        // A successful run commits a batch, even one that brought nothing new.
        let ok = batches
            .iter()
            .filter(|(_, b)| b.committed && b.source == s.name)
            .filter_map(|(_, b)| b.ended)
            .max();
        let failures = entries
            .iter()
            .filter(|e| e.action == "sync failed" && e.detail["source"] == s.name.as_str())
            .count();
        say!(
            "{}",
            tr!(
                "log-source-success",
                source = format!("{:<10}", s.name),
                at = ok
                    .map(|at| at.format("%Y-%m-%d %H:%M:%S").to_string())
                    .unwrap_or_else(|| tr!("word-never")),
                failures = failures
            )
        );
        // What its runs held for a decision, and how far its data is whole (decisions 73, 74).
        let held: Vec<_> = ledger.held()?.into_iter().filter(|h| h.source == s.name).collect();
        let open = held.iter().filter(|h| h.open()).count();
        let whole = match s.kind {
            crate::domain::config::SourceKind::File => None,
            _ => ledger.store.source_complete(&s.name)?.map(|c| c.through),
        };
        say!(
            "{}",
            tr!(
                "log-source-held",
                source = format!("{:<10}", s.name),
                held = held.len(),
                open = open,
                whole = whole.map(|d| d.to_string()).unwrap_or_else(|| "—".into())
            )
        );
    }
    Ok(OK)
}

/// `dagkas sync --once`: one run, the store let go while the POS servers are asked.
fn sync_once(config_path: &Path, data_dir: &Path) -> u8 {
    let author = crate::os_user();
    let started = chrono::Utc::now();
    let (ledger, result) = match crate::sync::run(&mut || open(config_path, data_dir), &author) {
        Ok(ran) => ran,
        Err(code) => return code,
    };
    let notified = crate::sync::finish_run(&ledger, &author, "once", started, &result);
    drop(ledger);
    for p in notified {
        tell!("notify: {p}");
    }
    let printed = match result {
        Ok(m) => writeln!(std::io::stdout(), "{} {m}", chrono::Local::now().format("%H:%M:%S")).map(|_| OK),
        Err(e) => {
            tell!("{}", tr!("error", reason = e));
            Ok(FAILED)
        }
    };
    printed
        .and_then(|code| std::io::stdout().flush().map(|_| code))
        .unwrap_or_else(|e| report(&stdout_failed(e)))
}

/// `dagkas sync`: the sources' schedule, until SIGTERM or SIGINT. The store is held only
/// while a run imports, so the review screen and every other command work meanwhile; the
/// service holds the schedule (`sync.lock`) for as long as it lives, so an open review
/// screen leaves the syncing to it. A stop signal ends the loop between runs, or after the
/// run under way has completed (one batch: it lands whole or not at all); a second signal
/// ends it at once.
fn sync_service(config_path: &Path, data_dir: &Path) -> u8 {
    crate::sync::stop_on_signals();
    if let Err(e) = std::fs::create_dir_all(data_dir) {
        tell!("{}", tr!("error", reason = format!("{}: {e}", data_dir.display())));
        return FAILED;
    }
    // The schedule is the dossier's, where its store is: the config says where.
    let location = loop {
        match load(config_path).map(|c| crate::store::Location::of(&c)) {
            Ok(Ok(location)) => break location,
            Ok(Err(e)) => tell!("{}", tr!("error", reason = e)),
            Err(_) => {}
        }
        if !crate::sync::sleep_unless_stopped(std::time::Duration::from_secs(30)) {
            return OK;
        }
    };
    let mut schedule = match crate::sync::Schedule::take_at(&location, data_dir, crate::sync::stopping) {
        Ok(Some(s)) => s,
        Ok(None) => return OK,
        Err(e) => {
            tell!("{}", tr!("error", reason = e));
            return FAILED;
        }
    };
    let author = crate::os_user();
    let mut failed_opens = 0u32;
    loop {
        if crate::sync::stopping() {
            return OK;
        }
        // Held no more (the database restarted, the network was cut): another service may
        // run the schedule now; this one runs nothing until it holds it again.
        if !schedule.holds() {
            tell!(
                "{} {}",
                chrono::Local::now().format("%H:%M:%S"),
                tr!("sync-schedule-lost")
            );
            drop(schedule);
            schedule = loop {
                match crate::sync::Schedule::take_at(&location, data_dir, crate::sync::stopping) {
                    Ok(Some(s)) => break s,
                    Ok(None) => return OK,
                    Err(e) => tell!("{}", tr!("error", reason = e)),
                }
                if !crate::sync::sleep_unless_stopped(std::time::Duration::from_secs(5)) {
                    return OK;
                }
            };
            tell!(
                "{} {}",
                chrono::Local::now().format("%H:%M:%S"),
                tr!("sync-schedule-again")
            );
        }
        let started = chrono::Utc::now();
        let interval = match crate::sync::run(&mut || open(config_path, data_dir), &author) {
            Ok((ledger, result)) => {
                failed_opens = 0;
                let notified = crate::sync::finish_run(&ledger, &author, "service", started, &result);
                let interval = crate::sync::interval_of(&ledger.config);
                // The store is free until the next run, and what the run used goes back.
                // It is let go before anything is written: a paused terminal (Ctrl-S) or a
                // slow pipe keeps the service waiting, not the dossier (decision 70).
                drop(ledger);
                for p in notified {
                    tell!("{} notify: {p}", chrono::Local::now().format("%H:%M:%S"));
                }
                let now = chrono::Local::now().format("%H:%M:%S");
                let printed = match &result {
                    Ok(m) => writeln!(std::io::stdout(), "{now} {m}"),
                    Err(e) => writeln!(std::io::stderr(), "{now} {}", tr!("error", reason = e)),
                };
                if printed.is_err() {
                    // Nobody reads the output any more (a closed terminal): keep syncing.
                    tracing::warn!("sync service: the output cannot be written");
                }
                if crate::store::left_open() {
                    // This process cannot open that store again: end, to be started anew.
                    tell!("{} {}", chrono::Local::now().format("%H:%M:%S"), tr!("store-left-open"));
                    return FAILED;
                }
                crate::give_back_memory();
                interval
            }
            Err(code) => {
                // A broken config or a store held too long: say so and try again later.
                failed_opens += 1;
                tell!(
                    "{} {}",
                    chrono::Local::now().format("%H:%M:%S"),
                    tr!("sync-could-not-start", code = code)
                );
                60u64.min(5 * u64::from(failed_opens))
            }
        };
        if !crate::sync::sleep_unless_stopped(std::time::Duration::from_secs(interval)) {
            drop(schedule);
            return OK;
        }
    }
}

/// `bench --first-frame`: open the dossier as the screen does and draw its first frame;
/// prints the milliseconds it took.
fn bench_first_frame(config_path: &Path, data_dir: &Path) -> u8 {
    match crate::bench::first_frame(config_path, data_dir) {
        Ok(ms) => {
            println!("{ms}");
            OK
        }
        Err(e) => report(&e),
    }
}

fn bench(docs: u64, days: u32, out: Option<&Path>, years: &[u32], keep: Option<&Path>, store: Option<&str>) -> u8 {
    if !years.is_empty() {
        return bench_years(years, out, keep, store);
    }
    let dir = keep.map(Path::to_path_buf).unwrap_or_else(crate::bench::scratch);
    let result = crate::bench::run(docs, days, &dir, store, |m| tell!("{m}"));
    if keep.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    match result {
        Ok(report) => {
            print!("{}", crate::bench::table(&report));
            if let Some(path) = out {
                let json = serde_json::to_string_pretty(&report).expect("report serialises");
                if let Err(e) = std::fs::write(path, json) {
                    tell!("{}", tr!("error", reason = format!("{}: {e}", path.display())));
                    return FAILED;
                }
            }
            OK
        }
        Err(e) => report(&e),
    }
}

/// `bench --years 1,5,10`: each shop measured by a bench process of its own (a child's
/// peak memory counts from its parent's, so one process measuring three shops would
/// inflate the later ones), then how each figure grows with the history.
fn bench_years(years: &[u32], out: Option<&Path>, keep: Option<&Path>, store: Option<&str>) -> u8 {
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => {
            tell!("{}", tr!("error", reason = e));
            return FAILED;
        }
    };
    let scratch = crate::bench::scratch();
    let _ = std::fs::create_dir_all(&scratch);
    let mut reports: Vec<crate::bench::Report> = Vec::new();
    for y in years {
        let figures = scratch.join(format!("{y}-years.json"));
        let mut c = std::process::Command::new(&exe);
        c.args(["bench", "--docs", &(100_000 * u64::from(*y)).to_string()])
            .args(["--days", &(365 * y).to_string()])
            .arg("--out")
            .arg(&figures);
        if let Some(k) = keep {
            c.arg("--keep").arg(k.join(format!("{y}-years")));
        }
        if let Some(url) = store {
            c.arg("--store").arg(url);
        }
        let ran = c.status().map(|s| s.success()).unwrap_or(false);
        let read = std::fs::read_to_string(&figures)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok());
        match read {
            Some(r) if ran => reports.push(r),
            _ => {
                tell!("{}", tr!("error", reason = format!("bench of {y} year(s) failed")));
                let _ = std::fs::remove_dir_all(&scratch);
                return FAILED;
            }
        }
        println!();
    }
    let _ = std::fs::remove_dir_all(&scratch);
    print!("{}", crate::bench::growth(&reports));
    if let Some(path) = out {
        let json = serde_json::to_string_pretty(&reports).expect("reports serialise");
        if let Err(e) = std::fs::write(path, json) {
            tell!("{}", tr!("error", reason = format!("{}: {e}", path.display())));
            return FAILED;
        }
    }
    OK
}

fn login(ledger: &mut Ledger, source: &str) -> Result<u8, LedgerError> {
    let s = ledger
        .config
        .source(source)
        .cloned()
        .ok_or_else(|| LedgerError::Refused(tr!("unknown-source", source = format!("{source:?}"))))?;
    if s.kind != crate::domain::config::SourceKind::Lightspeed {
        return Err(LedgerError::Refused(tr!(
            "login-not-lightspeed",
            source = format!("{source:?}"),
            kind = s.kind.as_str()
        )));
    }
    let author = crate::os_user();
    crate::sync::login_lightspeed(ledger, &s, &author, |m| {
        // The login talks to a person at a terminal; a closed output only loses the hint.
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{m}").and_then(|_| out.flush());
    })?;
    Ok(OK)
}

/// `DAGKAS_TODAY` when set, else `fallback`; a malformed value is a usage error (exit 2).
fn today_or(fallback: NaiveDate) -> Result<NaiveDate, u8> {
    match std::env::var("DAGKAS_TODAY").ok().filter(|s| !s.is_empty()) {
        Some(t) => t.parse::<NaiveDate>().map_err(|_| {
            tell!(
                "{}",
                tr!("error", reason = format!("DAGKAS_TODAY={t:?}: {}", tr!("not-a-date")))
            );
            2
        }),
        None => Ok(fallback),
    }
}
