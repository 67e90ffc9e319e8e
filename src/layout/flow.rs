//! Body content into [rows](super::rows): the units pagination moves
//! between pages.

use super::frame::{ImageBox, Marker, Node, Shape, ShapeKind, TextLine, TextRun};
use super::highlight::{self, Highlighted};
use super::rows::{self, Content, Frame, Row, stacked_height};
use super::typeset::{Align, SetText, Spec, Typesetter};
use crate::diag::Span;
use crate::model::{Block, Column, Inline, ListItem, TableAlign};
use crate::text::FontStyle;
use crate::theme::{BulletShape, Color};

/// Footnotes are set at this share of the body's size.
const FOOTNOTE_SCALE: f32 = 0.7;

/// How the body of one slide is set.
#[derive(Debug, Clone, Copy)]
pub struct BodyStyle {
    /// Multiplies every size (shrink steps, larger type of some layouts).
    pub scale: f32,
    /// Space between top-level items, in ems of the level-1 size.
    pub item_gap: f32,
    /// Colour of plain text.
    pub color: Color,
}

/// Lays out the body of one slide.
pub struct Flow<'t, 'a> {
    /// The slide's typesetter.
    pub ts: &'t mut Typesetter<'a>,
    /// Width of the body box, pt.
    pub width: f32,
    /// Body settings.
    pub style: BodyStyle,
    /// Tallest a picture may be: the page's body height, pt.
    pub max_height: f32,
    /// Next container id.
    pub next_id: usize,
    /// Whether top-level list items are steps (`reveal = "items"`).
    pub reveal: bool,
    /// Top-level list items so far, when they are steps.
    pub items: usize,
}

/// Where a block goes: its containers, left edge, width, list level, colour.
#[derive(Clone)]
struct Place {
    path: Vec<Frame>,
    x: f32,
    width: f32,
    level: usize,
    color: Color,
}

impl Flow<'_, '_> {
    /// A flow for a body box of `width` × `max_height` pt.
    pub fn new<'t, 'a>(ts: &'t mut Typesetter<'a>, width: f32, max_height: f32, style: BodyStyle) -> Flow<'t, 'a> {
        Flow { ts, width, style, max_height, next_id: 0, reveal: false, items: 0 }
    }

    fn id(&mut self) -> usize {
        self.next_id += 1;
        self.next_id
    }

    fn size(&self, level: usize) -> f32 {
        self.ts.theme.body_size(level) * self.style.scale
    }

    fn spec(&self, level: usize, color: Color) -> Spec {
        Spec {
            style: FontStyle::default(),
            size: self.size(level),
            color,
            line_height: self.ts.theme.line_height,
            align: Align::Left,
        }
    }

    /// Make the body's top-level list items steps, numbered from 1.
    pub fn revealed(mut self, reveal: bool) -> Self {
        self.reveal = reveal;
        self
    }

    /// The rows of a body.
    pub fn rows(&mut self, blocks: &[Block]) -> Vec<Row> {
        let place = Place { path: Vec::new(), x: 0.0, width: self.width, level: 0, color: self.style.color };
        let mut rows = Vec::new();
        let gap = self.size(0) * 0.6;
        self.blocks(blocks, &place, gap, &mut rows);
        rows
    }

    /// Blocks one after another, `gap` apart.
    fn blocks(&mut self, blocks: &[Block], place: &Place, gap: f32, out: &mut Vec<Row>) {
        for block in blocks {
            let first = out.len();
            self.block(block, place, out);
            if let Some(row) = out.get_mut(first) {
                row.gap_before = row.gap_before.max(gap);
            }
        }
    }

    fn block(&mut self, block: &Block, place: &Place, out: &mut Vec<Row>) {
        let spec = self.spec(place.level, place.color);
        match block {
            Block::Paragraph(inlines) => self.text(inlines, spec, place, None, out),
            Block::Heading { content, .. } => {
                let spec = Spec { style: FontStyle { bold: true, ..spec.style }, size: self.size(0) * 1.08, ..spec };
                let start = out.len();
                self.text(content, spec, place, Some(3), out);
                for row in &mut out[start..] {
                    row.keep_with_next = true;
                }
            }
            Block::List { start, items } => self.list(*start, items, place, out),
            Block::Code { text, lang, span } => {
                self.code(text, (lang.as_deref(), span.as_ref()), spec.size, place, out)
            }
            Block::Quote(blocks) => {
                let indent = self.ts.theme.indent(place.level);
                let mut path = place.path.clone();
                // The bar stands where lines start: on the right in a right-to-left slide.
                let rtl = self.ts.setting.rtl;
                let bar = if rtl { place.x + place.width - QUOTE_BAR } else { place.x };
                path.push(Frame::Quote { id: self.id(), x: bar, color: self.ts.theme.palette.accent });
                let inner = Place {
                    path,
                    x: if rtl { place.x } else { place.x + indent },
                    width: place.width - indent,
                    color: self.ts.theme.palette.muted,
                    ..place.clone()
                };
                self.blocks(blocks, &inner, spec.size * 0.5, out);
            }
            Block::Table { align, rows } => self.table(align, rows, spec, place, out),
            Block::Image { src, alt, .. } => self.picture(src, alt, 1.0, place, out),
            Block::Footnotes(items) => self.footnotes(items, place, out),
            Block::Columns(columns) => self.columns(columns, place, out),
            Block::Math { tex, span } => self.display_math(tex, span.as_ref(), place, out),
            Block::Diagram { source, .. } => self.diagram(source, place, out),
            Block::Rule => {
                let rule = Shape {
                    kind: ShapeKind::Rect,
                    x: place.x,
                    y: spec.size * 0.5,
                    w: place.width,
                    h: 1.0,
                    color: self.ts.theme.palette.muted,
                };
                out.push(row(place.path.clone(), Content::Shape(rule), spec.size, place.x + place.width));
            }
        }
    }

    /// A paragraph: one row per line.
    fn text(&mut self, inlines: &[Inline], spec: Spec, place: &Place, heading: Option<u8>, out: &mut Vec<Row>) {
        let set = self.ts.inlines(inlines, spec, place.x, 0.0, place.width);
        let mut path = place.path.clone();
        path.push(Frame::Para { id: self.id(), heading });
        push_lines(set, spec.size * spec.line_height, &path, out);
    }

    fn list(&mut self, start: Option<u64>, items: &[ListItem], place: &Place, out: &mut Vec<Row>) {
        let mut path = place.path.clone();
        path.push(Frame::List { id: self.id(), start });
        let gap = if place.level == 0 && place.path.is_empty() {
            self.size(0) * self.style.item_gap
        } else {
            self.size(place.level) * 0.3
        };
        let indent = self.list_indent(start, items.len(), place.level);
        for (n, item) in items.iter().enumerate() {
            let first = out.len();
            let number = start.map(|s| s + n as u64);
            self.item(item, number, indent, &path, place, out);
            if let Some(row) = out.get_mut(first) {
                row.gap_before = row.gap_before.max(if n == 0 { self.size(place.level) * 0.3 } else { gap });
            }
        }
    }

    /// The theme's indent, which never scales (shrunk slides keep every
    /// level on the grid), widened for numbers too wide to hang in it.
    fn list_indent(&mut self, start: Option<u64>, count: usize, level: usize) -> f32 {
        let indent = self.ts.theme.indent(level);
        let Some(start) = start else { return indent };
        let last = start + count.saturating_sub(1) as u64;
        let spec = self.spec(level, self.ts.theme.palette.accent);
        // Every number, not only the last: in Inter "10." is wider than "11.".
        let widest = (start..=last)
            .map(|n| self.ts.plain(&format!("{n}."), spec, 0.0, 0.0, f32::MAX).widest)
            .fold(0.0, f32::max);
        indent.max(widest + spec.size * 0.35)
    }

    #[allow(clippy::too_many_arguments)]
    fn item(
        &mut self,
        item: &ListItem,
        number: Option<u64>,
        indent: f32,
        list_path: &[Frame],
        place: &Place,
        out: &mut Vec<Row>,
    ) {
        let mut path = list_path.to_vec();
        // Items of a list outside every other container are the steps.
        let step = if self.reveal && list_path.len() == 1 {
            self.items += 1;
            self.items
        } else {
            0
        };
        path.push(Frame::Item { id: self.id(), number, step });
        // A right-to-left item hangs its marker on the right.
        let rtl = self.item_rtl(item);
        let zone = if rtl { place.x + place.width - indent } else { place.x };
        let inner = Place {
            path,
            x: if rtl { place.x } else { place.x + indent },
            width: (place.width - indent).max(indent),
            level: place.level,
            color: place.color,
        };
        let nested = Place { level: place.level + 1, ..inner.clone() };
        let first = out.len();
        for (i, block) in item.blocks.iter().enumerate() {
            let start = out.len();
            match block {
                Block::List { start: s, items } => {
                    if let Some(prev) = out.last_mut().filter(|_| start > first) {
                        prev.keep_with_next = true; // a parent never ends a page alone
                    }
                    self.list(*s, items, &nested, out);
                }
                _ => {
                    self.block(block, &inner, out);
                    if i > 0
                        && let Some(row) = out.get_mut(start)
                    {
                        row.gap_before = row.gap_before.max(self.size(place.level) * 0.35);
                    }
                }
            }
        }
        if first == out.len() {
            // An empty item still shows its marker.
            let spec = self.spec(place.level, place.color);
            let set = self.ts.plain("", spec, inner.x, 0.0, inner.width);
            push_lines(set, spec.size * spec.line_height, &inner.path, out);
        }
        let spec = self.spec(place.level, place.color);
        let baseline = out[first].content_baseline().unwrap_or_else(|| self.ts.baseline_offset(spec));
        let zone = Zone { x: zone, w: indent, rtl };
        let marker = match item.task {
            Some(done) => self.checkbox(done, place.level, zone, baseline),
            None => self.marker(place.level, number, zone, baseline, spec.size),
        };
        out[first].marker = Some(marker);
        out[first].boundary = true;
    }

    /// Whether a list item reads right to left: its first paragraph's
    /// first strong character, or the slide's direction.
    fn item_rtl(&self, item: &ListItem) -> bool {
        let default = self.ts.setting.rtl;
        match item.blocks.first() {
            Some(Block::Paragraph(inlines)) => crate::text::reads_rtl(&crate::model::plain_text(inlines), default),
            _ => default,
        }
    }

    fn marker(&mut self, level: usize, number: Option<u64>, zone: Zone, baseline: f32, size: f32) -> Marker {
        let palette = self.ts.theme.palette;
        if let Some(n) = number {
            let spec = Spec { color: palette.accent, ..self.spec(level, palette.accent) };
            // Against the text, in the indent, which list_indent made wide enough.
            let top = baseline - self.ts.baseline_offset(spec);
            let set = self.ts.plain(&format!("{n}."), spec, zone.x, top, zone.w);
            return set.lines.into_iter().next().map_or(Marker::None, |line| {
                let gap = size * 0.3;
                let left = if zone.rtl { zone.x + gap } else { zone.x + zone.w - gap - line_width(&line) };
                Marker::Text(moved_to(line, left))
            });
        }
        let centre = baseline - size * 0.3;
        let themed = self.ts.theme.bullet_color(level);
        let (kind, w, h, color) = match self.ts.theme.bullet(level) {
            BulletShape::Disc => (ShapeKind::Disc, size * 0.32, size * 0.32, palette.accent),
            BulletShape::Square => (ShapeKind::Rect, size * 0.28, size * 0.28, palette.accent),
            BulletShape::Ring => {
                (ShapeKind::Ring { stroke: size * 0.32 / 6.0 }, size * 0.32, size * 0.32, palette.muted)
            }
            BulletShape::Dash => (ShapeKind::Rect, size * 0.42, (size * 0.08).max(1.2), palette.muted),
            BulletShape::Glyph(c) => {
                let spec = self.spec(level, themed.unwrap_or(palette.accent));
                let top = baseline - self.ts.baseline_offset(spec);
                let set = self.ts.plain(&c.to_string(), spec, zone.x, top, zone.w);
                return set.lines.into_iter().next().map_or(Marker::None, |line| {
                    let width = line_width(&line);
                    Marker::Text(moved_to(line, zone.far_edge(width)))
                });
            }
        };
        let x = zone.far_edge(w);
        Marker::Shape(Shape { kind, x, y: centre - h / 2.0, w, h, color: themed.unwrap_or(color) })
    }

    /// A task list item's marker: a box, ticked when the task is done.
    /// Both are text, so that the box and its tick copy as "□✓".
    fn checkbox(&mut self, done: bool, level: usize, zone: Zone, baseline: f32) -> Marker {
        let palette = self.ts.theme.palette;
        let spec = self.spec(level, palette.muted);
        let top = baseline - self.ts.baseline_offset(spec);
        let Some(line) = self.ts.plain("\u{25a1}", spec, zone.x, top, zone.w).lines.into_iter().next() else {
            return Marker::None;
        };
        let x = zone.far_edge(line_width(&line));
        let mut line = moved_to(line, x);
        if done {
            let box_w = line.runs.first().map_or(0.0, |r| r.width);
            let tick = Spec {
                style: FontStyle { bold: true, ..spec.style },
                size: spec.size * 0.8,
                color: palette.accent,
                ..spec
            };
            let top = baseline - self.ts.baseline_offset(tick) - spec.size * 0.06;
            if let Some(set) = self.ts.plain("\u{2713}", tick, x, top, f32::MAX).lines.into_iter().next() {
                line.runs.extend(set.runs.into_iter().map(|run| TextRun { x: x + (box_w - run.width) / 2.0, ..run }));
            }
        }
        Marker::Text(line)
    }

    /// Columns side by side, a gutter of 1.5 indents apart, as one row
    /// that pages never split; columns taller than a page are set one
    /// after another instead, with a warning.
    fn columns(&mut self, columns: &[Column], place: &Place, out: &mut Vec<Row>) {
        let gutter = self.ts.theme.indent(0) * 1.5;
        let room = (place.width - gutter * (columns.len() as f32 - 1.0)).max(0.0);
        let given: f32 = columns.iter().filter_map(|c| c.width).sum();
        let free = columns.iter().filter(|c| c.width.is_none()).count() as f32;
        // Given shares keep their proportion when they add up to more than all.
        let scale = if given > 1.0 { 1.0 / given } else { 1.0 };
        let share = |c: &Column| match c.width {
            Some(w) => w * scale,
            None => ((1.0 - given * scale) / free).max(0.0),
        };
        let mut x = place.x;
        let mut nodes = Vec::new();
        let mut height: f32 = 0.0;
        let mut sets = Vec::new();
        // Columns read from the right in a right-to-left slide.
        let ordered: Vec<&Column> =
            if self.ts.setting.rtl { columns.iter().rev().collect() } else { columns.iter().collect() };
        for column in ordered {
            let width = room * share(column);
            let mut flow = Flow::new(&mut *self.ts, width, self.max_height, self.style);
            let inner = Place { path: Vec::new(), x, width, level: place.level, color: place.color };
            let mut rows = Vec::new();
            let gap = flow.size(0) * 0.6;
            flow.blocks(&column.blocks, &inner, gap, &mut rows);
            height = height.max(stacked_height(&rows));
            sets.push(rows);
            x += width + gutter;
        }
        if height > self.max_height + 0.01 {
            self.ts.warn(
                "these columns are taller than the page: they are set one after another".to_string(),
                "shorten them, or split the slide in two",
            );
            for column in columns {
                self.blocks(&column.blocks, place, self.size(0) * 0.6, out);
            }
            return;
        }
        for rows in sets {
            nodes.extend(rows::place(rows, 0.0, 0.0));
        }
        out.push(row(place.path.clone(), Content::Nodes(nodes), height, x - gutter));
    }

    /// A body's footnotes: a short rule, then the notes as a numbered
    /// list set smaller, in the muted colour. They are never reveal steps.
    fn footnotes(&mut self, items: &[ListItem], place: &Place, out: &mut Vec<Row>) {
        let size = self.size(place.level);
        let palette = self.ts.theme.palette;
        // 1 pt, as a body's rules: thinner ones land between pixels differently in HTML and PDF.
        let rule =
            Shape { kind: ShapeKind::Rect, x: place.x, y: size * 0.25, w: size * 3.0, h: 1.0, color: palette.muted };
        let mut rule_row = row(place.path.clone(), Content::Shape(rule), size * 0.5, place.x + size * 3.0);
        rule_row.keep_with_next = true;
        out.push(rule_row);
        let (scale, reveal) = (self.style.scale, self.reveal);
        self.style.scale *= FOOTNOTE_SCALE;
        self.reveal = false;
        let muted = Place { color: palette.muted, ..place.clone() };
        self.list(Some(1), items, &muted, out);
        (self.style.scale, self.reveal) = (scale, reveal);
    }

    /// A picture at its natural size (96 dpi; `grow` times it at most),
    /// shrunk to the box's width and the page's height, centred.
    fn picture(&mut self, src: &str, alt: &str, grow: f32, place: &Place, out: &mut Vec<Row>) {
        let Some((id, picture)) = self.ts.images.find(src) else {
            let spec = self.spec(place.level, place.color);
            return self.text(&[Inline::Text(alt.to_string())], spec, place, None, out);
        };
        let (px_w, px_h) = picture.size();
        let (natural_w, natural_h) = (px_w * 0.75, px_h * 0.75);
        // Below other content, use the room left on the page when that is
        // a fair share of it, rather than pushing the picture to the next.
        let room = self.max_height - stacked_height(out) - self.size(0) * 0.6;
        let limit = if room >= self.max_height * 0.4 { room } else { self.max_height };
        let scale = (place.width / natural_w).min(limit / natural_h).min(grow);
        let (w, h) = (natural_w * scale, natural_h * scale);
        let x = place.x + (place.width - w) / 2.0;
        let text = super::lifted::text(self.ts.book, picture.lifted(), (x, 0.0), w / px_w.max(1.0), None);
        let image = ImageBox { id, x, y: 0.0, w, h, clip: None, alt: alt.to_string(), text };
        out.push(row(place.path.clone(), Content::Image(image), h, x + w));
    }

    /// A diagram: the picture drawn of it, laid out as a picture is; its
    /// alternative text its type and the text it shows.
    fn diagram(&mut self, source: &str, place: &Place, out: &mut Vec<Row>) {
        let key = crate::diagram::key(source);
        let mut alt = super::diagram_alt(source);
        if let Some((_, picture)) = self.ts.images.find(&key) {
            let labels = picture.labels();
            if !labels.is_empty() {
                alt = format!("{alt}: {}", labels.join(", "));
            }
        }
        // Mermaid sets labels at 12 pt: grown until they are as large as
        // the body text, as the box and the page allow.
        let grow = (self.size(place.level) * DIAGRAM_TEXT / 12.0).max(1.0);
        self.picture(&key, &alt, grow, place, out);
    }

    /// A formula on its own line, centred, in display style; narrowed to
    /// the box's width (with a warning) rather than overflowing it.
    fn display_math(&mut self, tex: &str, span: Option<&Span>, place: &Place, out: &mut Vec<Row>) {
        let Ok(formula) = crate::math::typeset(tex, true) else {
            // The reader checked every formula: this is not reached.
            let spec = self.spec(place.level, place.color);
            return self.text(&[Inline::Code(tex.to_string())], spec, place, None, out);
        };
        let size = self.size(place.level) * super::math::MATH_SCALE;
        let pad = self.size(place.level) * 0.25;
        let natural = (formula.width * size, (formula.height + formula.depth) * size);
        let fit = (place.width / natural.0).min((self.max_height - 2.0 * pad) / natural.1).min(1.0);
        if fit < 0.999 {
            let message = format!("this formula is wider than the slide: it is set at {:.0} %", fit * 100.0);
            self.ts.warn_at(span, message, &["break it into lines: \\begin{aligned} … \\\\ … \\end{aligned}"]);
        }
        let size = size * fit;
        let x = place.x + (place.width - formula.width * size) / 2.0;
        let text_face = self.ts.book.select(FontStyle::default());
        let at = super::math::At { x, baseline: pad + formula.height * size, size, color: place.color, text_face };
        let placed = super::math::place(self.ts.book, &formula, &std::sync::Arc::from(tex), at);
        let mut path = place.path.clone();
        path.push(Frame::Para { id: self.id(), heading: None });
        let height = (formula.height + formula.depth) * size + 2.0 * pad;
        let mut row =
            row(path, Content::Line(TextLine { runs: placed.runs, rtl: false }), height, x + formula.width * size);
        row.decorations = placed.shapes;
        out.push(row);
    }

    fn code(
        &mut self,
        text: &str,
        (lang, span): (Option<&str>, Option<&Span>),
        size: f32,
        place: &Place,
        out: &mut Vec<Row>,
    ) {
        let palette = self.ts.theme.palette;
        let pad = size * 0.5;
        let spec = Spec {
            style: FontStyle { mono: true, ..FontStyle::default() },
            size: size * 0.78,
            color: palette.text,
            line_height: 1.35,
            align: Align::Left,
        };
        let (x, width) = (place.x + pad, place.width - 2.0 * pad);
        let dark = palette.code.luminance() < 0.4;
        let tokens = lang.and_then(|lang| match highlight::highlight(text, lang, dark) {
            // A highlighting theme's colours are made for its own background,
            // not the deck's code box: each is kept legible on the box (WCAG AA).
            Highlighted::Tokens(mut tokens) => {
                tokens.iter_mut().for_each(|t| t.color = crate::theme::legible(t.color, palette.code, 4.5));
                Some(tokens)
            }
            Highlighted::Plain => None,
            Highlighted::Unknown { suggestion } => {
                let message = format!("no syntax highlighting for language `{lang}`; the code is shown plain");
                let named = "name the language as in a Markdown fence or by its file extension (rust, python, ts, \
                             toml, sh, console, …), or write `text` for plain code";
                match suggestion {
                    Some(known) => self.ts.warn_at(span, message, &[&format!("did you mean `{known}`?"), named]),
                    None => self.ts.warn_at(span, message, &[named]),
                }
                None
            }
        });
        let mut column = 0;
        let set = match tokens {
            Some(mut tokens) => {
                super::tabs::expand_each(tokens.iter_mut().map(|t| &mut t.text), &mut column);
                self.ts.tokens(&tokens, spec, x, 0.0, width)
            }
            None => self.ts.plain(&super::tabs::expand(text, &mut column), spec, x, 0.0, width),
        };
        let mut path = place.path.clone();
        let color = palette.code;
        path.push(Frame::Code { id: self.id(), x: place.x, w: place.width, color });
        let start = out.len();
        push_lines(set, spec.size * spec.line_height, &path, out);
        // Padding inside the box: above the first line, below the last.
        if let Some(first) = out.get_mut(start) {
            first.height += pad;
            first.shift_content(pad);
        }
        if let Some(last) = out.last_mut() {
            last.height += pad;
        }
        for row in &mut out[start..] {
            row.right = place.x + place.width;
        }
    }

    fn table(
        &mut self,
        align: &[TableAlign],
        rows: &[Vec<Vec<Inline>>],
        spec: Spec,
        place: &Place,
        out: &mut Vec<Row>,
    ) {
        let columns = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let col_w = place.width / columns as f32;
        let pad = spec.size * 0.3;
        let spec = Spec { size: spec.size * 0.85, ..spec };
        let palette = self.ts.theme.palette;
        let mut path = place.path.clone();
        path.push(Frame::Table { id: self.id() });
        for (r, cells_in) in rows.iter().enumerate() {
            let mut cells = Vec::new();
            let mut decorations = Vec::new();
            let mut height: f32 = 0.0;
            for (c, cell) in cells_in.iter().enumerate() {
                let align = match align.get(c) {
                    Some(TableAlign::Center) => Align::Center,
                    Some(TableAlign::Right) => Align::Right,
                    _ => Align::Left,
                };
                let cell_spec = Spec { style: FontStyle { bold: r == 0, ..spec.style }, align, ..spec };
                // The first column on the right in a right-to-left slide.
                let slot = if self.ts.setting.rtl { columns - 1 - c } else { c };
                let set = self.ts.inlines(cell, cell_spec, place.x + slot as f32 * col_w + pad, pad, col_w - 2.0 * pad);
                height = height.max(set.height + 2.0 * pad);
                decorations.extend(set.shapes);
                cells.push(set.lines);
            }
            let rule_color = if r == 0 { palette.accent } else { palette.background.mix(palette.muted, 0.35) };
            let weight = if r == 0 { 1.5 } else { 0.75 };
            decorations.push(Shape {
                kind: ShapeKind::Rect,
                x: place.x,
                y: height - weight / 2.0,
                w: place.width,
                h: weight,
                color: rule_color,
            });
            let mut row = row(path.clone(), Content::Cells(cells), height, place.x + place.width);
            row.decorations = decorations;
            row.boundary = r == 0;
            row.keep_with_next = r == 0; // the header row stays with the first body row
            row.header = r == 0;
            out.push(row);
        }
    }
}

fn row(path: Vec<Frame>, content: Content, height: f32, right: f32) -> Row {
    Row {
        path,
        content,
        marker: None,
        decorations: Vec::new(),
        height,
        gap_before: 0.0,
        boundary: true,
        keep_with_next: false,
        header: false,
        right,
    }
}

/// One row per set line, each moved to its own origin.
fn push_lines(set: SetText, advance: f32, path: &[Frame], out: &mut Vec<Row>) {
    let mut decorations = set.shapes;
    for (i, line) in set.lines.into_iter().enumerate() {
        let top = advance * i as f32;
        let right = line.runs.last().map_or(0.0, |r| r.x + r.width);
        let mut node = Node::Paragraph(vec![line]);
        node.shift(0.0, -top);
        let Node::Paragraph(mut lines) = node else { continue };
        let Some(line) = lines.pop() else { continue };
        let mut row = row(path.to_vec(), Content::Line(line), advance, right);
        row.boundary = i == 0;
        // Decorations of this line move with it.
        let (mine, rest): (Vec<Shape>, Vec<Shape>) =
            decorations.into_iter().partition(|s| s.y >= top && s.y < top + advance);
        decorations = rest;
        row.decorations = mine.into_iter().map(|s| Shape { y: s.y - top, ..s }).collect();
        out.push(row);
    }
}

impl Row {
    /// The baseline of its first line, from the row's top.
    fn content_baseline(&self) -> Option<f32> {
        match &self.content {
            Content::Line(line) => line.runs.first().map(|r| r.y),
            _ => None,
        }
    }

    /// Move the content (not the row's box) down by `dy`.
    fn shift_content(&mut self, dy: f32) {
        match &mut self.content {
            Content::Line(line) => {
                let mut node = Node::Paragraph(vec![std::mem::take(line)]);
                node.shift(0.0, dy);
                if let Node::Paragraph(mut lines) = node {
                    *line = lines.pop().unwrap_or_default();
                }
            }
            Content::Nodes(nodes) => nodes.iter_mut().for_each(|n| n.shift(0.0, dy)),
            Content::Cells(_) | Content::Shape(_) | Content::Image(_) => {}
        }
        for s in &mut self.decorations {
            s.y += dy;
        }
    }
}
/// A diagram's labels' size at most, relative to the body text's.
const DIAGRAM_TEXT: f32 = 1.0;

/// Width of the quote bar, pt.
pub(super) const QUOTE_BAR: f32 = 3.0;

/// Where a list item's marker hangs: the indent beside its text.
#[derive(Clone, Copy)]
struct Zone {
    x: f32,
    w: f32,
    /// The item reads right to left: the zone is right of the text.
    rtl: bool,
}

impl Zone {
    /// Left edge of a marker `width` wide at the zone's outer edge (away
    /// from the text): its left for left-to-right items, its right otherwise.
    fn far_edge(self, width: f32) -> f32 {
        if self.rtl { self.x + self.w - width } else { self.x }
    }
}

fn line_width(line: &TextLine) -> f32 {
    line.runs.iter().map(|r| r.width).sum()
}

/// `line` moved so that its first run starts at `left`.
fn moved_to(mut line: TextLine, left: f32) -> TextLine {
    let dx = left - line.runs.first().map_or(left, |r| r.x);
    for run in &mut line.runs {
        run.x += dx;
    }
    line
}
