//! The export invariants as a property, over generated postings and generated translations in
//! which the translator merged, dropped or reordered blocks, or began one with an HTML tag:
//!
//! - every page export writes parses again and nests its shortcodes as its English does;
//! - a page whose English did not change since the translation comes out as the translator
//!   wrote it (or is refused, never altered);
//! - every block of the translation is still in the page (nothing a person wrote is lost);
//! - English text is only inserted for blocks the English added since the translation.

use proptest::prelude::*;
use tolk::config::Rules;
use tolk::export::{self, Built};
use tolk::posting::Posting;
use tolk::segment;
use tolk::tm::Tm;
use tolk::workspace::Workspace;

use crate::util::TestEnv;

/// One block of a generated page; `n` makes its words its own.
#[derive(Debug, Clone)]
enum Block {
    Para(u8),
    Heading(u8),
    List(u8),
    Ingress(u8),
    Note(u8),
    Table(u8),
}

fn words(n: u8, lang: &str) -> String {
    let w = [
        "cloud", "team", "build", "people", "trust", "apply", "week", "data",
    ];
    let t = format!(
        "{} {} {} number {n} of the page",
        w[n as usize % 8],
        w[(n as usize / 8) % 8],
        w[(n as usize + 3) % 8]
    );
    if lang == "en" { t } else { t.to_uppercase() }
}

fn render(b: &Block, lang: &str) -> String {
    match b {
        Block::Para(n) => words(*n, lang),
        Block::Heading(n) => format!("## {}", words(*n, lang)),
        Block::List(n) => format!(
            "- {}\n- {}",
            words(*n, lang),
            words(n.wrapping_add(100), lang)
        ),
        Block::Ingress(n) => format!(
            "{{{{< ingress >}}}}\n{}\n{{{{< /ingress >}}}}",
            words(*n, lang)
        ),
        Block::Note(n) => format!(
            "{{{{% note title=\"{}\" %}}}}\n{}\n{{{{% /note %}}}}",
            words(n.wrapping_add(50), lang),
            words(*n, lang)
        ),
        Block::Table(n) => format!("| a | b |\n|---|---|\n| {} | x |", words(*n, lang)),
    }
}

fn page(title: &str, blocks: &[String]) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndraft: false\n---\n\n{}\n",
        blocks.join("\n\n")
    )
}

fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        3 => any::<u8>().prop_map(Block::Para),
        1 => any::<u8>().prop_map(Block::Heading),
        1 => any::<u8>().prop_map(Block::List),
        1 => any::<u8>().prop_map(Block::Ingress),
        1 => any::<u8>().prop_map(Block::Note),
        1 => any::<u8>().prop_map(Block::Table),
    ]
}

/// What the translator did to the blocks they were given.
#[derive(Debug, Clone)]
enum Op {
    Drop(usize),
    /// Two neighbouring paragraphs merged into one.
    Merge(usize),
    Swap(usize),
    /// The block begins with an HTML tag (it becomes an HTML block).
    Html(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        any::<usize>().prop_map(Op::Drop),
        any::<usize>().prop_map(Op::Merge),
        any::<usize>().prop_map(Op::Swap),
        any::<usize>().prop_map(Op::Html),
    ]
}

fn translate(blocks: &[Block], ops: &[Op]) -> Vec<String> {
    let mut out: Vec<(Block, String)> = blocks
        .iter()
        .map(|b| (b.clone(), render(b, "da")))
        .collect();
    for op in ops {
        if out.is_empty() {
            break;
        }
        let n = out.len();
        match *op {
            Op::Drop(i) => {
                out.remove(i % n);
            }
            Op::Merge(i) => {
                let i = i % n;
                if i + 1 < n
                    && matches!(out[i].0, Block::Para(_))
                    && matches!(out[i + 1].0, Block::Para(_))
                {
                    let next = out.remove(i + 1).1;
                    out[i].1 = format!("{} {next}", out[i].1);
                }
            }
            Op::Swap(i) => {
                let i = i % n;
                if i + 1 < n {
                    out.swap(i, i + 1);
                }
            }
            Op::Html(i) => {
                let i = i % n;
                if matches!(out[i].0, Block::Para(_)) {
                    out[i].1 = format!("<div>{}</div>", out[i].1);
                }
            }
        }
    }
    out.into_iter().map(|(_, t)| t).collect()
}

/// The texts of a page's segments (body only).
fn body_texts(text: &str, rules: &Rules) -> Vec<String> {
    let p = Posting::parse(std::path::Path::new("p.md"), text.to_string(), rules).unwrap();
    segment::split(&p, rules)
        .into_iter()
        .filter(|s| s.kind != segment::Kind::FrontMatter)
        .map(|s| s.text)
        .collect()
}

fn check(
    blocks: Vec<Block>,
    ops: Vec<Op>,
    added: Vec<(usize, Block)>,
) -> Result<(), TestCaseError> {
    let env = TestEnv::empty();
    env.write("tolk.toml", "targets = [\"da\"]\n");
    let en: Vec<String> = blocks.iter().map(|b| render(b, "en")).collect();
    let da = page("Ingeniør", &translate(&blocks, &ops));
    env.write("postings/en/p.md", page("Engineer", &en));
    env.write("postings/da/p.md", &da);
    let ws = Workspace::open(env.path()).unwrap();
    let rules = &ws.config.rules;
    let mut tm = Tm::open(&ws.memory_path()).unwrap();
    tolk::sync::sync(
        &ws,
        &mut tm,
        "2026-12-01T00:00:00Z",
        None,
        &Default::default(),
    )
    .unwrap();
    let settings = export::Settings::default();
    let built = export::build(&ws, &settings, &tm, "p.md", "da").unwrap();
    let english =
        Posting::parse(std::path::Path::new("en.md"), page("Engineer", &en), rules).unwrap();
    match &built {
        Built::Page(text, _) => prop_assert_eq!(text, &da, "English unchanged, page altered"),
        Built::Refused(_) => {
            let own = Posting::parse(std::path::Path::new("da.md"), da.clone(), rules);
            prop_assert!(
                own.map(|p| p.shortcode_skeleton() != english.shortcode_skeleton())
                    .unwrap_or(true),
                "refused a page that was sound as written"
            );
        }
        Built::Held => prop_assert!(false, "held under the keep policy"),
    }

    // The English adds blocks; the translation stays as it was.
    let mut en2 = en.clone();
    let mut new_texts = Vec::new();
    for (at, b) in &added {
        // An added paragraph says so, so that it repeats no text of the page.
        let text = match b {
            Block::Para(_) => format!("Added: {}", render(b, "en")),
            other => render(other, "en"),
        };
        new_texts.extend(body_texts(&page("x", std::slice::from_ref(&text)), rules));
        en2.insert(at % (en2.len() + 1), text);
    }
    let en2_page = page("Engineer", &en2);
    env.write("postings/en/p.md", &en2_page);
    let english = Posting::parse(std::path::Path::new("en.md"), en2_page, rules).unwrap();
    let again = export::build(&ws, &settings, &tm, "p.md", "da").unwrap();
    if matches!(built, Built::Refused(_)) {
        return Ok(());
    }
    if let Built::Page(text, _) = again {
        let out = Posting::parse(std::path::Path::new("out.md"), text.clone(), rules);
        prop_assert!(
            out.is_ok(),
            "the exported page does not parse: {:?}\n{}",
            out.err(),
            text
        );
        let out = out.unwrap();
        prop_assert_eq!(
            out.shortcode_skeleton(),
            english.shortcode_skeleton(),
            "{}",
            text
        );
        let ours = body_texts(&text, rules);
        for t in body_texts(&da, rules) {
            prop_assert!(
                ours.contains(&t),
                "the translator's {:?} is lost:\n{}",
                t,
                text
            );
        }
        let old_english = body_texts(&page("Engineer", &en), rules);
        for t in &ours {
            prop_assert!(
                !old_english.contains(t) || body_texts(&da, rules).contains(t),
                "English the translator left out was inserted: {:?}\n{}",
                t,
                text
            );
        }
        // Where the translation is whole and nothing stands in the way (no table beside a new
        // paragraph), every paragraph the English added is in the page, in English.
        let plain = ops.is_empty()
            && !blocks.iter().any(|b| matches!(b, Block::Table(_)))
            && added.iter().all(|(_, b)| matches!(b, Block::Para(_)));
        if plain {
            for t in &new_texts {
                prop_assert!(
                    ours.contains(t),
                    "the English's new {:?} is missing:\n{}",
                    t,
                    text
                );
            }
        }
    } else {
        // Refused only where the English added a shortcode that could not be placed.
        let adds_shortcodes = added
            .iter()
            .any(|(_, b)| matches!(b, Block::Ingress(_) | Block::Note(_)));
        prop_assert!(
            adds_shortcodes,
            "a sound translation was refused after the English added blocks without shortcodes"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]
    #[test]
    fn exported_pages_are_sound(
        blocks in prop::collection::vec(block(), 1..8),
        ops in prop::collection::vec(op(), 0..3),
        added in prop::collection::vec((any::<usize>(), block()), 0..3),
    ) {
        check(blocks, ops, added)?;
    }
}
