//! SEGMENT: a [`Posting`] becomes translatable [`Segment`]s; everything else is skeleton.
//!
//! Each segment knows its byte range in the file, so [`splice`] can put a posting back together
//! with any segment replaced and every other byte untouched.
//!
//! ```
//! use std::path::Path;
//! use tolk::{config::Rules, posting::Posting, segment};
//!
//! let text = "---\ntitle: \"Cloud engineer\"\ndraft: false\n---\n\n## About us\n\nWe run a *cloud*.\n";
//! let rules = Rules::default();
//! let posting = Posting::parse(Path::new("job.md"), text.to_string(), &rules).unwrap();
//! let segments = segment::split(&posting, &rules);
//! let texts: Vec<&str> = segments.iter().map(|s| s.text.as_str()).collect();
//! assert_eq!(texts, ["Cloud engineer", "About us", "We run a *cloud*."]);
//!
//! let upper = segment::splice(&posting.text, &segments, |s| Some(s.text.to_uppercase()));
//! assert_eq!(upper, "---\ntitle: \"CLOUD ENGINEER\"\ndraft: false\n---\n\n## ABOUT US\n\nWE RUN A *CLOUD*.\n");
//! ```

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::ops::Range;
use std::path::PathBuf;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::config::Rules;
use crate::posting::Posting;
use crate::posting::front_matter::{self, Style};
use crate::posting::shortcode::{Call, CallKind, Quote};

/// What a segment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    FrontMatter,
    Heading,
    Paragraph,
    ListItem,
    TableCell,
    BlockQuote,
    Footnote,
    Html,
    ShortcodeParam,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::FrontMatter => "front-matter",
            Kind::Heading => "heading",
            Kind::Paragraph => "paragraph",
            Kind::ListItem => "list-item",
            Kind::TableCell => "table-cell",
            Kind::BlockQuote => "blockquote",
            Kind::Footnote => "footnote",
            Kind::Html => "html",
            Kind::ShortcodeParam => "shortcode-param",
        }
    }
}

/// How a segment's text is written in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Markdown text, written as is.
    Raw,
    /// A front matter value.
    FrontMatter(Style),
    /// A shortcode parameter value.
    Shortcode(Quote),
}

/// A posting file read and split.
pub fn read_split(
    path: &std::path::Path,
    rules: &Rules,
) -> Result<(Posting, Vec<Segment>), crate::posting::Error> {
    let posting = Posting::read(path, rules)?;
    let segments = split(&posting, rules);
    Ok((posting, segments))
}

/// Postings read and split already, by file, each with the file's stamp taken before it was
/// read: what a sync read, handed to the status it leaves warm, which takes one only while the
/// file's stamp is still that one (else it reads the file again).
pub type ReadAhead = HashMap<PathBuf, (crate::fsio::Stamp, Posting, Vec<Segment>)>;

/// One translatable piece of a posting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub kind: Kind,
    /// A heading's level, 1 to 6 (`#` to `######`, or 1 and 2 for underlined headings); 0 for
    /// every other kind.
    pub level: u8,
    /// The segment's structural place, e.g. `fm.title`, `h2`, `h2.p1`, `h3.li4`, `h1.t1.r2c1`,
    /// `top.sc1.text`: unchanged when unrelated text elsewhere is edited.
    pub key: String,
    /// Byte range of the text as written in the file.
    pub range: Range<usize>,
    /// 1-based line of the start of the range.
    pub line: usize,
    /// The text a translator sees (decoded, for front matter values and shortcode parameters).
    pub text: String,
    pub encoding: Encoding,
    /// xxh3 of `text`.
    pub hash: u64,
}

/// A part of a segment's text that a translation must keep as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Protected {
    pub kind: ProtectedKind,
    /// Byte range within the segment's text.
    pub range: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProtectedKind {
    LinkTarget,
    ImageTarget,
    Code,
    Shortcode,
    Html,
    Autolink,
    FootnoteRef,
}

impl ProtectedKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ProtectedKind::LinkTarget => "link-target",
            ProtectedKind::ImageTarget => "image-target",
            ProtectedKind::Code => "code",
            ProtectedKind::Shortcode => "shortcode",
            ProtectedKind::Html => "html",
            ProtectedKind::Autolink => "autolink",
            ProtectedKind::FootnoteRef => "footnote-ref",
        }
    }
}

/// The headings each segment stands under, outermost first (a heading's own path leaves it
/// out).
pub fn heading_paths(segs: &[Segment]) -> Vec<Vec<String>> {
    let mut stack: Vec<(u8, String)> = Vec::new();
    let mut out = Vec::with_capacity(segs.len());
    for s in segs {
        if s.kind == Kind::Heading {
            stack.retain(|(l, _)| *l < s.level);
        }
        out.push(stack.iter().map(|(_, t)| t.clone()).collect());
        if s.kind == Kind::Heading {
            stack.push((s.level, s.text.clone()));
        }
    }
    out
}

/// The hash used for segment texts.
pub fn hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

/// Markdown options: CommonMark plus what Hugo's Goldmark enables by default (tables,
/// footnotes, strikethrough, task lists, heading attributes, definition lists), and blockquote
/// alerts (`> [!NOTE]`): their marker is skeleton, never text to translate.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
}

/// Where a body segment sits, before keys are given.
#[derive(Debug, Clone, Copy)]
enum Shape {
    FrontMatter,
    /// A heading, with its level (1 to 6).
    Heading(u8),
    Block(&'static str),
    Cell {
        table: usize,
        row: usize,
        col: usize,
    },
    Param {
        call: usize,
    },
}

struct Raw {
    kind: Kind,
    shape: Shape,
    range: Range<usize>,
    text: Option<String>,
    encoding: Encoding,
    param_label: String,
}

/// The posting's body walked as Markdown, its shortcode calls masked: the blocks it found.
fn walk<'a>(posting: &'a Posting, rules: &Rules) -> Walker<'a> {
    let src = posting.text.as_str();
    let body = posting.body.clone();
    let masked = mask(src, body.clone(), &posting.shortcodes, rules);
    let body_text: &str = masked.as_deref().unwrap_or(&src[body.clone()]);
    let mut walker = Walker {
        base: body.start,
        src,
        // About one segment in a hundred and some bytes: grown a few times at most.
        out: Vec::with_capacity(body.len() / 128 + 8),
        ..Walker::default()
    };
    for (event, range) in Parser::new_ext(body_text, markdown_options()).into_offset_iter() {
        walker.event(event, range);
    }
    walker
}

/// Splits a posting into its segments, in file order.
pub fn split(posting: &Posting, rules: &Rules) -> Vec<Segment> {
    let src = posting.text.as_str();
    let calls = &posting.shortcodes;
    let walker = walk(posting, rules);
    // Front matter values first, then the body's (one allocation, sized for both and the
    // parameters of a few calls).
    let mut raws: Vec<Raw> = Vec::with_capacity(
        posting
            .front_matter
            .as_ref()
            .map_or(0, |fm| fm.fields.len())
            + walker.out.len()
            + 16,
    );
    if let Some(fm) = &posting.front_matter {
        for f in &fm.fields {
            if f.is_text && !f.value.trim().is_empty() && rules.translate_front_matter(&f.path) {
                raws.push(Raw {
                    kind: Kind::FrontMatter,
                    shape: Shape::FrontMatter,
                    range: f.range.clone(),
                    text: Some(f.value.clone()),
                    encoding: Encoding::FrontMatter(f.style),
                    param_label: f.path.clone(),
                });
            }
        }
    }

    for mut raw in walker.out {
        raw.range = trim_range(src, raw.range, calls);
        if !raw.range.is_empty() {
            raws.push(raw);
        }
    }

    // Parameters of calls that are not inside a segment, a code block or a verbatim call's
    // inner content.
    let verbatim: Vec<Range<usize>> = calls
        .iter()
        .filter_map(|c| verbatim_close(c, calls, rules).map(|close| c.range.end..close.range.end))
        .collect();
    let mut body_segments: Vec<Range<usize>> = raws
        .iter()
        .filter(|r| r.kind != Kind::FrontMatter)
        .map(|r| r.range.clone())
        .collect();
    body_segments.sort_by_key(|r| r.start);
    for (ci, call) in calls.iter().enumerate() {
        if call.kind == CallKind::Escaped || call.kind == CallKind::Close {
            continue;
        }
        // Both lists are in file order and their ranges do not overlap.
        let inside = |ranges: &[Range<usize>]| {
            let i = ranges.partition_point(|r| r.start <= call.range.start);
            i > 0 && call.range.end <= ranges[i - 1].end
        };
        if inside(&body_segments) || inside(&walker.code) || inside_any(&verbatim, &call.range) {
            continue;
        }
        for p in &call.params {
            if !p.value.trim().is_empty()
                && !p.is_literal()
                && rules.translate_param(&call.name, p.name.as_deref(), p.position)
            {
                let label = p.name.clone().unwrap_or_else(|| p.position.to_string());
                raws.push(Raw {
                    kind: Kind::ShortcodeParam,
                    shape: Shape::Param { call: ci },
                    range: p.range.clone(),
                    text: Some(p.value.clone()),
                    encoding: Encoding::Shortcode(p.quote),
                    param_label: label,
                });
            }
        }
    }

    raws.sort_by_key(|r| r.range.start);
    let mut lines = LineCounter::new();
    let mut keys = KeyMaker::default();
    let mut segments = Vec::with_capacity(raws.len());
    for raw in raws {
        let text = raw
            .text
            .unwrap_or_else(|| src[raw.range.clone()].to_string());
        let key = keys.key(&raw.shape, &raw.param_label, &segments);
        segments.push(Segment {
            kind: raw.kind,
            level: match raw.shape {
                Shape::Heading(level) => level,
                _ => 0,
            },
            key,
            line: lines.line(src, raw.range.start),
            hash: hash(&text),
            range: raw.range,
            text,
            encoding: raw.encoding,
        });
    }
    segments
}

/// Where the posting's code stands, in file order: its code blocks (fenced or indented, with
/// their fences) and the inner content of its verbatim shortcodes ([`Rules::is_verbatim`]).
/// None of it is ever a segment: it is the page's skeleton, as the English writes it.
pub fn code_blocks(posting: &Posting, rules: &Rules) -> Vec<Range<usize>> {
    let calls = &posting.shortcodes;
    let mut out = walk(posting, rules).code;
    for c in calls {
        if let Some(close) = verbatim_close(c, calls, rules) {
            out.push(c.range.end..close.range.start);
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

/// 1-based line numbers of byte offsets asked for in increasing order: the line breaks between
/// one offset and the next are counted once (no index of every line).
struct LineCounter {
    at: usize,
    line: usize,
}

impl LineCounter {
    fn new() -> LineCounter {
        LineCounter { at: 0, line: 1 }
    }

    fn line(&mut self, src: &str, offset: usize) -> usize {
        debug_assert!(offset >= self.at, "offsets asked for in order");
        self.line += crate::posting::count_lines(&src.as_bytes()[self.at..offset]) - 1;
        self.at = offset;
        self.line
    }
}

/// Puts a posting back together: each segment for which `replace` returns a text different
/// from its own is written anew (in the style of its encoding); every other byte is kept.
/// Segments must be in file order and not overlap, as [`split`] returns them.
pub fn splice(
    src: &str,
    segments: &[Segment],
    mut replace: impl FnMut(&Segment) -> Option<String>,
) -> String {
    let mut out = String::with_capacity(src.len() + src.len() / 8);
    let mut pos = 0;
    for seg in segments {
        let Some(new) = replace(seg) else { continue };
        if new == seg.text || seg.range.start < pos {
            continue;
        }
        out.push_str(&src[pos..seg.range.start]);
        out.push_str(&encode(src, seg, &new));
        pos = seg.range.end;
    }
    out.push_str(&src[pos..]);
    out
}

fn encode(src: &str, seg: &Segment, new: &str) -> String {
    match seg.encoding {
        Encoding::Raw => new.to_string(),
        Encoding::FrontMatter(style) => front_matter::encode(new, style, src, &seg.range),
        Encoding::Shortcode(q) => match q {
            Quote::Backtick if !new.contains('`') => format!("`{new}`"),
            Quote::Bare
                if !new.is_empty() && !new.contains(char::is_whitespace) && !new.contains('"') =>
            {
                new.to_string()
            }
            _ => format!("\"{}\"", new.replace('\\', "\\\\").replace('"', "\\\"")),
        },
    }
}

/// The closing call of a call of a verbatim shortcode (code or data, [`Rules::is_verbatim`]);
/// `None` for any other call.
fn verbatim_close<'c>(call: &Call, calls: &'c [Call], rules: &Rules) -> Option<&'c Call> {
    if call.kind != CallKind::Open || !rules.is_verbatim(&call.name) {
        return None;
    }
    calls.get(call.closed_by?)
}

/// Where a verbatim shortcode's call and its closing call stand, from the one's `{{` to the
/// other's `}}`; `None` for any other call.
fn verbatim_span(call: &Call, calls: &[Call], rules: &Rules) -> Option<Range<usize>> {
    verbatim_close(call, calls, rules).map(|close| call.range.start..close.range.end)
}

/// Whether `r` is inside one of `spans` (in file order, not overlapping).
fn inside_any(spans: &[Range<usize>], r: &Range<usize>) -> bool {
    let i = spans.partition_point(|s| s.start <= r.start);
    i > 0 && r.end <= spans[i - 1].end
}

/// Masks shortcode calls so that pulldown-cmark sees plain Markdown: block-level calls become
/// blank (spaces), inline ones a run of `x`; a verbatim shortcode's call, inner content and
/// closing call are masked as one. Line breaks and byte offsets are kept.
fn mask(src: &str, body: Range<usize>, calls: &[Call], rules: &Rules) -> Option<String> {
    if calls.is_empty() {
        return None;
    }
    // Built from slices of `src` and ASCII fill, so never checked for UTF-8 again: a call's
    // range starts and ends on character boundaries, and every byte in it becomes one ASCII
    // byte (line breaks kept).
    let mut out = String::with_capacity(body.len());
    let mut at = body.start;
    for call in calls {
        if call.kind == CallKind::Escaped || call.range.end <= at {
            continue;
        }
        let fill = if call.block { ' ' } else { 'x' };
        let range = verbatim_span(call, calls, rules).unwrap_or_else(|| call.range.clone());
        let start = range.start.max(at);
        out.push_str(&src[at..start]);
        // Line breaks stay, and so does the indentation of a call's continuation lines: inside
        // a list item, a line of a fenced code block that lost its indentation would end the
        // item and the fence (and the next fence line would open one to the end of the page).
        let bytes = &src.as_bytes()[start..range.end];
        let mut line_start = false;
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b @ (b'\n' | b'\r') => {
                    line_start = true;
                    out.push(b as char);
                    i += 1;
                }
                b @ (b' ' | b'\t') if line_start => {
                    out.push(b as char);
                    i += 1;
                }
                _ => {
                    // The rest of the line, filled a slice at a time.
                    line_start = false;
                    let run = memchr::memchr2(b'\n', b'\r', &bytes[i..]).unwrap_or(bytes.len() - i);
                    push_fill(&mut out, fill, run);
                    i += run;
                }
            }
        }
        at = range.end;
    }
    out.push_str(&src[at..body.end]);
    Some(out)
}

/// Pushes `n` times `fill` (`x` or a blank).
fn push_fill(out: &mut String, fill: char, mut n: usize) {
    const XS: &str = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
    const BLANKS: &str = "                                                                ";
    let chunk = if fill == 'x' { XS } else { BLANKS };
    while n > 0 {
        let k = n.min(chunk.len());
        out.push_str(&chunk[..k]);
        n -= k;
    }
}

/// Trims white space, and paired shortcode tags at either end, from a segment's range.
fn trim_range(src: &str, mut r: Range<usize>, calls: &[Call]) -> Range<usize> {
    let b = src.as_bytes();
    loop {
        let before = r.clone();
        while r.start < r.end && b[r.start].is_ascii_whitespace() {
            r.start += 1;
        }
        while r.end > r.start && b[r.end - 1].is_ascii_whitespace() {
            r.end -= 1;
        }
        let is_tag = |c: &Call| {
            c.kind == CallKind::Close || (c.kind == CallKind::Open && c.closed_by.is_some())
        };
        // Calls are in order and do not overlap: starts and ends are both sorted.
        let at_start = calls
            .binary_search_by_key(&r.start, |c| c.range.start)
            .ok()
            .map(|i| &calls[i]);
        let at_end = calls
            .binary_search_by_key(&r.end, |c| c.range.end)
            .ok()
            .map(|i| &calls[i]);
        if let Some(c) = at_start.filter(|c| is_tag(c)) {
            r.start = c.range.end.min(r.end);
        }
        if let Some(c) = at_end.filter(|c| is_tag(c)) {
            r.end = c.range.start.max(r.start);
        }
        if r == before {
            return r;
        }
    }
}

#[derive(Debug)]
enum Frame {
    Leaf {
        kind: Kind,
        shape: Shape,
        span: Option<Range<usize>>,
    },
    Item {
        span: Option<Range<usize>>,
    },
    Container(Kind),
    Code,
    Html {
        span: Option<Range<usize>>,
    },
    Table,
    Inline,
}

#[derive(Default)]
struct Walker<'a> {
    src: &'a str,
    base: usize,
    stack: Vec<Frame>,
    out: Vec<Raw>,
    code: Vec<Range<usize>>,
    tables: usize,
    row: usize,
    col: usize,
}

fn extend(span: &mut Option<Range<usize>>, r: &Range<usize>) {
    *span = Some(match span.take() {
        None => r.clone(),
        Some(s) => s.start.min(r.start)..s.end.max(r.end),
    });
}

impl Walker<'_> {
    fn container_kind(&self) -> Kind {
        for f in self.stack.iter().rev() {
            match f {
                Frame::Item { .. } => return Kind::ListItem,
                Frame::Container(k) => return *k,
                _ => {}
            }
        }
        Kind::Paragraph
    }

    /// A block starts inside a list item: the item's own text so far is a segment.
    fn flush_item(&mut self) {
        if let Some(Frame::Item { span }) = self.stack.last_mut()
            && let Some(s) = span.take()
        {
            self.out.push(block_raw(Kind::ListItem, "li", s));
        }
    }

    fn leaf_span(&mut self) -> Option<&mut Option<Range<usize>>> {
        for f in self.stack.iter_mut().rev() {
            match f {
                Frame::Inline => continue,
                Frame::Leaf { span, .. } | Frame::Item { span } | Frame::Html { span } => {
                    return Some(span);
                }
                _ => return None,
            }
        }
        None
    }

    fn inline(&mut self, r: &Range<usize>) {
        if let Some(span) = self.leaf_span() {
            extend(span, r);
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        let r = self.base + range.start..self.base + range.end;
        match event {
            Event::Start(tag) => self.start(tag, r),
            Event::End(end) => self.end(end),
            Event::Text(_)
            | Event::Code(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => self.inline(&r),
            Event::Html(_) => {
                if let Some(Frame::Html { span }) = self.stack.last_mut() {
                    extend(span, &r);
                } else {
                    self.inline(&r);
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::Rule | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, r: Range<usize>) {
        match tag {
            Tag::Paragraph => {
                self.flush_item();
                let kind = self.container_kind();
                let abbr = match kind {
                    Kind::ListItem => "li",
                    Kind::BlockQuote => "bq",
                    Kind::Footnote => "fn",
                    _ => "p",
                };
                self.stack.push(Frame::Leaf {
                    kind,
                    shape: Shape::Block(abbr),
                    span: None,
                });
            }
            Tag::Heading { level, .. } => {
                self.flush_item();
                self.stack.push(Frame::Leaf {
                    kind: Kind::Heading,
                    shape: Shape::Heading(level as u8),
                    span: None,
                });
            }
            Tag::BlockQuote(_) => {
                self.flush_item();
                self.stack.push(Frame::Container(Kind::BlockQuote));
            }
            Tag::FootnoteDefinition(_) => {
                self.flush_item();
                self.stack.push(Frame::Container(Kind::Footnote));
            }
            Tag::List(_) | Tag::DefinitionList | Tag::MetadataBlock(_) => {
                self.flush_item();
                self.stack.push(Frame::Container(self.container_kind()));
            }
            Tag::Item => self.stack.push(Frame::Item { span: None }),
            Tag::CodeBlock(_) => {
                self.flush_item();
                self.code.push(r);
                self.stack.push(Frame::Code);
            }
            Tag::HtmlBlock => {
                self.flush_item();
                self.stack.push(Frame::Html { span: None });
            }
            Tag::Table(_) => {
                self.flush_item();
                self.tables += 1;
                self.row = 0;
                self.stack.push(Frame::Table);
            }
            Tag::TableHead | Tag::TableRow => {
                self.row += 1;
                self.col = 0;
                self.stack.push(Frame::Table);
            }
            Tag::TableCell => {
                self.col += 1;
                let shape = Shape::Cell {
                    table: self.tables,
                    row: self.row,
                    col: self.col,
                };
                self.stack.push(Frame::Leaf {
                    kind: Kind::TableCell,
                    shape,
                    span: None,
                });
            }
            Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                self.stack.push(Frame::Leaf {
                    kind: Kind::Paragraph,
                    shape: Shape::Block("p"),
                    span: None,
                });
            }
            _ => {
                // Emphasis, strong, links, images and the like: part of the text around them.
                self.inline(&r);
                self.stack.push(Frame::Inline);
            }
        }
    }

    fn end(&mut self, _end: TagEnd) {
        match self.stack.pop() {
            Some(Frame::Leaf {
                kind,
                shape,
                span: Some(s),
            }) => {
                self.out.push(Raw {
                    kind,
                    shape,
                    range: s,
                    text: None,
                    encoding: Encoding::Raw,
                    param_label: String::new(),
                });
            }
            Some(Frame::Item { span: Some(s) }) => {
                self.out.push(block_raw(Kind::ListItem, "li", s))
            }
            Some(Frame::Html { span: Some(s) }) if has_visible_text(&self.src[s.clone()]) => {
                self.out.push(block_raw(Kind::Html, "html", s));
            }
            _ => {}
        }
    }
}

fn block_raw(kind: Kind, abbr: &'static str, range: Range<usize>) -> Raw {
    Raw {
        kind,
        shape: Shape::Block(abbr),
        range,
        text: None,
        encoding: Encoding::Raw,
        param_label: String::new(),
    }
}

/// Does an HTML block show text to a reader (outside tags, comments, scripts, styles and
/// shortcode calls)?
fn has_visible_text(html: &str) -> bool {
    let bytes = html.as_bytes();
    let find =
        |from: usize, what: &[u8]| memchr::memmem::find(&bytes[from..], what).map(|p| from + p);
    let mut pos = 0;
    // The next `{{` at or after `pos`, looked for again only once it is passed (a search to the
    // end of the block for each tag made a block of many tags quadratic).
    let mut next_call = find(0, b"{{");
    loop {
        if next_call.is_some_and(|c| c < pos) {
            next_call = find(pos, b"{{");
        }
        let next_tag = memchr::memchr(b'<', &bytes[pos..]).map(|p| pos + p);
        let Some(at) = [next_tag, next_call].into_iter().flatten().min() else {
            return html[pos..].chars().any(char::is_alphanumeric);
        };
        if html[pos..at].chars().any(char::is_alphanumeric) {
            return true;
        }
        let tail = &html[at..];
        let skip_to = if tail.starts_with("{{") {
            find(at, b"}}").map(|p| p + 2)
        } else if tail.starts_with("<!--") {
            find(at, b"-->").map(|p| p + 3)
        } else if starts_with_ci(tail, "<script") {
            find_ci(tail, "</script>").map(|p| at + p + 9)
        } else if starts_with_ci(tail, "<style") {
            find_ci(tail, "</style>").map(|p| at + p + 8)
        } else {
            memchr::memchr(b'>', &bytes[at..]).map(|p| at + p + 1)
        };
        match skip_to {
            Some(n) => pos = n,
            None => return false,
        }
    }
}

fn starts_with_ci(s: &str, p: &str) -> bool {
    s.len() >= p.len() && s.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
}

fn find_ci(s: &str, p: &str) -> Option<usize> {
    let lower = s.to_ascii_lowercase();
    lower.find(p)
}

#[derive(Default)]
struct KeyMaker {
    section: String,
    headings: usize,
    /// Blocks of each kind in this section (a handful of kinds: a list beats a map).
    counters: Vec<(&'static str, usize)>,
    /// Tables and shortcode calls of this section, by their index in the file, numbered in order.
    tables: Vec<usize>,
    calls: Vec<usize>,
    /// Keys that can repeat, as the segment that has each first (its key is the key as made,
    /// with no `~n`) and how often it has been made since: the keys themselves are not copied.
    used: hashbrown::HashTable<(usize, usize)>,
}

/// The 1-based number of `item` in `seen`, added at the end if new.
fn number_of(seen: &mut Vec<usize>, item: usize) -> usize {
    match seen.iter().position(|&x| x == item) {
        Some(i) => i + 1,
        None => {
            seen.push(item);
            seen.len()
        }
    }
}

impl KeyMaker {
    /// The key of the next segment, after the segments `made` (whose keys this made).
    fn key(&mut self, shape: &Shape, label: &str, made: &[Segment]) -> String {
        if self.section.is_empty() {
            self.section = "top".into();
        }
        // Keys are built by hand: `format!` was most of their cost, for thousands per page.
        let mut key = String::with_capacity(self.section.len() + label.len() + 12);
        let mut digits = itoa::Buffer::new();
        match *shape {
            Shape::FrontMatter => {
                key.push_str("fm.");
                key.push_str(label);
            }
            Shape::Heading(_) => {
                self.headings += 1;
                self.section.clear();
                self.section.push('h');
                self.section.push_str(digits.format(self.headings));
                self.counters.clear();
                self.tables.clear();
                self.calls.clear();
                key.push_str(&self.section);
            }
            Shape::Block(abbr) => {
                let n = match self.counters.iter_mut().find(|(a, _)| *a == abbr) {
                    Some((_, n)) => {
                        *n += 1;
                        *n
                    }
                    None => {
                        self.counters.push((abbr, 1));
                        1
                    }
                };
                key.push_str(&self.section);
                key.push('.');
                key.push_str(abbr);
                key.push_str(digits.format(n));
            }
            Shape::Cell { table, row, col } => {
                let t = number_of(&mut self.tables, table);
                key.push_str(&self.section);
                key.push_str(".t");
                key.push_str(digits.format(t));
                key.push_str(".r");
                key.push_str(digits.format(row));
                key.push('c');
                key.push_str(digits.format(col));
            }
            Shape::Param { call } => {
                let c = number_of(&mut self.calls, call);
                key.push_str(&self.section);
                key.push_str(".sc");
                key.push_str(digits.format(c));
                key.push('.');
                key.push_str(label);
            }
        }
        // Headings are numbered and blocks counted within their section, so only the other
        // shapes can repeat a key (a shortcode with a parameter given twice, say).
        if matches!(shape, Shape::Heading(_) | Shape::Block(_)) {
            return key;
        }
        let hash = |k: &str| rustc_hash::FxBuildHasher.hash_one(k);
        let h = hash(&key);
        match self.used.find_mut(h, |&(i, _)| made[i].key == key) {
            Some((_, seen)) => {
                *seen += 1;
                key.push('~');
                key.push_str(digits.format(*seen));
            }
            None => {
                self.used
                    .insert_unique(h, (made.len(), 1), |&(i, _)| hash(&made[i].key));
            }
        }
        key
    }
}

/// The protected parts of a text: link and image targets, inline code, shortcodes (but for
/// their translatable parameters), HTML tags, autolinks and footnote references.
pub fn protected_parts(text: &str, rules: &Rules) -> Vec<Protected> {
    // Every protected part starts with one of these (shortcodes, code, HTML and autolinks,
    // links, images and footnote references); most texts have none, and are not parsed.
    if !text.contains(['{', '`', '<', '[']) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let calls =
        crate::posting::shortcode::scan(text, 0..text.len(), &|_| false).unwrap_or_default();
    for call in &calls {
        let mut pos = call.range.start;
        for p in &call.params {
            if call.kind != CallKind::Escaped
                && !p.is_literal()
                && rules.translate_param(&call.name, p.name.as_deref(), p.position)
            {
                let inner = p.range.start + usize::from(p.quote != Quote::Bare)
                    ..p.range.end - usize::from(p.quote != Quote::Bare);
                out.push(Protected {
                    kind: ProtectedKind::Shortcode,
                    range: pos..inner.start,
                });
                pos = inner.end;
            }
        }
        out.push(Protected {
            kind: ProtectedKind::Shortcode,
            range: pos..call.range.end,
        });
    }
    // A verbatim shortcode's inner content is kept whole with its calls.
    for call in &calls {
        if let Some(span) = verbatim_span(call, &calls, rules) {
            out.push(Protected {
                kind: ProtectedKind::Shortcode,
                range: span,
            });
        }
    }
    let masked = mask(text, 0..text.len(), &calls, rules);
    let md: &str = masked.as_deref().unwrap_or(text);
    // A footnote reference is one only where its definition is in the document, which a
    // segment's text never holds: each label it refers to is given one after the text (past
    // its end, so no offset moves, and nothing there is taken).
    let with_notes;
    let parsed: &str = if md.contains("[^") {
        let mut s = md.to_string();
        for label in footnote_labels(md) {
            s.push_str("\n\n[^");
            s.push_str(label);
            s.push_str("]: x");
        }
        with_notes = s;
        &with_notes
    } else {
        md
    };
    let mut in_html_block = false;
    for (event, r) in Parser::new_ext(parsed, markdown_options()).into_offset_iter() {
        if r.start >= text.len() {
            break;
        }
        match event {
            Event::Code(_) => out.push(Protected {
                kind: ProtectedKind::Code,
                range: r,
            }),
            Event::InlineHtml(_) => out.push(Protected {
                kind: ProtectedKind::Html,
                range: r,
            }),
            Event::FootnoteReference(_) => out.push(Protected {
                kind: ProtectedKind::FootnoteRef,
                range: r,
            }),
            Event::Start(Tag::HtmlBlock) => in_html_block = true,
            Event::End(TagEnd::HtmlBlock) => in_html_block = false,
            Event::Html(_) if in_html_block => {
                for tag in html_tags(&md[r.clone()]) {
                    out.push(Protected {
                        kind: ProtectedKind::Html,
                        range: r.start + tag.start..r.start + tag.end,
                    });
                }
            }
            Event::Start(Tag::Link { link_type, .. }) => {
                use pulldown_cmark::LinkType;
                if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                    out.push(Protected {
                        kind: ProtectedKind::Autolink,
                        range: r,
                    });
                } else if let Some(t) = target_range(md, &r) {
                    // A link whose text has no letters (a phone number, a price) is not
                    // text to translate: the whole link is kept.
                    let label = &text[r.start..t.start];
                    let t = if label.chars().any(char::is_alphabetic) {
                        t
                    } else {
                        r
                    };
                    out.push(Protected {
                        kind: ProtectedKind::LinkTarget,
                        range: t,
                    });
                }
            }
            Event::Start(Tag::Image { .. }) => {
                if let Some(t) = target_range(md, &r) {
                    out.push(Protected {
                        kind: ProtectedKind::ImageTarget,
                        range: t,
                    });
                }
            }
            _ => {}
        }
    }
    // Shortcode parts inside a link target belong to the link target.
    out.sort_by_key(|p| (p.range.start, std::cmp::Reverse(p.range.end)));
    let mut merged: Vec<Protected> = Vec::new();
    for p in out {
        if p.range.is_empty() {
            continue;
        }
        if merged
            .last()
            .is_some_and(|last| p.range.start < last.range.end)
        {
            continue;
        }
        merged.push(p);
    }
    merged
}

/// The labels of what may be footnote references in `md` (`[^label]`, no white space or
/// bracket in the label), each once.
fn footnote_labels(md: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for (at, _) in md.match_indices("[^") {
        let rest = &md[at + 2..];
        let Some(end) = rest.find(']') else { break };
        let label = &rest[..end];
        if !label.is_empty()
            && !label.contains(|c: char| c.is_whitespace() || c == '[' || c == '^')
            && !out.contains(&label)
        {
            out.push(label);
        }
    }
    out
}

/// The `(url "title")` or `[ref]` part of a link or image written at `r`.
fn target_range(md: &str, r: &Range<usize>) -> Option<Range<usize>> {
    let s = &md[r.clone()];
    if !s.ends_with(')') && !s.ends_with(']') {
        return None;
    }
    // The link text ends at the last `](` or `][` at bracket depth zero.
    let bytes = s.as_bytes();
    let mut depth = 0i32;
    let start = usize::from(bytes.first() == Some(&b'!'));
    for (i, &b) in bytes.iter().enumerate().skip(start) {
        match b {
            b'\\' => {}
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 && matches!(bytes.get(i + 1), Some(b'(') | Some(b'[')) {
                    return Some(r.start + i + 1..r.end);
                }
            }
            _ => {}
        }
    }
    None
}

/// Byte ranges of tags and comments in a piece of HTML.
fn html_tags(html: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(lt) = html[pos..].find('<') {
        let start = pos + lt;
        let tail = &html[start..];
        let len = if tail.starts_with("<!--") {
            tail.find("-->").map(|p| p + 3)
        } else if starts_with_ci(tail, "<script") || starts_with_ci(tail, "<style") {
            let close = if starts_with_ci(tail, "<script") {
                "</script>"
            } else {
                "</style>"
            };
            find_ci(tail, close).map(|p| p + close.len())
        } else {
            tail.find('>').map(|p| p + 1)
        };
        let len = len.unwrap_or(tail.len());
        out.push(start..start + len);
        pos = start + len;
    }
    out
}

#[cfg(test)]
mod tests;
