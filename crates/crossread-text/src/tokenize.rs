//! Words, stop words and stems.
//!
//! A word is a maximal run of alphanumeric characters, lower-cased: the same rule as Google's
//! `rouge-score` (which replaces every non-`[a-z0-9]` character by a space), extended to Unicode
//! letters. Keeping the two tokenizations alike means that what the summarizer counts as a
//! concept is what ROUGE counts as a match. "U.S." gives `u`, `s`; "Trump's" gives `trump`, `s`
//! (both `s` and `u` are stop words, so they never form content concepts on their own).
//!
//! Stems come from the Snowball English (Porter2) stemmer of `rust-stemmers`; stop words are
//! NLTK's English list from `stop-words` (the ISO list drops words like "general" that matter in
//! news). Stemming dominates tokenization time, so a [`Tokenizer`] caches every surface form it
//! has seen: after the first article a word costs one hash lookup. Reuse one `Tokenizer` across
//! documents (and clusters) to keep that cache warm.

use crossread_model::Span;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};

/// Identifier of a stem in a [`Tokenizer`]'s vocabulary. Stable for the tokenizer's lifetime.
pub type StemId = u32;

/// One word of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Byte span of the word in the text given to the tokenizer (plus its `base`).
    pub span: Span,
    /// Its stem.
    pub stem: StemId,
    /// Whether the (lower-cased) word is a stop word (NLTK's list, or a lone letter).
    pub stop: bool,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    stem: StemId,
    stop: bool,
}

/// Splits text into [`Word`]s and maps each to a stem id, caching surface forms.
pub struct Tokenizer {
    stemmer: Stemmer,
    stop_words: FxHashSet<&'static str>,
    surface: FxHashMap<Box<str>, Entry>,
    stems: FxHashMap<Box<str>, StemId>,
    stem_text: Vec<Box<str>>,
    lower: String,
}

/// Above this many cached surface forms the cache is cleared (stem ids stay valid: only the
/// surface cache is dropped, never the stem table).
const SURFACE_CACHE_LIMIT: usize = 1 << 20;

impl Default for Tokenizer {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Tokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokenizer")
            .field("surface_forms", &self.surface.len())
            .field("stems", &self.stem_text.len())
            .finish()
    }
}

impl Tokenizer {
    /// An English tokenizer.
    pub fn new() -> Self {
        let stop_words = stop_words::lookup("en")
            .unwrap_or(&[])
            .iter()
            .copied()
            .collect();
        Tokenizer {
            stemmer: Stemmer::create(Algorithm::English),
            stop_words,
            surface: FxHashMap::default(),
            stems: FxHashMap::default(),
            stem_text: Vec::new(),
            lower: String::new(),
        }
    }

    /// Number of distinct stems seen so far (every [`StemId`] is below this).
    pub fn stem_count(&self) -> usize {
        self.stem_text.len()
    }

    /// The text of a stem.
    pub fn stem_text(&self, id: StemId) -> &str {
        self.stem_text.get(id as usize).map_or("", |s| s)
    }

    /// Whether a lower-cased word is a stop word.
    pub fn is_stop_word(&self, word: &str) -> bool {
        self.stop_words.contains(word)
    }

    /// Appends the words of `text` to `out`; spans are offset by `base` (so a sentence can be
    /// tokenized on its own while spans still point into the whole article).
    pub fn tokenize_into(&mut self, text: &str, base: usize, out: &mut Vec<Word>) {
        let mut start = None;
        for (i, c) in text.char_indices() {
            if c.is_alphanumeric() {
                if start.is_none() {
                    start = Some(i);
                }
            } else if let Some(s) = start.take() {
                out.push(self.word(text, s, i, base));
            }
        }
        if let Some(s) = start {
            out.push(self.word(text, s, text.len(), base));
        }
    }

    /// The words of `text`, allocating.
    pub fn tokenize(&mut self, text: &str) -> Vec<Word> {
        let mut out = Vec::new();
        self.tokenize_into(text, 0, &mut out);
        out
    }

    fn word(&mut self, text: &str, start: usize, end: usize, base: usize) -> Word {
        let raw = &text[start..end];
        self.lower.clear();
        if raw.is_ascii() {
            // Fast path: ASCII lower-casing needs no Unicode tables.
            self.lower
                .extend(raw.bytes().map(|b| b.to_ascii_lowercase() as char));
        } else {
            self.lower.extend(raw.chars().flat_map(char::to_lowercase));
        }
        let entry = match self.surface.get(self.lower.as_str()) {
            Some(e) => *e,
            None => {
                let e = self.intern(self.lower.clone());
                if self.surface.len() >= SURFACE_CACHE_LIMIT {
                    self.surface.clear();
                }
                self.surface.insert(self.lower.as_str().into(), e);
                e
            }
        };
        Word {
            span: Span::new(base + start, base + end),
            stem: entry.stem,
            stop: entry.stop,
        }
    }

    fn intern(&mut self, lower: String) -> Entry {
        // A lone letter ("U" of "U.S.", "s" of "Trump's") carries no content of its own.
        let lone_letter = {
            let mut cs = lower.chars();
            matches!((cs.next(), cs.next()), (Some(c), None) if c.is_alphabetic())
        };
        let stop = lone_letter || self.stop_words.contains(lower.as_str());
        // Like rouge-score, leave words of up to three bytes unstemmed ("its", "u", "2017"):
        // it saves stemming calls and keeps concepts aligned with what ROUGE matches.
        let stem = if lower.len() <= 3 {
            std::borrow::Cow::Borrowed(lower.as_str())
        } else {
            self.stemmer.stem(&lower)
        };
        let id = match self.stems.get(stem.as_ref()) {
            Some(&id) => id,
            None => {
                let id = self.stem_text.len() as StemId;
                let boxed: Box<str> = stem.as_ref().into();
                self.stem_text.push(boxed.clone());
                self.stems.insert(boxed, id);
                id
            }
        };
        Entry { stem: id, stop }
    }
}

/// Number of whitespace-separated words, the unit of a word budget (as in ROUGE's `-l`).
pub fn word_count(text: &str) -> usize {
    if text.is_ascii() {
        // Fast path (most news text): count starts of non-whitespace runs byte by byte.
        let mut count = 0;
        let mut in_word = false;
        for b in text.bytes() {
            let space = b.is_ascii_whitespace() || b == 0x0B;
            count += usize::from(!space && !in_word);
            in_word = !space;
        }
        count
    } else {
        text.split_whitespace().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_follow_rouge_rules_and_share_stems() {
        let mut t = Tokenizer::new();
        let text = "U.S. Attorney General recused; Sessions' recusal — recusing.";
        let w = t.tokenize(text);
        let surf: Vec<&str> = w.iter().map(|w| &text[w.span.start..w.span.end]).collect();
        assert_eq!(
            surf,
            ["U", "S", "Attorney", "General", "recused", "Sessions", "recusal", "recusing"]
        );
        assert!(
            w[0].stop && w[1].stop,
            "lone letters are stop words: {:?}",
            &w[..2]
        );
        assert!(!w[3].stop, "'general' must stay a content word");
        assert_eq!(w[4].stem, w[7].stem, "recused/recusing share a stem");
        assert_eq!(t.stem_text(w[4].stem), "recus");
    }

    #[test]
    fn unicode_and_offsets() {
        let mut t = Tokenizer::new();
        let text = "Café “Élan” 2017’s";
        let mut out = Vec::new();
        t.tokenize_into(text, 100, &mut out);
        let surf: Vec<&str> = out
            .iter()
            .map(|w| &text[w.span.start - 100..w.span.end - 100])
            .collect();
        assert_eq!(surf, ["Café", "Élan", "2017", "s"]);
        // Same word in other case maps to the same stem.
        let a = t.tokenize("ÉLAN")[0].stem;
        assert_eq!(a, out[1].stem);
    }

    #[test]
    fn word_count_is_whitespace_split() {
        assert_eq!(word_count("  a b\tc\nd "), 4);
        assert_eq!(word_count(""), 0);
        assert_eq!(
            word_count("a\u{0B}b\x0Cc"),
            3,
            "vertical tab and form feed separate words"
        );
        assert_eq!(
            word_count("café\u{00A0}au lait"),
            3,
            "no-break space separates words"
        );
    }
}
