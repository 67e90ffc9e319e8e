//! The deck's look as PowerPoint keeps it: a theme (colours and fonts),
//! one slide master with the title, body and footer styles, and the
//! layouts a slide added in PowerPoint picks from. Slides written by deck
//! place every box themselves; these parts make new slides match them.

use super::draw::{self, Rect};
use super::xml::{NS_A, Xml, centi, emu};
use crate::model::Layout;
use crate::theme::{BulletShape, Color, Theme};

/// What the master and layouts are drawn from.
pub struct Look<'a> {
    /// The resolved theme.
    pub theme: &'a Theme,
    /// Slide width and height, pt.
    pub size: (f32, f32),
    /// The text family's name ("Inter").
    pub text_face: String,
    /// The code family's name ("JetBrains Mono").
    pub mono_face: String,
    /// The section slides' background, when the deck has one.
    pub accent_background: Color,
}

/// The layouts written, in order: name, type, and the deck layouts that
/// use it. Slide i's layout is `slideLayout{i+1}.xml`.
pub const LAYOUTS: [(&str, &str); 5] = [
    ("Title Slide", "title"),
    ("Title and Content", "obj"),
    ("Section Header", "secHead"),
    ("Title Only", "titleOnly"),
    ("Blank", "blank"),
];

/// The index in [`LAYOUTS`] of the layout a deck layout's slides use.
pub fn layout_index(layout: Layout) -> usize {
    match layout {
        Layout::Title => 0,
        Layout::Bullets | Layout::TwoColumn | Layout::Agenda => 1,
        Layout::Section => 2,
        Layout::Statement | Layout::Image => 3,
        Layout::Closing => 4,
    }
}

/// A bullet shape as the character PowerPoint sets at its place.
pub fn bullet_char(shape: BulletShape) -> char {
    match shape {
        BulletShape::Glyph(c) => c,
        BulletShape::Disc => '•',
        BulletShape::Dash => '–',
        BulletShape::Ring => '◦',
        BulletShape::Square => '▪',
    }
}

/// The colour a bullet shape is drawn in when the theme names none.
pub fn bullet_color(theme: &Theme, level: usize) -> Color {
    theme.bullet_color(level).unwrap_or(match theme.bullet(level) {
        BulletShape::Dash | BulletShape::Ring => theme.palette.muted,
        _ => theme.palette.accent,
    })
}

impl Look<'_> {
    fn title_rect(&self) -> Rect {
        let t = self.theme;
        Rect { x: t.margin_x, y: t.margin_top, w: self.size.0 - 2.0 * t.margin_x, h: t.title_size * 1.4 }
    }

    fn body_rect(&self) -> Rect {
        let t = self.theme;
        let top = t.margin_top + t.title_size * 2.4;
        Rect { x: t.margin_x, y: top, w: self.size.0 - 2.0 * t.margin_x, h: self.size.1 - t.margin_bottom - top - 10.0 }
    }

    fn footer_rect(&self, right: bool) -> Rect {
        let t = self.theme;
        let w = (self.size.0 - 2.0 * t.margin_x) / 2.0;
        let x = if right { t.margin_x + w } else { t.margin_x };
        Rect { x, y: self.size.1 - t.margin_bottom - t.footer_size * 0.4, w, h: t.footer_size * 1.6 }
    }

    /// `ppt/theme/theme1.xml`: the colour scheme and font scheme.
    pub fn theme_part(&self) -> Vec<u8> {
        let p = &self.theme.palette;
        let mut xml = Xml::new();
        xml.open("a:theme", &[("xmlns:a", &NS_A), ("name", &"deck")]);
        xml.open("a:themeElements", &[]);
        xml.open("a:clrScheme", &[("name", &"deck")]);
        let colors = [
            ("a:dk1", p.text),
            ("a:lt1", p.background),
            ("a:dk2", p.muted),
            ("a:lt2", p.background.mix(p.muted, 0.1)),
            ("a:accent1", p.accent),
            ("a:accent2", self.accent_background),
            ("a:accent3", p.code),
            ("a:accent4", p.muted),
            ("a:accent5", p.link),
            ("a:accent6", p.on_accent),
            ("a:hlink", p.link),
            ("a:folHlink", p.link),
        ];
        for (name, color) in colors {
            xml.open(name, &[]);
            draw::rgb(&mut xml, color);
            xml.close();
        }
        xml.close();
        xml.open("a:fontScheme", &[("name", &"deck")]);
        for name in ["a:majorFont", "a:minorFont"] {
            xml.open(name, &[]);
            xml.empty("a:latin", &[("typeface", &self.text_face)]);
            xml.empty("a:ea", &[("typeface", &"")]);
            xml.empty("a:cs", &[("typeface", &"")]);
            xml.close();
        }
        xml.close();
        // Three of each style, as the schema asks; deck's shapes set
        // their own fills and lines, so plain ones serve.
        // The schema's order: fills, lines, effects, background fills.
        xml.open("a:fmtScheme", &[("name", &"deck")]);
        plain_fills(&mut xml, "a:fillStyleLst");
        xml.open("a:lnStyleLst", &[]);
        for width in [6350, 12700, 19050] {
            xml.open("a:ln", &[("w", &width)]);
            draw::scheme(&mut xml, "phClr");
            xml.close();
        }
        xml.close();
        xml.open("a:effectStyleLst", &[]);
        for _ in 0..3 {
            xml.open("a:effectStyle", &[]);
            xml.empty("a:effectLst", &[]);
            xml.close();
        }
        xml.close();
        plain_fills(&mut xml, "a:bgFillStyleLst");
        xml.close();
        xml.close();
        xml.empty("a:objectDefaults", &[]);
        xml.empty("a:extraClrSchemeLst", &[]);
        xml.finish()
    }

    /// `ppt/slideMasters/slideMaster1.xml`, its layouts related as
    /// rId1…rId5 and its theme as rId6.
    pub fn master_part(&self) -> Vec<u8> {
        let t = self.theme;
        let mut xml = Xml::new();
        xml.root_pml("p:sldMaster", &[]);
        xml.open("p:cSld", &[]);
        draw::background(&mut xml, t.palette.background);
        draw::open_tree(&mut xml);
        placeholder(&mut xml, 2, "Title", ("title", 0), self.title_rect(), "Title");
        placeholder(&mut xml, 3, "Text", ("body", 1), self.body_rect(), "Text");
        placeholder(&mut xml, 4, "Footer", ("ftr", 11), self.footer_rect(false), "");
        placeholder(&mut xml, 5, "Slide Number", ("sldNum", 12), self.footer_rect(true), "");
        xml.close();
        xml.close();
        xml.empty("p:clrMap", &CLR_MAP);
        xml.open("p:sldLayoutIdLst", &[]);
        for i in 0..LAYOUTS.len() {
            let id = 2_147_483_649_u64 + i as u64;
            let rel = format!("rId{}", i + 1);
            xml.empty("p:sldLayoutId", &[("id", &id), ("r:id", &rel)]);
        }
        xml.close();
        xml.open("p:txStyles", &[]);
        xml.open("p:titleStyle", &[]);
        xml.open("a:lvl1pPr", &[("algn", &"l")]);
        xml.open("a:lnSpc", &[]);
        xml.empty("a:spcPct", &[("val", &110_000)]);
        xml.close();
        xml.empty("a:buNone", &[]);
        draw::run_defaults(&mut xml, "a:defRPr", t.title_size, true, "tx1", "+mj-lt");
        xml.close();
        xml.close();
        xml.open("p:bodyStyle", &[]);
        for level in 0..9 {
            self.body_level(&mut xml, level);
        }
        xml.close();
        xml.open("p:otherStyle", &[]);
        xml.open("a:lvl1pPr", &[]);
        draw::run_defaults(&mut xml, "a:defRPr", t.body_size(0), false, "tx1", "+mn-lt");
        xml.close();
        xml.close();
        xml.close();
        xml.finish()
    }

    /// One level of the body style: indent, bullet and size of the
    /// theme's list level.
    fn body_level(&self, xml: &mut Xml, level: usize) {
        let t = self.theme;
        let margin: f32 = (0..=level).map(|l| t.indent(l)).sum();
        let name = LEVELS[level];
        let line = (t.line_height * 100_000.0).round() as i64;
        xml.open(name, &[("marL", &emu(margin)), ("indent", &-emu(t.indent(level)))]);
        xml.open("a:lnSpc", &[]);
        xml.empty("a:spcPct", &[("val", &line)]);
        xml.close();
        xml.open("a:spcBef", &[]);
        xml.empty("a:spcPts", &[("val", &centi(t.body_size(level) * 0.5))]);
        xml.close();
        xml.open("a:buClr", &[]);
        draw::rgb(xml, bullet_color(t, level));
        xml.close();
        xml.empty("a:buFont", &[("typeface", &"Arial")]);
        xml.empty("a:buChar", &[("char", &bullet_char(t.bullet(level)))]);
        draw::run_defaults(xml, "a:defRPr", t.body_size(level), false, "tx1", "+mn-lt");
        xml.close();
    }

    /// `ppt/slideLayouts/slideLayout{i+1}.xml`, related to the master.
    pub fn layout_part(&self, i: usize) -> Vec<u8> {
        let (name, kind) = LAYOUTS[i];
        let t = self.theme;
        let mut xml = Xml::new();
        xml.root_pml("p:sldLayout", &[("type", &kind), ("preserve", &1)]);
        xml.open("p:cSld", &[("name", &name)]);
        if kind == "secHead" {
            draw::background(&mut xml, self.accent_background);
        }
        draw::open_tree(&mut xml);
        let h = self.size.1;
        match kind {
            "title" => {
                let title = Rect { y: h * 0.3, h: t.title_size * 2.8, ..self.title_rect() };
                placeholder(&mut xml, 2, "Title", ("ctrTitle", 0), title, "Title");
                let sub = Rect { y: title.y + title.h + 12.0, h: t.body_size(0) * 2.0, ..title };
                placeholder(&mut xml, 3, "Subtitle", ("subTitle", 1), sub, "Subtitle");
            }
            "obj" => {
                placeholder(&mut xml, 2, "Title", ("title", 0), self.title_rect(), "Title");
                placeholder(&mut xml, 3, "Content", ("body", 1), self.body_rect(), "Text");
            }
            "secHead" => {
                let title = Rect { y: h * 0.42, ..self.title_rect() };
                placeholder(&mut xml, 2, "Title", ("title", 0), title, "Section");
            }
            "titleOnly" => placeholder(&mut xml, 2, "Title", ("title", 0), self.title_rect(), "Title"),
            _ => {}
        }
        if matches!(kind, "obj" | "titleOnly") {
            placeholder(&mut xml, 4, "Footer", ("ftr", 11), self.footer_rect(false), "");
            placeholder(&mut xml, 5, "Slide Number", ("sldNum", 12), self.footer_rect(true), "");
        }
        xml.close();
        xml.close();
        xml.open("p:clrMapOvr", &[]);
        xml.empty("a:masterClrMapping", &[]);
        xml.close();
        xml.finish()
    }
}

/// The colour map every master uses: background 1 is the theme's light
/// colour, text 1 its dark one.
pub const CLR_MAP: [(&str, &dyn std::fmt::Display); 12] = [
    ("bg1", &"lt1"),
    ("tx1", &"dk1"),
    ("bg2", &"lt2"),
    ("tx2", &"dk2"),
    ("accent1", &"accent1"),
    ("accent2", &"accent2"),
    ("accent3", &"accent3"),
    ("accent4", &"accent4"),
    ("accent5", &"accent5"),
    ("accent6", &"accent6"),
    ("hlink", &"hlink"),
    ("folHlink", &"folHlink"),
];

/// The names of the nine list levels' paragraph properties.
pub const LEVELS: [&str; 9] = [
    "a:lvl1pPr",
    "a:lvl2pPr",
    "a:lvl3pPr",
    "a:lvl4pPr",
    "a:lvl5pPr",
    "a:lvl6pPr",
    "a:lvl7pPr",
    "a:lvl8pPr",
    "a:lvl9pPr",
];

/// A list of three fills of the placeholder colour.
fn plain_fills(xml: &mut Xml, list: &'static str) {
    xml.open(list, &[]);
    for _ in 0..3 {
        draw::scheme(xml, "phClr");
    }
    xml.close();
}

/// A placeholder shape with a prompt, in a master or layout.
fn placeholder(xml: &mut Xml, id: usize, name: &str, ph: (&str, usize), rect: Rect, prompt: &str) {
    xml.open("p:sp", &[]);
    draw::nv_shape(xml, id, name, false, Some(ph));
    xml.open("p:spPr", &[]);
    draw::xfrm(xml, rect);
    draw::geometry(xml, "rect");
    xml.close();
    xml.open("p:txBody", &[]);
    draw::body_pr(xml, if ph.0 == "title" || ph.0 == "ctrTitle" { "b" } else { "t" });
    xml.empty("a:lstStyle", &[]);
    xml.open("a:p", &[]);
    if !prompt.is_empty() {
        xml.open("a:r", &[]);
        xml.empty("a:rPr", &[("lang", &"en-US")]);
        xml.leaf("a:t", &[], prompt);
        xml.close();
    }
    xml.close();
    xml.close();
    xml.close();
}
