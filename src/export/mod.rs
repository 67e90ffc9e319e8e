//! Exporters: pages from layout into files. They draw what layout decided
//! and measure nothing themselves. Each format is a row of the format
//! table (src/format.rs) and an arm of `write`.

pub mod html;
pub mod pdf;
pub mod pptx;

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::Format;
use crate::diag::Diagnostic;
use crate::images::{ImageId, Prepared};
use crate::layout::Page;
use crate::layout::sheets::Sheet;
use crate::model::{Layout, Meta};
use crate::text::FontBook;
use crate::theme::{Color, Theme};

/// A deck laid out: everything an exporter draws from.
pub struct Document<'a> {
    /// Title, author, language, date…
    pub meta: &'a Meta,
    /// The slides' pages.
    pub pages: &'a [Page],
    /// The PDF's pages when it shows each step on a page of its own.
    pub stepped: Option<&'a [Page]>,
    /// Printed sheets (notes pages, handouts), by format.
    pub sheets: &'a BTreeMap<Format, Vec<Sheet>>,
    /// The faces the pages' runs name.
    pub book: &'a FontBook,
    /// The pictures the pages place, at the size they are placed.
    pub pictures: &'a BTreeMap<ImageId, Arc<Prepared>>,
    /// The resolved theme: the PPTX's master and layouts carry it.
    pub theme: &'a Theme,
}

impl Document<'_> {
    /// The deck's accent: the background of its section slides, if any.
    pub fn accent(&self) -> Option<Color> {
        self.pages.iter().find(|p| p.layout == Layout::Section).map(|p| p.background)
    }
}

/// `document` as a file of `format`.
pub fn write(format: Format, document: &Document) -> Result<Vec<u8>, Diagnostic> {
    match format {
        Format::Pdf => pdf::write(document.stepped.unwrap_or(document.pages), document),
        Format::Html => Ok(html::write(document).into_bytes()),
        Format::Pptx => pptx::write(document),
        Format::Notes | Format::Handout => {
            let sheets = document.sheets.get(&format).map(Vec::as_slice).unwrap_or_default();
            pdf::write_sheets(sheets, document)
        }
    }
}
