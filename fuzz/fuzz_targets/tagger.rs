//! Fuzz target: see [`navne_fuzz::tagger`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| navne_fuzz::tagger(data));
