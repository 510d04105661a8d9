use super::*;

pub const EXAMPLE: &str = include_str!("../../../tests/data/dagkas.toml");

fn errors(text: &str) -> Vec<String> {
    match parse(text) {
        Ok((_, w)) => panic!("accepted, warnings: {w:?}"),
        Err(p) => p.iter().map(|p| p.render("dagkas.toml", text)).collect(),
    }
}

#[test]
fn the_spec_example_parses_with_defaults() {
    let (c, _warnings) = parse(EXAMPLE).expect("example config is valid");
    assert_eq!(c.dossier.name, "Bakkerij Peeters");
    let book = c.daybook("DO1").unwrap();
    assert_eq!(book.overdue_days, 1);
    assert_eq!(book.tips, Tips::SubtractFromCash);
    assert_eq!(
        book.payment_map["OVERSCHRIJVING"],
        MethodTarget::Method {
            code: "OVS".into(),
            ignore_on_invoice: true
        }
    );
    assert_eq!(book.payment_map["OP FACTUUR"], MethodTarget::Ignore);
    let j = &c.journals[0];
    assert_eq!(j.opening["0"].to_string(), "250.00");
    assert_eq!(j.currency, "EUR");
}

#[test]
fn missing_cash_journal_field_is_named_with_its_line() {
    let text = EXAMPLE.replace("diff_debit_account = \"657100\"\n", "");
    let errs = errors(&text);
    let line = text.lines().position(|l| l.starts_with("[[cash_journal]]")).unwrap() + 1;
    assert!(
        errs.contains(&format!(
            "dagkas.toml:{line}: error: cash_journal[0].diff_debit_account: missing required field"
        )),
        "{errs:?}"
    );
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let text = EXAMPLE
        .replace("account = \"570000\"\ndiff", "diff")
        .replace("\"EFT\" = \"BC\"", "\"EFT\" = \"NOPE\"")
        .replace("timezone = \"Europe/Brussels\"", "timezone = \"Mars/Olympus\"");
    let errs = errors(&text);
    assert!(
        errs.iter()
            .any(|e| e.contains("cash_journal[0].account: missing required field")),
        "{errs:?}"
    );
    assert!(
        errs.iter().any(|e| e.contains("unknown payment method \"NOPE\"")),
        "{errs:?}"
    );
    assert!(errs.iter().any(|e| e.contains("unknown timezone")), "{errs:?}");
}

#[test]
fn a_secret_in_the_file_is_refused() {
    let text = EXAMPLE.replace("secret_env = \"DAGKAS_MPLUS_SECRET\"", "secret = \"hunter2\"");
    let errs = errors(&text);
    assert!(
        errs.iter()
            .any(|e| e.contains("source[0].secret: a secret is written in the config file")),
        "{errs:?}"
    );
    assert!(
        !errs.iter().any(|e| e.contains("hunter2")),
        "the secret is echoed: {errs:?}"
    );
}

#[test]
fn code_used_twice_and_journal_listed_twice() {
    let journal = &EXAMPLE[EXAMPLE.find("[[cash_journal]]").unwrap()..];
    let text = format!("{EXAMPLE}\n{journal}");
    let errs = errors(&text);
    assert!(
        errs.iter()
            .any(|e| e.contains("cash journal (listed twice in this dossier) \"KAS1\" used twice")),
        "{errs:?}"
    );
    assert!(
        errs.iter()
            .any(|e| e.contains("drawer \"0\" is already in cash journal \"KAS1\"")),
        "{errs:?}"
    );
}

#[test]
fn sync_payments_off_requires_payment_proposals() {
    let text = EXAMPLE
        .replace("sync_payments = true", "sync_payments = false")
        .replace("payments = \"proposal\"", "payments = \"immediate\"");
    let errs = errors(&text);
    assert!(
        errs.iter().any(|e| e.contains("payments must be \"proposal\"")),
        "{errs:?}"
    );
}

#[test]
fn cash_method_on_another_account_is_a_warning() {
    let text = EXAMPLE.replacen(
        "account = \"570000\"\ncash = true",
        "account = \"570001\"\ncash = true",
        1,
    );
    let (_, warnings) = parse(&text).expect("only a warning");
    assert!(
        warnings
            .iter()
            .any(|w| w.message.to_string().contains("cash is posted once")),
        "{warnings:?}"
    );
}

#[test]
fn unknown_field_is_an_error() {
    let text = EXAMPLE.replace("overdue_days = 1", "overdue_dayz = 1");
    let errs = errors(&text);
    assert!(
        errs.iter()
            .any(|e| e.contains("daybook[0].overdue_dayz: unknown field")),
        "{errs:?}"
    );
}

#[test]
fn dated_rates_apply_from_their_date() {
    let text = EXAMPLE.replace(
        "rate = \"21\"",
        "rate = \"21\"\nrates = [{ from = \"2027-01-01\", rate = \"22\" }]",
    );
    let (c, _) = parse(&text).unwrap();
    let cat = c.category("V21").unwrap();
    assert_eq!(
        cat.rate_on("2026-12-31".parse().unwrap()),
        Rate::Percent(Decimal::from(21))
    );
    assert_eq!(
        cat.rate_on("2027-01-01".parse().unwrap()),
        Rate::Percent(Decimal::from(22))
    );
}

#[test]
fn interval_parses() {
    assert_eq!(parse_interval("15m"), Some(900));
    assert_eq!(parse_interval("1h"), Some(3600));
    assert_eq!(parse_interval("0s"), None);
    assert_eq!(parse_interval("m"), None);
}
