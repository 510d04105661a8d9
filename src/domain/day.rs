//! One day of one day book, built from the POS documents of its business date.
//! Everything here is a sum over documents, so the result does not depend on their order.

use std::collections::{BTreeMap, BTreeSet};

use compact_str::CompactString;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::config::{Branches, CategoryTarget, Config, DayBook, MethodTarget, Tips};
use super::document::{CashKind, Document, Moment, Payment};

/// A stored document version that a day was built from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DocRef {
    pub id: CompactString,
    /// The import batch that wrote this version.
    pub version: u64,
}

/// What a cash movement is, named as in the csv export (SPEC §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveKind {
    Sales,
    Refunds,
    Tips,
    CashIn,
    Expense,
    BankDeposit,
    OpenCount,
    CloseCount,
}

impl MoveKind {
    pub fn label(self) -> &'static str {
        match self {
            MoveKind::Sales => "cash sale",
            MoveKind::Refunds => "refund",
            MoveKind::Tips => "tips paid out",
            MoveKind::CashIn => "cash deposit",
            MoveKind::Expense => "expense",
            MoveKind::BankDeposit => "bank deposit",
            MoveKind::OpenCount => "opening count",
            MoveKind::CloseCount => "closing count",
        }
    }

    /// The id of its name among the messages a person reads.
    pub fn message(self) -> &'static str {
        match self {
            MoveKind::Sales => "move-sales",
            MoveKind::Refunds => "move-refunds",
            MoveKind::Tips => "move-tips",
            MoveKind::CashIn => "move-cash-in",
            MoveKind::Expense => "move-expense",
            MoveKind::BankDeposit => "move-bank-deposit",
            MoveKind::OpenCount => "move-open-count",
            MoveKind::CloseCount => "move-close-count",
        }
    }
}

/// One event of the cash book (R19).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CashMove {
    pub journal: CompactString,
    pub drawer: CompactString,
    pub time: Moment,
    pub kind: MoveKind,
    /// A signed change of the balance; for a count, the counted amount.
    #[serde(with = "super::money::as_string")]
    pub amount: Decimal,
    pub document: CompactString,
    /// The counterpart account of an expense.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<CompactString>,
}

/// One instance of a `multiple` method, or a prepaid netting line (R14, R21).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Instance {
    pub method: String,
    /// The invoice or order it belongs to.
    pub reference: String,
    #[serde(with = "super::money::as_string")]
    pub amount: Decimal,
}

/// A problem found while building a day that blocks its confirmation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DayProblem {
    /// R12: a POS code without a mapping, or a setting a document needs.
    Unmapped { what: String, code: String },
    /// R18: a cash payment in a currency without a cash journal.
    CurrencyWithoutJournal { currency: String, document: String },
    /// A cash payment into a drawer no cash journal lists.
    DrawerWithoutJournal {
        drawer: String,
        currency: String,
        document: String,
    },
    /// R16: tips to subtract from cash, but the dossier has no cash method.
    NoCashMethod { document: String },
}

/// The POS side of a day, as the POS reported it (before mapping).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PosView {
    pub vat_groups: BTreeMap<String, Decimal>,
    pub methods: BTreeMap<String, Decimal>,
    /// Turnover per `branch/register`.
    pub registers: BTreeMap<String, Decimal>,
    pub tickets: u32,
}

/// The figures of a day as the documents give them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayFigures {
    /// Turnover incl. VAT per category.
    pub turnover: BTreeMap<String, Decimal>,
    /// VAT per category as the POS computed it, when every line carried it.
    pub pos_vat: BTreeMap<String, Decimal>,
    /// Categories with at least one line without a POS VAT amount.
    pub vat_partial: BTreeSet<String>,
    pub payments: BTreeMap<String, Decimal>,
    pub instances: Vec<Instance>,
    pub cash: Vec<CashMove>,
    /// Amounts under codes that have no mapping, per `vat:CODE` / `method:CODE`.
    pub unmapped_amounts: BTreeMap<String, Decimal>,
    pub problems: BTreeSet<DayProblem>,
    pub pos: PosView,
    /// Documents skipped by R13 (ignored methods, registers, branches, invoice transfers).
    pub skipped: u32,
    pub tips: Decimal,
    pub prepaid_opened: Decimal,
    pub prepaid_consumed: Decimal,
    pub vouchers_sold: Decimal,
    pub vouchers_redeemed: Decimal,
    pub documents: Vec<DocRef>,
}

impl DayFigures {
    pub fn turnover_total(&self) -> Decimal {
        self.turnover.values().sum()
    }
    pub fn payments_total(&self) -> Decimal {
        self.payments.values().sum()
    }
}

/// Totals by name while a day is built: a day has a handful of names, so a short list
/// searched by equality is cheaper than an ordered map searched by comparison. The name is
/// allocated only the first time it is seen.
#[derive(Default)]
struct Totals(Vec<(String, Decimal)>);

impl Totals {
    fn add(&mut self, key: &str, amount: Decimal) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, total)) => *total += amount,
            None => self.0.push((key.to_string(), amount)),
        }
    }

    fn into_map(self) -> BTreeMap<String, Decimal> {
        self.0.into_iter().collect()
    }
}

/// The totals of [`DayFigures`] and its [`PosView`] as they are summed.
#[derive(Default)]
struct Sums {
    turnover: Totals,
    pos_vat: Totals,
    payments: Totals,
    vat_groups: Totals,
    methods: Totals,
    registers: Totals,
}

/// Build a day from the documents of its business date (voids already applied).
pub fn build_day(config: &Config, book: &DayBook, docs: &[(DocRef, Document)]) -> DayFigures {
    let mut b = Builder::new(config, book);
    b.f.documents.reserve(docs.len());
    for (r, doc) in docs {
        b.f.documents.push(r.clone());
        b.add(doc);
    }
    b.finish()
}

struct Builder<'a> {
    config: &'a Config,
    book: &'a DayBook,
    f: DayFigures,
    sums: Sums,
    /// A reusable buffer for composed names.
    scratch: String,
}

/// The mapped form of a document's payments, or the reason to skip it.
enum Mapped<'d> {
    Skip,
    /// Each payment under the dossier's method code.
    Payments(Vec<(&'d str, &'d Payment)>),
}

impl<'a> Builder<'a> {
    fn new(config: &'a Config, book: &'a DayBook) -> Builder<'a> {
        Builder {
            config,
            book,
            f: DayFigures::default(),
            sums: Sums::default(),
            scratch: String::new(),
        }
    }

    fn selected(&self, branch: &str, register: &str) -> bool {
        let branch_ok = match &self.book.branches {
            Branches::All => true,
            Branches::Only(set) => set.contains(branch),
        };
        branch_ok && !self.book.ignore_registers.contains(register)
    }

    fn unmapped(&mut self, what: &str, code: &str, amount: Decimal) {
        self.f.problems.insert(DayProblem::Unmapped {
            what: what.into(),
            code: code.into(),
        });
        *self.f.unmapped_amounts.entry(format!("{what}:{code}")).or_default() += amount;
    }

    /// R12/R13: map payments; `None` in a slot means unmapped (reported by the caller).
    fn map_payments<'d>(&self, payments: &'d [Payment]) -> (Mapped<'d>, Vec<(&'d str, Decimal)>)
    where
        'a: 'd,
    {
        let mut mapped = Vec::with_capacity(payments.len());
        let mut unmapped = Vec::new();
        for p in payments {
            match self.book.payment_map.get(p.method.as_str()) {
                Some(MethodTarget::Ignore) => return (Mapped::Skip, Vec::new()),
                Some(MethodTarget::Method { code, .. }) => mapped.push((code.as_str(), p)),
                None if self.book.auto_create_methods => mapped.push((p.method.as_str(), p)),
                None => unmapped.push((p.method.as_str(), p.amount)),
            }
        }
        (Mapped::Payments(mapped), unmapped)
    }

    fn is_cash(&self, method: &str) -> bool {
        self.config.method(method).is_some_and(|m| m.cash && !m.rounding)
    }

    fn book_payments(&mut self, mapped: &[(&str, &Payment)], reference: &str) {
        for &(code, p) in mapped {
            self.sums.payments.add(code, p.amount);
            if let Some(m) = self.config.method(code) {
                if m.multiple {
                    self.f.instances.push(Instance {
                        method: code.to_string(),
                        reference: reference.to_string(),
                        amount: p.amount,
                    });
                }
                if m.voucher {
                    self.f.vouchers_redeemed += p.amount;
                }
            }
        }
    }

    fn pos_payments(&mut self, payments: &[Payment]) {
        for p in payments {
            self.sums.methods.add(&p.method, p.amount);
        }
    }

    /// R18/R19: the document's net cash per currency goes to the drawer's journal.
    fn book_cash(&mut self, mapped: &[(&str, &Payment)], drawer: &str, time: Moment, document: &str) {
        // Almost always one currency: a short list, no map.
        let mut net: Vec<(&str, Decimal)> = Vec::new();
        for &(code, p) in mapped {
            if !self.is_cash(code) {
                continue;
            }
            let (currency, amount) = match (&p.currency, p.foreign_amount) {
                (Some(c), Some(foreign)) if *c != self.config.dossier.currency => (c.as_str(), foreign),
                _ => (self.config.dossier.currency.as_str(), p.amount),
            };
            match net.iter_mut().find(|(c, _)| *c == currency) {
                Some((_, total)) => *total += amount,
                None => net.push((currency, amount)),
            }
        }
        net.sort_by(|a, b| a.0.cmp(b.0));
        for (currency, amount) in net {
            if amount.is_zero() {
                continue;
            }
            let kind = if amount > Decimal::ZERO {
                MoveKind::Sales
            } else {
                MoveKind::Refunds
            };
            self.cash_move(currency, drawer, time, kind, amount, document, None);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn cash_move(
        &mut self,
        currency: &str,
        drawer: &str,
        time: Moment,
        kind: MoveKind,
        amount: Decimal,
        document: &str,
        account: Option<CompactString>,
    ) {
        let mut journals = self.config.journals_of(&self.book.code).peekable();
        if journals.peek().is_none() {
            // A day book without cash journals keeps no cash book.
            return;
        }
        let mut same_currency = journals.filter(|j| j.currency == currency).peekable();
        if same_currency.peek().is_none() {
            self.f.problems.insert(DayProblem::CurrencyWithoutJournal {
                currency: currency.into(),
                document: document.into(),
            });
            return;
        }
        match same_currency.find(|j| j.drawers.iter().any(|d| d == drawer)) {
            Some(j) => self.f.cash.push(CashMove {
                journal: j.code.as_str().into(),
                drawer: drawer.into(),
                time,
                kind,
                amount,
                document: document.into(),
                account,
            }),
            None => {
                self.f.problems.insert(DayProblem::DrawerWithoutJournal {
                    drawer: drawer.into(),
                    currency: currency.into(),
                    document: document.into(),
                });
            }
        }
    }

    fn prepaid_category(&mut self, amount: Decimal) -> Option<String> {
        match self.book.vat_map.get("prepaid") {
            Some(CategoryTarget::Category(c)) => Some(c.clone()),
            _ => {
                self.unmapped("vat", "prepaid", amount);
                None
            }
        }
    }

    fn add(&mut self, doc: &Document) {
        match doc {
            Document::Ticket(t) => {
                if !self.selected(&t.branch, &t.register) {
                    self.f.skipped += 1;
                    return;
                }
                let mut lines = Vec::new();
                let mut unmapped_lines = Vec::new();
                for l in &t.lines {
                    // Lightspeed writes `21/Class`: a key with the tax class wins, else the rate.
                    let target = self
                        .book
                        .vat_map
                        .get(l.vat.as_str())
                        .or_else(|| l.vat.split_once('/').and_then(|(rate, _)| self.book.vat_map.get(rate)));
                    match target {
                        Some(CategoryTarget::Ignore) => {
                            self.f.skipped += 1;
                            return;
                        }
                        Some(CategoryTarget::Category(c)) => lines.push((c.as_str(), l)),
                        None => unmapped_lines.push(l),
                    }
                }
                let (mapped, unmapped_methods) = self.map_payments(&t.payments);
                let Mapped::Payments(payments) = mapped else {
                    self.f.skipped += 1;
                    return;
                };
                self.f.pos.tickets += 1;
                let ticket_turnover: Decimal = t.lines.iter().map(|l| l.amount).sum();
                self.scratch.clear();
                self.scratch.push_str(&t.branch);
                self.scratch.push('/');
                self.scratch.push_str(&t.register);
                self.sums.registers.add(&self.scratch, ticket_turnover);
                for l in &t.lines {
                    self.sums.vat_groups.add(&l.vat, l.amount);
                    if l.vat == "giftcard" {
                        self.f.vouchers_sold += l.amount;
                    }
                }
                self.pos_payments(&t.payments);
                for l in unmapped_lines {
                    self.unmapped("vat", &l.vat, l.amount);
                }
                for (m, a) in unmapped_methods {
                    self.unmapped("method", m, a);
                }
                for (cat, l) in lines {
                    self.sums.turnover.add(cat, l.amount);
                    match l.vat_amount {
                        Some(v) => self.sums.pos_vat.add(cat, v),
                        None => {
                            if !self.f.vat_partial.contains(cat) {
                                self.f.vat_partial.insert(cat.to_string());
                            }
                        }
                    }
                }
                self.book_payments(&payments, &t.id);
                self.book_cash(&payments, &t.drawer, t.time, &t.id);
                if !t.tip.is_zero() {
                    self.f.tips += t.tip;
                    match &self.book.tips {
                        // R16: the tip is paid out to staff from the drawer; nothing is booked.
                        Tips::SubtractFromCash => {
                            let cash = self.config.methods.iter().find(|m| m.cash && !m.rounding);
                            match cash {
                                Some(m) => {
                                    self.sums.payments.add(&m.code, -t.tip);
                                    let currency = self.config.dossier.currency.clone();
                                    self.cash_move(&currency, &t.drawer, t.time, MoveKind::Tips, -t.tip, &t.id, None);
                                }
                                None => {
                                    self.f.problems.insert(DayProblem::NoCashMethod {
                                        document: t.id.to_string(),
                                    });
                                }
                            }
                        }
                        Tips::Category(c) => {
                            self.sums.turnover.add(c, t.tip);
                            self.f.vat_partial.insert(c.clone());
                        }
                    }
                }
                if let (Some(x), Some(order)) = (t.prepaid, &t.order) {
                    if !x.is_zero() {
                        self.convert_order(order, x);
                    }
                }
            }
            Document::OrderPayment(o) => {
                if !self.selected(&o.branch, &o.register) {
                    self.f.skipped += 1;
                    return;
                }
                let (mapped, unmapped_methods) = self.map_payments(&o.payments);
                let Mapped::Payments(payments) = mapped else {
                    self.f.skipped += 1;
                    return;
                };
                self.pos_payments(&o.payments);
                let total: Decimal = o.payments.iter().map(|p| p.amount).sum();
                self.sums.vat_groups.add("prepaid", total);
                for (m, a) in unmapped_methods {
                    self.unmapped("method", m, a);
                }
                // R14: a prepayment is turnover on the prepaid category (rate NA).
                if let Some(cat) = self.prepaid_category(total) {
                    self.sums.turnover.add(&cat, total);
                }
                self.f.prepaid_opened += total;
                self.book_payments(&payments, &o.order);
                self.book_cash(&payments, &o.drawer, o.time, &o.id);
            }
            Document::InvoicePayment(p) => {
                if !self.selected(&p.branch, &p.register) {
                    self.f.skipped += 1;
                    return;
                }
                let payment = Payment {
                    method: p.method.clone(),
                    amount: p.amount,
                    currency: p.currency.clone(),
                    foreign_amount: p.foreign_amount,
                };
                let code = match self.book.payment_map.get(p.method.as_str()) {
                    Some(MethodTarget::Ignore) => {
                        self.f.skipped += 1;
                        return;
                    }
                    // R13: settled through the bank statement, not booked here.
                    Some(MethodTarget::Method {
                        ignore_on_invoice: true,
                        ..
                    }) => {
                        self.f.skipped += 1;
                        return;
                    }
                    Some(MethodTarget::Method { code, .. }) => Some(code.as_str()),
                    None if self.book.auto_create_methods => Some(p.method.as_str()),
                    None => None,
                };
                self.pos_payments(std::slice::from_ref(&payment));
                let Some(code) = code else {
                    self.unmapped("method", &p.method, p.amount);
                    return;
                };
                // R21: the method +x, `invoice_paid` −x, one instance per invoice.
                let mapped = [(code, &payment)];
                self.book_payments(&mapped, &p.invoice);
                match self.book.invoice_paid.clone() {
                    Some(ip) => {
                        self.sums.payments.add(&ip, -p.amount);
                        self.f.instances.push(Instance {
                            method: ip,
                            reference: p.invoice.to_string(),
                            amount: -p.amount,
                        });
                    }
                    None => self.unmapped("setting", "invoice_paid", -p.amount),
                }
                self.book_cash(&mapped, &p.drawer, p.time, &p.id);
            }
            Document::Cash(c) => {
                let (kind, amount) = match c.kind {
                    CashKind::OpenCount => (MoveKind::OpenCount, c.amount),
                    CashKind::CloseCount => (MoveKind::CloseCount, c.amount),
                    CashKind::CashIn => (MoveKind::CashIn, c.amount),
                    CashKind::Expense => (MoveKind::Expense, -c.amount),
                    CashKind::BankDeposit => (MoveKind::BankDeposit, -c.amount),
                };
                let currency = c
                    .currency
                    .clone()
                    .unwrap_or_else(|| self.config.dossier.currency.as_str().into());
                self.cash_move(&currency, &c.drawer, c.time, kind, amount, &c.id, c.account.clone());
            }
            // Invoices live in the invoice register (R21), voids are applied by the store.
            Document::Invoice(_) | Document::Void(_) => {}
        }
    }

    /// R14: the order becomes a ticket: the prepaid category gets −x, the prepaid method
    /// −x and +x, so both net to zero over the order's life.
    fn convert_order(&mut self, order: &str, x: Decimal) {
        if let Some(cat) = self.prepaid_category(-x) {
            self.sums.turnover.add(&cat, -x);
        }
        self.f.prepaid_consumed += x;
        match self.book.prepaid.clone() {
            Some(m) => {
                self.sums.payments.add(&m, Decimal::ZERO);
                for amount in [x, -x] {
                    self.f.instances.push(Instance {
                        method: m.clone(),
                        reference: order.to_string(),
                        amount,
                    });
                }
            }
            None => {
                self.f.problems.insert(DayProblem::Unmapped {
                    what: "setting".into(),
                    code: "prepaid".into(),
                });
            }
        }
    }

    fn finish(mut self) -> DayFigures {
        let Sums {
            turnover,
            pos_vat,
            payments,
            vat_groups,
            methods,
            registers,
        } = self.sums;
        self.f.turnover = turnover.into_map();
        self.f.pos_vat = pos_vat.into_map();
        self.f.payments = payments.into_map();
        self.f.pos.vat_groups = vat_groups.into_map();
        self.f.pos.methods = methods.into_map();
        self.f.pos.registers = registers.into_map();
        self.f.documents.sort();
        self.f.instances.sort();
        self.f
            .cash
            .sort_by(|a, b| (a.time, &a.document, a.kind).cmp(&(b.time, &b.document, b.kind)));
        self.f
    }
}

/// Small examples per rule, on the commented example config (`tests/data/dagkas.toml`):
/// what one day's documents give, figure by figure.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::document::parse_line;

    fn day(lines: &[&str]) -> DayFigures {
        let (config, _) = crate::domain::config::parse(crate::domain::config::tests::EXAMPLE).expect("the example");
        let book = config.daybook("DO1").expect("DO1").clone();
        let docs: Vec<(DocRef, Document)> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let doc = parse_line(l.as_bytes()).expect("a document");
                (
                    DocRef {
                        id: format!("d{i}").into(),
                        version: 1,
                    },
                    doc,
                )
            })
            .collect();
        build_day(&config, &book, &docs)
    }

    fn d(s: &str) -> Decimal {
        s.parse().expect("an amount")
    }

    fn ticket(id: &str, register: &str, lines: &str, payments: &str) -> String {
        format!(
            r#"{{"type":"ticket","id":"{id}","branch":"1","register":"{register}","time":"2026-03-02T10:00:00+01:00","lines":[{lines}],"payments":[{payments}]}}"#
        )
    }

    #[test]
    fn r1_turnover_per_category_and_payments_per_method() {
        let f = day(&[
            &ticket(
                "T1",
                "1",
                r#"{"vat":"1","amount":"12.10"},{"vat":"2","amount":"10.60"}"#,
                r#"{"method":"CASH","amount":"20.00"},{"method":"EFT","amount":"2.70"}"#,
            ),
            &ticket(
                "T2",
                "1",
                r#"{"vat":"1","amount":"121.00"}"#,
                r#"{"method":"EFT","amount":"121.00"}"#,
            ),
        ]);
        assert_eq!(f.turnover["V21"], d("133.10"));
        assert_eq!(f.turnover["V6"], d("10.60"));
        assert_eq!(f.payments["CASH"], d("20.00"));
        assert_eq!(f.payments["BC"], d("123.70"));
        assert_eq!(f.turnover_total(), f.payments_total());
        assert_eq!(f.pos.tickets, 2);
        assert_eq!(f.pos.methods["EFT"], d("123.70"), "the POS side keeps the POS's names");
    }

    #[test]
    fn r12_an_unmapped_code_is_a_problem_with_its_amount() {
        let f = day(&[&ticket(
            "T1",
            "1",
            r#"{"vat":"9","amount":"5.00"}"#,
            r#"{"method":"TIKKIE","amount":"5.00"}"#,
        )]);
        assert_eq!(f.unmapped_amounts["vat:9"], d("5.00"));
        assert_eq!(f.unmapped_amounts["method:TIKKIE"], d("5.00"));
        assert!(f.problems.contains(&DayProblem::Unmapped {
            what: "vat".into(),
            code: "9".into()
        }));
        assert!(f.turnover.is_empty() && f.payments.is_empty());
    }

    #[test]
    fn r13_a_ticket_paid_on_invoice_or_rung_on_an_ignored_register_is_skipped_whole() {
        let f = day(&[
            &ticket(
                "T1",
                "1",
                r#"{"vat":"1","amount":"50.00"}"#,
                r#"{"method":"OP FACTUUR","amount":"50.00"}"#,
            ),
            &ticket(
                "T2",
                "eCom",
                r#"{"vat":"1","amount":"30.00"}"#,
                r#"{"method":"EFT","amount":"30.00"}"#,
            ),
            &ticket(
                "T3",
                "1",
                r#"{"vat":"2","amount":"10.60"}"#,
                r#"{"method":"CASH","amount":"10.60"}"#,
            ),
        ]);
        assert_eq!(f.skipped, 2);
        assert_eq!(f.turnover_total(), d("10.60"));
        assert_eq!(f.payments_total(), d("10.60"));
    }

    #[test]
    fn r15_vouchers_sold_and_redeemed_are_kept_apart_from_turnover_at_a_rate() {
        let f = day(&[
            &ticket(
                "T1",
                "1",
                r#"{"vat":"giftcard","amount":"25.00"}"#,
                r#"{"method":"CASH","amount":"25.00"}"#,
            ),
            &ticket(
                "T2",
                "1",
                r#"{"vat":"1","amount":"30.25"}"#,
                r#"{"method":"VVV","amount":"25.00"},{"method":"CASH","amount":"5.25"}"#,
            ),
        ]);
        assert_eq!(f.vouchers_sold, d("25.00"));
        assert_eq!(f.vouchers_redeemed, d("25.00"));
        assert_eq!(f.turnover["BON"], d("25.00"));
        assert_eq!(f.turnover["V21"], d("30.25"));
        assert_eq!(f.payments["VVV"], d("25.00"));
    }

    #[test]
    fn r16_a_tip_is_counted_apart_from_turnover() {
        let f = day(&[
            r#"{"type":"ticket","id":"T1","branch":"1","register":"1","time":"2026-03-02T20:00:00+01:00","lines":[{"vat":"1","amount":"30.00"}],"payments":[{"method":"EFT","amount":"32.50"}],"tip":"2.50"}"#,
        ]);
        assert_eq!(f.tips, d("2.50"));
        assert_eq!(f.turnover_total(), d("30.00"));
        assert_eq!(f.payments["BC"], d("32.50"));
    }

    #[test]
    fn a_refund_lowers_the_day() {
        let f = day(&[
            &ticket(
                "T1",
                "1",
                r#"{"vat":"1","amount":"121.00"}"#,
                r#"{"method":"CASH","amount":"121.00"}"#,
            ),
            &ticket(
                "R1",
                "1",
                r#"{"vat":"1","amount":"-21.00"}"#,
                r#"{"method":"CASH","amount":"-21.00"}"#,
            ),
        ]);
        assert_eq!(f.turnover["V21"], d("100.00"));
        assert_eq!(f.payments["CASH"], d("100.00"));
    }
}
