//! From the extractor's output to the article text: one paragraph per line, boilerplate the
//! extractor left in removed.
//!
//! The input is rs-trafilatura's text (its HTML output was tried as the source and measured
//! worse: it keeps buttons, tables of contents and headers that the crate's text leaves out).
//! Then the clean-up that was measured to help on the development pages (see
//! `bench/extraction.sh`), each rule general:
//!
//! - **repeats**: in a glued paragraph of thousands of bytes (a JSON-LD body), a long sentence
//!   already seen is dropped: some sites repeat whole sections there;
//! - **boilerplate lines**: a line that is only "Advertisement", "Share this:", "Leave a
//!   Reply", a photo credit (`©`, "Photo: ..."), ... is dropped wherever it stands;
//! - **leading metadata**: short lines before the first paragraph of prose that are the
//!   headline, a date, a byline or a "Category: ..." line;
//! - **trailing lists**: from a section header such as "Related", "You may also like",
//!   "Tags", "Comments" in the last part of the text, when what follows is a list of short
//!   lines (headlines of other articles), to the end.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

/// The article text from the extractor's text, one paragraph per line.
pub(crate) fn article_text(text: &str, title: Option<&str>) -> String {
    let mut lines: Vec<String> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    drop_repeats(&mut lines);
    lines.retain(|l| !l.is_empty() && !is_boilerplate_line(l));
    drop_leading_metadata(&mut lines, title);
    drop_trailing_lists(&mut lines);
    lines.join("\n")
}

/// Drop long sentences already seen, inside glued paragraphs only.
///
/// A paragraph of thousands of bytes is the sign of a body taken from JSON-LD `articleBody`,
/// where some sites repeat whole sections. Ordinary paragraphs are left alone: measured on the
/// development pages, real articles repeat lines (a meal plan day after day, a recurring
/// call to vote) and the reference bodies keep those repeats.
fn drop_repeats(lines: &mut [String]) {
    static SENTENCE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"[^.!?]+[.!?]+["”’)]*"#).expect("valid regex"));
    /// Sentences shorter than this may repeat for real (a refrain, "He said no.").
    const MIN_SENTENCE: usize = 60;
    /// Paragraphs at least this long are checked.
    const GLUED: usize = 2000;
    let mut seen: HashSet<&str> = HashSet::new();
    let mut rewritten = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.len() < GLUED {
            continue;
        }
        let mut out = String::with_capacity(line.len());
        let mut last = 0;
        for m in SENTENCE.find_iter(line) {
            let s = m.as_str().trim();
            if s.len() >= MIN_SENTENCE && !seen.insert(s) {
                out.push_str(line.get(last..m.start()).unwrap_or_default());
                last = m.end();
            }
        }
        if last > 0 {
            out.push_str(line.get(last..).unwrap_or_default());
            rewritten.push((i, out.split_whitespace().collect::<Vec<_>>().join(" ")));
        }
    }
    for (i, text) in rewritten {
        if let Some(line) = lines.get_mut(i) {
            *line = text;
        }
    }
}

/// A line that is page furniture wherever it appears.
fn is_boilerplate_line(line: &str) -> bool {
    static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)^(?:
                advert(?:isement)?s?|ads?|sponsored(?:\s+(?:links?|content))?|
                share(?:\s+(?:this|on\s+\w+|this\s+(?:story|article|post)))?\s*:?|
                like\s+this\s*:?|print|email|comments?|
                leave\s+a\s+(?:reply|comment)(?:\s+cancel\s+reply)?|cancel\s+reply|
                you\s+must\s+be\s+logged\s+in\s+to\s+post\s+a\s+comment\.?|
                your\s+email\s+address\s+will\s+not\s+be\s+published\..*|
                this\s+slideshow\s+requires\s+javascript\.?|
                like\s+this\s+(?:story|article)\?.{0,60}|
                (?:photo|image|picture|foto|credit)s?(?:\s+by)?\s*:.{0,150}|
                \[[a-z_]+[^\]]*\].*\[/[a-z_]+\]|
                # A link to another article (READ MORE: headline of another story).
                (?:see|read|watch|more|also\s+read|related|recommended|don'?t\s+miss)(?:\s+(?:more|also|next))?\s*:\s*\S.{0,150}
            )$",
        )
        .expect("valid regex")
    });
    let words = line.split_whitespace().count();
    if FURNITURE.is_match(line) {
        return true;
    }
    // A photo credit: short, with a copyright sign. (A wire service's longer copyright notice
    // is part of the article as the reference bodies mark it.)
    words <= 12 && (line.contains(['©', 'ⓒ']) || line.contains("(c) "))
}

/// Is this line prose (a sentence-like paragraph) rather than a label?
fn is_prose(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let ends_sentence = line
        .trim_end()
        .ends_with(['.', '!', '?', '"', '”', '。', ')', ':']);
    // Scripts without spaces between words (Japanese, Chinese): count characters.
    let chars = line.chars().count();
    words >= 12 || (words >= 5 && ends_sentence) || (words <= 2 && chars >= 40)
}

/// Short lines at the top that repeat the headline or carry a date, byline or category.
fn drop_leading_metadata(lines: &mut Vec<String>, title: Option<&str>) {
    static META_LINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)^(?:by\s|por\s|von\s|par\s|posted\s|published\s|updated\s|categor|tags?\s*:|filed\s+under|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{1,2}\s+\w+\.?,?\s+\d{4}|(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s)",
        )
        .expect("valid regex")
    });
    let norm = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let title = title.map(norm).filter(|t| !t.is_empty());
    let mut drop = 0;
    for line in lines.iter().take(6) {
        if is_prose(line) {
            break;
        }
        let n = norm(line);
        let is_title = title
            .as_deref()
            .is_some_and(|t| n == t || (n.len() >= 20 && t.contains(&n)));
        let is_meta = META_LINE.is_match(line)
            || crate::ingest::parse_date(line).is_some()
            || looks_like_date_line(line);
        if is_title || is_meta {
            drop += 1;
        } else {
            break;
        }
    }
    // Never drop everything.
    if drop < lines.len() {
        lines.drain(..drop);
    }
}

/// A short line with a year and another number, in any language ("segunda-feira, 22 de
/// janeiro de 2018 às 0:13", "2018年8月16日").
fn looks_like_date_line(line: &str) -> bool {
    static YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:^|\D)(?:19|20)\d{2}(?:\D|$)").expect("valid regex"));
    let words = line.split_whitespace().count();
    let numbers = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .count();
    words <= 10 && line.chars().count() <= 60 && numbers >= 2 && YEAR.is_match(line)
}

/// A list rather than prose: a line of comma-separated tags, or a short line without a
/// sentence end.
fn is_list_like(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let commas = line.matches(',').count();
    let tags = commas >= 3 && commas * 4 >= words && !line.trim_end().ends_with('.');
    tags || !is_prose(line) || words <= 20
}

/// Section headers after which a page has no more article: tags, comments, lists of other
/// articles.
static STRONG_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            related\s+(?:articles?|stories|posts?|content|news|coverage|links?|topics?|reading)|
            (?:you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in))(?:\s*(?:\.\.\.|…))?|
            tags?|tagged(?:\s+with)?|filed\s+under|comments?|(?:\d+\s+)?(?:comments?|responses?|replies)|
            leave\s+a\s+(?:reply|comment)|join\s+the\s+(?:conversation|discussion)|
            most\s+(?:popular|read|viewed)|popular\s+(?:posts|stories|articles)|
            関連記事|関連|veja\s+também|leia\s+também|lesen\s+sie\s+auch|ver\s+también|à\s+lire\s+aussi|lire\s+aussi
        )\s*:?$",
    )
    .expect("valid regex")
});

/// Headers that introduce a list of links, which may also sit inside the article.
static WEAK_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            related|more|more\s+(?:from|in|on|stories|news|articles|like\s+this)\b.{0,40}|also\s+on\s+\S+|
            read\s+(?:more|also|next)|see\s+(?:also|more)|don'?t\s+miss|recommended(?:\s+for\s+you)?|
            trending(?:\s+now)?|topics?|keywords?|sources?|categor(?:y|ies)
        )\s*:?$",
    )
    .expect("valid regex")
});

/// Lists of links and the tail sections of a page:
///
/// - a strong header ("Tags", "Comments", "Related articles") in the second half of the text
///   ends the article there;
/// - a weak header ("More:", "Related", "Don't miss") followed by short lines: in the second
///   half, when only such lines follow, everything from it; anywhere, the header and its
///   short lines when prose resumes after them (a box of links inside the story).
fn drop_trailing_lists(lines: &mut Vec<String>) {
    let header_of = |re: &Regex, line: &str| {
        re.is_match(line)
            || line.split_once(':').is_some_and(|(head, rest)| {
                re.is_match(head.trim())
                    && head.split_whitespace().count() <= 3
                    && rest.split_whitespace().count() <= 40
            })
    };
    let total: usize = lines.iter().map(String::len).sum();
    let mut before = 0;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let second_half = i > 0 && before * 2 >= total;
        if second_half && header_of(&STRONG_HEADER, line) {
            lines.truncate(i);
            return;
        }
        if i > 0 && header_of(&WEAK_HEADER, line) {
            let run = lines[i + 1..]
                .iter()
                .take_while(|l| is_list_like(l) && !is_prose(l))
                .count();
            let end = i + 1 + run;
            if end == lines.len() {
                if second_half {
                    lines.truncate(i);
                    return;
                }
            } else if run >= 1 {
                before += lines[i..end].iter().map(String::len).sum::<usize>();
                lines.drain(i..end);
                continue;
            }
        }
        before += line.len();
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_dropped() {
        let s = "The committee heard from two witnesses on Tuesday about the events in question.";
        let glued = format!("{s} Then it adjourned. ").repeat(40);
        let got = article_text(&glued, None);
        assert_eq!(got.matches(s).count(), 1, "{got}");
        assert_eq!(got.matches("Then it adjourned.").count(), 40);
        // Ordinary paragraphs may repeat: a recurring line is kept.
        let text = format!("{s}\nVote now.\n{s}");
        assert_eq!(article_text(&text, None).lines().count(), 3);
    }

    #[test]
    fn furniture_and_credits_dropped() {
        let text = "The council voted on the new budget plan late on Monday evening after a long debate.\n\
            Advertisement\nA cyclist rides past the plant. © Reuters / Someone\n\
            The plan now goes to the mayor, who is expected to sign it this week without changes.";
        let got = article_text(text, None);
        assert_eq!(got.lines().count(), 2, "{got}");
    }

    #[test]
    fn leading_metadata_dropped() {
        let text = "Council passes budget\nBy Jane Doe\n2019-11-20\n\
            The council voted on the new budget plan late on Monday evening after a long debate.";
        let got = article_text(text, Some("Council passes budget"));
        assert!(got.starts_with("The council voted"), "{got}");
    }

    #[test]
    fn trailing_related_list_dropped() {
        let body = "The council voted on the new budget plan late on Monday evening after a long debate.\n".repeat(3);
        let text = format!("{body}Related\nMayor resigns\nBudget explained");
        let got = article_text(&text, None);
        assert_eq!(got.lines().count(), 3, "{got}");
        assert!(!got.contains("Mayor resigns"));
        // A tail header in the first half of the text is a section of the story: kept.
        let text = format!("Intro line here.\nTags\nMayor resigns\n{body}");
        assert!(article_text(&text, None).contains("Tags\nMayor resigns"));
    }

    #[test]
    fn link_boxes_inside_the_story_dropped() {
        let p =
            "The council voted on the new budget plan late on Monday evening after a long debate.";
        let text = format!(
            "{p}\nMore:\nMayor resigns after vote\nBudget explained in five charts\n{p} Again.\n\
            READ MORE: Mayor resigns after vote\n{p} Third."
        );
        let got = article_text(&text, None);
        assert_eq!(got.lines().count(), 3, "{got}");
        assert!(!got.contains("Mayor"));
    }

    #[test]
    fn tags_and_comments_end_the_article() {
        let p = "The council voted on the new budget plan late on Monday evening after a long debate.\n";
        let text = format!("{}Tags\nbudget, council, city hall, vote\nComments are moderated before they appear on the site.", p.repeat(3));
        assert_eq!(article_text(&text, None).lines().count(), 3);
    }

    #[test]
    fn leading_date_line_any_language() {
        let p = "A equipe registrou nesta manhã o arrombamento de dois dos cinco automóveis da unidade.";
        let text = format!("segunda-feira, 22 de janeiro de 2018 às 0:13\n{p}");
        assert_eq!(article_text(&text, None), p);
    }

    #[test]
    fn odd_input() {
        for t in ["", "\n\n", "é", "Related", "©", "\u{a0}", "2019-11-20"] {
            assert!(article_text(t, Some("")).len() <= t.len());
        }
    }
}
