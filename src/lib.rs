//! dagkas: a day-receipt book and cash book from point-of-sale data.

pub mod bench;
pub mod cli;
pub mod commands;
pub mod demo;
pub mod domain;
pub mod export;
pub mod gen;
pub mod i18n;
pub mod init;
pub mod invoices;
pub mod ledger;
pub mod notify;
pub mod pos;
pub mod settings;
pub mod store;
pub mod strict_json;
pub mod sync;
pub mod tui;
pub mod workflow;
