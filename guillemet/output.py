"""How extracted articles are written out: JSONL lines (the scorer's format) and a table."""

from __future__ import annotations

import orjson

from guillemet.record import Article, to_dict


def article_json(article: Article) -> dict:
    """One output line: the article's id, metadata and its quotes and speakers."""
    out = {"id": article.id, "status": article.status}
    for key in ("url", "outlet", "published", "lang", "title"):
        value = getattr(article, key)
        if value is not None:
            out[key] = value
    if article.meta.get("error"):
        out["error"] = article.meta["error"]
    out["quotes"] = to_dict(article.quotes)
    out["speakers"] = to_dict(article.speakers)
    return out


def jsonl_line(article: Article) -> bytes:
    return orjson.dumps(article_json(article)) + b"\n"


def table(article: Article, width: int = 100) -> str:
    """A readable block for a terminal: one line per quote."""
    head = f"── {article.id}" + (f"  ({article.published})" if article.published else "")
    lines = [head]
    if not article.quotes:
        lines.append("   (no quotes)")
    for q in article.quotes:
        content = q.content_text.replace("\n", " ")
        if len(content) > width - 40:
            content = content[: width - 43] + "…"
        speaker = q.speaker or f"? ({q.speaker_mention_text or 'no mention'})"
        lines.append(f"   {q.kind:12s} {speaker[:28]:28s} « {content} »")
    return "\n".join(lines)
