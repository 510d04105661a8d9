//! A fake MplusQapi server: SOAP over HTTP on 127.0.0.1, credentials in the query string,
//! receipts and invoices with sync markers, built from §3 documents. Changing a document
//! re-emits it with a higher sync marker, as the real server does after an edit.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use chrono::{Datelike, NaiveDate, Timelike};
use rust_decimal::Decimal;

use super::Faults;
use crate::domain::book::vat_of;
use crate::domain::calendar::BusinessCalendar;
use crate::domain::document::{CashKind, Document, Moment};
use crate::pos::xml::{esc, parse, Element};

struct Stored {
    marker: i64,
    id: String,
    date: NaiveDate,
    xml: String,
}

struct Inner {
    ident: String,
    secret: String,
    calendar: BusinessCalendar,
    rates: HashMap<String, Decimal>,
    receipts: Vec<Stored>,
    invoices: Vec<Stored>,
    orders: Vec<Stored>,
    next_marker: i64,
    calls: Vec<String>,
}

#[derive(Clone)]
struct Shared {
    inner: Arc<Mutex<Inner>>,
    faults: Arc<Faults>,
}

/// A running fake server; stops when dropped.
pub struct FakeMplus {
    pub addr: SocketAddr,
    pub faults: Arc<Faults>,
    inner: Arc<Mutex<Inner>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FakeMplus {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn cents(d: Decimal) -> i64 {
    (d * Decimal::ONE_HUNDRED).trunc().try_into().unwrap_or(0)
}

fn date_xml(name: &str, d: NaiveDate) -> String {
    format!(
        "<ns:{name}><ns:day>{}</ns:day><ns:mon>{}</ns:mon><ns:year>{}</ns:year></ns:{name}>",
        d.day(),
        d.month(),
        d.year()
    )
}

fn time_xml(name: &str, t: &Moment, cal: &BusinessCalendar) -> String {
    let local = t.0.with_timezone(&cal.timezone);
    let offset = local.offset();
    let minutes = chrono::Offset::fix(offset).local_minus_utc() / 60;
    format!(
        "<ns:{name}><ns:sec>{}</ns:sec><ns:min>{}</ns:min><ns:hour>{}</ns:hour><ns:day>{}</ns:day><ns:mon>{}</ns:mon><ns:year>{}</ns:year><ns:isdst>false</ns:isdst><ns:timezone>{minutes}</ns:timezone></ns:{name}>",
        local.second(),
        local.minute(),
        local.hour(),
        local.day(),
        local.month(),
        local.year()
    )
}

impl FakeMplus {
    /// Start on an ephemeral port of 127.0.0.1.
    pub async fn start(calendar: BusinessCalendar, ident: &str, secret: &str) -> std::io::Result<FakeMplus> {
        let inner = Arc::new(Mutex::new(Inner {
            ident: ident.into(),
            secret: secret.into(),
            calendar,
            rates: [("1", 21), ("2", 6), ("3", 12), ("4", 0)]
                .into_iter()
                .map(|(k, v)| (k.to_string(), Decimal::from(v)))
                .collect(),
            receipts: Vec::new(),
            invoices: Vec::new(),
            orders: Vec::new(),
            next_marker: 1,
            calls: Vec::new(),
        }));
        let faults = Arc::new(Faults::default());
        let shared = Shared {
            inner: inner.clone(),
            faults: faults.clone(),
        };
        let app = Router::new()
            .route("/", post(handle).get(|| async { StatusCode::METHOD_NOT_ALLOWED }))
            .with_state(shared);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(FakeMplus {
            addr,
            faults,
            inner,
            task,
        })
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The operations called so far.
    pub fn calls(&self) -> Vec<String> {
        self.inner.lock().expect("fake state").calls.clone()
    }

    /// Change the `receiptType` a receipt is served with (a kind the connector may not
    /// know), as a new version with a new sync marker.
    pub fn set_receipt_type(&self, id: &str, kind: &str) {
        let mut inner = self.inner.lock().expect("fake state");
        let marker = inner.next_marker;
        inner.next_marker += 1;
        if let Some(r) = inner.receipts.iter_mut().find(|r| r.id == id) {
            let (a, b) = (r.xml.find("<ns:receiptType>"), r.xml.find("</ns:receiptType>"));
            if let (Some(a), Some(b)) = (a, b) {
                r.xml.replace_range(a + "<ns:receiptType>".len()..b, &esc(kind));
            }
            let old = format!("<ns:syncMarker>{}</ns:syncMarker>", r.marker);
            r.xml = r.xml.replace(&old, &format!("<ns:syncMarker>{marker}</ns:syncMarker>"));
            r.marker = marker;
        }
    }

    /// Serve a receipt without an element (`entryTimestamp`, `financialDate`): a record the
    /// connector cannot place on a day.
    pub fn strip_from_receipt(&self, id: &str, element: &str) {
        let mut inner = self.inner.lock().expect("fake state");
        if let Some(r) = inner.receipts.iter_mut().find(|r| r.id == id) {
            let (open, close) = (format!("<ns:{element}>"), format!("</ns:{element}>"));
            if let (Some(a), Some(b)) = (r.xml.find(&open), r.xml.find(&close)) {
                r.xml.replace_range(a..b + close.len(), "");
            }
        }
    }

    /// Add or change documents; documents this API does not carry are skipped.
    pub fn load(&self, docs: impl IntoIterator<Item = Document>) {
        let mut inner = self.inner.lock().expect("fake state");
        let mut invoice_payments: Vec<crate::domain::document::InvoicePayment> = Vec::new();
        for doc in docs {
            let cal = inner.calendar;
            let date = doc.business_date(&cal);
            let marker = inner.next_marker;
            let (list, id, xml) = match &doc {
                Document::Ticket(t) => {
                    let mut groups: std::collections::BTreeMap<String, (Decimal, Decimal)> = Default::default();
                    for l in &t.lines {
                        let rate = inner.rates.get(l.vat.as_str()).copied().unwrap_or_default();
                        let vat = l.vat_amount.unwrap_or_else(|| vat_of(l.amount, rate));
                        let g = groups.entry(l.vat.to_string()).or_default();
                        g.0 += l.amount - vat;
                        g.1 += vat;
                    }
                    let total: Decimal = t.lines.iter().map(|l| l.amount).sum();
                    let vat_total: Decimal = groups.values().map(|g| g.1).sum();
                    let vat_groups: String = groups
                        .iter()
                        .map(|(code, (excl, vat))| {
                            format!(
                                "<ns:vatGroup><ns:vatCode>{}</ns:vatCode><ns:vatPercentage>{}</ns:vatPercentage><ns:exclAmount>{}</ns:exclAmount><ns:vatAmount>{}</ns:vatAmount></ns:vatGroup>",
                                esc(code),
                                inner.rates.get(code).copied().unwrap_or_default(),
                                cents(*excl),
                                cents(*vat)
                            )
                        })
                        .collect();
                    // The prepaid part of an order's receipt is a deposit-type payment.
                    let deposit = t
                        .prepaid
                        .filter(|p| !p.is_zero())
                        .map(|p| {
                            format!(
                                "<ns:payment><ns:method>AANBETALING</ns:method><ns:amount>{}</ns:amount><ns:paymentMethodType>PAYMENT-METHOD-TYPE-DEPOSIT</ns:paymentMethodType></ns:payment>",
                                cents(p)
                            )
                        })
                        .unwrap_or_default();
                    let payments: String = t
                        .payments
                        .iter()
                        .map(|p| {
                            format!(
                                "<ns:payment><ns:method>{}</ns:method><ns:amount>{}</ns:amount></ns:payment>",
                                esc(&p.method),
                                cents(p.amount)
                            )
                        })
                        .collect();
                    let kind = if total < Decimal::ZERO {
                        "RECEIPT-TYPE-CREDIT-RECEIPT"
                    } else {
                        "RECEIPT-TYPE-RECEIPT"
                    };
                    let order = t
                        .order
                        .as_ref()
                        .map(|o| format!("<ns:orderIds><ns:id>{}</ns:id></ns:orderIds>", esc(o)))
                        .unwrap_or_default();
                    let xml = format!(
                        "<ns:receipt><ns:receiptId>{}</ns:receiptId>{order}<ns:syncMarker>{marker}</ns:syncMarker><ns:receiptType>{kind}</ns:receiptType><ns:employeeNumber>1</ns:employeeNumber><ns:employeeName>Kassa</ns:employeeName>{}{}<ns:financialBranchNumber>{}</ns:financialBranchNumber><ns:workplaceNumber>{}</ns:workplaceNumber><ns:totalInclAmount>{}</ns:totalInclAmount><ns:totalExclAmount>{}</ns:totalExclAmount><ns:vatMethod>VAT-METHOD-INCLUSIVE</ns:vatMethod><ns:vatGroupList>{vat_groups}</ns:vatGroupList><ns:paidAmount>{}</ns:paidAmount><ns:state>RECEIPT-STATE-PAID</ns:state><ns:paymentList>{deposit}{payments}</ns:paymentList></ns:receipt>",
                        esc(&t.id),
                        time_xml("entryTimestamp", &t.time, &cal),
                        date_xml("financialDate", date.unwrap_or_default()),
                        esc(&t.branch),
                        esc(&t.register),
                        cents(total),
                        cents(total - vat_total),
                        cents(t.payments.iter().map(|p| p.amount).sum())
                    );
                    ("receipt", t.id.clone(), xml)
                }
                Document::Cash(c) if matches!(c.kind, CashKind::CashIn | CashKind::Expense) => {
                    let (kind, sign) = if c.kind == CashKind::CashIn {
                        ("RECEIPT-TYPE-CASH-INFLOW", 1)
                    } else {
                        ("RECEIPT-TYPE-CASH-OUTFLOW", -1)
                    };
                    let account = c
                        .account
                        .as_deref()
                        .map(|a| {
                            format!(
                                "<ns:turnoverGroupAccountNumber>{}</ns:turnoverGroupAccountNumber>",
                                esc(a)
                            )
                        })
                        .unwrap_or_default();
                    let xml = format!(
                        "<ns:receipt><ns:receiptId>{}</ns:receiptId><ns:syncMarker>{marker}</ns:syncMarker><ns:receiptType>{kind}</ns:receiptType><ns:employeeNumber>1</ns:employeeNumber><ns:employeeName>Kassa</ns:employeeName>{}{}<ns:financialBranchNumber>1</ns:financialBranchNumber><ns:workplaceNumber>1</ns:workplaceNumber><ns:totalInclAmount>{}</ns:totalInclAmount><ns:totalExclAmount>{}</ns:totalExclAmount><ns:vatMethod>VAT-METHOD-NONE</ns:vatMethod><ns:paidAmount>0</ns:paidAmount><ns:state>RECEIPT-STATE-HANDLED</ns:state><ns:lineList><ns:line><ns:articleNumber>0</ns:articleNumber><ns:data><ns:quantity>100</ns:quantity>{account}</ns:data></ns:line></ns:lineList></ns:receipt>",
                        esc(&c.id),
                        time_xml("entryTimestamp", &c.time, &cal),
                        date_xml("financialDate", date.unwrap_or_default()),
                        sign * cents(c.amount),
                        sign * cents(c.amount)
                    );
                    ("receipt", c.id.clone(), xml)
                }
                Document::Invoice(i) => {
                    let lines: String = i
                        .lines
                        .iter()
                        .map(|l| {
                            let (acc, name) = l
                                .revenue_group
                                .as_deref()
                                .map(crate::domain::invoice::split_revenue_group)
                                .unwrap_or_default();
                            format!(
                                "<ns:line><ns:articleNumber>0</ns:articleNumber><ns:data><ns:quantity>100</ns:quantity><ns:turnoverGroupName>{}</ns:turnoverGroupName><ns:turnoverGroupAccountNumber>{}</ns:turnoverGroupAccountNumber><ns:vatCode>{}</ns:vatCode><ns:totalInclAmount>{}</ns:totalInclAmount></ns:data></ns:line>",
                                esc(&name),
                                esc(&acc),
                                esc(&l.vat),
                                cents(l.amount)
                            )
                        })
                        .collect();
                    let xml = format!(
                        "<ns:invoice><ns:invoiceId>{}</ns:invoiceId><ns:syncMarker>{marker}</ns:syncMarker><ns:relationName>{}</ns:relationName>{}<ns:financialBranchNumber>{}</ns:financialBranchNumber><ns:lineList>{lines}</ns:lineList><ns:paymentList>@PAYMENTS@</ns:paymentList></ns:invoice>",
                        esc(&i.id),
                        esc(&i.debtor.name),
                        date_xml("financialDate", i.date),
                        esc(&i.branch)
                    );
                    ("invoice", i.id.clone(), xml)
                }
                Document::InvoicePayment(p) => {
                    invoice_payments.push(p.clone());
                    continue;
                }
                Document::OrderPayment(o) => {
                    let payments: String = o
                        .payments
                        .iter()
                        .enumerate()
                        .map(|(i, p)| {
                            format!(
                                "<ns:payment><ns:paymentId>{}{}</ns:paymentId>{}{}<ns:method>{}</ns:method><ns:amount>{}</ns:amount></ns:payment>",
                                esc(&o.id),
                                if i == 0 { String::new() } else { format!("-{i}") },
                                time_xml("entryTimestamp", &o.time, &cal),
                                date_xml("financialDate", date.unwrap_or_default()),
                                esc(&p.method),
                                cents(p.amount)
                            )
                        })
                        .collect();
                    // An order carries all its payments: re-emit it with the new one.
                    let earlier = inner
                        .orders
                        .iter()
                        .find(|s| s.id == o.order)
                        .and_then(|s| s.xml.split("<ns:paymentList>").nth(1))
                        .and_then(|x| x.split("</ns:paymentList>").next())
                        .unwrap_or("")
                        .to_string();
                    let xml = format!(
                        "<ns:order><ns:orderId>{}</ns:orderId><ns:syncMarker>{marker}</ns:syncMarker>{}<ns:financialBranchNumber>{}</ns:financialBranchNumber><ns:workplaceNumber>{}</ns:workplaceNumber><ns:paymentList>{earlier}{payments}</ns:paymentList></ns:order>",
                        esc(&o.order),
                        date_xml("financialDate", date.unwrap_or_default()),
                        esc(&o.branch),
                        esc(&o.register)
                    );
                    ("order", o.order.clone(), xml)
                }
                // Counts, bank deposits, order prepayments and voids are not carried here.
                _ => continue,
            };
            inner.next_marker += 1;
            let stored = Stored {
                marker,
                id: id.to_string(),
                date: date.unwrap_or_default(),
                xml,
            };
            let list = match list {
                "receipt" => &mut inner.receipts,
                "order" => &mut inner.orders,
                _ => &mut inner.invoices,
            };
            list.retain(|s| s.id != id);
            list.push(stored);
        }
        // Payments at the POS are part of their invoice: re-emit the invoice.
        for p in invoice_payments {
            let cal = inner.calendar;
            let marker = inner.next_marker;
            inner.next_marker += 1;
            let payment = format!(
                "<ns:payment><ns:paymentId>{}</ns:paymentId>{}<ns:branchNumber>{}</ns:branchNumber><ns:workplaceNumber>{}</ns:workplaceNumber><ns:method>{}</ns:method><ns:amount>{}</ns:amount></ns:payment>@PAYMENTS@",
                esc(&p.id),
                time_xml("entryTimestamp", &p.time, &cal),
                esc(&p.branch),
                esc(&p.register),
                esc(&p.method),
                cents(p.amount)
            );
            if let Some(inv) = inner.invoices.iter_mut().find(|s| s.id == p.invoice) {
                inv.xml = inv.xml.replace("@PAYMENTS@", &payment);
                inv.xml = inv.xml.replacen(
                    &format!("<ns:syncMarker>{}</ns:syncMarker>", inv.marker),
                    &format!("<ns:syncMarker>{marker}</ns:syncMarker>"),
                    1,
                );
                inv.marker = marker;
            }
        }
    }
}

fn fault(status: StatusCode, code: &str, message: &str) -> Response {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>{}</faultcode><faultstring>{}</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>",
        esc(code),
        esc(message)
    );
    (status, [("content-type", "text/xml; charset=utf-8")], body).into_response()
}

fn answer(op: &str, inner: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns=\"urn:mplusqapi\"><SOAP-ENV:Body><ns:{op}>{inner}</ns:{op}></SOAP-ENV:Body></SOAP-ENV:Envelope>"
    )
}

fn request_date(req: &Element, name: &str) -> Option<NaiveDate> {
    crate::pos::mplus::mplus_date(req.child(name)?).ok().flatten()
}

async fn handle(State(s): State<Shared>, Query(q): Query<HashMap<String, String>>, body: String) -> Response {
    let delay = s.faults.delay_ms.load(Ordering::SeqCst);
    if delay > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(delay)).await;
    }
    let (ident, secret) = {
        let inner = s.inner.lock().expect("fake state");
        (inner.ident.clone(), inner.secret.clone())
    };
    if q.get("ident") != Some(&ident) || q.get("secret") != Some(&secret) {
        return fault(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Client.Authentication",
            "Invalid ident or secret",
        );
    }
    let healthy = Faults::take(&s.faults.healthy_first);
    if !healthy && Faults::take(&s.faults.server_error) {
        return fault(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Server.Internal",
            "Internal server error",
        );
    }
    if Faults::take(&s.faults.redirect) {
        return (StatusCode::FOUND, [("location", "http://127.0.0.2:9/steal")], "").into_response();
    }
    let huge = s.faults.huge_mb.load(Ordering::SeqCst);
    if huge > 0 {
        let body = format!("<x>{}</x>", " ".repeat((huge as usize) << 20));
        return (StatusCode::OK, [("content-type", "text/xml")], body).into_response();
    }
    if Faults::take(&s.faults.garbage) {
        return (StatusCode::OK, "<html><body>502 Bad Gateway</body>").into_response();
    }
    let Ok(doc) = parse(&body) else {
        return fault(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Client.Parse",
            "Request is not valid XML",
        );
    };
    let Some(call) = doc.child("Body").and_then(|b| b.children.first()) else {
        return fault(StatusCode::INTERNAL_SERVER_ERROR, "Client.Parse", "No SOAP body");
    };
    let op = call.name.clone();
    let mut inner = s.inner.lock().expect("fake state");
    inner.calls.push(op.clone());
    let text = match op.as_str() {
        "getApiVersion" => answer(
            "getApiVersionResponse",
            "<ns:majorNumber>67</ns:majorNumber><ns:minorNumber>1</ns:minorNumber>",
        ),
        "getReceipts" | "getInvoices" | "getOrders" => {
            let req = call.child("request").cloned().unwrap_or_default();
            let marker = req
                .text_of("syncMarker")
                .and_then(|m| m.parse::<i64>().ok())
                .unwrap_or(0);
            let limit = req
                .text_of("syncMarkerLimit")
                .and_then(|m| m.parse::<usize>().ok())
                .unwrap_or(100)
                .max(1);
            let from = request_date(&req, "fromFinancialDate");
            let list = match op.as_str() {
                "getReceipts" => &inner.receipts,
                "getOrders" => &inner.orders,
                _ => &inner.invoices,
            };
            let mut hits: Vec<&Stored> = list
                .iter()
                .filter(|s| s.marker >= marker && from.is_none_or(|f| s.date >= f))
                .collect();
            hits.sort_by_key(|s| s.marker);
            let items: String = hits
                .iter()
                .take(limit)
                .map(|s| s.xml.replace("@PAYMENTS@", ""))
                .collect();
            match op.as_str() {
                "getReceipts" => answer(
                    "GetReceiptsResponse",
                    &format!("<ns:receiptList>{items}</ns:receiptList>"),
                ),
                "getOrders" => answer("GetOrdersResponse", &format!("<ns:orderList>{items}</ns:orderList>")),
                _ => answer(
                    "GetInvoicesResponse",
                    &format!("<ns:invoiceList>{items}</ns:invoiceList>"),
                ),
            }
        }
        other => {
            drop(inner);
            return fault(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Client.UnknownOperation",
                &format!("Unknown operation {other}"),
            );
        }
    };
    drop(inner);
    let text = if Faults::take(&s.faults.truncate) {
        text[..text.len() / 2].to_string()
    } else {
        text
    };
    (
        StatusCode::OK,
        [
            ("content-type", "text/xml; charset=utf-8"),
            ("mplus-service-version", "67.1.3"),
        ],
        s.faults.body(text),
    )
        .into_response()
}
