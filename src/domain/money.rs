//! Money: `rust_decimal::Decimal`, never floats (R24).

use rust_decimal::{Decimal, RoundingStrategy};

/// Why an amount text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("{}", crate::text!("amount-not-decimal", text = .0))]
    NotDecimal(String),
    #[error("{}", crate::text!("amount-too-precise", text = .0))]
    TooPrecise(String),
    #[error("{}", crate::text!("amount-too-large", text = .0))]
    TooLarge(String),
    /// More than the book takes where an amount enters ([`max_amount`]).
    #[error("{}", crate::text!("amount-out-of-range", text = .0, max = fmt(max_amount())))]
    OutOfRange(String),
    /// A typed amount that could mean two things in the person's notation (`1.361` in
    /// Dutch: 1 361 or 1,361): refused, never guessed.
    #[error("{}", crate::text!("amount-ambiguous", text = .text, whole = .whole, fraction = .fraction))]
    Ambiguous {
        text: String,
        /// The two readings, written unambiguously in the person's notation.
        whole: String,
        fraction: String,
    },
    /// Written in another language's notation (`1,361.18` on a Dutch screen).
    #[error("{}", crate::text!("amount-other-notation", text = .text, example = .example))]
    OtherNotation { text: String, example: String },
}

/// How a language writes amounts: its decimal mark and the mark between groups of three
/// digits. A group mark that is a space stands for every space a keyboard or a copy from
/// the screen gives (plain, no-break, narrow no-break).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notation {
    pub decimal: char,
    pub group: char,
}

impl Notation {
    /// `1.361,18`
    pub const DUTCH: Notation = Notation {
        decimal: ',',
        group: '.',
    };
    /// `1 361,18`, grouped with a no-break space (U+00A0): an amount never breaks over two
    /// lines. A narrow one (U+202F) would suit French typography, but text wrapping breaks
    /// at it, so `paiements 3` / `365,73` stood on two lines.
    pub const FRENCH: Notation = Notation {
        decimal: ',',
        group: '\u{a0}',
    };
    /// `1,361.18`
    pub const ENGLISH: Notation = Notation {
        decimal: '.',
        group: ',',
    };

    fn is_space(c: char) -> bool {
        matches!(c, ' ' | '\u{a0}' | '\u{202f}')
    }

    fn is_group(self, c: char) -> bool {
        c == self.group || (Notation::is_space(self.group) && Notation::is_space(c))
    }

    /// `d` written in this notation, two decimals, grouped by three.
    pub fn write(self, d: Decimal) -> String {
        let text = fmt(d);
        let (sign, rest) = match text.strip_prefix('-') {
            Some(r) => ("-", r),
            None => ("", text.as_str()),
        };
        let (int, frac) = rest.split_once('.').unwrap_or((rest, "00"));
        let mut grouped = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(self.group);
            }
            grouped.push(c);
        }
        format!("{sign}{grouped}{}{frac}", self.decimal)
    }
}

/// Digits grouped by three after a first group of one to three: `1.361.000` → `1361000`.
fn ungrouped(groups: &[&str]) -> Option<String> {
    let (first, rest) = groups.split_first()?;
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let ok = (1..=3).contains(&first.len()) && digits(first) && rest.iter().all(|g| g.len() == 3 && digits(g));
    ok.then(|| groups.concat())
}

/// An amount a person typed, read the way `notation` writes it (`1.361,18` in Dutch,
/// `1 361,18` in French, `1,361.18` in English), or in a plain form every language accepts
/// (`1361.18`, `1361,18`). A form that could mean two things (`1.361` in Dutch) or that
/// belongs to another notation is refused with a hint, never guessed; more than two
/// decimals is refused (R24), never cut short.
pub fn parse_typed_amount(text: &str, notation: Notation) -> Result<Decimal, AmountError> {
    let t = text.trim_matches(|c: char| c.is_whitespace());
    let (sign, body) = match t.strip_prefix('-') {
        Some(b) => ("-", b.trim_start()),
        None => ("", t),
    };
    let not_decimal = || AmountError::NotDecimal(text.to_string());
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || notation.is_group(c))
    {
        return Err(not_decimal());
    }
    let other = || AmountError::OtherNotation {
        text: text.to_string(),
        example: notation.write(Decimal::new(136118, 2)),
    };
    let marks: Vec<(usize, char)> = body.char_indices().filter(|(_, c)| !c.is_ascii_digit()).collect();
    let canonical = match marks.as_slice() {
        [] => body.to_string(),
        // One mark: a decimal mark when one or two digits follow (every plain form), a
        // group mark when three follow, if this notation groups with it.
        [(at, mark)] => {
            let (int, frac) = (&body[..*at], &body[at + mark.len_utf8()..]);
            let group = notation.is_group(*mark);
            if int.is_empty() || frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
                return Err(not_decimal());
            }
            let space = Notation::is_space(*mark);
            match frac.len() {
                1 | 2 if !space => format!("{int}.{frac}"),
                3 if group => {
                    let whole = ungrouped(&[int, frac]).ok_or_else(not_decimal)?;
                    if !space {
                        return Err(AmountError::Ambiguous {
                            text: text.to_string(),
                            whole: notation.write(format!("{sign}{whole}").parse().map_err(|_| not_decimal())?),
                            fraction: format!("{sign}{int}{}{frac}", notation.decimal),
                        });
                    }
                    whole
                }
                n if n > 2 && !space => return Err(AmountError::TooPrecise(text.to_string())),
                _ => return Err(not_decimal()),
            }
        }
        // Several marks: groups of the notation, then at most one decimal mark, last.
        _ => {
            let (last_at, last) = *marks.last().expect("several marks");
            let decimal_last = last == notation.decimal && !notation.is_group(last);
            let (int_part, frac) = if decimal_last {
                (&body[..last_at], Some(&body[last_at + last.len_utf8()..]))
            } else {
                (body, None)
            };
            let int_marks: Vec<char> = int_part.chars().filter(|c| !c.is_ascii_digit()).collect();
            if int_marks.iter().any(|c| !notation.is_group(*c)) {
                // `1,361.18` on a Dutch screen, `1.361.18`: not how this language writes.
                return Err(if int_marks.iter().all(|c| matches!(c, '.' | ',')) {
                    other()
                } else {
                    not_decimal()
                });
            }
            let groups: Vec<&str> = int_part.split(|c: char| notation.is_group(c)).collect();
            let int = ungrouped(&groups).ok_or_else(not_decimal)?;
            match frac {
                None => int,
                Some(f) if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) => return Err(not_decimal()),
                Some(f) if f.len() > 2 => return Err(AmountError::TooPrecise(text.to_string())),
                Some(f) => format!("{int}.{f}"),
            }
        }
    };
    parse_input_amount(&format!("{sign}{canonical}")).map_err(|e| match e {
        AmountError::TooLarge(_) | AmountError::OutOfRange(_) => AmountError::OutOfRange(text.to_string()),
        AmountError::TooPrecise(_) => AmountError::TooPrecise(text.to_string()),
        _ => not_decimal(),
    })
}

/// The largest amount, either sign, the book takes where an amount enters (a document, an
/// edit, a typed amount, the config): 999 999 999 999.99. Any day, journal or export sums
/// millions of them without leaving what a `Decimal` holds and what the store reads back
/// (decision 79).
pub fn max_amount() -> Decimal {
    Decimal::new(99_999_999_999_999, 2)
}

/// Whether an amount is within [`max_amount`].
pub fn in_bounds(d: Decimal) -> bool {
    d.abs() <= max_amount()
}

/// An amount that enters the book: [`parse_amount`] within [`max_amount`].
pub fn parse_input_amount(text: &str) -> Result<Decimal, AmountError> {
    let d = parse_amount(text)?;
    if !in_bounds(d) {
        return Err(AmountError::OutOfRange(text.to_string()));
    }
    Ok(d)
}

/// R24: parse a decimal string with at most two decimals. No exponent, no `+`,
/// no spaces, no thousands separators: what a POS export or a person writes.
pub fn parse_amount(text: &str) -> Result<Decimal, AmountError> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(int) || frac.is_some_and(|f| !all_digits(f)) {
        return Err(AmountError::NotDecimal(text.to_string()));
    }
    if frac.is_some_and(|f| f.len() > 2) {
        return Err(AmountError::TooPrecise(text.to_string()));
    }
    if int.len() > 20 {
        return Err(AmountError::TooLarge(text.to_string()));
    }
    text.parse::<Decimal>()
        .map(normalise)
        .map_err(|_| AmountError::TooLarge(text.to_string()))
}

/// A canonical value: two decimals, and zero without a sign.
pub fn normalise(d: Decimal) -> Decimal {
    let mut d = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    if d.is_zero() {
        d = Decimal::ZERO;
    }
    d.rescale(2);
    d
}

/// `12.10`, `-7.90`, `0.00`: the exchange format of every export.
pub fn fmt(d: Decimal) -> String {
    normalise(d).to_string()
}

/// Serde helpers: amounts travel as decimal strings, never JSON numbers.
pub mod as_string {
    use rust_decimal::Decimal;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::fmt(*d))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        super::with_text(d, "a decimal amount as a text", |t| {
            super::parse_amount(t).map_err(|e| e.to_string())
        })
    }
}

/// Deserialise a text without copying it when the input allows, then convert it.
pub fn with_text<'de, D, T, M: std::fmt::Display>(
    d: D,
    expected: &'static str,
    convert: impl FnOnce(&str) -> Result<T, M>,
) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Text<F>(&'static str, F);
    impl<'de, T, M: std::fmt::Display, F: FnOnce(&str) -> Result<T, M>> serde::de::Visitor<'de> for Text<F> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str(self.0)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
            (self.1)(v).map_err(E::custom)
        }
    }
    d.deserialize_str(Text(expected, convert))
}

/// Like [`as_string`], for optional amounts.
pub mod opt_string {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_str(&super::fmt(*d)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(t) => super::parse_amount(&t).map(Some).map_err(serde::de::Error::custom),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn r24_accepts_two_decimals_and_refuses_three() {
        assert_eq!(parse_amount("12.10").unwrap(), dec("12.10"));
        assert_eq!(parse_amount("-7.9").unwrap(), dec("-7.90"));
        assert_eq!(parse_amount("5").unwrap(), dec("5"));
        assert!(matches!(parse_amount("1.005"), Err(AmountError::TooPrecise(_))));
        for bad in ["", "-", "1e3", "+1", " 1", "1,50", "1.", ".5", "NaN", "12.1.1"] {
            assert!(parse_amount(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn a_typed_amount_is_read_as_the_language_writes_it() {
        let nbsp = "1\u{a0}361,18";
        let narrow = "1\u{202f}361,18";
        for (notation, text, want) in [
            (Notation::DUTCH, "1.361,18", "1361.18"),
            (Notation::DUTCH, "1361,18", "1361.18"),
            (Notation::DUTCH, "1361.18", "1361.18"),
            (Notation::DUTCH, "1.234.567", "1234567"),
            (Notation::DUTCH, "-1.361,1", "-1361.10"),
            (Notation::DUTCH, "12,5", "12.50"),
            (Notation::DUTCH, "0", "0"),
            (Notation::FRENCH, "1 361,18", "1361.18"),
            (Notation::FRENCH, nbsp, "1361.18"),
            (Notation::FRENCH, narrow, "1361.18"),
            (Notation::FRENCH, "1 361", "1361"),
            (Notation::FRENCH, "1361.18", "1361.18"),
            (Notation::FRENCH, "1361,18", "1361.18"),
            (Notation::ENGLISH, "1,361.18", "1361.18"),
            (Notation::ENGLISH, "1361,18", "1361.18"),
            (Notation::ENGLISH, "1361.18", "1361.18"),
            (Notation::ENGLISH, "1,234,567", "1234567"),
        ] {
            assert_eq!(
                parse_typed_amount(text, notation),
                Ok(dec(want)),
                "{text:?} in {notation:?}"
            );
        }
    }

    #[test]
    fn a_typed_amount_that_could_mean_two_things_is_refused_never_guessed() {
        for (notation, text) in [
            (Notation::DUTCH, "1.361"),
            (Notation::DUTCH, "-12.500"),
            (Notation::ENGLISH, "1,361"),
        ] {
            assert!(
                matches!(parse_typed_amount(text, notation), Err(AmountError::Ambiguous { .. })),
                "{text:?} in {notation:?}"
            );
        }
        // Another notation, or a form that is none: refused, never cut short.
        assert!(matches!(
            parse_typed_amount("1,361.18", Notation::DUTCH),
            Err(AmountError::OtherNotation { .. })
        ));
        assert!(matches!(
            parse_typed_amount("1.361,18", Notation::ENGLISH),
            Err(AmountError::OtherNotation { .. })
        ));
        for (notation, text) in [
            (Notation::DUTCH, "1,361"),
            (Notation::DUTCH, "1.361,185"),
            (Notation::ENGLISH, "12.345"),
            (Notation::FRENCH, "1,361"),
        ] {
            assert!(
                matches!(parse_typed_amount(text, notation), Err(AmountError::TooPrecise(_))),
                "{text:?} in {notation:?}: {:?}",
                parse_typed_amount(text, notation)
            );
        }
        for (notation, text) in [
            (Notation::DUTCH, "1.36.18"),
            (Notation::DUTCH, "1 361,18"),
            (Notation::FRENCH, "1 36,18"),
            (Notation::DUTCH, "12,"),
            (Notation::DUTCH, ",5"),
            (Notation::DUTCH, "1e3"),
            (Notation::DUTCH, ""),
            (Notation::DUTCH, "-"),
        ] {
            assert!(
                parse_typed_amount(text, notation).is_err(),
                "{text:?} accepted in {notation:?}"
            );
        }
    }

    #[test]
    fn an_amount_beyond_what_the_book_sums_is_refused_where_it_enters() {
        assert_eq!(parse_input_amount("999999999999.99"), Ok(dec("999999999999.99")));
        assert_eq!(parse_input_amount("-999999999999.99"), Ok(dec("-999999999999.99")));
        for big in ["1000000000000.00", "99999999999999999999.99", "-1000000000000"] {
            assert!(
                matches!(parse_input_amount(big), Err(AmountError::OutOfRange(_))),
                "{big}"
            );
        }
        // What the store reads back (sums) is not bounded so.
        assert!(parse_amount("99999999999999999999.99").is_ok());
        assert!(matches!(
            parse_typed_amount("1.000.000.000.000,00", Notation::DUTCH),
            Err(AmountError::OutOfRange(_))
        ));
    }

    proptest::proptest! {
        /// What the screen writes is read back to the same amount, in every language.
        #[test]
        fn what_the_screen_writes_is_read_back(cents in -99_999_999_999_999i64..=99_999_999_999_999i64) {
            let d = Decimal::new(cents, 2);
            for notation in [Notation::DUTCH, Notation::FRENCH, Notation::ENGLISH] {
                let written = notation.write(d);
                proptest::prop_assert_eq!(parse_typed_amount(&written, notation), Ok(normalise(d)), "{}", written);
                // With a plain space where French writes a no-break one, as a person types it.
                let typed = written.replace('\u{a0}', " ");
                proptest::prop_assert_eq!(parse_typed_amount(&typed, notation), Ok(normalise(d)), "{}", typed);
            }
        }
    }

    #[test]
    fn formats_two_decimals_without_negative_zero() {
        assert_eq!(fmt(dec("12.1")), "12.10");
        assert_eq!(fmt(-dec("0.00")), "0.00");
        assert_eq!(Notation::DUTCH.write(dec("-1234567.5")), "-1.234.567,50");
        assert_eq!(Notation::ENGLISH.write(dec("999")), "999.00");
    }
}
