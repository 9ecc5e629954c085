//! Event signatures: what in a headline says *which* event of a kind an article reports.
//!
//! Two stories of one kind in one week share their vocabulary and their names: "Tour de France:
//! Vinokourov wins stage 13" and "… wins stage 15", "Olympic torch extinguished three times in
//! Paris" and "Olympic torch faces protests in San Francisco". Their vectors are as close as
//! two reports of one event; what tells them apart is a small slot of the headline that names
//! the event: a number attached to the same noun, or the place the event is *in*. An
//! [`EventSig`] holds those slots, and two signatures *contrast* when they fill one slot
//! differently ([`EventSig::contrasts`]); the clusterer does not join or merge contrasting
//! articles and stories.
//!
//! # Numbered events
//! A word followed by a plain number (`stage 13`, `Flight 447`, `magnitude 6.9`), or a decimal
//! number followed by a word (`6.1 magnitude`): the pair (word, number). Two signatures with
//! the same word and no number in common contrast. What is *not* an event number, so that a
//! rising toll never splits a story: numbers with thousands separators (`80,000`), a number
//! after a function word, a count word or a verb of change (`toll rises to 300`, `kills 200`,
//! `killed 200`, `more than 120`), a number before a word unless it is a decimal (`15
//! sailors`, `200 dead`), dates (`July 7`), and numbers joined to other characters (`7/7`).
//!
//! # Places
//! The capitalised words right after `in` (`… in Paris`, `… in San Francisco`): where the
//! headline puts its event. Two signatures contrast when both have such a place and neither
//! headline mentions any word of the other's place anywhere: "… in Basra, Iraq" does not
//! contrast with "… crewmen in Iran" when the first headline also says "Iran". A place named
//! only as background ("London bombing: police search houses in Leeds" next to "London bombing
//! suspects are British") does not contrast either: only one headline has an `in` place.
//!
//! Headlines only: an untitled article has an empty signature, which contrasts with nothing.

use rustc_hash::FxHasher;
use std::hash::Hasher;

/// The event slots of one headline (or of the union of a story's headlines).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EventSig {
    /// `(word hash, number hash)`, sorted, unique.
    pub numbered: Vec<(u32, u32)>,
    /// Hashes of the words of the places the event is `in`, sorted, unique.
    pub places: Vec<u32>,
    /// Hashes of every lower-cased headline word, sorted, unique (empty when the headline has
    /// neither a numbered event nor a place: nothing to check it against then).
    pub words: Vec<u32>,
}

/// Words after which a number counts something or is not an identifier: function words, count
/// nouns and verbs of change (a toll that rises must not split its story). Plus calendar words
/// (a date says when, not which). Written by hand from general English, not learned.
const NOT_EVENT_WORDS: &str = "a an the to of in on at by for from with than about over under \
    into onto near nearly almost around up down and or but as is are was were be been has have \
    had more less most least some all top tops only just least past after before since until \
    toll tolls dead death deaths killed kill kills killing injured injures injuring wounded \
    missing victims people persons rises rise rising rose climbs climb climbed reaches reach \
    reached passes pass passed exceeds exceed exceeded nears near mounts mount mounted hits hit \
    tops topped surpasses surpassed jumps jumped grows grew now reportedly estimated least \
    january february march april may june july august september october november december \
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday \
    saturday sunday year years day days week weeks month months hours minutes aged age arrest \
    arrests detain detains evacuate evacuates rescue rescues save saves free frees \
    release releases hold holds";

/// Words that do not belong to a place name after `in` ("in the Atlantic").
const PLACE_SKIP: &[&str] = &["the", "a", "an"];

fn hash(s: &str) -> u32 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    h.write_u8(0xff);
    h.finish() as u32
}

/// A headline token: the text without surrounding punctuation, and whether it ends a clause
/// (a comma, colon, semicolon or period after it).
struct Token<'a> {
    text: &'a str,
    ends_clause: bool,
}

fn tokens(headline: &str) -> Vec<Token<'_>> {
    headline
        .split_whitespace()
        .filter_map(|raw| {
            let text = raw.trim_matches(|c: char| !c.is_alphanumeric());
            if text.is_empty() {
                return None;
            }
            let tail = &raw[raw.rfind(text).map_or(raw.len(), |i| i + text.len())..];
            Some(Token {
                text,
                ends_clause: tail.contains([',', ';', ':', '.']),
            })
        })
        .collect()
}

/// `Some(normalised number)` for a plain number: digits, at most one decimal point, no
/// thousands separator or other characters.
fn plain_number(t: &str) -> Option<String> {
    if !t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        || t.bytes().filter(|&b| b == b'.').count() > 1
    {
        return None;
    }
    let v: f64 = t.parse().ok()?;
    Some(format!("{v}"))
}

fn is_word(t: &str) -> bool {
    t.chars().count() >= 2 && t.chars().all(char::is_alphabetic)
}

impl EventSig {
    /// The signature of one headline.
    pub fn from_headline(headline: &str) -> Self {
        let toks = tokens(headline);
        let excluded: Vec<&str> = NOT_EVENT_WORDS.split_whitespace().collect();
        let lower: Vec<String> = toks.iter().map(|t| t.text.to_lowercase()).collect();
        let event_word = |i: usize| -> bool {
            let w = &lower[i];
            is_word(w) && !excluded.contains(&w.as_str()) && !w.ends_with("ed")
        };
        let mut sig = EventSig::default();
        for (i, t) in toks.iter().enumerate() {
            let Some(num) = plain_number(t.text) else {
                continue;
            };
            let n = hash(&num);
            // A number before a plural ("arrest 30 protesters") counts something.
            let counts = i + 1 < toks.len() && !t.ends_clause && lower[i + 1].ends_with('s');
            // `stage 13`: the word before, in the same clause.
            if i > 0 && !toks[i - 1].ends_clause && !counts && event_word(i - 1) {
                sig.numbered.push((hash(&lower[i - 1]), n));
            }
            // `6.1 magnitude`: a decimal before its word.
            if t.text.contains('.') && !t.ends_clause && i + 1 < toks.len() && event_word(i + 1) {
                sig.numbered.push((hash(&lower[i + 1]), n));
            }
        }
        for (i, w) in lower.iter().enumerate() {
            if w != "in" || toks[i].ends_clause {
                continue;
            }
            let mut j = i + 1;
            while j < toks.len() && PLACE_SKIP.contains(&lower[j].as_str()) {
                j += 1;
            }
            // At most three capitalised words, up to the end of the clause.
            let start = j;
            while j < toks.len()
                && j - start < 3
                && is_word(toks[j].text)
                && toks[j].text.starts_with(char::is_uppercase)
            {
                sig.places.push(hash(&lower[j]));
                j += 1;
                if toks[j - 1].ends_clause {
                    break;
                }
            }
        }
        if !sig.numbered.is_empty() || !sig.places.is_empty() {
            sig.words = lower.iter().map(|w| hash(w)).collect();
        }
        sig.normalise();
        sig
    }

    fn normalise(&mut self) {
        self.numbered.sort_unstable();
        self.numbered.dedup();
        self.places.sort_unstable();
        self.places.dedup();
        self.words.sort_unstable();
        self.words.dedup();
    }

    /// True when the headline gave no event slot.
    pub fn is_empty(&self) -> bool {
        self.numbered.is_empty() && self.places.is_empty()
    }

    /// Adds another signature's slots (a story's signature is the union of its headlines').
    pub fn absorb(&mut self, other: &EventSig) {
        if other.is_empty() {
            return;
        }
        self.numbered.extend_from_slice(&other.numbered);
        self.places.extend_from_slice(&other.places);
        self.words.extend_from_slice(&other.words);
        self.normalise();
    }

    /// Whether the two signatures name different events: the same word with no number in
    /// common, or places `in` which neither headline mentions the other's.
    pub fn contrasts(&self, other: &EventSig) -> bool {
        if self.is_empty() || other.is_empty() {
            return false;
        }
        for (k, group) in self
            .numbered
            .chunk_by(|a, b| a.0 == b.0)
            .map(|g| (g[0].0, g))
        {
            let theirs: Vec<u32> = other
                .numbered
                .iter()
                .filter(|p| p.0 == k)
                .map(|p| p.1)
                .collect();
            if !theirs.is_empty() && !group.iter().any(|p| theirs.contains(&p.1)) {
                return true;
            }
        }
        !self.places.is_empty()
            && !other.places.is_empty()
            && !self
                .places
                .iter()
                .any(|p| other.words.binary_search(p).is_ok())
            && !other
                .places
                .iter()
                .any(|p| self.words.binary_search(p).is_ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contrast(a: &str, b: &str) -> bool {
        let (x, y) = (EventSig::from_headline(a), EventSig::from_headline(b));
        assert_eq!(x.contrasts(&y), y.contrasts(&x), "{a} / {b}");
        x.contrasts(&y)
    }

    #[test]
    fn different_numbers_of_one_event_word_contrast() {
        assert!(contrast(
            "Tour de France: Alexander Vinokourov wins stage 13",
            "Tour de France: Alexandre Vinokourov wins stage 15"
        ));
        assert!(contrast(
            "7.0 magnitude earthquake strikes off Haitian coast",
            "6.1 magnitude aftershock earthquake hits Haiti"
        ));
        assert!(contrast(
            "Magnitude 6.9 earthquake hits Chile",
            "6.5 magnitude aftershock hits Chile"
        ));
        assert!(!contrast(
            "Vinokourov wins stage 13",
            "Stage 13 protest: Vinokourov wins again"
        ));
        assert!(!contrast(
            "Search for Flight 447 goes on",
            "Wreckage of Flight 447 found"
        ));
    }

    #[test]
    fn rising_tolls_and_counts_do_not_contrast() {
        for (a, b) in [
            ("Quake toll rises to 200", "Quake toll rises to 300"),
            (
                "Earthquake kills 200 in Turkey",
                "Earthquake kills 300 in Turkey",
            ),
            (
                "Earthquake: 200 killed in Turkey",
                "Earthquake: 300 killed in Turkey",
            ),
            (
                "Tsunami toll passes 80,000 people",
                "Tsunami deaths mount to more than 120,000",
            ),
            ("Death toll 90 after flood", "Death toll 120 after flood"),
            ("15 sailors captured", "14 sailors freed"),
            ("Tributes on July 7", "Memorial on July 8"),
            ("Police arrest 30 protesters", "Police arrest 37 protesters"),
            ("Riot: police arrest 30", "Riot: police arrest 37"),
            ("Navy rescues 12 sailors", "Navy rescues 15 sailors"),
            ("Fire in 2005", "Fire in 2006"),
        ] {
            assert!(!contrast(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn places_the_event_is_in_contrast_unless_mentioned() {
        assert!(contrast(
            "2008 Olympic torch arrives in London",
            "Olympic torch extinguished three times in Paris"
        ));
        assert!(contrast(
            "Olympic torch extinguished three times in Paris",
            "Olympic torch faces protests in San Francisco"
        ));
        // The other place is named in the headline: background, not a different event.
        assert!(!contrast(
            "Iran 'suspends' releasing British soldiers; Shots fired near Iranian Consul in Basra, Iraq",
            "European Union calls for release of British crewmen in Iran"
        ));
        // Only one headline places its event.
        assert!(!contrast(
            "London bombing: Police search houses in Leeds",
            "London bombing suspects are all British nationals"
        ));
        assert!(!contrast(
            "Climate change talks continue in Bali",
            "Climate conference in Bali begins"
        ));
        assert!(!contrast(
            "Talks in the Hague stall",
            "Deal reached in The Hague"
        ));
        // Lower-case words after `in` are no place.
        assert!(!contrast("Race begins in earnest", "Rain falls in Paris"));
    }

    #[test]
    fn a_story_signature_is_the_union_of_its_headlines() {
        let mut story = EventSig::from_headline("2008 Olympic torch arrives in London");
        story.absorb(&EventSig::from_headline(
            "Protests surround London Olympic torch relay",
        ));
        assert!(story.contrasts(&EventSig::from_headline("Torch relay ends early in Paris")));
        assert!(!story.contrasts(&EventSig::from_headline("Torch relay in London ends")));
        assert!(EventSig::from_headline("Protests surround London Olympic torch relay").is_empty());
        assert!(!story.contrasts(&EventSig::default()));
    }
}
