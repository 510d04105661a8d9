//! Hearing of changes: a review screen's connection that `LISTEN`s for the dossier's
//! notices, so every machine learns of a change at once.

use super::*;

/// What an open review screen knows of the dossier's last change, kept up to date by a
/// listener of its own (LISTEN, and a look every few seconds in case a notice was missed),
/// which reconnects after the server went away.
#[derive(Clone, Default)]
pub struct Listener {
    state: Arc<Mutex<Heard>>,
}

#[derive(Default)]
struct Heard {
    /// The last change, as `SEQ TIME AUTHOR ACTION`.
    latest: Option<String>,
    /// Why the database cannot be reached now.
    trouble: Option<String>,
    /// The record of the dossier's last sync run (JSON), whichever machine ran it.
    last_sync: Option<Vec<u8>>,
}

impl Listener {
    pub fn start(target: Target) -> Listener {
        let listener = Listener::default();
        let state = listener.state.clone();
        std::thread::spawn(move || loop {
            let trouble = match listen(&target, &state) {
                Ok(()) => return,
                Err(e) => e.to_string(),
            };
            state.lock().unwrap_or_else(|e| e.into_inner()).trouble = Some(trouble);
            std::thread::sleep(Duration::from_secs(2));
        });
        listener
    }

    fn heard(&self) -> std::sync::MutexGuard<'_, Heard> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The last change, as `SEQ TIME AUTHOR ACTION`.
    pub fn latest(&self) -> Option<String> {
        self.heard().latest.clone()
    }

    /// Why the database cannot be reached now, if it cannot.
    pub fn trouble(&self) -> Option<String> {
        self.heard().trouble.clone()
    }

    /// The record of the dossier's last sync run, as last read.
    pub fn last_sync(&self) -> Option<Vec<u8>> {
        self.heard().last_sync.clone()
    }
}

fn listen(target: &Target, state: &Arc<Mutex<Heard>>) -> Result<()> {
    let mut client = target.connect("dagkas (review screen listener)")?;
    let err = |e| db_error(target, e);
    client
        .batch_execute(&format!("LISTEN {}", target.channel()))
        .map_err(err)?;
    let last_sync = format!("SELECT v FROM {}.meta WHERE k = $1", target.schema);
    loop {
        let latest = newest_change(&mut client, target)?;
        let run = client
            .query_opt(&last_sync, &[&LAST_SYNC])
            .map_err(err)?
            .map(|r| r.get::<_, Vec<u8>>(0));
        {
            let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
            s.latest = latest;
            s.trouble = None;
            s.last_sync = run;
        }
        // A notice wakes the listener at once; the look above runs again after it.
        let mut notes = client.notifications();
        let mut waiting = notes.timeout_iter(Duration::from_secs(3));
        if let Err(e) = postgres::fallible_iterator::FallibleIterator::next(&mut waiting) {
            return Err(err(e));
        }
        if Arc::strong_count(state) == 1 {
            return Ok(());
        }
    }
}

/// The newest audit entry of a dossier as a change line, read with a session of its own.
fn newest_change(client: &mut Client, target: &Target) -> Result<Option<String>> {
    let row = client
        .query_opt(
            &format!(
                "SELECT v FROM {}.audit WHERE length(k) = 8 ORDER BY k DESC LIMIT 1",
                target.schema
            ),
            &[],
        )
        .map_err(|e| db_error(target, e))?;
    Ok(row.and_then(|r| {
        let v: Vec<u8> = r.get(0);
        serde_json::from_slice::<crate::store::audit::AuditEntry>(&v)
            .ok()
            .map(|e| crate::store::change_line(&e))
    }))
}

/// The dossier's last change, read at once (a command, a screen after its own work).
pub fn last_change(target: &Target) -> Option<String> {
    let mut client = target.connect("dagkas").ok()?;
    newest_change(&mut client, target).ok().flatten()
}
