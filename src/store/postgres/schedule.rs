//! The sync schedule of a dossier on PostgreSQL: a session advisory lock (the server
//! releases it when the holder dies or its network is cut). The schedules a process holds
//! in one database share one session.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use postgres::Client;

use super::{db_error, Target, SCHEDULE_CLASS};
use crate::store::Result;

/// The right to run a dossier's sync schedule, held on the process's lock session of that
/// database (the server releases it when the session ends): one scheduler per dossier,
/// whichever machine it runs on.
pub struct ScheduleLock {
    session: Arc<LockSession>,
    key: i64,
}

/// A database session that holds the schedule locks of every dossier this process runs in
/// that database: a firm's service holds hundreds of schedules on one connection instead of
/// one each (the server allows a hundred by default). Session locks are re-entrant within a
/// session, so the keys this process holds are kept here too: a second taker in the same
/// process waits like one on another machine.
struct LockSession {
    client: Mutex<Client>,
    held: Mutex<std::collections::HashSet<i64>>,
}

impl LockSession {
    fn alive(&self) -> bool {
        let mut c = self.client.lock().unwrap_or_else(|p| p.into_inner());
        !c.is_closed() && c.simple_query("SELECT 1").is_ok()
    }
}

/// The lock session of a database (by its address and user), opened when none is alive.
fn lock_session(target: &Target) -> Result<Arc<LockSession>> {
    static SESSIONS: std::sync::OnceLock<Mutex<HashMap<String, Arc<LockSession>>>> = std::sync::OnceLock::new();
    let mut sessions = SESSIONS
        .get_or_init(|| Mutex::new(HashMap::new()))
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    if let Some(s) = sessions.get(&target.url) {
        if !s.client.lock().unwrap_or_else(|p| p.into_inner()).is_closed() {
            return Ok(s.clone());
        }
    }
    let session = Arc::new(LockSession {
        // Named with the process, so that a firm's administrator sees whose it is.
        client: Mutex::new(target.connect(&format!("dagkas (sync schedules, pid {})", std::process::id()))?),
        held: Mutex::new(std::collections::HashSet::new()),
    });
    sessions.insert(target.url.clone(), session.clone());
    Ok(session)
}

impl ScheduleLock {
    /// Whether the lock is still held: its session is alive. A server that restarted, or a
    /// network that was cut, ended the session and released the lock to whoever asks next.
    pub fn holds(&mut self) -> bool {
        self.session.alive()
    }

    /// Take the schedule; with `wait`, until it is free or `stop` says so (`None`).
    pub fn take(target: &Target, wait: bool, stop: &dyn Fn() -> bool) -> Result<Option<ScheduleLock>> {
        let key = target.lock_key(SCHEDULE_CLASS);
        loop {
            let session = lock_session(target)?;
            let taken = {
                let mut held = session.held.lock().unwrap_or_else(|p| p.into_inner());
                if held.contains(&key) {
                    false
                } else {
                    let mut client = session.client.lock().unwrap_or_else(|p| p.into_inner());
                    let row = client
                        .query_one("SELECT pg_try_advisory_lock($1)", &[&key])
                        .map_err(|e| db_error(target, e))?;
                    let got = row.get::<_, bool>(0);
                    if got {
                        held.insert(key);
                    }
                    got
                }
            };
            if taken {
                return Ok(Some(ScheduleLock { session, key }));
            }
            if !wait || stop() {
                return Ok(None);
            }
            std::thread::sleep(Duration::from_millis(500));
        }
    }
}

impl Drop for ScheduleLock {
    fn drop(&mut self) {
        let mut held = self.session.held.lock().unwrap_or_else(|p| p.into_inner());
        if held.remove(&self.key) {
            let mut client = self.session.client.lock().unwrap_or_else(|p| p.into_inner());
            if !client.is_closed() {
                let _ = client.execute("SELECT pg_advisory_unlock($1)", &[&self.key]);
            }
        }
    }
}
