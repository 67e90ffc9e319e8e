//! From a fence's language to a grammar: the names people write after
//! ```` ``` ```` (GitHub's and Pandoc's habits: `ts`, `yml`, `cs`, `kt`,
//! `console`, `{.rust}`, `rust,ignore`), then the collection's own file
//! extensions and names.

use syntect::parsing::{SyntaxReference, SyntaxSet};

/// What a fence's language names.
#[derive(Debug)]
pub enum Language {
    /// A grammar of the collection.
    Syntax(&'static SyntaxReference),
    /// A shell session: prompts, commands and their output.
    Session,
    /// Code to be shown plain, on purpose.
    Plain,
}

/// Names that ask for no highlighting (and no warning).
const PLAIN: &[&str] = &["text", "txt", "plain", "plaintext", "none", "nohighlight", "output"];

/// Names of a shell session (a transcript with `$ ` prompts).
const SESSION: &[&str] = &["console", "shell-session", "shellsession", "sh-session", "terminal"];

/// Names the collection does not know as an extension or a name, or knows
/// as another language's extension (`fs` is GLSL there, `h` Objective-C),
/// with the grammar they mean.
const ALIASES: &[(&str, &str)] = &[
    ("javascript", "JavaScript (Babel)"),
    ("node", "JavaScript (Babel)"),
    ("python3", "Python"),
    ("shell", "Bourne Again Shell (bash)"),
    ("shellscript", "Bourne Again Shell (bash)"),
    ("ksh", "Bourne Again Shell (bash)"),
    ("csharp", "C#"),
    ("fsharp", "F#"),
    ("fs", "F#"),
    ("h", "C"),
    ("hpp", "C++"),
    ("objc", "Objective-C"),
    ("objectivec", "Objective-C"),
    ("obj-c", "Objective-C"),
    ("objc++", "Objective-C++"),
    ("objective-c++", "Objective-C++"),
    ("golang", "Go"),
    ("powershell", "PowerShell"),
    ("pwsh", "PowerShell"),
    ("ps", "PowerShell"),
    ("posh", "PowerShell"),
    ("batch", "Batch File"),
    ("dos", "Batch File"),
    ("docker", "Dockerfile"),
    ("containerfile", "Dockerfile"),
    ("terraform", "Terraform"),
    ("jsonc", "JSON"),
    ("json5", "JSON"),
    ("mysql", "SQL"),
    ("postgres", "SQL"),
    ("postgresql", "SQL"),
    ("psql", "SQL"),
    ("plsql", "SQL"),
    ("sqlite", "SQL"),
    ("tsql", "SQL"),
    ("fortran", "Fortran (Modern)"),
    ("elisp", "Lisp"),
    ("emacs-lisp", "Lisp"),
    ("scheme", "Lisp"),
    ("common-lisp", "Lisp"),
    ("asm", "x86_64 Assembly"),
    ("assembly", "x86_64 Assembly"),
    ("x86asm", "x86_64 Assembly"),
    ("nasm", "x86_64 Assembly"),
    ("armasm", "ARM Assembly"),
    ("dotenv", "DotENV"),
    ("env", "DotENV"),
    ("apache", "Apache Conf"),
    ("apacheconf", "Apache Conf"),
    ("vim", "VimL"),
    ("vimscript", "VimL"),
    ("regex", "Regular Expression"),
    ("regexp", "Regular Expression"),
    ("graphviz", "Graphviz (DOT)"),
    ("gdscript", "GDScript (Godot Engine)"),
    ("protobuf", "Protocol Buffer"),
    ("restructuredtext", "reStructuredText"),
    ("makefile", "Makefile"),
    ("latex", "LaTeX"),
    ("verilog", "Verilog"),
];

/// The names a misspelling is compared with for a "did you mean": one or
/// two common names per language (docs/format.md lists them).
pub const KNOWN: &[&str] = &[
    "bash",
    "c",
    "clojure",
    "cmake",
    "console",
    "cpp",
    "csharp",
    "css",
    "dart",
    "diff",
    "dockerfile",
    "elixir",
    "erlang",
    "fsharp",
    "go",
    "graphql",
    "groovy",
    "haskell",
    "hcl",
    "html",
    "ini",
    "java",
    "javascript",
    "json",
    "julia",
    "jsx",
    "kotlin",
    "latex",
    "lua",
    "makefile",
    "markdown",
    "matlab",
    "nix",
    "objc",
    "ocaml",
    "perl",
    "php",
    "powershell",
    "protobuf",
    "python",
    "ruby",
    "rust",
    "scala",
    "scss",
    "shell",
    "sql",
    "swift",
    "terraform",
    "text",
    "toml",
    "tsx",
    "typescript",
    "xml",
    "yaml",
    "zig",
];

/// The language `lang` names, if any: plain and session names first, then
/// the aliases, then the collection's extensions and names (any case).
pub fn resolve(lang: &str, set: &'static SyntaxSet) -> Option<Language> {
    let lang = normalize(lang);
    if PLAIN.contains(&lang.as_str()) {
        return Some(Language::Plain);
    }
    if SESSION.contains(&lang.as_str()) {
        return Some(Language::Session);
    }
    let syntax = match ALIASES.iter().find(|(alias, _)| *alias == lang) {
        Some((_, name)) => set.find_syntax_by_name(name),
        None => set.find_syntax_by_token(&lang),
    };
    syntax.filter(|s| !s.hidden).map(Language::Syntax)
}

/// The grammar for `code` in `syntax`'s language. The PHP grammar starts
/// in HTML and reads PHP only after `<?php`; code on slides often leaves
/// that out (GitHub colours such a fence as PHP all the same), so code that
/// does not open with `<?` gets the grammar of PHP itself, which also
/// spares the HTML, CSS and JavaScript grammars' regexes (a PHP block's
/// first use: 53 -> 38 ms in a test program).
pub fn for_code(syntax: &'static SyntaxReference, code: &str, set: &'static SyntaxSet) -> &'static SyntaxReference {
    if syntax.name == "PHP" && !code.trim_start().starts_with("<?") {
        return set.find_syntax_by_name("PHP Source").unwrap_or(syntax);
    }
    syntax
}

/// The known name closest to a misspelled `lang`, if one is close.
pub fn suggest(lang: &str, set: &'static SyntaxSet) -> Option<&'static str> {
    let lang = normalize(lang);
    crate::diag::suggest(&lang, KNOWN.iter().copied()).filter(|name| resolve(name, set).is_some())
}

/// Lower case, without Pandoc's `{.lang}` braces and dot or rustdoc's
/// `,attributes`.
fn normalize(lang: &str) -> String {
    let lang = lang.trim_start_matches('{').trim_end_matches('}').trim_start_matches('.');
    lang.split(',').next().unwrap_or(lang).trim().to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(lang: &str) -> String {
        match resolve(lang, super::super::syntaxes()) {
            Some(Language::Syntax(s)) => s.name.clone(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn every_alias_and_known_name_resolves() {
        let set = super::super::syntaxes();
        for (alias, target) in ALIASES {
            assert!(set.find_syntax_by_name(target).is_some(), "{alias} -> {target}");
        }
        for known in KNOWN {
            assert!(resolve(known, set).is_some(), "{known}");
        }
    }

    #[test]
    fn the_usual_names_and_aliases() {
        let cases = [
            ("ts", "TypeScript"),
            ("typescript", "TypeScript"),
            ("tsx", "TypeScriptReact"),
            ("js", "JavaScript (Babel)"),
            ("jsx", "JavaScript (Babel)"),
            ("JavaScript", "JavaScript (Babel)"),
            ("sh", "Bourne Again Shell (bash)"),
            ("shell", "Bourne Again Shell (bash)"),
            ("yml", "YAML"),
            ("cs", "C#"),
            ("c#", "C#"),
            ("kt", "Kotlin"),
            ("toml", "TOML"),
            ("Dockerfile", "Dockerfile"),
            ("hcl", "Terraform"),
            ("tf", "Terraform"),
            ("nix", "Nix"),
            ("zig", "Zig"),
            ("diff", "Diff"),
            ("patch", "Diff"),
            ("swift", "Swift"),
            ("fs", "F#"),
            ("h", "C"),
            ("c++", "C++"),
            ("{.rust}", "Rust"),
            ("rust,ignore", "Rust"),
            ("golang", "Go"),
        ];
        for (lang, want) in cases {
            assert_eq!(name(lang), want, "{lang}");
        }
        assert_eq!(name("console"), "Some(Session)");
        assert_eq!(name("Text"), "Some(Plain)");
        assert_eq!(name("klingon"), "None");
    }

    #[test]
    fn every_name_the_docs_list_resolves() {
        let docs = include_str!("../../../docs/format.md");
        let table = docs.split("| languages | names |").nth(1).expect("the table of names in docs/format.md");
        let table = table.split("\n\n").next().unwrap_or("");
        let names: Vec<&str> = table
            .lines()
            .filter_map(|row| row.rsplit('|').nth(1))
            .flat_map(|cell| cell.split('`').skip(1).step_by(2))
            .collect();
        assert!(names.len() > 100, "{names:?}");
        for name in names {
            assert!(resolve(name, super::super::syntaxes()).is_some(), "{name}");
        }
    }

    #[test]
    fn suggestions_are_close_and_known() {
        let set = super::super::syntaxes();
        assert_eq!(suggest("pyhton", set), Some("python"));
        assert_eq!(suggest("typescirpt", set), Some("typescript"));
        assert_eq!(suggest("klingon", set), None);
    }
}
