//! The machine translation providers tolk speaks, each by its documented protocol:
//! OpenAI-compatible chat completions, DeepL API v2, and an external command (JSON lines).
//!
//! HTTP is ureq's: blocking and small (no async runtime for a CLI that has a few requests in
//! flight, each on its own thread), with rustls for TLS. A request that fails with 429 or 5xx,
//! or does not answer in time, is tried again after a backoff (or the server's `Retry-After`).

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;

use crate::config::mt::{Provider as Kind, Settings};

/// One segment to translate, as sent.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// The segment's id in this run.
    pub id: String,
    /// The kind of segment (`heading`, `list-item`, `front-matter` ...).
    pub kind: String,
    /// The text, protected parts as placeholders.
    pub text: String,
    pub context: Context,
    /// The glossary entries found in the text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub glossary: Vec<GlossaryHint>,
}

/// What a translator would look at besides the segment itself.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq, Hash)]
pub struct Context {
    /// The posting's title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The headings the segment stands under, outermost first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub headings: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// For a stale segment: the English its translation was made from ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_source: Option<String>,
    /// ... and that translation (keep what is still right).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_translation: Option<String>,
}

/// A glossary entry sent with a segment.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct GlossaryHint {
    pub source: String,
    /// The fixed translation; `None`: keep the term as it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub forbidden: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Why a request failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProviderError {
    /// `[mt]` is incomplete (what is missing).
    #[error("not-configured: {0}")]
    NotConfigured(String),
    /// The environment variable with the API key is not set.
    #[error("no-key: {0}")]
    NoKey(String),
    /// The provider answered with an HTTP error (status, start of the body).
    #[error("http {0}: {1}")]
    Http(u16, String),
    /// No connection, or no answer in time.
    #[error("unreachable: {0}")]
    Unreachable(String),
    /// The answer is not what the protocol says (what was wrong).
    #[error("bad-answer: {0}")]
    BadAnswer(String),
    /// The command could not run or failed (why).
    #[error("command: {0}")]
    Command(String),
}

impl ProviderError {
    /// A short code for messages and JSON.
    pub fn code(&self) -> &'static str {
        match self {
            ProviderError::NotConfigured(_) => "not-configured",
            ProviderError::NoKey(_) => "no-key",
            ProviderError::Http(..) => "http",
            ProviderError::Unreachable(_) => "unreachable",
            ProviderError::BadAnswer(_) => "bad-answer",
            ProviderError::Command(_) => "command",
        }
    }
}

/// One try's outcome: done, failed for good, or worth another try (after at least this long).
enum Try {
    Done(BTreeMap<String, String>),
    Fatal(ProviderError),
    Again(ProviderError, Option<Duration>),
}

/// A provider ready to be asked.
pub struct Client {
    kind: Kind,
    settings: Settings,
    source_lang: String,
    key: Option<String>,
    agent: ureq::Agent,
}

/// The largest answer body read.
const BODY_LIMIT: u64 = 16 * 1024 * 1024;

impl Client {
    /// A client for the `[mt]` settings, with the API key read from the environment.
    pub fn new(settings: &Settings, source_lang: &str) -> Result<Client, ProviderError> {
        let kind = settings
            .provider
            .ok_or_else(|| ProviderError::NotConfigured("provider".into()))?;
        match kind {
            Kind::OpenAi | Kind::DeepL if settings.base_url.is_none() => {
                return Err(ProviderError::NotConfigured("base_url".into()));
            }
            Kind::OpenAi if settings.model.is_none() => {
                return Err(ProviderError::NotConfigured("model".into()));
            }
            Kind::Command if settings.command.is_empty() => {
                return Err(ProviderError::NotConfigured("command".into()));
            }
            _ => {}
        }
        let key = match &settings.api_key_env {
            Some(var) => match std::env::var(var) {
                Ok(v) if !v.is_empty() => Some(v),
                _ => return Err(ProviderError::NoKey(var.clone())),
            },
            None if kind == Kind::DeepL => {
                return Err(ProviderError::NotConfigured("api_key_env".into()));
            }
            None => None,
        };
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(settings.timeout.max(1))))
            .http_status_as_error(false)
            .user_agent(concat!("tolk/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Ok(Client {
            kind,
            settings: settings.clone(),
            source_lang: source_lang.to_string(),
            key,
            agent,
        })
    }

    /// The provider's name as recorded in the memory (`openai`, `deepl`, `command`).
    pub fn name(&self) -> &'static str {
        self.kind.as_str()
    }

    /// The model, as recorded in the memory.
    pub fn model(&self) -> Option<String> {
        match self.kind {
            Kind::Command => self.settings.command.first().cloned(),
            _ => self.settings.model.clone(),
        }
    }

    /// Whether the provider reads texts as XML (entities escaped).
    pub fn escapes(&self) -> bool {
        self.kind == Kind::DeepL
    }

    /// Whether kept glossary terms are sent as placeholders (a provider that cannot be told).
    pub fn masks_kept_terms(&self) -> bool {
        self.kind == Kind::DeepL
    }

    /// Whether one request holds segments of one posting only (its context is per request).
    pub fn per_posting(&self) -> bool {
        self.kind == Kind::DeepL
    }

    /// Translates a batch into `lang`: id -> answer, for the ids the provider answered. Tries
    /// again on 429, 5xx and no answer, as `[mt]` says.
    pub fn translate(
        &self,
        lang: &str,
        items: &[Item],
    ) -> Result<BTreeMap<String, String>, ProviderError> {
        let tries = self.settings.tries.max(1);
        let mut wait = Duration::from_secs_f64(self.settings.backoff.max(0.0));
        let max_wait = Duration::from_secs_f64(self.settings.max_wait.max(0.0));
        let mut attempt = 1;
        loop {
            let outcome = match self.kind {
                Kind::OpenAi => self.openai(lang, items),
                Kind::DeepL => self.deepl(lang, items),
                Kind::Command => self.command(lang, items),
            };
            match outcome {
                Try::Done(m) => return Ok(m),
                Try::Fatal(e) => return Err(e),
                Try::Again(e, _) if attempt >= tries => return Err(e),
                Try::Again(_, after) => {
                    // A real wait between tries of a remote service, not synchronisation.
                    std::thread::sleep(after.unwrap_or(wait).min(max_wait));
                    wait = (wait * 2).min(max_wait);
                    attempt += 1;
                }
            }
        }
    }

    /// POSTs a JSON body; the answer's body, or how the try failed.
    fn post(&self, url: &str, auth: Option<String>, body: &Value) -> Result<String, Try> {
        let mut req = self
            .agent
            .post(url)
            .header("Content-Type", "application/json");
        if let Some(a) = auth {
            req = req.header("Authorization", a);
        }
        let resp = match req.send(body.to_string()) {
            Ok(r) => r,
            Err(e) => {
                return Err(Try::Again(ProviderError::Unreachable(e.to_string()), None));
            }
        };
        let status = resp.status().as_u16();
        let retry_after = resp
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s >= 0.0)
            .map(Duration::from_secs_f64);
        let text = resp
            .into_body()
            .with_config()
            .limit(BODY_LIMIT)
            .read_to_string();
        let text = match text {
            Ok(t) => t,
            Err(e) if status == 200 => {
                return Err(Try::Again(ProviderError::Unreachable(e.to_string()), None));
            }
            Err(_) => String::new(),
        };
        if status == 429 || status >= 500 {
            return Err(Try::Again(
                ProviderError::Http(status, excerpt(&text)),
                retry_after,
            ));
        }
        if status != 200 {
            return Err(Try::Fatal(ProviderError::Http(status, excerpt(&text))));
        }
        Ok(text)
    }

    fn openai(&self, lang: &str, items: &[Item]) -> Try {
        let base = self.settings.base_url.as_deref().unwrap_or_default();
        let url = format!("{}/chat/completions", base.trim_end_matches('/'));
        let user = serde_json::json!({
            "source_language": self.source_lang,
            "target_language": lang,
            "segments": items,
        });
        let body = serde_json::json!({
            "model": self.settings.model,
            "temperature": 0,
            "response_format": {"type": "json_object"},
            "messages": [
                {"role": "system", "content": self.instructions(lang)},
                {"role": "user", "content": user.to_string()},
            ],
        });
        let text = match self.post(
            &url,
            self.key.as_ref().map(|k| format!("Bearer {k}")),
            &body,
        ) {
            Ok(t) => t,
            Err(t) => return t,
        };
        match parse_openai(&text) {
            Ok(m) => Try::Done(m),
            Err(e) => Try::Fatal(e),
        }
    }

    /// The system message: what to do, how to answer, and the language's own instructions.
    fn instructions(&self, lang: &str) -> String {
        let mut s = format!(
            "You translate segments of a web page (a job posting) from {} to {lang}. Answer with \
             one JSON object {{\"translations\": {{\"<id>\": \"<translation>\"}}}} that has every \
             segment id. Every placeholder such as <x id=\"1\"/> stands for markup: keep each \
             one exactly once, unchanged, where it belongs in the sentence. Keep Markdown \
             emphasis (*, **, _) and line breaks as in the text. Translate the text only: the \
             context (title, headings, previous and next segment) is there to help. Where \
             old_source and old_translation are given, the English changed from old_source: \
             keep the wording of old_translation that is still right. Follow the glossary: a \
             term with a translation is translated so, a term without one is kept as it is, and \
             a forbidden translation is never used.",
            self.source_lang
        );
        if let Some(extra) = self.settings.instructions.get(lang) {
            s.push(' ');
            s.push_str(extra);
        }
        s
    }

    fn deepl(&self, lang: &str, items: &[Item]) -> Try {
        let base = self.settings.base_url.as_deref().unwrap_or_default();
        let url = format!("{}/v2/translate", base.trim_end_matches('/'));
        let texts: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
        let mut body = serde_json::json!({
            "text": texts,
            "source_lang": self.source_lang.to_uppercase(),
            "target_lang": lang.to_uppercase(),
            "tag_handling": "xml",
            "ignore_tags": ["x"],
        });
        // One posting per request: its title and the segments around the first one.
        if let Some(first) = items.first() {
            let c = &first.context;
            let context: Vec<&str> = c
                .title
                .iter()
                .chain(&c.headings)
                .chain(&c.previous)
                .chain(&c.next)
                .map(String::as_str)
                .collect();
            if !context.is_empty() {
                body["context"] = Value::String(context.join("\n"));
            }
        }
        if let Some(g) = self.settings.deepl_glossary.get(lang) {
            body["glossary_id"] = Value::String(g.clone());
        }
        let auth = self.key.as_ref().map(|k| format!("DeepL-Auth-Key {k}"));
        let text = match self.post(&url, auth, &body) {
            Ok(t) => t,
            Err(t) => return t,
        };
        let v: Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => return Try::Fatal(ProviderError::BadAnswer(e.to_string())),
        };
        let Some(list) = v.get("translations").and_then(Value::as_array) else {
            return Try::Fatal(ProviderError::BadAnswer("no translations".into()));
        };
        if list.len() != items.len() {
            return Try::Fatal(ProviderError::BadAnswer(format!(
                "{} translations for {} texts",
                list.len(),
                items.len()
            )));
        }
        let mut out = BTreeMap::new();
        for (item, t) in items.iter().zip(list) {
            match t.get("text").and_then(Value::as_str) {
                Some(s) => {
                    out.insert(item.id.clone(), s.to_string());
                }
                None => {
                    return Try::Fatal(ProviderError::BadAnswer(
                        "a translation without text".into(),
                    ));
                }
            }
        }
        Try::Done(out)
    }

    /// Runs the command with one JSON line per segment on stdin; reads one JSON line per
    /// answer (`{"id": ..., "text": ...}`) from stdout, within the timeout.
    fn command(&self, lang: &str, items: &[Item]) -> Try {
        let (program, args) = match self.settings.command.split_first() {
            Some(p) => p,
            None => return Try::Fatal(ProviderError::NotConfigured("command".into())),
        };
        let mut child = match std::process::Command::new(program)
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
        {
            Ok(c) => c,
            Err(e) => {
                return Try::Fatal(ProviderError::Command(format!(
                    "{program}: {}",
                    crate::fsio::io_reason(&e)
                )));
            }
        };
        let mut lines = String::new();
        for item in items {
            let mut v = serde_json::to_value(item).unwrap_or(Value::Null);
            v["source_language"] = Value::String(self.source_lang.clone());
            v["target_language"] = Value::String(lang.to_string());
            if let Some(extra) = self.settings.instructions.get(lang) {
                v["instructions"] = Value::String(extra.clone());
            }
            lines.push_str(&v.to_string());
            lines.push('\n');
        }
        let stdin = child.stdin.take();
        let stdout = child.stdout.take();
        let stderr = child.stderr.take();
        let (tx, rx) = std::sync::mpsc::channel();
        // Writing, reading and waiting each on a thread, so a command that stops reading or
        // never ends is killed at the timeout.
        std::thread::spawn(move || {
            if let Some(mut i) = stdin {
                let _ = i.write_all(lines.as_bytes());
            }
        });
        let err_reader = std::thread::spawn(move || {
            let mut s = String::new();
            if let Some(mut e) = stderr {
                let _ = std::io::Read::read_to_string(&mut e, &mut s);
            }
            s
        });
        std::thread::spawn(move || {
            let mut out = Vec::new();
            if let Some(o) = stdout {
                for line in std::io::BufReader::new(o).lines() {
                    match line {
                        Ok(l) => out.push(l),
                        Err(_) => break,
                    }
                }
            }
            let _ = tx.send(out);
        });
        let timeout = Duration::from_secs(self.settings.timeout.max(1));
        let out = match rx.recv_timeout(timeout) {
            Ok(o) => o,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                return Try::Again(
                    ProviderError::Command(format!(
                        "{program}: no answer in {}s",
                        timeout.as_secs()
                    )),
                    None,
                );
            }
        };
        let status = child.wait();
        let errors = err_reader.join().unwrap_or_default();
        match status {
            Ok(s) if s.success() => {}
            Ok(s) => {
                return Try::Fatal(ProviderError::Command(format!(
                    "{program}: {s}: {}",
                    excerpt(&errors)
                )));
            }
            Err(e) => return Try::Fatal(ProviderError::Command(e.to_string())),
        }
        let mut map = BTreeMap::new();
        for (n, line) in out.iter().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let v: Value = match serde_json::from_str(line) {
                Ok(v) => v,
                Err(e) => {
                    return Try::Fatal(ProviderError::BadAnswer(format!("line {}: {e}", n + 1)));
                }
            };
            match (
                v.get("id").and_then(Value::as_str),
                v.get("text").and_then(Value::as_str),
            ) {
                (Some(id), Some(t)) => {
                    map.insert(id.to_string(), t.to_string());
                }
                _ => {
                    return Try::Fatal(ProviderError::BadAnswer(format!(
                        "line {}: no id or text",
                        n + 1
                    )));
                }
            }
        }
        Try::Done(map)
    }
}

/// The start of a text, for error messages.
fn excerpt(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// The translations of a chat completion: its first choice's content, a JSON object (in a code
/// fence or not) keyed by segment id, under `translations` or at the top.
pub fn parse_openai(body: &str) -> Result<BTreeMap<String, String>, ProviderError> {
    let bad = |s: String| ProviderError::BadAnswer(s);
    let v: Value = serde_json::from_str(body).map_err(|e| bad(e.to_string()))?;
    let choice = v
        .get("choices")
        .and_then(|c| c.get(0))
        .ok_or_else(|| bad("no choices".into()))?;
    if choice.get("finish_reason").and_then(Value::as_str) == Some("length") {
        return Err(bad("the answer was cut off (finish_reason length)".into()));
    }
    let content = choice
        .get("message")
        .and_then(|m| m.get("content"))
        .and_then(Value::as_str)
        .ok_or_else(|| bad("no message content".into()))?;
    let trimmed = content.trim();
    let inner = trimmed
        .strip_prefix("```json")
        .or_else(|| trimmed.strip_prefix("```"))
        .and_then(|s| s.strip_suffix("```"))
        .unwrap_or(trimmed);
    let parsed: Value = serde_json::from_str(inner.trim()).map_err(|e| bad(e.to_string()))?;
    let map = parsed
        .get("translations")
        .unwrap_or(&parsed)
        .as_object()
        .ok_or_else(|| bad("not a JSON object".into()))?;
    let mut out = BTreeMap::new();
    for (k, v) in map {
        match v.as_str() {
            Some(s) => {
                out.insert(k.clone(), s.to_string());
            }
            None => return Err(bad(format!("{k}: not a string"))),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chat_answers_are_read_in_a_fence_or_not_and_cut_off_ones_refused() {
        let body = |content: &str, finish: &str| {
            serde_json::json!({"choices": [{"message": {"role": "assistant", "content": content},
                                            "finish_reason": finish}]})
            .to_string()
        };
        let m = parse_openai(&body("{\"translations\": {\"s1\": \"Hej\"}}", "stop")).unwrap();
        assert_eq!(m["s1"], "Hej");
        let m = parse_openai(&body("```json\n{\"s1\": \"Hej\"}\n```", "stop")).unwrap();
        assert_eq!(m["s1"], "Hej");
        assert!(matches!(
            parse_openai(&body("{\"translations\": {\"s1\": \"He", "length")),
            Err(ProviderError::BadAnswer(_))
        ));
        assert!(matches!(
            parse_openai("{\"choices\": [{\"message\": {\"content\": \"{\\\"s1\\\": 3}\"}}]}"),
            Err(ProviderError::BadAnswer(_))
        ));
    }
}
