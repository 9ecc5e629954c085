//! The whole brief of one story: the cited summary plus the cross-reading, in one call.

use crate::summarize::{self, Summarizer};
use crate::xread::{self, CrossReading};
use crossread_model::{Article, Brief, DatePrecision};

/// Settings of a brief.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The summary.
    pub summary: summarize::Config,
    /// The cross-reading stages.
    pub cross_reading: xread::Config,
}

/// Builds full briefs. Reuse one across stories (the summarizer keeps its caches).
#[derive(Debug, Default)]
pub struct Briefer {
    summarizer: Summarizer,
    cross_reading: xread::Config,
}

impl Briefer {
    /// A briefer with these settings.
    pub fn new(config: Config) -> Self {
        Briefer {
            summarizer: Summarizer::new(config.summary),
            cross_reading: config.cross_reading,
        }
    }

    /// The brief of one story: summary with citations, entities, quotes, timeline, claims.
    /// Articles without a date in the input get the date inferred from their text (marked
    /// `date_inferred` in the source list).
    pub fn brief(&mut self, articles: &[Article]) -> Brief {
        let mut brief = self.summarizer.brief(articles);
        // Cross-reading sees the articles in the summarizer's canonical order (date, id,
        // text), so the brief does not depend on the order the files were given in.
        let ordered: Vec<Article> = summarize::canonical_order(articles)
            .into_iter()
            .map(|i| articles[i].clone())
            .collect();
        let x: CrossReading = xread::cross_read(&ordered, &self.cross_reading);
        for (article, date) in ordered.iter().zip(&x.article_dates) {
            let Some(date) = date else { continue };
            if let Some(r) = brief.articles.iter_mut().find(|r| r.id == article.id) {
                if r.date.is_none() && date.inferred {
                    // At the precision the text supports: "2016-05" for a date the prose
                    // recalls.
                    let fmt = match date.precision {
                        DatePrecision::Day => "%Y-%m-%d",
                        DatePrecision::Month => "%Y-%m",
                        DatePrecision::Year => "%Y",
                    };
                    r.date = Some(date.date.format(fmt).to_string());
                    r.date_inferred = true;
                }
            }
        }
        brief.entities = x.entities;
        brief.quotes = x.quotes;
        brief.timeline = x.timeline;
        brief.claims = x.claims;
        brief
    }
}
