//! The Python module `navne._navne`: navne's [`Tagger`](navne::Tagger) for Python, re-exported
//! by the package `navne` (`python/navne/__init__.py`).
//!
//! Tagging runs without the GIL, and [`Tagger::pipe`] tags each batch of texts in parallel on
//! rayon's threads. A mention is a small Rust object that builds its Python strings only when
//! a field is read: making every field of every mention a Python string up front costs more
//! than tagging does.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyIterator, PyList, PyString};
use rayon::prelude::*;

use navne::{EntryId, Gazetteer, Label, Layer, Layers, Lexicon, Method};

create_exception!(
    _navne,
    NavneError,
    PyException,
    "An error navne reports: a gazetteer or word list that cannot be read or is malformed. \
     Its message is navne's."
);

/// navne's error as a Python exception that carries its message.
fn navne_error(e: navne::Error) -> PyErr {
    NavneError::new_err(e.to_string())
}

/// What every mention of one tagger refers to: the tagger, for the entries behind mentions.
struct Shared {
    tagger: navne::Tagger,
}

/// A tagger built once from gazetteers, word lists and rule layers; tags texts into mentions.
#[pyclass(frozen, module = "navne._navne", name = "Tagger")]
struct Tagger {
    shared: Arc<Shared>,
}

/// The layers left on when those named in `without` (layer names, or `all`) are off.
fn layers_without(without: &[String]) -> PyResult<Layers> {
    let mut layers = Layers::all();
    for name in without {
        if name == "all" {
            layers = Layers::none();
            continue;
        }
        match name.parse::<Layer>() {
            Ok(layer) => layers = layers.with(layer, false),
            Err(_) => {
                let names: Vec<&str> = Layer::ALL.iter().map(|l| l.name()).collect();
                return Err(PyValueError::new_err(format!(
                    "unknown rule layer {name:?}: expected one of {}, or \"all\"",
                    names.join(", ")
                )));
            }
        }
    }
    Ok(layers)
}

/// The text of a Python argument that must be a `str`; `what` names it in the error.
fn text_of<'a>(value: &'a Bound<'_, PyAny>, what: &dyn Fn() -> String) -> PyResult<&'a str> {
    match value.cast::<PyString>() {
        Ok(s) => s.to_str().map_err(|e| {
            PyValueError::new_err(format!("{} is not valid Unicode text: {e}", what()))
        }),
        Err(_) => Err(PyTypeError::new_err(format!(
            "{} must be str, not {}",
            what(),
            value
                .get_type()
                .name()
                .map_or_else(|_| "?".to_string(), |n| n.to_string())
        ))),
    }
}

impl Tagger {
    /// The Python mentions of `found` in `text`.
    fn mentions<'py>(
        &self,
        py: Python<'py>,
        text: &Arc<str>,
        found: Vec<navne::Mention>,
    ) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for m in found {
            let mention = Mention {
                start: m.start,
                end: m.end,
                byte_start: m.byte_start,
                byte_end: m.byte_end,
                label: m.label,
                entry: m.entry,
                method: m.method,
                canonical: m.canonical.map(String::into_boxed_str),
                text: Arc::clone(text),
                shared: Arc::clone(&self.shared),
            };
            list.append(Bound::new(py, mention)?)?;
        }
        Ok(list)
    }

    /// The mentions of each of `texts`, in order, tagged in parallel without the GIL.
    fn tag_batch<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<Arc<str>>,
    ) -> PyResult<Vec<Bound<'py, PyList>>> {
        let tagger = &self.shared.tagger;
        let found: Vec<Vec<navne::Mention>> =
            py.detach(|| texts.par_iter().map(|t| tagger.tag_text(t, 0)).collect());
        texts
            .iter()
            .zip(found)
            .map(|(text, found)| self.mentions(py, text, found))
            .collect()
    }
}

#[pymethods]
impl Tagger {
    /// Builds a tagger: the gazetteers shipped with navne, or those of the directory
    /// `gazetteers` (people.tsv, places.tsv, organisations.tsv, ambiguous.txt, and rules/ for
    /// word lists of its own), with every rule layer but those named in `without` (or none
    /// with "all").
    #[new]
    #[pyo3(signature = (gazetteers = None, without = Vec::new()))]
    fn new(py: Python<'_>, gazetteers: Option<PathBuf>, without: Vec<String>) -> PyResult<Tagger> {
        let layers = layers_without(&without)?;
        let tagger = py
            .detach(|| -> navne::Result<navne::Tagger> {
                let gazetteer = match &gazetteers {
                    Some(dir) => Gazetteer::from_dir(dir)?,
                    None => Gazetteer::shipped()?,
                };
                let lexicon = Lexicon::for_gazetteers(gazetteers.as_deref())?;
                navne::Tagger::with_rules(gazetteer, lexicon, layers)
            })
            .map_err(navne_error)?;
        Ok(Tagger {
            shared: Arc::new(Shared { tagger }),
        })
    }

    /// The mentions of `text`, in order, none overlapping.
    fn tag<'py>(&self, py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
        let text: Arc<str> = Arc::from(text_of(text, &|| "text".to_string())?);
        let tagger = &self.shared.tagger;
        let found = py.detach(|| tagger.tag_text(&text, 0));
        self.mentions(py, &text, found)
    }

    /// Every candidate name of `text` before the final choice, overlapping ones included,
    /// sorted by start, then longest first: the gazetteer's matches, the pattern layers'
    /// proposals and the final mentions (those of `tag` are all among them).
    fn candidates<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let text: Arc<str> = Arc::from(text_of(text, &|| "text".to_string())?);
        let tagger = &self.shared.tagger;
        let found = py.detach(|| tagger.candidates(&text, 0));
        self.mentions(py, &text, found)
    }

    /// The mentions of each text of the iterable `texts`, one list per text, in input order.
    /// Texts are read `batch_size` at a time and each batch is tagged in parallel.
    #[pyo3(signature = (texts, batch_size = 1000))]
    fn pipe(slf: &Bound<'_, Self>, texts: &Bound<'_, PyAny>, batch_size: usize) -> PyResult<Pipe> {
        if texts.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "texts must be an iterable of str, not a str (for one text, use tag)",
            ));
        }
        if batch_size == 0 {
            return Err(PyValueError::new_err("batch_size must be at least 1"));
        }
        Ok(Pipe {
            tagger: slf.clone().unbind(),
            texts: Some(texts.try_iter()?.unbind()),
            batch_size,
            done: 0,
            ready: VecDeque::new(),
        })
    }

    /// The rule layers that run, by name, in the order they run.
    #[getter]
    fn layers(&self) -> Vec<&'static str> {
        let on = self.shared.tagger.layers();
        Layer::ALL
            .iter()
            .filter(|l| on.has(**l))
            .map(|l| l.name())
            .collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "Tagger({} gazetteer entries, {} of {} rule layers)",
            self.shared.tagger.matcher().entry_count(),
            self.layers().len(),
            Layer::ALL.len()
        )
    }
}

/// The mentions of texts as [`Tagger::pipe`] reads them: an iterator of lists of mentions.
#[pyclass(module = "navne._navne", name = "Pipe")]
struct Pipe {
    tagger: Py<Tagger>,
    /// The texts not yet read; `None` once they are all read.
    texts: Option<Py<PyIterator>>,
    batch_size: usize,
    /// How many texts were read, for naming one that is not a str.
    done: usize,
    /// The mentions of texts tagged and not yet returned.
    ready: VecDeque<Py<PyList>>,
}

#[pymethods]
impl Pipe {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyList>>> {
        if self.ready.is_empty() {
            let Some(texts) = &self.texts else {
                return Ok(None);
            };
            let mut batch: Vec<Arc<str>> = Vec::with_capacity(self.batch_size.min(1 << 16));
            let mut texts = texts.bind(py).clone();
            while batch.len() < self.batch_size {
                match texts.next() {
                    Some(item) => {
                        let item = item?;
                        let k = self.done;
                        batch.push(Arc::from(text_of(&item, &|| format!("texts item {k}"))?));
                        self.done += 1;
                    }
                    None => {
                        self.texts = None;
                        break;
                    }
                }
            }
            let tagger = self.tagger.get();
            for list in tagger.tag_batch(py, batch)? {
                self.ready.push_back(list.unbind());
            }
        }
        Ok(self.ready.pop_front())
    }
}

/// One mention in a text: where it is, what it names and how it was found. Its string fields
/// are made when read.
#[pyclass(frozen, module = "navne._navne", name = "Mention")]
struct Mention {
    /// Start, as a Python string index (code points) into the text.
    #[pyo3(get)]
    start: usize,
    /// End (exclusive), as a Python string index.
    #[pyo3(get)]
    end: usize,
    byte_start: usize,
    byte_end: usize,
    label: Label,
    entry: Option<EntryId>,
    method: Method,
    canonical: Option<Box<str>>,
    /// The whole text the mention was found in.
    text: Arc<str>,
    shared: Arc<Shared>,
}

impl Mention {
    fn surface(&self) -> &str {
        &self.text[self.byte_start..self.byte_end]
    }

    fn entity_id_str(&self) -> Option<&str> {
        self.entry
            .map(|id| self.shared.tagger.matcher().entry(id).id.as_str())
    }

    fn canonical_str(&self) -> &str {
        match self.entry {
            Some(id) => self.shared.tagger.matcher().entry(id).name.as_str(),
            None => self.canonical.as_deref().unwrap_or_else(|| self.surface()),
        }
    }

    fn label_str(&self) -> &str {
        self.shared.tagger.matcher().labels().name(self.label)
    }
}

#[pymethods]
impl Mention {
    /// The mention as written: `text[start:end]` of the text it was found in.
    #[getter]
    fn text<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        PyString::new(py, self.surface())
    }

    /// The label: "PER", "LOC", "ORG", or a label of a gazetteer of your own.
    #[getter]
    fn label<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        match self.label {
            Label::Per => intern!(py, "PER").clone(),
            Label::Loc => intern!(py, "LOC").clone(),
            Label::Org => intern!(py, "ORG").clone(),
            _ => PyString::new(py, self.label_str()),
        }
    }

    /// The id of the gazetteer entry named (such as "wikidata:Q1748"), or None for a name no
    /// gazetteer lists.
    #[getter]
    fn entity_id<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyString>> {
        self.entity_id_str().map(|id| PyString::new(py, id))
    }

    /// The canonical name: the gazetteer entry's name, the full name a later reference refers
    /// to, or else the mention as written.
    #[getter]
    fn canonical<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        PyString::new(py, self.canonical_str())
    }

    /// How the mention was found: "gazetteer", "alias" (a later reference to a name found
    /// earlier) or "pattern" (a name no list holds).
    #[getter]
    fn method<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        match self.method {
            Method::Gazetteer => intern!(py, "gazetteer").clone(),
            Method::Alias => intern!(py, "alias").clone(),
            Method::Pattern => intern!(py, "pattern").clone(),
        }
    }

    /// The fields as a dict (`start`, `end`, `text`, `label`, `entity_id`, `canonical`,
    /// `method`), as a row of a pandas DataFrame takes them.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        let d = pyo3::types::PyDict::new(py);
        d.set_item(intern!(py, "start"), self.start)?;
        d.set_item(intern!(py, "end"), self.end)?;
        d.set_item(intern!(py, "text"), self.text(py))?;
        d.set_item(intern!(py, "label"), self.label(py))?;
        d.set_item(intern!(py, "entity_id"), self.entity_id(py))?;
        d.set_item(intern!(py, "canonical"), self.canonical(py))?;
        d.set_item(intern!(py, "method"), self.method(py))?;
        Ok(d)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        let Ok(other) = other.cast::<Mention>() else {
            return false;
        };
        let o = other.get();
        (self.start, self.end, self.surface(), self.label_str())
            == (o.start, o.end, o.surface(), o.label_str())
            && self.entity_id_str() == o.entity_id_str()
            && self.canonical_str() == o.canonical_str()
            && self.method == o.method
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (self.start, self.end, self.surface(), self.label_str()).hash(&mut h);
        h.finish()
    }

    fn __repr__(&self) -> String {
        format!(
            "Mention(start={}, end={}, text={:?}, label={:?}, entity_id={}, canonical={:?}, method={:?})",
            self.start,
            self.end,
            self.surface(),
            self.label_str(),
            self.entity_id_str()
                .map_or_else(|| "None".to_string(), |id| format!("{id:?}")),
            self.canonical_str(),
            self.method.as_str()
        )
    }
}

/// navne's tagger for Python (the package `navne` re-exports what is here).
#[pymodule]
fn _navne(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Tagger>()?;
    m.add_class::<Mention>()?;
    m.add_class::<Pipe>()?;
    m.add("NavneError", m.py().get_type::<NavneError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
