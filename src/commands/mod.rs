//! The commands of SPEC §5. Each returns its exit code: 0 done, 1 error or problems
//! found, 3 stopped early by a rule (work before the blocker is kept).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{Cli, Command, ConfigCommand, ExportFormat, GenFormat, InvoiceAction, StoreCommand};
use chrono::NaiveDate;

use crate::domain::book::DayView;
use crate::domain::config::{Config, SourceKind};
use crate::dossier::{Dossier, Mode, Opening};
use crate::i18n;
use crate::ledger::{Ledger, LedgerError};
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

mod books;
mod config;
mod export;
mod firm;
mod service;
mod sync;
mod tools;

use books::*;
use config::*;
use export::*;
use firm::*;
use service::*;
use sync::*;
use tools::*;

pub use crate::settings::{temp_beside, write_whole};

pub const OK: u8 = 0;
pub const FAILED: u8 = 1;
pub const STOPPED: u8 = 3;

/// Run a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let dossier = Dossier::from_cli(cli.config.clone(), cli.data.clone(), cli.store.clone());
    let config_path = settings::config_path(cli.config.clone());
    let data_dir = dossier.data_dir.clone();
    // Plain `dagkas` opens the review screen, or a firm's overview when DAGKAS_FIRM names one.
    let firm_of = |f: &Path| crate::firm::Firm::named(f, cli.data.clone());
    let plain = || Command::Tui {
        firm: std::env::var_os("DAGKAS_FIRM")
            .filter(|f| !f.is_empty())
            .map(PathBuf::from),
    };
    let code = match cli.command.unwrap_or_else(plain) {
        Command::Config {
            command: ConfigCommand::Validate,
        } => validate(&dossier),
        Command::Config { command } => config_command(&dossier, command),
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
            firm,
            overview_frame,
        } => match (first_frame, firm, overview_frame) {
            (true, _, _) => bench_first_frame(&config_path, &data_dir),
            (_, _, Some(dir)) => bench_overview_frame(&dir),
            (_, Some(n), _) => bench_firm(n, out.as_deref(), keep.as_deref(), store.as_deref()),
            _ => bench(docs, days, out.as_deref(), &years, keep.as_deref(), store.as_deref()),
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
        // A firm's dossiers, each opened for reading in turn: no dossier of its own.
        Command::Dossiers { firm, json } => firm::dossiers(firm.as_deref().map(firm_of).as_ref(), json),
        // The TUI takes the ledger to its worker thread.
        // Opened once to find a bad config or store before the screen takes the terminal.
        Command::Tui { firm: Some(firm) } => firm_overview(&firm_of(&firm)),
        Command::Tui { firm: None } => match open(&dossier) {
            Ok(ledger) => tui(ledger, &dossier).unwrap_or_else(|e| report(&e)),
            Err(code) => code,
        },
        Command::Sync {
            firm: Some(firm),
            parallel,
            ..
        } => firm_service(&firm_of(&firm), parallel),
        Command::Sync {
            once: false,
            log: false,
            ..
        } => sync_service(&dossier),
        Command::Sync {
            once: true, log: false, ..
        } => {
            // Its output waits until the store is let go (decision 70), as every command's.
            let spool = spool::Spool::begin();
            let code = sync_once(&dossier);
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
                open_for_reading(&dossier)
            } else {
                open(&dossier)
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
        Command::Tui { .. } => Ok(OK),
        // The loop (`sync` without --once or --log) is `sync_service`, opened per run, and
        // `sync --once` is `sync_once`: both let the store go while they ask the POS.
        Command::Sync { .. } => sync_log(ledger),
        Command::Login { source } => login(ledger, &source),
        Command::Config { .. }
        | Command::Gen { .. }
        | Command::Dossiers { .. }
        | Command::Demo { .. }
        | Command::Bench { .. }
        | Command::Completions { .. }
        | Command::Man { .. }
        | Command::Init(_) => Ok(OK),
    };
    // Laying the kept chain is a cache: the change before it is made and kept whatever
    // happens to it (a database that went away now), so a failure here is said, not a
    // failed command that would make kept work look lost.
    if lays && result.is_ok() {
        if let Err(e) = ledger.keep_chain_current() {
            tell!(
                "{}",
                tr!("warning", text = tr!("chain-not-laid", reason = e.to_string()))
            );
        }
    }
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

fn open_for_reading(dossier: &Dossier) -> Result<Ledger, u8> {
    opened(
        dossier.open(Mode::Read, &mut waiting, &mut |n| tell!("note: {n}"), &mut |w| {
            tell!("{w}")
        }),
    )
}

fn open(dossier: &Dossier) -> Result<Ledger, u8> {
    opened(dossier.open(Mode::Change, &mut waiting, &mut |_| {}, &mut |w| tell!("{w}")))
}

/// The config alone, its warnings told.
fn load(dossier: &Dossier) -> Result<Config, u8> {
    dossier.load(&mut |w| tell!("{w}")).map_err(|e| failed_opening(&e))
}

fn opened(result: Result<Ledger, Opening>) -> Result<Ledger, u8> {
    result.map_err(|e| failed_opening(&e))
}

/// Say why a dossier could not be opened: the exit code.
fn failed_opening(e: &Opening) -> u8 {
    match e {
        Opening::Config(problems) => {
            for p in problems {
                tell!("{p}");
            }
            FAILED
        }
        Opening::Today(e) => {
            tell!("error: {e}");
            2
        }
        Opening::Ledger(e) => report(e),
    }
}

/// Told once when the store is held by another dagkas process.
fn waiting(holder: &crate::domain::text::Text) {
    let holder = holder.to_string();
    let who = if holder.is_empty() {
        tr!("lock-another-process")
    } else {
        holder
    };
    tell!("{}", tr!("lock-waiting", holder = who));
}

fn validate(dossier: &Dossier) -> u8 {
    let valid = || match writeln!(
        std::io::stdout(),
        "{}",
        tr!("config-valid", file = dossier.config_name())
    ) {
        Ok(()) => OK,
        Err(e) => report(&stdout_failed(e)),
    };
    let config = match load(dossier) {
        Ok(c) => c,
        Err(code) => return code,
    };
    // A kept config was checked against the dossier's days when it was saved.
    if config.kept.is_some() || !dossier.data_dir.join("store").exists() {
        return valid();
    }
    // The config must also agree with the days already confirmed in this dossier.
    match dossier.open(Mode::Change, &mut waiting, &mut |_| {}, &mut |_| {}) {
        Ok(_) => valid(),
        Err(e) => {
            tell!("{}:", dossier.config_name());
            failed_opening(&e)
        }
    }
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
