//! The `demo` source: the built-in fake POS on 127.0.0.1, spoken to through a real connector.

use super::*;

/// The `demo` source: the built-in fake POS on 127.0.0.1, fed from the source's `path` (or
/// a generated shop), spoken to through the real connector of its `protocol`.
pub(super) fn ask_demo(plan: &Plan, p: &Planned) -> std::result::Result<Brought, Trouble> {
    let s = &p.source;
    let protocol = s
        .settings
        .get("protocol")
        .map(String::as_str)
        .unwrap_or("mplus")
        .to_string();
    let mut docs = Vec::new();
    match s.settings.get("path") {
        Some(path) => {
            let mut bad = Vec::new();
            crate::pos::file::read_jsonl(std::path::Path::new(path), |line, parsed| match parsed {
                Ok(d) => docs.push(d),
                Err(e) => bad.push(e.at(format!("{path}:{line}"))),
            })
            .map_err(|source| LedgerError::Io {
                path: path.clone(),
                source,
            })?;
            if !bad.is_empty() {
                return Err(LedgerError::BadInput(bad).into());
            }
        }
        None => {
            let seed = s.settings.get("seed").and_then(|x| x.parse().ok()).unwrap_or(1);
            let start = plan
                .config
                .daybooks
                .iter()
                .filter(|b| b.source == s.name)
                .map(|b| b.start)
                .min()
                .unwrap_or(plan.today);
            let days = (plan.today - start).num_days().max(1) as u32;
            let spec = crate::gen::GenSpec {
                docs: 60 * u64::from(days),
                days,
                branches: 2,
                seed,
                start,
            };
            // MplusQapi carries no tips (decision 28): the generated shop's customers tip
            // nothing there, instead of receipts that do not balance and are held.
            let no_tips = protocol == "mplus";
            crate::gen::generate(&spec, |mut d| {
                if let (true, Document::Ticket(t)) = (no_tips, &mut d) {
                    if let Some(p) = t.payments.iter_mut().rev().find(|p| p.amount > t.tip) {
                        p.amount -= t.tip;
                        t.tip = rust_decimal::Decimal::ZERO;
                    }
                }
                docs.push(d)
            });
        }
    }
    let calendar = plan.config.dossier.calendar;
    let runtime = crate::io_runtime().map_err(|source| LedgerError::Io {
        path: "tokio".into(),
        source,
    })?;
    let secret = format!("demo-{}", std::process::id());
    let io = |source| LedgerError::Io {
        path: "127.0.0.1".into(),
        source,
    };
    let stopped = || Err(LedgerError::Refused(crate::text!("syn-demo-sync-stopped-unexpectedly")).into());
    // The fake serves on the runtime's workers while the connector, on a thread of its
    // own, drives its requests.
    let result = match protocol.as_str() {
        "lightspeed" => {
            let fake = runtime
                .block_on(crate::pos::fake::lightspeed::FakeLightspeed::start(
                    "1",
                    "demo",
                    &secret,
                    "demo-refresh",
                ))
                .map_err(io)?;
            fake.load(docs);
            // A fresh fake each run: the demo's own client secret and refresh token, in 0600 files.
            let secret_file = plan.dir.join(format!("demo-{}.secret", s.name));
            write_secret_file(&secret_file, &secret).map_err(LedgerError::Refused)?;
            let tokens = token_file_in(&plan.dir, &s.name);
            write_secret_file(&tokens, "demo-refresh").map_err(LedgerError::Refused)?;
            let mut demo = p.clone();
            let url = fake.url();
            for (k, v) in [
                ("account_id", "1".to_string()),
                ("client_id", "demo".to_string()),
                ("api_url", url.clone()),
                ("token_url", format!("{url}/auth/oauth/token")),
                ("client_secret_file", secret_file.display().to_string()),
            ] {
                demo.source.settings.insert(k.into(), v);
            }
            let r = std::thread::scope(|scope| {
                scope
                    .spawn(|| ask_lightspeed(&demo, &plan.config.dossier.calendar, &tokens))
                    .join()
                    .unwrap_or_else(|_| stopped())
            });
            drop(fake);
            r
        }
        "mplus" => {
            let fake = runtime
                .block_on(crate::pos::fake::mplus::FakeMplus::start(calendar, "demo", &secret))
                .map_err(io)?;
            fake.load(docs);
            let url = fake.url();
            let r = std::thread::scope(|scope| {
                scope
                    .spawn(|| ask_mplus_at(plan, p, &url, "demo", &secret, Duration::from_secs(60)))
                    .join()
                    .unwrap_or_else(|_| stopped())
            });
            drop(fake);
            r
        }
        other => Err(LedgerError::Refused(crate::text!(
            "syn-source-unknown-demo-protocol",
            name = format!("{:?}", s.name),
            other = format!("{:?}", other)
        ))
        .into()),
    };
    result
}
