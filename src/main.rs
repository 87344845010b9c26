//! The `tolk` command: parse the command line, pick the UI language, run, map to an exit code
//! (0 ok, 1 a check failed, 2 tolk could not do its work).

mod cli;

use std::process::ExitCode;

/// tolk allocates many small strings (segments, memory rows, reports) on both cores; mimalloc
/// serves them faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    if let Some(ms) = std::env::var("TOLK_BUSY_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        tolk::tm::set_busy_timeout(ms);
    }
    let lang = tolk::i18n::negotiate(args.ui_lang.as_deref(), &|k| std::env::var(k).ok());
    let l = tolk::i18n::Localizer::new(lang);
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let mut out = stdout.lock();
    let mut err = stderr.lock();
    match cli::run(args, &l, &mut out, &mut err) {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`tolk status | head`) is not a failure.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        // The output itself could not be written (a full disk, a closed terminal): say so where
        // it can still be said, the one place tolk prints outside the CLI's writers.
        Err(e) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("tolk: {e}");
            }
            ExitCode::from(2)
        }
    }
}
