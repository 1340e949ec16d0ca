//! The search on a generated guide of 2,000 steps: building the index (once per guide load,
//! next to `Guide::load` itself) and typical queries. Run with `cargo bench --bench search`.

// Natively only (the dev-dependencies are); a wasm build of all targets sees an empty crate.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use leitfaden::generate;
use leitfaden::guide::Guide;
use leitfaden::search::SearchIndex;

/// Queries of each kind of match: exact, prefix while typing, inflection, compound part,
/// typo, two words, and one that finds nothing.
const QUERIES: [&str; 7] = [
    "Beteiligung",
    "Bür",
    "Berichte",
    "arbeit",
    "Transparnez",
    "Bürgerinnen Termin",
    "Haushaltssatzung",
];

fn bench(c: &mut Criterion) {
    let files = generate::guide(2000, 1);
    let (guide, _) = Guide::load(&files).expect("the generated guide is valid");
    let index = SearchIndex::build(&guide);
    eprintln!("index sizes: {:?}", index.sizes());
    c.bench_function("SearchIndex::build, 2,000 steps", |b| {
        b.iter(|| SearchIndex::build(black_box(&guide)));
    });
    c.bench_function("Guide::load, 2,000 steps", |b| {
        b.iter(|| Guide::load(black_box(&files)).is_ok());
    });
    let notes: Vec<(usize, &str)> = (0..200)
        .map(|i| {
            (
                i * 10,
                "Termin mit dem Team der Verwaltung vereinbaren, Bericht folgt.",
            )
        })
        .collect();
    for q in QUERIES {
        c.bench_function(&format!("search „{q}“, 2,000 steps, 200 notes"), |b| {
            b.iter(|| index.search(&guide, black_box(q), black_box(&notes), 50));
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
