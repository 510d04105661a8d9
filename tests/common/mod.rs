//! A small shop for the tests: a dossier config, JSONL files and the real binary.
#![allow(dead_code)]

pub mod pg;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::NaiveDate;
use dagkas::domain::config;
use dagkas::ledger::Ledger;

/// A Belgian shop with a file source, two VAT rates, vouchers, prepayments, a cash journal.
pub const BASE: &str = r#"
[dossier]
name = "Testwinkel"

[[vat_category]]
code = "V21"
rate = "21"
account = "700021"

[[vat_category]]
code = "V6"
rate = "6"
account = "700006"

[[vat_category]]
code = "BON"
rate = "NA"
account = "499100"

[[vat_category]]
code = "VOORUIT"
rate = "NA"
account = "499200"

[[vat_category]]
code = "FOOI"
rate = "NA"
account = "455000"

[[payment_method]]
code = "CASH"
account = "570000"
cash = true

[[payment_method]]
code = "BC"
account = "580000"

[[payment_method]]
code = "OVS"
account = "580300"

[[payment_method]]
code = "VVV"
account = "499100"
voucher = true

[[payment_method]]
code = "AFR"
account = "657000"
rounding = true

[[payment_method]]
code = "FACT"
account = "400000"
multiple = true

[[payment_method]]
code = "VOORUIT"
account = "499200"

[[source]]
name = "kassa"
kind = "file"

[[daybook]]
code = "DO1"
source = "kassa"
start = "2026-03-01"
invoices_from = "2026-01-01"
ignore_registers = ["eCom"]
invoice_paid = "FACT"
prepaid = "VOORUIT"
#TIPS
[daybook.vat_map]
"1" = "V21"
"2" = "V6"
"giftcard" = "BON"
"prepaid" = "VOORUIT"
[daybook.payment_map]
"CASH" = "CASH"
"EFT" = "BC"
"VVV" = "VVV"
"AFRONDING" = "AFR"
"OVERSCHRIJVING" = { method = "OVS", ignore_on_invoice = true }
"OP FACTUUR" = "ignore"

[[cash_journal]]
code = "KAS1"
daybook = "DO1"
account = "570000"
diff_debit_account = "657100"
diff_credit_account = "757100"
cash_deposit_account = "580100"
bank_deposit_account = "580200"
opening_balance = "100.00"
"#;

pub struct Shop {
    pub dir: tempfile::TempDir,
    pub today: String,
    files: usize,
    /// The PostgreSQL store of this shop (`DAGKAS_STORE_URL`), when the suite runs on it.
    pub store_url: Option<String>,
}

/// The suites compiled into `tests/on_postgres.rs` run every shop on PostgreSQL.
pub fn on_postgres() -> bool {
    module_path!().contains("::on_postgres::") || module_path!().starts_with("on_postgres")
}

/// A store of its own for a dossier of the running suite: a fresh schema on PostgreSQL,
/// `None` (its data dir) on the embedded store.
pub fn store_url() -> Option<String> {
    on_postgres().then(|| format!("{}?schema={}", pg::shared_url(), pg::fresh_schema()))
}

/// What a command printed: stdout, then stderr.
pub fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

pub fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

impl Shop {
    pub fn new(config: &str) -> Shop {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("dagkas.toml"), config).unwrap();
        Shop {
            dir,
            today: "2026-03-10".into(),
            files: 0,
            store_url: store_url(),
        }
    }

    /// A dossier dir with no config yet (for `dagkas init`).
    pub fn empty() -> Shop {
        Shop {
            dir: tempfile::tempdir().unwrap(),
            today: "2026-03-10".into(),
            files: 0,
            store_url: store_url(),
        }
    }

    pub fn base() -> Shop {
        Shop::new(BASE)
    }

    pub fn config_path(&self) -> PathBuf {
        self.dir.path().join("dagkas.toml")
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Write a JSONL file of documents, one per line.
    pub fn file(&mut self, lines: &[&str]) -> PathBuf {
        self.files += 1;
        let path = self.dir.path().join(format!("docs{}.jsonl", self.files));
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        path
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_dagkas"));
        c.arg("--config").arg(self.config_path()).arg("--data").arg(self.data());
        c.args(args);
        c.env("DAGKAS_TODAY", &self.today)
            .env("USER", "tester")
            // English whatever the machine's locale; a test of another language sets it.
            .env("LC_ALL", "C.UTF-8")
            .env_remove("DAGKAS_CONFIG")
            .env_remove("DAGKAS_DATA");
        match &self.store_url {
            Some(url) => c.env("DAGKAS_STORE_URL", url),
            None => c.env_remove("DAGKAS_STORE_URL"),
        };
        c
    }

    /// `dagkas edit DATE --book DO1 --set SET --reason REASON`, expected to succeed.
    pub fn edit(&self, date: &str, set: &str, reason: &str) -> String {
        self.expect(0, &["edit", date, "--book", "DO1", "--set", set, "--reason", reason])
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().unwrap()
    }

    /// Run and expect an exit code; returns stdout + stderr.
    pub fn expect(&self, code: i32, args: &[&str]) -> String {
        let out = self.run(args);
        let text = text(&out);
        assert_eq!(out.status.code(), Some(code), "dagkas {args:?}:\n{text}");
        text
    }

    pub fn import(&mut self, lines: &[&str]) -> String {
        let path = self.file(lines);
        self.expect(0, &["import", path.to_str().unwrap()])
    }

    pub fn days(&self) -> serde_json::Value {
        self.json(&["days", "--json"])
    }

    /// Run a command that prints JSON on stdout.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    pub fn day(&self, d: &str) -> serde_json::Value {
        self.days()
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["date"] == d)
            .cloned()
            .unwrap_or_else(|| panic!("no day {d}"))
    }

    pub fn csv(&self) -> String {
        self.expect(0, &["export", "--format", "csv"])
    }

    /// A raw record of the store, read past dagkas (the tamper tests), on either store.
    pub fn raw_get(&self, tree: &str, key: &[u8]) -> Option<Vec<u8>> {
        match &self.store_url {
            None => {
                let db = open_raw(&self.data().join("store"));
                let v = db.open_tree(tree).unwrap().get(key).unwrap();
                v.map(|v| v.to_vec())
            }
            Some(url) => {
                let (mut client, schema) = pg_client(url);
                let row = client
                    .query_opt(&format!("SELECT v FROM {schema}.{tree} WHERE k = $1"), &[&key])
                    .unwrap();
                row.map(|r| r.get(0))
            }
        }
    }

    /// Write (or with `None` remove) a raw record of the store, past dagkas and its audit.
    pub fn raw_put(&self, tree: &str, key: &[u8], value: Option<&[u8]>) {
        match &self.store_url {
            None => {
                let db = open_raw(&self.data().join("store"));
                let t = db.open_tree(tree).unwrap();
                match value {
                    Some(v) => t.insert(key, v).map(|_| ()),
                    None => t.remove(key).map(|_| ()),
                }
                .unwrap();
                db.flush().unwrap();
            }
            Some(url) => {
                let (mut client, schema) = pg_client(url);
                match value {
                    Some(v) => client.execute(
                        &format!(
                            "INSERT INTO {schema}.{tree} (k, v) VALUES ($1, $2) \
                             ON CONFLICT (k) DO UPDATE SET v = excluded.v"
                        ),
                        &[&key, &v],
                    ),
                    None => client.execute(&format!("DELETE FROM {schema}.{tree} WHERE k = $1"), &[&key]),
                }
                .unwrap();
            }
        }
    }

    /// Open the ledger in-process (drop it before running the binary again).
    pub fn ledger(&self) -> Ledger {
        let text = std::fs::read_to_string(self.config_path()).unwrap();
        let (mut config, _) = config::parse(&text).unwrap();
        if let Some(url) = &self.store_url {
            config.store = Some(config::StoreSpec {
                url: url.clone(),
                schema: None,
            });
        }
        Ledger::open(config, &self.data(), date(&self.today)).unwrap()
    }
}

/// The embedded store opened past dagkas. sled gives up its file lock only once its own
/// threads of the previous opening (the test's, or a command's just ended) have let go, a
/// moment after: a lock refused is asked again for up to ten seconds.
fn open_raw(dir: &Path) -> sled::Db {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        match sled::open(dir) {
            Ok(db) => return db,
            Err(sled::Error::Io(e))
                if e.to_string().contains("could not acquire lock") && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => panic!("{}: {e}", dir.display()),
        }
    }
}

/// A session to a shop's database and its schema, from `URL?schema=NAME`.
pub fn pg_client(url: &str) -> (postgres::Client, String) {
    let (base, schema) = url.split_once("?schema=").expect("a shop URL names its schema");
    (
        postgres::Client::connect(base, postgres::NoTls).unwrap(),
        schema.to_string(),
    )
}

/// An amount of a day's line in `days --json`.
pub fn line(day: &serde_json::Value, list: &str, code: &str, field: &str) -> String {
    day[list]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"] == code)
        .map(|l| l[field].as_str().unwrap_or("null").to_string())
        .unwrap_or_else(|| "absent".into())
}

pub fn cash(day: &serde_json::Value, field: &str) -> String {
    day["cash"][0][field].as_str().unwrap().to_string()
}

/// The last `import` entry of the audit log (an import or a sync run's batch).
pub fn last_import_entry(shop: &Shop) -> serde_json::Value {
    let audit = shop.json(&["audit", "--json"]);
    audit
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|e| e["action"] == "import")
        .cloned()
        .expect("an import entry")
}

/// What a comparison of two dossiers' books looks at, day by day (from `days --json`):
/// the date, turnover, payments, VAT and the first cash journal's closing.
pub fn book_figures(days: &serde_json::Value) -> Vec<String> {
    days.as_array()
        .expect("a list of days")
        .iter()
        .map(|d| {
            format!(
                "{} {} {} {} {}",
                d["date"], d["turnover"], d["payments"], d["vat"], d["cash"][0]["closing"]
            )
        })
        .collect()
}

pub fn blockers(day: &serde_json::Value) -> Vec<String> {
    day["blockers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["kind"].as_str().unwrap().to_string())
        .collect()
}

/// A test that needs an outside tool: in CI (`CI=true`) a missing tool fails the test;
/// elsewhere the test is skipped with the reason printed.
pub fn require_tool(name: &str) -> bool {
    let flag = match name {
        "tmux" => "-V",
        "openssl" => "version",
        _ => "--version",
    };
    let found = Command::new(name).arg(flag).output().is_ok_and(|o| o.status.success());
    if !found {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("{name} is required in CI but was not found; .ci/run installs it");
        }
        eprintln!("skipped: {name} is not installed (apt-get install {name})");
    }
    found
}

/// `dagkas gen`: `docs` documents over the nine days from 2026-03-01, written to `out`.
pub fn generate(out: &Path, docs: u32, seed: u32) {
    let gen = Command::new(env!("CARGO_BIN_EXE_dagkas"))
        .args([
            "gen",
            "--docs",
            &docs.to_string(),
            "--days",
            "9",
            "--seed",
            &seed.to_string(),
        ])
        .args(["--start", "2026-03-01", "--out"])
        .arg(out)
        .output()
        .unwrap();
    assert!(gen.status.success(), "{}", text(&gen));
}

/// A shop with two drawers in two cash journals, opening at zero, for generated documents.
pub fn two_journal_config() -> String {
    let base = BASE.replace(
        "opening_balance = \"100.00\"",
        "opening_balance = \"0.00\"\ndrawers = [\"0\"]",
    );
    format!(
        "{base}\n[[cash_journal]]\ncode = \"KAS2\"\ndaybook = \"DO1\"\ndrawers = [\"1\"]\naccount = \"570000\"\ndiff_debit_account = \"657100\"\ndiff_credit_account = \"757100\"\ncash_deposit_account = \"580100\"\nbank_deposit_account = \"580200\"\nopening_balance = \"0.00\"\n"
    )
}

/// A server on another origin that records every byte it is sent: nothing of ours (a token,
/// a secret) may ever reach it.
pub struct Thief {
    pub addr: std::net::SocketAddr,
    received: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
}

impl Thief {
    /// Listen on `ip` (e.g. `127.0.0.2`, another loopback host) on a free port.
    pub fn start(ip: &str) -> Thief {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind((ip, 0)).unwrap();
        let addr = listener.local_addr().unwrap();
        let received = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = received.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { return };
                let _ = stream.set_read_timeout(Some(std::time::Duration::from_millis(500)));
                let mut buf = [0u8; 8192];
                while let Ok(n) = stream.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    log.lock().unwrap().extend_from_slice(&buf[..n]);
                    if buf[..n].windows(4).any(|w| w == b"\r\n\r\n") {
                        break;
                    }
                }
                let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
            }
        });
        Thief { addr, received }
    }

    pub fn received(&self) -> String {
        String::from_utf8_lossy(&self.received.lock().unwrap()).to_string()
    }
}

/// A terminal in tmux (its own server), for the review screen end to end.
pub struct Tmux {
    socket: String,
    session: String,
}

impl Tmux {
    pub fn new(session: &str) -> Tmux {
        // A suite's run on PostgreSQL shares the process with its embedded run: a server
        // each, or the two would type into one terminal.
        let store = if on_postgres() { "-pg" } else { "" };
        Tmux {
            socket: format!("dagkas-{session}-{}{store}", std::process::id()),
            session: session.to_string(),
        }
    }

    /// A second terminal on the same tmux server.
    pub fn another(&self, session: &str) -> Tmux {
        Tmux {
            socket: self.socket.clone(),
            session: session.to_string(),
        }
    }

    pub fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Start `command` in this terminal at `width` × `height`.
    pub fn start(&self, width: u16, height: u16, command: &str) {
        let (w, h) = (width.to_string(), height.to_string());
        // English whatever the machine's locale; a dossier's `language` still wins.
        let command = format!("LC_ALL=C.UTF-8 {command}");
        self.run(&["new-session", "-d", "-s", &self.session, "-x", &w, "-y", &h, &command]);
    }

    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", "-t", &self.session, k]);
            std::thread::sleep(std::time::Duration::from_millis(60));
        }
    }

    pub fn text(&self, text: &str) {
        self.run(&["send-keys", "-t", &self.session, "-l", text]);
        std::thread::sleep(std::time::Duration::from_millis(60));
    }

    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", &self.session])
    }

    /// Wait until the screen shows `needle` (20 s at most).
    pub fn wait_for(&self, needle: &str) -> String {
        let start = std::time::Instant::now();
        loop {
            let s = self.screen();
            if s.contains(needle) {
                return s;
            }
            assert!(
                start.elapsed() < std::time::Duration::from_secs(20),
                "waited for {needle:?}; screen:\n{s}"
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-session", "-t", &self.session]);
    }
}

/// How a fake mail or web server behaves for the next requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    Answer,
    /// SMTP: 550 to the sender; HTTP: 500.
    Refuse,
    /// Close the connection without an answer.
    Drop,
    /// Accept and never answer.
    Hang,
}

/// A local SMTP server that records every message (and every line of the dialogue).
pub struct FakeSmtp {
    pub addr: std::net::SocketAddr,
    pub messages: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    pub dialogue: std::sync::Arc<std::sync::Mutex<String>>,
    pub behaviour: std::sync::Arc<std::sync::Mutex<Behaviour>>,
}

impl FakeSmtp {
    pub fn start() -> FakeSmtp {
        use std::io::{BufRead, BufReader, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let messages = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let dialogue = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let behaviour = std::sync::Arc::new(std::sync::Mutex::new(Behaviour::Answer));
        let (m, d, b) = (messages.clone(), dialogue.clone(), behaviour.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { return };
                let mode = *b.lock().unwrap();
                match mode {
                    Behaviour::Drop => continue,
                    Behaviour::Hang => {
                        std::thread::spawn(move || {
                            std::thread::sleep(std::time::Duration::from_secs(60));
                            drop(stream);
                        });
                        continue;
                    }
                    _ => {}
                }
                let (m, d) = (m.clone(), d.clone());
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut say = |s: &str| {
                        let _ = stream.write_all(s.as_bytes());
                    };
                    say("220 fake.localhost ESMTP\r\n");
                    let mut line = String::new();
                    loop {
                        line.clear();
                        if reader.read_line(&mut line).unwrap_or(0) == 0 {
                            return;
                        }
                        d.lock().unwrap().push_str(&line);
                        let upper = line.to_ascii_uppercase();
                        if upper.starts_with("EHLO") {
                            say("250-fake.localhost\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n");
                        } else if upper.starts_with("HELO") || upper.starts_with("RSET") || upper.starts_with("NOOP") {
                            say("250 OK\r\n");
                        } else if upper.starts_with("AUTH") {
                            say("235 2.7.0 Authentication successful\r\n");
                        } else if upper.starts_with("MAIL FROM") {
                            if mode == Behaviour::Refuse {
                                say("550 5.7.1 Relaying refused\r\n");
                            } else {
                                say("250 OK\r\n");
                            }
                        } else if upper.starts_with("RCPT TO") {
                            say("250 OK\r\n");
                        } else if upper.starts_with("DATA") {
                            say("354 End data with <CR><LF>.<CR><LF>\r\n");
                            let mut data = String::new();
                            loop {
                                line.clear();
                                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                                    return;
                                }
                                if line == ".\r\n" || line == ".\n" {
                                    break;
                                }
                                data.push_str(&line);
                            }
                            let n = {
                                let mut all = m.lock().unwrap();
                                all.push(data);
                                all.len()
                            };
                            say(&format!("250 2.0.0 Ok: queued as FAKE{n}\r\n"));
                        } else if upper.starts_with("QUIT") {
                            say("221 Bye\r\n");
                            return;
                        } else {
                            say("502 Command not implemented\r\n");
                        }
                    }
                });
            }
        });
        FakeSmtp {
            addr,
            messages,
            dialogue,
            behaviour,
        }
    }

    pub fn set(&self, b: Behaviour) {
        *self.behaviour.lock().unwrap() = b;
    }

    pub fn messages(&self) -> Vec<String> {
        self.messages.lock().unwrap().clone()
    }
}

/// A local HTTP server that records every request (head and body) and answers 200.
pub struct FakeHook {
    pub addr: std::net::SocketAddr,
    pub requests: std::sync::Arc<std::sync::Mutex<Vec<(String, String)>>>,
    pub behaviour: std::sync::Arc<std::sync::Mutex<Behaviour>>,
}

impl FakeHook {
    pub fn start() -> FakeHook {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let behaviour = std::sync::Arc::new(std::sync::Mutex::new(Behaviour::Answer));
        let (r, b) = (requests.clone(), behaviour.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { return };
                let mode = *b.lock().unwrap();
                let r = r.clone();
                std::thread::spawn(move || {
                    let mut buf = Vec::new();
                    let mut chunk = [0u8; 4096];
                    let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(5)));
                    let (head, body) = loop {
                        let n = stream.read(&mut chunk).unwrap_or(0);
                        if n == 0 {
                            return;
                        }
                        buf.extend_from_slice(&chunk[..n]);
                        let text = String::from_utf8_lossy(&buf).to_string();
                        if let Some(i) = text.find("\r\n\r\n") {
                            let head = text[..i].to_string();
                            let len: usize = head
                                .lines()
                                .find_map(|l| {
                                    l.to_ascii_lowercase()
                                        .strip_prefix("content-length:")
                                        .map(|v| v.trim().parse().unwrap_or(0))
                                })
                                .unwrap_or(0);
                            if buf.len() >= i + 4 + len {
                                break (head, text[i + 4..].to_string());
                            }
                        }
                    };
                    match mode {
                        Behaviour::Drop => return,
                        Behaviour::Hang => {
                            std::thread::sleep(std::time::Duration::from_secs(60));
                            return;
                        }
                        _ => {}
                    }
                    if mode == Behaviour::Answer {
                        r.lock().unwrap().push((head, body));
                    }
                    let status = if mode == Behaviour::Refuse {
                        "500 Internal Server Error"
                    } else {
                        "200 OK"
                    };
                    let _ = stream.write_all(
                        format!("HTTP/1.1 {status}\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok").as_bytes(),
                    );
                });
            }
        });
        FakeHook {
            addr,
            requests,
            behaviour,
        }
    }

    pub fn set(&self, b: Behaviour) {
        *self.behaviour.lock().unwrap() = b;
    }

    pub fn bodies(&self) -> Vec<serde_json::Value> {
        self.requests
            .lock()
            .unwrap()
            .iter()
            .map(|(_, b)| serde_json::from_str(b).unwrap())
            .collect()
    }
}
