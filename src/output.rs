//! Output rows: one flat serde type per CSV, kept apart from the domain types so that the
//! spreadsheet columns can stay stable while the extraction changes underneath.

use std::io::Write;

use serde::Serialize;

use crate::input::Article;
use crate::quotes::Quote;

/// One row of `quotes.csv` (and one object of `--format jsonl`).
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct QuoteRow {
    pub doc: String,
    pub quote_id: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub kind: &'static str,
    pub text: String,
    pub speaker: String,
    /// The registry id of the speaker, the same in every article of the run.
    pub speaker_id: String,
    pub speaker_role: String,
    pub mention: String,
    pub mention_start: Option<usize>,
    pub mention_end: Option<usize>,
    pub cue: String,
    pub cue_start: Option<usize>,
    pub cue_end: Option<usize>,
    pub sieve: &'static str,
    pub confidence: f32,
    pub paragraph: usize,
    /// The `quote_id` of the enclosing quote, for nested quotes.
    pub parent: String,
    /// False when the quote ran to its paragraph end without a closing mark.
    pub closed: bool,
}

pub const QUOTE_COLUMNS: &[&str] = &[
    "doc", "quote_id", "start", "end", "line", "kind", "text", "speaker", "speaker_id", "speaker_role", "mention", "mention_start",
    "mention_end", "cue", "cue_start", "cue_end", "sieve", "confidence", "paragraph", "parent", "closed",
];

/// One row of `people.csv`.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct PersonRow {
    pub speaker_id: String,
    pub name: String,
    pub kind: &'static str,
    pub roles: String,
    pub variants: String,
    pub handles: String,
    /// How many articles name it.
    pub articles: usize,
    /// How many quotes it is the speaker of.
    pub quotes: usize,
    pub first_seen_doc: String,
    /// The `--aliases` rules that shaped it.
    pub aliases: String,
}

pub const PEOPLE_COLUMNS: &[&str] =
    &["speaker_id", "name", "kind", "roles", "variants", "handles", "articles", "quotes", "first_seen_doc", "aliases"];

/// One row of `claims.csv`.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct ClaimRow {
    pub claim_id: String,
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub claimant: String,
    pub claimant_id: String,
    pub cue: String,
    pub cue_class: String,
    pub polarity: &'static str,
    pub proposition: String,
    pub text: String,
    pub quote_id: String,
}

pub const CLAIM_COLUMNS: &[&str] =
    &["claim_id", "doc", "start", "end", "claimant", "claimant_id", "cue", "cue_class", "polarity", "proposition", "text", "quote_id"];

/// One row of `counterclaims.csv`: both sides of a pair, side by side.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct PairRow {
    pub pair_id: String,
    pub topic: String,
    pub claim_id: String,
    pub claimant: String,
    pub claim_text: String,
    pub claim_doc: String,
    pub counter_id: String,
    pub counterclaimant: String,
    pub counter_text: String,
    pub counter_doc: String,
    pub relation: &'static str,
    pub score: f32,
    /// The claim ids of each side: `claim: c1; c4 | counter: c2`.
    pub evidence: String,
}

pub const PAIR_COLUMNS: &[&str] = &[
    "pair_id", "topic", "claim_id", "claimant", "claim_text", "claim_doc", "counter_id", "counterclaimant", "counter_text",
    "counter_doc", "relation", "score", "evidence",
];

pub fn quote_id(n: usize) -> String {
    format!("q{}", n + 1)
}

/// The rows of one article's quotes.
pub fn quote_rows(article: &Article, quotes: &[Quote]) -> Vec<QuoteRow> {
    let t = article.text.as_str();
    quotes
        .iter()
        .enumerate()
        .map(|(i, q)| QuoteRow {
            doc: article.id.clone(),
            quote_id: quote_id(i),
            start: q.start,
            end: q.end,
            line: q.line,
            kind: q.kind.as_str(),
            text: t[q.inner.0..q.inner.1].to_string(),
            speaker: q.speaker.clone(),
            speaker_id: String::new(),
            speaker_role: q.speaker_role.clone(),
            mention: q.mention.map(|(a, b)| t[a..b].to_string()).unwrap_or_default(),
            mention_start: q.mention.map(|m| m.0),
            mention_end: q.mention.map(|m| m.1),
            cue: q.cue.map(|(a, b)| t[a..b].to_string()).unwrap_or_default(),
            cue_start: q.cue.map(|c| c.0),
            cue_end: q.cue.map(|c| c.1),
            sieve: q.sieve,
            confidence: q.confidence,
            paragraph: q.paragraph,
            parent: q.parent.map(quote_id).unwrap_or_default(),
            closed: q.closed,
        })
        .collect()
}

/// The columns of a quote row before `speaker`, for rows written before the registry exists.
#[derive(Serialize)]
pub struct QuoteHead<'a> {
    pub doc: &'a str,
    pub quote_id: &'a str,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub kind: &'static str,
    pub text: &'a str,
}

/// The columns of a quote row after `speaker_id`.
#[derive(Serialize)]
pub struct QuoteTail<'a> {
    pub speaker_role: &'a str,
    pub mention: &'a str,
    pub mention_start: Option<usize>,
    pub mention_end: Option<usize>,
    pub cue: &'a str,
    pub cue_start: Option<usize>,
    pub cue_end: Option<usize>,
    pub sieve: &'static str,
    pub confidence: f32,
    pub paragraph: usize,
    pub parent: &'a str,
    pub closed: bool,
}

/// The speaker columns of a quote row (`speaker`, `speaker_id`) or of a claim row
/// (`claimant`, `claimant_id`), known only once the registry is built.
#[derive(Serialize)]
pub struct SpeakerColumns<'a> {
    pub speaker: &'a str,
    pub speaker_id: &'a str,
}

#[derive(Serialize)]
pub struct ClaimantColumns<'a> {
    pub claimant: &'a str,
    pub claimant_id: &'a str,
}

/// The columns of a claim row from `doc` to `end` (the `claim_id` is numbered on the way out).
#[derive(Serialize)]
pub struct ClaimHead<'a> {
    pub doc: &'a str,
    pub start: usize,
    pub end: usize,
}

/// The columns of a claim row after `claimant_id`.
#[derive(Serialize)]
pub struct ClaimTail<'a> {
    pub cue: &'a str,
    pub cue_class: &'a str,
    pub polarity: &'static str,
    pub proposition: &'a str,
    pub text: &'a str,
    pub quote_id: &'a str,
}

/// A part of a row that writes its own CSV fields, in the order of its serde fields, as the
/// `csv` crate would write them: the rows of a long run are rendered field by field without a
/// serializer and a writer for each part.
pub trait CsvPart: Serialize {
    fn csv(&self, f: &mut CsvFields);
}

impl CsvPart for QuoteHead<'_> {
    fn csv(&self, f: &mut CsvFields) {
        f.str(self.doc).str(self.quote_id).num(self.start).num(self.end).num(self.line).str(self.kind).str(self.text);
    }
}

impl CsvPart for QuoteTail<'_> {
    fn csv(&self, f: &mut CsvFields) {
        f.str(self.speaker_role).str(self.mention).opt(self.mention_start).opt(self.mention_end);
        f.str(self.cue).opt(self.cue_start).opt(self.cue_end).str(self.sieve).float(self.confidence).num(self.paragraph);
        f.str(self.parent).bool(self.closed);
    }
}

impl CsvPart for SpeakerColumns<'_> {
    fn csv(&self, f: &mut CsvFields) {
        f.str(self.speaker).str(self.speaker_id);
    }
}

impl CsvPart for ClaimantColumns<'_> {
    fn csv(&self, f: &mut CsvFields) {
        f.str(self.claimant).str(self.claimant_id);
    }
}

impl CsvPart for ClaimHead<'_> {
    fn csv(&self, f: &mut CsvFields) {
        f.str(self.doc).num(self.start).num(self.end);
    }
}

impl CsvPart for ClaimTail<'_> {
    fn csv(&self, f: &mut CsvFields) {
        f.str(self.cue).str(self.cue_class).str(self.polarity).str(self.proposition).str(self.text).str(self.quote_id);
    }
}

/// CSV fields appended to a buffer, joined by commas. A part of one field written alone would
/// differ from the `csv` crate when empty (it quotes a lone empty field), so parts have two
/// fields or more.
pub struct CsvFields<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> CsvFields<'a> {
    pub fn new(out: &'a mut Vec<u8>) -> CsvFields<'a> {
        CsvFields { out, first: true }
    }

    fn comma(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
    }

    pub fn str(&mut self, s: &str) -> &mut Self {
        self.comma();
        csv_field(s.as_bytes(), self.out);
        self
    }

    pub fn num(&mut self, n: usize) -> &mut Self {
        self.comma();
        self.out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
        self
    }

    /// A number, or an empty field for none.
    pub fn opt(&mut self, n: Option<usize>) -> &mut Self {
        match n {
            Some(n) => self.num(n),
            None => {
                self.comma();
                self
            }
        }
    }

    /// The shortest decimal that reads back as `x`, as serde writes floats.
    pub fn float(&mut self, x: f32) -> &mut Self {
        self.comma();
        self.out.extend_from_slice(ryu::Buffer::new().format(x).as_bytes());
        self
    }

    /// Strings joined by `; `, as one field, without building the joined string unless the
    /// field must be quoted.
    pub fn joined<'s, I>(&mut self, items: I) -> &mut Self
    where
        I: IntoIterator<Item = &'s String> + Clone,
    {
        if items.clone().into_iter().any(|s| needs_quotes(s.as_bytes())) {
            return self.str(&items.into_iter().map(String::as_str).collect::<Vec<_>>().join("; "));
        }
        self.comma();
        for (i, s) in items.into_iter().enumerate() {
            if i > 0 {
                self.out.extend_from_slice(b"; ");
            }
            self.out.extend_from_slice(s.as_bytes());
        }
        self
    }

    pub fn bool(&mut self, b: bool) -> &mut Self {
        self.comma();
        self.out.extend_from_slice(if b { b"true" } else { b"false" });
        self
    }
}

/// Renders rows in parts, so that a row can be written now except for a few columns and
/// completed later: CSV fields are quoted one by one, and JSON members are written in order, so
/// the parts joined give the very bytes the whole row would.
pub struct Parts {
    format: Format,
}

impl Parts {
    pub fn new(format: Format) -> Parts {
        Parts { format }
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// Appends the fields of `v` as they stand inside a row: CSV fields joined by commas, or JSON
    /// members without the braces.
    pub fn fields<T: CsvPart>(&self, v: &T, out: &mut Vec<u8>) -> std::io::Result<()> {
        match self.format {
            Format::Csv => v.csv(&mut CsvFields::new(out)),
            Format::Jsonl => {
                let start = out.len();
                serde_json::to_writer(&mut *out, v)?;
                // The braces of the object.
                if out.len() >= start + 2 && out[start] == b'{' {
                    out.pop();
                    out.copy_within(start + 1.., start);
                    out.pop();
                }
            }
        }
        Ok(())
    }

    /// Appends one row, with its line end, made of parts rendered by [`Parts::fields`].
    pub fn join_row(&self, parts: &[&[u8]], out: &mut Vec<u8>) {
        if self.format == Format::Jsonl {
            out.push(b'{');
        }
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(p);
        }
        out.extend_from_slice(if self.format == Format::Jsonl { b"}\n" } else { b"\n" });
    }

    /// Writes one row from parts rendered by [`Parts::fields`].
    pub fn write_row(&self, w: &mut dyn Write, parts: &[&[u8]]) -> std::io::Result<()> {
        if self.format == Format::Jsonl {
            w.write_all(b"{")?;
        }
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                w.write_all(b",")?;
            }
            w.write_all(p)?;
        }
        w.write_all(if self.format == Format::Jsonl { b"}\n" } else { b"\n" })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Jsonl,
}

/// Writes rows as CSV (header always written, even with no rows) or JSON Lines.
pub struct RowWriter<W: Write> {
    inner: Sink<W>,
}

enum Sink<W: Write> {
    Csv(csv::Writer<W>),
    Jsonl(W),
}

impl<W: Write> RowWriter<W> {
    pub fn new(w: W, format: Format, columns: &[&str]) -> std::io::Result<Self> {
        let inner = match format {
            Format::Csv => {
                let mut c = csv::WriterBuilder::new().has_headers(false).from_writer(w);
                c.write_record(columns).map_err(csv_io)?;
                Sink::Csv(c)
            }
            Format::Jsonl => Sink::Jsonl(w),
        };
        Ok(RowWriter { inner })
    }

    pub fn write<T: Serialize>(&mut self, row: &T) -> std::io::Result<()> {
        match &mut self.inner {
            Sink::Csv(c) => c.serialize(row).map_err(csv_io),
            Sink::Jsonl(w) => {
                serde_json::to_writer(&mut *w, row)?;
                w.write_all(b"\n")
            }
        }
    }

    pub fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.inner {
            Sink::Csv(c) => c.flush(),
            Sink::Jsonl(w) => w.flush(),
        }
    }
}

/// One CSV record of two fields or more, as the `csv` crate writes it, with its line end.
pub fn csv_record(fields: &[&str], out: &mut Vec<u8>) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        csv_field(f.as_bytes(), out);
    }
    out.push(b'\n');
}

/// Whether the `csv` crate quotes a field: when it holds a comma, a quote or a line break.
fn needs_quotes(s: &[u8]) -> bool {
    // Most fields are short, where a plain pass costs less than the calls of a search.
    if s.len() < 32 {
        s.iter().any(|&b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    } else {
        memchr::memchr3(b',', b'"', b'\n', s).is_some() || memchr::memchr(b'\r', s).is_some()
    }
}

/// One CSV field as the `csv` crate writes it by default: quoted, its quotes doubled, where
/// [`needs_quotes`].
fn csv_field(s: &[u8], out: &mut Vec<u8>) {
    if !needs_quotes(s) {
        out.extend_from_slice(s);
        return;
    }
    out.reserve(s.len() + 2);
    out.push(b'"');
    let mut rest = s;
    while let Some(k) = memchr::memchr(b'"', rest) {
        out.extend_from_slice(&rest[..=k]);
        out.push(b'"');
        rest = &rest[k + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

fn csv_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        k => std::io::Error::other(format!("{k:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_header_written_without_rows() {
        let mut buf = Vec::new();
        {
            let mut w = RowWriter::new(&mut buf, Format::Csv, QUOTE_COLUMNS).unwrap();
            w.flush().unwrap();
        }
        assert!(String::from_utf8(buf).unwrap().starts_with("doc,quote_id,start,end,"));
    }

    /// A part rendered by [`CsvPart`] against the `csv` crate's rendering of its serde fields.
    fn same_as_csv_crate<T: CsvPart>(v: &T) {
        let mut direct = Vec::new();
        v.csv(&mut CsvFields::new(&mut direct));
        let mut written = Vec::new();
        {
            let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(&mut written);
            w.serialize(v).unwrap();
            w.flush().unwrap();
        }
        assert_eq!(written.pop(), Some(b'\n'));
        assert_eq!(String::from_utf8(direct).unwrap(), String::from_utf8(written).unwrap());
    }

    #[test]
    fn parts_render_as_the_csv_writer_does() {
        for (a, b) in [("Jane Roe", "p-jane-roe"), ("", ""), ("Roe, Jane", "x\"y\""), ("a\nb", "\""), ("\r", "\"\"a,\"")] {
            same_as_csv_crate(&SpeakerColumns { speaker: a, speaker_id: b });
            same_as_csv_crate(&ClaimantColumns { claimant: b, claimant_id: a });
            same_as_csv_crate(&QuoteHead { doc: a, quote_id: "q1", start: 0, end: 12345, line: 7, kind: "direct", text: b });
            for (n, x) in [(None, 0.0f32), (Some(3), 0.85), (Some(0), 1.0), (Some(usize::MAX), 0.1 + 0.2)] {
                same_as_csv_crate(&QuoteTail {
                    speaker_role: a,
                    mention: b,
                    mention_start: n,
                    mention_end: n.map(|n| n / 2),
                    cue: a,
                    cue_start: None,
                    cue_end: n,
                    sieve: "cue",
                    confidence: x,
                    paragraph: 2,
                    parent: b,
                    closed: n.is_some(),
                });
            }
            same_as_csv_crate(&ClaimHead { doc: b, start: 1, end: 2 });
            same_as_csv_crate(&ClaimTail { cue: a, cue_class: b, polarity: "-", proposition: a, text: b, quote_id: "" });
        }
    }
}
