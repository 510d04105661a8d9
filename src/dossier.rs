//! Where a dossier is, and opening it: its config read from a file, or kept in its
//! PostgreSQL store and read from the database's address alone (decision 93); then its
//! ledger. Every command, the review screen and a firm open a dossier through here.

use crate::domain::text::Text;
use std::path::{Path, PathBuf};

use crate::domain::config::{Config, StoreSpec};
use crate::ledger::{self, Ledger, LedgerError};
use crate::settings;
use crate::store::{postgres, Location, Store};

/// Where a dossier's config comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigAt {
    /// A config file; it may name a PostgreSQL store (`[store]`).
    File(PathBuf),
    /// The config kept in the PostgreSQL dossier at this address (`postgresql://…?schema=NAME`).
    Kept(String),
}

/// A dossier: where its config is, and its data dir (the embedded store, spooled output,
/// token files).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dossier {
    pub config: ConfigAt,
    pub data_dir: PathBuf,
}

/// Why a dossier could not be opened.
#[derive(Debug)]
pub enum Opening {
    /// The config's problems, each rendered with file, line and field.
    Config(Vec<String>),
    /// `DAGKAS_TODAY` is not a date the book can have.
    Today(Text),
    Ledger(LedgerError),
}

impl std::fmt::Display for Opening {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Opening::Config(problems) => write!(f, "{}", problems.join("; ")),
            Opening::Today(e) => write!(f, "{e}"),
            Opening::Ledger(e) => write!(f, "{e}"),
        }
    }
}

impl From<LedgerError> for Opening {
    fn from(e: LedgerError) -> Self {
        Opening::Ledger(e)
    }
}

impl From<crate::store::StoreError> for Opening {
    fn from(e: crate::store::StoreError) -> Self {
        Opening::Ledger(e.into())
    }
}

/// How the store is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Change,
    /// A command that only reads: a data dir that cannot be written is read through a copy.
    Read,
}

impl Dossier {
    /// The dossier the command line names. `--config` (or `DAGKAS_CONFIG`) is a file;
    /// `--store` an address whose dossier keeps its config; `DAGKAS_STORE_URL` is one too
    /// when no config file is there (with one, it only says where the file's dossier
    /// lives, as before); else the config file of the XDG config dir.
    pub fn from_cli(config: Option<PathBuf>, data: Option<PathBuf>, store: Option<String>) -> Dossier {
        let explicit = config.clone().or_else(|| env("DAGKAS_CONFIG").map(PathBuf::from));
        let default_file = settings::config_path(None);
        let address = match (&explicit, store) {
            (Some(_), _) => None,
            (None, Some(flag)) => Some(flag),
            (None, None) => env("DAGKAS_STORE_URL").filter(|_| !default_file.exists()),
        };
        match address {
            Some(address) => {
                let data_dir = data
                    .or_else(|| env("DAGKAS_DATA").map(PathBuf::from))
                    .unwrap_or_else(|| settings::data_dir(None).join(schema_of(&address).unwrap_or_default()));
                Dossier {
                    config: ConfigAt::Kept(address),
                    data_dir,
                }
            }
            None => Dossier {
                config: ConfigAt::File(explicit.unwrap_or(default_file)),
                data_dir: settings::data_dir(data),
            },
        }
    }

    /// The dossier of a config file and a data dir.
    pub fn of_file(config: &Path, data_dir: &Path) -> Dossier {
        Dossier {
            config: ConfigAt::File(config.to_path_buf()),
            data_dir: data_dir.to_path_buf(),
        }
    }

    /// How the config is named to a person: the file, or the address without password.
    pub fn config_name(&self) -> String {
        match &self.config {
            ConfigAt::File(p) => p.display().to_string(),
            ConfigAt::Kept(address) => shown_address(address),
        }
    }

    /// Open the dossier. `warn` is told the config's warnings; `waiting` who holds the
    /// store while it waits; `note` when it reads a copy.
    pub fn open(
        &self,
        mode: Mode,
        waiting: &mut dyn FnMut(&Text),
        note: &mut dyn FnMut(&Text),
        warn: &mut dyn FnMut(&str),
    ) -> Result<Ledger, Opening> {
        match &self.config {
            ConfigAt::File(path) => {
                let config = from_loaded(settings::load_config(path), warn)?;
                let today = ledger::today(&config).map_err(Opening::Today)?;
                Ok(match mode {
                    Mode::Change => Ledger::open_waiting(config, &self.data_dir, today, waiting)?,
                    Mode::Read => Ledger::open_for_reading(config, &self.data_dir, today, waiting, note)?,
                })
            }
            ConfigAt::Kept(address) => {
                let location = location_of(address).map_err(LedgerError::Refused)?;
                let store = match mode {
                    Mode::Change => Store::open_at(&location, &self.data_dir, waiting)?,
                    Mode::Read => Store::open_for_reading_at(&location, &self.data_dir, waiting, |n| note(n))?,
                };
                self.on_kept(store, address, None, warn)
            }
        }
    }

    /// The ledger on the store of an address: with the config it keeps, else `fallback`
    /// (the one a first load saves), else refused.
    fn on_kept(
        &self,
        store: Store,
        address: &str,
        fallback: Option<Config>,
        warn: &mut dyn FnMut(&str),
    ) -> Result<Ledger, Opening> {
        let config = match (store.kept_config()?, fallback) {
            (Some(kept), _) => kept_config(&kept, address, warn)?,
            (None, Some(fallback)) => Config {
                store: Some(StoreSpec {
                    url: address.to_string(),
                    schema: None,
                }),
                kept: Some(0),
                ..fallback
            },
            (None, None) => {
                return Err(Opening::Ledger(LedgerError::Refused(crate::text!(
                    "kept-none",
                    address = shown_address(address)
                ))))
            }
        };
        let today = ledger::today(&config).map_err(Opening::Today)?;
        Ok(Ledger::on_store(config, store, &self.data_dir, today)?)
    }

    /// Where the dossier's store is: its address, or where its config file says (read for
    /// that: a dossier known by its address needs no connection to be located).
    pub fn location(&self, warn: &mut dyn FnMut(&str)) -> Result<Location, Opening> {
        match &self.config {
            ConfigAt::Kept(address) => location_of(address).map_err(|e| LedgerError::Refused(e).into()),
            ConfigAt::File(path) => {
                let config = from_loaded(settings::load_config(path), warn)?;
                Location::of(&config).map_err(|e| LedgerError::Refused(e).into())
            }
        }
    }

    /// Open for one piece of work (the review screen's, a run's): the config read anew,
    /// its warnings left to `config validate`.
    pub fn open_for_work(&self, waiting: &mut dyn FnMut(&Text)) -> Result<Ledger, String> {
        self.open(Mode::Change, waiting, &mut |_| {}, &mut |_| {})
            .map_err(|e| e.to_string())
    }

    /// Open to save a config into it (`config load`): a dossier with no config yet (its
    /// file missing, nothing kept at its address) opens with `fallback`, the one to save.
    pub fn open_or_with(&self, fallback: Config, waiting: &mut dyn FnMut(&Text)) -> Result<Ledger, Opening> {
        let today = ledger::today(&fallback).map_err(Opening::Today)?;
        match &self.config {
            ConfigAt::File(path) if !path.exists() => {
                Ok(Ledger::open_waiting(fallback, &self.data_dir, today, waiting)?)
            }
            ConfigAt::File(_) => self.open(Mode::Change, waiting, &mut |_| {}, &mut |_| {}),
            ConfigAt::Kept(address) => {
                // A first load makes the dossier's schema.
                let location = Location::Postgres(target_of(address).map_err(LedgerError::Refused)?);
                let store = Store::open_at(&location, &self.data_dir, waiting)?;
                self.on_kept(store, address, Some(fallback), &mut |_| {})
            }
        }
    }

    /// The config alone, as the dossier would open with it (the store read for a kept one).
    pub fn load(&self, warn: &mut dyn FnMut(&str)) -> Result<Config, Opening> {
        match &self.config {
            ConfigAt::File(path) => from_loaded(settings::load_config(path), warn),
            ConfigAt::Kept(address) => {
                let location = location_of(address).map_err(LedgerError::Refused)?;
                let store = Store::open_for_reading_at(&location, &self.data_dir, &mut |_| {}, |_| {})?;
                match store.kept_config()? {
                    Some(kept) => kept_config(&kept, address, warn),
                    None => Err(Opening::Ledger(LedgerError::Refused(crate::text!(
                        "kept-none",
                        address = shown_address(address)
                    )))),
                }
            }
        }
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn from_loaded(loaded: settings::Loaded, warn: &mut dyn FnMut(&str)) -> Result<Config, Opening> {
    match loaded.config {
        Some(config) => {
            loaded.problems.iter().for_each(|p| warn(p));
            Ok(config)
        }
        None => Err(Opening::Config(loaded.problems)),
    }
}

/// The schema an address names (`?schema=NAME`).
pub fn schema_of(address: &str) -> Option<String> {
    url::Url::parse(address)
        .ok()?
        .query_pairs()
        .find(|(k, _)| k == "schema")
        .map(|(_, v)| v.into_owned())
}

/// The address of a config's `[store]`: its URL naming the schema (the config's, else the
/// one named after the dossier).
pub fn address_of(spec: &StoreSpec, dossier: &str) -> String {
    if schema_of(&spec.url).is_some() {
        return spec.url.clone();
    }
    let schema = spec.schema.clone().unwrap_or_else(|| postgres::default_schema(dossier));
    match url::Url::parse(&spec.url) {
        Ok(mut u) => {
            u.query_pairs_mut().append_pair("schema", &schema);
            u.to_string()
        }
        Err(_) => spec.url.clone(),
    }
}

/// An address as a person may see it: without a password.
pub fn shown_address(address: &str) -> String {
    match url::Url::parse(address) {
        Ok(mut u) => {
            let _ = u.set_password(None);
            u.to_string()
        }
        Err(_) => address.to_string(),
    }
}

/// The dossier at an address, opened only where its schema already holds one (a mistyped
/// name makes nothing).
pub fn location_of(address: &str) -> Result<Location, Text> {
    target_of(address).map(|t| Location::Postgres(t.existing()))
}

/// The PostgreSQL target of an address, which must name the dossier's schema.
fn target_of(address: &str) -> Result<postgres::Target, Text> {
    if !postgres::is_url(address) {
        return Err(crate::text!("pg-not-a-url"));
    }
    if schema_of(address).is_none() {
        return Err(crate::text!("kept-name-the-schema", address = shown_address(address)));
    }
    postgres::Target::parse(address, None, "")
}

/// A kept version read as the config of the dossier at `address`.
fn kept_config(kept: &crate::store::KeptConfig, address: &str, warn: &mut dyn FnMut(&str)) -> Result<Config, Opening> {
    let mut config = from_loaded(kept_loaded(kept, address), warn)?;
    config.store = Some(StoreSpec {
        url: address.to_string(),
        schema: None,
    });
    config.kept = Some(kept.version);
    Ok(config)
}

/// A kept version's text read as a config: its problems name the version and the address.
pub fn kept_loaded(kept: &crate::store::KeptConfig, address: &str) -> settings::Loaded {
    let name = crate::tr!("kept-name", version = kept.version, address = shown_address(address));
    settings::config_from_text(&name, &kept.text, &ConfigAt::Kept(address.to_string()).secrets_base())
}

impl ConfigAt {
    /// Where secret files named by a relative path are: beside a config file, or beside
    /// this machine's own config for a config kept in a store.
    pub fn secrets_base(&self) -> PathBuf {
        let file = match self {
            ConfigAt::File(p) => p.clone(),
            ConfigAt::Kept(_) => settings::config_path(None),
        };
        file.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    }
}
