"""What the pages draw, computed from records: highlight segments, colours, timelines,
matched words, gender bars."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from typing import Callable

from guillemet.record import Article, Quote

#: Highlight colours (light backgrounds that keep black text readable), one per speaker.
PALETTE = ("#ffe08a", "#a8e6cf", "#a0c4ff", "#ffadad", "#d0b3ff", "#ffd6a5", "#b5ead7",
           "#caffbf", "#fdffb6", "#bde0fe", "#f1c0e8", "#cfbaf0")
UNRESOLVED = "#e0e0e0"


def speaker_key(quote: Quote) -> str | None:
    """What groups quotes by speaker on a page: the id, else the name."""
    return quote.speaker_id or quote.speaker


def speaker_colours(quotes: list[Quote]) -> dict[str, str]:
    """A colour per speaker, in order of first quote; unresolved quotes get none."""
    colours: dict[str, str] = {}
    for q in quotes:
        key = speaker_key(q)
        if key and key not in colours:
            colours[key] = PALETTE[len(colours) % len(PALETTE)]
    return colours


@dataclass(slots=True)
class Segment:
    """A stretch of article text and the quotes whose content or cue covers it."""

    text: str
    quote: int | None = None  # index of the innermost quote whose content covers it
    cue: int | None = None  # index of a quote whose cue covers it
    colour: str | None = None


def segments(article: Article) -> list[Segment]:
    """The article text cut at every quote and cue boundary, each piece tagged.

    Overlapping quotes (a quote inside a longer one) are tagged with the one that starts last,
    so every quote stays clickable. Spans outside the text are ignored.
    """
    text = article.text
    n = len(text)
    colours = speaker_colours(article.quotes)
    cuts = {0, n}
    spans: list[tuple[int, int, int, str]] = []
    for i, q in enumerate(article.quotes):
        for kind, span in (("quote", q.content), ("cue", q.cue)):
            if span and 0 <= span[0] < span[1] <= n:
                cuts |= {span[0], span[1]}
                spans.append((span[0], span[1], i, kind))
    points = sorted(cuts)
    out: list[Segment] = []
    for start, end in zip(points, points[1:]):
        covering = [s for s in spans if s[0] <= start and end <= s[1]]
        quote = max((s for s in covering if s[3] == "quote"), key=lambda s: (s[0], -s[1]), default=None)
        cue = next((s for s in covering if s[3] == "cue"), None)
        seg = Segment(text[start:end], quote=quote[2] if quote else None, cue=cue[2] if cue else None)
        owner = seg.quote if seg.quote is not None else seg.cue
        if owner is not None:
            key = speaker_key(article.quotes[owner])
            seg.colour = colours.get(key, UNRESOLVED) if key else UNRESOLVED
        out.append(seg)
    return out


@dataclass(slots=True)
class Timeline:
    """Bars of an inline SVG chart of quotes per week or per month."""

    width: int
    height: int
    bars: list[dict] = field(default_factory=list)
    labels: list[dict] = field(default_factory=list)
    max_count: int = 0


def timeline(weekly: list[tuple[str, int]], width: int = 720, height: int = 140,
             label: Callable[[str], str] = str, link: Callable[[str], str] | None = None) -> Timeline:
    """Bar geometry for (period, count) pairs (a week's Monday, or a month), about eight
    labels (``label`` writes them), each bar a link when ``link`` says where."""
    chart = Timeline(width=width, height=height)
    if not weekly:
        return chart
    top = max(c for _, c in weekly) or 1
    chart.max_count = top
    top_margin, plot_bottom = 18, height - 24
    plot_h = plot_bottom - top_margin
    step = width / len(weekly)
    bar_w = max(min(step - 2, 36), 1)  # thin gaps between weeks; no slab for a short history
    for i, (week, count) in enumerate(weekly):
        h = round(plot_h * count / top, 1)
        chart.bars.append({"x": round(i * step + (step - bar_w) / 2, 1), "y": round(plot_bottom - h, 1),
                           "w": round(bar_w, 1), "h": h, "week": week, "label": label(week), "count": count,
                           "href": link(week) if link else None})
    every = max(1, len(weekly) // 8)
    for i in range(0, len(weekly), every):
        chart.labels.append({"x": min(max(round(i * step + step / 2, 1), 22), width - 22), "text": label(weekly[i][0])})
    return chart


def every_month(counts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """(month "YYYY-MM", count) from the first month to the last, months without quotes as 0."""
    have = {m: c for m, c in counts if len(m) == 7}
    if not have:
        return []
    year, month = int(min(have)[:4]), int(min(have)[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= max(have):
        key = f"{year:04d}-{month:02d}"
        out.append((key, have.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def month_bounds(month: str) -> tuple[str, str]:
    """The first and last day of a month "YYYY-MM", as since/until filters."""
    year, number = int(month[:4]), int(month[5:7])
    return f"{month}-01", f"{month}-{calendar.monthrange(year, number)[1]:02d}"


def marked(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, matched) at the given spans (a search's matched words);
    pages escape each piece and wrap matched ones in ``<mark>``."""
    out: list[tuple[str, bool]] = []
    at = 0
    for start, end in sorted(spans):
        if start < at or end > len(text):
            continue
        if start > at:
            out.append((text[at:start], False))
        out.append((text[start:end], True))
        at = end
    if at < len(text) or not out:
        out.append((text[at:], False))
    return out


def gender_bar(female: int, male: int, unknown: int) -> list[dict]:
    """Segments of a 100 % bar: women, men, unknown, each with its share in percent."""
    total = female + male + unknown
    if not total:
        return []
    return [{"gender": g, "count": n, "percent": round(100 * n / total, 1)}
            for g, n in (("female", female), ("male", male), ("unknown", unknown))]
