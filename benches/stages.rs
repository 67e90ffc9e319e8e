//! Micro-benchmarks of the hot stages on the GFMD deck: shaping, line
//! breaking, reading, layout (flow and pagination), PDF and HTML writing.
//! `cargo bench --bench stages`; the whole-process benchmark against Typst
//! is `benches/bench.sh`.

use std::path::{Path, PathBuf};

use deck::diag::{Sink, Sources};
use deck::read::Project;
use deck::text::{FontBook, FontId, Piece};

fn main() {
    divan::main();
}

fn gfmd() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/gfmd/briefing.toml")
}

fn read() -> Project {
    let (mut sources, mut sink) = (Sources::default(), Sink::default());
    deck::read::read(&gfmd(), &deck::paths::Root::for_manifest(&gfmd(), None), &mut sources, &mut sink)
        .unwrap_or_else(|e| panic!("the GFMD deck reads: {e:?}"))
}

const PARAGRAPH: &str = "Overarching theme of GFMD II: Protecting and empowering migrants for \
development, with round tables on migrant integration, reintegration and circulation for \
development, and on policy and institutional coherence and partnerships.";

/// One paragraph shaped from scratch (no cached results or plans).
#[divan::bench]
fn shape_paragraph_cold(bencher: divan::Bencher) {
    let book = FontBook::builtin();
    bencher.bench_local(|| {
        deck::text::clear_cache();
        deck::text::shape(&book, FontId(0), 24.0, divan::black_box(PARAGRAPH), false, Default::default())
    });
}

/// The same paragraph broken into lines, its shaping cached: the line
/// breaker alone.
#[divan::bench]
fn break_paragraph_warm(bencher: divan::Bencher) {
    let book = FontBook::builtin();
    let pieces = [Piece { text: PARAGRAPH.to_string(), font: FontId(0), size: 24.0, tag: 0, object: None }];
    bencher.bench_local(|| deck::text::break_lines(&book, divan::black_box(&pieces), 760.0, Default::default()));
}

/// Manifest, Markdown and theme into the model.
#[divan::bench]
fn read_gfmd() -> Project {
    read()
}

/// Every slide set and paginated (layout threads start with no cache).
#[divan::bench]
fn layout_gfmd(bencher: divan::Bencher) {
    let project = read();
    let book = FontBook::builtin();
    let store = deck::images::load(&project.deck, &book).unwrap_or_else(|e| panic!("{e:?}"));
    bencher.bench_local(|| deck::layout::layout(&project.deck, &project.theme, &book, &store, &mut Sink::default()));
}

/// The deck read and laid out by the public pipeline, ready to export.
fn opened() -> deck::Laid {
    deck::open(&gfmd(), &deck::Options::default()).unwrap_or_else(|e| panic!("the GFMD deck lays out: {:?}", e.errors))
}

/// The pages as a PDF: fonts subset, streams compressed, tags, outline.
#[divan::bench]
fn pdf_gfmd(bencher: divan::Bencher) {
    let laid = opened();
    bencher.bench_local(|| laid.export(deck::Format::Pdf));
}

/// The pages as the self-contained HTML deck.
#[divan::bench]
fn html_gfmd(bencher: divan::Bencher) {
    let laid = opened();
    bencher.bench_local(|| laid.export(deck::Format::Html));
}

/// The pages as an editable PowerPoint file: the parts written and zipped.
#[divan::bench]
fn pptx_gfmd(bencher: divan::Bencher) {
    let laid = opened();
    bencher.bench_local(|| laid.export(deck::Format::Pptx));
}
