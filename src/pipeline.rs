//! A run over many articles: quotes are extracted article by article, then the people registry
//! is built from what every article said about people, and only then are the quote rows final
//! (their `speaker` becomes the canonical name and they gain a `speaker_id`).

use crate::grammar::Grammar;
use crate::input::Article;
use crate::claims::{RunClaim, pair};
use crate::output::{ClaimRow, PairRow, PersonRow, QuoteRow, quote_id, quote_rows};
use crate::people::{Aliases, Registry, SpeakerUse};
use crate::quotes::{Analysis, ArticleRecord, Warning, analyze};

/// The articles of a run, as far as they have been read.
#[derive(Default)]
pub struct Run {
    rows: Vec<(usize, QuoteRow)>,
    records: Vec<ArticleRecord>,
    uses: Vec<Vec<SpeakerUse>>,
    /// The words of each claim (the article texts themselves are not kept).
    claim_texts: Vec<Vec<String>>,
}

/// Everything a run writes.
pub struct Tables {
    pub quotes: Vec<QuoteRow>,
    pub registry: Registry,
    pub claims: Vec<ClaimRow>,
    pub pairs: Vec<PairRow>,
}

impl Run {
    pub fn new() -> Run {
        Run::default()
    }

    /// Extracts one article's quotes and keeps its rows and people record.
    pub fn add(&mut self, article: &Article, g: &Grammar) -> Vec<Warning> {
        let a = analyze(article, g);
        self.keep(article, a)
    }

    /// Extracts a batch of articles on `pool`'s threads and keeps them in their input order, so
    /// the output is the same whatever the number of threads. An article whose extraction fails
    /// (a bug, not bad input) comes back as `Err` with its id, and the others are kept.
    pub fn add_batch(&mut self, articles: &[Article], g: &Grammar, pool: &rayon::ThreadPool) -> Vec<Result<Vec<Warning>, String>> {
        use rayon::prelude::*;
        let analyses: Vec<Option<Analysis>> = pool.install(|| {
            articles
                .par_iter()
                .map(|a| std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| analyze(a, g))).ok())
                .collect()
        });
        articles
            .iter()
            .zip(analyses)
            .map(|(article, a)| match a {
                Some(a) => Ok(self.keep(article, a)),
                None => Err(article.id.clone()),
            })
            .collect()
    }

    fn keep(&mut self, article: &Article, a: Analysis) -> Vec<Warning> {
        let doc = self.records.len();
        let mut uses: Vec<SpeakerUse> = Vec::new();
        for q in &a.quotes {
            let (Some(res), false) = (q.resolution, q.speaker.is_empty()) else { continue };
            match uses.iter_mut().find(|u| u.speaker == q.speaker) {
                Some(u) => u.quotes += 1,
                None => uses.push(SpeakerUse { speaker: q.speaker.clone(), resolution: res, quotes: 1 }),
            }
        }
        // Claimants are speakers too: the registry gives them their ids.
        for c in &a.record.claims {
            if !uses.iter().any(|u| u.speaker == c.claimant) {
                uses.push(SpeakerUse { speaker: c.claimant.clone(), resolution: c.resolution, quotes: 0 });
            }
        }
        self.claim_texts.push(a.record.claims.iter().map(|c| article.text[c.start..c.end].to_string()).collect());
        self.rows.extend(quote_rows(article, &a.quotes).into_iter().map(|r| (doc, r)));
        self.records.push(a.record);
        self.uses.push(uses);
        a.warnings
    }

    /// Builds the registry and gives every quote its canonical speaker and id.
    pub fn finish(self, aliases: &Aliases, g: &Grammar) -> (Vec<QuoteRow>, Registry) {
        let t = self.tables(aliases, g);
        (t.quotes, t.registry)
    }

    /// Builds the registry, then the final quote rows, claims and claim ↔ counterclaim pairs.
    pub fn tables(self, aliases: &Aliases, g: &Grammar) -> Tables {
        let registry = Registry::build(&self.records, &self.uses, aliases, g);
        let mut run_claims = Vec::new();
        let mut claim_rows = Vec::new();
        for (doc, rec) in self.records.iter().enumerate() {
            for (k, c) in rec.claims.iter().enumerate() {
                let entity = registry.lookup(doc, &c.claimant);
                let claim_id = format!("c{}", run_claims.len() + 1);
                claim_rows.push(ClaimRow {
                    claim_id: claim_id.clone(),
                    doc: rec.doc.clone(),
                    start: c.start,
                    end: c.end,
                    claimant: entity.map_or(c.claimant.clone(), |e| e.name.clone()),
                    claimant_id: entity.map(|e| e.id.clone()).unwrap_or_default(),
                    cue: c.cue.clone(),
                    cue_class: c.cue_class.clone(),
                    polarity: if c.positive { "+" } else { "-" },
                    proposition: c.proposition.as_ref().map(|p| p.render()).unwrap_or_default(),
                    text: self.claim_texts[doc][k].clone(),
                    quote_id: c.quote.map(quote_id).unwrap_or_default(),
                });
                run_claims.push(RunClaim {
                    claim_id,
                    doc,
                    claimant_id: entity.map(|e| e.id.clone()).unwrap_or_default(),
                    claim: c.clone(),
                });
            }
        }
        let pairs = pair(&run_claims)
            .into_iter()
            .enumerate()
            .map(|(n, p)| {
                let (a, b) = (&claim_rows[p.claim], &claim_rows[p.counter]);
                PairRow {
                    pair_id: format!("p{}", n + 1),
                    topic: a.proposition.clone(),
                    claim_id: a.claim_id.clone(),
                    claimant: a.claimant.clone(),
                    claim_text: a.text.clone(),
                    claim_doc: a.doc.clone(),
                    counter_id: b.claim_id.clone(),
                    counterclaimant: b.claimant.clone(),
                    counter_text: b.text.clone(),
                    counter_doc: b.doc.clone(),
                    relation: p.relation,
                    score: p.score,
                    evidence: format!("claim: {} | counter: {}", p.evidence_claim.join("; "), p.evidence_counter.join("; ")),
                }
            })
            .collect();
        let quotes = Self::final_rows(self.rows, &registry);
        Tables { quotes, registry, claims: claim_rows, pairs }
    }

    fn final_rows(rows: Vec<(usize, QuoteRow)>, registry: &Registry) -> Vec<QuoteRow> {
        rows.into_iter()
            .map(|(doc, mut row)| {
                if let Some(e) = registry.lookup(doc, &row.speaker) {
                    row.speaker_id = e.id.clone();
                    row.speaker = e.name.clone();
                }
                row
            })
            .collect()
    }
}

/// The rows of `people.csv`, in id order.
pub fn people_rows(registry: &Registry) -> Vec<PersonRow> {
    let mut rows: Vec<PersonRow> = registry
        .entities
        .iter()
        .map(|e| PersonRow {
            speaker_id: e.id.clone(),
            name: e.name.clone(),
            kind: e.kind.map_or("person", |k| k.as_str()),
            roles: join(e.roles.iter()),
            variants: join(e.variants.iter()),
            handles: join(e.handles.iter()),
            articles: e.articles.len(),
            quotes: e.quotes,
            first_seen_doc: e.articles.iter().next().map(|&d| registry.docs[d].clone()).unwrap_or_default(),
            aliases: join(e.rules.iter()),
        })
        .collect();
    rows.sort_by(|a, b| a.speaker_id.cmp(&b.speaker_id));
    rows
}

fn join<'a>(items: impl Iterator<Item = &'a String>) -> String {
    items.map(String::as_str).collect::<Vec<_>>().join("; ")
}
