//! `dagkas config show|edit|load|versions` (decision 93): the dossier's config read and
//! changed where it lives, a PostgreSQL dossier's in its store (a new version each time),
//! a data dir's in its file; a change saved only when it reads as a config, agrees with the
//! confirmed days and the config is still the one the person read.

use super::*;
use crate::config_change::{self, Read, Saved};
use crate::dossier::ConfigAt;

pub(super) fn config_command(dossier: &Dossier, command: ConfigCommand) -> u8 {
    let done = match command {
        ConfigCommand::Validate => return validate(dossier),
        ConfigCommand::Show { version } => show(dossier, version),
        ConfigCommand::Versions => versions(dossier),
        ConfigCommand::Load { file, over, who } => load_file(dossier, &file, over, &who.name()),
        ConfigCommand::Edit { who } => edit(dossier, &who.name()),
    };
    done.unwrap_or_else(|code| code)
}

/// A file that could not be read or written, said: the exit code.
fn file_failed(path: &Path, e: &std::io::Error) -> u8 {
    tell!(
        "{}",
        tr!(
            "error",
            reason = format!("{}: {}", path.display(), crate::domain::text::os_error(e))
        )
    );
    FAILED
}

type Done = Result<u8, u8>;

fn show(dossier: &Dossier, version: Option<u64>) -> Done {
    let ledger = open_for_reading(dossier)?;
    let name = ledger.config.dossier.name.clone();
    let text = match version {
        None => match ledger.current_config(&dossier.config).map_err(|e| report(&e))? {
            config_change::Current { kept: Some(k), .. } => config_change::shown(&k, &name),
            current => current.text,
        },
        Some(n) => {
            let versions = ledger.store.kept_config_versions().map_err(|e| report(&e.into()))?;
            match versions.into_iter().find(|k| k.version == n) {
                Some(k) => config_change::shown(&k, &name),
                None => {
                    tell!("{}", tr!("error", reason = tr!("config-no-such-version", version = n)));
                    return Err(FAILED);
                }
            }
        }
    };
    drop(ledger);
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .map_err(|e| report(&stdout_failed(e)))?;
    Ok(OK)
}

fn versions(dossier: &Dossier) -> Done {
    let ledger = open_for_reading(dossier)?;
    let all = ledger.store.kept_config_versions().map_err(|e| report(&e.into()))?;
    let tz = ledger.config.dossier.calendar.timezone;
    let listed = (|| {
        if all.is_empty() {
            say!("{}", tr!("config-no-versions", file = dossier.config_name()));
            return Ok(OK);
        }
        let last = all.last().map(|k| k.version);
        for k in &all {
            say!(
                "{:>4}  {}  {}{}",
                k.version,
                k.at.with_timezone(&tz).format("%Y-%m-%d %H:%M"),
                crate::terminal_safe(&k.by),
                if Some(k.version) == last {
                    format!("  ({})", tr!("config-in-force"))
                } else {
                    String::new()
                }
            );
        }
        Ok(OK)
    })();
    listed.map_err(|e: LedgerError| report(&e))
}

/// `dagkas config load FILE`: the text saved as the dossier's config.
fn load_file(dossier: &Dossier, file: &Path, over: Option<u64>, author: &str) -> Done {
    let whole = std::fs::read_to_string(file).map_err(|e| file_failed(file, &e))?;
    let (header, text) = config_change::unshown(&whole);
    // The text must read as a config before any dossier is touched.
    let base = file.parent().unwrap_or(Path::new("."));
    let loaded = settings::config_from_text(&file.display().to_string(), text, base);
    for p in &loaded.problems {
        tell!("{p}");
    }
    let Some(config) = loaded.config else {
        return Err(FAILED);
    };
    // A first load names its dossier by the file's own `[store]` when nothing else does.
    let target = match (&dossier.config, &config.store) {
        (ConfigAt::File(path), Some(spec)) if !path.exists() => Dossier {
            config: ConfigAt::Kept(crate::dossier::address_of(spec, &config.dossier.name)),
            data_dir: dossier.data_dir.clone(),
        },
        _ => dossier.clone(),
    };
    let mut ledger = opened(target.open_or_with(config, &mut waiting))?;
    let kept = ledger.store.kept_config().map_err(|e| report(&e.into()))?;
    // A file's dossier takes the text as a whole; a kept config must be named.
    let read = match (over.or(header), &kept) {
        (_, None) => Read::Nothing,
        (Some(n), Some(_)) => Read::Version(n),
        (None, Some(k)) => {
            tell!(
                "{}",
                tr!("error", reason = tr!("config-load-which-version", version = k.version))
            );
            return Err(FAILED);
        }
    };
    let saved = ledger.change_config(
        &target.config,
        text,
        &read,
        author,
        serde_json::json!({"loaded": file.display().to_string()}),
    );
    say_saved(&ledger, &target, saved)
}

fn say_saved(ledger: &Ledger, dossier: &Dossier, saved: crate::ledger::Result<Saved>) -> Done {
    let said = match saved {
        Ok(Saved::Version(n)) => tr!(
            "config-kept-version",
            version = n,
            dossier = ledger.config.dossier.name.clone()
        ),
        Ok(Saved::File) => tr!("config-written", file = dossier.config_name()),
        Ok(Saved::Unchanged) => tr!("config-unchanged"),
        Err(e) => return Err(report(&e)),
    };
    writeln!(std::io::stdout(), "{said}").map_err(|e| report(&stdout_failed(e)))?;
    Ok(OK)
}

/// `dagkas config edit`: the config in an editor, held by nobody meanwhile; saved when it
/// reads as a config and is still the one read, else the person's text is kept in a file.
fn edit(dossier: &Dossier, author: &str) -> Done {
    let (current, name) = {
        let ledger = open(dossier)?;
        let current = ledger.current_config(&dossier.config).map_err(|e| report(&e))?;
        (current, ledger.config.dossier.name.clone())
    };
    let draft = draft_path(&dossier.data_dir);
    // A kept version is edited under the line that names it, as `config show` writes it:
    // a text kept after a refusal says which version it was changed from.
    let shown = match &current.kept {
        Some(k) => config_change::shown(k, &name),
        None => current.text.clone(),
    };
    write_draft(&draft, &shown)?;
    let keep = |code: u8| {
        tell!("{}", tr!("config-text-kept", path = draft.display()));
        code
    };
    let text = loop {
        run_editor(&draft).map_err(|reason| {
            tell!("{}", tr!("error", reason = reason));
            keep(FAILED)
        })?;
        let whole = std::fs::read_to_string(&draft).map_err(|e| file_failed(&draft, &e))?;
        let text = config_change::unshown(&whole).1.to_string();
        if text == current.text {
            let _ = std::fs::remove_file(&draft);
            say_or_fail(&tr!("config-unchanged"))?;
            return Ok(OK);
        }
        let loaded = settings::config_from_text(&tr!("config-new-text"), &text, &dossier.config.secrets_base());
        if loaded.config.is_some() {
            break text;
        }
        for p in &loaded.problems {
            tell!("{p}");
        }
        if !(std::io::stdin().is_terminal() && crate::init::Ask::on_terminal().yes_no(&tr!("config-edit-again"), true))
        {
            return Err(keep(FAILED));
        }
    };
    let mut ledger = open(dossier).map_err(keep)?;
    let saved = ledger.change_config(
        &dossier.config,
        &text,
        &current.read,
        author,
        serde_json::json!({"edited": true}),
    );
    if saved.is_ok() {
        let _ = std::fs::remove_file(&draft);
    }
    say_saved(&ledger, dossier, saved).map_err(keep)
}

fn say_or_fail(text: &str) -> Result<(), u8> {
    writeln!(std::io::stdout(), "{text}").map_err(|e| report(&stdout_failed(e)))
}

/// Where an edit's text is kept: in the data dir, named by the time, readable by its owner.
fn draft_path(data_dir: &Path) -> PathBuf {
    data_dir.join(format!(
        "config-edit-{}-{}.toml",
        chrono::Local::now().format("%Y%m%d-%H%M%S"),
        std::process::id()
    ))
}

fn write_draft(path: &Path, text: &str) -> Result<(), u8> {
    use std::os::unix::fs::OpenOptionsExt;
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|_| {
            std::fs::File::options()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(path)
        })
        .and_then(|mut f| f.write_all(text.as_bytes()));
    written.map_err(|e| file_failed(path, &e))
}

/// `$VISUAL`, else `$EDITOR`, else `vi`, on the file (the variable may hold arguments).
fn run_editor(path: &Path) -> Result<(), String> {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|e| !e.trim().is_empty()))
        .unwrap_or_else(|| "vi".into());
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(path)
        .status()
        .map_err(|e| tr!("config-editor-failed", editor = editor.clone(), reason = e.to_string()))?;
    if status.success() {
        Ok(())
    } else {
        Err(tr!(
            "config-editor-failed",
            editor = editor,
            reason = status.to_string()
        ))
    }
}
