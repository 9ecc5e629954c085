//! Text processing for clustering: an article becomes a compact, idf-weighted term vector.
//!
//! Two steps, so that the weights can come from whichever collection the caller has:
//!
//! 1. [`Analyzer::bag`] reads one article (headline, cleaned prose, date) into a [`Bag`]:
//!    position-weighted frequencies of content stems and of *names*. Words of the headline and
//!    of the lead count more than words deep in the body (news states the event first).
//! 2. [`Bag::weigh`] applies idf from a [`DocFreq`] table, keeps the `top_terms` heaviest
//!    dimensions and normalises them: the [`Features`] the [`Clusterer`](super::Clusterer)
//!    consumes. A batch run counts document frequencies over the whole batch first (so the
//!    weights do not depend on input order); a stream counts them as it goes
//!    ([`Analyzer::features`]).
//!
//! # Names
//! Named entities are approximated offline, without a model, by runs of capitalised words in
//! the body ("Air France", "Abu Ghraib", "Jeff Sessions"), joined across `of`/`de`/`al`-style
//! connectors. A run at the start of a sentence keeps a single word only if the article also
//! writes it capitalised mid-sentence ("Police said…" is not a name unless "Police" is), and
//! weekdays, months and honorifics never count ("Tuesday", "President"). Each run gives one
//! feature per word (`trump`) and, for two or more words, one for the whole name
//! (`jeff sessions`). Name features live in their own id space ([`NAME_BIT`] set, a hash of
//! the stems' text) so the clusterer can ask how much of a match is *specific* evidence (the
//! same people and places) rather than shared topic words. Headlines are not searched for
//! names: they are often in title case.

use crossread_model::Article;
use crossread_text::{clean, tokenize::Tokenizer, tokenize::Word};
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use std::hash::Hasher;

use super::event::EventSig;
use super::Config;

/// Set in the id of a name feature; stem ids never have it.
pub const NAME_BIT: u32 = 1 << 31;

/// The compact representation of one article that clustering needs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Features {
    /// Publication day (days from the common era, as chrono counts), when known.
    pub day: Option<i32>,
    /// At most `top_terms` `(term id, weight)` pairs, sorted by id, with unit Euclidean norm
    /// (empty for an article with no content words). Ids with [`NAME_BIT`] are names.
    pub terms: Vec<(u32, f32)>,
    /// Which event of a kind the headline names ([`EventSig`]); empty without a headline.
    pub event: EventSig,
}

/// Position-weighted term frequencies of one article, before idf.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bag {
    /// Publication day, when known.
    pub day: Option<i32>,
    /// `(term id, weighted frequency)`, sorted by id, unique.
    pub counts: Vec<(u32, f32)>,
    /// The headline's event signature.
    pub event: EventSig,
}

/// Document frequencies of terms over a collection.
#[derive(Debug, Clone, Default)]
pub struct DocFreq {
    df: FxHashMap<u32, u32>,
    docs: u32,
}

impl DocFreq {
    /// Counts one document.
    pub fn add(&mut self, bag: &Bag) {
        self.docs = self.docs.saturating_add(1);
        for &(t, _) in &bag.counts {
            *self.df.entry(t).or_insert(0) += 1;
        }
    }

    /// Documents counted that contain `term`.
    pub fn df(&self, term: u32) -> u32 {
        self.df.get(&term).copied().unwrap_or(0)
    }

    /// Documents counted.
    pub fn docs(&self) -> u32 {
        self.docs
    }

    /// Inverse document frequency, `ln((N + prior + 1) / (df + 0.5))`, where `prior` counts
    /// pseudo-documents that do not contain the term: a small collection (a pile of 30
    /// articles on 3 stories, where "Haiti" is in a third of them) cannot tell a story's own
    /// words from common ones, and the prior keeps such words from being discounted as if
    /// they were common in the language. With N in the thousands the prior hardly matters.
    pub fn idf_with_prior(&self, term: u32, prior: f32) -> f32 {
        let df = self.df.get(&term).copied().unwrap_or(0) as f32;
        ((self.docs as f32 + prior + 1.0) / (df + 0.5))
            .ln()
            .max(0.0)
    }

    /// [`Self::idf_with_prior`] without a prior.
    pub fn idf(&self, term: u32) -> f32 {
        self.idf_with_prior(term, 0.0)
    }
}

impl Bag {
    /// Weighs the bag with idf and keeps the `cfg.top_terms` heaviest terms, normalised.
    pub fn weigh(&self, df: &DocFreq, cfg: &Config) -> Features {
        self.weigh_with(df, cfg, cfg.unique_weight)
    }

    pub(crate) fn weigh_with(&self, df: &DocFreq, cfg: &Config, unique_weight: f32) -> Features {
        let mut terms: Vec<(u32, f32)> = self
            .counts
            .iter()
            .map(|&(t, tf)| {
                let kind = if t & NAME_BIT != 0 {
                    cfg.name_weight
                } else {
                    1.0
                };
                let unique = if df.df(t) <= 1 { unique_weight } else { 1.0 };
                (
                    t,
                    (1.0 + tf).ln().powf(cfg.tf_exponent)
                        * df.idf_with_prior(t, cfg.idf_prior_docs)
                        * kind
                        * unique,
                )
            })
            .filter(|&(_, w)| w > 0.0 && w.is_finite())
            .collect();
        top_by_weight(&mut terms, cfg.top_terms);
        let norm = terms.iter().map(|&(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut terms {
                *w /= norm;
            }
        }
        terms.sort_unstable_by_key(|&(t, _)| t);
        Features {
            day: self.day,
            terms,
            event: self.event.clone(),
        }
    }
}

/// Truncates `terms` to its `k` heaviest entries (ties: smaller id first); order is unspecified.
pub(crate) fn top_by_weight(terms: &mut Vec<(u32, f32)>, k: usize) {
    if terms.len() > k {
        let heavier = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if k > 0 {
            terms.select_nth_unstable_by(k - 1, heavier);
        }
        terms.truncate(k);
    }
}

/// Reads articles into [`Bag`]s. Owns a tokenizer and scratch buffers: build one, reuse it.
#[derive(Debug)]
pub struct Analyzer {
    cfg: Config,
    tok: Tokenizer,
    words: Vec<Word>,
    tf: FxHashMap<u32, f32>,
    /// Stems seen capitalised in mid-sentence in the current article.
    mid_caps: FxHashSet<u32>,
    /// Per word of the current prose: (word, capitalised, sentence start, gap before is blank).
    marks: Vec<Mark>,
    run: Vec<u32>,
    /// Stems of [`CALENDAR`] and [`COMMON`] words: not content terms.
    calendar: FxHashSet<u32>,
    /// Stems of [`CALENDAR`] and [`HONORIFICS`] words.
    not_names: FxHashSet<u32>,
    /// Stems of [`CONNECTORS`].
    connectors: FxHashSet<u32>,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    word: Word,
    cap: bool,
    starts_sentence: bool,
    joined: bool,
}

/// Calendar words: neither content terms nor names (every story of a week has "Tuesday").
const CALENDAR: &str = "monday tuesday wednesday thursday friday saturday sunday january february \
    march april may june july august september october november december jan feb mar apr jun jul \
    aug sep sept oct nov dec today yesterday tomorrow";
/// Words so common in news that they say nothing about which story an article tells (NLTK's
/// stop words are already out). Written by hand from general knowledge of news prose, not
/// learned from any data set.
const COMMON: &str = "said say says saying told tell tells asked added according would could \
    also one two three first second last next new year years month months week weeks day days \
    time times people person like just get gets got make makes made many much might must \
    still even back well way ways going go goes went come came take took taken see seen know \
    known think want use used another several including however although around among per \
    report reports reported statement later early earlier now since part group number called \
    whether often always never ever really lot little big good great long high large small \
    old right next end become became put set show shows find found help need needs give gave \
    given keep thing things something anything everything nothing someone anyone everyone \
    already yet though without within across along via mr mrs ms news told says percent";
/// Honorifics and office titles: content terms, but never part of a name.
const HONORIFICS: &str = "mr mrs ms dr sen rep gov gen lt col sgt capt rev president senator \
    governor minister secretary";
/// Lower-case words that may join two capitalised words of one name ("Tour de France").
const CONNECTORS: &[&str] = &[
    "of", "de", "du", "des", "la", "le", "von", "van", "der", "den", "al", "bin", "da", "di", "del",
];

impl Analyzer {
    /// An analyzer with a fresh tokenizer.
    pub fn new(cfg: &Config) -> Self {
        Self::with_tokenizer(cfg, Tokenizer::new())
    }

    /// An analyzer that uses (and keeps warm) the given tokenizer.
    pub fn with_tokenizer(cfg: &Config, mut tok: Tokenizer) -> Self {
        let mut stems = |words: &str| -> FxHashSet<u32> {
            tok.tokenize(words).iter().map(|w| w.stem).collect()
        };
        let calendar = stems(CALENDAR);
        let mut not_names = stems(HONORIFICS);
        not_names.extend(&calendar);
        let mut calendar = calendar;
        calendar.extend(stems(COMMON));
        let connectors = stems(&CONNECTORS.join(" "));
        Analyzer {
            cfg: cfg.clone(),
            tok,
            words: Vec::new(),
            tf: FxHashMap::default(),
            mid_caps: FxHashSet::default(),
            marks: Vec::new(),
            run: Vec::new(),
            calendar,
            not_names,
            connectors,
        }
    }

    /// The settings.
    pub fn config(&self) -> &Config {
        &self.cfg
    }

    /// The tokenizer (to read a stem id back as text).
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tok
    }

    /// Features for a stream: counts the article in `df`, then weighs it with the
    /// frequencies seen so far.
    pub fn features(&mut self, article: &Article, df: &mut DocFreq) -> Features {
        let bag = self.bag(article);
        df.add(&bag);
        // A term new to the stream cannot match a story yet, but later articles may match it.
        bag.weigh_with(df, &self.cfg, 1.0)
    }

    /// The position-weighted term and name frequencies of one article.
    pub fn bag(&mut self, article: &Article) -> Bag {
        self.tf.clear();
        if let Some(title) = article.title.as_deref() {
            self.words.clear();
            self.tok.tokenize_into(title, 0, &mut self.words);
            for w in &self.words {
                if self.is_content(w) {
                    *self.tf.entry(w.stem & !NAME_BIT).or_insert(0.0) += self.cfg.title_weight;
                }
            }
        }
        self.body(&article.text);
        let mut counts: Vec<(u32, f32)> = self.tf.iter().map(|(&t, &w)| (t, w)).collect();
        counts.sort_unstable_by_key(|&(t, _)| t);
        Bag {
            day: article.date.as_deref().and_then(day_number),
            counts,
            event: article
                .title
                .as_deref()
                .map(EventSig::from_headline)
                .unwrap_or_default(),
        }
    }

    fn body(&mut self, text: &str) {
        self.marks.clear();
        self.mid_caps.clear();
        for region in clean::prose_regions(text) {
            let body = &text[region.start..region.end];
            self.words.clear();
            self.tok.tokenize_into(body, region.start, &mut self.words);
            let mut prev_end = region.start;
            for &w in &self.words {
                let gap = &text[prev_end..w.span.start];
                let starts_sentence = prev_end == region.start || ends_sentence(gap);
                let cap = text[w.span.start..]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase);
                let joined = prev_end != region.start && gap.bytes().all(|b| b == b' ');
                if cap && !starts_sentence {
                    self.mid_caps.insert(w.stem);
                }
                self.marks.push(Mark {
                    word: w,
                    cap,
                    starts_sentence,
                    joined,
                });
                prev_end = w.span.end;
            }
        }
        // Content terms, weighted by position: the lead counts up to `1 + lead_boost` times.
        let scale = self.cfg.lead_words.max(1.0);
        for (i, m) in self.marks.iter().enumerate() {
            if self.is_content(&m.word) {
                let pos = 1.0 + self.cfg.lead_boost * (-(i as f32) / scale).exp();
                *self.tf.entry(m.word.stem & !NAME_BIT).or_insert(0.0) += pos;
            }
        }
        self.names(text, scale);
    }

    /// Finds runs of capitalised words and counts their name features.
    fn names(&mut self, text: &str, scale: f32) {
        let mut i = 0;
        while i < self.marks.len() {
            if !self.name_word(text, i) {
                i += 1;
                continue;
            }
            // Extend the run: capitalised name words, or a connector followed by one.
            let start = i;
            self.run.clear();
            self.run.push(self.marks[i].word.stem);
            let mut j = i + 1;
            while j < self.marks.len() && self.marks[j].joined && !self.marks[j].starts_sentence {
                if self.name_word(text, j) {
                    self.run.push(self.marks[j].word.stem);
                    j += 1;
                } else if self.connectors.contains(&self.marks[j].word.stem)
                    && j + 1 < self.marks.len()
                    && self.marks[j + 1].joined
                    && self.name_word(text, j + 1)
                {
                    self.run.push(self.marks[j].word.stem);
                    self.run.push(self.marks[j + 1].word.stem);
                    j += 2;
                } else {
                    break;
                }
            }
            let pos = 1.0 + self.cfg.lead_boost * (-(start as f32) / scale).exp();
            let single_at_start = self.run.len() == 1
                && self.marks[start].starts_sentence
                && !self.mid_caps.contains(&self.run[0]);
            if !single_at_start {
                for &stem in &self.run {
                    if !self.connectors.contains(&stem) {
                        let id = name_id(std::iter::once(self.tok.stem_text(stem)));
                        *self.tf.entry(id).or_insert(0.0) += pos;
                    }
                }
                if self.run.len() > 1 {
                    let id = name_id(self.run.iter().map(|&s| self.tok.stem_text(s)));
                    *self.tf.entry(id).or_insert(0.0) += pos;
                }
            }
            i = j;
        }
    }

    /// A capitalised word that can be part of a name.
    fn name_word(&self, text: &str, i: usize) -> bool {
        let m = &self.marks[i];
        if !m.cap || m.word.stop {
            return false;
        }
        let surface = &text[m.word.span.start..m.word.span.end];
        surface.chars().nth(1).is_some() && !self.not_names.contains(&m.word.stem)
    }

    /// A word that counts as a content term: not a stop word, not a lone character, not a
    /// calendar or common news word.
    fn is_content(&self, w: &Word) -> bool {
        !w.stop && !self.calendar.contains(&w.stem) && self.tok.stem_text(w.stem).len() > 1
    }
}

/// Below this many articles per worker, [`bags`] runs on one thread: building an analyzer
/// and remapping its stem ids costs more than a few hundred articles gain from a second core.
const MIN_PARALLEL_CHUNK: usize = 256;

/// The [`Bag`]s of `articles`, in order, read in parallel (rayon) when there are enough of
/// them. The result is identical to one [`Analyzer`] reading them in order, stem ids included
/// (see [`bags_in_chunks`]), so batch output does not depend on the number of threads.
pub fn bags(articles: &[&Article], cfg: &Config) -> Vec<Bag> {
    let threads = rayon::current_num_threads().max(1);
    // One chunk per thread: every chunk starts with a cold stem cache, and stemming a word the
    // first time costs far more than looking it up (measured with four chunks per thread on
    // the dev articles: twice as slow as one thread; see BENCHMARKS.md).
    let chunk = articles.len().div_ceil(threads).max(MIN_PARALLEL_CHUNK);
    bags_in_chunks(articles, cfg, chunk)
}

/// [`bags`] with a given chunk size. Each chunk is read by its own [`Analyzer`], whose
/// tokenizer numbers stems in order of first appearance *within the chunk*; the chunks'
/// ids are then renumbered in order of first appearance over all chunks, in order, which is
/// exactly how a single analyzer reading every article in order numbers them. (Every analyzer
/// first tokenizes the same word lists, so those ids agree from the start.) Name ids are
/// hashes of text and need no renumbering.
pub(crate) fn bags_in_chunks(articles: &[&Article], cfg: &Config, chunk: usize) -> Vec<Bag> {
    use rayon::prelude::*;
    let chunk = chunk.max(1);
    if articles.len() <= chunk {
        let mut an = Analyzer::new(cfg);
        return articles.iter().map(|a| an.bag(a)).collect();
    }
    let parts: Vec<(Vec<Bag>, Tokenizer)> = articles
        .par_chunks(chunk)
        .map(|part| {
            let mut an = Analyzer::new(cfg);
            let bags = part.iter().map(|a| an.bag(a)).collect();
            (bags, an.tok)
        })
        .collect();
    let mut global: FxHashMap<&str, u32> = FxHashMap::default();
    let mut remap: Vec<u32> = Vec::new();
    let mut out = Vec::with_capacity(articles.len());
    for (bags, tok) in &parts {
        remap.clear();
        for local in 0..tok.stem_count() as u32 {
            let next = global.len() as u32;
            remap.push(*global.entry(tok.stem_text(local)).or_insert(next));
        }
        for mut bag in bags.iter().cloned() {
            for (t, _) in &mut bag.counts {
                if *t & NAME_BIT == 0 {
                    *t = remap[*t as usize];
                }
            }
            bag.counts.sort_unstable_by_key(|&(t, _)| t);
            out.push(bag);
        }
    }
    out
}

/// The id of a name feature: [`NAME_BIT`] plus a 31-bit hash of its words' stems.
fn name_id<'a>(words: impl Iterator<Item = &'a str>) -> u32 {
    let mut h = FxHasher::default();
    for w in words {
        h.write(w.as_bytes());
        h.write_u8(0xff);
    }
    let x = h.finish();
    ((x ^ (x >> 31) ^ (x >> 62)) as u32 & !NAME_BIT) | NAME_BIT
}

/// Whether the text between two words ends a sentence (a newline, or `.`/`!`/`?`/`:` before
/// any closing quotes or brackets).
fn ends_sentence(gap: &str) -> bool {
    if gap.contains('\n') {
        return true;
    }
    gap.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '(' | ')')
    })
    .ends_with(['.', '!', '?', ':'])
}

/// `YYYY-MM-DD` (or any date [`parse_date`](crate::ingest::parse_date) reads) as a day number.
pub fn day_number(date: &str) -> Option<i32> {
    use chrono::Datelike;
    crate::ingest::parse_date(date).map(|d| d.num_days_from_ce())
}

/// A day number back to `YYYY-MM-DD`.
pub fn day_string(day: i32) -> Option<String> {
    chrono::NaiveDate::from_num_days_from_ce_opt(day).map(|d| d.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: Option<&str>, text: &str, date: Option<&str>) -> Article {
        Article {
            id: "a".into(),
            source: "s".into(),
            title: title.map(str::to_string),
            date: date.map(str::to_string),
            url: None,
            text: text.into(),
            byline: None,
            lang: None,
        }
    }

    fn names_of(text: &str) -> FxHashSet<u32> {
        let mut an = Analyzer::new(&Config::default());
        an.bag(&article(None, text, None))
            .counts
            .iter()
            .map(|&(t, _)| t)
            .filter(|t| t & NAME_BIT != 0)
            .collect()
    }

    fn name(words: &[&str]) -> u32 {
        name_id(words.iter().copied())
    }

    #[test]
    fn capitalised_runs_are_names() {
        let got = names_of(
            "Attorney General Jeff Sessions met the Russian ambassador on Tuesday. \
             Police said the Tour de France will start in London.",
        );
        for want in [
            name(&["attorney", "general", "jeff", "session"]),
            name(&["session"]),
            name(&["russian"]),
            name(&["tour", "de", "franc"]),
            name(&["franc"]),
            name(&["london"]),
        ] {
            assert!(got.contains(&want), "missing a name: {got:?}");
        }
        // Weekdays are not names; "Police" opens a sentence and is never written mid-sentence.
        assert!(!got.contains(&name(&["tuesday"])));
        assert!(!got.contains(&name(&["polic"])));
        assert!(
            !got.contains(&name(&["de"])),
            "connectors are not names alone"
        );
    }

    #[test]
    fn sentence_initial_word_is_a_name_when_also_used_mid_sentence() {
        let got = names_of("Haiti was hit again. Aid reached Haiti on Monday.");
        assert!(got.contains(&name(&["haiti"])));
        assert!(!got.contains(&name(&["aid"])));
    }

    #[test]
    fn lead_and_headline_weigh_more_and_dates_are_read() {
        let mut an = Analyzer::new(&Config::default());
        let filler =
            "The committee discussed budgets and other matters at length today. ".repeat(20);
        let text = format!("Volcano erupts near village. {filler} A glacier melted nearby.");
        let bag = an.bag(&article(Some("Volcano alert"), &text, Some("2024-03-05")));
        let w = |word: &str, an: &mut Analyzer| {
            let stem = an.tok.tokenize(word)[0].stem;
            bag.counts
                .iter()
                .find(|&&(t, _)| t == stem)
                .map(|&(_, w)| w)
        };
        let volcano = w("volcano", &mut an).unwrap();
        let glacier = w("glacier", &mut an).unwrap();
        assert!(volcano > 2.0 * glacier, "{volcano} vs {glacier}");
        assert_eq!(bag.day, day_number("2024-03-05"));
        assert_eq!(day_string(bag.day.unwrap()).as_deref(), Some("2024-03-05"));
        assert!(w("tuesday", &mut an).is_none());
    }

    #[test]
    fn parallel_bags_equal_one_analyzer_reading_in_order() {
        let texts = [
            "A magnitude 6.2 earthquake struck Amatrice in central Italy, killing 120.",
            "Rescuers in Amatrice searched the rubble after the Italy earthquake.",
            "Parliament in Oslo passed the fisheries budget after a long debate in Norway.",
            "Fishermen in Tromsø protested the Norway budget; Parliament stood firm.",
            "Jeff Sessions met the Russian ambassador, the Justice Department said.",
            "",
            "Volcano erupts near Reykjavik; flights from Iceland are grounded.",
        ];
        let articles: Vec<Article> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let title = (i % 2 == 0).then(|| format!("Headline {i} about Oslo"));
                article(title.as_deref(), t, Some("2024-03-05"))
            })
            .collect();
        let refs: Vec<&Article> = articles.iter().collect();
        let cfg = Config::default();
        let mut an = Analyzer::new(&cfg);
        let sequential: Vec<Bag> = refs.iter().map(|a| an.bag(a)).collect();
        for chunk in [1, 2, 3, 100] {
            assert_eq!(
                bags_in_chunks(&refs, &cfg, chunk),
                sequential,
                "chunk {chunk}"
            );
        }
        assert_eq!(bags(&refs, &cfg), sequential);
    }

    #[test]
    fn features_are_unit_norm_sorted_and_capped() {
        let cfg = Config {
            top_terms: 5,
            ..Config::default()
        };
        let mut an = Analyzer::new(&cfg);
        let mut df = DocFreq::default();
        let f = an.features(
            &article(
                None,
                "Alpha beta gamma delta epsilon zeta eta theta iota kappa.",
                None,
            ),
            &mut df,
        );
        assert_eq!(f.terms.len(), 5);
        assert!(f.terms.windows(2).all(|w| w[0].0 < w[1].0));
        let norm: f32 = f.terms.iter().map(|&(_, w)| w * w).sum();
        assert!((norm - 1.0).abs() < 1e-5);
        let empty = an.features(&article(None, "the of and", None), &mut df);
        assert!(empty.terms.is_empty());
    }
}
