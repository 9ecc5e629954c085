//! Which lines of an article are prose.
//!
//! Text pulled from news pages carries lines that are not part of the story: photo captions and
//! credits ("… at the Justice Department. Instagram/Yuri Gripas"), the attribution line of an
//! embedded tweet ("— Maine First Media (@MaineFirstMedia) March 2, 2017"), share and subscribe
//! prompts, "Print Friendly, PDF & Email", adverts, "Read more" links, bylines, datelines and
//! copyright notices. A summary sentence must never come from those.
//!
//! The text itself is never changed: [`prose_regions`] returns byte spans of the runs of prose
//! lines (with a leading dateline such as "WASHINGTON (Reuters) —" cut off), and later stages
//! segment only inside them. [`classify_line`] says why a line was dropped, which the tests and
//! debugging output use.
//!
//! The rules are line patterns (a `RegexSet`, compiled once) rather than a learned model: the
//! boilerplate of news pages is formulaic, the patterns are readable and each is tested, and a
//! wrongly kept caption costs less than a wrongly dropped paragraph, so every rule is anchored
//! and length-limited.

use crossread_model::Span;
use regex::Regex;
use std::sync::OnceLock;

/// Why a line is not prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Boilerplate {
    /// A photo caption or credit.
    PhotoCredit,
    /// An embedded social-media post (its attribution line or a bare media link).
    Embed,
    /// Share / subscribe / print / follow prompts, adverts, "Read more" links.
    Prompt,
    /// A byline or a reporting/editing credit.
    Byline,
    /// A line that is only a date, a time or a place-and-date.
    Dateline,
    /// A copyright or rights notice.
    Copyright,
    /// A short line with no sentence punctuation: a heading or a navigation fragment.
    Fragment,
}

struct Rules {
    /// Tried in order. Separate regexes rather than one `RegexSet`: a set's overlapping search
    /// falls back to the slow PikeVM on these Unicode classes (measured: 70% of a whole run),
    /// while each `Regex::is_match` runs a lazy DFA.
    /// The third field caps the line length (bytes) a rule applies to: prompts, bylines and
    /// datelines are short lines. Capping here instead of with `.{0,80}` in the pattern keeps
    /// the automata small (bounded repeats of Unicode classes compile slowly).
    lines: Vec<(Boilerplate, Regex, usize)>,
    dateline_prefix: Regex,
    label_prefix: Regex,
}

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        use Boilerplate::*;
        let month = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";
        let rules: Vec<(Boilerplate, String)> = vec![
            // Must stay first: `classify_line` runs it on the line's tail only.
            // "... Justice Department. Instagram/Yuri Gripas", "(AP Photo/Evan Vucci)", "REUTERS/Kevin Lamarque"
            (PhotoCredit, r"(?:^|[\s(])[A-Z][A-Za-z]+(?: Photo)?\s?/\s?[A-Z][A-Za-z'.-]+(?: [A-Z][A-Za-z'.-]+){0,3}\)?\s*$".into()),
            (PhotoCredit, r"(?i)(?-u:\b)(?:getty images|ap photo|afp photo|afp/getty|epa-efe|shutterstock|istockphoto|photo credit|image credit|image copyright|image caption|toggle caption|hide caption|enlarge this image|(?-i:Photograph:|Photo:|Photos:|PHOTO:|PHOTOS:|Pictured:)|file photo|\(photo by|photo by (?-i:[A-Z]))".into()),
            // A photo agency's caption block (WENN and others): "<caption> Featuring: Serena
            // Williams Where: Milan, Italy When: 23 Sep 2016 Credit: IPA/WENN.com". Two of its
            // labels in order: its "When:" date must not pass for the article's date.
            (PhotoCredit, r"(?:Featuring|Where): .+ (?:When|Credit): ".into()),
            // tweet attribution "— Name (@handle) March 2, 2017", bare media links
            (Embed, format!(r"^\s*[—–-]+\s*.*\(@[0-9A-Za-z_]+\)\s*{month}\s+[0-9]{{1,2}},\s*[0-9]{{4}}\s*$")),
            // (two rules: a pattern of literals alone is found by a fast literal search)
            (Embed, r"(?i)pic\.twitter\.com/|https?://t\.co/".into()),
            (Embed, r"(?i)^\s*(?:a post shared by|view this post on instagram)".into()),
            // A video player's caption left in the text: USA Today's "CLOSE <blurb>", the
            // BBC's "Media playback is unsupported on your device Media caption <blurb>", an
            // embed box "<title> 0:35 autoplay autoplay Copy this code to your website".
            (Embed, r"^(?:CLOSE|Media playback is (?:unsupported|not supported) on your device)\s".into()),
            (Embed, r"[0-9]:[0-9]{2} autoplay autoplay|(?i)copy this code to your website".into()),
            (Prompt, r"(?i)print friendly, pdf|^[^0-9A-Za-z]*(?:share|tweet|e-?mail|print|subscribe|sign up|follow (?:us|him|her|me)|advertisement|advertising|sponsored|read more|read next|related|see also|click here|continue reading|recommended|more from|more:|watch:|listen:|trending|comments?|you may also like|this article|skip to|newsletter)(?-u:\b)[^.!?]*$".into()),
            // Sign-up boxes and player notices, wherever they start ("Get daily updates directly
            // to your inbox + Subscribe Thank you for subscribing!").
            (Prompt, r"(?i)thank you for subscribing|directly to your inbox|latest version of (?:the )?adobe flash player|view all [a-z .']{0,40}newsletters".into()),
            (Prompt, r"(?i)^[^0-9A-Za-z]*(?:share|like) (?:on|this|via) |(?:facebook|twitter|linkedin|whatsapp|pinterest|reddit)\s*[|,/]\s*(?:facebook|twitter|linkedin|whatsapp|pinterest|reddit|e-?mail)".into()),
            (Byline, r"^\s*(?i:by|posted by|written by|story by|words by)\s+[A-Z][0-9A-Za-z_.'-]*(?:\s+(?:[A-Z][0-9A-Za-z_.'-]*|and|&|,|of|the))*\s*[,|]?\s*[0-9A-Za-z_ .,'|-]*$".into()),
            (Byline, r"(?i)^\s*\(?\s*(?:reporting|additional reporting|writing|editing) by(?-u:\b).*\)?\s*$".into()),
            (Copyright, r"(?i)(?:©|\(c\)|copyright\s+(?:©\s*)?[0-9]{4})|all rights reserved|may not be (?:published|reproduced|redistributed)".into()),
            // a line that is only a (place and) date/time, or "Updated 4:15 p.m."
            (Dateline, format!(r"(?i)^\s*(?:published|updated|posted|last updated|first published)?:?\s*(?:on\s+)?(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?,?\s*)?(?:{month}\s+[0-9]{{1,2}},?\s*[0-9]{{4}}|[0-9]{{1,2}}\s+{month},?\s+[0-9]{{4}}|[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}})[\s,|at]*(?:[0-9]{{1,2}}:[0-9]{{2}}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{{2,4}})?)?\s*$")),
            (Dateline, r"(?i)^\s*(?:published|updated|posted|last updated)(?-u:\b).*[0-9]{1,2}:[0-9]{2}.*$".into()),
        ];
        Rules {
            // The patterns are constants of this file, covered by the tests below: they compile.
            lines: rules
                .into_iter()
                .map(|(k, p)| {
                    // Captions, credits and notices are short lines; prose paragraphs are long,
                    // and on them only the trailing-credit and embed-link rules run.
                    let cap = match k {
                        // A sign-up box runs to a few sentences; its phrases are unmistakable.
                        Prompt if p.starts_with("(?i)thank you for subscribing") => 400,
                        Prompt | Byline => 160,
                        Dateline => 100,
                        PhotoCredit | Copyright => 320,
                        Embed | Fragment => usize::MAX,
                    };
                    (k, Regex::new(&p).expect("boilerplate patterns compile"), cap)
                })
                .collect(),
            // "WASHINGTON (Reuters) - ", "NEW YORK, March 2 (AP) — ", "LONDON — ", "(CNN) "
            dateline_prefix: Regex::new(&format!(
                r"^(?:[A-Z][A-Z.'-]+(?:[ ,]+[A-Z][A-Z.'-]+){{0,3}}(?:,\s*{month}\s+[0-9]{{1,2}})?\s*(?:\([A-Za-z .&-]{{2,30}}\))?\s*(?:[—–]|--?)|\((?:CNN|AP|AFP|Reuters|UPI|Bloomberg|[A-Z][A-Za-z]+ News)\)(?:\s*(?:[—–]|--?))?)\s*"
            ))
            .expect("dateline pattern compiles"),
            // CNN's summary bullets start with this label, on the same line as the first one.
            label_prefix: Regex::new(r"^Story highlights\s+").expect("label pattern compiles"),
        }
    })
}

/// Index of the trailing-photo-credit rule in `Rules::lines`.
const TRAILING_CREDIT_RULE: usize = 0;
/// Bytes at the end of a line in which a trailing photo credit must fit.
const CREDIT_TAIL: usize = 120;

/// The last `n` bytes of `s` (or a little more, to start on a char boundary), starting at a
/// space so that a credit's first word is whole.
fn tail(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    let mut start = s.len() - n;
    while !s.is_char_boundary(start) {
        start -= 1;
    }
    let t = &s[start..];
    t.find(' ').map_or(t, |i| &t[i..])
}

/// Why `line` is not prose, or `None` if it is.
pub fn classify_line(line: &str) -> Option<Boilerplate> {
    let t = line.trim();
    if t.is_empty() {
        return None;
    }
    let r = rules();
    let words = t.split_whitespace().count();
    let ends_like_sentence = t
        .trim_end_matches(['"', '\'', '”', '’', ')', ']'])
        .ends_with(['.', '!', '?', ':', ';']);
    for (i, (kind, re, cap)) in r.lines.iter().enumerate() {
        if t.len() > *cap && i != TRAILING_CREDIT_RULE {
            continue;
        }
        // "By Thursday, a growing number of Republicans had joined." is a sentence.
        if *kind == Boilerplate::Byline && ends_like_sentence && !t.ends_with(')') {
            continue;
        }
        // The trailing-credit rule (the first) needs only the line's tail: scanning whole
        // paragraphs for it was a measurable share of a run.
        let hay = if i == TRAILING_CREDIT_RULE {
            tail(t, CREDIT_TAIL)
        } else {
            t
        };
        if re.is_match(hay) {
            return Some(*kind);
        }
    }
    if words < 4 && !ends_like_sentence {
        return Some(Boilerplate::Fragment);
    }
    None
}

/// Byte length of a dateline ("WASHINGTON (Reuters) — ") or a page label ("Story
/// highlights ") at the start of a paragraph, or 0.
pub fn dateline_len(paragraph: &str) -> usize {
    let r = rules();
    let label = r
        .label_prefix
        .find(paragraph)
        .filter(|m| m.end() < paragraph.len())
        .map_or(0, |m| m.end());
    label
        + r.dateline_prefix
            .find(&paragraph[label..])
            // Only all-caps place names count, and something must follow the dash.
            .filter(|m| label + m.end() < paragraph.len())
            .map_or(0, |m| m.end())
}

/// Spans of the prose in `text`: runs of consecutive prose lines (blank lines end a run), each
/// trimmed, with a leading dateline of each paragraph removed.
pub fn prose_regions(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut run: Option<Span> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let lead = body.len() - body.trim_start().len();
        let trimmed = body.trim();
        if trimmed.is_empty() || classify_line(trimmed).is_some() {
            if let Some(r) = run.take() {
                out.push(r);
            }
            continue;
        }
        let s = start + lead;
        let cut = dateline_len(trimmed);
        let e = s + trimmed.len();
        match &mut run {
            Some(r) if cut == 0 => r.end = e,
            _ => {
                if let Some(r) = run.take() {
                    out.push(r);
                }
                run = Some(Span::new(s + cut, e));
            }
        }
    }
    if let Some(r) = run {
        out.push(r);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Boilerplate::*;
    use super::*;

    #[test]
    fn non_prose_lines_from_real_pages() {
        let cases = [
            ("U.S. Attorney General Jeff Sessions arrives at a news conference at the Justice Department. Instagram/Yuri Gripas", PhotoCredit),
            ("President Trump speaks in the Oval Office. (AP Photo/Evan Vucci)", PhotoCredit),
            ("Sessions testifies on Capitol Hill. REUTERS/Kevin Lamarque", PhotoCredit),
            ("Image copyright Getty Images", PhotoCredit),
            ("Enlarge this image toggle caption Alex Brandon/AP", PhotoCredit),
            ("Serena Williams appears on Italian TV show 'Che tempo che fa' Featuring: Serena Williams Where: Milan, Italy When: 23 Sep 2016 Credit: IPA/WENN.com", PhotoCredit),
            ("— Maine First Media (@MaineFirstMedia) March 2, 2017", Embed),
            ("Big news tonight pic.twitter.com/abc123", Embed),
            ("Print Friendly, PDF & Email", Prompt),
            ("Share this:", Prompt),
            ("Read more: Sessions under fire", Prompt),
            ("Advertisement", Prompt),
            ("Subscribe to our newsletter", Prompt),
            ("Facebook | Twitter | Email", Prompt),
            ("By John Smith, Associated Press", Byline),
            ("By JULIE PACE and ERIC TUCKER", Byline),
            ("(Reporting by Sarah N. Lynch; Editing by Peter Cooney)", Byline),
            ("Copyright 2017 The Associated Press. All rights reserved.", Copyright),
            ("Published: March 2, 2017 4:15 PM EST", Dateline),
            ("Thursday, March 2, 2017", Dateline),
            ("Jeff Sessions", Fragment),
            ("CLOSE Police departments across the country responded to bomb threats emailed to targets demanding bitcoin. USA TODAY", Embed),
            ("Media playback is unsupported on your device Media caption US troops are welcomed in Zagan by the Polish PM and locals", Embed),
            ("Village Mourns Couple Killed by Mob 0:35 autoplay autoplay Copy this code to your website or blog", Embed),
            ("You need the latest version of the Adobe Flash Player to view the video related to this article. Download Now.", Prompt),
            ("Get daily updates directly to your inbox + Subscribe Thank you for subscribing! Could not subscribe, try again later Invalid Email", Prompt),
            ("Sign up for the newsletter and receive occasional updates and special offers for the paper's products and services. Thank you for subscribing. An error has occurred. Please try again later. View all newsletters.", Prompt),
        ];
        for (line, kind) in cases {
            assert_eq!(classify_line(line), Some(kind), "{line}");
        }
    }

    #[test]
    fn prose_is_kept() {
        let prose = [
            "Sessions added that his recusal should not be interpreted as confirmation of the existence of any investigation.",
            "There has been no evidence released that there was discussions relating to the Trump campaign.",
            "\"I have decided to recuse myself,\" Sessions said in a statement.",
            "By Thursday, a growing number of Republicans had joined the call.",
            "Share prices fell 3 percent after the announcement, analysts said.",
            "He was born in Selma.",
            "Follow-up hearings are planned for next month, the committee said.",
            "Copyright law was not at issue in the case.",
            "Trump's photo by the pool went viral, but he said nothing.",
            // Only the all-caps player label is a caption.
            "Close to 200 people were evacuated from the tower, officials said.",
            "The video, which shows the crash, was set to autoplay on the site.",
            // A caption label is capitalised ("Photo: Getty"); a lower-case "photo:" is
            // prose introducing written words, which the quote stage must see.
            "She captioned the photo: \"Best day ever with my girls.\"",
        ];
        for line in prose {
            assert_eq!(classify_line(line), None, "{line}");
        }
    }

    #[test]
    fn regions_skip_boilerplate_and_cut_datelines() {
        let text = "Jeff Sessions\nSessions arrives. Instagram/Yuri Gripas\n\nWASHINGTON (Reuters) — Sessions recused himself on Thursday.\nHe spoke late.\n— Maine First Media (@MaineFirstMedia) March 2, 2017\nDemocrats want more.";
        let regions: Vec<&str> = prose_regions(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(
            regions,
            [
                "Sessions recused himself on Thursday.\nHe spoke late.",
                "Democrats want more."
            ]
        );
    }

    #[test]
    fn dateline_needs_caps_and_dash() {
        assert_eq!(
            dateline_len("NEW YORK, March 2 (AP) — Stocks rose."),
            "NEW YORK, March 2 (AP) — ".len()
        );
        assert_eq!(
            dateline_len("LONDON -- The vote was close."),
            "LONDON -- ".len()
        );
        assert_eq!(dateline_len("The vote — narrowly — passed."), 0);
        assert_eq!(
            dateline_len("(CNN) Sudanese President Omar al-Bashir left."),
            "(CNN) ".len()
        );
        assert_eq!(
            dateline_len("(Reuters) - Stocks fell."),
            "(Reuters) - ".len()
        );
        assert_eq!(dateline_len("(In a statement) he said no."), 0);
        assert_eq!(
            dateline_len("Story highlights Burt Reynolds went to a hospital, his agent says"),
            "Story highlights ".len()
        );
        assert_eq!(dateline_len("Story highlights"), 0);
        assert_eq!(
            dateline_len("NATO — the alliance"),
            "NATO — ".len(),
            "an all-caps lead word before a dash reads as a dateline; accepted trade-off"
        );
    }
}
