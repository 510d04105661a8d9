#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(data) {
        let _ = dagkas::pos::lightspeed::sale_document(&v, &Default::default());
    }
});
