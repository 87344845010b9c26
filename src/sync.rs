//! RECORD: `sync` writes what is on disk into the memory, in one transaction.
//!
//! New source texts become new versions of their segments (old versions are kept). Each
//! variant is aligned segment by segment with its source, and each translation is recorded
//! with the source text it was made from. A translation whose source changed only in protected
//! parts (a link target, inline code, a shortcode argument) gets the same change, in the
//! variant file too (written atomically, before the memory commits).

use std::collections::HashMap;

use crate::compare::{self, LineageRef, State};
use crate::fsio::write_atomic;
use crate::posting::{self, Posting};
use crate::segment;
use crate::tm::{SourceLayout, Tm, TmError, VariantLayout};
use crate::workspace::Workspace;

/// What a sync did, for the person who ran it.
#[derive(Debug, Default)]
pub struct SyncReport {
    pub postings: Vec<PostingSync>,
    /// Files that could not be read; their part of the memory was left as it was.
    pub errors: Vec<posting::Error>,
    /// Variant files whose source posting does not exist (orphans), as display paths.
    pub orphans: Vec<String>,
    /// Files tolk could not write (display path, reason).
    pub write_errors: Vec<(String, String)>,
    /// What was read past in the files synced, as Hugo does (file, warning).
    pub warnings: Vec<(std::path::PathBuf, posting::Warning)>,
}

pub use crate::fsio::Progress;

/// What to sync, and which stale translations to accept on the way.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Told how far the sync is.
    pub progress: Option<Progress>,
    /// Page paths to sync; empty: all.
    pub paths: Vec<String>,
    /// Target languages to sync; empty: all.
    pub langs: Vec<String>,
    /// Stale translations to record as still correct for today's source.
    pub accept: Vec<Accept>,
    /// Variant segments that hold the source text as a placeholder (made by `tolk new`):
    /// aligned, but not recorded as translations. Keys per (posting, language).
    pub placeholders: Vec<(String, String, Vec<String>)>,
}

/// Stale translations of one posting and language to accept.
#[derive(Debug, Clone)]
pub struct Accept {
    pub rel: String,
    pub lang: String,
    /// Segment keys; `None`: every stale segment.
    pub keys: Option<Vec<String>>,
}

impl Options {
    fn is_placeholder(&self, rel: &str, lang: &str, key: &str) -> bool {
        self.placeholders
            .iter()
            .any(|(r, l, keys)| r == rel && l == lang && keys.iter().any(|k| k == key))
    }

    fn accepts(&self, rel: &str, lang: &str, key: &str) -> bool {
        self.accept.iter().any(|a| {
            a.rel == rel
                && a.lang == lang
                && a.keys.as_ref().is_none_or(|k| k.iter().any(|k| k == key))
        })
    }
}

/// What a sync did for one posting.
#[derive(Debug, Default)]
pub struct PostingSync {
    pub rel: String,
    /// Source segments that are new or have a new text.
    pub new_versions: usize,
    /// Per language: translations recorded.
    pub recorded: Vec<(String, usize)>,
    /// Per language: protected changes carried into the variant file.
    pub carried: Vec<(String, usize)>,
    /// Stale translations accepted for today's source: (language, key).
    pub accepted: Vec<(String, String)>,
    /// Content checks on the translations recorded by this sync: (variant file, line, key,
    /// problem).
    pub problems: Vec<(String, usize, String, crate::inspect::Problem)>,
    /// Variant segments that could not be aligned with the source: (language, display path,
    /// line, key).
    pub unaligned: Vec<(String, String, usize, String)>,
}

/// Records the workspace's postings in the memory.
pub fn sync(
    ws: &Workspace,
    tm: &mut Tm,
    now: &str,
    who: Option<&str>,
    options: &Options,
) -> Result<SyncReport, TmError> {
    let rules = &ws.config.rules;
    let mut report = SyncReport::default();
    let mut w = tm.writer(now, who)?;
    // Answers of machine providers: a translation equal to one is the machine's.
    let any_answers = w.has_machine_answers()?;
    // Merge conflicts, resolved by recording what the file now holds.
    let any_conflicts = w.has_conflicts()?;
    let pages = ws.pages();
    let total = pages.len();
    // Files are read and split on both cores, a chunk of pages ahead of the writer.
    const CHUNK: usize = 64;
    let mut prefetched: HashMap<
        std::path::PathBuf,
        Result<(Posting, Vec<segment::Segment>), posting::Error>,
    > = HashMap::new();
    for (done, page) in pages.iter().enumerate() {
        if let Some(p) = &options.progress {
            (p.0)(done, total);
        }
        if done % CHUNK == 0 {
            prefetched = prefetch(ws, options, &pages[done..(done + CHUNK).min(total)]);
        }
        if !options.paths.is_empty() && !options.paths.contains(&page.rel) {
            continue;
        }
        if !page.present.contains(&page.source) {
            for lang in &page.present {
                report.orphans.push(ws.display(lang, &page.rel));
            }
            continue;
        }
        let (source, today) = match take(&mut prefetched, &ws.file(&page.source, &page.rel), rules)
        {
            Ok(p) => p,
            Err(e) => {
                report.errors.push(e);
                continue;
            }
        };
        report.warnings.extend(
            source
                .warnings
                .iter()
                .map(|w| (source.path.clone(), w.clone())),
        );
        let mem = w.load(&page.rel)?;
        let mut done = PostingSync {
            rel: page.rel.clone(),
            ..PostingSync::default()
        };

        // The source: each segment continues a lineage or starts one.
        let compare::SourceMatch {
            rows: continues,
            splits,
            ..
        } = compare::match_source(&mem.source, &today);
        let mut lineage = Vec::with_capacity(today.len());
        let mut source_ids = Vec::with_capacity(today.len());
        for (seg, cont) in today.iter().zip(&continues) {
            let row = cont.map(|k| &mem.source[k]);
            let id = match row {
                Some(r) if r.hash == seg.hash && r.text == seg.text => r.source,
                _ => w.source_text(&page.source, &seg.text)?,
            };
            let l = match row {
                Some(r) => r.lineage,
                None => w.new_lineage(&page.rel)?,
            };
            if row.is_none_or(|r| r.source != id) {
                w.add_version(l, id)?;
                done.new_versions += 1;
            }
            lineage.push(l);
            source_ids.push(id);
        }
        w.set_posting(&page.rel, &page.source)?;
        let layout: Vec<SourceLayout> = today
            .iter()
            .enumerate()
            .map(|(i, s)| SourceLayout {
                key: &s.key,
                kind: s.kind.as_str(),
                level: (s.level > 0).then_some(s.level),
                line: s.line,
                lineage: lineage[i],
                source: source_ids[i],
            })
            .collect();
        w.replace_source_layout(&page.rel, &layout)?;

        let known: Vec<Option<i64>> = lineage.iter().copied().map(Some).collect();
        let empty = Vec::new();
        for lang in ws.config.targets_of(&page.rel) {
            if !page.present.contains(&lang)
                || (!options.langs.is_empty() && !options.langs.contains(&lang))
            {
                continue;
            }
            let file = ws.file(&lang, &page.rel);
            let (variant, vsegs) = match take(&mut prefetched, &file, rules) {
                Ok(p) => p,
                Err(e) => {
                    report.errors.push(e);
                    continue;
                }
            };
            report.warnings.extend(
                variant
                    .warnings
                    .iter()
                    .map(|w| (variant.path.clone(), w.clone())),
            );
            let mem_variant = mem.variants.get(&lang).unwrap_or(&empty);
            let cmp = compare::compare_variant(rules, &today, &known, &splits, mem_variant, &vsegs);
            let answers = if any_answers {
                w.machine_answers(&page.rel, &lang)?
            } else {
                Vec::new()
            };
            // A file its site marks as machine-made (`ai: true`), recorded for the first time:
            // its translations are the machine's, not reviewed. Later, tolk knows who made
            // each, and a changed text is a person's edit.
            let adopted = mem_variant.is_empty()
                && ws
                    .config
                    .mt
                    .flag
                    .as_deref()
                    .is_some_and(|k| variant.flag(k));
            let machine_of = |i: usize, text: &str| -> Option<(String, Option<String>)> {
                answers
                    .iter()
                    .rev()
                    .find(|a| {
                        a.lineage == lineage[i] && a.source == source_ids[i] && a.text == text
                    })
                    .map(|a| (a.provider.clone(), a.model.clone()))
                    .or_else(|| adopted.then(|| (crate::tm::ADOPTED.to_string(), None)))
            };
            let mut translation_of: Vec<Option<i64>> = vec![None; vsegs.len()];
            let mut recorded = 0;
            // Variant segment -> its new text (parts of a split joined as paragraphs).
            let mut carried: HashMap<usize, String> = HashMap::new();
            // Texts, lineages and translations of carried segments, to find them in the file
            // after it is written.
            let mut split_parts: Vec<(String, i64, i64)> = Vec::new();
            let eol = if variant.text.contains("\r\n") {
                "\r\n"
            } else {
                "\n"
            };
            for entry in &cmp.entries {
                let Some(j) = entry.variant_index else {
                    continue;
                };
                match (entry.state, entry.source_index) {
                    // A placeholder left in the source language: aligned, not translated.
                    (State::Current, Some(i))
                        if entry.recorded.is_none()
                            && options.is_placeholder(&page.rel, &lang, &today[i].key) => {}
                    (State::Current, Some(i)) => {
                        translation_of[j] = Some(match &entry.recorded {
                            Some(t) => t.id,
                            None => {
                                recorded += 1;
                                for p in crate::inspect::inspect_segment(
                                    rules,
                                    &today[i].text,
                                    &vsegs[j].text,
                                ) {
                                    done.problems.push((
                                        ws.display(&lang, &page.rel),
                                        vsegs[j].line,
                                        today[i].key.clone(),
                                        p,
                                    ));
                                }
                                match machine_of(i, &vsegs[j].text) {
                                    Some((provider, model)) => w.add_machine_translation(
                                        lineage[i],
                                        &lang,
                                        &vsegs[j].text,
                                        source_ids[i],
                                        &provider,
                                        model.as_deref(),
                                    )?,
                                    None => w.add_translation(
                                        lineage[i],
                                        &lang,
                                        &vsegs[j].text,
                                        source_ids[i],
                                        "human",
                                        "translated",
                                    )?,
                                }
                            }
                        });
                    }
                    (State::Carried, Some(i)) => {
                        let text = entry
                            .carried_text
                            .clone()
                            .unwrap_or_else(|| vsegs[j].text.clone());
                        recorded += 1;
                        // A machine translation carried over a protected change is still the
                        // machine's, and still to review.
                        let id = match entry.recorded.as_ref().map(|t| (&t.origin, t.unreviewed)) {
                            Some((crate::tm::Origin::Machine { provider, model }, true)) => w
                                .add_machine_translation(
                                    lineage[i],
                                    &lang,
                                    &text,
                                    source_ids[i],
                                    provider,
                                    model.as_deref(),
                                )?,
                            _ => w.add_translation(
                                lineage[i],
                                &lang,
                                &text,
                                source_ids[i],
                                "memory",
                                "carried",
                            )?,
                        };
                        split_parts.push((text.clone(), lineage[i], id));
                        let first = translation_of[j].is_none();
                        if first {
                            translation_of[j] = Some(id);
                        }
                        if splits[i].is_some() {
                            match carried.get_mut(&j) {
                                Some(whole) if !first => {
                                    whole.push_str(eol);
                                    whole.push_str(eol);
                                    whole.push_str(&text);
                                }
                                _ => {
                                    carried.insert(j, text);
                                }
                            }
                        } else if text != vsegs[j].text {
                            carried.insert(j, text);
                        }
                    }
                    (State::Stale, Some(i)) if options.accepts(&page.rel, &lang, &today[i].key) => {
                        recorded += 1;
                        translation_of[j] = Some(w.add_translation(
                            lineage[i],
                            &lang,
                            &vsegs[j].text,
                            source_ids[i],
                            "human",
                            "accepted",
                        )?);
                        done.accepted.push((lang.clone(), today[i].key.clone()));
                    }
                    _ => translation_of[j] = entry.recorded.as_ref().map(|t| t.id),
                }
            }
            let display = ws.display(&lang, &page.rel);
            // The variant file gets the carried changes first: if the memory then fails to
            // commit, the next sync records the file as it is.
            let mut hashes: Vec<u64> = vsegs.iter().map(|s| s.hash).collect();
            let mut rewritten: Option<Vec<segment::Segment>> = None;
            if !carried.is_empty() {
                let by_start: HashMap<usize, &String> = carried
                    .iter()
                    .map(|(j, t)| (vsegs[*j].range.start, t))
                    .collect();
                let text = segment::splice(&variant.text, &vsegs, |s| {
                    by_start.get(&s.range.start).map(|t| t.to_string())
                });
                match write_atomic(&file, text.as_bytes()) {
                    Ok(()) => {
                        for (j, t) in &carried {
                            hashes[*j] = segment::hash(t);
                        }
                        done.carried.push((lang.clone(), carried.len()));
                        rewritten = Posting::parse(&file, text, rules)
                            .ok()
                            .map(|p| segment::split(&p, rules));
                    }
                    Err(e) => report
                        .write_errors
                        .push((display.clone(), posting::io_reason(&e))),
                }
            }
            let link = |j: usize| {
                cmp.links[j].map(|l| match l {
                    LineageRef::Known(id) => id,
                    LineageRef::Today(i) => lineage[i],
                })
            };
            let rows: Vec<VariantLayout> = match &rewritten {
                // The file as written: unchanged and carried segments by their text, parts of a
                // split by the texts recorded for them.
                Some(after) => {
                    let partners =
                        crate::align::align(&hashes, after, |h| *h, |s| s.hash, |_, _| -1.0);
                    after
                        .iter()
                        .zip(partners)
                        .map(|(s, p)| {
                            let (lineage, translation) = match p {
                                Some(j) => (link(j), translation_of[j]),
                                None => split_parts
                                    .iter()
                                    .find(|(t, _, _)| t.trim() == s.text)
                                    .map_or((None, None), |(_, l, id)| (Some(*l), Some(*id))),
                            };
                            VariantLayout {
                                key: &s.key,
                                kind: s.kind.as_str(),
                                line: s.line,
                                hash: s.hash,
                                lineage,
                                translation,
                            }
                        })
                        .collect()
                }
                None => vsegs
                    .iter()
                    .enumerate()
                    .map(|(j, s)| VariantLayout {
                        key: &s.key,
                        kind: s.kind.as_str(),
                        line: s.line,
                        hash: hashes[j],
                        lineage: link(j),
                        translation: translation_of[j],
                    })
                    .collect(),
            };
            w.replace_variant_layout(&page.rel, &lang, &rows)?;
            if any_conflicts {
                // A segment of a merge conflict whose file now holds a translation a person
                // picked (no conflict markers left) is resolved.
                let markers = variant.text.lines().any(|l| l.starts_with("<<<<<<<"));
                let picked: Vec<i64> = rows
                    .iter()
                    .filter(|r| r.translation.is_some() && !markers)
                    .filter_map(|r| r.lineage)
                    .collect();
                w.resolve_conflicts(&lang, &picked)?;
            }
            w.set_variant_base(&page.rel, &lang, &source.text)?;
            done.recorded.push((lang.clone(), recorded));
            for &j in &cmp.unaligned {
                done.unaligned.push((
                    lang.clone(),
                    display.clone(),
                    vsegs[j].line,
                    vsegs[j].key.clone(),
                ));
            }
        }
        report.postings.push(done);
    }
    w.commit()?;
    Ok(report)
}

type Read = Result<(Posting, Vec<segment::Segment>), posting::Error>;

/// Reads and splits, on both cores, every file the sync will look at for these pages.
fn prefetch(
    ws: &Workspace,
    options: &Options,
    pages: &[crate::workspace::Page],
) -> HashMap<std::path::PathBuf, Read> {
    use rayon::prelude::*;
    let rules = &ws.config.rules;
    let mut files = Vec::new();
    for page in pages {
        if !options.paths.is_empty() && !options.paths.contains(&page.rel) {
            continue;
        }
        for lang in &page.present {
            if *lang == page.source || options.langs.is_empty() || options.langs.contains(lang) {
                files.push(ws.file(lang, &page.rel));
            }
        }
    }
    files
        .into_par_iter()
        .map(|f| {
            let read = Posting::read(&f, rules).map(|p| {
                let segs = segment::split(&p, rules);
                (p, segs)
            });
            (f, read)
        })
        .collect()
}

/// A prefetched file, or the file read now.
fn take(
    prefetched: &mut HashMap<std::path::PathBuf, Read>,
    file: &std::path::Path,
    rules: &crate::config::Rules,
) -> Read {
    prefetched.remove(file).unwrap_or_else(|| {
        Posting::read(file, rules).map(|p| {
            let segs = segment::split(&p, rules);
            (p, segs)
        })
    })
}
