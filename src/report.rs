//! REPORT: the status of every posting and language, built from today's files and the memory
//! (read-only), and rendered for people (`text`) and machines (`json`).

pub mod cache;
pub mod check;
pub mod check_text;
pub mod codequality;
pub mod entry;
pub mod findings;
pub mod github;
pub mod html;
pub mod json;
pub mod junit;
pub mod keys;
pub mod markdown;
pub mod text;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::compare::{self, Change, State};
use crate::inspect::ReadChecked;
use crate::posting::{self, Posting};
use crate::segment::{self, ReadAhead, Segment};
use crate::tm::{PostingMemory, Reader, Tm, TmError};
use crate::workspace::Workspace;
pub use keys::KeyList;

/// The state of a posting in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PostingState {
    Current,
    Stale,
    Incomplete,
    Missing,
    Orphaned,
    /// Its English (or the translation) could not be read: nothing is known of it.
    Error,
}

impl PostingState {
    pub fn as_str(self) -> &'static str {
        match self {
            PostingState::Current => "current",
            PostingState::Stale => "stale",
            PostingState::Incomplete => "incomplete",
            PostingState::Missing => "missing",
            PostingState::Orphaned => "orphaned",
            PostingState::Error => "error",
        }
    }
}

/// Segment counts by state. (The report types' fields are in alphabetical order: serde writes
/// them in this order, and the JSON report's keys are sorted; see `report::json`.)
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub carried: usize,
    pub current: usize,
    pub obsolete: usize,
    pub stale: usize,
    pub untranslated: usize,
}

impl Counts {
    pub fn add(&mut self, s: State) {
        match s {
            State::Current => self.current += 1,
            State::Carried => self.carried += 1,
            State::Stale => self.stale += 1,
            State::Untranslated => self.untranslated += 1,
            State::Obsolete => self.obsolete += 1,
        }
    }

    /// Source segments counted (obsolete translations are not).
    pub fn total(&self) -> usize {
        self.current + self.carried + self.stale + self.untranslated
    }

    /// Percentage of segments whose translation is good for today's source.
    pub fn percent_current(&self) -> f64 {
        if self.total() == 0 {
            return 100.0;
        }
        100.0 * (self.current + self.carried) as f64 / self.total() as f64
    }
}

/// One segment that is not current (or every segment, with `all`). Fields in alphabetical order
/// (see [`Counts`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SegmentReport {
    /// For `carried`: the translation after the protected change is applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carried_translation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
    /// The source heading the segment stands under (for suggestions in context).
    #[serde(skip)]
    pub heading: Option<String>,
    /// For `untranslated` in an existing variant: the variant line after which it belongs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub insert_after_line: Option<usize>,
    pub key: String,
    pub kind: String,
    /// 1-based line in today's source file (0 for obsolete translations).
    pub line: usize,
    /// The source text the translation was made from, when not today's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_source: Option<String>,
    /// Today's source text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// For `stale`: since when today's source text is in the memory (empty: not synced yet,
    /// so it changed today).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stale_since: Option<String>,
    pub state: State,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translation_line: Option<usize>,
}

/// A segment translated differently on two branches.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MergeConflict {
    pub key: String,
    /// Line of the segment in the variant file (0 when it is not there).
    pub line: usize,
    pub ours: String,
    pub theirs: String,
}

/// One posting in one language.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PostingReport {
    pub path: String,
    pub lang: String,
    pub state: PostingState,
    /// The variant file, relative to the workspace.
    pub file: String,
    /// The source file, relative to the workspace.
    pub source_file: String,
    pub counts: Counts,
    pub segments: Vec<SegmentReport>,
    /// Variant segments that match nothing in the source: (line, key).
    #[serde(skip_serializing_if = "KeyList::is_empty", default)]
    pub unaligned: KeyList,
    /// Machine translations in the file that no person has reviewed: (line, key).
    #[serde(skip_serializing_if = "KeyList::is_empty", default)]
    pub unreviewed: KeyList,
    /// Segments out in a work package (`tolk extract`), not imported yet.
    #[serde(skip_serializing_if = "is_zero", default)]
    pub in_package: usize,
    /// Segments translated differently on two branches (`tolk merge-driver`): both texts, until
    /// a person picks one and syncs.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub conflicts: Vec<MergeConflict>,
    /// What the content checks found in the translation.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub problems: Vec<ContentProblem>,
}

/// A content check's finding in a variant file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContentProblem {
    pub detail: String,
    pub key: String,
    pub kind: crate::inspect::Kind,
    /// 1-based line in the variant file.
    pub line: usize,
}

/// A file that could not be read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileError {
    pub file: String,
    pub line: usize,
    #[serde(skip)]
    pub error: Option<posting::Error>,
    pub message: String,
}

/// The status report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    pub source: String,
    pub postings: Vec<PostingReport>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub errors: Vec<FileError>,
}

impl Report {
    /// Why a posting in error could not be read: the error of its own file or its English's.
    pub fn error_of(&self, p: &PostingReport) -> Option<&FileError> {
        (p.state == PostingState::Error).then(|| {
            self.errors
                .iter()
                .find(|e| e.file == p.file || e.file == p.source_file)
        })?
    }

    /// Counts per language, over all postings.
    pub fn by_language(&self) -> BTreeMap<String, Counts> {
        let mut out: BTreeMap<String, Counts> = BTreeMap::new();
        for p in &self.postings {
            let c = out.entry(p.lang.clone()).or_default();
            c.current += p.counts.current;
            c.carried += p.counts.carried;
            c.stale += p.counts.stale;
            c.untranslated += p.counts.untranslated;
            c.obsolete += p.counts.obsolete;
        }
        out
    }
}

/// Which postings and languages to report.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Page paths (as `Workspace::rel_of` gives them); empty: all.
    pub paths: Vec<String>,
    /// Languages; empty: all targets.
    pub langs: Vec<String>,
    /// List every segment, not only those that are not current.
    pub all: bool,
}

/// Builds the status report. Reads files and the memory; writes nothing.
pub fn build(ws: &Workspace, tm: Option<&Tm>, filter: &Filter) -> Result<Report, TmError> {
    let pages: Vec<crate::workspace::Page> = ws
        .pages()
        .into_iter()
        .filter(|page| {
            filter.paths.is_empty()
                || filter.paths.iter().any(|p| {
                    page.rel == *p
                        || page
                            .rel
                            .starts_with(&format!("{}/", p.trim_end_matches('/')))
                })
        })
        .collect();
    let mut report = Report {
        source: ws.config.source.clone(),
        postings: Vec::new(),
        errors: Vec::new(),
    };
    for part in build_pages(ws, tm, filter, &pages)? {
        report.postings.extend(part.postings);
        report.errors.extend(part.errors);
    }
    mark_from_memory(&mut report, tm)?;
    Ok(report)
}

/// Says for each posting what the memory knows beside the files: its merge conflicts, and how
/// many of its segments are out in a work package (`tolk extract`, not imported yet); one query
/// each for the whole report.
pub fn mark_from_memory(report: &mut Report, tm: Option<&Tm>) -> Result<(), TmError> {
    let Some(tm) = tm else { return Ok(()) };
    for c in tm.conflicts()? {
        if let Some(p) = report
            .postings
            .iter_mut()
            .find(|p| p.path == c.posting && p.lang == c.lang)
        {
            // The line in today's file where the report lists the segment, else the line
            // recorded at the last sync.
            let line = p
                .segments
                .iter()
                .find(|s| s.key == c.key)
                .and_then(|s| s.translation_line)
                .unwrap_or(c.line);
            p.conflicts.push(MergeConflict {
                key: c.key,
                line,
                ours: c.ours,
                theirs: c.theirs,
            });
        }
    }
    let out = tm.package_units()?;
    if out.is_empty() {
        return Ok(());
    }
    let mut per: std::collections::HashMap<(&str, &str), usize> = Default::default();
    for (posting, lang, _) in out.keys() {
        *per.entry((posting.as_str(), lang.as_str())).or_default() += 1;
    }
    for p in &mut report.postings {
        p.in_package = per
            .get(&(p.path.as_str(), p.lang.as_str()))
            .copied()
            .unwrap_or(0);
    }
    Ok(())
}

/// The report of each page, in order: on both cores where the memory is a file (each worker
/// opens it read-only and reads a chunk of pages in one read transaction), else one page after
/// another.
pub fn build_pages<P: std::borrow::Borrow<crate::workspace::Page> + Sync>(
    ws: &Workspace,
    tm: Option<&Tm>,
    filter: &Filter,
    pages: &[P],
) -> Result<Vec<Report>, TmError> {
    Ok(
        build_pages_reading(ws, tm, filter, pages, (false, &ReadChecked::default()))?
            .into_iter()
            .map(|(report, _)| report)
            .collect(),
    )
}

/// The files a page's report was built from: language and a hash of the bytes read.
pub type Read = Vec<(String, FileHash)>;

/// A hash of a file's bytes (BLAKE3): what a stored answer was computed from. Cryptographic,
/// so that no one can make a file that passes for another (a CI gate answers from it).
pub type FileHash = [u8; 32];

/// A hash of a file's bytes, as [`Read`] keeps it.
pub fn file_hash(bytes: &[u8]) -> FileHash {
    *blake3::hash(bytes).as_bytes()
}

/// As [`build_pages`], with what each page's report was built from (the files it read hashed
/// only if `hash`: else empty).
pub fn build_pages_reading<P: std::borrow::Borrow<crate::workspace::Page> + Sync>(
    ws: &Workspace,
    tm: Option<&Tm>,
    filter: &Filter,
    pages: &[P],
    (hash, ahead): (bool, &ReadChecked),
) -> Result<Vec<(Report, Read)>, TmError> {
    use rayon::prelude::*;
    /// Pages a worker takes at a time: enough that a transaction and three prepared statements
    /// per chunk cost nothing, few enough that both cores stay busy to the end.
    const CHUNK: usize = 32;
    let empty = || Report {
        source: ws.config.source.clone(),
        postings: Vec::new(),
        errors: Vec::new(),
    };
    let build = |mut reader: Option<&mut Reader<'_>>, chunk: &[P]| {
        chunk
            .iter()
            .map(|page| {
                let mut part = empty();
                let mut read = Read::new();
                build_page(
                    ws,
                    (reader.as_deref_mut(), ahead),
                    filter,
                    page.borrow(),
                    &mut part,
                    hash.then_some(&mut read),
                )?;
                // Kept until the whole report is written: without the room grown for more.
                part.postings.shrink_to_fit();
                for p in &mut part.postings {
                    p.segments.shrink_to_fit();
                    p.problems.shrink_to_fit();
                    p.unaligned.shrink_to_fit();
                    p.unreviewed.shrink_to_fit();
                }
                Ok((part, read))
            })
            .collect::<Result<Vec<_>, TmError>>()
    };
    let path = tm.map(|t| t.path().to_path_buf()).filter(|p| p.exists());
    match (tm, path) {
        (_, Some(path)) if pages.len() > 1 => {
            let pool = crate::tm::ReadPool::new(&path);
            let parts: Vec<Vec<(Report, Read)>> = pages
                .par_chunks(CHUNK)
                .map(|chunk| {
                    let built = pool
                        .with(|tm| tm.reading(|reader| build(Some(reader), chunk)))
                        .map_err(|e| TmError::Open {
                            path: path.clone(),
                            reason: e.to_string(),
                        })?;
                    built.unwrap_or_else(|| build(None, chunk))
                })
                .collect::<Result<_, TmError>>()?;
            Ok(parts.into_iter().flatten().collect())
        }
        (Some(tm), _) => tm.reading(|reader| build(Some(reader), pages)),
        (None, _) => build(None, pages),
    }
}

/// Adds one page's postings (every wanted target language) to the report, and to `read` (if
/// given) the files it read, hashed. A file in `ahead` is taken from there, not read again,
/// and so are the checks made of its translations.
pub fn build_page(
    ws: &Workspace,
    (tm, ahead): (Option<&mut Reader<'_>>, &ReadChecked),
    filter: &Filter,
    page: &crate::workspace::Page,
    report: &mut Report,
    read: Option<&mut Read>,
) -> Result<(), TmError> {
    build_page_from(ws, (tm, None, ahead), filter, page, report, read)
}

/// As [`build_page`], with what the memory holds of the page given (a sync that has just
/// written it knows): nothing is read from the memory.
pub fn build_page_given(
    ws: &Workspace,
    (mem, ahead): (&PostingMemory, &ReadChecked),
    filter: &Filter,
    page: &crate::workspace::Page,
    report: &mut Report,
    read: Option<&mut Read>,
) -> Result<(), TmError> {
    build_page_from(ws, (None, Some(mem), ahead), filter, page, report, read)
}

fn build_page_from(
    ws: &Workspace,
    (mut tm, given, ahead): (
        Option<&mut Reader<'_>>,
        Option<&PostingMemory>,
        &ReadChecked,
    ),
    filter: &Filter,
    page: &crate::workspace::Page,
    report: &mut Report,
    mut read: Option<&mut Read>,
) -> Result<(), TmError> {
    let rules = &ws.config.rules;
    let wanted_lang = |l: &str| filter.langs.is_empty() || filter.langs.iter().any(|x| x == l);
    let source_file = ws.display(&page.source, &page.rel);
    if !page.present.contains(&page.source) {
        for lang in page.present.iter().filter(|l| wanted_lang(l)) {
            let file = ws.display(lang, &page.rel);
            report
                .postings
                .push(bare(page, lang, PostingState::Orphaned, file, &source_file));
        }
        return Ok(());
    }
    let source =
        match read_again_unless_ahead(&ahead.read, &ws.file(&page.source, &page.rel), rules) {
            Ok(p) => p,
            Err(e) => {
                // Nothing is known of its translations: each is in error, never current.
                for lang in ws.config.targets_of(&page.rel) {
                    if wanted_lang(&lang) {
                        report.postings.push(in_error(
                            page,
                            &lang,
                            ws.display(&lang, &page.rel),
                            &source_file,
                        ));
                    }
                }
                report.errors.push(file_error(source_file, e));
                return Ok(());
            }
        };
    // Read ahead: the checks made ahead of its variants were made against it.
    let source_ahead = matches!(source, std::borrow::Cow::Borrowed(_));
    let (source, today) = (&source.1, &source.2[..]);
    if let Some(read) = read.as_deref_mut() {
        read.push((page.source.clone(), file_hash(source.text.as_bytes())));
    }
    let loaded;
    let mem = match (given, tm.as_deref_mut()) {
        (Some(mem), _) => mem,
        (None, Some(tm)) => {
            loaded = tm.load(&page.rel)?;
            &loaded
        }
        (None, None) => {
            loaded = PostingMemory::default();
            &loaded
        }
    };
    let compare::SourceMatch {
        rows: continues,
        lineage,
        splits,
    } = compare::match_source(&mem.source, today);
    let empty = Vec::new();
    // Checked against once per language; what the checks need of it is worked out once.
    let checked: Vec<crate::inspect::Source<'_>> = today
        .iter()
        .map(|s| crate::inspect::Source::new(&s.text))
        .collect();
    for lang in ws.config.targets_of(&page.rel) {
        if !wanted_lang(&lang) {
            continue;
        }
        let file = ws.display(&lang, &page.rel);
        if !page.present.contains(&lang) {
            let mut counts = Counts::default();
            let segments = today
                .iter()
                .map(|s| {
                    counts.add(State::Untranslated);
                    untranslated(s)
                })
                .collect();
            let mut missing = bare(page, &lang, PostingState::Missing, file, &source_file);
            missing.counts = counts;
            if filter.all {
                missing.segments = segments;
            }
            report.postings.push(missing);
            continue;
        }
        let variant_file = ws.file(&lang, &page.rel);
        let variant = match read_again_unless_ahead(&ahead.read, &variant_file, rules) {
            Ok(p) => p,
            Err(e) => {
                report
                    .postings
                    .push(in_error(page, &lang, file.clone(), &source_file));
                report.errors.push(file_error(file, e));
                continue;
            }
        };
        // Checks made ahead hold for the very source and variant they were made against.
        let made = match &variant {
            std::borrow::Cow::Borrowed(_) if source_ahead => ahead.checked.get(&variant_file),
            _ => None,
        };
        let (variant, vsegs) = (&variant.1, &variant.2[..]);
        if let Some(read) = read.as_deref_mut() {
            read.push((lang.clone(), file_hash(variant.text.as_bytes())));
        }
        let cmp = compare::compare_variant(
            rules,
            today,
            &lineage,
            &splits,
            mem.variants.get(&lang).unwrap_or(&empty),
            vsegs,
        )
        .map_err(|d| TmError::damaged(&ws.memory_path(), d))?;
        let Listed {
            counts,
            segments,
            unreviewed,
        } = list_segments(
            &Known {
                today,
                continues: &continues,
                mem,
            },
            variant,
            vsegs,
            &cmp,
            filter.all,
            tm.as_deref_mut(),
        )?;
        // A translation that still holds text the English deleted is out of date too.
        let state = if counts.stale > 0 || counts.obsolete > 0 {
            PostingState::Stale
        } else if counts.untranslated > 0 {
            PostingState::Incomplete
        } else {
            PostingState::Current
        };
        let problems = content_problems(
            rules,
            &ws.config.glossary,
            &lang,
            source,
            today,
            (&checked, made),
            variant,
            vsegs,
            &cmp,
        );
        report.postings.push(PostingReport {
            path: page.rel.clone(),
            lang,
            state,
            file,
            source_file: source_file.clone(),
            counts,
            segments,
            unaligned: cmp
                .unaligned
                .iter()
                .map(|&j| (vsegs[j].line, vsegs[j].key.as_str()))
                .collect(),
            unreviewed,
            in_package: 0,
            conflicts: Vec::new(),
            problems,
        });
    }
    Ok(())
}

/// A file's posting and segments (after its stamp): taken from what was read ahead while the
/// file's stamp is the one taken before that read, else read and split now.
fn read_again_unless_ahead<'a>(
    ahead: &'a ReadAhead,
    path: &std::path::Path,
    rules: &crate::config::Rules,
) -> Result<std::borrow::Cow<'a, (crate::fsio::Stamp, Posting, Vec<Segment>)>, posting::Error> {
    if let Some(read) = ahead.get(path)
        && read.0.is_some()
        && crate::fsio::stamp(path) == read.0
    {
        return Ok(std::borrow::Cow::Borrowed(read));
    }
    let (p, segments) = segment::read_split(path, rules)?;
    Ok(std::borrow::Cow::Owned((None, p, segments)))
}

/// What the memory and today's source say of a page, for listing its segments.
struct Known<'a> {
    today: &'a [Segment],
    /// For each of today's segments: the memory row it continues.
    continues: &'a [Option<usize>],
    mem: &'a PostingMemory,
}

/// One variant's segments as the report lists them.
struct Listed {
    counts: Counts,
    segments: Vec<SegmentReport>,
    /// Machine translations no person has reviewed: (line, key).
    unreviewed: KeyList,
}

/// Counts every entry of a comparison and lists those that are not current (all, with
/// `all`), with since when each stale one's English is what it is.
fn list_segments(
    known: &Known<'_>,
    variant: &Posting,
    vsegs: &[Segment],
    cmp: &compare::VariantComparison,
    all: bool,
    mut tm: Option<&mut Reader<'_>>,
) -> Result<Listed, TmError> {
    let (today, continues, mem) = (known.today, known.continues, known.mem);
    let mut counts = Counts::default();
    let mut segments = Vec::new();
    let mut unreviewed = KeyList::new();
    // The variant segment seen last: an untranslated segment goes after the line it ends on.
    let mut last: Option<&Segment> = None;
    for e in &cmp.entries {
        counts.add(e.state);
        if let (Some(j), Some(t)) = (e.variant_index, &e.recorded)
            && t.unreviewed
            && matches!(e.state, State::Current | State::Carried)
        {
            unreviewed.push(vsegs[j].line, &vsegs[j].key);
        }
        let after = last;
        if let Some(j) = e.variant_index {
            last = Some(&vsegs[j]);
        }
        if e.state == State::Current && !all {
            continue;
        }
        let src = e.source_index.map(|i| &today[i]);
        let var = e.variant_index.map(|j| &vsegs[j]);
        segments.push(SegmentReport {
            key: src.or(var).map(|s| s.key.clone()).unwrap_or_default(),
            kind: src.or(var).map_or("", |s| s.kind.as_str()).to_string(),
            line: src.map_or(0, |s| s.line),
            state: e.state,
            change: e.change,
            source: src.map(|s| s.text.clone()),
            old_source: e.old_source.clone(),
            translation: var.map(|v| v.text.clone()),
            translation_line: var.map(|v| v.line),
            carried_translation: e.carried_text.clone(),
            insert_after_line: if e.state == State::Untranslated {
                after.map(|v| end_line(&variant.text, v))
            } else {
                None
            },
            heading: e.source_index.and_then(|i| heading_of(today, i)),
            stale_since: match (e.state, e.source_index) {
                (State::Stale, Some(i)) => Some(
                    match (
                        continues[i].filter(|&k| *mem.source[k].text == *today[i].text),
                        tm.as_deref_mut(),
                    ) {
                        (Some(k), Some(tm)) => {
                            tm.since(mem.source[k].lineage, mem.source[k].source)?
                        }
                        _ => String::new(),
                    },
                ),
                _ => None,
            },
        });
    }
    Ok(Listed {
        counts,
        segments,
        unreviewed,
    })
}

/// The 1-based line segment `v` of `text` ends on: its first line and the line breaks in it
/// (looked for only where a report needs it, not for every page read).
fn end_line(text: &str, v: &Segment) -> usize {
    v.line + crate::posting::count_lines(&text.as_bytes()[v.range.clone()]) - 1
}

/// The content checks on every translated segment, aligned or not, and on the front matter.
#[allow(clippy::too_many_arguments)]
fn content_problems(
    rules: &crate::config::Rules,
    glossary: &crate::config::mt::Glossary,
    lang: &str,
    source: &Posting,
    today: &[Segment],
    (checked, made): (
        &[crate::inspect::Source<'_>],
        Option<&crate::inspect::Checked>,
    ),
    variant: &Posting,
    vsegs: &[Segment],
    cmp: &compare::VariantComparison,
) -> Vec<ContentProblem> {
    let mut out = Vec::new();
    for e in &cmp.entries {
        let (Some(i), Some(j)) = (e.source_index, e.variant_index) else {
            continue;
        };
        if !matches!(e.state, State::Current | State::Stale | State::Carried) {
            continue;
        }
        let glossary = crate::inspect::glossary(glossary, lang, &today[i].text, &vsegs[j].text);
        let found = match made.and_then(|m| m.get(&(j, i))) {
            Some(found) => found.clone(),
            None => crate::inspect::inspect(rules, &checked[i], &vsegs[j].text),
        };
        for p in found.into_iter().chain(glossary) {
            out.push(ContentProblem {
                kind: p.kind,
                line: vsegs[j].line,
                key: today[i].key.clone(),
                detail: p.detail,
            });
        }
    }
    // A code fence glued to a prose line, where the source has none, is said once for the
    // page where no pair said it: the segment it is in is not paired with an English one (which
    // it translates cannot be told), and the page takes no answer until it is mended.
    if !out
        .iter()
        .any(|p| p.kind == crate::inspect::Kind::GluedFence)
        && let Some(line) = crate::inspect::glued_fence_added(&source.text, &variant.text)
    {
        let key = (vsegs.iter().rev())
            .find(|s| s.line <= line)
            .map_or_else(|| "page".to_string(), |s| s.key.clone());
        out.push(ContentProblem {
            kind: crate::inspect::Kind::GluedFence,
            line,
            key,
            detail: String::new(),
        });
    }
    // The page as a whole: its shortcodes must nest as the source's, or export refuses it.
    if let Some(d) =
        posting::skeleton_difference(&source.shortcode_skeleton(), &variant.shortcode_skeleton())
    {
        let line = variant.skeleton_line(d.index);
        let nothing = "-".to_string();
        out.push(ContentProblem {
            kind: crate::inspect::Kind::ShortcodesDiffer,
            line,
            key: "shortcodes".into(),
            detail: format!(
                "{}: {} / {}",
                d.index + 1,
                d.expected.unwrap_or_else(|| nothing.clone()),
                d.found.unwrap_or(nothing)
            ),
        });
    }
    // A block that matches no source block is checked too, for what can run code on the site
    // (with no source text to compare, other differences mean nothing).
    for &j in &cmp.unaligned {
        for p in crate::inspect::inspect_segment(rules, "", &vsegs[j].text) {
            if p.kind.is_unsafe() {
                out.push(ContentProblem {
                    kind: p.kind,
                    line: vsegs[j].line,
                    key: vsegs[j].key.clone(),
                    detail: p.detail,
                });
            }
        }
    }
    if let (Some(sf), Some(vf)) = (&source.front_matter, &variant.front_matter) {
        for (key, was, now) in crate::inspect::translated_values(rules, &sf.fields, &vf.fields) {
            let line = vf
                .fields
                .iter()
                .find(|f| f.path == key)
                .map_or(0, |f| f.line);
            out.push(ContentProblem {
                kind: crate::inspect::Kind::TranslatedValue,
                line,
                key: format!("fm.{key}"),
                detail: format!("{was} -> {now}"),
            });
        }
    }
    out
}

/// A posting with nothing known of its segments yet: orphaned, in error, or missing.
fn bare(
    page: &crate::workspace::Page,
    lang: &str,
    state: PostingState,
    file: String,
    source_file: &str,
) -> PostingReport {
    PostingReport {
        path: page.rel.clone(),
        lang: lang.to_string(),
        state,
        file,
        source_file: source_file.to_string(),
        counts: Counts::default(),
        segments: Vec::new(),
        unaligned: KeyList::new(),
        unreviewed: KeyList::new(),
        in_package: 0,
        conflicts: Vec::new(),
        problems: Vec::new(),
    }
}

fn in_error(
    page: &crate::workspace::Page,
    lang: &str,
    file: String,
    source_file: &str,
) -> PostingReport {
    bare(page, lang, PostingState::Error, file, source_file)
}

/// The text of the last heading before segment `i` (or the segment itself, for a heading).
fn heading_of(segs: &[Segment], i: usize) -> Option<String> {
    segs[..=i]
        .iter()
        .rev()
        .find(|s| s.kind == segment::Kind::Heading)
        .map(|s| s.text.clone())
}

fn untranslated(s: &Segment) -> SegmentReport {
    SegmentReport {
        key: s.key.clone(),
        kind: s.kind.as_str().to_string(),
        line: s.line,
        state: State::Untranslated,
        change: None,
        source: Some(s.text.clone()),
        old_source: None,
        translation: None,
        translation_line: None,
        carried_translation: None,
        insert_after_line: None,
        heading: None,
        stale_since: None,
    }
}

fn file_error(file: String, e: posting::Error) -> FileError {
    FileError {
        file,
        line: e.line,
        message: format!("{:?}", e.kind),
        error: Some(e),
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}
