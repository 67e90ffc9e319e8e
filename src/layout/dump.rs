//! A plain-text dump of laid-out pages, positions rounded to 0.1 pt: the
//! golden files the layout tests compare against.

use std::fmt::Write;

use super::frame::{Item, Marker, Node, Page, Shape, ShapeKind, TextLine};

/// Every page's nodes, one line per text run or shape, indented by depth.
pub fn dump(pages: &[Page]) -> String {
    let mut out = String::new();
    for page in pages {
        let _ = writeln!(
            out,
            "page {} {} {:?} part {}/{} scale {:.2}",
            page.number,
            page.layout.name(),
            page.title,
            page.part.0,
            page.part.1,
            page.scale
        );
        for i in &page.artwork {
            let _ = writeln!(out, "  artwork {} {:.1} {:.1} {:.1}x{:.1}", i.id.0, i.x, i.y, i.w, i.h);
        }
        nodes(&mut out, &page.nodes, 1);
    }
    out
}

fn nodes(out: &mut String, list: &[Node], depth: usize) {
    for node in list {
        let pad = "  ".repeat(depth);
        match node {
            Node::Shape(s) => shape(out, s, depth),
            Node::Image(i) => {
                let _ = writeln!(
                    out,
                    "{pad}image {} {:.1} {:.1} {:.1}x{:.1} clip {:?} alt {:?}",
                    i.id.0,
                    i.x,
                    i.y,
                    i.w,
                    i.h,
                    i.clip.as_ref().map(|c| (c.x, c.y, c.w, c.h)),
                    i.alt
                );
            }
            Node::Heading { level, lines: l } => {
                let _ = writeln!(out, "{pad}heading {level}");
                lines(out, l, depth + 1);
            }
            Node::Paragraph(l) => {
                let _ = writeln!(out, "{pad}paragraph");
                lines(out, l, depth + 1);
            }
            Node::Code(l) => {
                let _ = writeln!(out, "{pad}code");
                lines(out, l, depth + 1);
            }
            Node::Footer(l) => {
                let _ = writeln!(out, "{pad}footer");
                lines(out, l, depth + 1);
            }
            Node::List { start, items } => {
                let _ = writeln!(out, "{pad}list start {start:?}");
                for item in items {
                    self::item(out, item, depth + 1);
                }
            }
            Node::Quote(children) => {
                let _ = writeln!(out, "{pad}quote");
                nodes(out, children, depth + 1);
            }
            Node::Table(rows) => {
                let _ = writeln!(out, "{pad}table");
                for row in rows {
                    let _ = writeln!(out, "{pad}  row");
                    for cell in row {
                        lines(out, cell, depth + 2);
                    }
                }
            }
        }
    }
}

fn item(out: &mut String, item: &Item, depth: usize) {
    let _ = writeln!(out, "{}item", "  ".repeat(depth));
    match &item.marker {
        Marker::None => {}
        Marker::Shape(s) => shape(out, s, depth + 1),
        Marker::Text(line) => lines(out, std::slice::from_ref(line), depth + 1),
    }
    nodes(out, &item.children, depth + 1);
}

fn lines(out: &mut String, list: &[TextLine], depth: usize) {
    let pad = "  ".repeat(depth);
    for line in list {
        for run in &line.runs {
            let _ = writeln!(
                out,
                "{pad}text {:.1} {:.1} f{} {:.1} {} {:?}",
                run.x,
                run.y,
                run.font.0,
                run.size,
                run.color.hex(),
                run.text
            );
        }
    }
}

fn shape(out: &mut String, s: &Shape, depth: usize) {
    let kind = match s.kind {
        ShapeKind::Rect => "rect",
        ShapeKind::Disc => "disc",
        ShapeKind::Ring { .. } => "ring",
        ShapeKind::Path(_) => "path",
    };
    let _ = writeln!(out, "{}{kind} {:.1} {:.1} {:.1}x{:.1} {}", "  ".repeat(depth), s.x, s.y, s.w, s.h, s.color.hex());
}
