"""Loading spaCy models once per process, and the text they are given."""

from __future__ import annotations

import re
from functools import lru_cache

from guillemet.errors import ModelNotInstalled
from guillemet.record import Article

#: Components guillemet never reads; disabled for speed.
UNUSED_COMPONENTS: tuple[str, ...] = ()


#: The component that starts a sentence at every paragraph, added before the parser for the
#: languages whose model parses across paragraph breaks (Language.paragraph_sentences).
PARAGRAPH_SENTENCES = "guillemet_paragraph_sentences"


@lru_cache(maxsize=None)
def load(model: str):
    """Load a spaCy pipeline once per process.

    When guillemet's Language for the model's language asks for it, a component is added
    before the parser so that a paragraph always starts a sentence.

    Raises:
        ModelNotInstalled: The model package is missing.
    """
    import spacy

    try:
        nlp = spacy.load(model, disable=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise ModelNotInstalled(model) from exc
    language = language_or_none(nlp.lang)
    if language is not None and language.paragraph_sentences and "parser" in nlp.pipe_names:
        _register_paragraph_sentences()
        nlp.add_pipe(PARAGRAPH_SENTENCES, before="parser")
    return nlp


def _register_paragraph_sentences() -> None:
    from spacy.language import Language as SpacyLanguage

    if SpacyLanguage.has_factory(PARAGRAPH_SENTENCES):
        return

    @SpacyLanguage.component(PARAGRAPH_SENTENCES)
    def paragraph_sentences(doc):
        """A token after a line break starts a sentence; the parser splits nothing else."""
        for tok in doc[1:]:
            if "\n" in doc[tok.i - 1].text and not tok.is_space:
                tok.is_sent_start = True
        return doc


def language_or_none(code: str | None):
    """guillemet's Language for ``code``, or None when guillemet has none."""
    from guillemet.errors import UnsupportedLanguage
    from guillemet.lang import get_language

    try:
        return get_language(code or "")
    except UnsupportedLanguage:
        return None


_SOFT_HYPHEN_OPENING = re.compile(r"(?:(?<=\s)|^)\u00ad+")


def analysis_text(article: Article) -> str:
    """The text the parser sees: the article's, with ignored stretches blanked to spaces, and a
    soft hyphen that opens a word (a typesetter's "Martine \u00adCadena") made a space, so the
    word is read as the name it is.

    Same length as ``article.text`` so every offset stays valid.
    """
    text = article.text
    if "\u00ad" in text:
        text = _SOFT_HYPHEN_OPENING.sub(lambda m: " " * len(m.group()), text)
    if not article.ignored:
        return text
    chars = list(text)
    for start, end in article.ignored:
        for i in range(max(0, start), min(len(chars), end)):
            if chars[i] not in "\n":
                chars[i] = " "
    return "".join(chars)


_SURROGATE = re.compile("[\ud800-\udfff]")


def parsable_text(article: Article, nlp) -> str:
    """The text to give the parser, or "" for an article it cannot take, marked as such.

    An article longer than the parser's ``max_length`` (spaCy's E088: one million characters
    by default) or holding a lone surrogate (not valid Unicode: it cannot even be written out
    as UTF-8) gets ``status = "error"`` and the reason in ``meta["error"]``, so that batch
    work reports and skips it and keeps every other article.
    """
    if article.status != "ok":
        return ""
    text = article.text
    limit = getattr(nlp, "max_length", None)
    if limit and len(text) > limit:
        article.status = "error"
        article.meta["error"] = (f"too long for the parser: {len(text):,} characters, at most {limit:,}; "
                                 "split the document (one article per record)")
        return ""
    bad = _SURROGATE.search(text)
    if bad:
        article.status = "error"
        article.meta["error"] = (f"not valid Unicode: a lone surrogate (U+{ord(bad.group()):04X}) at character "
                                 f"{bad.start()}; fix the source's encoding")
        return ""
    return analysis_text(article)
