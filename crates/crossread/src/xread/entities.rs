//! Named entities of a story, with their aliases merged across articles.
//!
//! No English NER model ships through the registries this project can use (see CRATES.md:
//! `anno`'s bundled models mislabel, others need a run-time download), so this is a rule-based
//! recogniser written for news prose, in three passes over the prose sentences:
//!
//! 1. **Tokens.** Each sentence is split into words that keep `U.S.`, initials (`W.`) and
//!    abbreviations (`Sen.`), drop possessives (`Session's` -> `Session`), and remember whether
//!    they open a sentence or a quotation.
//! 2. **Candidates.** Runs of capitalised words (joined by `of`/`for`/`de`... only after a head
//!    word like `Department` or `Bank`) become candidates. Leading stop words, sentence-initial
//!    common words, titles, honorifics and professions (`U.S. Attorney General`, `Russian
//!    Ambassador`, `Mr.`, `Filmmaker`) are stripped; a candidate that is only a title, a month, a
//!    weekday or a demonym is dropped; a one-word candidate seen only at sentence starts is
//!    dropped. Each candidate collects kind cues: a title, a `said`-verb or an age after the
//!    name (`Xiao Tan, 32,`) (person), a cue word or an acronym (organization), the
//!    gazetteer or `in/at/from` (place), and descriptive aliases next to it (`Russia's
//!    ambassador to the US, Sergei Kislyak`, `Sessions spokesperson Sarah Isgur Flores`).
//! 3. **Aliases.** Identical names (case, dots and titles aside) form a *form*; forms merge
//!    when the text supports it: gazetteer synonyms (`US` = `United States`); person names with
//!    the same surname whose given names differ by a small edit distance and never share an
//!    article (`Sergei`/`Sergey`); a shorter name into the one full name that contains it
//!    (`Sessions`, `Jeff Sessions`), including a one-edit typo of the surname (`Session`);
//!    acronyms into the one name whose initials they spell; an organization name into the one
//!    longer organization name it ends (`Armed Services Committee`). When a short name fits
//!    several full names (`Clinton` with both `Hillary Clinton` and `Bill Clinton`), each
//!    mention goes to the full name last mentioned before it in the same article, and stays on
//!    its own otherwise: ambiguous forms never chain two people together. A relative's name
//!    (`his mother, Katie Lovelace`) does not count as last mentioned. Also merged: a
//!    swapped-letter typo (`Garner`/`Graner`), a doubled letter or inner vowel slip within one
//!    article (`Hasib`/`Hassib`, `Mohammed`/`Mohammad`), pet names (`Ed`, `Charlie`), a middle
//!    name with the surname (`Sidique Khan`), a given or middle name alone in an article that
//!    names the one person it belongs to (`Shahzad`, `Derek`), surnames past a generational
//!    suffix or post-nominal (`Keating IV`, `Flewitt QC`), and, per mention, a gazetteer word
//!    that is a person's surname after that person's name (`Jordan`). Titled forms
//!    (`Mr Rumsfeld`, `Army Spc. Charles Graner`) are aliases of every person entity.
//!    Non-person names also merge across possessive/plural slips (`King's Cross`/`Kings
//!    Cross`), a dropped generic head or modifier (`Guantanamo Bay`/`Guantanamo`, `Newark
//!    Liberty (International) Airport`), a misspelt word across articles (`Guantanomo Bay`),
//!    a leading multi-word country (`United States Army`/`U.S. Army`) and "of" acronyms
//!    (`DoD`).
//!
//! Demonyms (`Russian`, `Haitian`) are not entities and are not mapped to their country: an
//! adjective is not a mention of the place, and counting it would inflate the place's
//! mentions in every story about a government.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

use crossread_model::{Article, DocId, Entity, EntityKind, Span};
use crossread_text::tokenize::Tokenizer;

use super::{prose_sentences, Mention};

/// The entities of a story and every mention of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityTable {
    /// Most-mentioned first; `Mention::entity` indexes this vector.
    pub entities: Vec<Entity>,
    /// Every mention, sorted by (doc, span.start); spans exclude titles.
    pub mentions: Vec<Mention>,
}

impl EntityTable {
    /// The entity whose mention overlaps `span` in article `doc`.
    pub fn entity_at(&self, doc: DocId, span: Span) -> Option<u32> {
        // A zero-length span asks about the byte at its position.
        let end = span.end.max(span.start + 1);
        let idx = self
            .mentions
            .partition_point(|m| (m.doc, m.span.start) < (doc, end));
        // Mentions do not overlap each other, so only the ones just before `idx` can overlap.
        self.mentions[..idx]
            .iter()
            .rev()
            .take_while(|m| m.doc == doc)
            .find(|m| m.span.end > span.start)
            .filter(|m| m.span.start < end)
            .map(|m| m.entity)
    }

    /// The entity a name refers to (any alias, case- and title-insensitive), if unambiguous.
    pub fn resolve(&self, name: &str) -> Option<u32> {
        let lex = lexicon();
        let key = name_key(lex, name)?;
        let mut hits = BTreeSet::new();
        for (i, e) in self.entities.iter().enumerate() {
            let names = std::iter::once(&e.name).chain(e.aliases.iter());
            if names
                .into_iter()
                .any(|n| name_key(lex, n).as_deref() == Some(&key))
            {
                hits.insert(i as u32);
            }
        }
        if hits.is_empty() && !key.contains(' ') {
            // A bare surname: the one person whose canonical name ends with it.
            for (i, e) in self.entities.iter().enumerate() {
                let last = name_key(lex, &e.name);
                let last = last.as_deref().and_then(|k| k.rsplit(' ').next());
                if e.kind == EntityKind::Person && last == Some(key.as_str()) {
                    hits.insert(i as u32);
                }
            }
        }
        match hits.len() {
            1 => hits.into_iter().next(),
            _ => None,
        }
    }
}

/// Find the named entities of a story's articles and merge their aliases. `Entity::mentions`
/// is keyed by [`Article::id`]; [`Mention::doc`] is the article's index in `articles`.
pub fn extract(articles: &[Article]) -> EntityTable {
    let lex = lexicon();
    let stop = Tokenizer::new();
    // Pass 1: tokens of every prose sentence, plus two story-wide facts about words: which
    // capitalised words occur inside sentences (so they are names, not just sentence starts)
    // and which words occur in lower case (so a capitalised one may be a common word).
    let mut sentences: Vec<(u32, Vec<Tok>)> = Vec::new();
    let mut attested: HashSet<String> = HashSet::new();
    let mut lower_vocab: HashSet<String> = HashSet::new();
    // First words of two-word capitalised runs ("Shahzad" of "Shahzad Tanweer"): a name's
    // first word may open a sentence alone ("Shahzad was 22").
    let mut name_heads: HashSet<String> = HashSet::new();
    for (d, a) in articles.iter().enumerate() {
        for s in prose_sentences(&a.text) {
            let toks = tokenize(&a.text, s);
            for w in toks.windows(2) {
                if w[0].cap && w[1].cap && w[1].clean_gap && !w[1].initial && !w[0].acro {
                    name_heads.insert(w[0].key.clone());
                }
            }
            for t in &toks {
                if t.cap && !t.initial {
                    attested.insert(t.key.clone());
                } else if !t.cap {
                    lower_vocab.insert(t.key.clone());
                }
            }
            sentences.push((d as u32, toks));
        }
    }
    // Pass 2: candidates.
    let ctx = Ctx {
        lex,
        stop: &stop,
        attested: &attested,
        lower_vocab: &lower_vocab,
        name_heads: &name_heads,
    };
    let mut cands = Vec::new();
    for (d, toks) in &sentences {
        candidates(&ctx, &articles[*d as usize].text, *d, toks, &mut cands);
    }
    // Pass 3: forms and alias merging.
    merge(lex, &lower_vocab, articles, cands)
}

// ---------------------------------------------------------------------------------------
// Word lists.

/// Word lists, built once: the embedded data files plus the short cue lists below.
struct Lexicon {
    /// Name key -> canonical place name.
    places: HashMap<String, String>,
    /// Every gazetteer key and its canonical name, sorted (for near-miss spelling look-ups).
    place_keys: Vec<(String, String)>,
    /// Keys of demonyms and group adjectives.
    demonyms: HashSet<String>,
    /// Demonym key -> canonical place name ("british" -> "United Kingdom").
    demonym_place: HashMap<String, String>,
    /// Lower-cased given names.
    given: HashSet<String>,
    /// Name key of an international body that owns other organizations -> its canonical name
    /// ("un" -> "United Nations").
    owners: HashMap<String, String>,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let lines = |s: &'static str| {
            s.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
        };
        let mut places = HashMap::new();
        for line in lines(include_str!("entities/places.txt")) {
            let canonical = line.split('|').next().unwrap_or(line).trim();
            for name in line.split('|') {
                places.insert(plain_key(name.trim()), canonical.to_string());
            }
        }
        let mut demonyms = HashSet::new();
        let mut demonym_place = HashMap::new();
        for line in lines(include_str!("entities/demonyms.txt")) {
            // The first field is the place (or a group label in parentheses); the rest are the
            // adjectives and plurals.
            let place = line.split('|').next().unwrap_or("").trim();
            let place = places
                .get(&plain_key(place))
                .cloned()
                .filter(|_| !place.starts_with('('));
            for name in line.split('|').skip(1) {
                demonyms.insert(plain_key(name.trim()));
                if let Some(p) = &place {
                    demonym_place.insert(plain_key(name.trim()), p.clone());
                }
            }
        }
        let given = lines(include_str!("entities/given_names.txt"))
            .flat_map(str::split_whitespace)
            .map(str::to_lowercase)
            .collect();
        let mut owners = HashMap::new();
        for line in lines(include_str!("entities/bodies.txt")) {
            let canonical = line.split('|').next().unwrap_or(line).trim();
            for name in line.split('|') {
                owners.insert(plain_key(name.trim()), canonical.to_string());
            }
        }
        let mut place_keys: Vec<(String, String)> =
            places.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        place_keys.sort();
        Lexicon {
            place_keys,
            places,
            demonyms,
            demonym_place,
            given,
            owners,
        }
    })
}

/// Titles and honorifics stripped in front of a name; each marks a person.
const TITLES: &[&str] = &[
    "acting",
    "actor",
    "actress",
    "adm",
    "admiral",
    "airman",
    "ambassador",
    "analyst",
    "archbishop",
    "architect",
    "attorney",
    "author",
    "ayatollah",
    "baron",
    "baroness",
    "bishop",
    "brigadier",
    "capt",
    "captain",
    "cardinal",
    "ceo",
    "chair",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "choreographer",
    "cleric",
    "cmdr",
    "coach",
    "col",
    "colonel",
    "commander",
    "commissioner",
    "commodore",
    "composer",
    "conductor",
    "congressman",
    "congresswoman",
    "constable",
    "consul",
    "coordinator",
    "corporal",
    "cpl",
    "dame",
    "deputy",
    "designer",
    "det",
    "detective",
    "director",
    "dr",
    "duchess",
    "duke",
    "earl",
    "economist",
    "emir",
    "ensign",
    "envoy",
    "father",
    "filmmaker",
    "former",
    "gen",
    "general",
    "gov",
    "governor",
    "historian",
    "imam",
    "inspector",
    "journalist",
    "judge",
    "justice",
    "king",
    "lady",
    "late",
    "lawyer",
    "leader",
    "lieutenant",
    "lord",
    "lt",
    "madam",
    "maj",
    "major",
    "marshal",
    "mayor",
    "minister",
    "miss",
    "mister",
    "monsignor",
    "mr",
    "mrs",
    "ms",
    "negotiator",
    "novelist",
    "painter",
    "pastor",
    "petty",
    "pfc",
    "photographer",
    "pianist",
    "playwright",
    "poet",
    "pope",
    "premier",
    "pres",
    "president",
    "prime",
    "prince",
    "princess",
    "producer",
    "prof",
    "professor",
    "pvt",
    "queen",
    "rabbi",
    "rep",
    "representative",
    "researcher",
    "rev",
    "reverend",
    "scientist",
    "sculptor",
    "seaman",
    "secretary",
    "sen",
    "senator",
    "sergeant",
    "sgt",
    "sheik",
    "sheikh",
    "sheriff",
    "singer",
    "sir",
    "sn",
    "spc",
    "speaker",
    "specialist",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "sultan",
    "superintendent",
    "vice",
    "writer",
];

/// Honorifics of rank that stay with a name after an office title ("Minister Lord Triesman",
/// "Ambassador Sir Kim Darroch"): British peerage and knighthood forms of address.
const RANK_HONORIFICS: &[&str] = &["baroness", "dame", "lady", "lord", "sir"];

/// Words that continue a title once one has started ("Attorney *General*", "Secretary *of
/// State*", "Prime *Minister*").
const TITLE_TAILS: &[&str] = &[
    "affairs",
    "agriculture",
    "class",
    "commerce",
    "defence",
    "defense",
    "education",
    "energy",
    "executive",
    "finance",
    "foreign",
    "general",
    "health",
    "homeland",
    "house",
    "interior",
    "labor",
    "of",
    "officer",
    "security",
    "staff",
    "state",
    "the",
    "treasury",
];

/// Words that make a name an organization.
const ORG_CUES: &[&str] = &[
    "academy",
    "administration",
    "agency",
    "airlines",
    "airways",
    "army",
    "assembly",
    "association",
    "authority",
    "bank",
    "board",
    "brigade",
    "bureau",
    "cabinet",
    "center",
    "centre",
    "channel",
    "church",
    "club",
    "co",
    "college",
    "command",
    "commission",
    "committee",
    "company",
    "congress",
    "corp",
    "corporation",
    "council",
    "court",
    "department",
    "electric",
    "electronics",
    "federation",
    "force",
    "forces",
    "foundation",
    "fund",
    "group",
    "guard",
    "herald",
    "hospital",
    "house",
    "inc",
    "industries",
    "institute",
    "institution",
    "international",
    "journal",
    "league",
    "llc",
    "ltd",
    "media",
    "mills",
    "ministry",
    "motors",
    "museum",
    "nations",
    "navy",
    "network",
    "news",
    "office",
    "organisation",
    "organization",
    "parliament",
    "party",
    "plc",
    "police",
    "post",
    "press",
    "radio",
    "school",
    "senate",
    "service",
    "society",
    "team",
    "television",
    "times",
    "tribune",
    "trust",
    "tv",
    "union",
    "university",
    "yard",
];

/// Last words that only say what legal form or reach an organization has.
const CORP_SUFFIXES: &[&str] = &[
    "co",
    "corp",
    "corporation",
    "inc",
    "international",
    "llc",
    "ltd",
    "plc",
    "group",
];

/// Head words a name may drop and still mean the same thing ("Alhambra Police Department",
/// "Alhambra Police"; "United Airlines", "United").
const GENERIC_HEADS: &[&str] = &[
    "airlines",
    "airways",
    "bay",
    "team",
    "command",
    "department",
    "university",
];

/// Modifiers a name may drop inside ("Newark Liberty International Airport").
const GENERIC_MODIFIERS: &[&str] = &["international", "railway"];

/// One-word organizations that carry no cue word.
const KNOWN_ORGS: &[&str] = &[
    "al-qaeda",
    "amazon",
    "apple",
    "bloomberg",
    "facebook",
    "google",
    "hamas",
    "hezbollah",
    "instagram",
    "interfax",
    "isis",
    "kremlin",
    "microsoft",
    "pentagon",
    "reuters",
    "taliban",
    "twitter",
    "xinhua",
    "youtube",
];

/// Words that make a name an event, law or other non-entity-kind proper name.
const OTHER_CUES: &[&str] = &[
    "act",
    "award",
    "awards",
    "championship",
    "conference",
    "convention",
    "cup",
    "festival",
    "games",
    "hurricane",
    "olympics",
    "prize",
    "summit",
    "treaty",
    "war",
];

/// Words that make a name a place.
const PLACE_CUES: &[&str] = &[
    "airport",
    "avenue",
    "bay",
    "beach",
    "border",
    "bridge",
    "coast",
    "county",
    "desert",
    "district",
    "island",
    "islands",
    "lake",
    "mount",
    "mountain",
    "mountains",
    "mt",
    "ocean",
    "park",
    "peninsula",
    "province",
    "region",
    "river",
    "road",
    "sea",
    "square",
    "street",
    "valley",
];

/// Lower-case words allowed inside a name between capitalised words.
const CONNECTORS: &[&str] = &[
    "al", "bin", "da", "de", "del", "della", "der", "di", "du", "for", "la", "le", "of", "the",
    "van", "von",
];

/// Verbs that follow a person's name ("Sessions said").
const SAID_VERBS: &[&str] = &[
    "acknowledged",
    "added",
    "admitted",
    "announced",
    "argued",
    "asserted",
    "believes",
    "claimed",
    "confirmed",
    "declared",
    "denied",
    "explained",
    "insisted",
    "met",
    "noted",
    "recalled",
    "replied",
    "resigned",
    "responded",
    "said",
    "says",
    "spoke",
    "stated",
    "testified",
    "thinks",
    "told",
    "tweeted",
    "urged",
    "warned",
    "wrote",
];

/// Prepositions that put a place after them.
const PLACE_PREPS: &[&str] = &[
    "across",
    "at",
    "from",
    "in",
    "inside",
    "near",
    "outside",
    "throughout",
];

/// Role nouns that make a phrase next to a name a descriptive alias of it.
const ROLE_NOUNS: &[&str] = &[
    "adviser",
    "advisor",
    "aide",
    "ambassador",
    "analyst",
    "attorney",
    "candidate",
    "captain",
    "ceo",
    "chair",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "coach",
    "commander",
    "congressman",
    "congresswoman",
    "correspondent",
    "democrat",
    "director",
    "economist",
    "editor",
    "envoy",
    "executive",
    "founder",
    "general",
    "governor",
    "head",
    "judge",
    "king",
    "lawmaker",
    "lawyer",
    "leader",
    "mayor",
    "minister",
    "nominee",
    "official",
    "owner",
    "premier",
    "president",
    "professor",
    "prosecutor",
    "queen",
    "representative",
    "republican",
    "secretary",
    "senator",
    "spokesman",
    "spokesperson",
    "spokeswoman",
];

/// Words that end a descriptive phrase looking backwards from a name.
const PHRASE_BOUNDARY: &[&str] = &[
    "according",
    "and",
    "as",
    "because",
    "but",
    "by",
    "if",
    "met",
    "notes",
    "or",
    "said",
    "says",
    "that",
    "when",
    "which",
    "while",
    "who",
    "with",
];

/// Month names and abbreviations: dates, not names, unless they follow a given name
/// ("Theresa May").
const MONTHS: &[&str] = &[
    "april",
    "august",
    "december",
    "february",
    "january",
    "july",
    "june",
    "march",
    "may",
    "november",
    "october",
    "september",
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
];

const DAYS: &[&str] = &[
    "friday",
    "monday",
    "saturday",
    "sunday",
    "thursday",
    "tuesday",
    "wednesday",
];

/// Abbreviations whose final period belongs to the word.
const ABBREVIATIONS: &[&str] = &[
    "Adm", "Capt", "Cmdr", "Co", "Col", "Corp", "Cpl", "Det", "Dr", "Ft", "Gen", "Gov", "Inc",
    "Jr", "Lt", "Ltd", "Maj", "Mr", "Mrs", "Ms", "Mt", "Pfc", "Pres", "Prof", "Pvt", "Rep", "Rev",
    "Sen", "Sgt", "Spc", "Sr", "St",
];

/// Kinship nouns that introduce a relative of someone in the story ("His mother, Katie
/// Lovelace"): relatives share the subject's surname, so a bare surname after them still
/// means the subject.
const KIN: &[&str] = &[
    "aunt",
    "brother",
    "cousin",
    "daughter",
    "father",
    "grandfather",
    "grandmother",
    "grandson",
    "granddaughter",
    "husband",
    "mother",
    "nephew",
    "niece",
    "sister",
    "son",
    "uncle",
    "widow",
    "wife",
];

fn is_in(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

// ---------------------------------------------------------------------------------------
// Pass 1: tokens.

/// One word of a sentence.
#[derive(Debug, Clone)]
struct Tok {
    /// First byte of the word.
    start: usize,
    /// End of the word without a possessive `'s`.
    end: usize,
    /// End including the possessive.
    raw_end: usize,
    /// Starts with an upper-case letter.
    cap: bool,
    /// Two or more letters, all upper case (`FBI`, `U.S.`).
    acro: bool,
    /// Followed by a possessive (`'s`, or `'` after an `s`).
    poss: bool,
    /// First word of the sentence or of a quotation.
    initial: bool,
    /// Only white space (or `&`) between this word and the previous one.
    clean_gap: bool,
    /// Only a comma between this word and the previous one.
    comma_gap: bool,
    /// Lower-cased, periods removed.
    key: String,
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// The words of `text[span]`, with absolute byte offsets.
fn tokenize(text: &str, span: Span) -> Vec<Tok> {
    let Some(s) = text.get(span.start..span.end) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut prev_end = 0usize;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        // Extend over letters, and over . ' ’ - & when a letter or digit follows.
        let mut j = i + c.len_utf8();
        loop {
            let rest = &s[j..];
            let mut chars = rest.chars();
            match chars.next() {
                Some(d) if d.is_alphanumeric() => j += d.len_utf8(),
                Some(d) if matches!(d, '.' | '-' | '&') || is_apostrophe(d) => {
                    match chars.next() {
                        // `Session's`: the possessive is handled below, not part of the word.
                        Some('s')
                            if is_apostrophe(d)
                                && !rest[d.len_utf8() + 1..]
                                    .starts_with(|x: char| x.is_alphanumeric()) =>
                        {
                            break
                        }
                        // A period joins `U.S` and `yahoo.com`, not two words run together
                        // (`USGS.Geologists`).
                        Some(e)
                            if d == '.'
                                && e.is_uppercase()
                                && s[i..j]
                                    .rsplit('.')
                                    .next()
                                    .is_some_and(|p| p.chars().count() > 1) =>
                        {
                            break
                        }
                        Some(e) if e.is_alphanumeric() => j += d.len_utf8(),
                        _ => break,
                    }
                }
                _ => break,
            }
        }
        let mut word = &s[i..j];
        // A final period that belongs to the word: `U.S.`, `W.`, `Sen.`.
        if s[j..].starts_with('.') && is_abbreviation(word) {
            j += 1;
            word = &s[i..j];
        }
        let mut raw_end = j;
        let mut poss = false;
        let rest = &s[j..];
        if let Some(a) = rest.chars().next().filter(|&a| is_apostrophe(a)) {
            let after = &rest[a.len_utf8()..];
            if after.starts_with('s') && !after[1..].starts_with(|x: char| x.is_alphanumeric()) {
                poss = true;
                raw_end = j + a.len_utf8() + 1;
            } else if word.ends_with('s') && !after.starts_with(|x: char| x.is_alphanumeric()) {
                poss = true;
                raw_end = j + a.len_utf8();
            }
        }
        let gap = &s[prev_end..i];
        let first = out.is_empty();
        let initial = first || opens(gap);
        let clean_gap = !first && (gap.trim().is_empty() || gap.trim() == "&");
        let comma_gap = !first && gap.trim() == ",";
        // "Egyptian-born", "Iraq-based": a compound adjective, not a name. A title that ends
        // in a lower-case part ("President-elect", "Vice-president") is still a title.
        let key = plain_key(word);
        // A hyphenated given name goes on a capitalised name word ("Ban Ki-moon", "Kim
        // Jong-un", "Moon Jae-in"): its lower-case part is no adjective ending.
        let after_name = clean_gap_before(gap, first)
            && out
                .last()
                .is_some_and(|p: &Tok| p.cap && !p.poss && !is_title(&p.key));
        let adjective = word.contains('-')
            && word.rsplit('-').next().is_some_and(|p| {
                p.starts_with(char::is_lowercase) && (!after_name || adjective_tail(p))
            })
            && !is_title(&key);
        let cap = (!adjective && word.chars().next().is_some_and(char::is_uppercase))
            || particle_name(word);
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let acro = (letters >= 2
            && word
                .chars()
                .all(|c| c.is_uppercase() || matches!(c, '.' | '&' | '-')))
            || of_acronym(word);
        out.push(Tok {
            start: span.start + i,
            end: span.start + j,
            raw_end: span.start + raw_end,
            cap,
            acro,
            poss,
            initial,
            clean_gap,
            comma_gap,
            key,
        });
        prev_end = raw_end;
        // Skip the characters consumed above.
        while it.peek().is_some_and(|&(k, _)| k < raw_end) {
            it.next();
        }
    }
    out
}

fn clean_gap_before(gap: &str, first: bool) -> bool {
    !first && gap.trim().is_empty()
}

/// Lower-case particles that open an Arabic surname with a hyphen ("al-Bashir", "el-Sisi",
/// "bin-Laden"): the word is a name word, and the particle may be left out ("Bashir").
/// Source: the article forms of Arabic names in English news style guides (AP, Reuters).
const NAME_PARTICLES: &[&str] = &[
    "abu", "ad", "al", "an", "ar", "as", "ash", "at", "az", "bin", "el", "ibn", "ul", "ud",
];

/// A word made of a lower-case particle, a hyphen and a capitalised name ("al-Bashir").
fn particle_name(word: &str) -> bool {
    word.split_once('-')
        .is_some_and(|(p, rest)| is_in(NAME_PARTICLES, p) && rest.starts_with(char::is_uppercase))
}

/// The name a particle-led word means without its particle ("al-bashir" -> "bashir"), else
/// the word itself.
fn without_particle(key: &str) -> &str {
    match key.split_once('-') {
        Some((p, rest)) if is_in(NAME_PARTICLES, p) && !rest.is_empty() => rest,
        _ => key,
    }
}

/// The lower-case end of a compound adjective ("Egyptian-born", "Iraq-based", "Saudi-led",
/// "Bush-era", "Kremlin-backed", "Spanish-speaking").
fn adjective_tail(p: &str) -> bool {
    p.ends_with("ed")
        || p.ends_with("ing")
        || p.ends_with("ly")
        || matches!(
            p,
            "born"
                | "run"
                | "made"
                | "held"
                | "built"
                | "bred"
                | "grown"
                | "wide"
                | "style"
                | "era"
                | "like"
                | "free"
                | "friendly"
                | "only"
                | "type"
                | "class"
                | "level"
                | "area"
                | "bound"
                | "proof"
                | "sized"
                | "size"
                | "long"
                | "year"
                | "old"
        )
}

/// Whether the text between two words opens a quotation or a new clause that starts with a
/// capital: the word after it is sentence-initial.
fn opens(gap: &str) -> bool {
    let t = gap.trim_end();
    match t.chars().last() {
        // A straight quote opens only when it touches the word.
        Some('"') | Some('\'') => t.len() == gap.len(),
        Some('“') | Some('‘') | Some('(') | Some('[') | Some(':') | Some('—') => true,
        _ => false,
    }
}

/// An acronym with a small "o" for "of" ("DoD" for "Department of Defense", "MoD" for
/// "Ministry of Defence").
fn of_acronym(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() == 3 && b[0].is_ascii_uppercase() && b[1] == b'o' && b[2].is_ascii_uppercase()
}

fn is_abbreviation(word: &str) -> bool {
    if is_in(ABBREVIATIONS, word) {
        return true;
    }
    // Initials and dotted acronyms: `W`, `U.S`, `D.C`.
    word.split('.')
        .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
}

/// Lower case, periods removed, curly apostrophes straightened.
fn plain_key(s: &str) -> String {
    s.chars()
        .filter(|&c| c != '.')
        .map(|c| if c == '’' { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The key of a name as `resolve` compares it: titles, possessives and spacing removed.
fn name_key(lex: &Lexicon, name: &str) -> Option<String> {
    let toks = tokenize(name, Span::new(0, name.len()));
    let mut b = 0;
    while b + 1 < toks.len() && is_title_start(lex, &toks, b) {
        b += 1;
    }
    while b + 1 < toks.len() && (is_in(TITLE_TAILS, &toks[b].key) || is_in(TITLES, &toks[b].key)) {
        b += 1;
    }
    let key = toks[b..]
        .iter()
        .filter(|t| !(t.key == "the" && b == 0))
        .map(|t| t.key.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    (!key.is_empty()).then_some(key)
}

fn is_title_start(lex: &Lexicon, toks: &[Tok], b: usize) -> bool {
    let k = toks[b].key.as_str();
    if toks[b].poss {
        return false;
    }
    // An acronym owns a title as a place does: "GOP Chair JB Romano", "FBI Director James
    // Comey" are titled forms of the person's name.
    is_title(k)
        || ((is_demonym(lex, k) || lex.places.contains_key(k) || toks[b].acro)
            && toks.get(b + 1).is_some_and(|n| is_title(&n.key)))
}

/// A title word, or a hyphenated one that contains a title ("Under-Secretary-General").
fn is_title(key: &str) -> bool {
    is_in(TITLES, key) || (key.contains('-') && key.split('-').any(|p| is_in(TITLES, p)))
}

// ---------------------------------------------------------------------------------------
// Pass 2: candidates.

struct Ctx<'a> {
    lex: &'a Lexicon,
    stop: &'a Tokenizer,
    attested: &'a HashSet<String>,
    lower_vocab: &'a HashSet<String>,
    name_heads: &'a HashSet<String>,
}

/// One candidate mention.
#[derive(Debug, Clone)]
struct Cand {
    doc: u32,
    /// The name, titles and possessive excluded.
    span: Span,
    /// The name with its titles, as written (possessive excluded).
    full: Span,
    /// Lower-cased name words, periods removed.
    words: Vec<String>,
    person: u32,
    said: u32,
    org: u32,
    place: u32,
    /// Descriptive phrases next to the name ("Russia's ambassador to the US").
    described: Vec<String>,
    /// Introduced as a relative ("his mother, Katie Lovelace").
    kin: bool,
    /// Shorter titled forms inside `full`, each from a later title word to the name's end
    /// ("Spc. Charles Graner" in "Army Spc. Charles Graner", "Rep. Duncan Hunter" in
    /// "Republican Rep. Duncan Hunter"): writers and readers cut a title chain anywhere.
    inner_titled: Vec<Span>,
}

/// Capitalised words that are never names: time zones and clock abbreviations.
const NOT_NAMES: &[&str] = &[
    "am", "aud", "bst", "cad", "cdt", "cet", "chf", "cny", "cst", "edt", "est", "eur", "gbp",
    "gmt", "i", "inr", "jpy", "mdt", "mst", "pdt", "pm", "pst", "rmb", "usd", "utc",
];

fn is_name_word(t: &Tok) -> bool {
    t.cap
        && !is_in(DAYS, &t.key)
        && !is_in(NOT_NAMES, &t.key)
        && t.key.chars().any(char::is_alphabetic)
}

fn candidates(ctx: &Ctx, text: &str, doc: u32, toks: &[Tok], out: &mut Vec<Cand>) {
    let n = toks.len();
    let mut k = 0;
    while k < n {
        if !is_name_word(&toks[k]) || is_month(toks, k) {
            k += 1;
            continue;
        }
        let begin = k;
        let mut end = k + 1;
        // A possessive ends a name ("Russia's ambassador"), except in names built on a title
        // or a group noun ("King's Cross", "People's Republic", "St. John's Wood").
        let joins_possessive = |t: &Tok| {
            !t.poss
                || is_title(&t.key)
                || matches!(
                    t.key.as_str(),
                    "people" | "women" | "children" | "men" | "st" | "saint"
                )
        };
        while joins_possessive(&toks[end - 1])
            && (!toks[end - 1].poss
                || toks
                    .get(end)
                    .is_some_and(|n| n.cap && n.clean_gap && !n.initial))
        {
            // Connectors only after a head word ("Department of Justice"), never after a
            // surname ("Sessions of Alabama").
            let head = &toks[end - 1].key;
            let may_connect = is_in(ORG_CUES, head)
                || is_in(TITLES, head)
                || is_in(TITLE_TAILS, head)
                || is_in(PLACE_CUES, head)
                || matches!(head.as_str(), "republic" | "kingdom" | "states" | "city");
            let mut m = end;
            while m < n
                && m - end < 2
                && toks[m].clean_gap
                && !toks[m].cap
                && is_in(CONNECTORS, &toks[m].key)
                && (may_connect || toks[m].key != "of" && toks[m].key != "for")
                // "the" only after "of"/"for" ("Bank of the West"), never alone ("Save the
                // Arctic" is a slogan, "Trump the candidate" no name).
                && (toks[m].key != "the"
                    || (m > end && matches!(toks[m - 1].key.as_str(), "of" | "for")))
            {
                m += 1;
            }
            let month_ok = !is_month(toks, m)
                || (m == end
                    && ctx.lex.given.contains(&toks[end - 1].key)
                    && !next_is_number(toks, m));
            if m < n && toks[m].clean_gap && is_name_word(&toks[m]) && !toks[m].initial && month_ok
            {
                end = m + 1;
            } else if m == end
                && m + 1 < n
                && toks[m].clean_gap
                && is_ordinal(&toks[m].key)
                && toks[m + 1].clean_gap
                && is_name_word(&toks[m + 1])
                && !toks[m + 1].initial
            {
                // An ordinal inside a name ("Petty Officer 1st Class", "82nd Airborne").
                end = m + 2;
            } else if m == end
                && m < n
                && toks[m].clean_gap
                && is_number(&toks[m].key)
                && !is_month(toks, end - 1)
                && !toks[end - 1].poss
            {
                // A number ends a name or goes on into it: "Flight 447", "Beijing 2008
                // Olympics", "Apollo 11". A year ends none ("Beijing 2008" is the city and a
                // date as often as the games, and the city may be a speaker's place).
                let goes_on = m + 1 < n
                    && toks[m + 1].clean_gap
                    && is_name_word(&toks[m + 1])
                    && !toks[m + 1].initial;
                let year = toks[m].key.len() == 4
                    && (toks[m].key.starts_with("19") || toks[m].key.starts_with("20"));
                if goes_on {
                    end = m + 1;
                    continue;
                }
                if !year {
                    end = m + 1;
                }
                break;
            } else {
                break;
            }
        }
        if let Some(c) = make_candidate(ctx, text, doc, toks, begin, end) {
            out.push(c);
        }
        k = end;
    }
}

/// A capitalised word that reads as a common word opening a sentence ("Later", "Speaking",
/// "Asked"): a known sentence starter, or an adverb or participle ending that no name list
/// contradicts.
fn sentence_word(lex: &Lexicon, t: &Tok) -> bool {
    let k = t.key.as_str();
    if t.acro || lex.given.contains(k) {
        return false;
    }
    let raw: String = k
        .chars()
        .enumerate()
        .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c })
        .collect();
    crossread_text::segment::is_starter(raw.as_bytes())
        || matches!(
            k,
            "later"
                | "earlier"
                | "meanwhile"
                | "instead"
                | "still"
                | "yet"
                | "also"
                | "even"
                | "last"
                | "next"
                | "many"
                | "several"
                | "some"
                | "officials"
                | "police"
                | "critics"
                | "residents"
        )
        || (k.len() > 5 && (k.ends_with("ly") || k.ends_with("ing") || k.ends_with("ed")))
}

/// Whether the word at `k` is a month: a full month name, or an abbreviation before a number
/// ("Jan 8"; a bare "Jan" is more often a given name).
fn is_month(toks: &[Tok], k: usize) -> bool {
    let Some(t) = toks.get(k) else { return false };
    is_in(MONTHS, &t.key)
        && (t.key.len() > 4
            || t.key == "may"
            || t.key == "june"
            || t.key == "july"
            || next_is_number(toks, k))
}

/// A number that can be part of a name: one to four digits ("447", "2008").
fn is_number(key: &str) -> bool {
    (1..=4).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_digit())
}

/// An ordinal written with digits ("1st", "82nd", "3rd", "101st").
fn is_ordinal(key: &str) -> bool {
    let digits = key.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(&key[digits..], "st" | "nd" | "rd" | "th")
}

fn next_is_number(toks: &[Tok], k: usize) -> bool {
    toks.get(k + 1)
        .is_some_and(|n| n.key.starts_with(|c: char| c.is_ascii_digit()))
}

/// Whether a one-word name is a demonym: listed, or a gazetteer place plus a demonym ending
/// ("Romanian", "Kenyans", "Iraqi", "Sudanese").
fn is_demonym(lex: &Lexicon, key: &str) -> bool {
    if lex.demonyms.contains(key) {
        return true;
    }
    if lex.places.contains_key(key) {
        return false;
    }
    let k = key
        .strip_suffix('s')
        .filter(|k| k.ends_with('n') || k.ends_with('i'))
        .unwrap_or(key);
    const ENDINGS: &[(&str, &str)] = &[
        ("n", ""),
        ("an", ""),
        ("an", "o"),
        ("ian", ""),
        ("ian", "i"),
        ("ian", "ia"),
        ("i", ""),
        ("ese", ""),
        ("ese", "a"),
        ("ish", ""),
    ];
    ENDINGS.iter().any(|(end, add)| {
        k.strip_suffix(end)
            .filter(|stem| stem.len() >= 3)
            .is_some_and(|stem| lex.places.contains_key(&format!("{stem}{add}")))
    })
}

fn make_candidate(
    ctx: &Ctx,
    text: &str,
    doc: u32,
    toks: &[Tok],
    begin: usize,
    end: usize,
) -> Option<Cand> {
    let lex = ctx.lex;
    let mut b = begin;
    // Leading stop words ("The Justice Department", "However"), and a sentence-initial common
    // word that is never capitalised inside a sentence ("Amid", "Last").
    while b < end {
        let t = &toks[b];
        // A title opening the sentence stays for the titled form ("Mr Rumsfeld said").
        let title = t.cap && is_title(&t.key) && toks.get(b + 1).is_some_and(|n| n.cap);
        let stop = !t.acro && !title && ctx.stop.is_stop_word(&t.key);
        let common = t.initial
            && !ctx.attested.contains(&t.key)
            && !lex.places.contains_key(&t.key)
            && (ctx.lower_vocab.contains(&t.key) || sentence_word(lex, t));
        if stop || (common && !title) || (!t.cap) {
            b += 1;
        } else {
            break;
        }
    }
    if b == end {
        return None;
    }
    // Titles: strip, unless what remains is an organization ("Justice Department").
    let mut t = b;
    let mut titled = false;
    while t + 1 < end {
        if is_title_start(lex, toks, t) {
            titled |= is_title(&toks[t].key);
            t += 1;
        } else if titled && (is_in(TITLE_TAILS, &toks[t].key) || !toks[t].cap) {
            t += 1;
        } else {
            break;
        }
    }
    // A title after other capitalised words ("UN Emergency Relief Coordinator Jan Egeland",
    // "Foreign Affairs Minister Mircea Geoana"): the name is what follows the last title.
    if t == b {
        if let Some(i) = (b + 1..end - 1).rev().find(|&i| is_title(&toks[i].key)) {
            // The title may go on ("Navy Petty *Officer 1st Class* Charles Keating").
            let mut j = i + 1;
            while j + 1 < end && (is_in(TITLE_TAILS, &toks[j].key) || !toks[j].cap) {
                j += 1;
            }
            if end - j <= 4 && toks[j].cap {
                t = j;
                titled = true;
            }
        }
    }
    let rest_is_org = toks[t..end].iter().any(|x| is_in(ORG_CUES, &x.key));
    if rest_is_org {
        t = b;
        titled = false;
    }
    // Connectors left at the front after stripping: what follows completes the title
    // ("Duchess of Cornwall", "Secretary of State for Culture"); only a place is kept, as a
    // mention of the place ("President of the United States").
    let mut completes_title = t > b && !toks[t - 1].cap;
    while t < end && !toks[t].cap {
        t += 1;
        completes_title = true;
    }
    if t == end {
        return None;
    }
    // A given name after other capitalised words starts the name ("Humanitarian Affairs Jan
    // Egeland", "Duchess of Cornwall Camilla Bowles"), unless the run is one name that
    // starts with a given name itself ("John Paul Jones") or is an organization.
    let has_cue = |r: &[Tok]| {
        r.iter().any(|x| {
            is_in(ORG_CUES, &x.key) || is_in(PLACE_CUES, &x.key) || is_in(OTHER_CUES, &x.key)
        })
    };
    if end - t >= 3 && !lex.given.contains(&toks[t].key) && !has_cue(&toks[t..end]) {
        if let Some(i) = (t + 1..end - 1).find(|&i| {
            lex.given.contains(&toks[i].key)
                && (2..=3).contains(&(end - i))
                && !lex.given.contains(&toks[i - 1].key)
        }) {
            t = i;
            completes_title = false;
            titled = true;
        }
    }
    if completes_title
        && !lex.places.contains_key(
            &toks[t..end]
                .iter()
                .map(|x| x.key.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        )
    {
        return None;
    }
    let name = &toks[t..end];
    // A role without a name ("Foreign Secretary", "Permanent Secretary").
    if name.len() <= 3
        && name.last().is_some_and(|x| is_title(&x.key))
        && !name.iter().any(|x| is_in(ORG_CUES, &x.key))
        && !name.iter().any(|x| lex.given.contains(&x.key))
    {
        return None;
    }
    // A bare title ("President"), demonym ("Russian") or group ("Democrats") is no entity.
    if name.len() == 1 {
        let k = &name[0].key;
        if is_title(k) || is_in(TITLE_TAILS, k) || is_demonym(lex, k) {
            return None;
        }
        // A one-word name seen only at sentence starts is a common word.
        // A possessive ("Garner's defense") is a name's, unless the word is a common one
        // (already stripped above: "Today's").
        if name[0].initial
            && !ctx.attested.contains(k)
            && !name[0].acro
            && !name[0].poss
            && (!ctx.name_heads.contains(k) || ctx.lower_vocab.contains(k))
            && !lex.places.contains_key(k)
        {
            return None;
        }
    }
    let words: Vec<String> = name.iter().map(|x| x.key.clone()).collect();
    let is_place = lex.places.contains_key(&words.join(" "));
    // A lower-case title right before the name ("French president Nicolas Sarkozy", "said
    // judge Astill", "Pentagon spokesperson Bryan Whitman") makes a titled form too, with the
    // lower-case titles and the capitalised owner words (a demonym, place, acronym or known
    // organization) in front of it. Words that only qualify a title ("former", "late") do not
    // start one.
    let mut first = b;
    if b == t
        && !is_place
        && !rest_is_org
        && b > 0
        && toks[b].clean_gap
        && !toks[b - 1].cap
        && is_title(&toks[b - 1].key)
        && !matches!(
            toks[b - 1].key.as_str(),
            "former" | "late" | "acting" | "vice" | "deputy" | "chief" | "prime" | "petty"
        )
    {
        first = b - 1;
        while first > 0 && toks[first].clean_gap {
            let p = &toks[first - 1];
            let owner = p.cap
                && !p.poss
                && (p.acro
                    || is_demonym(lex, &p.key)
                    || lex.places.contains_key(&p.key)
                    || is_in(KNOWN_ORGS, &p.key));
            if (!p.cap && is_title(&p.key)) || owner {
                first -= 1;
            } else {
                break;
            }
        }
        // No person evidence of its own: a lower-case profession word ("the Italian
        // architect Renzo Piano") is weaker than a capitalised title, and the form is kept
        // only for names known to be people.
    }
    let name_end = name[name.len() - 1].end;
    let inner_titled = (first + 1..t)
        .filter(|&p| {
            toks[p].cap
                && is_title(&toks[p].key)
                // A peerage or knighthood is part of how the person is addressed, even after
                // an office ("Foreign Office Minister Lord Triesman" -> "Lord Triesman").
                && (!is_title(&toks[p - 1].key) || is_in(RANK_HONORIFICS, &toks[p].key))
        })
        .map(|p| Span::new(toks[p].start, name_end))
        .collect();
    let mut c = Cand {
        doc,
        span: Span::new(name[0].start, name_end),
        full: Span::new(toks[first].start, name_end),
        words,
        person: 0,
        said: 0,
        org: 0,
        place: 0,
        described: Vec::new(),
        kin: b > 0 && is_in(KIN, &toks[b - 1].key),
        inner_titled,
    };
    if titled && !is_place {
        c.person += 2;
    }
    let next = toks.get(end).filter(|x| x.clean_gap || x.comma_gap);
    if let Some(x) = next.filter(|x| x.clean_gap && !x.cap) {
        if is_in(SAID_VERBS, &x.key) {
            c.said += 1;
        }
    }
    if !titled && b > 0 && toks[b].clean_gap && is_in(PLACE_PREPS, &toks[b - 1].key) {
        c.place += 1;
    }
    if !is_place && age_follows(text, c.span.end) {
        c.person += 2;
    }
    descriptive_aliases(text, toks, t, end, &mut c);
    if !c.described.is_empty() {
        c.person += 1;
    }
    Some(c)
}

/// Whether an age follows a name at byte `end`: "Xiao Tan, 32, of Chinese origin", "Matt
/// Helmenstine, 30, a teacher". News gives ages only of people, so an untyped name with an
/// age is a person (the quotation stage then resolves "he told AFP" to it). One to three
/// digits between commas: a year ("Paris, 2008,") or a count with a unit is not an age.
fn age_follows(text: &str, end: usize) -> bool {
    let Some(rest) = text.get(end..).and_then(|r| r.strip_prefix(", ")) else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && rest[digits..].starts_with(',')
        && rest[..digits]
            .parse::<u32>()
            .is_ok_and(|n| (1..=120).contains(&n))
}

/// Descriptive phrases next to a name: "Russia's ambassador to the US, Sergei Kislyak",
/// "Adam Schiff, the top Democrat on the House intelligence committee, said", "Sessions
/// spokesperson Sarah Isgur Flores".
fn descriptive_aliases(text: &str, toks: &[Tok], t: usize, end: usize, c: &mut Cand) {
    // A role noun ("ambassador", "Democrat") and at least one lower-case word, so that a list
    // of names is never taken for a description.
    // The role noun heads the phrase, so it stands among its first words ("the top Democrat
    // on ...", not "a writer linked to President ...").
    let role = |r: &[Tok]| {
        r.iter()
            .skip_while(|x| matches!(x.key.as_str(), "the" | "a" | "an" | "to" | "of"))
            .take(4)
            .any(|x| is_in(ROLE_NOUNS, &x.key))
            && r.iter().any(|x| !x.cap && !x.acro)
    };
    let phrase = |a: usize, z: usize| -> Option<String> {
        let mut a = a;
        while a < z && matches!(toks[a].key.as_str(), "the" | "a" | "an" | "to" | "of") {
            a += 1;
        }
        (a < z).then(|| text[toks[a].start..toks[z - 1].raw_end].to_string())
    };
    // Before, set off by a comma.
    if t > 0 && toks[t].comma_gap {
        let z = t;
        let mut a = t;
        while a > 0 && z - a < 10 {
            let prev = &toks[a - 1];
            if is_in(PHRASE_BOUNDARY, &prev.key) {
                break;
            }
            a -= 1;
            if !toks[a].clean_gap {
                break;
            }
        }
        if a < z && role(&toks[a..z]) && z - a <= 8 {
            c.described.extend(phrase(a, z));
        }
    }
    // Before, touching: a role noun right in front, with its own modifiers.
    if t > 0 && toks[t].clean_gap && !toks[t - 1].cap && is_in(ROLE_NOUNS, &toks[t - 1].key) {
        let z = t;
        let mut a = t - 1;
        while a > 0
            && z - a < 4
            && toks[a].clean_gap
            && !is_in(PHRASE_BOUNDARY, &toks[a - 1].key)
            && (toks[a - 1].cap || toks[a - 1].poss)
        {
            a -= 1;
        }
        if z - a >= 2 {
            c.described.extend(phrase(a, z));
        }
    }
    // After, between commas.
    if end < toks.len() && toks[end].comma_gap && !toks[end - 1].poss {
        let a = end;
        let mut z = a + 1;
        while z < toks.len() && toks[z].clean_gap && z - a < 12 {
            z += 1;
        }
        let closed = z < toks.len() && toks[z].comma_gap;
        let starts = matches!(toks[a].key.as_str(), "the" | "a" | "an") || toks[a].poss;
        if closed && starts && role(&toks[a..z]) {
            c.described.extend(phrase(a, z));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Pass 3: forms and merging.

/// All candidates with the same name key.
#[derive(Debug, Default)]
struct Form {
    words: Vec<String>,
    /// Name surfaces and their counts.
    surfaces: BTreeMap<String, u32>,
    /// Surfaces with titles (only those that differ from the name).
    titled: BTreeMap<String, u32>,
    described: BTreeMap<String, u32>,
    cands: Vec<usize>,
    docs: BTreeSet<u32>,
    person: u32,
    said: u32,
    org: u32,
    place: u32,
    kind: Option<EntityKind>,
    place_name: Option<String>,
}

impl Form {
    fn count(&self) -> u32 {
        self.cands.len() as u32
    }
    fn display(&self) -> &str {
        most_frequent(&self.surfaces).unwrap_or("")
    }
    fn is_acronym(&self) -> bool {
        // Capitals ("ACLU", "U.S."), or an "of" acronym ("DoD").
        self.words.len() == 1
            && self.surfaces.keys().all(|s| {
                (s.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && s.chars()
                        .all(|c| c.is_uppercase() || matches!(c, '.' | '&' | '-')))
                    || of_acronym(s)
            })
    }
    /// Capitalised words only, no cue words: could be a person's name.
    fn name_like(&self) -> bool {
        self.kind == Some(EntityKind::Person)
            || (self.kind == Some(EntityKind::Other)
                && self.words.len() >= 2
                && self
                    .words
                    .iter()
                    .all(|w| w.chars().all(char::is_alphabetic)))
    }
}

fn most_frequent(m: &BTreeMap<String, u32>) -> Option<&str> {
    // Highest count; ties to the smaller string (BTreeMap order), so the choice is stable.
    m.iter()
        .fold(None::<(&String, u32)>, |best, (s, &n)| match best {
            Some((_, bn)) if bn >= n => best,
            _ => Some((s, n)),
        })
        .map(|(s, _)| s.as_str())
}

fn form_kind(lex: &Lexicon, f: &mut Form) -> EntityKind {
    let key = f.words.join(" ");
    if let Some(p) = lex.places.get(&key) {
        if f.person <= f.place + 1 || f.words.len() > 1 {
            f.place_name = Some(p.clone());
            return EntityKind::Place;
        }
    }
    // A one-letter misspelling of a long gazetteer name ("Sri Lanca").
    if key.len() >= 7 && !f.is_acronym() && f.person + f.said == 0 {
        let first = key.chars().next();
        let near = lex.place_keys.iter().find(|(k, _)| {
            k.len().abs_diff(key.len()) <= 1
                && k.len() >= 7
                && k.chars().next() == first
                && strsim::levenshtein(k, &key) == 1
        });
        if let Some((_, p)) = near {
            f.place_name = Some(p.clone());
            return EntityKind::Place;
        }
    }
    let any = |list: &[&str]| f.words.iter().any(|w| is_in(list, w));
    let last = f.words.last().map_or("", String::as_str);
    let compass = matches!(
        f.words[0].as_str(),
        "north"
            | "south"
            | "east"
            | "west"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "central"
            | "upper"
            | "lower"
            | "greater"
    );
    if f.words.len() >= 2 && compass && !any(ORG_CUES) {
        return EntityKind::Place;
    }
    if is_in(PLACE_CUES, last) || (last.len() > 7 && last.ends_with("shire")) {
        return EntityKind::Place;
    }
    if any(ORG_CUES) || is_in(KNOWN_ORGS, &key) || f.is_acronym() || f.org > f.person {
        return EntityKind::Organization;
    }
    if any(OTHER_CUES) {
        return EntityKind::Other;
    }
    let given = f.words.len() >= 2 && lex.given.contains(&f.words[0]);
    // "X said" is a person only for a full name: companies and groups say things too
    // ("Shell said"), and a person named by one word alone joins their full name later.
    let person = f.person + if f.words.len() >= 2 { f.said } else { 0 };
    if person > 0 && person >= f.place || given {
        return EntityKind::Person;
    }
    // "in/at/from X" is weak evidence ("at Knightscope"): most of the mentions must agree.
    if f.place > 0 && 2 * f.place >= f.count() {
        return EntityKind::Place;
    }
    EntityKind::Other
}

/// Union-find over form indices; the smaller index becomes the root, so merging does not
/// depend on the order of union calls.
struct Uf(Vec<usize>);

impl Uf {
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            let (lo, hi) = (a.min(b), a.max(b));
            self.0[hi] = lo;
        }
    }
}

/// A leading country, demonym or owning international body of a name, as a canonical name,
/// and the rest of the name ("British Royal Navy" -> United Kingdom, "Royal Navy"; "U.N.
/// Security Council" -> United Nations, "Security Council").
fn country_prefix<'a>(lex: &'a Lexicon, words: &'a [String]) -> (Option<&'a str>, &'a [String]) {
    // The longest leading place name first ("United States Army" -> United States, "Army").
    for k in (1..words.len().min(4)).rev() {
        let head = words[..k].join(" ");
        let place = lex
            .places
            .get(&head)
            .or_else(|| lex.owners.get(&head))
            .or_else(|| (k == 1).then(|| lex.demonym_place.get(&head)).flatten());
        if let Some(p) = place {
            return (Some(p.as_str()), &words[k..]);
        }
    }
    (None, words)
}

fn initials(words: &[String]) -> String {
    words
        .iter()
        .filter(|w| !is_in(CONNECTORS, w))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// Generational suffixes and post-nominals that follow a surname ("Charles Keating IV",
/// "Martin Luther King Jr.", "Neil Flewitt QC").
const GENERATIONAL: &[&str] = &["ii", "iii", "iv", "jr", "kc", "mp", "qc", "sr", "v"];

/// The surname of a name's words: the last word, a generational suffix skipped.
fn surname(words: &[String]) -> &str {
    match words {
        [.., s, g] if is_in(GENERATIONAL, g) => without_particle(s),
        [.., s] => without_particle(s),
        [] => "",
    }
}

/// Whether one given name is a listed short form of the other: one that starts it ("Matt" /
/// "Matthew", "Ed" / "Edward") or whose stem before a pet ending does ("Charlie" / "Charles",
/// "Kathy" / "Katherine").
fn is_nickname(lex: &Lexicon, a: &str, b: &str) -> bool {
    let short_of = |short: &str, long: &str| {
        if !lex.given.contains(short) || short == long {
            return false;
        }
        let stem = short
            .strip_suffix("ie")
            .or_else(|| short.strip_suffix('y'))
            .filter(|st| st.len() >= 4 && lex.given.contains(long));
        (short.len() >= 2 && short.len() < long.len() && long.starts_with(short))
            || stem.is_some_and(|st| long.starts_with(st))
    };
    short_of(a, b) || short_of(b, a)
}

/// Given names that may be spellings of one name: one edit apart (a swap of two neighbouring
/// letters counts as one; two edits for long names), same first letter, both long enough that
/// one edit is not a different common name.
fn spelling_variants(a: &str, b: &str) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.min(lb) < 5 || a.chars().next() != b.chars().next() {
        return false;
    }
    let d = strsim::osa_distance(a, b);
    d == 1 || (d == 2 && la.min(lb) >= 8)
}

/// Two spellings of a name that one writer may mix in one article: a doubled letter
/// ("Hasib" / "Hassib", "Sidique" / "Siddique") or one vowel for another inside the word
/// ("Mohammed" / "Mohammad"). A changed last letter ("Mario" / "Maria") or consonant is not
/// such a slip.
fn same_article_typo(a: &str, b: &str) -> bool {
    let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if x.len() <= y.len() {
        (&x, &y)
    } else {
        (&y, &x)
    };
    if short.len() < 5 {
        return false;
    }
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
    if long.len() == short.len() + 1 {
        // Removing one letter of a doubled pair gives the other spelling.
        return (1..long.len()).any(|i| {
            long[i] == long[i - 1] && long[..i] == short[..i] && long[i + 1..] == short[i..]
        });
    }
    if long.len() == short.len() {
        let diff: Vec<usize> = (0..x.len()).filter(|&i| x[i] != y[i]).collect();
        return matches!(diff[..], [i] if i > 0 && i + 1 < x.len() && vowel(x[i]) && vowel(y[i]));
    }
    false
}

/// The plain form of a code word that a name may also use: the number without an airline or
/// maker code of one to three letters ("af447" -> "447"), the singular of a plural code
/// ("a330s" -> "a330"), the model without its variant number ("a330-200" -> "a330").
fn code_base(w: &str) -> Option<&str> {
    let b = w.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let digits = b[letters..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if digits == 0 {
        return None;
    }
    let rest = &w[letters + digits..];
    if rest.is_empty() {
        return (1..=3).contains(&letters).then(|| &w[letters..]);
    }
    let variant = rest
        .strip_prefix('-')
        .is_some_and(|r| !r.is_empty() && r.bytes().all(|c| c.is_ascii_digit()));
    (rest == "s" || variant).then(|| &w[..letters + digits])
}

fn merge(
    lex: &Lexicon,
    lower_vocab: &HashSet<String>,
    articles: &[Article],
    cands: Vec<Cand>,
) -> EntityTable {
    // Forms, in key order so every later loop is deterministic.
    let mut by_key: BTreeMap<String, Form> = BTreeMap::new();
    for (i, c) in cands.iter().enumerate() {
        let text = &articles[c.doc as usize].text;
        // "Al-Qaeda" and "Al Qaeda" are one form.
        let f = by_key
            .entry(c.words.join(" ").replace('-', " "))
            .or_default();
        f.words.clone_from(&c.words);
        *f.surfaces
            .entry(text[c.span.start..c.span.end].to_string())
            .or_default() += 1;
        if c.full != c.span {
            *f.titled
                .entry(text[c.full.start..c.full.end].to_string())
                .or_default() += 1;
        }
        for d in &c.described {
            *f.described.entry(d.clone()).or_default() += 1;
        }
        f.cands.push(i);
        f.docs.insert(c.doc);
        f.person += c.person;
        f.said += c.said;
        f.org += c.org;
        f.place += c.place;
    }
    let mut forms: Vec<Form> = by_key.into_values().collect();
    for f in &mut forms {
        f.kind = Some(form_kind(lex, f));
    }
    let nf = forms.len();
    let mut uf = Uf((0..nf).collect());

    // Places: gazetteer synonyms.
    let mut by_place: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, f) in forms.iter().enumerate() {
        if let Some(p) = &f.place_name {
            match by_place.get(p.as_str()) {
                Some(&j) => uf.union(i, j),
                None => {
                    by_place.insert(p, i);
                }
            }
        }
    }

    // People: full names (two words or more) grouped by surname.
    let mut by_surname: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, f) in forms.iter().enumerate() {
        if f.words.len() >= 2 && f.name_like() {
            by_surname.entry(surname(&f.words)).or_default().push(i);
        }
    }
    // Spelling variants: same length, same surname, one given name a small edit apart, and
    // never in the same article (one writer keeps one spelling).
    for group in by_surname.values() {
        for (x, &i) in group.iter().enumerate() {
            for &j in &group[x + 1..] {
                let (a, b) = (&forms[i], &forms[j]);
                if a.words.len() != b.words.len() {
                    continue;
                }
                let diff: Vec<usize> = (0..a.words.len())
                    .filter(|&k| a.words[k] != b.words[k])
                    .collect();
                if diff.len() != 1 {
                    continue;
                }
                let (x, y) = (&a.words[diff[0]], &b.words[diff[0]]);
                // A short form of the given name ("Matt" / "Matthew") is strong evidence even
                // in one article; a spelling variant only across articles, or as a slip one
                // writer makes ("Hasib" / "Hassib").
                let nickname = diff[0] == 0 && is_nickname(lex, x, y);
                let variant = spelling_variants(x, y)
                    && (a.docs.is_disjoint(&b.docs) || same_article_typo(x, y));
                if nickname || variant {
                    uf.union(i, j);
                }
            }
        }
    }
    // Mentions of each one-word form, and full person names by given name.
    let single_count: HashMap<&str, u32> = forms
        .iter()
        .filter(|f| f.words.len() == 1)
        .map(|f| (f.words[0].as_str(), f.count()))
        .collect();
    let mut by_given: HashMap<&str, Vec<usize>> = HashMap::new();
    // Full names by each of their words before the surname (no initials).
    let mut by_inner: HashMap<&str, Vec<usize>> = HashMap::new();
    for group in by_surname.values() {
        for &j in group {
            let ws = &forms[j].words;
            let s = surname(ws);
            for x in ws.iter().take_while(|x| without_particle(x) != s) {
                if x.chars().count() > 1 && !is_title(x) {
                    by_inner.entry(x.as_str()).or_default().push(j);
                }
            }
            if forms[j].kind == Some(EntityKind::Person) {
                by_given
                    .entry(forms[j].words[0].as_str())
                    .or_default()
                    .push(j);
            }
        }
    }
    // Shorter names into the full names that contain them. `ambiguous[i]` lists the entities a
    // form could belong to when it fits more than one.
    let mut ambiguous: Vec<Vec<usize>> = vec![Vec::new(); nf];
    let mut order: Vec<usize> = (0..nf).collect();
    // Longer names first, so "George Bush" settles before "Bush" is looked at.
    order.sort_by_key(|&i| (std::cmp::Reverse(forms[i].words.len()), i));
    for &i in &order {
        let f = &forms[i];
        // A one-word place that is also the surname of a person of the story ("Jordan" and
        // "Lt. Col. Steven Lee Jordan"): each mention after the person's name in the same
        // article, and not after "in/at/from", is the person's (decided per mention below).
        if f.words.len() == 1 && f.place_name.is_some() && !f.is_acronym() {
            let people: BTreeSet<usize> = by_surname
                .get(f.words[0].as_str())
                .into_iter()
                .flatten()
                .filter(|&&j| forms[j].kind == Some(EntityKind::Person))
                .map(|&j| uf.find(j))
                .collect();
            ambiguous[i] = people.into_iter().collect();
            continue;
        }
        if !(f.name_like() || f.words.len() == 1) || f.place_name.is_some() || f.is_acronym() {
            continue;
        }
        if f.words.len() == 1 && f.kind == Some(EntityKind::Organization) {
            continue;
        }
        // A one-word form that is also a common word of the story ("Tsunami" beside "tsunami")
        // is a partial name only with evidence of a person.
        if f.words.len() == 1 && f.person + f.said == 0 && lower_vocab.contains(&f.words[0]) {
            continue;
        }
        let w = &f.words;
        let last = surname(w);
        let mut fits: Vec<usize> = Vec::new();
        if let Some(group) = by_surname.get(last) {
            for &j in group {
                let g = &forms[j];
                if g.words.len() <= w.len() {
                    continue;
                }
                // "Bush" or "George Bush" in "George W. Bush"; never "George W. Bush" in
                // "George H. W. Bush": a middle name or initial, once given, must match. A
                // middle name with the surname ("Sidique Khan" in "Mohammed Sidique Khan") is
                // the name too.
                let n = g.words.len();
                let middle = w.len() == 2
                    && w[0].chars().count() > 1
                    && g.words[1..n - 1].contains(&w[0])
                    && surname(&g.words) == w[1];
                let contained = w.len() == 1 || (w.len() == 2 && g.words[0] == w[0]) || middle;
                if contained {
                    fits.push(j);
                }
            }
        }
        // A one-edit typo of a surname ("Session" for "Sessions"), for a one-word name that
        // is no surname itself and is rarer than the name it would join.
        let len = last.chars().count();
        if fits.is_empty() && w.len() == 1 && len >= 5 {
            for (s, group) in &by_surname {
                let slen = s.chars().count();
                if slen >= 5 && slen.abs_diff(len) <= 1 && strsim::osa_distance(s, last) == 1 {
                    let total: u32 = group.iter().map(|&j| forms[j].count()).sum();
                    let alone = single_count.get(s).copied().unwrap_or(0);
                    if total + alone >= f.count() {
                        fits.extend(group.iter().copied());
                    }
                }
            }
        }
        // A given name alone ("Hillary") for the one person of that given name, when it is
        // nobody's surname.
        if fits.is_empty()
            && w.len() == 1
            && lex.given.contains(last)
            && !by_surname.contains_key(last)
        {
            fits.extend(by_given.get(last).into_iter().flatten().copied());
        }
        // A given or middle name alone ("Shahzad", "Derek") in an article that also gives the
        // full name of the one person it is part of, when it is nobody's surname.
        if fits.is_empty()
            && w.len() == 1
            && last.chars().count() >= 3
            && !by_surname.contains_key(last)
        {
            fits.extend(
                by_inner
                    .get(last)
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|&j| !forms[j].docs.is_disjoint(&f.docs))
                    // Not for a word that shows a place ("from Luton" is no part of "Luton
                    // Station").
                    .filter(|_| {
                        f.place == 0
                            && matches!(f.kind, Some(EntityKind::Person | EntityKind::Other))
                    }),
            );
        }
        let mut roots: Vec<usize> = fits.iter().map(|&j| uf.find(j)).collect();
        roots.sort_unstable();
        roots.dedup();
        // A fit that is itself ambiguous ("George Bush" for a bare "Bush") brings its own
        // candidates rather than a chain through it.
        match roots.len() {
            0 => {}
            1 => uf.union(i, roots[0]),
            _ => ambiguous[i] = roots,
        }
    }
    fn content(words: &[String]) -> Vec<&str> {
        let mut c: Vec<&str> = words
            .iter()
            .map(String::as_str)
            .filter(|w| !is_in(CONNECTORS, w))
            .collect();
        c.sort_unstable();
        c
    }
    // Organizations: acronyms, reordered names and shorter names they end. Indexed by
    // initials, by content words and by word suffix, so large stories stay linear.
    let org = |f: &Form| f.kind == Some(EntityKind::Organization);
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_content: BTreeMap<Vec<&str>, Vec<(usize, Option<&str>)>> = BTreeMap::new();
    let mut by_suffix: HashMap<&[String], Vec<usize>> = HashMap::new();
    for (j, g) in forms.iter().enumerate() {
        if g.words.len() >= 2 {
            by_initials.entry(initials(&g.words)).or_default().push(j);
            // "MOD" for "Ministry of Defence": connectors may count too.
            let all: String = g.words.iter().filter_map(|w| w.chars().next()).collect();
            // "ADL" for "Anti-Defamation League": hyphenated words give a letter each.
            let hyphens: String = g
                .words
                .iter()
                .flat_map(|w| w.split('-'))
                .filter(|w| !is_in(CONNECTORS, w))
                .filter_map(|w| w.chars().next())
                .collect();
            let plain = initials(&g.words);
            for v in [all, hyphens] {
                if v != plain {
                    by_initials.entry(v).or_default().push(j);
                }
            }
        }
        if org(g) {
            let (place, rest) = country_prefix(lex, &g.words);
            by_content
                .entry(content(rest))
                .or_default()
                .push((j, place));
            for k in 1..g.words.len().saturating_sub(1) {
                by_suffix.entry(&g.words[k..]).or_default().push(j);
            }
        }
    }
    // A company or charity with and without its legal or reach suffix ("Oxfam International",
    // "Oxfam"; "Apple Inc.", "Apple").
    let by_words: HashMap<&[String], usize> = forms
        .iter()
        .enumerate()
        .map(|(j, g)| (&g.words[..], j))
        .collect();
    for (j, g) in forms.iter().enumerate() {
        let n = g.words.len();
        if n >= 2 && org(g) && is_in(CORP_SUFFIXES, &g.words[n - 1]) {
            if let Some(&k) = by_words.get(&g.words[..n - 1]) {
                let kind = forms[k].kind;
                if kind != Some(EntityKind::Person) && kind != Some(EntityKind::Place) {
                    uf.union(j, k);
                }
            }
        }
    }
    // Names that differ only by a generic word of their kind: a head word after a name that is
    // complete without it ("Alhambra Police" / "Alhambra Police Department", "United" /
    // "United Airlines", "Guantanamo" / "Guantanamo Bay"), or a modifier inside ("Newark
    // Liberty Airport" / "Newark Liberty International Airport"). The short name must fit one
    // long name only, and no person or gazetteer place is a short name. A town and its station
    // or airport are two places ("Luton", "Luton Station").
    let mut by_loose: HashMap<Vec<String>, Vec<usize>> = HashMap::new();
    // How many names add a head word to each shorter name.
    let mut headed: HashMap<&[String], u32> = HashMap::new();
    for g in &forms {
        if let [rest @ .., last] = &g.words[..] {
            if !rest.is_empty() && is_in(GENERIC_HEADS, last) {
                *headed.entry(rest).or_default() += 1;
            }
        }
    }
    for (j, g) in forms.iter().enumerate() {
        if g.words.len() < 2 || g.kind == Some(EntityKind::Person) || g.place_name.is_some() {
            continue;
        }
        // Possessive and plural slips too ("King's Cross" / "Kings Cross", "Cold Hand
        // Bandits" / "Cold Hands Bandits"): each word without a final "s".
        let loose = |w: &String| w.strip_suffix('s').unwrap_or(w).to_string();
        let key: Vec<String> = g
            .words
            .iter()
            .filter(|w| !is_in(GENERIC_MODIFIERS, w))
            .map(loose)
            .collect();
        if key.len() >= 2 {
            by_loose.entry(key).or_default().push(j);
        }
        let n = g.words.len();
        if is_in(GENERIC_HEADS, &g.words[n - 1]) {
            if let Some(&k) = by_words.get(&g.words[..n - 1]) {
                let short = &forms[k];
                let unique = headed.get(&g.words[..n - 1]) == Some(&1);
                // A one-word short name must be a name, not a common word ("Police").
                let one_word_ok = n > 2
                    || !(lower_vocab.contains(&short.words[0])
                        || is_in(ORG_CUES, &short.words[0])
                        || is_in(PLACE_CUES, &short.words[0]));
                if unique
                    && one_word_ok
                    && short.kind != Some(EntityKind::Person)
                    && short.place_name.is_none()
                    && !short.is_acronym()
                {
                    uf.union(j, k);
                }
            }
        }
    }
    for group in by_loose.values() {
        for &j in &group[1..] {
            uf.union(group[0], j);
        }
    }
    // A misspelt word in a longer name, across articles ("Guantanomo Bay" / "Guantanamo
    // Bay"): same words but one, that one a spelling variant.
    let mut by_rest: HashMap<(Vec<&str>, usize), Vec<usize>> = HashMap::new();
    for (j, g) in forms.iter().enumerate() {
        if g.words.len() < 2 || g.kind == Some(EntityKind::Person) {
            continue;
        }
        for k in 0..g.words.len() {
            let mut rest: Vec<&str> = g.words.iter().map(String::as_str).collect();
            rest.remove(k);
            by_rest.entry((rest, k)).or_default().push(j);
        }
    }
    for ((_, k), group) in &by_rest {
        for (x, &i) in group.iter().enumerate() {
            for &j in &group[x + 1..] {
                let (a, b) = (&forms[i], &forms[j]);
                let (wa, wb) = (&a.words[*k], &b.words[*k]);
                if a.docs.is_disjoint(&b.docs)
                    && wa.chars().all(char::is_alphabetic)
                    && wb.chars().all(char::is_alphabetic)
                    && spelling_variants(wa, wb)
                    && a.place_name == b.place_name
                {
                    uf.union(i, j);
                }
            }
        }
    }
    // Same content words, in any order, with or without the country in front ("Royal Navy",
    // "British Royal Navy", "UK Royal Navy"; "Justice Department", "Department of Justice").
    // Two different countries in front ("Russian Foreign Ministry", "British Foreign
    // Ministry") keep their groups apart, and the bare name then joins neither.
    for group in by_content.values() {
        let places: BTreeSet<&str> = group.iter().filter_map(|&(_, p)| p).collect();
        for &(j, p) in group {
            for &(k, q) in group {
                if j < k && (places.len() <= 1 || (p.is_some() && p == q)) {
                    uf.union(j, k);
                }
            }
        }
    }
    for (i, f) in forms.iter().enumerate() {
        if !org(f) {
            continue;
        }
        let mut fits: Vec<usize> = Vec::new();
        if f.is_acronym() {
            let letters = f.words[0].replace(['&', '-'], "");
            fits.extend(by_initials.get(&letters).into_iter().flatten().copied());
        } else if f.words.len() >= 2 {
            fits.extend(by_suffix.get(&f.words[..]).into_iter().flatten().copied());
        }
        fits.retain(|&j| j != i);
        let mut roots: Vec<usize> = fits.iter().map(|&j| uf.find(j)).collect();
        roots.sort_unstable();
        roots.dedup();
        if roots.len() == 1 {
            uf.union(i, roots[0]);
        }
    }

    // Names with numbers and codes (flights, aircraft, products): "Flight AF447" is "Flight
    // 447" (an airline code before the number), "A330s" and "A330-200" are the "A330", and a
    // shorter name that ends a longer one is it ("Flight 447" in "Air France Flight 447", "A330"
    // in "Airbus A330"). People and gazetteer places never take part.
    let numbered = |g: &Form| {
        g.kind != Some(EntityKind::Person)
            && g.place_name.is_none()
            && g.words
                .iter()
                .any(|w| w.bytes().any(|b| b.is_ascii_digit()))
    };
    for (j, g) in forms.iter().enumerate() {
        if !numbered(g) {
            continue;
        }
        for (k, w) in g.words.iter().enumerate() {
            let Some(base) = code_base(w) else { continue };
            let mut other = g.words.clone();
            other[k] = base.to_string();
            if let Some(&o) = by_words.get(&other[..]) {
                if numbered(&forms[o]) {
                    uf.union(j, o);
                }
            }
        }
    }
    let mut longest_first: Vec<usize> = (0..nf).filter(|&i| numbered(&forms[i])).collect();
    longest_first.sort_by_key(|&i| (std::cmp::Reverse(forms[i].words.len()), i));
    let mut by_end: HashMap<&[String], Vec<usize>> = HashMap::new();
    for &j in &longest_first {
        let ws = &forms[j].words;
        for k in 1..ws.len() {
            by_end.entry(&ws[k..]).or_default().push(j);
        }
    }
    for &i in &longest_first {
        let w = &forms[i].words;
        // A one-word suffix must be a code itself ("A330", "AF447"), not a bare number.
        if w.len() == 1 && !w[0].bytes().any(|b| b.is_ascii_alphabetic()) {
            continue;
        }
        let mut roots: Vec<usize> = by_end
            .get(&w[..])
            .into_iter()
            .flatten()
            .map(|&j| uf.find(j))
            .collect();
        roots.sort_unstable();
        roots.dedup();
        if roots.len() == 1 {
            uf.union(i, roots[0]);
        }
    }
    // A name that drops a modifier but keeps its head word ("Astana Team" / "Astana Cycling
    // Team", "Human Rights Torch Relay" / "Global Human Rights Torch Relay", "Charles de
    // Gaulle Airport" / "Paris-Charles de Gaulle Airport"): every word of the shorter name is
    // in the longer one, both end in the same word, and only one longer name fits.
    let parts = |g: &Form| -> Vec<String> {
        g.words
            .iter()
            .flat_map(|w| w.split('-'))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let droppable = |g: &Form| g.kind != Some(EntityKind::Person) && g.place_name.is_none();
    let mut by_head: HashMap<String, Vec<usize>> = HashMap::new();
    let form_parts: Vec<Vec<String>> = forms.iter().map(parts).collect();
    for (j, g) in forms.iter().enumerate() {
        if droppable(g) && form_parts[j].len() >= 3 {
            by_head
                .entry(form_parts[j].last().cloned().unwrap_or_default())
                .or_default()
                .push(j);
        }
    }
    for (i, f) in forms.iter().enumerate() {
        let p = &form_parts[i];
        if !droppable(f) || p.len() < 2 {
            continue;
        }
        let mut roots: Vec<usize> = by_head
            .get(p.last().map_or("", String::as_str))
            .into_iter()
            .flatten()
            .filter(|&&j| {
                let q = &form_parts[j];
                q.len() > p.len() && p.iter().all(|x| q.contains(x))
            })
            .map(|&j| uf.find(j))
            .collect();
        roots.sort_unstable();
        roots.dedup();
        if roots.len() == 1 {
            uf.union(i, roots[0]);
        }
    }

    // Each candidate's entity root: ambiguous forms go to the candidate entity mentioned last
    // before them in the same article, else stay on their own.
    let mut form_of = vec![0usize; cands.len()];
    for (i, f) in forms.iter().enumerate() {
        for &c in &f.cands {
            form_of[c] = i;
        }
    }
    let mut idx: Vec<usize> = (0..cands.len()).collect();
    idx.sort_by_key(|&c| (cands[c].doc, cands[c].span.start));
    let mut root_of = vec![0usize; cands.len()];
    let mut last_seen: HashMap<(u32, usize), usize> = HashMap::new(); // (doc, root) -> start
    for &c in &idx {
        let fi = form_of[c];
        let mut r = uf.find(fi);
        let place_cue = forms[fi].place_name.is_some() && cands[c].place > 0;
        if !ambiguous[fi].is_empty() && !place_cue {
            let best = ambiguous[fi]
                .iter()
                .map(|&a| uf.find(a))
                .filter_map(|a| last_seen.get(&(cands[c].doc, a)).map(|&s| (s, a)))
                .max();
            if let Some((_, a)) = best {
                r = a;
            }
        }
        // A relative's full name ("his mother, Katie Lovelace") does not take the bare
        // surnames that follow: they go on meaning the person the story is about.
        if !cands[c].kin {
            last_seen.insert((cands[c].doc, r), cands[c].span.start);
        }
        root_of[c] = r;
    }

    // Entities.
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new(); // root -> candidates
    for &c in &idx {
        groups.entry(root_of[c]).or_default().push(c);
    }
    let mut built: Vec<(Entity, Vec<usize>)> = Vec::new();
    for cs in groups.into_values() {
        let mut member_forms: Vec<usize> = cs.iter().map(|&c| form_of[c]).collect();
        member_forms.sort_unstable();
        member_forms.dedup();
        let mut form_count: BTreeMap<usize, u32> = BTreeMap::new();
        for &c in &cs {
            *form_count.entry(form_of[c]).or_default() += 1;
        }
        // Kind: the kind of most mentions (other only when nothing else is known).
        let mut votes: BTreeMap<EntityKind, u32> = BTreeMap::new();
        for (&fi, &n) in &form_count {
            *votes
                .entry(forms[fi].kind.unwrap_or(EntityKind::Other))
                .or_default() += n;
        }
        let kind = [
            EntityKind::Person,
            EntityKind::Organization,
            EntityKind::Place,
        ]
        .into_iter()
        .max_by_key(|k| (votes.get(k).copied().unwrap_or(0), std::cmp::Reverse(*k)))
        .filter(|k| votes.get(k).copied().unwrap_or(0) > 0)
        .unwrap_or(EntityKind::Other);
        // A full name and its bare surname used apart is how news refers to people
        // ("Momin Khawaja" ... "Khawaja"), even when no title or given name said so.
        let surname_used = || {
            member_forms.iter().any(|&a| {
                forms[a].words.len() == 1
                    && member_forms.iter().any(|&b| {
                        forms[b].words.len() >= 2 && surname(&forms[b].words) == forms[a].words[0]
                    })
            })
        };
        let kind = if kind == EntityKind::Other && surname_used() {
            EntityKind::Person
        } else {
            kind
        };
        let mut counts: BTreeMap<String, u32> = BTreeMap::new();
        for &c in &cs {
            let cand = &cands[c];
            let text = &articles[cand.doc as usize].text;
            *counts
                .entry(text[cand.span.start..cand.span.end].to_string())
                .or_default() += 1;
            // Titled forms are aliases of people only: "President of the United States" is no
            // name of the country. The entity's kind decides, not the form's: a bare surname
            // ("Mr Rumsfeld") has too few cues of its own.
            if cand.full != cand.span && kind == EntityKind::Person {
                *counts
                    .entry(text[cand.full.start..cand.full.end].to_string())
                    .or_default() += 1;
                for s in &cand.inner_titled {
                    *counts.entry(text[s.start..s.end].to_string()).or_default() += 1;
                }
            }
        }
        // Canonical name.
        let place = member_forms
            .iter()
            .find_map(|&fi| forms[fi].place_name.clone());
        let name = match (kind, place) {
            (EntityKind::Place, Some(p)) => p,
            _ => {
                let best = form_count.iter().max_by(|(&a, &na), (&b, &nb)| {
                    let (fa, fb) = (&forms[a], &forms[b]);
                    // People: the fullest name; others: the most used, spelled out rather
                    // than an acronym ("United Nations", not "UN").
                    let key = |f: &Form, n: u32| match kind {
                        // Ties to the longer spelling ("Edward Snowden", not "Ed Snowden").
                        EntityKind::Person => (1, f.words.len(), n as usize, f.display().len()),
                        _ => (usize::from(!f.is_acronym()), n as usize, f.words.len(), 0),
                    };
                    key(fa, na)
                        .cmp(&key(fb, nb))
                        .then_with(|| fb.display().cmp(fa.display()))
                });
                best.map_or(String::new(), |(&fi, _)| forms[fi].display().to_string())
            }
        };
        for &fi in &member_forms {
            for (d, &n) in &forms[fi].described {
                *counts.entry(d.clone()).or_default() += n;
            }
        }
        counts.remove(&name);
        let mut aliases: Vec<(String, u32)> = counts.into_iter().collect();
        aliases.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut mentions = BTreeMap::new();
        for &c in &cs {
            *mentions
                .entry(articles[cands[c].doc as usize].id.clone())
                .or_default() += 1;
        }
        let entity = Entity {
            name,
            kind,
            aliases: aliases.into_iter().map(|(s, _)| s).collect(),
            mentions,
        };
        built.push((entity, cs));
    }
    built.sort_by(|(a, ca), (b, cb)| {
        cb.len()
            .cmp(&ca.len())
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.kind.cmp(&b.kind))
            .then_with(|| a.aliases.cmp(&b.aliases))
    });
    let mut mentions = Vec::with_capacity(cands.len());
    let mut entities = Vec::with_capacity(built.len());
    for (e_idx, (e, cs)) in built.into_iter().enumerate() {
        for c in cs {
            mentions.push(Mention {
                doc: DocId(cands[c].doc),
                span: cands[c].span,
                entity: e_idx as u32,
                kind: e.kind,
            });
        }
        entities.push(e);
    }
    mentions.sort();
    EntityTable { entities, mentions }
}
