//! A run over many articles: quotes are extracted article by article, then the people registry
//! is built from what every article said about people, and only then are the quote rows final
//! (their `speaker` becomes the canonical name and they gain a `speaker_id`).
//!
//! A run keeps no article text. The registry gathers compact records as articles come
//! ([`Collector`]); claims are kept only where they can enter a pair (those with a proposition).
//! [`Run`] keeps the rows in memory for the library; [`Stream`], for the command line, renders
//! each article's rows at once (on the extraction threads) minus their speaker columns, spills
//! them to a temporary file, and completes them as it streams them out at the end, so that
//! memory does not grow with the rows.

use std::io::{BufReader, BufWriter, Read, Seek, Write};

use crate::claims::{Claim, Pair, RunClaim, pair};
use crate::grammar::Grammar;
use crate::input::Article;
use crate::output::{
    CLAIM_COLUMNS, ClaimHead, ClaimRow, ClaimTail, ClaimantColumns, CsvFields, Format, PAIR_COLUMNS, PEOPLE_COLUMNS, PairRow, Parts, PersonRow,
    QUOTE_COLUMNS, QuoteHead, QuoteRow, QuoteTail, RowWriter, SpeakerColumns, quote_id, quote_rows,
};
use crate::people::{Aliases, ArticlePeople, Collector, Entity, NameCache, Registry, SpeakerUse};
use crate::quotes::{Analysis, Warning, analyze};

/// What both kinds of run keep: the registry's records and the claims that may pair.
#[derive(Default)]
struct Common {
    people: Collector,
    /// Claims with a proposition (the only ones [`pair`] can use), without the fields it does
    /// not read, and the index of each among all the claims of the run.
    pairable: Vec<RunClaim>,
    pairable_index: Vec<usize>,
    claims: usize,
    /// Names worked out by the extraction threads.
    names: std::sync::Arc<NameCache>,
}

/// One article, extracted, with its rows in the form its run keeps them and what the registry
/// needs of it; its analysis is dropped where it was made.
pub struct Ready<R> {
    rows: R,
    people: ArticlePeople,
    /// Its claims with a proposition, and their index among its claims.
    pairable: Vec<(usize, Claim)>,
    claims: usize,
    warnings: Vec<Warning>,
}

impl<R> Ready<R> {
    fn new(rows: R, analysis: Analysis, g: &Grammar, names: &NameCache) -> Ready<R> {
        let people = ArticlePeople::new(&analysis.record, speaker_uses(&analysis), g, names);
        Ready { rows, people, pairable: pairable(&analysis), claims: analysis.record.claims.len(), warnings: analysis.warnings }
    }
}

impl Common {
    /// Keeps what the registry and the pairs need of one article; returns the index of its first
    /// claim among the claims of the run.
    fn keep(&mut self, pairable: Vec<(usize, Claim)>, claims: usize, people: ArticlePeople) -> usize {
        let doc = self.people.len();
        let first = self.claims;
        for (k, c) in pairable {
            self.pairable_index.push(first + k);
            self.pairable.push(RunClaim { claim_id: format!("c{}", first + k + 1), doc, claimant_id: String::new(), claim: c });
        }
        self.claims += claims;
        self.people.add_prepared(people);
        first
    }

    /// Builds the registry, gives every pairable claim its claimant id, and pairs them.
    fn settle(mut self, aliases: &Aliases, g: &Grammar) -> (Registry, Vec<RunClaim>, Vec<usize>, Vec<Pair>) {
        let registry = self.people.build(aliases, g);
        for c in &mut self.pairable {
            c.claimant_id = registry.lookup(c.doc, &c.claim.claimant).map(|e| e.id.clone()).unwrap_or_default();
        }
        let pairs = pair(&self.pairable);
        (registry, self.pairable, self.pairable_index, pairs)
    }
}

/// The speakers an article's quotes and claims carry, each once, with its quote count.
fn speaker_uses(a: &Analysis) -> Vec<SpeakerUse> {
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
    uses
}

/// The claims of an article that can enter a pair, slimmed to what [`pair`] and the claimant
/// look-up read.
fn pairable(a: &Analysis) -> Vec<(usize, Claim)> {
    a.record
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.proposition.is_some())
        .map(|(k, c)| (k, Claim { cue: String::new(), ..c.clone() }))
        .collect()
}

/// Extracts a batch on `pool`'s threads, each article prepared by `prepare` there too, and
/// returns them in input order; `None` where extraction failed (a bug, not bad input).
fn extract_batch<R: Send>(
    articles: &[Article],
    g: &Grammar,
    pool: &rayon::ThreadPool,
    names: &NameCache,
    prepare: &(dyn Fn(&Article, &Analysis) -> R + Sync),
) -> Vec<Option<Ready<R>>> {
    use rayon::prelude::*;
    pool.install(|| {
        articles
            .par_iter()
            .map(|a| {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let analysis = analyze(a, g);
                    Ready::new(prepare(a, &analysis), analysis, g, names)
                }))
                .ok()
            })
            .collect()
    })
}

/// The articles of a run, as far as they have been read, with their rows in memory.
#[derive(Default)]
pub struct Run {
    common: Common,
    rows: Vec<(usize, QuoteRow)>,
    /// Claim rows with the claimant as the article names it.
    claim_rows: Vec<(usize, ClaimRow)>,
}

/// Everything a run writes.
pub struct Tables {
    pub quotes: Vec<QuoteRow>,
    pub registry: Registry,
    pub claims: Vec<ClaimRow>,
    pub pairs: Vec<PairRow>,
}

/// The rows of one article, in memory.
type MemoryRows = (Vec<QuoteRow>, Vec<ClaimRow>);

fn memory_rows(article: &Article, a: &Analysis) -> MemoryRows {
    let claims = a
        .record
        .claims
        .iter()
        .map(|c| ClaimRow {
            claim_id: String::new(),
            doc: article.id.clone(),
            start: c.start,
            end: c.end,
            claimant: c.claimant.clone(),
            claimant_id: String::new(),
            cue: c.cue.clone(),
            cue_class: c.cue_class.clone(),
            polarity: if c.positive { "+" } else { "-" },
            proposition: c.proposition.as_ref().map(|p| p.render()).unwrap_or_default(),
            text: article.text[c.start..c.end].to_string(),
            quote_id: c.quote.map(quote_id).unwrap_or_default(),
        })
        .collect();
    (quote_rows(article, &a.quotes), claims)
}

impl Run {
    pub fn new() -> Run {
        Run::default()
    }

    /// Extracts one article's quotes and keeps its rows and people record.
    pub fn add(&mut self, article: &Article, g: &Grammar) -> Vec<Warning> {
        self.add_analysis(article, analyze(article, g), g)
    }

    /// Keeps an article already analyzed (its analysis must be of this very article).
    pub fn add_analysis(&mut self, article: &Article, analysis: Analysis, g: &Grammar) -> Vec<Warning> {
        let ready = Ready::new(memory_rows(article, &analysis), analysis, g, &self.common.names);
        self.keep(ready)
    }

    /// Extracts a batch of articles on `pool`'s threads and keeps them in their input order, so
    /// the output is the same whatever the number of threads. An article whose extraction fails
    /// (a bug, not bad input) comes back as `Err` with its id, and the others are kept.
    pub fn add_batch(&mut self, articles: &[Article], g: &Grammar, pool: &rayon::ThreadPool) -> Vec<Result<Vec<Warning>, String>> {
        let ready = extract_batch(articles, g, pool, &self.common.names, &memory_rows);
        articles
            .iter()
            .zip(ready)
            .map(|(article, r)| match r {
                Some(r) => Ok(self.keep(r)),
                None => Err(article.id.clone()),
            })
            .collect()
    }

    fn keep(&mut self, r: Ready<MemoryRows>) -> Vec<Warning> {
        let doc = self.common.people.len();
        let first = self.common.keep(r.pairable, r.claims, r.people);
        let (quotes, claims) = r.rows;
        self.rows.extend(quotes.into_iter().map(|q| (doc, q)));
        self.claim_rows.extend(claims.into_iter().enumerate().map(|(k, mut c)| {
            c.claim_id = format!("c{}", first + k + 1);
            (doc, c)
        }));
        r.warnings
    }

    /// Builds the registry and gives every quote its canonical speaker and id.
    pub fn finish(self, aliases: &Aliases, g: &Grammar) -> (Vec<QuoteRow>, Registry) {
        let t = self.tables(aliases, g);
        (t.quotes, t.registry)
    }

    /// Builds the registry, then the final quote rows, claims and claim ↔ counterclaim pairs.
    pub fn tables(self, aliases: &Aliases, g: &Grammar) -> Tables {
        let (registry, pairable, index, pairs) = self.common.settle(aliases, g);
        let claims: Vec<ClaimRow> = self
            .claim_rows
            .into_iter()
            .map(|(doc, mut c)| {
                let entity = registry.lookup(doc, &c.claimant);
                c.claimant_id = entity.map(|e| e.id.clone()).unwrap_or_default();
                if let Some(e) = entity {
                    c.claimant = e.name.clone();
                }
                c
            })
            .collect();
        let side = |k: usize| {
            let c = &claims[index[k]];
            Side { claim_id: &c.claim_id, claimant: &c.claimant, text: &c.text, doc: &c.doc }
        };
        let pairs = pairs.iter().enumerate().map(|(n, p)| pair_row(n, p, &pairable, side(p.claim), side(p.counter))).collect();
        let quotes = self
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
        Tables { quotes, registry, claims, pairs }
    }
}

/// One side of a pair, as its row shows it.
struct Side<'a> {
    claim_id: &'a str,
    claimant: &'a str,
    text: &'a str,
    doc: &'a str,
}

fn pair_row(n: usize, p: &Pair, claims: &[RunClaim], a: Side, b: Side) -> PairRow {
    PairRow {
        pair_id: format!("p{}", n + 1),
        topic: claims[p.claim].claim.proposition.as_ref().map(|p| p.render()).unwrap_or_default(),
        claim_id: a.claim_id.to_string(),
        claimant: a.claimant.to_string(),
        claim_text: a.text.to_string(),
        claim_doc: a.doc.to_string(),
        counter_id: b.claim_id.to_string(),
        counterclaimant: b.claimant.to_string(),
        counter_text: b.text.to_string(),
        counter_doc: b.doc.to_string(),
        relation: p.relation,
        score: p.score,
        evidence: format!("claim: {} | counter: {}", p.evidence_claim.join("; "), p.evidence_counter.join("; ")),
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

/// The rows of [`people_rows`] as CSV, written straight from the registry.
fn write_people_csv(registry: &Registry, w: &mut dyn Write) -> std::io::Result<()> {
    let mut order: Vec<&Entity> = registry.entities.iter().collect();
    order.sort_by(|a, b| a.id.cmp(&b.id));
    let mut line = Vec::new();
    for e in order {
        let first_seen = e.articles.iter().next().map_or("", |&d| registry.docs[d].as_str());
        let kind = e.kind.map_or("person", |k| k.as_str());
        line.clear();
        let mut f = CsvFields::new(&mut line);
        f.str(&e.id).str(&e.name).str(kind).joined(&e.roles).joined(&e.variants).joined(&e.handles);
        f.num(e.articles.len()).num(e.quotes).str(first_seen).joined(&e.rules);
        line.push(b'\n');
        w.write_all(&line)?;
    }
    w.flush()
}

fn join<'a>(items: impl Iterator<Item = &'a String>) -> String {
    items.map(String::as_str).collect::<Vec<_>>().join("; ")
}

/// Appends a length-prefixed field.
fn put(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    out.extend_from_slice(bytes);
}

/// Appends a length-prefixed field rendered by `render`, without a copy.
fn put_with(out: &mut Vec<u8>, render: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> std::io::Result<()> {
    let at = out.len();
    out.extend_from_slice(&[0; 8]);
    render(out)?;
    let n = (out.len() - at - 8) as u64;
    out[at..at + 8].copy_from_slice(&n.to_le_bytes());
    Ok(())
}

/// Takes the next length-prefixed field off `buf`.
fn take<'a>(buf: &mut &'a [u8]) -> std::io::Result<&'a [u8]> {
    let bad = || std::io::Error::new(std::io::ErrorKind::InvalidData, "temporary file damaged");
    let (len, rest) = buf.split_at_checked(8).ok_or_else(bad)?;
    let n = usize::try_from(u64::from_le_bytes(len.try_into().map_err(|_| bad())?)).map_err(|_| bad())?;
    let (field, rest) = rest.split_at_checked(n).ok_or_else(bad)?;
    *buf = rest;
    Ok(field)
}

/// Rows waiting for the registry: a temporary file, removed from its folder as soon as it is
/// opened where the system allows it (it lives on until closed, and nothing is left behind), or
/// memory where no temporary file can be made.
struct Spill {
    file: Option<BufWriter<std::fs::File>>,
    memory: Vec<u8>,
}

impl Spill {
    fn new() -> Spill {
        Spill { file: temp_file().ok().map(|f| BufWriter::with_capacity(1 << 16, f)), memory: Vec::new() }
    }

    /// Writes one article's block: its index and its rows' fields.
    fn block(&mut self, doc: usize, bytes: &[u8]) -> std::io::Result<()> {
        let mut head = [0u8; 16];
        head[..8].copy_from_slice(&(doc as u64).to_le_bytes());
        head[8..].copy_from_slice(&(bytes.len() as u64).to_le_bytes());
        match &mut self.file {
            Some(f) => {
                f.write_all(&head)?;
                f.write_all(bytes)
            }
            None => {
                self.memory.extend_from_slice(&head);
                self.memory.extend_from_slice(bytes);
                Ok(())
            }
        }
    }

    /// Reads the blocks back in order, handing each article's index and rows to `each`.
    fn replay(self, each: &mut dyn FnMut(usize, &[u8]) -> std::io::Result<()>) -> std::io::Result<()> {
        let mut r: Box<dyn Read> = match self.file {
            Some(f) => {
                let mut f = f.into_inner().map_err(|e| e.into_error())?;
                f.rewind()?;
                Box::new(BufReader::with_capacity(1 << 16, f))
            }
            None => Box::new(std::io::Cursor::new(self.memory)),
        };
        let mut head = [0u8; 16];
        let mut buf = Vec::new();
        loop {
            match r.read_exact(&mut head) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(()),
                Err(e) => return Err(e),
            }
            let doc = u64::from_le_bytes(head[..8].try_into().unwrap_or_default()) as usize;
            let n = u64::from_le_bytes(head[8..].try_into().unwrap_or_default()) as usize;
            buf.clear();
            buf.resize(n, 0);
            r.read_exact(&mut buf)?;
            each(doc, &buf)?;
        }
    }
}

fn temp_file() -> std::io::Result<std::fs::File> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir();
    loop {
        let p = dir.join(format!("whosaid-{}-{}.tmp", std::process::id(), COUNT.fetch_add(1, Ordering::Relaxed)));
        match std::fs::OpenOptions::new().read(true).write(true).create_new(true).open(&p) {
            Ok(f) => {
                let _ = std::fs::remove_file(&p);
                return Ok(f);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Where a [`Stream`] writes its tables; a table without a writer is not written.
#[derive(Default)]
pub struct Outputs<'a> {
    /// In the stream's format.
    pub quotes: Option<&'a mut (dyn Write + Send)>,
    pub people: Option<(&'a mut (dyn Write + Send), Format)>,
    pub claims: Option<&'a mut (dyn Write + Send)>,
    pub pairs: Option<&'a mut (dyn Write + Send)>,
}

/// A run for large inputs: the same tables as [`Run`], but rows are spilled as they are
/// extracted and written out as they are completed, so memory holds only the registry's
/// compact records.
pub struct Stream {
    common: Common,
    quote_parts: Parts,
    quotes: Spill,
    claims: Spill,
    /// The first error of the temporary files, reported when the tables are written.
    error: Option<std::io::Error>,
    /// Which rows are kept: a run that writes no quotes (or no claims) need not spill them.
    keep_quotes: bool,
    keep_claims: bool,
    leave_memory: bool,
}

/// One article's rows, rendered without their speaker columns: for each quote its speaker as
/// written, its columns before `speaker` and after `speaker_id`; for each claim its claimant as
/// written, its columns from `doc` to `end` and after `claimant_id`, and its text (for pairs).
type Rendered = std::io::Result<(Vec<u8>, Vec<u8>)>;

impl Stream {
    /// A stream whose `quotes` table is written in `format`.
    pub fn new(format: Format) -> Stream {
        Stream {
            common: Common::default(),
            quote_parts: Parts::new(format),
            quotes: Spill::new(),
            claims: Spill::new(),
            error: None,
            keep_quotes: true,
            keep_claims: true,
            leave_memory: false,
        }
    }

    /// Keeps only the rows of the tables that will be written: quote rows, claim rows (claims
    /// and pairs), or both (the default).
    pub fn keeping(mut self, quotes: bool, claims: bool) -> Stream {
        self.keep_quotes = quotes;
        self.keep_claims = claims;
        self
    }

    /// For a process that ends once the tables are written: the memory of the registry and
    /// the pairs is left to the system, which takes it back at once, rather than freed piece by
    /// piece.
    pub fn leaving_memory(mut self) -> Stream {
        self.common.people.leave_memory();
        self.leave_memory = true;
        self
    }

    /// Like [`Run::add_batch`]; the rows are rendered on the pool's threads too.
    pub fn add_batch(&mut self, articles: &[Article], g: &Grammar, pool: &rayon::ThreadPool) -> Vec<Result<Vec<Warning>, String>> {
        let batch = self.extractor().extract(articles, g, pool);
        self.keep_batch(batch)
    }

    /// What extracts articles for this stream, apart from it, so that a batch can be extracted
    /// while the stream keeps the one before.
    pub fn extractor(&self) -> Extractor {
        Extractor { format: self.quote_parts.format(), keep: (self.keep_quotes, self.keep_claims), names: self.common.names.clone() }
    }

    /// Keeps an extracted batch, in input order; see [`Run::add_batch`] for the results.
    pub fn keep_batch(&mut self, batch: Batch) -> Vec<Result<Vec<Warning>, String>> {
        batch
            .0
            .into_iter()
            .map(|r| match r {
                Ok(r) => Ok(self.keep(r)),
                Err(id) => Err(id),
            })
            .collect()
    }

    fn keep(&mut self, r: Ready<Rendered>) -> Vec<Warning> {
        let doc = self.common.people.len();
        self.common.keep(r.pairable, r.claims, r.people);
        let written = r.rows.and_then(|(q, c)| {
            self.quotes.block(doc, &q)?;
            self.claims.block(doc, &c)
        });
        if let (Err(e), None) = (written, &self.error) {
            self.error = Some(e);
        }
        r.warnings
    }

    /// Builds the registry and writes the tables, each row as soon as it is complete. The quotes
    /// table is written beside the others on the current rayon pool (called inside
    /// [`rayon::ThreadPool::install`], on that pool's threads).
    pub fn write(self, aliases: &Aliases, g: &Grammar, out: Outputs) -> std::io::Result<()> {
        if let Some(e) = self.error {
            return Err(std::io::Error::new(e.kind(), format!("temporary file: {e}")));
        }
        let leave = self.leave_memory;
        if leave {
            // A reference that is never dropped: the names cache is never freed, wherever its
            // last other reference goes.
            std::mem::forget(self.common.names.clone());
        }
        let settled = Leave(Some(self.common.settle(aliases, g)), leave);
        let (registry, pairable, index, pairs) = settled.get();
        let Outputs { quotes, people, claims, pairs: pairs_out } = out;
        let (parts, quote_rows, claim_rows) = (&self.quote_parts, self.quotes, self.claims);
        // The quotes table and the others are completed from the same registry and written to
        // different files: on a pool of two threads or more they are written side by side.
        let (wrote_quotes, wrote_rest) = rayon::join(
            move || match quotes {
                Some(w) => write_quotes(quote_rows, parts, registry, w),
                None => Ok(()),
            },
            move || {
                if let Some((w, format)) = people {
                    write_people(registry, w, format)?;
                }
                if claims.is_none() && pairs_out.is_none() {
                    return Ok(());
                }
                write_claims(claim_rows, registry, (pairable, index, pairs), leave, claims, pairs_out)
            },
        );
        wrote_quotes.and(wrote_rest)
    }
}

/// Replays the spilled quote rows, each completed with its speaker's canonical name and id.
fn write_quotes(rows: Spill, parts: &Parts, registry: &Registry, w: &mut (dyn Write + Send)) -> std::io::Result<()> {
    let mut speaker = Vec::new();
    // Each row is put together here and written in one call.
    let mut row = Vec::new();
    RowWriter::new(&mut *w, parts.format(), QUOTE_COLUMNS)?.flush()?;
    rows.replay(&mut |doc, mut block| {
        while !block.is_empty() {
            let name = std::str::from_utf8(take(&mut block)?).unwrap_or_default();
            let (head, tail) = (take(&mut block)?, take(&mut block)?);
            let entity = registry.lookup(doc, name);
            speaker.clear();
            let (name, id) = (entity.map_or(name, |e| &e.name), entity.map_or("", |e| e.id.as_str()));
            parts.fields(&SpeakerColumns { speaker: name, speaker_id: id }, &mut speaker)?;
            row.clear();
            parts.join_row(&[head, &speaker, tail], &mut row);
            w.write_all(&row)?;
        }
        Ok(())
    })?;
    w.flush()
}

/// Writes the people table from the registry: CSV straight from it ([`write_people_csv`]), JSON
/// Lines through [`people_rows`].
fn write_people(registry: &Registry, w: &mut (dyn Write + Send), format: Format) -> std::io::Result<()> {
    let mut rw = RowWriter::new(&mut *w, format, PEOPLE_COLUMNS)?;
    if format == Format::Csv {
        rw.flush()?;
        drop(rw);
        write_people_csv(registry, &mut *w)?;
    } else {
        for row in people_rows(registry) {
            rw.write(&row)?;
        }
        rw.flush()?;
    }
    Ok(())
}

/// Replays the spilled claim rows, each completed with its claimant's canonical name and id,
/// and writes the pairs, whose sides are taken from the claim rows as they go by.
fn write_claims(
    rows: Spill,
    registry: &Registry,
    (pairable, index, pairs): (&[RunClaim], &[usize], &[Pair]),
    leave: bool,
    mut claims: Option<&mut (dyn Write + Send)>,
    pairs_out: Option<&mut (dyn Write + Send)>,
) -> std::io::Result<()> {
    let mut wanted = Leave(Some(std::collections::HashMap::<usize, (String, String, String)>::new()), leave);
    let wanted = wanted.get_mut();
    for p in pairs {
        wanted.insert(index[p.claim], Default::default());
        wanted.insert(index[p.counter], Default::default());
    }
    let csv = Parts::new(Format::Csv);
    if let Some(w) = claims.as_deref_mut() {
        RowWriter::new(&mut *w, Format::Csv, CLAIM_COLUMNS)?.flush()?;
    }
    let (mut n, mut id, mut speaker, mut row) = (0usize, Vec::new(), Vec::new(), Vec::new());
    rows.replay(&mut |doc, mut block| {
        while !block.is_empty() {
            let name = std::str::from_utf8(take(&mut block)?).unwrap_or_default();
            let (head, tail, text) = (take(&mut block)?, take(&mut block)?, take(&mut block)?);
            let entity = registry.lookup(doc, name);
            let claimant = entity.map_or(name, |e| &e.name);
            if let Some(side) = wanted.get_mut(&n) {
                *side = (claimant.to_string(), String::from_utf8_lossy(text).into_owned(), registry.docs[doc].clone());
            }
            n += 1;
            if let Some(w) = claims.as_deref_mut() {
                id.clear();
                id.push(b'c');
                id.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
                speaker.clear();
                let claimant_id = entity.map_or("", |e| e.id.as_str());
                csv.fields(&ClaimantColumns { claimant, claimant_id }, &mut speaker)?;
                row.clear();
                csv.join_row(&[&id, head, &speaker, tail], &mut row);
                w.write_all(&row)?;
            }
        }
        Ok(())
    })?;
    if let Some(w) = claims {
        w.flush()?;
    }
    if let Some(w) = pairs_out {
        let mut rw = RowWriter::new(&mut *w, Format::Csv, PAIR_COLUMNS)?;
        let none = (String::new(), String::new(), String::new());
        for (n, p) in pairs.iter().enumerate() {
            let side = |k: usize| {
                let (claimant, text, doc) = wanted.get(&index[k]).unwrap_or(&none);
                Side { claim_id: &pairable[k].claim_id, claimant, text, doc }
            };
            rw.write(&pair_row(n, p, pairable, side(p.claim), side(p.counter)))?;
        }
        rw.flush()?;
    }
    Ok(())
}

/// A value that is dropped, or left to the process's end when the flag is set.
struct Leave<T>(Option<T>, bool);

impl<T> Leave<T> {
    fn get(&self) -> &T {
        self.0.as_ref().unwrap_or_else(|| unreachable!())
    }

    fn get_mut(&mut self) -> &mut T {
        self.0.as_mut().unwrap_or_else(|| unreachable!())
    }
}

impl<T> Drop for Leave<T> {
    fn drop(&mut self) {
        if self.1 {
            std::mem::forget(self.0.take());
        }
    }
}

/// Extracts articles for a [`Stream`]; see [`Stream::extractor`].
#[derive(Clone)]
pub struct Extractor {
    format: Format,
    keep: (bool, bool),
    names: std::sync::Arc<NameCache>,
}

/// A batch of articles extracted for a [`Stream`]: each article ready, or its id where its
/// extraction failed.
pub struct Batch(Vec<Result<Ready<Rendered>, String>>);

impl Extractor {
    /// Extracts a batch on `pool`'s threads and renders its rows there.
    pub fn extract(&self, articles: &[Article], g: &Grammar, pool: &rayon::ThreadPool) -> Batch {
        let parts = Parts::new(self.format);
        let ready = extract_batch(articles, g, pool, &self.names, &|article, a| render(&parts, self.keep, article, a));
        Batch(articles.iter().zip(ready).map(|(a, r)| r.ok_or_else(|| a.id.clone())).collect())
    }
}

/// Renders an article's rows for a [`Stream`] (see [`Rendered`]).
fn render(parts: &Parts, (keep_quotes, keep_claims): (bool, bool), article: &Article, a: &Analysis) -> Rendered {
    let t = article.text.as_str();
    // Rows take a few hundred bytes each: sized once rather than grown field by field.
    let mut quotes = Vec::with_capacity(if keep_quotes { a.quotes.len() * 512 } else { 0 });
    let mut claims = Vec::with_capacity(if keep_claims { a.record.claims.len() * 768 } else { 0 });
    let none: &[crate::quotes::Quote] = &[];
    for (i, q) in (if keep_quotes { &a.quotes[..] } else { none }).iter().enumerate() {
        put(&mut quotes, q.speaker.as_bytes());
        let qid = quote_id(i);
        let head = QuoteHead { doc: &article.id, quote_id: &qid, start: q.start, end: q.end, line: q.line, kind: q.kind.as_str(), text: &t[q.inner.0..q.inner.1] };
        put_with(&mut quotes, |out| parts.fields(&head, out))?;
        let parent = q.parent.map(quote_id).unwrap_or_default();
        let tail = QuoteTail {
            speaker_role: &q.speaker_role,
            mention: q.mention.map_or("", |(a, b)| &t[a..b]),
            mention_start: q.mention.map(|m| m.0),
            mention_end: q.mention.map(|m| m.1),
            cue: q.cue.map_or("", |(a, b)| &t[a..b]),
            cue_start: q.cue.map(|c| c.0),
            cue_end: q.cue.map(|c| c.1),
            sieve: q.sieve,
            confidence: q.confidence,
            paragraph: q.paragraph,
            parent: &parent,
            closed: q.closed,
        };
        put_with(&mut quotes, |out| parts.fields(&tail, out))?;
    }
    let csv = Parts::new(Format::Csv);
    for c in a.record.claims.iter().filter(|_| keep_claims) {
        put(&mut claims, c.claimant.as_bytes());
        let head = ClaimHead { doc: &article.id, start: c.start, end: c.end };
        put_with(&mut claims, |out| csv.fields(&head, out))?;
        let proposition = c.proposition.as_ref().map(|p| p.render()).unwrap_or_default();
        let qid = c.quote.map(quote_id).unwrap_or_default();
        let text = &t[c.start..c.end];
        let tail = ClaimTail {
            cue: &c.cue,
            cue_class: &c.cue_class,
            polarity: if c.positive { "+" } else { "-" },
            proposition: &proposition,
            text,
            quote_id: &qid,
        };
        put_with(&mut claims, |out| csv.fields(&tail, out))?;
        put(&mut claims, text.as_bytes());
    }
    Ok((quotes, claims))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{read_source, sources};

    fn seeds() -> Vec<Article> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut out = Vec::new();
        for s in sources(&[dir]).into_iter().flatten() {
            read_source(&s, &mut |a| out.extend(a.ok()));
        }
        out
    }

    fn rows<T: serde::Serialize>(format: Format, columns: &[&str], rows: &[T]) -> String {
        let mut buf = Vec::new();
        let mut w = RowWriter::new(&mut buf, format, columns).unwrap();
        for r in rows {
            w.write(r).unwrap();
        }
        w.flush().unwrap();
        drop(w);
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn stream_writes_the_rows_a_run_keeps() {
        let g = Grammar::embedded();
        let articles = seeds();
        assert!(!articles.is_empty());
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        for format in [Format::Csv, Format::Jsonl] {
            let mut run = Run::new();
            run.add_batch(&articles, &g, &pool);
            let t = run.tables(&Aliases::default(), &g);
            assert!(!t.pairs.is_empty() && !t.quotes.is_empty());
            let mut stream = Stream::new(format);
            // Two batches, as a long input would be read.
            let (a, b) = articles.split_at(articles.len() / 2);
            stream.add_batch(a, &g, &pool);
            stream.add_batch(b, &g, &pool);
            let (mut q, mut pe, mut c, mut p) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            let out = Outputs { quotes: Some(&mut q), people: Some((&mut pe, format)), claims: Some(&mut c), pairs: Some(&mut p) };
            stream.write(&Aliases::default(), &g, out).unwrap();
            let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
            assert_eq!(text(q), rows(format, QUOTE_COLUMNS, &t.quotes));
            assert_eq!(text(pe), rows(format, PEOPLE_COLUMNS, &people_rows(&t.registry)));
            assert_eq!(text(c), rows(Format::Csv, CLAIM_COLUMNS, &t.claims));
            assert_eq!(text(p), rows(Format::Csv, PAIR_COLUMNS, &t.pairs));
        }
    }
}
