//! The fingerprint of a config: what the books' figures and exports depend on, written
//! field by field in one canonical text and hashed. A field is part of it because it is
//! written here, not because it is in a struct: a new setting that does not change the
//! books (a notification, the language, the store, a source's address) leaves it alone,
//! and so do the order of the file's tables, its comments and how a number is written.
//! The fingerprint keys the cached figures and, when it changes, the audit's
//! `config changed` entry (R22).

use std::fmt::Write;

use super::{Branches, CategoryTarget, Config, MethodTarget, Mode, Rate, Tips};

/// Fingerprints of this form start with it; older ones are hashes of a debug text.
const FORM: &str = "2:";

fn rate(r: &Rate) -> String {
    match r {
        Rate::Percent(p) => p.normalize().to_string(),
        Rate::NotApplicable => "NA".into(),
    }
}

fn mode(m: Mode) -> &'static str {
    match m {
        Mode::Immediate => "immediate",
        Mode::Proposal => "proposal",
    }
}

/// A value written so that no text can pass for another field (quoted, escaped).
fn q(s: &str) -> String {
    format!("{s:?}")
}

impl Config {
    /// The canonical text of everything that shapes the books.
    pub fn canonical(&self) -> String {
        let mut t = String::new();
        let d = &self.dossier;
        let _ = writeln!(
            t,
            "dossier tz={} cutoff={} currency={} country={} vat_number={} vat_account={} receivable={}",
            d.calendar.timezone.name(),
            d.calendar.cutoff.format("%H:%M:%S"),
            q(&d.currency),
            q(&d.country),
            q(&d.vat_number),
            q(&d.vat_account),
            q(&d.receivable_account)
        );
        let mut categories: Vec<_> = self.categories.iter().collect();
        categories.sort_by(|a, b| a.code.cmp(&b.code));
        for c in categories {
            let dated: Vec<String> = c
                .dated_rates
                .iter()
                .map(|(from, r)| format!("{from}:{}", rate(r)))
                .collect();
            let _ = writeln!(
                t,
                "category {} name={} rate={} dated={} account={}",
                q(&c.code),
                q(&c.name),
                rate(&c.rate),
                dated.join(","),
                q(&c.account)
            );
        }
        let mut methods: Vec<_> = self.methods.iter().collect();
        methods.sort_by(|a, b| a.code.cmp(&b.code));
        for m in methods {
            let _ = writeln!(
                t,
                "method {} name={} account={} cash={} multiple={} rounding={} voucher={}",
                q(&m.code),
                q(&m.name),
                q(&m.account),
                m.cash,
                m.multiple,
                m.rounding,
                m.voucher
            );
        }
        let mut books: Vec<_> = self.daybooks.iter().collect();
        books.sort_by(|a, b| a.code.cmp(&b.code));
        for b in books {
            let branches = match &b.branches {
                Branches::All => "all".to_string(),
                Branches::Only(set) => set.iter().map(|s| q(s)).collect::<Vec<_>>().join(","),
            };
            let tips = match &b.tips {
                Tips::SubtractFromCash => "subtract_from_cash".to_string(),
                Tips::Category(c) => q(c),
            };
            let registers: Vec<String> = b.ignore_registers.iter().map(|r| q(r)).collect();
            let _ = writeln!(
                t,
                "daybook {} name={} source={} start={} receipts={} payments={} manual_blocked={} invoices_from={} sync_payments={} overdue_days={} branches={branches} ignore_registers={} tips={tips} invoice_paid={:?} prepaid={:?} default_revenue={:?} auto_create_methods={}",
                q(&b.code),
                q(&b.name),
                q(&b.source),
                b.start,
                mode(b.receipts),
                mode(b.payments),
                b.manual_receipts_blocked,
                b.invoices_from,
                b.sync_payments,
                b.overdue_days,
                registers.join(","),
                b.invoice_paid,
                b.prepaid,
                b.default_revenue_account,
                b.auto_create_methods
            );
            for (code, target) in &b.vat_map {
                let to = match target {
                    CategoryTarget::Category(c) => q(c),
                    CategoryTarget::Ignore => "ignore".into(),
                };
                let _ = writeln!(t, "  vat {} -> {to}", q(code));
            }
            for (code, target) in &b.payment_map {
                let to = match target {
                    MethodTarget::Method {
                        code,
                        ignore_on_invoice,
                    } => format!("{} ignore_on_invoice={ignore_on_invoice}", q(code)),
                    MethodTarget::Ignore => "ignore".into(),
                };
                let _ = writeln!(t, "  payment {} -> {to}", q(code));
            }
        }
        let mut journals: Vec<_> = self.journals.iter().collect();
        journals.sort_by(|a, b| a.code.cmp(&b.code));
        for j in journals {
            let drawers: Vec<String> = j.drawers.iter().map(|d| q(d)).collect();
            let opening: Vec<String> = j
                .opening
                .iter()
                .map(|(d, a)| format!("{}={}", q(d), a.normalize()))
                .collect();
            let _ = writeln!(
                t,
                "journal {} daybook={} drawers={} currency={} account={} diff_debit={} diff_credit={} cash_deposit={} bank_deposit={} opening={}",
                q(&j.code),
                q(&j.daybook),
                drawers.join(","),
                q(&j.currency),
                q(&j.account),
                q(&j.diff_debit_account),
                q(&j.diff_credit_account),
                q(&j.cash_deposit_account),
                q(&j.bank_deposit_account),
                opening.join(",")
            );
        }
        t
    }

    /// A stable fingerprint of everything that shapes the books.
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        format!("{FORM}{:x}", Sha256::digest(self.canonical().as_bytes()))
    }

    /// The fingerprint of the earlier form (a hash of the structs' debug text), kept to
    /// recognise a store's stored one: a dossier opened by this version writes no
    /// `config changed` entry that no person made.
    fn fingerprint_of_debug_text(&self) -> String {
        use sha2::{Digest, Sha256};
        let text = format!(
            "{:?}{:?}{:?}{:?}{:?}",
            self.dossier, self.categories, self.methods, self.daybooks, self.journals
        );
        format!("{:x}", Sha256::digest(text.as_bytes()))
    }

    /// Whether a stored fingerprint, of either form, is this config's.
    pub fn has_fingerprint(&self, stored: &str) -> bool {
        if stored.starts_with(FORM) {
            stored == self.fingerprint()
        } else {
            stored == self.fingerprint_of_debug_text()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::EXAMPLE;
    use super::super::*;

    fn config(text: &str) -> Config {
        parse(text).expect("reads").0
    }

    #[test]
    fn what_does_not_change_the_books_leaves_the_fingerprint_alone() {
        let base = config(EXAMPLE);
        let fp = base.fingerprint();
        assert!(fp.starts_with("2:"));
        // The language, a notification, the store, the dossier's name, a comment, a
        // source's interval: none changes a figure.
        let mut other = base.clone();
        other.language = Some("fr".into());
        other.store = Some(StoreSpec {
            url: "postgresql://x@127.0.0.1/db".into(),
            schema: None,
        });
        other.dossier.name = "Another name".into();
        for s in &mut other.sources {
            s.interval_secs += 60;
        }
        other.notify.clear();
        assert_eq!(other.fingerprint(), fp);
        assert_eq!(config(&format!("# a comment\n{EXAMPLE}")).fingerprint(), fp);
        // The order of the categories in the file is not a rule either.
        let mut reordered = base.clone();
        reordered.categories.reverse();
        reordered.methods.reverse();
        assert_eq!(reordered.fingerprint(), fp);
    }

    #[test]
    fn what_changes_the_books_changes_the_fingerprint() {
        let base = config(EXAMPLE);
        let fp = base.fingerprint();
        let changed = |f: &dyn Fn(&mut Config)| {
            let mut c = base.clone();
            f(&mut c);
            c.fingerprint()
        };
        assert_ne!(changed(&|c| c.categories[0].account.push('9')), fp);
        assert_ne!(changed(&|c| c.methods[0].cash = !c.methods[0].cash), fp);
        assert_ne!(changed(&|c| c.daybooks[0].overdue_days += 1), fp);
        assert_ne!(changed(&|c| c.journals[0].account.push('9')), fp);
        assert_ne!(
            changed(&|c| {
                c.daybooks[0].vat_map.insert("77".into(), CategoryTarget::Ignore);
            }),
            fp
        );
        assert_ne!(changed(&|c| c.dossier.vat_account.push('9')), fp);
    }

    #[test]
    fn a_stored_fingerprint_of_the_earlier_form_is_recognised() {
        let base = config(EXAMPLE);
        assert!(base.has_fingerprint(&base.fingerprint()));
        assert!(base.has_fingerprint(&base.fingerprint_of_debug_text()));
        let mut other = base.clone();
        other.categories[0].account.push('9');
        assert!(!other.has_fingerprint(&base.fingerprint_of_debug_text()));
        assert!(!other.has_fingerprint(&base.fingerprint()));
    }
}
