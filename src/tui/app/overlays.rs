//! The keys of the review screen's overlays: while a dialog, the help or the filter is
//! open it takes every key; each returns what the worker is to do.

use super::*;

impl App {
    pub(super) fn overlay_key(&mut self, k: KeyEvent) -> Vec<Effect> {
        match std::mem::replace(&mut self.overlay, Overlay::None) {
            Overlay::None => Vec::new(),
            // The help scrolls (j/k, arrows, pages); any other key closes it.
            Overlay::Help => {
                let step = match k.code {
                    KeyCode::Char('j') | KeyCode::Down => 1,
                    KeyCode::Char('k') | KeyCode::Up => -1,
                    KeyCode::PageDown | KeyCode::Char(' ') => 10,
                    KeyCode::PageUp => -10,
                    _ => return Vec::new(),
                };
                self.help_scroll = self.help_scroll.saturating_add_signed(step);
                self.overlay = Overlay::Help;
                Vec::new()
            }
            Overlay::Edit(e) => self.edit_key(e, k),
            Overlay::Confirm(plan) => match k.code {
                KeyCode::Enter | KeyCode::Char('y') => {
                    self.marked.clear();
                    self.message = tr!("tui-confirming", count = plan.days);
                    vec![Effect::Confirm(plan.through)]
                }
                _ => {
                    self.message = tr!("tui-confirm-cancelled");
                    Vec::new()
                }
            },
            Overlay::Map(mut m) => match k.code {
                KeyCode::Down | KeyCode::Char('j') => {
                    m.cursor = (m.cursor + 1).min(m.options.len().saturating_sub(1));
                    self.overlay = Overlay::Map(m);
                    Vec::new()
                }
                KeyCode::Up | KeyCode::Char('k') => {
                    m.cursor = m.cursor.saturating_sub(1);
                    self.overlay = Overlay::Map(m);
                    Vec::new()
                }
                KeyCode::Enter if m.options[m.cursor] == NEW_CODE => {
                    self.overlay = Overlay::Create(crate::tui::create::CreateState::new(m.day, &m.kind, &m.code));
                    Vec::new()
                }
                KeyCode::Enter => vec![Effect::Map {
                    book: m.day.0.clone(),
                    kind: m.kind.clone(),
                    code: m.code.clone(),
                    target: m.options[m.cursor].clone(),
                }],
                KeyCode::Esc => {
                    self.message = tr!("tui-map-cancelled");
                    Vec::new()
                }
                _ => {
                    self.overlay = Overlay::Map(m);
                    Vec::new()
                }
            },
            Overlay::Create(c) => match c.key(k) {
                crate::tui::create::Outcome::Open(c) => {
                    self.overlay = Overlay::Create(c);
                    Vec::new()
                }
                crate::tui::create::Outcome::Cancelled => {
                    self.message = tr!("tui-map-cancelled");
                    Vec::new()
                }
                crate::tui::create::Outcome::Done {
                    day,
                    pos_code,
                    addition,
                } => {
                    self.focus = Pane::Days;
                    vec![Effect::Create {
                        book: day.0,
                        pos_code,
                        addition,
                    }]
                }
            },
            Overlay::Filter(mut f) => {
                match k.code {
                    KeyCode::Enter => {
                        self.filter = f;
                        if self.index().is_none() {
                            self.select_at(0);
                        }
                    }
                    KeyCode::Esc => self.filter.clear(),
                    KeyCode::Backspace => {
                        f.pop();
                        self.overlay = Overlay::Filter(f);
                    }
                    KeyCode::Char(c) => {
                        f.push(c);
                        self.overlay = Overlay::Filter(f);
                    }
                    _ => self.overlay = Overlay::Filter(f),
                }
                Vec::new()
            }
            Overlay::Held(mut h) => {
                use crate::domain::held::Choice;
                match k.code {
                    KeyCode::Esc => return Vec::new(),
                    KeyCode::Enter if h.reason.trim().is_empty() => h.error = Some(tr!("tui-reason-required")),
                    KeyCode::Enter => {
                        return vec![Effect::DecideHeld {
                            source: h.document.source.clone(),
                            id: h.document.id.clone(),
                            choice: h.choice,
                            reason: h.reason,
                        }]
                    }
                    KeyCode::Tab | KeyCode::BackTab => {
                        h.choice = match h.choice {
                            Choice::LeaveOut if h.document.bookable => Choice::Book,
                            Choice::LeaveOut => {
                                h.error = Some(tr!("tui-held-not-bookable"));
                                Choice::LeaveOut
                            }
                            _ => Choice::LeaveOut,
                        }
                    }
                    KeyCode::Backspace => {
                        h.reason.pop();
                    }
                    KeyCode::Char(c) => {
                        h.reason.push(c);
                        h.error = None;
                    }
                    _ => {}
                }
                self.overlay = Overlay::Held(h);
                Vec::new()
            }
            Overlay::IgnoreInvoice { id, mut reason } => match type_reason(&mut reason, k) {
                Typed::Given => vec![Effect::IgnoreInvoice { id, reason }],
                Typed::Dropped => Vec::new(),
                Typed::Typing => {
                    self.overlay = Overlay::IgnoreInvoice { id, reason };
                    Vec::new()
                }
            },
            Overlay::Resolve { day, changes } => match k.code {
                KeyCode::Enter | KeyCode::Char('y') => vec![Effect::Resolve(day)],
                KeyCode::Esc | KeyCode::Char('n') => {
                    self.message = tr!("tui-resolve-cancelled");
                    Vec::new()
                }
                _ => {
                    self.overlay = Overlay::Resolve { day, changes };
                    Vec::new()
                }
            },
            Overlay::Reopen { day, mut reason } => match type_reason(&mut reason, k) {
                Typed::Given => vec![Effect::Reopen { day, reason }],
                Typed::Dropped => Vec::new(),
                Typed::Typing => {
                    self.overlay = Overlay::Reopen { day, reason };
                    Vec::new()
                }
            },
        }
    }

    pub(super) fn edit_key(&mut self, mut e: EditState, k: KeyEvent) -> Vec<Effect> {
        match k.code {
            KeyCode::Esc => {
                self.message = tr!("tui-edit-cancelled");
                return Vec::new();
            }
            KeyCode::Tab | KeyCode::BackTab => e.field = 1 - e.field,
            KeyCode::Backspace => {
                if e.field == 0 {
                    e.amount.pop();
                } else {
                    e.reason.pop();
                }
            }
            KeyCode::Enter => {
                match crate::i18n::current().read_amount(&e.amount) {
                    Err(err) => e.error = Some(err.to_string()),
                    Ok(_) if e.reason.trim().is_empty() => {
                        e.field = 1;
                        e.error = Some(tr!("tui-reason-required"));
                    }
                    Ok(amount) => {
                        // The person goes on with the days, not with the lines of this one.
                        self.focus = Pane::Days;
                        return vec![Effect::Edit {
                            day: e.day,
                            kind: e.target.kind,
                            code: e.target.code,
                            amount,
                            reason: e.reason,
                        }];
                    }
                }
                self.overlay = Overlay::Edit(e);
                return Vec::new();
            }
            KeyCode::Char(c) => {
                if e.field == 0 {
                    // Digits, marks and a leading minus, as the screen writes amounts: the
                    // whole text is read on Enter in the person's notation, never cut short.
                    let allowed = c.is_ascii_digit()
                        || matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}')
                        || (c == '-' && e.amount.is_empty());
                    if allowed && e.amount.chars().count() < 40 {
                        e.amount.push(c);
                    } else if !allowed {
                        // Never dropped unseen: most likely meant for the reason.
                        e.error = Some(tr!("tui-amount-takes", c = c.to_string()));
                        self.overlay = Overlay::Edit(e);
                        return Vec::new();
                    }
                } else {
                    e.reason.push(c);
                }
            }
            _ => {}
        }
        // Said as typed, but not while the text is on its way to an amount (`12,`, `-`).
        let unfinished = e.amount.trim().is_empty() || e.amount.ends_with(['.', ',', ' ', '\u{a0}', '\u{202f}', '-']);
        e.error = match crate::i18n::current().read_amount(&e.amount) {
            Err(err) if !unfinished => Some(err.to_string()),
            _ => None,
        };
        self.overlay = Overlay::Edit(e);
        Vec::new()
    }
}

/// What a key did to a reason being typed.
enum Typed {
    /// Enter on a reason that says something.
    Given,
    /// Esc: the dialog is closed.
    Dropped,
    Typing,
}

/// A key in a dialog that asks for a reason (reopen, ignore an invoice).
fn type_reason(reason: &mut String, k: KeyEvent) -> Typed {
    match k.code {
        KeyCode::Enter if !reason.trim().is_empty() => Typed::Given,
        KeyCode::Esc => Typed::Dropped,
        KeyCode::Backspace => {
            reason.pop();
            Typed::Typing
        }
        KeyCode::Char(c) => {
            reason.push(c);
            Typed::Typing
        }
        _ => Typed::Typing,
    }
}
