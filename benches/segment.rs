//! Throughput of split + splice on the real Hugo site, beside pulldown-cmark's own parse of the
//! same bytes in the same run. `cargo bench --bench segment` (release). Prints MB/s (medians of
//! several runs) and the ratio.
#![allow(clippy::print_stdout)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use tolk::config::Rules;

/// The allocator the tolk binary uses (src/main.rs), so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use tolk::posting::Posting;
use tolk::segment;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn main() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/safespring/site/content");
    if !dir.is_dir() {
        println!("SKIPPED: {} is absent", dir.display());
        return;
    }
    let mut paths = Vec::new();
    files(&dir, &mut paths);
    let texts: Vec<(PathBuf, String)> = paths
        .into_iter()
        .map(|p| (p.clone(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let rules = Rules::default();
    let mb = bytes as f64 / 1e6;
    let rounds = 15;
    let (mut base, mut ours, mut ours_parse_only, mut read_only) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut sink = 0usize;
    for _ in 0..rounds {
        let t = Instant::now();
        for (_, text) in &texts {
            let parser = pulldown_cmark::Parser::new_ext(text, segment::markdown_options());
            sink += parser.into_offset_iter().count();
        }
        base.push(mb / t.elapsed().as_secs_f64());

        let t = Instant::now();
        for (path, text) in &texts {
            let p = Posting::parse(path, text.clone(), &rules).unwrap();
            sink += p.shortcodes.len();
        }
        read_only.push(mb / t.elapsed().as_secs_f64());

        let t = Instant::now();
        for (path, text) in &texts {
            let p = Posting::parse(path, text.clone(), &rules).unwrap();
            let segs = segment::split(&p, &rules);
            sink += segs.len();
        }
        ours_parse_only.push(mb / t.elapsed().as_secs_f64());

        let t = Instant::now();
        for (path, text) in &texts {
            let p = Posting::parse(path, text.clone(), &rules).unwrap();
            let segs = segment::split(&p, &rules);
            let back = segment::splice(&p.text, &segs, |s| Some(s.text.clone()));
            assert_eq!(back.len(), text.len());
            sink += back.len();
        }
        ours.push(mb / t.elapsed().as_secs_f64());
    }
    let (b, s, o) = (median(base), median(ours_parse_only), median(ours));
    println!(
        "{} pages, {:.1} MB, {rounds} rounds, one core (checksum {sink})",
        texts.len(),
        mb
    );
    println!("pulldown-cmark parse alone:  {b:8.1} MB/s");
    let r = median(read_only);
    println!("tolk read (front matter, shortcodes): {r:8.1} MB/s");
    println!(
        "tolk read + split:           {s:8.1} MB/s  ({:.2}x the parse alone)",
        s / b
    );
    println!(
        "tolk read + split + splice:  {o:8.1} MB/s  ({:.2}x the parse alone)",
        o / b
    );
}
