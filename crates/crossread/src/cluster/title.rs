//! Titles for stories whose articles have no headline (Multi-News, plain-text files without a
//! headline line): the lead sentence of the story's most central article, cut to a headline's
//! length at a word boundary.
//!
//! The lead is what news writes to state the event, so it reads as a headline once cut; the
//! most central article (closest to the story's centroid) is the one most typical of the
//! story, not an outlier that happened to come first. Sentences too short to say anything
//! ("Story highlights", a photo credit the cleaner let through) are skipped.

use crossread_text::{clean, segment::Segmenter};

/// Longest title, in bytes, before it is cut at a word boundary (about a long headline).
pub const MAX_TITLE_BYTES: usize = 90;
/// Fewest words a sentence needs to serve as a title.
const MIN_WORDS: usize = 5;
/// Sentences of the lead tried before falling back to the first one.
const LEAD_SENTENCES: usize = 3;

/// A headline for an untitled article: its first prose sentence of at least five words
/// (among the first three; else the first), without a final period, cut to at most
/// [`MAX_TITLE_BYTES`] bytes at a word boundary with `…` appended. A text with no prose
/// gives its first non-blank line, cut alike; `None` when it has none.
pub fn lead_headline(text: &str) -> Option<String> {
    let mut seg = Segmenter::new();
    let mut spans = Vec::new();
    let mut first: Option<&str> = None;
    let mut tried = 0;
    for region in clean::prose_regions(text) {
        let body = &text[region.start..region.end];
        seg.run_into(body, &mut spans);
        for s in &spans {
            let sentence = body[s.start..s.end].trim();
            if sentence.is_empty() {
                continue;
            }
            first.get_or_insert(sentence);
            if sentence.split_whitespace().count() >= MIN_WORDS {
                return Some(cut(sentence));
            }
            tried += 1;
            if tried == LEAD_SENTENCES {
                return first.map(cut);
            }
        }
    }
    // No prose line at all (a one-line fragment, a caption): its first line beats no title.
    first
        .or_else(|| text.lines().map(str::trim).find(|l| !l.is_empty()))
        .map(cut)
}

/// `sentence` as a headline: whitespace runs folded to one space, a single final period
/// dropped, cut at the last word boundary within [`MAX_TITLE_BYTES`] (then `…` appended).
fn cut(sentence: &str) -> String {
    let mut out = String::with_capacity(MAX_TITLE_BYTES + 3);
    let mut words = sentence.split_whitespace().peekable();
    let mut truncated = false;
    while let Some(w) = words.next() {
        let extra = usize::from(!out.is_empty()) + w.len();
        if out.len() + extra > MAX_TITLE_BYTES {
            truncated = true;
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
        if words.peek().is_none() && out.ends_with('.') && !out.ends_with("..") {
            out.pop();
        }
    }
    if truncated {
        if out.is_empty() {
            // One word longer than a headline (a URL): cut it at a character boundary.
            let end = (0..=MAX_TITLE_BYTES)
                .rev()
                .find(|&i| sentence.is_char_boundary(i))
                .unwrap_or(0);
            out.push_str(&sentence[..end]);
        }
        // Do not end on a dangling comma or dash before the ellipsis.
        let kept = out.trim_end_matches([',', ';', ':', '-', '—', '–']).len();
        out.truncate(kept);
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lead_is_the_title_without_its_period() {
        let text = "Rescuers reached the village of Amatrice on Wednesday.\n\nMore followed.";
        assert_eq!(
            lead_headline(text).as_deref(),
            Some("Rescuers reached the village of Amatrice on Wednesday")
        );
    }

    #[test]
    fn long_lead_is_cut_at_a_word_boundary() {
        let text = "Mitt Romney delivered a sweeping broadside against Donald Trump on Thursday, \
                    laying into the Republican presidential front-runner with a sharper attack \
                    than any of the party's contenders. He spoke in Utah.";
        let t = lead_headline(text).unwrap();
        assert!(t.len() <= MAX_TITLE_BYTES + '…'.len_utf8(), "{t}");
        assert!(t.ends_with('…'), "{t}");
        let body = t.trim_end_matches('…');
        assert!(text.starts_with(body), "{t}");
        // The cut falls between words.
        assert_eq!(text.as_bytes()[body.len()], b' ', "{t}");
        assert!(body.starts_with("Mitt Romney delivered a sweeping broadside against Donald Trump"));
    }

    #[test]
    fn fragments_are_skipped_and_empty_text_has_no_title() {
        let text =
            "Story highlights\n\nThe campaign has been silent on social media since Tuesday.";
        assert_eq!(
            lead_headline(text).as_deref(),
            Some("The campaign has been silent on social media since Tuesday")
        );
        assert_eq!(lead_headline("   \n\n  "), None);
        // Only fragments: the first one is better than nothing.
        assert_eq!(
            lead_headline("Breaking news").as_deref(),
            Some("Breaking news")
        );
    }

    #[test]
    fn a_single_overlong_word_is_cut_on_a_character_boundary() {
        let text = "é".repeat(100);
        let t = lead_headline(&text).unwrap();
        assert!(t.ends_with('…') && t.len() <= MAX_TITLE_BYTES + 3, "{t}");
    }
}
