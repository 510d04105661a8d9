//! A message for a person, not yet in their language: the id of a message of the language
//! files (`src/i18n/*.ftl`) and its arguments. The core, the store and the connectors say
//! what went wrong with [`Text`] and never choose a language; the language layer writes it
//! when it is shown (its `Display`), at the edge: the command line, the screen, a
//! notification. So a firm's service that serves a Dutch and a French dossier at once, or a
//! test that renders a refusal in three languages, gets each in its own words.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The languages a person may read the product in (`[dossier] language`): the codes of the
/// language files, in their order.
pub const LANGUAGES: [&str; 3] = ["en", "nl", "fr"];

/// A message in no language yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// A message of the language files, by its id, with its arguments.
    Message {
        id: &'static str,
        args: Vec<(&'static str, Arg)>,
    },
    /// Words that read the same in every language: a POS's or a library's own (serde's
    /// reason a JSON line does not parse), a file name.
    Plain(String),
    /// `where: why`: the place a refusal is about, then the refusal.
    At(String, Box<Text>),
    /// Texts written one after the other.
    Seq(Vec<Text>),
    /// A business day, written as the language writes a date in a sentence.
    Day(NaiveDate),
    /// An amount, written as the language writes amounts.
    Amount(Decimal),
}

/// An argument of a [`Text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Written as it is: a name, a code, a number (whole numbers choose a plural form).
    Plain(String),
    /// Another message, a day or an amount, written in the language of the one that holds it.
    Text(Text),
}

/// A business day as an argument of [`text!`]: written as the person's language writes a
/// date in a sentence (a bare `NaiveDate` is written as `2026-03-04`).
#[derive(Debug, Clone, Copy)]
pub struct Day(pub NaiveDate);

/// An amount as an argument of [`text!`]: written as the person's language writes amounts
/// (a bare `Decimal` is written as `1234.50`).
#[derive(Debug, Clone, Copy)]
pub struct Amount(pub Decimal);

/// How [`text!`] turns a value into an [`Arg`]: a [`Text`], a [`Day`] and an [`Amount`]
/// keep their type until the message is written; any other value is written with its
/// `Display` now. (Method resolution tries the specific kinds first: the general impl is on
/// a reference one step further away.)
#[doc(hidden)]
pub mod arg {
    use super::*;

    pub struct Of<T>(pub T);

    pub trait Typed {
        fn arg(&self) -> Arg;
    }
    impl Typed for Of<&Text> {
        fn arg(&self) -> Arg {
            Arg::Text(self.0.clone())
        }
    }
    impl Typed for Of<&&Text> {
        fn arg(&self) -> Arg {
            Arg::Text((*self.0).clone())
        }
    }
    impl Typed for Of<&Day> {
        fn arg(&self) -> Arg {
            Arg::Text(Text::Day(self.0 .0))
        }
    }
    impl Typed for Of<&Amount> {
        fn arg(&self) -> Arg {
            Arg::Text(Text::Amount(self.0 .0))
        }
    }

    pub trait Shown {
        fn arg(&self) -> Arg;
    }
    impl<T: std::fmt::Display> Shown for &Of<T> {
        fn arg(&self) -> Arg {
            Arg::Plain(self.0.to_string())
        }
    }
}

impl Text {
    /// A message without arguments.
    pub fn id(id: &'static str) -> Text {
        Text::Message { id, args: Vec::new() }
    }

    /// `texts` with `between` between them.
    pub fn joined(texts: Vec<Text>, between: &str) -> Text {
        let mut all = Vec::with_capacity(texts.len() * 2);
        for (i, t) in texts.into_iter().enumerate() {
            if i > 0 {
                all.push(between.into());
            }
            all.push(t);
        }
        Text::Seq(all)
    }

    /// `place: self`.
    pub fn at(self, place: impl Into<String>) -> Text {
        Text::At(place.into(), Box::new(self))
    }

    /// The message id, for tests and for choosing what to do by what went wrong.
    pub fn message_id(&self) -> Option<&'static str> {
        match self {
            Text::Message { id, .. } => Some(id),
            Text::Plain(_) => None,
            Text::At(_, inner) => inner.message_id(),
            Text::Seq(parts) => parts.iter().find_map(Text::message_id),
            Text::Day(_) | Text::Amount(_) => None,
        }
    }
}

/// An operating system error in the person's words where it is a common one (the system's
/// own, in English, otherwise).
pub fn os_error(e: &std::io::Error) -> Text {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::PermissionDenied => Text::id("os-permission-denied"),
        ErrorKind::NotFound => Text::id("os-not-found"),
        ErrorKind::IsADirectory => Text::id("os-is-a-directory"),
        ErrorKind::StorageFull | ErrorKind::FileTooLarge | ErrorKind::QuotaExceeded => {
            crate::text!("disk-full", reason = e)
        }
        _ => Text::Plain(e.to_string()),
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::Plain(s)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::Plain(s.to_string())
    }
}

/// A [`Text`]: `text!("refuse-not-confirmed", date = Day(d), book = code)`. A message, a date
/// and an amount stay what they are until the text is written in a language; names, codes
/// and numbers are written with their `Display` now (they read the same in every language).
#[macro_export]
macro_rules! text {
    ($id:expr $(, $k:ident = $v:expr)* $(,)?) => {{
        #[allow(unused_imports)]
        use $crate::domain::text::arg::{Shown as _, Typed as _};
        $crate::domain::text::Text::Message {
            id: $id,
            args: vec![$((stringify!($k), (&$crate::domain::text::arg::Of(&$v)).arg())),*],
        }
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_keeps_its_id_and_arguments_until_written() {
        let t = crate::text!("cfg-unknown-source", source = "\"kassa\"");
        assert_eq!(t.message_id(), Some("cfg-unknown-source"));
        let Text::Message { args, .. } = &t else {
            panic!("a message")
        };
        assert_eq!(args, &vec![("source", Arg::Plain("\"kassa\"".into()))]);
        assert_eq!(t.clone().at("line 3").message_id(), Some("cfg-unknown-source"));
        assert_eq!(Text::from("plain").message_id(), None);
    }

    #[test]
    fn days_amounts_and_messages_keep_their_type_other_values_are_written() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 4).expect("a date");
        let inner = Text::id("word-none-yet");
        let sum = Decimal::new(1050, 2);
        let t = crate::text!(
            "x",
            day = Day(d),
            sum = Amount(sum),
            why = inner,
            n = 3,
            s = "a",
            raw = d
        );
        let Text::Message { args, .. } = t else {
            panic!("a message")
        };
        assert_eq!(
            args,
            vec![
                ("day", Arg::Text(Text::Day(d))),
                ("sum", Arg::Text(Text::Amount(sum))),
                ("why", Arg::Text(Text::id("word-none-yet"))),
                ("n", Arg::Plain("3".into())),
                ("s", Arg::Plain("a".into())),
                ("raw", Arg::Plain("2026-03-04".into())),
            ]
        );
    }
}
