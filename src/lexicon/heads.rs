//! The heads of names (`org_heads.txt`, `place_heads.txt`): words that make a capitalised
//! sequence an organisation's or a place's name.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::ends::{EndFilter, EndKey, Endings};
use super::word_table::{Set, WordHasher};

/// Words that make a capitalised sequence a name of one kind (`org_heads.txt`,
/// `place_heads.txt`).
#[derive(Clone, Debug)]
pub struct Heads {
    pub(super) last: Set,
    pub(super) first: Set,
    pub(super) lead: Set,
    /// The `suffix` heads.
    pub(super) suffix: Endings,
    /// The `tail` heads.
    tail: Endings,
    /// How the `last` heads end, to turn most words down at once.
    last_ends: EndFilter,
    /// The `last` heads that are not plain words (`A/S`, `Inc.`), which the tokens split, by
    /// their first two bytes: with the legal forms of every country there are hundreds.
    punctuated: HashMap<[u8; 2], Vec<String>, BuildHasherDefault<WordHasher>>,
    /// One bit for each pair of first two bytes of a punctuated head, to turn most places
    /// down without a lookup.
    pub(super) punctuated_pairs: Box<[u64; 1024]>,
    /// Lowercase words that make a place before them an organisation (`Odense kommune`).
    lower: Set,
    /// Names of countries that make an organisation before them its branch there, one
    /// organisation (`Microsoft Danmark`).
    branch: Set,
    /// Words after ` & ` that make the names before them a firm's, a person's name too
    /// (`Carl Hansen & Søn`, `Jensen & Co.`).
    firm: Set,
    /// Lowercase words that make a name in title case joined to them by a hyphen a compound
    /// of such a name, the name's label for the whole word (`Teknova-direktør`).
    compound: Set,
    /// The points of the compass a place's name may begin with in one word with a listed
    /// place (`Nordtyskland`), the longer first (`Nordvest` before `Nord`), each with its
    /// first eight bytes packed ([`crate::word_class::pack`]): a word's first bytes are
    /// compared with a point of up to eight in a register, where a comparison of texts cost
    /// a call each.
    points: Vec<(u64, String)>,
    /// One bit for each first byte of a point: most words begin with none.
    point_starts: [u64; 4],
}

impl Default for Heads {
    fn default() -> Heads {
        Heads {
            last: Set::default(),
            first: Set::default(),
            lead: Set::default(),
            suffix: Endings::default(),
            tail: Endings::default(),
            last_ends: EndFilter::default(),
            punctuated: HashMap::default(),
            punctuated_pairs: Box::new([0; 1024]),
            lower: Set::default(),
            branch: Set::default(),
            firm: Set::default(),
            compound: Set::default(),
            points: Vec::new(),
            point_starts: [0; 4],
        }
    }
}

impl Heads {
    /// Whether `word`, lowercase after a place, makes the place and it one name
    /// (`Odense kommune`, `Frederikshavn politi`); also in the genitive (`kommunes`).
    pub fn is_lower(&self, word: &str) -> bool {
        self.lower.contains(word)
            || word
                .strip_suffix('s')
                .is_some_and(|w| self.lower.contains(w))
    }

    /// Whether `word`, after an organisation's name and one space, makes the two one
    /// organisation, its branch in that country (`Microsoft Danmark`, `Greenpeace Norge`).
    /// Not in the genitive: `Novo Nordisk Danmarks` is as often the subject of a clause and
    /// the owner of its object (`nu er Novo Nordisk Danmarks største selskab`).
    pub fn is_branch(&self, word: &str) -> bool {
        self.branch.contains(word)
    }

    /// Whether `word`, after a name and ` & `, makes the two a firm's name, whatever the name
    /// before it (`Carl Hansen & Søn`, `H. Nielsen & Sønner`, `Jensen & Co.`).
    pub fn is_firm_word(&self, word: &str) -> bool {
        self.firm.contains(word)
    }

    /// Whether `word`, the last part of a hyphenated compound in lowercase, is a `compound`
    /// word ([`Lexicon::compound_label`]).
    ///
    /// [`Lexicon::compound_label`]: super::Lexicon::compound_label
    pub(super) fn is_compound_word(&self, word: &str) -> bool {
        self.compound.contains(word)
    }

    /// What follows the `point` head that `word` begins with, the longest of those it begins
    /// with (`tyskland` of `Nordtyskland`, `asien` of `Sydøstasien`), if one: a point of the
    /// compass in one word with a place ([`crate::rules`]' `compass` step).
    #[inline]
    pub fn after_point<'w>(&self, word: &'w str) -> Option<&'w str> {
        let bytes = word.as_bytes();
        let &first = bytes.first()?;
        if self.point_starts[usize::from(first >> 6)] & 1 << (first & 63) == 0 {
            return None;
        }
        // `pack` reads only the first eight bytes of a longer word; the slice says so to the
        // compiler, and without it the build inlined other code worse (0.7 M instructions
        // more on 5 MB of news, in code this function is no part of).
        let head = crate::word_class::pack(&bytes[..bytes.len().min(8)]);
        self.points
            .iter()
            .find_map(|(packed, point)| match point.len() {
                len @ 1..=8 => (len <= bytes.len()
                    && head & (u64::MAX >> (64 - 8 * len)) == *packed)
                    // A point is whole characters: its end is a character boundary of `word`.
                    .then(|| &word[len..]),
                _ => word.strip_prefix(point.as_str()),
            })
    }

    /// Whether `token` ends such a name (`A/S`, `Universitet`, `Stadion`).
    pub fn is_last(&self, token: &str) -> bool {
        self.last_ends.may_end(token) && self.last.contains(token)
    }

    /// Whether `token` starts such a name (`FC`).
    pub fn is_first(&self, token: &str) -> bool {
        self.first.contains(token)
    }

    /// Whether `token` starts such a name before `for`, `af` or `of` and a capitalised word
    /// (`Center for Cybersikkerhed`, `University of Copenhagen`), as a `last` head does too
    /// (`Styrelsen for Arbejdsmarked og Rekruttering`).
    pub fn is_lead(&self, token: &str) -> bool {
        self.lead.contains(token)
    }

    /// Whether the single token `token` is such a name by its ending (`Fremskridtspartiet`,
    /// `Bådehavnsgade`).
    pub fn has_suffix(&self, token: &str) -> bool {
        self.suffix.filter.may_end(token) && self.suffix.trie.ends_longer(token)
    }

    /// Whether `token` in lowercase ends in a suffix head ([`Heads::has_suffix`]).
    pub fn has_suffix_in_lowercase(&self, token: &str) -> bool {
        self.suffix
            .end_longer_in_lowercase(token, EndKey::of(token))
    }

    /// Whether `token`, whose key is `key` ([`EndKey::of`]), in lowercase is a compound that
    /// ends in a tail head, which makes it the head of a name of two words or more (`Golfklub`
    /// of `Herning Golfklub`, `Handelsskole` of `Næstved Handelsskole`), though no name alone,
    /// as a suffix head makes it.
    #[inline]
    pub(crate) fn has_tail(&self, token: &str, key: EndKey) -> bool {
        self.tail.end_longer_in_lowercase(token, key)
    }

    /// [`Heads::suffixes_keyed`] of `token`, its key worked out here.
    #[cfg(test)]
    pub(crate) fn suffixes(&self, token: &str) -> (bool, bool) {
        self.suffixes_keyed(token, EndKey::of(token))
    }

    /// [`Heads::has_suffix`] and [`Heads::has_suffix_in_lowercase`] of `token`, whose key is
    /// `key` ([`EndKey::of`]), at once: the filter in front of both is asked once. Inlined:
    /// the filter turns most tokens down, which costs less than the call.
    #[inline]
    pub(crate) fn suffixes_keyed(&self, token: &str, key: EndKey) -> (bool, bool) {
        if !self.suffix.filter.may_end_keyed(key) {
            return (false, false);
        }
        self.suffix.trie.ends_longer_both(token)
    }

    /// The `last` heads with punctuation in them (`A/S`, `Inc.`) that `rest` may start with:
    /// those that share its first two bytes (a head of one byte is none).
    pub fn punctuated_for(&self, rest: &str) -> &[String] {
        rest.as_bytes()
            .get(..2)
            .and_then(|k| self.punctuated.get(&[k[0], k[1]]))
            .map_or(&[], Vec::as_slice)
    }

    /// Whether some punctuated head may start `rest` ([`Heads::punctuated_for`] may find
    /// one): one shares its first two bytes.
    pub fn may_start_punctuated(&self, rest: &[u8]) -> bool {
        rest.get(..2).is_some_and(|k| {
            let pair = usize::from(k[0]) << 8 | usize::from(k[1]);
            self.punctuated_pairs[pair / 64] & 1 << (pair % 64) != 0
        })
    }

    /// Adds `word` as a head of `kind`; false if there is no such kind.
    pub(super) fn add(&mut self, kind: &str, word: String) -> bool {
        match kind {
            "last" => {
                if word.chars().any(|c| !c.is_alphanumeric()) {
                    if let [a, b, ..] = *word.as_bytes() {
                        let pair = usize::from(a) << 8 | usize::from(b);
                        self.punctuated_pairs[pair / 64] |= 1 << (pair % 64);
                        let bucket = self.punctuated.entry([a, b]).or_default();
                        if !bucket.contains(&word) {
                            bucket.push(word.clone());
                        }
                    }
                }
                self.last_ends.insert(&word);
                self.last.insert(word)
            }
            "first" => self.first.insert(word),
            "lead" => self.lead.insert(word),
            "lower" => self.lower.insert(word),
            "branch" => self.branch.insert(word),
            "firm" => self.firm.insert(word),
            "compound" => self.compound.insert(word),
            "suffix" => {
                self.suffix.insert(&word);
                true
            }
            "tail" => {
                self.tail.insert(&word);
                true
            }
            "point" => {
                if let Some(&first) = word.as_bytes().first() {
                    self.point_starts[usize::from(first >> 6)] |= 1 << (first & 63);
                }
                // After the points as long or longer: the first that a word begins with is
                // the longest.
                if !self.points.iter().any(|(_, p)| *p == word) {
                    let at = self.points.partition_point(|(_, p)| p.len() >= word.len());
                    let packed = crate::word_class::pack(&word.as_bytes()[..word.len().min(8)]);
                    self.points.insert(at, (packed, word));
                }
                true
            }
            _ => return false,
        };
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    use crate::lexicon::load::EMBEDDED;
    use crate::lexicon::Lexicon;

    /// A word's longest `point` counts, whatever the order of the lines, and a point may be
    /// longer than the eight bytes compared in a register.
    #[test]
    fn the_longest_point_a_word_begins_with_counts() {
        let mut heads = Heads::default();
        for point in ["Nord", "Øst", "Nordøst", "Sydøst", "Syd", "Nordnordvest"] {
            assert!(heads.add("point", point.to_string()));
        }
        for (word, rest) in [
            ("Nordtyskland", Some("tyskland")),
            ("Nordøstasien", Some("asien")),
            ("Sydøst", Some("")),
            ("Østfyn", Some("fyn")),
            ("Nordnordvestjylland", Some("jylland")),
            ("Nor", None),
            ("Vestfyn", None),
            ("nordtyskland", None),
            ("", None),
        ] {
            assert_eq!(heads.after_point(word), rest, "{word}");
        }
        // The shipped points, as `place_heads.txt` lists them.
        let lex = Lexicon::shipped().unwrap();
        assert_eq!(
            lex.place_heads().after_point("Midtjylland"),
            Some("jylland")
        );
        assert_eq!(lex.place_heads().after_point("Sydvestasien"), Some("asien"));
        assert_eq!(lex.org_heads().after_point("Nordtyskland"), None);
    }

    proptest! {
        /// A word has a suffix head exactly when it is longer than one and ends in it.
        #[test]
        fn suffix_heads_are_found_by_their_ending(
            stem in "[a-zæøåA-Z]{0,6}",
            k in 0usize..40,
            any in "[a-zæøå]{1,12}",
        ) {
            let lex = Lexicon::shipped().unwrap();
            for (heads, file) in [(lex.org_heads(), EMBEDDED[2]), (lex.place_heads(), EMBEDDED[3])] {
                let suffixes: Vec<&str> = file
                    .lines()
                    .filter_map(|l| l.trim().strip_prefix("suffix "))
                    .map(str::trim)
                    .collect();
                let want = |w: &str| suffixes.iter().any(|s| w.len() > s.len() && w.ends_with(s));
                let with_suffix = format!("{stem}{}", suffixes[k % suffixes.len()]);
                let upper = with_suffix.to_uppercase();
                for w in [with_suffix.as_str(), any.as_str(), upper.as_str()] {
                    prop_assert_eq!(heads.has_suffix(w), want(w), "{}", w);
                    let lower = want(&w.to_lowercase());
                    prop_assert_eq!(heads.has_suffix_in_lowercase(w), lower, "{}", w);
                    prop_assert_eq!(heads.suffixes(w), (want(w), lower), "{}", w);
                }
            }
        }
    }
}
