//! `dagkas demo`: a generated Belgian shop (two branches, four registers, eight weeks, two
//! cash journals, tips, vouchers, prepayments, invoices) with deliberate problem days, in
//! a dossier of its own. Starting it twice reuses it and duplicates nothing.

use std::path::Path;

use chrono::{Duration, NaiveDate};

use crate::domain::book::LineKind;
use crate::domain::config;
use crate::domain::document::parse_line;
use crate::gen::{generate, GenSpec};
use crate::ledger::{Ledger, LedgerError, Result};

const AUTHOR: &str = "demo";
const BUILT: &str = "demo_built";

/// The demo dossier's config.
pub fn config_text(docs_path: &Path) -> String {
    format!(
        r#"# The dagkas demo shop: documents generated into {docs}
[dossier]
name = "Bakkerij Peeters (demo)"
timezone = "Europe/Brussels"
currency = "EUR"
business_day_cutoff = "04:00"

[[vat_category]]
code = "V21"
name = "Omzet 21%"
rate = "21"
account = "700021"

[[vat_category]]
code = "V6"
name = "Omzet 6%"
rate = "6"
account = "700006"

[[vat_category]]
code = "BON"
name = "Cadeaubonnen"
rate = "NA"
account = "499100"

[[vat_category]]
code = "VOORUIT"
name = "Vooruitbetaald"
rate = "NA"
account = "499200"

[[payment_method]]
code = "CASH"
name = "Contant"
account = "570000"
cash = true

[[payment_method]]
code = "BC"
name = "Bancontact"
account = "580000"

[[payment_method]]
code = "OVS"
name = "Overschrijving"
account = "580300"

[[payment_method]]
code = "VVV"
name = "Cadeaubon"
account = "499100"
voucher = true

[[payment_method]]
code = "FACT"
name = "Factuur betaald"
account = "400000"
multiple = true

[[payment_method]]
code = "VOORUIT"
name = "Vooruitbetaald"
account = "499200"

[[source]]
name = "winkel"
kind = "file"
path = "{docs}"

[[daybook]]
code = "DO1"
name = "Dagontvangsten winkels"
source = "winkel"
start = "{start}"
invoices_from = "{start}"
invoice_paid = "FACT"
prepaid = "VOORUIT"
ignore_registers = ["eCom"]
tips = "subtract_from_cash"
[daybook.vat_map]
"1" = "V21"
"2" = "V6"
"giftcard" = "BON"
"prepaid" = "VOORUIT"
[daybook.payment_map]
"CASH" = "CASH"
"EFT" = "BC"
"VVV" = "VVV"
"OVERSCHRIJVING" = {{ method = "OVS", ignore_on_invoice = true }}
"OP FACTUUR" = "ignore"

[[cash_journal]]
code = "KAS1"
daybook = "DO1"
drawers = ["0", "1"]
account = "570000"
diff_debit_account = "657100"
diff_credit_account = "757100"
cash_deposit_account = "580100"
bank_deposit_account = "580200"
opening_balance = {{ "0" = "0.00", "1" = "0.00" }}

[[cash_journal]]
code = "KAS2"
daybook = "DO1"
drawers = ["2", "3"]
account = "570000"
diff_debit_account = "657100"
diff_credit_account = "757100"
cash_deposit_account = "580100"
bank_deposit_account = "580200"
opening_balance = {{ "2" = "0.00", "3" = "0.00" }}
"#,
        docs = docs_path.display(),
        start = START_MARK,
    )
}

const START_MARK: &str = "@START@";
const WEEKS: i64 = 8;

/// Build (or reuse) the demo dossier in `dir`; returns the open ledger.
pub fn build(dir: &Path, today: NaiveDate) -> Result<Ledger> {
    std::fs::create_dir_all(dir).map_err(|source| LedgerError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    let config_path = dir.join("dagkas.toml");
    let docs_path = dir.join("winkel.jsonl");
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| LedgerError::Io { path, source }
    };
    if !config_path.exists() {
        let start = today - Duration::weeks(WEEKS);
        let text = config_text(&docs_path).replace(START_MARK, &start.to_string());
        std::fs::write(&config_path, text).map_err(io(&config_path))?;
    }
    let text = std::fs::read_to_string(&config_path).map_err(io(&config_path))?;
    let (config, _) = config::parse(&text).map_err(|p| {
        LedgerError::Refused(
            p.iter()
                .map(|p| p.render(&config_path.display().to_string(), &text))
                .collect::<Vec<_>>()
                .join("\n")
                .into(),
        )
    })?;
    let start = config.daybook("DO1").map(|b| b.start).unwrap_or(today);
    let mut ledger = Ledger::open(config, dir, today)?;
    if ledger.store.state_get::<bool>(BUILT)?.unwrap_or(false) {
        return Ok(ledger);
    }
    let days = (today - start).num_days().max(1) as u32;
    let d = |n: i64| start + Duration::days(n);
    let mut out = String::new();
    generate(
        &GenSpec {
            docs: 60 * u64::from(days),
            days,
            branches: 2,
            seed: 2026,
            start,
        },
        |doc| {
            out.push_str(&serde_json::to_string(&doc).expect("documents serialise"));
            out.push('\n');
        },
    );
    // Problem days: an unknown card terminal, and a bank deposit larger than the drawer.
    let unmapped = d(days as i64 - 12);
    let negative = d(days as i64 - 7);
    out.push_str(&format!(
        "{{\"type\":\"ticket\",\"id\":\"PIN1\",\"branch\":\"2\",\"register\":\"1\",\"drawer\":\"2\",\"time\":\"{unmapped}T11:30:00+01:00\",\"lines\":[{{\"vat\":\"1\",\"amount\":\"42.35\"}}],\"payments\":[{{\"method\":\"K_PINZUIL\",\"amount\":\"42.35\"}}]}}\n"
    ));
    out.push_str(&format!(
        "{{\"type\":\"cash\",\"id\":\"BANK1\",\"drawer\":\"1\",\"time\":\"{negative}T14:02:00+01:00\",\"kind\":\"bank_deposit\",\"amount\":\"25000.00\"}}\n"
    ));
    std::fs::write(&docs_path, &out).map_err(io(&docs_path))?;
    ledger.import_file("winkel", &docs_path, AUTHOR, |_| {})?;
    ledger.register_debtors(AUTHOR)?;

    // The first weeks are confirmed; then a ticket of a confirmed day is voided (drift).
    let confirmed_through = d(days as i64 - 20);
    ledger.confirm_through(Some("DO1"), confirmed_through, AUTHOR)?;
    let voided = first_ticket_on(&ledger, d(days as i64 - 25))?;
    if let Some(id) = voided {
        let void = format!(
            "{{\"type\":\"void\",\"id\":\"{id}\",\"time\":\"{}T09:00:00+01:00\"}}",
            d(days as i64 - 19)
        );
        let doc = parse_line(void.as_bytes()).map_err(LedgerError::Refused)?;
        ledger.import_documents("winkel", "demo void", AUTHOR, vec![doc])?;
    }
    // A cash count keyed in by hand that no longer matches the POS: unbalanced.
    let unbalanced = d(days as i64 - 16);
    let day = ledger.views("DO1", None)?.into_iter().find(|v| v.date == unbalanced);
    if let Some(cash) = day.and_then(|v| v.methods.into_iter().find(|m| m.code == "CASH")) {
        let amount = cash.amount - rust_decimal::Decimal::new(5000, 2);
        ledger.edit(
            "DO1",
            unbalanced,
            &[(LineKind::Payment, "CASH".into(), amount)],
            "cash counted by hand",
            AUTHOR,
        )?;
    }
    ledger.store.state_put(
        BUILT,
        &true,
        crate::store::audit::NewEntry {
            author: AUTHOR.into(),
            action: crate::store::audit::Action::Demo.into(),
            reason: None,
            detail: serde_json::json!({"start": start, "days": days}),
        },
    )?;
    ledger.refresh_fingerprint();
    Ok(ledger)
}

fn first_ticket_on(ledger: &Ledger, date: NaiveDate) -> Result<Option<String>> {
    let docs = ledger.store.documents_on("winkel", date)?;
    Ok((docs
        .into_iter()
        .find(|(_, d)| matches!(d, crate::domain::document::Document::Ticket(t) if t.payments.iter().all(|p| p.method == "EFT")))
        .map(|(r, _)| r.id)).map(|s| s.to_string()))
}
