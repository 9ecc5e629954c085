//! Plain data types that flow through the crossread pipeline.
//!
//! ```text
//! ingest    bytes            -> Article / Cluster
//! text      &Article         -> Vec<Sentence>      (byte spans into Article::text)
//! summarize &[Article]       -> Brief              (chosen sentences + the articles that state them)
//! ```
//!
//! Every position is a byte [`Span`] into the one `text` an [`Article`] owns, so a citation
//! always resolves to the exact source text. No type here does I/O or holds behaviour beyond
//! small accessors.
#![warn(missing_docs)]

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into an article's `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// Build a span; `start <= end` is the caller's invariant.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    /// True for a zero-length span.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// The text this span covers (`None` if it is out of range or not on char boundaries).
    pub fn slice<'a>(&self, text: &'a str) -> Option<&'a str> {
        text.get(self.start..self.end)
    }
}

/// Index of an article inside one run (position in the article list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DocId(pub u32);

/// One news article, as ingested: the text is kept exactly as read (after decoding).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identifier (file stem, JSON `id`, DOCNO, ...).
    pub id: String,
    /// Outlet: the `source` field, else the URL's host, else the file stem.
    pub source: String,
    /// Headline, when the input has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Publication date as given by the input (ISO `YYYY-MM-DD` when it could be read as a date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Canonical URL, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Body text. Every span of later stages points into this string.
    pub text: String,
    /// Author line ("Jane Doe, John Roe"), when the input names one (HTML metadata, a
    /// `byline` JSON field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// Language of the text as the input declares it (BCP 47 tag such as `en` or `pt-BR`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// Several articles about one story, as research data sets ship them (Multi-News, DUC, MultiLing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cluster {
    /// Cluster identifier.
    pub id: String,
    /// The articles.
    pub articles: Vec<Article>,
    /// Human reference summaries, when the data set has them.
    #[serde(default)]
    pub references: Vec<String>,
}

/// One sentence of one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// The article it belongs to.
    pub doc: DocId,
    /// Byte span into that article's text; trimmed of surrounding whitespace.
    pub span: Span,
    /// Position among the article's prose sentences (0 = first).
    pub position: u32,
}

/// Article metadata as shown in a brief's source list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleRef {
    /// Article id.
    pub id: String,
    /// Outlet.
    pub source: String,
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub date: Option<String>,
    /// URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// True when the article carried no date and `date` was inferred from its text (the
    /// dates it mentions) or from the story's other articles.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub date_inferred: bool,
}

/// Where a summary sentence (or one of its paraphrases) stands in a source article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceSpan {
    /// Article id.
    pub article: String,
    /// Byte offset of the sentence's first byte in that article's text.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
}

/// One sentence of a summary: verbatim text from one article, cited by every article that
/// states the same thing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummarySentence {
    /// The sentence, verbatim (equals `spans[0]` of the article it was taken from).
    pub text: String,
    /// Ids of every article that states it, the one it was taken from first.
    pub sources: Vec<String>,
    /// One span per citing article: the sentence in that article that says the same thing.
    pub spans: Vec<SourceSpan>,
}

/// The brief of one story.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Brief {
    /// The articles read, in the order of the numbered source list.
    pub articles: Vec<ArticleRef>,
    /// The summary, in reading order.
    pub summary: Vec<SummarySentence>,
    /// People, organizations, places and other names, aliases merged; most mentioned first.
    #[serde(default)]
    pub entities: Vec<Entity>,
    /// Direct quotations with their speakers.
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// Dated events, earliest first.
    #[serde(default)]
    pub timeline: Vec<TimelineEvent>,
    /// What several independent outlets state, what rests on one, and what conflicts.
    #[serde(default)]
    pub claims: Claims,
}

/// What kind of thing a named entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A company, agency, party, committee, newspaper, ...
    Organization,
    /// A country, city, region, building, ...
    Place,
    /// Any other proper name (events, laws, products, ...).
    Other,
}

/// One named entity of a story, with every name the articles give it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical name: the fullest well-attested form, titles stripped ("Jeff Sessions").
    pub name: String,
    /// Person, organization, place or other.
    pub kind: EntityKind,
    /// Every other surface form seen, most frequent first ("Sessions", "Session",
    /// "U.S. Attorney General Jeff Sessions").
    pub aliases: Vec<String>,
    /// Mentions per article id.
    pub mentions: std::collections::BTreeMap<String, u32>,
}

/// One direct quotation, merged across the articles that carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Canonical name of the speaker's entity, or the speaker as written when no entity
    /// matches ("a White House official"); `None` when no speaker could be found.
    pub speaker: Option<String>,
    /// The quotation in its longest wording across the sources (the first one on ties),
    /// without quote marks; the pieces of a quotation split by "he said" are joined by " … ".
    pub text: String,
    /// Ids of every article that carries this quotation (any wording).
    pub sources: Vec<String>,
    /// Other wordings of the same quotation in other articles (not repeating `text`).
    #[serde(default)]
    pub variants: Vec<String>,
}

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    /// `YYYY-MM-DD`.
    Day,
    /// `YYYY-MM`.
    Month,
    /// `YYYY`.
    Year,
}

/// One dated event of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEvent {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as `precision` says.
    pub date: String,
    /// Day, month or year.
    pub precision: DatePrecision,
    /// The sentence that states the event (from the first source).
    pub text: String,
    /// Ids of every article that states it.
    pub sources: Vec<String>,
    /// True when the date was resolved against an article date that was itself inferred
    /// from the text (the article carried no date).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inferred: bool,
}

/// A statement and the articles that make it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// The statement as its first source words it.
    pub text: String,
    /// Ids of every article that states it (copies of one wire story included).
    pub sources: Vec<String>,
    /// How many independent outlets state it: near-duplicate copies count once.
    pub outlets: usize,
}

/// One side of a conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimSide {
    /// The statement.
    pub text: String,
    /// The articles that make it.
    pub sources: Vec<String>,
}

/// Why two statements cannot both hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConflictKind {
    /// One states what the other denies.
    Negation,
    /// Different numbers for the same quantity.
    Number,
    /// Different dates for the same event.
    Date,
    /// Different roles or positions for the same person at the same time.
    Role,
    /// Different places for the same event.
    Place,
}

/// Two statements from different outlets that contradict each other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// One side.
    pub a: ClaimSide,
    /// The other side.
    pub b: ClaimSide,
    /// Why they conflict.
    pub kind: ConflictKind,
}

/// The claims of a story, by how well they are sourced.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// Stated by two or more independent outlets; most outlets first.
    pub corroborated: Vec<Claim>,
    /// Stated by one outlet (or only by copies of one story).
    pub single_source: Vec<Claim>,
    /// Pairs of statements that cannot both hold.
    pub conflicts: Vec<Conflict>,
}

impl From<&Article> for ArticleRef {
    fn from(a: &Article) -> Self {
        ArticleRef {
            id: a.id.clone(),
            source: a.source.clone(),
            title: a.title.clone(),
            date: a.date.clone(),
            url: a.url.clone(),
            date_inferred: false,
        }
    }
}

/// How long a summary may be. Summaries never cut a sentence; evaluation cuts the summary to
/// the budget before scoring, as the research benchmarks do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Budget {
    /// At most this many whitespace-separated words.
    Words(usize),
    /// At most this many bytes of UTF-8 (sentences joined by one space).
    Bytes(usize),
}

impl Default for Budget {
    fn default() -> Self {
        Budget::Words(250)
    }
}

/// One story: the articles a clustering run grouped together, as the `cluster` stage returns
/// and `crossread cluster --format json` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Story {
    /// Stable identifier: the id of the article that opened the story.
    pub id: String,
    /// Headline of the story's most central article that has one; when none has, the
    /// clusterer may give the lead sentence of its most central article, cut to headline length.
    #[serde(default)]
    pub title: Option<String>,
    /// Ids of its articles, in time order (date, then id).
    pub articles: Vec<String>,
    /// Earliest article date (`YYYY-MM-DD`), when any article is dated.
    #[serde(default)]
    pub first: Option<String>,
    /// Latest article date (`YYYY-MM-DD`), when any article is dated.
    #[serde(default)]
    pub last: Option<String>,
}
