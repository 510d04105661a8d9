//! The review TUI (SPEC §7): one loop that drains messages and draws when dirty; the
//! ledger lives on a worker thread so the screen never waits on the store or the network.

pub mod app;
pub mod create;
pub mod firm;
pub mod keymap;
pub mod ui;
mod worker;

use std::sync::{mpsc, Arc, Mutex};

use crossterm::event::{Event, EventStream};
use futures::StreamExt;
use tokio::sync::mpsc::UnboundedSender;

use crate::domain::config::Config;
use crate::domain::document::Document;
use crate::i18n::money as fmt_local;
use crate::ledger::Ledger;
use crate::store::Watch;
use crate::tr;
use app::{App, Effect, Msg};
use chrono::NaiveDate;
use keymap::Keymap;
pub use worker::{first_views, summary};
use worker::{quiet_panics, work, WATCH_MS};

/// The user's keymap file: `$XDG_CONFIG_HOME/dagkas/keymap.toml`.
pub fn load_keymap() -> (Keymap, Vec<String>) {
    let dir = std::env::var_os("XDG_CONFIG_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".config")));
    let Some(path) = dir.map(|d| d.join("dagkas").join("keymap.toml")) else {
        return (Keymap::default_map(), Vec::new());
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => Keymap::with_user(&text, &path.display().to_string()),
        Err(_) => (Keymap::default_map(), Vec::new()),
    }
}

/// Where the dossier lives. The review screen holds its store only while it loads or
/// changes something, so the sync service, other screens and commands work meanwhile; the
/// config is read anew each time (it may have changed).
pub use crate::dossier::Dossier;

/// Open the review screen on a dossier until the user quits.
pub fn run(dossier: Dossier, config: &Config, author: String) -> color_eyre::Result<()> {
    run_with(dossier, config, author, false)
}

/// The review screen of a dossier opened from the firm's overview: leaving it (q, or Esc
/// on the days) goes back to the overview.
pub fn run_in_firm(dossier: Dossier, config: &Config, author: String) -> color_eyre::Result<()> {
    run_with(dossier, config, author, true)
}

fn run_with(dossier: Dossier, config: &Config, author: String, in_firm: bool) -> color_eyre::Result<()> {
    let (keymap, problems) = load_keymap();
    let mut app = App::new(
        config.dossier.name.clone(),
        keymap,
        config.categories.iter().map(|c| c.code.clone()).collect(),
        config.methods.iter().map(|m| m.code.clone()).collect(),
    );
    app.in_firm = in_firm;
    let interval = crate::sync::interval_of(config);
    let location = crate::store::Location::of(config).map_err(|e| color_eyre::eyre::eyre!(e))?;
    let watch = Watch::start(&location, &dossier.data_dir);
    if let Some(p) = problems.first() {
        app.message = tr!("tui-keymap-problems", problem = p, count = problems.len());
        app.message_bad = true;
    }
    let rt = crate::io_runtime()?;
    // Asked before the loop: on PostgreSQL it is a query, never made on the loop's threads.
    let known = watch.now();
    rt.block_on(event_loop(app, dossier, author, interval, watch, known))
}

/// An effect, with the stamps of the days it is about as the person saw them.
type Work = (Effect, Vec<(app::DayKey, u64)>);

async fn event_loop(
    mut app: App,
    dossier: Dossier,
    author: String,
    interval: u64,
    watch: Watch,
    known: Option<String>,
) -> color_eyre::Result<()> {
    let (msg_tx, mut msg_rx) = tokio::sync::mpsc::unbounded_channel::<Msg>();
    let (effect_tx, effect_rx) = mpsc::channel::<Work>();
    // The last change this screen knows of: its own work and what it loaded.
    let known = Arc::new(Mutex::new(known));
    let worker = {
        let (dossier, known, watch) = (dossier.clone(), known.clone(), watch.clone());
        std::thread::spawn(move || work(dossier, effect_rx, msg_tx, author, known, watch))
    };
    let mut trouble: Option<String> = None;
    // The days that need attention first, on screen at once; then all the others.
    let _ = effect_tx.send((Effect::LoadFirst, Vec::new()));
    let _ = effect_tx.send((Effect::Reload, Vec::new()));
    // The sources' schedule: due at once when the last run (by anyone) is older than the
    // interval; the service, when one runs, keeps it (the screen then only watches).
    app.last_run = crate::sync::last_run(&watch);
    let every = std::time::Duration::from_secs(interval);
    let mut due = app
        .last_run
        .as_ref()
        .and_then(|r| {
            (r.at + chrono::Duration::seconds(interval as i64) - chrono::Utc::now())
                .to_std()
                .ok()
        })
        .map(|wait| std::time::Instant::now() + wait.min(every))
        .unwrap_or_else(std::time::Instant::now);
    let mut tick = tokio::time::interval(std::time::Duration::from_millis(WATCH_MS));
    // ratatui::init installs a panic hook that restores the terminal first.
    let mut terminal = ratatui::init();
    quiet_panics();
    let mut events = EventStream::new();
    let mut dirty = true;
    let result = loop {
        if dirty {
            if let Err(e) = terminal.draw(|f| ui::draw(f, &app)) {
                break Err(e.into());
            }
            dirty = false;
        }
        let mut effects = Vec::new();
        tokio::select! {
            event = events.next() => match event {
                Some(Ok(Event::Key(k))) => { effects = app.update(Msg::Key(k)); dirty = true; }
                Some(Ok(Event::Resize(..))) => { app.update(Msg::Resize); dirty = true; }
                Some(Ok(_)) => {}
                Some(Err(e)) => break Err(e.into()),
                None => break Ok(()),
            },
            Some(msg) = msg_rx.recv() => { effects = app.update(msg); dirty = true; }
            _ = tick.tick() => {
                // Another process changed the books: show it, keeping the selection and any
                // edit in progress.
                let now = watch.latest();
                // A database that went away: said on the status line until it is back.
                let lost = watch.trouble();
                if lost != trouble {
                    if let Some(why) = &lost {
                        app.message = why.clone();
                        app.message_bad = true;
                    } else if trouble.is_some() {
                        app.message = tr!("tui-store-back");
                        app.message_bad = false;
                        effects.push(Effect::Reload);
                    }
                    trouble = lost;
                    dirty = true;
                }
                let stale = { let mut k = known.lock().expect("known"); let stale = *k != now; *k = now; stale };
                if stale {
                    effects.push(Effect::Reload);
                }
                let run = crate::sync::last_run(&watch);
                if run != app.last_run {
                    app.last_run = run;
                    dirty = true;
                }
                if std::time::Instant::now() >= due {
                    due = std::time::Instant::now() + every;
                    effects.push(Effect::ScheduledSync);
                }
            }
        }
        while let Ok(msg) = msg_rx.try_recv() {
            effects.extend(app.update(msg));
        }
        if app.quit {
            break Ok(());
        }
        for e in effects {
            let _ = effect_tx.send((e, app.seen.clone()));
        }
    };
    ratatui::restore();
    let _ = effect_tx.send((Effect::Quit, Vec::new()));
    drop(effect_tx);
    let _ = worker.join();
    result
}
