//! The sections of the config read into typed values: the whole file, the dossier, the store,
//! its currency and dated rates, and notifications.

use super::*;

pub(super) fn read_config(r: &mut Reader, root: &Spanned<Table>) -> Located {
    let root_span = root.span();
    let root = root.get_ref();
    r.unknown_keys(
        root,
        &[
            "dossier",
            "vat_category",
            "payment_method",
            "source",
            "daybook",
            "cash_journal",
            "notify",
            "store",
        ],
        "config",
    );
    let mut spans = Spans::default();

    let dossier = match root.get("dossier") {
        Some(v) => match v.get_ref() {
            DeValue::Table(t) => read_dossier(r, t, v.span()),
            _ => {
                r.error(v.span(), "dossier", crate::text!("cfg-expected-dossier-table"));
                default_dossier()
            }
        },
        None => {
            r.error(
                root_span.start..root_span.start,
                "dossier",
                crate::text!("cfg-missing-dossier-section"),
            );
            default_dossier()
        }
    };

    let mut categories = Vec::new();
    for (i, (t, span)) in r.tables(root, "vat_category").into_iter().enumerate() {
        let path = format!("vat_category[{i}]");
        r.unknown_keys(t, &["code", "name", "rate", "rates", "account"], &path);
        let code = r.required(t, "code", &path, &span);
        let name = r
            .string(t, "name", &path)
            .map(|(s, _)| s)
            .unwrap_or_else(|| code.clone());
        let rate = match r.string(t, "rate", &path) {
            Some((s, sp)) => r.rate(&s, sp, format!("{path}.rate")),
            None => {
                if t.get("rate").is_none() {
                    r.error(
                        span.clone(),
                        format!("{path}.rate"),
                        crate::text!("cfg-missing-required-field"),
                    );
                }
                Rate::NotApplicable
            }
        };
        let dated_rates = read_dated_rates(r, t, &path);
        let account = r.required(t, "account", &path, &span);
        spans.category.push(span);
        categories.push(VatCategory {
            code,
            name,
            rate,
            dated_rates,
            account,
        });
    }

    let mut methods = Vec::new();
    for (i, (t, span)) in r.tables(root, "payment_method").into_iter().enumerate() {
        let path = format!("payment_method[{i}]");
        r.unknown_keys(
            t,
            &["code", "name", "account", "cash", "multiple", "rounding", "voucher"],
            &path,
        );
        let code = r.required(t, "code", &path, &span);
        let name = r
            .string(t, "name", &path)
            .map(|(s, _)| s)
            .unwrap_or_else(|| code.clone());
        let account = r.required(t, "account", &path, &span);
        let cash = r.boolean(t, "cash", &path, false);
        let multiple = r.boolean(t, "multiple", &path, false);
        let rounding = r.boolean(t, "rounding", &path, false);
        let voucher = r.boolean(t, "voucher", &path, false);
        if cash && rounding {
            r.error(
                span.clone(),
                path.clone(),
                crate::text!("cfg-rounding-method-never-cash"),
            );
        }
        spans.method.push(span);
        methods.push(PaymentMethod {
            code,
            name,
            account,
            cash,
            multiple,
            rounding,
            voucher,
        });
    }

    let mut sources = Vec::new();
    for (i, (t, span)) in r.tables(root, "source").into_iter().enumerate() {
        let path = format!("source[{i}]");
        sources.push(read_source(r, t, &span, &path));
        spans.source.push(span);
    }

    let mut daybooks = Vec::new();
    for (i, (t, span)) in r.tables(root, "daybook").into_iter().enumerate() {
        let path = format!("daybook[{i}]");
        let (book, s) = read_daybook(r, t, span, &path);
        daybooks.push(book);
        spans.daybook.push(s);
    }

    let mut journals = Vec::new();
    for (i, (t, span)) in r.tables(root, "cash_journal").into_iter().enumerate() {
        let path = format!("cash_journal[{i}]");
        let (j, s) = read_journal(r, t, span, &path, &dossier.currency);
        journals.push(j);
        spans.journal.push(s);
    }

    let language = match root.get("dossier").map(|v| v.get_ref()) {
        Some(DeValue::Table(t)) => match r.string(t, "language", "dossier") {
            Some((l, _)) if crate::domain::text::LANGUAGES.contains(&l.as_str()) => Some(l),
            Some((l, sp)) => {
                r.error(
                    sp,
                    "dossier.language",
                    crate::text!(
                        "cfg-not-one",
                        l = format!("{:?}", l),
                        languages = crate::domain::text::LANGUAGES.join(", ")
                    ),
                );
                None
            }
            None => None,
        },
        _ => None,
    };
    let mut notify = Vec::new();
    for (i, (t, span)) in r.tables(root, "notify").into_iter().enumerate() {
        if let Some(n) = read_notify(r, t, span, &format!("notify[{i}]")) {
            notify.push(n);
        }
    }

    let store = match root.get("store") {
        Some(v) => match v.get_ref() {
            DeValue::Table(t) => read_store(r, t, v.span()),
            _ => {
                r.error(v.span(), "store", crate::text!("cfg-expected-store-table"));
                None
            }
        },
        None => None,
    };

    Located {
        config: Config {
            dossier,
            categories,
            methods,
            sources,
            daybooks,
            journals,
            language,
            notify,
            store,
            kept: None,
        },
        spans,
    }
}

/// `[store]`: a PostgreSQL URL without a password (it comes from `PGPASSWORD` or
/// `~/.pgpass`) and an optional schema name.
pub(super) fn read_store(r: &mut Reader, t: &Table, span: Range<usize>) -> Option<StoreSpec> {
    let path = "store";
    r.unknown_keys(t, &["url", "schema"], path);
    let url = r.required(t, "url", path, &span);
    let url_span = t.get("url").map(|v| v.span()).unwrap_or(span.clone());
    let mut ok = !url.is_empty();
    if ok && !(url.starts_with("postgresql://") || url.starts_with("postgres://")) {
        r.error(url_span.clone(), "store.url", crate::text!("pg-not-a-url"));
        ok = false;
    }
    if ok {
        match url::Url::parse(&url) {
            Err(e) => {
                r.error(
                    url_span.clone(),
                    "store.url",
                    crate::text!("pg-bad-url", reason = e.to_string()),
                );
                ok = false;
            }
            Ok(u) if u.password().is_some() || u.query_pairs().any(|(k, _)| k == "password") => {
                r.error(
                    url_span.clone(),
                    "store.url",
                    crate::text!("cfg-store-password-in-file"),
                );
                ok = false;
            }
            Ok(_) => {}
        }
    }
    let schema = r.string(t, "schema", path).and_then(|(s, sp)| {
        if valid_schema(&s) {
            Some(s)
        } else {
            r.error(
                sp,
                "store.schema",
                crate::text!("pg-bad-schema", schema = format!("{s:?}")),
            );
            None
        }
    });
    ok.then_some(StoreSpec { url, schema })
}

pub(super) fn default_dossier() -> Dossier {
    Dossier {
        name: String::new(),
        calendar: BusinessCalendar::default(),
        currency: "EUR".into(),
        country: "BE".into(),
        vat_number: String::new(),
        vat_account: "451000".into(),
        receivable_account: "400000".into(),
    }
}

pub(super) fn read_dossier(r: &mut Reader, t: &Table, span: Range<usize>) -> Dossier {
    let path = "dossier";
    r.unknown_keys(
        t,
        &[
            "name",
            "timezone",
            "currency",
            "business_day_cutoff",
            "country",
            "vat_number",
            "vat_account",
            "receivable_account",
            "language",
        ],
        path,
    );
    let name = r.required(t, "name", path, &span);
    let mut calendar = BusinessCalendar::default();
    if let Some((tz, sp)) = r.string(t, "timezone", path) {
        match tz.parse::<chrono_tz::Tz>() {
            Ok(z) => calendar.timezone = z,
            Err(_) => r.error(
                sp,
                "dossier.timezone",
                crate::text!("cfg-unknown-timezone", tz = format!("{:?}", tz)),
            ),
        }
    }
    if let Some((c, sp)) = r.string(t, "business_day_cutoff", path) {
        match NaiveTime::parse_from_str(&c, "%H:%M") {
            Ok(time) => calendar.cutoff = time,
            Err(_) => r.error(
                sp,
                "dossier.business_day_cutoff",
                crate::text!("cfg-not-time-04-00", c = format!("{:?}", c)),
            ),
        }
    }
    let currency = read_currency(r, t, path).unwrap_or_else(|| "EUR".into());
    let country = match r.string(t, "country", path) {
        Some((c, _)) if c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()) => c,
        Some((c, sp)) => {
            r.error(
                sp,
                "dossier.country",
                crate::text!("cfg-not-iso-3166-code", c = format!("{:?}", c)),
            );
            "BE".into()
        }
        None => "BE".into(),
    };
    let mut text = |key: &str, default: &str| r.string(t, key, path).map(|(s, _)| s).unwrap_or_else(|| default.into());
    let vat_number = text("vat_number", "");
    let vat_account = text("vat_account", "451000");
    let receivable_account = text("receivable_account", "400000");
    Dossier {
        name,
        calendar,
        currency,
        country,
        vat_number,
        vat_account,
        receivable_account,
    }
}

pub(super) fn read_currency(r: &mut Reader, t: &Table, path: &str) -> Option<String> {
    let (c, sp) = r.string(t, "currency", path)?;
    if c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()) {
        Some(c)
    } else {
        r.error(
            sp,
            format!("{path}.currency"),
            crate::text!("cfg-not-iso-4217-code", c = format!("{:?}", c)),
        );
        None
    }
}

pub(super) fn read_dated_rates(r: &mut Reader, t: &Table, path: &str) -> Vec<(NaiveDate, Rate)> {
    let Some(v) = t.get("rates") else { return Vec::new() };
    let DeValue::Array(a) = v.get_ref() else {
        r.error(v.span(), format!("{path}.rates"), crate::text!("cfg-expected-list"));
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, item) in a.iter().enumerate() {
        let p = format!("{path}.rates[{i}]");
        let DeValue::Table(rt) = item.get_ref() else {
            r.error(item.span(), p, crate::text!("cfg-expected"));
            continue;
        };
        r.unknown_keys(rt, &["from", "rate"], &p);
        let from = r.date(rt, "from", &p);
        let rate = r
            .string(rt, "rate", &p)
            .map(|(s, sp)| r.rate(&s, sp, format!("{p}.rate")));
        match (from, rate) {
            (Some(f), Some(rate)) => out.push((f, rate)),
            _ => r.error(item.span(), p, crate::text!("cfg-needs-both-from-and")),
        }
    }
    out
}

pub(super) fn read_notify(r: &mut Reader, t: &Table, span: Range<usize>, path: &str) -> Option<Notify> {
    r.unknown_keys(
        t,
        &[
            "channel",
            "to",
            "from",
            "smtp",
            "tls",
            "user",
            "password_env",
            "url",
            "secret_env",
            "what",
            "stale_after",
            "failures",
        ],
        path,
    );
    let what_field = format!("{path}.what");
    let what: BTreeSet<Report> = match r.string_list(t, "what", path) {
        None => {
            r.error(span.clone(), what_field, crate::text!("cfg-missing-what-send-import"));
            return None;
        }
        Some(list) => {
            let mut out = BTreeSet::new();
            for w in list {
                match w.as_str() {
                    "import" => out.insert(Report::Import),
                    "turnover" => out.insert(Report::Turnover),
                    "alerts" => out.insert(Report::Alerts),
                    other => {
                        let sp = t.get("what").map(|v| v.span()).unwrap_or(span.clone());
                        r.error(
                            sp,
                            what_field.clone(),
                            crate::text!("cfg-not-import-turnover-or", other = format!("{:?}", other)),
                        );
                        false
                    }
                };
            }
            out
        }
    };
    let stale_after_secs = match r.string(t, "stale_after", path) {
        None => 6 * 3600,
        Some((d, sp)) => parse_interval(&d).unwrap_or_else(|| {
            r.error(
                sp,
                format!("{path}.stale_after"),
                crate::text!("cfg-not-duration-30m-6h", d = format!("{:?}", d)),
            );
            0
        }),
    };
    let failures = match t.get("failures").map(|v| (v.get_ref(), v.span())) {
        None => 3,
        Some((DeValue::Integer(i), sp)) => match i.as_str().parse::<u32>() {
            Ok(n) if n >= 1 => n,
            _ => {
                r.error(
                    sp,
                    format!("{path}.failures"),
                    crate::text!("cfg-expected-whole-number-runs"),
                );
                3
            }
        },
        Some((_, sp)) => {
            r.error(
                sp,
                format!("{path}.failures"),
                crate::text!("cfg-expected-whole-number-runs"),
            );
            3
        }
    };
    for secret in ["password", "secret"] {
        if t.get(secret).is_some() {
            let sp = t.get(secret).map(|v| v.span()).unwrap_or(span.clone());
            r.error(
                sp,
                format!("{path}.{secret}"),
                crate::text!("cfg-secret-never-goes-config"),
            );
        }
    }
    let channel = match r.string(t, "channel", path) {
        Some((c, _)) if c == "email" => {
            let addresses = |r: &mut Reader, key: &str, list: Vec<(String, Range<usize>)>| {
                for (a, sp) in &list {
                    if !valid_address(a) {
                        r.error(
                            sp.clone(),
                            format!("{path}.{key}"),
                            crate::text!("cfg-not-mail-address", a = format!("{:?}", a)),
                        );
                    }
                }
                list.into_iter().map(|(a, _)| a).collect::<Vec<_>>()
            };
            let to_span = t.get("to").map(|v| v.span()).unwrap_or(span.clone());
            let to_list = r.string_list(t, "to", path).unwrap_or_default();
            if to_list.is_empty() {
                r.error(
                    to_span.clone(),
                    format!("{path}.to"),
                    crate::text!("cfg-missing-who-receives-boekhouding"),
                );
            }
            let to = addresses(r, "to", to_list.into_iter().map(|a| (a, to_span.clone())).collect());
            let from = match r.string(t, "from", path) {
                Some((f, sp)) => addresses(r, "from", vec![(f, sp)]).remove(0),
                None => {
                    r.error(
                        span.clone(),
                        format!("{path}.from"),
                        crate::text!("cfg-missing-sender-s-address"),
                    );
                    String::new()
                }
            };
            let (host, port) = match r.string(t, "smtp", path) {
                Some((hp, sp)) => match hp.rsplit_once(':').map(|(h, p)| (h.to_string(), p.parse::<u16>())) {
                    Some((h, Ok(p))) if !h.is_empty() && p > 0 => (h, p),
                    _ => {
                        r.error(
                            sp,
                            format!("{path}.smtp"),
                            crate::text!("cfg-not-server-smtp-example", hp = format!("{:?}", hp)),
                        );
                        (String::new(), 0)
                    }
                },
                None => {
                    r.error(
                        span.clone(),
                        format!("{path}.smtp"),
                        crate::text!("cfg-missing-smtp-server-smtp"),
                    );
                    (String::new(), 0)
                }
            };
            let tls = match r.string(t, "tls", path) {
                None => SmtpTls::StartTls,
                Some((v, sp)) => match v.as_str() {
                    "starttls" => SmtpTls::StartTls,
                    "tls" => SmtpTls::Tls,
                    "none" if ["127.0.0.1", "localhost", "::1", "[::1]"].contains(&host.as_str()) => SmtpTls::None,
                    "none" => {
                        r.error(sp, format!("{path}.tls"), crate::text!("cfg-plain-smtp-only-server"));
                        SmtpTls::None
                    }
                    other => {
                        r.error(
                            sp,
                            format!("{path}.tls"),
                            crate::text!("cfg-not-starttls-tls-or", other = format!("{:?}", other)),
                        );
                        SmtpTls::StartTls
                    }
                },
            };
            Channel::Email {
                to,
                from,
                host,
                port,
                tls,
                user: r.string(t, "user", path).map(|(u, _)| u),
                password_env: r.string(t, "password_env", path).map(|(p, _)| p),
            }
        }
        Some((c, _)) if c == "webhook" => {
            let url = match r.string(t, "url", path) {
                Some((u, sp)) => {
                    if let Err(e) = crate::domain::origin::check_url(&u) {
                        r.error(sp, format!("{path}.url"), e);
                    }
                    u
                }
                None => {
                    r.error(
                        span.clone(),
                        format!("{path}.url"),
                        crate::text!("cfg-missing-https-address-post"),
                    );
                    String::new()
                }
            };
            Channel::Webhook {
                url,
                secret_env: r.string(t, "secret_env", path).map(|(s, _)| s),
            }
        }
        Some((c, sp)) => {
            r.error(
                sp,
                format!("{path}.channel"),
                crate::text!("cfg-not-email-or-webhook", c = format!("{:?}", c)),
            );
            return None;
        }
        None => {
            r.error(
                span,
                format!("{path}.channel"),
                crate::text!("cfg-missing-email-or-webhook"),
            );
            return None;
        }
    };
    Some(Notify {
        channel,
        what,
        stale_after_secs,
        failures,
    })
}

/// A plain address check: one `@`, a dot in the domain, no spaces.
pub(super) fn valid_address(a: &str) -> bool {
    match a.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !domain.contains('@')
                && (domain.contains('.') || domain == "localhost")
                && !a.chars().any(|c| c.is_whitespace() || c == '<' || c == '>' || c == ',')
        }
        None => false,
    }
}
