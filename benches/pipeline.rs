//! The whole pipeline as `navne tag` runs it: read, parse, tag in parallel, render CSV rows in
//! order and write them (to `io::sink()`), in a rayon pool of 1 and of 2 threads, on a JSON
//! Lines file and on a directory of small `.txt` files.
//!
//! Throughput is bytes of document text. The files are read through the page cache: after the
//! first iteration this measures the CPU side of reading, not the disk.

mod common;

use std::io;
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use navne::{Fields, Input, Pipeline, Summary, Tagger, Units};

fn run(tagger: &Tagger, pool: &rayon::ThreadPool, path: &Path) -> Summary {
    let pipeline = Pipeline::new(tagger, Fields::default());
    let units = Units::new(vec![Input::Path(path.to_path_buf())]);
    let summary = pool
        .install(|| pipeline.run(units, &mut io::sink(), |_| {}, |e| panic!("skipped {e}")))
        .expect("io::sink() does not fail");
    assert_eq!(summary.skipped, 0);
    summary
}

fn pipeline(c: &mut Criterion) {
    let mb = common::corpus_mb();
    let inputs = [
        ("jsonl", common::jsonl_corpus(mb)),
        ("txt", common::txt_corpus(mb)),
    ];
    let (_, tagger) = common::shipped_tagger();

    let mut group = c.benchmark_group("pipeline");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    for (name, path) in &inputs {
        for threads in [1, 2] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("rayon pool");
            let bytes = run(&tagger, &pool, path).bytes;
            group.throughput(Throughput::Bytes(bytes));
            group.bench_function(format!("{name}-{mb}mb/threads-{threads}"), |b| {
                b.iter(|| run(&tagger, &pool, path))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
