"""Loading spaCy models once per process, and the text they are given."""

from __future__ import annotations

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


def analysis_text(article: Article) -> str:
    """The text the parser sees: the article's, with ignored stretches blanked to spaces.

    Same length as ``article.text`` so every offset stays valid.
    """
    text = article.text
    if not article.ignored:
        return text
    chars = list(text)
    for start, end in article.ignored:
        for i in range(max(0, start), min(len(chars), end)):
            if chars[i] not in "\n":
                chars[i] = " "
    return "".join(chars)
