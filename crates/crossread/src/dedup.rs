//! Near-duplicate detection: syndicated wire copies and reposts.
//!
//! Forty sites reprinting one AP story are one source, not forty. This stage finds such copies
//! (exact reposts, a copy with its own headline or opening paragraph, a copy cut to its first
//! half or third, a copy with a dateline, a photo credit or a "Read more" line added) so that a
//! later stage can count independent outlets, and groups them into copy [`families`].
//!
//! # Method
//!
//! * **Shingles**: runs of `shingle` (default 5) consecutive words, lower-cased, with the word
//!   rule of [`crossread_text::tokenize`] (maximal alphanumeric runs). Each word is hashed as
//!   it is read (its lower-cased UTF-8 bytes eight at a time, then a 64-bit finalizer) and a
//!   shingle's hash is a rolling polynomial over the last `shingle` word hashes: one pass over
//!   the bytes, no allocation per word or shingle. Words are not stemmed: a copy has the same
//!   surface words, and skipping the stemmer keeps this stage independent of any tokenizer
//!   state.
//! * **Decision on containment**, `|A∩B| / min(|A|, |B|)` over shingle sets, not on Jaccard.
//!   A copy cut to its first third has Jaccard ≈ 0.33 with the original but containment ≈ 1;
//!   a copy with a new lead paragraph keeps most of its shingles. Two reports of the same event
//!   by different outlets share a few quotes and names: containment of 5-word shingles stays
//!   under ≈ 0.3 (measured on the dev clusters, see the tests). A pair is a copy when the
//!   estimated containment is at least `containment` (default 0.75) **and** the shorter text
//!   has at least `min_length_ratio` (default 0.25) of the longer one's shingles. The ratio
//!   rule keeps out quotations: a tweet quoted whole inside a long article, or a statement
//!   quoted in a 4,000-word newsletter, is contained in it but is not a reprint of it (the dev
//!   clusters have both). It is also where MinHash stops being accurate (below).
//! * **Signature**: one-permutation MinHash (Li, Owen & Zhang 2012) with optimal
//!   densification (Shrivastava 2017) into [`HASHES`] = 128 bins, keeping the low 16 bits of
//!   each bin's minimum (b-bit MinHash, Li & König 2010), plus the exact number of distinct
//!   shingles: 260 bytes. One hash per shingle instead of 128 (classic MinHash) is what makes
//!   signing fast; 16 bits per value instead of 32 halves the memory and adds a 2⁻¹⁶ chance of
//!   a false bin match, which the estimator corrects. The Jaccard estimate `Ĵ` (fraction of
//!   equal bins) and the two set sizes give the intersection `Ĵ(|A|+|B|)/(1+Ĵ)` and so the
//!   containment. With 128 bins the standard error of `Ĵ` is ≤ 0.044, which at a length ratio of
//!   1/3 is ≈ 0.1 on containment: enough to separate copies (≈ 1) from same-story reports
//!   (≤ 0.3); at length ratios much below 1/4 it is not, hence the ratio rule.
//! * **Candidates**: LSH banding, `bands` (default 32) bands of `rows` (default 2) values. A
//!   band's key is its two 16-bit values, 32 bits, so two unrelated texts collide in a band
//!   with probability 2⁻³², and a pair with Jaccard `J` becomes a candidate with probability
//!   `1 - (1 - J²)³²`: 0.95 at J = 0.30 (a third of the text plus some boilerplate), 0.999 at
//!   J = 0.5, 0.14 at J = 0.07 (a typical same-story pair, rejected by the containment check).
//!   Every candidate is checked on its full signature (128 compares).
//! * **Index**: one open-addressing table per band of `(key, doc)` pairs packed in a `u64`,
//!   linear probing, grown by half at 4/5 load (10–15 bytes per band and article). Measured
//!   at one million articles: 584 bytes per article with [`Index::with_capacity`], 622 when
//!   the tables grow as articles arrive (signature, size and id included; see the ignored test
//!   `scale_one_million`). A key shared by more than `max_bucket` earlier articles (a
//!   boilerplate page crawled thousands of times) is not extended: the new article is still
//!   compared with those `max_bucket`, which are copies of each other, so its family is found
//!   and the work per insert stays bounded.
//!
//! Written here rather than taken from `gaoya` (which CRATES.md reports working): classic
//! MinHash evaluates every shingle once per hash function (128 hashes per shingle instead of
//! one), its index keeps full-width values in general-purpose hash maps, and it estimates
//! Jaccard only, while the decision here needs containment, 16-bit values and a flat, bounded
//! index; the whole method is ~300 lines. Also rejected: SimHash
//! (a Hamming-distance fingerprint estimates cosine of the whole text and cannot reliably tell a
//! truncated copy from a different article); exact containment on stored shingle sets (kilobytes
//! per article).
//!
//! Nothing here does I/O. [`near_duplicates`] puts the articles in a canonical order (by id,
//! then text) before indexing, so its output does not depend on the input order.
//!
//! ```
//! use crossread::dedup::{self, Config, Index};
//! let cfg = Config::default();
//! let story = "The city council voted on Tuesday to expand the bus network to the northern \
//!     suburbs, a plan that will add six routes and forty new buses by next spring. The mayor \
//!     said the expansion would cut commuting times for thousands of residents who now drive \
//!     to work, and that the cost would be covered by a state grant approved last year.";
//! let copy = format!("SPRINGFIELD (AP) — {story}\nRead more: local news");
//! let mut index = Index::new(&cfg).unwrap();
//! assert!(index.insert(7, &dedup::signature(story, &cfg)).is_empty());
//! let found = index.insert(9, &dedup::signature(&copy, &cfg));
//! assert_eq!(found.len(), 1);
//! assert_eq!(found[0].0, 7);
//! assert!(found[0].1 > 0.75);
//! ```

use crossread_model::Article;
use rustc_hash::FxHashMap;
use std::hash::Hash;

/// Number of MinHash bins in a [`Signature`].
pub const HASHES: usize = 128;
/// Largest supported shingle size (words).
pub const MAX_SHINGLE: usize = 16;

/// Settings of near-duplicate detection.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Words per shingle (1..=[`MAX_SHINGLE`]). Default 5: long enough that two different
    /// reports rarely share one outside quotations, short enough that an inserted line or an
    /// edited word changes only a few shingles.
    pub shingle: usize,
    /// Number of LSH bands. Default 32. `bands * rows` must not exceed [`HASHES`]. Each band
    /// costs 10–15 bytes per indexed article; 48 bands lift the recall of copies cut to a
    /// third (Jaccard ≈ 0.33) from 0.974 to 0.990 on the constructed test set, for ≈ 200 bytes
    /// more per article.
    pub bands: usize,
    /// Signature values per band. Default 2 (a 32-bit band key); 1 gives 16-bit keys, which
    /// collide by chance in indexes of more than a few thousand articles.
    pub rows: usize,
    /// Minimum estimated containment (shared shingles over the shorter text's shingles) of a
    /// copy. Default 0.75.
    pub containment: f64,
    /// Minimum ratio of the shorter text's shingle count to the longer one's. Default 0.25:
    /// a half or a third of an article is a copy; a tweet quoted in a long report is not.
    pub min_length_ratio: f64,
    /// Texts with fewer distinct shingles are never copies (and are not indexed). Default 16
    /// (about 20 words): a one-line text is a headline or a caption, not an article.
    pub min_shingles: u32,
    /// At most this many articles are kept per band key (see the module docs). Default 256.
    pub max_bucket: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            shingle: 5,
            bands: 32,
            rows: 2,
            containment: 0.75,
            min_length_ratio: 0.25,
            min_shingles: 16,
            max_bucket: 256,
        }
    }
}

/// A [`Config`] that cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// `shingle` is 0 or above [`MAX_SHINGLE`].
    #[error("shingle size {shingle} is outside 1..={MAX_SHINGLE}")]
    Shingle {
        /// The value given.
        shingle: usize,
    },
    /// `bands` or `rows` is 0, or `bands * rows` exceeds [`HASHES`].
    #[error("{bands} bands of {rows} rows do not fit a signature of {HASHES} values")]
    Banding {
        /// Bands given.
        bands: usize,
        /// Rows given.
        rows: usize,
    },
    /// A fraction is not in `0..=1`.
    #[error("{name} = {value} is not in [0, 1]")]
    Fraction {
        /// The field.
        name: &'static str,
        /// The value given.
        value: f64,
    },
    /// `max_bucket` is 0.
    #[error("max_bucket must be at least 1")]
    MaxBucket,
}

impl Config {
    /// Checks that the settings can be used.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if !(1..=MAX_SHINGLE).contains(&self.shingle) {
            return Err(ConfigError::Shingle {
                shingle: self.shingle,
            });
        }
        if self.bands == 0 || self.rows == 0 || self.bands.saturating_mul(self.rows) > HASHES {
            return Err(ConfigError::Banding {
                bands: self.bands,
                rows: self.rows,
            });
        }
        for (name, value) in [
            ("containment", self.containment),
            ("min_length_ratio", self.min_length_ratio),
        ] {
            if !(0.0..=1.0).contains(&value) {
                return Err(ConfigError::Fraction { name, value });
            }
        }
        if self.max_bucket == 0 {
            return Err(ConfigError::MaxBucket);
        }
        Ok(())
    }
}

/// The MinHash signature of one text: 128 16-bit values and the number of distinct shingles
/// (260 bytes, [`Signature::BYTES`]). Computed once per article by [`signature`] or a
/// [`Signer`]; compared with [`jaccard`], [`containment`] and [`duplicate`].
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Signature {
    mins: [u16; HASHES],
    shingles: u32,
}

impl std::fmt::Debug for Signature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signature")
            .field("shingles", &self.shingles)
            .field("mins[..4]", &&self.mins[..4])
            .finish()
    }
}

impl Signature {
    /// Size of a signature in bytes.
    pub const BYTES: usize = std::mem::size_of::<Signature>();

    /// Number of distinct shingles of the text (0 for a text without words).
    pub fn shingles(&self) -> u32 {
        self.shingles
    }

    /// The MinHash values (low 16 bits of each bin's minimum).
    pub fn values(&self) -> &[u16; HASHES] {
        &self.mins
    }
}

/// Computes signatures, reusing its scratch buffers: build one per thread and reuse it.
#[derive(Debug, Clone)]
pub struct Signer {
    shingle: usize,
    hashes: Vec<u64>,
    set: Vec<u64>,
    lower: Vec<u8>,
}

/// The signature of `text` (allocates scratch space; use a [`Signer`] for many texts).
/// A `cfg.shingle` outside `1..=MAX_SHINGLE` is clamped into it.
pub fn signature(text: &str, cfg: &Config) -> Signature {
    Signer::new(cfg).sign(text)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// Base of the rolling shingle hash (odd, so multiplication is a bijection mod 2⁶⁴).
const ROLL_BASE: u64 = 0x9E37_79B9_7F4A_7C15;
const LOW57: u64 = (1 << 57) - 1;

/// MurmurHash3's 64-bit finalizer: every input bit affects every output bit.
#[inline]
fn fmix64(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^ (k >> 33)
}

/// Rolling hash of the last `k` word hashes: `H = Σ w[i-j]·B^j`, updated in O(1) per word.
struct Roll {
    ring: [u64; MAX_SHINGLE],
    k: usize,
    /// Ring slot of the oldest word (wrapped by comparison: a `%` here was a tenth of the
    /// signing time, an integer division per word).
    pos: usize,
    base_k: u64,
    words: usize,
    h: u64,
}

impl Roll {
    fn new(k: usize) -> Self {
        Roll {
            ring: [0; MAX_SHINGLE],
            k,
            pos: 0,
            base_k: ROLL_BASE.wrapping_pow(k as u32),
            words: 0,
            h: 0,
        }
    }

    #[inline]
    fn push(&mut self, word: u64, out: &mut Vec<u64>) {
        let old = std::mem::replace(&mut self.ring[self.pos], word);
        self.pos += 1;
        if self.pos == self.k {
            self.pos = 0;
        }
        self.h = self
            .h
            .wrapping_mul(ROLL_BASE)
            .wrapping_add(word)
            .wrapping_sub(old.wrapping_mul(self.base_k));
        self.words += 1;
        if self.words >= self.k {
            out.push(fmix64(self.h));
        }
    }

    /// A text shorter than one shingle still gets one (of all its words).
    fn finish(&self, out: &mut Vec<u64>) {
        if self.words > 0 && self.words < self.k {
            out.push(fmix64(self.h));
        }
    }
}

/// Hash of one word from its lower-cased UTF-8 bytes, eight at a time (a per-byte FNV-1a was
/// a serial chain of one multiplication per byte). `data[start..end]` is the word; bytes after
/// `end` may be read but are masked off. `or` is OR-ed into every byte: `0x20` lower-cases
/// ASCII letters and leaves ASCII digits as they are, so an ASCII word is hashed straight
/// from the text; a word with other characters is lower-cased into a buffer first (`or` = 0).
#[inline]
fn hash_word(data: &[u8], start: usize, end: usize, or: u8) -> u64 {
    let or = u64::from_ne_bytes([or; 8]);
    let load = |p: usize, n: usize| -> u64 {
        let word = match data.get(p..p + 8) {
            Some(b) => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
            None => {
                // The last few bytes of the text.
                let mut buf = [0u8; 8];
                let rest = &data[p..];
                buf[..rest.len()].copy_from_slice(rest);
                u64::from_le_bytes(buf)
            }
        };
        let mask = if n >= 8 {
            u64::MAX
        } else {
            (1u64 << (8 * n)) - 1
        };
        (word | or) & mask
    };
    let mut h = FNV_OFFSET;
    let mut p = start;
    while end - p > 8 {
        h = (h ^ load(p, 8)).wrapping_mul(ROLL_BASE).rotate_left(29);
        p += 8;
    }
    let last = load(p, end - p);
    fmix64((h ^ last).wrapping_mul(ROLL_BASE) ^ (end - start) as u64)
}

/// Byte classes: an ASCII letter or digit, any other ASCII byte (a separator), a byte of a
/// multi-byte character (decoded on the slow path).
const ALNUM: u8 = 1;
const SEPARATOR: u8 = 0;
const MULTIBYTE: u8 = 2;
static BYTE_CLASS: [u8; 256] = {
    let mut t = [SEPARATOR; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        if b >= 0x80 {
            t[i] = MULTIBYTE;
        } else if b.is_ascii_alphanumeric() {
            t[i] = ALNUM;
        }
        i += 1;
    }
    t
};

/// Whether a non-ASCII char is part of a word. General Punctuation (U+2000–U+206F: curly
/// quotes, dashes, ellipsis, special spaces), frequent in news text, holds no letter or digit,
/// so it skips the Unicode tables (a unit test checks the whole block).
#[inline]
fn is_word_char(c: char) -> bool {
    !('\u{2000}'..='\u{206F}').contains(&c) && c.is_alphanumeric()
}

impl Signer {
    /// A signer for `cfg.shingle`-word shingles (clamped into `1..=MAX_SHINGLE`).
    pub fn new(cfg: &Config) -> Self {
        Signer {
            shingle: cfg.shingle.clamp(1, MAX_SHINGLE),
            hashes: Vec::new(),
            set: Vec::new(),
            lower: Vec::new(),
        }
    }

    /// The signature of `text`.
    pub fn sign(&mut self, text: &str) -> Signature {
        self.shingle_hashes(text);
        let mut mins = [u64::MAX; HASHES];
        let shingles = self.fill_bins(&mut mins);
        let mut out = [0u16; HASHES];
        if shingles > 0 {
            densify(&mins, &mut out);
        }
        Signature {
            mins: out,
            shingles,
        }
    }

    /// Fills `self.hashes` with the hash of every shingle of `text`, in order.
    fn shingle_hashes(&mut self, text: &str) {
        self.hashes.clear();
        let mut roll = Roll::new(self.shingle);
        let bytes = text.as_bytes();
        let n = bytes.len();
        let mut i = 0;
        loop {
            while i < n && BYTE_CLASS[usize::from(bytes[i])] == SEPARATOR {
                i += 1;
            }
            if i >= n {
                break;
            }
            let start = i;
            let mut ascii = true;
            loop {
                // The hot loop: a run of ASCII letters and digits.
                while i < n && BYTE_CLASS[usize::from(bytes[i])] == ALNUM {
                    i += 1;
                }
                if i < n && bytes[i] >= 0x80 {
                    // `i` is on a char boundary: it only ever moves by whole chars.
                    let c = text[i..].chars().next().unwrap_or(' ');
                    if is_word_char(c) {
                        ascii = false;
                        i += c.len_utf8();
                        continue;
                    }
                    if i == start {
                        // A non-word character (a curly quote, a dash) between words.
                        i += c.len_utf8();
                    }
                }
                break;
            }
            if i == start {
                continue;
            }
            let word = if ascii {
                hash_word(bytes, start, i, 0x20)
            } else {
                self.lower.clear();
                let mut buf = [0u8; 4];
                for c in text[start..i].chars().flat_map(char::to_lowercase) {
                    self.lower
                        .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                hash_word(&self.lower, 0, self.lower.len(), 0)
            };
            roll.push(word, &mut self.hashes);
        }
        roll.finish(&mut self.hashes);
    }

    /// One-permutation MinHash: the top 7 bits of a shingle hash choose its bin, the low 57
    /// bits are its rank. Also counts distinct shingles exactly (a repeated paragraph, which
    /// scraped pages often have, must not inflate the size used by the containment estimate).
    fn fill_bins(&mut self, mins: &mut [u64; HASHES]) -> u32 {
        let n = self.hashes.len();
        if n == 0 {
            return 0;
        }
        let cap = (2 * n).next_power_of_two().max(16);
        let mask = cap - 1;
        self.set.clear();
        self.set.resize(cap, 0);
        let mut distinct = 0u32;
        for &s in &self.hashes {
            let bin = (s >> 57) as usize;
            let rank = s & LOW57;
            if rank < mins[bin] {
                mins[bin] = rank;
            }
            // 0 marks an empty slot; a shingle hashing to 0 counts as 1 (probability 2⁻⁶⁴).
            let key = s.max(1);
            let mut p = (s as usize) & mask;
            loop {
                let e = self.set[p];
                if e == 0 {
                    self.set[p] = key;
                    distinct += 1;
                    break;
                }
                if e == key {
                    break;
                }
                p = (p + 1) & mask;
            }
        }
        distinct
    }
}

/// Optimal densification: an empty bin takes the value of the first non-empty bin in a
/// sequence of bins that depends only on the empty bin's index, so two texts fill the same
/// empty bin from the same place and equal values still mean a shared shingle.
fn densify(mins: &[u64; HASHES], out: &mut [u16; HASHES]) {
    for (i, o) in out.iter_mut().enumerate() {
        let mut m = mins[i];
        let mut attempt = 0u64;
        while m == u64::MAX {
            let j = (fmix64(((i as u64) << 32) ^ attempt ^ 0x5bd1_e995) >> 57) as usize;
            m = mins[j];
            attempt += 1;
        }
        // Low 16 bits of the minimum: independent of the rank order, which the high bits set.
        *o = m as u16;
    }
}

/// Probability that the low 16 bits of two different minima are equal.
const CHANCE_MATCH: f64 = 1.0 / 65536.0;

fn jaccard_values(a: &[u16; HASHES], b: &[u16; HASHES]) -> f64 {
    let equal = a.iter().zip(b).filter(|(x, y)| x == y).count();
    let p = equal as f64 / HASHES as f64;
    ((p - CHANCE_MATCH) / (1.0 - CHANCE_MATCH)).max(0.0)
}

fn containment_of(j: f64, na: u32, nb: u32) -> f64 {
    let small = na.min(nb);
    if small == 0 {
        return 0.0;
    }
    let inter = j * (f64::from(na) + f64::from(nb)) / (1.0 + j);
    (inter / f64::from(small)).min(1.0)
}

/// Estimated Jaccard similarity of the two texts' shingle sets.
pub fn jaccard(a: &Signature, b: &Signature) -> f64 {
    if a.shingles == 0 || b.shingles == 0 {
        return 0.0;
    }
    jaccard_values(&a.mins, &b.mins)
}

/// Estimated containment: shared shingles over the shorter text's shingles.
pub fn containment(a: &Signature, b: &Signature) -> f64 {
    containment_of(jaccard(a, b), a.shingles, b.shingles)
}

/// Whether the lengths allow a copy at all (cheap, checked before the signature).
fn sizes_allow(na: u32, nb: u32, cfg: &Config) -> bool {
    let (small, large) = (na.min(nb), na.max(nb));
    small >= cfg.min_shingles.max(1) && f64::from(small) >= cfg.min_length_ratio * f64::from(large)
}

/// The estimated containment if `a` and `b` are copies of one text under `cfg`, else `None`.
pub fn duplicate(a: &Signature, b: &Signature, cfg: &Config) -> Option<f64> {
    if !sizes_allow(a.shingles, b.shingles, cfg) {
        return None;
    }
    let c = containment(a, b);
    (c >= cfg.containment).then_some(c)
}

/// One band's table: open addressing with linear probing over `u64` slots holding
/// `key << 32 | (doc + 1)` (0 = empty). Several slots may hold the same key.
///
/// The capacity is any size (not a power of two: a key's home slot is found by multiply-shift
/// range reduction) and grows by half when 4/5 full, so the load stays between 0.53 and 0.8
/// (10–15 bytes per entry) instead of 0.375–0.75 with doubling. At 0.8 load a lookup that
/// finds nothing reads about 13 consecutive slots, two cache lines.
#[derive(Debug, Clone, Default)]
struct Table {
    slots: Vec<u64>,
    len: usize,
}

impl Table {
    const MIN_CAPACITY: usize = 16;

    fn with_capacity(entries: usize) -> Self {
        Table {
            slots: vec![0; Self::capacity_for(entries)],
            len: 0,
        }
    }

    fn capacity_for(entries: usize) -> usize {
        (entries + entries / 4 + 1).max(Self::MIN_CAPACITY)
    }

    #[inline]
    fn home(key: u32, cap: usize) -> usize {
        // Band keys are already uniform; the multiplication spreads sequential test keys too.
        let h = u64::from(key).wrapping_mul(ROLL_BASE);
        ((u128::from(h) * cap as u128) >> 64) as usize
    }

    fn grow(&mut self) {
        let cap = (self.slots.len() + self.slots.len() / 2).max(Self::MIN_CAPACITY);
        let old = std::mem::replace(&mut self.slots, vec![0; cap]);
        for s in old.into_iter().filter(|&s| s != 0) {
            let mut p = Self::home((s >> 32) as u32, cap);
            while self.slots[p] != 0 {
                p += 1;
                if p == cap {
                    p = 0;
                }
            }
            self.slots[p] = s;
        }
    }

    /// Appends up to `limit` docs stored under `key` to `out`; returns how many were found
    /// and the first empty slot after them (where `key` would be inserted).
    #[inline]
    fn find(&self, key: u32, limit: usize, out: &mut Vec<u32>) -> (usize, usize) {
        let cap = self.slots.len();
        if cap == 0 {
            return (0, 0);
        }
        let mut p = Self::home(key, cap);
        let mut found = 0;
        loop {
            let s = self.slots[p];
            if s == 0 {
                return (found, p);
            }
            if (s >> 32) as u32 == key {
                out.push((s as u32) - 1);
                found += 1;
                if found >= limit {
                    return (found, p);
                }
            }
            p += 1;
            if p == cap {
                p = 0;
            }
        }
    }

    /// Finds the docs under `key` (up to `limit`) and, unless `limit` were found, stores `doc`.
    #[inline]
    fn find_insert(&mut self, key: u32, doc: u32, limit: usize, out: &mut Vec<u32>) {
        if (self.len + 1) * 5 > self.slots.len() * 4 {
            self.grow();
        }
        let (found, p) = self.find(key, limit, out);
        if found < limit {
            self.slots[p] = (u64::from(key) << 32) | (u64::from(doc) + 1);
            self.len += 1;
        }
    }

    fn heap_bytes(&self) -> usize {
        self.slots.capacity() * std::mem::size_of::<u64>()
    }
}

/// An incremental near-duplicate index: each inserted signature is compared with the earlier
/// ones that share an LSH band with it.
#[derive(Debug, Clone)]
pub struct Index {
    cfg: Config,
    ids: Vec<u32>,
    sigs: Vec<[u16; HASHES]>,
    sizes: Vec<u32>,
    tables: Vec<Table>,
    candidates: Vec<u32>,
}

impl Index {
    /// An empty index.
    pub fn new(cfg: &Config) -> Result<Self, ConfigError> {
        Self::with_capacity(cfg, 0)
    }

    /// An empty index with room for `n` articles (their signatures and band tables at 0.8
    /// load: about 590 bytes per article with the default 32 bands).
    pub fn with_capacity(cfg: &Config, n: usize) -> Result<Self, ConfigError> {
        cfg.validate()?;
        Ok(Index {
            cfg: cfg.clone(),
            ids: Vec::with_capacity(n),
            sigs: Vec::with_capacity(n),
            sizes: Vec::with_capacity(n),
            tables: vec![Table::with_capacity(n); cfg.bands],
            candidates: Vec::new(),
        })
    }

    /// The settings.
    pub fn config(&self) -> &Config {
        &self.cfg
    }

    /// Number of indexed signatures (texts with fewer than `min_shingles` shingles are not
    /// indexed: they can never be copies).
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Heap memory held by the index, in bytes.
    pub fn heap_bytes(&self) -> usize {
        self.ids.capacity() * 4
            + self.sigs.capacity() * std::mem::size_of::<[u16; HASHES]>()
            + self.sizes.capacity() * 4
            + self.tables.iter().map(Table::heap_bytes).sum::<usize>()
            + self.candidates.capacity() * 4
    }

    #[inline]
    fn band_key(&self, sig: &[u16; HASHES], band: usize) -> u32 {
        let r = self.cfg.rows;
        let v = &sig[band * r..(band + 1) * r];
        match v {
            [a] => u32::from(*a),
            [a, b] => (u32::from(*a) << 16) | u32::from(*b),
            _ => {
                let h = v.iter().fold(FNV_OFFSET, |h, &x| {
                    (h ^ u64::from(x)).wrapping_mul(ROLL_BASE)
                });
                fmix64(h) as u32
            }
        }
    }

    /// Inserts article `id`'s signature; returns the earlier articles it is a copy of (or that
    /// are copies of it) with the estimated containment, sorted by id.
    pub fn insert(&mut self, id: u32, sig: &Signature) -> Vec<(u32, f64)> {
        let mut out = Vec::new();
        self.insert_into(id, sig, &mut out);
        out
    }

    /// [`Index::insert`] into a reused buffer (cleared first).
    pub fn insert_into(&mut self, id: u32, sig: &Signature, out: &mut Vec<(u32, f64)>) {
        out.clear();
        if sig.shingles < self.cfg.min_shingles.max(1) {
            return;
        }
        // Internal doc numbers are positions; an index cannot hold 2³² signatures (1 TB).
        let doc = u32::try_from(self.ids.len()).unwrap_or(u32::MAX - 1);
        let mut cand = std::mem::take(&mut self.candidates);
        cand.clear();
        for band in 0..self.cfg.bands {
            let key = self.band_key(&sig.mins, band);
            self.tables[band].find_insert(key, doc, self.cfg.max_bucket, &mut cand);
        }
        self.verify(sig, &mut cand, out);
        self.candidates = cand;
        self.ids.push(id);
        self.sigs.push(sig.mins);
        self.sizes.push(sig.shingles);
    }

    /// The indexed articles that `sig` is a copy of, without inserting it.
    pub fn query(&self, sig: &Signature) -> Vec<(u32, f64)> {
        let mut out = Vec::new();
        if sig.shingles < self.cfg.min_shingles.max(1) || self.is_empty() {
            return out;
        }
        let mut cand = Vec::new();
        for band in 0..self.cfg.bands {
            let key = self.band_key(&sig.mins, band);
            self.tables[band].find(key, self.cfg.max_bucket, &mut cand);
        }
        self.verify(sig, &mut cand, &mut out);
        out
    }

    fn verify(&self, sig: &Signature, cand: &mut Vec<u32>, out: &mut Vec<(u32, f64)>) {
        cand.sort_unstable();
        cand.dedup();
        for &d in cand.iter() {
            let d = d as usize;
            let size = self.sizes[d];
            if !sizes_allow(size, sig.shingles, &self.cfg) {
                continue;
            }
            let c = containment_of(jaccard_values(&sig.mins, &self.sigs[d]), size, sig.shingles);
            if c >= self.cfg.containment {
                out.push((self.ids[d], c));
            }
        }
        out.sort_by_key(|&(id, _)| id);
    }
}

/// All pairs of near-duplicate articles, as `(smaller id, larger id)`, sorted and without
/// repeats. Articles are indexed in a canonical order (id, then text), so the result does not
/// depend on the input order. Two articles with the same id are never paired.
///
/// In a family larger than `cfg.max_bucket` not every pair is listed, but every member is
/// paired with some other member, so [`families`] still joins them all.
pub fn near_duplicates(
    articles: &[Article],
    cfg: &Config,
) -> Result<Vec<(String, String)>, ConfigError> {
    let mut index = Index::with_capacity(cfg, articles.len())?;
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&articles[a], &articles[b]);
        (&a.id, &a.text).cmp(&(&b.id, &b.text))
    });
    let mut signer = Signer::new(cfg);
    let mut found = Vec::new();
    let mut pairs = Vec::new();
    for (pos, &i) in order.iter().enumerate() {
        let sig = signer.sign(&articles[i].text);
        // Positions fit u32: a slice of more than 2³² articles does not fit in memory.
        index.insert_into(pos as u32, &sig, &mut found);
        let b = &articles[i].id;
        for &(earlier, _) in &found {
            let a = &articles[order[earlier as usize]].id;
            match a.cmp(b) {
                std::cmp::Ordering::Less => pairs.push((a.clone(), b.clone())),
                std::cmp::Ordering::Greater => pairs.push((b.clone(), a.clone())),
                std::cmp::Ordering::Equal => {}
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    Ok(pairs)
}

/// Groups near-duplicate pairs into copy families (connected components, by union-find): all
/// reprints of one wire story form one family, so they count as one source. Only families of
/// two or more members are returned; each is sorted, and the list is sorted by first member.
pub fn families<T: Clone + Ord + Hash>(pairs: &[(T, T)]) -> Vec<Vec<T>> {
    let mut slot: FxHashMap<&T, usize> = FxHashMap::default();
    let mut items: Vec<&T> = Vec::new();
    let mut parent: Vec<usize> = Vec::new();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for (a, b) in pairs {
        let mut ix = [0usize; 2];
        for (k, x) in [a, b].into_iter().enumerate() {
            ix[k] = *slot.entry(x).or_insert_with(|| {
                items.push(x);
                parent.push(parent.len());
                parent.len() - 1
            });
        }
        let (ra, rb) = (find(&mut parent, ix[0]), find(&mut parent, ix[1]));
        if ra != rb {
            // Union by smaller index keeps the result deterministic.
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            parent[hi] = lo;
        }
    }
    let mut groups: FxHashMap<usize, Vec<T>> = FxHashMap::default();
    for (i, item) in items.iter().enumerate() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push((*item).clone());
    }
    let mut out: Vec<Vec<T>> = groups
        .into_values()
        .filter(|g| g.len() > 1)
        .map(|mut g| {
            g.sort();
            g.dedup();
            g
        })
        .filter(|g| g.len() > 1)
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "The city council voted on Tuesday to expand the bus network to the \
        northern suburbs, a plan that will add six routes and forty new buses by next spring. \
        The mayor said the expansion would cut commuting times for thousands of residents who \
        now drive to work, and that the cost would be covered by a state grant approved last \
        year. Opponents on the council argued that the money should instead repair roads.";

    /// Reference: exact shingle set with the same word rule.
    fn exact_shingles(text: &str, k: usize) -> std::collections::HashSet<Vec<String>> {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if words.len() < k {
            return std::iter::once(words).filter(|w| !w.is_empty()).collect();
        }
        words.windows(k).map(<[String]>::to_vec).collect()
    }

    #[test]
    fn distinct_shingle_count_is_exact() {
        let cfg = Config::default();
        for text in [
            TEXT,
            "",
            "one two",
            "a b c d e",
            "Ünïcode WÖRDS and more ÜNÏCODE words here, ünïcode words and more",
        ] {
            let twice = format!("{text}\n{text}");
            for t in [text, twice.as_str()] {
                for k in [1, 3, 5] {
                    let cfg = Config {
                        shingle: k,
                        ..cfg.clone()
                    };
                    // A repeated text ("a b c a b c") has one shingle more across the seam.
                    let exact = exact_shingles(t, k).len() as u32;
                    assert_eq!(signature(t, &cfg).shingles(), exact, "{t:?} k={k}");
                }
            }
        }
    }

    #[test]
    fn case_and_punctuation_do_not_matter() {
        let cfg = Config::default();
        let a = signature(TEXT, &cfg);
        let b = signature(&TEXT.to_uppercase().replace(',', " ;"), &cfg);
        assert_eq!(a, b);
    }

    #[test]
    fn identical_and_unrelated() {
        let cfg = Config::default();
        let a = signature(TEXT, &cfg);
        assert_eq!(jaccard(&a, &a), 1.0);
        assert_eq!(duplicate(&a, &a, &cfg), Some(1.0));
        let other = "Scientists reported on Monday that a comet visible from the southern \
            hemisphere will pass closest to the sun next week, and amateur astronomers are \
            preparing to photograph it from mountain observatories across Chile and Argentina \
            where skies are clearest in the dry season.";
        let b = signature(other, &cfg);
        assert!(jaccard(&a, &b) < 0.05, "{}", jaccard(&a, &b));
        assert_eq!(duplicate(&a, &b, &cfg), None);
    }

    #[test]
    fn short_texts_are_never_copies() {
        let cfg = Config::default();
        let a = signature("Breaking news tonight", &cfg);
        assert_eq!(duplicate(&a, &a, &cfg), None);
        let empty = signature("", &cfg);
        assert_eq!(empty.shingles(), 0);
        assert_eq!(containment(&empty, &empty), 0.0);
        let mut index = Index::new(&cfg).unwrap();
        assert!(index.insert(1, &a).is_empty());
        assert!(index.insert(2, &a).is_empty());
        assert!(index.is_empty());
    }

    #[test]
    fn config_errors() {
        let ok = Config::default();
        assert_eq!(ok.validate(), Ok(()));
        let bad = [
            Config {
                shingle: 0,
                ..ok.clone()
            },
            Config {
                shingle: 17,
                ..ok.clone()
            },
            Config {
                bands: 65,
                ..ok.clone()
            },
            Config {
                rows: 0,
                ..ok.clone()
            },
            Config {
                containment: 1.5,
                ..ok.clone()
            },
            Config {
                min_length_ratio: f64::NAN,
                ..ok.clone()
            },
            Config {
                max_bucket: 0,
                ..ok.clone()
            },
        ];
        for c in bad {
            assert!(Index::new(&c).is_err(), "{c:?}");
            assert!(near_duplicates(&[], &c).is_err());
        }
    }

    #[test]
    fn bucket_cap_bounds_work_but_keeps_families() {
        let cfg = Config {
            max_bucket: 3,
            ..Config::default()
        };
        let sig = signature(TEXT, &cfg);
        let mut index = Index::new(&cfg).unwrap();
        let mut pairs = Vec::new();
        for id in 0..20u32 {
            let found = index.insert(id, &sig);
            assert!(id == 0 || !found.is_empty(), "copy {id} found nothing");
            assert!(found.len() <= 3);
            pairs.extend(found.into_iter().map(|(e, _)| (e, id)));
        }
        assert_eq!(families(&pairs), vec![(0..20).collect::<Vec<u32>>()]);
    }

    #[test]
    fn table_grows_and_finds_everything() {
        let mut t = Table::default();
        let mut out = Vec::new();
        for doc in 0..10_000u32 {
            t.find_insert(doc % 1000, doc, usize::MAX, &mut out);
        }
        out.clear();
        t.find(7, usize::MAX, &mut out);
        out.sort_unstable();
        assert_eq!(out, (0..10).map(|i| 7 + 1000 * i).collect::<Vec<u32>>());
    }

    #[test]
    fn families_join_transitively() {
        let pairs = [("b", "c"), ("a", "b"), ("x", "y"), ("d", "d")];
        assert_eq!(families(&pairs), vec![vec!["a", "b", "c"], vec!["x", "y"]]);
    }

    #[test]
    fn general_punctuation_has_no_word_chars() {
        for c in ('\u{2000}'..='\u{206F}').chain(['’', '“', '—']) {
            assert!(!c.is_alphanumeric(), "{c:?} U+{:04X}", u32::from(c));
            assert!(!is_word_char(c));
        }
        assert!(is_word_char('é') && is_word_char('数') && is_word_char('١'));
    }

    #[test]
    fn signature_is_small() {
        assert_eq!(Signature::BYTES, 260);
    }
}
