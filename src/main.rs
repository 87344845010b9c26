//! The `tolk` command: parse the command line, pick the UI language, run, map to an exit code
//! (0 ok, 1 a check failed, 2 tolk could not do its work).

mod cli;

use std::process::ExitCode;

/// tolk allocates many small strings (segments, memory rows, reports) on both cores; mimalloc
/// serves them faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::FromArgMatches;

fn main() -> ExitCode {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The UI language first: the help and usage errors speak it too.
    let asked = cli::help::ui_lang(&argv);
    let l = tolk::i18n::Localizer::new(tolk::i18n::negotiate(asked.as_deref(), &|k| {
        std::env::var(k).ok()
    }));
    let mut command = cli::help::command(&l);
    let parsed = command
        .try_get_matches_from_mut(&argv)
        .and_then(|m| cli::Cli::from_arg_matches(&m));
    let args = match parsed {
        Ok(a) => a,
        Err(e) => {
            let stderr = std::io::stderr();
            let code =
                cli::help::report(&e, &mut command, &argv, &l, &mut stderr.lock()).unwrap_or(2);
            return ExitCode::from(code);
        }
    };
    if let Some(ms) = std::env::var("TOLK_BUSY_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        tolk::tm::set_busy_timeout(ms);
    }
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let mut out = stdout.lock();
    // A line at a time: a message is written in pieces (prefix, text, hint), and a sync of a
    // few hundred pages can have thousands of warnings, seven writes each unbuffered. Not
    // locked for the whole run: a progress bar draws from the thread that does the work.
    let mut err = std::io::LineWriter::new(stderr);
    let ran = cli::run(args, &l, &mut out, &mut err);
    let ran = ran.and_then(|code| std::io::Write::flush(&mut err).map(|()| code));
    match ran {
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
