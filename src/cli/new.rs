//! `deck new`: a folder with a manifest (or with `--md` a Markdown deck)
//! that shows every layout and key, and the picture its image slide needs;
//! it builds as it is.

use std::path::{Path, PathBuf};

use deck::diag::{Diagnostic, Sources};

use super::report;

const TEMPLATE: &str = include_str!("new/template.toml");
const TEMPLATE_MD: &str = include_str!("new/template.md");
const PICTURE: &[u8] = include_bytes!("new/picture.png");

/// Create a new deck: a folder with a manifest (or a Markdown deck) showing every layout and key, ready to build.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  deck new talk                 creates talk/talk.toml and talk/picture.png\n  deck new talk --md            creates talk/talk.md, a Markdown deck, and talk/picture.png\n  deck new talk --theme default\n  deck build talk/talk.toml"
)]
pub struct Args {
    /// The folder to create (it must not exist, or be empty); its name names the manifest and the title.
    name: PathBuf,
    /// The deck's built-in theme.
    #[arg(long, value_name = "THEME", default_value = "default", value_parser = clap::builder::PossibleValuesParser::new(deck::theme::BUILTINS.iter().map(|b| b.name)))]
    theme: String,
    /// Write a Markdown deck (NAME/NAME.md: slides separated by `---`, keys in `+++` blocks) instead of a TOML manifest.
    #[arg(long)]
    md: bool,
}

/// Run the command; `false` when nothing could be created.
pub fn run(args: Args) -> bool {
    match create(&args.name, &args.theme, args.md) {
        Ok(manifest) => {
            eprintln!("created {}; build it with: deck build {}", manifest.display(), manifest.display());
            true
        }
        Err(d) => {
            report::diagnostics(&[d], &Sources::default());
            false
        }
    }
}

fn create(folder: &Path, theme: &str, markdown: bool) -> Result<PathBuf, Diagnostic> {
    let occupied = std::fs::read_dir(folder).map(|mut entries| entries.next().is_some());
    match occupied {
        Ok(true) => {
            return Err(Diagnostic::error(format!("`{}` already exists and is not empty", folder.display()))
                .with_hint("give a new folder name; deck new never overwrites files"));
        }
        Err(_) if folder.exists() => {
            return Err(Diagnostic::error(format!("`{}` exists and is not a folder", folder.display())));
        }
        _ => {}
    }
    let stem = folder
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "deck".into());
    let (file, template) =
        if markdown { (format!("{stem}.md"), TEMPLATE_MD) } else { (format!("{stem}.toml"), TEMPLATE) };
    let manifest = folder.join(&file);
    let values = [
        ("{{title}}", toml_text(&title_of(&stem))),
        ("{{theme}}", toml_text(theme)),
        ("{{file}}", toml_text(&manifest.display().to_string())),
    ];
    let text = fill(template, &values);
    let cannot = |e: std::io::Error| Diagnostic::error(format!("cannot create `{}`: {e}", folder.display()));
    std::fs::create_dir_all(folder).map_err(cannot)?;
    std::fs::write(&manifest, text).map_err(cannot)?;
    std::fs::write(folder.join("picture.png"), PICTURE).map_err(cannot)?;
    Ok(manifest)
}

/// The template with its placeholders replaced, each line's comment kept
/// in its column (the values' lengths differ from the placeholders').
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut text = String::with_capacity(template.len() + 256);
    for line in template.lines() {
        let replace = |mut part: String| {
            for (placeholder, value) in values {
                part = part.replace(placeholder, value);
            }
            part
        };
        match line.find(" #").filter(|_| line.contains("{{") && !line.starts_with('#')) {
            Some(column) => {
                let code = replace(line[..column].trim_end().to_string());
                let pad = (column + 1).saturating_sub(code.chars().count()).max(1);
                text.push_str(&format!("{code}{}{}", " ".repeat(pad), &line[column + 1..]));
            }
            None => text.push_str(&replace(line.to_string())),
        }
        text.push('\n');
    }
    text
}

/// "quarterly-review" → "Quarterly review".
fn title_of(stem: &str) -> String {
    let words = stem.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_else(|| "My talk".into())
}

/// Text safe inside a TOML basic string.
fn toml_text(text: &str) -> String {
    text.chars()
        .flat_map(|c| match c {
            '"' => vec!['\\', '"'],
            '\\' => vec!['\\', '\\'],
            c if c.is_control() => vec![' '],
            c => vec![c],
        })
        .collect()
}
