//! Exports: one file per format.

pub mod csv;
pub mod hledger;
pub mod xaf;
pub mod yuki;
