//! The Lightspeed Retail (R-series) connector: REST/JSON V3 with OAuth2 (authorization code,
//! rotating refresh tokens, access tokens reused until shortly before they expire), cursor
//! pagination through `@attributes.next` on the API's own origin only, the leaky-bucket
//! rate limit (bucket headers, 429 with Retry-After). Completed sales become tickets, voided
//! ones voids; archived payments do not count; tips are the payments' `tipAmount`; gift-card
//! loads are voucher sales (R15) and credit-account deposits prepayments (R14).
//! `docs/connectors.md` lists what is asked and where each fact comes from.

use std::collections::HashMap;
use std::time::Duration;

use chrono::DateTime;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{check_url, same_origin, PosError};
use crate::domain::document::{Document, Line, Moment, Payment, Ticket, Void};
use crate::domain::text::Text;

/// Sale relations the mapping needs, and no more (each costs drips).
pub const RELATIONS: &str = r#"["SaleLines","SaleLines.TaxClass","SalePayments","SalePayments.PaymentType"]"#;

/// An access token is used until this many seconds before it expires, then refreshed.
pub const EXPIRY_MARGIN_S: i64 = 120;

/// The VAT key of a sale line the POS does not tax (`tax` is false).
pub const UNTAXED: &str = "0";

/// The token file of a source (0600 in the data dir): the newest refresh token, and the
/// access token with its expiry so that a run within the hour does not refresh again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenFile {
    pub refresh_token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    /// Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<i64>,
}

impl TokenFile {
    /// The file's text: JSON, or a bare refresh token (as written by earlier versions).
    pub fn parse(text: &str) -> TokenFile {
        let text = text.trim();
        serde_json::from_str(text).unwrap_or_else(|_| TokenFile {
            refresh_token: text.to_string(),
            ..TokenFile::default()
        })
    }

    pub fn render(&self) -> String {
        serde_json::to_string(self).expect("a token file serialises")
    }

    /// The access token, when it is still good for more than the margin at `now`.
    pub fn usable_access(&self, now: i64) -> Option<&str> {
        match (&self.access_token, self.expires_at) {
            (Some(a), Some(at)) if now + EXPIRY_MARGIN_S < at => Some(a),
            _ => None,
        }
    }
}

/// Stores the tokens after every grant (rotation: the newest refresh token must survive a crash).
pub type SaveTokens = Box<dyn FnMut(&TokenFile) -> Result<(), Text> + Send>;

pub struct Tokens {
    pub access: String,
    pub refresh: String,
    /// Seconds the access token lives, as the token endpoint says.
    pub expires_in: Option<i64>,
}

impl Tokens {
    pub fn file(&self, now: i64) -> TokenFile {
        TokenFile {
            refresh_token: self.refresh.clone(),
            access_token: Some(self.access.clone()),
            expires_at: self.expires_in.map(|s| now + s),
        }
    }
}

fn unix_now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// A connection to one Lightspeed account.
pub struct LightspeedClient {
    http: reqwest::Client,
    api: reqwest::Url,
    api_url: String,
    token_url: String,
    account_id: String,
    client_id: String,
    client_secret: String,
    tokens: TokenFile,
    access: Option<String>,
    /// Called with the tokens after every grant, before the new access token is used.
    save_tokens: SaveTokens,
    pub tries: u32,
    pub backoff: Duration,
    /// Requests answered 429 (for the sync log).
    pub throttled: u32,
    /// Times the client waited because the bucket was over 80 % full, and for how long.
    pub slowed: u32,
    pub slowed_for: Duration,
    /// Refresh grants made by this client (the docs ask for as few as possible).
    pub refreshes: u32,
    pub max_body_mb: u64,
}

/// A field of a record as text (numbers too), `None` when absent.
pub fn text(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn flag(v: &Value, key: &str) -> bool {
    text(v, key).as_deref() == Some("true")
}

/// A number of a record. One beyond what any price, total or rate can be (10^15) is refused
/// here, so that summing a sale's lines never overflows (a sale of two lines of 5·10^28
/// made the run panic): the sale is held for a person, never booked (decision 79).
fn dec(v: &Value, key: &str) -> Result<Decimal, Text> {
    let t = text(v, key).ok_or_else(|| format!("missing {key}"))?;
    let d = t
        .parse::<Decimal>()
        .or_else(|_| Decimal::from_scientific(&t))
        .map_err(|_| crate::text!("pos-not-number", key = key, t = format!("{:?}", t)))?;
    if d.abs() > Decimal::from(1_000_000_000_000_000i64) {
        return Err(crate::text!(
            "pos-number-out-of-range",
            key = key,
            t = format!("{:?}", t)
        ));
    }
    Ok(d)
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
    check_url(token_url).map_err(PosError::Config)?;
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
        .map_err(|e| super::unreached(e, token_url))?;
    let status = response.status();
    if status.is_redirection() {
        return Err(PosError::Redirect(status.as_u16()));
    }
    let text_body = response
        .text()
        .await
        .map_err(|e| PosError::Invalid(crate::text!("pos-token-answer-broke-off", reason = e.without_url())))?;
    let v: Value =
        serde_json::from_str(&text_body).map_err(|_| PosError::Invalid(crate::text!("pos-token-answer-not-json")))?;
    if !status.is_success() {
        let err = text(&v, "error").unwrap_or_else(|| status.as_u16().to_string());
        return Err(PosError::Fault {
            code: format!("oauth {err}"),
            message: crate::text!("pos-authorization-was-refused-run"),
        });
    }
    match (text(&v, "access_token"), text(&v, "refresh_token")) {
        (Some(access), Some(refresh)) => Ok(Tokens {
            access,
            refresh,
            expires_in: text(&v, "expires_in").and_then(|e| e.parse().ok()),
        }),
        _ => Err(PosError::Invalid(crate::text!("pos-token-answer-without-access"))),
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
        tokens: TokenFile,
        timeout: Duration,
        save_tokens: SaveTokens,
    ) -> Result<LightspeedClient, PosError> {
        let api = check_url(api_url).map_err(PosError::Config)?;
        check_url(token_url).map_err(PosError::Config)?;
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| PosError::Config(e.without_url().to_string().into()))?;
        let access = tokens.usable_access(unix_now()).map(str::to_string);
        Ok(LightspeedClient {
            http,
            api,
            api_url: api_url.trim_end_matches('/').to_string(),
            token_url: token_url.to_string(),
            account_id: account_id.to_string(),
            client_id: client_id.to_string(),
            client_secret: client_secret.to_string(),
            tokens,
            access,
            save_tokens,
            tries: 5,
            backoff: Duration::from_millis(250),
            throttled: 0,
            slowed: 0,
            slowed_for: Duration::ZERO,
            refreshes: 0,
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
                ("refresh_token", &self.tokens.refresh_token),
            ],
        )
        .await?;
        self.refreshes += 1;
        // Rotation: the new refresh token is stored before the new access token is used.
        let file = t.file(unix_now());
        (self.save_tokens)(&file).map_err(PosError::Config)?;
        self.tokens = file;
        self.access = Some(t.access);
        Ok(())
    }

    /// GET a JSON document, with the access token, retries and the rate limit. The URL must
    /// be on the API's origin: the bearer token never leaves for another one.
    pub async fn get(&mut self, url: &str) -> Result<Value, PosError> {
        let url = same_origin(&self.api, url).map_err(PosError::Invalid)?;
        // A stored token is taken only with time to spare (`usable_access`); one granted in
        // this run is used until the server says it expired (a 401 refreshes once per call).
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
                .get(url.clone())
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
                Err(e) => return Err(super::unreached(e, url.as_str())),
            };
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
            if status == 401 && !refreshed {
                // An expired or revoked access token: refresh once and try again.
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
            if (300..400).contains(&status) {
                return Err(PosError::Redirect(status));
            }
            if !(200..300).contains(&status) {
                return Err(PosError::Http(status, crate::text!("pos-lightspeed-request")));
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
                Err(e) => return Err(PosError::Invalid(format!("not JSON: {e}").into())),
            };
            if let Some(wait) = bucket_wait(header("x-ls-api-bucket-level"), header("x-ls-api-drip-rate")) {
                self.slowed += 1;
                self.slowed_for += wait;
                tracing::info!("lightspeed: bucket over 80 %, waiting {} ms", wait.as_millis());
                tokio::time::sleep(wait).await;
            }
            return Ok(value);
        }
    }

    fn account_url(&self, what: &str) -> String {
        format!("{}/API/V3/Account/{}/{what}", self.api_url, self.account_id)
    }

    /// Every page of a listing, following `next` as given (on the API's origin only) until
    /// it is empty; `each` sees every record of `item`.
    async fn list(&mut self, first: String, item: &str, mut each: impl FnMut(&Value)) -> Result<(), PosError> {
        let mut url = first;
        for _ in 0..100_000 {
            let v = self.get(&url).await?;
            for record in one_or_many(Some(&v), item) {
                each(record);
            }
            let next = v.get("@attributes").and_then(|a| text(a, "next")).unwrap_or_default();
            if next.is_empty() {
                return Ok(());
            }
            url = next;
        }
        Err(PosError::Invalid(crate::text!("pos-pages-never-end")))
    }

    /// Register id → name (so users can ignore e.g. `eCom`), archived registers included:
    /// a register archived after it sold still names its sales.
    pub async fn registers(&mut self) -> Result<HashMap<String, String>, PosError> {
        let url = format!("{}?archived=true&limit=100", self.account_url("Register.json"));
        let mut out = HashMap::new();
        self.list(url, "Register", |r| {
            if let Some(id) = text(r, "registerID") {
                out.insert(id, text(r, "name").unwrap_or_default());
            }
        })
        .await?;
        Ok(out)
    }

    /// Sales updated at or after `since` (a timestamp with offset), following `next` to the
    /// end; returns them and the latest `updatetime` seen.
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
        self.list(url, "Sale", |sale| {
            if let Some(u) = text(sale, "updatetime") {
                if latest.as_deref().is_none_or(|l| u.as_str() > l) {
                    latest = Some(u);
                }
            }
            out.push(sale.clone());
        })
        .await?;
        Ok((out, latest))
    }
}

/// Leaky bucket: above 80 % full, wait until it has drained to half (at the drip rate the
/// server names), at most 30 s.
fn bucket_wait(level: Option<String>, drip: Option<String>) -> Option<Duration> {
    let level = level?;
    let (used, size) = level.split_once('/')?;
    let (used, size) = (used.trim().parse::<f64>().ok()?, size.trim().parse::<f64>().ok()?);
    let drip = drip.and_then(|d| d.trim().parse::<f64>().ok()).unwrap_or(1.0).max(0.1);
    (size > 0.0 && used / size > 0.8).then(|| Duration::from_secs_f64(((used - size * 0.5) / drip).clamp(0.0, 30.0)))
}

/// The VAT key of a sale line: the rate as a percentage, `rate/class` when the line has a
/// tax class, and `0` for a line the POS does not tax (`tax` false: no tax applies).
fn rate_key(line: &Value) -> Result<String, Text> {
    if text(line, "tax").as_deref() == Some("false") {
        return Ok(UNTAXED.to_string());
    }
    // An absent rate is none; one that is not a number, or out of range, is an error.
    let rate_of = |key: &str| line.get(key).map_or(Ok(Decimal::ZERO), |_| dec(line, key));
    let rate = (rate_of("tax1Rate")? + rate_of("tax2Rate")?) * Decimal::ONE_HUNDRED;
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

/// What a payment of a reserved type does to the book.
fn payment_type(p: &Value) -> String {
    p.get("PaymentType")
        .and_then(|t| text(t, "type"))
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Map one sale. `None` for a sale that is not completed (still open at the register) or
/// that moves no money.
///
/// Reserved payment types (decision 35): a negative `gift card` payment loads a card (a
/// voucher sold, R15: turnover on the `giftcard` key); a negative `credit account` payment
/// is a deposit on a customer account (layaway, store credit, paying off a balance: R14,
/// turnover on the `prepaid` key). Positive ones redeem or charge and stay payment methods
/// by name. Layaway lines are reserved goods, not yet sold: not turnover.
pub fn sale_document(sale: &Value, registers: &HashMap<String, String>) -> Result<Option<Document>, Text> {
    let id = text(sale, "saleID")
        .filter(|s| !s.is_empty())
        .ok_or_else(|| crate::text!("pos-sale-without-saleid"))?;
    let moment = |key: &str| -> Result<Moment, Text> {
        let t = text(sale, key).ok_or_else(|| crate::text!("pos-sale-without", id = id, key = key))?;
        DateTime::parse_from_rfc3339(&t)
            .map(Moment)
            .map_err(|_| crate::text!("pos-sale-not-time", id = id, key = key, t = format!("{:?}", t)))
    };
    if flag(sale, "voided") {
        let time = moment("updatetime").or_else(|_| moment("completeTime"))?;
        return Ok(Some(Document::Void(Void { id: id.into(), time })));
    }
    if !flag(sale, "completed") {
        return Ok(None);
    }
    let time = moment("completeTime")?;
    let register_id = text(sale, "registerID").unwrap_or_default();
    let register = registers.get(&register_id).cloned().unwrap_or(register_id);
    let mut lines = Vec::new();
    for l in one_or_many(sale.get("SaleLines"), "SaleLine") {
        if flag(l, "isLayaway") {
            continue;
        }
        let amount = round2(dec(l, "calcTotal").map_err(|e| format!("sale {id}: {e}"))?);
        // Notes and markers (the line of a gift-card purchase) carry nothing.
        if amount.is_zero() {
            continue;
        }
        lines.push(Line {
            vat: rate_key(l).map_err(|e| format!("sale {id}: {e}"))?.into(),
            amount,
            vat_amount: None,
        });
    }
    let mut payments = Vec::new();
    let mut tip = Decimal::ZERO;
    for p in one_or_many(sale.get("SalePayments"), "SalePayment") {
        // Archived payments are essentially voided: they do not count.
        if flag(p, "archived") {
            continue;
        }
        let amount = round2(dec(p, "amount").map_err(|e| format!("sale {id}: {e}"))?);
        let kind = payment_type(p);
        if amount < Decimal::ZERO && (kind == "gift card" || kind == "credit account") {
            let key = if kind == "gift card" { "giftcard" } else { "prepaid" };
            lines.push(Line {
                vat: key.into(),
                amount: -amount,
                vat_amount: None,
            });
            continue;
        }
        let method = p
            .get("PaymentType")
            .and_then(|t| text(t, "name"))
            .or_else(|| text(p, "paymentTypeID"))
            .ok_or_else(|| crate::text!("pos-sale-payment-without-type", id = id))?;
        payments.push(Payment {
            method: method.into(),
            amount,
            currency: None,
            foreign_amount: None,
        });
        tip += round2(
            p.get("tipAmount")
                .map(|_| dec(p, "tipAmount"))
                .transpose()
                .map_err(|e| format!("sale {id}: {e}"))?
                .unwrap_or_default(),
        );
    }
    if lines.is_empty() && payments.is_empty() && tip.is_zero() {
        return Ok(None);
    }
    // Line totals carry unrounded tax: put the rounding cents on the largest taxed line.
    let paid: Decimal = payments.iter().map(|p| p.amount).sum();
    let sold: Decimal = lines.iter().map(|l| l.amount).sum();
    let diff = paid - tip - sold;
    // More than a few cents apart is not rounding: the sale goes on as the POS sent it, and
    // the book holds it for a person's decision (decision 74).
    let taxed = |l: &&mut Line| l.vat != "giftcard" && l.vat != "prepaid";
    if !diff.is_zero() && diff.abs() <= Decimal::new(5, 2) {
        if let Some(l) = lines.iter_mut().filter(taxed).max_by_key(|l| l.amount.abs()) {
            l.amount += diff;
        }
    }
    Ok(Some(Document::Ticket(Ticket {
        id: id.into(),
        branch: (text(sale, "shopID").unwrap_or_default()).into(),
        register: register.into(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_token_file_of_an_earlier_version_is_a_bare_refresh_token() {
        assert_eq!(TokenFile::parse("rt-1\n").refresh_token, "rt-1");
        let t = TokenFile {
            refresh_token: "rt-2".into(),
            access_token: Some("at".into()),
            expires_at: Some(1_000),
        };
        assert_eq!(TokenFile::parse(&t.render()), t);
        assert_eq!(t.usable_access(1_000 - EXPIRY_MARGIN_S - 1), Some("at"));
        assert_eq!(
            t.usable_access(1_000 - EXPIRY_MARGIN_S),
            None,
            "too close to its expiry"
        );
    }

    #[test]
    fn the_bucket_slows_down_above_eighty_percent_only() {
        let w = |l: &str, d: &str| bucket_wait(Some(l.into()), Some(d.into()));
        assert_eq!(w("72/90", "1"), None);
        assert_eq!(w("81/90", "2"), Some(Duration::from_secs_f64(18.0)));
        assert_eq!(w("92.5/90", "10"), Some(Duration::from_secs_f64(4.75)));
        assert_eq!(w("900/90", "1"), Some(Duration::from_secs(30)), "at most 30 s");
        assert_eq!(bucket_wait(Some("junk".into()), None), None);
    }

    #[test]
    fn a_line_without_tax_has_the_untaxed_key() {
        let l = json!({"tax": "false", "tax1Rate": "0.21", "tax2Rate": "0", "calcTotal": "10"});
        assert_eq!(rate_key(&l).unwrap(), "0");
        let l = json!({"tax": "true", "tax1Rate": "0.21", "tax2Rate": "0", "calcTotal": "10"});
        assert_eq!(rate_key(&l).unwrap(), "21");
    }

    #[test]
    fn huge_numbers_are_refused_not_summed() {
        // They panicked the sync ("Addition overflowed"): as text and as JSON numbers.
        let huge = "50000000000000000000000000000";
        for total in [json!(huge), json!(5e28), json!("1e40")] {
            let sale = json!({"saleID": "9", "completed": "true", "completeTime": "2026-03-05T10:00:00+01:00",
                "SaleLines": {"SaleLine": [{"tax": "true", "tax1Rate": "0.21", "calcTotal": total}, {"tax": "true", "tax1Rate": "0.21", "calcTotal": total}]},
                "SalePayments": {"SalePayment": {"amount": "1", "PaymentType": {"name": "Cash"}}}});
            let e = sale_document(&sale, &HashMap::new()).unwrap_err();
            assert!(e.to_string().contains("calcTotal"), "{e}");
        }
        let l = json!({"tax": "true", "tax1Rate": "792281625142643375935439504", "calcTotal": "10"});
        assert!(rate_key(&l).unwrap_err().to_string().contains("tax1Rate"));
    }
}
