//! Tables as native tables (`a:tbl`): equal columns across the width
//! layout gave the table, each row as tall as laid out, cell margins the
//! padding layout used, and the rules under rows as cell borders (the
//! rule shapes layout drew are claimed here and not drawn again).

use std::collections::VecDeque;

use super::draw::{self, Rect};
use super::slide::Slide;
use super::text::{Kind, Measured, Para};
use super::xml::emu;
use crate::layout::{Node, Shape, ShapeKind, TextLine};

/// Where a table sits: its box, its rows' tops and bottoms, the rule
/// under each row.
#[derive(Debug, Clone)]
pub struct Geometry {
    /// Left, pt.
    x: f32,
    /// Width, pt.
    w: f32,
    /// Each row's top and bottom, pt.
    rows: Vec<(f32, f32)>,
    /// The rule under each row, when layout drew one.
    rules: Vec<Option<Shape>>,
    /// Number of columns.
    columns: usize,
    /// Cell padding, pt.
    pad: f32,
}

/// Tables' geometries on a page, in the order their nodes come.
pub type Tables = VecDeque<Geometry>;

type Rows = [Vec<Vec<TextLine>>];

/// Find each table's rules among the page's shapes, claim them, and note
/// the tables' geometry for [`table`].
pub fn claim_rules(slide: &mut Slide, nodes: &[Node]) {
    let mut shapes = Vec::new();
    let mut tables = Vec::new();
    collect(nodes, &mut shapes, &mut tables);
    for rows in tables {
        let geometry = geometry(slide, rows, &shapes);
        slide.taken.extend(geometry.rules.iter().flatten().cloned());
        slide.tables.push_back(geometry);
    }
}

fn collect<'a>(nodes: &'a [Node], shapes: &mut Vec<Shape>, tables: &mut Vec<&'a Rows>) {
    for node in nodes {
        match node {
            Node::Shape(shape) => shapes.push(shape.clone()),
            Node::Table(rows) => tables.push(rows),
            Node::Quote(children) => collect(children, shapes, tables),
            Node::List { items, .. } => items.iter().for_each(|i| collect(&i.children, shapes, tables)),
            _ => {}
        }
    }
}

fn lines(row: &[Vec<TextLine>]) -> impl Iterator<Item = &TextLine> {
    row.iter().flatten().filter(|l| !l.runs.is_empty())
}

fn geometry(slide: &Slide, rows: &Rows, shapes: &[Shape]) -> Geometry {
    let runs = || rows.iter().flat_map(|r| lines(r)).flat_map(|l| &l.runs);
    let left = runs().map(|r| r.x).fold(f32::INFINITY, f32::min);
    let right = runs().map(|r| r.x + r.width).fold(f32::NEG_INFINITY, f32::max);
    let size = runs().map(|r| r.size).fold(0.0, f32::max);
    // Layout pads cells by 0.3 of the body size, and sets them at 0.85 of it.
    let pad = size / 0.85 * 0.3;
    let ascent = runs().next().map_or(size, |r| slide.book.face(r.font).ascender * r.size);
    let descent = runs().next().map_or(0.0, |r| -slide.book.face(r.font).descender * r.size);
    let baselines: Vec<(f32, f32)> = rows
        .iter()
        .map(|row| {
            let ys = lines(row).filter_map(|l| l.runs.first()).map(|r| r.y);
            let (lo, hi) = ys.fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), y| (lo.min(y), hi.max(y)));
            (lo, hi)
        })
        .collect();
    let mut rules = Vec::new();
    for (r, &(_, last)) in baselines.iter().enumerate() {
        let below = baselines.get(r + 1).map_or(last + 3.0 * size + 2.0 * pad, |b| b.0);
        let rule = shapes
            .iter()
            .filter(|s| matches!(s.kind, ShapeKind::Rect) && s.h <= 2.0)
            .filter(|s| s.x <= left + 0.5 && s.x + s.w >= right - 0.5)
            .filter(|s| s.y > last && s.y < below)
            .min_by(|a, b| a.y.total_cmp(&b.y))
            .cloned();
        rules.push(rule);
    }
    let with_rule = rules.iter().flatten().next();
    let (x, w) = with_rule.map_or((left - pad, right - left + 2.0 * pad), |s| (s.x, s.w));
    let mut tops = Vec::new();
    let mut top = baselines.first().map_or(0.0, |b| b.0) - ascent - pad;
    for (r, &(_, last)) in baselines.iter().enumerate() {
        let bottom = match &rules[r] {
            Some(rule) => rule.y + rule.h / 2.0,
            None => last + descent + pad,
        };
        tops.push((top, bottom.max(top + 1.0)));
        top = bottom;
    }
    let columns = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    Geometry { x, w, rows: tops, rules, columns, pad }
}

/// A table's graphic frame.
pub fn table(slide: &mut Slide, rows: &Rows) {
    let Some(geometry) = slide.tables.pop_front() else { return };
    let Geometry { x, w, columns, pad, .. } = geometry;
    let (Some(first), Some(last)) = (geometry.rows.first(), geometry.rows.last()) else { return };
    let rect = Rect { x, y: first.0, w, h: last.1 - first.0 };
    let col_w = w / columns as f32;
    let id = slide.next_id();
    let xml = &mut slide.xml;
    xml.open("p:graphicFrame", &[]);
    xml.open("p:nvGraphicFramePr", &[]);
    xml.empty("p:cNvPr", &[("id", &id), ("name", &format!("Table {id}"))]);
    xml.open("p:cNvGraphicFramePr", &[]);
    xml.empty("a:graphicFrameLocks", &[("noGrp", &1)]);
    xml.close();
    xml.empty("p:nvPr", &[]);
    xml.close();
    xml.open("p:xfrm", &[]);
    xml.empty("a:off", &[("x", &emu(rect.x)), ("y", &emu(rect.y))]);
    xml.empty("a:ext", &[("cx", &emu(rect.w)), ("cy", &emu(rect.h))]);
    xml.close();
    xml.open("a:graphic", &[]);
    xml.open("a:graphicData", &[("uri", &"http://schemas.openxmlformats.org/drawingml/2006/table")]);
    xml.open("a:tbl", &[]);
    xml.empty("a:tblPr", &[("firstRow", &1)]);
    xml.open("a:tblGrid", &[]);
    for _ in 0..columns {
        xml.empty("a:gridCol", &[("w", &emu(col_w))]);
    }
    xml.close();
    for (r, row) in rows.iter().enumerate() {
        let Some(&(top, bottom)) = geometry.rows.get(r) else { continue };
        slide.xml.open("a:tr", &[("h", &emu(bottom - top))]);
        for c in 0..columns {
            let cell = row.get(c).map(Vec::as_slice).unwrap_or_default();
            let inner = (x + c as f32 * col_w + pad, x + (c + 1) as f32 * col_w - pad);
            self::cell(slide, cell, inner, top, pad, geometry.rules[r].clone());
        }
        slide.xml.close();
    }
    let xml = &mut slide.xml;
    xml.close();
    xml.close();
    xml.close();
    xml.close();
}

/// One cell: its text, its margins, the rule under it.
fn cell(slide: &mut Slide, lines: &[TextLine], inner: (f32, f32), top: f32, pad: f32, rule: Option<Shape>) {
    let mut para = Para::plain(lines);
    para.align = align(lines, inner);
    let paras = [para];
    let measured = Measured::new(slide.book, Kind::Body, &paras, Some(inner.1));
    slide.xml.open("a:tc", &[]);
    slide.xml.open("a:txBody", &[]);
    slide.xml.empty("a:bodyPr", &[]);
    slide.xml.empty("a:lstStyle", &[]);
    let margin_top = match &measured {
        Some(m) => {
            m.write(slide);
            m.top - top
        }
        None => {
            slide.xml.empty("a:p", &[]);
            pad
        }
    };
    slide.xml.close();
    let xml = &mut slide.xml;
    xml.open("a:tcPr", &[("marL", &emu(pad)), ("marR", &emu(pad)), ("marT", &emu(margin_top.max(0.0))), ("marB", &0)]);
    for side in ["a:lnL", "a:lnR", "a:lnT"] {
        xml.open(side, &[("w", &0)]);
        xml.empty("a:noFill", &[]);
        xml.close();
    }
    match rule {
        Some(rule) => {
            xml.open("a:lnB", &[("w", &emu(rule.h))]);
            draw::solid(xml, rule.color);
            xml.close();
        }
        None => {
            xml.open("a:lnB", &[("w", &0)]);
            xml.empty("a:noFill", &[]);
            xml.close();
        }
    }
    xml.empty("a:noFill", &[]);
    xml.close();
    xml.close();
}

/// A cell's alignment, from where its lines sit between its margins.
fn align(lines: &[TextLine], (left, right): (f32, f32)) -> Option<&'static str> {
    let line = lines.iter().find(|l| !l.runs.is_empty())?;
    let start = line.runs.first()?.x;
    let end = line.runs.last().map(|r| r.x + r.width)?;
    let (before, after) = (start - left, right - end);
    if before < 0.5 {
        None
    } else if (before - after).abs() < 1.0 {
        Some("ctr")
    } else if after < 0.5 {
        Some("r")
    } else {
        None
    }
}
