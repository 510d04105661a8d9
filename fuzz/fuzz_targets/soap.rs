#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = dagkas::pos::xml::parse(&String::from_utf8_lossy(data)) {
        for r in doc.children.iter() {
            let _ = dagkas::pos::mplus::receipt_document(r, chrono_tz::Europe::Brussels);
            let _ = dagkas::pos::mplus::invoice_documents(r, chrono_tz::Europe::Brussels);
            let _ = dagkas::pos::mplus::order_documents(r, chrono_tz::Europe::Brussels);
        }
    }
});
