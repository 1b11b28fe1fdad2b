//! Throughput in MB/s of article text, stage by stage, on one core: quote marks, tokens and
//! sentences, the whole per-article analysis (quotes, attribution, people and claims records),
//! and the cross-article stage (registry and pairs). PolNeAR train from `../shared` when present,
//! otherwise the seeds repeated. `cargo bench --bench throughput`

use std::time::Instant;

mod common;

use whosaid::Grammar;
use whosaid::input::Article;
use whosaid::marks::{paragraphs, quote_spans};
use whosaid::people::Aliases;
use whosaid::pipeline::Run;
use whosaid::text::tokenize;

fn corpus() -> Vec<Article> {
    let mut out = common::corpus();
    // At least 3 MB, so that each stage runs long enough to time.
    let base = out.clone();
    while out.iter().map(|a| a.text.len()).sum::<usize>() < 3_000_000 {
        out.extend(base.iter().cloned());
    }
    out
}

fn report(stage: &str, bytes: usize, secs: f64) {
    println!("{stage:<28} {:>9.1} MB/s  ({:.3} s for {:.1} MB)", bytes as f64 / 1e6 / secs, secs, bytes as f64 / 1e6);
}

fn main() {
    let g = Grammar::embedded();
    let arts = corpus();
    let bytes: usize = arts.iter().map(|a| a.text.len()).sum();
    println!("corpus: {} articles, {:.1} MB", arts.len(), bytes as f64 / 1e6);

    let t = Instant::now();
    let mut n = 0;
    for a in &arts {
        n += quote_spans(&a.text, &paragraphs(&a.text)).0.len();
    }
    report("quote marks", bytes, t.elapsed().as_secs_f64());

    let t = Instant::now();
    for a in &arts {
        let paras = paragraphs(&a.text);
        let (spans, _) = quote_spans(&a.text, &paras);
        n += tokenize(&a.text, paras, &spans, &g).tokens.len();
    }
    report("marks + tokens + sentences", bytes, t.elapsed().as_secs_f64());

    let t = Instant::now();
    for a in &arts {
        n += whosaid::extract(a, &g).0.len();
    }
    report("per-article analysis", bytes, t.elapsed().as_secs_f64());

    let t = Instant::now();
    let mut run = Run::new();
    for a in &arts {
        run.add(a, &g);
    }
    let added = t.elapsed().as_secs_f64();
    let t2 = Instant::now();
    let tables = run.tables(&Aliases::default(), &g);
    let cross = t2.elapsed().as_secs_f64();
    report("cross-article stage", bytes, cross);
    report("whole run (one core)", bytes, added + cross);
    println!("({} items, {} quotes, {} claims)", n, tables.quotes.len(), tables.claims.len());
}
