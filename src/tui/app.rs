//! The review screen's state and its pure update: `update(&mut App, Msg) -> Vec<Effect>`.
//! No IO here: effects are carried out by the worker, which answers with a `Msg`.

use crate::tr;
use std::collections::BTreeSet;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};
use rust_decimal::Decimal;

use super::keymap::{Action, Key, Keymap, Lookup};
use crate::domain::book::{Blocker, DayView, LineKind};
use crate::domain::invoice::{InvoiceStatus, InvoiceView};

pub type DayKey = (String, NaiveDate);

/// The mapping dialog's choice that adds a new category or method to the config.
pub const NEW_CODE: &str = "\u{0}new";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Days,
    Pos,
    Book,
}

/// A line of the book pane that can be edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditTarget {
    pub kind: LineKind,
    pub code: String,
    pub pos: Option<Decimal>,
    pub current: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditState {
    pub day: DayKey,
    pub target: EditTarget,
    pub amount: String,
    pub reason: String,
    /// 0: amount, 1: reason.
    pub field: usize,
    pub error: Option<String>,
}

/// What a batch confirm will do (R7), shown before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmPlan {
    /// Per book: the date to confirm through.
    pub through: Vec<DayKey>,
    pub days: usize,
    pub stop: Option<(DayKey, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapState {
    pub day: DayKey,
    pub kind: String,
    pub code: String,
    pub options: Vec<String>,
    pub cursor: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help,
    Edit(EditState),
    Confirm(ConfirmPlan),
    Map(MapState),
    /// A VAT category or payment method the mapping needs, added to the config.
    Create(super::create::CreateState),
    Filter(String),
    Reopen {
        day: DayKey,
        reason: String,
    },
    IgnoreInvoice {
        id: String,
        reason: String,
    },
    /// A person's decision on a document held on the day (decision 74).
    Held(HeldState),
    /// What resolving a day's drift will book, asked before it is written (R10).
    Resolve {
        day: DayKey,
        changes: Vec<String>,
    },
}

/// The decision dialog of a held document: book it as sent (when it can be) or leave it
/// out, with a reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldState {
    pub day: DayKey,
    pub document: crate::domain::held::HeldNote,
    pub choice: crate::domain::held::Choice,
    pub reason: String,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncState {
    Idle,
    Running(String),
    Failed(String),
}

/// Messages into the update: keys, and answers of the worker.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Loaded(Vec<DayView>),
    /// The store is held by another process for a moment.
    Waiting(String),
    Invoices(Vec<InvoiceView>),
    Tickets {
        day: DayKey,
        lines: Vec<String>,
    },
    /// The whole view of a day the list holds in its light form.
    Detail(Box<DayView>),
    Done(String),
    /// A category or method was added to the config (`vat` or `method`, its code).
    Added {
        kind: String,
        code: String,
        text: String,
    },
    Failed(String),
    Resize,
}

/// Work for the worker. Every change goes through the same ledger functions as the CLI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// The days around the first one that needs attention, before all the others.
    LoadFirst,
    /// The whole view of one day (the list keeps many days in their light form).
    LoadDetail(DayKey),
    Reload,
    Confirm(Vec<DayKey>),
    Edit {
        day: DayKey,
        kind: LineKind,
        code: String,
        amount: Decimal,
        reason: String,
    },
    Map {
        book: String,
        kind: String,
        code: String,
        target: String,
    },
    /// Add a category or method to the config, then map the POS code to it.
    Create {
        book: String,
        pos_code: String,
        addition: crate::domain::config::addition::Addition,
    },
    Reopen {
        day: DayKey,
        reason: String,
    },
    Resolve(DayKey),
    IgnoreInvoice {
        id: String,
        reason: String,
    },
    DecideHeld {
        source: String,
        id: String,
        choice: crate::domain::held::Choice,
        reason: String,
    },
    LoadTickets(DayKey),
    LoadInvoices,
    Sync,
    /// The sources' schedule is due: a run, unless a sync service keeps the schedule.
    ScheduledSync,
    Quit,
}

pub struct App {
    pub dossier: String,
    pub days: Vec<DayView>,
    pub selected: Option<DayKey>,
    pub marked: BTreeSet<DayKey>,
    pub focus: Pane,
    pub line: usize,
    pub incl_vat: bool,
    pub filter: String,
    pub overlay: Overlay,
    /// How far the help overlay is scrolled down.
    pub help_scroll: u16,
    pub message: String,
    /// The message tells of a failure (shown in red).
    pub message_bad: bool,
    pub sync: SyncState,
    /// The days an action is about, with the stamps of the views the person saw when the
    /// action began; the worker refuses it if any day changed since.
    pub seen: Vec<(DayKey, u64)>,
    /// The last sync run of the dossier, by whoever ran it.
    pub last_run: Option<crate::sync::LastRun>,
    pub tickets: Option<(DayKey, Vec<String>)>,
    pub drill: bool,
    pub invoices: Vec<InvoiceView>,
    pub show_invoices: bool,
    pub invoice: usize,
    pub keymap: Keymap,
    /// The whole view of the selected day, when the list holds it light.
    pub detail: Option<DayView>,
    detail_wanted: Option<DayKey>,
    pub categories: Vec<String>,
    pub methods: Vec<String>,
    pub color: bool,
    pub quit: bool,
    pending: Vec<Key>,
}

fn key_of(v: &DayView) -> DayKey {
    (v.book.clone(), v.date)
}

impl App {
    pub fn new(dossier: String, keymap: Keymap, categories: Vec<String>, methods: Vec<String>) -> App {
        App {
            dossier,
            days: Vec::new(),
            selected: None,
            marked: BTreeSet::new(),
            focus: Pane::Days,
            line: 0,
            incl_vat: true,
            filter: String::new(),
            overlay: Overlay::None,
            help_scroll: 0,
            message: String::new(),
            message_bad: false,
            sync: SyncState::Idle,
            seen: Vec::new(),
            last_run: None,
            tickets: None,
            drill: false,
            invoices: Vec::new(),
            show_invoices: false,
            invoice: 0,
            keymap,
            detail: None,
            detail_wanted: None,
            categories,
            methods,
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            quit: false,
            pending: Vec::new(),
        }
    }

    /// The days the list shows, after the filter.
    pub fn visible(&self) -> Vec<&DayView> {
        let f = self.filter.to_lowercase();
        self.days
            .iter()
            .filter(|v| {
                f.is_empty()
                    || ((f == "problem" || f == tr!("filter-problem")) && !v.blockers.is_empty())
                    || v.date.to_string().contains(&f)
                    || v.status.as_str().contains(&f)
                    || crate::i18n::words::status(v.status).to_lowercase().contains(&f)
                    || v.book.to_lowercase() == f
                    || v.blockers
                        .iter()
                        .any(|b| b.word().contains(&f) || crate::i18n::words::blocker(b).to_lowercase().contains(&f))
                    || ((f == "overdue" || f == tr!("filter-overdue")) && v.overdue)
            })
            .collect()
    }

    /// The selected day: its whole view once read, else what the list holds.
    pub fn selected_view(&self) -> Option<&DayView> {
        let key = self.selected.as_ref()?;
        if let Some(d) = self.detail.as_ref().filter(|d| key_of(d) == *key) {
            return Some(d);
        }
        self.days.iter().find(|v| key_of(v) == *key)
    }

    /// The whole view of the selected day is wanted when the list holds it light.
    fn want_detail(&mut self) -> Option<Effect> {
        let key = self.selected.clone()?;
        let light = self.days.iter().find(|v| key_of(v) == key)?;
        if !light.is_light() {
            return None;
        }
        if let Some(d) = &self.detail {
            if key_of(d) == key {
                if crate::domain::book::view_stamp(d) == crate::domain::book::view_stamp(light) {
                    return None;
                }
                // The day changed since its whole view was read.
                self.detail = None;
            }
        }
        if self.detail_wanted.as_ref() == Some(&key) {
            return None;
        }
        self.detail_wanted = Some(key.clone());
        Some(Effect::LoadDetail(key))
    }

    fn index(&self) -> Option<usize> {
        let key = self.selected.as_ref()?;
        self.visible().iter().position(|v| key_of(v) == *key)
    }

    fn select_at(&mut self, i: usize) {
        if let Some(v) = self.visible().get(i) {
            let key = key_of(v);
            if self.selected.as_ref() != Some(&key) {
                // Another day: the status line says what its marks mean.
                self.message.clear();
                self.message_bad = false;
            }
            self.selected = Some(key);
            self.line = 0;
            self.drill = false;
        }
    }

    /// The editable lines of the selected day: categories, then methods.
    pub fn lines(&self) -> Vec<EditTarget> {
        let Some(v) = self.selected_view() else {
            return Vec::new();
        };
        let mut out: Vec<EditTarget> = v
            .categories
            .iter()
            .map(|c| EditTarget {
                kind: LineKind::Turnover,
                code: c.code.clone(),
                pos: c.pos,
                current: c.incl,
            })
            .collect();
        out.extend(v.methods.iter().map(|m| EditTarget {
            kind: LineKind::Payment,
            code: m.code.clone(),
            pos: m.pos,
            current: m.amount,
        }));
        out
    }

    /// An open edit dialog shows the line as it is now: the POS and booked values of the
    /// day as read again (another process's change), what was typed kept.
    fn refresh_edit(&mut self) {
        let Overlay::Edit(e) = &self.overlay else { return };
        if self.selected.as_ref() != Some(&e.day) {
            return;
        }
        let (kind, code) = (e.target.kind, e.target.code.clone());
        if let Some(now) = self.lines().into_iter().find(|l| l.kind == kind && l.code == code) {
            if let Overlay::Edit(e) = &mut self.overlay {
                e.target = now;
            }
        }
    }

    /// R7 as the dialog shows it: from the first unconfirmed day through each book's target.
    /// Remember the days an action is about as the person sees them now.
    fn look_at(&mut self, keys: &[DayKey]) {
        self.seen = self
            .days
            .iter()
            .filter(|v| keys.contains(&key_of(v)))
            .map(|v| (key_of(v), crate::domain::book::view_stamp(v)))
            .collect();
    }

    /// The days a batch confirm shows: every open day of each book through its date.
    fn look_at_plan(&mut self, plan: &ConfirmPlan) {
        let keys: Vec<DayKey> = self
            .days
            .iter()
            .filter(|v| !v.is_confirmed() && plan.through.iter().any(|(b, d)| *b == v.book && v.date <= *d))
            .map(key_of)
            .collect();
        self.look_at(&keys);
    }

    pub fn plan(&self, targets: &[DayKey]) -> ConfirmPlan {
        let mut through = Vec::new();
        let mut days = 0;
        let mut stop = None;
        let books: BTreeSet<&String> = targets.iter().map(|(b, _)| b).collect();
        for book in books {
            let last = targets
                .iter()
                .filter(|(b, _)| b == book)
                .map(|(_, d)| *d)
                .max()
                .expect("a target");
            through.push((book.clone(), last));
            for v in self
                .days
                .iter()
                .filter(|v| &v.book == book && v.date <= last && !v.is_confirmed())
            {
                if let Some(b) = v.blockers.iter().find(|b| !matches!(b, Blocker::Drift { .. })) {
                    stop.get_or_insert(((book.clone(), v.date), b.describe(&crate::i18n::current())));
                    break;
                }
                days += 1;
            }
        }
        ConfirmPlan { through, days, stop }
    }

    /// Apply a message; return the work to do.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let mut effects = self.apply(msg);
        effects.extend(self.want_detail());
        effects
    }

    fn apply(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Detail(v) => {
                if self.detail_wanted.as_ref() == Some(&key_of(&v)) {
                    self.detail_wanted = None;
                }
                if self.selected.as_ref() == Some(&key_of(&v)) {
                    self.detail = Some(*v);
                }
                self.refresh_edit();
                Vec::new()
            }
            Msg::Loaded(days) => {
                self.days = days;
                self.days.sort_by(|a, b| (a.date, &a.book).cmp(&(b.date, &b.book)));
                let keys: BTreeSet<DayKey> = self.days.iter().map(key_of).collect();
                self.marked.retain(|k| keys.contains(k));
                // Select by date, not index: a reload keeps the selected day.
                if self.selected.as_ref().is_none_or(|k| !keys.contains(k)) {
                    let first_open = self.days.iter().find(|v| !v.is_confirmed()).or(self.days.last());
                    self.selected = first_open.map(key_of);
                }
                let mut effects = Vec::new();
                if let Some(k) = self.selected.clone() {
                    if self.drill && self.tickets.as_ref().is_none_or(|(d, _)| *d != k) {
                        effects.push(Effect::LoadTickets(k));
                    }
                }
                // An open register is read again with the days.
                if self.show_invoices {
                    effects.push(Effect::LoadInvoices);
                }
                self.refresh_edit();
                effects
            }
            Msg::Invoices(list) => {
                self.invoices = list;
                self.invoice = self.invoice.min(self.invoices.len().saturating_sub(1));
                Vec::new()
            }
            Msg::Tickets { day, lines } => {
                self.tickets = Some((day, lines));
                Vec::new()
            }
            Msg::Done(m) => {
                self.message = m;
                self.message_bad = false;
                if matches!(self.sync, SyncState::Running(_)) {
                    self.sync = SyncState::Idle;
                }
                vec![Effect::Reload]
            }
            Msg::Added { kind, code, text } => {
                let list = if kind == "vat" {
                    &mut self.categories
                } else {
                    &mut self.methods
                };
                if !list.contains(&code) {
                    list.push(code);
                }
                self.apply(Msg::Done(text))
            }
            Msg::Failed(m) => {
                self.detail_wanted = None;
                self.message = tr!("tui-error", reason = m);
                self.message_bad = true;
                if matches!(self.sync, SyncState::Running(_)) {
                    self.sync = SyncState::Failed(m);
                }
                Vec::new()
            }
            Msg::Waiting(m) => {
                self.message = m;
                Vec::new()
            }
            Msg::Resize => Vec::new(),
            Msg::Key(k) => self.key(k),
        }
    }

    fn key(&mut self, k: KeyEvent) -> Vec<Effect> {
        if k.kind != crossterm::event::KeyEventKind::Press {
            return Vec::new();
        }
        if k.code == KeyCode::Char('c') && k.modifiers.contains(crossterm::event::KeyModifiers::CONTROL) {
            self.quit = true;
            return vec![Effect::Quit];
        }
        // Overlays take keys before the panes.
        match std::mem::replace(&mut self.overlay, Overlay::None) {
            Overlay::None => {}
            // The help scrolls (j/k, arrows, pages); any other key closes it.
            Overlay::Help => {
                let step = match k.code {
                    KeyCode::Char('j') | KeyCode::Down => 1,
                    KeyCode::Char('k') | KeyCode::Up => -1,
                    KeyCode::PageDown | KeyCode::Char(' ') => 10,
                    KeyCode::PageUp => -10,
                    _ => return Vec::new(),
                };
                self.help_scroll = self.help_scroll.saturating_add_signed(step);
                self.overlay = Overlay::Help;
                return Vec::new();
            }
            Overlay::Edit(e) => return self.edit_key(e, k),
            Overlay::Confirm(plan) => {
                return match k.code {
                    KeyCode::Enter | KeyCode::Char('y') => {
                        self.marked.clear();
                        self.message = tr!("tui-confirming", count = plan.days);
                        vec![Effect::Confirm(plan.through)]
                    }
                    _ => {
                        self.message = tr!("tui-confirm-cancelled");
                        Vec::new()
                    }
                }
            }
            Overlay::Map(mut m) => {
                return match k.code {
                    KeyCode::Down | KeyCode::Char('j') => {
                        m.cursor = (m.cursor + 1).min(m.options.len().saturating_sub(1));
                        self.overlay = Overlay::Map(m);
                        Vec::new()
                    }
                    KeyCode::Up | KeyCode::Char('k') => {
                        m.cursor = m.cursor.saturating_sub(1);
                        self.overlay = Overlay::Map(m);
                        Vec::new()
                    }
                    KeyCode::Enter if m.options[m.cursor] == NEW_CODE => {
                        self.overlay = Overlay::Create(super::create::CreateState::new(m.day, &m.kind, &m.code));
                        Vec::new()
                    }
                    KeyCode::Enter => vec![Effect::Map {
                        book: m.day.0.clone(),
                        kind: m.kind.clone(),
                        code: m.code.clone(),
                        target: m.options[m.cursor].clone(),
                    }],
                    KeyCode::Esc => {
                        self.message = tr!("tui-map-cancelled");
                        Vec::new()
                    }
                    _ => {
                        self.overlay = Overlay::Map(m);
                        Vec::new()
                    }
                }
            }
            Overlay::Create(c) => {
                return match c.key(k) {
                    super::create::Outcome::Open(c) => {
                        self.overlay = Overlay::Create(c);
                        Vec::new()
                    }
                    super::create::Outcome::Cancelled => {
                        self.message = tr!("tui-map-cancelled");
                        Vec::new()
                    }
                    super::create::Outcome::Done {
                        day,
                        pos_code,
                        addition,
                    } => {
                        self.focus = Pane::Days;
                        vec![Effect::Create {
                            book: day.0,
                            pos_code,
                            addition,
                        }]
                    }
                }
            }
            Overlay::Filter(mut f) => {
                match k.code {
                    KeyCode::Enter => {
                        self.filter = f;
                        if self.index().is_none() {
                            self.select_at(0);
                        }
                    }
                    KeyCode::Esc => self.filter.clear(),
                    KeyCode::Backspace => {
                        f.pop();
                        self.overlay = Overlay::Filter(f);
                    }
                    KeyCode::Char(c) => {
                        f.push(c);
                        self.overlay = Overlay::Filter(f);
                    }
                    _ => self.overlay = Overlay::Filter(f),
                }
                return Vec::new();
            }
            Overlay::Held(mut h) => {
                use crate::domain::held::Choice;
                match k.code {
                    KeyCode::Esc => return Vec::new(),
                    KeyCode::Enter if h.reason.trim().is_empty() => h.error = Some(tr!("tui-reason-required")),
                    KeyCode::Enter => {
                        return vec![Effect::DecideHeld {
                            source: h.document.source.clone(),
                            id: h.document.id.clone(),
                            choice: h.choice,
                            reason: h.reason,
                        }]
                    }
                    KeyCode::Tab | KeyCode::BackTab => {
                        h.choice = match h.choice {
                            Choice::LeaveOut if h.document.bookable => Choice::Book,
                            Choice::LeaveOut => {
                                h.error = Some(tr!("tui-held-not-bookable"));
                                Choice::LeaveOut
                            }
                            _ => Choice::LeaveOut,
                        }
                    }
                    KeyCode::Backspace => {
                        h.reason.pop();
                    }
                    KeyCode::Char(c) => {
                        h.reason.push(c);
                        h.error = None;
                    }
                    _ => {}
                }
                self.overlay = Overlay::Held(h);
                return Vec::new();
            }
            Overlay::IgnoreInvoice { id, mut reason } => {
                match k.code {
                    KeyCode::Enter if !reason.trim().is_empty() => return vec![Effect::IgnoreInvoice { id, reason }],
                    KeyCode::Esc => {}
                    KeyCode::Backspace => {
                        reason.pop();
                        self.overlay = Overlay::IgnoreInvoice { id, reason };
                    }
                    KeyCode::Char(c) => {
                        reason.push(c);
                        self.overlay = Overlay::IgnoreInvoice { id, reason };
                    }
                    _ => self.overlay = Overlay::IgnoreInvoice { id, reason },
                }
                return Vec::new();
            }
            Overlay::Resolve { day, changes } => {
                return match k.code {
                    KeyCode::Enter | KeyCode::Char('y') => vec![Effect::Resolve(day)],
                    KeyCode::Esc | KeyCode::Char('n') => {
                        self.message = tr!("tui-resolve-cancelled");
                        Vec::new()
                    }
                    _ => {
                        self.overlay = Overlay::Resolve { day, changes };
                        Vec::new()
                    }
                };
            }
            Overlay::Reopen { day, mut reason } => {
                match k.code {
                    KeyCode::Enter if !reason.trim().is_empty() => return vec![Effect::Reopen { day, reason }],
                    KeyCode::Esc => {}
                    KeyCode::Backspace => {
                        reason.pop();
                        self.overlay = Overlay::Reopen { day, reason };
                    }
                    KeyCode::Char(c) => {
                        reason.push(c);
                        self.overlay = Overlay::Reopen { day, reason };
                    }
                    _ => self.overlay = Overlay::Reopen { day, reason },
                }
                return Vec::new();
            }
        }
        self.pending.push(Key::from_event(&k));
        match self.keymap.lookup(&self.pending) {
            Lookup::Prefix => Vec::new(),
            Lookup::None => {
                self.pending.clear();
                Vec::new()
            }
            Lookup::Action(a) => {
                self.pending.clear();
                self.act(a)
            }
        }
    }

    fn edit_key(&mut self, mut e: EditState, k: KeyEvent) -> Vec<Effect> {
        match k.code {
            KeyCode::Esc => {
                self.message = tr!("tui-edit-cancelled");
                return Vec::new();
            }
            KeyCode::Tab | KeyCode::BackTab => e.field = 1 - e.field,
            KeyCode::Backspace => {
                if e.field == 0 {
                    e.amount.pop();
                } else {
                    e.reason.pop();
                }
            }
            KeyCode::Enter => {
                match crate::i18n::current().read_amount(&e.amount) {
                    Err(err) => e.error = Some(err.to_string()),
                    Ok(_) if e.reason.trim().is_empty() => {
                        e.field = 1;
                        e.error = Some(tr!("tui-reason-required"));
                    }
                    Ok(amount) => {
                        // The person goes on with the days, not with the lines of this one.
                        self.focus = Pane::Days;
                        return vec![Effect::Edit {
                            day: e.day,
                            kind: e.target.kind,
                            code: e.target.code,
                            amount,
                            reason: e.reason,
                        }];
                    }
                }
                self.overlay = Overlay::Edit(e);
                return Vec::new();
            }
            KeyCode::Char(c) => {
                if e.field == 0 {
                    // Digits, marks and a leading minus, as the screen writes amounts: the
                    // whole text is read on Enter in the person's notation, never cut short.
                    let allowed = c.is_ascii_digit()
                        || matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}')
                        || (c == '-' && e.amount.is_empty());
                    if allowed && e.amount.chars().count() < 40 {
                        e.amount.push(c);
                    } else if !allowed {
                        // Never dropped unseen: most likely meant for the reason.
                        e.error = Some(tr!("tui-amount-takes", c = c.to_string()));
                        self.overlay = Overlay::Edit(e);
                        return Vec::new();
                    }
                } else {
                    e.reason.push(c);
                }
            }
            _ => {}
        }
        // Said as typed, but not while the text is on its way to an amount (`12,`, `-`).
        let unfinished = e.amount.trim().is_empty() || e.amount.ends_with(['.', ',', ' ', '\u{a0}', '\u{202f}', '-']);
        e.error = match crate::i18n::current().read_amount(&e.amount) {
            Err(err) if !unfinished => Some(err.to_string()),
            _ => None,
        };
        self.overlay = Overlay::Edit(e);
        Vec::new()
    }

    fn move_by(&mut self, delta: i64) {
        if self.show_invoices {
            let n = self.invoices.len();
            if n > 0 {
                self.invoice = (self.invoice as i64 + delta).clamp(0, n as i64 - 1) as usize;
            }
            return;
        }
        if self.focus == Pane::Book {
            let n = self.lines().len();
            if n > 0 {
                self.line = (self.line as i64 + delta).clamp(0, n as i64 - 1) as usize;
            }
            return;
        }
        let n = self.visible().len();
        if n == 0 {
            return;
        }
        let i = self
            .index()
            .map_or(0, |i| (i as i64 + delta).clamp(0, n as i64 - 1) as usize);
        self.select_at(i);
    }

    fn jump_problem(&mut self, forward: bool) {
        let vis = self.visible();
        let here = self.index().unwrap_or(0);
        let found = if forward {
            vis.iter()
                .enumerate()
                .skip(here + 1)
                .find(|(_, v)| !v.blockers.is_empty() && !is_only_open(v))
        } else {
            vis.iter()
                .enumerate()
                .take(here)
                .rev()
                .find(|(_, v)| !v.blockers.is_empty() && !is_only_open(v))
        }
        .map(|(i, _)| i);
        match found {
            Some(i) => self.select_at(i),
            None => self.message = tr!("tui-no-other-problem"),
        }
    }

    fn act(&mut self, a: Action) -> Vec<Effect> {
        self.message.clear();
        self.message_bad = false;
        match a {
            Action::NextDay => self.move_by(1),
            Action::PreviousDay => self.move_by(-1),
            Action::FirstDay => {
                if self.focus == Pane::Book {
                    self.line = 0;
                } else {
                    self.select_at(0);
                }
            }
            Action::LastDay => {
                if self.focus == Pane::Book {
                    self.line = self.lines().len().saturating_sub(1);
                } else {
                    let n = self.visible().len();
                    self.select_at(n.saturating_sub(1));
                }
            }
            Action::NextProblem => self.jump_problem(true),
            Action::PreviousProblem => self.jump_problem(false),
            Action::ApproveDay => {
                let Some(v) = self.selected_view() else {
                    return Vec::new();
                };
                if v.is_confirmed() {
                    self.message = tr!(
                        "tui-already",
                        date = crate::i18n::day(v.date),
                        status = crate::i18n::words::status(v.status)
                    );
                    return Vec::new();
                }
                let key = key_of(v);
                let first_open = self
                    .days
                    .iter()
                    .find(|x| x.book == key.0 && !x.is_confirmed())
                    .map(key_of);
                if first_open.as_ref() == Some(&key) {
                    if let Some(b) = v.blockers.iter().find(|b| !matches!(b, Blocker::Drift { .. })) {
                        self.message = tr!(
                            "tui-cannot-approve",
                            date = crate::i18n::day(v.date),
                            reason = b.describe(&crate::i18n::current())
                        );
                        self.message_bad = true;
                        return Vec::new();
                    }
                    self.look_at(std::slice::from_ref(&key));
                    return vec![Effect::Confirm(vec![key])];
                }
                // Earlier days are open: show the run this approval needs (R5).
                let plan = self.plan(&[key]);
                self.look_at_plan(&plan);
                self.overlay = Overlay::Confirm(plan);
            }
            Action::EditLine => {
                let Some(v) = self.selected_view() else {
                    return Vec::new();
                };
                if v.is_confirmed() {
                    self.message = tr!(
                        "tui-closed-no-edits",
                        date = crate::i18n::day(v.date),
                        status = crate::i18n::words::status(v.status)
                    );
                    return Vec::new();
                }
                let day = key_of(v);
                let lines = self.lines();
                let Some(target) = lines.get(self.line).cloned() else {
                    self.message = tr!("tui-no-line");
                    return Vec::new();
                };
                self.focus = Pane::Book;
                self.look_at(std::slice::from_ref(&day));
                self.overlay = Overlay::Edit(EditState {
                    day,
                    amount: String::new(),
                    target,
                    reason: String::new(),
                    field: 0,
                    error: None,
                });
            }
            Action::MapCode => {
                let Some(v) = self.selected_view() else {
                    return Vec::new();
                };
                let unmapped = v.blockers.iter().find_map(|b| match b {
                    Blocker::Unmapped { what, code } if what != "setting" => Some((what.clone(), code.clone())),
                    _ => None,
                });
                let Some((kind, code)) = unmapped else {
                    self.message = tr!("tui-nothing-to-map");
                    return Vec::new();
                };
                let mut options = if kind == "vat" {
                    self.categories.clone()
                } else {
                    self.methods.clone()
                };
                options.push(NEW_CODE.into());
                options.push("ignore".into());
                let key = key_of(v);
                self.look_at(std::slice::from_ref(&key));
                self.overlay = Overlay::Map(MapState {
                    day: key,
                    kind,
                    code,
                    options,
                    cursor: 0,
                });
            }
            Action::MarkDay => {
                if let Some(k) = self.selected.clone() {
                    if !self.marked.remove(&k) {
                        self.marked.insert(k);
                    }
                    self.move_by(1);
                }
            }
            Action::ConfirmMarked => {
                let targets: Vec<DayKey> = if self.marked.is_empty() {
                    // All valid: through the last day of each book.
                    let mut last: Vec<DayKey> = Vec::new();
                    for v in &self.days {
                        match last.iter_mut().find(|(b, _)| *b == v.book) {
                            Some(x) => x.1 = x.1.max(v.date),
                            None => last.push(key_of(v)),
                        }
                    }
                    last
                } else {
                    self.marked.iter().cloned().collect()
                };
                if targets.is_empty() {
                    return Vec::new();
                }
                let plan = self.plan(&targets);
                self.look_at_plan(&plan);
                self.overlay = Overlay::Confirm(plan);
            }
            // R9: the last confirmed day of the selected day's book, whichever day is selected.
            Action::ReopenDay => {
                let Some(book) = self.selected_view().map(|v| v.book.clone()) else {
                    return Vec::new();
                };
                let last = self
                    .days
                    .iter()
                    .filter(|v| v.book == book && v.is_confirmed())
                    .max_by_key(|v| v.date)
                    .filter(|v| v.status == crate::domain::book::Status::Confirmed)
                    .map(key_of);
                let Some(key) = last else {
                    self.message = tr!("tui-nothing-to-reopen", book = book);
                    return Vec::new();
                };
                // The day to be reopened is the one shown.
                self.selected = Some(key.clone());
                self.look_at(std::slice::from_ref(&key));
                self.overlay = Overlay::Reopen {
                    day: key,
                    reason: String::new(),
                };
                return self.want_detail().into_iter().collect();
            }
            Action::ResolveDrift => {
                let Some(v) = self.selected_view() else {
                    return Vec::new();
                };
                if v.drift.is_none() {
                    self.message = tr!("tui-no-drift", date = crate::i18n::day(v.date));
                    return Vec::new();
                }
                let key = key_of(v);
                let changes: Vec<String> = v
                    .drift
                    .iter()
                    .flat_map(|d| d.changes.iter())
                    .map(|(kind, code, amount)| {
                        let kind = match kind {
                            LineKind::Turnover => tr!("tui-kind-turnover"),
                            LineKind::Payment => tr!("tui-kind-payment"),
                        };
                        format!("{kind} {code} {amount}")
                    })
                    .collect();
                self.look_at(std::slice::from_ref(&key));
                self.overlay = Overlay::Resolve { day: key, changes };
            }
            Action::SyncNow => {
                self.sync = SyncState::Running(tr!("tui-sync-starting"));
                return vec![Effect::Sync];
            }
            Action::Invoices => {
                self.show_invoices = !self.show_invoices;
                if self.show_invoices {
                    return vec![Effect::LoadInvoices];
                }
            }
            Action::IgnoreInvoice => {
                if !self.show_invoices {
                    self.message = tr!("tui-open-invoices-first");
                    return Vec::new();
                }
                match self.invoices.get(self.invoice) {
                    Some(inv) if inv.status == InvoiceStatus::Ignored => {
                        self.message = tr!("tui-invoice-already-ignored", id = inv.id)
                    }
                    Some(inv) => {
                        self.overlay = Overlay::IgnoreInvoice {
                            id: inv.id.clone(),
                            reason: String::new(),
                        }
                    }
                    None => self.message = tr!("tui-no-invoice"),
                }
            }
            Action::DecideHeld => {
                let open = self.selected_view().and_then(|v| {
                    let h = v.held.iter().find(|h| h.open())?;
                    Some(((v.book.clone(), v.date), h.clone()))
                });
                match open {
                    Some((day, document)) => {
                        self.overlay = Overlay::Held(HeldState {
                            day,
                            choice: crate::domain::held::Choice::LeaveOut,
                            document,
                            reason: String::new(),
                            error: None,
                        })
                    }
                    None => self.message = tr!("tui-no-held"),
                }
            }
            // A new filter is typed anew (it used to add to the one before).
            Action::Filter => self.overlay = Overlay::Filter(String::new()),
            Action::ToggleVat => self.incl_vat = !self.incl_vat,
            Action::NextPane => {
                self.focus = match self.focus {
                    Pane::Days => Pane::Pos,
                    Pane::Pos => Pane::Book,
                    Pane::Book => Pane::Days,
                }
            }
            Action::DrillDown => {
                if let Some(k) = self.selected.clone() {
                    self.drill = true;
                    self.focus = Pane::Pos;
                    return vec![Effect::LoadTickets(k)];
                }
            }
            Action::Back => {
                self.drill = false;
                self.focus = Pane::Days;
            }
            Action::Help => {
                self.help_scroll = 0;
                self.overlay = Overlay::Help;
            }
            Action::Quit => {
                self.quit = true;
                return vec![Effect::Quit];
            }
        }
        Vec::new()
    }
}

/// Today's day carries only the "not ended" blocker: it is not a problem to fix.
fn is_only_open(v: &DayView) -> bool {
    v.blockers.iter().all(|b| matches!(b, Blocker::NotEnded))
}
