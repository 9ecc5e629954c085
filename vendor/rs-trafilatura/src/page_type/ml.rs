//! ML-based page type classification.
//!
//! Feature extraction from HTML documents (requires DOM access) and delegation
//! to the web-page-classifier crate for model evaluation.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};
use dom_query::{LocalName, Selection};
use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

#[allow(clippy::expect_used)]
static PRODUCT_COUNT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d+\s*(results|items|products|pieces)").expect("valid regex")
});

use crate::dom::{all_elements, el_attr, el_attr_eq_html_ci, el_is, filter_elements, Document};
use crate::result::Metadata;

use super::PageType;

/// Number of numeric features extracted from the document.
pub const N_NUMERIC: usize = web_page_classifier::N_NUMERIC_FEATURES; // 81

/// Classify page type using the ML model.
///
/// Takes pre-extracted numeric features and title/description text.
/// Delegates to the web-page-classifier crate for model evaluation.
#[must_use]
pub fn classify_ml(numeric_features: &[f64; N_NUMERIC], title_meta: &str) -> (PageType, f64) {
    let (crate_type, confidence) = web_page_classifier::classify_ml(numeric_features, title_meta);

    // Map from crate's PageType to our internal PageType
    let page_type = match crate_type {
        web_page_classifier::PageType::Article => PageType::Article,
        web_page_classifier::PageType::Collection => PageType::Category,
        web_page_classifier::PageType::Documentation => PageType::Documentation,
        web_page_classifier::PageType::Forum => PageType::Forum,
        web_page_classifier::PageType::Listing => PageType::Listing,
        web_page_classifier::PageType::Product => PageType::Product,
        web_page_classifier::PageType::Service => PageType::Service,
    };

    (page_type, confidence)
}

/// Extract numeric features from the HTML document for ML classification.
///
/// Returns 81 features:
/// - f[0..14]: URL pattern signals
/// - f[14..63]: HTML structural signals (paragraphs, headings, JSON-LD, etc.)
/// - f[63..73]: Enhanced structural features (repeated siblings, prices, etc.)
/// - f[73..81]: DOM vocabulary features (commercial/content/tech/forum density)
#[must_use]
pub fn extract_ml_features(doc: &Document, metadata: &Metadata, url: &str) -> [f64; N_NUMERIC] {
    let mut f = [0.0f64; N_NUMERIC];

    let url_lower = url.to_ascii_lowercase();
    let (domain, path) = super::extract_domain_path(&url_lower);

    // === f[0..14]: URL pattern features ===
    f[0] = if super::contains_any(domain, super::FORUM_DOMAINS) { 1.0 } else { 0.0 };
    f[1] = if super::contains_any(path, super::FORUM_PATHS) { 1.0 } else { 0.0 };
    f[2] = if super::contains_any(&url_lower, super::FORUM_URL_PATTERNS) { 1.0 } else { 0.0 };
    f[3] = if super::contains_any(domain, super::DOCS_DOMAINS) { 1.0 } else { 0.0 };
    f[4] = if super::contains_any(path, super::DOCS_PATHS) { 1.0 } else { 0.0 };
    f[5] = if super::contains_any(path, super::PRODUCT_PATHS) { 1.0 } else { 0.0 };
    f[6] = if super::contains_any(path, super::CATEGORY_PATHS) { 1.0 } else { 0.0 };
    f[7] = if super::contains_any(path, super::SERVICE_PATHS) { 1.0 } else { 0.0 };
    f[8] = if super::contains_any(&url_lower, super::SERVICE_SLUG_PATTERNS) { 1.0 } else { 0.0 };
    f[9] = if super::contains_any(path, super::ARTICLE_PATHS) { 1.0 } else { 0.0 };
    f[10] = if super::contains_any(&url_lower, super::BLOG_SLUG_PATTERNS) { 1.0 } else { 0.0 };
    let path_trimmed = path.trim_end_matches('/');
    f[11] = if super::LISTING_PATH_ENDINGS.iter().any(|p| path_trimmed.ends_with(p)) { 1.0 } else { 0.0 };
    f[12] = if super::contains_any(path, super::LISTING_PATH_CONTAINS) { 1.0 } else { 0.0 };
    f[13] = if domain.contains("shop.") || domain.contains("store.") { 1.0 } else { 0.0 };

    // === f[14..63]: HTML structural features ===

    // Vendored speed change: one walk gathers what ~40 whole-document `select`s and a
    // per-<div> subtree walk used to (see `Walk`); each feature below keeps its selector's
    // exact semantics.
    let walk = Walk::of(doc);
    // Vendored speed change: the remaining whole-document selects filter one list of the
    // document's elements (same elements, same order, same selector semantics).
    let all = all_elements(doc);
    // Each distinct class attribute once, with how many elements carry it: pages repeat the
    // same few class strings on many elements (vendored speed change; same counts).
    let mut class_counts: FxHashMap<&str, usize> = FxHashMap::default();
    for c in &walk.classes {
        *class_counts.entry(&**c).or_insert(0) += 1;
    }
    // Which of the features' class substrings each distinct class string contains, found by
    // one search per string (vendored speed change: upstream ran `contains` per string and
    // substring, ~50 substrings over every distinct string; same answers, see `ClassMask`).
    let distinct_classes: Vec<(ClassMask, usize)> =
        class_counts.into_iter().map(|(c, n)| (ClassMask::of(c), n)).collect();
    let class_count = |subs: &[&str]| -> usize {
        let wanted = ClassMask::any_of(subs);
        distinct_classes
            .iter()
            .filter(|(c, _)| c.has_any(wanted))
            .map(|(_, n)| n)
            .sum()
    };
    let class_any = |subs: &[&str]| class_count(subs) > 0;
    let named = |names: &[&str]| -> usize {
        names.iter().map(|n| walk.names.get(&LocalName::from(*n)).copied().unwrap_or(0)).sum()
    };

    // Paragraph stats
    let mut p_count = 0u32;
    let mut p_total_len = 0u32;
    for node in filter_elements(&all, |e| el_is(e, "p")).nodes() {
        let sel = Selection::from(*node);
        let text = sel.text();
        let trimmed = text.trim();
        if trimmed.len() > 20 {
            p_count += 1;
            p_total_len += trimmed.len() as u32;
        }
    }
    f[14] = p_count as f64;
    f[15] = if p_count > 0 { p_total_len as f64 / p_count as f64 } else { 0.0 };
    f[16] = named(&["h1", "h2", "h3", "h4", "h5", "h6"]) as f64;
    let h2_count = named(&["h2"]);
    let body_text_full = filter_elements(&all, |e| el_is(e, "body")).text().to_string();
    let body_text_len = body_text_full.len();
    f[17] = if h2_count > 0 { body_text_len as f64 / h2_count as f64 } else { 0.0 };
    f[18] = if named(&["article"]) > 0 { 1.0 } else { 0.0 };
    f[19] = if named(&["time"]) > 0 { 1.0 } else { 0.0 };
    f[20] = if named(&["main"]) > 0 { 1.0 } else { 0.0 };
    f[21] = if named(&["aside"]) > 0 { 1.0 } else { 0.0 };
    f[22] = if class_any(&["author"]) || filter_elements(&all, |e| el_is(e, "meta") && (el_attr(e, "name") == Some("author") || el_attr(e, "property") == Some("article:author"))).length() > 0 { 1.0 } else { 0.0 };

    // JSON-LD signals
    for node in filter_elements(&all, |e| el_is(e, "script") && el_attr_eq_html_ci(e, "type", "application/ld+json")).nodes() {
        let sel = Selection::from(*node);
        let text = sel.text();
        if text.contains(r#""Article""#) || text.contains(r#""NewsArticle""#) || text.contains(r#""BlogPosting""#) { f[23] = 1.0; }
        if text.contains(r#""Product""#) { f[24] = 1.0; }
        if text.contains(r#""FAQPage""#) { f[25] = 1.0; }
        if text.contains(r#""CollectionPage""#) || text.contains(r#""OfferCatalog""#) { f[26] = 1.0; }
        if text.contains(r#""ItemList""#) { f[27] = 1.0; }
        if text.contains(r#""LocalBusiness""#) { f[28] = 1.0; }
        if text.contains(r#""Service""#) { f[29] = 1.0; }
        if text.contains(r#""AggregateOffer""#) { f[30] = 1.0; }
    }

    let og_type = metadata.page_type.as_deref().unwrap_or("").to_ascii_lowercase();
    f[31] = if og_type.contains("product") { 1.0 } else { 0.0 };
    f[32] = if og_type == "article" { 1.0 } else { 0.0 };
    f[33] = if og_type == "website" { 1.0 } else { 0.0 };
    f[34] = if class_any(&["product-grid", "product-list", "product-card"]) { 1.0 } else { 0.0 };
    f[35] = if class_any(&["add-to-cart", "addtocart", "buy-now"]) { 1.0 } else { 0.0 };
    f[36] = class_count(&["product-card", "product-tile", "product-item"]) as f64;
    f[37] = if class_any(&["pagination", "pager"]) || filter_elements(&all, |e| el_is(e, "link") && el_attr_eq_html_ci(e, "rel", "next")).length() > 0 { 1.0 } else { 0.0 };
    f[38] = named(&["code", "pre"]) as f64;
    f[39] = if class_any(&["docs-sidebar", "doc-sidebar", "docs-nav", "table-of-contents"]) { 1.0 } else { 0.0 };

    let link_count = named(&["a"]);
    let p_text = filter_elements(&all, |e| el_is(e, "p")).text();
    let p_words = words(&p_text).count();
    f[40] = if p_words > 0 { link_count as f64 / p_words as f64 } else { 0.0 };
    f[41] = p_words as f64;
    f[42] = class_count(&["grid", "col-", "column", "card"]) as f64;
    f[43] = named(&["svg"]) as f64;

    let mut cta_count = 0u32;
    // The text of every <a>, in document order, kept for the repeated-link-text features below
    // (vendored speed change: upstream took each link's text twice).
    let mut a_texts = Vec::with_capacity(link_count);
    for node in filter_elements(&all, |e| el_is(e, "button") || el_is(e, "a")).nodes() {
        let sel = Selection::from(*node);
        let text = sel.text();
        // Upstream: `text.to_ascii_lowercase()` contains one of the (lower-case) CTA phrases.
        if CTA_FINDER.is_match(&*text) {
            cta_count += 1;
        }
        if node.element_ref().is_some_and(|e| el_is(&e, "a")) {
            a_texts.push(text);
        }
    }
    f[44] = cta_count as f64;
    f[45] = if class_any(&["hero"]) { 1.0 } else { 0.0 };
    f[46] = if class_any(&["testimonial"]) { 1.0 } else { 0.0 };
    f[47] = if class_any(&["pricing"]) { 1.0 } else { 0.0 };
    f[48] = if class_any(&["feature"]) { 1.0 } else { 0.0 };
    f[49] = if class_any(&["breadcrumb"]) { 1.0 } else { 0.0 };
    f[50] = named(&["form"]) as f64;
    f[51] = named(&["img"]) as f64;
    f[52] = named(&["ul", "ol"]) as f64;
    f[53] = named(&["table"]) as f64;
    f[54] = named(&["nav"]) as f64;
    f[55] = named(&["section"]) as f64;
    f[56] = named(&["button"]) as f64;
    f[57] = named(&["input"]) as f64;
    f[58] = body_text_len as f64;

    let mut link_hrefs = FxHashSet::default();
    for node in filter_elements(&all, |e| el_is(e, "a") && el_attr(e, "href").is_some()).nodes() {
        let sel = Selection::from(*node);
        if let Some(href) = sel.attr("href") {
            link_hrefs.insert(href.to_string());
        }
    }
    f[59] = link_hrefs.len() as f64;
    f[60] = class_count(&["comment"]) as f64;
    f[61] = class_count(&["post"]) as f64;
    f[62] = class_count(&["message"]) as f64;

    // === f[63..73]: Enhanced structural features ===
    // Skip expensive features on very large documents (>500KB text)
    if body_text_len > 500_000 {
        return f;
    }

    // Repeated sibling structure (listing fingerprint)
    let mut max_repeated_class = 0u32;
    let mut parents_with_repeats = 0u32;
    // "body > *, body > * > *, body > * > * > *": one to three element levels below a <body>.
    let shallow = Selection::from(all.iter().copied().filter(within_three_below_body).collect::<Vec<_>>());
    for node in shallow.nodes() {
        let sel = Selection::from(*node);
        let children = sel.children();
        if children.length() < 3 {
            continue;
        }
        let mut class_counts: FxHashMap<String, u32> = FxHashMap::default();
        for child_node in children.nodes() {
            let child = Selection::from(*child_node);
            if let Some(cls) = child.attr("class") {
                *class_counts.entry(cls.to_string()).or_insert(0) += 1;
            }
        }
        if let Some(&max_count) = class_counts.values().max() {
            if max_count >= 3 {
                parents_with_repeats += 1;
                max_repeated_class = max_repeated_class.max(max_count);
            }
        }
    }
    f[63] = max_repeated_class as f64;
    f[64] = parents_with_repeats as f64;

    // Price pattern count (reuse body_text_full from above)
    let body_text_str = &body_text_full;
    let price_count = body_text_str.matches('$').count()
        + body_text_str.matches('€').count()
        + body_text_str.matches('£').count();
    f[65] = price_count as f64;

    // Image-to-text ratio (reuse img count from f[51])
    let img_count = f[51] as usize;
    f[66] = if body_text_len > 0 { img_count as f64 / (body_text_len as f64 / 1000.0) } else { 0.0 };

    // Heading hierarchy breadth ratio
    let heading_level_counts = ["h1", "h2", "h3", "h4", "h5", "h6"].map(|h| named(&[h]) as u32);
    let max_same_level = heading_level_counts.iter().max().copied().unwrap_or(0);
    let n_levels_used = heading_level_counts.iter().filter(|&&c| c > 0).count();
    f[67] = if n_levels_used > 0 { max_same_level as f64 / n_levels_used as f64 } else { 0.0 };

    // BreadcrumbList schema (check lowercased body text, computed once below)
    let body_lower = body_text_str.to_ascii_lowercase();
    f[68] = if body_lower.contains("breadcrumblist") { 1.0 } else { 0.0 };

    // Repeated link texts
    let mut link_text_counts: FxHashMap<String, u32> = FxHashMap::default();
    for text in &a_texts {
        let text = text.trim().to_ascii_lowercase();
        if text.len() > 3 {
            *link_text_counts.entry(text).or_insert(0) += 1;
        }
    }
    let repeated_link_texts = link_text_counts.values().filter(|&&c| c >= 3).count();
    f[69] = repeated_link_texts as f64;

    // f[70]: Section link density variance
    // Track link count and text length per section/article/div boundary.
    // Listings have uniform link density; articles vary.
    {
        // (Upstream selected "section, article, div" and, per match, its <a>s and text: a
        // subtree walk per element; the walk computes both bottom-up, in document order.)
        let section_ratios: Vec<f64> = walk
            .sections
            .iter()
            .filter(|&&(_, text_len)| text_len > 50)
            .map(|&(links, text_len)| links as f64 / text_len as f64 * 1000.0)
            .collect();

        if section_ratios.len() >= 3 {
            let mean = section_ratios.iter().sum::<f64>() / section_ratios.len() as f64;
            let var = section_ratios.iter().map(|&r| (r - mean).powi(2)).sum::<f64>()
                / section_ratios.len() as f64;
            f[70] = var;
        }
    }

    // Meta robots noindex
    f[71] = if filter_elements(&all, |e| el_is(e, "meta") && el_attr(e, "name") == Some("robots") && el_attr(e, "content").is_some_and(|c| c.contains("noindex"))).length() > 0 { 1.0 } else { 0.0 };

    // URL path depth
    let path_segments = path.trim_matches('/').split('/').filter(|s| !s.is_empty()).count();
    f[72] = path_segments as f64;

    // === f[73..81]: DOM vocabulary features ===

    // f[73-74]: DOM subtree structure hashing (tag + semantic class keywords)
    // Different from f[63-64] which uses raw class strings.
    // This builds structural signatures: "div|item", "li|product", etc.
    {
        let mut dom_max_sig = 0u32;
        let mut dom_parents_with_repeats = 0u32;

        // Iterate shallow DOM (depth ≤ 4 approximated by 3-level selector)
        for node in shallow.nodes() {
            let sel = Selection::from(*node);
            let children = sel.children();
            if children.length() < 3 {
                continue;
            }
            let mut sig_counts: FxHashMap<String, u32> = FxHashMap::default();
            for child_node in children.nodes() {
                let child = Selection::from(*child_node);
                let tag = child.nodes().first()
                    .and_then(|n| n.node_name())
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                if tag.is_empty() {
                    continue;
                }
                // Build structural signature: tag + semantic keyword from class
                let cls = child.attr("class").unwrap_or_default().to_ascii_lowercase();
                let keyword = ["item", "card", "product", "post", "entry", "result", "row", "cell"]
                    .iter()
                    .find(|&&kw| cls.contains(kw))
                    .unwrap_or(&"");
                let sig = if keyword.is_empty() {
                    tag.to_string()
                } else {
                    format!("{tag}|{keyword}")
                };
                *sig_counts.entry(sig).or_insert(0) += 1;
            }
            if let Some(&top) = sig_counts.values().max() {
                if top >= 3 {
                    dom_parents_with_repeats += 1;
                    dom_max_sig = dom_max_sig.max(top);
                }
            }
        }
        f[73] = dom_max_sig as f64;
        f[74] = dom_parents_with_repeats as f64;
    }

    // Reuse body_lower from breadcrumb check above
    // f[75]: Commercial vocabulary density
    let commercial = ["price", "buy", "cart", "shop", "order", "shipping",
        "delivery", "stock", "sale", "discount", "offer", "deal",
        "checkout", "payment", "warranty", "returns", "refund"];
    // f[76]: Content vocabulary density
    let content = ["posted", "author", "published", "updated", "comments",
        "share", "tweet", "read", "article", "blog", "opinion",
        "editor", "journalist", "source", "according"];
    // f[77]: Tech vocabulary density
    let tech = ["api", "function", "parameter", "returns", "example",
        "syntax", "reference", "deprecated", "version", "module",
        "class", "method", "interface", "configuration", "install"];
    // f[78]: Forum vocabulary density
    let forum = ["reply", "thread", "post", "member", "joined", "reputation",
        "moderator", "admin", "quote", "likes", "views", "topic",
        "answered", "solution", "vote", "upvote"];
    // Vendored speed change: only the vocabulary words are counted (upstream collected every
    // word and counted them all); the sums below are the same.
    let mut word_counts: FxHashMap<&str, u32> =
        commercial.iter().chain(&content).chain(&tech).chain(&forum).map(|w| (*w, 0)).collect();
    let mut total_words = 0usize;
    for word in words(&body_lower) {
        total_words += 1;
        if let Some(c) = word_counts.get_mut(word) {
            *c += 1;
        }
    }

    if total_words > 0 {
        let commercial_sum: u32 = commercial.iter().map(|w| word_counts.get(w).copied().unwrap_or(0)).sum();
        f[75] = commercial_sum as f64 / total_words as f64;

        let content_sum: u32 = content.iter().map(|w| word_counts.get(w).copied().unwrap_or(0)).sum();
        f[76] = content_sum as f64 / total_words as f64;

        let tech_sum: u32 = tech.iter().map(|w| word_counts.get(w).copied().unwrap_or(0)).sum();
        f[77] = tech_sum as f64 / total_words as f64;

        let forum_sum: u32 = forum.iter().map(|w| word_counts.get(w).copied().unwrap_or(0)).sum();
        f[78] = forum_sum as f64 / total_words as f64;
    }

    // f[79]: Max frequency of any single repeated link text
    // f[80]: Count of link texts appearing ≥3 times
    // These use link texts collected from <a> elements (same as f[69] collection
    // but f[79] is max() while f[69]/f[80] are count(≥3))
    let max_link_repeat = link_text_counts.values().max().copied().unwrap_or(0);
    f[79] = max_link_repeat as f64;
    f[80] = link_text_counts.values().filter(|&&c| c >= 3).count() as f64;

    // === f[81..89]: Collection-specific features ===

    // f[81]: og:type = product.group
    f[81] = if filter_elements(&all, |e| el_is(e, "meta") && el_attr(e, "property") == Some("og:type") && el_attr(e, "content").is_some_and(|c| c.contains("product.group"))).length() > 0 { 1.0 } else { 0.0 };

    // f[82]: Has filter sidebar
    let filter_with = |others: &[&str]| {
        let (filter, others) = (ClassMask::any_of(&["filter"]), ClassMask::any_of(others));
        distinct_classes.iter().any(|(c, _)| c.has_any(filter) && c.has_any(others))
    };
    f[82] = if filter_with(&["sidebar", "panel", "bar", "menu"]) { 1.0 } else { 0.0 };

    // f[83]: Has sort control
    let (sort, controls) = (ClassMask::any_of(&["sort"]), ClassMask::any_of(&["select", "dropdown", "control", "option"]));
    f[83] = if distinct_classes.iter().any(|(c, _)| c.has_any(sort) && c.has_any(controls)) { 1.0 } else { 0.0 };

    // f[84]: Has product count text ("showing X results", "X items")
    f[84] = if PRODUCT_COUNT_RE.is_match(&body_lower) { 1.0 } else { 0.0 };

    // f[85]: Product cards with price (cards that have both product-class and price-class)
    let mut cards_with_price = 0u32;
    let total_cards = class_count(&["product-card", "product-tile", "product-item", "product-grid-item", "grid-item", "collection-item"]);
    let cards = if total_cards > 0 { filter_elements(&all, |e| el_attr(e, "class").is_some_and(|c| CARD_CLASSES.iter().any(|k| c.contains(k)))) } else { Selection::from(Vec::new()) };
    for node in cards.nodes() {
        let sel = Selection::from(*node);
        if sel.select("[class*='price'], [class*='cost'], [class*='amount']").length() > 0 {
            cards_with_price += 1;
        }
    }
    f[85] = cards_with_price as f64;

    // f[86]: Has CollectionPage schema
    f[86] = if body_lower.contains("collectionpage") || body_lower.contains("productcollection") { 1.0 } else { 0.0 };

    // f[87]: Total card count
    f[87] = total_cards as f64;

    // f[88]: Price-to-card ratio
    f[88] = if total_cards > 0 { cards_with_price as f64 / total_cards as f64 } else { 0.0 };

    f
}

/// The class substrings of the card selector in `extract_ml_features`.
const CARD_CLASSES: [&str; 6] = ["product-card", "product-tile", "product-item", "product-grid-item", "grid-item", "collection-item"];

/// Every substring that a `[class*=...]` feature of `extract_ml_features` looks for (one bit
/// each in a [`ClassMask`]; at most 64).
const CLASS_SUBSTRINGS: [&str; 40] = [
    "author", "product-grid", "product-list", "product-card", "add-to-cart", "addtocart",
    "buy-now", "product-tile", "product-item", "pagination", "pager", "docs-sidebar",
    "doc-sidebar", "docs-nav", "table-of-contents", "grid", "col-", "column", "card", "hero",
    "testimonial", "pricing", "feature", "breadcrumb", "comment", "post", "message", "filter",
    "sidebar", "panel", "bar", "menu", "sort", "select", "dropdown", "control", "option",
    "product-grid-item", "grid-item", "collection-item",
];

/// All of [`CLASS_SUBSTRINGS`], searched for at once: overlapping matches report every
/// occurrence of every substring, including one inside another ("grid" in "product-grid").
#[allow(clippy::expect_used)]
static CLASS_FINDER: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(CLASS_SUBSTRINGS).expect("valid patterns"));

/// The set of [`CLASS_SUBSTRINGS`] one class attribute contains (bit `i` for substring `i`):
/// `mask.has_any(ClassMask::any_of(subs))` is `subs.iter().any(|s| class.contains(s))`.
#[derive(Clone, Copy)]
struct ClassMask(u64);

impl ClassMask {
    fn of(class: &str) -> ClassMask {
        let mut bits = 0u64;
        for m in CLASS_FINDER.find_overlapping_iter(class) {
            bits |= 1 << m.pattern().as_usize();
        }
        ClassMask(bits)
    }

    /// The bits of `subs`, each of which must be listed in [`CLASS_SUBSTRINGS`].
    fn any_of(subs: &[&str]) -> ClassMask {
        let mut bits = 0u64;
        for s in subs {
            let i = CLASS_SUBSTRINGS.iter().position(|c| c == s);
            debug_assert!(i.is_some(), "{s:?} is missing from CLASS_SUBSTRINGS");
            bits |= i.map_or(0, |i| 1 << i);
        }
        ClassMask(bits)
    }

    fn has_any(self, wanted: ClassMask) -> bool {
        self.0 & wanted.0 != 0
    }
}

/// The call-to-action phrases of feature 44, matched ASCII-case-insensitively: upstream
/// lower-cased each link's text (`to_ascii_lowercase`) and tested `contains` per phrase.
#[allow(clippy::expect_used)]
static CTA_FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .build([
            "get started", "free trial", "contact us", "sign up", "try free", "get pricing",
            "book a", "schedule",
        ])
        .expect("valid patterns")
});

/// `text.split_whitespace()`, faster: bytes are classified by a table and only the few lead
/// bytes that can start a non-ASCII whitespace character are decoded (the words are the same:
/// whitespace is Unicode `White_Space`, what `char::is_whitespace` tests, for both).
fn words(text: &str) -> Words<'_> {
    Words { text, pos: 0 }
}

struct Words<'a> {
    text: &'a str,
    pos: usize,
}

/// A byte that is part of a word (any byte that cannot start a whitespace character).
const WORD: u8 = 0;
/// An ASCII White_Space byte: `\t \n \x0B \x0C \r` and space.
const SPACE: u8 = 1;
/// A lead byte of some non-ASCII White_Space characters (U+0085 and U+00A0 start with 0xC2,
/// U+1680 with 0xE1, U+2000..U+205F with 0xE2, U+3000 with 0xE3): decoded to decide.
const MAYBE: u8 = 2;

static BYTE_KIND: [u8; 256] = {
    let mut t = [WORD; 256];
    t[b'\t' as usize] = SPACE;
    t[b'\n' as usize] = SPACE;
    t[0x0B] = SPACE;
    t[0x0C] = SPACE;
    t[b'\r' as usize] = SPACE;
    t[b' ' as usize] = SPACE;
    t[0xC2] = MAYBE;
    t[0xE1] = MAYBE;
    t[0xE2] = MAYBE;
    t[0xE3] = MAYBE;
    t
};

impl Words<'_> {
    /// The length of the whitespace character at byte `i`, or `None` if it is not one.
    #[inline]
    fn space_at(&self, i: usize) -> Option<usize> {
        match BYTE_KIND[usize::from(self.text.as_bytes()[i])] {
            WORD => None,
            SPACE => Some(1),
            _ => self.text[i..].chars().next().filter(|c| c.is_whitespace()).map(char::len_utf8),
        }
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let end = bytes.len();
        let mut i = self.pos;
        while i < end {
            match self.space_at(i) {
                Some(len) => i += len,
                None => break,
            }
        }
        if i == end {
            self.pos = end;
            return None;
        }
        let start = i;
        loop {
            // The common case: a run of plain word bytes.
            while i < end && BYTE_KIND[usize::from(bytes[i])] == WORD {
                i += 1;
            }
            if i == end || self.space_at(i).is_some() {
                break;
            }
            i += 1; // a MAYBE byte that starts a word character; its continuation bytes are WORD
        }
        self.pos = i;
        Some(&self.text[start..i])
    }
}

/// An element one to three element levels below a `<body>` element: the selector
/// `body > *, body > * > *, body > * > * > *`.
fn within_three_below_body(node: &dom_query::NodeRef) -> bool {
    let mut cur = node.parent();
    for _ in 0..3 {
        let Some(parent) = cur else { return false };
        match parent.element_ref().map(|e| el_is(&e, "body")) {
            Some(true) => return true,
            Some(false) => cur = parent.parent(),
            None => return false,
        }
    }
    false
}

/// What one pre-order walk of the whole document gathers for the features (vendored speed
/// change; upstream ran a CSS `select` over the whole tree per feature).
struct Walk<C> {
    /// The `class` attribute of every element that has one: `[class*='x']` matches an element
    /// whose class attribute contains `x` (case-sensitively: `class` is not one of HTML's
    /// case-insensitive attributes).
    classes: Vec<C>,
    /// How many elements have each local name (a type selector matches the local name).
    /// Keyed by the interned name, so the walk neither allocates nor hashes a string per
    /// element (vendored speed change).
    names: FxHashMap<LocalName, usize>,
    /// For each `section`, `article` and `div`, in document order: its descendant `<a>`
    /// elements and the length of its text (all descendant text nodes, concatenated) trimmed.
    sections: Vec<(u32, u32)>,
}

/// Text of a subtree, summarised so that two can be concatenated: its byte length, its
/// leading and trailing whitespace, whether it is all whitespace, and the `<a>`s below it.
#[derive(Clone, Copy)]
struct TextStats {
    len: usize,
    lead: usize,
    trail: usize,
    blank: bool,
    links: u32,
}

impl TextStats {
    const EMPTY: TextStats = TextStats { len: 0, lead: 0, trail: 0, blank: true, links: 0 };

    fn of(text: &str) -> TextStats {
        let len = text.len();
        TextStats {
            len,
            lead: len - text.trim_start().len(),
            trail: len - text.trim_end().len(),
            blank: text.trim().is_empty(),
            links: 0,
        }
    }

    /// `self` followed by `next`.
    fn append(&mut self, next: &TextStats) {
        if self.blank {
            self.lead = self.len + next.lead;
        }
        if next.blank {
            self.trail += next.len;
        } else {
            self.trail = next.trail;
        }
        self.len += next.len;
        self.blank &= next.blank;
        self.links += next.links;
    }

    /// `text.trim().len()` of the concatenated text.
    fn trimmed_len(&self) -> usize {
        if self.blank {
            0
        } else {
            self.len - self.lead - self.trail
        }
    }
}

impl Walk<()> {
    fn of(doc: &Document) -> Walk<impl std::ops::Deref<Target = str>> {
        struct Frame<'a> {
            next: Option<dom_query::NodeRef<'a>>,
            slot: Option<usize>,
            is_a: bool,
            stats: TextStats,
        }
        enum Kind<C> {
            Element { name: LocalName, class: Option<C> },
            Text(TextStats),
            Other,
        }
        let mut classes = Vec::new();
        let mut names: FxHashMap<LocalName, usize> = FxHashMap::default();
        let mut sections: Vec<(u32, u32)> = Vec::new();
        // An explicit stack: the walk must not recurse on deeply nested pages.
        let mut stack = vec![Frame { next: doc.root().first_child(), slot: None, is_a: false, stats: TextStats::EMPTY }];
        loop {
            let Some(top) = stack.last_mut() else { break };
            if let Some(node) = top.next.take() {
                top.next = node.next_sibling();
                let kind = node.query_or(Kind::Other, |n| match &n.data {
                    dom_query::NodeData::Element(e) => Kind::Element {
                        name: e.name.local.clone(),
                        class: e.attr("class"),
                    },
                    dom_query::NodeData::Text { contents } => Kind::Text(TextStats::of(contents)),
                    _ => Kind::Other,
                });
                match kind {
                    Kind::Text(t) => top.stats.append(&t),
                    Kind::Other => {}
                    Kind::Element { name, class } => {
                        if let Some(c) = class {
                            classes.push(c);
                        }
                        let slot = matches!(&*name, "section" | "article" | "div").then(|| {
                            sections.push((0, 0));
                            sections.len() - 1
                        });
                        let is_a = &*name == "a";
                        *names.entry(name).or_insert(0) += 1;
                        stack.push(Frame { next: node.first_child(), slot, is_a, stats: TextStats::EMPTY });
                    }
                }
            } else {
                let Some(done) = stack.pop() else { break };
                if let Some(slot) = done.slot {
                    sections[slot] = (done.stats.links, done.stats.trimmed_len() as u32);
                }
                if let Some(parent) = stack.last_mut() {
                    let mut stats = done.stats;
                    stats.links += u32::from(done.is_a);
                    parent.stats.append(&stats);
                }
            }
        }
        Walk { classes, names, sections }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_mask_agrees_with_contains() {
        let classes = [
            "", "author-box", "product-grid-item", "xgrid-itemx", "col-md-4 column", "Card",
            "post-comment", "sort-select", "filterbar", "add-to-cart buy-now", "pagerpagination",
            "table-of-contents", "a b c", "testimonial pricing feature hero breadcrumb",
            "collection-item", "menu panel sidebar", "dropdown control option", "productcard",
        ];
        for class in classes {
            let mask = ClassMask::of(class);
            for (i, sub) in CLASS_SUBSTRINGS.iter().enumerate() {
                assert_eq!(mask.has_any(ClassMask::any_of(&[sub])), class.contains(sub), "{class:?} {sub:?}");
                assert_eq!(mask.0 >> i & 1 == 1, class.contains(sub));
            }
            let subs = ["grid", "col-", "column", "card"];
            assert_eq!(mask.has_any(ClassMask::any_of(&subs)), subs.iter().any(|s| class.contains(s)));
        }
    }

    #[test]
    fn cta_finder_agrees_with_lowercase_contains() {
        let phrases = ["get started", "free trial", "contact us", "sign up", "try free", "get pricing", "book a", "schedule"];
        for text in ["Get Started", "SIGN UP now", "sign-up", "Book A table", "booka", "Scheduled", "ſchedule", "contact  us", "", "Try FREE today", "İget pricing"] {
            let lower = text.to_ascii_lowercase();
            assert_eq!(CTA_FINDER.is_match(text), phrases.iter().any(|p| lower.contains(p)), "{text:?}");
        }
    }

    #[test]
    fn words_agree_with_split_whitespace() {
        let mut texts = vec![
            String::new(), " ".into(), "a".into(), "  two  words ".into(), "tab\there\nnew\r\nline".into(),
            "nbsp\u{a0}joined\u{85}next\u{2003}em\u{3000}ideo\u{202f}x\u{205f}y\u{1680}z".into(),
            "not\u{200b}space\u{1c}unit\u{1f}sep".into(), "\u{0b}\u{0c}vt ff".into(), "é ü 日本語 テスト".into(),
        ];
        // Every character up to U+3000 between two letters.
        texts.push((0u32..0x3001).filter_map(char::from_u32).flat_map(|c| ['a', c, 'b']).collect());
        for t in &texts {
            assert_eq!(words(t).collect::<Vec<_>>(), t.split_whitespace().collect::<Vec<_>>(), "{t:?}");
        }
    }
}
