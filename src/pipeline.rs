//! A run over many articles: quotes are extracted article by article, then the people registry
//! is built from what every article said about people, and only then are the quote rows final
//! (their `speaker` becomes the canonical name and they gain a `speaker_id`).

use crate::grammar::Grammar;
use crate::input::Article;
use crate::output::{PersonRow, QuoteRow, quote_rows};
use crate::people::{Aliases, Registry, SpeakerUse};
use crate::quotes::{ArticleRecord, Warning, analyze};

/// The articles of a run, as far as they have been read.
#[derive(Default)]
pub struct Run {
    rows: Vec<(usize, QuoteRow)>,
    records: Vec<ArticleRecord>,
    uses: Vec<Vec<SpeakerUse>>,
}

impl Run {
    pub fn new() -> Run {
        Run::default()
    }

    /// Extracts one article's quotes and keeps its rows and people record.
    pub fn add(&mut self, article: &Article, g: &Grammar) -> Vec<Warning> {
        let a = analyze(article, g);
        let doc = self.records.len();
        let mut uses: Vec<SpeakerUse> = Vec::new();
        for q in &a.quotes {
            let (Some(res), false) = (q.resolution, q.speaker.is_empty()) else { continue };
            match uses.iter_mut().find(|u| u.speaker == q.speaker) {
                Some(u) => u.quotes += 1,
                None => uses.push(SpeakerUse { speaker: q.speaker.clone(), resolution: res, quotes: 1 }),
            }
        }
        self.rows.extend(quote_rows(article, &a.quotes).into_iter().map(|r| (doc, r)));
        self.records.push(a.record);
        self.uses.push(uses);
        a.warnings
    }

    /// Builds the registry and gives every quote its canonical speaker and id.
    pub fn finish(self, aliases: &Aliases, g: &Grammar) -> (Vec<QuoteRow>, Registry) {
        let registry = Registry::build(&self.records, &self.uses, aliases, g);
        let rows = self
            .rows
            .into_iter()
            .map(|(doc, mut row)| {
                if let Some(e) = registry.lookup(doc, &row.speaker) {
                    row.speaker_id = e.id.clone();
                    row.speaker = e.name.clone();
                }
                row
            })
            .collect();
        (rows, registry)
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
