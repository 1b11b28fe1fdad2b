//! The lexicons that drive quote attribution, loaded from `grammar/*.txt`.
//!
//! Every list is plain data so that a newsroom can adapt the tool to its house style without
//! recompiling: the files are embedded with `include_str!` as the default and any of them can be
//! replaced by a file of the same name in a directory given with `--grammar DIR`. Each file holds
//! one entry a line, `#` starts a comment line, and two-field entries are separated by a tab.

use std::collections::{HashMap, HashSet};
use std::path::Path;

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

/// All lexicons, ready for lookups. Words are lowercase.
#[derive(Debug, Default, Clone)]
pub struct Grammar {
    pub adverbs: HashSet<String>,
    pub boilerplate: Vec<String>,
    /// capital or country alias → canonical country.
    pub places: HashMap<String, String>,
    pub capitals: HashMap<String, String>,
    pub cues: HashSet<String>,
    pub demonyms: HashMap<String, String>,
    pub function_words: HashSet<String>,
    pub geo_words: HashSet<String>,
    pub org_words: HashSet<String>,
    pub pronouns: HashMap<String, Pronoun>,
    pub role_synonyms: HashMap<String, String>,
    pub roles: HashSet<String>,
    pub scare_markers: HashSet<String>,
    pub speech_nouns: HashSet<String>,
    /// Titles, as token sequences; the longest is tried first.
    pub titles: HashSet<String>,
    pub max_title_words: usize,
    /// Reporting verb → claim class (`assert`, `allege`, `accuse`, `deny`, `confirm`).
    pub cue_classes: HashMap<String, String>,
    pub negations: HashSet<String>,
    /// Predicate phrases (as words) and their class, longest first.
    pub predicates: Vec<(Vec<String>, String)>,
    /// Event noun → event class.
    pub events: HashMap<String, String>,
    /// Claims: irregular form → lemma; word → the word it is the opposite of; word → `noun` (a
    /// claim named, `the charge`), `false` (calls it untrue) or `verb` (`called it false`).
    pub lemmas: HashMap<String, String>,
    pub opposites: HashMap<String, String>,
    pub claim_refs: HashMap<String, String>,
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
        let set = |name: &str| -> Result<HashSet<String>, Error> {
            Ok(entries(&load(name)?).map(|(k, _)| k.to_lowercase()).collect())
        };
        let map = |name: &str| -> Result<HashMap<String, String>, Error> {
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
        Ok(g)
    }

    pub fn is_cue(&self, w: &str) -> bool {
        self.cues.contains(key(w).as_ref())
    }
    pub fn is_title(&self, w: &str) -> bool {
        self.titles.contains(key(w).as_ref())
    }
    pub fn is_function(&self, w: &str) -> bool {
        self.function_words.contains(key(w).as_ref())
    }
    pub fn is_role(&self, w: &str) -> bool {
        self.roles.contains(key(w).as_ref())
    }
    pub fn is_adverb(&self, w: &str) -> bool {
        self.adverbs.contains(key(w).as_ref())
    }
    pub fn pronoun(&self, w: &str) -> Option<Pronoun> {
        self.pronouns.get(key(w).as_ref()).copied()
    }
    /// The country a demonym, country name or capital stands for.
    pub fn country_of(&self, w: &str) -> Option<&str> {
        let w = key(w);
        self.demonyms.get(w.as_ref()).or_else(|| self.places.get(w.as_ref())).map(String::as_str)
    }
}

/// A word as the lexicons hold it: lowercase, without allocating when it already is.
fn key(w: &str) -> std::borrow::Cow<'_, str> {
    if w.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) { std::borrow::Cow::Owned(w.to_lowercase()) } else { std::borrow::Cow::Borrowed(w) }
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
}
