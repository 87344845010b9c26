//! GIT: sets a repository up so that `git diff` and `git log -p` of the translation memory read
//! as changes to translations (`tolk dump` as its textconv), and so that git ignores the files
//! SQLite keeps beside it while tolk runs.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::fsio::{io_reason, write_atomic};
use crate::workspace::Workspace;

/// What [`set_up`] changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Setup {
    /// Files that gained lines (`.gitattributes`, `.gitignore`).
    pub files: Vec<PathBuf>,
    /// The textconv command now configured.
    pub textconv: String,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("git is not on PATH")]
    NoGit,
    #[error("{path}: not in a git repository")]
    NotARepository { path: PathBuf },
    #[error("{path}: {reason}")]
    Io { path: PathBuf, reason: String },
    #[error("git config failed: {0}")]
    Config(String),
}

/// Sets up the repository the workspace is in: `.gitattributes` names the memory
/// `diff=tolk`, `.gitignore` names the files beside it, and the repository's own config runs
/// `tolk dump` (the program `tolk`, as given) as the textconv of that diff driver. Lines already
/// there are left; running it again changes nothing.
pub fn set_up(ws: &Workspace, tolk: &Path) -> Result<Setup, Error> {
    let root = root_of(ws);
    let inside = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "--is-inside-work-tree"])
        .output()
        .map_err(|_| Error::NoGit)?;
    if !inside.status.success() {
        return Err(Error::NotARepository {
            path: root.to_path_buf(),
        });
    }
    let memory = memory_name(ws);
    let mut setup = Setup::default();
    let attributes = root.join(".gitattributes");
    if add_lines(
        &attributes,
        &[format!("{memory} diff=tolk"), merge_attribute(ws)],
    )? {
        setup.files.push(attributes);
    }
    let ignore = root.join(".gitignore");
    let ignored = [
        format!("{memory}-wal"),
        format!("{memory}-shm"),
        format!("{memory}-journal"),
        format!("{memory}.status-cache"),
        format!("{memory}.export-index"),
    ];
    if add_lines(&ignore, &ignored)? {
        setup.files.push(ignore);
    }
    let program = shell_quote(&tolk.display().to_string());
    let textconv = format!("{program} dump");
    let driver = format!("{program} merge-driver %O %A %B %P");
    for (key, value) in [
        ("diff.tolk.textconv", textconv.as_str()),
        (
            "merge.tolk.name",
            "tolk: a three-way merge of translation memories",
        ),
        ("merge.tolk.driver", driver.as_str()),
    ] {
        let out = Command::new("git")
            .arg("-C")
            .arg(root)
            .args(["config", key, value])
            .output()
            .map_err(|_| Error::NoGit)?;
        if !out.status.success() {
            return Err(Error::Config(
                String::from_utf8_lossy(&out.stderr).trim().to_string(),
            ));
        }
    }
    setup.textconv = textconv;
    Ok(setup)
}

/// Whether the workspace's `.gitattributes` (as [`set_up`] writes it) names tolk's merge driver
/// for the memory while this clone's git config (the repository's, the user's) does not define
/// it: git does not clone its config, so a teammate's clone without `tolk init --git` merges the
/// memory as a binary file that conflicts, and one side's work is easily lost. Reads files
/// only (no git process); a layout it does not know (a `.git` file of a worktree) is `false`.
pub fn merge_driver_missing(ws: &Workspace) -> bool {
    let root = root_of(ws);
    let Ok(attributes) = std::fs::read_to_string(root.join(".gitattributes")) else {
        return false;
    };
    let wanted = merge_attribute(ws);
    if !attributes.lines().any(|l| l.trim() == wanted) {
        return false;
    }
    let Some(git_dir) = std::fs::canonicalize(root)
        .ok()
        .and_then(|r| r.ancestors().map(|a| a.join(".git")).find(|g| g.exists()))
    else {
        return false;
    };
    if !git_dir.is_dir() {
        return false;
    }
    let defines = |path: PathBuf| {
        std::fs::read_to_string(path).is_ok_and(|c| {
            c.lines().any(|l| {
                // A section's name is read in any case, its subsection as written.
                let l: String = l.chars().filter(|c| !c.is_whitespace()).collect();
                l.get(..6).is_some_and(|s| s.eq_ignore_ascii_case("[merge"))
                    && l.get(6..) == Some("\"tolk\"]")
            })
        })
    };
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let xdg = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| home.as_ref().map(|h| h.join(".config")));
    let defined = defines(git_dir.join("config"))
        || home.is_some_and(|h| defines(h.join(".gitconfig")))
        || xdg.is_some_and(|x| defines(x.join("git/config")));
    !defined
}

/// The folder the workspace is in (`.` for the current one), where `.gitattributes` goes.
fn root_of(ws: &Workspace) -> &Path {
    if ws.root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        ws.root.as_path()
    }
}

/// The memory as `.gitattributes` names it (`/`-separated).
fn memory_name(ws: &Workspace) -> String {
    ws.config.memory.display().to_string().replace('\\', "/")
}

/// The `.gitattributes` line that gives the memory tolk's merge driver.
fn merge_attribute(ws: &Workspace) -> String {
    format!("{} merge=tolk", memory_name(ws))
}

/// Appends the `lines` a file lacks; true when it changed.
fn add_lines(path: &Path, lines: &[String]) -> Result<bool, Error> {
    let io = |e: std::io::Error| Error::Io {
        path: path.to_path_buf(),
        reason: io_reason(&e),
    };
    let mut text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(io(e)),
    };
    let missing: Vec<&String> = lines
        .iter()
        .filter(|l| !text.lines().any(|x| x.trim() == l.as_str()))
        .collect();
    if missing.is_empty() {
        return Ok(false);
    }
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for l in missing {
        text.push_str(l);
        text.push('\n');
    }
    write_atomic(path, text.as_bytes()).map_err(io)?;
    Ok(true)
}

/// `s` quoted for the shell git runs textconv with, where it needs quoting.
fn shell_quote(s: &str) -> String {
    if s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"/._-+".contains(&b))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// git reads a section's name in any case: a driver set up by hand as `[Merge "tolk"]` is
    /// set up; a `.gitattributes` that does not name the driver asks for nothing.
    #[test]
    fn the_merge_driver_is_found_as_git_reads_its_config() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        let ws = Workspace::open(dir.path()).unwrap();
        std::fs::write(dir.path().join(".git/config"), "[core]\n\tbare = false\n").unwrap();
        assert!(!merge_driver_missing(&ws), "no .gitattributes");
        std::fs::write(
            dir.path().join(".gitattributes"),
            "translations.db diff=tolk\ntranslations.db merge=tolk\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join(".git/config"),
            "[core]\n\tbare = false\n[Merge \"tolk\"]\n\tdriver = tolk merge-driver %O %A %B %P\n",
        )
        .unwrap();
        assert!(!merge_driver_missing(&ws), "set up by hand");
    }
}
