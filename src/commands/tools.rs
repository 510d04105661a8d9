//! Commands around the books: notifications test, store copy, generated data, the screen,
//! the demo, benchmarks, shell completions and manual pages.

use super::*;

pub(super) fn notify_test(ledger: &Ledger) -> Result<u8, LedgerError> {
    if ledger.config.notify.is_empty() {
        say!("{}", tr!("notify-none"));
        return Ok(FAILED);
    }
    let mut failed = false;
    for (label, outcome) in crate::notify::test_all(ledger) {
        match outcome {
            Ok(said) => say!("{}", tr!("notify-sent", label = label, said = said)),
            Err(e) => {
                failed = true;
                say!("{}", tr!("notify-not-sent", label = label, reason = e));
            }
        }
    }
    Ok(if failed { FAILED } else { OK })
}

/// `dagkas store copy --to URL|DIR`: the whole store into an empty one, audited there.
pub(super) fn store_copy(ledger: &Ledger, to: &str) -> Result<u8, LedgerError> {
    use crate::store::{postgres, Location, Store};
    let (location, dir) = if postgres::is_url(to) {
        let target = postgres::Target::parse(to, None, &ledger.config.dossier.name).map_err(LedgerError::Refused)?;
        (Location::Postgres(target), ledger.store.dir().to_path_buf())
    } else {
        (Location::Embedded, PathBuf::from(to))
    };
    if location == *ledger.store.location() && (location != Location::Embedded || dir == ledger.store.dir()) {
        return Err(LedgerError::Refused(crate::text!("store-copy-same")));
    }
    let shown = location.shown(&dir).display().to_string();
    let target = Store::open_copy_target(&location, &dir, &mut waiting)?;
    let records = ledger.store.copy_into(&target)?;
    let from = ledger.store.location().shown(ledger.store.dir()).display().to_string();
    target.append_audit(crate::store::audit::NewEntry {
        author: crate::os_user(),
        action: crate::store::audit::Action::StoreCopy.into(),
        reason: None,
        detail: serde_json::json!({ "from": from, "records": records }),
    })?;
    say!("{}", tr!("store-copied", records = records, target = shown));
    match location {
        Location::Postgres(_) => say!("{}", tr!("store-copied-use-url", url = to_without_password(to))),
        Location::Embedded => say!("{}", tr!("store-copied-use-dir", dir = dir.display())),
    }
    Ok(OK)
}

/// A URL as it may be written in the config (any password left out).
pub(super) fn to_without_password(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) => {
            let _ = u.set_password(None);
            u.to_string()
        }
        Err(_) => url.to_string(),
    }
}

pub(super) fn gen(
    docs: u64,
    days: u32,
    branches: u32,
    seed: u64,
    start: Option<NaiveDate>,
    format: GenFormat,
    out: Option<&Path>,
) -> u8 {
    let start = match start {
        Some(s) => s,
        None => match today_or(chrono::Local::now().date_naive()) {
            Ok(today) => today - chrono::Duration::days(i64::from(days)),
            Err(code) => return code,
        },
    };
    let spec = crate::gen::GenSpec {
        docs,
        days,
        branches,
        seed,
        start,
    };
    let sink: Box<dyn Write> = match out {
        Some(p) => match std::fs::File::create(p) {
            Ok(f) => Box::new(f),
            Err(e) => {
                tell!("error: {}: {e}", p.display());
                return FAILED;
            }
        },
        None => Box::new(std::io::stdout().lock()),
    };
    let mut w = std::io::BufWriter::with_capacity(1 << 16, sink);
    let mut failed = None;
    let mut buf = String::new();
    crate::gen::generate(&spec, |doc| {
        if failed.is_some() {
            return;
        }
        buf.clear();
        match format {
            GenFormat::Jsonl => {
                buf.push_str(&serde_json::to_string(&doc).expect("documents serialise"));
                buf.push('\n');
            }
            GenFormat::Hledger => crate::gen::hledger_transaction(&doc, &mut buf),
        }
        if let Err(e) = w.write_all(buf.as_bytes()) {
            failed = Some(e);
        }
    });
    if let Some(e) = failed.or_else(|| w.flush().err()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            tell!("error: {e}");
            return FAILED;
        }
    }
    OK
}

/// The review screen holds the store only while it loads or changes something.
pub(super) fn tui(ledger: Ledger, dossier: &Dossier) -> Result<u8, LedgerError> {
    let author = crate::os_user();
    let config = ledger.config.clone();
    drop(ledger);
    match crate::tui::run(dossier.clone(), &config, author) {
        Ok(()) => Ok(OK),
        Err(e) => {
            tell!("{}", tr!("error", reason = e));
            Ok(FAILED)
        }
    }
}

pub(super) fn demo(data: Option<PathBuf>, config: Option<&Path>, no_tui: bool) -> u8 {
    let dir = data.unwrap_or_else(|| settings::data_dir(None).join("demo"));
    // The demo's config is its own: one named on the command line would silently not apply.
    if let Some(file) = config {
        tell!(
            "{}",
            tr!(
                "error",
                reason = tr!("dossier-demo-config", dir = dir.display(), file = file.display())
            )
        );
        return 2;
    }
    let today = match today_or(crate::domain::calendar::BusinessCalendar::default().today(chrono::Utc::now())) {
        Ok(t) => t,
        Err(code) => return code,
    };
    tell!("{}", tr!("dossier-demo-building", dir = dir.display()));
    let ledger = match crate::demo::build(&dir, today) {
        Ok(l) => l,
        Err(e) => return report(&e),
    };
    tell!(
        "{}",
        tr!(
            "dossier-demo-ready",
            command = format!(
                "dagkas --config {} --data {} days",
                dir.join("dagkas.toml").display(),
                dir.display()
            )
        )
    );
    if no_tui {
        return OK;
    }
    tui(ledger, &Dossier::of_file(&dir.join("dagkas.toml"), &dir)).unwrap_or_else(|e| report(&e))
}

/// `bench --first-frame`: open the dossier as the screen does and draw its first frame;
/// prints the milliseconds it took.
pub(super) fn bench_first_frame(config_path: &Path, data_dir: &Path) -> u8 {
    match crate::bench::first_frame(config_path, data_dir) {
        Ok(ms) => {
            println!("{ms}");
            OK
        }
        Err(e) => report(&e),
    }
}

/// The firm overview's first frame with its rows, measured in this process: prints ms.
pub(super) fn bench_overview_frame(firm: &Path) -> u8 {
    let ms = crate::tui::firm::first_frame_ms(&crate::firm::Firm::named(firm, None));
    println!("{ms}");
    OK
}

/// `dagkas bench --firm N`: a firm's list, overview and service round.
pub(super) fn bench_firm(dossiers: usize, out: Option<&Path>, keep: Option<&Path>, store: Option<&str>) -> u8 {
    let dir = keep.map(Path::to_path_buf).unwrap_or_else(crate::bench::scratch);
    let result = crate::bench::firm::run(dossiers, &dir, store, |m| tell!("{m}"));
    told(result, &dir, out, keep)
}

/// A bench's figures as a table (and as JSON in `out`); its scratch dir removed unless kept.
fn told(result: Result<crate::bench::Report, LedgerError>, dir: &Path, out: Option<&Path>, keep: Option<&Path>) -> u8 {
    if keep.is_none() {
        let _ = std::fs::remove_dir_all(dir);
    }
    match result {
        Ok(report) => {
            print!("{}", crate::bench::table(&report));
            if let Some(path) = out {
                let json = serde_json::to_string_pretty(&report).expect("report serialises");
                if let Err(e) = std::fs::write(path, json) {
                    tell!("{}", tr!("error", reason = format!("{}: {e}", path.display())));
                    return FAILED;
                }
            }
            OK
        }
        Err(e) => report(&e),
    }
}

pub(super) fn bench(
    docs: u64,
    days: u32,
    out: Option<&Path>,
    years: &[u32],
    keep: Option<&Path>,
    store: Option<&str>,
) -> u8 {
    if !years.is_empty() {
        return bench_years(years, out, keep, store);
    }
    let dir = keep.map(Path::to_path_buf).unwrap_or_else(crate::bench::scratch);
    let result = crate::bench::run(docs, days, &dir, store, |m| tell!("{m}"));
    told(result, &dir, out, keep)
}

/// `bench --years 1,5,10`: each shop measured by a bench process of its own (a child's
/// peak memory counts from its parent's, so one process measuring three shops would
/// inflate the later ones), then how each figure grows with the history.
pub(super) fn bench_years(years: &[u32], out: Option<&Path>, keep: Option<&Path>, store: Option<&str>) -> u8 {
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => {
            tell!("{}", tr!("error", reason = e));
            return FAILED;
        }
    };
    let scratch = crate::bench::scratch();
    let _ = std::fs::create_dir_all(&scratch);
    let mut reports: Vec<crate::bench::Report> = Vec::new();
    for y in years {
        let figures = scratch.join(format!("{y}-years.json"));
        let mut c = std::process::Command::new(&exe);
        c.args(["bench", "--docs", &(100_000 * u64::from(*y)).to_string()])
            .args(["--days", &(365 * y).to_string()])
            .arg("--out")
            .arg(&figures);
        if let Some(k) = keep {
            c.arg("--keep").arg(k.join(format!("{y}-years")));
        }
        if let Some(url) = store {
            c.arg("--store").arg(url);
        }
        let ran = c.status().map(|s| s.success()).unwrap_or(false);
        let read = std::fs::read_to_string(&figures)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok());
        match read {
            Some(r) if ran => reports.push(r),
            _ => {
                tell!("{}", tr!("error", reason = format!("bench of {y} year(s) failed")));
                let _ = std::fs::remove_dir_all(&scratch);
                return FAILED;
            }
        }
        println!();
    }
    let _ = std::fs::remove_dir_all(&scratch);
    print!("{}", crate::bench::growth(&reports));
    if let Some(path) = out {
        let json = serde_json::to_string_pretty(&reports).expect("reports serialise");
        if let Err(e) = std::fs::write(path, json) {
            tell!("{}", tr!("error", reason = format!("{}: {e}", path.display())));
            return FAILED;
        }
    }
    OK
}

/// `DAGKAS_TODAY` when set, else `fallback`; a malformed value is a usage error (exit 2).
pub(super) fn today_or(fallback: NaiveDate) -> Result<NaiveDate, u8> {
    match std::env::var("DAGKAS_TODAY").ok().filter(|s| !s.is_empty()) {
        Some(t) => t.parse::<NaiveDate>().map_err(|_| {
            tell!(
                "{}",
                tr!("error", reason = format!("DAGKAS_TODAY={t:?}: {}", tr!("not-a-date")))
            );
            2
        }),
        None => Ok(fallback),
    }
}

/// Completions from the same definition as the parser.
pub(super) fn completions(shell: clap_complete::Shell) -> u8 {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "dagkas", &mut out);
    match std::io::stdout()
        .write_all(&out)
        .and_then(|_| std::io::stdout().flush())
    {
        Ok(()) => OK,
        Err(e) => report(&stdout_failed(e)),
    }
}

/// Manual pages from the same definition as the parser: `dagkas.1`, and with `--out` one
/// page per command (`dagkas-sync.1`, …). The main page also holds the review screen's
/// keys, the environment, the files and the exit codes; each page ends with its neighbours.
pub(super) fn man(out: Option<&Path>) -> u8 {
    // `help` is a word of the command line, not a command with a page of its own.
    let cmd = <Cli as clap::CommandFactory>::command().disable_help_subcommand(true);
    let names: Vec<String> = cmd.get_subcommands().map(|c| c.get_name().to_string()).collect();
    let render = |c: clap::Command, main: bool| -> std::io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        clap_mangen::Man::new(c).render(&mut buf)?;
        buf.extend_from_slice(man_extra(main, &names).as_bytes());
        Ok(buf)
    };
    let Some(dir) = out else {
        return match render(cmd, true).and_then(|page| std::io::stdout().write_all(&page)) {
            Ok(()) => OK,
            Err(e) => report(&stdout_failed(e)),
        };
    };
    let written = (|| -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        write_whole(&dir.join("dagkas.1"), &render(cmd.clone(), true)?)?;
        for sub in cmd.get_subcommands() {
            let name = format!("dagkas-{}", sub.get_name());
            let page = render(sub.clone().name(name.clone()), false)?;
            write_whole(&dir.join(format!("{name}.1")), &page)?;
        }
        Ok(())
    })();
    match written {
        Ok(()) => OK,
        Err(source) => report(&LedgerError::Io {
            path: dir.display().to_string(),
            source,
        }),
    }
}

/// Text for roff: backslashes and hyphens as roff writes them, no line starting a request.
fn roff(text: &str) -> String {
    let t = text.replace('\\', "\\e").replace('-', "\\-");
    if t.starts_with(['.', '\'']) {
        format!("\\&{t}")
    } else {
        t
    }
}

/// The sections clap does not write: keys, environment, files, exit status, see also.
fn man_extra(main: bool, commands: &[String]) -> String {
    let item = |term: &str, text: &str| format!(".TP\n\\fB{}\\fR\n{}\n", roff(term), roff(text));
    let mut out = String::new();
    let mut sections = Vec::new();
    if main {
        let keys = crate::tui::keymap::Keymap::default_map();
        for b in &keys.bindings {
            let label: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
            out.push_str(&item(&label.join(" "), &b.desc));
        }
        sections.push(("KEYS", "The review screen (plain dagkas, or dagkas tui). A file ~/.config/dagkas/keymap.toml in the same format as the shipped keymap.toml replaces single keys; ? shows them all on the screen.", std::mem::take(&mut out)));
        for (var, what) in [
            ("DAGKAS_CONFIG", "The dossier config when --config is not given."),
            ("DAGKAS_DATA", "The data dir when --data is not given."),
            ("DAGKAS_STORE_URL", "A PostgreSQL address that holds the dossier's store, over the config's [store] url and the data dir."),
            ("DAGKAS_TODAY", "A fixed business date for today (YYYY-MM-DD, 1990 to 2199), for tests and demos."),
            ("DAGKAS_LOCK_WAIT", "Seconds a command waits for a dossier another process holds (default 600, at most a day)."),
            ("DAGKAS_LOG", "A file for the log (tracing); nothing is logged to the screen."),
            ("DAGKAS_NOTIFY_TIMEOUT_S, DAGKAS_NOTIFY_BACKOFF_S", "Seconds a notification server is given, and between attempts."),
            ("secret variables", "The variables the config names (secret_env, client_secret_env, refresh_token_env, password_env) hold the POS and mail secrets; the config itself never does."),
            ("PGPASSWORD, PGPASSFILE", "A PostgreSQL password, as libpq reads them."),
            ("LC_ALL, LC_MESSAGES, LANG", "The language of messages and help (nl, fr, en) when the dossier does not set [dossier] language."),
            ("NO_COLOR", "Draws the review screen without colour."),
            ("XDG_CONFIG_HOME, XDG_DATA_HOME, HOME", "Where the config and data dir are by default."),
            ("USER", "The author written into the audit log (else the user database's name)."),
        ] {
            out.push_str(&item(var, what));
        }
        sections.push(("ENVIRONMENT", "", std::mem::take(&mut out)));
        for (file, what) in [
            (
                "~/.config/dagkas/dagkas.toml",
                "The dossier config (dagkas init writes it; dagkas config validate checks it).",
            ),
            (
                "~/.config/dagkas/secrets.env",
                "VAR=value lines of the POS secrets, 0600, read by the sync service's unit; dagkas init writes it.",
            ),
            (
                "~/.config/dagkas/keymap.toml",
                "Key bindings that replace the shipped ones.",
            ),
            (
                "~/.local/share/dagkas/",
                "The data dir: the embedded store, the Lightspeed token files (0600) and the exports' defaults.",
            ),
            (
                "/usr/lib/systemd/user/dagkas-sync.service, dagkas-sync@.service",
                "The sync service of one dossier, and of one dossier per instance name.",
            ),
            (
                "/usr/share/doc/dagkas/RULES.md",
                "The rules R1 to R24 the book keeps, each with the test that holds it, and the JSONL format.",
            ),
            (
                "/usr/share/doc/dagkas/DECISIONS.md.gz",
                "The choices made where the rules are silent.",
            ),
        ] {
            out.push_str(&item(file, what));
        }
        sections.push(("FILES", "", std::mem::take(&mut out)));
    }
    for (code, what) in [
        ("0", "Done."),
        ("1", "An error, or problems found (check, config validate)."),
        ("2", "The command line was not understood."),
        (
            "3",
            "Stopped early by a rule: a confirm run stopped at a blocker (R7), a day that is waiting.",
        ),
    ] {
        out.push_str(&item(code, what));
    }
    sections.push(("EXIT STATUS", "", std::mem::take(&mut out)));
    let see: Vec<String> = if main {
        commands
            .iter()
            .map(|c| format!("\\fBdagkas\\-{}\\fR(1)", roff(c)))
            .collect()
    } else {
        vec!["\\fBdagkas\\fR(1)".to_string()]
    };
    let mut text = String::new();
    for (title, intro, body) in sections {
        text.push_str(&format!(".SH \"{title}\"\n"));
        if !intro.is_empty() {
            text.push_str(&roff(intro));
            text.push('\n');
        }
        text.push_str(&body);
    }
    text.push_str(&format!(".SH \"SEE ALSO\"\n{}\n", see.join(", ")));
    text.push_str(".PP\nThe rules the book keeps: /usr/share/doc/dagkas/RULES.md (docs/RULES.md in the source).\n");
    text
}
