//! The sections that say where money comes from and goes: sources, day books and cash
//! journals.

use super::*;

pub(super) const SECRET_KEYS: &[&str] = &[
    "secret",
    "password",
    "client_secret",
    "refresh_token",
    "access_token",
    "token",
    "api_key",
];

pub(super) fn read_source(r: &mut Reader, t: &Table, span: &Range<usize>, path: &str) -> Source {
    let name = r.required(t, "name", path, span);
    let kind_text = r.required(t, "kind", path, span);
    let kind = match kind_text.as_str() {
        "mplus" => SourceKind::Mplus,
        "lightspeed" => SourceKind::Lightspeed,
        "file" => SourceKind::File,
        "demo" => SourceKind::Demo,
        "" => SourceKind::File,
        other => {
            let sp = t.get("kind").map(|v| v.span()).unwrap_or(span.clone());
            r.error(
                sp,
                format!("{path}.kind"),
                crate::text!("cfg-unknown-kind-expected-mplus", other = format!("{:?}", other)),
            );
            SourceKind::File
        }
    };
    let (known, required): (&[&str], &[&str]) = match kind {
        SourceKind::Mplus => (
            &["url", "ident", "secret_env", "secret_file", "timeout", "max_body_mb"],
            &["url", "ident"],
        ),
        SourceKind::Lightspeed => (
            &[
                "account_id",
                "client_id",
                "client_secret_env",
                "client_secret_file",
                "refresh_token_env",
                "location",
                "api_url",
                "token_url",
                "auth_url",
                "redirect_uri",
                "timeout",
                "max_body_mb",
            ],
            &["account_id", "client_id"],
        ),
        SourceKind::File => (&["path", "complete"], &[]),
        SourceKind::Demo => (&["protocol", "seed", "path"], &[]),
    };
    let mut settings = BTreeMap::new();
    for (k, v) in t.iter() {
        let key = k.get_ref().as_ref();
        if ["name", "kind", "interval"].contains(&key) {
            continue;
        }
        if SECRET_KEYS.contains(&key) {
            r.error(
                v.span(),
                format!("{path}.{key}"),
                crate::text!("cfg-secret-written-config-file", key = key),
            );
            continue;
        }
        if !known.contains(&key) {
            r.error(
                k.span(),
                format!("{path}.{key}"),
                crate::text!(
                    "cfg-unknown-field-for-source",
                    kind = kind.as_str(),
                    known = known.join(", ")
                ),
            );
            continue;
        }
        if let Some((s, _)) = r.string(t, key, path) {
            settings.insert(key.to_string(), s);
        }
    }
    for key in required {
        if !settings.contains_key(*key) && t.get(*key).is_none() {
            r.error(
                span.clone(),
                format!("{path}.{key}"),
                crate::text!("cfg-missing-required-field-for", kind = kind.as_str()),
            );
        }
    }
    // A source's name becomes a file name (its token) and part of names in a database.
    if !name.is_empty() && (name.starts_with('.') || !name.chars().all(|c| c.is_alphanumeric() || "-_.".contains(c))) {
        let sp = t.get("name").map(|v| v.span()).unwrap_or(span.clone());
        r.error(
            sp,
            format!("{path}.name"),
            crate::text!("cfg-source-name-chars", name = format!("{name:?}")),
        );
    }
    for (key, ok) in [
        (
            "timeout",
            settings
                .get("timeout")
                .is_none_or(|v| parse_interval(v).is_some_and(|s| s > 0)),
        ),
        (
            "max_body_mb",
            settings
                .get("max_body_mb")
                .is_none_or(|v| v.parse::<u64>().is_ok_and(|n| (1..=4096).contains(&n))),
        ),
    ] {
        if !ok {
            let sp = t.get(key).map(|v| v.span()).unwrap_or(span.clone());
            let value = settings.get(key).cloned().unwrap_or_default();
            r.error(
                sp,
                format!("{path}.{key}"),
                crate::text!(
                    if key == "timeout" {
                        "cfg-bad-timeout"
                    } else {
                        "cfg-bad-max-body"
                    },
                    value = format!("{value:?}")
                ),
            );
        }
    }
    if let Some(c) = settings.get("complete") {
        if !["imported", super::LATER_DOCUMENT].contains(&c.as_str()) {
            let sp = t.get("complete").map(|v| v.span()).unwrap_or(span.clone());
            r.error(
                sp,
                format!("{path}.complete"),
                crate::text!("cfg-unknown-complete", value = format!("{c:?}")),
            );
        }
    }
    match kind {
        SourceKind::Mplus if !settings.contains_key("secret_env") && !settings.contains_key("secret_file") => {
            r.error(
                span.clone(),
                format!("{path}.secret_env"),
                crate::text!("cfg-mplus-source-needs-secret"),
            );
        }
        SourceKind::Lightspeed
            if !settings.contains_key("client_secret_env") && !settings.contains_key("client_secret_file") =>
        {
            r.error(
                span.clone(),
                format!("{path}.client_secret_env"),
                crate::text!("cfg-lightspeed-source-needs-client"),
            );
        }
        SourceKind::Demo => {
            if let Some(p) = settings.get("protocol") {
                if p != "mplus" && p != "lightspeed" {
                    let sp = t.get("protocol").map(|v| v.span()).unwrap_or(span.clone());
                    r.error(
                        sp,
                        format!("{path}.protocol"),
                        crate::text!("cfg-expected-mplus-or-lightspeed"),
                    );
                }
            }
        }
        _ => {}
    }
    let interval_secs = match r.string(t, "interval", path) {
        None => 15 * 60,
        Some((s, sp)) => parse_interval(&s).unwrap_or_else(|| {
            r.error(
                sp,
                format!("{path}.interval"),
                crate::text!("cfg-not-duration-15m-1h", s = format!("{:?}", s)),
            );
            15 * 60
        }),
    };
    Source {
        name,
        kind,
        interval_secs,
        settings,
    }
}

pub(super) fn read_mode(r: &mut Reader, t: &Table, key: &str, path: &str) -> Mode {
    match r.string(t, key, path) {
        None => Mode::Proposal,
        Some((s, sp)) => match s.as_str() {
            "immediate" => Mode::Immediate,
            "proposal" => Mode::Proposal,
            _ => {
                r.error(
                    sp,
                    format!("{path}.{key}"),
                    crate::text!("cfg-expected-immediate-or-proposal"),
                );
                Mode::Proposal
            }
        },
    }
}

pub(super) fn read_daybook(r: &mut Reader, t: &Table, span: Range<usize>, path: &str) -> (DayBook, DayBookSpans) {
    r.unknown_keys(
        t,
        &[
            "code",
            "name",
            "source",
            "start",
            "receipts",
            "payments",
            "manual_receipts",
            "invoices_from",
            "sync_payments",
            "overdue_days",
            "branches",
            "ignore_registers",
            "tips",
            "invoice_paid",
            "prepaid",
            "default_revenue_account",
            "auto_create_methods",
            "vat_map",
            "payment_map",
        ],
        path,
    );
    let mut s = DayBookSpans {
        table: span.clone(),
        ..DayBookSpans::default()
    };
    for (k, v) in t.iter() {
        s.fields.insert(k.get_ref().to_string(), v.span());
    }
    let code = r.required(t, "code", path, &span);
    let name = r
        .string(t, "name", path)
        .map(|(n, _)| n)
        .unwrap_or_else(|| code.clone());
    let source = r.required(t, "source", path, &span);
    let start = r.date(t, "start", path);
    if start.is_none() && t.get("start").is_none() {
        r.error(
            span.clone(),
            format!("{path}.start"),
            crate::text!("cfg-missing-required-field"),
        );
    }
    let start = start.unwrap_or(NaiveDate::MIN);
    let invoices_from = r.date(t, "invoices_from", path).unwrap_or(start);
    let receipts = read_mode(r, t, "receipts", path);
    let payments = read_mode(r, t, "payments", path);
    let manual_receipts_blocked = match r.string(t, "manual_receipts", path) {
        None => false,
        Some((m, sp)) => match m.as_str() {
            "allow" => false,
            "block" => true,
            _ => {
                r.error(
                    sp,
                    format!("{path}.manual_receipts"),
                    crate::text!("cfg-expected-allow-or-block"),
                );
                false
            }
        },
    };
    let sync_payments = r.boolean(t, "sync_payments", path, true);
    if !sync_payments && payments == Mode::Immediate {
        let sp = s.fields.get("payments").cloned().unwrap_or(span.clone());
        r.error(
            sp,
            format!("{path}.payments"),
            crate::text!("cfg-with-sync-payments-false"),
        );
    }
    let overdue_days = match t.get("overdue_days") {
        None => 1,
        Some(v) => match v.get_ref() {
            DeValue::Integer(i) => i.as_str().parse::<u32>().unwrap_or_else(|_| {
                r.error(
                    v.span(),
                    format!("{path}.overdue_days"),
                    crate::text!("cfg-expected-number-days-0"),
                );
                1
            }),
            _ => {
                r.error(
                    v.span(),
                    format!("{path}.overdue_days"),
                    crate::text!("cfg-expected-number-days"),
                );
                1
            }
        },
    };
    let branches = match t.get("branches") {
        None => Branches::All,
        Some(v) => match v.get_ref() {
            DeValue::String(b) if b == "all" => Branches::All,
            DeValue::Array(_) => Branches::Only(
                r.string_list(t, "branches", path)
                    .unwrap_or_default()
                    .into_iter()
                    .collect(),
            ),
            _ => {
                r.error(
                    v.span(),
                    format!("{path}.branches"),
                    crate::text!("cfg-expected-all-or-list"),
                );
                Branches::All
            }
        },
    };
    let ignore_registers = r
        .string_list(t, "ignore_registers", path)
        .unwrap_or_default()
        .into_iter()
        .collect();
    let tips = match t.get("tips") {
        None => Tips::SubtractFromCash,
        Some(v) => match v.get_ref() {
            DeValue::String(x) if x == "subtract_from_cash" => Tips::SubtractFromCash,
            DeValue::Table(tt) => {
                let p = format!("{path}.tips");
                r.unknown_keys(tt, &["category"], &p);
                Tips::Category(r.required(tt, "category", &p, &v.span()))
            }
            _ => {
                r.error(
                    v.span(),
                    format!("{path}.tips"),
                    crate::text!("cfg-expected-subtract-from-cash"),
                );
                Tips::SubtractFromCash
            }
        },
    };
    let invoice_paid = r.string(t, "invoice_paid", path).map(|(x, _)| x);
    let prepaid = r.string(t, "prepaid", path).map(|(x, _)| x);
    let default_revenue_account = r.string(t, "default_revenue_account", path).map(|(x, _)| x);
    let auto_create_methods = r.boolean(t, "auto_create_methods", path, false);

    let mut vat_map = BTreeMap::new();
    if let Some(v) = t.get("vat_map") {
        match v.get_ref() {
            DeValue::Table(m) => {
                for (k, val) in m.iter() {
                    let key = k.get_ref().to_string();
                    s.vat_map.insert(key.clone(), val.span());
                    match val.get_ref() {
                        DeValue::String(c) if c == "ignore" => {
                            vat_map.insert(key, CategoryTarget::Ignore);
                        }
                        DeValue::String(c) => {
                            vat_map.insert(key, CategoryTarget::Category(c.to_string()));
                        }
                        _ => r.error(
                            val.span(),
                            format!("{path}.vat_map.{key:?}"),
                            crate::text!("cfg-expected-category-code"),
                        ),
                    }
                }
            }
            _ => r.error(
                v.span(),
                format!("{path}.vat_map"),
                crate::text!("cfg-expected-daybook-vat-map"),
            ),
        }
    }
    let mut payment_map = BTreeMap::new();
    if let Some(v) = t.get("payment_map") {
        match v.get_ref() {
            DeValue::Table(m) => {
                for (k, val) in m.iter() {
                    let key = k.get_ref().to_string();
                    s.payment_map.insert(key.clone(), val.span());
                    let field = format!("{path}.payment_map.{key:?}");
                    match read_method_target(r, val, &field) {
                        Some(target) => {
                            payment_map.insert(key, target);
                        }
                        None => continue,
                    }
                }
            }
            _ => r.error(
                v.span(),
                format!("{path}.payment_map"),
                crate::text!("cfg-expected-daybook-payment-map"),
            ),
        }
    }
    let book = DayBook {
        code,
        name,
        source,
        start,
        receipts,
        payments,
        manual_receipts_blocked,
        invoices_from,
        sync_payments,
        overdue_days,
        branches,
        ignore_registers,
        tips,
        invoice_paid,
        prepaid,
        default_revenue_account,
        auto_create_methods,
        vat_map,
        payment_map,
    };
    (book, s)
}

pub(super) fn read_method_target(r: &mut Reader, val: &Value, field: &str) -> Option<MethodTarget> {
    match val.get_ref() {
        DeValue::String(c) if c == "ignore" => Some(MethodTarget::Ignore),
        DeValue::String(c) => Some(MethodTarget::Method {
            code: c.to_string(),
            ignore_on_invoice: false,
        }),
        DeValue::Table(mt) => {
            r.unknown_keys(mt, &["method", "ignore_on_invoice"], field);
            let code = r.required(mt, "method", field, &val.span());
            let ignore_on_invoice = r.boolean(mt, "ignore_on_invoice", field, false);
            Some(MethodTarget::Method {
                code,
                ignore_on_invoice,
            })
        }
        _ => {
            r.error(
                val.span(),
                field.to_string(),
                crate::text!("cfg-expected-method-code-ignore"),
            );
            None
        }
    }
}

pub(super) fn read_journal(
    r: &mut Reader,
    t: &Table,
    span: Range<usize>,
    path: &str,
    dossier_currency: &str,
) -> (CashJournal, JournalSpans) {
    r.unknown_keys(
        t,
        &[
            "code",
            "daybook",
            "drawers",
            "currency",
            "account",
            "diff_debit_account",
            "diff_credit_account",
            "cash_deposit_account",
            "bank_deposit_account",
            "opening_balance",
        ],
        path,
    );
    let mut s = JournalSpans {
        table: span.clone(),
        ..JournalSpans::default()
    };
    for (k, v) in t.iter() {
        s.fields.insert(k.get_ref().to_string(), v.span());
    }
    let code = r.required(t, "code", path, &span);
    let daybook = r.required(t, "daybook", path, &span);
    let drawers = r.string_list(t, "drawers", path).unwrap_or_else(|| vec!["0".into()]);
    if drawers.is_empty() {
        r.error(
            span.clone(),
            format!("{path}.drawers"),
            crate::text!("cfg-needs-at-least-one"),
        );
    }
    let currency = read_currency(r, t, path).unwrap_or_else(|| dossier_currency.to_string());
    let account = r.required(t, "account", path, &span);
    let diff_debit_account = r.required(t, "diff_debit_account", path, &span);
    let diff_credit_account = r.required(t, "diff_credit_account", path, &span);
    let cash_deposit_account = r.required(t, "cash_deposit_account", path, &span);
    let bank_deposit_account = r.required(t, "bank_deposit_account", path, &span);
    let mut opening = BTreeMap::new();
    match t.get("opening_balance") {
        None => r.error(
            span.clone(),
            format!("{path}.opening_balance"),
            crate::text!("cfg-missing-required-field"),
        ),
        Some(v) => match v.get_ref() {
            DeValue::String(a) => {
                let amount = r.amount(a, v.span(), format!("{path}.opening_balance"));
                if drawers.len() > 1 {
                    r.warning(
                        v.span(),
                        format!("{path}.opening_balance"),
                        crate::text!(
                            "cfg-one-amount-for-drawers",
                            drawers_count = drawers.len(),
                            drawers_first = format!("{:?}", drawers[0])
                        ),
                    );
                }
                for (i, d) in drawers.iter().enumerate() {
                    opening.insert(d.clone(), if i == 0 { amount } else { Decimal::ZERO });
                }
            }
            DeValue::Table(m) => {
                for d in &drawers {
                    opening.insert(d.clone(), Decimal::ZERO);
                }
                for (k, val) in m.iter() {
                    let drawer = k.get_ref().to_string();
                    let field = format!("{path}.opening_balance.{drawer:?}");
                    if !drawers.contains(&drawer) {
                        r.error(
                            k.span(),
                            field.clone(),
                            crate::text!("cfg-drawer-not-drawers", drawer = format!("{:?}", drawer)),
                        );
                    }
                    match val.get_ref() {
                        DeValue::String(a) => {
                            let amount = r.amount(a, val.span(), field);
                            opening.insert(drawer, amount);
                        }
                        _ => r.error(val.span(), field, crate::text!("cfg-expected-amount-200-00")),
                    }
                }
            }
            _ => r.error(
                v.span(),
                format!("{path}.opening_balance"),
                crate::text!("cfg-expected-amount-250-00"),
            ),
        },
    }
    for (d, a) in &opening {
        if a.is_sign_negative() && !a.is_zero() {
            let sp = s.fields.get("opening_balance").cloned().unwrap_or(span.clone());
            r.error(
                sp,
                format!("{path}.opening_balance"),
                crate::text!("cfg-drawer-opens-negative-cash", d = format!("{:?}", d)),
            );
        }
    }
    let journal = CashJournal {
        code,
        daybook,
        drawers,
        currency,
        account,
        diff_debit_account,
        diff_credit_account,
        cash_deposit_account,
        bank_deposit_account,
        opening,
    };
    (journal, s)
}
