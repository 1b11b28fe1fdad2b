//! The people registry: every way a run of articles names one person, merged into one entity
//! with a stable id, so that a pivot on `speaker_id` counts the right thing.
//!
//! Names are compared token by token after folding to ASCII (`Doğan` = `Dogan`): the surname
//! must match and the given names must be compatible (equal, an initial, or missing). Spelling
//! variants of a surname (`Qadhafi`, `Gaddafi`) merge only when they sound alike, are close by
//! Jaro–Winkler, never stand side by side in one article, and no role sets the two apart. Whole
//! names are never compared as strings: `Ali Hosseini` and `Ali Rahimi` are as alike as
//! `Gaddafi` and `Qadhafi` by that measure. Where two people fit a mention, it stays unresolved.
//! Ids derive from the canonical name, so the same articles in any order give the same ids.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::attribution::{EntityKind, Resolution, RolePhrase, RoleQuery};
use crate::grammar::Grammar;
use crate::quotes::ArticleRecord;

/// What an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Person,
    Organization,
    State,
    Anonymous,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::State => "state",
            Kind::Anonymous => "anonymous",
        }
    }
    fn prefix(self) -> &'static str {
        match self {
            Kind::Person => "p",
            Kind::Organization => "o",
            Kind::State => "s",
            Kind::Anonymous => "a",
        }
    }
    /// Is `id` the id of an entity of this kind (`a-one-analyst-…` for `Anonymous`)?
    pub fn holds(self, id: &str) -> bool {
        id.strip_prefix(self.prefix()).is_some_and(|rest| rest.starts_with('-'))
    }
}

/// One canonical speaker of the run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: Option<Kind>,
    /// Titles and roles as the articles write them: `Foreign Minister`.
    pub roles: BTreeSet<String>,
    /// Every other way the articles name it.
    pub variants: BTreeSet<String>,
    pub handles: BTreeSet<String>,
    /// Indices (input order) of the articles that mention it.
    pub articles: BTreeSet<usize>,
    pub quotes: usize,
    /// The `--aliases` rules that shaped it.
    pub rules: BTreeSet<String>,
}

/// How one article names a speaker, and how many of its quotes carry that name.
#[derive(Clone, Debug)]
pub struct SpeakerUse {
    pub speaker: String,
    pub resolution: Resolution,
    pub quotes: usize,
}

/// User rules from `--aliases FILE`: rows `variant,canonical` force a merge, rows
/// `variant,!canonical` forbid one. They win over every heuristic.
#[derive(Clone, Debug, Default)]
pub struct Aliases {
    pub force: Vec<(String, String)>,
    pub forbid: Vec<(String, String)>,
}

impl Aliases {
    /// Reads the CSV text of an aliases file (a `variant,canonical` header row is optional).
    pub fn parse(text: &str) -> Result<Aliases, String> {
        let mut a = Aliases::default();
        let mut rdr = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        for (n, rec) in rdr.records().enumerate() {
            let rec = rec.map_err(|e| format!("line {}: {e}", n + 1))?;
            let (Some(v), Some(c)) = (rec.get(0), rec.get(1)) else {
                if rec.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                return Err(format!("line {}: expected two fields, variant,canonical", n + 1));
            };
            let (v, c) = (v.trim(), c.trim());
            if n == 0 && v.eq_ignore_ascii_case("variant") && c.eq_ignore_ascii_case("canonical") {
                continue;
            }
            if v.is_empty() || c.is_empty() || c == "!" {
                return Err(format!("line {}: empty name", n + 1));
            }
            match c.strip_prefix('!') {
                Some(c) => a.forbid.push((v.to_string(), c.trim().to_string())),
                None => a.force.push((v.to_string(), c.to_string())),
            }
        }
        Ok(a)
    }
}

/// A name as tokens: ASCII-folded, lowercase, punctuation dropped. `J. Roe` → `j roe`.
/// A lowercase particle joins the surname after it: `Bill de Blasio` → `bill de-blasio`.
pub fn name_tokens(name: &str) -> Vec<String> {
    const PARTICLES: &[&str] = &["de", "da", "di", "do", "dos", "das", "del", "van", "von", "der", "den", "al", "el", "bin", "ibn", "la", "le", "du", "ter"];
    if plain(name) {
        plain_name_tokens(name, PARTICLES)
    } else {
        folded_name_tokens(name, PARTICLES)
    }
}

fn folded_name_tokens(name: &str, particles: &[&str]) -> Vec<String> {
    let raw: Vec<String> = deunicode::deunicode(name)
        .split(|c: char| c.is_whitespace())
        .map(|t| t.trim_matches(|c: char| !c.is_ascii_alphanumeric()).replace(['.', '\''], ""))
        .filter(|t| !t.is_empty())
        .collect();
    let mut out: Vec<String> = Vec::new();
    let mut pending = String::new();
    for (i, t) in raw.iter().enumerate() {
        if i + 1 < raw.len() && particles.contains(&t.as_str()) {
            pending.push_str(t);
            pending.push('-');
            continue;
        }
        out.push(format!("{pending}{}", t.to_lowercase()));
        pending.clear();
    }
    out
}

/// Text that folding to ASCII leaves as it is.
fn plain(s: &str) -> bool {
    s.bytes().all(|b| b < 0x7f)
}

/// [`name_tokens`] of plain text, where most names are: the same tokens, with no allocation but
/// the result's.
fn plain_name_tokens(name: &str, particles: &[&str]) -> Vec<String> {
    let dropped = |b: &u8| *b == b'.' || *b == b'\'';
    // The whitespace of `char::is_whitespace` below 0x7f: tab to carriage return, and space.
    let space = |b: &u8| matches!(*b, b'\t'..=b'\r' | b' ');
    fn trim(t: &[u8]) -> &[u8] {
        let start = t.iter().position(u8::is_ascii_alphanumeric).unwrap_or(t.len());
        let end = t.iter().rposition(u8::is_ascii_alphanumeric).map_or(start, |e| e + 1);
        &t[start..end]
    }
    let mut words = name.as_bytes().split(space).map(trim).filter(|t| !t.is_empty()).peekable();
    let mut out = Vec::new();
    let mut cur = String::new();
    while let Some(t) = words.next() {
        // A word that does not start lowercase is no particle (`t` starts on a letter or digit,
        // which is never dropped): most words of a name are told so at once.
        let particle = t[0].is_ascii_lowercase()
            && words.peek().is_some()
            && particles.iter().any(|p| t.iter().filter(|b| !dropped(b)).eq(p.as_bytes()));
        if !particle && cur.is_empty() && !t.iter().any(dropped) {
            // Most words have nothing to drop and no particle before them: copied whole.
            out.push(String::from_utf8(t.to_ascii_lowercase()).unwrap_or_default());
            continue;
        }
        cur.reserve(t.len());
        for &b in t {
            if !dropped(&b) {
                cur.push(b.to_ascii_lowercase() as char);
            }
        }
        if particle {
            cur.push('-');
        } else {
            out.push(std::mem::take(&mut cur));
        }
    }
    out
}

/// Given names agree when each one of the shorter list matches, in order, one of the longer:
/// equal, or one is the other's initial. A missing given name agrees with any.
pub fn given_compatible(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut j = 0;
    for s in short {
        let found = long[j..].iter().position(|l| l == s || (s.len() == 1 || l.len() == 1) && s.chars().next() == l.chars().next());
        match found {
            Some(p) => j += p + 1,
            None => return false,
        }
    }
    true
}

/// A rough sound key of a surname: consonants only, alike letters merged, doubles dropped.
/// `gaddafi` and `qadhafi` both give `kdf`.
pub fn sound_key(s: &str) -> String {
    if s.is_ascii() {
        return ascii_sound_key(s.as_bytes());
    }
    char_sound_key(s)
}

/// [`sound_key`] of any text, char by char.
fn char_sound_key(s: &str) -> String {
    // `dh`, `th`, `kh` and `gh` lose their `h`, which is dropped anyway; only `ph` sounds apart.
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let m = match c {
            'p' if chars.peek() == Some(&'h') => 'f',
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' | 'w' | '-' => continue,
            'g' | 'q' | 'c' | 'k' => 'k',
            'z' => 's',
            'v' => 'f',
            c => c,
        };
        if !out.ends_with(m) {
            out.push(m);
        }
    }
    out
}

/// [`sound_key`] of ASCII text, where name tokens are: byte by byte, the same key.
fn ascii_sound_key(s: &[u8]) -> String {
    let mut out = Vec::with_capacity(s.len());
    for (k, &c) in s.iter().enumerate() {
        let m = match c {
            b'p' if s.get(k + 1) == Some(&b'h') => b'f',
            b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'h' | b'w' | b'-' => continue,
            b'g' | b'q' | b'c' | b'k' => b'k',
            b'z' => b's',
            b'v' => b'f',
            c => c,
        };
        if out.last() != Some(&m) {
            out.push(m);
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// The Jaro–Winkler similarity, as `strsim::jaro_winkler` works it out, step for step so that
/// it gives the same number; for the ASCII words that name tokens are, without allocating.
fn jaro_winkler(a: &str, b: &str) -> f64 {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if !a.is_ascii() || !b.is_ascii() || x.is_empty() || y.is_empty() || x.len() > 64 || y.len() > 64 {
        return strsim::jaro_winkler(a, b);
    }
    let range = (x.len().max(y.len()) / 2).saturating_sub(1);
    // Which bytes of each word matched, as bits.
    let (mut fx, mut fy) = (0u64, 0u64);
    let mut matches = 0usize;
    for (i, &c) in x.iter().enumerate() {
        for j in i.saturating_sub(range)..y.len().min(i + range + 1) {
            if y[j] == c && fy & (1 << j) == 0 {
                fx |= 1 << i;
                fy |= 1 << j;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    let mut transpositions = 0usize;
    let mut j = 0;
    for (i, &c) in x.iter().enumerate() {
        if fx & (1 << i) != 0 {
            while fy & (1 << j) == 0 {
                j += 1;
            }
            if y[j] != c {
                transpositions += 1;
            }
            j += 1;
        }
    }
    transpositions /= 2;
    let m = matches as f64;
    let sim = (m / x.len() as f64 + m / y.len() as f64 + (matches - transpositions) as f64 / m) / 3.0;
    if sim > 0.7 {
        let prefix = x.iter().take(4).zip(y).take_while(|(p, q)| p == q).count();
        sim + 0.1 * prefix as f64 * (1.0 - sim)
    } else {
        sim
    }
}

/// Splits a handle into name parts: `@JoeBiden` → `joe biden`, `@jane_roe` → `jane roe`.
pub fn handle_tokens(handle: &str) -> Vec<String> {
    let h = handle.trim_start_matches('@');
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in h.chars() {
        if c == '_' || c.is_ascii_digit() {
            if !cur.is_empty() {
                parts.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            parts.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase();
        cur.push(c);
    }
    if !cur.is_empty() {
        parts.push(cur);
    }
    parts.into_iter().map(|p| p.to_lowercase()).collect()
}

/// A lowercase id part: `Ayşe Gül Doğan` → `ayse-gul-dogan`.
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    slug_into(s, &mut out);
    out
}

/// [`slug`] written at the end of `out`, which ids build in place.
fn slug_into(s: &str, out: &mut String) {
    if !plain(s) {
        out.push_str(&folded_slug(s));
        return;
    }
    let start = out.len();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(b.to_ascii_lowercase() as char);
        } else if out.len() > start && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.len() > start && out.ends_with('-') {
        out.pop();
    }
}

fn folded_slug(s: &str) -> String {
    let mut out = String::new();
    for c in deunicode::deunicode(s).to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A short stable hash (FNV-1a), for ids that must tell apart same-named entities.
fn short_hash(s: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    // Six hex digits, the low 24 bits.
    (0..6).rev().map(|k| char::from_digit(((h >> (4 * k)) & 0xf) as u32, 16).unwrap_or('0')).collect()
}

/// A fast hash (FxHash) for the registry's maps, which are looked up once or more per name
/// mention: the keys are short strings, where the default SipHash costs more than the look-up.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl Fx {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(n as u64);
    }

    fn write_u32(&mut self, n: u32) {
        self.add(n as u64);
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fx>>;

/// Union–find over person clusters.
#[derive(Default)]
struct Sets {
    parent: Vec<usize>,
}

impl Sets {
    fn find(&mut self, i: usize) -> usize {
        let mut r = i;
        while self.parent[r] != r {
            r = self.parent[r];
        }
        let mut i = i;
        while self.parent[i] != r {
            let n = self.parent[i];
            self.parent[i] = r;
            i = n;
        }
        r
    }
}

/// One distinct full name form (two tokens or more) across the run.
struct Form {
    /// The name worked out, shared with every spelling of the key: its tokens are the form's.
    info: Arc<NameInfo>,
    /// Each spelling and how often it is written: a short list, as a key has few spellings.
    written: Vec<(String, usize)>,
    docs: BTreeSet<usize>,
    titles: BTreeSet<String>,
    /// Roles and affiliations, sorted, without repeats: short lists, which the role table
    /// takes as they are.
    role: Vec<String>,
    affiliation: Vec<String>,
}

/// Roles and affiliations of each person, with the people by the first letters of each word.
#[derive(Default)]
struct RoleTable {
    roles: FxMap<usize, (Vec<String>, Vec<String>)>,
    by_word: FxMap<WordKey, BTreeSet<usize>>,
}

/// The first four characters of a word, the key of [`RoleTable::by_word`]: a number, not a
/// string made for each look-up. Missing characters are `u32::MAX`, which no char is.
type WordKey = [u32; 4];

fn word_key(w: &str) -> WordKey {
    let mut k = [u32::MAX; 4];
    for (slot, c) in k.iter_mut().zip(w.chars()) {
        *slot = c as u32;
    }
    k
}

/// The registry of a run.
#[derive(Debug, Default)]
pub struct Registry {
    pub entities: Vec<Entity>,
    /// For each article, its speakers as written in quotes.csv before normalization, each with
    /// its entity. An article has few speakers: a short list beats a map keyed by owned strings.
    speakers: Vec<Vec<(u32, usize)>>,
    /// The speaker names of `speakers`.
    strings: Interner,
    /// Article ids, in input order.
    pub docs: Vec<String>,
}

/// Strings met again and again across articles (speaker names, handles), each stored once.
#[derive(Debug, Default)]
struct Interner {
    ids: FxMap<Arc<str>, u32>,
    strs: Vec<Arc<str>>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let a: Arc<str> = s.into();
        let i = self.strs.len() as u32;
        self.strs.push(a.clone());
        self.ids.insert(a, i);
        i
    }

    fn get(&self, i: u32) -> Arc<str> {
        self.strs[i as usize].clone()
    }
}

impl Registry {
    /// The entity an article's speaker name stands for.
    pub fn lookup(&self, doc: usize, speaker: &str) -> Option<&Entity> {
        let here = self.speakers.get(doc)?;
        let s = *self.strings.ids.get(speaker)?;
        here.iter().find(|(x, _)| *x == s).map(|&(_, i)| &self.entities[i])
    }

    /// Builds the registry from the records of every article (in input order) and the speakers
    /// each article's quotes carry.
    pub fn build(records: &[ArticleRecord], speakers: &[Vec<SpeakerUse>], aliases: &Aliases, g: &Grammar) -> Registry {
        let mut c = Collector::default();
        for (doc, rec) in records.iter().enumerate() {
            c.add(rec, speakers.get(doc).cloned().unwrap_or_default(), g);
        }
        c.build(aliases, g)
    }
}

/// How one article names a speaker, with whether the article also names that person as such.
struct Use {
    speaker: u32,
    resolution: Resolution,
    quotes: usize,
    named_here: bool,
    /// The name's tokens, for a speaker that may be a person.
    info: Option<Arc<NameInfo>>,
    /// The role query of a speaker written as a definite role phrase.
    query: Option<Arc<RoleQuery>>,
    /// The country a speaker names, as a place or capital (`Ruritania`), lowercase.
    country: Option<String>,
}

/// What the registry keeps of one article: numbers standing for strings and role phrases kept
/// once for the run, since copies of the same names fill most articles.
struct DocPeople {
    handles: Vec<u32>,
    role_phrases: Vec<u32>,
    uses: Vec<Use>,
}

/// A name as the registry compares it, worked out once per distinct spelling.
#[derive(Debug)]
pub struct NameInfo {
    /// The name as written.
    name: String,
    tokens: Vec<String>,
    /// The tokens joined by spaces: the key of a form.
    key: String,
    /// The [`sound_key`] of its surname, by which forms are grouped for spelling variants.
    sound: String,
    /// No place, country, organization or geography word in it.
    clean: bool,
}

impl NameInfo {
    /// The last token, or nothing for a name without tokens.
    fn surname(&self) -> &str {
        self.tokens.last().map_or("", String::as_str)
    }
}

/// What the registry needs of a run, gathered article by article as the articles are read: the
/// full name forms met so far and, per article, only its speakers, handles and role phrases.
/// Neither texts nor name mentions are kept, so memory grows with the people of the run, not
/// with its words.
#[derive(Default)]
pub struct Collector {
    forms: Vec<Form>,
    /// Forms by key, keyed by the form's own name worked out, which holds the key.
    form_index: FxMap<By<KEY>, usize>,
    sets: Sets,
    /// The forms of each cluster of two forms or more, by root: a form alone is not listed, as
    /// most stay alone (see [`Builder::members`]).
    members: FxMap<usize, Vec<usize>>,
    /// Forms by surname, and by the sound key of the surname.
    by_surname: FxMap<By<SURNAME>, Vec<usize>>,
    by_sound: FxMap<By<SOUND>, Vec<usize>>,
    /// Words that stand as someone's affiliation (`Front leader X`): organizations.
    affiliation_words: FxMap<String, ()>,
    /// Surname-only mentions: article, name, and whether the article quotes somebody by that
    /// name. Only the first mention of each key counts, so later ones are not kept.
    singles: Vec<(usize, bool, Arc<NameInfo>)>,
    single_keys: FxSet<By<KEY>>,
    doc_ids: Vec<String>,
    docs: Vec<DocPeople>,
    /// Names worked out while building (the articles' own come worked out with them).
    names: FxMap<String, Arc<NameInfo>>,
    /// For [`Collector::add`], which prepares its article itself.
    cache: NameCache,
    strings: Interner,
    /// Distinct role phrases with their role queries (for those not resolved in their article),
    /// and their index by the hash of their fields (see [`phrase_hash`]).
    role_phrases: Vec<(RolePhrase, Option<Arc<RoleQuery>>)>,
    role_phrase_ids: FxMap<u64, u32>,
    /// Whether the process ends once the registry is used: its building's memory is then left
    /// to the system, which takes it back at once, rather than freed piece by piece.
    leave_memory: bool,
}

impl Collector {
    /// Leaves the memory of the building to the process's end; see [`Stream::leaving_memory`](crate::pipeline::Stream::leaving_memory).
    pub fn leave_memory(&mut self) {
        self.leave_memory = true;
    }

    /// The articles added so far.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    fn name_info(&mut self, name: &str, g: &Grammar) -> Arc<NameInfo> {
        if let Some(i) = self.names.get(name) {
            return i.clone();
        }
        let info = Arc::new(NameInfo::new(name, g));
        self.names.insert(name.to_string(), info.clone());
        info
    }

    /// Adds the next article: its person names become forms, and its speakers, handles and role
    /// phrases are kept for the later steps.
    pub fn add(&mut self, rec: &ArticleRecord, uses: Vec<SpeakerUse>, g: &Grammar) {
        let p = ArticlePeople::new(rec, uses, g, &self.cache);
        self.add_prepared(p);
    }

    /// Adds the next article, prepared by [`ArticlePeople::new`] (on any thread): only what
    /// must see the articles before it is done here, once per distinct name of the article.
    pub fn add_prepared(&mut self, p: ArticlePeople) {
        let doc = self.docs.len();
        let ArticlePeople { doc: doc_id, affiliations, forms, singles, uses, handles, role_phrases, role_queries, role_hashes } = p;
        for a in affiliations {
            self.affiliation_words.entry(a).or_insert(());
        }
        for f in forms {
            self.add_form_use(doc, f);
        }
        for s in singles {
            if !self.single_keys.contains(s.info.key.as_str()) {
                self.single_keys.insert(By(s.info.clone()));
                self.singles.push((doc, s.quoted, s.info));
            }
        }
        let uses = uses
            .into_iter()
            .map(|p| Use {
                speaker: self.strings.id(&p.u.speaker),
                resolution: p.u.resolution,
                quotes: p.u.quotes,
                named_here: p.named_here,
                info: p.info,
                query: p.query,
                country: p.country,
            })
            .collect();
        let handles = handles.iter().map(|h| self.strings.id(h)).collect();
        let role_phrases = role_phrases
            .into_iter()
            .zip(role_queries)
            .zip(role_hashes)
            .map(|((rp, query), hash)| {
                match self.role_phrase_ids.get(&hash) {
                    Some(&i) if self.role_phrases[i as usize].0 == rp => i,
                    // A phrase whose hash another holds is kept apart, unindexed: it only
                    // costs room, and two phrases seldom share a 64-bit hash.
                    found => {
                        let i = self.role_phrases.len() as u32;
                        self.role_phrases.push((rp, query));
                        if found.is_none() {
                            self.role_phrase_ids.insert(hash, i);
                        }
                        i
                    }
                }
            })
            .collect();
        self.doc_ids.push(doc_id);
        self.docs.push(DocPeople { handles, role_phrases, uses });
    }

    /// The form of a key, made at its first use.
    fn form_of(&mut self, info: &Arc<NameInfo>) -> usize {
        if let Some(&i) = self.form_index.get(info.key.as_str()) {
            return i;
        }
        let i = self.forms.len();
        list_under(&mut self.by_sound, info, i);
        list_under(&mut self.by_surname, info, i);
        self.forms.push(Form {
            info: info.clone(),
            written: Vec::new(),
            docs: BTreeSet::new(),
            titles: BTreeSet::new(),
            role: Vec::new(),
            affiliation: Vec::new(),
        });
        self.sets.parent.push(i);
        self.form_index.insert(By(info.clone()), i);
        i
    }

    /// Merges an article's mentions of one full name into its form.
    fn add_form_use(&mut self, doc: usize, u: FormUse) {
        let i = self.form_of(&u.info);
        let f = &mut self.forms[i];
        for (w, n) in u.written {
            match f.written.iter_mut().find(|(x, _)| *x == w) {
                Some((_, c)) => *c += n,
                None => f.written.push((w, n)),
            }
        }
        f.docs.insert(doc);
        f.titles.extend(u.titles);
        merge_sorted(&mut f.role, u.role);
        merge_sorted(&mut f.affiliation, u.affiliation);
    }

    /// A form for a surname-only name, while building.
    fn add_single_form(&mut self, doc: usize, written: &str, info: &Arc<NameInfo>) -> usize {
        let i = self.form_of(info);
        let f = &mut self.forms[i];
        match f.written.iter_mut().find(|(x, _)| x == written) {
            Some((_, c)) => *c += 1,
            None => f.written.push((written.to_string(), 1)),
        }
        f.docs.insert(doc);
        i
    }

    /// Builds the registry over every article added.
    pub fn build(mut self, aliases: &Aliases, g: &Grammar) -> Registry {
        let docs = std::mem::take(&mut self.docs);
        let doc_ids = std::mem::take(&mut self.doc_ids);
        Builder {
            c: self,
            docs,
            doc_ids,
            aliases,
            g,
            singles: FxMap::default(),
            spellings: FxMap::default(),
            variants: FxMap::default(),
            handles: FxMap::default(),
            role_docs: FxMap::default(),
            rules: FxMap::default(),
            fits: FxMap::default(),
            doc_roots: Vec::new(),
        }
        .run()
    }
}

/// Names already worked out, shared by the threads that prepare articles, so that a name is
/// worked out once per run: the maps are split by the name's hash, so that threads seldom wait
/// for each other.
pub struct NameCache {
    shards: Vec<std::sync::Mutex<FxSet<By<NAME>>>>,
    /// Role queries parsed so far: few and met again and again, so one lock serves.
    queries: std::sync::Mutex<RoleQueries>,
}

/// Role queries by the words of a role phrase, and by a speaker written as a role phrase.
#[derive(Default)]
struct RoleQueries {
    by_words: FxMap<Vec<String>, Option<Arc<RoleQuery>>>,
    by_phrase: FxMap<String, Option<Arc<RoleQuery>>>,
}

type FxSet<T> = std::collections::HashSet<T, std::hash::BuildHasherDefault<Fx>>;

/// A worked-out name, hashed and compared as one of its strings (`P`: [`NAME`], [`KEY`],
/// [`SURNAME`] or [`SOUND`]): a map keyed by these is a map from that string that keeps no copy
/// of it, and is looked up by a `&str`.
struct By<const P: u8>(Arc<NameInfo>);

const NAME: u8 = 0;
const KEY: u8 = 1;
const SURNAME: u8 = 2;
const SOUND: u8 = 3;

impl<const P: u8> By<P> {
    fn part(&self) -> &str {
        Self::part_of(&self.0)
    }

    fn part_of(n: &NameInfo) -> &str {
        match P {
            NAME => &n.name,
            KEY => &n.key,
            SURNAME => n.surname(),
            _ => &n.sound,
        }
    }
}

impl<const P: u8> std::borrow::Borrow<str> for By<P> {
    fn borrow(&self) -> &str {
        self.part()
    }
}

impl<const P: u8> std::hash::Hash for By<P> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.part().hash(state);
    }
}

impl<const P: u8> PartialEq for By<P> {
    fn eq(&self, other: &By<P>) -> bool {
        self.part() == other.part()
    }
}

impl<const P: u8> Eq for By<P> {}

/// Adds form `i` of name `info` to the list of its string `P` in `map`.
fn list_under<const P: u8>(map: &mut FxMap<By<P>, Vec<usize>>, info: &Arc<NameInfo>, i: usize) {
    match map.get_mut(By::<P>::part_of(info)) {
        Some(list) => list.push(i),
        None => {
            map.insert(By(info.clone()), vec![i]);
        }
    }
}

impl Default for NameCache {
    fn default() -> NameCache {
        NameCache { shards: (0..NAME_SHARDS).map(|_| Default::default()).collect(), queries: Default::default() }
    }
}

const NAME_SHARDS: usize = 64;

impl NameCache {
    fn get(&self, name: &str, g: &Grammar) -> Arc<NameInfo> {
        use std::hash::Hasher;
        let mut h = Fx::default();
        h.write(name.as_bytes());
        let k = (h.finish() >> 32) as usize % self.shards.len();
        let mut map = match self.shards[k].lock() {
            Ok(m) => m,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(i) = map.get(name) {
            return i.0.clone();
        }
        let info = Arc::new(NameInfo::new(name, g));
        map.insert(By(info.clone()));
        info
    }
}

impl NameCache {
    fn queries(&self) -> std::sync::MutexGuard<'_, RoleQueries> {
        match self.queries.lock() {
            Ok(q) => q,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// The role query of a role phrase's words, parsed once per distinct words. The lock is
    /// not held while parsing; where two threads parse the same words, the first stays.
    fn query_of_words(&self, words: &[String], g: &Grammar) -> Option<Arc<RoleQuery>> {
        if let Some(q) = self.queries().by_words.get(words) {
            return q.clone();
        }
        let q = RoleQuery::parse(words, g).map(Arc::new);
        self.queries().by_words.entry(words.to_vec()).or_insert(q).clone()
    }

    /// The role query of a speaker written as a phrase, where it is a definite role phrase
    /// (`the foreign minister`, `Ruritania’s top diplomat`): once per distinct phrase.
    fn query_of_phrase(&self, phrase: &str, g: &Grammar) -> Option<Arc<RoleQuery>> {
        if let Some(q) = self.queries().by_phrase.get(phrase) {
            return q.clone();
        }
        let lower = phrase.to_lowercase();
        let definite = lower.starts_with("the ") || lower.contains("’s ") || lower.contains("'s ");
        let q = if definite {
            let words: Vec<String> = lower
                .replace(['’', '\''], " ")
                .split_whitespace()
                .filter(|w| *w != "the" && *w != "s")
                .map(str::to_string)
                .collect();
            self.query_of_words(&words, g)
        } else {
            None
        };
        self.queries().by_phrase.entry(phrase.to_string()).or_insert(q).clone()
    }
}

impl NameInfo {
    fn new(name: &str, g: &Grammar) -> NameInfo {
        let tokens = name_tokens(name);
        let mut key = String::with_capacity(tokens.iter().map(|t| t.len() + 1).sum());
        for (k, t) in tokens.iter().enumerate() {
            if k > 0 {
                key.push(' ');
            }
            key.push_str(t);
        }
        let sound = sound_key(tokens.last().map_or("", String::as_str));
        NameInfo { name: name.to_string(), key, sound, clean: clean(g, &tokens), tokens }
    }
}

/// Adds the words of `more` missing from `list`, both sorted without repeats, where they sort.
fn merge_sorted(list: &mut Vec<String>, more: Vec<String>) {
    if list.is_empty() {
        *list = more;
        return;
    }
    for w in more {
        if let Err(k) = list.binary_search(&w) {
            list.insert(k, w);
        }
    }
}

/// An article's mentions of one full name (two tokens or more), merged.
#[derive(Debug)]
struct FormUse {
    info: Arc<NameInfo>,
    /// Each spelling and how often it is written.
    written: Vec<(String, usize)>,
    titles: Vec<String>,
    /// Roles and affiliations, sorted once all mentions are in, without repeats.
    role: Vec<String>,
    affiliation: Vec<String>,
}

/// The first mention of a surname-only name in an article.
#[derive(Debug)]
struct SingleUse {
    /// Its name as written is `info.name`.
    info: Arc<NameInfo>,
    quoted: bool,
}

/// What one article gives the registry, worked out from its record alone, so that it can be
/// done on the thread that analyzed it: its mentions grouped by name, in the order each name
/// first comes, and its names' tokens.
#[derive(Debug)]
pub struct ArticlePeople {
    doc: String,
    affiliations: Vec<String>,
    forms: Vec<FormUse>,
    singles: Vec<SingleUse>,
    uses: Vec<PreparedUse>,
    handles: Vec<String>,
    role_phrases: Vec<RolePhrase>,
    /// The role query of each role phrase not resolved in the article.
    role_queries: Vec<Option<Arc<RoleQuery>>>,
    /// The [`phrase_hash`] of each role phrase, by which the registry keeps each once.
    role_hashes: Vec<u64>,
}

/// A hash of all the fields of a role phrase.
fn phrase_hash(rp: &RolePhrase) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = Fx::default();
    rp.written.hash(&mut h);
    rp.resolved.hash(&mut h);
    rp.words.hash(&mut h);
    h.finish()
}

/// A speaker use of an article, with what the registry will ask of it worked out.
#[derive(Debug)]
struct PreparedUse {
    u: SpeakerUse,
    /// Whether the article names that person as such.
    named_here: bool,
    /// The name worked out, for a speaker that may be a person.
    info: Option<Arc<NameInfo>>,
    /// The role query of a speaker written as a definite role phrase.
    query: Option<Arc<RoleQuery>>,
    /// The country a speaker not written as a phrase names, as a place or capital.
    country: Option<String>,
}

impl ArticlePeople {
    pub fn new(rec: &ArticleRecord, uses: Vec<SpeakerUse>, g: &Grammar, cache: &NameCache) -> ArticlePeople {
        let is_speaker = |name: &str| uses.iter().any(|u| u.speaker == name && u.resolution != Resolution::AsWritten);
        // The person names of the article, each worked out once, with where its mentions go.
        let mut seen: FxMap<&str, Seen> = FxMap::with_capacity_and_hasher(rec.names.len(), Default::default());
        let mut p = ArticlePeople {
            doc: rec.doc.clone(),
            affiliations: Vec::new(),
            forms: Vec::new(),
            singles: Vec::new(),
            uses: Vec::new(),
            handles: rec.handles.clone(),
            role_phrases: rec.role_phrases.clone(),
            role_queries: rec.role_phrases.iter().map(|rp| if rp.resolved.is_none() { cache.query_of_words(&rp.words, g) } else { None }).collect(),
            role_hashes: rec.role_phrases.iter().map(phrase_hash).collect(),
        };
        for m in &rec.names {
            for a in &m.affiliation {
                if !p.affiliations.contains(a) {
                    p.affiliations.push(a.clone());
                }
            }
            if m.kind != EntityKind::Person {
                continue;
            }
            let s = seen.entry(m.name.as_str()).or_insert_with(|| {
                let info = cache.get(&m.name, g);
                Seen { quoted: is_speaker(&m.name), info, slot: None }
            });
            let titled = !m.title.is_empty();
            if !(titled || s.quoted || s.info.clean) || s.info.tokens.is_empty() {
                continue;
            }
            let slot = match s.slot {
                Some(slot) => slot,
                None => {
                    let slot = p.slot_of(&m.name, &s.info, s.quoted);
                    s.slot = Some(slot);
                    slot
                }
            };
            let Slot::Form(k, w) = slot else { continue };
            let f = &mut p.forms[k];
            f.written[w].1 += 1;
            if titled && !f.titles.contains(&m.title) {
                f.titles.push(m.title.clone());
            }
            for r in &m.role {
                if !f.role.contains(r) {
                    f.role.push(r.clone());
                }
            }
            for a in &m.affiliation {
                if !f.affiliation.contains(a) {
                    f.affiliation.push(a.clone());
                }
            }
        }
        for u in uses {
            let here = seen.get(u.speaker.as_str());
            let info = (u.resolution != Resolution::AsWritten).then(|| match here {
                Some(s) => s.info.clone(),
                None => cache.get(&u.speaker, g),
            });
            let named_here = here.is_some();
            let query = (u.resolution == Resolution::AsWritten).then(|| cache.query_of_phrase(&u.speaker, g)).flatten();
            let country = (u.resolution != Resolution::AsWritten).then(|| country_of(&u.speaker, g)).flatten();
            p.uses.push(PreparedUse { u, named_here, info, query, country });
        }
        for f in &mut p.forms {
            f.role.sort_unstable();
            f.affiliation.sort_unstable();
        }
        p
    }

    /// Where the mentions of a name go, at its first mention that counts: a full name to its
    /// form (made now if none has its key) and its spelling there, counted from 0; a surname
    /// alone to the article's singles, where only the first of each key is kept.
    fn slot_of(&mut self, name: &str, info: &Arc<NameInfo>, quoted: bool) -> Slot {
        if info.tokens.len() < 2 {
            if !self.singles.iter().any(|s| s.info.key == info.key) {
                self.singles.push(SingleUse { quoted, info: info.clone() });
            }
            return Slot::Single;
        }
        let k = match self.forms.iter().position(|f| f.info.key == info.key) {
            Some(k) => k,
            None => {
                self.forms.push(FormUse { info: info.clone(), written: Vec::new(), titles: Vec::new(), role: Vec::new(), affiliation: Vec::new() });
                self.forms.len() - 1
            }
        };
        let f = &mut self.forms[k];
        f.written.push((name.to_string(), 0));
        Slot::Form(k, f.written.len() - 1)
    }
}

/// The country `speaker` names, as a place or capital.
fn country_of(speaker: &str, g: &Grammar) -> Option<String> {
    let lower = speaker.to_lowercase();
    g.places.get(&lower).or_else(|| g.capitals.get(&lower)).cloned()
}

/// A person name of one article, worked out at its first mention.
struct Seen {
    info: Arc<NameInfo>,
    /// Whether a quote of the article carries the name.
    quoted: bool,
    /// Where its mentions go, from its first mention that counts.
    slot: Option<Slot>,
}

/// Where the mentions of one name go in [`ArticlePeople`].
#[derive(Clone, Copy)]
enum Slot {
    /// A form and the index of the name among its spellings.
    Form(usize, usize),
    /// A surname alone, already among the singles.
    Single,
}

/// A name with no place, country, organization or geography word in it.
fn clean(g: &Grammar, tokens: &[String]) -> bool {
    // A name never ends on a title: `Politburo Chief`.
    let last = tokens.last().map_or("", String::as_str);
    !g.titles.contains(last)
        && !g.roles.contains(last)
        && tokens.iter().all(|t| {
            !g.places.contains_key(t.as_str())
                && !g.demonyms.contains_key(t.as_str())
                && !g.org_words.contains(t.as_str())
                && !g.geo_words.contains(t.as_str())
                && !g.function_words.contains(t.as_str())
        })
}

struct Builder<'a> {
    c: Collector,
    docs: Vec<DocPeople>,
    doc_ids: Vec<String>,
    aliases: &'a Aliases,
    g: &'a Grammar,
    /// Surname-only names, resolved to a form index where one person fits.
    singles: FxMap<String, Option<usize>>,
    /// For [`Builder::spelling_variants`].
    spellings: FxMap<String, Vec<usize>>,
    variants: FxMap<usize, BTreeSet<String>>,
    handles: FxMap<usize, BTreeSet<String>>,
    role_docs: FxMap<usize, BTreeSet<usize>>,
    rules: FxMap<usize, BTreeSet<String>>,
    /// The people each query fits, by the query's address; the query is kept with them, so
    /// that no other takes its address.
    fits: FxMap<usize, (Arc<RoleQuery>, Vec<usize>)>,
    /// The people (cluster roots) each article names, sorted; set with the role table.
    doc_roots: Vec<Vec<u32>>,
}

impl<'a> Builder<'a> {
    /// The forms of the cluster of root `r`: `one` holds `r`, for a form alone.
    fn members<'s>(&'s self, r: usize, one: &'s [usize; 1]) -> &'s [usize] {
        self.c.members.get(&r).map_or(&one[..], Vec::as_slice)
    }

    fn forbidden(&mut self, a: usize, b: usize) -> bool {
        if self.aliases.forbid.is_empty() {
            return false;
        }
        let (ra, rb) = (self.c.sets.find(a), self.c.sets.find(b));
        let names = |b: &Self, r: usize| -> Vec<String> {
            b.members(r, &[r]).iter().flat_map(|&i| b.c.forms[i].written.iter().map(|(n, _)| name_tokens(n).join(" "))).collect()
        };
        let (na, nb) = (names(self, ra), names(self, rb));
        self.aliases.forbid.iter().any(|(v, c)| {
            let (v, c) = (name_tokens(v).join(" "), name_tokens(c).join(" "));
            na.contains(&v) && nb.contains(&c) || na.contains(&c) && nb.contains(&v)
        })
    }

    fn union(&mut self, a: usize, b: usize) -> bool {
        if self.forbidden(a, b) {
            return false;
        }
        self.join(a, b);
        true
    }

    /// Joins two clusters, whatever the rules say.
    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.c.sets.find(a), self.c.sets.find(b));
        if ra != rb {
            // The smaller index stays the root, so the result does not depend on call order.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.c.sets.parent[hi] = lo;
            let moved = self.c.members.remove(&hi).unwrap_or_else(|| vec![hi]);
            self.c.members.entry(lo).or_insert_with(|| vec![lo]).extend(moved);
        }
    }

    /// Step 1: the full names of the run, then one cluster per surname and compatible given
    /// names.
    fn collect_forms(&mut self) {
        // Same surname, compatible given names. Longer forms first, so that a short form joins
        // the one person it fits and stays apart where it fits two.
        // The groups of `by_surname` hold every form so far. Their order does not matter: a step
        // here joins only forms of one surname. Each is sorted where it stands (its readers
        // sort what they find there) and the map set aside meanwhile, as joining needs `self`.
        let mut by_surname = std::mem::take(&mut self.c.by_surname);
        let mut clusters: Vec<Vec<usize>> = Vec::new();
        for ids in by_surname.values_mut().filter(|ids| ids.len() > 1) {
            let forms = &self.c.forms;
            ids.sort_by(|&a, &b| forms[b].info.tokens.len().cmp(&forms[a].info.tokens.len()).then(forms[a].info.tokens.cmp(&forms[b].info.tokens)));
            clusters.clear();
            for &i in ids.iter() {
                fn given(f: &Form) -> &[String] {
                    &f.info.tokens[..f.info.tokens.len() - 1]
                }
                let gi = given(&self.c.forms[i]);
                let mut fits = (0..clusters.len()).filter(|&c| clusters[c].iter().all(|&j| given_compatible(gi, given(&self.c.forms[j]))));
                match (fits.next(), fits.next()) {
                    (Some(c), None) if self.union(clusters[c][0], i) => clusters[c].push(i),
                    _ => clusters.push(vec![i]),
                }
            }
        }
        self.c.by_surname = by_surname;
        self.merge_spelling_variants();
        // Surname-only mentions join the one person with that surname, if there is one.
        for (doc, quoted, info) in std::mem::take(&mut self.c.singles) {
            let (key, name) = (info.key.as_str(), info.name.as_str());
            if self.singles.contains_key(key) {
                continue;
            }
            let people = self.people_by_surname(key, Some(&info.sound));
            let resolved = match people[..] {
                [p] => Some(p),
                [] if quoted && !self.c.affiliation_words.contains_key(&name.to_lowercase()) => Some(self.c.add_single_form(doc, name, &info)),
                _ => None,
            };
            if let Some(i) = resolved {
                self.variants.entry(i).or_default().insert(name.to_string());
                self.c.forms[i].docs.insert(doc);
            }
            self.singles.insert(key.to_string(), resolved);
        }
    }

    /// Distinct people whose surname (or, for long surnames, its spelling variant) is `surname`,
    /// whose [`sound_key`] is `sound` where the caller has it. Sorted, without repeats.
    fn people_by_surname(&mut self, surname: &str, sound: Option<&str>) -> Vec<usize> {
        if surname.len() >= 7 {
            self.find_spelling_variants(surname, sound);
        }
        let variants = if surname.len() >= 7 { self.spellings.get(surname).map_or(&[][..], Vec::as_slice) } else { &[] };
        let sets = &mut self.c.sets;
        let same = self.c.by_surname.get(surname).map_or(&[][..], Vec::as_slice);
        let mut people: Vec<usize> = same.iter().chain(variants).map(|&i| sets.find(i)).collect();
        people.sort_unstable();
        people.dedup();
        people
    }

    /// Works out the full-name forms whose surname is a spelling variant of `surname` (sound
    /// key `sound`, where known), into `spellings`, once per surname: which forms they are
    /// does not change while building (forms added later are surname-only).
    fn find_spelling_variants(&mut self, surname: &str, sound: Option<&str>) {
        if !self.spellings.contains_key(surname) {
            let mut found = Vec::new();
            // The last surname compared, and whether it is alike: forms of one surname mostly
            // stand together.
            let mut last: Option<(&str, bool)> = None;
            // A short word alike in sound is as often another name or a plain word (`Ran`):
            // callers ask only for long ones.
            let key = match sound {
                Some(k) => self.c.by_sound.get(k),
                None => self.c.by_sound.get(sound_key(surname).as_str()),
            };
            for &i in key.into_iter().flatten() {
                // Only full names vouch for a surname; a lone word may be a first name.
                let t = &self.c.forms[i].info.tokens;
                if t.len() < 2 {
                    continue;
                }
                let s = t[t.len() - 1].as_str();
                let alike = match last {
                    Some((l, alike)) if l == s => alike,
                    _ => jaro_winkler(s, surname) >= 0.9,
                };
                last = Some((s, alike));
                if alike {
                    found.push(i);
                }
            }
            self.spellings.insert(surname.to_string(), found);
        }
    }

    fn person_by_surname(&mut self, surname: &str, sound: Option<&str>) -> Option<usize> {
        match self.people_by_surname(surname, sound)[..] {
            [p] => Some(p),
            _ => None,
        }
    }

    /// Step 2: spelling variants of a surname. Candidates share a sound key, so the
    /// comparisons stay within small buckets.
    fn merge_spelling_variants(&mut self) {
        // The forms so far are those of `by_sound`, by sound key; in key order, as a sorted map
        // would give them. The map is set aside meanwhile, as joining needs `self`.
        let by_sound = std::mem::take(&mut self.c.by_sound);
        let mut keys: Vec<&str> = by_sound.iter().filter(|(_, ids)| ids.len() > 1).map(|(k, _)| k.part()).collect();
        keys.sort_unstable();
        for ids in keys.into_iter().map(|k| &by_sound[k]) {
            // Many forms share a surname: each two distinct surnames are compared once.
            let alike = self.alike_surnames(&ids);
            for x in 0..ids.len() {
                for y in x + 1..ids.len() {
                    let (a, b) = (ids[x], ids[y]);
                    let (fa, fb) = (&self.c.forms[a], &self.c.forms[b]);
                    // Same sound key already: the string measure only has to rule out chance.
                    if !alike(x, y) {
                        continue;
                    }
                    let ga = &fa.info.tokens[..fa.info.tokens.len() - 1];
                    let gb = &fb.info.tokens[..fb.info.tokens.len() - 1];
                    // Two spellings side by side in one article are two people; so are two
                    // people whose known roles have nothing in common.
                    let together = fa.docs.intersection(&fb.docs).next().is_some();
                    let roles_clash = !fa.role.is_empty() && !fb.role.is_empty() && !fa.role.iter().any(|r| fb.role.binary_search(r).is_ok());
                    if given_compatible(ga, gb) && !ga.is_empty() && !gb.is_empty() && !together && !roles_clash {
                        self.union(a, b);
                    }
                }
            }
        }
        self.c.by_sound = by_sound;
    }

    /// For the forms `ids` of one sound key, which two have different surnames that are alike
    /// enough by Jaro–Winkler to be spellings of one name, as a function of their positions.
    fn alike_surnames(&self, ids: &[usize]) -> impl Fn(usize, usize) -> bool + use<> {
        let surname = |i: usize| self.c.forms[i].info.tokens.last().map_or("", String::as_str);
        // Each form's surname as the index of its first form with it.
        let first: Vec<usize> = (0..ids.len()).map(|x| (0..=x).find(|&z| surname(ids[z]) == surname(ids[x])).unwrap_or(x)).collect();
        let n = ids.len();
        let mut alike = vec![false; n * n];
        for x in 0..n {
            for y in x + 1..n {
                if first[x] == x && first[y] == y {
                    let a = jaro_winkler(surname(ids[x]), surname(ids[y])) >= 0.75;
                    alike[x * n + y] = a;
                    alike[y * n + x] = a;
                }
            }
        }
        move |x, y| alike[first[x] * n + first[y]]
    }

    /// Step 3: social handles, matched to names like a name: `@JaneRoe` → Jane Roe.
    fn attach_handles(&mut self) {
        // Full names run together (`janeroe`), for handles written that way.
        // Made at the first handle that needs it: few do.
        let mut joined: Option<FxMap<String, usize>> = None;
        let docs = std::mem::take(&mut self.docs);
        for (doc, rec) in docs.iter().enumerate() {
            for &h in &rec.handles {
                let h = self.c.strings.get(h);
                let parts = handle_tokens(&h);
                let Some(last) = parts.last().cloned() else { continue };
                let mut people = self.people_by_surname(&last, None);
                // `@janeroe`: the whole handle is a full name run together.
                if people.is_empty() && parts.len() == 1 {
                    let joined = joined.get_or_insert_with(|| self.c.forms.iter().enumerate().map(|(i, f)| (f.info.tokens.concat(), i)).collect());
                    if let Some(&i) = joined.get(&parts[0]) {
                        people.push(self.c.sets.find(i));
                    }
                }
                let given = parts[..parts.len() - 1].to_vec();
                let fits: Vec<usize> = people
                    .into_iter()
                    .filter(|r| {
                        self.members(*r, &[*r]).iter().any(|&i| {
                            let f = &self.c.forms[i].info.tokens;
                            given_compatible(&given, &f[..f.len() - 1])
                        })
                    })
                    .collect();
                if let [r] = fits[..] {
                    self.handles.entry(r).or_default().insert(h.to_string());
                    self.c.forms[r].docs.insert(doc);
                }
            }
        }
        self.docs = docs;
    }

    /// The roles and affiliations of person `r`, sorted, taken from its forms: nothing reads
    /// them there once the role table has them.
    fn take_root_role(&mut self, r: usize) -> (Vec<String>, Vec<String>) {
        let r = self.c.sets.find(r);
        let forms = &mut self.c.forms;
        match self.c.members.get(&r).map_or(&[r][..], Vec::as_slice) {
            // A form's own lists are sorted already.
            &[i] => {
                let f = &mut forms[i];
                (std::mem::take(&mut f.role), std::mem::take(&mut f.affiliation))
            }
            members => {
                let (mut role, mut aff) = (Vec::new(), Vec::new());
                for &i in members {
                    role.append(&mut forms[i].role);
                    aff.append(&mut forms[i].affiliation);
                }
                for list in [&mut role, &mut aff] {
                    list.sort_unstable();
                    list.dedup();
                }
                (role, aff)
            }
        }
    }

    /// The person a name of article `doc` stands for.
    fn person_of(&mut self, name: &str) -> Option<usize> {
        let info = self.c.name_info(name, self.g);
        self.person_of_info(&info)
    }

    /// [`Builder::person_of`] for a name already worked out.
    fn person_of_info(&mut self, info: &NameInfo) -> Option<usize> {
        if let Some(&i) = self.c.form_index.get(info.key.as_str()) {
            return Some(self.c.sets.find(i));
        }
        match self.singles.get(&info.key) {
            Some(found) => found.map(|i| self.c.sets.find(i)),
            None => (info.tokens.len() == 1).then(|| self.person_by_surname(&info.tokens[0], Some(&info.sound))).flatten(),
        }
    }

    /// The roles and affiliations of every person, and the people holding each role word or
    /// affiliation, for role phrases.
    fn role_table(&mut self) -> RoleTable {
        let mut t = RoleTable::default();
        for r in self.roots() {
            // Most people have neither role nor affiliation: no query can fit them, and no
            // word leads to them.
            let bare = self.members(r, &[r]).iter().all(|&i| self.c.forms[i].role.is_empty() && self.c.forms[i].affiliation.is_empty());
            if bare {
                continue;
            }
            let (ro, af) = self.take_root_role(r);
            for w in ro.iter().chain(af.iter()) {
                t.by_word.entry(word_key(w)).or_default().insert(r);
            }
            t.roles.insert(r, (ro, af));
        }
        // The people of each article: the clusters are final by now, and so are the articles of
        // their forms.
        let mut doc_roots: Vec<Vec<u32>> = vec![Vec::new(); self.docs.len()];
        for i in 0..self.c.forms.len() {
            let r = self.c.sets.find(i);
            for &d in &self.c.forms[i].docs {
                if let Some(roots) = doc_roots.get_mut(d) {
                    roots.push(r as u32);
                }
            }
        }
        for roots in &mut doc_roots {
            roots.sort_unstable();
            roots.dedup();
        }
        self.doc_roots = doc_roots;
        t
    }

    /// The people a role query fits, among those holding a word of the query's key.
    fn fitting(&self, t: &RoleTable, q: &RoleQuery) -> Vec<usize> {
        let key = if q.generic { q.affiliations.first().map_or("", String::as_str) } else { q.head.as_str() };
        let Some(holders) = t.by_word.get(&word_key(key)) else { return Vec::new() };
        // Whom a query fits holds each of its affiliations, or a word that it starts or that
        // starts it, with four letters at least: for an ASCII affiliation, a word of the same
        // key. The smallest of those sets is the one to go through (a person missing from
        // one fits not), keeping only holders of the key's word, in order.
        let mut fewest = holders;
        for a in q.affiliations.iter().filter(|a| a.is_ascii()) {
            match t.by_word.get(&word_key(a)) {
                None => return Vec::new(),
                Some(set) if set.len() < fewest.len() => fewest = set,
                Some(_) => {}
            }
        }
        fewest
            .iter()
            .copied()
            .filter(|r| std::ptr::eq(fewest, holders) || holders.contains(r))
            .filter(|r| t.roles.get(r).is_some_and(|(ro, af)| q.fits_strictly(ro, af)))
            .collect()
    }

    fn in_doc(&self, r: usize, doc: usize) -> bool {
        self.doc_roots.get(doc).is_some_and(|roots| roots.binary_search(&(r as u32)).is_ok())
    }

    /// The one person of `fits` in the article, or else the one person of the run. A bare
    /// office (`the president`) is looked for in its article only: across a run it is too many
    /// people.
    fn pick(&self, fits: &[usize], doc: usize, q: &RoleQuery) -> Option<usize> {
        let mut here = fits.iter().copied().filter(|&r| self.in_doc(r, doc));
        match (here.next(), here.next(), fits) {
            (Some(r), None, _) => Some(r),
            (None, _, [r]) if !q.affiliations.is_empty() => Some(*r),
            _ => None,
        }
    }

    /// Step 4: role phrases (`Iran's top diplomat`), within their article first, then across
    /// the run; left alone where two people fit.
    fn attach_role_phrases(&mut self, t: &RoleTable) {
        let docs = std::mem::take(&mut self.docs);
        let phrases = std::mem::take(&mut self.c.role_phrases);
        for (doc, rec) in docs.iter().enumerate() {
            for &id in &rec.role_phrases {
                let (rp, query) = &phrases[id as usize];
                let target = match &rp.resolved {
                    Some(name) => self.person_of(name),
                    None => query.as_ref().and_then(|q| self.pick_query(t, q, doc)),
                };
                if let Some(r) = target {
                    let r = self.c.sets.find(r);
                    self.variants.entry(r).or_default().insert(rp.written.clone());
                    self.role_docs.entry(r).or_default().insert(doc);
                }
            }
        }
        self.docs = docs;
        self.c.role_phrases = phrases;
    }

    /// [`Builder::pick`] for a parsed query; who fits a query is worked out once per query,
    /// the role table staying the same once built.
    fn pick_query(&mut self, t: &RoleTable, q: &Arc<RoleQuery>, doc: usize) -> Option<usize> {
        let key = Arc::as_ptr(q) as usize;
        if !self.fits.contains_key(&key) {
            let fits = self.fitting(t, q);
            self.fits.insert(key, (q.clone(), fits));
        }
        self.fits.get(&key).and_then(|(_, fits)| self.pick(fits, doc, q))
    }

    /// Step 5: `--aliases` rules forcing merges.
    fn apply_forced_aliases(&mut self) {
        for (v, c) in self.aliases.force.clone() {
            let rule = format!("{v} = {c}");
            let Some(target) = self.person_of(&c) else { continue };
            match self.person_of(&v) {
                Some(other) => self.join(target, other),
                None => {
                    // A variant the articles never wrote as a name: map it all the same.
                    let key = name_tokens(&v).join(" ");
                    self.singles.insert(key, Some(target));
                }
            }
            let r = self.c.sets.find(target);
            self.rules.entry(r).or_default().insert(rule);
            self.variants.entry(r).or_default().insert(v.clone());
        }
        for (v, c) in &self.aliases.forbid {
            for name in [v, c] {
                if let Some(p) = self.person_of(name) {
                    let r = self.c.sets.find(p);
                    self.rules.entry(r).or_default().insert(format!("{v} ≠ {c}"));
                }
            }
        }
    }

    /// The clusters' roots, in order: the forms that are their own parent.
    fn roots(&self) -> Vec<usize> {
        (0..self.c.forms.len()).filter(|&i| self.c.sets.parent[i] == i).collect()
    }

    /// The person of the cluster of root `r`, named by its fullest spelling. Nothing reads the
    /// forms' spellings, titles and articles after this: they move into the person.
    fn person_entity(&mut self, r: usize) -> Entity {
        let mut members = self.c.members.remove(&r).unwrap_or_else(|| vec![r]);
        members.sort_unstable();
        let forms = &mut self.c.forms;
        let (i, k) = canonical_spelling(forms, &members);
        let mut e = Entity { kind: Some(Kind::Person), ..Entity::default() };
        if let Some(w) = forms.get_mut(i).and_then(|f| f.written.get_mut(k)) {
            e.name = std::mem::take(&mut w.0);
        }
        // Titles in the order of the forms, the first of each spelling up to case kept.
        for (m, &j) in members.iter().enumerate() {
            let f = &mut forms[j];
            for (x, (w, _)) in std::mem::take(&mut f.written).into_iter().enumerate() {
                if (j, x) != (i, k) && w != e.name {
                    e.variants.insert(w);
                }
            }
            for t in std::mem::take(&mut f.titles) {
                if !e.roles.iter().any(|r| r.eq_ignore_ascii_case(&t)) {
                    e.roles.insert(t);
                }
            }
            if m == 0 {
                e.articles = std::mem::take(&mut f.docs);
            } else {
                e.articles.append(&mut f.docs);
            }
        }
        e
    }

    fn run(mut self) -> Registry {
        self.collect_forms();
        self.attach_handles();
        self.apply_forced_aliases();
        let table = self.role_table();
        self.attach_role_phrases(&table);

        // People, one for each cluster, in the order of their roots.
        let roots = self.roots();
        let mut entities: Vec<Entity> = Vec::with_capacity(roots.len());
        // The entity of each cluster, by its root.
        let mut root_entity: Vec<Option<usize>> = vec![None; self.c.forms.len()];
        for r in roots {
            root_entity[r] = Some(entities.len());
            entities.push(self.person_entity(r));
        }
        // What was attached to a form during the steps belongs to its person; the name is no
        // variant of its own.
        let sets = &mut self.c.sets;
        let mut person = |i: usize| root_entity.get(sets.find(i)).copied().flatten();
        for (i, part) in std::mem::take(&mut self.variants) {
            if let Some(k) = person(i) {
                let Entity { name, variants, .. } = &mut entities[k];
                variants.extend(part.into_iter().filter(|v| v != name));
            }
        }
        attach(std::mem::take(&mut self.handles), &mut person, &mut entities, |e| &mut e.handles);
        attach(std::mem::take(&mut self.role_docs), &mut person, &mut entities, |e| &mut e.articles);
        attach(std::mem::take(&mut self.rules), &mut person, &mut entities, |e| &mut e.rules);

        // Speakers: people, states, organizations and anonymous sources.
        let mut speakers: Vec<Vec<(u32, usize)>> = Vec::with_capacity(self.docs.len());
        // Keyed by kind, article (anonymous sources only: the same words in two articles are
        // two sources) and key, the key as a number of `speaker_keys`.
        let mut keyed: FxMap<(Kind, usize, u32), usize> = FxMap::default();
        let mut speaker_keys = Interner::default();
        // Each speaker name lowercased, once per name of the run that needs it (an anonymous
        // source, or a name that may be an organization), as a number of `speaker_keys`.
        let mut lowers: Vec<Option<u32>> = vec![None; self.c.strings.strs.len()];
        for (doc, d) in std::mem::take(&mut self.docs).into_iter().enumerate() {
            let mut here: Vec<(u32, usize)> = Vec::new();
            for Use { speaker: sym, resolution, quotes, named_here, info, query, country } in d.uses {
                let name = self.c.strings.get(sym);
                let u = SpeakerRef { speaker: &name, resolution, quotes };
                if u.speaker.is_empty() {
                    continue;
                }
                let mut lowered = |keys: &mut Interner| lower_key(&mut lowers, keys, sym, u.speaker);
                // One entity per kind and key, created at its first use.
                let mut keyed_entity = |kind: Kind, doc: usize, key: u32, name: &dyn Fn() -> String| -> usize {
                    *keyed.entry((kind, doc, key)).or_insert_with(|| {
                        entities.push(Entity { kind: Some(kind), name: name(), ..Entity::default() });
                        entities.len() - 1
                    })
                };
                let idx = if u.resolution == Resolution::AsWritten {
                    // A definite role phrase (`the foreign minister`) names the one person it fits.
                    let holder = query.as_ref().and_then(|q| self.pick_query(&table, q, doc));
                    match holder.and_then(|r| root_entity.get(r).copied().flatten()) {
                        Some(i) => Some(i),
                        None => {
                            let key = lowered(&mut speaker_keys);
                            Some(keyed_entity(Kind::Anonymous, doc, key, &|| u.speaker.to_string()))
                        }
                    }
                } else if let Some(country) = &country {
                    let key = speaker_keys.id(country);
                    Some(keyed_entity(Kind::State, 0, key, &|| display_country(country)))
                } else {
                    let person = match &info {
                        Some(info) => self.person_of_info(info),
                        None => self.person_of(u.speaker),
                    };
                    // A bare name that only ever stands as somebody's affiliation is an organization.
                    let mut lower = || {
                        let k = lowered(&mut speaker_keys);
                        speaker_keys.get(k)
                    };
                    let as_person = named_here || person.is_some() && (u.resolution != Resolution::Name || !self.c.affiliation_words.contains_key(&*lower()));
                    if as_person {
                        person.and_then(|r| root_entity.get(self.c.sets.find(r)).copied().flatten())
                    } else {
                        let lower = lower();
                        let key = speaker_keys.id(lower.trim_start_matches("the "));
                        Some(keyed_entity(Kind::Organization, 0, key, &|| u.speaker.to_string()))
                    }
                };
                // Every other way the articles name it.
                if let Some(i) = idx {
                    if entities[i].kind != Some(Kind::Anonymous)
                        && !entities[i].name.eq_ignore_ascii_case(&u.speaker)
                        && !entities[i].variants.contains(u.speaker)
                    {
                        entities[i].variants.insert(u.speaker.to_string());
                    }
                }
                if let Some(i) = idx {
                    entities[i].quotes += u.quotes;
                    entities[i].articles.insert(doc);
                    if !here.iter().any(|(s, _)| *s == sym) {
                        here.push((sym, i));
                    }
                }
            }
            speakers.push(here);
        }

        // Ids from canonical names; same-named entities are told apart by what they hold.
        for e in entities.iter_mut() {
            let kind = e.kind.unwrap_or(Kind::Person);
            let mut id = String::with_capacity(e.name.len() + 10);
            id.push_str(kind.prefix());
            id.push('-');
            slug_into(&e.name, &mut id);
            if kind == Kind::Anonymous {
                let doc = e.articles.iter().next().map(|&d| self.doc_ids[d].as_str()).unwrap_or("");
                id.push('-');
                id.push_str(&short_hash(doc));
            }
            e.id = id;
        }
        // Among the entities of one id, the first by their variants keeps it bare; the others
        // get the hash of their variants. Only ids held more than once need their variants.
        let mut held: FxMap<&str, usize> = FxMap::default();
        for e in &entities {
            *held.entry(e.id.as_str()).or_default() += 1;
        }
        let shared: Vec<usize> = (0..entities.len()).filter(|&i| held[entities[i].id.as_str()] > 1).collect();
        drop(held);
        let mut keys: Vec<(&str, String, usize)> =
            shared.iter().map(|&i| (entities[i].id.as_str(), entities[i].variants.iter().map(String::as_str).collect::<Vec<_>>().join("|"), i)).collect();
        keys.sort();
        let renamed: Vec<(usize, String)> = keys
            .iter()
            .enumerate()
            .filter(|(k, (id, _, _))| *k > 0 && keys[k - 1].0 == *id)
            .map(|(_, (id, extra, i))| (*i, format!("{id}-{}", short_hash(extra))))
            .collect();
        drop(keys);
        for (i, id) in renamed {
            entities[i].id = id;
        }
        let registry = Registry { entities, speakers, strings: std::mem::take(&mut self.c.strings), docs: std::mem::take(&mut self.doc_ids) };
        if self.c.leave_memory {
            std::mem::forget((self, table, root_entity, keyed, speaker_keys, lowers));
        }
        registry
    }
}

/// The spelling that names a person of forms `members` (sorted), as its form and its index
/// there: the fullest (initials add nothing: `Jane Q. Roe` is no fuller than `Jane Roe`), then
/// the most written, then the first in sorted order. A spelling written in two forms counts
/// the writings of both, and stands at the first of them.
fn canonical_spelling(forms: &[Form], members: &[usize]) -> (usize, usize) {
    // The sort key of a spelling: fuller and more written is greater.
    let rank = |i: usize, count: usize, w: &str| {
        let t = &forms[i].info.tokens;
        (t.len() >= 2, t.iter().filter(|w| w.len() > 1).count(), count, w.len())
    };
    let spelling = |&(i, k, _): &(usize, usize, usize)| forms[i].written[k].0.as_str();
    let best = |counts: &mut dyn Iterator<Item = (usize, usize, usize)>| {
        counts
            .max_by(|a, b| rank(a.0, a.2, spelling(a)).cmp(&rank(b.0, b.2, spelling(b))).then(spelling(b).cmp(spelling(a))))
            .map_or((usize::MAX, 0), |(i, k, _)| (i, k))
    };
    match members {
        // A person of one form, as most are, has its spellings counted already.
        [i] => best(&mut forms[*i].written.iter().enumerate().map(|(k, (_, n))| (*i, k, *n))),
        _ => {
            let mut counts: Vec<(usize, usize, usize)> = Vec::new();
            for &i in members {
                for (k, (w, n)) in forms[i].written.iter().enumerate() {
                    match counts.iter_mut().find(|(j, x, _)| forms[*j].written[*x].0 == *w) {
                        Some(c) => c.2 += n,
                        None => counts.push((i, k, *n)),
                    }
                }
            }
            best(&mut counts.into_iter())
        }
    }
}

/// The number in `keys` of speaker `sym` (`speaker`) lowercased, lowercased once per speaker
/// and kept in `lowers`.
fn lower_key(lowers: &mut [Option<u32>], keys: &mut Interner, sym: u32, speaker: &str) -> u32 {
    if let Some(k) = lowers.get(sym as usize).copied().flatten() {
        return k;
    }
    let k = keys.id(&speaker.to_lowercase());
    if let Some(slot) = lowers.get_mut(sym as usize) {
        *slot = Some(k);
    }
    k
}

/// A speaker use in the registry's last step.
struct SpeakerRef<'s> {
    speaker: &'s str,
    resolution: Resolution,
    quotes: usize,
}

/// `united states` → `United States`.
fn display_country(c: &str) -> String {
    c.split(' ')
        .map(|w| {
            let mut ch = w.chars();
            match ch.next() {
                Some(f) if !matches!(w, "and" | "of" | "the") => f.to_uppercase().collect::<String>() + ch.as_str(),
                _ => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Moves what was attached to each form (`parts`, keyed by form) into the set `field` of the
/// entity its person became; `person` gives that entity's index. The parts are small: each is
/// inserted, which costs less than merging whole trees.
fn attach<T: Ord>(
    parts: FxMap<usize, BTreeSet<T>>,
    person: &mut impl FnMut(usize) -> Option<usize>,
    entities: &mut [Entity],
    field: fn(&mut Entity) -> &mut BTreeSet<T>,
) {
    for (i, mut part) in parts {
        if let Some(k) = person(i) {
            field(&mut entities[k]).extend(std::mem::take(&mut part));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Vec<String> {
        s.split(' ').filter(|x| !x.is_empty()).map(str::to_string).collect()
    }

    #[test]
    fn name_tokens_fold_to_ascii() {
        assert_eq!(name_tokens("Ayşe Gül Doğan"), t("ayse gul dogan"));
        assert_eq!(name_tokens("S. Roe"), t("s roe"));
    }

    #[test]
    fn given_names_compatible() {
        assert!(given_compatible(&t("jane"), &t("j")));
        assert!(given_compatible(&t(""), &t("jane")));
        assert!(given_compatible(&t("sheikh omar"), &t("omar")));
        assert!(!given_compatible(&t("jane"), &t("john")));
    }

    #[test]
    fn sound_key_ignores_spelling() {
        assert_eq!(sound_key("gaddafi"), sound_key("qadhafi"));
        assert_ne!(sound_key("roemer"), sound_key("delacroix"));
    }

    #[test]
    fn ascii_sound_key_is_char_s() {
        for w in ["gaddafi", "qadhafi", "phelps", "roe-doe", "ph", "hp", "zavv", "jane", "ccqqkk", "", "MiXed", "o'roe"] {
            assert_eq!(ascii_sound_key(w.as_bytes()), char_sound_key(w), "{w:?}");
        }
    }

    #[test]
    fn jaro_winkler_is_strsim_s() {
        let words = [
            "roe", "doe", "roeville", "rowe", "gaddafi", "qadhafi", "kadafi", "dogan", "dogann", "a", "ab", "ba", "abcabc",
            "martha", "marhta", "dixon", "dicksonx", "jellyfish", "smellyfish", "ruritanian", "ruritania", "de-roe", "ayşe",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "",
        ];
        for a in words {
            for b in words {
                assert_eq!(jaro_winkler(a, b).to_bits(), strsim::jaro_winkler(a, b).to_bits(), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn short_hash_is_six_hex_digits() {
        for s in ["", "a", "doc-1", "Jane Roe|J. Roe"] {
            let mut h: u64 = 0xcbf29ce484222325;
            for b in s.bytes() {
                h ^= b as u64;
                h = h.wrapping_mul(0x100000001b3);
            }
            assert_eq!(short_hash(s), format!("{:06x}", h & 0xffffff));
        }
    }

    #[test]
    fn handles_split_into_names() {
        assert_eq!(handle_tokens("@JaneRoe"), t("jane roe"));
        assert_eq!(handle_tokens("@jane_roe2"), t("jane roe"));
        assert_eq!(handle_tokens("@Roeville"), t("roeville"));
    }

    #[test]
    fn word_keys_are_the_first_four_chars() {
        assert_eq!(word_key("minister"), word_key("mini"));
        assert_ne!(word_key("min"), word_key("mini"));
        assert_ne!(word_key("ab"), word_key("ab\0"));
        assert_eq!(word_key("cafés"), ['c' as u32, 'a' as u32, 'f' as u32, 'é' as u32]);
        assert_eq!(word_key("çay"), ['ç' as u32, 'a' as u32, 'y' as u32, u32::MAX]);
        assert_eq!(word_key(""), [u32::MAX; 4]);
    }

    #[test]
    fn slug_is_ascii() {
        assert_eq!(slug("Ayşe Gül Doğan"), "ayse-gul-dogan");
    }

    #[test]
    fn plain_text_takes_the_same_way_as_folded() {
        const PARTICLES: &[&str] = &["de", "van", "al"];
        for s in [
            "Jane Roe",
            "  J. Roe  ",
            "Bill de Roe",
            "van",
            "Jane van",
            "d.e Roe",
            "De Roe",
            "O'Roe-Doe, Jr.",
            "--",
            "",
            "Jane\u{b}Roe\tDoe",
            "al van de Roe",
            "(Jane) [Roe]",
            "\u{c}Jane\rRoe\n",
            "J.R.R. Roe",
            "'Jane' Roe",
            " . ",
            "Roe, Jane\u{1}Doe",
        ] {
            assert!(plain(s));
            assert_eq!(plain_name_tokens(s, PARTICLES), folded_name_tokens(s, PARTICLES), "{s:?}");
            assert_eq!(slug(s), folded_slug(s), "{s:?}");
        }
    }

    #[test]
    fn aliases_parse_force_and_forbid() {
        let a = Aliases::parse("variant,canonical\nJ. Roe,Jane Roe\nJohn Roe,!Jane Roe\n").unwrap();
        assert_eq!(a.force, vec![("J. Roe".to_string(), "Jane Roe".to_string())]);
        assert_eq!(a.forbid, vec![("John Roe".to_string(), "Jane Roe".to_string())]);
        assert!(Aliases::parse("only-one-field\n").is_err());
    }
}
