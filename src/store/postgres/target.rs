//! Where a dossier's database is: the address read and checked, shown without its
//! password, and the connection made (TLS whenever the server offers it, the password from
//! the environment or `~/.pgpass`).

use super::*;

/// A dossier's place in a database: the connection URL and the dossier's schema.
#[derive(Clone, PartialEq, Eq)]
pub struct Target {
    /// The URL without the `schema` and `sslrootcert` parameters, which dagkas reads itself.
    pub(super) url: String,
    pub schema: String,
    /// The certificate authorities (PEM) a server's certificate is checked against, instead
    /// of the system's (libpq's `sslrootcert`).
    pub(super) root_cert: Option<String>,
    /// The dossier's name, recorded in its schema and checked on every open: two dossiers
    /// whose names fold to one default schema never share it (decision 78).
    pub(super) dossier: String,
    /// The schema was named (`schema`, `?schema=`), not derived from the dossier's name: a
    /// renamed dossier keeps its schema.
    pub(super) named: bool,
    /// Opened by its address alone: a schema that holds no dossier is not made (a mistyped
    /// name would otherwise leave an empty one behind).
    pub(super) existing: bool,
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.shown())
    }
}

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
    pub(super) fn channel(&self) -> String {
        format!("dagkas_{:016x}", self.lock_key("channel") as u64)
    }

    /// The advisory lock key of the dossier for `class`: 64 bits of SHA-256 of the class and
    /// the schema name, the same on every machine (a 32-bit key let two schemas collide and
    /// one dossier's sync wait for another's).
    pub(super) fn lock_key(&self, class: &str) -> i64 {
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
    pub(super) fn tls(&self) -> std::result::Result<tokio_postgres_rustls::MakeRustlsConnect, Text> {
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
pub(super) fn plain(e: &postgres::Error) -> Text {
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

pub(super) fn db_error(target: &Target, e: postgres::Error) -> StoreError {
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
pub(super) fn password_for(config: &postgres::Config) -> Option<String> {
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
pub(super) fn pgpass_lookup(text: &str, wanted: &[&str; 4]) -> Option<String> {
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
