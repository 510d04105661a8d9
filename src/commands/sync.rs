//! `dagkas sync`: one run, the log of runs, and the Lightspeed login; the service's loop is
//! `service.rs`.

use super::*;

/// `sync --log`, or one run (`sync --once`).
/// `dagkas sync --log`: the past runs and where each source stands.
pub(super) fn sync_log(ledger: &mut Ledger) -> Result<u8, LedgerError> {
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
            crate::sync::counts(c),
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
    for e in entries
        .iter()
        .filter(|e| e.action == crate::store::audit::Action::NotifyFailed)
    {
        say!(
            "{} {} {}: {}",
            tr!("log-notify"),
            e.at.format("%Y-%m-%d %H:%M:%S"),
            e.detail["to"].as_str().unwrap_or(""),
            e.detail["error"].as_str().unwrap_or("")
        );
    }
    for e in entries
        .iter()
        .filter(|e| e.action == crate::store::audit::Action::SyncFailed)
    {
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
            .filter(|e| e.action == crate::store::audit::Action::SyncFailed && e.detail["source"] == s.name.as_str())
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
pub(super) fn sync_once(dossier: &Dossier) -> u8 {
    let author = crate::os_user();
    let started = chrono::Utc::now();
    let (ledger, result) = match crate::sync::run(&mut || open(dossier), &author) {
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

pub(super) fn login(ledger: &mut Ledger, source: &str) -> Result<u8, LedgerError> {
    let s = ledger
        .config
        .source(source)
        .cloned()
        .ok_or_else(|| LedgerError::Refused(crate::text!("unknown-source", source = format!("{source:?}"))))?;
    if s.kind != crate::domain::config::SourceKind::Lightspeed {
        return Err(LedgerError::Refused(crate::text!(
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
