//! Keeps the lexicons in `grammar/` tidy: comments only at the top, no blank lines, entries
//! lowercase, sorted in byte order and unique, and every file known to the embedded grammar.

use std::path::PathBuf;

fn grammar_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("grammar");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    v.sort();
    v
}

#[test]
fn lexicons_are_sorted_unique_lowercase() {
    let mut problems = Vec::new();
    for path in grammar_files() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut entries: Vec<&str> = Vec::new();
        let mut in_header = true;
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') {
                if !in_header {
                    problems.push(format!("{name}:{}: comment after the first entry", n + 1));
                }
                continue;
            }
            in_header = false;
            if line.trim().is_empty() {
                problems.push(format!("{name}:{}: blank line", n + 1));
                continue;
            }
            if line != line.to_lowercase() {
                problems.push(format!("{name}:{}: not lowercase: {line}", n + 1));
            }
            if line != line.trim() || line.contains("\t\t") {
                problems.push(format!("{name}:{}: stray white space", n + 1));
            }
            entries.push(line);
        }
        for w in entries.windows(2) {
            if w[0].as_bytes() >= w[1].as_bytes() {
                problems.push(format!("{name}: {:?} then {:?}: not sorted and unique", w[0], w[1]));
            }
        }
        if !whosaid::grammar::FILES.iter().any(|(n, _)| *n == name) {
            problems.push(format!("{name}: not embedded in src/grammar.rs"));
        }
    }
    assert!(problems.is_empty(), "grammar/ is untidy:\n{}", problems.join("\n"));
}

#[test]
fn every_embedded_lexicon_exists() {
    for (name, text) in whosaid::grammar::FILES {
        assert!(!text.trim().is_empty(), "{name} is empty");
    }
}
