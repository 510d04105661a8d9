//! The review screen: snapshots at 80×24 and 120×40, and the update logic of every key.

#[path = "common/mod.rs"]
mod common;
use common::*;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dagkas::domain::book::LineKind;
use dagkas::tui::app::{App, Effect, Msg, Overlay, Pane};
use dagkas::tui::keymap::{Action, Keymap};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn shop() -> Shop {
    let mut shop = Shop::base();
    shop.today = "2026-03-07".into();
    shop.import(&[
        r#"{"type":"cash","id":"OC","drawer":"0","time":"2026-03-02T08:00:00+01:00","kind":"open_count","amount":"100.00"}"#,
        r#"{"type":"ticket","id":"T1","branch":"1","register":"1","time":"2026-03-02T09:15:00+01:00","lines":[{"vat":"1","amount":"12.10"},{"vat":"2","amount":"10.60"}],"payments":[{"method":"CASH","amount":"22.70"}]}"#,
        r#"{"type":"ticket","id":"T2","branch":"1","register":"2","time":"2026-03-02T11:00:00+01:00","lines":[{"vat":"1","amount":"121.00"}],"payments":[{"method":"EFT","amount":"121.00"}]}"#,
        r#"{"type":"cash","id":"BD","drawer":"0","time":"2026-03-02T17:00:00+01:00","kind":"bank_deposit","amount":"50.00"}"#,
        r#"{"type":"ticket","id":"T3","branch":"1","register":"1","time":"2026-03-03T10:00:00+01:00","lines":[{"vat":"1","amount":"42.35"}],"payments":[{"method":"K_PINZUIL","amount":"42.35"}]}"#,
        r#"{"type":"ticket","id":"T4","branch":"1","register":"1","time":"2026-03-04T10:00:00+01:00","lines":[{"vat":"2","amount":"5.30"}],"payments":[{"method":"CASH","amount":"5.30"}]}"#,
    ]);
    shop
}

fn app_for(shop: &Shop) -> App {
    let ledger = shop.ledger();
    // Through yesterday, as the screen lists.
    let views = ledger.all_views(None).unwrap();
    let mut app = App::new(
        "Testwinkel".into(),
        Keymap::default_map(),
        ledger.config.categories.iter().map(|c| c.code.clone()).collect(),
        ledger.config.methods.iter().map(|m| m.code.clone()).collect(),
    );
    app.color = true;
    app.update(Msg::Loaded(views));
    app
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn code(k: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(k, KeyModifiers::NONE))
}

fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| dagkas::tui::ui::draw(f, app)).unwrap();
    t
}

macro_rules! snap {
    ($name:expr, $value:expr) => {
        insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

#[test]
fn main_screen() {
    let shop = shop();
    let mut app = app_for(&shop);
    app.update(key('g'));
    app.update(key('g'));
    app.update(key('j'));
    snap!("main_80x24", render(&app, 80, 24).backend().to_string());
    snap!("main_120x40", render(&app, 120, 40).backend().to_string());
}

#[test]
fn problem_day() {
    let shop = shop();
    let mut app = app_for(&shop);
    app.update(key('g'));
    app.update(key('g'));
    app.update(key('n'));
    assert_eq!(app.selected.as_ref().unwrap().1, date("2026-03-03"));
    let screen = render(&app, 80, 24).backend().to_string();
    assert!(screen.contains("unmapped method K_PINZUIL"), "{screen}");
    snap!("problem_80x24", screen);
    snap!("problem_120x40", render(&app, 120, 40).backend().to_string());
}

#[test]
fn edit_dialog() {
    let shop = shop();
    let mut app = app_for(&shop);
    app.update(key('g'));
    app.update(key('g'));
    app.update(key('j'));
    app.update(key('e'));
    for c in "12,5x0".chars() {
        app.update(key(c));
    }
    let Overlay::Edit(e) = &app.overlay else {
        panic!("no edit dialog")
    };
    assert_eq!(
        e.amount, "12,50",
        "kept as typed (a plain form with a comma), letters refused"
    );
    app.update(code(KeyCode::Tab));
    for c in "recount".chars() {
        app.update(key(c));
    }
    snap!("edit_80x24", render(&app, 80, 24).backend().to_string());
    snap!("edit_120x40", render(&app, 120, 40).backend().to_string());
    let effects = app.update(code(KeyCode::Enter));
    assert_eq!(
        effects,
        vec![Effect::Edit {
            day: ("DO1".into(), date("2026-03-02")),
            kind: LineKind::Turnover,
            code: "V21".into(),
            amount: "12.50".parse().unwrap(),
            reason: "recount".into(),
        }]
    );
}

#[test]
fn batch_confirm_dialog() {
    let shop = shop();
    let mut app = app_for(&shop);
    app.update(key('A'));
    let Overlay::Confirm(plan) = &app.overlay else {
        panic!("no confirm dialog")
    };
    assert_eq!(plan.days, 2, "03-01 and 03-02 before the blocker");
    assert_eq!(plan.stop.as_ref().unwrap().0 .1, date("2026-03-03"));
    snap!("confirm_80x24", render(&app, 80, 24).backend().to_string());
    snap!("confirm_120x40", render(&app, 120, 40).backend().to_string());
    let effects = app.update(key('y'));
    assert_eq!(effects, vec![Effect::Confirm(vec![("DO1".into(), date("2026-03-06"))])]);
}

#[test]
fn help_overlay_comes_from_the_keymap() {
    let shop = shop();
    let mut app = app_for(&shop);
    app.update(key('?'));
    let screen = render(&app, 120, 40).backend().to_string();
    for b in &Keymap::default_map().bindings {
        assert!(screen.contains(&b.desc), "help lacks {:?}", b.desc);
    }
    snap!("help_80x24", render(&app, 80, 24).backend().to_string());
    snap!("help_120x40", screen);
}

#[test]
fn the_help_scrolls_to_its_end_explains_every_mark_and_always_says_how_to_leave() {
    let shop = shop();
    let mut app = app_for(&shop);
    app.update(key('?'));
    let top = render(&app, 80, 24).backend().to_string();
    assert!(top.contains("j/k scroll · Esc, ? or q closes ↓"), "{top}");
    for _ in 0..60 {
        app.update(key('j'));
    }
    assert_eq!(app.overlay, Overlay::Help, "scrolling keeps the help open");
    let end = render(&app, 80, 24).backend().to_string();
    for meaning in [
        "waiting for its data",
        "overdue",
        "drift",
        "marked for a batch",
        "opens with the day before",
    ] {
        assert!(end.contains(meaning), "{meaning}: {end}");
    }
    assert!(end.contains("Esc, ? or q closes") && !end.contains("closes ↓"), "{end}");
    snap!("help_end_80x24", end);
    app.update(code(KeyCode::Esc));
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn no_color_draws_without_colours() {
    let shop = shop();
    let mut app = app_for(&shop);
    app.color = false;
    app.update(key('n'));
    let t = render(&app, 80, 24);
    let buffer = t.backend().buffer();
    for cell in buffer.content() {
        assert_eq!(
            cell.fg,
            ratatui::style::Color::Reset,
            "a colour under NO_COLOR at {:?}",
            cell.symbol()
        );
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
    snap!("no_color_80x24", format!("{buffer:?}"));
    let wide = render(&app, 120, 40);
    assert!(wide
        .backend()
        .buffer()
        .content()
        .iter()
        .all(|c| c.fg == ratatui::style::Color::Reset));
    snap!("no_color_120x40", format!("{:?}", wide.backend().buffer()));
}

// ----- the update logic of every key in the default keymap -----

fn selected(app: &App) -> String {
    app.selected.as_ref().unwrap().1.to_string()
}

#[test]
fn every_default_key_changes_the_state_as_described() {
    let shop = shop();
    let map = Keymap::default_map();
    for b in &map.bindings {
        let mut app = app_for(&shop);
        app.update(key('g'));
        app.update(key('g'));
        app.update(key('j')); // 2026-03-02
        let before = selected(&app);
        let mut effects = Vec::new();
        for k in &b.keys {
            effects = app.update(Msg::Key(KeyEvent::new(
                k.code,
                if k.ctrl {
                    KeyModifiers::CONTROL
                } else {
                    KeyModifiers::NONE
                },
            )));
        }
        let what = format!("{:?} on {:?}", b.action, b.keys);
        match b.action {
            Action::NextDay => assert_eq!(selected(&app), "2026-03-03", "{what}"),
            Action::PreviousDay => assert_eq!(selected(&app), "2026-03-01", "{what}"),
            Action::FirstDay => assert_eq!(selected(&app), "2026-03-01", "{what}"),
            Action::LastDay => assert_eq!(selected(&app), "2026-03-06", "{what}"),
            Action::NextProblem => assert_eq!(selected(&app), "2026-03-03", "{what}"),
            Action::PreviousProblem => {
                assert_eq!(selected(&app), before, "{what}: no problem before");
                assert_eq!(app.message, "no other problem day");
            }
            Action::ApproveDay => {
                // 03-01 is still open: the approval shows the run it needs (R5).
                let Overlay::Confirm(plan) = &app.overlay else {
                    panic!("{what}: no dialog")
                };
                assert_eq!(plan.days, 2, "{what}");
            }
            Action::EditLine => assert!(matches!(app.overlay, Overlay::Edit(_)), "{what}"),
            Action::MapCode => assert_eq!(app.message, "nothing to map on this day", "{what}"),
            Action::MarkDay => {
                assert!(app.marked.contains(&("DO1".to_string(), date(&before))), "{what}");
                assert_eq!(selected(&app), "2026-03-03", "{what}: marking moves on");
            }
            Action::ConfirmMarked => assert!(matches!(app.overlay, Overlay::Confirm(_)), "{what}"),
            Action::ReopenDay => assert!(app.message.contains("nothing to reopen"), "{what}: {}", app.message),
            Action::ResolveDrift => assert_eq!(app.message, "2026-03-02 has no drift", "{what}"),
            Action::SyncNow => assert_eq!(effects, vec![Effect::Sync], "{what}"),
            Action::Invoices => {
                assert!(app.show_invoices, "{what}");
                assert_eq!(effects, vec![Effect::LoadInvoices], "{what}");
            }
            Action::IgnoreInvoice => assert_eq!(app.message, "open the invoice register first", "{what}"),
            Action::DecideHeld => assert_eq!(app.message, "nothing is held on this day", "{what}"),
            Action::Filter => assert!(matches!(app.overlay, Overlay::Filter(_)), "{what}"),
            Action::ToggleVat => assert!(!app.incl_vat, "{what}"),
            Action::NextPane => assert_eq!(app.focus, Pane::Pos, "{what}"),
            Action::DrillDown => {
                assert!(app.drill, "{what}");
                assert_eq!(
                    effects,
                    vec![Effect::LoadTickets(("DO1".into(), date("2026-03-02")))],
                    "{what}"
                );
            }
            Action::Back => assert_eq!(app.focus, Pane::Days, "{what}"),
            Action::Help => assert_eq!(app.overlay, Overlay::Help, "{what}"),
            Action::Quit => {
                assert!(app.quit, "{what}");
                assert_eq!(effects, vec![Effect::Quit]);
            }
        }
    }
}

#[test]
fn map_picker_maps_the_unmapped_method() {
    let shop = shop();
    let mut app = app_for(&shop);
    app.update(key('n'));
    app.update(key('m'));
    let Overlay::Map(m) = &app.overlay else {
        panic!("no picker")
    };
    assert_eq!((m.kind.as_str(), m.code.as_str()), ("method", "K_PINZUIL"));
    app.update(key('j'));
    let effects = app.update(code(KeyCode::Enter));
    assert_eq!(
        effects,
        vec![Effect::Map {
            book: "DO1".into(),
            kind: "method".into(),
            code: "K_PINZUIL".into(),
            target: "BC".into()
        }]
    );
}

#[test]
fn the_map_picker_offers_a_new_method_proposed_from_the_pos_name() {
    let shop = shop();
    let mut app = app_for(&shop);
    app.update(key('n'));
    app.update(key('m'));
    let Overlay::Map(m) = &app.overlay else {
        panic!("no picker")
    };
    let before_ignore = m.options.len() - 2;
    for _ in 0..before_ignore {
        app.update(key('j'));
    }
    app.update(code(KeyCode::Enter));
    let Overlay::Create(c) = &app.overlay else {
        panic!("no form: {:?}", app.overlay)
    };
    let values: Vec<&str> = c.fields.iter().map(|f| f.value.as_str()).collect();
    assert_eq!(values, ["PIN", "Betaalterminal", "580000"]);
    snap!("map_new_method_80x24", render(&app, 80, 24).backend().to_string());
    for _ in 0..3 {
        app.update(code(KeyCode::Backspace));
    }
    for c in "PINZUIL".chars() {
        app.update(key(c));
    }
    app.update(code(KeyCode::Enter));
    app.update(code(KeyCode::Enter));
    let effects = app.update(code(KeyCode::Enter));
    let [Effect::Create {
        book,
        pos_code,
        addition,
    }] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(
        (book.as_str(), pos_code.as_str(), addition.code()),
        ("DO1", "K_PINZUIL", "PINZUIL")
    );
    // Esc on the picker leaves it with a word, nothing changed.
    app.overlay = Overlay::None;
    app.update(key('m'));
    assert!(app.update(code(KeyCode::Esc)).is_empty());
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn a_reload_keeps_the_selected_day_and_the_filter_narrows_the_list() {
    let shop = shop();
    let mut app = app_for(&shop);
    app.update(key('n'));
    let ledger = shop.ledger();
    app.update(Msg::Loaded(ledger.all_views(None).unwrap()));
    assert_eq!(selected(&app), "2026-03-03");
    app.update(key('/'));
    for c in "problem".chars() {
        app.update(key(c));
    }
    app.update(code(KeyCode::Enter));
    let dates: Vec<String> = app.visible().iter().map(|v| v.date.to_string()).collect();
    assert_eq!(
        dates,
        vec!["2026-03-03"],
        "the unmapped day (today, not ended, is not listed)"
    );
}

#[test]
fn the_edit_dialog_refuses_a_third_decimal_and_asks_for_a_reason() {
    let shop = shop();
    let mut app = app_for(&shop);
    app.update(key('j'));
    app.update(key('e'));
    for c in "1.005".chars() {
        app.update(key(c));
    }
    let Overlay::Edit(e) = &app.overlay else { panic!() };
    // Kept as typed and refused whole, never cut short to 1.00.
    assert_eq!(e.amount, "1.005");
    assert_eq!(e.error.as_deref(), Some("amount \"1.005\" has more than 2 decimals"));
    assert!(app.update(code(KeyCode::Enter)).is_empty());
    app.update(code(KeyCode::Backspace));
    let effects = app.update(code(KeyCode::Enter));
    assert!(effects.is_empty());
    let Overlay::Edit(e) = &app.overlay else { panic!() };
    assert_eq!(e.error.as_deref(), Some("a reason is required"));
    app.update(code(KeyCode::Esc));
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn the_invoice_register_lists_and_ignores_with_a_reason() {
    let mut shop = shop();
    shop.import(&[
        r#"{"type":"invoice","id":"F1","branch":"1","date":"2026-03-02","debtor":{"name":"Janssens BV","email":"a@b.be"},"lines":[{"vat":"1","amount":"121.00"}]}"#,
        r#"{"type":"invoice_payment","id":"IP1","invoice":"F1","branch":"1","register":"1","time":"2026-03-05T10:00:00+01:00","method":"EFT","amount":"121.00"}"#,
        r#"{"type":"invoice","id":"F2","branch":"1","date":"2026-03-03","debtor":{"name":"Peeters","email":"p@b.be"},"lines":[{"vat":"1","amount":"60.50"}]}"#,
    ]);
    let mut app = app_for(&shop);
    app.update(key('i'));
    let ledger = shop.ledger();
    app.update(Msg::Invoices(ledger.invoices(None).unwrap()));
    drop(ledger);
    let screen = render(&app, 80, 24).backend().to_string();
    assert!(screen.contains("1 open · 1 paid · 0 ignored"), "{screen}");
    snap!("invoices_80x24", screen);
    app.update(key('j'));
    app.update(key('x'));
    for c in "double".chars() {
        app.update(key(c));
    }
    let effects = app.update(code(KeyCode::Enter));
    assert_eq!(
        effects,
        vec![Effect::IgnoreInvoice {
            id: "F2".into(),
            reason: "double".into()
        }]
    );
}

#[test]
fn the_cash_book_shows_each_drawer_with_its_own_running_balance() {
    // In Dutch: the words of the pane are the language's, the amounts `12,10`.
    let _speaking = dagkas::i18n::speak("nl");
    let mut shop = Shop::new(&BASE.replace(
        "opening_balance = \"100.00\"",
        "drawers = [\"1\", \"2\"]\nopening_balance = { \"1\" = \"100.00\", \"2\" = \"50.00\" }",
    ));
    shop.today = "2026-03-07".into();
    shop.import(&[
        r#"{"type":"ticket","id":"T1","branch":"1","register":"1","drawer":"1","time":"2026-03-02T09:15:00+01:00","lines":[{"vat":"1","amount":"12.10"}],"payments":[{"method":"CASH","amount":"12.10"}]}"#,
        r#"{"type":"ticket","id":"T2","branch":"1","register":"2","drawer":"2","time":"2026-03-02T10:00:00+01:00","lines":[{"vat":"1","amount":"20.00"}],"payments":[{"method":"CASH","amount":"20.00"}]}"#,
        r#"{"type":"cash","id":"BD","drawer":"1","time":"2026-03-02T17:00:00+01:00","kind":"bank_deposit","amount":"100.00"}"#,
    ]);
    let mut app = app_for(&shop);
    app.update(key('j'));
    let screen = render(&app, 120, 40).backend().to_string();
    let lines: Vec<&str> = screen.lines().collect();
    let at = |needle: &str| {
        lines
            .iter()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no {needle:?} in\n{screen}"))
    };
    // Drawer 1: 100,00 + 12,10 − 100,00; drawer 2: 50,00 + 20,00; the journal 150,00 → 82,10.
    assert!(
        at("lade 1 begin") < at("lade 1 einde") && at("lade 1 einde") < at("lade 2 begin"),
        "{screen}"
    );
    assert!(lines[at("lade 1 einde")].contains("12,10"), "{screen}");
    assert!(lines[at("lade 2 einde")].contains("70,00"), "{screen}");
    assert!(
        lines[at(" eindsaldo ")].contains("82,10") || screen.contains("82,10"),
        "the journal total stays: {screen}"
    );
    let sale2 = lines.iter().find(|l| l.contains("10:00 verkoop")).unwrap();
    assert!(
        sale2.contains("20,00") && sale2.contains("70,00"),
        "drawer 2's own balance: {sale2}"
    );
}

#[test]
fn the_drill_down_speaks_in_words_with_amounts_and_methods() {
    let _speaking = dagkas::i18n::speak("en");
    use dagkas::domain::document::parse_line;
    let line = |s: &str| dagkas::tui::summary(&parse_line(s.as_bytes()).unwrap());
    let t = line(
        r#"{"type":"ticket","id":"T1","time":"2026-03-02T09:15:00+01:00","lines":[{"vat":"1","amount":"1234.50"}],"payments":[{"method":"CASH","amount":"34.50"},{"method":"EFT","amount":"1202.50"}],"tip":"2.50"}"#,
    );
    assert_eq!(t, "09:15 ticket T1 1,234.50 paid CASH 34.50 + EFT 1,202.50, tip 2.50");
    let c = line(
        r#"{"type":"cash","id":"OC","drawer":"1","time":"2026-03-02T08:00:00+01:00","kind":"open_count","amount":"100.00"}"#,
    );
    assert_eq!(c, "08:00 opening count OC drawer 1 100.00");
    let b =
        line(r#"{"type":"cash","id":"BD","time":"2026-03-02T17:00:00+01:00","kind":"bank_deposit","amount":"50.00"}"#);
    assert!(b.contains("cash to the bank") && !b.contains("BankDeposit"), "{b}");
    let o = line(
        r#"{"type":"order_payment","id":"OP1","order":"O55","time":"2026-03-02T10:00:00+01:00","payments":[{"method":"EFT","amount":"50.00"}]}"#,
    );
    assert_eq!(o, "10:00 prepayment OP1 on order O55 50.00 paid EFT 50.00");
}

/// Each language at both sizes: the main screen on a problem day, the batch confirm with
/// its blocker, the edit dialog and the help. Words, amounts and dates are the language's;
/// the figures are the same.
#[test]
fn the_screen_speaks_dutch_and_french() {
    let shop = shop();
    for (code, words) in [
        (
            "nl",
            [
                "niet gekoppeld: betaalwijze K_PINZUIL",
                "Betalingen",
                "Reeks bevestigen (R7)",
                "Volgende dag",
            ],
        ),
        (
            "fr",
            [
                "non associé\u{a0}: moyen de paiement K_PINZUIL",
                "Paiements",
                "Confirmer une série (R7)",
                "Jour suivant",
            ],
        ),
    ] {
        let _speaking = dagkas::i18n::speak(code);
        let mut app = app_for(&shop);
        app.update(key('g'));
        app.update(key('g'));
        app.update(key('n'));
        let wide = render(&app, 120, 40).backend().to_string();
        assert!(wide.contains(words[0]), "{code}: {wide}");
        assert!(wide.contains(words[1]), "{code}: {wide}");
        snap!(
            format!("problem_{code}_80x24"),
            render(&app, 80, 24).backend().to_string()
        );
        snap!(format!("problem_{code}_120x40"), wide);

        app.update(key('k'));
        let lines = app.lines();
        assert!(!lines.is_empty());
        app.update(key('e'));
        for c in "12,5".chars() {
            app.update(key(c));
        }
        snap!(format!("edit_{code}_80x24"), render(&app, 80, 24).backend().to_string());
        snap!(
            format!("edit_{code}_120x40"),
            render(&app, 120, 40).backend().to_string()
        );
        app.update(code_key(KeyCode::Esc));

        app.update(key('A'));
        let dialog = render(&app, 120, 40).backend().to_string();
        assert!(dialog.contains(words[2]), "{code}: {dialog}");
        snap!(
            format!("confirm_{code}_80x24"),
            render(&app, 80, 24).backend().to_string()
        );
        snap!(format!("confirm_{code}_120x40"), dialog);
        app.update(key('n'));

        app.update(key('?'));
        let help = render(&app, 120, 40).backend().to_string();
        assert!(help.contains(words[3]), "{code}: {help}");
        snap!(format!("help_{code}_80x24"), render(&app, 80, 24).backend().to_string());
        snap!(format!("help_{code}_120x40"), help);
    }
}

fn code_key(k: KeyCode) -> Msg {
    code(k)
}

/// Amounts are written as each language writes them, in the panes, the dialogs and the
/// blocker texts alike.
#[test]
fn amounts_follow_the_language_everywhere() {
    let mut shop = Shop::base();
    shop.today = "2026-03-04".into();
    shop.import(&[
        r#"{"type":"ticket","id":"BIG","branch":"1","register":"1","time":"2026-03-02T09:15:00+01:00","lines":[{"vat":"1","amount":"3000.00"}],"payments":[{"method":"EFT","amount":"3000.00"}]}"#,
    ]);
    shop.edit("2026-03-02", "turnover:V21=3365.73", "recount");
    for (code, amount, blocker) in [
        (
            "en",
            "3,365.73",
            "unbalanced: turnover 3,365.73 ≠ payments 3,000.00 (difference 365.73)",
        ),
        (
            "nl",
            "3.365,73",
            "niet in evenwicht: omzet 3.365,73 ≠ betalingen 3.000,00 (verschil 365,73)",
        ),
        (
            "fr",
            "3\u{a0}365,73",
            "déséquilibré\u{a0}: chiffre d'affaires 3\u{a0}365,73 ≠ paiements 3\u{a0}000,00 (différence 365,73)",
        ),
    ] {
        let _speaking = dagkas::i18n::speak(code);
        let mut app = app_for(&shop);
        app.update(key('g'));
        app.update(key('g'));
        app.update(key('j'));
        let screen = render(&app, 200, 40).backend().to_string();
        assert!(screen.contains(amount), "{code}: {screen}");
        assert!(screen.contains(blocker), "{code}: {screen}");
        // The batch confirm dialog names the same blocker the same way.
        app.update(key('A'));
        let Overlay::Confirm(plan) = &app.overlay else {
            panic!("no dialog")
        };
        assert_eq!(plan.stop.as_ref().map(|s| s.1.as_str()), Some(blocker), "{code}");
    }
}

/// A long list holds its days light; the selected day's whole view is read when it is
/// looked at, kept while the day is unchanged, and read again when it changed.
#[test]
fn the_list_holds_days_light_and_reads_the_selected_one_whole() {
    let shop = shop();
    let ledger = shop.ledger();
    let full = ledger.all_views(None).unwrap();
    let light: Vec<_> = full.iter().cloned().map(dagkas::domain::book::DayView::light).collect();
    assert!(light.iter().all(|v| v.cash.iter().all(|j| j.day.lines.is_empty())));
    // The stamp of a light day is the whole day's: an action on it is checked against it.
    for (l, f) in light.iter().zip(&full) {
        assert_eq!(dagkas::domain::book::view_stamp(l), dagkas::domain::book::view_stamp(f));
    }
    let mut app = App::new("Testwinkel".into(), Keymap::default_map(), Vec::new(), Vec::new());
    let effects = app.update(Msg::Loaded(light.clone()));
    assert_eq!(effects, vec![Effect::LoadDetail(app.selected.clone().unwrap())]);
    // Stepping to the next day asks for that one.
    let effects = app.update(key('j'));
    let key = app.selected.clone().unwrap();
    assert_eq!(key.1, date("2026-03-02"));
    assert_eq!(effects, vec![Effect::LoadDetail(key.clone())]);
    let whole = full.iter().find(|v| (v.book.clone(), v.date) == key).unwrap().clone();
    let lines = whole.cash[0].day.lines.len();
    assert!(lines > 0, "the selected day has cash events");
    // Until its whole view arrives the POS pane says it is loading: no empty groups and no
    // "0 tickets" for a day that has tickets.
    let shown = format!("{:?}", render(&app, 120, 40).backend());
    assert!(shown.contains("loading…"), "{shown}");
    assert!(
        !shown.contains("0 tickets") && !shown.contains("0\u{a0}tickets"),
        "{shown}"
    );
    assert!(whole.pos.tickets > 0);
    assert!(app.update(Msg::Detail(Box::new(whole.clone()))).is_empty());
    assert_eq!(app.selected_view().unwrap().cash[0].day.lines.len(), lines);
    let shown = format!("{:?}", render(&app, 120, 40).backend());
    assert!(!shown.contains("loading…"), "{shown}");
    assert!(
        shown.contains(&format!("{}\u{a0}tickets", whole.pos.tickets)),
        "{shown}"
    );
    // A reload with the day unchanged keeps it whole, without reading it again.
    assert!(app.update(Msg::Loaded(light.clone())).is_empty());
    assert_eq!(app.selected_view().unwrap().cash[0].day.lines.len(), lines);
    // Changed: it is read again.
    let mut changed = light.clone();
    let at = changed.iter().position(|v| (v.book.clone(), v.date) == key).unwrap();
    changed[at].stamp = Some(changed[at].stamp.unwrap() ^ 1);
    assert_eq!(app.update(Msg::Loaded(changed)), vec![Effect::LoadDetail(key)]);
    assert!(app.selected_view().unwrap().cash[0].day.lines.is_empty());
}

/// The screen first shows the days around the first one to review: after the last
/// confirmed day (found from the newest record back), a month either side of it.
#[test]
fn the_first_frame_shows_the_days_around_the_first_open_day() {
    let shop = shop();
    shop.expect(0, &["map", "--book", "DO1", "method:K_PINZUIL=BC"]);
    shop.expect(0, &["confirm", "--through", "2026-03-03"]);
    let ledger = shop.ledger();
    assert_eq!(
        ledger.store.first_open("DO1", date("2026-03-01")).unwrap(),
        date("2026-03-04")
    );
    let first = dagkas::tui::first_views(&ledger).unwrap();
    assert_eq!(
        first.first().unwrap().date,
        date("2026-03-01"),
        "clipped to the book's start"
    );
    assert_eq!(
        first.last().unwrap().date,
        date("2026-03-06"),
        "through yesterday, as `days` lists"
    );
    let mut app = App::new("Testwinkel".into(), Keymap::default_map(), Vec::new(), Vec::new());
    app.update(Msg::Loaded(first));
    assert_eq!(app.selected.unwrap().1, date("2026-03-04"));
}

#[test]
fn a_held_document_is_shown_on_its_day_and_decided_from_the_screen() {
    use dagkas::domain::held::{Choice, HeldDocument};
    let shop = shop();
    let ledger = shop.ledger();
    // What a sync holds: a ticket of the 4th that does not balance (10.00 sold, 8.00 paid).
    let line = r#"{"type":"ticket","id":"R7","branch":"1","register":"1","time":"2026-03-04T12:00:00+01:00","lines":[{"vat":"1","amount":"10.00"}],"payments":[{"method":"CASH","amount":"8.00"}]}"#;
    let doc = serde_json::from_str(line).unwrap();
    let held = HeldDocument::of_document(
        "kassa",
        doc,
        Some(date("2026-03-04")),
        "does not balance".into(),
        chrono::Utc::now(),
    );
    ledger
        .store
        .put_state_many(
            &[held],
            Vec::new(),
            dagkas::store::audit::NewEntry {
                author: "t".into(),
                action: "held".into(),
                reason: None,
                detail: serde_json::json!({}),
            },
        )
        .unwrap();
    // Through yesterday, as the screen lists.
    let views = ledger.all_views(None).unwrap();
    drop(ledger);
    let mut app = app_for(&shop);
    app.update(Msg::Loaded(views));
    for c in "gg".chars() {
        app.update(key(c));
    }
    for _ in 0..3 {
        app.update(key('j'));
    }
    assert_eq!(app.selected_view().unwrap().date, date("2026-03-04"));
    let screen = render(&app, 120, 40).backend().to_string();
    assert!(screen.contains("Held for a decision (1)"), "{screen}");
    assert!(screen.contains("ticket R7 open"), "{screen}");
    assert!(
        screen.contains("held: ticket R7"),
        "the blocker is on the status line or the book:\n{screen}"
    );
    app.update(key('h'));
    let Overlay::Held(h) = &app.overlay else {
        panic!("no held dialog")
    };
    assert_eq!(h.choice, Choice::LeaveOut);
    snap!("held_80x24", render(&app, 80, 24).backend().to_string());
    // The dialog in every language at both sizes.
    for code in ["en", "nl", "fr"] {
        let _speaking = dagkas::i18n::speak(code);
        snap!(
            format!("tour_held_{code}_80x24"),
            render(&app, 80, 24).backend().to_string()
        );
        snap!(
            format!("tour_held_{code}_120x40"),
            render(&app, 120, 40).backend().to_string()
        );
    }
    // Enter without a reason is refused in the dialog; Tab chooses to book it as sent.
    assert!(app.update(code(KeyCode::Enter)).is_empty());
    let Overlay::Held(h) = &app.overlay else {
        panic!("the dialog stays")
    };
    assert_eq!(h.error.as_deref(), Some("a reason is required"));
    app.update(code(KeyCode::Tab));
    for c in "as rung up".chars() {
        app.update(key(c));
    }
    let effects = app.update(code(KeyCode::Enter));
    assert_eq!(
        effects,
        vec![Effect::DecideHeld {
            source: "kassa".into(),
            id: "R7".into(),
            choice: Choice::Book,
            reason: "as rung up".into(),
        }]
    );
}

#[test]
fn an_open_edit_dialog_shows_the_line_as_it_is_after_a_reload() {
    let mut shop = shop();
    let mut app = app_for(&shop);
    app.update(key('g'));
    app.update(key('g'));
    app.update(key('j'));
    app.update(key('e'));
    for c in "1".chars() {
        app.update(key(c));
    }
    let Overlay::Edit(e) = &app.overlay else {
        panic!("no edit dialog")
    };
    assert_eq!(e.target.current, "133.10".parse().unwrap());
    // Another process brings a ticket for the same day; the screen reads the days again.
    shop.import(&[
        r#"{"type":"ticket","id":"T9","branch":"1","register":"1","time":"2026-03-02T12:00:00+01:00","lines":[{"vat":"1","amount":"10.00"}],"payments":[{"method":"EFT","amount":"10.00"}]}"#,
    ]);
    let ledger = shop.ledger();
    // Through yesterday, as the screen lists.
    let views = ledger.all_views(None).unwrap();
    drop(ledger);
    app.update(Msg::Loaded(views));
    let Overlay::Edit(e) = &app.overlay else {
        panic!("the dialog stays open")
    };
    assert_eq!(
        e.target.current,
        "143.10".parse().unwrap(),
        "the booked value as it is now"
    );
    assert_eq!(e.amount, "1", "what was typed is kept");
}

#[test]
fn keys_do_what_their_help_says() {
    let shop = shop();
    shop.expect(0, &["confirm", "--through", "2026-03-02"]);
    let mut app = app_for(&shop);
    // r on a proposed day reopens the last confirmed one (R9), and shows it.
    for c in "ggjjj".chars() {
        app.update(key(c));
    }
    assert_eq!(app.selected_view().unwrap().date, date("2026-03-04"));
    app.update(key('r'));
    let Overlay::Reopen { day, .. } = &app.overlay else {
        panic!("no reopen dialog: {}", app.message)
    };
    assert_eq!(day.1, date("2026-03-02"));
    assert_eq!(app.selected.as_ref().unwrap().1, date("2026-03-02"));
    app.update(code(KeyCode::Esc));
    // A second / starts a new filter instead of adding to the last one.
    app.update(key('/'));
    for c in "03-0".chars() {
        app.update(key(c));
    }
    app.update(code(KeyCode::Enter));
    app.update(key('/'));
    assert_eq!(app.overlay, Overlay::Filter(String::new()));
    app.update(code(KeyCode::Esc));
    // In the amount field a letter is said, not dropped unseen.
    for c in "ggjjj".chars() {
        app.update(key(c));
    }
    app.update(key('e'));
    app.update(key('x'));
    let Overlay::Edit(e) = &app.overlay else {
        panic!("no edit dialog")
    };
    assert!(
        e.error.as_deref().unwrap_or("").contains("Tab goes to the reason"),
        "{:?}",
        e.error
    );
    // After an edit the day list has the keys: j moves to the next day.
    for c in "12.10".chars() {
        app.update(key(c));
    }
    app.update(code(KeyCode::Tab));
    for c in "recount".chars() {
        app.update(key(c));
    }
    let effects = app.update(code(KeyCode::Enter));
    assert!(matches!(effects.as_slice(), [Effect::Edit { .. }]), "{effects:?}");
    assert_eq!(app.focus, Pane::Days);
}

#[test]
fn resolving_drift_shows_what_it_books_and_asks_first() {
    let mut shop = shop();
    shop.expect(0, &["confirm", "--through", "2026-03-02"]);
    // T1 of the 2nd changes after it was confirmed: drift (R10).
    shop.import(&[
        r#"{"type":"ticket","id":"T1","branch":"1","register":"1","time":"2026-03-02T09:15:00+01:00","lines":[{"vat":"1","amount":"12.10"},{"vat":"2","amount":"11.66"}],"payments":[{"method":"CASH","amount":"23.76"}]}"#,
    ]);
    let mut app = app_for(&shop);
    for c in "ggj".chars() {
        app.update(key(c));
    }
    assert!(
        app.update(key('d')).is_empty(),
        "nothing is booked before the person says so"
    );
    let Overlay::Resolve { changes, .. } = &app.overlay else {
        panic!("no dialog: {}", app.message)
    };
    assert!(
        changes.iter().any(|c| c.contains("V6") && c.contains("1.06")),
        "{changes:?}"
    );
    snap!("resolve_80x24", render(&app, 80, 24).backend().to_string());
    app.update(key('n'));
    assert_eq!(app.overlay, Overlay::None);
    app.update(key('d'));
    let effects = app.update(key('y'));
    assert_eq!(effects, vec![Effect::Resolve(("DO1".into(), date("2026-03-02")))]);
}

#[test]
fn the_footer_always_shows_help_and_quit_in_every_language() {
    let shop = shop();
    for (code, tail) in [
        ("en", "? help  q quit"),
        ("nl", "? hulp  q stop"),
        ("fr", "? aide  q quitter"),
    ] {
        let _lang = dagkas::i18n::speak(code);
        let app = app_for(&shop);
        for (w, h) in [(80, 24), (60, 20), (120, 40)] {
            let screen = render(&app, w, h).backend().to_string();
            let footer = screen.lines().last().unwrap();
            assert!(footer.contains(tail), "{code} at {w}: {footer}");
        }
    }
}

/// No text in a pane is cut without a mark: in every stored snapshot (80×24 and 120×40, in
/// each language), a text that runs into a pane's right border ends in `…`, unless it is
/// one of the texts listed here that fit their pane exactly or go on below (a wrapped
/// paragraph). Title rows are left out: an overlay's border covers the panes' titles.
#[test]
fn no_rendered_line_ends_in_a_cut_word_without_a_mark() {
    const WHOLE: &[&str] = &[
        "0 tickets · 0 docs",
        "2 tickets · 4 docs",
        "Moyens de paiement",
        "doc. · 0 overgeslagen",
        // The held document's dialog wraps its sentence: "(turnover" goes on below.
        "cannot be booked as sent (turnover",
        // The held blocker in the book pane wraps: "(beslis met dagkas held)" goes on below.
        "8,00): does not balance",
    ];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots");
    let mut cut = Vec::new();
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("snap") {
            continue;
        }
        seen += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        for row in text.lines().filter_map(|l| l.strip_prefix('"')?.strip_suffix('"')) {
            if row.contains(['┌', '└']) {
                continue;
            }
            let cells: Vec<char> = row.chars().collect();
            let borders: Vec<usize> = (0..cells.len()).filter(|&i| cells[i] == '│').collect();
            for pair in borders.windows(2) {
                let inside: String = cells[pair[0] + 1..pair[1]]
                    .iter()
                    .map(|c| if *c == '\u{a0}' { ' ' } else { *c })
                    .collect();
                let ends_in_letter = inside.chars().last().is_some_and(char::is_alphabetic);
                if ends_in_letter && !WHOLE.iter().any(|w| inside.trim_end().ends_with(w)) {
                    cut.push(format!("{}: {inside:?}", path.file_name().unwrap().to_string_lossy()));
                }
            }
        }
    }
    assert!(seen > 20, "{seen} snapshots");
    assert!(cut.is_empty(), "cut without …:\n{}", cut.join("\n"));
}

/// Every screen a bookkeeper meets, in nl, fr and en, at 80×24 and 120×40: the days with
/// every mark (■ ✓ ~ · ✗ … ! *), the tickets of a day, the invoice register with long names,
/// the help at its end, and each dialog. The snapshots are also what the cut test reads.
#[test]
fn every_screen_in_every_language_at_both_sizes() {
    let mut shop = Shop::new(&BASE.replace("kind = \"file\"\n", "kind = \"file\"\ncomplete = \"later_document\"\n"));
    shop.today = "2026-03-09".into();
    shop.import(&[
        r#"{"type":"cash","id":"OC","drawer":"0","time":"2026-03-02T08:00:00+01:00","kind":"open_count","amount":"100.00"}"#,
        r#"{"type":"ticket","id":"T1","branch":"1","register":"1","time":"2026-03-02T09:15:00+01:00","lines":[{"vat":"1","amount":"12.10"}],"payments":[{"method":"CASH","amount":"12.10"}]}"#,
        r#"{"type":"ticket","id":"T2","branch":"1","register":"1","time":"2026-03-03T10:00:00+01:00","lines":[{"vat":"1","amount":"1234.50"}],"payments":[{"method":"CASH","amount":"34.50"},{"method":"EFT","amount":"1200.00"}],"tip":"0.00"}"#,
        r#"{"type":"ticket","id":"T3","branch":"1","register":"1","time":"2026-03-04T10:00:00+01:00","lines":[{"vat":"2","amount":"5.30"}],"payments":[{"method":"CASH","amount":"5.30"}]}"#,
        r#"{"type":"ticket","id":"T4","branch":"1","register":"1","time":"2026-03-05T10:00:00+01:00","lines":[{"vat":"2","amount":"8.48"}],"payments":[{"method":"K_PINZUIL","amount":"8.48"}]}"#,
        r#"{"type":"ticket","id":"T5","branch":"1","register":"1","time":"2026-03-06T10:00:00+01:00","lines":[{"vat":"1","amount":"24.20"}],"payments":[{"method":"CASH","amount":"24.20"}]}"#,
        r#"{"type":"invoice","id":"F2026-000123","branch":"1","date":"2026-03-03","debtor":{"name":"Klant 33 met een heel lange naam BV","email":"a@b.be"},"lines":[{"vat":"1","amount":"121.00"}]}"#,
        r#"{"type":"invoice","id":"F2026-000124","branch":"1","date":"2026-03-04","debtor":{"name":"Klant 27","email":"k@b.be"},"lines":[{"vat":"1","amount":"60.50"}]}"#,
    ]);
    shop.expect(0, &["confirm", "--through", "2026-03-03"]);
    shop.expect(0, &["centralise", "--through", "2026-03-02"]);
    // T2 of the 3rd changes after it was confirmed: drift.
    shop.import(&[
        r#"{"type":"ticket","id":"T2","branch":"1","register":"1","time":"2026-03-03T10:00:00+01:00","lines":[{"vat":"1","amount":"1240.50"}],"payments":[{"method":"CASH","amount":"40.50"},{"method":"EFT","amount":"1200.00"}]}"#,
    ]);
    let days = shop.days();
    let status: Vec<String> = days
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["status"].to_string())
        .collect();
    assert!(status.iter().any(|s| s.contains("centralised")), "{status:?}");
    for (code, waiting) in [
        ("en", "waiting for its data"),
        ("nl", "wacht op zijn gegevens"),
        ("fr", "attend ses données"),
    ] {
        let _speaking = dagkas::i18n::speak(code);
        let snap_both = |name: &str, app: &App| {
            snap!(
                format!("tour_{name}_{code}_80x24"),
                render(app, 80, 24).backend().to_string()
            );
            snap!(
                format!("tour_{name}_{code}_120x40"),
                render(app, 120, 40).backend().to_string()
            );
        };
        let mut app = app_for(&shop);
        // Marked (*) the 4th, then on the 5th (unmapped ✗).
        for c in "gg".chars() {
            app.update(key(c));
        }
        for _ in 0..3 {
            app.update(key('j'));
        }
        app.update(key(' '));
        let list = render(&app, 120, 40).backend().to_string();
        for mark in ["■", "✓", "~", "·", "✗", "…", "!", "*"] {
            assert!(list.contains(mark), "{code} {mark}: {list}");
        }
        snap_both("days", &app);
        // The status line says what the selected day's marks mean.
        app.update(key('G'));
        let last = render(&app, 120, 40).backend().to_string();
        assert!(last.contains(waiting), "{code}: {last}");
        // The tickets of the 3rd, with their amounts.
        let mut app = app_for(&shop);
        for c in "ggjj".chars() {
            app.update(key(c));
        }
        app.update(code_key(KeyCode::Enter));
        let ledger = shop.ledger();
        let lines = ledger
            .store
            .documents_on("kassa", date("2026-03-03"))
            .unwrap()
            .iter()
            .map(|(_, d)| dagkas::tui::summary(d))
            .collect();
        drop(ledger);
        app.update(Msg::Tickets {
            day: ("DO1".into(), date("2026-03-03")),
            lines,
        });
        let tickets = render(&app, 80, 24).backend().to_string();
        assert!(
            tickets.contains("1.200,00") || tickets.contains("1,200.00") || tickets.contains("1\u{a0}200,00"),
            "{code}: {tickets}"
        );
        snap_both("tickets", &app);
        // The invoice register with a long name and a long id.
        let mut app = app_for(&shop);
        app.update(key('i'));
        let ledger = shop.ledger();
        app.update(Msg::Invoices(ledger.invoices(None).unwrap()));
        drop(ledger);
        let register = render(&app, 80, 24).backend().to_string();
        assert!(
            register.contains("Klant 27") && register.contains('…'),
            "{code}: {register}"
        );
        snap_both("invoices", &app);
        app.update(key('x'));
        snap_both("ignore", &app);
        // The help at its end.
        let mut app = app_for(&shop);
        app.update(key('?'));
        for _ in 0..60 {
            app.update(key('j'));
        }
        snap_both("help_end", &app);
        // The dialogs, on the unmapped day (the 5th) and the drifted one (the 3rd).
        let on = |keys: &str| {
            let mut app = app_for(&shop);
            for c in keys.chars() {
                app.update(key(c));
            }
            app
        };
        snap_both("confirm", &on("ggjjjjA"));
        snap_both("map", &on("ggjjjjm"));
        let mut create = on("ggjjjjm");
        for _ in 0..20 {
            create.update(key('j'));
        }
        create.update(key('k'));
        create.update(code_key(KeyCode::Enter));
        assert!(matches!(create.overlay, Overlay::Create(_)), "{code}");
        snap_both("create", &create);
        snap_both("filter", &on("/"));
        snap_both("resolve", &on("ggjjd"));
        snap_both("reopen", &on("ggjjjr"));
        let mut edit = on("ggjjj");
        edit.update(code_key(KeyCode::Tab));
        edit.update(code_key(KeyCode::Tab));
        edit.update(key('e'));
        assert!(matches!(edit.overlay, Overlay::Edit(_)), "{code}: {}", edit.message);
        snap_both("edit", &edit);
    }
}

/// The README's tour is the demo as the screen draws it (today 2026-11-20, in Dutch, at
/// 80×24, on the first problem day): a change of the screen or the demo that leaves the
/// README behind fails here. `DAGKAS_UPDATE_README=1 cargo test --test all readme` writes it.
#[test]
fn the_readme_tour_is_what_the_demo_shows() {
    let dir = tempfile::tempdir().unwrap();
    let today = date("2026-11-20");
    drop(dagkas::demo::build(dir.path(), today).unwrap());
    let config_path = dir.path().join("dagkas.toml");
    let text =
        std::fs::read_to_string(&config_path)
            .unwrap()
            .replacen("[dossier]\n", "[dossier]\nlanguage = \"nl\"\n", 1);
    std::fs::write(&config_path, &text).unwrap();
    let _speaking = dagkas::i18n::speak("nl");
    let (config, _) = dagkas::domain::config::parse(&text).unwrap();
    let ledger = dagkas::ledger::Ledger::open(config, dir.path(), today).unwrap();
    let mut app = App::new(
        ledger.config.dossier.name.clone(),
        Keymap::default_map(),
        ledger.config.categories.iter().map(|c| c.code.clone()).collect(),
        ledger.config.methods.iter().map(|m| m.code.clone()).collect(),
    );
    app.update(Msg::Loaded(dagkas::tui::first_views(&ledger).unwrap()));
    drop(ledger);
    app.update(key('n'));
    let screen: Vec<String> = render(&app, 80, 24)
        .backend()
        .buffer()
        .content()
        .chunks(80)
        .map(|row| {
            row.iter()
                .map(|c| c.symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect();
    let shown = screen.join("\n");
    let readme_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&readme_path).unwrap();
    let intro = "The demo on a problem day, at 80×24, with `language = \"nl\"` in its `[dossier]`:\n\n```\n";
    let start = readme.find(intro).expect("the tour's introduction") + intro.len();
    let end = start + readme[start..].find("\n```").unwrap();
    if std::env::var("DAGKAS_UPDATE_README").as_deref() == Ok("1") {
        let updated = format!("{}{shown}{}", &readme[..start], &readme[end..]);
        std::fs::write(&readme_path, updated).unwrap();
        return;
    }
    assert_eq!(
        &readme[start..end],
        shown,
        "the README's tour differs from the demo: DAGKAS_UPDATE_README=1 cargo test --test all readme"
    );
}
