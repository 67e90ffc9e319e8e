//! Text boxes: one per block (a title, a paragraph group, a list, a code
//! block), placed where layout set the block's lines. Paragraphs keep
//! their list level, bullet or number, and line pitch; runs keep face,
//! size, colour and links. Line breaks are left to the reader's
//! application: the box is as wide as the widest line plus a little, never
//! so wide that a word layout moved down would fit above, so the text
//! wraps where it did in the PDF. A break layout made where the next word
//! would have fitted was the author's, and stays a line break.

use super::draw::{self, Rect};
use super::slide::Slide;
use super::xml::{centi, emu};
use crate::layout::{TextLine, TextRun};
use crate::model::Target;
use crate::text::FontBook;
use crate::theme::Color;

/// How a paragraph is marked.
#[derive(Debug, Clone, PartialEq)]
pub enum Bullet {
    /// Not a list item (or the rest of one).
    None,
    /// A character in a colour, at `x` pt.
    Char {
        /// The character.
        char: char,
        /// Its colour.
        color: Color,
        /// Where it sits, pt.
        x: f32,
        /// Its width, pt.
        w: f32,
    },
    /// A number of an ordered list at `x` pt.
    Number {
        /// The list's first number on this page.
        start: u64,
        /// "1)" rather than "1.".
        paren: bool,
        /// Its colour.
        color: Color,
        /// Its size relative to the text's, percent.
        size: f32,
        /// Where it sits, pt.
        x: f32,
        /// Its width, pt.
        w: f32,
    },
}

impl Bullet {
    /// Its left and right edges, pt.
    fn span(&self) -> Option<(f32, f32)> {
        match *self {
            Bullet::Char { x, w, .. } | Bullet::Number { x, w, .. } => Some((x, x + w)),
            Bullet::None => None,
        }
    }
}

/// One paragraph of a box.
#[derive(Debug, Clone)]
pub struct Para<'a> {
    /// Its lines as laid out.
    pub lines: Vec<&'a TextLine>,
    /// List level, 0 for body text and the first level of a list.
    pub level: usize,
    /// Its marker.
    pub bullet: Bullet,
    /// "ctr" or "r" when layout said so (table columns); else read from
    /// the lines.
    pub align: Option<&'static str>,
}

impl<'a> Para<'a> {
    /// A paragraph of `lines` without a marker.
    pub fn plain(lines: &'a [TextLine]) -> Para<'a> {
        Para {
            lines: lines.iter().filter(|l| !l.runs.is_empty()).collect(),
            level: 0,
            bullet: Bullet::None,
            align: None,
        }
    }

    /// It reads right to left.
    fn rtl(&self) -> bool {
        self.lines.first().is_some_and(|l| l.rtl)
    }
}

/// A line's runs in reading order: a right-to-left line's from the right.
fn logical(line: &TextLine) -> Box<dyn DoubleEndedIterator<Item = &TextRun> + '_> {
    if line.rtl { Box::new(line.runs.iter().rev()) } else { Box::new(line.runs.iter()) }
}

/// What kind of box: titles become the slide's title placeholder, code
/// keeps each line as a paragraph of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The slide's title.
    Title,
    /// Body text.
    Body,
    /// Code: one paragraph per line, indentation as spaces.
    Code,
    /// Footer text.
    Footer,
}

/// Measurements of a line: left, right, baseline, and how far its
/// largest run reaches above and below.
#[derive(Debug, Clone, Copy)]
struct Extent {
    left: f32,
    right: f32,
    baseline: f32,
    size: f32,
    descent: f32,
}

fn extent(line: &TextLine, book: &FontBook) -> Extent {
    let first = &line.runs[0];
    let last = &line.runs[line.runs.len() - 1];
    let biggest = line.runs.iter().max_by(|a, b| a.size.total_cmp(&b.size)).unwrap_or(first);
    let descent = -book.face(biggest.font).descender * biggest.size;
    Extent { left: first.x, right: last.x + last.width, baseline: first.y, size: biggest.size, descent }
}

/// How far below where the line pitch puts it LibreOffice sets a
/// baseline in a paragraph of exact line spacing, in ems: measured
/// (LibreOffice 7.4 and Inter, sizes 11-47 pt, 0.15 em at each), and
/// taken off the box's top so that the text lands where layout put it.
const BASELINE_DROP: f32 = 0.15;

/// The top of the box of a line set at `pitch`: a line of exact spacing
/// puts its baseline its descent above its bottom.
fn line_top(extent: &Extent, pitch: f32) -> f32 {
    extent.baseline - (pitch - extent.descent) - BASELINE_DROP * extent.size
}

/// The line pitch of a paragraph: from its lines when it has several,
/// else the usual 1.2 of its size.
fn pitch(extents: &[Extent]) -> f32 {
    match extents {
        [a, b, ..] => b.baseline - a.baseline,
        [a] => a.size * 1.2,
        [] => 0.0,
    }
}

/// The advance of a space at `size`, lower bound: used to tell breaks
/// layout made for width from those the author made.
fn space(size: f32) -> f32 {
    size * 0.2
}

/// The width of `line` up to its first break opportunity: a space, or
/// just after a hyphen, dash or slash (where a reader's application may
/// break "policy-making" even where layout kept it whole).
fn first_word(line: &TextLine) -> f32 {
    let mut width = 0.0;
    for run in logical(line) {
        // A right-to-left run's glyphs stand in visual order: read from its end.
        let order: Box<dyn Iterator<Item = usize>> =
            if run.rtl { Box::new((0..run.glyphs.len()).rev()) } else { Box::new(0..run.glyphs.len()) };
        for i in order {
            let glyph = &run.glyphs[i];
            let text = run.glyph_text(i);
            if text.chars().next().is_some_and(char::is_whitespace) {
                return width;
            }
            width += glyph.advance;
            if width > 0.0 && joins_without_space(text.chars().last()) {
                return width;
            }
        }
    }
    width
}

/// Whether text ending in `last` joins the next line without a space
/// (a break after a hyphen, dash or slash).
fn joins_without_space(last: Option<char>) -> bool {
    matches!(last, Some('-' | '‐' | '–' | '—' | '/' | '\u{ad}'))
        || last.is_some_and(|c| ('\u{2e80}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c))
}

/// What goes between two lines of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    /// A space, where the line broke at one.
    Space,
    /// Nothing: the break followed a hyphen or dash, where every reader
    /// may break again.
    Nothing,
    /// A zero-width space: the break followed a slash (or other
    /// character) where a reader might not break on its own.
    Opportunity,
    /// A line break of the author's, or one made where the next word
    /// would have fitted.
    Break,
}

/// Paragraphs measured: their lines' extents, the box's left edge and
/// widest line, and what goes between their lines.
pub struct Measured<'p, 'a> {
    paras: Vec<&'p Para<'a>>,
    extents: Vec<Vec<Extent>>,
    joins: Vec<Vec<Join>>,
    kind: Kind,
    /// The left edge of the text and its markers, pt.
    pub left: f32,
    /// The right edge of the widest line, pt.
    pub right: f32,
    /// How far the box may reach past `right` without a word that layout
    /// moved down fitting above, pt.
    pub slack: f32,
    /// The top of the first line's box, pt.
    pub top: f32,
    /// The bottom of the last line's box, pt.
    pub bottom: f32,
}

impl<'p, 'a> Measured<'p, 'a> {
    /// Measure `paras`; `None` when they hold no text. `limit` is the
    /// right edge the lines were broken at, when known (table cells);
    /// else the widest line stands for it.
    pub fn new(book: &FontBook, kind: Kind, paras: &'p [Para<'a>], limit: Option<f32>) -> Option<Measured<'p, 'a>> {
        let paras: Vec<&Para> = paras.iter().filter(|p| !p.lines.is_empty()).collect();
        if paras.is_empty() {
            return None;
        }
        let extents: Vec<Vec<Extent>> =
            paras.iter().map(|p| p.lines.iter().map(|l| extent(l, book)).collect()).collect();
        let left = paras
            .iter()
            .zip(&extents)
            .flat_map(|(p, e)| e.iter().map(|e| e.left).chain(p.bullet.span().map(|s| s.0)))
            .fold(f32::INFINITY, f32::min);
        // A right-to-left item's marker stands right of its text.
        let right = paras
            .iter()
            .zip(&extents)
            .flat_map(|(p, e)| e.iter().map(|e| e.right).chain(p.bullet.span().map(|s| s.1).filter(|_| p.rtl())))
            .fold(f32::NEG_INFINITY, f32::max);
        let limit = limit.unwrap_or(right).max(right);
        // Joins between lines, and the narrowest width a soft break
        // overflows.
        let mut joins: Vec<Vec<Join>> = Vec::new();
        let mut narrowest_overflow = f32::INFINITY;
        for (para, ext) in paras.iter().zip(&extents) {
            let mut list = Vec::new();
            for i in 1..para.lines.len() {
                if kind == Kind::Code {
                    list.push(Join::Break);
                    continue;
                }
                let last = logical(para.lines[i - 1]).last().and_then(|r| r.text.chars().last());
                let glue = joins_without_space(last);
                let gap = if glue { 0.0 } else { space(ext[i].size) } + first_word(para.lines[i]);
                // Whether the next line's first word would have fitted at
                // the end of this one: to the right, or to the left of a
                // right-to-left line (whose lines share a right edge).
                let overflow = if para.rtl() { limit + gap - ext[i - 1].left + left } else { ext[i - 1].right + gap };
                if overflow <= limit + 0.01 {
                    list.push(Join::Break);
                } else {
                    narrowest_overflow = narrowest_overflow.min(overflow);
                    list.push(match last {
                        _ if !glue => Join::Space,
                        Some('-' | '‐' | '–' | '—' | '\u{ad}') => Join::Nothing,
                        _ => Join::Opportunity,
                    });
                }
            }
            joins.push(list);
        }
        let slack = (2.0 + 0.015 * (right - left)).min((narrowest_overflow - right) / 2.0).max(0.0);
        let first = extents[0][0];
        let top = line_top(&first, pitch(&extents[0]));
        let last = extents.last().and_then(|e| e.last()).copied().unwrap_or(first);
        let bottom = last.baseline + last.descent;
        Some(Measured { paras, extents, joins, kind, left, right, slack, top, bottom })
    }

    /// Write the paragraphs, the first line's box at the top of the body.
    pub fn write(&self, slide: &mut Slide) {
        let mut previous_bottom = self.top;
        for ((para, ext), joins) in self.paras.iter().zip(&self.extents).zip(&self.joins) {
            let pitch = pitch(ext);
            let top = line_top(&ext[0], pitch);
            let before = (top - previous_bottom).max(0.0);
            let last = &ext[ext.len() - 1];
            previous_bottom = line_top(last, pitch) + pitch;
            // Where the text starts, from the box's edge on its side.
            let start = |e: &Extent| if para.rtl() { self.right - e.right } else { e.left - self.left };
            let lines: Vec<(Vec<&TextLine>, f32)> = if self.kind == Kind::Code {
                para.lines.iter().zip(ext).map(|(l, e)| (vec![*l], start(e))).collect()
            } else {
                vec![(para.lines.clone(), start(&ext[0]))]
            };
            let edge = if para.rtl() { self.right } else { self.left };
            for (n, (group, inset)) in lines.into_iter().enumerate() {
                let before = if n == 0 { before } else { 0.0 };
                paragraph(slide, para, self.kind, group, (edge, inset), pitch, before, joins);
            }
        }
    }
}

/// Write one text box of `paras`; nothing when they hold no text.
pub fn text_box(slide: &mut Slide, kind: Kind, paras: &[Para]) {
    let Some(measured) = Measured::new(slide.book, kind, paras, slide.measure_right) else { return };
    // The room to spare goes where lines end: left of right-to-left text.
    let rtl = paras.first().is_some_and(Para::rtl);
    let rect = Rect {
        x: if rtl { measured.left - measured.slack } else { measured.left },
        y: measured.top,
        w: measured.right - measured.left + measured.slack,
        h: measured.bottom - measured.top + 1.0,
    };
    let id = slide.next_id();
    let name = match kind {
        Kind::Title => format!("Title {id}"),
        Kind::Code => format!("Code {id}"),
        Kind::Footer => format!("Footer {id}"),
        Kind::Body => format!("Text {id}"),
    };
    let xml = &mut slide.xml;
    xml.open("p:sp", &[]);
    let placeholder = (kind == Kind::Title).then_some((slide.title_type, 0));
    draw::nv_shape(xml, id, &name, placeholder.is_none(), placeholder);
    xml.open("p:spPr", &[]);
    draw::xfrm(xml, rect);
    draw::geometry(xml, "rect");
    xml.empty("a:noFill", &[]);
    xml.close();
    xml.open("p:txBody", &[]);
    draw::body_pr(xml, "t");
    xml.empty("a:lstStyle", &[]);
    measured.write(slide);
    let xml = &mut slide.xml;
    xml.close();
    xml.close();
}

/// Write one `<a:p>`.
#[allow(clippy::too_many_arguments)]
/// `(edge, inset)`: the box's edge on the side the text starts (its left,
/// or its right for right-to-left text) and how far in from it the text
/// starts; PowerPoint measures a right-to-left paragraph's margin and
/// hanging indent from the right.
fn paragraph(
    slide: &mut Slide,
    para: &Para,
    kind: Kind,
    lines: Vec<&TextLine>,
    (edge, inset): (f32, f32),
    pitch: f32,
    before: f32,
    joins: &[Join],
) {
    let xml = &mut slide.xml;
    xml.open("a:p", &[]);
    let rtl = para.rtl();
    let code_indent = if kind == Kind::Code { inset } else { 0.0 };
    let margin = if kind == Kind::Code { 0.0 } else { inset };
    // The marker's outer edge, as far from the box's edge as the text's.
    let indent = para.bullet.span().map_or(0.0, |(l, r)| if rtl { edge - r - inset } else { l - edge - inset });
    let align = para.align.or_else(|| alignment(&lines)).or(rtl.then_some("r"));
    let level = para.level.min(8);
    let mut attrs: Vec<(&str, &dyn std::fmt::Display)> = Vec::new();
    let (mar, ind, lvl) = (emu(margin), emu(indent), level);
    attrs.push(("marL", &mar));
    attrs.push(("indent", &ind));
    if lvl > 0 {
        attrs.push(("lvl", &lvl));
    }
    if let Some(align) = &align {
        attrs.push(("algn", align));
    }
    if rtl {
        attrs.push(("rtl", &1));
    }
    xml.open("a:pPr", &attrs);
    xml.open("a:lnSpc", &[]);
    xml.empty("a:spcPts", &[("val", &centi(pitch))]);
    xml.close();
    xml.open("a:spcBef", &[]);
    xml.empty("a:spcPts", &[("val", &centi(before))]);
    xml.close();
    match &para.bullet {
        Bullet::None => xml.empty("a:buNone", &[]),
        Bullet::Char { char, color, .. } => {
            xml.open("a:buClr", &[]);
            draw::rgb(xml, *color);
            xml.close();
            xml.empty("a:buSzPct", &[("val", &100_000)]);
            xml.empty("a:buFont", &[("typeface", &"Arial")]);
            xml.empty("a:buChar", &[("char", char)]);
        }
        Bullet::Number { start, paren, color, size, .. } => {
            xml.open("a:buClr", &[]);
            draw::rgb(xml, *color);
            xml.close();
            xml.empty("a:buSzPct", &[("val", &((size * 1000.0).round() as i64))]);
            xml.empty("a:buFontTx", &[]);
            let scheme = if *paren { "arabicParenR" } else { "arabicPeriod" };
            xml.empty("a:buAutoNum", &[("type", &scheme), ("startAt", start)]);
        }
    }
    xml.close();
    if code_indent > 0.5
        && let Some(run) = lines.first().and_then(|l| l.runs.first())
    {
        let cell = run.glyphs.first().map_or(run.size * 0.6, |g| g.advance).max(0.1);
        let spaces = " ".repeat((code_indent / cell).round() as usize);
        run_xml(slide, run, &spaces, kind);
    }
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            match joins.get(i - 1).copied().unwrap_or(Join::Break) {
                Join::Space => {
                    if let Some(run) = logical(line).next() {
                        run_xml(slide, run, " ", kind);
                    }
                }
                Join::Nothing => {}
                Join::Opportunity => {
                    if let Some(run) = logical(line).next() {
                        run_xml(slide, run, "\u{200b}", kind);
                    }
                }
                Join::Break => {
                    let xml = &mut slide.xml;
                    xml.open("a:br", &[]);
                    if let Some(run) = logical(line).next() {
                        run_props(slide, run, kind, false);
                    }
                    slide.xml.close();
                }
            }
        }
        // The line's own baseline: its text's, not a formula's raised glyph's.
        slide.baseline = line.runs.iter().find(|r| r.formula.is_none()).or(line.runs.first()).map_or(0.0, |r| r.y);
        // In reading order: the reader's application orders them for display.
        for run in logical(line) {
            run_xml(slide, run, &run.text, kind);
        }
    }
    if let Some(run) = lines.last().and_then(|l| logical(l).last()) {
        let xml = &mut slide.xml;
        xml.open("a:endParaRPr", &[("lang", &slide.lang), ("sz", &centi(run.size)), ("dirty", &0)]);
        xml.close();
    }
    slide.xml.close();
}

/// "ctr" or "r" when the lines share a centre or right edge but not a
/// left one; nothing for left-aligned text and single lines.
fn alignment(lines: &[&TextLine]) -> Option<&'static str> {
    if lines.len() < 2 {
        return None;
    }
    let edges: Vec<(f32, f32)> =
        lines.iter().filter_map(|l| Some((l.runs.first()?.x, l.runs.last().map(|r| r.x + r.width)?))).collect();
    let same = |f: &dyn Fn(&(f32, f32)) -> f32| edges.iter().all(|e| (f(e) - f(&edges[0])).abs() < 0.5);
    if same(&|e| e.0) {
        None
    } else if same(&|e| (e.0 + e.1) / 2.0) {
        Some("ctr")
    } else if same(&|e| e.1) {
        Some("r")
    } else {
        None
    }
}

/// The id PowerPoint knows its slide-number field by.
const SLIDE_NUMBER_FIELD: &str = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}";

/// One `<a:r>` of `text` in `run`'s style; the footer's page number as
/// a slide-number field, which PowerPoint keeps right when slides move.
fn run_xml(slide: &mut Slide, run: &TextRun, text: &str, kind: Kind) {
    if text.is_empty() {
        return;
    }
    if kind == Kind::Footer && text == slide.number.to_string() {
        slide.xml.open("a:fld", &[("id", &SLIDE_NUMBER_FIELD), ("type", &"slidenum")]);
    } else {
        slide.xml.open("a:r", &[]);
    }
    run_props(slide, run, kind, true);
    slide.xml.leaf("a:t", &[], text);
    slide.xml.close();
}

/// `<a:rPr>` of a run: size, weight, slant, strike, colour, face, link.
fn run_props(slide: &mut Slide, run: &TextRun, _kind: Kind, link: bool) {
    let face = slide.book.face(run.font);
    let (mut bold, mut italic) = (u8::from(face.style.bold), u8::from(face.style.italic));
    let mut family = face.family.clone();
    // A formula's glyph: PowerPoint has not the KaTeX faces. Office's own
    // math face stands in, in KaTeX's weight and slant, raised or lowered
    // as a superscript or subscript.
    let mut shift = 0;
    if run.formula.is_some() {
        family = "Cambria Math".to_string();
        bold = u8::from(face.postscript_name.contains("Bold"));
        italic = u8::from(face.postscript_name.contains("Italic"));
        shift = ((slide.baseline - run.y) / run.size * 100_000.0).round() as i64;
    }
    let size = centi(run.size).clamp(100, 400_000);
    let lang = slide.lang.clone();
    let mut attrs: Vec<(&str, &dyn std::fmt::Display)> =
        vec![("lang", &lang), ("sz", &size), ("b", &bold), ("i", &italic)];
    if run.strike {
        attrs.push(("strike", &"sngStrike"));
    }
    if shift.abs() >= 5_000 {
        attrs.push(("baseline", &shift));
    }
    attrs.push(("dirty", &0));
    let target = if link { run.link.as_ref().map(|l| l.target.clone()) } else { None };
    let relation = target.and_then(|t| slide.link(&t));
    let xml = &mut slide.xml;
    xml.open("a:rPr", &attrs);
    draw::solid(xml, run.color);
    xml.empty("a:latin", &[("typeface", &family)]);
    xml.empty("a:cs", &[("typeface", &family)]);
    if let Some((id, jump)) = relation {
        if jump {
            xml.empty("a:hlinkClick", &[("r:id", &id), ("action", &"ppaction://hlinksldjump")]);
        } else {
            xml.empty("a:hlinkClick", &[("r:id", &id)]);
        }
    }
    xml.close();
}

/// The target of a link as the slide's relationship: its id, and whether
/// it jumps to a slide.
pub fn link_target(target: &Target, pages: usize) -> Option<Result<String, usize>> {
    match target {
        Target::Url(url) => Some(Ok(url.clone())),
        Target::Page(n) if (1..=pages).contains(n) => Some(Err(*n)),
        // Layout turns slide links into page links.
        Target::Page(_) | Target::Slide(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_after_hyphens_and_dashes_join_without_a_space() {
        assert!(joins_without_space(Some('-')));
        assert!(joins_without_space(Some('/')));
        assert!(joins_without_space(Some('—')));
        assert!(joins_without_space(Some('中')));
        assert!(!joins_without_space(Some('a')));
        assert!(!joins_without_space(None));
    }

    #[test]
    fn links_go_to_urls_and_to_pages_that_exist() {
        assert_eq!(link_target(&Target::Url("https://a.org".into()), 3), Some(Ok("https://a.org".into())));
        assert_eq!(link_target(&Target::Page(3), 3), Some(Err(3)));
        assert_eq!(link_target(&Target::Page(4), 3), None);
    }
}
