//! The Lightspeed R-series connector against the local fake API: login from the terminal,
//! sync equals import, pagination, tips, voids after confirmation as drift, rotating refresh
//! tokens kept in a 0600 file, expired tokens, 429 and 5xx, and secrets out of the output.

mod common;
use common::*;

use dagkas::domain::document::{parse_line, Document};
use dagkas::pos::fake::lightspeed::FakeLightspeed;
use std::io::{BufRead, BufReader};
use std::sync::atomic::Ordering;

const CLIENT_SECRET: &str = "ls-client-secret-77aa";
const FIRST_REFRESH: &str = "rt-first-0001";

const DOCS: &[&str] = &[
    r#"{"type":"ticket","id":"101","branch":"1","register":"Kassa 1","time":"2026-03-02T09:15:00+01:00","lines":[{"vat":"21","amount":"12.10"},{"vat":"6","amount":"10.60"}],"payments":[{"method":"Cash","amount":"22.70"}]}"#,
    r#"{"type":"ticket","id":"102","branch":"1","register":"Kassa 1","time":"2026-03-02T20:00:00+01:00","lines":[{"vat":"21","amount":"30.00"}],"payments":[{"method":"Bancontact","amount":"32.50"}],"tip":"2.50"}"#,
    r#"{"type":"ticket","id":"103","branch":"1","register":"eCom","time":"2026-03-03T10:00:00+01:00","lines":[{"vat":"21","amount":"99.00"}],"payments":[{"method":"Bancontact","amount":"99.00"}]}"#,
    r#"{"type":"ticket","id":"104","branch":"1","register":"Kassa 2","time":"2026-03-03T11:00:00+01:00","lines":[{"vat":"21/Alcohol","amount":"24.20"}],"payments":[{"method":"Cash","amount":"24.20"}]}"#,
    r#"{"type":"ticket","id":"105","branch":"1","register":"Kassa 1","time":"2026-03-04T12:00:00+01:00","lines":[{"vat":"21","amount":"-12.10"}],"payments":[{"method":"Cash","amount":"-12.10"}]}"#,
    r#"{"type":"ticket","id":"106","branch":"1","register":"Kassa 1","time":"2026-03-04T13:00:00+01:00","lines":[{"vat":"6","amount":"5.30"}],"payments":[{"method":"OP FACTUUR","amount":"5.30"}]}"#,
];

fn docs() -> Vec<Document> {
    DOCS.iter().map(|l| parse_line(l.as_bytes()).unwrap()).collect()
}

fn config(fake: &str, file_source: bool, extra: &str) -> String {
    let maps = "[daybook.vat_map]\n\"21\" = \"V21\"\n\"6\" = \"V6\"\n\"21/Alcohol\" = \"V21\"\n[daybook.payment_map]\n\"Cash\" = \"CASH\"\n\"Bancontact\" = \"BC\"\n\"OP FACTUUR\" = \"ignore\"\n";
    let base = BASE.replace(
        &BASE[BASE.find("[daybook.vat_map]").unwrap()..BASE.find("[[cash_journal]]").unwrap()],
        &format!("{maps}\n"),
    );
    if file_source {
        return base;
    }
    base.replace(
        "[[source]]\nname = \"kassa\"\nkind = \"file\"",
        &format!(
            "[[source]]\nname = \"kassa\"\nkind = \"lightspeed\"\naccount_id = \"4242\"\nclient_id = \"dagkas-test\"\nclient_secret_env = \"DAGKAS_TEST_LS_SECRET\"\nrefresh_token_env = \"DAGKAS_TEST_LS_REFRESH\"\napi_url = \"{fake}\"\ntoken_url = \"{fake}/auth/oauth/token\"\n{extra}"
        ),
    )
}

struct Rig {
    _rt: tokio::runtime::Runtime,
    fake: FakeLightspeed,
}

fn rig() -> Rig {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let fake = rt
        .block_on(FakeLightspeed::start(
            "4242",
            "dagkas-test",
            CLIENT_SECRET,
            FIRST_REFRESH,
        ))
        .unwrap();
    fake.load(docs());
    fake.set_page_size(2);
    Rig { _rt: rt, fake }
}

fn sync(shop: &Shop, code: i32) -> String {
    let out = shop
        .cmd(&["sync", "--once"])
        .env("DAGKAS_TEST_LS_SECRET", CLIENT_SECRET)
        .env("DAGKAS_TEST_LS_REFRESH", FIRST_REFRESH)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(code), "{text}");
    assert!(
        !text.contains(CLIENT_SECRET) && !text.contains("rt-"),
        "a secret in the output: {text}"
    );
    text
}

fn figures(days: &serde_json::Value) -> Vec<(String, String, String, String)> {
    days.as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["date"].as_str().unwrap().to_string(),
                d["turnover"].as_str().unwrap().to_string(),
                d["payments"].as_str().unwrap().to_string(),
                d["cash"][0]["closing"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn sync_over_pages_equals_import_and_rotates_the_refresh_token() {
    let r = rig();
    let shop = Shop::new(&config(&r.fake.url(), false, "timeout = \"5s\""));
    let out = sync(&shop, 0);
    assert!(out.contains("kassa: 6 new"), "{out}");
    let mut imported = Shop::new(&config("", true, ""));
    imported.import(DOCS);
    assert_eq!(
        figures(&shop.days()),
        figures(&imported.days()),
        "the same days, to the cent"
    );
    let d2 = shop.day("2026-03-02");
    assert_eq!(d2["tips"], "2.50");
    assert_eq!(shop.day("2026-03-03")["skipped"], 1, "the eCom register is ignored");

    // The rotated refresh token is stored in a 0600 file and used from then on.
    let token = shop.data().join("lightspeed-kassa.token");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&token).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(std::fs::read_to_string(&token).unwrap(), r.fake.current_refresh());
    let again = sync(&shop, 0);
    assert!(again.contains("0 new, 0 changed"), "{again}");
}

#[test]
fn a_sale_voided_after_confirmation_is_drift() {
    let r = rig();
    let shop = Shop::new(&config(&r.fake.url(), false, "timeout = \"5s\""));
    sync(&shop, 0);
    shop.expect(0, &["confirm", "--through", "2026-03-04"]);
    r.fake.load(vec![parse_line(
        br#"{"type":"void","id":"101","time":"2026-03-05T09:00:00+01:00"}"#,
    )
    .unwrap()]);
    let out = sync(&shop, 0);
    assert!(out.contains("1 voided"), "{out}");
    let d = shop.day("2026-03-02");
    assert_eq!(d["turnover"], "52.70", "unchanged: confirmed");
    assert_eq!(d["blockers"][0]["kind"], "drift");
}

#[test]
fn expired_tokens_rate_limits_and_server_errors_are_handled() {
    let r = rig();
    let shop = Shop::new(&config(&r.fake.url(), false, "timeout = \"5s\""));
    r.fake.extra.expired.store(1, Ordering::SeqCst);
    r.fake.extra.rate_limited.store(2, Ordering::SeqCst);
    r.fake.faults.server_error.store(1, Ordering::SeqCst);
    r.fake.faults.truncate.store(1, Ordering::SeqCst);
    let out = sync(&shop, 0);
    assert!(out.contains("6 new"), "{out}");
    let audit = shop.json(&["audit", "--json"]);
    let cursor = audit
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "sync cursor")
        .unwrap();
    assert_eq!(cursor["detail"]["throttled"], 2);
}

#[test]
fn a_slow_loris_answer_is_cut_off_by_the_timeout() {
    let r = rig();
    let shop = Shop::new(&config(&r.fake.url(), false, "timeout = \"2s\""));
    // Headers at once, then a byte every 100 ms: the whole answer would take minutes.
    r.fake.faults.drip_ms.store(100, std::sync::atomic::Ordering::SeqCst);
    let start = std::time::Instant::now();
    let out = sync(&shop, 1);
    let took = start.elapsed();
    assert!(out.contains("did not arrive in time"), "{out}");
    assert!(out.contains("nothing was stored"), "{out}");
    assert!(
        took < std::time::Duration::from_secs(40),
        "the run must end within its tries × timeout, took {took:?}"
    );
    assert!(shop.days().as_array().unwrap().iter().all(|d| d["turnover"] == "0.00"));
}

#[test]
fn a_revoked_refresh_token_fails_cleanly_and_stores_nothing() {
    let r = rig();
    let shop = Shop::new(&config(&r.fake.url(), false, "timeout = \"5s\""));
    let out = shop
        .cmd(&["sync", "--once"])
        .env("DAGKAS_TEST_LS_SECRET", CLIENT_SECRET)
        .env("DAGKAS_TEST_LS_REFRESH", "rt-revoked")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text.contains("invalid_grant") && text.contains("dagkas login"),
        "{text}"
    );
    assert!(text.contains("nothing was stored"), "{text}");
    assert!(shop.days().as_array().unwrap().iter().all(|d| d["turnover"] == "0.00"));
}

#[test]
fn login_from_the_terminal_catches_the_redirect_and_stores_the_token() {
    let r = rig();
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let shop = Shop::new(&config(
        &r.fake.url(),
        false,
        &format!("timeout = \"5s\"\nredirect_uri = \"http://127.0.0.1:{port}/callback\""),
    ));
    let mut child = shop
        .cmd(&["login", "kassa"])
        .env("DAGKAS_TEST_LS_SECRET", CLIENT_SECRET)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = loop {
        let l = lines.next().unwrap().unwrap();
        if l.contains("response_type=code") {
            break l;
        }
    };
    assert!(
        url.contains("client_id=dagkas-test") && url.contains("scope=employee%3Aregister_read"),
        "{url}"
    );
    let state = url
        .split("state=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_string();
    // The browser follows the redirect back to dagkas.
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    use std::io::{Read, Write};
    write!(
        stream,
        "GET /callback?code=code-xyz&state={state} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .unwrap();
    let mut page = String::new();
    stream.read_to_string(&mut page).unwrap();
    assert!(page.contains("logged in"), "{page}");
    let status = child.wait().unwrap();
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(status.success(), "{rest:?}");
    let token = shop.data().join("lightspeed-kassa.token");
    assert_eq!(std::fs::read_to_string(&token).unwrap(), r.fake.current_refresh());
    // The stored token is used without the environment variable.
    let out = shop
        .cmd(&["sync", "--once"])
        .env("DAGKAS_TEST_LS_SECRET", CLIENT_SECRET)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(shop.expect(0, &["audit"]).contains("login"));
}

#[test]
fn a_server_that_changes_between_pages_converges_on_the_next_run() {
    let r = rig();
    let shop = Shop::new(&config(&r.fake.url(), false, "timeout = \"5s\""));
    // While dagkas reads page 1, a sale sorting first appears: page 2 shifts by one.
    let early = r#"{"type":"ticket","id":"100","branch":"1","register":"Kassa 1","time":"2026-03-05T09:00:00+01:00","lines":[{"vat":"21","amount":"1.21"}],"payments":[{"method":"Cash","amount":"1.21"}]}"#;
    r.fake.change_between_pages(vec![parse_line(early.as_bytes()).unwrap()]);
    sync(&shop, 0);
    sync(&shop, 0);
    let mut all: Vec<&str> = DOCS.to_vec();
    all.push(early);
    let mut imported = Shop::new(&config("", true, ""));
    imported.import(&all);
    assert_eq!(
        figures(&shop.days()),
        figures(&imported.days()),
        "nothing skipped, nothing twice"
    );
}

#[test]
fn neither_secret_nor_token_reaches_the_log() {
    let r = rig();
    let shop = Shop::new(&config(&r.fake.url(), false, "timeout = \"5s\""));
    let log = shop.dir.path().join("dagkas.log");
    r.fake.faults.server_error.store(1, Ordering::SeqCst);
    r.fake.extra.expired.store(1, Ordering::SeqCst);
    let out = shop
        .cmd(&["sync", "--once"])
        .env("DAGKAS_TEST_LS_SECRET", CLIENT_SECRET)
        .env("DAGKAS_TEST_LS_REFRESH", FIRST_REFRESH)
        .env("DAGKAS_LOG", &log)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains("retry"), "{text}");
    for secret in [CLIENT_SECRET, FIRST_REFRESH, "rt-", "at-"] {
        assert!(!text.contains(secret), "{secret} in the log: {text}");
    }
}

#[test]
fn the_demo_source_speaks_lightspeed_through_the_same_fake() {
    let mut shop = Shop::new(&config("", true, ""));
    let path = shop.file(DOCS);
    let cfg = config("", true, "").replace(
        "[[source]]\nname = \"kassa\"\nkind = \"file\"",
        &format!(
            "[[source]]\nname = \"kassa\"\nkind = \"demo\"\nprotocol = \"lightspeed\"\npath = \"{}\"",
            path.display()
        ),
    );
    std::fs::write(shop.config_path(), cfg).unwrap();
    let out = shop.expect(0, &["sync", "--once"]);
    assert!(out.contains("kassa: 6 new"), "{out}");
    let mut imported = Shop::new(&config("", true, ""));
    imported.import(DOCS);
    assert_eq!(figures(&shop.days()), figures(&imported.days()));
    let again = shop.expect(0, &["sync", "--once"]);
    assert!(again.contains("0 new, 0 changed"), "{again}");
}
