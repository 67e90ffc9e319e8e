//! The PDF file: lopdf's object tree written as PDF 1.5+ bytes, the small
//! objects packed into compressed object streams, with a cross-reference
//! stream.
//!
//! lopdf's own writer formats every number, name and hex byte through
//! `fmt` and serialises each packed object twice; at 210 slides that was
//! a third of the whole build. This writes each object once, and
//! compresses the object streams on two threads when there are several.

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

use super::content::{push_hex, push_int as int};
use super::deflate::zlib;

/// Objects per object stream: enough that a stream compresses well, few
/// enough that a long deck has several to share between threads.
const PER_STREAM: usize = 200;

/// Objects outside the object tree, each already written as PDF bytes
/// (generation 0): a long deck's structure tree is thousands of small
/// dictionaries, cheaper written directly than built as lopdf's maps.
pub type Written = Vec<(u32, Vec<u8>)>;

/// An object to pack into an object stream.
enum Packed<'a> {
    Object(&'a Object),
    Written(&'a [u8]),
}

/// The file's bytes: `doc`'s objects and the `written` ones.
pub fn write(doc: &Document, written: &Written) -> Vec<u8> {
    // Free-standing: streams (which cannot be packed) and anything not of
    // generation 0; packed: every other object, in id order.
    let (direct, packed): (Vec<_>, Vec<_>) =
        doc.objects.iter().partition(|(id, object)| id.1 != 0 || matches!(object, Object::Stream(_)));
    let mut packed: Vec<(u32, Packed)> = packed.into_iter().map(|(id, o)| (id.0, Packed::Object(o))).collect();
    packed.extend(written.iter().map(|(id, bytes)| (*id, Packed::Written(bytes))));
    let groups: Vec<&[(u32, Packed)]> = packed.chunks(PER_STREAM).collect();
    let highest_written = written.iter().map(|(id, _)| *id).max().unwrap_or(0);
    let first_free = doc.max_id.max(doc.objects.keys().map(|id| id.0).max().unwrap_or(0)).max(highest_written) + 1;
    let stream_ids: Vec<u32> = (first_free..).take(groups.len()).collect();
    let packs = pack_all(&groups);

    let mut out = Vec::with_capacity(packs.iter().map(|p| p.data.len()).sum::<usize>() + 1024);
    out.extend_from_slice(format!("%PDF-{}\n", doc.version).as_bytes());
    // Bytes over 127 mark the file as binary for transfer programs.
    out.extend_from_slice(b"%\xE2\xE3\xCF\xD3\n");
    // Where each object is: (id, kind, field 2, field 3) as in the xref stream.
    let mut entries: Vec<(u32, u8, u64, u32)> = Vec::with_capacity(packed.len() + direct.len() + groups.len() + 2);
    for (id, object) in direct {
        entries.push((id.0, 1, out.len() as u64, u32::from(id.1)));
        indirect(&mut out, *id, object);
    }
    for ((group, pack), stream_id) in groups.iter().zip(&packs).zip(&stream_ids) {
        for (index, (id, _)) in group.iter().enumerate() {
            entries.push((*id, 2, u64::from(*stream_id), index as u32));
        }
        entries.push((*stream_id, 1, out.len() as u64, 0));
        out.extend_from_slice(format!("{stream_id} 0 obj\n").as_bytes());
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"ObjStm".to_vec()));
        dict.set("N", Object::Integer(group.len() as i64));
        dict.set("First", Object::Integer(pack.first as i64));
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        stream(&mut out, &dict, &pack.data);
        out.extend_from_slice(b"\nendobj\n");
    }

    // The cross-reference stream describes every object, itself included.
    let xref_id = first_free + groups.len() as u32;
    let size = xref_id + 1;
    let xref_at = out.len() as u64;
    entries.push((xref_id, 1, xref_at, 0));
    entries.sort_unstable_by_key(|e| e.0);
    let mut rows = vec![0u8; size as usize * 7];
    // Object 0 and any unused number are free: type 0, generation 65535 for 0.
    rows[5] = 0xff;
    rows[6] = 0xff;
    for (id, kind, a, b) in entries {
        let row = &mut rows[id as usize * 7..][..7];
        row[0] = kind;
        row[1..5].copy_from_slice(&(a as u32).to_be_bytes());
        row[5..7].copy_from_slice(&(b as u16).to_be_bytes());
    }
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XRef".to_vec()));
    dict.set("Size", Object::Integer(i64::from(size)));
    dict.set("W", Object::Array(vec![Object::Integer(1), Object::Integer(4), Object::Integer(2)]));
    dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    for (key, value) in doc.trailer.iter() {
        if !matches!(key.as_slice(), b"Size" | b"Prev" | b"XRefStm" | b"Type" | b"W" | b"Index" | b"Filter" | b"ID") {
            dict.set(key.clone(), value.clone());
        }
    }
    // The /ID must not change between builds of the same input: derive it
    // from every byte before the cross-reference stream, which describes
    // those bytes and nothing else.
    let id = digest(&out).to_be_bytes();
    let id: Vec<u8> = id.iter().chain(&digest(&id).to_be_bytes()).copied().collect();
    let id = Object::String(id, StringFormat::Hexadecimal);
    dict.set("ID", Object::Array(vec![id.clone(), id]));
    out.extend_from_slice(format!("{xref_id} 0 obj\n").as_bytes());
    stream(&mut out, &dict, &zlib(&rows));
    out.extend_from_slice(format!("\nendobj\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
    out
}

/// FNV-1a's starting value: reproducible fingerprints (the /ID, subset tags).
pub(super) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// One FNV-1a step, taking a whole `word` at a time.
pub(super) fn fnv1a(hash: u64, word: u64) -> u64 {
    (hash ^ word).wrapping_mul(0x0100_0000_01b3)
}

/// FNV-1a over 8-byte words (the tail zero-padded): a file's fingerprint
/// for its /ID, eight bytes a step so that a long deck's megabytes cost
/// little.
fn digest(bytes: &[u8]) -> u64 {
    let mut chunks = bytes.chunks_exact(8);
    let word = |c: &[u8]| {
        let mut w = [0u8; 8];
        w[..c.len()].copy_from_slice(c);
        u64::from_le_bytes(w)
    };
    let h = chunks.by_ref().fold(FNV_OFFSET, |h, c| fnv1a(h, word(c)));
    fnv1a(h, word(chunks.remainder()) ^ bytes.len() as u64)
}

/// One object stream's content, compressed, and where its first object starts.
struct Pack {
    data: Vec<u8>,
    first: usize,
}

fn pack_all(groups: &[&[(u32, Packed)]]) -> Vec<Pack> {
    if groups.len() < crate::tuning::PARALLEL_PACK_MIN_STREAMS {
        return groups.iter().map(|g| pack(g)).collect();
    }
    let (one, two) = groups.split_at(groups.len() / 2);
    std::thread::scope(|scope| {
        let first = scope.spawn(|| one.iter().map(|g| pack(g)).collect::<Vec<_>>());
        let second: Vec<Pack> = two.iter().map(|g| pack(g)).collect();
        // A panic in the other thread is a bug; pass it on.
        let mut all = first.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        all.extend(second);
        all
    })
}

fn pack(group: &[(u32, Packed)]) -> Pack {
    let mut body = Vec::new();
    let mut header = Vec::new();
    for (id, object) in group {
        int(&mut header, i64::from(*id));
        header.push(b' ');
        int(&mut header, body.len() as i64);
        header.push(b' ');
        match object {
            Packed::Object(object) => value(&mut body, object),
            Packed::Written(bytes) => body.extend_from_slice(bytes),
        }
        body.push(b'\n');
    }
    let first = header.len();
    header.extend_from_slice(&body);
    Pack { data: zlib(&header), first }
}

fn indirect(out: &mut Vec<u8>, id: ObjectId, object: &Object) {
    int(out, i64::from(id.0));
    out.push(b' ');
    int(out, i64::from(id.1));
    out.extend_from_slice(b" obj\n");
    match object {
        Object::Stream(s) => stream(out, &s.dict, &s.content),
        other => value(out, other),
    }
    out.extend_from_slice(b"\nendobj\n");
}

fn stream(out: &mut Vec<u8>, dict: &Dictionary, content: &[u8]) {
    out.extend_from_slice(b"<<");
    for (key, v) in dict.iter().filter(|(k, _)| k.as_slice() != b"Length") {
        name(out, key);
        separate(out, v);
        value(out, v);
    }
    out.extend_from_slice(b"/Length ");
    int(out, content.len() as i64);
    out.extend_from_slice(b">>stream\n");
    out.extend_from_slice(content);
    out.extend_from_slice(b"\nendstream");
}

/// A space between a name and a value that would otherwise run into it.
fn separate(out: &mut Vec<u8>, v: &Object) {
    if matches!(v, Object::Null | Object::Boolean(_) | Object::Integer(_) | Object::Real(_) | Object::Reference(_)) {
        out.push(b' ');
    }
}

fn value(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => int(out, *i),
        Object::Real(r) => real(out, *r),
        Object::Name(n) => name(out, n),
        Object::String(s, StringFormat::Literal) => literal(out, s),
        Object::String(s, StringFormat::Hexadecimal) => hex(out, s),
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0
                    && !matches!(item, Object::Name(_) | Object::String(..) | Object::Array(_) | Object::Dictionary(_))
                {
                    out.push(b' ');
                }
                value(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => {
            out.extend_from_slice(b"<<");
            for (key, v) in dict.iter() {
                name(out, key);
                separate(out, v);
                value(out, v);
            }
            out.extend_from_slice(b">>");
        }
        // A stream inside another object is not valid PDF; lopdf writes
        // its dictionary, and so does this.
        Object::Stream(s) => value(out, &Object::Dictionary(s.dict.clone())),
        Object::Reference(id) => {
            int(out, i64::from(id.0));
            out.push(b' ');
            int(out, i64::from(id.1));
            out.extend_from_slice(b" R");
        }
    }
}

/// A real as lopdf writes it: the shortest decimal that reads back as the
/// same f32 (Rust's `Display` never uses an exponent).
fn real(out: &mut Vec<u8>, r: f32) {
    if r.fract() == 0.0 && r.abs() < 1e15 {
        int(out, r as i64);
    } else if r.is_finite() {
        use std::io::Write;
        let _ = write!(out, "{r}");
    } else {
        out.push(b'0');
    }
}

fn name(out: &mut Vec<u8>, n: &[u8]) {
    out.push(b'/');
    for &byte in n {
        if b" \t\n\r\x0C()<>[]{}/%#".contains(&byte) || !(33..=126).contains(&byte) {
            out.push(b'#');
            push_hex(out, &[byte]);
        } else {
            out.push(byte);
        }
    }
}

fn literal(out: &mut Vec<u8>, s: &[u8]) {
    out.push(b'(');
    for &byte in s {
        match byte {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', byte]),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(byte),
        }
    }
    out.push(b')');
}

fn hex(out: &mut Vec<u8>, s: &[u8]) {
    out.push(b'<');
    push_hex(out, s);
    out.push(b'>');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(object: &Object) -> String {
        let mut out = Vec::new();
        value(&mut out, object);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn values_are_written_as_pdf_syntax() {
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"Page".to_vec()));
        dict.set("N", Object::Integer(-3));
        dict.set("W", Object::Array(vec![Object::Real(0.5), Object::Real(612.0), Object::Reference((4, 0))]));
        dict.set("T", Object::String(b"a(b\\".to_vec(), StringFormat::Literal));
        dict.set("A B", Object::String(vec![0xfe, 0xff], StringFormat::Hexadecimal));
        assert_eq!(text(&Object::Dictionary(dict)), "<</Type/Page/N -3/W[0.5 612 4 0 R]/T(a\\(b\\\\)/A#20B<FEFF>>>");
    }

    #[test]
    fn lopdf_reads_back_every_object() {
        let mut doc = Document::with_version("1.7");
        let pages = doc.new_object_id();
        let mut ids = Vec::new();
        for i in 0..450 {
            let mut page = Dictionary::new();
            page.set("Type", Object::Name(b"Page".to_vec()));
            page.set("Parent", Object::Reference(pages));
            page.set("Rotate", Object::Real(i as f32 / 8.0));
            ids.push(doc.add_object(page));
        }
        ids.push(doc.add_object(lopdf::Stream::new(Dictionary::new(), b"BT ET".to_vec())));
        let mut tree = Dictionary::new();
        tree.set("Type", Object::Name(b"Pages".to_vec()));
        tree.set("Count", Object::Integer(0));
        doc.objects.insert(pages, Object::Dictionary(tree));
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", Object::Reference(pages));
        let root = doc.add_object(catalog);
        doc.trailer.set("Root", Object::Reference(root));

        let bytes = write(&doc, &Vec::new());
        let back = Document::load_mem(&bytes).unwrap();
        for id in ids {
            match (doc.get_object(id).unwrap(), back.get_object(id).unwrap()) {
                (Object::Stream(a), Object::Stream(b)) => assert_eq!(a.content, b.content),
                (a, b) => assert_eq!(format!("{a:?}"), format!("{b:?}")),
            }
        }
        assert_eq!(back.trailer.get(b"Root").unwrap().as_reference().unwrap(), root);
    }
}
