//! The review screen's overlays: the help with its legend, and every dialog, drawn over the
//! panes.

use super::*;

/// The open overlay, if any (the filter takes the status line).
pub(super) fn draw(f: &mut Frame, app: &App, t: &Theme, area: Rect, status: Rect) {
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help => draw_help(f, app, t, area),
        Overlay::Edit(e) => {
            let r = popup(area, 60, 9);
            f.render_widget(Clear, r);
            let kind = match e.target.kind {
                LineKind::Turnover => tr!("tui-kind-turnover"),
                LineKind::Payment => tr!("tui-kind-payment"),
            };
            let field = |i: usize, label: &str, value: &str| {
                let style = if e.field == i { t.selected() } else { Style::default() };
                Line::from(vec![
                    Span::raw(format!("{label:<8}")),
                    Span::styled(format!("{value}_"), style),
                ])
            };
            let mut lines = vec![
                Line::from(tr!(
                    "tui-edit-values",
                    pos = e.target.pos.map(fmt_local).unwrap_or_else(|| tr!("tui-edit-manual")),
                    booked = fmt_local(e.target.current)
                )),
                // Shown as typed: it is read as typed, in the language's notation.
                field(0, &tr!("tui-amount"), &e.amount),
                field(1, &tr!("tui-reason"), &e.reason),
            ];
            match &e.error {
                Some(err) => lines.push(Line::styled(err.clone(), t.bad())),
                None => lines.push(Line::raw("")),
            }
            lines.push(Line::styled(tr!("tui-edit-keys"), t.dim()));
            f.render_widget(
                Paragraph::new(lines).block(
                    Block::bordered()
                        .title(titled(tr!(
                            "tui-edit-title",
                            kind = kind,
                            code = e.target.code,
                            date = i18n::date(e.day.1)
                        )))
                        .border_style(t.border(true)),
                ),
                r,
            );
        }
        Overlay::Confirm(plan) => {
            let r = popup(area, 64, 9);
            f.render_widget(Clear, r);
            let mut lines = vec![Line::from(tr!("tui-confirm-days", count = plan.days))];
            for (book, d) in &plan.through {
                lines.push(Line::from(format!(
                    "  {}",
                    tr!("tui-confirm-through", book = book, date = i18n::date(*d))
                )));
            }
            match &plan.stop {
                Some(((book, d), why)) => {
                    lines.push(Line::styled(
                        tr!("tui-confirm-stops", book = book, date = i18n::date(*d)),
                        t.bad(),
                    ));
                    lines.push(Line::styled(format!("  {why}"), t.bad()));
                }
                None => lines.push(Line::styled(tr!("tui-confirm-clear"), t.good())),
            }
            lines.push(Line::styled(tr!("tui-confirm-keys"), t.dim()));
            f.render_widget(
                Paragraph::new(lines).wrap(Wrap { trim: false }).block(
                    Block::bordered()
                        .title(titled(tr!("tui-confirm-title")))
                        .border_style(t.border(true)),
                ),
                r,
            );
        }
        Overlay::Create(c) => {
            let r = popup(area, 60, c.fields.len() as u16 + 5);
            f.render_widget(Clear, r);
            let what = if c.kind == "vat" {
                tr!("word-vat-group")
            } else {
                tr!("word-method")
            };
            let mut lines = vec![Line::from(tr!(
                "tui-create-for",
                what = what,
                code = c.pos_code.clone()
            ))];
            for (i, field) in c.fields.iter().enumerate() {
                let style = if i == c.at { t.selected() } else { Style::default() };
                lines.push(Line::from(vec![
                    Span::raw(format!("{:<12}", tr!(field.label))),
                    Span::styled(format!("{}_", field.value), style),
                ]));
            }
            lines.push(match (&c.error, c.flag) {
                (Some(err), _) => Line::styled(err.clone(), t.bad()),
                (None, Some(flag)) => Line::styled(flag, t.dim()),
                (None, None) => Line::raw(""),
            });
            lines.push(Line::styled(tr!("tui-create-keys"), t.dim()));
            let title = if c.kind == "vat" {
                tr!("tui-create-category-title")
            } else {
                tr!("tui-create-method-title")
            };
            f.render_widget(
                Paragraph::new(lines)
                    .wrap(Wrap { trim: false })
                    .block(Block::bordered().title(titled(title)).border_style(t.border(true))),
                r,
            );
        }
        Overlay::Map(m) => {
            let h = (m.options.len() as u16 + 4).min(area.height.saturating_sub(2));
            let r = popup(area, 44, h);
            f.render_widget(Clear, r);
            let what = if m.kind == "vat" {
                tr!("word-vat-group")
            } else {
                tr!("word-method")
            };
            let mut lines = vec![Line::from(tr!("tui-map-to", what = what, code = m.code))];
            for (i, o) in m.options.iter().enumerate() {
                let style = if i == m.cursor { t.selected() } else { Style::default() };
                let o = if o == "ignore" {
                    tr!("tui-map-ignore")
                } else if o == crate::tui::app::NEW_CODE && m.kind == "vat" {
                    tr!("tui-map-new-category")
                } else if o == crate::tui::app::NEW_CODE {
                    tr!("tui-map-new-method")
                } else {
                    o.clone()
                };
                lines.push(Line::styled(format!("  {o}"), style));
            }
            f.render_widget(
                Paragraph::new(lines).block(
                    Block::bordered()
                        .title(titled(tr!("tui-map-title")))
                        .border_style(t.border(true)),
                ),
                r,
            );
        }
        Overlay::Filter(text) => {
            f.render_widget(Clear, status);
            f.render_widget(
                Paragraph::new(format!("/{text}_  ({})", tr!("tui-filter-help"))),
                status,
            );
        }
        Overlay::Held(h) => {
            use crate::domain::held::Choice;
            let r = popup(area, 64, 9);
            f.render_widget(Clear, r);
            let doc = &h.document;
            let amounts = match (doc.turnover, doc.payments) {
                (Some(a), Some(b)) => tr!("held-amounts", turnover = fmt_local(a), payments = fmt_local(b)),
                (None, Some(b)) => tr!("held-paid", payments = fmt_local(b)),
                _ => String::new(),
            };
            let mark = |c: Choice| if h.choice == c { "(•)" } else { "( )" };
            let mut lines = vec![
                Line::from(crate::terminal_safe(&format!("{}{amounts}", doc.reason))),
                Line::from(format!(
                    "{} {}   {} {}",
                    mark(Choice::LeaveOut),
                    tr!("tui-held-leave-out"),
                    mark(Choice::Book),
                    if doc.bookable {
                        tr!("tui-held-book")
                    } else {
                        tr!("tui-held-book-not")
                    }
                )),
                Line::from(format!(
                    "{} {}_",
                    tr!("field-label", label = tr!("tui-reason")),
                    h.reason
                )),
            ];
            match &h.error {
                Some(e) => lines.push(Line::styled(e.clone(), t.bad())),
                None => lines.push(Line::raw("")),
            }
            lines.push(Line::styled(tr!("tui-held-keys"), t.dim()));
            f.render_widget(
                Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }).block(
                    Block::bordered()
                        .title(titled(tr!(
                            "tui-held-title",
                            what = doc.what.clone(),
                            id = crate::terminal_safe(&doc.id),
                            date = i18n::day(h.day.1)
                        )))
                        .border_style(t.border(true)),
                ),
                r,
            );
        }
        Overlay::Resolve { day, changes } => {
            let r = popup(area, 64, changes.len() as u16 + 5);
            f.render_widget(Clear, r);
            let mut lines = vec![Line::from(tr!("tui-resolve-what"))];
            lines.extend(changes.iter().map(|c| Line::from(format!("  {c}"))));
            lines.push(Line::raw(""));
            lines.push(Line::styled(tr!("tui-resolve-keys"), t.dim()));
            f.render_widget(
                Paragraph::new(lines).block(
                    Block::bordered()
                        .title(titled(tr!(
                            "tui-resolve-title",
                            book = day.0.clone(),
                            date = i18n::day(day.1)
                        )))
                        .border_style(t.border(true)),
                ),
                r,
            );
        }
        Overlay::IgnoreInvoice { id, reason } => {
            reason_dialog(
                f,
                t,
                area,
                reason,
                tr!("tui-ignore-keys"),
                tr!("tui-ignore-title", id = id),
            );
        }
        Overlay::Reopen { day, reason } => {
            reason_dialog(
                f,
                t,
                area,
                reason,
                tr!("tui-reopen-keys"),
                tr!("tui-reopen-title", book = day.0, date = i18n::date(day.1)),
            );
        }
    }
}

fn draw_help(f: &mut Frame, app: &App, t: &Theme, area: Rect) {
    let mut seen = std::collections::HashSet::new();
    // (keys or mark, what it does), the heading of the legend as a row of its own.
    let mut rows: Vec<(String, String)> = Vec::new();
    for b in &app.keymap.bindings {
        if !seen.insert(b.action) {
            continue;
        }
        let keys: Vec<String> = app
            .keymap
            .bindings
            .iter()
            .filter(|x| x.action == b.action)
            .map(|x| x.keys.iter().map(|k| k.label()).collect::<Vec<_>>().join(" "))
            .collect();
        rows.push((keys.join(", "), app.keymap.describe(b)));
    }
    let legend_at = rows.len();
    // What every mark of the days list and the cash book means.
    for (symbol, meaning) in [
        ("·", "tui-legend-proposed"),
        ("✓", "tui-legend-confirmed"),
        ("■", "tui-legend-centralised"),
        ("✗", "tui-legend-blocked"),
        ("…", "tui-legend-waiting"),
        ("!", "tui-legend-overdue"),
        ("~", "tui-legend-drift"),
        ("*", "tui-legend-marked"),
        ("⛓", "tui-legend-chain"),
    ] {
        rows.push((symbol.to_string(), tr!(meaning)));
    }
    // As wide as the longest line needs, within the screen; a longer text goes on below,
    // under its own column, never cut.
    let longest = rows.iter().map(|(_, d)| d.chars().count()).max().unwrap_or(0);
    let width = (longest as u16 + 14 + 2).clamp(40, area.width.saturating_sub(2).max(1));
    let room = (width as usize).saturating_sub(2 + 14).max(10);
    let mut lines = Vec::new();
    for (i, (key, desc)) in rows.iter().enumerate() {
        if i == legend_at {
            lines.push(Line::raw(""));
            lines.push(Line::styled(tr!("tui-legend"), t.head()));
        }
        for (j, part) in wrap_words(desc, room).into_iter().enumerate() {
            let head = if j == 0 { fit(key, 13) } else { String::new() };
            lines.push(Line::from(vec![
                Span::styled(format!("{head:<14}"), t.head()),
                Span::raw(part),
            ]));
        }
    }
    let height = (lines.len() as u16 + 3).min(area.height);
    let r = popup(area, width, height);
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(titled(tr!("tui-help-title")))
        .border_style(t.border(true));
    let inner = block.inner(r);
    f.render_widget(block, r);
    // The last line always says how to scroll and leave; the rest scrolls above it.
    let [body, foot] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let most = (lines.len() as u16).saturating_sub(body.height);
    let scroll = app.help_scroll.min(most);
    let more = if scroll < most { " ↓" } else { "" };
    f.render_widget(Paragraph::new(lines).scroll((scroll, 0)), body);
    f.render_widget(
        Paragraph::new(Line::styled(
            fit(&format!("{}{more}", tr!("tui-help-keys")), foot.width as usize),
            t.dim(),
        )),
        foot,
    );
}

/// A dialog that asks for a reason (reopen, ignore an invoice): the reason as typed, the keys.
fn reason_dialog(f: &mut Frame, t: &Theme, area: Rect, reason: &str, keys: String, title: String) {
    let r = popup(area, 56, 5);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(vec![
            Line::from(format!("{} {reason}_", tr!("field-label", label = tr!("tui-reason")))),
            Line::styled(keys, t.dim()),
        ])
        .block(Block::bordered().title(titled(title)).border_style(t.border(true))),
        r,
    );
}
