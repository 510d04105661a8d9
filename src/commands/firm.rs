//! `dagkas dossiers`: the firm's dossiers as a table or JSON (`crate::firm` reads them).

use super::*;
use crate::firm::{rows, DossierRow, Firm};

/// `dagkas dossiers [--firm DIR|URL] [--json]`.
pub(super) fn dossiers(firm: Option<&Firm>, json: bool) -> u8 {
    let Some(firm) = firm else {
        tell!("{}", tr!("firm-name-it"));
        return 2;
    };
    let listed = rows(firm)
        .map_err(|e| LedgerError::Refused(e.into()))
        .and_then(|rows| print(firm, &rows, json));
    match listed {
        Ok(code) => code,
        Err(e) => report(&e),
    }
}

fn print(firm: &Firm, rows: &[DossierRow], json: bool) -> Result<u8, LedgerError> {
    if json {
        say!("{}", serde_json::to_string_pretty(rows).expect("rows serialise"));
        return Ok(OK);
    }
    if rows.is_empty() {
        say!("{}", tr!("firm-no-dossiers", dir = firm.shown()));
        return Ok(OK);
    }
    let date = |d: Option<NaiveDate>| d.map(crate::i18n::date).unwrap_or_else(|| "-".into());
    say!(
        "{} {} {} {} {} {} {} {}  {}",
        pad(tr!("firm-col-dossier"), 24),
        right(tr!("firm-col-review"), 7),
        right(tr!("firm-col-overdue"), 7),
        right(tr!("firm-col-blocked"), 7),
        right(tr!("firm-col-drift"), 6),
        right(tr!("firm-col-held"), 6),
        pad(tr!("firm-col-confirmed"), 16),
        pad(tr!("firm-col-centralised"), 16),
        tr!("firm-col-sync")
    );
    for r in rows {
        let name = crate::terminal_safe(&r.name);
        if let Some(p) = &r.problem {
            say!(
                "{} {}",
                pad(name, 24),
                tr!("firm-cannot-read", reason = crate::terminal_safe(p))
            );
            continue;
        }
        let sync = match &r.last_run {
            None => tr!("firm-no-run-yet"),
            Some(run) if run.ok => tr!("firm-run-ok", at = run.at.clone(), by = run.by.clone()),
            Some(run) => tr!(
                "firm-run-failed",
                at = run.at.clone(),
                reason = crate::terminal_safe(&run.summary)
            ),
        };
        let notify = if r.notifications_waiting > 0 {
            format!(
                " · {}",
                tr!("firm-notifications-waiting", count = r.notifications_waiting)
            )
        } else {
            String::new()
        };
        say!(
            "{} {} {} {} {} {} {} {}  {sync}{notify}",
            pad(name, 24),
            right(r.to_review.to_string(), 7),
            right(r.overdue.to_string(), 7),
            right(r.blocked.to_string(), 7),
            right(r.drift.to_string(), 6),
            right(r.held.to_string(), 6),
            pad(date(r.last_confirmed), 16),
            pad(date(r.last_centralised), 16)
        );
    }
    Ok(OK)
}

/// `dagkas tui --firm DIR` (or plain `dagkas` with `DAGKAS_FIRM`): the firm's overview.
pub(super) fn firm_overview(firm: &Firm) -> u8 {
    if matches!(firm, Firm::Dir(d) if !d.is_dir()) {
        tell!("{}", tr!("error", reason = tr!("firm-no-dossiers", dir = firm.shown())));
        return FAILED;
    }
    match crate::tui::firm::run(firm, &crate::os_user()) {
        Ok(()) => OK,
        Err(e) => {
            tell!("{}", tr!("error", reason = e));
            FAILED
        }
    }
}
