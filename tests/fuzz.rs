//! Hostile input for every parser that takes outside input: random bytes and mutated valid
//! input must give a clear refusal or a value, never a panic or a hang. (The cargo-fuzz
//! targets in `fuzz/` run the same entry points for long sessions by hand.)

use dagkas::domain::config;
use dagkas::domain::document::parse_line;
use dagkas::pos::lightspeed::sale_document;
use dagkas::pos::mplus::{invoice_documents, receipt_document};
use dagkas::pos::xml;
use dagkas::tui::keymap;
use proptest::prelude::*;

const CONFIG: &str = include_str!("data/dagkas.toml");
const TICKET: &str = r#"{"type":"ticket","id":"T1","branch":"1","register":"2","drawer":"0","time":"2026-03-02T09:15:00+01:00","lines":[{"vat":"1","amount":"12.10"}],"payments":[{"method":"CASH","amount":"12.10"}],"tip":"0.00"}"#;
const RECEIPT: &str = r#"<Envelope><Body><GetReceiptsResponse><receiptList><receipt><receiptId>R1</receiptId><syncMarker>1</syncMarker><receiptType>RECEIPT-TYPE-RECEIPT</receiptType><entryTimestamp><sec>0</sec><min>15</min><hour>9</hour><day>2</day><mon>3</mon><year>2026</year><isdst>false</isdst><timezone>60</timezone></entryTimestamp><financialDate><day>2</day><mon>3</mon><year>2026</year></financialDate><financialBranchNumber>1</financialBranchNumber><workplaceNumber>1</workplaceNumber><vatGroupList><vatGroup><vatCode>1</vatCode><exclAmount>1000</exclAmount><vatAmount>210</vatAmount></vatGroup></vatGroupList><paymentList><payment><method>CASH</method><amount>1210</amount></payment></paymentList></receipt></receiptList></GetReceiptsResponse></Body></Envelope>"#;

/// Mutate a valid input: flip, drop or insert bytes at random places.
fn mutated(base: &'static str) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec((any::<usize>(), any::<u8>(), 0u8..3), 0..8).prop_map(move |edits| {
        let mut b = base.as_bytes().to_vec();
        for (at, byte, op) in edits {
            if b.is_empty() {
                b.push(byte);
                continue;
            }
            let i = at % b.len();
            match op {
                0 => b[i] = byte,
                1 => {
                    b.remove(i);
                }
                _ => b.insert(i, byte),
            }
        }
        b
    })
}

fn any_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..300)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn jsonl_lines_never_panic(bytes in prop_oneof![mutated(TICKET), any_bytes()]) {
        if let Err(e) = parse_line(&bytes) {
            prop_assert!(!e.to_string().is_empty());
        }
    }

    #[test]
    fn config_files_never_panic(bytes in prop_oneof![mutated(CONFIG), any_bytes()]) {
        let text = String::from_utf8_lossy(&bytes);
        if let Err(problems) = config::parse(&text) {
            prop_assert!(!problems.is_empty());
            for p in problems {
                let line = p.render("dagkas.toml", &text);
                prop_assert!(line.starts_with("dagkas.toml:"));
            }
        }
    }

    #[test]
    fn keymaps_never_panic(bytes in prop_oneof![mutated(keymap::DEFAULT), any_bytes()]) {
        let text = String::from_utf8_lossy(&bytes);
        let (_, problems) = keymap::parse(&text, "keymap.toml");
        for p in problems {
            prop_assert!(p.starts_with("keymap.toml:"), "{p}");
        }
    }

    #[test]
    fn soap_answers_never_panic(bytes in prop_oneof![mutated(RECEIPT), any_bytes()]) {
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(doc) = xml::parse(&text) {
            if let Some(list) = doc.find("receiptList") {
                for r in list.all("receipt") {
                    let _ = receipt_document(r, chrono_tz::Europe::Brussels);
                    let _ = invoice_documents(r, chrono_tz::Europe::Brussels);
                }
            }
        }
    }

    #[test]
    fn lightspeed_json_never_panics(v in arb_json()) {
        // A sale made of these, summed: never a panic.
        let _ = sale_document(&v, &Default::default());
        let wrapped = serde_json::json!({"Sale": v.clone(), "SaleLines": {"SaleLine": v.clone()}, "SalePayments": {"SalePayment": v}});
        let _ = sale_document(&wrapped, &Default::default());
    }
}

fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let keys = prop::sample::select(vec![
        "saleID",
        "completed",
        "voided",
        "completeTime",
        "updatetime",
        "shopID",
        "registerID",
        "SaleLines",
        "SaleLine",
        "SalePayments",
        "SalePayment",
        "calcTotal",
        "tax1Rate",
        "tax2Rate",
        "amount",
        "tipAmount",
        "archived",
        "PaymentType",
        "name",
        "TaxClass",
    ]);
    // Huge numbers as JSON strings and as JSON numbers: two line totals of 5·10^28 made the
    // sync panic ("Addition overflowed"), out of reach of numbers up to i64.
    let huge = prop::sample::select(vec![
        "50000000000000000000000000000",
        "79228162514264337593543950335",
        "792281625142643375935439504",
        "-50000000000000000000000000000",
        "1e28",
        "999999999999999.99",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        huge.clone().prop_map(|s| Value::String(s.into())),
        huge.prop_map(
            |s| serde_json::from_str::<Value>(&s.replace("e28", "0000000000000000000000000000")).unwrap_or(Value::Null)
        ),
        prop::sample::select(vec![
            "true",
            "false",
            "12.10",
            "-1e400",
            "2026-03-02T10:00:00+01:00",
            "",
            "0.21",
            "abc"
        ])
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(4, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((keys.clone(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Sales whose lines and payments are huge, as strings or numbers: refused with a
    /// message, or read within what the book can sum; never a panic.
    #[test]
    fn lightspeed_sales_with_huge_numbers_never_panic(
        totals in prop::collection::vec(prop_oneof![
            (any::<i64>(), 0u32..30).prop_map(|(m, e)| serde_json::json!(format!("{m}e{e}"))),
            any::<f64>().prop_map(serde_json::Value::from),
            prop::sample::select(vec!["50000000000000000000000000000", "79228162514264337593543950335", "12.10"]).prop_map(serde_json::Value::from),
        ], 1..5),
    ) {
        let lines: Vec<serde_json::Value> = totals
            .iter()
            .map(|t| serde_json::json!({"tax": "true", "tax1Rate": t, "calcTotal": t}))
            .collect();
        let payments: Vec<serde_json::Value> = totals
            .iter()
            .map(|t| serde_json::json!({"amount": t, "tipAmount": t, "PaymentType": {"name": "Cash"}}))
            .collect();
        let sale = serde_json::json!({"saleID": "1", "completed": "true", "completeTime": "2026-03-05T10:00:00+01:00",
            "SaleLines": {"SaleLine": lines}, "SalePayments": {"SalePayment": payments}});
        if let Ok(Some(doc)) = sale_document(&sale, &Default::default()) {
            // What is read is within what the checks of §3 can judge without overflow.
            let _ = dagkas::domain::document::check(&doc);
        }
    }
}
