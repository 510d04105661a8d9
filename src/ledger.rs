//! The ledger: one dossier's config and store, and the domain rules applied to them.
//! The CLI and the TUI both act through it, so a rule is enforced in one place.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::{Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::book::{build_views_from, Awaited, ChainState, DayInput, DayView, Outside, Status};
use crate::domain::calendar::dates;
use crate::domain::config::{CategoryTarget, Config, DayBook, MethodTarget, SourceKind};
use crate::domain::day::{build_day, DayFigures};
use crate::domain::document::Document;
use crate::domain::text::{os_error, Text};

use crate::store::{audit::NewEntry, Counts, Location, Store, StoreError};

mod import;
mod views;
pub use import::{remove_stale_spools, ImportReport, SPOOL_SUFFIX};
pub use views::DayFact;

/// Why the ledger did not do what was asked. It says so in the person's language only
/// when shown ([`LedgerError::text`]).
#[derive(Debug)]
pub enum LedgerError {
    Store(StoreError),
    /// A rule refused it.
    Refused(Text),
    /// Bad lines of an input file, each `FILE:LINE: reason`.
    BadInput(Vec<Text>),
    Io {
        path: String,
        source: std::io::Error,
    },
}

impl LedgerError {
    /// What went wrong, for a person.
    pub fn text(&self) -> Text {
        match self {
            LedgerError::Store(e) => e.text(),
            LedgerError::Refused(why) => why.clone(),
            LedgerError::BadInput(lines) => crate::text!("bad-input", count = lines.len()),
            LedgerError::Io { path, source } => os_error(source).at(path.as_str()),
        }
    }
}

impl std::fmt::Display for LedgerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.text().fmt(f)
    }
}

impl std::error::Error for LedgerError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LedgerError::Store(e) => Some(e),
            LedgerError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<StoreError> for LedgerError {
    fn from(e: StoreError) -> LedgerError {
        LedgerError::Store(e)
    }
}

pub type Result<T> = std::result::Result<T, LedgerError>;

/// Mappings made from the review screen or `dagkas map` (R12), on top of the config's.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MappingOverlay {
    /// book → POS VAT group → category code (or "ignore").
    pub vat: BTreeMap<String, BTreeMap<String, String>>,
    /// book → POS method id → method code (or "ignore").
    pub payment: BTreeMap<String, BTreeMap<String, String>>,
}

pub const MAPPINGS: &str = "mappings";
pub use crate::domain::config::LATER_DOCUMENT;
pub(crate) use crate::store::CONFIG_FINGERPRINT;
/// Days confirmed before booked lines were kept have been given theirs.
const BOOKED_LINES: &str = "booked_lines";

/// Why a config is refused: the confirmed days it would change, and what to do.
pub(crate) fn config_conflict_message(conflicts: &[String]) -> Text {
    let shown: Vec<&str> = conflicts.iter().take(20).map(String::as_str).collect();
    let more = conflicts.len().saturating_sub(shown.len());
    crate::text!(
        "led-config-changes-days-that",
        shown = shown.join("\n  "),
        more = if more > 0 {
            Text::Seq(vec!["\n  ".into(), crate::text!("led-and-more", count = more)])
        } else {
            Text::Plain(String::new())
        }
    )
}

pub struct Ledger {
    pub config: Config,
    pub store: Store,
    pub today: NaiveDate,
    fingerprint: String,
}

/// Today's business date: `DAGKAS_TODAY` when set (tests, demos), else the clock.
pub fn today(config: &Config) -> std::result::Result<NaiveDate, Text> {
    use crate::domain::config::{EARLIEST, LATEST};
    match std::env::var("DAGKAS_TODAY") {
        Ok(s) if !s.is_empty() => {
            let d: NaiveDate = s
                .parse()
                .map_err(|_| crate::text!("led-dagkas-today-not-date", s = format!("{:?}", s)))?;
            // The config's own range: a far "today" made every day up to it (9999-12-31:
            // gigabytes written in a minute).
            if !(EARLIEST..=LATEST).contains(&d) {
                return Err(crate::text!(
                    "led-dagkas-today-out-of-range",
                    s = format!("{s:?}"),
                    from = EARLIEST,
                    to = LATEST
                ));
            }
            Ok(d)
        }
        _ => Ok(config.dossier.calendar.today(Utc::now())),
    }
}

fn date_basis(config: &Config) -> String {
    let cal = &config.dossier.calendar;
    format!("{}|{}{}", cal.timezone, cal.cutoff, cal.basis_rule())
}

/// A dossier that keeps its config in its store is opened with that config (decision
/// 93): a config file naming the store is only its address, and a file that would state the
/// books otherwise is refused, never used beside the kept one.
fn refuse_file_beside_kept(config: &Config, store: &Store) -> Result<()> {
    let Some(kept) = store.kept_config()? else {
        return Ok(());
    };
    let same = crate::domain::config::parse(&kept.text)
        .map(|(k, _)| same_books(&k, config))
        .unwrap_or(false);
    if same {
        return Ok(());
    }
    Err(LedgerError::Refused(crate::text!(
        "kept-file-differs",
        version = kept.version,
        by = kept.by,
        at = kept
            .at
            .with_timezone(&config.dossier.calendar.timezone)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    )))
}

/// Two configs that state one dossier the same way (where each lives aside).
pub fn same_books(a: &Config, b: &Config) -> bool {
    let plain = |c: &Config| Config {
        store: None,
        kept: None,
        ..c.clone()
    };
    plain(a) == plain(b)
}

impl Ledger {
    pub fn open(config: Config, data_dir: &Path, today: NaiveDate) -> Result<Ledger> {
        Ledger::open_waiting(config, data_dir, today, &mut |_| {})
    }

    /// Open, waiting while another dagkas process holds the store; `waiting` is told once
    /// who holds it.
    pub fn open_waiting(
        config: Config,
        data_dir: &Path,
        today: NaiveDate,
        waiting: &mut dyn FnMut(&Text),
    ) -> Result<Ledger> {
        let location = Location::of(&config).map_err(LedgerError::Refused)?;
        let store = Store::open_at(&location, data_dir, waiting)?;
        remove_stale_spools(data_dir);
        Ledger::with_store(config, store, today)
    }

    /// Open for a command that only reads: a data dir that cannot be written (a full disk,
    /// an archived dossier on a read-only disk) is read through a private copy.
    pub fn open_for_reading(
        config: Config,
        data_dir: &Path,
        today: NaiveDate,
        waiting: &mut dyn FnMut(&Text),
        note: impl FnMut(&Text),
    ) -> Result<Ledger> {
        let location = Location::of(&config).map_err(LedgerError::Refused)?;
        let store = Store::open_for_reading_at(&location, data_dir, waiting, note)?;
        Ledger::with_store(config, store, today)
    }

    /// Open on a store already open (the dossier's kept config was read from it).
    pub fn on_store(config: Config, store: Store, data_dir: &Path, today: NaiveDate) -> Result<Ledger> {
        remove_stale_spools(data_dir);
        Ledger::with_store(config, store, today)
    }

    fn with_store(mut config: Config, store: Store, today: NaiveDate) -> Result<Ledger> {
        if config.kept.is_none() {
            refuse_file_beside_kept(&config, &store)?;
        }
        let basis = date_basis(&config);
        match store.date_basis()? {
            Some(b) if b == basis && !store.reindex_unfinished()? => {}
            Some(_) => {
                let cal = config.dossier.calendar;
                store.reindex_dates(&basis, |d| d.business_date(&cal))?;
            }
            None => store.set_date_basis(&basis)?,
        }
        if let Some(overlay) = store.state_get::<MappingOverlay>(MAPPINGS)? {
            apply_overlay(&mut config, &overlay);
        }
        let fingerprint = config.fingerprint();
        let known: Option<String> = store.state_get(CONFIG_FINGERPRINT)?;
        let mut ledger = Ledger {
            config,
            store,
            today,
            fingerprint: fingerprint.clone(),
        };
        // A stored fingerprint of the earlier form counts when it is this config's.
        if !known.as_deref().is_some_and(|k| ledger.config.has_fingerprint(k)) {
            // A confirmed day never changes silently (decision 39): a config that would state
            // one otherwise is refused, and stays refused until it is changed back or dated.
            if known.is_some() {
                let conflicts = ledger.frozen_conflicts()?;
                if !conflicts.is_empty() {
                    return Err(LedgerError::Refused(config_conflict_message(&conflicts)));
                }
            }
            // R22: a change of the configuration is a change of the book's rules: audited.
            ledger.store.state_put(
                CONFIG_FINGERPRINT,
                &fingerprint,
                NewEntry {
                    author: crate::os_user(),
                    action: if known.is_some() {
                        crate::store::audit::Action::ConfigChanged
                    } else {
                        crate::store::audit::Action::Config
                    }
                    .into(),
                    reason: None,
                    detail: serde_json::json!({"dossier": ledger.config.dossier.name, "was": known, "now": fingerprint}),
                },
            )?;
            // Which invoices make debtors may have changed (`invoices_from`).
            ledger.store.mark_all_debtors_due()?;
        }
        if !ledger.store.upkeep_done(BOOKED_LINES)? {
            ledger.record_booked_lines()?;
            ledger.store.mark_upkeep_done(BOOKED_LINES)?;
        }
        Ok(ledger)
    }

    /// After a mapping change: cached figures of the old mapping no longer count.
    pub fn refresh_fingerprint(&mut self) {
        self.fingerprint = self.config.fingerprint();
    }

    pub fn book(&self, code: &str) -> Result<&DayBook> {
        self.config
            .daybook(code)
            .ok_or_else(|| LedgerError::Refused(crate::text!("led-unknown-day-book", code = format!("{:?}", code))))
    }

    /// The day books of a source.
    pub fn books_of(&self, source: &str) -> Vec<String> {
        self.config
            .daybooks
            .iter()
            .filter(|b| b.source == source)
            .map(|b| b.code.clone())
            .collect()
    }
}

/// Mappings made in the review screen win over the config's (R12).
pub fn apply_overlay(config: &mut Config, overlay: &MappingOverlay) {
    for book in &mut config.daybooks {
        if let Some(m) = overlay.vat.get(&book.code) {
            for (code, target) in m {
                let t = if target == "ignore" {
                    CategoryTarget::Ignore
                } else {
                    CategoryTarget::Category(target.clone())
                };
                book.vat_map.insert(code.clone(), t);
            }
        }
        if let Some(m) = overlay.payment.get(&book.code) {
            for (code, target) in m {
                let t = if target == "ignore" {
                    MethodTarget::Ignore
                } else {
                    MethodTarget::Method {
                        code: target.clone(),
                        ignore_on_invoice: false,
                    }
                };
                book.payment_map.insert(code.clone(), t);
            }
        }
    }
}
