//! The `file` source: §3 JSONL, read as a stream (memory does not grow with the file).

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use crate::domain::document::{parse_line, Document};

/// Call `each(line_number, parsed)` for every non-blank line of a JSONL file.
pub fn read_jsonl(path: &Path, each: impl FnMut(u64, Result<Document, String>)) -> std::io::Result<()> {
    let file = std::fs::File::open(path)?;
    read_jsonl_from(file, each)
}

pub fn read_jsonl_from(input: impl Read, mut each: impl FnMut(u64, Result<Document, String>)) -> std::io::Result<()> {
    let mut reader = BufReader::with_capacity(1 << 16, input);
    let mut buf = Vec::with_capacity(1024);
    let mut line = 0u64;
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            return Ok(());
        }
        line += 1;
        let mut bytes = buf.as_slice();
        while let Some((last, rest)) = bytes.split_last() {
            if *last == b'\n' || *last == b'\r' {
                bytes = rest;
            } else {
                break;
            }
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        each(line, parse_line(bytes));
    }
}
