//! Time of the cross-article stage against the number of articles: PolNeAR train (from
//! `../shared`, when present) or the seeds, repeated with new ids up to 10,000 articles. Each
//! article is analyzed once; its copies reuse the analysis, so that only the cross-article work
//! is timed: keeping each article's records as it comes, then the registry, claims, pairs and
//! final rows. `cargo bench --bench registry`

use std::time::{Duration, Instant};

mod common;

use whosaid::Grammar;
use whosaid::people::Aliases;
use whosaid::pipeline::Run;
use whosaid::quotes::{Analysis, analyze};

fn main() {
    let g = Grammar::embedded();
    let base = common::corpus();
    println!("corpus: {} articles", base.len());
    let t0 = Instant::now();
    let analyses: Vec<Analysis> = base.iter().map(|a| analyze(a, &g)).collect();
    println!("extraction: {:.2} s", t0.elapsed().as_secs_f64());
    for n in [1_000usize, 2_500, 5_000, 10_000] {
        let mut run = Run::new();
        let mut keep = Duration::ZERO;
        for i in 0..n {
            let (mut a, src) = (base[i % base.len()].clone(), &analyses[i % base.len()]);
            a.id = format!("{}#{}", a.id, i / base.len());
            let mut record = src.record.clone();
            record.doc = a.id.clone();
            let analysis = Analysis { quotes: src.quotes.clone(), warnings: Vec::new(), record };
            let t = Instant::now();
            run.add_analysis(&a, analysis, &g);
            keep += t.elapsed();
        }
        let t1 = Instant::now();
        let (rows, registry) = run.finish(&Aliases::default(), &g);
        let build = t1.elapsed();
        let total = (keep + build).as_secs_f64();
        println!(
            "{n:>6} articles: keep {:>6.3} s + registry and tables {:>6.3} s = {:.1} µs/article, {} quotes, {} entities",
            keep.as_secs_f64(),
            build.as_secs_f64(),
            total * 1e6 / n as f64,
            rows.len(),
            registry.entities.len()
        );
    }
}
