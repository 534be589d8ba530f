//! Fuzz target: see [`navne_fuzz::reader`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| navne_fuzz::reader(data));
