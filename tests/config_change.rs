//! A person changes a dossier's config (`dagkas config show|edit|load|versions`, decision
//! 93), on both stores: a PostgreSQL dossier keeps it in its store, a version each time, and
//! opens from the database's address alone; a data dir's dossier keeps its file. A change is
//! saved only when it reads, agrees with the confirmed days and nobody changed the config
//! since it was read; the person's text is never lost.

#[path = "common/mod.rs"]
mod common;
use common::*;

use std::path::{Path, PathBuf};
use std::process::Command;

const TICKET: &str = r#"{"type":"ticket","id":"T1","branch":"1","register":"1","time":"2026-03-02T10:00:00+01:00","lines":[{"vat":"1","amount":"12.10"}],"payments":[{"method":"CASH","amount":"12.10"}]}"#;

/// The dossier as a person names it: on PostgreSQL by its address alone (after its config
/// was loaded into it), else its config file and data dir.
fn dagkas(shop: &Shop, home: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dagkas"));
    match &shop.store_url {
        Some(url) => c.arg("--store").arg(url),
        None => c.arg("--config").arg(shop.config_path()),
    };
    c.arg("--data")
        .arg(shop.data())
        .args(args)
        .env("DAGKAS_TODAY", &shop.today)
        .env("HOME", home)
        .env("LC_ALL", "C.UTF-8")
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("DAGKAS_CONFIG")
        .env_remove("DAGKAS_STORE_URL");
    c
}

/// The audit log, as the dossier is named (`--json` or "").
fn audit(shop: &Shop, home: &Path, json: &str) -> String {
    let args: Vec<&str> = ["audit", json].into_iter().filter(|a| !a.is_empty()).collect();
    let (code, out) = run(dagkas(shop, home, &args));
    assert_eq!(code, 0, "{out}");
    out
}

/// The audit entries.
fn entries(shop: &Shop, home: &Path) -> Vec<serde_json::Value> {
    let out = audit(shop, home, "--json");
    match serde_json::from_str::<serde_json::Value>(&out) {
        Ok(serde_json::Value::Array(all)) => all,
        _ => out.lines().map(|l| serde_json::from_str(l).unwrap()).collect(),
    }
}

fn run(mut c: Command) -> (i32, String) {
    let out = c.output().unwrap();
    (out.status.code().unwrap_or(-1), text(&out))
}

/// An editor that waits for `go` to exist, then renames the dossier in the first `name =`.
fn slow_editor(dir: &Path) -> PathBuf {
    let path = dir.join("slow-editor.sh");
    std::fs::write(
        &path,
        "#!/bin/sh\nwhile [ ! -e \"$GO\" ]; do sleep 0.1; done\nsed -i \"0,/^name = .*/s//name = \\\"$NEWNAME\\\"/\" \"$1\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    path
}

/// A shop with a ticket whose config, on PostgreSQL, is kept in its store.
fn kept_shop() -> (Shop, tempfile::TempDir) {
    let mut shop = Shop::base();
    shop.today = "2026-03-07".into();
    shop.import(&[TICKET]);
    let home = tempfile::tempdir().unwrap();
    if shop.store_url.is_some() {
        // The first load names the dossier by the file's own store.
        let out = shop.run(&[
            "config",
            "load",
            shop.config_path().to_str().unwrap(),
            "--author",
            "anna",
        ]);
        assert!(out.status.success(), "{}", text(&out));
        assert!(text(&out).contains("saved: version 1"), "{}", text(&out));
    }
    (shop, home)
}

#[test]
fn two_people_edit_the_config_at_once_the_second_is_refused_and_keeps_its_text() {
    let (shop, home) = kept_shop();
    let editor = slow_editor(home.path());
    let audit_before = entries(&shop, home.path()).len();
    let start = |who: &str, name: &str| {
        let mut c = dagkas(&shop, home.path(), &["config", "edit", "--author", who]);
        c.env("EDITOR", &editor)
            .env("GO", home.path().join(format!("go-{who}")))
            .env("NEWNAME", name);
        c.stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    // Both read the config, then Els saves first.
    let els = start("els", "Winkel van Els");
    let bert = start("bert", "Winkel van Bert");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    std::fs::write(home.path().join("go-els"), "").unwrap();
    let els = els.wait_with_output().unwrap();
    assert!(els.status.success(), "{}", text(&els));
    assert!(text(&els).contains("saved"), "{}", text(&els));
    std::fs::write(home.path().join("go-bert"), "").unwrap();
    let bert = bert.wait_with_output().unwrap();
    let said = text(&bert);
    assert_eq!(bert.status.code(), Some(1), "{said}");
    assert!(said.contains("the config was changed since you read it"), "{said}");
    // Nothing lost: Bert's text is in the file the message names.
    let kept = said
        .split("your text is kept in ")
        .nth(1)
        .and_then(|r| r.split(':').next())
        .expect("the message names where the text is");
    assert!(
        std::fs::read_to_string(kept.trim())
            .unwrap()
            .contains("Winkel van Bert"),
        "{kept}"
    );
    // The config in force is Els's, with one audited change by her.
    let (code, shown) = run(dagkas(&shop, home.path(), &["config", "show"]));
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("name = \"Winkel van Els\""), "{shown}");
    let new: Vec<serde_json::Value> = entries(&shop, home.path()).into_iter().skip(audit_before).collect();
    assert_eq!(new.len(), 1, "{new:#?}");
    assert_eq!(
        (new[0]["action"].as_str(), new[0]["author"].as_str()),
        (Some("config changed"), Some("els"))
    );
    if shop.store_url.is_some() {
        let (_, versions) = run(dagkas(&shop, home.path(), &["config", "versions"]));
        assert_eq!(versions.lines().count(), 2, "{versions}");
        assert!(versions.lines().nth(1).unwrap().contains("els") && versions.contains("(in force)"));
        // Bert compares, then saves his text over Els's version on purpose.
        let (code, out) = run(dagkas(&shop, home.path(), &["config", "load", kept.trim()]));
        assert_eq!(code, 1, "the text names version 1, and 2 is in force: {out}");
        let (code, out) = run(dagkas(
            &shop,
            home.path(),
            &["config", "load", kept.trim(), "--over", "2", "--author", "bert"],
        ));
        assert_eq!(code, 0, "{out}");
        assert!(out.contains("version 3"), "{out}");
    } else {
        let file = std::fs::read_to_string(shop.config_path()).unwrap();
        assert!(file.contains("name = \"Winkel van Els\""), "{file}");
    }
}

#[test]
fn a_config_that_does_not_read_or_restates_a_confirmed_day_is_not_saved() {
    let (shop, home) = kept_shop();
    shop.expect(0, &["confirm", "--through", "2026-03-02"]);
    let (_, before) = run(dagkas(&shop, home.path(), &["config", "show"]));
    let audit_before = audit(&shop, home.path(), "");
    let write = |name: &str, text: &str| {
        let p = home.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    // A text that does not read: its problems with file, line and field.
    let broken = write(
        "broken.toml",
        &before.replace("account = \"700021\"", "acount = \"700021\""),
    );
    let (code, said) = run(dagkas(
        &shop,
        home.path(),
        &["config", "load", broken.to_str().unwrap(), "--over", "1"],
    ));
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("broken.toml:") && said.contains("account"), "{said}");
    // A text that books the 2nd's turnover on another account.
    let moved = write(
        "moved.toml",
        &before.replace("account = \"700021\"", "account = \"700099\""),
    );
    let (code, said) = run(dagkas(
        &shop,
        home.path(),
        &["config", "load", moved.to_str().unwrap(), "--over", "1"],
    ));
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("2026-03-02"), "the confirmed day it would change: {said}");
    // Nothing saved.
    let (_, after) = run(dagkas(&shop, home.path(), &["config", "show"]));
    assert_eq!(after, before);
    assert_eq!(audit(&shop, home.path(), ""), audit_before);
    // The same text as in force saves nothing either.
    let same = write("same.toml", &before);
    let (code, said) = run(dagkas(&shop, home.path(), &["config", "load", same.to_str().unwrap()]));
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("unchanged"), "{said}");
}

#[test]
fn a_kept_config_opens_from_the_address_alone_and_a_file_that_differs_is_refused() {
    if !on_postgres() {
        return;
    }
    let (shop, home) = kept_shop();
    let by_file = shop.days();
    // From a machine with nothing but the address: the same days, to the cent.
    let (code, out) = run(dagkas(&shop, home.path(), &["days", "--json"]));
    assert_eq!(code, 0, "{out}");
    let by_address: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(by_address, by_file);
    // The shown text names its version; loaded with a change it is version 2.
    let (_, shown) = run(dagkas(&shop, home.path(), &["config", "show"]));
    assert!(
        shown.starts_with("# dagkas config version 1 of \"Testwinkel\""),
        "{shown}"
    );
    let changed = home.path().join("changed.toml");
    std::fs::write(
        &changed,
        shown.replace("name = \"Testwinkel\"", "name = \"Testwinkel Gent\""),
    )
    .unwrap();
    let (code, out) = run(dagkas(
        &shop,
        home.path(),
        &["config", "load", changed.to_str().unwrap()],
    ));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("version 2"), "{out}");
    // Version 1 is still there to read.
    let (_, first) = run(dagkas(&shop, home.path(), &["config", "show", "--version", "1"]));
    assert!(first.contains("name = \"Testwinkel\""), "{first}");
    // The file of another machine, no longer the same, is not used beside the kept one.
    let out = shop.run(&["days"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("keeps its config in its store (version 2"),
        "{}",
        text(&out)
    );
    // A mistyped schema is no dossier, and is not made.
    let typo = format!("{}x", shop.store_url.as_ref().unwrap());
    let out = Command::new(env!("CARGO_BIN_EXE_dagkas"))
        .args(["--store", &typo, "days"])
        .env("HOME", home.path())
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("there is no dossier at"), "{}", text(&out));
    let (mut client, schema) = pg_client(&typo);
    let made: i64 = client
        .query_one("SELECT count(*) FROM pg_namespace WHERE nspname = $1", &[&schema])
        .unwrap()
        .get(0);
    assert_eq!(made, 0, "{schema} was made");
    // An address without its schema says what is missing.
    let base = shop
        .store_url
        .as_ref()
        .unwrap()
        .split("?schema=")
        .next()
        .unwrap()
        .to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_dagkas"))
        .args(["--store", &base, "days"])
        .env("HOME", home.path())
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("?schema=NAME"), "{}", text(&out));
}

/// The review screen's `m` adds a payment method where the config lives: a new version of
/// the kept config on PostgreSQL, the file on a data dir; one audited change by the person.
#[test]
fn the_screen_adds_a_method_to_the_config_where_it_lives() {
    if !require_tool("tmux") {
        return;
    }
    let (mut shop, home) = kept_shop();
    shop.import(&[
        r#"{"type":"ticket","id":"T2","time":"2026-03-03T09:15:00+01:00","lines":[{"vat":"1","amount":"11.20"}],"payments":[{"method":"Maestro","amount":"11.20"}]}"#,
    ]);
    let tmux = Tmux::new("kept-create");
    let named = match &shop.store_url {
        Some(url) => format!("--store '{url}'"),
        None => format!("--config {}", shop.config_path().display()),
    };
    tmux.start(
        80,
        24,
        &format!(
            "env HOME={} DAGKAS_TODAY={} TERM=xterm-256color USER=tester DAGKAS_STORE_URL= {} {named} --data {}",
            home.path().display(),
            shop.today,
            env!("CARGO_BIN_EXE_dagkas"),
            shop.data().display()
        ),
    );
    tmux.wait_for("03-03 ✗");
    tmux.keys(&["g", "g", "j", "j"]);
    tmux.wait_for("POS 2026-03-03");
    tmux.keys(&["m"]);
    tmux.wait_for("Map method Maestro to:");
    // Down to "a new payment method…", the one before the last.
    for _ in 0..20 {
        tmux.keys(&["j"]);
    }
    tmux.keys(&["k", "Enter"]);
    tmux.wait_for("New payment method");
    tmux.keys(&["Enter", "Enter", "Enter"]);
    tmux.wait_for("MAESTRO added to");
    tmux.keys(&["q"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    let (code, shown) = run(dagkas(&shop, home.path(), &["config", "show"]));
    assert_eq!(code, 0, "{shown}");
    assert!(
        shown.contains("code = \"MAESTRO\"") && shown.contains("# added by tester on "),
        "{shown}"
    );
    if shop.store_url.is_some() {
        assert!(shown.starts_with("# dagkas config version 2 "), "{shown}");
        let (_, versions) = run(dagkas(&shop, home.path(), &["config", "versions"]));
        assert!(
            versions.lines().nth(1).is_some_and(|l| l.contains("tester")),
            "{versions}"
        );
    }
    let changed: Vec<serde_json::Value> = entries(&shop, home.path())
        .into_iter()
        .filter(|e| e["action"] == "config changed" && e["author"] == "tester")
        .collect();
    assert_eq!(changed.len(), 1, "{changed:#?}");
    let (code, days) = run(dagkas(&shop, home.path(), &["days", "--json"]));
    assert_eq!(code, 0, "{days}");
    let days: serde_json::Value = serde_json::from_str(&days).unwrap();
    let day = days
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date"] == "2026-03-03")
        .unwrap();
    assert!(day["blockers"].as_array().unwrap().is_empty(), "{day}");
}

/// Until a config is loaded into a PostgreSQL dossier, its file is its config: an edit
/// changes the file and keeps nothing in the store.
#[test]
fn an_edit_before_any_load_changes_the_file() {
    let mut shop = Shop::base();
    shop.today = "2026-03-07".into();
    shop.import(&[TICKET]);
    let out = shop
        .cmd(&["config", "edit"])
        .env("EDITOR", "sed -i '0,/^name = .*/s//name = \"Testwinkel Gent\"/'")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains(&format!("saved: {}", shop.config_path().display())),
        "{}",
        text(&out)
    );
    let file = std::fs::read_to_string(shop.config_path()).unwrap();
    assert!(file.contains("name = \"Testwinkel Gent\""), "{file}");
    let versions = shop.expect(0, &["config", "versions"]);
    assert!(versions.contains("no versions are kept"), "{versions}");
    assert!(shop.expect(0, &["audit"]).contains("config changed"));
}
