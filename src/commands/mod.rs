//! The commands of SPEC §5. Each returns its exit code: 0 done, 1 error or problems
//! found, 3 stopped early by a rule (work before the blocker is kept).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{Cli, Command, ConfigCommand, ExportFormat};
use crate::domain::book::DayView;
use crate::domain::config::{Config, SourceKind};
use crate::domain::money::fmt;
use crate::ledger::{self, Ledger, LedgerError};
use crate::settings;

pub const OK: u8 = 0;
pub const FAILED: u8 = 1;
pub const STOPPED: u8 = 3;

/// Run a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let config_path = settings::config_path(cli.config.clone());
    let data_dir = settings::data_dir(cli.data.clone());
    let code = match cli.command {
        Command::Config { command: ConfigCommand::Validate } => validate(&config_path),
        command => match open(&config_path, &data_dir) {
            Ok(mut ledger) => dispatch(&mut ledger, command),
            Err(code) => code,
        },
    };
    ExitCode::from(code)
}

fn dispatch(ledger: &mut Ledger, command: Command) -> u8 {
    let result = match command {
        Command::Import { source, files } => import(ledger, source, &files),
        Command::Days { from, to, json, book } => days(ledger, from, to, json, book.as_deref()),
        Command::Export { format, from, to, out } => export(ledger, format, from, to, out.as_deref()),
        Command::Config { .. } => Ok(OK),
    };
    match result {
        Ok(code) => code,
        Err(e) => report(&e),
    }
}

fn report(e: &LedgerError) -> u8 {
    match e {
        LedgerError::BadInput(lines) => {
            for l in lines {
                eprintln!("{l}");
            }
            eprintln!("error: {e}");
        }
        other => eprintln!("error: {other}"),
    }
    FAILED
}

fn load(config_path: &Path) -> Result<Config, u8> {
    let loaded = settings::load_config(config_path);
    for p in &loaded.problems {
        eprintln!("{p}");
    }
    loaded.config.ok_or(FAILED)
}

fn open(config_path: &Path, data_dir: &Path) -> Result<Ledger, u8> {
    let config = load(config_path)?;
    let today = ledger::today(&config).map_err(|e| {
        eprintln!("error: {e}");
        2
    })?;
    Ledger::open(config, data_dir, today).map_err(|e| report(&e))
}

fn validate(config_path: &Path) -> u8 {
    match load(config_path) {
        Ok(_) => {
            println!("{}: valid", config_path.display());
            OK
        }
        Err(code) => code,
    }
}

fn import(ledger: &mut Ledger, source: Option<String>, files: &[PathBuf]) -> Result<u8, LedgerError> {
    let source = match source {
        Some(s) => {
            ledger
                .config
                .source(&s)
                .ok_or_else(|| LedgerError::Refused(format!("unknown source {s:?}")))?;
            s
        }
        None => {
            let files: Vec<_> = ledger.config.sources.iter().filter(|s| s.kind == SourceKind::File).collect();
            match files.as_slice() {
                [one] => one.name.clone(),
                [] => return Err(LedgerError::Refused("no source of kind \"file\"; name one with --source".into())),
                _ => {
                    return Err(LedgerError::Refused(format!(
                        "several sources of kind \"file\" ({}); name one with --source",
                        files.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", ")
                    )))
                }
            }
        }
    };
    let author = crate::cli::Who { author: None }.name();
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
        println!(
            "{}: {} new, {} changed, {} unchanged, {} voided (batch {})",
            path.display(),
            c.new,
            c.changed,
            c.unchanged,
            c.voided,
            report.batch
        );
    }
    Ok(OK)
}

fn progress_bar(path: &Path) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} {pos} documents ({per_sec})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar.set_message(path.display().to_string());
    Some(bar)
}

fn in_range(v: &DayView, from: Option<chrono::NaiveDate>, to: Option<chrono::NaiveDate>) -> bool {
    from.is_none_or(|f| v.date >= f) && to.is_none_or(|t| v.date <= t)
}

fn selected_views(
    ledger: &Ledger,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
    book: Option<&str>,
) -> Result<Vec<DayView>, LedgerError> {
    let through = to.filter(|t| *t > ledger.yesterday());
    let mut views = Vec::new();
    for b in &ledger.config.daybooks {
        if book.is_some_and(|x| x != b.code) {
            continue;
        }
        views.extend(ledger.views(&b.code, through)?.into_iter().filter(|v| in_range(v, from, to)));
    }
    if let Some(b) = book {
        ledger.book(b)?;
    }
    views.sort_by(|a, b| (a.date, &a.book).cmp(&(b.date, &b.book)));
    Ok(views)
}

fn days(
    ledger: &Ledger,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
    json: bool,
    book: Option<&str>,
) -> Result<u8, LedgerError> {
    let views = selected_views(ledger, from, to, book)?;
    let mut out = std::io::stdout().lock();
    if json {
        let text = serde_json::to_string_pretty(&views).expect("views serialise");
        let _ = writeln!(out, "{text}");
        return Ok(OK);
    }
    let _ = writeln!(
        out,
        "{:<10} {:<6} {:<11} {:>12} {:>12} {:>12}  blockers",
        "date", "book", "status", "turnover", "payments", "cash"
    );
    for v in &views {
        let cash: rust_decimal::Decimal = v.cash.iter().map(|j| j.closing).sum();
        let mut status = v.status.as_str().to_string();
        if v.overdue {
            status.push('!');
        }
        let blockers: Vec<String> = v.blockers.iter().map(|b| b.to_string()).collect();
        let _ = writeln!(
            out,
            "{} {:<6} {:<11} {:>12} {:>12} {:>12}  {}",
            v.date,
            v.book,
            status,
            fmt(v.turnover),
            fmt(v.payments),
            if v.cash.is_empty() { "-".to_string() } else { fmt(cash) },
            blockers.join("; ")
        );
    }
    if let Some(last) = views.last() {
        let _ = writeln!(
            out,
            "open prepayments {} · open vouchers {} (at {})",
            fmt(last.open_prepaid),
            fmt(last.open_vouchers),
            last.date
        );
    }
    Ok(OK)
}

fn export(
    ledger: &Ledger,
    format: ExportFormat,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
    out: Option<&Path>,
) -> Result<u8, LedgerError> {
    let views = selected_views(ledger, from, to, None)?;
    let text = match format {
        ExportFormat::Csv => crate::export::csv::render(&ledger.config, &views),
        ExportFormat::Hledger => crate::export::csv::render(&ledger.config, &views),
    };
    match out {
        Some(path) => std::fs::write(path, text).map_err(|source| LedgerError::Io {
            path: path.display().to_string(),
            source,
        })?,
        None => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
        }
    }
    Ok(OK)
}
