//! `deck completions`: the shell's completion script, generated from the
//! clap definitions of every command and flag.

use clap_complete::Shell;

/// Print the completion script of a shell.
#[derive(Debug, clap::Args)]
#[command(after_help = "Load it at each start of the shell, for example:\n  \
bash: deck completions bash > ~/.local/share/bash-completion/completions/deck\n  \
zsh:  deck completions zsh > ~/.zfunc/_deck   (with fpath+=~/.zfunc before compinit in ~/.zshrc)\n  \
fish: deck completions fish > ~/.config/fish/completions/deck.fish")]
pub struct Args {
    /// The shell: bash, zsh or fish.
    #[arg(value_parser = clap::builder::PossibleValuesParser::new(["bash", "zsh", "fish"]))]
    shell: String,
}

/// Run the command: the script goes to standard output.
pub fn run(args: Args, mut command: clap::Command) -> bool {
    let shell = match args.shell.as_str() {
        "zsh" => Shell::Zsh,
        "fish" => Shell::Fish,
        _ => Shell::Bash,
    };
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "deck", &mut script);
    super::write_stdout(&script)
}
