//! Documents: the text to tag, its id and date, and the article format of `.txt` files.

/// One document to tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The id written to the `doc_id` column.
    pub id: String,
    /// The date written to the `date` column (`YYYY-MM` or `YYYY-MM-DD`), if known.
    pub date: Option<String>,
    /// The whole text; offsets are code points into it.
    pub text: String,
    /// Byte offset where taggable text starts (after a date header); 0 if there is none.
    pub body: usize,
}

impl Document {
    /// A document in the article format: optional byte-order mark (dropped, offsets count
    /// from after it), then, after optional whitespace, an optional `date YYYY-MM` or
    /// `date YYYY-MM-DD` header, which becomes the date and is not tagged.
    pub fn from_article(id: String, text: String) -> Document {
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        let (date, body) = match parse_date_header(&text) {
            Some((date, body)) => (Some(date.to_string()), body),
            None => (None, 0),
        };
        Document {
            id,
            date,
            text,
            body,
        }
    }

    /// A document whose whole text is taggable (a JSON line's `text` value).
    pub fn plain(id: String, date: Option<String>, text: String) -> Document {
        Document {
            id,
            date,
            text,
            body: 0,
        }
    }
}

/// Finds a `date YYYY-MM[-DD]` header at the start of `text` (after whitespace); returns the
/// date and the byte offset just after it.
fn parse_date_header(text: &str) -> Option<(&str, usize)> {
    let lead = text.len() - text.trim_start().len();
    let rest = text[lead..].strip_prefix("date")?;
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if spaces == 0 {
        return None;
    }
    let start = lead + 4 + spaces;
    let token_len = text[start..]
        .find(char::is_whitespace)
        .unwrap_or(text.len() - start);
    let date = &text[start..start + token_len];
    is_date(date).then_some((date, start + token_len))
}

/// `YYYY-MM` or `YYYY-MM-DD` with a month 01–12 and a day 01–31.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let two = |i: usize| (b[i] - b'0') * 10 + (b[i + 1] - b'0');
    match b.len() {
        7 | 10 if digits(0..4) && b[4] == b'-' && digits(5..7) => {
            (1..=12).contains(&two(5))
                && (b.len() == 7 || (b[7] == b'-' && digits(8..10) && (1..=31).contains(&two(8))))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_header() {
        let cases = [
            ("date 2024-03\nDanmark", Some("2024-03"), 12),
            ("\n  date 2024-03-05 Danmark", Some("2024-03-05"), 18),
            ("\u{feff}date 1999-12 X", Some("1999-12"), 12),
            ("date 2024-13 X", None, 0),
            ("date 2024-3 X", None, 0),
            ("dated 2024-03 X", None, 0),
            ("Danmark date 2024-03", None, 0),
            ("date 2024-03", Some("2024-03"), 12),
            ("date ", None, 0),
            ("", None, 0),
        ];
        for (text, date, body) in cases {
            let d = Document::from_article("x".into(), text.into());
            assert_eq!(d.date.as_deref(), date, "{text:?}");
            assert_eq!(d.body, body, "{text:?}");
            assert!(!d.text.starts_with('\u{feff}'));
        }
    }

    #[test]
    fn dates() {
        assert!(is_date("2020-01"));
        assert!(is_date("2020-12-31"));
        assert!(!is_date("2020-00"));
        assert!(!is_date("2020-01-32"));
        assert!(!is_date("2020/01"));
        assert!(!is_date("ååå-01"));
    }
}
