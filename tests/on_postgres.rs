//! The store-facing suites again, every shop in a schema of its own on PostgreSQL
//! (`DAGKAS_TEST_PG_URL`, else a throwaway cluster this process starts): the book's rules,
//! the workflow, import, sync, kills at random moments, several processes at once (the
//! sync service, screens in tmux, commands), properties and ranges behave
//! identically on both stores. Each suite is the same file as its embedded run;
//! `common::on_postgres()` tells them apart. Server restarts and what only PostgreSQL has are
//! in `tests/postgres.rs`; `tests/disk.rs` (a full disk, a read-only data dir) is the
//! embedded store's own.

// Each suite loads `common` as it does on its own; the copies are alike by design.
#![allow(clippy::duplicate_mod)]

#[path = "book_rules.rs"]
mod book_rules;
#[path = "config_change.rs"]
mod config_change;
#[path = "crash.rs"]
mod crash;
#[path = "firm.rs"]
mod firm;
#[path = "import.rs"]
mod import;
#[path = "invoices.rs"]
mod invoices;
#[path = "lightspeed.rs"]
mod lightspeed;
#[path = "mplus.rs"]
mod mplus;
#[path = "properties.rs"]
mod properties;
#[path = "ranges.rs"]
mod ranges;
#[path = "together.rs"]
mod together;
#[path = "workflow.rs"]
mod workflow;
