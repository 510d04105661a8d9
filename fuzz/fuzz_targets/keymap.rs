#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = dagkas::tui::keymap::parse(&String::from_utf8_lossy(data), "keymap.toml");
});
