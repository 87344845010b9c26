//! ADOPT: how a team starts. A Hugo content folder (either layout) becomes the workspace's
//! postings, every translated page is aligned with its source and recorded in the memory, and
//! every page is accounted for: adopted, single-language, orphaned, or not aligned (with why).
//! Messy real-site front matter is reported as findings, not failures.
//!
//! With `git`, the source as it was at each translation's last commit is recorded first as the
//! text the translation was made from, so the first status shows what went stale since.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

mod history;

use history::History;

use crate::config::export::Layout;
use crate::fsio::write_atomic;
use crate::posting::{self, Posting};
use crate::sync::{self, Options};
use crate::tm::{Tm, TmError};
use crate::workspace::Workspace;

/// How a page was taken in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageState {
    /// A source page with at least one translation, all aligned.
    Adopted,
    /// Only one language has the page.
    SingleLanguage(String),
    /// Translations without a source page.
    Orphan(Vec<String>),
    /// Translated, but some translation segments match nothing in the source: (language,
    /// line, key).
    NotAligned(Vec<(String, usize, String)>),
    /// A file could not be read.
    Unreadable(crate::posting::Error),
    /// The workspace already has a different file at this place; left as it is.
    Conflict(String),
}

/// Something odd about a page, reported rather than failed on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// The same key in several letter cases across languages (`Title` and `title`).
    KeyCase { key: String, variants: Vec<String> },
    /// A `language` value that is not the folder's language.
    WrongLanguage { lang: String, value: String },
    /// A front matter value that is not text (not translatable) but differs from the source.
    TranslatedValue {
        lang: String,
        key: String,
        source: String,
        value: String,
    },
    /// A code fence glued to the end of a prose line (`...kör:```bash`).
    GluedFence { lang: String, line: usize },
    /// Front matter Hugo reads but that is not valid YAML.
    LenientFrontMatter { lang: String, line: usize },
}

/// One page and what became of it.
#[derive(Debug, Clone)]
pub struct PageReport {
    pub rel: String,
    pub state: PageState,
    pub findings: Vec<Finding>,
}

/// What adopt did.
#[derive(Debug, Default)]
pub struct AdoptReport {
    pub layout: Option<Layout>,
    pub pages: Vec<PageReport>,
    /// Translations whose source was taken from git history: (page, language, commit).
    pub from_git: Vec<(String, String, String)>,
}

/// Why adopt could not run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Tm(#[from] TmError),
    #[error("{path}: {reason}")]
    Io { path: PathBuf, reason: String },
    #[error("git is not on PATH")]
    NoGit,
    #[error("{path}: not in a git repository")]
    NotARepository { path: PathBuf },
    /// A shallow clone (CI checks out one commit): the English each translation was made from
    /// is not in its history, and every translation would be taken as current.
    #[error("{path}: a shallow clone")]
    Shallow { path: PathBuf },
}

/// Lists the pages of a content folder: relative path -> language -> file. Detects the layout:
/// folders named after the workspace's languages, else `name.<lang>.md` suffixes (a file without
/// a language suffix is in the source language).
pub fn scan(
    ws: &Workspace,
    content: &Path,
) -> (Layout, BTreeMap<String, BTreeMap<String, PathBuf>>) {
    let langs = ws.config.languages();
    let folder_of = |l: &str| ws.config.folder(l).to_string();
    let by_folder = langs.iter().any(|l| content.join(folder_of(l)).is_dir());
    let mut pages: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    if by_folder {
        for l in &langs {
            let dir = content.join(folder_of(l));
            for rel in walk(&dir) {
                pages
                    .entry(rel.clone())
                    .or_default()
                    .insert(l.clone(), dir.join(&rel));
            }
        }
        return (Layout::Folder, pages);
    }
    for rel in walk(content) {
        let (stem, ext) = crate::workspace::split_extension(&rel);
        let (base, lang) = match stem.rsplit_once('.') {
            Some((b, l)) if langs.iter().any(|x| folder_of(x) == l) => {
                let code = langs
                    .iter()
                    .find(|x| folder_of(x) == l)
                    .cloned()
                    .unwrap_or_default();
                (format!("{b}.{ext}"), code)
            }
            _ => (rel.clone(), ws.config.source_of(&rel).to_string()),
        };
        pages
            .entry(base)
            .or_default()
            .insert(lang, content.join(&rel));
    }
    (Layout::Suffix, pages)
}

fn walk(dir: &Path) -> Vec<String> {
    fn go(base: &Path, dir: &Path, out: &mut Vec<String>, depth: usize) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        let mut entries: Vec<_> = rd.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let p = e.path();
            if p.is_dir() && depth < 32 {
                go(base, &p, out, depth + 1);
            } else if crate::workspace::is_markdown(&p)
                && let Ok(rel) = p.strip_prefix(base)
            {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    go(dir, dir, &mut out, 0);
    out
}

/// Adopts the content folder into the workspace and its memory.
///
/// With `history` (made by [`check_git`]), each translation is first recorded against the
/// English it was made from, as git's history of the content folder tells.
pub fn adopt(
    ws: &Workspace,
    tm: &mut Tm,
    content: &Path,
    history: Option<&GitHistory<'_>>,
    now: &str,
    who: Option<&str>,
) -> Result<AdoptReport, Error> {
    let (layout, pages) = scan(ws, content);
    let mut report = AdoptReport {
        layout: Some(layout),
        ..AdoptReport::default()
    };
    // The site's translations as they were taken in: tolk's own from now on, so that an export
    // into the site replaces them with the translators' later work (not refused as hand edits),
    // while a file edited on the site after this still is.
    let mut taken: Vec<(String, u64)> = Vec::new();
    for (rel, files) in &pages {
        let state = copy_page(ws, rel, files, &mut taken)?;
        report.pages.push(PageReport {
            rel: rel.clone(),
            state,
            findings: findings(ws, rel, files, &ws.config.rules),
        });
    }
    // With git: each translation is first recorded against the source it was made from: the
    // commit its front matter names under `commit_key`, else (with `git`) its own last commit.
    if let Some(history) = history {
        let from = FromGit {
            content,
            git: history.own_commits,
            commit_key: history.commit_key,
            now,
            who,
        };
        report.from_git = record_from_git(ws, tm, &from, &pages)?;
    }
    let mut w = tm.writer(now, who)?;
    for (site_file, hash) in &taken {
        w.set_export(site_file, Some(*hash))?;
    }
    w.commit()?;
    let done = sync::sync(ws, tm, now, who, &Options::default())?;
    note_sync(ws, &mut report, done);
    Ok(report)
}

/// How [`adopt`] finds in git the English each translation was made from; made by
/// [`check_git`] only, so that git is asked once whether it can tell (the caller asks before
/// it makes a memory).
#[derive(Debug)]
pub struct GitHistory<'a> {
    /// Each translation's own last commit (`--git`).
    own_commits: bool,
    /// The commit a translation's front matter names under this key, where it names one.
    commit_key: Option<&'a str>,
}

/// Adoption from git needs git, and the content folder inside a work tree with its history (not
/// a shallow clone): the history to adopt with, where it is there.
pub fn check_git<'a>(
    content: &Path,
    own_commits: bool,
    commit_key: Option<&'a str>,
) -> Result<GitHistory<'a>, Error> {
    let ok = Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        return Err(Error::NoGit);
    }
    let inside = Command::new("git")
        .arg("-C")
        .arg(content)
        .args(["rev-parse", "--is-inside-work-tree"])
        .output();
    if !inside.is_ok_and(|o| o.status.success()) {
        return Err(Error::NotARepository {
            path: content.to_path_buf(),
        });
    }
    let shallow = Command::new("git")
        .arg("-C")
        .arg(content)
        .args(["rev-parse", "--is-shallow-repository"])
        .output();
    if shallow.is_ok_and(|o| o.status.success() && o.stdout.trim_ascii() == b"true") {
        return Err(Error::Shallow {
            path: content.to_path_buf(),
        });
    }
    Ok(GitHistory {
        own_commits,
        commit_key,
    })
}

/// Copies a page's files (language -> site file) into the workspace, where the workspace does
/// not hold a file of that name already; one that holds other bytes is a conflict, left as it
/// is. The translations of an adopted page (one with its source and no conflict) go into
/// `taken`: each site file, named as an export into the same folder names it, with the hash
/// of its text.
fn copy_page(
    ws: &Workspace,
    rel: &str,
    files: &BTreeMap<String, PathBuf>,
    taken: &mut Vec<(String, u64)>,
) -> Result<PageState, Error> {
    let io = |path: &Path, e: std::io::Error| Error::Io {
        path: path.to_path_buf(),
        reason: posting::io_reason(&e),
    };
    let mut state = None;
    let source = ws.config.source_of(rel).to_string();
    let mut translations = Vec::new();
    for (lang, file) in files {
        let target = ws.file(lang, rel);
        let bytes = std::fs::read(file).map_err(|e| io(file, e))?;
        if *lang != source
            && let Ok(text) = std::str::from_utf8(&bytes)
        {
            translations.push((file.display().to_string(), crate::segment::hash(text)));
        }
        match std::fs::read(&target) {
            Ok(existing) if existing != bytes => {
                state = Some(PageState::Conflict(ws.display(lang, rel)));
            }
            Ok(_) => {}
            Err(_) => {
                if let Some(dir) = target.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
                }
                write_atomic(&target, &bytes).map_err(|e| io(&target, e))?;
            }
        }
    }
    let state = state.unwrap_or_else(|| {
        if !files.contains_key(&source) {
            PageState::Orphan(files.keys().cloned().collect())
        } else if files.len() == 1 {
            PageState::SingleLanguage(source.clone())
        } else {
            PageState::Adopted
        }
    });
    if state == PageState::Adopted {
        taken.extend(translations);
    }
    Ok(state)
}

/// Where and how translations are recorded from git.
struct FromGit<'a> {
    content: &'a Path,
    git: bool,
    commit_key: Option<&'a str>,
    now: &'a str,
    who: Option<&'a str>,
}

/// Records each translation against the English it was made from (by git's history), one sync
/// per page and English version: the English file is put back as it was then, synced, and
/// restored. Returns (page, language, commit) for each.
fn record_from_git(
    ws: &Workspace,
    tm: &mut Tm,
    from: &FromGit<'_>,
    pages: &BTreeMap<String, BTreeMap<String, PathBuf>>,
) -> Result<Vec<(String, String, String)>, Error> {
    let rules = &ws.config.rules;
    let mut recorded = Vec::new();
    let mut history = History::read(from.content);
    for (rel, files) in pages {
        let Some(h) = history.as_mut() else { break };
        let source = ws.config.source_of(rel).to_string();
        let Some(source_name) = files.get(&source).and_then(|f| h.name(f)) else {
            continue;
        };
        let today = std::fs::read(ws.file(&source, rel)).unwrap_or_default();
        // The languages of this page by the English they were made from: one sync each.
        let mut made_from: BTreeMap<Vec<u8>, (String, Vec<String>)> = BTreeMap::new();
        for (lang, file) in files.iter().filter(|(l, _)| **l != source) {
            let Some(name) = h.name(file) else { continue };
            let commit = match from
                .commit_key
                .and_then(|k| recorded_commit(file, k, rules))
            {
                Some(c) => Some(c),
                None if from.git => last_text_commit(h, &name, rules),
                None => None,
            };
            let Some(commit) = commit else { continue };
            let Some(old) = h.blob(&commit, &source_name) else {
                continue;
            };
            if old != today {
                made_from
                    .entry(old)
                    .or_insert_with(|| (commit, Vec::new()))
                    .1
                    .push(lang.clone());
            }
        }
        for (old, (commit, langs)) in made_from {
            let target = ws.file(&source, rel);
            let io = |e: std::io::Error| Error::Io {
                path: target.clone(),
                reason: posting::io_reason(&e),
            };
            write_atomic(&target, &old).map_err(io)?;
            let options = Options {
                paths: vec![rel.clone()],
                langs: langs.clone(),
                ..Options::default()
            };
            let result = sync::sync(ws, tm, from.now, from.who, &options);
            write_atomic(&target, &today).map_err(io)?;
            result?;
            for lang in langs {
                recorded.push((rel.clone(), lang, commit.clone()));
            }
        }
    }
    Ok(recorded)
}

/// What the final sync found, on the pages it concerns: files it could not read, blocks it
/// could not align.
fn note_sync(ws: &Workspace, report: &mut AdoptReport, done: sync::SyncReport) {
    for e in done.errors {
        let rel = page_of(ws, &e.path);
        if let Some(p) = report
            .pages
            .iter_mut()
            .find(|p| Some(&p.rel) == rel.as_ref())
        {
            p.state = PageState::Unreadable(e);
        }
    }
    for p in done.postings {
        if p.unaligned.is_empty() {
            continue;
        }
        if let Some(page) = report
            .pages
            .iter_mut()
            .find(|x| x.rel == p.rel && x.state == PageState::Adopted)
        {
            page.state = PageState::NotAligned(
                p.unaligned
                    .into_iter()
                    .map(|(l, _, line, key)| (l, line, key))
                    .collect(),
            );
        }
    }
}

/// The page path of a workspace file.
fn page_of(ws: &Workspace, file: &Path) -> Option<String> {
    for lang in ws.config.languages() {
        let dir = ws
            .root
            .join(&ws.config.postings)
            .join(ws.config.folder(&lang));
        if let Ok(rel) = file.strip_prefix(&dir) {
            return Some(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    None
}

/// The newest commit that changed the text of the translation `name` (not only its
/// skeleton: a bookkeeping commit that touched its front matter or white space is passed over,
/// as the translation was not made then).
fn last_text_commit(h: &mut History, name: &str, rules: &crate::config::Rules) -> Option<String> {
    let commits = h.commits(name).to_vec();
    let mut texts = |commit: &str| -> Option<Vec<String>> {
        let bytes = h.blob(commit, name)?;
        let p = Posting::from_bytes(Path::new(name), bytes, rules).ok()?;
        Some(
            crate::segment::split(&p, rules)
                .into_iter()
                .map(|s| s.text)
                .collect(),
        )
    };
    for (i, commit) in commits.iter().enumerate() {
        let Some(older) = commits.get(i + 1) else {
            return Some(commit.clone());
        };
        let now = texts(commit);
        if now.is_none() || now != texts(older) {
            return Some(commit.clone());
        }
    }
    None
}

/// The commit a translation names in its front matter under `key` (a site that records the
/// source commit each translation was made from), if it looks like a commit id.
fn recorded_commit(translation: &Path, key: &str, rules: &crate::config::Rules) -> Option<String> {
    let p = Posting::read(translation, rules).ok()?;
    let value = p
        .front_matter?
        .fields
        .into_iter()
        .find(|f| f.path.eq_ignore_ascii_case(key))?
        .value;
    let v = value.trim();
    (v.len() >= 7 && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| v.to_string())
}

/// Findings on a page's files.
fn findings(
    ws: &Workspace,
    rel: &str,
    files: &BTreeMap<String, PathBuf>,
    rules: &crate::config::Rules,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let source = ws.config.source_of(rel).to_string();
    let parsed: BTreeMap<&String, Posting> = files
        .iter()
        .filter_map(|(l, f)| Posting::read(f, rules).ok().map(|p| (l, p)))
        .collect();
    let mut key_forms: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (lang, p) in &parsed {
        if let Some(fm) = &p.front_matter {
            if let Some(crate::posting::FrontMatterError::Invalid { line, .. }) = &fm.lenient {
                out.push(Finding::LenientFrontMatter {
                    lang: lang.to_string(),
                    line: *line,
                });
            }
            for f in fm.fields.iter().filter(|f| !f.path.contains('.')) {
                key_forms
                    .entry(f.path.to_lowercase())
                    .or_default()
                    .insert(f.path.clone());
                if f.path.eq_ignore_ascii_case("language")
                    && !f.value.eq_ignore_ascii_case(lang)
                    && !(lang.as_str() == "nb" && f.value.eq_ignore_ascii_case("no"))
                {
                    out.push(Finding::WrongLanguage {
                        lang: lang.to_string(),
                        value: f.value.clone(),
                    });
                }
            }
        }
        let mut in_code = false;
        for (n, line) in p.text.lines().enumerate() {
            let t = line.trim_start();
            if t.starts_with("```") || t.starts_with("~~~") {
                in_code = !in_code;
            } else if !in_code && line.matches("```").count() == 1 {
                // Prose and then a fence opening on the same line: Markdown sees no fence.
                out.push(Finding::GluedFence {
                    lang: lang.to_string(),
                    line: n + 1,
                });
            }
        }
    }
    for (key, forms) in key_forms {
        if forms.len() > 1 {
            out.push(Finding::KeyCase {
                key,
                variants: forms.into_iter().collect(),
            });
        }
    }
    // Values that are not text but were translated anyway (a layout switch such as `list`).
    if let Some(src) = parsed.get(&source).and_then(|p| p.front_matter.as_ref()) {
        for (lang, p) in parsed.iter().filter(|(l, _)| ***l != source) {
            let Some(fm) = &p.front_matter else { continue };
            for (key, was, now) in crate::inspect::translated_values(rules, &src.fields, &fm.fields)
            {
                out.push(Finding::TranslatedValue {
                    lang: lang.to_string(),
                    key,
                    source: was,
                    value: now,
                });
            }
        }
    }
    out
}
