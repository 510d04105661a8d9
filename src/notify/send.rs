//! The channels: e-mail over SMTP (STARTTLS, TLS, or plain to a relay on this machine)
//! with a plain-text body and an HTML alternative, and a JSON POST to an https webhook.
//! Secrets come from the environment; no error message carries one.

use std::time::Duration;

use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{SmtpTransport, Transport};

use super::Message;
use crate::domain::config::{Channel, Notify, SmtpTls};
use crate::i18n::Lang;

/// How long a server may take to answer (`DAGKAS_NOTIFY_TIMEOUT_S`, default 20 s).
fn timeout() -> Duration {
    let secs = std::env::var("DAGKAS_NOTIFY_TIMEOUT_S")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or(20);
    Duration::from_secs(secs.max(1))
}

/// Send one message through an entry's channel; what the server said, or why it failed.
pub fn deliver(entry: &Notify, lang: &Lang, dossier: &str, message: &Message) -> Result<String, String> {
    let footer = lang.t("footer", &[("dossier", dossier.to_string())]);
    match &entry.channel {
        Channel::Email {
            to,
            from,
            host,
            port,
            tls,
            user,
            password_env,
        } => email(
            to,
            from,
            host,
            *port,
            *tls,
            user.as_deref(),
            password_env.as_deref(),
            message,
            &footer,
        ),
        Channel::Webhook { url, secret_env } => webhook(url, secret_env.as_deref(), dossier, lang, message, &footer),
    }
}

fn secret(var: &str) -> Result<String, String> {
    std::env::var(var).map_err(|_| crate::tr!("ntf-environment-variable-not-set", var = var))
}

#[allow(clippy::too_many_arguments)]
fn email(
    to: &[String],
    from: &str,
    host: &str,
    port: u16,
    tls: SmtpTls,
    user: Option<&str>,
    password_env: Option<&str>,
    message: &Message,
    footer: &str,
) -> Result<String, String> {
    let mailbox = |a: &str| {
        a.parse::<Mailbox>()
            .map_err(|e| format!("{a:?} is not an e-mail address: {e}"))
    };
    let mut builder = lettre::Message::builder()
        .from(mailbox(from)?)
        .subject(message.subject.clone());
    for t in to {
        builder = builder.to(mailbox(t)?);
    }
    let mail = builder
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(message.text(footer)),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(message.html(footer)),
                ),
        )
        .map_err(|e| crate::tr!("ntf-message-could-not-be", e = e))?;
    let transport = match tls {
        SmtpTls::StartTls => SmtpTransport::starttls_relay(host),
        SmtpTls::Tls => SmtpTransport::relay(host),
        SmtpTls::None => Ok(SmtpTransport::builder_dangerous(host)),
    }
    .map_err(|e| format!("SMTP server {host}: {e}"))?
    .port(port)
    .timeout(Some(timeout()));
    let transport = match (user, password_env) {
        (Some(u), Some(var)) => transport.credentials(Credentials::new(u.to_string(), secret(var)?)),
        _ => transport,
    }
    .build();
    match transport.send(&mail) {
        Ok(response) => Ok(format!(
            "{} {}",
            response.code(),
            response.message().collect::<Vec<_>>().join(" ")
        )),
        Err(e) => Err(format!("SMTP server {host}:{port}: {e}")),
    }
}

fn webhook(
    url: &str,
    secret_env: Option<&str>,
    dossier: &str,
    lang: &Lang,
    message: &Message,
    footer: &str,
) -> Result<String, String> {
    crate::domain::origin::check_url(url).map_err(|e| e.to_string())?;
    let body = serde_json::json!({
        "dossier": dossier,
        "kind": message.kind,
        "language": lang.code(),
        "subject": message.subject,
        "text": message.text(footer),
        "data": message.data,
    });
    let token = secret_env.map(secret).transpose()?;
    let runtime = crate::io_runtime().map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let http = reqwest::Client::builder()
            .timeout(timeout())
            // A redirect could carry the token elsewhere: never followed.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| e.without_url().to_string())?;
        let mut request = http
            .post(url)
            .header("Content-Type", "application/json")
            .body(body.to_string());
        if let Some(t) = &token {
            request = request.bearer_auth(t);
        }
        let response = request
            .send()
            .await
            .map_err(|e| format!("webhook: {}", e.without_url()))?;
        let status = response.status();
        if status.is_redirection() {
            return Err(crate::tr!(
                "ntf-webhook-answered-http-redirect",
                status = status.as_u16()
            ));
        }
        if !status.is_success() {
            return Err(crate::tr!("ntf-webhook-answered-http", status = status.as_u16()));
        }
        Ok(format!("HTTP {}", status.as_u16()))
    })
}
