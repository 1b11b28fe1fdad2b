//! Claims and counterclaims: who asserts what, and who denies it.
//!
//! A claim is a reported clause (`X alleged that P`, `X said P`, `X accused Y of P`, `X denied P`)
//! or a direct quote, read down to a proposition: a subject (after metonymy: `Tehran` is Iran), a
//! predicate class from `grammar/paraphrases.txt` (`behind` ~ `involved in` ~ `hand in`), an event
//! class from `grammar/events.txt` (`attack` ~ `offensive`) with its date where the text gives one,
//! and a polarity (negations and `deny` cues flip it). Two claims on one proposition with opposite
//! polarity from different claimants make a claim ↔ counterclaim pair; a `confirm` cue backs the
//! claim it answers. Only claims whose subject and predicate are both recognized are paired: a
//! pair between two different propositions would be worse than a missed one.

use std::collections::BTreeMap;

use crate::attribution::{Attributor, Resolution};
use crate::grammar::Grammar;
use crate::quotes::{Quote, QuoteKind};
use crate::text::{Doc, Kind};

/// One claim found in an article. Offsets are UTF-8 byte offsets into the article text.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    pub start: usize,
    pub end: usize,
    /// Who makes the claim, as the article names it (the speaker name of quotes.csv).
    pub claimant: String,
    pub resolution: Resolution,
    pub cue: String,
    pub cue_class: String,
    pub positive: bool,
    pub proposition: Option<Proposition>,
    /// The index of the quote the claim comes from.
    pub quote: Option<usize>,
    /// A `confirm` that answers the claim before it in its sentence (`a position that US officials
    /// have confirmed`): it takes that claim's proposition and backs it.
    pub backs_previous: bool,
}

/// A proposition, normalized.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Proposition {
    /// A country (lowercase) or a name as written.
    pub subject: String,
    pub predicate: String,
    /// The event class, where the clause names one.
    pub event: Option<String>,
    /// `YYYY-MM-DD`, where the clause dates the event.
    pub date: Option<String>,
}

impl Proposition {
    /// A readable form: `iran | involved in | attack | 2023-10-07`.
    pub fn render(&self) -> String {
        let mut parts = vec![self.subject.clone(), self.predicate.clone()];
        parts.extend(self.event.clone());
        parts.extend(self.date.clone());
        parts.join(" | ")
    }

    /// Two propositions state the same thing: same subject and predicate, and events and dates
    /// that agree where both give one.
    pub fn same(&self, other: &Proposition) -> bool {
        let agree = |a: &Option<String>, b: &Option<String>| a.is_none() || b.is_none() || a == b;
        self.subject == other.subject && self.predicate == other.predicate && agree(&self.event, &other.event) && agree(&self.date, &other.date)
    }
}

/// A word of a clause with its byte span.
struct Word {
    low: String,
    /// Written with a capital.
    cap: bool,
    /// Followed by a possessive ending (`Roe’s`).
    poss: bool,
    /// A full stop, question or exclamation mark stands between this word and the one before.
    new_sentence: bool,
}

/// The words of `text[start..end]`, lowercase, possessive endings cut (`Iran’s` → `iran`).
fn words(text: &str, start: usize, end: usize) -> Vec<Word> {
    let mut out = Vec::new();
    let mut i = start;
    let mut boundary = false;
    while i < end {
        let c = text[i..].chars().next().unwrap();
        if matches!(c, '.' | '?' | '!') {
            boundary = true;
        }
        if c.is_alphanumeric() {
            let s = i;
            while i < end {
                let c = text[i..].chars().next().unwrap();
                let joins = (c == '\'' || c == '’' || c == '-') && text[i + c.len_utf8()..end].chars().next().is_some_and(char::is_alphanumeric);
                if !(c.is_alphanumeric() || joins) {
                    break;
                }
                i += c.len_utf8();
            }
            let mut w = text[s..i].to_lowercase();
            let mut poss = false;
            for suffix in ["’s", "'s"] {
                if let Some(base) = w.strip_suffix(suffix) {
                    w = base.to_string();
                    poss = true;
                }
            }
            let cap = text[s..].chars().next().is_some_and(char::is_uppercase);
            out.push(Word { low: w, cap, poss, new_sentence: std::mem::take(&mut boundary) });
        } else {
            i += c.len_utf8();
        }
    }
    out
}

const MONTHS: &[&str] = &["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn days(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// 0 = Monday.
fn weekday(y: i64, m: i64, d: i64) -> usize {
    ((days(y, m, d) + 3).rem_euclid(7)) as usize
}

fn parse_iso(s: &str) -> Option<(i64, i64, i64)> {
    let mut it = s.split('-').map(|p| p.parse::<i64>().ok());
    Some((it.next()??, it.next()??, it.next()??))
}

/// The dates an article gives (`October 7`), with the year of the article's date.
fn article_dates(text: &str, year: i64) -> Vec<(i64, i64, i64)> {
    let w = words(text, 0, text.len());
    let mut out = Vec::new();
    for k in 0..w.len().saturating_sub(1) {
        if let Some(m) = MONTHS.iter().position(|m| *m == w[k].low) {
            if let Ok(d) = w[k + 1].low.parse::<i64>() {
                if (1..=31).contains(&d) {
                    out.push((year, m as i64 + 1, d));
                }
            }
        }
    }
    out
}

/// Reads a clause down to a proposition.
struct Reader<'g> {
    g: &'g Grammar,
    /// Last words (lowercase) of the names the article gives: the only plain subjects allowed.
    known: std::collections::HashSet<String>,
    /// The article's date and the dates it gives, for weekdays.
    date: Option<(i64, i64, i64)>,
    dates: Vec<(i64, i64, i64)>,
}

impl<'g> Reader<'g> {
    /// The proposition of `text[start..end]`; `it`/`they` stand for `claimant`'s country.
    /// `subject_hint` is the accused of `X accused Y of P`: the subject of P.
    fn read(&self, text: &str, start: usize, end: usize, claimant_country: Option<&str>, subject_hint: Option<&str>) -> (Option<Proposition>, bool) {
        let w = words(text, start, end);
        // The predicate: the longest paraphrase phrase found.
        let mut pred = None;
        'scan: for k in 0..w.len() {
            for (phrase, class) in &self.g.predicates {
                if k + phrase.len() <= w.len() && phrase.iter().enumerate().all(|(j, p)| w[k + j].low == *p) {
                    pred = Some((k, k + phrase.len(), class.clone()));
                    break 'scan;
                }
            }
        }
        let Some((ps, pe, predicate)) = pred else { return self.read_plain(&w, claimant_country, subject_hint) };
        // The subject: the last country (or demonym, or capital) before the predicate in its
        // sentence, or a pronoun standing for the claimant.
        let from = (0..=ps).rev().find(|&k| k < w.len() && w[k].new_sentence).unwrap_or(0);
        let mut subject = subject_hint.map(str::to_string);
        // The subject stands close before the predicate; a capital counts only where it opens
        // the clause (`Tehran was not involved`, not `… in Washington …`).
        let near = ps.saturating_sub(6).max(from);
        for (k, word) in w.iter().enumerate().take(ps).skip(near) {
            if subject_hint.is_some() {
                break;
            }
            // A capital stands for its state only as a subject: before a verb (`Tehran was`).
            let is_capital = self.g.capitals.contains_key(&word.low) && !self.g.demonyms.contains_key(&word.low);
            let before_verb = w.get(k + 1).is_some_and(|x| self.g.adverbs.contains(&x.low) || self.g.negations.contains(&x.low) || self.g.cues.contains(&x.low));
            if let Some(c) = self.g.country_of(&word.low).filter(|_| !is_capital || k == from || before_verb) {
                subject = Some(c.to_string());
            } else if matches!(word.low.as_str(), "it" | "they" | "we") && subject.is_none() {
                subject = claimant_country.map(str::to_string);
            }
        }
        let Some(subject) = subject else { return (None, true) };
        // `Tehran was not involved`, `… were not Iran’s proxy forces`, `no role in`.
        let negated = w[from..ps].iter().any(|x| self.g.negations.contains(&x.low)) || w[ps..pe].iter().any(|x| x.low == "no");
        // The event and its date, after the predicate.
        let mut event = None;
        let mut date = None;
        for k in pe..w.len() {
            if event.is_none() {
                if let Some(c) = self.g.events.get(&w[k].low) {
                    event = Some(c.clone());
                }
            }
            if date.is_none() {
                date = self.date_at(&w, k);
            }
        }
        // With no event named, the first content word after the predicate stands for what the
        // predicate is about (`involved in Syria` is not `behind the breaches`).
        let g = self.g;
        let sentence_end = (pe..w.len()).find(|&k| w[k].new_sentence).unwrap_or(w.len());
        let event = event.or_else(|| {
            w[pe..sentence_end.min(pe + 3)].iter().find(|x| !g.function_words.contains(&x.low) && !g.negations.contains(&x.low) && x.low.len() > 2).map(|x| {
                // Names are kept whole: `Hamas` is no plural.
                g.country_of(&x.low).map(str::to_string).unwrap_or_else(|| if x.cap { x.low.clone() } else { stem(&x.low) })
            })
        });
        (Some(Proposition { subject, predicate, event, date }), !negated)
    }

    /// A clause with no known predicate, read plainly: its first named subject (a country, or a
    /// name as its last word), its verb's stem and the stem of the first content word after it.
    /// `Jane Roe did not pay her taxes` → `roe | pay | tax`, negative.
    fn read_plain(&self, w: &[Word], claimant_country: Option<&str>, subject_hint: Option<&str>) -> (Option<Proposition>, bool) {
        let end = (1..w.len()).find(|&k| w[k].new_sentence).unwrap_or(w.len());
        let w = &w[..end];
        let g = self.g;
        let plain = |x: &Word| !x.cap && !g.function_words.contains(&x.low) && !g.adverbs.contains(&x.low) && !g.negations.contains(&x.low);
        // The subject: a run of capitalized words (its last word), a country, or a pronoun for the
        // claimant; it must open the clause (after at most one word such as `that`).
        let mut k = 0;
        if k < w.len() && !w[k].cap && g.function_words.contains(&w[k].low) && !matches!(w[k].low.as_str(), "it" | "they" | "he" | "she") {
            k += 1;
        }
        let subject = if let Some(h) = subject_hint {
            h.to_string()
        } else if k < w.len() && w[k].cap {
            let mut e = k;
            while e < w.len() && w[e].cap {
                e += 1;
            }
            let last = &w[e - 1].low;
            // `Iranian forces`: a demonym before a noun is an adjective, not a subject.
            if g.demonyms.contains_key(last) && !g.places.contains_key(last) {
                return (None, true);
            }
            k = e;
            match g.country_of(last) {
                Some(c) => c.to_string(),
                None if self.known.contains(last) => last.clone(),
                None => return (None, true),
            }
        } else if k < w.len() && matches!(w[k].low.as_str(), "it" | "they") && claimant_country.is_some() {
            k += 1;
            claimant_country.unwrap().to_string()
        } else {
            return (None, true);
        };
        if g.function_words.contains(&subject) || g.titles.contains(&subject) || k > 0 && w[k - 1].poss {
            return (None, true);
        }
        // Only auxiliaries, adverbs and negations stand between the subject and its verb.
        let mut negated = false;
        while k < w.len() && !plain(&w[k]) {
            let x = &w[k];
            if x.cap || !(g.adverbs.contains(&x.low) || g.negations.contains(&x.low)) || x.low == "to" {
                return (None, true);
            }
            negated |= g.negations.contains(&x.low);
            k += 1;
        }
        let Some(verb) = w.get(k).filter(|x| plain(x)) else { return (None, true) };
        if g.cues.contains(&verb.low) {
            return (None, true);
        }
        let object = w[k + 1..].iter().find(|x| plain(x) && x.low.len() > 3).map(|x| stem(&x.low));
        let Some(object) = object else { return (None, true) };
        (Some(Proposition { subject, predicate: stem(&verb.low), event: Some(object), date: None }), !negated)
    }

    /// A date written at word `k`: `October 7`, or a weekday resolved against the article.
    fn date_at(&self, w: &[Word], k: usize) -> Option<String> {
        let (y, am, ad) = self.date?;
        if let Some(m) = MONTHS.iter().position(|m| *m == w[k].low) {
            let d = w.get(k + 1)?.low.parse::<i64>().ok().filter(|d| (1..=31).contains(d))?;
            return Some(format!("{y:04}-{:02}-{d:02}", m + 1));
        }
        let wd = WEEKDAYS.iter().position(|d| *d == w[k].low)?;
        // A date the article gives that falls on that weekday, else the last such day before it.
        if let Some(&(y, m, d)) = self.dates.iter().find(|&&(y, m, d)| weekday(y, m, d) == wd && days(y, m, d) <= days(y, am, ad)) {
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
        let today = days(y, am, ad);
        let back = (weekday(y, am, ad) + 7 - wd) % 7;
        let back = if back == 0 { 7 } else { back } as i64;
        let target = today - back;
        let (ty, tm, td) = civil(target);
        Some(format!("{ty:04}-{tm:02}-{td:02}"))
    }
}

/// A rough stem, enough to tell `pays`, `paid` and `paying` alike for the common cases.
fn stem(w: &str) -> String {
    let irregular = [("paid", "pay"), ("said", "say"), ("made", "make"), ("won", "win"), ("lost", "lose"), ("knew", "know"), ("took", "take"), ("gave", "give"), ("told", "tell")];
    if let Some((_, s)) = irregular.iter().find(|(f, _)| *f == w) {
        return s.to_string();
    }
    for suffix in ["ing", "ied", "ies", "ed", "es", "s"] {
        if let Some(b) = w.strip_suffix(suffix) {
            if b.len() >= 3 {
                return match suffix {
                    "ied" | "ies" => format!("{b}y"),
                    _ => b.to_string(),
                };
            }
        }
    }
    w.to_string()
}

/// The civil date of a day count.
fn civil(z: i64) -> (i64, i64, i64) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + if m <= 2 { 1 } else { 0 }, m, d)
}

/// The claims of one article: reported clauses, then direct quotes.
/// The claims of one article before byte `limit` (where page furniture starts).
pub fn extract(att: &mut Attributor, doc: &Doc, quotes: &[Quote], article_date: Option<&str>, limit: usize, g: &Grammar) -> Vec<Claim> {
    let text = doc.text;
    let date = article_date.and_then(parse_iso);
    let known = att.names.iter().filter_map(|m| m.name.split_whitespace().last().map(str::to_lowercase)).collect();
    let reader = Reader { g, known, date, dates: date.map(|(y, _, _)| article_dates(text, y)).unwrap_or_default() };
    let mut out: Vec<Claim> = Vec::new();
    for s in doc.sentences.iter().filter(|s| doc.tokens[s.start].start < limit) {
        let first_claim = out.len();
        for c in s.start..s.end {
            if !doc.is_word(c) || doc.is_cap(c) {
                continue;
            }
            let low = doc.low(c);
            let Some(class) = g.cue_classes.get(low).cloned() else { continue };
            if !att.is_verb_cue(c) || low == "according" {
                continue;
            }
            let Some(np) = att.subject_of_cue(c, s.start) else { continue };
            let Some((claimant, _, resolution)) = att.speaker_of(np) else { continue };
            if claimant.is_empty() {
                continue;
            }
            // The clause: after the verb (its object and `of` for `accuse`), up to the next clause.
            let mut k = att.skip_adverbs_fwd(c + 1, s.end);
            let mut accused = None;
            if class == "accuse" {
                if let Some(of) = (k..s.end.min(k + 8)).find(|&j| doc.is_word(j) && doc.low(j) == "of") {
                    accused = (k..of).find_map(|j| g.country_of(doc.tok(j)).map(str::to_string));
                    k = of + 1;
                }
            }
            // `said on Tuesday that`, `said in a statement that`: the clause starts after `that`.
            if let Some(t) = (k..s.end.min(k + 8)).take_while(|&j| !doc.is_punct(j, ",") && doc.quote_of(j).is_none()).find(|&j| doc.is_word(j) && doc.low(j) == "that") {
                if (k..t).all(|j| !g.cue_classes.contains_key(doc.low(j))) {
                    k = t;
                }
            }
            if doc.is_word(k) && doc.low(k) == "that" {
                k += 1;
            }
            let mut e = k;
            while e < s.end {
                let t = doc.tokens[e];
                // A reporting verb ends the clause when it is coordinated (`… and claimed that`),
                // not when it belongs to the reported clause (`that Tehran told the US …`).
                let coordinated = e > k && (doc.is_punct(e - 1, ",") || doc.is_word(e - 1) && matches!(doc.low(e - 1), "and" | "but"));
                let stop = t.kind == Kind::Punct && matches!(t.text(text), ";" | "—" | "–")
                    || doc.is_word(e) && matches!(doc.low(e), "but" | "however" | "while")
                    || coordinated && doc.is_word(e) && g.cue_classes.contains_key(doc.low(e)) && att.is_verb_cue(e);
                if stop {
                    break;
                }
                e += 1;
            }
            // The clause ends on a word, not on the `and` or comma before the next verb.
            while e > k && (doc.tokens[e - 1].kind == Kind::Punct && doc.tok(e - 1) != ")" || doc.is_word(e - 1) && matches!(doc.low(e - 1), "and" | "or")) {
                e -= 1;
            }
            // `“Q,” he said` and `X said in a statement` report a quote, which is its own claim.
            let words_in = (k..e).filter(|&j| doc.is_word(j)).count();
            let has_quote = (k..e).any(|j| doc.quote_of(j).is_some());
            if class != "confirm" && words_in < 4 && !has_quote {
                continue;
            }
            let (cs, ce) = (doc.tokens[np.0].start.min(doc.tokens[c].start), if e > k { doc.tokens[e - 1].end } else { doc.tokens[c].end });
            let country = g.country_of(&claimant).map(str::to_string);
            let (proposition, positive) = if e > k {
                reader.read(text, doc.tokens[k].start, doc.tokens[e - 1].end, country.as_deref(), accused.as_deref())
            } else {
                (None, true)
            };
            // `a position that US officials have confirmed`: it backs the claim before it.
            let backs_previous = class == "confirm" && proposition.is_none() && out.len() > first_claim;
            let (proposition, positive) = match out.last().filter(|_| backs_previous) {
                Some(prev) => (prev.proposition.clone(), prev.positive),
                None => (proposition, positive != (class == "deny")),
            };
            out.push(Claim {
                start: cs,
                end: ce,
                claimant,
                resolution,
                cue: doc.tok(c).to_string(),
                cue_class: class,
                positive,
                proposition,
                quote: None,
                backs_previous,
            });
        }
    }
    // Direct quotes that state a proposition.
    for (qi, q) in quotes.iter().enumerate() {
        if q.speaker.is_empty() || !matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial) {
            continue;
        }
        let country = g.country_of(&q.speaker).map(str::to_string);
        let (proposition, positive) = reader.read(text, q.inner.0, q.inner.1, country.as_deref(), None);
        if proposition.is_none() {
            continue;
        }
        let cue = q.cue.map(|(a, b)| text[a..b].to_string()).unwrap_or_default();
        let class = g.cue_classes.get(&cue.to_lowercase()).cloned().unwrap_or_else(|| "assert".to_string());
        out.push(Claim {
            start: q.start,
            end: q.end,
            claimant: q.speaker.clone(),
            resolution: q.resolution.unwrap_or(Resolution::Name),
            cue,
            positive: positive != (class == "deny"),
            cue_class: class,
            proposition,
            quote: Some(qi),
            backs_previous: false,
        });
    }
    out.sort_by_key(|c| (c.start, c.end));
    out
}

/// A claim of the run, with its article and the id of its claimant.
#[derive(Clone, Debug)]
pub struct RunClaim {
    pub claim_id: String,
    pub doc: usize,
    pub claimant_id: String,
    pub claim: Claim,
}

/// A claim ↔ counterclaim pair (or a support link).
#[derive(Clone, Debug)]
pub struct Pair {
    pub claim: usize,
    pub counter: usize,
    pub relation: &'static str,
    pub score: f32,
    /// The claims of each side (claim ids).
    pub evidence_claim: Vec<String>,
    pub evidence_counter: Vec<String>,
}

/// Pairs the claims of a run: for each proposition, each claimant that asserts it against each
/// claimant that asserts its opposite (one row per pair of claimants, the first claim of each as
/// its face, all of them as evidence), and each `confirm` with the claim it backs.
pub fn pair(claims: &[RunClaim]) -> Vec<Pair> {
    let mut out = Vec::new();
    let usable: Vec<usize> = (0..claims.len()).filter(|&i| claims[i].claim.proposition.is_some() && !claims[i].claimant_id.is_empty()).collect();
    // Claims grouped by claimant and polarity, for each proposition.
    let mut sides: BTreeMap<(String, bool), Vec<usize>> = BTreeMap::new();
    for &i in &usable {
        if claims[i].claim.backs_previous {
            continue;
        }
        sides.entry((claims[i].claimant_id.clone(), claims[i].claim.positive)).or_default().push(i);
    }
    let keys: Vec<(String, bool)> = sides.keys().cloned().collect();
    for (ka, kb) in keys.iter().flat_map(|a| keys.iter().map(move |b| (a, b))) {
        if !ka.1 || kb.1 || ka.0 == kb.0 {
            continue;
        }
        for &a in &sides[ka] {
            let pa = claims[a].claim.proposition.as_ref().unwrap();
            let Some(&b) = sides[kb].iter().find(|&&b| pa.same(claims[b].claim.proposition.as_ref().unwrap())) else { continue };
            // One row per pair of claimants and proposition.
            let dup = out.iter().any(|p: &Pair| {
                claims[p.claim].claimant_id == claims[a].claimant_id
                    && claims[p.counter].claimant_id == claims[b].claimant_id
                    && claims[p.claim].claim.proposition.as_ref().unwrap().same(pa)
            });
            if dup {
                continue;
            }
            let ev = |side: &Vec<usize>| -> Vec<String> {
                side.iter().filter(|&&i| claims[i].claim.proposition.as_ref().unwrap().same(pa)).map(|&i| claims[i].claim_id.clone()).collect()
            };
            let exact = pa == claims[b].claim.proposition.as_ref().unwrap();
            out.push(Pair {
                claim: a,
                counter: b,
                relation: if claims[b].claim.cue_class == "deny" { "denies" } else { "contradicts" },
                score: if exact { 1.0 } else { 0.8 },
                evidence_claim: ev(&sides[ka]),
                evidence_counter: ev(&sides[kb]),
            });
        }
    }
    // Support links: a confirm backs the claim of its sentence.
    for &i in &usable {
        let c = &claims[i];
        if !c.claim.backs_previous {
            continue;
        }
        // The backed claim: the one of the same article just before with that proposition.
        let Some(j) = (0..i).rev().find(|&j| {
            claims[j].doc == c.doc && !claims[j].claim.backs_previous && claims[j].claim.proposition == c.claim.proposition
        }) else {
            continue;
        };
        out.push(Pair {
            claim: j,
            counter: i,
            relation: "supports",
            score: 1.0,
            evidence_claim: vec![claims[j].claim_id.clone()],
            evidence_counter: vec![c.claim_id.clone()],
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_clause_reads_subject_verb_object() {
        let g = Grammar::embedded();
        let r = Reader { g: &g, known: ["roe".to_string()].into_iter().collect(), date: None, dates: vec![] };
        let t = "Jane Roe did not pay her taxes in 2015";
        let (p, positive) = r.read(t, 0, t.len(), None, None);
        assert!(!positive);
        assert_eq!(p.unwrap().render(), "roe | pay | tax");
        let t = "Roe paid taxes";
        let (p, positive) = r.read(t, 0, t.len(), None, None);
        assert!(positive);
        assert_eq!(p.unwrap().render(), "roe | pay | tax");
    }

    #[test]
    fn weekdays_and_days() {
        assert_eq!(weekday(2023, 10, 7), 5); // a Saturday
        assert_eq!(civil(days(2023, 10, 15)), (2023, 10, 15));
    }

    #[test]
    fn a_clause_reads_down_to_a_proposition() {
        let g = Grammar::embedded();
        let r = Reader { g: &g, known: Default::default(), date: Some((2023, 10, 15)), dates: vec![(2023, 10, 7)] };
        let t = "Tehran was not involved in the Saturday attack by the Front";
        let (p, positive) = r.read(t, 0, t.len(), None, None);
        let p = p.unwrap();
        assert!(!positive);
        assert_eq!(p.render(), "iran | involved in | attack | 2023-10-07");
        let t = "there is an Iranian hand in the October 7 assault";
        let (p, positive) = r.read(t, 0, t.len(), None, None);
        assert!(positive);
        assert!(p.unwrap().same(&Proposition { subject: "iran".into(), predicate: "involved in".into(), event: Some("attack".into()), date: None }));
    }
}
