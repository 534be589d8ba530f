//! In-document aliases: once a person is named in full, a later lone surname (or first name
//! plus surname) in the same document is the same person (`Stoltenberg` → Jens Stoltenberg);
//! once an organisation is introduced with its abbreviation (`Dansk Industri (DI)`), a later
//! `DI` is the same organisation. Only within one document.

use std::borrow::Cow;
use std::cell::Cell;

use super::{View, Work};
use crate::label::{Label, Method};
use crate::matcher::{EntryId, Matcher};
use crate::mention::Mention;
use crate::person_forms::{name_pair, person_forms};
use crate::room;
use crate::text::is_sentence_start;
use crate::tokens::{is_all_caps, is_capitalised, strip_genitive};

/// Who a short form refers to; the name borrowed from the text or the gazetteer.
#[derive(Clone, Debug)]
struct Referent<'a> {
    label: Label,
    entry: Option<EntryId>,
    canonical: Cow<'a, str>,
    /// Byte offset after which the short form may refer back.
    from: usize,
}

/// The short forms registered in one document, with a quick test in front of the lookup: most
/// capitalised tokens are no short form, and are turned down without a search. Forms are
/// borrowed from the text or the gazetteer where they can be: most are never looked up.
///
/// A document registers a handful of forms, so they are kept in a vector rather than a hash
/// map, pushed in the order registered: a few are searched one by one, more are sorted once
/// ([`ShortForms::seal`]) for a binary search. Of a form registered twice, the first
/// registration counts.
#[derive(Default)]
struct ShortForms<'a> {
    /// The forms and their referents: in the order registered, or once sealed, when more than
    /// [`ShortForms::SEARCHED_IN_ORDER`], sorted by [`ShortForms::order`], each form once.
    forms: Vec<Registered<'a>>,
    /// Whether `forms` is sorted.
    sorted: bool,
    /// One bit per hash of a form's first two bytes ([`ShortForms::start_bit`]); a clear bit
    /// is a sure miss.
    starts: u64,
    /// One bit per length in bytes (modulo 64) of a form or of its genitive
    /// ([`ShortForms::length_bits`]); a clear bit is a sure miss too.
    lengths: u64,
    /// The least offset from which a form may refer back ([`Referent::from`]): no token
    /// before it is a short form.
    first_from: usize,
}

impl<'a> ShortForms<'a> {
    /// The bit of `form`'s first two bytes. A genitive and its base (`Stoltenbergs`,
    /// `Stoltenberg`) share it: [`strip_genitive`] keeps at least two characters.
    fn start_bit(b: &[u8]) -> u64 {
        let (b0, b1) = (b.first().copied(), b.get(1).copied());
        let h = usize::from(b0.unwrap_or(0)) * 31 + usize::from(b1.unwrap_or(0));
        1 << (h & 63)
    }

    /// How many forms are searched one by one; more are sorted.
    const SEARCHED_IN_ORDER: usize = 16;

    /// The short forms of a document with `chosen` mentions, which register about as many,
    /// kept in `room` (an empty vector whose room an earlier document left).
    fn with_room(chosen: usize, mut room: Vec<Registered<'a>>) -> ShortForms<'a> {
        debug_assert!(room.is_empty());
        room.reserve(chosen);
        ShortForms {
            forms: room,
            first_from: usize::MAX,
            ..ShortForms::default()
        }
    }

    /// The bits of the lengths a form of `len` bytes is written in, also in the genitive: `s`
    /// and `'` add one byte, `'s` two, `’` three, `’s` four ([`strip_genitive`]).
    fn length_bits(len: usize) -> u64 {
        0b1_1111_u64.rotate_left(len as u32)
    }

    /// Registers `form` for the referent `make` gives; of a form registered twice, the first
    /// registration counts.
    fn add(&mut self, form: Cow<'a, str>, make: impl FnOnce() -> Referent<'a>) {
        self.starts |= Self::start_bit(form.as_bytes());
        self.lengths |= Self::length_bits(form.len());
        let referent = make();
        self.first_from = self.first_from.min(referent.from);
        self.forms.push((form, referent));
    }

    /// Readies the forms for [`ShortForms::get`]: more than a few are sorted, and only the
    /// first registration of each kept (the sort is stable, and `dedup_by` keeps the first
    /// of equal neighbours).
    fn seal(&mut self) {
        if self.forms.len() > Self::SEARCHED_IN_ORDER {
            self.forms.sort_by(|a, b| Self::order(&a.0, &b.0));
            self.forms.dedup_by(|later, first| later.0 == first.0);
            self.sorted = true;
        }
    }

    /// The order of sealed forms: by length, then by bytes (cheaper to compare than text
    /// order, and any total order serves a binary search).
    fn order(a: &str, b: &str) -> std::cmp::Ordering {
        a.len()
            .cmp(&b.len())
            .then_with(|| a.as_bytes().cmp(b.as_bytes()))
    }

    /// Whether the form of bytes `form` or its base without a genitive ending may be
    /// registered: a form sharing its first two bytes and a length it may have. Bytes, so
    /// that a caller cuts them out of the text without testing character boundaries.
    #[inline]
    fn may_hold(&self, form: &[u8]) -> bool {
        self.starts & Self::start_bit(form) != 0
            && self.lengths & 1_u64.rotate_left(form.len() as u32) != 0
    }

    /// [`ShortForms::may_hold`] of the bytes `text[start..end]` (`start < end`), read in
    /// place: the test the walk over a document's tokens makes of each.
    #[inline]
    fn may_hold_at(&self, text: &[u8], start: usize, end: usize) -> bool {
        let len = end - start;
        // The length first: cheaper, and it turns down many tokens already.
        if self.lengths & 1_u64.rotate_left(len as u32) == 0 {
            return false;
        }
        let second = if len >= 2 { text[start + 1] } else { 0 };
        let h = usize::from(text[start]) * 31 + usize::from(second);
        self.starts & (1 << (h & 63)) != 0
    }

    /// The referent of `form` (first registered), once sealed.
    fn get(&self, form: &str) -> Option<&Referent<'a>> {
        if self.sorted {
            let k = self
                .forms
                .binary_search_by(|(f, _)| Self::order(f, form))
                .ok()?;
            Some(&self.forms[k].1)
        } else {
            let mut forms = self.forms.iter();
            forms
                .find(|(f, _)| f.len() == form.len() && f.as_bytes() == form.as_bytes())
                .map(|(_, r)| r)
        }
    }

    fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }
}

/// A registered short form and its referent.
type Registered<'a> = (Cow<'a, str>, Referent<'a>);

thread_local! {
    /// Room for the short forms of this thread's next document ([`ShortForms::forms`]), empty
    /// between documents: allocating the vector afresh for each document cost a tenth of
    /// [`resolve`]. Its forms borrow from one document's text, so it is kept as a vector of
    /// forms of no document ([`recycle`]).
    static ROOM: Cell<Vec<Registered<'static>>> = const { Cell::new(Vec::new()) };
}

/// The most short forms a thread keeps room for between documents: far more than an article
/// registers, so that only a long text's room is let go.
const FORMS_KEPT: usize = 4096;

/// The empty vector `room` as a vector of forms of another lifetime, in the same allocation:
/// the elements are all that differs, and there are none (`collect` into the vector that is
/// being iterated reuses its allocation where the elements are of one size and alignment).
fn recycle<'a, 'b>(room: Vec<Registered<'a>>) -> Vec<Registered<'b>> {
    debug_assert!(room.is_empty());
    room.into_iter()
        .map(|_| unreachable!("the vector is empty"))
        .collect()
}

/// Adds alias mentions and re-labels single-token gazetteer matches that are really a
/// surname or abbreviation introduced earlier in the document.
pub(crate) fn resolve(doc: &View, work: &mut Work) {
    let kept = recycle(room::take(&ROOM));
    let mut short = ShortForms::with_room(work.chosen.len(), kept);
    work.chosen = resolve_in(doc, std::mem::take(&mut work.chosen), &mut short);
    let mut forms = short.forms;
    forms.clear();
    room::keep(&ROOM, recycle(forms), FORMS_KEPT);
}

/// [`resolve`] on the mentions `chosen`, with the short forms registered in `short` (empty).
fn resolve_in<'a>(
    doc: &View<'a>,
    chosen: Vec<Mention>,
    short: &mut ShortForms<'a>,
) -> Vec<Mention> {
    for m in &chosen {
        register(doc, m, short);
    }
    if short.is_empty() {
        return chosen;
    }
    short.seal();
    let mut chosen = chosen;
    // Before the first full name ends no token refers back ([`alias_at`] finds no referent
    // there): the chosen mentions before it are left as they are, the tokens skipped.
    let first = chosen.partition_point(|m| m.byte_start < short.first_from);
    // The chosen mentions are re-aliased where they stand; a new alias keeps the span.
    for m in &mut chosen[first..] {
        realias(doc, m, short);
    }
    // Alias mentions of tokens no chosen mention covers, each with the index of the chosen
    // mention it goes before and the number of chosen mentions from there that it replaces.
    let mut added: Vec<(usize, usize, Mention)> = Vec::new();
    let skipped = doc
        .capitalised
        .partition_point(|&i| doc.tokens[i].start < short.first_from);
    let text = doc.text.as_bytes();
    // Walk the capitalised tokens (only they can be short forms) in text order; only for the
    // few that pass the quick test are the chosen mentions before them passed: `next` is the
    // first chosen mention not yet passed, `covered` where the ones passed end.
    let (mut next, mut covered) = (0, 0);
    for &i in &doc.capitalised[skipped..] {
        let t = doc.tokens[i];
        // A word that opens a clause (`Han`) is no name, even where a name ends in it.
        if !short.may_hold_at(text, t.start, t.end) || doc.begins_no_name(i) {
            continue;
        }
        while let Some(m) = chosen.get(next).filter(|m| m.byte_start <= t.start) {
            covered = covered.max(m.byte_end);
            next += 1;
        }
        if t.start >= covered {
            if let Some(m) = alias_at(doc, t.start, t.end, short) {
                // A chosen mention may start inside the alias's token, after a hyphen
                // (`Grønland` of `Hansen-Grønland`): the alias replaces the ones that end in
                // it, and gives way to one that goes on past it.
                let inside = chosen[next..].partition_point(|c| c.byte_start < m.byte_end);
                if chosen[next..next + inside]
                    .iter()
                    .all(|c| c.byte_end <= m.byte_end)
                {
                    covered = m.byte_end;
                    added.push((next, inside, m));
                    next += inside;
                }
            }
        }
    }
    if added.is_empty() {
        return chosen;
    }
    let mut out: Vec<Mention> = Vec::with_capacity(chosen.len() + added.len());
    let mut added = added.into_iter().peekable();
    // How many chosen mentions are still to be left out, replaced by the alias before them.
    let mut replaced = 0;
    for (k, m) in chosen.into_iter().enumerate() {
        while let Some((_, n, a)) = added.next_if(|(before, _, _)| *before == k) {
            out.push(a);
            replaced = n;
        }
        if replaced > 0 {
            replaced -= 1;
            continue;
        }
        out.push(m);
    }
    out.extend(added.map(|(_, _, a)| a));
    out
}

/// Records the short forms of a full name: a person's surname and first name + surname, and an
/// organisation's abbreviation in parentheses right after it.
fn register<'a>(doc: &View<'a>, m: &Mention, short: &mut ShortForms<'a>) {
    let text = doc.text;
    let matcher: &'a Matcher = doc.matcher;
    // Worked out only for a mention that may have short forms: most have none.
    let name_of = || -> Cow<'a, str> {
        match (m.entry, &m.canonical) {
            (Some(e), _) => Cow::Borrowed(&matcher.entry(e).name),
            (None, Some(canonical)) => Cow::Owned(canonical.clone()),
            (None, None) => Cow::Borrowed(m.text(text)),
        }
    };
    let referent = |canonical: &Cow<'a, str>| Referent {
        label: m.label,
        entry: m.entry,
        canonical: canonical.clone(),
        from: m.byte_end,
    };
    match m.label {
        Label::Per if m.method != Method::Alias => {
            let name = name_of();
            // A gazetteer name's forms were worked out when the matcher was built.
            let forms = m
                .entry
                .and_then(|e| matcher.person_forms(e).ranges())
                .unwrap_or_else(|| person_forms(&name));
            let Some((last, first)) = forms else {
                return;
            };
            let surname = &name[last.clone()];
            let form = match &name {
                Cow::Borrowed(n) => Cow::Borrowed(&n[last]),
                Cow::Owned(_) => Cow::Owned(surname.to_string()),
            };
            short.add(form, || referent(&name));
            if let Some(first) = first {
                // A gazetteer name's pair was made when the matcher was built.
                let pair = match m.entry.and_then(|e| matcher.person_pair(e)) {
                    Some(pair) => Cow::Borrowed(pair),
                    None => Cow::Owned(name_pair(&name[first], surname)),
                };
                short.add(pair, || referent(&name));
            }
        }
        Label::Org => {
            let rest = &text[m.byte_end..];
            let inner = rest.strip_prefix(" (").or_else(|| rest.strip_prefix('('));
            if let Some(close) = inner.and_then(|s| s.find(')')) {
                let abbr = &inner.expect("checked")[..close];
                if (2..=8).contains(&abbr.chars().count())
                    && is_all_caps(abbr)
                    && !abbr.contains(' ')
                {
                    // The abbreviation in the parentheses is itself a mention.
                    short.add(Cow::Borrowed(abbr), || referent(&name_of()));
                }
            }
        }
        _ => {}
    }
}

/// An alias mention for the token `[start, end)`, if it is a registered short form (also in
/// the genitive) that refers back to a name before it; a first name + surname pair is tried
/// from the token on.
///
/// A frequent ordinary word at a sentence start is that word, not a short form: `Det`, `Men`
/// and `Han` begin sentences far more often than a surname does, so a name wrongly taken
/// earlier (`Bush Det`, a headline run into its article) does not turn every later `Det`
/// into a person. Mid-sentence, its capital still marks it as the name.
///
/// The callers have made the quick test ([`ShortForms::may_hold`]) already.
fn alias_at(doc: &View, start: usize, end: usize, short: &ShortForms) -> Option<Mention> {
    let token = &doc.text[start..end];
    debug_assert!(short.may_hold(token.as_bytes()));
    if !is_capitalised(token) {
        return None;
    }
    let lookup = |form: &str| short.get(form).filter(|r| r.from <= start);
    // A token without a genitive ending is its own base: one lookup of it is enough.
    let base = strip_genitive(token);
    let r = lookup(token).or_else(|| (base.len() < token.len()).then(|| lookup(base))?)?;
    if is_sentence_start(doc.text, start, doc.body) && doc.lexicon.is_common_word(token) {
        return None;
    }
    Some(Mention {
        start: 0,
        end: 0,
        byte_start: start,
        byte_end: end,
        label: r.label,
        entry: r.entry,
        method: Method::Alias,
        canonical: Some(r.canonical.to_string()),
    })
}

/// A single-token mention that is a registered short form becomes the alias, in its place:
/// `Larsen` after `Kim Larsen` is Kim Larsen, whatever single entry the gazetteer had for
/// `Larsen`; so does a pattern name that is a registered first name + surname
/// (`Anders Rasmussen`).
#[inline]
fn realias(doc: &View, m: &mut Mention, short: &ShortForms) {
    // The quick test [`alias_at`] starts with, before the rest.
    if !short.may_hold(&doc.text.as_bytes()[m.byte_start..m.byte_end]) {
        return;
    }
    realias_held(doc, m, short);
}

/// [`realias`] of a mention whose text passed the quick test: out of line, as most
/// mentions do not get this far.
#[inline(never)]
fn realias_held(doc: &View, m: &mut Mention, short: &ShortForms) {
    let text = m.text(doc.text);
    let pattern_person = m.label == Label::Per && m.method == Method::Pattern;
    // A custom label's mention is the user's word on the form (`Larsen` a product, say),
    // which a person's surname earlier in the text does not overrule.
    if m.label.is_custom()
        || m.method == Method::Alias
        || (text.contains(char::is_whitespace) && !pattern_person)
    {
        return;
    }
    match alias_at(doc, m.byte_start, m.byte_end, short) {
        Some(a) if pattern_person || a.entry != m.entry || a.label != m.label => *m = a,
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::{strip_genitive, Referent, ShortForms};
    use crate::rules::{Layer, Layers};
    use crate::{Gazetteer, Label, Lexicon, Tagger};

    fn tag(text: &str) -> Vec<String> {
        let mut g = Gazetteer::new();
        g.add_tsv(
            "id\tname\taliases\np1\tJens Stoltenberg\t\np2\tLarsen\t\n",
            "p.tsv".as_ref(),
            Label::Per,
        )
        .unwrap();
        g.add_tsv(
            "id\tname\taliases\no1\tDansk Industri\t\n",
            "o.tsv".as_ref(),
            Label::Org,
        )
        .unwrap();
        g.add_tsv(
            "id\tname\taliases\nl1\tGrønland\t\nl2\tGrønland Vest\t\n",
            "l.tsv".as_ref(),
            Label::Loc,
        )
        .unwrap();
        let layers = Layers::none()
            .with(Layer::Aliases, true)
            .with(Layer::PersonPatterns, true);
        let t = Tagger::with_rules(g, Lexicon::shipped().unwrap(), layers).unwrap();
        t.tag_text(text, 0)
            .iter()
            .map(|m| {
                let canonical = m
                    .canonical
                    .clone()
                    .or_else(|| m.entry.map(|e| t.matcher().entry(e).name.clone()));
                format!(
                    "{}/{}/{}/{}",
                    m.text(text),
                    m.label,
                    m.method,
                    canonical.unwrap_or_default()
                )
            })
            .collect()
    }

    proptest::proptest! {
        /// A genitive passes the whole quick test, length too, of its base's short form.
        #[test]
        fn genitives_may_be_held(t in "\\PC{0,6}(s|'s|’s|'|’)?") {
            let mut short = ShortForms::default();
            short.add(strip_genitive(&t).into(), || Referent {
                label: Label::Per,
                entry: None,
                canonical: "".into(),
                from: 0,
            });
            proptest::prop_assert!(short.may_hold(t.as_bytes()));
        }

        /// The quick test of bytes in place agrees with that of the bytes cut out.
        #[test]
        fn quick_tests_agree(form in "\\PC{1,6}", t in "\\PC{1,8}", pad in "\\PC{0,3}") {
            let mut short = ShortForms::default();
            short.add(form.into(), || Referent {
                label: Label::Per,
                entry: None,
                canonical: "".into(),
                from: 0,
            });
            let text = format!("{pad}{t}{pad}");
            proptest::prop_assert_eq!(
                short.may_hold_at(text.as_bytes(), pad.len(), pad.len() + t.len()),
                short.may_hold(t.as_bytes())
            );
        }

        /// A genitive passes the quick test of its base's short form (`DI's` of `DI`).
        #[test]
        fn genitives_share_their_base_start_bit(t in "\\PC{0,6}(s|'s|’s|'|’)?") {
            proptest::prop_assert_eq!(
                ShortForms::start_bit(strip_genitive(&t).as_bytes()),
                ShortForms::start_bit(t.as_bytes())
            );
        }
    }

    #[test]
    fn surnames_refer_back() {
        assert_eq!(
            tag("Stoltenberg kom. Jens Stoltenberg talte. Stoltenbergs tale og Stoltenberg."),
            [
                // Before the full name, a surname is no alias (a name of its own, as a
                // surname many people in Denmark bear: person-patterns).
                "Stoltenberg/PER/pattern/",
                "Jens Stoltenberg/PER/gazetteer/Jens Stoltenberg",
                "Stoltenbergs/PER/alias/Jens Stoltenberg",
                "Stoltenberg/PER/alias/Jens Stoltenberg"
            ]
        );
    }

    #[test]
    fn pattern_names_refer_back_and_override_single_entries() {
        assert_eq!(
            tag("Sangeren Kim Larsen kom. Larsen sang."),
            ["Kim Larsen/PER/pattern/", "Larsen/PER/alias/Kim Larsen"]
        );
        assert_eq!(tag("Larsen sang."), ["Larsen/PER/gazetteer/Larsen"]);
        assert_eq!(
            tag("Anders Fogh Rasmussen kom, og Anders Rasmussen gik."),
            [
                "Anders Fogh Rasmussen/PER/pattern/",
                "Anders Rasmussen/PER/alias/Anders Fogh Rasmussen"
            ]
        );
    }

    #[test]
    fn an_alias_replaces_a_name_inside_its_token() {
        // `Grønland` starts inside `Hansen-Grønland`, after the hyphen: the surname that
        // refers back is the mention, the place in it none. A name that goes on past the
        // token keeps its place, and the token is no alias.
        assert_eq!(
            tag("Jon Hansen-Grønland kom. Hansen-Grønland og Grønland."),
            [
                "Jon Hansen-Grønland/PER/pattern/",
                "Hansen-Grønland/PER/alias/Jon Hansen-Grønland",
                "Grønland/LOC/gazetteer/Grønland"
            ]
        );
        assert_eq!(
            tag("Jon Hansen-Grønland kom. Hansen-Grønland Vest."),
            [
                "Jon Hansen-Grønland/PER/pattern/",
                "Grønland Vest/LOC/gazetteer/Grønland Vest"
            ]
        );
    }

    #[test]
    fn common_words_at_sentence_starts_are_no_aliases() {
        // `Mange` ("many") begins the sentence: the word, not Søren Mange's surname.
        assert_eq!(
            tag("Sangeren Søren Mange kom. Mange sang."),
            ["Søren Mange/PER/pattern/"]
        );
        assert_eq!(
            tag("Sangeren Søren Mange kom, og Mange sang."),
            ["Søren Mange/PER/pattern/", "Mange/PER/alias/Søren Mange"]
        );
        // A surname that is no common word still refers back at a sentence start.
        assert_eq!(
            tag("Sangeren Kim Larsen kom. Larsen sang."),
            ["Kim Larsen/PER/pattern/", "Larsen/PER/alias/Kim Larsen"]
        );
    }

    #[test]
    fn abbreviations_refer_back() {
        assert_eq!(
            tag("DI klager. Dansk Industri (DI) mener, at DI's krav står."),
            [
                "Dansk Industri/ORG/gazetteer/Dansk Industri",
                "DI/ORG/alias/Dansk Industri",
                "DI's/ORG/alias/Dansk Industri"
            ]
        );
    }
}
