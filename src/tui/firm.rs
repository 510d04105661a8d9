//! The firm's overview screen: a line per dossier, what needs attention first, read again
//! in the background every few seconds. Enter opens that dossier's review screen; leaving
//! it (q, or Esc on its days) comes back here. The state and its keys are pure (`Overview`);
//! the loop below draws it and carries out what a key asks.

use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind};
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use crate::dossier::Dossier;
use crate::firm::{DossierRow, Firm};
use crate::tr;

/// What the overview holds.
#[derive(Debug, Clone, Default)]
pub struct Overview {
    pub firm: String,
    pub rows: Vec<DossierRow>,
    pub selected: usize,
    pub filter: String,
    /// The filter being typed.
    pub typing: Option<String>,
    pub help: bool,
    pub loading: bool,
    pub message: String,
}

/// What a key asks of the loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    Nothing,
    Open(Box<Dossier>),
    Reload,
    Quit,
}

impl Overview {
    /// The rows the filter lets through (name or folder, any case).
    pub fn visible(&self) -> Vec<&DossierRow> {
        let f = self.filter.to_lowercase();
        self.rows
            .iter()
            .filter(|r| f.is_empty() || r.name.to_lowercase().contains(&f) || r.folder.to_lowercase().contains(&f))
            .collect()
    }

    /// New rows: the selection stays on the same dossier.
    pub fn loaded(&mut self, rows: Vec<DossierRow>) {
        let kept = self.visible().get(self.selected).map(|r| r.folder.clone());
        self.rows = rows;
        self.loading = false;
        self.selected = kept
            .and_then(|k| self.visible().iter().position(|r| r.folder == k))
            .unwrap_or(0);
    }

    pub fn key(&mut self, k: KeyEvent) -> Ask {
        if let Some(mut typed) = self.typing.take() {
            match k.code {
                KeyCode::Enter => {
                    self.filter = typed;
                    self.selected = 0;
                }
                KeyCode::Esc => {}
                KeyCode::Backspace => {
                    typed.pop();
                    self.typing = Some(typed);
                }
                KeyCode::Char(c) => {
                    typed.push(c);
                    self.typing = Some(typed);
                }
                _ => self.typing = Some(typed),
            }
            return Ask::Nothing;
        }
        if self.help {
            // Any key closes the help; q also leaves.
            self.help = false;
            return if k.code == KeyCode::Char('q') {
                Ask::Quit
            } else {
                Ask::Nothing
            };
        }
        let n = self.visible().len();
        match k.code {
            KeyCode::Char('j') | KeyCode::Down => self.selected = (self.selected + 1).min(n.saturating_sub(1)),
            KeyCode::Char('k') | KeyCode::Up => self.selected = self.selected.saturating_sub(1),
            KeyCode::Char('g') | KeyCode::Home => self.selected = 0,
            KeyCode::Char('G') | KeyCode::End => self.selected = n.saturating_sub(1),
            KeyCode::Char('/') => self.typing = Some(String::new()),
            KeyCode::Esc if !self.filter.is_empty() => {
                self.filter.clear();
                self.selected = 0;
            }
            KeyCode::Char('r') => return Ask::Reload,
            KeyCode::Char('?') => self.help = true,
            KeyCode::Char('q') => return Ask::Quit,
            KeyCode::Enter => {
                return match self.visible().get(self.selected) {
                    Some(DossierRow {
                        problem: None,
                        dossier: Some(d),
                        ..
                    }) => Ask::Open(Box::new(d.clone())),
                    Some(r) => {
                        self.message = tr!("firm-cannot-open", name = crate::terminal_safe(&r.name));
                        Ask::Nothing
                    }
                    None => Ask::Nothing,
                }
            }
            _ => {}
        }
        Ask::Nothing
    }
}

fn cell(text: &str, width: usize) -> String {
    format!("{:<width$}", crate::tui::ui::fit(text, width))
}

fn right(text: &str, width: usize) -> String {
    format!("{:>width$}", crate::tui::ui::fit(text, width))
}

fn count(n: usize, width: usize) -> String {
    if n == 0 {
        format!("{:>width$}", "·")
    } else {
        format!("{n:>width$}")
    }
}

/// The overview at any size.
pub fn draw(f: &mut Frame, o: &Overview) {
    let area = f.area();
    let [top, main, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let rows = o.visible();
    f.render_widget(
        Paragraph::new(crate::tui::ui::fit(
            &format!(
                " dagkas · {} · {}",
                o.firm,
                tr!("firm-overview-count", count = o.rows.len())
            ),
            top.width as usize,
        )),
        top,
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", tr!("firm-overview-title")));
    let inner = block.inner(main);
    f.render_widget(block, main);
    let w = inner.width as usize;
    // The dates as long as this language writes them; the names get the rest.
    let date_w = crate::i18n::date(chrono::NaiveDate::from_ymd_opt(2026, 12, 30).unwrap_or_default())
        .chars()
        .count();
    let name_w = w.saturating_sub(6 * 5 + date_w + 1).clamp(8, 40);
    let head = format!(
        "{} {} {} {} {} {} {}",
        cell(&tr!("firm-col-dossier"), name_w),
        right(&tr!("firm-short-review"), 5),
        right(&tr!("firm-short-overdue"), 5),
        right(&tr!("firm-short-blocked"), 5),
        right(&tr!("firm-short-drift"), 5),
        right(&tr!("firm-short-held"), 5),
        tr!("firm-short-confirmed"),
    );
    let mut lines = vec![Line::styled(
        crate::tui::ui::fit(&head, w),
        Style::default().add_modifier(Modifier::BOLD),
    )];
    let room = inner.height.saturating_sub(1) as usize;
    let start = o.selected.saturating_sub(room.saturating_sub(1));
    for (i, r) in rows.iter().enumerate().skip(start).take(room) {
        let text = match &r.problem {
            Some(p) => format!(
                "{} {}",
                cell(&crate::terminal_safe(&r.name), name_w),
                tr!("firm-cannot-read", reason = crate::terminal_safe(p))
            ),
            None => format!(
                "{} {} {} {} {} {} {}{}",
                cell(&crate::terminal_safe(&r.name), name_w),
                count(r.to_review, 5),
                count(r.overdue, 5),
                count(r.blocked, 5),
                count(r.drift, 5),
                count(r.held, 5),
                r.last_confirmed.map(crate::i18n::date).unwrap_or_else(|| "-".into()),
                match &r.last_run {
                    Some(run) if !run.ok => format!(" · {}", tr!("firm-sync-failed-short")),
                    _ => String::new(),
                }
            ),
        };
        let mut style = if r.problem.is_some() || r.last_run.as_ref().is_some_and(|x| !x.ok) || r.blocked > 0 {
            Style::default().fg(Color::Red)
        } else if r.overdue > 0 || r.drift > 0 || r.held > 0 {
            Style::default().fg(Color::Yellow)
        } else {
            Style::default()
        };
        if i == o.selected {
            style = style.add_modifier(Modifier::REVERSED);
        }
        lines.push(Line::styled(crate::tui::ui::fit(&text, w), style));
    }
    if rows.is_empty() {
        lines.push(Line::raw(tr!(if o.loading {
            "tui-loading"
        } else {
            "firm-overview-none"
        })));
    }
    f.render_widget(Paragraph::new(lines), inner);
    let said = match (&o.typing, o.message.is_empty()) {
        (Some(t), _) => format!("/{t}_"),
        (None, false) => o.message.clone(),
        (None, true) if !o.filter.is_empty() => tr!("tui-filter", text = o.filter.clone()),
        (None, true) => rows.get(o.selected).map(|r| r.folder.clone()).unwrap_or_default(),
    };
    f.render_widget(
        Paragraph::new(crate::tui::ui::fit(&said, status.width as usize)),
        status,
    );
    f.render_widget(
        Paragraph::new(Span::styled(
            crate::tui::ui::fit(&tr!("firm-overview-hints"), hints.width as usize),
            Style::default().add_modifier(Modifier::DIM),
        )),
        hints,
    );
    if o.help {
        // As wide as the screen allows; a longer line goes on below, never cut.
        let wd = 72.min(area.width);
        let room = wd.saturating_sub(2) as usize;
        let lines: Vec<Line> = tr!("firm-overview-help")
            .lines()
            .flat_map(|l| crate::tui::ui::wrap_words(l, room))
            .map(Line::raw)
            .collect();
        let h = (lines.len() as u16 + 2).min(area.height);
        let r = ratatui::layout::Rect {
            x: area.x + (area.width - wd) / 2,
            y: area.y + (area.height - h) / 2,
            width: wd,
            height: h,
        };
        f.render_widget(Clear, r);
        f.render_widget(
            Paragraph::new(lines).block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(format!(" {} ", tr!("firm-overview-help-title"))),
            ),
            r,
        );
    }
}

/// Read the firm's rows on a thread of their own: the screen never waits on a dossier.
fn load(firm: &Firm) -> std::sync::mpsc::Receiver<Result<Vec<DossierRow>, String>> {
    let (tx, rx) = std::sync::mpsc::channel();
    let firm = firm.clone();
    std::thread::spawn(move || {
        let _ = tx.send(crate::firm::rows(&firm));
    });
    rx
}

/// What a person waits for when the overview opens, in ms: the rows read (as the screen
/// reads them, on a thread of their own) and the first frame drawn at 80 × 24.
pub fn first_frame_ms(firm: &Firm) -> f64 {
    let t = Instant::now();
    let mut o = Overview {
        firm: firm.shown(),
        loading: true,
        ..Overview::default()
    };
    if let Ok(Ok(rows)) = load(firm).recv() {
        o.loaded(rows);
    }
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("test backend");
    terminal.draw(|f| draw(f, &o)).expect("draw");
    t.elapsed().as_secs_f64() * 1000.0
}

/// How long the first frame waits for the rows.
const FIRST_ROWS: Duration = Duration::from_millis(150);

/// How often the overview reads the dossiers again.
const REFRESH: Duration = Duration::from_secs(10);

/// Open the overview of a firm until the person quits.
pub fn run(firm: &Firm, author: &str) -> color_eyre::Result<()> {
    let mut o = Overview {
        firm: firm.shown(),
        loading: true,
        ..Overview::default()
    };
    let mut pending = Some(load(firm));
    let mut loaded_at = Instant::now();
    // The rows usually come at once (kept rows of unchanged dossiers): the first frame
    // waits a moment for them rather than saying "loading…" for an instant.
    if let Some(rx) = &pending {
        if let Ok(read) = rx.recv_timeout(FIRST_ROWS) {
            match read {
                Ok(rows) => o.loaded(rows),
                Err(e) => o.message = crate::terminal_safe(&e),
            }
            o.loading = false;
            pending = None;
        }
    }
    let mut terminal = ratatui::init();
    let result = loop {
        if let Some(rx) = &pending {
            if let Ok(read) = rx.try_recv() {
                match read {
                    Ok(rows) => o.loaded(rows),
                    // The firm itself could not be read (the database is gone): said, and
                    // the rows as they were stay until it can be read again.
                    Err(e) => {
                        o.loading = false;
                        o.message = crate::terminal_safe(&e);
                    }
                }
                pending = None;
                loaded_at = Instant::now();
            }
        }
        if pending.is_none() && loaded_at.elapsed() >= REFRESH {
            pending = Some(load(firm));
        }
        if let Err(e) = terminal.draw(|f| draw(f, &o)) {
            break Err(e.into());
        }
        match event::poll(Duration::from_millis(250)) {
            Ok(false) => continue,
            Err(e) => break Err(e.into()),
            Ok(true) => {}
        }
        let k = match event::read() {
            Ok(Event::Key(k)) if k.kind == KeyEventKind::Press => k,
            Ok(_) => continue,
            Err(e) => break Err(e.into()),
        };
        if k.code == KeyCode::Char('c') && k.modifiers.contains(crossterm::event::KeyModifiers::CONTROL) {
            break Ok(());
        }
        o.message.clear();
        match o.key(k) {
            Ask::Nothing => {}
            Ask::Quit => break Ok(()),
            Ask::Reload => pending = Some(load(firm)),
            Ask::Open(dossier) => {
                ratatui::restore();
                o.message = open(*dossier, author);
                // The overview speaks the person's language, whatever the dossier's.
                crate::i18n::set(crate::i18n::Lang::pick(None));
                terminal = ratatui::init();
                pending = Some(load(firm));
            }
        }
    };
    ratatui::restore();
    result
}

/// A dossier's review screen, opened from the overview; what to say when it could not be.
fn open(dossier: Dossier, author: &str) -> String {
    let config = match dossier.load(&mut |_| {}) {
        Ok(c) => c,
        Err(e) => return e.to_string(),
    };
    match crate::tui::run_in_firm(dossier, &config, author.to_string()) {
        Ok(()) => String::new(),
        Err(e) => tr!("error", reason = e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;
    use std::path::PathBuf;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    fn dossier(name: &str) -> Dossier {
        let folder = PathBuf::from(format!("/firm/{name}"));
        Dossier::of_file(&folder.join("dagkas.toml"), &folder)
    }

    fn row(name: &str, blocked: usize, problem: Option<&str>) -> DossierRow {
        DossierRow {
            name: name.into(),
            folder: format!("/firm/{name}"),
            dossier: Some(dossier(name)),
            blocked,
            problem: problem.map(str::to_string),
            ..DossierRow::default()
        }
    }

    #[test]
    fn keys_move_filter_open_and_keep_the_selection_over_a_reload() {
        let mut o = Overview::default();
        o.loaded(vec![
            row("bakker", 2, None),
            row("kapot", 0, Some("bad config")),
            row("slager", 0, None),
        ]);
        assert_eq!(o.key(key(KeyCode::Char('j'))), Ask::Nothing);
        // A dossier that cannot be read is not opened: it says why.
        assert_eq!(o.key(key(KeyCode::Enter)), Ask::Nothing);
        assert!(!o.message.is_empty());
        o.key(key(KeyCode::Char('j')));
        assert_eq!(o.key(key(KeyCode::Enter)), Ask::Open(Box::new(dossier("slager"))));
        // A reload in another order keeps the same dossier selected.
        o.loaded(vec![row("slager", 1, None), row("bakker", 2, None)]);
        assert_eq!(o.visible()[o.selected].name, "slager");
        // A filter narrows; Esc clears it.
        o.key(key(KeyCode::Char('/')));
        for c in "bak".chars() {
            o.key(key(KeyCode::Char(c)));
        }
        o.key(key(KeyCode::Enter));
        assert_eq!(o.visible().len(), 1);
        o.key(key(KeyCode::Esc));
        assert_eq!(o.visible().len(), 2);
        assert_eq!(o.key(key(KeyCode::Char('q'))), Ask::Quit);
    }
}
