//! Any bytes: reading a posting never panics, and a posting that reads splits and splices
//! back to the same bytes, also with every segment replaced and read again.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tolk::config::Rules;
use tolk::posting::Posting;
use tolk::segment;

fuzz_target!(|data: &[u8]| {
    let rules = Rules::default();
    let Ok(p) = Posting::from_bytes(Path::new("fuzz.md"), data.to_vec(), &rules) else { return };
    let segs = segment::split(&p, &rules);
    let same = segment::splice(&p.text, &segs, |s| Some(s.text.clone()));
    assert_eq!(same.as_bytes(), data);
    for s in &segs {
        let _ = segment::protected_parts(&s.text, &rules);
    }
    let upper = segment::splice(&p.text, &segs, |s| Some(s.text.to_uppercase()));
    if let Ok(again) = Posting::parse(Path::new("fuzz.md"), upper, &rules) {
        let _ = segment::split(&again, &rules);
    }
});
