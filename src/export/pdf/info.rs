//! The document information dictionary: title, author, subject,
//! keywords, the program, and dates from the deck, never the clock.

use pdf_writer::{Date, Ref, TextStr};

use super::file::Objects;
use crate::model::{Meta, plain_text};

/// Write `meta` as the information dictionary `id`. Empty fields are left
/// out rather than written empty.
pub fn write(objects: &mut Objects, id: Ref, meta: &Meta) {
    let title = plain_text(&meta.title);
    let subject = meta.subject.clone().or_else(|| meta.subtitle.as_deref().map(plain_text));
    let keywords = meta.keywords.join(",");
    let program = format!("deck {}", env!("CARGO_PKG_VERSION"));
    let mut info = objects.small(id).indirect(id).start::<pdf_writer::writers::DocumentInfo>();
    info.title(TextStr(&title));
    if let Some(author) = meta.author.as_deref().filter(|a| !a.is_empty()) {
        info.author(TextStr(author));
    }
    if let Some(subject) = subject.as_deref().filter(|s| !s.is_empty()) {
        info.subject(TextStr(subject));
    }
    if !keywords.is_empty() {
        info.keywords(TextStr(&keywords));
    }
    info.creator(TextStr(&program)).producer(TextStr(&program));
    if let Some(date) = date(meta) {
        info.creation_date(date).modified_date(date);
    }
}

/// The deck's calendar date, or else `SOURCE_DATE_EPOCH`: the date the
/// author wrote comes first, and deck never reads the clock.
fn date(meta: &Meta) -> Option<Date> {
    if let Some((y, m, d)) = meta.calendar_date {
        return Some(
            Date::new(u16::try_from(y).ok()?)
                .month(m as u8)
                .day(d as u8)
                .hour(0)
                .minute(0)
                .second(0)
                .utc_offset_hour(0),
        );
    }
    let secs: i64 = std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()?;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    let date = Date::new(u16::try_from(y).ok()?).month(m as u8).day(d as u8);
    Some(date.hour((rem / 3600) as u8).minute((rem % 3600 / 60) as u8).second((rem % 60) as u8).utc_offset_hour(0))
}

/// Days since 1970-01-01 to a Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_epoch_days_to_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(13_864), (2007, 12, 17));
    }
}
