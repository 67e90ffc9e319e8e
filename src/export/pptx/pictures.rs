//! Pictures as media parts: JPEG and PNG files as prepared (the sizes the
//! PDF embeds), each written once however many slides place it; SVG
//! pictures as an SVG part behind a PNG rendering of it, the way
//! PowerPoint stores them itself (`asvg:svgBlip`).

use std::collections::BTreeMap;
use std::sync::Arc;

use super::draw::{self, Rect};
use super::package::{Package, rel};
use super::slide::Slide;
use crate::images::{Encoded, ImageId, Prepared, Svg};
use crate::layout::ImageBox;

/// The media parts of a package, by picture.
#[derive(Default)]
pub struct Media {
    /// Each picture's raster part and, for SVG, its SVG part.
    names: BTreeMap<ImageId, (String, Option<String>)>,
    /// Parts to add: name and bytes.
    parts: Vec<(String, Vec<u8>)>,
    /// Drawings deck made (formulas) so far: numbered after the pictures.
    drawings: usize,
}

impl Media {
    /// The part names of picture `id`, written on first use; `None` for
    /// a picture deck could not render.
    fn names(&mut self, image: &ImageBox, prepared: &Prepared) -> Option<(String, Option<String>)> {
        let id = image.id;
        if let Some(names) = self.names.get(&id) {
            return Some(names.clone());
        }
        let n = self.names.len() + self.drawings + 1;
        let names = match &prepared.encoded {
            Encoded::Jpeg { bytes, .. } => {
                let name = format!("image{n}.jpeg");
                self.parts.push((name.clone(), bytes.clone()));
                (name, None)
            }
            Encoded::Lossless { png, .. } => {
                let name = format!("image{n}.png");
                self.parts.push((name.clone(), png.clone()));
                (name, None)
            }
            Encoded::Svg(svg) => {
                let png = super::svg::rasterize(svg, image.w, image.h)?;
                let (raster, vector) = (format!("image{n}.png"), format!("image{n}.svg"));
                self.parts.push((raster.clone(), png));
                self.parts.push((vector.clone(), svg.markup().as_bytes().to_vec()));
                (raster, Some(vector))
            }
        };
        self.names.insert(id, names.clone());
        Some(names)
    }

    /// Parts for a drawing deck made: a PNG and the SVG it renders.
    fn add_drawing(&mut self, png: Vec<u8>, svg: Vec<u8>) -> (String, Option<String>) {
        let n = self.names.len() + self.drawings + 1;
        self.drawings += 1;
        let (raster, vector) = (format!("image{n}.png"), format!("image{n}.svg"));
        self.parts.push((raster.clone(), png));
        self.parts.push((vector.clone(), svg));
        (raster, Some(vector))
    }

    /// Add the media parts to the package.
    pub fn finish(self, package: &mut Package) {
        for (name, bytes) in self.parts {
            package.add_plain(format!("ppt/media/{name}"), bytes);
        }
    }
}

/// A picture shape: `image` on the slide, cropped to its clip.
pub fn picture(slide: &mut Slide, image: &ImageBox, pictures: &BTreeMap<ImageId, Arc<Prepared>>, decoration: bool) {
    let Some(prepared) = pictures.get(&image.id) else { return };
    let Some(names) = slide.media.names(image, prepared) else { return };
    let shown = image.clip.as_ref().map_or(Rect { x: image.x, y: image.y, w: image.w, h: image.h }, |c| Rect {
        x: c.x,
        y: c.y,
        w: c.w,
        h: c.h,
    });
    // The part of the picture its box shows, in thousandths of a percent
    // cut from each side.
    let cut = |from: f32, of: f32| ((from / of.max(0.01)) * 100_000.0).round() as i64;
    let crop = image.clip.is_some().then(|| {
        let (l, t) = (cut(shown.x - image.x, image.w), cut(shown.y - image.y, image.h));
        let r = cut(image.x + image.w - shown.x - shown.w, image.w);
        let b = cut(image.y + image.h - shown.y - shown.h, image.h);
        [l, t, r, b]
    });
    let described = (!decoration).then_some(image.alt.as_str());
    pic(slide, names, shown, described, crop);
}

/// A drawing deck made (a formula): `svg` shown in `rect`, described by
/// `alt`, with its PNG rendering for readers without SVG.
pub fn drawing(slide: &mut Slide, svg: &Svg, rect: Rect, alt: &str) {
    let Some(png) = super::svg::rasterize(svg, rect.w, rect.h) else { return };
    let names = slide.media.add_drawing(png, svg.markup().as_bytes().to_vec());
    pic(slide, names, rect, Some(alt), None);
}

/// `<p:pic>` of the media parts `raster` (and `vector`, an SVG) in
/// `shown`; without a description it is marked decorative; `crop` cuts
/// l, t, r, b from the picture (thousandths of a percent).
fn pic(
    slide: &mut Slide,
    (raster, vector): (String, Option<String>),
    shown: Rect,
    description: Option<&str>,
    crop: Option<[i64; 4]>,
) {
    let embed = slide.rels.once(rel::IMAGE, &format!("../media/{raster}"));
    let svg = vector.map(|v| slide.rels.once(rel::IMAGE, &format!("../media/{v}")));
    let id = slide.next_id();
    let xml = &mut slide.xml;
    xml.open("p:pic", &[]);
    xml.open("p:nvPicPr", &[]);
    let name = format!("Picture {id}");
    match description {
        Some(alt) => xml.empty("p:cNvPr", &[("id", &id), ("name", &name), ("descr", &alt)]),
        None => {
            // Artwork: marked decorative, as PowerPoint's accessibility
            // checker expects of backgrounds and logos.
            xml.open("p:cNvPr", &[("id", &id), ("name", &name)]);
            xml.open("a:extLst", &[]);
            xml.open("a:ext", &[("uri", &"{C183D7F6-B498-43B3-948B-1728B52AA6E4}")]);
            xml.empty(
                "adec:decorative",
                &[("xmlns:adec", &"http://schemas.microsoft.com/office/drawing/2017/decorative"), ("val", &1)],
            );
            xml.close();
            xml.close();
            xml.close();
        }
    }
    xml.open("p:cNvPicPr", &[]);
    xml.empty("a:picLocks", &[("noChangeAspect", &1)]);
    xml.close();
    xml.empty("p:nvPr", &[]);
    xml.close();
    xml.open("p:blipFill", &[]);
    xml.open("a:blip", &[("r:embed", &embed)]);
    if let Some(svg) = svg {
        xml.open("a:extLst", &[]);
        xml.open("a:ext", &[("uri", &"{96DAC541-7B7A-43D3-8B79-37D633B846F1}")]);
        xml.empty(
            "asvg:svgBlip",
            &[("xmlns:asvg", &"http://schemas.microsoft.com/office/drawing/2016/SVG/main"), ("r:embed", &svg)],
        );
        xml.close();
        xml.close();
    }
    xml.close();
    if let Some([l, t, r, b]) = crop {
        xml.empty("a:srcRect", &[("l", &l), ("t", &t), ("r", &r), ("b", &b)]);
    }
    xml.open("a:stretch", &[]);
    xml.empty("a:fillRect", &[]);
    xml.close();
    xml.close();
    xml.open("p:spPr", &[]);
    draw::xfrm(xml, shown);
    draw::geometry(xml, "rect");
    xml.close();
    xml.close();
}
