"""Gold sets by split, read from ``../shared`` and checked against the hashes we keep.

The repository keeps ids, splits, hashes, offsets and names, never press text: the texts and
their first annotation stay in ``../shared/eval`` (and ``../shared/seed``), read at run time.
``guillemet/gold/<lang>-corpus.tsv`` says which article is in which split and what the SHA-256
of its text must be, so a changed corpus is caught instead of silently misaligned.

Splits:

    fr: train (269 articles), dev (30), test (30; scored for reports only — nobody reads
        its errors), fr-dev (the original 30), seed (1), and ``agreement``: the dev split
        annotated a second time, independently (``fr-agreement.jsonl``: offsets only; names
        as spans of the text and the annotator's own words).
    en: en-train (PolNeAR train, 840), en-dev (PolNeAR dev, 84).

Example:
    >>> docs = load_split("dev")          # doctest: +SKIP
    >>> docs[0]["quotes"][0]["speaker"]   # doctest: +SKIP
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from guillemet.errors import GoldDataChanged, GoldDataMissing

_HERE = Path(__file__).resolve().parent
#: The tables of splits, and how their gold names speakers: resolved names (judged by name)
#: or the mentions at the cue (PolNeAR's sources: judged by mention, guillemet.evaluate).
_TABLES = {"fr-corpus.tsv": "name", "en-corpus.tsv": "mention"}
#: Second annotations, stored as offsets and names over the split they re-annotate.
_SECOND = {"agreement": ("fr-agreement.jsonl", "dev")}


@dataclass(frozen=True, slots=True)
class Entry:
    """One article of a split: where its gold lives and the hash its text must have."""

    id: str
    split: str
    source: str
    sha256: str
    speakers_by: str = "name"  # "mention" where the gold sources are mentions (guillemet.evaluate)


def shared_dir() -> Path:
    """Where ``../shared`` is: ``$GUILLEMET_SHARED``, else beside the repository or the cwd."""
    env = os.environ.get("GUILLEMET_SHARED")
    if env:
        return Path(env).resolve()
    for base in (_HERE.parents[1], Path.cwd()):
        candidate = (base / ".." / "shared").resolve()
        if candidate.is_dir():
            return candidate
    return (_HERE.parents[1] / ".." / "shared").resolve()


@lru_cache(maxsize=None)
def _entries() -> dict[str, list[Entry]]:
    splits: dict[str, list[Entry]] = {}
    for table, by in _TABLES.items():
        path = _HERE / table
        if not path.exists():
            continue
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                splits.setdefault(row["split"], []).append(
                    Entry(row["id"], row["split"], row["source"], row["sha256"], by))
    for name, (_, base) in _SECOND.items():
        if (_HERE / _SECOND[name][0]).exists():
            splits[name] = [Entry(e.id, name, e.source, e.sha256, e.speakers_by) for e in splits.get(base, [])]
    return splits


def speakers_by(name: str) -> str:
    """How a split's speakers are judged: "name", or "mention" where its gold sources are
    mentions, not resolved names (the en- splits, from PolNeAR).

    Raises:
        GoldDataMissing: No such split.
    """
    return _split(name)[0].speakers_by


def split_names() -> tuple[str, ...]:
    """Every split this checkout knows."""
    return tuple(_entries())


def split_ids(name: str) -> list[str]:
    """The article ids of a split, in the table's order.

    Raises:
        GoldDataMissing: No such split.
    """
    return [e.id for e in _split(name)]


def _split(name: str) -> list[Entry]:
    entries = _entries()
    if name not in entries:
        raise GoldDataMissing(f"No gold split {name!r}: known splits are {', '.join(entries)}.")
    return entries[name]


def _read_source(path: Path) -> dict[str, dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    docs = {}
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                doc = json.loads(line)
                docs[doc["id"]] = doc
    return docs


@lru_cache(maxsize=8)
def _source(path: str) -> dict[str, dict[str, Any]]:
    return _read_source(Path(path))


def text_hash(text: str) -> str:
    """The SHA-256 of a text's UTF-8 bytes, as stored in the split tables."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_split(name: str, shared: str | Path | None = None) -> list[dict[str, Any]]:
    """The gold documents of a split, in the ``../shared/eval`` format.

    Args:
        name: A split name (``train``, ``dev``, ``test``, ``fr-dev``, ``seed``,
            ``agreement``, ``en-dev``, ``en-train``).
        shared: The shared folder; default :func:`shared_dir`.

    Returns:
        ``{"id", "lang", "published", "outlet", "text", "quotes"}`` per article.

    Raises:
        GoldDataMissing: ``../shared`` or a file of it is absent, or the split is unknown.
        GoldDataChanged: An article's text no longer has the hash we keep.
    """
    root = Path(shared).resolve() if shared else shared_dir()
    entries = _split(name)
    docs = []
    for entry in entries:
        path = root / entry.source
        if not path.exists():
            raise GoldDataMissing(
                f"{path} is absent: the gold sets live in ../shared beside the repository "
                "(or set GUILLEMET_SHARED to their folder).")
        doc = _source(str(path)).get(entry.id)
        if doc is None:
            raise GoldDataChanged(f"{entry.id} is no longer in {path}: the corpus changed; "
                                  "rebuild the split table (scripts/make_splits.py) and re-score.")
        if text_hash(doc["text"]) != entry.sha256:
            raise GoldDataChanged(f"the text of {entry.id} in {path} changed since the split was made: "
                                  "its offsets would be misaligned; re-annotate it or restore the corpus.")
        docs.append(doc)
    if name in _SECOND:
        docs = _second_annotation(_HERE / _SECOND[name][0], docs)
    return docs


def _second_annotation(path: Path, docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The texts of ``docs`` with the quotes of a stored second annotation (offsets, names)."""
    stored = {d["id"]: d for d in (json.loads(line) for line in open(path, encoding="utf-8") if line.strip())}
    out = []
    for doc in docs:
        text = doc["text"]
        quotes = []
        for q in stored.get(doc["id"], {}).get("quotes", []):
            q = dict(q)
            q["speaker"] = "; ".join(_name(parts, text) for parts in q.get("speaker") or [])
            q["speaker_aliases"] = [_name(parts, text) for parts in q.get("speaker_aliases", [])]
            for span in ("content", "cue", "speaker_mention"):
                key = "content_text" if span == "content" else f"{span}_text"
                q[key] = text[q[span][0]:q[span][1]] if q.get(span) else None
            quotes.append(q)
        out.append({**{k: v for k, v in doc.items() if k != "quotes"}, "quotes": quotes})
    return out


def _name(parts: list, text: str) -> str:
    """A stored name read back: spans of the text (``[start, end]``) and the annotator's own
    words, joined by spaces (scripts/agreement_offsets.py; the repository keeps no press text)."""
    return " ".join(text[p[0]:p[1]] if isinstance(p, list) else p for p in parts)


__all__ = ["Entry", "load_split", "shared_dir", "speakers_by", "split_ids", "split_names", "text_hash"]
