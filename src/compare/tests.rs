//! Table tests of the states: a posting recorded as the memory would hold it after a sync,
//! then today's English and translation compared with it.

use std::path::Path;

use super::*;
use crate::posting::Posting;
use crate::tm::{Origin, SourceRow, TranslationRow, VariantRow};

pub(crate) fn segs(text: &str) -> Vec<Segment> {
    let rules = Rules::default();
    let p = Posting::parse(Path::new("t.md"), text.to_string(), &rules).unwrap();
    segment::split(&p, &rules)
}

/// The memory after a sync of `en` and `da`: source rows (lineage and source id `i + 1`) and
/// the variant's rows, each translation made from the English it was aligned with.
pub(crate) fn recorded(en: &str, da: &str) -> (Vec<SourceRow>, Vec<VariantRow>) {
    let (en, da) = (segs(en), segs(da));
    let first =
        compare_variant(&Rules::default(), &en, &vec![None; en.len()], &[], &[], &da).unwrap();
    let source: Vec<SourceRow> = en
        .iter()
        .enumerate()
        .map(|(i, s)| SourceRow {
            key: s.key.clone(),
            kind: s.kind.as_str().to_string(),
            level: (s.level > 0).then_some(s.level),
            line: s.line,
            lineage: i as i64 + 1,
            source: i as i64 + 1,
            text: s.text.as_str().into(),
            hash: s.hash,
        })
        .collect();
    let variant = da
        .iter()
        .enumerate()
        .map(|(j, s)| {
            let i = match first.links[j] {
                Some(LineageRef::Today(i)) => Some(i),
                _ => None,
            };
            VariantRow {
                key: s.key.clone(),
                kind: s.kind.as_str().to_string(),
                line: s.line,
                hash: s.hash,
                lineage: i.map(|i| i as i64 + 1),
                translation: i.map(|i| TranslationRow {
                    id: 1000 + j as i64,
                    text: s.text.as_str().into(),
                    source: i as i64 + 1,
                    source_text: en[i].text.as_str().into(),
                    origin: Origin::Person,
                    unreviewed: false,
                }),
            }
        })
        .collect();
    (source, variant)
}

/// Each entry as `key state` (with the change for a stale one, `new` for a translation the
/// memory does not hold yet).
fn states(old: (&str, &str), today: (&str, &str)) -> (Vec<String>, VariantComparison) {
    let (source, variant) = recorded(old.0, old.1);
    let (en, da) = (segs(today.0), segs(today.1));
    let m = match_source(&source, &en);
    let cmp =
        compare_variant(&Rules::default(), &en, &m.lineage, &m.splits, &variant, &da).unwrap();
    let names = cmp
        .entries
        .iter()
        .map(|e| {
            let key = match (e.source_index, e.variant_index) {
                (Some(i), _) => en[i].key.clone(),
                (None, Some(j)) => da[j].key.clone(),
                (None, None) => "?".into(),
            };
            let mut s = format!("{key} {}", e.state.as_str());
            if let Some(c) = e.change {
                s.push_str(&format!(" {}", c.as_str()));
            }
            if e.state == State::Current && e.recorded.is_none() {
                s.push_str(" new");
            }
            s
        })
        .collect();
    (names, cmp)
}

const EN: &str = "# Cloud engineer\n\nYou run our platform in Oslo.\n\nSee [the docs](/docs).\n\n- Rust\n- SQL\n";
const DA: &str = "# Cloudingeniør\n\nDu driver vores platform i Oslo.\n\nSe [dokumentationen](/docs).\n\n- Rust\n- SQL\n";

#[test]
fn the_states_of_each_kind_of_change() {
    let cases: &[(&str, &str, &str, &[&str])] = &[
        (
            "nothing changed",
            EN,
            DA,
            &[
                "h1 current",
                "h1.p1 current",
                "h1.p2 current",
                "h1.li1 current",
                "h1.li2 current",
            ],
        ),
        (
            "a paragraph's words edited",
            &EN.replace("in Oslo", "in Oslo and Malmö"),
            DA,
            &[
                "h1 current",
                "h1.p1 stale edited",
                "h1.p2 current",
                "h1.li1 current",
                "h1.li2 current",
            ],
        ),
        (
            "punctuation only",
            &EN.replace("in Oslo.", "in Oslo!"),
            DA,
            &[
                "h1 current",
                "h1.p1 stale cosmetic",
                "h1.p2 current",
                "h1.li1 current",
                "h1.li2 current",
            ],
        ),
        (
            "a short heading rewritten in its place",
            &EN.replace("# Cloud engineer", "# Storage lead"),
            DA,
            &[
                "h1 stale rewritten",
                "h1.p1 current",
                "h1.p2 current",
                "h1.li1 current",
                "h1.li2 current",
            ],
        ),
        (
            "a heading replaced by a longer one sharing no word: new, the old one obsolete",
            &EN.replace("# Cloud engineer", "# Join the storage team"),
            DA,
            &[
                "h1 untranslated",
                "h1.p1 current",
                "h1.p2 current",
                "h1.li1 current",
                "h1.li2 current",
                "h1 obsolete",
            ],
        ),
        (
            "only a link target changed: carried",
            &EN.replace("(/docs)", "(/docs/v2)"),
            DA,
            &[
                "h1 current",
                "h1.p1 current",
                "h1.p2 carried",
                "h1.li1 current",
                "h1.li2 current",
            ],
        ),
        (
            "a list item added",
            &EN.replace("- SQL\n", "- SQL\n- Go\n"),
            DA,
            &[
                "h1 current",
                "h1.p1 current",
                "h1.p2 current",
                "h1.li1 current",
                "h1.li2 current",
                "h1.li3 untranslated",
            ],
        ),
        (
            "a paragraph removed from the English",
            &EN.replace("You run our platform in Oslo.\n\n", ""),
            DA,
            &[
                "h1 current",
                "h1.p1 current",
                "h1.li1 current",
                "h1.li2 current",
                "h1.p1 obsolete",
            ],
        ),
    ];
    for (name, en, da, want) in cases {
        let (got, _) = states((EN, DA), (en, da));
        assert_eq!(got, *want, "{name}");
    }
}

#[test]
fn a_translators_own_edit_is_a_new_translation_not_a_stale_one() {
    let da = DA.replace("i Oslo", "i Oslo, Norge");
    let (got, _) = states((EN, DA), (EN, &da));
    assert_eq!(got[1], "h1.p1 current new");
    assert_eq!(got[0], "h1 current");
}

#[test]
fn a_carried_translation_gets_the_new_target_where_it_had_the_old() {
    let en = EN.replace("(/docs)", "(/docs/v2)");
    let (_, cmp) = states((EN, DA), (&en, DA));
    let carried = cmp
        .entries
        .iter()
        .find(|e| e.state == State::Carried)
        .unwrap();
    assert_eq!(
        carried.carried_text.as_deref(),
        Some("Se [dokumentationen](/docs/v2).")
    );
    assert_eq!(
        carried.old_source.as_deref(),
        Some("See [the docs](/docs).")
    );
}

#[test]
fn a_stale_entry_names_the_english_it_was_translated_from() {
    let en = EN.replace("in Oslo", "in Oslo and Malmö");
    let (_, cmp) = states((EN, DA), (&en, DA));
    let stale = cmp
        .entries
        .iter()
        .find(|e| e.state == State::Stale)
        .unwrap();
    assert_eq!(
        stale.old_source.as_deref(),
        Some("You run our platform in Oslo.")
    );
    assert_eq!(
        stale.recorded.as_ref().map(|t| &**t.text.get().unwrap()),
        Some("Du driver vores platform i Oslo.")
    );
}

#[test]
fn a_rewritten_heading_is_paired_with_the_one_of_its_length_not_its_key() {
    // `## Pay` rewritten as `## Salary` and `## Your first weeks` deleted with the paragraph
    // between them; a heading added above gives `Salary` the deleted heading's key.
    let en = "# Engineer\n\n## Team\n\nYou join six people.\n\n## Pay\n\nWe pay well.\n\n## Your first weeks\n\nYou meet everyone.\n";
    let da = "# Ingeniør\n\n## Team\n\nDu bliver en af seks.\n\n## Løn\n\nVi betaler godt.\n\n## Dine første uger\n\nDu møder alle.\n";
    let today = "# Engineer\n\n## Where\n\n## Team\n\nYou join six people.\n\n## Salary\n\nYou meet everyone.\n";
    let (got, cmp) = states((en, da), (today, da));
    assert!(got.contains(&"h4 stale rewritten".to_string()), "{got:?}");
    let stale = cmp
        .entries
        .iter()
        .find(|e| e.state == State::Stale)
        .unwrap();
    assert_eq!(stale.old_source.as_deref(), Some("Pay"));
    assert_eq!(
        stale.recorded.as_ref().map(|t| &**t.text.get().unwrap()),
        Some("Løn")
    );
}

/// The English a stale entry of `today`'s heading `heading` was translated from.
fn stale_from(en: &str, da: &str, today: &str, heading: &str) -> Option<String> {
    let (_, cmp) = states((en, da), (today, da));
    let today = segs(today);
    cmp.entries
        .iter()
        .find(|e| {
            e.state == State::Stale && e.source_index.is_some_and(|i| today[i].text == heading)
        })
        .and_then(|e| e.old_source.as_deref().map(str::to_string))
}

#[test]
fn a_rewritten_heading_is_the_one_above_its_section() {
    // `## Pay Day` rewritten as `## Salary Levels`, and `## New Office` added above it: no word
    // in common, the same length; the added one takes the old heading's key (the second
    // heading), the rewritten one still heads the section.
    let en = "# Engineer\n\nYou join us.\n\n## Pay Day\n\nWe pay monthly.\n";
    let da = "# Ingeniør\n\nDu bliver en af os.\n\n## Lønningsdag\n\nVi betaler månedligt.\n";
    let today =
        "# Engineer\n\nYou join us.\n\n## New Office\n\n## Salary Levels\n\nWe pay monthly.\n";
    assert_eq!(
        stale_from(en, da, today, "Salary Levels").as_deref(),
        Some("Pay Day")
    );
    let (got, _) = states((en, da), (today, da));
    assert!(got.contains(&"h2 untranslated".to_string()), "{got:?}");
    // A heading over a code block (skeleton) rewritten, and the next heading deleted: the
    // paragraph below is the deleted heading's section, further down than it was.
    let en = "# Engineer\n\nYou join us.\n\n## Setup Steps\n\n```sh\nmake\n```\n\n## Closing Words\n\nThanks for reading.\n";
    let da = "# Ingeniør\n\nDu bliver en af os.\n\n## Opsætning\n\n```sh\nmake\n```\n\n## Afslutning\n\nTak fordi du læste med.\n";
    let today = "# Engineer\n\nYou join us.\n\n## Getting Started\n\n```sh\nmake\n```\n\nThanks for reading.\n";
    assert_eq!(
        stale_from(en, da, today, "Getting Started").as_deref(),
        Some("Setup Steps")
    );
    let (got, _) = states((en, da), (today, da));
    assert!(got.contains(&"h3 obsolete".to_string()), "{got:?}");
}

#[test]
fn a_paragraph_split_in_two_carries_each_part_of_its_translation() {
    let en = "# T\n\nFirst line here.\nSecond line here.\n";
    let da = "# T\n\nFørste linje her.\nAnden linje her.\n";
    let today = "# T\n\nFirst line here.\n\nSecond line here.\n";
    let (got, cmp) = states((en, da), (today, da));
    assert_eq!(got, ["h1 current", "h1.p1 carried", "h1.p2 carried"]);
    let texts: Vec<_> = cmp
        .entries
        .iter()
        .filter_map(|e| e.carried_text.as_deref())
        .collect();
    assert_eq!(texts, ["Første linje her.", "Anden linje her."]);
}

/// A first sync of a translation that has one paragraph fewer than the English around a
/// shortcode it writes another way (a positional title where the English names it): the diff
/// of structures could pair the Danish paragraph with either English one; it goes with the one
/// of its length, and the other is the untranslated one.
#[test]
fn a_first_pairing_among_paragraphs_goes_by_length() {
    let en = "---\ntitle: A\n---\n{{% note title=\"Before you start\" %}}\nBring a laptop and a charger.\n{{% /note %}}\n\nSay hello.\n";
    let da = "---\ntitle: B\n---\n{{% note \"Før du starter\" %}}\nTag en bærbar og en oplader med.\n{{% /note %}}\n";
    let (en, da) = (segs(en), segs(da));
    let first =
        compare_variant(&Rules::default(), &en, &vec![None; en.len()], &[], &[], &da).unwrap();
    let partner_of = |text: &str| {
        let i = en.iter().position(|s| s.text == text).unwrap();
        first
            .entries
            .iter()
            .find(|e| e.source_index == Some(i))
            .and_then(|e| e.variant_index)
            .map(|j| da[j].text.clone())
    };
    assert_eq!(
        partner_of("Bring a laptop and a charger.").as_deref(),
        Some("Tag en bærbar og en oplader med.")
    );
    assert_eq!(partner_of("Say hello."), None);
}

#[test]
fn a_variant_segment_with_no_english_partner_is_unaligned() {
    let da = DA.replace(
        "- SQL\n",
        "- SQL\n\nEt afsnit kun på dansk, om ingenting.\n",
    );
    let (_, cmp) = states((EN, DA), (EN, &da));
    assert_eq!(cmp.unaligned.len(), 1);
    assert!(cmp.entries.iter().all(|e| e.state == State::Current));
}

#[test]
fn a_recorded_translation_is_unpacked_only_where_the_variant_changed() {
    let (en, da) = (
        "# Join us\n\nWe build clouds.\n",
        "# Bliv en af os\n\nVi bygger skyer.\n",
    );
    let (source, mut variant) = recorded(en, da);
    for v in &mut variant {
        if let Some(t) = v.translation.as_mut() {
            t.text = crate::tm::pack::LazyText::damaged_for_tests();
        }
    }
    let today = segs(en);
    let m = match_source(&source, &today);
    let compare = |da: &str| {
        compare_variant(
            &Rules::default(),
            &today,
            &m.lineage,
            &m.splits,
            &variant,
            &segs(da),
        )
    };
    // Unchanged: paired by hash, no recorded text is read.
    let cmp = compare(da).unwrap();
    assert!(cmp.entries.iter().all(|e| e.state == State::Current));
    // Both segments edited: pairing them reads the recorded texts, and the damage is told.
    let err = compare("# Bliv en af os nu\n\nVi bygger skyer i Norden.\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "a packed value of the memory is damaged: a text that does not unpack"
    );
}
