"""Language resources: one package per language under ``guillemet.lang``.

Adding a language adds a package ``guillemet/lang/<code>/`` whose ``LANGUAGE`` is a
:class:`~guillemet.lang.base.Language` (its data, and its hooks where it overrides them); it
is found by its folder, and no code elsewhere branches on the language.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from guillemet.errors import UnsupportedLanguage
from guillemet.lang.base import Language

#: The language codes guillemet has a package for, found from the folders beside this file.
SUPPORTED: tuple[str, ...] = tuple(sorted(m.name for m in pkgutil.iter_modules(__path__) if m.ispkg))

#: The language of an article that does not say.
DEFAULT = "fr"


def base_code(code: str | None) -> str:
    """The language part of a code, lower-cased: "fr-CA" and "fr_BE" → "fr"."""
    return (code or "").lower().split("-")[0].split("_")[0]


@lru_cache(maxsize=None)
def get_language(code: str) -> Language:
    """The resources of a language; ``code`` may carry a region ("fr-CA", "fr_BE").

    Raises:
        UnsupportedLanguage: guillemet has no package for ``code``; the message names the
            supported ones.
    """
    base = base_code(code)
    if base not in SUPPORTED:
        raise UnsupportedLanguage(code, SUPPORTED)
    return importlib.import_module(f"guillemet.lang.{base}").LANGUAGE


def as_language(lang: Language | str | None = None) -> Language:
    """A :class:`Language` from itself, its code, or None for :data:`DEFAULT`.

    For the public functions that are also called from outside the pipeline (with a code, or
    nothing); the pipeline's steps pass the object.

    Raises:
        UnsupportedLanguage: No package for the code.
    """
    if isinstance(lang, Language):
        return lang
    return get_language(lang or DEFAULT)


__all__ = ["DEFAULT", "Language", "SUPPORTED", "as_language", "base_code", "get_language"]
