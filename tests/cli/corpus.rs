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
