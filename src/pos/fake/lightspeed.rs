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
    registers: Vec<(String, String)>,
    page_size: usize,
    clock: i64,
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

    /// Add or change sales from §3 tickets and voids; other documents are not carried.
    pub fn load(&self, docs: impl IntoIterator<Item = Document>) {
        load_into(&mut self.inner.lock().expect("fake"), docs);
    }

    /// Change the data once, right after the first page of the next sale listing is served.
    pub fn change_between_pages(&self, docs: Vec<Document>) {
        *self.extra.between_pages.lock().expect("fake") = docs;
    }
}

fn load_into(inner: &mut Inner, docs: impl IntoIterator<Item = Document>) {
    for doc in docs {
        inner.clock += 1;
        let updated = (chrono::DateTime::parse_from_rfc3339("2030-01-01T00:00:00+00:00").expect("time")
            + chrono::Duration::seconds(inner.clock))
        .to_rfc3339();
        match doc {
            Document::Ticket(t) => {
                let register_id = match inner.registers.iter().find(|(_, n)| *n == t.register) {
                    Some((id, _)) => id.clone(),
                    None => {
                        let id = (inner.registers.len() + 1).to_string();
                        inner.registers.push((id.clone(), t.register.clone()));
                        id
                    }
                };
                let lines: Vec<Value> = t
                    .lines
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        let (rate, class) = match l.vat.split_once('/') {
                            Some((r, c)) => (r.to_string(), Some(c.to_string())),
                            None => (l.vat.clone(), None),
                        };
                        let rate: Decimal = rate.parse().unwrap_or_default();
                        let mut line = json!({
                            "saleLineID": format!("{}{}", t.id, i),
                            "unitQuantity": if l.amount < Decimal::ZERO { "-1" } else { "1" },
                            "tax1Rate": s(rate / Decimal::ONE_HUNDRED),
                            "tax2Rate": "0",
                            "calcTotal": s(l.amount),
                        });
                        if let Some(c) = class {
                            line["TaxClass"] = json!({"name": c});
                        }
                        line
                    })
                    .collect();
                let payments: Vec<Value> = t
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
                inner.sales.push((t.id.clone(), sale));
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
        "refresh_token" => field("refresh_token") == inner.refresh,
        _ => false,
    };
    if !ok {
        return (StatusCode::BAD_REQUEST, axum::Json(json!({"error": "invalid_grant"}))).into_response();
    }
    inner.seq += 1;
    inner.refresh = format!("rt-{}-{}", inner.seq, std::process::id());
    inner.access = format!("at-{}", inner.seq);
    axum::Json(json!({
        "token_type": "Bearer",
        "expires_in": 3600,
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
    let inner = s.inner.lock().expect("fake").access.clone();
    let auth = headers.get("authorization").and_then(|h| h.to_str().ok()).unwrap_or("");
    if auth != format!("Bearer {inner}") || inner.is_empty() || Faults::take(&s.extra.expired) {
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
    let body = match resource.as_str() {
        "Register.json" => {
            let regs: Vec<Value> = inner
                .registers
                .iter()
                .map(|(id, name)| json!({"registerID": id, "name": name}))
                .collect();
            json!({"@attributes": {"count": regs.len().to_string()}, "Register": regs})
        }
        "Sale.json" => {
            let since = q
                .get("updatetime")
                .and_then(|u| u.strip_prefix(">=,"))
                .map(str::to_string);
            let shop = q.get("shopID").cloned();
            let limit = q
                .get("limit")
                .and_then(|l| l.parse::<usize>().ok())
                .unwrap_or(100)
                .min(inner.page_size)
                .max(1);
            let after = q.get("after").and_then(|a| a.parse::<usize>().ok()).unwrap_or(0);
            let mut hits: Vec<&Value> = inner
                .sales
                .iter()
                .map(|(_, v)| v)
                .filter(|v| {
                    since
                        .as_deref()
                        .is_none_or(|s| v["updatetime"].as_str().unwrap_or("") >= s)
                })
                .filter(|v| shop.as_deref().is_none_or(|s| v["shopID"] == s))
                .collect();
            hits.sort_by_key(|v| v["saleID"].as_str().unwrap_or("").to_string());
            let page: Vec<Value> = hits.iter().skip(after).take(limit).map(|v| (*v).clone()).collect();
            let next = if after + limit < hits.len() {
                let mut params: Vec<String> = q
                    .iter()
                    .filter(|(k, _)| *k != "after")
                    .map(|(k, v)| format!("{k}={}", enc(v)))
                    .collect();
                params.sort();
                params.push(format!("after={}", after + limit));
                format!(
                    "http://{}/API/V3/Account/{account}/Sale.json?{}",
                    headers.get("host").and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1"),
                    params.join("&")
                )
            } else {
                String::new()
            };
            let attrs = json!({"count": hits.len().to_string(), "next": next, "previous": ""});
            match page.len() {
                0 => json!({"@attributes": attrs}),
                1 => json!({"@attributes": attrs, "Sale": page[0]}),
                _ => json!({"@attributes": attrs, "Sale": page}),
            }
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
    for (k, v) in bucket(10) {
        r.headers_mut().insert(k, v.parse().expect("header"));
    }
    r
}

use crate::pos::url_encode as enc;
