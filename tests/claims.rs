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
    let supports: Vec<(&str, &str)> = pairs.iter().filter(|p| p.relation == "supports").map(|p| (p.claimant.as_str(), p.counterclaimant.as_str())).collect();
    // The confirmation backs Peru; Peru and its minister deny the same thing.
    assert!(supports.contains(&("Peru", "Chilean officials")), "{pairs:#?}");
    assert!(supports.contains(&("Jane Roe", "Peru")), "{pairs:#?}");
    assert_eq!(supports.len(), 2, "{pairs:#?}");
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

fn one(text: &str) -> (Vec<ClaimRow>, Vec<PairRow>) {
    run(&[("a", text, Some("2016-09-30"))])
}

#[test]
fn an_accusation_and_its_denial_pair_up_in_one_article() {
    let (claims, pairs) = one("Jane Roe accused John Doe of hiding his tax returns. Doe denied hiding his tax returns.");
    let props: Vec<&str> = claims.iter().map(|c| c.proposition.as_str()).collect();
    assert!(props.contains(&"john doe | hid | return"), "{claims:#?}");
    assert_eq!(pairs.len(), 1, "{pairs:#?}");
    assert_eq!((pairs[0].claimant.as_str(), pairs[0].counterclaimant.as_str(), pairs[0].relation), ("Jane Roe", "John Doe", "denies"));
}

#[test]
fn a_denial_in_other_words_contradicts() {
    let (_, pairs) = one("Jane Roe accused John Doe of lying about the budget. Doe said he never lied about the budget.");
    assert_eq!(pairs.len(), 1, "{pairs:#?}");
    assert_eq!(pairs[0].topic, "john doe | lie | budget");
    assert_eq!(pairs[0].relation, "contradicts");
    // An opposite word states the denial: awake is not asleep.
    let (_, pairs) = one("Jane Roe accused John Doe of being asleep during the storm. Doe says he was awake all night.");
    assert_eq!(pairs.len(), 1, "{pairs:#?}");
    assert_eq!(pairs[0].topic, "john doe | be | asleep");
}

#[test]
fn a_denial_that_refers_back_answers_the_accusation() {
    let (claims, pairs) = one("Jane Roe accused John Doe of taking bribes from the builders. Doe rejected the allegations in a statement on Monday.");
    let denial = claims.iter().find(|c| c.cue == "rejected").expect("the denial is a claim");
    assert_eq!((denial.cue_class.as_str(), denial.polarity), ("deny", "-"));
    assert_eq!(denial.proposition, "john doe | tak | brib");
    assert_eq!(pairs.len(), 1, "{pairs:#?}");
    assert_eq!((pairs[0].claimant.as_str(), pairs[0].counterclaimant.as_str(), pairs[0].relation), ("Jane Roe", "John Doe", "denies"));
    // A short denial counts from a claimant the article quotes or reports otherwise.
    let (_, pairs) = one("Jane Roe accused John Doe of taking bribes from the builders. John Doe called the charges false.");
    assert!(pairs.is_empty(), "{pairs:#?}");
    let (_, pairs) = one("Jane Roe accused John Doe of taking bribes from the builders. John Doe called the charges false. “I have done nothing wrong,” Doe said.");
    assert_eq!(pairs.len(), 1, "{pairs:#?}");
}

#[test]
fn a_denial_by_somebody_else_or_of_something_else_makes_no_pair() {
    // The denier is not the accused.
    let (_, pairs) = one("Jane Roe accused John Doe of taking bribes from the builders. Richard Miles rejected the allegations.");
    assert!(pairs.is_empty(), "{pairs:#?}");
    // The accused denies another thing.
    let (_, pairs) = one("Jane Roe accused John Doe of taking bribes from the builders. Doe said he never visited the harbor.");
    assert!(pairs.is_empty(), "{pairs:#?}");
    // A capital or a possessive is no subject of its own.
    let (_, pairs) = one("Jane Roe said Doe’s aides paid the builders. John Doe said his aides did not pay the builders.");
    assert!(pairs.is_empty(), "{pairs:#?}");
}

#[test]
fn two_claimants_saying_the_same_thing_support_each_other() {
    let (claims, pairs) = run(&[
        ("a", "Jane Roe spoke in Springfield. Roe said John Doe is a disgusting fraud.", None),
        ("b", "Richard Miles, a senator, spoke on Monday. Miles said that John Doe was a disgusting fraud.", None),
    ]);
    let props: Vec<&str> = claims.iter().map(|c| c.proposition.as_str()).collect();
    assert!(props.iter().all(|p| *p == "john doe | be | disgusting fraud" || p.is_empty()), "{props:?}");
    assert_eq!(pairs.len(), 1, "{pairs:#?}");
    assert_eq!((pairs[0].claimant.as_str(), pairs[0].counterclaimant.as_str(), pairs[0].relation), ("Jane Roe", "Richard Miles", "supports"));
}

#[test]
fn same_words_with_another_modality_or_object_do_not_support() {
    // The future is not the past; `a fraud` is not `a disgusting fraud`; `in favor of the deal`
    // is not `in favor of the war`.
    let (claims, pairs) = run(&[
        ("a", "Jane Roe spoke in Springfield. Roe said John Doe would order a review of the budget. Roe said Doe is a fraud. Roe said Doe is in favor of the trade deal.", None),
        ("b", "Richard Miles spoke on Monday. Miles said John Doe ordered a review of the budget. Miles said Doe is a disgusting fraud. Miles said Doe is in favor of the war.", None),
    ]);
    let props: Vec<&str> = claims.iter().map(|c| c.proposition.as_str()).collect();
    assert!(props.contains(&"john doe | will order | review of budget"), "{props:?}");
    assert!(props.contains(&"john doe | order | review of budget"), "{props:?}");
    assert!(props.contains(&"john doe | be | favor of deal"), "{props:?}");
    assert!(pairs.is_empty(), "{pairs:#?}");
}

#[test]
fn a_quoted_he_is_somebody_else() {
    // In a quote `I` is the speaker and `he` someone else; in reported speech `he` is the claimant.
    let (claims, _) = one("“He started his business with a loan from his father,” Jane Roe said. John Doe said he’s satisfied that the audit was fair.");
    let props: Vec<&str> = claims.iter().map(|c| c.proposition.as_str()).collect();
    assert!(!props.iter().any(|p| p.starts_with("jane roe")), "{claims:#?}");
    assert!(props.contains(&"john doe | satisfy | audit"), "{claims:#?}");
}

#[test]
fn a_surname_alone_supports_only_within_its_article() {
    // `Doe` in one article and `Doe` in another may be two people.
    let (_, pairs) = run(&[
        ("a", "Jane Roe met John Doe. Roe said Doe is a disgusting fraud.", None),
        ("b", "Richard Miles met Mary Doe. Miles said Doe is a disgusting fraud.", None),
    ]);
    assert!(pairs.is_empty(), "{pairs:#?}");
}

#[test]
fn anonymous_sources_and_copies_of_a_story_do_not_pair_across_articles() {
    // `One analyst` here and `one analyst` there are nobody known; three copies of one story
    // must not support one another (their pairs would grow with the square of the copies).
    let story = "John Doe spoke on Monday. One analyst said that John Doe was a disgusting fraud.";
    let (claims, pairs) = run(&[("a", story, None), ("b", story, None), ("c", story, None)]);
    assert!(claims.iter().any(|c| c.proposition == "john doe | be | disgusting fraud"), "{claims:#?}");
    assert!(pairs.is_empty(), "{pairs:#?}");
}

#[test]
fn a_criticism_for_something_is_an_accusation_that_a_dismissal_answers() {
    let text = "Jane Roe spoke in Springfield on Monday. “He has hidden too much,” Roe said. Roe criticized John Doe for not paying his taxes. Doe dismissed the criticism in a statement. “I have paid every cent,” Doe said.";
    let (claims, pairs) = one(text);
    let criticism = claims.iter().find(|c| c.cue == "criticized").expect("the criticism is a claim");
    assert_eq!((criticism.cue_class.as_str(), criticism.polarity, criticism.proposition.as_str()), ("accuse", "-", "john doe | pay | tax"));
    assert_eq!(pairs.len(), 1, "{pairs:#?}");
    assert_eq!((pairs[0].claimant.as_str(), pairs[0].counterclaimant.as_str(), pairs[0].relation), ("Jane Roe", "John Doe", "denies"));
    // A rebuke with nothing it is for states nothing.
    let (claims, _) = one("Jane Roe spoke on Monday. “He has hidden too much,” Roe said. Roe slammed the decision of the city board on Monday.");
    assert!(!claims.iter().any(|c| c.cue == "slammed"), "{claims:#?}");
}

#[test]
fn a_rebuke_reads_only_what_the_accused_did() {
    // The accused (`the Chilean media`, not Chile) is not a party the article names: the clause is about nobody, and surely not
    // about the accuser.
    let (claims, _) = one("Jane Roe spoke on Monday. “It is a scandal,” Roe said. Roe blasted the Chilean media for being dishonest about the budget.");
    let c = claims.iter().find(|c| c.cue == "blasted").expect("the rebuke is a claim");
    assert_eq!(c.proposition, "", "{claims:#?}");
    // Blamed for reporting that P: P is what the accused reported, not what the accuser claims.
    let (claims, _) = one("Jane Roe spoke on Monday. “It is a scandal,” Roe said. Roe blamed the network for reporting that John Doe was quitting the race.");
    assert!(claims.iter().all(|c| !c.proposition.starts_with("john doe")), "{claims:#?}");
    // Whoever is criticized makes no claim.
    let (claims, _) = one("John Doe spoke on Monday. “It is a scandal,” Doe said. Doe has been harshly criticized for his handling of the budget.");
    assert!(!claims.iter().any(|c| c.cue == "criticized"), "{claims:#?}");
}

#[test]
fn an_answer_to_a_claim_is_a_lower_scored_denial() {
    let text = "Jane Roe spoke in Springfield on Monday. Roe accused John Doe of hiding his tax returns from the voters. Doe fired back on Tuesday, saying he paid every tax he owed.";
    let (claims, pairs) = one(text);
    let props: Vec<&str> = claims.iter().map(|c| c.proposition.as_str()).collect();
    assert!(props.contains(&"john doe | hid | return") && props.contains(&"john doe | pay | tax"), "{claims:#?}");
    assert_eq!(pairs.len(), 1, "{pairs:#?}");
    let p = &pairs[0];
    assert_eq!((p.claimant.as_str(), p.counterclaimant.as_str(), p.relation), ("Jane Roe", "John Doe", "denies"));
    assert!(p.score <= 0.5, "{pairs:#?}");
    // `in response` opens an answer too.
    let (_, pairs) = one("Jane Roe spoke on Monday. Roe said John Doe hid his tax returns. In response, Doe said he paid every tax he owed.");
    assert_eq!(pairs.len(), 1, "{pairs:#?}");
    assert!(pairs[0].score <= 0.5 && pairs[0].relation == "denies", "{pairs:#?}");
}

#[test]
fn no_answer_without_an_answer_word_or_from_somebody_else() {
    // The accused says something after the accusation, but not as an answer.
    let (claims, pairs) = one("Jane Roe spoke on Monday. Roe accused John Doe of hiding his tax returns from the voters. Doe said he paid every tax he owed.");
    assert!(claims.iter().any(|c| c.proposition == "john doe | pay | tax"), "{claims:#?}");
    assert!(pairs.is_empty(), "{pairs:#?}");
    // Somebody other than the accused answers.
    let (claims, pairs) = one("Jane Roe spoke on Monday. Roe accused John Doe of hiding his tax returns from the voters. Richard Miles responded on Tuesday, saying that Miles paid every tax he owed.");
    assert!(claims.iter().any(|c| c.proposition == "richard miles | pay | tax"), "{claims:#?}");
    assert!(pairs.is_empty(), "{pairs:#?}");
    // The answer word belongs to another clause after the reporting verb: the claimant of the
    // first clause answers nobody.
    let (claims, pairs) = one("Jane Roe spoke on Monday. Roe said John Doe hid his tax returns. Doe said that Ruritania would sue the city, and Roe fired back with a joke.");
    assert!(claims.iter().any(|c| c.proposition.starts_with("ruritania | will sue")), "{claims:#?}");
    assert!(pairs.is_empty(), "{pairs:#?}");
    // Too far back: an answer looks at the last few sentences only.
    let (claims, pairs) = one("Jane Roe spoke on Monday. Roe said John Doe hid his tax returns. The city voted. The board met. The mayor left. The rain stopped. Doe fired back, saying he paid every tax he owed.");
    assert!(claims.iter().any(|c| c.proposition == "john doe | pay | tax"), "{claims:#?}");
    assert!(pairs.is_empty(), "{pairs:#?}");
}

#[test]
fn a_stated_claim_with_more_modifiers_is_a_candidate_against_a_plain_denial() {
    let (_, pairs) = run(&[
        ("a", "Jane Roe spoke in Springfield. Roe said John Doe is a disgusting fraud.", None),
        ("b", "Richard Miles, a senator, spoke on Monday. Miles said that John Doe was not a fraud.", None),
    ]);
    assert_eq!(pairs.len(), 1, "{pairs:#?}");
    let p = &pairs[0];
    assert_eq!((p.claimant.as_str(), p.counterclaimant.as_str(), p.relation), ("Jane Roe", "Richard Miles", "contradicts"));
    assert!(p.score <= 0.5, "{pairs:#?}");
}

#[test]
fn a_denial_with_more_modifiers_or_another_modifier_is_no_candidate() {
    // `not a disgusting fraud` leaves `a fraud` open; `the best candidate` is not `the only
    // candidate`.
    let (claims, pairs) = run(&[
        ("a", "Jane Roe spoke in Springfield. Roe said John Doe is a fraud. Roe said John Doe is the best candidate.", None),
        ("b", "Richard Miles, a senator, spoke on Monday. Miles said that John Doe was not a disgusting fraud. Miles said John Doe was not the only candidate.", None),
    ]);
    let props: Vec<&str> = claims.iter().map(|c| c.proposition.as_str()).collect();
    for p in ["john doe | be | fraud", "john doe | be | best candidat", "john doe | be | disgusting fraud", "john doe | be | only candidat"] {
        assert!(props.contains(&p), "{p}: {props:?}");
    }
    assert!(pairs.is_empty(), "{pairs:#?}");
}
