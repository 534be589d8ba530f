//! The `csv` format, navne's default: one row per mention, in the columns downstream datasets
//! rely on, after a header row (unless switched off).
//!
//! Columns: `doc_id,date,start,end,mention,label,entity_id,canonical,method` (RFC 4180, UTF-8,
//! CRLF line ends). A document with no date and a mention with no entity have empty fields
//! there. Also reachable as `navne::rows`, its name from before there were other formats.

use std::fmt;

use crate::document::Document;
use crate::format::decimal::{push_uint, short_uint};
use crate::format::{EntryFields, Format, PAD};
use crate::label::{Label, Method};
use crate::matcher::Matcher;
use crate::mention::Mention;
use crate::text::{HI, LO};

/// The header row, exactly as written.
pub const HEADER: [&str; 9] = [
    "doc_id",
    "date",
    "start",
    "end",
    "mention",
    "label",
    "entity_id",
    "canonical",
    "method",
];

/// The `csv` format: [`RowWriter`]'s rows, after the header row when `header` is set.
#[derive(Clone, Debug)]
pub struct Csv {
    columns: EntryColumns,
    header: bool,
}

impl Csv {
    /// Rows of mentions found by `matcher`, with the header row first if `header`.
    pub fn new(matcher: &Matcher, header: bool) -> Csv {
        Csv {
            columns: EntryColumns::new(matcher),
            header,
        }
    }
}

impl Format for Csv {
    fn header(&self, out: &mut Vec<u8>) {
        if self.header {
            out.extend_from_slice(&RowWriter::header());
        }
    }

    fn document(&self, doc: &Document, mentions: &[Mention], out: &mut Vec<u8>) {
        push_rows(out, doc, mentions, &self.columns);
    }
}

/// Renders CSV rows into a byte buffer; cheap to make one per document or per thread.
///
/// Fields are quoted exactly when they hold a comma, a double quote, CR or LF, with quotes
/// doubled inside, and rows end in CRLF: the output of a `csv::Writer` with its default
/// `QuoteStyle::Necessary` and `Terminator::CRLF`. (That writer also quotes an empty field
/// when it is a row's only field; rows here always have nine.)
#[derive(Clone, Debug, Default)]
pub struct RowWriter {
    out: Vec<u8>,
}

impl RowWriter {
    /// An empty buffer.
    pub fn new() -> RowWriter {
        RowWriter::default()
    }

    /// An empty buffer with room for `bytes` bytes of rows.
    pub fn with_capacity(bytes: usize) -> RowWriter {
        RowWriter {
            out: Vec::with_capacity(bytes),
        }
    }

    /// The header row as bytes.
    pub fn header() -> Vec<u8> {
        let mut out = Vec::new();
        for (i, name) in HEADER.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            push_field(&mut out, name);
        }
        out.extend_from_slice(b"\r\n");
        out
    }

    /// Appends one row per mention of `doc`; `columns` are those of the matcher the mentions
    /// come from.
    pub fn write_mentions(&mut self, doc: &Document, mentions: &[Mention], columns: &EntryColumns) {
        push_rows(&mut self.out, doc, mentions, columns);
    }

    /// The rendered bytes.
    pub fn into_bytes(self) -> Vec<u8> {
        self.out
    }
}

/// Appends one row per mention of `doc` to `out`.
fn push_rows(out: &mut Vec<u8>, doc: &Document, mentions: &[Mention], columns: &EntryColumns) {
    if mentions.is_empty() {
        return;
    }
    // `doc_id,date,` is the same in every row of the document: rendered once, as the start
    // of the first row, and copied from there into the others.
    let start = out.len();
    let (id, date) = (
        doc.id.as_bytes(),
        doc.date.as_deref().unwrap_or("").as_bytes(),
    );
    let mut row = Row::new(out, most_quoted(id) + most_quoted(date) + ",,".len());
    row.field(id);
    row.byte(b',');
    row.field(date);
    row.byte(b',');
    row.finish();
    let prefix = start..out.len();
    // Room for typical rows up front: growing from empty, row by row, costs more than the
    // rows themselves.
    out.reserve(mentions.len() * (prefix.len() + TYPICAL_ROW_REST));
    let text = doc.text.as_bytes();
    for (k, m) in mentions.iter().enumerate() {
        let mention = &text[m.byte_start..m.byte_end];
        // `,LABEL,` and `,method\r\n`.
        let label = &columns.labels[label_index(m.label)];
        let method = &columns.methods[method_index(m.method)];
        // The entity's two fields (and padding), or (no entity id) the canonical name: the
        // layer's, or the mention's text.
        let entry = m.entry.map(|id| columns.entries.get_with_pad(id));
        let canonical = match entry {
            Some(_) => &[][..],
            None => m.canonical.as_deref().map_or(mention, str::as_bytes),
        };
        let most = prefix.len()
            + 2 * MAX_DIGITS
            + most_quoted(mention)
            + label.len()
            + entry.map_or(1 + most_quoted(canonical), |(_, len)| len)
            + method.len()
            + ",,".len();
        let mut row = Row::new(out, most);
        if k > 0 {
            row.repeat(prefix.clone());
        }
        row.uint(m.start);
        row.byte(b',');
        row.uint(m.end);
        row.byte(b',');
        row.field_in(text, m.byte_start, mention.len());
        // A label or method name is a plain word: it never needs quotes.
        row.piece(label);
        match entry {
            Some((fields, len)) => row.put_in(fields, 0, len),
            None => {
                row.byte(b',');
                row.field(canonical);
            }
        }
        row.piece(method);
        row.finish();
    }
}

/// Where a label's `,LABEL,` is in [`EntryColumns`]: the built-in labels in [`Label::ALL`]
/// order, then the custom ones by number.
#[inline(always)]
fn label_index(label: Label) -> usize {
    match label {
        Label::Custom(n) => Label::ALL.len() + usize::from(n),
        builtin => builtin.index(),
    }
}

/// Where a method's `,method\r\n` is in [`EntryColumns`].
#[inline(always)]
fn method_index(method: Method) -> usize {
    match method {
        Method::Gazetteer => 0,
        Method::Alias => 1,
        Method::Pattern => 2,
    }
}

/// The methods, in [`method_index`] order.
const METHODS: [Method; 3] = [Method::Gazetteer, Method::Alias, Method::Pattern];

/// A piece of a row that is the same in many rows, kept as a block of [`PAD`] bytes too when
/// it fits one, so that it is copied with one store of fixed size.
#[derive(Clone, Debug)]
struct Piece {
    /// The piece's first `PAD` bytes, padded with zeros.
    block: [u8; PAD],
    /// The piece's bytes.
    bytes: Box<[u8]>,
}

impl Piece {
    /// `parts`, one after another.
    fn new(parts: &[&[u8]]) -> Piece {
        let bytes = parts.concat();
        let mut block = [0; PAD];
        let head = bytes.len().min(PAD);
        block[..head].copy_from_slice(&bytes[..head]);
        Piece {
            block,
            bytes: bytes.into(),
        }
    }

    /// The piece's length.
    #[inline(always)]
    fn len(&self) -> usize {
        self.bytes.len()
    }
}

/// The most digits of a `usize` in decimal.
const MAX_DIGITS: usize = 20;

/// The most bytes `field` takes as [`push_field`] writes it: every byte a doubled quote, in
/// quotes.
fn most_quoted(field: &[u8]) -> usize {
    2 * field.len() + 2
}

/// One row being written into room reserved for it at the end of a buffer, through a
/// pointer: the dozen pieces of a row each cost a capacity check and a length update when
/// pushed onto the vector, and a call of `memcpy` when extended with a slice, which together
/// came to more than the rows' bytes. Here the room is reserved once, the pieces are copied
/// with a few word moves ([`copy_short`]) and the length is set once, by [`Row::finish`].
struct Row<'a> {
    out: &'a mut Vec<u8>,
    /// Where the next byte goes: from `out.len()` on, in the room reserved.
    at: usize,
    /// The end of the room reserved: no byte is written at or after it.
    end: usize,
}

impl<'a> Row<'a> {
    /// A row after the end of `out`, with room for `most` bytes.
    #[inline(always)]
    fn new(out: &'a mut Vec<u8>, most: usize) -> Row<'a> {
        // Room for a block of `PAD` bytes stored at any place up to the row's end.
        out.reserve(most + PAD);
        let at = out.len();
        Row {
            out,
            at,
            end: at + most,
        }
    }

    /// Where the next byte goes, with room for `len` bytes there.
    ///
    /// [`push_rows`] reserves the most each piece can take and puts no more pieces than it
    /// counted; the check here (one compare, never taken) keeps a miscount a panic rather
    /// than a write past the room.
    #[inline(always)]
    fn room(&mut self, len: usize) -> *mut u8 {
        assert!(len <= self.end - self.at, "a row longer than its room");
        // SAFETY: `at` is within the room reserved, `len` bytes of which are left, as the
        // room reserved counts every piece at its longest.
        unsafe { self.out.as_mut_ptr().add(self.at) }
    }

    /// Appends `bytes`.
    #[inline(always)]
    fn put(&mut self, bytes: &[u8]) {
        let to = self.room(bytes.len());
        // SAFETY: `to` has room for the bytes (`room`), and `bytes` is no part of the room,
        // which is borrowed here with the vector.
        unsafe { copy_short(bytes.as_ptr(), to, bytes.len()) };
        self.at += bytes.len();
    }

    /// Appends `src[start..start + len]`, by storing a block of [`PAD`] bytes of `src` when it
    /// has that many from `start` and the piece is no longer: one store of fixed size, where
    /// [`copy_short`] chooses among sizes.
    #[inline(always)]
    fn put_in(&mut self, src: &[u8], start: usize, len: usize) {
        match src.get(start..start + PAD) {
            Some(block) if len <= PAD => {
                let block: &[u8; PAD] = block.try_into().expect("a block");
                self.block(block, len);
            }
            _ => self.put(&src[start..start + len]),
        }
    }

    /// Appends `piece`: its block where it fits one.
    #[inline(always)]
    fn piece(&mut self, piece: &Piece) {
        let len = piece.len();
        if len <= PAD {
            self.block(&piece.block, len);
        } else {
            self.put(&piece.bytes);
        }
    }

    /// Appends the first `len` bytes of `block` (at most [`PAD`]), storing all of them.
    #[inline(always)]
    fn block(&mut self, block: &[u8; PAD], len: usize) {
        // A piece of `len` bytes is counted in the row's room, which has `PAD` bytes more
        // (`Row::new`): the block's store stays within it.
        assert!(
            len <= PAD && len <= self.end - self.at,
            "a row longer than its room"
        );
        // SAFETY: `at` is at most the row's end (the piece is counted), and the room
        // reserved reaches `PAD` bytes past the end; `block` is no part of the room.
        unsafe {
            self.out
                .as_mut_ptr()
                .add(self.at)
                .cast::<[u8; PAD]>()
                .write_unaligned(*block);
        }
        self.at += len;
    }

    /// Appends the field `src[start..start + len]` as [`Row::field`] does, looking for bytes
    /// that need quotes in a block of [`PAD`] bytes of `src` when it has that many from
    /// `start` and the field is no longer, and storing that block if none does.
    #[inline(always)]
    fn field_in(&mut self, src: &[u8], start: usize, len: usize) {
        if len <= PAD {
            if let Some(block) = src.get(start..start + PAD) {
                let block: &[u8; PAD] = block.try_into().expect("a block");
                // Most mentions fit in the first half of the block, which is tested alone.
                let marks = if len <= PAD / 2 {
                    quote_marks_half(block)
                } else {
                    quote_marks(block)
                };
                if marks & (((1u64 << len) - 1) as u32) == 0 {
                    self.block(block, len);
                } else {
                    self.quoted(&block[..len]);
                }
                return;
            }
        }
        self.field(&src[start..start + len]);
    }

    /// Appends the bytes of the buffer at `range`, which were written before the row began.
    #[inline(always)]
    fn repeat(&mut self, range: std::ops::Range<usize>) {
        assert!(range.start <= range.end && range.end <= self.out.len());
        let len = range.end - range.start;
        let to = self.room(len);
        // SAFETY: `range` is within the vector's length, and the room begins at that length
        // or after it, so the two do not overlap; `to` has room for `len` bytes.
        unsafe { copy_short(self.out.as_ptr().add(range.start), to, len) };
        self.at += len;
    }

    /// Appends `byte`.
    #[inline(always)]
    fn byte(&mut self, byte: u8) {
        let to = self.room(1);
        // SAFETY: `to` has room for a byte.
        unsafe { to.write(byte) };
        self.at += 1;
    }

    /// Appends `n` in decimal, as [`push_uint`] does.
    #[inline(always)]
    fn uint(&mut self, n: usize) {
        match short_uint(n) {
            Some((digits, len)) => {
                // All eight bytes are stored and the length moves by the digits: a store of
                // fixed size costs less than a copy of variable length.
                let to = self.room(MAX_DIGITS);
                // SAFETY: `to` has room for eight bytes and more.
                unsafe { to.cast::<[u8; 8]>().write_unaligned(digits.to_le_bytes()) };
                self.at += len;
            }
            None => self.long_uint(n),
        }
    }

    /// [`Row::uint`] of a number of more than eight digits.
    #[cold]
    #[inline(never)]
    fn long_uint(&mut self, n: usize) {
        let mut digits = Vec::with_capacity(MAX_DIGITS);
        push_uint(&mut digits, n);
        self.put(&digits);
    }

    /// Appends `field` as [`push_field`] does: in double quotes, inner quotes doubled, if it
    /// holds a byte that would otherwise end the field or the row.
    #[inline(always)]
    fn field(&mut self, bytes: &[u8]) {
        if !needs_quotes(bytes) {
            self.put(bytes);
        } else {
            self.quoted(bytes);
        }
    }

    /// Appends `bytes` in double quotes, doubling the quotes inside.
    #[cold]
    #[inline(never)]
    fn quoted(&mut self, bytes: &[u8]) {
        self.byte(b'"');
        for &b in bytes {
            if b == b'"' {
                self.byte(b'"');
            }
            self.byte(b);
        }
        self.byte(b'"');
    }

    /// Ends the row: the bytes written become part of the buffer.
    #[inline(always)]
    fn finish(self) {
        assert!(self.at <= self.end, "a row longer than its room");
        // SAFETY: every byte from the old length up to `at` was written, within the capacity
        // reserved.
        unsafe { self.out.set_len(self.at) };
    }
}

/// Copies `len` bytes from `from` to `to` with at most four loads and four stores of words
/// that overlap as needed, for up to 32 bytes (the pieces of a row almost always), and with
/// `copy_nonoverlapping` beyond: the call of `memcpy` and its choice of method cost more than
/// the copy of a short piece.
///
/// # Safety
///
/// `from` must be valid for reading `len` bytes, `to` for writing them, and the two must
/// not overlap.
#[inline(always)]
unsafe fn copy_short(from: *const u8, to: *mut u8, len: usize) {
    // SAFETY: each load reads bytes within `from..from + len` and each store writes bytes
    // within `to..to + len`, as the caller vouches for; the words need no alignment.
    unsafe {
        if len > 32 {
            std::ptr::copy_nonoverlapping(from, to, len);
        } else if len >= 16 {
            let a = from.cast::<u128>().read_unaligned();
            let b = from.add(len - 16).cast::<u128>().read_unaligned();
            to.cast::<u128>().write_unaligned(a);
            to.add(len - 16).cast::<u128>().write_unaligned(b);
        } else if len >= 8 {
            let a = from.cast::<u64>().read_unaligned();
            let b = from.add(len - 8).cast::<u64>().read_unaligned();
            to.cast::<u64>().write_unaligned(a);
            to.add(len - 8).cast::<u64>().write_unaligned(b);
        } else if len >= 4 {
            let a = from.cast::<u32>().read_unaligned();
            let b = from.add(len - 4).cast::<u32>().read_unaligned();
            to.cast::<u32>().write_unaligned(a);
            to.add(len - 4).cast::<u32>().write_unaligned(b);
        } else if len > 0 {
            let (a, b, c) = (*from, *from.add(len / 2), *from.add(len - 1));
            *to = a;
            *to.add(len / 2) = b;
            *to.add(len - 1) = c;
        }
    }
}

/// The `entity_id,canonical` fields of every entry of a matcher, rendered once for all rows:
/// a row of a gazetteer mention copies them in one piece, instead of reading the entry's two
/// strings and looking through each for bytes that need quotes.
/// With them, the other pieces that rows share: each label's `,LABEL,` and each method's
/// `,method\r\n`.
#[derive(Clone)]
pub struct EntryColumns {
    entries: EntryFields,
    /// By [`label_index`].
    labels: Vec<Piece>,
    /// By [`method_index`].
    methods: Vec<Piece>,
}

/// The sizes, not the bytes: a pipeline that is printed should not print every entry.
impl fmt::Debug for EntryColumns {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("EntryColumns").field(&self.entries).finish()
    }
}

impl EntryColumns {
    /// The fields of every entry of `matcher`: its id and name, comma-separated, quoted as
    /// needed.
    pub fn new(matcher: &Matcher) -> EntryColumns {
        let entries = EntryFields::new(matcher, |out, entry| {
            push_field(out, &entry.id);
            out.push(b',');
            push_field(out, &entry.name);
        });
        let names = matcher.labels();
        let labels = Label::ALL
            .into_iter()
            .chain(names.custom().map(|(label, _)| label))
            .map(|label| Piece::new(&[b",", names.name(label).as_bytes(), b","]))
            .collect();
        let methods = METHODS
            .iter()
            .map(|m| Piece::new(&[b",", m.as_str().as_bytes(), b"\r\n"]))
            .collect();
        EntryColumns {
            entries,
            labels,
            methods,
        }
    }
}

/// Bytes of a typical row after `doc_id,date,`, for reserving room.
const TYPICAL_ROW_REST: usize = 96;

/// Appends `field`, in double quotes (inner quotes doubled) if it holds a byte that would
/// otherwise end the field or the row.
fn push_field(out: &mut Vec<u8>, field: &str) {
    let bytes = field.as_bytes();
    if !needs_quotes(bytes) {
        out.extend_from_slice(bytes);
        return;
    }
    push_quoted(out, bytes);
}

/// Appends `bytes` in double quotes, doubling the quotes inside.
#[cold]
fn push_quoted(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'"');
    for (i, part) in bytes.split(|&b| b == b'"').enumerate() {
        if i > 0 {
            out.extend_from_slice(b"\"\"");
        }
        out.extend_from_slice(part);
    }
    out.push(b'"');
}

/// Whether byte `b` puts its field in quotes: a comma, a double quote, CR or LF; what
/// [`needs_quotes`] tests a word at a time (and the tests a byte at a time).
#[cfg_attr(not(test), allow(dead_code))]
fn is_quote_byte(b: u8) -> bool {
    matches!(b, b',' | b'"' | b'\r' | b'\n')
}

/// Nonzero exactly when some byte of `x` is zero.
///
/// The byte just above a zero byte may get its bit too (the borrow runs upwards), so only the
/// answer as a whole, zero or not, is exact; that is all the callers ask.
#[inline]
fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(LO) & !x & HI
}

/// Nonzero exactly when some byte of the word `x` [`is_quote_byte`].
#[inline]
fn quote_bytes(x: u64) -> u64 {
    zero_bytes(x ^ (LO * u64::from(b',')))
        | zero_bytes(x ^ (LO * u64::from(b'"')))
        | zero_bytes(x ^ (LO * u64::from(b'\r')))
        | zero_bytes(x ^ (LO * u64::from(b'\n')))
}

/// One bit for each byte of `block` that [`is_quote_byte`], the lowest bit for the first.
#[inline(always)]
fn quote_marks(block: &[u8; PAD]) -> u32 {
    #[cfg(target_arch = "x86_64")]
    {
        sse2_quote_marks(block, 0) | sse2_quote_marks(block, 16) << 16
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        portable_quote_marks(block)
    }
}

/// [`quote_marks`] of the first half of `block` only: the bits of the second half are 0.
#[inline(always)]
fn quote_marks_half(block: &[u8; PAD]) -> u32 {
    #[cfg(target_arch = "x86_64")]
    {
        sse2_quote_marks(block, 0)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        portable_quote_marks(block) & 0xffff
    }
}

/// [`quote_marks`] of the sixteen bytes of `block` from `at` (0 or 16), in SSE2.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn sse2_quote_marks(block: &[u8; PAD], at: usize) -> u32 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    let half: &[u8; 16] = block[at..at + 16].try_into().expect("a half");
    // SAFETY: SSE2 is part of the x86-64 baseline; the load reads the sixteen bytes of
    // `half`, with no alignment required (`loadu`).
    unsafe {
        let x = _mm_loadu_si128(half.as_ptr().cast::<__m128i>());
        let is = |b: u8| _mm_cmpeq_epi8(x, _mm_set1_epi8(b as i8));
        let found = _mm_or_si128(
            _mm_or_si128(is(b','), is(b'"')),
            _mm_or_si128(is(b'\r'), is(b'\n')),
        );
        _mm_movemask_epi8(found) as u32 & 0xffff
    }
}

/// [`quote_marks`] a byte at a time: for other targets, and the tests' reference.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn portable_quote_marks(block: &[u8; PAD]) -> u32 {
    block
        .iter()
        .enumerate()
        .filter(|(_, &b)| is_quote_byte(b))
        .fold(0, |marks, (k, _)| marks | 1 << k)
}

/// Whether `bytes` holds a byte that [`is_quote_byte`], tested eight bytes at a time: the
/// last eight (overlapping the eight before) as one more word, and fewer than eight in one
/// word of their own, filled out with bytes of theirs, so that no field is looked at a byte
/// at a time.
#[inline]
fn needs_quotes(bytes: &[u8]) -> bool {
    let len = bytes.len();
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight"));
    if len >= 8 {
        let mut found = quote_bytes(word(len - 8));
        for chunk in bytes.chunks_exact(8) {
            found |= quote_bytes(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        }
        return found != 0;
    }
    let half = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("four"));
    let short = if len >= 4 {
        u64::from(half(0)) | u64::from(half(len - 4)) << 32
    } else if len > 0 {
        // Each byte's value spread over the word: the first, middle and last byte (of one to
        // three), repeated, are all the bytes.
        let (a, b, c) = (bytes[0], bytes[len / 2], bytes[len - 1]);
        u64::from_le_bytes([a, b, c, a, b, c, a, b])
    } else {
        return false;
    };
    quote_bytes(short) != 0
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::gazetteer::{Entry, Gazetteer};
    use crate::label::{Label, Method};
    use crate::matcher::EntryId;

    /// Rows as the `csv` crate writes them, configured as `RowWriter` promises to match.
    fn csv_crate_bytes(records: &[Vec<String>]) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        for r in records {
            w.write_record(r).unwrap();
        }
        w.into_inner().unwrap()
    }

    /// One mention to render.
    #[derive(Clone, Debug)]
    struct Spec {
        text: String,
        /// The gazetteer entry's id and name, if the mention has an entry.
        entry: Option<(String, String)>,
        canonical: Option<String>,
        start: usize,
        end: usize,
        label: Label,
        method: Method,
    }

    /// The rows of `specs` in a document with `id` and `date`, rendered by `RowWriter` and by
    /// the `csv` crate. The document text is the mention texts one after another.
    fn both_renderings(id: &str, date: Option<&str>, specs: &[Spec]) -> (Vec<u8>, Vec<u8>) {
        let mut gazetteer = Gazetteer::new();
        let mut text = String::new();
        let mut mentions = Vec::new();
        let mut records = Vec::new();
        for spec in specs {
            let byte_start = text.len();
            text.push_str(&spec.text);
            let entry = spec.entry.as_ref().map(|(entry_id, name)| {
                gazetteer.push(Entry {
                    id: entry_id.clone(),
                    name: name.clone(),
                    aliases: Vec::new(),
                    label: spec.label,
                    ambiguous: false,
                    prior: 0.0,
                });
                EntryId(gazetteer.entries().len() as u32 - 1)
            });
            let (entity_id, canonical) = match &spec.entry {
                Some((entry_id, name)) => (entry_id.clone(), name.clone()),
                None => (
                    String::new(),
                    spec.canonical.clone().unwrap_or_else(|| spec.text.clone()),
                ),
            };
            records.push(vec![
                id.to_string(),
                date.unwrap_or("").to_string(),
                spec.start.to_string(),
                spec.end.to_string(),
                spec.text.clone(),
                spec.label.as_str().to_string(),
                entity_id,
                canonical,
                spec.method.as_str().to_string(),
            ]);
            mentions.push(Mention {
                start: spec.start,
                end: spec.end,
                byte_start,
                byte_end: text.len(),
                label: spec.label,
                entry,
                method: spec.method,
                canonical: spec.canonical.clone(),
            });
        }
        let matcher = Matcher::new(gazetteer).unwrap();
        let doc = Document::plain(id.to_string(), date.map(String::from), text);
        let mut rows = RowWriter::new();
        rows.write_mentions(&doc, &mentions, &EntryColumns::new(&matcher));
        (rows.into_bytes(), csv_crate_bytes(&records))
    }

    fn plain(text: &str) -> Spec {
        Spec {
            text: text.to_string(),
            entry: None,
            canonical: None,
            start: 0,
            end: text.chars().count(),
            label: Label::Loc,
            method: Method::Pattern,
        }
    }

    #[test]
    fn header_is_exact() {
        assert_eq!(
            RowWriter::header(),
            b"doc_id,date,start,end,mention,label,entity_id,canonical,method\r\n"
        );
        let header = vec![HEADER.map(String::from).to_vec()];
        assert_eq!(RowWriter::header(), csv_crate_bytes(&header));
    }

    #[test]
    fn the_format_writes_the_header_only_when_asked() {
        let matcher = Matcher::new(Gazetteer::new()).unwrap();
        let mut out = Vec::new();
        Csv::new(&matcher, false).header(&mut out);
        assert!(out.is_empty());
        Csv::new(&matcher, true).header(&mut out);
        assert_eq!(out, RowWriter::header());
    }

    #[test]
    fn no_mentions_no_bytes() {
        let (ours, csv) = both_renderings("a,b", Some("2020-01"), &[]);
        assert!(ours.is_empty());
        assert_eq!(ours, csv);
    }

    #[test]
    fn quotes_exactly_where_the_csv_crate_does() {
        let fields = [
            "",
            "plain",
            "a,b",
            "say \"hi\"",
            "\"",
            "\"\"",
            "line\nbreak",
            "carriage\rreturn",
            "crlf\r\n",
            " padded ",
            "tab\there",
            "#hash",
            "semi;colon",
            "æøå Ærø",
            "emoji 😀, \"quoted\"",
            "'single'",
        ];
        for field in fields {
            let with_entry = Spec {
                entry: Some((field.to_string(), format!("x{field}"))),
                label: Label::Org,
                method: Method::Gazetteer,
                ..plain(field)
            };
            let with_canonical = Spec {
                canonical: Some(field.to_string()),
                method: Method::Alias,
                ..plain(field)
            };
            let specs = [plain(field), with_entry, with_canonical];
            let (ours, csv) = both_renderings(field, Some(field), &specs);
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&csv),
                "{field:?}"
            );
            let (ours, csv) = both_renderings(field, None, &specs);
            assert_eq!(ours, csv, "{field:?}");
        }
    }

    #[test]
    fn numbers_in_full() {
        let specs: Vec<Spec> = [0, 9, 10, 99, 100, 12345, usize::MAX / 10, usize::MAX]
            .into_iter()
            .map(|n| Spec {
                start: n,
                end: usize::MAX - n,
                ..plain("x")
            })
            .collect();
        let (ours, csv) = both_renderings("d", None, &specs);
        assert_eq!(ours, csv);
    }

    /// `field` as the `csv` crate writes it, followed by a plain second field.
    fn csv_crate_field(field: &str) -> Vec<u8> {
        csv_crate_bytes(&[vec![field.to_string(), "x".to_string()]])
    }

    /// `field` as `push_field` writes it, followed by a plain second field.
    fn our_field(field: &str) -> Vec<u8> {
        let mut out = b"prefix".to_vec();
        push_field(&mut out, field);
        out.extend_from_slice(b",x\r\n");
        out.split_off(6)
    }

    #[test]
    fn quote_bytes_found_at_every_position() {
        // Fillers next to the quote bytes' values and ones that upset word-at-a-time tests:
        // zero, one, bytes with the top bit set.
        let fillers = [
            b'a',
            0,
            1,
            b',' - 1,
            b',' + 1,
            b'"' + 1,
            b'\r' + 1,
            b'\n' - 1,
            0x80,
            0xFF,
        ];
        for len in 0..=40 {
            for filler in fillers {
                let mut bytes = vec![filler; len];
                assert_eq!(
                    needs_quotes(&bytes),
                    is_quote_byte(filler),
                    "{len} {filler}"
                );
                for pos in 0..len {
                    for b in 0..=255u8 {
                        bytes[pos] = b;
                        assert_eq!(
                            needs_quotes(&bytes),
                            is_quote_byte(b) || is_quote_byte(filler),
                            "{bytes:?}"
                        );
                    }
                    bytes[pos] = filler;
                }
            }
        }
    }

    #[test]
    fn fields_quoted_at_every_position() {
        for len in 0..=40 {
            for filler in ["a", "æ", "\t", "\0"] {
                let field = filler.repeat(len);
                assert_eq!(our_field(&field), csv_crate_field(&field), "{field:?}");
                for pos in 0..len {
                    for c in [",", "\"", "\r", "\n", "+", "-", "!", "\u{b}"] {
                        let mut field = filler.repeat(pos);
                        field.push_str(c);
                        field.push_str(&filler.repeat(len - pos - 1));
                        assert_eq!(our_field(&field), csv_crate_field(&field), "{field:?}");
                    }
                }
            }
        }
    }

    /// Strings rich in the bytes that decide quoting, plus any string at all.
    fn field() -> impl Strategy<Value = String> {
        prop_oneof!["[a-cæ😀 ,\"\r\n\t#;']{0,10}", any::<String>(),]
    }

    /// A gazetteer name: never empty.
    fn name() -> impl Strategy<Value = String> {
        prop_oneof!["[a-cæ😀 ,\"\r\n]{1,10}", ".{1,10}"]
    }

    fn spec() -> impl Strategy<Value = Spec> {
        let methods = vec![Method::Gazetteer, Method::Alias, Method::Pattern];
        (
            field(),
            proptest::option::of((field(), name())),
            proptest::option::of(field()),
            (any::<usize>(), any::<usize>()),
            prop::sample::select(Label::ALL.to_vec()),
            prop::sample::select(methods),
        )
            .prop_map(
                |(text, entry, canonical, (start, end), label, method)| Spec {
                    text,
                    entry,
                    canonical,
                    start,
                    end,
                    label,
                    method,
                },
            )
    }

    proptest! {
        #[test]
        fn rows_match_the_csv_crate(
            id in field(),
            date in proptest::option::of(field()),
            specs in proptest::collection::vec(spec(), 0..6),
        ) {
            let (ours, csv) = both_renderings(&id, date.as_deref(), &specs);
            prop_assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(csv).unwrap());
        }

        #[test]
        fn quote_marks_agree_with_the_byte_loop(block in prop::collection::vec(
            prop::sample::select(vec![b',', b'"', b'\r', b'\n', b'a', 0x00, 0x2c + 0x80, 0xff]),
            PAD,
        )) {
            let block: &[u8; PAD] = block.as_slice().try_into().unwrap();
            prop_assert_eq!(quote_marks(block), portable_quote_marks(block));
            prop_assert_eq!(quote_marks_half(block), portable_quote_marks(block) & 0xffff);
        }

        #[test]
        fn fields_match_the_csv_crate(field in field()) {
            prop_assert_eq!(our_field(&field), csv_crate_field(&field));
        }
    }
}
