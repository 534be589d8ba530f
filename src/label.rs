//! Entity labels and the methods that produce mentions.
//!
//! navne's rules know three labels, PER, LOC and ORG. A user's gazetteer may add labels of its
//! own (`--gazetteer events.tsv:EVENT`, or a `label` column): those are [`Label::Custom`], a
//! number into the [`LabelNames`] of the gazetteer that loaded them, so that a [`Label`] stays
//! a small `Copy` value in every mention while its name is stored once.

use std::fmt;
use std::str::FromStr;

/// The kind of entity a mention names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// A person.
    Per,
    /// A place: countries, regions, towns, islands, …
    Loc,
    /// An organisation: parties, companies, media, clubs, institutions, …
    Org,
    /// A label of a user's gazetteer (`EVENT`, `PRODUCT`): its number in the [`LabelNames`] of
    /// the gazetteer and matcher it comes from, which hold its name. The rule layers never
    /// make, change or drop a mention of such a label.
    Custom(u16),
}

impl Label {
    /// The built-in labels, in the order navne reports them.
    pub const ALL: [Label; 3] = [Label::Per, Label::Loc, Label::Org];

    /// The label as written in CSV rows and gold data: `PER`, `LOC` or `ORG`.
    ///
    /// # Panics
    ///
    /// On a [`Label::Custom`], whose name only its [`LabelNames`] knows: output goes through
    /// [`LabelNames::name`], and the callers of this method (evaluation, gazetteer statistics)
    /// see built-in labels only.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Loc => "LOC",
            Label::Org => "ORG",
            Label::Custom(n) => panic!("custom label {n} has no built-in name"),
        }
    }

    /// Position in [`Label::ALL`], for per-label counters.
    ///
    /// # Panics
    ///
    /// On a [`Label::Custom`], which has no place there: the counters that may meet one
    /// (the run's summary, gazetteer statistics) count custom labels apart, and evaluation
    /// leaves them out ([`crate::eval::predict`]).
    pub fn index(self) -> usize {
        match self {
            Label::Per => 0,
            Label::Loc => 1,
            Label::Org => 2,
            Label::Custom(n) => panic!("custom label {n} has no built-in counter"),
        }
    }

    /// Whether this is a label of a user's gazetteer rather than PER, LOC or ORG.
    pub fn is_custom(self) -> bool {
        matches!(self, Label::Custom(_))
    }
}

/// A built-in label's name; a custom label as `custom label N`, its number, since only its
/// [`LabelNames`] knows its name (this is for messages and tests, never for output).
impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Label::Custom(n) => write!(f, "custom label {n}"),
            builtin => f.write_str(builtin.as_str()),
        }
    }
}

impl FromStr for Label {
    type Err = String;

    /// Parses `PER`, `LOC` or `ORG` (any case); custom labels are named through
    /// [`LabelNames::intern`].
    fn from_str(s: &str) -> Result<Label, String> {
        match s.to_ascii_uppercase().as_str() {
            "PER" => Ok(Label::Per),
            "LOC" => Ok(Label::Loc),
            "ORG" => Ok(Label::Org),
            _ => Err(format!("unknown label {s:?} (expected PER, LOC or ORG)")),
        }
    }
}

/// The longest label name, in bytes: room for `PRODUCT_CATEGORY`-like names, short enough to
/// stay a column value rather than a sentence.
pub const MAX_LABEL_LEN: usize = 32;

/// Checks that `name` may name a label: 1 to [`MAX_LABEL_LEN`] bytes of uppercase ASCII
/// letters, digits, `_` and `-`, starting with a letter. Such a name needs no quoting or
/// escaping in any output format, and reads as a label rather than as text or a number.
pub fn check_label_name(name: &str) -> Result<(), String> {
    let ok = |b: u8| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_' || b == b'-';
    if name.is_empty() {
        return Err("empty label name".into());
    }
    if name.len() > MAX_LABEL_LEN {
        return Err(format!(
            "label name {name:?} is longer than {MAX_LABEL_LEN} bytes"
        ));
    }
    if !name.as_bytes()[0].is_ascii_uppercase() || !name.bytes().all(ok) {
        return Err(format!(
            "bad label name {name:?}: a label is uppercase ASCII letters, digits, `_` and `-`, \
             starting with a letter (PER, LOC, ORG, EVENT, WORK_OF_ART)"
        ));
    }
    Ok(())
}

/// The names of custom labels, numbered in the order they were first seen: the table that a
/// [`Label::Custom`] is a number into.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelNames {
    custom: Vec<String>,
}

impl LabelNames {
    /// The label named `name`: PER, LOC or ORG (in any case, as `--gazetteer FILE:org` has
    /// always been accepted), or a custom label, numbered when first seen.
    ///
    /// Errors on a name that [`check_label_name`] rejects, or on more custom labels than a
    /// [`Label::Custom`] can number.
    pub fn intern(&mut self, name: &str) -> Result<Label, String> {
        if let Ok(builtin) = name.parse::<Label>() {
            return Ok(builtin);
        }
        check_label_name(name)?;
        if let Some(i) = self.custom.iter().position(|n| n == name) {
            return Ok(Label::Custom(i as u16));
        }
        let i = u16::try_from(self.custom.len())
            .map_err(|_| format!("more than {} custom labels", u16::MAX as usize + 1))?;
        self.custom.push(name.to_string());
        Ok(Label::Custom(i))
    }

    /// The name of `label` as written in the output.
    ///
    /// # Panics
    ///
    /// On a custom label these names do not number: a mention must be written with the names
    /// of the matcher that found it.
    pub fn name(&self, label: Label) -> &str {
        match label {
            Label::Custom(n) => &self.custom[n as usize],
            builtin => builtin.as_str(),
        }
    }

    /// The custom labels and their names, by number.
    pub fn custom(&self) -> impl Iterator<Item = (Label, &str)> {
        self.custom
            .iter()
            .enumerate()
            .map(|(i, n)| (Label::Custom(i as u16), n.as_str()))
    }

    /// Number of custom labels.
    pub fn custom_len(&self) -> usize {
        self.custom.len()
    }
}

/// How a mention was found; written to the `method` column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// A name or alias from a gazetteer.
    Gazetteer,
    /// A later reference to an entity found earlier in the same document.
    Alias,
    /// A name found by a pattern rather than a list.
    Pattern,
}

impl Method {
    /// The value written to the `method` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Gazetteer => "gazetteer",
            Method::Alias => "alias",
            Method::Pattern => "pattern",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip() {
        for l in Label::ALL {
            assert_eq!(l.as_str().parse::<Label>().unwrap(), l);
        }
        assert!("MISC".parse::<Label>().is_err());
    }

    #[test]
    fn names_are_interned_and_checked() {
        let mut names = LabelNames::default();
        assert_eq!(names.intern("org"), Ok(Label::Org));
        assert_eq!(names.intern("EVENT"), Ok(Label::Custom(0)));
        assert_eq!(names.intern("WORK_OF-ART2"), Ok(Label::Custom(1)));
        assert_eq!(names.intern("EVENT"), Ok(Label::Custom(0)));
        assert_eq!(names.name(Label::Custom(1)), "WORK_OF-ART2");
        assert_eq!(names.name(Label::Loc), "LOC");
        assert_eq!(names.custom_len(), 2);
        let long = "A".repeat(MAX_LABEL_LEN);
        assert!(names.intern(&long).is_ok());
        for bad in [
            "", "event", "Event", "2EVENT", "_X", "EV ENT", "ÆBLE", "A:B",
        ] {
            let e = names.intern(bad).unwrap_err();
            assert!(e.contains("label"), "{bad:?}: {e}");
        }
        assert!(names
            .intern(&format!("{long}A"))
            .unwrap_err()
            .contains("32 bytes"));
        assert_eq!(names.custom_len(), 3);
    }

    #[test]
    fn custom_labels_display_their_number() {
        assert_eq!(Label::Org.index(), 2);
        assert!(Label::Custom(0).is_custom() && !Label::Per.is_custom());
        assert_eq!(Label::Custom(3).to_string(), "custom label 3");
    }
}
