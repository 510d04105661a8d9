//! Every test suite of dagkas in one program, each a module of its own (`cargo test`
//! links the crate once instead of once per suite). A suite keeps its file and its name:
//! `cargo test --test all tui::` runs the review screen's tests. `on_postgres` runs the
//! store-facing suites again with every shop in a PostgreSQL schema of its own.

// Each suite loads `common` as its own module, so that `on_postgres` can tell its copies
// apart; the copies are alike by design.
#![allow(clippy::duplicate_mod)]

mod book_rules;
mod config_change;
mod crash;
mod disk;
mod firm;
mod fuzz;
mod hledger;
mod hostile;
mod import;
mod init;
mod invoices;
mod layers;
mod lightspeed;
mod mplus;
mod notify;
mod on_postgres;
mod package;
mod postgres;
mod properties;
mod ranges;
mod together;
mod tui;
mod tui_tmux;
mod upgrade;
mod workflow;
