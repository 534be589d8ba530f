//! Reading the lists: the files of `gazetteers/rules/`, shipped inside the binary or read
//! from a directory, parsed into a [`Lexicon`].

use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use super::ends::EndFilter;
use super::{
    fold_packed, FirstName, Lexicon, Surname, Written, LOWER_ABBREVIATED_TITLE, LOWER_COMMON_WORD,
    LOWER_TITLE,
};
use crate::error::{Error, ErrorKind, Result};
use crate::word_class::kind_word_lines;

/// The last [`Lexicon::id`] handed out.
static LAST_ID: AtomicU64 = AtomicU64::new(0);

pub(super) const FILES: [&str; 15] = [
    "first_names.tsv",
    "titles.txt",
    "org_heads.txt",
    "place_heads.txt",
    "context.txt",
    "common_words.txt",
    "surnames.tsv",
    "legal_forms.txt",
    "lowercase_words.txt",
    "ballot_letters.tsv",
    "function_words.txt",
    "speech_verbs.txt",
    "short_words.txt",
    "surname_endings.txt",
    "east_asian_names.txt",
];

pub(super) const EMBEDDED: [&str; 15] = [
    include_str!("../../gazetteers/rules/first_names.tsv"),
    include_str!("../../gazetteers/rules/titles.txt"),
    include_str!("../../gazetteers/rules/org_heads.txt"),
    include_str!("../../gazetteers/rules/place_heads.txt"),
    include_str!("../../gazetteers/rules/context.txt"),
    include_str!("../../gazetteers/rules/common_words.txt"),
    include_str!("../../gazetteers/rules/surnames.tsv"),
    include_str!("../../gazetteers/rules/legal_forms.txt"),
    include_str!("../../gazetteers/rules/lowercase_words.txt"),
    include_str!("../../gazetteers/rules/ballot_letters.tsv"),
    include_str!("../../gazetteers/rules/function_words.txt"),
    include_str!("../../gazetteers/rules/speech_verbs.txt"),
    include_str!("../../gazetteers/rules/short_words.txt"),
    include_str!("../../gazetteers/rules/surname_endings.txt"),
    include_str!("../../gazetteers/rules/east_asian_names.txt"),
];

/// A count column: a whole number, or 0 when the column is missing or empty (lists of other
/// origin may not have it).
fn count(field: Option<&&str>) -> Result<u32> {
    match field.map(|f| f.trim()) {
        None | Some("") => Ok(0),
        Some(f) => f
            .parse()
            .map_err(|_| Error::gazetteer(format!("expected a count, got {f:?}"))),
    }
}

impl Lexicon {
    /// The word lists that go with the gazetteers in `gazetteers`: its `rules/` directory
    /// where it has one ([`Lexicon::from_dir`]), else the shipped lists; the shipped lists for
    /// the shipped gazetteers (`None`).
    pub fn for_gazetteers(gazetteers: Option<&Path>) -> Result<Lexicon> {
        match gazetteers.map(|dir| dir.join("rules")) {
            Some(rules) if rules.is_dir() => Lexicon::from_dir(&rules),
            _ => Lexicon::shipped(),
        }
    }

    /// The lists shipped with navne.
    pub fn shipped() -> Result<Lexicon> {
        let mut lex = Lexicon::default();
        for (file, text) in FILES.iter().zip(EMBEDDED) {
            let name = format!("gazetteers/rules/{file}");
            lex.add(file, text).map_err(|e| e.with_path(name))?;
        }
        lex.plain_starts();
        Ok(lex)
    }

    /// The lists in `dir` (a `rules/` directory); a file missing there is taken from the
    /// shipped lists.
    pub fn from_dir(dir: &Path) -> Result<Lexicon> {
        let mut lex = Lexicon::default();
        for (file, embedded) in FILES.iter().zip(EMBEDDED) {
            let path = dir.join(file);
            if path.exists() {
                let bytes = fs::read(&path).map_err(|e| Error::from(e).with_path(&path))?;
                let text = String::from_utf8(bytes)
                    .map_err(|_| Error::new(ErrorKind::InvalidUtf8).with_path(&path))?;
                lex.add(file, &text).map_err(|e| e.with_path(&path))?;
            } else {
                lex.add(file, embedded)
                    .map_err(|e| e.with_path(format!("gazetteers/rules/{file}")))?;
            }
        }
        lex.plain_starts();
        Ok(lex)
    }

    /// The entry of `word` in [`Lexicon::written`]'s map, added empty if missing.
    fn written_mut(&mut self, word: &str) -> &mut Written {
        self.written_filter.insert(word);
        self.written.entry(word)
    }

    /// The entry of `word` in [`Lexicon::lowercase_lists`], added empty if missing.
    fn lowercase_mut(&mut self, word: String) -> &mut u8 {
        self.lowercase_filter.insert(&word);
        self.lowercase_lists.entry(&word)
    }

    fn add(&mut self, file: &str, text: &str) -> Result<()> {
        self.id = LAST_ID.fetch_add(1, Ordering::Relaxed) + 1;
        let lines = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i as u64 + 1, l.trim()))
            .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'));
        match file {
            "first_names.tsv" => {
                for (n, line) in lines.skip(1) {
                    let f: Vec<&str> = line.split('\t').collect();
                    let freq = f.get(1).and_then(|x| x.trim().parse::<u8>().ok());
                    let (Some(name), Some(freq)) = (f.first(), freq) else {
                        return Err(Error::gazetteer("expected name, freq, …").with_line(n));
                    };
                    let yes = |k: usize| f.get(k).is_some_and(|c| c.trim() == "yes");
                    let dk_count = count(f.get(4)).map_err(|e| e.with_line(n))?;
                    let first = FirstName {
                        freq,
                        common_word: yes(3),
                        dk_count,
                        word: yes(5),
                    };
                    // Where spellings meet (`Soeren`, `Søren`), the name more people bear.
                    for key in crate::fold::keys(name.trim()) {
                        let better = |old: &FirstName| {
                            (first.dk_count, first.freq) > (old.dk_count, old.freq)
                        };
                        let slot = self.folded_first_names.entry(key).or_insert(first);
                        if better(slot) {
                            *slot = first;
                        }
                    }
                    let lower = name.trim().to_lowercase();
                    self.first_name_filter.insert(&lower);
                    self.lower_first_names.entry(lower).or_insert(first);
                    self.written_mut(name.trim()).first_name = Some(first);
                }
            }
            "titles.txt" => {
                for (_, l) in lines {
                    let lower = l.to_lowercase();
                    // `-spiller`: a title only as the end of a compound, not alone.
                    let (title, alone) = match lower.strip_prefix('-') {
                        Some(tail) => (tail.to_string(), false),
                        None => (lower, true),
                    };
                    if let Some(short) = title.strip_suffix('.').filter(|_| alone) {
                        if short.len() <= crate::word_class::MAX_WORD_BYTES && short.is_ascii() {
                            let packed = crate::word_class::pack(short.as_bytes());
                            let folded = fold_packed(packed, short.len());
                            self.packed_abbreviated_titles.push(folded);
                        } else {
                            self.unpacked_abbreviated_title = true;
                        }
                        *self.lowercase_mut(short.to_string()) |= LOWER_ABBREVIATED_TITLE;
                        continue;
                    }
                    if title.chars().count() >= 4 && title.chars().all(char::is_alphabetic) {
                        self.title_tails.insert(&title);
                        self.title_tail_ends.insert(&title);
                    }
                    self.title_ends.insert(&title);
                    if alone {
                        *self.lowercase_mut(title) |= LOWER_TITLE;
                    }
                }
            }
            "common_words.txt" => {
                for (_, l) in lines {
                    *self.lowercase_mut(l.to_lowercase()) |= LOWER_COMMON_WORD;
                }
            }
            "surnames.tsv" => {
                for (n, line) in lines.skip(1) {
                    let f: Vec<&str> = line.split('\t').collect();
                    let count = count(f.get(1)).map_err(|e| e.with_line(n))?;
                    let word = f.get(2).is_some_and(|c| c.trim() == "yes");
                    let surname = Surname { count, word };
                    for key in crate::fold::keys(f[0].trim()) {
                        let slot = self.folded_surnames.entry(key).or_insert(surname);
                        if surname.count > slot.count {
                            *slot = surname;
                        }
                    }
                    self.lower_surnames
                        .entry(f[0].trim().to_lowercase())
                        .or_insert(surname);
                    self.written_mut(f[0].trim()).surname = Some(surname);
                }
            }
            "ballot_letters.tsv" => {
                for (n, line) in lines.skip(1) {
                    let f: Vec<&str> = line.split('\t').map(str::trim).collect();
                    let [letter, id, name] = f[..] else {
                        return Err(Error::gazetteer("expected letter, id, name").with_line(n));
                    };
                    let party = (id.to_string(), name.to_string());
                    if let &[b] = letter.as_bytes() {
                        if b.is_ascii() {
                            self.ascii_ballot_letters.resize(128, None);
                            self.ascii_ballot_letters[b as usize] = Some(party.clone());
                        }
                    }
                    self.ballot_letters.insert(letter.to_string(), party);
                }
            }
            "lowercase_words.txt" => {
                for (_, line) in lines {
                    let (word, kind) = line.split_once('\t').unwrap_or((line, ""));
                    let name = kind.trim() == "name";
                    self.lowercase_words
                        .insert(word.trim().to_lowercase(), name);
                }
            }
            "function_words.txt" => self.word_classes.add_lines(text)?,
            "short_words.txt" => {
                for (_, word) in lines {
                    self.short_words.insert(word.to_lowercase());
                }
            }
            "surname_endings.txt" => {
                for (_, line) in lines {
                    match line.strip_prefix("not ") {
                        Some(ending) => self.not_surname_endings.insert(ending.trim()),
                        None => {
                            self.surname_endings.insert(line);
                            self.add_surname_tails(line);
                        }
                    }
                }
            }
            "east_asian_names.txt" => {
                for surname in self.east_asian_names.add_lines(text)? {
                    self.written_mut(surname).east_asian_surname = true;
                }
            }
            "speech_verbs.txt" => {
                for (_, line) in lines {
                    let (verb, kind) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
                    self.written_mut(verb).speech_verb = true;
                    if kind.trim() == "org" {
                        self.org_speech_verbs.insert(verb.to_string());
                    }
                }
            }
            "legal_forms.txt" => {
                for (_, form) in lines {
                    self.written_mut(form).org_last = true;
                    self.org_heads.add("last", form.to_string());
                }
            }
            "org_heads.txt" | "place_heads.txt" | "context.txt" => {
                for line in kind_word_lines(text) {
                    let (n, kind, word) = line?;
                    let word = word.to_string();
                    let written = match (file, kind) {
                        ("org_heads.txt", "last") => Some(&mut self.written_mut(&word).org_last),
                        ("org_heads.txt", "first") => Some(&mut self.written_mut(&word).org_first),
                        ("org_heads.txt", "lead") => Some(&mut self.written_mut(&word).org_lead),
                        ("place_heads.txt", "last") => {
                            Some(&mut self.written_mut(&word).place_last)
                        }
                        ("place_heads.txt", "first") => {
                            Some(&mut self.written_mut(&word).place_first)
                        }
                        // The words before a form that tell what it names are kept with the
                        // words as written, so that the feature pass learns them in the one
                        // lookup it makes of every new token.
                        ("context.txt", "place") => Some(&mut self.written_mut(&word).place_word),
                        ("context.txt", "unlisted") => {
                            Some(&mut self.written_mut(&word).unlisted_place_word)
                        }
                        ("context.txt", "club") => Some(&mut self.written_mut(&word).club_word),
                        _ => None,
                    };
                    if let Some(bit) = written {
                        *bit = true;
                    }
                    let known = match (file, kind) {
                        // Only places' names begin with a point of the compass in one word
                        // (`Nordtyskland`).
                        ("org_heads.txt", "point") => false,
                        ("org_heads.txt", _) => self.org_heads.add(kind, word),
                        // Only organisations' names are led by a head (`Center for …`).
                        ("place_heads.txt", "lead") => false,
                        ("place_heads.txt", _) => self.place_heads.add(kind, word),
                        ("context.txt", "place" | "unlisted" | "club") => true,
                        (_, "sport") => {
                            self.sport_stems.push(word);
                            true
                        }
                        (_, "politics") => {
                            self.politics_stems.push(word);
                            true
                        }
                        (_, "media") => {
                            self.media_stems.push(word);
                            true
                        }
                        ("context.txt", "org-noun") => {
                            self.add_noun_tail(&word);
                            self.org_nouns.insert(&word);
                            true
                        }
                        ("context.txt", "owner") => {
                            self.owner_words.insert(word);
                            true
                        }
                        ("context.txt", "place-noun") => {
                            self.add_noun_tail(&word);
                            self.place_nouns.insert(&word);
                            true
                        }
                        _ => false,
                    };
                    if !known {
                        return Err(Error::gazetteer(format!("unknown kind {kind:?}")).with_line(n));
                    }
                }
            }
            _ => unreachable!("FILES lists every file"),
        }
        if file == "context.txt" {
            // The stems' automata are built with the lexicon, not inside the first document.
            self.sport_stems.build();
            self.politics_stems.build();
            self.media_stems.build();
        }
        // Refreshed after every list: any may add punctuated heads.
        for (k, pair) in self.punctuated_pairs.0.iter_mut().enumerate() {
            *pair = [
                self.org_heads.punctuated_pairs[k],
                self.place_heads.punctuated_pairs[k],
            ];
        }
        Ok(())
    }

    /// Notes how the surname `ending` ends in the filter in front of its walk, alone and with a
    /// genitive `s`: its last three bytes, or those of every letter and an ending of two bytes
    /// (`ov`: `jov`, `kov`, …). An ending of other letters than ASCII and Latin-1 ones
    /// (`vić`) needs no note: a word that ends in such letters passes the filter anyway.
    fn add_surname_tails(&mut self, ending: &str) {
        let mut note = |tail: &str| {
            if let Some(k) = EndFilter::key(tail.as_bytes()) {
                self.surname_tails.bits.set(k);
            }
        };
        note(&format!("{ending}s"));
        if ending.len() >= 3 {
            note(ending);
        } else {
            for c in ('a'..='z').chain('à'..='ÿ') {
                note(&format!("{c}{ending}"));
            }
        }
    }

    /// Notes a noun ending ([`Lexicon::names_after`]) in the filter in front of the walks.
    fn add_noun_tail(&mut self, ending: &str) {
        if ending.len() >= 4 {
            self.noun_tails.insert(ending);
        } else {
            self.short_noun = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_name_the_line() {
        let mut lex = Lexicon::default();
        let e = lex
            .add("org_heads.txt", "# c\nlast A/S\nmiddle X\n")
            .unwrap_err();
        assert_eq!(e.line(), Some(3));
        // A head that leads a name is an organisation's only.
        lex.add("org_heads.txt", "lead Center\n").unwrap();
        assert!(lex.org_heads().is_lead("Center") && lex.written("Center").org_lead);
        let e = lex
            .add("place_heads.txt", "last Vej\nlead Center\n")
            .unwrap_err();
        assert_eq!(e.line(), Some(2));
        // A point of the compass begins a place's name only.
        lex.add("place_heads.txt", "point Nord\n").unwrap();
        let e = lex
            .add("org_heads.txt", "last Bank\npoint Nord\n")
            .unwrap_err();
        assert_eq!(e.line(), Some(2));
        let e = lex
            .add("first_names.tsv", "name\tfreq\nJens\tmany\n")
            .unwrap_err();
        assert_eq!(e.line(), Some(2));
    }
}
