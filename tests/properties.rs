//! Properties that must hold on any input: offsets are code points that slice out exactly the
//! mention, mentions are sorted and disjoint, and nothing panics.

use navne::{Document, Gazetteer, Tagger};
use proptest::prelude::*;

fn tagger() -> &'static Tagger {
    static TAGGER: std::sync::OnceLock<Tagger> = std::sync::OnceLock::new();
    TAGGER.get_or_init(|| {
        let dir = std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/gazetteers"
        ));
        Tagger::new(Gazetteer::from_dir(dir).unwrap()).unwrap()
    })
}

/// Text built from names, their genitive and compound endings, Danish words, punctuation and
/// arbitrary Unicode, so matches and near-matches are frequent.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(vec![
            "Danmark",
            "FN",
            "Nato",
            "NATO",
            "København",
            "FC København",
            "Per",
            "Per Stig Møller",
            "Århus",
            "Aarhus",
            "Lund",
            "Horsens",
            "Kbh.",
            "De Forenede Nationer",
            "Rusland",
        ])
        .prop_map(String::from),
        prop::sample::select(vec![
            "s",
            "'s",
            "'",
            "’s",
            "-soldater",
            "-",
            "spolitik",
            " ",
            "  ",
            "\n\n",
            ". ",
            "! ",
            "\"",
            "æ",
            "ø",
            "å",
            "Æ",
            "é",
            "🎉",
            "\u{feff}",
            "date 2020-01 ",
            "\r\n",
            "(",
            ")",
            ",",
        ])
        .prop_map(String::from),
        any::<char>().prop_map(String::from),
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn offsets_slice_out_the_mention(raw in text()) {
        let t = tagger();
        // A text that begins with a date header naming no real day is no document.
        let Ok(doc) = Document::from_article("d".into(), raw) else {
            return Ok(());
        };
        let mentions = t.tag(&doc);
        let chars: Vec<char> = doc.text.chars().collect();
        let mut last_end = 0;
        for m in &mentions {
            prop_assert!(m.start < m.end && m.end <= chars.len());
            prop_assert!(m.start >= last_end, "sorted and disjoint");
            let by_chars: String = chars[m.start..m.end].iter().collect();
            prop_assert_eq!(&by_chars, m.text(&doc.text));
            prop_assert!(m.byte_start >= doc.body, "the date header is never tagged");
            let before = doc.text[..m.byte_start].chars().next_back();
            prop_assert!(before.is_none_or(|c| !c.is_alphanumeric()), "starts at a token start");
            // A mention ends at a token end, unless the name itself ends in punctuation (`Kbh.`).
            let after = doc.text[m.byte_end..].chars().next();
            let last = m.text(&doc.text).chars().next_back().unwrap();
            prop_assert!(
                !last.is_alphanumeric() || after.is_none_or(|c| !c.is_alphanumeric()),
                "ends at a token end"
            );
            last_end = m.end;
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let t = tagger();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if let Ok(doc) = Document::from_article("d".into(), text) {
            let _ = t.tag(&doc);
        }
    }
}
