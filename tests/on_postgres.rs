//! The store-facing suites again, every shop in a schema of its own on PostgreSQL
//! (`DAGKAS_TEST_PG_URL`, else a throwaway cluster this process starts): the book's rules,
//! the workflow, import, sync, properties and ranges behave identically on both stores.
//! Each suite is the same file as its embedded run; `common::on_postgres()` tells them apart.

#[path = "book_rules.rs"]
mod book_rules;
