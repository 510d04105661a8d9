//! A PostgreSQL server for the tests: `DAGKAS_TEST_PG_URL` when it is set, else a throwaway
//! cluster of our own (initdb in a temp dir, `postgres` on a free port of 127.0.0.1, ended
//! with the test process), else a failure naming the package to install.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The server programs (initdb, postgres): on PATH, else Debian's versioned directory.
fn server_bin() -> PathBuf {
    if let Ok(out) = Command::new("sh").args(["-c", "command -v initdb"]).output() {
        let p = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if !p.is_empty() {
            let real = std::fs::canonicalize(&p).unwrap_or_else(|_| PathBuf::from(&p));
            return real.parent().unwrap().to_path_buf();
        }
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|b| b.join("initdb").exists())
        .collect();
    found.sort();
    found.pop().unwrap_or_else(|| {
        panic!(
            "the PostgreSQL tests need the server programs (initdb, postgres): install the \
             Debian package `postgresql` (.ci/run does), or set DAGKAS_TEST_PG_URL to a database"
        )
    })
}

/// initdb refuses to run as root: the cluster then belongs to the `postgres` user.
fn run_as() -> Option<(u32, u32)> {
    if unsafe { libc::geteuid() } != 0 {
        return None;
    }
    for name in [c"postgres", c"nobody"] {
        let pw = unsafe { libc::getpwnam(name.as_ptr()) };
        if !pw.is_null() {
            return Some(unsafe { ((*pw).pw_uid, (*pw).pw_gid) });
        }
    }
    panic!("running as root without a postgres or nobody user to own the test cluster");
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A cluster of our own; stopped (and its directory removed) when dropped.
pub struct Cluster {
    dir: PathBuf,
    pub port: u16,
    child: Option<Child>,
}

impl Cluster {
    pub fn start() -> Cluster {
        let bin = server_bin();
        let owner = run_as();
        remove_stale_clusters();
        let dir = std::env::temp_dir().join(format!(
            "dagkas-test-pg-{}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .subsec_nanos()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        if let Some((uid, gid)) = owner {
            std::os::unix::fs::chown(&dir, Some(uid), Some(gid)).unwrap();
        }
        let mut initdb = Command::new(bin.join("initdb"));
        initdb.arg("-D").arg(dir.join("data")).args([
            "-U",
            "dagkas",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
            "--locale=C",
        ]);
        as_owner(&mut initdb, owner);
        let out = initdb.output().expect("initdb runs");
        assert!(
            out.status.success(),
            "initdb failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut c = Cluster {
            dir,
            port: free_port(),
            child: None,
        };
        c.resume();
        c
    }

    /// Start the server again (after [`Cluster::stop`]), on the same port.
    pub fn resume(&mut self) {
        let bin = server_bin();
        let mut cmd = Command::new(bin.join("postgres"));
        cmd.arg("-D")
            .arg(self.dir.join("data"))
            .arg("-p")
            .arg(self.port.to_string())
            .arg("-k")
            .arg(&self.dir)
            .args(["-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"])
            .args(["-c", "full_page_writes=off", "-c", "max_connections=300"])
            .args(["-c", "shared_buffers=32MB", "-c", "log_min_messages=fatal"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        as_owner(&mut cmd, run_as());
        // The server ends with the thread that started it (a test's, or the shared one's).
        unsafe {
            std::os::unix::process::CommandExt::pre_exec(&mut cmd, || {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGINT);
                Ok(())
            });
        }
        self.child = Some(cmd.spawn().expect("postgres starts"));
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let c = self.admin();
            if c.is_ok() {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "the test cluster did not start: {:?}",
                c.err()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Stop the server at once (fast shutdown: open sessions are cut).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
            let _ = child.wait();
        }
    }

    /// A session of the tests' own, through the server's socket (open whatever the rules
    /// for TCP are).
    fn admin(&self) -> Result<postgres::Client, postgres::Error> {
        postgres::Client::connect(
            &format!(
                "host={} port={} user=dagkas dbname=postgres",
                self.dir.display(),
                self.port
            ),
            postgres::NoTls,
        )
    }

    /// A new, empty database on this cluster.
    pub fn database(&self, name: &str) -> String {
        let mut admin = self.admin().unwrap();
        admin.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        format!("postgresql://dagkas@127.0.0.1:{}/{name}", self.port)
    }

    /// From now on the server speaks TLS only over TCP, with a certificate for 127.0.0.1
    /// (not for `localhost`) signed by an authority of the test's own: the file returned (PEM).
    /// Needs `openssl`.
    pub fn require_tls(&mut self) -> PathBuf {
        let data = self.dir.join("data");
        let ca = self.dir.join("ca.pem");
        let ext = self.dir.join("server.ext");
        std::fs::write(
            &ext,
            "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
        )
        .unwrap();
        let path = |p: &Path| p.display().to_string();
        let (ca_key, csr) = (path(&self.dir.join("ca.key")), path(&self.dir.join("server.csr")));
        let (key, crt) = (path(&data.join("server.key")), path(&data.join("server.crt")));
        let ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2";
        let authority = format!(
            "req -x509 {ec} -keyout {ca_key} -out {} -subj /CN=dagkas-test-authority",
            path(&ca)
        );
        let request = format!("req {ec} -keyout {key} -out {csr} -subj /CN=127.0.0.1");
        let sign = format!(
            "x509 -req -days 2 -CAcreateserial -in {csr} -CA {} -CAkey {ca_key} -extfile {} -out {crt}",
            path(&ca),
            path(&ext)
        );
        for line in [authority, request, sign] {
            let mut args: Vec<&str> = line.split(' ').collect();
            if args[1] == "-x509" {
                args.extend([
                    "-addext",
                    "basicConstraints=critical,CA:TRUE",
                    "-addext",
                    "keyUsage=critical,keyCertSign,cRLSign",
                ]);
            }
            let out = Command::new("openssl").args(&args).output().expect("openssl runs");
            assert!(
                out.status.success(),
                "openssl {line}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let key = data.join("server.key");
        std::fs::set_permissions(&key, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
        if let Some((uid, gid)) = run_as() {
            for f in [&key, &data.join("server.crt")] {
                std::os::unix::fs::chown(f, Some(uid), Some(gid)).unwrap();
            }
        }
        let mut conf = std::fs::OpenOptions::new()
            .append(true)
            .open(data.join("postgresql.conf"))
            .unwrap();
        std::io::Write::write_all(&mut conf, b"\nssl = on\n").unwrap();
        std::fs::write(
            data.join("pg_hba.conf"),
            "local all all trust\nhostssl all all 127.0.0.1/32 trust\nhostnossl all all 127.0.0.1/32 reject\n",
        )
        .unwrap();
        self.stop();
        self.resume();
        ca
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn as_owner(cmd: &mut Command, owner: Option<(u32, u32)>) {
    if let Some((uid, gid)) = owner {
        std::os::unix::process::CommandExt::uid(cmd, uid);
        std::os::unix::process::CommandExt::gid(cmd, gid);
        cmd.env("HOME", "/tmp");
    }
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// Clusters of test processes that are gone (the shared one outlives no process, but its
/// directory does).
fn remove_stale_clusters() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix("dagkas-test-pg-")
            .and_then(|r| r.split('-').next())
            .and_then(|p| p.parse::<i32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() as i32 && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(e.path());
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// The database the store tests share: each shop is a schema of its own in it. Every suite
/// of a test process compiles its own copy of this module, so the cluster is found through
/// a file of the process (under a file lock), not a static.
pub fn shared_url() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        if let Ok(url) = std::env::var("DAGKAS_TEST_PG_URL") {
            if !url.is_empty() {
                return url;
            }
        }
        let base = std::env::temp_dir().join(format!("dagkas-test-pg-{}-shared", std::process::id()));
        let lock = std::fs::File::create(base.with_extension("lock")).unwrap();
        fs2::FileExt::lock_exclusive(&lock).unwrap();
        if let Ok(url) = std::fs::read_to_string(base.with_extension("url")) {
            return url;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        // A thread that lives as long as the process keeps the cluster (and its server).
        std::thread::spawn(move || {
            let cluster = Cluster::start();
            tx.send(cluster.database("dagkas_test")).unwrap();
            loop {
                std::thread::park();
            }
            #[allow(unreachable_code)]
            drop(cluster);
        });
        let url = rx.recv().expect("the shared test cluster started");
        std::fs::write(base.with_extension("url"), &url).unwrap();
        url
    })
}

/// A schema name no other shop of this run uses (the suite's name, a number).
pub fn fresh_schema() -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    // The suite's module: `all::on_postgres::SUITE::common::pg`.
    let parts: Vec<&str> = module_path!().split("::").collect();
    let at = parts.iter().position(|p| *p == "common").unwrap_or(1);
    let suite = parts.get(at.wrapping_sub(1)).copied().unwrap_or("shop");
    format!("{suite}_{}_{}", std::process::id(), N.fetch_add(1, Ordering::SeqCst))
}
