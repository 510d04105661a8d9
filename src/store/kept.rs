//! The dossier's config kept in its store (decision 93): on PostgreSQL the dossier's
//! config is a value of the dossier itself, so every machine reads the same one from the
//! database's address alone. Each version is kept; the one in force is `config/kept`.

use super::*;

/// The config in force.
const KEPT: &str = "config/kept";
/// The state name of the fingerprint of the config the books were last made under (R22).
pub const CONFIG_FINGERPRINT: &str = "config_fingerprint";
/// Every version, by number (zero-padded: they list in order).
const VERSIONS: &str = "config/version/";

/// One version of the kept config: its whole text, who saved it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptConfig {
    pub version: u64,
    pub text: String,
    pub by: String,
    pub at: DateTime<Utc>,
}

fn version_key(n: u64) -> String {
    format!("{VERSIONS}{n:010}")
}

impl Store {
    /// The config kept in this store, when one is.
    pub fn kept_config(&self) -> Result<Option<KeptConfig>> {
        self.state_get(KEPT)
    }

    /// Every kept version, oldest first.
    pub fn kept_config_versions(&self) -> Result<Vec<KeptConfig>> {
        let mut out = Vec::new();
        for item in self.scan_prefix(Tree::State, VERSIONS.as_bytes()) {
            let (k, v) = item?;
            out.push(decode(&k, &v)?);
        }
        Ok(out)
    }

    /// Keep `kept` as the config in force and as its numbered version, with the config
    /// fingerprint it makes and one audit entry, atomically. The caller holds the store, so
    /// the version it read is still the one in force.
    pub fn keep_config(&self, kept: &KeptConfig, fingerprint: &str, entry: audit::NewEntry) -> Result<AuditEntry> {
        let values = vec![
            (KEPT.to_string(), encode(kept)),
            (version_key(kept.version), encode(kept)),
            (CONFIG_FINGERPRINT.to_string(), encode(&fingerprint)),
        ];
        self.put_state_many(&[], values, entry)
    }
}
