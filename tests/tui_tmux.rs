//! End to end in a real terminal, in Dutch: the demo in tmux, a problem day fixed by an
//! inline edit, a batch confirm, quit; then the command line sees the confirmations (its
//! tables in Dutch too) and check is green.

#[path = "common/mod.rs"]
mod common;
use common::*;

use std::process::Command;
use std::time::Duration;

#[test]
fn demo_fix_a_problem_day_inline_and_batch_confirm_in_tmux() {
    if !require_tool("tmux") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("demo");
    let today = "2026-11-25";
    let bin = env!("CARGO_BIN_EXE_dagkas");
    let build = Command::new(bin)
        .args(["demo", "--no-tui", "--data", data.to_str().unwrap()])
        .env("DAGKAS_TODAY", today)
        .output()
        .unwrap();
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    // The dossier speaks Dutch, whatever the terminal's locale.
    let config = data.join("dagkas.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replacen("[dossier]\n", "[dossier]\nlanguage = \"nl\"\n", 1),
    )
    .unwrap();
    let cli = |args: &[&str]| {
        Command::new(bin)
            .arg("--config")
            .arg(data.join("dagkas.toml"))
            .arg("--data")
            .arg(&data)
            .args(args)
            .env("DAGKAS_TODAY", today)
            .output()
            .unwrap()
    };
    let days: serde_json::Value = serde_json::from_slice(&cli(&["days", "--json"]).stdout).unwrap();
    let days = days.as_array().unwrap();
    let problem = days
        .iter()
        .find(|d| {
            d["blockers"]
                .as_array()
                .unwrap()
                .iter()
                .any(|b| b["kind"] == "unbalanced")
        })
        .expect("the demo has an unbalanced day");
    let problem_date = problem["date"].as_str().unwrap().to_string();
    let d = chrono::NaiveDate::parse_from_str(&problem_date, "%Y-%m-%d").unwrap();
    let dutch_date = d.format("%d-%m-%Y").to_string();
    let categories = problem["categories"].as_array().unwrap().len();
    let cash_at = problem["methods"]
        .as_array()
        .unwrap()
        .iter()
        .position(|m| m["code"] == "CASH")
        .unwrap();
    let cash_pos = line(problem, "methods", "CASH", "pos");

    let tmux = Tmux::new("e2e");
    let command = format!(
        "env DAGKAS_TODAY={today} TERM=xterm-256color {bin} --config {} --data {}",
        data.join("dagkas.toml").display(),
        data.display()
    );
    tmux.run(&["new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24", &command]);
    // The days load in the background: wait for a selected day, not just the frame.
    tmux.wait_for("Kassa ");
    // Step to the problem day.
    tmux.keys(&["n"]);
    let screen = tmux.wait_for("niet in evenwicht");
    assert!(screen.contains(&format!("Kassa {dutch_date}")), "{screen}");
    assert!(screen.contains("Betalingen") && screen.contains("Dagen"), "{screen}");
    // Fix it inline: the CASH line back to the POS value, with a reason.
    tmux.keys(&["Tab", "Tab"]);
    for _ in 0..categories + cash_at {
        tmux.keys(&["j"]);
    }
    tmux.keys(&["e"]);
    tmux.wait_for("Betaling CASH wijzigen");
    tmux.text(&cash_pos);
    tmux.keys(&["Tab"]);
    tmux.text("recounted the drawer");
    tmux.keys(&["Enter"]);
    tmux.wait_for("gewijzigd naar");
    // Batch-confirm all valid days: the dialog says where it stops.
    tmux.keys(&["Escape", "A"]);
    let dialog = tmux.wait_for("Reeks bevestigen");
    assert!(dialog.contains("Stopt bij DO1"), "{dialog}");
    tmux.keys(&["y"]);
    tmux.wait_for("bevestigd.");
    tmux.keys(&["q"]);
    std::thread::sleep(Duration::from_millis(500));

    let days: serde_json::Value = serde_json::from_slice(&cli(&["days", "--json"]).stdout).unwrap();
    let fixed = days
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date"] == problem_date.as_str())
        .unwrap();
    assert_eq!(fixed["status"], "confirmed", "{fixed}");
    assert_eq!(line(fixed, "methods", "CASH", "edited"), cash_pos);
    let table = String::from_utf8(cli(&["days"]).stdout).unwrap();
    assert!(table.starts_with("datum"), "{table}");
    let row = table
        .lines()
        .find(|l| l.contains(&dutch_date))
        .unwrap_or_else(|| panic!("{table}"));
    assert!(row.contains("bevestigd"), "{row}");
    // The turnover as a Dutch reader writes it: `1.234,56`.
    let turnover: rust_decimal::Decimal = fixed["turnover"].as_str().unwrap().parse().unwrap();
    let dutch = dagkas::i18n::Lang::new("nl").money(turnover);
    assert!(dutch.contains(','), "{dutch}");
    assert!(row.contains(&format!(" {dutch} ")), "{row}");
    let check = cli(&["check"]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    let audit = String::from_utf8(cli(&["audit"]).stdout).unwrap();
    assert!(audit.contains("\"recounted the drawer\""), "{audit}");
}

#[test]
fn an_amount_typed_the_dutch_way_is_stored_as_typed() {
    if !require_tool("tmux") {
        return;
    }
    let mut shop = Shop::new(&BASE.replacen("[dossier]\n", "[dossier]\nlanguage = \"nl\"\n", 1));
    shop.import(&[
        r#"{"type":"ticket","id":"T1","time":"2026-03-02T09:15:00+01:00","lines":[{"vat":"1","amount":"1361.18"}],"payments":[{"method":"EFT","amount":"1361.18"}]}"#,
    ]);
    let tmux = Tmux::new("amount-nl");
    let command = format!(
        "env DAGKAS_TODAY={} TERM=xterm-256color {} --config {} --data {}",
        shop.today,
        env!("CARGO_BIN_EXE_dagkas"),
        shop.config_path().display(),
        shop.data().display()
    );
    tmux.start(80, 24, &command);
    tmux.wait_for("Kassa ");
    // To the day of the ticket, then its turnover line.
    tmux.keys(&["g", "g"]);
    tmux.keys(&["j"]);
    tmux.wait_for("02-03-2026");
    tmux.keys(&["Tab", "Tab", "e"]);
    tmux.wait_for("V21 wijzigen");
    // `1.361` could be 1 361 or 1,361 in Dutch: refused with both readings, not guessed.
    tmux.text("1.361");
    tmux.keys(&["Tab"]);
    tmux.text("typo");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("kan 1.361,00 of 1,361 betekenen");
    assert!(!screen.contains("gewijzigd naar"), "{screen}");
    tmux.keys(&["Tab"]);
    for _ in 0..5 {
        tmux.keys(&["BSpace"]);
    }
    tmux.text("1.361,18");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("gewijzigd naar");
    assert!(screen.contains("1.361,18"), "{screen}");
    tmux.keys(&["q"]);
    std::thread::sleep(Duration::from_millis(300));
    let day = shop.day("2026-03-02");
    assert_eq!(line(&day, "categories", "V21", "edited"), "1361.18", "{day}");
}

/// `m` on a day with a VAT group and a method the config lacks: the screen adds a category
/// and a method to the config (with a comment, audited) and maps the codes to them; the
/// day is no longer unmapped.
#[test]
fn the_screen_adds_the_category_and_the_method_a_mapping_needs() {
    if !require_tool("tmux") {
        return;
    }
    let mut shop = Shop::new(BASE);
    shop.import(&[
        r#"{"type":"ticket","id":"T1","time":"2026-03-02T09:15:00+01:00","lines":[{"vat":"X","amount":"11.20"}],"payments":[{"method":"Maestro","amount":"11.20"}]}"#,
    ]);
    let before = shop.day("2026-03-02");
    assert_eq!(before["problems"], serde_json::json!(["unmapped"]), "{before}");
    let tmux = Tmux::new("create");
    let command = format!(
        "env DAGKAS_TODAY={} TERM=xterm-256color USER=tester {} --config {} --data {}",
        shop.today,
        env!("CARGO_BIN_EXE_dagkas"),
        shop.config_path().display(),
        shop.data().display()
    );
    tmux.start(80, 24, &command);
    tmux.wait_for("03-02 ✗");
    tmux.keys(&["g", "g", "j"]);
    tmux.wait_for("POS 2026-03-02");
    tmux.keys(&["m"]);
    tmux.wait_for("a new payment method");
    // The choice before the last (ignore).
    for _ in 0..20 {
        tmux.keys(&["j"]);
    }
    tmux.keys(&["k", "Enter"]);
    let screen = tmux.wait_for("New payment method");
    assert!(screen.contains("MAESTRO") && screen.contains("580410"), "{screen}");
    tmux.keys(&["Enter", "Enter", "Enter"]);
    tmux.wait_for("MAESTRO added to");
    tmux.keys(&["m"]);
    tmux.wait_for("a new VAT category");
    for _ in 0..20 {
        tmux.keys(&["j"]);
    }
    tmux.keys(&["k", "Enter"]);
    tmux.wait_for("New VAT category");
    tmux.text("12");
    let screen = tmux.wait_for("700012");
    assert!(screen.contains("V12") && screen.contains("Omzet 12%"), "{screen}");
    tmux.keys(&["Enter", "Enter", "Enter", "Enter"]);
    tmux.wait_for("V12 added to");
    tmux.keys(&["q"]);
    std::thread::sleep(Duration::from_millis(300));

    let config = std::fs::read_to_string(shop.config_path()).unwrap();
    assert!(
        config.contains("# added by tester on ")
            && config.contains("code = \"V12\"\nname = \"Omzet 12%\"\nrate = \"12\"\naccount = \"700012\""),
        "{config}"
    );
    assert!(config.contains("code = \"MAESTRO\""), "{config}");
    shop.expect(0, &["config", "validate"]);
    let day = shop.day("2026-03-02");
    assert!(day["blockers"].as_array().unwrap().is_empty(), "{day}");
    assert_eq!(day["problems"], serde_json::json!([]), "{day}");
    assert_eq!(line(&day, "categories", "V12", "incl"), "11.20", "{day}");
    assert_eq!(line(&day, "methods", "MAESTRO", "amount"), "11.20", "{day}");
    let audit = shop.expect(0, &["audit"]);
    assert_eq!(audit.matches("config changed").count(), 2, "{audit}");
    assert!(audit.contains("tester"), "{audit}");
}

/// In each language, in a real terminal at 80×24: `r` on a proposed day opens the last
/// confirmed day, `d` shows the correction and books nothing before a yes, a second `/`
/// starts a new filter, a refused reason followed by Tab loses no typed letter, and after
/// an edit `j` moves to the next day.
#[test]
fn keys_do_what_their_help_says_in_every_language() {
    if !require_tool("tmux") {
        return;
    }
    struct Words {
        code: &'static str,
        reopen: &'static str,
        last_confirmed: &'static str,
        resolve: &'static str,
        resolve_no: &'static str,
        no_days: &'static str,
        reason_required: &'static str,
        amount_takes: &'static str,
        edited: &'static str,
        next_day: &'static str,
        amount: &'static str,
    }
    for w in [
        Words {
            code: "en",
            reopen: "Reopen DO1",
            last_confirmed: "2026-03-02",
            resolve: "Book the drift of DO1",
            resolve_no: "the drift was not booked",
            no_days: "no days match",
            reason_required: "a reason is required",
            amount_takes: "is not part of an amount",
            edited: "edited V6 on",
            next_day: "POS 2026-03-05",
            amount: "10.60",
        },
        Words {
            code: "nl",
            reopen: "heropenen (R9)",
            last_confirmed: "02-03-2026",
            resolve: "De afwijking van DO1",
            resolve_no: "de afwijking werd niet geboekt",
            no_days: "geen dagen gevonden",
            reason_required: "een reden is verplicht",
            amount_takes: "hoort niet in een bedrag",
            edited: "gewijzigd naar",
            next_day: "05-03-2026",
            amount: "10,60",
        },
        Words {
            code: "fr",
            reopen: "Rouvrir DO1",
            last_confirmed: "02/03/2026",
            resolve: "Comptabiliser l'écart de DO1",
            resolve_no: "l'écart n'a pas été comptabilisé",
            no_days: "aucun jour ne",
            reason_required: "un motif est obligatoire",
            amount_takes: "ne fait pas partie d'un montant",
            edited: "modifié en",
            next_day: "Caisse 05/03",
            amount: "10,60",
        },
    ] {
        let language = format!("[dossier]\nlanguage = \"{}\"\n", w.code);
        let mut shop = Shop::new(&BASE.replacen("[dossier]\n", &language, 1));
        shop.import(&[
            r#"{"type":"ticket","id":"T1","time":"2026-03-02T09:15:00+01:00","lines":[{"vat":"1","amount":"12.10"}],"payments":[{"method":"CASH","amount":"12.10"}]}"#,
            r#"{"type":"ticket","id":"T2","time":"2026-03-04T09:15:00+01:00","lines":[{"vat":"2","amount":"10.60"}],"payments":[{"method":"CASH","amount":"10.60"}]}"#,
        ]);
        shop.expect(0, &["confirm", "--through", "2026-03-02"]);
        // T1 changes after its day was confirmed: drift on the 2nd.
        shop.import(&[
            r#"{"type":"ticket","id":"T1","time":"2026-03-02T09:15:00+01:00","lines":[{"vat":"1","amount":"14.52"}],"payments":[{"method":"CASH","amount":"14.52"}]}"#,
        ]);
        let tmux = Tmux::new(&format!("keys-{}", w.code));
        let command = format!(
            "env DAGKAS_TODAY={} TERM=xterm-256color {} --config {} --data {}",
            shop.today,
            env!("CARGO_BIN_EXE_dagkas"),
            shop.config_path().display(),
            shop.data().display()
        );
        tmux.start(80, 24, &command);
        tmux.wait_for("~");
        // r on the 4th (proposed): the last confirmed day, the 2nd.
        tmux.keys(&["g", "g", "j", "j", "j", "r"]);
        let screen = tmux.wait_for(w.reopen);
        assert!(screen.contains(w.last_confirmed), "{}: {screen}", w.code);
        tmux.keys(&["Escape"]);
        // d on the 2nd shows what it would book and books nothing on n.
        tmux.keys(&["g", "g", "j", "d"]);
        tmux.wait_for(w.resolve);
        tmux.keys(&["n"]);
        tmux.wait_for(w.resolve_no);
        // A second / starts anew: "zzz" matches nothing, then "0" matches again.
        tmux.keys(&["/"]);
        tmux.text("zzz");
        tmux.keys(&["Enter"]);
        tmux.wait_for(w.no_days);
        tmux.keys(&["/"]);
        tmux.text("0");
        tmux.keys(&["Enter"]);
        let screen = tmux.screen();
        assert!(!screen.contains(w.no_days), "{}: {screen}", w.code);
        tmux.keys(&["/"]);
        tmux.keys(&["Escape"]);
        // On the 4th: an amount without a reason is refused; Tab, a letter is said.
        tmux.keys(&["g", "g", "j", "j", "j", "Tab", "Tab", "e"]);
        tmux.text(w.amount);
        tmux.keys(&["Enter"]);
        tmux.wait_for(w.reason_required);
        tmux.keys(&["Tab"]);
        tmux.text("x");
        tmux.wait_for(w.amount_takes);
        tmux.keys(&["Tab"]);
        tmux.text("telling");
        tmux.keys(&["Enter"]);
        tmux.wait_for(w.edited);
        // The day list has the keys again: j goes to the 5th.
        tmux.keys(&["j"]);
        tmux.wait_for(w.next_day);
        tmux.keys(&["q"]);
        std::thread::sleep(Duration::from_millis(300));
        let audit = shop.expect(0, &["audit"]);
        assert!(
            !audit.contains("correction") && !audit.contains("reopen "),
            "{}: {audit}",
            w.code
        );
        assert_eq!(audit.matches(" edit ").count(), 1, "{}: {audit}", w.code);
    }
}
