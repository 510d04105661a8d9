//! The store-facing suites again, every shop in a schema of its own on PostgreSQL
//! (`DAGKAS_TEST_PG_URL`, else a throwaway cluster this process starts): the book's rules,
//! the workflow, import, sync, properties and ranges behave identically on both stores.
//! Each suite is the same file as its embedded run; `common::on_postgres()` tells them apart.
//! Kills and server restarts on PostgreSQL are in `tests/postgres.rs` (`tests/crash.rs` copies
//! the data dir's files, which hold no PostgreSQL store).

// Each suite loads `common` as it does on its own; the copies are alike by design.
#![allow(clippy::duplicate_mod)]

#[path = "book_rules.rs"]
mod book_rules;
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
#[path = "workflow.rs"]
mod workflow;
