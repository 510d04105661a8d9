//! The PostgreSQL engine, for firms: each dossier is a schema of its own with one table per
//! tree (`k bytea PRIMARY KEY, v bytea`), so many dossiers share a database and none reads
//! another's rows through dagkas (every statement names the dossier's schema).
//!
//! Processes take turns on a dossier as on the embedded store: a session-level advisory
//! lock per schema, held while a store is open and released by the server when the session
//! ends (a killed process, a cut network). Every group of writes is a transaction; the
//! audit chain is appended under the head row as it stands inside it, and each change is
//! announced with `NOTIFY` so open review screens on every machine learn of it at once.
//!
//! The password never comes from the config: `PGPASSWORD`, else `~/.pgpass` (or
//! `PGPASSFILE`), as libpq reads them; nothing here prints a URL with its password.

use crate::domain::text::Text;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::ops::Bound;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use postgres::config::Host;
use postgres::types::ToSql;
use postgres::{Client, NoTls, Statement};

use super::engine::{Engine, Merges, NextLink, Op, Pair, Pairs, Tree, AUDIT_HEAD};
use super::{Result, StoreError};

mod listen;
mod schedule;
mod schemas;
mod target;
pub use listen::{last_change, Listener};
pub use schedule::ScheduleLock;
pub use schemas::{dossier_schemas, kept_rows, Kept, FIRM_ROW};
use target::{db_error, plain};
pub use target::{default_schema, is_url, valid_schema, Target};

/// What an advisory lock of a dossier is for: each its own 64-bit key (decision 78).
const LOCK_CLASS: &str = "dossier";
/// The transaction lock on a dossier's audit chain.
const CHAIN_CLASS: &str = "chain";
/// The lock on a dossier's sync schedule.
const SCHEDULE_CLASS: &str = "schedule";

/// The layout of the tables, recorded in `meta` beside the store's own schema number.
const TABLES_LAYOUT: u32 = 1;

/// The `meta` key of the record of the dossier's last sync run.
pub const LAST_SYNC: &[u8] = b"last_sync";

struct Session {
    client: Client,
    statements: HashMap<String, Statement>,
}

impl Session {
    fn statement(&mut self, sql: &str) -> std::result::Result<Statement, postgres::Error> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(sql)?;
        self.statements.insert(sql.to_string(), s.clone());
        Ok(s)
    }

    fn query(
        &mut self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> std::result::Result<Vec<postgres::Row>, postgres::Error> {
        let s = self.statement(sql)?;
        self.client.query(&s, params)
    }

    fn execute(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> std::result::Result<u64, postgres::Error> {
        let s = self.statement(sql)?;
        self.client.execute(&s, params)
    }
}

/// An open dossier in PostgreSQL, its advisory lock held by the session.
pub struct Postgres {
    target: Target,
    session: Mutex<Session>,
}

impl Postgres {
    /// Connect, take the dossier's lock (waiting while another process holds it; `waiting`
    /// is told who, from the holder's application name), and make the tables if needed.
    pub fn open(target: &Target, holder: &str, waiting: &mut dyn FnMut(&Text)) -> Result<Postgres> {
        let mut client = target.connect(holder)?;
        let err = |e| db_error(target, e);
        let began = Instant::now();
        let deadline = began + super::lock_wait();
        let mut told = false;
        loop {
            let row = client
                .query_one("SELECT pg_try_advisory_lock($1)", &[&target.lock_key(LOCK_CLASS)])
                .map_err(err)?;
            if row.get::<_, bool>(0) {
                break;
            }
            if Instant::now() > deadline {
                return Err(StoreError::InUse(target.shown().into()));
            }
            if !told && began.elapsed() > Duration::from_millis(800) {
                told = true;
                // A one-key lock shows its high and low halves, with objsubid 1.
                let key = target.lock_key(LOCK_CLASS) as u64;
                let who = client
                    .query_opt(
                        "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid \
                         WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = $1 \
                         AND l.objid::bigint = $2 AND l.objsubid = 1 LIMIT 1",
                        &[&((key >> 32) as i64), &((key & 0xffff_ffff) as i64)],
                    )
                    .ok()
                    .flatten()
                    .map(|r| r.get::<_, String>(0))
                    .unwrap_or_default();
                waiting(&Text::from(who.as_str()));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let pg = Postgres {
            target: target.clone(),
            session: Mutex::new(Session {
                client,
                statements: HashMap::new(),
            }),
        };
        // Writes that are not a change of the books (chunks of a batch not yet committed,
        // caches, upkeep) need not wait for the disk: the WAL is written in order, so the
        // change that commits them (its audit entry, committed synchronously) makes them
        // durable with it, and a server crash before it loses only what no one relied on.
        pg.session()
            .client
            .batch_execute("SET synchronous_commit = off")
            .map_err(|e| db_error(target, e))?;
        pg.check_access()?;
        pg.make_tables()?;
        pg.check_identity()?;
        Ok(pg)
    }

    /// A schema that exists but that this role may not use is another's dossier for this
    /// role: said as such, before anything is tried in it (decision 92).
    fn check_access(&self) -> Result<()> {
        let row = self
            .session()
            .client
            .query_one(
                "SELECT CASE WHEN n.oid IS NULL THEN true ELSE has_schema_privilege(n.oid, 'USAGE') END \
                 FROM (SELECT (SELECT oid FROM pg_namespace WHERE nspname = $1) AS oid) n",
                &[&self.target.schema],
            )
            .map_err(|e| db_error(&self.target, e))?;
        if row.get::<_, bool>(0) {
            Ok(())
        } else {
            Err(StoreError::NoAccess {
                target: self.target.shown(),
                schema: self.target.schema.clone(),
            })
        }
    }

    /// The schema belongs to this dossier: its name is recorded there on the first open and
    /// compared on every later one. A default schema that another dossier's name already
    /// claimed is refused, naming that dossier; a named schema follows a renamed dossier.
    fn check_identity(&self) -> Result<()> {
        const DOSSIER: &[u8] = b"dossier";
        let mine = self.target.dossier.as_bytes();
        match self.get(Tree::Meta, DOSSIER)? {
            Some(found) if found == mine => Ok(()),
            Some(found) if !self.target.named => Err(StoreError::Database(crate::text!(
                "pg-schema-of-another-dossier",
                schema = self.target.schema.clone(),
                other = String::from_utf8_lossy(&found).into_owned(),
                dossier = self.target.dossier.clone()
            ))),
            _ => self.insert(Tree::Meta, DOSSIER, mine),
        }
    }

    fn make_tables(&self) -> Result<()> {
        let s = &self.target.schema;
        let mut session = self.session();
        let present: i64 = session
            .client
            .query_one(
                "SELECT count(*) FROM pg_tables WHERE schemaname = $1 AND tablename = ANY($2)",
                &[s, &Tree::ALL.iter().map(|t| t.name()).collect::<Vec<_>>()],
            )
            .map_err(|e| db_error(&self.target, e))?
            .get(0);
        if present == Tree::ALL.len() as i64 {
            drop(session);
            return self.check_layout();
        }
        if present == 0 && self.target.existing {
            return Err(StoreError::Database(crate::text!(
                "kept-no-dossier",
                target = self.target.shown()
            )));
        }
        let mut ddl = format!("CREATE SCHEMA IF NOT EXISTS {s};");
        for t in Tree::ALL {
            ddl.push_str(&format!(
                "CREATE TABLE IF NOT EXISTS {s}.{} (k bytea PRIMARY KEY, v bytea NOT NULL);",
                t.name()
            ));
        }
        // The caches are rebuilt from the rest: no need to log them for a crash.
        ddl.push_str(&format!(
            "ALTER TABLE {s}.figures SET UNLOGGED; ALTER TABLE {s}.chain SET UNLOGGED;"
        ));
        ddl.push_str(&format!(
            "INSERT INTO {s}.meta (k, v) VALUES ('tables', '\\x{TABLES_LAYOUT:08x}') ON CONFLICT (k) DO NOTHING;"
        ));
        session
            .client
            .batch_execute(&format!("BEGIN; {ddl} COMMIT;"))
            .map_err(|e| db_error(&self.target, e))?;
        drop(session);
        self.check_layout()
    }

    /// After the link went during a commit: whether the change's audit entry is there,
    /// asked on a new session for up to half a minute (a server restarting). Committed, the
    /// change stands and says so; not committed, it says that nothing was kept; unknown,
    /// it says so (never "nothing was kept" for kept work).
    fn committed_after_all(&self, (key, value): (Vec<u8>, Vec<u8>), seq: u64, lost: postgres::Error) -> Result<()> {
        let until = Instant::now() + Duration::from_secs(30);
        loop {
            let found = self.target.connect("dagkas (was it committed?)").and_then(|mut c| {
                c.query_opt(
                    &format!("SELECT v FROM {} WHERE k = $1", self.table(Tree::Audit)),
                    &[&key],
                )
                .map(|row| row.map(|r| r.get::<_, Vec<u8>>(0)))
                .map_err(|err| db_error(&self.target, err))
            });
            match found {
                Ok(Some(v)) if v == value => {
                    tracing::warn!("the link went during a commit, which was made: {}", plain(&lost));
                    return Ok(());
                }
                Ok(_) => return Err(db_error(&self.target, lost)),
                Err(_) if Instant::now() < until => std::thread::sleep(Duration::from_millis(500)),
                Err(_) => {
                    return Err(StoreError::Database(crate::text!(
                        "pg-commit-unknown",
                        target = self.target.shown(),
                        reason = plain(&lost),
                        seq = seq
                    )))
                }
            }
        }
    }

    /// Refuse tables laid out by a newer dagkas.
    fn check_layout(&self) -> Result<()> {
        let found = self
            .get(Tree::Meta, b"tables")?
            .and_then(|v| v.try_into().ok())
            .map(u32::from_be_bytes)
            .unwrap_or(TABLES_LAYOUT);
        if found > TABLES_LAYOUT {
            return Err(StoreError::NewerSchema {
                dir: self.target.shown().into(),
                found,
            });
        }
        Ok(())
    }

    fn session(&self) -> std::sync::MutexGuard<'_, Session> {
        self.session.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn table(&self, t: Tree) -> String {
        format!("{}.{}", self.target.schema, t.name())
    }

    fn err(&self, e: postgres::Error) -> StoreError {
        db_error(&self.target, e)
    }

    /// One page of a range read: at most `limit` pairs after (or before) the bounds.
    fn page(&self, t: Tree, lo: &Bound<Vec<u8>>, hi: &Bound<Vec<u8>>, rev: bool, limit: i64) -> Result<Vec<Pair>> {
        let mut sql = format!("SELECT k, v FROM {} WHERE true", self.table(t));
        let mut params: Vec<&(dyn ToSql + Sync)> = Vec::new();
        for (bound, incl, excl) in [(lo, ">=", ">"), (hi, "<=", "<")] {
            let (op, key) = match bound {
                Bound::Included(k) => (incl, k),
                Bound::Excluded(k) => (excl, k),
                Bound::Unbounded => continue,
            };
            params.push(key);
            sql.push_str(&format!(" AND k {op} ${}", params.len()));
        }
        params.push(&limit);
        sql.push_str(&format!(
            " ORDER BY k {} LIMIT ${}",
            if rev { "DESC" } else { "ASC" },
            params.len()
        ));
        let rows = self.session().query(&sql, &params).map_err(|e| self.err(e))?;
        Ok(rows.into_iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    /// Writes as two statements of arrays (the last write of a key wins, as in a sled batch).
    fn write_ops(
        &self,
        tx: &mut postgres::Transaction<'_>,
        t: Tree,
        ops: impl IntoIterator<Item = Op>,
    ) -> std::result::Result<(), postgres::Error> {
        let mut last: BTreeMap<Vec<u8>, Option<Vec<u8>>> = BTreeMap::new();
        for op in ops {
            match op {
                Op::Insert(k, v) => last.insert(k, Some(v)),
                Op::Remove(k) => last.insert(k, None),
            };
        }
        let (mut keys, mut values, mut gone) = (Vec::new(), Vec::new(), Vec::new());
        for (k, v) in last {
            match v {
                Some(v) => {
                    keys.push(k);
                    values.push(v);
                }
                None => gone.push(k),
            }
        }
        let table = self.table(t);
        if !gone.is_empty() {
            tx.execute(&format!("DELETE FROM {table} WHERE k = ANY($1)"), &[&gone])?;
        }
        if !keys.is_empty() {
            tx.execute(
                &format!(
                    "INSERT INTO {table} (k, v) SELECT * FROM unnest($1::bytea[], $2::bytea[]) \
                     ON CONFLICT (k) DO UPDATE SET v = excluded.v"
                ),
                &[&keys, &values],
            )?;
        }
        Ok(())
    }
}

/// A range read in pages that grow: a lookup of one pair costs one small page, a scan of
/// a whole tree a few thousand pairs at a time, never the whole tree in memory.
struct Paged<'a> {
    pg: &'a Postgres,
    tree: Tree,
    lo: Bound<Vec<u8>>,
    hi: Bound<Vec<u8>>,
    rev: bool,
    buffer: VecDeque<Pair>,
    limit: i64,
    done: bool,
}

impl Iterator for Paged<'_> {
    type Item = Result<Pair>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.buffer.is_empty() && !self.done {
            match self.pg.page(self.tree, &self.lo, &self.hi, self.rev, self.limit) {
                Ok(rows) => {
                    self.done = (rows.len() as i64) < self.limit;
                    if let Some((k, _)) = rows.last() {
                        let after = Bound::Excluded(k.clone());
                        if self.rev {
                            self.hi = after;
                        } else {
                            self.lo = after;
                        }
                    }
                    self.buffer = rows.into();
                    self.limit = (self.limit * 4).min(4096);
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
        self.buffer.pop_front().map(Ok)
    }
}

impl Engine for Postgres {
    fn get(&self, t: Tree, key: &[u8]) -> Result<Option<Vec<u8>>> {
        let sql = format!("SELECT v FROM {} WHERE k = $1", self.table(t));
        let rows = self.session().query(&sql, &[&key]).map_err(|e| self.err(e))?;
        Ok(rows.first().map(|r| r.get(0)))
    }

    fn insert(&self, t: Tree, key: &[u8], value: &[u8]) -> Result<()> {
        let sql = format!(
            "INSERT INTO {} (k, v) VALUES ($1, $2) ON CONFLICT (k) DO UPDATE SET v = excluded.v",
            self.table(t)
        );
        self.session().execute(&sql, &[&key, &value]).map_err(|e| self.err(e))?;
        Ok(())
    }

    fn remove(&self, t: Tree, key: &[u8]) -> Result<()> {
        let sql = format!("DELETE FROM {} WHERE k = $1", self.table(t));
        self.session().execute(&sql, &[&key]).map_err(|e| self.err(e))?;
        Ok(())
    }

    fn range(&self, tree: Tree, lo: Bound<Vec<u8>>, hi: Bound<Vec<u8>>, rev: bool) -> Pairs<'_> {
        Box::new(Paged {
            pg: self,
            tree,
            lo,
            hi,
            rev,
            buffer: VecDeque::new(),
            limit: 16,
            done: false,
        })
    }

    fn last_below(&self, t: Tree, key: &[u8]) -> Result<Option<Pair>> {
        Ok(self
            .page(t, &Bound::Unbounded, &Bound::Excluded(key.to_vec()), true, 1)?
            .pop())
    }

    fn get_many(&self, t: Tree, keys: &[Vec<u8>]) -> Result<Vec<Option<Vec<u8>>>> {
        let mut out = Vec::with_capacity(keys.len());
        for part in keys.chunks(4096) {
            let sql = format!(
                "SELECT t.v FROM unnest($1::bytea[]) WITH ORDINALITY AS q(key, i) \
                 LEFT JOIN {} t ON t.k = q.key ORDER BY q.i",
                self.table(t)
            );
            let rows = self.session().query(&sql, &[&part]).map_err(|e| self.err(e))?;
            out.extend(rows.into_iter().map(|r| r.get::<_, Option<Vec<u8>>>(0)));
        }
        Ok(out)
    }

    fn apply(&self, t: Tree, ops: Vec<Op>) -> Result<()> {
        if ops.is_empty() {
            return Ok(());
        }
        let mut session = self.session();
        let mut tx = session.client.transaction().map_err(|e| self.err(e))?;
        self.write_ops(&mut tx, t, ops).map_err(|e| self.err(e))?;
        tx.commit().map_err(|e| self.err(e))
    }

    fn insert_new(&self, t: Tree, pairs: Vec<Pair>) -> Result<()> {
        use postgres::binary_copy::BinaryCopyInWriter;
        use postgres::types::Type;
        if pairs.is_empty() {
            return Ok(());
        }
        let mut session = self.session();
        let sql = format!("COPY {} (k, v) FROM STDIN (FORMAT binary)", self.table(t));
        let writer = session.client.copy_in(&sql).map_err(|e| self.err(e))?;
        let mut writer = BinaryCopyInWriter::new(writer, &[Type::BYTEA, Type::BYTEA]);
        for (k, v) in &pairs {
            writer.write(&[k, v]).map_err(|e| self.err(e))?;
        }
        writer.finish().map_err(|e| self.err(e))?;
        Ok(())
    }

    fn clear(&self, t: Tree) -> Result<()> {
        let sql = format!("DELETE FROM {}", self.table(t));
        self.session().execute(&sql, &[]).map_err(|e| self.err(e))?;
        Ok(())
    }

    fn count(&self, t: Tree) -> Result<u64> {
        let sql = format!("SELECT count(*) FROM {}", self.table(t));
        let rows = self.session().query(&sql, &[]).map_err(|e| self.err(e))?;
        Ok(rows.first().map_or(0, |r| r.get::<_, i64>(0)) as u64)
    }

    fn increment(&self, t: Tree, key: &[u8]) -> Result<u64> {
        let table = self.table(t);
        let mut session = self.session();
        let mut tx = session.client.transaction().map_err(|e| self.err(e))?;
        let old = tx
            .query_opt(&format!("SELECT v FROM {table} WHERE k = $1 FOR UPDATE"), &[&key])
            .map_err(|e| self.err(e))?
            .and_then(|r| r.get::<_, Vec<u8>>(0).try_into().ok())
            .map(u64::from_be_bytes)
            .unwrap_or(0);
        let next = old + 1;
        tx.execute(
            &format!("INSERT INTO {table} (k, v) VALUES ($1, $2) ON CONFLICT (k) DO UPDATE SET v = excluded.v"),
            &[&key, &next.to_be_bytes().as_slice()],
        )
        .map_err(|e| self.err(e))?;
        tx.commit().map_err(|e| self.err(e))?;
        Ok(next)
    }

    fn append_audit(&self, writes: Vec<(Tree, Op)>, merges: Option<&Merges>, next: &NextLink<'_>) -> Result<()> {
        let audit_table = self.table(Tree::Audit);
        let channel = self.target.channel();
        let mut session = self.session();
        let mut tx = session.client.transaction().map_err(|e| self.err(e))?;
        // A change of the books is on disk when it returns.
        tx.batch_execute("SET LOCAL synchronous_commit = on")
            .map_err(|e| self.err(e))?;
        // One writer of the chain at a time, whoever holds the dossier (R22).
        tx.execute(
            "SELECT pg_advisory_xact_lock($1)",
            &[&self.target.lock_key(CHAIN_CLASS)],
        )
        .map_err(|e| self.err(e))?;
        let head: Option<Vec<u8>> = tx
            .query_opt(&format!("SELECT v FROM {audit_table} WHERE k = $1"), &[&AUDIT_HEAD])
            .map_err(|e| self.err(e))?
            .map(|r| r.get(0));
        let mut by_tree: BTreeMap<Tree, Vec<Op>> = BTreeMap::new();
        for (t, op) in writes {
            by_tree.entry(t).or_default().push(op);
        }
        if let Some(m) = merges {
            // Read under the chain's lock: no other commit changes these keys meanwhile.
            let keys: Vec<&[u8]> = m.items.iter().map(|(k, _)| k.as_slice()).collect();
            let rows = tx
                .query(
                    &format!("SELECT k, v FROM {} WHERE k = ANY($1)", self.table(m.tree)),
                    &[&keys],
                )
                .map_err(|e| self.err(e))?;
            let found: BTreeMap<Vec<u8>, Vec<u8>> = rows.into_iter().map(|r| (r.get(0), r.get(1))).collect();
            let ops = by_tree.entry(m.tree).or_default();
            for (k, add) in &m.items {
                let new = match found.get(k) {
                    Some(old) => (m.with)(Some(old), add)?,
                    None => add.to_vec(),
                };
                ops.push(Op::Insert(k.clone(), new));
            }
        }
        let link = next(head.as_deref())?;
        let written = link.rows[0].clone();
        let seq = link.seq;
        by_tree
            .entry(Tree::Audit)
            .or_default()
            .extend(link.rows.into_iter().map(|(k, v)| Op::Insert(k, v)));
        for (t, ops) in by_tree {
            self.write_ops(&mut tx, t, ops).map_err(|e| self.err(e))?;
        }
        tx.execute("SELECT pg_notify($1, $2)", &[&channel, &link.notice])
            .map_err(|e| self.err(e))?;
        match tx.commit() {
            Ok(()) => Ok(()),
            // The link went while the commit was asked: it may have been made or not.
            Err(lost) if lost.as_db_error().is_none() => self.committed_after_all(written, seq, lost),
            Err(other) => Err(self.err(other)),
        }
    }

    fn flush(&self) -> Result<()> {
        // Every statement is committed when it returns (synchronous_commit).
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::target::pgpass_lookup;
    use super::*;

    #[test]
    fn a_space_in_a_parameter_reaches_the_server_as_a_space() {
        let t = Target::parse("postgresql://b@h/d?options=-c%20search_path%3Dx&schema=s", None, "x").expect("parses");
        let config: postgres::Config = t.url.parse().expect("a config");
        assert_eq!(config.get_options(), Some("-c search_path=x"), "{}", t.url);
    }

    #[test]
    fn the_database_s_own_schemas_hold_no_dossier() {
        for s in ["public", "information_schema", "pg_temp"] {
            assert!(
                Target::parse(&format!("postgresql://b@h/d?schema={s}"), None, "x").is_err(),
                "{s}"
            );
        }
    }

    #[test]
    fn lock_keys_and_channels_fit_and_do_not_collide() {
        let t =
            |schema: &str| Target::parse(&format!("postgresql://b@h/d?schema={schema}"), None, "x").expect("parses");
        // These two schemas shared one 32-bit FNV-1a key.
        let (a, b) = (t("dossier_wjsrylkn"), t("dossier_jvdydvxs"));
        assert_ne!(a.lock_key(LOCK_CLASS), b.lock_key(LOCK_CLASS));
        assert_ne!(a.lock_key(LOCK_CLASS), a.lock_key(SCHEDULE_CLASS));
        // A channel fits the server's 63 bytes whatever the schema's length.
        let long = t(&"d".repeat(63));
        assert!(long.channel().len() <= 63, "{}", long.channel());
        assert_ne!(long.channel(), t(&"d".repeat(62)).channel());
    }

    #[test]
    fn the_schema_parameter_is_dagkas_own_and_the_password_is_never_shown() {
        let t = Target::parse(
            "postgresql://boek:geheim@db.example:5433/firma?schema=peeters&connect_timeout=3",
            None,
            "x",
        )
        .expect("parses");
        assert_eq!(t.schema, "peeters");
        assert!(!t.url.contains("schema="));
        assert!(t.url.contains("connect_timeout=3"));
        assert!(!t.shown().contains("geheim"), "{}", t.shown());
        assert!(!format!("{t:?}").contains("geheim"));
    }

    #[test]
    fn the_root_certificate_is_dagkas_own_and_libpq_checking_modes_mean_require() {
        let t = Target::parse(
            "postgresql://boek@db.example/firma?sslmode=verify-full&sslrootcert=/etc/ca.pem",
            None,
            "x",
        )
        .expect("parses");
        assert_eq!(t.root_cert.as_deref(), Some("/etc/ca.pem"));
        assert!(!t.url.contains("sslrootcert"), "{}", t.url);
        let config: postgres::Config = t.url.parse().expect("the driver reads it");
        assert_eq!(config.get_ssl_mode(), postgres::config::SslMode::Require);
        let plain = Target::parse("postgresql://boek@db.example/firma?sslmode=disable", None, "x").expect("parses");
        assert_eq!(plain.root_cert, None);
    }

    #[test]
    fn a_dossier_without_a_schema_gets_one_named_after_it() {
        let t = Target::parse("postgresql://db.example/firma", None, "Bakkerij Peeters & Zn.").expect("parses");
        assert_eq!(t.schema, "dossier_bakkerij_peeters_zn");
        assert!(Target::parse("postgresql://db.example/firma", Some("Peeters"), "x").is_err());
        assert!(Target::parse("postgresql://db.example/firma", Some("pg_catalog"), "x").is_err());
        assert!(Target::parse("/var/lib/dagkas", None, "x").is_err());
    }

    #[test]
    fn pgpass_lines_match_field_by_field_with_wildcards_and_escapes() {
        let text = "# comment\nother:5432:*:boek:nee\ndb.example:*:firma:boek:ja\\:wel\n*:*:*:*:laatste\n";
        assert_eq!(
            pgpass_lookup(text, &["db.example", "5433", "firma", "boek"]).as_deref(),
            Some("ja:wel")
        );
        assert_eq!(
            pgpass_lookup(text, &["elders", "1", "x", "y"]).as_deref(),
            Some("laatste")
        );
        assert_eq!(pgpass_lookup("a:b:c:d:e\n", &["x", "b", "c", "d"]), None);
    }
}
