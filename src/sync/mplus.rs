//! The MplusKASSA connector's run: receipts, orders and invoices since the cursor.

use super::*;

/// Receipts, orders and invoices since the cursor, mapped onto §3 documents (those that
/// cannot be trusted are named in `ignored`), and the cursor after them. Stores nothing.
pub fn fetch_mplus(
    client: &MplusClient,
    cal: &BusinessCalendar,
    cursor: &Cursor,
    receipts_from: NaiveDate,
    invoices_from: NaiveDate,
) -> Fetched<Cursor> {
    let (receipts, r_next, invoices, i_next, orders, o_next) = runtime()?.block_on(async {
        let (receipts, r_next) = client.receipts(cursor.receipts, receipts_from, 500).await?;
        let (invoices, i_next) = client.invoices(cursor.invoices, invoices_from, 500).await?;
        let (orders, o_next) = client.orders(cursor.orders, receipts_from, 500).await?;
        Ok::<_, crate::pos::PosError>((receipts, r_next, invoices, i_next, orders, o_next))
    })?;
    let mut docs: Vec<Document> = Vec::new();
    let mut ignored = Vec::new();
    let unread =
        |what: &'static str, id: &str, e: &crate::pos::xml::Element, reason: crate::domain::text::Text| Unread {
            what,
            id: e.text_of(id).filter(|s| !s.is_empty()).unwrap_or("?").to_string(),
            date: crate::pos::mplus::business_date_of(e, cal),
            reason,
            received: e.to_xml(),
        };
    for r in &receipts {
        match client.receipt_document(r) {
            Ok(Some(d)) => docs.push(d),
            Ok(None) => {}
            Err(e) => ignored.push(unread("receipt", "receiptId", r, e)),
        }
    }
    for o in &orders {
        match client.order_documents(o) {
            Ok(d) => docs.extend(d),
            Err(e) => ignored.push(unread("order", "orderId", o, e)),
        }
    }
    for i in &invoices {
        match client.invoice_documents(i) {
            Ok(d) => docs.extend(d),
            Err(e) => ignored.push(unread("invoice", "invoiceId", i, e)),
        }
    }
    let next = Cursor {
        receipts: r_next,
        invoices: i_next,
        orders: o_next,
    };
    Ok((docs, ignored, next))
}

/// What a fetch brought: the documents, those left out (with why), and where the next
/// run starts.
pub type Fetched<C> = std::result::Result<(Vec<Document>, Vec<Unread>, C), crate::pos::PosError>;

/// Ask an MplusKASSA source for receipts, invoices and orders since its cursor.
pub(super) fn ask_mplus(plan: &Plan, p: &Planned) -> std::result::Result<Brought, Trouble> {
    let s = &p.source;
    let url = s.settings.get("url").cloned().unwrap_or_default();
    let ident = s.settings.get("ident").cloned().unwrap_or_default();
    let secret = crate::settings::read_secret(
        s.settings.get("secret_env").map(String::as_str),
        s.settings.get("secret_file").map(PathBuf::from).as_deref(),
    )
    .map_err(|e| LedgerError::Refused(source_refused(&s.name, e)))?;
    let timeout = s.settings.get("timeout").and_then(|t| parse_interval(t)).unwrap_or(600);
    ask_mplus_at(plan, p, &url, &ident, &secret, Duration::from_secs(timeout))
}

/// Ask an MplusKASSA server (the source's, or the demo's fake) since the cursor.
pub(super) fn ask_mplus_at(
    plan: &Plan,
    p: &Planned,
    url: &str,
    ident: &str,
    secret: &str,
    timeout: Duration,
) -> std::result::Result<Brought, Trouble> {
    let s = &p.source;
    let cursor: Cursor = cursor_of(p)?;
    let tz = plan.config.dossier.calendar.timezone;
    let mut client = MplusClient::new(url, ident, secret, tz, timeout)
        .map_err(|e| LedgerError::Refused(source_refused(&s.name, e)))?;
    client.max_body_mb = max_body(s);
    let cal = plan.config.dossier.calendar;
    let (docs, unread, next) = fetch_mplus(&client, &cal, &cursor, p.receipts_from, p.invoices_from)?;
    let detail = serde_json::json!({"receipts": next.receipts, "invoices": next.invoices});
    Ok(Brought::new(p, &cal, docs, unread, &cursor, &next, detail))
}
