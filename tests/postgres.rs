//! What only the PostgreSQL store has to show: dossiers side by side in one database,
//! writers on several connections at once, a server that restarts under a command, a
//! killed holder, changes announced to open screens, and moving a dossier between stores.

#[path = "common/mod.rs"]
mod common;
use common::pg::{fresh_schema, shared_url, Cluster};
use common::*;

use std::time::{Duration, Instant};

fn pg_shop(config: &str) -> Shop {
    let mut shop = Shop::new(config);
    shop.store_url = Some(format!("{}?schema={}", shared_url(), fresh_schema()));
    shop
}

fn ticket(id: &str, day: u32, amount: &str) -> String {
    format!(
        r#"{{"type":"ticket","id":"{id}","branch":"1","register":"1","time":"2026-03-{day:02}T10:00:00+01:00","lines":[{{"vat":"1","amount":"{amount}"}}],"payments":[{{"method":"CASH","amount":"{amount}"}}]}}"#
    )
}

/// The review screen of a shop on PostgreSQL, in tmux at 80×24.
fn screen(shop: &Shop, name: &str) -> Tmux {
    let tmux = Tmux::new(name);
    let command = format!(
        "env DAGKAS_TODAY={} DAGKAS_STORE_URL='{}' TERM=xterm-256color {} --config {} --data {}",
        shop.today,
        shop.store_url.as_ref().unwrap(),
        env!("CARGO_BIN_EXE_dagkas"),
        shop.config_path().display(),
        shop.data().display()
    );
    tmux.start(80, 24, &command);
    tmux
}

/// A generated file of `docs` documents over the shop's first days.
fn generated(shop: &Shop, docs: u32) -> std::path::PathBuf {
    let path = shop.dir.path().join("gen.jsonl");
    generate(&path, docs, 7);
    path
}

#[test]
fn a_dossier_moves_to_postgresql_and_back_with_every_figure_and_its_audit() {
    let mut shop = Shop::new(&two_journal_config());
    shop.import(&[&ticket("T1", 2, "12.10"), &ticket("T2", 3, "30.00")]);
    shop.edit("2026-03-04", "payment:CASH=5.00", "counted");
    shop.expect(0, &["confirm", "--through", "2026-03-02"]);
    let before = shop.days();
    let audit_before = shop.json(&["audit", "--json"]);
    let url = format!("{}?schema={}", shared_url(), fresh_schema());
    let out = shop.expect(0, &["store", "copy", "--to", &url]);
    assert!(out.contains("records to"), "{out}");

    let mut on_pg = Shop::new(&two_journal_config());
    on_pg.store_url = Some(url.clone());
    // The data dir of the copy has no store of its own: everything comes from the database.
    assert_eq!(
        serde_json::to_string(&on_pg.days()).unwrap(),
        serde_json::to_string(&before).unwrap()
    );
    on_pg.expect(0, &["check"]);
    let audit = on_pg.json(&["audit", "--json"]);
    let entries = audit.as_array().unwrap();
    assert_eq!(entries.len(), audit_before.as_array().unwrap().len() + 1);
    assert_eq!(entries.last().unwrap()["action"], "store copy");

    // A second copy into the same schema is refused and writes nothing.
    let again = shop.expect(1, &["store", "copy", "--to", &url]);
    assert!(again.contains("already holds books"), "{again}");
    assert_eq!(
        on_pg.json(&["audit", "--json"]).as_array().unwrap().len(),
        entries.len()
    );

    // Work goes on there, and the dossier comes back to a data dir with it.
    on_pg.expect(0, &["confirm", "--through", "2026-03-03"]);
    let moved = on_pg.days();
    let mut home = Shop::new(&two_journal_config());
    home.store_url = None;
    on_pg.expect(0, &["store", "copy", "--to", home.data().to_str().unwrap()]);
    assert_eq!(home.days(), moved);
    home.expect(0, &["check"]);
}

#[test]
fn dossiers_in_one_database_never_see_each_other() {
    let mut a = pg_shop(BASE);
    let mut b = pg_shop(BASE);
    a.import(&[&ticket("A1", 2, "11.00")]);
    b.import(&[&ticket("B1", 2, "22.00"), &ticket("B2", 2, "0.50")]);
    assert_eq!(line(&a.day("2026-03-02"), "categories", "V21", "incl"), "11.00");
    assert_eq!(line(&b.day("2026-03-02"), "categories", "V21", "incl"), "22.50");
    let b_audit = b.json(&["audit", "--json"]);
    a.expect(0, &["confirm", "--through", "2026-03-05"]);
    assert_eq!(b.day("2026-03-02")["status"], "proposed");
    let confirms = |s: &Shop| {
        let audit = s.json(&["audit", "--json"]);
        audit
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "confirm")
            .count()
    };
    assert_eq!((confirms(&a), confirms(&b)), (1, 0));
    assert_eq!(b.json(&["audit", "--json"]), b_audit, "b's chain is its own");
    // Each dossier's rows live in its own schema.
    let (mut client, schema) = pg_client(a.store_url.as_ref().unwrap());
    let tables: i64 = client
        .query_one("SELECT count(*) FROM pg_tables WHERE schemaname = $1", &[&schema])
        .unwrap()
        .get(0);
    assert_eq!(tables, dagkas::store::engine::Tree::ALL.len() as i64);
}

#[test]
fn a_password_stays_out_of_the_config_and_out_of_every_message() {
    let shop = Shop::new(&format!(
        "{BASE}\n[store]\nurl = \"postgresql://boek:geheim123@127.0.0.1:1/firma\"\n"
    ));
    let mut validate = shop.cmd(&["config", "validate"]);
    validate.env_remove("DAGKAS_STORE_URL");
    let out = validate.output().unwrap();
    let said = text(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("store.url") && said.contains("PGPASSWORD"), "{said}");
    assert!(!said.contains("geheim123"), "{said}");

    // From the environment a password is fine, but a server that cannot be reached is
    // named without it.
    let shop = Shop::base();
    let out = shop
        .cmd(&["days"])
        .env(
            "DAGKAS_STORE_URL",
            "postgresql://boek:geheim123@127.0.0.1:1/firma?connect_timeout=2",
        )
        .output()
        .unwrap();
    let said = text(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("cannot reach the database"), "{said}");
    assert!(said.contains("postgresql://boek@127.0.0.1:1/firma"), "{said}");
    assert!(!said.contains("geheim123"), "{said}");
}

#[test]
fn two_writers_and_an_import_at_once_lose_nothing_and_keep_the_chain() {
    let mut shop = pg_shop(&two_journal_config());
    let days: Vec<String> = (1..=9).map(|d| ticket(&format!("T{d}"), d, "10.00")).collect();
    shop.import(&days.iter().map(String::as_str).collect::<Vec<_>>());
    let late = shop.file(&[&ticket("L1", 9, "1.00"), &ticket("L2", 8, "2.00")]);
    let shop = std::sync::Arc::new(shop);
    let writer = |who: &'static str, dates: Vec<u32>| {
        let shop = shop.clone();
        std::thread::spawn(move || {
            let mut edits = 0;
            for d in dates {
                let date = format!("2026-03-{d:02}");
                let set = format!("payment:CASH=10.{d:02}");
                let out = shop
                    .cmd(&[
                        "edit", &date, "--book", "DO1", "--set", &set, "--reason", who, "--author", who,
                    ])
                    .output()
                    .unwrap();
                // A day the other writer confirmed meanwhile is refused (R11), never half-done.
                match out.status.code() {
                    Some(0) => edits += 1,
                    Some(1) => assert!(text(&out).contains("confirmed"), "{}", text(&out)),
                    other => panic!("{who}: edit exit {other:?}: {}", text(&out)),
                }
                let out = shop
                    .cmd(&["confirm", "--through", &date, "--author", who])
                    .output()
                    .unwrap();
                assert!(matches!(out.status.code(), Some(0 | 3)), "{}", text(&out));
            }
            edits
        })
    };
    let one = writer("anna", vec![1, 3, 5, 7]);
    let two = writer("bert", vec![2, 4, 6, 8]);
    let import = {
        let shop = shop.clone();
        std::thread::spawn(move || shop.run(&["import", late.to_str().unwrap()]))
    };
    let edits = one.join().unwrap() + two.join().unwrap();
    assert!(import.join().unwrap().status.success());
    shop.expect(0, &["check"]);
    let audit = shop.json(&["audit", "--json"]);
    let entries = audit.as_array().unwrap();
    let seqs: Vec<u64> = entries.iter().map(|e| e["seq"].as_u64().unwrap()).collect();
    assert_eq!(
        seqs,
        (1..=entries.len() as u64).collect::<Vec<_>>(),
        "one chain, no gaps"
    );
    let edited = entries.iter().filter(|e| e["action"] == "edit").count();
    assert_eq!(edited, edits, "every edit that succeeded is in the log");
    // The chain of the cash book holds from day to day.
    let days = shop.days();
    let list = days.as_array().unwrap();
    for pair in list.windows(2) {
        assert_eq!(pair[0]["cash"][0]["closing"], pair[1]["cash"][0]["opening"]);
    }
}

/// Imports started at once take turns on the dossier, and each merges its documents into
/// the id index's buckets (shared between the files) as it commits: none is lost, so every
/// document imported again is unchanged.
#[test]
fn imports_started_at_once_each_keep_their_documents() {
    let mut shop = pg_shop(&two_journal_config());
    // 4 × 400 ids over 4 096 buckets: many buckets are shared between the files.
    let files: Vec<std::path::PathBuf> = (0..4)
        .map(|f| {
            let lines: Vec<String> = (0..400)
                .map(|i| ticket(&format!("T{f}-{i}"), 1 + (i % 9), "1.00"))
                .collect();
            shop.file(&lines.iter().map(String::as_str).collect::<Vec<_>>())
        })
        .collect();
    let shop = std::sync::Arc::new(shop);
    let runs: Vec<_> = files
        .iter()
        .map(|f| {
            let (shop, f) = (shop.clone(), f.clone());
            std::thread::spawn(move || shop.run(&["import", f.to_str().unwrap()]))
        })
        .collect();
    for run in runs {
        let out = run.join().unwrap();
        assert!(out.status.success(), "{}", text(&out));
        assert!(text(&out).contains("400 new"), "{}", text(&out));
    }
    for f in &files {
        let out = shop.expect(0, &["import", f.to_str().unwrap()]);
        assert!(out.contains("0 new, 0 changed, 400 unchanged"), "{out}");
    }
    shop.expect(0, &["check"]);
}

/// A command runs while the server is stopped and started again under it: the command
/// fails with a plain message, and the store is as before it or as after it.
fn restart_during(args: &[&str], prepare: impl Fn(&Shop)) {
    let mut cluster = Cluster::start();
    let url = format!("{}?schema=restart", cluster.database("restart"));
    let mut shop = Shop::new(&two_journal_config());
    shop.store_url = Some(url);
    prepare(&shop);
    let big = generated(&shop, 60_000);
    let before = serde_json::to_string(&shop.days()).unwrap();
    let child = shop
        .cmd(args)
        .arg(&big)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    cluster.stop();
    let done = child.wait_with_output().unwrap();
    let status = done.status;
    cluster.resume();
    let now = serde_json::to_string(&shop.days()).unwrap();
    // Truthful: work that was kept is never reported as lost.
    let said = text(&done);
    if now != before {
        assert!(
            status.success()
                || !said.contains("nothing of the unfinished change was kept")
                || said.contains("committed and kept"),
            "kept work reported as lost: {said}"
        );
    }
    shop.expect(0, &["check"]);
    // Done again, it converges on the uninterrupted result.
    let mut again = shop.cmd(args);
    again.arg(&big);
    let out = again.output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let after = serde_json::to_string(&shop.days()).unwrap();
    assert!(
        now == before || now == after,
        "the restart left the store between before and after (exit {status:?})"
    );
    shop.expect(0, &["check"]);
}

#[test]
fn a_server_restart_during_an_import_leaves_nothing_partial() {
    restart_during(&["import"], |shop| {
        shop.run(&["import", shop.dir.path().join("none").to_str().unwrap()]);
    });
}

#[test]
fn a_server_restart_during_a_confirm_leaves_nothing_partial() {
    let mut cluster = Cluster::start();
    let url = format!("{}?schema=confirming", cluster.database("confirming"));
    let mut shop = Shop::new(&two_journal_config());
    shop.store_url = Some(url);
    shop.today = "2026-06-01".into();
    let big = generated(&shop, 5_000);
    shop.expect(0, &["import", big.to_str().unwrap()]);
    let before = shop.days();
    let started = Instant::now();
    let child = shop.cmd(&["confirm", "--through", "2026-05-31"]).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(150));
    cluster.stop();
    let out = child.wait_with_output().unwrap();
    cluster.resume();
    let now = shop.days();
    shop.expect(0, &["check"]);
    let confirmed = |v: &serde_json::Value| {
        v.as_array()
            .unwrap()
            .iter()
            .filter(|d| d["status"] == "confirmed")
            .count()
    };
    // A confirm writes its run of days in one transaction: all of them or none.
    assert!(
        confirmed(&now) == confirmed(&before) || out.status.success(),
        "a confirm cut off after {:?} left {} days confirmed",
        started.elapsed(),
        confirmed(&now)
    );
    let done = shop.run(&["confirm", "--through", "2026-05-31"]);
    assert!(matches!(done.status.code(), Some(0 | 3)), "{}", text(&done));
    shop.expect(0, &["check"]);
}

#[test]
fn a_killed_holder_releases_the_dossier_at_once() {
    let shop = pg_shop(&two_journal_config());
    let big = generated(&shop, 40_000);
    let mut child = shop.cmd(&["import", big.to_str().unwrap()]).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(500));
    unsafe { libc::kill(child.id() as i32, libc::SIGKILL) };
    let _ = child.wait();
    let began = Instant::now();
    let out = shop.cmd(&["days"]).env("DAGKAS_LOCK_WAIT", "20").output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        began.elapsed() < Duration::from_secs(15),
        "the server ended the session's lock"
    );
    shop.expect(0, &["check"]);
}

#[test]
fn an_open_screen_learns_of_another_process_s_change_at_once() {
    let mut shop = pg_shop(BASE);
    shop.import(&[&ticket("T1", 2, "5.00")]);
    let url = shop.store_url.clone().unwrap();
    let target = dagkas::store::postgres::Target::parse(&url, None, "x").unwrap();
    let location = dagkas::store::Location::Postgres(target);
    let watch = dagkas::store::Watch::start(&location, &shop.data());
    let deadline = Instant::now() + Duration::from_secs(10);
    while watch.latest().is_none() {
        assert!(Instant::now() < deadline, "the listener never read the dossier");
        std::thread::sleep(Duration::from_millis(20));
    }
    let first = watch.latest();
    shop.import(&[&ticket("T2", 3, "6.00")]);
    let began = Instant::now();
    while watch.latest() == first {
        assert!(began.elapsed() < Duration::from_secs(10), "no notice of the change");
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(watch.latest().unwrap().contains("import"), "{:?}", watch.latest());
    assert_eq!(watch.latest(), watch.now());
    assert!(watch.trouble().is_none());
}

#[test]
fn the_review_screen_works_on_postgresql_and_shows_another_process_s_confirm() {
    if !require_tool("tmux") {
        return;
    }
    let mut shop = pg_shop(BASE);
    shop.import(&[&ticket("T1", 2, "12.10"), &ticket("T2", 3, "7.00")]);
    let tmux = screen(&shop, "pgscreen");
    let screen = tmux.wait_for("POS 2026-03-01");
    assert!(screen.contains("03-02 ·      12.10"), "{screen}");
    // Another process confirms: the open screen shows it without a key pressed.
    shop.expect(0, &["confirm", "--through", "2026-03-02"]);
    let screen = tmux.wait_for("03-02 ✓");
    assert!(screen.contains("03-01 ✓"), "{screen}");
    tmux.keys(&["q"]);
}

#[test]
fn an_open_screen_says_the_database_went_away_and_carries_on_when_it_is_back() {
    if !require_tool("tmux") {
        return;
    }
    let mut cluster = Cluster::start();
    let mut shop = Shop::new(BASE);
    shop.store_url = Some(format!("{}?schema=outage", cluster.database("outage")));
    shop.import(&[&ticket("T1", 2, "12.10"), &ticket("T2", 3, "7.00")]);
    let tmux = screen(&shop, "pgoutage");
    tmux.wait_for("03-02 ·      12.10");
    cluster.stop();
    // Said on the status line; the screen stays up and keeps what it shows.
    let screen = tmux.wait_for("cannot reach the database");
    assert!(screen.contains("03-02 ·      12.10"), "{screen}");
    // A key meanwhile moves the selection; an action fails with the same plain words.
    tmux.keys(&["j"]);
    cluster.resume();
    tmux.wait_for("the database is back");
    // Another process confirms: the screen, reconnected, shows it.
    shop.expect(0, &["confirm", "--through", "2026-03-02"]);
    let screen = tmux.wait_for("03-02 ✓");
    assert!(screen.contains("03-01 ✓"), "{screen}");
    tmux.keys(&["q"]);
}

#[test]
fn a_server_that_speaks_tls_is_reached_only_with_its_certificate_checked() {
    if !require_tool("openssl") {
        return;
    }
    let mut cluster = Cluster::start();
    let base = cluster.database("tls");
    let ca = cluster.require_tls();
    let mut shop = Shop::new(BASE);
    // Without TLS the server turns the session away.
    shop.store_url = Some(format!("{base}?schema=tls&sslmode=disable"));
    let out = shop.expect(1, &["days"]);
    assert!(out.contains("cannot reach the database"), "{out}");
    // TLS, but with an authority the system does not know: refused, and said why.
    shop.store_url = Some(format!("{base}?schema=tls&sslmode=require"));
    let out = shop.expect(1, &["days"]);
    assert!(out.contains("sslrootcert=FILE"), "{out}");
    // With the test's authority (libpq's `sslrootcert`), under libpq's checking modes too.
    for mode in ["require", "verify-full", "prefer"] {
        shop.store_url = Some(format!("{base}?schema=tls&sslmode={mode}&sslrootcert={}", ca.display()));
        shop.import(&[&ticket(&format!("T{mode}"), 2, "5.00")]);
    }
    assert_eq!(shop.day("2026-03-02")["turnover"], "15.00");
    shop.expect(0, &["check"]);
    // A name the certificate does not carry (it names 127.0.0.1 only) is refused.
    shop.store_url = Some(
        format!("{base}?schema=tls&sslmode=require&sslrootcert={}", ca.display()).replace("127.0.0.1", "localhost"),
    );
    let out = shop.expect(1, &["days"]);
    assert!(out.contains("certificate"), "{out}");
    // An unreadable authority file is named.
    shop.store_url = Some(format!("{base}?schema=tls&sslrootcert=/nonexistent/ca.pem"));
    let out = shop.expect(1, &["days"]);
    assert!(out.contains("/nonexistent/ca.pem"), "{out}");
}

#[test]
fn one_sync_service_keeps_the_schedule_for_every_machine_and_each_screen_sees_its_runs() {
    use dagkas::store::{postgres::Target, Location, Watch};
    let shop = pg_shop(BASE);
    let feed = shop.dir.path().join("feed.jsonl");
    let config = BASE.replace(
        "kind = \"file\"",
        &format!("kind = \"file\"\npath = \"{}\"\ninterval = \"1s\"", feed.display()),
    );
    std::fs::write(shop.config_path(), config).unwrap();
    std::fs::write(&feed, ticket("T1", 2, "12.10") + "\n").unwrap();
    let mut service = shop
        .cmd(&["sync"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let began = Instant::now();
    while shop.day("2026-03-02")["turnover"] != "12.10" {
        assert!(began.elapsed() < Duration::from_secs(20), "the service never ran");
        std::thread::sleep(Duration::from_millis(100));
    }
    // Another machine: its own data dir, the same dossier.
    let elsewhere = tempfile::tempdir().unwrap();
    let target = Target::parse(shop.store_url.as_ref().unwrap(), None, "x").unwrap();
    let location = Location::Postgres(target);
    assert!(
        dagkas::sync::Schedule::try_take_at(&location, elsewhere.path()).is_none(),
        "the service holds the dossier's schedule for every machine"
    );
    let watch = Watch::start(&location, elsewhere.path());
    while dagkas::sync::last_run(&watch).is_none_or(|r| r.how != "service") {
        assert!(
            began.elapsed() < Duration::from_secs(20),
            "the other machine never saw the run"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let run = dagkas::sync::last_run(&watch).unwrap();
    assert!(run.ok, "{}", run.summary);
    assert!(
        !shop.data().join("last-sync.json").exists(),
        "kept in the store, not a file"
    );
    unsafe { libc::kill(service.id() as i32, libc::SIGTERM) };
    assert!(service.wait().unwrap().success());
    // Once the service is gone, the schedule is free for whoever comes.
    let free = Instant::now();
    loop {
        if dagkas::sync::Schedule::try_take_at(&location, elsewhere.path()).is_some() {
            break;
        }
        assert!(free.elapsed() < Duration::from_secs(10), "the schedule stayed taken");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn two_dossiers_whose_names_fold_to_one_schema_never_share_it() {
    // "Bakkerij Peeters N" and "bakkerij-peeters-N" both fold to dossier_bakkerij_peeters_N.
    let n = format!("{}{}", std::process::id(), fresh_schema().len());
    let shop = |name: &str| {
        let mut s = Shop::new(&BASE.replace("name = \"Testwinkel\"", &format!("name = \"{name}\"")));
        s.store_url = Some(shared_url().to_string());
        s
    };
    let mut a = shop(&format!("Bakkerij Peeters {n}"));
    let mut b = shop(&format!("bakkerij-peeters-{n}"));
    a.import(&[&ticket("A1", 2, "11.00")]);
    a.expect(0, &["confirm", "--through", "2026-03-05"]);
    let before = a.days();
    let path = b.file(&[&ticket("B1", 2, "22.00")]);
    let out = b.expect(1, &["import", path.to_str().unwrap()]);
    assert!(
        out.contains(&format!("holds the dossier \"Bakkerij Peeters {n}\"")),
        "{out}"
    );
    assert_eq!(a.days(), before, "A's confirmed days are as they were");
    // With a schema of its own, B works beside A.
    b.store_url = Some(format!("{}?schema=b_{n}", shared_url()));
    b.import(&[&ticket("B1", 2, "22.00")]);
    assert_eq!(line(&b.day("2026-03-02"), "categories", "V21", "incl"), "22.00");
    a.expect(0, &["check"]);
}

#[test]
fn a_service_that_lost_the_schedule_in_a_restart_runs_nothing_until_it_holds_it_again() {
    let mut cluster = Cluster::start();
    let url = format!("{}?schema=schedule", cluster.database("schedule"));
    let mut shop = Shop::new(BASE);
    shop.store_url = Some(url);
    let feed = shop.dir.path().join("feed.jsonl");
    std::fs::write(
        shop.config_path(),
        BASE.replace(
            "kind = \"file\"",
            &format!("kind = \"file\"\npath = \"{}\"\ninterval = \"1s\"", feed.display()),
        ),
    )
    .unwrap();
    std::fs::write(&feed, ticket("T1", 2, "12.10") + "\n").unwrap();
    let log = |name: &str| std::fs::File::create(shop.dir.path().join(name)).unwrap();
    let mut first = shop
        .cmd(&["sync"])
        .stdout(log("first.out"))
        .stderr(log("first.err"))
        .spawn()
        .unwrap();
    let began = Instant::now();
    while shop.day("2026-03-02")["turnover"] != "12.10" {
        assert!(began.elapsed() < Duration::from_secs(30), "the service never ran");
        std::thread::sleep(Duration::from_millis(200));
    }
    // The server restarts: the first service's session, and its hold on the schedule, end.
    cluster.stop();
    cluster.resume();
    let mut second = shop
        .cmd(&["sync"])
        .stdout(log("second.out"))
        .stderr(log("second.err"))
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_secs(8));
    // Runs of the last five seconds: one scheduler at a 1 s interval makes five or six;
    // two would make about ten.
    let batches = shop.ledger().store.batches().unwrap();
    let since = chrono::Utc::now() - chrono::Duration::seconds(5);
    let recent = batches.iter().filter(|(_, b)| b.started > since).count();
    for child in [&mut first, &mut second] {
        unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
        let _ = child.wait();
    }
    let said = std::fs::read_to_string(shop.dir.path().join("first.err")).unwrap();
    assert!(
        recent <= 7,
        "{recent} runs in five seconds: two services ran the schedule\n{said}"
    );
    assert!(
        recent >= 2,
        "{recent} runs in five seconds: nobody ran the schedule\n{said}"
    );
    assert!(said.contains("no longer held"), "the first service noticed: {said}");
}

#[test]
fn a_dossier_whose_name_makes_a_long_schema_works_and_announces_its_changes() {
    // "dossier_" and this name make a schema of 63 characters: its NOTIFY channel was
    // refused by the server after the schema and tables were made.
    let n = format!("{:05}", std::process::id() % 100_000);
    let name = format!("Bakkerij Peeters en Zonen - Filiaal Antwerpen Centrum {n}");
    let mut shop = Shop::new(&BASE.replace("name = \"Testwinkel\"", &format!("name = \"{name}\"")));
    shop.store_url = Some(shared_url().to_string());
    let schema = dagkas::store::postgres::default_schema(&name);
    assert!(schema.len() >= 57, "{schema}");
    shop.import(&[&ticket("T1", 2, "12.10")]);
    shop.expect(0, &["confirm", "--through", "2026-03-05"]);
    assert_eq!(shop.day("2026-03-02")["status"], "confirmed");
    shop.expect(0, &["check"]);
}
