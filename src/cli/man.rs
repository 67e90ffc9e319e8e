//! `deck man`: the manual pages, in roff, generated from the clap
//! definitions: `deck(1)` and one page per command, `deck-build(1)` and so
//! on, as git names its pages.

use std::path::PathBuf;

use deck::diag::{Diagnostic, Sources};

/// Print a manual page in roff, or write them all into a folder.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
deck man | man -l -                  read deck(1)\n  \
deck man build | man -l -            read deck-build(1)\n  \
deck man --out-dir ~/.local/share/man/man1   install every page for `man deck-build`")]
pub struct Args {
    /// The command whose page to print (by default deck(1), which lists the commands).
    #[arg(value_name = "COMMAND", value_parser = clap::builder::PossibleValuesParser::new(super::COMMANDS))]
    command: Option<String>,
    /// Write deck.1 and a page per command (deck-build.1, …) into DIR instead of printing one.
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath, conflicts_with = "command")]
    out_dir: Option<PathBuf>,
}

/// Run the command; `false` when the page cannot be made or written.
pub fn run(args: Args, command: clap::Command) -> bool {
    let mut command = command.disable_help_subcommand(true);
    command.build();
    if let Some(dir) = args.out_dir {
        let written = std::fs::create_dir_all(&dir).and_then(|()| clap_mangen::generate_to(command, &dir));
        return match written {
            Ok(()) => {
                eprintln!("wrote the manual pages into {}", dir.display());
                true
            }
            Err(e) => {
                let message = format!("cannot write the manual pages into `{}`: {e}", dir.display());
                super::report::diagnostics(&[Diagnostic::error(message)], &Sources::default());
                false
            }
        };
    }
    let page = match args.command.as_deref().and_then(|name| command.find_subcommand(name)) {
        Some(sub) => sub.clone(),
        None => command,
    };
    let mut roff = Vec::new();
    match clap_mangen::Man::new(page).render(&mut roff) {
        Ok(()) => super::write_stdout(&roff),
        Err(e) => {
            let message = format!("cannot render the manual page: {e}");
            super::report::diagnostics(&[Diagnostic::error(message)], &Sources::default());
            false
        }
    }
}
