//! TOML string tokens decoded with a map back to where each byte was
//! written, so that a place inside a string's value (a Markdown body) can
//! be shown at its own line and column of the TOML file.

/// The value of the TOML string token `raw` (quotes included: basic,
/// literal, and their multi-line forms) and, for each byte of the value
/// and one past its end, the offset in `raw` it was written at (an escape's
/// bytes all map to its backslash). `None` if `raw` is not a string token.
pub fn decode(raw: &str) -> Option<(String, Vec<usize>)> {
    let (quotes, basic) = [("\"\"\"", true), ("'''", false), ("\"", true), ("'", false)]
        .into_iter()
        .find(|(q, _)| raw.starts_with(q) && raw.len() >= 2 * q.len() && raw.ends_with(q))?;
    let mut start = quotes.len();
    let end = raw.len() - quotes.len();
    if quotes.len() == 3 {
        // A line break right after the opening quotes is not part of the value.
        if raw[start..end].starts_with("\r\n") {
            start += 2;
        } else if raw[start..end].starts_with('\n') {
            start += 1;
        }
    }
    let mut value = String::new();
    let mut map = Vec::new();
    let body = &raw[start..end];
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = start + i;
        if !(basic && c == '\\') {
            value.push(c);
            map.extend((0..c.len_utf8()).map(|k| at + k));
            continue;
        }
        let (_, escape) = chars.next()?;
        let decoded = match escape {
            'b' => '\u{8}',
            't' => '\t',
            'n' => '\n',
            'f' => '\u{c}',
            'r' => '\r',
            'e' => '\u{1b}',
            '"' => '"',
            '\\' => '\\',
            'u' | 'U' | 'x' => {
                let digits = match escape {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex: String = (0..digits).filter_map(|_| chars.next().map(|(_, h)| h)).collect();
                char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
            }
            ' ' | '\t' | '\r' | '\n' if quotes.len() == 3 => {
                // A line-ending backslash: the break and the blanks after it go.
                while chars.peek().is_some_and(|(_, w)| w.is_whitespace()) {
                    chars.next();
                }
                continue;
            }
            _ => return None,
        };
        value.push(decoded);
        map.extend(std::iter::repeat_n(at, decoded.len_utf8()));
    }
    map.push(end);
    Some((value, map))
}

#[cfg(test)]
mod tests {
    use super::decode;

    fn check(raw: &str, value: &str) -> Vec<usize> {
        let (decoded, map) = decode(raw).unwrap();
        assert_eq!(decoded, value, "{raw}");
        assert_eq!(map.len(), value.len() + 1);
        map
    }

    #[test]
    fn basic_strings_map_escapes_to_their_backslash() {
        let map = check(r#""a\tb\u00e9c""#, "a\tbéc");
        assert_eq!(map, [1, 2, 4, 5, 5, 11, 12]);
    }

    #[test]
    fn multi_line_strings_drop_the_first_break_and_line_ending_backslashes() {
        let raw = "\"\"\"\none \\\n    two\nthree\"\"\"";
        let map = check(raw, "one two\nthree");
        assert_eq!(&raw[map[4]..map[4] + 3], "two");
        assert_eq!(&raw[map[8]..map[8] + 5], "three");
        let map = check("'''\nraw \\n'''", "raw \\n");
        assert_eq!(map[0], 4);
    }

    #[test]
    fn literal_strings_and_non_strings() {
        assert_eq!(check("'x\\y'", "x\\y"), [1, 2, 3, 4]);
        assert!(decode("3").is_none());
        assert!(decode("\"bad \\q\"").is_none());
    }
}
