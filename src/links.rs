//! Links: web and e-mail addresses are no running text, and no mention lies in one.
//!
//! Web text is full of them (`Læs mere på https://www.dr.dk/nyheder/Mette-Frederiksen-vil`,
//! `skriv til kontakt@Novo-Nordisk.dk`), and the names in their paths and domains are parts
//! of an address, not mentions: gold annotation of tweets tags every address token `O`. A
//! mention is dropped when the *chunk* it starts in (the run of bytes around it other than
//! spaces, line breaks and other control characters) makes it part of an address:
//!
//! - the chunk holds `://` before the mention (`https://…/Mette-Frederiksen`; a name before
//!   the scheme, as in `DR:https://dr.dk`, stays);
//! - or `www.` that follows no letter or digit (`(www.Novo.dk)`);
//! - or the mention is part of an e-mail address: the chunk holds an `@` between two letters
//!   or digits (as tokens have them, [`crate::text::is_word_char`]) before or after it
//!   (`Jens.Hansen@firma.dk`, `kontakt@Novo-Nordisk.dk`). An `@handle`, whose `@` follows
//!   no letter or digit, is no address, and its mention stays (the `handles` step tells the
//!   two apart by the same test); so does a mention that is a whole address, as a list of the
//!   user's may hold one.
//!
//! A bare domain (`Politiken.dk`) is left alone: it is written as the name of the site.

use crate::mention::Mention;
use crate::text::is_token_start;
use crate::tokens::word_char_follows;

/// Removes from `mentions`, sorted by start, every mention that is part of a link.
///
/// Most mentions stand between spaces, or before a comma and a space, and are told from the
/// bytes around them ([`plainly_unlinked`]). For the others, each chunk that one starts in is
/// read once, however many start in it, so the time is linear in the text and the mentions.
pub(crate) fn drop_linked(text: &str, mentions: &mut Vec<Mention>) {
    debug_assert!(mentions
        .windows(2)
        .all(|w| w[0].byte_start <= w[1].byte_start));
    // Most texts have no mention in a link, and their mentions stay where they are.
    if !mentions.iter().any(Linked::new(text).test()) {
        return;
    }
    let mut linked = Linked::new(text);
    let mut test = linked.test();
    mentions.retain(|m| !test(m));
}

/// Tells the mentions, in order of start, that are part of a link.
struct Linked<'t> {
    text: &'t str,
    /// The chunk the last mention read out started in; an empty one at first.
    chunk: Chunk,
}

impl<'t> Linked<'t> {
    fn new(text: &'t str) -> Linked<'t> {
        Linked {
            text,
            chunk: Chunk {
                start: 0,
                end: 0,
                web_from: usize::MAX,
                at_signs: (usize::MAX, 0),
            },
        }
    }

    /// Whether a mention is part of a link, asked of the mentions in order of start.
    fn test(&mut self) -> impl FnMut(&Mention) -> bool + '_ {
        |m| {
            if plainly_unlinked(self.text.as_bytes(), m) {
                return false;
            }
            let at = m.byte_start;
            if !(self.chunk.start <= at && at < self.chunk.end) {
                self.chunk = Chunk::around(self.text, at);
            }
            self.chunk.holds_link(m)
        }
    }
}

/// Whether mention `m` stands alone in its chunk but for one mark before it (`(`, `"`, `'`)
/// and one after it (`,`, `.`, `;`, `:`, `)`, `!`, `?`, `"`, `'`): then no address runs into
/// it and none goes on from it, as [`Chunk::holds_link`] would tell, from a few bytes.
#[inline]
fn plainly_unlinked(bytes: &[u8], m: &Mention) -> bool {
    let blank = |i: usize| bytes.get(i).is_none_or(|&b| is_blank(b));
    let (at, end) = (m.byte_start, m.byte_end);
    let opens = |i: usize| matches!(bytes[i], b'(' | b'"' | b'\'');
    let closes = |i: usize| {
        matches!(
            bytes[i],
            b',' | b'.' | b';' | b':' | b')' | b'!' | b'?' | b'"' | b'\''
        )
    };
    let before = at == 0 || blank(at - 1) || opens(at - 1) && (at == 1 || blank(at - 2));
    before && (blank(end) || closes(end) && blank(end + 1))
}

/// Whether byte `b` ends a chunk: a space, a tab, a line break or another control character.
#[inline]
fn is_blank(b: u8) -> bool {
    b <= b' '
}

/// A run of bytes other than spaces and control characters, and the links in it.
struct Chunk {
    start: usize,
    end: usize,
    /// Where the first `://` or `www.` of the chunk starts (`usize::MAX` if none does): a
    /// mention that starts after it is in a web address.
    web_from: usize,
    /// The first and last `@` between two letters or digits (`usize::MAX` and 0 if none
    /// is): a mention with one before or after it is part of an e-mail address.
    at_signs: (usize, usize),
}

impl Chunk {
    /// The chunk of `text` that holds byte `at`.
    fn around(text: &str, at: usize) -> Chunk {
        let bytes = text.as_bytes();
        let blank = |&b: &u8| is_blank(b);
        let start = bytes[..at].iter().rposition(blank).map_or(0, |i| i + 1);
        let end = bytes[at..]
            .iter()
            .position(blank)
            .map_or(bytes.len(), |i| at + i);
        let mut chunk = Chunk {
            start,
            end,
            web_from: usize::MAX,
            at_signs: (usize::MAX, 0),
        };
        let run = &bytes[start..end];
        // Most chunks hold none of the bytes a link needs.
        if !run.iter().any(|&b| matches!(b, b'@' | b':' | b'w' | b'W')) {
            return chunk;
        }
        // A letter or digit before byte `i`, as tokens have it: the same test by which the
        // `handles` step takes an `@` after one for an address's.
        let after_word = |i: usize| !is_token_start(text, i);
        for p in (start..end).filter(|&p| bytes[p] == b'@') {
            if after_word(p) && word_char_follows(text, p + 1) {
                let (first, _) = chunk.at_signs;
                chunk.at_signs = (first.min(p), p);
            }
        }
        if let Some(i) = run.windows(4).enumerate().position(|(i, w)| {
            w.starts_with(b"://")
                || w.eq_ignore_ascii_case(b"www.") && (i == 0 || !after_word(start + i))
        }) {
            chunk.web_from = start + i;
        }
        chunk
    }

    /// Whether the mention `m`, which starts in this chunk, is in a link.
    fn holds_link(&self, m: &Mention) -> bool {
        let (first, last) = self.at_signs;
        m.byte_start > self.web_from || first < m.byte_start || last >= m.byte_end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::label::{Label, Method};
    use crate::rules::proposal;

    /// The mentions of `names` (each the first place it occurs in `text`) that are not in a
    /// link.
    fn kept(text: &str, names: &[&str]) -> Vec<String> {
        let mut mentions: Vec<Mention> = names
            .iter()
            .map(|n| {
                let at = text.find(n).unwrap();
                proposal(at, at + n.len(), Label::Per, Method::Gazetteer)
            })
            .collect();
        mentions.sort_by_key(|m| m.byte_start);
        drop_linked(text, &mut mentions);
        mentions.iter().map(|m| m.text(text).to_string()).collect()
    }

    #[test]
    fn names_in_web_addresses_go() {
        let text = "Læs https://www.dr.dk/nyheder/Mette-Frederiksen-vil om Mette Frederiksen.";
        assert_eq!(
            kept(text, &["Mette-Frederiksen", "Mette Frederiksen."]),
            ["Mette Frederiksen."]
        );
        assert_eq!(kept("se (www.Novo.dk)", &["Novo"]), Vec::<String>::new());
        assert_eq!(kept("se WWW.Novo.dk", &["Novo"]), Vec::<String>::new());
        // A name before the scheme in the same chunk stays.
        assert_eq!(kept("DR:https://dr.dk/Jens", &["DR", "Jens"]), ["DR"]);
    }

    #[test]
    fn names_in_email_addresses_go() {
        let text = "skriv til kontakt@Novo-Nordisk.dk eller Jens.Hansen@firma.dk";
        assert_eq!(
            kept(text, &["Novo-Nordisk", "Jens", "Hansen"]),
            Vec::<String>::new()
        );
    }

    #[test]
    fn handles_domains_and_plain_names_stay() {
        assert_eq!(
            kept("RT @DRNyheder: Venstre", &["@DRNyheder", "Venstre"]),
            ["@DRNyheder", "Venstre"]
        );
        assert_eq!(kept("tak .@Venstre", &["@Venstre"]), ["@Venstre"]);
        // Nor is an `@` after an emoji or an ellipsis, which is no letter.
        assert_eq!(kept("tak😂@Venstre", &["@Venstre"]), ["@Venstre"]);
        assert_eq!(kept("ja…@Venstre", &["@Venstre"]), ["@Venstre"]);
        // An `@` between letters outside ASCII is an address's.
        assert_eq!(kept("søren@Løkke.dk", &["Løkke"]), Vec::<String>::new());
        assert_eq!(
            kept("læs Politiken.dk i dag", &["Politiken"]),
            ["Politiken"]
        );
        assert_eq!(kept("Jens", &["Jens"]), ["Jens"]);
        // A mention that is a whole address stays, as a list of the user's may hold one.
        assert_eq!(
            kept("skriv til info@dr.dk.", &["info@dr.dk"]),
            ["info@dr.dk"]
        );
        assert_eq!(
            kept("se https://dr.dk", &["https://dr.dk"]),
            ["https://dr.dk"]
        );
        assert_eq!(kept("se www.dr.dk", &["www.dr.dk"]), ["www.dr.dk"]);
        // `www` inside a word is no address.
        assert_eq!(kept("Awww.Jens", &["Jens"]), ["Jens"]);
    }

    #[test]
    fn every_mention_of_a_long_address_goes() {
        // Twenty thousand names in one chunk: it is read once, not once per name.
        let text = "Jens-".repeat(20_000) + "Jens@x.dk";
        let mut mentions: Vec<Mention> = (0..20_000)
            .map(|i| proposal(5 * i, 5 * i + 4, Label::Per, Method::Gazetteer))
            .collect();
        drop_linked(&text, &mut mentions);
        assert!(mentions.is_empty());
    }
}
