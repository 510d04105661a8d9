//! A fake Lightspeed Retail R-series API on 127.0.0.1: OAuth2 token endpoint with rotating
//! refresh tokens, `Sale.json` with relations, string values, one-or-many relations, cursor
//! pages, bucket headers and 429s, built from §3 documents.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::Faults;
use crate::domain::document::Document;

struct Inner {
    account: String,
    client_id: String,
    client_secret: String,
    /// The refresh token that is valid now (rotates on every refresh).
    refresh: String,
    access: String,
    seq: u64,
    sales: Vec<(String, Value)>,
    /// id, name, archived.
    registers: Vec<(String, String, bool)>,
    page_size: usize,
    clock: i64,
    /// Seconds an access token lives, and when the current one expires.
    expires_in: u64,
    access_until: Option<std::time::Instant>,
    /// Every resource request as `resource?query` (the order they came in).
    requests: Vec<String>,
}

#[derive(Clone)]
struct Shared {
    inner: Arc<Mutex<Inner>>,
    faults: Arc<Faults>,
    extra: Arc<Extra>,
}

/// Faults of this API beyond the common ones.
#[derive(Debug, Default)]
pub struct Extra {
    /// Documents applied right after the first page of a sale listing (a changing answer).
    pub between_pages: Mutex<Vec<Document>>,
    /// Answer 429 with Retry-After for the next N requests.
    pub rate_limited: AtomicU32,
    /// Treat the access token as expired for the next N requests.
    pub expired: AtomicU32,
    /// Refresh grants served.
    pub refreshes: AtomicU32,
    /// A `next` page address to hand out instead of the real one (a hostile server).
    pub next_override: Mutex<Option<String>>,
    /// Bucket headers (level, drip rate) for the next answer, instead of a quiet bucket.
    pub bucket: Mutex<Option<(String, String)>>,
}

pub struct FakeLightspeed {
    pub addr: SocketAddr,
    pub faults: Arc<Faults>,
    pub extra: Arc<Extra>,
    inner: Arc<Mutex<Inner>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FakeLightspeed {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn s(d: Decimal) -> String {
    d.normalize().to_string()
}

impl FakeLightspeed {
    /// Start with the first valid refresh token `refresh`.
    pub async fn start(
        account: &str,
        client_id: &str,
        client_secret: &str,
        refresh: &str,
    ) -> std::io::Result<FakeLightspeed> {
        let inner = Arc::new(Mutex::new(Inner {
            account: account.into(),
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            refresh: refresh.into(),
            access: String::new(),
            seq: 0,
            sales: Vec::new(),
            registers: Vec::new(),
            page_size: 100,
            clock: 0,
            expires_in: 3600,
            access_until: None,
            requests: Vec::new(),
        }));
        let faults = Arc::new(Faults::default());
        let extra = Arc::new(Extra::default());
        let shared = Shared {
            inner: inner.clone(),
            faults: faults.clone(),
            extra: extra.clone(),
        };
        let app = Router::new()
            .route("/auth/oauth/token", post(token))
            .route("/API/V3/Account/{account}/{resource}", get(resource))
            .with_state(shared);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(FakeLightspeed {
            addr,
            faults,
            extra,
            inner,
            task,
        })
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn set_page_size(&self, n: usize) {
        self.inner.lock().expect("fake").page_size = n.max(1);
    }

    /// The refresh token the server accepts now.
    pub fn current_refresh(&self) -> String {
        self.inner.lock().expect("fake").refresh.clone()
    }

    /// Access tokens issued from now on live this many seconds.
    pub fn set_expires_in(&self, seconds: u64) {
        self.inner.lock().expect("fake").expires_in = seconds;
    }

    /// Every resource request so far, as `resource?query`.
    pub fn requests(&self) -> Vec<String> {
        self.inner.lock().expect("fake").requests.clone()
    }

    /// Archive a register: `Register.json` leaves it out unless asked with `archived=true`.
    pub fn archive_register(&self, name: &str) {
        for r in self.inner.lock().expect("fake").registers.iter_mut() {
            if r.1 == name {
                r.2 = true;
            }
        }
    }

    /// Add registers that sold nothing (for listings longer than a page).
    pub fn add_registers(&self, names: impl IntoIterator<Item = String>) {
        let mut inner = self.inner.lock().expect("fake");
        for name in names {
            let id = (inner.registers.len() + 1).to_string();
            inner.registers.push((id, name, false));
        }
    }

    /// Add or change sales given in the API's own shape (strings everywhere, relations of
    /// one as an object), as the documentation shows them.
    pub fn load_sales(&self, sales: impl IntoIterator<Item = Value>) {
        let mut inner = self.inner.lock().expect("fake");
        for mut sale in sales {
            inner.clock += 1;
            let id = sale["saleID"].as_str().unwrap_or("").to_string();
            if sale.get("updatetime").is_none() {
                sale["updatetime"] = json!(fake_time(inner.clock));
            }
            inner.sales.retain(|(i, _)| *i != id);
            inner.sales.push((id, sale));
        }
    }

    /// Add or change sales from §3 tickets and voids; other documents are not carried.
    pub fn load(&self, docs: impl IntoIterator<Item = Document>) {
        load_into(&mut self.inner.lock().expect("fake"), docs);
    }

    /// Change the data once, right after the first page of the next sale listing is served.
    pub fn change_between_pages(&self, docs: Vec<Document>) {
        *self.extra.between_pages.lock().expect("fake") = docs;
    }
}

fn fake_time(clock: i64) -> String {
    (chrono::DateTime::parse_from_rfc3339("2030-01-01T00:00:00+00:00").expect("time")
        + chrono::Duration::seconds(clock))
    .to_rfc3339()
}

/// A payment of a reserved type, as the gift-card and credit-account tutorials show it.
fn reserved_payment(id: String, amount: Decimal, kind: &str) -> Value {
    let (type_id, name, account) = match kind {
        "gift card" => ("5", "Gift Card", "9"),
        _ => ("4", "Credit Account", "11"),
    };
    json!({
        "salePaymentID": id,
        "amount": s(amount),
        "tipAmount": "0",
        "archived": "false",
        "paymentTypeID": type_id,
        "creditAccountID": account,
        "PaymentType": {"paymentTypeID": type_id, "name": name, "internalReserved": "true", "type": kind},
    })
}

fn load_into(inner: &mut Inner, docs: impl IntoIterator<Item = Document>) {
    for doc in docs {
        inner.clock += 1;
        let updated = fake_time(inner.clock);
        match doc {
            Document::Ticket(t) => {
                let register_id = match inner.registers.iter().find(|r| r.1 == t.register) {
                    Some(r) => r.0.clone(),
                    None => {
                        let id = (inner.registers.len() + 1).to_string();
                        inner.registers.push((id.clone(), t.register.to_string(), false));
                        id
                    }
                };
                // Voucher sales and deposits are negative payments of the reserved types.
                let reserved: Vec<Value> = t
                    .lines
                    .iter()
                    .enumerate()
                    .filter_map(|(i, l)| {
                        let kind = match l.vat.as_str() {
                            "giftcard" => "gift card",
                            "prepaid" => "credit account",
                            _ => return None,
                        };
                        Some(reserved_payment(format!("{}-r{i}", t.id), -l.amount, kind))
                    })
                    .collect();
                let lines: Vec<Value> = t
                    .lines
                    .iter()
                    .filter(|l| l.vat != "giftcard" && l.vat != "prepaid")
                    .enumerate()
                    .map(|(i, l)| {
                        let (rate, class) = match l.vat.split_once('/') {
                            Some((r, c)) => (r.to_string(), Some(c.to_string())),
                            None => (l.vat.to_string(), None),
                        };
                        let rate: Decimal = rate.parse().unwrap_or_default();
                        let mut line = json!({
                            "saleLineID": format!("{}{}", t.id, i),
                            "unitQuantity": if l.amount < Decimal::ZERO { "-1" } else { "1" },
                            "tax": if l.vat == "0" { "false" } else { "true" },
                            "tax1Rate": s(rate / Decimal::ONE_HUNDRED),
                            "tax2Rate": "0",
                            "isLayaway": "false",
                            "calcTotal": s(l.amount),
                        });
                        if let Some(c) = class {
                            line["TaxClass"] = json!({"name": c});
                        }
                        line
                    })
                    .collect();
                let mut payments: Vec<Value> = t
                    .payments
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        json!({
                            "salePaymentID": format!("{}-{}", t.id, i),
                            "amount": s(p.amount),
                            "tipAmount": if i == 0 { s(t.tip) } else { "0".into() },
                            "archived": "false",
                            "PaymentType": {"name": p.method, "type": if p.method.eq_ignore_ascii_case("cash") { "cash" } else { "credit card" }},
                        })
                    })
                    .collect();
                payments.extend(reserved);
                // Relations of one come back as an object, of several as a list.
                let wrap = |key: &str, v: Vec<Value>| {
                    if v.len() == 1 {
                        json!({ key: v[0] })
                    } else {
                        json!({ key: v })
                    }
                };
                let sale = json!({
                    "saleID": t.id,
                    "completed": "true",
                    "voided": "false",
                    "completeTime": t.time.0.to_rfc3339(),
                    "updatetime": updated,
                    "shopID": t.branch,
                    "registerID": register_id,
                    "SaleLines": wrap("SaleLine", lines),
                    "SalePayments": wrap("SalePayment", payments),
                });
                inner.sales.retain(|(id, _)| *id != t.id);
                inner.sales.push((t.id.to_string(), sale));
            }
            Document::Void(v) => {
                if let Some((_, sale)) = inner.sales.iter_mut().find(|(id, _)| *id == v.id) {
                    sale["voided"] = json!("true");
                    sale["updatetime"] = json!(updated);
                }
            }
            _ => {}
        }
    }
}

fn bucket(level: u32) -> [(&'static str, String); 2] {
    [
        ("X-LS-API-Bucket-Level", format!("{level}/90")),
        ("X-LS-API-Drip-Rate", "1".into()),
    ]
}

async fn token(State(s): State<Shared>, body: String) -> Response {
    let v: Value = serde_json::from_str(&body).unwrap_or_else(|_| {
        // Also accept a form body.
        let map: serde_json::Map<String, Value> = body
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.to_string(), Value::String(v.to_string())))
            .collect();
        Value::Object(map)
    });
    let field = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let mut inner = s.inner.lock().expect("fake");
    if field("client_id") != inner.client_id || field("client_secret") != inner.client_secret {
        return (StatusCode::UNAUTHORIZED, axum::Json(json!({"error": "invalid_client"}))).into_response();
    }
    let ok = match field("grant_type").as_str() {
        "authorization_code" => field("code").starts_with("code-"),
        "refresh_token" => {
            s.extra.refreshes.fetch_add(1, Ordering::SeqCst);
            field("refresh_token") == inner.refresh
        }
        _ => false,
    };
    if !ok {
        return (StatusCode::BAD_REQUEST, axum::Json(json!({"error": "invalid_grant"}))).into_response();
    }
    inner.seq += 1;
    inner.refresh = format!("rt-{}-{}", inner.seq, std::process::id());
    inner.access = format!("at-{}", inner.seq);
    inner.access_until = Some(std::time::Instant::now() + std::time::Duration::from_secs(inner.expires_in));
    axum::Json(json!({
        "token_type": "Bearer",
        "expires_in": inner.expires_in,
        "access_token": inner.access,
        "refresh_token": inner.refresh,
    }))
    .into_response()
}

async fn resource(
    State(s): State<Shared>,
    Path((account, resource)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let delay = s.faults.delay_ms.load(Ordering::SeqCst);
    if delay > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(delay)).await;
    }
    let (access, live) = {
        let mut inner = s.inner.lock().expect("fake");
        let mut query: Vec<String> = q.iter().map(|(k, v)| format!("{k}={v}")).collect();
        query.sort();
        inner.requests.push(format!("{resource}?{}", query.join("&")));
        let live = inner.access_until.is_some_and(|t| std::time::Instant::now() < t);
        (inner.access.clone(), live)
    };
    let auth = headers.get("authorization").and_then(|h| h.to_str().ok()).unwrap_or("");
    if auth != format!("Bearer {access}") || access.is_empty() || !live || Faults::take(&s.extra.expired) {
        return (
            StatusCode::UNAUTHORIZED,
            axum::Json(json!({"httpCode": "401", "message": "Access token could not be verified"})),
        )
            .into_response();
    }
    if Faults::take(&s.extra.rate_limited) {
        let mut h = bucket(92).to_vec();
        h.push(("Retry-After", "1".into()));
        h.push(("X-LS-API-RateLimit-Type", "api-leaky-bucket".into()));
        let mut r = (
            StatusCode::TOO_MANY_REQUESTS,
            axum::Json(json!({"message": "Rate limit exceeded"})),
        )
            .into_response();
        for (k, v) in h {
            r.headers_mut().insert(k, v.parse().expect("header"));
        }
        return r;
    }
    if Faults::take(&s.faults.server_error) {
        return (StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable").into_response();
    }
    let inner = s.inner.lock().expect("fake");
    if account != inner.account {
        return (StatusCode::NOT_FOUND, axum::Json(json!({"message": "no such account"}))).into_response();
    }
    let host = headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1")
        .to_string();
    let override_next = s.extra.next_override.lock().expect("fake").clone();
    let page = |hits: Vec<Value>, item: &str| {
        let limit = q
            .get("limit")
            .and_then(|l| l.parse::<usize>().ok())
            .unwrap_or(100)
            .min(inner.page_size)
            .max(1);
        let after = q.get("after").and_then(|a| a.parse::<usize>().ok()).unwrap_or(0);
        let records: Vec<Value> = hits.iter().skip(after).take(limit).cloned().collect();
        let next = if after + limit < hits.len() {
            let mut params: Vec<String> = q
                .iter()
                .filter(|(k, _)| *k != "after")
                .map(|(k, v)| format!("{k}={}", enc(v)))
                .collect();
            params.sort();
            params.push(format!("after={}", after + limit));
            override_next
                .clone()
                .unwrap_or_else(|| format!("http://{host}/API/V3/Account/{account}/{resource}?{}", params.join("&")))
        } else {
            String::new()
        };
        let attrs = json!({"count": hits.len().to_string(), "next": next, "previous": ""});
        match records.len() {
            0 => json!({"@attributes": attrs}),
            1 => json!({"@attributes": attrs, item: records[0]}),
            _ => json!({"@attributes": attrs, item: records}),
        }
    };
    let body = match resource.as_str() {
        "Register.json" => {
            // Archived records are left out unless asked for (the API's default).
            let archived = q.get("archived").is_some_and(|a| a == "true");
            let regs: Vec<Value> = inner
                .registers
                .iter()
                .filter(|r| archived || !r.2)
                .map(|(id, name, gone)| json!({"registerID": id, "name": name, "archived": gone.to_string()}))
                .collect();
            page(regs, "Register")
        }
        "Sale.json" => {
            let since = q
                .get("updatetime")
                .and_then(|u| u.strip_prefix(">=,"))
                .map(str::to_string);
            let shop = q.get("shopID").cloned();
            let mut hits: Vec<Value> = inner
                .sales
                .iter()
                .map(|(_, v)| v)
                .filter(|v| {
                    since
                        .as_deref()
                        .is_none_or(|s| v["updatetime"].as_str().unwrap_or("") >= s)
                })
                .filter(|v| shop.as_deref().is_none_or(|s| v["shopID"] == s))
                .cloned()
                .collect();
            hits.sort_by_key(|v| v["saleID"].as_str().unwrap_or("").to_string());
            page(hits, "Sale")
        }
        _ => return (StatusCode::NOT_FOUND, axum::Json(json!({"message": "not found"}))).into_response(),
    };
    drop(inner);
    if resource == "Sale.json" && !q.contains_key("after") {
        let docs = std::mem::take(&mut *s.extra.between_pages.lock().expect("fake"));
        if !docs.is_empty() {
            load_into(&mut s.inner.lock().expect("fake"), docs);
        }
    }
    let text = body.to_string();
    let text = if Faults::take(&s.faults.truncate) {
        text[..text.len() / 2].to_string()
    } else {
        text
    };
    let mut r = (
        StatusCode::OK,
        [("content-type", "application/json")],
        s.faults.body(text),
    )
        .into_response();
    let headers = match s.extra.bucket.lock().expect("fake").take() {
        Some((level, drip)) => [("X-LS-API-Bucket-Level", level), ("X-LS-API-Drip-Rate", drip)],
        None => bucket(10),
    };
    for (k, v) in headers {
        r.headers_mut().insert(k, v.parse().expect("header"));
    }
    r
}

use crate::pos::url_encode as enc;
