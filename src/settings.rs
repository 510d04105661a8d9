//! Where the config and the data live, and reading the config file (the IO edge of
//! `domain::config`).

use crate::domain::text::{os_error, Text};
use std::path::{Path, PathBuf};

use crate::domain::config::{self, Config};

/// `--config`, else `$DAGKAS_CONFIG`, else `$XDG_CONFIG_HOME/dagkas/dagkas.toml`.
pub fn config_path(flag: Option<PathBuf>) -> PathBuf {
    flag.or_else(|| env_path("DAGKAS_CONFIG"))
        .unwrap_or_else(|| xdg("XDG_CONFIG_HOME", ".config").join("dagkas").join("dagkas.toml"))
}

/// `--data`, else `$DAGKAS_DATA`, else `$XDG_DATA_HOME/dagkas`.
pub fn data_dir(flag: Option<PathBuf>) -> PathBuf {
    flag.or_else(|| env_path("DAGKAS_DATA"))
        .unwrap_or_else(|| xdg("XDG_DATA_HOME", ".local/share").join("dagkas"))
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from)
}

fn xdg(var: &str, fallback: &str) -> PathBuf {
    env_path(var).unwrap_or_else(|| env_path("HOME").unwrap_or_else(|| PathBuf::from(".")).join(fallback))
}

/// The outcome of reading a config file: the config (when there are no errors) and every
/// problem rendered as `FILE:LINE: severity: field: message`.
pub struct Loaded {
    pub config: Option<Config>,
    pub problems: Vec<String>,
}

pub fn load_config(path: &Path) -> Loaded {
    let name = path.display().to_string();
    let read = std::fs::File::open(path).and_then(|f| {
        use std::io::Read;
        let mut bytes = Vec::new();
        f.take(config::MAX_CONFIG_BYTES + 1).read_to_end(&mut bytes)?;
        Ok(bytes)
    });
    if read.as_ref().is_ok_and(|b| b.len() as u64 > config::MAX_CONFIG_BYTES) {
        return Loaded {
            config: None,
            problems: vec![format!(
                "{name}: {}",
                crate::tr!("config-too-large", kib = config::MAX_CONFIG_BYTES >> 10)
            )],
        };
    }
    let text = match read {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                return Loaded {
                    config: None,
                    problems: vec![format!(
                        "{name}: {}",
                        crate::tr!("config-not-utf8", byte = e.utf8_error().valid_up_to())
                    )],
                }
            }
        },
        // No config yet: say how to start, in the person's words, not the system's.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Loaded {
                config: None,
                problems: vec![format!("{name}: {}", crate::tr!("config-missing"))],
            }
        }
        Err(e) => {
            return Loaded {
                config: None,
                problems: vec![format!(
                    "{name}: {}",
                    crate::tr!("config-unreadable", reason = os_error(&e))
                )],
            }
        }
    };
    config_from_text(&name, &text, path.parent().unwrap_or(Path::new(".")))
}

/// A config from its text (a file's, or the one kept in a dossier's store), named `name` in
/// its problems; relative secret files are read from `base`.
pub fn config_from_text(name: &str, text: &str, base: &Path) -> Loaded {
    // The dossier's language speaks from here on, its config's own problems included.
    crate::i18n::set(crate::i18n::Lang::pick(config::language_of(text).as_deref()));
    let (config, mut problems) = match config::parse(text) {
        Ok((c, warnings)) => (Some(c), warnings),
        Err(p) => (None, p),
    };
    let mut rendered: Vec<String> = problems.drain(..).map(|p| p.render(name, text)).collect();
    if let Some(c) = &config {
        let mut secret_errors = check_secret_files(c, base);
        if !secret_errors.is_empty() {
            rendered.extend(
                secret_errors
                    .drain(..)
                    .map(|m| format!("{name}: {}: {m}", crate::tr!("severity-error"))),
            );
            return Loaded {
                config: None,
                problems: rendered,
            };
        }
    }
    Loaded {
        config,
        problems: rendered,
    }
}

/// Secret files must exist and be readable by their owner only (0600).
fn check_secret_files(config: &Config, base: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for (field, file) in config.secret_files() {
        let path = base.join(&file);
        match std::fs::metadata(&path) {
            Err(e) => out.push(format!(
                "{field}: {}",
                crate::tr!("secret-file", file = path.display(), reason = e)
            )),
            Ok(meta) => {
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    let mode = meta.permissions().mode() & 0o777;
                    if mode & 0o077 != 0 {
                        out.push(format!(
                            "{field}: {}",
                            crate::tr!("secret-file-open", file = path.display(), mode = format!("{mode:o}"))
                        ));
                    }
                }
                #[cfg(not(unix))]
                let _ = meta;
            }
        }
    }
    out
}

/// Read a secret: from the environment variable, or a 0600 file. Never logged.
pub fn read_secret(env: Option<&str>, file: Option<&Path>) -> Result<String, Text> {
    if let Some(var) = env {
        return std::env::var(var).map_err(|_| crate::text!("secret-env-unset", var = var));
    }
    if let Some(path) = file {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let meta = std::fs::metadata(path)
                .map_err(|e| crate::text!("secret-file", file = path.display(), reason = os_error(&e)))?;
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                return Err(crate::text!(
                    "secret-file-open",
                    file = path.display(),
                    mode = format!("{mode:o}")
                ));
            }
        }
        return std::fs::read_to_string(path)
            .map(|s| s.trim().to_string())
            .map_err(|e| crate::text!("secret-file", file = path.display(), reason = os_error(&e)));
    }
    Err(crate::text!("secret-none"))
}

/// A temporary name beside `path`, for writing it whole or not at all.
pub fn temp_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Write a file whole or not at all: into a temporary name beside it, synced, then renamed;
/// a full disk leaves the old file (or none), never a truncated one.
pub fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temp_beside(path);
    use std::io::Write;
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    match written.and_then(|_| std::fs::rename(&tmp, path)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}
