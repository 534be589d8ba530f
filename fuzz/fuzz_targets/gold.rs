//! Fuzz target: see [`navne_fuzz::gold`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| navne_fuzz::gold(data));
