//! Exports: one file per format.

pub mod csv;
pub mod hledger;
