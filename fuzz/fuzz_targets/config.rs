//! Any text as `tolk.toml`: a config or an error with a line, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tolk::config::Config;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match Config::parse(Path::new("tolk.toml"), text) {
        Ok(c) => {
            let _ = c.targets_of("a/b.md");
        }
        Err(e) => assert!(e.line >= 1 || e.line == 0),
    }
});
