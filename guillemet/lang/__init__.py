"""Language resources: one package per language under ``guillemet.lang``.

Adding a language adds a package ``guillemet/lang/<code>/`` whose ``LANGUAGE`` is a
:class:`~guillemet.lang.base.Language`; no code elsewhere branches on the language.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from types import ModuleType

from guillemet.errors import UnsupportedLanguage
from guillemet.lang.base import Language

SUPPORTED = ("fr",)


def language_data(code: str, module: str = "") -> ModuleType:
    """A language's data module: ``guillemet.lang.<code>`` itself, or one of its modules
    ("claims", "speaker_types"). ``code`` may carry a region ("fr-CA", "fr_BE").

    Raises:
        UnsupportedLanguage: guillemet has no pipeline for ``code``.
    """
    code = (code or "").lower().split("-")[0].split("_")[0]
    if code not in SUPPORTED:
        raise UnsupportedLanguage(code, SUPPORTED)
    return importlib.import_module(f"guillemet.lang.{code}" + (f".{module}" if module else ""))


@lru_cache(maxsize=None)
def get_language(code: str) -> Language:
    """The resources of a language.

    Raises:
        UnsupportedLanguage: guillemet has no pipeline for ``code``.
    """
    return language_data(code).LANGUAGE


__all__ = ["Language", "SUPPORTED", "get_language", "language_data"]
