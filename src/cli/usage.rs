//! The contradictions `deck build`'s command line can hold, found before
//! anything is read; told as clap's usage errors (exit 2).

use std::fmt;
use std::path::PathBuf;

/// A `deck build` command line that cannot be carried out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsageError {
    /// `-` given twice.
    StdinTwice,
    /// `-o` with several decks.
    OutputOfSeveral,
    /// `--watch` with several decks.
    WatchSeveral,
    /// `--watch` on standard input.
    WatchStdin,
    /// `-o -` without exactly one `--format`.
    StdoutFormats,
    /// `-o -` with `--notes` or `--handout`.
    StdoutSheets,
    /// `-o -` with `--watch`.
    StdoutWatch,
    /// `-o -` with `--open`.
    StdoutOpen,
    /// `-o FILE` with `--format`.
    OutputAndFormat,
    /// `-o FILE` whose extension names no format.
    UnknownExtension(PathBuf),
    /// A deck from standard input with no `-o`.
    StdinUnnamed,
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = match self {
            UsageError::StdinTwice => "standard input (`-`) can be read only once",
            UsageError::OutputOfSeveral => {
                "-o names the output of one deck: build several decks with --out-dir, or one at a time"
            }
            UsageError::WatchSeveral => "--watch follows one deck: give one FILE",
            UsageError::WatchStdin => "--watch needs a deck file: standard input does not change",
            UsageError::StdoutFormats => "-o - writes one format to standard output: add --format pdf or --format html",
            UsageError::StdoutSheets => "-o - writes one file: --notes and --handout need -o FILE or --out-dir",
            UsageError::StdoutWatch => "--watch cannot write to standard output: give -o FILE",
            UsageError::StdoutOpen => "--open needs a file to open: write one with -o FILE",
            UsageError::OutputAndFormat => "-o FILE takes its format from the extension: leave out --format",
            UsageError::UnknownExtension(file) => {
                return write!(
                    f,
                    "cannot tell the format of `{}` from its extension: name it .pdf or .html, or write -o - --format FORMAT",
                    file.display()
                );
            }
            UsageError::StdinUnnamed => {
                "a deck read from standard input needs -o FILE or -o -: its outputs have no name"
            }
        };
        f.write_str(message)
    }
}
