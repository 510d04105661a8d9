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

use super::{config_for, fig, measure_child, Figure, Report};
use crate::gen::{generate, GenSpec};
use crate::ledger::LedgerError;

/// How long one service round may take before the bench gives up on it.
const ROUND_LIMIT: Duration = Duration::from_secs(600);

pub fn run(dossiers: usize, dir: &Path, mut say: impl FnMut(&str)) -> Result<Report, LedgerError> {
    let io = |p: &Path| {
        let path = p.display().to_string();
        move |source| LedgerError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let exe = std::env::current_exe().map_err(io(dir))?;
    let (docs, days) = (11_000, 365);
    let start = NaiveDate::from_ymd_opt(2016, 1, 1).expect("date");
    let today = start + chrono::Duration::days(i64::from(days) + 1);
    let spec = GenSpec {
        docs,
        days,
        branches: 5,
        seed: 7,
        start,
    };
    say(&format!("one dossier: {docs} documents over {days} days …"));
    let jsonl = dir.join("year.jsonl");
    {
        use std::io::Write;
        let mut j = std::io::BufWriter::new(std::fs::File::create(&jsonl).map_err(io(&jsonl))?);
        let mut err = None;
        generate(&spec, |doc| {
            let line = serde_json::to_string(&doc).expect("serialise") + "\n";
            if let Err(e) = j.write_all(line.as_bytes()) {
                err = Some(e);
            }
        });
        if let Some(e) = err {
            return Err(io(&jsonl)(e));
        }
        j.flush().map_err(io(&jsonl))?;
    }
    let firm = dir.join("firm");
    let _ = std::fs::remove_dir_all(&firm);
    let first = firm.join("d0001");
    std::fs::create_dir_all(&first).map_err(io(&first))?;
    let config = config_for(&jsonl, start, spec.branches);
    std::fs::write(first.join("dagkas.toml"), &config).map_err(io(&first))?;
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
        let out = c.output().map_err(io(&exe))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(LedgerError::Refused(format!(
                "the bench could not {what}: {}",
                String::from_utf8_lossy(&out.stderr)
            )))
        }
    };
    ok(&mut on_first(&["import", jsonl.to_str().unwrap_or_default()]), "import")?;
    let week_ago = (today - chrono::Duration::days(8)).to_string();
    ok(&mut on_first(&["confirm", "--through", &week_ago]), "confirm")?;
    say(&format!("{dossiers} dossiers …"));
    for n in 2..=dossiers {
        let folder = firm.join(format!("d{n:04}"));
        crate::store::copy_dir(&first.join("store"), &folder.join("store")).map_err(io(&folder))?;
        let own = config.replacen("name = \"", &format!("name = \"{n:04} "), 1);
        std::fs::write(folder.join("dagkas.toml"), own).map_err(io(&folder))?;
    }
    // SAFETY: sync(2) takes no arguments and cannot fail.
    unsafe { libc::sync() };
    let mut figures: Vec<Figure> = Vec::new();
    let firm_arg = firm.to_str().unwrap_or_default().to_string();
    let list = |what: &str, target: &str, limit: Option<f64>| -> Result<[Figure; 2], LedgerError> {
        let (t, rss, done) =
            measure_child(&mut in_firm(&["dossiers", "--firm", &firm_arg, "--json"])).map_err(io(&exe))?;
        if !done {
            return Err(LedgerError::Refused("the bench's dossiers list failed".into()));
        }
        let s = t.as_secs_f64();
        Ok([
            fig(
                &format!("dossiers --json, {what}: time"),
                s,
                "s",
                target,
                limit.map(|l| s <= l),
            ),
            fig(
                &format!("dossiers --json, {what}: peak RSS"),
                rss as f64 / 1024.0,
                "MiB",
                "",
                None,
            ),
        ])
    };
    say("the list …");
    figures.extend(list("first time (each dossier opened)", "context", None)?);
    figures.extend(list("again, nothing changed", "≤ 1 s for 500", Some(1.0))?);
    ok(
        &mut on_first(&["confirm", "--through", &(today - chrono::Duration::days(7)).to_string()]),
        "confirm a day",
    )?;
    figures.extend(list("after one dossier changed", "≤ 1 s for 500", Some(1.0))?);
    say("the overview's first frame …");
    let out = in_firm(&["bench", "--overview-frame", &firm_arg])
        .output()
        .map_err(io(&exe))?;
    let ms: f64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap_or(f64::NAN);
    figures.push(fig(
        "the overview's first frame with its rows",
        ms,
        "ms",
        "≤ 200 ms",
        Some(ms <= 200.0),
    ));
    say("one service round …");
    figures.extend(service_round(&firm, &in_firm, today, dossiers)?);
    // Every dossier changed in that round; the service kept each one's row as it left it.
    figures.extend(list(
        "after a service round over every dossier",
        "≤ 1 s for 500",
        Some(1.0),
    )?);
    Ok(Report {
        machine: super::machine(),
        docs: docs * dossiers as u64,
        days,
        figures,
    })
}

/// Every dossier given a new ticket through the fake POS, the firm's service started, and
/// timed until each dossier's run has landed.
fn service_round(
    firm: &Path,
    in_firm: &dyn Fn(&[&str]) -> Command,
    today: NaiveDate,
    dossiers: usize,
) -> Result<Vec<Figure>, LedgerError> {
    let io = |p: &Path| {
        let path = p.display().to_string();
        move |source| LedgerError::Io { path, source }
    };
    let ticket = firm.join("new-ticket.jsonl");
    let at = (today - chrono::Duration::days(1)).and_hms_opt(11, 0, 0).expect("time");
    std::fs::write(
        &ticket,
        format!(
            "{{\"type\":\"ticket\",\"id\":\"NEW-1\",\"branch\":\"1\",\"register\":\"1\",\"time\":\"{}+01:00\",\"lines\":[{{\"vat\":\"1\",\"amount\":\"12.10\"}}],\"payments\":[{{\"method\":\"EFT\",\"amount\":\"12.10\"}}]}}\n",
            at.format("%Y-%m-%dT%H:%M:%S")
        ),
    )
    .map_err(io(&ticket))?;
    let folders = crate::firm::folders(firm).map_err(io(firm))?;
    for folder in &folders {
        let path = folder.join("dagkas.toml");
        let text = std::fs::read_to_string(&path).map_err(io(&path))?;
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
        let changed = format!("{}{demo}{}", &text[..a], &text[b..]);
        std::fs::write(&path, changed).map_err(io(&path))?;
    }
    let started = std::time::SystemTime::now();
    let clock = Instant::now();
    let mut child = in_firm(&["sync", "--firm", firm.to_str().unwrap_or_default()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(io(firm))?;
    let status = format!("/proc/{}/status", child.id());
    // A run landed: its record is newer than the service and says it went well.
    let landed = |folder: &Path| {
        let record = folder.join("last-sync.json");
        std::fs::metadata(&record)
            .and_then(|m| m.modified())
            .is_ok_and(|t| t >= started)
            && std::fs::read_to_string(&record).is_ok_and(|r| r.contains("\"ok\":true") && r.contains("1 new"))
    };
    let (mut peak_kib, mut threads) = (0u64, 0u64);
    let round = loop {
        if let Ok(s) = std::fs::read_to_string(&status) {
            for l in s.lines() {
                let n = |l: &str| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()).unwrap_or(0);
                if l.starts_with("VmHWM:") {
                    peak_kib = peak_kib.max(n(l));
                }
                if l.starts_with("Threads:") {
                    threads = threads.max(n(l));
                }
            }
        }
        if folders.iter().all(|f| landed(f)) {
            break Some(clock.elapsed());
        }
        if clock.elapsed() > ROUND_LIMIT || child.try_wait().ok().flatten().is_some() {
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    // SAFETY: a signal to our own child.
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGTERM);
    }
    let _ = child.wait();
    let Some(round) = round else {
        return Err(LedgerError::Refused(format!(
            "the firm's service did not run every dossier within {} s",
            ROUND_LIMIT.as_secs()
        )));
    };
    let s = round.as_secs_f64();
    let mib = peak_kib as f64 / 1024.0;
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
