"""Language knowledge is data: the steps hold no word of any language, and each Language
carries what they read (lists, frames named by role, hooks)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import guillemet
from guillemet.lang import SUPPORTED, get_language
from guillemet.lang.base import FRAMES, Language

PACKAGE = Path(guillemet.__file__).parent
#: The modules that must know no language.
LOGIC = ["find/marks.py", "find/cues.py", "find/quotes.py", "syntax.py", "resolve.py", "names.py",
         "claims.py", "identity.py", "pipeline.py", "found.py"]
#: Names that are ours, not a language's (kinds, types, frames, entity labels, date units,
#: regex groups), and Universal Dependencies labels.
OURS = {"direct", "indirect", "mixed", "document", "media", "person", "group", "organisation",
        "unknown", "verb", "impersonal", *FRAMES, "aux", "case", "mark", "det", "obj", "expl", "dep",
        "PER", "ORG", "LOC", "MISC", "day", "week", "month", "year", "words"}


def _language_words(code: str) -> set[str]:
    """Every item of a Language's word lists, as written there."""
    language = get_language(code)
    words: set[str] = set()
    for name, value in vars(language).items():
        if name in ("code", "model") or not isinstance(value, (frozenset, dict, tuple)):
            continue
        for item in value.keys() if isinstance(value, dict) else value:
            words.update(item if isinstance(item, tuple) else (item,))
    return {w for w in words if isinstance(w, str) and len(re.findall(r"[^\W\d_]", w)) >= 2} - OURS


def _literals(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


@pytest.mark.parametrize("code", SUPPORTED)
@pytest.mark.parametrize("module", LOGIC)
def test_no_word_of_a_language_in_the_steps(module, code):
    words = _language_words(code)
    found = [(line, value) for line, value in _literals(PACKAGE / module) if value in words]
    assert not found, f"words of {code} in {module} (move them to guillemet/lang/{code}): {found}"


def test_every_supported_language_is_a_language_with_its_data():
    for code in SUPPORTED:
        lang = get_language(code)
        assert isinstance(lang, Language) and lang.code == code
        assert lang.claims is not None and lang.speaker_types is not None


@pytest.mark.parametrize("code", SUPPORTED)
def test_frames_are_named_by_role(code):
    used = {f for frames in get_language(code).cue_verbs.values() for f in frames}
    assert used <= set(FRAMES), used - set(FRAMES)
    assert {"que", "inf", "a_inf", "de_inf"}.isdisjoint(used)


def test_english_cue_verbs_cover_the_press_and_their_frames():
    en = get_language("en")
    for lemma in ("say", "tell", "add", "note", "explain", "argue", "claim", "insist", "warn", "write",
                  "tweet", "announce", "acknowledge", "ask", "urge", "call for"):
        assert en.frames(lemma), lemma
    assert "object_clause" in en.frames("tell") and "to_infinitive" in en.frames("urge")
    assert "about_phrase" in en.frames("call for")
    assert not en.frames("think") and en.is_not_cue("believe")
    assert en.pronouns["she"] == ("f", "s") and en.pronouns["they"][1] == "p"
    assert {"mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov."} <= en.titles


# hooks of French morphology: (form, infinitive it may stand for)
INFINITIVES = [("remarque", "remarquer"), ("ironise", "ironiser"), ("dit", None), ("affirment", None)]


@pytest.mark.parametrize("form,infinitive", INFINITIVES)
def test_french_infinitive_of(form, infinitive):
    assert get_language("fr").infinitive_of(form) == infinitive


def test_french_bare_forms_invert_infinitive_of():
    fr = get_language("fr")
    for lemma in ("remarquer", "dire", "écrire", "ironiser"):
        for form in fr.bare_forms(lemma):
            assert fr.infinitive_of(form) == lemma
    assert fr.bare_forms("dire") == ()


def test_the_base_language_hooks_do_nothing():
    plain = Language(code="xx", model="none", quote_pairs={'"': '"'}, primary_marks=('"', '"'))
    assert plain.infinitive_of("remarque") is None and plain.bare_forms("remarquer") == ()


def test_one_month_list_for_claims_and_datelines():
    from guillemet.readers.published import date_in_text

    fr = get_language("fr")
    assert not hasattr(fr.boilerplate, "MONTHS")
    assert date_in_text("Paris, 30 décembre 2022 — Le maire a parlé.", "fr") == "2022-12-30"
    assert date_in_text("Paris, 3 févr. 2022 — Le maire a parlé.", "fr") is None  # full names only


def test_a_models_entity_labels_become_guillemets():
    import dataclasses

    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from guillemet.names import LABELS, relabel_entities

    other = dataclasses.replace(get_language("fr"), code="zz", entity_labels={"PERSON": "PER", "GPE": "LOC"})
    doc = Doc(Vocab(), words=["Paul", "Durand", "visited", "Lyon", "."],
              ents=["B-PERSON", "I-PERSON", "O", "B-GPE", "O"])
    relabel_entities(doc, other)
    assert [(e.text, e.label_) for e in doc.ents] == [("Paul Durand", "PER"), ("Lyon", "LOC")]
    assert {e.label_ for e in doc.ents} <= set(LABELS)
    french = Doc(Vocab(), words=["Paul", "Durand"], ents=["B-PER", "I-PER"])
    relabel_entities(french, get_language("fr"))  # French labels are guillemet's: untouched
    assert [(e.text, e.label_) for e in french.ents] == [("Paul Durand", "PER")]


@pytest.mark.parametrize("noun,gender,plural,owner,name", [
    ("entourage", "m", False, "Emmanuel Macron", "l’entourage d’Emmanuel Macron"),
    ("avocate", "f", False, "Paul Durand", "l’avocate de Paul Durand"),
    ("porte-parole", "m", False, "Greenpeace", "le porte-parole de Greenpeace"),
    ("élus", "m", True, "Les Verts", "les élus des Verts"),
])
def test_french_names_a_relation_after_its_owner(noun, gender, plural, owner, name):
    assert get_language("fr").relation_name(noun, gender, plural, owner) == name
