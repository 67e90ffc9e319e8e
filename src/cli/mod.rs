//! Command-line interface: one file per command. The only place that
//! prints diagnostics and chooses exit codes: 0 success, 1 a deck error,
//! 2 bad usage (clap's own exit code for usage errors).

mod build;
mod cache;
mod check;
mod completions;
mod follow;
mod fonts;
mod input;
mod man;
mod new;
mod report;
mod serve;
mod themes;
mod usage;

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

/// Compile TOML + Markdown slide decks into PDF and self-contained HTML.
#[derive(Debug, Parser)]
#[command(name = "deck", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Colour the diagnostics: auto (only when standard error is a terminal and NO_COLOR is unset), always or never.
    #[arg(
        long,
        global = true,
        display_order = 900,
        value_enum,
        value_name = "WHEN",
        default_value = "auto",
        hide_possible_values = true
    )]
    color: report::ColorChoice,
    /// How diagnostics are printed: human (the source line marked, with hints), short (file:line:column: severity: message) or json (one JSON object a line).
    #[arg(
        long,
        global = true,
        display_order = 901,
        value_enum,
        value_name = "FORMAT",
        default_value = "human",
        hide_possible_values = true
    )]
    diagnostic_format: report::DiagnosticFormat,
}

#[derive(Debug, Subcommand)]
enum Command {
    Build(build::Args),
    Check(check::Args),
    Serve(serve::Args),
    Themes(themes::Args),
    New(new::Args),
    Cache(cache::Args),
    Fonts(fonts::Args),
    Completions(completions::Args),
    Man(man::Args),
}

/// The commands' names, for `deck man COMMAND`.
const COMMANDS: [&str; 9] = ["build", "check", "serve", "themes", "new", "cache", "fonts", "completions", "man"];

/// Parse the command line and run the command.
pub fn main() -> ExitCode {
    deck::timing::mark("main");
    let code = run();
    deck::timing::mark("end of main");
    report::timings();
    code
}

fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e),
    };
    report::set_style(cli.color, cli.diagnostic_format);
    let ok = match cli.command {
        Command::Build(args) => match build::usage(&args) {
            Ok(()) => build::run(args),
            Err(e) => return clap_exit(&usage_error("build", &e.to_string())),
        },
        Command::Check(args) => check::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Themes(args) => themes::run(args),
        Command::New(args) => new::run(args),
        Command::Cache(args) => cache::run(args),
        Command::Fonts(args) => fonts::run(args),
        Command::Completions(args) => completions::run(args, Cli::command()),
        Command::Man(args) => man::run(args, Cli::command()),
    };
    if ok { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

/// Print clap's message and choose its exit code: 2 for bad usage, 0 for
/// `--help` and `--version`.
fn clap_exit(e: &clap::Error) -> ExitCode {
    let _ = e.print();
    if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS }
}

/// A usage error found after parsing, shown as clap shows its own: the
/// message, the command's usage, where to read more.
fn usage_error(command: &str, message: &str) -> clap::Error {
    let mut cli = Cli::command();
    cli.build();
    let mut sub = cli.find_subcommand_mut(command).map(std::mem::take).unwrap_or_default();
    sub.error(clap::error::ErrorKind::ArgumentConflict, message)
}

/// Write `bytes` to standard output; a reader that went away (`| head`)
/// is no failure.
fn write_stdout(bytes: &[u8]) -> bool {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => true,
        Err(e) => {
            let message = format!("cannot write to standard output: {e}");
            report::diagnostics(&[deck::diag::Diagnostic::error(message)], &deck::diag::Sources::default());
            false
        }
    }
}
