//! The checks navne's fuzz targets run on each input, one public function per target; each
//! panics when a property fails.
//!
//! The targets in `fuzz_targets/` only hand their input to these functions, and
//! `tests/fuzz_seeds.rs` compiles this file as a module of its own to replay the seeds kept in
//! `tests/data/fuzz/` under `cargo test`, without libFuzzer. So the file uses nothing navne's
//! own tests do not have: navne, `flate2`, `serde_json`, `tempfile` and std.
//!
//! - [`reader`]: the corpus reader on text, JSON Lines and gzip, from bytes and from files.
//! - [`gazetteer`]: a gazetteer directory, then a tagger built from what it loaded.
//! - [`gold`]: the IOB2 / CoNLL / DaN+ gold reader, then the scorer on what it read.
//! - [`tagger`]: the tagger over the shipped gazetteers on any text.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use flate2::write::GzEncoder;
use flate2::Compression;
use navne::corpus::Unit;
use navne::document::is_date;
use navne::error::ErrorKind;
use navne::eval::gold::{parse_gold, read_gold, Sentence};
use navne::eval::score::Report;
use navne::{
    Document, Error, Fields, Gazetteer, Input, Label, Layer, Layers, Lexicon, Mention, Tagger,
    Units,
};
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// Reader

/// The document reader. The first byte picks how the rest is read:
///
/// - `l` / `k`: one JSON line handed to [`Unit::load`] as bytes, with the default field
///   names (`l`) or with `text` and `date` sharing a name (`k`);
/// - `u`: text handed over as bytes, as standard input is;
/// - `t` / `j`: written to a `.txt` / `.jsonl` file and read through [`Units`];
/// - `T` / `J`: gzipped here, then written to a `.txt.gz` / `.jsonl.gz` file;
/// - `z` / `Z`: written as they are to a `.txt.gz` / `.jsonl.gz` file (mostly broken gzip);
/// - any other byte: one of the above, by its value.
///
/// Whatever comes in, nothing panics, and what is read is what an independent reading of the
/// same bytes gives: a text file is its bytes if they are UTF-8 (less a byte-order mark, with
/// a well-formed date header), and each JSON line is exactly what `serde_json` makes of it
/// through a whole `Value`, error messages included. The fast JSON reader and its
/// hand-written UTF-8 check must never tell.
pub fn reader(data: &[u8]) {
    let Some((&mode, payload)) = data.split_first() else {
        return;
    };
    const MODES: &[u8] = b"lkutjTJzZ";
    let mode = if MODES.contains(&mode) {
        mode
    } else {
        MODES[usize::from(mode) % MODES.len()]
    };
    match mode {
        b'l' => check_json_line(payload, &Fields::default()),
        b'k' => check_json_line(payload, &shared_fields()),
        b'u' => {
            let unit = Unit::Text {
                doc_id: "<stdin>".into(),
                bytes: payload.to_vec(),
            };
            check_text_unit(unit, payload, "<stdin>");
        }
        b't' => read_file("a.txt", payload, Kind::Text),
        b'j' => read_file("a.jsonl", payload, Kind::Lines),
        b'T' => read_file("a.txt.gz", &gzip(payload), Kind::Text),
        b'J' => read_file("a.jsonl.gz", &gzip(payload), Kind::Lines),
        b'z' => read_file("a.txt.gz", payload, Kind::Broken),
        _ => read_file("a.jsonl.gz", payload, Kind::Broken),
    }
}

/// Field names where one name stands for both the text and the date.
fn shared_fields() -> Fields {
    Fields {
        id: "id".into(),
        text: "t".into(),
        date: "t".into(),
    }
}

/// What a file read by [`read_file`] should give.
enum Kind {
    /// One document in the article format, of these bytes.
    Text,
    /// One document per non-blank line.
    Lines,
    /// Gzip that may be broken: anything but a panic, and nothing after a failure.
    Broken,
}

/// Writes `bytes` to a file called `name` in a new temporary directory and reads it as the
/// command line would, expecting what `kind` says.
fn read_file(name: &str, bytes: &[u8], kind: Kind) {
    let dir = temp_dir();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("temporary file");
    let units: Vec<Unit> = Units::new(vec![Input::Path(path.clone())]).collect();
    match kind {
        Kind::Text => {
            let plain = if name.ends_with(".gz") {
                gunzip(bytes)
            } else {
                bytes.to_vec()
            };
            let [unit]: [Unit; 1] = units.try_into().expect("one unit for a text file");
            check_text_unit(unit, &plain, name);
        }
        Kind::Lines => {
            let plain = if name.ends_with(".gz") {
                gunzip(bytes)
            } else {
                bytes.to_vec()
            };
            check_lines(units, &plain, &path);
        }
        Kind::Broken => {
            let n = units.len();
            for (i, unit) in units.into_iter().enumerate() {
                let failed = matches!(unit, Unit::Failed(_));
                assert!(!failed || i + 1 == n, "a read failure ends the file");
                let doc = unit.load(&Fields::default());
                if let Ok(doc) = doc {
                    check_document(&doc);
                }
            }
        }
    }
}

/// `unit`, holding the text `bytes`, loads as the article `bytes` are, or fails for UTF-8.
fn check_text_unit(unit: Unit, bytes: &[u8], id: &str) {
    let loaded = unit.load(&Fields::default());
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            let want = text.strip_prefix('\u{feff}').unwrap_or(text);
            // A `date` header that names no real day is the one way UTF-8 text fails, at the
            // header's line: whitespace, line breaks among it, may come before the header.
            if let Err(e) = &loaded {
                let lead = want.len() - want.trim_start().len();
                let line = 1 + want[..lead].matches('\n').count() as u64;
                assert!(
                    matches!(e.kind(), ErrorKind::Date { .. }) && e.line() == Some(line),
                    "UTF-8 text loads or has a bad date header at line {line}: {e}"
                );
                return;
            }
            let doc = loaded.expect("UTF-8 text loads");
            assert_eq!(doc.id, id);
            assert_eq!(
                doc.text, want,
                "the text is read whole, less a byte-order mark"
            );
            check_document(&doc);
        }
        Err(_) => {
            let err = loaded.expect_err("text that is not UTF-8 is refused");
            assert!(matches!(err.kind(), ErrorKind::InvalidUtf8), "{err}");
        }
    }
}

/// A document's date and body agree with its text.
fn check_document(doc: &Document) {
    assert!(
        doc.text.is_char_boundary(doc.body),
        "body on a char boundary"
    );
    match &doc.date {
        Some(date) if doc.body > 0 => {
            assert!(is_date(date), "date {date:?}");
            assert!(doc.text[..doc.body].ends_with(date.as_str()));
            assert!(doc.text[..doc.body].trim_start().starts_with("date"));
        }
        // A JSON line's date is whatever its field says.
        Some(_) => {}
        None => assert_eq!(doc.body, 0, "no body offset without a date header"),
    }
}

/// The units of a JSON Lines file whose (decompressed) bytes are `plain` are its non-blank
/// lines, numbered from 1, each loaded as [`reference_json_line`] reads it.
fn check_lines(units: Vec<Unit>, plain: &[u8], path: &Path) {
    let mut want = Vec::new();
    for (i, raw) in plain.split(|&b| b == b'\n').enumerate() {
        let line = raw.strip_suffix(b"\r").unwrap_or(raw);
        if !line.iter().all(u8::is_ascii_whitespace) {
            want.push((i as u64 + 1, line));
        }
    }
    assert_eq!(units.len(), want.len(), "one unit per non-blank line");
    let fields = Fields::default();
    for (unit, (n, line)) in units.into_iter().zip(want) {
        match &unit {
            Unit::JsonLine {
                source,
                line: got,
                bytes,
            } => {
                assert_eq!(&**source, path);
                assert_eq!(*got, n, "line number");
                assert_eq!(bytes.as_slice(), line, "line {n}'s bytes");
            }
            other => panic!("line {n} became {other:?}"),
        }
        let got = unit.load(&fields).map_err(|e| e.to_string());
        let want = reference_json_line(line, &fields, path, n).map_err(|e| e.to_string());
        assert_eq!(got, want, "line {n}: {:?}", String::from_utf8_lossy(line));
    }
}

/// One JSON line, loaded through [`Unit::load`], against [`reference_json_line`].
fn check_json_line(line: &[u8], fields: &Fields) {
    let source = Path::new("f.jsonl");
    let unit = Unit::JsonLine {
        source: source.into(),
        line: 7,
        bytes: line.to_vec(),
    };
    let got = unit.load(fields).map_err(|e| e.to_string());
    let want = reference_json_line(line, fields, source, 7).map_err(|e| e.to_string());
    assert_eq!(got, want, "{:?}", String::from_utf8_lossy(line));
}

/// A JSON line read the plain way: `from_utf8`, a whole `serde_json::Value`, then the named
/// fields taken out of its map (a name given to two fields counts for the first of text, id,
/// date); ids and dates that are not strings are written as JSON.
fn reference_json_line(
    bytes: &[u8],
    fields: &Fields,
    source: &Path,
    line: u64,
) -> navne::Result<Document> {
    let located = |e: Error| e.with_path(source).with_line(line);
    let json_err = |m: String| located(Error::new(ErrorKind::Json(m)));
    // A byte order mark before a line's JSON is passed over, as editors write one.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text =
        std::str::from_utf8(bytes).map_err(|_| located(Error::new(ErrorKind::InvalidUtf8)))?;
    let value: Value = serde_json::from_str(text).map_err(|e| json_err(e.to_string()))?;
    let Value::Object(mut obj) = value else {
        return Err(json_err("not a JSON object".into()));
    };
    let text = match obj.remove(&fields.text) {
        Some(Value::String(s)) => s,
        Some(_) => return Err(json_err(format!("field {:?} is not a string", fields.text))),
        None => return Err(json_err(format!("no {:?} field", fields.text))),
    };
    let scalar = |v: Option<Value>| match v {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(other) => Some(other.to_string()),
    };
    let id =
        scalar(obj.remove(&fields.id)).unwrap_or_else(|| format!("{}:{line}", source.display()));
    let date = scalar(obj.remove(&fields.date));
    Ok(Document::plain(id, date, text))
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(bytes).expect("gzip to memory");
    gz.finish().expect("gzip to memory")
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut plain = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .read_to_end(&mut plain)
        .expect("gzip made here");
    plain
}

/// A new temporary directory, in memory where the system has a place for it: the reader and
/// gazetteer targets write a few files per input.
fn temp_dir() -> tempfile::TempDir {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    let root = ROOT.get_or_init(|| {
        let shm = Path::new("/dev/shm");
        if shm.is_dir() {
            shm.to_path_buf()
        } else {
            std::env::temp_dir()
        }
    });
    tempfile::Builder::new()
        .prefix("navne-fuzz")
        .tempdir_in(root)
        .expect("temporary directory")
}

// ---------------------------------------------------------------------------------------------
// Gazetteer

/// The gazetteer loader. The input is split at NUL bytes into up to four files of a gazetteer
/// directory, in the order `people.tsv`, `places.tsv`, `organisations.tsv`, `ambiguous.txt`;
/// an empty part is a file left out.
///
/// Loading the directory must not panic; it must refuse a list that is not UTF-8 and a
/// directory without lists, and otherwise agree with loading the same texts from memory. Every
/// entry loaded has a trimmed, non-empty id and name, ids unique per file, trimmed aliases
/// other than the name and a finite prior. A tagger built from the entries then tags a text
/// made of their forms (with genitive and compound endings, and between sentence-starting and
/// mid-sentence words) and the input itself, under the checks of [`check_mentions`].
pub fn gazetteer(data: &[u8]) {
    let parts: Vec<&[u8]> = data.splitn(4, |&b| b == 0).collect();
    let dir = temp_dir();
    let names = [
        "people.tsv",
        "places.tsv",
        "organisations.tsv",
        "ambiguous.txt",
    ];
    for (part, name) in parts.iter().zip(names) {
        if !part.is_empty() {
            std::fs::write(dir.path().join(name), part).expect("temporary file");
        }
    }
    let loaded = Gazetteer::from_dir(dir.path());
    let part = |i: usize| parts.get(i).copied().filter(|p| !p.is_empty());
    let labels = [Label::Per, Label::Loc, Label::Org];

    // The same texts loaded from memory, or the error the directory should give.
    let mut want = Gazetteer::new();
    let mut want_err = None;
    if (0..3).all(|i| part(i).is_none()) {
        want_err = Some("directory holds none".to_string());
    }
    for (i, label) in labels.into_iter().enumerate() {
        if want_err.is_some() {
            break;
        }
        let Some(bytes) = part(i) else { continue };
        let path = dir.path().join(names[i]);
        match std::str::from_utf8(bytes) {
            Ok(text) => match want.add_tsv(text, &path, label) {
                Err(e) => want_err = Some(e.to_string()),
                // A list without entries is refused as it is loaded, before the files after it
                // are read.
                Ok(0) => {
                    want_err = Some(format!("{}: gazetteer file has no entries", path.display()))
                }
                Ok(_) => {}
            },
            Err(_) => want_err = Some(format!("{}: not valid UTF-8", path.display())),
        }
    }
    if want_err.is_none() {
        if let Some(bytes) = part(3) {
            match std::str::from_utf8(bytes) {
                Ok(text) => want.add_ambiguous_list(text),
                Err(_) => want_err = Some("not valid UTF-8".into()),
            }
        }
    }
    let g = match (loaded, want_err) {
        (Err(e), Some(want)) => {
            assert!(e.to_string().contains(&want), "{e} should say {want}");
            return;
        }
        (Ok(_), Some(want)) => panic!("loaded a gazetteer that should fail with {want}"),
        (Err(e), None) => panic!("failed to load: {e}"),
        (Ok(g), None) => g,
    };
    assert_eq!(
        g.entries(),
        want.entries(),
        "the directory loads as the texts do"
    );
    assert_eq!(g.ambiguous_list_len(), want.ambiguous_list_len());

    let mut ids = std::collections::HashSet::new();
    for e in g.entries() {
        assert!(!e.id.is_empty() && e.id.trim() == e.id, "id {:?}", e.id);
        assert!(
            !e.name.is_empty() && e.name.trim() == e.name,
            "name {:?}",
            e.name
        );
        assert!(ids.insert((e.label, e.id.clone())), "id {:?} twice", e.id);
        for a in &e.aliases {
            assert!(
                !a.is_empty() && a.trim() == a && *a != e.name,
                "alias {a:?}"
            );
        }
        assert!(e.prior.is_finite(), "prior {}", e.prior);
    }

    let mut text = String::new();
    for (i, e) in g.entries().iter().enumerate() {
        for form in e.surface_forms() {
            let ending = ["", "s", "'s", "’", "-soldater", "erne", ""][i % 7];
            let gap = [" og ", ". ", ", ", "\n", " i ", " siger ", " ("][i % 7];
            text.push_str(form);
            text.push_str(ending);
            text.push_str(gap);
        }
    }
    text.push_str(&String::from_utf8_lossy(data));
    let tagger = Tagger::with_rules(g, lexicon().clone(), Layers::all())
        .expect("a tagger from any gazetteer that loads");
    let mentions = tagger.tag_text(&text, 0);
    check_mentions(&tagger, &text, 0, &mentions);
}

/// The shipped rule word lists, read once.
fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::shipped().expect("shipped word lists"))
}

// ---------------------------------------------------------------------------------------------
// Gold

/// The gold reader, on any bytes as the contents of `g.iob2`.
///
/// Bytes that are not UTF-8 are refused with the line of the first bad byte. Otherwise
/// reading must not panic, and each sentence it gives has code-point spans inside its text,
/// non-empty, in text order and apart (scored, ignored and optional spans together, as they
/// come from one run of tags). The scorer then takes each sentence: against its own spans it
/// finds them all, and against what a small tagger predicts its counts hold together
/// (matches never more than gold or predicted spans, exact matches never more than overlaps).
pub fn gold(data: &[u8]) {
    let name = Path::new("g.iob2");
    let sentences = match std::str::from_utf8(data) {
        Ok(text) => match parse_gold(text, name) {
            Ok(s) => s,
            Err(e) => {
                assert!(matches!(e.kind(), ErrorKind::Gold(_)), "{e}");
                assert_eq!(e.path(), Some(name));
                assert!(e.line().is_some_and(|l| l >= 1), "{e} names a line");
                return;
            }
        },
        Err(bad) => {
            let dir = temp_dir();
            let path = dir.path().join(name);
            std::fs::write(&path, data).expect("temporary file");
            let e = read_gold(&path).expect_err("a file that is not UTF-8 is refused");
            assert!(matches!(e.kind(), ErrorKind::InvalidUtf8), "{e}");
            let newlines = data[..bad.valid_up_to()].iter().filter(|&&b| b == b'\n');
            assert_eq!(e.line(), Some(newlines.count() as u64 + 1), "{e}");
            return;
        }
    };
    let tagger = small_tagger();
    for s in &sentences {
        check_sentence(s);
        let mut own = Report::new();
        own.add_sentence(s, &s.spans);
        let m = own.micro();
        assert_eq!((m.tp, m.overlap_tp, m.predicted), (m.gold, m.gold, m.gold));

        let (mut pred, mut methods) = navne::eval::predict(tagger, s);
        let mut report = Report::new();
        report.drop_excused(s, &mut pred, &mut methods);
        assert_eq!(pred.len(), methods.len());
        report.add_sentence(s, &pred);
        let m = report.micro();
        assert_eq!(m.gold, s.spans.len());
        assert_eq!(m.predicted, pred.len());
        assert!(m.tp <= m.overlap_tp, "{m:?}");
        assert!(m.overlap_tp <= m.gold.min(m.predicted), "{m:?}");
    }
}

/// A gold sentence's spans lie in its text, in order and apart.
fn check_sentence(s: &Sentence) {
    assert!(s.line >= 1);
    let len = s.text.chars().count();
    let mut all: Vec<(usize, usize)> = s.spans.iter().map(|p| (p.start, p.end)).collect();
    all.extend(s.ignored.iter().map(|p| (p.start, p.end)));
    all.extend(s.optional.iter().map(|p| (p.start, p.end)));
    all.sort_unstable();
    let mut last_end = 0;
    for (start, end) in all {
        assert!(
            start < end && end <= len,
            "span {start}..{end} in {len} code points"
        );
        assert!(start >= last_end, "spans apart");
        last_end = end;
    }
    let scored = &s.spans;
    assert!(
        scored.windows(2).all(|w| w[0].end <= w[1].start),
        "in text order"
    );
}

/// A tagger over the small test gazetteers of `tests/data/gazetteers`, built once.
fn small_tagger() -> &'static Tagger {
    static TAGGER: OnceLock<Tagger> = OnceLock::new();
    TAGGER.get_or_init(|| {
        let mut g = Gazetteer::new();
        let files = [
            (
                "people.tsv",
                include_str!("../../tests/data/gazetteers/people.tsv"),
                Label::Per,
            ),
            (
                "places.tsv",
                include_str!("../../tests/data/gazetteers/places.tsv"),
                Label::Loc,
            ),
            (
                "organisations.tsv",
                include_str!("../../tests/data/gazetteers/organisations.tsv"),
                Label::Org,
            ),
        ];
        for (name, text, label) in files {
            g.add_tsv(text, Path::new(name), label)
                .expect("test gazetteer");
        }
        g.add_ambiguous_list(include_str!("../../tests/data/gazetteers/ambiguous.txt"));
        Tagger::with_rules(g, lexicon().clone(), Layers::all()).expect("test tagger")
    })
}

// ---------------------------------------------------------------------------------------------
// Tagger

/// The tagger over the shipped gazetteers and word lists, on any text.
///
/// An input that starts with a NUL byte is read as words: its second byte picks the rule
/// layers (every layer, none, or every layer but one), and each byte after it one of
/// [`WORDS`] — names, their endings, titles, heads, particles and punctuation — so that most
/// inputs reach the rules. Any other input is the text itself (bad UTF-8 replaced), read as an
/// article (byte-order mark, date header), tagged with every layer and with none.
///
/// Every mention passes [`check_mentions`]. For one input in eight (picked by a hash, so a
/// failure repeats), the tagger must also give the same mentions on a thread that has tagged
/// nothing before: the word facts each thread keeps from document to document never change
/// an answer. Not for all of them, as a new thread's facts start with a table of megabytes.
pub fn tagger(data: &[u8]) {
    let fresh = fnv(data) % 8 == 0;
    if let [0, layers, words @ ..] = data {
        let mut text = String::new();
        for &w in words {
            text.push_str(WORDS[usize::from(w) % WORDS.len()]);
        }
        let tagger = shipped_tagger(usize::from(*layers) % (Layer::ALL.len() + 2));
        tag_and_check(tagger, &text, 0, fresh);
        return;
    }
    // A bad date header makes the article an error, reported and skipped: nothing to tag.
    let Ok(doc) = Document::from_article("d".into(), String::from_utf8_lossy(data).into_owned())
    else {
        return;
    };
    tag_and_check(shipped_tagger(0), &doc.text, doc.body, fresh);
    tag_and_check(shipped_tagger(1), &doc.text, doc.body, false);
}

/// The 64-bit FNV-1a hash of `data`.
fn fnv(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Tags `text` from `body` with `tagger` and checks the mentions; with `fresh`, also on a new
/// thread, which must give the same mentions.
fn tag_and_check(tagger: &Tagger, text: &str, body: usize, fresh: bool) {
    let mentions = tagger.tag_text(text, body);
    check_mentions(tagger, text, body, &mentions);
    if fresh {
        let again = std::thread::scope(|s| s.spawn(|| tagger.tag_text(text, body)).join())
            .expect("tagging on a new thread");
        assert_eq!(
            mentions, again,
            "same mentions on a thread that starts afresh"
        );
    }
}

/// Whether `c` is part of a word as navne's tokens have it (its private `text::is_word_char`,
/// restated here as the reference): a letter or digit, or a combining mark of the blocks that
/// Latin letters use in decomposed text, which belongs to the letter before it.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(
            u32::from(c),
            0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
        )
}

/// The properties every list of mentions of `text[body..]` has: code-point offsets that slice
/// out the mention's bytes, byte offsets on character boundaries, mentions sorted by start and
/// apart, none before `body`, each starting at a token start and, unless it ends in punctuation
/// (`Kbh.`), ending at a token end (tokens of letters, digits and combining marks:
/// [`is_word_char`]); an entry, where there is one, that the matcher has.
pub fn check_mentions(tagger: &Tagger, text: &str, body: usize, mentions: &[Mention]) {
    // byte_at[i]: the byte offset of code point i; the last item is the text's length.
    let byte_at: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .collect();
    let chars = byte_at.len() - 1;
    let mut last_end = 0;
    for m in mentions {
        let here = format!("{m:?} in {text:?}");
        assert!(
            m.start < m.end && m.end <= chars,
            "offsets in range: {here}"
        );
        assert!(m.start >= last_end, "sorted and apart: {here}");
        last_end = m.end;
        assert!(
            text.is_char_boundary(m.byte_start),
            "byte start on a boundary: {here}"
        );
        assert!(
            text.is_char_boundary(m.byte_end),
            "byte end on a boundary: {here}"
        );
        assert_eq!(
            (byte_at[m.start], byte_at[m.end]),
            (m.byte_start, m.byte_end),
            "code points and bytes agree: {here}"
        );
        assert!(
            m.byte_start >= body,
            "nothing tagged before the body: {here}"
        );
        let before = text[..m.byte_start].chars().next_back();
        assert!(
            before.is_none_or(|c| !is_word_char(c)),
            "starts at a token start: {here}"
        );
        let after = text[m.byte_end..].chars().next();
        let last = m.text(text).chars().next_back().expect("not empty");
        assert!(
            !is_word_char(last) || after.is_none_or(|c| !is_word_char(c)),
            "ends at a token end: {here}"
        );
        if let Some(id) = m.entry {
            assert!(
                (id.0 as usize) < tagger.matcher().entry_count(),
                "entry: {here}"
            );
        }
        assert!(!in_link(text, m), "not in a link: {here}");
    }
}

/// Whether mention `m` of `text` is part of a web or e-mail address, as navne's private
/// `links` module has it, restated here as the reference: the run of bytes above `b' '` that
/// it starts in holds `://`, or `www.` after no letter or digit ([`is_word_char`]), before its
/// start, or an `@` between two letters or digits before its start or from its end on.
fn in_link(text: &str, m: &Mention) -> bool {
    let (at, end) = (m.byte_start, m.byte_end);
    let bytes = text.as_bytes();
    let start = bytes[..at]
        .iter()
        .rposition(|&b| b <= b' ')
        .map_or(0, |i| i + 1);
    let stop = bytes[at..]
        .iter()
        .position(|&b| b <= b' ')
        .map_or(bytes.len(), |i| at + i);
    let word_before = |i: usize| text[..i].chars().next_back().is_some_and(is_word_char);
    let word_after = |i: usize| text[i..].chars().next().is_some_and(is_word_char);
    let www = (start..at.saturating_sub(3))
        .any(|i| bytes[i..i + 4].eq_ignore_ascii_case(b"www.") && (i == start || !word_before(i)));
    let email = (start..stop)
        .any(|p| bytes[p] == b'@' && word_before(p) && word_after(p + 1) && (p < at || p >= end));
    www || email || bytes[start..at].windows(3).any(|w| w == b"://")
}

/// The shipped gazetteers and word lists under rule layers `which`: 0 every layer, 1 none,
/// `2 + i` every layer but `Layer::ALL[i]`. Each is built once, when first asked for.
fn shipped_tagger(which: usize) -> &'static Tagger {
    const N: usize = Layer::ALL.len() + 2;
    static TAGGERS: [OnceLock<Tagger>; N] = [const { OnceLock::new() }; N];
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    TAGGERS[which].get_or_init(|| {
        let layers = match which {
            0 => Layers::all(),
            1 => Layers::none(),
            i => Layers::all().with(Layer::ALL[i - 2], false),
        };
        let g = GAZETTEER.get_or_init(|| Gazetteer::shipped().expect("shipped gazetteers"));
        Tagger::with_rules(g.clone(), lexicon().clone(), layers).expect("shipped tagger")
    })
}

/// The words [`tagger`] builds texts from: listed names and their parts, words of the rule
/// lists (titles, speech verbs, heads, legal forms, particles, context words), endings that
/// glue onto the word before, spaces, newlines and punctuation.
#[rustfmt::skip]
pub const WORDS: &[&str] = &[
    // Names in the shipped lists, and name-like words that are in none.
    "Danmark", "København", "Århus", "Aarhus", "Mette", "Frederiksen", "Per", "Stig", "Møller",
    "Jensen", "Hansen", "Nielsen", "Anders", "Fogh", "Rasmussen", "Lars", "Løkke", "Lund",
    "Brøndby", "FC", "FCK", "AGF", "Nato", "NATO", "FN", "EU", "DR", "TV", "2", "Novo", "Nordisk",
    "Danske", "Bank", "Mærsk", "A.P.", "Esbjerg", "Odense", "Aalborg", "Grønland", "Færøerne",
    "Sverige", "Tyskland", "Rusland", "Kbh.", "Susan", "Mackensie", "Altaussee", "Proflow",
    "Phobia", "Venstre", "Socialdemokratiet", "Fremskridtspartiet", "Søværnet", "Holmen", "Jette",
    "Dreyer", "Hughes", "Marcos", "KTAS", "O'Brien", "Schlüter", "Poul", "Karen", "Blixen", "Niels",
    "Johan", "Leer", "Ørsted", "Æbelø", "Ærø", "Åbenrå",
    // Lowercase names, handles and hashtags; web and e-mail addresses.
    "mette", "frederiksen", "københavn", "@", "#", "@mettef", "#dkpol", "_", "https://", "www.",
    "kontakt@", "://", ".dk",
    // Titles, roles, speech verbs.
    "statsminister", "Statsminister", "statsministeren", "udenrigsminister", "direktør",
    "direktøren", "formand", "hr.", "fru", "dr.", "prof.", "kongen", "dronning", "siger", "sagde",
    "oplyser", "mener", "forfatteren",
    // Heads, legal forms and the words around places and clubs.
    "A/S", "ApS", "I/S", "AG", "Ltd.", "Inc.", "Holding", "Gruppen", "Kommune", "Universitet",
    "Banken", "Fonden", "Forening", "Stadion", "Have", "Kirke", "Kro", "Hotel", "Plaza", "Havn",
    "Fjord", "Gade", "Vej", "Allé", "Slot", "Lufthavn", "vej", "gade", "partiet", "i", "fra", "til",
    "på", "ved", "mod", "nær", "kamp", "finalen", "landshold", "2-1",
    // Particles and connectors.
    "von", "van", "de", "la", "af", "og", "&", "eller", "for", "den", "det", "De", "Det", "Den",
    "han", "Han", "hun", "Hun", "bl.a.", "en", "et", "er", "var", "ikke",
    // Endings and glue.
    "s", "'s", "’s", "'", "’", "-", "–", "-soldater", "spolitik", "erne", "en", "ens",
    // Space, lines and punctuation.
    " ", " ", " ", " ", "  ", "\t", "\n", "\n\n", "\r\n", ". ", ", ", "! ", "? ", ": ", "; ", ".",
    ",", "\"", "«", "»", "(", ")", "[", "]", "/", "…", "\u{a0}", "\u{feff}", "\u{200b}",
    // Letters that fold or change length in case mapping, and a few outside Danish.
    "İ", "ß", "ẞ", "ﬁ", "Σ", "ς", "é", "e\u{301}", "Ǆ", "ǅ", "ǆ", "🎉", "日本", "x", "X", "1", "2020",
    "date 2020-01 ",
];

#[cfg(test)]
mod tests {
    #[test]
    fn words_fit_a_byte() {
        assert!(super::WORDS.len() <= 256);
    }
}
