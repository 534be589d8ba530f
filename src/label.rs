//! Entity labels and the methods that produce mentions.

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
}

impl Label {
    /// All labels, in the order navne reports them.
    pub const ALL: [Label; 3] = [Label::Per, Label::Loc, Label::Org];

    /// The label as written in CSV rows and gold data: `PER`, `LOC` or `ORG`.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Loc => "LOC",
            Label::Org => "ORG",
        }
    }

    /// Position in [`Label::ALL`], for per-label counters.
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Label {
    type Err = String;

    /// Parses `PER`, `LOC` or `ORG` (any case).
    fn from_str(s: &str) -> Result<Label, String> {
        match s.to_ascii_uppercase().as_str() {
            "PER" => Ok(Label::Per),
            "LOC" => Ok(Label::Loc),
            "ORG" => Ok(Label::Org),
            _ => Err(format!("unknown label {s:?} (expected PER, LOC or ORG)")),
        }
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
}
