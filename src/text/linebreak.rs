//! Greedy line fitting over styled pieces of text at Unicode (UAX #14)
//! break opportunities, with a character-level fallback for words wider
//! than the line. ICU4X's segmenter finds them: strict CJK rules (no line
//! starts with a small kana or closing punctuation), and words of Thai,
//! Lao, Khmer and Burmese, written without spaces, from its dictionaries.

use std::sync::LazyLock;

use icu_segmenter::LineSegmenter;
use icu_segmenter::options::{LineBreakOptions, LineBreakWordOption};

use super::bidi::{Levels, visual_order};
use super::script::{Han, run_script};
use super::{FontBook, FontId, Glyph, shape};

/// How a paragraph is set beyond its pieces.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Setting {
    /// The form of Han characters (from the slide's language and text).
    pub han: Han,
    /// The direction of a paragraph with no strong character of its own
    /// (the slide's).
    pub rtl: bool,
    /// The language, for the fonts' language forms.
    pub lang: super::script::LangTag,
}

/// A piece of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// The text ("\n" forces a line break).
    pub text: String,
    /// Face.
    pub font: FontId,
    /// Size, pt.
    pub size: f32,
    /// The caller's style index, handed back on each [`LineRun`].
    pub tag: usize,
    /// An object set inline (a formula), this many pt wide: its text is
    /// [`OBJECT`], a glyph of that advance stands for it, and lines break
    /// around it, never through it.
    pub object: Option<f32>,
}

/// The text of an object piece: U+FFFC OBJECT REPLACEMENT CHARACTER,
/// which lines may break before and after as around a word.
pub const OBJECT: &str = "\u{FFFC}";

/// A run of one piece's glyphs on one line.
#[derive(Debug, Clone, PartialEq)]
pub struct LineRun {
    /// The caller's style index.
    pub tag: usize,
    /// Face.
    pub font: FontId,
    /// Size, pt.
    pub size: f32,
    /// Start of the run from the line's start, pt.
    pub x: f32,
    /// The text this run shows.
    pub text: String,
    /// Glyphs in visual order, with clusters as byte offsets into `text`.
    pub glyphs: Vec<Glyph>,
    /// Set right to left (its text is in logical order, its glyphs are not).
    pub rtl: bool,
}

impl LineRun {
    /// Total advance, pt.
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }
}

/// One set line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    /// Runs left to right.
    pub runs: Vec<LineRun>,
    /// Width without trailing spaces, pt.
    pub width: f32,
    /// The paragraph runs right to left: aligned to the right, its runs
    /// ordered by the bidirectional algorithm.
    pub rtl: bool,
}

/// A piece cut to one face and one direction.
struct Part {
    piece: Piece,
    /// Index of the piece it was cut from.
    source: usize,
    /// Its bidi embedding level: odd levels run right to left.
    level: u8,
}

/// A glyph with where it came from in the joined text, in logical order.
#[derive(Clone, Copy)]
struct Item {
    glyph: Glyph,
    /// Index of its [`Part`].
    piece: usize,
    /// Byte offset of its cluster in the joined text.
    at: usize,
    /// Byte offset where its cluster ends (the next cluster's start).
    end: usize,
}

/// Break `pieces` into lines no wider than `width` pt. Also returns the
/// characters no face had, each with the face its text was meant for.
pub fn break_lines(
    book: &FontBook,
    pieces: &[Piece],
    width: f32,
    setting: Setting,
) -> (Vec<Line>, Vec<(char, FontId)>) {
    let joined: String = pieces.iter().map(|p| p.text.as_str()).collect();
    let levels = Levels::of(&joined, setting.rtl);
    let parts = parts(book, pieces, &levels, setting.han);
    let mut items: Vec<Item> = Vec::new();
    let mut missing = Vec::new();
    let mut start = 0;
    for (index, part) in parts.iter().enumerate() {
        let rtl = part.level % 2 == 1;
        if let Some(advance) = part.piece.object {
            let glyph = Glyph { id: 0, cluster: 0, advance, offset_x: 0.0, offset_y: 0.0 };
            items.push(Item { glyph, piece: index, at: start, end: 0 });
            start += part.piece.text.len();
            continue;
        }
        let shaped = shape(book, part.piece.font, part.piece.size, &part.piece.text, rtl, setting.lang);
        missing.extend(shaped.missing.into_iter().map(|c| (c, pieces[part.source].font)));
        let first = items.len();
        items.extend(shaped.glyphs.into_iter().map(|glyph| Item {
            glyph,
            piece: index,
            at: start + glyph.cluster,
            end: 0,
        }));
        if rtl {
            // Broken in logical order; put back in visual order per line.
            items[first..].reverse();
        }
        start += part.piece.text.len();
    }
    // Each cluster runs to the start of the next one (a ligature or a base
    // with its marks covers several characters).
    let mut next_start = joined.len();
    for i in (0..items.len()).rev() {
        if i + 1 < items.len() && items[i + 1].at == items[i].at {
            items[i].end = items[i + 1].end;
        } else {
            items[i].end = next_start.max(items[i].at);
        }
        next_start = items[i].at;
    }
    let is_space = |item: &Item| joined[item.at..].chars().next().is_some_and(char::is_whitespace);

    let mut lines = Vec::new();
    let mut line_start = 0; // index into items
    let mut fitted_end = 0; // items up to here fit on the current line
    let mut cursor = 0;
    let korean = setting.han == Han::Korean;
    for (boundary, mandatory) in opportunities(&joined, korean).filter(|&(at, _)| !inside_compound(&joined, at)) {
        let seg_end = items.iter().skip(cursor).position(|i| i.at >= boundary).map_or(items.len(), |p| cursor + p);
        let content_end = trim_spaces(&items, line_start, seg_end, &is_space);
        let w = advance(&items[line_start..content_end]);
        if w > width && fitted_end > line_start {
            lines.push(build(&parts, &joined, &items[line_start..fitted_end], &is_space, levels.rtl));
            line_start = trim_leading(&items, fitted_end, seg_end, &is_space);
        }
        // A segment wider than a whole line: break between characters,
        // each line as many as fit (at least one), summed as they are
        // taken: linear in the segment's length, however long the word.
        loop {
            let content_end = trim_spaces(&items, line_start, seg_end, &is_space);
            if content_end - line_start <= 1 {
                break;
            }
            let mut end = line_start + 1;
            let mut taken = items[line_start].glyph.advance;
            while end < content_end && taken + items[end].glyph.advance <= width {
                taken += items[end].glyph.advance;
                end += 1;
            }
            if end == content_end {
                break; // the rest fits
            }
            // Never split a cluster (a ligature or a base with its marks).
            while end < content_end && end > line_start + 1 && items[end].at == items[end - 1].at {
                end -= 1;
            }
            lines.push(build(&parts, &joined, &items[line_start..end], &is_space, levels.rtl));
            line_start = end;
        }
        fitted_end = seg_end;
        cursor = seg_end;
        if mandatory && seg_end < items.len() {
            lines.push(build(&parts, &joined, &items[line_start..seg_end], &is_space, levels.rtl));
            line_start = seg_end;
            fitted_end = seg_end;
        }
    }
    if line_start < items.len() || lines.is_empty() {
        lines.push(build(&parts, &joined, &items[line_start..], &is_space, levels.rtl));
    }
    (lines, missing)
}

/// The pieces cut where the face changes (characters a face lacks go to
/// the fallback that has them), where the bidi level changes and where
/// the script changes (Latin and Cyrillic in one face are shaped each as
/// itself: a language's forms live under its script).
fn parts(book: &FontBook, pieces: &[Piece], levels: &Levels, han: Han) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut offset = 0;
    for (source, piece) in pieces.iter().enumerate() {
        if piece.object.is_some() {
            parts.push(Part { piece: piece.clone(), source, level: levels.at(offset) });
            offset += piece.text.len();
            continue;
        }
        for (range, font) in book.itemize(piece.font, &piece.text, han) {
            let mut start = range.start;
            let mut level = levels.at(offset + start);
            let mut script = None;
            for (at, c) in piece.text[range.clone()].char_indices().map(|(i, c)| (range.start + i, c)) {
                let here = levels.at(offset + at);
                let written = run_script(c);
                let new_script = written.is_some() && script.is_some() && written != script;
                if written.is_some() && !new_script {
                    script = written;
                }
                if here != level || new_script {
                    script = written.or(script);
                    parts.push(Part {
                        piece: Piece { text: piece.text[start..at].to_string(), font, ..piece.clone() },
                        source,
                        level,
                    });
                    (start, level) = (at, here);
                }
            }
            parts.push(Part {
                piece: Piece { text: piece.text[start..range.end].to_string(), font, ..piece.clone() },
                source,
                level,
            });
        }
        offset += piece.text.len();
    }
    parts
}

/// The places a line may end in `text` (byte offsets after the first
/// character), each with whether it must (after a line break). Korean,
/// written with spaces between words, keeps its words whole (CSS's
/// `word-break: keep-all`, as Korean typesetting does).
fn opportunities(text: &str, korean: bool) -> impl Iterator<Item = (usize, bool)> + '_ {
    static SEGMENTER: LazyLock<icu_segmenter::LineSegmenterBorrowed<'static>> =
        LazyLock::new(|| LineSegmenter::new_dictionary(LineBreakOptions::default()));
    static KEEP_ALL: LazyLock<icu_segmenter::LineSegmenterBorrowed<'static>> = LazyLock::new(|| {
        let mut options = LineBreakOptions::default();
        options.word_option = Some(LineBreakWordOption::KeepAll);
        LineSegmenter::new_dictionary(options)
    });
    let segmenter = if korean { &KEEP_ALL } else { &SEGMENTER };
    segmenter.segment_str(text).filter(|&at| at > 0).map(|at| {
        let before = text[..at].chars().next_back();
        (at, matches!(before, Some('\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}')))
    })
}

/// A break right after the hyphen of "policy-making": allowed by UAX #14,
/// but text extraction then joins the halves as "policymaking", so deck
/// breaks there only when the word cannot fit otherwise.
fn inside_compound(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    before == Some('-') && after.is_some_and(char::is_alphanumeric)
}

fn advance(items: &[Item]) -> f32 {
    items.iter().map(|i| i.glyph.advance).sum()
}

fn trim_spaces(items: &[Item], start: usize, mut end: usize, is_space: &impl Fn(&Item) -> bool) -> usize {
    while end > start && is_space(&items[end - 1]) {
        end -= 1;
    }
    end
}

fn trim_leading(items: &[Item], mut start: usize, end: usize, is_space: &impl Fn(&Item) -> bool) -> usize {
    while start < end && is_space(&items[start]) {
        start += 1;
    }
    start
}

/// Turn a slice of items into a line: trailing spaces and newlines dropped,
/// consecutive glyphs of one part grouped into a run, the runs put in
/// visual order by their bidi levels.
fn build(parts: &[Part], joined: &str, items: &[Item], is_space: &impl Fn(&Item) -> bool, rtl: bool) -> Line {
    let end = trim_spaces(items, 0, items.len(), is_space);
    let items = &items[..end];
    let mut runs = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let piece = items[i].piece;
        let mut j = i;
        while j < items.len() && items[j].piece == piece {
            j += 1;
        }
        let group = &items[i..j];
        let from = group.iter().map(|g| g.at).min().unwrap_or(0);
        let to = group.iter().map(|g| g.end).max().unwrap_or(from);
        let text = joined.get(from..to.min(joined.len())).unwrap_or("").to_string();
        let part = &parts[piece];
        let run_rtl = part.level % 2 == 1;
        let mut glyphs: Vec<Glyph> = group.iter().map(|g| Glyph { cluster: g.at - from, ..g.glyph }).collect();
        if run_rtl {
            glyphs.reverse();
        }
        let (tag, font, size) = (part.piece.tag, part.piece.font, part.piece.size);
        runs.push((part.level, LineRun { tag, font, size, x: 0.0, text, glyphs, rtl: run_rtl }));
        i = j;
    }
    let levels: Vec<u8> = runs.iter().map(|(level, _)| *level).collect();
    let mut slots: Vec<Option<LineRun>> = runs.into_iter().map(|(_, run)| Some(run)).collect();
    let mut line = Line { rtl, ..Line::default() };
    let mut x = 0.0;
    for index in visual_order(&levels) {
        let Some(mut run) = slots.get_mut(index).and_then(Option::take) else { continue };
        run.x = x;
        x += run.width();
        line.runs.push(run);
    }
    line.width = x;
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(text: &str, size: f32) -> Piece {
        Piece { text: text.into(), font: FontId(0), size, tag: 0, object: None }
    }

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.runs.iter().map(|r| r.text.as_str()).collect()).collect()
    }

    #[test]
    fn fits_greedily_at_spaces() {
        let book = FontBook::builtin();
        let one = shape(&book, FontId(0), 20.0, "alpha beta", false, Default::default()).width();
        let (lines, _) = break_lines(&book, &[piece("alpha beta alpha beta", 20.0)], one + 1.0, Setting::default());
        assert_eq!(texts(&lines), ["alpha beta", "alpha beta"]);
        assert!(lines.iter().all(|l| l.width <= one + 1.0));
    }

    #[test]
    fn keeps_styles_as_runs_on_a_line() {
        let book = FontBook::builtin();
        let pieces = [piece("plain ", 20.0), Piece { tag: 1, font: FontId(1), ..piece("bold", 20.0) }];
        let (lines, _) = break_lines(&book, &pieces, 1000.0, Setting::default());
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].runs.len(), 2);
        assert_eq!(lines[0].runs[1].tag, 1);
        assert!((lines[0].runs[1].x - lines[0].runs[0].width()).abs() < 0.001);
    }

    #[test]
    fn hard_breaks_start_new_lines() {
        let book = FontBook::builtin();
        let (lines, _) = break_lines(&book, &[piece("one\ntwo", 20.0)], 1000.0, Setting::default());
        assert_eq!(texts(&lines), ["one", "two"]);
    }

    #[test]
    fn keeps_hyphenated_compounds_whole() {
        let book = FontBook::builtin();
        let w = shape(&book, FontId(0), 20.0, "Social protection-", false, Default::default()).width() + 2.0;
        let (lines, _) = break_lines(&book, &[piece("Social protection-e.g., centres", 20.0)], w, Setting::default());
        assert_eq!(texts(&lines)[0], "Social");
    }

    #[test]
    fn breaks_after_slashes() {
        let book = FontBook::builtin();
        let w = shape(&book, FontId(0), 20.0, "strategies", false, Default::default()).width() + 2.0;
        let (lines, _) = break_lines(&book, &[piece("plans/strategies", 20.0)], w, Setting::default());
        assert_eq!(texts(&lines), ["plans/", "strategies"]);
    }

    #[test]
    fn overlong_words_break_between_characters() {
        let book = FontBook::builtin();
        let url = "https://example.org/a/very/long/path/that/does/not/fit";
        let (lines, _) = break_lines(&book, &[piece(url, 20.0)], 120.0, Setting::default());
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| l.width <= 120.0), "{:?}", lines.iter().map(|l| l.width).collect::<Vec<_>>());
        assert_eq!(texts(&lines).concat(), url);
    }

    #[test]
    fn a_line_ending_in_a_ligature_keeps_all_its_characters() {
        let book = FontBook::builtin();
        for text in ["foo ->", "caf\u{65}\u{301}", "x \u{2265}\u{338}"] {
            let (lines, _) = break_lines(&book, &[piece(text, 20.0)], 1000.0, Setting::default());
            assert_eq!(texts(&lines).concat(), text);
        }
    }

    #[test]
    fn thai_breaks_between_words_and_cjk_keeps_punctuation_with_the_text() {
        let thai = "มนุษย์ทั้งหลายเกิดมา";
        let at: Vec<usize> = opportunities(thai, false).map(|(at, _)| at).collect();
        let word = "มนุษย์".len();
        assert!(at.contains(&word) && at.contains(&(word + "ทั้งหลาย".len())), "{at:?}");
        assert!(!at.contains(&3), "not inside a word: {at:?}");
        let ja = "人間は、自由である。";
        let at: Vec<usize> = opportunities(ja, false).map(|(at, _)| at).collect();
        let comma = ja.find('、').unwrap();
        assert!(!at.contains(&comma), "no line starts with 、: {at:?}");
        assert!(at.contains(&"人".len()), "between ideographs: {at:?}");
        assert_eq!(opportunities("a\nb", false).next(), Some((2, true)));
        let ko = "천부적으로 이성과";
        let at: Vec<usize> = opportunities(ko, true).map(|(at, _)| at).collect();
        assert_eq!(at, [ko.find('이').unwrap(), ko.len()], "Korean words kept whole");
    }

    #[test]
    fn each_script_is_shaped_as_itself() {
        let book = FontBook::builtin();
        let (lines, _) = break_lines(&book, &[piece("Hello Привет, 2007", 20.0)], 1000.0, Setting::default());
        let runs: Vec<&str> = lines[0].runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(runs, ["Hello ", "Привет, 2007"]);
    }

    #[test]
    fn objects_are_kept_whole_and_lines_break_around_them() {
        let book = FontBook::builtin();
        let object = Piece { text: OBJECT.into(), object: Some(50.0), tag: 1, ..piece("", 20.0) };
        let pieces = [piece("see ", 20.0), object, piece(", then", 20.0)];
        // Room for the object and a comma, not for a word more.
        let (lines, _) = break_lines(&book, &pieces, 60.0, Setting::default());
        assert_eq!(texts(&lines), ["see", "\u{FFFC},", "then"], "the comma stays with the object");
        let run = &lines[1].runs[0];
        assert_eq!((run.tag, run.width()), (1, 50.0));
        assert_eq!(lines[1].runs[1].x, 50.0);
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        let book = FontBook::builtin();
        let (lines, _) = break_lines(&book, &[piece("", 20.0)], 100.0, Setting::default());
        assert_eq!(lines.len(), 1);
        assert!(lines[0].runs.is_empty());
    }
}
