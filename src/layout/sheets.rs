//! Paper sheets for printing: speaker notes (each slide on top, its notes
//! set below) and handouts (several slides per page, ruled lines beside
//! them for three). Layout places the slides and sets the notes; the PDF
//! exporter draws each slide's own page, scaled, as vectors.

use super::flow::{BodyStyle, Flow};
use super::frame::{Node, Page, Shape, ShapeKind};
use super::paginate::split;
use super::rows::place;
use super::typeset::{Align, Spec, Typesetter};
use crate::diag::Sink;
use crate::images::ImageStore;
use crate::model::Deck;
use crate::text::{FontBook, FontStyle, Setting};
use crate::theme::{Color, Theme};

/// Paper sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// 210 × 297 mm.
    A4,
    /// 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// Width and height, pt (portrait).
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

/// A slide drawn on a sheet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    /// Index of the slide page in the deck's pages.
    pub page: usize,
    /// Scale of the slide.
    pub scale: f32,
    /// Left, pt.
    pub x: f32,
    /// Top, pt.
    pub y: f32,
}

/// One printed sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// Paper size, pt.
    pub size: (f32, f32),
    /// Slides on it.
    pub slides: Vec<Placed>,
    /// Everything else: frames, notes text, rules, page number.
    pub nodes: Vec<Node>,
}

const MARGIN: f32 = 48.0;
const FRAME: Color = Color { r: 0xb8, g: 0xbe, b: 0xc6 };
const INK: Color = Color { r: 0x1b, g: 0x22, b: 0x30 };
const RULE: Color = Color { r: 0xc8, g: 0xcd, b: 0xd4 };

/// Notes pages: every page of the deck at the top of a sheet, the speaker
/// notes of its slide (on the slide's first page) set below, continued on
/// further sheets when long.
pub fn notes(
    deck: &Deck,
    pages: &[Page],
    theme: &Theme,
    book: &FontBook,
    images: &ImageStore,
    paper: Paper,
    sink: &mut Sink,
) -> Vec<Sheet> {
    let (w, h) = paper.size();
    let notes_theme = Theme { indents: vec![16.0], ..theme.clone() };
    let mut sheets = Vec::new();
    for (index, page) in pages.iter().enumerate() {
        let scale = (w - 2.0 * MARGIN) / page.size.0;
        let slide_h = page.size.1 * scale;
        let mut first = Sheet {
            size: (w, h),
            slides: vec![Placed { page: index, scale, x: MARGIN, y: MARGIN }],
            nodes: frame(MARGIN, MARGIN, w - 2.0 * MARGIN, slide_h),
        };
        let notes_top = MARGIN + slide_h + 28.0;
        let body = deck.slides.get(page.slide).map(|s| s.notes_body.as_slice()).unwrap_or(&[]);
        let mut continued = Vec::new();
        if page.part.0 == 1 && !body.is_empty() {
            let mut ts = Typesetter {
                book,
                theme: &notes_theme,
                images,
                sink: &mut *sink,
                context: format!(
                    "notes of {}",
                    deck.slides.get(page.slide).map(|s| s.name(page.slide)).unwrap_or_default()
                ),
                span: None,
                chars: &[],
                setting: deck.slides.get(page.slide).map(|s| super::setting(&deck.meta, s)).unwrap_or_default(),
                missing: Vec::new(),
            };
            let style = BodyStyle { scale: 11.5 / theme.body_size(0), item_gap: 0.4, color: INK };
            let room = h - MARGIN - notes_top - 24.0;
            let rows = Flow::new(&mut ts, w - 2.0 * MARGIN, room, style).rows(body);
            let mut parts = split(rows, room).into_iter();
            if let Some(rows) = parts.next() {
                first.nodes.extend(place(rows, MARGIN, notes_top));
            }
            for rows in parts {
                continued.push(Sheet { size: (w, h), slides: Vec::new(), nodes: place(rows, MARGIN, MARGIN) });
            }
        }
        sheets.push(first);
        sheets.extend(continued);
    }
    number(&mut sheets, book, theme, images, sink);
    sheets
}

/// Handouts: `per_sheet` slides (1, 2, 3, 4 or 6) on each sheet, framed;
/// with three, ruled lines beside each slide for the reader's notes.
pub fn handouts(
    pages: &[Page],
    per_sheet: usize,
    theme: &Theme,
    book: &FontBook,
    images: &ImageStore,
    paper: Paper,
    sink: &mut Sink,
) -> Vec<Sheet> {
    let (w, h) = paper.size();
    let (cols, rows) = match per_sheet {
        1 => (1, 1),
        2 => (1, 2),
        3 => (1, 3),
        4 => (2, 2),
        _ => (2, 3),
    };
    let aspect = pages.first().map_or(540.0 / 960.0, |p| p.size.1 / p.size.0);
    let gap = 24.0;
    let usable_w = if per_sheet == 3 { (w - 2.0 * MARGIN) * 0.55 } else { w - 2.0 * MARGIN };
    let cell_w = (usable_w - gap * (cols as f32 - 1.0)) / cols as f32;
    let cell_h = (h - 2.0 * MARGIN - 24.0 - gap * (rows as f32 - 1.0)) / rows as f32;
    let slide_w = cell_w.min(cell_h / aspect);
    let slide_h = slide_w * aspect;
    let block_h = rows as f32 * slide_h + (rows as f32 - 1.0) * gap;
    let top = MARGIN + ((h - 2.0 * MARGIN - 24.0) - block_h).max(0.0) / 2.0;
    let mut sheets = Vec::new();
    for chunk in (0..pages.len()).collect::<Vec<_>>().chunks(per_sheet.max(1)) {
        let mut sheet = Sheet { size: (w, h), slides: Vec::new(), nodes: Vec::new() };
        for (slot, &index) in chunk.iter().enumerate() {
            let (col, row) = (slot % cols, slot / cols);
            let x =
                if per_sheet == 3 { MARGIN } else { MARGIN + (cell_w - slide_w) / 2.0 + col as f32 * (cell_w + gap) };
            let y = top + row as f32 * (slide_h + gap);
            let scale = slide_w / pages[index].size.0;
            sheet.slides.push(Placed { page: index, scale, x, y });
            sheet.nodes.extend(frame(x, y, slide_w, slide_h));
            if per_sheet == 3 {
                let left = x + slide_w + gap;
                let lines = 6;
                for i in 0..lines {
                    let ly = y + slide_h * (i as f32 + 1.0) / lines as f32;
                    sheet.nodes.push(Node::Shape(Shape {
                        kind: ShapeKind::Rect,
                        x: left,
                        y: ly - 0.5,
                        w: w - MARGIN - left,
                        h: 0.5,
                        color: RULE,
                    }));
                }
            }
        }
        sheets.push(sheet);
    }
    number(&mut sheets, book, theme, images, sink);
    sheets
}

/// A hairline box around a slide, drawn as four thin bars.
fn frame(x: f32, y: f32, w: f32, h: f32) -> Vec<Node> {
    let bar = |x, y, w, h| Node::Shape(Shape { kind: ShapeKind::Rect, x, y, w, h, color: FRAME });
    vec![
        bar(x, y - 0.5, w, 0.5),
        bar(x, y + h, w, 0.5),
        bar(x - 0.5, y - 0.5, 0.5, h + 1.0),
        bar(x + w, y - 0.5, 0.5, h + 1.0),
    ]
}

/// "3 / 12" at the foot of every sheet.
fn number(sheets: &mut [Sheet], book: &FontBook, theme: &Theme, images: &ImageStore, sink: &mut Sink) {
    let total = sheets.len();
    let mut ts = Typesetter {
        book,
        theme,
        images,
        sink,
        context: "sheets".into(),
        span: None,
        chars: &[],
        setting: Setting::default(),
        missing: Vec::new(),
    };
    let spec = Spec { style: FontStyle::default(), size: 9.0, color: FRAME, line_height: 1.2, align: Align::Right };
    for (i, sheet) in sheets.iter_mut().enumerate() {
        let (w, h) = sheet.size;
        let set = ts.plain(&format!("{} / {total}", i + 1), spec, MARGIN, h - MARGIN + 12.0, w - 2.0 * MARGIN);
        sheet.nodes.push(Node::Footer(set.lines));
    }
}
