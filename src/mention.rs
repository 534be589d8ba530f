//! A mention: one span of a document that names an entity.

use crate::label::{Label, Method};
use crate::matcher::EntryId;
use crate::text::CharCounter;

/// One mention found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Start, in Unicode code points from the start of the text.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
    /// Start in bytes, for slicing the text.
    pub byte_start: usize,
    /// End (exclusive) in bytes.
    pub byte_end: usize,
    /// The entity's label.
    pub label: Label,
    /// The gazetteer entry named, if any (names found by patterns have none).
    pub entry: Option<EntryId>,
    /// How the mention was found.
    pub method: Method,
    /// The canonical name when there is no gazetteer entry (an alias of a name found by a
    /// pattern); `None` means the entry's name, or else the mention itself.
    pub canonical: Option<String>,
}

impl Mention {
    /// The mention's text in `text`, the text it was found in.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.byte_start..self.byte_end]
    }
}

/// Sets the code-point offsets of `mentions`, sorted by start and none overlapping, from their
/// byte offsets into `text`: one count over the text, however many mentions.
pub(crate) fn count_code_points<'m>(
    text: &str,
    mentions: impl IntoIterator<Item = &'m mut Mention>,
) {
    let mut counter = CharCounter::new(text);
    for m in mentions {
        m.start = counter.at(m.byte_start);
        m.end = counter.at(m.byte_end);
    }
}

/// Sets the code-point offsets of `mentions`, in any order and overlapping, from their byte
/// offsets into `text`: one count over the text for all their offsets, sorted.
pub(crate) fn count_code_points_anywhere(text: &str, mentions: &mut [Mention]) {
    let mut bytes: Vec<usize> = mentions
        .iter()
        .flat_map(|m| [m.byte_start, m.byte_end])
        .collect();
    bytes.sort_unstable();
    bytes.dedup();
    let mut counter = CharCounter::new(text);
    let chars: Vec<usize> = bytes.iter().map(|&b| counter.at(b)).collect();
    let at = |b: usize| chars[bytes.binary_search(&b).expect("every offset was counted")];
    for m in mentions {
        m.start = at(m.byte_start);
        m.end = at(m.byte_end);
    }
}
