//! `deck fonts`: which face draws what in a deck (face, file, characters),
//! to see where the machine's fonts stand in for the theme's.

use std::path::PathBuf;

use super::report;

/// List the faces a deck's pages are set in: each face, its file, and the characters it draws.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
deck fonts briefing.toml                     a line per face: name, file, characters\n  \
deck fonts un.toml --no-system-fonts         what the deck's own fonts leave undrawn")]
pub struct Args {
    /// The deck: a TOML manifest, or a Markdown deck (.md); `-` reads it from standard input.
    file: PathBuf,
    /// Let the deck read pictures, fonts and themes anywhere inside DIR (by default only inside its own folder).
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    root: Option<PathBuf>,
    /// Use only the theme's and the built-in fonts, never the machine's.
    #[arg(long)]
    no_system_fonts: bool,
}

/// Run the command; `false` when the deck has errors.
pub fn run(args: Args) -> bool {
    let options = deck::Options { root: args.root, no_system_fonts: args.no_system_fonts, ..Default::default() };
    let Some((file, options)) = super::input::read(&args.file, options) else {
        return false;
    };
    match deck::fonts(&file, &options) {
        Ok(found) => {
            for face in &found.faces {
                let file =
                    face.file.as_ref().map_or_else(|| "built into deck".to_string(), |f| f.display().to_string());
                let count = report::count(face.chars.chars().count(), "character");
                println!("{}\n  {file}\n  {count}: {}", face.name, face.chars);
            }
            report::diagnostics(&found.warnings, &found.sources);
            true
        }
        Err(failure) => {
            report::failure(&failure);
            false
        }
    }
}
