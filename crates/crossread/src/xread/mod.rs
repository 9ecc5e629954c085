//! Cross-reading: what the articles of one story say about who, who said what, when, and
//! where the outlets agree or disagree.
//!
//! Four stages, each a submodule with one job, over the same prose sentences:
//!
//! ```text
//! entities  &[Article]                 -> EntityTable (entities + every mention span)
//! quotes    &[Article], &EntityTable   -> quotations with speakers, grouped across articles
//! timeline  &[Article]                 -> dated events, relative dates resolved
//! claims    &[Article], &[Mention]     -> corroborated / single-source claims, conflicts
//! ```
//!
//! Positions are byte [`Span`]s into [`Article::text`], as everywhere in the pipeline; the
//! stages only turn them into strings when they build the model types of the brief.

pub mod claims;
pub mod dates;
pub mod entities;
pub mod quotes;
pub mod timeline;

use crossread_model::{Article, Claims, DocId, Entity, EntityKind, Quote, Span, TimelineEvent};
use crossread_text::{clean, segment};

/// Settings of the cross-reading stages.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// Claims: similarity threshold, caps, near-duplicate settings.
    pub claims: claims::Config,
}

/// Everything cross-reading finds in the articles of one story.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CrossReading {
    /// Entities, most mentioned first.
    pub entities: Vec<Entity>,
    /// Quotations with speakers, most sources first.
    pub quotes: Vec<Quote>,
    /// Dated events, earliest first.
    pub timeline: Vec<TimelineEvent>,
    /// Per article (input order): its date, given or inferred.
    pub article_dates: Vec<Option<timeline::ArticleDate>>,
    /// Corroborated, single-source and conflicting claims.
    pub claims: Claims,
}

/// Run every cross-reading stage over the articles of one story. Entities run first: quotes
/// resolve speakers and claims compare subjects through their mentions.
pub fn cross_read(articles: &[Article], cfg: &Config) -> CrossReading {
    let table = entities::extract(articles);
    let quotes = quotes::quotes_in(articles, &table);
    let claims = claims::claims(articles, &table.mentions, &cfg.claims);
    let timeline = timeline::timeline(articles);
    CrossReading {
        entities: table.entities,
        quotes,
        timeline: timeline.events,
        article_dates: timeline.article_dates,
        claims,
    }
}

/// One mention of an entity: where it stands and which entity it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Mention {
    /// The article (index into the article slice the stage was given).
    pub doc: DocId,
    /// The name as written, titles excluded ("Sessions" in "Attorney General Sessions").
    pub span: Span,
    /// Index of the entity in its table.
    pub entity: u32,
    /// The entity's kind (copied here so a stage that reads mentions needs no table).
    pub kind: EntityKind,
}

/// The prose sentences of an article, as byte spans into its text: boilerplate lines
/// (captions, share buttons, embeds) are skipped, and each prose region is split into
/// sentences. Every cross-reading stage reads the same sentences.
pub fn prose_sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    for region in clean::prose_regions(text) {
        let body = &text[region.start..region.end];
        for sp in segment::sentences(body) {
            out.push(Span::new(region.start + sp.start, region.start + sp.end));
        }
    }
    out
}

/// The prose sentences of every article, in article order.
pub fn all_prose_sentences(articles: &[Article]) -> Vec<Vec<Span>> {
    articles.iter().map(|a| prose_sentences(&a.text)).collect()
}

/// Number of common elements of two sorted, unique lists.
pub(crate) fn shared_count(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_sentences_skip_captions_and_point_into_the_text() {
        let text = "Jeff Sessions\nU.S. Attorney General Jeff Sessions arrives at a news conference. Reuters/Yuri Gripas\n\n\
                    Sessions said he would recuse himself. He met the ambassador twice.\n";
        let spans = prose_sentences(text);
        let got: Vec<&str> = spans.iter().map(|s| &text[s.start..s.end]).collect();
        assert!(
            got.contains(&"Sessions said he would recuse himself."),
            "{got:?}"
        );
        assert!(got.contains(&"He met the ambassador twice."), "{got:?}");
    }
}
