//! Pandoc's and Quarto's fenced divs (`::: columns`, `::: column`,
//! `:::`), which comrak does not read. Their fence lines are found here,
//! outside code, and replaced by empty HTML comments: comrak then ends
//! any paragraph or list there, and the conversion knows each one by its
//! line.

/// What a fence line does.
#[derive(Debug, Clone, PartialEq)]
pub enum Fence {
    /// `::: columns` or `:::: {.columns}`.
    Columns,
    /// `::: column`, `::: {.column width="40%"}`: its share of the width.
    Column(Option<f32>),
    /// Any other div (`::: notes`, `::: {.callout-note}`): its name.
    Other(String),
    /// `:::` alone.
    Close,
}

/// The fence lines of `text` (1-based line, what it does), and the text
/// with those lines replaced; `None` when it has none.
pub fn mark(text: &str) -> Option<(String, Vec<(usize, Fence)>)> {
    if !text.contains(":::") {
        return None;
    }
    let mut fences = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut code: Option<(char, usize)> = None;
    for (n, piece) in text.split_inclusive('\n').enumerate() {
        let line = piece.trim_end_matches(['\n', '\r']);
        match code {
            Some((mark, length)) => {
                if closes(line, mark, length) {
                    code = None;
                }
            }
            None => {
                code = opens(line);
                if let Some(fence) = fence(line).filter(|_| code.is_none()) {
                    fences.push((n + 1, fence));
                    out.push_str("<!-- -->");
                    out.push_str(&piece[line.len()..]);
                    continue;
                }
            }
        }
        out.push_str(piece);
    }
    (!fences.is_empty()).then_some((out, fences))
}

/// A fence line at the left margin: three or more colons, then a class
/// name or `{.class key="value"}` attributes, or nothing.
fn fence(line: &str) -> Option<Fence> {
    let colons = line.chars().take_while(|c| *c == ':').count();
    if colons < 3 {
        return None;
    }
    let rest = line[colons..].trim().trim_end_matches(':').trim();
    if rest.is_empty() {
        return Some(Fence::Close);
    }
    let (name, attributes) = match rest.strip_prefix('{') {
        Some(inner) => {
            let inner = inner.trim_end_matches('}');
            let name = inner.split_whitespace().find_map(|w| w.strip_prefix('.')).unwrap_or("");
            (name, inner)
        }
        None => (rest.split_whitespace().next().unwrap_or(""), ""),
    };
    Some(match name {
        "columns" => Fence::Columns,
        "column" => Fence::Column(width(attributes)),
        other => Fence::Other(other.to_string()),
    })
}

/// `width="40%"` as 0.4.
fn width(attributes: &str) -> Option<f32> {
    let value = attributes.split("width=").nth(1)?.trim_start_matches(['"', '\'']);
    let number: String = value.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    let percent: f32 = number.parse().ok()?;
    (percent > 0.0 && percent <= 100.0 && value[number.len()..].starts_with('%')).then_some(percent / 100.0)
}

fn opens(line: &str) -> Option<(char, usize)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let mark = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let length = rest.chars().take_while(|c| *c == mark).count();
    (indent <= 3 && length >= 3 && !(mark == '`' && rest[length..].contains('`'))).then_some((mark, length))
}

fn closes(line: &str, mark: char, length: usize) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let run = rest.chars().take_while(|c| *c == mark).count();
    indent <= 3 && run >= length && rest[run..].trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fence_lines_outside_code() {
        let text = ":::: {.columns}\n::: {.column width=\"40%\"}\nLeft\n:::\n```\n:::\n```\n::: column\n::: notes\n:::\n::::\n";
        let (marked, fences) = mark(text).unwrap();
        assert_eq!(
            fences,
            [
                (1, Fence::Columns),
                (2, Fence::Column(Some(0.4))),
                (4, Fence::Close),
                (8, Fence::Column(None)),
                (9, Fence::Other("notes".into())),
                (10, Fence::Close),
                (11, Fence::Close),
            ]
        );
        assert_eq!(marked.lines().count(), text.lines().count());
        assert!(marked.contains("```\n:::\n```"), "{marked}");
        assert_eq!(mark("a: b\n"), None);
        assert_eq!(fence("  ::: columns"), None);
    }
}
