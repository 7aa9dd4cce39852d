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
    nlp.tokenizer = GluedSentences(nlp.tokenizer)
    language = language_or_none(nlp.lang)
    if language is not None and language.paragraph_sentences and "parser" in nlp.pipe_names:
        _register_paragraph_sentences()
        nlp.add_pipe(PARAGRAPH_SENTENCES, before="parser")
    return nlp


#: A full stop with the next sentence glued to it, where a scraped page lost the paragraph break
#: ("train.Il", "a-t-il dit.Le", "parlé.«Nous"): after a lower-case letter that
#: follows a letter, or after a closing mark; before a capital or an opening mark. Not an
#: initial ("M.Dupont") nor an abbreviation ("U.S.A."). The same reading as the sentence walk's
#: (guillemet.find.scan._glued).
_GLUED_STOP = re.compile(r"(?:(?<=[^\W\d_][^\W\d_A-Z])|(?<=[»”\"\)]))[.!?](?=[«“\"]?[A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜ])")


class GluedSentences:
    """The model's tokenizer, given each sentence of a glued run on its own: spaCy splits
    "il.D’autres" inside one whitespace-free chunk with no prefix rule after the split, so
    "affirme-t-il" loses its inverted pronoun and "parlé.«Nous" keeps its mark on the word.
    The pieces are joined back into one Doc with exactly the text given (same offsets), and
    the first word of each glued sentence starts a sentence for the parser."""

    #: Part of the parse cache key (guillemet.learn.data): a change here changes the parses.
    version = "glued-1"

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str):
        cuts = [m.end() for m in _GLUED_STOP.finditer(text)]
        if not cuts:
            return self.tokenizer(text)
        from spacy.tokens import Doc

        pieces, at = [], 0
        for cut in cuts + [len(text)]:
            if cut > at:
                pieces.append(self.tokenizer(text[at:cut]))
            at = cut
        doc = Doc.from_docs(pieces, ensure_whitespace=False)
        first = 0
        for piece in pieces[:-1]:  # each glued sentence's first word starts a sentence
            first += len(piece)
            if first < len(doc):
                doc[first].is_sent_start = True
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name):  # rules, vocab, to_disk …: the model's tokenizer's
        if name == "tokenizer":  # not set yet (unpickling)
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


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
    soft hyphen that opens a word (a typesetter's "Sonia \u00adVerdier") made a space, so the
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
