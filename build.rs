//! Gives the build a name for what it computes: `TOLK_BUILD`, a hash of the sources and of
//! `Cargo.lock` (the parsers tolk builds on). The status cache, the page reports stored in the
//! memory and the export index are keyed by it, so that a build that reads or exports the same
//! files otherwise never takes an answer another build left (the package version stays the
//! same from build to build; a form number bumped by hand was forgotten more than once).

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!("cargo:rerun-if-changed=build.rs");
    let mut files = Vec::new();
    walk(Path::new("src"), &mut files);
    files.push(PathBuf::from("Cargo.lock"));
    files.sort();
    // FNV-1a, 64 bits: stable across Rust versions and machines, so that two builds of the same
    // sources (a developer's and CI's) share what they store.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for f in &files {
        eat(f.to_string_lossy().replace('\\', "/").as_bytes());
        eat(&[0]);
        eat(&std::fs::read(f).unwrap_or_default());
        eat(&[0]);
    }
    println!("cargo:rustc-env=TOLK_BUILD={h:016x}");
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}
