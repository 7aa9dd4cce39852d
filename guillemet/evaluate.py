"""Score extracted quotes against a gold set, with the rules of the reference scorer.

The rules (GUIDELINES.md, ../shared/eval/score.py): a predicted quote matches a gold quote
when their spans, trimmed of spaces, quotation marks and edge punctuation, overlap with
Jaccard ≥ 0.5 (one-to-one, greedy by overlap, required gold first); optional gold quotes are
neither missed nor counted; a speaker is right when its content words are a subset or
superset of the gold speaker's, or contain all content words of one of its aliases — or,
scoring by mention (for gold whose sources are unresolved mentions, PolNeAR), when the
predicted ``speaker_mention`` span overlaps the gold one.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterable

QUOTE_CHARS = "«»“”„‟\"'‘’‹›「」『』— \t\r\n"
EDGE_PUNCT = ".,;:!?…" + QUOTE_CHARS
STOP = frozenset("""le la les l un une des du de d il elle ils elles on lui eux celui celle ceux
    celles ci lequel laquelle qui nous je the a an he she they it we i you his her their der die
    das er sie es ein eine of and et und m mr mrs ms mme herr frau""".split())


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in EDGE_PUNCT:
        end -= 1
    return start, end


def _strip_que(text: str, start: int, end: int) -> tuple[int, int]:
    m = re.match(r"(que|qu’|qu'|that|dass)\s*", text[start:end], re.I)
    return (start + m.end(), end) if m else (start, end)


def _jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = (a[1] - a[0]) + (b[1] - b[0]) - inter
    return inter / union if union > 0 else 0.0


def content_words(name: str | None) -> set[str]:
    """Lower-cased, accent-free words of a name, determiners and pronouns removed."""
    name = unicodedata.normalize("NFKD", name or "")
    name = "".join(c for c in name if not unicodedata.combining(c)).lower()
    name = re.sub(r"[’'`´-]", " ", name)
    return {w for w in re.findall(r"\w+", name) if w not in STOP}


def speaker_matches(pred: str | None, gold: dict[str, Any]) -> bool:
    """Whether a predicted speaker name names the gold quote's source."""
    p = content_words(pred)
    if not p:
        return False
    for part in gold["speaker"].split(";"):
        g = content_words(part)
        if g and (p <= g or g <= p):
            return True
    return any((a := content_words(alias)) and a <= p for alias in gold.get("speaker_aliases", []))


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


#: How a speaker may be judged: by the name it resolves to, or by the mention it was read from.
SPEAKER_BY = ("name", "mention")


def mention_matches(pred: list[int] | tuple[int, int] | None, gold: dict[str, Any]) -> bool:
    """Whether a predicted speaker mention span overlaps the gold quote's."""
    g = gold.get("speaker_mention")
    return bool(pred and g) and min(pred[1], g[1]) > max(pred[0], g[0])


def score(gold_docs: Iterable[dict], pred_docs: dict[str, dict], speaker_by: str = "name") -> dict[str, Any]:
    """Score predictions against gold documents.

    Args:
        gold_docs: Gold documents ({"id", "text", "quotes"}).
        pred_docs: Predictions by document id ({"quotes": [{"content", "speaker",
            "speaker_mention"}]}).
        speaker_by: "name" (the resolved speaker names the gold source) or "mention" (the
            predicted mention span overlaps the gold one: gold whose sources are mentions).

    Returns:
        quote / exact / attribution P, R, F1, speaker accuracy, and per-kind counts.

    Raises:
        ValueError: ``speaker_by`` is neither "name" nor "mention".
    """
    if speaker_by not in SPEAKER_BY:
        raise ValueError(f"speaker_by must be one of {', '.join(SPEAKER_BY)}, not {speaker_by!r}")
    gold_docs = list(gold_docs)
    n_gold = n_pred = tp = tp_exact = tp_attr = 0
    by_kind: dict[str, dict[str, int]] = {}
    for doc in gold_docs:
        text, golds = doc["text"], doc["quotes"]
        preds = pred_docs.get(doc["id"], {}).get("quotes", [])
        gspans = [_trim(text, *g["content"]) for g in golds]
        pspans = [_trim(text, int(p["content"][0]), int(p["content"][1])) for p in preds]
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
        ignored = {pi for pi, gi in pmatch.items() if golds[gi].get("optional")}
        n_pred += len(preds) - len(ignored)
        for gi, g in enumerate(golds):
            if g.get("optional"):
                continue
            n_gold += 1
            k = by_kind.setdefault(g["kind"], {"gold": 0, "found": 0, "attributed": 0})
            k["gold"] += 1
            if gi not in gmatch:
                continue
            pi = gmatch[gi]
            tp += 1
            k["found"] += 1
            gs = _strip_que(text, *gspans[gi])
            ps = _strip_que(text, *pspans[pi])
            tp_exact += _trim(text, *gs) == _trim(text, *ps)
            if (mention_matches(preds[pi].get("speaker_mention"), g) if speaker_by == "mention"
                    else speaker_matches(preds[pi].get("speaker"), g)):
                tp_attr += 1
                k["attributed"] += 1
    return {
        "documents": len(gold_docs), "gold_quotes": n_gold, "predicted_quotes": n_pred,
        "quote": _prf(tp, n_pred, n_gold),
        "exact": _prf(tp_exact, n_pred, n_gold),
        "speaker_accuracy": round(tp_attr / tp, 4) if tp else 0.0,
        "attribution": _prf(tp_attr, n_pred, n_gold),
        "by_kind": by_kind,
        "speaker_by": speaker_by,
    }


def format_report(res: dict[str, Any]) -> str:
    """The scorer's plain-text report."""
    lines = [f"documents {res['documents']}  gold quotes {res['gold_quotes']}  predicted {res['predicted_quotes']}"]
    for key in ("quote", "exact", "attribution"):
        m = res[key]
        lines.append(f"{key:12s} P {m['p']:.3f}  R {m['r']:.3f}  F1 {m['f1']:.3f}")
    by = " (speakers by mention)" if res.get("speaker_by") == "mention" else ""
    lines.append(f"speaker accuracy on found quotes {res['speaker_accuracy']:.3f}{by}")
    for kind, k in sorted(res["by_kind"].items()):
        lines.append(f"  {kind:13s} gold {k['gold']:4d}  found {k['found']:4d}  attributed {k['attributed']:4d}")
    return "\n".join(lines)
