//! 64-bit fingerprints of bytes (FNV-1a over 8-byte words): a PDF's /ID
//! and subset tags, a font file's content key, a picture's key in the
//! cache on disk. Reproducible across runs and machines, eight bytes a
//! step so that a photo's megabytes cost little; not for adversaries.

/// FNV-1a's starting value.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// One FNV-1a step, taking a whole `word` at a time.
pub fn fnv1a(hash: u64, word: u64) -> u64 {
    (hash ^ word).wrapping_mul(0x0100_0000_01b3)
}

/// The fingerprint of `bytes` (the tail zero-padded, the length mixed in).
pub fn digest(bytes: &[u8]) -> u64 {
    let mut chunks = bytes.chunks_exact(8);
    let word = |c: &[u8]| {
        let mut w = [0u8; 8];
        w[..c.len()].copy_from_slice(c);
        u64::from_le_bytes(w)
    };
    let h = chunks.by_ref().fold(FNV_OFFSET, |h, c| fnv1a(h, word(c)));
    fnv1a(h, word(chunks.remainder()) ^ bytes.len() as u64)
}
