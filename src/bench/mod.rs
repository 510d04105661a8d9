//! `dagkas bench`: speed and memory on generated data, side by side with hledger (and
//! ledger when present) on the same tickets, in one run. Prints a table and writes JSON.
//! Targets live here as figures to reach, never as timed tests.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use serde::Serialize;

use crate::gen::{generate, hledger_transaction, GenSpec};

pub mod firm;
use crate::ledger::{Ledger, LedgerError};

#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Figure {
    pub name: String,
    pub value: f64,
    pub unit: String,
    pub target: String,
    pub met: Option<bool>,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Report {
    pub machine: String,
    pub docs: u64,
    pub days: u32,
    pub figures: Vec<Figure>,
}

fn fig(name: &str, value: f64, unit: &str, target: &str, met: Option<bool>) -> Figure {
    Figure {
        name: name.into(),
        value,
        unit: unit.into(),
        target: target.into(),
        met,
    }
}

/// How many times the short in-process figures are measured.
const ROUNDS: u32 = 3;

/// The middle value (sorts `values`).
fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The slowest and fastest rounds of a figure, as context.
fn spread(what: &str, values: &[f64], unit: &str) -> [Figure; 2] {
    let lowest = values.iter().copied().fold(f64::INFINITY, f64::min);
    let highest = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    [
        fig(
            &format!("{what}: lowest of 3"),
            lowest,
            unit,
            "context: the run's noise",
            None,
        ),
        fig(
            &format!("{what}: highest of 3"),
            highest,
            unit,
            "context: the run's noise",
            None,
        ),
    ]
}

/// Wall time and peak RSS (KiB) of a child process. Linux carries the peak of the process
/// that spawned it into a child's figure (the memory it had before `exec`), so the caller
/// keeps its own memory small.
fn measure_child(cmd: &mut Command) -> std::io::Result<(Duration, u64, bool)> {
    let start = Instant::now();
    let mut child = cmd
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 on our own child with valid pointers; the Child handle is not waited again.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    if r < 0 {
        let _ = child.wait();
        return Err(std::io::Error::last_os_error());
    }
    std::mem::forget(child);
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    Ok((elapsed, usage.ru_maxrss as u64, ok))
}

fn count_lines(path: &Path) -> std::io::Result<u64> {
    use std::io::BufRead;
    let mut reader = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut buf = Vec::new();
    let mut n = 0;
    while reader.read_until(b'\n', &mut buf)? > 0 {
        if !buf.iter().all(u8::is_ascii_whitespace) {
            n += 1;
        }
        buf.clear();
    }
    Ok(n)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

/// The demo's config with a cash journal for every drawer the generator fills (two per
/// branch; the demo's journals cover the first two branches): a valid dossier, so the
/// bench measures the path a real shop takes, not days blocked by unknown drawers.
fn config_for(docs: &Path, start: NaiveDate, branches: u32) -> String {
    let mut text = crate::demo::config_text(docs).replace("@START@", &start.to_string());
    for b in 3..=branches {
        let (d0, d1) = (2 * (b - 1), 2 * (b - 1) + 1);
        text.push_str(&format!(
            "\n[[cash_journal]]\ncode = \"KAS{b}\"\ndaybook = \"DO1\"\ndrawers = [\"{d0}\", \"{d1}\"]\naccount = \"570000\"\ndiff_debit_account = \"657100\"\ndiff_credit_account = \"757100\"\ncash_deposit_account = \"580100\"\nbank_deposit_account = \"580200\"\nopening_balance = {{ \"{d0}\" = \"0.00\", \"{d1}\" = \"0.00\" }}\n"
        ));
    }
    text
}

/// A generated five-branch shop from 1 January 2016, and the "today" after its last day.
fn shop_spec(docs: u64, days: u32, seed: u64) -> (GenSpec, NaiveDate) {
    let start = NaiveDate::from_ymd_opt(2016, 1, 1).expect("date");
    let spec = GenSpec {
        docs,
        days,
        branches: 5,
        seed,
        start,
    };
    (spec, start + chrono::Duration::days(i64::from(days) + 1))
}

/// An IO error of `path` (or of the dagkas process a bench runs).
fn io_at(path: &Path) -> impl FnOnce(std::io::Error) -> LedgerError {
    let path = path.display().to_string();
    move |source| LedgerError::Io { path, source }
}

/// The shop's documents as JSONL, and the same tickets as an hledger journal when asked.
fn write_documents(spec: &GenSpec, jsonl: &Path, journal: Option<&Path>) -> Result<(), LedgerError> {
    use std::io::Write;
    let io = io_at;
    let mut j = std::io::BufWriter::new(std::fs::File::create(jsonl).map_err(io(jsonl))?);
    let mut h = match journal {
        Some(p) => Some(std::io::BufWriter::new(std::fs::File::create(p).map_err(io(p))?)),
        None => None,
    };
    let mut buf = String::new();
    let mut err = None;
    generate(spec, |doc| {
        buf.clear();
        buf.push_str(&serde_json::to_string(&doc).expect("serialise"));
        buf.push('\n');
        if let Err(e) = j.write_all(buf.as_bytes()) {
            err = Some(e);
        }
        if let Some(h) = &mut h {
            buf.clear();
            hledger_transaction(&doc, &mut buf);
            if let Err(e) = h.write_all(buf.as_bytes()) {
                err = Some(e);
            }
        }
    });
    if let Some(e) = err {
        return Err(io(jsonl)(e));
    }
    j.flush().map_err(io(jsonl))?;
    if let (Some(h), Some(p)) = (&mut h, journal) {
        h.flush().map_err(io(p))?;
    }
    Ok(())
}

/// Run the benchmark in `dir` (a scratch directory).
pub fn run(
    docs: u64,
    days: u32,
    dir: &Path,
    store: Option<&str>,
    mut say: impl FnMut(&str),
) -> Result<Report, LedgerError> {
    let io = io_at;
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let exe = std::env::current_exe().map_err(io(dir))?;
    let (spec, today) = shop_spec(docs, days, 42);
    let start = spec.start;
    let jsonl = dir.join("bench.jsonl");
    let journal = dir.join("bench.journal");
    say(&format!("generating {docs} documents over {days} days …"));
    write_documents(&spec, &jsonl, Some(&journal))?;
    // The generated files go to disk first: their writeback is not the import's cost.
    // SAFETY: sync(2) takes no arguments and cannot fail.
    unsafe { libc::sync() };
    // Counted as a stream: a child's peak memory as the kernel reports it starts from this
    // process's own, so this process stays small.
    let lines = count_lines(&jsonl).unwrap_or(docs);
    let mut figures = Vec::new();

    // 1. Import + day build as a child process: throughput and peak memory.
    let data = dir.join("store");
    let _ = std::fs::remove_dir_all(&data);
    let config = dir.join("dagkas.toml");
    std::fs::write(&config, config_for(&jsonl, start, spec.branches)).map_err(io(&config))?;
    let command = |store: &Path, args: &[&str]| {
        let mut c = Command::new(&exe);
        c.arg("--config")
            .arg(&config)
            .arg("--data")
            .arg(store)
            .args(args)
            .env("DAGKAS_TODAY", today.to_string());
        c
    };
    let base = |args: &[&str]| command(&data, args);
    say("import + day build …");
    let (t_import, rss_import, ok) =
        measure_child(&mut base(&["import", jsonl.to_str().unwrap_or_default()])).map_err(io(&exe))?;
    if !ok {
        return Err(LedgerError::Refused("the benchmark import failed".into()));
    }
    let (t_days, _, _) = measure_child(&mut base(&["days", "--json"])).map_err(io(&exe))?;
    let import_rate = lines as f64 / (t_import + t_days).as_secs_f64();
    // What a person asks for, each a fresh process as from a shell: time and peak memory.
    let month = (today - chrono::Duration::days(31)).to_string();
    figures.extend(asked_for(&base, &month, "", &mut say).map_err(io(&exe))?);
    // Real shops are mostly confirmed: the same asks on a copy of the store with every day
    // confirmed and centralised (each confirmed day's record then holds what it froze).
    // Measured here, while this process is small: a child's peak counts it.
    let confirmed = dir.join("confirmed");
    let _ = std::fs::remove_dir_all(&confirmed);
    crate::store::copy_dir(&data, &confirmed).map_err(io(&confirmed))?;
    let on_confirmed = |args: &[&str]| command(&confirmed, args);
    let last = (today - chrono::Duration::days(1)).to_string();
    for (what, args) in [
        ("confirm every day", ["confirm", "--through", last.as_str()]),
        ("centralise every day", ["centralise", "--through", last.as_str()]),
    ] {
        say(&format!("{what} …"));
        let mut c = on_confirmed(&args);
        c.stdout(std::process::Stdio::null());
        let (t, rss, ok) = measure_child(&mut c).map_err(io(&exe))?;
        if !ok {
            return Err(LedgerError::Refused(format!("the benchmark could not {what}").into()));
        }
        figures.push(fig(&format!("{what}: time"), t.as_secs_f64() * 1000.0, "ms", "", None));
        figures.push(fig(&format!("{what}: peak RSS"), rss as f64 / 1024.0, "MiB", "", None));
    }
    figures.extend(asked_for(&on_confirmed, &month, ", all confirmed", &mut say).map_err(io(&exe))?);

    figures.push(fig("import + day build", import_rate, "docs/s", "≥ 50× hledger", None));
    if let Some(url) = store {
        say("PostgreSQL: import + day build …");
        figures.extend(postgres_figures(url, &base, &jsonl, lines, import_rate, &month)?);
    }
    figures.push(fig(
        "import peak RSS",
        rss_import as f64 / 1024.0,
        "MiB",
        "≤ 200 MiB per 1 000 000 docs",
        Some((rss_import as f64 / 1024.0) <= 200.0 * (lines as f64 / 1e6).max(1.0)),
    ));

    // 2. hledger (and ledger) on the same tickets.
    // What a reference tool did: not installed (`None`), failed on the journal
    // (`Some(None)`), or its rate and peak RSS in KiB.
    let mut reference = |tool: &str, args: &[&str]| -> Result<Option<Option<(f64, u64)>>, LedgerError> {
        let installed = Command::new(tool)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !installed {
            return Ok(None);
        }
        let name = format!("{tool} {}", args.join(" "));
        say(&format!("{name} …"));
        let (t, rss, ok) =
            measure_child(Command::new(tool).arg("-f").arg(&journal).args(args)).map_err(io(&journal))?;
        if !ok {
            return Ok(Some(None));
        }
        let rate = lines as f64 / t.as_secs_f64();
        figures.push(fig(&name, rate, "docs/s", "reference", None));
        figures.push(fig(
            &format!("{tool} peak RSS"),
            rss as f64 / 1024.0,
            "MiB",
            "reference",
            None,
        ));
        Ok(Some(Some((rate, rss))))
    };
    let hledger = reference("hledger", &["bal", "-D"])?;
    reference("ledger", &["bal", "--daily"])?;
    match hledger {
        None => say("hledger is not installed: the ratios to hledger are left out"),
        Some(None) => say("hledger bal -D failed on the generated journal: the ratios to hledger are left out"),
        Some(Some(_)) => {}
    }
    let (hledger_rate, hledger_rss) = (hledger.flatten().map(|h| h.0), hledger.flatten().map(|h| h.1));
    if let (Some(h), Some(hr)) = (hledger_rate, hledger_rss) {
        let ratio = import_rate / h;
        figures.push(fig(
            "throughput ratio vs hledger",
            ratio,
            "×",
            "≥ 50×",
            Some(ratio >= 50.0),
        ));
        let mem = rss_import as f64 / hr as f64;
        figures.push(fig("memory ratio vs hledger", mem, "×", "≤ 0.1×", Some(mem <= 0.1)));
    }

    // The parser's ceiling: reading and checking the §3 lines alone, no store.
    let t = Instant::now();
    let mut parsed = 0u64;
    crate::pos::file::read_jsonl(&jsonl, |_, doc| parsed += u64::from(doc.is_ok())).map_err(io(&jsonl))?;
    let parse_rate = parsed as f64 / t.elapsed().as_secs_f64();
    figures.push(fig(
        "parse only (read and check the lines, no store)",
        parse_rate,
        "docs/s",
        "context: the ceiling of any import",
        None,
    ));
    if let Some(h) = hledger_rate {
        figures.push(fig(
            "parse only vs hledger",
            parse_rate / h,
            "×",
            "context: the 50× target needs more than this",
            None,
        ));
    }

    // The storage engine's floor: what writing one key per document costs on this machine.
    let floor_dir = dir.join("floor");
    let _ = std::fs::remove_dir_all(&floor_dir);
    let floor = crate::store::write_floor_micros(&floor_dir, 100_000)?;
    let _ = std::fs::remove_dir_all(&floor_dir);
    figures.push(fig(
        "store floor: one 250-byte key written (sled)",
        floor,
        "µs",
        "context: what a key per document would cost",
        None,
    ));
    figures.push(fig(
        "import + day build per document, in store-floor keys",
        1e6 / import_rate / floor,
        "keys",
        "context",
        None,
    ));

    // 3. In-process: rebuild, incremental import, days, export, TUI latency.
    let config_text = std::fs::read_to_string(&config).map_err(io(&config))?;
    let (cfg, _) = crate::domain::config::parse(&config_text)
        .map_err(|_| LedgerError::Refused("the benchmark config does not parse".into()))?;
    let mut ledger = Ledger::open(cfg, &data, today)?;
    figures.push(fig(
        "store keys per document after the import",
        ledger.store.keys()? as f64 / lines as f64,
        "keys",
        "context: a key per date page and id bucket, not per document",
        None,
    ));
    // The two figures measured in well under a second are taken three times each: on a
    // shared machine one hiccup makes a single short measurement worthless. The median
    // counts; the fastest and slowest show the noise of the run.
    say("full rebuild …");
    let mut rebuilds = Vec::new();
    let mut views = Vec::new();
    for _ in 0..ROUNDS {
        ledger.store.clear_figures()?;
        let t = Instant::now();
        views = ledger.views("DO1", None)?;
        rebuilds.push(lines as f64 / t.elapsed().as_secs_f64());
    }
    let rebuild = median(&mut rebuilds);
    figures.push(fig(
        "full rebuild from stored documents (median of 3)",
        rebuild,
        "docs/s",
        "≥ 1 000 000 docs/s",
        Some(rebuild >= 1e6),
    ));
    figures.extend(spread("full rebuild", &rebuilds, "docs/s"));

    // The rebuild above was measured with the kept chain cleared; an import finds it kept
    // (every import and sync keeps it through yesterday).
    ledger.keep_chain_current()?;
    say("incremental import of 1 % …");
    let per_doc_full = (t_import + t_days).as_secs_f64() / lines as f64;
    let mut increments = Vec::new();
    for round in 0..ROUNDS {
        // Each round brings documents of its own (other ids, other amounts).
        let extra = dir.join(format!("extra{}.jsonl", round + 1));
        let text = extra_documents(docs, days, today, round);
        let extra_lines = text.lines().count().max(1) as f64;
        std::fs::write(&extra, text).map_err(io(&extra))?;
        // What `dagkas import` does: the batch, the debtors it brings, the chain through
        // yesterday. (Listing every day after it is `days --json`, measured on its own.)
        let t = Instant::now();
        ledger.import_file("winkel", &extra, "bench", |_| {})?;
        ledger.register_due_debtors("bench")?;
        ledger.keep_chain_current()?;
        increments.push(t.elapsed().as_secs_f64() / extra_lines / per_doc_full);
    }
    let increment = median(&mut increments);
    figures.push(fig(
        "incremental import (1 %) per document vs full import per document (median of 3)",
        increment,
        "×",
        "O(new): close to 1×, not store-sized",
        Some(increment < 10.0),
    ));
    figures.extend(spread("incremental import (1 %)", &increments, "×"));

    // The screen's first frame: the days around the first one to review, read from the
    // kept chain (the rest loads behind it), in a fresh process as a person opens it (in this
    // one, the last opening's threads may still be letting go of the store).
    say("TUI first frame …");
    drop(ledger);
    let frame = command(&data, &["bench", "--first-frame"])
        .stderr(std::process::Stdio::null())
        .output()
        .map_err(io(&exe))?;
    let ms: f64 = String::from_utf8_lossy(&frame.stdout)
        .trim()
        .parse()
        .map_err(|_| LedgerError::Refused("the benchmark could not measure the first frame".into()))?;
    figures.push(fig(
        "TUI: store open to first frame with days",
        ms,
        "ms",
        "≤ 200 ms",
        Some(ms <= 200.0),
    ));

    say("TUI key → frame …");
    let (mut app, mut terminal) = screen_of(views);
    let mut samples = Vec::with_capacity(2000);
    for i in 0..2000 {
        let c = if (i / 200) % 2 == 0 { 'j' } else { 'k' };
        let key =
            crossterm::event::KeyEvent::new(crossterm::event::KeyCode::Char(c), crossterm::event::KeyModifiers::NONE);
        let t = Instant::now();
        app.update(crate::tui::app::Msg::Key(key));
        terminal.draw(|f| crate::tui::ui::draw(f, &app)).expect("draw");
        samples.push(t.elapsed());
    }
    samples.sort();
    let p50 = percentile(&samples, 0.5).as_secs_f64() * 1000.0;
    let p99 = percentile(&samples, 0.99).as_secs_f64() * 1000.0;
    figures.push(fig("TUI key→frame p50", p50, "ms", "", None));
    figures.push(fig("TUI key→frame p99", p99, "ms", "≤ 5 ms", Some(p99 <= 5.0)));

    say("batch confirm of 10 000 days …");
    let long = dir.join("long");
    let _ = std::fs::remove_dir_all(&long);
    let long_start = NaiveDate::from_ymd_opt(1990, 1, 1).expect("date");
    let long_today = long_start + chrono::Duration::days(10_001);
    let long_text = config_for(&jsonl, long_start, spec.branches);
    let (long_cfg, _) = crate::domain::config::parse(&long_text)
        .map_err(|_| LedgerError::Refused("the benchmark config does not parse".into()))?;
    let mut long_ledger = Ledger::open(long_cfg, &long, long_today)?;
    let _ = long_ledger.views("DO1", None)?;
    let t = Instant::now();
    let outcome = long_ledger.confirm_through(Some("DO1"), long_today - chrono::Duration::days(1), "bench")?;
    let secs = t.elapsed().as_secs_f64();
    figures.push(fig(
        &format!("batch confirm of {} days", outcome.confirmed.len()),
        secs,
        "s",
        "≤ 1 s",
        Some(secs <= 1.0),
    ));

    Ok(Report {
        machine: machine(),
        docs: lines,
        days,
        figures,
    })
}

/// The incremental import's documents: 1 % more over the last days (at most 30), under
/// other ids. Only what adds to a drawer: counts, deposits, expenses and cash refunds are
/// the main shop's (a second generator's counts would state other balances for the same
/// drawers), so the shop stays a valid dossier, every day confirmable.
fn extra_documents(docs: u64, days: u32, today: NaiveDate, round: u32) -> String {
    let mut out = String::new();
    let spec = GenSpec {
        docs: (docs / 100).max(1),
        days: days.min(30),
        branches: 5,
        seed: 43 + u64::from(round),
        start: today - chrono::Duration::days(i64::from(days.min(30)) + 1),
    };
    generate(&spec, |doc| {
        let takes_cash = match &doc {
            crate::domain::document::Document::Cash(_) => true,
            crate::domain::document::Document::Ticket(t) => t.payments.iter().any(|p| p.amount.is_sign_negative()),
            _ => false,
        };
        if takes_cash {
            return;
        }
        let line = serde_json::to_string(&doc).expect("serialise");
        // Other ids: these are new documents, not updates (X1…, X2…, one prefix a round).
        out.push_str(&line.replacen("\"id\":\"", &format!("\"id\":\"X{}", round + 1), 1));
        out.push('\n');
    });
    out
}

/// What a person asks for, each run as a fresh process from a shell (`base` makes the
/// command): the time and peak memory of each, named with `label`.
fn asked_for(
    base: &dyn Fn(&[&str]) -> Command,
    month: &str,
    label: &str,
    say: &mut dyn FnMut(&str),
) -> std::io::Result<Vec<Figure>> {
    let mut figures = Vec::new();
    // A month asked for has a time and a memory target; a listing of every day streams, so
    // only its memory has one (its time follows the years listed).
    for (what, args, time_goal, rss_goal) in [
        (
            "days --from (one month)",
            vec!["days", "--from", month],
            Some(100.0),
            50.0,
        ),
        ("days (all, streamed)", vec!["days"], None, 100.0),
        ("days --json (all, streamed)", vec!["days", "--json"], None, 100.0),
        (
            "export csv of one month",
            vec!["export", "--format", "csv", "--from", month],
            Some(100.0),
            50.0,
        ),
    ] {
        say(&format!("{what}{label} …"));
        let mut c = base(&args);
        c.stdout(std::process::Stdio::null());
        let (t, rss, ok) = measure_child(&mut c)?;
        if ok {
            let ms = t.as_secs_f64() * 1000.0;
            let mib = rss as f64 / 1024.0;
            figures.push(match time_goal {
                Some(goal) => fig(
                    &format!("{what}{label}: time"),
                    ms,
                    "ms",
                    &format!("≤ {goal} ms"),
                    Some(ms <= goal),
                ),
                None => fig(
                    &format!("{what}{label}: time"),
                    ms,
                    "ms",
                    "context: follows the days listed",
                    None,
                ),
            });
            figures.push(fig(
                &format!("{what}{label}: peak RSS"),
                mib,
                "MiB",
                &format!("≤ {rss_goal} MiB"),
                Some(mib <= rss_goal),
            ));
        }
    }
    Ok(figures)
}

/// The same import and a month's days on PostgreSQL, in a schema of this run (dropped
/// after), beside the embedded store's figures.
fn postgres_figures(
    url: &str,
    base: &dyn Fn(&[&str]) -> Command,
    jsonl: &Path,
    lines: u64,
    embedded_rate: f64,
    month: &str,
) -> Result<Vec<Figure>, LedgerError> {
    use crate::store::postgres::Target;
    let schema = format!("bench_{}", std::process::id());
    let target = Target::parse(url, Some(&schema), "bench").map_err(LedgerError::Refused)?;
    let env_url = if url.contains('?') {
        format!("{url}&schema={schema}")
    } else {
        format!("{url}?schema={schema}")
    };
    let run = |args: &[&str]| -> Result<(Duration, u64, bool), LedgerError> {
        let mut c = base(args);
        c.env("DAGKAS_STORE_URL", &env_url).stdout(std::process::Stdio::null());
        measure_child(&mut c).map_err(|source| LedgerError::Io {
            path: jsonl.display().to_string(),
            source,
        })
    };
    let imported = run(&["import", jsonl.to_str().unwrap_or_default()]);
    let listed = imported.as_ref().ok().filter(|r| r.2).map(|_| run(&["days", "--json"]));
    let month_days = run(&["days", "--from", month]);
    // The same file again: every document found unchanged (a sync's overlap, at scale).
    let again = run(&["import", jsonl.to_str().unwrap_or_default()]);
    // The schema goes whatever happened.
    if let Ok(mut client) = target.connect("dagkas bench") {
        let _ = client.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
    }
    let (t_import, rss, ok) = imported?;
    let (t_days, _, _) = listed.ok_or_else(|| LedgerError::Refused("the PostgreSQL import failed".into()))??;
    if !ok {
        return Err(LedgerError::Refused("the PostgreSQL import failed".into()));
    }
    let rate = lines as f64 / (t_import + t_days).as_secs_f64();
    let (t_month, rss_month, _) = month_days?;
    let (t_again, _, _) = again?;
    Ok(vec![
        fig(
            "PostgreSQL: import + day build",
            rate,
            "docs/s",
            "≥ the embedded store",
            None,
        ),
        fig(
            "PostgreSQL import vs embedded",
            rate / embedded_rate,
            "×",
            "≥ 1×",
            Some(rate >= embedded_rate),
        ),
        fig(
            "PostgreSQL: import peak RSS",
            rss as f64 / 1024.0,
            "MiB",
            "reference",
            None,
        ),
        fig(
            "PostgreSQL: days --from (one month): time",
            t_month.as_secs_f64() * 1000.0,
            "ms",
            "reference",
            None,
        ),
        fig(
            "PostgreSQL: days --from (one month): peak RSS",
            rss_month as f64 / 1024.0,
            "MiB",
            "reference",
            None,
        ),
        fig(
            "PostgreSQL: the same file again (all unchanged)",
            lines as f64 / t_again.as_secs_f64(),
            "docs/s",
            "reference",
            None,
        ),
    ])
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown cpu".into());
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .next()
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").parse::<u64>().unwrap_or(0))
        })
        .unwrap_or(0);
    format!("{cpu}, {cores} cores, {} GiB", mem / 1024 / 1024)
}

/// The table a person reads.
pub fn table(r: &Report) -> String {
    let mut s = format!(
        "dagkas bench · {} documents over {} days · {}\n\n",
        r.docs, r.days, r.machine
    );
    s.push_str(&format!(
        "{:<66} {:>14} {:<7} {:<34} {}\n",
        "measure", "value", "unit", "target", "met"
    ));
    for f in &r.figures {
        let met = match f.met {
            Some(true) => "yes",
            Some(false) => "NO",
            None => "",
        };
        s.push_str(&format!(
            "{:<66} {:>14.2} {:<7} {:<34} {}\n",
            f.name, f.value, f.unit, f.target, met
        ));
    }
    s
}

/// How each figure grows from the smallest shop to the others: the value at each size and
/// its ratio to the first (flat is 1×).
pub fn growth(reports: &[Report]) -> String {
    let Some(first) = reports.first() else {
        return String::new();
    };
    let mut s = String::from("growth with the history (ratio to the smallest shop)\n\n");
    s.push_str(&format!("{:<58}", "measure"));
    for r in reports {
        s.push_str(&format!(" {:>19}", format!("{} days", r.days)));
    }
    s.push('\n');
    for f in &first.figures {
        s.push_str(&format!("{:<58}", f.name.chars().take(58).collect::<String>()));
        for r in reports {
            let cell = match r.figures.iter().find(|x| x.name == f.name) {
                Some(x) if f.value != 0.0 => format!("{:.1} {} {:.1}×", x.value, x.unit, x.value / f.value),
                Some(x) => format!("{:.1} {}", x.value, x.unit),
                None => "-".into(),
            };
            s.push_str(&format!(" {cell:>19}"));
        }
        s.push('\n');
    }
    s
}

/// A scratch directory for a run.
/// A review screen of 80 × 24 holding `views`, drawn into memory.
fn screen_of(
    views: Vec<crate::domain::book::DayView>,
) -> (crate::tui::app::App, ratatui::Terminal<ratatui::backend::TestBackend>) {
    let mut app = crate::tui::app::App::new(
        "bench".into(),
        crate::tui::keymap::Keymap::default_map(),
        Vec::new(),
        Vec::new(),
    );
    app.update(crate::tui::app::Msg::Loaded(views));
    let terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("test backend");
    (app, terminal)
}

/// What a person waits for when the screen opens: the config read, the store opened, the
/// days around the first one to review read and the first frame drawn (at 80 × 24), in ms.
pub fn first_frame(config: &Path, data: &Path) -> Result<f64, LedgerError> {
    let t = Instant::now();
    let dossier = crate::dossier::Dossier::of_file(config, data);
    let ledger = dossier
        .open_for_work(&mut |_| {})
        .map_err(|e| LedgerError::Refused(e.into()))?;
    let (app, mut terminal) = screen_of(crate::tui::first_views(&ledger)?);
    terminal.draw(|f| crate::tui::ui::draw(f, &app)).expect("draw");
    Ok(t.elapsed().as_secs_f64() * 1000.0)
}

pub fn scratch() -> PathBuf {
    std::env::temp_dir().join(format!("dagkas-bench-{}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::book::Blocker;

    #[test]
    fn the_bench_shop_is_a_valid_dossier() {
        let dir = tempfile::tempdir().expect("tempdir");
        let start = NaiveDate::from_ymd_opt(2016, 1, 1).expect("date");
        let spec = GenSpec {
            docs: 3000,
            days: 10,
            branches: 5,
            seed: 42,
            start,
        };
        let jsonl = dir.path().join("bench.jsonl");
        let mut text = String::new();
        generate(&spec, |doc| {
            text.push_str(&serde_json::to_string(&doc).expect("serialise"));
            text.push('\n');
        });
        std::fs::write(&jsonl, text).expect("write");
        let (config, _) =
            crate::domain::config::parse(&config_for(&jsonl, start, spec.branches)).expect("valid config");
        let mut ledger =
            Ledger::open(config, &dir.path().join("data"), start + chrono::Duration::days(11)).expect("open");
        ledger.import_file("winkel", &jsonl, "test", |_| {}).expect("import");
        let today = start + chrono::Duration::days(11);
        let extra = dir.path().join("extra.jsonl");
        for round in 0..ROUNDS {
            std::fs::write(&extra, extra_documents(spec.docs, spec.days, today, round)).expect("write");
            ledger.import_file("winkel", &extra, "test", |_| {}).expect("import");
        }
        let views = ledger.all_views(None).expect("views");
        let drawer_blocked: Vec<_> = views
            .iter()
            .filter(|v| {
                v.blockers
                    .iter()
                    .any(|b| matches!(b, Blocker::Drawer { .. } | Blocker::Currency { .. }))
            })
            .map(|v| v.date)
            .collect();
        assert!(
            drawer_blocked.is_empty(),
            "days blocked by drawers no journal lists: {drawer_blocked:?}"
        );
        // The bench confirms and centralises every day: each one must be confirmable.
        let outcome = ledger
            .confirm_through(None, today - chrono::Duration::days(1), "test")
            .expect("confirm");
        assert!(outcome.stopped.is_empty(), "{:?}", outcome.stopped);
        assert_eq!(outcome.confirmed.len(), 11);
    }
}
