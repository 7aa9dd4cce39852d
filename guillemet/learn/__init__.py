"""Learned decisions: rules propose, models trained on the gold corpus decide.

    quotes    which candidate stretches are quotes (guillemet.learn.quotes)
    speakers  which candidate source each quote is credited to (guillemet.learn.speakers)

The models ship in ``guillemet/lang/<code>/models/`` with their recipe (guillemet.learn.model)
and are rebuilt by ``guillemet train`` (guillemet.learn.train). A language without models runs
on its rules alone.
"""

from __future__ import annotations

from functools import lru_cache

from guillemet.lang.base import Language


def learned_steps(lang: Language):
    """The language's (quote chooser, speaker model); either is None when not shipped."""
    return _learned_steps(lang.code)


@lru_cache(maxsize=None)
def _learned_steps(code: str):
    from guillemet.learn import quotes, speakers
    from guillemet.learn.model import load_model

    quote_model = load_model(code, "quote", quotes.FEATURES)
    speaker_model = load_model(code, "speaker", speakers.FEATURES)
    if quote_model is None:
        return None, speaker_model
    # the thresholds the model was trained and checked with, saved in its recipe
    thresholds = quote_model.meta.get("thresholds") or {}
    return quotes.QuoteChooser(quote_model, keep_from=thresholds.get("keep_from", quotes.KEEP_FROM),
                               drop_below=thresholds.get("drop_below", quotes.DROP_BELOW)), speaker_model
