use std::path::Path;

use proptest::prelude::*;
use tolk::config::Rules;
use tolk::posting::Posting;
use tolk::segment::{self, Kind, Segment};

use crate::util::{markdown_files, repo, shout};

fn split(path: &Path, text: &str) -> (Posting, Vec<Segment>) {
    let rules = Rules::default();
    let p = Posting::parse(path, text.to_string(), &rules).unwrap();
    let s = segment::split(&p, &rules);
    (p, s)
}

/// Every shipped posting splits and splices back to the same bytes, upper-cased translations
/// change only the segments, and each translation has its English page's segment kinds.
#[test]
fn shipped_postings() {
    let rules = Rules::default();
    let mut files = Vec::new();
    markdown_files(&repo().join("postings/en"), &mut files);
    assert!(files.len() >= 3);
    for en in &files {
        let text = std::fs::read_to_string(en).unwrap();
        let (p, segs) = split(en, &text);
        assert_eq!(
            segment::splice(&text, &segs, |s| Some(s.text.clone())),
            text
        );
        let upper = segment::splice(&text, &segs, |s| Some(shout(&s.text, &rules)));
        let (_, again) = split(en, &upper);
        assert_eq!(kinds(&again), kinds(&segs));
        assert!(
            segs.iter().any(|s| s.kind == Kind::TableCell),
            "{}: no table",
            en.display()
        );
        assert!(segs.iter().any(|s| s.kind == Kind::ShortcodeParam));
        assert!(p.front_matter.is_some());
        // The translations of the demo posting were made from the English before its edit.
        let name = en
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .replace(".md", ".v1.md");
        let made_from = repo().join("tests/fixtures/demo").join(name);
        let segs = if made_from.exists() {
            split(&made_from, &std::fs::read_to_string(&made_from).unwrap()).1
        } else {
            segs
        };
        for lang in ["da", "sv", "nb"] {
            let rel = en.strip_prefix(repo().join("postings/en")).unwrap();
            let variant = repo().join("postings").join(lang).join(rel);
            let vtext = std::fs::read_to_string(&variant).unwrap();
            let (_, vsegs) = split(&variant, &vtext);
            assert_eq!(kinds(&vsegs), kinds(&segs), "{}", variant.display());
        }
    }
}

fn kinds(s: &[Segment]) -> Vec<(Kind, String)> {
    s.iter().map(|s| (s.kind, s.key.clone())).collect()
}

fn inline() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-zæøåÆØÅ ,.!?0-9]{1,30}",
        "[a-z]{1,8}".prop_map(|w| format!("**{w}**")),
        "[a-z]{1,8}".prop_map(|w| format!("*{w}*")),
        "[a-z]{1,8}".prop_map(|w| format!("`{w}`")),
        ("[a-z]{1,8}", "[a-z]{1,8}").prop_map(|(t, u)| format!("[{t}](https://x.example/{u})")),
        ("[a-z]{1,8}", "[a-z]{1,8}")
            .prop_map(|(t, u)| format!("[{t}]({{{{% relref \"/{u}.md\" %}}}})")),
        "[a-z]{1,8}".prop_map(|w| format!("{{{{< inline \"{w}\" >}}}}")),
        "[a-z]{1,8}".prop_map(|w| format!("<b>{w}</b>")),
        "[a-z]{1,8}".prop_map(|w| format!("![{w}](img/{w}.png)")),
        Just("{{</* ingress */>}}".to_string()),
    ]
}

fn line() -> impl Strategy<Value = String> {
    prop::collection::vec(inline(), 1..5).prop_map(|v| v.join(" "))
}

fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        (1..4usize, line()).prop_map(|(n, l)| format!("{} {l}", "#".repeat(n))),
        line().prop_map(|l| format!("## {l} {{#anchor}}")),
        prop::collection::vec(line(), 1..3).prop_map(|v| v.join("\n")),
        prop::collection::vec(line(), 1..3).prop_map(|v| v.join("  \n")),
        prop::collection::vec(line(), 1..4).prop_map(|v| v
            .iter()
            .map(|l| format!("- {l}"))
            .collect::<Vec<_>>()
            .join("\n")),
        (line(), line()).prop_map(|(a, b)| format!("1. {a}\n   - {b}")),
        (line(), line()).prop_map(|(a, b)| format!("| {a} | {b} |\n|---|:--|\n| {b} | {a} |")),
        line().prop_map(|l| format!("> {l}\n> {l}")),
        line().prop_map(|l| format!("```bash\n{l}\n---\n```")),
        line().prop_map(|l| format!("<div class=\"box\">\n<p>{l}</p>\n</div>")),
        Just("<!-- a comment -->".to_string()),
        Just("---".to_string()),
        line().prop_map(|l| format!("{{{{< ingress >}}}}\n{l}\n{{{{< /ingress >}}}}")),
        line().prop_map(|l| format!("{{{{% note %}}}}\n{l}\n{{{{% /note %}}}}")),
        // A double quote inside a quoted parameter ends it (Hugo reads on, and fails).
        line().prop_map(|l| format!(
            "{{{{< card\n  title=\"{}\"\n  link=\"/x\"\n>}}}}",
            l.replace('"', "'")
        )),
        line().prop_map(|l| format!(
            "{{{{% localbutton text=\"{}\" link=\"/apply\" %}}}}",
            l.replace('"', "'")
        )),
        line().prop_map(|l| format!("Text[^1].\n\n[^1]: {l}")),
    ]
}

fn posting() -> impl Strategy<Value = String> {
    let fm = prop_oneof![
        Just("Intro.\n\n".to_string()),
        "[A-Za-z ]{1,20}".prop_map(|t| format!(
            "---\ntitle: \"{t}\"\ndraft: false\n# note\nintro: {t}\n---\n\n"
        )),
        "[A-Za-z ]{1,20}".prop_map(|t| format!("+++\ntitle = \"{t}\"\ndate = 2026-01-01\n+++\n\n")),
    ];
    (
        any::<bool>(),
        fm,
        prop::collection::vec(block(), 1..8),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(bom, fm, blocks, crlf, final_newline)| {
            let mut s = String::new();
            if bom {
                s.push('\u{feff}');
            }
            s.push_str(&fm);
            s.push_str(&blocks.join("\n\n"));
            if final_newline {
                s.push('\n');
            }
            if crlf { s.replace('\n', "\r\n") } else { s }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Split, splice with every segment unchanged: the same bytes. Upper-case every segment:
    /// only the segments' bytes change, and the result splits into the same kinds again.
    #[test]
    fn generated_postings_round_trip(text in posting()) {
        let rules = Rules::default();
        let p = Posting::parse(Path::new("gen.md"), text.clone(), &rules).unwrap();
        let segs = segment::split(&p, &rules);
        prop_assert_eq!(&segment::splice(&text, &segs, |s| Some(s.text.clone())), &text);
        let upper = segment::splice(&text, &segs, |s| Some(shout(&s.text, &rules)));
        let again = Posting::parse(Path::new("gen.md"), upper, &rules).unwrap();
        let again = segment::split(&again, &rules);
        prop_assert_eq!(kinds(&again), kinds(&segs));
    }

    /// Any bytes at all: an error or a posting, never a panic; a posting round-trips.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let rules = Rules::default();
        if let Ok(p) = Posting::from_bytes(Path::new("x.md"), bytes.clone(), &rules) {
            let segs = segment::split(&p, &rules);
            prop_assert_eq!(segment::splice(&p.text, &segs, |s| Some(s.text.clone())).into_bytes(), bytes);
        }
    }
}
