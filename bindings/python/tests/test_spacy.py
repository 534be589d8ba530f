"""The spaCy component: `nlp.add_pipe("navne")` without importing navne, doc.ents, ids,
extension attributes, existing entities, doc.spans."""

import random
import subprocess
import sys

import pytest
import spacy
from spacy.pipeline import EntityRuler
from spacy.training import Example

SENTENCE = "Mette Frederiksen besøgte FN-soldater i Aarhus."


def ents(doc):
    return [(e.text, e.label_, e.kb_id_, e.id_, e._.canonical, e._.method) for e in doc.ents]


def test_the_factory_is_found_without_importing_navne():
    # A fresh interpreter that never imports navne: spaCy finds it by its entry point.
    code = (
        "import sys, spacy\n"
        "nlp = spacy.blank('da')\n"
        "nlp.add_pipe('navne')\n"
        f"doc = nlp({SENTENCE!r})\n"
        "print([(e.text, e.label_) for e in doc.ents])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == (
        "[('Mette Frederiksen', 'PER'), ('FN-soldater', 'ORG'), ('Aarhus', 'LOC')]"
    )


def test_ents_ids_and_extension_attributes():
    nlp = spacy.blank("da")
    nlp.add_pipe("navne")
    doc = nlp(SENTENCE)
    got = ents(doc)
    assert [g[:2] for g in got] == [
        ("Mette Frederiksen", "PER"),
        ("FN-soldater", "ORG"),
        ("Aarhus", "LOC"),
    ]
    for text, _, kb_id, id_, canonical, method in got:
        assert kb_id and kb_id == id_, text
        assert method == "gazetteer"
    assert got[1][4] == "De Forenede Nationer"
    # The same as the tagger's mentions, field for field.
    import navne

    mentions = navne.Tagger().tag(SENTENCE)
    assert [(m.text, m.label, m.entity_id, m.canonical, m.method) for m in mentions] == [
        (t, label, kb, can, meth) for t, label, kb, _, can, meth in got
    ]


def test_a_mention_inside_a_token_takes_the_whole_token():
    nlp = spacy.blank("da")
    nlp.add_pipe("navne")
    # `DR's` and `FN-styrker` are one token each in spaCy's Danish tokenizer or not: either
    # way the entity covers whole tokens and the mention.
    text = "FN-styrker og Aarhus-borgere så DR's udsendelse."
    doc = nlp(text)
    mentions = nlp.get_pipe("navne").tagger.tag(text)
    assert len(doc.ents) == len(mentions)
    for ent, m in zip(doc.ents, mentions):
        assert ent.start_char <= m.start and m.end <= ent.end_char
        assert ent.label_ == m.label


def test_a_name_no_gazetteer_lists_has_no_id():
    nlp = spacy.blank("da")
    nlp.add_pipe("navne")
    doc = nlp("Direktør Abelone Quistgaard sagde det.")
    [(text, label, kb_id, id_, canonical, method)] = ents(doc)
    assert (text, label, kb_id, id_, method) == ("Abelone Quistgaard", "PER", "", "", "pattern")
    assert canonical == "Abelone Quistgaard"


def test_nlp_pipe_keeps_order_and_matches_one_by_one():
    nlp = spacy.blank("da")
    nlp.add_pipe("navne", config={"batch_size": 3})
    texts = [SENTENCE, "", "Ida bor i Odense.", "Lars Løkke Rasmussen og Venstre."] * 5
    one_by_one = [ents(nlp(t)) for t in texts]
    assert [ents(d) for d in nlp.pipe(texts, batch_size=4)] == one_by_one
    assert one_by_one[1] == []


def ruled_pipeline(overwrite):
    """A pipeline that sets entities before navne: an entity ruler that calls `Aarhus` an
    ORG and `besøgte FN` a MISC (overlapping navne's `FN-soldater`), then navne."""
    nlp = spacy.blank("da")
    ruler = nlp.add_pipe("entity_ruler")
    assert isinstance(ruler, EntityRuler)
    ruler.add_patterns(
        [
            {"label": "ORG", "pattern": "Aarhus"},
            {"label": "MISC", "pattern": [{"LOWER": "besøgte"}]},
        ]
    )
    nlp.add_pipe("navne", config={"overwrite_ents": overwrite})
    return nlp


def test_existing_entities_are_kept():
    doc = ruled_pipeline(False)(SENTENCE)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Mette Frederiksen", "PER"),
        ("besøgte", "MISC"),
        ("FN-soldater", "ORG"),
        ("Aarhus", "ORG"),  # the ruler's label, not navne's LOC
    ]
    assert doc.ents[3]._.method is None  # not navne's


def test_existing_entities_are_overwritten_when_configured():
    doc = ruled_pipeline(True)(SENTENCE)
    assert [(e.text, e.label_, e._.method) for e in doc.ents] == [
        ("Mette Frederiksen", "PER", "gazetteer"),
        ("besøgte", "MISC", None),  # overlaps nothing of navne's: kept
        ("FN-soldater", "ORG", "gazetteer"),
        ("Aarhus", "LOC", "gazetteer"),
    ]


def trained_ner():
    """A blank Danish pipeline with a `ner` trained for a few steps on two sentences, so
    that it tags `Aarhus` as GPE: a trained component that sets entities before navne."""
    random.seed(0)
    spacy.util.fix_random_seed(0)
    nlp = spacy.blank("da")
    ner = nlp.add_pipe("ner")
    data = [
        ("Han bor i Aarhus nu.", [(10, 16, "GPE")]),
        ("Vi kom til Aarhus i går.", [(11, 17, "GPE")]),
    ]
    examples = [Example.from_dict(nlp.make_doc(t), {"entities": e}) for t, e in data]
    ner.add_label("GPE")
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(40):
        nlp.update(examples, sgd=optimizer, drop=0.0)
    doc = nlp("Han bor i Aarhus nu.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Aarhus", "GPE")], "the ner learned"
    return nlp


@pytest.mark.parametrize("overwrite", [False, True])
def test_after_a_trained_ner(overwrite):
    nlp = trained_ner()
    nlp.add_pipe("navne", config={"overwrite_ents": overwrite})
    assert nlp.pipe_names == ["ner", "navne"]
    doc = nlp("Han bor i Aarhus nu.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Aarhus", "LOC" if overwrite else "GPE")]


def test_candidates_go_to_doc_spans():
    nlp = spacy.blank("da")
    nlp.add_pipe("navne", config={"spans_key": "navne"})
    text = "Komponisten Bent Fabricius-Bjerre spillede i Aarhus."
    doc = nlp(text)
    spans = list(doc.spans["navne"])
    candidates = nlp.get_pipe("navne").tagger.candidates(text)
    assert len(spans) == len(candidates) > len(doc.ents)
    # Overlapping spans are kept; every entity is among them.
    assert any(a.end > b.start for a, b in zip(spans, spans[1:]))
    keyed = {(s.start_char, s.end_char, s.label_) for s in spans}
    for e in doc.ents:
        assert (e.start_char, e.end_char, e.label_) in keyed
    assert all(s.kb_id_ == s.id_ for s in spans)
    assert any(s.kb_id_ for s in spans)
