//! The sync schedule: one scheduler per dossier, and stopping on a signal.

use super::*;

/// The right to run the sources' schedule: one process at a time per dossier
/// (`DATA/sync.lock` beside the embedded store, a lock of the server on PostgreSQL, whichever
/// machine asks). The sync service holds it for its life; an open review screen takes it
/// only for a run, and only when no service holds it.
pub enum Schedule {
    File(std::fs::File),
    Database(Box<crate::store::postgres::ScheduleLock>),
}

impl Schedule {
    /// Whether this process still holds the schedule (checked before each run: after a
    /// database restart, another service may hold it now).
    pub fn holds(&mut self) -> bool {
        match self {
            Schedule::File(_) => true,
            Schedule::Database(lock) => lock.holds(),
        }
    }

    /// Wait for the schedule of the dossier's store (a review screen may be in the middle of
    /// a run); `None` when `stop` says so first.
    pub fn take_at(
        location: &crate::store::Location,
        dir: &std::path::Path,
        stop: impl Fn() -> bool,
    ) -> std::result::Result<Option<Schedule>, String> {
        match location {
            crate::store::Location::Embedded => Schedule::take(dir, stop).map_err(|e| e.to_string()),
            crate::store::Location::Postgres(t) => crate::store::postgres::ScheduleLock::take(t, true, &stop)
                .map(|l| l.map(|l| Schedule::Database(Box::new(l))))
                .map_err(|e| e.to_string()),
        }
    }

    /// The schedule of the dossier's store, if nobody holds it now.
    pub fn try_take_at(location: &crate::store::Location, dir: &std::path::Path) -> Option<Schedule> {
        match location {
            crate::store::Location::Embedded => Schedule::try_take(dir),
            crate::store::Location::Postgres(t) => crate::store::postgres::ScheduleLock::take(t, false, &|| true)
                .ok()
                .flatten()
                .map(|l| Schedule::Database(Box::new(l))),
        }
    }

    pub(super) fn file(dir: &std::path::Path) -> std::io::Result<std::fs::File> {
        std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join("sync.lock"))
    }

    /// Wait for the schedule (a review screen may be in the middle of a run); `None` when
    /// `stop` says so first.
    pub(super) fn take(dir: &std::path::Path, stop: impl Fn() -> bool) -> std::io::Result<Option<Schedule>> {
        let file = Schedule::file(dir)?;
        loop {
            if fs2::FileExt::try_lock_exclusive(&file).is_ok() {
                return Ok(Some(Schedule::File(file)));
            }
            if stop() {
                return Ok(None);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The schedule if nobody holds it now.
    pub(super) fn try_take(dir: &std::path::Path) -> Option<Schedule> {
        let file = Schedule::file(dir).ok()?;
        fs2::FileExt::try_lock_exclusive(&file).ok()?;
        Some(Schedule::File(file))
    }
}

static STOP: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

extern "C" fn on_stop_signal(_: libc::c_int) {
    // A second signal: stop now (the store's crash guarantees hold).
    if STOP.fetch_add(1, std::sync::atomic::Ordering::SeqCst) >= 1 {
        unsafe { libc::_exit(130) };
    }
}

/// SIGTERM and SIGINT ask the service to stop after the run under way.
pub fn stop_on_signals() {
    let handler: extern "C" fn(libc::c_int) = on_stop_signal;
    for sig in [libc::SIGTERM, libc::SIGINT] {
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = handler as libc::sighandler_t;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(sig, &action, std::ptr::null_mut());
        }
    }
}

pub fn stopping() -> bool {
    STOP.load(std::sync::atomic::Ordering::SeqCst) > 0
}

/// Sleep, waking early for a stop signal; false when stopping.
pub fn sleep_unless_stopped(total: Duration) -> bool {
    sleep_unless(total, &stopping)
}

/// Sleep, waking early when `stop` says so; false when stopping.
pub fn sleep_unless(total: Duration, stop: &dyn Fn() -> bool) -> bool {
    let until = std::time::Instant::now() + total;
    while std::time::Instant::now() < until {
        if stop() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(100).min(until - std::time::Instant::now()));
    }
    !stop()
}
