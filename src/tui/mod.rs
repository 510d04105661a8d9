//! The review TUI (SPEC §7): one loop that drains messages and draws when dirty; the
//! ledger lives on a worker thread so the screen never waits on the store or the network.

pub mod app;
pub mod keymap;
pub mod ui;

use std::sync::mpsc;

use crossterm::event::{Event, EventStream};
use futures::StreamExt;
use tokio::sync::mpsc::UnboundedSender;

use crate::domain::document::Document;
use crate::domain::money::fmt_local;
use crate::ledger::Ledger;
use app::{App, Effect, Msg};
use keymap::Keymap;

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

/// Open the review screen on a ledger until the user quits.
pub fn run(ledger: Ledger, author: String) -> color_eyre::Result<()> {
    let (keymap, problems) = load_keymap();
    let mut app = App::new(
        ledger.config.dossier.name.clone(),
        keymap,
        ledger.config.categories.iter().map(|c| c.code.clone()).collect(),
        ledger.config.methods.iter().map(|m| m.code.clone()).collect(),
    );
    if let Some(p) = problems.first() {
        app.message = format!("keymap: {p} ({} problem(s); defaults used there)", problems.len());
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    rt.block_on(event_loop(app, ledger, author))
}

async fn event_loop(mut app: App, ledger: Ledger, author: String) -> color_eyre::Result<()> {
    let (msg_tx, mut msg_rx) = tokio::sync::mpsc::unbounded_channel::<Msg>();
    let (effect_tx, effect_rx) = mpsc::channel::<Effect>();
    let worker = std::thread::spawn(move || work(ledger, effect_rx, msg_tx, author));
    let _ = effect_tx.send(Effect::Reload);
    // ratatui::init installs a panic hook that restores the terminal first.
    let mut terminal = ratatui::init();
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
        }
        while let Ok(msg) = msg_rx.try_recv() {
            effects.extend(app.update(msg));
        }
        if app.quit {
            break Ok(());
        }
        for e in effects {
            let _ = effect_tx.send(e);
        }
    };
    ratatui::restore();
    let _ = effect_tx.send(Effect::Quit);
    drop(effect_tx);
    let _ = worker.join();
    result
}

/// Carry out effects against the ledger; answer each with a message.
fn work(mut ledger: Ledger, effects: mpsc::Receiver<Effect>, out: UnboundedSender<Msg>, author: String) {
    for effect in effects {
        let msg = match effect {
            Effect::Quit => break,
            Effect::Reload => {
                let through = Some(ledger.today);
                if let Ok(list) = ledger.invoices(None) {
                    let _ = out.send(Msg::Invoices(list));
                }
                ledger.all_views(through).map(Msg::Loaded).map_err(|e| e.to_string())
            }
            Effect::Confirm(targets) => {
                let mut n = 0;
                let mut stops = Vec::new();
                let mut err = None;
                for (book, through) in targets {
                    match ledger.confirm_through(Some(&book), through, &author) {
                        Ok(o) => {
                            n += o.confirmed.len();
                            stops.extend(
                                o.stopped
                                    .into_iter()
                                    .map(|s| format!("stopped at {} {}: {}", s.book, s.date, s.reason)),
                            );
                        }
                        Err(e) => err = Some(e.to_string()),
                    }
                }
                match err {
                    Some(e) => Err(e),
                    None => Ok(Msg::Done(format!("confirmed {n} day(s). {}", stops.join("; ")))),
                }
            }
            Effect::Edit {
                day,
                kind,
                code,
                amount,
                reason,
            } => ledger
                .edit(&day.0, day.1, &[(kind, code.clone(), amount)], &reason, &author)
                .map(|_| Msg::Done(format!("edited {code} on {} to {}", day.1, fmt_local(amount))))
                .map_err(|e| e.to_string()),
            Effect::Map {
                book,
                kind,
                code,
                target,
            } => ledger
                .map_code(&book, &kind, &code, &target, &author)
                .map(|_| Msg::Done(format!("mapped {kind} {code} to {target}")))
                .map_err(|e| e.to_string()),
            Effect::Reopen { day, reason } => ledger
                .reopen(&day.0, day.1, &reason, &author)
                .map(|_| Msg::Done(format!("reopened {}", day.1)))
                .map_err(|e| e.to_string()),
            Effect::Resolve(day) => ledger
                .resolve(&day.0, day.1, &author)
                .map(|m| Msg::Done(format!("{}: {m}", day.1)))
                .map_err(|e| e.to_string()),
            Effect::LoadTickets(day) => tickets(&ledger, &day).map_err(|e| e.to_string()),
            Effect::LoadInvoices => ledger.invoices(None).map(Msg::Invoices).map_err(|e| e.to_string()),
            Effect::IgnoreInvoice { id, reason } => ledger
                .ignore_invoice(&id, &reason, &author)
                .map(|_| Msg::Done(format!("invoice {id} ignored")))
                .map_err(|e| e.to_string()),
            Effect::Sync => crate::sync::sync_all(&mut ledger, &author)
                .map(Msg::Done)
                .map_err(|e| e.to_string()),
        };
        let msg = msg.unwrap_or_else(Msg::Failed);
        if out.send(msg).is_err() {
            break;
        }
    }
}

fn tickets(ledger: &Ledger, day: &app::DayKey) -> Result<Msg, crate::ledger::LedgerError> {
    let book = ledger.book(&day.0)?;
    let mut docs = ledger.store.documents_on(&book.source, day.1)?;
    docs.sort_by_key(|(_, d)| d.time());
    let lines = docs.iter().map(|(_, d)| summary(d)).collect();
    Ok(Msg::Tickets {
        day: day.clone(),
        lines,
    })
}

/// One line per document for the drill-down.
pub fn summary(d: &Document) -> String {
    let time = d
        .time()
        .map(|t| t.0.format("%H:%M").to_string())
        .unwrap_or_else(|| "     ".into());
    match d {
        Document::Ticket(t) => {
            let total: rust_decimal::Decimal = t.lines.iter().map(|l| l.amount).sum();
            let methods: Vec<&str> = t.payments.iter().map(|p| p.method.as_str()).collect();
            format!("{time} {} {} {}", t.id, fmt_local(total), methods.join("+"))
        }
        Document::OrderPayment(o) => format!("{time} {} prepaid {}", o.id, o.order),
        Document::InvoicePayment(p) => format!("{time} {} pays {} {}", p.id, p.invoice, fmt_local(p.amount)),
        Document::Cash(c) => format!("{time} {} {:?} {}", c.id, c.kind, fmt_local(c.amount)),
        Document::Invoice(i) => format!("      {} invoice {}", i.id, i.debtor.name),
        Document::Void(v) => format!("{time} void {}", v.id),
    }
}
