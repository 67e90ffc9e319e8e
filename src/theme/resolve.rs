//! Layering theme tables (built-in default, chosen theme, `[theme]`
//! overrides) and checking every value.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{BulletShape, Color, Palette, Theme};
use crate::diag::{Diagnostic, Errors, FileId, Sources, Span, Spanned, suggest};
use crate::manifest::{self, Located, ThemeTable};

/// Names of the themes built into the binary.
pub const BUILTIN_NAMES: [&str; 1] = ["default"];

fn builtin_text(name: &str) -> Option<&'static str> {
    match name {
        "default" => Some(include_str!("../../themes/default.toml")),
        _ => None,
    }
}

/// Resolve the theme `name` (built-in name or path relative to `base_dir`,
/// which must lie inside `root`) with the manifest's `[theme]` table
/// (`overrides`, written in `manifest`) on top, for a page of
/// `width` × `height` pt.
pub fn resolve(
    name: Option<&Spanned<String>>,
    overrides: &ThemeTable,
    manifest: FileId,
    (base_dir, root): (&Path, &Path),
    (width, height): (f32, f32),
    sources: &mut Sources,
) -> Result<Theme, Errors> {
    let mut layers = vec![builtin("default", sources)?];
    let mut bases = HashMap::from([(manifest, base_dir.to_path_buf())]);
    if let Some(name) = name {
        if name.value != "default" {
            let layer = load_named(name, base_dir, root, sources)?;
            let theme_dir = base_dir.join(&name.value).parent().map(Path::to_path_buf).unwrap_or_default();
            bases.insert(layer.0, theme_dir);
            layers.push(layer);
        }
    }
    layers.push((manifest, overrides.clone()));
    Check { layers: &layers, bases, errors: Vec::new() }.theme(width, height)
}

fn builtin(name: &str, sources: &mut Sources) -> Result<(FileId, ThemeTable), Errors> {
    let text = builtin_text(name).unwrap_or_default();
    let file = sources.add(format!("<built-in theme {name}>"), text);
    let table = manifest::parse_theme(text, file).map_err(|d| vec![d])?;
    Ok((file, table))
}

fn load_named(
    name: &Spanned<String>,
    base_dir: &Path,
    root: &Path,
    sources: &mut Sources,
) -> Result<(FileId, ThemeTable), Errors> {
    if builtin_text(&name.value).is_some() {
        return builtin(&name.value, sources);
    }
    let looks_like_path = name.value.ends_with(".toml") || name.value.contains(['/', '\\']);
    if !looks_like_path {
        let mut d = Diagnostic::error(format!("unknown theme `{}`", name.value))
            .with_span(name.span.clone());
        if let Some(meant) = suggest(&name.value, BUILTIN_NAMES) {
            d = d.with_hint(format!("did you mean `{meant}`?"));
        }
        let hint = format!("built-in themes: {}; or give a path to a theme .toml file", BUILTIN_NAMES.join(", "));
        return Err(vec![d.with_hint(hint)]);
    }
    let path = crate::paths::confine(root, &base_dir.join(&name.value)).map_err(|why| {
        vec![Diagnostic::error(format!("theme file `{}`: {why}", name.value)).with_span(name.span.clone()).with_hint(crate::paths::HINT)]
    })?;
    let text = std::fs::read_to_string(&path).map_err(|e| {
        vec![Diagnostic::error(format!("cannot read theme file `{}`: {e}", name.value))
            .with_span(name.span.clone())]
    })?;
    let file = sources.add(path.display().to_string(), text.clone());
    let table = manifest::parse_theme(&text, file).map_err(|d| vec![d])?;
    Ok((file, table))
}

struct Check<'a> {
    layers: &'a [(FileId, ThemeTable)],
    /// The folder each layer's relative paths start from.
    bases: HashMap<FileId, PathBuf>,
    errors: Errors,
}

impl Check<'_> {
    /// The topmost layer's value for a key, with its position.
    fn pick<T: Clone>(&self, get: impl Fn(&ThemeTable) -> Option<&Located<T>>) -> Option<(T, Span)> {
        self.layers
            .iter()
            .rev()
            .find_map(|(file, table)| get(table).map(|l| (l.value.clone(), l.span(*file))))
    }

    fn fail(&mut self, span: Span, message: String, hint: &str) {
        self.errors.push(Diagnostic::error(message).with_span(Some(span)).with_hint(hint));
    }

    fn color(&mut self, key: &str, get: impl Fn(&ThemeTable) -> Option<&Located<String>>) -> Color {
        let Some((text, span)) = self.pick(get) else { return Color { r: 0, g: 0, b: 0 } };
        Color::parse(&text).unwrap_or_else(|| {
            self.fail(span, format!("invalid colour `{text}` for theme key `{key}`"), "write colours as \"#rrggbb\" or \"#rgb\"");
            Color { r: 0, g: 0, b: 0 }
        })
    }

    fn number(&mut self, key: &str, range: (f64, f64), get: impl Fn(&ThemeTable) -> Option<&Located<f64>>) -> f32 {
        let Some((value, span)) = self.pick(get) else { return range.0 as f32 };
        self.in_range(key, value, range, span)
    }

    fn in_range(&mut self, key: &str, value: f64, (lo, hi): (f64, f64), span: Span) -> f32 {
        if !(lo..=hi).contains(&value) {
            let hint = format!("`{key}` must lie between {lo} and {hi}");
            self.fail(span, format!("theme value {value} for `{key}` is out of range"), &hint);
        }
        value as f32
    }

    fn numbers(&mut self, key: &str, range: (f64, f64), get: impl Fn(&ThemeTable) -> Option<&Located<Vec<f64>>>) -> Vec<f32> {
        let Some((values, span)) = self.pick(get) else { return vec![range.0 as f32] };
        if values.is_empty() {
            self.fail(span.clone(), format!("theme key `{key}` needs at least one value"), "give one value per list level");
        }
        values.into_iter().map(|v| self.in_range(key, v, range, span.clone())).collect()
    }

    fn bullets(&mut self) -> Vec<BulletShape> {
        let Some((names, span)) = self.pick(|t| t.bullets.as_ref()) else { return vec![BulletShape::Disc] };
        let mut shapes = Vec::new();
        for name in &names {
            match BulletShape::from_name(name) {
                Some(shape) => shapes.push(shape),
                None => {
                    let mut hint = format!("bullets are one of {}", BulletShape::NAMES.join(", "));
                    if let Some(meant) = suggest(name, BulletShape::NAMES) {
                        hint = format!("did you mean `{meant}`? {hint}");
                    }
                    self.fail(span.clone(), format!("unknown bullet `{name}`"), &hint);
                }
            }
        }
        if shapes.is_empty() {
            shapes.push(BulletShape::Disc);
        }
        shapes
    }

    /// Fallback font paths, relative to the folder of the file naming them.
    fn fallback(&self) -> Vec<Spanned<PathBuf>> {
        let Some((file, located)) = self.layers.iter().rev().find_map(|(file, t)| t.fallback.as_ref().map(|l| (*file, l))) else {
            return Vec::new();
        };
        let base = self.bases.get(&file).cloned().unwrap_or_default();
        located.value.iter().map(|p| Spanned::new(base.join(p), Some(located.span(file)))).collect()
    }

    fn theme(mut self, width: f32, height: f32) -> Result<Theme, Errors> {
        let palette = Palette {
            background: self.color("background", |t| t.background.as_ref()),
            text: self.color("text", |t| t.text.as_ref()),
            accent: self.color("accent", |t| t.accent.as_ref()),
            muted: self.color("muted", |t| t.muted.as_ref()),
            on_accent: self.color("on_accent", |t| t.on_accent.as_ref()),
        };
        let theme = Theme {
            width,
            height,
            palette,
            margin_x: self.number("margin_x", (0.0, 200.0), |t| t.margin_x.as_ref()),
            margin_top: self.number("margin_top", (0.0, 150.0), |t| t.margin_top.as_ref()),
            margin_bottom: self.number("margin_bottom", (0.0, 150.0), |t| t.margin_bottom.as_ref()),
            title_size: self.number("title_size", (8.0, 96.0), |t| t.title_size.as_ref()),
            body_sizes: self.numbers("body_sizes", (6.0, 72.0), |t| t.body_sizes.as_ref()),
            statement_size: self.number("statement_size", (8.0, 96.0), |t| t.statement_size.as_ref()),
            footer_size: self.number("footer_size", (5.0, 36.0), |t| t.footer_size.as_ref()),
            line_height: self.number("line_height", (0.8, 3.0), |t| t.line_height.as_ref()),
            indent: self.number("indent", (4.0, 120.0), |t| t.indent.as_ref()),
            bullets: self.bullets(),
            shrink_steps: self.numbers("shrink_steps", (0.3, 1.0), |t| t.shrink_steps.as_ref()),
            fallback: self.fallback(),
        };
        if self.errors.is_empty() { Ok(theme) } else { Err(self.errors) }
    }
}
