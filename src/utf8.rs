//! UTF-8 validation a block of bytes at a time, fused with the search for the end of a run of
//! plain JSON string bytes ([`valid_until_string_stop`]), so that a JSON string's bytes are
//! checked and its end found in one pass.
//!
//! It accepts exactly what [`std::str::from_utf8`] accepts. A block of sixteen bytes (32 with
//! AVX2) that is ASCII and whole two-byte sequences (most Danish text) is passed at once
//! ([`block_marks`]); anywhere else the bytes are looked at one character at a time, each
//! multi-byte sequence checked against the table `from_utf8` follows (no overlong forms, no
//! surrogates, nothing above U+10FFFF, no truncated sequence).

/// The index of the first quote, backslash or control byte (below `0x20`) at or after
/// `from`, if the bytes from `from` up to it are valid UTF-8; `None` if there is no such byte,
/// or if what comes before it is not valid. The same answer as finding the first such byte and
/// then asking `std::str::from_utf8` about the bytes before it.
///
/// Thirty-two bytes at a time with AVX2 where the processor has it, else sixteen with SSE2.
///
/// Never panics: a `from` past the end finds nothing.
pub(crate) fn valid_until_string_stop(bytes: &[u8], from: usize) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2, which is all `avx2::scan` needs.
        return unsafe { avx2::scan(bytes, from) }.stop();
    }
    scan::<BLOCK>(bytes, from, block_marks).stop()
}

/// Bytes [`short_ascii_stop`] looks at.
pub(crate) const SHORT: usize = 16;

/// The index of the first quote, backslash or control byte among the [`SHORT`] bytes from
/// `from`, when every byte before it is ASCII: then [`valid_until_string_stop`] gives the
/// same index. `None` when fewer than [`SHORT`] bytes follow `from`, when a byte of `0x80` or
/// above comes first, or when there is no stop among them: ask [`valid_until_string_stop`].
///
/// For the short ASCII runs of a JSON line (its keys, an id, a date): a handful of
/// instructions, where the scan's setting up and its validation cost a hundred.
#[inline(always)]
pub(crate) fn short_ascii_stop(bytes: &[u8], from: usize) -> Option<usize> {
    let block: &[u8; SHORT] = bytes.get(from..from.checked_add(SHORT)?)?.try_into().ok()?;
    let marks = short_marks(block);
    if marks == 0 {
        return None;
    }
    let at = from + marks.trailing_zeros() as usize;
    (bytes[at] < 0x80).then_some(at)
}

/// One bit for each byte of `block` that is a string stop or not ASCII, the lowest bit for
/// the first byte.
#[inline(always)]
fn short_marks(block: &[u8; SHORT]) -> u32 {
    #[cfg(target_arch = "x86_64")]
    {
        sse2::short_marks(block)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        portable_short_marks(block)
    }
}

/// [`short_marks`] a byte at a time: for targets without SSE2, and as the tests' reference.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn portable_short_marks(block: &[u8; SHORT]) -> u32 {
    let mut marks = 0;
    for (k, &byte) in block.iter().enumerate() {
        if byte >= 0x80 || is_string_stop(byte) {
            marks |= 1 << k;
        }
    }
    marks
}

/// Reads the rest of a JSON string from `from` (after its opening quote, or after a run of it
/// already read) up to and over its closing quote: appends its plain bytes to `out`, and for
/// each backslash the character `escape` gives, which is handed the index after the backslash
/// and answers the character and the index after the escape. The index after the closing
/// quote; `None` where [`valid_until_string_stop`] would refuse a run (bytes that are not
/// UTF-8, a raw control byte, no closing quote) or `escape` refuses an escape. What `out` holds
/// after a `None` is unspecified; after a `Some`, the bytes appended are valid UTF-8 as long as
/// `escape` only gives characters.
///
/// The same answer as a loop over [`valid_until_string_stop`] that copies each run and decodes
/// each escape, in one pass and without a call per escape: each block is stored into `out`
/// whole as it is checked (the bytes after a stop are written over later), which costs one
/// store where a copy of the run cost a call of `memcpy`, and an escape costs a few steps of
/// the loop where a new scan cost its setting up. Room for the rest of `bytes` and a block
/// more is reserved up front, since a string decodes to at most its own length.
pub(crate) fn copy_json_string(
    bytes: &[u8],
    from: usize,
    out: &mut Vec<u8>,
    escape: impl FnMut(usize) -> Option<(char, usize)>,
) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2, which is all `avx2::copy_json_string` needs.
        return unsafe { avx2::copy_json_string(bytes, from, out, escape) };
    }
    copy_string::<BLOCK>(bytes, from, out, block_marks, escape)
}

/// Bytes of room past the rest of the input that [`copy_json_string`] reserves in its output:
/// a caller that reserves as much up front makes the only allocation.
pub(crate) const COPY_ROOM: usize = MAX_BLOCK;

/// [`copy_json_string`] with `marks` for blocks of `N` bytes, as [`scan`] takes it.
#[inline(always)]
fn copy_string<const N: usize>(
    bytes: &[u8],
    from: usize,
    out: &mut Vec<u8>,
    marks: impl Fn(&[u8; N], &[u8; N]) -> u32,
    mut escape: impl FnMut(usize) -> Option<(char, usize)>,
) -> Option<usize> {
    // Every store below finds its room (which `put_block` checks): what is appended is at
    // most what is read, and a block is stored only where the bytes read are still to come.
    out.reserve(bytes.len().saturating_sub(from) + COPY_ROOM);
    let mut pos = from;
    loop {
        // At the start of the string or after an escape: where `scan` starts.
        if bytes.get(pos).is_some_and(|&b| is_continuation(b)) {
            return None;
        }
        // Two blocks at a time while two and the byte after them are at hand, each pair
        // stored into the next `2 * N` bytes of spare room, with the length set once: the
        // loop's own steps are shared by twice the bytes, and cost little more than the
        // blocks' loads and stores. The room does not run out before the bytes (see above).
        let start_len = out.len();
        let mut rooms = out.spare_capacity_mut().chunks_exact_mut(2 * N);
        let mut written = 0;
        let mut stop = None;
        while let Some(window) = bytes.get(pos..pos + 2 * N + 1) {
            let Some(room) = rooms.next() else { break };
            let first: &[u8; N] = window[..N].try_into().expect("a block");
            let first_after: &[u8; N] = window[1..=N].try_into().expect("a block");
            let second: &[u8; N] = window[N..2 * N].try_into().expect("a block");
            let second_after: &[u8; N] = window[N + 1..].try_into().expect("a block");
            let found =
                u64::from(marks(first, first_after)) | u64::from(marks(second, second_after)) << N;
            // SAFETY: `room` is `2 * N` bytes of `out`'s spare room, which `bytes`, borrowed
            // apart from `out`, cannot overlap.
            unsafe {
                let to = room.as_mut_ptr().cast::<u8>();
                std::ptr::copy_nonoverlapping(first.as_ptr(), to, N);
                std::ptr::copy_nonoverlapping(second.as_ptr(), to.add(N), N);
            }
            if found != 0 {
                let run = found.trailing_zeros() as usize;
                written += run;
                pos += run;
                stop = Some(pos);
                break;
            }
            written += 2 * N;
            pos += 2 * N;
        }
        // SAFETY: the `written` bytes after the old length were stored, in the rooms taken
        // one after another, within the capacity.
        unsafe { out.set_len(start_len + written) };
        let at = if let Some(at) = stop {
            at
        } else {
            loop {
                // A block and the byte after it, or the last bytes padded to as many.
                let padded;
                let (window, last) = match bytes.get(pos..).and_then(|rest| rest.get(..N + 1)) {
                    Some(window) => (window, false),
                    None => {
                        padded = padded_tail(bytes, pos);
                        (&padded[..], true)
                    }
                };
                let (block, after) = block_and_after::<N>(window);
                let found = marks(block, after);
                if found == 0 && last {
                    // The bytes end inside the string.
                    return None;
                }
                let run = if found == 0 {
                    N
                } else {
                    found.trailing_zeros() as usize
                };
                put_block(out, block, run);
                pos += run;
                if found != 0 {
                    break pos;
                }
            }
        };
        match step(bytes, at) {
            Step::Over(len) => {
                out.extend_from_slice(&bytes[at..at + len]);
                pos = at + len;
            }
            Step::Stop => match bytes[at] {
                b'"' => return Some(at + 1),
                b'\\' => {
                    // Escapes come in runs (`\n\n` between paragraphs): the next of a run is
                    // read here, where the loop would scan a block only to stop at once.
                    pos = at;
                    while bytes.get(pos) == Some(&b'\\') {
                        let (c, next) = escape(pos + 1)?;
                        if c.is_ascii() {
                            out.push(c as u8);
                        } else {
                            out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                        }
                        pos = next;
                    }
                }
                _ => return None,
            },
            Step::Invalid => return None,
        }
    }
}

/// Appends the first `len` bytes of `block` (at most `N`) to `out` by storing all `N` of them
/// into its spare room, which must have that much (it is checked): one store of fixed size
/// costs less than a copy of `len` bytes. The bytes after the first `len` are left as spare
/// room.
#[inline(always)]
fn put_block<const N: usize>(out: &mut Vec<u8>, block: &[u8; N], len: usize) {
    let spare = out.spare_capacity_mut();
    assert!(
        spare.len() >= N && len <= N,
        "a block beyond the room reserved"
    );
    // SAFETY: the spare room has `N` bytes, which cannot overlap `block` (borrowed apart from
    // `out`); after the store the first `len` of them are initialized, so the length may move
    // over them.
    unsafe {
        std::ptr::copy_nonoverlapping(block.as_ptr(), spare.as_mut_ptr().cast::<u8>(), N);
        out.set_len(out.len() + len);
    }
}

/// Whether `byte` ends a run of plain JSON string bytes: a quote, a backslash or a control
/// byte.
fn is_string_stop(byte: u8) -> bool {
    byte == b'"' || byte == b'\\' || byte < 0x20
}

/// How a [`scan`] ended.
enum Scan {
    /// At a stop byte, at this index, with valid UTF-8 before it.
    Stop(usize),
    /// At the end of the input, all of it valid.
    End,
    /// At a byte that does not begin a valid sequence.
    Invalid,
}

impl Scan {
    /// The index of the stop, if the scan ended at one.
    #[inline(always)]
    fn stop(self) -> Option<usize> {
        match self {
            Scan::Stop(at) => Some(at),
            Scan::End | Scan::Invalid => None,
        }
    }
}

/// Bytes in a block of [`block_marks`].
const BLOCK: usize = 16;

/// The most bytes in a block of any `marks` function [`scan`] is given.
const MAX_BLOCK: usize = 32;

/// The bytes of `bytes` from `pos` on, fewer than a block and one, padded with spaces to a
/// block and one, for the last step of a scan.
fn padded_tail(bytes: &[u8], pos: usize) -> [u8; MAX_BLOCK + 1] {
    let tail = bytes.get(pos..).unwrap_or_default();
    let mut window = [b' '; MAX_BLOCK + 1];
    window[..tail.len()].copy_from_slice(tail);
    window
}

/// The first `N` bytes of `window` (at least `N + 1` long) and the `N` bytes one after them,
/// as a scan step's marks read them.
#[inline(always)]
fn block_and_after<const N: usize>(window: &[u8]) -> (&[u8; N], &[u8; N]) {
    let block = window[..N].try_into().expect("a block");
    let after = window[1..=N].try_into().expect("a block");
    (block, after)
}

/// Walks `bytes` from `from` to the first string stop or the end, validating what it passes;
/// `marks` is [`block_marks`] for blocks of `N` bytes (at most [`MAX_BLOCK`]).
///
/// The position is at the start of a character, or at the continuation byte of a two-byte
/// sequence whose lead ended the block before: at `from` unless that is a continuation byte,
/// which is invalid, and after that only ever past whole characters or past a block without
/// marks. Where `N` bytes (and the one after them) are at hand, `marks` tells which of them
/// need a closer look; a block without any is passed whole. Its last byte may be a lead
/// followed by its continuation byte: the next block then begins with that byte, which is
/// left unmarked only when no continuation byte follows it, so the pair is checked all the
/// same. Otherwise the scan moves to the first marked byte and steps over its character
/// ([`step`]), or stops there; a marked byte at the start of a block that is a continuation
/// byte is invalid whichever way it is read. The last bytes, too few for a block, are tested
/// as a block padded with spaces.
#[inline(always)]
fn scan<const N: usize>(
    bytes: &[u8],
    from: usize,
    marks: impl Fn(&[u8; N], &[u8; N]) -> u32,
) -> Scan {
    let mut pos = from;
    if bytes.get(pos).is_some_and(|&b| is_continuation(b)) {
        return Scan::Invalid;
    }
    loop {
        let window = bytes.get(pos..).and_then(|rest| rest.get(..N + 1));
        let found = match window {
            Some(window) => {
                let (block, after) = block_and_after::<N>(window);
                let found = marks(block, after);
                if found == 0 {
                    pos += N;
                    continue;
                }
                found
            }
            None => {
                let window = padded_tail(bytes, pos);
                let (block, after) = block_and_after::<N>(&window);
                match marks(block, after) {
                    0 => return Scan::End,
                    found => found,
                }
            }
        };
        let at = pos + found.trailing_zeros() as usize;
        match step(bytes, at) {
            Step::Over(len) => pos = at + len,
            Step::Stop => return Scan::Stop(at),
            Step::Invalid => return Scan::Invalid,
        }
    }
}

/// What [`step`] found.
enum Step {
    /// A character this many bytes long, to be passed.
    Over(usize),
    /// A stop byte.
    Stop,
    /// A byte that does not begin a valid sequence.
    Invalid,
}

/// The character that begins at `bytes[at]`, the first byte [`block_marks`] marked: a stop, a
/// valid character to step over, or the start of something invalid. A
/// character followed by a continuation byte is invalid too, so that the scan stays at the
/// start of a character.
///
/// A marked byte is not always the start of a character: it may be the continuation byte of a
/// two-byte sequence that is followed by another continuation byte. That is invalid whichever
/// way it is read, and a continuation byte here is always taken for invalid.
#[inline(always)]
fn step(bytes: &[u8], at: usize) -> Step {
    let Some(&byte) = bytes.get(at) else {
        // Never: marks fall on bytes of the input only.
        return Step::Invalid;
    };
    let len = if byte < 0x80 {
        if is_string_stop(byte) {
            return Step::Stop;
        }
        1
    } else {
        match sequence_len(bytes, at) {
            Some(len) => len,
            None => return Step::Invalid,
        }
    };
    if bytes.get(at + len).is_some_and(|&b| is_continuation(b)) {
        return Step::Invalid;
    }
    Step::Over(len)
}

/// One bit for each byte of `block` that needs a closer look, the lowest bit for the first
/// byte; `after` is the block one byte on (its last byte is the one after the block). A byte
/// is left unmarked if it is ASCII but not a string stop, a two-byte lead
/// (`C2`–`DF`) followed by a continuation byte, or a continuation byte (`80`–`BF`) not
/// followed by one.
///
/// With no byte marked and the first byte no continuation byte, the block is whole
/// characters, valid, and free of stops, except that a last byte that is a lead goes with the
/// byte after the block: each lead is followed by a continuation byte, and each continuation
/// byte follows a lead, since the byte before it would be marked if it were not one.
#[inline(always)]
fn block_marks(block: &[u8; BLOCK], after: &[u8; BLOCK]) -> u32 {
    #[cfg(target_arch = "x86_64")]
    {
        sse2::block_marks(block, after)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        portable_block_marks(block, after)
    }
}

/// [`block_marks`] a byte at a time: for targets without SSE2, and as the tests' reference.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn portable_block_marks<const N: usize>(block: &[u8; N], after: &[u8; N]) -> u32 {
    let mut marks = 0;
    for (k, (&byte, &next)) in block.iter().zip(after).enumerate() {
        let lead = is_two_byte_lead(byte);
        let fits = if byte < 0x80 {
            !is_string_stop(byte)
        } else {
            lead || is_continuation(byte)
        };
        if !fits || lead != is_continuation(next) {
            marks |= 1 << k;
        }
    }
    marks
}

/// [`block_marks`] in SSE2 instructions, which every x86-64 processor has. The compiler makes
/// no vector code of the portable loop that builds a bit mask, and vectorizes the plain "is
/// any byte marked" fold well only out of context; this is about 20 instructions a block.
#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_andnot_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8,
        _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8, _mm_xor_si128,
    };

    use super::BLOCK;

    /// See [`super::block_marks`]. The bytes are compared as signed numbers: continuation
    /// bytes are -128 to -65, two-byte leads -62 to -33, ASCII 0 to 127.
    #[inline(always)]
    pub(super) fn block_marks(block: &[u8; BLOCK], after: &[u8; BLOCK]) -> u32 {
        // SAFETY: SSE2 is part of the x86-64 baseline, so every instruction here exists on
        // the target; the two loads read the sixteen bytes of each array, with no alignment
        // required (`loadu`). Nothing else touches memory.
        let good = unsafe {
            let x = _mm_loadu_si128(block.as_ptr().cast::<__m128i>());
            let y = _mm_loadu_si128(after.as_ptr().cast::<__m128i>());
            let lead = _mm_and_si128(
                _mm_cmpgt_epi8(x, _mm_set1_epi8(-63)),
                _mm_cmplt_epi8(x, _mm_set1_epi8(-32)),
            );
            let continuation = _mm_cmplt_epi8(x, _mm_set1_epi8(-64));
            let next_continues = _mm_cmplt_epi8(y, _mm_set1_epi8(-64));
            let quote = _mm_cmpeq_epi8(x, _mm_set1_epi8(b'"' as i8));
            let backslash = _mm_cmpeq_epi8(x, _mm_set1_epi8(b'\\' as i8));
            let above_controls = _mm_cmpgt_epi8(x, _mm_set1_epi8(0x1f));
            let ascii = _mm_andnot_si128(_mm_or_si128(quote, backslash), above_controls);
            let fits = _mm_or_si128(_mm_or_si128(ascii, lead), continuation);
            let paired = _mm_xor_si128(lead, next_continues);
            _mm_movemask_epi8(_mm_andnot_si128(paired, fits))
        };
        !(good as u32) & 0xffff
    }

    /// See [`super::short_marks`]. Compared as signed numbers, the bytes below `0x20` and
    /// those of `0x80` and above are the ones less than `0x20`.
    #[inline(always)]
    pub(super) fn short_marks(block: &[u8; super::SHORT]) -> u32 {
        // SAFETY: SSE2 is part of the x86-64 baseline, so every instruction here exists on
        // the target; the load reads the sixteen bytes of the array, with no alignment
        // required (`loadu`). Nothing else touches memory.
        let marks = unsafe {
            let x = _mm_loadu_si128(block.as_ptr().cast::<__m128i>());
            let quote = _mm_cmpeq_epi8(x, _mm_set1_epi8(b'"' as i8));
            let backslash = _mm_cmpeq_epi8(x, _mm_set1_epi8(b'\\' as i8));
            let below = _mm_cmplt_epi8(x, _mm_set1_epi8(0x20));
            _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), below))
        };
        marks as u32
    }
}

/// The scan with AVX2: [`block_marks`] thirty-two bytes at a time, in the instructions of
/// [`sse2::block_marks`] made twice as wide, so that a run of text costs about half the
/// instructions.
#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::{
        __m256i, _mm256_and_si256, _mm256_andnot_si256, _mm256_cmpeq_epi8, _mm256_cmpgt_epi8,
        _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_or_si256, _mm256_set1_epi8,
        _mm256_xor_si256,
    };

    use super::Scan;

    /// Bytes in a block.
    const BLOCK: usize = 32;

    /// [`super::scan`] with blocks of thirty-two bytes.
    ///
    /// # Safety
    ///
    /// The processor must have AVX2.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn scan(bytes: &[u8], from: usize) -> Scan {
        // SAFETY: the caller vouches for AVX2.
        super::scan::<BLOCK>(bytes, from, |block, after| unsafe {
            block_marks(block, after)
        })
    }

    /// [`super::copy_string`] with blocks of thirty-two bytes.
    ///
    /// # Safety
    ///
    /// The processor must have AVX2.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn copy_json_string(
        bytes: &[u8],
        from: usize,
        out: &mut Vec<u8>,
        escape: impl FnMut(usize) -> Option<(char, usize)>,
    ) -> Option<usize> {
        // SAFETY: the caller vouches for AVX2.
        super::copy_string::<BLOCK>(
            bytes,
            from,
            out,
            |block, after| unsafe { block_marks(block, after) },
            escape,
        )
    }

    /// See [`super::block_marks`] and [`super::sse2::block_marks`], whose comparisons these
    /// are (AVX2 has no "less than": its operands are swapped).
    ///
    /// # Safety
    ///
    /// The processor must have AVX2.
    #[target_feature(enable = "avx2")]
    #[inline]
    unsafe fn block_marks(block: &[u8; BLOCK], after: &[u8; BLOCK]) -> u32 {
        // SAFETY: the caller vouches for AVX2; the two loads read the thirty-two bytes of
        // each array, with no alignment required (`loadu`). Nothing else touches memory.
        let good = unsafe {
            let x = _mm256_loadu_si256(block.as_ptr().cast::<__m256i>());
            let y = _mm256_loadu_si256(after.as_ptr().cast::<__m256i>());
            let lead = _mm256_and_si256(
                _mm256_cmpgt_epi8(x, _mm256_set1_epi8(-63)),
                _mm256_cmpgt_epi8(_mm256_set1_epi8(-32), x),
            );
            let continuation = _mm256_cmpgt_epi8(_mm256_set1_epi8(-64), x);
            let next_continues = _mm256_cmpgt_epi8(_mm256_set1_epi8(-64), y);
            let quote = _mm256_cmpeq_epi8(x, _mm256_set1_epi8(b'"' as i8));
            let backslash = _mm256_cmpeq_epi8(x, _mm256_set1_epi8(b'\\' as i8));
            let above_controls = _mm256_cmpgt_epi8(x, _mm256_set1_epi8(0x1f));
            let ascii = _mm256_andnot_si256(_mm256_or_si256(quote, backslash), above_controls);
            let fits = _mm256_or_si256(_mm256_or_si256(ascii, lead), continuation);
            let paired = _mm256_xor_si256(lead, next_continues);
            _mm256_movemask_epi8(_mm256_andnot_si256(paired, fits))
        };
        !(good as u32)
    }

    /// [`block_marks`] for the tests, which check it against the byte loop.
    ///
    /// # Safety
    ///
    /// The processor must have AVX2.
    #[cfg(test)]
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn marks_for_test(block: &[u8; BLOCK], after: &[u8; BLOCK]) -> u32 {
        // SAFETY: the caller vouches for AVX2.
        unsafe { block_marks(block, after) }
    }
}

/// Whether `byte` begins a two-byte sequence (`C2`–`DF`).
#[inline(always)]
fn is_two_byte_lead(byte: u8) -> bool {
    (0xC2..=0xDF).contains(&byte)
}

/// Whether `byte` is a continuation byte (`80`–`BF`).
#[inline(always)]
fn is_continuation(byte: u8) -> bool {
    (0x80..=0xBF).contains(&byte)
}

/// The length of the valid multi-byte sequence that begins at `bytes[at]` (a byte of `0x80`
/// and up), or `None` if none does. The table is that of the Unicode standard (table 3-7),
/// which `std::str::from_utf8` follows.
#[inline(always)]
fn sequence_len(bytes: &[u8], at: usize) -> Option<usize> {
    let next = |k: usize| bytes.get(at + k).copied().unwrap_or(0);
    let continues = |k: usize| (0x80..=0xBF).contains(&next(k));
    let (len, second) = match bytes[at] {
        0xC2..=0xDF => (2, 0x80..=0xBF),
        0xE0 => (3, 0xA0..=0xBF),
        0xE1..=0xEC | 0xEE..=0xEF => (3, 0x80..=0xBF),
        0xED => (3, 0x80..=0x9F),
        0xF0 => (4, 0x90..=0xBF),
        0xF1..=0xF3 => (4, 0x80..=0xBF),
        0xF4 => (4, 0x80..=0x8F),
        _ => return None,
    };
    let rest_continue = match len {
        2 => true,
        3 => continues(2),
        _ => continues(2) && continues(3),
    };
    (second.contains(&next(1)) && rest_continue).then_some(len)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// What [`valid_until_string_stop`] must answer: the first stop, if what comes before it
    /// is valid.
    fn reference(bytes: &[u8], from: usize) -> Option<usize> {
        let rest = bytes.get(from..)?;
        let stop = rest.iter().position(|&b| is_string_stop(b))?;
        std::str::from_utf8(&rest[..stop]).ok()?;
        Some(from + stop)
    }

    /// Checks [`valid_until_string_stop`] against the reference on `bytes`, from `from`: the
    /// scan of sixteen-byte blocks, and the one of thirty-two where the processor has AVX2.
    fn check(bytes: &[u8], from: usize) {
        let want = reference(bytes, from);
        assert_eq!(
            valid_until_string_stop(bytes, from),
            want,
            "{bytes:x?} from {from}"
        );
        assert_eq!(
            scan::<BLOCK>(bytes, from, block_marks).stop(),
            want,
            "{bytes:x?} from {from}, sixteen at a time"
        );
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2.
            let got = unsafe { avx2::scan(bytes, from) }.stop();
            assert_eq!(got, want, "{bytes:x?} from {from}, thirty-two at a time");
        }
    }

    /// Bytes that are mostly text (ASCII and Danish letters), with stops, UTF-8 sequences of
    /// every length and, now and then, a piece of one or any byte at all; long enough to take
    /// several blocks.
    fn utf8_ish() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            8 => "[a-z ]{1,20}".prop_map(String::into_bytes),
            6 => "[a-zæøåÆØÅé ]{1,20}".prop_map(String::into_bytes),
            4 => any::<char>().prop_map(|c| c.to_string().into_bytes()),
            3 => prop::sample::select(vec!["æ", "ø", "å", "É", "€", "😀", "\u{7ff}", "\u{800}",
                "\u{d7ff}", "\u{e000}", "\u{ffff}", "\u{10000}", "\u{10ffff}", "\u{80}"])
                .prop_map(|s| s.as_bytes().to_vec()),
            2 => prop::sample::select(vec![b'"', b'\\', 0x00, 0x1f, 0x20, 0x7f])
                .prop_map(|b| vec![b]),
            1 => any::<char>().prop_map(|c| {
                // A character cut short.
                let bytes = c.to_string().into_bytes();
                bytes[..bytes.len() - 1].to_vec()
            }),
            1 => prop::sample::select(vec![
                // Overlong, surrogate, above U+10FFFF, stray continuation, never-valid bytes.
                &b"\xC0\x80"[..], b"\xC1\xBF", b"\xE0\x80\x80", b"\xE0\x9F\xBF", b"\xED\xA0\x80",
                b"\xED\xBF\xBF", b"\xF0\x80\x80\x80", b"\xF0\x8F\xBF\xBF", b"\xF4\x90\x80\x80",
                b"\xF5\x80\x80\x80", b"\xFF", b"\xFE", b"\x80", b"\xBF", b"\xC3\xA6\xA6",
            ])
            .prop_map(<[u8]>::to_vec),
            1 => any::<u8>().prop_map(|b| vec![b]),
        ];
        prop::collection::vec(piece, 0..16).prop_map(|p| p.concat())
    }

    #[test]
    fn agrees_with_std_on_every_short_sequence() {
        // Every one- and two-byte input and many three- and four-byte ones that start with a
        // high byte, each behind padding that puts it at every place in a block, and followed
        // by nothing or by enough bytes for a block.
        let mut inputs: Vec<Vec<u8>> = Vec::new();
        for a in 0..=255u8 {
            inputs.push(vec![a]);
            for b in 0..=255u8 {
                inputs.push(vec![a, b]);
                if a >= 0x80 {
                    for c in [
                        0x00, 0x22, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc3, 0xff,
                    ] {
                        inputs.push(vec![a, b, c]);
                        inputs.push(vec![a, b, c, 0x80]);
                        inputs.push(vec![a, b, c, 0xbf]);
                    }
                }
            }
        }
        for input in inputs {
            for pad in [0, 1, 7, 14, 15, 16, 17, 31, 32] {
                for after in [0, 1, 34] {
                    let mut bytes = vec![b'a'; pad];
                    bytes.extend_from_slice(&input);
                    bytes.extend(std::iter::repeat_n(b'b', after));
                    for from in [0, pad] {
                        check(&bytes, from);
                    }
                }
            }
        }
    }

    /// The escape of a test string: `\n` a newline, `\"` a quote, `\u` the character `é`
    /// (two bytes, as many as its escape), anything else refused.
    fn test_escape(bytes: &[u8], at: usize) -> Option<(char, usize)> {
        match bytes.get(at)? {
            b'n' => Some(('\n', at + 1)),
            b'"' => Some(('"', at + 1)),
            b'u' => Some(('é', at + 1)),
            _ => None,
        }
    }

    /// What [`copy_json_string`] must answer: a run at a time by [`valid_until_string_stop`].
    fn copy_reference(bytes: &[u8], from: usize) -> Option<(usize, Vec<u8>)> {
        let mut out = Vec::new();
        let mut pos = from;
        loop {
            let stop = valid_until_string_stop(bytes, pos)?;
            out.extend_from_slice(&bytes[pos..stop]);
            match bytes[stop] {
                b'"' => return Some((stop + 1, out)),
                b'\\' => {
                    let (c, next) = test_escape(bytes, stop + 1)?;
                    out.extend_from_slice(c.to_string().as_bytes());
                    pos = next;
                }
                _ => return None,
            }
        }
    }

    /// Checks [`copy_json_string`] (and its scans of sixteen and thirty-two bytes) against
    /// [`copy_reference`], appending to a buffer that already holds bytes.
    fn check_copy(bytes: &[u8], from: usize) {
        let want = copy_reference(bytes, from).map(|(end, out)| (end, [&b"x"[..], &out].concat()));
        let run = |copy: &dyn Fn(&mut Vec<u8>) -> Option<usize>| {
            let mut out = b"x".to_vec();
            copy(&mut out).map(|end| (end, out))
        };
        let escape = |at| test_escape(bytes, at);
        let got = run(&|out| copy_json_string(bytes, from, out, escape));
        assert_eq!(got, want, "{bytes:x?} from {from}");
        let got = run(&|out| copy_string::<BLOCK>(bytes, from, out, block_marks, escape));
        assert_eq!(got, want, "{bytes:x?} from {from}, sixteen at a time");
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2.
            let got = run(&|out| unsafe { avx2::copy_json_string(bytes, from, out, escape) });
            assert_eq!(got, want, "{bytes:x?} from {from}, thirty-two at a time");
        }
    }

    #[test]
    fn copies_strings_with_escapes() {
        let cases: [&[u8]; 8] = [
            b"abc\"",
            b"abc\\ndef\\n\\n\\\"g\"tail",
            "æøå\\uÆØÅ og en lang linje, der går over mere end to blokke\\n\"}".as_bytes(),
            b"abc",
            b"abc\\x\"",
            b"abc\\",
            b"ab\\n\x80c\"",
            b"ab\x01c\"",
        ];
        for bytes in cases {
            for from in 0..=bytes.len() {
                check_copy(bytes, from);
            }
        }
    }

    #[test]
    fn finds_each_stop_anywhere() {
        // Characters whose bytes share their low seven bits with stop bytes (`â` is C3 A2,
        // `Ü` C3 9C, U+0700 DC 80) must not be taken for stops.
        let fillers = ["a", "\u{7f}", "æ", "â", "Ü", "\u{80}", "\u{700}", "€", "😀"];
        for stop in [b'"', b'\\', 0x00, 0x1f] {
            for filler in fillers {
                for len in 0..40 {
                    for at in 0..len {
                        let mut bytes = Vec::new();
                        let mut starts = Vec::new();
                        for k in 0..len {
                            starts.push(bytes.len());
                            if k == at {
                                bytes.push(stop);
                            } else {
                                bytes.extend_from_slice(filler.as_bytes());
                            }
                        }
                        let stop_at = starts[at];
                        for &from in &starts[..=at] {
                            assert_eq!(valid_until_string_stop(&bytes, from), Some(stop_at));
                        }
                        assert_eq!(valid_until_string_stop(&bytes, stop_at + 1), None);
                    }
                }
            }
        }
    }

    #[test]
    fn from_past_the_end_finds_nothing() {
        assert_eq!(valid_until_string_stop(b"ab\"", 3), None);
        assert_eq!(valid_until_string_stop(b"ab\"", 9), None);
        assert_eq!(valid_until_string_stop(b"", 0), None);
    }

    #[test]
    fn a_continuation_byte_at_the_start_is_invalid() {
        // Though the byte before it begins a two-byte sequence: the scan reads from `from`.
        assert_eq!(valid_until_string_stop(b"\xC3\xA6abc\"", 1), None);
        assert_eq!(
            valid_until_string_stop(b"\xC3\xA6abcdefghijklmnopqrstuv\"", 1),
            None
        );
        assert_eq!(
            valid_until_string_stop(b"\xC3\xA6abcdefghijklmnopqrstuv\"", 2),
            Some(24)
        );
    }

    #[test]
    fn refuses_what_is_not_utf8_before_the_stop() {
        let cases: [(&[u8], Option<usize>); 10] = [
            (b"abc\xC3\xA6\"", Some(5)),
            (b"abc\xC3\"", None),
            (b"abc\xC3\xA6\xC3\"", None),
            (b"abcdefgh\xED\xA0\x80\"", None),
            (b"abcdefgh\xED\x9F\xBF\"", Some(11)),
            (b"\xC0\x80\"", None),
            (b"\xF4\x90\x80\x80\"", None),
            (b"\xF0\x9F\x98\x80\\", Some(4)),
            (b"a\"\xFF", Some(1)),
            (b"\xFFa\"", None),
        ];
        for (bytes, expected) in cases {
            assert_eq!(valid_until_string_stop(bytes, 0), expected, "{bytes:x?}");
        }
    }

    proptest! {
        #[test]
        fn agrees_with_a_byte_search_and_from_utf8(
            pieces in prop::collection::vec(
                prop::sample::select(vec![
                    &b"a"[..], b"abcdefgh", b"\"", b"\\", b"\x00", b"\x1f", b" ", b"\x7f",
                    "â".as_bytes(), "Ü".as_bytes(), "\u{700}".as_bytes(), "😀".as_bytes(),
                    b"\x80", b"\xa2", b"\xdc", b"\xff", b"\xc3", b"\xed\xa0", b"\xf0\x9f",
                ]),
                0..40,
            ),
            from in any::<prop::sample::Index>(),
        ) {
            let bytes = pieces.concat();
            check(&bytes, from.index(bytes.len() + 1));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        #[test]
        fn agree_with_std(bytes in utf8_ish(), from in any::<prop::sample::Index>()) {
            check(&bytes, from.index(bytes.len() + 1));
        }

        #[test]
        fn copies_as_a_scan_a_run_at_a_time(
            pieces in prop::collection::vec(
                prop_oneof![
                    4 => utf8_ish(),
                    1 => prop::sample::select(vec![&b"\\n"[..], b"\\u", b"\\\"", b"\\x", b"\\"])
                        .prop_map(<[u8]>::to_vec),
                ],
                0..8,
            ),
            from in any::<prop::sample::Index>(),
        ) {
            let bytes = pieces.concat();
            check_copy(&bytes, from.index(bytes.len() + 1));
        }

        #[test]
        fn agree_with_std_on_any_bytes(
            bytes in prop::collection::vec(any::<u8>(), 0..48),
            from in any::<prop::sample::Index>(),
        ) {
            check(&bytes, from.index(bytes.len() + 1));
        }

        #[test]
        fn agree_with_std_on_high_bytes(
            bytes in prop::collection::vec(
                prop::sample::select(vec![b'a', b'"', 0x80, 0xa6, 0xbf, 0xc2, 0xc3, 0xdf, 0xe2, 0xf0]),
                0..48,
            ),
            from in any::<prop::sample::Index>(),
        ) {
            check(&bytes, from.index(bytes.len() + 1));
        }

        #[test]
        fn block_marks_agree_with_the_byte_loop(window in prop::collection::vec(
            prop::sample::select(vec![
                0x00, 0x1f, 0x20, b'"', b'\\', b'a', 0x7f, 0x80, 0xa6, 0xbf, 0xc0, 0xc1, 0xc2,
                0xc3, 0xdf, 0xe0, 0xed, 0xf0, 0xf4, 0xf5, 0xff,
            ]),
            BLOCK + 1,
        )) {
            let block: &[u8; BLOCK] = window[..BLOCK].try_into().unwrap();
            let after: &[u8; BLOCK] = window[1..].try_into().unwrap();
            prop_assert_eq!(block_marks(block, after), portable_block_marks(block, after));
        }

        #[test]
        fn short_marks_agree_with_the_byte_loop(block in prop::collection::vec(
            prop::sample::select(vec![
                0x00, 0x1f, 0x20, b'"', b'\\', b'a', 0x7f, 0x80, 0xa6, 0xbf, 0xc3, 0xff,
            ]),
            SHORT,
        )) {
            let block: &[u8; SHORT] = block[..].try_into().unwrap();
            prop_assert_eq!(short_marks(block), portable_short_marks(block));
        }

        /// A short ASCII stop, where found, is the scan's stop.
        #[test]
        fn short_ascii_stops_are_the_scans(bytes in utf8_ish(), from in any::<prop::sample::Index>()) {
            let from = from.index(bytes.len() + 1);
            if let Some(at) = short_ascii_stop(&bytes, from) {
                prop_assert_eq!(Some(at), valid_until_string_stop(&bytes, from));
                prop_assert!(bytes[from..at].is_ascii() && at < from + SHORT);
            }
        }

        #[test]
        fn wide_block_marks_agree_with_the_byte_loop(window in prop::collection::vec(
            prop::sample::select(vec![
                0x00, 0x1f, 0x20, b'"', b'\\', b'a', 0x7f, 0x80, 0xa6, 0xbf, 0xc0, 0xc1, 0xc2,
                0xc3, 0xdf, 0xe0, 0xed, 0xf0, 0xf4, 0xf5, 0xff,
            ]),
            2 * BLOCK + 1,
        )) {
            let block: &[u8; 2 * BLOCK] = window[..2 * BLOCK].try_into().unwrap();
            let after: &[u8; 2 * BLOCK] = window[1..].try_into().unwrap();
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the processor has AVX2.
                let wide = unsafe { avx2::marks_for_test(block, after) };
                prop_assert_eq!(wide, portable_block_marks(block, after));
            }
        }
    }
}
