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

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::attribution::{EntityKind, Resolution, RoleQuery};
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
    let raw: Vec<String> = deunicode::deunicode(name)
        .split(|c: char| c.is_whitespace())
        .map(|t| t.trim_matches(|c: char| !c.is_ascii_alphanumeric()).replace(['.', '\''], ""))
        .filter(|t| !t.is_empty())
        .collect();
    let mut out: Vec<String> = Vec::new();
    let mut pending = String::new();
    for (i, t) in raw.iter().enumerate() {
        if i + 1 < raw.len() && PARTICLES.contains(&t.as_str()) {
            pending.push_str(t);
            pending.push('-');
            continue;
        }
        out.push(format!("{pending}{}", t.to_lowercase()));
        pending.clear();
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
    let s = s.replace("dh", "d").replace("th", "t").replace("ph", "f").replace("kh", "k").replace("gh", "g");
    let mut out = String::new();
    for c in s.chars() {
        let m = match c {
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
    format!("{:06x}", h & 0xffffff)
}

/// Union–find over person clusters.
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
#[derive(Default)]
struct Form {
    tokens: Vec<String>,
    written: BTreeMap<String, usize>,
    docs: BTreeSet<usize>,
    titles: BTreeSet<String>,
    role: BTreeSet<String>,
    affiliation: BTreeSet<String>,
}

/// Roles and affiliations of each person, with the people by the first letters of each word.
#[derive(Default)]
struct RoleTable {
    roles: HashMap<usize, (Vec<String>, Vec<String>)>,
    by_word: HashMap<String, BTreeSet<usize>>,
}

/// The registry of a run.
#[derive(Debug, Default)]
pub struct Registry {
    pub entities: Vec<Entity>,
    /// (article index, speaker as written in quotes.csv before normalization) → entity.
    speakers: HashMap<(usize, String), usize>,
    /// Article ids, in input order.
    pub docs: Vec<String>,
}

impl Registry {
    /// The entity an article's speaker name stands for.
    pub fn lookup(&self, doc: usize, speaker: &str) -> Option<&Entity> {
        self.speakers.get(&(doc, speaker.to_string())).map(|&i| &self.entities[i])
    }

    /// Builds the registry from the records of every article (in input order) and the speakers
    /// each article's quotes carry.
    pub fn build(records: &[ArticleRecord], speakers: &[Vec<SpeakerUse>], aliases: &Aliases, g: &Grammar) -> Registry {
        Builder::new(records, speakers, aliases, g).run()
    }
}

struct Builder<'a> {
    records: &'a [ArticleRecord],
    speakers: &'a [Vec<SpeakerUse>],
    aliases: &'a Aliases,
    g: &'a Grammar,
    forms: Vec<Form>,
    form_index: HashMap<String, usize>,
    sets: Sets,
    /// Surname-only names, resolved to a form index where one person fits.
    singles: HashMap<String, Option<usize>>,
    variants: HashMap<usize, BTreeSet<String>>,
    handles: HashMap<usize, BTreeSet<String>>,
    role_docs: HashMap<usize, BTreeSet<usize>>,
    rules: HashMap<usize, BTreeSet<String>>,
    /// Words that stand as someone's affiliation (`Front leader X`): organizations.
    affiliation_words: BTreeSet<String>,
    /// The forms of each cluster, by root.
    members: HashMap<usize, Vec<usize>>,
    /// Forms by surname, and by the sound key of the surname.
    by_surname: HashMap<String, Vec<usize>>,
    by_sound: HashMap<String, Vec<usize>>,
}

impl<'a> Builder<'a> {
    fn new(records: &'a [ArticleRecord], speakers: &'a [Vec<SpeakerUse>], aliases: &'a Aliases, g: &'a Grammar) -> Self {
        Builder {
            records,
            speakers,
            aliases,
            g,
            forms: Vec::new(),
            form_index: HashMap::new(),
            sets: Sets { parent: Vec::new() },
            singles: HashMap::new(),
            variants: HashMap::new(),
            handles: HashMap::new(),
            role_docs: HashMap::new(),
            rules: HashMap::new(),
            affiliation_words: BTreeSet::new(),
            members: HashMap::new(),
            by_surname: HashMap::new(),
            by_sound: HashMap::new(),
        }
    }

    /// A name with no place, country, organization or geography word in it.
    fn clean(&self, tokens: &[String]) -> bool {
        // A name never ends on a title: `Politburo Chief`.
        let last = tokens.last().map_or("", String::as_str);
        !self.g.titles.contains(last) && !self.g.roles.contains(last)
            && tokens.iter().all(|t| {
            !self.g.places.contains_key(t.as_str())
                && !self.g.demonyms.contains_key(t.as_str())
                && !self.g.org_words.contains(t.as_str())
                && !self.g.geo_words.contains(t.as_str())
                && !self.g.function_words.contains(t.as_str())
        })
    }

    fn is_speaker(&self, doc: usize, name: &str) -> bool {
        self.speakers.get(doc).is_some_and(|s| s.iter().any(|u| u.speaker == name && u.resolution != Resolution::AsWritten))
    }

    fn forbidden(&mut self, a: usize, b: usize) -> bool {
        if self.aliases.forbid.is_empty() {
            return false;
        }
        let (ra, rb) = (self.sets.find(a), self.sets.find(b));
        let names = |b: &Self, r: usize| -> Vec<String> {
            b.members[&r].iter().flat_map(|&i| b.forms[i].written.keys().map(|n| name_tokens(n).join(" "))).collect()
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
        let (ra, rb) = (self.sets.find(a), self.sets.find(b));
        if ra != rb {
            // The smaller index stays the root, so the result does not depend on call order.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.sets.parent[hi] = lo;
            let moved = self.members.remove(&hi).unwrap_or_default();
            self.members.entry(lo).or_default().extend(moved);
        }
    }

    fn add_form(&mut self, doc: usize, written: &str, tokens: Vec<String>, title: &str, role: &[String], aff: &[String]) -> usize {
        let key = tokens.join(" ");
        let i = match self.form_index.get(&key) {
            Some(&i) => i,
            None => {
                let i = self.forms.len();
                let surname = tokens.last().cloned().unwrap_or_default();
                self.by_sound.entry(sound_key(&surname)).or_default().push(i);
                self.by_surname.entry(surname).or_default().push(i);
                self.forms.push(Form { tokens, ..Form::default() });
                self.sets.parent.push(i);
                self.members.insert(i, vec![i]);
                self.form_index.insert(key, i);
                i
            }
        };
        let f = &mut self.forms[i];
        *f.written.entry(written.to_string()).or_default() += 1;
        f.docs.insert(doc);
        if !title.is_empty() {
            f.titles.insert(title.to_string());
        }
        f.role.extend(role.iter().cloned());
        f.affiliation.extend(aff.iter().cloned());
        i
    }

    /// Step 1: the full names of the run, then one cluster per surname and compatible given
    /// names.
    fn collect_forms(&mut self) {
        let mut singles: Vec<(usize, String)> = Vec::new();
        for (doc, rec) in self.records.iter().enumerate() {
            for m in &rec.names {
                self.affiliation_words.extend(m.affiliation.iter().cloned());
                if m.kind != EntityKind::Person {
                    continue;
                }
                let tokens = name_tokens(&m.name);
                let titled = !m.title.is_empty();
                let worthy = titled || self.is_speaker(doc, &m.name) || self.clean(&tokens);
                if !worthy || tokens.is_empty() {
                    continue;
                }
                if tokens.len() >= 2 {
                    self.add_form(doc, &m.name, tokens, &m.title, &m.role, &m.affiliation);
                } else {
                    singles.push((doc, m.name.clone()));
                }
            }
        }
        // Same surname, compatible given names. Longer forms first, so that a short form joins
        // the one person it fits and stays apart where it fits two.
        let mut by_surname: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, f) in self.forms.iter().enumerate() {
            by_surname.entry(f.tokens.last().unwrap().clone()).or_default().push(i);
        }
        for (_, mut ids) in by_surname {
            ids.sort_by(|&a, &b| self.forms[b].tokens.len().cmp(&self.forms[a].tokens.len()).then(self.forms[a].tokens.cmp(&self.forms[b].tokens)));
            let mut clusters: Vec<Vec<usize>> = Vec::new();
            for i in ids {
                let given = |f: &Form| f.tokens[..f.tokens.len() - 1].to_vec();
                let gi = given(&self.forms[i]);
                let fits: Vec<usize> = (0..clusters.len())
                    .filter(|&c| clusters[c].iter().all(|&j| given_compatible(&gi, &given(&self.forms[j]))))
                    .collect();
                if fits.len() == 1 && self.union(clusters[fits[0]][0], i) {
                    clusters[fits[0]].push(i);
                } else {
                    clusters.push(vec![i]);
                }
            }
        }
        self.merge_spelling_variants();
        // Surname-only mentions join the one person with that surname, if there is one.
        for (doc, name) in singles {
            let key = name_tokens(&name).join(" ");
            if self.singles.contains_key(&key) {
                continue;
            }
            let found = self.person_by_surname(&key);
            let resolved = match found {
                Some(i) => Some(i),
                None if self.is_speaker(doc, &name) && !self.affiliation_words.contains(&name.to_lowercase()) && self.people_by_surname(&key).is_empty() => {
                    Some(self.add_form(doc, &name, vec![key.clone()], "", &[], &[]))
                }
                None => None,
            };
            if let Some(i) = resolved {
                self.variants.entry(i).or_default().insert(name.clone());
                self.forms[i].docs.insert(doc);
            }
            self.singles.insert(key, resolved);
        }
    }

    /// Distinct people whose surname (or, for long surnames, its spelling variant) is `surname`.
    fn people_by_surname(&mut self, surname: &str) -> BTreeSet<usize> {
        let mut ids: Vec<usize> = self.by_surname.get(surname).cloned().unwrap_or_default();
        // A short word alike in sound is as often another name or a plain word (`Ran`).
        let variants = if surname.len() >= 7 { self.by_sound.get(&sound_key(surname)) } else { None };
        for &i in variants.into_iter().flatten() {
            // Only full names vouch for a surname; a lone word may be a first name.
            if self.forms[i].tokens.len() >= 2 && strsim::jaro_winkler(self.forms[i].tokens.last().unwrap(), surname) >= 0.9 {
                ids.push(i);
            }
        }
        ids.into_iter().map(|i| self.sets.find(i)).collect()
    }

    fn person_by_surname(&mut self, surname: &str) -> Option<usize> {
        let p = self.people_by_surname(surname);
        (p.len() == 1).then(|| *p.iter().next().unwrap())
    }

    /// Step 2: spelling variants of a surname. Candidates share a sound key, so the
    /// comparisons stay within small buckets.
    fn merge_spelling_variants(&mut self) {
        let mut buckets: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, f) in self.forms.iter().enumerate() {
            buckets.entry(sound_key(f.tokens.last().unwrap())).or_default().push(i);
        }
        for (_, ids) in buckets {
            for x in 0..ids.len() {
                for y in x + 1..ids.len() {
                    let (a, b) = (ids[x], ids[y]);
                    let (fa, fb) = (&self.forms[a], &self.forms[b]);
                    let (sa, sb) = (fa.tokens.last().unwrap(), fb.tokens.last().unwrap());
                    // Same sound key already: the string measure only has to rule out chance.
                    if sa == sb || strsim::jaro_winkler(sa, sb) < 0.75 {
                        continue;
                    }
                    let ga = &fa.tokens[..fa.tokens.len() - 1];
                    let gb = &fb.tokens[..fb.tokens.len() - 1];
                    // Two spellings side by side in one article are two people; so are two
                    // people whose known roles have nothing in common.
                    let together = fa.docs.intersection(&fb.docs).next().is_some();
                    let roles_clash = !fa.role.is_empty() && !fb.role.is_empty() && fa.role.is_disjoint(&fb.role);
                    if given_compatible(ga, gb) && !ga.is_empty() && !gb.is_empty() && !together && !roles_clash {
                        self.union(a, b);
                    }
                }
            }
        }
    }

    /// Step 3: social handles, matched to names like a name: `@JaneRoe` → Jane Roe.
    fn attach_handles(&mut self) {
        // Full names run together (`janeroe`), for handles written that way.
        let joined: HashMap<String, usize> = self.forms.iter().enumerate().map(|(i, f)| (f.tokens.concat(), i)).collect();
        for (doc, rec) in self.records.iter().enumerate() {
            for h in &rec.handles {
                let parts = handle_tokens(h);
                let Some(last) = parts.last().cloned() else { continue };
                let mut people = self.people_by_surname(&last);
                // `@janeroe`: the whole handle is a full name run together.
                if people.is_empty() && parts.len() == 1 {
                    if let Some(&i) = joined.get(&parts[0]) {
                        people.insert(self.sets.find(i));
                    }
                }
                let given = parts[..parts.len() - 1].to_vec();
                let fits: Vec<usize> = people
                    .into_iter()
                    .filter(|r| {
                        self.members[r].iter().any(|&i| {
                            let f = &self.forms[i].tokens;
                            given_compatible(&given, &f[..f.len() - 1])
                        })
                    })
                    .collect();
                if let [r] = fits[..] {
                    self.handles.entry(r).or_default().insert(h.clone());
                    self.forms[r].docs.insert(doc);
                }
            }
        }
    }

    fn root_role(&mut self, r: usize) -> (Vec<String>, Vec<String>) {
        let r = self.sets.find(r);
        let (mut role, mut aff) = (BTreeSet::new(), BTreeSet::new());
        for &i in &self.members[&r] {
            role.extend(self.forms[i].role.iter().cloned());
            aff.extend(self.forms[i].affiliation.iter().cloned());
        }
        (role.into_iter().collect(), aff.into_iter().collect())
    }

    /// The person a name of article `doc` stands for.
    fn person_of(&mut self, name: &str) -> Option<usize> {
        let key = name_tokens(name).join(" ");
        if let Some(&i) = self.form_index.get(&key) {
            return Some(self.sets.find(i));
        }
        match self.singles.get(&key) {
            Some(found) => found.map(|i| self.sets.find(i)),
            None => {
                let tokens = name_tokens(name);
                (tokens.len() == 1).then(|| self.person_by_surname(&tokens[0])).flatten()
            }
        }
    }

    /// The roles and affiliations of every person, and the people holding each role word or
    /// affiliation, for role phrases.
    fn role_table(&mut self) -> RoleTable {
        let roots: Vec<usize> = self.members.keys().copied().collect::<BTreeSet<_>>().into_iter().collect();
        let mut t = RoleTable::default();
        for r in roots {
            let (ro, af) = self.root_role(r);
            for w in ro.iter().chain(af.iter()) {
                t.by_word.entry(w.chars().take(4).collect()).or_default().insert(r);
            }
            t.roles.insert(r, (ro, af));
        }
        t
    }

    /// The people a role query fits.
    fn fitting(&self, t: &RoleTable, q: &RoleQuery) -> Vec<usize> {
        let key = if q.generic { q.affiliations.first().cloned().unwrap_or_default() } else { q.head.clone() };
        let key: String = key.chars().take(4).collect();
        t.by_word
            .get(&key)
            .into_iter()
            .flatten()
            .copied()
            .filter(|r| t.roles.get(r).is_some_and(|(ro, af)| q.fits_strictly(ro, af)))
            .collect()
    }

    fn in_doc(&self, r: usize, doc: usize) -> bool {
        self.members.get(&r).is_some_and(|m| m.iter().any(|&i| self.forms[i].docs.contains(&doc)))
    }

    /// The one person of `fits` in the article, or else the one person of the run. A bare
    /// office (`the president`) is looked for in its article only: across a run it is too many
    /// people.
    fn pick(&self, fits: &[usize], doc: usize, q: &RoleQuery) -> Option<usize> {
        let here: Vec<usize> = fits.iter().copied().filter(|&r| self.in_doc(r, doc)).collect();
        match (&here[..], fits) {
            ([r], _) => Some(*r),
            ([], [r]) if !q.affiliations.is_empty() => Some(*r),
            _ => None,
        }
    }

    /// Step 4: role phrases (`Iran's top diplomat`), within their article first, then across
    /// the run; left alone where two people fit.
    fn attach_role_phrases(&mut self, t: &RoleTable) {
        for (doc, rec) in self.records.iter().enumerate() {
            for rp in &rec.role_phrases {
                let target = match &rp.resolved {
                    Some(name) => self.person_of(name),
                    None => RoleQuery::parse(&rp.words, self.g).and_then(|q| self.pick(&self.fitting(t, &q), doc, &q)),
                };
                if let Some(r) = target {
                    let r = self.sets.find(r);
                    self.variants.entry(r).or_default().insert(rp.written.clone());
                    self.role_docs.entry(r).or_default().insert(doc);
                }
            }
        }
    }

    /// The one person a definite role phrase (`the foreign minister`, `Ruritania’s top diplomat`)
    /// fits, in its article or else in the run.
    fn role_holder(&self, t: &RoleTable, doc: usize, phrase: &str) -> Option<usize> {
        let lower = phrase.to_lowercase();
        let definite = lower.starts_with("the ") || lower.contains("’s ") || lower.contains("'s ");
        if !definite {
            return None;
        }
        let words: Vec<String> = lower
            .replace(['’', '\''], " ")
            .split_whitespace()
            .filter(|w| *w != "the" && *w != "s")
            .map(str::to_string)
            .collect();
        let q = RoleQuery::parse(&words, self.g)?;
        self.pick(&self.fitting(t, &q), doc, &q)
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
            let r = self.sets.find(target);
            self.rules.entry(r).or_default().insert(rule);
            self.variants.entry(r).or_default().insert(v.clone());
        }
        for (v, c) in &self.aliases.forbid {
            for name in [v, c] {
                if let Some(p) = self.person_of(name) {
                    let r = self.sets.find(p);
                    self.rules.entry(r).or_default().insert(format!("{v} ≠ {c}"));
                }
            }
        }
    }

    fn run(mut self) -> Registry {
        self.collect_forms();
        self.attach_handles();
        self.apply_forced_aliases();
        let table = self.role_table();
        self.attach_role_phrases(&table);

        // People.
        let mut by_root: BTreeMap<usize, Entity> = BTreeMap::new();
        for i in 0..self.forms.len() {
            let r = self.sets.find(i);
            let e = by_root.entry(r).or_insert_with(|| Entity { kind: Some(Kind::Person), ..Entity::default() });
            let f = &self.forms[i];
            e.variants.extend(f.written.keys().cloned());
            for t in &f.titles {
                if !e.roles.iter().any(|r| r.eq_ignore_ascii_case(t)) {
                    e.roles.insert(t.clone());
                }
            }
            e.articles.extend(f.docs.iter().copied());
        }
        // What was attached to a form during the steps belongs to its person.
        let mut attach = |i: usize, f: &mut dyn FnMut(&mut Entity)| {
            if let Some(e) = by_root.get_mut(&self.sets.find(i)) {
                f(e);
            }
        };
        for (&i, vs) in &self.variants {
            attach(i, &mut |e| e.variants.extend(vs.iter().cloned()));
        }
        for (&i, hs) in &self.handles {
            attach(i, &mut |e| e.handles.extend(hs.iter().cloned()));
        }
        for (&i, ds) in &self.role_docs {
            attach(i, &mut |e| e.articles.extend(ds.iter().copied()));
        }
        for (&i, rs) in &self.rules {
            attach(i, &mut |e| e.rules.extend(rs.iter().cloned()));
        }
        for (&r, e) in by_root.iter_mut() {
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            for &i in &self.members[&r] {
                for (w, n) in &self.forms[i].written {
                    *counts.entry(w.clone()).or_default() += n;
                }
            }
            // Fullest first (initials add nothing: `Donald J. Trump` is no fuller than
            // `Donald Trump`), then the most written.
            let key = |n: &str, count: usize| {
                let t = name_tokens(n);
                (t.len() >= 2, t.iter().filter(|w| w.len() > 1).count(), count, n.len())
            };
            e.name = counts
                .iter()
                .max_by(|a, b| key(a.0, *a.1).cmp(&key(b.0, *b.1)).then(b.0.cmp(a.0)))
                .map(|(n, _)| n.clone())
                .unwrap_or_default();
        }
        let mut entities: Vec<Entity> = Vec::new();
        let mut root_entity: HashMap<usize, usize> = HashMap::new();
        for (r, mut e) in by_root {
            e.variants.remove(&e.name);
            root_entity.insert(r, entities.len());
            entities.push(e);
        }

        // Speakers: people, states, organizations and anonymous sources.
        let mut speakers: HashMap<(usize, String), usize> = HashMap::new();
        let mut keyed: HashMap<(Kind, String), usize> = HashMap::new();
        for (doc, uses) in self.speakers.iter().enumerate() {
            for u in uses {
                if u.speaker.is_empty() {
                    continue;
                }
                let lower = u.speaker.to_lowercase();
                // One entity per kind and key, created at its first use.
                let mut keyed_entity = |kind: Kind, key: String, name: String| -> usize {
                    *keyed.entry((kind, key)).or_insert_with(|| {
                        entities.push(Entity { kind: Some(kind), name, ..Entity::default() });
                        entities.len() - 1
                    })
                };
                let idx = if u.resolution == Resolution::AsWritten {
                    match self.role_holder(&table, doc, &u.speaker).and_then(|r| root_entity.get(&r).copied()) {
                        Some(i) => Some(i),
                        None => Some(keyed_entity(Kind::Anonymous, format!("{doc}\u{1}{lower}"), u.speaker.clone())),
                    }
                } else if let Some(country) = self.g.places.get(&lower).or_else(|| self.g.capitals.get(&lower)) {
                    Some(keyed_entity(Kind::State, country.clone(), display_country(country)))
                } else {
                    let person = self.person_of(&u.speaker);
                    let named_here = self.records[doc].names.iter().any(|m| m.kind == EntityKind::Person && m.name == u.speaker);
                    // A bare name that only ever stands as somebody's affiliation is an organization.
                    let as_person = named_here || person.is_some() && (u.resolution != Resolution::Name || !self.affiliation_words.contains(&lower));
                    if as_person {
                        person.and_then(|r| root_entity.get(&self.sets.find(r)).copied())
                    } else {
                        let folded = lower.trim_start_matches("the ").to_string();
                        Some(keyed_entity(Kind::Organization, folded, u.speaker.clone()))
                    }
                };
                // Every other way the articles name it.
                if let Some(i) = idx {
                    if entities[i].kind != Some(Kind::Anonymous) && !entities[i].name.eq_ignore_ascii_case(&u.speaker) {
                        entities[i].variants.insert(u.speaker.clone());
                    }
                }
                if let Some(i) = idx {
                    entities[i].quotes += u.quotes;
                    entities[i].articles.insert(doc);
                    speakers.insert((doc, u.speaker.clone()), i);
                }
            }
        }

        // Ids from canonical names; same-named entities are told apart by what they hold.
        for e in entities.iter_mut() {
            let kind = e.kind.unwrap_or(Kind::Person);
            e.id = match kind {
                Kind::Anonymous => {
                    let doc = e.articles.iter().next().map(|&d| self.records[d].doc.as_str()).unwrap_or("");
                    format!("a-{}-{}", slug(&e.name), short_hash(doc))
                }
                _ => format!("{}-{}", kind.prefix(), slug(&e.name)),
            };
        }
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut order: Vec<usize> = (0..entities.len()).collect();
        order.sort_by(|&a, &b| {
            let key = |e: &Entity| (e.id.clone(), e.variants.iter().cloned().collect::<Vec<_>>().join("|"));
            key(&entities[a]).cmp(&key(&entities[b]))
        });
        for i in order {
            let n = seen.entry(entities[i].id.clone()).or_default();
            *n += 1;
            if *n > 1 {
                let extra = entities[i].variants.iter().cloned().collect::<Vec<_>>().join("|");
                entities[i].id = format!("{}-{}", entities[i].id, short_hash(&extra));
            }
        }
        Registry { entities, speakers, docs: self.records.iter().map(|r| r.doc.clone()).collect() }
    }
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
        assert!(given_compatible(&t("seyyed ali"), &t("ali")));
        assert!(!given_compatible(&t("jane"), &t("john")));
    }

    #[test]
    fn sound_key_ignores_spelling() {
        assert_eq!(sound_key("gaddafi"), sound_key("qadhafi"));
        assert_ne!(sound_key("khamenei"), sound_key("larijani"));
    }

    #[test]
    fn handles_split_into_names() {
        assert_eq!(handle_tokens("@JaneRoe"), t("jane roe"));
        assert_eq!(handle_tokens("@jane_roe2"), t("jane roe"));
        assert_eq!(handle_tokens("@Roeville"), t("roeville"));
    }

    #[test]
    fn slug_is_ascii() {
        assert_eq!(slug("Ayşe Gül Doğan"), "ayse-gul-dogan");
    }

    #[test]
    fn aliases_parse_force_and_forbid() {
        let a = Aliases::parse("variant,canonical\nJ. Roe,Jane Roe\nJohn Roe,!Jane Roe\n").unwrap();
        assert_eq!(a.force, vec![("J. Roe".to_string(), "Jane Roe".to_string())]);
        assert_eq!(a.forbid, vec![("John Roe".to_string(), "Jane Roe".to_string())]);
        assert!(Aliases::parse("only-one-field\n").is_err());
    }
}
