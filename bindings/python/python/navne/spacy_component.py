"""navne as a spaCy pipeline component: ``nlp.add_pipe("navne")``.

The package declares the factory in a ``spacy_factories`` entry point, so spaCy finds it
without ``import navne``::

    import spacy

    nlp = spacy.blank("da")
    nlp.add_pipe("navne")
    doc = nlp("Mette Frederiksen besøgte FN-soldater i Aarhus.")
    [(ent.text, ent.label_, ent.kb_id_, ent._.method) for ent in doc.ents]

Each mention becomes an entity of ``doc.ents``: its character span aligned to tokens with
``alignment_mode="expand"`` (a compound such as ``FN-soldater`` is one token, so the whole
token is the entity), ``ent.kb_id_`` and ``ent.id_`` the gazetteer entry's id (empty for a
name no gazetteer lists), and ``ent._.canonical`` and ``ent._.method`` as navne gives them.
Entities set before navne (by ``ner`` or an ``entity_ruler``) are kept, and navne's mentions
that overlap them are left out, unless ``overwrite_ents`` is set. With ``spans_key``, every
candidate navne considered, overlapping ones included, is also written to
``doc.spans[spans_key]``, with their labels and entity ids (spaCy keeps extension attributes
by character offsets, so a candidate reads ``._.canonical`` and ``._.method`` only where it has
an entity's offsets, and then the entity's).
"""

from __future__ import annotations

from typing import Iterable, Iterator, List, Optional, Sequence, Tuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from navne import Mention, Tagger

for _name in ("canonical", "method"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


class NavneComponent:
    """Sets ``doc.ents`` from navne's mentions (see the module's documentation)."""

    def __init__(
        self,
        name: str = "navne",
        *,
        overwrite_ents: bool = False,
        spans_key: Optional[str] = None,
        gazetteers: Optional[str] = None,
        without: Sequence[str] = (),
        batch_size: int = 1000,
    ) -> None:
        """Builds the tagger once; the arguments are those of :func:`make_navne`."""
        self.name = name
        self.overwrite_ents = overwrite_ents
        self.spans_key = spans_key
        self.batch_size = batch_size
        self.tagger = Tagger(gazetteers=gazetteers, without=list(without))

    def __call__(self, doc: Doc) -> Doc:
        """Tags ``doc`` and sets its entities (and spans, with ``spans_key``)."""
        return self._annotate(doc, self.tagger.tag(doc.text))

    def pipe(self, docs: Iterable[Doc], batch_size: Optional[int] = None) -> Iterator[Doc]:
        """Tags ``docs`` a batch at a time, each batch in parallel, in order."""
        size = batch_size or self.batch_size
        batch: List[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= size:
                yield from self._annotate_batch(batch)
                batch = []
        if batch:
            yield from self._annotate_batch(batch)

    def _annotate_batch(self, docs: List[Doc]) -> Iterator[Doc]:
        found = self.tagger.pipe([d.text for d in docs], batch_size=len(docs))
        for doc, mentions in zip(docs, found):
            yield self._annotate(doc, mentions)

    def _annotate(self, doc: Doc, mentions: List[Mention]) -> Doc:
        # Aligned to tokens, two mentions can fall in one token: the first keeps it.
        ours: List[Span] = []
        attributes = {}
        taken: set = set()
        for span, m in _spans(doc, mentions):
            if not taken.intersection(range(span.start, span.end)):
                ours.append(span)
                attributes[span.start, span.end] = m
                taken.update(range(span.start, span.end))
        existing = list(doc.ents)
        if self.overwrite_ents:
            kept = [e for e in existing if not taken.intersection(range(e.start, e.end))]
            ents = ours + kept
        else:
            before = {i for e in existing for i in range(e.start, e.end)}
            ours = [s for s in ours if not before.intersection(range(s.start, s.end))]
            ents = existing + ours
        doc.ents = sorted(ents, key=lambda s: s.start)
        # Set last, on navne's entities only: spaCy keeps a span's extension attributes by
        # its character offsets, which an entity left out may share with one kept.
        for span in ours:
            m = attributes[span.start, span.end]
            span._.canonical = m.canonical
            span._.method = m.method
        if self.spans_key is not None:
            candidates = self.tagger.candidates(doc.text)
            doc.spans[self.spans_key] = [span for span, _ in _spans(doc, candidates)]
        return doc


def _spans(doc: Doc, mentions: Iterable[Mention]) -> List[Tuple[Span, Mention]]:
    """The spans of ``mentions`` in ``doc``, expanded to whole tokens, with their labels and
    entity ids, each with its mention."""
    spans = []
    for m in mentions:
        entity_id = m.entity_id or ""
        span = doc.char_span(
            m.start,
            m.end,
            label=m.label,
            kb_id=entity_id,
            span_id=entity_id,
            alignment_mode="expand",
        )
        if span is None:  # only whitespace: no token to align to
            continue
        spans.append((span, m))
    return spans


@Language.factory(
    "navne",
    default_config={
        "overwrite_ents": False,
        "spans_key": None,
        "gazetteers": None,
        "without": [],
        "batch_size": 1000,
    },
)
def make_navne(
    nlp: Language,
    name: str,
    overwrite_ents: bool,
    spans_key: Optional[str],
    gazetteers: Optional[str],
    without: List[str],
    batch_size: int,
) -> NavneComponent:
    """The ``navne`` factory: ``nlp.add_pipe("navne", config={...})``.

    ``overwrite_ents``: navne's mentions replace the entities they overlap, rather than
    giving way to them. ``spans_key``: also write every candidate, overlapping ones included,
    to ``doc.spans[spans_key]``. ``gazetteers``: a directory of gazetteers instead of the
    shipped ones. ``without``: rule layers to switch off (``"all"`` for every one).
    ``batch_size``: documents tagged at once by ``nlp.pipe``.
    """
    return NavneComponent(
        name,
        overwrite_ents=overwrite_ents,
        spans_key=spans_key,
        gazetteers=gazetteers,
        without=without,
        batch_size=batch_size,
    )
