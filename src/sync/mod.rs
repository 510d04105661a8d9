//! Sync runs: pull every source since its cursor. A run reads where each source stands,
//! lets the store go while it asks the POS servers, then takes it again and imports what
//! each source brought as one batch (decision 72); the cursor moves only after that batch
//! is committed, so a failed run stores nothing and the next run starts where the last
//! good one ended.

use crate::domain::text::Text;
use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::calendar::BusinessCalendar;
use crate::domain::config::{parse_interval, Source, SourceKind};
use crate::domain::document::Document;
use crate::domain::held::{Choice, Decision, HeldDocument};
use crate::ledger::{Ledger, LedgerError, Result};
use crate::pos::mplus::MplusClient;
use crate::store::audit::NewEntry;

/// Where the next run of a source starts (the POS's own sync markers).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub receipts: i64,
    pub invoices: i64,
    #[serde(default)]
    pub orders: i64,
}

fn cursor_key(source: &str) -> String {
    format!("cursor:{source}")
}

/// One run over every source with the store held throughout (the first run right after
/// `dagkas init`); returns a one-line summary. [`run`] lets the store go while it asks.
pub fn sync_all(ledger: &mut Ledger, author: &str) -> Result<Text> {
    let plan = Plan::of(ledger)?;
    let asked = plan.ask();
    plan.store(ledger, asked, author)
}

/// One run over every source, holding the store only to read where each source stands and
/// then to store what came: the POS servers are asked with the store let go (decision 72),
/// so a slow or failing POS keeps no reviewer, script or other process waiting. `open`
/// opens the dossier, waiting its turn; the ledger of the last opening comes back still
/// held, with the run's result, for what the caller records of the run.
pub fn run<E>(
    open: &mut dyn FnMut() -> std::result::Result<Ledger, E>,
    author: &str,
) -> std::result::Result<(Ledger, Result<Text>), E> {
    let mut ledger = open()?;
    let plan = match Plan::of(&ledger) {
        Ok(plan) => plan,
        Err(e) => return Ok((ledger, Err(e))),
    };
    // Files are read while they are imported: a run of files alone holds the store once.
    let asked = if plan.asks_a_server() {
        drop(ledger);
        let asked = plan.ask();
        ledger = open()?;
        asked
    } else {
        plan.ask()
    };
    let result = plan.store(&mut ledger, asked, author);
    Ok((ledger, result))
}

/// What a run needs before it asks the POS servers, read with the store held: each
/// source's cursor and the dates it asks from.
struct Plan {
    config: crate::domain::config::Config,
    today: NaiveDate,
    /// Before any source was asked: a source that answers whole makes every day that had
    /// ended by then complete (decision 73).
    asked_at: chrono::DateTime<chrono::Utc>,
    /// The data dir: the token and secret files of the sources are there.
    dir: PathBuf,
    sources: Vec<Planned>,
}

#[derive(Clone)]
struct Planned {
    source: Source,
    /// The cursor as stored when the run began (none before the first run). What came is
    /// stored only while the cursor is still this.
    cursor: Option<serde_json::Value>,
    receipts_from: NaiveDate,
    invoices_from: NaiveDate,
}

/// What asking one source brought, before anything is stored.
struct Brought {
    docs: Vec<Document>,
    /// What the POS sent that the book cannot take as it is: kept, never dropped.
    held: Vec<HeldDocument>,
    /// The cursor the asking started from (the default before the first run) and where
    /// the next run starts, as stored.
    from: serde_json::Value,
    next: serde_json::Value,
    /// What the cursor's audit entry says of the run besides the source, batch and
    /// held documents (a JSON object).
    detail: serde_json::Value,
}

impl Brought {
    /// What a source brought from `cursor` to `next`: the documents the book can trust, the
    /// others held for a person's decision on their business day (decision 74).
    fn new<C: Serialize>(
        p: &Planned,
        cal: &BusinessCalendar,
        docs: Vec<Document>,
        unread: Vec<Unread>,
        cursor: &C,
        next: &C,
        detail: serde_json::Value,
    ) -> Brought {
        let now = chrono::Utc::now();
        let source = &p.source.name;
        let (docs, mut held) = keep_trusted(source, cal, docs, now);
        held.extend(unread.into_iter().map(|u| HeldDocument {
            source: source.clone(),
            id: u.id,
            what: u.what.to_string(),
            date: u.date,
            // Kept with the document, in the dossier's language.
            reason: u.reason.to_string(),
            document: None,
            received: u.received,
            bookable: false,
            turnover: None,
            payments: None,
            first_seen: now,
            decision: None,
        }));
        Brought {
            docs,
            held,
            from: as_value(cursor),
            next: as_value(next),
            detail,
        }
    }
}

/// Something a connector received but could not read as a §3 document (a kind it does not
/// know, a missing field): kept as received, with what could be made of it.
#[derive(Debug, Clone)]
pub struct Unread {
    /// What the POS called it: `receipt`, `order`, `invoice`, `sale`.
    pub what: &'static str,
    pub id: String,
    pub date: Option<NaiveDate>,
    pub reason: Text,
    pub received: String,
}

impl std::fmt::Display for Unread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.what, self.id, self.reason)
    }
}

/// Why a source brought nothing.
enum Trouble {
    /// The POS could not be reached or answered unusably: recorded as a failed run.
    Pos(crate::pos::PosError),
    /// The source's settings, secret or tokens are wrong: said, not recorded.
    Refused(LedgerError),
}

impl From<LedgerError> for Trouble {
    fn from(e: LedgerError) -> Trouble {
        Trouble::Refused(e)
    }
}

impl From<crate::pos::PosError> for Trouble {
    fn from(e: crate::pos::PosError) -> Trouble {
        Trouble::Pos(e)
    }
}

/// A source's asking: what it brought, nothing yet for a file (read as it is imported),
/// or why not.
type Asked = std::result::Result<Option<Brought>, Trouble>;

impl Plan {
    fn of(ledger: &Ledger) -> Result<Plan> {
        let mut sources = Vec::new();
        for s in &ledger.config.sources {
            let (receipts_from, invoices_from) = fetch_from(&ledger.config, &s.name);
            // A file source has no cursor: it is read whole, as an import.
            let cursor = match connector(s.kind) {
                None => None,
                Some(_) => ledger.store.state_get::<serde_json::Value>(&cursor_key(&s.name))?,
            };
            sources.push(Planned {
                source: s.clone(),
                cursor,
                receipts_from,
                invoices_from,
            });
        }
        Ok(Plan {
            config: ledger.config.clone(),
            today: ledger.today,
            asked_at: chrono::Utc::now(),
            dir: ledger.store.dir().to_path_buf(),
            sources,
        })
    }

    fn asks_a_server(&self) -> bool {
        self.sources.iter().any(|p| connector(p.source.kind).is_some())
    }

    /// Ask each source in turn, without the store. The first that fails ends the asking:
    /// the run stores nothing past it.
    fn ask(&self) -> Vec<Asked> {
        let mut asked = Vec::new();
        for p in &self.sources {
            // What a POS answered can never stop the run unrecorded: a panic while reading it
            // is this source's failed run (`sync failed`, with the message), like any other.
            let asking = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                connector(p.source.kind).map(|c| c.ask(self, p)).transpose()
            }));
            let a = asking.unwrap_or_else(|panic| {
                let why = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                Err(Trouble::Pos(crate::pos::PosError::Invalid(crate::text!(
                    "sync-connector-stopped",
                    reason = why
                ))))
            });
            let failed = a.is_err();
            asked.push(a);
            if failed {
                break;
            }
        }
        asked
    }

    /// Store what the sources brought, each as a batch of its own, with the store held.
    fn store(&self, ledger: &mut Ledger, asked: Vec<Asked>, author: &str) -> Result<Text> {
        if ledger.config.sources != self.config.sources {
            // Asked under other settings than the config now has.
            return Ok(crate::text!("sync-config-changed"));
        }
        let mut parts = Vec::new();
        for (p, a) in self.sources.iter().zip(asked) {
            let s = &p.source;
            parts.push(match a {
                Ok(None) => import_file_source(ledger, s, author)?,
                Ok(Some(brought)) => bring(ledger, self, p, brought, author)?,
                Err(Trouble::Pos(e)) => return Err(record_failure(ledger, s, &e, author)),
                Err(Trouble::Refused(e)) => return Err(e),
            });
        }
        let auto = ledger.confirm_immediate()?;
        ledger.register_due_debtors(author)?;
        ledger.keep_chain_current()?;
        if !auto.confirmed.is_empty() {
            parts.push(crate::text!("sync-immediate", count = auto.confirmed.len()));
        }
        if parts.is_empty() {
            return Ok(crate::text!("sync-no-source"));
        }
        Ok(crate::text!("sync-done", parts = Text::joined(parts, "; ")))
    }
}

/// R2: receipts from the book's start, invoices from `invoices_from`, over the day books of
/// this source. The sync marker already limits a run to what was added or changed since
/// the last one; a change on a confirmed day must still arrive, to show as drift (R10).
fn fetch_from(config: &crate::domain::config::Config, source: &str) -> (NaiveDate, NaiveDate) {
    let mut receipts = None::<NaiveDate>;
    let mut invoices = None::<NaiveDate>;
    for b in config.daybooks.iter().filter(|b| b.source == source) {
        let from = b.start;
        receipts = Some(receipts.map_or(from, |r| r.min(from)));
        invoices = Some(invoices.map_or(b.invoices_from, |i| i.min(b.invoices_from)));
    }
    let r = receipts.unwrap_or(NaiveDate::MIN);
    (r, invoices.unwrap_or(r))
}

/// A file source: read while it is imported, as `dagkas import` does.
fn import_file_source(ledger: &mut Ledger, s: &Source, author: &str) -> Result<Text> {
    let Some(path) = s.settings.get("path") else {
        return Ok(crate::text!("sync-no-path", source = s.name));
    };
    let report = match ledger.import_file(&s.name, &PathBuf::from(path), author, |_| {}) {
        Ok(r) => r,
        Err(LedgerError::BadInput(lines)) => {
            let mut all = vec![crate::text!("bad-lines", count = lines.len()), ":\n  ".into()];
            all.push(Text::joined(lines, "\n  "));
            let message = Text::Seq(all);
            return Err(record_failure(ledger, s, &message, author));
        }
        Err(LedgerError::Io { path, source }) => {
            return Err(record_failure(ledger, s, &format!("{path}: {source}"), author));
        }
        Err(e) => return Err(e),
    };
    Ok(run_summary(&s.name, &report.counts, &[]))
}

/// Store what a source brought as one batch and move its cursor, unless another run moved
/// the cursor since this one read it: what came is then left for the next run to ask again
/// (a later asking may hold newer versions of the same documents).
fn bring(ledger: &mut Ledger, plan: &Plan, p: &Planned, b: Brought, author: &str) -> Result<Text> {
    let s = &p.source;
    let now: Option<serde_json::Value> = ledger.store.state_get(&cursor_key(&s.name))?;
    if now != p.cursor {
        return Ok(crate::text!("sync-moved-meanwhile", source = s.name.clone()));
    }
    let known: std::collections::HashMap<String, HeldDocument> = ledger
        .store
        .held_documents()?
        .into_iter()
        .filter(|h| h.source == s.name)
        .map(|h| (h.id.clone(), h))
        .collect();
    // New or changed held documents (a changed one waits for a decision again).
    let mut write: Vec<HeldDocument> = b
        .held
        .iter()
        .filter(|h| known.get(&h.id).is_none_or(|k| !k.same_as(h)))
        .cloned()
        .collect();
    // A document without a usable date cannot be put on a day: the run stops before it,
    // keeping it for a person to see and decide, and the cursor stays (decision 74).
    let undated: Vec<&HeldDocument> = b
        .held
        .iter()
        .filter(|h| h.date.is_none())
        .filter(|h| {
            let decided = known
                .get(&h.id)
                .filter(|k| k.same_as(h))
                .and_then(|k| k.decision.as_ref());
            !decided.is_some_and(|d| d.choice == Choice::LeaveOut)
        })
        .collect();
    if !undated.is_empty() {
        let names: Vec<String> = undated.iter().map(|h| format!("{} {}", h.what, h.id)).collect();
        let message = crate::text!(
            "sync-undated-held",
            source = s.name.clone(),
            documents = names.join(", "),
            first = undated[0].id.clone()
        );
        if !write.is_empty() {
            let ids: Vec<&str> = write.iter().map(|h| h.id.as_str()).collect();
            ledger.store.put_state_many(
                &write,
                Vec::new(),
                NewEntry {
                    author: author.into(),
                    action: crate::store::audit::Action::Held.into(),
                    reason: None,
                    detail: serde_json::json!({"source": s.name, "held": ids}),
                },
            )?;
        }
        return Err(record_failure(ledger, s, &message, author));
    }
    // A held document the POS has now sent soundly is booked as usual: it no longer waits.
    let at = chrono::Utc::now();
    for d in &b.docs {
        if let Some(k) = known.get(d.id()).filter(|k| k.open()) {
            let mut k = k.clone();
            k.decision = Some(Decision {
                choice: Choice::Superseded,
                // Kept with the document, in the dossier's language.
                reason: Text::id("held-superseded").to_string(),
                author: author.to_string(),
                at,
            });
            write.push(k);
        }
    }
    // What this run holds for a decision: not what the POS sent again as it was decided.
    let open: Vec<&HeldDocument> = b
        .held
        .iter()
        .filter(|h| known.get(&h.id).filter(|k| k.same_as(h)).is_none_or(|k| k.open()))
        .collect();
    let n = b.docs.len();
    let report = ledger.import_documents(&s.name, &format!("sync {} ({n} documents)", s.name), author, b.docs)?;
    // The batch is kept from here on: a failure after it says so (the next run asks again
    // from the same cursor and finds its documents unchanged).
    let kept = |e: LedgerError| {
        LedgerError::Refused(crate::text!(
            "import-committed-then",
            batch = report.batch,
            reason = e.to_string()
        ))
    };
    let moved = b.next != b.from;
    if moved || !write.is_empty() {
        let mut detail = b.detail;
        detail["source"] = s.name.clone().into();
        detail["batch"] = report.batch.into();
        detail["held"] = serde_json::json!(b
            .held
            .iter()
            .map(|h| format!("{} {}: {}", h.what, h.id, h.reason))
            .collect::<Vec<_>>());
        let cursor = if moved {
            vec![(cursor_key(&s.name), crate::store::state_value(&b.next))]
        } else {
            Vec::new()
        };
        ledger
            .store
            .put_state_many(
                &write,
                cursor,
                NewEntry {
                    author: author.into(),
                    action: crate::store::audit::Action::SyncCursor.into(),
                    reason: None,
                    detail,
                },
            )
            .map_err(|e| kept(e.into()))?;
    }
    // The run asked from its cursor up to the moment it began: every business day that had
    // ended by then is whole (the clock's today, or DAGKAS_TODAY's, shifted by the cutoff).
    ledger
        .store
        .set_source_complete(
            &s.name,
            &crate::store::SourceComplete {
                at: plan.asked_at,
                through: plan.today - chrono::Duration::days(1),
            },
        )
        .map_err(|e| kept(e.into()))?;
    Ok(run_summary(&s.name, &report.counts, &open))
}

/// The cursor a source's asking starts from: as stored, or the default before its first run.
fn cursor_of<T: Default + for<'de> Deserialize<'de>>(p: &Planned) -> std::result::Result<T, Trouble> {
    match &p.cursor {
        None => Ok(T::default()),
        Some(v) => serde_json::from_value(v.clone()).map_err(|e| {
            Trouble::Refused(LedgerError::Store(crate::store::StoreError::Corrupt {
                key: cursor_key(&p.source.name),
                message: e.to_string().into(),
            }))
        }),
    }
}

fn as_value<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).expect("cursors serialise")
}

/// The runtime a connector's run is driven on (the process's one).
fn runtime() -> std::result::Result<&'static tokio::runtime::Runtime, crate::pos::PosError> {
    crate::io_runtime().map_err(|e| crate::pos::PosError::Transport(e.to_string().into()))
}

/// What a batch did to the documents: `3 new, 0 changed, 12 unchanged, 1 voided`.
pub fn counts(c: &crate::store::Counts) -> Text {
    crate::text!(
        "counts",
        new = c.new,
        changed = c.changed,
        unchanged = c.unchanged,
        voided = c.voided
    )
}

/// What a source's run brought: `kassa: 3 new, 0 changed, 12 unchanged, 1 voided`, and
/// the documents it holds for a decision, the first few named (all of them are listed by
/// `dagkas held` and on their days).
fn run_summary(source: &str, c: &crate::store::Counts, held: &[&HeldDocument]) -> Text {
    let mut line = vec![counts(c).at(source)];
    if !held.is_empty() {
        let shown: Vec<String> = held
            .iter()
            .take(3)
            .map(|h| format!("{} {}: {}", h.what, h.id, h.reason))
            .collect();
        line.extend([", ".into(), crate::text!("sync-held", count = held.len())]);
        line.push(format!(" ({}", shown.join("; ")).into());
        if held.len() > 3 {
            line.extend(["; ".into(), crate::text!("sync-more-held", count = held.len() - 3)]);
        }
        line.push(")".into());
    }
    Text::Seq(line)
}

fn max_body(s: &Source) -> u64 {
    s.settings
        .get("max_body_mb")
        .and_then(|m| m.parse().ok())
        .unwrap_or(crate::pos::MAX_BODY_MB)
}

/// A document the book cannot take as it is (e.g. a receipt that does not balance, a field
/// out of bounds) is held on its business day instead of booked: the same checks as
/// `dagkas import`, which refuses such a file whole.
fn keep_trusted(
    source: &str,
    cal: &BusinessCalendar,
    docs: Vec<Document>,
    now: chrono::DateTime<chrono::Utc>,
) -> (Vec<Document>, Vec<HeldDocument>) {
    let mut held = Vec::new();
    let mut kept = Vec::with_capacity(docs.len());
    for d in docs {
        match crate::domain::document::check(&d) {
            Ok(()) => kept.push(d),
            Err(e) => {
                let date = d.business_date(cal);
                held.push(HeldDocument::of_document(source, d, date, e.to_string(), now));
            }
        }
    }
    (kept, held)
}

/// A failed run stores nothing but its audit entry; the message says so.
fn record_failure(ledger: &Ledger, s: &Source, e: &dyn std::fmt::Display, author: &str) -> LedgerError {
    let logged = ledger.store.append_audit(NewEntry {
        author: author.into(),
        action: crate::store::audit::Action::SyncFailed.into(),
        reason: None,
        detail: serde_json::json!({"source": s.name, "error": e.to_string()}),
    });
    if let Err(store) = logged {
        return store.into();
    }
    LedgerError::Refused(crate::text!(
        "syn-source-nothing-was-stored",
        name = format!("{:?}", s.name),
        e = e
    ))
}

/// The interval of the schedule: the shortest of the sources'.
pub fn interval_of(config: &crate::domain::config::Config) -> u64 {
    config
        .sources
        .iter()
        .map(|s| s.interval_secs)
        .min()
        .unwrap_or(900)
        .max(1)
}

mod connector;
mod demo;
mod lightspeed;
mod login;
mod mplus;
mod record;
mod schedule;

use connector::connector;
use demo::*;
pub use lightspeed::*;
pub use login::*;
pub use mplus::*;
pub use record::*;
pub use schedule::*;

/// `source "kassa": why`, for a refusal of a source's settings, secret or tokens.
fn source_refused(name: &str, why: impl Into<Text>) -> Text {
    why.into().at(format!("source {name:?}"))
}
