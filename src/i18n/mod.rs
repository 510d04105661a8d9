//! What a person reads, in Dutch, French or English: Fluent messages (`nl.ftl`, `fr.ftl`,
//! `en.ftl` beside this file), and amounts and dates written the way each language writes
//! them. Machine formats (csv, json, hledger, Yuki, XAF) never go through here. A fourth
//! language is one more `.ftl` file, one more line in [`SOURCES`] and one more code in the
//! core's `LANGUAGES`.
//!
//! A process speaks one language, set once from the dossier ([`set`]); [`tr!`] writes a
//! message in it, at the edge (the command line, the screen, notifications). The layers
//! below say what went wrong as a [`Text`], which is written here when it is shown (its
//! `Display`). A test thread may speak another language for a while ([`speak`]).

pub mod words;

use std::cell::RefCell;
use std::sync::{Arc, RwLock};

use chrono::{Datelike, NaiveDate};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use rust_decimal::Decimal;

use crate::domain::text::{Arg, Text};

/// Every language: its code and its messages.
pub const SOURCES: [(&str, &str); 3] = [
    ("en", include_str!("en.ftl")),
    ("nl", include_str!("nl.ftl")),
    ("fr", include_str!("fr.ftl")),
];

/// The codes of [`SOURCES`], in their order, for the config's `[dossier] language` (the core
/// names them; a test holds the two lists together).
pub use crate::domain::text::LANGUAGES;

static PROCESS: RwLock<Option<Arc<Lang>>> = RwLock::new(None);

thread_local! {
    static THREAD: RefCell<Option<Arc<Lang>>> = const { RefCell::new(None) };
}

/// The language this process speaks from now on.
pub fn set(lang: Lang) {
    *PROCESS.write().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(lang));
}

/// The language of this thread: the one [`speak`] chose, else the process's, else English.
pub fn current() -> Arc<Lang> {
    if let Some(l) = THREAD.with(|t| t.borrow().clone()) {
        return l;
    }
    if let Some(l) = PROCESS.read().unwrap_or_else(|e| e.into_inner()).clone() {
        return l;
    }
    // Not kept as this thread's own: a language the process sets later still speaks here.
    static ENGLISH: std::sync::OnceLock<Arc<Lang>> = std::sync::OnceLock::new();
    ENGLISH.get_or_init(|| Arc::new(Lang::new("en"))).clone()
}

/// This thread speaks `code` until the guard is dropped (tests render a screen per language).
pub fn speak(code: &str) -> Speaking {
    let before = THREAD.with(|t| t.borrow_mut().replace(Arc::new(Lang::new(code))));
    Speaking(before)
}

pub struct Speaking(Option<Arc<Lang>>);

impl Drop for Speaking {
    fn drop(&mut self) {
        THREAD.with(|t| *t.borrow_mut() = self.0.take());
    }
}

/// An amount in the current language.
pub fn money(d: Decimal) -> String {
    current().money(d)
}

/// A date with its weekday in the current language.
pub fn date(d: NaiveDate) -> String {
    current().date(d)
}

/// A date without its weekday in the current language (in messages).
pub fn day(d: NaiveDate) -> String {
    current().day(d)
}

/// A message of the current language: `tr!("confirmed-days", count = n, from = d)`.
#[macro_export]
macro_rules! tr {
    ($id:expr $(, $k:ident = $v:expr)* $(,)?) => {
        $crate::i18n::current().t($id, &[$((stringify!($k), ($v).to_string())),*])
    };
}

/// A message of a layer below in the current language: the one place the core's, the
/// store's and the connectors' words become a person's.
impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&current().write(self))
    }
}

/// A message as a JSON string (or any serialised text) in the current language: a machine
/// format that carries words for a person (`check --json`, `sync --json`).
impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&current().write(self))
    }
}

/// A language to write in.
pub struct Lang {
    code: &'static str,
    /// Parsed once per process and language: a firm's service reads hundreds of configs,
    /// each naming its language.
    bundle: Bundle,
}

type Bundle = Arc<FluentBundle<FluentResource>>;

/// The messages of a language, parsed on first use.
fn bundle_of(code: &'static str, text: &'static str) -> Bundle {
    static PARSED: std::sync::Mutex<Vec<(&str, Bundle)>> = std::sync::Mutex::new(Vec::new());
    let mut parsed = PARSED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, b)) = parsed.iter().find(|(c, _)| *c == code) {
        return b.clone();
    }
    let resource = FluentResource::try_new(text.to_string()).expect("the shipped messages parse");
    let lang: unic_langid::LanguageIdentifier = code.parse().expect("a language code");
    let mut bundle = FluentBundle::new_concurrent(vec![lang]);
    // Plain text: no Unicode isolation marks around the values in e-mails and logs.
    bundle.set_use_isolating(false);
    bundle.add_resource(resource).expect("no message twice");
    let bundle = Arc::new(bundle);
    parsed.push((code, bundle.clone()));
    bundle
}

// The message ids are also written with `-`; the arguments are texts, and whole numbers
// (written as such) go to Fluent as numbers so that plurals choose their form.
fn value(text: &str) -> FluentValue<'_> {
    match text.parse::<i64>() {
        Ok(n) if n.to_string() == text => FluentValue::from(n),
        _ => FluentValue::from(text),
    }
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
        Lang {
            code,
            bundle: bundle_of(code, text),
        }
    }

    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The message `id` without arguments, when this language has it.
    pub fn get(&self, id: &str) -> Option<String> {
        self.bundle.get_message(id).and_then(|m| m.value())?;
        Some(self.t(id, &[]))
    }

    /// The message `id` with its arguments.
    pub fn t(&self, id: &str, args: &[(&str, String)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_string();
        };
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(*k, value(v));
        }
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(&fargs), &mut errors)
            .into_owned()
    }

    /// A message of a layer below, in this language.
    pub fn write(&self, text: &Text) -> String {
        match text {
            Text::Message { id, args } => {
                let args: Vec<(&str, String)> = args
                    .iter()
                    .map(|(k, v)| match v {
                        Arg::Plain(s) => (*k, s.clone()),
                        Arg::Text(t) => (*k, self.write(t)),
                    })
                    .collect();
                self.t(id, &args)
            }
            Text::Plain(s) => s.clone(),
            Text::At(place, inner) => format!("{place}: {}", self.write(inner)),
            Text::Seq(parts) => parts.iter().map(|t| self.write(t)).collect(),
            Text::Day(d) => self.day(*d),
            Text::Amount(a) => self.money(*a),
        }
    }

    /// An amount as this language writes it: `1.234,56` (nl), `1 234,56` (fr), `1,234.56` (en).
    pub fn money(&self, d: Decimal) -> String {
        self.notation().write(d)
    }

    /// How this language writes amounts, for reading what a person types the same way.
    pub fn notation(&self) -> crate::domain::money::Notation {
        use crate::domain::money::Notation;
        match self.code {
            "nl" => Notation::DUTCH,
            "fr" => Notation::FRENCH,
            _ => Notation::ENGLISH,
        }
    }

    /// An amount a person typed, read as this language writes it (or in a plain form).
    pub fn read_amount(&self, text: &str) -> Result<Decimal, crate::domain::money::AmountError> {
        crate::domain::money::parse_typed_amount(text, self.notation())
    }

    /// A date with its weekday: `ma 02-03-2026`, `lun. 02/03/2026`, `Mon 2026-03-02`.
    pub fn date(&self, d: NaiveDate) -> String {
        format!("{} {}", self.weekday(d), self.day(d))
    }

    /// A date without its weekday: `02-03-2026`, `02/03/2026`, `2026-03-02`.
    pub fn day(&self, d: NaiveDate) -> String {
        match self.code {
            "nl" => d.format("%d-%m-%Y").to_string(),
            "fr" => d.format("%d/%m/%Y").to_string(),
            _ => d.format("%Y-%m-%d").to_string(),
        }
    }

    /// Day and month, for narrow columns: `02-03`, `02/03`, `03-02`.
    pub fn day_month(&self, d: NaiveDate) -> String {
        match self.code {
            "nl" => d.format("%d-%m").to_string(),
            "fr" => d.format("%d/%m").to_string(),
            _ => d.format("%m-%d").to_string(),
        }
    }

    /// The weekday, short: `ma`, `lun.`, `Mon`.
    pub fn weekday(&self, d: NaiveDate) -> String {
        self.t(&format!("weekday-{}", d.weekday().number_from_monday()), &[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::ast::Entry;

    #[test]
    fn every_language_the_core_names_has_its_messages_in_order() {
        let codes: Vec<&str> = SOURCES.iter().map(|(c, _)| *c).collect();
        assert_eq!(codes, LANGUAGES.to_vec());
    }

    #[test]
    fn a_text_is_written_in_the_language_that_shows_it() {
        use crate::domain::text::{Amount, Day};
        let d = NaiveDate::from_ymd_opt(2026, 3, 4).expect("a date");
        let t = crate::text!("refuse-no-open-day", date = Day(d));
        let nl = Lang::new("nl").write(&t);
        let fr = Lang::new("fr").write(&t);
        assert!(nl.contains(&Lang::new("nl").day(d)), "{nl}");
        assert!(fr.contains(&Lang::new("fr").day(d)), "{fr}");
        assert_ne!(nl, fr);
        let sum = crate::text!("held-paid", payments = Amount(Decimal::new(123456, 2)));
        assert!(Lang::new("nl").write(&sum).contains("1.234,56"));
        assert!(Lang::new("en").write(&sum).contains("1,234.56"));
        let at = crate::text!("word-none-yet").at("kassa.jsonl:3");
        assert_eq!(
            Lang::new("en").write(&at),
            format!("kassa.jsonl:3: {}", Lang::new("en").t("word-none-yet", &[]))
        );
    }

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

    /// Each message's whole text (its value and continuation lines).
    fn texts(source: &str) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for line in source.lines() {
            if line.starts_with(' ') {
                if let Some((_, text)) = out.last_mut() {
                    text.push('\n');
                    text.push_str(line);
                }
            } else if let Some((id, value)) = line.split_once(" = ") {
                if !line.starts_with('#') {
                    out.push((id.to_string(), value.to_string()));
                }
            }
        }
        out
    }

    /// A number of things takes the form its number asks for, through Fluent's plural rules
    /// in each language: no "document(s)", and a count followed by a word chooses that word.
    /// French adjectives agree too (`1 nouveau, 2 nouveaux`).
    #[test]
    fn every_count_chooses_its_plural_form() {
        const COUNTS: &[&str] = &[
            "count",
            "n",
            "days",
            "tickets",
            "bytes",
            "s_count",
            "v_count",
            "records",
            "documents",
            "failures",
        ];
        const AGREEING_IN_FRENCH: &[&str] = &[
            "new",
            "changed",
            "unchanged",
            "voided",
            "held",
            "open",
            "paid",
            "ignored",
        ];
        let mut wrong = Vec::new();
        for (code, source) in SOURCES {
            for (id, text) in texts(source) {
                for mark in ["(s)", "(x)", "(en)", "/problemen"] {
                    if text.contains(mark) {
                        wrong.push(format!("{code} {id}: {mark:?} instead of a plural form"));
                    }
                }
                let french = if code == "fr" { AGREEING_IN_FRENCH } else { &[] };
                for var in COUNTS.iter().chain(french) {
                    let placeable = format!("{{ ${var} }}");
                    // Words that read the same after any number: a preposition, "more",
                    // an abbreviation, an English or Dutch participle, French "fois".
                    const SAME_FOR_ANY_NUMBER: &[&str] = &[
                        "in",
                        "more",
                        "ignored",
                        "held",
                        "skipped",
                        "keer",
                        "genegeerd",
                        "vastgehouden",
                        "overgeslagen",
                        "doc",
                        "fois",
                        "de",
                        "en",
                    ];
                    let followed_by_word = text.match_indices(&placeable).any(|(i, _)| {
                        let rest = text[i + placeable.len()..].strip_prefix(' ').unwrap_or("");
                        let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
                        !word.is_empty() && !SAME_FOR_ANY_NUMBER.contains(&word.as_str())
                    });
                    if followed_by_word && !text.contains(&format!("{{ ${var} ->")) {
                        wrong.push(format!(
                            "{code} {id}: ${var} is followed by a word with no plural selection"
                        ));
                    }
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// The variables of each message: its id and the `$names` its text uses.
    fn variables(text: &str) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
        let mut out = std::collections::BTreeMap::new();
        let mut current: Option<String> = None;
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if !line.starts_with(' ') {
                current = line.split(" = ").next().map(str::to_string);
            }
            let Some(id) = &current else { continue };
            let entry: &mut std::collections::BTreeSet<String> = out.entry(id.clone()).or_default();
            for part in line.split('$').skip(1) {
                let name: String = part
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
                    .collect();
                entry.insert(name);
            }
        }
        out
    }

    /// A translation uses only the variables the code gives (those of the English message),
    /// and each one of them: a missing or misspelt one would show `{$name}` to the reader.
    #[test]
    fn every_translation_uses_the_variables_of_its_message() {
        let english = variables(SOURCES[0].1);
        for (code, text) in SOURCES {
            for (id, names) in variables(text) {
                assert_eq!(Some(&names), english.get(&id), "{code}: {id}");
            }
            // And it formats without an error.
            let lang = Lang::new(code);
            for (id, names) in &english {
                let args: Vec<(&str, String)> = names.iter().map(|n| (n.as_str(), "1".to_string())).collect();
                let msg = lang
                    .bundle
                    .get_message(id)
                    .and_then(|m| m.value())
                    .unwrap_or_else(|| panic!("{code}: {id}"));
                let mut fargs = FluentArgs::new();
                for (k, v) in &args {
                    fargs.set(*k, value(v));
                }
                let mut errors = Vec::new();
                lang.bundle.format_pattern(msg, Some(&fargs), &mut errors);
                assert!(errors.is_empty(), "{code}: {id}: {errors:?}");
            }
        }
    }

    /// Every message the code asks for exists: a literal that looks like a message id (a
    /// known prefix, words joined by `-`) and is not one is a typo that would show its id.
    #[test]
    fn every_message_the_code_asks_for_exists() {
        let english = ids(SOURCES[0].1);
        let prefixes: std::collections::BTreeSet<&str> = english.iter().filter_map(|id| id.split('-').next()).collect();
        let mut missing = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
        let mut asked = 0;
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs") {
                    continue;
                }
                if path.ends_with("i18n/mod.rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                // `tr!("id", …)` asks for `id` whatever it looks like.
                for (at, _) in text.match_indices("tr!(") {
                    let before = text[..at].chars().next_back().unwrap_or(' ');
                    if before.is_alphanumeric() || before == '_' {
                        continue;
                    }
                    let after = &text[at + 4..];
                    let Some(rest) = after.trim_start().strip_prefix('"') else {
                        continue;
                    };
                    let id = rest.split('"').next().unwrap_or_default();
                    asked += 1;
                    if !english.contains(id) {
                        missing.push(format!("{}: {id}", path.display()));
                    }
                }
                for literal in text.split('"').skip(1).step_by(2) {
                    let looks_like_id = literal.contains('-')
                        && literal
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
                        && literal.split('-').next().is_some_and(|p| prefixes.contains(p));
                    if looks_like_id {
                        asked += 1;
                        if !english.contains(literal) {
                            missing.push(format!("{}: {literal}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(asked > 100, "the scan found the messages the code asks for");
        assert!(
            missing.is_empty(),
            "messages missing from en.ftl:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn amounts_and_dates_read_as_each_language_writes_them() {
        let d: Decimal = "-3365.73".parse().unwrap();
        assert_eq!(Lang::new("nl").money(d), "-3.365,73");
        assert_eq!(Lang::new("fr").money(d), "-3\u{a0}365,73");
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
