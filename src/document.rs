//! Documents: the text to tag, its id and date, and the article format of `.txt` files.

use crate::error::{Error, ErrorKind, Result};

/// One document to tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The id written to the `doc_id` column.
    pub id: String,
    /// The date written to the `date` column (`YYYY-MM` or `YYYY-MM-DD`, a real month or
    /// day), if known.
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
    ///
    /// `date` and a blank followed by a digit is a header: when what follows is not a real
    /// month or day (`date 2022-02-30`, `date 2022-2-3`), the document is an error, with the
    /// header's line, rather than a text whose first words are a date no one will find. A
    /// first word `date` followed by anything else (`date night …`) is text.
    pub fn from_article(id: String, text: String) -> Result<Document> {
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        let (date, body) = match parse_date_header(&text)? {
            Some((date, body)) => (Some(date.to_string()), body),
            None => (None, 0),
        };
        Ok(Document {
            id,
            date,
            text,
            body,
        })
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
/// date and the byte offset just after it, or an error (at the header's line) when the header
/// names no real month or day.
fn parse_date_header(text: &str) -> Result<Option<(&str, usize)>> {
    let lead = text.len() - text.trim_start().len();
    let Some(rest) = text[lead..].strip_prefix("date") else {
        return Ok(None);
    };
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if spaces == 0 {
        return Ok(None);
    }
    let start = lead + 4 + spaces;
    let token_len = text[start..]
        .find(char::is_whitespace)
        .unwrap_or(text.len() - start);
    let date = &text[start..start + token_len];
    match check_date(date) {
        Ok(()) => Ok(Some((date, start + token_len))),
        Err(reason) if date.starts_with(|c: char| c.is_ascii_digit()) => {
            let line = 1 + text[..lead].matches('\n').count() as u64;
            let value = format!("{date:?}");
            Err(Error::new(ErrorKind::Date { value, reason }).with_line(line))
        }
        Err(_) => Ok(None),
    }
}

/// `YYYY-MM` or `YYYY-MM-DD` naming a real month or day (a month 01–12, a day that month
/// has, 29 February in leap years only).
pub fn is_date(s: &str) -> bool {
    check_date(s).is_ok()
}

/// Checks that `s` is `YYYY-MM` or `YYYY-MM-DD` naming a real month or day; the error says
/// what is wrong.
pub fn check_date(s: &str) -> std::result::Result<(), String> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let shape = matches!(b.len(), 7 | 10)
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && (b.len() == 7 || (b[7] == b'-' && digits(8..10)));
    if !shape {
        return Err("not YYYY-MM or YYYY-MM-DD".into());
    }
    // The digits are checked above: their values, without `parse`'s checks again.
    let number =
        |r: std::ops::Range<usize>| b[r].iter().fold(0, |n, &d| n * 10 + u32::from(d - b'0'));
    let (year, month) = (number(0..4), number(5..7));
    if !(1..=12).contains(&month) {
        return Err(format!("there is no month {month:02}"));
    }
    if b.len() == 7 {
        return Ok(());
    }
    let (day, days) = (number(8..10), days_in_month(year, month));
    if !(1..=days).contains(&day) {
        return Err(format!("{} has days 01 to {days}", &s[..7]));
    }
    Ok(())
}

/// The days of `month` (1–12) of `year` in the Gregorian calendar.
fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
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
            ("dated 2024-03 X", None, 0),
            ("date night i København", None, 0),
            ("date: 2024-03 X", None, 0),
            ("Danmark date 2024-03", None, 0),
            ("date 2024-03", Some("2024-03"), 12),
            ("date ", None, 0),
            ("", None, 0),
        ];
        for (text, date, body) in cases {
            let d = Document::from_article("x".into(), text.into()).unwrap();
            assert_eq!(d.date.as_deref(), date, "{text:?}");
            assert_eq!(d.body, body, "{text:?}");
            assert!(!d.text.starts_with('\u{feff}'));
        }
    }

    /// A header that begins like a date but is none is an error at its line, never text.
    #[test]
    fn bad_date_headers() {
        let cases = [
            (
                "date 2024-13 X",
                1,
                r#"bad date "2024-13": there is no month 13"#,
            ),
            (
                "date 2024-3 X",
                1,
                r#"bad date "2024-3": not YYYY-MM or YYYY-MM-DD"#,
            ),
            (
                "\n\ndate 2022-02-29\nX",
                3,
                r#"bad date "2022-02-29": 2022-02 has days 01 to 28"#,
            ),
            (
                "\u{feff}date 20240301",
                1,
                r#"bad date "20240301": not YYYY-MM or YYYY-MM-DD"#,
            ),
        ];
        for (text, line, message) in cases {
            let e = Document::from_article("x".into(), text.into()).unwrap_err();
            assert_eq!(e.line(), Some(line), "{text:?}");
            assert_eq!(e.to_string(), format!("line {line}: {message}"), "{text:?}");
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
        assert!(!is_date("2020-1-01"));
        assert!(!is_date("2020-01-01T10:00"));
        assert!(!is_date(""));
    }

    #[test]
    fn calendar_days() {
        for (date, real) in [
            ("2024-02-29", true),
            ("2023-02-29", false),
            ("2000-02-29", true),
            ("1900-02-29", false),
            ("2022-02-28", true),
            ("2022-02-30", false),
            ("2022-04-30", true),
            ("2022-04-31", false),
            ("2022-12-31", true),
            ("2022-01-00", false),
            ("2022-13", false),
            ("2022-00-10", false),
        ] {
            assert_eq!(is_date(date), real, "{date}");
        }
    }
}
