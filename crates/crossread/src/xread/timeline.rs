//! The dated timeline of a story: what happened when, according to which outlets.
//!
//! 1. **Article dates.** Each article's date is its metadata date when that reads as a date.
//!    Otherwise it is inferred, in this order: a dateline (a full date at the start of one of
//!    the first three lines: "Saturday, January 8, 2005", "2005/01/08 Headline"); else the
//!    latest full date the text mentions that does not read as future (a tweet embed's
//!    "March 2, 2017"), unless the text names a later month or year as past ("exhumed in
//!    April 2013" beside "the Sept. 11, 1973, coup": the full date is recalled history); else
//!    the (lower) median date of the story's other articles. Inferred dates are marked so. A
//!    date taken from the latest date named is only a lower bound of the publication date, so
//!    there a weekday one day after it resolves to that next day ("police said Thursday" in a
//!    text whose latest date is a Wednesday). When that latest date stands inside prose
//!    ("graduated on Jan. 28, 2016, in Illinois") rather than ending its line (an embed's or a
//!    "Published on" line's date) or carrying its weekday ("Monday, June 17, 2013", as captions
//!    write the day of the news), the article may be months younger: the date is *coarse*,
//!    and weekdays, "yesterday" and the lede's news peg are not resolved against it (months and
//!    years still are). A story median is coarse when only coarse dates give it. A dateline
//!    dates its article only: it gives no event, and no year to another article's yearless
//!    "July 7".
//! 2. **Dated sentences.** [`super::dates`] finds every date expression of an article,
//!    resolved against that date; each prose sentence ([`super::prose_sentences`]) gives one
//!    event per distinct date it states (a sentence that names "July 2016" and "September 8"
//!    gives two). A month and a day within it (2016-09 and 2016-09-08) are two dates ("attacks
//!    in July ... arrested on July 29"). The lede (first prose sentence) of an article, when it names no
//!    date, is its news peg and is dated with the article's date: news writing puts the
//!    day's event first.
//! 3. **Merging.** Events from any articles merge when their dates are equal, at the same
//!    precision, and their sentences share content stems (stop words, date words and
//!    reporting verbs left out): at least two shared stems, and a share of the smaller
//!    sentence's stems of at least [`SAME_DAY_OVERLAP`] for day-precise dates,
//!    [`COMPATIBLE_OVERLAP`] for months and years, where the date itself is weaker evidence.
//!    A month and a day within it (2016-09 and 2016-09-08) stay two events: the outlet that
//!    says "in September" does not state the 8th, and an event's sources are the outlets that
//!    state its date. The merged event keeps the first source's sentence and every source.
//!    Only events of the same date bucket are compared, and at most [`MAX_COMPARED`] per
//!    bucket, so a large story stays linear in practice.
//! 4. Events are sorted by date (a year before its months, a month before its days), then by
//!    first source.
//!
//! An event is `inferred` when every date that placed it was resolved against an inferred
//! article date ("Wednesday evening" in an article that carries no date).

use super::dates::{known_years, scan, scan_full, Found, Known, When, WEEKDAYS};
use super::prose_sentences;
use crate::ingest::parse_date;
use chrono::{Datelike, NaiveDate};
use crossread_model::{Article, DatePrecision, Span, TimelineEvent};
use crossread_text::tokenize::{StemId, Tokenizer, Word};
use rustc_hash::FxHashMap;

/// An article's date and whether it was inferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleDate {
    /// The date.
    pub date: NaiveDate,
    /// True when the article carried no (readable) date and this one was inferred from its
    /// text or from the story's other articles.
    pub inferred: bool,
    /// How much of `date` holds: `Day`, or `Month` when it was inferred from a date the prose
    /// recalls (the article may be weeks younger; weekdays are not resolved against it).
    pub precision: DatePrecision,
}

/// The timeline of one story.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    /// Dated events, earliest first.
    pub events: Vec<TimelineEvent>,
    /// Per article, same order as the input: the date its relative dates were resolved
    /// against (`None` when none could be found or inferred).
    pub article_dates: Vec<Option<ArticleDate>>,
}

/// Minimum share of the smaller sentence's content stems two events with the same
/// day-precise date must share to merge.
pub const SAME_DAY_OVERLAP: f32 = 0.2;
/// Minimum share for two events of the same month or year, where the date itself is weaker
/// evidence.
pub const COMPATIBLE_OVERLAP: f32 = 0.3;
/// At most this many earlier events of one date bucket are compared with a new one.
pub const MAX_COMPARED: usize = 512;

/// The dated timeline of the articles of one story.
pub fn timeline(articles: &[Article]) -> Timeline {
    // One anchor-free pass per article gives both its own full dates and what its date
    // inference needs; a second, anchored pass resolves the relative dates.
    let base: Vec<Vec<Found>> = articles.iter().map(|a| scan(&a.text, None)).collect();
    let Dated {
        dates: article_dates,
        lower,
        coarse,
        ..
    } = dates_from(articles, &base);
    // Datelines date their articles, not events: no event, no year for a yearless date.
    let heads: Vec<Option<Span>> = articles
        .iter()
        .zip(&base)
        .map(|(a, f)| dateline(&a.text, f).map(|f| f.span))
        .collect();
    let base: Vec<Vec<Found>> = base
        .into_iter()
        .zip(&heads)
        .map(|(f, h)| f.into_iter().filter(|f| Some(f.span) != *h).collect())
        .collect();
    let mut tok = Tokenizer::new();
    let mut words = Vec::new();
    let mut events: Vec<Ev> = Vec::new();
    let mut buckets: FxHashMap<(i32, u32), Vec<usize>> = FxHashMap::default();
    // Full dates of the whole story: one outlet's "July 7" is another's "July 7, 2005".
    let own: Vec<Known> = base
        .iter()
        .map(|f| {
            let mut k = Known::default();
            known_years(f, &mut k);
            k
        })
        .collect();
    let mut known = Known::default();
    for f in &base {
        known_years(f, &mut known);
    }
    for (di, (a, ad)) in articles.iter().zip(&article_dates).enumerate() {
        let anchor = ad.map(|d| d.date);
        let mut found = scan_full(
            &a.text,
            anchor,
            own[di].clone(),
            &known,
            lower[di],
            coarse[di],
        );
        found.retain(|f| Some(f.span) != heads[di]);
        let sents = prose_sentences(&a.text);
        // A headline (a first line without closing punctuation) restates the news; the lede
        // is the sentence after it.
        let lede = usize::from(sents.len() > 1 && is_headline(&a.text, sents[0]));
        for (si, sent) in sents.iter().enumerate() {
            let mut dates = sentence_dates(&a.text, &found, *sent);
            // A coarse article date is no day for the news peg either. A date borrowed from
            // the story keeps the peg: the story is the unit (the seeds' two ledes).
            if dates.is_empty() && si == lede && !coarse[di] {
                if let Some(ad) = ad {
                    dates.push((When::day(ad.date), true));
                }
            }
            // Inferred: placed by the article date, and that date was itself inferred.
            let anchor_inferred = ad.is_some_and(|d| d.inferred);
            if dates.is_empty() {
                continue;
            }
            let Some(body) = a.text.get(sent.start..sent.end) else {
                continue;
            };
            words.clear();
            tok.tokenize_into(body, sent.start, &mut words);
            let stems = content_stems(&a.text, &words);
            for (when, uses_anchor) in dates {
                let cand = Ev {
                    when,
                    inferred: uses_anchor && anchor_inferred,
                    doc: di,
                    sent: *sent,
                    stems: stems.clone(),
                    sources: vec![di],
                };
                match best_match(&events, &buckets, &cand) {
                    Some(e) => events[e].absorb(cand),
                    None => {
                        buckets
                            .entry(bucket(&cand.when))
                            .or_default()
                            .push(events.len());
                        events.push(cand);
                    }
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..events.len()).collect();
    let keys: Vec<String> = events.iter().map(|e| e.when.render()).collect();
    order.sort_by(|&x, &y| {
        (&keys[x], events[x].doc, events[x].sent.start).cmp(&(
            &keys[y],
            events[y].doc,
            events[y].sent.start,
        ))
    });
    let events = order
        .into_iter()
        .map(|i| {
            let e = &events[i];
            TimelineEvent {
                date: keys[i].clone(),
                precision: e.when.precision(),
                text: articles[e.doc].text[e.sent.start..e.sent.end].to_string(),
                sources: e.sources.iter().map(|&d| articles[d].id.clone()).collect(),
                inferred: e.inferred,
            }
        })
        .collect();
    Timeline {
        events,
        article_dates,
    }
}

/// Each article's date: its metadata date, else one inferred from its text (see
/// [`date_from_text`]), else the median of the other articles' dates.
pub fn article_dates(articles: &[Article]) -> Vec<Option<ArticleDate>> {
    let base: Vec<Vec<Found>> = articles.iter().map(|a| scan(&a.text, None)).collect();
    dates_from(articles, &base).dates
}

/// Per article: its date, whether that is only a lower bound (the latest date its text
/// names), and whether it is coarse (a date the prose recalls: right to the month at best).
struct Dated {
    dates: Vec<Option<ArticleDate>>,
    lower: Vec<bool>,
    coarse: Vec<bool>,
}

/// [`article_dates`] with each article's anchor-free scan done.
///
/// The story is the unit: its articles report one news event. Its *news day* is the lower
/// median of the day-precise dates that date an article's own news: metadata, datelines, an
/// embed's or a "Published on" line's date, a day written with its weekday. An article whose
/// text gives no date, or only a coarse lower bound (a date its prose recalls) that lies on or
/// before the news day, takes the news day: "gave birth Friday" in an article whose only full
/// date is an old photo credit is the Friday the other outlets date. With no such date in the
/// story, an undated article takes the median of the coarse ones, coarse itself.
fn dates_from(articles: &[Article], base: &[Vec<Found>]) -> Dated {
    let n = articles.len();
    let mut d = Dated {
        dates: Vec::with_capacity(n),
        lower: vec![false; n],
        coarse: vec![false; n],
    };
    for (i, (a, found)) in articles.iter().zip(base).enumerate() {
        d.dates.push(match a.date.as_deref().and_then(parse_date) {
            Some(date) => Some(ArticleDate {
                date,
                inferred: false,
                precision: DatePrecision::Day,
            }),
            None => date_from_found(&a.text, found).map(|(date, bound, rough)| {
                d.lower[i] = bound;
                d.coarse[i] = rough;
                ArticleDate {
                    date,
                    inferred: true,
                    precision: if rough {
                        DatePrecision::Month
                    } else {
                        DatePrecision::Day
                    },
                }
            }),
        });
    }
    let lower_median = |mut v: Vec<NaiveDate>| {
        v.sort();
        v.get(v.len().saturating_sub(1) / 2).copied()
    };
    let fine: Vec<NaiveDate> = d
        .dates
        .iter()
        .zip(&d.coarse)
        .filter(|(_, &c)| !c)
        .filter_map(|(x, _)| x.map(|x| x.date))
        .collect();
    let (story, story_coarse) = match lower_median(fine) {
        Some(day) => (day, false),
        None => match lower_median(d.dates.iter().flatten().map(|x| x.date).collect()) {
            Some(day) => (day, true),
            None => return d,
        },
    };
    for i in 0..n {
        let take = match d.dates[i] {
            None => true,
            Some(x) => !story_coarse && d.coarse[i] && d.lower[i] && x.date <= story,
        };
        if take {
            d.dates[i] = Some(ArticleDate {
                date: story,
                inferred: true,
                precision: if story_coarse {
                    DatePrecision::Month
                } else {
                    DatePrecision::Day
                },
            });
            d.coarse[i] = story_coarse;
            d.lower[i] = false;
        }
    }
    d
}

/// The date an article's text implies it was written: a dateline (a full date at the start
/// of one of its first three non-blank lines), else the latest full date it names that does
/// not read as future. `None` when the text names no full date.
pub fn date_from_text(text: &str) -> Option<NaiveDate> {
    date_from_found(text, &scan(text, None)).map(|(d, _, _)| d)
}

/// [`date_from_text`] on a scan done; whether the date is only a lower bound (the latest
/// date named, rather than a dateline); and whether it is coarse: the latest date stands
/// inside prose ("graduated on Jan. 28, 2016, in Illinois") rather than ending its line as an
/// embed's or a "Published on" line's date does, so the article may be months younger.
fn date_from_found(text: &str, found: &[Found]) -> Option<(NaiveDate, bool, bool)> {
    if let Some(f) = dateline(text, found) {
        return f.when.to_naive().map(|d| (d, false, false));
    }
    // A month or year the text names as past and that lies after a full date ("exhumed in
    // April 2013" beside "the Sept. 11, 1973, coup") shows that date is history the article
    // recalls, not when it was written.
    let recalled = |d: NaiveDate| {
        found.iter().any(|f| {
            !f.relative
                && !f.future
                && match (f.when.month, f.when.day) {
                    (Some(m), None) => (f.when.year, m) > (d.year(), d.month()),
                    (None, None) => f.when.year > d.year(),
                    _ => false,
                }
        })
    };
    let latest = found
        .iter()
        .filter(|f| !f.relative && !f.future && f.when.precision() == DatePrecision::Day)
        .filter_map(|f| Some((f.when.to_naive()?, f.span)))
        .max_by_key(|(d, s)| (*d, s.start));
    // "gave birth on Friday, September 1": a day written with its weekday (the year is the
    // one the weekday fits) is how news gives the day of the event it reports, so the article
    // is from that day or the few after it: a day-precise lower bound, unless the text names
    // a later full date or a later month or year as past.
    let news = found
        .iter()
        .filter(|f| f.with_weekday && !f.future && f.when.precision() == DatePrecision::Day)
        .filter_map(|f| f.when.to_naive())
        .max();
    if let Some(n) = news {
        if latest.is_none_or(|(l, _)| n >= l) && !recalled(n) {
            return Some((n, true, false));
        }
    }
    let (latest, span) = latest?;
    let rest = text.get(span.end..).unwrap_or("");
    let line_end = clock_tail(&rest[..rest.find('\n').unwrap_or(rest.len())]);
    // "Monday, June 17, 2013": a written weekday is how captions and datelines give the day
    // of the news; a recalled date seldom carries one.
    let head = text.get(span.start..).unwrap_or("");
    let weekday = WEEKDAYS.iter().any(|(w, _)| {
        head.get(..w.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(w))
    });
    (!recalled(latest)).then_some((latest, true, !line_end && !weekday))
}

/// What may follow a date that ends its line (an embed's or a "Published on" line's date):
/// nothing but punctuation, or a clock time ("at 1:24pm PDT", ", 6:20 a.m. ET").
fn clock_tail(rest: &str) -> bool {
    let mut words = rest
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .peekable();
    if words.peek() == Some(&"at") {
        words.next();
    }
    let mut time = false;
    for w in words {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        if bare.is_empty() {
            continue;
        }
        let clock = !time
            && bare.starts_with(|c: char| c.is_ascii_digit())
            && bare.contains(':')
            && bare
                .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .chars()
                .all(|c| c.is_ascii_digit() || c == ':');
        let meridiem = time
            && matches!(
                bare.to_ascii_lowercase().as_str(),
                "am" | "pm" | "a.m" | "p.m"
            );
        let zone = time && bare.len() <= 4 && bare.chars().all(|c| c.is_ascii_uppercase());
        if clock {
            time = true;
        } else if !(meridiem || zone) {
            return false;
        }
    }
    true
}

/// The dateline among `found`: a full date at the start of one of the first three non-blank
/// lines ("Saturday, January 8, 2005", "2005/01/08 Headline"). It dates the article, not an
/// event, so it gives no timeline event and no year to another article's "January 8".
fn dateline<'f>(text: &str, found: &'f [Found]) -> Option<&'f Found> {
    let mut off = 0;
    let mut n = 0;
    for line in text.split_inclusive('\n') {
        let start = off;
        off += line.len();
        if line.trim().is_empty() {
            continue;
        }
        n += 1;
        if n > 3 {
            break;
        }
        let lead = start + (line.len() - line.trim_start().len());
        let end = start + line.len();
        if let Some(f) = found.iter().find(|f| {
            !f.relative
                && f.when.precision() == DatePrecision::Day
                && f.span.start >= lead
                && f.span.start < end
        }) {
            let before = &text[lead..f.span.start];
            if before.chars().all(|c| !c.is_alphanumeric()) {
                return Some(f);
            }
        }
    }
    None
}

/// A quotation opened in `head` (a sentence up to a date) is still open: an odd number of
/// straight double quotes, or more opening than closing curly ones.
fn inside_quote(head: &str) -> bool {
    let straight = head.matches('"').count();
    let open = head.matches('\u{201c}').count();
    let close = head.matches('\u{201d}').count();
    straight % 2 == 1 || open > close
}

/// The date at `span` ends an embed's credit line ("— Maine First Media (@MaineFirstMedia)
/// March 2, 2017", "A post shared by X (@x) on Sep 1, 2017 at 1:24pm PDT"): it dates the post,
/// which may date the article, but states no event.
fn credit_line(text: &str, span: Span) -> bool {
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let rest = &text[span.end..];
    let head = &text[line_start..span.start];
    clock_tail(&rest[..rest.find('\n').unwrap_or(rest.len())])
        && (head.contains("(@") || head.trim_start().starts_with(['\u{2014}', '\u{2013}']))
}

/// Words that mark a photo caption or gallery in a line of extracted text.
const CAPTION_MARKS: &[&str] = &[
    "Buy Photo",
    "View Photos",
    "Getty Images",
    "AP Photo",
    "File photo",
    "File Photo",
    "(Photo",
    "Photo:",
    "Photograph:",
    "via Reuters",
    "via AP",
    "via AFP",
    "via Getty",
];

/// The date at `span` is in a photo caption: its line carries a caption mark ("Getty
/// Images", "(File photo: ...)", "Buy Photo") or ends in a photographer's credit ("...  in
/// March 2015. Jerome Delay / AP file"). A caption dates the picture, often an old one, not
/// an event of the story.
fn photo_caption(text: &str, span: Span) -> bool {
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    let line = text[start..end].trim_end();
    if CAPTION_MARKS.iter().any(|m| line.contains(m)) {
        return true;
    }
    // The credit: the line's last stretch after a sentence end, short, capitalised, without
    // sentence punctuation, and naming a photographer and an agency with a slash.
    let tail = line.rfind(". ").map_or("", |i| &line[i + 2..]);
    tail.contains('/')
        && tail.len() <= 80
        && tail.starts_with(char::is_uppercase)
        && !tail.ends_with(['.', '!', '?', '"', '\u{201d}'])
        && tail[tail.find('/').unwrap_or(0) + 1..]
            .trim_start()
            .starts_with(char::is_uppercase)
}

/// `sent` is a line of its own that ends without sentence punctuation ("Five found guilty
/// of bomb plot").
fn is_headline(text: &str, sent: Span) -> bool {
    let Some(body) = text.get(sent.start..sent.end) else {
        return false;
    };
    let after = text.get(sent.end..).unwrap_or("");
    let before = text.get(..sent.start).unwrap_or("");
    let own_line = after.starts_with(['\n', '\r']) && (before.is_empty() || before.ends_with('\n'));
    own_line
        && !body.contains('\n')
        && !body
            .trim_end()
            .ends_with(['.', '!', '?', '"', '\u{201d}', '\'', '\u{2019}', ':'])
}

/// One event while the timeline is built.
#[derive(Debug, Clone)]
struct Ev {
    when: When,
    inferred: bool,
    /// First source: article index and sentence.
    doc: usize,
    sent: Span,
    /// Sorted, unique content stems of the sentence(s).
    stems: Vec<StemId>,
    /// Article indices, first source first, no repeats.
    sources: Vec<usize>,
}

impl Ev {
    fn absorb(&mut self, other: Ev) {
        self.inferred &= other.inferred;
        if !self.sources.contains(&other.doc) {
            self.sources.push(other.doc);
        }
        // The union lets a third outlet match either wording; capped so one event cannot
        // grow into a catch-all.
        if self.stems.len() < 64 {
            let mut s = std::mem::take(&mut self.stems);
            s.extend(other.stems);
            s.sort_unstable();
            s.dedup();
            self.stems = s;
        }
    }
}

fn bucket(w: &When) -> (i32, u32) {
    (w.year, w.month.unwrap_or(0))
}

/// The distinct dates stated in `sent` (`found` is in text order), with whether each was
/// resolved against the anchor. A month and a day within it both count ("attacks in July
/// ... arrested on July 29" states the month of one thing and the day of another).
fn sentence_dates(text: &str, found: &[Found], sent: Span) -> Vec<(When, bool)> {
    let lo = found.partition_point(|f| f.span.start < sent.start);
    let mut out: Vec<(When, bool)> = Vec::new();
    for f in found[lo..].iter().take_while(|f| f.span.start < sent.end) {
        // A date inside a quotation is the speaker's ("the outrages on Thursday"), told on
        // a day the article seldom gives.
        if inside_quote(text.get(sent.start..f.span.start).unwrap_or("")) {
            continue;
        }
        if credit_line(text, f.span) || photo_caption(text, f.span) {
            continue;
        }
        match out.iter_mut().find(|(w, _)| *w == f.when) {
            // Anchored only when every mention of the date was.
            Some(slot) => slot.1 &= f.uses_anchor,
            None => out.push((f.when, f.uses_anchor)),
        }
    }
    out
}

/// Words that say nothing about what happened: date words and reporting verbs.
const NOISE: &[&str] = &[
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
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "last",
    "next",
    "earlier",
    "later",
    "ago",
    "morning",
    "evening",
    "night",
    "afternoon",
    "said",
    "says",
    "say",
    "told",
    "according",
    "reported",
    "reports",
    "also",
    "would",
    "could",
    "one",
    "two",
    "first",
];

fn content_stems(text: &str, words: &[Word]) -> Vec<StemId> {
    let mut out: Vec<StemId> = words
        .iter()
        .filter(|w| !w.stop)
        .filter(|w| {
            let s = &text[w.span.start..w.span.end];
            !s.bytes().all(|b| b.is_ascii_digit())
                && !NOISE.iter().any(|n| n.eq_ignore_ascii_case(s))
        })
        .map(|w| w.stem)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The earlier event `cand` should merge into, if any: the best-overlapping one with the
/// same date.
fn best_match(
    events: &[Ev],
    buckets: &FxHashMap<(i32, u32), Vec<usize>>,
    cand: &Ev,
) -> Option<usize> {
    let list = buckets.get(&bucket(&cand.when))?;
    let mut best: Option<(f32, usize)> = None;
    for &e in list.iter().rev().take(MAX_COMPARED) {
        let ev = &events[e];
        // Only the same date at the same precision: an outlet that says "in June" does not
        // state June 1, so it must not become a source of a June 1 event (nor June 1 one of
        // a June event); the two stay separate events.
        if ev.when != cand.when {
            continue;
        }
        let n = super::shared_count(&ev.stems, &cand.stems);
        if n < 2 {
            continue;
        }
        let small = ev.stems.len().min(cand.stems.len()).max(1);
        let score = n as f32 / small as f32;
        let need = if ev.when.precision() == DatePrecision::Day {
            SAME_DAY_OVERLAP
        } else {
            COMPATIBLE_OVERLAP
        };
        if score >= need && !matches!(best, Some((s, _)) if s >= score) {
            best = Some((score, e));
        }
    }
    best.map(|(_, e)| e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(id: &str, date: Option<&str>, text: &str) -> Article {
        Article {
            id: id.into(),
            source: id.into(),
            title: None,
            date: date.map(Into::into),
            url: None,
            byline: None,
            lang: None,
            text: text.into(),
        }
    }

    #[test]
    fn article_dates_from_metadata_text_and_median() {
        let arts = [
            art("a", Some("2017-03-02"), "Sessions recused himself."),
            art(
                "b",
                None,
                "Sessions recused himself.\n— Someone (@someone) March 3, 2017",
            ),
            art("c", None, "Sessions recused himself."),
            art(
                "d",
                None,
                "2005/01/08 Tsunami aid\nSaturday, January 8, 2005\nAid flowed on January 9, 2005.",
            ),
        ];
        let d = article_dates(&arts);
        assert_eq!(
            d[0],
            Some(ArticleDate {
                date: NaiveDate::from_ymd_opt(2017, 3, 2).unwrap(),
                inferred: false,
                precision: DatePrecision::Day
            })
        );
        assert_eq!(
            d[1],
            Some(ArticleDate {
                date: NaiveDate::from_ymd_opt(2017, 3, 3).unwrap(),
                inferred: true,
                precision: DatePrecision::Day
            })
        );
        // The dateline wins over a later date in the body.
        assert_eq!(
            d[3].unwrap().date,
            NaiveDate::from_ymd_opt(2005, 1, 8).unwrap()
        );
        // Median of 2005-01-08, 2017-03-02, 2017-03-03 (lower median of three = middle).
        assert_eq!(
            d[2],
            Some(ArticleDate {
                date: NaiveDate::from_ymd_opt(2017, 3, 2).unwrap(),
                inferred: true,
                precision: DatePrecision::Day
            })
        );
        assert_eq!(article_dates(&[art("x", None, "no dates")]), vec![None]);
    }

    #[test]
    fn same_event_from_two_outlets_is_one_event() {
        let arts = [
            art("a", Some("2017-03-02"), "Intro line about the story.\nSessions met the Russian ambassador Sergey Kislyak on September 8 in his Senate office."),
            art("b", Some("2017-03-03"), "Intro line about the story.\nThe Russian ambassador Sergei Kislyak met Sessions in his office on Sept. 8."),
            art("c", Some("2017-03-03"), "Intro line about the story.\nThe Russian ambassador Sergei Kislyak met Sessions in his office in September."),
        ];
        let t = timeline(&arts);
        let sept: Vec<_> = t
            .events
            .iter()
            .filter(|e| e.date.starts_with("2016-09"))
            .collect();
        assert_eq!(sept.len(), 2, "{:#?}", t.events);
        assert_eq!(sept[0].date, "2016-09");
        assert_eq!(sept[1].date, "2016-09-08");
        // The outlets that name the day are the day's sources; the one that says only
        // "in September" states the month, not the 8th.
        assert_eq!(sept[1].sources, ["a", "b"]);
        assert_eq!(sept[0].sources, ["c"]);
        // Metadata dates are not inferred, so neither is anything resolved against them.
        assert!(t.events.iter().all(|e| !e.inferred), "{:#?}", t.events);
        let t = timeline(&[art("c", None, "Intro.\nHe resigned on Wednesday.\nHe was born on May 2, 1950.\nHis lawyer said Friday that he would appeal.\n— X (@x) March 2, 2017")]);
        let wed = t.events.iter().find(|e| e.date == "2017-03-01").unwrap();
        assert!(wed.inferred);
        // The tweet's date is only a lower bound: "said Friday" is the next day, not a week
        // before.
        assert!(
            t.events.iter().any(|e| e.date == "2017-03-03"),
            "{:#?}",
            t.events
        );
        let born = t.events.iter().find(|e| e.date == "1950-05-02").unwrap();
        assert!(!born.inferred, "an absolute date is never inferred");
    }

    #[test]
    fn datelines_date_articles_not_events() {
        let arts = [
            art(
                "a",
                None,
                "Crowds remember the victims\nFriday, July 7, 2006\nCrowds gathered in the rain. The bombs had exploded on July 7, 2005.",
            ),
            art(
                "b",
                None,
                "Inquiry demanded\nTuesday, May 1, 2007\nMembers of parliament want an inquiry. They asked about the 7 July link to the plotters.",
            ),
        ];
        let t = timeline(&arts);
        // b's "7 July" is the bombing named in a, not a's own publication day.
        let link = t
            .events
            .iter()
            .find(|e| e.text.contains("7 July link"))
            .unwrap();
        assert_eq!(link.date, "2005-07-07");
        // The dateline line itself gives no event beyond the lede's news peg.
        assert!(
            t.events
                .iter()
                .filter(|e| e.date == "2006-07-07")
                .all(|e| e.text.contains("Crowds gathered")),
            "{:#?}",
            t.events
        );
    }

    #[test]
    fn a_recalled_old_date_is_not_the_article_date() {
        let old = "The poet died after the Sept. 11, 1973, coup.\nHis body was exhumed in April 2013 for tests.\nA judge said on Friday that more tests are needed.\nOfficially, he died on Sept. 23 of cancer.";
        // The text names April 2013, after its latest full date: that date is history.
        assert_eq!(article_dates(&[art("a", None, old)]), vec![None]);
        let t = timeline(&[
            art("a", None, old),
            art(
                "b",
                None,
                "Records show the poet died on 23 September 1973.",
            ),
        ]);
        // No anchor: "on Friday" is not guessed, but "Sept. 23" takes the year another
        // outlet writes for that very day.
        assert!(t.events.iter().all(|e| !e.date.starts_with("1973-09-0")));
        let died = t
            .events
            .iter()
            .find(|e| e.text.contains("Officially"))
            .unwrap();
        assert_eq!(died.date, "1973-09-23");
        assert_eq!(died.sources, ["a"]);
        // A later year named only as a plan does not count: the tweet date stands.
        let plan = "Sessions recused himself. He will testify in 2018.\n— X (@x) March 2, 2017";
        assert_eq!(date_from_text(plan), NaiveDate::from_ymd_opt(2017, 3, 2));
    }

    #[test]
    fn photo_captions_date_pictures_not_events() {
        let t = timeline(&[art(
            "a",
            Some("2017-10-19"),
            "Intro line about the story.\nThe four soldiers were killed on Oct. 4 in an ambush.\n\
             Troops take part in exercises in Mao, Chad, in March 2015. Jerome Delay / AP file\n\
             A carry team transfers the remains at Dover on Oct. 5, 2017. Aaron Jenne / U.S. Air Force via Reuters\n\
             A patrol boat. (File photo: a boat seen in Iraq in 2002)\n\
             The senator spoke on Oct. 10 about the raid, 2017's worst.",
        )]);
        let dates: Vec<&str> = t.events.iter().map(|e| e.date.as_str()).collect();
        for caption in ["2015-03", "2017-10-05", "2002"] {
            assert!(!dates.contains(&caption), "{dates:?}");
        }
        for event in ["2017-10-04", "2017-10-10"] {
            assert!(dates.contains(&event), "{dates:?}");
        }
    }

    #[test]
    fn dates_inside_quotations_are_the_speakers() {
        let t = timeline(&[art(
            "a",
            Some("2017-03-02"),
            "Intro line about the story.\nThe chief said the raid \"is tied to the attacks on Monday\" and left.\nThe mayor spoke on Tuesday about the raid.",
        )]);
        assert!(
            t.events.iter().all(|e| e.date != "2017-02-27"),
            "{:#?}",
            t.events
        );
        assert!(t.events.iter().any(|e| e.date == "2017-02-28"));
    }

    #[test]
    fn a_date_recalled_in_prose_dates_months_not_weekdays() {
        let body = "The navy confirmed a death in training.\nThe sailor died Friday in the pool.\nHe enlisted in November.\n";
        let prose = format!("{body}He graduated from boot camp on Jan. 28, 2016, in Illinois.");
        let t = timeline(&[art("a", None, &prose)]);
        // The graduation day is only a lower bound, months off perhaps: no weekday, no peg.
        assert!(
            t.events
                .iter()
                .all(|e| !e.text.contains("Friday") && !e.text.contains("confirmed a death")),
            "{:#?}",
            t.events
        );
        // Months still resolve against it.
        assert!(t.events.iter().any(|e| e.date == "2015-11"));
        // The same date ending an embed line, or written with its weekday, dates the news.
        for tail in [
            "— A reader (@reader) January 28, 2016",
            "Sailors train at the base, Thursday, Jan. 28, 2016, in California.",
        ] {
            let t = timeline(&[art("b", None, &format!("{body}{tail}"))]);
            assert!(
                t.events.iter().any(|e| e.text.contains("died Friday")),
                "{tail}: {:#?}",
                t.events
            );
        }
    }

    #[test]
    fn undated_articles_take_the_day_their_text_or_story_implies() {
        // A day written with its weekday fixes the year (2017-09-01 is a Friday; 2016's and
        // 2018's are not) and dates the article to the day.
        let us = "Williams gave birth on Friday, September 1, the source says.\nShe posed at a gala on June 27, 2017, and for the August 2017 cover.\nShe announced it on April 19.";
        let d = article_dates(&[art("a", None, us)]);
        let a = d[0].unwrap();
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2017, 9, 1).unwrap());
        assert!(a.inferred);
        assert_eq!(a.precision, DatePrecision::Day);
        // An embed line's date followed by a clock time dates its article to the day; the
        // credit line itself states no event.
        let embed = "The baby was born on Friday.\nA post shared by B (@b) on Sep 1, 2017 at 1:24pm PDT\nShe won in January.";
        // Only a photo credit's old date: a coarse lower bound, replaced by the story's day.
        let credit = "Photo When: 23 Sep 2016 Credit: IPA\nShe checked into the hospital Wednesday.\nShe was induced Thursday night.";
        let undated =
            "The wait is over.\nA producer made the announcement on Twitter Friday afternoon.";
        let arts = [
            art("a", None, us),
            art("b", None, embed),
            art("c", None, credit),
            art("d", None, undated),
        ];
        let t = timeline(&arts);
        for ad in &t.article_dates {
            let ad = ad.unwrap();
            assert_eq!(ad.date, NaiveDate::from_ymd_opt(2017, 9, 1).unwrap());
            assert_eq!(ad.precision, DatePrecision::Day);
        }
        let has = |date: &str, words: &str| {
            t.events
                .iter()
                .any(|e| e.date == date && e.text.contains(words) && e.inferred)
        };
        assert!(has("2017-04-19", "April 19"), "{:#?}", t.events);
        assert!(has("2017-09-01", "born on Friday"), "{:#?}", t.events);
        assert!(has("2017-08-30", "Wednesday"), "{:#?}", t.events);
        assert!(has("2017-08-31", "Thursday night"), "{:#?}", t.events);
        assert!(
            has("2017-09-01", "Twitter Friday afternoon"),
            "{:#?}",
            t.events
        );
        assert!(t.events.iter().all(|e| !e.text.contains("post shared")));
        // A date recalled in prose stays month-precise when the story has nothing finer.
        let d = article_dates(&[art(
            "x",
            None,
            "He graduated on Jan. 28, 2016, in Illinois.",
        )]);
        assert_eq!(d[0].unwrap().precision, DatePrecision::Month);
    }
}
