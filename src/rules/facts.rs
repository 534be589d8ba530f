//! What the word lists say of a token's text — a title, a head, a first name, a frequent word —
//! worked out once per distinct text and thread.
//!
//! The answers depend on the text and the word lists alone. Each thread keeps them by text in
//! [`Facts`], so a word seen before (`Danmark`, `Han`, `Jensen`) costs the feature pass one
//! hash lookup for every answer at once ([`super::features::Lexical`]).

use crate::word_class::pack;

/// What the word lists say of distinct token texts on one thread, all under one lexicon.
///
/// A cache, not a map: each text has one slot, picked by its hash, and a slot holds the last
/// text added of those that share it. A lookup is one hash and one slot, with no probing; a
/// word that loses its slot is worked out again when next asked.
///
/// A text's first eight bytes are kept in its entry, which holds the whole of most tokens;
/// the bytes past them are kept one after another in one vector, not one allocation each.
/// Most tokens of a document are new to a small cache, and storing them must cost less than
/// the lookups it saves later.
#[derive(Debug, Default)]
pub(super) struct Facts {
    /// The [`crate::Lexicon::id`] the answers hold for.
    lexicon: u64,
    /// [`Facts::SLOTS`] entries, by the high bits of a text's hash ([`Key`]); empty until the
    /// first text is added. The entry's text tells which text a slot holds.
    slots: Vec<Entry>,
    /// The bytes of the entries' texts past their first eight, one text after another.
    tails: Vec<u8>,
}

/// Where a text's answers are kept in [`Facts`], if anywhere: worked out from its hash once,
/// to fetch the slot and then to read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Slot(pub(super) u32);

// Every slot's index fits a `Slot`.
const _: () = assert!(Facts::SLOTS <= 1 << 32);

/// What [`Facts`] keeps of one text, in its slot: a lookup of a text of up to eight bytes
/// reads the slot and nothing else. An empty slot holds the empty text, which no token is.
#[derive(Clone, Copy, Debug, Default)]
struct Entry {
    /// The text's first eight bytes ([`Key::head`]).
    head: u64,
    /// The text's length in bytes in the low byte (at most [`Facts::LONGEST`]), and above it
    /// where its bytes past the first eight start in [`Facts::tails`].
    span: u32,
    /// What the word lists say of the text ([`super::features::Lexical`]'s bits).
    bits: u32,
}

/// A text's hash and its first eight bytes, worked out in one pass over it, eight bytes at a
/// time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Key {
    /// The hash whose high bits pick the text's slot.
    hash: u64,
    /// The first eight bytes (all of a shorter text), little-endian, zero above the text.
    head: u64,
}

impl Key {
    /// The key of `bytes`.
    #[cfg(test)]
    fn of(bytes: &[u8]) -> Key {
        Key::with_head(bytes, pack(bytes))
    }

    /// The key of `bytes`, whose first eight bytes pack ([`pack`]) to `head`.
    #[inline(always)]
    fn with_head(bytes: &[u8], head: u64) -> Key {
        debug_assert_eq!(head, pack(bytes));
        // Multiply-and-rotate per word: the high bits of a product (the slot) depend on every
        // bit of what was multiplied, so on every byte, with no finaliser to mix them down.
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut h = (bytes.len() as u64 ^ head).wrapping_mul(K);
        // The words past the head, the last one short if the text's length is no multiple of
        // eight; most texts have none.
        if let Some(rest) = bytes.get(8..) {
            for w in rest.chunks(8).map(pack) {
                h = (h.rotate_left(29) ^ w).wrapping_mul(K);
            }
        }
        Key { hash: h, head }
    }
}

// An [`Entry`]'s span has a byte for the length and 24 bits for where the tail starts.
const _: () = assert!(Facts::LONGEST <= 0xFF && Facts::TEXT_LIMIT < 1 << 24);

/// Whether `e`, with its tail in `tails`, holds the text `bytes`, whose first eight bytes
/// pack ([`pack`]) to `head`.
#[inline]
fn holds(tails: &[u8], e: &Entry, bytes: &[u8], head: u64) -> bool {
    let len = (e.span & 0xFF) as usize;
    let at = (e.span >> 8) as usize;
    len == bytes.len()
        && e.head == head
        && (len <= 8
            || tails
                .get(at..at + len - 8)
                .is_some_and(|t| same(t, &bytes[8..])))
}

/// Whether `a` and `b`, of one length (a text's bytes past its head: fewer than
/// [`Facts::LONGEST`]), are the same, eight bytes at a time: most are a few bytes, which a
/// call to `memcmp` would cost more than comparing.
#[inline(always)]
fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    debug_assert_eq!(n, b.len());
    if n < 8 {
        return pack(a) == pack(b);
    }
    let word =
        |s: &[u8], i: usize| u64::from_le_bytes(s[i..i + 8].try_into().expect("eight bytes"));
    // Whole words, then the last eight bytes, which may overlap the word before.
    let mut i = 0;
    while i + 8 < n {
        if word(a, i) != word(b, i) {
            return false;
        }
        i += 8;
    }
    word(a, n - 8) == word(b, n - 8)
}

impl Facts {
    /// The number of slots: a power of two, 2 MB of entries per thread.
    const SLOTS: usize = 1 << 17;
    /// The most bytes of tails kept: past them, the cache starts afresh. Texts that lose their
    /// slot leave their tails behind, so this bounds what they waste.
    const TEXT_LIMIT: usize = 4 << 20;
    /// The longest text kept: longer tokens are rare, and asked about anew.
    const LONGEST: usize = 64;

    /// What is known of the text of bytes `text`, if it holds a slot.
    #[cfg(test)]
    pub fn get(&self, text: &[u8]) -> Option<u32> {
        let head = pack(text);
        self.get_in(self.prefetch(text, head), text, head)
    }

    /// Starts fetching the slot of the text of bytes `text`, whose first eight bytes pack
    /// ([`pack`]) to `head`, into the cache, for a lookup to come ([`Facts::get_in`]); which
    /// slot that is. Most slots are out of the cache (they take 2 MB): fetched well ahead of
    /// their lookups, the waits for them overlap.
    #[inline(always)]
    pub fn prefetch(&self, text: &[u8], head: u64) -> Slot {
        let slot = Self::slot(Key::with_head(text, head));
        if let Some(entry) = self.slots.get(slot) {
            crate::prefetch::prefetch(entry);
        }
        Slot(slot as u32)
    }

    /// What is known of the text of bytes `text`, whose first eight bytes pack ([`pack`]) to
    /// `head` and whose slot is `slot` ([`Facts::prefetch`]), if it holds the slot: the
    /// hash is not worked out again.
    #[inline(always)]
    pub fn get_in(&self, slot: Slot, text: &[u8], head: u64) -> Option<u32> {
        debug_assert_eq!(slot.0 as usize, Self::slot(Key::with_head(text, head)));
        // No slot before the first text is added: one test for that and the index's bound.
        let e = self.slots.get(slot.0 as usize)?;
        holds(&self.tails, e, text, head).then_some(e.bits)
    }

    /// The slot of the text with key `key`.
    #[inline]
    fn slot(key: Key) -> usize {
        (key.hash >> (64 - Self::SLOTS.trailing_zeros())) as usize
    }

    /// [`Facts::insert_packed`] of `text`.
    #[cfg(test)]
    pub fn insert(&mut self, text: &str, bits: u32) {
        self.insert_packed(text.as_bytes(), pack(text.as_bytes()), bits);
    }

    /// Keeps `bits` as what is known of the text of bytes `bytes`, whose first eight bytes
    /// pack ([`pack`]) to `head`, in the slot of its hash. A text longer than
    /// [`Facts::LONGEST`] is not kept.
    pub fn insert_packed(&mut self, bytes: &[u8], head: u64, bits: u32) {
        if bytes.len() > Self::LONGEST {
            return;
        }
        if self.slots.is_empty() {
            self.slots.resize(Self::SLOTS, Entry::default());
        }
        let key = Key::with_head(bytes, head);
        let slot = Self::slot(key);
        if holds(&self.tails, &self.slots[slot], bytes, key.head) {
            self.slots[slot].bits = bits;
            return;
        }
        let tail = bytes.get(8..).unwrap_or_default();
        if self.tails.len() + tail.len() > Self::TEXT_LIMIT {
            self.slots.fill(Entry::default());
            self.tails.clear();
        }
        let span = (self.tails.len() as u32) << 8 | bytes.len() as u32;
        // Most texts have no tail: no call to copy none.
        if !tail.is_empty() {
            self.tails.extend_from_slice(tail);
        }
        self.slots[slot] = Entry {
            head: key.head,
            span,
            bits,
        };
    }

    /// Prepares for a document tagged with the lexicon numbered `id`: answers for another
    /// lexicon are dropped.
    pub fn for_lexicon(&mut self, id: u64) {
        if self.lexicon != id {
            self.slots.clear();
            self.tails.clear();
            self.lexicon = id;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts keep their own bits while they keep their slot, a text never added or pushed out
    /// of its slot knows nothing, and two texts sharing a slot never take each other's bits:
    /// texts of up to eight bytes, longer ones with their first eight bytes and length alike,
    /// and texts of one head but not one length.
    #[test]
    fn entries_answer_for_their_own_text_only() {
        let mut facts = Facts::default();
        let texts: Vec<String> = (0..5000)
            .map(|n| match n % 3 {
                0 => format!("Ord{n}"),
                1 => format!("Ordbogen{n}"),
                _ => format!("Ø{n}-Ølstykke-Ørum"),
            })
            .collect();
        let bits = |n: usize| (n as u32 % 7) << 1 | 1;
        // The last text added to each slot holds it.
        let mut holder = std::collections::HashMap::new();
        for (n, t) in texts.iter().enumerate() {
            facts.insert(t, bits(n));
            holder.insert(Facts::slot(Key::of(t.as_bytes())), n);
        }
        let mut pushed_out = 0;
        for (n, t) in texts.iter().enumerate() {
            let holds = holder[&Facts::slot(Key::of(t.as_bytes()))] == n;
            assert_eq!(
                facts.get(t.as_bytes()).unwrap_or(0),
                if holds { bits(n) } else { 0 },
                "{t}"
            );
            pushed_out += usize::from(!holds);
        }
        // 5000 texts in 2^17 slots: about a hundred share one.
        assert!((1..300).contains(&pushed_out), "{pushed_out}");
        for never in [
            "Ord5000",
            "Ordbogen5000",
            "Ordbogen",
            "Ord",
            "",
            "Ø2-Ølstykke-Øru",
        ] {
            assert_eq!(facts.get(never.as_bytes()).unwrap_or(0), 0, "{never}");
        }
        // Each pair: the second text finds the first one's entry under its own hash. It must
        // not read the first one's bits, and adding it takes the entry over.
        let pairs = [
            ("Ord0", "Andet"),
            ("Ord0", "Ord3"),
            // One head: zero bytes above a short text are not part of it.
            ("Ord0", "Ord0\0"),
            ("Ordbogen1", "Ordbogen4"),
            ("Ordbogen1", "Ordbogen"),
            ("Ordbogen1", "Ordbogen10"),
        ];
        for (n, (held, asked)) in pairs.into_iter().enumerate() {
            let e = facts.slots[Facts::slot(Key::of(held.as_bytes()))];
            facts.slots[Facts::slot(Key::of(asked.as_bytes()))] = e;
            assert_eq!(facts.get(asked.as_bytes()).unwrap_or(0), 0, "{asked}");
            let bits = 0b100 << n;
            facts.insert(asked, bits);
            assert_eq!(facts.get(asked.as_bytes()).unwrap_or(0), bits, "{asked}");
        }
        // The texts whose entries were copied keep their own.
        assert_eq!(facts.get(b"Ord0").unwrap_or(0), 1);
        assert_eq!(facts.get(b"Ordbogen1").unwrap_or(0), 0b11);
    }

    /// A text's head is its first eight bytes, whatever its length, and its key does not
    /// depend on where it comes from.
    #[test]
    fn keys_take_every_byte() {
        assert_eq!(Key::of(b"").head, 0);
        assert_eq!(Key::of(b"ab").head, 0x6261);
        assert_eq!(Key::of(b"abcdefgh").head, u64::from_le_bytes(*b"abcdefgh"));
        assert_eq!(
            Key::of(b"abcdefghij").head,
            u64::from_le_bytes(*b"abcdefgh")
        );
        let text = "Danmark Danmarks Danmark";
        assert_eq!(
            Key::of(&text.as_bytes()[..7]),
            Key::of(&text.as_bytes()[17..])
        );
        // Texts a byte apart anywhere, and of one head but not one length, hash apart.
        let base = b"Forsvarsministeriets";
        let mut hashes = vec![Key::of(base).hash, Key::of(&base[..16]).hash];
        for i in 0..base.len() {
            let mut other = *base;
            other[i] ^= 1;
            hashes.push(Key::of(&other).hash);
        }
        let n = hashes.len();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), n);
    }

    /// Past its limit of tail bytes the cache starts afresh, and still answers for what it
    /// holds; with a text of up to eight bytes in every slot, it answers for each.
    #[test]
    fn a_full_cache_starts_afresh() {
        let mut facts = Facts::default();
        let long = |n: usize| format!("{n:0>width$}", width = Facts::LONGEST);
        let per_text = Facts::LONGEST - 8;
        let texts = Facts::TEXT_LIMIT / per_text + 1;
        for n in 0..texts {
            facts.insert(&long(n), 1);
        }
        assert_eq!(facts.tails.len(), per_text);
        assert_eq!(facts.get(long(texts - 1).as_bytes()).unwrap_or(0), 1);
        assert_eq!(facts.get(long(0).as_bytes()).unwrap_or(0), 0);
        assert_eq!(facts.slots.iter().filter(|e| e.span != 0).count(), 1);

        // Short texts, one per slot by construction: each keeps its answer.
        let mut facts = Facts::default();
        let mut by_slot = vec![None; Facts::SLOTS];
        for n in 0.. {
            let text = format!("w{n}");
            let slot = Facts::slot(Key::of(text.as_bytes()));
            if by_slot[slot].is_none() {
                facts.insert(&text, 1);
                by_slot[slot] = Some(text);
            }
            if n > 4 * Facts::SLOTS {
                break;
            }
        }
        assert!(facts.tails.is_empty());
        for text in by_slot.iter().flatten() {
            assert_eq!(facts.get(text.as_bytes()).unwrap_or(0), 1, "{text}");
        }
    }

    /// A text too long to keep is not kept, and asking about it finds nothing.
    #[test]
    fn long_texts_are_not_kept() {
        let mut facts = Facts::default();
        let long = "x".repeat(Facts::LONGEST + 1);
        facts.insert(&long, 1);
        assert_eq!(facts.get(long.as_bytes()).unwrap_or(0), 0);
        assert!(facts.tails.is_empty());
    }

    /// What was kept under one lexicon is known until the lexicon changes.
    #[test]
    fn answers_carry_over_documents_of_one_lexicon() {
        let mut facts = Facts::default();
        facts.for_lexicon(7);
        facts.insert("Jensen", 5);
        facts.for_lexicon(7);
        assert_eq!(facts.get("Jensen".as_bytes()), Some(5));
        assert_eq!(facts.get("Stadion".as_bytes()), None);
        facts.for_lexicon(8);
        assert_eq!(facts.get("Jensen".as_bytes()), None);
    }
}
