"""A quote as the finding step leaves it: spans only, its speaker not yet resolved.

``guillemet.find`` yields these; ``guillemet.resolve`` reads them; ``guillemet.pipeline``
turns each into a :class:`guillemet.record.Quote`. Kept apart from both steps so that neither
imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Found:
    """A quote before its speaker is resolved.

    Attributes:
        kind: "direct", "indirect", "according_to" or "mixed".
        content: Character span of what was said.
        cue: Character span of the verb group or marker; None for a continuation.
        mention: Token range [start, end) of the words naming the speaker at the cue.
        continuation: No cue of its own: it goes on from the quote before.
        confidence: How sure the finding step is that this is a quote (0..1).
    """

    kind: str
    content: tuple[int, int]
    cue: tuple[int, int] | None = None
    mention: tuple[int, int] | None = None  # token range
    continuation: bool = False
    confidence: float = 0.8
