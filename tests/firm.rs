//! `dagkas dossiers`: a firm's dossiers side by side, on both stores: what needs attention
//! first, each figure as the dossier's own commands state it, a dossier that cannot be
//! read named with why, in the person's language.

#[path = "common/mod.rs"]
mod common;
use common::*;

use std::process::Command;

fn shop_in_firm(firm: &std::path::Path, name: &str, config: &str) -> Shop {
    // On PostgreSQL the dossier's config names its schema: the list has no environment.
    let mut shop = Shop::new(config);
    if let Some(url) = &shop.store_url {
        let text = format!("{config}\n[store]\nurl = \"{url}\"\n");
        std::fs::write(shop.config_path(), text).unwrap();
    }
    shop.today = "2026-03-07".into();
    // The firm finds the dossier's data in its folder's `data/`.
    std::fs::create_dir_all(shop.data()).unwrap();
    std::os::unix::fs::symlink(shop.dir.path(), firm.join(name)).unwrap();
    shop
}

fn dossiers(firm: &std::path::Path, args: &[&str], lang: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_dagkas"))
        .arg("dossiers")
        .arg("--firm")
        .arg(firm)
        .args(args)
        .env("DAGKAS_TODAY", "2026-03-07")
        .env("LC_ALL", lang)
        // The rows kept between listings stay with the test.
        .env("XDG_CACHE_HOME", firm.join(".cache"))
        .env_remove("DAGKAS_STORE_URL")
        .env_remove("DAGKAS_FIRM")
        .output()
        .unwrap()
}

/// The turnover a dossier's `days --json` states for 3 March ("" before it is there).
fn turnover_on_the_3rd(shop: &Shop) -> String {
    let out = shop.run(&["days", "--json"]);
    let days: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    days.as_array()
        .and_then(|d| d.iter().find(|d| d["date"] == "2026-03-03"))
        .map(|d| d["turnover"].as_str().unwrap_or("").to_string())
        .unwrap_or_default()
}

/// Wait for `done`, at most a minute.
fn until(what: &str, done: &dyn Fn() -> bool) {
    let start = std::time::Instant::now();
    while !done() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "{what} within a minute"
        );
        std::thread::sleep(std::time::Duration::from_millis(250));
    }
}

#[test]
fn a_firm_s_dossiers_side_by_side_what_needs_attention_first() {
    let firm = tempfile::tempdir().unwrap();
    let ticket = |id: &str, day: &str, method: &str| {
        format!(
            r#"{{"type":"ticket","id":"{id}","branch":"1","register":"1","time":"2026-03-{day}T10:00:00+01:00","lines":[{{"vat":"1","amount":"12.10"}}],"payments":[{{"method":"{method}","amount":"12.10"}}]}}"#
        )
    };
    // Confirmed through the 6th: nothing to do.
    let mut clean = shop_in_firm(firm.path(), "a-clean", BASE);
    clean.import(&[&ticket("T1", "02", "CASH")]);
    clean.expect(0, &["confirm", "--through", "2026-03-06"]);
    // A day with an unmapped method, and days waiting for review.
    let mut blocked = shop_in_firm(firm.path(), "b-blocked", &BASE.replace("Testwinkel", "Bakkerij Blok"));
    blocked.import(&[&ticket("T1", "02", "CASH"), &ticket("T2", "03", "TIKKIE")]);
    blocked.expect(0, &["confirm", "--through", "2026-03-02"]);
    // A config that does not read.
    std::fs::create_dir_all(firm.path().join("c-broken")).unwrap();
    std::fs::write(firm.path().join("c-broken/dagkas.toml"), "[dossier\n").unwrap();
    // A folder without a config is no dossier.
    std::fs::create_dir_all(firm.path().join("notes")).unwrap();

    let out = dossiers(firm.path(), &["--json"], "C.UTF-8");
    assert!(out.status.success(), "{}", text(&out));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["c-broken", "Bakkerij Blok", "Testwinkel"], "{rows:#?}");
    assert!(
        rows[0]["problem"].as_str().unwrap().contains("dagkas.toml:1"),
        "{:#}",
        rows[0]
    );
    // The blocked dossier's figures are its own commands' figures.
    let days = blocked.days();
    let proposed = days
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["status"] == "proposed")
        .count();
    let overdue = days.as_array().unwrap().iter().filter(|d| d["overdue"] == true).count();
    let b = &rows[1];
    assert_eq!(b["to_review"], proposed, "{b:#}");
    assert_eq!(b["overdue"], overdue, "{b:#}");
    assert_eq!(b["blocked"], 1, "{b:#}");
    assert_eq!(b["last_confirmed"], "2026-03-02", "{b:#}");
    assert_eq!(b["store"], if on_postgres() { "postgres" } else { "embedded" });
    let c = &rows[2];
    assert_eq!(
        (c["to_review"].as_u64(), c["blocked"].as_u64()),
        (Some(0), Some(0)),
        "{c:#}"
    );
    assert_eq!(c["last_confirmed"], "2026-03-06", "{c:#}");
    // Reading the list changed no dossier.
    let before = clean.expect(0, &["audit"]);
    dossiers(firm.path(), &[], "C.UTF-8");
    assert_eq!(clean.expect(0, &["audit"]), before);
    // A row listed before is listed anew once its dossier changed: its config, its days, its
    // documents.
    let row_of = |name: &str| {
        let out = dossiers(firm.path(), &["--json"], "C.UTF-8");
        let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .cloned()
            .unwrap()
    };
    blocked.expect(0, &["map", "--book", "DO1", "method:TIKKIE=BC"]);
    assert_eq!(row_of("Bakkerij Blok")["blocked"], 0);
    blocked.expect(0, &["confirm", "--through", "2026-03-05"]);
    assert_eq!(row_of("Bakkerij Blok")["last_confirmed"], "2026-03-05");
    let mut blocked = blocked;
    blocked.import(&[&ticket("T3", "06", "BC")]);
    assert_eq!(row_of("Bakkerij Blok")["to_review"], 1, "the 6th to review");
    let config = std::fs::read_to_string(blocked.config_path()).unwrap();
    std::fs::write(
        blocked.config_path(),
        config.replace("Bakkerij Blok", "Bakkerij Blok & Zoon"),
    )
    .unwrap();
    assert_eq!(row_of("Bakkerij Blok & Zoon")["last_confirmed"], "2026-03-05");
    // A confirmed day whose ticket changed since is drift (R10), in the row as in `days`.
    clean.import(&[&ticket("T1", "02", "CASH").replace("12.10", "13.31")]);
    assert_eq!(row_of("Testwinkel")["drift"], 1);
    // In the person's language.
    let nl = dossiers(firm.path(), &[], "nl_BE.UTF-8");
    let said = text(&nl);
    assert!(
        nl.status.success() && said.contains("Nazien") && said.contains("kan niet gelezen worden"),
        "{said}"
    );
    // Without a firm, the way to name one.
    let none = Command::new(env!("CARGO_BIN_EXE_dagkas"))
        .arg("dossiers")
        .env_remove("DAGKAS_FIRM")
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap();
    assert_eq!(none.status.code(), Some(2));
    assert!(text(&none).contains("--firm DIR"), "{}", text(&none));
}

/// One service for the firm: every dossier synced in one process, a POS that hangs delays
/// only its own dossier, a dossier added to the directory is served without a restart, and
/// a stop ends the process after the runs under way.
#[test]
fn one_service_syncs_every_dossier_of_the_firm() {
    let firm = tempfile::tempdir().unwrap();
    // A POS that takes connections and never answers.
    let hanging = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = hanging.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for c in hanging.incoming().flatten() {
            held.push(c);
        }
    });
    let with_file = |name: &str, shop_name: &str, lines: &[String]| {
        let docs = firm.path().join(format!("{name}.jsonl"));
        std::fs::write(&docs, lines.join("\n") + "\n").unwrap();
        let config = BASE.replace("Testwinkel", shop_name).replace(
            "[[source]]\nname = \"kassa\"\nkind = \"file\"",
            &format!(
                "[[source]]\nname = \"kassa\"\nkind = \"file\"\npath = \"{}\"",
                docs.display()
            ),
        );
        shop_in_firm(firm.path(), name, &config)
    };
    let ticket = |id: &str, amount: &str| {
        format!(
            r#"{{"type":"ticket","id":"{id}","branch":"1","register":"1","time":"2026-03-03T10:00:00+01:00","lines":[{{"vat":"1","amount":"{amount}"}}],"payments":[{{"method":"CASH","amount":"{amount}"}}]}}"#
        )
    };
    let a = with_file("a", "Winkel A", &[ticket("A1", "12.10")]);
    let b = with_file("b", "Winkel B", &[ticket("B1", "24.20")]);
    let hangs = BASE.replace("Testwinkel", "Winkel C").replace(
        "[[source]]\nname = \"kassa\"\nkind = \"file\"",
        &format!("[[source]]\nname = \"kassa\"\nkind = \"mplus\"\nurl = \"http://127.0.0.1:{port}\"\nident = \"winkel\"\nsecret_env = \"DAGKAS_TEST_MPLUS_SECRET\"\ntimeout = \"3s\""),
    );
    let c = shop_in_firm(firm.path(), "c", &hangs);
    // A dozen in all with the one added below.
    let more: Vec<(Shop, String)> = (1..=8)
        .map(|i| {
            let amount = format!("{i}.00");
            let shop = with_file(
                &format!("e{i}"),
                &format!("Winkel E{i}"),
                &[ticket(&format!("E{i}"), &amount)],
            );
            (shop, amount)
        })
        .collect();
    let mut service = Command::new(env!("CARGO_BIN_EXE_dagkas"))
        .args(["sync", "--firm"])
        .arg(firm.path())
        .args(["--parallel", "2"])
        .env("DAGKAS_TODAY", "2026-03-07")
        .env("DAGKAS_TEST_MPLUS_SECRET", "s3cret")
        .env("USER", "service")
        .env_remove("DAGKAS_STORE_URL")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let turnover = turnover_on_the_3rd;
    until("every file dossier synced while C's POS hangs", &|| {
        turnover(&a) == "12.10"
            && turnover(&b) == "24.20"
            && more.iter().all(|(shop, amount)| turnover(shop) == *amount)
    });
    // On PostgreSQL the service holds every dossier's schedule on one session, not one each.
    if let Some(url) = &a.store_url {
        let (mut client, _) = pg_client(url);
        let name = format!("dagkas (sync schedules, pid {})", service.id());
        let sessions: i64 = client
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1",
                &[&name],
            )
            .unwrap()
            .get(0);
        assert_eq!(sessions, 1, "one session holds the schedules of the eleven dossiers");
    }
    // A dossier added to the directory is served without a restart.
    let d = with_file("d", "Winkel D", &[ticket("D1", "6.05")]);
    until("the new dossier synced", &|| turnover(&d) == "6.05");
    // The hanging POS failed its own runs only.
    until("C's runs failed and were recorded", &|| {
        c.expect(0, &["audit"]).contains("sync failed")
    });
    // A stop ends the service after the runs under way.
    unsafe {
        libc::kill(service.id() as i32, libc::SIGTERM);
    }
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(s) = service.try_wait().unwrap() {
            break s;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(30),
            "the service stops"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    assert!(status.success(), "{status:?}");
    // Each dossier's runs are its own, by the service.
    for shop in [&a, &b, &d] {
        let audit = shop.expect(0, &["audit"]);
        assert!(audit.contains("import") || audit.contains("sync"), "{audit}");
    }
    // The list states what each dossier's own commands state, whether the service kept
    // its row after the run (data dirs) or the list reads it.
    let listed = dossiers(firm.path(), &["--json"], "C.UTF-8");
    assert!(listed.status.success(), "{}", text(&listed));
    let rows: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    for (shop, name, ok) in [
        (&a, "Winkel A", true),
        (&b, "Winkel B", true),
        (&c, "Winkel C", false),
        (&d, "Winkel D", true),
    ] {
        let row = rows
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .unwrap_or_else(|| panic!("{name} in {rows:#}"));
        assert_eq!(row["last_run"]["ok"], ok, "{row:#}");
        let days = shop.days();
        let to_review = days
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["status"] == "proposed")
            .count();
        assert_eq!(row["to_review"], to_review, "{name}: {row:#}");
    }
}

/// The overview screen in a terminal: the dossiers with what needs attention first; Enter
/// opens one's review screen, a confirm there, q back, and the row has changed.
#[test]
fn the_overview_opens_a_dossier_and_shows_what_changed_when_it_comes_back() {
    if !require_tool("tmux") {
        return;
    }
    let firm = tempfile::tempdir().unwrap();
    let ticket = |id: &str, day: &str| {
        format!(
            r#"{{"type":"ticket","id":"{id}","branch":"1","register":"1","time":"2026-03-{day}T10:00:00+01:00","lines":[{{"vat":"1","amount":"12.10"}}],"payments":[{{"method":"CASH","amount":"12.10"}}]}}"#
        )
    };
    let mut quiet = shop_in_firm(firm.path(), "a-quiet", &BASE.replace("Testwinkel", "Winkel Stil"));
    quiet.import(&[&ticket("Q1", "02")]);
    quiet.expect(0, &["confirm", "--through", "2026-03-06"]);
    let mut busy = shop_in_firm(firm.path(), "b-busy", &BASE.replace("Testwinkel", "Winkel Druk"));
    busy.import(&[&ticket("B1", "02"), &ticket("B2", "03")]);
    let tmux = Tmux::new(if on_postgres() {
        "firm-overview-pg"
    } else {
        "firm-overview"
    });
    let store = busy
        .store_url
        .as_ref()
        .map(|_| "DAGKAS_STORE_URL= ".to_string())
        .unwrap_or_default();
    tmux.start(
        100,
        30,
        &format!(
            "env {store}DAGKAS_TODAY=2026-03-07 LC_ALL=C.UTF-8 TERM=xterm-256color USER=els {} tui --firm {}",
            env!("CARGO_BIN_EXE_dagkas"),
            firm.path().display()
        ),
    );
    // The busy dossier first: days to review and overdue.
    let screen = tmux.wait_for("Winkel Stil");
    let busy_at = screen.find("Winkel Druk").expect("listed");
    assert!(
        busy_at < screen.find("Winkel Stil").unwrap(),
        "what needs attention first:\n{screen}"
    );
    tmux.keys(&["Enter"]);
    tmux.wait_for("dagkas · Winkel Druk");
    // Confirm every valid day, then back to the overview.
    tmux.keys(&["A"]);
    tmux.wait_for("Batch confirm");
    tmux.keys(&["y"]);
    tmux.wait_for("confirmed");
    tmux.keys(&["q"]);
    tmux.wait_for("what needs attention first");
    // The row was read again: nothing left to review in either dossier.
    let start = std::time::Instant::now();
    loop {
        let screen = tmux.screen();
        let line = screen
            .lines()
            .find(|l| l.contains("Winkel Druk"))
            .unwrap_or_default()
            .to_string();
        if line.split_whitespace().nth(2) == Some("·") {
            break;
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(20), "{screen}");
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    tmux.keys(&["q"]);
    let days = busy.days();
    assert!(
        days.as_array().unwrap().iter().all(|d| d["status"] != "proposed"),
        "{days:#}"
    );
}

/// Two firm services on one set of dossiers (two machines on one database, or two
/// processes on one disk): each dossier is run by one of them at a time; when the one that
/// holds them is killed (kill -9), the other takes them over at once, and no run is doubled
/// or lost.
#[test]
fn a_second_service_takes_over_the_dossiers_of_one_killed() {
    let firm = tempfile::tempdir().unwrap();
    let docs = firm.path().join("a.jsonl");
    let ticket = |id: &str, amount: &str| {
        format!(
            r#"{{"type":"ticket","id":"{id}","branch":"1","register":"1","time":"2026-03-03T10:00:00+01:00","lines":[{{"vat":"1","amount":"{amount}"}}],"payments":[{{"method":"CASH","amount":"{amount}"}}]}}"#
        )
    };
    std::fs::write(&docs, ticket("A1", "12.10") + "\n").unwrap();
    let config = BASE.replace(
        "[[source]]\nname = \"kassa\"\nkind = \"file\"",
        &format!(
            "[[source]]\nname = \"kassa\"\nkind = \"file\"\npath = \"{}\"",
            docs.display()
        ),
    );
    let a = shop_in_firm(firm.path(), "a", &config);
    let service = || {
        Command::new(env!("CARGO_BIN_EXE_dagkas"))
            .args(["sync", "--firm"])
            .arg(firm.path())
            .env("DAGKAS_TODAY", "2026-03-07")
            .env("USER", "service")
            .env_remove("DAGKAS_STORE_URL")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let turnover = || turnover_on_the_3rd(&a);
    let mut first = service();
    until("the first service ran the dossier", &|| turnover() == "12.10");
    // The second waits: the dossier is the first's (its interval is 15 minutes).
    let mut second = service();
    std::thread::sleep(std::time::Duration::from_secs(3));
    std::fs::write(&docs, ticket("A1", "12.10") + "\n" + &ticket("A2", "10.00") + "\n").unwrap();
    std::thread::sleep(std::time::Duration::from_secs(3));
    assert_eq!(turnover(), "12.10", "neither ran it again meanwhile");
    first.kill().unwrap();
    first.wait().unwrap();
    until("the second service took the dossier over", &|| turnover() == "22.10");
    unsafe {
        libc::kill(second.id() as i32, libc::SIGTERM);
    }
    second.wait().unwrap();
    // Two runs in all, one by each: none doubled, none lost.
    let log = a.expect(0, &["sync", "--log"]);
    let runs = log
        .lines()
        .filter(|l| l.contains(" file ") || l.contains("kassa"))
        .count();
    let batches = a.json(&["audit", "--json"]);
    let imports = batches
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "import" || e["action"] == "sync cursor")
        .count();
    assert_eq!(imports, 2, "{log}\n{batches:#}");
    assert!(runs >= 2, "{log}");
}

/// Access follows the database: a role that may only read a dossier's schema reads it,
/// and each change is refused with a plain word of why; the firm's list names it.
#[test]
fn a_role_that_may_only_read_reads_and_is_told_why_it_cannot_change() {
    if !on_postgres() {
        return;
    }
    let mut shop = Shop::base();
    shop.today = "2026-03-07".into();
    shop.import(&[r#"{"type":"ticket","id":"T1","branch":"1","register":"1","time":"2026-03-02T10:00:00+01:00","lines":[{"vat":"1","amount":"12.10"}],"payments":[{"method":"CASH","amount":"12.10"}]}"#]);
    let url = shop.store_url.clone().unwrap();
    let (mut admin, schema) = pg_client(&url);
    let role = format!("reader_{}", std::process::id());
    admin
        .batch_execute(&format!(
            "DROP ROLE IF EXISTS {role}; CREATE ROLE {role} LOGIN; GRANT USAGE ON SCHEMA {schema} TO {role}; GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role};"
        ))
        .unwrap();
    let as_reader = url.replacen("://dagkas@", &format!("://{role}@"), 1);
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_dagkas"))
            .arg("--config")
            .arg(shop.config_path())
            .arg("--data")
            .arg(shop.data())
            .args(args)
            .env("DAGKAS_TODAY", "2026-03-07")
            .env("DAGKAS_STORE_URL", &as_reader)
            .env("LC_ALL", "C.UTF-8")
            .env("DAGKAS_LOCK_WAIT", "5")
            .output()
            .unwrap()
    };
    let days = run(&["days", "--json"]);
    assert!(days.status.success(), "{}", text(&days));
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&days.stdout).unwrap(),
        shop.days(),
        "the same days as the owner reads"
    );
    let before = shop.expect(0, &["audit"]);
    for change in [
        vec!["confirm", "--through", "2026-03-02"],
        vec![
            "edit",
            "2026-03-03",
            "--book",
            "DO1",
            "--set",
            "payment:CASH=1.00",
            "--reason",
            "x",
        ],
    ] {
        let out = run(&change);
        let said = text(&out);
        assert_eq!(out.status.code(), Some(1), "{change:?}: {said}");
        assert!(
            said.contains("lets this role read the dossier but not change it") && said.contains(&schema),
            "{said}"
        );
        assert!(!said.contains("permission denied for table"), "{said}");
    }
    assert_eq!(shop.expect(0, &["audit"]), before, "nothing changed");
    // A bookkeeper's role, granted as the README says, changes the books.
    let keeper = format!("keeper_{}", std::process::id());
    admin
        .batch_execute(&format!(
            "DROP ROLE IF EXISTS {keeper}; CREATE ROLE {keeper} LOGIN; GRANT USAGE ON SCHEMA {schema} TO {keeper}; GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {keeper};"
        ))
        .unwrap();
    let as_keeper = url.replacen("://dagkas@", &format!("://{keeper}@"), 1);
    let out = Command::new(env!("CARGO_BIN_EXE_dagkas"))
        .arg("--config")
        .arg(shop.config_path())
        .arg("--data")
        .arg(shop.data())
        .args(["confirm", "--through", "2026-03-02", "--author", "els"])
        .env("DAGKAS_TODAY", "2026-03-07")
        .env("DAGKAS_STORE_URL", &as_keeper)
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(shop.expect(0, &["audit"]).contains("els"));
    // A role with no rights on the schema is told so, and does not see the dossier in a
    // firm's list.
    let nobody = format!("nobody_{}", std::process::id());
    admin
        .batch_execute(&format!("DROP ROLE IF EXISTS {nobody}; CREATE ROLE {nobody} LOGIN;"))
        .unwrap();
    let as_nobody = url.replacen("://dagkas@", &format!("://{nobody}@"), 1);
    let out = Command::new(env!("CARGO_BIN_EXE_dagkas"))
        .arg("--config")
        .arg(shop.config_path())
        .arg("--data")
        .arg(shop.data())
        .arg("days")
        .env("DAGKAS_TODAY", "2026-03-07")
        .env("DAGKAS_STORE_URL", &as_nobody)
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap();
    let said = text(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("may not use the dossier's schema") && said.contains(&schema),
        "{said}"
    );
    let firm = tempfile::tempdir().unwrap();
    for (folder, as_role) in [("seen", &as_keeper), ("hidden", &as_nobody)] {
        let dir = firm.path().join(folder);
        std::fs::create_dir_all(dir.join("data")).unwrap();
        let config = std::fs::read_to_string(shop.config_path()).unwrap();
        std::fs::write(
            dir.join("dagkas.toml"),
            format!("{config}\n[store]\nurl = \"{as_role}\"\n"),
        )
        .unwrap();
    }
    let listed = dossiers(firm.path(), &["--json"], "C.UTF-8");
    assert!(listed.status.success(), "{}", text(&listed));
    let rows: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let folders: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["folder"].as_str().unwrap())
        .collect();
    assert_eq!(folders.len(), 1, "{rows:#}");
    assert!(folders[0].ends_with("seen"), "{rows:#}");
}

/// On PostgreSQL the database is the firm (decision 94): every dossier schema in it, each
/// with the config it keeps, listed and served from the database's address alone; a config
/// loaded while the service runs is used at that dossier's next run, and a dossier loaded
/// into the database is served without a restart.
#[test]
fn a_database_is_a_firm_listed_and_served_from_its_address_alone() {
    if !on_postgres() {
        return;
    }
    let shared = pg::shared_url();
    let db = format!("firm_{}", std::process::id());
    let mut admin = postgres::Client::connect(shared, postgres::NoTls).unwrap();
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {db}")).unwrap();
    admin.batch_execute(&format!("CREATE DATABASE {db}")).unwrap();
    let (server, _) = shared.rsplit_once('/').unwrap();
    let firm = format!("{server}/{db}");
    // A machine with nothing but the database's address: no config file, no data dir yet.
    let home = tempfile::tempdir().unwrap();
    let dagkas = |args: &[&str]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_dagkas"));
        c.args(args)
            .env("HOME", home.path())
            .env("DAGKAS_TODAY", "2026-03-07")
            .env("LC_ALL", "C.UTF-8")
            .env("USER", "service")
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("XDG_DATA_HOME")
            .env_remove("DAGKAS_CONFIG")
            .env_remove("DAGKAS_DATA")
            .env_remove("DAGKAS_STORE_URL")
            .env_remove("DAGKAS_FIRM");
        c
    };
    let ticket = |id: &str, amount: &str| {
        format!(
            r#"{{"type":"ticket","id":"{id}","branch":"1","register":"1","time":"2026-03-03T10:00:00+01:00","lines":[{{"vat":"1","amount":"{amount}"}}],"payments":[{{"method":"CASH","amount":"{amount}"}}]}}"#
        )
    };
    let load = |schema: &str, name: &str, tickets: &[String], over: Option<&str>| {
        let docs = home.path().join(format!("{schema}-{}.jsonl", tickets.len()));
        std::fs::write(&docs, tickets.join("\n") + "\n").unwrap();
        let config = BASE.replace("Testwinkel", name).replace(
            "[[source]]\nname = \"kassa\"\nkind = \"file\"",
            &format!(
                "[[source]]\nname = \"kassa\"\nkind = \"file\"\ninterval = \"1s\"\npath = \"{}\"",
                docs.display()
            ),
        );
        let file = home.path().join(format!("{schema}.toml"));
        std::fs::write(&file, config).unwrap();
        let address = format!("{firm}?schema={schema}");
        let mut args = vec!["--store", &address, "config", "load", file.to_str().unwrap()];
        if let Some(n) = over {
            args.extend(["--over", n]);
        }
        let out = dagkas(&args).output().unwrap();
        assert!(out.status.success(), "{}", text(&out));
    };
    let turnover = |schema: &str| {
        let address = format!("{firm}?schema={schema}");
        let out = dagkas(&["--store", &address, "days", "--json"]).output().unwrap();
        let days: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        days.as_array()
            .and_then(|d| d.iter().find(|d| d["date"] == "2026-03-03"))
            .map(|d| d["turnover"].as_str().unwrap_or("").to_string())
            .unwrap_or_default()
    };
    load("winkel_a", "Winkel A", &[ticket("A1", "12.10")], None);
    load("winkel_b", "Winkel B", &[ticket("B1", "24.20")], None);
    // A schema of something else is no dossier.
    let mut in_firm = postgres::Client::connect(&firm, postgres::NoTls).unwrap();
    in_firm
        .batch_execute("CREATE SCHEMA boekhouding; CREATE TABLE boekhouding.meta (k int)")
        .unwrap();
    let listed = dagkas(&["dossiers", "--firm", &firm, "--json"]).output().unwrap();
    assert!(listed.status.success(), "{}", text(&listed));
    let rows: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let names: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Winkel A", "Winkel B"], "{rows:#}");
    assert!(
        rows[0]["folder"].as_str().unwrap().ends_with("?schema=winkel_a"),
        "{rows:#}"
    );
    assert_eq!(rows[0]["store"], "postgres");
    let mut service = dagkas(&["sync", "--firm", &firm])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    until("both dossiers synced", &|| {
        turnover("winkel_a") == "12.10" && turnover("winkel_b") == "24.20"
    });
    // A's config changed (another file to read): its next run reads it.
    load(
        "winkel_a",
        "Winkel A",
        &[ticket("A1", "12.10"), ticket("A2", "30.25")],
        Some("1"),
    );
    until("the changed config used", &|| turnover("winkel_a") == "42.35");
    // A dossier loaded into the database is served without a restart.
    load("winkel_c", "Winkel C", &[ticket("C1", "6.05")], None);
    until("the new dossier synced", &|| turnover("winkel_c") == "6.05");
    unsafe {
        libc::kill(service.id() as i32, libc::SIGTERM);
    }
    let status = service.wait().unwrap();
    assert!(status.success(), "{status:?}");
    // The list reads the rows the service kept in each dossier, and reads a dossier anew
    // once it changed.
    let listed = || {
        let out = dagkas(&["dossiers", "--firm", &firm, "--json"]).output().unwrap();
        assert!(out.status.success(), "{}", text(&out));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let rows = listed();
    assert_eq!(rows.as_array().unwrap().len(), 3, "{rows:#}");
    for row in rows.as_array().unwrap() {
        assert_eq!(row["last_run"]["ok"], true, "{row:#}");
        assert_eq!(row["last_confirmed"], serde_json::Value::Null, "{row:#}");
    }
    let b = format!("{firm}?schema=winkel_b");
    let out = dagkas(&["--store", &b, "confirm", "--through", "2026-03-03"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let rows = listed();
    let row_b = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "Winkel B")
        .unwrap();
    assert_eq!(row_b["last_confirmed"], "2026-03-03", "{row_b:#}");
    // Each dossier's files on this machine are under its schema's name.
    for schema in ["winkel_a", "winkel_b", "winkel_c"] {
        assert!(
            home.path().join(".local/share/dagkas").join(schema).is_dir(),
            "{schema}"
        );
    }
    drop(in_firm);
    let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"));
}
