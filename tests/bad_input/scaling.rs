//! Time and memory against a document's size, and text the rules find hard.

use crate::util::*;
use navne::{Gazetteer, Tagger};
use std::time::Duration;

/// A deterministic Danish-like text of about `bytes` bytes: sentences with people, places and
/// organisations (about one name in 50 bytes, three times as dense as news), many of them names no list holds (surnames are made of syllables), so that
/// every rule layer has work. With `sentences` false it is one sentence: no full stop, no line
/// break (a text some searches once ran to the end of, for every name).
fn danish_text(bytes: usize, sentences: bool) -> String {
    const FIRST: [&str; 8] = [
        "Mette", "Jens", "Søren", "Anne", "Lars", "Per", "Hans", "Ida",
    ];
    const SYLLABLES: [&str; 10] = [
        "Ras", "mus", "sen", "Kjær", "gård", "Holm", "berg", "Ny", "strup", "Bæk",
    ];
    const PLACES: [&str; 5] = ["København", "Aarhus", "Odense", "Lund", "Skive"];
    const ORGS: [&str; 4] = [
        "Danske Bank",
        "Dansk Energigruppe",
        "FC Midtjylland",
        "Novo Nordisk A/S",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut text = String::with_capacity(bytes + 200);
    while text.len() < bytes {
        let surname = format!(
            "{}{}",
            SYLLABLES[next(SYLLABLES.len())],
            SYLLABLES[next(SYLLABLES.len())].to_lowercase()
        );
        let (end, gap) = if sentences {
            (". ", if next(5) == 0 { "\n\n" } else { "" })
        } else {
            (", ", "")
        };
        text.push_str(&format!(
            "Ifølge {} {surname} fra {} har {} og direktør {} {surname} i {} mødt Per, og det \
             var en lang dag for alle dem, som havde ventet på det i mange år, men nu er det \
             sket, og mange flere vil følge efter i de kommende måneder, siger man{end}{gap}",
            FIRST[next(FIRST.len())],
            PLACES[next(PLACES.len())],
            ORGS[next(ORGS.len())],
            FIRST[next(FIRST.len())],
            PLACES[next(PLACES.len())],
        ));
        if next(3) == 0 {
            text.push_str(&format!(
                "{surname} siger, at det gik godt 2-1 mod Brøndby{end}"
            ));
        }
    }
    text
}

/// The CPU time this thread has used.
fn thread_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec to write to; the clock id is a constant.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    assert_eq!(rc, 0, "the thread's CPU clock can be read");
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// The least CPU time of `runs` taggings of `text`, and the mentions found.
///
/// Each run is on a thread of its own: a thread keeps what it learned of words from one text
/// to the next, so a second run on one thread would start warm where the other size starts
/// cold.
fn cpu_to_tag(tagger: &Tagger, text: &str, runs: usize) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut found = 0;
    for _ in 0..runs {
        let (cpu, n) = std::thread::scope(|s| {
            s.spawn(|| {
                let before = thread_cpu();
                let n = tagger.tag_text(text, 0).len();
                (thread_cpu() - before, n)
            })
            .join()
            .expect("tagging does not panic")
        });
        best = best.min(cpu);
        found = n;
    }
    (best, found)
}

/// Tagging time grows linearly with a document's length: 32 MB take at most 22 times the CPU
/// time of 4 MB, with every rule layer on, with sentences or as one long sentence. (Several
/// layers once searched the whole document per name: 64 MB took 85 s.) Linear is 8 times and
/// quadratic 64; 22 is about the geometric middle of the two: room for a busy machine, none for
/// a search of the whole text per name.
///
/// 32 MB is four segments of [`navne::tagger::SEGMENT_BYTES`] (8 MiB), each a text of its own
/// to the rules, so a cost that grows with the square of a segment's length would show here as
/// 16 times, under the bound: [`hard_texts_take_linear_time_within_a_segment`] looks for that
/// within one segment.
///
/// What else moves the ratio is memory, not work (the instructions grow 8.0 to 8.5 times):
/// - A document's working set leaves the shared L3 cache at a few MB and the time per MB rises
///   by up to half until then, so both sizes are past it. (1 MB against 8 MB measured 18 times
///   on a quiet machine and 24 with another test on the other core.)
/// - The allocator maps a buffer of more than 32 MB afresh each time, and the kernel clears its
///   pages, but may keep a smaller one mapped from the run before: a 4 MB document then ran in
///   half the time of a first run. [`every_buffer_mapped_afresh`] makes both sizes pay for
///   their pages.
///
/// So set, the ratio measured 9 to 11 on a quiet 2-core machine and up to 13 with a two-thread
/// tagging run beside it.
#[test]
fn tagging_time_is_linear_in_a_documents_length() {
    every_buffer_mapped_afresh();
    let tagger = Tagger::new(Gazetteer::shipped().unwrap()).unwrap();
    for sentences in [true, false] {
        let small = danish_text(4 << 20, sentences);
        let large = danish_text(32 << 20, sentences);
        let (t4, n4) = cpu_to_tag(&tagger, &small, 3);
        let (t32, n32) = cpu_to_tag(&tagger, &large, 2);
        assert!(n4 > 20_000 && n32 > 7 * n4, "names are found: {n4}, {n32}");
        println!("sentences {sentences}: 4 MB {t4:?}, 32 MB {t32:?}");
        assert!(
            t32 <= t4 * 22,
            "sentences {sentences}: 4 MB took {t4:?}, 32 MB {t32:?}: more than 22 times"
        );
    }
}

/// Texts made of nothing but one of the forms the rule layers walk along, look back over or
/// keep a list of, each tagged at 1 MiB and at just under one segment
/// ([`navne::tagger::SEGMENT_BYTES`], 8 MiB): the larger takes at most 28 times the CPU time
/// of the smaller (linear is 7.9 times, quadratic 63), and finds at least seven times the
/// mentions (but one hyphenated word: one mention at either size). On a 2-core machine, with
/// two builds running beside it or none, the ratios were 6.3 to 14.1. The highest is that of
/// the surnames that come back, whose short forms outgrow the processor's caches: its
/// instructions grow in step with the text (230, 452 and 904 M at 1, 2 and 4 MiB).
#[test]
fn hard_texts_take_linear_time_within_a_segment() {
    every_buffer_mapped_afresh();
    let tagger = Tagger::new(Gazetteer::shipped().unwrap()).unwrap();
    let large = navne::tagger::SEGMENT_BYTES - (64 << 10);
    for (name, make) in hard_texts() {
        let (small, large) = (make(1 << 20), make(large));
        assert!(small.len() >= 1 << 20 && large.len() <= navne::tagger::SEGMENT_BYTES);
        let (t1, n1) = cpu_to_tag(&tagger, &small, 3);
        let (t8, n8) = cpu_to_tag(&tagger, &large, 2);
        println!("{name}: 1 MiB {t1:?} ({n1} mentions), 8 MiB {t8:?} ({n8})");
        // One word is one mention at either size.
        assert!(
            n8 >= 7 * n1 || n8 == n1 && n1 <= 1,
            "{name}: {n1} mentions in 1 MiB, {n8} in 8 MiB"
        );
        assert!(
            t8 <= t1 * 28,
            "{name}: 1 MiB took {t1:?}, 8 MiB {t8:?}: more than 28 times"
        );
    }
}

/// A text's name, and what makes a text of about the bytes asked for.
type HardText = (&'static str, fn(usize) -> String);

/// The texts of [`hard_texts_take_linear_time_within_a_segment`].
fn hard_texts() -> Vec<HardText> {
    vec![
        ("news", |n| danish_text(n, true)),
        ("news as one sentence", |n| danish_text(n, false)),
        ("a run of capitals that never ends", |n| repeated("A ", n)),
        ("initials", |n| repeated("A. ", n)),
        ("a list of first names", |n| repeated("Per, ", n)),
        ("names joined by og", |n| repeated("Jensen og ", n)),
        ("genitives", |n| repeated("Danmarks ", n)),
        ("handles", |n| repeated("@a ", n)),
        ("hashtags", |n| repeated("#DK ", n)),
        ("names joined by underscores", |n| repeated("Jens_", n)),
        ("speakers' lines", |n| repeated("Per: hej\n", n)),
        ("one hyphenated word", |n| repeated("FN-", n)),
        ("Arabic articles", |n| repeated("al-", n)),
        ("decomposed letters", |n| repeated("A\u{30A}rhus ", n)),
        ("titles", |n| repeated("hr. ", n)),
        ("surnames that come back", surnames_that_come_back),
    ]
}

/// `unit` repeated to `bytes` bytes, about.
fn repeated(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()))
}

/// Full names, each with a surname no other has, and each surname alone a sentence later: the
/// short forms a document registers grow with its length.
fn surnames_that_come_back(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 100);
    let mut i: u32 = 0;
    while text.len() < bytes {
        let mut surname = String::from("K");
        let mut k = i;
        loop {
            surname.push(char::from(b'a' + (k % 26) as u8));
            k /= 26;
            if k == 0 {
                break;
            }
        }
        surname.push_str("sen");
        text.push_str(&format!(
            "Anders {surname} kom i går. Senere sagde {surname} nej. "
        ));
        i += 1;
    }
    text
}

/// Has the allocator map every buffer of 128 KiB or more on its own and unmap it when freed
/// (glibc otherwise raises that threshold to the largest buffer freed so far, up to 32 MB), so
/// that a run's large buffers are never left from the run before. Process-wide; the other tests
/// of this binary only run the navne binary or allocate less.
fn every_buffer_mapped_afresh() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; any value of this one is valid.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 << 10);
    }
}

/// A document several times the segment size is tagged whole, with every offset right, and the
/// memory it takes beyond its own size stays within a few times that size.
#[test]
fn a_huge_document_takes_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let text = danish_text(24 << 20, true);
    let path = write(dir.path(), "book.txt", text.as_bytes());
    let mut cmd = navne(&["tag", "--gazetteers", GAZ, "--quiet", "--threads", "1"]);
    cmd.arg(&path);
    let (ran, peak_kb) = run_measured(cmd, Duration::from_secs(120));
    assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    let out = ran.out();
    assert!(rows(&out).len() > 200_000);
    check_offsets(&out, |_| text.clone());
    let doc_mb = text.len() as u64 >> 20;
    assert!(
        peak_kb >> 10 <= 4 * doc_mb + 100,
        "a {doc_mb} MB document peaked at {} MB",
        peak_kb >> 10
    );
}

/// Names in capitals are found as the names they are, and a sentence in capitals is not taken
/// for one long name.
#[test]
fn capitals_are_no_run_of_names() {
    let dir = tempfile::tempdir().unwrap();
    let text = "METTE FREDERIKSEN MØDTE JENS STOLTENBERG I OSLO I GÅR. STATSMINISTER METTE \
                FREDERIKSEN SAGDE AT DANMARK OG NORGE VIL SAMARBEJDE MED NATO.";
    let path = write(dir.path(), "caps.txt", text.as_bytes());
    let ran = run_within(
        navne(&["tag", "--quiet", path.to_str().unwrap()]),
        b"",
        Duration::from_secs(60),
    );
    assert_eq!(ran.code(), Some(0), "{}", ran.stderr);
    let out = ran.out();
    check_offsets(&out, |_| text.to_string());
    let found: Vec<String> = rows(&out)
        .iter()
        .map(|r| format!("{} {}", &r[4], &r[5]))
        .collect();
    assert_eq!(
        found,
        [
            "METTE FREDERIKSEN PER",
            "JENS STOLTENBERG PER",
            "OSLO LOC",
            "METTE FREDERIKSEN PER",
            "DANMARK LOC",
            "NORGE LOC",
            "NATO ORG"
        ]
    );
}
