"""The gold splits: rebuilt from ../shared, hashes checked, every span inside its text."""

from __future__ import annotations

import collections
import json
from pathlib import Path

import pytest

from guillemet import gold
from guillemet.errors import GoldDataChanged, GoldDataMissing
from shared_data import shared_path

#: Spans of the shared gold that end inside a word because the source text glues two words
#: ("…#liveh ttps"): (split, article id, field, start). PolNeAR's conversion shifts some of its
#: spans by a character or two: at most this many per English split.
GLUED_SOURCE = {
    ("train", "gj-b94b2fee2ea3", "content", 998),
    ("train", "gj-b94b2fee2ea3", "content", 1155),
}
ENGLISH_SHIFTED_AT_MOST = {"en-dev": 11, "en-train": 84}


def _cuts_word(text: str, i: int) -> bool:
    """Whether offset i falls inside a word (a capitalised word glued on is a boundary)."""
    if i <= 0 or i >= len(text):
        return False
    left, right = text[i - 1], text[i]
    if not (left.isalnum() and right.isalnum()):
        return False
    glued_capital = right.isupper() and (i + 1 >= len(text) or not text[i + 1].isalpha() or text[i + 1].islower())
    return not (left.islower() and right.isupper()) and not glued_capital


@pytest.mark.shared
@pytest.mark.parametrize("split", ["train", "dev", "test", "fr-dev", "seed", "agreement", "en-dev", "en-train"])
def test_every_split_rebuilds_with_spans_inside_the_text(split):
    shared_path("eval/score.py")  # skip, or fail under CI, without ../shared
    docs = gold.load_split(split)
    assert [d["id"] for d in docs] == gold.split_ids(split)
    assert len({d["id"] for d in docs}) == len(docs)
    off_word = 0
    for doc in docs:
        text = doc["text"]
        assert gold.text_hash(text) == next(e.sha256 for e in gold._split(split) if e.id == doc["id"])
        for q in doc["quotes"]:
            assert q["kind"] in ("direct", "indirect", "mixed", "according_to")
            assert q["speaker"] or q.get("optional")  # PolNeAR leaves optional sources empty
            for key in ("content", "cue", "speaker_mention"):
                if not q.get(key):
                    continue
                start, end = q[key]
                assert 0 <= start < end <= len(text), (doc["id"], key, start, end)
                if _cuts_word(text, start) or _cuts_word(text, end):
                    if split.startswith("en-"):
                        off_word += 1
                    else:
                        assert (split, doc["id"], key, start) in GLUED_SOURCE, (doc["id"], key, text[start:end])
    assert off_word <= ENGLISH_SHIFTED_AT_MOST.get(split, 0)


@pytest.mark.shared
def test_split_sizes_and_no_article_in_two_splits():
    shared_path("eval/score.py")
    sizes = {name: len(gold.split_ids(name)) for name in ("train", "dev", "test", "fr-dev")}
    assert sizes == {"train": 269, "dev": 30, "test": 30, "fr-dev": 30}
    seen = collections.Counter(i for name in ("train", "dev", "test", "fr-dev", "seed") for i in gold.split_ids(name))
    assert max(seen.values()) == 1
    outlets = {json.dumps(sorted({d["outlet"] for d in gold.load_split(n)})) for n in ("train",)}
    assert len(json.loads(outlets.pop())) == 14


def test_a_changed_text_is_caught(tmp_path, monkeypatch):
    entry = gold._split("dev")[0]
    path = tmp_path / entry.source
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"id": entry.id, "text": "un autre texte", "quotes": []}) + "\n", encoding="utf-8")
    gold._source.cache_clear()
    with pytest.raises(GoldDataChanged, match="changed since the split was made"):
        gold.load_split("dev", shared=tmp_path)


def test_missing_shared_says_where_it_is_looked_for(tmp_path):
    with pytest.raises(GoldDataMissing, match="GUILLEMET_SHARED"):
        gold.load_split("dev", shared=tmp_path)


def test_unknown_split_names_the_known_ones():
    with pytest.raises(GoldDataMissing, match="known splits are .*train"):
        gold.load_split("tset")


def test_the_second_annotation_keeps_no_press_text():
    """fr-agreement.jsonl holds offsets: names are spans of the texts in ../shared, with at
    most single words of the annotator's own between them."""
    path = Path(gold.__file__).with_name("fr-agreement.jsonl")
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        for q in doc["quotes"]:
            assert not any(k.endswith("_text") for k in q)
            for parts in q["speaker"] + q["speaker_aliases"]:
                for part in parts:
                    assert isinstance(part, list) or " " not in part, (doc["id"], part)
