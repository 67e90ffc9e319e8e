//! The PDF file around pdf-writer's objects: streams written as they are,
//! every other object packed into compressed object streams, and a
//! cross-reference stream with a reproducible /ID.
//!
//! pdf-writer writes classic cross-reference tables only; a deck's
//! structure tree and outline are thousands of small dictionaries, and
//! packing them halves the file (the GFMD deck: 40 KB against 80 KB).

use pdf_writer::{Chunk, Filter, Name, Ref, Settings, Str};

use super::deflate::{Deflated, zlib};
use crate::fingerprint::digest;

/// Objects per object stream: enough that a stream compresses well, few
/// enough that a long deck has several to share between threads.
const PER_STREAM: usize = 200;

/// The objects of one file under construction.
pub struct Objects {
    next: i32,
    /// Streams, each written whole where it stands in the file; one
    /// chunk each, dropped as it is copied into the file, so that a deck
    /// of photos is not held twice over.
    streams: Vec<(Ref, Whole)>,
    /// Every other object, later cut apart and packed.
    packed: Chunk,
    /// Each packed object and where it starts in `packed`.
    starts: Vec<(Ref, usize)>,
}

/// An object written whole into the file.
enum Whole {
    /// Written by deck.
    Chunk(Chunk),
    /// Written by another writer (svg2pdf), `N 0 obj` to `endobj`.
    Raw(Vec<u8>),
}

impl Whole {
    fn as_bytes(&self) -> &[u8] {
        match self {
            Whole::Chunk(chunk) => chunk.as_bytes(),
            Whole::Raw(bytes) => bytes,
        }
    }
}

/// pdf-writer's compact output: no indentation or line per entry.
fn settings() -> Settings {
    Settings { pretty: false }
}

impl Objects {
    pub fn new() -> Objects {
        Objects { next: 1, streams: Vec::new(), packed: Chunk::with_settings(settings()), starts: Vec::new() }
    }

    /// A new object number.
    pub fn alloc(&mut self) -> Ref {
        let id = Ref::new(self.next);
        self.next += 1;
        id
    }

    /// The chunk to write object `id` into, when it is not a stream.
    pub fn small(&mut self, id: Ref) -> &mut Chunk {
        self.starts.push((id, self.packed.len()));
        &mut self.packed
    }

    /// The chunk to write stream `id` into (pdf-writer's typed streams:
    /// pictures, font files).
    pub fn direct(&mut self, id: Ref) -> &mut Chunk {
        self.streams.push((id, Whole::Chunk(Chunk::with_settings(settings()))));
        match self.streams.last_mut() {
            Some((_, Whole::Chunk(chunk))) => chunk,
            _ => unreachable!("a chunk was just pushed"),
        }
    }

    /// Object `id` as another writer wrote it, from `N 0 obj` to `endobj`.
    pub fn raw(&mut self, id: Ref, object: Vec<u8>) {
        self.streams.push((id, Whole::Raw(object)));
    }

    /// Write a stream of `data`, compressed when that made it smaller.
    pub fn stream<'a>(&'a mut self, id: Ref, data: &'a Deflated) -> pdf_writer::Stream<'a> {
        let mut stream = self.direct(id).stream(id, &data.bytes);
        if data.compressed {
            stream.filter(Filter::FlateDecode);
        }
        stream
    }

    /// The file's bytes, with `root` as its catalog and `info` as its
    /// document information dictionary.
    pub fn finish(self, root: Ref, info: Ref) -> Vec<u8> {
        let Objects { next, streams, packed, starts } = self;
        let bodies = bodies(&packed, &starts);
        let groups: Vec<&[(Ref, &[u8])]> = bodies.chunks(PER_STREAM).collect();
        let packs = pack_all(&groups);

        let stream_bytes: usize = streams.iter().map(|(_, whole)| whole.as_bytes().len()).sum();
        let mut out = Vec::with_capacity(stream_bytes + packs.iter().map(|p| p.data.len()).sum::<usize>() + 1024);
        out.extend_from_slice(b"%PDF-1.7\n");
        // Bytes over 127 mark the file as binary for transfer programs.
        out.extend_from_slice(b"%\xE2\xE3\xCF\xD3\n");
        // Where each object is, as the xref stream gives it:
        // (id, kind, offset or stream number, generation or index).
        let mut entries: Vec<(i32, u8, u64, u16)> = Vec::with_capacity(bodies.len() + groups.len() + 8);
        for (id, chunk) in streams {
            entries.push((id.get(), 1, out.len() as u64, 0));
            out.extend_from_slice(chunk.as_bytes());
        }

        let mut frame = Chunk::with_settings(settings());
        let mut id = next;
        for (group, pack) in groups.iter().zip(&packs) {
            for (index, (object, _)) in group.iter().enumerate() {
                entries.push((object.get(), 2, id as u64, index as u16));
            }
            entries.push((id, 1, (out.len() + frame.len()) as u64, 0));
            frame
                .stream(Ref::new(id), &pack.data)
                .filter(Filter::FlateDecode)
                .pair(Name(b"Type"), Name(b"ObjStm"))
                .pair(Name(b"N"), group.len() as i32)
                .pair(Name(b"First"), pack.first as i32);
            id += 1;
        }
        out.extend_from_slice(frame.as_bytes());

        // The cross-reference stream describes every object, itself included.
        let xref = id;
        let xref_at = out.len() as u64;
        entries.push((xref, 1, xref_at, 0));
        let size = xref + 1;
        let mut rows = vec![0u8; size as usize * 7];
        // Object 0 and any unused number are free: type 0, generation 65535 for 0.
        rows[5] = 0xff;
        rows[6] = 0xff;
        for (id, kind, a, b) in entries {
            let row = &mut rows[id as usize * 7..][..7];
            row[0] = kind;
            row[1..5].copy_from_slice(&(a as u32).to_be_bytes());
            row[5..7].copy_from_slice(&b.to_be_bytes());
        }
        // The /ID must not change between builds of the same input: derive it
        // from every byte before the cross-reference stream, which describes
        // those bytes and nothing else.
        let digest = digest(&out).to_be_bytes();
        let file_id: Vec<u8> =
            digest.iter().chain(&crate::fingerprint::digest(&digest).to_be_bytes()).copied().collect();
        let rows = zlib(&rows);
        let mut frame = Chunk::with_settings(settings());
        {
            let mut stream = frame.stream(Ref::new(xref), &rows);
            stream.filter(Filter::FlateDecode);
            stream.pair(Name(b"Type"), Name(b"XRef"));
            stream.pair(Name(b"Size"), size);
            stream.insert(Name(b"W")).array().items([1, 4, 2]);
            stream.pair(Name(b"Root"), root);
            stream.pair(Name(b"Info"), info);
            stream.insert(Name(b"ID")).array().item(Str(&file_id)).item(Str(&file_id));
        }
        out.extend_from_slice(frame.as_bytes());
        out.extend_from_slice(format!("startxref\n{xref_at}\n%%EOF\n").as_bytes());
        out
    }
}

impl Default for Objects {
    fn default() -> Self {
        Objects::new()
    }
}

/// Each packed object's value: its bytes in `packed` without the
/// `N 0 obj` line before it and `endobj` after it.
fn bodies<'a>(packed: &'a Chunk, starts: &[(Ref, usize)]) -> Vec<(Ref, &'a [u8])> {
    let bytes = packed.as_bytes();
    let mut bodies = Vec::with_capacity(starts.len());
    for (k, &(id, start)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(bytes.len(), |next| next.1);
        let object = &bytes[start..end];
        let value = object
            .iter()
            .position(|&b| b == b'\n')
            .and_then(|line| object[line + 1..].trim_ascii_end().strip_suffix(b"endobj"))
            .map(<[u8]>::trim_ascii_end)
            .unwrap_or_else(|| unreachable!("pdf-writer writes `N 0 obj` … `endobj`"));
        bodies.push((id, value));
    }
    bodies
}

/// One object stream's content, compressed, and where its first object starts.
struct Pack {
    data: Vec<u8>,
    first: usize,
}

fn pack_all(groups: &[&[(Ref, &[u8])]]) -> Vec<Pack> {
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

fn pack(group: &[(Ref, &[u8])]) -> Pack {
    let mut header = String::new();
    let mut offset = 0;
    for (id, body) in group {
        header.push_str(&format!("{} {offset} ", id.get()));
        offset += body.len() + 1;
    }
    let mut data = header.into_bytes();
    let first = data.len();
    data.reserve(offset);
    for (_, body) in group {
        data.extend_from_slice(body);
        data.push(b'\n');
    }
    Pack { data: zlib(&data), first }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lopdf_reads_back_every_object() {
        let mut objects = Objects::new();
        let catalog = objects.alloc();
        let info = objects.alloc();
        let tree = objects.alloc();
        let pages: Vec<Ref> = (0..450).map(|_| objects.alloc()).collect();
        let content = objects.alloc();
        for (i, &page) in pages.iter().enumerate() {
            let mut page = objects.small(page).page(page);
            page.parent(tree).rotate(i as i32 * 90 % 360);
        }
        objects.small(tree).pages(tree).count(0);
        objects.small(catalog).indirect(catalog).start::<pdf_writer::writers::Catalog>().pages(tree);
        objects
            .small(info)
            .indirect(info)
            .start::<pdf_writer::writers::DocumentInfo>()
            .title(pdf_writer::TextStr("Tänd (a)"));
        let data = Deflated { bytes: b"BT ET".to_vec(), compressed: false };
        objects.stream(content, &data);

        let bytes = objects.finish(catalog, info);
        let back = lopdf::Document::load_mem(&bytes).unwrap();
        for (i, page) in pages.iter().enumerate() {
            let dict = back.get_dictionary((page.get() as u32, 0)).unwrap();
            assert_eq!(dict.get(b"Rotate").unwrap().as_i64().unwrap(), i as i64 * 90 % 360);
            assert_eq!(dict.get(b"Parent").unwrap().as_reference().unwrap(), (tree.get() as u32, 0));
        }
        let stream = back.get_object((content.get() as u32, 0)).unwrap().as_stream().unwrap();
        assert_eq!(stream.content, b"BT ET");
        assert_eq!(back.trailer.get(b"Root").unwrap().as_reference().unwrap(), (catalog.get() as u32, 0));
        let title = back.get_dictionary((info.get() as u32, 0)).unwrap().get(b"Title").unwrap().clone();
        assert_eq!(lopdf::decode_text_string(&title).unwrap(), "Tänd (a)");
        // Three object streams of at most 200 objects, and the streams outside them.
        assert_eq!(bytes.windows(7).filter(|w| w == b"/ObjStm").count(), 3);
    }

    #[test]
    fn the_same_objects_give_the_same_file_and_id() {
        let build = || {
            let mut objects = Objects::new();
            let catalog = objects.alloc();
            let info = objects.alloc();
            objects.small(catalog).indirect(catalog).start::<pdf_writer::writers::Catalog>();
            objects
                .small(info)
                .indirect(info)
                .start::<pdf_writer::writers::DocumentInfo>()
                .title(pdf_writer::TextStr("A"));
            objects.finish(catalog, info)
        };
        let (a, b) = (build(), build());
        assert_eq!(a, b);
        let doc = lopdf::Document::load_mem(&a).unwrap();
        let ids = doc.trailer.get(b"ID").unwrap().as_array().unwrap();
        assert_eq!(ids[0].as_str().unwrap().len(), 16);
    }
}
