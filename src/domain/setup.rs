//! A first config from what the POS shows (`dagkas init`): every VAT group, payment
//! method, branch, register and drawer seen, with counts and amounts; a proposed mapping
//! for each (by rate, by name); the commented `dagkas.toml` that results. Pure: the
//! connectors fetch, the prompts ask, this decides and writes text.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::calendar::BusinessCalendar;
use super::document::Document;
use super::money::fmt;

/// How often a code was seen and for how much.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub count: u64,
    pub amount: Decimal,
    /// For VAT groups: the POS's VAT over the lines that carried it, and their amount.
    pub vat: Decimal,
    pub vat_base: Decimal,
}

impl Tally {
    fn add(&mut self, amount: Decimal) {
        self.count += 1;
        self.amount += amount;
    }
}

/// What the POS showed over the days read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seen {
    pub vat: BTreeMap<String, Tally>,
    pub methods: BTreeMap<String, Tally>,
    pub branches: BTreeMap<String, Tally>,
    pub registers: BTreeMap<String, Tally>,
    pub drawers: BTreeSet<String>,
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
    pub documents: u64,
    pub invoices: u64,
    pub invoice_payments: u64,
    pub prepayments: u64,
    pub tips: Decimal,
}

/// Count what the documents use.
pub fn tally(docs: &[Document], cal: &BusinessCalendar) -> Seen {
    let mut seen = Seen::default();
    for d in docs {
        seen.documents += 1;
        if let Some(date) = d.business_date(cal) {
            seen.first = Some(seen.first.map_or(date, |f| f.min(date)));
            seen.last = Some(seen.last.map_or(date, |l| l.max(date)));
        }
        match d {
            Document::Ticket(t) => {
                let total: Decimal = t.lines.iter().map(|l| l.amount).sum();
                seen.branches.entry(t.branch.to_string()).or_default().add(total);
                seen.registers.entry(t.register.to_string()).or_default().add(total);
                seen.drawers.insert(t.drawer.to_string());
                seen.tips += t.tip;
                for l in &t.lines {
                    let v = seen.vat.entry(l.vat.to_string()).or_default();
                    v.add(l.amount);
                    if let Some(vat) = l.vat_amount {
                        v.vat += vat;
                        v.vat_base += l.amount;
                    }
                }
                for p in &t.payments {
                    seen.methods.entry(p.method.to_string()).or_default().add(p.amount);
                }
                if t.prepaid.is_some() {
                    seen.vat.entry("prepaid".into()).or_default();
                }
            }
            Document::OrderPayment(o) => {
                seen.prepayments += 1;
                seen.drawers.insert(o.drawer.to_string());
                for p in &o.payments {
                    seen.methods.entry(p.method.to_string()).or_default().add(p.amount);
                    seen.vat.entry("prepaid".into()).or_default().add(p.amount);
                }
            }
            Document::Invoice(i) => {
                seen.invoices += 1;
                seen.branches.entry(i.branch.to_string()).or_default();
                for l in &i.lines {
                    seen.vat.entry(l.vat.to_string()).or_default().add(l.amount);
                }
            }
            Document::InvoicePayment(p) => {
                seen.invoice_payments += 1;
                seen.drawers.insert(p.drawer.to_string());
                seen.methods.entry(p.method.to_string()).or_default().add(p.amount);
            }
            Document::Cash(c) => {
                seen.drawers.insert(c.drawer.to_string());
            }
            Document::Void(_) => {}
        }
    }
    seen
}

/// A VAT category a proposal can name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub code: &'static str,
    pub name: &'static str,
    pub rate: &'static str,
    pub account: &'static str,
}

/// The categories of a Belgian or Dutch shop (accounts of the Belgian minimum chart; a
/// bookkeeper renumbers them once).
pub const CATEGORIES: &[Category] = &[
    Category {
        code: "V21",
        name: "Omzet 21%",
        rate: "21",
        account: "700021",
    },
    Category {
        code: "V12",
        name: "Omzet 12%",
        rate: "12",
        account: "700012",
    },
    Category {
        code: "V9",
        name: "Omzet 9%",
        rate: "9",
        account: "700009",
    },
    Category {
        code: "V6",
        name: "Omzet 6%",
        rate: "6",
        account: "700006",
    },
    Category {
        code: "V0",
        name: "Omzet 0%",
        rate: "0",
        account: "700000",
    },
    Category {
        code: "BON",
        name: "Cadeaubonnen",
        rate: "NA",
        account: "499100",
    },
    Category {
        code: "VOORUIT",
        name: "Vooruitbetalingen",
        rate: "NA",
        account: "499200",
    },
    Category {
        code: "FOOI",
        name: "Fooien",
        rate: "NA",
        account: "455000",
    },
];

/// The rate a VAT group stands for: from its key (Lightspeed: `21`, `21/Alcohol`), else
/// from the POS's own VAT amounts (MplusKASSA), rounded to a rate in use in BE/NL.
pub fn rate_of(code: &str, t: &Tally) -> Option<&'static str> {
    const RATES: [&str; 5] = ["21", "12", "9", "6", "0"];
    // The POS's own VAT amounts are the better witness (MplusKASSA codes are not rates).
    let excl = t.vat_base - t.vat;
    if !t.vat_base.is_zero() && !excl.is_zero() {
        let pct = t.vat / excl * Decimal::ONE_HUNDRED;
        return RATES
            .iter()
            .find(|r| (r.parse::<Decimal>().expect("a rate") - pct).abs() < Decimal::new(5, 1))
            .copied();
    }
    let head = code.split('/').next().unwrap_or(code).trim();
    RATES.iter().find(|r| **r == head).copied()
}

/// The proposed category of a VAT group; `None`: the rate cannot be known, a person maps it.
pub fn propose_vat(code: &str, t: &Tally) -> Option<&'static Category> {
    let by_code = |c: &str| CATEGORIES.iter().find(|k| k.code == c);
    match code {
        "giftcard" => by_code("BON"),
        "prepaid" => by_code("VOORUIT"),
        _ => rate_of(code, t).and_then(|r| CATEGORIES.iter().find(|k| k.rate == r)),
    }
}

pub use super::payment_names::MethodKind;
use super::payment_names::{by_code, known, Known};

/// A person's answer for a VAT group: a category's code, a rate (`21`, `6%`) naming the
/// category of that rate, or `ignore`; `None` for anything else.
pub fn category_answer(answer: &str) -> Option<&'static str> {
    let a = answer.trim();
    if a == "ignore" {
        return Some("ignore");
    }
    let rate = a.trim_end_matches('%').trim();
    CATEGORIES
        .iter()
        .find(|c| c.code == a || (c.rate != "NA" && c.rate == rate))
        .map(|c| c.code)
}

/// What a POS's payment method is, by its name or id (`payment_names.toml`).
pub fn method_kind(name: &str) -> MethodKind {
    known(name).map_or(MethodKind::Other, |k| k.kind)
}

/// A payment method of the config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Method {
    pub code: String,
    pub name: String,
    pub account: String,
    pub flags: &'static str,
    pub kind: MethodKind,
}

fn method_of(k: &Known) -> Option<Method> {
    let flags = match k.kind {
        MethodKind::OnInvoice => return None,
        MethodKind::Cash => "cash = true",
        MethodKind::Voucher => "voucher = true",
        MethodKind::Rounding => "rounding = true",
        _ => "",
    };
    Some(Method {
        code: k.code.clone(),
        name: k.name.clone(),
        account: k.account.clone(),
        flags,
        kind: k.kind,
    })
}

/// The method a POS's method name proposes; `None` for a method the book ignores
/// (paid on invoice, R13). A name nobody listed becomes a method of its own, to check.
pub fn propose_method(pos_name: &str) -> Option<Method> {
    match known(pos_name) {
        Some(k) => method_of(k),
        None => Some(Method {
            code: method_code(pos_name),
            name: pos_name.to_string(),
            account: OTHER_ACCOUNT.into(),
            flags: "",
            kind: MethodKind::Other,
        }),
    }
}

/// The method a config code names when the table has it (`--map method:EFT=MAESTRO`).
pub fn method_by_code(code: &str) -> Option<Method> {
    by_code(code).and_then(method_of)
}

/// The account of a method dagkas did not recognise, for a person to check.
pub const OTHER_ACCOUNT: &str = "580900";

/// A config code for a POS name: letters and digits, upper case, at most 12.
pub fn method_code(name: &str) -> String {
    let code: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .take(12)
        .collect();
    if code.is_empty() {
        "OTHER".into()
    } else {
        code
    }
}

/// Registers a web shop uses: their sales are booked by the web shop's own coupling.
pub fn looks_online(register: &str) -> bool {
    let r = register.to_lowercase();
    ["ecom", "e-com", "webshop", "web shop", "online"]
        .iter()
        .any(|w| r.contains(w))
}

/// The source part of a config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceSetup {
    Mplus {
        url: String,
        ident: String,
        secret_env: String,
    },
    Lightspeed {
        account_id: String,
        client_id: String,
        client_secret_env: String,
        refresh_token_env: Option<String>,
        api_url: String,
        token_url: String,
    },
    File {
        path: String,
    },
}

impl SourceSetup {
    pub fn kind(&self) -> &'static str {
        match self {
            SourceSetup::Mplus { .. } => "mplus",
            SourceSetup::Lightspeed { .. } => "lightspeed",
            SourceSetup::File { .. } => "file",
        }
    }
}

/// Every answer of `dagkas init`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setup {
    pub dossier: String,
    pub timezone: String,
    pub source: SourceSetup,
    pub start: NaiveDate,
    /// POS VAT group → category code or `ignore`; a group absent is left to a person.
    pub vat_map: BTreeMap<String, String>,
    /// POS method → method code or `ignore`.
    pub payment_map: BTreeMap<String, String>,
    pub methods: Vec<Method>,
    pub ignore_registers: Vec<String>,
    pub drawers: Vec<String>,
    pub opening_balance: Decimal,
}

/// The proposal before a person changes it.
pub fn propose(seen: &Seen) -> (BTreeMap<String, String>, BTreeMap<String, String>, Vec<Method>) {
    let mut vat_map = BTreeMap::new();
    for (code, t) in &seen.vat {
        if let Some(c) = propose_vat(code, t) {
            vat_map.insert(code.clone(), c.code.to_string());
        }
    }
    let mut payment_map = BTreeMap::new();
    let mut methods: Vec<Method> = Vec::new();
    for name in seen.methods.keys() {
        match propose_method(name) {
            None => {
                payment_map.insert(name.clone(), "ignore".to_string());
            }
            Some(m) => {
                payment_map.insert(name.clone(), m.code.clone());
                if !methods.iter().any(|x| x.code == m.code) {
                    methods.push(m);
                }
            }
        }
    }
    (vat_map, payment_map, methods)
}

/// R14 books a converted prepayment on the `prepaid` method: it must exist when the
/// prepaid category is used.
pub fn with_prepaid_method(vat_map: &BTreeMap<String, String>, methods: &mut Vec<Method>) {
    if vat_map.values().any(|c| c == "VOORUIT") && !methods.iter().any(|m| m.code == "VOORUIT") {
        methods.extend(method_by_code("VOORUIT"));
    }
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The commented `dagkas.toml` of a setup, with what was seen beside each mapping.
pub fn render(setup: &Setup, seen: &Seen, read_from: &str) -> String {
    let mut out = String::new();
    let mut w = |line: &str| {
        out.push_str(line);
        out.push('\n');
    };
    w("# dagkas.toml, written by `dagkas init`.");
    w(&format!("# Proposed from {read_from}: {} documents", seen.documents));
    if let (Some(f), Some(l)) = (seen.first, seen.last) {
        w(&format!("# of the business days {f} … {l}."));
    }
    w("# Check the accounts against your chart; `dagkas config validate` checks the rest.");
    w("");
    w("[dossier]");
    w(&format!("name = {}", toml_str(&setup.dossier)));
    w(&format!("timezone = {}", toml_str(&setup.timezone)));
    w("currency = \"EUR\"");
    w("business_day_cutoff = \"04:00\"   # a ticket before 04:00 belongs to the day before");
    w("");
    let used: BTreeSet<&str> = setup
        .vat_map
        .values()
        .map(String::as_str)
        .chain(setup.methods.iter().filter(|m| m.code == "VOORUIT").map(|_| "VOORUIT"))
        .collect();
    for c in CATEGORIES.iter().filter(|c| used.contains(c.code)) {
        w("[[vat_category]]");
        w(&format!("code = \"{}\"", c.code));
        w(&format!("name = \"{}\"", c.name));
        w(&format!("rate = \"{}\"", c.rate));
        w(&format!("account = \"{}\"", c.account));
        w("");
    }
    for m in &setup.methods {
        w("[[payment_method]]");
        w(&format!("code = {}", toml_str(&m.code)));
        w(&format!("name = {}", toml_str(&m.name)));
        let check = match m.kind {
            MethodKind::Other => "   # a method dagkas did not recognise: check the account",
            MethodKind::Receivable => "   # its issuer pays: open until the issuer's payment",
            MethodKind::Card => "   # its provider settles: match it with the provider's payout",
            _ => "",
        };
        w(&format!("account = \"{}\"{check}", m.account));
        if !m.flags.is_empty() {
            w(m.flags);
        }
        w("");
    }
    if seen.invoices > 0 || seen.invoice_payments > 0 {
        w("[[payment_method]]");
        w("code = \"FACT\"");
        w("name = \"Factuur betaald\"");
        w("account = \"400000\"");
        w("multiple = true");
        w("");
    }
    w("[[source]]");
    w("name = \"kassa\"");
    w(&format!("kind = \"{}\"", setup.source.kind()));
    match &setup.source {
        SourceSetup::Mplus { url, ident, secret_env } => {
            w(&format!("url = {}", toml_str(url)));
            w(&format!("ident = {}", toml_str(ident)));
            w(&format!(
                "secret_env = {}   # the secret stays in the environment",
                toml_str(secret_env)
            ));
        }
        SourceSetup::Lightspeed {
            account_id,
            client_id,
            client_secret_env,
            refresh_token_env,
            api_url,
            token_url,
        } => {
            w(&format!("account_id = {}", toml_str(account_id)));
            w(&format!("client_id = {}", toml_str(client_id)));
            w(&format!("client_secret_env = {}", toml_str(client_secret_env)));
            if let Some(r) = refresh_token_env {
                w(&format!("refresh_token_env = {}", toml_str(r)));
            }
            w(&format!("api_url = {}", toml_str(api_url)));
            w(&format!("token_url = {}", toml_str(token_url)));
        }
        SourceSetup::File { path } => w(&format!("path = {}", toml_str(path))),
    }
    w("interval = \"15m\"");
    w("");
    w("[[daybook]]");
    w("code = \"DO1\"");
    w(&format!(
        "name = {}",
        toml_str(&format!("Dagontvangsten {}", setup.dossier))
    ));
    w("source = \"kassa\"");
    w(&format!("start = \"{}\"", setup.start));
    w("receipts = \"proposal\"        # a person confirms each day (or \"immediate\")");
    w("payments = \"proposal\"");
    let branches: Vec<String> = seen
        .branches
        .iter()
        .map(|(b, t)| {
            format!(
                "{} ({} tickets, {})",
                if b.is_empty() { "-" } else { b },
                t.count,
                fmt(t.amount)
            )
        })
        .collect();
    w(&format!(
        "branches = \"all\"              # seen: {}",
        if branches.is_empty() {
            "none".into()
        } else {
            branches.join(", ")
        }
    ));
    let registers: Vec<String> = seen
        .registers
        .iter()
        .map(|(r, t)| {
            format!(
                "{} ({} tickets, {})",
                if r.is_empty() { "-" } else { r },
                t.count,
                fmt(t.amount)
            )
        })
        .collect();
    w(&format!(
        "# registers seen: {}",
        if registers.is_empty() {
            "none".into()
        } else {
            registers.join(", ")
        }
    ));
    let ignored: Vec<String> = setup.ignore_registers.iter().map(|r| toml_str(r)).collect();
    w(&format!("ignore_registers = [{}]", ignored.join(", ")));
    if seen.tips > Decimal::ZERO {
        w(&format!(
            "tips = \"subtract_from_cash\"   # tips seen: {}",
            fmt(seen.tips)
        ));
    }
    if seen.invoices > 0 || seen.invoice_payments > 0 {
        w("invoice_paid = \"FACT\"");
    }
    if setup.vat_map.values().any(|c| c == "VOORUIT") {
        w("prepaid = \"VOORUIT\"");
    }
    w("[daybook.vat_map]              # POS VAT group = category (\"ignore\" skips it)");
    for (code, t) in &seen.vat {
        let seen_note = format!("{} lines, {}", t.count, fmt(t.amount));
        match setup.vat_map.get(code) {
            Some(target) => w(&format!("{} = \"{target}\"   # {seen_note}", toml_str(code))),
            None => w(&format!(
                "# {} = ?   # {seen_note}: the rate is not known from the POS; map it here or with `m` on the review screen",
                toml_str(code)
            )),
        }
    }
    w("[daybook.payment_map]          # POS method = payment method (\"ignore\" skips the ticket)");
    for (name, t) in &seen.methods {
        let note = format!("{} payments, {}", t.count, fmt(t.amount));
        match setup.payment_map.get(name) {
            Some(target) if target == "ignore" => w(&format!(
                "{} = \"ignore\"   # {note}: paid on invoice, the invoice books it (R13)",
                toml_str(name)
            )),
            // A transfer that pays an invoice is matched from the bank statement (R13).
            Some(target) if method_kind(name) == MethodKind::Transfer => w(&format!(
                "{} = {{ method = \"{target}\", ignore_on_invoice = true }}   # {note}",
                toml_str(name)
            )),
            Some(target) => w(&format!("{} = \"{target}\"   # {note}", toml_str(name))),
            None => w(&format!("# {} = ?   # {note}", toml_str(name))),
        }
    }
    w("");
    w("[[cash_journal]]");
    w("code = \"KAS1\"");
    w("daybook = \"DO1\"");
    let drawers: Vec<String> = setup.drawers.iter().map(|d| toml_str(d)).collect();
    w(&format!("drawers = [{}]", drawers.join(", ")));
    let cash_account = setup
        .methods
        .iter()
        .find(|m| m.flags.contains("cash"))
        .map(|m| m.account.clone())
        .unwrap_or_else(|| "570000".into());
    w(&format!("account = \"{cash_account}\""));
    w("diff_debit_account = \"657100\"    # cash short");
    w("diff_credit_account = \"757100\"   # cash over");
    w("cash_deposit_account = \"580100\"");
    w("bank_deposit_account = \"580200\"");
    if setup.drawers.len() == 1 {
        w(&format!(
            "opening_balance = \"{}\"   # the drawer's cash at the start",
            fmt(setup.opening_balance)
        ));
    } else {
        // One amount per drawer: the first gets the cash counted, the others start empty.
        let per: Vec<String> = setup
            .drawers
            .iter()
            .enumerate()
            .map(|(i, d)| {
                format!(
                    "{} = \"{}\"",
                    toml_str(d),
                    fmt(if i == 0 { setup.opening_balance } else { Decimal::ZERO })
                )
            })
            .collect();
        w(&format!(
            "opening_balance = {{ {} }}   # each drawer's cash at the start",
            per.join(", ")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(vat: &str, base: &str) -> Tally {
        Tally {
            count: 1,
            amount: base.parse().unwrap(),
            vat: vat.parse().unwrap(),
            vat_base: base.parse().unwrap(),
        }
    }

    #[test]
    fn rates_come_from_the_key_or_the_pos_vat() {
        assert_eq!(rate_of("21", &Tally::default()), Some("21"));
        assert_eq!(rate_of("6/Food", &Tally::default()), Some("6"));
        assert_eq!(rate_of("1", &t("21.00", "121.00")), Some("21"));
        assert_eq!(rate_of("2", &t("0.60", "10.60")), Some("6"));
        assert_eq!(rate_of("3", &Tally::default()), None, "a code alone says nothing");
        assert_eq!(
            rate_of("6", &t("21.00", "121.00")),
            Some("21"),
            "the amounts win over the key"
        );
        assert_eq!(propose_vat("giftcard", &Tally::default()).map(|c| c.code), Some("BON"));
    }

    #[test]
    fn a_rate_answers_for_its_category() {
        assert_eq!(category_answer("21"), Some("V21"));
        assert_eq!(category_answer("6 %"), Some("V6"));
        assert_eq!(category_answer("V12"), Some("V12"));
        assert_eq!(category_answer("BON"), Some("BON"));
        assert_eq!(category_answer("ignore"), Some("ignore"));
        assert_eq!(category_answer("NA"), None);
        assert_eq!(category_answer("7"), None);
    }

    #[test]
    fn methods_are_recognised_by_their_names() {
        for (name, kind) in [
            ("CASH", MethodKind::Cash),
            ("Contant", MethodKind::Cash),
            ("EFT", MethodKind::Card),
            ("Bancontact", MethodKind::Card),
            ("K_PINZUIL", MethodKind::Card),
            ("VVV", MethodKind::Voucher),
            ("Gift Card", MethodKind::Voucher),
            ("AFRONDING", MethodKind::Rounding),
            ("OP FACTUUR", MethodKind::OnInvoice),
            ("Credit Account", MethodKind::Prepaid),
            ("OVERSCHRIJVING", MethodKind::Transfer),
            ("Tikkie", MethodKind::Other),
        ] {
            assert_eq!(method_kind(name), kind, "{name}");
        }
        assert_eq!(method_code("Tikkie-QR 2"), "TIKKIEQR2");
    }
}
