#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Err(problems) = dagkas::domain::config::parse(&text) {
        for p in problems {
            let _ = p.render("dagkas.toml", &text);
        }
    }
});
