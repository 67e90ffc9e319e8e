//! The final pass over printpdf's document with lopdf.

use lopdf::{Dictionary, Document, Object, Stream, StringFormat};

use super::serialize::Written;
use crate::diag::Diagnostic;
use crate::model::Meta;

/// Fix up the catalog and info; compress and serialise with the objects
/// already `written`.
pub fn finish(mut doc: Document, written: &Written, meta: &Meta, has_outline: bool) -> Result<Vec<u8>, Diagnostic> {
    doc.version = "1.7".to_string();
    let catalog = doc.catalog_mut().map_err(fail)?;
    catalog.set("Lang", Object::String(meta.lang.as_bytes().to_vec(), StringFormat::Literal));
    let mode = if has_outline { "UseOutlines" } else { "UseNone" };
    catalog.set("PageMode", Object::Name(mode.as_bytes().to_vec()));
    let mut prefs = Dictionary::new();
    prefs.set("DisplayDocTitle", Object::Boolean(true));
    catalog.set("ViewerPreferences", Object::Dictionary(prefs));

    if let Ok(info_id) = doc.trailer.get(b"Info").and_then(Object::as_reference)
        && let Ok(info) = doc.get_object_mut(info_id).and_then(Object::as_dict_mut)
    {
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
        if let Some(date) =
            meta.calendar_date.map(|(y, m, d)| format!("D:{y:04}{m:02}{d:02}000000Z")).or_else(source_date)
        {
            info.set("CreationDate", Object::String(date.clone().into_bytes(), StringFormat::Literal));
            info.set("ModDate", Object::String(date.into_bytes(), StringFormat::Literal));
        }
    }
    compress(&mut doc);
    crate::timing::mark("pdf: streams compressed");
    // Object streams: the structure tree and outline are many small
    // dictionaries, which compress well together.
    let bytes = super::serialize::write(&doc, written);
    crate::timing::mark("pdf: file written");
    Ok(bytes)
}

/// Deflate every stream not yet compressed. A long deck's streams are
/// split between two threads (its HTML export is usually done by then, its
/// core idle); each stream's bytes do not depend on which thread
/// compressed it.
fn compress(doc: &mut Document) {
    let mut streams: Vec<&mut Stream> = doc
        .objects
        .values_mut()
        .filter_map(|object| match object {
            Object::Stream(stream) if stream.allows_compression && stream.dict.get(b"Filter").is_err() => Some(stream),
            _ => None,
        })
        .collect();
    // Halves of about equal size, by bytes rather than by count: the
    // font files are far larger than the page streams.
    let total: usize = streams.iter().map(|s| s.content.len()).sum();
    if total < crate::tuning::PARALLEL_DEFLATE_MIN_BYTES {
        deflate_all(&mut streams);
        return;
    }
    let mut split = 0;
    let mut first = 0;
    while split < streams.len() && first * 2 < total {
        first += streams[split].content.len();
        split += 1;
    }
    let (one, two) = streams.split_at_mut(split);
    std::thread::scope(|scope| {
        scope.spawn(|| deflate_all(one));
        deflate_all(two);
    });
}

fn deflate_all(streams: &mut [&mut Stream]) {
    for stream in streams {
        let compressed = super::deflate::zlib(&stream.content);
        if compressed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
}

pub(super) fn fail(e: lopdf::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot write the PDF: {e}"))
}

/// `SOURCE_DATE_EPOCH` as a PDF date, for a deck whose `date` is not a
/// calendar date: the date the author wrote comes first, and deck never
/// reads the clock.
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
    use super::*;

    #[test]
    fn converts_epoch_days_to_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(13_864), (2007, 12, 17));
    }

    /// A document of `n` streams, each `size` bytes of text that compress.
    fn streams(n: usize, size: usize) -> Document {
        let mut doc = Document::with_version("1.7");
        for i in 0..n {
            let text: Vec<u8> =
                format!("BT /F1 12 Tf {i} 0 Td (line {i}) Tj ET\n").bytes().cycle().take(size).collect();
            doc.add_object(Stream::new(Dictionary::new(), text));
        }
        doc
    }

    fn contents(doc: &Document) -> Vec<Vec<u8>> {
        doc.objects.values().filter_map(|o| o.as_stream().ok()).map(|s| s.content.clone()).collect()
    }

    #[test]
    fn streams_compress_the_same_on_two_threads_as_on_one() {
        // Over the threshold, so the two-thread path runs.
        let mut parallel = streams(40, 64 << 10);
        let original = contents(&parallel);
        assert!(original.iter().map(Vec::len).sum::<usize>() >= crate::tuning::PARALLEL_DEFLATE_MIN_BYTES);
        compress(&mut parallel);
        let mut sequential = streams(40, 64 << 10);
        {
            let mut all: Vec<&mut Stream> =
                sequential.objects.values_mut().filter_map(|o| o.as_stream_mut().ok()).collect();
            deflate_all(&mut all);
        }
        assert_eq!(contents(&parallel), contents(&sequential));
        for (stream, before) in parallel.objects.values().filter_map(|o| o.as_stream().ok()).zip(&original) {
            assert_eq!(stream.dict.get(b"Filter").and_then(Object::as_name).ok(), Some(&b"FlateDecode"[..]));
            assert_eq!(&stream.decompressed_content().unwrap_or_default(), before);
        }
    }
}
