//! `dagkas sync` without `--once`: the service. One dossier's schedule, or every dossier of
//! a firm on its own schedule in one process, with at most so many runs asking their POS at
//! once.

use super::*;
use crate::firm::Firm;

/// `dagkas sync`: the sources' schedule, until SIGTERM or SIGINT. The store is held only
/// while a run imports, so the review screen and every other command work meanwhile; the
/// service holds the schedule (`sync.lock`) for as long as it lives, so an open review
/// screen leaves the syncing to it. A stop signal ends the loop between runs, or after the
/// run under way has completed (one batch: it lands whole or not at all); a second signal
/// ends it at once.
pub(super) fn sync_service(dossier: &Dossier) -> u8 {
    crate::sync::stop_on_signals();
    serve(dossier, &crate::sync::stopping, &Gate::open(), "", None)
}

/// How many runs may ask their POS at once (a firm's service); the others wait their turn.
pub(super) struct Gate {
    max: usize,
    busy: std::sync::Mutex<usize>,
    freed: std::sync::Condvar,
}

impl Gate {
    pub(super) fn new(max: usize) -> Gate {
        Gate {
            max: max.max(1),
            busy: std::sync::Mutex::new(0),
            freed: std::sync::Condvar::new(),
        }
    }

    /// No bound: one dossier's service.
    fn open() -> Gate {
        Gate::new(usize::MAX)
    }

    /// Wait for a turn; `false` when `stop` says so first.
    fn enter(&self, stop: &dyn Fn() -> bool) -> bool {
        let mut busy = self.busy.lock().unwrap_or_else(|p| p.into_inner());
        while *busy >= self.max {
            if stop() {
                return false;
            }
            busy = self
                .freed
                .wait_timeout(busy, std::time::Duration::from_millis(200))
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
        *busy += 1;
        true
    }

    fn leave(&self) {
        let mut busy = self.busy.lock().unwrap_or_else(|p| p.into_inner());
        *busy = busy.saturating_sub(1);
        self.freed.notify_one();
    }
}

/// One dossier's schedule until `stop`: the service of a dossier, or one of a firm's
/// (`who` then starts each line it prints).
pub(super) fn serve(
    dossier: &Dossier,
    stop: &dyn Fn() -> bool,
    gate: &Gate,
    who: &str,
    in_firm: Option<&crate::firm::Member>,
) -> u8 {
    let data_dir = &dossier.data_dir;
    let now = || format!("{}{}", chrono::Local::now().format("%H:%M:%S"), who);
    if let Err(e) = std::fs::create_dir_all(data_dir) {
        tell!(
            "{} {}",
            now(),
            tr!("error", reason = format!("{}: {e}", data_dir.display()))
        );
        return FAILED;
    }
    // The schedule is the dossier's, where its store is: the config says where.
    let location = loop {
        // Located without a connection (a firm's service starting hundreds of dossiers
        // known by their address would otherwise connect for each at once).
        match dossier.location(&mut |w| tell!("{w}")) {
            Ok(location) => break location,
            Err(Opening::Config(problems)) => problems.iter().for_each(|p| tell!("{p}")),
            Err(e) => tell!("{} {}", now(), tr!("error", reason = e)),
        }
        if !crate::sync::sleep_unless(std::time::Duration::from_secs(30), stop) {
            return OK;
        }
    };
    let mut schedule = match crate::sync::Schedule::take_at(&location, data_dir, stop) {
        Ok(Some(s)) => s,
        Ok(None) => return OK,
        Err(e) => {
            tell!("{} {}", now(), tr!("error", reason = e));
            return FAILED;
        }
    };
    let author = crate::os_user();
    let mut failed_opens = 0u32;
    loop {
        if stop() {
            return OK;
        }
        // Held no more (the database restarted, the network was cut): another service may
        // run the schedule now; this one runs nothing until it holds it again.
        if !schedule.holds() {
            tell!("{} {}", now(), tr!("sync-schedule-lost"));
            drop(schedule);
            schedule = loop {
                match crate::sync::Schedule::take_at(&location, data_dir, stop) {
                    Ok(Some(s)) => break s,
                    Ok(None) => return OK,
                    Err(e) => tell!("{} {}", now(), tr!("error", reason = e)),
                }
                if !crate::sync::sleep_unless(std::time::Duration::from_secs(5), stop) {
                    return OK;
                }
            };
            tell!("{} {}", now(), tr!("sync-schedule-again"));
        }
        if !gate.enter(stop) {
            return OK;
        }
        let started = chrono::Utc::now();
        let ran = crate::sync::run(&mut || open(dossier), &author);
        let interval = match ran {
            Ok((ledger, result)) => {
                failed_opens = 0;
                let notified = crate::sync::finish_run(&ledger, &author, "service", started, &result);
                let interval = crate::sync::interval_of(&ledger.config);
                // The firm's list reads this dossier's row as the run left it.
                if let Some(member) = in_firm {
                    crate::firm::keep_row(member, &ledger);
                }
                // The store is free until the next run, and what the run used goes back.
                // It is let go before anything is written: a paused terminal (Ctrl-S) or a
                // slow pipe keeps the service waiting, not the dossier (decision 70).
                drop(ledger);
                gate.leave();
                for p in notified {
                    tell!("{} notify: {p}", now());
                }
                let printed = match &result {
                    Ok(m) => writeln!(std::io::stdout(), "{} {m}", now()),
                    Err(e) => writeln!(std::io::stderr(), "{} {}", now(), tr!("error", reason = e)),
                };
                if printed.is_err() {
                    // Nobody reads the output any more (a closed terminal): keep syncing.
                    tracing::warn!("sync service: the output cannot be written");
                }
                if crate::store::left_open() {
                    // This process cannot open that store again: end, to be started anew.
                    tell!("{} {}", now(), tr!("store-left-open"));
                    return FAILED;
                }
                crate::give_back_memory();
                interval
            }
            Err(code) => {
                gate.leave();
                // A broken config or a store held too long: say so and try again later.
                failed_opens += 1;
                tell!("{} {}", now(), tr!("sync-could-not-start", code = code));
                60u64.min(5 * u64::from(failed_opens))
            }
        };
        if !crate::sync::sleep_unless(std::time::Duration::from_secs(interval), stop) {
            drop(schedule);
            return OK;
        }
    }
}

/// `dagkas sync --firm DIR|URL`: every dossier of the firm on its own schedule, in one process.
/// At most `parallel` runs ask their POS at once; a slow or failing POS delays only its own
/// dossier. A dossier added to the directory is served within seconds, one removed is let
/// go after its run, a changed config is read at its next run. On PostgreSQL several such
/// services share the dossiers: each dossier's schedule is held by one of them at a time
/// (the server's lock), and the dossiers of a service that is gone are taken over.
pub(super) fn firm_service(firm: &Firm, parallel: usize) -> u8 {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    crate::sync::stop_on_signals();
    let gate = Arc::new(Gate::new(parallel));
    let mut served: std::collections::BTreeMap<String, (Arc<AtomicBool>, std::thread::JoinHandle<u8>)> =
        std::collections::BTreeMap::new();
    loop {
        let members = match firm.members() {
            Ok(m) => m,
            Err(e) => {
                // The firm cannot be read now (a database restarting): the dossiers served
                // stay served; the list is read again in a moment.
                tell!(
                    "{} {}",
                    chrono::Local::now().format("%H:%M:%S"),
                    tr!("error", reason = e)
                );
                if !crate::sync::sleep_unless_stopped(std::time::Duration::from_secs(5)) {
                    break;
                }
                continue;
            }
        };
        let folders: Vec<String> = members.iter().map(|m| m.key.clone()).collect();
        // A dossier whose service ended (a store this process cannot open again) is left
        // alone until the firm changes.
        for member in members {
            if served.contains_key(&member.key) {
                continue;
            }
            let gone = Arc::new(AtomicBool::new(false));
            let who = format!(" [{}]", member.label());
            let (flag, gate, key) = (gone.clone(), gate.clone(), member.key.clone());
            let thread = std::thread::Builder::new()
                .name(format!("dossier{who}"))
                .spawn(move || {
                    let stop = || crate::sync::stopping() || flag.load(Ordering::SeqCst);
                    serve(&member.dossier, &stop, &gate, &who, Some(&member))
                });
            match thread {
                Ok(t) => {
                    served.insert(key, (gone, t));
                }
                Err(e) => tell!("{}", tr!("error", reason = e)),
            }
        }
        for (folder, (gone, _)) in &served {
            if !folders.contains(folder) {
                gone.store(true, Ordering::SeqCst);
            }
        }
        let ended: Vec<String> = served
            .iter()
            .filter(|(f, (_, t))| t.is_finished() && !folders.contains(f))
            .map(|(f, _)| f.clone())
            .collect();
        for f in ended {
            if let Some((_, t)) = served.remove(&f) {
                let _ = t.join();
            }
        }
        if !crate::sync::sleep_unless_stopped(std::time::Duration::from_secs(5)) {
            break;
        }
    }
    // Each dossier ends after the run under way.
    for (_, (_, t)) in served {
        let _ = t.join();
    }
    OK
}
