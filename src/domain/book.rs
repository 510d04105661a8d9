//! The book: days in chain order with their status, edits, corrections, cash book and
//! blockers (R1, R4–R6, R8, R10, R23).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

pub use super::blocker::Blocker;
use super::cashbook::{run_day, CashDay};
use super::config::{Config, DayBook, Rate};
use super::day::{DayFigures, DayProblem, DocRef, Instance};
use super::held::{HeldDocument, HeldNote};
use super::money::{fmt, opt_string};

/// Which part of a day a line belongs to (R4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    Turnover,
    Payment,
}

impl std::str::FromStr for LineKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "turnover" => Ok(LineKind::Turnover),
            "payment" => Ok(LineKind::Payment),
            _ => Err(format!("unknown line kind {s:?}; expected turnover or payment")),
        }
    }
}

/// R8: a person's value for a line, kept beside the POS value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Edit {
    pub kind: LineKind,
    pub code: String,
    #[serde(with = "super::money::as_string")]
    pub amount: Decimal,
    pub reason: String,
    pub author: String,
    pub at: DateTime<Utc>,
}

/// R10: a correction booked on an open day for drift found on a confirmed one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Correction {
    pub kind: LineKind,
    pub code: String,
    #[serde(with = "super::money::as_string")]
    pub amount: Decimal,
    pub original_date: NaiveDate,
    pub documents: Vec<String>,
    pub author: String,
    pub at: DateTime<Utc>,
}

/// A balance per drawer.
pub type DrawerBalances = BTreeMap<String, Decimal>;

/// What was frozen when a day was confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frozen {
    /// The day's figures as confirmed. Not part of the record's JSON: the store keeps them
    /// beside it in binary (they list every document of the day) and names their digest in
    /// the record (decision 63); records of older stores still carry them and are read.
    #[serde(default, skip_serializing)]
    pub figures: DayFigures,
    pub edits: Vec<Edit>,
    pub corrections: Vec<Correction>,
    /// Per journal: opening and closing per drawer.
    pub cash: BTreeMap<String, (DrawerBalances, DrawerBalances)>,
    #[serde(with = "super::money::as_string")]
    pub turnover: Decimal,
    #[serde(with = "super::money::as_string")]
    pub payments: Decimal,
    pub by: String,
    pub at: DateTime<Utc>,
    /// The day's lines as the config then stated them (accounts, VAT at the rates of the
    /// day); absent on days confirmed by versions that did not keep them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booked: Option<Vec<BookedLine>>,
}

/// One line as the book states it for a confirmed day: what the exports post (SPEC §6), on
/// the account the config gave it. A config change that would alter it is refused: a
/// confirmed day never changes silently (decision 39).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BookedLine {
    /// `turnover`, `vat`, `payment`, or a cash journal's account (`cash`, `diff_debit`, …).
    pub what: String,
    pub code: String,
    pub account: String,
    #[serde(with = "super::money::as_string")]
    pub amount: Decimal,
}

impl std::fmt::Display for BookedLine {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(
            f,
            "{} {} on {}: {}",
            self.what,
            self.code,
            self.account,
            super::money::fmt(self.amount)
        )
    }
}

/// A digest of everything a person sees of a day: an action taken on a view whose stamp
/// is no longer the day's is refused, as the day changed meanwhile (another reviewer, a
/// sync, a command).
pub fn view_stamp(v: &DayView) -> u64 {
    use std::hash::{Hash, Hasher};
    if let Some(stamp) = v.stamp {
        return stamp;
    }
    // Every field, named so that a field added later is not left out unnoticed; being
    // overdue comes with the calendar, not with a change of the day.
    let DayView {
        date,
        book,
        status,
        receipts_confirmed,
        payments_confirmed,
        overdue: _,
        turnover,
        payments,
        vat,
        categories,
        methods,
        instances,
        cash,
        blockers,
        problems,
        drift,
        edits,
        corrections,
        pos,
        documents,
        held,
        skipped,
        tips,
        open_prepaid,
        open_vouchers,
        stamp: _,
    } = v;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (date, book, status, receipts_confirmed, payments_confirmed).hash(&mut h);
    (turnover, payments, vat, categories, methods, instances, cash, blockers).hash(&mut h);
    (problems, drift, edits, corrections, pos, documents, skipped).hash(&mut h);
    (tips, open_prepaid, open_vouchers).hash(&mut h);
    // Only when there are any: the stamps of days without (kept with their listed form)
    // stay what they were.
    if !held.is_empty() {
        held.hash(&mut h);
    }
    h.finish()
}

/// One of a cash journal's accounts.
type JournalAccount = fn(&crate::domain::config::CashJournal) -> &String;

/// The account of a line whose code the config no longer has.
const NOT_IN_CONFIG: &str = "(a code not in the config)";

/// The booked lines of a day view under `config`.
pub fn booked_lines(config: &Config, view: &DayView) -> Vec<BookedLine> {
    let line = |what: &str, code: &str, account: &str, amount: Decimal| BookedLine {
        what: what.into(),
        code: code.into(),
        account: account.into(),
        amount,
    };
    let mut out = Vec::new();
    for c in &view.categories {
        let account = config
            .category(&c.code)
            .map(|k| k.account.as_str())
            .unwrap_or(NOT_IN_CONFIG);
        out.push(line("turnover", &c.code, account, c.incl));
        if let Some(vat) = c.vat {
            out.push(line("vat", &c.code, &config.dossier.vat_account, vat));
        }
    }
    for m in &view.methods {
        let account = config
            .method(&m.code)
            .map(|k| k.account.as_str())
            .unwrap_or(NOT_IN_CONFIG);
        out.push(line("payment", &m.code, account, m.amount));
    }
    for j in &view.cash {
        let journal = config.journals.iter().find(|x| x.code == j.journal);
        let account = |f: fn(&crate::domain::config::CashJournal) -> &String| {
            journal.map(|x| f(x).as_str()).unwrap_or(NOT_IN_CONFIG)
        };
        out.push(line("cash", &j.journal, account(|x| &x.account), j.closing));
        // The counterpart accounts of the cash book's events: where differences and
        // deposits go.
        let counterparts: [(&str, JournalAccount); 4] = [
            ("diff_debit", |x| &x.diff_debit_account),
            ("diff_credit", |x| &x.diff_credit_account),
            ("cash_deposit", |x| &x.cash_deposit_account),
            ("bank_deposit", |x| &x.bank_deposit_account),
        ];
        for (what, field) in counterparts {
            out.push(line(what, &j.journal, account(field), Decimal::ZERO));
        }
    }
    out.sort();
    out
}

/// What differs between the lines a day was confirmed with and the lines it has now,
/// each as `was → now` (a line that is gone shows as absent).
pub fn booked_changes(was: &[BookedLine], now: &[BookedLine]) -> Vec<String> {
    let key = |l: &BookedLine| (l.what.clone(), l.code.clone());
    let old: BTreeMap<_, _> = was.iter().map(|l| (key(l), l)).collect();
    let new: BTreeMap<_, _> = now.iter().map(|l| (key(l), l)).collect();
    let mut out = Vec::new();
    for (k, o) in &old {
        match new.get(k) {
            Some(n) if n == o => {}
            Some(n) => out.push(format!(
                "{o} → {}",
                if n.account != o.account {
                    format!("on {}: {}", n.account, super::money::fmt(n.amount))
                } else {
                    super::money::fmt(n.amount)
                }
            )),
            None => out.push(format!("{o} → absent")),
        }
    }
    for (k, n) in &new {
        if !old.contains_key(k) {
            out.push(format!("{} {}: absent → {n}", k.0, k.1));
        }
    }
    out
}

/// The stored life of a day; absent for a day nobody touched.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayRecord {
    pub receipts_confirmed: bool,
    pub payments_confirmed: bool,
    pub centralised: bool,
    pub edits: Vec<Edit>,
    pub corrections: Vec<Correction>,
    pub frozen: Option<Frozen>,
    /// Drift already booked elsewhere as a correction (R10): these versions are accepted.
    pub accepted_drift: Vec<DocRef>,
}

impl DayRecord {
    pub fn confirmed(&self) -> bool {
        self.receipts_confirmed && self.payments_confirmed
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Empty,
    Proposed,
    Confirmed,
    Centralised,
}

impl Status {
    /// Its word for a person.
    pub fn text(self) -> super::text::Text {
        super::text::Text::id(match self {
            Status::Empty => "status-empty",
            Status::Proposed => "status-proposed",
            Status::Confirmed => "status-confirmed",
            Status::Centralised => "status-centralised",
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Empty => "empty",
            Status::Proposed => "proposed",
            Status::Confirmed => "confirmed",
            Status::Centralised => "centralised",
        }
    }
}

/// A turnover line of the book view.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CategoryLine {
    pub code: String,
    pub rate: String,
    /// Incl. VAT, as booked (edit and corrections applied).
    #[serde(with = "super::money::as_string")]
    pub incl: Decimal,
    #[serde(with = "opt_string")]
    pub vat: Option<Decimal>,
    #[serde(with = "super::money::as_string")]
    pub excl: Decimal,
    #[serde(with = "opt_string")]
    pub pos: Option<Decimal>,
    #[serde(with = "opt_string")]
    pub edited: Option<Decimal>,
    #[serde(with = "super::money::as_string")]
    pub corrections: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MethodLine {
    pub code: String,
    #[serde(with = "super::money::as_string")]
    pub amount: Decimal,
    #[serde(with = "opt_string")]
    pub pos: Option<Decimal>,
    #[serde(with = "opt_string")]
    pub edited: Option<Decimal>,
    #[serde(with = "super::money::as_string")]
    pub corrections: Decimal,
}

/// A journal's part of a day view.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct JournalDay {
    pub journal: String,
    pub currency: String,
    #[serde(with = "super::money::as_string")]
    pub opening: Decimal,
    #[serde(with = "super::money::as_string")]
    pub closing: Decimal,
    /// R5: the opening equals the previous day's closing.
    pub chained: bool,
    pub day: CashDay,
}

/// Drift on a confirmed day (R10): what the documents say now versus what was confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Drift {
    pub documents: Vec<String>,
    /// Current figures minus frozen figures, per line.
    pub changes: Vec<(LineKind, String, String)>,
}

/// A day as the book shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayView {
    pub date: NaiveDate,
    pub book: String,
    pub status: Status,
    pub receipts_confirmed: bool,
    pub payments_confirmed: bool,
    pub overdue: bool,
    #[serde(with = "super::money::as_string")]
    pub turnover: Decimal,
    #[serde(with = "super::money::as_string")]
    pub payments: Decimal,
    #[serde(with = "super::money::as_string")]
    pub vat: Decimal,
    pub categories: Vec<CategoryLine>,
    pub methods: Vec<MethodLine>,
    pub instances: Vec<Instance>,
    pub cash: Vec<JournalDay>,
    pub blockers: Vec<Blocker>,
    /// The blockers as the status words of SPEC §1 (`unbalanced`, `negative cash`, …).
    pub problems: Vec<String>,
    pub drift: Option<Drift>,
    pub edits: Vec<Edit>,
    pub corrections: Vec<Correction>,
    pub pos: super::day::PosView,
    pub documents: usize,
    /// What the POS sent for this day that the book could not take as it was, with the
    /// decision taken on each (decision 74).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub held: Vec<HeldNote>,
    pub skipped: u32,
    #[serde(with = "super::money::as_string")]
    pub tips: Decimal,
    /// R14/R15: open balances at the end of this day, over the book so far.
    #[serde(with = "super::money::as_string")]
    pub open_prepaid: Decimal,
    #[serde(with = "super::money::as_string")]
    pub open_vouchers: Decimal,
    /// Set on a [`DayView::light`] copy: the stamp of the whole view it was made from.
    #[serde(skip)]
    pub stamp: Option<u64>,
}

impl DayView {
    /// What a list of many days keeps of a day: its status, totals, blockers and lines,
    /// without the cash book's events, the POS's own totals and the edits (the whole view
    /// is read again when the day is looked at). It keeps the stamp of the whole view, so
    /// an action on it is checked against the day as it is.
    pub fn light(self) -> DayView {
        let stamp = Some(view_stamp(&self));
        DayView {
            cash: self
                .cash
                .into_iter()
                .map(|mut j| {
                    j.day.lines = Vec::new();
                    j
                })
                .collect(),
            instances: Vec::new(),
            edits: Vec::new(),
            corrections: Vec::new(),
            pos: Default::default(),
            stamp,
            ..self
        }
    }

    /// Made by [`DayView::light`].
    pub fn is_light(&self) -> bool {
        self.stamp.is_some()
    }

    pub fn is_confirmed(&self) -> bool {
        matches!(self.status, Status::Confirmed | Status::Centralised)
    }

    /// Its data has not all come yet (decision 73).
    pub fn awaits_data(&self) -> bool {
        self.blockers.iter().any(|b| matches!(b, Blocker::Waiting { .. }))
    }

    /// A blocker only a person can lift: anything but "not ended" and "waiting for its data".
    pub fn blocked_for_a_person(&self) -> bool {
        self.blockers
            .iter()
            .any(|b| !matches!(b, Blocker::NotEnded | Blocker::Waiting { .. }))
    }
}

/// R23: VAT included in an amount: round-half-up(incl × rate / (100 + rate), 2).
/// Half-up is taken away from zero, so a refund mirrors its sale.
pub fn vat_of(incl: Decimal, rate: Decimal) -> Decimal {
    (incl * rate / (Decimal::ONE_HUNDRED + rate)).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// One input day for [`build_views`].
pub struct DayInput<'a> {
    pub date: NaiveDate,
    pub figures: &'a DayFigures,
    pub record: Option<&'a DayRecord>,
    /// The figures the record froze, when they are given apart from it (the record was read
    /// without them); `None`: the record's own.
    pub frozen_figures: Option<&'a DayFigures>,
}

/// Build the views of a book's days, in date order, chaining the cash book.
/// `days` must start at the book's first day so the chain is complete.
pub fn build_views(config: &Config, book: &DayBook, days: &[DayInput], today: NaiveDate) -> Vec<DayView> {
    build_views_from(
        config,
        book,
        days,
        today,
        ChainState::opening(config, book),
        &Outside::default(),
    )
}

/// What a day's view needs besides its documents and record: whether its data is whole,
/// and what the POS sent for it that the book could not take.
#[derive(Debug, Clone, Default)]
pub struct Outside {
    pub awaited: Option<Awaited>,
    /// The book's source's held documents, by business date.
    pub held: BTreeMap<NaiveDate, Vec<HeldDocument>>,
}

/// Where a book's source has delivered its data: the days after `complete_through` (every
/// day when none) wait for it. Absent when every ended day is whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Awaited {
    pub source: String,
    pub complete_through: Option<NaiveDate>,
    pub last_run: Option<String>,
    pub later_document: bool,
}

impl Awaited {
    /// Whether `date`'s data is still awaited.
    pub fn awaits(&self, date: NaiveDate) -> bool {
        self.complete_through.is_none_or(|c| date > c)
    }

    fn blocker(&self) -> Blocker {
        Blocker::Waiting {
            source: self.source.clone(),
            last_run: self.last_run.clone(),
            complete_through: self.complete_through,
            later_document: self.later_document,
        }
    }
}

/// Where a book stands at the close of a day: each cash journal's drawers, and the open
/// prepayments and vouchers. The next day continues from it, so a range of days can be
/// built from the state at the close of the day before it, without the days before that.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainState {
    pub balances: BTreeMap<String, BTreeMap<String, Decimal>>,
    pub open_prepaid: Decimal,
    pub open_vouchers: Decimal,
}

impl ChainState {
    /// Before the book's first day: the journals' opening balances, nothing open.
    pub fn opening(config: &Config, book: &DayBook) -> ChainState {
        ChainState {
            balances: config
                .journals_of(&book.code)
                .map(|j| (j.code.clone(), j.opening.clone()))
                .collect(),
            open_prepaid: Decimal::ZERO,
            open_vouchers: Decimal::ZERO,
        }
    }

    /// At the close of the day a view shows.
    pub fn after(view: &DayView) -> ChainState {
        ChainState {
            balances: view
                .cash
                .iter()
                .map(|j| (j.journal.clone(), j.day.closing.clone()))
                .collect(),
            open_prepaid: view.open_prepaid,
            open_vouchers: view.open_vouchers,
        }
    }
}

/// [`build_views`] continuing from `state`, the close of the day before the first input.
pub fn build_views_from(
    config: &Config,
    book: &DayBook,
    days: &[DayInput],
    today: NaiveDate,
    state: ChainState,
    outside: &Outside,
) -> Vec<DayView> {
    let awaited = outside.awaited.as_ref();
    let journals: Vec<_> = config.journals_of(&book.code).collect();
    let ChainState {
        mut balances,
        mut open_prepaid,
        mut open_vouchers,
    } = state;
    let mut out = Vec::with_capacity(days.len());
    for input in days {
        let none = DayRecord::default();
        let record = input.record.unwrap_or(&none);
        let frozen = record.frozen.as_ref();
        let frozen_figures = frozen.map(|f| input.frozen_figures.unwrap_or(&f.figures));
        // A confirmed part shows what was confirmed, never the documents' later state (R10).
        let receipts_fig = if record.receipts_confirmed {
            frozen_figures
        } else {
            None
        }
        .unwrap_or(input.figures);
        let payments_fig = if record.payments_confirmed {
            frozen_figures
        } else {
            None
        }
        .unwrap_or(input.figures);
        let (edits, corrections) = match frozen {
            Some(f) if record.confirmed() => (&f.edits, &f.corrections),
            _ => (&record.edits, &record.corrections),
        };

        let categories = category_lines(config, input.date, receipts_fig, edits, corrections);
        let methods = method_lines(payments_fig, edits, corrections);
        let turnover: Decimal = categories.iter().map(|c| c.incl).sum();
        let payments: Decimal = methods.iter().map(|m| m.amount).sum();
        let vat: Decimal = categories.iter().filter_map(|c| c.vat).sum();

        let mut blockers = Vec::new();
        for p in receipts_fig.problems.iter().chain(
            // Problems of a part not yet confirmed come from the current documents.
            payments_fig
                .problems
                .iter()
                .filter(|_| !std::ptr::eq(payments_fig, receipts_fig)),
        ) {
            blockers.push(match p.clone() {
                DayProblem::Unmapped { what, code } => Blocker::Unmapped { what, code },
                DayProblem::CurrencyWithoutJournal { currency, document } => Blocker::Currency { currency, document },
                DayProblem::DrawerWithoutJournal {
                    drawer,
                    currency,
                    document,
                } => Blocker::Drawer {
                    drawer,
                    currency,
                    document,
                },
                DayProblem::NoCashMethod { document } => Blocker::NoCashMethod { document },
            });
        }
        // R12: mapping a code inline can turn an unmapped edit into a booked one.
        let edited_codes: BTreeSet<_> = edits.iter().map(|e| (e.kind, e.code.clone())).collect();
        blockers.retain(|b| match b {
            Blocker::Unmapped { what, code } if what == "method" => {
                !edited_codes.contains(&(LineKind::Payment, code.clone()))
            }
            _ => true,
        });
        let unmapped = blockers.iter().any(|b| matches!(b, Blocker::Unmapped { .. }));
        if !unmapped && turnover != payments {
            blockers.push(Blocker::Unbalanced { turnover, payments });
        }

        let mut cash = Vec::new();
        for j in &journals {
            let moves: Vec<_> = payments_fig.cash.iter().filter(|m| m.journal == j.code).collect();
            let opening = balances.get(&j.code).cloned().unwrap_or_default();
            let (day, chained) = match frozen.and_then(|f| f.cash.get(&j.code)) {
                Some((o, _)) if record.payments_confirmed => {
                    let day = run_day(o, &moves);
                    let chained = *o == opening;
                    (day, chained)
                }
                _ => (run_day(&opening, &moves), true),
            };
            if let Some(at) = &day.negative {
                blockers.push(Blocker::NegativeCash {
                    journal: j.code.clone(),
                    at: at.clone(),
                    first_day: input.date == book.start,
                });
            }
            balances.insert(j.code.clone(), day.closing.clone());
            cash.push(JournalDay {
                journal: j.code.clone(),
                currency: j.currency.clone(),
                opening: day.opening_total(),
                closing: day.closing_total(),
                chained,
                day,
            });
        }

        let drift = if record.receipts_confirmed || record.payments_confirmed {
            frozen_figures.and_then(|f| drift_of(f, input.figures, &record.accepted_drift))
        } else {
            None
        };
        if let Some(d) = &drift {
            blockers.push(Blocker::Drift {
                documents: d.documents.clone(),
            });
        }
        let held: Vec<HeldNote> = outside
            .held
            .get(&input.date)
            .map(|docs| docs.iter().map(HeldNote::from).collect())
            .unwrap_or_default();
        for h in held.iter().filter(|h| h.open()) {
            blockers.push(Blocker::Held {
                source: h.source.clone(),
                document: h.id.clone(),
                what: h.what.clone(),
                reason: h.reason.clone(),
                turnover: h.turnover,
                payments: h.payments,
            });
        }
        let waiting = input.date < today && awaited.is_some_and(|a| a.awaits(input.date));
        if input.date >= today {
            blockers.push(Blocker::NotEnded);
        } else if let Some(a) = awaited.filter(|_| waiting) {
            blockers.push(a.blocker());
        }

        let status = if record.centralised {
            Status::Centralised
        } else if record.confirmed() {
            Status::Confirmed
        } else if waiting && input.figures.documents.is_empty() && edits.is_empty() && corrections.is_empty() {
            // Nothing came for it yet: not a zero day the POS reported (R3), an empty one.
            Status::Empty
        } else {
            Status::Proposed
        };
        if !matches!(status, Status::Proposed | Status::Empty) {
            // A confirmed day is judged by drift only: its figures were valid when confirmed.
            blockers.retain(|b| matches!(b, Blocker::Drift { .. }));
        }
        open_prepaid += receipts_fig.prepaid_opened - receipts_fig.prepaid_consumed;
        open_vouchers += receipts_fig.vouchers_sold - payments_fig.vouchers_redeemed;
        // A day waiting for its data is not yet a proposal to review (decision 73).
        let overdue =
            status == Status::Proposed && !waiting && (today - input.date).num_days() > i64::from(book.overdue_days);
        out.push(DayView {
            date: input.date,
            book: book.code.clone(),
            status,
            receipts_confirmed: record.receipts_confirmed,
            payments_confirmed: record.payments_confirmed,
            overdue,
            turnover,
            payments,
            vat,
            categories,
            methods,
            instances: payments_fig.instances.clone(),
            cash,
            problems: blockers.iter().fold(Vec::new(), |mut words, b| {
                if !words.iter().any(|w: &String| w == b.word()) {
                    words.push(b.word().to_string());
                }
                words
            }),
            blockers,
            drift,
            edits: edits.clone(),
            corrections: corrections.clone(),
            pos: input.figures.pos.clone(),
            documents: input.figures.documents.len(),
            held,
            skipped: input.figures.skipped,
            tips: input.figures.tips,
            open_prepaid,
            open_vouchers,
            stamp: None,
        });
    }
    out
}

fn last_edit<'a>(edits: &'a [Edit], kind: LineKind, code: &str) -> Option<&'a Edit> {
    edits.iter().rev().find(|e| e.kind == kind && e.code == code)
}

fn corrections_of(corrections: &[Correction], kind: LineKind, code: &str) -> Decimal {
    corrections
        .iter()
        .filter(|c| c.kind == kind && c.code == code)
        .map(|c| c.amount)
        .sum()
}

/// The codes of a day's lines of one kind: what the POS gave, and what was edited or
/// corrected (a line can exist by an edit alone), each once, in order.
fn line_codes<'a>(
    pos: impl Iterator<Item = &'a String>,
    edits: &'a [Edit],
    corrections: &'a [Correction],
    kind: LineKind,
) -> BTreeSet<&'a str> {
    let mut codes: BTreeSet<&str> = pos.map(String::as_str).collect();
    codes.extend(edits.iter().filter(|e| e.kind == kind).map(|e| e.code.as_str()));
    codes.extend(corrections.iter().filter(|c| c.kind == kind).map(|c| c.code.as_str()));
    codes
}

fn category_lines(
    config: &Config,
    date: NaiveDate,
    f: &DayFigures,
    edits: &[Edit],
    corrections: &[Correction],
) -> Vec<CategoryLine> {
    line_codes(f.turnover.keys(), edits, corrections, LineKind::Turnover)
        .into_iter()
        .map(|code| {
            let pos = f.turnover.get(code).copied();
            let edited = last_edit(edits, LineKind::Turnover, code).map(|e| e.amount);
            let corr = corrections_of(corrections, LineKind::Turnover, code);
            let incl = edited.or(pos).unwrap_or_default() + corr;
            let rate = config.category(code).map_or(Rate::NotApplicable, |c| c.rate_on(date));
            let vat = match rate {
                Rate::NotApplicable => None,
                Rate::Percent(p) => Some(match f.pos_vat.get(code) {
                    // The POS's own VAT, when every line carried it and nobody changed the line.
                    Some(v) if edited.is_none() && corr.is_zero() && !f.vat_partial.contains(code) => *v,
                    _ => vat_of(incl, p),
                }),
            };
            CategoryLine {
                code: code.to_string(),
                rate: rate.to_string(),
                incl,
                vat,
                excl: incl - vat.unwrap_or_default(),
                pos,
                edited,
                corrections: corr,
            }
        })
        .collect()
}

fn method_lines(f: &DayFigures, edits: &[Edit], corrections: &[Correction]) -> Vec<MethodLine> {
    line_codes(f.payments.keys(), edits, corrections, LineKind::Payment)
        .into_iter()
        .map(|code| {
            let pos = f.payments.get(code).copied();
            let edited = last_edit(edits, LineKind::Payment, code).map(|e| e.amount);
            let corr = corrections_of(corrections, LineKind::Payment, code);
            MethodLine {
                code: code.to_string(),
                amount: edited.or(pos).unwrap_or_default() + corr,
                pos,
                edited,
                corrections: corr,
            }
        })
        .collect()
}

/// R10: the documents that differ between what was confirmed and what the POS says now.
pub fn drift_of(frozen: &DayFigures, now: &DayFigures, accepted: &[DocRef]) -> Option<Drift> {
    // The same versions of the same documents: nothing drifted (the common case, and the
    // cheap one, as a day's documents are kept sorted).
    if std::ptr::eq(frozen, now) || frozen.documents == now.documents {
        return None;
    }
    let was: BTreeMap<&str, u64> = frozen.documents.iter().map(|d| (d.id.as_str(), d.version)).collect();
    let is: BTreeMap<&str, u64> = now.documents.iter().map(|d| (d.id.as_str(), d.version)).collect();
    let accepted: BTreeSet<(&str, u64)> = accepted.iter().map(|d| (d.id.as_str(), d.version)).collect();
    let voided_accepted: BTreeSet<&str> = accepted.iter().filter(|(_, v)| *v == 0).map(|(i, _)| *i).collect();
    let mut documents = Vec::new();
    for (id, v) in &is {
        if was.get(id) != Some(v) && !accepted.contains(&(*id, *v)) {
            documents.push(id.to_string());
        }
    }
    for id in was.keys() {
        if !is.contains_key(id) && !voided_accepted.contains(id) {
            documents.push(id.to_string());
        }
    }
    if documents.is_empty() {
        return None;
    }
    documents.sort();
    documents.dedup();
    let mut changes = Vec::new();
    let diff = |a: &BTreeMap<String, Decimal>, b: &BTreeMap<String, Decimal>, kind: LineKind, out: &mut Vec<_>| {
        let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
        for k in keys {
            let d = b.get(k).copied().unwrap_or_default() - a.get(k).copied().unwrap_or_default();
            if !d.is_zero() {
                out.push((kind, k.clone(), fmt(d)));
            }
        }
    };
    diff(&frozen.turnover, &now.turnover, LineKind::Turnover, &mut changes);
    diff(&frozen.payments, &now.payments, LineKind::Payment, &mut changes);
    Some(Drift { documents, changes })
}

#[cfg(test)]
mod tests;
