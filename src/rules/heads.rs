//! Names by their heads: capitalised sequences that end (or start) with a word that says what
//! they name. Organisations — `Danske Fabrikshaller A/S`, `Aarhus Universitet`,
//! `FC Midtjylland`, `Fremskridtspartiet`, `Herning Golfklub` (heads in
//! `gazetteers/rules/org_heads.txt`) — and places — `Lyngby Stadion`, `Det Røde Hav`,
//! `Bådehavnsgade` (`place_heads.txt`). Also by their shape: an adjective of origin first
//! (`Dansk Energigruppe`), names joined by `&` (`Brüel & Kjær`, `Carl Hansen & Søn`), and a
//! word no list knows after `i` (`i Altaussee`). Newspaper and other well-known names come
//! from the gazetteers, not from here.

use super::{proposal, Layer, View, Work};
use crate::label::{Label, Method};
use crate::lexicon::Heads;
use crate::matcher::Candidate;
use crate::mention::Mention;
use crate::text::{char_before, is_word_char};
use crate::tokens::word_char_follows;

/// The longest name a pattern takes, in tokens.
const MAX_TOKENS: usize = 7;

/// Proposes the names found by the head patterns: organisations (`ORG`) if `org-patterns`
/// is on, places (`LOC`) if `place-patterns` is, in text order, an organisation before a
/// place found in the same run. Both look at the same runs of capitalised tokens, so each run
/// is cut once for both, and what they ask of its tokens is gathered once ([`Run`]).
pub(crate) fn find(doc: &View, work: &mut Work) {
    let orgs = work.layers.has(Layer::OrgPatterns);
    let places = work.layers.has(Layer::PlacePatterns);
    let (gazetteer, out) = (&work.gazetteer, &mut work.proposals);
    // A run does not join a name of the gazetteers to the next one (`Unibank og Den Danske
    // Bank`). The candidates are sorted by start and do not overlap, so by end too.
    debug_assert!(gazetteer
        .windows(2)
        .all(|w| w[0].mention.byte_end <= w[1].mention.byte_start));
    // Every token has its features, and every capitalised token is a token: told once here,
    // which spares the accesses below their bound checks.
    let tokens = doc.tokens.len();
    assert_eq!(doc.features.len(), tokens);
    // `next` is the first token after the last run looked at.
    let mut next = 0;
    for &i in &doc.capitalised {
        if i < next {
            continue;
        }
        if i >= tokens {
            break;
        }
        // A noun at a sentence start that says what the capitalised name right after it is,
        // is no part of it (`Superligaklubben Randers FC`): the name is looked for from the
        // next token. One that a connector follows begins a name (`Foreningen af Danske
        // Biblioteker`).
        if doc.names_after(i).is_some() && doc.before_capitalised(i) {
            continue;
        }
        // Most runs are one word that a lowercase word other than a connector follows, and
        // most of those can have no head ([`may_be_headed_alone`]): told from the token's
        // features and the bytes after it, without the run's masks. Such a word is a name
        // only by the word before it ([`is_placed_by_preposition`]).
        let continues = |j: usize| doc.is_capitalised(j) || doc.is_connector(j);
        if (i + 1 == tokens || !continues(i + 1)) && !may_be_headed_single(doc, i) {
            next = i + 1;
            if places && is_placed_by_preposition(doc, i, gazetteer) {
                out.push(placed(doc, i));
            }
            continue;
        }
        // The run is cut and what the head patterns ask of its tokens gathered in one walk.
        let run = run(doc, i, gazetteer);
        next = run.end;
        // Most runs are one word, and most of those can have no head: told at once.
        let lone = run.end == i + 1;
        let headed = !lone || may_be_headed_alone(doc, &run);
        let heads = headed.then(|| run.with_first_heads(doc));
        let mut org = false;
        if let (true, Some(r)) = (orgs, &heads) {
            if let Some(name) = in_run(doc, r, Label::Org, gazetteer) {
                out.push(name);
                org = true;
            }
        }
        if places {
            if lone && is_placed_by_preposition(doc, i, gazetteer) {
                out.push(placed(doc, i));
            } else if let Some(name) = heads
                .as_ref()
                .and_then(|r| in_run(doc, r, Label::Loc, gazetteer))
            {
                out.push(name);
            } else if let Some(last) = (!org)
                .then(|| placed_after_lead_in(doc, (i, next), gazetteer))
                .flatten()
            {
                out.push(placed(doc, last));
            }
        }
    }
}

/// Whether the run of the single token `run.start` may be a name by its head ([`in_run`] of
/// either label): only if it ends like a name (`Fremskridtspartiet`, `Bådehavnsgade`), or a
/// space and then `&` ([`firm_span`]) or the first bytes of a punctuated head (`A/S`,
/// [`punctuated_head`]) follow it. Told from its features and the run's masks, where
/// [`in_run`] would look for every kind of name in turn.
fn may_be_headed_alone(doc: &View, run: &Run) -> bool {
    debug_assert_eq!(run.end, run.start + 1);
    let i = run.start;
    if doc.has_suffix(i, Label::Org) || doc.has_suffix(i, Label::Loc) {
        return true;
    }
    run.punctuated != [0; 2] || run.amp
}

/// [`may_be_headed_alone`] of the run of the single token `i`, told from its features and
/// the bytes after it as [`Run::push`] reads them, without the run.
#[inline(always)]
fn may_be_headed_single(doc: &View, i: usize) -> bool {
    if doc.has_suffix(i, Label::Org) || doc.has_suffix(i, Label::Loc) {
        return true;
    }
    let pos = doc.tokens[i].end;
    let bytes = doc.text.as_bytes();
    match bytes.get(pos..pos + 3) {
        Some(&[b' ', a, b]) => a == b'&' || doc.lexicon.may_start_punctuated(a, b) != [false; 2],
        Some(_) => false,
        None => bytes.get(pos..pos + 2) == Some(b" &"),
    }
}

/// The tokens `[start, end)` of a run, with what [`Run::name_end`] asks of each of them
/// gathered in one pass for both labels: which are heads, and which a space and the first
/// bytes of a punctuated head follow ([`punctuated_head`]). A run is looked at for both labels,
/// and again without a lead-in word ([`in_run`]); each look reads the masks, not the tokens.
struct Run {
    start: usize,
    end: usize,
    /// Bit `k - start` set: token `k` is a head ([`View::is_head`]); organisations' first,
    /// then places'. The first token's bit only once [`Run::with_first_heads`] has set it.
    heads: [u16; 2],
    /// Bit `k - start` set: a space and the first bytes of a punctuated head follow token `k`
    /// ([`crate::lexicon::Heads::may_start_punctuated`]); organisations' first, then places'.
    punctuated: [u16; 2],
    /// Bit `k - start` set: token `k` may lead an organisation's name ([`View::leads_org`]);
    /// the first token's bit only once [`Run::with_first_heads`] has set it.
    leads: u16,
    /// Whether a space and `&` follow the last token ([`firm_span`]), told with its masks.
    amp: bool,
}

impl Run {
    /// The run of no token yet, to start at token `start`.
    fn empty(start: usize) -> Run {
        Run {
            start,
            end: start,
            heads: [0; 2],
            punctuated: [0; 2],
            leads: 0,
            amp: false,
        }
    }

    /// The masks of the tokens `[start, end)`, at most 16 of them ([`run`] cuts at most
    /// [`MAX_TOKENS`] + 1).
    fn of(doc: &View, start: usize, end: usize) -> Run {
        debug_assert!(start < end && end - start <= 16);
        let mut run = Run::empty(start);
        for k in start..end {
            run.push(doc, k);
        }
        run.with_first_heads(doc)
    }

    /// Adds token `k`, the one right after the run, to it and its masks; the first token's
    /// heads wait for [`Run::with_first_heads`].
    #[inline(always)]
    fn push(&mut self, doc: &View, k: usize) {
        debug_assert!(k == self.end && k - self.start < 16);
        let bit = 1 << (k - self.start);
        if k > self.start {
            self.heads_of(doc, k, bit);
        }
        // A space and two bytes, told with one bound check: a head of one byte is none
        // ([`crate::lexicon::Lexicon::may_start_punctuated`]).
        let pos = doc.tokens[k].end;
        let bytes = doc.text.as_bytes();
        self.amp = false;
        if let Some(&[b' ', a, b]) = bytes.get(pos..pos + 3) {
            self.amp = a == b'&';
            let [org, place] = doc.lexicon.may_start_punctuated(a, b);
            if org {
                self.punctuated[0] |= bit;
            }
            if place {
                self.punctuated[1] |= bit;
            }
        } else {
            // At the end of the text.
            self.amp = bytes.get(pos..pos + 2) == Some(b" &");
        }
        self.end = k + 1;
    }

    /// Sets `bit` in the heads masks that token `k` is a head of. A head that is a surname
    /// after a first name ends a person's name, and is no head here (`Peter Skov`, `Benjamin
    /// Hav`: [`View::is_surname_after_first_name`]).
    #[inline(always)]
    fn heads_of(&mut self, doc: &View, k: usize, bit: u16) {
        if doc.leads_org(k) {
            self.leads |= bit;
        }
        let (org, place) = (doc.is_head(k, Label::Org), doc.is_head(k, Label::Loc));
        if (org || place) && doc.is_surname_after_first_name(k) {
            return;
        }
        if org {
            self.heads[0] |= bit;
        }
        if place {
            self.heads[1] |= bit;
        }
    }

    /// The run with its first token's heads in the masks too: asked only of a run that is
    /// looked at, as most runs are a lone word that [`may_be_headed_alone`] turns down.
    #[inline(always)]
    fn with_first_heads(mut self, doc: &View) -> Run {
        self.heads_of(doc, self.start, 1);
        self
    }

    /// Where a name within tokens `[from, end)` of the run ends, in bytes, if it has a head
    /// of `label`'s heads ([`View::heads`]).
    #[inline(always)]
    fn name_end(&self, doc: &View, label: Label, from: usize) -> Option<usize> {
        let which = usize::from(label != Label::Org);
        let skip = from - self.start;
        // `Styrelsen for Arbejdsmarked og Rekruttering`, `Bank of America`: a head that leads
        // the name, up to the end of the run.
        if label == Label::Org && self.leads >> skip != 0 && self.end - from >= 3 {
            if let Some(last) = self.led_name_last(doc, from) {
                return Some(doc.tokens[last].end);
            }
        }
        // A head with punctuation after a name in the run: `Mærsk A/S`, `Apple Inc.` (the `A`
        // of `A/S` is a token of the run itself), the rightmost first.
        let heads = doc.heads(label);
        let mut punctuated = self.punctuated[which] & (u16::MAX << skip);
        while punctuated != 0 {
            let bit = 15 - punctuated.leading_zeros() as usize;
            let end = doc.tokens[self.start + bit].end;
            if let Some(head_end) = punctuated_head(doc, heads, end) {
                return Some(head_end);
            }
            punctuated &= !(1 << bit);
        }
        // The rightmost word head with a name before it: `Aarhus Universitet`, also in the
        // genitive (`Bedemændenes Landsforenings`) or as the end of a compound
        // (`Den Europæiske Udviklingsbank`).
        let named = self.heads[which] & (u16::MAX << (skip + 1));
        if named != 0 {
            let bit = 15 - named.leading_zeros() as usize;
            return Some(doc.tokens[self.start + bit].end);
        }
        let words = self.end - from;
        if words >= 2 && doc.is_first(from, label) {
            return Some(doc.tokens[self.end - 1].end);
        }
        // A single word with a telling ending: `Fremskridtspartiet`, `Bådehavnsgade`.
        if words == 1 && doc.has_suffix(from, label) {
            return Some(doc.tokens[from].end);
        }
        None
    }

    /// If the run from token `from` on is an organisation's name that a head leads
    /// ([`leads_at`]) at its first token or after other capitalised words (`Nationalt Center
    /// for Miljø og Energi`, `Louisiana Museum of Modern Art`), the name's last token: the
    /// run's, or the one before an `og` that two capitalised words or more follow, which
    /// begin another name (`Foreningen af Danske Biblioteker og Vejle Boldklub`). None where
    /// the name would end in an article (`Bestyrelsen for Det kongelige Kapel`).
    #[inline(never)]
    fn led_name_last(&self, doc: &View, from: usize) -> Option<usize> {
        let k = (from..self.end.saturating_sub(2)).find(|&k| leads_at(doc, k))?;
        let last = (k + 3..self.end.saturating_sub(2))
            .find(|&j| doc.tok(j) == "og" && doc.is_capitalised(j + 2))
            .map_or(self.end - 1, |j| j - 1);
        (!doc.is_name_article(last)).then_some(last)
    }
}

/// Whether token `k` leads an organisation's name ([`View::leads_org`]) before `for`, `af`
/// or `of` and a capitalised word (`Center for Cybersikkerhed`, `Foreningen af Danske
/// Biblioteker`, `University of Copenhagen`), with plain space between the three. The caller
/// vouches for two tokens after `k`.
#[inline(always)]
fn leads_at(doc: &View, k: usize) -> bool {
    doc.leads_org(k)
        && matches!(doc.tok(k + 1), "for" | "af" | "of")
        && doc.spaced(doc.tokens[k].end, doc.tokens[k + 1].start)
        && doc.before_capitalised(k + 1)
}

/// The name with a head of `label`'s heads ([`View::heads`]) in the run `run`; for an
/// organisation, also one that begins with a place's genitive ([`place_genitive_name`]), which
/// the `gazetteer` candidates tell.
#[inline(always)]
fn in_run(doc: &View, run: &Run, label: Label, gazetteer: &[Candidate]) -> Option<Mention> {
    let (i, run_end) = (run.start, run.end);
    if label == Label::Org {
        // A firm's name needs a space and `&` after the run, which its masks tell.
        let firm = run.amp.then(|| firm_span(doc, i, run_end)).flatten();
        let adjective = || adjective_name(doc, run);
        if let Some((start, end)) = firm.or_else(adjective) {
            return Some(proposal(start, end, label, Method::Pattern));
        }
    }
    let end_here = run.name_end(doc, label, i);
    if end_here.is_none() {
        // A place's genitive at the run's start or after a lead-in, told first from the last
        // byte of each: most runs without a head are people's names.
        let genitive = |k: usize| k < run_end && doc.text.as_bytes()[doc.tokens[k].end - 1] == b's';
        if label == Label::Org && (genitive(i) || genitive(i + 1)) {
            return place_genitive_name(doc, run, gazetteer);
        }
        // A `first` head after a lead-in word and `i` (`Ifølge Dansk Byggeri`, `Aktien i
        // Deutsche Telekom`) begins a name, as the lead-in is left out below; no other run
        // without a head is one.
        if !(i + 1..run_end.min(i + 3)).any(|k| doc.is_first(k, label)) {
            return None;
        }
    }
    let mut end = end_here.unwrap_or(0);
    let mut start = i;
    // A sentence-initial common word (`Hos`, `Efter`) is not part of the name, nor is a
    // connector after it (`Træner i Nakskov …`): a name never starts in lowercase. Nor is a
    // word that opens a clause anywhere (`… engang Og i Jorcks Passage`), but for the
    // articles that begin names (`Det Røde Hav`, `Den Blå Avis`).
    // In capitals, a frequent word is no part of a name either (`PÅ BLÅGÅRDSPLADS`), nor is a
    // title at a sentence start, nor the word after it (`Formanden for Borgernes Parti`), nor a
    // sentence's first word before `i` that is no head itself (`Aktien i Danske Bank`,
    // `Hovedbudskabet i Sparekasseforeningens`), nor one in the definite form that no list
    // names before `for` or `af` (`Rektoren for Landbohøjskolen`, `Resterne af Jyske
    // Division`). The features first: whether the token starts a sentence is read from the
    // text before it.
    let lead_in = (doc.is_common_word(i) || doc.is_title(i))
        && (doc.is_all_caps(i) || doc.starts_sentence(i))
        || doc.begins_no_name(i)
        || i + 1 < run_end
            && !doc.is_any_head(i)
            && match doc.tok(i + 1) {
                "i" => true,
                "for" | "af" => doc.is_unnamed_definite(i),
                _ => false,
            }
            && doc.starts_sentence(i);
    // A head that leads the name (`Rådet for Sikker Trafik`) is part of it: asked last, of
    // the few lead-ins.
    let leads = || label == Label::Org && run_end >= i + 3 && leads_at(doc, i);
    if lead_in && !doc.is_first(i, label) && !leads() {
        start = i + 1;
        // A name starts with a capital: `i`, `for` and the other lowercase words that join
        // names are no start.
        while start < run_end && !doc.is_capitalised(start) {
            start += 1;
        }
        end = if start < run_end {
            run.name_end(doc, label, start).unwrap_or(0)
        } else {
            0
        };
    }
    (end > 0).then(|| proposal(doc.tokens[start].start, end, label, Method::Pattern))
}

/// `Københavns Overpræsidium`, `Danmarks Sparekasseforening`, `Fyns Stift`: an organisation's
/// name with no head that begins with a listed place's genitive (a `gazetteer` candidate of
/// the place alone), then capitalised words up to the end of the run or a connector. Each
/// word is a name's word that no list has as a first name, surname or initial (not
/// `Danmarks Christian Eriksen`, `Brøndbys Uhre`) and no list names (`Amsterdams Schiphol
/// lufthavn`), and the words have no place's head (`Israels Plads`). A sentence's first word
/// that is a frequent word or opens a clause is no part of it (`Ifølge Danmarks Statistik`).
/// In UNER train, 16 of the 17 place genitives before a capitalised word begin an
/// organisation's name.
#[inline(never)]
fn place_genitive_name(doc: &View, run: &Run, gazetteer: &[Candidate]) -> Option<Mention> {
    // A genitive before a capitalised word, at the run's start or after a lead-in: most runs
    // have none, told from a byte and a feature before whether a sentence starts there is read
    // from the text.
    let genitive_at =
        |g: usize| g + 2 <= run.end && doc.tok(g).ends_with('s') && doc.is_capitalised(g + 1);
    let start = run.start;
    let lead_in =
        || doc.begins_no_name(start) || doc.is_common_word(start) && doc.starts_sentence(start);
    let g = if genitive_at(start) && !lead_in() {
        start
    } else if genitive_at(start + 1) && lead_in() {
        start + 1
    } else {
        return None;
    };
    let words_end = (g + 1..run.end)
        .find(|&k| !doc.is_capitalised(k))
        .unwrap_or(run.end);
    let named = |k: usize| {
        doc.is_name_token(k)
            && !doc.is_all_caps(k)
            && !doc.may_be_first_name(k)
            && !doc.is_surname(k)
            && !doc.is_initial(k)
    };
    if !(g + 1..words_end).all(named) {
        return None;
    }
    let t = doc.tokens[g];
    let at = gazetteer.partition_point(|c| c.mention.byte_start < t.start);
    let place = gazetteer.get(at).is_some_and(|c| {
        c.mention.byte_start == t.start
            && c.mention.byte_end == t.end
            && c.mention.label == Label::Loc
    });
    // The words after it are in no listed name (`Amsterdams Schiphol lufthavn`).
    let end = doc.tokens[words_end - 1].end;
    let listed_after = gazetteer
        .get(at + 1)
        .is_some_and(|c| c.mention.byte_start < end);
    (place && !listed_after && !has_place_head(doc, g, words_end))
        .then(|| proposal(t.start, end, Label::Org, Method::Pattern))
}

/// The byte span of a firm's name of names joined by ` & ` that ends the run of tokens `[i,
/// end)` (`Brüel & Kjær`, `Lindhardt & Ringhof`, `Lassen & Sand`): no first name beside the
/// `&` (`Mette & Lars` are two people), and no frequent word that is no surname at its start
/// (`Kære Mette & …`). A sentence's first word that is a frequent word is no part of it
/// (`Både Larsson & Johannessen`), unless a surname as written (`Skov & Co.`; `Hos` is a
/// genitive of `Ho`).
///
/// After a `firm` word of `org_heads.txt` (`Søn`, `Co`), the name before the `&` is a firm's
/// whatever it is, a person's name too (`Carl Hansen & Søn`, `H. Nielsen & Sønner`), and a
/// legal form after the word is part of it (`Jensen & Co.`, `& Sønner A/S`).
fn firm_span(doc: &View, i: usize, end: usize) -> Option<(usize, usize)> {
    let (last, next) = (end - 1, end);
    let gap = doc.tokens[last].end;
    if doc.text.as_bytes().get(gap + 1) != Some(&b'&') {
        return None;
    }
    let after = doc.tokens.get(next)?;
    if &doc.text[gap..after.start] != " & " {
        return None;
    }
    let named =
        |k: usize| doc.is_capitalised(k) && !doc.may_be_first_name(k) && !doc.is_plain_word(k);
    let lead_in = i < last && doc.is_common_word(i) && doc.starts_sentence(i);
    let surname_as_written = || doc.lexicon.surname(doc.tok(i)).is_some();
    let first = if lead_in && !(named(i) && surname_as_written()) {
        i + 1
    } else {
        i
    };
    let heads = doc.lexicon.org_heads();
    if heads.is_firm_word(doc.tok(next)) {
        let founder = |k: usize| doc.is_capitalised(k) && !doc.is_plain_word(k);
        if !(founder(first) && founder(last)) {
            return None;
        }
        // The initials before the run, which starts at a capitalised word, are the founder's
        // too (`H. Nielsen & Sønner`, `A. P. Møller & Co.`).
        let mut first = first;
        while first > 0
            && doc.is_initial_in_name(first - 1)
            && doc.spaced(doc.tokens[first - 1].end + 1, doc.tokens[first].start)
        {
            first -= 1;
        }
        // `Co.` is a legal form with its full stop, from the word's start; `A/S` one after it.
        let end = punctuated_head(doc, heads, after.start - 1).unwrap_or(after.end);
        return Some((doc.tokens[first].start, head_after(doc, heads, next, end)));
    }
    (named(first) && named(last) && named(next)).then(|| {
        (
            doc.tokens[first].start,
            head_after(doc, heads, next, after.end),
        )
    })
}

/// Where a firm's name that ends at byte `end`, in or after token `k`, ends with the legal
/// form or other `last` head of `org_heads.txt` that follows it after one space, if any
/// (`Lassen & Sand ApS`, `& Sønner A/S`, `Jensen & Co. A/S`); `end` if none does.
fn head_after(doc: &View, heads: &Heads, k: usize, end: usize) -> usize {
    if let Some(e) = punctuated_head(doc, heads, end) {
        return e;
    }
    match doc.tokens.get(k + 1) {
        Some(t)
            if t.start == end + 1
                && doc.text.as_bytes()[end] == b' '
                && heads.is_last(doc.tok(k + 1)) =>
        {
            t.end
        }
        _ => end,
    }
}

/// `bor i Altaussee`, `i Kristiansstad`: a single capitalised word that no list knows, right
/// after a word that places such words (`unlisted` in `context.txt`: `i`), mid-sentence, and
/// that looks like no other kind of name: not in capitals or with a digit or hyphen (`i KTAS`,
/// `i B1903`, `i SID-huset`: organisations), no genitive or definite noun (`i Dronningens`, `i
/// Folketeateret`, `i Parken`, `i Korstogene`), no person's name, no frequent word, title or
/// head. Inlined wherever the walk over the runs asks it (twice in [`find`], once in
/// [`placed_after_lead_in`]): called, it cost more than the pass over lone words it is part of
/// saves. (A word alone after `og` and a name is a name of that name's kind:
/// [`super::joined`].)
#[inline(always)]
fn is_placed_by_preposition(doc: &View, i: usize, gazetteer: &[Candidate]) -> bool {
    // The word before first, one feature bit that turns down nearly every capitalised word
    // (few follow `i`), and so a branch that is nearly always taken the same way; then the
    // token's own features, bits already worked out (`Det`, `Han`); then its last bytes and
    // its length, which turn down a noun's endings; then the gap between the two words
    // ([`View::spaced`]); then whether a list knows the word (a name of the `gazetteer`
    // candidates starts there).
    let Some(p) = i.checked_sub(1).filter(|&p| doc.places_unlisted_names(p)) else {
        return false;
    };
    // A word that opens a clause (`Han`) is a common word too.
    let turned_down = doc.is_common_word(i)
        || doc.may_be_first_name(i) && doc.first_name_is_danish(i)
        || doc.is_title(i)
        || doc.is_any_head(i)
        || doc.has_suffix(i, Label::Org);
    if turned_down {
        return false;
    }
    let token = doc.tokens[i];
    // Three characters take three bytes or more.
    let word = &doc.text.as_bytes()[token.start..token.end];
    if word.len() < 3
        || matches!(
            word,
            [.., b's'] | [.., b'e', b'n' | b't'] | [.., b'n', b'e']
        )
    {
        return false;
    }
    let placed = doc.spaced(doc.tokens[p].end, token.start);
    if !placed || super::merge::listed_at(gazetteer, token.start) || goes_on_foreign(doc, i) {
        return false;
    }
    let t = token.text(doc.text);
    t.chars().skip(1).all(char::is_lowercase)
        && t.chars().count() >= 3
        && !doc.starts_sentence(i)
        && doc.lexicon.surname(t).is_none()
}

/// The proposal of token `i`, a word that `i` places alone ([`is_placed_by_preposition`]): an
/// organisation after a word of what a firm has or someone holds in one, right before the `i`
/// (`owner` in `context.txt`: `aktierne i Bodum`, `ansat i Trifork`), else a place. Asked only
/// of the few words placed so: the word before `i` is read from the text, which the layers'
/// tokens need not hold. Kept out of line: inlined at its three call sites, it made the walk
/// over the runs dearer (callgrind, 5 MB corpus).
#[cold]
#[inline(never)]
fn placed(doc: &View, i: usize) -> Mention {
    let at = doc.tokens[i - 1].start;
    let owned = || {
        crate::tokens::prev_token(doc.text, doc.body, at).is_some_and(|t| {
            doc.spaced(t.end, at) && doc.lexicon.owns_placed_name(t.text(doc.text))
        })
    };
    let label = if owned() { Label::Org } else { Label::Loc };
    let t = doc.tokens[i];
    proposal(t.start, t.end, label, Method::Pattern)
}

/// `Krisen i Darfur`: the last token of the run of tokens `first..end` when the run is three
/// tokens, a sentence's first word, `i` and one word, that `i` places alone
/// ([`is_placed_by_preposition`]), and no organisation's name took it (asked by the caller).
/// The run joined the three as the words of one name might be (`Handelshøjskolen i
/// København`); the sentence's first word is a lead-in there ([`in_run`]), which left the
/// word after `i` alone, as it would be mid-sentence.
fn placed_after_lead_in(
    doc: &View,
    (first, end): (usize, usize),
    gazetteer: &[Candidate],
) -> Option<usize> {
    let last = first + 2;
    let placed = end == last + 1
        && doc.tok(first + 1) == "i"
        && doc.starts_sentence(first)
        && is_placed_by_preposition(doc, last, gazetteer);
    placed.then_some(last)
}

/// Whether a particle and a capitalised word follow token `i`, with plain space between, or a
/// capitalised word after an elided article (`d'`, `l'`) in one token: a foreign name goes on
/// past it (`i Tour de France`, `i Val di Fiemme`, `i Giro d'Italia`, `på Côte d'Azur`), which
/// is no single word.
fn goes_on_foreign(doc: &View, i: usize) -> bool {
    i + 1 < doc.tokens.len()
        && doc.spaced(doc.tokens[i].end, doc.tokens[i + 1].start)
        && (doc.is_particle(i + 1) && doc.before_capitalised(i + 1)
            || is_elided_article_name(doc.tok(i + 1)))
}

/// Whether `token` is an elided article and a capitalised word, as French and Italian names
/// write them in one token (`d'Italia`, `d'Azur`, `l'Aquila`, `D'Artagnan`).
fn is_elided_article_name(token: &str) -> bool {
    let b = token.as_bytes();
    matches!(b, [b'd' | b'D' | b'l' | b'L', b'\'', ..])
        && token[2..].starts_with(char::is_uppercase)
}

/// Whether `word` ends like the adjectives of origin and kind (`dansk`, `jyske`, `politisk`,
/// `nordiske`: in `sk` or `ske`), which are capitalised inside names only, most of them
/// organisations' (`Dansk Energigruppe`, `Jyske Division`, `Politisk Revy`, `Nordisk Råd`).
/// Told from its last bytes, with no call to compare them.
pub(super) fn ends_like_name_adjective(word: &[u8]) -> bool {
    matches!(word, [.., b's', b'k'] | [.., b's', b'k', b'e'])
}

/// Whether token `i`, the first of a run that ends before token `end`, is a frequent word that
/// opens a sentence before two capitalised words (`Ifølge Dansk Byggeri`, `Hos Norsk Hydro`), a
/// lead-in that is no part of an organisation's name that an adjective begins
/// ([`adjective_name`]).
#[inline(always)]
fn adjective_lead_in(doc: &View, i: usize, end: usize) -> bool {
    i + 2 < end
        && doc.is_common_word(i)
        && !doc.is_name_article(i)
        && doc.is_capitalised(i + 1)
        && doc.starts_sentence(i)
}

/// Whether the run of tokens `[i, end)` is an organisation's name by its first word: a
/// capitalised adjective ([`ends_like_name_adjective`]), after an article that begins names or
/// not, before a capitalised word that is no first name (`Dansk Energigruppe`, `Den
/// Atlantiske Alliance`; not `Danske Caroline Wozniacki`), in a run without a place's head
/// (`Det Kaspiske Hav`).
#[inline(always)]
fn begins_with_adjective(doc: &View, i: usize, end: usize) -> bool {
    // Most runs are one word.
    if end < i + 2 {
        return false;
    }
    let a = if doc.is_name_article(i) { i + 1 } else { i };
    // The features first; the adjective's ending, from its bytes, for the few words left; the
    // run's heads last.
    a + 1 < end
        && doc.is_capitalised(a)
        && doc.is_capitalised(a + 1)
        && !doc.is_all_caps(a)
        && !doc.may_be_first_name(a)
        && !doc.may_be_first_name(a + 1)
        && {
            let t = doc.tokens[a];
            let word = &doc.text.as_bytes()[t.start..t.end];
            ends_like_name_adjective(word)
        }
        && !has_place_head(doc, i, end)
}

/// Whether the run of tokens `[i, end)` has a place's head ([`Run::name_end`]). Kept out of
/// line: [`begins_with_adjective`] asks it of few runs.
#[inline(never)]
fn has_place_head(doc: &View, i: usize, end: usize) -> bool {
    Run::of(doc, i, end).name_end(doc, Label::Loc, i).is_some()
}

/// The byte span of an organisation's name that begins with an adjective
/// ([`begins_with_adjective`]) at the start of the run `run`, or after a frequent word that
/// opens the sentence, which is no part of it (`Ifølge Dansk Byggeri`: [`adjective_lead_in`]):
/// up to a head, or mid-sentence up to a connector (`Dansk Energigruppe og …`). At a sentence
/// start without a head the adjective may be an ordinary one before a name (`Norske Statoil`).
fn adjective_name(doc: &View, run: &Run) -> Option<(usize, usize)> {
    let (i, end) = (run.start, run.end);
    let from = if begins_with_adjective(doc, i, end) {
        i
    } else if adjective_lead_in(doc, i, end) && begins_with_adjective(doc, i + 1, end) {
        i + 1
    } else {
        return None;
    };
    let name_end = run.name_end(doc, Label::Org, from).or_else(|| {
        let words_end = (from + 1..end)
            .find(|&k| !doc.is_capitalised(k))
            .unwrap_or(end);
        (!doc.starts_sentence(from)).then(|| doc.tokens[words_end - 1].end)
    })?;
    Some((doc.tokens[from].start, name_end))
}

/// The run of capitalised tokens from `i`, joined by single spaces, with connectors inside,
/// and its masks ([`Run`]), gathered as it is cut.
///
/// `og` and `i` after a complete name, one that ends in a head or where a name of the
/// gazetteers ends (`gazetteer`, sorted and not overlapping), join it to another name rather
/// than continue it: `SF og Fremskridtspartiet`, `Hotel Plaza i København` are two names each;
/// so does `i` after two words or a first name (`Rasmus Seebach i Royal Arena`).
fn run(doc: &View, i: usize, gazetteer: &[Candidate]) -> Run {
    let mut run = Run::empty(i);
    run.push(doc, i);
    let mut j = i + 1;
    while j < doc.tokens.len() && j - i < MAX_TOKENS {
        // Only a capitalised word or a connector goes on a run: most runs end at a lowercase
        // word, told by its features before the gap before it.
        let capitalised = doc.is_capitalised(j);
        if !capitalised && !doc.is_connector(j)
            || !doc.spaced(doc.tokens[j - 1].end, doc.tokens[j].start) && !doc.follows_saint(j)
        {
            break;
        }
        if capitalised {
            // `Egon Nielsen Det Danske Filminstitut`: `Det` starts another run; in capitals,
            // a frequent word does (`OPTRÆDEN SØNDAG PÅ BLÅGÅRDSPLADS`).
            if doc.opens_clause(j) || doc.is_all_caps(j) && doc.is_common_word(j) {
                break;
            }
            // `SAS AFVISER Kommunalbestyrelsen`: a headline in capitals run into the text. A
            // word not in capitals after two words in capitals or more starts another run.
            if !doc.is_all_caps(j) && doc.is_caps_word(j - 1) && ends_headline(doc, i, j) {
                break;
            }
            run.push(doc, j);
            j += 1;
        } else if doc.before_capitalised(j) && !joins_names(doc, (i, j), gazetteer) {
            // A connector, with a capitalised word after it (told first, from the features
            // and a byte, where whether it joins two names may search the gazetteer's names).
            run.push(doc, j);
            run.push(doc, j + 1);
            j += 2;
        } else {
            break;
        }
    }
    // A run never ends in a connector: one goes on it only with the capitalised word after it.
    debug_assert!(doc.is_capitalised(j - 1) && run.end == j);
    run
}

/// Whether the tokens of a run from token `start` up to token `j` end in two words in
/// capitals or more, one of them of four letters or more (`SAS AFVISER`, `KNAPT BUDGET`): a
/// headline, not the first words of a name (`FC København`, `DR Byen`, `TV 2 Danmark`).
fn ends_headline(doc: &View, start: usize, j: usize) -> bool {
    let caps = (start..j).rev().take_while(|&k| doc.is_caps_word(k));
    let (mut words, mut long) = (0, false);
    for k in caps {
        words += 1;
        long |= doc.tok(k).chars().nth(3).is_some();
    }
    words >= 2 && long
}

/// Whether the connector at token `j` (`og`, `i`) of the run that starts at token `start`
/// stands between two names: the tokens before it end one, by a head or as a name of the
/// `gazetteer` candidates (sorted, not overlapping). Before `i`, so does any name of two
/// words or more, or one that starts with a first name: a name goes on over `i` only after
/// one word that says what it is (`Handelshøjskolen i København`), not in `Rasmus Seebach i
/// Royal Arena`.
fn joins_names(doc: &View, (start, j): (usize, usize), gazetteer: &[Candidate]) -> bool {
    let t = doc.tokens[j];
    let og = match &doc.text.as_bytes()[t.start..t.end] {
        b"og" => true,
        b"i" if j - start > 1 || doc.may_be_first_name(start) => return true,
        b"i" => false,
        _ => return false,
    };
    // The features of the word before first, then the gazetteer's names.
    let before = j - 1;
    if doc.is_head(before, Label::Org) || doc.is_head(before, Label::Loc) {
        return true;
    }
    let end = doc.tokens[before].end;
    if gazetteer
        .binary_search_by_key(&end, |c| c.mention.byte_end)
        .is_ok()
    {
        return true;
    }
    // `Dansk Energigruppe og Jyske Division`, `University of Copenhagen og Bank of America`: a
    // name that begins with an adjective or a head that leads it after `og` is one of its own.
    let tokens = doc.tokens.len();
    og && (j + 2 < tokens && begins_with_adjective(doc, j + 1, j + 3)
        || j + 3 < tokens && leads_at(doc, j + 1)
        || starts_listed_name(doc, j + 1, gazetteer))
}

/// `Skive Nyt og Holstebro`, `ARoS og Louisiana Museum of Modern Art`: whether a name of the
/// `gazetteer` candidates (sorted by start, not overlapping) starts at the capitalised token
/// `n` after an `og`. It begins a name of its own, as a listed name before an `og` ends one
/// (`Unibank og Den Danske Bank`), whether it is the whole name (`-bro` of `Holstebro` would
/// make it a place's head otherwise) or its first words (`Louisiana` of `Louisiana Museum`,
/// whose head would lead a name from `ARoS` on).
fn starts_listed_name(doc: &View, n: usize, gazetteer: &[Candidate]) -> bool {
    let start = doc.tokens[n].start;
    gazetteer
        .binary_search_by_key(&start, |c| c.mention.byte_start)
        .is_ok()
}

/// `A/S`, `I/S`, `Inc.`: a listed head that is not a plain word, one space after byte `pos`.
fn punctuated_head(doc: &View, heads: &Heads, pos: usize) -> Option<usize> {
    // Told from the bytes for most tokens: no space after them, or no head's first bytes.
    let bytes = doc.text.as_bytes();
    if bytes.get(pos) != Some(&b' ') || !heads.may_start_punctuated(&bytes[pos + 1..]) {
        return None;
    }
    let from = pos + 1;
    let rest = &doc.text[from..];
    heads
        .punctuated_for(rest)
        .iter()
        .filter(|h| rest.starts_with(h.as_str()))
        .map(|h| from + h.len())
        // The head ends a token: it ends in punctuation (`Inc.`), or no letter, digit or
        // combining mark goes on after it (`A/S`, not the `A/S` of `A/Sx`).
        .find(|&e| {
            char_before(doc.text, e).is_none_or(|c| !is_word_char(c))
                || !word_char_follows(doc.text, e)
        })
}

#[cfg(test)]
mod tests {
    use super::{in_run, may_be_headed_alone, may_be_headed_single, Run};
    use crate::rules::tests::{shipped, view_of};
    use crate::rules::{found_by, labelled_by, tagger_with, Layer, Layers};
    use crate::{Gazetteer, Label, Lexicon, Matcher, Tagger};
    use proptest::prelude::*;

    fn found(text: &str, layer: Layer) -> Vec<String> {
        let t = Tagger::with_rules(
            Gazetteer::new(),
            Lexicon::shipped().unwrap(),
            Layers::none().with(layer, true),
        )
        .unwrap();
        t.tag_text(text, 0)
            .iter()
            .map(|m| m.text(text).to_string())
            .collect()
    }

    fn orgs(text: &str) -> Vec<String> {
        found(text, Layer::OrgPatterns)
    }

    /// A punctuated head ends a token: one that a letter, digit or combining mark goes on
    /// after (`A/S` and U+032A) is no head, where it once ended the name inside the token.
    #[test]
    fn a_punctuated_head_ends_a_token() {
        assert_eq!(
            orgs("Han ejer Brødrene Hansen A/S i dag."),
            ["Brødrene Hansen A/S"]
        );
        for text in [
            "Han ejer Brødrene Hansen A/Sx i dag.",
            "Han ejer Brødrene Hansen A/S\u{32a}x i dag.",
        ] {
            assert_eq!(orgs(text), Vec::<String>::new(), "{text:?}");
        }
    }

    /// `i Han`: a word after `i` that opens a clause is turned down as a common word, which
    /// every such word of the shipped lists is.
    #[test]
    fn a_headline_in_capitals_is_no_part_of_the_name_after_it() {
        assert_eq!(
            orgs("SAS AFVISER Kommunalbestyrelsen har sagt nej."),
            ["Kommunalbestyrelsen"]
        );
        // One word in capitals may begin a name.
        assert_eq!(
            orgs("Han spiller i FC Vestsjælland i år."),
            ["FC Vestsjælland"]
        );
    }

    #[test]
    fn words_that_open_a_clause_are_common_words() {
        let lexicon = shipped();
        let list = include_str!("../../gazetteers/rules/function_words.txt");
        let clause = list.lines().filter_map(|l| l.strip_prefix("clause "));
        let words: Vec<&str> = clause.map(str::trim).collect();
        assert!(words.len() > 20, "{words:?}");
        for w in words {
            assert!(lexicon.is_common_word(w), "{w}");
        }
        assert!(found("bor i Han sagde", Layer::PlacePatterns).is_empty());
    }

    /// A name of the gazetteers ends a run at `og`: the name after it is one of its own.
    #[test]
    fn listed_names_are_not_joined_to_the_next() {
        let mut g = Gazetteer::new();
        g.add_tsv(
            "id\tname\taliases\nu\tUnibank\t\n",
            "o.tsv".as_ref(),
            Label::Org,
        )
        .unwrap();
        let layers = Layers::none().with(Layer::OrgPatterns, true);
        let t = Tagger::with_rules(g, Lexicon::shipped().unwrap(), layers).unwrap();
        let text = "hos Unibank og Den Danske Bank i går";
        let found: Vec<&str> = t.tag_text(text, 0).iter().map(|m| m.text(text)).collect();
        assert_eq!(found, ["Unibank", "Den Danske Bank"]);
    }

    /// A listed name after `og` begins a name of its own: as the whole name, though its ending
    /// is a place's head (`-bro`: `Skive Nyt og Holstebro` is no place), and as the first
    /// words of one (`ARoS og Louisiana Museum of Modern Art` is two).
    #[test]
    fn a_listed_name_after_og_begins_a_name_of_its_own() {
        let layers = Layers::none()
            .with(Layer::PlacePatterns, true)
            .with(Layer::OrgPatterns, true);
        let texts = |t: &Tagger, text: &str| -> Vec<String> {
            found_by(t, text).into_iter().map(|(m, _, _)| m).collect()
        };
        let places = "id\tname\taliases\nh\tHolstebro\t\nl\tLouisiana\t\n";
        let listed = tagger_with(places, "", layers);
        assert_eq!(
            texts(&listed, "Vi læste Skive Nyt og Holstebro."),
            ["Holstebro"]
        );
        assert_eq!(
            texts(
                &listed,
                "Han udstiller på ARoS og Louisiana Museum of Modern Art."
            ),
            ["Louisiana Museum of Modern Art"]
        );
        // With no list, `og` joins the two, as before.
        let bare = tagger_with("", "", layers);
        assert_eq!(
            texts(&bare, "Vi læste Skive Nyt og Holstebro."),
            ["Skive Nyt og Holstebro"]
        );
    }

    /// A listed place's genitive before capitalised words with no head begins an
    /// organisation's name; not before a first name, a listed name or a place's head.
    #[test]
    fn a_place_genitive_begins_an_organisation() {
        let layers = Layers::none()
            .with(Layer::PlacePatterns, true)
            .with(Layer::OrgPatterns, true);
        let places = "id\tname\taliases\nv\tVejle\t\nd\tDanmark\t\ni\tIsrael\t\n\
                      a\tAmsterdam\t\ns\tSchiphol\t\n";
        let t = tagger_with(places, "", layers);
        let orgs = |text: &str| -> Vec<String> {
            found_by(&t, text)
                .into_iter()
                .filter(|(_, label, method)| *label == Label::Org && method == "pattern")
                .map(|(m, _, _)| m)
                .collect()
        };
        assert_eq!(
            orgs("Sagen ligger hos Vejles Byggeudvalg. Ifølge Danmarks Fiskeriforening"),
            ["Vejles Byggeudvalg", "Danmarks Fiskeriforening"]
        );
        for text in [
            "Danmarks Christian Eriksen scorede.",
            "Han bor på Israels Plads nu.",
            "Fly til Amsterdams Schiphol i dag.",
        ] {
            assert_eq!(orgs(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn place_heads() {
        let places = |t| found(t, Layer::PlacePatterns);
        assert_eq!(places("fra Lyngby Stadion i går"), ["Lyngby Stadion"]);
        assert_eq!(places("ved Det Røde Hav."), ["Det Røde Hav"]);
        assert_eq!(
            places("ad Bådehavnsgade og ud ad Speditørvej"),
            ["Bådehavnsgade", "Speditørvej"]
        );
        assert_eq!(places("en gade og Vej"), Vec::<String>::new());
        // A head that is a surname after a first name in use ends a person's name: the run
        // has no head (`Peter Skov`), where a head that is no surname keeps it (`Nikolaj
        // Plads`).
        assert_eq!(
            places("så Anders Holm og Peter Skov ved Nikolaj Plads"),
            ["Nikolaj Plads"]
        );
        assert_eq!(
            places("mødte Louise Bjerg og Maria Dal"),
            Vec::<String>::new()
        );
        assert_eq!(places("fra Amager Strand"), ["Amager Strand"]);
        // A person's name, or one of two words or more, ends before `i`.
        assert_eq!(
            places("koncert med Rasmus Seebach i Royal Arena"),
            ["Royal Arena"]
        );
        assert_eq!(
            places("på Aktiv Sundhedsdag i Hvalsø Hallerne"),
            ["Hvalsø Hallerne"]
        );
        assert_eq!(places("sejlede Kim Nielsen Det Røde Hav"), ["Det Røde Hav"]);
        assert_eq!(places("var engang Og i Lyngby Stadion"), ["Lyngby Stadion"]);
        // Two names joined by `og` or `i` after a head are two names.
        assert_eq!(
            places("mellem Lyngby Stadion og Vejle Stadion"),
            ["Lyngby Stadion", "Vejle Stadion"]
        );
        assert_eq!(
            places("på Lyngby Stadion i Speditørvej"),
            ["Lyngby Stadion", "Speditørvej"]
        );
        // A word no list knows after `i` is a place, unless it looks like another kind of
        // name or a noun.
        assert_eq!(
            places("boede i Altaussee og i Parken, i KTAS og i Korstogene"),
            ["Altaussee"]
        );
        // Nor is the first word of a foreign name that goes on after a particle.
        assert_eq!(
            places("vandt en etape i Tour de France og boede i Altaussee"),
            ["Altaussee"]
        );
        // Or after an elided article in one token; a word that only starts like one does not.
        assert_eq!(
            places("vandt en etape i Giro d'Italia og boede i Altaussee"),
            ["Altaussee"]
        );
        assert_eq!(places("boede i Altaussee d'accord"), ["Altaussee"]);
        // So is a first name seldom borne in Denmark (`Jenin`); not one in use here.
        assert_eq!(
            places("rykkede ind i Jenin og var forelsket i Camilla"),
            ["Jenin"]
        );
        // So it is after a sentence's first word, which the run took with `i`.
        assert_eq!(
            places("Krisen i Altaussee tog til. Mange i Parken var glade."),
            ["Altaussee"]
        );
        // After a word of what a firm has or someone holds in one (`owner` in `context.txt`)
        // and `i`, such a word is an organisation, also after a sentence's first word.
        let t = tagger_with("", "", Layers::none().with(Layer::PlacePatterns, true));
        let labels = |text: &str| labelled_by(&t, text);
        assert_eq!(
            labels("Hun er ansat i Zyxelco og bor i Altaussee. Aktierne i Bodum steg."),
            [
                ("Zyxelco".to_string(), Label::Org),
                ("Altaussee".to_string(), Label::Loc),
                ("Bodum".to_string(), Label::Org)
            ]
        );
        // In capitals, a frequent word ends a run and starts no name.
        assert_eq!(
            places("KOM OG SE OPTRÆDEN SØNDAG PÅ BLÅGÅRDSPLADS"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn org_heads() {
        assert_eq!(orgs("ifølge Jesper Bank i går"), Vec::<String>::new());
        // A head that leads a name before `for`, `af` or `of`, the name running to the end
        // of the run, also at a sentence start and after other words of the name.
        assert_eq!(
            orgs("sendt til Styrelsen for Arbejdsmarked og Rekruttering i går"),
            ["Styrelsen for Arbejdsmarked og Rekruttering"]
        );
        assert_eq!(
            orgs("Rådet for Sikker Trafik anbefaler hjelm"),
            ["Rådet for Sikker Trafik"]
        );
        assert_eq!(
            orgs("Det siger Center for Cybersikkerhed og Center for Miljø"),
            ["Center for Cybersikkerhed", "Center for Miljø"]
        );
        assert_eq!(
            orgs("en rapport fra Nationalt Center for Miljø og Energi."),
            ["Nationalt Center for Miljø og Energi"]
        );
        assert_eq!(
            orgs("på University of Copenhagen og Bank of America"),
            ["University of Copenhagen", "Bank of America"]
        );
        // Not a compound that ends in a head, nor up to an article.
        assert_eq!(
            orgs("Bestyrelsen for Det kongelige Kapel"),
            Vec::<String>::new()
        );
        assert_eq!(orgs("en Center for os"), Vec::<String>::new());
        assert_eq!(orgs("lån i Jyske Bank"), ["Jyske Bank"]);
        assert_eq!(
            orgs("solgt til Danske Fabrikshaller A/S i går"),
            ["Danske Fabrikshaller A/S"]
        );
        assert_eq!(
            orgs("studerer på Aarhus Universitet nu"),
            ["Aarhus Universitet"]
        );
        assert_eq!(orgs("mod FC Midtjylland"), ["FC Midtjylland"]);
        // The English counterparts of the Danish heads.
        assert_eq!(
            orgs("penge fra World Wildlife Fund og Boston College i går"),
            ["World Wildlife Fund", "Boston College"]
        );
        assert_eq!(
            orgs("ifølge Irish Republican Army og Labour Party"),
            ["Irish Republican Army", "Labour Party"]
        );
        // Newspapers, local and foreign; not a phrase that ends in `News`.
        assert_eq!(
            orgs("det skriver Lemvig Folkeblad og Dagbladet Ringsted i dag"),
            ["Lemvig Folkeblad", "Dagbladet Ringsted"]
        );
        assert_eq!(
            orgs("ifølge Jerusalem Post og Irish Times"),
            ["Jerusalem Post", "Irish Times"]
        );
        assert_eq!(orgs("han kalder det Fake News"), Vec::<String>::new());
        // Police districts: `Nordjyllands Politi`, also in the genitive.
        assert_eq!(
            orgs("ifølge Sydøstjyllands Politis døgnrapport"),
            ["Sydøstjyllands Politis"]
        );
        // Colleges: `Professionshøjskolen` before the name, `Professionshøjskole` or
        // `Erhvervsakademi` after it.
        assert_eq!(
            orgs("læser på Professionshøjskolen Absalon nu"),
            ["Professionshøjskolen Absalon"]
        );
        assert_eq!(
            orgs("fra Københavns Professionshøjskole og Erhvervsakademi Aarhus"),
            ["Københavns Professionshøjskole", "Erhvervsakademi Aarhus"]
        );
        // Schools: a name and `Skole`, `Efterskole`, `Friskole`, ….
        assert_eq!(
            orgs("går på Hørsholm Skole og Vestjysk Efterskole"),
            ["Hørsholm Skole", "Vestjysk Efterskole"]
        );
        // A noun at a sentence start is no part of the name after it.
        assert_eq!(orgs("Superligaklubben Randers FC vandt."), ["Randers FC"]);
        // Hospitals and regions by the word before the name; football and handball clubs and
        // university hospitals by the word after it.
        for name in [
            "Greve Fodbold",
            "Sygehus Lillebælt",
            "Aarhus Universitetshospital",
            "Region Skåne",
            "Aalborg Håndbold",
        ] {
            assert_eq!(orgs(&format!("et brev fra {name} i går")), [name]);
        }
        assert_eq!(orgs("stemte på Fremskridtspartiet"), ["Fremskridtspartiet"]);
        // A compound that ends in a tail head ends a name of two words or more, and is none
        // alone.
        assert_eq!(
            orgs("spillede i Herning Golfklub og gik på Næstved Handelsskoles kursus"),
            ["Herning Golfklub", "Næstved Handelsskoles"]
        );
        assert_eq!(orgs("meldte sig ind i en Golfklub"), Vec::<String>::new());
        assert_eq!(
            orgs("Hos Novo Nordisk Fonden mener"),
            ["Novo Nordisk Fonden"]
        );
        // A led name ends before `og` and two capitalised words, which start another.
        assert_eq!(
            orgs("Foreningen af Danske Biblioteker og Vejle Boldklub"),
            ["Foreningen af Danske Biblioteker"]
        );
        assert_eq!(
            orgs("Træner i Nakskov Universitet sagde"),
            ["Nakskov Universitet"]
        );
        assert_eq!(orgs("en Bank og partiet"), Vec::<String>::new());
        assert_eq!(
            orgs("fra Aarhus Universitet og Danske Fabrikshaller A/S"),
            ["Aarhus Universitet", "Danske Fabrikshaller A/S"]
        );
        assert_eq!(orgs("Sparekassen Sjælland"), Vec::<String>::new());
        // A capitalised adjective of origin or kind begins a name mid-sentence, up to a
        // connector; not before a first name, nor where a place's head ends the run.
        assert_eq!(
            orgs("kom fra Dansk Energigruppe og Jyske Division i går"),
            ["Dansk Energigruppe", "Jyske Division"]
        );
        assert_eq!(
            orgs("vandt over Danske Caroline i går ved Det Kaspiske Hav"),
            Vec::<String>::new()
        );
        // Names joined by `&` name a firm; first names, people.
        assert_eq!(
            orgs("arbejder hos Brüel & Kjær i Nærum, ikke hos Mette & Lars"),
            ["Brüel & Kjær"]
        );
        // Surnames that are words too (`lassen`, `sand`); a sentence's first word is none of
        // the name.
        assert_eq!(
            orgs("Både Larsson & Johannessen var der. Kære Mette & Lars fra Lassen & Sand"),
            ["Larsson & Johannessen", "Lassen & Sand"]
        );
        // A saint's abbreviation goes on in a name across its full stop.
        assert_eq!(
            orgs("Han gik i Skt. Knuds Skole og på St. Petri Skole."),
            ["Skt. Knuds Skole", "St. Petri Skole"]
        );
        assert_eq!(
            found("De mødtes på St. Hans Torv.", Layer::PlacePatterns),
            ["St. Hans Torv"]
        );
        // English heads of streets and airports.
        assert_eq!(
            found(
                "Hun shoppede på Oxford Street og fløj hjem fra Copenhagen Airport.",
                Layer::PlacePatterns
            ),
            ["Oxford Street", "Copenhagen Airport"]
        );
        // A frequent word at a sentence start that is a surname only as a genitive (`Hos`
        // of `Ho`) is none of it either; one that is a surname as written is (`Skov`).
        assert_eq!(
            orgs("Hos Jensen & Larsen er alt billigt. Skov & Madsen har solgt"),
            ["Jensen & Larsen", "Skov & Madsen"]
        );
        // After a `firm` word (`Søn`, `Co`), a person's name and its initials make the firm's
        // name, with a legal form after the word (`Co.`, `A/S`).
        assert_eq!(
            orgs("hos Carl Hansen & Søn og H. Nielsen & Sønner A/S. Hos Jensen & Co. er"),
            [
                "Carl Hansen & Søn",
                "H. Nielsen & Sønner A/S",
                "Jensen & Co."
            ]
        );
        // A legal form, or another head that ends a firm's name, after any name joined by `&`
        // is part of it, punctuated or not.
        assert_eq!(
            orgs("Kontakt Hansen & Søn ApS, Jensen & Co. A/S, Lassen & Sand ApS eller Brüel & Kjær A/S"),
            [
                "Hansen & Søn ApS",
                "Jensen & Co. A/S",
                "Lassen & Sand ApS",
                "Brüel & Kjær A/S"
            ]
        );
        // A word that is no head after the name is not (`Lassen & Sand Kommer`).
        assert_eq!(orgs("Lassen & Sand Kommer i dag"), ["Lassen & Sand"]);
        assert_eq!(orgs("Mette & Lars kom"), Vec::<String>::new());
        // A `first` head begins a name after a lead-in word too (`Ifølge`, `Aktien i`).
        assert_eq!(
            orgs("Ifølge Dansk Byggeri falder det. Aktien i Deutsche Telekom faldt."),
            ["Dansk Byggeri", "Deutsche Telekom"]
        );
        // Nor is a sentence's first word before `i` that is no head itself.
        assert_eq!(
            orgs("Aktien i Nordea A/S steg. Medarbejderne i Jyske Bank A/S strejker"),
            ["Nordea A/S", "Jyske Bank A/S"]
        );
        // A title at a sentence start is no part of the name, nor the word after it.
        assert_eq!(
            orgs("Formanden for Borgernes Parti talte. Rådet for Sikker Trafik mener"),
            ["Borgernes Parti", "Rådet for Sikker Trafik"]
        );
        // Nor is a noun in the definite form that no list names at a sentence start before
        // `for` or `af`, where a head that leads the name is part of it.
        assert_eq!(
            orgs("Rektoren for Socialministeriet kom. Resterne af Jyske Bank A/S. Styrelsen for Dataforsyning"),
            ["Socialministeriet", "Jyske Bank A/S", "Styrelsen for Dataforsyning"]
        );
        // Company legal forms of any country (legal_forms.txt).
        assert_eq!(
            orgs("aftale mellem Siemens AG, Volvo AB og Novo Nordisk A/S"),
            ["Siemens AG", "Volvo AB", "Novo Nordisk A/S"]
        );
        // And the Danish co-operative forms as the law writes them, in lowercase.
        assert_eq!(
            orgs("ejes af Arla Foods a.m.b.a. og Dansk Fjerkræ f.m.b.a., sagde han a.m.b.a."),
            ["Arla Foods a.m.b.a.", "Dansk Fjerkræ f.m.b.a."]
        );
        // And as the Danish Business Authority writes them.
        assert_eq!(
            orgs("ejes af Fjernvarme Fyn A.m.b.A. og Grøn Energi S.m.b.A."),
            ["Fjernvarme Fyn A.m.b.A.", "Grøn Energi S.m.b.A."]
        );
        // Lines of business, and the English heads of names Danish news quotes.
        assert_eq!(
            orgs("kunde hos Velliv Pension, Kromann Reumert Advokater og Ascendis Pharma"),
            [
                "Velliv Pension",
                "Kromann Reumert Advokater",
                "Ascendis Pharma"
            ]
        );
        assert_eq!(
            orgs("forsker ved Oxford University og Aarhus Symfoniorkester"),
            ["Oxford University", "Aarhus Symfoniorkester"]
        );
    }

    /// Single words that end like names or not, heads with punctuation and their look-alikes,
    /// `&`, and what stands between them.
    fn text() -> impl Strategy<Value = String> {
        const PIECES: &[&str] = &[
            "Fremskridtspartiet",
            "Bådehavnsgade",
            "Universitet",
            "Stadion",
            "Aarhus",
            "Jensen",
            "Brüel",
            "Kjær",
            "Hos",
            "Det",
            "A/S",
            "ApS",
            "A.m.b.a.",
            "AmbA",
            "I/S",
            "Inc.",
            "Co.",
            "AG",
            "A",
            "In",
            "&",
            "og",
            "i",
            "ved",
            "Ærø",
        ];
        const GAPS: &[&str] = &[" ", " ", " ", "  ", ", ", ". ", "", "\n", "-"];
        prop::collection::vec((0..PIECES.len(), 0..GAPS.len()), 0..20).prop_map(|parts| {
            parts
                .into_iter()
                .map(|(p, g)| format!("{}{}", PIECES[p], GAPS[g]))
                .collect()
        })
    }

    proptest! {
        /// A single capitalised word that [`may_be_headed_alone`] turns down is the run of no
        /// name with a head, of either label; [`may_be_headed_single`] says what it says.
        #[test]
        fn lone_words_turned_down_have_no_head(text in text()) {
            let matcher = Matcher::new(Gazetteer::new()).unwrap();
            let doc = view_of(&text, &matcher, shipped());
            for &i in &doc.capitalised {
                let run = Run::of(&doc, i, i + 1);
                prop_assert_eq!(may_be_headed_single(&doc, i), may_be_headed_alone(&doc, &run));
                if !may_be_headed_alone(&doc, &run) {
                    prop_assert_eq!(in_run(&doc, &run, Label::Org, &[]), None, "{:?}", text);
                    prop_assert_eq!(in_run(&doc, &run, Label::Loc, &[]), None, "{:?}", text);
                }
            }
        }
    }
}
