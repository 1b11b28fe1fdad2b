//! Golden tests: the quotes of every seed article, as CSV, against `golden/<seed>.quotes.csv`.
//!
//! Every mismatching file is reported before the test fails, so one run shows the whole change.
//! `UPDATE_GOLDEN=1 cargo test --test golden` rewrites the files; read the diff against the
//! articles before committing it.

use std::path::{Path, PathBuf};

use whosaid::Grammar;
use whosaid::input::{Source, read_source};
use whosaid::output::{Format, QUOTE_COLUMNS, RowWriter, quote_rows};

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

/// The quotes CSV of one article file, as `whosaid quotes FILE` prints it.
fn quotes_csv(path: &Path, g: &Grammar) -> String {
    let mut buf = Vec::new();
    {
        let mut w = RowWriter::new(&mut buf, Format::Csv, QUOTE_COLUMNS).unwrap();
        read_source(&Source::File(path.to_path_buf()), &mut |a| {
            let a = a.expect("seed reads");
            let (quotes, _) = whosaid::extract(&a, g);
            for row in quote_rows(&a, &quotes) {
                w.write(&row).unwrap();
            }
        });
        w.flush().unwrap();
    }
    String::from_utf8(buf).unwrap()
}

#[test]
fn seed_quotes_match_golden_files() {
    let g = Grammar::embedded();
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let seeds = seeds();
    assert_eq!(seeds.len(), 5, "the five seed articles are in seeds/");
    let mut failures = Vec::new();
    for seed in seeds {
        let stem = seed.file_stem().unwrap().to_string_lossy().into_owned();
        let golden = root().join("golden").join(format!("{stem}.quotes.csv"));
        let actual = quotes_csv(&seed, &g);
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
