//! A workspace: a folder with an optional `tolk.toml`, postings in
//! `<postings>/<language folder>/<path>.md` (nested paths allowed) and the memory.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::config::{Config, ConfigError};

/// An opened workspace.
#[derive(Debug, Clone)]
pub struct Workspace {
    pub root: PathBuf,
    pub config: Config,
}

/// A page: one relative path and the languages it exists in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Path inside a language folder, with `/` separators: `career/cloud-engineer.md`.
    pub rel: String,
    /// The language the page is written in.
    pub source: String,
    /// Languages that have a file for the page.
    pub present: BTreeSet<String>,
}

impl Workspace {
    /// Opens the workspace at `root`, reading its `tolk.toml` if there is one.
    pub fn open(root: &Path) -> Result<Workspace, ConfigError> {
        Ok(Workspace {
            root: root.to_path_buf(),
            config: Config::load(root)?,
        })
    }

    /// Is `rel` a page path that stays inside the language folders (relative, no `..`)?
    pub fn is_safe(rel: &str) -> bool {
        !rel.is_empty()
            && Path::new(rel)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)))
    }

    /// The file of `rel` in `lang`.
    pub fn file(&self, lang: &str, rel: &str) -> PathBuf {
        self.root
            .join(&self.config.postings)
            .join(self.config.folder(lang))
            .join(rel)
    }

    /// The file as shown to people: relative to the workspace.
    pub fn display(&self, lang: &str, rel: &str) -> String {
        Path::new(&self.config.postings)
            .join(self.config.folder(lang))
            .join(rel)
            .display()
            .to_string()
    }

    pub fn memory_path(&self) -> PathBuf {
        self.root.join(&self.config.memory)
    }

    /// The memory's state as its files' stamps show it (the database and a write-ahead log
    /// that is not empty: the first reader of a fresh clone creates an empty one), for caches
    /// that depend on what the memory holds.
    pub fn memory_stamp(&self) -> String {
        let memory = self.memory_path();
        let wal = memory.with_extension("db-wal");
        format!(
            "{:?} {:?}",
            crate::fsio::stamp(&memory),
            crate::fsio::stamp(&wal).filter(|(len, ..)| *len > 0)
        )
    }

    /// Every page of every language, sorted by path. Files that cannot be listed are skipped
    /// (they are reported when read).
    pub fn pages(&self) -> Vec<Page> {
        let mut by_rel: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for lang in self.config.languages() {
            let dir = self
                .root
                .join(&self.config.postings)
                .join(self.config.folder(&lang));
            let mut files = Vec::new();
            walk(&dir, &dir, &mut files, 0);
            for rel in files {
                by_rel.entry(rel).or_default().insert(lang.clone());
            }
        }
        by_rel
            .into_iter()
            .map(|(rel, present)| Page {
                source: self.config.source_of(&rel).to_string(),
                rel,
                present,
            })
            .collect()
    }

    /// Turns a path given on the command line (`postings/en/career/x.md`, `career/x.md`,
    /// `postings/da/career/x.md`) into a page path.
    pub fn rel_of(&self, arg: &str) -> String {
        // An absolute path inside the workspace reads as the same path relative to it.
        let inside = Path::new(arg)
            .is_absolute()
            .then(|| {
                let root = std::fs::canonicalize(if self.root.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    &self.root
                })
                .ok()?;
                let abs = std::fs::canonicalize(arg).ok()?;
                Some(abs.strip_prefix(root).ok()?.to_string_lossy().to_string())
            })
            .flatten();
        let arg = inside.as_deref().unwrap_or(arg).replace('\\', "/");
        let postings = self
            .config
            .postings
            .display()
            .to_string()
            .replace('\\', "/");
        let mut rest = arg.trim_start_matches("./").to_string();
        if let Some(r) = rest.strip_prefix(&format!("{postings}/")) {
            rest = r.to_string();
            for lang in self.config.languages() {
                if let Some(r) = rest.strip_prefix(&format!("{}/", self.config.folder(&lang))) {
                    return r.to_string();
                }
            }
        }
        rest
    }
}

/// Names given on the command line that match nothing in the workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmatched {
    /// A posting path no language folder has, as given.
    Path(String),
    /// A language that is neither the source nor a target language.
    Lang(String),
}

impl Workspace {
    /// The page paths for postings named on the command line (see [`Workspace::rel_of`]), and
    /// the languages asked for, checked: each must match something, else it is named.
    pub fn select(
        &self,
        paths: &[String],
        langs: &[String],
    ) -> Result<(Vec<String>, Vec<String>), Unmatched> {
        let known = self.config.languages();
        if let Some(l) = langs.iter().find(|l| !known.contains(l)) {
            return Err(Unmatched::Lang(l.clone()));
        }
        let mut rels = Vec::new();
        for p in paths {
            let rel = self.rel_of(p);
            let exists = Self::is_safe(&rel) && known.iter().any(|l| self.file(l, &rel).is_file());
            if !exists {
                return Err(Unmatched::Path(p.clone()));
            }
            rels.push(rel);
        }
        Ok((rels, langs.to_vec()))
    }
}

/// What tells a folder from every other, however it is reached: its device and inode where
/// there are such (one stat; resolving the path took a readlink per component, ten for a
/// folder of a bench site), else the path with every link resolved.
#[cfg(unix)]
type FolderId = (u64, u64);
#[cfg(not(unix))]
type FolderId = PathBuf;

#[cfg(unix)]
fn folder_id(dir: &Path) -> Option<FolderId> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(dir).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn folder_id(dir: &Path) -> Option<FolderId> {
    std::fs::canonicalize(dir).ok()
}

fn walk(base: &Path, dir: &Path, out: &mut Vec<String>, depth: usize) {
    let mut seen = std::collections::HashSet::new();
    walk_inner(base, dir, out, depth, &mut seen);
}

/// Lists `.md` files below `dir`. Folders reached twice (a symbolic link loop) are walked once;
/// a folder named `*.md` is listed, so that reading it reports it.
fn walk_inner(
    base: &Path,
    dir: &Path,
    out: &mut Vec<String>,
    depth: usize,
    seen: &mut std::collections::HashSet<FolderId>,
) {
    if depth > 32 || !folder_id(dir).is_some_and(|id| seen.insert(id)) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        let is_md = is_markdown(&path);
        // The entry's type comes with the listing; only a symbolic link needs a look at what
        // it points to (one stat per file was a sixth of a warm status).
        let is_dir = match e.file_type() {
            Ok(t) if t.is_symlink() => path.is_dir(),
            Ok(t) => t.is_dir(),
            Err(_) => path.is_dir(),
        };
        if is_dir && !is_md {
            walk_inner(base, &path, out, depth + 1, seen);
        } else if is_md && let Ok(rel) = path.strip_prefix(base) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// The extensions Hugo reads as Markdown content (`md`, `markdown`, `mdown`).
pub const MARKDOWN_EXTENSIONS: &[&str] = &["md", "markdown", "mdown"];

/// Whether Hugo reads the file at `path` as Markdown content, by its extension.
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| MARKDOWN_EXTENSIONS.contains(&x))
}

/// A posting's path without its Markdown extension, and the extension: `career/a.markdown` is
/// (`career/a`, `markdown`). A path with another extension is itself, with `md`.
pub fn split_extension(rel: &str) -> (&str, &str) {
    match rel.rsplit_once('.') {
        Some((stem, ext)) if MARKDOWN_EXTENSIONS.contains(&ext) && !stem.ends_with('/') => {
            (stem, ext)
        }
        _ => (rel, "md"),
    }
}
