//! Point-of-sale sources, each mapping its data onto the §3 documents.

pub mod file;
