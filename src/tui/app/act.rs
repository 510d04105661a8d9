//! What each action of the keymap does to the screen's state, and the work it asks of the
//! worker: moving through the days, opening dialogs, marking, confirming.

use super::*;

impl App {
    pub(super) fn move_by(&mut self, delta: i64) {
        if self.show_invoices {
            let n = self.invoices.len();
            if n > 0 {
                self.invoice = (self.invoice as i64 + delta).clamp(0, n as i64 - 1) as usize;
            }
            return;
        }
        if self.focus == Pane::Book {
            let n = self.lines().len();
            if n > 0 {
                self.line = (self.line as i64 + delta).clamp(0, n as i64 - 1) as usize;
            }
            return;
        }
        let n = self.visible().len();
        if n == 0 {
            return;
        }
        let i = self
            .index()
            .map_or(0, |i| (i as i64 + delta).clamp(0, n as i64 - 1) as usize);
        self.select_at(i);
    }

    pub(super) fn jump_problem(&mut self, forward: bool) {
        let vis = self.visible();
        let here = self.index().unwrap_or(0);
        let found = if forward {
            vis.iter()
                .enumerate()
                .skip(here + 1)
                .find(|(_, v)| !v.blockers.is_empty() && !is_only_open(v))
        } else {
            vis.iter()
                .enumerate()
                .take(here)
                .rev()
                .find(|(_, v)| !v.blockers.is_empty() && !is_only_open(v))
        }
        .map(|(i, _)| i);
        match found {
            Some(i) => self.select_at(i),
            None => self.message = tr!("tui-no-other-problem"),
        }
    }

    pub(super) fn act(&mut self, a: Action) -> Vec<Effect> {
        self.message.clear();
        self.message_bad = false;
        match a {
            Action::NextDay => self.move_by(1),
            Action::PreviousDay => self.move_by(-1),
            Action::FirstDay => {
                if self.focus == Pane::Book {
                    self.line = 0;
                } else {
                    self.select_at(0);
                }
            }
            Action::LastDay => {
                if self.focus == Pane::Book {
                    self.line = self.lines().len().saturating_sub(1);
                } else {
                    let n = self.visible().len();
                    self.select_at(n.saturating_sub(1));
                }
            }
            Action::NextProblem => self.jump_problem(true),
            Action::PreviousProblem => self.jump_problem(false),
            Action::ApproveDay => {
                let Some(v) = self.selected_view() else {
                    return Vec::new();
                };
                if v.is_confirmed() {
                    self.message = tr!(
                        "tui-already",
                        date = crate::i18n::day(v.date),
                        status = crate::i18n::words::status(v.status)
                    );
                    return Vec::new();
                }
                let key = key_of(v);
                let first_open = self
                    .days
                    .iter()
                    .find(|x| x.book == key.0 && !x.is_confirmed())
                    .map(key_of);
                if first_open.as_ref() == Some(&key) {
                    if let Some(b) = v.blockers.iter().find(|b| !matches!(b, Blocker::Drift { .. })) {
                        self.message = tr!(
                            "tui-cannot-approve",
                            date = crate::i18n::day(v.date),
                            reason = b.to_string()
                        );
                        self.message_bad = true;
                        return Vec::new();
                    }
                    self.look_at(std::slice::from_ref(&key));
                    return vec![Effect::Confirm(vec![key])];
                }
                // Earlier days are open: show the run this approval needs (R5).
                let plan = self.plan(&[key]);
                self.look_at_plan(&plan);
                self.overlay = Overlay::Confirm(plan);
            }
            Action::EditLine => {
                let Some(v) = self.selected_view() else {
                    return Vec::new();
                };
                if v.is_confirmed() {
                    self.message = tr!(
                        "tui-closed-no-edits",
                        date = crate::i18n::day(v.date),
                        status = crate::i18n::words::status(v.status)
                    );
                    return Vec::new();
                }
                let day = key_of(v);
                let lines = self.lines();
                let Some(target) = lines.get(self.line).cloned() else {
                    self.message = tr!("tui-no-line");
                    return Vec::new();
                };
                self.focus = Pane::Book;
                self.look_at(std::slice::from_ref(&day));
                self.overlay = Overlay::Edit(EditState {
                    day,
                    amount: String::new(),
                    target,
                    reason: String::new(),
                    field: 0,
                    error: None,
                });
            }
            Action::MapCode => {
                let Some(v) = self.selected_view() else {
                    return Vec::new();
                };
                let unmapped = v.blockers.iter().find_map(|b| match b {
                    Blocker::Unmapped { what, code } if what != "setting" => Some((what.clone(), code.clone())),
                    _ => None,
                });
                let Some((kind, code)) = unmapped else {
                    self.message = tr!("tui-nothing-to-map");
                    return Vec::new();
                };
                let mut options = if kind == "vat" {
                    self.categories.clone()
                } else {
                    self.methods.clone()
                };
                options.push(NEW_CODE.into());
                options.push("ignore".into());
                let key = key_of(v);
                self.look_at(std::slice::from_ref(&key));
                self.overlay = Overlay::Map(MapState {
                    day: key,
                    kind,
                    code,
                    options,
                    cursor: 0,
                });
            }
            Action::MarkDay => {
                if let Some(k) = self.selected.clone() {
                    if !self.marked.remove(&k) {
                        self.marked.insert(k);
                    }
                    self.move_by(1);
                }
            }
            Action::ConfirmMarked => {
                let targets: Vec<DayKey> = if self.marked.is_empty() {
                    // All valid: through the last day of each book.
                    let mut last: Vec<DayKey> = Vec::new();
                    for v in &self.days {
                        match last.iter_mut().find(|(b, _)| *b == v.book) {
                            Some(x) => x.1 = x.1.max(v.date),
                            None => last.push(key_of(v)),
                        }
                    }
                    last
                } else {
                    self.marked.iter().cloned().collect()
                };
                if targets.is_empty() {
                    return Vec::new();
                }
                let plan = self.plan(&targets);
                self.look_at_plan(&plan);
                self.overlay = Overlay::Confirm(plan);
            }
            // R9: the last confirmed day of the selected day's book, whichever day is selected.
            Action::ReopenDay => {
                let Some(book) = self.selected_view().map(|v| v.book.clone()) else {
                    return Vec::new();
                };
                let last = self
                    .days
                    .iter()
                    .filter(|v| v.book == book && v.is_confirmed())
                    .max_by_key(|v| v.date)
                    .filter(|v| v.status == crate::domain::book::Status::Confirmed)
                    .map(key_of);
                let Some(key) = last else {
                    self.message = tr!("tui-nothing-to-reopen", book = book);
                    return Vec::new();
                };
                // The day to be reopened is the one shown.
                self.selected = Some(key.clone());
                self.look_at(std::slice::from_ref(&key));
                self.overlay = Overlay::Reopen {
                    day: key,
                    reason: String::new(),
                };
                return self.want_detail().into_iter().collect();
            }
            Action::ResolveDrift => {
                let Some(v) = self.selected_view() else {
                    return Vec::new();
                };
                if v.drift.is_none() {
                    self.message = tr!("tui-no-drift", date = crate::i18n::day(v.date));
                    return Vec::new();
                }
                let key = key_of(v);
                let changes: Vec<String> = v
                    .drift
                    .iter()
                    .flat_map(|d| d.changes.iter())
                    .map(|(kind, code, amount)| {
                        let kind = match kind {
                            LineKind::Turnover => tr!("tui-kind-turnover"),
                            LineKind::Payment => tr!("tui-kind-payment"),
                        };
                        format!("{kind} {code} {amount}")
                    })
                    .collect();
                self.look_at(std::slice::from_ref(&key));
                self.overlay = Overlay::Resolve { day: key, changes };
            }
            Action::SyncNow => {
                self.sync = SyncState::Running(tr!("tui-sync-starting"));
                return vec![Effect::Sync];
            }
            Action::Invoices => {
                self.show_invoices = !self.show_invoices;
                if self.show_invoices {
                    return vec![Effect::LoadInvoices];
                }
            }
            Action::IgnoreInvoice => {
                if !self.show_invoices {
                    self.message = tr!("tui-open-invoices-first");
                    return Vec::new();
                }
                match self.invoices.get(self.invoice) {
                    Some(inv) if inv.status == InvoiceStatus::Ignored => {
                        self.message = tr!("tui-invoice-already-ignored", id = inv.id)
                    }
                    Some(inv) => {
                        self.overlay = Overlay::IgnoreInvoice {
                            id: inv.id.clone(),
                            reason: String::new(),
                        }
                    }
                    None => self.message = tr!("tui-no-invoice"),
                }
            }
            Action::DecideHeld => {
                let open = self.selected_view().and_then(|v| {
                    let h = v.held.iter().find(|h| h.open())?;
                    Some(((v.book.clone(), v.date), h.clone()))
                });
                match open {
                    Some((day, document)) => {
                        self.overlay = Overlay::Held(HeldState {
                            day,
                            choice: crate::domain::held::Choice::LeaveOut,
                            document,
                            reason: String::new(),
                            error: None,
                        })
                    }
                    None => self.message = tr!("tui-no-held"),
                }
            }
            // A new filter is typed anew (it used to add to the one before).
            Action::Filter => self.overlay = Overlay::Filter(String::new()),
            Action::ToggleVat => self.incl_vat = !self.incl_vat,
            Action::NextPane => {
                self.focus = match self.focus {
                    Pane::Days => Pane::Pos,
                    Pane::Pos => Pane::Book,
                    Pane::Book => Pane::Days,
                }
            }
            Action::DrillDown => {
                if let Some(k) = self.selected.clone() {
                    self.drill = true;
                    self.focus = Pane::Pos;
                    return vec![Effect::LoadTickets(k)];
                }
            }
            Action::Back => {
                // On the days with nothing open, a screen opened from the firm's overview
                // goes back to it.
                if self.in_firm && !self.drill && self.focus == Pane::Days && !self.show_invoices {
                    self.quit = true;
                    return vec![Effect::Quit];
                }
                self.drill = false;
                self.focus = Pane::Days;
            }
            Action::Help => {
                self.help_scroll = 0;
                self.overlay = Overlay::Help;
            }
            Action::Quit => {
                self.quit = true;
                return vec![Effect::Quit];
            }
        }
        Vec::new()
    }
}
