//! Reading articles: plain-text files, folders of them, JSON Lines, standard input.
//!
//! Text is kept byte for byte as it was read (a byte order mark and CRLF line ends included) so
//! that every offset the tool prints points at the same bytes in the file. Text that is not
//! UTF-8 is refused with the offset of the first bad byte rather than read lossily: a lossy read
//! would shift every later offset and break the link back to the article.

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use nom::IResult;
use nom::bytes::complete::{tag, take_while1, take_while_m_n};
use nom::character::complete::{char, space0};
use nom::combinator::recognize;
use nom::sequence::tuple;
use serde::Deserialize;

use crate::error::Error;

/// One article, as read.
#[derive(Debug, Clone, Default)]
pub struct Article {
    /// The file name (plain text) or the `id` field (JSON Lines).
    pub id: String,
    pub text: String,
    pub title: Option<String>,
    /// ISO date (`2023-10-15`) where the article gives one.
    pub date: Option<String>,
    /// The dateline (`New Haven:`), as a byte span of `text`.
    pub dateline: Option<(usize, usize)>,
    pub url: Option<String>,
    pub source: Option<String>,
}

/// Where articles come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

impl Source {
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "<stdin>".to_string(),
            Source::File(p) => p.display().to_string(),
        }
    }
}

/// The sources named on the command line: folders are walked for `*.txt` and `*.jsonl` files in
/// name order, `-` (or no path at all) is standard input. A path that cannot be listed is an
/// error of its own and does not stop the others.
pub fn sources(paths: &[PathBuf]) -> Vec<Result<Source, Error>> {
    let mut out = Vec::new();
    if paths.is_empty() {
        out.push(Ok(Source::Stdin));
    }
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(Source::Stdin));
        } else if p.is_dir() {
            walk(p, &mut out);
        } else if p.exists() {
            out.push(Ok(Source::File(p.clone())));
        } else {
            out.push(Err(Error::Io {
                path: p.clone(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or directory"),
            }));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<Source, Error>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => return out.push(Err(Error::Io { path: dir.to_path_buf(), source })),
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out);
        } else if matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "jsonl")) {
            out.push(Ok(Source::File(p)));
        }
    }
}

/// Reads one source and hands each article (or the error of one line) to `each`. A JSON Lines
/// file with a bad line still yields its good lines.
pub fn read_source(src: &Source, each: &mut dyn FnMut(Result<Article, Error>)) {
    read_source_lazily(src, &mut |p| {
        if let Some(a) = p.parse() {
            each(a)
        }
    })
}

/// An article as read but not yet parsed: a JSON line is parsed by [`Pending::parse`], which
/// may run on another thread, so that the thread reading the input only splits it into lines.
pub enum Pending {
    Done(Result<Article, Error>),
    /// A line of a JSON Lines file, as a range of the block of the file it was read in.
    Line { path: PathBuf, line: usize, block: std::sync::Arc<Vec<u8>>, range: std::ops::Range<usize> },
}

impl Pending {
    /// The article, its error, or nothing for an empty line.
    pub fn parse(self) -> Option<Result<Article, Error>> {
        match self {
            Pending::Done(a) => Some(a),
            Pending::Line { path, line, block, range } => parse_line(&path, line, &block[range]),
        }
    }

    /// Its size in bytes, roughly the text's.
    pub fn len(&self) -> usize {
        match self {
            Pending::Done(Ok(a)) => a.text.len(),
            Pending::Done(Err(_)) => 0,
            Pending::Line { range, .. } => range.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// [`read_source`], leaving JSON lines to be parsed by [`Pending::parse`].
pub fn read_source_lazily(src: &Source, pending: &mut dyn FnMut(Pending)) {
    let mut each = |a| pending(Pending::Done(a));
    match src {
        Source::Stdin => {
            let path = PathBuf::from("<stdin>");
            let mut r = std::io::BufReader::with_capacity(1 << 16, std::io::stdin().lock());
            // The first line with text tells JSON Lines, read line by line like a file, from
            // plain text, read whole: standard input is not held whole for JSON Lines.
            let mut head = Vec::new();
            let jsonl = loop {
                let at = head.len();
                match r.read_until(b'\n', &mut head) {
                    Ok(0) => break false,
                    Ok(_) => {}
                    Err(source) => return each(Err(Error::Io { path, source })),
                }
                let Ok(line) = std::str::from_utf8(&head[at..]) else { break false };
                let line = if at == 0 { line.trim_start_matches('\u{feff}') } else { line };
                if !line.trim().is_empty() {
                    break serde_json::from_str::<JsonArticle>(line.trim()).is_ok();
                }
            };
            if jsonl {
                return read_jsonl(&path, std::io::Cursor::new(head).chain(r), pending);
            }
            if let Err(source) = r.read_to_end(&mut head) {
                return each(Err(Error::Io { path, source }));
            }
            each(check_text(&path, head).map(|text| plain_article("stdin".to_string(), text)));
        }
        Source::File(path) => {
            if path.extension().and_then(|e| e.to_str()) == Some("jsonl") {
                match std::fs::File::open(path) {
                    Ok(f) => read_jsonl(path, f, pending),
                    Err(source) => each(Err(Error::Io { path: path.clone(), source })),
                }
            } else {
                let bytes = match std::fs::read(path) {
                    Ok(b) => b,
                    Err(source) => return each(Err(Error::Io { path: path.clone(), source })),
                };
                let id = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                each(check_text(path, bytes).map(|text| plain_article(id, text)));
            }
        }
    }
}

/// Refuses bytes that are not text: invalid UTF-8 or a NUL byte.
fn check_text(path: &Path, bytes: Vec<u8>) -> Result<String, Error> {
    if let Some(byte) = memchr::memchr(0, &bytes) {
        return Err(Error::Binary { path: path.to_path_buf(), byte });
    }
    String::from_utf8(bytes).map_err(|e| Error::NotUtf8 { path: path.to_path_buf(), byte: e.utf8_error().valid_up_to() })
}

#[derive(Deserialize, Debug, PartialEq)]
struct JsonArticle {
    id: Option<serde_json::Value>,
    text: String,
    title: Option<String>,
    date: Option<String>,
    url: Option<String>,
    source: Option<String>,
}

/// How much of a JSON Lines file is read at once: its lines are ranges of the block, so that a
/// line is not copied out of the reader into a buffer of its own.
const BLOCK: usize = 1 << 20;

fn read_jsonl(path: &Path, mut reader: impl Read, each: &mut dyn FnMut(Pending)) {
    let mut line = 0;
    // The start of a line that the last block cut off, carried into the next block.
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let mut block = std::mem::take(&mut carry);
        // A line longer than a block makes the block grow to hold it.
        block.reserve(BLOCK);
        let read = (&mut reader).take(BLOCK as u64).read_to_end(&mut block);
        // Whole lines end at the last line feed; what follows waits for the next block, or is
        // the last line where the input ended.
        let done = !matches!(read, Ok(n) if n == BLOCK);
        let end = match read {
            Ok(_) if done => block.len(),
            _ => memchr::memrchr(b'\n', &block).map_or(0, |k| k + 1),
        };
        carry = block[end..].to_vec();
        block.truncate(end);
        lines_of(path, &std::sync::Arc::new(block), end, &mut line, each);
        if let Err(source) = read {
            return each(Pending::Done(Err(Error::Io { path: path.to_path_buf(), source })));
        }
        if done {
            return;
        }
    }
}

/// Hands on the lines of `block[..end]`, counting them in `line`.
fn lines_of(path: &Path, block: &std::sync::Arc<Vec<u8>>, end: usize, line: &mut usize, each: &mut dyn FnMut(Pending)) {
    let mut at = 0;
    while at < end {
        let to = memchr::memchr(b'\n', &block[at..end]).map_or(end, |k| at + k + 1);
        *line += 1;
        each(Pending::Line { path: path.to_path_buf(), line: *line, block: block.clone(), range: at..to });
        at = to;
    }
}

/// One line of a JSON Lines file: an article, its error, or nothing where it is empty.
fn parse_line(path: &Path, line_no: usize, buf: &[u8]) -> Option<Result<Article, Error>> {
    let err = |message: String| Error::JsonLine { path: path.to_path_buf(), line: line_no, message };
    let line = match std::str::from_utf8(buf) {
        Ok(l) => l.trim_start_matches('\u{feff}').trim(),
        Err(e) => return Some(Err(err(format!("not UTF-8 text: invalid byte at offset {}", e.valid_up_to())))),
    };
    if line.is_empty() {
        return None;
    }
    let j = match quick_article(line) {
        Some(q) => q.into_json(),
        None => match serde_json::from_str::<JsonArticle>(line) {
            Ok(j) => j,
            Err(e) => return Some(Err(err(format!("not an article object: {e}")))),
        },
    };
    let id = match j.id {
        Some(serde_json::Value::String(s)) => s,
        Some(v) => v.to_string(),
        None => format!("{}:{}", path.display(), line_no),
    };
    let mut a = Article { id, text: j.text, url: j.url, source: j.source, ..Article::default() };
    let meta = metadata(&a.text);
    a.title = j.title.or(meta.title);
    a.date = j.date.or(meta.date);
    a.dateline = meta.dateline;
    Some(Ok(a))
}

/// The fields of an article line that [`quick_article`] read.
#[derive(Debug, Default, PartialEq)]
struct QuickArticle {
    id: Option<String>,
    text: Option<String>,
    title: Option<String>,
    date: Option<String>,
    url: Option<String>,
    source: Option<String>,
}

impl QuickArticle {
    fn into_json(self) -> JsonArticle {
        let QuickArticle { id, text, title, date, url, source } = self;
        JsonArticle { id: id.map(serde_json::Value::String), text: text.unwrap_or_default(), title, date, url, source }
    }
}

/// Reads an article line without serde: strings are copied once, unescaped, and the members the
/// tool does not read are checked and skipped without building values. It reads only what it
/// is sure serde reads the same way, and gives `None` for anything else (an error, a number for
/// an id, a deep nesting, a control byte anywhere): the line is then read by serde, which also
/// words the error.
fn quick_article(line: &str) -> Option<QuickArticle> {
    // A raw control byte is an error inside a string and rare whitespace outside one.
    if line.as_bytes().chunks(64).any(|c| c.iter().fold(false, |a, &b| a | (b < 0x20))) {
        return None;
    }
    let mut p = Json { s: line, at: 0 };
    let mut a = QuickArticle::default();
    // The members read so far: one given twice is an error for serde, even after a null.
    let mut seen = 0u8;
    p.eat(b'{')?;
    if p.peek()? == b'}' {
        return None;
    }
    loop {
        let key = p.string()?;
        p.eat(b':')?;
        let (bit, slot) = match key.as_str() {
            "id" => (1, &mut a.id),
            "text" => (2, &mut a.text),
            "title" => (4, &mut a.title),
            "date" => (8, &mut a.date),
            "url" => (16, &mut a.url),
            "source" => (32, &mut a.source),
            _ => {
                p.skip_value()?;
                match p.next()? {
                    b',' => continue,
                    b'}' => break,
                    _ => return None,
                }
            }
        };
        if seen & bit != 0 {
            return None;
        }
        seen |= bit;
        if p.peek()? == b'n' {
            p.literal("null")?;
            if bit == 2 {
                return None;
            }
        } else {
            *slot = Some(p.string()?);
        }
        match p.next()? {
            b',' => {}
            b'}' => break,
            _ => return None,
        }
    }
    // Anything after the object is an error, and a missing text too.
    (p.at == line.len() && a.text.is_some()).then_some(a)
}

/// A cursor over a JSON line, for [`quick_article`]; every method gives `None` where the text
/// is not what it expects.
struct Json<'a> {
    s: &'a str,
    at: usize,
}

impl Json<'_> {
    /// The next byte after white space, not taken.
    fn peek(&mut self) -> Option<u8> {
        let b = self.s.as_bytes();
        while self.at < b.len() && matches!(b[self.at], b' ' | b'\t' | b'\n' | b'\r') {
            self.at += 1;
        }
        b.get(self.at).copied()
    }

    /// The next byte after white space, taken.
    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.at += 1;
        Some(c)
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        (self.next()? == c).then_some(())
    }

    fn literal(&mut self, word: &str) -> Option<()> {
        self.peek()?;
        self.s[self.at..].starts_with(word).then(|| self.at += word.len())
    }

    /// A string, unescaped. Slices end at a quote or a backslash, so they stay on character
    /// boundaries.
    fn string(&mut self) -> Option<String> {
        self.eat(b'"')?;
        // Keys and short values end within a few words; an article's text has an escape every
        // line or quotation, with long runs between.
        let mut k = quote_or_backslash(&self.s.as_bytes()[self.at..])?;
        let mut out = String::new();
        loop {
            let rest = &self.s[self.at..];
            out.push_str(&rest[..k]);
            self.at += k + 1;
            if rest.as_bytes()[k] == b'"' {
                return Some(out);
            }
            out.push(self.escape()?);
            k = memchr::memchr2(b'"', b'\\', &self.s.as_bytes()[self.at..])?;
        }
    }

    /// The character of an escape, after its backslash; a surrogate pair makes one character,
    /// a lone surrogate is left to serde.
    fn escape(&mut self) -> Option<char> {
        let c = *self.s.as_bytes().get(self.at)?;
        self.at += 1;
        Some(match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = self.hex4()?;
                if (0xD800..0xDC00).contains(&hi) {
                    if !self.s[self.at..].starts_with("\\u") {
                        return None;
                    }
                    self.at += 2;
                    let lo = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return None;
                    }
                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))?
                } else {
                    char::from_u32(hi)?
                }
            }
            _ => return None,
        })
    }

    /// Four hex digits.
    fn hex4(&mut self) -> Option<u32> {
        let digits = self.s.get(self.at..self.at + 4)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.at += 4;
        u32::from_str_radix(digits, 16).ok()
    }

    /// Checks and passes over a value that is not read, as serde does with a member it ignores.
    /// Nested arrays and objects are walked in one loop, with the kind of each open one kept as
    /// a bit, rather than by a call for each value.
    fn skip_value(&mut self) -> Option<()> {
        // Bit `d` is set where the container `d` deep is an object.
        let mut objects: u128 = 0;
        let mut depth = 0;
        loop {
            // A value is expected here. serde refuses deep nesting; leave it to say so.
            if depth > 100 {
                return None;
            }
            let open = match self.peek()? {
                b'"' => {
                    self.skip_string()?;
                    false
                }
                c @ (b'{' | b'[') => {
                    self.at += 1;
                    let object = c == b'{';
                    if self.peek()? == if object { b'}' } else { b']' } {
                        self.at += 1;
                        false
                    } else {
                        objects = if object { objects | 1 << depth } else { objects & !(1 << depth) };
                        depth += 1;
                        if object {
                            self.member_key()?;
                        }
                        true
                    }
                }
                b't' => self.literal("true").map(|_| false)?,
                b'f' => self.literal("false").map(|_| false)?,
                b'n' => self.literal("null").map(|_| false)?,
                _ => self.skip_number().map(|_| false)?,
            };
            if open {
                continue;
            }
            // A value ended: close what it ends, up to the next value expected.
            loop {
                if depth == 0 {
                    return Some(());
                }
                let object = objects >> (depth - 1) & 1 == 1;
                match self.next()? {
                    b',' => {
                        if object {
                            self.member_key()?;
                        }
                        break;
                    }
                    b'}' if object => depth -= 1,
                    b']' if !object => depth -= 1,
                    _ => return None,
                }
            }
        }
    }

    /// A member's key and its colon, not read.
    fn member_key(&mut self) -> Option<()> {
        if self.peek()? != b'"' {
            return None;
        }
        self.skip_string()?;
        self.eat(b':')
    }

    /// A string not read: its escapes are checked, not decoded.
    fn skip_string(&mut self) -> Option<()> {
        self.eat(b'"')?;
        loop {
            let b = self.s.as_bytes();
            let k = quote_or_backslash(&b[self.at..])?;
            self.at += k + 1;
            if b[self.at - 1] == b'"' {
                return Some(());
            }
            match *b.get(self.at)? {
                b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => self.at += 1,
                b'u' => {
                    self.at += 1;
                    self.hex4()?;
                }
                _ => return None,
            }
        }
    }

    /// A number: `-`, an integer part without leading zeros, a fraction, an exponent.
    fn skip_number(&mut self) -> Option<()> {
        let b = self.s.as_bytes();
        let digits = |at: &mut usize| {
            let from = *at;
            while *at < b.len() && b[*at].is_ascii_digit() {
                *at += 1;
            }
            *at - from
        };
        let mut at = self.at;
        if b.get(at) == Some(&b'-') {
            at += 1;
        }
        match b.get(at)? {
            b'0' => at += 1,
            b'1'..=b'9' => {
                digits(&mut at);
            }
            _ => return None,
        }
        if b.get(at) == Some(&b'.') {
            at += 1;
            if digits(&mut at) == 0 {
                return None;
            }
        }
        if matches!(b.get(at), Some(b'e' | b'E')) {
            at += 1;
            if matches!(b.get(at), Some(b'+' | b'-')) {
                at += 1;
            }
            if digits(&mut at) == 0 {
                return None;
            }
        }
        self.at = at;
        Some(())
    }
}

/// The index of the first `"` or `\` of `b`. Most strings of an article line are short keys
/// and values: their first bytes are read eight at a time, and only a longer run is left to a
/// call to `memchr2`, whose start costs more than a short string's whole scan.
#[inline]
fn quote_or_backslash(b: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // The high bit of each zero byte of `v`, exact up to the first one (a borrow may set bits
    // above it, never below).
    let zeros = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    let mut i = 0;
    while i < 32 {
        let Some(c) = b.get(i..).and_then(<[u8]>::first_chunk::<8>) else { break };
        let x = u64::from_le_bytes(*c);
        let hit = zeros(x ^ ONES * u64::from(b'"')) | zeros(x ^ ONES * u64::from(b'\\'));
        if hit != 0 {
            return Some(i + hit.trailing_zeros() as usize / 8);
        }
        i += 8;
    }
    memchr::memchr2(b'"', b'\\', &b[i..]).map(|k| k + i)
}

fn plain_article(id: String, text: String) -> Article {
    let meta = metadata(&text);
    Article { id, title: meta.title, date: meta.date, dateline: meta.dateline, text, ..Article::default() }
}

#[derive(Default)]
struct Meta {
    title: Option<String>,
    date: Option<String>,
    dateline: Option<(usize, usize)>,
}

/// An ISO date: `2023-10-15`.
fn iso_date(input: &str) -> IResult<&str, &str> {
    let digits = |n| take_while_m_n(n, n, |c: char| c.is_ascii_digit());
    recognize(tuple((digits(4), char('-'), digits(2), char('-'), digits(2))))(input)
}

/// A date stamp that some feeds put before the text: `date 2023-10-15 `.
fn date_stamp(input: &str) -> IResult<&str, &str> {
    let (input, _) = tuple((space0, tag("date"), take_while1(|c: char| c == ' ')))(input)?;
    let (input, d) = iso_date(input)?;
    let (input, _) = space0(input)?;
    Ok((input, d))
}

/// A dateline: a short place name (words, brackets, commas, a day of the month) ended by a colon,
/// `New Haven:` or `Lisbon [Spain], October 15 :`. Returns the length of the dateline.
fn dateline(input: &str) -> Option<usize> {
    dateline_at(input, ':').or_else(|| dash_dateline(input))
}

/// A wire-style dateline: a place in capitals ended by a dash, `WASHINGTON —` or
/// `LONDON, May 3 (AP) —`. Returns its length.
fn dash_dateline(input: &str) -> Option<usize> {
    let first = input.split_whitespace().next()?.trim_end_matches([',', '.']);
    let shouted = first.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !first.chars().any(char::is_lowercase);
    // `Springfield (AP) –`: a wire service's name in brackets marks a dateline in any case.
    if !shouted && !wire_head(input) {
        return None;
    }
    // The dash stands where a colon would end the dateline, so it starts within the colon's
    // reach, and only the text up to the first word after it matters: a paragraph start is
    // looked at, never the rest of the article. A colon in that reach makes the head end
    // there instead, and the dash may then be anywhere: that rare case searches the whole text.
    let window = prefix(input, DATELINE_REACH + 6);
    let within = if window.contains(':') { input } else { window };
    let (i, n) = ["—", "–", "--"]
        .iter()
        .filter_map(|d| {
            let pat = [" ", d, " "].concat();
            within.find(pat.as_str()).map(|i| (i, d.len()))
        })
        .min()?;
    let rest = &input[i + 1 + n..];
    let word = rest.char_indices().find(|(_, c)| !c.is_whitespace()).map_or(rest.len(), |(k, c)| k + c.len_utf8());
    let rest = if within.len() == input.len() { rest } else { &rest[..word] };
    dateline_at(&[&input[..i], ":", rest].concat(), ':').map(|_| i + 1 + n)
}

/// Does `input` open with a short head, up to a line break or a dash, that holds a wire
/// service's name in brackets (`Springfield (AP) –`)? Asked of every paragraph start that is
/// not in capitals, nearly none of which has a bracket near its start: that is looked for first,
/// as bytes, before any char is decoded.
fn wire_head(input: &str) -> bool {
    let lead = prefix(input, 50);
    if memchr::memchr(b'(', lead.as_bytes()).is_none() {
        return false;
    }
    let head = match lead.find(['\n', '—', '–']) {
        Some(k) => &input[..k],
        None if lead.len() == input.len() => input,
        // No end within 50 bytes: too long to be a dateline's head.
        None => return false,
    };
    head.len() < 50
        && head.split_whitespace().any(|w| {
            let w = w.trim_end_matches(',');
            w.len() >= 4 && w.starts_with('(') && w.ends_with(')') && w[1..w.len() - 1].chars().all(|c| c.is_ascii_uppercase())
        })
}

/// How far into a paragraph a dateline's mark may stand.
const DATELINE_REACH: usize = 60;

/// The first `n` bytes of `s`, or a little more to end on a character.
fn prefix(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end += 1;
    }
    &s[..end]
}

/// A dateline ended by `mark`.
fn dateline_at(input: &str, mark: char) -> Option<usize> {
    let colon = prefix(input, DATELINE_REACH + 1).find(mark)?;
    let head = &input[..colon];
    if head.is_empty() || head.len() > DATELINE_REACH || head.contains('\n') || head.contains('"') || head.contains('“') {
        return None;
    }
    let words: Vec<&str> = head.split_whitespace().collect();
    let first_upper = words.first().and_then(|w| w.chars().next()).is_some_and(char::is_uppercase);
    let capitalized = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(|c| c.is_alphabetic()))
        .all(|w| w.trim_start_matches('[').chars().next().is_some_and(char::is_uppercase));
    let after = &input[colon + 1..];
    let ends_well = (after.is_empty() || after.starts_with([' ', '\n', '\r']))
        && !after.trim_start().starts_with(['"', '“', '‘', '«', '„']);
    (first_upper && capitalized && words.len() <= 6 && ends_well).then_some(colon + 1)
}

fn metadata(text: &str) -> Meta {
    let mut meta = Meta::default();
    let body = text.trim_start_matches('\u{feff}');
    let offset = text.len() - body.len();
    meta.title = body.lines().map(str::trim).find(|l| !l.is_empty()).map(|l| l.char_indices().nth(300).map_or(l, |(k, _)| &l[..k]).to_string());
    let mut pos = offset;
    if let Ok((rest, d)) = date_stamp(body) {
        meta.date = Some(d.to_string());
        pos = text.len() - rest.len();
    }
    // The dateline opens one of the first paragraphs.
    let mut starts = vec![pos];
    let mut search = pos;
    for _ in 0..8 {
        match text[search..].find('\n') {
            Some(i) => {
                search += i + 1;
                starts.push(search);
            }
            None => break,
        }
    }
    for s in starts {
        let para = &text[s..];
        let lead = para.len() - para.trim_start_matches([' ', '\t', '\u{feff}']).len();
        if let Some(n) = dateline(&para[lead..]) {
            meta.dateline = Some((s + lead, s + lead + n));
            break;
        }
    }
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_stamp_reads_iso_date() {
        assert_eq!(date_stamp(" date 2023-10-15 Lisbon").unwrap(), ("Lisbon", "2023-10-15"));
    }

    #[test]
    fn dateline_needs_capitals_and_colon() {
        assert_eq!(dateline("New Haven:\n\nText"), Some(10));
        assert_eq!(dateline("Lisbon [Spain], October 15 : French"), Some(28));
        assert_eq!(dateline("He said: \"no\""), None);
        assert_eq!(dateline("WASHINGTON — Sen. Roe said"), Some(14));
        assert_eq!(dateline("Roe — the senator — said"), None);
        assert_eq!(dateline("Springfield (AP) – Sen. Roe said"), Some(20));
        assert_eq!(dateline("Roe (R-RU) – the senator said"), None);
    }

    #[test]
    fn metadata_of_a_dated_article() {
        let m = metadata(" date 2023-10-15 Lisbon [Spain], October 15 : French Foreign Minister met");
        assert_eq!(m.date.as_deref(), Some("2023-10-15"));
        assert_eq!(m.dateline, Some((17, 45)));
    }

    #[test]
    fn quick_lines_read_as_serde_reads_them() {
        let lines = [
            r#"{"id": "a1", "text": "Jane Roe said: \"no\".\n\nMore\/less \u00e9 \ud83d\ude00 \t\b\f\r\\", "title": null}"#,
            r#"{"quotes": [{"span": [1, -2.5e+3, 0, 1E2], "x": {"y": [true, false, null, [], {}]}}, "s\u0041\"t"], "text": "", "n": 3}"#,
            r#"{ "text" : "x" , "url":"http://ex.test/a?b=1","source":"Ruritania Daily","date":"2023-10-15","id":"é" }"#,
            r#"{"te\u0078t": "escaped key"}"#,
            r#"{"q": [{"a": [[1], {"b": {}, "c": [[], [{}]]}], "d": "e"}, [], {}], "text": "t", "r": [[[0]]]}"#,
        ];
        for l in lines {
            let quick = quick_article(l).unwrap_or_else(|| panic!("not read quickly: {l}")).into_json();
            assert_eq!(quick, serde_json::from_str::<JsonArticle>(l).unwrap(), "{l}");
        }
    }

    #[test]
    fn quote_or_backslash_finds_the_first_of_either() {
        for len in 0..48 {
            for at in 0..=len {
                for mark in [b'"', b'\\'] {
                    // Bytes next to the marks' values, and the other mark after the first.
                    let mut b: Vec<u8> = (0..len).map(|k| [b'!', b'#', b'[', b']', 0xE2, b'a'][k % 6]).collect();
                    if at < len {
                        b[at] = mark;
                        if at + 1 < len {
                            b[at + 1] = if mark == b'"' { b'\\' } else { b'"' };
                        }
                    }
                    let want = b.iter().position(|&x| x == b'"' || x == b'\\');
                    assert_eq!(quote_or_backslash(&b), want, "{len} {at}");
                }
            }
        }
    }

    #[test]
    fn quick_lines_leave_deep_nesting_to_serde() {
        let nested = |n: usize| format!(r#"{{"q": {}{}, "text": "t"}}"#, "[".repeat(n), "]".repeat(n));
        let quick = quick_article(&nested(100)).expect("read quickly").into_json();
        assert_eq!(quick, serde_json::from_str::<JsonArticle>(&nested(100)).unwrap());
        assert_eq!(quick_article(&nested(102)), None);
    }

    #[test]
    fn quick_lines_leave_the_doubtful_to_serde() {
        let lines = [
            r#"{"title": null, "title": "x", "text": "t"}"#,
            r#"{"text": "a", "text": "b"}"#,
            r#"{"id": 7, "text": "t"}"#,
            r#"{"text": null}"#,
            r#"{"id": "a"}"#,
            r#"{"text": "t",}"#,
            r#"{"text": "t"} x"#,
            r#"{"text": "\ud800 lone"}"#,
            r#"{"text": "t", "n": 01}"#,
            r#"{"text": "t", "n": 1.}"#,
            r#"{"text": "t", "n": [1,]}"#,
            r#"{"text": "t", "s": "\x"}"#,
            "{\"text\": \"a\u{1}b\"}",
            r#"{"text": "t", "b": tru}"#,
            r#"{"text": "t", "q": {"a" 1}}"#,
            r#"{"text": "t", "q": [1}"#,
            r#"{"text": "t", "q": {"a": 1]}"#,
            r#"{"text": "t", "q": {"a": 1,}}"#,
            r#"{"text": "t", "q": {1: 1}}"#,
            r#"{"text": "t", "q": [[[1]]"#,
            r#"[{"text": "t"}]"#,
            r#"{}"#,
        ];
        for l in lines {
            assert_eq!(quick_article(l), None, "{l}");
        }
    }
}
