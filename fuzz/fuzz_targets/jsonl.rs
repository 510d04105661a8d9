#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = dagkas::domain::document::parse_line(data);
    let _ = dagkas::pos::file::read_jsonl_from(data, |_, _| {});
});
