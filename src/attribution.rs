//! Who said it: speaker phrases around a quote, found by a precision-ordered list of sieves, and
//! resolved within the article (pronouns, surnames, role phrases) to the fullest name seen there.
//!
//! Each sieve is one attribution pattern over the token stream of `text.rs`; the first that
//! fires wins and its name goes into the output, so that a reader can judge a row by the rule
//! behind it. Where no sieve fires the speaker stays empty: a wrong speaker is worse than none.

use std::borrow::Cow;
use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::grammar::{Flags, Grammar, Pronoun, byte_mask, with_key};
use crate::text::{Doc, Kind};

/// The sieves in the order they are tried, with the confidence of a row each produces: the
/// share of its attributions that were right on the PolNeAR train split, rounded down.
pub const SIEVES: &[(&str, f32)] = &[
    ("quote_then_cue", 0.97),
    ("cue_colon_quote", 0.95),
    ("speaker_colon_quote", 0.9),
    ("cue_then_quote", 0.9),
    ("inverted_cue_quote", 0.9),
    ("as_put_it", 0.9),
    ("colon_clause", 0.8),
    ("statement_colon", 0.85),
    ("quoted_as_saying", 0.9),
    ("dash_speaker", 0.95),
    ("according_to", 0.93),
    ("sentence_final_cue", 0.95),
    ("speech_noun", 0.5),
    ("previous_subject", 0.88),
    ("as_quote", 0.55),
    ("sentence_subject", 0.85),
    ("quote_then_phrase", 0.92),
    ("split_quote", 0.93),
    ("colon_paragraph", 0.9),
    ("dash_paragraph", 0.85),
    ("continuation", 0.95),
];

pub fn confidence(sieve: &str, resolved_by: Resolution) -> f32 {
    let base = SIEVES.iter().find(|(n, _)| *n == sieve).map_or(0.5, |(_, c)| *c);
    let factor = match resolved_by {
        Resolution::Name => 1.0,
        Resolution::Pronoun => 0.9,
        Resolution::Role => 0.85,
        Resolution::AsWritten => 0.9,
    };
    (base * factor * 100.0).round() / 100.0
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    Name,
    Pronoun,
    Role,
    AsWritten,
}

/// What a sieve found for one quote.
#[derive(Clone, Debug)]
pub struct Attribution {
    pub sieve: &'static str,
    /// Token range of the speaker mention.
    pub mention: (usize, usize),
    /// Byte range of the cue, where there is one.
    pub cue: Option<(usize, usize)>,
    pub speaker: String,
    pub role: String,
    pub resolution: Resolution,
}

/// The kind of a named entity, as far as the article tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntityKind {
    Person,
    Organization,
    Place,
}

/// A name met in the article: its core (titles stripped) and what stood around it.
#[derive(Clone, Debug)]
pub struct NameMention {
    pub pos: usize,
    pub name: String,
    pub kind: EntityKind,
    /// Title words and role words seen with this name, lowercase.
    pub role: Vec<String>,
    /// Countries and organizations the name was tied to (`Ruritanian`, `Front leader`).
    pub affiliation: Vec<String>,
    /// The title as written before the name: `Foreign Minister`.
    pub title: String,
}

/// A definite role phrase met in an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RolePhrase {
    /// As written: `Ruritania’s top diplomat`.
    pub written: String,
    /// Its lowercase words.
    pub words: Vec<String>,
    /// The name it stands for within its article, where the article tells.
    pub resolved: Option<String>,
}

/// What a role phrase asks of a person: titles (`foreign minister`) and affiliations (`ruritania`,
/// `front`), after the synonyms of `grammar/role_synonyms.txt` (`top diplomat` → `foreign
/// minister`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleQuery {
    pub head: String,
    pub titles: Vec<String>,
    pub affiliations: Vec<String>,
    /// A head that fits any office (`official`, `leader`): the affiliation must then match.
    pub generic: bool,
}

const ROLE_MODIFIERS: &[&str] = &["top", "senior", "chief", "former", "then", "current"];
/// Title words that qualify an office but never name one: `the former`, `the Democratic`.
const NOT_A_HEAD: &[&str] = &[
    "top", "senior", "former", "acting", "deputy", "then", "current", "democrat", "democratic", "republican",
    "presidential", "vice-presidential", "rival", "then-rival", "longtime", "outgoing", "incoming", "interim",
];

impl RoleQuery {
    /// Reads a role phrase's lowercase words: `["ruritania", "top", "diplomat"]`.
    pub fn parse(words: &[String], g: &Grammar) -> Option<RoleQuery> {
        // Most phrases are one word (`the president`): that word is the phrase, borrowed.
        match words {
            [w] => Self::parse_phrase(w, g),
            _ => Self::parse_phrase(&words.join(" "), g),
        }
    }

    /// `parse` of the words joined by single spaces.
    fn parse_phrase(phrase: &str, g: &Grammar) -> Option<RoleQuery> {
        let mut phrase = Cow::Borrowed(phrase);
        // A synonym with a byte the phrase lacks cannot stand in it: most are told so without
        // a search.
        let present = byte_mask(&phrase);
        for (mask, syn, canon) in &g.role_synonym_list {
            if mask & !present == 0 && syn.len() <= phrase.len() && phrase.contains(syn.as_str()) {
                phrase = Cow::Owned(phrase.replace(syn.as_str(), canon));
                break;
            }
        }
        let words: Vec<&str> = phrase.split_whitespace().collect();
        // Borrowed until the phrase is known to name an office: most are turned down.
        let (mut titles, mut affiliations): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
        let mut i = 0;
        let mut title = String::new();
        while i < words.len() {
            // Multi-word titles (`foreign minister`) count word by word.
            let multi = g.lower_flags(words[i]).contains(Flags::PHRASE_START);
            if let Some(n) = (2..=3.min(words.len() - i)).rev().filter(|_| multi).find(|&n| {
                title.clear();
                for (k, w) in words[i..i + n].iter().enumerate() {
                    if k > 0 {
                        title.push(' ');
                    }
                    title.push_str(w);
                }
                g.titles.contains(&title)
            }) {
                titles.extend_from_slice(&words[i..i + n]);
                i += n;
                continue;
            }
            let w = words[i].trim_end_matches(['’', '\'']);
            let f = g.flags_of(w);
            if let Some(c) = f.intersects(Flags::DEMONYM | Flags::PLACE).then(|| g.country_of(w)).flatten() {
                affiliations.push(c);
            } else if f.intersects(Flags::TITLE | Flags::ROLE) {
                titles.push(w);
            } else if !ROLE_MODIFIERS.contains(&w) && !w.is_empty() && w != "’s" && w != "'s" {
                affiliations.push(w);
            }
            i += 1;
        }
        let head = *titles.last()?;
        // `the top`, `the Democratic`: no office named; `the campaign`, `the panel`: a body;
        // `the candidates`: more than one person.
        let plural = head.ends_with('s') && !g.is_title(head) && (g.is_role(&head[..head.len() - 1]) || g.is_title(&head[..head.len() - 1]));
        if NOT_A_HEAD.contains(&head) || g.org_words.contains(head) && !g.is_title(head) || plural {
            return None;
        }
        let generic = titles.len() == 1 && matches!(head, "official" | "figure" | "politician" | "leader" | "diplomat");
        Some(RoleQuery {
            head: head.to_string(),
            titles: titles.into_iter().map(str::to_string).collect(),
            affiliations: affiliations.into_iter().map(str::to_string).collect(),
            generic,
        })
    }

    /// Does a person with these role words and affiliations fit? A person of unknown
    /// affiliation fits a phrase that names one; see `fits_strictly`.
    pub fn fits(&self, role: &[String], affiliation: &[String]) -> bool {
        self.fits_with(role, affiliation, false)
    }

    /// As `fits`, but a phrase naming an affiliation needs a person known to have it: across a
    /// run, `the Ruritanian minister` must not become any minister at all.
    pub fn fits_strictly(&self, role: &[String], affiliation: &[String]) -> bool {
        self.fits_with(role, affiliation, true)
    }

    fn fits_with(&self, role: &[String], affiliation: &[String], strict: bool) -> bool {
        let role_ok = if self.generic {
            !self.affiliations.is_empty() || role.contains(&self.head)
        } else {
            self.titles.iter().filter(|t| !ROLE_MODIFIERS.contains(&t.as_str())).all(|t| role.contains(t))
        };
        // `ruritania` and `ruritanian` are one affiliation.
        let same = |a: &str, b: &str| {
            let (s, l) = if a.len() <= b.len() { (a, b) } else { (b, a) };
            s == l || s.len() >= 4 && l.starts_with(s) && l.len() - s.len() <= 3
        };
        let aff_ok = self.affiliations.iter().all(|a| affiliation.iter().any(|x| same(a, x)) || (!strict && !self.generic && affiliation.is_empty()));
        role_ok && aff_ok && (!role.is_empty() || !affiliation.is_empty())
    }
}

/// What the article says of one distinct name, gathered over its mentions.
#[derive(Clone, Copy, Debug)]
struct NameInfo {
    /// Its first and last mention, as indices into `Attributor::names`, the others chained
    /// between them by `Attributor::next_mention`: their roles and affiliations are the name's.
    first: u32,
    last: u32,
    /// The mention with the longest title (the first of them).
    title: Option<u32>,
}

/// What the article tells of one distinct person name: its fullest form and what a role phrase
/// asks of it, each worked out when first asked (most names are never asked).
#[derive(Clone, Debug)]
struct PersonFacts {
    /// The name as written, an id of `Attributor::exact`.
    name: u32,
    /// `fullest` of the name, an id of `Attributor::exact`, once asked.
    fullest: OnceCell<u32>,
    /// The roles and affiliations of every form of the fullest name.
    roles: OnceCell<(Vec<String>, Vec<String>)>,
    /// `role_of` the fullest name, once asked.
    title: OnceCell<String>,
}

/// A distinct name as written (an id of `Attributor::exact`), and what its mentions tell.
#[derive(Clone, Copy, Debug)]
struct WrittenName {
    /// Its lowercase form, an id of `Attributor::folded`.
    folded: u32,
    /// How many mentions of it are of a person.
    person_mentions: u32,
    /// Is it among the persons of its last word (`persons_by_last`)?
    listed: bool,
    /// The next person name with the same last word, or `NO_ID`.
    next_of_last: u32,
    organization: bool,
    /// Its index in `person_facts`, once a mention of it as a person is met.
    person: Option<usize>,
}

/// The last word of an already lowercase name, borrowed.
fn last_folded_word(folded: &str) -> &str {
    folded.split_whitespace().next_back().unwrap_or("")
}

/// `s.split_whitespace().count()`, byte by byte for ASCII text (as `char::is_whitespace` reads
/// ASCII: tab to carriage return, and space).
fn count_words(s: &str) -> usize {
    if !s.is_ascii() {
        return s.split_whitespace().count();
    }
    let space = |b: u8| matches!(b, b' ' | b'\t'..=b'\r');
    let b = s.as_bytes();
    (0..b.len()).filter(|&k| !space(b[k]) && (k == 0 || space(b[k - 1]))).count()
}

/// Writes `s` in lowercase into `out`, as `str::to_lowercase` does.
fn lowercase_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        out.push_str(s);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&s.to_lowercase());
    }
}

/// Does `long` end with the words of `short`? Both lowercase; words are split on whitespace,
/// as `split_whitespace` does, so `jane  roe` ends with `roe`.
fn ends_with_words(long: &str, short: &str) -> bool {
    let mut l = long.split_whitespace().rev();
    short.split_whitespace().rev().all(|w| l.next() == Some(w))
}

/// `long == short` or `long` ends with a space and then `short`: `jane roe` and `roe`.
fn is_form_of(long: &str, short: &str) -> bool {
    long == short || long.len() > short.len() && long.ends_with(short) && long.as_bytes()[long.len() - short.len() - 1] == b' '
}

/// A word in capitals with two letters or more and no full stop: `NATO`, not `U.S.`.
fn all_caps(t: &str) -> bool {
    if t.is_ascii() {
        let b = t.as_bytes();
        return !b.iter().any(|c| c.is_ascii_lowercase() || *c == b'.') && b.iter().filter(|c| c.is_ascii_alphabetic()).count() >= 2;
    }
    t.chars().filter(|c| c.is_alphabetic()).count() >= 2 && t.chars().all(|c| !c.is_lowercase()) && !t.contains('.')
}

/// Could the bytes of a token be a word in capitals (`all_caps`)? Told from the first two: a
/// word of one byte is too short, and most capitalized words have a lowercase second letter
/// (an ASCII byte is a char of its own, so the word has a lowercase letter).
fn may_be_caps(b: &[u8]) -> bool {
    b.len() >= 2 && !b[1].is_ascii_lowercase()
}

/// `char::is_alphanumeric`, told without Unicode's tables for ASCII and for the marks and spaces
/// of the General Punctuation block (`“`, `”`, `—`), which stand at both ends of every quote.
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{2000}'..='\u{206f}').contains(&c) || matches!(c, '\u{a0}' | '«' | '»') {
        false
    } else {
        c.is_alphanumeric()
    }
}

/// Is `c` kept at the ends of a quote's words: alphanumeric or `,.!?`.
fn keeps_quote_end(c: char) -> bool {
    is_alnum(c) || matches!(c, ',' | '.' | '!' | '?')
}

/// A quote token without the marks and spaces around its words.
fn quote_words(t: &str) -> &str {
    t.trim_matches(|c: char| !keeps_quote_end(c))
}

/// For each token: can it be part of a name? A capitalized word other than a function word or
/// a pronoun, a handle, an acronym, or a surname with a particle (`al-Farah`). Also the tokens
/// that are namey or capitalized, in order: the names are looked for among these only, as most
/// tokens are lowercase words or punctuation.
fn namey_tokens(d: &Doc) -> (Vec<bool>, Vec<u32>) {
    let text = d.text.as_bytes();
    let mut out = Vec::with_capacity(d.tokens.len());
    let mut capitals = Vec::new();
    for (i, tk) in d.tokens.iter().enumerate() {
        let namey = tk.kind == Kind::Word && match text[tk.start..tk.end] {
            // Most words open with a lowercase letter: only a particle (two or three letters
            // and a hyphen) makes one of them a name. The hyphen must then be the third or
            // fourth byte, looked at directly: a loop or `contains` costs more per word.
            [first, _, b'-', ..] | [first, _, _, b'-', ..] if first.is_ascii_lowercase() => is_particle_name(d.tok(i)),
            [first, ..] if first.is_ascii_lowercase() => false,
            [first, ..] => {
                d.flags(i) & (Flags::CAPITALIZED | Flags::FUNCTION | Flags::PRONOUN) == Flags::CAPITALIZED
                    || first == b'@'
                    || is_acronym(d, i)
                    || is_particle_name(d.tok(i))
            }
            [] => false,
        };
        if namey || d.flags(i).contains(Flags::CAPITALIZED) {
            capitals.push(i as u32);
        }
        out.push(namey);
    }
    (out, capitals)
}

/// A surname with a lowercase particle joined to it: `al-Farah`, `bin-Omar`.
fn is_particle_name(t: &str) -> bool {
    t.split_once('-').is_some_and(|(p, rest)| NAME_PARTICLES.contains(&p) && rest.chars().next().is_some_and(char::is_uppercase))
}

/// An abbreviation spelled like a function word, `US`, in mixed-case text (not a headline in
/// capitals, where `US` is the pronoun).
fn is_acronym(d: &Doc, i: usize) -> bool {
    let caps = |k: usize| d.is_word(k) && {
        let t = d.tok(k).as_bytes();
        t.len() >= 2 && t.iter().all(u8::is_ascii_uppercase)
    };
    caps(i) && d.tok(i).len() <= 3 && !d.flags(i).contains(Flags::PRONOUN) && !caps(i + 1) && (i == 0 || !caps(i - 1))
}

/// The hasher of the article's own maps of names (rustc's FxHash): these live as long as one
/// article and are asked on every name and mention, where SipHash's guard against crafted keys
/// costs more than the look-up itself.
#[derive(Clone, Copy, Default)]
struct NameHasher(u64);

impl NameHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type NameMap<K, V> = HashMap<K, V, BuildHasherDefault<NameHasher>>;

thread_local! {
    /// The role phrases read on this thread, keyed by their words joined by single spaces, and
    /// the grammar they were read with (`Grammar::id`). A parse needs only the phrase and the
    /// lexicons, and articles name the same few offices again and again (`the president`, `the
    /// minister`): each is parsed once per thread rather than once per article.
    static ROLE_QUERIES: RefCell<(u64, NameMap<String, Option<Rc<RoleQuery>>>)> = RefCell::default();
}

/// The most role phrases `ROLE_QUERIES` keeps before it starts afresh, which bounds its memory
/// over a long run.
const ROLE_QUERIES_KEPT: usize = 1 << 16;

/// The strings of one article's names, each kept once, end to end in one buffer, and named by
/// a small id: the indices of names hold ids, so that indexing a mention allocates nothing
/// and a string met again costs one hash and one probe.
#[derive(Default)]
struct Interner {
    buf: String,
    spans: Vec<(u32, u32)>,
    hashes: Vec<u64>,
    /// Open addressing over `hashes`: ids, or `NO_ID` where free; a power of two in size, at
    /// most half full.
    table: Vec<u32>,
}

const NO_ID: u32 = u32::MAX;

impl Interner {
    /// Room for `n` strings without growing.
    fn with_capacity(n: usize) -> Self {
        let mut i = Interner::default();
        i.spans.reserve(n);
        i.hashes.reserve(n);
        i.buf.reserve(16 * n);
        i.table = vec![NO_ID; (2 * n).next_power_of_two().max(16)];
        i
    }
    /// FxHash of the text, a word of eight bytes at a time (`Hasher::write` of `NameHasher`
    /// copies each chunk through a buffer of any length).
    fn hash(s: &str) -> u64 {
        let b = s.as_bytes();
        let mut h = NameHasher::default();
        let mut words = b.chunks_exact(8);
        for c in &mut words {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            h.add(u64::from_le_bytes(w));
        }
        let tail = words.remainder().iter().enumerate().fold(0u64, |w, (k, &x)| w | u64::from(x) << (8 * k));
        h.add(tail ^ (b.len() as u64) << 56);
        h.finish()
    }
    fn len(&self) -> usize {
        self.spans.len()
    }
    fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
    fn str(&self, id: u32) -> &str {
        let (s, e) = self.spans[id as usize];
        &self.buf[s as usize..e as usize]
    }
    /// Is the string of `id` the bytes `b`? Compared as bytes: slicing `buf` as text would check
    /// char boundaries that `intern` already kept.
    fn is(&self, id: u32, b: &[u8]) -> bool {
        let (s, e) = self.spans[id as usize];
        self.buf.as_bytes()[s as usize..e as usize] == *b
    }
    /// The slot of `s` in `table`: where its id stands, or the free slot where it would go.
    fn slot(&self, s: &str, h: u64) -> usize {
        let mask = self.table.len() - 1;
        // The high bits: FxHash mixes them best.
        let mut at = (h >> 40) as usize & mask;
        loop {
            let id = self.table[at];
            if id == NO_ID || self.hashes[id as usize] == h && self.is(id, s.as_bytes()) {
                return at;
            }
            at = (at + 1) & mask;
        }
    }
    fn get(&self, s: &str) -> Option<u32> {
        if self.table.is_empty() {
            return None;
        }
        let id = self.table[self.slot(s, Self::hash(s))];
        (id != NO_ID).then_some(id)
    }
    /// The id of `s`, and whether it is new.
    fn intern(&mut self, s: &str) -> (u32, bool) {
        if 2 * (self.spans.len() + 1) > self.table.len() {
            self.grow();
        }
        let h = Self::hash(s);
        let at = self.slot(s, h);
        if self.table[at] != NO_ID {
            return (self.table[at], false);
        }
        let id = self.spans.len() as u32;
        let start = self.buf.len() as u32;
        self.buf.push_str(s);
        self.spans.push((start, self.buf.len() as u32));
        self.hashes.push(h);
        self.table[at] = id;
        (id, true)
    }
    /// Doubles the table, placing every id again by its kept hash.
    fn grow(&mut self) {
        let size = (2 * self.table.len()).max(16);
        self.table = vec![NO_ID; size];
        let mask = size - 1;
        for (id, &h) in self.hashes.iter().enumerate() {
            let mut at = (h >> 40) as usize & mask;
            while self.table[at] != NO_ID {
                at = (at + 1) & mask;
            }
            self.table[at] = id as u32;
        }
    }
}

/// The salient person a pronoun may stand for.
#[derive(Clone, Debug)]
struct Salient {
    pos: usize,
    /// A sentence's subject phrase noted before it is resolved (`Attributor::note_subject`).
    subject: Option<(usize, usize)>,
    /// The person's name and the name in lowercase (the key of `genders`); for a subject,
    /// worked out when a pronoun first looks at it, and `None` if it names no person.
    person: OnceCell<Option<(String, String)>>,
}

/// Articles, pronouns and numerals that open a noun phrase.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "one", "another", "his", "her", "its", "their", "our", "two", "three", "some", "several",
    "many", "both", "other", "senior", "top",
];
const CONNECTORS: &[&str] = &["of", "to", "for", "in", "at", "from"];
/// Members or parts of a body that a one-word name can stand before (`the Roe official`); not
/// `spokesman` or `aide`, which a person has too (`a Roe spokesman`).
const BODY_MEMBERS: &[&str] = &[
    "chief", "fighters", "group", "leader", "leaders", "leadership", "militants", "movement", "official",
    "officials", "politburo",
];
const NAME_PARTICLES: &[&str] = &["bin", "al", "al-", "de", "la", "van", "von", "der", "da", "du", "le", "ibn", "el"];
/// Cue verbs whose bare form is as often a noun (`mental state is`, `the report`): the bare
/// form counts only after a pronoun, an auxiliary or `to`.
const NOUNLIKE_CUES: &[&str] = &[
    "state", "claim", "report", "note", "post", "comment", "charge", "question", "call", "tweet", "remark", "reply",
    "quote", "read", "counter", "praise", "label", "brand", "vow", "pledge", "promise", "demand", "forecast", "answer",
    "reference", "chant", "cite", "guarantee", "blast", "slam", "estimate", "testify", "warning", "comments",
];
const PREPOSITIONS: &[&str] = &[
    "of", "in", "on", "at", "for", "with", "by", "from", "about", "through", "into", "over", "under", "after", "before",
    "during", "against", "like", "near", "across", "around", "toward", "towards", "without", "within", "among", "between",
];
const AUXILIARIES: &[&str] = &[
    "can", "could", "will", "would", "may", "might", "must", "should", "is", "was", "are", "were", "be", "been", "has", "have",
    "had", "does", "did", "do",
];
/// Reporting verbs that stand before their subject (`…, explained Jane Roe, “Q”`); verbs that
/// take an addressee (`told`) are left out, as the name after them is no speaker.
const INVERTING_CUES: &[&str] = &[
    "said", "says", "explained", "added", "asked", "noted", "wrote", "continued", "recalled", "replied", "responded",
    "insisted", "argued", "declared", "observed", "remarked", "quipped", "concluded", "admitted", "answered", "countered",
];
const PARTICIPLE_CUES: &[&str] = &["saying", "adding", "noting", "calling", "describing", "arguing", "telling", "insisting", "warning", "claiming", "stressing", "explaining", "writing", "asking", "accusing", "urging", "declaring"];

pub struct Attributor<'a, 'd> {
    pub g: &'a Grammar,
    pub d: &'d Doc<'d>,
    pub names: Vec<NameMention>,
    /// The distinct names as written, and what their mentions tell (by id).
    exact: Interner,
    written: Vec<WrittenName>,
    /// The distinct names in lowercase, and the roles, affiliations and longest title of each
    /// (by id).
    folded: Interner,
    name_info: Vec<NameInfo>,
    /// The number of words of each distinct lowercase name (by id).
    folded_words: Vec<u32>,
    /// The lowercase last words of person names, and the written person names that end in
    /// each (ids of `exact`), for surname lookups.
    last_words: Interner,
    /// The first and last such name of each word, the others chained between them by
    /// `WrittenName::next_of_last`.
    persons_by_last: Vec<(u32, u32)>,
    /// For each entry of `names`, the next mention of its lowercase name, or `NO_ID`.
    next_mention: Vec<u32>,
    /// Facts of each distinct person name.
    person_facts: Vec<PersonFacts>,
    /// For each entry of `names`, its index in `person_facts` if it is a person.
    mention_person: Vec<Option<usize>>,
    /// The words of persons' names as written, and how often each stands in one (by id).
    person_words: Interner,
    person_word_count: Vec<u32>,
    /// Single-token names with the titles written before them (`President` for `President X`).
    titled_surnames: NameMap<String, Vec<String>>,
    /// Persons salient so far, latest last.
    salient: Vec<Salient>,
    /// The distinct role words of the article's mentions, once asked (`office_named`).
    article_roles: OnceCell<Vec<(u32, u32)>>,
    genders: NameMap<String, &'static str>,
    last_anonymous: Option<String>,
    dateline: (usize, usize),
    /// For each token: can it be part of a name (`is_namey`)? Every token is asked while the
    /// names are collected, so all are worked out at once.
    namey: Vec<bool>,
    /// For each token, `is_known_person_word` once asked: 0 not yet, 1 no, 2 yes.
    known_person: Vec<Cell<u8>>,
}

fn fold(s: &str) -> String {
    s.to_lowercase()
}

impl<'a, 'd> Attributor<'a, 'd> {
    pub fn new(g: &'a Grammar, d: &'d Doc<'d>, dateline: Option<(usize, usize)>) -> Self {
        let mut a = Attributor {
            g,
            d,
            names: Vec::new(),
            exact: Interner::default(),
            written: Vec::new(),
            folded: Interner::default(),
            name_info: Vec::new(),
            folded_words: Vec::new(),
            last_words: Interner::default(),
            persons_by_last: Vec::new(),
            next_mention: Vec::new(),
            person_facts: Vec::new(),
            mention_person: Vec::new(),
            person_words: Interner::default(),
            person_word_count: Vec::new(),
            titled_surnames: NameMap::default(),
            salient: Vec::new(),
            article_roles: OnceCell::new(),
            genders: NameMap::default(),
            last_anonymous: None,
            dateline: dateline.unwrap_or((0, 0)),
            namey: Vec::new(),
            known_person: vec![Cell::new(0); d.tokens.len()],
        };
        let (namey, capitals) = namey_tokens(d);
        a.namey = namey;
        a.collect_names(&capitals);
        let ids = a.index_names();
        a.gather_person_facts(&ids);
        a
    }

    /// Indexes the names met, so that every later lookup costs the same however long the
    /// article is. A name met again costs one hash of its text as written: its lowercase form,
    /// last word and words are worked out once per distinct name.
    /// Returns the id in `exact` of each mention.
    #[inline(never)]
    fn index_names(&mut self) -> Vec<u32> {
        let n = self.names.len();
        let mut ids = Vec::with_capacity(n);
        self.exact = Interner::with_capacity(n);
        self.folded = Interner::with_capacity(n);
        self.last_words = Interner::with_capacity(n / 2);
        self.person_words = Interner::with_capacity(n);
        self.written.reserve(n);
        self.name_info.reserve(n);
        self.next_mention = vec![NO_ID; n];
        let mut key = String::new();
        for idx in 0..n {
            let m = &self.names[idx];
            let at = idx as u32;
            let (id, new) = self.exact.intern(&m.name);
            ids.push(id);
            if new {
                lowercase_into(&m.name, &mut key);
                let (folded, new_folded) = self.folded.intern(&key);
                if new_folded {
                    self.name_info.push(NameInfo { first: at, last: at, title: None });
                    self.folded_words.push(count_words(&key) as u32);
                } else {
                    let info = &mut self.name_info[folded as usize];
                    self.next_mention[info.last as usize] = at;
                    info.last = at;
                }
                self.written.push(WrittenName { folded, person_mentions: 0, listed: false, next_of_last: NO_ID, organization: false, person: None });
            } else {
                let info = &mut self.name_info[self.written[id as usize].folded as usize];
                self.next_mention[info.last as usize] = at;
                info.last = at;
            }
            let w = &mut self.written[id as usize];
            let info = &mut self.name_info[w.folded as usize];
            let longest = info.title.map_or(0, |t| self.names[t as usize].title.len());
            if m.title.len() > longest {
                info.title = Some(at);
            }
            match m.kind {
                EntityKind::Person => {
                    w.person_mentions += 1;
                    if !w.listed {
                        w.listed = true;
                        let (last, new_last) = self.last_words.intern(last_folded_word(self.folded.str(w.folded)));
                        if new_last {
                            self.persons_by_last.push((id, id));
                        } else {
                            let tail = &mut self.persons_by_last[last as usize].1;
                            self.written[*tail as usize].next_of_last = id;
                            *tail = id;
                        }
                    }
                }
                EntityKind::Organization => w.organization = true,
                EntityKind::Place => {}
            }
        }
        // Each word of a person's name counts once per mention of that name.
        for id in 0..self.exact.len() {
            let count = self.written[id].person_mentions;
            if count == 0 {
                continue;
            }
            for word in self.exact.str(id as u32).split_whitespace() {
                let (w, new) = self.person_words.intern(word);
                if new {
                    self.person_word_count.push(0);
                }
                self.person_word_count[w as usize] += count;
            }
        }
        ids
    }

    /// Lists the distinct person names and which of them each mention is, so that resolving a
    /// role phrase is a look-up per mention.
    #[inline(never)]
    fn gather_person_facts(&mut self, ids: &[u32]) {
        let mut mention_person = Vec::with_capacity(self.names.len());
        for idx in 0..self.names.len() {
            if self.names[idx].kind != EntityKind::Person {
                mention_person.push(None);
                continue;
            }
            let id = ids[idx];
            let p = match self.written[id as usize].person {
                Some(p) => p,
                None => {
                    self.person_facts.push(PersonFacts { name: id, fullest: OnceCell::new(), roles: OnceCell::new(), title: OnceCell::new() });
                    let p = self.person_facts.len() - 1;
                    self.written[id as usize].person = Some(p);
                    p
                }
            };
            mention_person.push(Some(p));
        }
        self.mention_person = mention_person;
    }

    /// The index in `person_facts` of a name as written, if the article names a person so.
    fn person_of_name(&self, name: &str) -> Option<usize> {
        self.written[self.exact.get(name)? as usize].person
    }

    /// Is `name`, as written, an organization of the article?
    fn is_organization(&self, name: &str) -> bool {
        self.exact.get(name).is_some_and(|id| self.written[id as usize].organization)
    }

    /// The roles and affiliations of person `p`, worked out once.
    fn person_roles_of(&self, p: usize) -> &(Vec<String>, Vec<String>) {
        let f = &self.person_facts[p];
        f.roles.get_or_init(|| self.person_roles(self.exact.str(self.fullest_id(p))))
    }

    /// `fullest` of person `p`, an id of `exact`, worked out once.
    fn fullest_id(&self, p: usize) -> u32 {
        let f = &self.person_facts[p];
        *f.fullest.get_or_init(|| {
            // The lowercase form and its number of words were worked out by `index_names`.
            let folded = self.written[f.name as usize].folded;
            let words = self.folded_words[folded as usize] as usize;
            self.fuller_name(self.folded.str(folded), words).unwrap_or(f.name)
        })
    }

    /// The mentions of a distinct lowercase name, in text order.
    fn mentions_of(&self, info: &NameInfo) -> impl Iterator<Item = &NameMention> + '_ {
        std::iter::successors(Some(info.first), |&m| Some(self.next_mention[m as usize]).filter(|&m| m != NO_ID))
            .map(|m| &self.names[m as usize])
    }

    /// The written person names whose lowercase last word is `last`, in order of first
    /// mention, as ids of `exact`.
    fn persons_ending_in(&self, last: &str) -> impl Iterator<Item = u32> + '_ {
        let first = self.last_words.get(last).map(|l| self.persons_by_last[l as usize].0);
        std::iter::successors(first, |&id| Some(self.written[id as usize].next_of_last).filter(|&id| id != NO_ID))
    }

    /// The distinct names of the article that the lowercase name `folded` can be short for:
    /// itself and each of its word-final parts (`jane roe`, `roe`), with their gathered
    /// information. Longer forms come first.
    fn forms_of<'s>(&'s self, folded: &'s str) -> impl Iterator<Item = &'s NameInfo> + 's {
        // A part after a space ends with the name's last word, so the two share it.
        std::iter::once(folded)
            .chain(folded.match_indices(' ').map(move |(at, _)| &folded[at + 1..]))
            .filter_map(|k| self.folded.get(k).map(|id| &self.name_info[id as usize]))
    }

    // ----- token classes -------------------------------------------------------------------

    #[inline]
    fn low(&self, i: usize) -> &'d str {
        self.d.low(i)
    }
    /// `the`, in any case, without looking up the lowercase form (no other char lowercases
    /// to these letters).
    fn is_the(&self, i: usize) -> bool {
        self.is_low(i, "the")
    }
    /// Is token `i` a word whose lowercase form is `w`? `w` is lowercase ASCII without a `k`
    /// (the Kelvin sign lowercases to one): no other char lowercases to an ASCII letter, so
    /// the bytes of the token are compared, in any case, without reading `Doc::low`.
    #[inline(always)]
    fn is_low(&self, i: usize, w: &str) -> bool {
        debug_assert!(!w.contains('k') && w.bytes().all(|b| b.is_ascii_lowercase()));
        match self.d.tokens.get(i) {
            Some(t) if t.kind == Kind::Word && t.end - t.start == w.len() => {
                self.d.text.as_bytes()[t.start..t.end].eq_ignore_ascii_case(w.as_bytes())
            }
            _ => false,
        }
    }
    fn is_det(&self, i: usize) -> bool {
        self.d.is_word(i) && DETERMINERS.contains(&self.low(i))
    }
    /// A reporting verb: lowercase (a capitalized one is a name, `The Daily Post`), and not
    /// used as a noun (`the claims`, `Republican claims`, `his tweets`).
    fn is_cue(&self, i: usize) -> bool {
        self.d.flags(i) & (Flags::CUE | Flags::CAPITALIZED) == Flags::CUE
    }
    pub(crate) fn is_verb_cue(&self, i: usize) -> bool {
        if !self.is_cue(i) || i == 0 {
            return self.is_cue(i);
        }
        let p = i - 1;
        let noun_before = self.is_det(p) && !matches!(self.low(p), "one" | "another")
            || self.d.tokens[p].kind == Kind::Poss
            || self.d.is_word(p) && matches!(self.low(p), "of" | "this" | "these" | "those" | "such" | "late-night" | "early-morning")
            || self.low(i).ends_with('s') && self.is_cap(p) && self.is_country(p)
            || self.low(i).ends_with('s') && self.is_cap(p) && p > 0 && self.d.is_word(p - 1) && matches!(self.low(p - 1), "of" | "the" | "his" | "her" | "their")
            || self.d.is_word(p) && self.low(p).ends_with("ed") && self.low(i).ends_with('s');
        let bare_noun = NOUNLIKE_CUES.contains(&self.low(i))
            && !(self.pronoun(p).is_some() || self.is_adverb(p) || self.low(p) == "to");
        !noun_before && !bare_noun
    }
    fn is_adverb(&self, i: usize) -> bool {
        let f = self.d.flags(i);
        self.d.is_word(i) && !self.is_cue(i)
            && (f.contains(Flags::ADVERB) || !f.contains(Flags::CAPITALIZED) && {
                let l = self.low(i);
                l.ends_with("ly") && l.len() > 4
            })
    }
    // `Doc::flags` holds every lexicon a token's lowercase form is in: a question about a
    // token is a bit test, and only a pronoun's class takes a look-up.
    fn pronoun(&self, i: usize) -> Option<Pronoun> {
        if self.is_pronoun(i) { self.g.pronouns.get(self.low(i)).copied() } else { None }
    }
    fn is_pronoun(&self, i: usize) -> bool {
        self.d.flags(i).contains(Flags::PRONOUN)
    }
    /// A word starting with a capital (after any `@` or `#`).
    fn is_cap(&self, i: usize) -> bool {
        self.d.flags(i).contains(Flags::CAPITALIZED)
    }
    /// A word of `grammar/function_words.txt`.
    fn is_function(&self, i: usize) -> bool {
        self.d.flags(i).contains(Flags::FUNCTION)
    }
    /// A word of `grammar/titles.txt`.
    fn is_title(&self, i: usize) -> bool {
        self.d.flags(i).contains(Flags::TITLE)
    }
    /// A demonym, country or capital: `Ruritanian`.
    fn is_country(&self, i: usize) -> bool {
        self.d.flags(i).intersects(Flags::DEMONYM | Flags::PLACE)
    }
    /// A capitalized word that can be part of a name.
    fn is_namey(&self, i: usize) -> bool {
        self.namey.get(i).copied().unwrap_or(false)
    }
    /// An abbreviation spelled like a function word, `US`, in mixed-case text (not a headline
    /// in capitals, where `US` is the pronoun).
    fn is_acronym(&self, i: usize) -> bool {
        is_acronym(self.d, i)
    }
    fn is_roleword(&self, i: usize) -> bool {
        self.d.flags(i).intersects(Flags::ROLE | Flags::TITLE)
    }
    fn is_lower_word(&self, i: usize) -> bool {
        self.d.is_word(i) && !self.is_cap(i)
    }
    fn is_plain_modifier(&self, i: usize) -> bool {
        self.is_lower_word(i) && (!self.is_cue(i) || NOUNLIKE_CUES.contains(&self.low(i)))
            && !self.is_function(i) && !self.is_adverb(i)
            && self.pronoun(i).is_none()
    }
    /// A lowercase word after a name that starts a title rather than a predicate:
    /// `Acme Capital portfolio manager Jane Roe`, `the Senate minority leader`, but not
    /// `Jane Roe met party leaders` (a known person's name followed by a verb).
    fn modifies_after_name(&self, j: usize) -> bool {
        let p = j - 1;
        let after_org = self.d.tokens[p].kind == Kind::Poss || self.is_namey(p) && !self.is_known_person_word(p);
        let after_modifier = self.is_lower_word(p) && self.is_plain_modifier(p);
        // The title is all lowercase up to its head word: `Time Magazine chose German Chancellor X`
        // is a sentence, not a title.
        let lowercase_head = (j + 1..j + 4).take_while(|&k| self.is_lower_word(k)).any(|k| self.is_roleword(k));
        (after_org || after_modifier) && lowercase_head && !self.low(j).ends_with("ed")
    }
    fn in_dateline(&self, i: usize) -> bool {
        let p = self.d.tokens[i].start;
        self.dateline.0 <= p && p < self.dateline.1
    }
    /// A word met elsewhere in the article as part of a person's name.
    fn is_known_person_word(&self, i: usize) -> bool {
        // None while the names are being collected.
        if self.person_words.is_empty() {
            return false;
        }
        let Some(cell) = self.known_person.get(i) else { return false };
        match cell.get() {
            0 => {
                // Counted once at its own position, if it stands in a name there.
                let at = self.names.partition_point(|m| m.pos < i);
                let own = self.names.get(at).is_some_and(|m| m.pos == i) as usize;
                let v = self.person_words.get(self.d.tok(i)).is_some_and(|w| self.person_word_count[w as usize] as usize > own);
                cell.set(1 + u8::from(v));
                v
            }
            v => v == 2,
        }
    }
    /// A name word that can be a person's: not a title, a country or a demonym.
    fn is_person_namey(&self, i: usize) -> bool {
        self.is_namey(i) && !self.d.flags(i).intersects(Flags::ROLE | Flags::TITLE | Flags::DEMONYM | Flags::PLACE)
    }
    /// Does the phrase name somebody (rather than describe them)?
    fn names_somebody(&self, np: (usize, usize)) -> bool {
        (np.0..np.1).any(|k| self.is_person_namey(k)) && !self.is_roleword(np.1 - 1)
            && self.d.tokens.get(np.1).is_none_or(|t| t.kind != Kind::Poss)
    }

    // ----- noun phrases ---------------------------------------------------------------------

    /// A speaker phrase starting at token `i`: `one analyst in the capital`, `Foreign Minister Jane Roe`,
    /// `the directorate`, `he`. Returns the token range.
    pub fn np_forward(&self, i: usize, lim: usize) -> Option<(usize, usize)> {
        if i >= lim || !self.d.is_word(i) {
            return None;
        }
        if self.pronoun(i).is_some() {
            return Some((i, i + 1));
        }
        let mut j = i;
        if self.is_det(i) || self.is_cap(i) && self.low(i) == "the" {
            j += 1;
        }
        let (mut head, mut name, mut good) = (false, false, None);
        let mut after_connector = false;
        while j < lim {
            if self.is_namey(j) {
                if self.is_roleword(j) { head = true } else { name = true }
                j += 1;
                good = Some(j);
                after_connector = false;
            } else if self.is_lower_word(j) && self.is_roleword(j) && !self.is_cue(j) {
                head = true;
                j += 1;
                good = Some(j);
                after_connector = false;
            } else if self.is_plain_modifier(j) && !after_connector && (!name || self.modifies_after_name(j))
                && (j + 1..(j + 4).min(lim)).take_while(|&k| self.d.is_word(k)).any(|k| self.is_roleword(k))
            {
                j += 1;
            } else if self.d.tokens[j].kind == Kind::Poss && j > i && self.is_cap(j - 1) {
                j += 1;
            } else if self.d.is_punct(j, "(") && name {
                match (j + 1..(j + 8).min(lim)).find(|&k| self.d.is_punct(k, ")")) {
                    Some(k) => {
                        j = k + 1;
                        good = Some(j);
                    }
                    None => break,
                }
            } else if self.d.is_word(j) && CONNECTORS.contains(&self.low(j)) && (head || name && self.low(j) == "of")
                && (self.is_namey(j + 1) || self.is_det(j + 1) && self.is_namey(j + 2))
            {
                j += if self.is_det(j + 1) { 2 } else { 1 };
                after_connector = true;
            } else if head && !name && self.d.is_word(j) && matches!(self.low(j), "in" | "at" | "from" | "with")
                && (self.is_det(j + 1) || self.low(j + 1) == "the") && self.is_plain_modifier(j + 2)
                && self.d.tokens.get(j + 3).is_none_or(|t| t.kind == Kind::Punct)
            {
                // `one analyst in the capital`
                j += 3;
                good = Some(j);
            } else if name && self.is_namey(j + 1) && self.d.is_word(j) && NAME_PARTICLES.contains(&self.low(j)) {
                j += 1;
            } else {
                break;
            }
        }
        if head || name {
            return good.map(|e| (i, e));
        }
        // `said the announcer`, `a narrator in the Clinton ad asks`
        if self.is_det(i) || self.low(i) == "the" {
            let mut k = i + 1;
            while k < lim && k < i + 4 && (self.is_plain_modifier(k) || self.d.tokens[k].kind == Kind::Poss || self.is_namey(k)) {
                k += 1;
            }
            if k > i + 1 && self.is_plain_modifier(k - 1) {
                return Some((i, k));
            }
        }
        None
    }

    /// A speaker phrase ending just before token `e`, not reaching before `lo`.
    pub fn np_backward(&self, e: usize, lo: usize) -> Option<(usize, usize)> {
        if e == 0 || e <= lo {
            return None;
        }
        let mut j = e - 1;
        if self.pronoun(j).is_some() {
            return Some((j, e));
        }
        if self.d.is_punct(j, ")") {
            let open = (j.saturating_sub(8).max(lo)..j).rev().find(|&k| self.d.is_punct(k, "("))?;
            if open == 0 || !self.is_namey(open - 1) {
                return None;
            }
            j = open - 1;
        }
        if self.in_dateline(j) {
            return None;
        }
        if !(self.is_namey(j) || self.is_lower_word(j) && self.is_roleword(j)) {
            // `the announcer`, `a narrator`, `the ad’s narrator`, `Ivana Trump's brief`: a
            // described speaker in subject position.
            if !self.is_plain_modifier(j) {
                return None;
            }
            let mut k = j;
            let mut n = 0;
            while k > lo && n < 3 && (self.is_plain_modifier(k - 1) || self.is_namey(k - 1) && !self.in_dateline(k - 1)) {
                k -= 1;
                n += 1;
            }
            if k > lo && (self.is_det(k - 1) || self.low(k - 1) == "the") {
                return Some((k - 1, e));
            }
            if k > lo + 1 && self.d.tokens[k - 1].kind == Kind::Poss {
                let owner = self.np_backward(k - 1, lo)?;
                return Some((owner.0, e));
            }
            return None;
        }
        let mut start = j;
        let mut has_role = self.is_roleword(j);
        let mut modifiers = 0;
        while j > lo {
            let k = j - 1;
            if self.in_dateline(k) {
                break;
            }
            if self.is_namey(k) || self.is_lower_word(k) && self.is_roleword(k) {
                has_role |= self.is_roleword(k);
                start = k;
            } else if self.d.tokens[k].kind == Kind::Poss && k > lo && self.d.is_word(k - 1) {
                start = k;
            } else if self.is_det(k) || self.d.is_word(k) && self.low(k) == "the" {
                start = k;
                break;
            } else if has_role && modifiers < 2 && self.is_plain_modifier(k) {
                modifiers += 1;
                start = k;
            } else if self.d.is_word(k) && CONNECTORS.contains(&self.low(k)) && k > lo
                && (self.is_roleword(k - 1) || self.is_namey(k - 1) && self.low(k) == "of")
            {
                start = k;
            } else if k > lo && self.is_namey(k - 1) && self.d.is_word(k) && NAME_PARTICLES.contains(&self.low(k)) {
                start = k;
            } else {
                break;
            }
            j = k;
        }
        // A connector cannot open the phrase.
        while start < e && self.d.is_word(start) && CONNECTORS.contains(&self.low(start)) {
            start += 1;
        }
        (start < e).then_some((start, e))
    }

    // ----- names in the article ---------------------------------------------------------------

    /// Splits a run of capitalized tokens `[s, e)` into leading titles and the core name.
    /// Returns the index where the core starts.
    fn strip_titles(&self, s: usize, e: usize) -> usize {
        // A title starts only at a title, demonym, place or the first word of a lexicon phrase
        // (`title_at`), and the first is looked for among the first three tokens: most names
        // have none there.
        let opens = Flags::TITLE | Flags::DEMONYM | Flags::PLACE | Flags::PHRASE_START;
        if (s..e.min(s + 3)).all(|j| !self.d.flags(j).intersects(opens)) {
            return s;
        }
        let mut phrase = String::new();
        let mut title_at = |i: usize| self.title_at(i, e, &mut phrase);
        let mut i = s;
        while i < e {
            let n = title_at(i);
            if n > 0 {
                i += n;
            } else if let Some(k) = (1..=2).find(|&k| {
                // An affiliation before the title: `Ruritanian Foreign Minister X`, `New Canton Gov. X`.
                i + k < e && i + k - 1 <= s + 1 && (i..i + k).all(|j| self.is_namey(j) && !self.is_roleword(j)) && {
                    let m = title_at(i + k);
                    m > 0 && i + k + m < e && !self.d.flags(i + k).contains(Flags::DEMONYM)
                }
            }) {
                i += k;
            } else {
                break;
            }
        }
        i
    }

    /// The number of tokens of the longest title (or demonym, or country before a title) that
    /// starts at token `i` and ends before `e`; 0 if there is none. `phrase` is scratch space.
    fn title_at(&self, i: usize, e: usize, phrase: &mut String) -> usize {
        let f = self.d.flags(i);
        // Only a word that opens some multi-word entry needs its phrases looked up.
        let multi = f.contains(Flags::PHRASE_START);
        // Titles can be several words: `External Affairs Minister`.
        (1..=self.g.max_title_words.min(e.saturating_sub(i)))
            .rev()
            .find(|&n| {
                let title = if n == 1 {
                    f.intersects(Flags::TITLE | Flags::DEMONYM)
                } else {
                    multi && {
                        self.join_lows(i, i + n, phrase);
                        self.g.titles.contains(phrase.as_str()) || self.g.demonyms.contains_key(phrase.as_str())
                    }
                };
                // A country before a title is an affiliation: `U.S. President X`.
                title
                    || i + n < e
                        && self.is_roleword(i + n)
                        && if n == 1 {
                            f.contains(Flags::PLACE)
                        } else {
                            multi && {
                                self.join_lows(i, i + n, phrase);
                                self.g.places.contains_key(phrase.as_str())
                            }
                        }
            })
            .unwrap_or(0)
    }

    /// Is `[s, e)` a country, capital or demonym, in one word or several?
    fn is_place_phrase(&self, s: usize, e: usize) -> bool {
        let f = self.d.flags(s);
        if e == s + 1 {
            return f.intersects(Flags::PLACE | Flags::DEMONYM);
        }
        e > s + 1 && f.contains(Flags::PHRASE_START) && {
            let mut whole = String::new();
            self.join_lows(s, e, &mut whole);
            self.g.places.contains_key(&whole) || self.g.demonyms.contains_key(&whole)
        }
    }

    /// Writes the lowercase tokens `[s, e)` into `out`, separated by single spaces, as the
    /// multi-word entries of the lexicons are written.
    fn join_lows(&self, s: usize, e: usize, out: &mut String) {
        out.clear();
        for k in s..e {
            if k > s {
                out.push(' ');
            }
            out.push_str(self.low(k));
        }
    }

    fn is_org_run(&self, s: usize, e: usize) -> bool {
        let d = self.d;
        (s..e).any(|k| {
            let tk = &d.tokens[k];
            // `Doc::flags` is empty for anything but a word.
            let org_word = if tk.kind == Kind::Word { d.flags(k) } else { self.g.flags_of(d.tok(k)) }.contains(Flags::ORG_WORD);
            // The bytes are asked first: most words of a name are no capitals, and the text
            // need not be sliced to tell.
            org_word || may_be_caps(&d.text.as_bytes()[tk.start..tk.end]) && all_caps(d.tok(k))
        })
    }

    /// The country a lowercase word stands for (`ruritanian` → `ruritania`), or the word.
    fn country_or(&self, w: String) -> String {
        if !self.g.lower_flags(&w).intersects(Flags::DEMONYM | Flags::PLACE) {
            return w;
        }
        self.g.country_of(&w).map_or(w, str::to_string)
    }

    fn run_text(&self, s: usize, e: usize) -> String {
        let d = self.d;
        d.text[d.tokens[s].start..d.tokens[e - 1].end].to_string()
    }

    /// Classifies the core name `[s, e)`.
    fn kind_of(&self, s: usize, e: usize) -> EntityKind {
        if self.is_org_run(s, e) || (s..e).any(|k| self.is_low(k, "of")) {
            EntityKind::Organization
        } else if self.is_place_phrase(s, e) {
            EntityKind::Place
        } else {
            EntityKind::Person
        }
    }

    /// The maximal runs of name tokens in the article, outside quotes. `capitals` are the
    /// tokens that are namey or capitalized (`namey_tokens`): a name starts only at one of them.
    #[inline(never)]
    fn collect_names(&mut self, capitals: &[u32]) {
        let n = self.d.tokens.len();
        let d = self.d;
        // Headlines are in title case: every word would pass for a name there.
        let headline = &d.headline;
        // The first word of a sentence is capitalized whatever it is; it counts as a name only if
        // the article also capitalizes it elsewhere.
        let mut starts = vec![false; n];
        for s in &d.sentences {
            if let Some(k) = (s.start..s.end).find(|&k| d.tokens[k].kind == Kind::Word) {
                starts[k] = true;
            }
        }
        // The opening words that could start a name, sorted for binary search, and which of them
        // stand capitalized inside a sentence too; a mask of their lengths and end letters passes
        // over most capitalized words without a search.
        let mut openers: Vec<&str> = d.sentences.iter()
            .filter_map(|s| (s.start..s.end).find(|&k| d.tokens[k].kind == Kind::Word))
            .filter(|&k| self.is_namey(k) || self.is_cap(k) && self.is_title(k))
            .map(|k| d.tok(k))
            .collect();
        openers.sort_unstable();
        openers.dedup();
        let key_bit = |w: &str| {
            let b = w.as_bytes();
            let h = b.len() ^ usize::from(b.first().copied().unwrap_or(0)) << 2 ^ usize::from(b.last().copied().unwrap_or(0)) << 4;
            1u64 << (h & 63)
        };
        let keys = openers.iter().fold(0u64, |m, w| m | key_bit(w));
        let mut inside = vec![false; openers.len()];
        for &k in capitals {
            let k = k as usize;
            if !starts[k] && self.is_cap(k) && keys & key_bit(d.tok(k)) != 0 {
                if let Ok(at) = openers.binary_search(&d.tok(k)) {
                    inside[at] = true;
                }
            }
        }
        let capitalized_inside_has = |w: &str| openers.binary_search(&w).is_ok_and(|at| inside[at]);
        let mut phrase = String::new();
        // The paragraph of token `i`, followed along as `i` grows (as `Doc::para_at`).
        let mut para = 0;
        let mut in_headline = |pos: usize| {
            while para + 1 < d.paras.len() && d.paras[para + 1].0 <= pos {
                para += 1;
            }
            headline[para]
        };
        // The token after the last name run: a run starts no earlier.
        let mut next = 0;
        for &i in capitals {
            let i = i as usize;
            if i < next || !(self.is_namey(i) || self.is_cap(i) && self.is_title(i)) || self.in_dateline(i)
                || in_headline(d.tokens[i].start)
            {
                continue;
            }
            if starts[i] && !self.is_namey(i + 1) && !capitalized_inside_has(d.tok(i)) {
                continue;
            }
            // `Said Jane Roe, “Q”`: a reporting verb that opens a sentence is no part of the name.
            if starts[i] && INVERTING_CUES.contains(&self.low(i)) && !capitalized_inside_has(d.tok(i)) {
                continue;
            }
            let s = i;
            let mut e = i;
            while e < n
                && (self.is_namey(e) || self.is_cap(e) && self.is_title(e)
                    // The particle list is asked last: most runs end on a word before no name.
                    || e > s && self.is_namey(e + 1) && self.d.is_word(e) && NAME_PARTICLES.contains(&self.low(e))
                    || e > s && self.d.is_word(e) && self.low(e) == "of" && self.is_namey(e + 1) && self.is_org_run(s, e + 2))
            {
                e += 1;
            }
            next = e.max(s + 1);
            let core = self.strip_titles(s, e);
            if core >= e {
                continue;
            }
            let kind = self.kind_of(core, e);
            // Titles and affiliations just before the name: `Front leader X`, `foreign
            // minister X`, `Ruritania's Supreme Leader X`.
            let mut from = s;
            while from > 0 && s - from < 6 {
                let p = from - 1;
                let starts_title = self.is_lower_word(p) && self.d.flags(p).contains(Flags::PHRASE_START) && (2..=3).any(|n| {
                    self.join_lows(p, (p + n).min(s), &mut phrase);
                    phrase.contains(' ') && self.g.titles.contains(&phrase)
                });
                let ok = self.is_lower_word(p) && self.is_roleword(p)
                    || starts_title
                    || self.d.tokens[p].kind == Kind::Poss
                    || self.is_namey(p);
                if !ok {
                    break;
                }
                from = p;
            }
            let mut role = Vec::new();
            let mut affiliation = Vec::new();
            for p in from..core {
                let w = self.low(p);
                if let Some(c) = self.d.flags(p).contains(Flags::DEMONYM).then(|| self.g.demonyms.get(w)).flatten() {
                    affiliation.push(c.clone());
                } else if self.is_roleword(p) {
                    role.push(w.to_string());
                } else if self.is_namey(p) {
                    affiliation.push(w.to_string());
                }
            }
            // The written title: the longest run of title words that ends at the name.
            let title = (from..core)
                .find(|&t0| {
                    self.d.is_word(t0) && !self.d.flags(t0).contains(Flags::DEMONYM) && self.strip_titles(t0, core) == core
                })
                .map(|t0| self.run_text(t0, core))
                .unwrap_or_default();
            if !title.is_empty() {
                role.extend(title.to_lowercase().split_whitespace().map(str::to_string));
            }
            let affiliation = affiliation.into_iter().map(|a| self.country_or(a)).collect();
            let mut name = self.run_text(core, e);
            if kind == EntityKind::Organization && s < core && self.low(s) == "the" {
                name = self.run_text(s, e);
            }
            if kind == EntityKind::Person {
                for k in s..core {
                    match self.low(k).trim_end_matches('.') {
                        "mr" | "sir" | "king" | "prince" => {
                            self.genders.insert(fold(&name), "m");
                        }
                        "mrs" | "ms" | "miss" | "queen" | "princess" | "dame" | "lady" => {
                            self.genders.insert(fold(&name), "f");
                        }
                        _ => {}
                    }
                }
            }
            if e - core == 1 && kind == EntityKind::Person && !title.is_empty() {
                self.titled_surnames.entry(fold(&name)).or_default().push(fold(&title));
            }
            self.names.push(NameMention { pos: core, name, kind, role, affiliation, title });
        }
        self.bodies_named_by_one_word();
        // An apposition gives its role to the name: `the Ambassador to Ruritania, Jane Roe,`.
        for idx in 0..self.names.len() {
            let pos = self.names[idx].pos;
            if pos >= 2 && self.d.is_punct(pos - 1, ",") {
                // The apposition must be headed by an office, not a body (`a law firm, X`).
                // An office that owns the head names no role either (`achieve the group’s goals, X said`).
                let np = self.np_backward(pos - 1, pos.saturating_sub(12))
                    .filter(|&(_, ne)| !self.d.flags(ne - 1).contains(Flags::ORG_WORD))
                    .filter(|&(ns, ne)| match (ns..ne).rev().find(|&k| self.is_roleword(k)) {
                        Some(r) => !(r + 1..ne).any(|k| self.d.tokens[k].kind == Kind::Poss),
                        None => true,
                    });
                if let Some((ns, ne)) = np {
                    let words: Vec<String> = (ns..ne).filter(|&k| self.is_roleword(k)).map(|k| self.low(k).to_string()).collect();
                    let aff: Vec<String> = (ns..ne)
                        .filter(|&k| self.is_namey(k) && !self.is_roleword(k))
                        .map(|k| self.country_or(self.low(k).to_string()))
                        .collect();
                    if !words.is_empty() && self.names[idx].kind == EntityKind::Person {
                        self.names[idx].role.extend(words);
                        self.names[idx].affiliation.extend(aff);
                        if self.names[idx].title.is_empty() {
                            let from = if self.low(ns) == "the" { ns + 1 } else { ns };
                            if from < ne {
                                self.names[idx].title = self.run_text(from, ne);
                            }
                        }
                    }
                }
            }
        }
    }

    /// One-word names the article uses as a body's name: `the Roe official`, `Roe leader Jane
    /// Doe`, `the Roe group’s …`. A person's surname is not written so, and a word that ends a
    /// longer name of the article (`Jane Roe`) stays a person's.
    fn bodies_named_by_one_word(&mut self) {
        let surnames: Vec<&str> = self.names.iter()
            .filter(|m| m.kind == EntityKind::Person)
            .filter_map(|m| m.name.rsplit_once(' ').map(|(_, last)| last))
            .collect();
        let mut bodies: Vec<String> = Vec::new();
        for m in &self.names {
            let p = m.pos;
            // The word after the name is asked first: the lists of surnames and bodies are
            // searched through for the few names a member word follows.
            if m.kind != EntityKind::Person || p + 1 >= self.d.tokens.len() || !self.is_lower_word(p + 1)
                || !BODY_MEMBERS.contains(&self.low(p + 1)) || m.name.contains(' ')
                || surnames.contains(&m.name.as_str()) || bodies.contains(&m.name)
            {
                continue;
            }
            let determined = p > 0 && matches!(self.low(p - 1), "the" | "a" | "an");
            if determined || self.is_namey(p + 2) {
                bodies.push(m.name.clone());
            }
        }
        for m in &mut self.names {
            if m.kind == EntityKind::Person && bodies.contains(&m.name) {
                m.kind = EntityKind::Organization;
            }
        }
    }

    /// The fullest form of a person's name seen in the article: `Roe` →
    /// `Jane Roe`. Two different people with that surname leave it as it is.
    pub fn fullest(&self, name: &str) -> String {
        match self.person_of_name(name) {
            Some(p) => self.fullest_of(p).to_string(),
            None => self.compute_fullest(name),
        }
    }

    /// `role_of` the fullest name of person `p`, worked out once.
    fn person_title(&self, p: usize) -> String {
        let f = &self.person_facts[p];
        f.title.get_or_init(|| self.role_of(self.exact.str(self.fullest_id(p)))).clone()
    }

    /// `fullest`, worked out from the names of the article.
    fn compute_fullest(&self, name: &str) -> String {
        with_key(name, |folded| self.fuller_name(folded, folded.split_whitespace().count())).map_or_else(|| name.to_string(), |id| self.exact.str(id).to_string())
    }

    /// `fullest` of person `p`.
    fn fullest_of(&self, p: usize) -> &str {
        self.exact.str(self.fullest_id(p))
    }

    /// The longer name of the article that the lowercase name `folded` is short for, as an id
    /// of `exact`; `None` where the name is its own fullest form.
    /// `words` is the number of words of `folded`.
    fn fuller_name(&self, folded: &str, words: usize) -> Option<u32> {
        let mut best: Option<(u32, &str)> = None;
        for id in self.persons_ending_in(last_folded_word(folded)) {
            let m_folded = self.folded.str(self.written[id as usize].folded);
            if self.folded_words[self.written[id as usize].folded as usize] as usize > words && ends_with_words(m_folded, folded) {
                match best {
                    None => best = Some((id, m_folded)),
                    Some((_, b_folded)) => {
                        if ends_with_words(m_folded, b_folded) {
                            best = Some((id, m_folded));
                        } else if !ends_with_words(b_folded, m_folded) {
                            return None;
                        }
                    }
                }
            }
        }
        let (b, _) = best?;
        let b_name = self.exact.str(b);
        // `President Obama` … `Michelle Obama`: a surname written with a title the full name
        // never has may be someone else of that family.
        if words == 1 && let Some(ts) = self.titled_surnames.get(folded.trim()) {
            // The mentions written as the full name share its lowercase form.
            let info = &self.name_info[self.written[b as usize].folded as usize];
            let full_has = |t: &str| {
                self.mentions_of(info)
                    .any(|m| m.name == b_name && !m.title.is_empty() && with_key(&m.title, |k| k == t))
            };
            if ts.iter().any(|t| !full_has(t)) {
                return None;
            }
        }
        Some(b)
    }

    fn person_roles(&self, name: &str) -> (Vec<String>, Vec<String>) {
        let (mut role, mut aff) = (Vec::new(), Vec::new());
        with_key(name, |folded| {
            for info in self.forms_of(folded) {
                // Only asked whether a word is among them: the order does not matter, and each
                // word is kept once, as a role phrase asks them of many mentions.
                for n in self.mentions_of(info) {
                    for r in &n.role {
                        if !role.contains(r) {
                            role.push(r.clone());
                        }
                    }
                    for a in &n.affiliation {
                        if !aff.contains(a) {
                            aff.push(a.clone());
                        }
                    }
                }
            }
        });
        (role, aff)
    }

    /// The title written with a name in the article: `Foreign Minister`.
    pub fn role_of(&self, name: &str) -> String {
        with_key(name, |folded| {
            let mut best = "";
            for info in self.forms_of(folded) {
                let title = info.title.map_or("", |t| self.names[t as usize].title.as_str());
                if title.len() > best.len() {
                    best = title;
                }
            }
            best.to_string()
        })
    }

    // ----- speakers ----------------------------------------------------------------------------

    /// Resolves a speaker phrase to a name, or keeps it as written.
    pub fn speaker_of(&mut self, np: (usize, usize)) -> Option<(String, String, Resolution)> {
        self.speaker(np, true)
    }

    /// As `speaker_of`, without the role: a sentence's subject is resolved only to be noted for
    /// the pronouns after it, and working out its title would be wasted. What the resolution
    /// learns (a pronoun's gender, the latest anonymous speaker) is learned all the same.
    pub fn speaker_name_of(&mut self, np: (usize, usize)) -> Option<(String, Resolution)> {
        self.speaker(np, false).map(|(name, _, res)| (name, res))
    }

    /// `speaker_of`, the role left empty unless `with_role`.
    fn speaker(&mut self, np: (usize, usize), with_role: bool) -> Option<(String, String, Resolution)> {
        let (s, e) = np;
        if e - s == 1 {
            if let Some(p) = self.pronoun(s) {
                if p != Pronoun::Person {
                    // `they said`, `it calls`: the mention stands, the name is not guessed.
                    return Some((String::new(), String::new(), Resolution::AsWritten));
                }
                let want = if self.low(s) == "she" { "f" } else { "m" };
                let pos = s;
                let found = self
                    .salient
                    .iter()
                    .rev()
                    .filter(|n| n.pos < pos)
                    .filter_map(|n| self.salient_person(n))
                    .find(|(_, folded)| self.genders.get(folded).is_none_or(|g| *g == want));
                // No name to give: the pronoun still tells the quote is somebody's words.
                let Some((found, key)) = found.cloned() else { return Some((String::new(), String::new(), Resolution::AsWritten)) };
                self.genders.insert(key, want);
                let role = if with_role { self.role_of(&found) } else { String::new() };
                return Some((found, role, Resolution::Pronoun));
            }
        }
        let e = self.before_parenthesis(s, e);
        if let Some(found) = self.name_or_role(s, e, with_role) {
            return Some(found);
        }
        let written = self.run_text(s, e);
        if e - s == 1 && self.low(s) == "another" {
            let prev = self.last_anonymous.clone()?;
            let rest = prev.split_once(' ').map(|(_, r)| r)?;
            return Some((format!("another {rest}"), String::new(), Resolution::AsWritten));
        }
        if e - s == 1 && (self.is_det(s) || self.d.tokens[s].kind != Kind::Word) {
            return None;
        }
        if matches!(self.low(s), "one" | "a" | "an") {
            self.last_anonymous = Some(written.clone());
        }
        Some((written, String::new(), Resolution::AsWritten))
    }

    /// The end of a speaker phrase `[s, e)` without a closing parenthesis: `Jane Roe (Acme)`.
    fn before_parenthesis(&self, s: usize, e: usize) -> usize {
        if e - s > 2 && self.d.is_punct(e - 1, ")") {
            if let Some(o) = (s + 1..e).rev().find(|&k| self.d.is_punct(k, "(")) {
                return o;
            }
        }
        e
    }

    /// `speaker_of` a phrase that names somebody or is a definite role phrase resolved within the
    /// article; `None` for any other. Changes nothing: a subject can be resolved late.
    fn name_or_role(&self, s: usize, e: usize, with_role: bool) -> Option<(String, String, Resolution)> {
        // The name in the phrase: the last run of name words not followed by a possessive.
        let mut k = e;
        while k > s && !self.is_namey(k - 1) {
            k -= 1;
        }
        // `a Roe look-alike`, `the Roe campaign`: a lowercase head after the name describes
        // somebody else than the person named.
        let head_is_noun = k < e && (k..e).all(|i| self.is_lower_word(i) && self.is_plain_modifier(i));
        let head_is_role = self.is_roleword(e - 1) || head_is_noun
            || self.d.tokens.get(e).is_some_and(|t| t.kind == Kind::Poss);
        let trailing_pp = (s..e).any(|i| self.is_roleword(i))
            && (s..e).any(|i| self.d.is_word(i) && CONNECTORS.contains(&self.low(i)) && !self.low(i).eq("of"));
        if k > s && !head_is_role && !trailing_pp && self.d.tokens[k - 1].kind == Kind::Word
            && (k == e || self.d.tokens.get(k).is_none_or(|t| t.kind != Kind::Poss))
        {
            let mut b = k - 1;
            while b > s && (self.is_namey(b - 1) || NAME_PARTICLES.contains(&self.low(b - 1))
                || self.low(b - 1) == "of" && self.is_org_run(s, k))
            {
                b -= 1;
            }
            let core = self.strip_titles(b, k);
            if core < k {
                let kind = self.kind_of(core, k);
                let mut learned = None;
                let name = match kind {
                    // As `fullest`, keeping the person for the title below.
                    EntityKind::Person => {
                        let run = self.run_text(core, k);
                        learned = self.person_of_name(&run);
                        match learned {
                            Some(p) => self.fullest_of(p).to_string(),
                            None => self.compute_fullest(&run),
                        }
                    }
                    _ if b < core || b > s && self.low(b - 1) == "the" => {
                        let from = if b > s && self.low(b - 1) == "the" { b - 1 } else { core };
                        self.run_text(from, k)
                    }
                    _ => self.run_text(core, k),
                };
                // The title as written in the mention: `foreign minister`, `Supreme Leader Ayatollah`.
                if !with_role {
                    return Some((name, String::new(), Resolution::Name));
                }
                let mut role = (s..core)
                    .find(|&t| self.d.is_word(t) && !self.d.flags(t).contains(Flags::DEMONYM) && self.strip_titles(t, core) == core)
                    .map(|t| self.run_text(t, core))
                    .unwrap_or_default();
                if role.is_empty() && kind == EntityKind::Person {
                    role = match learned {
                        Some(p) => self.person_title(p),
                        None => self.role_of(&name),
                    };
                }
                return Some((name, role, Resolution::Name));
            }
        }
        // A role phrase: `the Front official`, `Ruritania's top diplomat`, `the directorate`.
        let definite = self.low(s) == "the" || (s..e).any(|i| self.d.tokens[i].kind == Kind::Poss);
        if definite {
            if let Some(name) = self.resolve_role(s, e, false) {
                let role = if !with_role || self.is_organization(&name) {
                    String::new()
                } else {
                    let learned = self.role_of(&name);
                    if learned.is_empty() {
                        self.run_text(s, e).trim_start_matches("the ").trim_start_matches("The ").to_string()
                    } else {
                        learned
                    }
                };
                return Some((name, role, Resolution::Role));
            }
        }
        None
    }

    /// The lowercase words of a role phrase, articles left out.
    fn phrase_words(&self, s: usize, e: usize) -> Vec<String> {
        (s..e).filter(|&i| self.d.is_word(i) && !self.is_the(i)).map(|i| self.low(i).to_string()).collect()
    }

    /// `phrase_words` joined by single spaces, written into `out`.
    fn join_phrase_words(&self, s: usize, e: usize, out: &mut String) {
        out.clear();
        for i in (s..e).filter(|&i| self.d.is_word(i) && !self.is_the(i)) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(self.low(i));
        }
    }

    /// The person (or organization) a definite role phrase stands for, the latest compatible one
    /// before it in the article.
    fn resolve_role(&self, s: usize, e: usize, strict: bool) -> Option<String> {
        let words = self.phrase_words(s, e);
        if let Some(org) = self.resolve_org(s, &words) {
            return org;
        }
        let query = self.role_query(&words)?;
        self.resolve_query(s, &query, strict)
    }

    /// `RoleQuery::parse` of a role phrase's words, parsed once per thread (`ROLE_QUERIES`).
    fn role_query(&self, words: &[String]) -> Option<Rc<RoleQuery>> {
        self.role_query_of(&words.join(" "))
    }

    /// `role_query` of the words joined by single spaces.
    fn role_query_of(&self, phrase: &str) -> Option<Rc<RoleQuery>> {
        ROLE_QUERIES.with(|cache| {
            let mut cache = cache.borrow_mut();
            let (grammar, parsed) = &mut *cache;
            // Read with other lexicons, or grown past bounds: started afresh.
            let g = self.g.id();
            if *grammar != g || parsed.len() >= ROLE_QUERIES_KEPT {
                parsed.clear();
                *grammar = g;
            }
            if let Some(q) = parsed.get(phrase) {
                return q.clone();
            }
            let q = RoleQuery::parse_phrase(phrase, self.g).map(Rc::new);
            parsed.insert(phrase.to_string(), q.clone());
            q
        })
    }

    /// An organization named by its head word: `the directorate` → `Directorate of …`; `None`
    /// if the phrase is no single word for a body.
    fn resolve_org(&self, s: usize, words: &[String]) -> Option<Option<String>> {
        let [head] = words else { return None };
        if !self.g.lower_flags(head).contains(Flags::ORG_WORD) {
            return None;
        }
        let before = self.names.partition_point(|m| m.pos < s);
        Some(
            self.names[before.saturating_sub(200)..before]
                .iter()
                .rev()
                .filter(|m| m.kind == EntityKind::Organization)
                .find(|m| m.name.to_lowercase().split_whitespace().any(|w| w == head))
                .map(|m| m.name.clone()),
        )
    }

    /// The latest person before token `s` that fits `query`.
    fn resolve_query(&self, s: usize, query: &RoleQuery, strict: bool) -> Option<String> {
        if !self.office_named(query) {
            return None;
        }
        // The latest mentions before the phrase; a role phrase refers back a short way.
        let before = self.names.partition_point(|m| m.pos < s);
        self.mention_person[before.saturating_sub(200)..before]
            .iter()
            .rev()
            .flatten()
            .find(|&&p| {
                let (role, affiliation) = self.person_roles_of(p);
                query.fits_with(role, affiliation, strict)
            })
            .map(|&p| self.fullest_of(p).to_string())
    }

    /// Could anybody of the article fit `query`? A person's roles are those of mentions of
    /// the article, so an office that no mention holds fits nobody: most role phrases ask for
    /// such an office, and need not work out the roles of every person before them.
    fn office_named(&self, query: &RoleQuery) -> bool {
        // Each distinct role word once, as (mention, index in its `role`).
        let roles = self.article_roles.get_or_init(|| {
            let mut all: Vec<(u32, u32)> = Vec::new();
            for (at, m) in self.names.iter().enumerate() {
                for (k, r) in m.role.iter().enumerate() {
                    if !all.iter().any(|&(a, j)| self.names[a as usize].role[j as usize] == *r) {
                        all.push((at as u32, k as u32));
                    }
                }
            }
            all
        });
        let held = |t: &str| roles.iter().any(|&(a, j)| self.names[a as usize].role[j as usize] == t);
        if query.generic {
            // `fits_with`: a generic head needs an affiliation or the head itself.
            !query.affiliations.is_empty() || held(&query.head)
        } else {
            query.titles.iter().filter(|t| !ROLE_MODIFIERS.contains(&t.as_str())).all(|t| held(t))
        }
    }

    /// Every definite role phrase of the article (`Ruritania's top diplomat`, `the Ruritanian leader`,
    /// `the Front official`), whether or not it names a speaker, with the name it resolves to
    /// within the article where it does.
    pub fn role_phrases(&self) -> Vec<RolePhrase> {
        let mut out = Vec::new();
        let n = self.d.tokens.len();
        // The phrase of each candidate, joined in scratch space: its words are listed only for
        // a phrase that names an office, as most candidates do not.
        let mut phrase = String::new();
        let mut i = 0;
        while i < n {
            let opener = self.is_the(i)
                || self.d.tokens[i].kind == Kind::Poss && i > 0 && self.is_namey(i - 1) && !self.is_known_person_word(i - 1);
            if !opener {
                i += 1;
                continue;
            }
            let start = if self.d.tokens[i].kind == Kind::Poss { i - 1 } else { i };
            let mut j = i + 1;
            while j < n && j < i + 5 && self.d.is_word(j) && !self.is_cue(j) && (self.is_namey(j) || self.is_lower_word(j)) && !self.is_function(j) {
                j += 1;
            }
            // The phrase ends on its head: a title or role word.
            let mut end = j;
            while end > i + 1 && !self.is_roleword(end - 1) {
                end -= 1;
            }
            // A title right before a name is part of that name's mention, not a role phrase.
            let titles_a_name = end < n && self.is_person_namey(end) && !self.is_roleword(end);
            if end > i + 1 && self.is_roleword(end - 1) && !titles_a_name && !(i + 1..end).any(|k| self.is_person_namey(k) && !self.d.flags(k).contains(Flags::ORG_WORD) && self.is_known_person_word(k)) {
                self.join_phrase_words(start, end, &mut phrase);
                if let Some(q) = self.role_query_of(&phrase) {
                    if !q.titles.is_empty() && !matches!(q.head.as_str(), "two" | "both") {
                        let words = self.phrase_words(start, end);
                        // `Ruritania’s top authority, Supreme Leader X,`: the apposition names it.
                        let apposed = self.d.is_punct(end, ",").then(|| self.np_forward(end + 1, n)).flatten()
                            .filter(|&np| self.names_somebody(np))
                            .and_then(|np| {
                                let k = (np.0..np.1).rev().find(|&k| self.is_person_namey(k))?;
                                let b = (np.0..=k).rev().take_while(|&b| self.is_namey(b)).last()?;
                                let core = self.strip_titles(b, k + 1);
                                (core <= k).then(|| self.fullest(&self.run_text(core, k + 1)))
                            });
                        // As `resolve_role` would, without parsing the phrase again.
                        let resolved = apposed.or_else(|| match self.resolve_org(start, &words) {
                            Some(org) => org,
                            None => self.resolve_query(start, &q, true),
                        });
                        out.push(RolePhrase { written: self.run_text(start, end), words, resolved });
                    }
                }
                i = end;
                continue;
            }
            i += 1;
        }
        out
    }

    /// Records a person as the latest one spoken of, for pronouns after it.
    pub fn note_salient(&mut self, pos: usize, name: &str) {
        let person = Some((name.to_string(), fold(name)));
        self.salient.push(Salient { pos, subject: None, person: OnceCell::from(person) });
    }

    /// Records the subject of a sentence as the latest one spoken of, if it is a person, for
    /// pronouns after it. Most subjects are never looked at by a pronoun: one that names
    /// somebody or is a role phrase changes nothing when resolved, so it is resolved only when
    /// first looked at. A pronoun (which reads and teaches genders) and an anonymous source
    /// (which `another` reads) are resolved now, in text order.
    pub fn note_subject(&mut self, np: (usize, usize)) {
        let (s, e) = np;
        if e - s == 1 && self.pronoun(s).is_some() || matches!(self.low(s), "one" | "a" | "an") {
            if let Some((name, res)) = self.speaker_name_of(np) {
                if res != Resolution::AsWritten && self.is_person(&name) {
                    self.note_salient(s, &name);
                }
            }
            return;
        }
        self.salient.push(Salient { pos: s, subject: Some(np), person: OnceCell::new() });
    }

    /// The person of a salient entry and the name in lowercase, resolving a subject the first
    /// time; `None` if the subject names no person.
    fn salient_person<'s>(&'s self, n: &'s Salient) -> Option<&'s (String, String)> {
        n.person
            .get_or_init(|| {
                let (s, e) = n.subject?;
                // As `note_subject` would have resolved it: `speaker_name_of`, which gives no
                // person past `name_or_role`.
                let (name, _, _) = self.name_or_role(s, self.before_parenthesis(s, e), false)?;
                self.is_person(&name).then(|| {
                    let folded = fold(&name);
                    (name, folded)
                })
            })
            .as_ref()
    }

    /// Is `name` a person (not an organization or place) as far as the article tells?
    pub fn is_person(&self, name: &str) -> bool {
        with_key(name, |f| {
            self.persons_ending_in(last_folded_word(f)).any(|id| is_form_of(f, self.folded.str(self.written[id as usize].folded)))
                && !self.g.lower_flags(f).intersects(Flags::PLACE | Flags::DEMONYM)
        })
    }

    // ----- clause structure -----------------------------------------------------------------

    /// Skips adverbs, auxiliaries and time words backwards from `i` (inclusive); returns the first
    /// index that is none of them.
    fn skip_adverbs_back(&self, mut i: usize, lo: usize) -> Option<usize> {
        loop {
            if i < lo {
                return None;
            }
            // `time and again`, `again and again`, `over and over`
            if i >= lo + 2 && matches!(self.low(i), "again" | "over") && self.low(i - 1) == "and"
                && matches!(self.low(i - 2), "time" | "again" | "over")
            {
                if i < 3 {
                    return None;
                }
                i -= 3;
                continue;
            }
            if self.is_adverb(i) || self.d.is_word(i) && self.low(i) == "on" && self.is_adverb(i + 1) || self.d.is_word(i) && self.low(i) == "not" {
                if i == 0 {
                    return None;
                }
                i -= 1;
            } else {
                return Some(i);
            }
        }
    }

    pub(crate) fn skip_adverbs_fwd(&self, mut i: usize, lim: usize) -> usize {
        while i < lim && (self.is_adverb(i) || self.d.is_word(i) && self.low(i) == "not") {
            i += 1;
        }
        i
    }

    /// The subject of the clause that starts at token `s` (skipping a leading adverbial or a
    /// leading quote), with the name of an apposition preferred to a bare title.
    pub fn clause_subject(&self, s: usize, lim: usize) -> Option<(usize, usize)> {
        let mut i = s;
        // The text after a dateline (`date 2023-10-15 Lisbon [Spain], October 15 :`).
        if s < lim && self.d.tokens[s].start < self.dateline.1 {
            while i < lim && self.d.tokens[i].start < self.dateline.1 {
                i += 1;
            }
        }
        // `“…,” he said, adding …`: the subject follows the opening quote.
        while i < lim && (self.d.quote_of(i).is_some() || self.d.is_punct(i, ",")) {
            i += 1;
        }
        let first = if i < lim { self.low(i) } else { "" };
        let comma_at = (i..lim.min(i + 7)).find(|&k| self.d.is_punct(k, ","));
        // `Conversely,` `Based on …,` `Twenty-two years ago,`
        let adverbial_word = self.is_cap(i)
            && (first.ends_with("ly") || first.ends_with("ed") || first.ends_with("ing"))
            && !self.is_known_person_word(i)
            || comma_at.is_some_and(|c| c > i && matches!(self.low(c - 1), "ago" | "later" | "earlier"));
        if i < lim && self.is_cap(i) && (self.is_function(i) || adverbial_word) && !self.is_det(i) && first != "the"
            && self.pronoun(i).is_none()
        {
            // A leading adverbial: `During the meeting,` `Earlier,` `In a call with X on Friday,`.
            match (i..lim).find(|&k| self.d.is_punct(k, ",")) {
                Some(comma) => {
                    i = comma + 1;
                    // `At a fair in Dayton, Ohio, the mayor said`: the adverbial's place runs on past
                    // its comma.
                    if let Some(np) = self.np_forward(i, lim) {
                        let place = (np.0..np.1).map(|k| self.low(k)).collect::<Vec<_>>().join(" ");
                        let known_place = self.g.places.contains_key(&place) || self.g.capitals.contains_key(&place);
                        // `City, State,` after a preposition: both names, the second closed by a comma.
                        let city_state = comma >= 2 && self.is_namey(comma - 1) && (np.0..np.1).all(|k| self.is_namey(k))
                            && (comma - 2..comma).any(|k| self.d.is_word(k) && matches!(self.low(k), "in" | "at" | "from"))
                            && self.np_forward(np.1 + 1, lim).is_some_and(|s| self.names_somebody(s) || self.pronoun(s.0).is_some());
                        if self.d.is_punct(np.1, ",") && (known_place || city_state) {
                            i = np.1 + 1;
                        }
                    }
                }
                // `On September 27 they published …`
                None => {
                    let p = (i..lim).find(|&k| self.pronoun(k).is_some_and(|p| p != Pronoun::Thing))?;
                    return Some((p, p + 1));
                }
            }
        }
        while i < lim && self.in_dateline(i) {
            i += 1;
        }
        let np = self.np_forward(i, lim)?;
        // `the country’s top authority, Supreme Leader Jane Roe, said`
        if !self.names_somebody(np) && self.d.is_punct(np.1, ",") {
            if let Some(app) = self.np_forward(np.1 + 1, lim) {
                if self.names_somebody(app) && (self.d.is_punct(app.1, ",") || self.is_cue(self.skip_adverbs_fwd(app.1, lim))) {
                    return Some(app);
                }
            }
        }
        Some(np)
    }

    /// The subject of the cue verb at `c`, looking back no further than `lo`.
    pub(crate) fn subject_of_cue(&self, c: usize, lo: usize) -> Option<(usize, usize)> {
        let low = self.low(c);
        if c > lo && self.low(c - 1) == "to" {
            // `… took to Twitter to accuse X of “Q”`, `going on to say that “Q”`
            return self.clause_subject(lo, c);
        }
        // `Ruritania is warning that …`: a progressive tense is a finite verb.
        let progressive = c > lo && matches!(self.low(c - 1), "is" | "are" | "was" | "were" | "been");
        if (PARTICIPLE_CUES.contains(&low) || low.ends_with("ing")) && !progressive {
            // `…, Jane Roe said, adding “Q”`: the participle goes with the verb before it.
            if c > lo + 1 && self.d.is_punct(c - 1, ",") {
                if let Some(v) = self.skip_adverbs_back(c - 2, lo) {
                    if v > lo && self.is_verb_cue(v) && !self.low(v).ends_with("ing") && self.low(v) != "according" {
                        return self.subject_of_cue(v, lo);
                    }
                }
            }
            // `footage of Jane Roe asking, “Q”`, `with its foreign minister saying`
            if c > lo && self.is_namey(c - 1) {
                return self.np_backward(c, lo);
            }
            // `Ruritanian media quoted X as saying`
            if low == "saying" && c >= 1 && self.low(c - 1) == "as" {
                if let Some(q) = (lo..c).rev().find(|&k| matches!(self.low(k), "quoted" | "cited")) {
                    return self.np_forward(q + 1, c - 1);
                }
            }
            return self.clause_subject(lo, c);
        }
        // `The bill was called a “disaster”`: a passive cue has no speaker for a subject.
        if c > lo && matches!(self.low(c - 1), "was" | "were" | "is" | "are" | "be" | "been" | "being") && self.low(c).ends_with("ed") {
            return None;
        }
        let i = self.skip_adverbs_back(c.checked_sub(1)?, lo)?;
        if self.pronoun(i).is_some() {
            return Some((i, i + 1));
        }
        let w = self.low(i);
        if w == "another" {
            return Some((i, i + 1));
        }
        if matches!(w, "who" | "which" | "that") && i > lo && self.d.is_punct(i - 1, ",") {
            return self.np_backward(i - 1, lo);
        }
        if self.d.is_punct(i, ",") {
            // `X, the Israeli ambassador, said` / `X, who …, said` / `X, president of Y, which
            // represents Z, said`: the phrase that opens the clause, before its appositions.
            let commas: Vec<usize> = (lo..i).rev().take(60).filter(|&k| self.d.is_punct(k, ",")).take(3).collect();
            let open = commas.first().copied();
            let inner = open.and_then(|o| self.np_forward(o + 1, i).filter(|np| np.1 == i));
            let mut nearest = None;
            for &o in &commas {
                // `Another delegate on the Acme slate, Jane Roe, said`: a phrase after a
                // preposition is no subject.
                let after_prep = |b: (usize, usize)| b.0 > lo && self.d.is_word(b.0 - 1) && PREPOSITIONS.contains(&self.low(b.0 - 1));
                if let Some(b) = self.np_backward(o, lo).filter(|&b| !after_prep(b)) {
                    nearest.get_or_insert(b);
                    let opens_clause = b.0 == lo || self.d.is_punct(b.0 - 1, ",") && !commas.contains(&(b.0 - 1))
                        || self.d.is_punct(b.0 - 1, ":") || self.d.quote_of(b.0 - 1).is_some();
                    if opens_clause && (self.names_somebody(b) || self.pronoun(b.0).is_some()) {
                        return Some(b);
                    }
                    if opens_clause {
                        return match inner {
                            Some(a) if self.names_somebody(a) && !self.names_somebody(b) => Some(a),
                            _ => Some(b),
                        };
                    }
                }
            }
            return match (nearest, inner) {
                (Some(b), Some(a)) if !self.names_somebody(b) && self.names_somebody(a) => Some(a),
                (Some(b), _) => Some(b),
                (None, Some(a)) => Some(a),
                _ => None,
            };
        }
        if matches!(w, "and" | "but" | "or") {
            return self.clause_subject(lo, i);
        }
        self.familiar_with(i, lo).or_else(|| self.np_backward(i + 1, lo))
    }

    /// `another source familiar with the talks said`: the phrase before `familiar with`, for a
    /// cue whose subject ends at `i`.
    fn familiar_with(&self, i: usize, lo: usize) -> Option<(usize, usize)> {
        {
            let f = (lo + 1..i).rev().take(8).find(|&k| {
                self.d.is_word(k) && matches!(self.low(k), "familiar" | "close") && self.d.is_word(k + 1)
                    && matches!(self.low(k + 1), "with" | "to")
            })?;
            if (f..i).any(|k| self.d.tokens[k].kind == Kind::Punct || self.d.quote_of(k).is_some()) {
                return None;
            }
            if f == lo + 1 && self.low(lo) == "another" {
                return Some((lo, lo + 1));
            }
            self.np_backward(f, lo).filter(|np| np.0 == lo || self.d.is_punct(np.0 - 1, ",") || self.is_det(np.0))
        }
    }

    // ----- the sieves -----------------------------------------------------------------------------

    fn found(&mut self, sieve: &'static str, np: (usize, usize), cue: Option<(usize, usize)>) -> Option<Attribution> {
        let (speaker, role, resolution) = self.speaker_of(np)?;
        let d = self.d;
        let cue = cue.map(|(a, b)| (d.tokens[a].start, d.tokens[b - 1].end));
        Some(Attribution { sieve, mention: np, cue, speaker, role, resolution })
    }

    /// `“Q,” S said` / `“Q,” said S` / `“Q,” S, the X, said` / `“Q,” X quoted S as saying`.
    fn quote_then_cue(&mut self, q: usize, lim: usize) -> Option<Attribution> {
        let mut j = q + 1;
        if self.d.is_punct(j, ",") {
            j += 1;
        }
        if j >= lim {
            return None;
        }
        let j = self.skip_adverbs_fwd(j, lim);
        if self.is_cue(j) && !NOUNLIKE_CUES.contains(&self.low(j)) {
            let np = match self.np_forward(j + 1, lim) {
                Some(mut np) => {
                    // `said a Jane Roe look-alike`: a lowercase head after the name is part of
                    // the mention and names somebody else.
                    let h = np.1;
                    if self.is_det(np.0) && h < lim && self.is_lower_word(h) && !self.is_cue(h) && !self.is_adverb(h)
                        && !self.is_function(h) && self.is_namey(h - 1)
                        && (h + 1 >= lim || self.d.tokens[h + 1].kind == Kind::Punct)
                    {
                        np.1 = h + 1;
                    }
                    np
                }
                // `said retired surgeon Jane Roe`: a description in words the lexicon does not
                // know, before a name.
                None => {
                    let s = j + 1;
                    let m = (s..lim.min(s + 3)).take_while(|&k| self.is_lower_word(k) && !self.is_cue(k) && !self.is_adverb(k)
                        && !self.is_function(k) && !PREPOSITIONS.contains(&self.low(k))).count();
                    let np = self.np_forward(s + m, lim).filter(|&np| m > 0 && self.names_somebody(np))?;
                    (s, np.1)
                }
            };
            return self.found("quote_then_cue", np, Some((j, j + 1)));
        }
        // `“Q,” he said` needs no more; a name must be followed by its verb.
        let np = self.np_forward(j, lim)?;
        let mut k = self.skip_adverbs_fwd(np.1, lim);
        // Appositions or relative clauses before the verb:
        // `X, the Republican attorney general of Oklahoma, one of the states suing, said`.
        if self.d.is_punct(k, ",") && !self.is_cue(k) {
            let mut found_cue = None;
            for c in (k + 1..lim.min(k + 40)).filter(|&m| self.d.is_punct(m, ",")).take(5) {
                let after = self.skip_adverbs_fwd(c + 1, lim);
                if self.is_cue(after) {
                    found_cue = Some(after);
                    break;
                }
            }
            k = found_cue?;
        }
        // A described speaker with a trailing phrase: `a spokesman for the agency said`.
        // A named speaker with a trailing affiliation: `Jane Roe of the Center for Peace Studies wrote`.
        if !self.is_cue(k) && self.d.is_word(k) && CONNECTORS.contains(&self.low(k))
            && ((np.0..np.1).any(|i| self.is_roleword(i)) || self.names_somebody(np))
        {
            let described = (np.0..np.1).any(|i| self.is_roleword(i));
            let from = k;
            k = (k + 1..lim.min(k + 7))
                .take_while(|&m| self.d.is_word(m) && !self.is_verb_like_stop(m) && self.low(m) != "where")
                .find(|&m| self.is_cue(m))
                .unwrap_or(k);
            // The person, not the institution after `of`: `Jane Roe of the Center`.
            if k != from && !described {
                if let Some(p) = (np.0 + 1..np.1).find(|&i| self.d.is_word(i) && CONNECTORS.contains(&self.low(i))) {
                    if self.names_somebody((np.0, p)) && self.is_cue(k) {
                        return self.found("quote_then_cue", (np.0, p), Some((k, k + 1)));
                    }
                }
            }
        }
        // Two speakers: `Jane Roe and John Doe wrote`; the first stands for both.
        if !self.is_cue(k) && self.d.is_word(k) && self.low(k) == "and" && self.names_somebody(np) {
            if let Some(second) = self.np_forward(k + 1, lim).filter(|&b| self.names_somebody(b)) {
                let c = self.skip_adverbs_fwd(second.1, lim);
                if self.is_cue(c) && !NOUNLIKE_CUES.contains(&self.low(c)) {
                    return self.found("quote_then_cue", np, Some((c, c + 1)));
                }
            }
        }
        if !self.is_cue(k) && !self.is_reply_verb(k, lim) {
            return None;
        }
        if matches!(self.low(k), "quoted" | "cited") {
            let x = self.np_forward(k + 1, lim)?;
            let as_ = x.1;
            if as_ + 1 < lim && self.low(as_) == "as" && self.low(as_ + 1) == "saying" {
                return self.found("quoted_as_saying", x, Some((k, k + 1)));
            }
        }
        self.found("quote_then_cue", np, Some((k, k + 1)))
    }

    /// `…, he “Q,” said S.`: an attribution right after a quote that closes the sentence, which
    /// outranks a cue earlier in the sentence.
    fn closing_attribution(&mut self, q: usize, lim: usize) -> Option<Attribution> {
        let a = self.quote_then_cue(q, lim)?;
        let (cue_start, cue_end) = a.cue?;
        // `X claimed Y “Q,” the agency reported`: a report passes X's words on; X stays the source.
        if self.d.text[cue_start..cue_end].to_lowercase().starts_with("report") {
            return None;
        }
        let last = a.mention.1.max(self.d.tokens.partition_point(|t| t.end <= cue_end));
        let mut rest_is_punct = (last..lim).all(|k| self.d.tokens[k].kind == Kind::Punct && !self.d.is_punct(k, ","));
        // `… — “Q?” asked Jane Roe, a partner at a law firm.`: an apposition may close the sentence.
        if !rest_is_punct && self.d.is_punct(last, ",") && self.names_somebody(a.mention) {
            rest_is_punct = (last + 1..lim).all(|k| self.d.quote_of(k).is_none() && !self.is_verb_cue(k));
        }
        let adjacent = (q + 1..a.mention.0.min(last)).all(|k| self.d.tokens[k].kind == Kind::Punct || self.is_cue(k) || self.is_adverb(k));
        (rest_is_punct && adjacent).then_some(a)
    }

    /// A quote whose words are all capitalized (or short): the name of a work or a show.
    fn is_titled(&self, q: usize) -> bool {
        let inner = quote_words(self.d.tok(q));
        inner.split_whitespace().all(|w| !w.starts_with(|c: char| c.is_lowercase()) || w.len() <= 3)
    }

    /// `“Q,” said the 46-year-old.`, `“Q,” the paper’s editorial board wrote.`: a cue right
    /// after the quote with a described speaker the phrase rules do not read; the words between
    /// the quote and the cue (or between the cue and the clause end) are the speaker.
    fn quote_then_phrase(&mut self, q: usize, lim: usize) -> Option<Attribution> {
        let mut j = q + 1;
        if self.d.is_punct(j, ",") {
            j += 1;
        }
        let j = self.skip_adverbs_fwd(j, lim);
        let inside = |k: usize| {
            matches!(self.d.tokens[k].kind, Kind::Word | Kind::Poss | Kind::Number) && !self.is_verb_like_stop(k)
                || self.d.is_punct(k, "-")
        };
        // A determiner, a name or a title opens a speaker phrase; a lowercase verb does not
        // (`“Q,” features five …`).
        let opens = |k: usize| self.d.is_word(k) && (self.is_det(k) || self.low(k) == "the" || self.is_namey(k) || self.is_roleword(k));
        if self.is_titled(q) {
            return None;
        }
        if j < lim && self.is_cue(j) && !NOUNLIKE_CUES.contains(&self.low(j)) {
            let s = j + 1;
            let e = (s..lim).find(|&k| !inside(k)).unwrap_or(lim);
            let closes = e == lim || self.d.tokens[e].kind == Kind::Punct || self.is_verb_like_stop(e);
            if e > s && e - s <= 8 && closes && opens(s) && !(s..e).any(|k| self.is_cue(k)) {
                return self.found("quote_then_phrase", (s, e), Some((j, j + 1)));
            }
            return None;
        }
        let k = (j..lim.min(j + 8)).take_while(|&k| inside(k)).find(|&k| k > j && self.is_verb_cue(k))?;
        // The phrase ends before an auxiliary: `a reporter can be heard asking`.
        let e = (j..k).find(|&m| self.is_lower_word(m) && AUXILIARIES.contains(&self.low(m))).unwrap_or(k);
        let e = self.skip_adverbs_back(e - 1, j)? + 1;
        if e <= j || !opens(j) {
            return None;
        }
        self.found("quote_then_phrase", (j, e), Some((k, k + 1)))
    }

    /// A verb that reports speech only right after a quote and its speaker: `“Q,” she went
    /// on.`, `“Q,” he shot back.`, `“Q,” the host pressed.` A past tense closing the clause
    /// there says how the words were spoken.
    fn is_reply_verb(&self, k: usize, lim: usize) -> bool {
        if !self.is_lower_word(k) || self.is_function(k) {
            return false;
        }
        let w = self.low(k);
        let next = if k + 1 < lim { self.low(k + 1) } else { "" };
        let phrasal = matches!((w, next), ("went" | "goes" | "go", "on") | ("shot" | "fired", "back") | ("points", "out") | ("chimed", "in"));
        let closes = k + 1 >= lim || self.d.tokens[k + 1].kind == Kind::Punct;
        phrasal || w.ends_with("ed") && closes
    }

    /// A word that ends a noun phrase's trailing phrase: a relative pronoun or a conjunction.
    fn is_verb_like_stop(&self, i: usize) -> bool {
        matches!(self.low(i), "who" | "which" | "that" | "and" | "but" | "or" | "as" | "when")
    }

    /// `S said: “Q”` and `S: “Q”`.
    fn colon_quote(&mut self, q: usize, lo: usize) -> Option<Attribution> {
        if q == 0 || !self.d.is_punct(q - 1, ":") || q - 1 <= lo {
            return None;
        }
        let c = q - 2;
        if self.is_cue(c) {
            let np = self.subject_of_cue(c, lo)?;
            return self.found("cue_colon_quote", np, Some((c, c + 1)));
        }
        let np = self.np_backward(q - 1, lo)?;
        if np.0 != lo && !self.after_dash(np.0, lo) {
            return None;
        }
        self.found("speaker_colon_quote", np, None)
    }

    /// `Jane Roe released the following statement: “Q”`, `John Doe delivered a blunt message to
    /// the council: “Q”`: a clause whose object names words, closed by a colon; the subject of the
    /// clause is the speaker.
    fn statement_colon(&mut self, q: usize, lo: usize) -> Option<Attribution> {
        if q < 3 || !self.d.is_punct(q - 1, ":") || q - 1 <= lo {
            return None;
        }
        let (np, n) = self.statement_clause(q - 1, lo)?;
        self.found("statement_colon", np, Some((n, n + 1)))
    }

    /// `She offered up this line:` right before the quote, when no cue or other sieve spoke.
    fn colon_clause(&mut self, q: usize, lo: usize) -> Option<Attribution> {
        if q < 3 || !self.d.is_punct(q - 1, ":") || q - 1 <= lo {
            return None;
        }
        let np = self.colon_clause_subject(q - 1, lo)?;
        self.found("colon_clause", np, None)
    }

    /// `She then listed the qualities a nominee needs:`: a person or personal pronoun as subject,
    /// right before a verb in the past, in a clause closed by the colon at `colon`.
    fn colon_clause_subject(&self, colon: usize, lo: usize) -> Option<(usize, usize)> {
        let np = self.clause_subject(lo, colon)?;
        let person = self.names_somebody(np) || self.pronoun(np.0).is_some_and(|p| p == Pronoun::Person);
        let verb = (np.1..colon).find(|&k| self.d.is_word(k) && !self.is_cap(k) && self.low(k).ends_with("ed"));
        let clean = (lo..colon).all(|k| self.d.quote_of(k).is_none());
        (person && clean && verb.is_some_and(|v| v == self.skip_adverbs_fwd(np.1, colon))).then_some(np)
    }

    /// The subject of the clause from `lo` to the colon at `colon`, when its object names words.
    fn statement_clause(&self, colon: usize, lo: usize) -> Option<((usize, usize), usize)> {
        let from = colon.saturating_sub(5).max(lo + 1);
        let n = (from..colon).rev().find(|&k| {
            self.d.is_word(k) && (self.g.speech_nouns.contains(self.low(k)) || self.low(k) == "following" && self.low(k - 1) == "the")
        })?;
        // The clause runs from the sentence start to the colon, with no quote or other colon in it.
        if (lo..colon).any(|k| self.d.quote_of(k).is_some() || self.d.is_punct(k, ":")) {
            return None;
        }
        let np = self.clause_subject(lo, n)?;
        if np.1 >= n || !(self.names_somebody(np) || self.pronoun(np.0).is_some_and(|p| p != Pronoun::Thing)) {
            return None;
        }
        // A verb must stand between the subject and the noun: `Jane Roe issued a statement:`.
        if !(np.1..n).any(|k| self.d.is_word(k) && !self.is_cap(k) && (self.low(k).ends_with("ed") || self.is_cue(k))) {
            return None;
        }
        Some((np, n))
    }

    /// `As Jane Roe, the party whip, put it: “Q”`.
    fn as_put_it(&mut self, q: usize, lo: usize) -> Option<Attribution> {
        if q < lo + 5 || !(self.d.is_punct(q - 1, ":") || self.d.is_punct(q - 1, ",")) || self.low(q - 2) != "it" {
            return None;
        }
        let put = self.skip_adverbs_back(q - 3, lo)?;
        if !matches!(self.low(put), "put" | "puts") {
            return None;
        }
        let a = (lo..put).rev().take(30).find(|&k| self.low(k) == "as" && (k == lo || self.d.is_punct(k - 1, ",")))?;
        let np = self.np_forward(a + 1, put)?;
        if !(self.names_somebody(np) || self.pronoun(np.0).is_some_and(|p| p != Pronoun::Thing)) {
            return None;
        }
        let closes = np.1 == put || self.d.is_punct(np.1, ",") && self.d.is_punct(put - 1, ",")
            && (np.1 + 1..put - 1).all(|k| self.d.quote_of(k).is_none() && !self.is_verb_cue(k));
        if !closes {
            return None;
        }
        self.found("as_put_it", np, Some((put, put + 1)))
    }

    /// `…, explained Jane Roe, “Q”`, `Said John Doe, who grew up nearby, “Q”`: a reporting verb
    /// that opens a clause, followed by its speaker and a comma or colon before the quote.
    fn inverted_cue_quote(&mut self, q: usize, lo: usize) -> Option<Attribution> {
        if q < 3 || !(self.d.is_punct(q - 1, ",") || self.d.is_punct(q - 1, ":")) {
            return None;
        }
        let c = (lo..q - 1).rev().take(25).find(|&k| {
            self.d.is_word(k) && INVERTING_CUES.contains(&self.low(k))
                && (k == lo || self.d.is_punct(k - 1, ",") || self.d.quote_of(k - 1).is_some())
        })?;
        if c > lo && !self.d.is_punct(c - 1, ",") && self.d.quote_of(c - 1).is_none() {
            return None;
        }
        let np = self.np_forward(c + 1, q - 1)?;
        if !self.names_somebody(np) || self.pronoun(np.0).is_some() {
            return None;
        }
        // The name runs to the comma before the quote, or is followed by an apposition
        // (`, who …,` / `, a historian at …,`) that does.
        let closes = np.1 == q - 1
            || self.d.is_punct(np.1, ",") && (np.1 + 1..q - 1).all(|k| self.d.quote_of(k).is_none() && !self.is_verb_cue(k) && !self.d.is_punct(k, ":"))
                && (self.d.is_punct(q - 1, ","));
        if !closes {
            return None;
        }
        self.found("inverted_cue_quote", np, Some((c, c + 1)))
    }

    /// `HEADLINE - Jane Roe and John Doe: “Q”`: a name (or two joined by `and`) set off by a dash
    /// from what goes before, as in a digest of quotes under headings.
    fn after_dash(&self, mut s: usize, lo: usize) -> bool {
        if s >= 2 && self.low(s - 1) == "and" {
            if let Some(first) = self.np_backward(s - 1, lo) {
                s = first.0;
            }
        }
        s > lo && self.d.tokens[s - 1].kind == Kind::Punct && matches!(self.d.tok(s - 1), "-" | "—" | "–" | "--")
            && (s..s + 1).all(|k| self.is_namey(k))
    }

    /// `S said (that) “Q”`, `S called X “Q”`, `S accused X of “Q”`: the nearest cue before the quote.
    fn cue_then_quote(&mut self, q: usize, lo: usize) -> Option<Attribution> {
        let cues: Vec<usize> = (lo..q).rev().filter(|&k| self.is_verb_cue(k) && self.low(k) != "according").take(3).collect();
        for c in cues {
            if let Some(mut np) = self.subject_of_cue(c, lo) {
                // `She said she recalls …`, `X said that Y called it “Q”`: the source is the
                // subject of the outer clause, which reports the inner one.
                if np.0 > lo + 1 {
                    let mut b = np.0 - 1;
                    if self.low(b) == "that" && b > lo {
                        b -= 1;
                    }
                    if self.is_verb_cue(b) && self.low(b) != "according" {
                        if let Some(outer) = self.subject_of_cue(b, lo) {
                            np = outer;
                        }
                    } else if let Some(outer) = self.reporting_clause_subject(np.0, lo) {
                        np = outer;
                    }
                }
                // A phrase after a preposition is no subject: `of Republican claims`.
                let participle = self.low(c).ends_with("ing") && c > 0 && self.is_namey(c - 1);
                let after_prep = !participle && np.0 > lo && self.d.is_word(np.0 - 1) && PREPOSITIONS.contains(&self.low(np.0 - 1));
                if after_prep {
                    continue;
                }
                if let Some(a) = self.found("cue_then_quote", np, Some((c, c + 1))) {
                    return Some(a);
                }
            }
        }
        None
    }

    /// `Jane Roe said she expected that voters will say “Q”`: a reporting verb a few words
    /// before an inner subject, in the same clause (no punctuation between), whose own subject
    /// is the source.
    fn reporting_clause_subject(&self, inner: usize, lo: usize) -> Option<(usize, usize)> {
        let from = inner.saturating_sub(6).max(lo + 1);
        let b = (from..inner)
            .rev()
            .take_while(|&k| self.d.tokens[k].kind != Kind::Punct && self.d.quote_of(k).is_none())
            .filter(|&k| self.is_verb_cue(k) && !self.low(k).ends_with("ing") && !matches!(self.low(k), "according" | "to"))
            .last()?;
        // Coordinated clauses each have their own subject: `a woman asked for a photo and X said`.
        // `footage of Jane Roe saying “Q”`: a subject after a preposition is no clause's.
        let inner_after_prep = self.d.is_word(inner - 1) && PREPOSITIONS.contains(&self.low(inner - 1));
        if inner_after_prep || self.pronoun(inner).is_some() || (b + 1..inner).any(|k| self.is_verb_like_stop(k) && self.low(k) != "that") {
            return None;
        }
        let outer = self.subject_of_cue(b, lo)?;
        let after_prep = outer.0 > lo && self.d.is_word(outer.0 - 1) && PREPOSITIONS.contains(&self.low(outer.0 - 1));
        (outer.1 <= b && !after_prep).then_some(outer)
    }

    /// `Trump’s claim that there were “Q”`: a speech noun owned by the speaker.
    fn speech_noun(&mut self, q: usize, lo: usize) -> Option<Attribution> {
        let n = (lo..q).rev().take(12).find(|&k| self.d.is_word(k) && self.g.speech_nouns.contains(self.low(k)))?;
        if n < lo + 2 || self.d.tokens[n - 1].kind != Kind::Poss {
            return None;
        }
        let np = self.np_backward(n - 1, lo)?;
        self.found("speech_noun", np, Some((n, n + 1)))
    }

    /// `according to S`, anywhere in the sentence.
    fn according_to(&mut self, lo: usize, lim: usize) -> Option<Attribution> {
        for a in lo..lim.saturating_sub(1) {
            if !self.d.is_word(a) {
                continue;
            }
            let (w, n) = (self.low(a), self.low(a + 1));
            let width = if w == "according" && n == "to" || w == "as" && n == "per" {
                2
            } else if w == "per" && (self.is_det(a + 1) || self.is_namey(a + 1)) {
                1
            } else if w == "as" {
                // `as The Daily Post put it`, `as the columnist puts it`
                match self.np_forward(a + 1, lim) {
                    Some(np) if matches!(self.low(np.1), "put" | "puts") && self.low(np.1 + 1) == "it" => {
                        return self.found("according_to", np, Some((np.1, np.1 + 2)));
                    }
                    _ => continue,
                }
            } else {
                continue;
            };
            if let Some(np) = self.np_forward(a + width, lim) {
                return self.found("according_to", np, Some((a, a + width)));
            }
        }
        None
    }

    /// `“Q” — S`
    fn dash_speaker(&mut self, q: usize, lim: usize) -> Option<Attribution> {
        let j = q + 1;
        if j < lim && self.d.tokens[j].kind == Kind::Punct && matches!(self.d.tok(j), "—" | "–" | "―" | "-" | "--") {
            let np = self.np_forward(j + 1, lim)?;
            if (np.0..np.1).any(|k| self.is_namey(k)) {
                return self.found("dash_speaker", np, None);
            }
        }
        None
    }

    /// `…, S said.` / `…, said S.` closing the sentence after the quote.
    fn sentence_final_cue(&mut self, q: usize, lim: usize) -> Option<Attribution> {
        let mut end = lim;
        while end > q + 1 && self.d.tokens[end - 1].kind == Kind::Punct && !self.d.is_punct(end - 1, ",") {
            end -= 1;
        }
        let commas: Vec<usize> = (q + 1..end).filter(|&k| self.d.is_punct(k, ",")).collect();
        for comma in commas {
            let j = comma + 1;
            // The clause must close: at a comma, the sentence end, or a phrase like `in a statement`.
            let closes = |k: usize| {
                k + 1 >= end
                    || self.d.is_punct(k + 1, ",")
                    || self.d.is_word(k + 1) && matches!(self.low(k + 1), "in" | "on" | "at" | "during" | "to" | "from" | "after" | "before")
            };
            if self.is_cue(j) {
                if let Some(np) = self.np_forward(j + 1, end) {
                    if np.1 >= end || self.d.is_punct(np.1, ",") {
                        return self.found("sentence_final_cue", np, Some((j, j + 1)));
                    }
                }
                continue;
            }
            let Some(np) = self.np_forward(j, end) else { continue };
            let k = self.skip_adverbs_fwd(np.1, end);
            if k < end && self.is_verb_cue(k) && closes(k) {
                return self.found("sentence_final_cue", np, Some((k, k + 1)));
            }
        }
        None
    }

    /// `Reid has gone after Trump as a “spoiled brat”`: a characterization of somebody by the
    /// subject of the sentence.
    fn as_quote(&mut self, q: usize, lo: usize) -> Option<Attribution> {
        let mut k = q.checked_sub(1)?;
        if k > lo && self.is_det(k) {
            k -= 1;
        }
        if k <= lo || self.low(k) != "as" {
            return None;
        }
        let np = self.clause_subject(lo, k)?;
        if !(self.names_somebody(np) || self.pronoun(np.0).is_some()) {
            return None;
        }
        self.found("as_quote", np, None)
    }

    /// `The mayor also regretted a mood in which neighbours “no longer talk”`: a quote
    /// inside a sentence with no cue is the words of the person the sentence is about.
    fn sentence_subject(&mut self, q: usize, lo: usize) -> Option<Attribution> {
        // A short fragment or a title is the writer's own (scare quotes, names of works).
        let inner = quote_words(self.d.tok(q));
        if inner.split_whitespace().count() <= 3 && !inner.ends_with(['.', '!', '?', ',']) || self.is_titled(q) {
            return None;
        }
        let np = self.clause_subject(lo, q)?;
        // Only a person the article names elsewhere: a capitalized opening word (`Prices are …`,
        // `Reports of …`, a headline in capitals) is no speaker.
        let person = (np.0..np.1).any(|k| self.is_person_namey(k) && !self.is_acronym(k) && self.is_known_person_word(k)
            && !self.d.tok(k).chars().all(|c| !c.is_lowercase()));
        if np.1 >= q || !(person && self.names_somebody(np) || self.pronoun(np.0) == Some(Pronoun::Person)) {
            return None;
        }
        // Another person between the subject and the quote may be the one quoted:
        // `The mayor sat through a speech by the governor, who said that taxes …`.
        let other = (np.1..q).any(|k| {
            self.is_person_namey(k) && self.is_known_person_word(k)
                || matches!(self.pronoun(k), Some(Pronoun::Person | Pronoun::Plural))
                || self.d.is_word(k) && self.low(k) == "who"
        });
        if other {
            return None;
        }
        self.found("sentence_subject", np, None)
    }

    /// A quote standing alone as a sentence after a sentence that names its speaker:
    /// `…, Schiff said. “Q”` or `Sen. X, who …, identified … . “Q”`.
    fn previous_subject(&mut self, q: usize) -> Option<Attribution> {
        let si = self.d.sentence_of[q];
        let sent = self.d.sentences[si];
        let alone = (sent.start..sent.end).all(|k| k == q || self.d.tokens[k].kind == Kind::Punct);
        if !alone || si == 0 {
            return None;
        }
        let prev = self.d.sentences[si - 1];
        if (prev.start..prev.end).any(|k| self.d.quote_of(k).is_some()) {
            return None;
        }
        if prev.para != sent.para {
            return self.previous_paragraph_cue(q, prev);
        }
        if let Some(a) = self.sentence_final_cue(prev.start, prev.end) {
            return Some(Attribution { sieve: "previous_subject", ..a });
        }
        let np = self.clause_subject(prev.start, prev.end)?;
        if !self.names_somebody(np) && self.pronoun(np.0) != Some(Pronoun::Person) {
            return None;
        }
        self.found("previous_subject", np, None)
    }

    /// A paragraph that is nothing but a quote, after a paragraph closing with `X said that …`:
    /// the quote bears out what X was reported to say.
    fn previous_paragraph_cue(&mut self, q: usize, prev: crate::text::Sentence) -> Option<Attribution> {
        let sent = self.d.sentences[self.d.sentence_of[q]];
        if prev.para + 1 != sent.para {
            return None;
        }
        // `S said:` is the colon sieve's where it can read it.
        if self.d.is_punct(prev.end - 1, ":") {
            if let Some(a) = self.colon_paragraph(q, sent.para) {
                return Some(a);
            }
        }
        let (ps, pe) = self.d.paras[sent.para];
        let whole = (0..self.d.tokens.len())
            .filter(|&k| self.d.tokens[k].start >= ps && self.d.tokens[k].start < pe)
            .all(|k| k == q || matches!(self.d.tokens[k].kind, Kind::Punct | Kind::Para));
        if !whole {
            return None;
        }
        let c = (prev.start..prev.end).find(|&k| self.is_verb_cue(k) && self.low(k) != "according")?;
        let np = self.subject_of_cue(c, prev.start)?;
        if !self.names_somebody(np) && self.pronoun(np.0) != Some(Pronoun::Person) {
            return None;
        }
        self.found("previous_subject", np, Some((c, c + 1)))
    }

    /// Runs the sieves for the quote at token `q` and records salient persons.
    pub fn attribute(&mut self, q: usize, prev: Option<&(usize, Attribution)>) -> Option<Attribution> {
        let si = self.d.sentence_of[q];
        let sent = self.d.sentences[si];
        // A window around the quote keeps the work per quote bounded in run-on text.
        const WINDOW: usize = 80;
        let (lo, lim) = (sent.start.max(q.saturating_sub(WINDOW)), sent.end.min(q + WINDOW));
        let at_start = (lo..q).all(|k| self.d.tokens[k].kind == Kind::Punct) || q > lo && self.d.is_punct(q - 1, ":");
        let has_cue_before = (lo..q).any(|k| self.is_cue(k));
        // A quote in mid-sentence is followed by its attribution only where it ends a clause.
        let inner = self.d.tok(q).trim_end_matches(|c: char| !keeps_quote_end(c));
        let clause_end = inner.ends_with([',', '.', '!', '?']) || self.d.is_punct(q + 1, ",");
        let trailing_ok = at_start || clause_end;
        // `Y said “Q”, according to X`: X reports Y's words and is the source, wherever the
        // phrase stands in the sentence.
        let mut a = None;
        if (lo..lim.saturating_sub(1)).any(|k| self.is_low(k, "according") && self.is_low(k + 1, "to")) {
            a = self.according_to(lo, lim);
        }
        if a.is_none() && (at_start || !has_cue_before && trailing_ok) {
            a = self.quote_then_cue(q, lim);
        }
        // `“A,” he said, “B.”`: the second part of a split quote.
        if a.is_none() && q >= 2 {
            if let Some((pq, pa)) = prev {
                // The opening part may start the sentence; then the second part must follow
                // its attribution right away, or it is some later quote of the sentence.
                let right_after = pa.mention.1 + 4 >= q
                    && (pa.mention.1..q).all(|k| self.d.tokens[k].kind == Kind::Punct || self.is_cue(k) || self.is_adverb(k))
                    || self.resumes_after_apposition(q, pa);
                if self.d.sentence_of[*pq] == si && (*pq > lo || right_after) && pa.mention.1 <= q && pa.mention.0 > *pq {
                    let mut b = pa.clone();
                    b.sieve = "split_quote";
                    a = Some(b);
                }
            }
        }
        if a.is_none() && has_cue_before && inner.ends_with([',', '?', '!']) {
            a = self.closing_attribution(q, lim);
        }
        a = a
            .or_else(|| self.colon_quote(q, lo))
            .or_else(|| self.as_put_it(q, lo))
            .or_else(|| self.inverted_cue_quote(q, lo))
            .or_else(|| self.statement_colon(q, lo))
            .or_else(|| self.cue_then_quote(q, lo))
            .or_else(|| if at_start || !has_cue_before || !trailing_ok { None } else { self.quote_then_cue(q, lim) })
            .or_else(|| self.dash_speaker(q, lim))
            .or_else(|| self.according_to(lo, lim))
            .or_else(|| self.speech_noun(q, lo))
            .or_else(|| self.as_quote(q, lo))
            .or_else(|| self.previous_subject(q))
            .or_else(|| self.sentence_final_cue(q, lim))
            .or_else(|| self.sentence_subject(q, lo))
            .or_else(|| self.colon_clause(q, lo))
            .or_else(|| if at_start || !has_cue_before && trailing_ok { self.quote_then_phrase(q, lim) } else { None });
        // A headline is written in title case and without verbs of saying: only the plainest
        // patterns hold there.
        if self.d.headline[sent.para]
            && a.as_ref().is_some_and(|a| !matches!(a.sieve, "quote_then_cue" | "cue_colon_quote" | "speaker_colon_quote" | "quoted_as_saying"))
        {
            return None;
        }
        if a.is_none() && at_start {
            a = self.colon_paragraph(q, sent.para);
        }
        if a.is_none() {
            a = self.dash_paragraph(q, sent.para);
        }
        if a.is_none() {
            a = self.continuation(q, prev);
        }
        a
    }

    /// `“A,” said Jane Roe, an economist at the bank, “and B.”`: after an apposition to the
    /// speaker, a part that opens in lowercase right after a comma carries on the sentence of the
    /// first part, unless another reporting verb stands in between.
    fn resumes_after_apposition(&self, q: usize, pa: &Attribution) -> bool {
        let lowercase = self.d.tok(q).chars().find(|&c| is_alnum(c)).is_some_and(char::is_lowercase);
        lowercase && q > pa.mention.1 && self.d.is_punct(q - 1, ",")
            && (pa.mention.1..q).all(|k| self.d.quote_of(k).is_none() && !(self.is_verb_cue(k) && !self.low(k).ends_with("ing")))
    }

    /// A quote that ends its paragraph, signed in the next one: `“Q.”` ¶ `— Jane Roe`.
    fn dash_paragraph(&mut self, q: usize, para: usize) -> Option<Attribution> {
        let d = self.d;
        // Nothing but punctuation after the quote in its paragraph.
        let mut j = q + 1;
        while j < d.tokens.len() && d.tokens[j].kind == Kind::Punct {
            j += 1;
        }
        if d.tokens.get(j).is_some_and(|t| t.kind != Kind::Para) {
            return None;
        }
        let si = d.sentences.partition_point(|s| s.para <= para);
        let next = d.sentences.get(si).filter(|s| s.para == para + 1)?;
        let last_of_para = d.sentences.get(si + 1).is_none_or(|s| s.para != next.para);
        if !last_of_para || next.end - next.start > 10 || !d.tokens[next.start].kind.eq(&Kind::Punct)
            || !matches!(d.tok(next.start), "—" | "–" | "―" | "-" | "--")
        {
            return None;
        }
        let np = self.np_forward(next.start + 1, next.end)?;
        if !self.names_somebody(np) {
            return None;
        }
        self.found("dash_paragraph", np, None)
    }

    /// A quote opening a paragraph right after one that ends with `S said:`.
    fn colon_paragraph(&mut self, q: usize, para: usize) -> Option<Attribution> {
        let si = self.d.sentence_of[q];
        let k = self.d.sentences[..si].partition_point(|s| s.para < para);
        let prev = self.d.sentences[..k].last().filter(|s| s.para + 1 == para)?;
        let last = prev.end - 1;
        if !self.d.is_punct(last, ":") || last == prev.start {
            return None;
        }
        let c = last - 1;
        if self.is_cue(c) {
            let np = self.subject_of_cue(c, prev.start)?;
            return self.found("colon_paragraph", np, Some((c, c + 1)));
        }
        if let Some((np, n)) = self.statement_clause(last, prev.start) {
            return self.found("statement_colon", np, Some((n, n + 1)));
        }
        // `She then listed the qualities a nominee needs:` and a paragraph of quote after it.
        if let Some(np) = self.colon_clause_subject(last, prev.start) {
            return self.found("colon_clause", np, None);
        }
        let np = self.np_backward(last, prev.start)?;
        (np.0 == prev.start).then_some(())?;
        self.found("colon_paragraph", np, None)
    }

    /// A quote with no attribution of its own that follows an attributed quote: the rest of the
    /// same paragraph, or a paragraph holding nothing but quotes right after it.
    fn continuation(&mut self, q: usize, prev: Option<&(usize, Attribution)>) -> Option<Attribution> {
        let (pq, pa) = prev?;
        let d = self.d;
        let para = d.para_at(d.tokens[q].start);
        let ppara = d.para_at(d.tokens[*pq].end.saturating_sub(1));
        let si = d.sentence_of[q];
        let sent = d.sentences[si];
        // Nothing but the quote (and punctuation) in its sentence.
        let alone = (sent.start..sent.end).all(|k| k == q || d.tokens[k].kind == Kind::Punct);
        if !alone {
            return None;
        }
        let ok = if para == ppara {
            true
        } else if para == ppara + 1 {
            // The whole paragraph is quotes, and the previous quote ends its paragraph's text
            // after its attribution.
            let (ps, pe) = d.paras[para];
            (q..d.tokens.len())
                .take_while(|&k| d.tokens[k].start < pe)
                .all(|k| matches!(d.tokens[k].kind, Kind::Quote(_) | Kind::Punct))
                && d.tokens[q].start >= ps
        } else {
            false
        };
        if !ok {
            return None;
        }
        let mut b = pa.clone();
        b.sieve = "continuation";
        Some(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_alnum_agrees_with_unicode() {
        // The fast paths must answer as `char::is_alphanumeric` does for every char they cover.
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn quote_words_trims_marks_not_stops() {
        assert_eq!(quote_words("“We will win,” "), "We will win,");
        assert_eq!(quote_words("‘Done.’"), "Done.");
        assert_eq!(quote_words("«Ça va»"), "Ça va");
    }

    #[test]
    fn count_words_matches_split_whitespace() {
        for s in ["", " ", "Jane Roe", " Jane  Roe ", "Jane\u{b}Roe", "Jane\u{a0}Roe", "a\tb\nc\rd", "Zoë Doe"] {
            assert_eq!(count_words(s), s.split_whitespace().count(), "{s:?}");
        }
    }

    #[test]
    fn lowercase_into_matches_to_lowercase() {
        let mut out = String::from("left over");
        for s in ["Jane ROE", "ZOË DOE", "jane"] {
            lowercase_into(s, &mut out);
            assert_eq!(out, s.to_lowercase());
        }
    }
}
