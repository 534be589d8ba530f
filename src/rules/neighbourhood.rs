//! Which tokens the layers can reach, cut once per document with their features.

use super::facts::Facts;
use super::features::{Cut, Features, Lexical};
use crate::articles::ArabicArticles;
use crate::lexicon::Lexicon;
use crate::tokens::{
    is_word_start, next_token, prev_token, shaped_token_before, shaped_token_packed,
    starts_lowercase, word_char_follows, Shape, Token,
};
use crate::word_class::{WordClass, WordClasses, MAX_WORD_BYTES};

/// The tokens the layers look at, and the indices of the capitalised ones among them.
///
/// Every pattern starts at a capitalised token (`capitals`, where they start) or a gazetteer
/// candidate (`anchors`); both are sorted byte offsets. (A word that opens a clause, or a
/// frequent word at a sentence start, before a lowercase word starts none:
/// [`reaches_nothing`].) A pattern looks one token back, and
/// walks forward only across plain spaces (or an initial's full stop) through capitalised
/// tokens, particles, connectors and (a name in capitals) tokens that start with no lowercase
/// letter. So only those tokens are cut out of the text: each anchor's token, the token
/// before it when only plain space stands between them (after a full stop, only an
/// abbreviated title: `hr. Jensen`), and the chain after it, up to and including the first
/// token that ends the walk (but for a lowercase word after a particle or connector: `Jensen
/// i går`). A layer that steps from one of these tokens to its neighbour by index sees the
/// neighbour it would see in the full token list, or a token across a gap that is not plain
/// space, which every layer rejects.
///
/// This is the token-feature pass: each token gets its [`Features`], what `lexicon` says of
/// its text from one probe of the thread's `facts`. The tokens go to `cut`, which comes empty.
///
/// It runs in two steps. The tokens are cut first, with their shapes, and the slot of each in
/// `facts` is fetched into the cache ahead of its use (the token's [`Lexical`] holds the slot
/// until then, [`Lexical::pending`]); then each token's text is looked up in its slot. A slot
/// is most often out of the cache (`facts` holds 2 MB), and a lookup made as the token is cut
/// would wait for it, where the lookups of the second step find their slots at hand or on the
/// way. The walk's one question of the word lists, whether a lowercase token is a
/// particle or connector, is asked of the small table of word classes
/// ([`Lexicon::has_word_class_packed`]), which gives the same answer as the facts.
#[inline(never)]
pub(super) fn neighbourhood(
    (text, body): (&str, usize),
    (capitals, anchors): (&[usize], &[usize]),
    (lexicon, articles, facts): (&Lexicon, &ArabicArticles, &mut Facts),
    cut: &mut Cut,
) {
    debug_assert!(cut.tokens.is_empty() && cut.features.is_empty() && cut.capitalised.is_empty());
    debug_assert!(cut.nouns.is_empty() && cut.forms.is_empty());
    cut_tokens(
        (text, body),
        (capitals, anchors),
        (lexicon, articles, facts),
        cut,
    );
    let bytes = text.as_bytes();
    let Cut {
        tokens,
        features,
        nouns,
        forms,
        ..
    } = cut;
    for (k, (&t, f)) in tokens.iter().zip(features.iter_mut()).enumerate() {
        let head = head_at(bytes, t);
        let slot = f.lexical.slot();
        f.lexical = Lexical::lookup_in(facts, lexicon, (text, t), (f.shape, head, slot));
        if f.lexical.noted() {
            if f.lexical.names_something() {
                nouns.push(k);
            }
            if f.lexical.has_rare_form() {
                forms.push(k);
            }
        }
    }
}

/// The first eight bytes of token `t` of `bytes`, packed as [`crate::word_class::pack`] packs
/// them: one load and a mask where eight bytes are left in the text from the token's start.
#[inline(always)]
fn head_at(bytes: &[u8], t: Token) -> u64 {
    let len = t.end - t.start;
    match bytes.get(t.start..t.start + 8) {
        Some(eight) => {
            let x = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
            if len >= 8 {
                x
            } else {
                x & ((1 << (8 * len)) - 1)
            }
        }
        None => crate::word_class::pack(&bytes[t.start..t.end]),
    }
}

/// The word classes that go on in a name: particles (`von`, `de`) and connectors (`og`, `&`).
const JOINS_NAMES: WordClass = WordClass::PARTICLE.or(WordClass::CONNECTOR);

/// The first step of [`neighbourhood`]: the tokens cut into `cut`, with their shapes, each
/// one's slot in `facts` fetched and held in its lexical features until it is looked up.
fn cut_tokens(
    (text, body): (&str, usize),
    (capitals, anchors): (&[usize], &[usize]),
    (lexicon, articles, facts): (&Lexicon, &ArabicArticles, &Facts),
    cut: &mut Cut,
) {
    // The token `t`, shaped `shape`, whose first eight bytes pack to `head`, joins the cut;
    // its slot is fetched for the lookup to come.
    let mut push = |t: Token, shape: Shape, head: u64| {
        let slot = facts.prefetch(&text.as_bytes()[t.start..t.end], head);
        cut.push(
            t,
            Features {
                shape,
                lexical: Lexical::pending(slot),
            },
        );
    };
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
        // The walk's first token, cut once for the question below and the walk.
        let first = shaped_token_packed(text, start);
        let reached = (text, body, lexicon, articles);
        if at_capital && reaches_nothing(reached, first, anchors.get(next_anchor)) {
            next_capital += 1;
            continue;
        }
        // The token before matters only across a plain gap; across any other, every layer
        // turns it down, so it is left out. It ends where the gap starts: when that is not
        // past `done`, it is cut out already.
        let prev = plain_gap_start(text, body, start).filter(|&end| end > done);
        if let Some(end) = prev {
            let (prev, shape, head) = shaped_token_before(text, body, end);
            // Across a full stop, the token before is read only as an abbreviated title (`hr.
            // Jensen`). An initial (`M. Jensen`), or any capitalised token, started a walk
            // that went on to this one.
            let across_stop = text.as_bytes()[end] == b'.';
            if !across_stop || lexicon.is_abbreviated_title_packed(prev.text(text), head) {
                push(prev, shape, head);
            }
        }
        // Where the next token of the walk starts: one call site for the cutting, which is
        // inlined.
        let mut next = start;
        // The next anchor's start, past the end of the text when none is left: most tokens
        // end before it, told with one compare.
        let mut anchor_at = anchors.get(next_anchor).map_or(usize::MAX, |&a| a);
        let mut cut_next = Some(first);
        loop {
            let (t, shape, head) = match cut_next.take() {
                Some(first) => first,
                None => shaped_token_packed(text, next),
            };
            let mut is_anchor = t.start == at;
            if anchor_at < t.end {
                is_anchor |= skip_below(anchors, &mut next_anchor, t.end);
                anchor_at = anchors.get(next_anchor).map_or(usize::MAX, |&a| a);
            }
            push(t, shape, head);
            done = t.end;
            // A name in capitals goes on in any word without lowercase letters (`JENS 2-1`,
            // [`super::person`]): a token that does not start with a lowercase letter (a
            // digit, a caseless letter) walks on too, which costs a token now and then.
            // So does an Arabic surname with its article (`al-Assad`), as a capitalised name.
            let lowercase = !shape.capitalised()
                && !is_anchor
                && starts_lowercase(text.as_bytes(), t.start)
                && !articles.is_surname_token(text, t);
            // Most walks end at the first token after a capitalised one: asked before the gap.
            if lowercase && !lexicon.has_word_class_packed(head, t.end - t.start, JOINS_NAMES) {
                break;
            }
            match plain_gap_end(text, t.end) {
                Some(after) => next = after,
                None => break,
            }
            // A particle or connector in lowercase goes on in a name only before a word that
            // is no lowercase word (`Jensen i går`, `Vejle og omegn`): one that is, and that
            // would end the walk, is left out, as the layers read it only as the particle's
            // neighbour to turn it down, which a token across a gap does too.
            if lowercase {
                let (after, shape, head) = shaped_token_packed(text, next);
                if ends_walk((text, lexicon, articles), after, head) && anchor_at >= after.end {
                    break;
                }
                cut_next = Some((after, shape, head));
            }
        }
    }
}

/// Whether the walk from the capitalised token `first` (as [`shaped_token_packed`] gives it)
/// would reach nothing a layer reads, so that none starts there. `first` is a word that opens
/// a clause (`Men`, `Han`, `Det`: `clause` and `article` in `function_words.txt`), or a
/// frequent word in title case that the lists say nothing else of at a sentence start
/// (`Mange`, `Sådan`: [`Lexicon::is_plain_start_packed`]); no gazetteer candidate starts in
/// it or in the token after it (`anchor` is the next one's start), and the walk would end at
/// that token: a lowercase word that is no particle or connector, or none across plain space.
///
/// Such a walk cuts the token before the word, the word and the token after it. No name is
/// the word alone: the layers turn down a word that opens a clause as a name's first word,
/// and an article begins a name only when a capitalised word follows it; a frequent word at a
/// sentence start is no first name, surname, title, head or alias there, and no pattern
/// starts at it. So the token after is read only as the word's neighbour, and the token
/// before only as the token before a name that starts at the word. A capitalised word later
/// on cuts its own token before, as ever.
#[inline(always)]
fn reaches_nothing(
    (text, body, lexicon, articles): (&str, usize, &Lexicon, &ArabicArticles),
    (t, shape, head): (Token, Shape, u64),
    anchor: Option<&usize>,
) -> bool {
    let len = t.end - t.start;
    let class = lexicon.word_class_packed(head, len);
    let clause = class.has(WordClass::CLAUSE) && !class.has_any(JOINS_NAMES);
    // The frequent word's table first: a sentence start is told by a walk back over the text.
    let plain = || {
        !shape.all_caps()
            && lexicon.is_plain_start_packed(head, len)
            && crate::text::is_sentence_start(text, t.start, body)
    };
    if anchor.is_some_and(|&a| a < t.end) || !(clause || plain()) {
        return false;
    }
    match plain_gap_end(text, t.end) {
        None => true,
        Some(next) => {
            let (after, _, head) = shaped_token_packed(text, next);
            ends_walk((text, lexicon, articles), after, head)
                && anchor.is_none_or(|&a| a >= after.end)
        }
    }
}

/// Whether token `t`, whose first eight bytes pack to `head`, ends a walk that reaches it
/// where no gazetteer candidate starts in it: a word in lowercase that is no particle or
/// connector (`siger`, `går`), nor an Arabic surname with its article, which goes on in a
/// name as a capitalised one does (`al-Assad`).
#[inline(always)]
fn ends_walk(
    (text, lexicon, articles): (&str, &Lexicon, &ArabicArticles),
    t: Token,
    head: u64,
) -> bool {
    starts_lowercase(text.as_bytes(), t.start)
        && !lexicon.has_word_class_packed(head, t.end - t.start, JOINS_NAMES)
        && !articles.is_surname_token(text, t)
}

/// Moves `next` past the entries of `sorted` below `bound`; whether it moved.
fn skip_below(sorted: &[usize], next: &mut usize, bound: usize) -> bool {
    let from = *next;
    while sorted.get(*next).is_some_and(|&p| p < bound) {
        *next += 1;
    }
    *next > from
}

/// If only plain space (spaces and tabs, after an optional full stop; at least one byte)
/// stands between a letter or digit and byte `pos`, as [`plain_gap_end`] would step over it,
/// where that space starts: the end of the token before it.
pub(super) fn plain_gap_start(text: &str, body: usize, pos: usize) -> Option<usize> {
    // The bytes up to `pos`: one test of the bound for every byte the walk back reads.
    let bytes = &text.as_bytes()[..pos];
    let mut i = pos;
    while i > body && matches!(bytes[i - 1], b' ' | b'\t') {
        i -= 1;
    }
    if i > body && bytes[i - 1] == b'.' {
        i -= 1;
    }
    if !(i > body && i < pos) {
        return None;
    }
    // An ASCII byte is told at once, with no call: most tokens end in one.
    let word = match bytes[i - 1] {
        b if b < 0x80 => b.is_ascii_alphanumeric(),
        _ => crate::text::char_before(text, i).is_some_and(crate::text::is_word_char),
    };
    word.then_some(i)
}

/// If only plain space (spaces and tabs, after an optional full stop; at least one byte) stands
/// between byte `end` and the next letter or digit, where that next token starts.
pub(super) fn plain_gap_end(text: &str, end: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    // Most often one space stands there before an ASCII byte other than a space or tab: told
    // from the two bytes.
    if let Some(&[b' ', b]) = bytes.get(end..end + 2) {
        if b < 0x80 && !matches!(b, b' ' | b'\t') {
            return b.is_ascii_alphanumeric().then_some(end + 1);
        }
    }
    let mut i = end;
    if bytes.get(i) == Some(&b'.') {
        i += 1;
    }
    while matches!(bytes.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    // An ASCII byte is told at once, with no call: most tokens start with one.
    let word = match bytes.get(i) {
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => word_char_follows(text, i),
        None => false,
    };
    (i > end && word).then_some(i)
}

/// The table of [`Lexicon::is_plain_start_packed`]: the frequent words
/// ([`Lexicon::common_words`]) in title case, of two letters or more and at most
/// [`MAX_WORD_BYTES`] bytes, that are one token, in title case, and of which the lists say
/// nothing but that they are frequent ([`Lexical::is_only_common_word`]). Worked out once for
/// each lexicon.
pub(crate) fn plain_starts(lexicon: &Lexicon) -> WordClasses {
    let title_case = lexicon.common_words().filter_map(|word| {
        let mut chars = word.chars();
        let title: String = chars.next()?.to_uppercase().chain(chars).collect();
        (title.len() <= MAX_WORD_BYTES).then_some(title)
    });
    let plain: Vec<String> = title_case
        .filter(|w| {
            let (t, shape, _) = shaped_token_packed(w, 0);
            w.chars().nth(1).is_some()
                && t.end == w.len()
                && shape.capitalised()
                && !shape.all_caps()
                && Lexical::of(lexicon, w, shape).is_only_common_word()
        })
        .collect();
    WordClasses::of_words(plain.iter().map(String::as_str), WordClass::PLAIN_START)
}

#[cfg(test)]
mod tests {
    use crate::tokens::shaped_token_packed;
    use crate::Lexicon;

    /// Whether `word` is in the table of [`Lexicon::is_plain_start_packed`].
    fn plain(lex: &Lexicon, word: &str) -> bool {
        let (t, _, head) = shaped_token_packed(word, 0);
        lex.is_plain_start_packed(head, t.end - t.start)
    }

    #[test]
    fn plain_starts_are_frequent_words_the_lists_say_nothing_else_of() {
        let lex = Lexicon::shipped().unwrap();
        for word in ["Mange", "Sådan", "Mere", "Nogle"] {
            assert!(plain(&lex, word), "{word}");
        }
        // A clause word, a surname, a first name, a title, a noun that names what follows it,
        // a word in capitals or in lowercase, one too long for the table.
        for word in [
            "Han",
            "Skov",
            "Peter",
            "Formand",
            "Byen",
            "MANGE",
            "mange",
            "Efterhånden",
        ] {
            assert!(!plain(&lex, word), "{word}");
        }
    }
}
