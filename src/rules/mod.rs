//! Rule layers after the gazetteer pass: names no list holds, references back to earlier
//! names, and context that decides between readings.
//!
//! Each layer can be switched off on its own ([`Layers`], `--without LAYER`), so each can be
//! measured with `navne eval`:
//!
//! | layer | `method` | what it adds |
//! |---|---|---|
//! | `person-patterns` | `pattern` | a known first name followed by capitalised names (`Susan Mackensie`); a frequent surname or a first name's genitive alone (`Krarup`, `Camillas`) |
//! | `title-patterns` | `pattern` | a name after a title or role (`statsminister Poul Schlüter`) or a speech verb (`siger Trangeled`) |
//! | `org-patterns` | `pattern` | capitalised names with an organisational head (`Danske Fabrikshaller A/S`), an adjective of origin first (`Dansk Energigruppe`), or names joined by `&` (`Brüel & Kjær`) |
//! | `place-patterns` | `pattern` | capitalised names with a place head (`Lyngby Stadion`, `Speditørvej`); a word no list knows after `i` (`i Altaussee`) |
//! | `aliases` | `alias` | later surnames of a person, abbreviations of an organisation, in one document |
//! | `context` | `gazetteer` | a form under several labels takes the one its context supports; an ambiguous form at a sentence start counts when a capitalised name follows |
//! | `consistency` | `gazetteer` | a form tagged mid-sentence is tagged again at a later sentence start |
//! | `handles` | `gazetteer`, `pattern` | `@handles` and `#hashtags` that spell a listed name or a person's name (`@FCKobenhavn`, `@RasmusJarlov`, `#danmark`) |
//! | `lowercase` | `gazetteer`, `pattern` | in text written in lowercase, listed names and first name + surname in lowercase (`odense`, `ida jensen`) |

mod alias;
mod ballot;
mod context;
mod facts;
mod heads;
mod informal;
mod institution;
mod person;

use std::cell::Cell;
use std::fmt;
use std::str::FromStr;

use crate::label::Label;
use crate::lexicon::{FirstName, Heads, Lexicon};
use crate::matcher::{Candidate, Matcher};
use crate::mention::Mention;
use crate::text::{is_sentence_start, CharCounter};
use crate::tokens::{
    is_word_start, next_token, prev_token, shape_of, shaped_token_from, space_between,
    strip_genitive, title_case, token_start, Shape, Token,
};
use facts::{Facts, Trait};

/// One switchable rule layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layer {
    /// First name + capitalised names.
    PersonPatterns,
    /// Title, role or speech verb + capitalised names.
    TitlePatterns,
    /// Capitalised names with an organisational head.
    OrgPatterns,
    /// Capitalised names with a place head.
    PlacePatterns,
    /// In-document surnames and abbreviations.
    Aliases,
    /// Labels and ambiguous forms decided by neighbouring words.
    Context,
    /// Forms tagged mid-sentence are tagged at later sentence starts too.
    Consistency,
    /// `@handles` and `#hashtags` that spell a name.
    Handles,
    /// Names in lowercase in informal text (`--case strict` switches it off).
    Lowercase,
}

impl Layer {
    /// Every layer, in the order they run.
    pub const ALL: [Layer; 9] = [
        Layer::PersonPatterns,
        Layer::TitlePatterns,
        Layer::OrgPatterns,
        Layer::PlacePatterns,
        Layer::Context,
        Layer::Consistency,
        Layer::Aliases,
        Layer::Handles,
        Layer::Lowercase,
    ];

    /// The layer's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Layer::PersonPatterns => "person-patterns",
            Layer::TitlePatterns => "title-patterns",
            Layer::OrgPatterns => "org-patterns",
            Layer::PlacePatterns => "place-patterns",
            Layer::Aliases => "aliases",
            Layer::Context => "context",
            Layer::Consistency => "consistency",
            Layer::Handles => "handles",
            Layer::Lowercase => "lowercase",
        }
    }
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Layer {
    type Err = String;

    fn from_str(s: &str) -> Result<Layer, String> {
        Layer::ALL
            .into_iter()
            .find(|l| l.name() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Layer::ALL.iter().map(|l| l.name()).collect();
                format!("unknown layer {s:?} (one of {})", names.join(", "))
            })
    }
}

/// Which rule layers run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layers {
    on: [bool; Layer::ALL.len()],
}

impl Layers {
    /// Every layer on (the default).
    pub fn all() -> Layers {
        Layers {
            on: [true; Layer::ALL.len()],
        }
    }

    /// No layer: the gazetteer pass alone.
    pub fn none() -> Layers {
        Layers {
            on: [false; Layer::ALL.len()],
        }
    }

    /// These layers, with `layer` switched on or off.
    pub fn with(mut self, layer: Layer, on: bool) -> Layers {
        self.on[Self::index(layer)] = on;
        self
    }

    /// Whether `layer` runs.
    pub fn has(&self, layer: Layer) -> bool {
        self.on[Self::index(layer)]
    }

    fn index(layer: Layer) -> usize {
        Layer::ALL
            .iter()
            .position(|&l| l == layer)
            .expect("ALL lists every layer")
    }
}

impl Default for Layers {
    fn default() -> Layers {
        Layers::all()
    }
}

/// A mention found by a rule, with byte offsets only (code points are filled in at the end).
pub(crate) fn proposal(start: usize, end: usize, label: Label, method: crate::Method) -> Mention {
    Mention {
        start: 0,
        end: 0,
        byte_start: start,
        byte_end: end,
        label,
        entry: None,
        method,
        canonical: None,
    }
}

/// What every layer reads: the text, its tokens and the word lists.
pub(crate) struct Context<'a> {
    pub text: &'a str,
    pub body: usize,
    pub tokens: Vec<Token>,
    /// Indices of the tokens that start with a capital: where every pattern starts.
    pub capitalised: Vec<usize>,
    pub lexicon: &'a Lexicon,
    pub matcher: &'a Matcher,
    /// Per token, the [`Trait`]s worked out so far (see [`Facts::remember`]). Patterns ask
    /// about the same tokens many times.
    memo: Vec<Cell<u32>>,
    /// What this thread knows of token texts from earlier documents.
    facts: Facts,
    /// Per token, its shape.
    shapes: Vec<Shape>,
}

impl<'a> Context<'a> {
    /// The context of `tokens` of `text` with their `shapes`, `capitalised` indexing the
    /// capitalised ones; `memo` is any vector, refilled here (a buffer to reuse), and `facts`
    /// what the thread knows of token texts.
    #[allow(clippy::too_many_arguments)]
    fn new(
        text: &'a str,
        body: usize,
        tokens: Vec<Token>,
        shapes: Vec<Shape>,
        capitalised: Vec<usize>,
        (mut memo, mut facts): (Vec<Cell<u32>>, Facts),
        lexicon: &'a Lexicon,
        matcher: &'a Matcher,
    ) -> Context<'a> {
        debug_assert_eq!(tokens.len(), shapes.len());
        memo.clear();
        memo.resize(tokens.len(), Cell::new(0));
        facts.for_lexicon(lexicon.id());
        Context {
            text,
            body,
            tokens,
            capitalised,
            lexicon,
            matcher,
            memo,
            facts,
            shapes,
        }
    }

    /// Whether token `i` has `t`, worked out by `f` the first time it is asked.
    fn remember(&self, i: usize, t: Trait, f: impl FnOnce() -> bool) -> bool {
        self.facts.remember(&self.memo[i], || self.tok(i), t, f)
    }

    /// Whether token `i` is a title or role (`statsminister`, `direktør`).
    pub fn is_title(&self, i: usize) -> bool {
        self.remember(i, Trait::Title, || self.lexicon.is_title(self.tok(i)))
    }

    /// Whether token `i` is a verb that introduces a quote's speaker (`siger`, `sagde`).
    pub fn is_speech_verb(&self, i: usize) -> bool {
        self.remember(i, Trait::SpeechVerb, || {
            person::SPEECH_VERBS.contains(&self.tok(i))
        })
    }

    /// Whether token `i` (or the name of its genitive) is a surname borne by
    /// [`person::LONE_SURNAME_MIN`] people or more in Denmark and no word: one that may name a
    /// person alone.
    pub fn is_lone_surname(&self, i: usize) -> bool {
        self.remember(i, Trait::LoneSurname, || {
            self.lexicon
                .surname(strip_genitive(self.tok(i)))
                .is_some_and(|s| s.count >= person::LONE_SURNAME_MIN && !s.word)
        })
    }

    /// Whether token `i` is a frequent ordinary word ([`Lexicon::is_common_word`]).
    pub fn is_common_word(&self, i: usize) -> bool {
        self.remember(i, Trait::CommonWord, || {
            self.lexicon.is_common_word(self.tok(i))
        })
    }

    /// Whether token `i` is a listed first name, as written or, in capitals, in title case
    /// (`JENS`).
    pub fn may_be_first_name(&self, i: usize) -> bool {
        self.remember(i, Trait::FirstName, || self.first_name(i).is_some())
    }

    /// The listed first name token `i` is, as written or, in capitals, in title case.
    pub fn first_name(&self, i: usize) -> Option<FirstName> {
        let token = self.tok(i);
        self.lexicon.first_name(token).or_else(|| {
            let title_case = self.is_all_caps(i).then(|| title_case(token))?;
            self.lexicon.first_name(&title_case)
        })
    }

    /// The heads of names labelled `label`: organisations' for `ORG`, places' otherwise.
    pub fn heads(&self, label: Label) -> &'a Heads {
        match label {
            Label::Org => self.lexicon.org_heads(),
            _ => self.lexicon.place_heads(),
        }
    }

    /// Of a trait of organisations' heads and its twin of places' heads, the one of `label`,
    /// chosen as [`Context::heads`] chooses the heads.
    fn heads_trait(label: Label, (org, place): (Trait, Trait)) -> Trait {
        match label {
            Label::Org => org,
            _ => place,
        }
    }

    /// Whether the single token `i` is a name with a head of `label` by its ending
    /// ([`crate::lexicon::Heads::has_suffix`]).
    pub fn has_suffix(&self, i: usize, label: Label) -> bool {
        let t = Self::heads_trait(label, (Trait::OrgSuffix, Trait::PlaceSuffix));
        self.remember(i, t, || self.heads(label).has_suffix(self.tok(i)))
    }

    /// Whether token `i` starts a name with a head of `label` (`FC`).
    pub fn is_first(&self, i: usize, label: Label) -> bool {
        let t = Self::heads_trait(label, (Trait::OrgFirst, Trait::PlaceFirst));
        self.remember(i, t, || self.heads(label).is_first(self.tok(i)))
    }

    /// Whether token `i` starts with an uppercase letter.
    pub fn is_capitalised(&self, i: usize) -> bool {
        self.shapes[i].capitalised
    }

    /// Whether a capitalised token follows token `i` with only plain space between them.
    pub fn before_capitalised(&self, i: usize) -> bool {
        i + 1 < self.tokens.len()
            && space_between(self.text, self.tokens[i].end, self.tokens[i + 1].start)
            && self.is_capitalised(i + 1)
    }

    /// The word right before token `i`, separated from it by spaces only.
    pub fn word_before(&self, i: usize) -> Option<&'a str> {
        let prev = self.tokens.get(i.checked_sub(1)?)?;
        space_between(self.text, prev.end, self.tokens[i].start).then(|| prev.text(self.text))
    }

    /// Whether token `i` has two or more letters, all capitals.
    pub fn is_all_caps(&self, i: usize) -> bool {
        self.shapes[i].all_caps
    }

    /// Whether token `i` can be part of a name: capitalised, every hyphenated part too
    /// (`Thorning-Schmidt` yes, `Kosan-direktørerne` no), and not all capitals unless short
    /// (`IV` yes, `NATO` no).
    pub fn is_name_token(&self, i: usize) -> bool {
        let s = self.shapes[i];
        s.parts_capitalised && !s.long_all_caps
    }

    /// Whether token `i` is an initial or abbreviated name with its full stop: the `M.` of
    /// `Poul M. Jensen`, `Chr.`, `Th.`.
    pub fn is_initial(&self, i: usize) -> bool {
        self.shapes[i].short_capitalised
            && self.text.as_bytes().get(self.tokens[i].end) == Some(&b'.')
    }

    /// Whether token `i`, also in the genitive, is the last word of a name with a head of
    /// `label` (`Universitet`, `Landsforenings`, `Udviklingsbank`; `Stadion`, `-gade`).
    pub fn is_head(&self, i: usize, label: Label) -> bool {
        let t = Self::heads_trait(label, (Trait::OrgHead, Trait::PlaceHead));
        self.remember(i, t, || {
            let heads = self.heads(label);
            let token = self.tok(i);
            let base = strip_genitive(token);
            heads.is_last(token) || heads.is_last(base) || heads.has_suffix_in_lowercase(base)
        })
    }

    /// Whether token `i` as written is an organisation or place head (`Bryggerierne` is not,
    /// `Plads` is): then a name it is part of is not a person's.
    pub fn is_any_head(&self, i: usize) -> bool {
        self.remember(i, Trait::AnyHead, || {
            let t = self.tok(i);
            [self.lexicon.org_heads(), self.lexicon.place_heads()]
                .iter()
                .any(|h| h.is_last(t) || h.has_suffix_in_lowercase(t))
        })
    }

    /// Whether token `i` is a particle inside a person's name (`van`, `de`).
    pub fn is_particle(&self, i: usize) -> bool {
        is_particle(self.text, self.tokens[i])
    }

    /// Whether token `i` is a connector inside an organisation's name (`og`, `for`).
    pub fn is_connector(&self, i: usize) -> bool {
        is_connector(self.text, self.tokens[i])
    }

    /// Whether token `i` is a capitalised word that opens a sentence or clause and is never
    /// inside a name ([`CLAUSE_WORDS`]): a name ends before it.
    pub fn opens_clause(&self, i: usize) -> bool {
        let t = self.tokens[i];
        t.end - t.start <= MAX_CLAUSE_WORD_BYTES
            && self.shapes[i].capitalised
            && is_clause_word(t.text(self.text))
    }

    /// Whether token `i` opens a clause ([`Context::opens_clause`]) and is not one of the
    /// articles that also begin names ([`NAME_ARTICLES`]): no name starts with it.
    pub fn begins_no_name(&self, i: usize) -> bool {
        self.opens_clause(i) && !self.is_name_article(i)
    }

    /// Whether token `i` is an article that begins names (`Den` of `Den Blå Avis`).
    pub fn is_name_article(&self, i: usize) -> bool {
        NAME_ARTICLES.contains(&self.tok(i))
    }

    /// The text of token `i`.
    pub fn tok(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.text)
    }

    /// Whether token `i` begins a sentence.
    pub fn starts_sentence(&self, i: usize) -> bool {
        is_sentence_start(self.text, self.tokens[i].start, self.body)
    }

    /// The context's vectors, emptied, for the next document to fill, and what the thread
    /// knows of token texts, with what this document learned.
    fn into_buffers(mut self, anchors: Vec<usize>) -> Buffers {
        let (text, tokens) = (self.text, &self.tokens);
        self.facts.learn(&self.memo, |i| tokens[i].text(text));
        let mut b = Buffers {
            anchors,
            tokens: self.tokens,
            shapes: self.shapes,
            capitalised: self.capitalised,
            memo: self.memo,
            facts: self.facts,
        };
        b.anchors.clear();
        b.tokens.clear();
        b.shapes.clear();
        b.capitalised.clear();
        b.memo.clear();
        b
    }

    /// Index of the first token starting at or after byte `pos`.
    pub fn token_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.start < pos)
    }
}

/// Runs the enabled layers over the gazetteer candidates of `text[body..]` and returns the
/// final mentions, sorted by start, none overlapping. `capitals` are the byte offsets where
/// capitalised tokens start, in order, as [`Matcher::scan_with_capitals`] finds them.
pub fn apply(
    text: &str,
    body: usize,
    candidates: Vec<Candidate>,
    capitals: &[usize],
    matcher: &Matcher,
    lexicon: &Lexicon,
    layers: Layers,
) -> Vec<Mention> {
    let Buffers {
        mut anchors,
        mut tokens,
        mut shapes,
        mut capitalised,
        memo,
        facts,
    } = BUFFERS.with(Cell::take);
    anchors.extend(candidates.iter().map(|c| c.mention.byte_start));
    neighbourhood(
        text,
        body,
        (capitals, &anchors),
        (&mut tokens, &mut shapes, &mut capitalised),
    );
    let ctx = Context::new(
        text,
        body,
        tokens,
        shapes,
        capitalised,
        (memo, facts),
        lexicon,
        matcher,
    );
    let mentions = run_layers(&ctx, candidates, layers);
    BUFFERS.with(|b| b.set(ctx.into_buffers(anchors)));
    mentions
}

/// The vectors one document's rule pass fills, all empty between documents. Each thread keeps
/// one set ([`BUFFERS`]) and reuses it for every document it tags: allocating them afresh per
/// document costs more than filling them.
#[derive(Default)]
struct Buffers {
    anchors: Vec<usize>,
    tokens: Vec<Token>,
    shapes: Vec<Shape>,
    capitalised: Vec<usize>,
    memo: Vec<Cell<u32>>,
    /// Not a buffer: what the thread knows of token texts, kept from document to document.
    facts: Facts,
}

thread_local! {
    /// This thread's [`Buffers`], taken by [`apply`] for one document and put back after.
    static BUFFERS: Cell<Buffers> = Cell::new(Buffers::default());
}

/// The layers over the tokens of `ctx`.
fn run_layers(ctx: &Context, candidates: Vec<Candidate>, layers: Layers) -> Vec<Mention> {
    let text = ctx.text;
    // The candidates held back are copied out and taken from the vector, which keeps the
    // others; most documents have none, and then nothing is copied.
    let mut gazetteer = candidates;
    let mut held = Vec::new();
    if gazetteer.iter().any(|c| c.held) {
        held = gazetteer.iter().filter(|c| c.held).cloned().collect();
        gazetteer.retain(|c| !c.held);
    }
    if layers.has(Layer::Context) {
        context::revive_before_names(ctx, &mut held);
    }
    // Mentions proposed by the pattern layers; their code-point offsets are set at the end.
    let mut proposals: Vec<Mention> = Vec::with_capacity(ctx.capitalised.len() / 4);
    let (first_names, titles) = (
        layers.has(Layer::PersonPatterns),
        layers.has(Layer::TitlePatterns),
    );
    if first_names || titles {
        person::find(ctx, &gazetteer, (first_names, titles), &mut proposals);
    }
    let (orgs, places) = (
        layers.has(Layer::OrgPatterns),
        layers.has(Layer::PlacePatterns),
    );
    if orgs || places {
        heads::find(ctx, &gazetteer, orgs, places, &mut proposals);
    }
    let mut chosen = merge(&gazetteer, &held, &proposals);
    if orgs {
        institution::join_heads(text, ctx.lexicon, ctx.matcher, &mut chosen);
    }
    if layers.has(Layer::Context) {
        context::label_by_context(ctx, &mut chosen, &gazetteer);
    }
    if layers.has(Layer::Consistency) {
        chosen = context::revive_repeated(chosen, &held);
    }
    if layers.has(Layer::Aliases) {
        chosen = alias::resolve(ctx, chosen);
    }
    if orgs {
        let capitals = ctx.capitalised.iter().map(|&i| ctx.tokens[i]);
        let found = ballot::find(
            text,
            ctx.body,
            capitals,
            (ctx.lexicon, ctx.matcher),
            &chosen,
        );
        add_free(&mut chosen, found, false);
    }
    if layers.has(Layer::Handles) {
        let found = informal::handles(text, ctx.body, ctx.matcher, ctx.lexicon);
        add_free(&mut chosen, found, true);
    }
    if layers.has(Layer::Lowercase) {
        let found = informal::lowercase(text, ctx.body, ctx.matcher, ctx.lexicon);
        add_free(&mut chosen, found, false);
    }
    let mut counter = CharCounter::new(text);
    for m in &mut chosen {
        if m.end > m.start {
            // A gazetteer match: the matcher counted its code points already.
            counter.skip_to(m.byte_end, m.end);
        } else {
            // Found by a layer ([`proposal`], aliases): both offsets are still 0.
            m.start = counter.at(m.byte_start);
            m.end = counter.at(m.byte_end);
        }
    }
    chosen
}

/// The tokens the layers look at, and the indices of the capitalised ones among them.
///
/// Every pattern starts at a capitalised token (`capitals`, where they start) or a gazetteer
/// candidate (`anchors`); both are sorted byte offsets. A pattern looks one token back, and
/// walks forward only across plain spaces (or an initial's full stop) through capitalised
/// tokens, particles and connectors. So only those tokens are cut out of the text: each
/// anchor's token, the token before it when only plain space stands between them, and the
/// chain after it, up to and including the first token that ends the walk. A layer that steps from one of these tokens to its neighbour by
/// index sees the neighbour it would see in the full token list, or a token across a gap that
/// is not plain space, which every layer rejects.
///
/// The tokens, their shapes and the indices of the capitalised ones are pushed to the three
/// vectors of the last argument, which come empty.
fn neighbourhood(
    text: &str,
    body: usize,
    (capitals, anchors): (&[usize], &[usize]),
    (tokens, shapes, capitalised): (&mut Vec<Token>, &mut Vec<Shape>, &mut Vec<usize>),
) {
    debug_assert!(tokens.is_empty() && shapes.is_empty() && capitalised.is_empty());
    // The next capital and anchor not yet passed.
    let (mut next_capital, mut next_anchor) = (0, 0);
    // Everything before `done` has been cut into tokens or passed over.
    let mut done = body;
    loop {
        skip_below(capitals, &mut next_capital, done);
        skip_below(anchors, &mut next_anchor, done);
        // `at_capital`: `at` is where a capitalised token starts, so a token start.
        let (at, at_capital) = match (capitals.get(next_capital), anchors.get(next_anchor)) {
            (Some(&c), Some(&a)) => (c.min(a), c <= a),
            (Some(&c), None) => (c, true),
            (None, Some(&a)) => (a, false),
            (None, None) => break,
        };
        // A candidate may start inside a token (`Men` of `x-Men`): take the whole token. One
        // that starts with punctuation (a listed `'s-Hertogenbosch` or `(DI)`) is in no token:
        // take the first token after its start, as the full token list would. The token before
        // it ends short of it, and a walk from there would come back to it without end.
        let start = if at_capital || is_word_start(text, body, at) {
            at
        } else {
            match text[at..].chars().next() {
                Some(c) if crate::text::is_word_char(c) => {
                    prev_token(text, body, at + c.len_utf8()).map_or(at, |t| t.start)
                }
                _ => match next_token(text, at) {
                    Some(t) => t.start,
                    // No token follows, and no capital: nothing is left to cut.
                    None => break,
                },
            }
        };
        // The token before matters only across a plain gap; across any other, every layer
        // turns it down, so it is left out. It ends where the gap starts: when that is not
        // past `done`, it is cut out already.
        let prev = plain_gap_start(text, body, start)
            .filter(|&end| end > done)
            .map(|end| Token {
                start: token_start(text, body, end),
                end,
            });
        if let Some(prev) = prev {
            tokens.push(prev);
            shapes.push(shape_of(text, prev));
        }
        let (mut t, mut shape) = shaped_token_from(text, start);
        loop {
            let is_anchor = skip_below(anchors, &mut next_anchor, t.end) || t.start == at;
            let cap = shape.capitalised;
            if cap {
                capitalised.push(tokens.len());
            }
            tokens.push(t);
            shapes.push(shape);
            done = t.end;
            let walks_on = cap || is_anchor || is_particle(text, t) || is_connector(text, t);
            match plain_gap_end(text, t.end) {
                Some(next) if walks_on => (t, shape) = shaped_token_from(text, next),
                _ => break,
            }
        }
    }
}

/// Moves `next` past the entries of `sorted` below `bound`; whether it moved.
fn skip_below(sorted: &[usize], next: &mut usize, bound: usize) -> bool {
    let from = *next;
    while sorted.get(*next).is_some_and(|&p| p < bound) {
        *next += 1;
    }
    *next > from
}

/// Capitalised pronouns, articles, conjunctions, prepositions and adverbs that open a sentence
/// or clause and are never part of a name. A name that runs into one ends before it: a byline
/// run into its article (`Af Egon Nielsen Vi har …`), a name before a sentence with no full stop
/// between (`Brev til Bush Men i anden runde …`). Words that also occur inside names are left
/// out: `De` (`Robert De Niro`), `Da` (`Lula Da Silva`), `Der`, `I` (`Christian I`), `Man`,
/// and first names (`Hans`, `Per`).
const CLAUSE_WORDS: [&str; 40] = [
    "Det", "Den", "Dem", "Han", "Hun", "Vi", "Jeg", "Du", "Og", "Men", "Som", "Nu", "Så", "Her",
    "Et", "En", "At", "Hvis", "Når", "Mens", "Også", "Ikke", "Derfor", "Samtidig", "Selv", "Alle",
    "Disse", "Denne", "Dette", "Hvor", "Hvad", "Hvem", "Kun", "For", "Til", "På", "Med", "Efter",
    "Fra", "Om",
];

/// The [`CLAUSE_WORDS`] that are articles and also begin names (`Det Røde Hav`, `Den Blå
/// Avis`, `Et Dukkehjem`): a name ends before one, but may start with one.
const NAME_ARTICLES: [&str; 4] = ["Det", "Den", "En", "Et"];

/// The most bytes of a [`CLAUSE_WORDS`] word: longer tokens are none.
const MAX_CLAUSE_WORD_BYTES: usize = 8;

/// A text of at most eight bytes as a little-endian word, zero above it: distinct texts give
/// distinct words.
const fn pack(text: &[u8]) -> u64 {
    let mut w = 0;
    let mut k = 0;
    while k < text.len() {
        w |= (text[k] as u64) << (8 * k);
        k += 1;
    }
    w
}

/// The slot of a packed text in [`CLAUSE_TABLE`]: its top six bits after a multiplication.
const fn clause_slot(w: u64) -> usize {
    (w.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58) as usize
}

// The table keeps a free slot, which ends every probe.
const _: () = assert!(CLAUSE_WORDS.len() < 64);

/// [`CLAUSE_WORDS`] packed into 64 slots by [`clause_slot`], the next free one on a clash;
/// an empty slot is 0, which no word packs to. A lookup costs a multiplication and a compare
/// or two, where comparing with each word cost 50 instructions a token.
const CLAUSE_TABLE: [u64; 64] = {
    let mut table = [0; 64];
    let mut n = 0;
    while n < CLAUSE_WORDS.len() {
        let w = pack(CLAUSE_WORDS[n].as_bytes());
        let mut slot = clause_slot(w);
        while table[slot] != 0 {
            slot = (slot + 1) % 64;
        }
        table[slot] = w;
        n += 1;
    }
    table
};

/// Whether `word` is one of [`CLAUSE_WORDS`].
fn is_clause_word(word: &str) -> bool {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > MAX_CLAUSE_WORD_BYTES {
        return false;
    }
    let w = facts::word(bytes);
    debug_assert_eq!(w, pack(bytes));
    let mut slot = clause_slot(w);
    loop {
        match CLAUSE_TABLE[slot] {
            0 => return false,
            x if x == w => return true,
            _ => slot = (slot + 1) % 64,
        }
    }
}

/// The most bytes of a [`person::PARTICLES`] or [`heads::CONNECTORS`] word: longer tokens
/// are none, and are not compared with each.
const MAX_LINK_BYTES: usize = 3;

/// Whether token `t` of `text` is a particle inside a person's name (`van`, `de`).
fn is_particle(text: &str, t: Token) -> bool {
    t.end - t.start <= MAX_LINK_BYTES && person::PARTICLES.contains(&t.text(text))
}

/// Whether token `t` of `text` is a connector inside an organisation's name (`og`, `for`).
fn is_connector(text: &str, t: Token) -> bool {
    t.end - t.start <= MAX_LINK_BYTES && heads::CONNECTORS.contains(&t.text(text))
}

/// If only plain space (spaces and tabs, after an optional full stop; at least one byte)
/// stands between a letter or digit and byte `pos`, as [`plain_gap_end`] would step over it,
/// where that space starts: the end of the token before it.
fn plain_gap_start(text: &str, body: usize, pos: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = pos;
    while i > body && matches!(bytes[i - 1], b' ' | b'\t') {
        i -= 1;
    }
    if i > body && bytes[i - 1] == b'.' {
        i -= 1;
    }
    (i > body
        && i < pos
        && crate::text::char_before(text, i).is_some_and(crate::text::is_word_char))
    .then_some(i)
}

/// If only plain space (spaces and tabs, after an optional full stop; at least one byte) stands
/// between byte `end` and the next letter or digit, where that next token starts.
fn plain_gap_end(text: &str, end: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = end;
    if bytes.get(i) == Some(&b'.') {
        i += 1;
    }
    while matches!(bytes.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    let next = text[i..].chars().next()?;
    (i > end && crate::text::is_word_char(next)).then_some(i)
}

/// Whether a name of the `gazetteer` candidates (sorted by start) starts at byte `pos`.
fn listed_at(gazetteer: &[Candidate], pos: usize) -> bool {
    gazetteer
        .binary_search_by_key(&pos, |c| c.mention.byte_start)
        .is_ok()
}

/// Adds the mentions `found` (sorted by start) to `chosen` (sorted by start, none overlapping)
/// where they overlap none of its mentions; with `replace`, a found mention instead takes the
/// place of the mentions inside it, unless one reaches beyond it.
///
/// One walk over both: `chosen` is rebuilt in order from what lies before each found mention,
/// so the cost is linear in their lengths (an insertion into the middle of a vector, per found
/// mention, would be quadratic in a long document).
fn add_free(chosen: &mut Vec<Mention>, found: Vec<Mention>, replace: bool) {
    if found.is_empty() {
        return;
    }
    // The mentions of `chosen` not yet passed, last first, so that the next one pops.
    let mut rest = std::mem::take(chosen);
    rest.reverse();
    for m in found {
        while rest.last().is_some_and(|c| c.byte_end <= m.byte_start) {
            chosen.extend(rest.pop());
        }
        // Of the mentions already placed, only the last can overlap `m`: the others end
        // before an earlier found mention's start, which is not after `m`'s.
        let back = chosen.last().filter(|c| c.byte_end > m.byte_start);
        let ahead = rest
            .iter()
            .rev()
            .take_while(|c| c.byte_start < m.byte_end)
            .count();
        let within = |c: &Mention| c.byte_start >= m.byte_start && c.byte_end <= m.byte_end;
        let inside = back.is_none_or(within) && rest[rest.len() - ahead..].iter().all(within);
        if back.is_none() && ahead == 0 {
            chosen.push(m);
        } else if replace && inside {
            if back.is_some() {
                chosen.pop();
            }
            rest.truncate(rest.len() - ahead);
            chosen.push(m);
        }
    }
    chosen.extend(rest.into_iter().rev());
}

/// Picks non-overlapping mentions: leftmost first, then longest, then gazetteer before
/// pattern. Held candidates that a layer revived take part like gazetteer ones.
fn merge(gazetteer: &[Candidate], held: &[Candidate], proposals: &[Mention]) -> Vec<Mention> {
    // Sorted by reference, and only the mentions picked are copied.
    let mut all: Vec<(u8, &Mention)> = gazetteer
        .iter()
        .chain(held.iter().filter(|c| !c.held))
        .map(|c| (0, &c.mention))
        .chain(proposals.iter().map(|p| (1, p)))
        .collect();
    all.sort_by(|(pa, a), (pb, b)| {
        a.byte_start
            .cmp(&b.byte_start)
            .then(b.byte_end.cmp(&a.byte_end))
            .then(pa.cmp(pb))
    });
    let mut out: Vec<Mention> = Vec::with_capacity(all.len());
    let mut last_end = 0;
    for (_, m) in all {
        if m.byte_start >= last_end {
            last_end = m.byte_end;
            out.push(m.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::words;
    use crate::Gazetteer;
    use proptest::prelude::*;

    /// The layers over every token of the text, as they would run without
    /// [`neighbourhood`].
    fn apply_on_every_token(
        text: &str,
        candidates: Vec<Candidate>,
        matcher: &Matcher,
        lexicon: &Lexicon,
    ) -> Vec<Mention> {
        let tokens = words(text, 0);
        let capitalised = (0..tokens.len())
            .filter(|&i| crate::tokens::is_capitalised(tokens[i].text(text)))
            .collect();
        let shapes = tokens.iter().map(|t| Shape::of(t.text(text))).collect();
        let ctx = Context::new(
            text,
            0,
            tokens,
            shapes,
            capitalised,
            (Vec::new(), Facts::default()),
            lexicon,
            matcher,
        );
        run_layers(&ctx, candidates, Layers::all())
    }

    fn matcher() -> Matcher {
        let mut g = Gazetteer::new();
        let people = "id\tname\taliases\tambiguous\np\tPer\t\tyes\nj\tJens Stoltenberg\t\t\n";
        g.add_tsv(people, "p.tsv".as_ref(), Label::Per).unwrap();
        let places = "id\tname\taliases\tprior\nl\tBrøndby\t\t0.6\nd\tDanmark\t\t\nm\tMen\t\t\n";
        g.add_tsv(places, "l.tsv".as_ref(), Label::Loc).unwrap();
        let orgs = "id\tname\taliases\no\tBrøndby\t\t\nf\t3F\t\t\nn\tDansk Industri\tDI\n";
        g.add_tsv(orgs, "o.tsv".as_ref(), Label::Org).unwrap();
        Matcher::new(g).unwrap()
    }

    /// Words and separators that exercise every layer: first names, surnames, titles,
    /// particles, connectors, heads, initials, joined tokens, capitals, digits.
    const PIECES: &[&str] = &[
        "Jens",
        "Stoltenberg",
        "Per",
        "Hans",
        "Susan",
        "Mackensie",
        "Nielsen",
        "Madsen",
        "M.",
        "H.L.",
        "van",
        "der",
        "de",
        "og",
        "i",
        "af",
        "for",
        "mod",
        "statsminister",
        "hr.",
        "Direktør",
        "Universitet",
        "Aarhus",
        "A/S",
        "Stadion",
        "Bådehavnsgade",
        "Brøndby",
        "Danmark",
        "Danmarks",
        "FN-soldater",
        "x-Men",
        "O'Brien",
        "Bech-Nielsen",
        "DR's",
        "DI",
        "Dansk",
        "Industri",
        "(DI)",
        "Århus",
        "ÆBLE",
        "JENS",
        "OLSEN",
        "3F",
        "2-1",
        "kom",
        "sagde",
        "vandt",
        "fodbold",
        "en",
        "Fremskridtspartiet",
        "Hos",
        "é",
        "Élan",
    ];
    const GAPS: &[&str] = &[
        " ", " ", " ", "  ", "\t", ". ", ", ", ".", "-", "'", "\n\n", "\n", " (", ") ", " - ", "",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec((0..PIECES.len(), 0..GAPS.len()), 0..40).prop_map(|parts| {
            parts
                .into_iter()
                .map(|(p, g)| format!("{}{}", PIECES[p], GAPS[g]))
                .collect()
        })
    }

    /// Checks that every layer over the tokens [`neighbourhood`] cuts finds what it finds over
    /// every token of `text`; returns those mentions.
    fn assert_sparse_tokens_suffice(text: &str, m: &Matcher, lex: &Lexicon) -> Vec<Mention> {
        let (candidates, capitals) = m.scan_with_capitals(text, 0);
        let sparse = apply(text, 0, candidates, &capitals, m, lex, Layers::all());
        let full = apply_on_every_token(text, m.scan(text, 0), m, lex);
        assert_eq!(sparse, full, "{text:?}");
        full
    }

    #[test]
    fn neighbourhood_keeps_what_the_layers_walk_to() {
        let (m, lex) = (matcher(), Lexicon::shipped().unwrap());
        for text in [
            "spillede Rafael van de la Vaart i går",
            "Foreningen af Danske Biblioteker og Vejle Boldklub ved Lyngby Stadion",
            "mener hr. Jensen, og H.L. Hansen kom",
            "Per. Per Hansen kom; x-Men og Men kom",
            "sagde statsminister Poul Schlüter til Brøndby efter 2-1 i fodbold",
            "Dansk Industri (DI) mener, at DI's krav står",
        ] {
            let full = assert_sparse_tokens_suffice(text, &m, &lex);
            assert!(!full.is_empty(), "{text}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// Cutting out only the tokens around capitalised words and candidates gives the
        /// layers exactly what the full token list gives them.
        #[test]
        fn neighbourhood_is_as_good_as_every_token(text in text()) {
            let (m, lex) = (matcher(), Lexicon::shipped().unwrap());
            let (candidates, capitals) = m.scan_with_capitals(&text, 0);
            let sparse = apply(&text, 0, candidates, &capitals, &m, &lex, Layers::all());
            let full = apply_on_every_token(&text, m.scan(&text, 0), &m, &lex);
            prop_assert_eq!(sparse, full);
        }

        /// A name found by a pattern starts with a capital, never with the word before it
        /// (`Hos`, a title) or a connector (`i`, `og`).
        #[test]
        fn pattern_names_start_with_a_capital(text in text()) {
            let (m, lex) = (matcher(), Lexicon::shipped().unwrap());
            let (candidates, capitals) = m.scan_with_capitals(&text, 0);
            let found = apply(&text, 0, candidates, &capitals, &m, &lex, Layers::all());
            for x in found.iter().filter(|x| x.method == crate::Method::Pattern) {
                let first = x.text(&text).chars().next();
                prop_assert!(first.is_some_and(char::is_uppercase), "{:?} in {:?}", x, text);
            }
        }

        /// The tokens cut out are tokens of the full list, each once, in order, with their
        /// shapes, and `capitalised` indexes exactly the capitalised ones.
        #[test]
        fn neighbourhood_cuts_true_tokens_once(text in text()) {
            let m = matcher();
            let (candidates, capitals) = m.scan_with_capitals(&text, 0);
            let anchors: Vec<usize> = candidates.iter().map(|c| c.mention.byte_start).collect();
            let (mut tokens, mut shapes, mut capitalised) = (Vec::new(), Vec::new(), Vec::new());
            neighbourhood(
                &text,
                0,
                (&capitals, &anchors),
                (&mut tokens, &mut shapes, &mut capitalised),
            );
            let all = words(&text, 0);
            prop_assert!(tokens.windows(2).all(|w| w[0].end <= w[1].start), "{:?}", tokens);
            for (t, s) in tokens.iter().zip(&shapes) {
                prop_assert!(all.contains(t), "{:?} is no token", t);
                prop_assert_eq!(*s, Shape::of(t.text(&text)));
            }
            let want: Vec<usize> = (0..tokens.len()).filter(|&i| shapes[i].capitalised).collect();
            prop_assert_eq!(capitalised, want);
        }
    }

    /// A listed name that starts with punctuation, after a word and a gap: the name is in no
    /// token, and the neighbourhood once started from the word before it, which ends short of
    /// it, so it came back to the name without end (the tagger looped, filling memory).
    #[test]
    fn names_that_start_with_punctuation_are_passed() {
        let mut g = Gazetteer::new();
        let places = "id\tname\taliases\nh\t's-Hertogenbosch\t\nk\t(Kbh)\t\ni\t'ine\t\n";
        g.add_tsv(places, "l.tsv".as_ref(), Label::Loc).unwrap();
        let (m, lex) = (Matcher::new(g).unwrap(), Lexicon::shipped().unwrap());
        for text in [
            "Han rejste til 's-Hertogenbosch i går",
            "h\t's-Hertogenbosch\t\n",
            "Kontoret i (Kbh) lukker",
            "Hos (Kbh)",
            "l\t'ine",
            "'ine og 'ine",
            "x (Kbh",
        ] {
            assert_sparse_tokens_suffice(text, &m, &lex);
        }
    }

    /// What one thread learned of words under one lexicon is not taken for another's: the
    /// same text, tagged by turns with and without `statsminister` among the titles.
    #[test]
    fn lexicons_do_not_share_what_words_are() {
        let dir = std::env::temp_dir().join(format!("navne-facts-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("titles.txt"), "borgmester\n").unwrap();
        let without = Lexicon::from_dir(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let with = Lexicon::shipped().unwrap();
        let m = matcher();
        // A name no list holds, so only the title makes it one.
        let text = "Det mener statsminister Qwertzhoff.";
        let tag = |lex: &Lexicon| {
            let (candidates, capitals) = m.scan_with_capitals(text, 0);
            let found = apply(text, 0, candidates, &capitals, &m, lex, Layers::all());
            found
                .iter()
                .map(|x| x.text(text).to_string())
                .collect::<Vec<_>>()
        };
        for _ in 0..2 {
            assert_eq!(tag(&with), ["Qwertzhoff"]);
            assert!(tag(&without).is_empty());
        }
        assert_eq!(tag(&with.clone()), ["Qwertzhoff"]);
    }

    /// Every clause word is short enough for the length test in front of the list, and the
    /// table finds each of them and nothing else.
    #[test]
    fn clause_words_are_found_and_nothing_else() {
        for w in CLAUSE_WORDS {
            assert!(w.len() <= MAX_CLAUSE_WORD_BYTES, "{w}");
            assert!(is_clause_word(w), "{w}");
        }
        for w in [
            "",
            "D",
            "De",
            "Deto",
            "det",
            "DET",
            "Hans",
            "Danmark",
            "Detteerlangt",
        ] {
            assert!(!is_clause_word(w), "{w}");
        }
        for w in NAME_ARTICLES {
            assert!(is_clause_word(w), "{w}");
        }
    }

    proptest! {
        /// The table agrees with the list on any text.
        #[test]
        fn clause_table_agrees_with_the_list(w in "[A-Za-zæøåÆØÅ]{0,9}") {
            prop_assert_eq!(is_clause_word(&w), CLAUSE_WORDS.contains(&w.as_str()));
        }
    }

    /// Every particle and connector is short enough for the length test in front of the lists.
    #[test]
    fn links_are_short() {
        for w in person::PARTICLES.iter().chain(&heads::CONNECTORS) {
            assert!(w.len() <= MAX_LINK_BYTES, "{w}");
        }
    }

    #[test]
    fn add_free_keeps_order_and_replaces_what_lies_inside() {
        let m = |s, e| proposal(s, e, Label::Org, crate::Method::Gazetteer);
        let mut chosen = vec![m(0, 3), m(10, 14), m(20, 25)];
        add_free(&mut chosen, vec![m(4, 8), m(12, 16), m(18, 30)], false);
        let spans: Vec<(usize, usize)> =
            chosen.iter().map(|c| (c.byte_start, c.byte_end)).collect();
        assert_eq!(spans, [(0, 3), (4, 8), (10, 14), (20, 25)]);
        add_free(&mut chosen, vec![m(9, 15), m(18, 30)], true);
        let spans: Vec<(usize, usize)> =
            chosen.iter().map(|c| (c.byte_start, c.byte_end)).collect();
        assert_eq!(spans, [(0, 3), (4, 8), (9, 15), (18, 30)]);
    }

    /// [`add_free`] as it was first written: one search and one insertion per found mention.
    fn add_free_by_insertion(chosen: &mut Vec<Mention>, found: Vec<Mention>, replace: bool) {
        for m in found {
            let from = chosen.partition_point(|c| c.byte_end <= m.byte_start);
            let to = chosen.partition_point(|c| c.byte_start < m.byte_end);
            let inside = chosen[from..to]
                .iter()
                .all(|c| c.byte_start >= m.byte_start && c.byte_end <= m.byte_end);
            if from == to || replace && inside {
                chosen.splice(from..to, [m]);
            }
        }
    }

    proptest! {
        /// The one walk of [`add_free`] decides as one insertion per found mention does.
        #[test]
        fn add_free_walks_as_insertions_decide(
            gaps in proptest::collection::vec((0usize..4, 1usize..6), 0..12),
            found in proptest::collection::vec((0usize..60, 1usize..12), 0..12),
            replace: bool,
        ) {
            let m = |s, e| proposal(s, e, Label::Org, crate::Method::Gazetteer);
            // Sorted, disjoint mentions from gaps and lengths.
            let mut at = 0;
            let chosen: Vec<Mention> = gaps
                .iter()
                .map(|&(gap, len)| {
                    at += gap;
                    let c = m(at, at + len);
                    at += len;
                    c
                })
                .collect();
            let mut found: Vec<Mention> = found.iter().map(|&(s, len)| m(s, s + len)).collect();
            found.sort_by_key(|f| f.byte_start);
            let spans = |v: &[Mention]| -> Vec<(usize, usize)> {
                v.iter().map(|c| (c.byte_start, c.byte_end)).collect()
            };
            let (mut walked, mut inserted) = (chosen.clone(), chosen);
            add_free(&mut walked, found.clone(), replace);
            add_free_by_insertion(&mut inserted, found, replace);
            prop_assert_eq!(spans(&walked), spans(&inserted));
        }
    }

    #[test]
    fn layer_names_round_trip() {
        for l in Layer::ALL {
            assert_eq!(l.name().parse::<Layer>().unwrap(), l);
        }
        assert!("nope".parse::<Layer>().is_err());
        let l = Layers::all().with(Layer::Aliases, false);
        assert!(!l.has(Layer::Aliases) && l.has(Layer::Context));
    }
}
