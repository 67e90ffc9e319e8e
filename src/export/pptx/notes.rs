//! Speaker notes: the notes master and one notes slide per slide with
//! notes, their text in the notes page's body placeholder, where
//! PowerPoint's presenter view and python-pptx's `notes_text_frame` find
//! it. Notes keep their paragraphs, list levels, bold, italic and code.

use super::draw::{self, Rect};
use super::master::CLR_MAP;
use super::xml::{Xml, centi};
use crate::model::{Block, Inline, ListItem};

/// The notes page, portrait letter-ish as PowerPoint makes it: 7.5 × 10 in.
pub const NOTES_SIZE: (f32, f32) = (540.0, 720.0);

/// Notes text size, pt.
const SIZE: f32 = 12.0;

/// A run of notes text.
#[derive(Debug, Clone, PartialEq)]
struct Run {
    text: String,
    bold: bool,
    italic: bool,
    mono: bool,
}

/// A paragraph of notes: list level (0 for body text), bullet, runs.
#[derive(Debug, Clone, PartialEq)]
struct Para {
    level: usize,
    bullet: Option<String>,
    runs: Vec<Run>,
}

/// The faces notes are set in.
pub struct Faces<'a> {
    /// Text.
    pub text: &'a str,
    /// Code.
    pub mono: &'a str,
}

/// The image of the slide and the body below it on a notes page.
fn slide_image() -> Rect {
    Rect { x: 45.0, y: 54.0, w: 450.0, h: 253.125 }
}

fn body() -> Rect {
    Rect { x: 54.0, y: 342.0, w: 432.0, h: 324.0 }
}

/// `ppt/notesMasters/notesMaster1.xml`, its theme related as rId1.
pub fn master(faces: &Faces) -> Vec<u8> {
    let mut xml = Xml::new();
    xml.root_pml("p:notesMaster", &[]);
    xml.open("p:cSld", &[]);
    draw::open_tree(&mut xml);
    image_placeholder(&mut xml, 2, false);
    body_placeholder(&mut xml, 3, false);
    xml.close();
    xml.close();
    xml.empty("p:clrMap", &CLR_MAP);
    xml.open("p:notesStyle", &[]);
    for (level, name) in super::master::LEVELS.iter().enumerate() {
        let margin = super::xml::emu(18.0 * level as f32);
        xml.open(name, &[("marL", &margin)]);
        draw::run_defaults(&mut xml, "a:defRPr", SIZE, false, "tx1", faces.text);
        xml.close();
    }
    xml.close();
    xml.finish()
}

fn image_placeholder(xml: &mut Xml, id: usize, slide: bool) {
    xml.open("p:sp", &[]);
    draw::nv_shape(xml, id, "Slide Image", false, Some(("sldImg", if slide { 0 } else { 2 })));
    xml.open("p:spPr", &[]);
    draw::xfrm(xml, slide_image());
    draw::geometry(xml, "rect");
    xml.empty("a:noFill", &[]);
    xml.close();
    xml.close();
}

fn body_placeholder(xml: &mut Xml, id: usize, slide: bool) {
    xml.open("p:sp", &[]);
    draw::nv_shape(xml, id, "Notes", false, Some(("body", if slide { 1 } else { 3 })));
    xml.open("p:spPr", &[]);
    draw::xfrm(xml, body());
    draw::geometry(xml, "rect");
    xml.close();
    if !slide {
        xml.open("p:txBody", &[]);
        xml.empty("a:bodyPr", &[]);
        xml.empty("a:lstStyle", &[]);
        xml.empty("a:p", &[]);
        xml.close();
    }
    xml.close();
}

/// A notes slide holding `blocks`; its relationships are the slide
/// (rId1) and the notes master (rId2).
pub fn notes_slide(blocks: &[Block], faces: &Faces, lang: &str) -> Vec<u8> {
    let mut paras = Vec::new();
    collect(blocks, 0, &mut paras);
    let mut xml = Xml::new();
    xml.root_pml("p:notes", &[]);
    xml.open("p:cSld", &[]);
    draw::open_tree(&mut xml);
    image_placeholder(&mut xml, 2, true);
    body_placeholder_open(&mut xml);
    for para in &paras {
        xml.open("a:p", &[]);
        let margin = super::xml::emu(18.0 * para.level as f32 + if para.bullet.is_some() { 18.0 } else { 0.0 });
        let indent = super::xml::emu(if para.bullet.is_some() { -18.0 } else { 0.0 });
        let level = para.level.min(8);
        xml.open("a:pPr", &[("marL", &margin), ("indent", &indent), ("lvl", &level)]);
        match &para.bullet {
            Some(bullet) if bullet.chars().count() == 1 => xml.empty("a:buChar", &[("char", bullet)]),
            Some(bullet) => {
                let scheme = if bullet.ends_with(')') { "arabicParenR" } else { "arabicPeriod" };
                let start = bullet.trim_end_matches(['.', ')']).parse::<u64>().unwrap_or(1).max(1);
                xml.empty("a:buAutoNum", &[("type", &scheme), ("startAt", &start)]);
            }
            None => xml.empty("a:buNone", &[]),
        }
        xml.close();
        for run in &para.runs {
            if run.text == "\n" {
                xml.empty("a:br", &[]);
                continue;
            }
            xml.open("a:r", &[]);
            let (b, i) = (u8::from(run.bold), u8::from(run.italic));
            xml.open("a:rPr", &[("lang", &lang), ("sz", &centi(SIZE)), ("b", &b), ("i", &i), ("dirty", &0)]);
            if run.mono {
                xml.empty("a:latin", &[("typeface", &faces.mono)]);
            }
            xml.close();
            xml.leaf("a:t", &[], &run.text);
            xml.close();
        }
        xml.close();
    }
    xml.finish()
}

fn body_placeholder_open(xml: &mut Xml) {
    xml.open("p:sp", &[]);
    draw::nv_shape(xml, 3, "Notes", false, Some(("body", 1)));
    xml.empty("p:spPr", &[]);
    xml.open("p:txBody", &[]);
    xml.empty("a:bodyPr", &[]);
    xml.empty("a:lstStyle", &[]);
}

fn collect(blocks: &[Block], level: usize, out: &mut Vec<Para>) {
    for block in blocks {
        match block {
            Block::Paragraph(content) | Block::Heading { content, .. } => {
                let bold = matches!(block, Block::Heading { .. });
                out.push(Para { level, bullet: None, runs: runs(content, bold) });
            }
            Block::List { start, items } => list(*start, items, level, out),
            Block::Footnotes(items) => list(Some(1), items, level, out),
            Block::Code { text, .. } | Block::Math { tex: text, .. } => {
                for line in text.lines() {
                    let run = Run { text: line.to_string(), bold: false, italic: false, mono: true };
                    out.push(Para { level, bullet: None, runs: vec![run] });
                }
            }
            Block::Quote(inner) => collect(inner, level + 1, out),
            Block::Table { rows, .. } => {
                for row in rows {
                    let mut runs_of_row = Vec::new();
                    for (c, cell) in row.iter().enumerate() {
                        if c > 0 {
                            runs_of_row.push(plain(" | "));
                        }
                        runs_of_row.extend(runs(cell, false));
                    }
                    out.push(Para { level, bullet: None, runs: runs_of_row });
                }
            }
            Block::Rule => {}
            // The presenter reads notes: a picture in them is named, not shown.
            Block::Image { alt, .. } => out.push(Para { level, bullet: None, runs: vec![plain(&format!("[{alt}]"))] }),
            Block::Diagram { source, .. } => {
                let alt = crate::layout::diagram_alt(source);
                out.push(Para { level, bullet: None, runs: vec![plain(&format!("[{alt}]"))] })
            }
            Block::Columns(columns) => columns.iter().for_each(|c| collect(&c.blocks, level, out)),
        }
    }
}

fn list(start: Option<u64>, items: &[ListItem], level: usize, out: &mut Vec<Para>) {
    for (i, item) in items.iter().enumerate() {
        let mut bullet = Some(match start {
            Some(n) => format!("{}.", n + i as u64),
            None => "•".to_string(),
        });
        let task = match item.task {
            Some(true) => "\u{2611} ",
            Some(false) => "\u{2610} ",
            None => "",
        };
        for (b, block) in item.blocks.iter().enumerate() {
            match block {
                Block::Paragraph(content) => {
                    let mut r = runs(content, false);
                    if b == 0 && !task.is_empty() {
                        r.insert(0, plain(task));
                    }
                    out.push(Para { level, bullet: bullet.take(), runs: r });
                }
                Block::List { start, items } => list(*start, items, level + 1, out),
                other => collect(std::slice::from_ref(other), level + 1, out),
            }
        }
    }
}

fn plain(text: &str) -> Run {
    Run { text: text.to_string(), bold: false, italic: false, mono: false }
}

fn runs(content: &[Inline], bold: bool) -> Vec<Run> {
    let mut out = Vec::new();
    push(content, Run { text: String::new(), bold, italic: false, mono: false }, &mut out);
    out
}

fn push(content: &[Inline], style: Run, out: &mut Vec<Run>) {
    for inline in content {
        match inline {
            Inline::Text(text) => out.push(Run { text: text.clone(), ..style.clone() }),
            Inline::Strong(c) => push(c, Run { bold: true, ..style.clone() }, out),
            Inline::Emph(c) => push(c, Run { italic: true, ..style.clone() }, out),
            Inline::Strike(c) | Inline::Link { content: c, .. } => push(c, style.clone(), out),
            Inline::Code(text) | Inline::Math(text) => {
                out.push(Run { text: text.clone(), mono: true, ..style.clone() })
            }
            Inline::SoftBreak => out.push(Run { text: " ".into(), ..style.clone() }),
            Inline::LineBreak => out.push(Run { text: "\n".into(), ..style.clone() }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_keep_levels_numbers_and_styles() {
        let text = |t: &str| Inline::Text(t.into());
        let para = |c| ListItem { blocks: vec![Block::Paragraph(c)], task: None };
        let notes = vec![
            Block::Paragraph(vec![text("Say "), Inline::Strong(vec![text("this")])]),
            Block::List {
                start: Some(3),
                items: vec![
                    para(vec![Inline::Code("x".into())]),
                    ListItem {
                        blocks: vec![
                            Block::Paragraph(vec![text("b")]),
                            Block::List { start: None, items: vec![para(vec![text("c")])] },
                        ],
                        task: None,
                    },
                ],
            },
        ];
        let mut paras = Vec::new();
        collect(&notes, 0, &mut paras);
        let summary: Vec<(usize, Option<&str>, String)> = paras
            .iter()
            .map(|p| (p.level, p.bullet.as_deref(), p.runs.iter().map(|r| r.text.as_str()).collect()))
            .collect();
        assert_eq!(
            summary,
            vec![
                (0, None, "Say this".to_string()),
                (0, Some("3."), "x".to_string()),
                (0, Some("4."), "b".to_string()),
                (1, Some("•"), "c".to_string()),
            ]
        );
        assert!(paras[0].runs[1].bold && paras[1].runs[0].mono);
    }
}
