//! The token-feature pass: what the layers ask of a token, worked out once.
//!
//! Each token the layers can reach is cut once
//! ([`super::neighbourhood`](mod@super::neighbourhood)) and gets its [`Features`]: its shape
//! ([`Shape`]: capitalised, in capitals, …), found while cutting, and, once the document's
//! tokens are cut, what the word lists say of its text ([`Lexical`]: its word class, a title,
//! a head, a first name, a frequent word, …) in one word from one probe of the thread's
//! [`Facts`], which works a text out on its first sighting and keeps it. Every layer reads
//! these through the accessors here; none looks a token up itself.

use super::facts::{Facts, Slot};
use super::view::View;
use crate::label::Label;
use crate::lexicon::{EndKey, Heads, Lexicon};
use crate::tokens::{strip_genitive, Shape, Token};
use crate::word_class::WordClass;

/// What the word lists say of one token text, as bits of one word: its [`WordClass`] in the
/// low byte, and a bit per question the layers ask above it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Lexical(u32);

impl Lexical {
    /// The bits of the [`WordClass`], in the low byte; the bits above them up to the byte's end
    /// are free for questions of the word's form alone.
    const CLASS: u32 = 0x1F;
    /// A point of the compass and a word that may be a place (`Nordtyskland`, `Nord-Tyskland`;
    /// [`super::compass::place_after_point`]): the `compass` step asks the gazetteers.
    const POINT_PLACE: u32 = 1 << 7;
    /// Three to five capitals, alone or in the genitive, that are no word, roman numeral or
    /// cry (`DKA`, `DGO's`; [`super::acronym::is_acronym`]): the `acronym` step reads the
    /// context.
    const ACRONYM: u32 = 1 << 6;
    /// A name in title case joined by a hyphen to a word that makes the whole an organisation's
    /// or a place's compound (`Teknova-direktør`, `Tronneallé-kvarteret`;
    /// [`Lexicon::compound_label`]): the `compound` step asks which.
    const COMPOUND: u32 = 1 << 5;
    /// The bits of an acronym and a compound at once, which no word has both of (an acronym
    /// is in capitals, a compound has a part in lowercase): a word in title case with no
    /// hyphen that the lists know nothing of but, maybe, that it is a surname, and that ends
    /// as surnames of Eastern and Southern Europe, Finland, the Caucasus, Turkey and the
    /// Spanish-speaking world do (`Budanov`, `Rodríguez`; [`Lexicon::has_surname_ending`]):
    /// the `surname` step reads its neighbours.
    const FOREIGN_SURNAME: u32 = Self::ACRONYM | Self::COMPOUND;
    /// The bits of an acronym and a point of the compass and a place at once, which no word
    /// has both of (an acronym is in capitals, the place after a point in lowercase): a word
    /// in title case that may begin a name of East Asia ([`crate::syllables`]), a surname of
    /// China, Taiwan or Korea (`Wang`, `Park`) or a word that the lists know nothing of made of
    /// Japanese morae (`Shinzo`): the `east_asia` step reads the word after it.
    const EAST_ASIA: u32 = Self::ACRONYM | Self::POINT_PLACE;
    /// A title or role ([`Lexicon::is_title`]).
    const TITLE: u32 = 1 << 8;
    /// Ends an organisation's name, also in the genitive or as a compound's end.
    const ORG_HEAD: u32 = 1 << 9;
    /// Ends a place's name, likewise.
    const PLACE_HEAD: u32 = 1 << 10;
    /// An organisation or place head as written.
    const ANY_HEAD: u32 = 1 << 11;
    /// A single-word organisation name by its ending (`Fremskridtspartiet`).
    const ORG_SUFFIX: u32 = 1 << 12;
    /// A single-word place name by its ending (`Bådehavnsgade`).
    const PLACE_SUFFIX: u32 = 1 << 13;
    /// Starts an organisation's name (`FC`).
    const ORG_FIRST: u32 = 1 << 14;
    /// Starts a place's name.
    const PLACE_FIRST: u32 = 1 << 15;
    /// A frequent ordinary word.
    const COMMON_WORD: u32 = 1 << 16;
    /// A listed first name, as written or, in capitals, in title case, or a hyphenated pair
    /// of them ([`Lexicon::hyphenated_first_name`]).
    const FIRST_NAME: u32 = 1 << 17;
    /// A verb that introduces a quote's speaker.
    const SPEECH_VERB: u32 = 1 << 18;
    /// A surname that may name a person alone ([`super::person::LONE_SURNAME_MIN`]).
    const LONE_SURNAME: u32 = 1 << 19;
    /// A title abbreviated before a full stop ([`Lexicon::is_abbreviated_title`]).
    const ABBREVIATED_TITLE: u32 = 1 << 20;
    /// A patronymic surname, also in the genitive ([`super::person::is_patronymic`]).
    const PATRONYMIC: u32 = 1 << 21;
    /// The first name of [`Lexical::FIRST_NAME`] is also a frequent word (`Per`, `Hans`).
    const FIRST_NAME_WORD: u32 = 1 << 22;
    /// The first name of [`Lexical::FIRST_NAME`] is in use in Denmark
    /// ([`crate::lexicon::FirstName::is_danish`]).
    const FIRST_NAME_DANISH: u32 = 1 << 23;
    /// A form right after it is a place ([`Lexicon::is_place_word`]: `i`, `fra`).
    const PLACE_WORD: u32 = 1 << 24;
    /// A capitalised word no list knows is a place right after it
    /// ([`Lexicon::places_unlisted_names`]: `i`).
    const UNLISTED_PLACE_WORD: u32 = 1 << 25;
    /// A form right after it is a club ([`Lexicon::is_club_word`]: `mod`).
    const CLUB_WORD: u32 = 1 << 26;
    /// A capitalised name right after it is an organisation ([`Lexicon::names_after`]:
    /// `selskabet`, `analysefirmaet`).
    const ORG_NOUN: u32 = 1 << 27;
    /// A capitalised name right after it is a place ([`Lexicon::names_after`]: `byen`).
    const PLACE_NOUN: u32 = 1 << 28;
    /// A head or a title that is also a surname borne by [`HEAD_SURNAME_MIN`] people or more,
    /// also in the genitive (`Skov`, `Gade`, `Bank`, `Rytter`, `Præst`): after a first name, a
    /// person's ([`View::is_surname_after_first_name`]).
    const HEAD_SURNAME: u32 = 1 << 29;
    /// Starts an organisation's name before `for`, `af` or `of` and a capitalised word: a
    /// `lead` head or a `last` one as written (`Center`, `Styrelsen`; not a compound that
    /// ends in one, `Bestyrelsen`).
    const ORG_LEAD: u32 = 1 << 30;
    /// A listed surname (`surnames.tsv`), also in the genitive, whatever its bearers.
    const SURNAME: u32 = 1 << 31;

    /// What `lexicon` says of `token`, whose shape is `shape`: every question at once.
    pub(super) fn of(lexicon: &Lexicon, token: &str, shape: Shape) -> Lexical {
        let (org, place) = (lexicon.org_heads(), lexicon.place_heads());
        let base = strip_genitive(token);
        // The base is the token or a prefix of it: the token itself when it is as long.
        let genitive = base.len() < token.len();
        // What the lists of words as written say of the token, and of its base if it is a
        // genitive, which most tokens are not: one lookup each.
        let written = lexicon.written_inlined(token);
        let base_written = if !genitive {
            written
        } else {
            lexicon.written(base)
        };
        // Whether the token ends in a suffix head as written, and in lowercase.
        // How the token ends, for the filters in front of the suffix and title lists.
        let end = EndKey::of(token);
        let (org_suffix, org_suffix_lower) = org.suffixes_keyed(token, end);
        let (place_suffix, place_suffix_lower) = place.suffixes_keyed(token, end);
        // A head as written, and a head also in the genitive: the same questions unless the
        // token is a genitive.
        // A capitalised compound that ends in a tail head (`Golfklub`) heads a name too, also
        // in the genitive (`Golfklubs`).
        let tail = |h: &Heads, w: &str, key| shape.capitalised() && h.has_tail(w, key);
        let org_written = written.org_last || org_suffix_lower || tail(org, token, end);
        let place_written = written.place_last || place_suffix_lower || tail(place, token, end);
        let head = |h: &Heads, written: bool, last: bool, base_last: bool| {
            if !genitive {
                written
            } else {
                last || base_last
                    || h.has_suffix_in_lowercase(base)
                    || tail(h, base, EndKey::of(base))
            }
        };
        let first_name = match written.first_name {
            Some(f) => Some(f),
            None if shape.all_caps() => lexicon.first_name_in_title_case(token),
            // A plain byte loop: `contains` would set up a `memchr` search per token.
            None if shape.capitalised() && token.bytes().any(|b| b == b'-') => {
                lexicon.hyphenated_first_name(token)
            }
            None => None,
        };
        let lower = lexicon.lowercase_facts_keyed(token, end);
        // The token as written is a surname (`Prins`, `Brandes`), or its base is when it is a
        // genitive (`Skovs`): a surname that ends in `s` is no genitive of its base. A head as
        // written is no genitive of a surname (`Holdings`, though 20 people bear `Holding`).
        let head_as_written = written.org_last || written.place_last;
        let surname = written
            .surname
            .or(base_written.surname.filter(|_| !head_as_written));
        let lone_surname =
            surname.is_some_and(|s| s.count >= super::person::LONE_SURNAME_MIN && !s.word);
        let org_head = head(org, org_written, written.org_last, base_written.org_last);
        let place_head = head(
            place,
            place_written,
            written.place_last,
            base_written.place_last,
        );
        let head_surname = (org_head || place_head || lower.title)
            && surname.is_some_and(|s| s.count >= HEAD_SURNAME_MIN);
        let bit = |yes: bool, bit: u32| if yes { bit } else { 0 };
        let names_after = lexicon.names_after(token);
        let bits = u32::from(lexicon.word_class(token).bits())
                | bit(lower.title, Self::TITLE)
                | bit(lower.abbreviated_title, Self::ABBREVIATED_TITLE)
                | bit(org_head, Self::ORG_HEAD)
                | bit(place_head, Self::PLACE_HEAD)
                | bit(org_written || place_written, Self::ANY_HEAD)
                | bit(org_suffix, Self::ORG_SUFFIX)
                | bit(place_suffix, Self::PLACE_SUFFIX)
                | bit(written.org_first, Self::ORG_FIRST)
                | bit(written.place_first, Self::PLACE_FIRST)
                | bit(lower.common_word, Self::COMMON_WORD)
                | bit(first_name.is_some(), Self::FIRST_NAME)
                | bit(
                    first_name.is_some_and(|f| f.common_word),
                    Self::FIRST_NAME_WORD,
                )
                | bit(
                    first_name.is_some_and(|f| f.is_danish()),
                    Self::FIRST_NAME_DANISH,
                )
                | bit(written.speech_verb, Self::SPEECH_VERB)
                // A patronymic's base ends in `-sen` or `-son`: most tokens' do not end in `n`.
                | bit(
                    base.ends_with('n') && super::person::is_patronymic(token),
                    Self::PATRONYMIC,
                )
                | bit(lone_surname, Self::LONE_SURNAME)
                | bit(written.place_word, Self::PLACE_WORD)
                | bit(written.unlisted_place_word, Self::UNLISTED_PLACE_WORD)
                | bit(written.club_word, Self::CLUB_WORD)
                | bit(names_after == Some(Label::Org), Self::ORG_NOUN)
                | bit(names_after == Some(Label::Loc), Self::PLACE_NOUN)
                | bit(head_surname, Self::HEAD_SURNAME)
                | bit(written.org_lead || written.org_last, Self::ORG_LEAD)
                | bit(surname.is_some(), Self::SURNAME)
                | bit(
                    super::compass::place_after_point(place, token).is_some(),
                    Self::POINT_PLACE,
                )
                | bit(
                    shape.capitalised() && super::acronym::is_acronym(lexicon, token),
                    Self::ACRONYM,
                )
                // A compound's last part is in lowercase: most capitalised tokens have none.
                | bit(
                    shape.capitalised()
                        && !shape.parts_capitalised()
                        && lexicon.compound_label(token).is_some(),
                    Self::COMPOUND,
                );
        // A foreign surname is asked of a word in title case that the lists know nothing else
        // of: its ending last.
        let foreign_surname = bits & !Self::SURNAME == 0
            && shape.capitalised()
            && !shape.all_caps()
            && shape.parts_capitalised()
            && !token.contains('-')
            && lexicon.has_surname_ending(token);
        // A name of East Asia is asked of a word in title case of no rare form: whether it is a
        // surname of the list, from the lookup above; whether it is a Japanese given name
        // only if the lists know nothing else of it ([`super::east_asia::may_be_japanese`]).
        let east_asia = !foreign_surname
            && bits & Self::RARE_FORMS == 0
            && shape.capitalised()
            && !shape.all_caps()
            && (written.east_asian_surname
                || bits & !(Self::SURNAME | Self::LONE_SURNAME) == 0
                    && super::east_asia::may_be_japanese(lexicon, token));
        Lexical(
            bits | bit(foreign_surname, Self::FOREIGN_SURNAME) | bit(east_asia, Self::EAST_ASIA),
        )
    }

    /// [`Lexical::lookup_in`] of token `t` of `text`, its head and slot worked out here.
    #[cfg(test)]
    pub fn lookup(
        facts: &mut Facts,
        lexicon: &Lexicon,
        (text, t): (&str, Token),
        shape: Shape,
    ) -> Lexical {
        let bytes = &text.as_bytes()[t.start..t.end];
        let head = crate::word_class::pack(bytes);
        let slot = facts.prefetch(bytes, head);
        Lexical::lookup_in(facts, lexicon, (text, t), (shape, head, slot))
    }

    /// What `lexicon` says of token `t` of `text` (shaped `shape`), from what the thread's
    /// `facts` keep, else worked out and kept. The token's first eight bytes pack to `head`
    /// ([`crate::tokens::shaped_token_packed`]) and its slot in the facts is `slot`, fetched
    /// ahead ([`Facts::prefetch`]). The facts are asked by the token's bytes, which need no
    /// test of character boundaries.
    #[inline(always)]
    pub fn lookup_in(
        facts: &mut Facts,
        lexicon: &Lexicon,
        (text, t): (&str, Token),
        (shape, head, slot): (Shape, u64, Slot),
    ) -> Lexical {
        match facts.get_in(slot, &text.as_bytes()[t.start..t.end], head) {
            Some(bits) => Lexical(bits),
            None => Lexical::learn(facts, lexicon, (t.text(text), head), shape),
        }
    }

    /// A stand-in for what the word lists say of a token, until it is looked up: where its
    /// answers are kept in the facts ([`Lexical::slot`]). Only the feature pass makes one, and
    /// it looks every token up before any layer reads it.
    pub(super) fn pending(slot: Slot) -> Lexical {
        Lexical(slot.0)
    }

    /// The slot of a [`Lexical::pending`] stand-in.
    pub(super) fn slot(self) -> Slot {
        Slot(self.0)
    }

    /// [`Lexical::lookup_in`] of a text the thread does not know yet: worked out and kept. Kept
    /// out of line, as the one token in twenty that is new must not weigh on the others
    /// (registers saved, a frame set up) in every lookup.
    #[cold]
    #[inline(never)]
    fn learn(
        facts: &mut Facts,
        lexicon: &Lexicon,
        (token, head): (&str, u64),
        shape: Shape,
    ) -> Lexical {
        let lexical = Lexical::of(lexicon, token, shape);
        facts.insert_packed(token.as_bytes(), head, lexical.0);
        lexical
    }

    /// Whether the text has `bit`.
    fn has(self, bit: u32) -> bool {
        self.0 & bit != 0
    }

    /// The forms that few words have and a step looks for among [`Cut::forms`]: an acronym,
    /// a point of the compass and a place, a name's compound, and two of them at once for a
    /// foreign surname ([`Lexical::FOREIGN_SURNAME`]) and a word that may begin a name of East
    /// Asia ([`Lexical::EAST_ASIA`]).
    const RARE_FORMS: u32 = Self::ACRONYM | Self::POINT_PLACE | Self::COMPOUND;

    /// Whether the word is a frequent word and nothing else the lists know: no name, title,
    /// head, speech verb or noun that names what follows it, and no word of
    /// `function_words.txt` ([`crate::rules::plain_starts`]).
    pub(super) fn is_only_common_word(self) -> bool {
        self.0 == Self::COMMON_WORD
    }

    /// Whether the feature pass notes the token, in [`Cut::nouns`] or [`Cut::forms`]: one
    /// test for both, which most tokens fail.
    #[inline(always)]
    pub(super) fn noted(self) -> bool {
        self.has(Self::ORG_NOUN | Self::PLACE_NOUN | Self::RARE_FORMS)
    }

    /// Whether the text has a form of [`Lexical::RARE_FORMS`].
    pub(super) fn has_rare_form(self) -> bool {
        self.has(Self::RARE_FORMS)
    }

    /// Whether the text is a noun that says what a name right after it is
    /// ([`Lexicon::names_after`]).
    pub(super) fn names_something(self) -> bool {
        self.has(Self::ORG_NOUN | Self::PLACE_NOUN)
    }

    /// The text's word class.
    pub fn class(self) -> WordClass {
        WordClass::from_bits((self.0 & Self::CLASS) as u8)
    }
}

/// The fewest bearers in Denmark of a surname that is also a head (`Skov`, `Gade`, `Bank`)
/// for it to end a person's name after a first name (`Peter Skov`) rather than a place's or an
/// organisation's: `Hav` (85 bearers) and `Skole` (63) are such surnames; `Vej` (47) and
/// `Hallen` (37) are not. The same holds for a title that is a surname (`Prins`, 69 bearers;
/// `Kong`, 41, is none).
pub(crate) const HEAD_SURNAME_MIN: u32 = 50;

/// The most middle initials between a first name and a surname that is a head
/// ([`View::is_surname_after_first_name`]): `Hans C. H. Skov`.
const MAX_INITIALS: usize = 3;

/// What the feature pass finds of one token.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Features {
    /// The token's shape.
    pub shape: Shape,
    /// What the word lists say of its text.
    pub lexical: Lexical,
}

/// The tokens cut from one document, their features, and which are capitalised.
#[derive(Debug, Default)]
pub(crate) struct Cut {
    /// The tokens, in text order.
    pub tokens: Vec<Token>,
    /// Per token, its features.
    pub features: Vec<Features>,
    /// Indices of the capitalised tokens.
    pub capitalised: Vec<usize>,
    /// Indices of the tokens that say what a name right after them is (`selskabet`, `byen`:
    /// [`Lexical::names_something`]), noted as the tokens are looked up.
    pub nouns: Vec<usize>,
    /// Indices of the tokens of a form few have, which a step looks for: an acronym (`DKA`),
    /// a point of the compass and a place (`Nordtyskland`), a name's compound
    /// (`Teknova-direktør`), a foreign surname (`Budanov`), a word that may begin a name of
    /// East Asia (`Wang`, `Shinzo`) ([`Lexical::has_rare_form`]), noted likewise.
    pub forms: Vec<usize>,
}

impl Cut {
    /// Adds token `t` with its `features`.
    pub fn push(&mut self, t: Token, features: Features) {
        if features.shape.capitalised() {
            self.capitalised.push(self.tokens.len());
        }
        self.tokens.push(t);
        self.features.push(features);
    }

    /// Empties the vectors, keeping their room.
    pub fn clear(&mut self) {
        self.tokens.clear();
        self.features.clear();
        self.capitalised.clear();
        self.nouns.clear();
        self.forms.clear();
    }
}

/// Of a bit of organisations' heads and its twin of places' heads, the one of `label`, chosen
/// as [`View::heads`] chooses the heads.
fn by_label(label: Label, org: u32, place: u32) -> u32 {
    match label {
        Label::Org => org,
        _ => place,
    }
}

impl<'a> View<'a> {
    /// Whether token `i` is a title or role (`statsminister`, `direktør`).
    pub fn is_title(&self, i: usize) -> bool {
        self.lexical(i, Lexical::TITLE)
    }

    /// Whether token `i`, followed by a full stop, is an abbreviated title (`dr`, `hr`).
    pub fn is_abbreviated_title(&self, i: usize) -> bool {
        self.lexical(i, Lexical::ABBREVIATED_TITLE)
    }

    /// Whether token `i`, also in the genitive, is a patronymic surname (`Nielsen`, `Madsens`).
    pub fn is_patronymic(&self, i: usize) -> bool {
        self.lexical(i, Lexical::PATRONYMIC)
    }

    /// Whether token `i` is three to five capitals, alone or in the genitive, that are no word,
    /// roman numeral or cry (`DKA`, `DGO's`; [`super::acronym::is_acronym`]).
    pub fn is_acronym(&self, i: usize) -> bool {
        self.rare_form(i) == Lexical::ACRONYM
    }

    /// Whether token `i` is a name in title case joined by a hyphen to a word that makes the
    /// whole a compound of an organisation's or a place's name (`Teknova-direktør`).
    pub fn is_compound(&self, i: usize) -> bool {
        self.rare_form(i) == Lexical::COMPOUND
    }

    /// Whether token `i` is a word in title case that the lists know nothing of but, maybe,
    /// that it is a surname, and that ends as surnames of Eastern and Southern Europe, Finland, the
    /// Caucasus, Turkey and the Spanish-speaking world do (`Budanov`, `Plenković`,
    /// `Rodríguez`; [`Lexicon::has_surname_ending`]).
    pub fn is_foreign_surname(&self, i: usize) -> bool {
        self.rare_form(i) == Lexical::FOREIGN_SURNAME
    }

    /// Whether token `i` may begin a name of East Asia: a surname of China, Taiwan or Korea
    /// (`Wang`, `Park`), or a word in title case that the lists know nothing of made of
    /// Japanese morae (`Shinzo`; [`crate::syllables`]).
    pub fn may_begin_east_asian_name(&self, i: usize) -> bool {
        self.rare_form(i) == Lexical::EAST_ASIA
    }

    /// Token `i`'s bits of an acronym, a compound and a point of the compass and a place, two
    /// of which a foreign surname and a word that may begin a name of East Asia have.
    fn rare_form(&self, i: usize) -> u32 {
        self.features[i].lexical.0 & Lexical::RARE_FORMS
    }

    /// Whether token `i` is a point of the compass and a word that may be a place
    /// ([`super::compass::place_after_point`]: `Nordtyskland`, `Nord-Tyskland`).
    pub fn is_point_and_place(&self, i: usize) -> bool {
        self.rare_form(i) == Lexical::POINT_PLACE
    }

    /// Whether token `i`, also in the genitive, is a listed surname (`surnames.tsv`), whatever
    /// its bearers.
    pub fn is_surname(&self, i: usize) -> bool {
        self.lexical(i, Lexical::SURNAME)
    }

    /// Whether token `i` is a verb that introduces a quote's speaker (`siger`, `sagde`).
    pub fn is_speech_verb(&self, i: usize) -> bool {
        self.lexical(i, Lexical::SPEECH_VERB)
    }

    /// Whether token `i` (or the name of its genitive) is a surname borne by
    /// [`super::person::LONE_SURNAME_MIN`] people or more in Denmark and no word: one that may name a
    /// person alone.
    pub fn is_lone_surname(&self, i: usize) -> bool {
        self.lexical(i, Lexical::LONE_SURNAME)
    }

    /// Whether token `i` is a frequent ordinary word ([`View::is_common_word`]) that no list
    /// has as a surname or a first name: no part of a person's name (`Hør`, `Læs`, `Skriv`;
    /// not `Skov`, `Rose`, `Per`).
    pub fn is_plain_word(&self, i: usize) -> bool {
        let bits = self.features[i].lexical;
        bits.has(Lexical::COMMON_WORD) && !bits.has(Lexical::SURNAME | Lexical::FIRST_NAME)
    }

    /// Whether a form right after token `i` is a place ([`Lexicon::is_place_word`]: `i`, `fra`).
    pub fn is_place_word(&self, i: usize) -> bool {
        self.lexical(i, Lexical::PLACE_WORD)
    }

    /// Whether a capitalised word that no list knows is a place right after token `i`
    /// ([`Lexicon::places_unlisted_names`]: `i`).
    pub fn places_unlisted_names(&self, i: usize) -> bool {
        self.lexical(i, Lexical::UNLISTED_PLACE_WORD)
    }

    /// Whether a form right after token `i` is a club ([`Lexicon::is_club_word`]: `mod`).
    pub fn is_club_word(&self, i: usize) -> bool {
        self.lexical(i, Lexical::CLUB_WORD)
    }

    /// What a capitalised name right after token `i` names, if token `i` is a noun that
    /// says so ([`Lexicon::names_after`]: `selskabet`, `byen`), in lowercase or capitalised
    /// at a sentence start (`Bandet Gasolin'`).
    #[inline(always)]
    pub fn names_after(&self, i: usize) -> Option<Label> {
        // One test for the many tokens that are neither.
        if !self.lexical(i, Lexical::ORG_NOUN | Lexical::PLACE_NOUN)
            || self.is_capitalised(i) && !self.starts_sentence(i)
        {
            None
        } else if self.lexical(i, Lexical::ORG_NOUN) {
            Some(Label::Org)
        } else {
            Some(Label::Loc)
        }
    }

    /// Whether token `i` is a frequent ordinary word ([`Lexicon::is_common_word`]).
    pub fn is_common_word(&self, i: usize) -> bool {
        self.lexical(i, Lexical::COMMON_WORD)
    }

    /// Whether token `i` is a listed first name, as written or, in capitals, in title case
    /// (`JENS`).
    pub fn may_be_first_name(&self, i: usize) -> bool {
        self.lexical(i, Lexical::FIRST_NAME)
    }

    /// Whether the first name token `i` is ([`View::may_be_first_name`]) is also a frequent
    /// word (`Per`, `Hans`).
    pub fn first_name_is_word(&self, i: usize) -> bool {
        self.lexical(i, Lexical::FIRST_NAME_WORD)
    }

    /// Whether the first name token `i` is ([`View::may_be_first_name`]) is in use in Denmark
    /// ([`crate::lexicon::FirstName::is_danish`]).
    pub fn first_name_is_danish(&self, i: usize) -> bool {
        self.lexical(i, Lexical::FIRST_NAME_DANISH)
    }

    /// The heads of names labelled `label`: organisations' for `ORG`, places' otherwise.
    pub fn heads(&self, label: Label) -> &'a Heads {
        match label {
            Label::Org => self.lexicon.org_heads(),
            _ => self.lexicon.place_heads(),
        }
    }

    /// Whether token `i`'s text has the [`Lexical`] bit `bit`.
    fn lexical(&self, i: usize, bit: u32) -> bool {
        self.features[i].lexical.has(bit)
    }

    /// Whether the single token `i` is a name with a head of `label` by its ending
    /// ([`crate::lexicon::Heads::has_suffix`]).
    pub fn has_suffix(&self, i: usize, label: Label) -> bool {
        self.lexical(
            i,
            by_label(label, Lexical::ORG_SUFFIX, Lexical::PLACE_SUFFIX),
        )
    }

    /// Whether token `i` starts a name with a head of `label` (`FC`).
    pub fn is_first(&self, i: usize, label: Label) -> bool {
        self.lexical(i, by_label(label, Lexical::ORG_FIRST, Lexical::PLACE_FIRST))
    }

    /// Whether token `i` starts with an uppercase letter.
    pub fn is_capitalised(&self, i: usize) -> bool {
        self.features[i].shape.capitalised()
    }

    /// Whether token `i` has two or more letters, all capitals.
    pub fn is_all_caps(&self, i: usize) -> bool {
        self.features[i].shape.all_caps()
    }

    /// Whether token `i` is in capitals and at most three characters long: the shape of an
    /// abbreviation (`UK`, `IRA`, `3F`), seldom of a name alone.
    pub fn is_short_caps(&self, i: usize) -> bool {
        let s = self.features[i].shape;
        s.all_caps() && !s.long_all_caps()
    }

    /// Whether token `i` is a word in capitals: two or more letters, all capitals, and nothing
    /// but letters (`NATO`; not `3F`, `DR's`).
    pub fn is_caps_word(&self, i: usize) -> bool {
        self.features[i].shape.all_caps_letters()
    }

    /// Whether token `i` can be part of a name: capitalised, every hyphenated part too
    /// (`Thorning-Schmidt` yes, `Kosan-direktørerne` no), and not all capitals unless short
    /// (`IV` yes, `NATO` no).
    pub fn is_name_token(&self, i: usize) -> bool {
        let s = self.features[i].shape;
        s.parts_capitalised() && !s.long_all_caps()
    }

    /// Whether token `i` is an initial or abbreviated name with its full stop: the `M.` of
    /// `Poul M. Jensen`, `Chr.`, `Th.`. A first name in use in Denmark is a name, not an
    /// abbreviation, and its full stop ends a sentence (`sagde Ole. Derefter`); so does the
    /// full stop of a word that opens a clause (`sagde Det. Derefter`), and of an
    /// abbreviation in capitals of two letters or three (`med USA. Erik Karlsson`, `i EF.
    /// Robert Jacobsen`; [`Shape::initial_shaped`]): a sentence ends there.
    pub fn is_initial(&self, i: usize) -> bool {
        let f = self.features[i];
        f.shape.initial_shaped()
            && self.text.as_bytes().get(self.tokens[i].end) == Some(&b'.')
            && !f.lexical.has(Lexical::FIRST_NAME_DANISH)
            && !f.lexical.class().has(WordClass::CLAUSE)
    }

    /// Whether a capitalised word of a saint stands right before token `i`, a capitalised
    /// one, after one space or its full stop and one space (`Sankt Hans`, `Skt. Knud`;
    /// `saint` in `function_words.txt`): a first name there names a saint, a saint's day or a
    /// place named for one, not a person, and a name goes on across the full stop (`Skt.
    /// Knuds Skole`). Whether the words are capitalised first, from their features, then the
    /// gap's bytes; the word's class, which the features do not hold, last.
    pub fn follows_saint(&self, i: usize) -> bool {
        let Some(p) = i.checked_sub(1) else {
            return false;
        };
        if !(self.is_capitalised(i) && self.is_capitalised(p)) {
            return false;
        }
        let gap = &self.text.as_bytes()[self.tokens[p].end..self.tokens[i].start];
        matches!(gap, b" " | b". ") && self.lexicon.word_class(self.tok(p)).has(WordClass::SAINT)
    }

    /// Whether token `i` is an initial ([`View::is_initial`]) inside a name that goes on, as
    /// a person's name is walked, not the last word of a sentence ([`View::ends_sentence_at`]).
    /// Asked only along a walk, where it decides where the name ends: elsewhere such a token
    /// still counts as an initial, which costs less.
    pub fn is_initial_in_name(&self, i: usize) -> bool {
        self.is_initial(i) && !self.ends_sentence_at(i)
    }

    /// Whether the full stop after token `i`, an initial's shape, ends a sentence. After a
    /// letter alone, only where a frequent word that is no name or initial follows it across
    /// plain space (`Udspil: Ru K. Der er`; but `Poul M. Jensen`, `A. B. Larsen`, `H.L.`).
    /// After two letters or three, a name goes on only in a surname that is no first name
    /// (`Jens Bak. Hansen`, `Jens Chr. Hansen`, `Carl Th. Dreyer`): before anything else the
    /// word is a sentence's last, a surname (`siger Benny Dam. Ellen vinkede`, `Lars Bak.`)
    /// or a place (`bor på Møn. Ulrik Sørensen mener`) as much as an abbreviation.
    #[cold]
    #[inline(never)]
    pub fn ends_sentence_at(&self, i: usize) -> bool {
        let stop = self.tokens[i].end + 1;
        let next = i + 1;
        let spaced = next < self.tokens.len() && self.spaced(stop, self.tokens[next].start);
        if self.tok(i).chars().nth(1).is_none() {
            return spaced && self.is_plain_word(next) && !self.is_initial(next);
        }
        let surname = || {
            self.is_name_token(next)
                && (self.is_surname(next) || self.is_patronymic(next))
                && !self.may_be_first_name(next)
        };
        !(spaced && surname())
    }

    /// Whether token `i`, also in the genitive, is the last word of a name with a head of
    /// `label` (`Universitet`, `Landsforenings`, `Udviklingsbank`; `Stadion`, `-gade`).
    pub fn is_head(&self, i: usize, label: Label) -> bool {
        self.lexical(i, by_label(label, Lexical::ORG_HEAD, Lexical::PLACE_HEAD))
    }

    /// Whether token `i` is a head or a title that is also a surname ([`HEAD_SURNAME_MIN`]),
    /// right after a capitalised first name in use in Denmark, with plain space between, or
    /// after such a first name and middle initials (`Christian E. Skov`, `Peter H.L. Bjerg`):
    /// the end of a person's name, not a place's or an organisation's (`Peter Skov`, `Jesper
    /// Bank`, `Per Gade`; not `Nikolaj Plads`, whose head is no surname, nor `Amager
    /// Strand`), and no title after it (`Nicklas Rytter`, `Anders Præst`).
    pub fn is_surname_after_first_name(&self, i: usize) -> bool {
        if !self.lexical(i, Lexical::HEAD_SURNAME) {
            return false;
        }
        // `next` is the token after `p`; the walk goes back over the initials between.
        let (mut p, mut next) = (i.checked_sub(1), i);
        for _ in 0..MAX_INITIALS {
            let Some(q) = p.filter(|&q| self.is_initial(q)) else {
                break;
            };
            // After an initial's full stop: a space, or the next initial (`H.L.`).
            let stop = self.tokens[q].end + 1;
            let joined = stop == self.tokens[next].start && self.is_initial(next);
            if !(joined || self.spaced(stop, self.tokens[next].start)) {
                return false;
            }
            (p, next) = (q.checked_sub(1), q);
        }
        p.is_some_and(|p| {
            self.may_be_first_name(p)
                && self.first_name_is_danish(p)
                && self.is_capitalised(p)
                && self.spaced(self.tokens[p].end, self.tokens[next].start)
        })
    }

    /// Whether token `i` starts an organisation's name before `for`, `af` or `of` and a
    /// capitalised word (`Center for Cybersikkerhed`, `Styrelsen for Arbejdsmarked`,
    /// `University of Copenhagen`): a `lead` head of `org_heads.txt` or a `last` one as
    /// written.
    pub fn leads_org(&self, i: usize) -> bool {
        self.lexical(i, Lexical::ORG_LEAD)
    }

    /// Whether token `i` as written is an organisation or place head (`Bryggerierne` is not,
    /// `Plads` is): then a name it is part of is not a person's.
    pub fn is_any_head(&self, i: usize) -> bool {
        self.lexical(i, Lexical::ANY_HEAD)
    }

    /// Whether token `i` is a word in the definite form ([`is_definite`]) that no list has as
    /// a surname or first name and that is no head or initial (`Kålen`, `Usikkerheden`,
    /// `Rektoren`; not `Jensen`, `Holmen`, `Stadion`).
    pub fn is_unnamed_definite(&self, i: usize) -> bool {
        !(self.is_surname(i)
            || self.is_patronymic(i)
            || self.may_be_first_name(i)
            || self.is_any_head(i)
            || self.is_initial(i))
            && is_definite(self.tok(i))
    }

    /// Whether token `i` is a particle inside a person's name (`van`, `de`).
    pub fn is_particle(&self, i: usize) -> bool {
        self.features[i].lexical.class().has(WordClass::PARTICLE)
    }

    /// Whether token `i` is a connector inside an organisation's name (`og`, `for`).
    pub fn is_connector(&self, i: usize) -> bool {
        self.features[i].lexical.class().has(WordClass::CONNECTOR)
    }

    /// Whether token `i` is a capitalised word that opens a sentence or clause and is never
    /// inside a name (`clause` and `article` in `function_words.txt`): a name ends before it.
    pub fn opens_clause(&self, i: usize) -> bool {
        let f = self.features[i];
        f.shape.capitalised() && f.lexical.class().has(WordClass::CLAUSE)
    }

    /// Whether token `i` opens a clause ([`View::opens_clause`]) and is not one of the
    /// articles that also begin names: no name starts with it.
    pub fn begins_no_name(&self, i: usize) -> bool {
        self.opens_clause(i) && !self.is_name_article(i)
    }

    /// Whether token `i` is an article that begins names (`Den` of `Den Blå Avis`).
    pub fn is_name_article(&self, i: usize) -> bool {
        self.features[i].lexical.class().has(WordClass::ARTICLE)
    }
}

/// Whether `word` ends as a Danish noun in the definite form does (`Traditionen`, `Kuppet`,
/// `Stenene`, `Året`; five bytes or more, not `Den`): no surname, which a plain word could be
/// after a first name alone.
pub(super) fn is_definite(word: &str) -> bool {
    word.len() >= 5 && (word.ends_with("en") || word.ends_with("et") || word.ends_with("ne"))
}
