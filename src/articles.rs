//! The Arabic articles before names (`al-Assad`, `ash-Shaibani`): the list of
//! `gazetteers/rules/arabic_articles.txt`, read with the gazetteers, and the questions the
//! matcher and the person patterns ask of it.
//!
//! The matcher needs the list as it builds (a name listed as `Al-Qaeda` is also a form
//! `al-Qaeda`) and as it scans (a name is looked for from the capital after a lowercase
//! article), before the rule word lists are read, which load beside it on another thread: so
//! the list comes with the [`crate::gazetteer::Gazetteer`], and the matcher keeps it for the
//! layers.

use crate::error::{Error, Result};
use crate::text::is_token_start;
use crate::tokens::Token;

/// The list's file name, in a gazetteer directory's `rules/`.
pub const FILE: &str = "arabic_articles.txt";

/// The shipped list.
const EMBEDDED: &str = include_str!("../gazetteers/rules/arabic_articles.txt");

/// The Arabic articles as Danish text writes them, in lowercase and with their hyphen (`al-`,
/// `ash-`), with tables of their bytes that turn most words down before the list is read.
#[derive(Clone, Debug)]
pub struct ArabicArticles {
    /// The articles, hyphen included, in the order of the file.
    list: Vec<String>,
    /// The first letters of the articles, bit `b & 63` for letter `b`. They are lowercase
    /// ASCII letters, no two of which share a bit; another byte may share one with a letter,
    /// and is turned down by the tests after this one.
    first: u64,
    /// Bit `k`: an article's hyphen is its byte `k` (2 to 4).
    hyphen_at: u8,
    /// Bit `b & 31` of entry `a & 31`: an article ends in the letters `a` and `b` before its
    /// hyphen (`al`, `sh`); exact for the lowercase ASCII letters, which are all an article
    /// holds.
    ends: [u32; 32],
}

impl Default for ArabicArticles {
    /// The shipped list.
    fn default() -> ArabicArticles {
        ArabicArticles::parse(EMBEDDED).expect("the shipped list of Arabic articles parses")
    }
}

impl ArabicArticles {
    /// The articles of `text`, one per line (two to four lowercase ASCII letters and a hyphen;
    /// `#` begins a comment line, and blank lines are skipped). An error names the line of a
    /// bad one.
    pub fn parse(text: &str) -> Result<ArabicArticles> {
        let mut articles = ArabicArticles {
            list: Vec::new(),
            first: 0,
            hyphen_at: 0,
            ends: [0; 32],
        };
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let letters = line.strip_suffix('-').unwrap_or("");
            if !(2..=4).contains(&letters.len()) || !letters.bytes().all(|b| b.is_ascii_lowercase())
            {
                return Err(Error::gazetteer(format!(
                    "expected an Arabic article: two to four lowercase letters and a hyphen, not {line:?}"
                ))
                .with_line(i as u64 + 1));
            }
            let bytes = letters.as_bytes();
            let (a, b) = (bytes[bytes.len() - 2], bytes[bytes.len() - 1]);
            articles.first |= 1 << (bytes[0] & 63);
            articles.hyphen_at |= 1 << letters.len();
            articles.ends[usize::from(a & 31)] |= 1 << (b & 31);
            if !articles.list.iter().any(|x| x == line) {
                articles.list.push(line.to_string());
            }
        }
        Ok(articles)
    }

    /// Whether an article may end right before byte `pos` of `text[body..]`, its hyphen the
    /// byte before `pos`: the two letters before that hyphen end one. Most words after a
    /// hyphen follow no article (`FN-soldater`, `Nord-Korea`), and are turned down here.
    #[inline(always)]
    pub(crate) fn may_end_before(&self, bytes: &[u8], body: usize, pos: usize) -> bool {
        pos >= body + 3
            && self.ends[usize::from(bytes[pos - 3] & 31)] & 1 << (bytes[pos - 2] & 31) != 0
    }

    /// Where an article starts that a token starts with and that ends right before byte `pos`
    /// of `text[body..]` (`al-` of `al-Qaeda`, `pos` at the `Q`), if one does.
    pub(crate) fn before(&self, text: &str, body: usize, pos: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        self.list.iter().find_map(|a| {
            let start = pos.checked_sub(a.len()).filter(|&s| s >= body)?;
            (&bytes[start..pos] == a.as_bytes() && is_token_start(text, start)).then_some(start)
        })
    }

    /// The form of `form` with its article in lowercase and hyphenated (`al-Qaeda` for
    /// `Al-Qaeda` and `Al Qaeda`, `el-Sisi` for `El-Sisi`), as Danish text writes such names
    /// inside a sentence; `None` for a form that starts with no capitalised article before a
    /// capital.
    pub(crate) fn lowercase_form(&self, form: &str) -> Option<String> {
        let first = form.chars().next().filter(char::is_ascii_uppercase)?;
        self.list.iter().find_map(|article| {
            let letters = article.strip_suffix('-')?;
            // The article's letters after the capital, then a hyphen or a space, then a
            // capital.
            let rest = form[1..].strip_prefix(&letters[1..])?;
            let name = rest.strip_prefix(['-', ' '])?;
            let same = letters.starts_with(first.to_ascii_lowercase());
            (same && name.starts_with(char::is_uppercase)).then(|| format!("{article}{name}"))
        })
    }

    /// Whether `word` is an Arabic surname written with its article (`al-Sisi` of `Abdel
    /// Fattah al-Sisi`, `el-Baradei`, `ash-Shaibani`): an article, then a capitalised word of
    /// letters, two or more.
    pub(crate) fn is_surname(&self, word: &str) -> bool {
        self.list
            .iter()
            .find_map(|a| word.strip_prefix(a.as_str()))
            .is_some_and(|name| {
                let mut chars = name.chars();
                chars.next().is_some_and(char::is_uppercase)
                    && name.chars().nth(1).is_some()
                    && chars.all(char::is_alphabetic)
            })
    }

    /// [`ArabicArticles::is_surname`] of token `t` of `text`: most tokens begin with no
    /// article's first letter, or have no hyphen where an article's would be, and are turned
    /// down from their bytes before the token is read as text. The feature pass and the person
    /// patterns ask it of the lowercase tokens they walk.
    #[inline(always)]
    pub(crate) fn is_surname_token(&self, text: &str, t: Token) -> bool {
        let bytes = text.as_bytes();
        let hyphen = |k: usize| {
            self.hyphen_at & 1 << k != 0 && t.start + k < t.end && bytes[t.start + k] == b'-'
        };
        self.first >> (bytes[t.start] & 63) & 1 != 0
            && (hyphen(2) || hyphen(3) || hyphen(4))
            && self.is_surname(t.text(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_articles_are_found_before_names() {
        let a = ArabicArticles::default();
        assert_eq!(a.before("mod al-Qaeda", 0, 7), Some(4));
        assert_eq!(a.before("ash-Shaibani", 0, 4), Some(0));
        // Not inside a word, nor where none ends.
        assert_eq!(a.before("Kal-Qaeda", 0, 4), None);
        assert_eq!(a.before("FN-soldater", 0, 3), None);
        assert!(a.may_end_before(b"ash-Shaibani", 0, 4) && a.may_end_before(b"al-X", 0, 3));
        assert!(!a.may_end_before(b"FN-soldater", 0, 3) && !a.may_end_before(b"Nord-Korea", 0, 5));
        assert_eq!(a.lowercase_form("Al Qaeda").as_deref(), Some("al-Qaeda"));
        assert_eq!(
            a.lowercase_form("Ash-Shaibani").as_deref(),
            Some("ash-Shaibani")
        );
        assert_eq!(a.lowercase_form("Alaska"), None);
        assert!(a.is_surname("al-Sisi") && a.is_surname("ash-Shaibani"));
        assert!(!a.is_surname("al-S") && !a.is_surname("al-sisi") && !a.is_surname("ol-Sisi"));
        let text = "Abdel Fattah al-Sisi og el-Baradei i al-bil";
        let token = |word: &str| {
            let start = text.find(word).unwrap();
            Token {
                start,
                end: start + word.len(),
            }
        };
        assert!(a.is_surname_token(text, token("al-Sisi")));
        assert!(a.is_surname_token(text, token("el-Baradei")));
        assert!(!a.is_surname_token(text, token("al-bil")));
        assert!(!a.is_surname_token(text, token("Abdel")));
    }

    #[test]
    fn a_list_of_its_own_replaces_the_shipped_one() {
        let a = ArabicArticles::parse("# mine\n\nbin-\n").unwrap();
        assert_eq!(a.before("Osama bin-Laden", 0, 10), Some(6));
        assert!(a.is_surname("bin-Laden") && !a.is_surname("al-Sisi"));
        assert!(a.is_surname_token("bin-Laden", Token { start: 0, end: 9 }));
        assert_eq!(a.before("mod al-Qaeda", 0, 7), None);
    }

    #[test]
    fn a_bad_line_is_named() {
        for bad in [
            "al-\nAl-\n",
            "al-\nal\n",
            "al-\nal-kh-\n",
            "al-\na-\n",
            "al-\nalqab-\n",
        ] {
            let e = ArabicArticles::parse(bad).unwrap_err();
            assert_eq!(e.line(), Some(2), "{bad:?}");
        }
    }
}
