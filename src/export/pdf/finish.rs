//! The final pass over printpdf's document with lopdf.

use lopdf::{Dictionary, Document, Object, StringFormat};

use crate::diag::Diagnostic;
use crate::model::Meta;

/// Fix up the catalog, info and trailer; compress and serialise.
pub fn finish(mut doc: Document, meta: &Meta, has_outline: bool) -> Result<Vec<u8>, Diagnostic> {
    doc.version = "1.7".to_string();
    let catalog = doc.catalog_mut().map_err(fail)?;
    catalog.set("Lang", Object::String(meta.lang.as_bytes().to_vec(), StringFormat::Literal));
    let mode = if has_outline { "UseOutlines" } else { "UseNone" };
    catalog.set("PageMode", Object::Name(mode.as_bytes().to_vec()));
    let mut prefs = Dictionary::new();
    prefs.set("DisplayDocTitle", Object::Boolean(true));
    catalog.set("ViewerPreferences", Object::Dictionary(prefs));

    if let Ok(info_id) = doc.trailer.get(b"Info").and_then(Object::as_reference) {
        if let Ok(info) = doc.get_object_mut(info_id).and_then(Object::as_dict_mut) {
            // printpdf writes an empty PDF/X version (a false claim), epoch
            // dates and empty strings; keep only what is true and known.
            for key in ["GTS_PDFXVersion", "Trapped", "Identifier", "CreationDate", "ModDate"] {
                info.remove(key.as_bytes());
            }
            for key in ["Subject", "Keywords", "Author"] {
                let empty = matches!(info.get(key.as_bytes()), Ok(Object::String(s, _)) if s.len() <= 2);
                if empty {
                    info.remove(key.as_bytes());
                }
            }
            if let Some(date) = source_date() {
                info.set("CreationDate", Object::String(date.clone().into_bytes(), StringFormat::Literal));
                info.set("ModDate", Object::String(date.into_bytes(), StringFormat::Literal));
            }
        }
    }
    doc.compress();
    let mut bytes = Vec::new();
    // The /ID must not change between builds of the same input: derive it
    // from the content (written with a placeholder first).
    doc.trailer.set("ID", id_array(b"deck"));
    doc.save_to(&mut bytes).map_err(|e| Diagnostic::error(format!("cannot write the PDF: {e}")))?;
    let id = fnv(&bytes);
    doc.trailer.set("ID", id_array(format!("{id:016x}{:016x}", id.rotate_left(17)).as_bytes()));
    bytes.clear();
    doc.save_to(&mut bytes).map_err(|e| Diagnostic::error(format!("cannot write the PDF: {e}")))?;
    Ok(bytes)
}

fn id_array(id: &[u8]) -> Object {
    let s = Object::String(id.to_vec(), StringFormat::Hexadecimal);
    Object::Array(vec![s.clone(), s])
}

fn fail(e: lopdf::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot write the PDF: {e}"))
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ *b as u64).wrapping_mul(0x0100_0000_01b3))
}

/// `SOURCE_DATE_EPOCH` as a PDF date; deck never reads the clock.
fn source_date() -> Option<String> {
    let secs: i64 = std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()?;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    Some(format!("D:{y:04}{m:02}{d:02}{:02}{:02}{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60))
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
    use super::civil_from_days;

    #[test]
    fn converts_epoch_days_to_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(13_864), (2007, 12, 17));
    }
}
