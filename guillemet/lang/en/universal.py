"""An English parse in ClearNLP labels, rewritten in Universal Dependencies, in place.

The English spaCy pipelines label with ClearNLP's scheme; the steps read Universal
Dependencies (what the French models give). :func:`to_universal` rewrites one parse before
any step reads it, so that no step knows which scheme a language's model speaks:

    prep + pobj        the object takes the preposition's head (``obl`` under a verb or
                       adjective, ``nmod`` under a noun); the preposition becomes its ``case``
    agent + pobj       "by X" of a passive: X is ``obl:agent``, "by" its ``case``
    prep + pcomp       "about leaving": the clause takes the head (``advcl`` / ``acl``), the
                       preposition its ``mark``
    prep + prep + pobj "according to X", "because of X": X takes the head, the first word is
                       its ``case``, the second ``fixed`` on it
    PROPN compounds    "John Smith": the first word heads the name, the others ``flat:name``
                       (titles such as "Sen." stay ``compound`` on it)
    "to" + infinitive  ``mark``
    the rest           relabelled (nsubjpass → nsubj:pass, dobj → obj, relcl → acl:relcl, …)

Heads are rewritten together through ``Doc.from_array``, which rebuilds children and
edges in C; sentence boundaries do not move (every change stays inside a sentence).
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import DEP, HEAD, POS
from spacy.tokens import Doc

#: ClearNLP labels that only change their name.
RELABEL = {
    "nsubjpass": "nsubj:pass", "csubjpass": "csubj:pass", "dobj": "obj", "auxpass": "aux:pass",
    "neg": "advmod", "poss": "nmod:poss", "relcl": "acl:relcl", "prt": "compound:prt",
    "npadvmod": "obl:npmod", "predet": "det:predet", "preconj": "cc:preconj", "quantmod": "advmod",
    "intj": "discourse", "oprd": "xcomp", "dative": "iobj", "attr": "xcomp", "acomp": "xcomp",
    "meta": "dep", "nmod": "nmod",
}
_VERBAL = frozenset({"VERB", "AUX", "ADJ", "ADV"})
_DONE = "guillemet.universal"


def to_universal(doc: Doc, titles: frozenset[str] = frozenset()) -> None:
    """Rewrite ``doc``'s ClearNLP dependencies as Universal Dependencies, in place.

    Args:
        doc: A parse by an English spaCy pipeline (ClearNLP labels). A Doc already rewritten
            is left alone.
        titles: Lower-cased honorifics ("mr.", "sen.") that stay outside a name's flat run.
    """
    if doc.user_data.get(_DONE) or not len(doc) or not doc.has_annotation("DEP"):
        return
    doc.user_data[_DONE] = True
    n = len(doc)
    # the parse as arrays, labels read once each: a spaCy Token per word costs more
    arr = doc.to_array([HEAD, DEP, POS])
    heads = (arr[:, 0].astype("int64") + np.arange(n)).tolist()
    deps, pos = _labels(doc, arr[:, 1]), _labels(doc, arr[:, 2])
    children: list[list[int]] = [[] for _ in range(n)]
    for i, h in enumerate(heads):
        if h != i:
            children[h].append(i)

    def attach(i: int, head: int, dep: str) -> None:
        heads[i], deps[i] = head, dep

    def oblique(head: int) -> str:
        return "obl" if pos[head] in _VERBAL else "nmod"

    for i in range(n):
        dep = deps[i]
        if dep not in ("prep", "agent", "dative"):
            continue
        kids = children[i]
        obj = next((k for k in kids if deps[k] == "pobj"), None)
        head = heads[i]
        if obj is not None:
            attach(obj, head, "obl:agent" if dep == "agent" else oblique(head))
            attach(i, obj, "case")
            continue
        comp = next((k for k in kids if deps[k] == "pcomp"), None)
        if comp is not None and pos[comp] in ("VERB", "AUX"):
            attach(comp, head, "advcl" if pos[head] in _VERBAL else "acl")
            attach(i, comp, "mark")
            continue
        inner = next((k for k in kids if k == i + 1 and deps[k] == "prep"), None)
        inner_obj = next((k for k in children[inner] if deps[k] == "pobj"), None) if inner is not None else None
        if inner_obj is not None:  # "according to X": X takes the head, "to" is fixed on "according"
            attach(inner_obj, head, oblique(head))
            attach(i, inner_obj, "case")
            attach(inner, i, "fixed")
            deps[inner] = "fixed"
            continue
        if comp is not None:
            attach(comp, head, oblique(head))
            attach(i, comp, "case")
            continue
        deps[i] = "iobj" if dep == "dative" else "advmod"  # a stranded preposition
    for i in range(n):
        if deps[i] == "aux" and doc[i].tag_ == "TO":
            deps[i] = "mark"
        elif deps[i] in ("pobj", "pcomp"):
            deps[i] = "obj"  # an object whose preposition was already rewritten
        else:
            deps[i] = RELABEL.get(deps[i], deps[i])
    _flat_names(doc, heads, deps, pos, titles)
    strings = doc.vocab.strings
    arr = np.empty((n, 2), dtype="uint64")
    arr[:, 0] = np.array([h - i for i, h in enumerate(heads)], dtype="int64").astype("uint64")
    arr[:, 1] = [strings.add(d) for d in deps]
    doc.from_array([HEAD, DEP], arr)


def _labels(doc: Doc, column: np.ndarray) -> list[str]:
    """The strings of a column of label hashes."""
    kinds, which = np.unique(column, return_inverse=True)
    names = [doc.vocab.strings[int(k)] for k in kinds]
    return [names[k] for k in which.reshape(-1).tolist()]


def _flat_names(doc: Doc, heads: list[int], deps: list[str], pos: list[str], titles: frozenset[str]) -> None:
    """"Senator John Smith": the run of proper nouns compounding on the last one is headed by
    its first name word; the others hang from it as ``flat:name``, and so do the last one's
    dependents."""
    n = len(doc)
    children: list[list[int]] = [[] for _ in range(n)]
    for k, h in enumerate(heads):
        if h != k:
            children[h].append(k)
    i = 0
    while i < n:
        if pos[i] != "PROPN" or deps[i] != "compound" or doc[i].lower_ in titles:
            i += 1
            continue
        last = heads[i]
        if last <= i or pos[last] != "PROPN" or any(
                pos[k] != "PROPN" or (k < last and (heads[k] != last or deps[k] != "compound")) for k in range(i, last + 1)):
            i += 1
            continue
        first = i
        for k in children[last]:
            if not first <= k <= last:
                heads[k] = first
        heads[first], deps[first] = (heads[last], deps[last]) if heads[last] != last else (first, deps[last])
        for k in range(first + 1, last + 1):
            heads[k], deps[k] = first, "flat:name"
        i = last + 1
