//! `dagkas bench --firm N`: a firm of N dossiers of one year each (about 30 tickets a day,
//! confirmed but for the last week), on data dirs: its list (`dossiers --json`) as a fresh
//! process the first time, with every row kept, and after one dossier changed; the
//! overview's first frame with its rows; and one round of the firm's service, every
//! dossier fetching a new ticket from the built-in fake POS on 127.0.0.1 through the
//! MplusKASSA connector, with the service's peak memory.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use super::{config_for, fig, io_at, measure_child, Figure, Report};
use crate::domain::text::Text;
use crate::ledger::LedgerError;

/// How long one service round may take before the bench gives up on it.
const ROUND_LIMIT: Duration = Duration::from_secs(600);

pub fn run(dossiers: usize, dir: &Path, store: Option<&str>, mut say: impl FnMut(&str)) -> Result<Report, LedgerError> {
    std::fs::create_dir_all(dir).map_err(io_at(dir))?;
    let exe = std::env::current_exe().map_err(io_at(dir))?;
    let (docs, days) = (11_000, 365);
    let (spec, today) = super::shop_spec(docs, days, 7);
    say(&format!("one dossier: {docs} documents over {days} days …"));
    let jsonl = dir.join("year.jsonl");
    super::write_documents(&spec, &jsonl, None)?;
    let firm = dir.join("firm");
    let _ = std::fs::remove_dir_all(&firm);
    let first = firm.join("d0001");
    std::fs::create_dir_all(&first).map_err(io_at(&first))?;
    let config = config_for(&jsonl, spec.start, spec.branches);
    std::fs::write(first.join("dagkas.toml"), &config).map_err(io_at(&first))?;
    let cache = dir.join("cache");
    let in_firm = |args: &[&str]| {
        let mut c = Command::new(&exe);
        c.args(args)
            .env("DAGKAS_TODAY", today.to_string())
            .env("XDG_CACHE_HOME", &cache)
            .env_remove("DAGKAS_STORE_URL")
            .env_remove("DAGKAS_FIRM");
        c
    };
    let on_first = |args: &[&str]| {
        let mut c = in_firm(&[
            "--config",
            first.join("dagkas.toml").to_str().unwrap_or_default(),
            "--data",
        ]);
        c.arg(&first).args(args);
        c
    };
    let ok = |c: &mut Command, what: &str| -> Result<(), LedgerError> {
        let out = c.output().map_err(io_at(&exe))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(LedgerError::Refused(
                format!("the bench could not {what}: {}", String::from_utf8_lossy(&out.stderr)).into(),
            ))
        }
    };
    ok(&mut on_first(&["import", jsonl.to_str().unwrap_or_default()]), "import")?;
    let week_ago = (today - chrono::Duration::days(8)).to_string();
    ok(&mut on_first(&["confirm", "--through", &week_ago]), "confirm")?;
    let ticket = new_ticket(dir, today)?;
    if let Some(url) = store {
        let figures = on_postgres(url, dossiers, &config, &ticket, &first, &in_firm, &mut say)?;
        return Ok(Report {
            machine: super::machine(),
            docs: docs * dossiers as u64,
            days,
            figures,
        });
    }
    say(&format!("{dossiers} dossiers …"));
    for n in 2..=dossiers {
        let folder = firm.join(format!("d{n:04}"));
        crate::store::copy_dir(&first.join("store"), &folder.join("store")).map_err(io_at(&folder))?;
        let own = config.replacen("name = \"", &format!("name = \"{n:04} "), 1);
        std::fs::write(folder.join("dagkas.toml"), own).map_err(io_at(&folder))?;
    }
    // SAFETY: sync(2) takes no arguments and cannot fail.
    unsafe { libc::sync() };
    let mut figures: Vec<Figure> = Vec::new();
    let firm_arg = firm.to_str().unwrap_or_default().to_string();
    say("the list …");
    figures.extend(list(&firm_arg, "", "first time (each dossier opened)", &in_firm)?);
    figures.extend(list(&firm_arg, "", "again, nothing changed", &in_firm)?);
    ok(
        &mut on_first(&["confirm", "--through", &(today - chrono::Duration::days(7)).to_string()]),
        "confirm a day",
    )?;
    figures.extend(list(&firm_arg, "", "after one dossier changed", &in_firm)?);
    say("the overview's first frame …");
    figures.push(overview_frame(&firm_arg, "", &in_firm)?);
    say("one service round …");
    figures.extend(service_round(&firm, &in_firm, &ticket, dossiers)?);
    // Every dossier changed in that round; the service kept each one's row as it left it.
    figures.extend(list(
        &firm_arg,
        "",
        "after a service round over every dossier",
        &in_firm,
    )?);
    Ok(Report {
        machine: super::machine(),
        docs: docs * dossiers as u64,
        days,
        figures,
    })
}

/// A ticket of the day before `today`, for the fake POS to hand every dossier.
fn new_ticket(dir: &Path, today: NaiveDate) -> Result<std::path::PathBuf, LedgerError> {
    let ticket = dir.join("new-ticket.jsonl");
    let at = (today - chrono::Duration::days(1)).and_hms_opt(11, 0, 0).expect("time");
    std::fs::write(
        &ticket,
        format!(
            "{{\"type\":\"ticket\",\"id\":\"NEW-1\",\"branch\":\"1\",\"register\":\"1\",\"time\":\"{}+01:00\",\"lines\":[{{\"vat\":\"1\",\"amount\":\"12.10\"}}],\"payments\":[{{\"method\":\"EFT\",\"amount\":\"12.10\"}}]}}\n",
            at.format("%Y-%m-%dT%H:%M:%S")
        ),
    )
    .map_err(io_at(&ticket))?;
    Ok(ticket)
}

/// A config whose source is the built-in fake POS (MplusKASSA) handing out `ticket`.
fn with_demo_source(text: &str, ticket: &Path) -> Result<String, LedgerError> {
    let source = text
        .find("[[source]]")
        .and_then(|i| text[i + 1..].find("\n[").map(|j| (i, i + 1 + j)));
    let Some((a, b)) = source else {
        return Err(LedgerError::Refused("the bench's config has no source".into()));
    };
    let name = text[a..b]
        .lines()
        .find_map(|l| l.strip_prefix("name = "))
        .unwrap_or("\"winkel\"")
        .to_string();
    let demo = format!(
        "[[source]]\nname = {name}\nkind = \"demo\"\nprotocol = \"mplus\"\ninterval = \"1h\"\npath = \"{}\"\n",
        ticket.display()
    );
    Ok(format!("{}{demo}{}", &text[..a], &text[b..]))
}

/// Every dossier given a new ticket through the fake POS, the firm's service started, and
/// timed until each dossier's run has landed.
fn service_round(
    firm: &Path,
    in_firm: &dyn Fn(&[&str]) -> Command,
    ticket: &Path,
    dossiers: usize,
) -> Result<Vec<Figure>, LedgerError> {
    let folders = crate::firm::folders(firm).map_err(io_at(firm))?;
    for folder in &folders {
        let path = folder.join("dagkas.toml");
        let text = std::fs::read_to_string(&path).map_err(io_at(&path))?;
        std::fs::write(&path, with_demo_source(&text, ticket)?).map_err(io_at(&path))?;
    }
    let started = std::time::SystemTime::now();
    let child = in_firm(&["sync", "--firm", firm.to_str().unwrap_or_default()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(io_at(firm))?;
    // A run landed: its record is newer than the service and says it went well.
    let landed = |folder: &Path| {
        let record = folder.join("last-sync.json");
        std::fs::metadata(&record)
            .and_then(|m| m.modified())
            .is_ok_and(|t| t >= started)
            && std::fs::read_to_string(&record).is_ok_and(|r| r.contains("\"ok\":true") && r.contains("1 new"))
    };
    let watched = watch_service(child, Duration::from_millis(100), &mut || {
        Ok(folders.iter().all(|f| landed(f)))
    })?;
    let (s, threads) = (watched.round.as_secs_f64(), watched.threads);
    let mib = watched.peak_kib as f64 / 1024.0;
    Ok(vec![
        fig(
            &format!("one service round, {dossiers} dossiers, a new ticket each"),
            s,
            "s",
            "≤ 60 s for 500",
            Some(s <= 60.0),
        ),
        fig("the service's peak RSS", mib, "MiB", "≤ 300 MiB", Some(mib <= 300.0)),
        fig(
            "the service's threads (most asleep)",
            threads as f64,
            "",
            "context",
            None,
        ),
    ])
}

/// The same firm in a PostgreSQL database of its own (made in the server of `url`, dropped
/// after): each dossier a schema keeping its config, the firm named by the database alone.
/// Its list (every dossier read each time), the overview's first frame, and one service
/// round with the database connections the service held at most.
fn on_postgres(
    url: &str,
    dossiers: usize,
    config: &str,
    ticket: &Path,
    first: &Path,
    in_firm: &dyn Fn(&[&str]) -> Command,
    say: &mut dyn FnMut(&str),
) -> Result<Vec<Figure>, LedgerError> {
    let refused = |e: Text| LedgerError::Refused(e.at("the bench's database"));
    let target = crate::store::postgres::Target::parse(url, Some("bench"), "").map_err(refused)?;
    let mut admin = target.connect("dagkas bench").map_err(LedgerError::Store)?;
    let db = format!("dagkas_bench_firm_{}", std::process::id());
    let said = |e: postgres::Error| {
        e.as_db_error()
            .map_or_else(|| e.to_string(), |d| d.message().to_string())
    };
    // One statement each: a database is not made or dropped inside a transaction.
    for sql in [format!("DROP DATABASE IF EXISTS {db}"), format!("CREATE DATABASE {db}")] {
        admin.batch_execute(&sql).map_err(|e| refused(said(e).into()))?;
    }
    let mut firm_url = url::Url::parse(url).map_err(|e| refused(e.to_string().into()))?;
    firm_url.set_path(&format!("/{db}"));
    firm_url.set_query(None);
    let firm = firm_url.to_string();
    let measured = (|| {
        say(&format!("{dossiers} dossiers in database {db} …"));
        let dir = first.parent().unwrap_or(first);
        for n in 1..=dossiers {
            let address = format!("{firm}?schema=d{n:04}");
            let own = with_demo_source(&config.replacen("name = \"", &format!("name = \"{n:04} "), 1), ticket)?;
            let file = dir.join(format!("d{n:04}.toml"));
            std::fs::write(&file, own).map_err(io_at(&file))?;
            let config_arg = first.join("dagkas.toml");
            for args in [
                vec![
                    "--config",
                    config_arg.to_str().unwrap_or_default(),
                    "--data",
                    first.to_str().unwrap_or_default(),
                    "store",
                    "copy",
                    "--to",
                    &address,
                ],
                vec!["--store", &address, "config", "load", file.to_str().unwrap_or_default()],
            ] {
                let out = in_firm(&args).output().map_err(io_at(Path::new("dagkas")))?;
                if !out.status.success() {
                    return Err(LedgerError::Refused(
                        format!(
                            "the bench could not make dossier {n}: {}",
                            String::from_utf8_lossy(&out.stderr)
                        )
                        .into(),
                    ));
                }
            }
        }
        let mut figures = Vec::new();
        say("the list …");
        figures.extend(list(&firm, PG, "first time (each dossier opened)", in_firm)?);
        figures.extend(list(&firm, PG, "again, nothing changed", in_firm)?);
        say("the overview's first frame …");
        figures.push(overview_frame(&firm, PG, in_firm)?);
        say("one service round …");
        figures.extend(service_round_on_postgres(&firm, &db, dossiers, &mut admin, in_firm)?);
        figures.extend(list(&firm, PG, "after a service round over every dossier", in_firm)?);
        Ok(figures)
    })();
    let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"));
    measured
}

/// The firm's service on the database until every dossier's run has landed (its record
/// of the last run in the dossier's schema says so), with the connections it held at most.
fn service_round_on_postgres(
    firm: &str,
    db: &str,
    dossiers: usize,
    admin: &mut postgres::Client,
    in_firm: &dyn Fn(&[&str]) -> Command,
) -> Result<Vec<Figure>, LedgerError> {
    let fail = |e: postgres::Error| LedgerError::Refused(format!("the bench's database: {e}").into());
    let mut into = postgres::Client::connect(firm, postgres::NoTls).map_err(fail)?;
    let landed_query = (1..=dossiers)
        .map(|n| format!("SELECT convert_from(v, 'UTF8') FROM d{n:04}.meta WHERE k = 'last_sync'"))
        .collect::<Vec<_>>()
        .join(" UNION ALL ");
    let started = chrono::Utc::now();
    let child = in_firm(&["sync", "--firm", firm])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(io_at(Path::new("dagkas")))?;
    let mut connections = 0i64;
    let watched = watch_service(child, Duration::from_millis(200), &mut || {
        // The service's own sessions: named after it (its schedules) or opened by it.
        let held: i64 = admin
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() \
                 AND application_name LIKE 'dagkas%' AND application_name NOT LIKE 'dagkas bench%'",
                &[&db],
            )
            .map_err(fail)?
            .get(0);
        connections = connections.max(held);
        let records: Vec<String> = into
            .query(&landed_query, &[])
            .map_err(fail)?
            .iter()
            .map(|r| r.get(0))
            .collect();
        let done = records
            .iter()
            .filter_map(|r| serde_json::from_str::<serde_json::Value>(r).ok())
            .filter(|r| {
                r["ok"] == true
                    && r["at"]
                        .as_str()
                        .and_then(|a| a.parse::<chrono::DateTime<chrono::Utc>>().ok())
                        .is_some_and(|a| a >= started)
            })
            .count();
        Ok(done == dossiers)
    })?;
    let (s, mib) = (watched.round.as_secs_f64(), watched.peak_kib as f64 / 1024.0);
    Ok(vec![
        fig(
            &format!("PostgreSQL: one service round, {dossiers} dossiers, a new ticket each"),
            s,
            "s",
            "≤ 60 s for 500",
            Some(s <= 60.0),
        ),
        fig(
            "PostgreSQL: the service's peak RSS",
            mib,
            "MiB",
            "≤ 300 MiB",
            Some(mib <= 300.0),
        ),
        fig(
            "PostgreSQL: the service's database connections at most",
            connections as f64,
            "",
            "≤ 16",
            Some(connections <= 16),
        ),
    ])
}

/// What a service round showed of the service: how long until every dossier's run had
/// landed, and its peak memory and threads as `/proc` gave them while it ran.
struct Watched {
    round: Duration,
    peak_kib: u64,
    threads: u64,
}

/// Watch a firm's service (its output let go) until `landed` says every dossier's run has
/// landed, asking every `pause`; then stop it. Refused after [`ROUND_LIMIT`], or when the
/// service ends first.
fn watch_service(
    mut child: std::process::Child,
    pause: Duration,
    landed: &mut dyn FnMut() -> Result<bool, LedgerError>,
) -> Result<Watched, LedgerError> {
    let clock = Instant::now();
    let status = format!("/proc/{}/status", child.id());
    let (mut peak_kib, mut threads) = (0u64, 0u64);
    let round = loop {
        if let Ok(s) = std::fs::read_to_string(&status) {
            let n = |l: &str| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()).unwrap_or(0);
            for l in s.lines() {
                if l.starts_with("VmHWM:") {
                    peak_kib = peak_kib.max(n(l));
                }
                if l.starts_with("Threads:") {
                    threads = threads.max(n(l));
                }
            }
        }
        match landed() {
            Ok(true) => break Ok(clock.elapsed()),
            Err(e) => break Err(e),
            Ok(false) => {}
        }
        if clock.elapsed() > ROUND_LIMIT || child.try_wait().ok().flatten().is_some() {
            break Err(LedgerError::Refused(
                format!(
                    "the firm's service did not run every dossier within {} s",
                    ROUND_LIMIT.as_secs()
                )
                .into(),
            ));
        }
        std::thread::sleep(pause);
    };
    // SAFETY: a signal to our own child.
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGTERM);
    }
    let _ = child.wait();
    Ok(Watched {
        round: round?,
        peak_kib,
        threads,
    })
}

/// How the figures of the firm in PostgreSQL are named.
const PG: &str = "PostgreSQL: ";

/// `dossiers --json` on the firm as a fresh process: its time (the first listing, which
/// opens every dossier, is context) and peak memory.
fn list(
    firm: &str,
    prefix: &str,
    what: &str,
    in_firm: &dyn Fn(&[&str]) -> Command,
) -> Result<[Figure; 2], LedgerError> {
    let (t, rss, done) =
        measure_child(&mut in_firm(&["dossiers", "--firm", firm, "--json"])).map_err(io_at(Path::new("dagkas")))?;
    if !done {
        return Err(LedgerError::Refused("the bench's dossiers list failed".into()));
    }
    let s = t.as_secs_f64();
    let first = what.starts_with("first");
    Ok([
        fig(
            &format!("{prefix}dossiers --json, {what}: time"),
            s,
            "s",
            if first { "context" } else { "≤ 1 s for 500" },
            (!first).then_some(s <= 1.0),
        ),
        fig(
            &format!("{prefix}dossiers --json, {what}: peak RSS"),
            rss as f64 / 1024.0,
            "MiB",
            "",
            None,
        ),
    ])
}

/// The overview's first frame with its rows, measured by a fresh process.
fn overview_frame(firm: &str, prefix: &str, in_firm: &dyn Fn(&[&str]) -> Command) -> Result<Figure, LedgerError> {
    let out = in_firm(&["bench", "--overview-frame", firm])
        .output()
        .map_err(io_at(Path::new("dagkas")))?;
    let ms: f64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap_or(f64::NAN);
    Ok(fig(
        &format!("{prefix}the overview's first frame with its rows"),
        ms,
        "ms",
        "≤ 200 ms",
        Some(ms <= 200.0),
    ))
}
