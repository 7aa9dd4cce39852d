"""Ray executor: same records as one local process; a clear error when Ray is missing."""

from __future__ import annotations

import importlib.util

import pytest

from guillemet.errors import MissingExtra
from guillemet.executors.ray import extract_ray
from guillemet.record import Article, to_dict

SENTENCES = [
    "« Nous resterons », a déclaré Paul Martin.",
    "Selon le ministre de l’Intérieur, la réforme entrera en vigueur en janvier.",
    "Il pleut sur Bordeaux depuis trois jours.",
    "« Je ne me représenterai pas », a annoncé le sénateur Alain Girard vendredi.",
    "La maire de Lille a estimé que les travaux dureraient deux ans.",
]


def articles() -> list[Article]:
    return [Article(text=text, id=f"r-{i}") for i, text in enumerate(SENTENCES)]

HAS_RAY = importlib.util.find_spec("ray") is not None


@pytest.mark.skipif(HAS_RAY, reason="Ray is installed")
def test_missing_ray_names_the_extra():
    with pytest.raises(MissingExtra, match=r"guillemet\[ray\]"):
        next(extract_ray(articles(), workers=2))


@pytest.mark.ray
@pytest.mark.skipif(not HAS_RAY, reason="install guillemet[ray]")
def test_ray_local_mode_gives_the_records_of_one_process():
    import ray

    from guillemet.executors import extract_parallel

    one = [to_dict(a) for a in extract_parallel(articles(), workers=1)]
    try:
        two = [to_dict(a) for a in extract_ray(articles(), workers=2, batch_size=2, chunk_size=2)]
    finally:
        ray.shutdown()
    assert two == one
