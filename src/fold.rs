//! Spelling-insensitive keys for names written without spaces, capitals or Danish letters, as
//! in `@handles` and `#hashtags` (`@FCKobenhavn`, `#danmark`, `@larsloekke`).
//!
//! A key is the name in lowercase with every character that is not a letter or digit left
//! out and every letter outside ASCII spelled in ASCII. Danish letters have two spellings in
//! use, `ø` as `oe` (`loekke`) or as `o` (`kobenhavn`), so a name has up to two keys
//! ([`keys`]); text is looked up by its one key ([`key`]).

/// How a letter outside ASCII is spelled in ASCII.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Spelling {
    /// `æ` → `ae`, `ø` → `oe`, `å` → `aa` (`Løkke` → `loekke`).
    Long,
    /// `æ` → `ae`, `ø` → `o`, `å` → `a` (`København` → `kobenhavn`).
    Short,
}

/// The ASCII spelling of the lowercase letter `c`, or `None` when it has none here.
fn ascii(c: char, s: Spelling) -> Option<&'static str> {
    Some(match (c, s) {
        ('æ' | 'ä', _) => "ae",
        ('ø' | 'ö', Spelling::Long) => "oe",
        ('ø' | 'ö', Spelling::Short) => "o",
        ('å', Spelling::Long) => "aa",
        ('å', Spelling::Short) => "a",
        ('ü', Spelling::Long) => "ue",
        ('ü', Spelling::Short) => "u",
        ('é' | 'è' | 'ê' | 'ë', _) => "e",
        ('á' | 'à' | 'â' | 'ã', _) => "a",
        ('í' | 'ì' | 'î' | 'ï', _) => "i",
        ('ó' | 'ò' | 'ô' | 'õ', _) => "o",
        ('ú' | 'ù' | 'û', _) => "u",
        ('ç', _) => "c",
        ('ñ', _) => "n",
        ('ß', _) => "ss",
        _ => return None,
    })
}

fn fold(name: &str, s: Spelling) -> String {
    // Most names are ASCII, where both spellings agree: their letters and digits in lowercase,
    // with no call per character (the matcher folds every form as it builds).
    if name.is_ascii() {
        return fold_ascii(name);
    }
    fold_chars(name, s)
}

/// [`fold`] one character at a time: any name, in the spelling `s`.
fn fold_chars(name: &str, s: Spelling) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if let Some(a) = ascii(c, s) {
            out.push_str(a);
        } else if c.is_alphanumeric() {
            // A letter of another script is kept as it is: it matches only itself.
            out.push(c);
        }
    }
    out
}

/// [`fold`] of an ASCII `name`, in either spelling.
fn fold_ascii(name: &str) -> String {
    name.bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| char::from(b.to_ascii_lowercase()))
        .collect()
}

/// The key of `text` as written in a handle or hashtag.
pub(crate) fn key(text: &str) -> String {
    fold(text, Spelling::Long)
}

/// The keys of the name `name`: one for each way of spelling it in ASCII (one when both
/// spellings agree).
pub(crate) fn keys(name: &str) -> impl Iterator<Item = String> {
    let long = fold(name, Spelling::Long);
    // An ASCII name has one spelling: it is not folded twice.
    let second = if name.is_ascii() {
        None
    } else {
        Some(fold(name, Spelling::Short)).filter(|short| *short != long)
    };
    std::iter::once(long).chain(second)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The ASCII fast path folds as the character loop does, in both spellings, and
        /// `keys` gives the two spellings, the second only where it differs.
        #[test]
        fn folds_agree_with_the_character_loop(
            name in "[A-Za-z0-9 _.'&-]{0,12}|[A-Za-zÆØÅæøåÉéüÜß0-9 _-]{0,12}|\\PC{0,12}"
        ) {
            let (long, short) = (Spelling::Long, Spelling::Short);
            prop_assert_eq!(fold(&name, long), fold_chars(&name, long));
            prop_assert_eq!(fold(&name, short), fold_chars(&name, short));
            let mut want = vec![fold_chars(&name, long)];
            if fold_chars(&name, short) != want[0] {
                want.push(fold_chars(&name, short));
            }
            prop_assert_eq!(keys(&name).collect::<Vec<_>>(), want);
        }
    }

    #[test]
    fn names_fold_to_the_spellings_of_handles() {
        assert_eq!(key("FCKobenhavn"), "fckobenhavn");
        assert_eq!(key("jacob_mark"), "jacobmark");
        let k: Vec<String> = keys("FC København").collect();
        assert_eq!(k, ["fckoebenhavn", "fckobenhavn"]);
        let k: Vec<String> = keys("Ekstra Bladet").collect();
        assert_eq!(k, ["ekstrabladet"]);
        assert_eq!(keys("Løkke").next().unwrap(), "loekke");
        assert_eq!(keys("Jyllands-Posten").next().unwrap(), "jyllandsposten");
        assert_eq!(keys("Århus").last().unwrap(), "arhus");
    }
}
