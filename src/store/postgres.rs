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

mod schedule;
mod schemas;
pub use schedule::ScheduleLock;
pub use schemas::{dossier_schemas, kept_rows, Kept, FIRM_ROW};

/// A dossier's place in a database: the connection URL and the dossier's schema.
#[derive(Clone, PartialEq, Eq)]
pub struct Target {
    /// The URL without the `schema` and `sslrootcert` parameters, which dagkas reads itself.
    url: String,
    pub schema: String,
    /// The certificate authorities (PEM) a server's certificate is checked against, instead
    /// of the system's (libpq's `sslrootcert`).
    root_cert: Option<String>,
    /// The dossier's name, recorded in its schema and checked on every open: two dossiers
    /// whose names fold to one default schema never share it (decision 78).
    dossier: String,
    /// The schema was named (`schema`, `?schema=`), not derived from the dossier's name: a
    /// renamed dossier keeps its schema.
    named: bool,
    /// Opened by its address alone: a schema that holds no dossier is not made (a mistyped
    /// name would otherwise leave an empty one behind).
    existing: bool,
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.shown())
    }
}

/// What an advisory lock of a dossier is for: each its own 64-bit key (decision 78).
const LOCK_CLASS: &str = "dossier";
/// The transaction lock on a dossier's audit chain.
const CHAIN_CLASS: &str = "chain";
/// The lock on a dossier's sync schedule.
const SCHEDULE_CLASS: &str = "schedule";

/// The layout of the tables, recorded in `meta` beside the store's own schema number.
const TABLES_LAYOUT: u32 = 1;

/// Does this look like a PostgreSQL URL (and not a data dir)?
pub fn is_url(s: &str) -> bool {
    s.starts_with("postgresql://") || s.starts_with("postgres://")
}

/// A schema name from a dossier name: `Bakkerij Peeters` → `dossier_bakkerij_peeters`.
pub fn default_schema(dossier: &str) -> String {
    let mut out = String::from("dossier_");
    for c in dossier.chars() {
        match c.to_ascii_lowercase() {
            c @ ('a'..='z' | '0'..='9') => out.push(c),
            _ if !out.ends_with('_') => out.push('_'),
            _ => {}
        }
    }
    let trimmed = out.trim_end_matches('_');
    trimmed[..trimmed.len().min(63)].to_string()
}

pub use crate::domain::config::valid_schema;

impl Target {
    /// A target from a URL (which may carry `?schema=NAME`), else `schema`, else the schema
    /// named after the dossier. The error says what is wrong without repeating a password.
    pub fn parse(url: &str, schema: Option<&str>, dossier: &str) -> std::result::Result<Target, Text> {
        if !is_url(url) {
            return Err(crate::text!("pg-not-a-url"));
        }
        let mut parsed = url::Url::parse(url).map_err(|e| crate::text!("pg-bad-url", reason = e.to_string()))?;
        let (mut from_url, mut root_cert) = (None, None);
        let kept: Vec<(String, String)> = parsed
            .query_pairs()
            .filter_map(|(k, v)| match &*k {
                "schema" => {
                    from_url = Some(v.into_owned());
                    None
                }
                "sslrootcert" => {
                    root_cert = Some(v.into_owned());
                    None
                }
                // libpq's checking modes: the certificate is always checked here (decision 61).
                "sslmode" if v == "verify-ca" || v == "verify-full" => Some((k.into_owned(), "require".into())),
                _ => Some((k.into_owned(), v.into_owned())),
            })
            .collect();
        if kept.is_empty() {
            parsed.set_query(None);
        } else {
            parsed.query_pairs_mut().clear().extend_pairs(kept);
            // The form encoding writes a space as `+`, which libpq's URL reading keeps as a
            // plus (`options=-c search_path=…` reached the server as `-c+search_path`); a
            // plus of the text itself is `%2B` by then.
            let query = parsed.query().unwrap_or_default().replace('+', "%20");
            parsed.set_query(Some(&query));
        }
        let chosen = from_url.or_else(|| schema.map(str::to_string));
        let named = chosen.is_some();
        let schema = chosen.unwrap_or_else(|| default_schema(dossier));
        if !valid_schema(&schema) {
            return Err(crate::text!("pg-bad-schema", schema = format!("{schema:?}")));
        }
        let url = parsed.to_string();
        url.parse::<postgres::Config>()
            .map_err(|e| crate::text!("pg-bad-url", reason = e.to_string()))?;
        Ok(Target {
            url,
            schema,
            root_cert,
            dossier: dossier.to_string(),
            named,
            existing: false,
        })
    }

    /// The same target, opened only when its schema already holds a dossier.
    pub fn existing(self) -> Target {
        Target { existing: true, ..self }
    }

    /// The URL has a password in it (refused in a config file: secrets stay out of it).
    pub fn has_password(url: &str) -> bool {
        url::Url::parse(url).is_ok_and(|u| u.password().is_some())
            || url
                .parse::<postgres::Config>()
                .is_ok_and(|c| c.get_password().is_some())
    }

    /// `postgresql://user@host:port/db, schema NAME`: never the password.
    pub fn shown(&self) -> String {
        match url::Url::parse(&self.url) {
            Ok(mut u) => {
                let _ = u.set_password(None);
                u.set_query(None);
                format!("{u}, schema {}", self.schema)
            }
            Err(_) => format!("schema {}", self.schema),
        }
    }

    /// The NOTIFY channel of the dossier: a name that fits PostgreSQL's 63 bytes whatever
    /// the schema's length (a channel named after a 57-character schema was refused).
    fn channel(&self) -> String {
        format!("dagkas_{:016x}", self.lock_key("channel") as u64)
    }

    /// The advisory lock key of the dossier for `class`: 64 bits of SHA-256 of the class and
    /// the schema name, the same on every machine (a 32-bit key let two schemas collide and
    /// one dossier's sync wait for another's).
    fn lock_key(&self, class: &str) -> i64 {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(format!("dagkas {class} {}", self.schema).as_bytes());
        i64::from_be_bytes(digest[..8].try_into().expect("8 bytes"))
    }

    /// A session to the server, with the password from the environment or `~/.pgpass`.
    pub fn connect(&self, application: &str) -> Result<Client> {
        let mut config: postgres::Config = self
            .url
            .parse()
            .map_err(|e: postgres::Error| StoreError::Database(crate::text!("pg-bad-url", reason = e.to_string())))?;
        if config.get_password().is_none() {
            if let Some(pw) = password_for(&config) {
                config.password(pw);
            }
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        let name: String = application.chars().take(60).collect();
        config.application_name(&name);
        config.keepalives_idle(Duration::from_secs(30));
        let cannot = |reason: Text| {
            StoreError::Database(crate::text!(
                "pg-cannot-connect",
                target = self.shown(),
                reason = reason
            ))
        };
        let connected = if config.get_ssl_mode() == postgres::config::SslMode::Disable {
            config.connect(NoTls)
        } else {
            config.connect(self.tls().map_err(cannot)?)
        };
        connected.map_err(|e| {
            let reason = plain(&e);
            if matches!(&reason, Text::Plain(r) if r.contains("invalid peer certificate")) {
                cannot(Text::Seq(vec![
                    reason,
                    " (".into(),
                    crate::text!("pg-tls-hint"),
                    ")".into(),
                ]))
            } else {
                cannot(reason)
            }
        })
    }

    /// TLS whenever the server offers it (`sslmode=prefer`, libpq's default) or is required
    /// to: the server's certificate and name are always checked, against `sslrootcert` when
    /// given, else the system's authorities (decision 61).
    fn tls(&self) -> std::result::Result<tokio_postgres_rustls::MakeRustlsConnect, Text> {
        use rustls::pki_types::{pem::PemObject, CertificateDer};
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let builder = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?;
        let config = match &self.root_cert {
            Some(file) => {
                let mut roots = rustls::RootCertStore::empty();
                let certs = CertificateDer::pem_file_iter(file)
                    .and_then(|certs| certs.collect::<std::result::Result<Vec<_>, _>>())
                    .map_err(|e| crate::text!("pg-bad-root-cert", file = file, reason = e.to_string()))?;
                if certs.is_empty() {
                    return Err(crate::text!("pg-bad-root-cert", file = file, reason = "no certificate"));
                }
                for cert in certs {
                    roots
                        .add(cert)
                        .map_err(|e| crate::text!("pg-bad-root-cert", file = file, reason = e.to_string()))?;
                }
                builder.with_root_certificates(roots).with_no_client_auth()
            }
            None => {
                use rustls_platform_verifier::BuilderVerifierExt;
                builder
                    .with_platform_verifier()
                    .map_err(|e| e.to_string())?
                    .with_no_client_auth()
            }
        };
        Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
    }
}

/// A server error in plain words: the server's own message, or what happened to the link.
fn plain(e: &postgres::Error) -> Text {
    if let Some(db) = e.as_db_error() {
        return db.message().into();
    }
    if e.is_closed() {
        return crate::text!("pg-connection-lost");
    }
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text = format!("{text}: {s}");
        source = s.source();
    }
    text.into()
}

fn db_error(target: &Target, e: postgres::Error) -> StoreError {
    // A role the database lets read the dossier but not change it: said as such, with what
    // to ask for, whatever table the change reached first.
    if e.code() == Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE) {
        return StoreError::Database(crate::text!(
            "pg-read-only",
            target = target.shown(),
            schema = target.schema.clone()
        ));
    }
    StoreError::Database(crate::text!("pg-error", target = target.shown(), reason = plain(&e)))
}

/// The password for a session: `PGPASSWORD`, else the first matching line of the password
/// file (`PGPASSFILE`, else `~/.pgpass`), which libpq ignores unless only its owner can read it.
fn password_for(config: &postgres::Config) -> Option<String> {
    if let Ok(pw) = std::env::var("PGPASSWORD") {
        return Some(pw);
    }
    let file = std::env::var_os("PGPASSFILE")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".pgpass")))?;
    let meta = std::fs::metadata(&file).ok()?;
    if std::os::unix::fs::PermissionsExt::mode(&meta.permissions()) & 0o077 != 0 {
        tracing::warn!("{} is readable by others and is not used", file.display());
        return None;
    }
    let text = std::fs::read_to_string(&file).ok()?;
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        Some(Host::Unix(_)) | None => "localhost".to_string(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432).to_string();
    let user = config
        .get_user()
        .map(str::to_string)
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_default();
    let db = config.get_dbname().map(str::to_string).unwrap_or_else(|| user.clone());
    pgpass_lookup(&text, &[&host, &port, &db, &user])
}

/// The password of the first line of a `.pgpass` text whose four fields match (`*` matches
/// anything; `\:` and `\\` are escapes).
fn pgpass_lookup(text: &str, wanted: &[&str; 4]) -> Option<String> {
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => field.extend(chars.next()),
                ':' if fields.len() < 4 => fields.push(std::mem::take(&mut field)),
                c => field.push(c),
            }
        }
        fields.push(field);
        if fields.len() == 5 && fields[..4].iter().zip(wanted).all(|(f, w)| f == "*" || f == w) {
            return Some(fields[4].clone());
        }
    }
    None
}

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

/// What an open review screen knows of the dossier's last change, kept up to date by a
/// listener of its own (LISTEN, and a look every few seconds in case a notice was missed),
/// which reconnects after the server went away.
#[derive(Clone, Default)]
pub struct Listener {
    state: Arc<Mutex<Heard>>,
}

#[derive(Default)]
struct Heard {
    /// The last change, as `SEQ TIME AUTHOR ACTION`.
    latest: Option<String>,
    /// Why the database cannot be reached now.
    trouble: Option<String>,
    /// The record of the dossier's last sync run (JSON), whichever machine ran it.
    last_sync: Option<Vec<u8>>,
}

impl Listener {
    pub fn start(target: Target) -> Listener {
        let listener = Listener::default();
        let state = listener.state.clone();
        std::thread::spawn(move || loop {
            let trouble = match listen(&target, &state) {
                Ok(()) => return,
                Err(e) => e.to_string(),
            };
            state.lock().unwrap_or_else(|e| e.into_inner()).trouble = Some(trouble);
            std::thread::sleep(Duration::from_secs(2));
        });
        listener
    }

    fn heard(&self) -> std::sync::MutexGuard<'_, Heard> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The last change, as `SEQ TIME AUTHOR ACTION`.
    pub fn latest(&self) -> Option<String> {
        self.heard().latest.clone()
    }

    /// Why the database cannot be reached now, if it cannot.
    pub fn trouble(&self) -> Option<String> {
        self.heard().trouble.clone()
    }

    /// The record of the dossier's last sync run, as last read.
    pub fn last_sync(&self) -> Option<Vec<u8>> {
        self.heard().last_sync.clone()
    }
}

fn listen(target: &Target, state: &Arc<Mutex<Heard>>) -> Result<()> {
    let mut client = target.connect("dagkas (review screen listener)")?;
    let err = |e| db_error(target, e);
    client
        .batch_execute(&format!("LISTEN {}", target.channel()))
        .map_err(err)?;
    let last_sync = format!("SELECT v FROM {}.meta WHERE k = $1", target.schema);
    loop {
        let latest = newest_change(&mut client, target)?;
        let run = client
            .query_opt(&last_sync, &[&LAST_SYNC])
            .map_err(err)?
            .map(|r| r.get::<_, Vec<u8>>(0));
        {
            let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
            s.latest = latest;
            s.trouble = None;
            s.last_sync = run;
        }
        // A notice wakes the listener at once; the look above runs again after it.
        let mut notes = client.notifications();
        let mut waiting = notes.timeout_iter(Duration::from_secs(3));
        if let Err(e) = postgres::fallible_iterator::FallibleIterator::next(&mut waiting) {
            return Err(err(e));
        }
        if Arc::strong_count(state) == 1 {
            return Ok(());
        }
    }
}

/// The `meta` key of the record of the dossier's last sync run.
pub const LAST_SYNC: &[u8] = b"last_sync";

/// The newest audit entry of a dossier as a change line, read with a session of its own.
fn newest_change(client: &mut Client, target: &Target) -> Result<Option<String>> {
    let row = client
        .query_opt(
            &format!(
                "SELECT v FROM {}.audit WHERE length(k) = 8 ORDER BY k DESC LIMIT 1",
                target.schema
            ),
            &[],
        )
        .map_err(|e| db_error(target, e))?;
    Ok(row.and_then(|r| {
        let v: Vec<u8> = r.get(0);
        serde_json::from_slice::<super::audit::AuditEntry>(&v)
            .ok()
            .map(|e| super::change_line(&e))
    }))
}

/// The dossier's last change, read at once (a command, a screen after its own work).
pub fn last_change(target: &Target) -> Option<String> {
    let mut client = target.connect("dagkas").ok()?;
    newest_change(&mut client, target).ok().flatten()
}

#[cfg(test)]
mod tests {
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
        assert!(Target::has_password("postgresql://boek:geheim@db.example/firma"));
        assert!(!Target::has_password("postgresql://boek@db.example/firma"));
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
