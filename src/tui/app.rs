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

mod act;
mod overlays;

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
    /// Opened from the firm's overview: Esc on the days goes back to it.
    pub in_firm: bool,
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
            in_firm: false,
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
                    stop.get_or_insert(((book.clone(), v.date), b.to_string()));
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
        if self.overlay != Overlay::None {
            return self.overlay_key(k);
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
}

/// Today's day carries only the "not ended" blocker: it is not a problem to fix.
fn is_only_open(v: &DayView) -> bool {
    v.blockers.iter().all(|b| matches!(b, Blocker::NotEnded))
}
