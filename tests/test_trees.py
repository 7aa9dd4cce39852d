"""guillemet.learn.trees scores rows as LightGBM does, without importing it at extraction."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

lgb = pytest.importorskip("lightgbm")

from guillemet.learn.model import MODELS_ROOT  # noqa: E402
from guillemet.learn.trees import Forest, UnsupportedModel  # noqa: E402

SHIPPED = sorted(MODELS_ROOT.glob("*/models/*.lgb.txt"))


def _rows(n_features: int, n: int = 400, seed: int = 0) -> np.ndarray:
    """Rows like the features: many zeros and ones, small counts, fractions, a few negatives."""
    rng = np.random.default_rng(seed)
    X = rng.random((n, n_features)) * rng.integers(-1, 4, (n, n_features))
    X[rng.random(X.shape) < 0.3] = 0.0
    X[rng.random(X.shape) < 0.2] = 1.0
    return X


def _same(booster, forest: Forest, X: np.ndarray) -> None:
    expected = booster.predict(X, num_threads=1)
    np.testing.assert_allclose(forest.predict(X), expected, rtol=0, atol=1e-12)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: f"{p.parent.parent.name}-{p.stem}")
def test_shipped_models_score_as_lightgbm(path):
    forest = Forest.from_text(path.read_text(encoding="utf-8"))
    booster = lgb.Booster(model_file=str(path))
    X = _rows(forest.n_features)
    _same(booster, forest, X)
    _same(booster, forest, X[:1])
    X[::7, ::3] = np.nan  # missing values go where LightGBM sends them
    _same(booster, forest, X)


def test_shipped_models_exist():
    assert {p.parent.parent.name for p in SHIPPED} >= {"fr", "en"}


def _train(tmp_path, X, y, **params):
    booster = lgb.train({"verbose": -1, "num_leaves": 6, "min_data_in_leaf": 3, **params},
                        lgb.Dataset(X, y), num_boost_round=25)
    path = tmp_path / "model.txt"
    booster.save_model(str(path))
    return booster, Forest.from_text(path.read_text())


@pytest.mark.parametrize("params", [
    {"objective": "binary"},
    {"objective": "binary", "sigmoid": 0.5},
    {"objective": "regression"},
    {"objective": "binary", "zero_as_missing": True},  # zero is the missing value
])
def test_trained_models_with_missing_values(tmp_path, params):
    rng = np.random.default_rng(1)
    X = _rows(5, 300, seed=2)
    X[rng.random(X.shape) < 0.15] = np.nan
    y = ((np.nan_to_num(X[:, 0]) + np.nan_to_num(X[:, 1]) > 1) ^ (rng.random(300) < 0.1)).astype(float)
    booster, forest = _train(tmp_path, X, y, **params)
    _same(booster, forest, X)
    _same(booster, forest, _rows(5, 100, seed=3))


def test_a_tree_of_one_leaf(tmp_path):
    X = _rows(3, 50)
    booster, forest = _train(tmp_path, X, np.ones(50), objective="regression")  # nothing to split on
    _same(booster, forest, X)


def test_what_guillemet_never_trains_is_refused(tmp_path):
    X = np.column_stack([np.arange(200) % 5, np.arange(200) % 3]).astype(float)
    y = (X[:, 0] == 2).astype(float)
    booster = lgb.train({"verbose": -1, "objective": "binary", "min_data_per_group": 5, "cat_smooth": 1},
                        lgb.Dataset(X, y, categorical_feature=[0]), num_boost_round=3)
    with pytest.raises(UnsupportedModel, match="categorical"):
        Forest.from_text(booster.model_to_string())
    multi = lgb.train({"verbose": -1, "objective": "multiclass", "num_class": 3}, lgb.Dataset(X, X[:, 1]),
                      num_boost_round=2)
    with pytest.raises(UnsupportedModel, match="multiclass"):
        Forest.from_text(multi.model_to_string())


def test_rows_of_the_wrong_width_are_refused():
    forest = Forest.from_text(SHIPPED[0].read_text(encoding="utf-8"))
    with pytest.raises(ValueError, match="features expected"):
        forest.predict(np.zeros((2, forest.n_features + 1)))
    assert forest.predict(np.zeros((0, forest.n_features))).shape == (0,)


def test_extraction_does_not_import_lightgbm():
    code = ("import sys; from guillemet import extract; "
            "quotes = extract('« Nous tiendrons », a déclaré Paul Durand. Il a ajouté que rien ne changerait.'); "
            "assert quotes and quotes[0].speaker == 'Paul Durand', quotes; "
            "assert 'lightgbm' not in sys.modules, 'lightgbm imported'; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr[-2000:]


def test_an_ensemble_is_saved_as_members_and_scores_their_mean(tmp_path, monkeypatch):
    from guillemet.learn import model

    monkeypatch.setattr(model, "MODELS_ROOT", tmp_path)
    rng = np.random.default_rng(3)
    X = rng.normal(size=(300, 4))
    y = (X[:, 0] + 0.5 * X[:, 1] > 0).astype(float)
    boosters = [lgb.train({"objective": "regression", "verbose": -1, "seed": s, "bagging_fraction": 0.7,
                           "bagging_freq": 1, "num_leaves": 6}, lgb.Dataset(X, y), num_boost_round=20)
                for s in (1, 2, 3)]
    features = ("a", "b", "c", "d")
    model.save_model("xx", "speaker", model.Ensemble(boosters), {"features": list(features)})
    model.load_model.cache_clear()
    loaded = model.load_model("xx", "speaker", features)
    assert loaded.meta["members"] == 3
    assert np.allclose(loaded.predict(X), np.mean([b.predict(X) for b in boosters], axis=0))
    # a single booster saved over it leaves no member of the ensemble behind
    model.save_model("xx", "speaker", boosters[0], {"features": list(features)})
    assert sorted(p.name for p in (tmp_path / "xx" / "models").iterdir()) == ["speaker.json", "speaker.lgb.txt"]
    model.load_model.cache_clear()
    assert np.allclose(model.load_model("xx", "speaker", features).predict(X), boosters[0].predict(X))
    model.load_model.cache_clear()
