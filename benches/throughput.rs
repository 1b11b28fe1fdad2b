//! Throughput in MB/s of article text, stage by stage, on one core: the quote stage (finding quote
//! marks and pairing them into spans), tokens and sentences alone and together with the quote
//! stage, the whole per-article analysis (quotes, attribution, people and claims records), and the
//! cross-article stage (registry and pairs). PolNeAR train from `../shared` when present,
//! otherwise the seeds repeated.
//!
//! One more line puts a floor under the analysis: the same analysis run on the quote-bearing
//! paragraphs alone (every other paragraph dropped), its speed given over the whole corpus's bytes.
//! No design that attributes quotes with this analysis can run faster than that line, since those
//! paragraphs are the least text an attribution has to read.
//!
//! `cargo bench --bench throughput` runs every stage; `cargo bench --bench throughput -- text`
//! runs only the quote, token and sentence stages (quick, and small enough to run under
//! callgrind). The fast stages are timed several times and the best pass is reported, since one
//! pass takes only milliseconds and a shared machine adds noise to any single one.

use std::time::Instant;

mod common;

use whosaid::Grammar;
use whosaid::input::Article;
use whosaid::marks::{Span, paragraphs, quote_spans};
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

/// The article cut down to the paragraphs that hold a quote span, a blank line between them.
fn quoted_paragraphs(a: &Article, paras: &[(usize, usize)], spans: &[Span]) -> Article {
    let text = paras
        .iter()
        .filter(|&&(s, e)| spans.iter().any(|q| q.start < e && q.end > s))
        .map(|&(s, e)| &a.text[s..e])
        .collect::<Vec<_>>()
        .join("\n\n");
    Article { text, dateline: None, ..a.clone() }
}

fn report(stage: &str, bytes: usize, secs: f64) {
    println!("{stage:<32} {:>9.1} MB/s  ({:.3} s for {:.1} MB)", bytes as f64 / 1e6 / secs, secs, bytes as f64 / 1e6);
}

/// The shortest of `passes` timed runs of `f`, in seconds.
fn best(passes: usize, mut f: impl FnMut() -> usize, n: &mut usize) -> f64 {
    (0..passes)
        .map(|_| {
            let t = Instant::now();
            *n += f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let text_only = std::env::args().skip(1).any(|a| a == "text");
    let passes = std::env::var("THROUGHPUT_PASSES").ok().and_then(|p| p.parse().ok()).unwrap_or(5);
    let g = Grammar::embedded();
    let arts = corpus();
    let bytes: usize = arts.iter().map(|a| a.text.len()).sum();
    println!("corpus: {} articles, {:.1} MB, best of {passes} passes for the first three stages", arts.len(), bytes as f64 / 1e6);
    let mut n = 0;

    let secs = best(passes, || arts.iter().map(|a| quote_spans(&a.text, &paragraphs(&a.text)).0.len()).sum(), &mut n);
    report("quote stage (marks + spans)", bytes, secs);

    let pre: Vec<_> = arts
        .iter()
        .map(|a| {
            let paras = paragraphs(&a.text);
            let spans = quote_spans(&a.text, &paras).0;
            (paras, spans)
        })
        .collect();
    let secs = best(
        passes,
        || arts.iter().zip(&pre).map(|(a, (paras, spans))| tokenize(&a.text, paras.clone(), spans, &g).tokens.len()).sum(),
        &mut n,
    );
    report("tokens + sentences", bytes, secs);

    let secs = best(
        passes,
        || {
            arts.iter()
                .map(|a| {
                    let paras = paragraphs(&a.text);
                    let (spans, _) = quote_spans(&a.text, &paras);
                    tokenize(&a.text, paras, &spans, &g).tokens.len()
                })
                .sum()
        },
        &mut n,
    );
    report("marks + tokens + sentences", bytes, secs);
    if text_only {
        println!("({n} items)");
        return;
    }

    let t = Instant::now();
    for a in &arts {
        n += whosaid::extract(a, &g).0.len();
    }
    report("per-article analysis", bytes, t.elapsed().as_secs_f64());

    let quoted: Vec<Article> = arts.iter().zip(&pre).map(|(a, (paras, spans))| quoted_paragraphs(a, paras, spans)).collect();
    let kept: usize = quoted.iter().map(|a| a.text.len()).sum();
    let t = Instant::now();
    for a in &quoted {
        n += whosaid::extract(a, &g).0.len();
    }
    report("  quoted paragraphs only", bytes, t.elapsed().as_secs_f64());
    println!("  (those paragraphs hold {:.0}% of the text)", kept as f64 * 100.0 / bytes as f64);

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
