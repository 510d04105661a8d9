//! A firm: the dossiers of a directory side by side, what each needs today first. A
//! firm is a directory with a folder per dossier (`FIRM/NAME/dagkas.toml`; its data in the
//! folder's `data/` when it has one, else in the folder itself as `dagkas demo` lays it
//! out, or in its PostgreSQL schema when its config names one). Each row is read from
//! what the dossier keeps (the kept chain's listed days, its held documents, where each
//! source's data is whole, the record of its last sync run), never from its history.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mod cache;

use crate::domain::book::Status;
use crate::dossier::{ConfigAt, Dossier, Mode, Opening};
use crate::ledger::{Ledger, LedgerError};
use crate::settings;

/// One dossier of the firm, as the list shows it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DossierRow {
    pub name: String,
    pub folder: String,
    /// `embedded` or `postgres`.
    pub store: String,
    /// Ended days proposed and not yet confirmed.
    pub to_review: usize,
    /// Of those, waiting longer than the book allows (R4).
    pub overdue: usize,
    /// Days with a blocker a person must lift (unbalanced, unmapped, negative cash, held …).
    pub blocked: usize,
    /// Confirmed days whose documents changed since (R10).
    pub drift: usize,
    /// Documents held for a decision.
    pub held: usize,
    pub last_confirmed: Option<NaiveDate>,
    pub last_centralised: Option<NaiveDate>,
    pub sources: Vec<SourceRow>,
    pub last_run: Option<RunRow>,
    /// Notifications that could not be sent after the last run.
    pub notifications_waiting: usize,
    /// Why the dossier could not be read (a config problem, a store in use …).
    pub problem: Option<String>,
    /// How it is opened (the overview's Enter).
    #[serde(skip)]
    pub dossier: Option<Dossier>,
    /// When its "today" ends (its business date changes, and with it what is overdue).
    #[serde(skip)]
    pub today_ends: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SourceRow {
    pub name: String,
    pub kind: String,
    /// The last successful run of a POS source, local time.
    pub last_success: Option<String>,
    /// The last day whose data is whole.
    pub whole_through: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RunRow {
    pub at: String,
    pub by: String,
    pub ok: bool,
    pub summary: String,
}

impl DossierRow {
    /// What needs a person first: a dossier that cannot be read, a failing run, blocked
    /// days, overdue days, drift, held documents, days to review.
    fn urgency(&self) -> (bool, bool, usize, usize, usize, usize, usize) {
        (
            self.problem.is_some(),
            self.last_run.as_ref().is_some_and(|r| !r.ok),
            self.blocked,
            self.overdue,
            self.drift,
            self.held,
            self.to_review,
        )
    }
}

/// A firm: a directory with a folder per dossier, or a PostgreSQL database whose dossier
/// schemas each keep their config (decision 94).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Firm {
    Dir(PathBuf),
    /// The database's address (without a schema), and this machine's data dir under which
    /// each dossier has a folder named after its schema (spooled output, token files).
    Database {
        url: String,
        data: PathBuf,
    },
}

/// One dossier of a firm: what names it among the others, and how it is opened.
#[derive(Debug, Clone)]
pub struct Member {
    /// Its folder, or its schema.
    pub key: String,
    pub dossier: Dossier,
}

impl Member {
    /// How the firm names it before its config is read: its folder's name, or its schema.
    pub fn label(&self) -> String {
        Path::new(&self.key)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

impl Firm {
    /// The firm `--firm` names: a database address, else a directory. `data` is the
    /// machine's data dir (`--data`), under which a database's dossiers keep their files.
    pub fn named(arg: &Path, data: Option<PathBuf>) -> Firm {
        let text = arg.to_string_lossy();
        if crate::store::postgres::is_url(&text) {
            Firm::Database {
                url: without_schema(&text),
                data: settings::data_dir(data),
            }
        } else {
            Firm::Dir(arg.to_path_buf())
        }
    }

    /// How the firm is named to a person (a database without its password).
    pub fn shown(&self) -> String {
        match self {
            Firm::Dir(d) => d.display().to_string(),
            Firm::Database { url, .. } => crate::dossier::shown_address(url),
        }
    }

    /// The firm's dossiers, by name.
    pub fn members(&self) -> Result<Vec<Member>, String> {
        match self {
            Firm::Dir(dir) => {
                let folders =
                    folders(dir).map_err(|e| format!("{}: {}", dir.display(), crate::domain::text::os_error(&e)))?;
                Ok(folders
                    .into_iter()
                    .map(|f| Member {
                        key: f.display().to_string(),
                        dossier: Dossier::of_file(&f.join("dagkas.toml"), &data_dir_of(&f)),
                    })
                    .collect())
            }
            Firm::Database { url, data } => {
                let schemas = crate::store::postgres::dossier_schemas(url).map_err(|e| e.to_string())?;
                Ok(schemas
                    .into_iter()
                    .map(|schema| Member {
                        dossier: Dossier {
                            config: ConfigAt::Kept(crate::dossier::address_of(
                                &crate::domain::config::StoreSpec {
                                    url: url.clone(),
                                    schema: Some(schema.clone()),
                                },
                                "",
                            )),
                            data_dir: data.join(&schema),
                        },
                        key: schema,
                    })
                    .collect())
            }
        }
    }
}

/// A database address without a `schema` parameter: the firm is the whole database.
fn without_schema(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) => {
            let kept: Vec<(String, String)> = u
                .query_pairs()
                .filter(|(k, _)| k != "schema")
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            if kept.is_empty() {
                u.set_query(None);
            } else {
                u.query_pairs_mut().clear().extend_pairs(kept);
            }
            u.to_string()
        }
        Err(_) => url.to_string(),
    }
}

/// The dossier folders of a firm directory, by name.
pub fn folders(firm: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(firm)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("dagkas.toml").is_file())
        .collect();
    out.sort();
    Ok(out)
}

/// A dossier folder's data dir: its `data/` when it has one, else the folder itself.
pub fn data_dir_of(folder: &Path) -> PathBuf {
    let data = folder.join("data");
    if data.is_dir() {
        data
    } else {
        folder.to_path_buf()
    }
}

/// One dossier's row, or its problem; `None` for a dossier this role may not see. A row
/// read before is used again while nothing it was read from has changed (`cache`): a data
/// dir's from the files beside its store, a database's from what `in_store` brought.
fn row(member: &Member, in_store: Option<&crate::store::postgres::Kept>) -> Option<DossierRow> {
    // Taken before the dossier is read: a change meanwhile makes the kept row a miss.
    let marker = cache::marker(member);
    let kept = match in_store {
        Some(k) => k
            .row
            .as_deref()
            .and_then(|bytes| cache::decoded(bytes, &cache::store_marker(k.head.as_deref(), k.last_sync.as_deref()))),
        None => marker.as_deref().and_then(|m| cache::get(member, m)),
    };
    if let Some(mut row) = kept {
        row.dossier = Some(member.dossier.clone());
        return Some(row);
    }
    let opened = member.dossier.open(Mode::Read, &mut |_| {}, &mut |_| {}, &mut |_| {});
    match opened {
        Ok(ledger) => {
            let row = row_of(member, &ledger);
            keep(member, &ledger, &row, marker.as_deref());
            Some(row)
        }
        // A dossier this role may not use is not this person's: not listed.
        Err(Opening::Ledger(LedgerError::Store(crate::store::StoreError::NoAccess { .. }))) => None,
        Err(e) => Some(DossierRow {
            problem: Some(e.to_string()),
            ..empty_row(member)
        }),
    }
}

/// A row naming the dossier by its folder or address, nothing read yet.
fn empty_row(member: &Member) -> DossierRow {
    DossierRow {
        folder: match &member.dossier.config {
            ConfigAt::File(_) => member.key.clone(),
            ConfigAt::Kept(address) => crate::dossier::shown_address(address),
        },
        name: member.label(),
        dossier: Some(member.dossier.clone()),
        ..DossierRow::default()
    }
}

/// The row of an open dossier.
fn row_of(member: &Member, ledger: &Ledger) -> DossierRow {
    let mut r = empty_row(member);
    r.name = ledger.config.dossier.name.clone();
    let cal = ledger.config.dossier.calendar;
    r.today_ends = cal
        .start_of(ledger.today + chrono::Duration::days(1))
        .map(|t| t.with_timezone(&chrono::Utc));
    if let Err(e) = fill(&mut r, ledger) {
        r.problem = Some(e.to_string());
    }
    r
}

/// Keep the row of a dossier a firm's service has just run, so that the list reads it
/// instead of opening the dossier again.
pub fn keep_row(member: &Member, ledger: &Ledger) {
    keep(
        member,
        ledger,
        &row_of(member, ledger),
        cache::marker(member).as_deref(),
    );
}

/// Keep a row where the next listing looks for it: a data dir dossier's beside its store
/// (valid for `marker`), one named by its database address in its own store, valid while
/// its audit head and last run record stay as they are now (a role that may only read
/// keeps nothing). A row with a problem is read again next time.
fn keep(member: &Member, ledger: &Ledger, row: &DossierRow, marker: Option<&str>) {
    if row.problem.is_some() {
        return;
    }
    match &member.dossier.config {
        ConfigAt::File(_) => {
            if let Some(m) = marker {
                cache::put(member, m, row);
            }
        }
        ConfigAt::Kept(_) => {
            let Ok(marks) = ledger.store.change_marks() else {
                return;
            };
            let marker = cache::store_marker(marks.head.as_deref(), marks.last_sync.as_deref());
            if let Some(bytes) = cache::encoded(&marker, row) {
                if let Err(e) = ledger.store.put_firm_row(&bytes) {
                    tracing::debug!("a firm's row not kept: {e}");
                }
            }
        }
    }
}

fn fill(r: &mut DossierRow, ledger: &Ledger) -> Result<(), LedgerError> {
    r.store = match ledger.store.location() {
        crate::store::Location::Postgres(_) => "postgres",
        _ => "embedded",
    }
    .into();
    for b in &ledger.config.daybooks {
        for f in ledger.day_facts(&b.code)? {
            match f.status {
                Status::Proposed => r.to_review += 1,
                Status::Confirmed => r.last_confirmed = r.last_confirmed.max(Some(f.date)),
                Status::Centralised => {
                    r.last_confirmed = r.last_confirmed.max(Some(f.date));
                    r.last_centralised = r.last_centralised.max(Some(f.date));
                }
                Status::Empty => {}
            }
            // R4, as the day's listing says it.
            let overdue = f.status == Status::Proposed
                && !f.awaits_data
                && (ledger.today - f.date).num_days() > i64::from(b.overdue_days);
            r.overdue += usize::from(overdue);
            r.blocked += usize::from(f.blocked);
            r.drift += usize::from(f.drift);
        }
    }
    r.held = ledger.store.held_documents()?.iter().filter(|h| h.open()).count();
    let tz = ledger.config.dossier.calendar.timezone;
    for s in &ledger.config.sources {
        let done = ledger.store.source_complete(&s.name)?;
        r.sources.push(SourceRow {
            name: s.name.clone(),
            kind: s.kind.as_str().into(),
            last_success: done
                .as_ref()
                .map(|d| d.at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()),
            whole_through: done.map(|d| d.through),
        });
    }
    if let Some(run) = crate::sync::last_run_of(ledger) {
        r.notifications_waiting = run.notify.len();
        r.last_run = Some(RunRow {
            at: run.at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string(),
            by: run.by,
            ok: run.ok,
            summary: run.summary,
        });
    }
    Ok(())
}

/// Every dossier of the firm, what needs attention first. The dossiers are read side by
/// side, a thread per core, each taking the next one.
pub fn rows(firm: &Firm) -> Result<Vec<DossierRow>, String> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let folders = firm.members()?;
    // A database's dossiers say in one query whether the rows kept in them still hold.
    let in_store: std::collections::HashMap<String, crate::store::postgres::Kept> = match firm {
        Firm::Database { url, .. } => {
            let schemas: Vec<String> = folders.iter().map(|m| m.key.clone()).collect();
            crate::store::postgres::kept_rows(url, &schemas)
                .unwrap_or_default()
                .into_iter()
                .map(|k| (k.schema.clone(), k))
                .collect()
        }
        Firm::Dir(_) => Default::default(),
    };
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(folders.len().max(1));
    let mut rows: Vec<DossierRow> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::SeqCst);
                        let Some(folder) = folders.get(i) else { break };
                        mine.extend(row(folder, in_store.get(&folder.key)));
                    }
                    mine
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap_or_default()).collect()
    });
    // Reading a dossier's config makes its language the process's: the list speaks the
    // person's again.
    crate::i18n::set(crate::i18n::Lang::pick(None));
    rows.sort_by(|a, b| b.urgency().cmp(&a.urgency()).then_with(|| a.name.cmp(&b.name)));
    Ok(rows)
}
