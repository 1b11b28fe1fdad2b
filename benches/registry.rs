//! Time of the people registry against the number of articles: PolNeAR train (from
//! `../shared`, when present) or the seeds, repeated with new ids up to 10,000 articles.
//! `cargo bench --bench registry`

use std::time::Instant;

mod common;

use whosaid::Grammar;
use whosaid::people::Aliases;
use whosaid::pipeline::Run;

fn main() {
    let g = Grammar::embedded();
    let base = common::corpus();
    println!("corpus: {} articles", base.len());
    for n in [1_000usize, 2_500, 5_000, 10_000] {
        let mut run = Run::new();
        let t0 = Instant::now();
        for i in 0..n {
            let mut a = base[i % base.len()].clone();
            a.id = format!("{}#{}", a.id, i / base.len());
            run.add(&a, &g);
        }
        let extract = t0.elapsed();
        let t1 = Instant::now();
        let (rows, registry) = run.finish(&Aliases::default(), &g);
        let build = t1.elapsed();
        println!(
            "{n:>6} articles: extraction {:>7.2} s, registry {:>7.3} s ({:.1} µs/article), {} quotes, {} entities",
            extract.as_secs_f64(),
            build.as_secs_f64(),
            build.as_secs_f64() * 1e6 / n as f64,
            rows.len(),
            registry.entities.len()
        );
    }
}
