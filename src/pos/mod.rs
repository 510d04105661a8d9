//! Point-of-sale sources, each mapping its API onto the §3 documents.

pub mod fake;
pub mod file;
pub mod lightspeed;
pub mod mplus;
pub mod xml;

/// What went wrong talking to a POS, in plain words and without secrets.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PosError {
    #[error("{}", crate::tr!("pos-err-config", reason = .0))]
    Config(String),
    #[error("{}", crate::tr!("pos-err-transport", reason = .0))]
    Transport(String),
    #[error("{}", crate::tr!("pos-err-http", status = .0, call = .1))]
    Http(u16, String),
    #[error("{}", crate::tr!("pos-err-fault", code = .code, message = .message))]
    Fault { code: String, message: String },
    #[error("{}", crate::tr!("pos-err-invalid", reason = .0))]
    Invalid(String),
    #[error("{}", crate::tr!("pos-err-too-large", mib = .0))]
    TooLarge(u64),
    #[error("{}", crate::tr!("pos-err-redirect", status = .0))]
    Redirect(u16),
}

/// The largest answer read from a POS by default (MiB); `max_body_mb` in the source changes it.
pub const MAX_BODY_MB: u64 = 64;

/// A request that did not reach the POS server, in plain words: the address asked (scheme,
/// host and port only: the path and query may hold a secret) and the cause (refused, a
/// name not found, TLS spoken to a plain server or the reverse, a timeout).
pub fn unreached(e: reqwest::Error, url: &str) -> PosError {
    let address = url::Url::parse(url)
        .ok()
        .map(|u| match u.port() {
            Some(p) => format!("{}://{}:{p}", u.scheme(), u.host_str().unwrap_or("")),
            None => format!("{}://{}", u.scheme(), u.host_str().unwrap_or("")),
        })
        .unwrap_or_default();
    let e = e.without_url();
    let mut chain = Vec::new();
    let mut source: Option<&dyn std::error::Error> = Some(&e);
    while let Some(s) = source {
        chain.push(s.to_string());
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::ConnectionRefused {
                return PosError::Transport(crate::tr!("pos-refused", address = address));
            }
        }
        source = s.source();
    }
    let all = chain.join(": ").to_lowercase();
    let cause = if e.is_timeout() {
        crate::tr!("pos-cause-timeout")
    } else if all.contains("connection refused") {
        return PosError::Transport(crate::tr!("pos-refused", address = address));
    } else if all.contains("dns error") || all.contains("failed to lookup") || all.contains("name or service not known")
    {
        crate::tr!("pos-cause-name")
    } else if all.contains("invalidcontenttype")
        || all.contains("corrupt message")
        || all.contains("wrong version number")
    {
        crate::tr!("pos-cause-not-tls")
    } else if all.contains("certificate") {
        crate::tr!(
            "pos-cause-certificate",
            reason = chain.last().cloned().unwrap_or_default()
        )
    } else {
        chain.last().cloned().unwrap_or_default()
    };
    PosError::Transport(crate::tr!("pos-unreached", address = address, cause = cause))
}

/// Read an answer, refusing one larger than `limit_mb` without holding more than that.
pub async fn read_capped(mut response: reqwest::Response, limit_mb: u64) -> Result<String, PosError> {
    let limit = (limit_mb as usize) << 20;
    if response.content_length().is_some_and(|n| n as usize > limit) {
        return Err(PosError::TooLarge(limit_mb));
    }
    let mut buf = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| {
        if e.is_timeout() {
            PosError::Transport(crate::tr!("pos-answer-timeout"))
        } else {
            PosError::Invalid(crate::tr!("pos-answer-broke-off", reason = e.without_url()))
        }
    })? {
        if buf.len() + chunk.len() > limit {
            return Err(PosError::TooLarge(limit_mb));
        }
        buf.extend_from_slice(&chunk);
    }
    String::from_utf8(buf).map_err(|_| PosError::Invalid(crate::tr!("pos-answer-not-utf8")))
}

impl PosError {
    /// Worth retrying: the network, the server's own errors, a broken answer.
    pub fn transient(&self) -> bool {
        match self {
            PosError::Transport(_) | PosError::Invalid(_) => true,
            PosError::Http(code, _) => *code >= 500 || *code == 429,
            PosError::Fault { code, .. } => code.starts_with("Server") || code.starts_with("SOAP-ENV:Server"),
            PosError::Config(_) | PosError::TooLarge(_) | PosError::Redirect(_) => false,
        }
    }
}

pub use crate::domain::origin::{check_url, same_origin};

/// Percent-encoding of a query value (RFC 3986 unreserved characters kept).
pub fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
