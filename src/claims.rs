//! Claims and counterclaims: who asserts what, and who denies it.
//!
//! A claim is a reported clause (`X alleged that P`, `X said P`, `X accused Y of P`, `X denied P`)
//! or a direct quote, read down to a proposition. Two readings are tried. A clause with a predicate
//! from `grammar/paraphrases.txt` (`behind` ~ `involved in` ~ `hand in`) keeps that class, with the
//! event class from `grammar/events.txt` (`attack` ~ `offensive`) and its date where the text gives
//! one. Any other clause is read as subject, verb group and object head: the subject is a name the
//! article gives (resolved to its fullest form), a country (a capital stands for its state only as
//! a subject: `Paris was not involved`) or a pronoun for the claimant; auxiliaries are skipped and
//! negations (`did not`, `never`, `wasn't`) fold into the polarity; the verb and the object head
//! are reduced to a rough lemma (`grammar/lemmas.txt` for irregular forms) and an object that is
//! the opposite of another (`grammar/opposites.txt`: `awake` is not `asleep`) flips the polarity.
//!
//! Two claims on one proposition with opposite polarity from different claimants make a
//! claim ↔ counterclaim pair. A denial that refers back (`denied the charge`, `rejected the
//! claim`, `called it false`, with the nouns and words of `grammar/claim_refs.txt`) answers the
//! nearest earlier allegation or accusation about its claimant in the same article, and a
//! `confirm` cue backs the claim it follows. A clause whose subject or verb cannot be read gets no
//! proposition and is never paired: a pair between two different propositions would be worse than
//! a missed one.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::attribution::{Attributor, EntityKind, Resolution};
use crate::grammar::{Flags, Grammar};
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
    /// Who the claim is about, normalized like a subject: the accused of `X accused Y of P`, the
    /// subject of the proposition otherwise.
    pub target: Option<String>,
    /// A denial that refers back to an earlier claim of the article (`Y denied the charge`): the
    /// byte span of the claim it answers.
    pub answers: Option<(usize, usize)>,
    /// A claim introduced as an answer (`Doe fired back, saying …`, `Doe responded that …`) to an
    /// earlier claim of the article about its claimant, on a proposition of its own: the byte
    /// span of that claim. It makes a lower-scored `denies` candidate, not a sure pair.
    pub replies: Option<(usize, usize)>,
    /// The claimant normalized like a subject (`jane roe`, a country), so that a proposition
    /// about a claimant of the run finds that claimant's id.
    pub own: String,
    /// The subject of the proposition names one party whatever the article: a country or a full
    /// name. A lone surname (`Roe`) is only known within its article.
    pub subject_global: bool,
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
    /// A readable form: `france | involved in | attack | 2023-10-07`.
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

/// A word of a clause: the byte span of its lowercase form, in the article where it is written
/// in lowercase ASCII, else in `Words::buf`.
struct Word {
    a: usize,
    b: usize,
    /// The span is in the article's text.
    in_text: bool,
    /// Written with a capital.
    cap: bool,
    /// Followed by a possessive ending (`Roe’s`).
    poss: bool,
    /// A sentence ends between this word and the one before.
    new_sentence: bool,
}

/// The words of a clause, lowercased once into one buffer (separated by single spaces, so that a
/// run of words reads as one phrase) rather than one string a word; a word already in lowercase
/// ASCII, as most are, is not copied but read in the text.
#[derive(Default)]
struct Words<'t> {
    text: &'t str,
    buf: String,
    w: Vec<Word>,
    /// No word read starts a paraphrase phrase, and none can after them: the words may stop
    /// at the end of the first sentence, all that a plain reading looks at.
    phrase_free: bool,
}

impl Words<'_> {
    fn len(&self) -> usize {
        self.w.len()
    }
    fn low(&self, k: usize) -> &str {
        let x = &self.w[k];
        if x.in_text { &self.text[x.a..x.b] } else { &self.buf[x.a..x.b] }
    }
    /// Words `k..e` (`k < e`) as one lowercase phrase: a slice where they stand together in the
    /// buffer or in the text (one space between them), else joined anew.
    fn phrase(&self, k: usize, e: usize) -> Cow<'_, str> {
        let ws = &self.w[k..e];
        let (first, last) = (&ws[0], &ws[ws.len() - 1]);
        if ws.iter().all(|x| !x.in_text) {
            return Cow::Borrowed(&self.buf[first.a..last.b]);
        }
        if ws.iter().all(|x| x.in_text) && ws.windows(2).all(|p| &self.text[p[0].b..p[1].a] == " ") {
            return Cow::Borrowed(&self.text[first.a..last.b]);
        }
        let mut out = String::new();
        for j in k..e {
            if j > k {
                out.push(' ');
            }
            out.push_str(self.low(j));
        }
        Cow::Owned(out)
    }
}

/// Is the character at byte `i` of `text` (before `end`) a letter or a digit?
#[inline]
fn alnum_at(text: &str, i: usize, end: usize) -> bool {
    let b = text.as_bytes();
    if i >= end {
        return false;
    }
    if b[i] < 0x80 {
        return b[i].is_ascii_alphanumeric();
    }
    text[i..end].chars().next().is_some_and(char::is_alphanumeric)
}

/// A word found by `next_word`.
struct Scanned {
    /// Its byte span in the text.
    s: usize,
    e: usize,
    /// Written with a capital.
    cap: bool,
    /// All ASCII (lowered byte by byte).
    ascii: bool,
    /// Holds an ASCII capital anywhere (`McDoe`, `US`): it needs lowering.
    upper: bool,
    /// A `?` or `!`, or a `.`, stands between the scan's start and the word.
    hard: bool,
    dot: bool,
}

/// Byte classes for `next_word`: one table load tells what an ASCII byte is.
const ALNUM: u8 = 1;
const JOIN: u8 = 2;
const HARD: u8 = 4;
const DOT: u8 = 8;
const UPPER: u8 = 16;
const HIGH: u8 = 32;
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut x = 0;
    while x < 256 {
        let c = x as u8;
        t[x] = if c >= 0x80 {
            HIGH
        } else if c.is_ascii_uppercase() {
            ALNUM | UPPER
        } else if c.is_ascii_alphanumeric() {
            ALNUM
        } else {
            match c {
                b'?' | b'!' => HARD,
                b'.' => DOT | JOIN,
                b'\'' | b'-' => JOIN,
                _ => 0,
            }
        };
        x += 1;
    }
    t
};

/// The next word of `text[i..end]`: a run of letters and digits, with `'`, `’`, `-` and `.`
/// inside it (`don’t`, `U.S`). ASCII bytes are classified by table; only other characters are
/// decoded. Inlined into its two loops: a call's saves and restores and the returned record
/// cost as much as the scan of a short word.
#[inline(always)]
fn next_word(text: &str, mut i: usize, end: usize) -> Option<Scanned> {
    let b = text.as_bytes();
    let end = end.min(b.len());
    let (mut hard, mut dot) = (false, false);
    while i < end {
        let k = CLASS[usize::from(b[i])];
        let cap = if k & HIGH == 0 {
            if k & ALNUM == 0 {
                hard |= k & HARD != 0;
                dot |= k & DOT != 0;
                i += 1;
                continue;
            }
            k & UPPER != 0
        } else {
            let c = text[i..].chars().next()?;
            if !c.is_alphanumeric() {
                i += c.len_utf8();
                continue;
            }
            c.is_uppercase()
        };
        let s = i;
        let mut ascii = true;
        // The classes of the word's ASCII letters and digits, or-ed: whether it holds a capital
        // is known without reading it again.
        let mut seen = 0;
        while i < end {
            let k = CLASS[usize::from(b[i])];
            if k & ALNUM != 0 {
                seen |= k;
                i += 1;
                continue;
            }
            if k & JOIN != 0 {
                if alnum_at(text, i + 1, end) {
                    i += 1;
                    continue;
                }
                break;
            }
            if k & HIGH == 0 {
                break;
            }
            let Some(c) = text[i..].chars().next() else { break };
            let n = c.len_utf8();
            if c.is_alphanumeric() || c == '’' && alnum_at(text, i + n, end) {
                ascii = false;
                i += n;
                continue;
            }
            break;
        }
        return Some(Scanned { s, e: i, cap, ascii, upper: seen & UPPER != 0, hard, dot });
    }
    None
}

impl<'t> Words<'t> {
    /// Reads the words of `text[i..end]` into `self`, lowercase, possessive endings cut
    /// (`France’s` → `france`). A full stop ends a sentence only before a capital and not after a
    /// title or an initial (`Mr. Roe`, `John F. Doe`); `?` and `!` always do. The buffers of the
    /// last clause are reused: a clause is read for every reporting verb and every quote.
    #[cfg(test)]
    fn fill(&mut self, text: &'t str, i: usize, end: usize, g: &Grammar) {
        self.fill_until(text, i, end, g, None);
    }

    /// `fill`, which with `starts` stops at the end of the first sentence unless a word of the
    /// clause may start a paraphrase phrase (`phrase_free` tells which): a quote of many
    /// sentences is read plainly from its first one only, and its other words are only scanned.
    fn fill_until(&mut self, text: &'t str, i: usize, end: usize, g: &Grammar, starts: Option<&PhraseStarts>) {
        self.fill_words(text, i, end, g, starts, false);
    }

    /// `fill` of the words that open the clause only, all that tell its subject: up to the first
    /// lowercase word after the first (the first word too, unless it is `that`) or the first word
    /// of a second sentence. The words read are those `fill` reads first.
    fn fill_opening(&mut self, text: &'t str, i: usize, end: usize, g: &Grammar) {
        self.fill_words(text, i, end, g, None, true);
    }

    /// Have the words read so far settled the clause's subject (`fill_opening`)?
    fn opening_read(&self) -> bool {
        let n = self.w.len();
        let x = &self.w[n - 1];
        n > 1 && x.new_sentence || !x.cap && (n > 1 || self.low(0) != "that")
    }

    /// `fill_until`, or with `opening` `fill_opening`.
    fn fill_words(&mut self, text: &'t str, mut i: usize, end: usize, g: &Grammar, starts: Option<&PhraseStarts>, opening: bool) {
        self.text = text;
        self.buf.clear();
        self.w.clear();
        let end = end.min(text.len());
        self.buf.reserve(end.saturating_sub(i));
        // Still no word that may start a phrase.
        let mut lazy = starts.is_some();
        while let Some(x) = next_word(text, i, end) {
            let before = i;
            i = x.e;
            // Asked only where a full stop may end a sentence: it costs a look-up.
            let after_abbreviation = || {
                self.w.last().is_some_and(|p| {
                    let low = if p.in_text { &text[p.a..p.b] } else { &self.buf[p.a..p.b] };
                    low.chars().count() == 1 || g.titles.contains(low) || low.contains('.')
                })
            };
            let new_sentence = x.hard || x.dot && x.cap && !after_abbreviation();
            if lazy && new_sentence && !self.w.is_empty() {
                match starts {
                    Some(st) if st.may_start_in(text, before, end) => lazy = false,
                    _ => break,
                }
            }
            let bytes = &text.as_bytes()[x.s..x.e];
            if x.ascii && !x.upper {
                // Already lowercase: its span in the text, with a possessive ending cut as below.
                let poss = bytes.len() > 2 && bytes.ends_with(b"'s");
                let b = if poss { x.e - 2 } else { x.e };
                if let Some(st) = starts.filter(|_| lazy) {
                    lazy = !st.holds(&text[x.s..b]);
                }
                self.w.push(Word { a: x.s, b, in_text: true, cap: false, poss, new_sentence });
                if opening && self.opening_read() {
                    break;
                }
                continue;
            }
            if !self.buf.is_empty() {
                self.buf.push(' ');
            }
            let a = self.buf.len();
            if x.ascii {
                self.buf.push_str(&text[x.s..x.e]);
                self.buf[a..].make_ascii_lowercase();
            } else {
                self.buf.extend(text[x.s..x.e].chars().flat_map(char::to_lowercase));
            }
            let mut poss = false;
            // Most words end in no `s`: one byte tells.
            if self.buf.ends_with('s') {
                for suffix in ["’s", "'s"] {
                    if self.buf.len() > a + suffix.len() && self.buf.ends_with(suffix) {
                        self.buf.truncate(self.buf.len() - suffix.len());
                        poss = true;
                    }
                }
            }
            if let Some(st) = starts.filter(|_| lazy) {
                lazy = !st.holds(&self.buf[a..]);
            }
            self.w.push(Word { a, b: self.buf.len(), in_text: false, cap: x.cap, poss, new_sentence });
            if opening && self.opening_read() {
                break;
            }
        }
        self.phrase_free = lazy;
    }
}

/// The first words of the paraphrase phrases, to tell cheaply that a clause holds none. The
/// words are borrowed from the grammar: a reader is made for every article.
struct PhraseStarts<'g> {
    filter: WordFilter,
    words: Vec<&'g str>,
    /// Every word is ASCII letters and digits only (`may_start_fast` can tell).
    plain: bool,
}

impl<'g> PhraseStarts<'g> {
    fn new(mut words: Vec<&'g str>, filter: WordFilter) -> PhraseStarts<'g> {
        words.sort();
        words.dedup();
        let plain = words.iter().all(|w| !w.is_empty() && w.bytes().all(|c| c.is_ascii_alphanumeric()));
        PhraseStarts { filter, words, plain }
    }

    /// `may_start_in`, told from bytes: runs of ASCII letters and digits are compared with the
    /// words as they stand, in either case, with no word read as `Words::fill` reads it. A word
    /// of `fill` that may start a phrase is, lowered and cut, a phrase's first word, letters and
    /// digits only: its first run is that word (`behind`, `Behind’s`), or it holds a character
    /// that is not ASCII but may lower to ASCII (such a word is read as `fill` does).
    fn may_start_fast(&self, text: &str, i: usize, end: usize) -> bool {
        if !self.plain {
            return self.may_start_in(text, i, end);
        }
        let b = text.as_bytes();
        let end = end.min(b.len());
        let mut k = i;
        while k < end {
            let c = b[k];
            if CLASS[usize::from(c)] & ALNUM == 0 {
                // A letter that is not ASCII: a word may start with it and lower to ASCII.
                if c >= 0xC0 && text[k..end].chars().next().is_some_and(|ch| ch.is_alphanumeric() && ch.to_lowercase().next().is_some_and(|l| l.is_ascii())) {
                    return self.may_start_in(text, i, end);
                }
                k += 1;
                continue;
            }
            let s = k;
            while k < end && CLASS[usize::from(b[k])] & ALNUM != 0 {
                k += 1;
            }
            let run = &b[s..k];
            if self.filter.may_hold_parts(c, run.len()) && self.words.iter().any(|w| w.as_bytes().eq_ignore_ascii_case(run)) {
                return true;
            }
            // The word goes on in a letter that is not ASCII (`José`).
            if k < end && b[k] >= 0xC0 && text[k..end].chars().next().is_some_and(char::is_alphanumeric) && self.words.iter().any(|w| w.len() > run.len() && w.as_bytes()[..run.len()].eq_ignore_ascii_case(run)) {
                return self.may_start_in(text, i, end);
            }
        }
        false
    }

    /// Is `low` (a lowercase word) the first word of a phrase?
    #[inline]
    fn holds(&self, low: &str) -> bool {
        self.filter.may_hold(low) && self.words.iter().any(|&w| w == low)
    }

    /// May a word of `text[i..end]` start a phrase? Each word is compared as `Words::fill` would
    /// lower it and cut its possessive ending; an ASCII word without copying it.
    fn may_start_in(&self, text: &str, mut i: usize, end: usize) -> bool {
        while let Some(x) = next_word(text, i, end) {
            i = x.e;
            if !x.ascii {
                // Rare: lowered and cut as `fill` does.
                let mut low: String = text[x.s..x.e].chars().flat_map(char::to_lowercase).collect();
                for suffix in ["’s", "'s"] {
                    if low.len() > suffix.len() && low.ends_with(suffix) {
                        low.truncate(low.len() - suffix.len());
                    }
                }
                if self.holds(&low) {
                    return true;
                }
                continue;
            }
            let t = &text[x.s..x.e];
            let t = if t.len() > 2 && t.ends_with("'s") { &t[..t.len() - 2] } else { t };
            if self.filter.may_hold_parts(t.as_bytes()[0], t.len()) && self.words.iter().any(|w| w.eq_ignore_ascii_case(t)) {
                return true;
            }
        }
        false
    }
}

/// Auxiliaries and copulas: the verb group before the main verb (`has been`, `will`, `did`).
const BE: &[&str] = &["am", "are", "be", "been", "being", "is", "was", "were", "'s", "’s"];
const AUX: &[&str] = &["can", "could", "did", "do", "does", "had", "has", "have", "having", "may", "might", "must", "shall", "should", "will", "would"];
/// Verbs of thinking: `I think Roe will win` states what follows, which a verb and object head
/// cannot hold, so such a clause is left unread.
const MENTAL: &[&str] = &["believ", "feel", "guess", "hop", "know", "mean", "suppos", "think"];
/// Modals that hedge: `X may have lied` states less than `X lied`, so the modal stays in the
/// predicate; so does the future (`will`, reported as `would`).
const HEDGES: &[&str] = &["could", "may", "might"];

/// What the claimant and the reporting clause tell about the subject of the reported clause.
#[derive(Clone, Copy, Default)]
struct Ctx<'a> {
    /// The claimant, normalized like a subject: a pronoun of the clause may stand for it.
    own: Option<&'a str>,
    /// The claimant is a person (`he`, `she`, `I` stand for it) rather than a state or a group
    /// (`it`, `they`, `we`).
    own_person: bool,
    /// The subject given by the reporting clause: the accused of `X accused Y of P`.
    hint: Option<&'a str>,
    /// The clause starts at its verb (`accused Y of lying`, `denied having met`): its subject is
    /// the hint, or the claimant.
    from_verb: bool,
    /// The clause is the speaker's own words: `I` or `we` is the speaker, while `he` or `she` is
    /// somebody else (`“He started his business with a loan,” Roe said`).
    quoted: bool,
}

impl<'a> Ctx<'a> {
    /// The subject a pronoun stands for.
    fn pronoun(&self, w: &str) -> Option<&'a str> {
        match w {
            "i" if self.own_person => self.own,
            "we" if !self.own_person => self.own,
            "he" | "she" if self.own_person && !self.quoted => self.own,
            "it" | "they" if !self.own_person && !self.quoted => self.own,
            _ => None,
        }
    }
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

/// A few lexicon words by first byte (`& 31`) and length (bit `len.min(63)`): a word that
/// passes may be one of them, a word that fails is none, and telling costs two loads and a
/// shift instead of a hash or a comparison with each.
#[derive(Clone, Copy, Debug)]
struct WordFilter([u64; 32]);

impl WordFilter {
    fn new<'a>(words: impl Iterator<Item = &'a str>) -> WordFilter {
        let mut f = WordFilter([0; 32]);
        for w in words {
            let (i, bit) = WordFilter::slot(w);
            f.0[i] |= bit;
        }
        f
    }
    #[inline]
    fn slot(w: &str) -> (usize, u64) {
        let b = w.as_bytes();
        (usize::from(b.first().copied().unwrap_or(0) & 31), 1 << b.len().min(63))
    }
    #[inline]
    fn may_hold(&self, w: &str) -> bool {
        let (i, bit) = WordFilter::slot(w);
        self.0[i] & bit != 0
    }
    /// `may_hold` of a word given by its first byte and its length.
    #[inline]
    fn may_hold_parts(&self, first: u8, len: usize) -> bool {
        self.0[usize::from(first & 31)] >> len.min(63) & 1 != 0
    }
}

/// Reads a clause down to a proposition.
struct Reader<'g, 'k> {
    g: &'g Grammar,
    /// Lowercase forms of the names the article gives (full names, and surnames that stand for
    /// one person only) → the subject they normalize to (the fullest name, lowercase).
    known: &'k Known,
    /// The article's date and the dates it gives, for weekdays.
    date: Option<(i64, i64, i64)>,
    dates: &'k [(i64, i64, i64)],
    /// The first words of the paraphrase phrases: almost every word of a clause is told to start
    /// no phrase with one test instead of a comparison with each phrase. `None` when a phrase is
    /// empty (it matches anywhere, so every word is tried).
    first: Option<WordFilter>,
    /// The same first words, to stop reading a clause after its first sentence when none of
    /// its words starts a phrase (`None` as `first`).
    starts: Option<PhraseStarts<'g>>,
    /// The buffers of the words of the last clause read, kept for the next.
    words: Cell<(String, Vec<Word>)>,
}

impl<'g, 'k> Reader<'g, 'k> {
    fn new(g: &'g Grammar, known: &'k Known, date: Option<(i64, i64, i64)>, dates: &'k [(i64, i64, i64)]) -> Self {
        let first = g.predicates.iter().all(|(p, _)| !p.is_empty()).then(|| WordFilter::new(g.predicates.iter().map(|(p, _)| p[0].as_str())));
        let starts = first.map(|filter| PhraseStarts::new(g.predicates.iter().map(|(p, _)| p[0].as_str()).collect(), filter));
        Reader { g, known, date, dates, first, starts, words: Cell::new(Default::default()) }
    }
}

impl Reader<'_, '_> {
    /// The country a word stands for (`u.s` as the tokenizer leaves `U.S.`).
    fn country(&self, w: &str) -> Option<&str> {
        self.g.country_of(w).or_else(|| if w.contains('.') { self.g.places.get(&format!("{w}.")).map(String::as_str) } else { None })
    }

    /// Might a paraphrase phrase start with word `k`?
    #[inline]
    fn may_start_phrase(&self, w: &Words, k: usize) -> bool {
        let Some(f) = &self.first else { return true };
        let low = w.low(k);
        f.may_hold_parts(low.as_bytes().first().copied().unwrap_or(0), low.len())
    }

    /// The proposition of `text[start..end]` and whether it is stated (not negated).
    fn read(&self, text: &str, start: usize, end: usize, ctx: Ctx) -> (Option<Proposition>, bool) {
        let (buf, words) = self.words.take();
        let mut w = Words { text, buf, w: words, phrase_free: false };
        let out = if self.may_state(&mut w, text, start, end, ctx) {
            w.fill_until(text, start, end, self.g, self.starts.as_ref());
            self.read_words(&w, ctx)
        } else {
            (None, true)
        };
        self.words.set((w.buf, w.w));
        out
    }

    /// May `text[start..end]` state a proposition? A clause that does not start at its verb
    /// needs a paraphrase phrase or a subject that opens it (`read_plain`): most quotes have
    /// neither, and telling so from their first words and a scan of the others costs a fraction
    /// of reading them all. `false` only where `read` would find nothing.
    fn may_state<'t>(&self, w: &mut Words<'t>, text: &'t str, start: usize, end: usize, ctx: Ctx) -> bool {
        if ctx.from_verb {
            return true;
        }
        w.fill_opening(text, start, end, self.g);
        let stop = (1..w.len()).find(|&k| w.w[k].new_sentence).unwrap_or(w.len());
        let k = usize::from(stop > 0 && !w.w[0].cap && w.low(0) == "that");
        self.subject_at(w, k, stop, ctx).is_some() || self.starts.as_ref().is_none_or(|st| st.may_start_fast(text, start, end))
    }

    fn read_words(&self, w: &Words, ctx: Ctx) -> (Option<Proposition>, bool) {
        // The predicate: the longest paraphrase phrase found.
        let mut pred = None;
        let scan = if w.phrase_free { 0 } else { w.len() };
        'scan: for k in 0..scan {
            if !self.may_start_phrase(w, k) {
                continue;
            }
            for (phrase, class) in &self.g.predicates {
                if k + phrase.len() <= w.len() && phrase.iter().enumerate().all(|(j, p)| w.low(k + j) == p) {
                    pred = Some((k, k + phrase.len(), class));
                    break 'scan;
                }
            }
        }
        let Some((ps, pe, predicate)) = pred else { return self.read_plain(w, ctx) };
        // The subject: the last country (or demonym, or capital) or name before the predicate in
        // its sentence, or a pronoun standing for the claimant.
        let from = (0..=ps).rev().find(|&k| k < w.len() && w.w[k].new_sentence).unwrap_or(0);
        let mut subject = ctx.hint.map(str::to_string);
        // The subject stands close before the predicate; a capital counts only where it opens
        // the clause (`Paris was not involved`, not `… in Washington …`).
        let near = ps.saturating_sub(6).max(from);
        for k in near..ps {
            if ctx.hint.is_some() {
                break;
            }
            let low = w.low(k);
            // A capital stands for its state only as a subject: before a verb (`Paris was`).
            let is_capital = self.g.capitals.contains_key(low) && !self.g.demonyms.contains_key(low);
            let before_verb = k + 1 < w.len() && {
                let x = w.low(k + 1);
                self.g.adverbs.contains(x) || self.g.negations.contains(x) || self.g.cues.contains(x)
            };
            if let Some(c) = self.country(low).filter(|_| !is_capital || k == from || before_verb) {
                subject = Some(c.to_string());
            } else if let Some(n) = self.known.get(low).filter(|n| w.w[k].cap && !n.is_empty() && !w.w[k].poss) {
                subject = Some(n.to_string());
            } else if subject.is_none() {
                subject = ctx.pronoun(low).map(str::to_string);
            }
        }
        // `denied any involvement in …`: the claimant denies its own part.
        if subject.is_none() && ctx.from_verb {
            subject = ctx.own.map(str::to_string);
        }
        let Some(subject) = subject else { return (None, true) };
        // `Paris was not involved`, `… were not France’s proxy forces`, `no role in`.
        let negated = (from..ps).any(|k| self.g.negations.contains(w.low(k))) || (ps..pe).any(|k| w.low(k) == "no");
        // The event and its date, after the predicate.
        let mut event = None;
        let mut date = None;
        for k in pe..w.len() {
            if event.is_none() {
                event = self.g.events.get(w.low(k)).cloned();
            }
            if date.is_none() {
                date = self.date_at(&w, k);
            }
        }
        // With no event named, the first content word after the predicate stands for what the
        // predicate is about (`involved in Syria` is not `behind the breaches`).
        let g = self.g;
        let sentence_end = (pe..w.len()).find(|&k| w.w[k].new_sentence).unwrap_or(w.len());
        let event = event.or_else(|| {
            (pe..sentence_end.min(pe + 3)).find(|&k| !g.function_words.contains(w.low(k)) && !g.negations.contains(w.low(k)) && w.low(k).len() > 2).map(|k| {
                // Names are kept whole: `Jane Roe Associates` is no plural.
                let low = w.low(k);
                self.country(low).map(str::to_string).unwrap_or_else(|| if w.w[k].cap { low.to_string() } else { self.lemma(low) })
            })
        });
        (Some(Proposition { subject, predicate: predicate.clone(), event, date }), !negated)
    }

    /// The subject that opens a clause at word `k`: a country, a name the article gives (titles
    /// before it skipped), or a pronoun for the claimant. Returns it and the word after it.
    fn subject_at(&self, w: &Words, mut k: usize, end: usize, ctx: Ctx) -> Option<(String, usize)> {
        let g = self.g;
        if k >= end {
            return None;
        }
        // `he’s` is `he is` or `he has`, never a possessive (that is `his`).
        if let Some(s) = ctx.pronoun(w.low(k)).filter(|_| !w.w[k].poss || matches!(w.low(k), "he" | "she" | "it")) {
            return Some((s.to_string(), k + 1));
        }
        if w.w[k].cap && w.low(k) == "the" {
            k += 1;
        }
        while k + 1 < end && w.w[k].cap && w.w[k + 1].cap && g.titles.contains(w.low(k)) {
            k += 1;
        }
        let mut e = k;
        while e < end && w.w[e].cap && !(e > k && g.function_words.contains(w.low(e))) {
            e += 1;
            if w.w[e - 1].poss {
                break;
            }
        }
        // `Roe’s aides said …`: the subject is what the name owns, not the name.
        if e == k || w.w[e - 1].poss {
            return None;
        }
        let run = w.phrase(k, e);
        let run: &str = &run;
        if let Some(c) = self.country(run) {
            // `French forces`: a demonym before a noun is an adjective, not a subject.
            let adjective = g.demonyms.contains_key(run) && !g.places.contains_key(run);
            return if adjective { None } else { Some((c.to_string(), e)) };
        }
        if g.function_words.contains(run) || g.titles.contains(run) {
            return None;
        }
        let n = self.known.get(run).or_else(|| self.known.get(w.low(e - 1)).filter(|_| e - k == 1))?;
        if n.is_empty() {
            return None;
        }
        Some((n.to_string(), e))
    }

    /// A clause with no known predicate, read plainly: subject, verb group (auxiliaries skipped,
    /// negations folded into the polarity), the verb's lemma and the head of its object or
    /// complement. `Jane Roe did not pay her taxes` → `jane roe | pay | tax`, negative; `she was
    /// awake all night` → `… | be | asleep`, negative.
    fn read_plain(&self, w: &Words, ctx: Ctx) -> (Option<Proposition>, bool) {
        let g = self.g;
        let end = (1..w.len()).find(|&k| w.w[k].new_sentence).unwrap_or(w.len());
        let mut k = 0;
        let subject = if ctx.from_verb {
            match ctx.hint.or(ctx.own) {
                Some(s) => s.to_string(),
                None => return (None, true),
            }
        } else {
            if k < end && !w.w[k].cap && w.low(k) == "that" {
                k += 1;
            }
            match self.subject_at(w, k, end, ctx) {
                Some((s, next)) => {
                    k = next;
                    s
                }
                None => return (None, true),
            }
        };
        // The verb group (`he’s` holds its copula).
        let mut negated = false;
        let mut copula = !ctx.from_verb && k > 0 && w.w[k - 1].poss;
        let mut hedge = None;
        let adverb = |x: &str| g.adverbs.contains(x) || x.len() > 4 && x.ends_with("ly");
        while k < end && !w.w[k].cap {
            let x = w.low(k);
            let base = x.strip_suffix("n't").or_else(|| x.strip_suffix("n’t"));
            if let Some(b) = base {
                negated = true;
                copula = BE.contains(&b) || matches!(b, "is" | "was" | "are" | "were" | "ai");
                if HEDGES.contains(&b) {
                    hedge = Some(b);
                } else if matches!(b, "wo" | "would") && hedge.is_none() {
                    hedge = Some("will");
                }
            } else if g.negations.contains(x) {
                negated = true;
            } else if BE.contains(&x) {
                copula = true;
            } else if AUX.contains(&x) {
                copula = false;
                if HEDGES.contains(&x) {
                    hedge = Some(x);
                } else if matches!(x, "will" | "would") && hedge.is_none() {
                    // `Roe will win` is not `Roe won`; reported `would` is the same future.
                    hedge = Some("will");
                }
            } else if !adverb(x) {
                break;
            }
            k += 1;
        }
        if k >= end {
            return (None, true);
        }
        let v = w.low(k);
        let is_content = |j: usize| {
            let x = w.low(j);
            !g.function_words.contains(x) && !g.negations.contains(x) && !adverb(x) && x.chars().next().is_some_and(char::is_alphabetic)
        };
        // A participle after a copula is the verb (`was involved`); anything else is its
        // complement (`was awake`, `is a fraud`).
        let participle = !w.w[k].cap && (v.ends_with("ed") || v.ends_with("en") || v.ends_with("ing")) && v.len() > 4;
        let (predicate, object_from) = if copula && !participle {
            ("be".to_string(), k)
        } else if !w.w[k].cap && is_content(k) && !g.cues.contains(v) && !g.cue_classes.contains_key(v) && !MENTAL.contains(&self.lemma(v).as_str()) {
            (self.lemma(v), k + 1)
        } else {
            return (None, true);
        };
        // The object: the last word of the first run of content words, within a few words.
        let mut j = object_from;
        let mut skipped = 0;
        // `the only candidate` is not `a candidate`: a complement keeps `only`.
        let mut only = false;
        while j < end && !is_content(j) && skipped < 3 {
            if matches!(w.low(j), "no" | "nothing" | "none") {
                negated = !negated;
            }
            only |= w.low(j) == "only";
            j += 1;
            skipped += 1;
        }
        let mut head = None;
        let run_start = j;
        while j < end && is_content(j) && !g.cues.contains(w.low(j)) {
            head = Some(j);
            j += 1;
            if w.w[j - 1].poss || j - object_from > 5 {
                break;
            }
        }
        let Some(h) = head else { return (None, true) };
        // `willing to debate`, `the war to spread`: what the head wants or is able to do counts.
        let to_verb = (j + 1 < end && w.low(j) == "to").then(|| (j + 1..end.min(j + 3)).find(|&t| is_content(t) && !w.w[t].cap)).flatten();
        let mut object = w.low(h);
        if let Some(o) = g.opposites.get(object) {
            object = o;
            negated = !negated;
        }
        if object.len() < 3 {
            return (None, true);
        }
        let object = if let Some(t) = to_verb {
            let mut o = self.country(object).map_or_else(|| self.lemma(object), str::to_string);
            o.push_str(" to ");
            o.push_str(&self.lemma(w.low(t)));
            o
        } else if let Some(c) = self.country(object) {
            c.to_string()
        } else if let Some(c) = g.events.get(object) {
            c.clone()
        } else if w.w[h].cap {
            object.to_string()
        } else {
            self.lemma(object)
        };
        // A complement keeps its modifiers (`a disgusting fraud` is not `the only fraud`), and a
        // head keeps what it is of (`in favor of the deal` is not `in favor of the war`).
        let mut object = object;
        if predicate == "be" && to_verb.is_none() && run_start < h {
            let mut o = w.phrase(run_start, h).into_owned();
            o.push(' ');
            o.push_str(&object);
            object = o;
        }
        if predicate == "be" && only {
            object.insert_str(0, "only ");
        }
        if to_verb.is_none() && j < end && w.low(j) == "of" {
            let of_head = (j + 1..end.min(j + 4)).find(|&t| is_content(t)).map(|t| {
                let mut e = t;
                while e + 1 < end.min(t + 4) && is_content(e + 1) {
                    e += 1;
                }
                e
            });
            if let Some(t) = of_head {
                let x = w.low(t);
                let cap = w.w[t].cap;
                object.push_str(" of ");
                match self.country(x) {
                    Some(c) => object.push_str(c),
                    None if cap => object.push_str(x),
                    None => object.push_str(&self.lemma(x)),
                }
            }
        }
        let predicate = match hedge {
            Some(m) => format!("{m} {predicate}"),
            None => predicate,
        };
        (Some(Proposition { subject, predicate, event: Some(object), date: None }), !negated)
    }

    /// A rough lemma, enough to tell `violates`, `violated` and `violating` alike: irregular
    /// forms from `grammar/lemmas.txt`, else the stem.
    fn lemma(&self, w: &str) -> String {
        stem(self.g.lemmas.get(w).map_or(w, String::as_str))
    }

    /// A date written at word `k`: `October 7`, or a weekday resolved against the article.
    fn date_at(&self, w: &Words, k: usize) -> Option<String> {
        let (y, am, ad) = self.date?;
        if let Some(m) = MONTHS.iter().position(|m| *m == w.low(k)) {
            let d = (k + 1 < w.len()).then(|| w.low(k + 1).parse::<i64>().ok()).flatten().filter(|d| (1..=31).contains(d))?;
            return Some(format!("{y:04}-{:02}-{d:02}", m + 1));
        }
        let wd = WEEKDAYS.iter().position(|d| *d == w.low(k))?;
        // A date the article gives that falls on that weekday, else the last such day before it.
        if let Some(&(y, m, d)) = self.dates.iter().find(|&&(y, m, d)| weekday(y, m, d) == wd && days(y, m, d) <= days(y, am, ad)) {
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
        let today = days(y, am, ad);
        let back = (weekday(y, am, ad) + 7 - wd) % 7;
        let back = if back == 0 { 7 } else { back } as i64;
        let (ty, tm, td) = civil(today - back);
        Some(format!("{ty:04}-{tm:02}-{td:02}"))
    }
}

/// A rough stem: `pays`/`paying` → `pay`, `violated`/`violates`/`violate` → `violat`, `stopped`
/// → `stop`, `taxes` → `tax`, `parties` → `party`. Irregular forms go through `grammar/lemmas.txt`.
fn stem(w: &str) -> String {
    let n = w.len();
    let mut b = if let Some(s) = w.strip_suffix("ies").or_else(|| w.strip_suffix("ied")).filter(|s| s.len() >= 3) {
        let mut s = s.to_string();
        s.push('y');
        return s;
    } else if let Some(s) = w.strip_suffix("ing").filter(|s| s.len() >= 3 && n >= 6) {
        s
    } else if let Some(s) = w.strip_suffix("ed").filter(|s| s.len() >= 3) {
        s
    } else if let Some(s) = w.strip_suffix("es").filter(|s| s.len() >= 3 && (s.ends_with("ss") || s.ends_with("sh") || s.ends_with("ch") || s.ends_with('x') || s.ends_with('z'))) {
        s
    } else if let Some(s) = w.strip_suffix('s').filter(|s| s.len() >= 3 && !s.ends_with('s') && !s.ends_with('u') && !s.ends_with('i')) {
        s
    } else {
        w
    };
    // `stopp` → `stop`; `violate` → `violat`, so that the bare form meets the inflected ones.
    let bytes = b.as_bytes();
    let m = bytes.len();
    if m >= 4 && bytes[m - 1] == bytes[m - 2] && !matches!(bytes[m - 1], b'l' | b's' | b'z' | b'e' | b'o') && b.is_char_boundary(m - 1) {
        b = &b[..m - 1];
    } else if m >= 4 && b.ends_with('e') && !b.ends_with("ee") {
        b = &b[..m - 1];
    }
    b.to_string()
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

/// The dates an article gives (`October 7`), with the year of the article's date.
fn article_dates(doc: &Doc, year: i64) -> Vec<(i64, i64, i64)> {
    let mut out = Vec::new();
    let bytes = doc.text.as_bytes();
    for k in 0..doc.tokens.len().saturating_sub(1) {
        // A month is written with 3 to 9 ASCII letters, the first of `jfmasond` in either case:
        // most tokens are passed over on their length and first byte.
        let t = doc.tokens[k];
        if !(3..=9).contains(&(t.end - t.start)) || !matches!(bytes[t.start] | 0x20, b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd') || !doc.is_word(k) {
            continue;
        }
        if let Some(m) = MONTHS.iter().position(|m| *m == doc.low(k)) {
            if let Ok(d) = doc.tok(k + 1).parse::<i64>() {
                if (1..=31).contains(&d) {
                    out.push((year, m as i64 + 1, d));
                }
            }
        }
    }
    out
}

/// The name forms of an article a subject may be written as, each standing for an index into
/// one list of the subjects they normalize to (the fullest names, lowercase): the subjects are
/// stored once however many forms share them.
#[derive(Default)]
struct Known {
    map: FxHashMap<String, u32>,
    /// What the forms normalize to; index 0 is the empty string, for a surname two people share.
    subjects: Vec<String>,
}

impl Known {
    /// What the form `low` normalizes to (empty for a surname that stands for nobody alone).
    fn get(&self, low: &str) -> Option<&str> {
        self.map.get(low).map(|&i| self.subjects[i as usize].as_str())
    }

    /// Adds `subject` to the list, returning its index.
    fn add(&mut self, subject: String) -> u32 {
        self.subjects.push(subject);
        (self.subjects.len() - 1) as u32
    }
}

/// The name forms of an article a subject may be written as, with what they normalize to:
/// a person's names and lone surnames (a surname two people share stands for neither, so it maps
/// to the empty string), an organization's name.
fn known_names(att: &Attributor) -> Known {
    // Most names are new to the map: room for them spares rehashing as it grows.
    let mut known = Known { map: FxHashMap::with_capacity_and_hasher(att.names.len().min(256), Default::default()), subjects: Vec::with_capacity(att.names.len().min(256) + 1) };
    known.subjects.push(String::new());
    let mut low = String::new();
    for m in &att.names {
        // A place adds no form; a name seen before (in any case) adds nothing new.
        if m.kind == EntityKind::Place {
            continue;
        }
        lowercase_into(&m.name, &mut low);
        if known.map.contains_key(low.as_str()) {
            continue;
        }
        match m.kind {
            EntityKind::Person => {
                // Lowered in place: `fullest` hands over a string of its own.
                let mut full = att.fullest(&m.name);
                if full.is_ascii() {
                    full.make_ascii_lowercase();
                } else {
                    full = full.to_lowercase();
                }
                let same = full == low;
                // The last word, as a byte offset: the subject is moved into the list first.
                let last_at = full.rfind(' ').map(|sp| sp + 1);
                let full_key = (!same).then(|| full.clone());
                let i = known.add(full);
                if let Some(at) = last_at {
                    let subject = known.subjects[i as usize].as_str();
                    let last = &subject[at..];
                    match known.map.get(last) {
                        Some(&v) if v != 0 && known.subjects[v as usize] != subject => {
                            known.map.insert(last.to_string(), 0);
                        }
                        None => {
                            known.map.insert(last.to_string(), i);
                        }
                        _ => {}
                    }
                }
                if let Some(f) = full_key {
                    known.map.insert(f, i);
                }
                known.map.insert(low.clone(), i);
            }
            EntityKind::Organization => {
                let i = known.add(low.clone());
                known.map.insert(low.clone(), i);
            }
            EntityKind::Place => {}
        }
    }
    known
}

/// `w.to_lowercase()`, written into `out` (whose allocation is kept).
fn lowercase_into(w: &str, out: &mut String) {
    out.clear();
    if w.is_ascii() {
        out.push_str(w);
        out.make_ascii_lowercase();
    } else {
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
}

/// Words after which a government or its seat stands for the state: `the Ruritanian government
/// denied …` is Ruritania denying.
const STATE_HEADS: &[&str] = &["administration", "authorities", "government", "leadership", "regime"];

/// A claimant normalized like a subject, and whether it is a person.
fn claimant_key(att: &Attributor, known: &Known, g: &Grammar, claimant: &str) -> (String, bool) {
    if let Some(c) = g.country_of(claimant) {
        return (c.to_string(), false);
    }
    let low = claimant.to_lowercase();
    if low.split_whitespace().next_back().is_some_and(|l| STATE_HEADS.contains(&l)) {
        if let Some(c) = low.split_whitespace().find_map(|w| g.country_of(w)) {
            return (c.to_string(), false);
        }
    }
    let person = att.is_person(claimant);
    match known.get(&low).filter(|v| !v.is_empty()) {
        Some(v) => (v.to_string(), person),
        None => (low, person),
    }
}

/// `claimant_key`, remembered for each claimant of the article in `cache` (its index there is
/// returned): most claimants make more than one claim, and most quotes state nothing a claim
/// needs the key for.
fn cached_key(cache: &mut Vec<(String, String, bool)>, att: &Attributor, known: &Known, g: &Grammar, claimant: &str) -> usize {
    if let Some(i) = cache.iter().position(|(c, _, _)| c == claimant) {
        return i;
    }
    let (own, person) = claimant_key(att, known, g, claimant);
    cache.push((claimant.to_string(), own, person));
    cache.len() - 1
}

/// Do a claimant and the target of an earlier claim name the same party? `hillary clinton` and
/// `the clinton campaign` do: the party's last name word stands in the other.
fn same_party(target: &str, claimant: &str) -> bool {
    if target == claimant {
        return true;
    }
    let last = |s: &str| s.rsplit(' ').next().unwrap_or("").to_string();
    let (lt, lc) = (last(target), last(claimant));
    lt.len() > 2 && (lt == lc || claimant.split(' ').any(|w| w == lt)) || lc.len() > 2 && target.split(' ').any(|w| w == lc)
}

/// How a denial's object reads: a clause of its own, a verb with the claimant as its subject
/// (`denied having met`), a reference back to an earlier claim (`denied the charge`, `called it
/// false`), or nothing it can use.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Object {
    Clause,
    Verb,
    Back,
}

/// The object of a denial at token `k` (after its verb): what it is and where its clause starts.
/// `false_after` asks for a word calling the claim untrue after the reference (`called it false`).
fn denial_object(doc: &Doc, g: &Grammar, k: usize, lim: usize, false_after: bool) -> Option<(Object, usize)> {
    if k >= lim {
        return None;
    }
    let refers = |j: usize| doc.is_word(j) && g.claim_refs.get(doc.low(j)).is_some_and(|c| c == "noun");
    let low = if doc.is_word(k) { doc.low(k) } else { "" };
    if !false_after && low == "that" {
        return Some((Object::Clause, k + 1));
    }
    if !false_after && doc.is_word(k) && !doc.is_cap(k) && low.len() > 5 && low.ends_with("ing") {
        return Some((Object::Verb, k));
    }
    // `the charges`, `those reports`, `Roe’s allegations`, `it`, `them`.
    let mut j = k;
    let mut back = None;
    if matches!(low, "it" | "them" | "this" | "that") {
        back = Some(k + 1);
    } else {
        while j < lim && j < k + 5 {
            if refers(j) {
                back = Some(j + 1);
                break;
            }
            let skippable = doc.tokens[j].kind == Kind::Poss
                || doc.is_word(j) && (matches!(doc.low(j), "the" | "any" | "all" | "these" | "those" | "such" | "his" | "her" | "their" | "its" | "both") || doc.is_cap(j) || g.adverbs.contains(doc.low(j)));
            if !skippable {
                break;
            }
            j += 1;
        }
    }
    let after = back?;
    if false_after {
        // `called it false`, `called the report “fake”`, `dismissed the claims as nonsense`.
        let says_false = (after..lim.min(after + 4)).any(|j| {
            doc.is_word(j) && g.claim_refs.get(doc.low(j)).is_some_and(|c| c == "false")
                || doc.quote_of(j).is_some() && {
                    let t = doc.tok(j);
                    t.split(|c: char| !c.is_alphanumeric()).any(|w| w.len() > 2 && g.claim_refs.get(&w.to_lowercase()).is_some_and(|c| c == "false"))
                }
        });
        return says_false.then_some((Object::Back, after));
    }
    // `rejected the notion that P`: the clause says what is denied.
    if doc.is_word(after) && doc.low(after) == "that" && !matches!(low, "it" | "them" | "this" | "that") {
        return Some((Object::Clause, after + 1));
    }
    Some((Object::Back, after))
}

/// The words that may report a claim: a reporting verb with a claim class or a calling verb
/// (`called it false`), not capitalized. One pass over the tokens' flags finds them all, so
/// that the sentences without any (most) are never read word by word.
fn cue_words(doc: &Doc) -> Vec<usize> {
    (0..doc.tokens.len())
        .filter(|&c| {
            let f = doc.flags(c);
            f.intersects(Flags::CUE_CLASS | Flags::CLAIM_VERB) && !f.contains(Flags::CAPITALIZED)
        })
        .collect()
}

/// The claims of one article before byte `limit` (where page furniture starts): reported
/// clauses, then direct quotes.
pub fn extract(att: &mut Attributor, doc: &Doc, quotes: &[Quote], article_date: Option<&str>, limit: usize, g: &Grammar) -> Vec<Claim> {
    let text = doc.text;
    let date = article_date.and_then(parse_iso);
    let known = known_names(att);
    let dates = date.map(|(y, _, _)| article_dates(doc, y)).unwrap_or_default();
    let reader = Reader::new(g, &known, date, &dates);
    let mut keys: Vec<(String, String, bool)> = Vec::new();
    let mut out: Vec<Claim> = Vec::new();
    let mut shorts: Vec<usize> = Vec::new();
    let cues = cue_words(doc);
    let mut next = 0;
    for s in doc.sentences.iter().filter(|s| doc.tokens[s.start].start < limit) {
        // The cue words of the sentence: most sentences hold none.
        while next < cues.len() && cues[next] < s.start {
            next += 1;
        }
        let from = next;
        while next < cues.len() && cues[next] < s.end {
            next += 1;
        }
        let first_claim = out.len();
        for &c in &cues[from..next] {
            let f = doc.flags(c);
            let cue_class = f.contains(Flags::CUE_CLASS);
            let low = doc.low(c);
            // `called it false`: a verb that denies only with a word calling the claim untrue.
            let calls = f.contains(Flags::CLAIM_VERB);
            let class: &str = match if cue_class { g.cue_classes.get(low) } else { None } {
                Some(class) => class,
                None if calls => "deny",
                None => continue,
            };
            if !calls && !att.is_verb_cue(c) || low == "according" {
                continue;
            }
            let mut k = att.skip_adverbs_fwd(c + 1, s.end);
            let k0 = k;
            let object = if class == "deny" { denial_object(doc, g, k, s.end, calls) } else { None };
            if calls && object.is_none() {
                continue;
            }
            // `apologize to Roe for accusing him`: the accuser of a participle after a preposition
            // is not the subject of the sentence.
            // Such a claim is kept, as the people registry counts its claimant, but left unread.
            let unsure_claimant = low.ends_with("ing") && c > s.start && doc.is_word(c - 1) && matches!(doc.low(c - 1), "after" | "before" | "by" | "for" | "of" | "without");
            // `he hasn't conceded`: a negated confirmation confirms nothing.
            let negated_cue = (c.saturating_sub(2).max(s.start)..c).any(|j| doc.is_word(j) && (g.negations.contains(doc.low(j)) || doc.low(j).ends_with("n't") || doc.low(j).ends_with("n’t")));
            let Some(np) = att.subject_of_cue(c, s.start) else { continue };
            // A claim has no role: the claimant's is not worked out.
            let Some((claimant, resolution)) = att.speaker_name_of(np) else { continue };
            if claimant.is_empty() {
                continue;
            }
            // The clause: after the verb (its object and `of` for `accuse`), up to the next clause.
            let mut accused = None;
            let mut from_verb = false;
            let mut refers_back = false;
            // `accused Y of P`; `blamed`, `criticized`, `slammed Y for P` or `over P`. A
            // rebuke with no `for` or `over` (`slammed the decision`) states no proposition.
            let accusing = low.starts_with("accus");
            let rebuke = class == "accuse" && !accusing && !low.starts_with("blam");
            // `he has been criticized for P`: whoever is criticized makes no claim.
            let passive = (s.start..c)
                .rev()
                .find(|&j| !(doc.low(j).ends_with("ly") || g.adverbs.contains(doc.low(j)) && !BE.contains(&doc.low(j))))
                .is_some_and(|j| BE.contains(&doc.low(j)));
            if rebuke && passive {
                continue;
            }
            let mut accused_unknown = false;
            if class == "accuse" {
                let prep = (k..s.end.min(k + 8)).find(|&j| doc.is_word(j) && if accusing { doc.low(j) == "of" } else { matches!(doc.low(j), "for" | "over") });
                if let Some(of) = prep {
                    accused = accused_of(att, &known, g, k, of, c, &claimant);
                    accused_unknown = accused.is_none();
                    k = of + 1;
                    // With the accused unknown (`the Ruritanian media`), the clause has no
                    // subject: it is not the accuser's.
                    from_verb = accused.is_some()
                        && (doc.is_word(k) && doc.low(k).ends_with("ing") && !doc.is_cap(k)
                            || doc.is_word(k) && matches!(doc.low(k), "not" | "never") && doc.is_word(k + 1) && doc.low(k + 1).ends_with("ing"));
                } else if rebuke {
                    continue;
                }
            }
            match object {
                Some((Object::Clause, at)) => k = at,
                Some((Object::Verb, at)) => {
                    k = at;
                    from_verb = true;
                }
                Some((Object::Back, at)) => {
                    k = at;
                    refers_back = true;
                }
                // `denied any involvement in …`: a noun phrase whose subject is the claimant.
                None => from_verb |= class == "deny" && doc.is_word(k) && matches!(doc.low(k), "any" | "all" | "his" | "her" | "its" | "their"),
            }
            // `said on Tuesday that`, `said in a statement that`: the clause starts after `that`.
            if !refers_back && !from_verb {
                if let Some(t) = (k..s.end.min(k + 8)).take_while(|&j| !doc.is_punct(j, ",") && doc.quote_of(j).is_none()).find(|&j| doc.is_word(j) && doc.low(j) == "that") {
                    // Not across a verb group: `said the US had not threatened that …`.
                    let verb_between = (k..t).any(|j| {
                        doc.is_word(j) && {
                            let x = doc.low(j);
                            BE.contains(&x) || AUX.contains(&x) || g.negations.contains(x)
                        } || doc.tokens[j].kind == Kind::Poss && j > k && matches!(doc.low(j - 1), "he" | "she" | "it")
                    });
                    if !verb_between && (k..t).all(|j| !g.cue_classes.contains_key(doc.low(j))) {
                        k = t;
                    }
                }
                if doc.is_word(k) && doc.low(k) == "that" {
                    k += 1;
                }
            }
            let mut e = k;
            while e < s.end {
                let t = doc.tokens[e];
                // A reporting verb ends the clause when it is coordinated (`… and claimed that`),
                // not when it belongs to the reported clause (`that Paris told the US …`).
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
            // A denial's reference (`the charges`) counts as part of its clause.
            let from = if refers_back { k0 } else { k };
            let words_in = (from..e).filter(|&j| doc.is_word(j)).count();
            let has_quote = (from..e).any(|j| doc.quote_of(j).is_some());
            let long_enough = class == "confirm" || words_in >= 4 || has_quote;
            if !long_enough && !refers_back && !(from_verb && words_in >= 2) {
                continue;
            }
            // A short denial (`Doe denied the charge`) or a `called it false` is kept only from a
            // claimant the article quotes or reports otherwise: a bare mention of somebody
            // denying is where role phrases and fragments pass for people.
            let short = !long_enough || calls || rebuke;
            // Worked out only for a claim that is kept: many cues are passed over above.
            let key = cached_key(&mut keys, att, &known, g, &claimant);
            let (own, own_person) = (keys[key].1.as_str(), keys[key].2);
            let cs = doc.tokens[np.0].start.min(doc.tokens[c].start);
            let ce = if e > k { doc.tokens[e - 1].end } else { doc.tokens[c].end.max(doc.tokens[k.saturating_sub(1).max(c)].end) };
            let ctx = Ctx { own: Some(own), own_person, hint: accused.as_deref(), from_verb, quoted: false };
            // `blamed the network for reporting that P`: what follows is the accused's act, and
            // with the accused unknown there is nobody it is about.
            let (proposition, positive) = if e > k && !refers_back && !unsure_claimant && !accused_unknown && !(negated_cue && class == "confirm") {
                reader.read(text, doc.tokens[k].start, doc.tokens[e - 1].end, ctx)
            } else {
                (None, true)
            };
            // `a position that US officials have confirmed`: it backs the claim before it.
            let backs_previous = class == "confirm" && !negated_cue && proposition.is_none() && out.len() > first_claim;
            let (mut proposition, mut positive) = match out.last().filter(|_| backs_previous) {
                Some(prev) => (prev.proposition.clone(), prev.positive),
                None => (proposition, positive != (class == "deny")),
            };
            // `Y denied the charge`: the nearest earlier allegation or accusation about Y.
            let mut answers = None;
            if refers_back && !unsure_claimant {
                let answered = out.iter().rev().find(|p| {
                    matches!(p.cue_class.as_str(), "allege" | "accuse") && p.answers.is_none() && p.claimant != claimant
                        && p.target.as_deref().is_some_and(|t| same_party(t, own))
                });
                if let Some(p) = answered {
                    answers = Some((p.start, p.end));
                    proposition = p.proposition.clone();
                    positive = !p.positive;
                }
            }
            let target = if unsure_claimant { None } else { accused.clone().or_else(|| proposition.as_ref().map(|p| p.subject.clone())) };
            if short {
                shorts.push(out.len());
            }
            let subject_global = global_subject(g, proposition.as_ref());
            out.push(Claim {
                start: cs,
                end: ce,
                claimant,
                resolution,
                cue: doc.tok(c).to_string(),
                cue_class: class.to_string(),
                positive,
                proposition,
                quote: None,
                backs_previous,
                target,
                answers,
                replies: None,
                own: own.to_string(),
                subject_global,
            });
        }
    }
    if !shorts.is_empty() {
        let mut k = 0;
        let keep: Vec<bool> = (0..out.len())
            .map(|i| {
                let short = shorts.get(k) == Some(&i);
                k += short as usize;
                !short || out.iter().enumerate().any(|(j, o)| o.claimant == out[i].claimant && !shorts.contains(&j))
                    || quotes.iter().any(|q| q.resolution.is_some() && q.speaker == out[i].claimant)
            })
            .collect();
        let mut keep = keep.into_iter();
        out.retain(|_| keep.next().unwrap_or(true));
    }
    // Direct quotes that state a proposition.
    for (qi, q) in quotes.iter().enumerate() {
        if q.speaker.is_empty() || !matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial) {
            continue;
        }
        let key = cached_key(&mut keys, att, &known, g, &q.speaker);
        let (own, own_person) = (keys[key].1.as_str(), keys[key].2);
        let ctx = Ctx { own: Some(own), own_person, hint: None, from_verb: false, quoted: true };
        let (proposition, positive) = reader.read(text, q.inner.0, q.inner.1, ctx);
        if proposition.is_none() {
            continue;
        }
        let cue = q.cue.map(|(a, b)| text[a..b].to_string()).unwrap_or_default();
        let class = g.cue_classes.get(&cue.to_lowercase()).cloned().unwrap_or_else(|| "assert".to_string());
        let target = proposition.as_ref().map(|p| p.subject.clone());
        let subject_global = global_subject(g, proposition.as_ref());
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
            target,
            answers: None,
            replies: None,
            own: own.to_string(),
            subject_global,
        });
    }
    out.sort_by_key(|c| (c.start, c.end));
    link_replies(doc, g, quotes, &mut out);
    out
}

/// How many sentences back an answer may look for the claim it answers.
const REPLY_REACH: usize = 3;

/// Marks each claim that is introduced as an answer (`Doe fired back, saying …`, `in response,
/// Doe said …`) and follows, within a few sentences, a claim of somebody else about its claimant:
/// it answers the nearest such claim. Both need a proposition, and the answer word must stand
/// outside quotes and, in reported speech, before the reporting verb, so that `X suggested P, Doe fired back: “…”` is no
/// answer by X.
fn link_replies(doc: &Doc, g: &Grammar, quotes: &[Quote], out: &mut [Claim]) {
    let sentence_of = |byte: usize| doc.sentences.partition_point(|s| doc.tokens[s.start].start <= byte).saturating_sub(1);
    for i in 1..out.len() {
        let b = &out[i];
        if b.proposition.is_none() || b.answers.is_some() || b.backs_previous {
            continue;
        }
        // The reporting verb: a quote's cue, or the cue word within the claim's span.
        let cue_byte = match b.quote {
            Some(qi) => quotes.get(qi).and_then(|q| q.cue).map(|(a, _)| a),
            None => {
                let first = doc.tokens.partition_point(|t| t.start < b.start);
                (first..doc.tokens.len()).take_while(|&k| doc.tokens[k].start < b.end).find(|&k| doc.tok(k) == b.cue).map(|k| doc.tokens[k].start)
            }
        };
        let Some(cue_byte) = cue_byte else { continue };
        let Some(s) = doc.sentences.get(sentence_of(cue_byte)) else { continue };
        let answer = (s.start..s.end).take_while(|&k| b.quote.is_some() || doc.tokens[k].start < cue_byte).any(|k| {
            // A quote is one token, so its words are never read here.
            doc.is_word(k)
                && match g.claim_refs.get(doc.low(k)).map(String::as_str) {
                    Some("answer") => true,
                    Some("back") => k + 1 < s.end && doc.is_word(k + 1) && doc.low(k + 1) == "back",
                    _ => false,
                }
        });
        if !answer {
            continue;
        }
        let sb = sentence_of(b.start.min(cue_byte));
        let answered = out[..i].iter().rev().take_while(|a| sentence_of(a.start) + REPLY_REACH >= sb).find(|a| {
            a.proposition.is_some()
                && a.start < b.start
                && matches!(a.cue_class.as_str(), "assert" | "allege" | "accuse")
                && a.claimant != b.claimant
                && !same_party(&a.own, &b.own)
                && a.target.as_deref().is_some_and(|t| same_party(t, &b.own))
        });
        if let Some(a) = answered {
            out[i].replies = Some((a.start, a.end));
        }
    }
}

/// Does the subject of a proposition name one party in any article: a country, or a name of
/// more than one word?
fn global_subject(g: &Grammar, p: Option<&Proposition>) -> bool {
    p.is_some_and(|p| p.subject.contains(' ') || g.country_of(&p.subject).is_some())
}

/// The accused of `X accused Y of P` (tokens `k..of`), normalized like a subject: a country, a
/// name the article gives, or `him`/`her`/`them` for the latest person named before the verb
/// other than the accuser.
fn accused_of(att: &Attributor, known: &Known, g: &Grammar, k: usize, of: usize, cue: usize, claimant: &str) -> Option<String> {
    let d = att.d;
    // A demonym names the state only before a word for its government: `the Ruritanian
    // government` is Ruritania, `the Ruritanian media` is not.
    let state = |j: usize| {
        let c = g.country_of(d.tok(j))?;
        let demonym = g.demonyms.contains_key(d.low(j)) && !g.places.contains_key(d.low(j));
        (!demonym || j + 1 < of && d.is_word(j + 1) && STATE_HEADS.contains(&d.low(j + 1))).then_some(c)
    };
    if let Some(c) = (k..of).find_map(|j| if d.is_word(j) { state(j) } else { None }) {
        return Some(c.to_string());
    }
    if of == k + 1 && d.is_word(k) && matches!(d.low(k), "him" | "her" | "them") {
        let before = att.names.partition_point(|m| m.pos < cue);
        let m = att.names[..before].iter().rev().take(30).find(|m| m.kind == EntityKind::Person && att.fullest(&m.name) != claimant)?;
        return Some(att.fullest(&m.name).to_lowercase());
    }
    // The last run of capitalized words: `the Saudi government` has its country above,
    // `Jane Roe`, `Mr. Doe`, `the Doe campaign`.
    let e = (k..of).rev().find(|&j| d.is_cap(j))? + 1;
    let mut s = e - 1;
    while s > k && d.is_cap(s - 1) {
        s -= 1;
    }
    while s + 1 < e && g.is_title(d.tok(s)) {
        s += 1;
    }
    let run = d.text[d.tokens[s].start..d.tokens[e - 1].end].to_lowercase();
    known.get(&run).filter(|v| !v.is_empty()).or_else(|| known.get(d.low(e - 1)).filter(|v| !v.is_empty())).map(str::to_string)
}

/// The subject of each claim's proposition as one party of the run: the id of a claimant it
/// names (in its article, else the one claimant of the run with that name), else the subject
/// itself where it names one party anywhere (a country, a full name), else the subject within its
/// article only (`Roe` may be anybody elsewhere).
fn subject_keys(claims: &[RunClaim]) -> Vec<String> {
    let mut local: FxHashMap<(usize, &str), &str> = FxHashMap::default();
    let mut global: FxHashMap<&str, Option<&str>> = FxHashMap::default();
    for c in claims.iter().filter(|c| !c.claimant_id.is_empty() && !c.claim.own.is_empty()) {
        local.entry((c.doc, c.claim.own.as_str())).or_insert(c.claimant_id.as_str());
        let g = global.entry(c.claim.own.as_str()).or_insert(Some(c.claimant_id.as_str()));
        if g.is_some_and(|id| id != c.claimant_id) {
            *g = None;
        }
    }
    claims
        .iter()
        .map(|c| {
            let Some(p) = c.claim.proposition.as_ref() else { return String::new() };
            let s = p.subject.as_str();
            if let Some(id) = local.get(&(c.doc, s)).copied().or_else(|| global.get(s).copied().flatten()) {
                return id.to_string();
            }
            if c.claim.subject_global { format!("={s}") } else { format!("?{}?{s}", c.doc) }
        })
        .collect()
}

/// Support links within a group of claims on one subject and predicate: two claimants that state
/// the same proposition with the same polarity (same object, same modality, dates that agree), one
/// row per pair of claimants and proposition with all their claims on it as evidence. A claim with
/// no object is too thin to agree with anything, and two claims over the same words of one article
/// are one claim read twice.
fn supporting(claims: &[RunClaim], side: &[String], group: &[usize], out: &mut Vec<((usize, usize), Pair)>) {
    let prop = |i: usize| claims[i].claim.proposition.as_ref().unwrap();
    let agree = |a: usize, b: usize| {
        let (pa, pb) = (prop(a), prop(b));
        let (ca, cb) = (&claims[a], &claims[b]);
        let overlap = ca.doc == cb.doc && ca.claim.start < cb.claim.end && cb.claim.start < ca.claim.end;
        let local = ca.doc == cb.doc || known_across(&ca.claimant_id) && known_across(&cb.claimant_id);
        ca.claim.positive == cb.claim.positive && pa.event.is_some() && pa.event == pb.event && pa.same(pb) && !overlap && local
    };
    // The claimants of the group, each with its claims, in claim order.
    let mut by: Vec<(&str, Vec<usize>)> = Vec::new();
    for &i in group {
        match by.iter_mut().find(|(k, _)| *k == side[i]) {
            Some((_, v)) => v.push(i),
            None => by.push((side[i].as_str(), vec![i])),
        }
    }
    for x in 0..by.len() {
        for y in x + 1..by.len() {
            let (side_a, side_b) = (&by[x].1, &by[y].1);
            let mut done: Vec<usize> = Vec::new();
            for &a in side_a {
                let Some(&b) = side_b.iter().find(|&&b| agree(a, b)) else { continue };
                if done.iter().any(|&d| agree(d, b) && prop(d) == prop(a)) {
                    continue;
                }
                done.push(a);
                let ev = |side: &Vec<usize>| -> Vec<String> { side.iter().filter(|&&i| i == a || agree(a, i) || agree(i, b)).map(|&i| claims[i].claim_id.clone()).collect() };
                let (claim, counter) = if a < b { (a, b) } else { (b, a) };
                let (ec, eo) = if a < b { (ev(side_a), ev(side_b)) } else { (ev(side_b), ev(side_a)) };
                out.push(((claim, counter), Pair { claim, counter, relation: "supports", score: if prop(a) == prop(b) { 0.9 } else { 0.7 }, evidence_claim: ec, evidence_counter: eo }));
            }
        }
    }
}

/// Can claims of this claimant meet claims of other articles? Not without an id, nor for an
/// anonymous source (`a-` ids are per article): `one analyst` here and `one analyst` there are
/// nobody known to be the same or different, and copies of one wire story would pair with each
/// other, their number of pairs growing with the square of the copies.
fn known_across(claimant_id: &str) -> bool {
    !claimant_id.is_empty() && !crate::people::Kind::Anonymous.holds(claimant_id)
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

impl Pair {
    /// A pair of two single claims, each its side's only evidence.
    fn between(claims: &[RunClaim], claim: usize, counter: usize, relation: &'static str, score: f32) -> Pair {
        Pair {
            claim,
            counter,
            relation,
            score,
            evidence_claim: vec![claims[claim].claim_id.clone()],
            evidence_counter: vec![claims[counter].claim_id.clone()],
        }
    }
}

/// Pairs the claims of a run. Claims are grouped by subject and predicate (so the work grows with
/// the number of claims, not with its square); within a group, each claimant that asserts a
/// proposition meets each claimant that asserts its opposite (one row per pair of claimants and
/// proposition, the first claim of each as its face, all of them as evidence). A denial that
/// refers back to a claim of its article answers it (`denies`), and each `confirm` backs the
/// claim it follows (`supports`).
pub fn pair(claims: &[RunClaim]) -> Vec<Pair> {
    let prop = |i: usize| claims[i].claim.proposition.as_ref();
    // A claimant the registry left without an id is told apart by its name within its article
    // only: across articles that name may be anybody.
    let side: Vec<String> = claims.iter().map(|c| if c.claimant_id.is_empty() { format!("?{}?{}", c.doc, c.claim.claimant) } else { c.claimant_id.clone() }).collect();
    let local = |a: usize, b: usize| claims[a].doc == claims[b].doc || known_across(&claims[a].claimant_id) && known_across(&claims[b].claimant_id);
    let usable = |i: usize| prop(i).is_some() && !claims[i].claim.claimant.is_empty();
    // (claimant of the claim, claimant of the counter, the claim's index) orders the rows.
    let mut rows: Vec<((usize, usize, usize), Pair)> = Vec::new();
    // The rows already made for a pair of claimants, to keep one per proposition.
    let mut made: FxHashMap<(&str, &str), Vec<usize>> = FxHashMap::default();
    // Denials that answer an earlier claim of their article.
    let by_span: FxHashMap<(usize, usize, usize), usize> = claims.iter().enumerate().map(|(i, c)| ((c.doc, c.claim.start, c.claim.end), i)).collect();
    for (b, c) in claims.iter().enumerate() {
        let Some((s, e)) = c.claim.answers else { continue };
        let Some(&a) = by_span.get(&(c.doc, s, e)) else { continue };
        if claims[a].claim.claimant.is_empty() || c.claim.claimant.is_empty() || side[a] == side[b] {
            continue;
        }
        made.entry((side[a].as_str(), side[b].as_str())).or_default().push(a);
        rows.push(((a, b, a), Pair::between(claims, a, b, "denies", 0.9)));
    }
    let subject = subject_keys(claims);
    // Claims by subject and predicate.
    let mut groups: FxHashMap<(&str, &str), Vec<usize>> = FxHashMap::default();
    for i in (0..claims.len()).filter(|&i| usable(i) && !claims[i].claim.backs_previous && claims[i].claim.answers.is_none()) {
        let p = prop(i).unwrap();
        groups.entry((subject[i].as_str(), p.predicate.as_str())).or_default().push(i);
    }
    // Groups in a fixed order, so that the rows come out the same on every run.
    let mut groups: Vec<(&(&str, &str), &Vec<usize>)> = groups.iter().collect();
    groups.sort_unstable_by_key(|(_, v)| v[0]);
    let mut supports: Vec<((usize, usize), Pair)> = Vec::new();
    // The lower tier: pairs a reader should check (`score` at most 0.5), one per pair of
    // claimants and proposition.
    let mut candidates: Vec<((usize, usize), Pair)> = Vec::new();
    let mut loose: FxHashMap<(&str, &str), Vec<usize>> = FxHashMap::default();
    for &(_, group) in &groups {
        supporting(claims, &side, group, &mut supports);
        // Each side's claims by claimant, in claim order.
        let mut pos: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut neg: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for &i in group {
            let by = if claims[i].claim.positive { &mut pos } else { &mut neg };
            by.entry(side[i].as_str()).or_default().push(i);
        }
        for (ka, side_a) in &pos {
            for (kb, side_b) in &neg {
                if ka == kb {
                    continue;
                }
                for &a in side_a {
                    let pa = prop(a).unwrap();
                    let Some(&b) = side_b.iter().find(|&&b| local(a, b) && pa.same(prop(b).unwrap())) else { continue };
                    let done = made.entry((ka, kb)).or_default();
                    if done.iter().any(|&x| prop(x).is_some_and(|px| px.same(pa))) {
                        continue;
                    }
                    done.push(a);
                    let ev = |side: &Vec<usize>| -> Vec<String> { side.iter().filter(|&&i| local(a, i) && prop(i).unwrap().same(pa)).map(|&i| claims[i].claim_id.clone()).collect() };
                    rows.push(((a, b, a), Pair {
                        claim: a,
                        counter: b,
                        relation: if claims[b].claim.cue_class == "deny" { "denies" } else { "contradicts" },
                        score: if pa == prop(b).unwrap() { 1.0 } else { 0.8 },
                        evidence_claim: ev(side_a),
                        evidence_counter: ev(side_b),
                    }));
                }
            }
        }
        // Candidates: `Doe is a disgusting fraud` against `Doe is not a fraud`. Only the stated
        // side may carry more modifiers: `Doe is not a disgusting fraud` leaves `Doe is a fraud`
        // open, and `the only candidate` is no `best candidate`.
        for (ka, side_a) in &pos {
            for (kb, side_b) in &neg {
                if ka == kb {
                    continue;
                }
                let sure = made.get(&(*ka, *kb));
                for &a in side_a {
                    let pa = prop(a).unwrap();
                    let Some(&b) = side_b.iter().find(|&&b| local(a, b) && narrower(pa, prop(b).unwrap())) else { continue };
                    let pb = prop(b).unwrap();
                    if sure.is_some_and(|v| v.iter().any(|&x| prop(x).is_some_and(|px| px.same(pa) || px.same(pb)))) {
                        continue;
                    }
                    let done = loose.entry((*ka, *kb)).or_default();
                    if done.iter().any(|&x| prop(x) == Some(pa)) {
                        continue;
                    }
                    done.push(a);
                    let relation = if claims[b].claim.cue_class == "deny" { "denies" } else { "contradicts" };
                    candidates.push(((a, b), Pair::between(claims, a, b, relation, NARROWER_SCORE)));
                }
            }
        }
    }
    // Candidates: an answer (`Doe fired back, saying …`) to a claim about its claimant, where no
    // sure pair already holds between the two on either proposition.
    for (b, c) in claims.iter().enumerate() {
        let Some((s, e)) = c.claim.replies else { continue };
        let Some(&a) = by_span.get(&(c.doc, s, e)) else { continue };
        if !usable(a) || !usable(b) || side[a] == side[b] || !local(a, b) {
            continue;
        }
        let (pa, pb) = (prop(a).unwrap(), prop(b).unwrap());
        let sure = |x: &str, y: &str| made.get(&(x, y)).is_some_and(|v| v.iter().any(|&i| prop(i).is_some_and(|p| p.same(pa) || p.same(pb))));
        if sure(&side[a], &side[b]) || sure(&side[b], &side[a]) {
            continue;
        }
        candidates.push(((a, b), Pair::between(claims, a, b, "denies", REPLY_SCORE)));
    }
    rows.sort_by(|(x, _), (y, _)| {
        let key = |k: &(usize, usize, usize)| (claims[k.0].claimant_id.as_str(), claims[k.1].claimant_id.as_str(), k.0, k.1);
        key(x).cmp(&key(y))
    });
    let mut out: Vec<Pair> = rows.into_iter().map(|(_, p)| p).collect();
    supports.sort_by_key(|(k, _)| *k);
    out.extend(supports.into_iter().map(|(_, p)| p));
    // Support links: a confirm backs the claim of its sentence. Claims come in article order,
    // so the backed claim is the latest one of the article before the confirm.
    let mut last_of_doc: FxHashMap<(usize, &Proposition), usize> = FxHashMap::default();
    for i in 0..claims.len() {
        let c = &claims[i];
        let Some(p) = prop(i) else { continue };
        if !c.claim.backs_previous {
            last_of_doc.insert((c.doc, p), i);
            continue;
        }
        if !usable(i) {
            continue;
        }
        let Some(&j) = last_of_doc.get(&(c.doc, p)) else { continue };
        // A claimant does not back its own claim.
        if side[j] == side[i] {
            continue;
        }
        out.push(Pair::between(claims, j, i, "supports", 1.0));
    }
    candidates.sort_by_key(|(k, _)| *k);
    out.extend(candidates.into_iter().map(|(_, p)| p));
    out
}

/// The score of a candidate pair whose stated side says more than the denied side
/// (`a disgusting fraud` against `not a fraud`).
const NARROWER_SCORE: f32 = 0.4;
/// The score of a candidate pair of a claim and an answer to it on another proposition.
const REPLY_SCORE: f32 = 0.5;

/// Does the stated proposition `pos` say all that the negated `neg` denies, and more: same
/// subject, predicate and dates, and an object whose words hold all of the other's (`disgusting
/// fraud` holds `fraud`; `review of budget` holds `review`)?
fn narrower(pos: &Proposition, neg: &Proposition) -> bool {
    let (Some(a), Some(b)) = (pos.event.as_deref(), neg.event.as_deref()) else { return false };
    let dates_agree = pos.date.is_none() || neg.date.is_none() || pos.date == neg.date;
    a != b && pos.subject == neg.subject && pos.predicate == neg.predicate && dates_agree && b.split(' ').all(|w| a.split(' ').any(|x| x == w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(names: &[&str]) -> Known {
        let mut k = Known { map: FxHashMap::default(), subjects: vec![String::new()] };
        for n in names {
            let full = n.to_lowercase();
            let last = full.rsplit(' ').next().unwrap().to_string();
            let i = k.add(full.clone());
            k.map.insert(last, i);
            k.map.insert(full, i);
        }
        k
    }

    fn read(t: &str, names: &[&str], ctx: Ctx) -> (Option<String>, bool) {
        let g = Grammar::embedded();
        let k = known(names);
        let r = Reader::new(&g, &k, None, &[]);
        let (p, positive) = r.read(t, 0, t.len(), ctx);
        (p.map(|p| p.render()), positive)
    }

    #[test]
    fn a_plain_clause_reads_subject_verb_object() {
        let ctx = Ctx::default();
        assert_eq!(read("Jane Roe did not pay her taxes in 2015", &["Jane Roe"], ctx), (Some("jane roe | pay | tax".into()), false));
        assert_eq!(read("Roe paid taxes", &["Jane Roe"], ctx), (Some("jane roe | pay | tax".into()), true));
        assert_eq!(read("Ms. Roe never violated the rules", &["Jane Roe"], ctx), (Some("jane roe | violat | rul".into()), false));
        assert_eq!(read("Roe violates the rule", &["Jane Roe"], ctx), (Some("jane roe | violat | rul".into()), true));
        // A name nobody in the article bears, a possessive and a hedge.
        assert_eq!(read("Doe paid taxes", &["Jane Roe"], ctx).0, None);
        assert_eq!(read("Roe’s aides paid taxes", &["Jane Roe"], ctx).0, None);
        assert_eq!(read("Roe may have violated the rules", &["Jane Roe"], ctx).0, Some("jane roe | may violat | rul".into()));
    }

    #[test]
    fn pronouns_and_opposites() {
        let ctx = Ctx { own: Some("jane roe"), own_person: true, ..Ctx::default() };
        assert_eq!(read("she was awake all night", &["Jane Roe"], ctx), (Some("jane roe | be | asleep".into()), false));
        let ctx = Ctx { hint: Some("jane roe"), from_verb: true, ..Ctx::default() };
        assert_eq!(read("being asleep when the call came", &["Jane Roe"], ctx), (Some("jane roe | be | asleep".into()), true));
    }

    #[test]
    fn stems_meet() {
        for (a, b) in [("violated", "violate"), ("violating", "violates"), ("stopped", "stops"), ("taxes", "tax"), ("parties", "party")] {
            assert_eq!(stem(a), stem(b), "{a} {b}");
        }
    }

    #[test]
    fn weekdays_and_days() {
        assert_eq!(weekday(2023, 10, 7), 5); // a Saturday
        assert_eq!(civil(days(2023, 10, 15)), (2023, 10, 15));
    }

    #[test]
    fn a_clause_reads_down_to_a_proposition() {
        let g = Grammar::embedded();
        let k = known(&[]);
        let r = Reader::new(&g, &k, Some((2023, 10, 15)), &[(2023, 10, 7)]);
        let t = "Paris was not involved in the Saturday attack by the Front";
        let (p, positive) = r.read(t, 0, t.len(), Ctx::default());
        let p = p.unwrap();
        assert!(!positive);
        assert_eq!(p.render(), "france | involved in | attack | 2023-10-07");
        let t = "there is a French hand in the October 7 assault";
        let (p, positive) = r.read(t, 0, t.len(), Ctx::default());
        assert!(positive);
        assert!(p.unwrap().same(&Proposition { subject: "france".into(), predicate: "involved in".into(), event: Some("attack".into()), date: None }));
    }

    #[test]
    fn clause_words_join_cut_possessives_and_split_sentences() {
        let g = Grammar::embedded();
        let mut w = Words::default();
        let t = "Mr. Roe’s aides don't visit the U.S. capital. Then Élodie's x-ray? ok";
        w.fill(t, 0, t.len(), &g);
        let lows: Vec<&str> = (0..w.len()).map(|k| w.low(k)).collect();
        assert_eq!(lows, ["mr", "roe", "aides", "don't", "visit", "the", "u.s", "capital", "then", "élodie", "x-ray", "ok"]);
        let opens: Vec<usize> = (0..w.len()).filter(|&k| w.w[k].new_sentence).collect();
        // Not after a title (`Mr.`) or a dotted word (`U.S.`); always after `?`.
        assert_eq!(opens, [8, 11]);
        assert!(w.w[1].poss && w.w[9].poss && w.w[9].cap && !w.w[2].poss);
        // Refilled, the buffers hold only the new clause.
        w.fill(t, 4, 9, &g);
        assert_eq!((w.len(), w.low(0)), (1, "roe"));
    }

    #[test]
    fn a_clause_with_no_phrase_word_is_read_to_its_first_sentence_only() {
        let g = Grammar::embedded();
        let k = known(&[]);
        let r = Reader::new(&g, &k, None, &[]);
        let starts = r.starts.as_ref().unwrap();
        let mut w = Words::default();
        let t = "Roe paid taxes. Doe did not. Nobody don’t care.";
        w.fill_until(t, 0, t.len(), &g, Some(starts));
        assert!(w.phrase_free);
        assert_eq!((0..w.len()).map(|k| w.low(k)).collect::<Vec<_>>(), ["roe", "paid", "taxes"]);
        // A phrase word in a later sentence, or in the first, has every word read.
        for t in ["Roe paid taxes. Doe was involved in it.", "Roe was involved. Doe did not."] {
            w.fill_until(t, 0, t.len(), &g, Some(starts));
            assert!(!w.phrase_free);
            assert_eq!(w.len(), t.split_whitespace().count(), "{t}");
        }
    }

    #[test]
    fn the_byte_scan_finds_every_phrase_word_the_word_scan_finds() {
        let g = Grammar::embedded();
        let k = known(&[]);
        let r = Reader::new(&g, &k, None, &[]);
        let starts = r.starts.as_ref().unwrap();
        let first = &starts.words[0];
        let cap = format!("{}{}", first[..1].to_uppercase(), &first[1..]);
        let samples = [
            format!("they were {first} it"),
            format!("“{cap}’s men,” she said"),
            format!("{}'s", first.to_uppercase()),
            format!("x-{first}"),
            format!("\u{212a}{}", &first[1..]),
            "nothing here, José, x-ray, U.S. and don’t".to_string(),
            "Élodie went home".to_string(),
        ];
        for t in &samples {
            let (slow, fast) = (starts.may_start_in(t, 0, t.len()), starts.may_start_fast(t, 0, t.len()));
            assert!(!slow || fast, "{t}");
        }
        assert!(starts.may_start_fast(&samples[1], 0, samples[1].len()));
        assert!(!starts.may_start_fast(&samples[5], 0, samples[5].len()));
    }

    #[test]
    fn a_clause_with_no_subject_at_its_start_and_no_phrase_is_not_read() {
        let g = Grammar::embedded();
        let k = known(&["Jane Roe"]);
        let r = Reader::new(&g, &k, None, &[]);
        let mut w = Words::default();
        let ctx = Ctx { own: Some("jane roe"), own_person: true, quoted: true, ..Ctx::default() };
        for (t, may) in [("the rules were clear to all of us", false), ("that Roe paid taxes", true), ("I paid taxes", true), ("that the rules hold", false)] {
            assert_eq!(r.may_state(&mut w, t, 0, t.len(), ctx), may, "{t}");
        }
        // The words read to tell are those a full reading opens with.
        let t = "Jane Roe and John Doe paid";
        w.fill_opening(t, 0, t.len(), &g);
        assert_eq!((0..w.len()).map(|k| w.low(k)).collect::<Vec<_>>(), ["jane", "roe", "and"]);
    }

    #[test]
    fn word_filter_passes_every_word_it_holds() {
        let g = Grammar::embedded();
        let f = WordFilter::new(g.predicates.iter().map(|(p, _)| p[0].as_str()));
        assert!(g.predicates.iter().all(|(p, _)| f.may_hold(&p[0])));
        assert!(!f.may_hold("the"));
    }

    #[test]
    fn same_party_by_name_word() {
        assert!(same_party("jane roe", "the roe campaign"));
        assert!(same_party("jane roe", "jane roe"));
        assert!(!same_party("jane roe", "john doe"));
    }
}
