//! Dates and language tags as people write them in `[deck]`.

/// A date as people write it on title slides: "2007-12-17",
/// "17 December 2007", "December 17, 2007" (month names in English, full or
/// three letters).
pub fn parse_date(text: &str) -> Option<(i32, u32, u32)> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let month_of = |word: &str| {
        let word = word.trim_end_matches('.').to_ascii_lowercase();
        let known = |m: &&str| {
            *m == word || (word.len() == 3 && m.starts_with(word.as_str())) || (word == "sept" && *m == "september")
        };
        MONTHS.iter().position(known).map(|i| i as u32 + 1)
    };
    let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let (y, m, d) = match words.as_slice() {
        [iso] => {
            let mut parts = iso.split('-');
            (parts.next()?.parse().ok()?, parts.next()?.parse().ok()?, parts.next()?.parse().ok()?)
        }
        [d, m, y] if d.chars().all(|c| c.is_ascii_digit()) => (y.parse().ok()?, month_of(m)?, d.parse().ok()?),
        [m, d, y] => (y.parse().ok()?, month_of(m)?, d.parse().ok()?),
        _ => return None,
    };
    ((1..=12).contains(&m) && (1..=31).contains(&d) && (1000..=9999).contains(&y)).then_some((y, m, d))
}

/// Whether `tag` has the shape of a BCP 47 language tag.
pub fn is_language_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 35
        && tag
            .split('-')
            .all(|part| !part.is_empty() && part.len() <= 8 && part.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn reads_dates_as_written_on_title_slides() {
        assert_eq!(parse_date("17 December 2007"), Some((2007, 12, 17)));
        assert_eq!(parse_date("Dec. 17, 2007"), Some((2007, 12, 17)));
        assert_eq!(parse_date("2007-12-17"), Some((2007, 12, 17)));
        assert_eq!(parse_date("Winter 2007"), None);
        assert_eq!(parse_date("17 Decimber 2007"), None);
    }
}
