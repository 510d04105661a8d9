//! What a person reads, in Dutch, French or English: Fluent messages (`nl.ftl`, `fr.ftl`,
//! `en.ftl` beside this file), and amounts and dates written the way each language writes
//! them. Machine formats (csv, json, hledger, Yuki, XAF) never go through here. A fourth
//! language is one more `.ftl` file and one more line in [`SOURCES`].

use chrono::{Datelike, NaiveDate};
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
use rust_decimal::Decimal;

/// Every language: its code and its messages.
pub const SOURCES: [(&str, &str); 3] = [
    ("en", include_str!("en.ftl")),
    ("nl", include_str!("nl.ftl")),
    ("fr", include_str!("fr.ftl")),
];

/// A language to write in.
pub struct Lang {
    code: &'static str,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lang({})", self.code)
    }
}

impl Lang {
    /// The dossier's language, else the environment's locale (`LC_ALL`, `LC_MESSAGES`,
    /// `LANG`: `nl_BE.UTF-8` → nl), else English.
    pub fn pick(configured: Option<&str>) -> Lang {
        let from_env = || {
            ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .filter_map(|v| std::env::var(v).ok())
                .find(|v| !v.is_empty())
                .map(|v| v.chars().take(2).collect::<String>().to_lowercase())
        };
        let wanted = configured.map(str::to_string).or_else(from_env).unwrap_or_default();
        Lang::new(&wanted)
    }

    /// A language by its code; an unknown one is English.
    pub fn new(code: &str) -> Lang {
        let (code, text) = SOURCES.iter().find(|(c, _)| *c == code).copied().unwrap_or(SOURCES[0]);
        let resource = FluentResource::try_new(text.to_string()).expect("the shipped messages parse");
        let lang: unic_langid::LanguageIdentifier = code.parse().expect("a language code");
        let mut bundle = FluentBundle::new(vec![lang]);
        // Plain text: no Unicode isolation marks around the values in e-mails and logs.
        bundle.set_use_isolating(false);
        bundle.add_resource(resource).expect("no message twice");
        Lang { code, bundle }
    }

    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The message `id` with its arguments.
    pub fn t(&self, id: &str, args: &[(&str, String)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_string();
        };
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(*k, v.clone());
        }
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(&fargs), &mut errors)
            .into_owned()
    }

    /// An amount as this language writes it: `1.234,56` (nl), `1 234,56` (fr), `1,234.56` (en).
    pub fn money(&self, d: Decimal) -> String {
        let (group, decimal) = match self.code {
            "nl" => ('.', ','),
            "fr" => ('\u{202f}', ','),
            _ => (',', '.'),
        };
        let text = format!("{:.2}", d.round_dp(2).abs());
        let (int, frac) = text.split_once('.').unwrap_or((&text, "00"));
        let mut grouped = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(group);
            }
            grouped.push(c);
        }
        let sign = if d.is_sign_negative() && !d.round_dp(2).is_zero() {
            "-"
        } else {
            ""
        };
        format!("{sign}{grouped}{decimal}{frac}")
    }

    /// A date with its weekday: `ma 02-03-2026`, `lun. 02/03/2026`, `Mon 2026-03-02`.
    pub fn date(&self, d: NaiveDate) -> String {
        let weekday = self.t(&format!("weekday-{}", d.weekday().number_from_monday()), &[]);
        let date = match self.code {
            "nl" => d.format("%d-%m-%Y").to_string(),
            "fr" => d.format("%d/%m/%Y").to_string(),
            _ => d.format("%Y-%m-%d").to_string(),
        };
        format!("{weekday} {date}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::ast::Entry;

    fn ids(text: &str) -> std::collections::BTreeSet<String> {
        let resource = fluent_syntax::parser::parse(text.to_string()).expect("parses");
        resource
            .body
            .iter()
            .filter_map(|e| match e {
                Entry::Message(m) => Some(m.id.name.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_message_exists_in_every_language() {
        let english = ids(SOURCES[0].1);
        assert!(english.len() > 20);
        for (code, text) in SOURCES {
            assert_eq!(ids(text), english, "{code} has other messages than en");
        }
    }

    #[test]
    fn amounts_and_dates_read_as_each_language_writes_them() {
        let d: Decimal = "-3365.73".parse().unwrap();
        assert_eq!(Lang::new("nl").money(d), "-3.365,73");
        assert_eq!(Lang::new("fr").money(d), "-3\u{202f}365,73");
        assert_eq!(Lang::new("en").money(d), "-3,365.73");
        assert_eq!(Lang::new("en").money("1234567.5".parse().unwrap()), "1,234,567.50");
        assert_eq!(Lang::new("nl").money(Decimal::ZERO), "0,00");
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        assert_eq!(Lang::new("nl").date(day), "ma 02-03-2026");
        assert_eq!(Lang::new("fr").date(day), "lun. 02/03/2026");
        assert_eq!(
            Lang::new("de").date(day),
            "Mon 2026-03-02",
            "an unknown language is English"
        );
    }

    #[test]
    fn messages_take_their_arguments() {
        let nl = Lang::new("nl");
        let text = nl.t(
            "import-batch",
            &[
                ("source", "kassa".into()),
                ("new", "3".into()),
                ("changed", "0".into()),
                ("voided", "1".into()),
            ],
        );
        assert_eq!(text, "kassa: 3 nieuw, 0 gewijzigd, 1 geannuleerd");
    }
}
