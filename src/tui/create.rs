//! The form `m` opens when a mapping needs a VAT category or a payment method the config
//! does not have yet: its fields proposed from the POS code (a VAT group's rate, a method's
//! name through the table of known methods), edited in place, then added to the config and
//! the code mapped to it in one step. Pure, like the rest of the screen's update.

use crossterm::event::{KeyCode, KeyEvent};

use crate::domain::config::addition::Addition;
use crate::domain::setup;
use crate::tr;

/// A day of a book, as the screen keys it.
type DayKey = (String, chrono::NaiveDate);

/// One field of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The message id of its label.
    pub label: &'static str,
    pub value: String,
    /// Typed by the person: no longer follows the rate.
    pub touched: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateState {
    pub day: DayKey,
    /// `vat` or `method`.
    pub kind: String,
    pub pos_code: String,
    pub fields: Vec<Field>,
    pub at: usize,
    /// A method's flag (`cash = true` …), from the proposal; shown, not typed.
    pub flag: Option<&'static str>,
    pub error: Option<String>,
}

/// What a key did to the form.
pub enum Outcome {
    Open(CreateState),
    Cancelled,
    Done {
        day: DayKey,
        pos_code: String,
        addition: Addition,
    },
}

fn field(label: &'static str, value: String) -> Field {
    Field {
        label,
        value,
        touched: false,
    }
}

/// A category's code, name and account from its rate (as `init` proposes them).
fn from_rate(rate: &str) -> [String; 3] {
    let digits: String = rate.chars().filter(|c| c.is_ascii_digit()).collect();
    [
        format!("V{digits}"),
        format!("Omzet {rate}%"),
        format!("7000{:0>2}", digits.chars().take(2).collect::<String>()),
    ]
}

impl CreateState {
    /// The form for a POS code, its fields proposed.
    pub fn new(day: DayKey, kind: &str, pos_code: &str) -> Self {
        let (fields, flag) = if kind == "vat" {
            let rate = setup::rate_of(pos_code, &setup::Tally::default())
                .unwrap_or("")
                .to_string();
            let [code, name, account] = if rate.is_empty() {
                Default::default()
            } else {
                from_rate(&rate)
            };
            (
                vec![
                    field("tui-create-rate", rate),
                    field("tui-create-code", code),
                    field("tui-create-name", name),
                    field("tui-create-account", account),
                ],
                None,
            )
        } else {
            let m = setup::propose_method(pos_code);
            let (code, name, account, flag) = match m {
                Some(m) => (m.code, m.name, m.account, (!m.flags.is_empty()).then_some(m.flags)),
                None => (
                    setup::method_code(pos_code),
                    pos_code.to_string(),
                    setup::OTHER_ACCOUNT.into(),
                    None,
                ),
            };
            (
                vec![
                    field("tui-create-code", code),
                    field("tui-create-name", name),
                    field("tui-create-account", account),
                ],
                flag,
            )
        };
        CreateState {
            day,
            kind: kind.to_string(),
            pos_code: pos_code.to_string(),
            fields,
            at: 0,
            flag,
            error: None,
        }
    }

    /// A VAT form's fields not typed by the person follow its rate.
    fn follow_rate(&mut self) {
        if self.kind != "vat" {
            return;
        }
        let rate = self.fields[0].value.trim().to_string();
        let proposed = from_rate(&rate);
        for (f, v) in self.fields[1..].iter_mut().zip(proposed) {
            if !f.touched {
                f.value = if rate.is_empty() { String::new() } else { v };
            }
        }
    }

    fn addition(&self) -> Result<Addition, String> {
        let v = |i: usize| self.fields[i].value.trim().to_string();
        if let Some(i) = (0..self.fields.len()).find(|i| v(*i).is_empty()) {
            return Err(tr!("tui-create-field-empty", field = tr!(self.fields[i].label)));
        }
        Ok(if self.kind == "vat" {
            Addition::Category {
                code: v(1),
                name: v(2),
                rate: v(0),
                account: v(3),
            }
        } else {
            Addition::Method {
                code: v(0),
                name: v(1),
                account: v(2),
                flag: self.flag,
            }
        })
    }

    pub fn key(mut self, k: KeyEvent) -> Outcome {
        let last = self.fields.len() - 1;
        match k.code {
            KeyCode::Esc => return Outcome::Cancelled,
            KeyCode::Tab | KeyCode::Down => self.at = (self.at + 1) % self.fields.len(),
            KeyCode::BackTab | KeyCode::Up => self.at = (self.at + last) % self.fields.len(),
            KeyCode::Backspace => {
                self.fields[self.at].value.pop();
                self.fields[self.at].touched = true;
                if self.at == 0 {
                    self.follow_rate();
                }
            }
            KeyCode::Enter if self.at < last => self.at += 1,
            KeyCode::Enter => match self.addition() {
                Ok(addition) => {
                    return Outcome::Done {
                        day: self.day,
                        pos_code: self.pos_code,
                        addition,
                    }
                }
                Err(e) => self.error = Some(e),
            },
            KeyCode::Char(c) if !c.is_control() && self.fields[self.at].value.chars().count() < 60 => {
                self.fields[self.at].value.push(c);
                self.fields[self.at].touched = true;
                if self.at == 0 {
                    self.follow_rate();
                }
                self.error = None;
            }
            _ => {}
        }
        Outcome::Open(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    fn typed(mut s: CreateState, text: &str) -> CreateState {
        for c in text.chars() {
            match s.key(key(KeyCode::Char(c))) {
                Outcome::Open(n) => s = n,
                _ => panic!("closed"),
            }
        }
        s
    }

    fn day() -> DayKey {
        ("DO1".into(), chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap())
    }

    #[test]
    fn a_vat_group_s_fields_follow_the_rate_typed() {
        let s = CreateState::new(day(), "vat", "3");
        assert_eq!(s.fields[0].value, "", "a code alone says no rate");
        let s = typed(s, "12");
        let values: Vec<&str> = s.fields.iter().map(|f| f.value.as_str()).collect();
        assert_eq!(values, ["12", "V12", "Omzet 12%", "700012"]);
        let Outcome::Done { addition, pos_code, .. } = (match s.key(key(KeyCode::Enter)) {
            Outcome::Open(s) => match s.key(key(KeyCode::Enter)) {
                Outcome::Open(s) => match s.key(key(KeyCode::Enter)) {
                    Outcome::Open(s) => s.key(key(KeyCode::Enter)),
                    o => o,
                },
                o => o,
            },
            o => o,
        }) else {
            panic!("not done")
        };
        assert_eq!(pos_code, "3");
        assert_eq!(
            addition,
            Addition::Category {
                code: "V12".into(),
                name: "Omzet 12%".into(),
                rate: "12".into(),
                account: "700012".into()
            }
        );
    }

    #[test]
    fn a_method_is_proposed_from_the_table_and_an_empty_field_is_said() {
        let s = CreateState::new(day(), "method", "Maaltijdcheque");
        let values: Vec<&str> = s.fields.iter().map(|f| f.value.as_str()).collect();
        assert_eq!(values, ["MAALTIJD", "Maaltijdcheques", "416100"]);
        let mut s = CreateState::new(day(), "vat", "X");
        s.at = 3;
        let Outcome::Open(s) = s.key(key(KeyCode::Enter)) else {
            panic!()
        };
        assert!(s.error.is_some());
    }
}
