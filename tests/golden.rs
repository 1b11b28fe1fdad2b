//! Golden tests: the quotes of every seed article against `golden/<seed>.quotes.csv`, and the
//! people, claims and counterclaims of all five against `golden/people.csv`, `golden/claims.csv`
//! and `golden/counterclaims.csv`, as `whosaid run seeds` writes them.
//!
//! Every mismatching file is reported before the test fails, so one run shows the whole change.
//! `UPDATE_GOLDEN=1 cargo test --test golden` rewrites the files; read the diff against the
//! articles before committing it.

use std::path::PathBuf;

use whosaid::Grammar;
use whosaid::input::{Source, read_source};
use whosaid::output::{CLAIM_COLUMNS, Format, PAIR_COLUMNS, PEOPLE_COLUMNS, QUOTE_COLUMNS, QuoteRow, RowWriter};
use whosaid::people::Aliases;
use whosaid::pipeline::{Run, people_rows};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seeds() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("seeds"))
        .expect("seeds/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

fn csv<T: serde::Serialize>(columns: &[&str], rows: &[T]) -> String {
    let mut buf = Vec::new();
    {
        let mut w = RowWriter::new(&mut buf, Format::Csv, columns).unwrap();
        for row in rows {
            w.write(row).unwrap();
        }
        w.flush().unwrap();
    }
    String::from_utf8(buf).unwrap()
}

/// `whosaid run seeds`: the quotes CSV of each seed and the people CSV of all five together.
fn run_seeds(seeds: &[PathBuf], g: &Grammar) -> (Vec<(String, String)>, Vec<(&'static str, String)>) {
    let mut run = Run::new();
    for seed in seeds {
        read_source(&Source::File(seed.clone()), &mut |a| {
            run.add(&a.expect("seed reads"), g);
        });
    }
    let t = run.tables(&Aliases::default(), g);
    let rows = &t.quotes;
    let per_seed = seeds
        .iter()
        .map(|seed| {
            let id = seed.file_name().unwrap().to_string_lossy().into_owned();
            let mine: Vec<&QuoteRow> = rows.iter().filter(|r| r.doc == id).collect();
            (seed.file_stem().unwrap().to_string_lossy().into_owned(), csv(QUOTE_COLUMNS, &mine))
        })
        .collect();
    let tables = vec![
        ("people.csv", csv(PEOPLE_COLUMNS, &people_rows(&t.registry))),
        ("claims.csv", csv(CLAIM_COLUMNS, &t.claims)),
        ("counterclaims.csv", csv(PAIR_COLUMNS, &t.pairs)),
    ];
    (per_seed, tables)
}

#[test]
fn seed_tables_match_golden_files() {
    let g = Grammar::embedded();
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let seeds = seeds();
    assert_eq!(seeds.len(), 5, "the five seed articles are in seeds/");
    let mut failures = Vec::new();
    let (quotes, tables) = run_seeds(&seeds, &g);
    let mut files: Vec<(PathBuf, String)> =
        quotes.into_iter().map(|(stem, text)| (root().join("golden").join(format!("{stem}.quotes.csv")), text)).collect();
    files.extend(tables.into_iter().map(|(name, text)| (root().join("golden").join(name), text)));
    for (golden, actual) in files {
        if update {
            std::fs::write(&golden, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&golden).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "{}:\n{}",
                golden.display(),
                pretty_assertions::StrComparison::new(&expected, &actual)
            ));
        }
    }
    if !failures.is_empty() {
        panic!("{} golden file(s) differ (UPDATE_GOLDEN=1 rewrites them):\n\n{}", failures.len(), failures.join("\n\n"));
    }
}
