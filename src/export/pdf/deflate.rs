//! zlib streams for the PDF, compressed whole with libdeflate.
//!
//! Every stream is in memory before it is compressed, so a one-shot
//! compressor fits; libdeflate's is faster than zlib's at a given ratio
//! and much denser at its fastest level (measured on the GFMD deck's 32
//! streams, 114 KB: zlib-rs level 6 gave 36.7 KB in 1.37–1.74 ms,
//! libdeflate level 1 38.4 KB in 0.49–0.70 ms, zlib-rs level 1 50.7 KB).

use std::cell::RefCell;

use libdeflater::{CompressionLvl, Compressor};

/// libdeflate's level 1, its fastest: 5 % larger streams than zlib's
/// default level for a third of the time.
const LEVEL: CompressionLvl = match CompressionLvl::new(1) {
    Ok(level) => level,
    Err(_) => panic!("libdeflate has level 1"),
};

thread_local! {
    // One compressor a thread: making one allocates its match finder.
    static COMPRESSOR: RefCell<Compressor> = RefCell::new(Compressor::new(LEVEL));
}

/// `bytes` as a zlib stream (for /FlateDecode).
pub fn zlib(bytes: &[u8]) -> Vec<u8> {
    COMPRESSOR.with(|compressor| {
        let mut compressor = compressor.borrow_mut();
        let mut out = vec![0; compressor.zlib_compress_bound(bytes.len())];
        match compressor.zlib_compress(bytes, &mut out) {
            Ok(written) => out.truncate(written),
            // The output has libdeflate's own bound for this input.
            Err(e) => unreachable!("deflate: {e}"),
        }
        out
    })
}

/// A stream's bytes as they go into the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deflated {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// Whether they are a zlib stream (/FlateDecode) or the input as it was.
    pub compressed: bool,
}

/// `bytes` compressed, unless that saves less than the filter's name costs.
pub fn deflate(bytes: Vec<u8>) -> Deflated {
    let compressed = zlib(&bytes);
    if compressed.len() + 19 < bytes.len() {
        Deflated { bytes: compressed, compressed: true }
    } else {
        Deflated { bytes, compressed: false }
    }
}

/// Every stream of a file compressed. A long deck's streams are split
/// between two threads (its HTML export is usually done by then, its core
/// idle), in halves of about equal size by bytes rather than by count: the
/// font files are far larger than the page streams. Each stream's bytes do
/// not depend on which thread compressed it.
pub fn deflate_all(streams: Vec<Vec<u8>>) -> Vec<Deflated> {
    let total: usize = streams.iter().map(Vec::len).sum();
    if total < crate::tuning::PARALLEL_DEFLATE_MIN_BYTES {
        return streams.into_iter().map(deflate).collect();
    }
    let mut split = 0;
    let mut first = 0;
    while split < streams.len() && first * 2 < total {
        first += streams[split].len();
        split += 1;
    }
    let mut one = streams;
    let two = one.split_off(split);
    std::thread::scope(|scope| {
        let second = scope.spawn(|| two.into_iter().map(deflate).collect::<Vec<_>>());
        let mut all: Vec<Deflated> = one.into_iter().map(deflate).collect();
        // A panic in the other thread is a bug; pass it on.
        all.extend(second.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        all
    })
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    #[test]
    fn streams_inflate_to_their_bytes() {
        for bytes in [Vec::new(), b"BT /F1 12 Tf (a) Tj ET\n".repeat(500), (0..=255u8).cycle().take(70_000).collect()] {
            let mut back = Vec::new();
            flate2::read::ZlibDecoder::new(&super::zlib(&bytes)[..]).read_to_end(&mut back).unwrap();
            assert_eq!(back, bytes);
        }
    }

    #[test]
    fn streams_compress_the_same_on_two_threads_as_on_one() {
        let streams: Vec<Vec<u8>> = (0..40)
            .map(|i| format!("BT /F1 12 Tf {i} 0 Td (line {i}) Tj ET\n").bytes().cycle().take(64 << 10).collect())
            .collect();
        assert!(streams.iter().map(Vec::len).sum::<usize>() >= crate::tuning::PARALLEL_DEFLATE_MIN_BYTES);
        let sequential: Vec<super::Deflated> = streams.iter().cloned().map(super::deflate).collect();
        let parallel = super::deflate_all(streams.clone());
        assert_eq!(parallel, sequential);
        for (d, before) in parallel.iter().zip(&streams) {
            assert!(d.compressed);
            let mut back = Vec::new();
            flate2::read::ZlibDecoder::new(&d.bytes[..]).read_to_end(&mut back).unwrap();
            assert_eq!(&back, before);
        }
    }

    #[test]
    fn a_stream_that_does_not_shrink_stays_as_it_was() {
        let tiny = super::deflate(b"q Q".to_vec());
        assert_eq!(tiny, super::Deflated { bytes: b"q Q".to_vec(), compressed: false });
    }
}
