//! One recompute of a profile's path on a generated guide of 2,000 steps: the work the app
//! does on every click. Run with `cargo bench --bench path`.

// Natively only (the dev-dependencies are); a wasm build of all targets sees an empty crate.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use leitfaden::generate;
use leitfaden::guide::Guide;
use leitfaden::path;
use leitfaden::profile::Answers;

fn bench(c: &mut Criterion) {
    let files = generate::guide(2000, 1);
    let (guide, _) = Guide::load(&files).expect("the generated guide is valid");
    let mut answers = Answers::default();
    answers
        .profile
        .insert("groesse".into(), "mittelstadt".into());
    answers.profile.insert("stand".into(), "anfang".into());
    answers
        .decisions
        .insert("entscheidung-0".into(), "b".into());
    c.bench_function("path::compute, 2,000 steps", |b| {
        b.iter(|| path::compute(black_box(&guide), black_box(&answers)));
    });
    c.bench_function("Guide::load, 2,000 steps", |b| {
        b.iter(|| Guide::load(black_box(&files)).is_ok());
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
