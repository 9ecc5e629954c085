//! Date expressions in running text, resolved to calendar dates.
//!
//! Written by hand: no crate finds dates *inside* prose (`chrono` and `dateparser` parse a
//! string that is a date; `two_timer` parses a whole phrase and cannot say where in a sentence
//! one starts), and none reads news spellings such as "Sept. 8", "Jan. 10th", "Wednesday
//! evening" or "in July". Calendar arithmetic and validation are `chrono`'s.
//!
//! The scanner splits the text into words, numbers and punctuation (byte spans kept) and tries
//! a few patterns at each token, longest first:
//!
//! | written | resolved to | precision |
//! |---|---|---|
//! | `2017-03-02`, `2005/01/08`, `3/2/2017` (US order; day first only when the first number is > 12) | that day | day |
//! | `March 2, 2017`, `Thursday, March 2, 2017`, `2 March 2017`, `8th of January 2005` | that day | day |
//! | `January 10`, `Sept. 8`, `Jan. 10th`, `10 January` | that day in the year the anchor implies | day |
//! | `July 2016`, `September of 2016` | that month | month |
//! | `in July`, `since May`, `mid-March`, `in September last year` | that month in the year the anchor implies | month |
//! | `in 2016`, `since 2005`, `summer 2016` | that year | year |
//! | `today`, `tonight`, `yesterday`, `tomorrow`, `last night`, `this morning` | anchor ± 1 day | day |
//! | `Wednesday`, `on Wednesday`, `Wednesday evening`, `last Friday`, `next Monday` | the nearest such day (see below) | day |
//! | `last year`, `this year`, `next year`, `last month`, `earlier this month`, `next month` | from the anchor | year / month |
//! | `two days later`, `a week earlier`, `three years ago`, `the next day`, `the day before`, `the following year` | from the previous date in the text (`ago`: from the anchor) | unit's |
//!
//! **Resolving** uses the anchor (the article's date). News mostly reports the past, so a
//! date with no year, or a weekday, is the most recent such date on or before the anchor,
//! unless the clause reads as future (the nearest tense cue before the date, else after it,
//! is "will", "next", "scheduled", "expected", "upcoming", ...; "until Saturday";
//! "Saturday's expected vote"), in which case it is the nearest on or after it. `last
//! Friday` is strictly before the anchor, `next Friday` strictly after. Before that default,
//! a yearless day takes the year that makes a written weekday right ("Sunday, January 16"),
//! else the year of the same day written in full in the same text, else elsewhere in the
//! story (a 2008 article's "July 7" is the "July 7, 2005" it names later). A month range
//! takes the year of its end ("between June and August this year"). Without an anchor,
//! every relative expression is dropped (never guessed).
//!
//! **Not dates here**, by decision:
//! - a bare year with no temporal preposition before it ("the 2016 election", "2016
//!   presidential campaign", "Copyright 2017", "2004 tax returns"): a year used as an adjective
//!   names a thing, not when something happened. A year after "in/since/during/by/until/..."
//!   counts, unless a lowercase content word follows ("in 2016 elections").
//! - `last week`, `this week`, `next week`, `the past year`: a week is not a precision the brief
//!   has, and a day would be a guess; a month would often be wrong near a month boundary.
//! - decades ("the 1990s"), times of day alone ("4 p.m."), ages, `24/7`, numbers in general;
//! - impossible dates (`February 30`, year 0): `chrono` rejects them; years outside
//!   1000–2999 (1800–2100 for a bare year) are ignored.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use crossread_model::{DatePrecision, Span};

/// One date expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Byte span of the expression in the text ("Wednesday evening", "Sept. 8").
    pub span: Span,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as `precision` says.
    pub date: String,
    /// Day, month or year.
    pub precision: DatePrecision,
    /// True when the text alone does not fix the date: it was resolved against the anchor
    /// or against an earlier date of the text ("yesterday", "in July", "two days later").
    pub relative: bool,
}

/// A resolved date at some precision (internal form; `DateMention::date` is its string).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct When {
    pub(crate) year: i32,
    pub(crate) month: Option<u32>,
    pub(crate) day: Option<u32>,
}

impl When {
    pub(crate) fn day(d: NaiveDate) -> Self {
        When {
            year: d.year(),
            month: Some(d.month()),
            day: Some(d.day()),
        }
    }
    fn month(year: i32, month: u32) -> Self {
        When {
            year,
            month: Some(month),
            day: None,
        }
    }
    fn year(year: i32) -> Self {
        When {
            year,
            month: None,
            day: None,
        }
    }
    pub(crate) fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }
    pub(crate) fn to_naive(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub(crate) fn render(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            _ => format!("{:04}", self.year),
        }
    }
}

/// A mention with what the timeline needs beyond the public fields.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found {
    pub(crate) span: Span,
    pub(crate) when: When,
    /// Resolved against the text's anchor (directly or through a chain of relative dates).
    pub(crate) uses_anchor: bool,
    /// The text alone does not fix it.
    pub(crate) relative: bool,
    /// The clause reads as future ("will meet on March 10").
    pub(crate) future: bool,
    /// A yearless day written with its weekday ("on Friday, September 1"): the year is the
    /// one the weekday fits, and the day is a news day of the text (see the timeline's
    /// article dates).
    pub(crate) with_weekday: bool,
}

/// Every date expression in `text`, in text order, resolved against `anchor` (the article's
/// date) when it is relative. Relative expressions that cannot be resolved (no anchor, no
/// earlier date) are left out, as are impossible dates.
pub fn find_dates(text: &str, anchor: Option<NaiveDate>) -> Vec<DateMention> {
    scan(text, anchor)
        .into_iter()
        .map(|f| DateMention {
            span: f.span,
            date: f.when.render(),
            precision: f.when.precision(),
            relative: f.relative,
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    kind: Kind,
    start: usize,
    end: usize,
    /// Whitespace (or the start of the text) stands right before it.
    spaced: bool,
}

/// Words (alphabetic runs), numbers (ASCII digit runs) and single punctuation characters.
fn tokens(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut spaced = true;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            spaced = true;
            continue;
        }
        let kind = if c.is_ascii_digit() {
            Kind::Num
        } else if c.is_alphabetic() {
            Kind::Word
        } else {
            Kind::Punct
        };
        let mut end = i + c.len_utf8();
        if kind != Kind::Punct {
            while let Some(&(j, d)) = it.peek() {
                let same = match kind {
                    Kind::Num => d.is_ascii_digit(),
                    _ => d.is_alphabetic(),
                };
                if !same {
                    break;
                }
                end = j + d.len_utf8();
                it.next();
            }
        }
        out.push(Tok {
            kind,
            start: i,
            end,
            spaced,
        });
        spaced = false;
    }
    out
}

/// English month names, lower case, January first.
pub(crate) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Weekday names, lower case, with their days (also read by the timeline's dateline check).
pub(crate) const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// Words after which a bare month or year is a time ("in July", "since 2005").
const TIME_PREPS: &[&str] = &[
    "in",
    "since",
    "during",
    "until",
    "till",
    "by",
    "from",
    "through",
    "throughout",
    "of",
    "early",
    "late",
    "mid",
    "before",
    "after",
    "between",
    "and",
    "to",
    "last",
    "next",
    "this",
    "summer",
    "spring",
    "fall",
    "autumn",
    "winter",
    "end",
    "beginning",
    "start",
];

/// Words that may follow a temporal bare year ("in 2016, ...", "in 2016 and 2017", "in 2016 the").
const AFTER_YEAR: &[&str] = &[
    "and", "or", "but", "when", "while", "after", "before", "as", "to", "the", "a", "an", "at",
    "for", "with", "that", "which", "where", "he", "she", "they", "it", "we", "i", "his", "her",
    "their", "its", "is", "was", "were", "had", "has", "have", "until", "since", "so", "then",
    "because", "on", "in", "by", "from", "amid", "alone", "only", "already", "again", "also",
];

const FUTURE_CUES: &[&str] = &[
    "will",
    "ll",
    "shall",
    "scheduled",
    "upcoming",
    "expected",
    "expects",
    "plans",
    "planned",
    "planning",
    "due",
    "slated",
    "tomorrow",
    "intends",
    "going",
    "hopes",
    "hoping",
];
const PAST_CUES: &[&str] = &[
    "said",
    "was",
    "were",
    "had",
    "did",
    "met",
    "told",
    "ago",
    "took",
    "began",
    "held",
    "came",
    "went",
    "made",
    "gave",
    "won",
    "lost",
    "left",
    "got",
    "saw",
    "found",
    "fell",
    "rose",
    "yesterday",
    "earlier",
];

/// "first" ... "thirty-first" without the hyphenated tens ("twenty-first" is three tokens and
/// rare in dates), as a day number.
fn ordinal_word(w: &str) -> Option<u32> {
    const ORD: [&str; 20] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    ORD.iter().position(|o| *o == w).map(|p| p as u32 + 1)
}

fn number_word(w: &str) -> Option<u32> {
    Some(match w {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        _ => return None,
    })
}

struct Scanner<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    /// Lower-cased word of each token ("" for numbers and punctuation).
    low: Vec<String>,
    anchor: Option<NaiveDate>,
    /// Years of full dates (month, day) seen in the text or the story: a later "July 7" is
    /// that July 7 rather than the most recent one.
    known: &'a Known,
    /// The same, for this text only (consulted first).
    own: Known,
    /// The anchor is a lower bound of the article's date (see [`scan_full`]).
    lower_bound: bool,
    /// The anchor is right to the month at best (see [`scan_full`]): no weekday or
    /// day-relative expression is resolved against it.
    coarse: bool,
    /// The weekday written in front of the date being read ("Sunday, January 16").
    weekday_hint: Option<Weekday>,
    out: Vec<Found>,
}

/// Years of each (month, day) written with a year somewhere in a text or story.
pub(crate) type Known = rustc_hash::FxHashMap<(u32, u32), Vec<i32>>;

/// Adds the (month, day) → years table of the full dates among `found`.
pub(crate) fn known_years(found: &[Found], into: &mut Known) {
    for f in found {
        if let (false, Some(m), Some(d)) = (f.relative, f.when.month, f.when.day) {
            let years = into.entry((m, d)).or_default();
            if !years.contains(&f.when.year) {
                years.push(f.when.year);
            }
        }
    }
}

/// The scanner behind [`find_dates`], with the fields the timeline needs.
pub(crate) fn scan(text: &str, anchor: Option<NaiveDate>) -> Vec<Found> {
    scan_with(text, anchor, &Known::default())
}

/// [`scan`] with the full dates of the story known beforehand.
pub(crate) fn scan_with(text: &str, anchor: Option<NaiveDate>, known: &Known) -> Vec<Found> {
    let mut own = Known::default();
    {
        // A first pass without the anchor reads the text's own full dates (with no anchor,
        // they give a weekday-dated day its year).
        known_years(
            &scan_full(text, None, Known::default(), known, false, false),
            &mut own,
        );
    }
    scan_full(text, anchor, own, known, false, false)
}

/// [`scan_with`] with the text's own full dates (`own`) known too. `lower_bound`: the anchor
/// is only the latest date the text names, so the article may be a day younger. `coarse`: the
/// anchor is a date the prose recalls (not a dateline or an embed's date line), so the article
/// may be months younger: weekdays and "yesterday" against it would be guesses.
pub(crate) fn scan_full(
    text: &str,
    anchor: Option<NaiveDate>,
    own: Known,
    known: &Known,
    lower_bound: bool,
    coarse: bool,
) -> Vec<Found> {
    let toks = tokens(text);
    let low = toks
        .iter()
        .map(|t| match t.kind {
            Kind::Word => text[t.start..t.end].to_lowercase(),
            _ => String::new(),
        })
        .collect();
    let mut s = Scanner {
        text,
        toks,
        low,
        anchor,
        known,
        own,
        lower_bound,
        coarse,
        weekday_hint: None,
        out: Vec::new(),
    };
    let mut i = 0;
    while i < s.toks.len() {
        i = match s.at(i) {
            Some(next) => next.max(i + 1),
            None => i + 1,
        };
    }
    s.out
}

impl Scanner<'_> {
    fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }
    fn word(&self, i: usize) -> &str {
        self.low.get(i).map_or("", String::as_str)
    }
    fn raw(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| &self.text[t.start..t.end])
    }
    fn is_punct(&self, i: usize, c: &str) -> bool {
        self.tok(i).is_some_and(|t| t.kind == Kind::Punct) && self.raw(i) == c
    }
    /// Token `i` is glued to the one before it (no whitespace between).
    fn glued(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| !t.spaced)
    }
    fn num(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.tok(i)?;
        if t.kind != Kind::Num || t.end - t.start > 4 {
            return None;
        }
        Some((self.raw(i).parse().ok()?, t.end - t.start))
    }
    fn capitalized(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }
    /// Month number of a capitalised month word at `i`, and the index after it (an
    /// abbreviation's dot included). Lowercase "may"/"march" are verbs; "Mar"/"May" alone are
    /// accepted only when the caller has more evidence.
    fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.tok(i)?;
        if t.kind != Kind::Word || !self.capitalized(i) {
            return None;
        }
        let w = self.word(i);
        let m = if w.len() >= 3 {
            MONTHS.iter().position(|full| {
                *full == w
                    || (w.len() <= 4 && full.starts_with(w) && *full != "may")
                    || (w == "sept" && *full == "september")
            })?
        } else {
            return None;
        };
        let full = MONTHS[m] == w;
        let mut next = i + 1;
        if !full && self.is_punct(next, ".") && self.glued(next) {
            next += 1;
        } else if !full && w.len() > 3 && w != "sept" && w != "june" && w != "july" {
            return None;
        }
        Some((m as u32 + 1, next))
    }
    fn weekday_at(&self, i: usize) -> Option<Weekday> {
        if self.tok(i)?.kind != Kind::Word || !self.capitalized(i) {
            return None;
        }
        let w = self.word(i);
        WEEKDAYS.iter().find(|(n, _)| *n == w).map(|(_, d)| *d)
    }
    /// A day number (1–31) at `i`, with an ordinal suffix ("10th") swallowed.
    fn day_at(&self, i: usize) -> Option<(u32, usize)> {
        let (d, len) = self.num(i)?;
        if len > 2 || !(1..=31).contains(&d) {
            return None;
        }
        let mut next = i + 1;
        if self.glued(next) && matches!(self.word(next), "st" | "nd" | "rd" | "th") {
            next += 1;
        }
        // "March 2:30", "May 5.5", "Jan 10-point": not a day.
        if self.glued(next)
            && (self.is_punct(next, ":")
                || self.is_punct(next, ".")
                    && self
                        .tok(next + 1)
                        .is_some_and(|t| t.kind == Kind::Num && !t.spaced))
        {
            return None;
        }
        if self.glued(next) && self.tok(next).is_some_and(|t| t.kind == Kind::Word) {
            return None;
        }
        Some((d, next))
    }
    /// A four-digit year (1000–2999) at `i` that is not part of "1990s" or "2016-17".
    fn year_at(&self, i: usize) -> Option<(i32, usize)> {
        let (y, len) = self.num(i)?;
        if len != 4 || !(1000..=2999).contains(&y) {
            return None;
        }
        // "1990s" is a decade; "2005Through" is a year glued to the next line's first word.
        if self.glued(i + 1)
            && self.tok(i + 1).is_some_and(|t| t.kind == Kind::Word)
            && !self.capitalized(i + 1)
        {
            return None;
        }
        Some((y as i32, i + 1))
    }
    fn span(&self, from: usize, to: usize) -> Span {
        let start = self.toks[from].start;
        let end = self.toks[to - 1].end;
        Span::new(start, end)
    }
    fn push(
        &mut self,
        from: usize,
        to: usize,
        when: When,
        relative: bool,
        uses_anchor: bool,
    ) -> Option<usize> {
        // chrono validates: February 30 or a month 13 never becomes a mention.
        match (when.month, when.day) {
            (Some(_), Some(_)) => {
                when.to_naive()?;
            }
            (Some(m), None) if !(1..=12).contains(&m) => return None,
            _ => {}
        }
        if !(1..=9999).contains(&when.year) {
            return None;
        }
        let future = self.future(from, to);
        let with_weekday = relative && self.weekday_hint.is_some();
        self.out.push(Found {
            span: self.span(from, to),
            when,
            uses_anchor,
            relative,
            future,
            with_weekday,
        });
        Some(to)
    }
    /// Whether the clause around tokens `from..to` reads as future: the nearest tense cue
    /// before the expression (within the sentence, at most 10 words back) decides, else the
    /// nearest after it (at most 4 words on).
    fn future(&self, from: usize, to: usize) -> bool {
        let is_stop = |s: &Self, k: usize| {
            s.tok(k).is_some_and(|t| {
                t.kind == Kind::Punct
                    && matches!(
                        s.raw(k),
                        "." | "!" | "?" | ";" | "\u{201c}" | "\u{201d}" | "\""
                    )
            }) || s
                .text
                .get(s.toks[k].start.saturating_sub(1)..s.toks[k].start)
                == Some("\n")
        };
        let cue = |s: &Self, k: usize| -> Option<bool> {
            let w = s.word(k);
            // "is to arrive", "are to meet": a plan.
            let planned = w == "to" && k > 0 && matches!(s.word(k - 1), "is" | "are");
            if FUTURE_CUES.contains(&w) || w == "next" || planned {
                Some(true)
            } else if PAST_CUES.contains(&w) || w == "last" {
                Some(false)
            } else {
                None
            }
        };
        let mut k = from;
        let mut n = 0;
        while k > 0 && n < 10 {
            k -= 1;
            if is_stop(self, k) && !self.abbrev_dot(k) {
                break;
            }
            if let Some(f) = cue(self, k) {
                return f;
            }
            n += 1;
        }
        let mut k = to;
        let mut n = 0;
        while k < self.toks.len() && n < 4 {
            if is_stop(self, k) && !self.abbrev_dot(k) {
                break;
            }
            if let Some(f) = cue(self, k) {
                return f;
            }
            k += 1;
            n += 1;
        }
        false
    }
    /// A dot that ends an abbreviation ("Sept.", "Mr.", "U.S."), not a sentence.
    fn abbrev_dot(&self, k: usize) -> bool {
        k > 0
            && self.is_punct(k, ".")
            && self.glued(k)
            && self.raw(k - 1).len() <= 4
            && self.tok(k - 1).is_some_and(|t| t.kind == Kind::Word)
    }
    fn prev(&self) -> Option<When> {
        self.out.last().map(|f| f.when)
    }
    fn prev_uses_anchor(&self) -> bool {
        self.out.last().is_some_and(|f| f.uses_anchor)
    }

    /// Try every pattern at token `i`; the index after the match.
    fn at(&mut self, i: usize) -> Option<usize> {
        let t = *self.tok(i)?;
        match t.kind {
            Kind::Num => self
                .numeric(i)
                .or_else(|| self.day_month(i))
                .or_else(|| self.offset(i)),
            Kind::Word => self
                .weekday_month(i)
                .or_else(|| self.month_first(i))
                .or_else(|| self.day_month(i))
                .or_else(|| self.named_relative(i))
                .or_else(|| self.offset(i))
                .or_else(|| self.weekday(i))
                .or_else(|| self.bare_year(i)),
            Kind::Punct => None,
        }
    }

    /// `2017-03-02`, `2005/01/08`, `3/2/2017`, `3/2/17`.
    fn numeric(&mut self, i: usize) -> Option<usize> {
        let (a, alen) = self.num(i)?;
        let sep = self.raw(i + 1).to_string();
        if !(sep == "-" || sep == "/")
            || !self.glued(i + 1)
            || !self.glued(i + 2)
            || !self.glued(i + 3)
            || !self.glued(i + 4)
        {
            return None;
        }
        if !self.is_punct(i + 3, &sep) {
            return None;
        }
        let (b, blen) = self.num(i + 2)?;
        let (c, clen) = self.num(i + 4)?;
        // Not part of a longer run ("1-2-3-4", "10/11/2012/5").
        if self.glued(i + 5)
            && self
                .tok(i + 5)
                .is_some_and(|t| t.kind != Kind::Punct || matches!(self.raw(i + 5), "-" | "/"))
        {
            return None;
        }
        if i > 0 && self.glued(i) && matches!(self.raw(i - 1), "-" | "/") {
            return None;
        }
        let (y, m, d) = if alen == 4 && blen <= 2 && clen <= 2 {
            (a as i32, b, c)
        } else if sep == "/" && alen <= 2 && blen <= 2 && (clen == 4 || clen == 2) {
            let y = if clen == 2 {
                if c < 70 {
                    2000 + c
                } else {
                    1900 + c
                }
            } else {
                c
            } as i32;
            // US order unless the first number cannot be a month.
            if a > 12 {
                (y, b, a)
            } else {
                (y, a, b)
            }
        } else {
            return None;
        };
        if !(1000..=2999).contains(&y) {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(y, m, d)?;
        self.push(i, i + 5, When::day(date), false, false)
    }

    /// `Thursday, March 2, 2017`: a weekday in front of a full date is part of it.
    fn weekday_month(&mut self, i: usize) -> Option<usize> {
        self.weekday_at(i)?;
        let mut j = i + 1;
        if self.is_punct(j, ",") {
            j += 1;
        }
        self.month_at(j)?;
        let before = self.out.len();
        self.weekday_hint = self.weekday_at(i);
        let end = self.month_first(j);
        self.weekday_hint = None;
        let end = end?;
        // Widen the mention just pushed to cover the weekday.
        if self.out.len() > before {
            let last = self.out.last_mut()?;
            last.span.start = self.toks[i].start;
        }
        Some(end)
    }

    /// `March 2, 2017`, `Sept. 8`, `Jan. 10th`, `July 2016`, `September of 2016`, `in July`,
    /// `September 8 of that same year`.
    fn month_first(&mut self, i: usize) -> Option<usize> {
        let (m, j) = self.month_at(i)?;
        if let Some((d, k)) = self.day_at(j) {
            // A day follows: a year may follow it.
            let mut y_at = k;
            if self.is_punct(y_at, ",") {
                y_at += 1;
            }
            if let Some((y, e)) = self.year_at(y_at) {
                let date = NaiveDate::from_ymd_opt(y, m, d)?;
                return self.push(i, e, When::day(date), false, false);
            }
            // "June 13 and 14, 2007": two days of one month, the year written after the
            // second.
            if matches!(self.word(k), "and" | "or") {
                if let Some((d2, k2)) = self.day_at(k + 1) {
                    let y2 = k2 + usize::from(self.is_punct(k2, ","));
                    if let Some((y, e)) = self.year_at(y2) {
                        let first = NaiveDate::from_ymd_opt(y, m, d)?;
                        let second = NaiveDate::from_ymd_opt(y, m, d2)?;
                        self.push(i, k, When::day(first), false, false)?;
                        return self.push(k + 1, e, When::day(second), false, false);
                    }
                }
            }
            // "June 1 last year", "March 3 this year".
            if matches!(self.word(k), "last" | "this") && self.word(k + 1) == "year" {
                let a = self.anchor?;
                let y = a.year() - i32::from(self.word(k) == "last");
                let date = NaiveDate::from_ymd_opt(y, m, d)?;
                return self.push(i, k + 2, When::day(date), true, true);
            }
            // "of that same year", "of the same year", "of last year".
            if let Some((y, e, rel)) = self.of_year(k) {
                let date = NaiveDate::from_ymd_opt(y, m, d)?;
                let ua = rel && self.prev_uses_anchor()
                    || self.word(k + 1) == "last"
                    || self.word(k + 1) == "this";
                return self.push(i, e, When::day(date), true, ua);
            }
            if self.word(i) == "may" && !self.capitalized(i) {
                return None;
            }
            let future = self.future(i, k) || self.deadline_ahead(i, m, d);
            let date = self.resolve_yearless(m, d, future)?;
            return self.push(i, k, When::day(date), true, true);
        }
        // Month and year.
        let mut y_at = j;
        if self.word(y_at) == "of" || self.is_punct(y_at, ",") {
            y_at += 1;
        }
        if let Some((y, e)) = self.year_at(y_at) {
            return self.push(i, e, When::month(y, m), false, false);
        }
        // A bare month needs a time word before it ("in July", "mid-March", "since May"),
        // and its full name or a dotted abbreviation ("by Jan Null" is a person).
        if j == i + 1 && self.word(i) != MONTHS[m as usize - 1] {
            return None;
        }
        let mut p = i.checked_sub(1)?;
        if self.is_punct(p, "-") {
            p = p.checked_sub(1)?;
        }
        let prep = self.word(p);
        // "May" is also a name (Theresa May) and a verb: only after a plain time word, and
        // never possessive ("in May's cabinet").
        let ok = if m == 5 {
            matches!(
                prep,
                "in" | "since"
                    | "until"
                    | "till"
                    | "early"
                    | "late"
                    | "mid"
                    | "last"
                    | "next"
                    | "during"
                    | "through"
            ) && !matches!(self.raw(j), "'" | "\u{2019}")
        } else {
            // "at April": non-native English for "in April".
            TIME_PREPS.contains(&prep) || prep == "for" || prep == "at"
        };
        if !ok {
            return None;
        }
        // "between June and August 2005", "from June to August this year": the range's end
        // gives the year (one less when the range crosses New Year).
        if matches!(self.word(j), "and" | "to" | "through" | "until" | "till")
            || self.is_punct(j, "-")
        {
            if let Some((m2, j2)) = self.month_at(j + 1) {
                let y2 = match (self.year_at(j2), self.word(j2), self.word(j2 + 1)) {
                    (Some((y, _)), _, _) => Some((y, false)),
                    (None, "last" | "this" | "next", "year") => self.anchor.map(|a| {
                        let d = match self.word(j2) {
                            "last" => -1,
                            "next" => 1,
                            _ => 0,
                        };
                        (a.year() + d, true)
                    }),
                    _ => None,
                };
                if let Some((y2, rel)) = y2 {
                    let y = if m > m2 { y2 - 1 } else { y2 };
                    return self.push(i, j, When::month(y, m), true, rel);
                }
            }
        }
        // "in September last year".
        if matches!(self.word(j), "last" | "this" | "next") && self.word(j + 1) == "year" {
            let a = self.anchor?;
            let y = a.year()
                + match self.word(j) {
                    "last" => -1,
                    "next" => 1,
                    _ => 0,
                };
            return self.push(i, j + 2, When::month(y, m), true, true);
        }
        if let Some((y, e, rel)) = self.of_year(j) {
            let ua = rel && self.prev_uses_anchor();
            return self.push(i, e, When::month(y, m), true, ua);
        }
        let anchor = self.anchor?;
        let future = matches!(self.word(p), "next" | "until" | "till") || self.future(i, j);
        let y = if self.word(p) == "last" {
            // "last March": strictly before the anchor's month.
            if m < anchor.month() {
                anchor.year()
            } else {
                anchor.year() - 1
            }
        } else {
            resolve_month(anchor, m, future)
        };
        self.push(i, j, When::month(y, m), true, true)
    }

    /// "of that (same) year", "of the same year", "of last year", "of this year" after a
    /// yearless date: the year, the index after, and whether it came from the previous date.
    fn of_year(&self, k: usize) -> Option<(i32, usize, bool)> {
        if self.word(k) != "of" {
            return None;
        }
        let mut j = k + 1;
        match self.word(j) {
            "that" | "the" => {
                j += 1;
                if self.word(j) == "same" {
                    j += 1;
                }
                if self.word(j) != "year" {
                    return None;
                }
                Some((self.prev()?.year, j + 1, true))
            }
            "last" | "this" if self.word(j + 1) == "year" => {
                let a = self.anchor?;
                let y = if self.word(j) == "last" {
                    a.year() - 1
                } else {
                    a.year()
                };
                Some((y, j + 2, false))
            }
            _ => None,
        }
    }

    /// `2 March 2017`, `8th of January`, `10 January`.
    fn day_month(&mut self, i: usize) -> Option<usize> {
        // A weekday may stand in front: "Saturday 8 January 2005".
        let (start, i) = if self.weekday_at(i).is_some() {
            let mut j = i + 1;
            if self.is_punct(j, ",") {
                j += 1;
            }
            (i, j)
        } else {
            (i, i)
        };
        if start > 0
            && (self.is_punct(start - 1, "$")
                || self.is_punct(start - 1, "/")
                || self.is_punct(start - 1, "."))
            && self.glued(start)
        {
            return None;
        }
        let (d, mut j) = match self.day_at(i) {
            Some(x) => x,
            // "the first of June": an ordinal word is a day only before "of" and a month.
            None => match (ordinal_word(self.word(i)), self.word(i + 1)) {
                (Some(d), "of") if start == i => (d, i + 1),
                _ => return None,
            },
        };
        if self.word(j) == "of" {
            j += 1;
        }
        let (m, k) = self.month_at(j)?;
        let mut y_at = k;
        if self.is_punct(y_at, ",") {
            y_at += 1;
        }
        if let Some((y, e)) = self.year_at(y_at) {
            let date = NaiveDate::from_ymd_opt(y, m, d)?;
            return self.push(start, e, When::day(date), false, false);
        }
        self.weekday_hint = if start < i {
            self.weekday_at(start)
        } else {
            None
        };
        let future = self.future(start, k) || self.deadline_ahead(start, m, d);
        let date = self.resolve_yearless(m, d, future);
        let out = date.and_then(|d| self.push(start, k, When::day(d), true, true));
        self.weekday_hint = None;
        out
    }

    /// The year of a yearless `month`/`day`: the one that makes the written weekday right
    /// (nearest the anchor), else the year of the same date written in full elsewhere in the
    /// story (when within 20 years before the anchor, or after it in a future clause), else
    /// the nearest past (or, for a future clause, coming) occurrence.
    fn resolve_yearless(&self, month: u32, day: u32, future: bool) -> Option<NaiveDate> {
        let Some(anchor) = self.anchor else {
            // No anchor: a written weekday fixes the year among the years around the latest
            // full date of the text, else of the story ("on Friday, September 1" beside "Jun
            // 27, 2017" is 2017-09-01: the only one of 2016-2018 that is a Friday).
            if let Some(wd) = self.weekday_hint {
                let latest = [&self.own, self.known]
                    .into_iter()
                    .find_map(|t| t.values().flatten().copied().max())?;
                // That year first, then the next (news is younger than what it recalls).
                return [latest, latest + 1, latest - 1]
                    .into_iter()
                    .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
                    .find(|d| d.weekday() == wd);
            }
            // Else only a year the text, else the story, writes for this very day
            // ("Neruda died on Sept. 23" where another outlet says "23 September 1973").
            for table in [&self.own, self.known] {
                if let Some([y]) = table.get(&(month, day)).map(Vec::as_slice) {
                    return NaiveDate::from_ymd_opt(*y, month, day);
                }
            }
            return None;
        };
        let y = anchor.year();
        if let Some(wd) = self.weekday_hint {
            let mut fits: Vec<NaiveDate> = [y - 1, y, y + 1]
                .into_iter()
                .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
                .filter(|d| d.weekday() == wd)
                .collect();
            fits.sort_by_key(|d| (*d - anchor).num_days().abs());
            if let Some(d) = fits.first() {
                return Some(*d);
            }
        }
        // The latest such full date before the anchor (the earliest after it, if future),
        // written in this text, else anywhere in the story.
        for table in [&self.own, self.known] {
            let written = table.get(&(month, day)).into_iter().flatten();
            let written = written.filter_map(|&ky| NaiveDate::from_ymd_opt(ky, month, day));
            let pick = if future {
                written.filter(|d| *d >= anchor).min()
            } else if self.lower_bound {
                // The anchor is only the latest date the text names: the article may be
                // younger, so the nearest written year on either side.
                written
                    .filter(|d| y - d.year() <= 20)
                    .min_by_key(|d| (*d - anchor).num_days().abs())
            } else {
                written.filter(|d| *d <= anchor && y - d.year() <= 20).max()
            };
            if pick.is_some() {
                return pick;
            }
        }
        resolve_month_day(anchor, month, day, future)
    }

    /// A yearless day after "until", "to", "through" that falls within three months after the
    /// anchor: a deadline, whatever the tense ("the search was extended to May 25" in a
    /// May 6 article is this May 25, not last year's).
    fn deadline_ahead(&self, start: usize, month: u32, day: u32) -> bool {
        let Some(a) = self.anchor else {
            return false;
        };
        start > 0
            && matches!(self.word(start - 1), "until" | "till" | "to" | "through")
            && resolve_month_day(a, month, day, true).is_some_and(|d| (d - a).num_days() <= 92)
    }

    /// Words and phrases resolved from the anchor: today, yesterday, last year, this month...
    fn named_relative(&mut self, i: usize) -> Option<usize> {
        let w = self.word(i);
        if !matches!(
            w,
            "today"
                | "tonight"
                | "yesterday"
                | "tomorrow"
                | "this"
                | "last"
                | "next"
                | "earlier"
                | "later"
                | "the"
        ) {
            return None;
        }
        let w = w.to_string();
        // "USA Today", "Today show": a capitalised "Today" after a capitalised word is a name.
        let name_like = |s: &Self| {
            i > 0
                && !s.sentence_start(i)
                && s.capitalized(i)
                && s.tok(i - 1).is_some_and(|t| t.kind == Kind::Word)
                && s.capitalized(i - 1)
        };
        match w.as_str() {
            "today" | "tonight" | "yesterday" | "tomorrow" => {
                if name_like(self) {
                    return None;
                }
                let a = self.anchor.filter(|_| !self.coarse)?;
                let d = match w.as_str() {
                    "yesterday" => a.pred_opt()?,
                    "tomorrow" => a.succ_opt()?,
                    _ => a,
                };
                let mut end = i + 1;
                if matches!(
                    self.word(end),
                    "morning" | "afternoon" | "evening" | "night"
                ) && w != "today"
                    && w != "tonight"
                {
                    end += 1;
                }
                self.push(i, end, When::day(d), true, true)
            }
            "this" | "last" | "next" | "earlier" | "later" => {
                let mut j = i + 1;
                if matches!(w.as_str(), "earlier" | "later") {
                    if self.word(j) != "this" {
                        return None;
                    }
                    j += 1;
                }
                let unit = self.word(j).to_string();
                // "this year's Australian Open", "last year's election": a year-grained
                // possessive names a thing, like a bare year used as an adjective.
                if unit == "year"
                    && matches!(self.raw(j + 1), "'" | "\u{2019}")
                    && self.glued(j + 1)
                    && self.word(j + 2) == "s"
                {
                    return None;
                }
                let a = self.anchor?;
                // "on this day last year", "this day one year ago": the anniversary's day.
                if w == "this" && unit == "day" && !self.coarse {
                    let (n, end) = match (self.word(j + 1), self.word(j + 2)) {
                        ("last", "year") => (1, j + 3),
                        (nw, "year" | "years") if self.word(j + 3) == "ago" => {
                            let n = number_word(nw).or_else(|| self.num(j + 1).map(|x| x.0))?;
                            (n, j + 4)
                        }
                        _ => return None,
                    };
                    let d = a.checked_sub_months(Months::new(12 * n))?;
                    return self.push(i, end, When::day(d), true, true);
                }
                let rel = if matches!(w.as_str(), "earlier" | "later") {
                    "this"
                } else {
                    w.as_str()
                };
                let when = match (rel, unit.as_str()) {
                    ("this", "morning" | "afternoon" | "evening" | "day") | ("last", "night")
                        if self.coarse =>
                    {
                        return None
                    }
                    ("this", "morning" | "afternoon" | "evening") => When::day(a),
                    ("last", "night") => When::day(a.pred_opt()?),
                    ("last", "year") => When::year(a.year() - 1),
                    ("this", "year") => When::year(a.year()),
                    ("next", "year") => When::year(a.year() + 1),
                    ("last", "month") => {
                        When::day(a.checked_sub_months(Months::new(1))?).month_only()
                    }
                    ("this", "month") => When::month(a.year(), a.month()),
                    ("next", "month") => {
                        When::day(a.checked_add_months(Months::new(1))?).month_only()
                    }
                    _ => return None,
                };
                self.push(i, j + 1, when, true, true)
            }
            "the" => {
                // "the next day", "the following day", "the previous day", "the day before",
                // "the next year": from the previous date of the text.
                let (sign, unit, end) = match (self.word(i + 1), self.word(i + 2)) {
                    (
                        "next" | "following",
                        u @ ("day" | "morning" | "evening" | "month" | "year"),
                    ) => (1i64, u, i + 3),
                    ("previous" | "preceding", u @ ("day" | "month" | "year")) => (-1, u, i + 3),
                    ("day", "before") => (-1, "day", i + 3),
                    ("day", "after") => (1, "day", i + 3),
                    _ => return None,
                };
                // "the day after the attack" points at the attack, not the previous date;
                // "in the next day or two" is a span of time.
                if end == i + 3
                    && self.word(i + 1) == "day"
                    && self.tok(end).is_some_and(|t| t.kind == Kind::Word)
                    || self.word(end) == "or"
                {
                    return None;
                }
                let unit = unit.to_string();
                let (prev, ua) = match self.prev() {
                    Some(p) => (p, self.prev_uses_anchor()),
                    None => (When::day(self.anchor.filter(|_| !self.coarse)?), true),
                };
                let when = shift(prev, sign, &unit, 1)?;
                self.push(i, end, when, true, ua)
            }
            _ => None,
        }
    }

    /// `two days later`, `3 weeks earlier`, `a year ago`.
    fn offset(&mut self, i: usize) -> Option<usize> {
        let n = match self.num(i) {
            Some((n, len)) if len <= 3 => n,
            Some(_) => return None,
            None => number_word(self.word(i))?,
        };
        let unit = self.word(i + 1).trim_end_matches('s').to_string();
        // Weeks fit no precision ("two weeks ago" is not a day); see the module notes.
        if !matches!(unit.as_str(), "day" | "month" | "year") {
            return None;
        }
        let dir = self.word(i + 2).to_string();
        let (sign, base, ua) = match dir.as_str() {
            // "41 years ago", "six months ago" are rounded durations, so the year or month
            // they point at is off by one as often as not; "two days ago" is exact.
            "ago" if unit != "day" => return None,
            "ago" => (-1, When::day(self.anchor.filter(|_| !self.coarse)?), true),
            "later" | "earlier" => {
                let sign = if dir == "later" { 1 } else { -1 };
                match self.prev() {
                    Some(p) => (sign, p, self.prev_uses_anchor()),
                    None => (sign, When::day(self.anchor.filter(|_| !self.coarse)?), true),
                }
            }
            _ => return None,
        };
        let when = shift(base, sign, &unit, n)?;
        self.push(i, i + 3, when, true, ua)
    }

    /// `Wednesday`, `on Wednesday`, `Wednesday evening`, `last Friday`, `next Monday`.
    fn weekday(&mut self, i: usize) -> Option<usize> {
        let wd = self.weekday_at(i)?;
        let before = if i > 0 {
            self.word(i - 1).to_string()
        } else {
            String::new()
        };
        // "on a Sunday morning", "every Friday": any such day, not a date.
        if matches!(
            before.as_str(),
            "a" | "an" | "every" | "each" | "any" | "one"
        ) {
            return None;
        }
        // "Monday through Friday", "Monday-Friday": a schedule, not a date.
        let range_word =
            |k: usize| matches!(self.word(k), "through" | "to" | "thru") || self.is_punct(k, "-");
        if range_word(i + 1) && self.weekday_at(i + 2).is_some()
            || i >= 2 && range_word(i - 1) && self.weekday_at(i - 2).is_some()
        {
            return None;
        }
        let cue = matches!(
            before.as_str(),
            "on" | "last"
                | "next"
                | "this"
                | "since"
                | "until"
                | "by"
                | "early"
                | "late"
                | "from"
                | "before"
                | "after"
        );
        // "Black Friday", "Super Tuesday", "Sunday Times": part of a name; but a time of day
        // after it makes it a date ("on Twitter Friday afternoon").
        let daytime = matches!(
            self.word(i + 1),
            "morning" | "afternoon" | "evening" | "night"
        );
        if !cue
            && !daytime
            && i > 0
            && self.tok(i - 1).is_some_and(|t| t.kind == Kind::Word)
            && self.capitalized(i - 1)
            && !self.sentence_start(i - 1)
        {
            return None;
        }
        if !cue && self.tok(i + 1).is_some_and(|t| t.kind == Kind::Word) && self.capitalized(i + 1)
        {
            return None;
        }
        let a = self.anchor.filter(|_| !self.coarse)?;
        let mut end = i + 1;
        if matches!(
            self.word(end),
            "morning" | "afternoon" | "evening" | "night"
        ) {
            end += 1;
        }
        let start = if matches!(before.as_str(), "last" | "next" | "this") {
            i - 1
        } else {
            i
        };
        let back = (7 + a.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
        let fwd = (7 + wd.num_days_from_monday() - a.weekday().num_days_from_monday()) % 7;
        let d = match before.as_str() {
            "last" => a.checked_sub_days(Days::new(u64::from(if back == 0 { 7 } else { back })))?,
            "next" => a.checked_add_days(Days::new(u64::from(if fwd == 0 { 7 } else { fwd })))?,
            "until" | "till" => a.checked_add_days(Days::new(u64::from(fwd)))?,
            _ if self.future(start, end) || self.possessive_future(end) => {
                a.checked_add_days(Days::new(u64::from(fwd)))?
            }
            // "police said Thursday" where the latest date the text names is a Wednesday:
            // the article is a day younger than its anchor, not six days older.
            _ if self.lower_bound && fwd == 1 => a.checked_add_days(Days::new(1))?,
            _ => a.checked_sub_days(Days::new(u64::from(back)))?,
        };
        self.push(start, end, When::day(d), true, true)
    }

    /// "Saturday's expected vote": a possessive weekday whose noun is planned.
    fn possessive_future(&self, k: usize) -> bool {
        matches!(self.raw(k), "'" | "\u{2019}")
            && self.word(k + 1) == "s"
            && (k + 2..k + 4).any(|j| FUTURE_CUES.contains(&self.word(j)))
    }

    /// The word at `k` opens a sentence (text start, or after . ! ? or a line break).
    fn sentence_start(&self, k: usize) -> bool {
        k == 0
            || (self.tok(k - 1).is_some_and(|t| t.kind == Kind::Punct)
                && matches!(self.raw(k - 1), "." | "!" | "?" | "\"" | "\u{201c}"))
            || self.text[..self.toks[k].start]
                .trim_end_matches([' ', '\t'])
                .ends_with('\n')
    }

    /// `in 2016`, `since 2005`, `summer 2016`: a bare year after a time word.
    fn bare_year(&mut self, i: usize) -> Option<usize> {
        // "in 2014 and 2015", "from 2010 to 2012": the second year of a pair whose first was
        // just read as a time.
        let pair = matches!(self.word(i), "and" | "to" | "or")
            && i > 0
            && self.out.last().is_some_and(|f| {
                f.when.precision() == DatePrecision::Year && f.span.end == self.toks[i - 1].end
            });
        if !pair
            && (!TIME_PREPS.contains(&self.word(i))
                || matches!(
                    self.word(i),
                    "last" | "next" | "this" | "to" | "and" | "between"
                ))
        {
            return None;
        }
        // "in early 2016", "in the summer of 2016" are reached through "early" / "of".
        let (y, e) = self.year_at(i + 1)?;
        if !(1800..=2100).contains(&y) {
            return None;
        }
        if self.glued(e)
            && matches!(self.raw(e), "-" | "/" | "," | "%")
            && self
                .tok(e + 1)
                .is_some_and(|t| t.kind == Kind::Num && !t.spaced)
        {
            return None;
        }
        // "after 1950's Canto General": a possessive year names a thing.
        if matches!(self.raw(e), "'" | "\u{2019}") && self.glued(e) {
            return None;
        }
        if let Some(t) = self.tok(e) {
            // "in early 2004 bringing ...": after early/late/mid/since/until the year is a
            // time whatever follows ("early 2004 elections" is rare); after "in" a lowercase
            // word makes it an adjective ("in 2016 elections").
            let timed = matches!(
                self.word(i),
                "early" | "late" | "mid" | "since" | "until" | "till"
            );
            if t.kind == Kind::Word
                && !self.capitalized(e)
                && !AFTER_YEAR.contains(&self.word(e))
                && !timed
            {
                return None;
            }
            // "the torch of 2008 Summer Olympics": a year before a name names it.
            if t.kind == Kind::Word
                && self.capitalized(e)
                && self.word(i) == "of"
                && !self.sentence_start(e)
            {
                return None;
            }
            if t.kind == Kind::Num {
                return None;
            }
        }
        self.push(i + 1, e, When::year(y), false, false)
    }
}

impl When {
    fn month_only(self) -> Self {
        When { day: None, ..self }
    }
}

/// `base` moved by `n` units in direction `sign`; the precision is the unit's (a week is seven
/// days). A day shift needs a day-precise base, a month shift at least a month.
fn shift(base: When, sign: i64, unit: &str, n: u32) -> Option<When> {
    match unit {
        "day" | "morning" | "evening" | "week" => {
            let days = u64::from(n) * if unit == "week" { 7 } else { 1 };
            let d = base.to_naive()?;
            let d = if sign > 0 {
                d.checked_add_days(Days::new(days))?
            } else {
                d.checked_sub_days(Days::new(days))?
            };
            Some(When::day(d))
        }
        "month" => {
            let d = NaiveDate::from_ymd_opt(base.year, base.month?, 1)?;
            let d = if sign > 0 {
                d.checked_add_months(Months::new(n))?
            } else {
                d.checked_sub_months(Months::new(n))?
            };
            Some(When::month(d.year(), d.month()))
        }
        "year" => {
            let n = i32::try_from(n).ok()?;
            Some(When::year(if sign > 0 {
                base.year + n
            } else {
                base.year - n
            }))
        }
        _ => None,
    }
}

/// The `month`/`day` nearest the anchor in the past (on or before it), or in the future (on
/// or after it) when `future`.
fn resolve_month_day(anchor: NaiveDate, month: u32, day: u32, future: bool) -> Option<NaiveDate> {
    let y = anchor.year();
    let cands = [y - 1, y, y + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day));
    if future {
        cands.filter(|d| *d >= anchor).min()
    } else {
        cands.filter(|d| *d <= anchor).max()
    }
}

/// The year of the most recent `month` on or before the anchor's month (or the next one on
/// or after it when `future`).
fn resolve_month(anchor: NaiveDate, month: u32, future: bool) -> i32 {
    let y = anchor.year();
    match (future, month <= anchor.month(), month >= anchor.month()) {
        (false, true, _) => y,
        (false, false, _) => y - 1,
        (true, _, true) => y,
        (true, _, false) => y + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// (expression as written, resolved date, relative) for every mention.
    fn got(text: &str, anchor: Option<NaiveDate>) -> Vec<(String, String, bool)> {
        find_dates(text, anchor)
            .into_iter()
            .map(|m| {
                (
                    text[m.span.start..m.span.end].to_string(),
                    m.date,
                    m.relative,
                )
            })
            .collect()
    }

    fn one(text: &str, anchor: Option<NaiveDate>) -> Option<(String, String)> {
        let g = got(text, anchor);
        assert!(g.len() <= 1, "{text:?}: {g:?}");
        g.into_iter().next().map(|(s, d, _)| (s, d))
    }

    fn pair(s: &str, d: &str) -> Option<(String, String)> {
        Some((s.to_string(), d.to_string()))
    }

    const THU: Option<NaiveDate> = NaiveDate::from_ymd_opt(2017, 3, 2);

    #[test]
    fn absolute_dates() {
        assert_eq!(
            one("It happened on March 2, 2017, in Washington.", None),
            pair("March 2, 2017", "2017-03-02")
        );
        assert_eq!(
            one("It happened on 2 March 2017 in Washington.", None),
            pair("2 March 2017", "2017-03-02")
        );
        assert_eq!(
            one("Filed 2017-03-02 by staff.", None),
            pair("2017-03-02", "2017-03-02")
        );
        assert_eq!(
            one("Filed 3/2/2017 by staff.", None),
            pair("3/2/2017", "2017-03-02")
        );
        assert_eq!(
            one("Filed 25/12/2016 by staff.", None),
            pair("25/12/2016", "2016-12-25")
        );
        assert_eq!(
            one("2005/01/08 Tsunami aid donations", None),
            pair("2005/01/08", "2005-01-08")
        );
        assert_eq!(
            one("Saturday, January 8, 2005\nU.S. citizens", None),
            pair("Saturday, January 8, 2005", "2005-01-08")
        );
        assert_eq!(
            one("They met in July 2016 at the convention.", None),
            pair("July 2016", "2016-07")
        );
        assert_eq!(
            one("They met in September of 2016.", None),
            pair("September of 2016", "2016-09")
        );
        assert_eq!(
            one("He was born on the 8th of January 1935.", None),
            pair("8th of January 1935", "1935-01-08")
        );
    }

    #[test]
    fn yearless_dates_take_the_most_recent_past_year() {
        assert_eq!(
            one(
                "During his January 10 confirmation hearing, he said so.",
                THU
            ),
            pair("January 10", "2017-01-10")
        );
        assert_eq!(
            one("They met on Sept. 8 in his office.", THU),
            pair("Sept. 8", "2016-09-08")
        );
        assert_eq!(
            one("The hearing on Jan. 10th went badly.", THU),
            pair("Jan. 10th", "2017-01-10")
        );
        assert_eq!(
            one("They met on 8 September at his office.", THU),
            pair("8 September", "2016-09-08")
        );
        assert_eq!(
            one("They had a private talk in September.", THU),
            pair("September", "2016-09")
        );
        assert_eq!(
            one("They met in July at the convention.", THU),
            pair("July", "2016-07")
        );
        assert_eq!(
            one("In his confirmation hearing in January, he denied it.", THU),
            pair("January", "2017-01")
        );
        assert_eq!(
            one("Prices rose in mid-March.", THU),
            pair("March", "2017-03")
        );
        // Future cues pick the next occurrence.
        assert_eq!(
            one("He will testify on March 20.", THU),
            pair("March 20", "2017-03-20")
        );
        assert_eq!(
            one("The vote is scheduled for September.", THU),
            pair("September", "2017-09")
        );
        assert_eq!(one("Pressure grew on May in May's cabinet.", THU), None);
        assert_eq!(
            one("May I ask? The vote was held in May.", THU),
            pair("May", "2016-05")
        );
        assert_eq!(
            one("The vote is scheduled for late September.", THU),
            pair("September", "2017-09")
        );
        assert_eq!(
            one("He will retire in February.", THU),
            pair("February", "2018-02")
        );
        // "of that same year" takes the previous date's year.
        let g = got(
            "They met in July 2016, and again on September 8 of that same year.",
            None,
        );
        assert_eq!(g[1].0, "September 8 of that same year");
        assert_eq!(g[1].1, "2016-09-08");
    }

    #[test]
    fn relative_days_and_weekdays() {
        assert_eq!(
            one("He spoke yesterday.", THU),
            pair("yesterday", "2017-03-01")
        );
        assert_eq!(one("He spoke today.", THU), pair("today", "2017-03-02"));
        assert_eq!(
            one("He will speak tomorrow.", THU),
            pair("tomorrow", "2017-03-03")
        );
        assert_eq!(
            one(
                "A spokesperson said in a statement on Wednesday evening that it was false.",
                THU
            ),
            pair("Wednesday evening", "2017-03-01")
        );
        assert_eq!(
            one("The company said Thursday it would appeal.", THU),
            pair("Thursday", "2017-03-02")
        );
        assert_eq!(
            one("Sessions met the ambassador on Monday.", THU),
            pair("Monday", "2017-02-27")
        );
        assert_eq!(
            one("The committee will meet on Monday.", THU),
            pair("Monday", "2017-03-06")
        );
        assert_eq!(
            one("It began last Thursday.", THU),
            pair("last Thursday", "2017-02-23")
        );
        assert_eq!(
            one("It begins next Thursday.", THU),
            pair("next Thursday", "2017-03-09")
        );
        assert_eq!(
            one("A navy ship is to arrive at the scene on Wednesday.", THU),
            pair("Wednesday", "2017-03-08")
        );
        assert_eq!(
            one("Talks may be extended until Saturday.", THU),
            pair("Saturday", "2017-03-04")
        );
        // Names that contain a weekday or "Today".
        assert_eq!(one("Stores braced for Black Friday crowds.", THU), None);
        assert_eq!(one("He told USA Today that he was sorry.", THU), None);
        assert_eq!(
            one("He wrote in the Sunday Times that he was sorry.", THU),
            None
        );
    }

    #[test]
    fn relative_months_and_years() {
        // A year-grained possessive names a thing (GUIDELINES: "this year's Australian
        // Open" is out), like a bare year used as an adjective.
        assert_eq!(one("He met the envoy during last year's race.", THU), None);
        assert_eq!(
            one("Prices fell earlier this month.", THU),
            pair("earlier this month", "2017-03")
        );
        assert_eq!(
            one("Prices fell last month.", THU),
            pair("last month", "2017-02")
        );
        assert_eq!(
            one("Prices will fall next month.", THU),
            pair("next month", "2017-04")
        );
        assert_eq!(
            one("Elections are due next year.", THU),
            pair("next year", "2018")
        );
        assert_eq!(
            one("They met in September last year.", THU),
            pair("September last year", "2016-09")
        );
        let g = got("The parade runs between June and August this year.", THU);
        assert_eq!((g[0].1.as_str(), g[1].1.as_str()), ("2017-06", "2017-08"));
        let g = got("It ran from December to February 2005.", None);
        assert_eq!((g[0].1.as_str(), g[1].1.as_str()), ("2004-12", "2005-02"));
        // Rounded durations and weeks are not dates: skipped, not guessed.
        assert_eq!(one("The deal was signed three years ago.", THU), None);
        assert_eq!(one("She joined the team six months ago.", THU), None);
        assert_eq!(one("The firm was sold two weeks ago.", THU), None);
        assert_eq!(one("Prices fell last week.", THU), None);
        assert_eq!(
            one("The firm was sold two days ago.", THU),
            pair("two days ago", "2017-02-28")
        );
    }

    #[test]
    fn anniversaries_ordinal_days_and_deadlines() {
        // An anniversary article: "this day last year" is the day, a year back.
        assert_eq!(
            one("On this day last year, the storm reached the coast.", THU),
            pair("this day last year", "2016-03-02")
        );
        assert_eq!(
            one("The bridge fell at noon this day one year ago.", THU),
            pair("this day one year ago", "2016-03-02")
        );
        assert_eq!(
            one("He was sentenced on the third of March.", THU),
            pair("third of March", "2016-03-03")
        );
        assert_eq!(one("She finished first of many.", THU), None);
        assert_eq!(
            one("The jet crashed on June 1 last year at sea.", THU),
            pair("June 1 last year", "2016-06-01")
        );
        // A deadline a few weeks ahead, even in the past tense.
        let may6 = NaiveDate::from_ymd_opt(2010, 5, 6);
        let g = got("On May 4, the search was extended to May 25.", may6);
        let dates: Vec<&str> = g.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(dates, ["2010-05-04", "2010-05-25"]);
        // "since May 25" is not a deadline: the most recent one.
        assert_eq!(
            one("Talks have stalled since May 25.", may6),
            pair("May 25", "2009-05-25")
        );
        // "at July" (non-native "in July") is a month.
        assert_eq!(
            one("The flag was shown at the games at July.", THU),
            pair("July", "2016-07")
        );
    }

    #[test]
    fn chained_relative_dates_follow_the_previous_date() {
        let g = got("The quake struck on January 12, 2010. Two days later, aid arrived. The next day, riots began.", None);
        let dates: Vec<&str> = g.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(dates, ["2010-01-12", "2010-01-14", "2010-01-15"]);
        assert!(!g[0].2 && g[1].2 && g[2].2);
        // No earlier date and no anchor: nothing.
        assert!(got("Two days later, aid arrived.", None).is_empty());
        // "the day after the attack" points at the attack.
        assert!(got("The day after the attack, police searched houses.", THU).is_empty());
        assert!(got("Patients will die in the next day or two.", THU).is_empty());
    }

    #[test]
    fn bare_year_pairs_early_years_and_names() {
        let g = got(
            "The books will be published in 2014 and 2015, the firm said.",
            None,
        );
        let dates: Vec<&str> = g.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(dates, ["2014", "2015"]);
        // "2 and 2015" is not a pair of years.
        assert_eq!(one("He scored 2 and 2015 fans cheered.", None), None);
        assert_eq!(
            one("The files surfaced in early 2004 bringing outrage.", None),
            pair("2004", "2004")
        );
        // A possessive year, or a year before a name, names a thing.
        assert_eq!(one("These poems came after 1950's great epic.", None), None);
        assert_eq!(
            one(
                "Few welcomed the torch of 2008 Summer Olympics there.",
                None
            ),
            None
        );
        // A capitalised "Yesterday" opening a line after a headline is the word, not a name.
        assert_eq!(
            one("Torch Relay Chaos\nYesterday, crowds lined the route.", THU),
            pair("Yesterday", "2017-03-01")
        );
    }

    #[test]
    fn bare_years_only_as_times() {
        assert_eq!(
            one("The law passed in 2016 and took effect.", None),
            pair("2016", "2016")
        );
        assert_eq!(
            one("He has lived there since 2005, friends said.", None),
            pair("2005", "2005")
        );
        assert_eq!(
            one("He worked on the 2016 presidential campaign.", None),
            None
        );
        assert_eq!(one("They discussed the 2016 election.", None), None);
        assert_eq!(one("Copyright 2017 The Associated Press.", None), None);
        assert_eq!(one("Donations count in 2004 tax returns.", None), None);
        assert_eq!(one("Music of the 1990s is back.", None), None);
        assert_eq!(one("In 1990s Russia, prices soared.", None), None);
        assert_eq!(one("The store is open 24/7 now.", None), None);
        assert_eq!(one("The talk began shortly after 4 p.m. EST.", None), None);
        assert_eq!(one("The 45-year-old man, aged 45, was held.", None), None);
    }

    #[test]
    fn odd_input_never_panics_and_is_not_resolved() {
        assert!(got("", THU).is_empty());
        assert!(got("No dates here at all.", THU).is_empty());
        assert!(
            got("It was February 30, 2017.", None).is_empty(),
            "no February 30"
        );
        assert!(got("It was 2017-02-30 or 2017-13-01.", None).is_empty());
        assert!(got("In year 0000-01-01, January 1, 0000.", None).is_empty());
        assert!(
            got("He spoke on Wednesday evening.", None).is_empty(),
            "weekday without anchor"
        );
        assert!(got("He spoke yesterday in January about Sept. 8.", None).is_empty());
        // Non-ASCII around dates: spans stay on char boundaries.
        let t = "Ça s’est passé le 2 mars — non, le «March 2, 2017» à Genève 日本 Wednesday.";
        for m in find_dates(t, THU) {
            assert!(t.get(m.span.start..m.span.end).is_some());
        }
        assert_eq!(got(t, THU)[0].1, "2017-03-02");
        // Anchor at the edges of chrono's range.
        let far = NaiveDate::MAX;
        let _ = find_dates(
            "tomorrow, next month, next year, in 3 days later on Friday",
            Some(far),
        );
        let _ = find_dates(
            "yesterday, last month, last year, 3 years ago, on Friday",
            Some(NaiveDate::MIN),
        );
        let huge = "On Wednesday, x. ".repeat(20_000);
        assert_eq!(find_dates(&huge, THU).len(), 20_000);
    }

    #[test]
    fn yearless_dates_use_the_written_weekday_and_the_story_years() {
        let jan8 = Some(ymd(2005, 1, 8));
        // January 16 is in the future of the anchor, but only 2005's was a Sunday.
        assert_eq!(
            one(
                "The telethon was held on Sunday, January 16, by the station.",
                jan8
            ),
            pair("Sunday, January 16", "2005-01-16")
        );
        assert_eq!(
            one(
                "The telethon was held on Sunday 16 January by the station.",
                jan8
            ),
            pair("Sunday 16 January", "2005-01-16")
        );
        // The same date written in full elsewhere fixes the year.
        let t = "The court saw footage of the bombings on July 7. The bombers attacked London on July 7, 2005.";
        let g = got(t, Some(ymd(2008, 5, 1)));
        assert_eq!(g[0].1, "2005-07-07");
        // A year glued to the next line's first word is still a year.
        assert_eq!(
            one("Tuesday, January 18, 2005Through a telethon", None),
            pair("Tuesday, January 18, 2005", "2005-01-18")
        );
        // Generic weekdays and schedules are not dates; "Jan" alone is a name.
        assert_eq!(
            one("He is on the radio Monday through Friday at 7 a.m.", jan8),
            None
        );
        assert_eq!(
            one("The data were compiled by Jan Null, a meteorologist.", jan8),
            None
        );
        assert_eq!(
            one("Figures rose in Jan. and fell later.", jan8),
            pair("Jan.", "2005-01")
        );
        assert_eq!(one("Men were out fishing on a Sunday morning.", jan8), None);
        assert_eq!(
            one(
                "The seizure took place on the eve of Saturday's expected vote.",
                Some(ymd(2007, 3, 23))
            ),
            pair("Saturday", "2007-03-24")
        );
    }

    proptest::proptest! {
        /// Any text: every span is on char boundaries and every date string is well formed.
        #[test]
        fn spans_stay_on_char_boundaries(text in "(\\PC|[0-9/ ,.-]|March |Wednesday |in |today ){0,60}") {
            for m in find_dates(&text, THU) {
                proptest::prop_assert!(text.get(m.span.start..m.span.end).is_some());
                proptest::prop_assert!(matches!(m.date.len(), 4 | 7 | 10));
            }
        }
    }

    #[test]
    fn tense_cues() {
        assert_eq!(
            one("He said on Friday that he will resign.", THU),
            pair("Friday", "2017-02-24")
        );
        assert_eq!(
            one("The trial is expected to begin on Friday.", THU),
            pair("Friday", "2017-03-03")
        );
        let _ = ymd(2017, 3, 2);
    }

    #[test]
    fn day_pairs_and_year_possessives() {
        let a = NaiveDate::from_ymd_opt(2007, 7, 25);
        let got = |t: &str| {
            find_dates(t, a)
                .into_iter()
                .map(|m| m.date)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            got("He was seen in the Alps on both June 13 and 14, 2007."),
            ["2007-06-13", "2007-06-14"]
        );
        // A year-grained possessive names a thing; the plain phrase dates.
        assert!(got("She won this year's Australian Open.").is_empty());
        assert_eq!(got("She has not played since early this year."), ["2007"]);
        // A time of day makes a weekday after a name a date; without it, a name.
        assert_eq!(
            got("He posted on Twitter Tuesday afternoon."),
            ["2007-07-24"]
        );
        assert!(got("Shoppers crowded stores on Black Friday.").is_empty());
    }
}
