//! Notifications against a local SMTP server and a local HTTP receiver: the import report,
//! the turnover of the day and alerts arrive in the dossier's language with the amounts of
//! `days`, each once, also after a restart; a server that refuses, drops or hangs leaves
//! the sync's result as it is and gets the message on a later run; secrets stay secret.

#[path = "common/mod.rs"]
mod common;
use common::*;

const PASSWORD: &str = "smtp-pass-8d1e";
const TOKEN: &str = "hook-token-41ac";

fn ticket(id: &str, day: u32, v21: &str, v6: &str, cash: &str) -> String {
    format!(
        r#"{{"type":"ticket","id":"{id}","branch":"1","register":"1","time":"2026-03-{day:02}T10:00:00+01:00","lines":[{{"vat":"1","amount":"{v21}"}},{{"vat":"2","amount":"{v6}"}}],"payments":[{{"method":"CASH","amount":"{cash}"}}]}}"#
    )
}

struct Rig {
    shop: Shop,
    feed: std::path::PathBuf,
    smtp: FakeSmtp,
    hook: FakeHook,
}

fn rig(language: &str) -> Rig {
    let smtp = FakeSmtp::start();
    let hook = FakeHook::start();
    let shop = Shop::base();
    let feed = shop.dir.path().join("feed.jsonl");
    let config =
        BASE.replace(
            "name = \"Testwinkel\"",
            &format!("name = \"Testwinkel\"\nlanguage = \"{language}\""),
        )
        .replace(
            "kind = \"file\"",
            &format!("kind = \"file\"\npath = \"{}\"", feed.display()),
        ) + &format!(
            r#"
[[notify]]
channel = "email"
to = ["boekhouding@example.be"]
from = "dagkas@example.be"
smtp = "127.0.0.1:{}"
tls = "none"
user = "dagkas"
password_env = "DAGKAS_TEST_SMTP_PASSWORD"
what = ["import", "turnover", "alerts"]

[[notify]]
channel = "webhook"
url = "http://127.0.0.1:{}/hook"
secret_env = "DAGKAS_TEST_HOOK_TOKEN"
what = ["import", "alerts"]
"#,
            smtp.addr.port(),
            hook.addr.port()
        );
    std::fs::write(shop.config_path(), config).unwrap();
    Rig { shop, feed, smtp, hook }
}

impl Rig {
    fn sync(&self) -> std::process::Output {
        self.shop
            .cmd(&["sync", "--once"])
            .env("DAGKAS_TEST_SMTP_PASSWORD", PASSWORD)
            .env("DAGKAS_TEST_HOOK_TOKEN", TOKEN)
            .env("DAGKAS_NOTIFY_TIMEOUT_S", "2")
            .env("DAGKAS_NOTIFY_BACKOFF_S", "1")
            .env("DAGKAS_LOG", self.shop.dir.path().join("dagkas.log"))
            .output()
            .unwrap()
    }

    fn feed(&self, lines: &[String]) {
        std::fs::write(&self.feed, lines.join("\n") + "\n").unwrap();
    }
}

/// The decoded text of a mail (quoted-printable or base64 parts).
fn plain(raw: &str) -> String {
    let unfolded = raw.replace("=\r\n", "").replace("=\n", "");
    let mut out = String::new();
    let mut chars = unfolded.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '=' {
            let hex: String = chars.clone().take(2).collect();
            if hex.len() == 2 && hex.chars().all(|h| h.is_ascii_hexdigit()) {
                let mut bytes = vec![u8::from_str_radix(&hex, 16).unwrap()];
                chars.next();
                chars.next();
                // A multi-byte character comes as several =XX in a row.
                while chars.peek() == Some(&'=') {
                    let more: String = chars.clone().skip(1).take(2).collect();
                    match u8::from_str_radix(&more, 16) {
                        Ok(b) if more.len() == 2 && b >= 0x80 && (b & 0xC0) == 0x80 => {
                            bytes.push(b);
                            chars.next();
                            chars.next();
                            chars.next();
                        }
                        _ => break,
                    }
                }
                out.push_str(&String::from_utf8_lossy(&bytes));
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[test]
fn reports_arrive_once_in_the_dossiers_language_with_the_figures_of_days() {
    let r = rig("nl");
    r.feed(&[
        ticket("T1", 2, "12.10", "10.60", "22.70"),
        ticket("T2", 9, "1234.50", "31.80", "1266.30"),
    ]);
    let out = r.sync();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mails: Vec<String> = r.smtp.messages().iter().map(|m| plain(m)).collect();
    assert_eq!(mails.len(), 3, "import, turnover of yesterday, alerts: {mails:#?}");
    let import = mails
        .iter()
        .find(|m| m.contains("importrapport"))
        .expect("an import report");
    assert!(
        import.contains("kassa: 2 nieuw, 0 gewijzigd, 0 geannuleerd"),
        "{import}"
    );
    assert!(
        import.contains("ma 02-03-2026: 1 document\n") || import.contains("ma 02-03-2026: 1 document\r"),
        "{import}"
    );
    let turnover = mails
        .iter()
        .find(|m| m.contains("omzet van"))
        .expect("a turnover report");
    // The same amounts as `days`, written the Dutch way.
    let day = r.shop.day("2026-03-09");
    assert_eq!(day["turnover"], "1266.30");
    assert!(turnover.contains("ma 09-03-2026"), "{turnover}");
    assert!(
        turnover.contains("V21 (21%): 1.234,50 incl. btw, btw 214,25"),
        "{turnover}"
    );
    assert!(turnover.contains("V6 (6%): 31,80 incl. btw, btw 1,80"), "{turnover}");
    assert!(turnover.contains("CASH: 1.266,30"), "{turnover}");
    assert!(turnover.contains("Omzet 1.266,30 · betalingen 1.266,30"), "{turnover}");
    assert!(
        turnover.contains(&format!("Kas KAS1: eindsaldo {}", "1.389,00")),
        "100 + 22,70 + 1.266,30: {turnover}"
    );
    assert!(
        turnover.contains("Content-Type: text/html"),
        "an HTML alternative: {turnover}"
    );
    let alerts = mails.iter().find(|m| m.contains("vraagt aandacht")).expect("alerts");
    assert!(alerts.contains("DO1 ma 02-03-2026 wacht op nazicht"), "{alerts}");
    // The webhook: import and alerts, as data with the same figures.
    let hooks = r.hook.bodies();
    assert_eq!(hooks.len(), 2, "{hooks:#?}");
    assert_eq!(hooks[0]["kind"], "import");
    assert_eq!(hooks[0]["data"]["batches"][0]["new"], 2);
    assert_eq!(hooks[1]["kind"], "alerts");
    // Nothing new: nothing sent, also by a new process.
    for _ in 0..2 {
        assert!(r.sync().status.success());
    }
    assert_eq!(r.smtp.messages().len(), 3);
    assert_eq!(r.hook.bodies().len(), 2);
}

#[test]
fn a_server_that_fails_leaves_the_sync_as_it_is_and_gets_the_message_later() {
    let r = rig("en");
    r.feed(&[ticket("T1", 2, "12.10", "10.60", "22.70")]);
    assert!(r.sync().status.success());
    let hooks = r.hook.bodies().len();
    for (round, behaviour) in [Behaviour::Refuse, Behaviour::Drop, Behaviour::Hang]
        .into_iter()
        .enumerate()
    {
        let mails = r.smtp.messages().len();
        r.smtp.set(behaviour);
        r.hook.set(behaviour);
        let id = format!("N{round}");
        let mut lines = vec![ticket("T1", 2, "12.10", "10.60", "22.70")];
        lines.push(ticket(&id, 3 + round as u32, "1.21", "0.00", "1.21"));
        r.feed(&lines);
        let out = r.sync();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{behaviour:?}: the sync itself succeeded: {err}");
        assert!(err.contains("notify:"), "{behaviour:?}: {err}");
        assert_eq!(
            r.shop.day(&format!("2026-03-{:02}", 3 + round))["turnover"],
            "1.21",
            "the documents are in"
        );
        assert_eq!(r.smtp.messages().len(), mails, "{behaviour:?}");
        // The server is back: the waiting report goes out once, with what it missed.
        r.smtp.set(Behaviour::Answer);
        r.hook.set(Behaviour::Answer);
        std::thread::sleep(std::time::Duration::from_millis(1100 << round));
        assert!(r.sync().status.success());
        let sent = r.smtp.messages();
        let import = plain(sent.last().unwrap());
        assert!(
            import.contains(&format!("kassa: {} new", round + 1)) || import.contains("import report"),
            "{import}"
        );
        assert!(r.sync().status.success());
        assert_eq!(r.smtp.messages().len(), sent.len(), "no second copy");
    }
    assert!(r.hook.bodies().len() > hooks);
    let audit = r.shop.json(&["audit", "--json"]);
    assert!(audit.as_array().unwrap().iter().any(|e| e["action"] == "notify failed"));
}

#[test]
fn secrets_stay_in_the_request() {
    let r = rig("fr");
    r.feed(&[ticket("T1", 2, "12.10", "10.60", "22.70")]);
    let out = r.sync();
    let text = text(&out);
    // Where they belong: the SMTP login and the webhook's Authorization header.
    let dialogue = r.smtp.dialogue.lock().unwrap().clone();
    assert!(dialogue.contains("AUTH"), "{dialogue}");
    let heads: Vec<String> = r.hook.requests.lock().unwrap().iter().map(|(h, _)| h.clone()).collect();
    assert!(
        heads
            .iter()
            .all(|h| h.contains(&format!("authorization: Bearer {TOKEN}"))
                || h.contains(&format!("Authorization: Bearer {TOKEN}"))),
        "{heads:?}"
    );
    // Nowhere else.
    let log = std::fs::read_to_string(r.shop.dir.path().join("dagkas.log")).unwrap_or_default();
    let audit = r.shop.expect(0, &["audit", "--json"]);
    let config = std::fs::read_to_string(r.shop.config_path()).unwrap();
    for place in [&text, &log, &audit, &config] {
        assert!(
            !place.contains(PASSWORD) && !place.contains(TOKEN),
            "a secret leaked: {place}"
        );
    }
    for (_, body) in r.hook.requests.lock().unwrap().iter() {
        assert!(!body.contains(TOKEN) && !body.contains(PASSWORD));
    }
    let mails = r.smtp.messages().join("\n");
    assert!(!mails.contains(PASSWORD) && !mails.contains(TOKEN));
    assert!(
        plain(&mails).contains("rapport d'importation"),
        "in French: {}",
        plain(&mails)
    );
}

/// `dagkas notify test` with the rig's secrets in the environment.
fn notify_test(r: &Rig) -> std::process::Output {
    r.shop
        .cmd(&["notify", "test"])
        .env("DAGKAS_TEST_SMTP_PASSWORD", PASSWORD)
        .env("DAGKAS_TEST_HOOK_TOKEN", TOKEN)
        .output()
        .unwrap()
}

#[test]
fn notify_test_reports_what_each_server_said() {
    let r = rig("en");
    let out = notify_test(&r);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        text.contains("e-mail to boekhouding@example.be: sent; the server said: 250 2.0.0 Ok: queued as FAKE1"),
        "{text}"
    );
    assert!(
        text.contains("webhook http://127.0.0.1") && text.contains("HTTP 200"),
        "{text}"
    );
    assert!(plain(&r.smtp.messages()[0]).contains("A test message from dagkas for Testwinkel"));
    r.smtp.set(Behaviour::Refuse);
    let out = notify_test(&r);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("not sent"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn config_validate_checks_the_notify_entries() {
    let shop = Shop::base();
    let bad = BASE.to_string()
        + r#"
[[notify]]
channel = "email"
to = ["not an address"]
from = "dagkas@example.be"
smtp = "smtp.example.be"
tls = "none"
what = ["import", "weekly"]
stale_after = "soon"
password = "hunter2"

[[notify]]
channel = "webhook"
url = "http://hooks.example.be/dagkas"
what = ["alerts"]
"#;
    std::fs::write(shop.config_path(), bad).unwrap();
    let out = shop.expect(1, &["config", "validate"]);
    let cfg = shop.config_path().display().to_string();
    for expect in [
        "notify[0].to: \"not an address\" is not an e-mail address",
        "notify[0].smtp: \"smtp.example.be\" is not a server like smtp.example.be:587",
        "notify[0].what: \"weekly\" is not import, turnover or alerts",
        "notify[0].stale_after: \"soon\" is not a duration",
        "notify[0].password: a secret never goes in the config",
        "notify[1].url:",
        "must use https",
    ] {
        assert!(out.contains(expect), "no {expect:?} in:\n{out}");
    }
    assert!(
        out.lines()
            .filter(|l| l.contains("notify["))
            .all(|l| l.starts_with(&format!("{cfg}:"))),
        "{out}"
    );
}

#[test]
fn alerts_name_a_failing_source_and_negative_cash_once() {
    let r = rig("en");
    // A cash expense larger than the drawer holds: negative cash on 03-04 (R6).
    r.feed(&[
        ticket("T1", 2, "12.10", "10.60", "22.70"),
        r#"{"type":"cash","id":"X1","drawer":"0","time":"2026-03-04T10:00:00+01:00","kind":"expense","amount":"500.00","account":"604000"}"#.to_string(),
    ]);
    assert!(r.sync().status.success());
    let alerts = |r: &Rig| -> Vec<String> {
        r.smtp
            .messages()
            .iter()
            .map(|m| plain(m))
            .filter(|m| m.contains("needs attention"))
            .collect()
    };
    let first = alerts(&r);
    assert_eq!(first.len(), 1);
    assert!(
        first[0].contains("DO1 Wed 2026-03-04: the cash of KAS1 would be negative (R6)."),
        "{}",
        first[0]
    );
    // The feed breaks: three failed runs in a row make an alert, once.
    std::fs::write(&r.feed, "{\"type\":\"ticket\"\n").unwrap();
    for _ in 0..4 {
        assert!(!r.sync().status.success(), "the run itself fails");
    }
    let all = alerts(&r);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert!(all[1].contains("kassa failed 3 times in a row"), "{}", all[1]);
    assert!(
        !all[1].contains("would be negative"),
        "a standing alert is not sent again"
    );
}

#[test]
fn notifications_count_held_documents_and_wait_for_a_day_s_data() {
    use dagkas::domain::calendar::BusinessCalendar;
    use dagkas::domain::document::Document;
    use dagkas::pos::fake::mplus::FakeMplus;
    use std::sync::atomic::Ordering;
    let rt = tokio::runtime::Runtime::new().unwrap();
    let fake = rt
        .block_on(FakeMplus::start(BusinessCalendar::default(), "winkel", "s3cr3t"))
        .unwrap();
    // Yesterday (the 9th) sold 24.20; R7 of the 8th does not balance.
    let mut docs: Vec<Document> = [
        ticket("T1", 9, "12.10", "12.10", "24.20"),
        ticket("R7", 8, "10.00", "0.00", "10.00"),
    ]
    .iter()
    .map(|l| serde_json::from_str(l).unwrap())
    .collect();
    if let Document::Ticket(t) = &mut docs[1] {
        t.payments[0].amount = "8.00".parse().unwrap();
    }
    fake.load(docs);
    let hook = FakeHook::start();
    let shop = Shop::base();
    let config = BASE
        .replace(
            "[[source]]\nname = \"kassa\"\nkind = \"file\"",
            &format!(
                "[[source]]\nname = \"kassa\"\nkind = \"mplus\"\nurl = \"{}\"\nident = \"winkel\"\nsecret_env = \"DAGKAS_TEST_MPLUS_SECRET\"\ntimeout = \"5s\"",
                fake.url()
            ),
        )
        + &format!(
            "\n[[notify]]\nchannel = \"webhook\"\nurl = \"http://127.0.0.1:{}/hook\"\nsecret_env = \"DAGKAS_TEST_HOOK_TOKEN\"\nwhat = [\"import\", \"turnover\", \"alerts\"]\n",
            hook.addr.port()
        );
    std::fs::write(shop.config_path(), config).unwrap();
    let sync = || {
        shop.cmd(&["sync", "--once"])
            .env("DAGKAS_TEST_MPLUS_SECRET", "s3cr3t")
            .env("DAGKAS_TEST_HOOK_TOKEN", TOKEN)
            .env("DAGKAS_NOTIFY_TIMEOUT_S", "2")
            .output()
            .unwrap()
    };
    // The POS does not answer: yesterday's turnover is not reported as if it were zero.
    fake.faults.server_error.store(1000, Ordering::SeqCst);
    assert!(!sync().status.success());
    let kinds = |hook: &FakeHook| -> Vec<String> {
        hook.bodies()
            .iter()
            .map(|b| b["kind"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!kinds(&hook).contains(&"turnover".to_string()), "{:#?}", hook.bodies());
    // It answers: the import report counts what was held, the alert names it, and the
    // turnover of yesterday goes out with its figures.
    fake.faults.server_error.store(0, Ordering::SeqCst);
    let out = sync();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let bodies = hook.bodies();
    let import = bodies
        .iter()
        .rev()
        .find(|b| b["kind"] == "import")
        .expect("an import report");
    assert_eq!(import["data"]["held"][0]["source"], "kassa", "{import}");
    assert_eq!(
        import["data"]["held"][0]["held"].as_array().unwrap().len(),
        1,
        "{import}"
    );
    let alerts = bodies.iter().find(|b| b["kind"] == "alerts").expect("alerts");
    assert!(alerts.to_string().contains("R7"), "{alerts}");
    let turnover = bodies
        .iter()
        .find(|b| b["kind"] == "turnover")
        .expect("the turnover of yesterday");
    assert_eq!(turnover["data"]["date"], "2026-03-09");
    assert_eq!(turnover["data"]["books"][0]["turnover"], "24.20", "{turnover}");
    drop(rt);
}
