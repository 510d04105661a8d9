//! Point-of-sale sources, each mapping its API onto the §3 documents.

pub mod fake;
pub mod file;
pub mod lightspeed;
pub mod mplus;
pub mod xml;

use crate::domain::text::Text;

/// What went wrong talking to a POS, without secrets. It says so in the person's
/// language only when shown ([`PosError::text`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PosError {
    Config(Text),
    Transport(Text),
    /// An HTTP status, and the call that got it.
    Http(u16, Text),
    /// A SOAP fault: the server's code and its own words.
    Fault {
        code: String,
        message: Text,
    },
    Invalid(Text),
    TooLarge(u64),
    Redirect(u16),
}

impl PosError {
    /// What went wrong, for a person.
    pub fn text(&self) -> Text {
        use crate::text;
        match self {
            PosError::Config(reason) => text!("pos-err-config", reason = reason),
            PosError::Transport(reason) => text!("pos-err-transport", reason = reason),
            PosError::Http(status, call) => text!("pos-err-http", status = status, call = call),
            PosError::Fault { code, message } => text!("pos-err-fault", code = code, message = message),
            PosError::Invalid(reason) => text!("pos-err-invalid", reason = reason),
            PosError::TooLarge(mib) => text!("pos-err-too-large", mib = mib),
            PosError::Redirect(status) => text!("pos-err-redirect", status = status),
        }
    }
}

impl std::fmt::Display for PosError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.text().fmt(f)
    }
}

impl std::error::Error for PosError {}

impl From<PosError> for Text {
    fn from(e: PosError) -> Text {
        e.text()
    }
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
                return PosError::Transport(crate::text!("pos-refused", address = address));
            }
        }
        source = s.source();
    }
    let all = chain.join(": ").to_lowercase();
    let cause = if e.is_timeout() {
        crate::text!("pos-cause-timeout")
    } else if all.contains("connection refused") {
        return PosError::Transport(crate::text!("pos-refused", address = address));
    } else if all.contains("dns error") || all.contains("failed to lookup") || all.contains("name or service not known")
    {
        crate::text!("pos-cause-name")
    } else if all.contains("invalidcontenttype")
        || all.contains("corrupt message")
        || all.contains("wrong version number")
    {
        crate::text!("pos-cause-not-tls")
    } else if all.contains("certificate") {
        crate::text!(
            "pos-cause-certificate",
            reason = chain.last().cloned().unwrap_or_default()
        )
    } else {
        Text::Plain(chain.last().cloned().unwrap_or_default())
    };
    PosError::Transport(crate::text!("pos-unreached", address = address, cause = cause))
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
            PosError::Transport(crate::text!("pos-answer-timeout"))
        } else {
            PosError::Invalid(crate::text!("pos-answer-broke-off", reason = e.without_url()))
        }
    })? {
        if buf.len() + chunk.len() > limit {
            return Err(PosError::TooLarge(limit_mb));
        }
        buf.extend_from_slice(&chunk);
    }
    String::from_utf8(buf).map_err(|_| PosError::Invalid(crate::text!("pos-answer-not-utf8")))
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
