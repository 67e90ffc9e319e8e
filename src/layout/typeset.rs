//! Setting inline content into positioned lines: inline styles become
//! text pieces, text/ breaks them, and the lines get baselines, colours,
//! links and decorations.

use std::rc::Rc;
use std::sync::Arc;

use super::frame::{RunLink, Shape, ShapeKind, TextLine, TextRun};
use super::highlight::Token;
use super::math::{At, MATH_SCALE};
use crate::diag::{Diagnostic, Sink, Span};
use crate::images::ImageStore;
use crate::math::Formula;
use crate::model::{Inline, Target};
use crate::text::{FontBook, FontId, FontStyle, Line, OBJECT, Piece, Setting, break_lines};
use crate::theme::{Color, Theme};

/// The base style of a block of text.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// Face of the plain text.
    pub style: FontStyle,
    /// Size, pt.
    pub size: f32,
    /// Colour of plain text.
    pub color: Color,
    /// Line height as a multiple of `size`.
    pub line_height: f32,
    /// Horizontal alignment in the box.
    pub align: Align,
}

/// Horizontal alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred in the box.
    Center,
    /// Flush right.
    Right,
}

/// Text set into a box.
#[derive(Debug, Clone, Default)]
pub struct SetText {
    /// Positioned lines.
    pub lines: Vec<TextLine>,
    /// Underlines and strike-through bars.
    pub shapes: Vec<Shape>,
    /// Height taken: lines × line advance.
    pub height: f32,
    /// Widest line, pt.
    pub widest: f32,
}

/// Style of one piece, looked up by the piece's tag.
#[derive(Debug, Clone)]
struct RunStyle {
    color: Color,
    link: Option<Target>,
    strike: bool,
    /// The piece is this formula, set at this size.
    formula: Option<Rc<(Formula, Arc<str>, f32)>>,
}

/// Sets text for one slide, reporting missing glyphs against it.
pub struct Typesetter<'a> {
    /// Faces.
    pub book: &'a FontBook,
    /// Theme.
    pub theme: &'a Theme,
    /// Decoded pictures, for their sizes.
    pub images: &'a ImageStore,
    /// Where warnings go.
    pub sink: &'a mut Sink,
    /// The slide, for warnings: "slide 4".
    pub context: String,
    /// The slide's table in the manifest.
    pub span: Option<Span>,
    /// Where the slide's characters beyond ASCII were written.
    pub chars: &'a [(char, Span)],
    /// The slide's Han form and direction.
    pub setting: Setting,
    /// Characters no face had, with the face their text was meant for:
    /// reported together when the typesetter is done.
    pub missing: Vec<(char, FontId)>,
}

impl Drop for Typesetter<'_> {
    /// One warning per face for the characters none could draw, naming
    /// each once, at the place of the first.
    fn drop(&mut self) {
        let mut faces: Vec<FontId> = self.missing.iter().map(|(_, f)| *f).collect();
        faces.sort();
        faces.dedup();
        for face in faces {
            let mut chars: Vec<char> = Vec::new();
            for (c, _) in self.missing.iter().filter(|(_, f)| *f == face) {
                if !chars.contains(c) {
                    chars.push(*c);
                }
            }
            let named = |c: &char| format!("`{c}` (U+{:04X})", *c as u32);
            let (message, it) = match chars.as_slice() {
                [one] => (format!("no font has a glyph for {}; it is drawn as an empty box", named(one)), "it"),
                many => (
                    format!(
                        "no font has a glyph for {} characters: {}; they are drawn as empty boxes",
                        many.len(),
                        many.iter().map(named).collect::<Vec<_>>().join(", ")
                    ),
                    "them",
                ),
            };
            let first = chars[0];
            let span = self.chars.iter().find(|(known, _)| *known == first).map(|(_, at)| at.clone());
            self.sink.warn(
                Diagnostic::warning(message)
                    .with_span(span.or(self.span.clone()))
                    .with_context(self.context.clone())
                    .with_hint(format!(
                        "add a font that has {it}: [theme] fallback = [\"fonts/SomeFont.ttf\"], or install one on this machine"
                    )),
            );
        }
    }
}

impl Typesetter<'_> {
    /// Set `inlines` in a box of `width` at (`x`, `top`).
    pub fn inlines(&mut self, inlines: &[Inline], spec: Spec, x: f32, top: f32, width: f32) -> SetText {
        let mut pieces = Vec::new();
        let mut styles = Vec::new();
        let base = RunStyle { color: spec.color, link: None, strike: false, formula: None };
        self.collect(inlines, spec.style, &base, spec.size, &mut pieces, &mut styles);
        self.set(&pieces, &styles, spec, x, top, width)
    }

    /// Set plain `text` (no Markdown) in a box.
    pub fn plain(&mut self, text: &str, spec: Spec, x: f32, top: f32, width: f32) -> SetText {
        self.inlines(&[Inline::Text(text.to_string())], spec, x, top, width)
    }

    /// Set highlighted code tokens (mono face, each token's colour) in a box.
    pub fn tokens(&mut self, tokens: &[Token], spec: Spec, x: f32, top: f32, width: f32) -> SetText {
        let mut pieces = Vec::new();
        let mut styles = Vec::new();
        for token in tokens {
            let style = FontStyle { bold: token.bold, italic: token.italic, ..spec.style };
            let run = RunStyle { color: token.color, link: None, strike: false, formula: None };
            self.push(&mut pieces, &mut styles, &token.text, style, spec.size, &run);
        }
        self.set(&pieces, &styles, spec, x, top, width)
    }

    /// Left edge of a mark `w` wide at the start of a box from `left`,
    /// `width` wide, for `text` in it: the box's left, or its right when
    /// the text reads right to left.
    pub fn start_of(&self, text: &[Inline], left: f32, width: f32, w: f32) -> f32 {
        let rtl = crate::text::reads_rtl(&crate::model::plain_text(text), self.setting.rtl);
        if rtl { left + width - w } else { left }
    }

    /// Distance from a line box's top to its baseline.
    pub fn baseline_offset(&self, spec: Spec) -> f32 {
        let face = self.book.face(self.book.select(spec.style));
        spec.size * spec.line_height / 2.0 + (face.ascender + face.descender) / 2.0 * spec.size
    }

    fn collect(
        &self,
        inlines: &[Inline],
        style: FontStyle,
        run: &RunStyle,
        size: f32,
        pieces: &mut Vec<Piece>,
        styles: &mut Vec<RunStyle>,
    ) {
        for inline in inlines {
            match inline {
                Inline::Text(t) => self.push(pieces, styles, t, style, size, run),
                Inline::SoftBreak => self.push(pieces, styles, " ", style, size, run),
                Inline::LineBreak => self.push(pieces, styles, "\n", style, size, run),
                Inline::Code(t) => self.push(pieces, styles, t, FontStyle { mono: true, ..style }, size * 0.9, run),
                Inline::Math(tex) => match crate::math::typeset(tex, false) {
                    Ok(formula) => {
                        let size = size * MATH_SCALE;
                        let object = Some(formula.width * size);
                        styles.push(RunStyle {
                            formula: Some(Rc::new((formula, Arc::from(tex.as_str()), size))),
                            ..run.clone()
                        });
                        let (font, tag) = (self.book.select(style), styles.len() - 1);
                        pieces.push(Piece { text: OBJECT.to_string(), font, size, tag, object });
                    }
                    // The reader checked every formula: this is not reached.
                    Err(_) => self.push(pieces, styles, tex, FontStyle { mono: true, ..style }, size * 0.9, run),
                },
                Inline::Strong(c) => self.collect(c, FontStyle { bold: true, ..style }, run, size, pieces, styles),
                Inline::Emph(c) => self.collect(c, FontStyle { italic: true, ..style }, run, size, pieces, styles),
                Inline::Strike(c) => {
                    let run = RunStyle { strike: true, ..run.clone() };
                    self.collect(c, style, &run, size, pieces, styles)
                }
                Inline::Link { target, content, .. } => {
                    let run = RunStyle { link: Some(target.clone()), color: self.theme.palette.link, ..run.clone() };
                    self.collect(content, style, &run, size, pieces, styles)
                }
            }
        }
    }

    /// Append text, merging it into the last piece when the style is the same.
    #[allow(clippy::too_many_arguments)]
    fn push(
        &self,
        pieces: &mut Vec<Piece>,
        styles: &mut Vec<RunStyle>,
        text: &str,
        style: FontStyle,
        size: f32,
        run: &RunStyle,
    ) {
        let font = self.book.select(style);
        if let Some(last) = pieces.last_mut() {
            let same = last.font == font
                && last.object.is_none()
                && last.size == size
                && styles
                    .get(last.tag)
                    .is_some_and(|s| s.link == run.link && s.strike == run.strike && s.color == run.color);
            if same {
                last.text.push_str(text);
                return;
            }
        }
        styles.push(run.clone());
        pieces.push(Piece { text: text.to_string(), font, size, tag: styles.len() - 1, object: None });
    }

    /// Record a warning about this slide as a whole.
    pub fn warn(&mut self, message: String, hint: &str) {
        self.warn_at(None, message, &[hint]);
    }

    /// Record a warning about what was written at `span` (the slide when
    /// `None`), with its hints in order.
    pub fn warn_at(&mut self, span: Option<&Span>, message: String, hints: &[&str]) {
        let mut diagnostic = Diagnostic::warning(message)
            .with_span(span.cloned().or_else(|| self.span.clone()))
            .with_context(self.context.clone());
        for hint in hints {
            diagnostic = diagnostic.with_hint(*hint);
        }
        self.sink.warn(diagnostic);
    }

    fn set(&mut self, pieces: &[Piece], styles: &[RunStyle], spec: Spec, x: f32, top: f32, width: f32) -> SetText {
        let (lines, missing) = break_lines(self.book, pieces, width, self.setting);
        self.missing.extend(missing);
        let advance = spec.size * spec.line_height;
        let first = top + self.baseline_offset(spec);
        let mut out = SetText { height: advance * lines.len() as f32, ..SetText::default() };
        for (i, line) in lines.iter().enumerate() {
            // Flush left means flush to where the line starts: the right
            // for a right-to-left paragraph.
            let shift = match (spec.align, line.rtl) {
                (Align::Left, false) | (Align::Right, true) => 0.0,
                (Align::Center, _) => (width - line.width) / 2.0,
                (Align::Right, false) | (Align::Left, true) => width - line.width,
            };
            let baseline = first + advance * i as f32;
            out.widest = out.widest.max(line.width);
            let regular = self.book.select(spec.style);
            out.lines.push(position(self.book, line, styles, (x + shift, baseline, regular), &mut out.shapes));
        }
        out
    }
}

/// A line's runs at (`x`, `baseline`); formulas drawn in place of the
/// objects that held their room, with `text_face` for what no KaTeX face has.
fn position(
    book: &FontBook,
    line: &Line,
    styles: &[RunStyle],
    (x, baseline, text_face): (f32, f32, FontId),
    shapes: &mut Vec<Shape>,
) -> TextLine {
    let mut runs = Vec::with_capacity(line.runs.len());
    for run in &line.runs {
        let style = styles.get(run.tag).cloned().unwrap_or(RunStyle {
            color: Color { r: 0, g: 0, b: 0 },
            link: None,
            strike: false,
            formula: None,
        });
        if let Some(set) = &style.formula {
            let (formula, source, size) = &**set;
            let at = At { x: x + run.x, baseline, size: *size, color: style.color, text_face };
            let placed = super::math::place(book, formula, source, at);
            runs.extend(placed.runs);
            shapes.extend(placed.shapes);
            continue;
        }
        let width = run.width();
        let rule = |y: f32| Shape {
            kind: ShapeKind::Rect,
            x: x + run.x,
            y,
            w: width,
            h: (run.size * 0.06).max(0.75),
            color: style.color,
        };
        if style.link.is_some() {
            shapes.push(rule(baseline + run.size * 0.11));
        }
        if style.strike {
            shapes.push(rule(baseline - run.size * 0.3));
        }
        runs.push(TextRun {
            x: x + run.x,
            y: baseline,
            font: run.font,
            size: run.size,
            color: style.color,
            text: run.text.clone(),
            glyphs: run.glyphs.clone(),
            rtl: run.rtl,
            link: style.link.map(|target| {
                let face = book.face(run.font);
                RunLink { target, above: face.ascender * run.size, below: -face.descender * run.size }
            }),
            strike: style.strike,
            width,
            formula: None,
        });
    }
    TextLine { runs, rtl: line.rtl }
}
