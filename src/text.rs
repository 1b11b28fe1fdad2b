//! Tokens and sentences of an article, with every top-level quote folded into one token.
//!
//! Attribution patterns are matched over this stream rather than over raw text: a quote is one
//! token, so the words inside it (which often contain `said` of their own) can never be taken for
//! the attribution around it, and the sentence around a quote stays whole however many sentences
//! the quote holds.

use nom::IResult;
use nom::error::{Error as NomError, ErrorKind};

pub use crate::grammar::Flags;
use crate::grammar::{Grammar, PACKED};
use crate::marks::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    Number,
    Punct,
    /// A possessive ending: `’s`, `'s`, or the `’` of `Democrats’`.
    Poss,
    /// A top-level quote: the index of its span.
    Quote(usize),
    /// A paragraph break.
    Para,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

// The parsers below are nom parsers (`&str` in, `IResult` out, so they compose with nom's
// combinators), written as loops over bytes: an ASCII byte is tested as it is, and only a
// non-ASCII char is decoded. Nearly all of a news article is ASCII, and the token loop runs them
// on every token, so the combinator plumbing they replaced was most of the tokenizer's time.

/// The char at byte `i` of `s`, if any (`i` on a char boundary).
#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(char::from(b)),
        Some(_) => s[i..].chars().next(),
        None => None,
    }
}

/// How many leading bytes of `s` are chars passing `keep`; `ascii` is `keep` for an ASCII byte.
#[inline]
fn run_len(s: &str, ascii: impl Fn(u8) -> bool, keep: impl Fn(char) -> bool) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x < 0x80 {
            if !ascii(x) {
                break;
            }
            i += 1;
        } else {
            match s[i..].chars().next() {
                Some(c) if keep(c) => i += c.len_utf8(),
                _ => break,
            }
        }
    }
    i
}

/// Bytes that may be part of a word on their own: ASCII letters, digits, `_`.
static WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = b.is_ascii_alphanumeric() || b == b'_';
        i += 1;
    }
    t
};

/// The length of the leading run of `word_part` chars.
#[inline]
fn part_len(s: &str) -> usize {
    run_len(s, |x| WORD_BYTE[usize::from(x)], |c| c.is_alphanumeric() || c == '_')
}

fn fail<O>(input: &str, kind: ErrorKind) -> IResult<&str, O> {
    Err(nom::Err::Error(NomError::new(input, kind)))
}

/// The body of a word: letters, digits and `_` (`Roe_2` of `@Roe_2`).
pub fn word_part(input: &str) -> IResult<&str, &str> {
    match part_len(input) {
        0 => fail(input, ErrorKind::TakeWhile1),
        n => Ok((&input[n..], &input[..n])),
    }
}

/// A word: letters and digits, with inner hyphens and apostrophes (`al-Farah`, `don't`), or a
/// social handle (`@JaneRoe`). As a grammar: `[@#]* letter part (joiner alnum part)*`, where a
/// part is `word_part` and a joiner one of `- ' ’ . &`.
pub fn word(input: &str) -> IResult<&str, &str> {
    match ascii_word_len(input.as_bytes()) {
        Some(0) => fail(input, ErrorKind::Verify),
        Some(n) => Ok((&input[n..], &input[..n])),
        None => word_chars(input),
    }
}

/// `word` read on bytes alone: `Some(len)` (0 for no word) when every char it depends on is
/// ASCII or a `’` joiner, `None` when a non-ASCII char must be decoded to decide.
#[inline]
fn ascii_word_len(b: &[u8]) -> Option<usize> {
    ascii_word_scan(b, &mut 0)
}

/// `ascii_word_len`, also or-ing into `case` the `CASE` bits of the bytes read.
#[inline]
fn ascii_word_scan(b: &[u8], case: &mut u8) -> Option<usize> {
    let mut i = 0;
    while matches!(b.get(i), Some(b'@' | b'#')) {
        i += 1;
    }
    match b.get(i) {
        Some(x) if x.is_ascii_alphabetic() => ascii_word_rest(b, i, case),
        Some(x) if *x >= 0x80 => None,
        _ => Some(0),
    }
}

/// `ascii_word_scan` from `b[i]`, a letter or digit of the word. `case` may come out with a
/// bit that the word's bytes do not have (an `S` left out with a possessive), never without one.
#[inline]
fn ascii_word_rest(b: &[u8], mut i: usize, case: &mut u8) -> Option<usize> {
    loop {
        while let Some(&x) = b.get(i) {
            let c = CASE[usize::from(x)];
            if c & WORD == 0 {
                break;
            }
            *case |= c;
            i += 1;
        }
        match past_joiner(b, i) {
            Ok(j) => i = j,
            Err(end) => return end,
        }
    }
}

/// Where an ASCII word whose run of word bytes stops at `b[i]` goes on: `Ok` past a joiner
/// (`-` `'` `.` `&` `’`) that a letter or digit follows, `Err(Some(i))` where it ends, `Err(None)`
/// where a non-ASCII char must be decoded to decide.
#[inline(always)]
fn past_joiner(b: &[u8], i: usize) -> Result<usize, Option<usize>> {
    let j = match b.get(i) {
        Some(b'-' | b'\'' | b'.' | b'&') => i + 1,
        // Not `HIGH`: `’` is its own lowercase and no capital, so a word whose only
        // non-ASCII chars are these is lowered and looked up byte by byte all the same.
        Some(0xE2) if b.get(i + 1..i + 3) == Some(&[0x80, 0x99]) => i + 3,
        Some(x) if *x >= 0x80 => return Err(None),
        _ => return Err(Some(i)),
    };
    match b.get(j) {
        Some(x) if x.is_ascii_alphanumeric() => Ok(j),
        Some(x) if *x >= 0x80 => Err(None),
        _ => Err(Some(i)),
    }
}

/// `word`, decoding every non-ASCII char.
fn word_chars(input: &str) -> IResult<&str, &str> {
    let b = input.as_bytes();
    let mut i = 0;
    while matches!(b.get(i), Some(b'@' | b'#')) {
        i += 1;
    }
    if !char_at(input, i).is_some_and(char::is_alphabetic) {
        return fail(input, ErrorKind::Verify);
    }
    loop {
        i += part_len(&input[i..]);
        let j = match char_at(input, i) {
            Some('-' | '\'' | '.' | '&') => i + 1,
            Some('’') => i + '’'.len_utf8(),
            _ => break,
        };
        if !char_at(input, j).is_some_and(char::is_alphanumeric) {
            break;
        }
        i = j;
    }
    Ok((&input[i..], &input[..i]))
}

/// A number: `1300`, `17,400`, `2.3mn`, `9/11`. As a grammar: `digit+ ([,./:] alnum+)*`.
pub fn number(input: &str) -> IResult<&str, &str> {
    let b = input.as_bytes();
    let mut i = b.iter().take_while(|d| d.is_ascii_digit()).count();
    if i == 0 {
        return fail(input, ErrorKind::TakeWhile1);
    }
    while matches!(b.get(i), Some(b',' | b'.' | b'/' | b':')) {
        match run_len(&input[i + 1..], |x| x.is_ascii_alphanumeric(), char::is_alphanumeric) {
            0 => break,
            n => i += 1 + n,
        }
    }
    Ok((&input[i..], &input[..i]))
}

/// A possessive ending after a word: `’s` / `'s` not followed by a letter, or a lone `’` / `'`.
pub fn possessive(input: &str) -> IResult<&str, &str> {
    let mark = match input.as_bytes().first() {
        Some(b'\'') => 1,
        Some(0xE2) if input.starts_with('’') => '’'.len_utf8(),
        _ => return fail(input, ErrorKind::Satisfy),
    };
    let rest = &input[mark..];
    match rest.strip_prefix(['s', 'S']) {
        Some(r) if !char_at(r, 0).is_some_and(char::is_alphanumeric) => Ok((r, &input[..mark + 1])),
        _ => Ok((rest, &input[..mark])),
    }
}

/// One punctuation character (or an ellipsis).
pub fn punct(input: &str) -> IResult<&str, &str> {
    if let Some(rest) = input.strip_prefix("...") {
        return Ok((rest, "..."));
    }
    match char_at(input, 0) {
        Some(c) if !c.is_alphanumeric() && !c.is_whitespace() && c != '\u{feff}' => {
            let n = c.len_utf8();
            Ok((&input[n..], &input[..n]))
        }
        _ => fail(input, ErrorKind::Verify),
    }
}

/// A sentence, as a range of token indices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub para: usize,
}

/// The token stream and sentences of one article.
pub struct Doc<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// For each token, the index of its sentence.
    pub sentence_of: Vec<usize>,
    /// Each token's lowercase form and classes, computed once: the sieves ask for them again and
    /// again.
    info: Vec<Info>,
    /// All lowered words of the article that differ from the text, one after another.
    low_buf: String,
    /// For each paragraph: is it a headline (title case, see `headline_like`)?
    pub headline: Vec<bool>,
    /// For each top-level quote span, its token index.
    pub quote_token: Vec<Option<usize>>,
    /// Paragraphs as byte ranges.
    pub paras: Vec<(usize, usize)>,
}

impl<'a> Doc<'a> {
    #[inline]
    pub fn tok(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.text)
    }
    /// Token `i` in lowercase (empty for a token that is not a word).
    #[inline]
    pub fn low(&self, i: usize) -> &str {
        let l = self.info[i];
        if l.owned { &self.low_buf[l.start..l.end] } else { &self.text[l.start..l.end] }
    }
    /// Token `i`'s classes: for a word, the lexicons holding it (as `Grammar::flags_of` of the
    /// word) and `Flags::CAPITALIZED` when `is_cap`; for any other token, and past the end,
    /// none. `d.flags(i).contains(Flags::CUE)` asks what `g.is_cue(d.tok(i))` does, without
    /// hashing the word again.
    #[inline]
    pub fn flags(&self, i: usize) -> Flags {
        self.info.get(i).map_or(Flags::NONE, |x| x.flags)
    }
    #[inline]
    pub fn is_word(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == Kind::Word)
    }
    pub fn is_cap(&self, i: usize) -> bool {
        self.flags(i).contains(Flags::CAPITALIZED)
    }
    pub fn is_punct(&self, i: usize, p: &str) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == Kind::Punct && t.text(self.text) == p)
    }
    /// The index of the paragraph holding byte `pos`.
    pub fn para_at(&self, pos: usize) -> usize {
        self.paras.partition_point(|&(s, _)| s <= pos).saturating_sub(1)
    }
    pub fn quote_of(&self, i: usize) -> Option<usize> {
        match self.tokens.get(i)?.kind {
            Kind::Quote(q) => Some(q),
            _ => None,
        }
    }
}

/// What `Doc` keeps of a token: where its lowercase form is, `text[start..end]`, or
/// `low_buf[start..end]` if `owned` (an empty range for a token that is not a word), and its
/// classes (`Doc::flags`).
#[derive(Clone, Copy, Debug, Default)]
struct Info {
    start: usize,
    end: usize,
    flags: Flags,
    owned: bool,
}

/// A line in title case with no closing full stop: a headline, a heading, a list entry.
/// The first line is the title, full stop or not.
pub fn headline_like(line: &str, first: bool) -> bool {
    // Most paragraphs end in a full stop: decide those before reading their words.
    if !first && line.trim_end().ends_with(['.', '"', '”', ':']) {
        return false;
    }
    // The words are `split_whitespace`'s; only the first char of each is decoded.
    let (mut words, mut caps) = (0usize, 0usize);
    let b = line.as_bytes();
    let (mut i, mut in_word) = (0, false);
    while let Some(&x) = b.get(i) {
        let (c, n) = match x {
            b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => {
                in_word = false;
                i += 1;
                continue;
            }
            _ if in_word && x < 0x80 => {
                i = skip_visible_ascii(b, i + 1);
                continue;
            }
            _ if x < 0x80 => (char::from(x), 1),
            _ => line[i..].chars().next().map_or((' ', 1), |c| (c, c.len_utf8())),
        };
        i += n;
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            if c.is_alphabetic() {
                words += 1;
                caps += usize::from(c.is_uppercase());
            }
        }
    }
    // A title may end in a full stop, so it must be in title case throughout.
    words >= 3 && caps * 100 >= words * if first { 85 } else { 60 }
}

/// The first index from `i` whose byte is not printable ASCII (`!` to DEL), eight bytes at a
/// time: the rest of a word, which `headline_like` only passes over.
#[inline]
fn skip_visible_ascii(b: &[u8], mut i: usize) -> usize {
    while let Some(c) = b.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let x = u64::from_le_bytes(*c);
        let stop = !in_range(x & !HIGHS, b'!', 0x7F) & HIGHS | x & HIGHS;
        if stop != 0 {
            return i + stop.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    i
}

/// Is `s` one uppercase char?
fn one_upper(s: &str) -> bool {
    let mut cs = s.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
}

/// Abbreviations that keep their full stop: `Mr.`, `U.S.`, single initials.
fn keeps_period(word: &str, g: &Grammar) -> bool {
    one_upper(word)
        // Initials run together: `G.K.`, `U.S.`
        || word.contains('.') && word.split('.').all(one_upper)
        || with_lower_dotted(word, |lower| {
            g.lower_flags_bytes(lower).intersects(Flags::TITLE | Flags::FUNCTION | Flags::ORG_WORD | Flags::PLACE)
                || matches!(lower, b"jr." | b"sr." | b"st." | b"no." | b"vs." | b"etc." | b"ft." | b"mt.")
        })
}

/// `keeps_period` of a word that `scan_word` read at `seg[start..end]` (ASCII but for `’`):
/// lowercased, dotted and looked up eight bytes at a time.
#[inline(never)]
fn keeps_period_ascii(text: &str, seg: &[u8], start: usize, end: usize, g: &Grammar) -> bool {
    let w = &seg[start..end];
    let n = w.len();
    let one_upper = |p: &[u8]| matches!(p, [x] if x.is_ascii_uppercase());
    if one_upper(w) || w.contains(&b'.') && w.split(|&x| x == b'.').all(one_upper) {
        return true;
    }
    if n >= PACKED {
        return keeps_period(&text[start..end], g);
    }
    let (a, h, _) = packed_lower(seg, start, n);
    let (a, h) = if n < 8 { (a | u64::from(b'.') << (8 * n), h) } else { (a, h | u64::from(b'.') << (8 * (n - 8))) };
    g.lower_flags_packed(a, h, n + 1).intersects(Flags::TITLE | Flags::FUNCTION | Flags::ORG_WORD | Flags::PLACE)
        || n < 4 && matches!(&a.to_le_bytes()[..=n], b"jr." | b"sr." | b"st." | b"no." | b"vs." | b"etc." | b"ft." | b"mt.")
}

/// Calls `f` with `word` lowercased and a full stop added (`Mr` → `mr.`), on the stack for a
/// short ASCII word.
fn with_lower_dotted<R>(word: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    const N: usize = 32;
    let b = word.as_bytes();
    if b.len() < N && b.is_ascii() {
        let mut buf = [0u8; N];
        for (d, s) in buf.iter_mut().zip(b) {
            *d = s.to_ascii_lowercase();
        }
        buf[b.len()] = b'.';
        return f(&buf[..=b.len()]);
    }
    f(format!("{}.", word.to_lowercase()).as_bytes())
}

/// What the byte that starts a token can start: the token loop dispatches on it instead of
/// trying the parsers one after another.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// ASCII whitespace other than a line break.
    Space,
    Newline,
    /// An ASCII letter: a word.
    Letter,
    /// An ASCII digit: a number (a word never starts with a digit).
    Digit,
    /// `@` or `#`: a handle or a tag, else one punctuation mark.
    Handle,
    /// `'`: a possessive right after a word, else one punctuation mark.
    Apostrophe,
    /// `.`: an ellipsis or a full stop.
    Dot,
    /// Any other ASCII byte: one punctuation mark.
    Punct,
    /// The lead byte of a non-ASCII char, decoded and read by the parsers in turn.
    High,
}

static LEAD: [Lead; 256] = {
    let mut t = [Lead::High; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = match b {
            b' ' | b'\t' | 0x0B | 0x0C | b'\r' => Lead::Space,
            b'\n' => Lead::Newline,
            b'a'..=b'z' | b'A'..=b'Z' => Lead::Letter,
            b'0'..=b'9' => Lead::Digit,
            b'@' | b'#' => Lead::Handle,
            b'\'' => Lead::Apostrophe,
            b'.' => Lead::Dot,
            _ => Lead::Punct,
        };
        i += 1;
    }
    t
};

/// Per byte: may it be part of a word on its own (`WORD`, as `WORD_BYTE`), is it an ASCII
/// capital (`UPPER`), is it part of a non-ASCII char (`HIGH`)?
const WORD: u8 = 1;
const UPPER: u8 = 2;
const HIGH: u8 = 4;
static CASE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = if i >= 0x80 {
            HIGH
        } else if WORD_BYTE[i] {
            if (i as u8).is_ascii_uppercase() { WORD | UPPER } else { WORD }
        } else {
            0
        };
        i += 1;
    }
    t
};

/// The token stream under construction: tokens with, for each, its lowercase form and classes,
/// all filled in one pass while the word's bytes are at hand.
struct Builder {
    tokens: Vec<Token>,
    info: Vec<Info>,
    /// Lowered words, all ASCII or from `str::to_lowercase`, so always UTF-8.
    low_buf: Vec<u8>,
}

impl Builder {
    #[inline]
    fn push(&mut self, start: usize, end: usize, kind: Kind) {
        self.tokens.push(Token { start, end, kind });
        self.info.push(Info::default());
    }

    /// Pushes the word `text[start..end]` with its lowercase form (written to `low_buf` only
    /// when it differs from the text) and its classes. `case` holds at least the `CASE` bits of
    /// the word's bytes, leaving out `HIGH` only for `’` joiners (lowered and looked up as
    /// bytes all the same): a bit too many only sends the word down a slower path.
    // Inlined into the token loop, as is `word_len`: a call's register saves and restores cost
    // about as much as the work of a short word.
    #[inline(always)]
    fn push_word(&mut self, text: &str, start: usize, end: usize, case: u8, g: &Grammar) {
        let wb = &text.as_bytes()[start..end];
        let info = if case & HIGH != 0 {
            self.high_word(&text[start..end], start, end, g)
        } else if case & UPPER != 0 {
            let cap = wb.iter().find(|&&x| x != b'@' && x != b'#').is_some_and(u8::is_ascii_uppercase);
            let s = self.low_buf.len();
            self.low_buf.extend(wb.iter().map(u8::to_ascii_lowercase));
            let flags = g.lower_flags_bytes(&self.low_buf[s..]);
            Info { start: s, end: self.low_buf.len(), flags: if cap { flags | Flags::CAPITALIZED } else { flags }, owned: true }
        } else {
            Info { start, end, flags: g.lower_flags_bytes(wb), owned: false }
        };
        self.tokens.push(Token { start, end, kind: Kind::Word });
        self.info.push(info);
    }

    /// `push_word` for a word that `scan_word` read at `seg[start..end]`, which opens with an
    /// ASCII letter and has no non-ASCII char but `’`. A word of up to `PACKED` bytes is
    /// lowercased and looked up eight bytes at a time.
    #[inline(always)]
    fn push_ascii_word(&mut self, text: &str, seg: &[u8], start: usize, end: usize, g: &Grammar) {
        let n = end - start;
        if n > PACKED {
            // Rare: lowered byte by byte, whether or not it has a capital.
            return self.push_word(text, start, end, WORD | UPPER, g);
        }
        let (a, h, upper) = packed_lower(seg, start, n);
        let flags = g.lower_flags_packed(a, h, n);
        let flags = if seg[start].is_ascii_uppercase() { flags | Flags::CAPITALIZED } else { flags };
        let info = if upper {
            // Whole words are copied and the buffer cut back: a copy of a fixed size needs no
            // call to `memcpy`.
            let s = self.low_buf.len();
            self.low_buf.extend_from_slice(&a.to_le_bytes());
            if n > 8 {
                self.low_buf.extend_from_slice(&h.to_le_bytes());
            }
            self.low_buf.truncate(s + n);
            Info { start: s, end: s + n, flags, owned: true }
        } else {
            Info { start, end, flags, owned: false }
        };
        self.tokens.push(Token { start, end, kind: Kind::Word });
        self.info.push(info);
    }

    /// `push_word` for a word with a non-ASCII char: lowercase and capitals by Unicode's rules.
    #[cold]
    fn high_word(&mut self, w: &str, start: usize, end: usize, g: &Grammar) -> Info {
        let cap = w.trim_start_matches(['@', '#']).chars().next().is_some_and(char::is_uppercase);
        let flags = if cap { g.flags_of(w) | Flags::CAPITALIZED } else { g.flags_of(w) };
        if w.chars().any(char::is_uppercase) {
            let s = self.low_buf.len();
            self.low_buf.extend_from_slice(w.to_lowercase().as_bytes());
            Info { start: s, end: self.low_buf.len(), flags, owned: true }
        } else {
            Info { start, end, flags, owned: false }
        }
    }

/// Is `pos` right after a word (where a possessive may follow)?
    #[inline]
    fn after_word(&self, pos: usize) -> bool {
        self.tokens.last().is_some_and(|t| t.kind == Kind::Word && t.end == pos)
    }
}

/// The length of the word at the start of `rest` (which starts with a letter, `@`, `#` or a
/// non-ASCII char), 0 for none: `word`, with a full stop taken in where it belongs to the word
/// and a possessive `’s` left out. Also the word's `CASE` bits, as `Builder::push_word` takes them.
#[inline(always)]
fn word_len(rest: &str, g: &Grammar) -> (usize, u8) {
    let b = rest.as_bytes();
    let mut case = 0;
    let ascii = match b.first() {
        Some(&x) if x.is_ascii_alphabetic() => {
            case = CASE[usize::from(x)];
            ascii_word_rest(b, 1, &mut case)
        }
        _ => ascii_word_scan(b, &mut case),
    };
    let n = match ascii {
        Some(n) => n,
        None => {
            case = HIGH;
            match word_chars(rest) {
                Ok((r, _)) => rest.len() - r.len(),
                Err(_) => 0,
            }
        }
    };
    (if n == 0 { 0 } else { word_end(rest, b, 0, n, g) }, case)
}

/// Where the word `word` read at `text[start..end]` ends as a token: with a full stop that
/// belongs to it, or before a possessive `’s`. `seg` is `text`'s bytes up to the next quote.
#[inline(always)]
fn word_end(text: &str, seg: &[u8], start: usize, end: usize, g: &Grammar) -> usize {
    match seg.get(end) {
        // `U.S.`, `Mr.`, `S.`: the full stop belongs to the word.
        Some(b'.') => end + usize::from(keeps_period(&text[start..end], g)),
        // A word ending in `’s` is a word and a possessive.
        _ => match &seg[start..end] {
            [_, .., b'\'', b's' | b'S'] => end - 2,
            [_, .., 0xE2, 0x80, 0x99, b's' | b'S'] => end - 4,
            _ => end,
        },
    }
}

// Byte-parallel reading of ASCII words: eight bytes of the text are loaded as one `u64` and
// classified together, so that a word of up to eight bytes is read, lowercased and packed for
// the lexicon look-up (`grammar::pack`) with a few dozen instructions, without a loop per byte.

/// One in each byte, and each byte's high bit.
const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `y` (bytes below 0x80) that lies in `lo..=hi` (`lo` ≥ 1): a byte
/// plus `0x80 - lo` reaches the high bit exactly when it is at least `lo`, and no sum carries.
#[inline(always)]
const fn in_range(y: u64, lo: u8, hi: u8) -> u64 {
    let ge = y + ONES * (0x80 - lo as u64);
    let gt = y + ONES * (0x7F - hi as u64);
    ge & !gt & HIGHS
}

/// The high bit of each byte of `x` that is an ASCII capital.
#[inline(always)]
const fn upper_bytes(x: u64) -> u64 {
    in_range(x & !HIGHS, b'A', b'Z') & !x
}

/// The high bit of each byte of `x` that may be part of a word on its own (`WORD_BYTE`).
#[inline(always)]
const fn word_bytes(x: u64) -> u64 {
    let y = x & !HIGHS;
    // `| 0x20` folds capitals onto small letters and moves no other byte into `a..=z`.
    let letter = in_range(y | ONES * 0x20, b'a', b'z');
    (letter | in_range(y, b'0', b'9') | in_range(y, b'_', b'_')) & !x
}

/// The 8 bytes of `b` from `i`, little-endian, zero past the end of `b`.
#[inline(always)]
fn load8(b: &[u8], i: usize) -> u64 {
    match b.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        Some(c) => u64::from_le_bytes(*c),
        None => load_tail(b, i),
    }
}

/// `load8` near the end of `b`.
#[cold]
fn load_tail(b: &[u8], i: usize) -> u64 {
    b.get(i..).unwrap_or_default().iter().rev().fold(0, |v, &x| v << 8 | u64::from(x))
}

/// `ascii_word_rest` eight bytes at a time: the end of the word whose body starts at `b[i]` (a
/// letter or digit); `None` where a non-ASCII char must be decoded to decide.
#[inline(always)]
fn scan_word(b: &[u8], mut i: usize) -> Option<usize> {
    loop {
        let x = load8(b, i);
        // The high bit of every byte that ends the run; zero bytes past the end do.
        let stop = !word_bytes(x) & HIGHS;
        let run = stop.trailing_zeros() as usize / 8;
        i += run;
        if run == 8 {
            continue;
        }
        match past_joiner(b, i) {
            Ok(j) => i = j,
            Err(end) => return end,
        }
    }
}

/// The word of `n` bytes (1 to `PACKED`) at `b[i..]`, lowercased and packed as `grammar::pack`
/// packs it, and whether it had a capital. Only ASCII capitals change: `’` is its own lowercase.
#[inline(always)]
fn packed_lower(b: &[u8], i: usize, n: usize) -> (u64, u64, bool) {
    let keep = |x: u64, k: usize| if k >= 8 { x } else { x & ((1u64 << (8 * k)) - 1) };
    let (a, h) = (keep(load8(b, i), n), if n > 8 { keep(load8(b, i + 8), n - 8) } else { 0 });
    let (ua, uh) = (upper_bytes(a), upper_bytes(h));
    // A capital's high bit, moved down to 0x20, is what sets it in lowercase.
    (a | ua >> 2, h | uh >> 2, ua | uh != 0)
}

/// `high_token` for the commonest non-ASCII chars outside words, read from their bytes: the
/// spaces and marks of U+2000..U+203F (dashes, curly quotes, `…`), whose chars are none of them
/// letters or digits, and the no-break space. `None` for any other char.
#[inline]
fn high_mark(seg: &[u8], pos: usize, after_word: bool) -> Option<Result<(Kind, usize), usize>> {
    match seg.get(pos..pos + 3)? {
        [0xC2, 0xA0, _] => Some(Err(2)),
        [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF] => Some(Err(3)),
        // A possessive: `’s` not followed by a letter or digit, or a lone `’`.
        [0xE2, 0x80, 0x99] if after_word => {
            let s = matches!(seg.get(pos + 3), Some(b's' | b'S'));
            let ends = s && seg.get(pos + 4).is_none_or(|&x| x < 0x80 && !x.is_ascii_alphanumeric());
            // A non-ASCII char after `’s` is decoded by `high_token`.
            if s && !ends && seg.get(pos + 4).is_some_and(|&x| x >= 0x80) {
                return None;
            }
            Some(Ok((Kind::Poss, if ends { 4 } else { 3 })))
        }
        [0xE2, 0x80, 0x80..=0xBF] => Some(Ok((Kind::Punct, 3))),
        _ => None,
    }
}

/// A token starting with a non-ASCII char: `None` for whitespace (of the returned length).
#[cold]
fn high_token(rest: &str, after_word: bool, g: &Grammar) -> Result<(Kind, usize), usize> {
    let c = rest.chars().next().unwrap_or(' ');
    if c.is_whitespace() || c == '\u{feff}' {
        return Err(c.len_utf8());
    }
    if after_word && !c.is_alphanumeric() && let Ok((r, _)) = possessive(rest) {
        return Ok((Kind::Poss, rest.len() - r.len()));
    }
    match word_len(rest, g) {
        (0, _) => {}
        (n, _) => return Ok((Kind::Word, n)),
    }
    Ok(match punct(rest) {
        Ok((r, _)) => (Kind::Punct, rest.len() - r.len()),
        Err(_) => (Kind::Punct, c.len_utf8()),
    })
}

/// Tokenizes `text`, folding each top-level span of `spans` into one `Quote` token, and splits
/// the tokens into sentences.
///
/// One pass over the text makes the tokens and, for each word as it is read, its lowercase
/// form and lexicon classes; a second pass over the tokens finds the sentences.
pub fn tokenize<'a>(text: &'a str, paras: Vec<(usize, usize)>, spans: &[Span], g: &Grammar) -> Doc<'a> {
    let bytes = text.as_bytes();
    // About one token per six bytes of news text, and up to one in four: enough that the
    // vectors seldom grow. A fifth of the words have a capital, and their lowercase forms are
    // kept; 16 bytes spare for the whole-word copies of `push_ascii_word`.
    let cap = text.len() / 4 + 1;
    let mut out = Builder {
        tokens: Vec::with_capacity(cap),
        info: Vec::with_capacity(cap),
        low_buf: Vec::with_capacity(text.len() / 4 + 16),
    };
    let mut quote_token = vec![None; spans.len()];
    let mut top = (0..spans.len()).filter(|&i| spans[i].parent.is_none());
    let mut next = top.next();
    let mut pos = 0;
    loop {
        // A top-level quote starting here is one token; one starting inside an earlier quote
        // (top-level spans may overlap) is left out.
        while let Some(q) = next.filter(|&q| spans[q].start <= pos) {
            if spans[q].start == pos {
                quote_token[q] = Some(out.tokens.len());
                out.push(pos, spans[q].end, Kind::Quote(q));
                pos = spans[q].end;
            }
            next = top.next();
        }
        if pos >= text.len() {
            break;
        }
        // Plain tokens up to the next quote: `seg` ends there, so no token runs into it.
        let limit = next.map_or(text.len(), |q| spans[q].start);
        let seg = &bytes[..limit];
        while pos < limit {
            pos = out.token(text, seg, pos, g);
        }
    }
    let Builder { tokens, info, low_buf } = out;
    let low_buf = String::from_utf8(low_buf).unwrap_or_default();
    let (sentences, sentence_of) = sentences(text, &tokens, &info, spans, &paras);
    let headline = paras.iter().enumerate().map(|(i, &(ps, pe))| headline_like(&text[ps..pe], i == 0)).collect();
    Doc { text, tokens, sentences, sentence_of, quote_token, paras, info, low_buf, headline }
}

impl Builder {
    /// Reads the token (or the whitespace) at `seg[pos]`, pushes it and returns where the next
    /// one starts. `seg` is the text up to the next quote; `pos` is on a char boundary.
    #[inline(always)]
    fn token(&mut self, text: &str, seg: &[u8], pos: usize, g: &Grammar) -> usize {
        let limit = seg.len();
        let (kind, len) = match LEAD[usize::from(seg[pos])] {
            Lead::Space => return pos + 1,
            Lead::Newline => {
                if self.tokens.last().is_none_or(|t| t.kind != Kind::Para) {
                    self.push(pos, pos + 1, Kind::Para);
                }
                return pos + 1;
            }
            Lead::Letter => match scan_word(seg, pos) {
                Some(end) => {
                    let end = match seg.get(end) {
                        Some(b'.') => end + usize::from(keeps_period_ascii(text, seg, pos, end, g)),
                        _ => word_end(text, seg, pos, end, g),
                    };
                    self.push_ascii_word(text, seg, pos, end, g);
                    // Most words are followed by one space: skip it here rather than in a
                    // round of the token loop.
                    return end + usize::from(seg.get(end) == Some(&b' '));
                }
                None => return self.word_or_punct(text, seg, pos, g),
            },
            Lead::Handle => return self.word_or_punct(text, seg, pos, g),
            Lead::Digit => match number(&text[pos..limit]) {
                Ok((r, _)) => (Kind::Number, limit - pos - r.len()),
                Err(_) => (Kind::Punct, 1),
            },
            Lead::Apostrophe if self.after_word(pos) => {
                let s = seg.get(pos + 1);
                // `'s` not followed by a letter or digit is a possessive ending; else the mark alone.
                let ends = matches!(s, Some(b's' | b'S')) && !char_at(&text[..limit], pos + 2).is_some_and(char::is_alphanumeric);
                (Kind::Poss, if ends { 2 } else { 1 })
            }
            Lead::Dot if seg[pos..].starts_with(b"...") => (Kind::Punct, 3),
            Lead::Apostrophe | Lead::Dot | Lead::Punct => (Kind::Punct, 1),
            Lead::High => match high_mark(seg, pos, self.after_word(pos)).unwrap_or_else(|| high_token(&text[pos..limit], self.after_word(pos), g)) {
                Ok((Kind::Word, n)) => {
                    self.push_word(text, pos, pos + n, HIGH, g);
                    return pos + n;
                }
                Ok(t) => t,
                Err(n) => return pos + n,
            },
        };
        self.push(pos, pos + len, kind);
        let end = pos + len;
        end + usize::from(seg.get(end) == Some(&b' '))
    }

    /// Pushes the word `word_len` reads at `pos` (one opening with `@` or `#`, or needing a
    /// non-ASCII char decoded), or else one punctuation mark, and returns where it ends.
    #[inline(never)]
    fn word_or_punct(&mut self, text: &str, seg: &[u8], pos: usize, g: &Grammar) -> usize {
        match word_len(&text[pos..seg.len()], g) {
            (0, _) => {
                self.push(pos, pos + 1, Kind::Punct);
                pos + 1
            }
            (n, case) => {
                self.push_word(text, pos, pos + n, case, g);
                pos + n
            }
        }
    }
}

fn ends_sentence(q: &str) -> bool {
    q.trim_end_matches(|c: char| matches!(c, '"' | '”' | '’' | '\'' | '»') || c.is_whitespace()).ends_with(['.', '!', '?'])
}

/// Does a new sentence open at token `i`, after a quote that closed with a full stop? A
/// capitalized word opens one unless it is the speaker of that quote: `“… over.” Smith said`.
fn opens_after_quote(text: &str, tokens: &[Token], info: &[Info], i: usize) -> bool {
    let is_cap_word = |k: usize| {
        tokens.get(k).is_some_and(|t| t.kind == Kind::Word && t.text(text).chars().next().is_some_and(char::is_uppercase))
    };
    if !is_cap_word(i) {
        return false;
    }
    // The speaker may come with an apposition: `“… back.” The mayor’s aide, a former judge, said`.
    let mut k = i;
    while k < i + 16 && tokens.get(k).is_some_and(|t| matches!(t.kind, Kind::Word | Kind::Poss | Kind::Number)
        || t.kind == Kind::Punct && matches!(t.text(text), "," | "(" | ")" | "-")
        || t.kind == Kind::Punct && t.text(text) == "." && tokens.get(k + 1).is_some_and(|n| n.text(text) == ","))
    {
        // A capitalized cue is a name (`The Post`), but not where it opens the clause: `Adding, “…”`.
        let w = tokens[k].text(text);
        let lower = !w.chars().next().is_some_and(char::is_uppercase);
        // `“… done.” Asked whether …, she said`: a participle opening a question clause starts a
        // new sentence.
        let asks = k == i && tokens.get(k + 1).is_some_and(|n| {
            n.kind == Kind::Word && matches!(n.text(text), "what" | "whether" | "if" | "which" | "why" | "how" | "who" | "when" | "about")
        });
        if tokens[k].kind == Kind::Word && info[k].flags.contains(Flags::CUE) && (k == i || lower) && !asks {
            return false;
        }
        // Before any apposition, a plain lowercase word is a verb of a new sentence:
        // `“… late.” She then thanked the crowd, adding …`.
        let before_comma = !(i..k).any(|m| tokens[m].text(text) == ",");
        let owned = tokens[k - 1].kind == Kind::Poss;
        if tokens[k].kind == Kind::Word && lower && before_comma && !owned && !info[k].flags.intersects(Flags::ROLE | Flags::TITLE | Flags::FUNCTION) {
            return true;
        }
        k += 1;
    }
    true
}

/// The sentences of `tokens`, each with the paragraph of `paras` holding its first token, and
/// for each token the index of its sentence (a paragraph break belongs to the sentence before
/// it).
#[inline(never)]
fn sentences(text: &str, tokens: &[Token], info: &[Info], spans: &[Span], paras: &[(usize, usize)]) -> (Vec<Sentence>, Vec<usize>) {
    let bytes = text.as_bytes();
    let tb = |t: &Token| &bytes[t.start..t.end];
    let mut out: Vec<Sentence> = Vec::with_capacity(tokens.len() / 16 + 1);
    let mut of: Vec<usize> = Vec::with_capacity(tokens.len());
    // Sentences come in text order, so the paragraph of each is found by walking `paras` once.
    let mut para = 0;
    let mut close = |start: usize, end: usize, out: &mut Vec<Sentence>, of: &mut Vec<usize>| {
        let pos = tokens[start].start;
        while paras.get(para).is_some_and(|&(ps, _)| ps <= pos) {
            para += 1;
        }
        of.resize(end, out.len());
        out.push(Sentence { start, end, para: para.saturating_sub(1) });
    };
    let starts_upper = |i: usize| {
        tokens.get(i).is_some_and(|t| match t.kind {
            Kind::Quote(_) => true,
            Kind::Word | Kind::Number => match bytes[t.start] {
                x if x < 0x80 => x.is_ascii_uppercase() || x.is_ascii_digit(),
                _ => t.text(text).chars().next().is_some_and(char::is_uppercase),
            },
            _ => false,
        })
    };
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        // Only a mark, a quote or a break can end a sentence: the words between are passed over
        // in a loop of their own, which has nothing else to keep.
        i += tokens[i..].iter().position(|t| matches!(t.kind, Kind::Punct | Kind::Quote(_) | Kind::Para)).unwrap_or(tokens.len() - i);
        let Some(t) = tokens.get(i) else { break };
        let boundary_after = match t.kind {
            Kind::Para => {
                if start < i {
                    close(start, i, &mut out, &mut of);
                }
                of.push(of.last().copied().unwrap_or(0));
                start = i + 1;
                i += 1;
                continue;
            }
            Kind::Punct if matches!(tb(t), b"." | b"!" | b"?" | b"...") => {
                let mut j = i + 1;
                while tokens.get(j).is_some_and(|t| t.kind == Kind::Punct && matches!(tb(t), b")" | b"]")) {
                    j += 1;
                }
                j >= tokens.len() || starts_upper(j) || tokens[j].kind == Kind::Para
            }
            Kind::Quote(q) => {
                let s = &spans[q];
                // `“… done.” “Next …”`: a quote that ends a sentence, followed by another quote.
                ends_sentence(&text[s.start..s.end])
                    && (tokens.get(i + 1).is_some_and(|n| matches!(n.kind, Kind::Quote(_)))
                        || opens_after_quote(text, tokens, info, i + 1))
            }
            _ => false,
        };
        if boundary_after {
            close(start, i + 1, &mut out, &mut of);
            start = i + 1;
        }
        i += 1;
    }
    if start < tokens.len() {
        close(start, tokens.len(), &mut out, &mut of);
    }
    (out, of)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::marks::{paragraphs, quote_spans};

    fn toks(text: &str) -> Vec<String> {
        let g = Grammar::embedded();
        let (spans, _) = quote_spans(text, &paragraphs(text));
        let d = tokenize(text, paragraphs(text), &spans, &g);
        d.tokens.iter().map(|t| t.text(text).to_string()).collect()
    }

    #[test]
    fn word_keeps_inner_hyphens() {
        assert_eq!(word("al-Farah said").unwrap(), (" said", "al-Farah"));
        assert_eq!(word("@JaneRoe.").unwrap(), (".", "@JaneRoe"));
    }

    #[test]
    fn word_reads_unicode_letters_and_curly_apostrophes() {
        assert_eq!(word("Jürgen’s car").unwrap(), (" car", "Jürgen’s"));
        assert_eq!(word("#tag_1—x").unwrap(), ("—x", "#tag_1"));
        assert_eq!(word("Roe. Next").unwrap(), (". Next", "Roe"));
        assert_eq!(word("U.S. aid").unwrap(), (". aid", "U.S"));
        assert!(word("1990s").is_err());
        assert!(word("@_x").is_err());
        assert!(word("é").is_ok());
        assert_eq!(word("naïve, x").unwrap(), (", x", "naïve"));
        assert_eq!(word("a’b’é-c— x").unwrap(), ("— x", "a’b’é-c"));
        assert_eq!(word("a-\u{a0}").unwrap(), ("-\u{a0}", "a"));
    }

    /// Strings built from the chars that matter to a word's end: letters of both cases,
    /// digits, `_`, the joiners, `’` and another non-ASCII letter, spaces and other marks.
    fn word_samples() -> Vec<String> {
        let alphabet = ["a", "Z", "s", "S", "7", "_", "-", "'", ".", "&", "’", "é", " ", ",", "@", "\u{2014}"];
        // A small linear congruential generator: the same samples on every run.
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize
        };
        (0..4000)
            .map(|_| {
                let len = 1 + next() % 24;
                let mut w = String::from(["J", "r", "x"][next() % 3]);
                for _ in 0..len {
                    // Word chars are drawn more often, so that words run long.
                    let k = next() % (alphabet.len() + 6);
                    w.push_str(if k >= alphabet.len() { "ab" } else { alphabet[k] });
                }
                w
            })
            .collect()
    }

    #[test]
    fn scan_word_agrees_with_the_word_parser() {
        for w in word_samples() {
            let b = w.as_bytes();
            let mut case = CASE[usize::from(b[0])];
            let reference = ascii_word_rest(b, 1, &mut case);
            let got = scan_word(b, 0);
            assert_eq!(got, reference, "{w:?}");
            if let Some(n) = got {
                assert_eq!(word(&w).map(|(_, m)| m.len()).unwrap_or(0), n, "{w:?}");
            }
            // A segment cut short ends the word as the end of the text does.
            for cut in 1..b.len() {
                let mut case = CASE[usize::from(b[0])];
                assert_eq!(scan_word(&b[..cut], 0), ascii_word_rest(&b[..cut], 1, &mut case), "{w:?} {cut}");
            }
        }
    }

    #[test]
    fn high_mark_agrees_with_high_token() {
        let g = Grammar::embedded();
        for c in ('\u{80}'..='\u{3000}').chain(['\u{feff}']) {
            for after in ["", "s", "S", "sa", "s1", "s.", "sé", "s\u{a0}", " x", "x"] {
                let text = format!("{c}{after}");
                for after_word in [false, true] {
                    if let Some(fast) = high_mark(text.as_bytes(), 0, after_word) {
                        assert_eq!(fast, high_token(&text, after_word, &g), "{text:?} {after_word}");
                    }
                }
            }
        }
    }

    #[test]
    fn keeps_period_ascii_agrees_with_keeps_period() {
        let g = Grammar::embedded();
        let mut words: Vec<String> = word_samples();
        words.extend(["Mr", "mr", "U.S", "u.s", "S", "s", "Jr", "ETC", "No", "Gov", "Sen", "Inc", "Corp", "Ft", "Mt", "vs", "St", "a’b"].map(String::from));
        words.extend(g.titles.iter().chain(&g.function_words).chain(&g.org_words).chain(g.places.keys()).map(|w| w.trim_end_matches('.').to_string()));
        for w in words {
            let Some(n) = scan_word(w.as_bytes(), 0) else { continue };
            let text = format!("{}.", &w[..n]);
            assert_eq!(keeps_period_ascii(&text, text.as_bytes(), 0, n, &g), keeps_period(&text[..n], &g), "{text:?}");
        }
    }

    #[test]
    fn packed_lower_is_the_lowercase_word_packed() {
        for w in word_samples() {
            let b = w.as_bytes();
            for n in (1..=b.len().min(PACKED)).filter(|&n| w.is_char_boundary(n)) {
                let lower: Vec<u8> = b[..n].iter().map(u8::to_ascii_lowercase).collect();
                let (a, h, upper) = packed_lower(b, 0, n);
                assert_eq!((a, h), crate::grammar::pack(&lower), "{w:?} {n}");
                assert_eq!(upper, b[..n].iter().any(u8::is_ascii_uppercase), "{w:?} {n}");
            }
        }
    }

    #[test]
    fn load8_reads_zeros_past_the_end() {
        let text: Vec<u8> = (1..=20).collect();
        for len in 0..=text.len() {
            let b = &text[..len];
            for i in 0..len + 10 {
                let want = (0..8).fold(0u64, |v, k| v | b.get(i + k).map_or(0, |&x| u64::from(x)) << (8 * k));
                assert_eq!(load8(b, i), want, "{len} {i}");
            }
        }
    }

    #[test]
    fn word_part_reads_letters_digits_and_underscores() {
        assert_eq!(word_part("Roe_2's").unwrap(), ("'s", "Roe_2"));
        assert!(word_part("-x").is_err());
    }

    #[test]
    fn number_keeps_separators() {
        assert_eq!(number("17,400 people").unwrap(), (" people", "17,400"));
        assert_eq!(number("2.3mn, then").unwrap(), (", then", "2.3mn"));
        assert_eq!(number("9/11.").unwrap(), (".", "9/11"));
        assert!(number("x1").is_err());
    }

    #[test]
    fn possessive_splits_off() {
        assert_eq!(possessive("’s top").unwrap(), (" top", "’s"));
        assert_eq!(possessive("' Politburo").unwrap(), (" Politburo", "'"));
        assert_eq!(possessive("’sa").unwrap(), ("sa", "’"));
        assert!(possessive("“x").is_err());
    }

    #[test]
    fn punct_reads_one_mark() {
        assert_eq!(punct(", he").unwrap(), (" he", ","));
        assert_eq!(punct("... and").unwrap(), (" and", "..."));
        assert_eq!(punct("— he").unwrap(), (" he", "—"));
        assert!(punct("x").is_err());
        assert!(punct(" ").is_err());
    }

    #[test]
    fn lead_table_agrees_with_char_classes() {
        for b in 0u8..128 {
            let c = char::from(b);
            let lead = LEAD[usize::from(b)];
            assert_eq!(lead == Lead::Space || lead == Lead::Newline, c.is_whitespace(), "{b:#x}");
            assert_eq!(lead == Lead::Letter, c.is_alphabetic(), "{b:#x}");
            assert_eq!(lead == Lead::Digit, c.is_numeric(), "{b:#x}");
        }
        assert_eq!(toks("a 'sb Roe's, x'S\u{1}.. ...@ #x"), vec!["a", "'", "sb", "Roe", "'s", ",", "x", "'S", "\u{1}", ".", ".", "...", "@", "#x"]);
    }

    #[test]
    fn headline_counts_words_split_at_any_whitespace() {
        assert!(headline_like("Jane Roe Wins Ruritania Vote", false));
        assert!(!headline_like("Jane Roe wins the vote", false));
        // No-break and ideographic spaces split words too; `élan` is a lowercase word.
        assert!(headline_like("Jane\u{a0}Roe\u{3000}Élysée Talks", false));
        assert!(!headline_like("Jane\u{a0}roe\u{3000}élan talks", false));
        assert!(headline_like("The Vote In Ruritania.", true));
        assert!(!headline_like("The Vote in Ruritania.", false));
        assert!(!headline_like("“Jane Roe Talks”", false));
        assert!(headline_like("\u{2003}Über Alles Jetzt 2024 -", false));
    }

    #[test]
    fn tokens_fold_quotes() {
        assert_eq!(toks("“Yes, he said,” Iran’s Mr. Smith said."), vec!["“Yes, he said,”", "Iran", "’s", "Mr.", "Smith", "said", "."]);
        assert_eq!(toks("Unions' Politburo Chief"), vec!["Unions", "'", "Politburo", "Chief"]);
    }

    #[test]
    fn sentences_split_on_full_stops() {
        let text = "“It is over,” he said. Then Mr. Smith left.\nNew paragraph.";
        let g = Grammar::embedded();
        let (spans, _) = quote_spans(text, &paragraphs(text));
        let d = tokenize(text, paragraphs(text), &spans, &g);
        assert_eq!(d.sentences.len(), 3);
        assert_eq!(d.sentences[2].para, 1);
    }

    #[test]
    fn sentence_of_names_the_sentence_holding_each_token() {
        let text = "\nJane Roe said. “It is over.” John Doe left\n\nHe said no.\n“Yes.”\n";
        let g = Grammar::embedded();
        let (spans, _) = quote_spans(text, &paragraphs(text));
        let d = tokenize(text, paragraphs(text), &spans, &g);
        assert_eq!(d.sentence_of.len(), d.tokens.len());
        for (i, t) in d.tokens.iter().enumerate() {
            let k = d.sentence_of[i];
            if t.kind == Kind::Para {
                // A break belongs to the sentence before it (the first, before any).
                assert_eq!(k, d.sentences.iter().rposition(|s| s.end <= i).unwrap_or(0), "{i}");
            } else {
                assert!((d.sentences[k].start..d.sentences[k].end).contains(&i), "{i}");
            }
        }
    }

    #[test]
    fn sentence_ends_after_a_closing_quote() {
        let g = Grammar::embedded();
        let count = |text: &str| {
            let (spans, _) = quote_spans(text, &paragraphs(text));
            tokenize(text, paragraphs(text), &spans, &g).sentences.len()
        };
        assert_eq!(count("“It is over,” he said. “No doubt.” For now, the team waits."), 3);
        assert_eq!(count("“It is over.” Jane Roe, the coach, said."), 1);
        assert_eq!(count("“We will go.” Asked whether she would stay, Jane Roe said no."), 2);
    }
}
