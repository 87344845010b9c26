//! Every library error becomes one localized message (an id from `locales/`, its arguments and
//! an optional hint). This is the one place that knows how errors read.

use std::io::{self, Write};
use std::path::Path;

use tolk::config::ConfigError;
use tolk::i18n::{Args, Localizer, Value};
use tolk::posting::front_matter::Format;
use tolk::posting::{self, ErrorKind, FrontMatterError, ShortcodeError};
use tolk::tm::TmError;

/// A message to show: a Fluent id, its arguments, and a hint id (same arguments).
pub struct Message {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
    pub hint: Option<&'static str>,
}

pub enum Arg {
    Str(String),
    Num(usize),
    /// Another message, said in its place.
    Said(Box<Message>),
}

impl Message {
    pub fn new(id: &'static str) -> Message {
        Message {
            id,
            args: Vec::new(),
            hint: None,
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Message {
        self.args.push((name, Arg::Str(value.into())));
        self
    }

    pub fn num(mut self, name: &'static str, value: usize) -> Message {
        self.args.push((name, Arg::Num(value)));
        self
    }

    pub fn hint(mut self, id: &'static str) -> Message {
        self.hint = Some(id);
        self
    }

    pub fn said(mut self, name: &'static str, value: Message) -> Message {
        self.args.push((name, Arg::Said(Box::new(value))));
        self
    }

    fn fluent_args(&self, l: &Localizer) -> Args<'_> {
        tolk::i18n::args(self.args.iter().map(|(k, v)| {
            (
                *k,
                match v {
                    Arg::Str(s) => Value::from(s.as_str()),
                    Arg::Num(n) => Value::from(*n),
                    Arg::Said(m) => Value::from(m.text(l)),
                },
            )
        }))
    }

    pub fn text(&self, l: &Localizer) -> String {
        l.tr(self.id, Some(&self.fluent_args(l)))
    }
}

/// Writes `error: ...` (and `hint: ...`) to `err`.
pub fn report(l: &Localizer, err: &mut dyn Write, m: &Message) -> io::Result<()> {
    write_prefixed(l, err, "error-prefix", m)
}

/// Writes each error once (`error: ...`), in order: a posting that could not be read is named
/// by the command for each language it was needed in, and by the syncs around it.
pub fn report_unique(
    l: &Localizer,
    err: &mut dyn Write,
    messages: impl IntoIterator<Item = Message>,
) -> io::Result<()> {
    let mut seen = std::collections::HashSet::new();
    for m in messages {
        if seen.insert(m.text(l)) {
            report(l, err, &m)?;
        }
    }
    Ok(())
}

/// Writes `warning: ...` to `err`.
pub fn warn(l: &Localizer, err: &mut dyn Write, m: &Message) -> io::Result<()> {
    write_prefixed(l, err, "warning-prefix", m)
}

fn write_prefixed(l: &Localizer, err: &mut dyn Write, prefix: &str, m: &Message) -> io::Result<()> {
    writeln!(err, "{}: {}", l.tr(prefix, None), m.text(l))?;
    if let Some(h) = m.hint {
        writeln!(
            err,
            "  {}: {}",
            l.tr("hint-prefix", None),
            l.tr(h, Some(&m.fluent_args(l)))
        )?;
    }
    Ok(())
}

pub fn io(path: &Path, reason: &str) -> Message {
    io_message(path, reason, "error-io-other")
}

/// The message for a file tolk could not write.
pub fn io_write(path: &Path, reason: &str) -> Message {
    io_message(path, reason, "error-write-other")
}

/// A file's I/O error: the reasons every person meets told as such, any other as `other`.
fn io_message(path: &Path, reason: &str, other: &'static str) -> Message {
    let id = match reason {
        "not-found" => "error-io-not-found",
        "permission-denied" => "error-io-permission-denied",
        "is-a-directory" => "error-io-is-a-directory",
        "not-a-directory" => "error-io-not-a-directory",
        "symlink-loop" => "error-io-symlink-loop",
        _ => other,
    };
    Message::new(id)
        .arg("path", path.display().to_string())
        .arg("reason", reason)
}

fn format_name(f: Format) -> (&'static str, &'static str) {
    match f {
        Format::Yaml => ("YAML", "---"),
        Format::Toml => ("TOML", "+++"),
        Format::Json => ("JSON", "}"),
    }
}

/// The message for a posting that could not be read.
pub fn posting(e: &posting::Error) -> Message {
    let path = e.path.display().to_string();
    let base = |id| {
        Message::new(id)
            .arg("path", path.clone())
            .num("line", e.line)
    };
    match &e.kind {
        ErrorKind::Io(reason) => io(&e.path, reason),
        ErrorKind::Unwritable(reason) => io_write(&e.path, reason),
        ErrorKind::InvalidUtf8 => base("error-invalid-utf8").hint("hint-invalid-utf8"),
        ErrorKind::NulByte => base("error-nul-byte"),
        ErrorKind::Empty => base("error-empty"),
        ErrorKind::ConflictMarkers => base("error-conflict-markers").hint("hint-conflict-markers"),
        ErrorKind::TooLarge(bytes) => {
            base("error-too-large").num("megabytes", (*bytes / (1024 * 1024)) as usize)
        }
        ErrorKind::FrontMatter(fm) => match fm {
            FrontMatterError::Unterminated { format, .. } => {
                let (name, delim) = format_name(*format);
                base("error-fm-unterminated")
                    .arg("format", name)
                    .arg("delim", delim)
                    .hint(match format {
                        Format::Json => "hint-fm-json-unterminated",
                        _ => "hint-fm-unterminated",
                    })
            }
            FrontMatterError::Invalid {
                format, message, ..
            } => base("error-fm-invalid")
                .arg("format", format_name(*format).0)
                .arg("message", message.clone()),
            FrontMatterError::DuplicateKey { key, .. } => base("error-fm-duplicate")
                .arg("key", key.clone())
                .hint("hint-fm-duplicate"),
            FrontMatterError::NotAMapping { .. } => base("error-fm-not-mapping"),
        },
        ErrorKind::Shortcode(sc) => match sc {
            ShortcodeError::Unterminated { .. } => {
                base("error-sc-unterminated").hint("hint-sc-unterminated")
            }
            ShortcodeError::Malformed { .. } => base("error-sc-malformed"),
            ShortcodeError::Unquoted { found, .. } => base("error-sc-unquoted")
                .arg("char", found.to_string())
                .hint("hint-sc-unquoted"),
            ShortcodeError::MixedParams { .. } => base("error-sc-mixed-params"),
            ShortcodeError::UnexpectedClose { name, .. } => base("error-sc-unexpected-close")
                .arg("name", name.clone())
                .hint("hint-sc-unexpected-close"),
            ShortcodeError::Unclosed { name, .. } => {
                base("error-sc-unclosed").arg("name", name.clone())
            }
            // Never an error (Hugo reads it), named here for completeness.
            ShortcodeError::MismatchedClose {
                name, open_name, ..
            } => base("warning-sc-mismatched-close")
                .arg("name", name.clone())
                .arg("open", open_name.clone())
                .num("open_line", 0),
        },
    }
}

/// A warning for something read past as Hugo does.
pub fn warning(path: &Path, w: &posting::Warning) -> Message {
    use tolk::posting::WarningKind;
    let shown = path.display().to_string();
    match &w.kind {
        WarningKind::Shortcode(sc) => posting(&posting::Error {
            path: path.to_path_buf(),
            line: w.line,
            kind: ErrorKind::Shortcode(sc.clone()),
        }),
        WarningKind::MismatchedClose {
            name,
            open_name,
            open_line,
        } => Message::new("warning-sc-mismatched-close")
            .arg("path", shown)
            .num("line", w.line)
            .arg("name", name.clone())
            .arg("open", open_name.clone())
            .num("open_line", *open_line),
        WarningKind::DuplicateKey { key, first_line } => Message::new("warning-fm-duplicate")
            .arg("path", shown)
            .num("line", w.line)
            .arg("key", key.clone())
            .num("first_line", *first_line),
    }
}

/// A warning for front matter that was read leniently.
pub fn lenient(path: &Path, fm: &FrontMatterError) -> Option<Message> {
    match fm {
        FrontMatterError::Invalid { line, message, .. } => Some(
            Message::new("warning-fm-lenient")
                .arg("path", path.display().to_string())
                .num("line", *line)
                .arg("message", message.clone()),
        ),
        _ => None,
    }
}

/// The message for a bad `tolk.toml`.
pub fn config(e: &ConfigError) -> Message {
    use tolk::config::ConfigErrorKind as K;
    let path = e.path.display().to_string();
    let (id, detail) = match &e.kind {
        K::InvalidLanguage(code) => ("error-config-language", code.clone()),
        K::SourceInTargets(code) => ("error-config-source-in-targets", code.clone()),
        K::InvalidGlob(glob) => ("error-config-glob", glob.clone()),
        other => ("error-config", other.to_string()),
    };
    Message::new(id)
        .arg("path", path)
        .num("line", e.line)
        .arg("detail", detail)
        .hint("hint-config")
}

/// The message for a memory that cannot be used.
pub fn tm(e: &TmError) -> Message {
    let p = |path: &Path| path.display().to_string();
    match e {
        TmError::Open { path, reason } => Message::new("error-tm-open")
            .arg("path", p(path))
            .arg("reason", reason.clone()),
        TmError::NotAMemory { path } => Message::new("error-tm-not-a-memory")
            .arg("path", p(path))
            .hint("hint-tm-not-a-memory"),
        TmError::Newer {
            path,
            found,
            supported,
        } => Message::new("error-tm-newer")
            .arg("path", p(path))
            .num("found", *found as usize)
            .num("supported", *supported as usize)
            .hint("hint-tm-newer"),
        TmError::Older { path, found } => Message::new("error-tm-older")
            .arg("path", p(path))
            .num("found", *found as usize),
        TmError::Locked { path } => Message::new("error-tm-locked")
            .arg("path", p(path))
            .hint("hint-tm-locked"),
        TmError::Sql { path, source } => Message::new("error-tm-sql")
            .arg("path", p(path))
            .arg("reason", source.to_string()),
    }
}

/// The message for an adoption that could not be done.
pub fn adopt(e: &tolk::adopt::Error) -> Message {
    use tolk::adopt::Error as E;
    match e {
        E::Tm(e) => tm(e),
        E::Io { path, reason } => io(path, reason),
        E::NoGit => Message::new("error-no-git").hint("hint-no-git"),
        E::NotARepository { path } => {
            Message::new("error-not-a-repository").arg("path", path.display().to_string())
        }
        E::Shallow { path } => Message::new("error-shallow-repository")
            .arg("path", path.display().to_string())
            .hint("hint-shallow-repository"),
    }
}

/// The message for a translation that could not be written.
pub fn translate(e: &tolk::translate::Error, file: &str) -> Message {
    use tolk::translate::Error as E;
    match e {
        E::Posting(p) => posting(p),
        E::Tm(t) => tm(t),
        E::Write { path, reason } if reason == "exists" => {
            Message::new("error-file-exists").arg("path", path.display().to_string())
        }
        E::Write { path, reason } => io(path, reason),
        E::NoSource { rel } => Message::new("error-no-source").arg("path", rel.clone()),
        E::NoSegment { key } => Message::new("error-no-segment")
            .arg("path", file.to_string())
            .arg("key", key.clone()),
        E::Outside { rel } => Message::new("error-outside-workspace").arg("path", rel.clone()),
        E::Breaks { path, why } => {
            let path = path.display().to_string();
            Message::new("error-answer-refused")
                .arg("path", path.clone())
                .said("why", refusal(why, &path))
        }
    }
}

/// Why a page would not take an answer (`translate`, `review`, `mt`, `import`); `file` is the
/// page as displayed.
/// `m` with where a page's shortcodes part from the English's (`nothing` said in the UI's
/// language where one has no more calls).
fn parting(m: Message, p: &tolk::translate::Parting) -> Message {
    let or_nothing = |m: Message, name, s: &Option<String>| match s {
        Some(s) => m.arg(name, s.clone()),
        None => m.said(name, Message::new("export-nothing")),
    };
    let m = or_nothing(m.num("call", p.call), "english", &p.english);
    or_nothing(m, "page", &p.page)
}

pub fn refusal(why: &tolk::translate::Refusal, file: &str) -> Message {
    use tolk::translate::Refusal as R;
    match why {
        R::Page(p) => parting(Message::new("refusal-page"), p),
        R::Shortcodes {
            page,
            line,
            parting: p,
        } => parting(Message::new("refusal-shortcodes"), p)
            .arg("file", page.display().to_string())
            .num("line", *line),
        R::Lost(key) => Message::new("refusal-lost").arg("key", key.clone()),
        R::Glued { page, line } => Message::new("refusal-glued")
            .arg("file", page.display().to_string())
            .num("line", *line),
        R::Unreadable(e) => Message::new("refusal-unreadable").said("detail", translate(e, file)),
        R::Write { path, reason } => {
            Message::new("refusal-write").said("detail", io_write(path, reason))
        }
    }
}

/// Writes a content check's finding as a warning: `file:line: segment KEY: what`.
pub fn warn_problem(
    l: &Localizer,
    err: &mut dyn Write,
    file: &str,
    line: usize,
    key: &str,
    p: &tolk::inspect::Problem,
) -> io::Result<()> {
    let args = tolk::i18n::args([
        ("key", Value::from(key)),
        ("detail", Value::from(p.detail.as_str())),
    ]);
    let text = l.tr(&format!("problem-{}", p.kind.as_str()), Some(&args));
    writeln!(
        err,
        "{}: {file}:{line}: {text}",
        l.tr("warning-prefix", None)
    )
}
