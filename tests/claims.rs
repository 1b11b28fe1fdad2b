//! Claims and counterclaims on invented articles: one proposition stated and denied across
//! articles makes a pair; different propositions never do; a confirmation backs its claim.

use whosaid::Grammar;
use whosaid::input::Article;
use whosaid::output::{ClaimRow, PairRow};
use whosaid::people::Aliases;
use whosaid::pipeline::Run;

fn run(articles: &[(&str, &str, Option<&str>)]) -> (Vec<ClaimRow>, Vec<PairRow>) {
    let g = Grammar::embedded();
    let mut run = Run::new();
    for (id, text, date) in articles {
        run.add(&Article { id: id.to_string(), text: text.to_string(), date: date.map(str::to_string), ..Article::default() }, &g);
    }
    let t = run.tables(&Aliases::default(), &g);
    (t.claims, t.pairs)
}

#[test]
fn claim_and_counterclaim_across_articles() {
    let (claims, pairs) = run(&[
        ("a", "Chile has long alleged that there is a Peruvian hand in the October 7 attack.", Some("2023-10-15")),
        ("b", "Peru’s foreign minister Jane Roe said on Tuesday that Lima was not involved in the Saturday assault.", Some("2023-10-10")),
        ("c", "Peru has said it was not informed in advance of the attack on October 7 — a position that Chilean officials have confirmed.", Some("2023-10-15")),
    ]);
    let props: Vec<&str> = claims.iter().map(|c| c.proposition.as_str()).collect();
    assert!(props.contains(&"peru | involved in | attack | 2023-10-07"), "{props:?}");
    let contradicts: Vec<&PairRow> = pairs.iter().filter(|p| p.relation == "contradicts").collect();
    assert!(contradicts.iter().any(|p| p.claimant == "Chile" && p.counterclaimant == "Jane Roe"), "{pairs:#?}");
    assert!(contradicts.iter().any(|p| p.claimant == "Chile" && p.counterclaimant == "Peru"), "{pairs:#?}");
    let supports: Vec<&PairRow> = pairs.iter().filter(|p| p.relation == "supports").collect();
    assert_eq!(supports.len(), 1, "{pairs:#?}");
    assert_eq!(supports[0].claimant, "Peru");
    assert_eq!(supports[0].counterclaimant, "Chilean officials");
}

#[test]
fn different_propositions_make_no_pair() {
    let (_, pairs) = run(&[
        ("a", "Chile alleged that Peru was behind the October 7 attack.", Some("2023-10-15")),
        ("b", "Jane Roe said that Peru was not behind the trade deal.", Some("2023-10-15")),
        ("c", "John Doe said that Bolivia was not behind the October 7 attack.", Some("2023-10-15")),
    ]);
    assert!(pairs.is_empty(), "{pairs:#?}");
}

#[test]
fn denials_flip_polarity() {
    let (claims, pairs) = run(&[
        ("a", "Chile said that Peru was involved in the attack.", None),
        ("b", "Peru denied that it was involved in the attack.", None),
    ]);
    assert!(claims.iter().any(|c| c.cue_class == "deny" && c.polarity == "-"), "{claims:#?}");
    assert_eq!(pairs.len(), 1);
    assert_eq!(pairs[0].relation, "denies");
}
