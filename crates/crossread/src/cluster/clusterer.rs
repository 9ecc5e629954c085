//! The clustering step: [`Features`] in, story assignments out, one article at a time.
//!
//! # Index
//! Each story keeps a *centroid*: the sum of its articles' unit vectors, pruned to its
//! `centroid_terms` heaviest terms whenever it grows past twice that. An open story is posted
//! in an inverted index under the `story_terms` heaviest terms of its centroid (a story that
//! drifts is posted under its new terms as well). A posting list holds at most `posting_cap`
//! stories, the most recently posted: a term shared by more open stories than that is not what
//! tells them apart, and the cap bounds the cost of a lookup.
//!
//! A new article looks up only the postings of its `query_terms` heaviest terms and ranks the
//! stories it meets by the summed weight of those terms; the best `max_candidates` are then
//! compared in full (cosine to the centroid). So the cost of an article is bounded by
//! `query_terms · posting_cap + max_candidates · (top_terms + 2 · centroid_terms)`, whatever
//! the number of stories: sublinear, in fact constant, in the size of the index.
//!
//! When a story has had no article for more than `quiet_days` it is *closed*: it leaves the
//! inverted index, can no longer grow, and keeps only its members and its most central
//! article (its centroid is dropped).
//!
//! # Decision
//! The article joins the best candidate when
//! * `score = cosine · decay ≥ threshold`, where `decay` halves every `half_life_days` of
//!   distance between the article's date and the story's date range, after `grace_days`;
//! * and the match rests on *specific* evidence: the part of the cosine contributed by names
//!   (people, places, organisations) reaches `name_threshold`, unless the article or the story
//!   has no name at all (nothing to share) or the score alone reaches `strong_threshold`. Two earthquakes in one week share
//!   "magnitude", "rubble" and "rescuers", but not "Amatrice".
//!
//! * or, failing the first condition, the match is *unambiguous*: `score ≥ margin_threshold`
//!   (lower than `threshold`) and at least `margin` times the score of the runner-up
//!   candidate, with the same name condition. A short or off-angle report of a story scores
//!   low against it but near zero against everything else; an article that sits between two
//!   related stories (two Trump stories, two earthquakes) does not stand out from the
//!   runner-up and still needs the full `threshold`.
//!
//! A story whose headlines name a different event of the same kind than the article's
//! headline ("stage 13" / "stage 15", "in London" / "in Paris": [`EventSig::contrasts`]) is
//! never the best match, however close the vectors; it still counts as the runner-up.
//!
//! Otherwise it opens a new story. Ties (equal scores) go to the older story, so the result
//! depends only on the order of the articles, which batch mode fixes (see
//! [`cluster`](super::cluster)).
//!
//! # Merging
//! A single pass decides each article once, against the stories as they were when it
//! arrived: two reports of one event can open two stories when neither resembles the other
//! enough on its own, and later articles then fill both. So whenever the date advances (and
//! once at the end of a batch), each open story that grew since the last time is compared
//! with the other open stories, centroid to centroid, under the same rule with
//! `merge_threshold`, and merged into the older one ([`Clusterer::merge_similar`]); two
//! stories with contrasting event signatures never merge.

use crossread_model::Story;
use rustc_hash::FxHashMap;

use super::event::EventSig;
use super::features::{day_string, top_by_weight, Features, NAME_BIT};
use super::Config;

/// "No date" in the compact per-article record.
const NO_DAY: i32 = i32::MIN;

/// Index of a story inside one [`Clusterer`], in order of creation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StoryId(pub u32);

/// How well an article (or a story) matches a story.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    /// The story.
    pub story: StoryId,
    /// Cosine between the article's vector and the story's centroid.
    pub cosine: f32,
    /// The part of `cosine` that comes from name features.
    pub names: f32,
    /// Time factor in `(0, 1]`: 1 inside the story's date range (or without dates).
    pub decay: f32,
    /// `cosine · decay`: what the best candidate is chosen by.
    pub score: f32,
    /// The score of the second best candidate (0 when there is none).
    pub runner_up: f32,
}

/// The online story clusterer. Feed it articles in time order with [`Clusterer::add`].
#[derive(Debug)]
pub struct Clusterer {
    cfg: Config,
    docs: Vec<Doc>,
    stories: Vec<StoryState>,
    postings: FxHashMap<u32, Vec<u32>>,
    /// Open stories, in no particular order (merged-away ones until the next sweep).
    open: Vec<u32>,
    /// Stories that gained articles since the last merge.
    dirty: Vec<u32>,
    /// Latest day seen.
    today: Option<i32>,
    // Scratch, reused across articles.
    /// Query weight per story met in the postings ([`Clusterer::gather`]).
    acc: Accumulator,
    /// Positions in `acc.cands`, for ranking them.
    ranked: Vec<u32>,
    touched: Vec<u32>,
    query: Vec<(u32, f32)>,
    merged: Vec<(u32, f32)>,
    top: Vec<(u32, f32)>,
    /// The vector being compared with the candidates, as a hash table ([`Probe`]).
    probe: Probe,
    /// Some article's terms were not strictly increasing by id (against the contract of
    /// [`Features::terms`]): from then on [`Probe`] is not used, since only the merge join
    /// gives the same (unspecified) result as before on such vectors.
    unsorted_input: bool,
}

/// What is kept per article: its compact vector, story, id and headline.
#[derive(Debug)]
struct Doc {
    id: Box<str>,
    title: Option<Box<str>>,
    story: u32,
    terms: Box<[(u32, f32)]>,
}

#[derive(Debug, Default)]
struct StoryState {
    /// Sum of the members' vectors, sorted by term id. Empty while the story has a single
    /// article: its vector is the article's own ([`Clusterer::centroid_of`]). Most stories
    /// never get a second article, and a copy of their vector was half the memory of a
    /// stream whose stories never close.
    centroid: Vec<(u32, f32)>,
    norm: f32,
    /// Member articles, in arrival order (empty once merged into another story).
    members: Vec<u32>,
    first: i32,
    last: i32,
    /// Terms the story is posted under in the inverted index.
    posted: Vec<u32>,
    open: bool,
    /// Gained articles since the last [`Clusterer::merge_similar`].
    dirty: bool,
    /// Set when the story closes (and its centroid is dropped): its most central article.
    central: Option<u32>,
    /// The union of its headlines' event signatures, when any has a slot (boxed: most
    /// stories have none, and a stream keeps millions of stories).
    event: Option<Box<EventSig>>,
}

impl StoryState {
    fn range(&self) -> (i32, i32) {
        (self.first, self.last)
    }
}

fn any_name(terms: &[(u32, f32)]) -> bool {
    terms.iter().any(|&(t, _)| t & NAME_BIT != 0)
}

/// Days between two date ranges (0 when they overlap), `None` when either is undated.
fn gap(a: (i32, i32), b: (i32, i32)) -> Option<i32> {
    if a.0 == NO_DAY || b.0 == NO_DAY {
        return None;
    }
    Some(
        (b.0.saturating_sub(a.1))
            .max(a.0.saturating_sub(b.1))
            .max(0),
    )
}

impl Clusterer {
    /// An empty clusterer.
    pub fn new(cfg: Config) -> Self {
        Clusterer {
            cfg,
            docs: Vec::new(),
            stories: Vec::new(),
            postings: FxHashMap::default(),
            open: Vec::new(),
            dirty: Vec::new(),
            today: None,
            acc: Accumulator::default(),
            ranked: Vec::new(),
            touched: Vec::new(),
            query: Vec::new(),
            merged: Vec::new(),
            top: Vec::new(),
            probe: Probe::default(),
            unsorted_input: false,
        }
    }

    /// The settings.
    pub fn config(&self) -> &Config {
        &self.cfg
    }

    /// Articles added so far.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True before the first article.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Stories with at least one article (open and closed).
    pub fn story_count(&self) -> usize {
        self.stories
            .iter()
            .filter(|s| !s.members.is_empty())
            .count()
    }

    /// Stories still open (in the candidate index).
    pub fn open_count(&self) -> usize {
        self.open
            .iter()
            .filter(|&&s| !self.stories[s as usize].members.is_empty())
            .count()
    }

    /// Adds one article and returns its story. A dated article later than any seen before
    /// first closes the stories that have been quiet for more than `quiet_days`
    /// ([`Self::close_quiet`]).
    pub fn add(&mut self, id: &str, title: Option<&str>, f: &Features) -> StoryId {
        if let Some(day) = f.day {
            if !matches!(self.today, Some(t) if t >= day) {
                self.merge_similar();
                self.close_quiet(day);
                self.today = Some(day);
            }
        }
        if !self.unsorted_input && !f.terms.windows(2).all(|w| w[0].0 < w[1].0) {
            self.unsorted_input = true;
        }
        let best = self.best_match(f);
        let has_names = f.terms.iter().any(|&(t, _)| t & NAME_BIT != 0);
        let story = match best {
            Some(m)
                if self.accepts(&m, has_names, self.cfg.threshold)
                    || (m.score >= self.cfg.margin * m.runner_up
                        && self.accepts(&m, has_names, self.cfg.margin_threshold)) =>
            {
                m.story.0
            }
            _ => self.open_story(),
        };
        // A story about to get its second article stops sharing its first article's vector.
        self.materialize(story);
        let doc = self.docs.len() as u32;
        self.docs.push(Doc {
            id: id.into(),
            title: title.map(Into::into),
            story,
            terms: f.terms.clone().into_boxed_slice(),
        });
        let st = &mut self.stories[story as usize];
        st.members.push(doc);
        if !st.dirty {
            st.dirty = true;
            self.dirty.push(story);
        }
        if let Some(day) = f.day {
            if st.first == NO_DAY {
                (st.first, st.last) = (day, day);
            } else {
                st.first = st.first.min(day);
                st.last = st.last.max(day);
            }
        }
        if !f.event.is_empty() {
            st.event
                .get_or_insert_with(Default::default)
                .absorb(&f.event);
        }
        if self.stories[story as usize].members.len() == 1 {
            self.stories[story as usize].norm = norm(&f.terms);
        } else {
            self.grow_centroid(story, &f.terms);
        }
        self.post(story);
        StoryId(story)
    }

    /// Whether a match is good enough (see the module docs).
    fn accepts(&self, m: &Match, has_names: bool, threshold: f32) -> bool {
        let c = &self.cfg;
        m.score >= threshold
            && (!has_names
                || m.names * m.decay >= c.name_threshold
                || m.score >= c.strong_threshold
                || !any_name(self.centroid_of(m.story.0)))
    }

    /// The open story that best matches `f`, found through the inverted index (`None` when
    /// no open story shares a query term). Does not change the clustering.
    pub fn best_match(&mut self, f: &Features) -> Option<Match> {
        self.query.clear();
        self.query.extend_from_slice(&f.terms);
        let day = f.day.unwrap_or(NO_DAY);
        let postings = std::mem::take(&mut self.postings);
        self.gather(&postings, None);
        self.postings = postings;
        self.probe.build(&f.terms, !self.unsorted_input);
        self.best_of_touched(&f.terms, 1.0, (day, day), Some(&f.event))
    }

    /// Ranks the stories that share a heavy term with `self.query` (consumed) into
    /// `self.touched`, keeping the best `max_candidates`. `skip` is left out, and so are
    /// stories merged away.
    fn gather(&mut self, postings: &FxHashMap<u32, Vec<u32>>, skip: Option<u32>) {
        top_by_weight(&mut self.query, self.cfg.query_terms);
        self.acc.clear();
        self.touched.clear();
        // Find every posting list before scanning any, so that the hash-table and list
        // cache misses of the query terms overlap (as in `best_of_touched`).
        let mut lists: [&[u32]; 16] = [&[]; 16];
        let mut warm = 0u32;
        for chunk in self.query.chunks(lists.len()) {
            for (slot, &(t, _)) in lists.iter_mut().zip(chunk) {
                *slot = postings.get(&t).map_or(&[], |l| l.as_slice());
                warm ^= slot.first().copied().unwrap_or(0);
            }
            std::hint::black_box(warm);
            for (&list, &(_, w)) in lists.iter().zip(chunk) {
                for &s in list {
                    // Only open stories are posted (closing and merging unpost them), so a
                    // posted story always has members: checking that here read a 96-byte
                    // `StoryState` per posting, a cache miss each once the index outgrows
                    // the caches (41% of this function's time on the never-closing stream).
                    debug_assert!(!self.stories[s as usize].members.is_empty());
                    if Some(s) == skip {
                        continue;
                    }
                    self.acc.add(s, w);
                }
            }
        }
        self.rank_touched();
    }

    /// The best `max_candidates` of the stories met by [`Self::gather`] into `self.touched`.
    fn rank_touched(&mut self) {
        let cands = &self.acc.cands;
        if cands.len() > self.cfg.max_candidates {
            // Ranked through positions in `cands` (first-touch order), with the comparisons
            // the per-story ranking made before: the same permutation, the same candidates
            // in the same order.
            let by_acc = |a: &u32, b: &u32| {
                let (a, b) = (cands[*a as usize], cands[*b as usize]);
                b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
            };
            let k = self.cfg.max_candidates.max(1);
            self.ranked.clear();
            self.ranked.extend(0..cands.len() as u32);
            self.ranked.select_nth_unstable_by(k - 1, by_acc);
            self.touched
                .extend(self.ranked[..k].iter().map(|&i| cands[i as usize].0));
        } else {
            self.touched.extend(cands.iter().map(|c| c.0));
        }
    }

    /// The best of `self.touched` for a vector with norm `norm`, date range `range` and event
    /// signature `event`. A candidate whose signature contrasts with `event` (another stage,
    /// another city: [`EventSig::contrasts`]) cannot be the best, but its score still counts
    /// as the runner-up's, so that it keeps the margin rule from joining a weaker match.
    /// `self.probe` must hold `terms` ([`Probe::build`]).
    fn best_of_touched(
        &self,
        terms: &[(u32, f32)],
        norm: f32,
        range: (i32, i32),
        event: Option<&EventSig>,
    ) -> Option<Match> {
        let mut best: Option<Match> = None;
        let mut blocked = 0.0f32;
        // Read the start of every candidate's vector first: these loads do not depend on
        // each other, so their cache misses overlap instead of each stalling its own dot
        // product (the candidates are scattered over the whole index).
        let warm = self.touched.iter().fold(0u32, |x, &s| {
            x ^ self.centroid_of(s).first().map_or(0, |t| t.0)
        });
        std::hint::black_box(warm);
        for &s in &self.touched {
            let st = &self.stories[s as usize];
            let (dot, names) = self.probe.dot(terms, self.centroid_of(s));
            let denom = (norm * st.norm).max(f32::MIN_POSITIVE);
            let cosine = dot / denom;
            let decay = self.decay(gap(range, st.range()));
            let m = Match {
                story: StoryId(s),
                cosine,
                names: names / denom,
                decay,
                score: cosine * decay,
                runner_up: 0.0,
            };
            if let (Some(a), Some(b)) = (event, st.event.as_deref()) {
                if a.contrasts(b) {
                    blocked = blocked.max(m.score);
                    continue;
                }
            }
            match &mut best {
                None => best = Some(m),
                Some(b) if m.score > b.score || (m.score == b.score && m.story < b.story) => {
                    let second = b.score;
                    *b = m;
                    b.runner_up = second;
                }
                Some(b) => b.runner_up = b.runner_up.max(m.score),
            }
        }
        if let Some(b) = &mut best {
            b.runner_up = b.runner_up.max(blocked);
        }
        best
    }

    fn decay(&self, gap: Option<i32>) -> f32 {
        let Some(gap) = gap else {
            return 1.0;
        };
        let over = gap.saturating_sub(self.cfg.grace_days).max(0) as f32;
        0.5f32.powf(over / self.cfg.half_life_days.max(1e-3))
    }

    fn open_story(&mut self) -> u32 {
        let s = self.stories.len() as u32;
        self.stories.push(StoryState {
            first: NO_DAY,
            last: NO_DAY,
            open: true,
            ..StoryState::default()
        });
        self.open.push(s);
        s
    }

    /// `centroid(s) += terms` (both sorted by term id), pruned back to `centroid_terms`
    /// when it has grown past twice that.
    fn grow_centroid(&mut self, s: u32, terms: &[(u32, f32)]) {
        let st = &mut self.stories[s as usize];
        self.merged.clear();
        let a = &st.centroid;
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < terms.len() {
            if j == terms.len() || (i < a.len() && a[i].0 < terms[j].0) {
                self.merged.push(a[i]);
                i += 1;
            } else if i == a.len() || terms[j].0 < a[i].0 {
                self.merged.push(terms[j]);
                j += 1;
            } else {
                self.merged.push((a[i].0, a[i].1 + terms[j].1));
                i += 1;
                j += 1;
            }
        }
        std::mem::swap(&mut st.centroid, &mut self.merged);
        if st.centroid.len() > 2 * self.cfg.centroid_terms {
            top_by_weight(&mut st.centroid, self.cfg.centroid_terms);
            st.centroid.sort_unstable_by_key(|&(t, _)| t);
        }
        st.norm = norm(&st.centroid);
    }

    /// The centroid of story `s`: its own, or its single article's vector.
    fn centroid_of(&self, s: u32) -> &[(u32, f32)] {
        let st = &self.stories[s as usize];
        match st.members.as_slice() {
            [only] if st.centroid.is_empty() => &self.docs[*only as usize].terms,
            _ => &st.centroid,
        }
    }

    /// Gives a single-article story a centroid of its own (a copy of the article's vector),
    /// before the story grows.
    fn materialize(&mut self, s: u32) {
        let st = &self.stories[s as usize];
        if let [only] = st.members.as_slice() {
            if st.centroid.is_empty() {
                let terms = self.docs[*only as usize].terms.to_vec();
                self.stories[s as usize].centroid = terms;
            }
        }
    }

    /// The `story_terms` heaviest centroid terms of `s` into `self.top`, heaviest first.
    fn top_terms(&mut self, s: u32) {
        self.top.clear();
        let centroid: &[(u32, f32)] = {
            let st = &self.stories[s as usize];
            match st.members.as_slice() {
                [only] if st.centroid.is_empty() => &self.docs[*only as usize].terms,
                _ => &st.centroid,
            }
        };
        self.top.extend_from_slice(centroid);
        top_by_weight(&mut self.top, self.cfg.story_terms);
        self.top
            .sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    }

    /// Posts an open story under its heaviest centroid terms it is not yet posted under.
    fn post(&mut self, s: u32) {
        self.top_terms(s);
        let cap = self.cfg.posting_cap.max(1);
        let st = &mut self.stories[s as usize];
        for &(t, _) in &self.top {
            if st.posted.contains(&t) {
                continue;
            }
            st.posted.push(t);
            let list = self.postings.entry(t).or_default();
            if list.len() >= cap {
                list.remove(0);
            }
            list.push(s);
        }
    }

    /// Takes a story out of the inverted index.
    fn unpost(&mut self, s: u32) {
        for t in std::mem::take(&mut self.stories[s as usize].posted) {
            if let Some(list) = self.postings.get_mut(&t) {
                list.retain(|&x| x != s);
                if list.is_empty() {
                    self.postings.remove(&t);
                }
            }
        }
    }

    /// Closes every open story whose last article is more than `quiet_days` before `today`
    /// (a day number, as in [`Features::day`]). Undated stories never close.
    pub fn close_quiet(&mut self, today: i32) {
        let mut k = 0;
        while k < self.open.len() {
            let s = self.open[k];
            let st = &self.stories[s as usize];
            if st.members.is_empty() {
                self.open.swap_remove(k);
            } else if st.last != NO_DAY && today.saturating_sub(st.last) > self.cfg.quiet_days {
                self.open.swap_remove(k);
                self.unpost(s);
                // A closed story never grows or merges again: keep only its representative.
                let central = self.central(s);
                let st = &mut self.stories[s as usize];
                st.open = false;
                st.central = Some(central);
                st.centroid = Vec::new();
                st.event = None;
            } else {
                k += 1;
            }
        }
    }

    /// Merges each open story that gained articles since the last call into the best
    /// matching other open story, when their centroids match under the joining rule with
    /// `merge_threshold` (the newer story goes into the older), until none does. Returns how
    /// many merges happened. [`Self::add`] calls it whenever the date advances, and batch mode
    /// once more at the end, so the cost is one index lookup per story per day it changes.
    pub fn merge_similar(&mut self) -> usize {
        let mut dirty = std::mem::take(&mut self.dirty);
        dirty.sort_unstable();
        let mut merges = 0;
        let mut k = 0;
        while k < dirty.len() {
            let s = dirty[k];
            k += 1;
            let st = &mut self.stories[s as usize];
            st.dirty = false;
            if st.members.is_empty() || !st.open {
                continue;
            }
            let (norm, range) = (st.norm, st.range());
            self.query.clear();
            let inv = 1.0 / norm.max(1e-12);
            let mut query = std::mem::take(&mut self.query);
            let names = any_name(self.centroid_of(s));
            query.extend(self.centroid_of(s).iter().map(|&(t, w)| (t, w * inv)));
            self.query = query;
            let postings = std::mem::take(&mut self.postings);
            self.gather(&postings, Some(s));
            self.postings = postings;
            // `s` is not among the candidates (`gather` skips it), so its vector can be
            // lent out while the others are compared with it.
            let single = match self.stories[s as usize].members.as_slice() {
                [only] if self.stories[s as usize].centroid.is_empty() => Some(*only),
                _ => None,
            };
            let centroid = match single {
                Some(d) => std::mem::take(&mut self.docs[d as usize].terms).into_vec(),
                None => std::mem::take(&mut self.stories[s as usize].centroid),
            };
            self.probe.build(&centroid, !self.unsorted_input);
            let event = self.stories[s as usize].event.take();
            let best = self.best_of_touched(&centroid, norm, range, event.as_deref());
            self.stories[s as usize].event = event;
            match single {
                Some(d) => self.docs[d as usize].terms = centroid.into_boxed_slice(),
                None => self.stories[s as usize].centroid = centroid,
            }
            if let Some(m) = best {
                if self.accepts(&m, names, self.cfg.merge_threshold) {
                    let (keep, gone) = (s.min(m.story.0), s.max(m.story.0));
                    self.absorb(keep, gone);
                    merges += 1;
                    // The merged story may now match another one.
                    self.stories[keep as usize].dirty = true;
                    dirty.push(keep);
                }
            }
        }
        merges
    }

    /// Moves every article of `gone` into `keep` (both open).
    fn absorb(&mut self, keep: u32, gone: u32) {
        self.unpost(gone);
        self.materialize(gone);
        self.materialize(keep);
        let g = std::mem::take(&mut self.stories[gone as usize]);
        for &d in &g.members {
            self.docs[d as usize].story = keep;
        }
        self.grow_centroid(keep, &g.centroid);
        let k = &mut self.stories[keep as usize];
        if let Some(e) = g.event {
            match &mut k.event {
                Some(mine) => mine.absorb(&e),
                None => k.event = Some(e),
            }
        }
        let mut members = std::mem::take(&mut k.members);
        members.extend_from_slice(&g.members);
        members.sort_unstable();
        k.members = members;
        if k.first == NO_DAY {
            (k.first, k.last) = (g.first, g.last);
        } else if g.first != NO_DAY {
            k.first = k.first.min(g.first);
            k.last = k.last.max(g.last);
        }
        // `gone` stays in `self.open` until the next `close_quiet` sweeps it out.
        self.stories[gone as usize].first = NO_DAY;
        self.post(keep);
    }

    /// The member closest to the centroid, preferring members with a headline; ties go to the
    /// earliest.
    fn central(&self, s: u32) -> u32 {
        let st = &self.stories[s as usize];
        if let Some(c) = st.central {
            return c;
        }
        let centroid = self.centroid_of(s);
        let mut best = (false, f32::NEG_INFINITY, st.members[0]);
        for &d in &st.members {
            let doc = &self.docs[d as usize];
            let key = (doc.title.is_some(), dot(&doc.terms, centroid).0);
            if key.0 && !best.0 || key.0 == best.0 && key.1 > best.1 {
                best = (key.0, key.1, d);
            }
        }
        best.2
    }

    /// The story of the `k`-th article added.
    pub fn story_of(&self, k: usize) -> Option<StoryId> {
        self.docs.get(k).map(|d| StoryId(d.story))
    }

    /// Every story (open and closed), largest first, ties by id. A story's id is the id of
    /// its earliest article, its articles are in arrival order, its title is the headline of
    /// its most central article.
    pub fn stories(&self) -> Vec<Story> {
        self.stories_titled(|_| None)
    }

    /// [`Self::stories`], with `untitled(k)` giving the title of a story none of whose
    /// articles has a headline; `k` is the arrival index (as in [`Self::story_of`]) of the
    /// story's most central article. The clusterer keeps no text, so the caller, who has it,
    /// writes the title (batch mode: the lead sentence, see [`super::lead_headline`]).
    pub fn stories_titled(&self, untitled: impl Fn(usize) -> Option<String>) -> Vec<Story> {
        let mut out: Vec<Story> = (0..self.stories.len() as u32)
            .filter(|&s| !self.stories[s as usize].members.is_empty())
            .map(|s| {
                let st = &self.stories[s as usize];
                let day = |d: i32| (d != NO_DAY).then(|| day_string(d)).flatten();
                let central = self.central(s);
                Story {
                    id: self.docs[st.members[0] as usize].id.to_string(),
                    title: match self.docs[central as usize].title.as_deref() {
                        Some(t) => Some(t.to_string()),
                        None => untitled(central as usize),
                    },
                    articles: st
                        .members
                        .iter()
                        .map(|&d| self.docs[d as usize].id.to_string())
                        .collect(),
                    first: day(st.first),
                    last: day(st.last),
                }
            })
            .collect();
        out.sort_by(|a, b| {
            b.articles
                .len()
                .cmp(&a.articles.len())
                .then_with(|| a.id.cmp(&b.id))
        });
        out
    }

    /// Heap bytes held, counted from the capacities of every buffer (hash tables as
    /// `capacity · (key + value + 1 control byte)`). The benchmark checks it against RSS.
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let docs = self.docs.capacity() * size_of::<Doc>()
            + self
                .docs
                .iter()
                .map(|d| {
                    d.id.len()
                        + d.title.as_ref().map_or(0, |t| t.len())
                        + d.terms.len() * size_of::<(u32, f32)>()
                })
                .sum::<usize>();
        let stories = self.stories.capacity() * size_of::<StoryState>()
            + self
                .stories
                .iter()
                .map(|s| {
                    s.centroid.capacity() * size_of::<(u32, f32)>()
                        + s.members.capacity() * 4
                        + s.posted.capacity() * 4
                })
                .sum::<usize>();
        let postings = self.postings.capacity() * (size_of::<(u32, Vec<u32>)>() + 1)
            + self
                .postings
                .values()
                .map(|l| l.capacity() * 4)
                .sum::<usize>();
        let scratch = self.acc.heap_bytes()
            + self.ranked.capacity() * 4
            + (self.open.capacity() + self.dirty.capacity()) * 4
            + self.touched.capacity() * 4
            + 8 * (self.query.capacity() + self.merged.capacity() + self.top.capacity());
        docs + stories + postings + scratch
    }
}

/// Euclidean norm of a sparse vector.
fn norm(terms: &[(u32, f32)]) -> f32 {
    terms.iter().map(|&(_, w)| w * w).sum::<f32>().sqrt()
}

/// Dot product of two id-sorted sparse vectors, and the part of it on name features.
///
/// Branch-free merge join: the cursors advance by comparison results and every step adds
/// `product · [ids equal]`. The ids are effectively random, so a branchy join mispredicts at
/// almost every step; this was the hottest loop of the benchmark (measured: ~2x faster).
fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> (f32, f32) {
    let (mut i, mut j) = (0, 0);
    let (mut all, mut names) = (0.0f32, 0.0f32);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        let equal = f32::from(u8::from(x.0 == y.0));
        let p = equal * x.1 * y.1;
        all += p;
        names += p * f32::from(u8::from(x.0 & NAME_BIT != 0));
        i += usize::from(x.0 <= y.0);
        j += usize::from(y.0 <= x.0);
    }
    (all, names)
}

/// Query weight summed per story, for [`Clusterer::gather`]: an open-addressing table from
/// story to its place in `cands`, which lists the stories in order of first touch.
///
/// Why not a per-story array (as before): with hundreds of thousands of open stories that
/// array outgrows the caches, and each of the up to `query_terms · posting_cap` postings of
/// a lookup was a cache miss; this table has room for about that many stories and stays
/// in L1. Sums are made in the same order (query term by query term), so they are equal.
#[derive(Debug, Default)]
struct Accumulator {
    /// (story, position in `cands`); `EMPTY` marks a free slot.
    slots: Vec<(u32, u32)>,
    /// (story, summed weight), in order of first touch.
    cands: Vec<(u32, f32)>,
    /// Slot of each entry of `cands`, to free them in [`Accumulator::clear`].
    used: Vec<u32>,
}

impl Accumulator {
    /// Starting size: holds a lookup with the default settings (12 terms · 64 postings) at
    /// under half load.
    const START: usize = 2048;

    /// Home slot of story `s` in a table of `size` slots: the high bits of a Fibonacci hash,
    /// scaled to the size.
    fn home(s: u32, size: usize) -> usize {
        ((u64::from(s.wrapping_mul(0x9E37_79B9)) * size as u64) >> 32) as usize
    }

    fn clear(&mut self) {
        for &h in &self.used {
            self.slots[h as usize] = (EMPTY, 0);
        }
        self.cands.clear();
        self.used.clear();
    }

    /// Adds `w` to the sum of story `s` (`s` is not `EMPTY`: story ids count stories).
    fn add(&mut self, s: u32, w: f32) {
        if 2 * (self.cands.len() + 1) > self.slots.len() {
            self.grow();
        }
        debug_assert_ne!(s, EMPTY);
        let mask = self.slots.len() - 1;
        let mut h = Self::home(s, self.slots.len());
        loop {
            let (story, at) = self.slots[h];
            if story == s {
                self.cands[at as usize].1 += w;
                return;
            }
            if story == EMPTY {
                self.slots[h] = (s, self.cands.len() as u32);
                // `0.0 + w`, as the per-story sums started: same value, same sign of zero.
                self.cands.push((s, 0.0 + w));
                self.used.push(h as u32);
                return;
            }
            h = (h + 1) & mask;
        }
    }

    /// Doubles the table (or sets it up) and re-inserts the entries.
    fn grow(&mut self) {
        let size = (2 * self.slots.len()).max(Self::START);
        self.slots.clear();
        self.slots.resize(size, (EMPTY, 0));
        self.used.clear();
        let mask = size - 1;
        for (k, &(s, _)) in self.cands.iter().enumerate() {
            let mut h = Self::home(s, size);
            while self.slots[h].0 != EMPTY {
                h = (h + 1) & mask;
            }
            self.slots[h] = (s, k as u32);
            self.used.push(h as u32);
        }
    }

    fn heap_bytes(&self) -> usize {
        8 * (self.slots.capacity() + self.cands.capacity()) + 4 * self.used.capacity()
    }
}

/// Marks an empty [`Probe`] slot. A vector holding this id as a term is compared by the
/// merge join instead.
const EMPTY: u32 = u32::MAX;
/// Longest probe sequence a [`Probe`] accepts; a table that needs more falls back to the
/// merge join (at a quarter load this takes a very unlucky vector).
const MAX_REACH: usize = 8;

/// One sparse vector as an open-addressing hash table (linear probing, at most a quarter
/// full), for [`dot`] against many others: each candidate centroid is compared with the
/// article in [`Clusterer::best_of_touched`].
///
/// Why: the merge join in [`dot`] is a chain of dependent loads (the next step needs the
/// comparison of this one), ~7 cycles per step over `|a| + |b|` steps, and it was the hottest
/// loop once the index lookups got cheaper. A lookup here is independent of the previous
/// one, and it reads every slot up to the table's longest probe sequence (`reach`) and
/// selects the weight without branching, so there is no misprediction either.
///
/// Same result as [`dot`], bit for bit: it visits `b` in id order and adds the same products
/// (`a_w · b_w` for a shared id, a zero otherwise) in the same order. This holds when both
/// vectors are sorted by strictly increasing id, as [`Features::terms`] and the centroids
/// are; for anything else the caller passes `exact = false` and gets the merge join.
#[derive(Debug, Default)]
struct Probe {
    slots: Vec<(u32, f32)>,
    shift: u32,
    /// Slots a lookup reads past its home slot.
    reach: usize,
    /// The table holds the vector (otherwise [`Probe::dot`] uses the merge join).
    ready: bool,
}

impl Probe {
    fn home(&self, t: u32) -> usize {
        // Fibonacci hashing: stem ids are consecutive, names differ in the high bits.
        (t.wrapping_mul(0x9E37_79B9) >> self.shift) as usize
    }

    /// Loads `a`. With `exact = false`, or when `a` is not strictly increasing by id or holds
    /// [`EMPTY`], the table is left unused.
    fn build(&mut self, a: &[(u32, f32)], exact: bool) {
        self.ready = false;
        if !exact || a.iter().any(|&(t, _)| t == EMPTY) || !a.windows(2).all(|w| w[0].0 < w[1].0) {
            return;
        }
        let bits = (4 * a.len()).max(16).next_power_of_two().trailing_zeros();
        self.shift = 32 - bits;
        self.slots.clear();
        // No wrap-around: the last home slot is followed by `MAX_REACH` spare slots.
        self.slots.resize((1 << bits) + MAX_REACH, (EMPTY, 0.0));
        self.reach = 0;
        for &(t, w) in a {
            let home = self.home(t);
            let Some(free) = self.slots[home..=home + MAX_REACH]
                .iter()
                .position(|s| s.0 == EMPTY)
            else {
                return;
            };
            self.slots[home + free] = (t, w);
            self.reach = self.reach.max(free);
        }
        self.ready = true;
    }

    /// [`dot`]`(a, b)`, where `a` is the vector last passed to [`Probe::build`].
    fn dot(&self, a: &[(u32, f32)], b: &[(u32, f32)]) -> (f32, f32) {
        if !self.ready {
            return dot(a, b);
        }
        let (mut all, mut names) = (0.0f32, 0.0f32);
        for &(t, y) in b {
            let home = self.home(t);
            let mut x = 0.0f32;
            for s in &self.slots[home..=home + self.reach] {
                x = if s.0 == t { s.1 } else { x };
            }
            let p = x * y;
            all += p;
            names += p * f32::from(u8::from(t & NAME_BIT != 0));
        }
        (all, names)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(day: Option<i32>, terms: &[(u32, f32)]) -> Features {
        let norm = terms.iter().map(|t| t.1 * t.1).sum::<f32>().sqrt();
        let mut terms: Vec<_> = terms.iter().map(|&(t, w)| (t, w / norm)).collect();
        terms.sort_by_key(|t| t.0);
        Features {
            day,
            terms,
            ..Features::default()
        }
    }

    const N: u32 = NAME_BIT;

    #[test]
    fn joins_similar_opens_dissimilar_and_closes_quiet_stories() {
        let mut c = Clusterer::new(Config::default());
        let a = c.add(
            "a",
            Some("A"),
            &f(Some(100), &[(1, 1.0), (2, 1.0), (3, 1.0), (N | 7, 1.0)]),
        );
        let b = c.add(
            "b",
            None,
            &f(Some(100), &[(1, 1.0), (2, 1.0), (3, 0.8), (N | 7, 1.0)]),
        );
        assert_eq!(a, b);
        let other = c.add("c", None, &f(Some(101), &[(10, 1.0), (11, 1.0)]));
        assert_ne!(a, other);
        assert_eq!(c.open_count(), 2);
        // Long after: the first stories close; the same words now open a new story.
        let late = c.add(
            "d",
            None,
            &f(Some(200), &[(1, 1.0), (2, 1.0), (3, 1.0), (N | 7, 1.0)]),
        );
        assert_ne!(late, a);
        assert_eq!(c.open_count(), 1);
        assert!(c.postings.values().all(|l| l == &[late.0]));
        let stories = c.stories();
        assert_eq!(stories[0].articles, ["a", "b"]);
        assert_eq!(stories[0].title.as_deref(), Some("A"));
        assert_eq!(stories[0].first, day_string(100));
        assert_eq!(stories.len(), 3);
    }

    #[test]
    fn topic_words_without_shared_names_do_not_join() {
        let mut c = Clusterer::new(Config::default());
        // Same topic terms (1..4), different names: two different events.
        let a = c.add(
            "a",
            None,
            &f(Some(0), &[(1, 1.0), (2, 1.0), (3, 1.0), (N | 8, 2.0)]),
        );
        let m = c
            .best_match(&f(Some(0), &[(1, 1.0), (2, 1.0), (3, 1.0), (N | 9, 2.0)]))
            .unwrap();
        assert!(m.cosine > 0.4 && m.names == 0.0, "{m:?}");
        let b = c.add(
            "b",
            None,
            &f(Some(0), &[(1, 1.0), (2, 1.0), (3, 1.0), (N | 9, 2.0)]),
        );
        assert_ne!(a, b);
    }

    #[test]
    fn a_weak_match_joins_only_when_it_stands_out() {
        let cfg = Config::default();
        // Cosine 0.27 to the story: below `threshold`, above `margin_threshold`.
        let story = [
            (1, 1.0),
            (2, 1.0),
            (3, 1.0),
            (4, 1.0),
            (6, 1.0),
            (N | 5, 1.0),
        ];
        let weak = [
            (1, 1.0),
            (N | 5, 1.0),
            (50, 1.0),
            (51, 1.0),
            (52, 1.0),
            (53, 1.0),
            (54, 1.0),
            (55, 1.0),
            (56, 1.0),
        ];
        let mut c = Clusterer::new(cfg.clone());
        let a = c.add("a", None, &f(Some(0), &story));
        let m = c.best_match(&f(Some(0), &weak)).unwrap();
        assert!(
            m.score < cfg.threshold && m.score >= cfg.margin_threshold,
            "{m:?}"
        );
        assert_eq!(c.add("w", None, &f(Some(0), &weak)), a);
        // A second story that matches the article about as well: ambiguous, so it opens its own.
        let mut c = Clusterer::new(cfg);
        let a = c.add("a", None, &f(Some(0), &story));
        let b = c.add(
            "b",
            None,
            &f(
                Some(0),
                &[
                    (50, 1.0),
                    (51, 1.0),
                    (60, 1.0),
                    (61, 1.0),
                    (62, 1.0),
                    (N | 63, 1.0),
                ],
            ),
        );
        assert_ne!(a, b);
        let w = c.add("w", None, &f(Some(0), &weak));
        assert!(w != a && w != b);
    }

    #[test]
    fn time_decay_separates_distant_articles() {
        let cfg = Config::default();
        let mut c = Clusterer::new(cfg.clone());
        let terms = [(1, 1.0), (2, 1.0), (N | 3, 1.0)];
        c.add("a", None, &f(Some(0), &terms));
        let near = c.best_match(&f(Some(1), &terms)).unwrap();
        let far = c.best_match(&f(Some(cfg.quiet_days), &terms)).unwrap();
        assert_eq!(near.decay, 1.0);
        assert!(far.decay < 0.5, "{far:?}");
    }

    #[test]
    fn a_single_article_story_shares_its_vector_until_it_grows() {
        let mut c = Clusterer::new(Config::default());
        let terms = [(1, 1.0), (2, 1.0), (N | 3, 1.0)];
        let a = c.add("a", None, &f(Some(0), &terms));
        assert!(c.stories[a.0 as usize].centroid.is_empty());
        assert_eq!(c.centroid_of(a.0), &*c.docs[0].terms);
        let b = c.add("b", None, &f(Some(0), &[(1, 1.0), (2, 0.9), (N | 3, 1.0)]));
        assert_eq!(a, b);
        // Grown: its own centroid, the sum of both vectors.
        let centroid = &c.stories[a.0 as usize].centroid;
        assert_eq!(centroid.len(), 3);
        let sum = c.docs[0].terms[0].1 + c.docs[1].terms[0].1;
        assert!((centroid[0].1 - sum).abs() < 1e-6);
        // Two singletons merged keep both articles' weights.
        let mut c = Clusterer::new(Config::default());
        let x = c.add("x", None, &f(Some(0), &terms));
        let y = c.open_story();
        c.stories[y as usize].members.push(c.docs.len() as u32);
        c.docs.push(Doc {
            id: "y".into(),
            title: None,
            story: y,
            terms: f(Some(0), &terms).terms.into_boxed_slice(),
        });
        c.absorb(x.0, y);
        assert_eq!(c.stories[x.0 as usize].members, [0, 1]);
        let w = c.docs[0].terms[0].1;
        assert!((c.stories[x.0 as usize].centroid[0].1 - 2.0 * w).abs() < 1e-6);
    }

    /// Sparse vectors sorted by id: ids from a small range (so that two vectors share many),
    /// some with `NAME_BIT`.
    fn sparse() -> impl proptest::strategy::Strategy<Value = Vec<(u32, f32)>> {
        use proptest::prelude::*;
        proptest::collection::btree_map(
            (0u32..600, any::<bool>()).prop_map(|(t, name)| if name { t | N } else { t }),
            0.001f32..2.0,
            0..300,
        )
        .prop_map(|m| m.into_iter().collect())
    }

    proptest::proptest! {
        /// The hash-table dot product gives exactly (bit for bit) what the merge join gives:
        /// anything else could change which story an article joins.
        #[test]
        fn probe_dot_equals_the_merge_join(a in sparse(), b in sparse()) {
            let mut probe = Probe::default();
            probe.build(&a, true);
            proptest::prop_assert!(probe.ready || a.is_empty());
            let (x, y) = (probe.dot(&a, &b), dot(&a, &b));
            proptest::prop_assert_eq!((x.0.to_bits(), x.1.to_bits()), (y.0.to_bits(), y.1.to_bits()));
        }
    }

    #[test]
    fn probe_falls_back_on_unsorted_or_reserved_ids() {
        let mut probe = Probe::default();
        let unsorted = [(5, 1.0), (3, 1.0), (5, 2.0)];
        probe.build(&unsorted, true);
        assert!(!probe.ready);
        let b = [(3, 1.0), (5, 1.0)];
        assert_eq!(probe.dot(&unsorted, &b), dot(&unsorted, &b));
        probe.build(&[(1, 1.0), (EMPTY, 1.0)], true);
        assert!(!probe.ready);
        probe.build(&[(1, 1.0)], false);
        assert!(!probe.ready);
    }

    #[test]
    fn accumulator_sums_per_story_in_first_touch_order_and_grows() {
        let mut acc = Accumulator::default();
        // More stories than the starting table holds at half load: it has to grow.
        let stories: Vec<u32> = (0..3000u32)
            .map(|k| k.wrapping_mul(7919) % 100_000)
            .collect();
        for round in 0..3 {
            for &s in &stories {
                acc.add(s, 0.5 + round as f32);
            }
        }
        let mut seen = std::collections::HashSet::new();
        let first_touch: Vec<u32> = stories
            .iter()
            .copied()
            .filter(|s| seen.insert(*s))
            .collect();
        assert_eq!(
            acc.cands.iter().map(|c| c.0).collect::<Vec<_>>(),
            first_touch
        );
        let times = |s: u32| stories.iter().filter(|&&x| x == s).count() as f32;
        assert!(acc.cands.iter().all(|&(s, w)| w == times(s) * 4.5));
        acc.clear();
        assert!(acc.cands.is_empty() && acc.slots.iter().all(|s| s.0 == EMPTY));
        acc.add(5, 1.0);
        assert_eq!(acc.cands, [(5, 1.0)]);
    }

    #[test]
    fn posting_lists_are_capped() {
        let cfg = Config {
            posting_cap: 4,
            ..Config::default()
        };
        let mut c = Clusterer::new(cfg);
        for k in 0..10u32 {
            // Each story shares term 1 but is otherwise distinct.
            c.add(
                &k.to_string(),
                None,
                &f(None, &[(1, 0.1), (100 + k, 1.0), (N | (200 + k), 1.0)]),
            );
        }
        assert_eq!(c.story_count(), 10);
        assert_eq!(c.postings[&1], [6, 7, 8, 9]);
        assert!(c.heap_bytes() > 0);
    }
}
