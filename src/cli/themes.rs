//! `deck themes`: the themes built into deck, one line each.

/// List the built-in themes: name and what each is for.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Run the command.
pub fn run(_args: Args) -> bool {
    let themes = deck::theme::BUILTINS;
    let width = themes.iter().map(|t| t.name.len()).max().unwrap_or(0);
    for theme in themes {
        println!("{:<width$}  {}", theme.name, theme.description());
    }
    println!("\nUse one with theme = \"NAME\" in [deck]; docs/themes.md describes every key.");
    true
}
