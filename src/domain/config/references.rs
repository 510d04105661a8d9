//! Checks across sections: codes used twice, maps pointing at unknown codes, drawers and
//! journals, and warnings a bookkeeper should see.

use super::*;

/// Cross-references: duplicates, maps to unknown codes, drawers, cash accounts.
pub(super) fn check_references(r: &mut Reader, located: &Located) {
    let c = &located.config;
    let sp = &located.spans;
    duplicates(
        r,
        c.categories.iter().map(|x| x.code.as_str()),
        &sp.category,
        "vat_category",
        Text::id("cfg-category-code"),
    );
    duplicates(
        r,
        c.methods.iter().map(|x| x.code.as_str()),
        &sp.method,
        "payment_method",
        Text::id("cfg-method-code"),
    );
    duplicates(
        r,
        c.sources.iter().map(|x| x.name.as_str()),
        &sp.source,
        "source",
        Text::id("cfg-source-name"),
    );
    let book_spans: Vec<_> = sp.daybook.iter().map(|s| s.table.clone()).collect();
    duplicates(
        r,
        c.daybooks.iter().map(|x| x.code.as_str()),
        &book_spans,
        "daybook",
        Text::id("cfg-day-book-code"),
    );
    let journal_spans: Vec<_> = sp.journal.iter().map(|s| s.table.clone()).collect();
    duplicates(
        r,
        c.journals.iter().map(|x| x.code.as_str()),
        &journal_spans,
        "cash_journal",
        Text::id("cfg-cash-journal-listed-twice"),
    );

    let categories: BTreeSet<&str> = c.categories.iter().map(|x| x.code.as_str()).collect();
    let methods: BTreeSet<&str> = c.methods.iter().map(|x| x.code.as_str()).collect();

    for (i, (book, s)) in c.daybooks.iter().zip(&sp.daybook).enumerate() {
        let path = format!("daybook[{i}]");
        let field_span = |k: &str| s.fields.get(k).cloned().unwrap_or(s.table.clone());
        if !book.source.is_empty() && c.source(&book.source).is_none() {
            r.error(
                field_span("source"),
                format!("{path}.source"),
                crate::text!("cfg-unknown-source", source = format!("{:?}", book.source)),
            );
        }
        for (key, target) in &book.vat_map {
            if let CategoryTarget::Category(code) = target {
                if !categories.contains(code.as_str()) {
                    r.error(
                        s.vat_map[key].clone(),
                        format!("{path}.vat_map.{key:?}"),
                        crate::text!("cfg-unknown-vat-category", code = format!("{:?}", code)),
                    );
                }
            }
        }
        for (key, target) in &book.payment_map {
            if let MethodTarget::Method { code, .. } = target {
                if !methods.contains(code.as_str()) {
                    r.error(
                        s.payment_map[key].clone(),
                        format!("{path}.payment_map.{key:?}"),
                        crate::text!("cfg-unknown-payment-method", code = format!("{:?}", code)),
                    );
                }
            }
        }
        if let Tips::Category(code) = &book.tips {
            if !categories.contains(code.as_str()) {
                r.error(
                    field_span("tips"),
                    format!("{path}.tips.category"),
                    crate::text!("cfg-unknown-vat-category", code = format!("{:?}", code)),
                );
            }
        }
        for key in ["invoice_paid", "prepaid"] {
            let value = if key == "prepaid" {
                &book.prepaid
            } else {
                &book.invoice_paid
            };
            if let Some(code) = value {
                match c.method(code) {
                    None => r.error(
                        field_span(key),
                        format!("{path}.{key}"),
                        crate::text!("cfg-unknown-payment-method", code = format!("{:?}", code)),
                    ),
                    Some(m) if key == "invoice_paid" && !m.multiple => r.warning(
                        field_span(key),
                        format!("{path}.{key}"),
                        crate::text!("cfg-method-books-one-instance", code = format!("{:?}", code)),
                    ),
                    Some(_) => {}
                }
            }
        }
    }

    let mut drawer_owner: BTreeMap<(String, String, String), String> = BTreeMap::new();
    for (i, (j, s)) in c.journals.iter().zip(&sp.journal).enumerate() {
        let path = format!("cash_journal[{i}]");
        let field_span = |k: &str| s.fields.get(k).cloned().unwrap_or(s.table.clone());
        if !j.daybook.is_empty() && c.daybook(&j.daybook).is_none() {
            r.error(
                field_span("daybook"),
                format!("{path}.daybook"),
                crate::text!("cfg-unknown-day-book", daybook = format!("{:?}", j.daybook)),
            );
        }
        for d in &j.drawers {
            let key = (j.daybook.clone(), j.currency.clone(), d.clone());
            if let Some(other) = drawer_owner.get(&key) {
                r.error(
                    field_span("drawers"),
                    format!("{path}.drawers"),
                    crate::text!(
                        "cfg-drawer-already-cash-journal",
                        d = format!("{:?}", d),
                        other = format!("{:?}", other),
                        currency = j.currency
                    ),
                );
            } else {
                drawer_owner.insert(key, j.code.clone());
            }
        }
        // Mercator's warning: cash is posted once, on the cash journal's account.
        if let Some(book) = c.daybook(&j.daybook).filter(|_| j.currency == c.dossier.currency) {
            let mut seen = BTreeSet::new();
            for target in book.payment_map.values() {
                if let MethodTarget::Method { code, .. } = target {
                    if let Some(m) = c.method(code) {
                        if m.cash && m.account != j.account && seen.insert(code.clone()) {
                            let mi = c.methods.iter().position(|x| x.code == *code).unwrap_or(0);
                            r.warning(
                                sp.method.get(mi).cloned().unwrap_or(s.table.clone()),
                                format!("payment_method[{mi}].account"),
                                crate::text!(
                                    "cfg-cash-method-books-but",
                                    code = format!("{:?}", code),
                                    account = m.account,
                                    code2 = format!("{:?}", j.code),
                                    account2 = j.account
                                ),
                            );
                        }
                    }
                }
            }
        }
    }
}

pub(super) fn duplicates<'a>(
    r: &mut Reader,
    codes: impl Iterator<Item = &'a str>,
    spans: &[Range<usize>],
    section: &str,
    what: Text,
) {
    let mut seen = BTreeMap::new();
    for (i, code) in codes.enumerate() {
        if code.is_empty() {
            continue;
        }
        if let Some(first) = seen.insert(code, i) {
            r.error(
                spans.get(i).cloned().unwrap_or(0..0),
                format!("{section}[{i}].code"),
                crate::text!(
                    "cfg-used-twice-first",
                    what = what,
                    code = format!("{:?}", code),
                    section = section,
                    first = first
                ),
            );
        }
    }
}
