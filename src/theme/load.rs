//! Finding a theme's tables: the built-ins embedded from `themes/`, theme
//! files, and the chain of `extends` from the chosen theme down to
//! `default`.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Errors, FileId, Sources, Spanned, suggest};
use crate::manifest::{self, ThemeTable};

/// A theme built into the binary.
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    /// Its name, as written in `theme = "…"`.
    pub name: &'static str,
    /// Its file's text.
    pub text: &'static str,
}

/// The themes built into the binary, `default` first.
pub const BUILTINS: [Builtin; 4] = [
    Builtin { name: "default", text: include_str!("../../themes/default.toml") },
    Builtin { name: "dark", text: include_str!("../../themes/dark.toml") },
    Builtin { name: "institutional", text: include_str!("../../themes/institutional.toml") },
    Builtin { name: "contrast", text: include_str!("../../themes/contrast.toml") },
];

/// Most themes one chain of `extends` may pass through.
const MAX_CHAIN: usize = 16;

impl Builtin {
    /// Its one-line description (its `description` key).
    pub fn description(&self) -> String {
        let table = manifest::parse_theme(self.text, FileId(0)).ok();
        table.and_then(|t| t.description).unwrap_or_default()
    }
}

fn builtin(name: &str) -> Option<Builtin> {
    BUILTINS.iter().copied().find(|b| b.name == name)
}

/// One table of a theme chain.
pub(super) struct Layer {
    /// The file it was read from.
    pub file: FileId,
    /// Its values.
    pub table: ThemeTable,
    /// The folder its relative paths start from.
    pub dir: PathBuf,
}

/// The layers of the theme `name` (`None`: `default`), named in a file in
/// `base_dir`: `default` first, the chosen theme last. Files must lie
/// inside `root`.
pub(super) fn chain(
    name: Option<&Spanned<String>>,
    base_dir: &Path,
    root: &crate::paths::Root,
    sources: &mut Sources,
) -> Result<Vec<Layer>, Errors> {
    let mut layers = Vec::new();
    // (what identifies a theme, the name it was written as)
    let mut seen: Vec<(String, String)> = Vec::new();
    let mut next =
        Some((name.cloned().unwrap_or_else(|| Spanned::new("default".to_string(), None)), base_dir.to_path_buf()));
    while let Some((name, dir)) = next.take() {
        let (identity, layer) = load(&name, &dir, root, sources)?;
        if seen.iter().any(|(id, _)| *id == identity) {
            let mut path: Vec<&str> = seen.iter().map(|(_, written)| written.as_str()).collect();
            path.push(&name.value);
            return Err(vec![
                Diagnostic::error(format!("themes extend each other in a cycle: {}", path.join(" → ")))
                    .with_span(name.span.clone())
                    .with_hint("one theme of the cycle must extend a built-in theme, or nothing"),
            ]);
        }
        if seen.len() == MAX_CHAIN {
            return Err(vec![
                Diagnostic::error(format!("the theme chain is longer than {MAX_CHAIN} themes"))
                    .with_span(name.span.clone()),
            ]);
        }
        seen.push((identity, name.value.clone()));
        next = match &layer.table.extends {
            Some(extends) => Some((extends.spanned(layer.file), layer.dir.clone())),
            // Every chain ends on `default`, which has every key.
            None if name.value != "default" => Some((Spanned::new("default".to_string(), None), layer.dir.clone())),
            None => None,
        };
        layers.push(layer);
    }
    layers.reverse();
    Ok(layers)
}

/// One theme: a built-in by name, or a file relative to `dir`.
fn load(
    name: &Spanned<String>,
    dir: &Path,
    root: &crate::paths::Root,
    sources: &mut Sources,
) -> Result<(String, Layer), Errors> {
    if let Some(theme) = builtin(&name.value) {
        let file = sources.add(format!("<built-in theme {}>", theme.name), theme.text);
        let table = manifest::parse_theme(theme.text, file)?;
        return Ok((format!("built-in {}", theme.name), Layer { file, table, dir: PathBuf::new() }));
    }
    let names = BUILTINS.map(|b| b.name);
    let looks_like_path = name.value.ends_with(".toml") || name.value.contains(['/', '\\']);
    if !looks_like_path {
        let mut d = Diagnostic::error(format!("unknown theme `{}`", name.value)).with_span(name.span.clone());
        if let Some(meant) = suggest(&name.value, names) {
            d = d.with_hint(format!("did you mean `{meant}`?"));
        }
        let hint = format!("built-in themes: {}; or give a path to a theme .toml file", names.join(", "));
        return Err(vec![d.with_hint(hint)]);
    }
    let wanted = dir.join(&name.value);
    let path = root.confine(&wanted).map_err(|why| {
        let d = Diagnostic::error(format!("theme file `{}`: {why}", name.value)).with_span(name.span.clone());
        vec![why.hints(&wanted).into_iter().fold(d, Diagnostic::with_hint)]
    })?;
    let limit = crate::read::MAX_MANIFEST_BYTES;
    let text = crate::paths::regular_file(&path)
        .and_then(|meta| match meta.len() {
            len if len > limit => {
                Err(format!("it is {} MB; deck reads theme files up to {} MB", len >> 20, limit >> 20).into())
            }
            len if let Err(why) = crate::read::within_budget(sources, len) => Err(why),
            _ => String::from_utf8(std::fs::read(&path)?).map_err(|e| {
                let at = crate::diag::not_utf8_at(e.as_bytes(), e.utf8_error().valid_up_to());
                format!("it is not UTF-8 text ({at})").into()
            }),
        })
        .map_err(|why| {
            let d = Diagnostic::error(format!("cannot read theme file `{}`: {why}", name.value))
                .with_span(name.span.clone());
            vec![why.hints(&wanted).into_iter().fold(d, Diagnostic::with_hint)]
        })?;
    let file = sources.add(wanted.display().to_string(), text.clone());
    let table = manifest::parse_theme(&text, file)?;
    // Paths inside it start from its folder as the deck named it, so that
    // messages show them as the user wrote them.
    let dir = wanted.parent().map(Path::to_path_buf).unwrap_or_default();
    Ok((path.display().to_string(), Layer { file, table, dir }))
}
