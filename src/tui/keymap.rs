//! Key bindings: `keymap.toml` at the repository root holds the defaults (embedded); a user
//! file in the same format overrides single keys. Unknown actions, bad keys and duplicates
//! are reported with their line.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use toml::de::{DeTable, DeValue};

use crate::domain::config::line_of;

pub const DEFAULT: &str = include_str!("../../keymap.toml");

/// What a key does; the names are the `run` values of `keymap.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    NextDay,
    PreviousDay,
    FirstDay,
    LastDay,
    NextProblem,
    PreviousProblem,
    ApproveDay,
    EditLine,
    MapCode,
    MarkDay,
    ConfirmMarked,
    ReopenDay,
    ResolveDrift,
    SyncNow,
    Invoices,
    IgnoreInvoice,
    DecideHeld,
    Filter,
    ToggleVat,
    NextPane,
    DrillDown,
    Back,
    Help,
    Quit,
}

const ACTIONS: &[(&str, Action)] = &[
    ("next_day", Action::NextDay),
    ("previous_day", Action::PreviousDay),
    ("first_day", Action::FirstDay),
    ("last_day", Action::LastDay),
    ("next_problem", Action::NextProblem),
    ("previous_problem", Action::PreviousProblem),
    ("approve_day", Action::ApproveDay),
    ("edit_line", Action::EditLine),
    ("map_code", Action::MapCode),
    ("mark_day", Action::MarkDay),
    ("confirm_marked", Action::ConfirmMarked),
    ("reopen_day", Action::ReopenDay),
    ("resolve_drift", Action::ResolveDrift),
    ("sync_now", Action::SyncNow),
    ("invoices", Action::Invoices),
    ("ignore_invoice", Action::IgnoreInvoice),
    ("decide_held", Action::DecideHeld),
    ("filter", Action::Filter),
    ("toggle_vat", Action::ToggleVat),
    ("next_pane", Action::NextPane),
    ("drill_down", Action::DrillDown),
    ("back", Action::Back),
    ("help", Action::Help),
    ("quit", Action::Quit),
];

impl Action {
    pub fn name(self) -> &'static str {
        ACTIONS.iter().find(|(_, a)| *a == self).map(|(n, _)| *n).unwrap_or("?")
    }
}

/// A key as written in the keymap: `j`, `G`, `<Space>`, `<C-c>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    pub fn from_event(e: &KeyEvent) -> Key {
        // Shifted letters arrive as upper case already; BackTab is Shift-Tab.
        let code = e.code;
        Key {
            code,
            ctrl: e.modifiers.contains(KeyModifiers::CONTROL),
        }
    }

    pub fn parse(s: &str) -> Result<Key, String> {
        let named = |n: &str| -> Option<KeyCode> {
            Some(match n.to_ascii_lowercase().as_str() {
                "space" => KeyCode::Char(' '),
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "enter" => KeyCode::Enter,
                "esc" => KeyCode::Esc,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" => KeyCode::PageUp,
                "pagedown" => KeyCode::PageDown,
                "backspace" => KeyCode::Backspace,
                "delete" => KeyCode::Delete,
                _ => return None,
            })
        };
        if let Some(inner) = s.strip_prefix('<').and_then(|r| r.strip_suffix('>')) {
            if let Some(rest) = inner.strip_prefix("C-") {
                let mut chars = rest.chars();
                return match (chars.next(), chars.next()) {
                    (Some(c), None) => Ok(Key {
                        code: KeyCode::Char(c),
                        ctrl: true,
                    }),
                    _ => named(rest)
                        .map(|code| Key { code, ctrl: true })
                        .ok_or_else(|| crate::tr!("keymap-unknown-key", s = format!("{:?}", s))),
                };
            }
            return named(inner)
                .map(|code| Key { code, ctrl: false })
                .ok_or_else(|| crate::tr!("keymap-unknown-key", s = format!("{:?}", s)));
        }
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => Ok(Key {
                code: KeyCode::Char(c),
                ctrl: false,
            }),
            _ => Err(format!(
                "unknown key {s:?}; write one character or a name like <Space>, <C-c>"
            )),
        }
    }

    pub fn label(&self) -> String {
        let base = match self.code {
            // The keys with names say them as the keyboard of the person's language does.
            KeyCode::Char(' ') => crate::tr!("key-space"),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Enter => crate::tr!("key-enter"),
            KeyCode::Esc => crate::tr!("key-esc"),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("C-{base}")
        } else {
            base
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub action: Action,
    pub desc: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

/// How a key sequence matches the keymap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    Action(Action),
    /// The keys so far start a longer binding: wait for the next key.
    Prefix,
    None,
}

impl Keymap {
    /// The shipped defaults.
    pub fn default_map() -> Keymap {
        let (map, problems) = parse(DEFAULT, "keymap.toml");
        debug_assert!(problems.is_empty(), "{problems:?}");
        map
    }

    /// Defaults patched by a user file: a user binding replaces every default on its keys.
    pub fn with_user(text: &str, file: &str) -> (Keymap, Vec<String>) {
        let mut map = Keymap::default_map();
        let (user, problems) = parse(text, file);
        for b in user.bindings {
            map.bindings.retain(|d| d.keys != b.keys);
            map.bindings.push(b);
        }
        (map, problems)
    }

    pub fn lookup(&self, keys: &[Key]) -> Lookup {
        if let Some(b) = self.bindings.iter().find(|b| b.keys == keys) {
            return Lookup::Action(b.action);
        }
        if self
            .bindings
            .iter()
            .any(|b| b.keys.len() > keys.len() && b.keys.starts_with(keys))
        {
            return Lookup::Prefix;
        }
        Lookup::None
    }

    /// What the help shows for a binding: the action in the reader's language, or the
    /// user's own `desc` when their keymap gives one of its own.
    pub fn describe(&self, b: &Binding) -> String {
        static SHIPPED: std::sync::OnceLock<Keymap> = std::sync::OnceLock::new();
        let shipped = SHIPPED.get_or_init(Keymap::default_map);
        let own = !b.desc.is_empty()
            && b.desc != b.action.name().replace('_', " ")
            && !shipped
                .bindings
                .iter()
                .any(|d| d.action == b.action && d.desc == b.desc);
        if own {
            b.desc.clone()
        } else {
            crate::tr!(&format!("action-{}", b.action.name()))
        }
    }

    /// The first key label bound to an action (for hints).
    pub fn hint(&self, action: Action) -> String {
        self.bindings
            .iter()
            .find(|b| b.action == action)
            .map(|b| b.keys.iter().map(Key::label).collect::<Vec<_>>().join(" "))
            .unwrap_or_else(|| "-".into())
    }
}

/// Parse a keymap file; problems are `FILE:LINE: message`, bad entries are skipped.
pub fn parse(text: &str, file: &str) -> (Keymap, Vec<String>) {
    let mut problems = Vec::new();
    let mut map = Keymap::default();
    let root = match DeTable::parse(text) {
        Ok(r) => r,
        Err(e) => {
            let line = line_of(text, e.span().map(|s| s.start).unwrap_or(0));
            return (map, vec![format!("{file}:{line}: {}", e.message())]);
        }
    };
    for (section, value) in root.get_ref().iter() {
        let DeValue::Table(t) = value.get_ref() else {
            problems.push(format!(
                "{file}:{}: [{}] must be a table",
                line_of(text, value.span().start),
                section.get_ref()
            ));
            continue;
        };
        if section.get_ref().as_ref() != "days" {
            problems.push(format!(
                "{file}:{}: unknown section [{}]; expected [days]",
                line_of(text, section.span().start),
                section.get_ref()
            ));
            continue;
        }
        for (key, list) in t.iter() {
            let name = key.get_ref().as_ref();
            let prepend = match name {
                "keymap" | "append_keymap" => false,
                "prepend_keymap" => true,
                _ => {
                    problems.push(format!(
                        "{file}:{}: unknown key {name:?}; expected keymap, prepend_keymap or append_keymap",
                        line_of(text, key.span().start)
                    ));
                    continue;
                }
            };
            let DeValue::Array(items) = list.get_ref() else {
                problems.push(format!(
                    "{file}:{}: {name} must be a list",
                    line_of(text, list.span().start)
                ));
                continue;
            };
            for item in items.iter() {
                let line = line_of(text, item.span().start);
                match binding(item.get_ref()) {
                    Ok(b) => {
                        if map.bindings.iter().any(|x| x.keys == b.keys && x.action != b.action) {
                            problems.push(format!(
                                "{file}:{line}: {} is bound twice; the later binding wins",
                                b.keys.iter().map(Key::label).collect::<Vec<_>>().join(" ")
                            ));
                            map.bindings.retain(|x| x.keys != b.keys);
                        }
                        if prepend {
                            map.bindings.insert(0, b);
                        } else {
                            map.bindings.push(b);
                        }
                    }
                    Err(e) => problems.push(format!("{file}:{line}: {e}")),
                }
            }
        }
    }
    (map, problems)
}

fn binding(v: &DeValue) -> Result<Binding, String> {
    let DeValue::Table(t) = v else {
        return Err("expected { on = \"j\", run = \"next_day\", desc = \"…\" }".into());
    };
    let on = t.get("on").ok_or("missing `on`")?;
    let keys = match on.get_ref() {
        DeValue::String(s) => vec![Key::parse(s)?],
        DeValue::Array(a) => a
            .iter()
            .map(|k| match k.get_ref() {
                DeValue::String(s) => Key::parse(s),
                _ => Err(crate::tr!("keymap-lists-keys-as-texts")),
            })
            .collect::<Result<_, _>>()?,
        _ => return Err(crate::tr!("keymap-key-or-list-keys")),
    };
    if keys.is_empty() {
        return Err(crate::tr!("keymap-empty"));
    }
    let run = match t.get("run").map(|r| r.get_ref()) {
        Some(DeValue::String(s)) => s.to_string(),
        _ => return Err("missing `run`".into()),
    };
    let action = ACTIONS
        .iter()
        .find(|(n, _)| *n == run)
        .map(|(_, a)| *a)
        .ok_or_else(|| crate::tr!("keymap-unknown-action", run = format!("{:?}", run)))?;
    let desc = match t.get("desc").map(|d| d.get_ref()) {
        Some(DeValue::String(s)) => s.to_string(),
        _ => run.replace('_', " "),
    };
    Ok(Binding { keys, action, desc })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_keymap_parses_and_binds_every_action() {
        let (map, problems) = parse(DEFAULT, "keymap.toml");
        assert!(problems.is_empty(), "{problems:?}");
        for (name, action) in ACTIONS {
            assert!(map.bindings.iter().any(|b| b.action == *action), "{name} has no key");
        }
    }

    #[test]
    fn a_user_file_overrides_single_keys_and_reports_bad_lines() {
        let user = "[days]\nkeymap = [\n  { on = \"x\", run = \"approve_day\" },\n  { on = \"a\", run = \"fly\" },\n  { on = \"<Nope>\", run = \"quit\" },\n]\n";
        let (map, problems) = Keymap::with_user(user, "user.toml");
        assert_eq!(
            map.lookup(&[Key::parse("x").unwrap()]),
            Lookup::Action(Action::ApproveDay)
        );
        assert_eq!(
            map.lookup(&[Key::parse("a").unwrap()]),
            Lookup::Action(Action::ApproveDay),
            "defaults stay"
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].starts_with("user.toml:4: unknown action \"fly\""),
            "{problems:?}"
        );
        assert!(
            problems[1].starts_with("user.toml:5: unknown key \"<Nope>\""),
            "{problems:?}"
        );
    }

    #[test]
    fn sequences_wait_for_their_next_key() {
        let map = Keymap::default_map();
        let g = Key::parse("g").unwrap();
        assert_eq!(map.lookup(&[g]), Lookup::Prefix);
        assert_eq!(map.lookup(&[g, g]), Lookup::Action(Action::FirstDay));
    }
}
