//! The dossiers of a database (a firm on PostgreSQL, decision 94): every schema that holds
//! a dossier's tables and that this role may use.

use super::{db_error, Target};
use crate::store::engine::Tree;
use crate::store::Result;

/// The dossier schemas of the database at `url`, by name. A schema counts when it holds
/// every table of a dossier; one this role may not use is not listed (decision 92).
pub fn dossier_schemas(url: &str) -> std::result::Result<Vec<String>, String> {
    // Any valid schema name: the listing reads the catalogue, not a dossier.
    let target = Target::parse(url, Some("dagkas_listing"), "")?;
    listed(&target).map_err(|e| e.to_string())
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
