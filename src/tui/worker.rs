//! The screen's worker: the only part that opens the store. It carries out each effect
//! the screen asks for (a load, a confirm, an edit, a sync run) with the store held only
//! while it runs, answers with a message, and watches for changes by others.

use super::*;

/// How often the screen looks for changes by others and for its schedule (ms).
pub(super) const WATCH_MS: u64 = 1000;

/// Carry out effects, each with the store held only while it runs; answer each with a
/// message. An action on days that changed since the person saw them is refused.
pub(super) fn work(
    dossier: Dossier,
    effects: mpsc::Receiver<Work>,
    out: UnboundedSender<Msg>,
    author: String,
    known: Arc<Mutex<Option<String>>>,
    watch: Watch,
) {
    let mut queue = std::collections::VecDeque::new();
    // The sources' run goes on a thread of its own: it lets the store go while it asks the
    // POS servers (decision 72), and the screen reads and changes the books meanwhile.
    let mut syncing: Option<std::thread::JoinHandle<()>> = None;
    while let Some((effect, seen)) = queue.pop_front().or_else(|| effects.recv().ok()) {
        if matches!(effect, Effect::Quit) {
            break;
        }
        // Each effect opens the store (tens of milliseconds on a large one): a read that a
        // later one of the same kind replaces is skipped, so thirty days stepped through
        // read the detail of the last one, not of all thirty in turn.
        queue.extend(effects.try_iter());
        if superseded(&effect, queue.iter().map(|(e, _)| e)) {
            continue;
        }
        if matches!(effect, Effect::Sync | Effect::ScheduledSync) {
            // One run at a time: the run under way answers a second ask too.
            if syncing.as_ref().is_none_or(|run| run.is_finished()) {
                let scheduled = matches!(effect, Effect::ScheduledSync);
                let (dossier, out, author, location) = (dossier.clone(), out.clone(), author.clone(), watch.location());
                syncing = Some(std::thread::spawn(move || {
                    // A panic in the run is said on the status line; the screen goes on.
                    let failed = out.clone();
                    if let Err(why) = quietly(|| sync_run(&dossier, scheduled, &location, &out, &author)) {
                        let _ = failed.send(Msg::Failed(tr!("tui-sync-stopped", reason = why)));
                    }
                }));
            }
            continue;
        }
        let mut ledger = match dossier.open_for_work(&mut waiting_note(&out)) {
            Ok(l) => l,
            Err(e) => {
                let _ = out.send(Msg::Failed(e));
                continue;
            }
        };
        let guarded = matches!(
            effect,
            Effect::Confirm(_)
                | Effect::Edit { .. }
                | Effect::Map { .. }
                | Effect::Create { .. }
                | Effect::Reopen { .. }
                | Effect::Resolve(_)
        );
        if guarded {
            if let Err(why) = still_as_seen(&ledger, &seen) {
                let _ = out.send(Msg::Failed(why));
                let fresh = light_views(&ledger, None).map(Msg::Loaded).map_err(|e| e.to_string());
                let _ = out.send(fresh.unwrap_or_else(Msg::Failed));
                continue;
            }
        }
        // A reload reads every day listed: the changes made up to it need no second look.
        // Any other effect reads a part (one day's detail, its tickets) or changes the books
        // and is followed by a reload; counting the changes as seen after it would hide
        // another process's change made meanwhile from the listing.
        let reloads = matches!(effect, Effect::Reload);
        let msg = quietly(|| apply(&mut ledger, effect, &author, &dossier))
            .unwrap_or_else(|why| Err(tr!("tui-action-stopped", reason = why)));
        // The last change as it stands while the store is still held: asked after letting
        // it go, a change another process made in between would count as seen.
        let now = reloads.then(|| watch.now());
        drop(ledger);
        crate::give_back_memory();
        if let Some(now) = now {
            *known.lock().expect("known") = now;
        }
        if out.send(msg.unwrap_or_else(Msg::Failed)).is_err() {
            break;
        }
    }
    // A run under way at the end gets a few seconds to store what came; past that the
    // screen ends without it (a batch lands whole or not at all, and the next run asks
    // again from the cursor).
    if let Some(run) = syncing {
        let until = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while !run.is_finished() && std::time::Instant::now() < until {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        if run.is_finished() {
            let _ = run.join();
        }
    }
}

thread_local! {
    /// This thread's panics are caught and said on the status line: the terminal stays as
    /// the screen has it (the panic hook restores it only for the screen's own thread).
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Run `f`, catching a panic in it as its message (logged, not printed over the screen).
fn quietly<T>(f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|p| {
        p.downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_default()
    });
    QUIET.with(|q| q.set(false));
    result
}

/// Install, over the hook that restores the terminal, one that lets a quiet thread's panic
/// pass to the log only.
pub(super) fn quiet_panics() {
    let restore = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if QUIET.with(|q| q.get()) {
            tracing::error!("{info}");
        } else {
            restore(info);
        }
    }));
}

/// What the screen says, once per opening, when another process holds the store.
fn waiting_note(out: &UnboundedSender<Msg>) -> impl FnMut(&crate::domain::text::Text) + '_ {
    let mut told = false;
    move |who: &crate::domain::text::Text| {
        if !told {
            told = true;
            let who = who.to_string();
            let who = if who.is_empty() {
                tr!("lock-another-process")
            } else {
                who
            };
            let _ = out.send(Msg::Waiting(tr!("tui-waiting", holder = who)));
        }
    }
}

/// One sync run for the screen, its answer sent as a message. A scheduled run only when no
/// sync service holds the schedule.
fn sync_run(
    dossier: &Dossier,
    scheduled: bool,
    location: &crate::store::Location,
    out: &UnboundedSender<Msg>,
    author: &str,
) {
    let schedule = match scheduled {
        true => match crate::sync::Schedule::try_take_at(location, &dossier.data_dir) {
            Some(s) => Some(s),
            None => return,
        },
        false => None,
    };
    let mut waiting = waiting_note(out);
    let started = chrono::Utc::now();
    let msg = match crate::sync::run(&mut || dossier.open_for_work(&mut waiting), author) {
        Ok((ledger, result)) => {
            crate::sync::finish_run(&ledger, author, "tui", started, &result);
            result
                .map(|m| Msg::Done(m.to_string()))
                .unwrap_or_else(|e| Msg::Failed(e.to_string()))
        }
        Err(e) => Msg::Failed(e),
    };
    drop(schedule);
    crate::give_back_memory();
    let _ = out.send(msg);
}

/// Whether a later effect makes this one needless: a read of one day's detail or tickets
/// by a later read of the same kind (the person has moved on), a reload by a later reload.
/// A change is never skipped.
fn superseded<'a>(effect: &Effect, mut later: impl Iterator<Item = &'a Effect>) -> bool {
    later.any(|l| {
        matches!(
            (effect, l),
            (Effect::LoadDetail(_), Effect::LoadDetail(_))
                | (Effect::LoadTickets(_), Effect::LoadTickets(_))
                | (Effect::Reload, Effect::Reload)
                | (Effect::LoadInvoices, Effect::LoadInvoices)
        )
    })
}

/// The days an action is about must still look as the person saw them.
fn still_as_seen(ledger: &Ledger, seen: &[(app::DayKey, u64)]) -> Result<(), String> {
    let books: std::collections::BTreeSet<&String> = seen.iter().map(|((b, _), _)| b).collect();
    for book in books {
        let dates = || seen.iter().filter(|((b, _), _)| b == book).map(|((_, d), _)| *d);
        let (Some(first), Some(last)) = (dates().min(), dates().max()) else {
            continue;
        };
        let views = ledger.views_between(book, first, last).map_err(|e| e.to_string())?;
        for ((_, date), stamp) in seen.iter().filter(|((b, _), _)| b == book) {
            let now = views
                .iter()
                .find(|v| v.date == *date)
                .map(crate::domain::book::view_stamp);
            if now != Some(*stamp) {
                return Err(tr!("tui-stale", date = crate::i18n::day(*date), book = book));
            }
        }
    }
    Ok(())
}

/// Carry out one effect on an open ledger.
fn apply(ledger: &mut Ledger, effect: Effect, author: &str, dossier: &Dossier) -> Result<Msg, String> {
    let author = author.to_string();
    match effect {
        Effect::Quit => Ok(Msg::Resize),
        Effect::LoadFirst => first_views(ledger).map(Msg::Loaded).map_err(|e| e.to_string()),
        Effect::LoadDetail((book, date)) => ledger
            .views_between(&book, date, date)
            .map_err(|e| e.to_string())?
            .pop()
            .map(|v| Msg::Detail(Box::new(v)))
            .ok_or_else(|| tr!("refuse-not-a-day", date = crate::i18n::day(date), book = book)),
        // The invoice register is read when it is shown (it can be large), not on every reload.
        Effect::Reload => light_views(ledger, None).map(Msg::Loaded).map_err(|e| e.to_string()),
        Effect::Confirm(targets) => {
            let mut n = 0;
            let mut stops = Vec::new();
            for (book, through) in targets {
                let o = ledger
                    .confirm_through(Some(&book), through, &author)
                    .map_err(|e| e.to_string())?;
                n += o.confirmed.len();
                stops.extend(o.stopped.into_iter().map(|s| {
                    tr!(
                        "stopped-at",
                        book = s.book,
                        date = crate::i18n::day(s.date),
                        reason = s.reason
                    )
                }));
            }
            let mut done = tr!("tui-confirmed", count = n);
            if !stops.is_empty() {
                done = format!("{done} {}", stops.join("; "));
            }
            Ok(Msg::Done(done))
        }
        Effect::Edit {
            day,
            kind,
            code,
            amount,
            reason,
        } => ledger
            .edit(&day.0, day.1, &[(kind, code.clone(), amount)], &reason, &author)
            .map(|_| {
                Msg::Done(tr!(
                    "tui-edited",
                    code = code,
                    date = crate::i18n::day(day.1),
                    amount = fmt_local(amount)
                ))
            })
            .map_err(|e| e.to_string()),
        Effect::Map {
            book,
            kind,
            code,
            target,
        } => ledger
            .map_code(&book, &kind, &code, &target, &author)
            .map(|_| Msg::Done(crate::i18n::words::mapped(&kind, &code, &target, None)))
            .map_err(|e| e.to_string()),
        Effect::Create {
            book,
            pos_code,
            addition,
        } => {
            ledger
                .add_to_config(&dossier.config, &addition, &author)
                .map_err(|e| e.to_string())?;
            let kind = addition.kind().to_string();
            let code = addition.code().to_string();
            ledger
                .map_code(&book, &kind, &pos_code, &code, &author)
                .map_err(|e| e.to_string())?;
            let text = tr!(
                "tui-added-and-mapped",
                code = code.clone(),
                file = dossier.config_name(),
                mapped = crate::i18n::words::mapped(&kind, &pos_code, &code, None)
            );
            Ok(Msg::Added { kind, code, text })
        }
        Effect::Reopen { day, reason } => ledger
            .reopen(&day.0, day.1, &reason, &author)
            .map(|_| Msg::Done(tr!("reopened", date = crate::i18n::day(day.1), book = day.0)))
            .map_err(|e| e.to_string()),
        Effect::Resolve(day) => ledger
            .resolve(&day.0, day.1, &author)
            .map(|m| Msg::Done(format!("{} {}: {m}", day.0, crate::i18n::day(day.1))))
            .map_err(|e| e.to_string()),
        Effect::LoadTickets(day) => tickets(ledger, &day).map_err(|e| e.to_string()),
        Effect::LoadInvoices => ledger.invoices(None).map(Msg::Invoices).map_err(|e| e.to_string()),
        Effect::IgnoreInvoice { id, reason } => ledger
            .ignore_invoice(&id, &reason, &author)
            .map(|_| Msg::Done(tr!("invoice-ignored-done", id = id)))
            .map_err(|e| e.to_string()),
        Effect::DecideHeld {
            source,
            id,
            choice,
            reason,
        } => ledger
            .decide_held(&source, &id, choice, &reason, &author)
            .map(|h| {
                let date = h.date.map(crate::i18n::day).unwrap_or_default();
                Msg::Done(match choice {
                    crate::domain::held::Choice::Book => {
                        tr!("held-decided-book", what = h.what, id = h.id, date = date)
                    }
                    _ => tr!("held-decided-leave-out", what = h.what, id = h.id),
                })
            })
            .map_err(|e| e.to_string()),
        // Run by the worker through `sync::run`, which opens the store itself.
        Effect::Sync | Effect::ScheduledSync => Ok(Msg::Resize),
    }
}

/// Every day of every book through `through`, light ([`DayView::light`]), read from the
/// listed form kept with the chain: ten years of figures are not read for a list.
fn light_views(
    ledger: &Ledger,
    through: Option<NaiveDate>,
) -> Result<Vec<crate::domain::book::DayView>, crate::ledger::LedgerError> {
    let last = through.unwrap_or_else(|| ledger.yesterday());
    let mut out = Vec::new();
    for b in &ledger.config.daybooks {
        out.extend(ledger.light_views_between(&b.code, b.start, last)?);
    }
    Ok(out)
}

/// The days a screen shows first, of every book.
pub fn first_views(ledger: &Ledger) -> Result<Vec<crate::domain::book::DayView>, crate::ledger::LedgerError> {
    let mut views = Vec::new();
    for b in &ledger.config.daybooks {
        let (from, to) = first_window(ledger, &b.code)?;
        views.extend(ledger.views_between(&b.code, from, to)?);
    }
    Ok(views)
}

/// The days a screen shows first: a month either side of the first day that is not
/// confirmed (else of today), within the book.
fn first_window(ledger: &Ledger, book: &str) -> Result<(NaiveDate, NaiveDate), crate::ledger::LedgerError> {
    const SIDE: i64 = 31;
    let start = ledger.book(book)?.start;
    // Years of confirmed days are not read (see `Store::first_open`).
    // Through yesterday, as `dagkas days` lists (decision 1): today has not ended.
    let last = ledger.yesterday();
    let first_open = ledger.store.first_open(book, start)?.min(last);
    let to = (first_open + chrono::Duration::days(SIDE)).min(last);
    Ok(((first_open - chrono::Duration::days(SIDE)).max(start), to))
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

/// One line per document for the drill-down, in words: the time, what it is, its amount
/// and how it was paid.
pub fn summary(d: &Document) -> String {
    use crate::domain::document::CashKind;
    let time = d
        .time()
        .map(|t| t.0.format("%H:%M").to_string())
        .unwrap_or_else(|| "     ".into());
    let paid = |ps: &[crate::domain::document::Payment]| -> String {
        ps.iter()
            .map(|p| format!("{} {}", p.method, fmt_local(p.amount)))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    match d {
        Document::Ticket(t) => {
            let total: rust_decimal::Decimal = t.lines.iter().map(|l| l.amount).sum();
            let what = if total.is_sign_negative() {
                "drill-refund"
            } else {
                "drill-ticket"
            };
            let mut line = format!(
                "{time} {}",
                tr!(what, id = t.id, amount = fmt_local(total), paid = paid(&t.payments))
            );
            if !t.tip.is_zero() {
                line.push_str(&format!(", {}", tr!("drill-tip", amount = fmt_local(t.tip))));
            }
            if let Some(p) = t.prepaid {
                line.push_str(&format!(", {}", tr!("drill-prepaid", amount = fmt_local(p))));
            }
            line
        }
        Document::OrderPayment(o) => {
            let total: rust_decimal::Decimal = o.payments.iter().map(|p| p.amount).sum();
            format!(
                "{time} {}",
                tr!(
                    "drill-prepayment",
                    id = o.id,
                    order = o.order,
                    amount = fmt_local(total),
                    paid = paid(&o.payments)
                )
            )
        }
        Document::InvoicePayment(p) => format!(
            "{time} {}",
            tr!(
                "drill-invoice-payment",
                id = p.id,
                invoice = p.invoice,
                amount = fmt_local(p.amount),
                paid = p.method
            )
        ),
        Document::Cash(c) => {
            let what = tr!(match c.kind {
                CashKind::OpenCount => "drill-open-count",
                CashKind::CloseCount => "drill-close-count",
                CashKind::CashIn => "drill-cash-in",
                CashKind::Expense => "drill-expense",
                CashKind::BankDeposit => "drill-bank-deposit",
            });
            format!(
                "{time} {}",
                tr!(
                    "drill-cash",
                    what = what,
                    id = c.id,
                    drawer = c.drawer,
                    amount = fmt_local(c.amount)
                )
            )
        }
        Document::Invoice(i) => {
            let total: rust_decimal::Decimal = i.lines.iter().map(|l| l.amount).sum();
            format!(
                "      {}",
                tr!(
                    "drill-invoice",
                    id = i.id,
                    debtor = i.debtor.name,
                    amount = fmt_local(total)
                )
            )
        }
        Document::Void(v) => format!("{time} {}", tr!("drill-void", id = v.id)),
    }
}

#[cfg(test)]
mod quiet_tests {
    use super::*;

    #[test]
    fn a_panic_in_a_quiet_thread_is_caught_as_its_message() {
        let got = std::thread::spawn(|| quietly(|| -> u8 { panic!("Addition overflowed") }))
            .join()
            .expect("the thread itself ends normally");
        assert_eq!(got, Err("Addition overflowed".to_string()));
        assert_eq!(quietly(|| 7), Ok(7));
        assert!(!QUIET.with(|q| q.get()), "the thread is itself again afterwards");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> app::DayKey {
        ("DO1".into(), NaiveDate::from_ymd_opt(2026, 3, d).expect("a date"))
    }

    #[test]
    fn a_later_read_of_the_same_kind_replaces_an_earlier_one() {
        let later = [Effect::LoadDetail(day(3))];
        assert!(superseded(&Effect::LoadDetail(day(2)), later.iter()));
        let later = [Effect::LoadTickets(day(3))];
        assert!(superseded(&Effect::LoadTickets(day(2)), later.iter()));
        assert!(superseded(&Effect::Reload, [Effect::Sync, Effect::Reload].iter()));
        // Another kind does not.
        assert!(!superseded(
            &Effect::LoadDetail(day(2)),
            [Effect::LoadTickets(day(2))].iter()
        ));
        assert!(!superseded(&Effect::LoadDetail(day(2)), std::iter::empty()));
        assert!(!superseded(&Effect::LoadFirst, [Effect::LoadFirst].iter()));
    }

    #[test]
    fn a_change_is_never_skipped() {
        let change = Effect::Confirm(vec![day(2)]);
        assert!(!superseded(
            &change,
            [Effect::Confirm(vec![day(3)]), Effect::Reload].iter()
        ));
        assert!(!superseded(&Effect::Sync, [Effect::Sync].iter()));
    }
}
