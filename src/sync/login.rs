//! A Lightspeed source's login (`dagkas login`, `dagkas init`): the OAuth2
//! authorization-code flow in the browser or the terminal, and the token files it writes,
//! readable by their owner only.

use super::lightspeed::{lightspeed_settings, setting_or};
use super::*;
use crate::domain::text::{os_error, Text};

/// The refresh token file of a Lightspeed source, in the data dir (0600).
pub fn token_file(ledger: &Ledger, source: &str) -> PathBuf {
    token_file_in(ledger.store.dir(), source)
}

/// Write a secret file readable by its owner only, replacing it atomically.
pub fn write_secret_file(path: &std::path::Path, secret: &str) -> std::result::Result<(), Text> {
    use std::io::Write;
    let tmp = path.with_extension("tmp");
    let mut options = std::fs::OpenOptions::new();
    options.create(true).write(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let failed = |file: &std::path::Path| {
        let shown = file.display().to_string();
        move |e: std::io::Error| os_error(&e).at(shown)
    };
    let mut f = options.open(&tmp).map_err(failed(&tmp))?;
    f.write_all(secret.as_bytes())
        .and_then(|_| f.sync_all())
        .map_err(failed(&tmp))?;
    std::fs::rename(&tmp, path).map_err(failed(path))
}

/// `dagkas login SOURCE`: the OAuth2 authorization-code flow from the terminal. Prints the
/// URL to open; the code arrives on the redirect to 127.0.0.1 or is pasted on stdin.
pub fn login_lightspeed(ledger: &mut Ledger, s: &Source, author: &str, mut say: impl FnMut(&Text)) -> Result<()> {
    let file = token_file(ledger, &s.name);
    authorize_lightspeed(s, &file, &mut say)?;
    ledger.store.append_audit(NewEntry {
        author: author.into(),
        action: crate::store::audit::Action::Login.into(),
        reason: None,
        detail: serde_json::json!({"source": s.name, "token_file": file.display().to_string()}),
    })?;
    say(&crate::text!("syn-logged-refresh-token-0600", file = file.display()));
    Ok(())
}

/// The token file of a Lightspeed source in a data dir (before a store exists there).
pub fn token_file_in(data_dir: &std::path::Path, source: &str) -> PathBuf {
    data_dir.join(format!("lightspeed-{source}.token"))
}

/// The authorization-code flow from the terminal, the tokens written to `file` (0600).
pub fn authorize_lightspeed(s: &Source, file: &std::path::Path, say: &mut dyn FnMut(&Text)) -> Result<()> {
    let (client_secret, _, token_url, _, timeout) = lightspeed_settings(s)?;
    let client_id = s.settings.get("client_id").cloned().unwrap_or_default();
    let auth_url = setting_or(s, "auth_url", "https://cloud.lightspeedapp.com/auth/oauth/authorize");
    let redirect = setting_or(s, "redirect_uri", "http://127.0.0.1:8765/callback");
    let addr = redirect
        .strip_prefix("http://")
        .and_then(|r| r.split('/').next())
        .filter(|a| a.starts_with("127.0.0.1:") || a.starts_with("localhost:"))
        .ok_or_else(|| {
            LedgerError::Refused(format!("redirect_uri {redirect:?} must be http://127.0.0.1:PORT/…").into())
        })?
        .to_string();
    let state = {
        use sha2::{Digest, Sha256};
        let seed = format!("{}{:?}{}", std::process::id(), std::time::SystemTime::now(), s.name);
        format!("{:x}", Sha256::digest(seed.as_bytes()))[..24].to_string()
    };
    let enc = crate::pos::url_encode;
    let url = format!(
        "{auth_url}?response_type=code&client_id={}&scope={}&state={state}&redirect_uri={}",
        enc(&client_id),
        enc("employee:register_read"),
        enc(&redirect)
    );
    let listener = std::net::TcpListener::bind(&addr).map_err(|source| LedgerError::Io {
        path: addr.clone(),
        source,
    })?;
    listener.set_nonblocking(true).map_err(|source| LedgerError::Io {
        path: addr.clone(),
        source,
    })?;
    say(&crate::text!(
        "syn-open-this-address-browser",
        url = url,
        redirect = redirect
    ));
    // A pasted line, or `None` when the input has ended (no one is there to paste).
    let (tx, rx) = std::sync::mpsc::channel::<Option<String>>();
    std::thread::spawn(move || loop {
        let mut line = String::new();
        match std::io::stdin().read_line(&mut line) {
            Ok(0) | Err(_) => {
                let _ = tx.send(None);
                return;
            }
            Ok(_) if line.trim().is_empty() => continue,
            Ok(_) => {
                let _ = tx.send(Some(line.trim().to_string()));
                return;
            }
        }
    });
    let deadline = std::time::Instant::now() + Duration::from_secs(300);
    let code = loop {
        match rx.try_recv() {
            Ok(Some(pasted)) => {
                // A pasted redirect address or just the code; an address of another login
                // (its state differs) is refused.
                let param = |k: &str| {
                    pasted
                        .split(['?', '&'])
                        .find_map(|kv| kv.strip_prefix(&format!("{k}=")))
                        .map(str::to_string)
                };
                if param("state").is_some_and(|st| st != state) {
                    return Err(LedgerError::Refused(crate::text!("syn-this-not-answer-dagkas")));
                }
                break param("code").unwrap_or(pasted);
            }
            Ok(None) => {
                // The input ended (a script, `< /dev/null`, Ctrl-D): end instead of waiting.
                return Err(LedgerError::Refused(crate::text!(
                    "syn-login-input-ended",
                    source = s.name.clone()
                )));
            }
            Err(_) => {}
        }
        match listener.accept() {
            Ok((mut stream, _)) => {
                use std::io::{Read, Write};
                let _ = stream.set_nonblocking(false);
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                // The whole request line and headers, however the browser's packets fall:
                // bytes left unread when the answer closes the connection would make the
                // system reset it, and the browser would show an error instead of the page.
                let mut request_bytes = Vec::new();
                let mut buf = [0u8; 4096];
                while !request_bytes.windows(4).any(|w| w == b"\r\n\r\n") && request_bytes.len() < 16 * 1024 {
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => request_bytes.extend_from_slice(&buf[..n]),
                    }
                }
                let request = String::from_utf8_lossy(&request_bytes).to_string();
                let target = request.split_whitespace().nth(1).unwrap_or("").to_string();
                let query = target.split_once('?').map(|(_, q)| q.to_string()).unwrap_or_default();
                let param = |k: &str| {
                    query
                        .split('&')
                        .find_map(|kv| kv.strip_prefix(&format!("{k}=")))
                        .map(str::to_string)
                };
                let ok = param("state").as_deref() == Some(state.as_str()) && param("code").is_some();
                // The browser's page, in the person's language.
                let page = Text::id(if ok {
                    "syn-dagkas-logged-you-can"
                } else {
                    "syn-this-not-answer-dagkas"
                })
                .to_string();
                let _ = write!(stream, "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}", page.len());
                // Close our side first and let the browser close its own.
                let _ = stream.flush();
                let _ = stream.shutdown(std::net::Shutdown::Write);
                let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
                let _ = stream.read(&mut buf);
                if ok {
                    break param("code").unwrap_or_default();
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                if std::time::Instant::now() > deadline {
                    return Err(LedgerError::Refused(crate::text!(
                        "syn-no-authorization-arrived-within"
                    )));
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(source) => return Err(LedgerError::Io { path: addr, source }),
        }
    };
    let http = reqwest::Client::builder()
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| LedgerError::Refused(e.without_url().to_string().into()))?;
    let runtime = crate::io_runtime().map_err(|source| LedgerError::Io {
        path: "tokio".into(),
        source,
    })?;
    crate::pos::check_url(&token_url).map_err(LedgerError::Refused)?;
    let tokens = runtime
        .block_on(crate::pos::lightspeed::token_request(
            &http,
            &token_url,
            &[
                ("client_id", &client_id),
                ("client_secret", &client_secret),
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", &redirect),
            ],
        ))
        .map_err(|e| LedgerError::Refused(source_refused(&s.name, e)))?;
    let now = chrono::Utc::now().timestamp();
    write_secret_file(file, &tokens.file(now).render()).map_err(LedgerError::Refused)?;
    Ok(())
}
