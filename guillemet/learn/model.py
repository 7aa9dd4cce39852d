"""Trained models shipped with a language: files, their recipe, and loading them once.

A language's models live in ``guillemet/lang/<code>/models/``: for each model a LightGBM text
file (``<name>.lgb.txt``, readable, no pickle) and ``<name>.json`` with what made it — the
features in order, the training command, the data it learned from (split table hash), the
learner and its parameters, cross-validated and dev scores, the date, the seconds it took.
``guillemet train`` rebuilds them (guillemet.learn.train). Extraction reads the text files with
guillemet.learn.trees, without importing LightGBM.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from guillemet.errors import GuillemetError
from guillemet.learn.trees import Forest, UnsupportedModel

MODELS_ROOT = Path(__file__).resolve().parents[1] / "lang"


def models_dir(lang_code: str) -> Path:
    return MODELS_ROOT / lang_code / "models"


@dataclass
class Model:
    """A trained scorer: feature rows in, one probability per row out."""

    name: str
    features: tuple[str, ...]
    meta: dict[str, Any]
    booster: Any  # a guillemet.learn.trees.Forest as shipped; a lightgbm Booster while training

    def predict(self, rows: Sequence[Sequence[float]]) -> np.ndarray:
        """Scores of the rows (in ``features`` order)."""
        if not len(rows):
            return np.zeros(0)
        return self.booster.predict(np.asarray(rows, dtype=np.float64))


@dataclass
class Ensemble:
    """Boosters of one model trained alike but for their random seed: their scores averaged
    (steadier than any one of them, and a little better: docs/learning.md)."""

    members: list[Any]

    def predict(self, X) -> np.ndarray:
        return np.mean([m.predict(X) for m in self.members], axis=0)


def member_paths(base: Path, name: str, n: int) -> list[Path]:
    """The files of a model's ``n`` members: ``<name>.lgb.txt``, then ``<name>.2.lgb.txt`` …"""
    return [base / (f"{name}.lgb.txt" if k == 0 else f"{name}.{k + 1}.lgb.txt") for k in range(n)]


class ModelMismatch(GuillemetError):
    """A model file does not fit the code that reads it."""

    code = "model_mismatch"


@lru_cache(maxsize=None)
def load_model(lang_code: str, name: str, features: tuple[str, ...]) -> Model | None:
    """The language's model ``name``, or None when the language ships none.

    Raises:
        ModelMismatch: The file was trained on other features than the code computes;
            rebuild it with ``guillemet train``.
    """
    base = models_dir(lang_code)
    meta_path, model_path = base / f"{name}.json", base / f"{name}.lgb.txt"
    if not model_path.exists():
        return None
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if tuple(meta["features"]) != tuple(features):
        raise ModelMismatch(f"{model_path} was trained on other features than this code computes: "
                            f"rebuild it with `guillemet train --lang {lang_code}`.")
    forests = []
    for path in member_paths(base, name, int(meta.get("members", 1))):
        try:
            forests.append(Forest.from_text(path.read_text(encoding="utf-8")))
        except (OSError, UnsupportedModel, KeyError, ValueError) as exc:
            raise ModelMismatch(f"{path} is not a model guillemet can read ({exc}): rebuild it with "
                                f"`guillemet train --lang {lang_code}`.") from exc
    return Model(name, tuple(features), meta, forests[0] if len(forests) == 1 else Ensemble(forests))


def save_model(lang_code: str, name: str, booster: Any, meta: dict[str, Any]) -> Path:
    """Write a model and its recipe into the language's models folder."""
    base = models_dir(lang_code)
    base.mkdir(parents=True, exist_ok=True)
    members = booster.members if isinstance(booster, Ensemble) else [booster]
    for old in base.glob(f"{name}.*.lgb.txt"):
        old.unlink()  # the members of an earlier ensemble
    paths = member_paths(base, name, len(members))
    for member, path in zip(members, paths):
        member.save_model(str(path))
    meta = {**meta, "members": len(members)}
    (base / f"{name}.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    load_model.cache_clear()
    return paths[0]
