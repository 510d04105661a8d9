//! Money: `rust_decimal::Decimal`, never floats (R24).

use rust_decimal::{Decimal, RoundingStrategy};

/// Why an amount text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("{}", crate::tr!("amount-not-decimal", text = .0))]
    NotDecimal(String),
    #[error("{}", crate::tr!("amount-too-precise", text = .0))]
    TooPrecise(String),
    #[error("{}", crate::tr!("amount-too-large", text = .0))]
    TooLarge(String),
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

/// `1 234,50`: how a Belgian or Dutch bookkeeper reads an amount on screen.
pub fn fmt_local(d: Decimal) -> String {
    let s = fmt(d);
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s.as_str()),
    };
    let (int, frac) = rest.split_once('.').unwrap_or((rest, "00"));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(' ');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped},{frac}")
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
pub fn with_text<'de, D, T>(
    d: D,
    expected: &'static str,
    convert: impl FnOnce(&str) -> Result<T, String>,
) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Text<F>(&'static str, F);
    impl<'de, T, F: FnOnce(&str) -> Result<T, String>> serde::de::Visitor<'de> for Text<F> {
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
    fn formats_two_decimals_without_negative_zero() {
        assert_eq!(fmt(dec("12.1")), "12.10");
        assert_eq!(fmt(-dec("0.00")), "0.00");
        assert_eq!(fmt_local(dec("-1234567.5")), "-1 234 567,50");
        assert_eq!(fmt_local(dec("999")), "999,00");
    }
}
