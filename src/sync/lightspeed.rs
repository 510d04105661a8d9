//! The Lightspeed connector's run: its settings and secret, its tokens refreshed, the sales
//! since its cursor. Its login and token files are `login.rs`.

use super::*;

/// Sales updated since `since`, mapped onto §3 documents, and the latest `updatetime`.
pub fn fetch_lightspeed(
    client: &mut crate::pos::lightspeed::LightspeedClient,
    cal: &BusinessCalendar,
    since: Option<&str>,
    shop: Option<&str>,
) -> Fetched<Option<String>> {
    let (registers, sales, latest) = runtime()?.block_on(async {
        let registers = client.registers().await?;
        let (sales, latest) = client.sales(since, shop).await?;
        Ok::<_, crate::pos::PosError>((registers, sales, latest))
    })?;
    let mut docs = Vec::new();
    let mut ignored = Vec::new();
    for sale in &sales {
        match crate::pos::lightspeed::sale_document(sale, &registers) {
            Ok(Some(d)) => docs.push(d),
            Ok(None) => {}
            Err(e) => ignored.push(Unread {
                what: "sale",
                id: crate::pos::lightspeed::text(sale, "saleID").unwrap_or_else(|| "?".into()),
                date: crate::pos::lightspeed::text(sale, "completeTime")
                    .and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
                    .map(|t| cal.business_date(&t)),
                reason: e,
                received: sale.to_string(),
            }),
        }
    }
    Ok((docs, ignored, latest))
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct SaleCursor {
    pub(super) updatetime: Option<String>,
}

/// A setting of a source, or its default.
pub(super) fn setting_or(s: &Source, key: &str, default: &str) -> String {
    s.settings.get(key).cloned().unwrap_or_else(|| default.into())
}

pub(super) fn lightspeed_settings(s: &Source) -> Result<(String, String, String, String, Duration)> {
    let secret = crate::settings::read_secret(
        s.settings.get("client_secret_env").map(String::as_str),
        s.settings.get("client_secret_file").map(PathBuf::from).as_deref(),
    )
    .map_err(|e| LedgerError::Refused(source_refused(&s.name, e)))?;
    let api = setting_or(s, "api_url", "https://api.lightspeedapp.com");
    let token = setting_or(s, "token_url", "https://cloud.lightspeedapp.com/auth/oauth/token");
    let timeout = s.settings.get("timeout").and_then(|t| parse_interval(t)).unwrap_or(120);
    Ok((
        secret,
        api,
        token,
        s.settings.get("account_id").cloned().unwrap_or_default(),
        Duration::from_secs(timeout),
    ))
}

/// Ask a Lightspeed source for the sales updated since the cursor; completed ones are
/// tickets, voided ones voids. `file` holds its tokens.
pub(super) fn ask_lightspeed(
    p: &Planned,
    cal: &BusinessCalendar,
    file: &std::path::Path,
) -> std::result::Result<Brought, Trouble> {
    let s = &p.source;
    let (client_secret, api, token_url, account, timeout) = lightspeed_settings(s)?;
    // The token file holds the newest refresh token (they rotate) and the access token with
    // its expiry; the environment is for a first run.
    let tokens = if file.exists() {
        crate::settings::read_secret(None, Some(file))
            .map(|t| crate::pos::lightspeed::TokenFile::parse(&t))
            .map_err(|e| LedgerError::Refused(source_refused(&s.name, e)))?
    } else if let Some(var) = s.settings.get("refresh_token_env") {
        let refresh = std::env::var(var).map_err(|_| {
            LedgerError::Refused(crate::text!(
                "syn-source-no-refresh-token",
                name = format!("{:?}", s.name),
                var = var,
                name2 = s.name
            ))
        })?;
        crate::pos::lightspeed::TokenFile {
            refresh_token: refresh,
            ..Default::default()
        }
    } else {
        return Err(LedgerError::Refused(crate::text!(
            "syn-source-not-logged-run",
            name = format!("{:?}", s.name),
            name2 = s.name
        ))
        .into());
    };
    let save_to = file.to_path_buf();
    let mut client = crate::pos::lightspeed::LightspeedClient::new(
        &api,
        &token_url,
        &account,
        s.settings.get("client_id").map(String::as_str).unwrap_or(""),
        &client_secret,
        tokens,
        timeout,
        Box::new(move |t| write_secret_file(&save_to, &t.render())),
    )
    .map_err(|e| LedgerError::Refused(source_refused(&s.name, e)))?;
    client.max_body_mb = max_body(s);
    let cursor: SaleCursor = cursor_of(p)?;
    let shop = s.settings.get("location").filter(|l| l.as_str() != "all").cloned();
    // The first run asks only for what the day books can use: from the earliest start, less
    // two days for the cutoff and the time zones (sales are filtered on `updatetime`, which
    // is never before the sale was completed).
    let first_bound = p
        .receipts_from
        .checked_sub_days(chrono::Days::new(2))
        .map(|d| format!("{d}T00:00:00+00:00"));
    let since = cursor.updatetime.clone().or(first_bound);
    let (docs, unread, latest) = fetch_lightspeed(&mut client, cal, since.as_deref(), shop.as_deref())?;
    let next = SaleCursor { updatetime: latest };
    let detail = serde_json::json!({
        "updatetime": next.updatetime,
        "throttled": client.throttled,
        "slowed": client.slowed,
        "refreshes": client.refreshes,
    });
    Ok(Brought::new(p, cal, docs, unread, &cursor, &next, detail))
}
