//! Baselines for the benchmarks (scripts/bench): what reading and parsing every file with
//! pulldown-cmark alone costs, and what SQLite's bulk insert of a number of rows costs.
//!
//! `baseline parse DIR...` prints seconds, files and bytes (`parse2`: on two threads); `baseline insert N` prints seconds;
//! `baseline stat DIR...` prints the seconds a walk of the folders with a `stat` of every file
//! takes (the floor of anything that must notice whether a file changed), and the files.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::Path;
use std::time::Instant;

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some(mode @ ("parse" | "parse2")) => {
            let t = Instant::now();
            let mut list = Vec::new();
            for d in &args[1..] {
                files(Path::new(d), &mut list);
            }
            let one = |f: &std::path::PathBuf| {
                let text = std::fs::read_to_string(f).unwrap_or_default();
                let events =
                    pulldown_cmark::Parser::new_ext(&text, tolk::segment::markdown_options())
                        .into_offset_iter()
                        .count();
                (text.len(), events)
            };
            // parse2: the same on both cores (the files split between two threads).
            let (bytes, events) = if mode == "parse2" {
                let (a, b) = list.split_at(list.len() / 2);
                let sum = |part: &[std::path::PathBuf]| {
                    part.iter()
                        .map(one)
                        .fold((0, 0), |(x, y), (p, q)| (x + p, y + q))
                };
                let (x, y) = std::thread::scope(|s| {
                    let h = s.spawn(|| sum(b));
                    let x = sum(a);
                    (x, h.join().unwrap_or((0, 0)))
                });
                (x.0 + y.0, x.1 + y.1)
            } else {
                list.iter()
                    .map(one)
                    .fold((0, 0), |(x, y), (p, q)| (x + p, y + q))
            };
            println!(
                "{:.3} {} {} {}",
                t.elapsed().as_secs_f64(),
                list.len(),
                bytes,
                events
            );
        }
        Some("stat") => {
            let t = Instant::now();
            let mut list = Vec::new();
            for d in &args[1..] {
                files(Path::new(d), &mut list);
            }
            let mut bytes = 0u64;
            for f in &list {
                bytes += std::fs::metadata(f).map_or(0, |m| m.len());
            }
            println!("{:.3} {} {}", t.elapsed().as_secs_f64(), list.len(), bytes);
        }
        Some("insert") => {
            let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
            let dir = std::env::temp_dir().join(format!("tolk-baseline-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join("b.db");
            let t = Instant::now();
            let mut conn = rusqlite::Connection::open(&path).unwrap();
            conn.execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, h INTEGER, text TEXT); CREATE INDEX t_h ON t (h);").unwrap();
            let tx = conn.transaction().unwrap();
            {
                let mut st = tx
                    .prepare("INSERT INTO t (h, text) VALUES (?1, ?2)")
                    .unwrap();
                for i in 0..n {
                    let text = format!(
                        "A segment of some prose number {i}, long enough to be like a real one."
                    );
                    st.execute(rusqlite::params![tolk::segment::hash(&text) as i64, text])
                        .unwrap();
                }
            }
            tx.commit().unwrap();
            println!("{:.3}", t.elapsed().as_secs_f64());
            let _ = std::fs::remove_dir_all(dir);
        }
        _ => eprintln!(
            "usage: baseline parse DIR... | baseline parse2 DIR... | baseline stat DIR... | baseline insert N"
        ),
    }
}
