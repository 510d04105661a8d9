//! The MplusKASSA connector against the local fake MplusQapi server: sync equals import,
//! a second sync fetches nothing, changes after confirmation are drift, faults are retried
//! or fail cleanly with the store unchanged, and the secret never reaches the log.

#[path = "common/mod.rs"]
mod common;
use common::*;

use dagkas::domain::calendar::BusinessCalendar;
use dagkas::domain::document::{parse_line, Document};
use dagkas::pos::fake::mplus::FakeMplus;
use std::sync::atomic::Ordering;

const SECRET: &str = "s3cr3t-Mplus-9f2c";

const DOCS: &[&str] = &[
    r#"{"type":"ticket","id":"R1","branch":"1","register":"2","time":"2026-03-02T09:15:00+01:00","lines":[{"vat":"1","amount":"12.10","vat_amount":"2.10"},{"vat":"2","amount":"10.60","vat_amount":"0.60"}],"payments":[{"method":"CASH","amount":"25.00"},{"method":"CASH","amount":"-2.30"}]}"#,
    r#"{"type":"ticket","id":"R2","branch":"1","register":"1","time":"2026-03-03T01:30:00+01:00","lines":[{"vat":"1","amount":"121.00","vat_amount":"21.00"}],"payments":[{"method":"EFT","amount":"121.00"}]}"#,
    r#"{"type":"ticket","id":"R3","branch":"1","register":"1","time":"2026-03-03T11:00:00+01:00","lines":[{"vat":"1","amount":"-12.10","vat_amount":"-2.10"}],"payments":[{"method":"CASH","amount":"-12.10"}]}"#,
    r#"{"type":"ticket","id":"R4","branch":"1","register":"1","time":"2026-03-04T12:00:00+01:00","lines":[{"vat":"1","amount":"12.12","vat_amount":"2.10"}],"payments":[{"method":"CASH","amount":"12.10"},{"method":"AFRONDING","amount":"0.02"}]}"#,
    r#"{"type":"cash","id":"CI1","drawer":"0","time":"2026-03-04T08:00:00+01:00","kind":"cash_in","amount":"50.00"}"#,
    r#"{"type":"cash","id":"CO1","drawer":"0","time":"2026-03-04T16:00:00+01:00","kind":"expense","amount":"7.50","account":"604000"}"#,
    r#"{"type":"order_payment","id":"OP1","order":"O55","branch":"1","register":"1","time":"2026-03-02T10:00:00+01:00","payments":[{"method":"EFT","amount":"50.00"}]}"#,
    r#"{"type":"ticket","id":"R9","order":"O55","prepaid":"50.00","branch":"1","register":"1","time":"2026-03-04T10:00:00+01:00","lines":[{"vat":"1","amount":"80.00","vat_amount":"13.88"}],"payments":[{"method":"CASH","amount":"30.00"}]}"#,
    r#"{"type":"invoice","id":"F1","branch":"1","date":"2026-03-02","debtor":{"name":"Janssens BV","email":""},"lines":[{"vat":"1","amount":"121.00","revenue_group":"8000 Omzet algemeen"}]}"#,
    r#"{"type":"invoice_payment","id":"IP1","invoice":"F1","branch":"1","register":"1","time":"2026-03-05T10:00:00+01:00","method":"EFT","amount":"121.00"}"#,
];

fn docs() -> Vec<Document> {
    DOCS.iter().map(|l| parse_line(l.as_bytes()).unwrap()).collect()
}

fn mplus_config(url: &str, extra: &str) -> String {
    BASE.replace(
        "[[source]]\nname = \"kassa\"\nkind = \"file\"",
        &format!("[[source]]\nname = \"kassa\"\nkind = \"mplus\"\nurl = \"{url}\"\nident = \"winkel\"\nsecret_env = \"DAGKAS_TEST_MPLUS_SECRET\"\n{extra}"),
    )
}

struct Rig {
    rt: tokio::runtime::Runtime,
    fake: FakeMplus,
}

fn rig() -> Rig {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let fake = rt
        .block_on(FakeMplus::start(BusinessCalendar::default(), "winkel", SECRET))
        .unwrap();
    fake.load(docs());
    Rig { rt, fake }
}

fn sync(shop: &Shop, code: i32) -> String {
    let out = shop
        .cmd(&["sync", "--once"])
        .env("DAGKAS_TEST_MPLUS_SECRET", SECRET)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(code), "{text}");
    text
}

/// A `sync --once` under way, its output kept.
fn start_sync(shop: &Shop) -> std::process::Child {
    shop.cmd(&["sync", "--once"])
        .env("DAGKAS_TEST_MPLUS_SECRET", SECRET)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn sync_equals_import_and_a_second_sync_fetches_nothing_new() {
    let r = rig();
    let shop = Shop::new(&mplus_config(&r.fake.url(), "timeout = \"5s\""));
    let out = sync(&shop, 0);
    assert!(out.contains("kassa: 10 new, 0 changed"), "{out}");
    // R22: the run's audit entry says what it printed (it said 0 for a run under 500).
    let entry = last_import_entry(&shop);
    assert_eq!(entry["detail"]["new"], 10, "{entry}");
    let synced = shop.days();

    let mut imported = Shop::base();
    imported.import(DOCS);
    assert_eq!(
        book_figures(&synced),
        book_figures(&imported.days()),
        "the same days, to the cent"
    );
    assert_eq!(
        shop.json(&["invoices", "--json"])[0]["status"],
        "paid",
        "the invoice and its payment at the POS arrive together"
    );

    let again = sync(&shop, 0);
    assert!(again.contains("kassa: 0 new, 0 changed, 0 unchanged"), "{again}");
    assert!(r.fake.calls().iter().filter(|c| *c == "getReceipts").count() >= 2);
    drop(r.rt);
}

#[test]
fn a_change_after_confirmation_is_drift_not_a_silent_edit() {
    let r = rig();
    let shop = Shop::new(&mplus_config(&r.fake.url(), "timeout = \"5s\""));
    sync(&shop, 0);
    shop.expect(0, &["confirm", "--through", "2026-03-03"]);
    let before = shop.day("2026-03-02");
    // The POS corrects R1 afterwards: it comes back with a higher sync marker.
    let changed = DOCS[0]
        .replace("12.10", "24.20")
        .replace("2.10", "4.20")
        .replace("25.00", "37.10");
    r.fake.load(vec![parse_line(changed.as_bytes()).unwrap()]);
    let out = sync(&shop, 0);
    assert!(out.contains("1 changed"), "{out}");
    let after = shop.day("2026-03-02");
    assert_eq!(
        after["turnover"], before["turnover"],
        "a confirmed day never changes silently"
    );
    assert_eq!(after["blockers"][0]["kind"], "drift");
    assert_eq!(after["drift"]["documents"][0], "R1");
}

#[test]
fn transient_faults_are_retried() {
    let r = rig();
    let shop = Shop::new(&mplus_config(&r.fake.url(), "timeout = \"5s\""));
    r.fake.faults.server_error.store(2, Ordering::SeqCst);
    r.fake.faults.truncate.store(1, Ordering::SeqCst);
    let out = sync(&shop, 0);
    assert!(out.contains("10 new"), "{out}");
}

fn assert_unchanged_after_failure(shop: &Shop, out: &str, expect: &str) {
    assert!(out.contains(expect), "{out}");
    assert!(out.contains("nothing was stored"), "{out}");
    assert!(!out.contains(SECRET), "the secret leaked: {out}");
    let days = shop.days();
    assert!(
        days.as_array().unwrap().iter().all(|d| d["turnover"] == "0.00"),
        "a failed run stored documents"
    );
    let log = shop.expect(0, &["sync", "--log"]);
    assert!(!log.contains("sync kassa"), "{log}");
}

#[test]
fn a_server_that_keeps_failing_stores_nothing() {
    let r = rig();
    let shop = Shop::new(&mplus_config(&r.fake.url(), "timeout = \"5s\""));
    r.fake.faults.garbage.store(100, Ordering::SeqCst);
    let out = sync(&shop, 1);
    assert_unchanged_after_failure(&shop, &out, "answer is unusable");
}

#[test]
fn a_timeout_fails_cleanly() {
    let r = rig();
    let shop = Shop::new(&mplus_config(&r.fake.url(), "timeout = \"1s\""));
    r.fake.faults.delay_ms.store(2500, Ordering::SeqCst);
    let out = sync(&shop, 1);
    assert_unchanged_after_failure(&shop, &out, "could not reach the POS server");
}

#[test]
fn a_slow_loris_answer_is_cut_off_by_the_timeout() {
    let r = rig();
    let shop = Shop::new(&mplus_config(&r.fake.url(), "timeout = \"2s\""));
    // Headers at once, then a byte every 100 ms: the whole answer would take minutes.
    r.fake.faults.drip_ms.store(100, Ordering::SeqCst);
    let start = std::time::Instant::now();
    let out = sync(&shop, 1);
    let took = start.elapsed();
    assert_unchanged_after_failure(&shop, &out, "could not reach the POS server");
    assert!(
        took < std::time::Duration::from_secs(40),
        "the run must end within its tries × timeout, took {took:?}"
    );
}

#[test]
fn wrong_credentials_are_refused_without_echoing_the_secret() {
    let r = rig();
    let shop = Shop::new(&mplus_config(&r.fake.url(), "timeout = \"5s\""));
    let out = shop
        .cmd(&["sync", "--once"])
        .env("DAGKAS_TEST_MPLUS_SECRET", "wrong-secret-123")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("refused the call: Client.Authentication"), "{text}");
    assert!(!text.contains("wrong-secret-123"), "{text}");
    let missing = shop
        .cmd(&["sync", "--once"])
        .env_remove("DAGKAS_TEST_MPLUS_SECRET")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&missing.stderr).contains("DAGKAS_TEST_MPLUS_SECRET is not set"));
}

#[test]
fn the_secret_never_appears_in_the_log() {
    let r = rig();
    let shop = Shop::new(&mplus_config(&r.fake.url(), "timeout = \"1s\""));
    let log = shop.dir.path().join("dagkas.log");
    r.fake.faults.server_error.store(1, Ordering::SeqCst);
    let out = shop
        .cmd(&["sync", "--once"])
        .env("DAGKAS_TEST_MPLUS_SECRET", SECRET)
        .env("DAGKAS_LOG", &log)
        .output()
        .unwrap();
    assert!(out.status.success());
    r.fake.faults.delay_ms.store(1500, Ordering::SeqCst);
    shop.cmd(&["sync", "--once"])
        .env("DAGKAS_TEST_MPLUS_SECRET", SECRET)
        .env("DAGKAS_LOG", &log)
        .output()
        .unwrap();
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains("retry"), "the log records the retries: {text}");
    assert!(!text.contains(SECRET), "{text}");
    let audit = shop.expect(0, &["audit", "--json"]);
    assert!(!audit.contains(SECRET));
}

#[test]
fn plain_http_is_refused_for_a_remote_server() {
    let shop = Shop::new(&mplus_config("http://pos.example.invalid:44300", ""));
    let out = shop
        .cmd(&["sync", "--once"])
        .env("DAGKAS_TEST_MPLUS_SECRET", SECRET)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("must use https"));
}

#[test]
fn the_demo_source_speaks_mplus_through_the_same_fake() {
    let mut shop = Shop::base();
    let path = shop.file(DOCS);
    let cfg = BASE.replace(
        "[[source]]\nname = \"kassa\"\nkind = \"file\"",
        &format!(
            "[[source]]\nname = \"kassa\"\nkind = \"demo\"\nprotocol = \"mplus\"\npath = \"{}\"",
            path.display()
        ),
    );
    std::fs::write(shop.config_path(), cfg).unwrap();
    let out = shop.expect(0, &["sync", "--once"]);
    assert!(out.contains("kassa: 10 new"), "{out}");
    let mut imported = Shop::base();
    imported.import(DOCS);
    assert_eq!(book_figures(&shop.days()), book_figures(&imported.days()));
}

#[test]
fn a_huge_answer_is_refused_with_bounded_memory() {
    let r = rig();
    let shop = Shop::new(&mplus_config(&r.fake.url(), "timeout = \"5s\"\nmax_body_mb = \"1\""));
    r.fake.faults.huge_mb.store(3, Ordering::SeqCst);
    let out = sync(&shop, 1);
    assert_unchanged_after_failure(&shop, &out, "larger than 1 MiB");
}

#[test]
fn a_redirect_to_another_host_is_refused() {
    let r = rig();
    let shop = Shop::new(&mplus_config(&r.fake.url(), "timeout = \"5s\""));
    r.fake.faults.redirect.store(1, Ordering::SeqCst);
    let out = sync(&shop, 1);
    assert_unchanged_after_failure(&shop, &out, "redirects are refused");
}

#[test]
fn the_secret_never_leaves_for_another_origin() {
    let r = rig();
    let thief = Thief::start("127.0.0.2");
    let port = r.fake.addr.port();
    // Userinfo makes these look like the local server to a reader; they name another host.
    for url in [
        format!("http://127.0.0.1:{port}@{}", thief.addr),
        format!("http://localhost@{}", thief.addr),
        format!("http://127.0.0.1.{}.nip.example", thief.addr.ip()),
    ] {
        let shop = Shop::new(&mplus_config(&url, "timeout = \"5s\""));
        let out = sync(&shop, 1);
        assert!(
            out.contains("user name or password in the URL") || out.contains("must use https"),
            "{url}: {out}"
        );
    }
    // Redirects are refused too (a_redirect_to_another_host_is_refused); nothing arrived.
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(thief.received().is_empty(), "{}", thief.received());
}

/// The store is let go while the POS is asked: a slow POS keeps no reviewer or script
/// waiting, and a change made meanwhile stays with what the run brings.
#[test]
fn a_slow_pos_keeps_no_one_waiting() {
    let r = rig();
    let shop = Shop::new(&mplus_config(&r.fake.url(), "timeout = \"20s\""));
    // Every answer takes 1.5 s: the run asks for receipts, invoices and orders.
    r.fake.faults.delay_ms.store(1500, Ordering::SeqCst);
    let run = start_sync(&shop);
    std::thread::sleep(std::time::Duration::from_millis(700));
    let started = std::time::Instant::now();
    // Each gives up after a second of waiting.
    let at_once = |args: &[&str]| shop.cmd(args).env("DAGKAS_LOCK_WAIT", "1").output().unwrap();
    let listed = at_once(&["days", "--json"]);
    assert!(
        listed.status.success(),
        "a listing waited for the POS: {}",
        text(&listed)
    );
    let mapped = at_once(&["map", "--book", "DO1", "method:AFRONDING=CASH"]);
    assert!(
        mapped.status.success(),
        "a change waited for the POS: {}",
        text(&mapped)
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(3));
    let out = run.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("kassa: 10 new"), "{}", text(&out));
    // Everything arrived, under the mapping made meanwhile.
    r.fake.faults.delay_ms.store(0, Ordering::SeqCst);
    let mut imported = Shop::base();
    imported.import(DOCS);
    imported.expect(0, &["map", "--book", "DO1", "method:AFRONDING=CASH"]);
    assert_eq!(book_figures(&shop.days()), book_figures(&imported.days()));
    shop.expect(0, &["check"]);
}

/// Two runs at once (the service and a `sync --once` from a second shell) ask the POS from
/// the same cursor; the first to store moves it, and the other stores nothing: an older
/// asking never overwrites what a newer one stored.
#[test]
fn two_runs_at_once_store_what_came_once() {
    let r = rig();
    let shop = Shop::new(&mplus_config(&r.fake.url(), "timeout = \"20s\""));
    r.fake.faults.delay_ms.store(1000, Ordering::SeqCst);
    let first = start_sync(&shop);
    std::thread::sleep(std::time::Duration::from_millis(300));
    let second = start_sync(&shop);
    let outs: Vec<String> = [first, second]
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            assert!(out.status.success(), "{}", text(&out));
            text(&out)
        })
        .collect();
    assert_eq!(
        outs.iter().filter(|o| o.contains("kassa: 10 new")).count(),
        1,
        "{outs:?}"
    );
    assert_eq!(
        outs.iter()
            .filter(|o| o.contains("kassa: another run stored what came meanwhile"))
            .count(),
        1,
        "{outs:?}"
    );
    r.fake.faults.delay_ms.store(0, Ordering::SeqCst);
    let mut imported = Shop::base();
    imported.import(DOCS);
    assert_eq!(book_figures(&shop.days()), book_figures(&imported.days()));
    // The next run asks from where the first one ended.
    let again = sync(&shop, 0);
    assert!(again.contains("kassa: 0 new, 0 changed, 0 unchanged"), "{again}");
    shop.expect(0, &["check"]);
}

/// An open screen runs the schedule on a thread of its own: while its run waits for a slow
/// POS, the person steps through the days and reads each one.
#[test]
fn a_screen_reads_on_while_its_run_waits_for_the_pos() {
    if !require_tool("tmux") {
        return;
    }
    let r = rig();
    let shop = Shop::new(&mplus_config(&r.fake.url(), "timeout = \"30s\"\ninterval = \"1s\""));
    sync(&shop, 0);
    // The screen's run asks three times, 3 s each.
    r.fake.faults.delay_ms.store(3000, Ordering::SeqCst);
    let asked = r.fake.calls().len();
    let store = shop
        .store_url
        .as_ref()
        .map(|u| format!("DAGKAS_STORE_URL='{u}' "))
        .unwrap_or_default();
    let tmux = Tmux::new("slowpos");
    tmux.start(
        100,
        30,
        &format!(
            "env {store}DAGKAS_TODAY={} DAGKAS_TEST_MPLUS_SECRET={SECRET} USER=dana TERM=xterm-256color {} --config {} --data {}",
            shop.today,
            env!("CARGO_BIN_EXE_dagkas"),
            shop.config_path().display(),
            shop.data().display()
        ),
    );
    tmux.wait_for("POS 2026-03-01");
    // The run is due at once and is now waiting for the POS.
    std::thread::sleep(std::time::Duration::from_millis(2000));
    tmux.keys(&["j"]);
    let start = std::time::Instant::now();
    let screen = loop {
        let screen = tmux.screen();
        if screen.contains("POS 2026-03-02") && screen.contains("docs") && !screen.contains("loading…") {
            break screen;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(5),
            "the day was not read while the run waited:\n{screen}"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    assert!(
        r.fake.calls().len() < asked + 3,
        "the run had ended before the day was read:\n{screen}"
    );
    // The run ends and says so.
    let done = std::time::Instant::now();
    while !tmux.screen().contains("dana (tui)") {
        assert!(done.elapsed() < std::time::Duration::from_secs(30), "{}", tmux.screen());
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    tmux.keys(&["q"]);
    r.fake.faults.delay_ms.store(0, Ordering::SeqCst);
    shop.expect(0, &["check"]);
}

/// A run asks the POS under the config it read at its start: when the sources' settings
/// change before it stores, it stores nothing, and the next run asks under the new ones.
#[test]
fn a_config_changed_while_the_pos_is_asked_stores_nothing() {
    let r = rig();
    let shop = Shop::new(&mplus_config(&r.fake.url(), "timeout = \"20s\""));
    r.fake.faults.delay_ms.store(1000, Ordering::SeqCst);
    let run = start_sync(&shop);
    std::thread::sleep(std::time::Duration::from_millis(700));
    std::fs::write(shop.config_path(), mplus_config(&r.fake.url(), "timeout = \"30s\"")).unwrap();
    let out = run.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("the config changed while the POS was asked; nothing stored"),
        "{}",
        text(&out)
    );
    assert!(shop.days().as_array().unwrap().iter().all(|d| d["turnover"] == "0.00"));
    r.fake.faults.delay_ms.store(0, Ordering::SeqCst);
    let again = sync(&shop, 0);
    assert!(again.contains("kassa: 10 new"), "{again}");
    shop.expect(0, &["check"]);
}

/// A ticket read as the POS sends it, balanced or not (parse_line would refuse it).
fn unbalanced(id: &str, time: &str, sold: &str, paid: &str) -> Document {
    let line = format!(
        r#"{{"type":"ticket","id":"{id}","branch":"1","register":"1","time":"{time}","lines":[{{"vat":"1","amount":"{sold}"}}],"payments":[{{"method":"CASH","amount":"{sold}"}}]}}"#
    );
    let Document::Ticket(mut t) = parse_line(line.as_bytes()).unwrap() else {
        unreachable!()
    };
    t.payments[0].amount = paid.parse().unwrap();
    Document::Ticket(t)
}

#[test]
fn what_the_book_cannot_take_is_held_on_its_day_until_a_person_decides() {
    let r = rig();
    // R7 does not balance (20.00 sold, 15.00 paid); R8 comes as a kind the connector does
    // not know. Neither may vanish from the book unseen.
    r.fake.load([
        unbalanced("R7", "2026-03-03T12:00:00+01:00", "20.00", "15.00"),
        unbalanced("R8", "2026-03-05T12:00:00+01:00", "30.00", "30.00"),
    ]);
    r.fake.set_receipt_type("R8", "RECEIPT-TYPE-MYSTERY");
    let shop = Shop::new(&mplus_config(&r.fake.url(), "timeout = \"5s\""));
    let out = sync(&shop, 0);
    assert!(out.contains("2 held for a decision"), "{out}");
    assert!(out.contains("R7") && out.contains("R8"), "{out}");

    let d3 = shop.day("2026-03-03");
    let held = d3["blockers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["kind"] == "held")
        .expect("held on 03-03");
    assert_eq!(held["document"], "R7");
    assert_eq!(held["turnover"], "20.00");
    assert_eq!(held["payments"], "15.00");
    // Until decided, the day's figures are the other documents': R3's refund alone.
    assert_eq!(d3["turnover"], "-12.10");
    assert_eq!(d3["held"][0]["id"], "R7");
    let d5 = shop.day("2026-03-05");
    assert!(blockers(&d5).contains(&"held".to_string()), "{d5}");
    assert_eq!(d5["held"][0]["what"], "receipt");
    assert_eq!(d5["held"][0]["bookable"], false);
    // Kept as received: the whole receipt, for a person to read.
    let listed = shop.json(&["held", "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), 2, "{listed}");
    let r8 = listed.as_array().unwrap().iter().find(|h| h["id"] == "R8").unwrap();
    assert!(
        r8["received"].as_str().unwrap().contains("RECEIPT-TYPE-MYSTERY"),
        "{r8}"
    );
    assert_eq!(r8["date"], "2026-03-05");
    // The sync's audit names them.
    let audit = shop.json(&["audit", "--json"]);
    let cursor = audit
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|e| e["action"] == "sync cursor")
        .unwrap();
    assert_eq!(cursor["detail"]["held"].as_array().unwrap().len(), 2, "{cursor}");

    // The held day cannot be confirmed: R7 stops at it.
    let out = shop.expect(3, &["confirm", "--through", "2026-03-09"]);
    assert!(out.contains("R7"), "{out}");
    assert_eq!(shop.day("2026-03-02")["status"], "confirmed");
    assert_eq!(shop.day("2026-03-03")["status"], "proposed");

    // Decisions need a reason; R8 cannot be booked (nothing could be read of it).
    shop.expect(2, &["held", "book", "kassa", "R7"]);
    let out = shop.expect(1, &["held", "book", "kassa", "R8", "--reason", "x"]);
    assert!(out.contains("cannot be booked as sent"), "{out}");
    // R7 booked as sent: the day now counts it and shows itself unbalanced (R1).
    shop.expect(
        0,
        &[
            "held",
            "book",
            "kassa",
            "R7",
            "--reason",
            "the receipt as the shop rang it up",
        ],
    );
    let d3 = shop.day("2026-03-03");
    assert_eq!(d3["turnover"], "7.90", "-12.10 + 20.00");
    assert_eq!(d3["payments"], "2.90", "-12.10 + 15.00");
    assert_eq!(blockers(&d3), ["unbalanced"], "{d3}");
    assert_eq!(d3["held"][0]["decision"]["choice"], "book");
    // Corrected as an edit: the cash really received was 20.00.
    shop.edit("2026-03-03", "payment:CASH=7.90", "recounted: 20.00 paid in cash");
    shop.expect(
        0,
        &[
            "held",
            "leave-out",
            "kassa",
            "R8",
            "--reason",
            "a test receipt of the POS supplier",
        ],
    );
    shop.expect(1, &["held", "leave-out", "kassa", "R8", "--reason", "twice"]);
    let out = shop.expect(0, &["confirm", "--through", "2026-03-09"]);
    assert!(out.contains("confirmed"), "{out}");
    assert_eq!(shop.day("2026-03-05")["status"], "confirmed");
    assert_eq!(shop.day("2026-03-05")["turnover"], shop.day("2026-03-05")["payments"]);
    shop.expect(0, &["check"]);
    let audit = shop.json(&["audit", "--json"]);
    let decided: Vec<&serde_json::Value> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "held decided")
        .collect();
    assert_eq!(decided.len(), 2);
    assert_eq!(decided[0]["reason"], "the receipt as the shop rang it up");
    assert_eq!(decided[0]["detail"]["choice"], "book");
    assert_eq!(decided[1]["detail"]["choice"], "leave_out");
    let log = shop.expect(0, &["sync", "--log"]);
    assert!(log.contains("2 held, 0 waiting for a decision"), "{log}");
    // A second sync brings them again unchanged: the decisions stand.
    let again = sync(&shop, 0);
    assert!(again.contains("0 new"), "{again}");
    assert!(shop.day("2026-03-05")["blockers"].as_array().unwrap().is_empty());
}

#[test]
fn a_day_is_complete_only_once_a_run_reached_past_its_end() {
    let r = rig();
    let mut shop = Shop::new(&mplus_config(&r.fake.url(), "timeout = \"5s\""));
    // A first sync that fails: no day is proposed as if the POS had reported it empty.
    r.fake.faults.server_error.store(1000, Ordering::SeqCst);
    sync(&shop, 1);
    let days = shop.days();
    for d in days.as_array().unwrap() {
        assert_eq!(d["status"], "empty", "{d}");
        assert_eq!(blockers(d), ["waiting"], "{d}");
    }
    shop.expect(3, &["confirm", "--through", "2026-03-09"]);
    assert!(shop.days().as_array().unwrap().iter().all(|d| d["status"] == "empty"));
    // A run that stops part-way (the receipts came, the invoices did not) stores nothing
    // and makes no day whole.
    r.fake.faults.healthy_first.store(1, Ordering::SeqCst);
    let out = sync(&shop, 1);
    assert!(out.contains("nothing"), "{out}");
    assert!(r.fake.calls().iter().filter(|c| *c == "getReceipts").count() >= 1);
    let days = shop.days();
    assert!(
        days.as_array()
            .unwrap()
            .iter()
            .all(|d| d["status"] == "empty" && d["documents"] == 0),
        "{days}"
    );

    // A run that succeeds on the 6th: the days through the 5th are whole.
    r.fake.faults.server_error.store(0, Ordering::SeqCst);
    shop.today = "2026-03-06".into();
    sync(&shop, 0);
    // Four days later, with the POS failing since: the 6th to the 9th wait for their data.
    r.fake.faults.server_error.store(1000, Ordering::SeqCst);
    shop.today = "2026-03-10".into();
    sync(&shop, 1);
    let d6 = shop.day("2026-03-06");
    assert_eq!(d6["status"], "empty");
    let waiting = &d6["blockers"][0];
    assert_eq!(waiting["kind"], "waiting");
    assert_eq!(waiting["source"], "kassa");
    assert_eq!(waiting["complete_through"], "2026-03-05");
    assert!(waiting["last_run"].is_string(), "{waiting}");
    assert!(blockers(&shop.day("2026-03-05")).is_empty());
    let out = shop.expect(3, &["confirm", "--through", "2026-03-09"]);
    assert!(out.contains("waiting for its data"), "{out}");
    assert_eq!(shop.day("2026-03-05")["status"], "confirmed");
    assert_eq!(shop.day("2026-03-06")["status"], "empty");
    // The table says it too.
    let table = shop.expect(0, &["days"]);
    let row = table.lines().find(|l| l.contains("2026-03-06")).unwrap();
    assert!(row.contains("waiting"), "{row}");
    // A state, not damage: check warns and passes; a waiting day is not overdue.
    let check = shop.expect(0, &["check"]);
    assert!(check.contains("warning: waiting: DO1 2026-03-06"), "{check}");
    assert_eq!(shop.day("2026-03-06")["overdue"], false);

    // The POS answers again: the days are whole, zero days proposed (R3), and confirmable.
    r.fake.faults.server_error.store(0, Ordering::SeqCst);
    sync(&shop, 0);
    let d6 = shop.day("2026-03-06");
    assert_eq!(d6["status"], "proposed");
    assert!(blockers(&d6).is_empty(), "{d6}");
    shop.expect(0, &["confirm", "--through", "2026-03-09"]);
    shop.expect(0, &["check"]);
}

#[test]
fn a_document_without_a_usable_date_stops_its_source_until_a_person_decides() {
    let r = rig();
    r.fake
        .load([unbalanced("R99", "2026-03-06T12:00:00+01:00", "5.00", "5.00")]);
    r.fake.strip_from_receipt("R99", "entryTimestamp");
    r.fake.strip_from_receipt("R99", "financialDate");
    let shop = Shop::new(&mplus_config(&r.fake.url(), "timeout = \"5s\""));
    let out = sync(&shop, 1);
    assert!(
        out.contains("cannot be put on a day") && out.contains("receipt R99"),
        "{out}"
    );
    assert!(out.contains("dagkas held leave-out kassa R99"), "{out}");
    // Nothing of the run is stored, no day is whole; the document is kept to be seen.
    assert!(shop
        .days()
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["documents"] == 0 && d["status"] == "empty"));
    let held = shop.json(&["held", "--json"]);
    assert_eq!(held[0]["id"], "R99");
    assert!(held[0]["date"].is_null(), "{held}");
    assert!(
        held[0]["received"]
            .as_str()
            .unwrap()
            .contains("<receiptId>R99</receiptId>"),
        "{held}"
    );
    // Runs keep stopping before it until a person decides.
    sync(&shop, 1);
    shop.expect(
        0,
        &[
            "held",
            "leave-out",
            "kassa",
            "R99",
            "--reason",
            "a training receipt without a date",
        ],
    );
    let out = sync(&shop, 0);
    assert!(out.contains("kassa: 10 new"), "{out}");
    assert!(!out.contains("held"), "decided, it is not held again: {out}");
    assert!(blockers(&shop.day("2026-03-06")).is_empty());
    shop.expect(0, &["confirm", "--through", "2026-03-09"]);
    shop.expect(0, &["check"]);
}

#[test]
fn a_server_that_cannot_be_reached_is_named_with_the_cause() {
    // Nobody listens on this port any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let shop = Shop::new(&mplus_config(&format!("http://127.0.0.1:{port}"), "timeout = \"5s\""));
    let out = sync(&shop, 1);
    assert!(
        out.contains(&format!("http://127.0.0.1:{port} refused the connection")),
        "{out}"
    );
    assert!(!out.contains(SECRET), "{out}");
    // TLS spoken to a server that speaks plain HTTP.
    let r = rig();
    let plain = r.fake.url().replace("http://", "https://");
    let shop = Shop::new(&mplus_config(&plain, "timeout = \"5s\""));
    let out = sync(&shop, 1);
    assert!(out.contains(&plain) && out.contains("does not speak TLS"), "{out}");
    for l in ["nl_BE.UTF-8", "fr_BE.UTF-8"] {
        let out = shop
            .cmd(&["sync", "--once"])
            .env("DAGKAS_TEST_MPLUS_SECRET", SECRET)
            .env("LC_ALL", l)
            .output()
            .unwrap();
        let said = text(&out);
        assert!(said.contains(&plain) && said.contains("TLS"), "{l}: {said}");
    }
}
