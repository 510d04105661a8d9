//! Sync runs: pull every source since its cursor. A run reads where each source stands,
//! lets the store go while it asks the POS servers, then takes it again and imports what
//! each source brought as one batch (decision 72); the cursor moves only after that batch
//! is committed, so a failed run stores nothing and the next run starts where the last
//! good one ended.

use crate::tr;
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
pub fn sync_all(ledger: &mut Ledger, author: &str) -> Result<String> {
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
) -> std::result::Result<(Ledger, Result<String>), E> {
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
            reason: u.reason,
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
    pub reason: String,
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
            let cursor = match s.kind {
                SourceKind::File => None,
                _ => ledger.store.state_get::<serde_json::Value>(&cursor_key(&s.name))?,
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
        self.sources.iter().any(|p| p.source.kind != SourceKind::File)
    }

    /// Ask each source in turn, without the store. The first that fails ends the asking:
    /// the run stores nothing past it.
    fn ask(&self) -> Vec<Asked> {
        let mut asked = Vec::new();
        for p in &self.sources {
            // What a POS answered can never stop the run unrecorded: a panic while reading it
            // is this source's failed run (`sync failed`, with the message), like any other.
            let asking = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match p.source.kind {
                SourceKind::File => Ok(None),
                SourceKind::Mplus => ask_mplus(self, p).map(Some),
                SourceKind::Lightspeed => ask_lightspeed(
                    p,
                    &self.config.dossier.calendar,
                    &token_file_in(&self.dir, &p.source.name),
                )
                .map(Some),
                SourceKind::Demo => ask_demo(self, p).map(Some),
            }));
            let a = asking.unwrap_or_else(|panic| {
                let why = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                Err(Trouble::Pos(crate::pos::PosError::Invalid(tr!(
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
    fn store(&self, ledger: &mut Ledger, asked: Vec<Asked>, author: &str) -> Result<String> {
        if ledger.config.sources != self.config.sources {
            // Asked under other settings than the config now has.
            return Ok(tr!("sync-config-changed"));
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
            parts.push(tr!("sync-immediate", count = auto.confirmed.len()));
        }
        if parts.is_empty() {
            return Ok(tr!("sync-no-source"));
        }
        Ok(tr!("sync-done", parts = parts.join("; ")))
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
fn import_file_source(ledger: &mut Ledger, s: &Source, author: &str) -> Result<String> {
    let Some(path) = s.settings.get("path") else {
        return Ok(tr!("sync-no-path", source = s.name));
    };
    let report = match ledger.import_file(&s.name, &PathBuf::from(path), author, |_| {}) {
        Ok(r) => r,
        Err(LedgerError::BadInput(lines)) => {
            let message = format!("{}:\n  {}", tr!("bad-lines", count = lines.len()), lines.join("\n  "));
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
fn bring(ledger: &mut Ledger, plan: &Plan, p: &Planned, b: Brought, author: &str) -> Result<String> {
    let s = &p.source;
    let now: Option<serde_json::Value> = ledger.store.state_get(&cursor_key(&s.name))?;
    if now != p.cursor {
        return Ok(tr!("sync-moved-meanwhile", source = s.name.clone()));
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
        let message = tr!(
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
                    action: "held".into(),
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
                reason: tr!("held-superseded"),
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
        ledger.store.put_state_many(
            &write,
            cursor,
            NewEntry {
                author: author.into(),
                action: "sync cursor".into(),
                reason: None,
                detail,
            },
        )?;
    }
    // The run asked from its cursor up to the moment it began: every business day that had
    // ended by then is whole (the clock's today, or DAGKAS_TODAY's, shifted by the cutoff).
    ledger.store.set_source_complete(
        &s.name,
        &crate::store::SourceComplete {
            at: plan.asked_at,
            through: plan.today - chrono::Duration::days(1),
        },
    )?;
    Ok(run_summary(&s.name, &report.counts, &open))
}

/// The cursor a source's asking starts from: as stored, or the default before its first run.
fn cursor_of<T: Default + for<'de> Deserialize<'de>>(p: &Planned) -> std::result::Result<T, Trouble> {
    match &p.cursor {
        None => Ok(T::default()),
        Some(v) => serde_json::from_value(v.clone()).map_err(|e| {
            Trouble::Refused(LedgerError::Store(crate::store::StoreError::Corrupt {
                key: cursor_key(&p.source.name),
                message: e.to_string(),
            }))
        }),
    }
}

fn as_value<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).expect("cursors serialise")
}

/// A runtime for one run of a connector on this thread.
fn runtime() -> std::result::Result<tokio::runtime::Runtime, crate::pos::PosError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| crate::pos::PosError::Transport(e.to_string()))
}

/// Receipts, orders and invoices since the cursor, mapped onto §3 documents (those that
/// cannot be trusted are named in `ignored`), and the cursor after them. Stores nothing.
pub fn fetch_mplus(
    client: &MplusClient,
    cal: &BusinessCalendar,
    cursor: &Cursor,
    receipts_from: NaiveDate,
    invoices_from: NaiveDate,
) -> Fetched<Cursor> {
    let (receipts, r_next, invoices, i_next, orders, o_next) = runtime()?.block_on(async {
        let (receipts, r_next) = client.receipts(cursor.receipts, receipts_from, 500).await?;
        let (invoices, i_next) = client.invoices(cursor.invoices, invoices_from, 500).await?;
        let (orders, o_next) = client.orders(cursor.orders, receipts_from, 500).await?;
        Ok::<_, crate::pos::PosError>((receipts, r_next, invoices, i_next, orders, o_next))
    })?;
    let mut docs: Vec<Document> = Vec::new();
    let mut ignored = Vec::new();
    let unread = |what: &'static str, id: &str, e: &crate::pos::xml::Element, reason: String| Unread {
        what,
        id: e.text_of(id).filter(|s| !s.is_empty()).unwrap_or("?").to_string(),
        date: crate::pos::mplus::business_date_of(e, cal),
        reason,
        received: e.to_xml(),
    };
    for r in &receipts {
        match client.receipt_document(r) {
            Ok(Some(d)) => docs.push(d),
            Ok(None) => {}
            Err(e) => ignored.push(unread("receipt", "receiptId", r, e)),
        }
    }
    for o in &orders {
        match client.order_documents(o) {
            Ok(d) => docs.extend(d),
            Err(e) => ignored.push(unread("order", "orderId", o, e)),
        }
    }
    for i in &invoices {
        match client.invoice_documents(i) {
            Ok(d) => docs.extend(d),
            Err(e) => ignored.push(unread("invoice", "invoiceId", i, e)),
        }
    }
    let next = Cursor {
        receipts: r_next,
        invoices: i_next,
        orders: o_next,
    };
    Ok((docs, ignored, next))
}

/// What a fetch brought: the documents, those left out (with why), and where the next
/// run starts.
pub type Fetched<C> = std::result::Result<(Vec<Document>, Vec<Unread>, C), crate::pos::PosError>;

/// Sales updated since `since`, mapped onto §3 documents, and the latest `updatetime`.
pub fn fetch_lightspeed(
    client: &mut crate::pos::lightspeed::LightspeedClient,
    cal: &BusinessCalendar,
    since: Option<&str>,
    shop: Option<&str>,
) -> Fetched<Option<String>> {
    let (registers, sales, latest) = runtime()?.block_on(async {
        let registers = client.registers().await?;
        let (sales, latest) = client.sales(since, shop).await?;
        Ok::<_, crate::pos::PosError>((registers, sales, latest))
    })?;
    let mut docs = Vec::new();
    let mut ignored = Vec::new();
    for sale in &sales {
        match crate::pos::lightspeed::sale_document(sale, &registers) {
            Ok(Some(d)) => docs.push(d),
            Ok(None) => {}
            Err(e) => ignored.push(Unread {
                what: "sale",
                id: crate::pos::lightspeed::text(sale, "saleID").unwrap_or_else(|| "?".into()),
                date: crate::pos::lightspeed::text(sale, "completeTime")
                    .and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
                    .map(|t| cal.business_date(&t)),
                reason: e,
                received: sale.to_string(),
            }),
        }
    }
    Ok((docs, ignored, latest))
}

/// Ask an MplusKASSA source for receipts, invoices and orders since its cursor.
fn ask_mplus(plan: &Plan, p: &Planned) -> std::result::Result<Brought, Trouble> {
    let s = &p.source;
    let url = s.settings.get("url").cloned().unwrap_or_default();
    let ident = s.settings.get("ident").cloned().unwrap_or_default();
    let secret = crate::settings::read_secret(
        s.settings.get("secret_env").map(String::as_str),
        s.settings.get("secret_file").map(PathBuf::from).as_deref(),
    )
    .map_err(|e| LedgerError::Refused(format!("source {:?}: {e}", s.name)))?;
    let timeout = s.settings.get("timeout").and_then(|t| parse_interval(t)).unwrap_or(600);
    ask_mplus_at(plan, p, &url, &ident, &secret, Duration::from_secs(timeout))
}

/// Ask an MplusKASSA server (the source's, or the demo's fake) since the cursor.
fn ask_mplus_at(
    plan: &Plan,
    p: &Planned,
    url: &str,
    ident: &str,
    secret: &str,
    timeout: Duration,
) -> std::result::Result<Brought, Trouble> {
    let s = &p.source;
    let cursor: Cursor = cursor_of(p)?;
    let tz = plan.config.dossier.calendar.timezone;
    let mut client = MplusClient::new(url, ident, secret, tz, timeout)
        .map_err(|e| LedgerError::Refused(format!("source {:?}: {e}", s.name)))?;
    client.max_body_mb = max_body(s);
    let cal = plan.config.dossier.calendar;
    let (docs, unread, next) = fetch_mplus(&client, &cal, &cursor, p.receipts_from, p.invoices_from)?;
    let detail = serde_json::json!({"receipts": next.receipts, "invoices": next.invoices});
    Ok(Brought::new(p, &cal, docs, unread, &cursor, &next, detail))
}

/// What a source's run brought: `kassa: 3 new, 0 changed, 12 unchanged, 1 voided`, and
/// the documents it holds for a decision, the first few named (all of them are listed by
/// `dagkas held` and on their days).
fn run_summary(source: &str, c: &crate::store::Counts, held: &[&HeldDocument]) -> String {
    let mut line = format!("{source}: {}", crate::i18n::words::counts(c));
    if !held.is_empty() {
        let shown: Vec<String> = held
            .iter()
            .take(3)
            .map(|h| format!("{} {}: {}", h.what, h.id, h.reason))
            .collect();
        let more = if held.len() > 3 {
            format!("; {}", tr!("sync-more-held", count = held.len() - 3))
        } else {
            String::new()
        };
        line.push_str(&format!(
            ", {} ({}{more})",
            tr!("sync-held", count = held.len()),
            shown.join("; ")
        ));
    }
    line
}

/// The `demo` source: the built-in fake POS on 127.0.0.1, fed from the source's `path` (or
/// a generated shop), spoken to through the real connector of its `protocol`.
fn ask_demo(plan: &Plan, p: &Planned) -> std::result::Result<Brought, Trouble> {
    let s = &p.source;
    let protocol = s
        .settings
        .get("protocol")
        .map(String::as_str)
        .unwrap_or("mplus")
        .to_string();
    let mut docs = Vec::new();
    match s.settings.get("path") {
        Some(path) => {
            let mut bad = Vec::new();
            crate::pos::file::read_jsonl(std::path::Path::new(path), |line, parsed| match parsed {
                Ok(d) => docs.push(d),
                Err(e) => bad.push(format!("{path}:{line}: {e}")),
            })
            .map_err(|source| LedgerError::Io {
                path: path.clone(),
                source,
            })?;
            if !bad.is_empty() {
                return Err(LedgerError::BadInput(bad).into());
            }
        }
        None => {
            let seed = s.settings.get("seed").and_then(|x| x.parse().ok()).unwrap_or(1);
            let start = plan
                .config
                .daybooks
                .iter()
                .filter(|b| b.source == s.name)
                .map(|b| b.start)
                .min()
                .unwrap_or(plan.today);
            let days = (plan.today - start).num_days().max(1) as u32;
            let spec = crate::gen::GenSpec {
                docs: 60 * u64::from(days),
                days,
                branches: 2,
                seed,
                start,
            };
            // MplusQapi carries no tips (decision 28): the generated shop's customers tip
            // nothing there, instead of receipts that do not balance and are held.
            let no_tips = protocol == "mplus";
            crate::gen::generate(&spec, |mut d| {
                if let (true, Document::Ticket(t)) = (no_tips, &mut d) {
                    if let Some(p) = t.payments.iter_mut().rev().find(|p| p.amount > t.tip) {
                        p.amount -= t.tip;
                        t.tip = rust_decimal::Decimal::ZERO;
                    }
                }
                docs.push(d)
            });
        }
    }
    let calendar = plan.config.dossier.calendar;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .map_err(|source| LedgerError::Io {
            path: "tokio".into(),
            source,
        })?;
    let secret = format!("demo-{}", std::process::id());
    let io = |source| LedgerError::Io {
        path: "127.0.0.1".into(),
        source,
    };
    let stopped = || Err(LedgerError::Refused(crate::tr!("syn-demo-sync-stopped-unexpectedly")).into());
    // The connector runs its own runtime; the fake keeps serving on this one's thread.
    let result = match protocol.as_str() {
        "lightspeed" => {
            let fake = runtime
                .block_on(crate::pos::fake::lightspeed::FakeLightspeed::start(
                    "1",
                    "demo",
                    &secret,
                    "demo-refresh",
                ))
                .map_err(io)?;
            fake.load(docs);
            // A fresh fake each run: the demo's own client secret and refresh token, in 0600 files.
            let secret_file = plan.dir.join(format!("demo-{}.secret", s.name));
            write_secret_file(&secret_file, &secret).map_err(LedgerError::Refused)?;
            let tokens = token_file_in(&plan.dir, &s.name);
            write_secret_file(&tokens, "demo-refresh").map_err(LedgerError::Refused)?;
            let mut demo = p.clone();
            let url = fake.url();
            for (k, v) in [
                ("account_id", "1".to_string()),
                ("client_id", "demo".to_string()),
                ("api_url", url.clone()),
                ("token_url", format!("{url}/auth/oauth/token")),
                ("client_secret_file", secret_file.display().to_string()),
            ] {
                demo.source.settings.insert(k.into(), v);
            }
            let r = std::thread::scope(|scope| {
                scope
                    .spawn(|| ask_lightspeed(&demo, &plan.config.dossier.calendar, &tokens))
                    .join()
                    .unwrap_or_else(|_| stopped())
            });
            drop(fake);
            r
        }
        "mplus" => {
            let fake = runtime
                .block_on(crate::pos::fake::mplus::FakeMplus::start(calendar, "demo", &secret))
                .map_err(io)?;
            fake.load(docs);
            let url = fake.url();
            let r = std::thread::scope(|scope| {
                scope
                    .spawn(|| ask_mplus_at(plan, p, &url, "demo", &secret, Duration::from_secs(60)))
                    .join()
                    .unwrap_or_else(|_| stopped())
            });
            drop(fake);
            r
        }
        other => Err(LedgerError::Refused(crate::tr!(
            "syn-source-unknown-demo-protocol",
            name = format!("{:?}", s.name),
            other = format!("{:?}", other)
        ))
        .into()),
    };
    runtime.shutdown_background();
    result
}

/// The refresh token file of a Lightspeed source, in the data dir (0600).
pub fn token_file(ledger: &Ledger, source: &str) -> PathBuf {
    token_file_in(ledger.store.dir(), source)
}

/// Write a secret file readable by its owner only, replacing it atomically.
pub fn write_secret_file(path: &std::path::Path, secret: &str) -> std::result::Result<(), String> {
    use std::io::Write;
    let tmp = path.with_extension("tmp");
    let mut options = std::fs::OpenOptions::new();
    options.create(true).write(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options.open(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
    f.write_all(secret.as_bytes())
        .and_then(|_| f.sync_all())
        .map_err(|e| format!("{}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("{}: {e}", path.display()))
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct SaleCursor {
    updatetime: Option<String>,
}

/// A setting of a source, or its default.
fn setting_or(s: &Source, key: &str, default: &str) -> String {
    s.settings.get(key).cloned().unwrap_or_else(|| default.into())
}

fn lightspeed_settings(s: &Source) -> Result<(String, String, String, String, Duration)> {
    let secret = crate::settings::read_secret(
        s.settings.get("client_secret_env").map(String::as_str),
        s.settings.get("client_secret_file").map(PathBuf::from).as_deref(),
    )
    .map_err(|e| LedgerError::Refused(format!("source {:?}: {e}", s.name)))?;
    let api = setting_or(s, "api_url", "https://api.lightspeedapp.com");
    let token = setting_or(s, "token_url", "https://cloud.lightspeedapp.com/auth/oauth/token");
    let timeout = s.settings.get("timeout").and_then(|t| parse_interval(t)).unwrap_or(120);
    Ok((
        secret,
        api,
        token,
        s.settings.get("account_id").cloned().unwrap_or_default(),
        Duration::from_secs(timeout),
    ))
}

/// Ask a Lightspeed source for the sales updated since the cursor; completed ones are
/// tickets, voided ones voids. `file` holds its tokens.
fn ask_lightspeed(
    p: &Planned,
    cal: &BusinessCalendar,
    file: &std::path::Path,
) -> std::result::Result<Brought, Trouble> {
    let s = &p.source;
    let (client_secret, api, token_url, account, timeout) = lightspeed_settings(s)?;
    // The token file holds the newest refresh token (they rotate) and the access token with
    // its expiry; the environment is for a first run.
    let tokens = if file.exists() {
        crate::settings::read_secret(None, Some(file))
            .map(|t| crate::pos::lightspeed::TokenFile::parse(&t))
            .map_err(|e| LedgerError::Refused(format!("source {:?}: {e}", s.name)))?
    } else if let Some(var) = s.settings.get("refresh_token_env") {
        let refresh = std::env::var(var).map_err(|_| {
            LedgerError::Refused(crate::tr!(
                "syn-source-no-refresh-token",
                name = format!("{:?}", s.name),
                var = var,
                name2 = s.name
            ))
        })?;
        crate::pos::lightspeed::TokenFile {
            refresh_token: refresh,
            ..Default::default()
        }
    } else {
        return Err(LedgerError::Refused(crate::tr!(
            "syn-source-not-logged-run",
            name = format!("{:?}", s.name),
            name2 = s.name
        ))
        .into());
    };
    let save_to = file.to_path_buf();
    let mut client = crate::pos::lightspeed::LightspeedClient::new(
        &api,
        &token_url,
        &account,
        s.settings.get("client_id").map(String::as_str).unwrap_or(""),
        &client_secret,
        tokens,
        timeout,
        Box::new(move |t| write_secret_file(&save_to, &t.render())),
    )
    .map_err(|e| LedgerError::Refused(format!("source {:?}: {e}", s.name)))?;
    client.max_body_mb = max_body(s);
    let cursor: SaleCursor = cursor_of(p)?;
    let shop = s.settings.get("location").filter(|l| l.as_str() != "all").cloned();
    // The first run asks only for what the day books can use: from the earliest start, less
    // two days for the cutoff and the time zones (sales are filtered on `updatetime`, which
    // is never before the sale was completed).
    let first_bound = p
        .receipts_from
        .checked_sub_days(chrono::Days::new(2))
        .map(|d| format!("{d}T00:00:00+00:00"));
    let since = cursor.updatetime.clone().or(first_bound);
    let (docs, unread, latest) = fetch_lightspeed(&mut client, cal, since.as_deref(), shop.as_deref())?;
    let next = SaleCursor { updatetime: latest };
    let detail = serde_json::json!({
        "updatetime": next.updatetime,
        "throttled": client.throttled,
        "slowed": client.slowed,
        "refreshes": client.refreshes,
    });
    Ok(Brought::new(p, cal, docs, unread, &cursor, &next, detail))
}

/// `dagkas login SOURCE`: the OAuth2 authorization-code flow from the terminal. Prints the
/// URL to open; the code arrives on the redirect to 127.0.0.1 or is pasted on stdin.
pub fn login_lightspeed(ledger: &mut Ledger, s: &Source, author: &str, mut say: impl FnMut(&str)) -> Result<()> {
    let file = token_file(ledger, &s.name);
    authorize_lightspeed(s, &file, &mut say)?;
    ledger.store.append_audit(NewEntry {
        author: author.into(),
        action: "login".into(),
        reason: None,
        detail: serde_json::json!({"source": s.name, "token_file": file.display().to_string()}),
    })?;
    say(&crate::tr!("syn-logged-refresh-token-0600", file = file.display()));
    Ok(())
}

/// The token file of a Lightspeed source in a data dir (before a store exists there).
pub fn token_file_in(data_dir: &std::path::Path, source: &str) -> PathBuf {
    data_dir.join(format!("lightspeed-{source}.token"))
}

/// The authorization-code flow from the terminal, the tokens written to `file` (0600).
pub fn authorize_lightspeed(s: &Source, file: &std::path::Path, say: &mut dyn FnMut(&str)) -> Result<()> {
    let (client_secret, _, token_url, _, timeout) = lightspeed_settings(s)?;
    let client_id = s.settings.get("client_id").cloned().unwrap_or_default();
    let auth_url = setting_or(s, "auth_url", "https://cloud.lightspeedapp.com/auth/oauth/authorize");
    let redirect = setting_or(s, "redirect_uri", "http://127.0.0.1:8765/callback");
    let addr = redirect
        .strip_prefix("http://")
        .and_then(|r| r.split('/').next())
        .filter(|a| a.starts_with("127.0.0.1:") || a.starts_with("localhost:"))
        .ok_or_else(|| LedgerError::Refused(format!("redirect_uri {redirect:?} must be http://127.0.0.1:PORT/…")))?
        .to_string();
    let state = {
        use sha2::{Digest, Sha256};
        let seed = format!("{}{:?}{}", std::process::id(), std::time::SystemTime::now(), s.name);
        format!("{:x}", Sha256::digest(seed.as_bytes()))[..24].to_string()
    };
    let enc = crate::pos::url_encode;
    let url = format!(
        "{auth_url}?response_type=code&client_id={}&scope={}&state={state}&redirect_uri={}",
        enc(&client_id),
        enc("employee:register_read"),
        enc(&redirect)
    );
    let listener = std::net::TcpListener::bind(&addr).map_err(|source| LedgerError::Io {
        path: addr.clone(),
        source,
    })?;
    listener.set_nonblocking(true).map_err(|source| LedgerError::Io {
        path: addr.clone(),
        source,
    })?;
    say(&crate::tr!(
        "syn-open-this-address-browser",
        url = url,
        redirect = redirect
    ));
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    let stdin_tx = tx.clone();
    std::thread::spawn(move || {
        let mut line = String::new();
        if std::io::stdin().read_line(&mut line).is_ok() && !line.trim().is_empty() {
            let _ = stdin_tx.send(line.trim().to_string());
        }
    });
    let deadline = std::time::Instant::now() + Duration::from_secs(300);
    let code = loop {
        if let Ok(pasted) = rx.try_recv() {
            // A pasted redirect URL or just the code.
            let code = pasted
                .split("code=")
                .nth(1)
                .map(|c| c.split('&').next().unwrap_or("").to_string())
                .unwrap_or(pasted);
            break code;
        }
        match listener.accept() {
            Ok((mut stream, _)) => {
                use std::io::{Read, Write};
                let _ = stream.set_nonblocking(false);
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                let mut buf = [0u8; 4096];
                let n = stream.read(&mut buf).unwrap_or(0);
                let request = String::from_utf8_lossy(&buf[..n]).to_string();
                let target = request.split_whitespace().nth(1).unwrap_or("").to_string();
                let query = target.split_once('?').map(|(_, q)| q.to_string()).unwrap_or_default();
                let param = |k: &str| {
                    query
                        .split('&')
                        .find_map(|kv| kv.strip_prefix(&format!("{k}=")))
                        .map(str::to_string)
                };
                let ok = param("state").as_deref() == Some(state.as_str()) && param("code").is_some();
                let page = if ok {
                    crate::tr!("syn-dagkas-logged-you-can")
                } else {
                    crate::tr!("syn-this-not-answer-dagkas")
                };
                let _ = write!(stream, "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}", page.len());
                if ok {
                    break param("code").unwrap_or_default();
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                if std::time::Instant::now() > deadline {
                    return Err(LedgerError::Refused(crate::tr!("syn-no-authorization-arrived-within")));
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(source) => return Err(LedgerError::Io { path: addr, source }),
        }
    };
    let http = reqwest::Client::builder()
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| LedgerError::Refused(e.without_url().to_string()))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|source| LedgerError::Io {
            path: "tokio".into(),
            source,
        })?;
    crate::pos::check_url(&token_url).map_err(LedgerError::Refused)?;
    let tokens = runtime
        .block_on(crate::pos::lightspeed::token_request(
            &http,
            &token_url,
            &[
                ("client_id", &client_id),
                ("client_secret", &client_secret),
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", &redirect),
            ],
        ))
        .map_err(|e| LedgerError::Refused(format!("source {:?}: {e}", s.name)))?;
    let now = chrono::Utc::now().timestamp();
    write_secret_file(file, &tokens.file(now).render()).map_err(LedgerError::Refused)?;
    Ok(())
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
                held.push(HeldDocument::of_document(source, d, date, e, now));
            }
        }
    }
    (kept, held)
}

/// A failed run stores nothing but its audit entry; the message says so.
fn record_failure(ledger: &Ledger, s: &Source, e: &dyn std::fmt::Display, author: &str) -> LedgerError {
    let logged = ledger.store.append_audit(NewEntry {
        author: author.into(),
        action: "sync failed".into(),
        reason: None,
        detail: serde_json::json!({"source": s.name, "error": e.to_string()}),
    });
    if let Err(store) = logged {
        return store.into();
    }
    LedgerError::Refused(crate::tr!(
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

/// The last sync run of a dossier, by whoever ran it (the service, a review screen, a
/// `sync --once`), kept beside the store for the status line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastRun {
    pub at: chrono::DateTime<chrono::Utc>,
    pub by: String,
    /// `service`, `tui` or `once`.
    pub how: String,
    pub ok: bool,
    pub summary: String,
    /// Notifications that could not be sent after this run (they are tried again later).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notify: Vec<String>,
}

const LAST_RUN: &str = "last-sync.json";

/// After a sync run, by whoever ran it: the notifications of what it brought, then the
/// record of the run. A notification that cannot be sent does not change the run's result.
pub fn finish_run(
    ledger: &Ledger,
    by: &str,
    how: &str,
    started: chrono::DateTime<chrono::Utc>,
    result: &Result<String>,
) -> Vec<String> {
    let notify = match crate::notify::after_run(ledger, by, started) {
        Ok(problems) => problems,
        Err(e) => vec![format!("notifications: {e}")],
    };
    for p in &notify {
        tracing::warn!("notify: {p}");
    }
    record_run(ledger, by, how, result, &notify);
    notify
}

/// The record of the run: a file in the data dir beside the embedded store, a record in the
/// PostgreSQL store (where every machine's review screen reads it).
fn record_run(ledger: &Ledger, by: &str, how: &str, result: &Result<String>, notify: &[String]) {
    let run = LastRun {
        at: chrono::Utc::now(),
        by: by.into(),
        how: how.into(),
        ok: result.is_ok(),
        summary: match result {
            Ok(m) => m.clone(),
            Err(e) => e.to_string(),
        },
        notify: notify.to_vec(),
    };
    let text = serde_json::to_string(&run).expect("a run serialises");
    if matches!(ledger.store.location(), crate::store::Location::Postgres(_)) {
        if let Err(e) = ledger.store.put_last_sync(text.as_bytes()) {
            tracing::warn!("the record of the sync run was not kept: {e}");
        }
        return;
    }
    let dir = ledger.store.dir();
    let tmp = dir.join(format!("{LAST_RUN}.{}.tmp", std::process::id()));
    if std::fs::write(&tmp, text)
        .and_then(|_| std::fs::rename(&tmp, dir.join(LAST_RUN)))
        .is_err()
    {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// The dossier's last sync run, as an open review screen learns it: from the data dir, or
/// from the PostgreSQL store through the screen's listener.
pub fn last_run(watch: &crate::store::Watch) -> Option<LastRun> {
    match watch {
        crate::store::Watch::Embedded(dir) => {
            serde_json::from_str(&std::fs::read_to_string(dir.join(LAST_RUN)).ok()?).ok()
        }
        crate::store::Watch::Postgres(_, listener) => serde_json::from_slice(&listener.last_sync()?).ok(),
    }
}

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

    fn file(dir: &std::path::Path) -> std::io::Result<std::fs::File> {
        std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join("sync.lock"))
    }

    /// Wait for the schedule (a review screen may be in the middle of a run); `None` when
    /// `stop` says so first.
    fn take(dir: &std::path::Path, stop: impl Fn() -> bool) -> std::io::Result<Option<Schedule>> {
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
    fn try_take(dir: &std::path::Path) -> Option<Schedule> {
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
    let until = std::time::Instant::now() + total;
    while std::time::Instant::now() < until {
        if stopping() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(100).min(until - std::time::Instant::now()));
    }
    !stopping()
}
