//! A Markdown file of slides cut into its parts, as byte ranges of the
//! file: slides are separated by `---` lines; a slide may open with a
//! `+++`-fenced TOML block of its keys; its first `# ` heading is its
//! title; a `???` line starts its speaker notes. Lines inside fenced code
//! blocks are content, whatever they look like. As in Slidev, `key: value`
//! lines alone between two `---` lines are the YAML block of the slide
//! after them, and at the very top of a deck they are its front matter.

use std::ops::Range;

/// One slide of a Markdown file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The whole slide, separators excluded.
    pub whole: Range<usize>,
    /// The TOML between the `+++` lines.
    pub keys: Option<Range<usize>>,
    /// The opening `+++` line of a block that is never closed.
    pub unclosed: Option<Range<usize>>,
    /// The first `# ` heading's text.
    pub title: Option<Range<usize>>,
    /// The whole line of that heading, left out of the body.
    pub title_line: Option<Range<usize>>,
    /// Content after the keys and before the notes.
    pub body: Range<usize>,
    /// Text after the `???` line.
    pub notes: Option<Range<usize>>,
    /// The `???` line.
    pub notes_line: Option<Range<usize>>,
    /// The opening line of a code fence that is never closed: it takes in
    /// the rest of the file.
    pub open_fence: Option<Range<usize>>,
    /// The YAML between the `---` lines before the slide (Slidev's form).
    pub yaml: Option<Range<usize>>,
}

/// YAML front matter at the very top of a Markdown deck (`---`, `key:
/// value` lines, `---`): the YAML, and where the slides begin.
pub fn front_matter(text: &str) -> Option<(Range<usize>, usize)> {
    let mut lines = lines(text, 0).skip_while(|l| l.text.trim().is_empty());
    let first = lines.next().filter(|l| l.text.trim() == "---")?;
    let close = lines.find(|l| l.text.trim() == "---")?;
    looks_like_yaml(&text[first.next..close.start]).then_some((first.next..close.start, close.next))
}

/// `key: value` lines (with YAML's comments, indented continuations and
/// `- item` lines), at least one: not Markdown someone would write alone
/// between two rules.
fn looks_like_yaml(text: &str) -> bool {
    let keyed = |line: &str| {
        line.split_once(':').is_some_and(|(key, _)| {
            let mut chars = key.chars();
            chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
    };
    let mut keys = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        if keyed(line) {
            keys += 1;
        } else if keys == 0 || !(line.starts_with([' ', '\t', '#']) || line.starts_with("- ")) {
            return false;
        }
    }
    keys > 0
}

/// The deck's own `+++` block at the very top of a Markdown deck: the
/// TOML inside it, and where the slides begin. `Err` holds the opening
/// line of a block that is never closed.
pub fn deck_block(text: &str) -> Result<Option<(Range<usize>, usize)>, Range<usize>> {
    let mut lines = lines(text, 0).skip_while(|l| l.text.trim().is_empty());
    let Some(first) = lines.next().filter(|l| l.text.trim() == "+++") else { return Ok(None) };
    match lines.find(|l| l.text.trim() == "+++") {
        Some(close) => Ok(Some((first.next..close.start, close.next))),
        None => Err(first.start..first.end),
    }
}

/// The slides of `text` from byte `from` on. Slides with nothing in them
/// (before a leading `---`, after a trailing one) are left out.
pub fn split(text: &str, from: usize) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut slide = Open::new(from);
    let mut fence: Option<(char, usize)> = None;
    let mut fence_line = 0..0;
    for line in lines(text, from) {
        let trimmed = line.text.trim();
        if let Some(start) = slide.keys_from {
            if trimmed == "+++" {
                slide.keys = Some(start..line.start);
                slide.keys_from = None;
                slide.body_from = line.next;
            }
            continue;
        }
        if let Some((mark, length)) = fence {
            if closes(line.text, mark, length) {
                fence = None;
            }
            continue;
        }
        if slide.blank && slide.keys.is_none() && trimmed == "+++" {
            slide.keys_from = Some(line.next);
            slide.opening = line.start..line.end;
            continue;
        }
        if trimmed == "---" {
            let yaml = slide.yaml_only(text, line.start);
            if yaml.is_none() {
                slide.close(line.start, &mut parts);
            }
            slide = Open::new(line.next);
            slide.after_rule = true;
            slide.yaml = yaml;
            continue;
        }
        if trimmed == "???" && slide.notes_from.is_none() {
            slide.body_end = Some(line.start);
            slide.notes_from = Some(line.next);
            slide.notes_line = Some(line.start..line.end);
            continue;
        }
        fence = opens(line.text);
        if fence.is_some() {
            fence_line = line.start..line.end;
        }
        if slide.notes_from.is_none() && slide.title.is_none() && fence.is_none() {
            slide.title = heading(line.text).map(|r| (line.start + r.start..line.start + r.end, line.start..line.end));
        }
        slide.blank &= trimmed.is_empty();
    }
    slide.close(text.len(), &mut parts);
    if let (Some(_), Some(last)) = (fence, parts.last_mut()) {
        last.open_fence = Some(fence_line);
    }
    parts
}

/// A slide being read.
struct Open {
    start: usize,
    /// Nothing but blank lines yet.
    blank: bool,
    keys_from: Option<usize>,
    opening: Range<usize>,
    keys: Option<Range<usize>>,
    body_from: usize,
    body_end: Option<usize>,
    title: Option<(Range<usize>, Range<usize>)>,
    notes_from: Option<usize>,
    notes_line: Option<Range<usize>>,
    /// It began at a `---` line.
    after_rule: bool,
    /// The YAML block before it.
    yaml: Option<Range<usize>>,
}

impl Open {
    /// When this slide, ended at `end`, is nothing but YAML after a `---`
    /// line: that YAML, trimmed, for the slide after it.
    fn yaml_only(&self, text: &str, end: usize) -> Option<Range<usize>> {
        let plain = self.after_rule && self.yaml.is_none() && self.keys.is_none() && self.keys_from.is_none();
        let inside = &text[self.start..end];
        if !plain || self.blank || self.notes_from.is_some() || !looks_like_yaml(inside) {
            return None;
        }
        let start = self.start + (inside.len() - inside.trim_start_matches(['\n', '\r']).len());
        Some(start..self.start + inside.trim_end().len())
    }

    fn new(start: usize) -> Open {
        Open {
            start,
            blank: true,
            keys_from: None,
            opening: 0..0,
            keys: None,
            body_from: start,
            body_end: None,
            title: None,
            notes_from: None,
            notes_line: None,
            after_rule: false,
            yaml: None,
        }
    }

    fn close(self, end: usize, parts: &mut Vec<Part>) {
        if self.blank && self.keys.is_none() && self.keys_from.is_none() && self.yaml.is_none() {
            return;
        }
        let unclosed = self.keys_from.map(|_| self.opening.clone());
        let body_from = if unclosed.is_some() { end } else { self.body_from };
        let (title, title_line) = self.title.unzip();
        parts.push(Part {
            whole: self.start..end,
            keys: self.keys,
            unclosed,
            title,
            title_line,
            body: body_from..self.body_end.unwrap_or(end).max(body_from),
            notes: self.notes_from.map(|n| n.min(end)..end),
            notes_line: self.notes_line,
            open_fence: None,
            yaml: self.yaml,
        });
    }
}

/// One line: its text without the line ending, where it starts and ends,
/// and where the next line starts.
struct Line<'t> {
    text: &'t str,
    start: usize,
    end: usize,
    next: usize,
}

fn lines(text: &str, from: usize) -> impl Iterator<Item = Line<'_>> {
    // A byte-order mark some editors write is not part of the first line.
    let mut at = if from == 0 && text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { from };
    std::iter::from_fn(move || {
        let rest = text.get(at..).filter(|r| !r.is_empty())?;
        let length = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let raw = &rest[..length];
        let line = raw.trim_end_matches('\n').trim_end_matches('\r');
        let start = at;
        at += length;
        Some(Line { text: line, start, end: start + line.len(), next: at })
    })
}

/// A fence opening a code block: its character and length.
fn opens(line: &str) -> Option<(char, usize)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let mark = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let length = rest.chars().take_while(|c| *c == mark).count();
    let info = &rest[length..];
    (indent <= 3 && length >= 3 && !(mark == '`' && info.contains('`'))).then_some((mark, length))
}

fn closes(line: &str, mark: char, length: usize) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let run = rest.chars().take_while(|c| *c == mark).count();
    indent <= 3 && run >= length && rest[run * mark.len_utf8()..].trim().is_empty()
}

/// The text of a level-1 ATX heading (`# Title #`), as a range of `line`.
fn heading(line: &str) -> Option<Range<usize>> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = line.get(indent..)?;
    if indent > 3 || !(rest == "#" || rest.starts_with("# ") || rest.starts_with("#\t")) {
        return None;
    }
    let content = rest[1..].trim();
    // A closing run of #s is not part of the title.
    let content = match content.trim_end_matches('#') {
        kept if kept.is_empty() || kept.ends_with([' ', '\t']) => kept.trim_end(),
        _ => content,
    };
    let start = indent + 1 + (rest[1..].len() - rest[1..].trim_start().len());
    Some(start..start + content.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'t>(text: &'t str, part: &Part) -> (Option<&'t str>, Option<&'t str>, &'t str, Option<&'t str>) {
        (
            part.keys.clone().map(|r| &text[r]),
            part.title.clone().map(|r| &text[r]),
            &text[part.body.clone()],
            part.notes.clone().map(|r| &text[r]),
        )
    }

    #[test]
    fn cuts_slides_at_rules_outside_code() {
        let text = "# One\n- a\n\n---\n\n+++\nlayout = \"statement\"\n+++\n# Two #\n```\n---\n```\n???\nsay it\n---\n";
        let parts = split(text, 0);
        assert_eq!(parts.len(), 2);
        assert_eq!(texts(text, &parts[0]), (None, Some("One"), "# One\n- a\n\n", None));
        assert_eq!(
            texts(text, &parts[1]),
            (Some("layout = \"statement\"\n"), Some("Two"), "# Two #\n```\n---\n```\n", Some("say it\n"))
        );
        assert_eq!(&text[parts[1].title_line.clone().unwrap()], "# Two #");
        assert_eq!(parts[1].open_fence, None);
    }

    #[test]
    fn yaml_between_rules_belongs_to_the_next_slide() {
        let text =
            "---\nlayout: section\n# a comment\n---\n# One\n---\nNote: not keys\n\nbut text\n---\nclass: lead\n---\n";
        let parts = split(text, 0);
        assert_eq!(parts.len(), 3);
        assert_eq!(&text[parts[0].yaml.clone().unwrap()], "layout: section\n# a comment");
        assert_eq!(parts[0].title.clone().map(|r| &text[r]), Some("One"));
        assert_eq!(parts[1].yaml, None);
        assert_eq!(&text[parts[2].yaml.clone().unwrap()], "class: lead");
        assert_eq!(front_matter("\n---\nmarp: true\n---\n# One\n"), Some((5..16, 20)));
        assert_eq!(front_matter("---\n# One\n---\n"), None);
    }

    #[test]
    fn an_unclosed_fence_takes_the_rest_of_the_file() {
        let text = "# One\n~~~~ sh\nls\n---\n# Two\n~~~\n";
        let parts = split(text, 0);
        assert_eq!(parts.len(), 1);
        assert_eq!(&text[parts[0].open_fence.clone().unwrap()], "~~~~ sh");
    }

    #[test]
    fn blank_slides_and_unclosed_blocks() {
        let text = "---\n\n---\n+++\nid = \"x\"\n";
        let parts = split(text, 0);
        assert_eq!(parts.len(), 1);
        assert_eq!(&text[parts[0].unclosed.clone().unwrap()], "+++");
        assert_eq!(split("", 0), vec![]);
    }

    #[test]
    fn only_level_one_headings_are_titles() {
        assert_eq!(heading("## Two"), None);
        assert_eq!(heading("#hashtag"), None);
        assert_eq!(heading("# C# #"), Some(2..4));
        assert_eq!(heading("   # Indented"), Some(5..13));
    }

    proptest::proptest! {
        #[test]
        fn every_range_lies_in_the_text_on_character_boundaries(lines in proptest::collection::vec(
            proptest::sample::select(vec!["---", "+++", "```", "~~~~", "# Tïtle #", "???", "- ïtem", "", " \r", "\u{feff}+++", "#"]),
            0..24,
        )) {
            let text = lines.join("\n");
            let inside = |r: &Range<usize>| r.start <= r.end && r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end);
            if let Ok(Some((keys, from))) = deck_block(&text) {
                proptest::prop_assert!(inside(&keys) && from <= text.len());
            }
            for part in split(&text, 0) {
                let ranges = [Some(&part.whole), part.keys.as_ref(), part.unclosed.as_ref(), part.title.as_ref(), part.title_line.as_ref(), Some(&part.body), part.notes.as_ref(), part.notes_line.as_ref(), part.open_fence.as_ref(), part.yaml.as_ref()];
                proptest::prop_assert!(ranges.into_iter().flatten().all(inside), "{part:?} in {text:?}");
                proptest::prop_assert!(part.whole.start <= part.body.start && part.body.end <= part.whole.end, "{part:?}");
            }
        }
    }

    #[test]
    fn the_deck_block_comes_first() {
        let text = "\n+++\n[deck]\ntitle = \"T\"\n+++\n# One\n";
        let (keys, from) = deck_block(text).unwrap().unwrap();
        assert_eq!(&text[keys], "[deck]\ntitle = \"T\"\n");
        assert_eq!(&text[from..], "# One\n");
        assert_eq!(deck_block("# One\n+++\n"), Ok(None));
        assert_eq!(deck_block("+++\n[deck]\n"), Err(0..3));
        let marked = "\u{feff}+++\n[deck]\n+++\n# One\n";
        assert_eq!(deck_block(marked).unwrap().map(|(keys, _)| &marked[keys]), Some("[deck]\n"));
    }
}
