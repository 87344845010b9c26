//! INTERCHANGE: work packages for translators in their own tools (XLIFF 1.2, PO) and the memory
//! for their CAT tool (TMX 1.4b), out and back in.
//!
//! A package holds one unit per segment to do (stale, untranslated, unreviewed machine; every
//! segment with `all`), named by the posting and the segment's key, with today's English, the
//! current translation and its state, the English it was made from and the word diff, the
//! memory's matches, and the title and heading path. Protected parts (shortcodes, link targets,
//! inline code, HTML tags) become XLIFF inline tags that CAT tools protect, restored byte for
//! byte on import.
//!
//! On import each unit's source must still be today's English (else it is refused as stale, and
//! the others go on), every inline tag must be back exactly once, and the translation must not
//! break the page or add unsafe content; accepted units are written into the variant files
//! (segment bytes only) and recorded as a person's translation, reviewed. A file that is not a
//! package tolk can read (not XML, another version, unknown ids, a unit twice, invalid UTF-8)
//! is refused with its line, and nothing is written.

pub mod po;
pub mod tmx;
pub mod xliff;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use crate::compare::State;
use crate::config::Rules;
use crate::diff::{plain, word_diff};
use crate::mt::protect::protected_ranges;
use crate::segment::{self, Kind, Segment};
use crate::suggest::Memory;
use crate::sync;
use crate::tm::{Tm, TmError};
use crate::translate;
use crate::workspace::Workspace;

/// What a unit's translation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitState {
    Untranslated,
    /// Made from other English.
    Stale,
    /// A machine translation no person has reviewed.
    Unreviewed,
    /// Current (only with `all`).
    Current,
}

/// One segment in a package.
#[derive(Debug, Clone)]
pub struct Unit {
    /// `<posting>#<key>`: which segment it is, across exports.
    pub id: String,
    pub key: String,
    pub kind: Kind,
    /// Line in the English file.
    pub line: usize,
    /// Today's English.
    pub source: String,
    /// The translation in the file, if there is one.
    pub target: Option<String>,
    pub state: UnitState,
    /// For a stale unit: the English the translation was made from.
    pub old_source: Option<String>,
    /// For an unreviewed one: who made it (`openai gpt-4o`).
    pub machine: Option<String>,
    pub headings: Vec<String>,
    /// Matches from the memory: (percent, translation, where from).
    pub matches: Vec<(u32, String, String)>,
}

impl Unit {
    /// The word diff from the old English to today's, as `[-old-]{+new+}`.
    pub fn diff(&self) -> Option<String> {
        self.old_source
            .as_ref()
            .map(|old| plain(&word_diff(old, &self.source)))
    }
}

/// A posting's units.
#[derive(Debug, Clone)]
pub struct PackageFile {
    pub rel: String,
    /// The English file as displayed (for PO's `#:` references).
    pub source_file: String,
    pub title: Option<String>,
    pub units: Vec<Unit>,
}

/// A work package for one language.
#[derive(Debug, Clone)]
pub struct Package {
    pub source_lang: String,
    pub lang: String,
    pub files: Vec<PackageFile>,
}

impl Package {
    /// Units per state, for the summary.
    pub fn count(&self, state: UnitState) -> usize {
        self.files
            .iter()
            .flat_map(|f| &f.units)
            .filter(|u| u.state == state)
            .count()
    }

    pub fn units(&self) -> usize {
        self.files.iter().map(|f| f.units.len()).sum()
    }
}

/// Why a package could not be made or read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Tm(#[from] TmError),
    #[error(transparent)]
    Translate(#[from] translate::Error),
    /// The file is not a package tolk can read: where, and what is wrong.
    #[error("{line}: {problem}")]
    Broken { line: usize, problem: Broken },
    #[error("{0}")]
    Io(String),
}

/// What is wrong with a package file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Broken {
    #[error("not-utf8")]
    NotUtf8,
    #[error("not-xml: {0}")]
    NotXml(String),
    /// Neither XLIFF 1.2 nor PO.
    #[error("unknown-format")]
    UnknownFormat,
    #[error("version: {0}")]
    Version(String),
    /// A unit whose posting tolk does not know, or an id of another shape.
    #[error("unknown-id: {0}")]
    UnknownId(String),
    #[error("duplicate: {0}")]
    Duplicate(String),
    /// A required attribute or element is missing (which).
    #[error("missing: {0}")]
    Missing(String),
    /// The package is for another language than its file says, or than tolk translates into.
    #[error("language: {0}")]
    Language(String),
    /// A PO entry tolk cannot read (what).
    #[error("po: {0}")]
    Po(String),
}

/// A package, and what was left out of it.
#[derive(Debug)]
pub struct Made {
    pub package: Package,
    /// Postings that could not be read: (file as displayed, why).
    pub errors: Vec<(String, translate::Error)>,
    /// Pages that take no answer ([`translate::Work::takes_no_answer`]): (file as displayed, how
    /// many units were left out, why). A translator's work on them could not be imported.
    pub refused: Vec<(String, usize, translate::Refusal)>,
}

/// The package of the selected postings for `lang`: the segments to do, or all with `all`.
/// Postings that cannot be read, and pages that would take no answer, are left out and named.
pub fn package(
    ws: &Workspace,
    tm: Option<&Tm>,
    paths: &[String],
    lang: &str,
    all: bool,
) -> Result<Made, Error> {
    let memory = match tm {
        Some(tm) => Memory::new(tm.candidates(lang)?),
        None => Memory::new(Vec::new()),
    };
    let mut pkg = Package {
        source_lang: ws.config.source.clone(),
        lang: lang.to_string(),
        files: Vec::new(),
    };
    let mut errors = Vec::new();
    let mut refused = Vec::new();
    let rules = &ws.config.rules;
    for page in ws.pages() {
        if (!paths.is_empty() && !paths.contains(&page.rel))
            || !page.present.contains(&page.source)
            || !ws.config.targets_of(&page.rel).iter().any(|l| l == lang)
        {
            continue;
        }
        let source_file = ws.display(&page.source, &page.rel);
        // The English is read once: by the comparison, or on its own for a missing variant.
        let (segs, units) = if page.present.iter().any(|l| l == lang) {
            match translate::load(ws, tm, &page.rel, lang) {
                Ok(work) => {
                    let units = units_of(&work, &page.rel, all);
                    let file = ws.file(lang, &page.rel);
                    if let Some(why) = work.takes_no_answer(&file).filter(|_| !units.is_empty()) {
                        refused.push((ws.display(lang, &page.rel), units.len(), why));
                        continue;
                    }
                    (work.source_segments, units)
                }
                Err(translate::Error::Tm(e)) => return Err(e.into()),
                Err(e) => {
                    errors.push((ws.display(lang, &page.rel), e));
                    continue;
                }
            }
        } else {
            match crate::posting::Posting::read(&ws.file(&page.source, &page.rel), rules) {
                Ok(p) => {
                    let segs = segment::split(&p, rules);
                    let heads = segment::heading_paths(&segs);
                    let units = segs
                        .iter()
                        .zip(heads)
                        .map(|(s, h)| unit(&page.rel, s, None, UnitState::Untranslated, h))
                        .collect();
                    (std::sync::Arc::new(segs), units)
                }
                Err(e) => {
                    errors.push((source_file.clone(), e.into()));
                    continue;
                }
            }
        };
        if units.is_empty() {
            continue;
        }
        let title = segs
            .iter()
            .find(|s| s.key.eq_ignore_ascii_case("fm.title"))
            .map(|s| s.text.clone());
        pkg.files.push(PackageFile {
            rel: page.rel.clone(),
            source_file,
            title,
            units,
        });
    }
    // Matches help with what is to do (a current unit, with `all`, goes without); fuzzy ones
    // only for a package small enough, since each is compared with every entry of the memory.
    let to_do = pkg.units() - pkg.count(UnitState::Current);
    let threshold = if to_do <= FUZZY_UNITS { 75 } else { 100 };
    for f in &mut pkg.files {
        for u in &mut f.units {
            if u.state != UnitState::Current {
                u.matches = matches(
                    &memory,
                    &f.rel,
                    &u.source,
                    &u.headings,
                    u.target.as_ref(),
                    threshold,
                );
            }
        }
    }
    Ok(Made {
        package: pkg,
        errors,
        refused,
    })
}

/// The memory's matches for a source text: (percent, translation, where from).
fn matches(
    memory: &Memory,
    rel: &str,
    source: &str,
    headings: &[String],
    target: Option<&String>,
    threshold: u32,
) -> Vec<(u32, String, String)> {
    memory
        .suggest(
            source,
            headings.last().map(String::as_str),
            Some(rel),
            threshold,
            4,
        )
        .into_iter()
        .filter(|m| Some(&m.text) != target)
        .map(|m| {
            let from = match m.why {
                crate::suggest::Why::Context { posting }
                | crate::suggest::Why::Exact { posting }
                | crate::suggest::Why::Fuzzy { posting, .. } => posting,
                crate::suggest::Why::Machine { provider, .. } => provider,
                crate::suggest::Why::Branch { .. } => "merge".into(),
            };
            (m.percent.min(100), m.text, from)
        })
        .collect()
}

/// Up to this many units to do, a package gets fuzzy matches too (each one is compared with
/// every entry of the memory); beyond it, exact matches only.
pub const FUZZY_UNITS: usize = 500;

/// A unit of segment `s` (its matches are added by `package`).
fn unit(
    rel: &str,
    s: &Segment,
    target: Option<String>,
    state: UnitState,
    headings: Vec<String>,
) -> Unit {
    Unit {
        id: format!("{rel}#{}", s.key),
        key: s.key.clone(),
        kind: s.kind,
        line: s.line,
        source: s.text.clone(),
        target,
        state,
        old_source: None,
        machine: None,
        headings,
        matches: Vec::new(),
    }
}

fn units_of(work: &translate::Work, rel: &str, all: bool) -> Vec<Unit> {
    let heads = segment::heading_paths(&work.source_segments);
    let mut out = Vec::new();
    for e in &work.comparison.entries {
        let Some(i) = e.source_index else { continue };
        let s = &work.source_segments[i];
        let target = e
            .variant_index
            .map(|j| work.variant_segments[j].text.clone());
        let unreviewed = e.recorded.as_ref().is_some_and(|t| t.unreviewed);
        let state = match e.state {
            State::Untranslated => UnitState::Untranslated,
            State::Stale => UnitState::Stale,
            State::Current | State::Carried if unreviewed => UnitState::Unreviewed,
            State::Current | State::Carried if all => UnitState::Current,
            _ => continue,
        };
        let mut u = unit(rel, s, target, state, heads[i].clone());
        if state == UnitState::Stale {
            u.old_source = e
                .old_source
                .clone()
                .or_else(|| e.recorded.as_ref().map(|t| t.source_text.to_string()));
        }
        if let Some(crate::tm::Origin::Machine { provider, model }) =
            e.recorded.as_ref().map(|t| &t.origin)
            && unreviewed
        {
            u.machine = Some(match model {
                Some(m) => format!("{provider} {m}"),
                None => provider.clone(),
            });
        }
        out.push(u);
    }
    out
}

/// A piece of a text with inline tags: text, or protected part `id` (1-based) with its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Tag(usize, String),
}

/// The text cut into pieces at its protected parts, numbered 1, 2, ... in order.
pub fn pieces(text: &str, rules: &Rules) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut n = 0;
    for r in protected_ranges(text, rules, &[]) {
        if r.start < pos {
            continue;
        }
        if r.start > pos {
            out.push(Piece::Text(text[pos..r.start].to_string()));
        }
        n += 1;
        out.push(Piece::Tag(n, text[r.clone()].to_string()));
        pos = r.end;
    }
    if pos < text.len() {
        out.push(Piece::Text(text[pos..].to_string()));
    }
    out
}

/// A translation cut into pieces with the source's tag numbers: each protected part of the
/// translation that is one of the source's gets its number (in order of use); the
/// translation's own (a localized link target) get numbers after the source's.
pub fn target_pieces(source: &[Piece], target: &str, rules: &Rules) -> Vec<Piece> {
    let mut used: HashSet<usize> = HashSet::new();
    let mut extra = source
        .iter()
        .filter(|p| matches!(p, Piece::Tag(..)))
        .count();
    pieces(target, rules)
        .into_iter()
        .map(|p| match p {
            Piece::Tag(_, bytes) => {
                let same = source.iter().find_map(|s| match s {
                    Piece::Tag(n, b) if *b == bytes && !used.contains(n) => Some(*n),
                    _ => None,
                });
                match same {
                    Some(n) => {
                        used.insert(n);
                        Piece::Tag(n, bytes)
                    }
                    None => {
                        extra += 1;
                        Piece::Tag(extra, bytes)
                    }
                }
            }
            t => t,
        })
        .collect()
}

/// A unit as read from a package file.
#[derive(Debug, Clone, Default)]
pub struct Incoming {
    pub id: String,
    /// Line in the package file.
    pub line: usize,
    /// The source as the file has it (tags as their bytes).
    pub source: String,
    /// The source cut as the package was made (XLIFF: its text and inline tags, numbered as
    /// the translation's tags refer to them); `None` where the file has no tags (PO).
    pub source_pieces: Option<Vec<Piece>>,
    /// The translation, with inline tags as pieces; `None`: not translated.
    pub target: Option<Vec<Piece>>,
    /// Whether the file says the translation is done (XLIFF translated/final/signed-off, PO not
    /// fuzzy).
    pub done: bool,
    /// The target is one text with the markup written out (PO), not tagged pieces (XLIFF).
    pub raw: bool,
}

/// A package file as read.
#[derive(Debug, Clone, Default)]
pub struct Read {
    pub lang: String,
    /// Per posting, its units in file order.
    pub files: BTreeMap<String, Vec<Incoming>>,
}

/// A file `tolk import` reads.
#[derive(Debug)]
pub enum File {
    /// A work package (XLIFF or PO).
    Package(Read),
    /// A TMX file's pairs whose source is in the workspace's source language.
    Memory(Vec<tmx::Pair>),
}

/// Reads a package (XLIFF or PO) or a TMX file, told apart by content; `source_lang` picks the
/// source side of TMX pairs.
pub fn read(path: &Path, source_lang: &str) -> Result<File, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::Io(crate::fsio::io_reason(&e)))?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            return Err(Error::Broken {
                line,
                problem: Broken::NotUtf8,
            });
        }
    };
    let head = text.trim_start_matches('\u{feff}').trim_start();
    let start: String = head.chars().take(512).collect();
    if start.contains("<tmx") {
        tmx::read(&text, source_lang).map(File::Memory)
    } else if head.starts_with('<') {
        xliff::read(&text).map(File::Package)
    } else if head.starts_with('#') || head.starts_with("msgid") || head.starts_with("msgctxt") {
        po::read(&text).map(File::Package)
    } else {
        Err(Error::Broken {
            line: 1,
            problem: Broken::UnknownFormat,
        })
    }
}

/// Why an imported unit was not taken.
#[derive(Debug, Clone)]
pub enum Refused {
    /// The English changed since the package was made.
    SourceChanged,
    /// A person changed the translation in the file since the package was made: it is not
    /// overwritten.
    TargetChanged,
    /// The segment is no longer in the posting.
    NoSegment,
    /// Inline tag `N` is missing.
    TagMissing(usize),
    /// Inline tag `N` is there more than once.
    TagTwice(usize),
    /// An inline tag the source does not have.
    TagUnknown(usize),
    /// A content check that protects the site failed (kind, detail).
    Content(crate::inspect::Kind, String),
    /// The page would not take it (as `translate` refuses an answer).
    Page(translate::Refusal),
}

impl From<translate::Refusal> for Refused {
    fn from(why: translate::Refusal) -> Refused {
        Refused::Page(why)
    }
}

/// What an import did.
#[derive(Debug, Default)]
pub struct Imported {
    /// Translations written: (variant file, count).
    pub written: Vec<(String, usize)>,
    /// Stale translations confirmed as still correct.
    pub confirmed: usize,
    /// Machine translations approved as they are.
    pub approved: usize,
    /// Units with no translation, or not marked done: left for later.
    pub not_done: usize,
    /// Units refused: (line in the package, id, why).
    pub refused: Vec<(usize, String, Refused)>,
    /// Units whose translation is already the file's: nothing to do.
    pub unchanged: usize,
    /// What the sync after it reported.
    pub sync: Option<sync::SyncReport>,
    /// Units taken back (written, confirmed, approved or unchanged): (posting, key); no longer
    /// out in a package.
    pub back: Vec<(String, String)>,
}

impl Package {
    /// Leaves out the units already out in a package for the same English (`out`, from
    /// [`Tm::package_units`]); returns how many.
    pub fn without_units_out(
        &mut self,
        out: &std::collections::HashMap<(String, String, String), u64>,
    ) -> usize {
        let mut left_out = 0;
        for f in &mut self.files {
            f.units.retain(|u| {
                let sent = out.get(&(f.rel.clone(), self.lang.clone(), u.key.clone()));
                let keep = sent != Some(&segment::hash(&u.source));
                left_out += usize::from(!keep);
                keep
            });
        }
        self.files.retain(|f| !f.units.is_empty());
        left_out
    }

    /// The units as (posting, key, hash of the English, hash of the translation sent or of ""),
    /// to record as sent.
    pub fn sent(&self) -> Vec<(String, String, u64, u64)> {
        self.files
            .iter()
            .flat_map(|f| {
                f.units.iter().map(|u| {
                    (
                        f.rel.clone(),
                        u.key.clone(),
                        segment::hash(&u.source),
                        segment::hash(u.target.as_deref().unwrap_or("")),
                    )
                })
            })
            .collect()
    }
}

/// The source's pieces the unit's tags refer to: the package's own cut of it, where it is a
/// cut of this very text with its tags numbered 1, 2, ... in order (a package made by a tolk
/// that protected other markup, say before footnote references were protected, numbers its
/// tags otherwise than today's cut, and its translator answered those); else today's cut.
fn source_cut(u: &Incoming, text: &str, rules: &Rules) -> Vec<Piece> {
    let Some(sent) = &u.source_pieces else {
        return pieces(text, rules);
    };
    let mut n = 0;
    let mut whole = String::with_capacity(text.len());
    for p in sent {
        match p {
            Piece::Text(t) => whole.push_str(t),
            Piece::Tag(m, bytes) => {
                n += 1;
                if *m != n || bytes.is_empty() {
                    return pieces(text, rules);
                }
                whole.push_str(bytes);
            }
        }
    }
    if whole == text {
        sent.clone()
    } else {
        pieces(text, rules)
    }
}

/// Restores a translation's pieces with the source's protected bytes, checking that every tag
/// of the source is there exactly once.
fn restore(
    source: &[Piece],
    target: &[Piece],
    current: Option<&[Piece]>,
) -> Result<String, Refused> {
    let tags: BTreeMap<usize, &str> = source
        .iter()
        .filter_map(|p| match p {
            Piece::Tag(n, b) => Some((*n, b.as_str())),
            _ => None,
        })
        .collect();
    let mut seen: BTreeMap<usize, usize> = BTreeMap::new();
    let mut out = String::new();
    for p in target {
        match p {
            Piece::Text(t) => out.push_str(t),
            // Markup of the translation's own (a localized link target), written as it came.
            Piece::Tag(n, bytes) if *n > tags.len() && !bytes.is_empty() => out.push_str(bytes),
            Piece::Tag(n, _) => {
                let Some(bytes) = tags.get(n) else {
                    return Err(Refused::TagUnknown(*n));
                };
                *seen.entry(*n).or_default() += 1;
                if seen[n] > 1 {
                    return Err(Refused::TagTwice(*n));
                }
                out.push_str(bytes);
            }
        }
    }
    // A tag of the source may be missing only where the translation in the file (cut with
    // the source's tags) already does without that markup (it has its own, say a localized
    // link): nothing is lost.
    let in_current = |n: usize| {
        current.is_none_or(|c| c.iter().any(|p| matches!(p, Piece::Tag(m, _) if *m == n)))
    };
    if let Some(n) = tags
        .keys()
        .find(|n| !seen.contains_key(n) && in_current(**n))
        .copied()
    {
        return Err(Refused::TagMissing(n));
    }
    Ok(out)
}

/// Imports a package read by [`read`] into the workspace: checks every unit, writes the
/// accepted ones, records them, and says what it did. The language and postings are checked
/// before anything is written.
pub fn import(
    ws: &Workspace,
    tm: &mut Tm,
    now: &str,
    who: Option<&str>,
    incoming: &Read,
) -> Result<Imported, Error> {
    let rules = &ws.config.rules;
    let lang = incoming.lang.clone();
    if !ws.config.targets.contains(&lang) {
        return Err(Error::Broken {
            line: 1,
            problem: Broken::Language(lang),
        });
    }
    let pages = ws.pages();
    for (rel, units) in &incoming.files {
        let known = Workspace::is_safe(rel)
            && pages
                .iter()
                .any(|p| p.rel == *rel && p.present.contains(&p.source));
        if !known {
            let line = units.first().map_or(1, |u| u.line);
            return Err(Error::Broken {
                line,
                problem: Broken::UnknownId(format!("{rel}#")),
            });
        }
    }
    let mut done = Imported::default();
    let mut written_rels = Vec::new();
    let mut accept: Vec<sync::Accept> = Vec::new();
    let mut to_review: Vec<(String, String)> = Vec::new();
    let mut memory: Option<Memory> = None;
    // What each unit's translation was when its package was made.
    let sent = tm.package_targets(&lang)?;
    for (rel, units) in &incoming.files {
        // A variant that does not exist yet is made as `tolk new` makes it, when the package
        // has a translation for it.
        let any = units.iter().any(|u| {
            u.done
                && u.target.as_ref().is_some_and(|t| {
                    t.iter()
                        .any(|p| matches!(p, Piece::Text(x) if !x.trim().is_empty()))
                })
        });
        // A variant made by this import (below) holds nothing a person wrote since the package.
        let made_now = !ws.file(&lang, rel).exists();
        if made_now {
            if !any {
                done.not_done += units.len();
                continue;
            }
            // The memory's exact matches, looked up once for every variant made here.
            if memory.is_none() {
                memory = Some(Memory::new(tm.candidates(&lang)?));
            }
            let Some(m) = &memory else { continue };
            let created = translate::create(ws, m, rel, &lang)?;
            let o = sync::Options {
                paths: vec![rel.clone()],
                langs: vec![lang.clone()],
                placeholders: vec![(rel.clone(), lang.clone(), created.untranslated)],
                ..sync::Options::default()
            };
            sync::sync(ws, tm, now, who, &o)?;
        }
        let work = translate::load(ws, Some(tm), rel, &lang)?;
        let mut answers: Vec<(String, String)> = Vec::new();
        let mut answer_units: Vec<&Incoming> = Vec::new();
        let mut confirm_keys = Vec::new();
        for u in units {
            let key = u.id.split_once('#').map_or("", |(_, k)| k);
            let Some(i) = work.source_segments.iter().position(|s| s.key == key) else {
                done.refused
                    .push((u.line, u.id.clone(), Refused::NoSegment));
                continue;
            };
            let seg = &work.source_segments[i];
            if u.source != seg.text {
                done.refused
                    .push((u.line, u.id.clone(), Refused::SourceChanged));
                continue;
            }
            let Some(target) = u.target.as_ref().filter(|_| u.done) else {
                done.not_done += 1;
                continue;
            };
            let src = source_cut(u, &seg.text, rules);
            let tagged;
            let target = if u.raw {
                let whole: String = target
                    .iter()
                    .map(|p| match p {
                        Piece::Text(t) | Piece::Tag(_, t) => t.as_str(),
                    })
                    .collect();
                tagged = target_pieces(&src, &whole, rules);
                &tagged
            } else {
                target
            };
            let entry = work
                .comparison
                .entries
                .iter()
                .find(|e| e.source_index == Some(i));
            let current = entry
                .and_then(|e| e.variant_index)
                .map(|j| work.variant_segments[j].text.as_str());
            let current_pieces = current.map(|c| target_pieces(&src, c, rules));
            let text = match restore(&src, target, current_pieces.as_deref()) {
                Ok(t) => t,
                Err(r) => {
                    done.refused.push((u.line, u.id.clone(), r));
                    continue;
                }
            };
            if text.trim().is_empty() {
                done.not_done += 1;
                continue;
            }
            if current == Some(text.as_str()) {
                match entry.map(|e| e.state) {
                    Some(State::Stale) => {
                        confirm_keys.push(key.to_string());
                        done.confirmed += 1;
                        done.back.push((rel.clone(), key.to_string()));
                    }
                    _ if entry
                        .and_then(|e| e.recorded.as_ref())
                        .is_some_and(|t| t.unreviewed) =>
                    {
                        to_review.push((rel.clone(), key.to_string()));
                        done.approved += 1;
                        done.back.push((rel.clone(), key.to_string()));
                    }
                    _ => {
                        done.unchanged += 1;
                        done.back.push((rel.clone(), key.to_string()));
                    }
                }
                continue;
            }
            // A person's translation written since the package was made is theirs: the
            // unit is refused (and taken back, so that it can go out again). A machine's not
            // yet reviewed, the English left in place of an untranslated segment (`tolk new`),
            // and a file this import made are replaced.
            let not_a_persons = made_now
                || entry.is_some_and(|e| e.state == State::Untranslated)
                || entry
                    .and_then(|e| e.recorded.as_ref())
                    .is_some_and(|t| t.unreviewed);
            if let Some(was) = sent.get(&(rel.clone(), key.to_string()))
                && segment::hash(current.unwrap_or("")) != *was
                && !not_a_persons
            {
                done.refused
                    .push((u.line, u.id.clone(), Refused::TargetChanged));
                done.back.push((rel.clone(), key.to_string()));
                continue;
            }
            if let Some(p) = crate::inspect::inspect_segment(rules, &seg.text, &text)
                .into_iter()
                .find(|p| p.kind.is_unsafe())
            {
                done.refused
                    .push((u.line, u.id.clone(), Refused::Content(p.kind, p.detail)));
                continue;
            }
            answers.push((key.to_string(), text));
            answer_units.push(u);
        }
        if !confirm_keys.is_empty() {
            accept.push(sync::Accept {
                rel: rel.clone(),
                lang: lang.clone(),
                keys: Some(confirm_keys),
            });
        }
        if answers.is_empty() {
            if !accept.is_empty() || !to_review.is_empty() {
                written_rels.push(rel.clone());
            }
            continue;
        }
        match translate::write_segments(ws, tm, rel, &lang, &answers, None) {
            Ok(refused) => {
                let bad: HashSet<usize> = refused.iter().map(|(k, _)| *k).collect();
                for (k, why) in refused {
                    done.refused.push((
                        answer_units[k].line,
                        answer_units[k].id.clone(),
                        Refused::from(why),
                    ));
                }
                let n = answers.len() - bad.len();
                if n > 0 {
                    done.written.push((ws.display(&lang, rel), n));
                    for (k, (key, _)) in answers.iter().enumerate() {
                        if !bad.contains(&k) {
                            to_review.push((rel.clone(), key.clone()));
                            done.back.push((rel.clone(), key.clone()));
                        }
                    }
                }
                written_rels.push(rel.clone());
            }
            Err(why) => {
                let why = Refused::from(why);
                for u in &answer_units {
                    done.refused.push((u.line, u.id.clone(), why.clone()));
                }
            }
        }
    }
    if !written_rels.is_empty() {
        written_rels.dedup();
        let o = sync::Options {
            paths: written_rels.clone(),
            langs: vec![lang.clone()],
            accept,
            ..sync::Options::default()
        };
        done.sync = Some(sync::sync(ws, tm, now, who, &o)?);
        // A person's answer that happens to equal a machine proposal is still the person's
        // decision: reviewed.
        let items = crate::review::unreviewed(ws, tm, &written_rels, std::slice::from_ref(&lang))
            .map_err(|e| match e {
            crate::review::Error::Tm(e) => Error::Tm(e),
            other => Error::Io(other.to_string()),
        })?;
        let ids: Vec<i64> = items
            .iter()
            .filter(|i| to_review.iter().any(|(r, k)| *r == i.rel && *k == i.key))
            .map(|i| i.id)
            .collect();
        if !ids.is_empty() {
            let mut w = tm.writer(now, who)?;
            w.mark_reviewed(&ids)?;
            w.commit()?;
        }
    }
    if !done.back.is_empty() {
        let mut w = tm.writer(now, who)?;
        w.clear_package_units(&lang, &done.back)?;
        w.commit()?;
    }
    Ok(done)
}

/// Lines of offsets met in increasing order, counted from the last one (a package of 10,000
/// units is not scanned from its start for each).
pub(crate) struct Lines<'a> {
    text: &'a str,
    at: usize,
    line: usize,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: &'a str) -> Lines<'a> {
        Lines {
            text,
            at: 0,
            line: 1,
        }
    }

    pub(crate) fn line(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset < self.at {
            return line_at(self.text, offset);
        }
        self.line += self.text.as_bytes()[self.at..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.at = offset;
        self.line
    }
}

/// Line of a byte offset in a text.
pub(crate) fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_come_back_by_number_exactly_once() {
        let r = Rules::default();
        let src = pieces("Read [the terms](/terms) and run `make`.", &r);
        assert_eq!(
            src,
            [
                Piece::Text("Read ".into()),
                Piece::Tag(1, "[".into()),
                Piece::Text("the terms".into()),
                Piece::Tag(2, "](/terms)".into()),
                Piece::Text(" and run ".into()),
                Piece::Tag(3, "`make`".into()),
                Piece::Text(".".into()),
            ]
        );
        let t = target_pieces(&src, "Kør `make` og læs [vilkårene](/terms).", &r);
        assert_eq!(
            restore(&src, &t, None).unwrap(),
            "Kør `make` og læs [vilkårene](/terms)."
        );
        let dropped = vec![Piece::Text("Kør ".into()), Piece::Tag(3, String::new())];
        assert!(matches!(
            restore(&src, &dropped, None),
            Err(Refused::TagMissing(1))
        ));
        let twice = [src.clone(), vec![Piece::Tag(1, String::new())]].concat();
        assert!(matches!(
            restore(&src, &twice, None),
            Err(Refused::TagTwice(1))
        ));
        assert!(matches!(
            restore(&src, &[Piece::Tag(7, String::new())], None),
            Err(Refused::TagUnknown(7))
        ));
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A translation that keeps the source's markup, in any order, is restored byte for
        /// byte through its tag numbers, and one that drops a piece of markup is refused.
        #[test]
        fn tags_restore_what_was_protected(
            words in proptest::collection::vec("[a-zæøå]{1,8}", 1..6),
            marks in proptest::collection::vec(0usize..4, 1..5),
            flip in any::<bool>(),
        ) {
            let r = Rules::default();
            let markup = ["`code`", "[link](/x)", "{{< icon \"a\" >}}", "<br>"];
            let mut parts: Vec<String> = words.clone();
            for (k, m) in marks.iter().enumerate() {
                parts.insert((k * 2).min(parts.len()), markup[*m].to_string());
            }
            let source = parts.join(" ");
            let mut t = parts.clone();
            if flip {
                t.reverse();
            }
            let translation = t.join(" ");
            let src = pieces(&source, &r);
            let tagged = target_pieces(&src, &translation, &r);
            prop_assert_eq!(restore(&src, &tagged, None).unwrap(), translation.clone());
            let dropped = translation.replacen(markup[marks[0]], "", 1);
            let tagged = target_pieces(&src, &dropped, &r);
            prop_assert!(restore(&src, &tagged, None).is_err());
        }
    }
}
