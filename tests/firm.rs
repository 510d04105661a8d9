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
        .env_remove("DAGKAS_STORE_URL")
        .env_remove("DAGKAS_FIRM")
        .output()
        .unwrap()
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
