//! Gazetteer files: the lists of people, places and organisations navne looks for.
//!
//! A gazetteer file is UTF-8, tab-separated, with a header row; lines starting with `#` are
//! comments and blank lines are skipped. Columns are found by their header name:
//!
//! | column      | required | meaning |
//! |-------------|----------|---------|
//! | `id`        | yes      | stable id, unique within the file (`geonames:2618425`) |
//! | `name`      | yes      | canonical form, never empty |
//! | `aliases`   | yes      | other surface forms, `|`-separated, may be empty |
//! | `ambiguous` | no       | `yes` (or `1`, `true`): the forms are also ordinary words |
//! | `prior`     | no       | number; for one form under several labels the highest wins |
//! | `label`     | no       | the row's label, instead of the file's; empty: the file's |
//!
//! Any other column is ignored. A row with fewer fields than the header, an empty name, an id
//! seen before in the same file or a bad label name ([`check_label_name`]) stops loading with an
//! error naming `file:line`.
//!
//! A label other than PER, LOC and ORG (`EVENT`) is a custom label, numbered in the
//! gazetteer's [`LabelNames`]: its entries are matched like any others, and the rule layers
//! leave their mentions as the gazetteer found them.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::articles::ArabicArticles;
use crate::error::{Error, Result};
use crate::label::{check_label_name, Label, LabelNames};

/// One entity of a gazetteer.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Stable id, written to the `entity_id` column.
    pub id: String,
    /// Canonical name, written to the `canonical` column.
    pub name: String,
    /// Other surface forms of the same entity.
    pub aliases: Vec<String>,
    /// The entity's label; a custom one is numbered in the [`LabelNames`] of the gazetteer
    /// that holds the entry.
    pub label: Label,
    /// The entity's forms are also ordinary words and need more evidence to count.
    pub ambiguous: bool,
    /// Preference when one form stands under several entities (higher wins).
    pub prior: f64,
}

impl Entry {
    /// The canonical name followed by the aliases.
    pub fn surface_forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// The shipped gazetteer files, embedded at compile time so the binary works from anywhere.
const EMBEDDED: [(&str, &str, Label); 3] = [
    (
        "gazetteers/people.tsv",
        include_str!("../gazetteers/people.tsv"),
        Label::Per,
    ),
    (
        "gazetteers/places.tsv",
        include_str!("../gazetteers/places.tsv"),
        Label::Loc,
    ),
    (
        "gazetteers/organisations.tsv",
        include_str!("../gazetteers/organisations.tsv"),
        Label::Org,
    ),
];
const EMBEDDED_AMBIGUOUS: (&str, &str) = (
    "gazetteers/ambiguous.txt",
    include_str!("../gazetteers/ambiguous.txt"),
);

/// The file names a gazetteer directory holds, with the label of each.
pub const FILES: [(&str, Label); 3] = [
    ("people.tsv", Label::Per),
    ("places.tsv", Label::Loc),
    ("organisations.tsv", Label::Org),
];

/// The file in a gazetteer directory that lists forms which are also ordinary words.
pub const AMBIGUOUS_FILE: &str = "ambiguous.txt";

/// All loaded entries plus the list of ambiguous surface forms.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    /// The Arabic articles before names (`rules/arabic_articles.txt`), which the matcher
    /// builds and scans with.
    articles: ArabicArticles,
    /// Looked up for every form as the matcher builds: hashed with the word lists' hash.
    ambiguous: crate::lexicon::Set,
    labels: LabelNames,
}

impl Gazetteer {
    /// An empty gazetteer.
    pub fn new() -> Gazetteer {
        Gazetteer::default()
    }

    /// The gazetteers shipped with navne (the `gazetteers/` directory at build time).
    pub fn shipped() -> Result<Gazetteer> {
        let mut g = Gazetteer::new();
        for (name, text, label) in EMBEDDED {
            g.add_tsv(text, Path::new(name), label)?;
        }
        g.add_ambiguous_list(EMBEDDED_AMBIGUOUS.1);
        Ok(g)
    }

    /// Loads `people.tsv`, `places.tsv`, `organisations.tsv` and `ambiguous.txt` from `dir`,
    /// and the Arabic articles before names from its `rules/arabic_articles.txt` (the shipped
    /// list if it has none).
    ///
    /// Missing files are skipped, but the directory must exist and hold at least one of the
    /// three lists.
    pub fn from_dir(dir: &Path) -> Result<Gazetteer> {
        check_dir(dir)?;
        let mut g = Gazetteer::new();
        let mut found = 0;
        for (file, label) in FILES {
            let path = dir.join(file);
            if path.exists() {
                g.load_file(&path, label)?;
                found += 1;
            }
        }
        if found == 0 {
            return Err(Error::gazetteer_file(
                "gazetteer directory holds none of people.tsv, places.tsv, organisations.tsv",
            )
            .with_path(dir));
        }
        let amb = dir.join(AMBIGUOUS_FILE);
        if amb.exists() {
            let text = read_utf8(&amb)?;
            g.add_ambiguous_list(&text);
        }
        // The Arabic articles of the directory's rule lists, if it has them.
        let articles = dir.join("rules").join(crate::articles::FILE);
        if articles.exists() {
            let text = read_utf8(&articles)?;
            g.articles = ArabicArticles::parse(&text).map_err(|e| e.with_path(&articles))?;
        }
        Ok(g)
    }

    /// The label named `name` (PER, LOC, ORG or a custom label, numbered here when first
    /// seen), for [`Gazetteer::load_file`]; errors on a bad name ([`check_label_name`]).
    pub fn label(&mut self, name: &str) -> Result<Label> {
        self.labels.intern(name).map_err(Error::gazetteer)
    }

    /// The names of the custom labels of the entries.
    pub fn labels(&self) -> &LabelNames {
        &self.labels
    }

    /// Adds every entry of the TSV file at `path` under `label` (a row's `label` column
    /// overrides it); returns how many.
    ///
    /// A file without a single entry is an error: an empty list is almost always a file that
    /// was cut short or written by a failed script, and loading it silently would tag nothing
    /// of its label. To leave a label out, leave its file out.
    pub fn load_file(&mut self, path: &Path, label: Label) -> Result<usize> {
        let text = read_utf8(path)?;
        let n = self.add_tsv(&text, path, label)?;
        if n == 0 {
            let label = self.labels.name(label);
            return Err(Error::gazetteer_file(format!(
                "gazetteer file has no entries (leave it out to load no {label} names)"
            ))
            .with_path(path));
        }
        Ok(n)
    }

    /// Adds the entries of TSV `text` (named `path` in errors) under `label`, or the label of
    /// a row's `label` column; returns how many.
    pub fn add_tsv(&mut self, text: &str, path: &Path, label: Label) -> Result<usize> {
        let parsed = parse_tsv(text, label, &mut self.labels).map_err(|e| e.with_path(path))?;
        let n = parsed.len();
        self.entries.extend(parsed);
        Ok(n)
    }

    /// Adds surface forms, one per line (`#` comments and blank lines skipped), that must not
    /// count as a name when they stand alone at the start of a sentence.
    pub fn add_ambiguous_list(&mut self, text: &str) {
        for line in text.lines() {
            let form = line.trim();
            if !form.is_empty() && !form.starts_with('#') {
                self.ambiguous.insert(form.to_string());
            }
        }
    }

    /// Adds one entry. A custom label must be one of [`Gazetteer::label`]'s.
    pub fn push(&mut self, entry: Entry) {
        self.entries.push(entry);
    }

    /// All entries, in load order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The Arabic articles before names: the shipped list, or a directory's
    /// `rules/arabic_articles.txt` ([`Gazetteer::from_dir`]).
    pub(crate) fn arabic_articles(&self) -> &ArabicArticles {
        &self.articles
    }

    /// Takes the entries out, leaving the ambiguity list: the matcher keeps them without a
    /// copy, which for a million entries would be hundreds of megabytes.
    pub(crate) fn take_entries(&mut self) -> Vec<Entry> {
        std::mem::take(&mut self.entries)
    }

    /// Whether `form` is on the ambiguity list.
    pub fn is_listed_ambiguous(&self, form: &str) -> bool {
        self.ambiguous.contains(form)
    }

    /// Per label, the built-in ones in [`Label::ALL`] order and then the custom ones by
    /// number: entries, and distinct surface forms (names and aliases as written).
    pub fn label_counts(&self) -> Vec<(Label, usize, usize)> {
        let labels: Vec<Label> = Label::ALL
            .into_iter()
            .chain(self.labels.custom().map(|(l, _)| l))
            .collect();
        // Built-in labels count at their index, custom ones after them.
        let slot = |l: Label| match l {
            Label::Custom(n) => Label::ALL.len() + n as usize,
            builtin => builtin.index(),
        };
        let mut forms: Vec<HashSet<&str>> = vec![HashSet::new(); labels.len()];
        let mut entries = vec![0; labels.len()];
        for e in &self.entries {
            entries[slot(e.label)] += 1;
            forms[slot(e.label)].extend(e.surface_forms());
        }
        labels
            .into_iter()
            .zip(entries)
            .zip(&forms)
            .map(|((l, n), f)| (l, n, f.len()))
            .collect()
    }

    /// Number of forms on the ambiguity list.
    pub fn ambiguous_list_len(&self) -> usize {
        self.ambiguous.len()
    }
}

/// Checks that the `--gazetteers` directory `dir` is one, so that a mistyped path is reported
/// as such rather than as a directory without lists.
fn check_dir(dir: &Path) -> Result<()> {
    match fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => {
            Err(Error::gazetteer_file("gazetteer directory is not a directory").with_path(dir))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(Error::gazetteer_file("gazetteer directory does not exist").with_path(dir))
        }
        Err(e) => Err(Error::from(e).with_path(dir)),
    }
}

fn read_utf8(path: &Path) -> Result<String> {
    let bytes = fs::read(path).map_err(|e| Error::from(e).with_path(path))?;
    String::from_utf8(bytes)
        .map_err(|_| Error::new(crate::error::ErrorKind::InvalidUtf8).with_path(path))
}

/// Column positions found in a header row.
struct Columns {
    id: usize,
    name: usize,
    aliases: usize,
    ambiguous: Option<usize>,
    prior: Option<usize>,
    label: Option<usize>,
    width: usize,
}

impl Columns {
    fn from_header(line: &str) -> std::result::Result<Columns, String> {
        let names: Vec<&str> = line.split('\t').map(str::trim).collect();
        let find = |want: &str| names.iter().position(|n| *n == want);
        let need = |want: &str| find(want).ok_or_else(|| format!("header has no {want:?} column"));
        Ok(Columns {
            id: need("id")?,
            name: need("name")?,
            aliases: need("aliases")?,
            ambiguous: find("ambiguous"),
            prior: find("prior"),
            label: find("label"),
            width: names.len(),
        })
    }
}

/// Parses one gazetteer file, its entries labelled `label` unless a `label` column says
/// otherwise (numbering new custom labels in `labels`); errors carry the line but not yet the
/// path.
fn parse_tsv(text: &str, label: Label, labels: &mut LabelNames) -> Result<Vec<Entry>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut columns: Option<Columns> = None;
    // Every id, hashed as the word lists are (ids are short and many).
    let mut seen = crate::lexicon::Set::default();
    let mut entries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let lineno = i as u64 + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |msg: String| Error::gazetteer(msg).with_line(lineno);
        let Some(cols) = &columns else {
            columns = Some(Columns::from_header(line).map_err(err)?);
            continue;
        };
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < cols.width {
            return Err(err(format!(
                "{} columns where the header has {}",
                fields.len(),
                cols.width
            )));
        }
        let id = fields[cols.id].trim();
        let name = fields[cols.name].trim();
        if id.is_empty() {
            return Err(err("empty id".into()));
        }
        if name.is_empty() {
            return Err(err(format!("empty name for id {id:?}")));
        }
        if !seen.insert(id.to_string()) {
            return Err(err(format!("duplicate id {id:?}")));
        }
        let aliases = fields[cols.aliases]
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty() && *a != name)
            .map(String::from)
            .collect();
        let ambiguous = cols.ambiguous.is_some_and(|c| {
            matches!(
                fields[c].trim().to_ascii_lowercase().as_str(),
                "yes" | "1" | "true"
            )
        });
        let prior = match cols.prior.map(|c| fields[c].trim()) {
            None | Some("") => 0.0,
            Some(p) => p
                .parse::<f64>()
                .ok()
                .filter(|p| p.is_finite())
                .ok_or_else(|| err(format!("prior {p:?} is not a number")))?,
        };
        let label = match cols.label.map(|c| fields[c].trim()) {
            None | Some("") => label,
            Some(l) => labels.intern(l).map_err(err)?,
        };
        entries.push(Entry {
            id: id.into(),
            name: name.into(),
            aliases,
            label,
            ambiguous,
            prior,
        });
    }
    Ok(entries)
}

/// A `FILE:LABEL` pair as given to `--gazetteer`.
#[derive(Clone, Debug, PartialEq)]
pub struct GazetteerFile {
    /// The TSV file.
    pub path: PathBuf,
    /// The label of its entries (unless a row's `label` column overrides it): `PER`, `LOC`,
    /// `ORG` (any case) or a custom label's name, checked by [`check_label_name`]; turned into
    /// a [`Label`] by [`Gazetteer::label`].
    pub label: String,
}

impl std::str::FromStr for GazetteerFile {
    type Err = String;

    /// Parses `path/to/file.tsv:LABEL`.
    fn from_str(s: &str) -> std::result::Result<GazetteerFile, String> {
        let (path, label) = s
            .rsplit_once(':')
            .ok_or_else(|| format!("{s:?} is not FILE:LABEL"))?;
        let label = match label.parse::<Label>() {
            Ok(builtin) => builtin.as_str().to_string(),
            Err(_) => {
                check_label_name(label)?;
                label.to_string()
            }
        };
        Ok(GazetteerFile {
            path: PathBuf::from(path),
            label,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<Entry>> {
        parse_tsv(text, Label::Loc, &mut LabelNames::default())
    }

    #[test]
    fn reads_columns_by_header_name() {
        let e = parse(
            "# places\nname\tid\taliases\textra\nDanmark\tcldr:DK\tDK|Kongeriget Danmark\tx\n",
        )
        .unwrap();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].id, "cldr:DK");
        assert_eq!(e[0].name, "Danmark");
        assert_eq!(e[0].aliases, vec!["DK", "Kongeriget Danmark"]);
        assert!(!e[0].ambiguous);
    }

    #[test]
    fn reads_ambiguous_and_prior() {
        let e = parse(
            "id\tname\taliases\tambiguous\tprior\na\tLund\t\tyes\t0.7\nb\tAarhus\tÅrhus\t\t\n",
        )
        .unwrap();
        assert!(e[0].ambiguous);
        assert_eq!(e[0].prior, 0.7);
        assert!(!e[1].ambiguous);
        assert_eq!(e[1].prior, 0.0);
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            ("id\tname\taliases\na\tA\t\nb\n", 3, "columns"),
            ("id\tname\taliases\na\t \t\n", 2, "empty name"),
            ("id\tname\taliases\na\tA\t\n\na\tB\t\n", 4, "duplicate id"),
            ("id\tname\n", 1, "aliases"),
            ("id\tname\taliases\tprior\na\tA\t\tmuch\n", 2, "prior"),
            (
                "id\tname\taliases\tlabel\na\tA\t\tEVENT\nb\tB\t\tevent\n",
                3,
                "label",
            ),
            ("id\tname\taliases\tlabel\na\tA\t\tMIS C\n", 2, "label"),
        ];
        for (text, line, what) in cases {
            let e = parse(text).unwrap_err();
            assert_eq!(e.line(), Some(line), "{text:?}");
            assert!(e.to_string().contains(what), "{e} should mention {what}");
        }
    }

    #[test]
    fn directories_and_files_that_hold_nothing_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nowhere");
        let e = Gazetteer::from_dir(&missing).unwrap_err();
        assert_eq!(e.path(), Some(missing.as_path()));
        assert!(e.to_string().contains("does not exist"), "{e}");
        let e = Gazetteer::from_dir(dir.path()).unwrap_err();
        assert!(e.to_string().contains("holds none of"), "{e}");
        for text in ["", "id\tname\taliases\n", "# nothing\n\n"] {
            let places = dir.path().join("places.tsv");
            fs::write(&places, text).unwrap();
            let e = Gazetteer::from_dir(dir.path()).unwrap_err();
            assert_eq!(e.path(), Some(places.as_path()), "{text:?}");
            assert!(e.to_string().contains("no entries"), "{e}");
        }
    }

    #[test]
    fn a_directory_brings_its_own_arabic_articles() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("people.tsv"),
            "id\tname\taliases\nb\tBin Laden\t\ns\tAl-Sadr\t\n",
        )
        .unwrap();
        let text = "mødte bin-Laden og al-Sadr";
        let tag = |g: Gazetteer| {
            let m = crate::matcher::Matcher::new(g).unwrap();
            let found = m.find(text);
            found
                .iter()
                .map(|x| text[x.byte_start..x.byte_end].to_string())
                .collect::<Vec<_>>()
        };
        // The shipped articles, where the directory has none.
        let g = Gazetteer::from_dir(dir.path()).unwrap();
        assert_eq!(tag(g), ["al-Sadr"]);
        let rules = dir.path().join("rules");
        fs::create_dir(&rules).unwrap();
        fs::write(rules.join(crate::articles::FILE), "# mine\nbin-\n").unwrap();
        let g = Gazetteer::from_dir(dir.path()).unwrap();
        assert_eq!(tag(g), ["bin-Laden"]);
        // A bad line is named, with its file.
        fs::write(rules.join(crate::articles::FILE), "bin-\nBin-\n").unwrap();
        let e = Gazetteer::from_dir(dir.path()).unwrap_err();
        assert_eq!(e.line(), Some(2));
        assert_eq!(e.path(), Some(rules.join(crate::articles::FILE).as_path()));
    }

    #[test]
    fn gazetteer_file_arg() {
        let f: GazetteerFile = "extra/clubs.tsv:org".parse().unwrap();
        assert_eq!(f.path, PathBuf::from("extra/clubs.tsv"));
        assert_eq!(f.label, "ORG");
        let f: GazetteerFile = "c:/events.tsv:EVENT".parse().unwrap();
        assert_eq!(
            (f.path, f.label.as_str()),
            (PathBuf::from("c:/events.tsv"), "EVENT")
        );
        assert!("clubs.tsv".parse::<GazetteerFile>().is_err());
        for bad in [
            "clubs.tsv:misc",
            "clubs.tsv:",
            "clubs.tsv:EV ENT",
            "e.tsv:1X",
        ] {
            let e = bad.parse::<GazetteerFile>().unwrap_err();
            assert!(e.contains("label"), "{bad}: {e}");
        }
    }

    #[test]
    fn a_label_column_overrides_the_files_label_per_row() {
        let mut g = Gazetteer::new();
        let event = g.label("EVENT").unwrap();
        let text = "id\tname\taliases\tlabel\n\
                    a\tRoskilde Festival\t\t\n\
                    b\tiPhone\t\tPRODUCT\n\
                    c\tFolketinget\t\torg\n\
                    d\tDistortion\t\tEVENT\n";
        g.add_tsv(text, "events.tsv".as_ref(), event).unwrap();
        let product = g.label("PRODUCT").unwrap();
        let labels: Vec<Label> = g.entries().iter().map(|e| e.label).collect();
        assert_eq!(labels, [event, product, Label::Org, event]);
        assert_eq!(g.labels().name(product), "PRODUCT");
        let counts = g.label_counts();
        assert_eq!(counts[2], (Label::Org, 1, 1));
        assert_eq!(&counts[3..], [(event, 2, 2), (product, 1, 1)]);
    }
}
