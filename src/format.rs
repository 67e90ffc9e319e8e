//! The output formats: one table that the manifest's `[output] formats`,
//! the command line's `--format` and `-o FILE`, and the exporters all read.
//! A new format is a row here and an exporter in `export/`.

use std::path::Path;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    /// The paginated PDF.
    Pdf,
    /// The self-contained HTML deck.
    Html,
    /// Speaker notes: each slide with its notes below (`<name>-notes.pdf`).
    Notes,
    /// Several slides per sheet (`<name>-handout.pdf`).
    Handout,
    /// An editable PowerPoint file.
    Pptx,
}

/// What deck knows of one format.
struct Row {
    format: Format,
    /// Its name in `[output] formats`, `--format` and messages.
    name: &'static str,
    /// What follows the outputs' stem in its file's name.
    suffix: &'static str,
    /// File extensions that name it in `-o FILE`, lower case; none for a
    /// format asked for by its own flag (`--notes`, `--handout`).
    extensions: &'static [&'static str],
}

const TABLE: [Row; 5] = [
    Row { format: Format::Pdf, name: "pdf", suffix: ".pdf", extensions: &["pdf"] },
    Row { format: Format::Html, name: "html", suffix: ".html", extensions: &["html", "htm"] },
    Row { format: Format::Notes, name: "notes", suffix: "-notes.pdf", extensions: &[] },
    Row { format: Format::Handout, name: "handout", suffix: "-handout.pdf", extensions: &[] },
    Row { format: Format::Pptx, name: "pptx", suffix: ".pptx", extensions: &["pptx"] },
];

impl Format {
    /// The formats a deck is built in unless told otherwise.
    pub const DEFAULT: [Format; 2] = [Format::Pdf, Format::Html];

    /// The names of the formats `[output] formats` and `--format` take.
    pub const NAMES: [&'static str; 3] = [TABLE[0].name, TABLE[1].name, TABLE[4].name];

    fn row(self) -> &'static Row {
        // Every format has its row: the table is indexed in declaration order.
        &TABLE[self as usize]
    }

    /// The format's name.
    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// The format `[output] formats` or `--format` names, if any.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::NAMES.contains(&name).then(|| TABLE.iter().find(|r| r.name == name)).flatten().map(|r| r.format)
    }

    /// The format a file's extension names (`-o talk.pdf`), any case.
    pub fn from_extension(file: &Path) -> Option<Format> {
        let extension = file.extension()?.to_string_lossy().to_ascii_lowercase();
        TABLE.iter().find(|r| r.extensions.contains(&extension.as_str())).map(|r| r.format)
    }

    /// The output file's name for outputs named `stem`.
    pub fn file_name(self, stem: &str) -> String {
        format!("{stem}{}", self.row().suffix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_its_own_row_and_names_round_trip() {
        for (i, row) in TABLE.iter().enumerate() {
            assert_eq!(row.format as usize, i, "{}", row.name);
        }
        for name in Format::NAMES {
            assert_eq!(Format::from_name(name).map(Format::name), Some(name));
        }
        assert_eq!(Format::from_name("notes"), None, "notes are asked for with --notes");
        assert_eq!(Format::from_extension(Path::new("a/Talk.HTM")), Some(Format::Html));
        assert_eq!(Format::from_extension(Path::new("talk.PPTX")), Some(Format::Pptx));
        assert_eq!(Format::from_extension(Path::new("talk.key")), None);
        assert_eq!(Format::Handout.file_name("talk"), "talk-handout.pdf");
    }
}
