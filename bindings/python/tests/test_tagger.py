"""navne.Tagger: tag, pipe, the fields of mentions, errors."""


import pytest

import navne
from conftest import corpus_documents


def fields(m):
    return (m.start, m.end, m.text, m.label, m.entity_id, m.canonical, m.method)


def tagged(tagger, text, body):
    """The mentions of `text[body:]` with offsets into `text`, as `navne tag` gives them."""
    return [
        (m.start + body, m.end + body, m.text, m.label, m.entity_id, m.canonical, m.method)
        for m in tagger.tag(text[body:])
    ]


def test_a_danish_sentence(tagger):
    text = "Mette Frederiksen besøgte FN-soldater i Aarhus."
    got = [(m.text, m.label, m.method) for m in tagger.tag(text)]
    assert got == [
        ("Mette Frederiksen", "PER", "gazetteer"),
        ("FN-soldater", "ORG", "gazetteer"),
        ("Aarhus", "LOC", "gazetteer"),
    ]
    fn = tagger.tag(text)[1]
    assert fn.canonical == "De Forenede Nationer"
    assert fn.entity_id and ":" in fn.entity_id
    assert fn.to_dict() == {
        "start": fn.start,
        "end": fn.end,
        "text": "FN-soldater",
        "label": "ORG",
        "entity_id": fn.entity_id,
        "canonical": "De Forenede Nationer",
        "method": "gazetteer",
    }


def test_offsets_are_python_string_indices(tagger):
    # Code points, not bytes or UTF-16 units: the emoji and æøå come before the names.
    text = "🎉🎉 Søren Kierkegaard og 𝔸 Ærø i Århus"
    mentions = tagger.tag(text)
    assert [m.text for m in mentions] == ["Søren Kierkegaard", "Ærø", "Århus"]
    for m in mentions:
        assert text[m.start : m.end] == m.text


def test_every_mention_of_the_sample_corpus_is_its_slice(tagger):
    count = 0
    for _, text, _ in corpus_documents():
        for m in tagger.tag(text):
            assert text[m.start : m.end] == m.text, (m, text[m.start : m.end])
            count += 1
    assert count > 100


def test_the_same_mentions_as_navne_tag(tagger, cli_mentions):
    docs = corpus_documents()
    assert {d for d, _, _ in docs} == set(cli_mentions)
    for doc_id, text, body in docs:
        want = [
            (
                r["start"],
                r["end"],
                r["mention"],
                r["label"],
                r["entity_id"] or None,
                r["canonical"],
                r["method"],
            )
            for r in cli_mentions[doc_id]
        ]
        assert tagged(tagger, text, body) == want, doc_id


def test_pipe_keeps_input_order(tagger):
    docs = [text for _, text, _ in corpus_documents()]
    # Many texts in small batches, long and short mixed, each a different length.
    texts = [docs[k % len(docs)][: 40 + 37 * k] for k in range(300)]
    want = [[fields(m) for m in tagger.tag(t)] for t in texts]
    for batch_size in (1, 7, 1000):
        got = [[fields(m) for m in ms] for ms in tagger.pipe(iter(texts), batch_size=batch_size)]
        assert got == want, batch_size
    # A generator is read lazily, and an empty iterable gives nothing.
    assert list(tagger.pipe(t for t in ["Aarhus", "", "Odense"])) is not None
    assert [len(ms) for ms in tagger.pipe(["Aarhus", "", "Odense"])] == [1, 0, 1]
    assert list(tagger.pipe([])) == []


@pytest.mark.parametrize("bad", [None, 3, b"Aarhus", ["Aarhus"]])
def test_tag_refuses_what_is_not_a_str(tagger, bad):
    with pytest.raises(TypeError, match="text must be str, not"):
        tagger.tag(bad)


def test_pipe_refuses_what_is_not_a_str(tagger):
    with pytest.raises(TypeError, match=r"texts item 1 must be str, not NoneType"):
        list(tagger.pipe(["Aarhus", None]))
    with pytest.raises(TypeError, match="not a str"):
        tagger.pipe("Aarhus")
    with pytest.raises(TypeError):
        tagger.pipe(None)
    with pytest.raises(ValueError, match="batch_size"):
        tagger.pipe(["Aarhus"], batch_size=0)


def test_text_that_is_not_unicode_is_a_value_error(tagger):
    with pytest.raises(ValueError, match="not valid Unicode"):
        tagger.tag("Aarhus \ud800")


def test_navne_errors_carry_navnes_message(tmp_path):
    missing = tmp_path / "no-such-dir"
    with pytest.raises(navne.NavneError, match="no-such-dir"):
        navne.Tagger(gazetteers=missing)
    with pytest.raises(ValueError, match="unknown rule layer \"nope\""):
        navne.Tagger(without=["nope"])


def test_layers_can_be_switched_off():
    bare = navne.Tagger(without=["all"])
    assert bare.layers == []
    assert "aliases" not in navne.Tagger(without=["aliases"]).layers
    # A name no gazetteer lists is found by a pattern layer only.
    text = "Direktør Abelone Quistgaard sagde"
    assert [m.method for m in navne.Tagger().tag(text)] == ["pattern"]
    assert bare.tag(text) == []


def test_a_gazetteer_directory_of_ones_own(tmp_path):
    (tmp_path / "people.tsv").write_text("id\tname\taliases\nx:1\tAbelone Quist\t\n")
    t = navne.Tagger(gazetteers=str(tmp_path), without=["all"])
    [m] = t.tag("Hej Abelone Quist.")
    assert (m.text, m.label, m.entity_id, m.canonical) == ("Abelone Quist", "PER", "x:1", "Abelone Quist")


def test_candidates_hold_every_mention_and_overlaps(tagger):
    for _, text, _ in corpus_documents():
        mentions = tagger.tag(text)
        candidates = tagger.candidates(text)
        spans = {(c.start, c.end, c.label) for c in candidates}
        for m in mentions:
            assert (m.start, m.end, m.label) in spans
        assert [(c.start, -c.end) for c in candidates] == sorted((c.start, -c.end) for c in candidates)
        for c in candidates:
            assert text[c.start : c.end] == c.text
    # `Bent Fabricius-Bjerre` is one mention; its parts were candidates too.
    text = "Komponisten Bent Fabricius-Bjerre spillede."
    assert [m.text for m in tagger.tag(text)] == ["Bent Fabricius-Bjerre"]
    assert len(tagger.candidates(text)) > 1


def test_mentions_compare_and_print(tagger):
    a = tagger.tag("Aarhus")
    b = tagger.tag("Aarhus")
    assert a == b and hash(a[0]) == hash(b[0])
    assert repr(a[0]).startswith("Mention(start=0, end=6, text=\"Aarhus\", label=\"LOC\"")
    assert "Tagger(" in repr(tagger)
    assert navne.__version__
