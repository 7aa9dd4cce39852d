"""Training material: gold articles parsed once, the rules run over them, aligned with gold.

Parses are cached as spaCy DocBin files (``~/.cache/guillemet`` or ``$GUILLEMET_CACHE``),
keyed by the model and the texts' hashes, so a retraining reparses nothing.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from spacy.tokens import Doc, DocBin

from guillemet import nlp as nlp_mod
from guillemet.evaluate import _jaccard, _trim
from guillemet.lang import get_language
from guillemet.lang.base import Language
from guillemet.record import Article


@dataclass(slots=True)
class GoldArticle:
    """One gold article: its cleaned record, its parse and its gold quotes."""

    gold: dict[str, Any]
    article: Article
    doc: Doc
    lang: Language


def cache_dir() -> Path:
    path = Path(os.environ.get("GUILLEMET_CACHE", Path.home() / ".cache" / "guillemet"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def parsed(docs: list[dict[str, Any]], model: str | None = None) -> Iterator[GoldArticle]:
    """Gold documents as ``guillemet eval`` reads them, parsed (cached)."""
    if not docs:
        return
    lang = get_language(docs[0].get("lang") or "fr")
    model = model or lang.model
    articles = [Article(text=d["text"], id=d["id"], published=d.get("published"), lang=d.get("lang") or "fr")
                for d in docs]
    nlp = nlp_mod.load(model)
    # a component added before the parser, or guillemet's tokenizer, changes the parse
    pipeline = "+".join(nlp.pipe_names) + getattr(nlp.tokenizer, "version", "")
    key = hashlib.sha256((model + pipeline + "".join(a.id + a.text for a in articles)).encode("utf-8")).hexdigest()[:16]
    path = cache_dir() / f"parse-{model}-{key}.spacy"
    if path.exists():
        parses = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    else:
        parses = list(nlp.pipe((nlp_mod.analysis_text(a) for a in articles), batch_size=16))
        DocBin(store_user_data=False, docs=parses).to_disk(path)
    for d, a, doc in zip(docs, articles, parses):
        yield GoldArticle(d, a, doc, lang)


def align(text: str, spans: list[tuple[int, int]], golds: list[dict[str, Any]]) -> list[dict[str, Any] | None]:
    """The gold quote each predicted span matches, as the reference scorer pairs them
    (Jaccard ≥ 0.5, one-to-one, greedy by overlap, required gold first); None if none."""
    gspans = [_trim(text, *g["content"]) for g in golds]
    pspans = [_trim(text, *s) for s in spans]
    gmatch: dict[int, int] = {}
    pmatch: dict[int, int] = {}
    for optional in (False, True):
        pairs = sorted(((_jaccard(g, p), gi, pi) for gi, g in enumerate(gspans)
                        if bool(golds[gi].get("optional")) == optional
                        for pi, p in enumerate(pspans)), reverse=True)
        for j, gi, pi in pairs:
            if j < 0.5:
                break
            if gi in gmatch or pi in pmatch:
                continue
            gmatch[gi], pmatch[pi] = pi, gi
    return [golds[pmatch[i]] if i in pmatch else None for i in range(len(spans))]
