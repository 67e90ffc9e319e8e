//! End-to-end tests: the real `deck` binary on fixture decks, its outputs
//! read back as a reader would (poppler's pdftotext, pdffonts, pdfinfo).

mod browser;
mod cache;
mod commonmark;
mod diagnostics;
mod errors;
mod fonts;
mod gfmd;
mod golden;
mod habits;
mod harness;
mod help;
mod highlight;
mod hostile;
mod html;
mod html_fonts;
mod markdown;
mod math;
mod new;
mod nu;
mod output;
mod overflow;
mod pdf;
mod pictures;
mod pixels;
mod places;
mod positions;
mod pptx;
mod properties;
mod reveal;
mod scripts;
mod serve;
mod shell;
mod snapshots;
mod svg;
mod themes;
