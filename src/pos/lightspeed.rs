//! The Lightspeed Retail (R-series) connector: REST/JSON V3 with OAuth2 (authorization code,
//! rotating refresh tokens), cursor pagination through `@attributes.next`, the leaky-bucket
//! rate limit (bucket headers, 429 with Retry-After). Completed sales become tickets, voided
//! ones voids; archived payments do not count; tips are the payments' `tipAmount`.

use std::collections::HashMap;
use std::time::Duration;

use chrono::DateTime;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;

use super::mplus::check_url;
use super::PosError;
use crate::domain::document::{Document, Line, Moment, Payment, Ticket, Void};

/// Sale relations the mapping needs, and no more (each costs drips).
pub const RELATIONS: &str = r#"["SaleLines","SaleLines.TaxClass","SalePayments","SalePayments.PaymentType"]"#;

/// Stores a new refresh token (rotation: the newest must survive a crash).
pub type SaveRefresh = Box<dyn FnMut(&str) -> Result<(), String> + Send>;

pub struct Tokens {
    pub access: String,
    pub refresh: String,
}

/// A connection to one Lightspeed account.
pub struct LightspeedClient {
    http: reqwest::Client,
    api_url: String,
    token_url: String,
    account_id: String,
    client_id: String,
    client_secret: String,
    refresh: String,
    access: Option<String>,
    /// Called with every new refresh token before it is used (rotation: keep the newest).
    save_refresh: SaveRefresh,
    pub tries: u32,
    pub backoff: Duration,
    /// Requests answered 429 (for the sync log).
    pub throttled: u32,
    pub max_body_mb: u64,
}

fn text(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn dec(v: &Value, key: &str) -> Result<Decimal, String> {
    let t = text(v, key).ok_or_else(|| format!("missing {key}"))?;
    t.parse::<Decimal>().map_err(|_| format!("{key} {t:?} is not a number"))
}

/// A relation that holds one object or a list of them (Lightspeed sends both shapes).
pub fn one_or_many<'a>(v: Option<&'a Value>, item: &str) -> Vec<&'a Value> {
    match v.and_then(|x| x.get(item)) {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(o @ Value::Object(_)) => vec![o],
        _ => Vec::new(),
    }
}

fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Exchange an authorization code or a refresh token at the token endpoint.
pub async fn token_request(http: &reqwest::Client, token_url: &str, form: &[(&str, &str)]) -> Result<Tokens, PosError> {
    let body: serde_json::Map<String, Value> = form
        .iter()
        .map(|(k, v)| (k.to_string(), Value::String(v.to_string())))
        .collect();
    let response = http
        .post(token_url)
        .header("Content-Type", "application/json")
        .body(Value::Object(body).to_string())
        .send()
        .await
        .map_err(|e| PosError::Transport(e.without_url().to_string()))?;
    let status = response.status();
    let text_body = response
        .text()
        .await
        .map_err(|e| PosError::Invalid(format!("token answer broke off ({})", e.without_url())))?;
    let v: Value =
        serde_json::from_str(&text_body).map_err(|_| PosError::Invalid("token answer is not JSON".into()))?;
    if !status.is_success() {
        let err = text(&v, "error").unwrap_or_else(|| status.as_u16().to_string());
        return Err(PosError::Fault {
            code: format!("oauth {err}"),
            message: "the authorization was refused; run dagkas login again".into(),
        });
    }
    match (text(&v, "access_token"), text(&v, "refresh_token")) {
        (Some(access), Some(refresh)) => Ok(Tokens { access, refresh }),
        _ => Err(PosError::Invalid(
            "token answer without access_token and refresh_token".into(),
        )),
    }
}

impl LightspeedClient {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        api_url: &str,
        token_url: &str,
        account_id: &str,
        client_id: &str,
        client_secret: &str,
        refresh: &str,
        timeout: Duration,
        save_refresh: SaveRefresh,
    ) -> Result<LightspeedClient, PosError> {
        check_url(api_url).map_err(PosError::Config)?;
        check_url(token_url).map_err(PosError::Config)?;
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| PosError::Config(e.without_url().to_string()))?;
        Ok(LightspeedClient {
            http,
            api_url: api_url.trim_end_matches('/').to_string(),
            token_url: token_url.to_string(),
            account_id: account_id.to_string(),
            client_id: client_id.to_string(),
            client_secret: client_secret.to_string(),
            refresh: refresh.to_string(),
            access: None,
            save_refresh,
            tries: 5,
            backoff: Duration::from_millis(250),
            throttled: 0,
            max_body_mb: super::MAX_BODY_MB,
        })
    }

    async fn refresh_tokens(&mut self) -> Result<(), PosError> {
        let t = token_request(
            &self.http,
            &self.token_url,
            &[
                ("client_id", &self.client_id),
                ("client_secret", &self.client_secret),
                ("grant_type", "refresh_token"),
                ("refresh_token", &self.refresh),
            ],
        )
        .await?;
        // Rotation: the new refresh token is stored before the new access token is used.
        (self.save_refresh)(&t.refresh).map_err(PosError::Config)?;
        self.refresh = t.refresh;
        self.access = Some(t.access);
        Ok(())
    }

    /// GET a JSON document, with the access token, retries and the rate limit.
    pub async fn get(&mut self, url: &str) -> Result<Value, PosError> {
        if self.access.is_none() {
            self.refresh_tokens().await?;
        }
        // Failures of the network or the server count against `tries`; a 429 has its own
        // budget (it says when to come back), an expired token is refreshed once.
        let mut attempt = 0u32;
        let mut limited = 0u32;
        let mut refreshed = false;
        loop {
            let access = self.access.clone().unwrap_or_default();
            let sent = self
                .http
                .get(url)
                .bearer_auth(&access)
                .header("Accept", "application/json")
                .send()
                .await;
            let response = match sent {
                Ok(r) => r,
                Err(e) if attempt + 1 < self.tries => {
                    attempt += 1;
                    tracing::warn!("lightspeed: {}; retry {attempt}", e.without_url());
                    tokio::time::sleep(self.backoff * 2u32.pow(attempt - 1)).await;
                    continue;
                }
                Err(e) => return Err(PosError::Transport(e.without_url().to_string())),
            };
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
            if status == 401 && !refreshed {
                // An expired access token: refresh once and try again.
                refreshed = true;
                self.refresh_tokens().await?;
                continue;
            }
            if status == 429 && limited < 20 {
                limited += 1;
                self.throttled += 1;
                let wait = header("retry-after")
                    .and_then(|s| s.trim().parse::<f64>().ok())
                    .unwrap_or(1.0)
                    .clamp(0.0, 60.0);
                tracing::warn!("lightspeed: rate limited, waiting {wait} s");
                tokio::time::sleep(Duration::from_secs_f64(wait)).await;
                continue;
            }
            if status >= 500 && attempt + 1 < self.tries {
                attempt += 1;
                tracing::warn!("lightspeed: HTTP {status}; retry {attempt}");
                tokio::time::sleep(self.backoff * 2u32.pow(attempt - 1)).await;
                continue;
            }
            if !(200..300).contains(&status) {
                return Err(PosError::Http(status, "a Lightspeed request".into()));
            }
            if (300..400).contains(&status) {
                return Err(PosError::Redirect(status));
            }
            let body = match super::read_capped(response, self.max_body_mb).await {
                Ok(b) => b,
                Err(e) if e.transient() && attempt + 1 < self.tries => {
                    attempt += 1;
                    tracing::warn!("lightspeed: {e}; retry {attempt}");
                    tokio::time::sleep(self.backoff * 2u32.pow(attempt - 1)).await;
                    continue;
                }
                Err(e) => return Err(e),
            };
            let value: Value = match serde_json::from_str(&body) {
                Ok(v) => v,
                Err(_) if attempt + 1 < self.tries => {
                    attempt += 1;
                    tracing::warn!("lightspeed: unusable answer; retry {attempt}");
                    tokio::time::sleep(self.backoff * 2u32.pow(attempt - 1)).await;
                    continue;
                }
                Err(e) => return Err(PosError::Invalid(format!("not JSON: {e}"))),
            };
            // Leaky bucket: slow down before the bucket overflows.
            if let Some(level) = header("x-ls-api-bucket-level") {
                if let Some((used, size)) = level.split_once('/') {
                    let (used, size) = (used.parse::<f64>().unwrap_or(0.0), size.parse::<f64>().unwrap_or(90.0));
                    let drip = header("x-ls-api-drip-rate")
                        .and_then(|d| d.parse::<f64>().ok())
                        .unwrap_or(1.0)
                        .max(0.1);
                    if size > 0.0 && used / size > 0.8 {
                        tokio::time::sleep(Duration::from_secs_f64(((used - size * 0.5) / drip).clamp(0.0, 30.0)))
                            .await;
                    }
                }
            }
            return Ok(value);
        }
    }

    fn account_url(&self, what: &str) -> String {
        format!("{}/API/V3/Account/{}/{what}", self.api_url, self.account_id)
    }

    /// Register id → name (so users can ignore e.g. `eCom`).
    pub async fn registers(&mut self) -> Result<HashMap<String, String>, PosError> {
        let url = format!("{}?limit=100", self.account_url("Register.json"));
        let v = self.get(&url).await?;
        let wrapper = Some(&v);
        Ok(one_or_many(wrapper, "Register")
            .into_iter()
            .filter_map(|r| Some((text(r, "registerID")?, text(r, "name").unwrap_or_default())))
            .collect())
    }

    /// Sales updated at or after `since` (all when `None`), following `next` to the end;
    /// returns them and the latest `updatetime` seen.
    pub async fn sales(
        &mut self,
        since: Option<&str>,
        shop: Option<&str>,
    ) -> Result<(Vec<Value>, Option<String>), PosError> {
        let enc = crate::pos::url_encode;
        let mut url = format!(
            "{}?load_relations={}&sort=saleID&limit=100",
            self.account_url("Sale.json"),
            enc(RELATIONS)
        );
        if let Some(s) = since {
            url.push_str(&format!("&updatetime={}", enc(&format!(">=,{s}"))));
        }
        if let Some(shop) = shop {
            url.push_str(&format!("&shopID={}", enc(shop)));
        }
        let mut out = Vec::new();
        let mut latest = since.map(str::to_string);
        let mut pages = 0;
        loop {
            pages += 1;
            if pages > 100_000 {
                return Err(PosError::Invalid("the pages never end".into()));
            }
            let v = self.get(&url).await?;
            for sale in one_or_many(Some(&v), "Sale") {
                if let Some(u) = text(sale, "updatetime") {
                    if latest.as_deref().is_none_or(|l| u.as_str() > l) {
                        latest = Some(u);
                    }
                }
                out.push(sale.clone());
            }
            let next = v.get("@attributes").and_then(|a| text(a, "next")).unwrap_or_default();
            if next.is_empty() {
                return Ok((out, latest));
            }
            // Follow `next` as given, but never to another host.
            if !next.starts_with(&self.api_url) {
                return Err(PosError::Invalid("a next page on another host was refused".into()));
            }
            url = next;
        }
    }
}

fn rate_key(line: &Value) -> Result<String, String> {
    let rate =
        (dec(line, "tax1Rate").unwrap_or_default() + dec(line, "tax2Rate").unwrap_or_default()) * Decimal::ONE_HUNDRED;
    let rate = rate.round_dp(3).normalize().to_string();
    let class = line
        .get("TaxClass")
        .and_then(|c| text(c, "name"))
        .filter(|n| !n.is_empty());
    Ok(match class {
        Some(c) => format!("{rate}/{c}"),
        None => rate,
    })
}

/// Map one sale. `None` for a sale that is not completed (still open at the register).
pub fn sale_document(sale: &Value, registers: &HashMap<String, String>) -> Result<Option<Document>, String> {
    let id = text(sale, "saleID")
        .filter(|s| !s.is_empty())
        .ok_or("sale without saleID")?;
    let moment = |key: &str| -> Result<Moment, String> {
        let t = text(sale, key).ok_or_else(|| format!("sale {id} without {key}"))?;
        DateTime::parse_from_rfc3339(&t)
            .map(Moment)
            .map_err(|_| format!("sale {id}: {key} {t:?} is not a time"))
    };
    if text(sale, "voided").as_deref() == Some("true") {
        let time = moment("updatetime").or_else(|_| moment("completeTime"))?;
        return Ok(Some(Document::Void(Void { id, time })));
    }
    if text(sale, "completed").as_deref() != Some("true") {
        return Ok(None);
    }
    let time = moment("completeTime")?;
    let register_id = text(sale, "registerID").unwrap_or_default();
    let register = registers.get(&register_id).cloned().unwrap_or(register_id);
    let mut lines = Vec::new();
    for l in one_or_many(sale.get("SaleLines"), "SaleLine") {
        lines.push(Line {
            vat: rate_key(l)?,
            amount: round2(dec(l, "calcTotal")?),
            vat_amount: None,
        });
    }
    let mut payments = Vec::new();
    let mut tip = Decimal::ZERO;
    for p in one_or_many(sale.get("SalePayments"), "SalePayment") {
        // Archived payments are essentially voided: they do not count.
        if text(p, "archived").as_deref() == Some("true") {
            continue;
        }
        let method = p
            .get("PaymentType")
            .and_then(|t| text(t, "name"))
            .or_else(|| text(p, "paymentTypeID"))
            .ok_or_else(|| format!("sale {id}: payment without type"))?;
        payments.push(Payment {
            method,
            amount: round2(dec(p, "amount")?),
            currency: None,
            foreign_amount: None,
        });
        tip += round2(
            p.get("tipAmount")
                .map(|_| dec(p, "tipAmount"))
                .transpose()?
                .unwrap_or_default(),
        );
    }
    // Line totals carry unrounded tax: put the rounding cents on the largest line.
    let paid: Decimal = payments.iter().map(|p| p.amount).sum();
    let sold: Decimal = lines.iter().map(|l| l.amount).sum();
    let diff = paid - tip - sold;
    if !diff.is_zero() {
        if diff.abs() > Decimal::new(5, 2) || lines.is_empty() {
            return Err(format!("sale {id}: lines {sold} + tips {tip} ≠ payments {paid}"));
        }
        if let Some(l) = lines.iter_mut().max_by_key(|l| l.amount.abs()) {
            l.amount += diff;
        }
    }
    Ok(Some(Document::Ticket(Ticket {
        id,
        branch: text(sale, "shopID").unwrap_or_default(),
        register,
        drawer: "0".into(),
        time,
        financial_date: None,
        lines,
        payments,
        tip,
        order: None,
        prepaid: None,
    })))
}
