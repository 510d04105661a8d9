//! R22: the audit log. Every change is appended with author, time and reason, and holds
//! the SHA-256 of the previous entry, so a changed or removed entry breaks the chain.

use super::engine::{Engine, Link, Merges, Op, Pair, Tree};
use super::{decode, encode, Result};
use crate::domain::text::Text;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
pub const HEAD: &[u8] = super::engine::AUDIT_HEAD;

/// An entry to append.
#[derive(Debug, Clone)]
pub struct NewEntry {
    pub author: String,
    pub action: String,
    pub reason: Option<String>,
    pub detail: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: u64,
    pub at: DateTime<Utc>,
    pub author: String,
    pub action: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub detail: serde_json::Value,
    /// The hash of the previous entry.
    pub prev: String,
    /// SHA-256 over this entry's fields and `prev`.
    pub hash: String,
}

#[derive(Serialize, Deserialize)]
struct Head {
    seq: u64,
    hash: String,
}

impl AuditEntry {
    /// The hash this entry should carry, from its own fields.
    pub fn compute_hash(&self) -> String {
        let body = serde_json::json!({
            "seq": self.seq,
            "at": self.at.to_rfc3339(),
            "author": self.author,
            "action": self.action,
            "reason": self.reason,
            "detail": self.detail,
            "prev": self.prev,
        });
        format!("{:x}", Sha256::digest(body.to_string().as_bytes()))
    }
}

/// What an audit entry records. Stored by its name (`as_str`), which never changes: the
/// log of ten years reads the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Import,
    Edit,
    Confirm,
    ConfirmPart,
    Reopen,
    Correction,
    Centralise,
    Mapping,
    Config,
    ConfigChanged,
    BookedLinesKept,
    Debtors,
    InvoiceIgnore,
    InvoiceBookingDate,
    Held,
    HeldDecided,
    SyncCursor,
    SyncFailed,
    NotifySent,
    NotifyFailed,
    Login,
    StoreCopy,
    Demo,
}

impl Action {
    pub const ALL: &'static [Action] = &[
        Action::Import,
        Action::Edit,
        Action::Confirm,
        Action::ConfirmPart,
        Action::Reopen,
        Action::Correction,
        Action::Centralise,
        Action::Mapping,
        Action::Config,
        Action::ConfigChanged,
        Action::BookedLinesKept,
        Action::Debtors,
        Action::InvoiceIgnore,
        Action::InvoiceBookingDate,
        Action::Held,
        Action::HeldDecided,
        Action::SyncCursor,
        Action::SyncFailed,
        Action::NotifySent,
        Action::NotifyFailed,
        Action::Login,
        Action::StoreCopy,
        Action::Demo,
    ];

    /// The name the log stores.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Import => "import",
            Action::Edit => "edit",
            Action::Confirm => "confirm",
            Action::ConfirmPart => "confirm part",
            Action::Reopen => "reopen",
            Action::Correction => "correction",
            Action::Centralise => "centralise",
            Action::Mapping => "mapping",
            Action::Config => "config",
            Action::ConfigChanged => "config changed",
            Action::BookedLinesKept => "booked lines kept",
            Action::Debtors => "debtors",
            Action::InvoiceIgnore => "invoice ignore",
            Action::InvoiceBookingDate => "invoice booking date",
            Action::Held => "held",
            Action::HeldDecided => "held decided",
            Action::SyncCursor => "sync cursor",
            Action::SyncFailed => "sync failed",
            Action::NotifySent => "notify sent",
            Action::NotifyFailed => "notify failed",
            Action::Login => "login",
            Action::StoreCopy => "store copy",
            Action::Demo => "demo",
        }
    }
}

impl From<Action> for String {
    fn from(a: Action) -> String {
        a.as_str().to_string()
    }
}

impl PartialEq<Action> for String {
    fn eq(&self, a: &Action) -> bool {
        self == a.as_str()
    }
}

/// The entry that follows `head` (the stored head of the chain, if any), and the two
/// writes that append it: the entry under its number, and the new head.
pub(super) fn next_entry(head: Option<&[u8]>, entry: &NewEntry) -> Result<(AuditEntry, [Pair; 2])> {
    let head: Head = match head {
        Some(v) => decode(HEAD, v)?,
        None => Head {
            seq: 0,
            hash: GENESIS.into(),
        },
    };
    let mut e = AuditEntry {
        seq: head.seq + 1,
        at: Utc::now(),
        author: entry.author.clone(),
        action: entry.action.clone(),
        reason: entry.reason.clone(),
        detail: entry.detail.clone(),
        prev: head.hash,
        hash: String::new(),
    };
    e.hash = e.compute_hash();
    let writes = [
        (e.seq.to_be_bytes().to_vec(), encode(&e)),
        (
            HEAD.to_vec(),
            encode(&Head {
                seq: e.seq,
                hash: e.hash.clone(),
            }),
        ),
    ];
    Ok((e, writes))
}

/// Apply `writes` and `merges` and append `entry` to the chain, in one transaction of the
/// engine: the entry follows the head as it stands inside it.
pub(super) fn append(
    kv: &dyn Engine,
    writes: Vec<(Tree, Op)>,
    merges: Option<&Merges>,
    entry: &NewEntry,
) -> Result<AuditEntry> {
    // The last link made: a transaction that is tried again makes it again.
    let made = std::cell::RefCell::new(None);
    kv.append_audit(writes, merges, &|head| {
        let (e, rows) = next_entry(head, entry)?;
        let link = Link {
            rows,
            seq: e.seq,
            notice: super::change_line(&e),
        };
        *made.borrow_mut() = Some(e);
        Ok(link)
    })?;
    made.into_inner().ok_or_else(|| super::StoreError::Corrupt {
        key: String::from_utf8_lossy(HEAD).into_owned(),
        message: "the audit entry was not made".into(),
    })
}

pub(super) fn entries(pairs: impl Iterator<Item = Result<Pair>>) -> Result<Vec<AuditEntry>> {
    let mut out = Vec::new();
    for item in pairs {
        let (k, v) = item?;
        if k.len() == 8 {
            out.push(decode(&k, &v)?);
        }
    }
    Ok(out)
}

/// A break in the audit chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    pub seq: u64,
    pub message: Text,
}

/// Verify the chain from the raw tree: every entry readable, numbered in order, its hash
/// matching its fields and its `prev` matching the entry before; the head names the last.
pub fn verify(pairs: impl Iterator<Item = Result<Pair>>, head: Option<Vec<u8>>) -> Vec<ChainBreak> {
    let mut breaks = Vec::new();
    let mut prev = GENESIS.to_string();
    let mut expected = 1u64;
    for item in pairs {
        let Ok((k, v)) = item else {
            breaks.push(ChainBreak {
                seq: expected,
                message: crate::text!("audit-unreadable-entry"),
            });
            break;
        };
        if k.len() != 8 {
            continue;
        }
        let seq = u64::from_be_bytes(k.as_slice().try_into().expect("8 bytes"));
        let e: AuditEntry = match serde_json::from_slice(&v) {
            Ok(e) => e,
            Err(err) => {
                breaks.push(ChainBreak {
                    seq,
                    message: crate::text!("audit-entry-unreadable", seq = seq, err = err),
                });
                prev = String::new();
                expected = seq + 1;
                continue;
            }
        };
        if seq != expected {
            breaks.push(ChainBreak {
                seq,
                message: crate::text!("audit-entry-missing-next", expected = expected, seq = seq),
            });
        }
        if e.seq != seq {
            breaks.push(ChainBreak {
                seq,
                message: crate::text!("audit-entry-claims-number", seq = seq, seq2 = e.seq),
            });
        }
        if e.prev != prev {
            breaks.push(ChainBreak {
                seq,
                message: crate::text!(
                    "audit-entry-does-not-follow",
                    seq = seq,
                    previous = seq.saturating_sub(1)
                ),
            });
        }
        if e.compute_hash() != e.hash {
            breaks.push(ChainBreak {
                seq,
                message: crate::text!("audit-entry-was-changed-after", seq = seq, action = e.action),
            });
        }
        prev = e.hash.clone();
        expected = seq + 1;
    }
    if let Some(h) = head {
        match serde_json::from_slice::<Head>(&h) {
            Ok(head) if head.seq + 1 != expected || head.hash != prev => breaks.push(ChainBreak {
                seq: head.seq,
                message: crate::text!("audit-log-ends-at-entry", last = expected - 1, seq = head.seq),
            }),
            Ok(_) => {}
            Err(_) => breaks.push(ChainBreak {
                seq: 0,
                message: crate::text!("audit-head-audit-log-unreadable"),
            }),
        }
    }
    breaks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_action_keeps_its_stored_name() {
        let names: Vec<&str> = Action::ALL.iter().map(|a| a.as_str()).collect();
        let unique: std::collections::BTreeSet<&&str> = names.iter().collect();
        assert_eq!(unique.len(), names.len(), "{names:?}");
        assert_eq!(Action::SyncFailed.as_str(), "sync failed");
        assert_eq!(Action::ConfigChanged.as_str(), "config changed");
        assert!(String::from("edit") == Action::Edit);
    }
}
