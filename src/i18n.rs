//! Messages people read, from the Fluent files in `locales/` (embedded in the binary).
//!
//! tolk speaks English, Danish, Swedish and Norwegian Bokmål. The language is chosen by
//! [`negotiate`]: an explicit choice, then `TOLK_UI_LANG`, `LC_ALL`, `LC_MESSAGES`, `LANG`;
//! English when none matches.

use std::borrow::Cow;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// The languages tolk speaks, with their Fluent sources (messages, then the command line's
/// help).
pub const LOCALES: &[(&str, &str)] = &[
    (
        "en",
        concat!(
            include_str!("../locales/en/tolk.ftl"),
            "\n",
            include_str!("../locales/en/help.ftl")
        ),
    ),
    (
        "da",
        concat!(
            include_str!("../locales/da/tolk.ftl"),
            "\n",
            include_str!("../locales/da/help.ftl")
        ),
    ),
    (
        "sv",
        concat!(
            include_str!("../locales/sv/tolk.ftl"),
            "\n",
            include_str!("../locales/sv/help.ftl")
        ),
    ),
    (
        "nb",
        concat!(
            include_str!("../locales/nb/tolk.ftl"),
            "\n",
            include_str!("../locales/nb/help.ftl")
        ),
    ),
];

/// Picks the UI language: `explicit` (from `--ui-lang`), else the environment variables in
/// order. Values like `da_DK.UTF-8`, `sv-SE`, `no` and `nn` are understood; `C` and `POSIX`
/// mean English.
pub fn negotiate(explicit: Option<&str>, env: &dyn Fn(&str) -> Option<String>) -> &'static str {
    let mut candidates: Vec<String> = Vec::new();
    candidates.extend(explicit.map(str::to_string));
    for var in ["TOLK_UI_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        if let Some(v) = env(var).filter(|v| !v.is_empty()) {
            // LANGUAGE may list several, separated by colons.
            candidates.extend(v.split(':').map(str::to_string));
        }
    }
    for c in candidates {
        let base = c.split(['.', '@']).next().unwrap_or("");
        let lang = base
            .split(['_', '-'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let code = match lang.as_str() {
            "no" | "nn" | "nb" => "nb",
            "c" | "posix" => return "en",
            other => other,
        };
        if let Some((code, _)) = LOCALES.iter().find(|(l, _)| *l == code) {
            return code;
        }
    }
    "en"
}

/// A message catalogue in one language, falling back to English message by message.
pub struct Localizer {
    lang: &'static str,
    bundle: FluentBundle<FluentResource>,
    fallback: FluentBundle<FluentResource>,
}

/// Arguments of a message.
pub type Args<'a> = FluentArgs<'a>;

fn bundle(lang: &str) -> FluentBundle<FluentResource> {
    let (_, src) = LOCALES
        .iter()
        .find(|(l, _)| *l == lang)
        .unwrap_or(&LOCALES[0]);
    let langid: LanguageIdentifier = lang.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new(vec![langid]);
    // Terminal output: no U+2068/U+2069 around variables.
    bundle.set_use_isolating(false);
    let resource = FluentResource::try_new(src.to_string()).unwrap_or_else(|(res, _)| res);
    bundle.add_resource_overriding(resource);
    bundle
}

impl Localizer {
    pub fn new(lang: &str) -> Localizer {
        let lang = LOCALES
            .iter()
            .find(|(l, _)| *l == lang)
            .map_or("en", |(l, _)| l);
        Localizer {
            lang,
            bundle: bundle(lang),
            fallback: bundle("en"),
        }
    }

    pub fn lang(&self) -> &'static str {
        self.lang
    }

    /// The message `id` with `args`; the id itself if no language has it.
    pub fn tr(&self, id: &str, args: Option<&Args>) -> String {
        for b in [&self.bundle, &self.fallback] {
            if let Some(pattern) = b.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return b.format_pattern(pattern, args, &mut errors).into_owned();
            }
        }
        id.to_string()
    }

    /// Does this language define `id` itself (without falling back)?
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }
}

/// Builds [`Args`] from pairs; numbers stay numbers so plurals work.
pub fn args<'a, I>(pairs: I) -> Args<'a>
where
    I: IntoIterator<Item = (&'a str, Value<'a>)>,
{
    let mut a = FluentArgs::new();
    for (k, v) in pairs {
        a.set(
            k,
            match v {
                Value::Str(s) => FluentValue::String(s),
                Value::Num(n) => FluentValue::from(n),
            },
        );
    }
    a
}

/// A message argument.
pub enum Value<'a> {
    Str(Cow<'a, str>),
    Num(f64),
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(s: &'a str) -> Self {
        Value::Str(Cow::Borrowed(s))
    }
}

impl From<String> for Value<'_> {
    fn from(s: String) -> Self {
        Value::Str(Cow::Owned(s))
    }
}

impl From<usize> for Value<'_> {
    fn from(n: usize) -> Self {
        Value::Num(n as f64)
    }
}

impl From<i64> for Value<'_> {
    fn from(n: i64) -> Self {
        Value::Num(n as f64)
    }
}

impl From<f64> for Value<'_> {
    fn from(n: f64) -> Self {
        Value::Num(n)
    }
}

/// `tr!(l, "id")` or `tr!(l, "id", name = value, ...)`.
#[macro_export]
macro_rules! tr {
    ($l:expr, $id:expr) => {
        $l.tr($id, None)
    };
    ($l:expr, $id:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $l.tr($id, Some(&$crate::i18n::args([$((stringify!($name), $crate::i18n::Value::from($value))),+])))
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::ast;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn negotiation_order() {
        assert_eq!(
            negotiate(Some("sv"), &env(&[("LANG", "da_DK.UTF-8")])),
            "sv"
        );
        assert_eq!(negotiate(None, &env(&[("LANG", "da_DK.UTF-8")])), "da");
        assert_eq!(
            negotiate(None, &env(&[("LC_ALL", "nb_NO.UTF-8"), ("LANG", "da")])),
            "nb"
        );
        assert_eq!(
            negotiate(None, &env(&[("TOLK_UI_LANG", "no"), ("LANG", "da")])),
            "nb"
        );
        assert_eq!(negotiate(None, &env(&[("LANG", "C.UTF-8")])), "en");
        assert_eq!(negotiate(None, &env(&[("LANG", "fr_FR.UTF-8")])), "en");
    }

    #[test]
    fn plurals_follow_the_language() {
        let da = Localizer::new("da");
        assert_eq!(tr!(da, "segments-count", count = 1usize), "1 segment");
        assert_eq!(tr!(da, "segments-count", count = 3usize), "3 segmenter");
        let en = Localizer::new("en");
        assert_eq!(tr!(en, "segments-count", count = 3usize), "3 segments");
    }

    /// Message ids and the variables each message uses, per language.
    fn catalogue(src: &str) -> Vec<(String, Vec<String>)> {
        let res = fluent_syntax::parser::parse(src).expect("valid Fluent");
        let mut out = Vec::new();
        for entry in res.body {
            if let ast::Entry::Message(m) = entry {
                let mut vars = Vec::new();
                if let Some(p) = &m.value {
                    collect_vars(p, &mut vars);
                }
                vars.sort();
                vars.dedup();
                out.push((m.id.name.to_string(), vars));
            }
        }
        out.sort();
        out
    }

    fn collect_vars(p: &ast::Pattern<&str>, vars: &mut Vec<String>) {
        for el in &p.elements {
            if let ast::PatternElement::Placeable { expression } = el {
                collect_expr(expression, vars);
            }
        }
    }

    fn collect_expr(e: &ast::Expression<&str>, vars: &mut Vec<String>) {
        match e {
            ast::Expression::Select { selector, variants } => {
                if let ast::InlineExpression::VariableReference { id } = selector {
                    vars.push(id.name.to_string());
                }
                for v in variants {
                    collect_vars(&v.value, vars);
                }
            }
            ast::Expression::Inline(ast::InlineExpression::VariableReference { id }) => {
                vars.push(id.name.to_string())
            }
            ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
                collect_expr(expression, vars)
            }
            _ => {}
        }
    }

    #[test]
    fn every_language_has_every_message_with_the_same_variables() {
        let en = catalogue(LOCALES[0].1);
        assert!(!en.is_empty());
        for (lang, src) in &LOCALES[1..] {
            let other = catalogue(src);
            let ids =
                |c: &[(String, Vec<String>)]| c.iter().map(|(i, _)| i.clone()).collect::<Vec<_>>();
            assert_eq!(
                ids(&other),
                ids(&en),
                "message ids of {lang} differ from en"
            );
            for ((id, v_en), (_, v_other)) in en.iter().zip(&other) {
                // A translation may leave out a variable only where a plural form spells it out.
                for v in v_other {
                    assert!(
                        v_en.contains(v),
                        "{lang}: {id} uses ${v}, which en does not pass"
                    );
                }
                for v in v_en {
                    assert!(v_other.contains(v), "{lang}: {id} does not use ${v}");
                }
            }
        }
    }
}
