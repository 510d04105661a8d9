//! `dagkas init`: from nothing to a config that maps every code the POS shows. Asks in the
//! terminal (every answer also a flag), reads the last days from the POS without storing
//! them, proposes a mapping for each VAT group and payment method (`domain::setup`), lets
//! the person change it, writes a commented `dagkas.toml` and offers the first sync.

use std::collections::BTreeMap;
use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::time::Duration;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::cli::InitArgs;
use crate::domain::calendar::BusinessCalendar;
use crate::domain::config::{Source, SourceKind};
use crate::domain::document::Document;
use crate::domain::money::fmt;
use crate::domain::setup::{self, Seen, Setup, SourceSetup, CATEGORIES};
use crate::ledger::Ledger;

const LS_API: &str = "https://api.lightspeedapp.com";
const LS_TOKEN: &str = "https://cloud.lightspeedapp.com/auth/oauth/token";

pub fn run(config_path: &Path, data_dir: &Path, args: InitArgs) -> u8 {
    let mut ask = Ask {
        yes: args.yes,
        ..Ask::on_terminal()
    };
    match init(config_path, data_dir, &args, &mut ask) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    }
}

/// Questions on stderr, answers from stdin (a terminal, or lines from a script: an empty
/// line or the end of the input takes the default); with `--yes` every default is taken.
pub(crate) struct Ask {
    yes: bool,
    terminal: bool,
    input: Box<dyn BufRead>,
    /// The input has ended: a wrong answer is final instead of asked again.
    ended: bool,
}

impl Ask {
    /// Questions to a person at the terminal (or a script on standard input).
    pub(crate) fn on_terminal() -> Ask {
        let stdin = std::io::stdin();
        Ask {
            yes: false,
            terminal: stdin.is_terminal(),
            input: Box::new(stdin.lock()),
            ended: false,
        }
    }

    fn text(&mut self, question: &str, default: &str) -> String {
        if self.yes {
            eprintln!("{question}: {default}");
            return default.to_string();
        }
        eprint!("{question} [{default}]: ");
        let _ = std::io::stderr().flush();
        let mut line = String::new();
        let read = self.input.read_line(&mut line).unwrap_or(0);
        if read == 0 {
            self.ended = true;
        }
        if !self.terminal {
            // A script's answer, echoed so the transcript reads as a dialogue.
            eprintln!("{}", line.trim());
        }
        let answer = line.trim();
        if read == 0 || answer.is_empty() {
            default.to_string()
        } else {
            answer.to_string()
        }
    }

    pub(crate) fn yes_no(&mut self, question: &str, default: bool) -> bool {
        loop {
            let a = self.text(&format!("{question} (y/n)"), if default { "y" } else { "n" });
            match a.to_lowercase().as_str() {
                "y" | "yes" | "j" | "ja" | "o" | "oui" => return true,
                "n" | "no" | "nee" | "non" => return false,
                _ if self.yes => return default,
                _ => eprintln!("  answer y or n"),
            }
        }
    }

    /// An answer checked when it is given: a wrong one is said and asked again, so no
    /// answer given before it is lost; with `--yes` or at the end of the input it is final.
    fn checked<T>(
        &mut self,
        flag: Option<&str>,
        question: &str,
        default: &str,
        check: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T, String> {
        if let Some(v) = flag {
            return check(v);
        }
        loop {
            let answer = self.text(question, default);
            match check(&answer) {
                Ok(v) => return Ok(v),
                Err(e) if self.yes || self.ended => return Err(e),
                Err(e) => eprintln!("  {e}"),
            }
        }
    }

    /// A value, or the flag's when given.
    fn flag_or(&mut self, flag: &Option<String>, question: &str, default: &str) -> String {
        match flag {
            Some(v) => v.clone(),
            None => self.text(question, default),
        }
    }
}

fn init(config_path: &Path, data_dir: &Path, args: &InitArgs, ask: &mut Ask) -> Result<u8, String> {
    if config_path.exists()
        && !args.force
        && !ask.yes_no(
            &crate::tr!("init-exists-replace", config_path = config_path.display()),
            false,
        )
    {
        eprintln!(
            "{}",
            crate::tr!("init-kept-as-was-nothing", config_path = config_path.display())
        );
        return Ok(1);
    }
    let dossier = ask.flag_or(
        &args.dossier,
        &crate::tr!("init-dossier-company-name"),
        &crate::tr!("init-mijn-winkel"),
    );
    let timezone = "Europe/Brussels".to_string();
    let cal = BusinessCalendar {
        timezone: timezone.parse().map_err(|_| "timezone")?,
        ..BusinessCalendar::default()
    };
    let today = match std::env::var("DAGKAS_TODAY").ok().filter(|t| !t.is_empty()) {
        Some(t) => t
            .parse::<NaiveDate>()
            .map_err(|_| crate::tr!("init-dagkas-today-not-date", t = format!("{:?}", t)))?,
        None => cal.today(chrono::Utc::now()),
    };
    let pos = ask.checked(
        args.pos.as_deref(),
        &crate::tr!("init-pos-mplus-lightspeed-or"),
        "file",
        |a| match a.to_lowercase().as_str() {
            p @ ("mplus" | "lightspeed" | "file") => Ok(p.to_string()),
            other => Err(crate::tr!(
                "init-unknown-pos-mplus-lightspeed",
                other = format!("{other:?}")
            )),
        },
    )?;
    let days: u32 = match args.days {
        Some(d) => d,
        None if pos == "file" => 0,
        None => ask.checked(None, &crate::tr!("init-days-read-from-pos"), "14", |a| {
            a.parse()
                .map_err(|_| crate::tr!("init-number-days-not-whole").to_string())
        })?,
    };
    let from = today - chrono::Days::new(u64::from(days.max(1)));
    // A mapping that cannot be right is refused before the POS is asked (a slow server, a
    // browser login), not after.
    overrides(&args.maps, &mut BTreeMap::new(), &mut BTreeMap::new(), &mut Vec::new())?;
    let (source, docs, read_from) = match pos.as_str() {
        "mplus" => read_mplus(args, ask, from, &cal)?,
        "lightspeed" => read_lightspeed(args, ask, data_dir, from, &cal)?,
        "file" => read_file(args, ask)?,
        other => {
            return Err(crate::tr!(
                "init-unknown-pos-mplus-lightspeed",
                other = format!("{:?}", other)
            ))
        }
    };
    let seen = setup::tally(&docs, &cal);
    show(&seen, &read_from);
    let (mut vat_map, mut payment_map, mut methods) = setup::propose(&seen);
    overrides(&args.maps, &mut vat_map, &mut payment_map, &mut methods)?;
    // A mapping for a code the POS did not show is kept (it may come later), and said.
    for m in &args.maps {
        let Some((kind, rest)) = m.split_once(':') else {
            continue;
        };
        let Some((code, _)) = rest.rsplit_once('=') else {
            continue;
        };
        let seen_it = match kind {
            "vat" => seen.vat.contains_key(code),
            _ => seen.methods.contains_key(code),
        };
        if !seen_it {
            eprintln!(
                "{}",
                crate::tr!("init-map-not-seen", m = format!("{m:?}"), code = format!("{code:?}"))
            );
        }
    }
    if !ask.yes {
        review(ask, &seen, &mut vat_map, &mut payment_map, &mut methods, &args.maps);
    }
    let mut ignore_registers = Vec::new();
    for (r, t) in seen.registers.iter().filter(|(r, _)| setup::looks_online(r)) {
        let q = crate::tr!(
            "init-register-tickets-looks-web",
            r = r,
            count = t.count,
            amount = fmt(t.amount)
        );
        if ask.yes_no(&q, true) {
            ignore_registers.push(r.clone());
        }
    }
    let default_start = seen.first.unwrap_or(from).to_string();
    let start = match args.start {
        Some(s) => s,
        None => ask.checked(None, &crate::tr!("init-first-day-day-book"), &default_start, |a| {
            a.parse().map_err(|_| crate::tr!("init-first-day-not-date").to_string())
        })?,
    };
    let opening: Decimal = ask.checked(
        args.opening_cash.as_deref(),
        &crate::tr!("init-cash-drawer-at-start"),
        "0.00",
        |a| {
            crate::i18n::current()
                .read_amount(a)
                .map_err(|e| format!("{}: {e}", crate::tr!("init-opening-cash-not-amount")))
        },
    )?;
    setup::with_prepaid_method(&vat_map, &mut methods);
    let mut drawers: Vec<String> = seen.drawers.iter().cloned().collect();
    if drawers.is_empty() {
        drawers.push("0".into());
    }
    let answers = Setup {
        dossier,
        timezone,
        source,
        start,
        vat_map,
        payment_map,
        methods,
        ignore_registers,
        drawers,
        opening_balance: opening,
    };
    let text = setup::render(&answers, &seen, &read_from);
    // What is written must be a valid config, or nothing is written.
    if let Err(problems) = crate::domain::config::parse(&text) {
        let shown: Vec<String> = problems.iter().map(|p| p.render("dagkas.toml", &text)).collect();
        return Err(crate::tr!("init-proposed-config-not-valid", shown = shown.join("\n")));
    }
    if let Some(dir) = config_path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    crate::settings::write_whole(config_path, text.as_bytes())
        .map_err(|e| format!("{}: {e}", config_path.display()))?;
    println!("wrote {}", config_path.display());
    // The sync service reads its secrets from a 0600 file beside the config, not from the
    // shell that ran init: write them there, so that the service starts as it is.
    let vars: Vec<&str> = match &answers.source {
        SourceSetup::Mplus { secret_env, .. } => vec![secret_env.as_str()],
        SourceSetup::Lightspeed {
            client_secret_env,
            refresh_token_env,
            ..
        } => std::iter::once(client_secret_env.as_str())
            .chain(refresh_token_env.as_deref())
            .collect(),
        SourceSetup::File { .. } => Vec::new(),
    };
    if !vars.is_empty() {
        let file = config_path.with_file_name("secrets.env");
        match write_secrets(&file, &vars) {
            Ok(()) => println!("{}", crate::tr!("init-wrote-secrets", file = file.display())),
            Err(e) => eprintln!(
                "{}",
                crate::tr!("init-secrets-not-written", file = file.display(), reason = e)
            ),
        }
    }
    let unmapped: Vec<&String> = seen.vat.keys().filter(|c| !answers.vat_map.contains_key(*c)).collect();
    if !unmapped.is_empty() {
        println!(
            "{}",
            crate::tr!(
                "init-not-mapped-yet-their",
                count = unmapped.len(),
                groups = unmapped.iter().map(|c| format!("{c:?}")).collect::<Vec<_>>().join(", ")
            )
        );
    }
    let sync = if args.sync {
        true
    } else if args.no_sync {
        false
    } else {
        ask.yes_no(&crate::tr!("init-run-first-sync-now"), true)
    };
    if sync {
        first_sync(config_path, data_dir, today)?;
    } else {
        println!(
            "next: dagkas --config {} --data {} sync --once",
            config_path.display(),
            data_dir.display()
        );
    }
    Ok(0)
}

/// What the POS showed, for the person to judge the proposals by.
fn show(seen: &Seen, read_from: &str) {
    eprintln!(
        "{}",
        crate::tr!(
            "init-read-from-documents",
            read_from = read_from,
            documents = seen.documents
        )
    );
    let list = |title: &str, items: &BTreeMap<String, setup::Tally>| {
        if items.is_empty() {
            return;
        }
        eprintln!("{}", crate::tr!("field-label", label = title));
        for (code, t) in items {
            eprintln!(
                "  {:<24} {:>6} × {:>12}",
                if code.is_empty() { "-" } else { code },
                t.count,
                fmt(t.amount)
            );
        }
    };
    list(&crate::tr!("init-seen-vat-groups"), &seen.vat);
    list(&crate::tr!("init-payment-methods"), &seen.methods);
    list(&crate::tr!("init-seen-branches"), &seen.branches);
    list(&crate::tr!("init-seen-registers"), &seen.registers);
    // The drawers by their names, quoted: drawer "0" is a name, not a count.
    let drawers: Vec<String> = seen.drawers.iter().map(|d| format!("{d:?}")).collect();
    eprintln!(
        "{}\n",
        crate::tr!(
            "init-seen-drawers",
            count = drawers.len(),
            drawers = if drawers.is_empty() {
                crate::tr!("init-seen-none")
            } else {
                drawers.join(", ")
            }
        )
    );
}

/// `--map vat:CODE=CATEGORY` / `--map method:CODE=METHOD` over the proposal.
fn overrides(
    maps: &[String],
    vat_map: &mut BTreeMap<String, String>,
    payment_map: &mut BTreeMap<String, String>,
    methods: &mut Vec<setup::Method>,
) -> Result<(), String> {
    for m in maps {
        let bad = || crate::tr!("init-map-expected-vat-code", m = format!("{:?}", m));
        let (kind, rest) = m.split_once(':').ok_or_else(bad)?;
        let (code, target) = rest.rsplit_once('=').ok_or_else(bad)?;
        match kind {
            "vat" => {
                let Some(category) = setup::category_answer(target) else {
                    let known: Vec<&str> = CATEGORIES.iter().map(|c| c.code).collect();
                    return Err(crate::tr!(
                        "init-map-category-not-one",
                        m = format!("{:?}", m),
                        target = format!("{:?}", target),
                        known = known.join(", ")
                    ));
                };
                vat_map.insert(code.to_string(), category.to_string());
            }
            "method" => {
                set_method(code, target, payment_map, methods);
            }
            _ => return Err(bad()),
        }
    }
    Ok(())
}

/// Map a POS method to `target`: a known method, a new one of that code, or `ignore`.
fn set_method(code: &str, target: &str, payment_map: &mut BTreeMap<String, String>, methods: &mut Vec<setup::Method>) {
    if target != "ignore" && !methods.iter().any(|m| m.code == target) {
        methods.push(setup::method_by_code(target).unwrap_or(setup::Method {
            code: target.to_string(),
            name: code.to_string(),
            account: setup::OTHER_ACCOUNT.into(),
            flags: "",
            kind: setup::MethodKind::Other,
        }));
    }
    payment_map.insert(code.to_string(), target.to_string());
}

/// Each proposal shown, accepted with Enter or changed.
fn review(
    ask: &mut Ask,
    seen: &Seen,
    vat_map: &mut BTreeMap<String, String>,
    payment_map: &mut BTreeMap<String, String>,
    methods: &mut Vec<setup::Method>,
    flagged: &[String],
) {
    let given = |kind: &str, code: &str| flagged.iter().any(|m| m.starts_with(&format!("{kind}:{code}=")));
    let categories: Vec<&str> = CATEGORIES.iter().map(|c| c.code).collect();
    eprintln!(
        "{}",
        crate::tr!("init-map-each-vat-group", categories = categories.join(", "))
    );
    for (code, t) in &seen.vat {
        if given("vat", code) {
            continue;
        }
        let question = crate::tr!(
            "init-vat-group-question",
            code = format!("{code:?}"),
            lines = t.count,
            amount = fmt(t.amount)
        );
        // A group whose rate cannot be known is asked for its rate: Enter leaves nothing.
        let proposed = vat_map.get(code).cloned().unwrap_or_default();
        let answer = ask.checked(None, &question, &proposed, |a| match a {
            "?" => Ok(None),
            "" => Err(crate::tr!("init-vat-rate-needed")),
            a => setup::category_answer(a)
                .map(|c| Some(c.to_string()))
                .ok_or_else(|| crate::tr!("init-vat-answer-not-category", a = format!("{a:?}"))),
        });
        match answer {
            Ok(Some(category)) => {
                vat_map.insert(code.clone(), category);
            }
            // `?`, or no answer at the end of the input: left for the review screen.
            Ok(None) | Err(_) => {
                vat_map.remove(code);
            }
        }
    }
    eprintln!("{}", crate::tr!("init-map-each-payment-method"));
    for (name, t) in &seen.methods {
        if given("method", name) {
            continue;
        }
        let proposed = payment_map.get(name).cloned().unwrap_or_else(|| "ignore".into());
        let a = ask.text(
            &crate::tr!(
                "init-method-question",
                name = format!("{name:?}"),
                payments = t.count,
                amount = fmt(t.amount)
            ),
            &proposed,
        );
        let a = if a == "ignore" { a } else { setup::method_code(&a) };
        if a != proposed {
            set_method(name, &a, payment_map, methods);
        }
    }
    // Methods no longer used by any mapping are not written.
    methods.retain(|m| payment_map.values().any(|t| *t == m.code));
}

/// Set `VAR=value` in a secrets file (0600, created so; other lines kept) for each variable
/// set in this environment: what a systemd unit's `EnvironmentFile=` reads.
fn write_secrets(file: &std::path::Path, vars: &[&str]) -> Result<(), String> {
    let old = std::fs::read_to_string(file).unwrap_or_default();
    let mut lines: Vec<String> = old
        .lines()
        .filter(|l| !vars.iter().any(|v| l.starts_with(&format!("{v}="))))
        .map(str::to_string)
        .collect();
    for v in vars {
        if let Ok(value) = std::env::var(v) {
            if value.contains('\n') {
                return Err(crate::tr!("init-secret-multiline", var = *v));
            }
            lines.push(format!("{v}={value}"));
        }
    }
    crate::sync::write_secret_file(file, &(lines.join("\n") + "\n")).map_err(|e| e.to_string())
}

fn secret_from(var: &str) -> Result<String, String> {
    std::env::var(var).map_err(|_| crate::tr!("init-set-environment-variable-secret", var = var))
}

fn read_mplus(
    args: &InitArgs,
    ask: &mut Ask,
    from: NaiveDate,
    cal: &BusinessCalendar,
) -> Result<(SourceSetup, Vec<Document>, String), String> {
    let url = ask.checked(
        args.url.as_deref(),
        "MplusKASSA API address (https://…:PORT)",
        "",
        |a| match url::Url::parse(a) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => Ok(a.to_string()),
            _ => Err(crate::tr!("init-not-an-address", a = format!("{a:?}"))),
        },
    )?;
    let ident = ask.flag_or(&args.ident, "MplusKASSA ident", "");
    let secret_env = ask.flag_or(
        &args.secret_env,
        &crate::tr!("init-environment-variable-with-mpluskassa"),
        "DAGKAS_MPLUS_SECRET",
    );
    if url.is_empty() || ident.is_empty() {
        return Err(crate::tr!("init-mpluskassa-needs-its-api"));
    }
    let secret = secret_from(&secret_env)?;
    let client = crate::pos::mplus::MplusClient::new(&url, &ident, &secret, cal.timezone, Duration::from_secs(120))
        .map_err(|e| e.to_string())?;
    let (docs, ignored, _) =
        crate::sync::fetch_mplus(&client, cal, &Default::default(), from, from).map_err(|e| e.to_string())?;
    for i in &ignored {
        eprintln!("  left out: {i}");
    }
    Ok((
        SourceSetup::Mplus {
            url: url.clone(),
            ident,
            secret_env,
        },
        docs,
        format!("MplusKASSA ({url}) since {from}"),
    ))
}

fn read_lightspeed(
    args: &InitArgs,
    ask: &mut Ask,
    data_dir: &Path,
    from: NaiveDate,
    cal: &crate::domain::calendar::BusinessCalendar,
) -> Result<(SourceSetup, Vec<Document>, String), String> {
    let account_id = ask.flag_or(&args.account_id, &crate::tr!("init-lightspeed-account-id"), "");
    let client_id = ask.flag_or(&args.client_id, &crate::tr!("init-lightspeed-client-id"), "");
    let client_secret_env = ask.flag_or(
        &args.client_secret_env,
        &crate::tr!("init-environment-variable-with-client"),
        "DAGKAS_LS_CLIENT_SECRET",
    );
    let api_url = args.api_url.clone().unwrap_or_else(|| LS_API.into());
    let token_url = args.token_url.clone().unwrap_or_else(|| LS_TOKEN.into());
    if account_id.is_empty() || client_id.is_empty() {
        return Err(crate::tr!("init-lightspeed-needs-account-id"));
    }
    let client_secret = secret_from(&client_secret_env)?;
    let source = SourceSetup::Lightspeed {
        account_id: account_id.clone(),
        client_id: client_id.clone(),
        client_secret_env: client_secret_env.clone(),
        refresh_token_env: args.refresh_token_env.clone(),
        api_url: api_url.clone(),
        token_url: token_url.clone(),
    };
    std::fs::create_dir_all(data_dir).map_err(|e| format!("{}: {e}", data_dir.display()))?;
    let file = crate::sync::token_file_in(data_dir, "kassa");
    let tokens = match &args.refresh_token_env {
        Some(var) => crate::pos::lightspeed::TokenFile {
            refresh_token: secret_from(var)?,
            ..Default::default()
        },
        None => {
            // The login in the browser, as `dagkas login` does it.
            let mut settings = BTreeMap::new();
            for (k, v) in [
                ("client_id", client_id.as_str()),
                ("client_secret_env", client_secret_env.as_str()),
                ("token_url", token_url.as_str()),
                ("api_url", api_url.as_str()),
            ] {
                settings.insert(k.to_string(), v.to_string());
            }
            let s = Source {
                name: "kassa".into(),
                kind: SourceKind::Lightspeed,
                interval_secs: 900,
                settings,
            };
            crate::sync::authorize_lightspeed(&s, &file, &mut |m| eprintln!("{m}")).map_err(|e| e.to_string())?;
            let text = crate::settings::read_secret(None, Some(&file)).map_err(|e| e.to_string())?;
            crate::pos::lightspeed::TokenFile::parse(&text)
        }
    };
    let save = file.clone();
    let mut client = crate::pos::lightspeed::LightspeedClient::new(
        &api_url,
        &token_url,
        &account_id,
        &client_id,
        &client_secret,
        tokens,
        Duration::from_secs(120),
        Box::new(move |t| crate::sync::write_secret_file(&save, &t.render())),
    )
    .map_err(|e| e.to_string())?;
    let since = format!("{}T00:00:00+00:00", from - chrono::Days::new(1));
    let (docs, ignored, _) =
        crate::sync::fetch_lightspeed(&mut client, cal, Some(&since), None).map_err(|e| e.to_string())?;
    for i in &ignored {
        eprintln!("  left out: {i}");
    }
    Ok((
        source,
        docs,
        crate::tr!("init-lightspeed-account-since", account_id = account_id, from = from),
    ))
}

fn read_file(args: &InitArgs, ask: &mut Ask) -> Result<(SourceSetup, Vec<Document>, String), String> {
    let flag = args.path.as_ref().map(|p| p.display().to_string());
    let path = ask.checked(flag.as_deref(), &crate::tr!("init-jsonl-file-pos-documents"), "", |a| {
        if a.is_empty() {
            return Err(crate::tr!("init-file-source-needs-file"));
        }
        std::fs::canonicalize(a).map_err(|e| format!("{a}: {}", crate::domain::text::os_error(&e)))
    })?;
    let name = path.display().to_string();
    let mut docs = Vec::new();
    let mut bad = Vec::new();
    crate::pos::file::read_jsonl(&path, |line, parsed| match parsed {
        Ok(d) => docs.push(d),
        Err(e) if bad.len() < 20 => bad.push(format!("{name}:{line}: {e}")),
        Err(_) => {}
    })
    .map_err(|e| format!("{name}: {e}"))?;
    if !bad.is_empty() {
        return Err(crate::tr!("init-file-has-bad-lines", bad = bad.join("\n")));
    }
    Ok((SourceSetup::File { path: name.clone() }, docs, name))
}

/// The first sync of the new dossier, through the same code as `dagkas sync --once`.
fn first_sync(config_path: &Path, data_dir: &Path, today: NaiveDate) -> Result<(), String> {
    let loaded = crate::settings::load_config(config_path);
    let config = loaded.config.ok_or_else(|| loaded.problems.join("\n"))?;
    let mut ledger = Ledger::open(config, data_dir, today).map_err(|e| e.to_string())?;
    let author = crate::cli::Who { author: None }.name();
    let started = chrono::Utc::now();
    let result = crate::sync::sync_all(&mut ledger, &author);
    crate::sync::finish_run(&ledger, &author, "once", started, &result);
    let summary = result.map_err(|e| e.to_string())?;
    println!("{summary}");
    println!(
        "{}",
        crate::tr!(
            "init-next-dagkas-config-data",
            config_path = config_path.display(),
            data_dir = data_dir.display()
        )
    );
    Ok(())
}
