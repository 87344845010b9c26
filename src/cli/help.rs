//! The command line's help and usage errors in the UI language. clap renders the help from the
//! definitions; for Danish, Swedish and Norwegian each command's, option's and value's text,
//! the headings and clap's own flags are replaced with the Fluent messages of
//! `locales/*/help.ftl` (English there is the definitions' text, kept equal by a test). Usage
//! errors are tolk's own messages in every language, from clap's error kind and context.

use std::ffi::OsString;
use std::io::{self, Write};

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory};
use tolk::i18n::Localizer;

use super::error::{self, Message};

/// The UI language asked for on the command line (`--ui-lang X` or `--ui-lang=X`), read before
/// clap parses it, so that the help and usage errors speak it too.
pub fn ui_lang(args: &[OsString]) -> Option<String> {
    let mut it = args.iter().filter_map(|a| a.to_str());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if a == "--ui-lang" {
            return it.next().map(str::to_string);
        }
        if let Some(v) = a.strip_prefix("--ui-lang=") {
            return Some(v.to_string());
        }
    }
    None
}

/// tolk's command line, its help in `l`'s language.
pub fn command(l: &Localizer) -> Command {
    let cmd = super::Cli::command();
    if l.lang() == "en" {
        return cmd;
    }
    let version = Arg::new("version")
        .short('V')
        .long("version")
        .action(ArgAction::Version)
        .help(l.tr("help-flag-version", None));
    let mut cmd = localize(cmd.disable_version_flag(true).arg(version), "tolk", l);
    // The `help` subcommand exists once the command is built.
    cmd.build();
    cmd.mut_subcommand("help", |h| h.about(l.tr("help-subcommand-help", None)))
}

fn localize(cmd: Command, path: &str, l: &Localizer) -> Command {
    let text = |id: &str| l.has(id).then(|| l.tr(id, None));
    let options = l.tr("help-heading-options", None);
    let arguments = l.tr("help-heading-arguments", None);
    let usage = l.tr("help-heading-usage", None);
    let mut cmd = cmd
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(l.tr("help-flag-help", None)),
        )
        .subcommand_help_heading(l.tr("help-heading-commands", None))
        .help_template(format!(
            "{{about-with-newline}}\n{usage} {{usage}}\n\n{{all-args}}{{after-help}}"
        ));
    if let Some(about) = text(&format!("help-{path}")) {
        cmd = cmd.about(about).long_about(None);
    }
    let args: Vec<(String, bool, Vec<String>, Vec<String>)> = cmd
        .get_arguments()
        .map(|a| {
            // Flags (no value) have true/false as values and false as default: not shown.
            let takes = a.get_action().takes_values();
            let values = a
                .get_possible_values()
                .iter()
                .filter(|v| takes && !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            let defaults = a
                .get_default_values()
                .iter()
                .filter(|_| takes)
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            (a.get_id().to_string(), a.is_positional(), values, defaults)
        })
        .collect();
    for (id, positional, values, defaults) in args {
        let mut help = text(&format!("help-{path}--{id}"));
        if !defaults.is_empty() {
            // clap's "[default: ...]" in this language.
            let default = format!("[{}: {}]", l.tr("help-default", None), defaults.join(", "));
            help = Some(match help {
                Some(h) => format!("{h} {default}"),
                None => default,
            });
        }
        let described: Vec<(String, String)> = values
            .iter()
            .filter_map(|v| text(&format!("help-{path}--{id}-{v}")).map(|t| (v.clone(), t)))
            .collect();
        let heading = if positional { &arguments } else { &options };
        cmd = cmd.mut_arg(&id, |mut a| {
            a = a.help_heading(heading.clone());
            if !defaults.is_empty() {
                a = a.hide_default_value(true);
            }
            if let Some(h) = &help {
                a = a.help(h.clone()).long_help(None);
            }
            if !values.is_empty() {
                // The values' own texts, in this language: listed in the long help.
                let mut long = help.clone().map(|h| h + "\n").unwrap_or_default();
                long.push_str(&format!("{}:", l.tr("help-possible-values", None)));
                for v in &values {
                    match described.iter().find(|(d, _)| d == v) {
                        Some((_, t)) => long.push_str(&format!("\n- {v}: {t}")),
                        None => long.push_str(&format!("\n- {v}")),
                    }
                }
                let short = format!(
                    "{}[{}: {}]",
                    help.clone().map(|h| h + " ").unwrap_or_default(),
                    l.tr("help-possible-values", None),
                    values.join(", ")
                );
                a = a.hide_possible_values(true).help(short).long_help(long);
            }
            a
        });
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let sub_path = format!("{path}-{name}");
        cmd = cmd.mut_subcommand(&name, |s| localize(s, &sub_path, l));
    }
    cmd
}

/// What to do with a clap error: help and version are printed as clap renders them (exit 0);
/// a usage error is said in the UI language with the usage line and a pointer to `--help`
/// (exit 2).
pub fn report(
    e: &clap::Error,
    cmd: &mut Command,
    argv: &[OsString],
    l: &Localizer,
    err: &mut dyn Write,
) -> io::Result<u8> {
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        e.print()?;
        return Ok(if e.use_stderr() { 2 } else { 0 });
    }
    let ctx = |k: ContextKind| -> Option<String> {
        match e.get(k)? {
            ContextValue::String(s) => Some(s.clone()),
            ContextValue::Strings(v) => Some(v.join(", ")),
            ContextValue::StyledStr(s) => Some(s.to_string()),
            ContextValue::StyledStrs(v) => Some(
                v.iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            ContextValue::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    let arg = ctx(ContextKind::InvalidArg).unwrap_or_default();
    let mut m = match e.kind() {
        ErrorKind::InvalidValue
            if ctx(ContextKind::InvalidValue)
                .unwrap_or_default()
                .is_empty() =>
        {
            Message::new("usage-missing-value").arg("arg", arg)
        }
        ErrorKind::InvalidValue => Message::new("usage-invalid-value")
            .arg("value", ctx(ContextKind::InvalidValue).unwrap_or_default())
            .arg("arg", arg),
        ErrorKind::ValueValidation => Message::new("usage-value-validation")
            .arg("value", ctx(ContextKind::InvalidValue).unwrap_or_default())
            .arg("arg", arg),
        ErrorKind::UnknownArgument => Message::new("usage-unknown-argument").arg("arg", arg),
        ErrorKind::InvalidSubcommand => Message::new("usage-invalid-subcommand").arg(
            "name",
            ctx(ContextKind::InvalidSubcommand).unwrap_or_default(),
        ),
        ErrorKind::MissingRequiredArgument => {
            Message::new("usage-missing-argument").arg("args", arg)
        }
        ErrorKind::MissingSubcommand => Message::new("usage-missing-subcommand"),
        ErrorKind::ArgumentConflict => Message::new("usage-conflict")
            .arg("arg", arg)
            .arg("other", ctx(ContextKind::PriorArg).unwrap_or_default()),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            Message::new("usage-values").arg("arg", arg)
        }
        _ => Message::new("usage-other").arg(
            "message",
            e.to_string()
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("error: ")
                .to_string(),
        ),
    };
    let suggestion = ctx(ContextKind::SuggestedArg).or(ctx(ContextKind::SuggestedSubcommand));
    if let Some(s) = suggestion {
        m = m.arg("suggestion", s).hint("usage-did-you-mean");
    } else if let Some(values) = ctx(ContextKind::ValidValue).filter(|v| !v.is_empty()) {
        m = m.arg("values", values).hint("usage-possible-values");
    }
    error::report(l, err, &m)?;
    // The usage of the command the error is in (the deepest subcommand named on the line).
    let names: Vec<&str> = argv.iter().skip(1).filter_map(|a| a.to_str()).collect();
    let usage = ctx(ContextKind::Usage).unwrap_or_else(|| usage_of(cmd, &names));
    let usage = usage.strip_prefix("Usage:").unwrap_or(&usage).trim();
    writeln!(err, "\n{} {usage}\n", l.tr("help-heading-usage", None))?;
    writeln!(err, "{}", l.tr("usage-more", None))?;
    Ok(2)
}

/// The usage line of the deepest subcommand of `cmd` named in `words`, in order.
fn usage_of(cmd: &mut Command, words: &[&str]) -> String {
    let Some(i) = words.iter().position(|w| cmd.find_subcommand(w).is_some()) else {
        return cmd.render_usage().to_string();
    };
    match cmd.find_subcommand_mut(words[i]) {
        Some(sub) => usage_of(sub, &words[i + 1..]),
        None => cmd.render_usage().to_string(),
    }
}
