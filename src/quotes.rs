//! Quote extraction for one article: spans, kinds, and speakers.
//!
//! The steps run in a fixed order: paragraphs and quote marks, tokens and sentences, then the
//! attribution sieves sentence by sentence (so that pronouns see only what came before them),
//! and last the kind of each quote, which depends on whether anybody was found to say it.

use crate::attribution::{Attribution, Attributor, NameMention, Resolution, RolePhrase, confidence};
use crate::grammar::Grammar;
use crate::input::Article;
use crate::marks::{paragraphs, quote_spans};
use crate::text::{Kind as TokKind, tokenize};

/// What a quoted span is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteKind {
    /// A full statement in the speaker's words.
    Direct,
    /// A fragment quoted inside the writer's paraphrase.
    Partial,
    /// A term the writer distances itself from; nobody's words.
    Scare,
    /// The title of a work, a show or a nickname.
    Title,
    /// Page furniture: link lists, markup.
    Boilerplate,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Scare => "scare",
            QuoteKind::Title => "title",
            QuoteKind::Boilerplate => "boilerplate",
        }
    }
}

/// One quote found in an article. Offsets are UTF-8 byte offsets into the article text.
#[derive(Clone, Debug)]
pub struct Quote {
    pub start: usize,
    pub end: usize,
    pub inner: (usize, usize),
    pub kind: QuoteKind,
    pub closed: bool,
    /// The index of the enclosing quote (nested quotes).
    pub parent: Option<usize>,
    pub paragraph: usize,
    pub line: usize,
    pub speaker: String,
    pub speaker_role: String,
    pub mention: Option<(usize, usize)>,
    pub cue: Option<(usize, usize)>,
    pub sieve: &'static str,
    pub confidence: f32,
    /// How the speaker was found: named, pronoun, role phrase, or kept as written.
    pub resolution: Option<Resolution>,
}

/// A problem in an article that did not stop extraction.
#[derive(Clone, Debug)]
pub struct Warning {
    pub byte: usize,
    pub line: usize,
    pub message: String,
}

/// The quotes of one article, in text order, and its warnings.
pub fn extract(article: &Article, g: &Grammar) -> (Vec<Quote>, Vec<Warning>) {
    let a = analyze(article, g);
    (a.quotes, a.warnings)
}

/// Everything one article yields: its quotes, warnings, and the names, handles and role
/// phrases that the people registry gathers across articles.
pub struct Analysis {
    pub quotes: Vec<Quote>,
    pub warnings: Vec<Warning>,
    pub record: ArticleRecord,
}

/// What an article says about people, compact: no text beyond the names themselves.
#[derive(Clone, Debug, Default)]
pub struct ArticleRecord {
    pub doc: String,
    pub names: Vec<NameMention>,
    /// Social handles as written: `@JaneRoe`.
    pub handles: Vec<String>,
    pub role_phrases: Vec<RolePhrase>,
    /// The claims of the article.
    pub claims: Vec<crate::claims::Claim>,
}

/// Quotes, warnings and the people record of one article.
pub fn analyze(article: &Article, g: &Grammar) -> Analysis {
    let text = article.text.as_str();
    let paras = paragraphs(text);
    let (spans, unclosed) = quote_spans(text, &paras);
    let doc = tokenize(text, paras, &spans, g);
    let line_of = LineIndex::new(text);
    let warnings = unclosed
        .iter()
        .map(|&b| Warning { byte: b, line: line_of.line(b), message: "quote mark never closed; the quote ends at its paragraph end".into() })
        .collect();

    let mut att = Attributor::new(g, &doc, article.dateline);
    let mut found: Vec<Option<Attribution>> = vec![None; spans.len()];
    let mut prev: Option<(usize, Attribution)> = None;
    let boiler_from = boilerplate_start(text, &doc.paras, g);
    // Page furniture and markup attributes: no speaker is looked for, and the kind is fixed.
    let furniture: Vec<bool> = spans.iter().map(|s| s.start >= boiler_from || in_markup(text, s.start)).collect();
    for s in doc.sentences.iter() {
        // The subject of the sentence is the next pronoun's likeliest antecedent.
        let mut subject = att.clause_subject(s.start, s.end);
        let note_subject = |att: &mut Attributor, subject: &mut Option<(usize, usize)>| {
            if let Some(np) = subject.take() {
                att.note_subject(np);
            }
        };
        for t in s.start..s.end {
            let Some(qi) = doc.quote_of(t) else { continue };
            if furniture[qi] {
                continue;
            }
            if subject.is_some_and(|np| np.1 <= t) {
                note_subject(&mut att, &mut subject);
            }
            let a = att.attribute(t, prev.as_ref());
            if let Some(a) = &a {
                if a.resolution != Resolution::AsWritten && att.is_person(&a.speaker) {
                    att.note_salient(t, &a.speaker);
                }
                prev = Some((t, a.clone()));
            }
            found[qi] = a;
        }
        note_subject(&mut att, &mut subject);
    }

    let mut out = Vec::with_capacity(spans.len());
    for (qi, span) in spans.iter().enumerate() {
        let a = found[qi].take();
        let inner = &text[span.inner_start..span.inner_end];
        let tok = doc.quote_token[qi];
        let kind = if furniture[qi] {
            QuoteKind::Boilerplate
        } else if let Some(a) = &a {
            direct_or_partial(inner, tok, &doc, a.sieve, g)
        } else if span.parent.is_some() {
            // A quote inside a quote belongs to the outer speaker's words.
            if title_case(inner) { QuoteKind::Title } else { QuoteKind::Partial }
        } else if scare_marked(text, span.start, g) {
            QuoteKind::Scare
        } else if title_case(inner) {
            QuoteKind::Title
        } else if inner.split_whitespace().count() <= 3 && !ends_like_sentence(inner) {
            QuoteKind::Scare
        } else {
            direct_or_partial(inner, tok, &doc, "", g)
        };
        let keep_speaker = matches!(kind, QuoteKind::Direct | QuoteKind::Partial);
        let mut q = Quote {
            start: span.start,
            end: span.end,
            inner: (span.inner_start, span.inner_end),
            kind,
            closed: span.closed,
            parent: span.parent,
            paragraph: doc.para_at(span.start) + 1,
            line: line_of.line(span.start),
            speaker: String::new(),
            speaker_role: String::new(),
            mention: None,
            cue: None,
            sieve: "",
            confidence: 0.0,
            resolution: None,
        };
        if let (Some(a), true) = (a, keep_speaker) {
            q.speaker = a.speaker;
            q.speaker_role = a.role;
            q.mention = Some((doc.tokens[a.mention.0].start, doc.tokens[a.mention.1 - 1].end));
            q.cue = a.cue;
            q.sieve = a.sieve;
            q.confidence = confidence(a.sieve, a.resolution);
            q.resolution = Some(a.resolution);
        }
        out.push(q);
    }
    // Names in page furniture and in headline-like lines (title case, no full stop) are left
    // out: they are where organizations and headlines pass for people.
    let claims = crate::claims::extract(&mut att, &doc, &out, article.date.as_deref(), boiler_from, g);
    let role_phrases = att.role_phrases();
    // The names are the attributor's no longer: taken, not copied.
    let mut names = std::mem::take(&mut att.names);
    names.retain(|m| {
        let pos = doc.tokens[m.pos].start;
        pos < boiler_from && !doc.headline[doc.para_at(pos)]
    });
    let record = ArticleRecord { doc: article.id.clone(), names, handles: handles(text), role_phrases, claims };
    Analysis { quotes: out, warnings, record }
}

/// Social handles anywhere in the text, quotes included: `@JaneRoe`.
fn handles(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, _) in text.match_indices('@') {
        let before = text[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '.') {
            continue; // an e-mail address
        }
        let rest = &text[i + 1..];
        let len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
        if len >= 2 && rest[..len].chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
            let h = format!("@{}", &rest[..len]);
            if !out.contains(&h) {
                out.push(h);
            }
        }
    }
    out
}

fn ends_like_sentence(inner: &str) -> bool {
    inner.trim_end().ends_with(['.', '!', '?', ','])
}

/// Direct when the quote is a statement of its own: it opens with a capital, opens its sentence,
/// follows a colon, or is a long clause introduced by `that`.
fn direct_or_partial(inner: &str, tok: Option<usize>, doc: &crate::text::Doc, sieve: &str, g: &Grammar) -> QuoteKind {
    let first = inner.trim_start_matches(|c: char| !c.is_alphanumeric()).chars().next();
    let upper = first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let words = inner.split_whitespace().count();
    let Some(t) = tok else { return if upper { QuoteKind::Direct } else { QuoteKind::Partial } };
    let s = doc.sentences[doc.sentence_of[t]];
    let opens = (s.start..t).all(|k| doc.tokens[k].kind == TokKind::Punct);
    let after_colon = t > 0 && doc.is_punct(t - 1, ":");
    let after_that = t > 0 && doc.is_word(t - 1) && doc.low(t - 1) == "that" && words >= 10;
    let clause_end = ends_like_sentence(inner) && words >= 6 && sieve != "cue_then_quote";
    // `“A,” he added, “B.”`: the second half of a split quote.
    let split = t >= 2 && doc.is_punct(t - 1, ",") && words >= 4 && (t.saturating_sub(4)..t - 1).any(|k| doc.is_word(k) && g.is_cue(doc.low(k)));
    if upper && (opens || words > 3) || opens && ends_like_sentence(inner) || after_colon || after_that || clause_end || split {
        QuoteKind::Direct
    } else {
        QuoteKind::Partial
    }
}

/// Every content word capitalized, as in the title of a work: `“Fox and Friends”`.
fn title_case(inner: &str) -> bool {
    const SMALL: &[&str] = &["a", "an", "and", "the", "of", "in", "on", "for", "to", "at", "with", "or", "by", "from"];
    let words: Vec<&str> = inner.split_whitespace().collect();
    if words.is_empty() || words.len() > 8 {
        return false;
    }
    let caps = words
        .iter()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .all(|w| SMALL.contains(&w) || w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()));
    let trimmed = inner.trim_end();
    caps && !trimmed.ends_with(',') && (words.len() >= 2 || words[0].chars().count() > 1)
}

/// `so-called “axis of resistance”`
fn scare_marked(text: &str, start: usize, g: &Grammar) -> bool {
    let before = text[..start].trim_end();
    let mut from = before.len().saturating_sub(40);
    while !before.is_char_boundary(from) {
        from -= 1;
    }
    let lower = before[from..].to_lowercase();
    g.scare_markers.iter().any(|m| lower.ends_with(m.as_str()) && {
        let pre = &lower[..lower.len() - m.len()];
        pre.is_empty() || pre.ends_with(|c: char| !c.is_alphanumeric())
    })
}

/// A quote that is an attribute value in markup: `<tweet id="…">`.
fn in_markup(text: &str, start: usize) -> bool {
    let mut from = start.saturating_sub(300);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = &text[from..start];
    // Inside a tag: after its `<`, with no `>` or line break since.
    before.ends_with('=')
        || memchr::memrchr(b'<', before.as_bytes()).is_some_and(|l| {
            let inside = &before[l + 1..];
            memchr::memchr2(b'>', b'\n', inside.as_bytes()).is_none() && inside.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
        })
}

/// Where the page furniture starts: the first paragraph that is a furniture heading
/// (`Recent Posts`, `Articles You May Like`), or the end of the text.
fn boilerplate_start(text: &str, paras: &[(usize, usize)], g: &Grammar) -> usize {
    // Lowercasing shrinks a character to no less than a third of its bytes (`K` to `k`), so a
    // longer paragraph is no heading and need not be lowercased.
    let longest = g.boilerplate.iter().map(String::len).max().unwrap_or(0);
    for &(s, e) in paras {
        let p = text[s..e].trim().trim_end_matches(':');
        if p.len() > 3 * longest {
            continue;
        }
        let p = p.to_lowercase();
        if g.boilerplate.iter().any(|b| *b == p) {
            return s;
        }
    }
    text.len()
}

/// Byte offset → 1-based line number.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }
    pub fn line(&self, byte: usize) -> usize {
        self.starts.partition_point(|&s| s <= byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Quote> {
        let a = Article { id: "t".into(), text: text.into(), ..Article::default() };
        extract(&a, &Grammar::embedded()).0
    }

    #[test]
    fn quote_then_said_name() {
        let q = run("“We will win,” said Jane Roe.");
        assert_eq!(q[0].speaker, "Jane Roe");
        assert_eq!(q[0].sieve, "quote_then_cue");
        assert_eq!(q[0].kind, QuoteKind::Direct);
    }

    #[test]
    fn reporting_verb_before_its_subject() {
        let q = run("The rules were written so the race would end early, explained Jane Roe, “with this over by March.”");
        assert_eq!(q[0].speaker, "Jane Roe");
        assert_eq!(q[0].sieve, "inverted_cue_quote");
        let q = run("The fair was busy.\n\nSaid John Doe, who grew up in Ruritania, “We were all so proud.”");
        assert_eq!(q[0].speaker, "John Doe");
    }

    #[test]
    fn told_names_no_speaker_after_it() {
        let q = run("John Doe, a delegate, told the Ruritania Times, “I like the plan.”");
        assert_eq!(q[0].speaker, "John Doe");
    }

    #[test]
    fn statement_before_a_colon() {
        let q = run("Jane Roe released the following statement:\n\n“We offer our condolences to the family.”");
        assert_eq!(q[0].speaker, "Jane Roe");
        assert_eq!(q[0].sieve, "statement_colon");
        let q = run("Senator John Doe delivered a blunt message to the mayor: “It is time to stop.”");
        assert_eq!(q[0].speaker, "John Doe");
    }

    #[test]
    fn named_speaker_with_an_affiliation_after_the_quote() {
        let q = run("The talks ended.\n\n“No way,” Jane Roe of the Center for Peace Studies wrote in December.");
        assert_eq!(q[0].speaker, "Jane Roe");
    }

    #[test]
    fn two_speakers_after_the_quote() {
        let q = run("The talks ended.\n\n“It is over,” John Doe and Jane Roe wrote.");
        assert_eq!(q[0].speaker, "John Doe");
    }

    #[test]
    fn closing_attribution_with_an_apposition() {
        let q = run("Many believe it, but the ministry denies it — “why would you not raise it?” asked Jane Roe, now a partner at a firm.");
        assert_eq!(q[0].speaker, "Jane Roe");
        let q = run("The union grabbed hold of the way teachers are “fighting back,” said John Doe, a member of the Ruritania union.");
        assert_eq!(q[0].speaker, "John Doe");
    }

    #[test]
    fn said_with_a_described_or_lookalike_speaker() {
        let q = run("The talks ended.\n\n“We lost,” said retired surgeon John Doe.");
        assert_eq!(q[0].speaker, "John Doe");
        let q = run("The talks ended.\n\n“We lost,” said a John Doe look-alike.");
        assert_eq!(q[0].speaker, "a John Doe look-alike");
    }

    #[test]
    fn as_somebody_put_it() {
        let q = run("As John Doe, the No. 2 in the party, put it: “This plan will not pass.”");
        assert_eq!(q[0].speaker, "John Doe");
        assert_eq!(q[0].sieve, "as_put_it");
    }

    #[test]
    fn source_familiar_with_something() {
        let text = "Another source familiar with the talks said, “I think he will try.”";
        let q = run(text);
        let (s, e) = q[0].mention.unwrap();
        assert_eq!(&text[s..e], "Another source");
    }

    #[test]
    fn person_clause_closed_by_a_colon() {
        let q = run("Senator Jane Roe spoke on Monday.\n\nShe then listed what a nominee needs:\n\n“A plan, a team and a map.”");
        assert_eq!(q[0].speaker, "Jane Roe");
        assert_eq!(q[0].sieve, "colon_clause");
    }

    #[test]
    fn pronoun_takes_last_subject() {
        let q = run("Senator Jane Roe spoke on Monday.\n\n“We will win,” she said.");
        assert_eq!(q[0].speaker, "Jane Roe");
    }

    #[test]
    fn reported_clause_keeps_outer_speaker() {
        let q = run("Jane Roe said that the mayor called the plan “a total disaster.”");
        assert_eq!(q[0].speaker, "Jane Roe");
    }

    #[test]
    fn according_to_outranks_a_reported_cue() {
        let q = run("A clerk said the rule was written to “keep costs down,” according to Jane Roe.");
        assert_eq!(q[0].speaker, "Jane Roe");
    }

    #[test]
    fn closing_attribution_outranks_an_earlier_cue() {
        let q = run("Nothing in the plan “will help small farms,” the minister said.");
        assert_eq!(q[0].speaker, "the minister");
    }

    #[test]
    fn quote_paragraph_bears_out_the_paragraph_before() {
        let q = run("Later, Jane Roe said that the budget would grow.\n\n“We will need every penny of it.”\n\nThe vote is next week.");
        assert_eq!(q[0].speaker, "Jane Roe");
    }

    #[test]
    fn sentence_subject_needs_a_person_named_before() {
        let q = run("Jane Roe spoke in Ohio.\n\nRoe also regretted a mood in which neighbours “no longer talk to one another.”\n\nPrices are “higher than anyone expected this year.”");
        assert_eq!(q[0].speaker, "Jane Roe");
        assert_eq!(q[0].sieve, "sentence_subject");
        assert_eq!(q[1].speaker, "");
    }

    #[test]
    fn place_after_leading_adverbial_is_no_subject() {
        let q = run("Speaking at a fair in Dayton, New Canton, Jane Roe praised the farmers, calling them “the backbone of the county.”");
        assert_eq!(q[0].speaker, "Jane Roe");
    }

    #[test]
    fn so_called_is_scare() {
        let q = run("It joined the so-called “axis of evil” last year.");
        assert_eq!(q[0].kind, QuoteKind::Scare);
        assert_eq!(q[0].speaker, "");
    }

    #[test]
    fn split_quote_keeps_its_speaker() {
        let q = run("“We came,” Jane Roe said, “and we will stay.”");
        assert_eq!((q[0].speaker.as_str(), q[1].speaker.as_str()), ("Jane Roe", "Jane Roe"));
        assert_eq!(q[1].kind, QuoteKind::Direct);
    }

    #[test]
    fn apposition_and_fullest_name() {
        let q = run("Ruritanian Foreign Minister Jane Roe met envoys.\n\nRoe, the country’s top diplomat, said: “No deal.”");
        assert_eq!(q[0].speaker, "Jane Roe");
        assert_eq!(q[0].sieve, "cue_colon_quote");
        assert_eq!(q[0].speaker_role, "Foreign Minister");
    }

    #[test]
    fn role_phrase_resolves_to_the_holder() {
        let q = run("Front leader John Doe met Ruritanian Foreign Minister Jane Roe.\n\nThe Front official said he was “grateful”.");
        assert_eq!(q[0].speaker, "John Doe");
    }

    #[test]
    fn anonymous_sources_kept_as_written() {
        let q = run("“It is over,” said one analyst in the capital. Another said: “It has just begun.”");
        assert_eq!(q[0].speaker, "one analyst in the capital");
        assert_eq!(q[1].speaker, "another analyst in the capital");
    }

    #[test]
    fn quote_paragraph_continues_the_speaker() {
        let q = run("“First,” said Jane Roe.\n\n“Second.”");
        assert_eq!(q[1].speaker, "Jane Roe");
        assert_eq!(q[1].sieve, "continuation");
    }

    #[test]
    fn according_to_and_quoted_as_saying() {
        let q = run("The talks failed, according to Jane Roe, who called them “a farce”.");
        assert_eq!(q[0].speaker, "Jane Roe");
        let q = run("“We will not yield,” state media quoted General John Doe as saying.");
        assert_eq!(q[0].speaker, "John Doe");
        assert_eq!(q[0].sieve, "quoted_as_saying");
    }

    #[test]
    fn no_speaker_no_guess() {
        let q = run("The bill was called a “disaster” in the papers.");
        assert_eq!(q[0].speaker, "");
    }

    #[test]
    fn boilerplate_after_a_furniture_heading() {
        let q = run("Body text.\n\nRecent Posts\n\nMarkets rally on ‘peace hopes’\n");
        assert_eq!(q[0].kind, QuoteKind::Boilerplate);
    }

    #[test]
    fn lowercase_title_after_an_organization() {
        let q = run("“We will win,” Acme Capital portfolio manager Jane Roe said.");
        assert_eq!(q[0].speaker, "Jane Roe");
        let q = run("Acme Weekly chose Ruritanian President John Doe as its figure of the year, a “bold” pick.");
        assert_ne!(q[0].speaker, "John Doe");
    }

    #[test]
    fn manner_verb_after_quote_and_speaker() {
        let q = run("“You lost the vote,” John Doe shot back. “Not at all,” Jane Roe retorted. “We won,” she pressed.");
        assert_eq!(q[0].speaker, "John Doe");
        assert_eq!(q[2].speaker, "Jane Roe");
    }

    #[test]
    fn described_speaker_next_to_the_cue() {
        let q = run("“We will win,” said the 46-year-old.");
        assert_eq!((q[0].speaker.as_str(), q[0].sieve), ("the 46-year-old", "quote_then_phrase"));
        let q = run("“Ruritania needs a new map,” the paper’s editorial board wrote.");
        assert_eq!(q[0].speaker, "the paper’s editorial board");
        let q = run("“Where were you?” a reporter can be heard asking.");
        assert_eq!(q[0].speaker, "a reporter");
    }

    #[test]
    fn description_after_a_name_is_not_the_name() {
        let q = run("John Doe spoke at noon.\n\n“We will win,” a John Doe look-alike declared.");
        assert_eq!(q[0].speaker, "a John Doe look-alike");
    }

    #[test]
    fn split_quote_after_an_apposition() {
        let q = run("“The risk,” said Jane Roe, an economist at the Ruritanian central bank, “is that prices rise.”");
        assert_eq!(q[1].speaker, "Jane Roe");
        assert_eq!(q[1].sieve, "split_quote");
    }

    #[test]
    fn participle_after_said_takes_its_subject() {
        let q = run("John Doe and the mayor will meet next week, Jane Roe said, adding, “They need to talk.”");
        assert_eq!(q[0].speaker, "Jane Roe");
    }

    #[test]
    fn source_after_a_heading_dash() {
        let q = run("TURNOUT WAS HIGH - Jane Roe and John Doe: “Although the polls failed, they were close.”");
        assert_eq!((q[0].speaker.as_str(), q[0].sieve), ("John Doe", "speaker_colon_quote"));
    }

    #[test]
    fn described_subject_with_a_name_inside() {
        let q = run("It is hard to overstate the point, as the Acme Foundation website notes: “We will win.”");
        assert_eq!(q[0].speaker, "the Acme Foundation website");
        let q = run("Another delegate on the Doe slate, Jim Roe, said he was only “leaning Doe.”");
        assert_eq!(q[0].speaker, "Jim Roe");
    }

    #[test]
    fn reporting_clause_outranks_an_embedded_subject() {
        let q = run("Jane Roe said she expected that voters will say “no” to the plan.");
        assert_eq!(q[0].speaker, "Jane Roe");
        let q = run("The ad ends with footage of John Doe saying, “We will win.”");
        assert_eq!(q[0].speaker, "John Doe");
    }

    #[test]
    fn quote_signed_in_the_next_paragraph() {
        let q = run("Claims checked this week.\n\n“Taxes went down.”\n\n— Jane Roe.\n\nMore text follows here.");
        assert_eq!(q[0].speaker, "Jane Roe");
        assert_eq!(q[0].sieve, "dash_paragraph");
    }

    #[test]
    fn line_index_counts_from_one() {
        let l = LineIndex::new("a\nb\nc");
        assert_eq!((l.line(0), l.line(2), l.line(4)), (1, 2, 3));
    }
}
