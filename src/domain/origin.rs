//! URLs that carry secrets (POS servers, token endpoints, webhooks): where they may point,
//! and which pages a server may send us on to. Parsed, never compared as text.
use super::text::Text;

/// A POS or notification URL that may carry secrets: `https`, or plain `http` only to this
/// machine's loopback (a local fake or test server). Userinfo (`user@host`) is refused: it
/// makes `http://127.0.0.1@other/` look local to a reader while it names another host.
pub fn check_url(url: &str) -> Result<url::Url, Text> {
    let parsed = url::Url::parse(url).map_err(|e| Text::Plain(format!("{url}: not a URL ({e})")))?;
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(Text::Plain(format!(
            "{}: a user name or password in the URL is refused (secrets come from the environment)",
            redact(&parsed)
        )));
    }
    let Some(host) = parsed.host() else {
        return Err(Text::Plain(format!("{url}: the URL names no host")));
    };
    match parsed.scheme() {
        "https" => Ok(parsed),
        "http" if is_loopback(&host) => Ok(parsed),
        _ => Err(Text::Plain(format!(
            "{url}: the server must use https (plain http only on 127.0.0.1)"
        ))),
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
fn redact(url: &url::Url) -> String {
    let mut u = url.clone();
    let _ = u.set_username("");
    let _ = u.set_password(None);
    u.to_string()
}

/// A URL handed to us by a server (a `next` page, a location) may be followed with our
/// token only when it has the origin of `base`: the same scheme, host and port, parsed,
/// never compared as text, and without userinfo.
pub fn same_origin(base: &url::Url, url: &str) -> Result<url::Url, Text> {
    let parsed = url::Url::parse(url).map_err(|_| crate::text!("url-page-address-that-not"))?;
    let userinfo = !parsed.username().is_empty() || parsed.password().is_some();
    let same = parsed.scheme() == base.scheme()
        && parsed.host() == base.host()
        && parsed.port_or_known_default() == base.port_or_known_default();
    if userinfo || !same {
        return Err(crate::text!(
            "url-page-another-origin-was",
            origin = parsed.origin().ascii_serialization(),
            base = base.origin().ascii_serialization()
        ));
    }
    Ok(parsed)
}
