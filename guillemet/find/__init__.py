"""Quote finding, in three steps over the parse: quotation marks (``marks``), verbs of saying
and "selon" markers (``cues``), then quotes assembled from both (``quotes``).

Speakers are resolved afterwards (:mod:`guillemet.resolve`); :mod:`guillemet.pipeline` runs
the steps in order.
"""

from guillemet.find.quotes import find_quotes
from guillemet.found import Found

__all__ = ["Found", "find_quotes"]
