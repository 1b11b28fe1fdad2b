//! Extraction never panics, whatever the text: random strings built from the characters that
//! trouble quote finding (marks of every kind, apostrophes, line ends, dashes, multi-byte
//! letters), and every offset it returns is a character boundary of the text. `ROBUST_ROUNDS=N`
//! runs more rounds than the default 1,500.

use whosaid::Grammar;
use whosaid::input::Article;
use whosaid::pipeline::Run;
use whosaid::people::Aliases;

const PIECES: &[&str] = &[
    "\"", "“", "”", "‘", "’", "'", "«", "»", "„", "‚", "\n", "\n\n", "\r\n", " ", " ", " ", ",", ".", ":", ";", "—", "(", ")",
    "said", "he", "she", "told", "Jane", "Roe", "Ruritania", "the", "official", "that", "was", "not", "involved", "in",
    "attack", "according", "to", "é", "ğ", "@JaneRoe", "Mr.", "U.S.", "Recent Posts", "\u{feff}", "9/11", "’s", "so-called",
];

fn lcg(state: &mut u64) -> u64 {
    *state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    *state >> 33
}

#[test]
fn random_text_never_panics_and_offsets_are_boundaries() {
    let g = Grammar::embedded();
    let mut seed = 42u64;
    let mut run = Run::new();
    let rounds: usize = std::env::var("ROBUST_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(1500);
    for n in 0..rounds {
        let len = 1 + lcg(&mut seed) as usize % 80;
        let text: String = (0..len).map(|_| PIECES[lcg(&mut seed) as usize % PIECES.len()]).collect();
        let article = Article { id: format!("r{n}"), text: text.clone(), date: Some("2023-10-15".into()), ..Article::default() };
        let (quotes, _) = whosaid::extract(&article, &g);
        for q in &quotes {
            for b in [q.start, q.end, q.inner.0, q.inner.1] {
                assert!(text.is_char_boundary(b), "offset {b} in {text:?}");
            }
            assert!(q.start <= q.inner.0 && q.inner.0 <= q.inner.1 && q.inner.1 <= q.end, "{text:?}");
        }
        run.add(&article, &g);
    }
    let t = run.tables(&Aliases::default(), &g);
    assert!(t.quotes.iter().all(|q| q.start < q.end));
}
