//! MACHINE TRANSLATION: `tolk mt` sends exactly the segments that need a translation (stale and
//! untranslated, by the same comparison as `status`) to a provider, with what a translator
//! would look at (title, heading path, the segments around, the old English and its
//! translation, the glossary terms found), takes each answer only when its markup came back
//! intact ([`protect`]), and writes it into the variant file (that segment's bytes only).
//!
//! Nothing a person wrote is replaced by default (`[mt] replace`): for a stale translation a
//! person made or reviewed, the answer is kept in the memory as a suggestion. Every answer is
//! kept in the memory before any file is written, so a run that is stopped at any moment leaves
//! sound files and memory, and the next run sends only what is still missing; the sync at the
//! end records what was written as the machine's, not reviewed.

pub mod protect;
pub mod provider;

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::compare::State;
use crate::config::mt::Replace;
use crate::fsio::Progress;
use crate::posting::Posting;
use crate::segment::{self, Kind, Segment};
use crate::sync;
use crate::tm::{MachineAnswer, Tm, TmError};
use crate::translate;
use crate::workspace::Workspace;

pub use protect::{Masked, Rejection};
pub use provider::{Client, Context, GlossaryHint, Item, ProviderError};

/// The most characters of segment text in one request (providers limit request sizes; DeepL's
/// is 128 KiB).
const MAX_REQUEST_CHARS: usize = 24_000;

/// What went wrong before anything could be sent.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Tm(#[from] TmError),
    #[error(transparent)]
    Provider(#[from] ProviderError),
}

/// What to translate.
#[derive(Clone, Default)]
pub struct Options {
    /// Page paths; empty: all.
    pub paths: Vec<String>,
    /// Target languages; empty: all.
    pub langs: Vec<String>,
    /// Send at most this many segments.
    pub max_segments: Option<usize>,
    /// Told how many requests are done.
    pub progress: Option<Progress>,
}

/// A segment to translate.
#[derive(Debug, Clone)]
pub struct Job {
    pub rel: String,
    pub lang: String,
    pub key: String,
    pub kind: Kind,
    /// Line in the source file.
    pub line: usize,
    /// Today's source text.
    pub source: String,
    pub state: State,
    /// Whether the answer goes into the file; false: a person's translation stays, and the
    /// answer is kept as a suggestion.
    pub write: bool,
    pub context: Context,
    pub glossary: Vec<GlossaryHint>,
    /// The segment's lineage and source text in the memory (`None` before a sync).
    pub ids: Option<(i64, i64)>,
    /// An answer kept from an earlier run for this very English: not sent again.
    pub known: Option<String>,
}

/// The segments to translate, and what could not be looked at.
#[derive(Debug, Default)]
pub struct Plan {
    pub jobs: Vec<Job>,
    /// Postings that could not be read or compared (display path, why).
    pub errors: Vec<(String, std::sync::Arc<translate::Error>)>,
    /// Variant files that do not exist yet: (posting, language).
    pub missing: Vec<(String, String)>,
    /// The segments of pages that take no answer ([`translate::Work::takes_no_answer`]): not
    /// sent, nothing paid for what could not be written.
    pub refused: Vec<Left>,
}

/// Per language, what a run would send (for `--dry-run`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Estimate {
    pub lang: String,
    pub segments: usize,
    pub words: usize,
    pub characters: usize,
    /// Roughly: characters / 4, plus the context and instructions sent with them.
    pub tokens: usize,
    /// With a price configured.
    pub cost: Option<f64>,
    /// Segments answered by an earlier run, not sent again.
    pub known: usize,
}

/// A segment whose answer was not written, and why.
#[derive(Debug, Clone)]
pub struct Left {
    /// The language of the page it was for.
    pub lang: String,
    /// The source file, as displayed (`line` is its line).
    pub file: String,
    pub line: usize,
    pub key: String,
    pub why: Why,
}

#[derive(Debug, Clone)]
pub enum Why {
    /// The answer did not keep the markup or failed a content check.
    Rejected(Rejection),
    /// The request failed (after its tries).
    Failed(ProviderError),
    /// The page would not take it (as `translate` refuses an answer).
    Page(translate::Refusal),
    /// Not sent: `--max-segments` was reached.
    Limit,
}

impl From<translate::Refusal> for Why {
    fn from(r: translate::Refusal) -> Why {
        Why::Page(r)
    }
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Segments sent to the provider (the same text with the same context counts once).
    pub sent: usize,
    /// Requests made (tries not counted).
    pub requests: usize,
    /// Segments answered by an earlier run, not sent again.
    pub reused: usize,
    /// Segments written into variant files.
    pub written: usize,
    /// Answers kept as suggestions beside a person's translation.
    pub suggested: usize,
    /// Files written.
    pub files: Vec<String>,
    /// Variant files created (as `tolk new` does) before translating.
    pub created: Vec<String>,
    /// Segments left as they were, with why.
    pub left: Vec<Left>,
    /// Requests that failed: (languages, segments in them, error).
    pub failed_requests: Vec<(String, usize, ProviderError)>,
    /// Postings that could not be read.
    pub errors: Vec<(String, std::sync::Arc<translate::Error>)>,
    /// What the syncs reported.
    pub sync: Vec<sync::SyncReport>,
}

/// The segments of the selected postings that need a translation, by the comparison `status`
/// makes, with their context. Reads only.
pub fn plan(ws: &Workspace, tm: Option<&Tm>, options: &Options) -> Result<Plan, Error> {
    let mut plan = Plan::default();
    let replace = ws.config.mt.replace;
    for page in ws.pages() {
        if !options.paths.is_empty() && !options.paths.contains(&page.rel) {
            continue;
        }
        if !page.present.contains(&page.source) {
            continue;
        }
        for lang in ws.config.targets_of(&page.rel) {
            if !options.langs.is_empty() && !options.langs.contains(&lang) {
                continue;
            }
            if !page.present.contains(&lang) {
                plan.missing.push((page.rel.clone(), lang));
                continue;
            }
            let work = match translate::load(ws, tm, &page.rel, &lang) {
                Ok(w) => w,
                Err(translate::Error::Tm(e)) => return Err(e.into()),
                Err(e) => {
                    plan.errors
                        .push((ws.display(&lang, &page.rel), std::sync::Arc::new(e)));
                    continue;
                }
            };
            if let Some(why) = work.takes_no_answer(&ws.file(&lang, &page.rel)) {
                let file = ws.display(ws.config.source_of(&page.rel), &page.rel);
                plan.refused.extend(work.to_do().into_iter().map(|i| {
                    let s = &work.source_segments[i];
                    Left {
                        lang: lang.clone(),
                        file: file.clone(),
                        line: s.line,
                        key: s.key.clone(),
                        why: Why::Page(why.clone()),
                    }
                }));
                continue;
            }
            let answers = match tm {
                Some(tm) => tm.machine_answers(&page.rel, &lang)?,
                None => Vec::new(),
            };
            let ids = match tm {
                Some(tm) => lineage_ids(tm, &page.rel, &work.source_segments)?,
                None => vec![None; work.source_segments.len()],
            };
            jobs_of(
                ws,
                &work,
                &page.rel,
                &lang,
                replace,
                &answers,
                &ids,
                &mut plan.jobs,
            );
        }
    }
    Ok(plan)
}

/// The memory's (lineage, source text) of each of today's source segments, where it knows
/// today's text.
fn lineage_ids(tm: &Tm, rel: &str, today: &[Segment]) -> Result<Vec<Option<(i64, i64)>>, Error> {
    let mem = tm.load(rel)?;
    let m = crate::compare::match_source(&mem.source, today);
    Ok(today
        .iter()
        .zip(&m.rows)
        .map(|(s, row)| {
            row.map(|k| &mem.source[k])
                .filter(|r| *r.text == *s.text)
                .map(|r| (r.lineage, r.source))
        })
        .collect())
}

#[allow(clippy::too_many_arguments)]
fn jobs_of(
    ws: &Workspace,
    work: &translate::Work,
    rel: &str,
    lang: &str,
    replace: Replace,
    answers: &[MachineAnswer],
    ids: &[Option<(i64, i64)>],
    out: &mut Vec<Job>,
) {
    let segs = &work.source_segments;
    let headings = segment::heading_paths(segs);
    let title = segs
        .iter()
        .find(|s| s.key.eq_ignore_ascii_case("fm.title"))
        .map(|s| s.text.clone());
    for e in &work.comparison.entries {
        let Some(i) = e.source_index else { continue };
        if !matches!(e.state, State::Stale | State::Untranslated) {
            continue;
        }
        let s = &segs[i];
        let var = e.variant_index.map(|j| &work.variant_segments[j]);
        let person = e.recorded.as_ref().is_some_and(|t| !t.unreviewed);
        let write = match e.state {
            State::Untranslated => true,
            _ => replace == Replace::All || !person,
        };
        let (keep, terms) = ws.config.glossary.found(&s.text, lang);
        let mut glossary: Vec<GlossaryHint> = keep
            .into_iter()
            .map(|k| GlossaryHint {
                source: k.to_string(),
                translation: None,
                forbidden: Vec::new(),
                note: None,
            })
            .collect();
        glossary.extend(terms.into_iter().map(|t| GlossaryHint {
            source: t.source.clone(),
            translation: t.translate.get(lang).cloned(),
            forbidden: t.forbid.get(lang).cloned().unwrap_or_default(),
            note: t.note.clone(),
        }));
        let context = Context {
            title: title
                .clone()
                .filter(|_| !s.key.eq_ignore_ascii_case("fm.title")),
            headings: headings[i].clone(),
            previous: i.checked_sub(1).map(|k| segs[k].text.clone()),
            next: segs.get(i + 1).map(|n| n.text.clone()),
            old_source: if e.state == State::Stale {
                e.old_source
                    .clone()
                    .or_else(|| e.recorded.as_ref().map(|t| t.source_text.to_string()))
            } else {
                None
            },
            old_translation: if e.state == State::Stale {
                var.map(|v| v.text.clone())
            } else {
                None
            },
        };
        let known = ids[i].and_then(|(l, src)| {
            answers
                .iter()
                .rev()
                .find(|a| a.lineage == l && a.source == src)
                .map(|a| a.text.clone())
        });
        out.push(Job {
            rel: rel.to_string(),
            lang: lang.to_string(),
            key: s.key.clone(),
            kind: s.kind,
            line: s.line,
            source: s.text.clone(),
            state: e.state,
            write,
            context,
            glossary,
            ids: ids[i],
            known,
        });
    }
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// What a run would send, per language, and what it would cost (for `--dry-run`). Missing
/// variants count every segment of their source.
pub fn estimate(ws: &Workspace, plan: &Plan, options: &Options) -> Vec<Estimate> {
    let mut by: BTreeMap<String, Estimate> = BTreeMap::new();
    let mut seen: std::collections::HashSet<(String, String, String)> = Default::default();
    let mut sent = 0usize;
    let mut add = |lang: &str, text: &str, context: usize, known: bool| {
        let e = by.entry(lang.to_string()).or_insert_with(|| Estimate {
            lang: lang.to_string(),
            ..Estimate::default()
        });
        if known {
            e.known += 1;
            return;
        }
        if options.max_segments.is_some_and(|m| sent >= m) {
            return;
        }
        sent += 1;
        e.segments += 1;
        e.words += words(text);
        e.characters += text.chars().count();
        // About four characters a token, for the text, its context and the answer.
        e.tokens += (2 * text.chars().count() + context).div_ceil(4) + 20;
    };
    for j in &plan.jobs {
        let ctx = serde_json::to_string(&j.context).map_or(0, |c| c.chars().count());
        let fresh = seen.insert((j.lang.clone(), j.source.clone(), format!("{:?}", j.context)));
        if fresh || j.known.is_some() {
            add(&j.lang, &j.source, ctx, j.known.is_some());
        }
    }
    for (rel, lang) in &plan.missing {
        if let Ok(p) = Posting::read(&ws.file(ws.config.source_of(rel), rel), &ws.config.rules) {
            for s in segment::split(&p, &ws.config.rules) {
                add(lang, &s.text, 0, false);
            }
        }
    }
    let m = &ws.config.mt;
    by.into_values()
        .map(|mut e| {
            e.cost = match (m.price_per_million_characters, m.price_per_million_tokens) {
                (Some(p), _) => Some(p * e.characters as f64 / 1e6),
                (None, Some(p)) => Some(p * e.tokens as f64 / 1e6),
                _ => None,
            };
            e
        })
        .collect()
}

/// A request's answers (id -> text), or why it failed.
type Answered = Result<BTreeMap<String, String>, ProviderError>;

/// A segment's answer, restored and checked, or why there is none.
type Outcome = Result<String, Why>;

/// One request: the ids of the unique texts it carries.
struct Request {
    lang: String,
    items: Vec<Item>,
}

/// Translates what `plan` finds: creates missing variants from the memory, sends the rest,
/// writes accepted answers, and records everything in the memory.
pub fn run(
    ws: &Workspace,
    tm: &mut Tm,
    client: &Client,
    now: &str,
    who: Option<&str>,
    options: &Options,
) -> Result<Summary, Error> {
    let mut summary = Summary::default();
    let sync_options = sync::Options {
        paths: options.paths.clone(),
        langs: options.langs.clone(),
        ..sync::Options::default()
    };
    let run = Run {
        ws,
        client,
        now,
        who,
        options,
    };
    // The memory learns today's English first: answers are kept for it.
    summary
        .sync
        .push(sync::sync(ws, tm, now, who, &sync_options)?);
    let first = plan(ws, Some(tm), options)?;
    let plan = if first.missing.is_empty() {
        first
    } else {
        create_missing(&run, tm, &first.missing, &mut summary)?;
        plan(ws, Some(tm), options)?
    };
    summary.errors.extend(plan.errors.iter().cloned());
    summary.left.extend(plan.refused.iter().cloned());
    let texts = unique_texts(&run, &plan, &mut summary);
    summary.sent = texts.unique.len();
    let requests = batch(&run, &plan, &texts);
    summary.requests = requests.len();
    let outcome = send(&run, tm, &plan, &texts, &requests, &mut summary)?;
    let written_rels = write_answers(&run, tm, &plan, &texts, &outcome, &mut summary);
    if !written_rels.is_empty() {
        let o = sync::Options {
            paths: written_rels,
            langs: options.langs.clone(),
            ..sync::Options::default()
        };
        summary.sync.push(sync::sync(ws, tm, now, who, &o)?);
    }
    Ok(summary)
}

/// One `tolk mt` run: where, with which provider, when and by whom.
struct Run<'a> {
    ws: &'a Workspace,
    client: &'a Client,
    now: &'a str,
    who: Option<&'a str>,
    options: &'a Options,
}

/// Creates the variant files that do not exist yet (the English skeleton, memory matches
/// filled in, the rest as placeholders) and records them.
fn create_missing(
    run: &Run<'_>,
    tm: &mut Tm,
    missing: &[(String, String)],
    summary: &mut Summary,
) -> Result<(), Error> {
    let (ws, now, who, options) = (run.ws, run.now, run.who, run.options);
    let mut memory_of: HashMap<String, crate::suggest::Memory> = HashMap::new();
    let mut placeholders = Vec::new();
    for (rel, lang) in missing {
        if !memory_of.contains_key(lang) {
            memory_of.insert(
                lang.clone(),
                crate::suggest::Memory::new(tm.candidates(lang)?),
            );
        }
        match translate::create(ws, &memory_of[lang], rel, lang) {
            Ok(c) => {
                summary.created.push(ws.display(lang, rel));
                placeholders.push((rel.clone(), lang.clone(), c.untranslated));
            }
            Err(translate::Error::Tm(e)) => return Err(e.into()),
            Err(e) => summary
                .errors
                .push((ws.display(lang, rel), std::sync::Arc::new(e))),
        }
    }
    let o = sync::Options {
        paths: placeholders.iter().map(|(r, _, _)| r.clone()).collect(),
        langs: options.langs.clone(),
        placeholders,
        ..sync::Options::default()
    };
    summary.sync.push(sync::sync(ws, tm, now, who, &o)?);
    Ok(())
}

/// The texts to send: each source text with its context once.
struct Texts {
    /// (first job, masked text).
    unique: Vec<(usize, Masked)>,
    /// For each job: its unique text (`None`: reused from the memory, or over the limit).
    job_unique: Vec<Option<usize>>,
}

fn unique_texts(run: &Run<'_>, plan: &Plan, summary: &mut Summary) -> Texts {
    let (ws, client, options) = (run.ws, run.client, run.options);
    let keep_terms = client.masks_kept_terms();
    let mut unique: Vec<(usize, Masked)> = Vec::new(); // (first job, masked)
    let mut unique_of: HashMap<(String, String, String), usize> = HashMap::new();
    let mut job_unique: Vec<Option<usize>> = vec![None; plan.jobs.len()];
    let mut sent = 0usize;
    for (n, j) in plan.jobs.iter().enumerate() {
        if j.known.is_some() {
            summary.reused += 1;
            continue;
        }
        let k = (
            j.lang.clone(),
            j.source.clone(),
            format!("{:?}{:?}", j.context, j.glossary),
        );
        if let Some(&u) = unique_of.get(&k) {
            job_unique[n] = Some(u);
            continue;
        }
        if options.max_segments.is_some_and(|m| sent >= m) {
            continue;
        }
        sent += 1;
        let keep: Vec<&str> = if keep_terms {
            j.glossary
                .iter()
                .filter(|g| g.translation.is_none() && g.forbidden.is_empty())
                .map(|g| g.source.as_str())
                .collect()
        } else {
            Vec::new()
        };
        let masked = protect::mask(&j.source, &ws.config.rules, &keep, client.escapes());
        unique_of.insert(k, unique.len());
        job_unique[n] = Some(unique.len());
        unique.push((n, masked));
    }
    Texts { unique, job_unique }
}

/// Requests: per language (and per posting for providers whose context is per request), at
/// most `batch` segments and a bounded size.
fn batch(run: &Run<'_>, plan: &Plan, texts: &Texts) -> Vec<Request> {
    let (ws, client, unique) = (run.ws, run.client, &texts.unique);
    let mut requests: Vec<Request> = Vec::new();
    let batch = ws.config.mt.batch.max(1);
    for (u, (n, masked)) in unique.iter().enumerate() {
        let j = &plan.jobs[*n];
        let fits = requests.last().is_some_and(|r| {
            let first = &plan.jobs[unique[id_of(&r.items[0].id)].0];
            r.lang == j.lang
                && (!client.per_posting() || first.rel == j.rel)
                && r.items.len() < batch
                && r.items.iter().map(|i| i.text.len()).sum::<usize>() + masked.text.len()
                    <= MAX_REQUEST_CHARS
        });
        if !fits {
            requests.push(Request {
                lang: j.lang.clone(),
                items: Vec::new(),
            });
        }
        if let Some(r) = requests.last_mut() {
            r.items.push(Item {
                id: format!("s{u}"),
                kind: j.kind.as_str().to_string(),
                text: masked.text.clone(),
                context: j.context.clone(),
                glossary: j.glossary.clone(),
            });
        }
    }
    requests
}

/// Sends the requests, a bounded number in flight: each answer comes back here as it arrives,
/// is checked, and is kept in the memory at once (one transaction per request), so a run
/// stopped at any moment loses at most the requests still in flight. Returns each unique
/// text's outcome (`None`: not sent).
fn send(
    run: &Run<'_>,
    tm: &mut Tm,
    plan: &Plan,
    texts: &Texts,
    requests: &[Request],
    summary: &mut Summary,
) -> Result<Vec<Option<Outcome>>, Error> {
    let (ws, client, now, who, options) = (run.ws, run.client, run.now, run.who, run.options);
    let (unique, job_unique) = (&texts.unique, &texts.job_unique);
    let provider = client.name();
    let model = client.model();
    let mut jobs_of_unique: Vec<Vec<usize>> = vec![Vec::new(); unique.len()];
    for (n, u) in job_unique.iter().enumerate() {
        if let Some(u) = u {
            jobs_of_unique[*u].push(n);
        }
    }
    let mut outcome: Vec<Option<Outcome>> = vec![None; unique.len()];
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let workers = ws
        .config
        .mt
        .in_flight
        .clamp(1, 32)
        .min(requests.len().max(1));
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Answered)>();
    std::thread::scope(|s| -> Result<(), Error> {
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, stop, requests) = (&next, &stop, &requests);
            s.spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    let k = next.fetch_add(1, Ordering::SeqCst);
                    let Some(r) = requests.get(k) else { break };
                    if tx.send((k, client.translate(&r.lang, &r.items))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut done = 0;
        for (k, got) in rx {
            done += 1;
            if let Some(p) = &options.progress {
                (p.0)(done, requests.len());
            }
            let r = &requests[k];
            let map = match got {
                Ok(m) => m,
                Err(e) => {
                    summary
                        .failed_requests
                        .push((r.lang.clone(), r.items.len(), e.clone()));
                    for item in &r.items {
                        outcome[id_of(&item.id)] = Some(Err(Why::Failed(e.clone())));
                    }
                    continue;
                }
            };
            let mut keep: Vec<(String, MachineAnswer)> = Vec::new();
            for item in &r.items {
                let u = id_of(&item.id);
                let (n, masked) = &unique[u];
                let j = &plan.jobs[*n];
                let checked = match map.get(&item.id) {
                    None => Err(Why::Rejected(Rejection::NoAnswer)),
                    Some(text) => protect::unmask(masked, text.trim(), client.escapes())
                        .and_then(|t| {
                            protect::check(&ws.config.rules, j.kind, &j.source, &t).map(|_| t)
                        })
                        .map_err(Why::Rejected),
                };
                if let Ok(text) = &checked {
                    for &m in &jobs_of_unique[u] {
                        let jm = &plan.jobs[m];
                        if let Some((lineage, source)) = jm.ids {
                            keep.push((
                                jm.rel.clone(),
                                MachineAnswer {
                                    lineage,
                                    source,
                                    source_text: String::new(),
                                    text: text.clone(),
                                    provider: provider.to_string(),
                                    model: model.clone(),
                                },
                            ));
                        }
                    }
                }
                outcome[u] = Some(checked);
            }
            if !keep.is_empty() {
                let kept = tm.writer(now, who).and_then(|mut w| {
                    for (rel, a) in &keep {
                        w.add_machine_answer(rel, &r.lang, a)?;
                    }
                    w.commit()
                });
                if let Err(e) = kept {
                    stop.store(true, Ordering::SeqCst);
                    return Err(e.into());
                }
            }
        }
        Ok(())
    })?;
    Ok(outcome)
}

/// Per file: the answers written into it (a page that would not keep the English's skeleton
/// is not written), the rest named with why. Returns the postings written.
fn write_answers(
    run: &Run<'_>,
    tm: &mut Tm,
    plan: &Plan,
    texts: &Texts,
    outcome: &[Option<Outcome>],
    summary: &mut Summary,
) -> Vec<String> {
    let ws = run.ws;
    let job_unique = &texts.job_unique;
    let mut by_file: BTreeMap<(String, String), Vec<(usize, Outcome)>> = BTreeMap::new();
    for (n, j) in plan.jobs.iter().enumerate() {
        let got = match (&j.known, job_unique[n]) {
            (Some(k), _) => Some(Ok(k.clone())),
            (None, Some(u)) => outcome[u].clone(),
            (None, None) => Some(Err(Why::Limit)),
        };
        if let Some(g) = got {
            by_file
                .entry((j.rel.clone(), j.lang.clone()))
                .or_default()
                .push((n, g));
        }
    }
    let mut written_rels: Vec<String> = Vec::new();
    for ((rel, lang), results) in by_file {
        let file = ws.display(&lang, &rel);
        // Named by the English's file and line: what was to translate, and where.
        let source_file = ws.display(ws.config.source_of(&rel), &rel);
        let left = |n: usize, why: Why| Left {
            lang: lang.clone(),
            file: source_file.clone(),
            line: plan.jobs[n].line,
            key: plan.jobs[n].key.clone(),
            why,
        };
        let mut to_write: Vec<(usize, String)> = Vec::new();
        for (n, r) in results {
            let j = &plan.jobs[n];
            match r {
                Ok(text) => {
                    if j.write {
                        to_write.push((n, text));
                    } else {
                        summary.suggested += 1;
                    }
                }
                Err(why) => summary.left.push(left(n, why)),
            }
        }
        if to_write.is_empty() {
            continue;
        }
        let answers: Vec<(String, String)> = to_write
            .iter()
            .map(|(n, t)| (plan.jobs[*n].key.clone(), t.clone()))
            .collect();
        let flag = ws.config.mt.flag.as_deref();
        match translate::write_segments(ws, tm, &rel, &lang, &answers, flag) {
            Ok(refused) => {
                summary.written += to_write.len() - refused.len();
                if refused.len() < to_write.len() {
                    summary.files.push(file.clone());
                    written_rels.push(rel.clone());
                }
                for (k, why) in refused {
                    summary.left.push(left(to_write[k].0, why.into()));
                }
            }
            Err(why) => {
                for (n, _) in &to_write {
                    summary.left.push(left(*n, why.clone().into()));
                }
            }
        }
    }
    written_rels.dedup();
    written_rels
}

/// The index of a unique text from its request id (`s12` -> 12).
fn id_of(id: &str) -> usize {
    id[1..].parse().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_paths_follow_levels() {
        let seg = |kind, level, text: &str| Segment {
            kind,
            level,
            key: String::new(),
            range: 0..0,
            line: 1,
            text: text.into(),
            encoding: segment::Encoding::Raw,
            hash: 0,
        };
        let segs = [
            seg(Kind::Heading, 1, "Job"),
            seg(Kind::Heading, 2, "You"),
            seg(Kind::Paragraph, 0, "p"),
            seg(Kind::Heading, 2, "Us"),
            seg(Kind::ListItem, 0, "li"),
        ];
        let p = segment::heading_paths(&segs);
        assert_eq!(p[2], ["Job", "You"]);
        assert_eq!(p[3], ["Job"]);
        assert_eq!(p[4], ["Job", "Us"]);
    }
}
