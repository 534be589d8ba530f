"""navne finds people (PER), places (LOC) and organisations (ORG) in Danish text.

>>> import navne
>>> tagger = navne.Tagger()
>>> [(m.text, m.label) for m in tagger.tag("Mette Frederiksen besøgte Aarhus.")]
[('Mette Frederiksen', 'PER'), ('Aarhus', 'LOC')]

``Tagger.tag`` tags one text; ``Tagger.pipe`` tags an iterable of texts in parallel, in input
order. With spaCy installed, ``nlp.add_pipe("navne")`` adds navne's mentions to ``doc.ents``
(see :mod:`navne.spacy_component`).
"""

from navne._navne import Mention, NavneError, Pipe, Tagger, __version__

__all__ = ["Mention", "NavneError", "Pipe", "Tagger", "__version__"]
