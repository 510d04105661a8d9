//! The pure core: money, documents, days, the cash book and the rules of SPEC.md.
//! No IO here: the store, the connectors, the TUI, the CLI and the exports call in.

pub mod blocker;
pub mod book;
pub mod calendar;
pub mod cashbook;
pub mod config;
pub mod day;
pub mod document;
pub mod held;
pub mod invoice;
pub mod money;
pub mod origin;
pub mod payment_names;
pub mod setup;
pub mod text;
