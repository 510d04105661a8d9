//! The payment methods a POS's method names propose, from one data file
//! (`payment_names.toml`, with the names public POS documentation uses and its sources):
//! an issuer's meal, eco and gift vouchers as a receivable of that issuer, each card
//! scheme and wallet as a method of its own, the shop's own vouchers as vouchers.

use std::sync::LazyLock;

use serde::Deserialize;

/// What a payment method is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MethodKind {
    Cash,
    /// A card scheme, a wallet or a card terminal: settled by its provider.
    Card,
    /// The shop's own vouchers (R15).
    Voucher,
    /// Paid by a third party who settles later: an issuer's meal, eco or gift vouchers.
    Receivable,
    /// Paid later by invoice: the invoice brings the turnover (R13: ignored).
    #[serde(rename = "ignore")]
    OnInvoice,
    Prepaid,
    Rounding,
    Transfer,
    /// A name nobody listed: a method of its own, to check.
    #[serde(skip)]
    Other,
}

/// One entry of the data file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Known {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub account: String,
    pub kind: MethodKind,
    pub words: Vec<String>,
    pub seen: Vec<String>,
    pub sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    method: Vec<Known>,
}

/// The table, in its order (the first entry that names a method wins).
pub static KNOWN: LazyLock<Vec<Known>> = LazyLock::new(|| {
    toml::from_str::<Table>(include_str!("payment_names.toml"))
        .map(|t| t.method)
        .expect("payment_names.toml is checked by its tests")
});

/// A name as the words match it: lower case, the accents of French and Dutch names taken
/// off, every other character a space; one space before each word.
fn words_of(name: &str) -> String {
    let mut out = String::from(" ");
    for c in name.to_lowercase().chars() {
        let c = match c {
            'à' | 'â' | 'á' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'û' | 'ù' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        };
        if c != ' ' || !out.ends_with(' ') {
            out.push(c);
        }
    }
    out
}

/// The entry that names a POS method, if any.
pub fn known(name: &str) -> Option<&'static Known> {
    let name = words_of(name);
    KNOWN.iter().find(|k| {
        k.words
            .iter()
            .any(|w| name.contains(&format!(" {}", words_of(w).trim())))
    })
}

/// The entry of a config code (`--map method:X=MAESTRO` names one).
pub fn by_code(code: &str) -> Option<&'static Known> {
    KNOWN.iter().find(|k| !k.code.is_empty() && k.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_the_documentation_uses_lands_on_its_entry() {
        for k in KNOWN.iter() {
            assert!(!k.sources.is_empty() && !k.seen.is_empty(), "{k:?}");
            for name in &k.seen {
                let got = known(name).map(|g| (g.kind, g.code.as_str()));
                assert_eq!(got, Some((k.kind, k.code.as_str())), "{name:?}");
            }
        }
    }

    #[test]
    fn no_word_is_hidden_by_an_earlier_entry() {
        for k in KNOWN.iter() {
            for w in &k.words {
                let got = known(w).map(|g| (g.kind, g.code.as_str()));
                assert_eq!(got, Some((k.kind, k.code.as_str())), "the word {w:?}");
            }
        }
    }

    #[test]
    fn each_entry_that_books_has_a_code_an_account_and_a_name() {
        let mut codes = std::collections::BTreeSet::new();
        for k in KNOWN.iter().filter(|k| k.kind != MethodKind::OnInvoice) {
            assert!(!k.name.is_empty() && k.account.len() == 6, "{k:?}");
            assert!(
                k.code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()),
                "{k:?}"
            );
            assert!(codes.insert(k.code.clone()), "{} twice", k.code);
        }
        let accounts: Vec<&str> = KNOWN
            .iter()
            .filter(|k| matches!(k.kind, MethodKind::Card | MethodKind::Receivable))
            .map(|k| k.account.as_str())
            .collect();
        let distinct: std::collections::BTreeSet<&&str> = accounts.iter().collect();
        assert_eq!(
            distinct.len(),
            accounts.len(),
            "each provider and issuer its own account"
        );
    }

    #[test]
    fn a_belgian_shop_s_methods_stay_apart() {
        let code = |n: &str| known(n).map(|k| (k.kind, k.code.as_str()));
        assert_eq!(code("Maaltijdcheque"), Some((MethodKind::Receivable, "MAALTIJD")));
        assert_eq!(code("Sodexo cadeaucheque"), Some((MethodKind::Receivable, "PLUXEE")));
        assert_eq!(code("Payconiq (oud)"), Some((MethodKind::Card, "PAYCONIQ")));
        assert_eq!(code("Credit Card"), Some((MethodKind::Card, "KREDIETKAART")));
        assert_eq!(code("Bancontact"), Some((MethodKind::Card, "BC")));
        assert_eq!(code("Gift Card"), Some((MethodKind::Voucher, "VVV")));
        assert_eq!(code("Mister Cash"), Some((MethodKind::Card, "BC")));
        assert_eq!(code("Tikkie"), None);
        assert_eq!(code("WEBSHOP"), None);
    }
}
