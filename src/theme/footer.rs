//! Footer templates: text with `{placeholders}` filled in per page, and
//! `{{`/`}}` for literal braces. Checked when the theme is resolved, so
//! expanding one never fails.

/// Every placeholder a footer template may use.
pub const PLACEHOLDERS: [&str; 7] = ["title", "section", "n", "total", "date", "author", "footer"];

/// The values one page's footer is made of.
#[derive(Debug, Clone, Default)]
pub struct FooterFields<'a> {
    /// The deck's title.
    pub title: &'a str,
    /// The title of the section the page is in (empty before the first).
    pub section: &'a str,
    /// The page number.
    pub n: usize,
    /// The number of pages.
    pub total: usize,
    /// The deck's date, as written.
    pub date: &'a str,
    /// The deck's author.
    pub author: &'a str,
    /// The deck's `footer` text.
    pub footer: &'a str,
}

/// One piece of a template.
#[derive(Debug, PartialEq)]
enum Piece<'t> {
    Text(&'t str),
    Field(&'t str),
}

/// Split a template into text and placeholders; an error names what is
/// wrong (an unknown placeholder, an unclosed brace).
fn pieces(template: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut out = Vec::new();
    let mut rest = template;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("{{") {
            out.push(Piece::Text("{"));
            rest = after;
        } else if let Some(after) = rest.strip_prefix("}}") {
            out.push(Piece::Text("}"));
            rest = after;
        } else if let Some(after) = rest.strip_prefix('{') {
            let end = after.find('}').ok_or_else(|| "a `{` is not closed; write `{{` for a brace".to_string())?;
            let name = &after[..end];
            if !PLACEHOLDERS.contains(&name) {
                return Err(format!("unknown placeholder `{{{name}}}`"));
            }
            out.push(Piece::Field(name));
            rest = &after[end + 1..];
        } else if rest.starts_with('}') {
            return Err("a `}` has no `{`; write `}}` for a brace".to_string());
        } else {
            let end = rest.find(['{', '}']).unwrap_or(rest.len());
            out.push(Piece::Text(&rest[..end]));
            rest = &rest[end..];
        }
    }
    Ok(out)
}

/// Check a template: `Err((message, name))` with the unknown placeholder's
/// name when there is one, for a suggestion.
pub(super) fn check(template: &str) -> Result<(), (String, Option<String>)> {
    pieces(template).map(|_| ()).map_err(|message| {
        let name =
            message.strip_prefix("unknown placeholder `{").and_then(|r| r.strip_suffix("}`")).map(str::to_string);
        (message, name)
    })
}

/// The template with each placeholder replaced; a template that does not
/// check comes out as written.
pub fn expand(template: &str, fields: &FooterFields) -> String {
    let Ok(pieces) = pieces(template) else { return template.to_string() };
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Field("title") => out.push_str(fields.title),
            Piece::Field("section") => out.push_str(fields.section),
            Piece::Field("n") => out.push_str(&fields.n.to_string()),
            Piece::Field("total") => out.push_str(&fields.total.to_string()),
            Piece::Field("date") => out.push_str(fields.date),
            Piece::Field("author") => out.push_str(fields.author),
            Piece::Field(_) => out.push_str(fields.footer),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_placeholders_and_keeps_escaped_braces() {
        let fields = FooterFields { title: "GFMD", section: "Themes", n: 3, total: 9, ..Default::default() };
        assert_eq!(expand("{title} · {section}", &fields), "GFMD · Themes");
        assert_eq!(expand("{n}/{total} {{n}}", &fields), "3/9 {n}");
    }

    #[test]
    fn refuses_unknown_and_unclosed_placeholders() {
        assert_eq!(check("{page}"), Err(("unknown placeholder `{page}`".to_string(), Some("page".to_string()))));
        assert_eq!(check("{n").unwrap_err().0, "a `{` is not closed; write `{{` for a brace");
        assert_eq!(check("n}").unwrap_err().0, "a `}` has no `{`; write `}}` for a brace");
        assert!(check("{n} of {total}").is_ok());
    }
}
