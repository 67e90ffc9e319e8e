//! When deck uses a second thread, and when it does not. Each threshold
//! was measured on a 2-core VM (the machine the benchmarks and CI run
//! on), where a new thread starts with nothing of its own (heap, shaping
//! cache, shape plans) and its core can take 1-2 ms to wake: a second
//! thread pays only past some amount of work. Re-measure them together
//! (benches/bench.sh, interleaved runs) when the work per stage changes.

/// Below this many slides one thread lays out the deck. Measured with
/// `deck check`, interleaved, one thread / two: faster at 25 slides
/// (4.82 / 5.22 ms), 50 (6.94 / 7.58) and 100 (11.31 / 12.05), about even
/// at 150 (15.57 / 15.29), slower at 210 (16.55 / 15.45).
pub(crate) const PARALLEL_LAYOUT_MIN_SLIDES: usize = 150;

/// Above this many pages the formats are exported one after the other
/// instead of side by side: a long deck's exporters each hold a large
/// working set. Measured on the 2,100-slide deck: peak memory 195.8 MiB
/// side by side, 187.4 MiB one after the other, for 0.84-0.89 s.
pub(crate) const SEQUENTIAL_EXPORT_MIN_PAGES: usize = 1000;

/// Below this many bytes of PDF streams one thread compresses them all.
/// Measured: the GFMD deck, 0.18 MB of streams, was no faster on two; the
/// 210-slide deck, about 0.6 MB, 4 % faster (interleaved runs).
pub(crate) const PARALLEL_DEFLATE_MIN_BYTES: usize = 1 << 18;

/// Below this many PDF object streams (of 200 objects each) one thread
/// packs them all. Measured on the GFMD deck (2 streams; 80 interleaved
/// pairs, twice, in both orders): 9.30 -> 8.99 ms and 9.92 -> 9.67 ms on
/// one thread; the 210-slide deck (several streams) stays on two.
pub(crate) const PARALLEL_PACK_MIN_STREAMS: usize = 4;

/// Below this many languages named by a deck's code blocks, no thread
/// compiles grammars ahead of the layout (layout/highlight/warm.rs): with
/// one language there is nothing to overlap with. With two or more, a
/// language's first block costs 7-50 ms of regex compilation, well past a
/// thread's start. Measured on benches/code_decks.py's decks (20
/// interleaved rounds, a loaded machine): 10 languages 179.1 -> 150.6 ms.
pub(crate) const WARM_GRAMMARS_MIN_LANGUAGES: usize = 2;

/// Pictures decoded and encoded at once: each holds a decoded photo (36
/// MB for 12 megapixels) until it is encoded, so peak memory grows with
/// this number, not with the number of pictures.
pub(crate) const PICTURE_THREADS: usize = 2;
