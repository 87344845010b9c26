//! TRANSLATE: writes a translator's answers into variant files, one segment at a time, and
//! creates a variant that does not exist yet from today's source skeleton.
//!
//! Only the answered segment's bytes change; the file is written atomically. The memory is
//! updated by a `sync` of the one posting afterwards (see the `translate` and `new` commands).

pub mod session;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::compare::{self, State, VariantComparison};
use crate::fsio::write_atomic;
use crate::posting::{self, Posting, line_break, with_line_break};
use crate::segment::{self, Segment};
use crate::suggest::Memory;
use crate::tm::{PostingMemory, Tm, TmError};
use crate::workspace::Workspace;

/// Why a translation could not be written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Posting(#[from] posting::Error),
    #[error(transparent)]
    Tm(#[from] TmError),
    #[error("{path}: {reason}")]
    Write { path: PathBuf, reason: String },
    #[error("{rel}: no source posting")]
    NoSource { rel: String },
    #[error("{key}: no such segment")]
    NoSegment { key: String },
    #[error("{rel}: outside the workspace")]
    Outside { rel: String },
    /// An answer not written: the page with it would not parse again, or would lose the
    /// English's shortcodes that it has.
    #[error("{path}: the answer would break the page")]
    Breaks { path: PathBuf, why: Refusal },
}

/// A posting's source and one variant, compared.
pub struct Work {
    /// Shared by the works of a page's languages ([`Source::work`]).
    pub source: Arc<Posting>,
    pub source_segments: Arc<Vec<Segment>>,
    pub variant: Posting,
    pub variant_segments: Vec<Segment>,
    pub comparison: VariantComparison,
}

/// The source posting of `rel` (a path that stays inside the workspace) and its segments.
fn read_source(ws: &Workspace, rel: &str) -> Result<(Posting, Vec<Segment>), Error> {
    if !Workspace::is_safe(rel) {
        return Err(Error::Outside {
            rel: rel.to_string(),
        });
    }
    let path = ws.file(ws.config.source_of(rel), rel);
    // Told from the failed read, not by a look beforehand (one `stat` less for every page).
    let source = Posting::read(&path, &ws.config.rules).map_err(|e| match &e.kind {
        posting::ErrorKind::Io(why) if why == "not-found" => Error::NoSource {
            rel: rel.to_string(),
        },
        _ => e.into(),
    })?;
    let segments = segment::split(&source, &ws.config.rules);
    Ok((source, segments))
}

/// Reads and compares the source and the `lang` variant of `rel`.
pub fn load(ws: &Workspace, tm: Option<&Tm>, rel: &str, lang: &str) -> Result<Work, Error> {
    let mem = memory_of(tm, rel)?;
    let variant = Posting::read(&ws.file(lang, rel), &ws.config.rules)?;
    load_with(ws, &mem, rel, lang, variant)
}

/// The memory of `rel` (none without a memory).
fn memory_of(tm: Option<&Tm>, rel: &str) -> Result<PostingMemory, Error> {
    Ok(match tm {
        Some(tm) => tm.load(rel)?,
        None => PostingMemory::default(),
    })
}

/// Compares the source of `rel` with `variant` (a text of the `lang` variant not written yet),
/// against the posting's memory `mem`.
pub fn load_text(
    ws: &Workspace,
    mem: &PostingMemory,
    rel: &str,
    lang: &str,
    variant: String,
) -> Result<Work, Error> {
    let variant = Posting::parse(&ws.file(lang, rel), variant, &ws.config.rules)?;
    load_with(ws, mem, rel, lang, variant)
}

/// A posting's memory and its source, read and split once for all of its languages (see
/// [`Source::work`]).
pub struct Source {
    mem: PostingMemory,
    source: Arc<Posting>,
    segments: Arc<Vec<Segment>>,
    /// The segments matched with the memory's, once for every language.
    matched: compare::SourceMatch,
}

impl Source {
    /// Loads the memory of `rel` through `reader` and reads its source.
    pub fn load(
        ws: &Workspace,
        reader: &mut crate::tm::Reader<'_>,
        rel: &str,
    ) -> Result<Source, Error> {
        let mem = reader.load(rel)?;
        let (source, segments) = read_source(ws, rel)?;
        let matched = compare::match_source(&mem.source, &segments);
        Ok(Source {
            mem,
            source: Arc::new(source),
            segments: Arc::new(segments),
            matched,
        })
    }

    /// The source posting's text, as read today.
    pub fn text(&self) -> &str {
        &self.source.text
    }

    /// Reads the `lang` variant of `rel` and compares it with the source: as [`load`].
    pub fn work(&self, ws: &Workspace, rel: &str, lang: &str) -> Result<Work, Error> {
        let variant = Posting::read(&ws.file(lang, rel), &ws.config.rules)?;
        compare_with(
            ws,
            &self.mem,
            lang,
            (self.source.clone(), self.segments.clone(), &self.matched),
            variant,
        )
    }
}

fn load_with(
    ws: &Workspace,
    mem: &PostingMemory,
    rel: &str,
    lang: &str,
    variant: Posting,
) -> Result<Work, Error> {
    let (source, segments) = read_source(ws, rel)?;
    let matched = compare::match_source(&mem.source, &segments);
    compare_with(
        ws,
        mem,
        lang,
        (Arc::new(source), Arc::new(segments), &matched),
        variant,
    )
}

fn compare_with(
    ws: &Workspace,
    mem: &PostingMemory,
    lang: &str,
    (source, source_segments, matched): (Arc<Posting>, Arc<Vec<Segment>>, &compare::SourceMatch),
    variant: Posting,
) -> Result<Work, Error> {
    let rules = &ws.config.rules;
    let variant_segments = segment::split(&variant, rules);
    let empty = Vec::new();
    let comparison = compare::compare_variant(
        rules,
        &source_segments,
        &matched.lineage,
        &matched.splits,
        mem.variants.get(lang).unwrap_or(&empty),
        &variant_segments,
    )
    .map_err(|d| TmError::damaged(&ws.memory_path(), d))?;
    Ok(Work {
        source,
        source_segments,
        variant,
        variant_segments,
        comparison,
    })
}

impl Work {
    /// Source indexes of the segments that need a translator, in order.
    pub fn to_do(&self) -> Vec<usize> {
        self.comparison
            .entries
            .iter()
            .filter(|e| matches!(e.state, State::Stale | State::Untranslated))
            .filter_map(|e| e.source_index)
            .collect()
    }

    /// Why the page (at `path`) takes no answer at all, if it does not: it has not the
    /// English's shortcodes to begin with (the translator's to mend: an answer is not to make
    /// it worse, and where it goes cannot be told), or a code fence follows prose on one of
    /// its lines.
    pub fn takes_no_answer(&self, path: &Path) -> Option<Refusal> {
        let english = self.source.shortcode_skeleton();
        if let Some(d) = posting::skeleton_difference(&english, &self.variant.shortcode_skeleton())
        {
            return Some(Refusal::Shortcodes {
                page: path.to_path_buf(),
                line: self.variant.skeleton_line(d.index),
                parting: Parting::of(d),
            });
        }
        self.glued_fence().map(|line| Refusal::Glued {
            page: path.to_path_buf(),
            line,
        })
    }

    /// The line of the page where a code fence follows prose, where the English has no such
    /// line.
    fn glued_fence(&self) -> Option<usize> {
        crate::inspect::glued_fence_added(&self.source.text, &self.variant.text)
    }

    /// The key of the first segment that `after` (this page with the translation of source
    /// segment `i`) would not hold where Hugo reads it: `i`'s own (a front matter key that
    /// found no place, or whose place a later key takes), or one this page holds.
    fn lost_in(&self, after: &Work, i: usize) -> Option<String> {
        let held = |w: &Work| -> std::collections::HashSet<usize> {
            w.comparison
                .entries
                .iter()
                .filter(|e| e.variant_index.is_some())
                .filter_map(|e| e.source_index)
                .collect()
        };
        let now = held(after);
        std::iter::once(i)
            .chain(held(self))
            .find(|k| !now.contains(k))
            .map(|k| self.source_segments[k].key.clone())
    }

    /// The variant text with source segment `i` translated as `text`: the segment's bytes are
    /// replaced where the variant has it; where it has not, the segment is inserted after the
    /// nearest translated segment before it, with the source's skeleton between them.
    pub fn with_translation(&self, rules: &crate::config::Rules, i: usize, text: &str) -> String {
        let partner = |k: usize| {
            self.comparison
                .entries
                .iter()
                .find(|e| e.source_index == Some(k))
                .and_then(|e| e.variant_index)
        };
        let vtext = &self.variant.text;
        if let Some(j) = partner(i) {
            let seg = &self.variant_segments[j];
            // A text of several lines in the page's line breaks (a front matter value's are
            // written as its quoting writes them).
            let text = match seg.kind {
                segment::Kind::FrontMatter => text.to_string(),
                _ => with_line_break(text, line_break(vtext)),
            };
            return segment::splice(vtext, std::slice::from_ref(seg), |_| Some(text.clone()));
        }
        let src = &self.source.text;
        let me = &self.source_segments[i];
        // A front matter value the variant lacks is added as its own key, in the variant's
        // front matter format: never with the English lines around it (other keys, a
        // `language: "en"` among them), only with the English's values that go with it (a
        // link's URL with its name: see `companions`). A nested key goes into the mapping
        // that holds its parent (see `posting::front_matter::insert`); one in a list
        // (`faq.0.question`) is placed by the skeleton, as a body segment is.
        if let Some(name) = me.key.strip_prefix("fm.")
            && me.kind == segment::Kind::FrontMatter
            && !name.split('.').any(posting::front_matter::is_index)
            && let Some(fm) = &self.variant.front_matter
        {
            let mut sets = vec![(name.to_string(), text.to_string())];
            if let Some(english) = &self.source.front_matter {
                let lacks = |key: &str| !fm.fields.iter().any(|f| f.path.eq_ignore_ascii_case(key));
                sets.extend(
                    companions(name, english, rules)
                        .filter(|(key, _)| lacks(key))
                        .map(|(key, value)| (key.to_string(), value.to_string())),
                );
            }
            return posting::set_front_matter_like(vtext, rules, &sets, Some(&self.variant));
        }
        // The translation, written as the source writes this segment.
        let encoded = {
            let fake = segment::splice(&src[..me.range.end], std::slice::from_ref(me), |_| {
                Some(text.to_string())
            });
            fake[me.range.start..].to_string()
        };
        // The skeleton right before (or after) the segment in the source: never the text of
        // source segments in between that the variant has not got either (they stay out, in
        // no language, until they are translated in their turn).
        // Where that skeleton holds shortcode calls the variant has at the same place too (the
        // end of a shortcode both texts are in, say), the segment goes past them, and they are
        // not copied a second time.
        // A segment of the body is placed by segments of the body only: after a front matter
        // value, the skeleton before it is the rest of the English's front matter (its other
        // keys and closing `---`, which turned a new first paragraph into a heading).
        let segs = &self.source_segments;
        let body = me.kind != segment::Kind::FrontMatter;
        let placed_by = |k: &usize| !body || segs[*k].kind != segment::Kind::FrontMatter;
        let nl = line_break(vtext);
        if let Some(j) = (0..i).rev().filter(placed_by).find_map(partner) {
            let mut at = self.variant_segments[j].range.end;
            let mut between = &src[segs[i - 1].range.end..me.range.start];
            if let Some(cut) = between.rfind("}}").map(|n| n + 2)
                && vtext[at..].starts_with(&between[..cut])
            {
                at += cut;
                between = &between[cut..];
            }
            let added = with_line_break(&format!("{between}{encoded}"), nl);
            return format!("{}{added}{}", &vtext[..at], &vtext[at..]);
        }
        if body {
            return self.at_body_start(i, &encoded, nl);
        }
        if let Some(j) = (i + 1..segs.len()).find_map(partner) {
            let mut at = self.variant_segments[j].range.start;
            let mut between = &src[me.range.end..segs[i + 1].range.start];
            if let Some(cut) = between.find("{{")
                && vtext[..at].ends_with(&between[cut..])
            {
                at -= between.len() - cut;
                between = &between[..cut];
            }
            let added = with_line_break(&format!("{encoded}{between}"), nl);
            return format!("{}{added}{}", &vtext[..at], &vtext[at..]);
        }
        format!("{vtext}{nl}{nl}{}{nl}", with_line_break(&encoded, nl))
    }

    /// The variant text with body segment `i` (written as `encoded`) first in its body, where
    /// no segment of the body before it is translated: with the English's skeleton from its
    /// body's first line to the segment and from the segment to the line of the next one (an
    /// opening and a closing shortcode around it, a heading's `## `), then a blank line before
    /// the variant's own first block.
    fn at_body_start(&self, i: usize, encoded: &str, nl: &str) -> String {
        let (src, vtext) = (&self.source.text, &self.variant.text);
        let segs = &self.source_segments;
        let me = &segs[i];
        let blank = |t: &str| t.len() - t.trim_start_matches(['\r', '\n']).len();
        let from = self.source.body.start + blank(&src[self.source.body.clone()]);
        let before = &src[from.min(me.range.start)..me.range.start];
        let until = match segs.get(i + 1) {
            Some(next) => src[..next.range.start]
                .rfind('\n')
                .map_or(me.range.end, |n| n + 1),
            None => src.len(),
        };
        let after = &src[me.range.end..until.max(me.range.end)];
        let body = &vtext[self.variant.body.clone()];
        let at = self.variant.body.start + blank(body);
        let rest = &vtext[at..];
        let added = with_line_break(&format!("{before}{encoded}{after}"), nl);
        let added = added.trim_end_matches(['\r', '\n']);
        if rest.is_empty() {
            // A page of front matter only: a blank line after it, as the English has.
            let head = vtext.trim_end_matches(['\r', '\n']);
            return match head.is_empty() {
                true => format!("{added}{nl}"),
                false => format!("{head}{nl}{nl}{added}{nl}"),
            };
        }
        format!("{}{added}{nl}{nl}{rest}", &vtext[..at])
    }
}

/// Writes segment `key` of `rel` in `lang` as `text`.
pub fn write(
    ws: &Workspace,
    tm: Option<&Tm>,
    rel: &str,
    lang: &str,
    key: &str,
    text: &str,
) -> Result<(), Error> {
    let mem = memory_of(tm, rel)?;
    let variant = Posting::read(&ws.file(lang, rel), &ws.config.rules)?;
    let work = load_with(ws, &mem, rel, lang, variant)?;
    let path = ws.file(lang, rel);
    // A page without the English's shortcodes takes an answer here (the translator at the
    // terminal mends it); one with a code fence after prose does not.
    if let Some(why @ Refusal::Glued { .. }) = work.takes_no_answer(&path) {
        return Err(Error::Breaks { path, why });
    }
    let i = work
        .source_segments
        .iter()
        .position(|s| s.key == key)
        .ok_or_else(|| Error::NoSegment {
            key: key.to_string(),
        })?;
    let new = work.with_translation(&ws.config.rules, i, text);
    // The page with the answer parses again, and keeps the English's shortcodes if it had them
    // (a page that had not is the translator's to mend: it is not made worse only), and holds
    // the answer and every translation it held.
    let english = work.source.shortcode_skeleton();
    let differs = |p: &Posting| posting::skeleton_difference(&english, &p.shortcode_skeleton());
    let breaks = |why| Error::Breaks {
        path: path.clone(),
        why,
    };
    let after = load_text(ws, &mem, rel, lang, new.clone()).map_err(|e| breaks(Refusal::of(e)))?;
    if differs(&work.variant).is_none()
        && let Some(d) = differs(&after.variant)
    {
        return Err(breaks(Refusal::Page(Parting::of(d))));
    }
    if let Some(key) = work.lost_in(&after, i) {
        return Err(breaks(Refusal::Lost(key)));
    }
    write_atomic(&path, new.as_bytes()).map_err(|e| Error::Write {
        path,
        reason: posting::io_reason(&e),
    })
}

/// Where a page's shortcodes part from the English's: the call (1 is the first) and what each
/// has there (`None`: no more calls).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parting {
    pub call: usize,
    pub english: Option<String>,
    pub page: Option<String>,
}

impl Parting {
    fn of(d: posting::SkeletonDifference) -> Parting {
        Parting {
            call: d.index + 1,
            english: d.expected,
            page: d.found,
        }
    }
}

/// Why answers were not written into a file.
#[derive(Debug, Clone)]
pub enum Refusal {
    /// The answer would make the page's shortcodes part from the English's (where).
    Page(Parting),
    /// The page's shortcodes do not nest as the English's to begin with (the translator's to
    /// mend: an answer is not to make it worse, and where it goes cannot be told): the page,
    /// the line of the call where they part, and what each has there.
    Shortcodes {
        page: PathBuf,
        line: usize,
        parting: Parting,
    },
    /// The page with the answer would not parse again, the files it is made from could not be
    /// read, or the answer's segment is not in the English: the error names file and line.
    Unreadable(Arc<Error>),
    /// The page would not hold a translation where Hugo reads it (the segment's key): the
    /// answer's (a nested front matter key with no place for it), or one the page held.
    Lost(String),
    /// The page has a code fence after prose on this line, where the English has none: from
    /// there Hugo reads its text as code and its code as text, and which of its blocks
    /// translates which English one cannot be told. Nothing is written into it until a person
    /// mends that line.
    Glued { page: PathBuf, line: usize },
    /// The file could not be written.
    Write { path: PathBuf, reason: String },
}

impl Refusal {
    fn of(e: impl Into<Error>) -> Refusal {
        Refusal::Unreadable(Arc::new(e.into()))
    }
}

/// Writes several answers (segment key, text) into the `lang` variant of `rel`, one segment at
/// a time as a translator's would be, and sets the front matter key `flag` to true if given
/// (the site's machine-made mark). Each answer is taken only if the page with it still parses
/// and keeps the English's shortcodes; the answers that would break it are returned (their
/// index in `answers`, and why), and the rest are written atomically. Nothing is written if
/// the page did not have the English's shortcodes to begin with, or cannot be read.
pub fn write_segments(
    ws: &Workspace,
    tm: &Tm,
    rel: &str,
    lang: &str,
    answers: &[(String, String)],
    flag: Option<&str>,
) -> Result<Vec<(usize, Refusal)>, Refusal> {
    let rules = &ws.config.rules;
    let mem = tm.load(rel).map_err(Refusal::of)?;
    let path = ws.file(lang, rel);
    let page = Posting::read(&path, rules).map_err(Refusal::of)?;
    let before = page.text.clone();
    let mut work = load_with(ws, &mem, rel, lang, page).map_err(Refusal::of)?;
    let source = work.source.clone();
    let english = source.shortcode_skeleton();
    let differs = |page: &Posting| {
        posting::skeleton_difference(&english, &page.shortcode_skeleton()).map(Parting::of)
    };
    if let Some(why) = work.takes_no_answer(&path) {
        return Err(why);
    }
    // An answer refused may find its place once answers after it are in (a heading placed
    // by the list item after it, in a page whose blocks do not all align): the refused ones
    // are tried again while a pass writes any, a few passes at most.
    let mut pending: Vec<usize> = (0..answers.len()).collect();
    let mut refused = Vec::new();
    for _ in 0..4 {
        refused.clear();
        let before = pending.len();
        for n in std::mem::take(&mut pending) {
            let (key, text) = &answers[n];
            let why = match work.source_segments.iter().position(|s| s.key == *key) {
                None => Refusal::of(Error::NoSegment { key: key.clone() }),
                Some(i) => {
                    match load_text(ws, &mem, rel, lang, work.with_translation(rules, i, text)) {
                        Ok(w) => match (differs(&w.variant), work.lost_in(&w, i)) {
                            (Some(d), _) => Refusal::Page(d),
                            (None, Some(key)) => Refusal::Lost(key),
                            (None, None) => {
                                work = w;
                                continue;
                            }
                        },
                        Err(e) => Refusal::of(e),
                    }
                }
            };
            pending.push(n);
            refused.push((n, why));
        }
        if pending.is_empty() || pending.len() == before {
            break;
        }
    }
    if refused.len() == answers.len() {
        return Ok(refused);
    }
    let mut text = work.variant.text.clone();
    if let Some(flag) = flag {
        text = posting::set_front_matter(&text, rules, &[(flag.to_string(), "true".into())]);
    }
    let page = Posting::parse(&path, text.clone(), rules).map_err(Refusal::of)?;
    if let Some(d) = differs(&page) {
        return Err(Refusal::Page(d));
    }
    if text != before {
        write_atomic(&path, text.as_bytes()).map_err(|e| Refusal::Write {
            reason: posting::io_reason(&e),
            path,
        })?;
    }
    Ok(refused)
}

/// What `create` did: segments filled from the memory, and segments left in the source
/// language (their keys).
#[derive(Debug, Default)]
pub struct Created {
    pub filled: usize,
    pub untranslated: Vec<String>,
}

/// Creates the `lang` variant of `rel` from today's source: every segment with an exact match
/// in the memory is translated, the rest stay in the source language. Fails if the file exists.
pub fn create(ws: &Workspace, memory: &Memory, rel: &str, lang: &str) -> Result<Created, Error> {
    let (source, segs) = read_source(ws, rel)?;
    let mut created = Created::default();
    let heading = |i: usize| {
        segs[..=i]
            .iter()
            .rev()
            .find(|s| s.kind == segment::Kind::Heading)
            .map(|s| s.text.clone())
    };
    let mut texts: Vec<Option<String>> = Vec::new();
    for (i, s) in segs.iter().enumerate() {
        let best = memory
            .suggest(&s.text, heading(i).as_deref(), None, 100, 1)
            .into_iter()
            .find(|sg| sg.percent >= 100);
        match best {
            Some(sg) => {
                created.filled += 1;
                texts.push(Some(sg.text));
            }
            None => {
                created.untranslated.push(s.key.clone());
                texts.push(None);
            }
        }
    }
    let text = segment::splice(&source.text, &segs, |s| {
        segs.iter()
            .position(|x| x.range == s.range)
            .and_then(|i| texts[i].clone())
    });
    // The English's language key (every spelling of it) names the new translation's language,
    // as export would write it.
    let text = match &ws.config.export.language_key {
        Some(key) => {
            posting::set_front_matter(&text, &ws.config.rules, &[(key.clone(), lang.to_string())])
        }
        None => text,
    };
    let path = ws.file(lang, rel);
    if path.exists() {
        return Err(Error::Write {
            path,
            reason: "exists".into(),
        });
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::Write {
            path: path.clone(),
            reason: posting::io_reason(&e),
        })?;
    }
    write_atomic(&path, text.as_bytes()).map_err(|e| Error::Write {
        path,
        reason: posting::io_reason(&e),
    })?;
    Ok(created)
}

/// Words a front matter key that names or labels something ends with (`sidebarlinkname`,
/// `image_alt`, `ctaText`): its companions are the keys named as it is without that word.
const LABEL_WORDS: &[&str] = &["name", "text", "title", "label", "alt", "caption"];

/// The English's top-level text values that go with the translated key `key`, by name: the
/// keys that begin as `key` does without its last word and end with the same number
/// (`sidebarlinkurl2` with `sidebarlinkname2`, `image` and `image_width` with `image_alt`,
/// `ctaLink` with `ctaText`), and are not translated themselves. A translation that lacked
/// `key` lacked them too as a rule: tolk adds them with it, or a page would get a link's name
/// without its URL. None for a key that is only a label word (`title`), or that does not end
/// with one (`description`).
fn companions<'a>(
    key: &str,
    english: &'a posting::front_matter::FrontMatter,
    rules: &'a crate::config::Rules,
) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
    fn split_number(key: &str) -> (&str, &str) {
        let base = key.trim_end_matches(|c: char| c.is_ascii_digit());
        (base, &key[base.len()..])
    }
    // Siblings of a nested key (`params.linkname` and `params.linkurl`).
    let (parent, key) = match key.rsplit_once('.') {
        Some((parent, leaf)) => (Some(parent.to_string()), leaf),
        None => (None, key),
    };
    let (base, number) = split_number(key);
    let lower = base.to_ascii_lowercase();
    let stem = LABEL_WORDS
        .iter()
        .find_map(|w| lower.strip_suffix(w))
        .map(|s| s.trim_end_matches(['_', '-']).to_string())
        .filter(|s| s.len() >= 3);
    let (key, number) = (key.to_string(), number.to_string());
    english.fields.iter().filter_map(move |f| {
        let stem = stem.as_deref()?;
        let leaf = match &parent {
            Some(parent) => posting::front_matter::below(&f.path, parent)?,
            None => &f.path,
        };
        if leaf.contains('.') {
            return None;
        }
        let (base, n) = split_number(leaf);
        let named = base.to_ascii_lowercase().starts_with(stem)
            && n == number
            && !leaf.eq_ignore_ascii_case(&key);
        let text = f.is_text && f.value != "true" && f.value != "false";
        (named && text && !rules.translate_front_matter(&f.path))
            .then_some((f.path.as_str(), f.value.as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::companions;
    use crate::config::Rules;
    use crate::posting::Posting;

    fn named(key: &str, front_matter: &str) -> Vec<(String, String)> {
        let rules = Rules::default();
        let text = format!("---\n{front_matter}---\n\nBody.\n");
        let p = Posting::parse(std::path::Path::new("a.md"), text, &rules).unwrap();
        let fm = p.front_matter.as_ref().unwrap();
        companions(key, fm, &rules)
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_keys_companions_are_named_for_it() {
        let fm = "title: \"T\"\nimage: \"/a.png\"\nimage_alt: \"A cat\"\nimage_width: \"300\"\nimages: [\"/b.png\"]\nweight: 3\nctaText: \"Apply\"\nctaLink: \"/apply/\"\nsidebarlinkname: \"N\"\nsidebarlinkurl: \"/n/\"\nsidebarlinkname2: \"M\"\nsidebarlinkurl2: \"/m/\"\nlinktitle: \"L\"\nlinkurl: \"/l/\"\ndraft: \"false\"\n";
        let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        // Without its label word, by its number; a list (`images`) is not a text value.
        assert_eq!(
            named("image_alt", fm),
            pairs(&[("image", "/a.png"), ("image_width", "300")])
        );
        assert_eq!(named("ctaText", fm), pairs(&[("ctaLink", "/apply/")]));
        assert_eq!(
            named("sidebarlinkname", fm),
            pairs(&[("sidebarlinkurl", "/n/")])
        );
        assert_eq!(
            named("sidebarlinkname2", fm),
            pairs(&[("sidebarlinkurl2", "/m/")])
        );
        // `linktitle` is translated itself: `linkurl` goes with it, and it with nothing else.
        assert_eq!(named("linktitle", fm), pairs(&[("linkurl", "/l/")]));
        // Among its siblings in a nested mapping, and only there.
        let nested = "params:\n  linkname: \"N\"\n  linkurl: \"/n/\"\n  deep:\n    linkurl2: \"/d/\"\nlinkurl: \"/top/\"\n";
        assert_eq!(
            named("params.linkname", nested),
            pairs(&[("params.linkurl", "/n/")])
        );
        // Only a label word, or no label word: none.
        assert!(named("title", fm).is_empty());
        assert!(named("description", fm).is_empty());
    }
}
