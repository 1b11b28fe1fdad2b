//! Finding quoted spans: quote marks are read with small nom parsers, classified as able to open
//! or close from the characters around them, and paired paragraph by paragraph.
//!
//! Pairing is local on purpose. A quote never crosses a paragraph break unless the next paragraph
//! opens with a quote mark (the news convention for a quote running over several paragraphs), so
//! a mark left open ends at its paragraph end and cannot swallow the rest of the article. Single
//! marks (`‘ ’ '`) double as apostrophes; one left open is dropped, never turned into a quote.
//!
//! Speed: the text is not read char by char. Line breaks and the bytes that can start a quote
//! mark (`"`, `'`, and the lead bytes 0xE2 and 0xC2 of the curly marks and guillemets) are found
//! with `memchr`'s vectorized search, and only there is a glyph read (from its bytes, as the
//! nom parser `quote_mark` reads it; a test holds the two to agreement) and classified.

use nom::IResult;
use nom::branch::alt;
use nom::character::complete::char;
use nom::combinator::value;

/// The two families of marks; a closing mark only closes an opening mark of its family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Double,
    Single,
}

/// A quote mark glyph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Glyph {
    Straight,      // "
    LeftDouble,    // “
    RightDouble,   // ”
    LowDouble,     // „
    LeftGuillemet, // «
    RightGuillemet,// »
    StraightSingle,// '
    LeftSingle,    // ‘
    RightSingle,   // ’
    LowSingle,     // ‚
    LeftAngle,     // ‹
    RightAngle,    // ›
}

impl Glyph {
    pub fn family(self) -> Family {
        use Glyph::*;
        match self {
            Straight | LeftDouble | RightDouble | LowDouble | LeftGuillemet | RightGuillemet => Family::Double,
            _ => Family::Single,
        }
    }
}

/// One quote mark glyph at the start of the input.
pub fn quote_mark(input: &str) -> IResult<&str, Glyph> {
    alt((
        value(Glyph::Straight, char('"')),
        value(Glyph::LeftDouble, char('“')),
        value(Glyph::RightDouble, char('”')),
        value(Glyph::LowDouble, char('„')),
        value(Glyph::LeftGuillemet, char('«')),
        value(Glyph::RightGuillemet, char('»')),
        value(Glyph::StraightSingle, char('\'')),
        value(Glyph::LeftSingle, char('‘')),
        value(Glyph::RightSingle, char('’')),
        value(Glyph::LowSingle, char('‚')),
        value(Glyph::LeftAngle, char('‹')),
        value(Glyph::RightAngle, char('›')),
    ))(input)
}

/// `quote_mark` read from the bytes at `b[at..]`: the glyph and its length in bytes. The mark
/// loop asks this at every candidate byte, most of them apostrophes, where the parser above
/// would try its glyphs one after another.
#[inline]
fn glyph_at(b: &[u8], at: usize) -> Option<(Glyph, usize)> {
    use Glyph::*;
    let glyph = match b.get(at..)? {
        [b'"', ..] => return Some((Straight, 1)),
        [b'\'', ..] => return Some((StraightSingle, 1)),
        [0xC2, 0xAB, ..] => LeftGuillemet,
        [0xC2, 0xBB, ..] => RightGuillemet,
        [0xE2, 0x80, x, ..] => match x {
            0x98 => LeftSingle,
            0x99 => RightSingle,
            0x9A => LowSingle,
            0x9C => LeftDouble,
            0x9D => RightDouble,
            0x9E => LowDouble,
            0xB9 => LeftAngle,
            0xBA => RightAngle,
            _ => return None,
        },
        _ => return None,
    };
    Some((glyph, if b[at] == 0xC2 { 2 } else { 3 }))
}

/// A mark found in the text, with what its neighbours allow it to do.
#[derive(Clone, Copy, Debug)]
pub struct Mark {
    pub pos: usize,
    pub len: usize,
    pub glyph: Glyph,
    pub can_open: bool,
    pub can_close: bool,
}

/// A quoted span: `start..end` covers the marks, `inner_start..inner_end` the quoted words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub inner_start: usize,
    pub inner_end: usize,
    /// The opening glyph.
    pub family: Family,
    /// False when the span ran to the end of its paragraph without a closing mark.
    pub closed: bool,
    /// The index of the enclosing span, for nested quotes.
    pub parent: Option<usize>,
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}
fn is_space(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || c == '\u{feff}')
}
fn is_opening_context(c: Option<char>) -> bool {
    is_space(c) || c.is_some_and(|c| matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '"' | '\'' | '«' | '„' | '‚' | ':'))
}

/// Classifies a mark from the characters just before and after it.
fn classify(glyph: Glyph, prev: Option<char>, next: Option<char>) -> (bool, bool) {
    use Glyph::*;
    match glyph {
        Straight => {
            if is_word(prev) && is_word(next) {
                (false, false)
            } else if is_space(prev) && is_space(next) {
                // `… 'outreach,' " he told`: a loose closing mark.
                (false, true)
            } else {
                let open = !is_space(next) && (is_opening_context(prev) || !is_word(prev));
                let close = !is_space(prev) && !is_word(next);
                (open, close)
            }
        }
        // A curly mark facing the wrong way is read by its neighbours, as typists often slip.
        LeftDouble | LowDouble | LeftGuillemet => {
            if is_space(next) {
                (false, !is_space(prev))
            } else {
                (true, glyph == LeftDouble && !is_space(prev) && !is_word(next))
            }
        }
        RightDouble | RightGuillemet => {
            if is_space(prev) && !is_space(next) { (true, false) } else { (false, true) }
        }
        LeftSingle | LowSingle | LeftAngle => (!is_word(prev) && !is_space(next), false),
        RightSingle | RightAngle => (false, !is_space(prev) && !is_word(next)),
        StraightSingle => {
            let open = (is_space(prev) || prev.is_some_and(|c| matches!(c, '(' | '[' | '{' | '—' | '–' | '“' | '"'))) && is_word(next);
            let close = !is_space(prev) && !is_word(next);
            (open, close)
        }
    }
}

fn closes(closer: Glyph, opener: Glyph) -> bool {
    use Glyph::*;
    match closer {
        Straight | RightDouble => matches!(opener, Straight | LeftDouble | LowDouble | RightDouble),
        LeftDouble => matches!(opener, LowDouble | Straight),
        RightGuillemet => opener == LeftGuillemet,
        RightSingle => matches!(opener, LeftSingle | LowSingle | StraightSingle),
        LeftSingle => opener == LowSingle,
        StraightSingle => matches!(opener, StraightSingle | LeftSingle),
        RightAngle => opener == LeftAngle,
        _ => false,
    }
}

/// Every quote mark of `text[start..end]`, classified.
pub fn marks(text: &str, start: usize, end: usize) -> Vec<Mark> {
    let mut out = Vec::new();
    marks_into(text, start, end, &mut out);
    out
}

/// Could a quote mark start at byte `at`? Cheap byte tests that leave out most non-quote chars
/// sharing a lead byte (dashes, bullets, no-break spaces) before the glyph parser runs.
#[inline]
fn may_be_mark(b: &[u8], at: usize) -> bool {
    match b[at] {
        b'"' | b'\'' => true,
        // ‘ ’ ‚ “ ” „ are E2 80 98..9E, ‹ › are E2 80 B9/BA.
        0xE2 => b.get(at + 1) == Some(&0x80) && b.get(at + 2).is_some_and(|&x| matches!(x, 0x98..=0x9E | 0xB9 | 0xBA)),
        // « » are C2 AB / C2 BB.
        0xC2 => b.get(at + 1).is_some_and(|&x| x == 0xAB || x == 0xBB),
        _ => false,
    }
}

/// `marks`, appending to `out`.
fn marks_into(text: &str, start: usize, end: usize, out: &mut Vec<Mark>) {
    let bytes = text.as_bytes();
    let hay = &bytes[start..end];
    // Two searches merged in order: memchr looks for at most three bytes at a time.
    let mut main = memchr::memchr3_iter(b'"', b'\'', 0xE2, hay).peekable();
    let mut latin = memchr::memchr_iter(0xC2, hay).peekable();
    loop {
        let at = match (main.peek(), latin.peek()) {
            (Some(&m), Some(&l)) if l < m => latin.next(),
            (Some(_), _) => main.next(),
            (None, Some(_)) => latin.next(),
            (None, None) => None,
        };
        let Some(at) = at.map(|o| o + start) else { break };
        if !may_be_mark(bytes, at) {
            continue;
        }
        if let Some((glyph, len)) = glyph_at(&bytes[..end], at) {
            let prev = text[..at].chars().next_back();
            let next = text[at + len..].chars().next();
            let (can_open, can_close) = classify(glyph, prev, next);
            if can_open || can_close {
                out.push(Mark { pos: at, len, glyph, can_open, can_close });
            }
        }
    }
}

/// Paragraphs: the non-blank lines of the text, as byte ranges without line ends.
pub fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let next = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |o| pos + o + 1);
        let mut end = next;
        while end > pos && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        // A line opening with a visible ASCII char is not blank; anything else is trimmed to see.
        let visible = bytes[pos] > b' ' && bytes[pos] < 0x7F;
        if end > pos && (visible || !text[pos..end].trim().trim_matches('\u{feff}').is_empty()) {
            out.push((pos, end));
        }
        pos = next;
    }
    out
}

/// How far back an opening mark is looked for. Bounding it keeps pairing linear in the number of
/// marks even on text full of stray marks.
const STACK_LOOKBACK: usize = 8;

/// A mark still open, with the paragraph it opened in.
#[derive(Clone, Copy, Debug)]
struct Open {
    mark: Mark,
    depth: usize,
}

/// Pairs the marks of the whole text into spans, in order of their opening marks.
/// Returns the spans and the byte offsets of marks left unclosed (for warnings).
pub fn quote_spans(text: &str, paras: &[(usize, usize)]) -> (Vec<Span>, Vec<usize>) {
    let mut spans: Vec<(Span, usize)> = Vec::new();
    let mut unclosed = Vec::new();
    // A double-family quote carried over from the previous paragraph.
    let mut carried: Option<Open> = None;
    // Reused from paragraph to paragraph.
    let mut stack: Vec<Open> = Vec::new();
    let mut found: Vec<Mark> = Vec::new();
    for (pi, &(ps, pe)) in paras.iter().enumerate() {
        stack.clear();
        found.clear();
        marks_into(text, ps, pe, &mut found);
        let mut ms = found.iter().copied().peekable();
        if let Some(open) = carried.take() {
            // The continuation's own opening mark is part of the running quote.
            if let Some(m) = ms.peek() {
                if m.pos == first_non_space(text, ps, pe) && m.can_open && m.glyph.family() == Family::Double {
                    ms.next();
                }
            }
            stack.push(open);
        }
        for m in ms {
            let family = m.glyph.family();
            if m.can_close {
                let lo = stack.len().saturating_sub(STACK_LOOKBACK);
                if let Some(k) = (lo..stack.len()).rev().find(|&k| {
                    stack[k].mark.glyph.family() == family && closes(m.glyph, stack[k].mark.glyph)
                }) {
                    let open = stack[k];
                    // Single marks left open above are apostrophes; a double one is dropped too.
                    stack.truncate(k);
                    spans.push((
                        Span {
                            start: open.mark.pos,
                            end: m.pos + m.len,
                            inner_start: open.mark.pos + open.mark.len,
                            inner_end: m.pos,
                            family,
                            closed: true,
                            parent: None,
                        },
                        open.depth,
                    ));
                    continue;
                }
            }
            if m.can_open {
                let depth = stack.len();
                stack.push(Open { mark: m, depth });
            }
        }
        // The outermost double quote left open either runs on into the next paragraph or ends here.
        if let Some(open) = stack.iter().find(|o| o.mark.glyph.family() == Family::Double).copied() {
            // It runs on when the next paragraph opens with a quote mark right before a word.
            let runs_on = paras.get(pi + 1).is_some_and(|&(ns, ne)| {
                let f = first_non_space(text, ns, ne);
                quote_mark(&text[f..ne]).is_ok_and(|(rest, g)| {
                    g.family() == Family::Double && rest.chars().next().is_some_and(|c| c.is_alphanumeric())
                })
            });
            if runs_on {
                carried = Some(Open { mark: open.mark, depth: 0 });
            } else {
                unclosed.push(open.mark.pos);
                let end = pe - text[ps..pe].len() + text[ps..pe].trim_end().len();
                spans.push((
                    Span {
                        start: open.mark.pos,
                        end,
                        inner_start: open.mark.pos + open.mark.len,
                        inner_end: end,
                        family: Family::Double,
                        closed: false,
                        parent: None,
                    },
                    open.depth,
                ));
            }
        }
    }
    spans.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    let mut spans: Vec<Span> = spans.into_iter().map(|(s, _)| s).collect();
    // Parents: the innermost earlier span that contains this one.
    let mut open: Vec<usize> = Vec::new();
    for i in 0..spans.len() {
        while let Some(&top) = open.last() {
            if spans[top].end <= spans[i].start { open.pop(); } else { break; }
        }
        if let Some(&top) = open.last() {
            if spans[i].end <= spans[top].end {
                spans[i].parent = Some(top);
            }
        }
        open.push(i);
    }
    (spans, unclosed)
}

fn first_non_space(text: &str, s: usize, e: usize) -> usize {
    let t = &text[s..e];
    s + (t.len() - t.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}').len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<&str> {
        let paras = paragraphs(text);
        quote_spans(text, &paras).0.iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn paragraphs_skip_blank_lines() {
        let text = "One.\r\n\r\n  \n\u{feff}\n Two\n\u{a0}Three\r\r\nFour";
        let got: Vec<&str> = paragraphs(text).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(got, vec!["One.", " Two", "\u{a0}Three", "Four"]);
        assert!(paragraphs("").is_empty());
        assert!(paragraphs("\n\n").is_empty());
    }

    #[test]
    fn marks_skip_chars_sharing_a_lead_byte() {
        // An em dash, a bullet and a no-break space share lead bytes with the marks.
        let text = "a — • \u{a0}«b» ‹c› “d”";
        let glyphs: Vec<Glyph> = marks(text, 0, text.len()).iter().map(|m| m.glyph).collect();
        use Glyph::*;
        assert_eq!(glyphs, vec![LeftGuillemet, RightGuillemet, LeftAngle, RightAngle, LeftDouble, RightDouble]);
    }

    #[test]
    fn glyph_at_agrees_with_the_quote_mark_parser() {
        for c in ('\0'..='\u{3000}').chain(['\u{feff}']) {
            for after in ["", "x", "\u{2019}"] {
                let text = format!("{c}{after}");
                let want = quote_mark(&text).ok().map(|(rest, g)| (g, text.len() - rest.len()));
                assert_eq!(glyph_at(text.as_bytes(), 0), want, "{text:?}");
            }
        }
    }

    #[test]
    fn quote_mark_reads_each_glyph() {
        assert_eq!(quote_mark("“x").unwrap(), ("x", Glyph::LeftDouble));
        assert_eq!(quote_mark("’s").unwrap(), ("s", Glyph::RightSingle));
        assert!(quote_mark("x").is_err());
    }

    #[test]
    fn straight_and_curly() {
        assert_eq!(quotes(r#"He said "yes" and “no”."#), vec![r#""yes""#, "“no”"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(quotes("“By God’s grace, the Zionists’ crimes end,” he said."), vec!["“By God’s grace, the Zionists’ crimes end,”"]);
        assert_eq!(quotes("investors pile into ‘Trump trades’\nthe Democrats’ thermostat"), vec!["‘Trump trades’"]);
    }

    #[test]
    fn nested_quotes_have_parents() {
        let text = "\"He asked: “Why?” and left.\"";
        let paras = paragraphs(text);
        let (spans, _) = quote_spans(text, &paras);
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[1].parent, Some(0));
    }

    #[test]
    fn quote_over_paragraphs_is_one() {
        let text = "“First part.\n\n“Second part,” he said.";
        assert_eq!(quotes(text), vec![text.trim_end_matches(" he said.")]);
    }

    #[test]
    fn unclosed_mark_ends_at_paragraph() {
        let text = "He said “never closed.\n\nNext paragraph “is fine”.";
        let paras = paragraphs(text);
        let (spans, unclosed) = quote_spans(text, &paras);
        assert_eq!(unclosed.len(), 1);
        assert_eq!(&text[spans[0].start..spans[0].end], "“never closed.");
        assert_eq!(&text[spans[1].start..spans[1].end], "“is fine”");
    }
}
