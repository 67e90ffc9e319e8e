//! `deck check`: read and lay out a deck, report per slide, write nothing.

use std::path::PathBuf;

use clap::ValueEnum;
use serde::Serialize;

use super::report;

/// Check a deck without writing anything: errors, warnings and how each slide was laid out.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
deck check briefing.toml                 one line per slide, then the warnings; exit 1 on errors\n  \
deck check briefing.toml --format json   the same report as one JSON document on standard output")]
pub struct Args {
    /// The deck: a TOML manifest, or a Markdown deck (.md) that opens with a `+++` block holding its `[deck]` table; `-` reads it from standard input.
    file: PathBuf,
    /// Let the deck read pictures, fonts and themes anywhere inside DIR (by default only inside its own folder).
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    root: Option<PathBuf>,
    /// The report: text (a line per slide, diagnostics on standard error) or json (one document on standard output, diagnostics included).
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "text", hide_possible_values = true)]
    format: ReportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    Text,
    Json,
}

/// Run the command; `false` when the deck has errors.
pub fn run(args: Args) -> bool {
    let Some((file, options)) = super::input::read(&args.file, deck::Options { root: args.root, ..Default::default() })
    else {
        return false;
    };
    let result = deck::check(&file, &options);
    if args.format == ReportFormat::Json {
        return json(&result);
    }
    match result {
        Ok(report) => {
            for (page, notes) in slides(&report) {
                println!(
                    "slide {:>3}  page {:>3}  {:<10} {}{}",
                    page.slide + 1,
                    page.number,
                    page.layout.name(),
                    page.title,
                    if notes.is_empty() { String::new() } else { format!("  ({})", notes.join(", ")) }
                );
            }
            for image in &report.images {
                println!(
                    "image {}: {} × {} px, embedded at {} × {} px ({} ppi at its largest placed size)",
                    image.src, image.from.0, image.from.1, image.to.0, image.to.1, image.ppi
                );
            }
            report::diagnostics(&report.warnings, &report.sources);
            println!(
                "{}, {}, {}",
                report::count(report.slides, "slide"),
                report::count(report.pages.len(), "page"),
                report::count(report.warnings.len(), "warning")
            );
            true
        }
        Err(failure) => {
            report::failure(&failure);
            false
        }
    }
}

/// Each slide's first page, with what is worth saying about how it was
/// laid out.
fn slides(report: &deck::Report) -> Vec<(&deck::layout::Page, Vec<String>)> {
    let first_pages = report.pages.iter().filter(|p| p.part.0 == 1);
    first_pages
        .map(|page| {
            let mut notes = Vec::new();
            if page.part.1 > 1 {
                notes.push(format!("continued on {} pages", page.part.1));
            }
            if page.steps > 1 {
                notes.push(format!("revealed in {} steps", page.steps));
            }
            if (page.scale - 1.0).abs() > 0.001 {
                notes.push(format!("shrunk to {:.0} %", page.scale * 100.0));
            }
            (page, notes)
        })
        .collect()
}

/// `deck check --format json`: the whole report.
#[derive(Serialize)]
struct JsonReport {
    ok: bool,
    slides: Vec<JsonSlide>,
    images: Vec<JsonImage>,
    diagnostics: Vec<report::JsonDiagnostic>,
    totals: Totals,
}

#[derive(Serialize)]
struct JsonSlide {
    slide: usize,
    page: usize,
    layout: &'static str,
    title: String,
    pages: usize,
    steps: usize,
    scale: f32,
}

#[derive(Serialize)]
struct JsonImage {
    src: String,
    width: u32,
    height: u32,
    embedded_width: u32,
    embedded_height: u32,
}

#[derive(Serialize)]
struct Totals {
    slides: usize,
    pages: usize,
    warnings: usize,
    errors: usize,
}

/// Print the report as one JSON document; its diagnostics are in it, not
/// on standard error.
fn json(result: &Result<deck::Report, deck::Failure>) -> bool {
    let document = match result {
        Ok(report) => JsonReport {
            ok: true,
            slides: slides(report)
                .into_iter()
                .map(|(page, _)| JsonSlide {
                    slide: page.slide + 1,
                    page: page.number,
                    layout: page.layout.name(),
                    title: page.title.clone(),
                    pages: page.part.1,
                    steps: page.steps.max(1),
                    scale: (page.scale * 1000.0).round() / 1000.0,
                })
                .collect(),
            images: report
                .images
                .iter()
                .map(|i| JsonImage {
                    src: i.src.clone(),
                    width: i.from.0,
                    height: i.from.1,
                    embedded_width: i.to.0,
                    embedded_height: i.to.1,
                })
                .collect(),
            diagnostics: report::json_list(&report.warnings, &report.sources),
            totals: Totals {
                slides: report.slides,
                pages: report.pages.len(),
                warnings: report.warnings.len(),
                errors: 0,
            },
        },
        Err(failure) => {
            let mut diagnostics = report::json_list(&failure.warnings, &failure.sources);
            diagnostics.extend(report::json_list(&failure.errors, &failure.sources));
            JsonReport {
                ok: false,
                slides: Vec::new(),
                images: Vec::new(),
                diagnostics,
                totals: Totals { slides: 0, pages: 0, warnings: failure.warnings.len(), errors: failure.errors.len() },
            }
        }
    };
    let text = serde_json::to_string_pretty(&document).unwrap_or_default();
    super::write_stdout(format!("{text}\n").as_bytes()) && result.is_ok()
}
