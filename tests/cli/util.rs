use std::path::{Path, PathBuf};
use std::process::Command;

use tolk::config::Rules;
use tolk::segment;

/// The real corpus, or `None` (and a line saying the tests were skipped). Where it must be
/// there (`TOLK_REQUIRE_SHARED=1`, as `.ci/run` sets), its absence fails the test instead.
pub fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/safespring");
    if dir.is_dir() {
        return Some(dir);
    }
    require_shared(&dir);
    eprintln!(
        "SKIPPED: {} is absent; the real-corpus tests did not run",
        dir.display()
    );
    None
}

/// Fails when `TOLK_REQUIRE_SHARED=1` says `../shared` must be there (CI), naming what is absent.
pub fn require_shared(what: &Path) {
    if std::env::var("TOLK_REQUIRE_SHARED").is_ok_and(|v| v == "1") {
        panic!(
            "{} is absent, and TOLK_REQUIRE_SHARED=1 says it must be there",
            what.display()
        );
    }
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.md` file below `dir`, sorted.
pub fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            markdown_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "md") {
            out.push(p);
        }
    }
}

/// A fake translation, as mdbook-i18n-helpers' tests use: the text upper-cased, but for its
/// protected parts (link targets, code, shortcodes, HTML tags), which a translation keeps.
pub fn shout(text: &str, rules: &Rules) -> String {
    let mut out = String::new();
    let mut pos = 0;
    for p in segment::protected_parts(text, rules) {
        out.push_str(&text[pos..p.range.start].to_uppercase());
        out.push_str(&text[p.range.clone()]);
        pos = p.range.end;
    }
    out.push_str(&text[pos..].to_uppercase());
    out
}

/// What a run of tolk showed: stdout, stderr and the exit code.
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Output {
    /// stdout, stderr and the exit status in one text, for snapshots.
    pub fn all(&self) -> String {
        let mut s = self.stdout.clone();
        if !self.stderr.is_empty() {
            s.push_str("----- stderr -----\n");
            s.push_str(&self.stderr);
        }
        s.push_str(&format!("[exit status: {}]\n", self.code));
        s
    }
}

/// Runs tolk in `dir` with a clean, fixed environment and UI language `lang`.
pub fn tolk(dir: &Path, lang: &str, args: &[&str]) -> Output {
    tolk_with_input(dir, lang, args, None)
}

/// Runs tolk in `dir` with extra environment variables (after the fixed ones).
pub fn tolk_with_env(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    run(dir, "en", env, args, None)
}

pub fn tolk_with_input(dir: &Path, lang: &str, args: &[&str], input: Option<&str>) -> Output {
    run(dir, lang, &[], args, input)
}

fn run(
    dir: &Path,
    lang: &str,
    extra: &[(&str, &str)],
    args: &[&str],
    input: Option<&str>,
) -> Output {
    use std::io::Write;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tolk"));
    cmd.current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("TOLK_UI_LANG", lang)
        .env("NO_COLOR", "1")
        .env("TOLK_NOW", "2026-11-28T12:00:00Z")
        .env("USER", "tester")
        .envs(extra.iter().copied())
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("tolk runs");
    {
        let mut stdin = child.stdin.take().unwrap();
        if let Some(input) = input {
            stdin.write_all(input.as_bytes()).unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    let clean = |b: &[u8]| String::from_utf8_lossy(b).replace(&dir.display().to_string(), "$WORK");
    Output {
        stdout: clean(&out.stdout),
        stderr: clean(&out.stderr),
        code: out.status.code().unwrap_or(-1),
    }
}

/// tolk with `args` in `dir` for a session on a pseudo-terminal: a clean environment, the
/// English interface, a terminal without colour.
pub fn terminal_command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tolk"));
    cmd.current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("TOLK_UI_LANG", "en")
        .args(args);
    cmd
}

/// A temporary folder that holds a copy of `postings/` (never the committed memory).
pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

impl TestEnv {
    pub fn empty() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A workspace translating into Danish only, with one posting (`career/a.md`) in English
    /// and Danish, synced: the Danish recorded as the translation of this English.
    pub fn danish_pair(english: &str, danish: &str) -> TestEnv {
        let env = TestEnv::empty();
        env.write("tolk.toml", "targets = [\"da\"]\n");
        env.write("postings/en/career/a.md", english);
        env.write("postings/da/career/a.md", danish);
        let out = env.tolk("en", &["sync"]);
        assert_eq!(out.code, 0, "{}", out.all());
        env
    }

    pub fn with_postings() -> TestEnv {
        let env = TestEnv::empty();
        copy_dir(&repo().join("postings"), &env.path().join("postings"));
        env
    }

    /// The shipped postings with the English the translations were made from (before the demo
    /// posting's English edit), so every translation starts current.
    pub fn translated() -> TestEnv {
        let env = TestEnv::with_postings();
        env.write(
            "postings/en/career/cloud-engineer.md",
            std::fs::read(repo().join("tests/fixtures/demo/cloud-engineer.v1.md")).unwrap(),
        );
        env
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, content).unwrap();
        p
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap()
    }

    pub fn tolk(&self, lang: &str, args: &[&str]) -> Output {
        tolk(self.path(), lang, args)
    }

    pub fn tolk_input(&self, lang: &str, args: &[&str], input: &str) -> Output {
        tolk_with_input(self.path(), lang, args, Some(input))
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// A copy of the shipped workspace: postings, tolk.toml and the memory.
pub fn shipped() -> TestEnv {
    let env = TestEnv::with_postings();
    std::fs::copy(repo().join("tolk.toml"), env.path().join("tolk.toml")).unwrap();
    std::fs::copy(
        repo().join("translations.db"),
        env.path().join("translations.db"),
    )
    .unwrap();
    env
}

/// Whether a real tool (a Debian package's command) is on PATH. Where `TOLK_REQUIRE_TOOLS` is
/// set (`.ci/run` as root, which installs them), a missing one fails the test; elsewhere the
/// test says it skips.
pub fn have_tool(tool: &str) -> bool {
    let ok = std::process::Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("TOLK_REQUIRE_TOOLS").is_none(),
            "{tool} is not installed, and TOLK_REQUIRE_TOOLS is set"
        );
        eprintln!("SKIPPED: {tool} is not installed (Debian's package; .ci/run installs it)");
    }
    ok
}
