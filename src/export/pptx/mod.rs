//! PPTX: the laid-out pages as an editable PowerPoint file. Each page is
//! a slide whose boxes sit where layout put them: a text box per block
//! (title, paragraph group, list, code), native tables, pictures, and the
//! decorations as shapes; the speaker notes on the notes pages; a slide
//! master and layouts in the deck's colours and fonts. The parts are
//! written with an XML writer and zipped in a fixed order with fixed
//! dates, so the same deck gives the same bytes.

mod draw;
mod formula;
mod master;
mod notes;
mod package;
mod pictures;
mod props;
mod slide;
mod svg;
mod table;
mod text;
mod xml;

use package::{Package, Rels, content, rel, rels_name};

use super::Document;
use crate::diag::Diagnostic;
use crate::text::FontStyle;

/// The PPTX file of `document`'s slides.
pub fn write(document: &Document) -> Result<Vec<u8>, Diagnostic> {
    std::thread::scope(|scope| write_parts(document, Package::new(scope)))
}

/// Every part of `document`'s package into `package`, then the zip.
fn write_parts(document: &Document, mut package: Package) -> Result<Vec<u8>, Diagnostic> {
    let Document { pages, meta, book, pictures, theme, .. } = *document;
    let family = |mono| book.face(book.select(FontStyle { mono, ..FontStyle::default() })).family.clone();
    let size = pages.first().map_or((theme.width, theme.height), |p| p.size);
    let look = master::Look {
        theme,
        size,
        text_face: family(false),
        mono_face: family(true),
        accent_background: document.accent().unwrap_or(theme.palette.accent),
    };

    let mut root = Rels::default();
    root.add(rel::OFFICE_DOCUMENT, "ppt/presentation.xml");
    root.add(rel::CORE, "docProps/core.xml");
    root.add(rel::EXTENDED, "docProps/app.xml");
    package.add_plain("_rels/.rels", root.finish());
    package.add("docProps/core.xml", content::CORE, props::core(meta));
    package.add("docProps/app.xml", content::EXTENDED, props::app(pages.len()));

    // presentation.xml's relationships: master, notes master, slides,
    // then the properties and the theme.
    let mut presentation = Rels::default();
    presentation.add(rel::SLIDE_MASTER, "slideMasters/slideMaster1.xml");
    presentation.add(rel::NOTES_MASTER, "notesMasters/notesMaster1.xml");
    let slide_ids: Vec<String> =
        (1..=pages.len()).map(|n| presentation.add(rel::SLIDE, format!("slides/slide{n}.xml"))).collect();
    presentation.add(rel::PRES_PROPS, "presProps.xml");
    presentation.add(rel::VIEW_PROPS, "viewProps.xml");
    presentation.add(rel::THEME, "theme/theme1.xml");
    presentation.add(rel::TABLE_STYLES, "tableStyles.xml");
    package.add("ppt/presentation.xml", content::PRESENTATION, props::presentation(size, &slide_ids));
    package.add_plain("ppt/_rels/presentation.xml.rels", presentation.finish());

    let mut master_rels = Rels::default();
    for i in 0..master::LAYOUTS.len() {
        master_rels.add(rel::SLIDE_LAYOUT, format!("../slideLayouts/slideLayout{}.xml", i + 1));
    }
    master_rels.add(rel::THEME, "../theme/theme1.xml");
    package.add("ppt/slideMasters/slideMaster1.xml", content::MASTER, look.master_part());
    package.add_plain(rels_name("ppt/slideMasters/slideMaster1.xml"), master_rels.finish());
    for i in 0..master::LAYOUTS.len() {
        let name = format!("ppt/slideLayouts/slideLayout{}.xml", i + 1);
        let mut rels = Rels::default();
        rels.add(rel::SLIDE_MASTER, "../slideMasters/slideMaster1.xml");
        package.add_plain(rels_name(&name), rels.finish());
        package.add(name, content::LAYOUT, look.layout_part(i));
    }
    let theme_part = look.theme_part();
    package.add("ppt/theme/theme1.xml", content::THEME, theme_part.clone());
    package.add("ppt/theme/theme2.xml", content::THEME, theme_part);
    let faces = notes::Faces { text: &look.text_face, mono: &look.mono_face };
    package.add("ppt/notesMasters/notesMaster1.xml", content::NOTES_MASTER, notes::master(&faces));
    let mut notes_master_rels = Rels::default();
    notes_master_rels.add(rel::THEME, "../theme/theme2.xml");
    package.add_plain(rels_name("ppt/notesMasters/notesMaster1.xml"), notes_master_rels.finish());
    package.add("ppt/presProps.xml", content::PRES_PROPS, props::pres_props());
    package.add("ppt/viewProps.xml", content::VIEW_PROPS, props::view_props());
    package.add("ppt/tableStyles.xml", content::TABLE_STYLES, props::table_styles());

    let deck = slide::Deck { book, theme, pictures, lang: &meta.lang, pages: pages.len() };
    let mut media = pictures::Media::default();
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        let notes_name = (!page.notes.is_empty()).then(|| format!("notesSlide{n}.xml"));
        let (part, rels) = slide::slide(&deck, page, &mut media, notes_name.as_deref());
        let name = format!("ppt/slides/slide{n}.xml");
        package.add_plain(rels_name(&name), rels);
        package.add(name, content::SLIDE, part);
        if let Some(notes_name) = notes_name {
            let name = format!("ppt/notesSlides/{notes_name}");
            let mut rels = Rels::default();
            rels.add(rel::SLIDE, format!("../slides/slide{n}.xml"));
            rels.add(rel::NOTES_MASTER, "../notesMasters/notesMaster1.xml");
            package.add_plain(rels_name(&name), rels.finish());
            package.add(name, content::NOTES, notes::notes_slide(&page.notes, &faces, &meta.lang));
        }
    }
    media.finish(&mut package);
    crate::timing::mark("pptx: parts written");
    let zipped = package.zip().map_err(Diagnostic::error);
    crate::timing::mark("pptx: zipped");
    zipped
}
