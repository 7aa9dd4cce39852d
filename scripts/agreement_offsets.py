#!/usr/bin/env python3
"""Rewrite the second annotation's speaker names as offsets into the article texts.

    python scripts/agreement_offsets.py guillemet/gold/fr-agreement.jsonl

The repository keeps no press text: a name the annotator wrote is stored as the span where it
stands in the text (case, spacing and apostrophes aside), or else word by word — each word as
its span in the text, a word of the annotator's own ("M.", "(Sarthe)") as written.
``guillemet.gold`` reads the names back from the texts in ../shared. Run once on a file that
still holds names as strings; spans already there are kept.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from guillemet import gold  # noqa: E402


def _pattern(words: list[str]) -> re.Pattern[str]:
    parts = [re.sub(r"['’]", "['’]", re.escape(w).replace("\\-", "[-\u00ad]?-?")) for w in words]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


def encode(name: str, text: str) -> list:
    """A name as parts: ``[start, end]`` spans of the text, or words of the annotator's own."""
    if isinstance(name, list):
        return name
    words = name.split()
    m = _pattern(words).search(text)
    if m:
        return [[m.start(), m.end()]]
    parts: list = []
    for w in words:
        core = w.strip("(),.;:")
        m = _pattern([core]).search(text) if len(core) > 1 else None
        parts.append([m.start(), m.end()] if m and core == w else w)
    return parts


def main(path: str) -> None:
    texts = {d["id"]: d["text"] for d in gold.load_split("dev")}
    out = []
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        doc = json.loads(line)
        text = texts[doc["id"]]
        for q in doc["quotes"]:
            speaker = q.get("speaker")
            if isinstance(speaker, str):
                q["speaker"] = [encode(n.strip(), text) for n in speaker.split(";") if n.strip()]
            q["speaker_aliases"] = [encode(a, text) for a in q.get("speaker_aliases", [])]
        out.append(json.dumps(doc, ensure_ascii=False))
    Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
