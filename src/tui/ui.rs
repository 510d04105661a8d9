//! Drawing: reads the state, never changes it. Works at 80×24; honours NO_COLOR.

use std::collections::BTreeSet;

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Sparkline, Wrap};
use ratatui::Frame;

use super::app::{App, Overlay, Pane, SyncState};
use super::keymap::Action;

mod overlays;
use crate::domain::book::{Blocker, DayView, LineKind, Status};
use crate::i18n::{self, money as fmt_local};
use crate::tr;

struct Theme {
    color: bool,
}

impl Theme {
    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }
    fn bad(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    fn good(&self) -> Style {
        self.fg(Color::Green)
    }
    fn dim(&self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default()
        }
    }
    fn head(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
        } else {
            self.dim()
        }
    }
}

fn weekday(d: chrono::NaiveDate) -> String {
    i18n::current().weekday(d)
}

fn day_month(d: chrono::NaiveDate) -> String {
    i18n::current().day_month(d)
}

/// What a day's marks mean, for the status line: its status (the first blocker, when it
/// has one) and each flag.
pub fn meaning(v: &DayView, marked: bool) -> String {
    let sym = symbol(v);
    let mut parts = Vec::new();
    match sym {
        "✗" => {
            let first = v.blockers.iter().find(|b| !matches!(b, Blocker::NotEnded));
            parts.push(format!(
                "✗ {}",
                first
                    .map(i18n::words::blocker)
                    .unwrap_or_else(|| tr!("tui-legend-blocked"))
            ));
        }
        "·" => parts.push(format!("· {}", tr!("tui-legend-proposed"))),
        "✓" => parts.push(format!("✓ {}", tr!("tui-legend-confirmed"))),
        "■" => parts.push(format!("■ {}", tr!("tui-legend-centralised"))),
        "…" => parts.push(format!("… {}", tr!("tui-legend-waiting"))),
        _ => {}
    }
    if v.overdue {
        parts.push(format!("! {}", tr!("tui-legend-overdue")));
    }
    if v.drift.is_some() {
        parts.push(format!("~ {}", tr!("tui-legend-drift")));
    }
    if marked {
        parts.push(format!("* {}", tr!("tui-legend-marked")));
    }
    parts.join(" · ")
}

/// A dialog's title: framed by a space, its first letter a capital (a Dutch title may start
/// with a word that is written small in a sentence).
fn titled(text: impl Into<String>) -> String {
    let text: String = text.into();
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => format!(" {}{} ", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

/// A text in lines of at most `room` characters, broken between words (a word longer than
/// a line is cut with `…`).
pub fn wrap_words(text: &str, room: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let word = fit(word, room);
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > room {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    out.push(line);
    out
}

/// A text cut to `room` characters, with `…` where it was cut.
pub fn fit(text: &str, room: usize) -> String {
    if text.chars().count() <= room {
        return text.to_string();
    }
    let mut out: String = text.chars().take(room.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The status symbol of the days list.
pub fn symbol(v: &DayView) -> &'static str {
    match v.status {
        Status::Centralised => "■",
        Status::Confirmed => "✓",
        // Waiting for its data: not a problem of the day's figures, nor a valid day.
        _ if v.awaits_data() && !v.blocked_for_a_person() => "…",
        _ if v.blockers.iter().any(|b| !matches!(b, Blocker::NotEnded)) => "✗",
        Status::Empty => " ",
        Status::Proposed => "·",
    }
}

pub fn draw(f: &mut Frame, app: &App) {
    let t = Theme { color: app.color };
    let area = f.area();
    let [top, main, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(5),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let wide = area.width >= 110;
    let left_w = if wide { 30 } else { 24 };
    let mid_w = if wide { (area.width - left_w) * 2 / 5 } else { 20 };
    let [left, middle, right] = Layout::horizontal([
        Constraint::Length(left_w),
        Constraint::Length(mid_w),
        Constraint::Min(20),
    ])
    .areas(main);

    let vat = if app.incl_vat {
        tr!("tui-incl-vat")
    } else {
        tr!("tui-excl-vat")
    };
    let filter = if app.filter.is_empty() {
        String::new()
    } else {
        format!(" · {}", tr!("tui-filter", text = app.filter))
    };
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" dagkas ", t.head()),
            Span::raw(format!("· {} · {vat}{filter}", app.dossier)),
        ])),
        top,
    );
    draw_days(f, app, &t, left, wide);
    // The invoice register and the tickets of a day (sentences with amounts) take both panes.
    let both = Rect {
        width: middle.width + right.width,
        ..middle
    };
    if app.show_invoices {
        draw_invoices(f, app, &t, both);
    } else if app.drill {
        draw_pos(f, app, &t, both);
    } else {
        draw_pos(f, app, &t, middle);
        draw_book(f, app, &t, right);
    }

    let sync = match &app.sync {
        SyncState::Idle => match &app.last_run {
            // When the last run was, and who ran it (the service, a screen, a command).
            Some(r) => Span::styled(
                format!(
                    "{}{}{}",
                    tr!(
                        "tui-last-sync",
                        time = r.at.with_timezone(&chrono::Local).format("%H:%M"),
                        by = r.by,
                        how = r.how
                    ),
                    if r.ok {
                        String::new()
                    } else {
                        format!(" {}", tr!("tui-sync-run-failed"))
                    },
                    if r.notify.is_empty() {
                        String::new()
                    } else {
                        format!(" · {}", tr!("tui-notify-failed"))
                    }
                ),
                if r.ok && r.notify.is_empty() { t.dim() } else { t.bad() },
            ),
            None => Span::styled(tr!("tui-no-sync"), t.dim()),
        },
        SyncState::Running(p) => Span::styled(tr!("tui-sync-running", progress = p), t.fg(Color::Yellow)),
        SyncState::Failed(e) => Span::styled(tr!("tui-sync-failed", reason = e), t.bad()),
    };
    let msg_style = if app.message_bad { t.bad() } else { Style::default() };
    // With nothing to say, the status line says what the selected day's marks mean.
    let said = if app.message.is_empty() {
        Span::styled(
            app.selected_view()
                .map(|v| meaning(v, app.marked.contains(&(v.book.clone(), v.date))))
                .unwrap_or_default(),
            t.dim(),
        )
    } else {
        Span::styled(app.message.clone(), msg_style)
    };
    let room = (status.width as usize).saturating_sub(sync.content.chars().count() + 3);
    let said = Span::styled(fit(&said.content, room), said.style);
    f.render_widget(Paragraph::new(Line::from(vec![sync, Span::raw(" │ "), said])), status);
    let k = |a: Action| app.keymap.hint(a);
    // The hints in order of use, as many as fit; help and quit always (help holds the rest).
    let items = [
        (
            format!("{} {}", k(Action::NextDay), k(Action::PreviousDay)),
            "tui-hint-move",
        ),
        (k(Action::NextProblem), "tui-hint-problem"),
        (k(Action::ApproveDay), "tui-hint-approve"),
        (k(Action::EditLine), "tui-hint-edit"),
        (k(Action::ConfirmMarked), "tui-hint-confirm"),
        (k(Action::MarkDay), "tui-hint-mark"),
        (k(Action::MapCode), "tui-hint-map"),
        (k(Action::DecideHeld), "tui-hint-held"),
    ];
    let item = |(key, word): &(String, &str)| format!("{key} {}", tr!(word));
    let tail = [(k(Action::Help), "tui-hint-help"), (k(Action::Quit), "tui-hint-quit")]
        .iter()
        .map(item)
        .collect::<Vec<_>>()
        .join("  ");
    let room = hints.width as usize;
    let mut hint = String::new();
    for i in &items {
        let next = item(i);
        if hint.chars().count() + next.chars().count() + 2 + tail.chars().count() + 2 > room {
            break;
        }
        hint.push_str(&next);
        hint.push_str("  ");
    }
    hint.push_str(&tail);
    f.render_widget(Paragraph::new(Span::styled(hint, t.dim())), hints);

    overlays::draw(f, app, &t, area, status);
}

fn popup(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width.saturating_sub(2));
    let h = h.min(area.height.saturating_sub(2));
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn draw_days(f: &mut Frame, app: &App, t: &Theme, area: Rect, wide: bool) {
    let block = Block::bordered()
        .title(titled(tr!("tui-days")))
        .border_style(t.border(app.focus == Pane::Days));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [spark, list] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
    let visible = app.visible();
    let idx = app
        .selected
        .as_ref()
        .and_then(|k| visible.iter().position(|v| v.book == k.0 && v.date == k.1))
        .unwrap_or(0);
    let data: Vec<u64> = visible
        .iter()
        .rev()
        .take(spark.width as usize)
        .rev()
        .map(|v| {
            v.turnover
                .max(rust_decimal::Decimal::ZERO)
                .trunc()
                .try_into()
                .unwrap_or(0u64)
        })
        .collect();
    f.render_widget(Sparkline::default().data(&data).style(t.fg(Color::Blue)), spark);
    let rows = list.height as usize;
    let start = idx
        .saturating_sub(rows.saturating_sub(1) / 2)
        .min(visible.len().saturating_sub(rows));
    let many_books = app
        .days
        .iter()
        .any(|v| app.days.first().is_some_and(|f| f.book != v.book));
    let mut lines = Vec::new();
    for (i, v) in visible.iter().enumerate().skip(start).take(rows) {
        let mark = if app.marked.contains(&(v.book.clone(), v.date)) {
            "*"
        } else {
            " "
        };
        let flags = format!(
            "{}{}",
            if v.overdue { "!" } else { " " },
            if v.drift.is_some() { "~" } else { " " }
        );
        let book = if many_books {
            format!("{:<4.4} ", v.book)
        } else {
            String::new()
        };
        let sym = symbol(v);
        let sym_style = match sym {
            "✗" => t.bad(),
            "✓" | "■" => t.good(),
            _ => Style::default(),
        };
        let mut line = Line::from(vec![
            Span::raw(if wide {
                format!("{mark}{book}{} {:<3.3} ", day_month(v.date), weekday(v.date))
            } else {
                format!("{mark}{book}{} ", day_month(v.date))
            }),
            Span::styled(sym, sym_style),
            Span::raw(format!(
                "{:>11}",
                fmt_local(if app.incl_vat { v.turnover } else { v.turnover - v.vat })
            )),
            Span::styled(flags, t.fg(Color::Yellow)),
        ]);
        if i == idx {
            line = line.style(t.selected());
        }
        lines.push(line);
    }
    if visible.is_empty() {
        for part in wrap_words(&tr!("tui-no-days"), list.width as usize) {
            lines.push(Line::styled(part, t.dim()));
        }
    }
    f.render_widget(Paragraph::new(lines), list);
}

fn money_line(label: &str, amount: rust_decimal::Decimal, width: u16) -> String {
    let a = fmt_local(amount);
    let w = width as usize;
    let pad = w.saturating_sub(label.chars().count() + a.chars().count()).max(1);
    format!("{label}{}{a}", " ".repeat(pad))
}

fn draw_pos(f: &mut Frame, app: &App, t: &Theme, area: Rect) {
    let title = app
        .selected_view()
        .map(|v| {
            // The weekday when the pane is wide enough, else the shorter forms.
            let lang = i18n::current();
            [lang.date(v.date), lang.day(v.date), lang.day_month(v.date)]
                .into_iter()
                .map(|d| format!(" {} {d} ", tr!("tui-pos")))
                .find(|t| t.chars().count() + 2 <= area.width as usize)
                .unwrap_or_else(|| format!(" {} ", lang.day_month(v.date)))
        })
        .unwrap_or_else(|| format!(" {} ", tr!("tui-pos")));
    let block = Block::bordered()
        .title(title)
        .border_style(t.border(app.focus == Pane::Pos));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let Some(v) = app.selected_view() else { return };
    let w = inner.width;
    let mut lines = Vec::new();
    if app.drill {
        lines.push(Line::styled(tr!("tui-tickets"), t.head()));
        match &app.tickets {
            Some((k, ts)) if *k == (v.book.clone(), v.date) => {
                if ts.is_empty() {
                    lines.push(Line::styled(tr!("tui-no-documents"), t.dim()));
                }
                lines.extend(ts.iter().map(|s| Line::raw(s.clone())));
            }
            _ => lines.push(Line::styled(tr!("tui-loading"), t.dim())),
        }
        // A line longer than the pane goes on below, its amounts whole.
        f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        return;
    }
    // The POS sends its groups incl. VAT: said so when the rest of the screen shows excl.
    let heading = if app.incl_vat {
        tr!("tui-vat-groups")
    } else {
        tr!("tui-vat-groups-incl")
    };
    lines.push(Line::styled(fit(&heading, w as usize), t.head()));
    if v.is_light() {
        // The list holds the day without the POS's own totals: they are being read. Empty
        // groups and "0 tickets" would be a wrong figure meanwhile.
        lines.push(Line::styled(tr!("tui-loading"), t.dim()));
        f.render_widget(Paragraph::new(lines), inner);
        return;
    }
    for (code, a) in &v.pos.vat_groups {
        lines.push(Line::raw(money_line(&format!(" {code}"), *a, w)));
    }
    lines.push(Line::styled(tr!("tui-methods"), t.head()));
    for (code, a) in &v.pos.methods {
        lines.push(Line::raw(money_line(&format!(" {code}"), *a, w)));
    }
    lines.push(Line::styled(tr!("tui-registers"), t.head()));
    for (code, a) in &v.pos.registers {
        lines.push(Line::raw(money_line(&format!(" {code}"), *a, w)));
    }
    // The counts go on below in a narrow pane, each count whole with its word.
    let counts = tr!(
        "tui-pos-counts",
        tickets = v.pos.tickets,
        documents = v.documents,
        skipped = v.skipped
    );
    let mut row = String::new();
    for part in counts.split(" · ") {
        let part = part.replace(' ', "\u{a0}");
        if !row.is_empty() && row.chars().count() + 3 + part.chars().count() > w as usize {
            lines.push(Line::styled(std::mem::take(&mut row), t.dim()));
            row.push_str("· ");
        } else if !row.is_empty() {
            row.push_str(" · ");
        }
        row.push_str(&part);
    }
    lines.push(Line::styled(row, t.dim()));
    // What the POS sent for the day that the book could not take: never out of sight.
    if !v.held.is_empty() {
        lines.push(Line::styled(tr!("tui-held", count = v.held.len()), t.head()));
        for h in &v.held {
            let id = crate::terminal_safe(&format!(" {} {}", h.what, h.id));
            let state = match &h.decision {
                None => tr!("tui-held-open"),
                Some(d) => tr!("tui-held-decided", choice = d.choice.as_str()),
            };
            let amount = h.turnover.or(h.payments).unwrap_or_default();
            let style = if h.open() { t.bad() } else { t.dim() };
            lines.push(Line::styled(money_line(&format!("{id} {state}"), amount, w), style));
        }
    }
    // A line wider than the pane (the counts in a narrow pane) goes on below, never cut.
    f.render_widget(
        Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
        inner,
    );
}

fn draw_book(f: &mut Frame, app: &App, t: &Theme, area: Rect) {
    let title = app
        .selected_view()
        .map(|v| {
            format!(
                " {} {} · {} ",
                tr!("tui-book"),
                v.book,
                crate::i18n::words::status(v.status)
            )
        })
        .unwrap_or_else(|| format!(" {} ", tr!("tui-book")));
    let block = Block::bordered()
        .title(title)
        .border_style(t.border(app.focus == Pane::Book));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let Some(v) = app.selected_view() else { return };
    let w = inner.width;
    let mut lines: Vec<Line> = Vec::new();
    for b in &v.blockers {
        for part in wrap(&b.to_string(), w as usize) {
            lines.push(Line::styled(part, t.bad()));
        }
    }
    let mut n = 0usize;
    let cursor = |n: usize| app.focus == Pane::Book && app.line == n;
    lines.push(Line::styled(
        if app.incl_vat {
            tr!("tui-turnover-incl")
        } else {
            tr!("tui-turnover-excl")
        },
        t.head(),
    ));
    for c in &v.categories {
        let amount = if app.incl_vat { c.incl } else { c.excl };
        let rate = if c.rate == "NA" {
            "NA".to_string()
        } else {
            format!("{}%", c.rate)
        };
        let mut line = Line::raw(money_line(&format!(" {} {rate}", c.code), amount, w));
        if cursor(n) {
            line = line.style(t.selected());
        }
        lines.push(line);
        if c.edited.is_some() || !c.corrections.is_zero() {
            lines.push(pos_note(c.pos, c.corrections, t));
        }
        n += 1;
    }
    lines.push(Line::styled(tr!("tui-payments"), t.head()));
    for m in &v.methods {
        let mut line = Line::raw(money_line(&format!(" {}", m.code), m.amount, w));
        if cursor(n) {
            line = line.style(t.selected());
        }
        lines.push(line);
        if m.edited.is_some() || !m.corrections.is_zero() {
            lines.push(pos_note(m.pos, m.corrections, t));
        }
        n += 1;
    }
    lines.push(Line::raw(money_line(&format!(" {}", tr!("tui-total")), v.payments, w)));
    for j in &v.cash {
        let chain = if j.chained {
            Span::styled(format!(" ⛓ {} ✓", tr!("tui-chained")), t.good())
        } else {
            Span::styled(format!(" ⛓ {} ✗", tr!("tui-chain-broken")), t.bad())
        };
        lines.push(Line::from(vec![
            Span::styled(tr!("tui-cash", journal = j.journal), t.head()),
            chain,
        ]));
        lines.push(Line::raw(money_line(&format!(" {}", tr!("tui-opening")), j.opening, w)));
        if v.is_light() {
            // The day's cash events are being read; its balances above and below hold.
            lines.push(Line::styled(format!(" {}", tr!("tui-loading")), t.dim()));
        }
        // Each drawer runs its own balance: with several drawers, one section each, so
        // every balance can be followed line by line; the journal's total stays above and
        // below.
        let drawers: Vec<&String> = j
            .day
            .opening
            .keys()
            .chain(j.day.closing.keys())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let several = drawers.len() > 1;
        for d in &drawers {
            if several {
                let opening = j.day.opening.get(*d).copied().unwrap_or_default();
                lines.push(Line::styled(
                    money_line(&format!(" {}", tr!("tui-drawer-opening", drawer = d)), opening, w),
                    t.dim(),
                ));
            }
            for l in j.day.lines.iter().filter(|l| !several || l.drawer == *d) {
                let label = format!("{} {:<8.8}", l.time.0.format("%H:%M"), short_label(l.kind));
                let a = fmt_local(l.change);
                let bal = fmt_local(l.balance);
                let pad = (w as usize)
                    .saturating_sub(label.chars().count() + a.chars().count() + bal.chars().count() + 1)
                    .max(1);
                let style = if l.balance.is_sign_negative() && !l.balance.is_zero() {
                    t.bad()
                } else {
                    Style::default()
                };
                lines.push(Line::styled(format!("{label}{}{a} {bal}", " ".repeat(pad)), style));
            }
            if several {
                let closing = j.day.closing.get(*d).copied().unwrap_or_default();
                lines.push(Line::styled(
                    money_line(&format!(" {}", tr!("tui-drawer-closing", drawer = d)), closing, w),
                    t.dim(),
                ));
            }
        }
        lines.push(Line::raw(money_line(&format!(" {}", tr!("tui-closing")), j.closing, w)));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// Word-wrap a message to the pane width.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out = vec![String::new()];
    for word in text.split(' ') {
        let last = out.last_mut().expect("one line");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > width {
            out.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    out
}

/// A cash event in at most eight characters.
fn short_label(kind: crate::domain::day::MoveKind) -> String {
    use crate::domain::day::MoveKind::*;
    tr!(match kind {
        Sales => "move-short-sales",
        Refunds => "move-short-refunds",
        Tips => "move-short-tips",
        CashIn => "move-short-cash-in",
        Expense => "move-short-expense",
        BankDeposit => "move-short-bank-deposit",
        OpenCount => "move-short-open-count",
        CloseCount => "move-short-close-count",
    })
}

/// The POS value under an edited line, and corrections booked on it.
fn pos_note(pos: Option<rust_decimal::Decimal>, corrections: rust_decimal::Decimal, t: &Theme) -> Line<'static> {
    let mut text = format!(
        "  └ {} {}",
        tr!("tui-pos"),
        pos.map(fmt_local).unwrap_or_else(|| tr!("tui-none"))
    );
    if !corrections.is_zero() {
        text = format!("{text}, {}", tr!("tui-corrections", amount = fmt_local(corrections)));
    }
    Line::styled(text, t.dim())
}

fn draw_invoices(f: &mut Frame, app: &App, t: &Theme, area: Rect) {
    use crate::domain::invoice::InvoiceStatus;
    let count = |s: InvoiceStatus| app.invoices.iter().filter(|i| i.status == s).count();
    let title = format!(
        " {} ",
        tr!(
            "tui-invoices-title",
            open = count(InvoiceStatus::Open) + count(InvoiceStatus::PartlyPaid),
            paid = count(InvoiceStatus::Paid),
            ignored = count(InvoiceStatus::Ignored)
        )
    );
    let block = Block::bordered().title(title).border_style(t.border(true));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let rows = inner.height as usize;
    let start = app
        .invoice
        .saturating_sub(rows.saturating_sub(1) / 2)
        .min(app.invoices.len().saturating_sub(rows));
    // The status words of this language decide how much room the names get.
    let status_w = [
        InvoiceStatus::Open,
        InvoiceStatus::PartlyPaid,
        InvoiceStatus::Paid,
        InvoiceStatus::Ignored,
    ]
    .into_iter()
    .map(|s| crate::i18n::words::invoice(s).chars().count())
    .max()
    .unwrap_or(8);
    // A narrow screen leaves out the amount paid (the status says open, partly or paid)
    // so that the names can be read.
    let show_paid = inner.width >= 70;
    let fixed = if show_paid { 40 } else { 29 };
    let name_w = (inner.width as usize).saturating_sub(fixed + status_w).max(6);
    let mut lines = Vec::new();
    for (i, inv) in app.invoices.iter().enumerate().skip(start).take(rows) {
        let style = match inv.status {
            InvoiceStatus::Ignored => t.dim(),
            InvoiceStatus::Open | InvoiceStatus::PartlyPaid => t.fg(Color::Yellow),
            InvoiceStatus::Paid => Style::default(),
        };
        // A name or id too long is cut with `…`, never to another name ("Klant 3" for 33).
        let paid = if show_paid {
            format!(" {:>10}", fmt_local(inv.paid))
        } else {
            String::new()
        };
        let row = format!(
            "{:<10} {} {:<nw$} {:>10}{paid} {}",
            fit(&inv.id, 10),
            day_month(inv.booking_date),
            fit(&inv.debtor.name, name_w),
            fmt_local(inv.incl),
            crate::i18n::words::invoice(inv.status),
            nw = name_w
        );
        let mut line = Line::styled(fit(&row, inner.width as usize), style);
        if i == app.invoice {
            line = line.style(t.selected());
        }
        lines.push(line);
    }
    if app.invoices.is_empty() {
        lines.push(Line::styled(tr!("tui-no-invoices"), t.dim()));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
