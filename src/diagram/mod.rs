//! Diagrams (```` ```mermaid ```` fences): Mermaid source parsed, laid out
//! and drawn as SVG by merman, a Rust port of Mermaid. This is the only
//! module that knows merman; the SVG it gives goes down deck's picture
//! path (usvg, then vectors in the PDF and inline SVG in the HTML).
//!
//! Only seven families are built in (the Cargo features name them); the
//! labels are measured with the deck's own faces ([`Widths`]), so the
//! boxes merman draws fit the text usvg sets in them.

mod style;
mod widths;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex, PoisonError};

use crate::fingerprint::digest;

use merman::svg::{
    DeterministicTextMeasurer, MeasurementProfileId, SvgEnvironment, SvgPipeline, TextMeasurementPolicy,
    TextMeasurementProfile, TextMeasurementProfileIdentity,
};
use merman::{
    Engine, MermaidConfig, OperationControl, ParseOptions, RenderError, RenderOutput, RenderRequest, Renderer,
};

pub use style::Style;
pub use widths::Widths;

/// The diagram types deck draws, as a message lists them.
pub const SUPPORTED: &str = "flowchart, sequence, class, state, er, gantt, pie";

/// Why a diagram cannot be drawn: the engine's message and where in the
/// diagram's source (bytes) it found the fault.
#[derive(Debug, Clone, PartialEq)]
pub struct DiagramError {
    /// What is wrong, in words.
    pub message: String,
    /// The bytes of the source it points at, when it says.
    pub range: Option<Range<usize>>,
}

/// Check that `source` is a diagram of a supported type that parses,
/// without laying it out: what reading the deck does, so that `deck
/// check` finds every fault.
pub fn check(source: &str) -> Result<(), DiagramError> {
    match Engine::new().parse_diagram_sync(source, ParseOptions::strict()) {
        Ok(Some(_)) => Ok(()),
        Ok(None) => Err(no_type(source)),
        Err(e) => Err(from_core(source, &merman::TerminalDiagnostic::from(e))),
    }
}

/// The first word of `source` that names its type ("flowchart",
/// "sequenceDiagram"…), past blank lines, comments and front matter: for
/// the alternative text of the picture.
pub fn kind(source: &str) -> Option<&'static str> {
    let mut in_front_matter = false;
    for line in source.lines().map(str::trim) {
        if line == "---" {
            in_front_matter = !in_front_matter;
            continue;
        }
        if in_front_matter || line.is_empty() || line.starts_with("%%") {
            continue;
        }
        let word = line.split(|c: char| c.is_whitespace() || c == ':').next().unwrap_or("");
        return Some(match word {
            "flowchart" | "flowchart-v2" | "graph" => "Flowchart",
            "sequenceDiagram" => "Sequence diagram",
            "classDiagram" | "classDiagram-v2" => "Class diagram",
            "stateDiagram" | "stateDiagram-v2" => "State diagram",
            "erDiagram" => "Entity-relationship diagram",
            "gantt" => "Gantt chart",
            "pie" => "Pie chart",
            _ => return None,
        });
    }
    None
}

/// Draw `source` as an SVG document in `style`'s colours and face, its
/// labels measured by `widths`.
pub fn render(source: &str, style: &Style, widths: Arc<Widths>) -> Result<String, DiagramError> {
    let engine = Engine::new().with_site_config(MermaidConfig::from_value(style.site_config()));
    let renderer = Renderer::new().with_engine(engine);
    let measurer = DeterministicTextMeasurer::default().with_width_callback(move |text, style| {
        widths.width(text, style.font_size, bold(style.font_weight.as_deref()))
    });
    let identity = MeasurementProfileId::new("deck")
        .and_then(|id| TextMeasurementProfileIdentity::new(id, env!("CARGO_PKG_VERSION")))
        .map_err(|e| DiagramError { message: e.to_string(), range: None })?;
    let policy = TextMeasurementPolicy::uniform(TextMeasurementProfile::new(identity, measurer));
    let request = merman::SvgRequest {
        environment: SvgEnvironment::deterministic().with_text_measurement_policy(policy),
        pipeline: Some(SvgPipeline::resvg_safe()),
        ..merman::SvgRequest::default()
    };
    let output = renderer.render(
        RenderRequest::svg(source, OperationControl::new(), request).with_parse_options(ParseOptions::strict()),
    );
    match output {
        Ok(RenderOutput::Svg(Some(svg))) => Ok(without_filters(&svg.into_parts().0)),
        Ok(_) => Err(no_type(source)),
        Err(RenderError::Parse(e)) => Err(from_core(source, &e)),
        Err(RenderError::NoDiagram) => Err(no_type(source)),
        Err(e) => Err(DiagramError { message: e.to_string(), range: None }),
    }
}

/// The name a diagram's picture is kept under: its source's fingerprint.
pub fn key(source: &str) -> String {
    format!("mermaid:{:016x}", crate::fingerprint::digest(source.as_bytes()))
}

/// Diagrams drawn by this process, by source, style and faces: `deck
/// serve` redraws only the diagrams an edit changed.
static DRAWN: Mutex<Option<HashMap<u64, Arc<str>>>> = Mutex::new(None);

/// Diagrams kept in [`DRAWN`] at most; past it the cache starts over.
const DRAWN_LIMIT: usize = 256;

/// [`render`], or the SVG already drawn for the same `source`, `style`
/// and text faces (`faces`: the regular and bold face's content keys);
/// `widths` is asked for only when the diagram is drawn.
pub fn render_cached(
    source: &str,
    style: &Style,
    faces: [u64; 2],
    widths: impl FnOnce() -> Widths,
) -> Result<Arc<str>, DiagramError> {
    let config = style.site_config().to_string();
    let key = [digest(source.as_bytes()), digest(config.as_bytes()), faces[0], faces[1]]
        .into_iter()
        .fold(crate::fingerprint::FNV_OFFSET, crate::fingerprint::fnv1a);
    let lock = || DRAWN.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(svg) = lock().as_ref().and_then(|drawn| drawn.get(&key)) {
        return Ok(Arc::clone(svg));
    }
    let svg: Arc<str> = render(source, style, Arc::new(widths()))?.into();
    let mut drawn = lock();
    let drawn = drawn.get_or_insert_with(HashMap::new);
    if drawn.len() >= DRAWN_LIMIT {
        drawn.clear();
    }
    drawn.insert(key, Arc::clone(&svg));
    Ok(svg)
}

/// `svg` without its elements' `filter` attributes: Mermaid puts a drop
/// shadow under some boxes, which the PDF cannot draw without pixels (and
/// a picture's filters are left out there with a warning); without them
/// the PDF and the HTML draw the same, and the user is not warned about
/// what they did not write.
fn without_filters(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(at) = rest.find(" filter=\"") {
        out.push_str(&rest[..at]);
        let value = &rest[at + " filter=\"".len()..];
        rest = value.find('"').map_or("", |end| &value[end + 1..]);
    }
    out.push_str(rest);
    out
}

/// Whether a CSS font weight is bold.
fn bold(weight: Option<&str>) -> bool {
    match weight.map(str::trim) {
        Some("bold" | "bolder") => true,
        Some(w) => w.parse::<u16>().is_ok_and(|w| w >= 600),
        None => false,
    }
}

fn no_type(source: &str) -> DiagramError {
    DiagramError { message: format!("no diagram type at its start; deck draws {SUPPORTED}"), range: first_word(source) }
}

/// Where the first word of `source` is (its type, in a diagram), past
/// blank lines and `%%` comments.
fn first_word(source: &str) -> Option<Range<usize>> {
    let mut at = 0;
    for line in source.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if !trimmed.trim().is_empty() && !trimmed.starts_with("%%") {
            let start = at + line.len() - trimmed.len();
            let len = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
            return Some(start..start + len);
        }
        at += line.len();
    }
    None
}

/// merman's parse error as deck says it: its message, and the bytes it
/// points at; an unknown type names the supported ones.
fn from_core(source: &str, e: &merman::TerminalDiagnostic) -> DiagramError {
    let details = e.terminal_diagnostic_details();
    let range = details.span.map(|s| s.start..s.end.max(s.start));
    match details.code.as_str() {
        "merman.parse.no_diagram_detected" => no_type(source),
        "merman.parse.unsupported_diagram" => {
            let name = details.diagram_type.unwrap_or_default();
            DiagramError {
                message: format!("deck does not draw `{name}` diagrams; supported: {SUPPORTED}"),
                range: first_word(source),
            }
        }
        _ => {
            // "Diagram parse error (flowchart-v2): …": deck says what the
            // diagram is in its own words, and keeps the engine's reason.
            let message = e.terminal_safe_message();
            let reason = message.split_once("): ").map_or(message.as_str(), |(_, reason)| reason);
            DiagramError { message: reason.to_string(), range }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parse_error_points_at_its_fault() {
        let source = "flowchart TD\n  A --> B\n  C[unclosed\n";
        let e = check(source).unwrap_err();
        assert_eq!(e.message, "Unterminated node label (missing `]`)");
        let range = e.range.unwrap();
        assert_eq!(&source[range.start..range.start + 3], "[un");
    }

    #[test]
    fn an_unknown_type_lists_the_supported_ones() {
        let e = check("mindmap\n  root\n").unwrap_err();
        assert!(e.message.ends_with("supported: flowchart, sequence, class, state, er, gantt, pie"), "{}", e.message);
        assert_eq!(e.range, Some(0..7));
        let e = check("%% note\n\n  nonsense here\n").unwrap_err();
        assert_eq!(e.range, Some(11..19));
        assert_eq!(
            e.message,
            "no diagram type at its start; deck draws flowchart, sequence, class, state, er, gantt, pie"
        );
    }

    #[test]
    fn filters_are_left_out() {
        let svg = r#"<svg><rect filter="url(#s)" width="1"/><filter id="s"/></svg>"#;
        assert_eq!(without_filters(svg), r#"<svg><rect width="1"/><filter id="s"/></svg>"#);
    }

    #[test]
    fn kinds() {
        assert_eq!(kind("%% a comment\n\ngraph LR\nA-->B"), Some("Flowchart"));
        assert_eq!(kind("---\ntitle: x\n---\npie title Pets"), Some("Pie chart"));
        assert_eq!(kind("journey"), None);
    }
}
