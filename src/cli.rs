//! The command line (SPEC §5): clap definitions only.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "dagkas",
    version = env!("DAGKAS_VERSION"),
    about = "Day-receipt book and cash book from point-of-sale data"
)]
pub struct Cli {
    /// The dossier config (default: $DAGKAS_CONFIG, else the XDG config dir).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The data dir holding the store (default: $DAGKAS_DATA, else the XDG data dir).
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// A PostgreSQL dossier by its address alone, its config kept in it
    /// (postgresql://USER@HOST/DATABASE?schema=NAME)
    #[arg(long, global = true, value_name = "URL")]
    pub store: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The review TUI (also what plain `dagkas` opens).
    Tui {
        /// A firm's directory: its dossiers side by side, each opened with Enter (default:
        /// $DAGKAS_FIRM).
        #[arg(long, value_name = "DIR", env = "DAGKAS_FIRM")]
        firm: Option<PathBuf>,
    },
    /// Set up a dossier from what the POS shows: asks (or takes flags), reads the last
    /// days without storing them, proposes a mapping for every code and writes dagkas.toml.
    Init(Box<InitArgs>),
    /// Shell completions for bash, zsh or fish, on standard output.
    Completions {
        /// The shell: bash, zsh or fish.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Manual pages (dagkas.1 and one per command) into a directory, or dagkas.1 on
    /// standard output.
    Man {
        /// Write every page into this directory.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// A ready demo dossier: a generated shop with problem days, opened in the TUI.
    Demo {
        /// Build the dossier only; do not open the TUI.
        #[arg(long)]
        no_tui: bool,
    },
    /// OAuth2 login for a Lightspeed source; the refresh token goes to a 0600 file.
    Login {
        /// The Lightspeed source of the config.
        source: String,
    },
    /// Pull every source since its cursor, every interval, until stopped.
    Sync {
        /// One run, then stop.
        #[arg(long)]
        once: bool,
        /// Show past runs.
        #[arg(long)]
        log: bool,
        /// Serve every dossier of a firm's directory (a folder per dossier) in this one
        /// process.
        #[arg(long, value_name = "DIR", conflicts_with_all = ["once", "log"])]
        firm: Option<PathBuf>,
        /// With --firm: how many runs may ask their POS at once.
        #[arg(long, value_name = "N", default_value_t = 4, requires = "firm")]
        parallel: usize,
    },
    /// Load POS documents (JSONL, its format in RULES.md) as documents of a source.
    Import {
        /// The source (default: the only source of kind `file`).
        #[arg(long)]
        source: Option<String>,
        /// The JSONL files, read in order as one batch.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// List days with status, totals and blockers.
    Days {
        /// The first day listed (YYYY-MM-DD).
        #[arg(long)]
        from: Option<NaiveDate>,
        /// The last day listed (YYYY-MM-DD; default yesterday).
        #[arg(long)]
        to: Option<NaiveDate>,
        /// As JSON, every figure of every day.
        #[arg(long)]
        json: bool,
        /// Only this day book.
        #[arg(long)]
        book: Option<String>,
    },
    /// Edit a line of a proposed day (R8).
    Edit {
        /// The day (YYYY-MM-DD).
        date: NaiveDate,
        /// The day book.
        #[arg(long)]
        book: String,
        /// KIND:CODE=AMOUNT, KIND = turnover or payment; repeatable.
        #[arg(long = "set", required = true, value_name = "KIND:CODE=AMOUNT", value_parser = set_syntax)]
        sets: Vec<String>,
        /// Why: kept in the audit log.
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        who: Who,
    },
    /// Confirm the longest valid run of days through DATE (R5, R7).
    Confirm {
        /// The last day to confirm (YYYY-MM-DD).
        #[arg(long)]
        through: NaiveDate,
        /// Only this day book (default: every book).
        #[arg(long)]
        book: Option<String>,
        #[command(flatten)]
        who: Who,
    },
    /// Reopen the last confirmed day of a book (R9).
    Reopen {
        /// The day (YYYY-MM-DD): the book's last confirmed day.
        date: NaiveDate,
        /// The day book.
        #[arg(long)]
        book: String,
        /// Why: kept in the audit log.
        #[arg(long)]
        reason: String,
        /// The day was confirmed while this machine's clock was ahead: reopen it although
        /// it has not ended by the clock as it is now.
        #[arg(long)]
        clock_was_ahead: bool,
        #[command(flatten)]
        who: Who,
    },
    /// Book the drift of a confirmed day as a correction (R10).
    Resolve {
        /// The confirmed day with drift (YYYY-MM-DD).
        date: NaiveDate,
        /// The day book.
        #[arg(long)]
        book: String,
        #[command(flatten)]
        who: Who,
    },
    /// Map a POS VAT group or payment method (R12).
    Map {
        /// The day book whose mapping changes.
        #[arg(long)]
        book: String,
        /// vat:POSCODE=CATEGORY or method:POSCODE=METHOD (or =ignore).
        #[arg(value_name = "KIND:POSCODE=TARGET")]
        mapping: String,
        #[command(flatten)]
        who: Who,
    },
    /// The invoice register (R21).
    Invoices {
        /// As JSON.
        #[arg(long)]
        json: bool,
        /// Only this day book's invoices.
        #[arg(long)]
        book: Option<String>,
        #[command(subcommand)]
        action: Option<InvoiceAction>,
    },
    /// What the POS sent that the book could not take as it was, held on its day until a
    /// person decides.
    Held {
        /// As JSON.
        #[arg(long)]
        json: bool,
        #[command(subcommand)]
        action: Option<HeldAction>,
    },
    /// Mark confirmed days through DATE as centralised (R20).
    Centralise {
        /// The last confirmed day to mark (YYYY-MM-DD).
        #[arg(long)]
        through: NaiveDate,
        #[command(flatten)]
        who: Who,
    },
    /// The dossiers of a firm side by side, what needs attention first: days to review
    /// and overdue, blockers, drift, held documents, the last confirmed and centralised day,
    /// each source's last good run.
    Dossiers {
        /// The firm's directory: a folder per dossier with its dagkas.toml (default:
        /// $DAGKAS_FIRM).
        #[arg(long, value_name = "DIR", env = "DAGKAS_FIRM")]
        firm: Option<PathBuf>,
        /// As JSON, a row per dossier.
        #[arg(long)]
        json: bool,
    },
    /// Synthetic documents for benchmarks and demos (deterministic per seed).
    Gen {
        /// How many documents.
        #[arg(long)]
        docs: u64,
        /// Over how many days.
        #[arg(long)]
        days: u32,
        /// How many branches.
        #[arg(long, default_value_t = 1)]
        branches: u32,
        /// The seed: the same seed gives the same documents.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The first date (default: DAGKAS_TODAY or today, minus DAYS).
        #[arg(long)]
        start: Option<NaiveDate>,
        /// jsonl (documents) or hledger (a journal of the same sales).
        #[arg(long, value_enum, default_value = "jsonl")]
        format: GenFormat,
        /// Write here (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Measure speed and memory on generated data, beside hledger; prints a table.
    Bench {
        /// How many documents to generate.
        #[arg(long, default_value_t = 1_000_000)]
        docs: u64,
        /// Over how many days.
        #[arg(long, default_value_t = 3650)]
        days: u32,
        /// Write the figures as JSON here.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Measure shops of these ages (years, 100 000 documents a year, e.g. `1,5,10`) and
        /// print how each figure grows with the history; replaces --docs and --days.
        #[arg(long, value_delimiter = ',')]
        years: Vec<u32>,
        /// Keep the generated shop (config, documents, store) in this directory, to try it
        /// by hand: `dagkas --config DIR/dagkas.toml --data DIR/store`.
        #[arg(long)]
        keep: Option<PathBuf>,
        /// Also import into this PostgreSQL database (a schema of its own, dropped after) and
        /// set its figures beside the embedded store's.
        #[arg(long, value_name = "URL")]
        store: Option<String>,
        /// The bench's own measure of a screen's first frame, taken in a fresh process on the
        /// dossier of --config and --data: prints milliseconds.
        #[arg(long, hide = true)]
        first_frame: bool,
        /// Measure a firm of N dossiers of one year each: its list, the overview's first frame
        /// and one round of its service; replaces --docs and --days.
        #[arg(long, value_name = "N")]
        firm: Option<usize>,
        /// The bench's own measure of the firm overview's first frame with its rows, taken in
        /// a fresh process: prints milliseconds.
        #[arg(long, hide = true, value_name = "DIR")]
        overview_frame: Option<PathBuf>,
    },
    /// Export the book.
    Export {
        /// csv, hledger, yuki or xaf.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// The first day (YYYY-MM-DD; default the first confirmed).
        #[arg(long)]
        from: Option<NaiveDate>,
        /// The last day (YYYY-MM-DD; default the last confirmed).
        #[arg(long)]
        to: Option<NaiveDate>,
        /// Write here (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
        /// csv: add the invoice register as rows of book `invoices`, kind `invoice`.
        #[arg(long)]
        with_invoices: bool,
    },
    /// Check chains, balances, never-negative, the audit chain and stored totals.
    Check,
    /// Config commands.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Notifications (`[[notify]]` in the config).
    Notify {
        #[command(subcommand)]
        command: NotifyCommand,
    },
    /// Show the audit log.
    Audit {
        /// As JSON, one entry per line with its hash.
        #[arg(long)]
        json: bool,
    },
    /// Store commands.
    Store {
        #[command(subcommand)]
        command: StoreCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum StoreCommand {
    /// Copy the dossier's whole store (documents and versions, days, edits, mappings, audit,
    /// sync cursors) to an empty PostgreSQL schema or data dir; tokens stay files.
    Copy {
        /// postgresql://USER@HOST:PORT/DATABASE[?schema=NAME], or a data dir.
        #[arg(long, value_name = "URL|DIR")]
        to: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum HeldAction {
    /// Book a held document as the POS sent it (R1 shows its day unbalanced until corrected).
    Book(HeldDecision),
    /// Leave a held document out of the book on purpose.
    LeaveOut(HeldDecision),
}

/// Which held document, and why.
#[derive(Debug, clap::Args)]
pub struct HeldDecision {
    /// The source that sent it.
    pub source: String,
    /// The document's id as the POS gave it (dagkas held lists them).
    pub id: String,
    /// Why: kept in the audit log.
    #[arg(long)]
    pub reason: String,
    #[command(flatten)]
    pub who: Who,
}

#[derive(Subcommand, Debug)]
pub enum InvoiceAction {
    /// Move an invoice to the ignored list (kept, with who, when and why).
    Ignore {
        /// The invoice's id.
        id: String,
        /// Why: kept in the audit log.
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        who: Who,
    },
    /// Override the booking date of one or more invoices.
    Date {
        /// The invoices' ids.
        #[arg(required = true)]
        ids: Vec<String>,
        /// The booking date (YYYY-MM-DD).
        #[arg(long)]
        date: NaiveDate,
        /// Why: kept in the audit log.
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        who: Who,
    },
}

#[derive(Debug, Subcommand)]
pub enum NotifyCommand {
    /// Send one test message per channel and show what each server said.
    Test,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Report every problem of the config with file, line and field.
    Validate,
    /// Print the config in force (a kept version with a first line naming it).
    Show {
        /// An earlier kept version.
        #[arg(long, value_name = "N")]
        version: Option<u64>,
    },
    /// Change the config in an editor ($VISUAL, $EDITOR, else vi): read as a config and
    /// checked against the confirmed days before it is saved, refused when someone changed
    /// it meanwhile (your text is kept).
    Edit {
        #[command(flatten)]
        who: Who,
    },
    /// Save a file as the dossier's config: a PostgreSQL dossier keeps it in its store as a
    /// new version; a data dir's dossier in its config file.
    Load {
        /// The config text (from `dagkas config show`, or written by hand).
        file: PathBuf,
        /// The kept version the text was changed from (default: the one its first line names).
        #[arg(long, value_name = "N")]
        over: Option<u64>,
        #[command(flatten)]
        who: Who,
    },
    /// The kept versions of the config: who saved each and when.
    Versions,
}

#[derive(Debug, Clone, Args)]
pub struct Who {
    /// Who does this (default: the OS user).
    #[arg(long)]
    pub author: Option<String>,
}

impl Who {
    pub fn name(&self) -> String {
        self.author
            .clone()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(crate::os_user)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Hledger,
    Yuki,
    Xaf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GenFormat {
    Jsonl,
    Hledger,
}

/// A malformed `--set` is a usage error (exit 2), found before the store is opened.
fn set_syntax(text: &str) -> Result<String, String> {
    parse_set(text).map(|_| text.to_string())
}

/// `dagkas init`: every answer can be given as a flag (scripts); the rest is asked.
#[derive(Debug, Clone, Default, Args)]
pub struct InitArgs {
    /// The dossier's name (the company).
    #[arg(long)]
    pub dossier: Option<String>,
    /// The POS: mplus, lightspeed or file.
    #[arg(long, value_name = "KIND")]
    pub pos: Option<String>,
    /// MplusKASSA: the API address (https://…:PORT).
    #[arg(long)]
    pub url: Option<String>,
    /// MplusKASSA: the ident.
    #[arg(long)]
    pub ident: Option<String>,
    /// MplusKASSA: the environment variable holding the secret.
    #[arg(long, value_name = "VAR")]
    pub secret_env: Option<String>,
    /// Lightspeed: the account id.
    #[arg(long)]
    pub account_id: Option<String>,
    /// Lightspeed: the OAuth client id.
    #[arg(long)]
    pub client_id: Option<String>,
    /// Lightspeed: the environment variable holding the client secret.
    #[arg(long, value_name = "VAR")]
    pub client_secret_env: Option<String>,
    /// Lightspeed: an environment variable holding a refresh token (else a login in the browser).
    #[arg(long, value_name = "VAR")]
    pub refresh_token_env: Option<String>,
    /// Lightspeed: the API and token addresses (a local test server).
    #[arg(long)]
    pub api_url: Option<String>,
    /// Lightspeed: the token address (default: Lightspeed's own).
    #[arg(long)]
    pub token_url: Option<String>,
    /// A JSONL file of §3 documents (the `file` source).
    #[arg(long, value_name = "FILE")]
    pub path: Option<PathBuf>,
    /// How many days back to read from the POS.
    #[arg(long, value_name = "N")]
    pub days: Option<u32>,
    /// The first day of the day book (default: the first day read).
    #[arg(long, value_name = "DATE")]
    pub start: Option<NaiveDate>,
    /// The cash in the drawer at the start of the first day, as the screen writes amounts
    /// (default: asked; 0.00 with --yes).
    #[arg(long, value_name = "AMOUNT")]
    pub opening_cash: Option<String>,
    /// A mapping that overrides the proposal: vat:CODE=CATEGORY or method:CODE=METHOD
    /// (CATEGORY/METHOD may be `ignore`); repeatable.
    #[arg(long = "map", value_name = "KIND:CODE=TARGET")]
    pub maps: Vec<String>,
    /// Accept every proposal without asking.
    #[arg(long)]
    pub yes: bool,
    /// Overwrite an existing config without asking.
    #[arg(long)]
    pub force: bool,
    /// Run the first sync when the config is written (asked otherwise).
    #[arg(long)]
    pub sync: bool,
    /// Do not run the first sync.
    #[arg(long, conflicts_with = "sync")]
    pub no_sync: bool,
}

/// The command line with its help in the reader's language: each command's and option's
/// text from the messages `cli-cmd-PATH` and `cli-arg-PATH-ARG` (English is the definition
/// above itself; completions and manual pages are made from it).
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    let lang = crate::i18n::current();
    if lang.code() == "en" {
        return Cli::command();
    }
    localise(Cli::command(), "dagkas", true, &lang)
}

fn localise(mut c: clap::Command, path: &str, top: bool, lang: &crate::i18n::Lang) -> clap::Command {
    if let Some(text) = lang.get(&format!("cli-cmd-{path}")) {
        c = c.about(text);
    }
    // clap's own words (the headings, -h and -V) in the reader's language.
    let word = |id: &str| lang.get(id).unwrap_or_default();
    let mut template = format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n",
        word("cli-usage")
    );
    if c.has_subcommands() {
        template.push_str(&format!("\n{}\n{{subcommands}}\n", word("cli-commands")));
    }
    if c.get_positionals().next().is_some() {
        template.push_str(&format!("\n{}\n{{positionals}}\n", word("cli-arguments")));
    }
    template.push_str(&format!("\n{}\n{{options}}{{after-help}}", word("cli-options")));
    c = c.help_template(template).disable_help_flag(true).arg(
        clap::Arg::new("help")
            .short('h')
            .long("help")
            .action(clap::ArgAction::Help)
            .help(word("cli-print-help"))
            .global(false),
    );
    if top {
        c = c.disable_version_flag(true).arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(word("cli-print-version")),
        );
    }
    let args: Vec<String> = c.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in args {
        if let Some(text) = lang.get(&format!("cli-arg-{path}-{}", id.replace('_', "-"))) {
            c = c.mut_arg(id, |a| a.help(text));
        }
    }
    let subs: Vec<String> = c.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in subs {
        let sub_path = if top { name.clone() } else { format!("{path}-{name}") };
        c = c.mut_subcommand(name, |s| localise(s, &sub_path, false, lang));
    }
    c
}

/// A command-line error as clap writes it, with clap's own words (`error:`, `Usage:`, the
/// tip to try `--help`) in the reader's language.
pub fn localise_error(text: &str) -> String {
    let lang = crate::i18n::current();
    if lang.code() == "en" {
        return text.to_string();
    }
    let word = |id: &str| lang.get(id).unwrap_or_default();
    text.lines()
        .map(|l| {
            if let Some(rest) = l.strip_prefix("error:") {
                format!("{}{rest}", word("cli-error"))
            } else if let Some(rest) = l.strip_prefix("Usage:") {
                format!("{}{rest}", word("cli-usage"))
            } else if let Some(rest) = l.strip_prefix("  tip:") {
                format!("  {}{rest}", word("cli-tip"))
            } else if l.starts_with("For more information, try '--help'") {
                word("cli-more-information")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// The language of the help, before the command line is parsed: the `[dossier] language`
/// of the config it names (`--config`, else the default), else the locale.
pub fn early_language() -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    let named = args
        .iter()
        .enumerate()
        .find_map(|(i, a)| match a.strip_prefix("--config=") {
            Some(p) => Some(PathBuf::from(p)),
            None if a == "--config" => args.get(i + 1).map(PathBuf::from),
            None => None,
        });
    let path = crate::settings::config_path(named);
    let text = std::fs::read_to_string(path).ok()?;
    crate::domain::config::language_of(&text)
}

/// `KIND:CODE=AMOUNT`.
pub fn parse_set(text: &str) -> Result<(crate::domain::book::LineKind, String, rust_decimal::Decimal), String> {
    let (kind, rest) = text
        .split_once(':')
        .ok_or_else(|| format!("{text:?}: expected KIND:CODE=AMOUNT, e.g. turnover:V21=120.50"))?;
    let (code, amount) = rest
        .rsplit_once('=')
        .ok_or_else(|| format!("{text:?}: expected KIND:CODE=AMOUNT, e.g. turnover:V21=120.50"))?;
    let kind: crate::domain::book::LineKind = kind.parse()?;
    let amount = crate::domain::money::parse_input_amount(amount).map_err(|e| format!("{text:?}: {e}"))?;
    if code.is_empty() {
        return Err(format!("{text:?}: the code is empty"));
    }
    Ok((kind, code.to_string(), amount))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(c: &clap::Command, path: &str, top: bool, out: &mut Vec<(String, String)>) {
        if let Some(a) = c.get_about() {
            out.push((format!("cli-cmd-{path}"), a.to_string()));
        }
        for arg in c.get_arguments() {
            if let Some(h) = arg.get_help() {
                let id = arg.get_id().as_str().replace('_', "-");
                out.push((format!("cli-arg-{path}-{id}"), h.to_string()));
            }
        }
        for sub in c.get_subcommands() {
            let p = if top {
                sub.get_name().to_string()
            } else {
                format!("{path}-{}", sub.get_name())
            };
            texts(sub, &p, false, out);
        }
    }

    /// Every flag and argument of every command says what it is for.
    #[test]
    fn every_flag_has_a_help_text() {
        use clap::CommandFactory;
        fn walk(c: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in c.get_arguments() {
                if arg.get_help().is_none() && !matches!(arg.get_id().as_str(), "help" | "version") {
                    missing.push(format!("{path} {}", arg.get_id()));
                }
            }
            for sub in c.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "dagkas", &mut missing);
        assert!(missing.is_empty(), "no help text: {missing:#?}");
    }

    /// Every help text of the command line has its message, and the English message is the
    /// text itself: a changed help that is not translated fails here.
    #[test]
    fn every_help_text_is_a_message_in_every_language() {
        use clap::CommandFactory;
        let mut all = Vec::new();
        texts(&Cli::command(), "dagkas", true, &mut all);
        assert!(all.len() > 50);
        let en = crate::i18n::Lang::new("en");
        for (id, text) in &all {
            assert_eq!(en.get(id).as_deref(), Some(text.as_str()), "{id}");
        }
        let _nl = crate::i18n::speak("nl");
        let help = command().render_help().to_string();
        assert!(help.contains("Dagontvangstenboek en kasboek"), "{help}");
        let days = command()
            .find_subcommand_mut("days")
            .expect("days")
            .render_help()
            .to_string();
        assert!(days.contains("Alleen dit dagboek"), "{days}");
        for (word, english) in [
            ("Gebruik:", "Usage:"),
            ("Opties:", "Options:"),
            ("Toon de hulp", "Print help"),
        ] {
            assert!(days.contains(word) && !days.contains(english), "{days}");
        }
        assert!(help.contains("Commando's:") && !help.contains("Commands:"), "{help}");
        let err = command().try_get_matches_from(["dagkas", "dayz"]).unwrap_err();
        let said = localise_error(&err.render().to_string());
        assert!(
            said.starts_with("fout:") && said.contains("Gebruik:") && said.contains("--help"),
            "{said}"
        );
        assert!(
            !said.contains("error:") && !said.contains("For more information"),
            "{said}"
        );
    }
}
