use clap::Parser;

fn main() -> std::process::ExitCode {
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
    dagkas::commands::run(dagkas::cli::Cli::parse())
}
