//! Reading TOML into typed values: one section helper, every problem with its line and
//! field, and the spans the reference checks need.

use super::*;

/// A config read so far, with where each item was written (for reference checks).
pub(super) struct Located {
    pub(super) config: Config,
    pub(super) spans: Spans,
}

#[derive(Default)]
pub(super) struct Spans {
    pub(super) category: Vec<Range<usize>>,
    pub(super) method: Vec<Range<usize>>,
    pub(super) source: Vec<Range<usize>>,
    pub(super) daybook: Vec<DayBookSpans>,
    pub(super) journal: Vec<JournalSpans>,
}

#[derive(Default, Clone)]
pub(super) struct DayBookSpans {
    pub(super) table: Range<usize>,
    pub(super) fields: BTreeMap<String, Range<usize>>,
    pub(super) vat_map: BTreeMap<String, Range<usize>>,
    pub(super) payment_map: BTreeMap<String, Range<usize>>,
}

#[derive(Default, Clone)]
pub(super) struct JournalSpans {
    pub(super) table: Range<usize>,
    pub(super) fields: BTreeMap<String, Range<usize>>,
}

#[derive(Default)]
pub(super) struct Reader {
    pub(super) problems: Vec<Problem>,
}

pub(super) type Table<'i> = DeTable<'i>;
pub(super) type Value<'i> = Spanned<DeValue<'i>>;

impl Reader {
    pub(super) fn error(&mut self, span: Range<usize>, field: impl Into<String>, message: impl Into<Text>) {
        self.problems.push(Problem {
            severity: Severity::Error,
            span,
            field: field.into(),
            message: message.into(),
        });
    }
    pub(super) fn warning(&mut self, span: Range<usize>, field: impl Into<String>, message: impl Into<Text>) {
        self.problems.push(Problem {
            severity: Severity::Warning,
            span,
            field: field.into(),
            message: message.into(),
        });
    }

    /// Report keys this section does not know (a typo must not silently fall back to a default).
    pub(super) fn unknown_keys(&mut self, table: &Table, known: &[&str], path: &str) {
        for (k, _) in table.iter() {
            if !known.contains(&k.get_ref().as_ref()) {
                self.error(
                    k.span(),
                    format!("{path}.{}", k.get_ref()),
                    crate::text!("cfg-unknown-field-expected-one", known = known.join(", ")),
                );
            }
        }
    }

    pub(super) fn string(&mut self, table: &Table, key: &str, path: &str) -> Option<(String, Range<usize>)> {
        let v = table.get(key)?;
        match v.get_ref() {
            DeValue::String(s) if s.len() > MAX_VALUE => {
                self.error(
                    v.span(),
                    format!("{path}.{key}"),
                    crate::text!("cfg-bytes-long-at-most", s_count = s.len(), MAX_VALUE = MAX_VALUE),
                );
                None
            }
            DeValue::String(s) => Some((s.to_string(), v.span())),
            DeValue::Integer(i) => Some((i.as_str().to_string(), v.span())),
            DeValue::Datetime(d) => Some((d.to_string(), v.span())),
            _ => {
                self.error(
                    v.span(),
                    format!("{path}.{key}"),
                    crate::text!("cfg-expected-text-value"),
                );
                None
            }
        }
    }

    pub(super) fn required(&mut self, table: &Table, key: &str, path: &str, at: &Range<usize>) -> String {
        match self.string(table, key, path) {
            Some((s, span)) if s.trim().is_empty() => {
                self.error(span, format!("{path}.{key}"), crate::text!("cfg-must-not-be-empty"));
                s
            }
            Some((s, _)) => s,
            None => {
                if table.get(key).is_none() {
                    self.error(
                        at.clone(),
                        format!("{path}.{key}"),
                        crate::text!("cfg-missing-required-field"),
                    );
                }
                String::new()
            }
        }
    }

    pub(super) fn boolean(&mut self, table: &Table, key: &str, path: &str, default: bool) -> bool {
        match table.get(key) {
            None => default,
            Some(v) => match v.get_ref() {
                DeValue::Boolean(b) => *b,
                _ => {
                    self.error(
                        v.span(),
                        format!("{path}.{key}"),
                        crate::text!("cfg-expected-true-or-false"),
                    );
                    default
                }
            },
        }
    }

    pub(super) fn date(&mut self, table: &Table, key: &str, path: &str) -> Option<NaiveDate> {
        let (s, span) = self.string(table, key, path)?;
        match s.parse::<NaiveDate>() {
            Ok(d) if !(EARLIEST..=LATEST).contains(&d) => {
                self.error(
                    span,
                    format!("{path}.{key}"),
                    crate::text!(
                        "cfg-outside-every-day-from",
                        d = d,
                        EARLIEST = EARLIEST,
                        LATEST = LATEST
                    ),
                );
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                self.error(
                    span,
                    format!("{path}.{key}"),
                    crate::text!("cfg-not-date-2026-03", s = format!("{:?}", s)),
                );
                None
            }
        }
    }

    pub(super) fn amount(&mut self, s: &str, span: Range<usize>, field: String) -> Decimal {
        match crate::domain::money::parse_input_amount(s) {
            Ok(d) => d,
            Err(e) => {
                self.error(span, field, e.to_string());
                Decimal::ZERO
            }
        }
    }

    pub(super) fn rate(&mut self, s: &str, span: Range<usize>, field: String) -> Rate {
        if s.eq_ignore_ascii_case("NA") {
            return Rate::NotApplicable;
        }
        match s.parse::<Decimal>() {
            Ok(p) if p >= Decimal::ZERO && p < Decimal::ONE_HUNDRED && !s.contains('e') => Rate::Percent(p),
            _ => {
                self.error(
                    span,
                    field,
                    crate::text!("cfg-rate-neither-percentage-21", s = format!("{:?}", s)),
                );
                Rate::NotApplicable
            }
        }
    }

    pub(super) fn string_list(&mut self, table: &Table, key: &str, path: &str) -> Option<Vec<String>> {
        let v = table.get(key)?;
        match v.get_ref() {
            DeValue::Array(a) => {
                let mut out = Vec::new();
                for item in a.iter() {
                    match item.get_ref() {
                        DeValue::String(s) => out.push(s.to_string()),
                        DeValue::Integer(i) => out.push(i.as_str().to_string()),
                        _ => self.error(
                            item.span(),
                            format!("{path}.{key}"),
                            crate::text!("cfg-expected-list-texts"),
                        ),
                    }
                }
                Some(out)
            }
            _ => {
                self.error(v.span(), format!("{path}.{key}"), crate::text!("cfg-expected-list-1-3"));
                None
            }
        }
    }

    /// `[[name]]` sections: each table with its span.
    pub(super) fn tables<'a, 'i>(&mut self, root: &'a Table<'i>, key: &str) -> Vec<(&'a Table<'i>, Range<usize>)> {
        let Some(v) = root.get(key) else { return Vec::new() };
        match v.get_ref() {
            DeValue::Array(a) => a
                .iter()
                .filter_map(|item| match item.get_ref() {
                    DeValue::Table(t) => Some((t, item.span())),
                    _ => {
                        self.error(item.span(), key, crate::text!("cfg-expected-tables", key = key));
                        None
                    }
                })
                .collect(),
            _ => {
                self.error(v.span(), key, crate::text!("cfg-write-as-list-tables", key = key));
                Vec::new()
            }
        }
    }
}
