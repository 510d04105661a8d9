use clap::FromArgMatches;

fn main() -> std::process::ExitCode {
    few_heaps();
    // Logs go to a file when asked, never to the terminal the bookkeeper reads.
    if let Some(path) = std::env::var_os("DAGKAS_LOG") {
        if let Ok(file) = std::fs::OpenOptions::new().create(true).append(true).open(path) {
            tracing_subscriber::fmt()
                .with_writer(std::sync::Mutex::new(file))
                .with_ansi(false)
                .init();
        }
    }
    let _ = color_eyre::install();
    // The help speaks the dossier's language too, so it is known before parsing.
    dagkas::i18n::set(dagkas::i18n::Lang::pick(dagkas::cli::early_language().as_deref()));
    let matches = match dagkas::cli::command().try_get_matches() {
        Ok(m) => m,
        // Help and version are written as asked; an error in the person's language.
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            eprint!("{}", dagkas::cli::localise_error(&e.render().to_string()));
            return std::process::ExitCode::from(e.exit_code() as u8);
        }
    };
    let cli = dagkas::cli::Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    dagkas::commands::run(cli)
}

/// glibc gives every thread that allocates a heap of its own (up to eight per core); the
/// worker threads of the review screen and of the day build each keep theirs, so a screen
/// open all day held about half again the memory it uses. Two heaps serve two cores.
fn few_heaps() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes an allocator setting, before any thread is started.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}
