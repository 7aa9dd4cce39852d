"""``guillemet train`` rebuilds the shipped French models from ../shared, to the same scores."""

from __future__ import annotations

import json

import pytest

from guillemet.learn.model import models_dir
from shared_data import shared_path


@pytest.mark.shared
def test_train_rebuilds_the_shipped_models_within_half_a_point():
    from guillemet.learn.train import train_language

    shared_path("eval/score.py")
    shipped = {name: json.loads((models_dir("fr") / f"{name}.json").read_text(encoding="utf-8"))
               for name in ("quote", "speaker")}
    scores: dict = {}
    train_language("fr", folds=0, write=False, echo=lambda _: None, scores=scores)
    assert abs(scores["quote_dev_f1"] - shipped["quote"]["scores"]["dev_f1"]["f1"]) <= 0.005
    assert abs(scores["speaker_dev_accuracy"] - shipped["speaker"]["scores"]["dev_accuracy"]) <= 0.005
    assert scores["seconds"] > 0


def test_a_model_trained_on_other_features_is_refused(tmp_path, monkeypatch):
    from guillemet.learn import model

    monkeypatch.setattr(model, "MODELS_ROOT", tmp_path)
    (tmp_path / "xx" / "models").mkdir(parents=True)
    (tmp_path / "xx" / "models" / "speaker.json").write_text(json.dumps({"features": ["a", "b"]}))
    (tmp_path / "xx" / "models" / "speaker.lgb.txt").write_text("tree\n")
    model.load_model.cache_clear()
    with pytest.raises(model.ModelMismatch, match="guillemet train --lang xx"):
        model.load_model("xx", "speaker", ("a", "b", "c"))
    model.load_model.cache_clear()


@pytest.mark.parametrize("code", ["fr", "en"])
def test_the_quote_chooser_uses_the_thresholds_its_model_was_checked_with(code):
    """keep_from / drop_below come from the model's recipe, so a language whose model was
    trained before a threshold changed keeps the ones it was validated with."""
    from guillemet.lang import get_language
    from guillemet.learn import learned_steps

    recipe = json.loads((models_dir(code) / "quote.json").read_text(encoding="utf-8"))["thresholds"]
    chooser, _ = learned_steps(get_language(code))
    assert (chooser.keep_from, chooser.drop_below) == (recipe["keep_from"], recipe["drop_below"])
