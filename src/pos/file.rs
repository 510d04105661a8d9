//! The `file` source: §3 JSONL, read as a stream (memory does not grow with the file).

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use crate::domain::document::{parse_line, Document};
use crate::domain::text::Text;

/// The longest line read. A longer one refuses the file and ends the reading: an input
/// without line ends (`/dev/zero`) would otherwise be read for ever.
pub const MAX_LINE_BYTES: usize = 1 << 20;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Call `each(line_number, parsed)` for every non-blank line of a JSONL file.
pub fn read_jsonl(path: &Path, mut each: impl FnMut(u64, Result<Document, Text>)) -> std::io::Result<()> {
    let file = std::fs::File::open(path)?;
    scan_jsonl(file, |line, _, parsed| each(line, parsed))
}

/// Call `each(line_number, bytes, parsed)` for every non-blank line, with the line's own
/// bytes (without its line end). A UTF-8 byte-order mark at the very start is skipped
/// (spreadsheet programs write one); a line over [`MAX_LINE_BYTES`] is reported and ends it.
pub fn scan_jsonl(input: impl Read, mut each: impl FnMut(u64, &[u8], Result<Document, Text>)) -> std::io::Result<()> {
    let mut reader = BufReader::with_capacity(1 << 16, input);
    let mut buf = Vec::with_capacity(1024);
    let mut line = 0u64;
    loop {
        buf.clear();
        let n = (&mut reader)
            .take(MAX_LINE_BYTES as u64 + 1)
            .read_until(b'\n', &mut buf)?;
        if n == 0 {
            return Ok(());
        }
        line += 1;
        if buf.len() > MAX_LINE_BYTES && buf.last() != Some(&b'\n') {
            each(
                line,
                &[],
                Err(crate::text!("file-line-longer-than-mib", mib = MAX_LINE_BYTES >> 20)),
            );
            return Ok(());
        }
        let mut bytes = buf.as_slice();
        if line == 1 {
            bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
        }
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
        if bytes.starts_with(BOM) {
            each(line, bytes, Err(crate::text!("file-byte-order-mark-bom")));
            continue;
        }
        each(line, bytes, parse_line(bytes));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = r#"{"type":"void","id":"T1","time":"2026-03-03T10:00:00+01:00"}"#;

    fn scan(input: &[u8]) -> Vec<(u64, Result<String, String>)> {
        let mut out = Vec::new();
        scan_jsonl(input, |n, _, p| {
            out.push((n, p.map(|d| d.id().to_string()).map_err(|e| e.to_string())))
        })
        .unwrap();
        out
    }

    #[test]
    fn a_bom_at_the_start_is_skipped_and_named_elsewhere() {
        let text = format!("\u{feff}{LINE}\n\u{feff}{LINE}\n");
        let got = scan(text.as_bytes());
        assert_eq!(got[0], (1, Ok("T1".into())));
        assert!(got[1].1.as_ref().unwrap_err().contains("byte-order mark"), "{got:?}");
    }

    #[test]
    fn an_endless_line_ends_the_reading_with_a_message() {
        // /dev/zero: no line end, ever.
        let zeros = std::io::repeat(0).take(64 << 20);
        let mut got = Vec::new();
        scan_jsonl(zeros, |n, _, p| got.push((n, p.map(|_| ())))).unwrap();
        assert_eq!(got.len(), 1);
        assert!(
            got[0].1.as_ref().unwrap_err().to_string().contains("longer than 1 MiB"),
            "{got:?}"
        );
    }

    #[test]
    fn a_line_of_exactly_the_limit_is_read() {
        let pad = MAX_LINE_BYTES - LINE.len() - 1;
        let text = format!("{LINE}{}\n{LINE}", " ".repeat(pad));
        let got = scan(text.as_bytes());
        assert_eq!(got, vec![(1, Ok("T1".into())), (2, Ok("T1".into()))]);
    }
}
