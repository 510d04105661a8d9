//! `dagkas init` from a JSONL file, the fake MplusQapi server and the fake Lightspeed API,
//! driven by flags and by answers on stdin: the written config validates, its first sync
//! equals an import of the same documents, and every code seen is mapped or named.

#[path = "common/mod.rs"]
mod common;
use common::{require_tool, text, Shop, Tmux};

use dagkas::domain::calendar::BusinessCalendar;
use dagkas::domain::document::{parse_line, Document};
use std::io::Write;
use std::process::Stdio;

/// A week of a shop whose POS computes its VAT (so the rates can be told), with vouchers,
/// an invoice paid on the spot and a web-shop register.
const DOCS: &[&str] = &[
    r#"{"type":"ticket","id":"R1","branch":"1","register":"2","time":"2026-03-02T09:15:00+01:00","lines":[{"vat":"1","amount":"12.10","vat_amount":"2.10"},{"vat":"2","amount":"10.60","vat_amount":"0.60"}],"payments":[{"method":"CASH","amount":"25.00"},{"method":"CASH","amount":"-2.30"}]}"#,
    r#"{"type":"ticket","id":"R2","branch":"1","register":"1","time":"2026-03-03T11:30:00+01:00","lines":[{"vat":"1","amount":"121.00","vat_amount":"21.00"}],"payments":[{"method":"EFT","amount":"121.00"}]}"#,
    r#"{"type":"ticket","id":"R3","branch":"1","register":"1","time":"2026-03-03T12:00:00+01:00","lines":[{"vat":"2","amount":"21.20","vat_amount":"1.20"}],"payments":[{"method":"VVV","amount":"10.00"},{"method":"CASH","amount":"11.20"}]}"#,
    r#"{"type":"ticket","id":"R4","branch":"1","register":"1","time":"2026-03-04T12:00:00+01:00","lines":[{"vat":"1","amount":"12.12","vat_amount":"2.10"}],"payments":[{"method":"CASH","amount":"12.10"},{"method":"AFRONDING","amount":"0.02"}]}"#,
    r#"{"type":"ticket","id":"R5","branch":"1","register":"1","time":"2026-03-05T12:00:00+01:00","lines":[{"vat":"3","amount":"30.00","vat_amount":"0.00"}],"payments":[{"method":"K_PINZUIL","amount":"30.00"}]}"#,
];

const SECRET: &str = "init-secret-77";

fn docs() -> Vec<Document> {
    DOCS.iter().map(|l| parse_line(l.as_bytes()).unwrap()).collect()
}

/// Run with the POS secret in the environment (as a person exports it); expect success.
fn with_secret(d: &Shop, args: &[&str]) -> String {
    let out = d.cmd(args).env("DAGKAS_TEST_SECRET", SECRET).output().unwrap();
    let text = text(&out);
    assert!(out.status.success(), "dagkas {args:?}:\n{text}");
    text
}

/// Date, status, turnover, payments and closing cash of every day.
fn figures(days: &serde_json::Value) -> Vec<String> {
    days.as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {} {} {} {}",
                d["date"], d["status"], d["turnover"], d["payments"], d["cash"][0]["closing"]
            )
        })
        .collect()
}

/// The same config on a file source, with the documents imported: what a sync must equal.
fn imported_with(config: &str) -> Shop {
    let other = Shop::empty();
    let file = other.dir.path().join("docs.jsonl");
    std::fs::write(&file, DOCS.join("\n") + "\n").unwrap();
    let start = config.find("[[source]]").unwrap();
    let end = start + config[start..].find("\n\n").unwrap();
    let replaced = format!(
        "{}[[source]]\nname = \"kassa\"\nkind = \"file\"{}",
        &config[..start],
        &config[end..]
    );
    std::fs::write(other.config_path(), replaced).unwrap();
    other.expect(0, &["import", file.to_str().unwrap()]);
    other
}

/// Every VAT group and method of the documents is mapped or named in the config.
fn every_code_named(config: &str) {
    for code in [
        "\"1\"",
        "\"2\"",
        "\"3\"",
        "\"CASH\"",
        "\"EFT\"",
        "\"VVV\"",
        "\"AFRONDING\"",
        "\"K_PINZUIL\"",
    ] {
        assert!(
            config.contains(&format!("{code} =")),
            "{code} is not in the config:\n{config}"
        );
    }
}

#[test]
fn init_from_a_file_with_flags_maps_by_rate_and_name() {
    let d = Shop::empty();
    let file = d.dir.path().join("docs.jsonl");
    std::fs::write(&file, DOCS.join("\n") + "\n").unwrap();
    let out = d.expect(
        0,
        &[
            "init",
            "--pos",
            "file",
            "--path",
            file.to_str().unwrap(),
            "--dossier",
            "Bakkerij Init",
            "--yes",
            "--sync",
        ],
    );
    assert!(out.contains("kassa: 5 new"), "{out}");
    let config = std::fs::read_to_string(d.config_path()).unwrap();
    d.expect(0, &["config", "validate"]);
    every_code_named(&config);
    assert!(
        config.contains("\"1\" = \"V21\"") && config.contains("\"2\" = \"V6\"") && config.contains("\"3\" = \"V0\""),
        "{config}"
    );
    assert!(
        config.contains("\"EFT\" = \"PIN\"") && config.contains("\"K_PINZUIL\" = \"PIN\""),
        "{config}"
    );
    assert!(
        config.contains("\"AFRONDING\" = \"AFR\"") && config.contains("rounding = true"),
        "{config}"
    );
    assert!(
        config.contains("\"VVV\" = \"VVV\"") && config.contains("voucher = true"),
        "{config}"
    );
    let days = d.days();
    assert!(
        days.as_array()
            .unwrap()
            .iter()
            .all(|v| v["blockers"].as_array().unwrap().is_empty()),
        "{days:#}"
    );
    assert_eq!(figures(&days), figures(&imported_with(&config).days()));
    // An existing config is never replaced without asking.
    let out = d.expect(1, &["init", "--pos", "file", "--path", file.to_str().unwrap(), "--yes"]);
    assert!(out.contains("is kept as it was"), "{out}");
    assert_eq!(std::fs::read_to_string(d.config_path()).unwrap(), config);
    d.expect(
        0,
        &[
            "init",
            "--pos",
            "file",
            "--path",
            file.to_str().unwrap(),
            "--yes",
            "--force",
            "--no-sync",
            "--map",
            "vat:3=ignore",
        ],
    );
    assert!(std::fs::read_to_string(d.config_path())
        .unwrap()
        .contains("\"3\" = \"ignore\""));
}

#[test]
fn init_answers_on_stdin_like_a_person_at_the_prompts() {
    let d = Shop::empty();
    let file = d.dir.path().join("docs.jsonl");
    std::fs::write(&file, DOCS.join("\n") + "\n").unwrap();
    // Dossier, POS, file; VAT 1, 2, 3 (3 changed to V6); AFRONDING, CASH, EFT, K_PINZUIL
    // (a new code), VVV; start; opening cash; no first sync.
    let answers = format!(
        "Bakkerij Stdin\nfile\n{}\n\n\nV6\n\n\n\nPINZUIL\n\n2026-03-02\n150,00\nn\n",
        file.display()
    );
    let mut child = d
        .cmd(&["init"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(answers.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("VAT group \"3\" (1 line, 30.00)"),
        "the prompts name what was seen: {err}"
    );
    let config = std::fs::read_to_string(d.config_path()).unwrap();
    assert!(config.contains("name = \"Bakkerij Stdin\""), "{config}");
    assert!(config.contains("\"3\" = \"V6\""), "{config}");
    assert!(
        config.contains("\"K_PINZUIL\" = \"PINZUIL\"") && config.contains("code = \"PINZUIL\""),
        "{config}"
    );
    assert!(
        config.contains("start = \"2026-03-02\"") && config.contains("opening_balance = \"150.00\""),
        "{config}"
    );
    d.expect(0, &["config", "validate"]);
    every_code_named(&config);
}

#[test]
fn a_vat_group_whose_rate_cannot_be_known_is_asked_for_its_rate() {
    let d = Shop::empty();
    let file = d.dir.path().join("docs.jsonl");
    // No VAT amounts and a key that is not a rate: nothing tells the rate.
    let lines = [
        r#"{"type":"ticket","id":"F1","branch":"1","register":"1","time":"2026-03-02T12:00:00+01:00","lines":[{"vat":"A","amount":"24.20"}],"payments":[{"method":"CASH","amount":"24.20"}]}"#,
        r#"{"type":"ticket","id":"F2","branch":"1","register":"1","time":"2026-03-03T12:00:00+01:00","lines":[{"vat":"B","amount":"10.60"}],"payments":[{"method":"CASH","amount":"10.60"}]}"#,
    ];
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    // Scripted: the proposal leaves both unmapped, the review screen would show ✗.
    let scripted = Shop::empty();
    let path = file.to_str().unwrap();
    scripted.expect(0, &["init", "--pos", "file", "--path", path, "--yes", "--sync"]);
    let config = std::fs::read_to_string(scripted.config_path()).unwrap();
    assert!(config.contains("# \"A\" = ?"), "{config}");
    // `--map` takes a rate as well as a category.
    let mapped = Shop::empty();
    mapped.expect(
        0,
        &[
            "init", "--pos", "file", "--path", path, "--yes", "--sync", "--map", "vat:A=21", "--map", "vat:B=6%",
        ],
    );
    let config = std::fs::read_to_string(mapped.config_path()).unwrap();
    assert!(
        config.contains("\"A\" = \"V21\"") && config.contains("\"B\" = \"V6\""),
        "{config}"
    );
    // At the prompts: Enter is not an answer for a rate nobody knows, 7 is no rate.
    let answers = format!("Frituur\nfile\n{path}\n\n7\n21\nV6\n\n\n10.00\ny\n");
    let mut child = d
        .cmd(&["init"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(answers.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("the rate of this group is not known"), "{err}");
    assert!(err.contains("\"7\" is neither a rate"), "{err}");
    let config = std::fs::read_to_string(d.config_path()).unwrap();
    assert!(
        config.contains("\"A\" = \"V21\"") && config.contains("\"B\" = \"V6\""),
        "{config}"
    );
    d.expect(0, &["config", "validate"]);
    for day in d.days().as_array().unwrap() {
        assert!(day["blockers"].as_array().unwrap().is_empty(), "{day:#}");
        assert_ne!(day["status"], "unmapped", "{day:#}");
    }
}

#[test]
fn init_against_the_fake_mplus_server_reads_without_storing_and_syncs() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let fake = rt
        .block_on(dagkas::pos::fake::mplus::FakeMplus::start(
            BusinessCalendar::default(),
            "winkel",
            SECRET,
        ))
        .unwrap();
    fake.load(docs());
    let d = Shop::empty();
    let out = with_secret(
        &d,
        &[
            "init",
            "--pos",
            "mplus",
            "--url",
            &fake.url(),
            "--ident",
            "winkel",
            "--secret-env",
            "DAGKAS_TEST_SECRET",
            "--days",
            "14",
            "--yes",
            "--no-sync",
        ],
    );
    assert!(!out.contains(SECRET), "{out}");
    // Nothing was stored by reading.
    assert!(!d.data().join("store").exists());
    let config = std::fs::read_to_string(d.config_path()).unwrap();
    assert!(
        !config.contains(SECRET) && config.contains("secret_env = \"DAGKAS_TEST_SECRET\""),
        "{config}"
    );
    every_code_named(&config);
    d.expect(0, &["config", "validate"]);
    // The secret is where the sync service reads it: a 0600 file beside the config.
    let secrets = d.config_path().with_file_name("secrets.env");
    assert!(out.contains(&secrets.display().to_string()), "init says where: {out}");
    let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&secrets).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600);
    assert_eq!(
        std::fs::read_to_string(&secrets).unwrap(),
        format!("DAGKAS_TEST_SECRET={SECRET}\n")
    );
    // A service started with only that file (as systemd's EnvironmentFile= gives it) syncs.
    let mut service_env = d.cmd(&["sync", "--once"]);
    for line in std::fs::read_to_string(&secrets).unwrap().lines() {
        let (k, v) = line.split_once('=').unwrap();
        service_env.env(k, v);
    }
    let ran = service_env.output().unwrap();
    assert!(ran.status.success(), "{}", text(&ran));
    assert_eq!(figures(&d.days()), figures(&imported_with(&config).days()));
}

#[test]
fn init_against_the_fake_lightspeed_api_logs_in_and_syncs() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let fake = rt
        .block_on(dagkas::pos::fake::lightspeed::FakeLightspeed::start(
            "4242",
            "dagkas-test",
            SECRET,
            "rt-init-1",
        ))
        .unwrap();
    let ls_docs: Vec<Document> = DOCS
        .iter()
        .map(|l| {
            // Lightspeed keys its VAT groups by rate.
            let l = l
                .replace("\"vat\":\"1\"", "\"vat\":\"21\"")
                .replace("\"vat\":\"2\"", "\"vat\":\"6\"")
                .replace("\"vat\":\"3\"", "\"vat\":\"0\"");
            parse_line(l.as_bytes()).unwrap()
        })
        .collect();
    fake.load(ls_docs);
    let d = Shop::empty();
    let out = d
        .cmd(&[
            "init",
            "--pos",
            "lightspeed",
            "--account-id",
            "4242",
            "--client-id",
            "dagkas-test",
            "--client-secret-env",
            "DAGKAS_TEST_SECRET",
            "--refresh-token-env",
            "DAGKAS_TEST_REFRESH",
            "--api-url",
            &fake.url(),
            "--token-url",
            &format!("{}/auth/oauth/token", fake.url()),
            "--dossier",
            "Fietsen",
            "--yes",
            "--sync",
        ])
        .env("DAGKAS_TEST_REFRESH", "rt-init-1")
        .env("DAGKAS_TEST_SECRET", SECRET)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let text = text(&out);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("kassa: 5 new"), "{text}");
    assert!(!text.contains(SECRET) && !text.contains("rt-"), "{text}");
    let config = std::fs::read_to_string(d.config_path()).unwrap();
    for line in [
        "\"21\" = \"V21\"",
        "\"6\" = \"V6\"",
        "\"0\" = \"V0\"",
        "\"Cash\" = \"CASH\"",
    ] {
        let line = line.replace("\"Cash\"", "\"CASH\"");
        assert!(config.contains(&line), "{line}: {config}");
    }
    d.expect(0, &["config", "validate"]);
    // The rotated refresh token was kept: the next run needs no environment.
    let again = d
        .cmd(&["sync", "--once"])
        .env("DAGKAS_TEST_SECRET", SECRET)
        .output()
        .unwrap();
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
}

/// A Belgian shop's week: meal and eco vouchers of issuers, Payconiq, card schemes apart,
/// the shop's own gift card.
const BELGIAN: &[(&str, &str)] = &[
    ("Maaltijdcheque", "MAALTIJD"),
    ("Sodexo", "PLUXEE"),
    ("Edenred Ecocheque", "EDENRED"),
    ("Payconiq (oud)", "PAYCONIQ"),
    ("Credit Card", "KREDIETKAART"),
    ("Bancontact", "BC"),
    ("Maestro", "MAESTRO"),
    ("Gift Card", "VVV"),
    ("Cash", "CASH"),
];

fn belgian_docs() -> Vec<Document> {
    BELGIAN
        .iter()
        .enumerate()
        .map(|(i, (method, _))| {
            let line = format!(
                r#"{{"type":"ticket","id":"B{i}","branch":"1","register":"1","time":"2026-03-0{}T1{}:00:00+01:00","lines":[{{"vat":"6","amount":"21.20","vat_amount":"1.20"}}],"payments":[{{"method":"{method}","amount":"21.20"}}]}}"#,
                2 + i % 5,
                i
            );
            parse_line(line.as_bytes()).unwrap()
        })
        .collect()
}

/// What a Belgian bookkeeper accepts: each issuer a receivable, each scheme its own method.
fn belgian_proposals(d: &Shop) {
    let config = std::fs::read_to_string(d.config_path()).unwrap();
    for (pos, code) in BELGIAN {
        assert!(
            config.contains(&format!("\"{pos}\" = \"{code}\"")),
            "{pos} → {code}:\n{config}"
        );
    }
    for account in ["416100", "416110", "416120", "580460", "580450", "580400", "580410"] {
        assert!(
            config.contains(&format!("account = \"{account}\"")),
            "{account}:\n{config}"
        );
    }
    assert_eq!(
        config.matches("voucher = true").count(),
        1,
        "only the shop's own gift card: {config}"
    );
    d.expect(0, &["config", "validate"]);
    let days = d.days();
    for day in days.as_array().unwrap() {
        assert!(day["blockers"].as_array().unwrap().is_empty(), "{day:#}");
    }
    // The meal vouchers are not the shop's vouchers: nothing is redeemed but the gift card.
    let last = days.as_array().unwrap().last().unwrap();
    assert_eq!(last["open_vouchers"], "-21.20", "{last:#}");
}

#[test]
fn a_belgian_shop_s_methods_are_proposed_as_a_bookkeeper_books_them() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let ls = rt
        .block_on(dagkas::pos::fake::lightspeed::FakeLightspeed::start(
            "4242",
            "dagkas-test",
            SECRET,
            "rt-be-1",
        ))
        .unwrap();
    ls.load(belgian_docs());
    let d = Shop::empty();
    let out = d
        .cmd(&[
            "init",
            "--pos",
            "lightspeed",
            "--account-id",
            "4242",
            "--client-id",
            "dagkas-test",
            "--client-secret-env",
            "DAGKAS_TEST_SECRET",
            "--refresh-token-env",
            "DAGKAS_TEST_REFRESH",
            "--api-url",
            &ls.url(),
            "--token-url",
            &format!("{}/auth/oauth/token", ls.url()),
            "--yes",
            "--sync",
        ])
        .env("DAGKAS_TEST_REFRESH", "rt-be-1")
        .env("DAGKAS_TEST_SECRET", SECRET)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    belgian_proposals(&d);

    let mplus = rt
        .block_on(dagkas::pos::fake::mplus::FakeMplus::start(
            BusinessCalendar::default(),
            "winkel",
            SECRET,
        ))
        .unwrap();
    mplus.load(belgian_docs());
    let d = Shop::empty();
    with_secret(
        &d,
        &[
            "init",
            "--pos",
            "mplus",
            "--url",
            &mplus.url(),
            "--ident",
            "winkel",
            "--secret-env",
            "DAGKAS_TEST_SECRET",
            "--days",
            "14",
            "--yes",
            "--sync",
        ],
    );
    belgian_proposals(&d);
}

#[test]
fn init_at_the_prompts_in_a_terminal() {
    if !require_tool("tmux") {
        return;
    }
    let d = Shop::empty();
    let file = d.dir.path().join("docs.jsonl");
    std::fs::write(&file, DOCS.join("\n") + "\n").unwrap();
    let tmux = Tmux::new("init");
    tmux.start(
        100,
        40,
        &format!(
            "env DAGKAS_TODAY=2026-03-10 {} --config {} --data {} init; sleep 30",
            env!("CARGO_BIN_EXE_dagkas"),
            d.config_path().display(),
            d.data().display()
        ),
    );
    tmux.wait_for("Dossier (the company's name) [My shop]:");
    tmux.text("Winkel in tmux");
    tmux.keys(&["Enter"]);
    tmux.wait_for("POS (mplus, lightspeed or file) [file]:");
    tmux.keys(&["Enter"]);
    tmux.wait_for("The JSONL file");
    tmux.text(file.to_str().unwrap());
    tmux.keys(&["Enter"]);
    // Every proposal accepted with Enter, then the start, the opening cash and no sync.
    tmux.wait_for("VAT group \"1\"");
    for _ in 0..(3 + 5 + 2) {
        tmux.keys(&["Enter"]);
    }
    tmux.wait_for("Run the first sync now");
    tmux.text("n");
    tmux.keys(&["Enter"]);
    tmux.wait_for("wrote ");
    let config = std::fs::read_to_string(d.config_path()).unwrap();
    assert!(
        config.contains("name = \"Winkel in tmux\"") && config.contains("\"1\" = \"V21\""),
        "{config}"
    );
    d.expect(0, &["config", "validate"]);
}

#[test]
fn without_a_config_the_message_says_how_to_start_in_the_person_s_language() {
    let shop = Shop::empty();
    for (locale, words) in [
        ("C.UTF-8", "dagkas init"),
        ("nl_BE.UTF-8", "Maak een dossier met `dagkas init`"),
        ("fr_BE.UTF-8", "Créez un dossier avec `dagkas init`"),
    ] {
        let out = shop.cmd(&["days"]).env("LC_ALL", locale).output().unwrap();
        let said = text(&out);
        assert_eq!(out.status.code(), Some(1), "{said}");
        assert!(said.contains(words) && said.contains("dagkas demo"), "{locale}: {said}");
        assert!(!said.contains("os error"), "{locale}: the system's words: {said}");
    }
}

#[test]
fn a_mapping_that_cannot_be_right_is_refused_before_the_pos_is_asked() {
    let d = Shop::empty();
    // No POS listens at this address: a refusal from the POS would say so instead.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let args = |map: &'static str| {
        vec![
            "init".to_string(),
            "--pos".into(),
            "mplus".into(),
            "--url".into(),
            format!("http://127.0.0.1:{port}"),
            "--ident".into(),
            "x".into(),
            "--secret-env".into(),
            "DAGKAS_TEST_NONE".into(),
            "--yes".into(),
            "--map".into(),
            map.into(),
        ]
    };
    for map in ["vat:2=V7", "vat2V6"] {
        let a = args(map);
        let refs: Vec<&str> = a.iter().map(String::as_str).collect();
        let out = d.cmd(&refs).env("DAGKAS_TEST_NONE", "s").output().unwrap();
        let said = text(&out);
        assert_ne!(out.status.code(), Some(0), "{said}");
        assert!(
            said.contains(map) && !said.contains("refused the connection"),
            "{map}: {said}"
        );
    }
    // A mapping for a code the file does not have is kept, with a word.
    let file = d.dir.path().join("docs.jsonl");
    std::fs::write(&file, DOCS.join("\n") + "\n").unwrap();
    let out = d.expect(
        0,
        &[
            "init",
            "--pos",
            "file",
            "--path",
            file.to_str().unwrap(),
            "--yes",
            "--no-sync",
            "--map",
            "vat:9=V6",
        ],
    );
    assert!(out.contains("\"vat:9=V6\"") && out.contains("showed no \"9\""), "{out}");
    // The opening cash as a flag, written as the person's language writes amounts.
    let out = d
        .cmd(&[
            "init",
            "--pos",
            "file",
            "--path",
            file.to_str().unwrap(),
            "--yes",
            "--no-sync",
            "--force",
            "--opening-cash",
            "1.234,50",
        ])
        .env("LC_ALL", "nl_BE.UTF-8")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let config = std::fs::read_to_string(d.config_path()).unwrap();
    assert!(config.contains("opening_balance = \"1234.50\""), "{config}");
}

#[test]
fn wrong_answers_are_asked_again_and_the_end_of_the_input_ends_cleanly() {
    let d = Shop::empty();
    let file = d.dir.path().join("docs.jsonl");
    std::fs::write(&file, DOCS.join("\n") + "\n").unwrap();
    // A POS that does not exist, an empty path, a date that is none, an amount with three
    // decimals: each said and asked again, no answer before it lost.
    let answers = format!(
        "Bakkerij Opnieuw\nkassa\nfile\n\n{}\n\n\n\n\n\n\n\n\ngisteren\n2026-03-02\n1.361\n150.00\nn\n",
        file.display()
    );
    let run = |input: &str| {
        let mut child = d
            .cmd(&["init", "--force"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let out = run(&answers);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    for said in ["\"kassa\"", "needs a", "not a date", "1.361"] {
        assert!(err.contains(said), "{said}: {err}");
    }
    let config = std::fs::read_to_string(d.config_path()).unwrap();
    assert!(config.contains("name = \"Bakkerij Opnieuw\""), "{config}");
    assert!(
        config.contains("start = \"2026-03-02\"") && config.contains("opening_balance = \"150.00\""),
        "{config}"
    );
    // Input that ends before a needed answer ends init with a message, never a wait.
    let started = std::time::Instant::now();
    let out = run("Bakkerij Kort\n");
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}
