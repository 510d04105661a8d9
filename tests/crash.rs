//! Crash harness: import, confirm and centralise are killed with SIGKILL at random moments;
//! after each kill the store equals the state before or after the interrupted batch, `check`
//! is green, and running the command again converges on the uninterrupted result.
//! Short mode by default (CI: 9 + 3 points); the long mode is
//! `DAGKAS_CRASH_POINTS=210 cargo test --release --test all crash:: -- --nocapture` (210 points of
//! import, confirm and centralise, and a third of that in sync runs). `tests/on_postgres.rs`
//! runs the same harness with every state in a schema of its own, copied with `store copy`.

#[path = "common/mod.rs"]
mod common;
use common::*;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

struct Dossier<'a> {
    config: &'a Path,
    data: std::path::PathBuf,
    /// Its PostgreSQL store (`DAGKAS_STORE_URL`) when the suite runs there.
    store: Option<String>,
}

impl<'a> Dossier<'a> {
    fn new(config: &'a Path, data: std::path::PathBuf) -> Dossier<'a> {
        Dossier {
            config,
            data,
            store: store_url(),
        }
    }

    /// A copy of this dossier as it stands: its data dir, and its PostgreSQL store copied
    /// with `store copy` into a schema of its own.
    fn fork(&self, data: std::path::PathBuf) -> Dossier<'a> {
        copy_dir(&self.data, &data);
        let copy = Dossier::new(self.config, data);
        if let Some(url) = &copy.store {
            let out = self.run(&["store", "copy", "--to", url]);
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        }
        copy
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_dagkas"));
        c.arg("--config")
            .arg(self.config)
            .arg("--data")
            .arg(&self.data)
            .args(args)
            .env("DAGKAS_TODAY", "2026-03-10");
        match &self.store {
            Some(url) => c.env("DAGKAS_STORE_URL", url),
            None => c.env_remove("DAGKAS_STORE_URL"),
        };
        c
    }
    fn run(&self, args: &[&str]) -> std::process::Output {
        self.cmd(args).output().unwrap()
    }
    fn days(&self) -> String {
        let out = self.run(&["days", "--json"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }
}

#[test]
fn kill_9_at_random_moments_leaves_the_store_before_or_after_the_batch() {
    let points: usize = std::env::var("DAGKAS_CRASH_POINTS")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(9);
    let shop = Shop::new(&two_journal_config());
    let dir = shop.dir.path();
    let big = dir.join("big.jsonl");
    generate(&big, 6000, 11);
    let cfg = shop.config_path();

    // The states before and after each command, from uninterrupted runs.
    let s0 = Dossier::new(&cfg, dir.join("s0"));
    let small = shop.dir.path().join("small.jsonl");
    std::fs::write(
        &small,
        std::fs::read_to_string(&big)
            .unwrap()
            .lines()
            .take(50)
            .collect::<Vec<_>>()
            .join("\n"),
    )
    .unwrap();
    assert!(s0.run(&["import", small.to_str().unwrap()]).status.success());
    let steps: [(&str, Vec<&str>); 3] = [
        ("import", vec!["import", big.to_str().unwrap()]),
        ("confirm", vec!["confirm", "--through", "2026-03-09"]),
        ("centralise", vec!["centralise", "--through", "2026-03-09"]),
    ];
    let days = s0.days();
    let mut states = vec![(s0, days)];
    let mut durations = Vec::new();
    for (i, (_, args)) in steps.iter().enumerate() {
        let d = states[i].0.fork(dir.join(format!("s{}", i + 1)));
        let t = Instant::now();
        let out = d.run(args);
        durations.push(t.elapsed());
        assert!(
            out.status.success() || out.status.code() == Some(3),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let days = d.days();
        states.push((d, days));
    }
    assert_ne!(states[0].1, states[1].1);
    assert_ne!(states[1].1, states[2].1);

    let mut seed = 0x2545F4914F6CDD1Du64;
    let mut survived = 0;
    for k in 0..points {
        let step = k % 3;
        let (before_state, before) = &states[step];
        let after = &states[step + 1].1;
        let work = dir.join(format!("k{k}"));
        let d = before_state.fork(work.clone());
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let wait = durations[step].mul_f64((seed % 1000) as f64 / 1000.0 * 1.2);
        let mut child = d
            .cmd(&steps[step].1)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(wait);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        std::thread::sleep(Duration::from_millis(20));
        let now = d.days();
        assert!(
            now == *before || now == *after,
            "kill point {k} ({} after {wait:?}) left the store between states",
            steps[step].0
        );
        let check = d.run(&["check"]);
        assert!(
            check.status.success(),
            "kill point {k}: {}",
            String::from_utf8_lossy(&check.stdout)
        );
        let again = d.run(&steps[step].1);
        assert!(again.status.success() || again.status.code() == Some(3));
        assert_eq!(
            d.days(),
            *after,
            "kill point {k}: a rerun converges on the uninterrupted result"
        );
        survived += 1;
        let _ = std::fs::remove_dir_all(&work);
    }
    eprintln!("crash harness: {survived} kill points survived");
}

#[test]
fn kill_9_during_a_sync_run_leaves_the_store_before_or_after_it() {
    use dagkas::domain::calendar::BusinessCalendar;
    use dagkas::pos::fake::mplus::FakeMplus;
    let points: usize = std::env::var("DAGKAS_CRASH_POINTS")
        .ok()
        .and_then(|p| p.parse::<usize>().ok())
        .unwrap_or(9)
        .div_ceil(3);
    let rt = tokio::runtime::Runtime::new().unwrap();
    let fake = rt
        .block_on(FakeMplus::start(BusinessCalendar::default(), "winkel", "s3cr3t"))
        .unwrap();
    let spec = dagkas::gen::GenSpec {
        docs: 3000,
        days: 9,
        branches: 1,
        seed: 21,
        start: date("2026-03-01"),
    };
    let mut docs = Vec::new();
    dagkas::gen::generate(&spec, |d| docs.push(d));
    fake.load(docs);
    // Slow answers stretch the run so kills land inside it.
    fake.faults.delay_ms.store(150, std::sync::atomic::Ordering::SeqCst);
    let config = two_journal_config().replace(
        "[[source]]\nname = \"kassa\"\nkind = \"file\"",
        &format!("[[source]]\nname = \"kassa\"\nkind = \"mplus\"\nurl = \"{}\"\nident = \"winkel\"\nsecret_env = \"DAGKAS_CRASH_SECRET\"\ntimeout = \"10s\"", fake.url()),
    );
    let shop = Shop::new(&config);
    let cfg = shop.config_path();
    let base = Dossier::new(&cfg, shop.dir.path().join("s0"));
    std::fs::create_dir_all(&base.data).unwrap();
    let before = base.days();
    let after_d = base.fork(shop.dir.path().join("s1"));
    let t = Instant::now();
    let out = after_d
        .cmd(&["sync", "--once"])
        .env("DAGKAS_CRASH_SECRET", "s3cr3t")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let duration = t.elapsed();
    let after = after_d.days();
    assert_ne!(before, after);
    for k in 0..points {
        let work = shop.dir.path().join(format!("sk{k}"));
        let d = base.fork(work.clone());
        let wait = duration.mul_f64((k as f64 + 0.5) / points as f64);
        let mut child = d
            .cmd(&["sync", "--once"])
            .env("DAGKAS_CRASH_SECRET", "s3cr3t")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(wait);
        let _ = child.kill();
        let _ = child.wait();
        let now = d.days();
        assert!(
            now == before || now == after,
            "sync kill point {k} after {wait:?} left the store between states"
        );
        assert!(d.run(&["check"]).status.success());
        let again = d
            .cmd(&["sync", "--once"])
            .env("DAGKAS_CRASH_SECRET", "s3cr3t")
            .output()
            .unwrap();
        assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
        assert_eq!(d.days(), after, "sync kill point {k}: the next run converges");
    }
    eprintln!("crash harness: {points} sync kill points survived");
    drop(rt);
}
