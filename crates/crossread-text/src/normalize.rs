//! Text normalization that remembers where every byte came from.
//!
//! News text mixes typographic and ASCII punctuation ("Session’s" / "Session's", “…” / "…"),
//! odd spaces (no-break, thin, zero-width) and soft hyphens. Comparing sentences across outlets
//! needs one form; citing them needs the original bytes. [`normalize`] produces both: the folded
//! text and, for every byte of it, the byte of the original it came from, so any span found in
//! the normalized text maps back with [`Normalized::to_original`].
//!
//! The folding is a fixed table (below) instead of full NFKC: NFKC leaves curly quotes and dashes
//! alone, which are the differences that matter here, and it would rewrite characters (like
//! superscripts in "CO²") whose change we would have to explain in citations.

use crossread_model::Span;

/// Normalized text plus a byte map back to the original.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Normalized {
    /// The folded text.
    pub text: String,
    /// `map[i]` is the original byte offset of normalized byte `i`; `map[text.len()]` is the
    /// original length (so end offsets map too). Non-decreasing.
    pub map: Vec<usize>,
}

impl Normalized {
    /// Maps a span of the normalized text to the span of the original it came from.
    ///
    /// The end maps to the end of the last original character covered, so the original span
    /// always contains everything the normalized one was made of.
    pub fn to_original(&self, span: Span) -> Span {
        let start = self.map.get(span.start).copied().unwrap_or(0);
        let end = if span.end == 0 {
            start
        } else {
            // The original character of the last normalized byte ends where the next
            // normalized byte's original character (or the text) begins.
            let last = self.map.get(span.end - 1).copied().unwrap_or(start);
            self.map
                .iter()
                .skip(span.end)
                .copied()
                .find(|&o| o > last)
                .unwrap_or_else(|| self.map.last().copied().unwrap_or(start))
        };
        Span::new(start, end.max(start))
    }
}

/// What a character folds to: itself (`None`), nothing (`Some("")`) or a replacement.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{00B4}' | '`' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => "\"",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => "-",
        '\u{2026}' => "...",
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => "",
        c if c != ' ' && c.is_whitespace() => " ",
        _ => return None,
    })
}

/// Folds typographic punctuation to ASCII, turns every whitespace run into one space, drops
/// invisible characters and trims, keeping the byte map. Idempotent.
pub fn normalize(text: &str) -> Normalized {
    let mut out = Normalized {
        text: String::with_capacity(text.len()),
        map: Vec::with_capacity(text.len() + 1),
    };
    let mut pending_space: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let mut buf = [0u8; 4];
        let folded: &str = match fold(c) {
            Some(f) => f,
            None => c.encode_utf8(&mut buf),
        };
        if folded == " " {
            pending_space.get_or_insert(i);
            continue;
        }
        if folded.is_empty() {
            continue;
        }
        if let Some(sp) = pending_space.take() {
            if !out.text.is_empty() {
                out.text.push(' ');
                out.map.push(sp);
            }
        }
        out.text.push_str(folded);
        out.map.extend(std::iter::repeat_n(i, folded.len()));
    }
    out.map.push(text.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_quotes_dashes_spaces() {
        let src = "  Session’s  “honest”\u{00A0}man —\u{00AD}really…  ";
        let n = normalize(src);
        assert_eq!(n.text, "Session's \"honest\" man -really...");
        // "honest" maps back to the original bytes between the curly quotes.
        let s = n.text.find("honest").unwrap();
        let o = n.to_original(Span::new(s, s + 6));
        assert_eq!(&src[o.start..o.end], "honest");
        // a folded quote maps back to the whole curly quote
        let q = n.text.find('"').unwrap();
        let o = n.to_original(Span::new(q, q + 1));
        assert_eq!(&src[o.start..o.end], "“");
    }

    #[test]
    fn idempotent_and_empty() {
        let n = normalize("a — b");
        assert_eq!(normalize(&n.text).text, n.text);
        let e = normalize("");
        assert_eq!(e.text, "");
        assert_eq!(e.map, vec![0]);
    }
}
