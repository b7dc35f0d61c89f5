//! The participants sheet (CSV, any delimiter and encoding), from raw bytes.
#![no_main]
use coda::corpus::Sheet;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = Sheet::parse(std::path::Path::new("participants.csv"), data, &mut |_| Ok(()));
});
