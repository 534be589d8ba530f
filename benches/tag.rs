//! The tagger alone, on one thread: every document of a generated corpus through
//! `Tagger::tag` in sequence, with no reading, parsing or writing.
//!
//! Throughput is bytes of document text. Compare with the `scan` benchmark, which runs a plain
//! aho-corasick scan over the same documents with the same patterns.

mod common;

use std::time::Duration;

use criterion::{black_box, criterion_group, criterion_main, Criterion, SamplingMode, Throughput};

fn tag(c: &mut Criterion) {
    let mb = common::corpus_mb();
    let docs = common::load_documents(&common::jsonl_corpus(mb));
    let (_, tagger) = common::shipped_tagger();

    let mut group = c.benchmark_group("tag");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Bytes(common::text_bytes(&docs)));
    group.bench_function(format!("jsonl-{mb}mb"), |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| black_box(tagger.tag(d)).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, tag);
criterion_main!(benches);
