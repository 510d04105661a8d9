//! End to end in a real terminal: the demo in tmux, a problem day fixed by an inline edit,
//! a batch confirm, quit; then the command line sees the confirmations and check is green.

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
    tmux.wait_for("POS 20");
    // Step to the problem day.
    tmux.keys(&["n"]);
    let screen = tmux.wait_for("unbalanced");
    assert!(screen.contains(&format!("POS {problem_date}")), "{screen}");
    // Fix it inline: the CASH line back to the POS value, with a reason.
    tmux.keys(&["Tab", "Tab"]);
    for _ in 0..categories + cash_at {
        tmux.keys(&["j"]);
    }
    tmux.keys(&["e"]);
    tmux.wait_for("Edit payment CASH");
    tmux.text(&cash_pos);
    tmux.keys(&["Tab"]);
    tmux.text("recounted the drawer");
    tmux.keys(&["Enter"]);
    tmux.wait_for("edited CASH");
    // Batch-confirm all valid days: the dialog says where it stops.
    tmux.keys(&["Escape", "A"]);
    let dialog = tmux.wait_for("Batch confirm");
    assert!(dialog.contains("Stops at DO1"), "{dialog}");
    tmux.keys(&["y"]);
    tmux.wait_for("confirmed ");
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
    let check = cli(&["check"]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    let audit = String::from_utf8(cli(&["audit"]).stdout).unwrap();
    assert!(audit.contains("\"recounted the drawer\""), "{audit}");
}
