//! The segmenter against the real Hugo site in `../shared/corpus/safespring` (skipped, and said
//! so, where the corpus is absent).

use tolk::config::Rules;
use tolk::posting::Posting;
use tolk::segment::{self, Segment};

use crate::util::{corpus, markdown_files, shout};

#[test]
fn every_real_page_round_trips_byte_for_byte() {
    let Some(corpus) = corpus() else { return };
    let rules = Rules::default();
    let mut files = Vec::new();
    markdown_files(&corpus.join("site/content"), &mut files);
    markdown_files(&corpus.join("history"), &mut files);
    assert!(files.len() >= 1067, "found only {} pages", files.len());
    let mut failures = Vec::new();
    let mut segments_total = 0;
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let posting = match Posting::from_bytes(path, bytes.clone(), &rules) {
            Ok(p) => p,
            Err(e) => {
                failures.push(format!("{}: does not parse: {e}", path.display()));
                continue;
            }
        };
        let segs = segment::split(&posting, &rules);
        segments_total += segs.len();
        if segment::splice(&posting.text, &segs, |s| Some(s.text.clone())).as_bytes() != bytes {
            failures.push(format!("{}: identity splice differs", path.display()));
        }
        check_upper_case(&posting, &segs, &rules, &mut failures);
    }
    eprintln!(
        "{} real pages, {segments_total} segments, {} failures",
        files.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Upper-casing every segment changes exactly the segments' bytes, and the result parses into
/// segments of the same kinds.
fn check_upper_case(
    posting: &Posting,
    segs: &[Segment],
    rules: &Rules,
    failures: &mut Vec<String>,
) {
    let upper = segment::splice(&posting.text, segs, |s| Some(shout(&s.text, rules)));
    // Outside the segments, every byte is the same.
    let (mut a, mut b) = (0usize, 0usize);
    for s in segs {
        let gap = s.range.start - a;
        if posting.text.as_bytes()[a..s.range.start] != upper.as_bytes()[b..b + gap] {
            failures.push(format!(
                "{}: bytes before {} changed",
                posting.path.display(),
                s.key
            ));
            return;
        }
        b += gap;
        let new = segment::splice(&posting.text[..s.range.end], std::slice::from_ref(s), |s| {
            Some(shout(&s.text, rules))
        });
        b += new.len() - s.range.start;
        a = s.range.end;
    }
    if posting.text.as_bytes()[a..] != upper.as_bytes()[b..] {
        failures.push(format!("{}: tail changed", posting.path.display()));
        return;
    }
    match Posting::parse(&posting.path, upper, rules) {
        Ok(again) => {
            let kinds = |s: &[Segment]| s.iter().map(|s| s.kind).collect::<Vec<_>>();
            let again = segment::split(&again, rules);
            if kinds(&again) != kinds(segs) {
                failures.push(format!(
                    "{}: upper-cased page has {} segments, not {}",
                    posting.path.display(),
                    again.len(),
                    segs.len()
                ));
            }
        }
        Err(e) => failures.push(format!(
            "{}: upper-cased page does not parse: {e}",
            posting.path.display()
        )),
    }
}

/// For English originals and their `ai: true` translations, the share whose segments have the
/// same kinds in the same order (the corpus README counts about 92.5% with the same block
/// structure). The rest are printed, to look at.
#[test]
fn translations_have_their_english_segment_kinds() {
    let Some(corpus) = corpus() else { return };
    let rules = Rules::default();
    let content = corpus.join("site/content");
    let mut en_files = Vec::new();
    markdown_files(&content.join("en"), &mut en_files);
    let is_ai = |p: &Posting| {
        p.front_matter
            .as_ref()
            .is_some_and(|f| f.fields.iter().any(|x| x.path == "ai" && x.value == "true"))
    };
    let (mut pairs, mut same) = (0, 0);
    let mut differ = Vec::new();
    for en in &en_files {
        let Ok(pe) = Posting::read(en, &rules) else {
            continue;
        };
        if is_ai(&pe) {
            continue;
        }
        let kinds = |p: &Posting| {
            segment::split(p, &rules)
                .iter()
                .map(|s| s.kind)
                .collect::<Vec<_>>()
        };
        let ke = kinds(&pe);
        for lang in ["sv", "nb", "da"] {
            let tr = content
                .join(lang)
                .join(en.strip_prefix(content.join("en")).unwrap());
            let Ok(pt) = Posting::read(&tr, &rules) else {
                continue;
            };
            if !is_ai(&pt) {
                continue;
            }
            pairs += 1;
            let kt = kinds(&pt);
            if kt == ke {
                same += 1;
            } else {
                differ.push(format!(
                    "{} ({} vs {} segments)",
                    tr.strip_prefix(&content).unwrap().display(),
                    ke.len(),
                    kt.len()
                ));
            }
        }
    }
    let share = same as f64 / pairs as f64;
    eprintln!(
        "{same} of {pairs} ai translations of English originals ({:.1}%) have the English segment kinds",
        100.0 * share
    );
    for d in &differ {
        eprintln!("  differs: {d}");
    }
    assert!(share >= 0.85, "only {:.1}% match", 100.0 * share);
}
