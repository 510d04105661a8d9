//! Point-of-sale sources, each mapping its API onto the §3 documents.

pub mod fake;
pub mod file;
pub mod lightspeed;
pub mod mplus;
pub mod xml;

/// What went wrong talking to a POS, in plain words and without secrets.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PosError {
    #[error("configuration: {0}")]
    Config(String),
    #[error("could not reach the POS server: {0}")]
    Transport(String),
    #[error("the POS server answered HTTP {0} to {1}")]
    Http(u16, String),
    #[error("the POS server refused the call: {code}: {message}")]
    Fault { code: String, message: String },
    #[error("the POS server's answer is unusable: {0}")]
    Invalid(String),
    #[error("the POS server's answer is larger than {0} MiB; refused")]
    TooLarge(u64),
    #[error("the POS server redirected the call elsewhere (HTTP {0}); redirects are refused")]
    Redirect(u16),
}

/// The largest answer read from a POS by default (MiB); `max_body_mb` in the source changes it.
pub const MAX_BODY_MB: u64 = 64;

/// Read an answer, refusing one larger than `limit_mb` without holding more than that.
pub async fn read_capped(mut response: reqwest::Response, limit_mb: u64) -> Result<String, PosError> {
    let limit = (limit_mb as usize) << 20;
    if response.content_length().is_some_and(|n| n as usize > limit) {
        return Err(PosError::TooLarge(limit_mb));
    }
    let mut buf = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| {
        if e.is_timeout() {
            PosError::Transport("the answer did not arrive in time (timeout while reading it)".into())
        } else {
            PosError::Invalid(format!("the answer broke off ({})", e.without_url()))
        }
    })? {
        if buf.len() + chunk.len() > limit {
            return Err(PosError::TooLarge(limit_mb));
        }
        buf.extend_from_slice(&chunk);
    }
    String::from_utf8(buf).map_err(|_| PosError::Invalid("the answer is not UTF-8".into()))
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

/// A POS or notification URL that may carry secrets: `https`, or plain `http` only to this
/// machine's loopback (a local fake or test server). Userinfo (`user@host`) is refused: it
/// makes `http://127.0.0.1@other/` look local to a reader while it names another host.
pub fn check_url(url: &str) -> Result<reqwest::Url, String> {
    let parsed = reqwest::Url::parse(url).map_err(|e| format!("{url}: not a URL ({e})"))?;
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(format!(
            "{}: a user name or password in the URL is refused (secrets come from the environment)",
            redact(&parsed)
        ));
    }
    let Some(host) = parsed.host() else {
        return Err(format!("{url}: the URL names no host"));
    };
    match parsed.scheme() {
        "https" => Ok(parsed),
        "http" if is_loopback(&host) => Ok(parsed),
        _ => Err(format!(
            "{url}: the server must use https (plain http only on 127.0.0.1)"
        )),
    }
}

fn is_loopback(host: &url::Host<&str>) -> bool {
    match host {
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
        url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
    }
}

/// A URL without its user name and password, for messages.
fn redact(url: &reqwest::Url) -> String {
    let mut u = url.clone();
    let _ = u.set_username("");
    let _ = u.set_password(None);
    u.to_string()
}

/// A URL handed to us by a server (a `next` page, a location) may be followed with our
/// token only when it has the origin of `base`: the same scheme, host and port, parsed,
/// never compared as text, and without userinfo.
pub fn same_origin(base: &reqwest::Url, url: &str) -> Result<reqwest::Url, String> {
    let parsed = reqwest::Url::parse(url).map_err(|_| "a page address that is not a URL was refused".to_string())?;
    let userinfo = !parsed.username().is_empty() || parsed.password().is_some();
    let same = parsed.scheme() == base.scheme()
        && parsed.host() == base.host()
        && parsed.port_or_known_default() == base.port_or_known_default();
    if userinfo || !same {
        return Err(format!(
            "a page on another origin ({}) was refused: the token is only sent to {}",
            parsed.origin().ascii_serialization(),
            base.origin().ascii_serialization()
        ));
    }
    Ok(parsed)
}

/// Percent-encoding of a query value (RFC 3986 unreserved characters kept).
pub fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
