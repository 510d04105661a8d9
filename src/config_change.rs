//! A person changes the dossier's config (`dagkas config load|edit`, the review screen's
//! additions): the new text is read as a config first, then checked against the confirmed
//! days (decision 39), and saved only when the config is still the one the person read
//! (decision 93). A PostgreSQL dossier keeps it in its store as a new numbered version; a
//! data dir's dossier in its file. Either way one audited `config changed` entry (R22) by
//! that person carries the fingerprint it makes, so the next opening logs nothing that no
//! person did.

use chrono::Utc;

use crate::domain::config::Config;
use crate::domain::text::Text;
use crate::dossier::ConfigAt;
use crate::ledger::{apply_overlay, Ledger, LedgerError, MappingOverlay, Result, CONFIG_FINGERPRINT, MAPPINGS};
use crate::store::audit::{Action, NewEntry};
use crate::store::{KeptConfig, Location};

/// The first line `config show` writes above a kept version: `config load` reads which
/// version the text was changed from.
const HEADER: &str = "# dagkas config version ";

/// Which config the person changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read {
    /// This version of the kept config.
    Version(u64),
    /// A file's text, by its SHA-256.
    File(String),
    /// Nothing kept yet, or a file replaced as a whole (`config load` on a data dir).
    Nothing,
}

/// The config in force as a text, and what a change must name to replace it.
#[derive(Debug, Clone)]
pub struct Current {
    pub text: String,
    pub read: Read,
    /// The kept version, with who saved it and when.
    pub kept: Option<KeptConfig>,
}

/// What a saved change did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// Kept in the store as this version.
    Version(u64),
    /// Written to the file.
    File,
    /// The text states the config in force: nothing to save.
    Unchanged,
}

/// A text as `config show` writes a kept version: a header line naming it, then the text.
pub fn shown(kept: &KeptConfig, dossier: &str) -> String {
    format!(
        "{HEADER}{} of {dossier:?}, saved by {} on {} (`dagkas config load` reads this line)\n{}",
        kept.version,
        kept.by,
        kept.at.format("%Y-%m-%d %H:%M UTC"),
        kept.text
    )
}

/// The version a shown text was changed from, and the text without its header.
pub fn unshown(text: &str) -> (Option<u64>, &str) {
    let Some(rest) = text.strip_prefix(HEADER) else {
        return (None, text);
    };
    let (line, body) = rest.split_once('\n').unwrap_or((rest, ""));
    let version = line.split_whitespace().next().and_then(|n| n.parse().ok());
    (version, body)
}

/// Whether the dossier's store can keep its config: a PostgreSQL dossier's can, and
/// `config load` there keeps it.
pub fn keeps_in_store(ledger: &Ledger) -> bool {
    matches!(ledger.store.location(), Location::Postgres(_))
}

impl Ledger {
    /// The config in force as its text: the kept version, else the file.
    pub fn current_config(&self, at: &ConfigAt) -> Result<Current> {
        if let Some(kept) = self.store.kept_config()? {
            return Ok(Current {
                text: kept.text.clone(),
                read: Read::Version(kept.version),
                kept: Some(kept),
            });
        }
        match at {
            ConfigAt::File(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| LedgerError::Io {
                    path: path.display().to_string(),
                    source,
                })?;
                Ok(Current {
                    read: Read::File(crate::sha256_hex(text.as_bytes())),
                    text,
                    kept: None,
                })
            }
            ConfigAt::Kept(_) => Ok(Current {
                text: String::new(),
                read: Read::Nothing,
                kept: None,
            }),
        }
    }

    /// Save `text` as the dossier's config, when the config in force is still the one
    /// `read` names. `detail` joins the audit entry (what the review screen added).
    pub fn change_config(
        &mut self,
        at: &ConfigAt,
        text: &str,
        read: &Read,
        author: &str,
        detail: serde_json::Value,
    ) -> Result<Saved> {
        let current = self.current_config(at)?;
        // Kept in the store once it is; a PostgreSQL dossier's first keeping is a load (an
        // edit of its file, or an addition to it, stays in the file until then).
        let kept = current.kept.is_some() || (*read == Read::Nothing && keeps_in_store(self));
        let still = match (read, &current.read) {
            (Read::Nothing, Read::Version(_)) => false,
            (Read::Nothing, _) => true,
            (r, c) => r == c,
        };
        if !still {
            return Err(LedgerError::Refused(match (&current.kept, at) {
                (Some(k), _) => crate::text!(
                    "config-changed-since-read",
                    by = k.by.clone(),
                    at = k.at.format("%Y-%m-%d %H:%M UTC").to_string(),
                    version = k.version
                ),
                (None, ConfigAt::File(path)) => crate::text!("config-file-changed-since-read", file = path.display()),
                // An address keeps a config, or the dossier did not open.
                (None, ConfigAt::Kept(address)) => {
                    crate::text!("kept-none", address = crate::dossier::shown_address(address))
                }
            }));
        }
        // A text the dossier already keeps (or its file already holds) changes nothing.
        if (current.kept.is_some() || !kept) && current.text == text {
            return Ok(Saved::Unchanged);
        }
        let name = match at {
            ConfigAt::File(p) if !kept => p.display().to_string(),
            _ => crate::tr!("config-new-text"),
        };
        let loaded = crate::settings::config_from_text(&name, text, &at.secrets_base());
        // Reading a config makes its language the process's; the person's speaks on.
        crate::i18n::set(crate::i18n::Lang::pick(self.config.language.as_deref()));
        let Some(mut config) = loaded.config else {
            return Err(LedgerError::BadInput(
                loaded.problems.into_iter().map(Text::from).collect(),
            ));
        };
        // It lives where this dossier is, whatever the text says of a store.
        config.store.clone_from(&self.config.store);
        if kept {
            config.kept = Some(current.kept.as_ref().map_or(1, |k| k.version + 1));
        }
        if let Some(overlay) = self.store.state_get::<MappingOverlay>(MAPPINGS)? {
            apply_overlay(&mut config, &overlay);
        }
        // A confirmed day never changes silently: a config that would state one otherwise
        // is refused before anything is saved.
        let was_config = std::mem::replace(&mut self.config, config);
        let conflicts = self.frozen_conflicts();
        let config = std::mem::replace(&mut self.config, was_config);
        let conflicts = conflicts?;
        if !conflicts.is_empty() {
            return Err(LedgerError::Refused(crate::ledger::config_conflict_message(&conflicts)));
        }
        let was: Option<String> = self.store.state_get(CONFIG_FINGERPRINT)?;
        let now = config.fingerprint();
        let mut entry_detail = serde_json::json!({
            "dossier": config.dossier.name,
            "was": was,
            "now": now,
        });
        if let (Some(map), Some(extra)) = (entry_detail.as_object_mut(), detail.as_object()) {
            map.extend(extra.clone());
        }
        let outcome = if kept {
            let version = config.kept.unwrap_or(1);
            entry_detail["version"] = version.into();
            let record = KeptConfig {
                version,
                text: text.to_string(),
                by: author.to_string(),
                at: Utc::now(),
            };
            let entry = NewEntry {
                author: author.to_string(),
                action: Action::ConfigChanged.into(),
                reason: None,
                detail: entry_detail,
            };
            self.store.keep_config(&record, &now, entry)?;
            Saved::Version(version)
        } else {
            let ConfigAt::File(path) = at else {
                unreachable!("a data dir's dossier has a config file")
            };
            crate::settings::write_whole(path, text.as_bytes()).map_err(|source| LedgerError::Io {
                path: path.display().to_string(),
                source,
            })?;
            self.store.state_put(
                CONFIG_FINGERPRINT,
                &now,
                NewEntry {
                    author: author.to_string(),
                    action: Action::ConfigChanged.into(),
                    reason: None,
                    detail: entry_detail,
                },
            )?;
            Saved::File
        };
        self.config = config;
        // Which invoices make debtors may have changed (`invoices_from`).
        self.store.mark_all_debtors_due()?;
        self.refresh_fingerprint();
        Ok(outcome)
    }

    /// The review screen's `m`: append a VAT category or payment method to the config (and
    /// nothing else), with a comment naming who added it: one audited change of the config
    /// by its author, with what was added.
    pub fn add_to_config(
        &mut self,
        at: &ConfigAt,
        addition: &crate::domain::config::addition::Addition,
        author: &str,
    ) -> Result<()> {
        let current = self.current_config(at)?;
        let before: &Config = &self.config;
        let taken = match addition {
            crate::domain::config::addition::Addition::Category { code, .. } => before.category(code).is_some(),
            crate::domain::config::addition::Addition::Method { code, .. } => before.method(code).is_some(),
        };
        let place = match at {
            ConfigAt::File(p) if current.kept.is_none() => Text::Plain(p.display().to_string()),
            ConfigAt::File(_) | ConfigAt::Kept(_) => Text::id("config-the-kept"),
        };
        if taken {
            return Err(LedgerError::Refused(crate::text!(
                "config-add-code-taken",
                code = addition.code(),
                file = place
            )));
        }
        let note = format!(
            "added by {author} on {} from the review screen",
            chrono::Local::now().format("%Y-%m-%d %H:%M")
        );
        let text = addition.appended_to(&current.text, &note);
        let detail = serde_json::json!({
            "added": {"kind": addition.kind(), "code": addition.code()},
            "block": addition.block(&note),
        });
        self.change_config(at, &text, &current.read, author, detail).map(|_| ())
    }
}
