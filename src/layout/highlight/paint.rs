//! Colouring a grammar's scopes with a theme. syntect's own highlighter
//! is made anew for each block (sorting the theme's rules, 6 % of a
//! code-heavy build's instructions) and matches every rule against the
//! scope stack at each scope pushed (14 %). Here each theme's highlighter
//! is made once, and the style of each scope stack is worked out once
//! for the process and looked up after: blocks go through few stacks.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use syntect::highlighting::{Highlighter, Style, Theme};
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};

/// A theme's styles, each scope stack's worked out on first sight.
pub struct Colours {
    highlighter: Highlighter<'static>,
    styles: Mutex<HashMap<Vec<Scope>, Style>>,
}

impl Colours {
    /// The colours of `theme`.
    pub fn new(theme: &'static Theme) -> Colours {
        Colours { highlighter: Highlighter::new(theme), styles: Mutex::default() }
    }

    /// The style of text inside the scopes of `stack`, outermost first.
    pub fn style(&self, stack: &[Scope]) -> Style {
        // Two threads may work out one stack at once; both get its style.
        let known = self.styles.lock().unwrap_or_else(PoisonError::into_inner).get(stack).copied();
        known.unwrap_or_else(|| {
            let style = self.highlighter.style_for_stack(stack);
            self.styles.lock().unwrap_or_else(PoisonError::into_inner).insert(stack.to_vec(), style);
            style
        })
    }

    /// The theme's style for text no scope colours.
    pub fn plain(&self) -> Style {
        self.highlighter.get_default()
    }
}

/// Highlights one block with one grammar, a line at a time.
pub struct Painter<'c> {
    colours: &'c Colours,
    state: ParseState,
    stack: ScopeStack,
}

impl<'c> Painter<'c> {
    /// A painter at the start of a block of `syntax`, in `colours`.
    pub fn new(syntax: &SyntaxReference, colours: &'c Colours) -> Painter<'c> {
        Painter { colours, state: ParseState::new(syntax), stack: ScopeStack::new() }
    }

    /// The next line of the block (its newline included) in styled pieces,
    /// or `None` when the grammar cannot go on (a regex of the collection
    /// that does not compile, a stack it unbalances).
    pub fn line<'a>(&mut self, line: &'a str, set: &SyntaxSet) -> Option<Vec<(Style, &'a str)>> {
        let ops = self.state.parse_line(line, set).ok()?;
        let mut pieces = Vec::with_capacity(ops.len() + 1);
        let mut done = 0;
        for (at, op) in ops {
            if at > done {
                pieces.push((self.colours.style(self.stack.as_slice()), &line[done..at]));
                done = at;
            }
            self.stack.apply(&op).ok()?;
        }
        if done < line.len() {
            pieces.push((self.colours.style(self.stack.as_slice()), &line[done..]));
        }
        Some(pieces)
    }
}

#[cfg(test)]
mod tests {
    use syntect::easy::HighlightLines;

    use super::*;

    /// The bench's kind of code in the languages decks use most, and what
    /// pushes and pops many scopes: nested strings, templates, embedded
    /// languages.
    const SAMPLES: &[(&str, &str)] = &[
        (
            "py",
            "@dataclass\nclass Point:\n    x: float = 0.0  # a comment\n    def f(self):\n        return f\"{self.x!r:>10}\" + r'\\d'\n",
        ),
        (
            "ts",
            "export async function load<T extends object>(url: string): Promise<T> {\n  const r = await fetch(`${base}/${url}`);\n  return (await r.json()) as T; // done\n}\n",
        ),
        ("tsx", "const App = () => <div className=\"a\">{items.map(i => <Item key={i.id} {...i} />)}</div>;\n"),
        ("php", "<?php\nnamespace App;\n$x = strlen(\"hi $name {$a['b']}\");\n?>\n<p><?= $x ?></p>\n"),
        (
            "html",
            "<!doctype html>\n<style>p { color: #333 }</style>\n<script>let a = 1 < 2;</script>\n<p class=\"x\">Hi &amp; bye</p>\n",
        ),
        (
            "rust",
            "#[derive(Debug)]\nfn main() -> Result<(), Box<dyn Error>> {\n    let s = r#\"raw\"#; // note\n    println!(\"{s:?}\");\n    Ok(())\n}\n",
        ),
        (
            "cs",
            "[Obsolete]\npublic sealed record Point(int X, int Y) { public override string ToString() => $\"{X},{Y}\"; }\n",
        ),
        (
            "cpp",
            "#include <vector>\ntemplate <typename T> auto f(const std::vector<T>& v) -> T { return v[0] /* x */; }\n",
        ),
        (
            "go",
            "package main\nfunc main() {\n\tch := make(chan int)\n\tgo func() { ch <- 1 }()\n\tfmt.Printf(\"%d\\n\", <-ch)\n}\n",
        ),
        ("sh", "for f in *.txt; do\n  echo \"${f%.txt}: $(wc -l < \"$f\")\" >> out.log  # count\ndone\n"),
        (
            "sql",
            "SELECT a.id, COUNT(*) AS n FROM orders a JOIN users u ON u.id = a.user_id WHERE u.name LIKE 'A%' GROUP BY 1;\n",
        ),
        ("yaml", "on:\n  push:\n    branches: [main]\njobs:\n  test: { runs-on: ubuntu-latest } # ci\n"),
        ("md", "# Title\n\nSome *emphasis* and `code`, a [link](http://x).\n\n```rust\nfn x() {}\n```\n"),
    ];

    #[test]
    fn paints_exactly_as_syntects_highlighter() {
        let set = two_face::syntax::extra_newlines();
        for dark in [false, true] {
            let theme = super::super::theme(dark);
            let colours = Colours::new(theme);
            for (lang, code) in SAMPLES {
                let syntax = set.find_syntax_by_token(lang).unwrap_or_else(|| panic!("{lang} is in the collection"));
                let mut painter = Painter::new(syntax, &colours);
                let mut reference = HighlightLines::new(syntax, theme);
                for line in syntect::util::LinesWithEndings::from(code) {
                    let ours = painter.line(line, &set).expect("parses");
                    let theirs = reference.highlight_line(line, &set).expect("parses");
                    // syntect cuts at every scope change, even one that
                    // leaves the style as it was; compare the colouring of
                    // each character.
                    let spread = |pieces: &[(Style, &str)]| -> Vec<(Style, char)> {
                        pieces.iter().flat_map(|(style, text)| text.chars().map(move |c| (*style, c))).collect()
                    };
                    assert_eq!(spread(&ours), spread(&theirs), "{lang}, dark {dark}: {line:?}");
                }
            }
        }
    }
}
