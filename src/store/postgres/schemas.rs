//! The dossiers of a database (a firm on PostgreSQL, decision 94): every schema that holds
//! a dossier's tables and that this role may use.

use super::{db_error, Target};
use crate::domain::text::Text;
use crate::store::engine::Tree;
use crate::store::Result;

/// The dossier schemas of the database at `url`, by name. A schema counts when it holds
/// every table of a dossier; one this role may not use is not listed (decision 92).
pub fn dossier_schemas(url: &str) -> std::result::Result<Vec<String>, Text> {
    // Any valid schema name: the listing reads the catalogue, not a dossier.
    let target = Target::parse(url, Some("dagkas_listing"), "")?;
    listed(&target).map_err(|e| e.text())
}

fn listed(target: &Target) -> Result<Vec<String>> {
    let mut client = target.connect("dagkas dossiers")?;
    let tables: Vec<&str> = Tree::ALL.iter().map(|t| t.name()).collect();
    let rows = client
        .query(
            "SELECT n.nspname::text FROM pg_namespace n \
             WHERE (SELECT count(*) FROM pg_tables t \
                    WHERE t.schemaname = n.nspname AND t.tablename = ANY($1)) = $2 \
               AND has_schema_privilege(n.nspname, 'USAGE') \
             ORDER BY 1",
            &[&tables, &(tables.len() as i64)],
        )
        .map_err(|e| db_error(target, e))?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

/// What a firm's list needs to know of each dossier schema before opening it, in one
/// query: its audit head, its record of the last sync run and the firm's row kept in it.
pub struct Kept {
    pub schema: String,
    pub head: Option<Vec<u8>>,
    pub last_sync: Option<Vec<u8>>,
    pub row: Option<Vec<u8>>,
}

/// [`Kept`] of every named schema (each a dossier of the database at `url`): one small
/// statement per schema, all sent at once (one statement joining them all took the server
/// a second to plan for 500 dossiers).
pub fn kept_rows(url: &str, schemas: &[String]) -> std::result::Result<Vec<Kept>, Text> {
    if schemas.is_empty() {
        return Ok(Vec::new());
    }
    let target = Target::parse(url, Some("dagkas_listing"), "")?;
    let mut client = target.connect("dagkas dossiers").map_err(|e| e.text())?;
    let key = |k: &[u8]| format!("'\\x{}'::bytea", hex::encode(k));
    let (head, last_sync, row) = (
        key(crate::store::engine::AUDIT_HEAD),
        key(super::LAST_SYNC),
        key(FIRM_ROW),
    );
    // The names are dossier schemas the catalogue listed (lower-case letters, digits, `_`).
    let statements: String = schemas
        .iter()
        .filter(|s| crate::domain::config::valid_schema(s))
        .map(|s| {
            format!(
                "SELECT '{s}', (SELECT encode(v, 'hex') FROM {s}.audit WHERE k = {head}), \
                 (SELECT encode(v, 'hex') FROM {s}.meta WHERE k = {last_sync}), \
                 (SELECT encode(v, 'hex') FROM {s}.meta WHERE k = {row});"
            )
        })
        .collect();
    let messages = client
        .simple_query(&statements)
        .map_err(|e| db_error(&target, e).to_string())?;
    let bytes = |r: &postgres::SimpleQueryRow, i: usize| r.get(i).and_then(|h| hex::decode(h).ok());
    Ok(messages
        .iter()
        .filter_map(|m| match m {
            postgres::SimpleQueryMessage::Row(r) => Some(Kept {
                schema: r.get(0).unwrap_or_default().to_string(),
                head: bytes(r, 1),
                last_sync: bytes(r, 2),
                row: bytes(r, 3),
            }),
            _ => None,
        })
        .collect())
}

/// The key of a firm's row kept in a dossier's `meta`.
pub const FIRM_ROW: &[u8] = b"firm_row";
