//! The benchmark corpus: PolNeAR train from `../shared` when present, otherwise the seeds.

use whosaid::input::{Article, Source, read_source, sources};

// The benches time the library under the allocator the `whosaid` binary runs it with.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub fn corpus() -> Vec<Article> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let train = root.join("../shared/data/polnear/train.jsonl");
    let srcs = if train.exists() { vec![Ok(Source::File(train))] } else { sources(&[root.join("seeds")]) };
    let mut out = Vec::new();
    for s in srcs.into_iter().flatten() {
        read_source(&s, &mut |a| out.extend(a.ok()));
    }
    out
}
