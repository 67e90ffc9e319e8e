//! Command-line interface: one file per command. The only place that
//! prints diagnostics and chooses exit codes: 0 success, 1 a deck error,
//! 2 bad usage (clap's own exit code for usage errors).

mod build;
mod check;
mod follow;
mod new;
mod report;
mod serve;
mod themes;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Compile TOML + Markdown slide decks into PDF and self-contained HTML.
#[derive(Debug, Parser)]
#[command(name = "deck", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Build(build::Args),
    Check(check::Args),
    Serve(serve::Args),
    Themes(themes::Args),
    New(new::Args),
}

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
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    let ok = match cli.command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Themes(args) => themes::run(args),
        Command::New(args) => new::run(args),
    };
    if ok { ExitCode::SUCCESS } else { ExitCode::from(1) }
}
