"""Build training rows from the gold corpus and fit the learned decisions.

    guillemet train            # rebuild every model of the package from ../shared

Speaker model: rows and learner in guillemet.learn.speaker_training (gold sources by name, or
by mention for PolNeAR).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from guillemet.lang import get_language
from guillemet.learn.data import align, parsed
from guillemet.learn.speaker_training import (  # noqa: F401  (the speaker model's part of `guillemet train`)
    RANKER_PARAMS, RANKER_ROUNDS, RANKER_SEEDS, SpeakerRows, cross_validate, speaker_rows, top_accuracy, train_speaker_model)


#: LightGBM settings of the speaker model: small trees, fixed seed, one thread, so that a
#: retraining gives the same model on any machine.
SPEAKER_PARAMS = {
    "objective": "binary", "learning_rate": 0.05, "num_leaves": 15, "min_data_in_leaf": 20,
    "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1.0,
    "seed": 7, "deterministic": True, "num_threads": 1, "verbose": -1,
}
SPEAKER_ROUNDS = 300


def fit_speaker(rows, rounds: int = SPEAKER_ROUNDS, params: dict | None = None):
    """A LightGBM booster over the rows (speaker or quote rows)."""
    import lightgbm as lgb

    X, y = rows.arrays()[:2]
    return lgb.train(params or SPEAKER_PARAMS, lgb.Dataset(X, y.astype(float), free_raw_data=False),
                     num_boost_round=rounds)


def quote_f1(scores: np.ndarray, y: np.ndarray, is_rule: np.ndarray, gold_quotes: int,
             keep_from: float, drop_below: float) -> dict[str, float]:
    """Quote P/R/F1 when the rules' quotes under ``drop_below`` and the candidates under
    ``keep_from`` are dropped (gold quotes no candidate matches count as missed)."""
    keep = np.where(is_rule, scores >= drop_below, scores >= keep_from)
    tp, fp = int((keep & (y == 1)).sum()), int((keep & (y == 0)).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / gold_quotes if gold_quotes else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def cross_validate_quotes(rows: QuoteRows, gold_quotes: int, keep_from: float, drop_below: float,
                          folds: int = 5) -> dict[str, float]:
    """Quote P/R/F1 of the quote model in k folds by article."""
    X, y, article, is_rule = rows.arrays()
    scores = np.zeros(len(y))
    ids = np.unique(article)
    for k in range(folds):
        test = np.isin(article, ids[k::folds])
        part = QuoteRows(X=X[~test].tolist(), y=y[~test].tolist())
        scores[test] = fit_speaker(part).predict(X[test])
    return quote_f1(scores, y, is_rule, gold_quotes, keep_from, drop_below)


@dataclass
class QuoteRows:
    """Feature rows of quote candidates (rules' and marks'), labelled against gold."""

    X: list[list[float]] = field(default_factory=list)
    y: list[int] = field(default_factory=list)
    article: list[int] = field(default_factory=list)
    is_rule: list[bool] = field(default_factory=list)

    def arrays(self):
        return (np.asarray(self.X, dtype=np.float32), np.asarray(self.y, dtype=np.int8),
                np.asarray(self.article), np.asarray(self.is_rule))


def quote_rows(gold_docs: list[dict[str, Any]], model: str | None = None) -> QuoteRows:
    """One row per quote candidate; label 1 when it matches a required gold quote, 0 when it
    matches none; candidates matching an optional gold quote teach nothing and are left out."""
    from guillemet.find.quotes import find_quotes
    from guillemet.learn import quotes as quote_step
    from guillemet.learn.rules import prepare_doc

    rows = QuoteRows()
    for a_no, item in enumerate(parsed(gold_docs, model)):
        prepare_doc(item.doc, item.article, item.lang)
        found = find_quotes(item.doc, item.lang, item.article.ignored)
        scan = quote_step.Scan(item.doc, item.lang, item.article.ignored)
        extra, sources = quote_step.candidates(scan, found)
        cands = found + extra
        feats = quote_step.quote_rows(scan, cands, ["rule"] * len(found) + sources)
        golds = align(item.article.text, [q.content for q in cands], item.gold["quotes"])
        for k, (feat, g) in enumerate(zip(feats, golds)):
            if g is not None and g.get("optional"):
                continue
            rows.X.append(feat)
            rows.y.append(int(g is not None))
            rows.article.append(a_no)
            rows.is_rule.append(k < len(found))
    return rows


def train_language(lang: str, split: str = "train", dev_split: str = "dev", folds: int = 5,
                   write: bool = True, echo=print, scores: dict | None = None) -> list[str]:
    """Fit the quote model, then the speaker model on the quotes it keeps; write both.

    Args:
        scores: Filled with the dev scores and the seconds taken, when given.

    Returns:
        The report lines (what each model scores in cross-validation and on ``dev_split``).
    """
    scores = {} if scores is None else scores
    import datetime
    import hashlib
    import time

    from guillemet import gold
    from guillemet.learn import quotes as quote_step, speakers as speaker_step
    from guillemet.learn.model import Model, save_model

    start = time.time()
    table = hashlib.sha256((gold._HERE / f"{lang}-corpus.tsv").read_bytes()).hexdigest()
    train_docs, dev_docs = gold.load_split(split), gold.load_split(dev_split)
    n_gold = sum(not q.get("optional") for d in train_docs for q in d["quotes"])
    n_dev = sum(not q.get("optional") for d in dev_docs for q in d["quotes"])
    echo(f"{split}: {len(train_docs)} articles, {n_gold} required quotes; parsing (cached) …")
    report = []

    qrows = quote_rows(train_docs)
    keep, drop = quote_step.KEEP_FROM, get_language(lang).quote_drop_below
    drop = quote_step.DROP_BELOW if drop is None else drop
    X, y, _, is_rule = qrows.arrays()
    rules_q = quote_f1(is_rule.astype(float), y, is_rule, n_gold, 0.5, 0.5)
    cv_q = cross_validate_quotes(qrows, n_gold, keep, drop, folds) if folds else None
    quote_booster = fit_speaker(qrows)
    dq = quote_rows(dev_docs)
    Xd, yd, _, ird = dq.arrays()
    dev_q = quote_f1(quote_booster.predict(Xd), yd, ird, n_dev, keep, drop)
    dev_rules_q = quote_f1(ird.astype(float), yd, ird, n_dev, 0.5, 0.5)
    report.append(f"quote model: {split} rules F1 {rules_q['f1']:.3f}"
                  + (f", {folds}-fold CV F1 {cv_q['f1']:.3f}" if cv_q else "")
                  + f"; {dev_split} F1 {dev_q['f1']:.3f} (rules {dev_rules_q['f1']:.3f})")
    echo(report[-1])
    chooser = quote_step.QuoteChooser(Model("quote", quote_step.FEATURES, {}, quote_booster))

    by = gold.speakers_by(split)
    speaker_booster, lexicon, sp = train_speaker_model(train_docs, dev_docs, chooser, folds, speaker_by=by,
                                                       dev_speaker_by=gold.speakers_by(dev_split))
    report.append(f"speaker model: {split} rules accuracy {sp['rules_accuracy']:.3f}"
                  + (f", {folds}-fold CV {sp['cv_accuracy']:.3f}" if sp["cv_accuracy"] is not None else "")
                  + f"; {dev_split} {sp['dev_accuracy']:.3f} (rules {sp['dev_rules_accuracy']:.3f}),"
                  " before the override margin")
    echo(report[-1])
    seconds = round(time.time() - start, 1)
    scores.update({"quote_dev_f1": dev_q["f1"], "speaker_dev_accuracy": sp["dev_accuracy"], "seconds": seconds})
    if write:
        common = {"lang": lang, "learner": "lightgbm", "params": SPEAKER_PARAMS, "rounds": SPEAKER_ROUNDS,
                  "command": f"guillemet train --lang {lang} --split {split} --dev {dev_split} --folds {folds}",
                  "trained": datetime.date.today().isoformat(), "seconds": seconds}
        save_model(lang, "quote", quote_booster, {
            "model": "quote", "features": list(quote_step.FEATURES), **common,
            "thresholds": {"keep_from": keep, "drop_below": drop},
            "data": {"split": split, "articles": len(train_docs), "rows": len(qrows.y), "split_table_sha256": table},
            "scores": {"rules_f1": rules_q, "cv_f1": cv_q, f"{dev_split}_f1": dev_q, f"{dev_split}_rules_f1": dev_rules_q}})
        save_model(lang, "speaker", speaker_booster, {
            "model": "speaker", "features": list(speaker_step.FEATURES), **common,
            "params": RANKER_PARAMS, "rounds": RANKER_ROUNDS, "seeds": list(RANKER_SEEDS),
            "override_margin": speaker_step.OVERRIDE_MARGIN, "override_margins": speaker_step.OVERRIDE_MARGINS, "lexicon": lexicon.to_meta(),
            "data": {"split": split, "quotes": sp["quotes"], "rows": sp["rows"], "split_table_sha256": table,
                     "speakers_by": by},
            "scores": {"rules_accuracy": sp["rules_accuracy"], "cv_accuracy": sp["cv_accuracy"],
                       f"{dev_split}_accuracy": sp["dev_accuracy"], f"{dev_split}_rules_accuracy": sp["dev_rules_accuracy"]}})
    return report
