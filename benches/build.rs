//! Start-up cost: loading the shipped gazetteers, and building the matcher from them.
//!
//! Throughput is the bytes of every name and alias of every entry. `navne tag` pays
//! `load_and_build` once per run, before the first document.

use std::time::Duration;

use criterion::{black_box, criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use navne::{Gazetteer, Tagger};

fn build(c: &mut Criterion) {
    let g = Gazetteer::shipped().expect("the shipped gazetteers load");
    let form_bytes: usize = g
        .entries()
        .iter()
        .flat_map(|e| e.surface_forms())
        .map(str::len)
        .sum();

    let mut group = c.benchmark_group("build");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    group.throughput(Throughput::Bytes(form_bytes as u64));
    group.bench_function("load", |b| {
        b.iter(|| black_box(Gazetteer::shipped().unwrap()))
    });
    group.bench_function("load_and_build", |b| {
        b.iter(|| black_box(Tagger::new(Gazetteer::shipped().unwrap()).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, build);
criterion_main!(benches);
