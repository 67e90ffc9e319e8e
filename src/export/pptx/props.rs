//! The presentation part (slide list and size) and the small property
//! parts every PowerPoint file carries: document properties, view and
//! presentation properties, table styles.

use super::notes::NOTES_SIZE;
use super::xml::{Xml, emu};
use crate::model::{Meta, plain_text};

/// `ppt/presentation.xml`: the master (rId1), notes master (rId2) and
/// slides (`slides`' ids), at `size` pt.
pub fn presentation(size: (f32, f32), slides: &[String]) -> Vec<u8> {
    let mut xml = Xml::new();
    xml.root_pml("p:presentation", &[("saveSubsetFonts", &1)]);
    xml.open("p:sldMasterIdLst", &[]);
    xml.empty("p:sldMasterId", &[("id", &2_147_483_648_u64), ("r:id", &"rId1")]);
    xml.close();
    xml.open("p:notesMasterIdLst", &[]);
    xml.empty("p:notesMasterId", &[("r:id", &"rId2")]);
    xml.close();
    xml.open("p:sldIdLst", &[]);
    for (i, rel) in slides.iter().enumerate() {
        xml.empty("p:sldId", &[("id", &(256 + i)), ("r:id", rel)]);
    }
    xml.close();
    xml.empty("p:sldSz", &[("cx", &emu(size.0)), ("cy", &emu(size.1))]);
    xml.empty("p:notesSz", &[("cx", &emu(NOTES_SIZE.0)), ("cy", &emu(NOTES_SIZE.1))]);
    xml.finish()
}

/// `docProps/core.xml`: title, subject, author and keywords. No dates:
/// the file is the same whenever it is built.
pub fn core(meta: &Meta) -> Vec<u8> {
    let mut xml = Xml::new();
    xml.open(
        "cp:coreProperties",
        &[
            ("xmlns:cp", &"http://schemas.openxmlformats.org/package/2006/metadata/core-properties"),
            ("xmlns:dc", &"http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", &"http://purl.org/dc/terms/"),
            ("xmlns:xsi", &"http://www.w3.org/2001/XMLSchema-instance"),
        ],
    );
    xml.leaf("dc:title", &[], &plain_text(&meta.title));
    if let Some(subject) = &meta.subject {
        xml.leaf("dc:subject", &[], subject);
    }
    if let Some(author) = &meta.author {
        xml.leaf("dc:creator", &[], author);
    }
    if !meta.keywords.is_empty() {
        xml.leaf("cp:keywords", &[], &meta.keywords.join(", "));
    }
    xml.leaf("dc:language", &[], &meta.lang);
    xml.finish()
}

/// `docProps/app.xml`: the application and the slide count.
pub fn app(slides: usize) -> Vec<u8> {
    let mut xml = Xml::new();
    xml.open("Properties", &[("xmlns", &"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties")]);
    xml.leaf("Application", &[], "deck");
    xml.leaf("Slides", &[], &slides.to_string());
    xml.finish()
}

/// `ppt/presProps.xml`.
pub fn pres_props() -> Vec<u8> {
    let mut xml = Xml::new();
    xml.root_pml("p:presentationPr", &[]);
    xml.finish()
}

/// `ppt/viewProps.xml`: opens in the normal view.
pub fn view_props() -> Vec<u8> {
    let mut xml = Xml::new();
    xml.root_pml("p:viewPr", &[]);
    xml.open("p:normalViewPr", &[]);
    xml.empty("p:restoredLeft", &[("sz", &15_620)]);
    xml.empty("p:restoredTop", &[("sz", &94_660)]);
    xml.close();
    xml.empty("p:gridSpacing", &[("cx", &76_200), ("cy", &76_200)]);
    xml.finish()
}

/// `ppt/tableStyles.xml`: none but the default's name; deck's tables
/// carry their own borders.
pub fn table_styles() -> Vec<u8> {
    let mut xml = Xml::new();
    xml.empty("a:tblStyleLst", &[("xmlns:a", &super::xml::NS_A), ("def", &"{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}")]);
    xml.finish()
}
