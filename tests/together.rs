//! Several dagkas processes on one dossier at once, on the real binary: the sync service,
//! review screens in tmux and commands from another shell take turns on the store; an open
//! screen shows what others changed; an action on a view that is no longer current is
//! refused; a killed holder leaves the store before or after its batch.

#[path = "common/mod.rs"]
mod common;
use common::*;

use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

fn ticket(id: &str, day: u32, amount: &str) -> String {
    format!(
        r#"{{"type":"ticket","id":"{id}","branch":"1","register":"1","time":"2026-03-{day:02}T10:00:00+01:00","lines":[{{"vat":"1","amount":"{amount}"}}],"payments":[{{"method":"CASH","amount":"{amount}"}}]}}"#
    )
}

/// A shop whose file source reads `feed.jsonl` (in the shop's own dir) every second.
fn fed_shop() -> (Shop, std::path::PathBuf) {
    let shop = Shop::base();
    let feed = shop.dir.path().join("feed.jsonl");
    let config = BASE.replace(
        "kind = \"file\"",
        &format!("kind = \"file\"\npath = \"{}\"\ninterval = \"1s\"", feed.display()),
    );
    std::fs::write(shop.config_path(), config).unwrap();
    (shop, feed)
}

fn service(shop: &Shop) -> Child {
    shop.cmd(&["sync"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn wait_until(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(start.elapsed() < Duration::from_secs(20), "waited for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn turnover(shop: &Shop, date: &str) -> String {
    shop.day(date)["turnover"].as_str().unwrap().to_string()
}

fn screen_command(shop: &Shop, user: &str) -> String {
    let store = shop
        .store_url
        .as_ref()
        .map(|u| format!("DAGKAS_STORE_URL='{u}' "))
        .unwrap_or_default();
    format!(
        "env {store}DAGKAS_TODAY={} USER={user} TERM=xterm-256color {} --config {} --data {}",
        shop.today,
        env!("CARGO_BIN_EXE_dagkas"),
        shop.config_path().display(),
        shop.data().display()
    )
}

#[test]
fn the_sync_service_the_screen_and_commands_share_the_dossier() {
    let (shop, feed) = fed_shop();
    std::fs::write(&feed, ticket("T1", 2, "12.10") + "\n").unwrap();
    let mut sync = service(&shop);
    wait_until("the service's first run", || turnover(&shop, "2026-03-02") == "12.10");
    // Every command works while the service runs.
    shop.expect(0, &["days"]);
    shop.expect(0, &["export", "--format", "csv"]);
    shop.expect(0, &["check"]);
    shop.expect(0, &["confirm", "--through", "2026-03-02"]);
    let log = shop.expect(0, &["sync", "--log"]);
    assert!(log.contains("0 failed runs"), "{log}");

    if require_tool("tmux") {
        let tmux = Tmux::new("together");
        tmux.start(80, 24, &screen_command(&shop, "bob"));
        tmux.wait_for("POS 2026-03-03");
        let screen = tmux.wait_for("(service)");
        assert!(
            screen.contains("tester (service)"),
            "the status line names the run: {screen}"
        );
        // The service's next run brings a ticket; the open screen shows it without a key.
        let mut text = std::fs::read_to_string(&feed).unwrap();
        text.push_str(&(ticket("T2", 5, "77.77") + "\n"));
        std::fs::write(&feed, text).unwrap();
        tmux.wait_for("77.77");
        tmux.keys(&["q"]);
    }
    // A clean stop on SIGTERM.
    unsafe { libc::kill(sync.id() as i32, libc::SIGTERM) };
    let start = Instant::now();
    let status = sync.wait().unwrap();
    assert!(status.success(), "{status:?}");
    assert!(start.elapsed() < Duration::from_secs(5));
    assert_eq!(turnover(&shop, "2026-03-05"), "77.77");
    shop.expect(0, &["check"]);
}

#[test]
fn without_a_service_the_open_screen_runs_the_schedule() {
    if !require_tool("tmux") {
        return;
    }
    let (shop, feed) = fed_shop();
    std::fs::write(&feed, ticket("S1", 3, "33.30") + "\n").unwrap();
    shop.expect(0, &["days"]);
    let tmux = Tmux::new("scheduler");
    tmux.start(80, 24, &screen_command(&shop, "carol"));
    let screen = tmux.wait_for("33.30");
    assert!(tmux.wait_for("(tui)").contains("carol (tui)"), "{screen}");
    // A service that starts later takes the schedule over.
    let mut sync = service(&shop);
    std::thread::sleep(Duration::from_millis(2500));
    tmux.wait_for("(service)");
    tmux.keys(&["q"]);
    unsafe { libc::kill(sync.id() as i32, libc::SIGTERM) };
    assert!(sync.wait().unwrap().success());
}

#[test]
fn two_screens_one_confirms_the_other_sees_it_and_its_stale_confirm_is_refused() {
    if !require_tool("tmux") {
        return;
    }
    let mut shop = Shop::base();
    shop.import(&[&ticket("A1", 2, "12.10"), &ticket("A2", 3, "5.00")]);
    let alice = Tmux::new("alice");
    let bob = alice.another("bob");
    alice.start(80, 24, &screen_command(&shop, "alice"));
    bob.start(80, 24, &screen_command(&shop, "bob"));
    alice.wait_for("POS 2026-03-01");
    bob.wait_for("POS 2026-03-01");
    // Bob asks to approve 03-02: the dialog shows the run from 03-01 (R5).
    bob.keys(&["j"]);
    bob.wait_for("POS 2026-03-02");
    bob.keys(&["a"]);
    bob.wait_for("Batch confirm");
    // Meanwhile Alice approves 03-01.
    alice.keys(&["a"]);
    alice.wait_for("confirmed 1 day");
    // Bob's screen shows it by itself, his dialog still open.
    let screen = bob.wait_for("03-01 ✓");
    assert!(screen.contains("Batch confirm"), "{screen}");
    // His confirm was made on a view that is no longer current: refused, nothing done.
    bob.keys(&["y"]);
    let screen = bob.wait_for("changed since you looked");
    assert!(screen.contains("03-01 ✓"), "{screen}");
    let days = shop.days();
    let status = |d: &str| days.as_array().unwrap().iter().find(|v| v["date"] == d).unwrap()["status"].clone();
    assert_eq!(status("2026-03-01"), "confirmed");
    assert_eq!(status("2026-03-02"), "proposed", "the stale confirm did nothing");
    // Now that he sees the current state, his approval goes through.
    bob.keys(&["a"]);
    bob.wait_for("confirmed 1 day");
    alice.wait_for("03-02 ✓");
    alice.keys(&["q"]);
    bob.keys(&["q"]);
    shop.expect(0, &["check"]);
    let audit = shop.json(&["audit", "--json"]);
    let confirms: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "confirm")
        .map(|e| e["author"].as_str().unwrap())
        .collect();
    assert_eq!(confirms, ["alice", "bob"], "the audit names who did what");
}

#[test]
fn a_reader_that_stops_reading_does_not_hold_the_dossier() {
    let mut shop = Shop::base();
    let lines: Vec<String> = (0..3_000)
        .map(|i| ticket(&format!("R{i}"), 2 + (i % 5) as u32, "1.00"))
        .collect();
    shop.import(&lines.iter().map(String::as_str).collect::<Vec<_>>());
    let expected = shop.days();
    // Four times what a pipe holds (64 KiB): a direct write would block with the store held.
    assert!(serde_json::to_string(&expected).unwrap().len() > 1 << 18);
    // `dagkas days --json | less`, left open: nothing reads its output yet.
    let mut reader = shop
        .cmd(&["days", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    // Another shell lists and imports meanwhile, within a short wait.
    let started = Instant::now();
    let listed = shop.cmd(&["days"]).env("DAGKAS_LOCK_WAIT", "20").output().unwrap();
    assert!(
        listed.status.success(),
        "the listing waited for a reader: {}",
        text(&listed)
    );
    let more = shop.file(&[&ticket("R-late", 9, "2.50")]);
    let imported = shop
        .cmd(&["import", more.to_str().unwrap()])
        .env("DAGKAS_LOCK_WAIT", "20")
        .output()
        .unwrap();
    assert!(
        imported.status.success(),
        "the import waited for a reader: {}",
        text(&imported)
    );
    assert!(started.elapsed() < Duration::from_secs(20));
    // The reader still gets its whole listing, as the store stood when it read it.
    assert!(reader.try_wait().unwrap().is_none(), "the reader waits on its pipe");
    let mut out = Vec::new();
    std::io::Read::read_to_end(reader.stdout.as_mut().unwrap(), &mut out).unwrap();
    assert!(reader.wait().unwrap().success());
    let seen: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(seen, expected);
    assert_eq!(turnover(&shop, "2026-03-09"), "2.50");
}

#[test]
fn a_killed_holder_leaves_the_store_before_or_after_and_the_others_carry_on() {
    let mut shop = Shop::base();
    shop.import(&[&ticket("K0", 2, "1.00")]);
    let before = shop.days();
    let lines: Vec<String> = (0..60_000)
        .map(|i| ticket(&format!("K{}", i + 1), 2 + (i % 7) as u32, "1.00"))
        .collect();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let big = shop.file(&refs);
    for round in 0..3 {
        let mut holder = shop
            .cmd(&["import", big.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Others wait for it meanwhile.
        let waiters: Vec<Child> = (0..2)
            .map(|_| {
                shop.cmd(&["days", "--json"])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        std::thread::sleep(Duration::from_millis(300 + 250 * round));
        unsafe { libc::kill(holder.id() as i32, libc::SIGKILL) };
        let _ = holder.wait();
        for w in waiters {
            let out = w.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "a waiter failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let seen: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert!(
                seen == before
                    || seen
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|d| d["turnover"] != "0.00" && d["date"] == "2026-03-08"),
                "a waiter saw a batch half done"
            );
        }
        let now = shop.days();
        let whole = now
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["turnover"].as_str().unwrap().to_string())
            .collect::<Vec<_>>();
        assert!(
            now == before || whole.iter().filter(|t| *t != "0.00").count() == 7,
            "before or after: {whole:?}"
        );
        shop.expect(0, &["check"]);
    }
    shop.expect(0, &["import", big.to_str().unwrap()]);
    shop.expect(0, &["check"]);
}
