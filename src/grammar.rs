//! The lexicons that drive quote attribution, loaded from `grammar/*.txt`.
//!
//! Every list is plain data so that a newsroom can adapt the tool to its house style without
//! recompiling: the files are embedded with `include_str!` as the default and any of them can be
//! replaced by a file of the same name in a directory given with `--grammar DIR`. Each file holds
//! one entry a line, `#` starts a comment line, and two-field entries are separated by a tab.
//!
//! Look-ups are on the hot path of every sieve (a word is asked about again and again), so the
//! sets use a fast non-cryptographic hasher (the keys are our own lexicons, not attacker input),
//! the `is_*` helpers lowercase into a stack buffer instead of a new `String`, and one combined
//! map from word to [`Flags`] answers "which lexicons hold this word" with a single hash.

use std::path::Path;

use rustc_hash::{FxHashMap, FxHashSet};

use nom::IResult;
use nom::bytes::complete::{is_not, tag};
use nom::combinator::{opt, rest};
use nom::sequence::preceded;

use crate::error::Error;

/// The embedded lexicons, by file name.
pub const FILES: &[(&str, &str)] = &[
    ("adverbs.txt", include_str!("../grammar/adverbs.txt")),
    ("boilerplate.txt", include_str!("../grammar/boilerplate.txt")),
    ("capitals.txt", include_str!("../grammar/capitals.txt")),
    ("claim_refs.txt", include_str!("../grammar/claim_refs.txt")),
    ("countries.txt", include_str!("../grammar/countries.txt")),
    ("cue_classes.txt", include_str!("../grammar/cue_classes.txt")),
    ("cues.txt", include_str!("../grammar/cues.txt")),
    ("demonyms.txt", include_str!("../grammar/demonyms.txt")),
    ("events.txt", include_str!("../grammar/events.txt")),
    ("function_words.txt", include_str!("../grammar/function_words.txt")),
    ("geo_words.txt", include_str!("../grammar/geo_words.txt")),
    ("lemmas.txt", include_str!("../grammar/lemmas.txt")),
    ("negations.txt", include_str!("../grammar/negations.txt")),
    ("opposites.txt", include_str!("../grammar/opposites.txt")),
    ("org_words.txt", include_str!("../grammar/org_words.txt")),
    ("paraphrases.txt", include_str!("../grammar/paraphrases.txt")),
    ("pronouns.txt", include_str!("../grammar/pronouns.txt")),
    ("role_synonyms.txt", include_str!("../grammar/role_synonyms.txt")),
    ("roles.txt", include_str!("../grammar/roles.txt")),
    ("scare_markers.txt", include_str!("../grammar/scare_markers.txt")),
    ("speech_nouns.txt", include_str!("../grammar/speech_nouns.txt")),
    ("titles.txt", include_str!("../grammar/titles.txt")),
];

/// One lexicon line: an entry and an optional second field after a tab.
/// `"iranian\tiran"` gives `("iranian", Some("iran"))`.
pub fn entry(line: &str) -> IResult<&str, (&str, Option<&str>)> {
    let (input, key) = is_not("\t")(line)?;
    let (input, value) = opt(preceded(tag("\t"), rest))(input)?;
    Ok((input, (key.trim(), value.map(str::trim))))
}

/// The entries of a lexicon file, comments and blank lines left out.
pub fn entries(text: &str) -> impl Iterator<Item = (&str, Option<&str>)> {
    text.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| entry(l).ok().map(|(_, e)| e))
}

/// Pronoun classes, as `grammar/pronouns.txt` names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pronoun {
    /// he, she: refers back to one person.
    Person,
    /// they: a group, an organization or a person.
    Plural,
    /// I, we: the speaker is the writer or an unnamed group.
    First,
    /// it: an organization or a state.
    Thing,
}

/// A set of lexicon words, hashed with a fast hasher.
pub type WordSet = FxHashSet<String>;
/// A map from lexicon word to its value, hashed with a fast hasher.
pub type WordMap<V> = FxHashMap<String, V>;

/// Which lexicons hold a word (and, per token in `Doc::flags`, a few facts about the token
/// itself), as a bitset: testing a bit is cheaper than hashing the word again for every list.
///
/// `g.flags_of("Said").contains(Flags::CUE)`; `doc.flags(i).intersects(Flags::TITLE | Flags::ROLE)`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Flags(pub u32);

impl Flags {
    pub const NONE: Flags = Flags(0);
    /// In `cues.txt`: a reporting verb (`said`, `added`).
    pub const CUE: Flags = Flags(1 << 0);
    /// In `titles.txt` (single-word entries only match a single token).
    pub const TITLE: Flags = Flags(1 << 1);
    /// In `roles.txt`.
    pub const ROLE: Flags = Flags(1 << 2);
    /// In `function_words.txt`.
    pub const FUNCTION: Flags = Flags(1 << 3);
    /// In `adverbs.txt`.
    pub const ADVERB: Flags = Flags(1 << 4);
    /// In `pronouns.txt` (the class is `Grammar::pronoun`).
    pub const PRONOUN: Flags = Flags(1 << 5);
    /// In `demonyms.txt`.
    pub const DEMONYM: Flags = Flags(1 << 6);
    /// A key of `Grammar::places`: a country name or alias, or a capital.
    pub const PLACE: Flags = Flags(1 << 7);
    /// In `capitals.txt`.
    pub const CAPITAL: Flags = Flags(1 << 8);
    /// In `org_words.txt`.
    pub const ORG_WORD: Flags = Flags(1 << 9);
    /// In `geo_words.txt`.
    pub const GEO_WORD: Flags = Flags(1 << 10);
    /// In `speech_nouns.txt`.
    pub const SPEECH_NOUN: Flags = Flags(1 << 11);
    /// In `negations.txt`.
    pub const NEGATION: Flags = Flags(1 << 12);
    /// A key of `cue_classes.txt`: a reporting verb with a claim class.
    pub const CUE_CLASS: Flags = Flags(1 << 13);
    /// A key of `events.txt`.
    pub const EVENT: Flags = Flags(1 << 14);
    /// A key of `role_synonyms.txt`.
    pub const ROLE_SYNONYM: Flags = Flags(1 << 15);
    /// Token bit (never in the lexicon map): a word token whose first letter, after any `@`/`#`,
    /// is uppercase, as `Doc::is_cap`.
    pub const CAPITALIZED: Flags = Flags(1 << 16);
    /// The first word of a multi-word title, demonym or place (`foreign` of `foreign
    /// minister`): a phrase opening with any other word needs no look-up.
    pub const PHRASE_START: Flags = Flags(1 << 17);
    /// A `verb` of `claim_refs.txt`: denies with a word calling the claim untrue (`called it
    /// false`).
    pub const CLAIM_VERB: Flags = Flags(1 << 18);

    /// Are all bits of `other` set?
    pub const fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }
    /// Is any bit of `other` set?
    pub const fn intersects(self, other: Flags) -> bool {
        self.0 & other.0 != 0
    }
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl std::ops::BitOr for Flags {
    type Output = Flags;
    fn bitor(self, o: Flags) -> Flags {
        Flags(self.0 | o.0)
    }
}
impl std::ops::BitOrAssign for Flags {
    fn bitor_assign(&mut self, o: Flags) {
        self.0 |= o.0;
    }
}
impl std::ops::BitAnd for Flags {
    type Output = Flags;
    fn bitand(self, o: Flags) -> Flags {
        Flags(self.0 & o.0)
    }
}

/// All lexicons, ready for lookups. Words are lowercase.
#[derive(Debug, Default, Clone)]
pub struct Grammar {
    pub adverbs: WordSet,
    pub boilerplate: Vec<String>,
    /// capital or country alias → canonical country.
    pub places: WordMap<String>,
    pub capitals: WordMap<String>,
    pub cues: WordSet,
    pub demonyms: WordMap<String>,
    pub function_words: WordSet,
    pub geo_words: WordSet,
    pub org_words: WordSet,
    pub pronouns: WordMap<Pronoun>,
    pub role_synonyms: WordMap<String>,
    /// `role_synonyms` in the map's order, each with its `byte_mask`: a phrase whose mask
    /// lacks a bit of a synonym's cannot hold it, and needs no search for it.
    pub role_synonym_list: Vec<(u64, String, String)>,
    pub roles: WordSet,
    pub scare_markers: WordSet,
    pub speech_nouns: WordSet,
    /// Titles, as token sequences; the longest is tried first.
    pub titles: WordSet,
    pub max_title_words: usize,
    /// Reporting verb → claim class (`assert`, `allege`, `accuse`, `deny`, `confirm`).
    pub cue_classes: WordMap<String>,
    pub negations: WordSet,
    /// Predicate phrases (as words) and their class, longest first.
    pub predicates: Vec<(Vec<String>, String)>,
    /// Event noun → event class.
    pub events: WordMap<String>,
    /// Claims: irregular form → lemma; word → the word it is the opposite of; word → `noun` (a
    /// claim named, `the charge`), `false` (calls it untrue) or `verb` (`called it false`).
    pub lemmas: WordMap<String>,
    pub opposites: WordMap<String>,
    pub claim_refs: WordMap<String>,
    /// Every lexicon word → the lexicons holding it, built from the sets above by `build`
    /// (so a set changed afterwards is not reflected here).
    word_flags: FlagTable,
    /// Tells this grammar from any other built in the process (caches of what was read with it
    /// are keyed by it); a clone holds the same lexicons and keeps the number.
    id: u64,
}

impl Grammar {
    /// The lexicons embedded in the binary.
    pub fn embedded() -> Grammar {
        Grammar::build(|name| Ok(FILES.iter().find(|(n, _)| *n == name).map(|(_, t)| t.to_string()).unwrap_or_default()))
            .expect("embedded grammar is valid")
    }

    /// The embedded lexicons, with any file present in `dir` taking the place of its namesake.
    pub fn with_overrides(dir: &Path) -> Result<Grammar, Error> {
        if !dir.is_dir() {
            return Err(Error::Grammar { path: dir.to_path_buf(), message: "not a directory".into() });
        }
        Grammar::build(|name| {
            let path = dir.join(name);
            if path.exists() {
                std::fs::read_to_string(&path).map_err(|e| Error::Grammar { path, message: e.to_string() })
            } else {
                Ok(FILES.iter().find(|(n, _)| *n == name).map(|(_, t)| t.to_string()).unwrap_or_default())
            }
        })
    }

    fn build(load: impl Fn(&str) -> Result<String, Error>) -> Result<Grammar, Error> {
        let set = |name: &str| -> Result<WordSet, Error> {
            Ok(entries(&load(name)?).map(|(k, _)| k.to_lowercase()).collect())
        };
        let map = |name: &str| -> Result<WordMap<String>, Error> {
            Ok(entries(&load(name)?)
                .map(|(k, v)| (k.to_lowercase(), v.unwrap_or(k).to_lowercase()))
                .collect())
        };
        let mut g = Grammar {
            adverbs: set("adverbs.txt")?,
            boilerplate: entries(&load("boilerplate.txt")?).map(|(k, _)| k.to_lowercase()).collect(),
            capitals: map("capitals.txt")?,
            cues: set("cues.txt")?,
            demonyms: map("demonyms.txt")?,
            function_words: set("function_words.txt")?,
            geo_words: set("geo_words.txt")?,
            org_words: set("org_words.txt")?,
            role_synonyms: map("role_synonyms.txt")?,
            roles: set("roles.txt")?,
            scare_markers: set("scare_markers.txt")?,
            speech_nouns: set("speech_nouns.txt")?,
            titles: set("titles.txt")?,
            ..Grammar::default()
        };
        g.cue_classes = map("cue_classes.txt")?;
        g.negations = set("negations.txt")?;
        (g.lemmas, g.opposites) = (map("lemmas.txt")?, map("opposites.txt")?);
        g.claim_refs = entries(&load("claim_refs.txt")?).filter_map(|(k, v)| Some((v?.to_lowercase(), k.to_lowercase()))).collect();
        for (class, phrase) in entries(&load("paraphrases.txt")?) {
            if let Some(p) = phrase {
                g.predicates.push((p.to_lowercase().split_whitespace().map(str::to_string).collect(), class.to_lowercase()));
            }
        }
        g.predicates.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        for (class, noun) in entries(&load("events.txt")?) {
            if let Some(n) = noun {
                g.events.insert(n.to_lowercase(), class.to_lowercase());
            }
        }
        g.places = map("countries.txt")?;
        for (k, v) in &g.capitals {
            g.places.entry(k.clone()).or_insert_with(|| v.clone());
        }
        for (k, v) in entries(&load("pronouns.txt")?) {
            let class = match v.unwrap_or("") {
                "person" => Pronoun::Person,
                "plural" => Pronoun::Plural,
                "first" => Pronoun::First,
                _ => Pronoun::Thing,
            };
            g.pronouns.insert(k.to_lowercase(), class);
        }
        g.max_title_words = g.titles.iter().map(|t| t.split(' ').count()).max().unwrap_or(1);
        g.role_synonym_list = g.role_synonyms.iter().map(|(k, v)| (byte_mask(k), k.clone(), v.clone())).collect();
        g.word_flags = g.combined_flags();
        static BUILT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        g.id = BUILT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(g)
    }

    /// A number that tells this grammar from any other built in the process (0 for an empty
    /// default one).
    pub fn id(&self) -> u64 {
        self.id
    }

    fn combined_flags(&self) -> FlagTable {
        let mut out: WordMap<Flags> = WordMap::default();
        let mut add = |words: &mut dyn Iterator<Item = &String>, f: Flags| {
            for w in words {
                *out.entry(w.clone()).or_default() |= f;
            }
        };
        add(&mut self.cues.iter(), Flags::CUE);
        add(&mut self.titles.iter(), Flags::TITLE);
        add(&mut self.roles.iter(), Flags::ROLE);
        add(&mut self.function_words.iter(), Flags::FUNCTION);
        add(&mut self.adverbs.iter(), Flags::ADVERB);
        add(&mut self.pronouns.keys(), Flags::PRONOUN);
        add(&mut self.demonyms.keys(), Flags::DEMONYM);
        add(&mut self.places.keys(), Flags::PLACE);
        add(&mut self.capitals.keys(), Flags::CAPITAL);
        add(&mut self.org_words.iter(), Flags::ORG_WORD);
        add(&mut self.geo_words.iter(), Flags::GEO_WORD);
        add(&mut self.speech_nouns.iter(), Flags::SPEECH_NOUN);
        add(&mut self.negations.iter(), Flags::NEGATION);
        add(&mut self.cue_classes.keys(), Flags::CUE_CLASS);
        add(&mut self.events.keys(), Flags::EVENT);
        add(&mut self.role_synonyms.keys(), Flags::ROLE_SYNONYM);
        let starts: Vec<String> = self.titles.iter().chain(self.demonyms.keys()).chain(self.places.keys())
            .filter_map(|w| w.split_once(' ').map(|(first, _)| first.to_string()))
            .collect();
        add(&mut starts.iter(), Flags::PHRASE_START);
        add(&mut self.claim_refs.iter().filter(|(_, kind)| *kind == "verb").map(|(w, _)| w), Flags::CLAIM_VERB);
        FlagTable::new(&out)
    }

    /// The lexicons holding `w`, in any case: `flags_of("Said").contains(Flags::CUE)`.
    pub fn flags_of(&self, w: &str) -> Flags {
        with_key(w, |k| self.lower_flags(k))
    }
    /// The lexicons holding `lower`, a word already in lowercase (`Doc::low`).
    pub fn lower_flags(&self, lower: &str) -> Flags {
        self.word_flags.get(lower)
    }
    /// `lower_flags` of a word's bytes (the tokenizer lowercases into a byte buffer).
    #[inline]
    pub fn lower_flags_bytes(&self, lower: &[u8]) -> Flags {
        self.word_flags.get_bytes(lower)
    }
    /// `lower_flags` of a lowercase word of `n` bytes, 1 to 16, given as `pack` gives it.
    #[inline]
    pub fn lower_flags_packed(&self, a: u64, b: u64, n: usize) -> Flags {
        self.word_flags.get_packed(a, b, n)
    }

    pub fn is_cue(&self, w: &str) -> bool {
        with_key(w, |k| self.cues.contains(k))
    }
    pub fn is_title(&self, w: &str) -> bool {
        with_key(w, |k| self.titles.contains(k))
    }
    pub fn is_function(&self, w: &str) -> bool {
        with_key(w, |k| self.function_words.contains(k))
    }
    pub fn is_role(&self, w: &str) -> bool {
        with_key(w, |k| self.roles.contains(k))
    }
    pub fn is_adverb(&self, w: &str) -> bool {
        with_key(w, |k| self.adverbs.contains(k))
    }
    pub fn pronoun(&self, w: &str) -> Option<Pronoun> {
        with_key(w, |k| self.pronouns.get(k).copied())
    }
    /// The country a demonym, country name or capital stands for.
    pub fn country_of(&self, w: &str) -> Option<&str> {
        with_key(w, |k| self.demonyms.get(k).or_else(|| self.places.get(k)).map(String::as_str))
    }
}

/// The combined word → `Flags` map, asked once for every word of every article. A word of up
/// to 16 bytes (all but a few lexicon entries) is packed into two integers that identify it,
/// hashed with a multiply and found by linear probing in a flat table: a fraction of the work
/// of hashing and comparing a `String` key. Longer words go to a map.
#[derive(Debug, Default, Clone)]
struct FlagTable {
    slots: Vec<Slot>,
    /// Bits of a slot index (`slots.len()` is `1 << bits`).
    bits: u32,
    long: WordMap<Flags>,
}

/// A table slot; `len == 0` marks it empty. 24 bytes, so that the table (a few thousand
/// words, at most half full) stays small enough for the cache: a miss costs more than a probe.
#[derive(Debug, Default, Clone, Copy)]
struct Slot {
    a: u64,
    b: u64,
    len: u32,
    flags: Flags,
}

/// Longest word kept in the flat table (and so looked up with `Grammar::lower_flags_packed`).
pub const PACKED: usize = 16;

/// Two integers that, with the length, identify a word of 1 to 16 bytes: its bytes 0..8 and
/// 8..16 read little-endian, zero beyond its end. The tokenizer builds the same pair from 8-byte
/// loads of the text (`text::packed_lower`), so a word is looked up without being copied.
#[inline]
pub fn pack(w: &[u8]) -> (u64, u64) {
    let n = w.len();
    // Little-endian loads: the first byte is the lowest. A load that runs past the end is read
    // from its end backwards and shifted down, so that the bytes it repeats fall off.
    let word8 = |s: &[u8]| s.first_chunk::<8>().map_or(0, |c| u64::from_le_bytes(*c));
    let word4 = |s: &[u8]| s.first_chunk::<4>().map_or(0, |c| u64::from(u32::from_le_bytes(*c)));
    if n >= 16 {
        (word8(w), word8(&w[8..]))
    } else if n > 8 {
        (word8(w), word8(&w[n - 8..]) >> (8 * (16 - n)))
    } else if n == 8 {
        (word8(w), 0)
    } else if n >= 4 {
        (word4(w) | (word4(&w[n - 4..]) >> (8 * (8 - n))) << 32, 0)
    } else {
        let byte = |i: usize| w.get(i).map_or(0, |&x| u64::from(x));
        (byte(0) | byte(1) << 8 | byte(2) << 16, 0)
    }
}

impl FlagTable {
    fn new(words: &WordMap<Flags>) -> FlagTable {
        let packed = words.keys().filter(|w| (1..=PACKED).contains(&w.len())).count();
        // At most half full, so that probe runs stay short.
        let bits = (packed * 2).next_power_of_two().max(64).trailing_zeros();
        let mut t = FlagTable { slots: vec![Slot::default(); 1 << bits], bits, long: WordMap::default() };
        for (w, &f) in words {
            if (1..=PACKED).contains(&w.len()) {
                let (a, b) = pack(w.as_bytes());
                let mut i = t.home(a, b, w.len());
                while t.slots[i].len != 0 {
                    i = (i + 1) & (t.slots.len() - 1);
                }
                t.slots[i] = Slot { a, b, len: w.len() as u32, flags: f };
            } else {
                t.long.insert(w.clone(), f);
            }
        }
        t
    }

    #[cold]
    fn get_long(&self, w: &[u8]) -> Flags {
        std::str::from_utf8(w).ok().and_then(|w| self.long.get(w)).copied().unwrap_or_default()
    }

    #[inline]
    fn home(&self, a: u64, b: u64, len: usize) -> usize {
        let h = (a ^ (len as u64).rotate_right(8)).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ b.wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
        (h >> (64 - self.bits)) as usize
    }

    #[inline]
    fn get(&self, w: &str) -> Flags {
        self.get_bytes(w.as_bytes())
    }

    #[inline]
    fn get_bytes(&self, w: &[u8]) -> Flags {
        let n = w.len();
        if !(1..=PACKED).contains(&n) {
            return self.get_long(w);
        }
        let (a, b) = pack(w);
        self.get_packed(a, b, n)
    }

    /// The flags of the word of `n` bytes (1 to `PACKED`) that `pack` turns into `a`, `b`.
    #[inline]
    fn get_packed(&self, a: u64, b: u64, n: usize) -> Flags {
        if self.slots.is_empty() {
            return Flags::NONE;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(a, b, n);
        loop {
            let s = &self.slots[i];
            if s.len == 0 {
                return Flags::NONE;
            }
            if s.len as usize == n && s.a == a && s.b == b {
                return s.flags;
            }
            i = (i + 1) & mask;
        }
    }
}

/// The bytes of `s` as a set, each byte `b` setting bit `b % 64`.
pub fn byte_mask(s: &str) -> u64 {
    s.bytes().fold(0, |m, b| m | 1 << (b & 63))
}

thread_local! {
    /// Buffers for lowercased keys, reused across calls. A call takes one and gives it back,
    /// so that a call made from inside `f` (a nested look-up) takes another rather than
    /// writing over the key its caller is still reading.
    static KEYS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Calls `f` with `w` as the lexicons hold it (lowercase), without allocating for an ASCII
/// word once the thread has a buffer for it. The ASCII word is lowercased in a `String`, which
/// stays valid UTF-8 without being checked again.
pub fn with_key<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let b = w.as_bytes();
    if !b.iter().any(|&c| c.is_ascii_uppercase() || c >= 0x80) {
        return f(w);
    }
    if !b.is_ascii() {
        return f(&w.to_lowercase());
    }
    let mut key = KEYS.with(|k| k.borrow_mut().pop()).unwrap_or_default();
    key.clear();
    key.push_str(w);
    key.make_ascii_lowercase();
    let r = f(&key);
    KEYS.with(|k| k.borrow_mut().push(key));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_splits_on_tab() {
        assert_eq!(entry("iranian\tiran").unwrap().1, ("iranian", Some("iran")));
        assert_eq!(entry("said").unwrap().1, ("said", None));
    }

    #[test]
    fn embedded_grammar_loads() {
        let g = Grammar::embedded();
        assert!(g.is_cue("said"));
        assert!(g.is_cue("Added"));
        assert_eq!(g.pronoun("he"), Some(Pronoun::Person));
        assert_eq!(g.country_of("Iranian"), Some("iran"));
        assert_eq!(g.country_of("tehran"), Some("iran"));
    }

    #[test]
    fn flags_name_every_lexicon_of_a_word() {
        let g = Grammar::embedded();
        assert!(g.flags_of("Said").contains(Flags::CUE));
        assert!(!g.flags_of("said").intersects(Flags::TITLE | Flags::PLACE));
        assert!(g.flags_of("iranian").contains(Flags::DEMONYM));
        assert!(g.flags_of("TEHRAN").contains(Flags::PLACE | Flags::CAPITAL));
        assert!(g.flags_of("he").contains(Flags::PRONOUN));
        assert_eq!(g.flags_of("ruritanianess"), Flags::NONE);
        assert_eq!(g.flags_of(""), Flags::NONE);
        // The map agrees with the sets it was built from.
        for w in g.cues.iter().chain(&g.titles).chain(g.places.keys()).chain(&g.roles) {
            let f = g.lower_flags(w);
            assert_eq!(f.contains(Flags::CUE), g.cues.contains(w));
            assert_eq!(f.contains(Flags::TITLE), g.titles.contains(w));
            assert_eq!(f.contains(Flags::PLACE), g.places.contains_key(w));
            assert_eq!(f.contains(Flags::ROLE), g.roles.contains(w));
        }
    }

    #[test]
    fn flag_table_tells_words_of_every_length_apart() {
        let words: Vec<String> = (1..=24).flat_map(|n| ["a", "b", "é"].map(|c| c.repeat(n))).chain(["ab".into(), "ba".into(), "abcdefghi".into(), "abcdefgxi".into()]).collect();
        let map: WordMap<Flags> = words.iter().enumerate().map(|(i, w)| (w.clone(), Flags(i as u32 + 1))).collect();
        let t = FlagTable::new(&map);
        for (w, f) in &map {
            assert_eq!(t.get(w), *f, "{w}");
            assert_eq!(t.get(&format!("{w}x")), map.get(&format!("{w}x")).copied().unwrap_or_default());
        }
        assert_eq!(t.get("abcdefghx"), Flags::NONE);
        assert_eq!(FlagTable::default().get("a"), Flags::NONE);
    }

    #[test]
    fn pack_reads_the_word_zero_padded() {
        let naive = |w: &[u8]| {
            let mut buf = [0u8; 16];
            buf[..w.len()].copy_from_slice(w);
            (u64::from_le_bytes(buf[..8].try_into().unwrap()), u64::from_le_bytes(buf[8..].try_into().unwrap()))
        };
        let text = b"abcdefghijklmnopq";
        for n in 0..=16 {
            assert_eq!(pack(&text[..n]), naive(&text[..n]), "{n}");
            assert_eq!(pack(&text[1..=n]), naive(&text[1..=n]), "{n}");
        }
    }

    #[test]
    fn with_key_lowercases_without_changing_the_answer() {
        assert_eq!(with_key("Said", str::to_string), "said");
        assert_eq!(with_key("ÉLYSÉE", str::to_string), "élysée");
        let long = "A".repeat(100);
        assert_eq!(with_key(&long, str::to_string), long.to_lowercase());
        // A look-up inside a look-up keeps both keys.
        assert_eq!(with_key("Roe", |outer| with_key("DOE", |inner| format!("{outer} {inner}"))), "roe doe");
    }
}
