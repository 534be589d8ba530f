//! Fuzz target: see [`navne_fuzz::gazetteer`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| navne_fuzz::gazetteer(data));
