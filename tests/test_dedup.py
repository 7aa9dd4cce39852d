"""Duplicates: exact ones merged with every URL kept, near ones linked, over a stream."""

from __future__ import annotations

import sys
from pathlib import Path

from guillemet.dedup import Deduplicator
from guillemet.readers import prepare
from guillemet.readers.options import Skipped
from guillemet.record import Article

sys.path.insert(0, str(Path(__file__).parent))
from samples_io import PARAGRAPHS  # noqa: E402

STORY = " ".join(PARAGRAPHS)
OTHER = ("Le conseil municipal de Nantes a voté jeudi soir un budget en hausse de 4 %, porté par les "
         "dépenses d'énergie. « Nous n'avions pas le choix », a justifié l'adjoint aux finances, "
         "tandis que l'opposition dénonçait un manque d'économies sur le fonctionnement des services. "
         "Le vote a eu lieu après trois heures de débats parfois vifs dans l'hémicycle municipal.")


def art(text, url, id_=""):
    return Article(text=text, url=url, id=id_)


def test_same_text_from_two_outlets_is_kept_once_with_both_urls():
    dedup = Deduplicator()
    a = art(STORY, "https://un.fr/a")
    b = art("  " + STORY.replace(" ", "  ") + "\n", "https://deux.fr/b")   # spacing differs only
    out = list(dedup([a, b]))
    assert out == [a] and a.urls == ["https://un.fr/a", "https://deux.fr/b"]
    assert dedup.counts["exact_duplicates"] == 1 and dedup.counts["kept"] == 1
    assert a.meta["duplicates"] == [b.id]


def test_same_url_twice_is_kept_once():
    dedup = Deduplicator()
    out = list(dedup([art(STORY, "https://un.fr/a", "v1"), art(STORY + " Mise à jour.", "https://un.fr/a", "v2")]))
    assert [x.id for x in out] == ["v1"] and dedup.counts["same_url"] == 1


def test_lightly_edited_wire_story_is_linked_not_dropped():
    dedup = Deduplicator()
    edited = STORY.replace("vendredi", "ce vendredi").replace("près de 30 %", "environ 30 %")
    out = list(dedup([art(STORY, "https://un.fr/a", "orig"), art(edited, "https://deux.fr/b", "copie")]))
    assert [x.id for x in out] == ["orig", "copie"]
    assert out[1].meta["near_duplicate_of"] == "orig" and 0.5 < out[1].meta["near_duplicate_similarity"] < 1
    assert dedup.counts["near_duplicates"] == 1


def test_different_stories_are_not_linked():
    dedup = Deduplicator()
    out = list(dedup([art(STORY, "https://un.fr/a"), art(OTHER, "https://un.fr/b")]))
    assert len(out) == 2 and all("near_duplicate_of" not in x.meta for x in out)


def test_boilerplate_does_not_make_texts_differ():
    dedup = Deduplicator()
    farm = "[ad_1]\n" + STORY + "\n[ad_2]\nSource link -41"
    out = list(prepare([art(STORY, "https://un.fr/a"), art(farm, "https://ferme.com/x")], dedup=dedup))
    assert len(out) == 1 and out[0].urls == ["https://un.fr/a", "https://ferme.com/x"]


def test_exact_only_mode_and_duplicate_callback():
    seen = []
    dedup = Deduplicator(near=False, on_duplicate=lambda kept, dup: seen.append((kept.id, dup.url)))
    out = list(dedup([art(STORY, "https://un.fr/a", "k"), art(STORY, "https://deux.fr/b", "d"),
                      art(STORY + " Fin.", "https://trois.fr/c", "n")]))
    assert [x.id for x in out] == ["k", "n"] and seen == [("k", "https://deux.fr/b")]
    assert "near_duplicate_of" not in out[1].meta


def test_prepare_with_dedup_passes_skipped_through_in_order():
    items = [art(STORY, "https://un.fr/a", "a"), Skipped("f.jsonl:2", "not valid JSON"),
             art(STORY, "https://deux.fr/b", "b")]
    out = list(prepare(items, dedup=Deduplicator()))
    assert [type(x).__name__ for x in out] == ["Article", "Skipped"]
