//! A page's nodes as HTML elements, each line at its layout position.

use std::fmt::Write;

use super::Pictures;
use crate::layout::{ImageBox, Item, Marker, Node, Outline, Page, Segment, Shape, ShapeKind, TextLine, TextRun};
use crate::model::Target;
use crate::text::FontBook;

/// Escape text for element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not HTML text (the reader warned of
            // any it found in a body); none reaches the file.
            c if crate::model::unprintable(c) => {}
            _ => out.push(c),
        }
    }
    out
}

/// A length in pt, with at most two decimals.
pub fn pt(value: f32) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    format!("{rounded}pt")
}

/// One page as a `<section>`.
pub fn section(out: &mut String, page: &Page, total: usize, pictures: &Pictures, book: &FontBook) {
    let _ = writeln!(
        out,
        "<section class=\"slide\" id=\"slide-{n}\"{lang} data-layout=\"{layout}\"{steps} aria-roledescription=\"slide\" aria-label=\"{n} of {total}: {title}\" style=\"background:{bg}\">",
        n = page.number,
        lang = page.lang.as_deref().map_or(String::new(), |l| format!(" lang=\"{}\"", escape(l))),
        steps = if page.steps > 0 { format!(" data-steps=\"{}\"", page.steps) } else { String::new() },
        layout = page.layout.name(),
        title = escape(&page.title),
        bg = page.background.hex(),
    );
    for picture in &page.artwork {
        image(out, picture, pictures);
    }
    nodes(out, &page.nodes, pictures);
    super::notes::aside(out, &page.notes, book);
    out.push_str("</section>\n");
}

fn nodes(out: &mut String, nodes_: &[Node], pictures: &Pictures) {
    for node in nodes_ {
        match node {
            Node::Image(image) => self::image(out, image, pictures),
            Node::Shape(shape) => self::shape(out, shape),
            Node::Heading { level, lines } => block(out, &format!("h{level}"), lines),
            Node::Paragraph(lines) => block(out, "p", lines),
            Node::Code(lines) => block(out, "pre", lines),
            Node::Footer(lines) => block(out, "footer", lines),
            Node::List { start, items } => list(out, *start, items, pictures),
            Node::Quote(children) => {
                out.push_str("<blockquote>");
                nodes(out, children, pictures);
                out.push_str("</blockquote>\n");
            }
            Node::Table(rows) => {
                out.push_str("<table>");
                for (r, row) in rows.iter().enumerate() {
                    out.push_str("<tr>");
                    let tag = if r == 0 { "th" } else { "td" };
                    for cell in row {
                        let _ = write!(out, "<{tag}>");
                        lines(out, cell);
                        let _ = write!(out, "</{tag}>");
                    }
                    out.push_str("</tr>");
                }
                out.push_str("</table>\n");
            }
        }
    }
}

fn list(out: &mut String, start: Option<u64>, items: &[Item], pictures: &Pictures) {
    match start {
        Some(1) => out.push_str("<ol>"),
        Some(n) => {
            let _ = write!(out, "<ol start=\"{n}\">");
        }
        None => out.push_str("<ul>"),
    }
    for item in items {
        if item.step > 0 {
            // The player shows the item at this step of its slide.
            let _ = write!(out, "<li data-step=\"{}\">", item.step);
        } else {
            out.push_str("<li>");
        }
        match &item.marker {
            Marker::None => {}
            Marker::Shape(s) => shape(out, s),
            Marker::Text(line) => {
                out.push_str("<span class=\"m\" aria-hidden=\"true\">");
                runs(out, line, false);
                out.push_str("</span>");
            }
        }
        nodes(out, &item.children, pictures);
        out.push_str("</li>\n");
    }
    out.push_str(if start.is_some() { "</ol>\n" } else { "</ul>\n" });
}

fn block(out: &mut String, tag: &str, text: &[TextLine]) {
    let _ = write!(out, "<{tag}>");
    let heading = tag.len() == 2 && tag.starts_with('h');
    for (i, line) in text.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        runs(out, line, heading);
    }
    let _ = writeln!(out, "</{tag}>");
}

fn lines(out: &mut String, lines: &[TextLine]) {
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            // Keeps copied text and screen readers from running lines together.
            out.push(' ');
        }
        runs(out, line, false);
    }
}

/// A line's runs; the glyphs of a formula inside one element with role
/// "math" named by the formula's source, for screen readers (the glyphs
/// themselves are hidden from them: read one by one they make no sense).
/// HTML allows no role "math" in a heading: there the source is visually
/// hidden text beside the glyphs.
fn runs(out: &mut String, line: &TextLine, heading: bool) {
    let mut formula: Option<&std::sync::Arc<str>> = None;
    for run in &line.runs {
        if !run.in_formula(formula) {
            if formula.is_some() {
                out.push_str(if heading { "</span>" } else { "</span></span>" });
            }
            match &run.formula {
                Some(source) if heading => {
                    let _ = write!(out, "<span class=\"sr\">{}</span><span aria-hidden=\"true\">", escape(source));
                }
                Some(source) => {
                    let _ = write!(
                        out,
                        "<span role=\"math\" aria-label=\"{}\"><span aria-hidden=\"true\">",
                        escape(source)
                    );
                }
                None => {}
            }
            formula = run.formula.as_ref();
        }
        self::run(out, run);
    }
    if formula.is_some() {
        out.push_str(if heading { "</span>" } else { "</span></span>" });
    }
}

/// A link's `href`, escaped: a URL, or `#N` for page N. Layout turns
/// links to slides into pages; one to a slide without pages has none.
pub fn href(target: &Target) -> Option<String> {
    match target {
        Target::Url(url) => Some(escape(url)),
        Target::Page(number) => Some(format!("#{number}")),
        Target::Slide(_) => None,
    }
}

fn run(out: &mut String, run: &TextRun) {
    // The box's top sits 1em above the baseline; player.css makes that
    // exact whatever the browser rounds the face's ascent to (see `.r`).
    let href = run.link.as_ref().and_then(|link| href(&link.target));
    let (tag, href) = match (href, run.strike) {
        (Some(href), _) => ("a", format!(" href=\"{href}\"")),
        (None, true) => ("s", String::new()),
        (None, false) => ("span", String::new()),
    };
    // A right-to-left run is in reading order; the browser draws it from
    // the right edge of its box, as layout did.
    let dir = if run.rtl { " dir=\"rtl\"" } else { "" };
    let _ = write!(
        out,
        "<{tag}{href}{dir} class=\"r f{font}\" style=\"left:{x};top:calc({y} - 1em);font-size:{size};color:{color}\">{text}</{tag}>",
        font = run.font.0,
        x = pt(run.x),
        y = pt(run.y),
        size = pt(run.size),
        color = run.color.hex(),
        text = escape(&run.text),
    );
}

fn shape(out: &mut String, s: &Shape) {
    let extra = match &s.kind {
        ShapeKind::Path(outline) => return path(out, s, outline),
        ShapeKind::Rect => format!("background:{}", s.color.hex()),
        ShapeKind::Disc => format!("background:{};border-radius:50%", s.color.hex()),
        ShapeKind::Ring { stroke } => format!("border:{} solid {};border-radius:50%", pt(*stroke), s.color.hex()),
    };
    let _ = write!(
        out,
        "<div class=\"s\" aria-hidden=\"true\" style=\"left:{};top:{};width:{};height:{};{extra}\"></div>",
        pt(s.x),
        pt(s.y),
        pt(s.w),
        pt(s.h)
    );
}

/// An outline as inline SVG in pt, each filled subpath its own `<path>`
/// (as the PDF fills them).
fn path(out: &mut String, s: &Shape, outline: &Outline) {
    let n = |v: f32| (v * 100.0).round() / 100.0;
    let _ = write!(
        out,
        "<svg class=\"s\" aria-hidden=\"true\" viewBox=\"0 0 {w} {h}\" style=\"left:{x};top:{y};width:{wp};height:{hp};overflow:visible\">",
        w = n(s.w),
        h = n(s.h),
        x = pt(s.x),
        y = pt(s.y),
        wp = pt(s.w),
        hp = pt(s.h),
    );
    paths(out, outline, &s.color.hex());
    out.push_str("</svg>");
}

/// The `<path>` elements of `outline` in `color`, in its shape's own
/// coordinates.
pub(super) fn paths(out: &mut String, outline: &Outline, color: &str) {
    let n = |v: f32| (v * 100.0).round() / 100.0;
    let paint = match outline.stroke {
        Some(width) => format!(
            "fill=\"none\" stroke=\"{color}\" stroke-width=\"{}\" stroke-linecap=\"round\" stroke-linejoin=\"round\"",
            n(width)
        ),
        None => format!("fill=\"{color}\""),
    };
    let mut d = String::new();
    let flush = |out: &mut String, d: &mut String| {
        if !d.is_empty() {
            let _ = write!(out, "<path d=\"{}\" {paint}/>", d.trim_end());
            d.clear();
        }
    };
    for segment in &outline.segments {
        match *segment {
            Segment::Move(x, y) => {
                if outline.stroke.is_none() {
                    flush(out, &mut d);
                }
                let _ = write!(d, "M{} {} ", n(x), n(y));
            }
            Segment::Line(x, y) => {
                let _ = write!(d, "L{} {} ", n(x), n(y));
            }
            Segment::Cubic(x1, y1, x2, y2, x, y) => {
                let _ = write!(d, "C{} {} {} {} {} {} ", n(x1), n(y1), n(x2), n(y2), n(x), n(y));
            }
            Segment::Quad(x1, y1, x, y) => {
                let _ = write!(d, "Q{} {} {} {} ", n(x1), n(y1), n(x), n(y));
            }
            Segment::Close => d.push_str("Z "),
        }
    }
    flush(out, &mut d);
}

/// A picture; a cropped one sits in a box that hides what is cut off.
fn image(out: &mut String, image: &ImageBox, pictures: &Pictures) {
    let Some(picture) = pictures.get(&image.id) else { return };
    let (dx, dy) = image.clip.as_ref().map_or((0.0, 0.0), |c| (c.x, c.y));
    if let Some(clip) = &image.clip {
        let _ = write!(
            out,
            "<div class=\"c\" style=\"left:{};top:{};width:{};height:{}\">",
            pt(clip.x),
            pt(clip.y),
            pt(clip.w),
            pt(clip.h)
        );
    }
    // Where its pixels go: the part of the whole picture's box they show.
    let (x, y, w, h) = picture.part.place(image.x - dx, image.y - dy, image.w, image.h);
    let place = format!("left:{};top:{};width:{};height:{}", pt(x), pt(y), pt(w), pt(h));
    match pictures.class(image.id) {
        // Drawn more than once: the style sheet holds it.
        Some(class) if image.alt.is_empty() => {
            let _ = write!(out, "<div class=\"i {class}\" aria-hidden=\"true\" style=\"{place}\"></div>");
        }
        Some(class) => {
            let alt = escape(&image.alt);
            let _ = write!(out, "<div class=\"i {class}\" role=\"img\" aria-label=\"{alt}\" style=\"{place}\"></div>");
        }
        None => {
            out.push_str("<img class=\"i\" src=\"");
            super::data_url(out, picture);
            let _ = write!(out, "\" alt=\"{}\" style=\"{place}\">", escape(&image.alt));
        }
    }
    if !image.text.is_empty() {
        // The text lifted out of its drawing (a chart's labels), as text
        // over it: found by the browser's search, hidden from screen
        // readers as the drawing is (its alt text speaks for it). Inside
        // the crop box when it has one, placed back in the page's space.
        match image.clip {
            Some(_) => {
                let _ = write!(
                    out,
                    "<span aria-hidden=\"true\" style=\"position:absolute;left:{};top:{}\">",
                    pt(-dx),
                    pt(-dy)
                );
            }
            None => out.push_str("<span aria-hidden=\"true\">"),
        }
        lines(out, &image.text);
        out.push_str("</span>");
    }
    if image.clip.is_some() {
        out.push_str("</div>");
    }
    out.push('\n');
}
