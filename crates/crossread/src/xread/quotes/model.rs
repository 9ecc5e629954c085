//! A trained speaker scorer over candidates ([`Ctx::candidates`]).
//!
//! The hand rules of the parent module find one speaker per quotation; they were fitted on a
//! few clusters and scored .70–.80 on every fresh blind set. This stage looks at every
//! plausible speaker of a quotation instead and ranks them with a linear model trained on the
//! hand-made gold (`bench/xread/spk_train.py`):
//!
//! 1. **Candidates**: every entity with a mention (outside quotation marks) in the
//!    quotation's sentences, the three sentences before them and the one after; the rules'
//!    choice (an entity or a role description such as "a spokesman"); the previous
//!    quotation's speaker (as the rules gave it); the article's most-named person; and "no
//!    speaker".
//! 2. **Features** ([`FEATURES`], one number each, mostly 0/1): where the candidate's nearest
//!    mention stands (same sentence, before or after the quotation, sentences back, words
//!    between), what stands next to it (a reporting verb after it or before it, "according
//!    to", a "told" or a preposition before it, a possessive, a colon that opens the
//!    quotation), its kind, how often the article names it, whether a "he"/"she" of the
//!    attribution fits its gender, whether it is the previous quotation's speaker or the
//!    article's most-named person, and whether the hand rules chose it (one feature among
//!    the rest).
//! 3. **Score**: `w · x` with the weights of [`super::weights`], a conditional-logit
//!    (softmax over one quotation's candidates) fit by `bench/xread/spk_train.py` from the
//!    gold of the development clusters; the highest score speaks, the rules' choice first
//!    on ties. The weights are a committed table: nothing is loaded at run time.

use super::weights::{WEIGHTS, WEIGHTS_CHECKSUM};
use super::{
    is_in, lower, personal_pronoun, words, Ctx, Gender, Quotation, Speaker, Word, TELL, W,
};
use crossread_model::{EntityKind, Span};
use rustc_hash::FxHashMap;

/// The features of one (quotation, candidate) pair, in the order of [`WEIGHTS`].
pub const FEATURES: &[&str] = &[
    "unknown",               // the "no speaker" candidate
    "text",                  // a role description, no entity ("a spokesman")
    "rule",                  // the hand rules chose it
    "prev",                  // the previous quotation's speaker (rules)
    "prev_x_rule_unknown",   // previous speaker while the rules found none
    "most_named",            // the article's most-named person
    "person",                // entity kind person (or an untyped name acting as one)
    "org",                   // entity kind organization
    "other",                 // place or untyped
    "mentioned",             // has a mention in the window
    "same_sentence",         // a mention in the quotation's sentences
    "before_same",           // ... before the quotation
    "after_same",            // ... after the quotation (or between its pieces)
    "prev_sentence",         // nearest mention in the sentence right before
    "sentences_back",        // nearest mention: sentences before the quotation (0..1)
    "next_sentence",         // nearest mention in the sentence after
    "word_gap",              // nearest mention: log words to the quotation edge
    "subject_of_verb",       // a reporting verb right after a mention ("X said", "X has said")
    "verb_before",           // a reporting verb right before a mention ("said X")
    "according_to",          // "according to X"
    "told_object",           // "told X": the listener
    "preposition_before",    // "of X", "for X": inside a role phrase
    "possessive",            // "X's"
    "opens_sentence",        // a mention opens its sentence
    "colon_intro",           // before the quotation in its sentence, a colon between
    "nearest_before",        // the nearest candidate mentioned before the quotation
    "nearest_person_before", // ... of persons
    "pronoun_fits",          // a "he"/"she" attribution, the candidate's gender fits
    "pronoun_clash",         // a "he"/"she" attribution, the candidate's gender differs
    "pronoun_nonperson",     // a "he"/"she" attribution, the candidate is no person
    "article_count",         // log mentions in the article (outside quotations)
    "window_count",          // mentions in the window (0..1)
    "rule_x_person",         // the rules chose a person
    "by_before",             // "by X": a passive agent
    "that_between",          // "X stated that … “…”": a that-clause between mention and quotation
    "first_in_sentence",     // the first mention of the quotation's sentence, before it
    "verb_in_gap",           // a reporting verb between the mention and the quotation
    "role_before",           // a role noun right before a mention ("spokesman, X", "prosecutor X")
    "person_over_rule",      // a person in the quotation's sentence while the rules chose no person
    "owns_next_quote", // after the quotation, and another quotation follows it in its sentence
];

/// Number of features.
pub const NF: usize = 40;

/// Role nouns whose name follows them ("Foreign Ministry spokesman, Mohammad Ali Hosseini",
/// "deputy prosecutor James Stewart", "Secretary Ali Larijani").
const ROLES: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "secretary",
    "official",
    "president",
    "prosecutor",
    "director",
    "chairman",
    "chairwoman",
    "chief",
    "senator",
    "governor",
    "general",
    "commander",
    "ambassador",
    "adviser",
    "advisor",
    "lawyer",
    "attorney",
    "analyst",
    "professor",
    "leader",
    "head",
    "manager",
    "founder",
    "executive",
    "officer",
    "consul",
    "editor",
    "uncle",
    "aunt",
    "mother",
    "father",
    "sister",
    "brother",
    "wife",
    "husband",
    "son",
    "daughter",
    "friend",
    "coach",
    "captain",
    "mayor",
    "judge",
];

/// One candidate speaker of a quotation and its features.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Who would speak.
    pub speaker: Speaker,
    /// The features, in the order of [`FEATURES`].
    pub x: [f64; NF],
}

fn fi(name: &str) -> usize {
    FEATURES
        .iter()
        .position(|f| *f == name)
        .expect("feature name")
}

/// The model's score of a feature vector.
pub fn score(x: &[f64; NF]) -> f64 {
    x.iter().zip(WEIGHTS.iter()).map(|(a, b)| a * b).sum()
}

/// A checksum of a weight table as the trainer prints it (FNV-1a over each weight formatted
/// with 6 decimals, joined by ","): the table in the source is the trainer's.
pub fn checksum(w: &[f64]) -> u64 {
    let s: Vec<String> = w.iter().map(|x| format!("{x:.6}")).collect();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.join(",").bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Whether the committed table is the one the trainer wrote (its checksum line).
pub fn table_is_consistent() -> bool {
    WEIGHTS.len() == NF && FEATURES.len() == NF && checksum(&WEIGHTS) == WEIGHTS_CHECKSUM
}

/// The index of the best candidate: highest score, the first on ties (candidates list the
/// rules' choice first).
pub fn best(cands: &[Candidate]) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, c) in cands.iter().enumerate() {
        let s = score(&c.x);
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

/// Per-mention flags and positions, folded per candidate.
#[derive(Default, Clone, Copy)]
struct Near {
    /// Byte distance of the nearest mention to the quotation.
    dist: usize,
    /// That mention's start.
    at: usize,
}

impl<'a> Ctx<'a> {
    /// The rules' speakers of an article's quotations rescored by the model.
    pub(super) fn rescore(&self, out: &mut [Quotation]) {
        let cands: Vec<Vec<Candidate>> = (0..out.len()).map(|i| self.candidates(out, i)).collect();
        for (q, c) in out.iter_mut().zip(cands) {
            if let Some(b) = best(&c) {
                q.speaker = c[b].speaker;
            }
        }
    }

    /// The article's most-named person: most mentions outside quotations, at least two.
    fn most_named(&self) -> Option<u32> {
        let mut counts: FxHashMap<u32, usize> = FxHashMap::default();
        for m in self.mentions {
            if self.is_person(m) && !self.in_quote(m.span.start) {
                *counts.entry(m.entity).or_default() += 1;
            }
        }
        counts
            .into_iter()
            .filter(|&(_, n)| n >= 2)
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(e, _)| e)
    }

    /// The gender of a "he"/"she" that reports speech in the sentences of the quotation
    /// (outside its marks): "he said", "said she", "she added".
    fn attribution_pronoun(&self, q: &Quotation, s0: usize, s1: usize) -> Option<Gender> {
        let lo = self.sentences[s0].start;
        let hi = self.sentences[s1].end;
        let ws = words(self.text, lo, hi);
        for (k, w) in ws.iter().enumerate() {
            if self.in_quote(w.s) || q.pieces.iter().any(|p| p.start <= w.s && w.s < p.end) {
                continue;
            }
            let Some(g) = personal_pronoun(&lower(self.text, *w)) else {
                continue;
            };
            let next = ws.get(k + 1).map(|n| lower(self.text, *n));
            let prev = k.checked_sub(1).map(|j| lower(self.text, ws[j]));
            let verb = |t: &Option<String>| t.as_deref().is_some_and(|t| is_in(Word::Verb, t));
            let aux = next.as_deref().is_some_and(|t| is_in(Word::Aux, t))
                && ws
                    .get(k + 2)
                    .is_some_and(|n| is_in(Word::Verb, &lower(self.text, *n)));
            if verb(&next) || verb(&prev) || aux {
                return Some(g);
            }
        }
        None
    }

    /// Words of `text[lo..hi]`, none when `hi` is not after `lo` (a mention between the
    /// pieces of a split quotation).
    fn words_between(&self, lo: usize, hi: usize) -> Vec<W> {
        if lo < hi {
            words(self.text, lo, hi)
        } else {
            Vec::new()
        }
    }

    /// Words of the mention's sentence right before and right after it.
    fn around(&self, sp: Span) -> (Vec<W>, Vec<W>) {
        let Some(s) = self.sent_at(sp.start) else {
            return (Vec::new(), Vec::new());
        };
        let sent = self.sentences[s];
        let before = words(self.text, sent.start, sp.start.max(sent.start));
        let after = words(self.text, sp.end.min(sent.end).max(sent.start), sent.end);
        (before, after)
    }

    /// Candidates of quotation `i` of `out` (the rules' result of the article), the rules'
    /// choice first.
    pub(super) fn candidates(&self, out: &[Quotation], i: usize) -> Vec<Candidate> {
        let q = &out[i];
        let (Some(first), Some(last)) = (q.pieces.first(), q.pieces.last()) else {
            return Vec::new();
        };
        let (qs, qe) = (first.start, last.end);
        let (Some(s0), Some(s1)) = (self.sent_at(qs), self.sent_at(qe.saturating_sub(1))) else {
            return Vec::new();
        };
        let s1 = s1.max(s0);
        let w0 = s0.saturating_sub(3);
        let w1 = (s1 + 1).min(self.sentences.len() - 1);
        let (lo, hi) = (self.sentences[w0].start, self.sentences[w1].end);
        let pron = self.attribution_pronoun(q, s0, s1);
        let prev = i.checked_sub(1).map(|j| out[j].speaker);
        let most = self.most_named();

        let mut order: Vec<Speaker> = vec![q.speaker];
        let mut feats: FxHashMap<Speaker, [f64; NF]> = FxHashMap::default();
        let mut near: FxHashMap<u32, Near> = FxHashMap::default();
        let mut counts: FxHashMap<u32, usize> = FxHashMap::default();
        let add = |sp: Speaker, order: &mut Vec<Speaker>| {
            if !order.contains(&sp) {
                order.push(sp);
            }
        };
        let f = |n: &str| fi(n);

        // Mentions in the window, outside quotation marks.
        let inside = |pos: usize| q.pieces.iter().any(|p| p.start <= pos && pos < p.end);
        let mut nearest_before: Option<(usize, u32)> = None;
        let mut nearest_person_before: Option<(usize, u32)> = None;
        // Whether a mention of the quotation's first sentence was met before it.
        let mut first_seen = false;
        for m in self.mentions {
            if m.span.start < lo || m.span.end > hi || self.in_quote(m.span.start) {
                continue;
            }
            if inside(m.span.start) {
                continue;
            }
            let e = m.entity;
            add(Speaker::Entity(e), &mut order);
            *counts.entry(e).or_default() += 1;
            let x = feats.entry(Speaker::Entity(e)).or_insert([0.0; NF]);
            let Some(ms) = self.sent_at(m.span.start) else {
                continue;
            };
            x[f("mentioned")] = 1.0;
            let before = m.span.end <= qs;
            let dist = if before {
                qs - m.span.end
            } else {
                m.span.start.saturating_sub(qe)
            };
            if (s0..=s1).contains(&ms) {
                x[f("same_sentence")] = 1.0;
                if before {
                    x[f("before_same")] = 1.0;
                } else {
                    x[f("after_same")] = 1.0;
                }
            }
            if before {
                if nearest_before.is_none_or(|(d, _)| dist < d) {
                    nearest_before = Some((dist, e));
                }
                if self.is_person(m) && nearest_person_before.is_none_or(|(d, _)| dist < d) {
                    nearest_person_before = Some((dist, e));
                }
            }
            let n = near.entry(e).or_insert(Near {
                dist: usize::MAX,
                at: 0,
            });
            if dist < n.dist {
                *n = Near {
                    dist,
                    at: m.span.start,
                };
            }
            // What stands around the mention.
            let (bw, aw) = self.around(m.span);
            let after_text = self.text.get(m.span.end..).unwrap_or("");
            if after_text.starts_with("'s") || after_text.starts_with("’s") {
                x[f("possessive")] = 1.0;
            }
            if bw.is_empty() {
                x[f("opens_sentence")] = 1.0;
            }
            for w in aw.iter().take(4) {
                let t = lower(self.text, *w);
                if is_in(Word::Verb, &t) {
                    x[f("subject_of_verb")] = 1.0;
                    break;
                }
                if !(is_in(Word::Aux, &t) || t.ends_with("ly")) {
                    break;
                }
            }
            if let Some(w) = bw.last() {
                let between = &self.text[w.e..m.span.start];
                if ROLES.contains(&lower(self.text, *w).as_str())
                    && between.chars().all(|c| c == ',' || c.is_whitespace())
                {
                    x[f("role_before")] = 1.0;
                }
            }
            if !before
                && self.pieces.iter().any(|p| {
                    p.open >= m.span.end && p.inner.start >= qe && self.sent_at(p.open) == Some(ms)
                })
            {
                x[f("owns_next_quote")] = 1.0;
            }
            let prev_words: Vec<String> = bw
                .iter()
                .rev()
                .take(3)
                .map(|w| lower(self.text, *w))
                .collect();
            if let Some(p1) = prev_words.first() {
                if TELL.contains(&p1.as_str()) {
                    x[f("told_object")] = 1.0;
                } else if p1 == "by" {
                    x[f("by_before")] = 1.0;
                } else if is_in(Word::Preposition, p1) && p1 != "to" {
                    x[f("preposition_before")] = 1.0;
                }
                if p1 == "to" && prev_words.get(1).is_some_and(|t| t == "according") {
                    x[f("according_to")] = 1.0;
                }
            }
            // "said X", "said the spokesman, X": a reporting verb (no "told") among the
            // three words before, with lower-case words only between.
            for (k, t) in prev_words.iter().enumerate() {
                if is_in(Word::Verb, t) && !TELL.contains(&t.as_str()) {
                    x[f("verb_before")] = 1.0;
                    break;
                }
                let w = bw[bw.len() - 1 - k];
                if !super::is_lower_word(self.text, w) {
                    break;
                }
            }
            if before && ms == s0 && self.text[m.span.end..qs].contains(':') {
                x[f("colon_intro")] = 1.0;
            }
            // Between the mention and the quotation, in the same sentence.
            if (s0..=s1).contains(&ms) {
                let gap = if before {
                    self.words_between(m.span.end, qs)
                } else {
                    self.words_between(qe, m.span.start)
                };
                let gap: Vec<String> = gap
                    .into_iter()
                    .filter(|w| !self.in_quote(w.s) && !inside(w.s))
                    .map(|w| lower(self.text, w))
                    .collect();
                if before && gap.iter().any(|t| t == "that") {
                    x[f("that_between")] = 1.0;
                }
                if gap.iter().any(|t| is_in(Word::Verb, t)) {
                    x[f("verb_in_gap")] = 1.0;
                }
                if before && !first_seen {
                    x[f("first_in_sentence")] = 1.0;
                }
                if before {
                    first_seen = true;
                }
            }
            let kind = if self.is_person(m) {
                "person"
            } else if m.kind == EntityKind::Organization {
                "org"
            } else {
                "other"
            };
            x[f(kind)] = 1.0;
        }
        // Distances of each entity's nearest mention.
        for (&e, n) in &near {
            let x = feats.get_mut(&Speaker::Entity(e)).expect("entity seen");
            let Some(ms) = self.sent_at(n.at) else {
                continue;
            };
            if ms < s0 {
                x[f("sentences_back")] = (s0 - ms).min(4) as f64 / 4.0;
                if ms + 1 == s0 {
                    x[f("prev_sentence")] = 1.0;
                }
            }
            if ms > s1 {
                x[f("next_sentence")] = 1.0;
            }
            let gap = if n.at < qs {
                self.words_between(n.at, qs).len()
            } else {
                self.words_between(qe, n.at).len()
            };
            x[f("word_gap")] = ((1 + gap) as f64).ln() / 4.0;
            x[f("window_count")] = (counts[&e].min(5)) as f64 / 5.0;
        }
        if let Some((_, e)) = nearest_before {
            if let Some(x) = feats.get_mut(&Speaker::Entity(e)) {
                x[f("nearest_before")] = 1.0;
            }
        }
        if let Some((_, e)) = nearest_person_before {
            if let Some(x) = feats.get_mut(&Speaker::Entity(e)) {
                x[f("nearest_person_before")] = 1.0;
            }
        }

        // Speakers that need no mention in the window.
        if let Some(p) = prev {
            add(p, &mut order);
        }
        if let Some(e) = most {
            add(Speaker::Entity(e), &mut order);
        }
        add(Speaker::Unknown, &mut order);

        let rule_no_person = match q.speaker {
            Speaker::Entity(e) => feats
                .get(&q.speaker)
                .map_or(!self.may_be_person(e), |x| x[f("person")] == 0.0),
            _ => true,
        };
        let article_counts = {
            let mut c: FxHashMap<u32, usize> = FxHashMap::default();
            for m in self.mentions {
                if !self.in_quote(m.span.start) {
                    *c.entry(m.entity).or_default() += 1;
                }
            }
            c
        };
        order
            .into_iter()
            .map(|sp| {
                let mut x = feats.get(&sp).copied().unwrap_or([0.0; NF]);
                match sp {
                    Speaker::Unknown => x[f("unknown")] = 1.0,
                    Speaker::Text(_) => x[f("text")] = 1.0,
                    Speaker::Entity(e) => {
                        let person = self.may_be_person(e)
                            && (self.gender.contains_key(&e)
                                || self
                                    .mentions
                                    .iter()
                                    .any(|m| m.entity == e && self.is_person(m)));
                        if x[f("mentioned")] == 0.0 {
                            // Kind from any mention of the article.
                            let kind = self.mentions.iter().find(|m| m.entity == e).map(|m| m.kind);
                            let k = if person {
                                "person"
                            } else if kind == Some(EntityKind::Organization) {
                                "org"
                            } else {
                                "other"
                            };
                            x[f(k)] = 1.0;
                        }
                        let n = article_counts.get(&e).copied().unwrap_or(0);
                        x[f("article_count")] = ((1 + n) as f64).ln() / 3.0;
                        if Some(e) == most {
                            x[f("most_named")] = 1.0;
                        }
                        if let Some(g) = pron {
                            match self.gender.get(&e) {
                                Some(&h) if h == g => x[f("pronoun_fits")] = 1.0,
                                Some(_) => x[f("pronoun_clash")] = 1.0,
                                None if !person => x[f("pronoun_nonperson")] = 1.0,
                                None => {}
                            }
                        }
                    }
                }
                if rule_no_person && x[f("person")] == 1.0 && x[f("same_sentence")] == 1.0 {
                    x[f("person_over_rule")] = 1.0;
                }
                if sp == q.speaker && sp != Speaker::Unknown {
                    x[f("rule")] = 1.0;
                    if x[f("person")] == 1.0 {
                        x[f("rule_x_person")] = 1.0;
                    }
                }
                if prev == Some(sp) && sp != Speaker::Unknown {
                    x[f("prev")] = 1.0;
                    if q.speaker == Speaker::Unknown {
                        x[f("prev_x_rule_unknown")] = 1.0;
                    }
                }
                Candidate { speaker: sp, x }
            })
            .collect()
    }
}
