//! What git knows of a content folder, read with two git processes for the whole folder (one
//! `git log`, one `git cat-file --batch`), not several per file: which commits changed each
//! file, and any file's bytes at any commit.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

/// The history of the files below one folder of a git repository.
pub struct History {
    /// The repository's top folder, canonical.
    top: PathBuf,
    /// Per file (relative to `top`, `/`-separated): the commits that changed it, newest first.
    commits: HashMap<String, Vec<String>>,
    cat: Option<Cat>,
}

/// A running `git cat-file --batch`.
struct Cat {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl History {
    /// Reads the history of `folder`; `None` when it is not in a git repository or git fails.
    pub fn read(folder: &Path) -> Option<History> {
        let top = Command::new("git")
            .arg("-C")
            .arg(folder)
            .args(["rev-parse", "--show-toplevel"])
            .output()
            .ok()
            .filter(|o| o.status.success())?;
        let top = std::fs::canonicalize(String::from_utf8(top.stdout).ok()?.trim()).ok()?;
        let log = Command::new("git")
            .arg("-C")
            .arg(&top)
            .args([
                "log",
                "--format=%x00%H",
                "--name-only",
                "--no-renames",
                "--",
            ])
            .arg(std::fs::canonicalize(folder).ok()?)
            .output()
            .ok()
            .filter(|o| o.status.success())?;
        let mut commits: HashMap<String, Vec<String>> = HashMap::new();
        for entry in String::from_utf8_lossy(&log.stdout).split('\0').skip(1) {
            let mut lines = entry.lines();
            let Some(commit) = lines.next() else { continue };
            for file in lines.filter(|l| !l.is_empty()) {
                commits
                    .entry(file.to_string())
                    .or_default()
                    .push(commit.to_string());
            }
        }
        let cat = Command::new("git")
            .arg("-C")
            .arg(&top)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()
            .and_then(|mut child| {
                let stdin = child.stdin.take()?;
                let stdout = BufReader::new(child.stdout.take()?);
                Some(Cat {
                    child,
                    stdin,
                    stdout,
                })
            });
        Some(History { top, commits, cat })
    }

    /// `file`'s path relative to the repository's top, as git names it.
    pub fn name(&self, file: &Path) -> Option<String> {
        let abs = std::fs::canonicalize(file).ok()?;
        Some(
            abs.strip_prefix(&self.top)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/"),
        )
    }

    /// The commits that changed `name`, newest first.
    pub fn commits(&self, name: &str) -> &[String] {
        self.commits.get(name).map_or(&[], Vec::as_slice)
    }

    /// `name`'s bytes at `commit` (a full or abbreviated id); `None` where it did not exist.
    pub fn blob(&mut self, commit: &str, name: &str) -> Option<Vec<u8>> {
        let cat = self.cat.as_mut()?;
        if commit.contains(['\n', ' ']) || name.contains('\n') {
            return None;
        }
        writeln!(cat.stdin, "{commit}:{name}").ok()?;
        cat.stdin.flush().ok()?;
        let mut header = String::new();
        cat.stdout.read_line(&mut header).ok()?;
        // `<id> blob <size>`, or `<what> missing` / `ambiguous`.
        let mut parts = header.split_whitespace();
        let (_, kind, size) = (parts.next()?, parts.next()?, parts.next());
        let size: usize = size?.parse().ok()?;
        let mut bytes = vec![0; size + 1];
        cat.stdout.read_exact(&mut bytes).ok()?;
        bytes.pop();
        (kind == "blob").then_some(bytes)
    }
}

impl Drop for History {
    fn drop(&mut self) {
        if let Some(cat) = self.cat.take() {
            drop(cat.stdin);
            let mut child = cat.child;
            let _ = child.wait();
        }
    }
}
