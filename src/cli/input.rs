//! The deck a command reads: a file, or for `-` the text of standard input,
//! told apart as a Markdown deck or a TOML manifest by its first line.

use std::io::Read;
use std::path::{Path, PathBuf};

use deck::Options;
use deck::diag::{Diagnostic, Sources};

use super::report;

/// `-`: standard input (or, for `-o`, standard output).
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The deck to read: `file` itself, or for `-` the text of standard input,
/// named `<stdin>.md` when it is a Markdown deck (see [`is_markdown`]) and
/// `<stdin>.toml` otherwise, in
/// the current folder. `None` after saying why standard input cannot be read.
pub fn read(file: &Path, mut options: Options) -> Option<(PathBuf, Options)> {
    if !is_stdin(file) {
        return Some((file.to_path_buf(), options));
    }
    let fail = |d: Diagnostic| {
        report::diagnostics(&[d], &Sources::default());
        None
    };
    let limit = deck::read::MAX_MANIFEST_BYTES;
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().lock().take(limit + 1).read_to_end(&mut bytes) {
        return fail(Diagnostic::error(format!("cannot read the deck from standard input: {e}")));
    }
    if bytes.len() as u64 > limit {
        return fail(Diagnostic::error(format!(
            "standard input holds more than {} MB; deck reads decks up to {} MB",
            limit >> 20,
            limit >> 20
        )));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = deck::diag::not_utf8_at(e.as_bytes(), e.utf8_error().valid_up_to());
            return fail(
                Diagnostic::error(format!("standard input is not UTF-8 text ({at})"))
                    .with_hint("save the deck as UTF-8"),
            );
        }
    };
    let name = if is_markdown(&text) { "<stdin>.md" } else { "<stdin>.toml" };
    options.text = Some(text);
    Some((PathBuf::from(name), options))
}

/// Whether a deck's text is a Markdown deck: its first line that is not
/// blank opens a `+++` block (or Marp's `---` front matter), which no TOML
/// manifest can start with; or it has a `# ` heading and no TOML table
/// header (`[deck]`, `[[slide]]`…), which every manifest has. A `#` line
/// alone proves nothing: TOML comments start so.
fn is_markdown(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().find(|l| !l.trim().is_empty());
    if first.is_some_and(|l| matches!(l.trim_end(), "+++" | "---")) {
        return true;
    }
    let table_header = |line: &str| {
        let name = line.trim().strip_prefix('[').and_then(|l| l.strip_suffix(']'));
        let name = name.map(|n| n.strip_prefix('[').and_then(|n| n.strip_suffix(']')).unwrap_or(n));
        name.is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || "_-. ".contains(c)))
    };
    !text.lines().any(table_header) && text.lines().any(|l| l.starts_with("# "))
}

#[cfg(test)]
mod tests {
    use super::is_markdown;

    #[test]
    fn markdown_decks_open_with_a_block_and_manifests_do_not() {
        assert!(is_markdown("+++\n[deck]\ntitle = \"T\"\n+++\n# One\n"));
        assert!(is_markdown("\u{feff}\n  \n+++  \r\n[deck]\n"));
        assert!(is_markdown("---\nmarp: true\n---\n"));
        assert!(!is_markdown("# A comment\n[deck]\ntitle = \"T\"\n"));
        assert!(is_markdown("# Talk\n\n- a point\n\n---\n\n# Two\n"));
        assert!(!is_markdown("# A comment\n[[slide]]\ntitle = \"T\"\n"));
        assert!(!is_markdown("[deck]\ntitle = \"+++\"\n"));
        assert!(!is_markdown(""));
    }
}
