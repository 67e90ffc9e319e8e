//! Layering theme tables (the chain of `extends` from `default` up to the
//! chosen theme, then the manifest's `[theme]`) and checking every value.

use std::path::{Path, PathBuf};

use super::load::{self, Layer};
use super::{Backdrop, BulletShape, Color, Corner, FontFiles, Logo, Palette, Theme, footer};
use crate::diag::{Diagnostic, Errors, FileId, Sources, Span, Spanned, suggest};
use crate::manifest::{BackgroundsTable, FontsTable, Located, PerLevel, ThemeTable};
use crate::model::Layout;

/// Resolve the theme `name` (built-in name or path relative to `base_dir`,
/// which must lie inside `root`) with the manifest's `[theme]` table
/// (`overrides`, written in `manifest`) on top. The page is `deck_size`
/// when the deck sets its aspect, else the theme's.
pub fn resolve(
    name: Option<&Spanned<String>>,
    overrides: &ThemeTable,
    manifest: FileId,
    (base_dir, root): (&Path, &crate::paths::Root),
    deck_size: Option<(f32, f32)>,
    sources: &mut Sources,
) -> Result<Theme, Errors> {
    if let Some(extends) = &overrides.extends {
        return Err(vec![
            Diagnostic::error("`extends` belongs in theme files, not in a manifest's `[theme]`")
                .with_span(Some(extends.span(manifest)))
                .with_hint("choose the theme in `[deck]`: theme = \"dark\" (or a path to a theme file)"),
        ]);
    }
    let mut layers = load::chain(name, base_dir, root, sources)?;
    let description = layers.iter().rev().find_map(|l| l.table.description.clone()).unwrap_or_default();
    layers.push(Layer { file: manifest, table: overrides.clone(), dir: base_dir.to_path_buf() });
    Check { layers: &layers, errors: Vec::new() }.theme(description, deck_size)
}

struct Check<'a> {
    /// Lowest first; later layers win.
    layers: &'a [Layer],
    errors: Errors,
}

const BLACK: Color = Color { r: 0, g: 0, b: 0 };

impl Check<'_> {
    /// The topmost layer's value for a key, with its position.
    fn pick<T: Clone>(&self, get: impl Fn(&ThemeTable) -> Option<&Located<T>>) -> Option<(T, Span)> {
        self.located(get).map(|(l, file, _)| (l.value.clone(), l.span(file)))
    }

    /// The topmost layer's value for a key, its file and that file's folder.
    fn located<T>(&self, get: impl Fn(&ThemeTable) -> Option<&Located<T>>) -> Option<(&Located<T>, FileId, &Path)> {
        self.layers.iter().rev().find_map(|l| get(&l.table).map(|v| (v, l.file, l.dir.as_path())))
    }

    fn fail(&mut self, span: Span, message: String, hint: &str) {
        self.errors.push(Diagnostic::error(message).with_span(Some(span)).with_hint(hint));
    }

    fn parse_color(&mut self, key: &str, text: &str, span: Span) -> Color {
        Color::parse(text).unwrap_or_else(|| {
            self.fail(
                span,
                format!("invalid colour `{text}` for theme key `{key}`"),
                "write colours as \"#rrggbb\" or \"#rgb\"",
            );
            BLACK
        })
    }

    fn color(&mut self, key: &str, get: impl Fn(&ThemeTable) -> Option<&Located<String>>) -> Option<Color> {
        let (text, span) = self.pick(get)?;
        Some(self.parse_color(key, &text, span))
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

    fn numbers(&mut self, key: &str, range: (f64, f64), values: Option<(Vec<f64>, Span)>) -> Vec<f32> {
        let Some((values, span)) = values else { return vec![range.0 as f32] };
        if values.is_empty() {
            self.fail(
                span.clone(),
                format!("theme key `{key}` needs at least one value"),
                "give one value per list level",
            );
            return vec![range.0 as f32];
        }
        values.into_iter().map(|v| self.in_range(key, v, range, span.clone())).collect()
    }

    /// A choice among `names`, with a suggestion when misspelt.
    fn choice<T>(
        &mut self,
        what: &str,
        text: &str,
        span: Span,
        names: &[&str],
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let found = parse(text);
        if found.is_none() {
            let mut hint = format!("{what} is one of {}", names.join(", "));
            if let Some(meant) = suggest(text, names.iter().copied()) {
                hint = format!("did you mean `{meant}`? {hint}");
            }
            self.fail(span, format!("unknown {what} `{text}`"), &hint);
        }
        found
    }

    fn bullets(&mut self) -> Vec<BulletShape> {
        let Some((names, span)) = self.pick(|t| t.bullets.as_ref()) else { return vec![BulletShape::Disc] };
        let mut shapes = Vec::new();
        for name in &names {
            let what = "bullet";
            let mut known = BulletShape::NAMES.to_vec();
            known.push("one character such as \"▸\"");
            if let Some(shape) = self.choice(what, name, span.clone(), &known, BulletShape::from_name) {
                shapes.push(shape);
            }
        }
        if shapes.is_empty() {
            shapes.push(BulletShape::Disc);
        }
        shapes
    }

    fn bullet_colors(&mut self, palette: &Palette) -> Vec<Option<Color>> {
        let Some((names, span)) = self.pick(|t| t.bullet_colors.as_ref()) else { return vec![None] };
        let colors: Vec<Option<Color>> = names
            .iter()
            .map(|name| match name.as_str() {
                "accent" => Some(palette.accent),
                "muted" => Some(palette.muted),
                "text" => Some(palette.text),
                _ if name.starts_with('#') => Some(self.parse_color("bullet_colors", name, span.clone())),
                _ => {
                    let hint = "a bullet colour is \"accent\", \"muted\", \"text\" or \"#rrggbb\"";
                    self.fail(span.clone(), format!("unknown bullet colour `{name}`"), hint);
                    None
                }
            })
            .collect();
        if colors.is_empty() { vec![None] } else { colors }
    }

    /// A path written in the layer that holds it, made relative to that
    /// layer's folder.
    fn path(&self, get: impl Fn(&ThemeTable) -> Option<&Located<String>>) -> Option<Spanned<PathBuf>> {
        let (located, file, dir) = self.located(get)?;
        Some(Spanned::new(dir.join(&located.value), Some(located.span(file))))
    }

    /// Fallback font paths, relative to the folder of the file naming them.
    fn fallback(&self) -> Vec<Spanned<PathBuf>> {
        let Some((located, file, dir)) = self.located(|t| t.fallback.as_ref()) else { return Vec::new() };
        located.value.iter().map(|p| Spanned::new(dir.join(p), Some(located.span(file)))).collect()
    }

    fn fonts(&mut self) -> FontFiles {
        let font =
            |get: fn(&FontsTable) -> Option<&Located<String>>| self.path(move |t| t.fonts.as_ref().and_then(get));
        let mut files = FontFiles {
            regular: font(|f| f.regular.as_ref()),
            bold: font(|f| f.bold.as_ref()),
            italic: font(|f| f.italic.as_ref()),
            bold_italic: font(|f| f.bold_italic.as_ref()),
            mono: font(|f| f.mono.as_ref()),
            mono_bold: font(|f| f.mono_bold.as_ref()),
            features: None,
        };
        if let Some((tags, span)) = self.pick(|t| t.fonts.as_ref().and_then(|f| f.features.as_ref())) {
            let mut features = Vec::new();
            for tag in &tags {
                let (name, on) = match tag.strip_prefix('-') {
                    Some(name) => (name, 0),
                    None => (tag.as_str(), 1),
                };
                match <[u8; 4]>::try_from(name.as_bytes()) {
                    Ok(bytes) if bytes.iter().all(|b| b.is_ascii_alphanumeric()) => features.push((bytes, on)),
                    _ => self.fail(
                        span.clone(),
                        format!("`{tag}` is not an OpenType feature"),
                        "features are four-letter tags such as \"cv05\" (on) or \"-liga\" (off)",
                    ),
                }
            }
            files.features = Some(features);
        }
        files
    }

    fn footer(&mut self, key: &str, get: impl Fn(&ThemeTable) -> Option<&Located<String>>) -> String {
        let Some((template, span)) = self.pick(get) else { return String::new() };
        if let Err((message, name)) = footer::check(&template) {
            let mut hint = format!("placeholders: {}", footer::PLACEHOLDERS.map(|p| format!("{{{p}}}")).join(", "));
            if let Some(meant) = name.as_deref().and_then(|n| suggest(n, footer::PLACEHOLDERS)) {
                hint = format!("did you mean `{{{meant}}}`? {hint}");
            }
            self.fail(span, format!("{message} in theme key `{key}`"), &hint);
        }
        template
    }

    fn logo(&mut self) -> Option<Logo> {
        let path = self.path(|t| t.logo.as_ref())?;
        let corner = match self.pick(|t| t.logo_corner.as_ref()) {
            None => Corner::TopRight,
            Some((name, span)) => {
                self.choice("logo corner", &name, span, &Corner::NAMES, Corner::from_name).unwrap_or(Corner::TopRight)
            }
        };
        let size = match self.pick(|t| t.logo_size.as_ref()) {
            None => 28.0,
            Some((size, span)) => self.in_range("logo_size", size, (4.0, 200.0), span),
        };
        Some(Logo { path, corner, size })
    }

    fn backdrops(&mut self) -> Vec<(Layout, Backdrop)> {
        type Get = fn(&BackgroundsTable) -> Option<&Located<String>>;
        let keys: [(Layout, Get); 8] = [
            (Layout::Title, |b| b.title.as_ref()),
            (Layout::Section, |b| b.section.as_ref()),
            (Layout::Bullets, |b| b.bullets.as_ref()),
            (Layout::Statement, |b| b.statement.as_ref()),
            (Layout::TwoColumn, |b| b.two_column.as_ref()),
            (Layout::Image, |b| b.image.as_ref()),
            (Layout::Closing, |b| b.closing.as_ref()),
            (Layout::Agenda, |b| b.agenda.as_ref()),
        ];
        let mut out = Vec::new();
        for (layout, get) in keys {
            let Some((located, file, dir)) = self.located(move |t| t.backgrounds.as_ref().and_then(get)) else {
                continue;
            };
            let span = located.span(file);
            let backdrop = if located.value.starts_with('#') {
                let key = format!("backgrounds.{}", layout.name());
                let value = located.value.clone();
                Backdrop::Color(self.parse_color(&key, &value, span))
            } else {
                Backdrop::Picture(Spanned::new(dir.join(&located.value), Some(span)))
            };
            out.push((layout, backdrop));
        }
        out
    }

    fn size(&mut self, deck_size: Option<(f32, f32)>) -> (f32, f32) {
        if let Some(size) = deck_size {
            return size;
        }
        match self.pick(|t| t.aspect.as_ref()) {
            Some((aspect, _)) if aspect == "4:3" => (720.0, 540.0),
            Some((aspect, span)) if aspect != "16:9" => {
                self.fail(span, format!("unknown aspect `{aspect}`"), "aspect is \"16:9\" or \"4:3\"");
                (960.0, 540.0)
            }
            _ => (960.0, 540.0),
        }
    }

    fn theme(mut self, description: String, deck_size: Option<(f32, f32)>) -> Result<Theme, Errors> {
        let background = self.color("background", |t| t.background.as_ref()).unwrap_or(BLACK);
        let text = self.color("text", |t| t.text.as_ref()).unwrap_or(BLACK);
        let accent = self.color("accent", |t| t.accent.as_ref()).unwrap_or(BLACK);
        let palette = Palette {
            background,
            text,
            accent,
            muted: self.color("muted", |t| t.muted.as_ref()).unwrap_or(BLACK),
            on_accent: self.color("on_accent", |t| t.on_accent.as_ref()).unwrap_or(BLACK),
            code: self.color("code", |t| t.code.as_ref()).unwrap_or_else(|| background.mix(text, 0.06)),
            link: self.color("link", |t| t.link.as_ref()).unwrap_or(accent),
        };
        let (width, height) = self.size(deck_size);
        let body_sizes = self.pick(|t| t.body_sizes.as_ref());
        let indents = self.pick(|t| t.indent.as_ref()).map(|(PerLevel(v), span)| (v, span));
        let shrink_steps = self.numbers("shrink_steps", (0.3, 1.0), self.pick(|t| t.shrink_steps.as_ref()));
        if let Some((_, span)) =
            self.pick(|t| t.shrink_steps.as_ref()).filter(|_| shrink_steps.windows(2).any(|w| w[1] >= w[0]))
        {
            self.fail(
                span,
                "theme key `shrink_steps` must go from largest to smallest".into(),
                "e.g. shrink_steps = [0.92, 0.84, 0.76]",
            );
        }
        let theme = Theme {
            description,
            width,
            height,
            palette,
            margin_x: self.number("margin_x", (0.0, 200.0), |t| t.margin_x.as_ref()),
            margin_top: self.number("margin_top", (0.0, 150.0), |t| t.margin_top.as_ref()),
            margin_bottom: self.number("margin_bottom", (0.0, 150.0), |t| t.margin_bottom.as_ref()),
            title_size: self.number("title_size", (8.0, 96.0), |t| t.title_size.as_ref()),
            subtitle_size: self
                .pick(|t| t.subtitle_size.as_ref())
                .map(|(v, span)| self.in_range("subtitle_size", v, (6.0, 72.0), span)),
            body_sizes: self.numbers("body_sizes", (6.0, 72.0), body_sizes),
            statement_size: self.number("statement_size", (8.0, 96.0), |t| t.statement_size.as_ref()),
            footer_size: self.number("footer_size", (5.0, 36.0), |t| t.footer_size.as_ref()),
            line_height: self.number("line_height", (0.8, 3.0), |t| t.line_height.as_ref()),
            indents: self.numbers("indent", (4.0, 120.0), indents),
            bullets: self.bullets(),
            bullet_colors: self.bullet_colors(&palette),
            shrink_steps,
            shrink_floor: self.number("shrink_floor", (6.0, 72.0), |t| t.shrink_floor.as_ref()),
            footer: (
                self.footer("footer_left", |t| t.footer_left.as_ref()),
                self.footer("footer_right", |t| t.footer_right.as_ref()),
            ),
            picture_ppi: self.number("picture_ppi", (72.0, 600.0), |t| t.picture_ppi.as_ref()),
            jpeg_quality: self.number("jpeg_quality", (1.0, 100.0), |t| t.jpeg_quality.as_ref()).round() as u8,
            logo: self.logo(),
            backdrops: self.backdrops(),
            fonts: self.fonts(),
            fallback: self.fallback(),
        };
        if self.errors.is_empty() { Ok(theme) } else { Err(self.errors) }
    }
}
