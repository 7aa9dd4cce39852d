"""Training rows and the learner of the speaker model.

One row per (quote, candidate source) for every quote the rules (and the quote model) found;
the label says whether the candidate's name names the gold speaker, by the reference scorer's
rule, or is -1 when the quote matches no required gold quote (such rows are scored, never
learnt from). Quotes where no candidate is right teach nothing, but count in the scores.

The learner ranks the candidates of a quote (LightGBM lambdarank): measured against a binary
LightGBM on the same rows, it picks the right candidate as often or a little more often
(docs/learning.md). The source lexicon (guillemet.learn.lexicon) is counted on the training
articles; each article's rows read counts that leave that article out, and in
cross-validation each fold's test articles read the counts of the other folds only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from guillemet.evaluate import mention_matches, speaker_matches
from guillemet.learn import speakers
from guillemet.learn.data import align, parsed
from guillemet.learn.lexicon import Lexicon
from guillemet.learn.model import Ensemble
from guillemet.learn.rules import run_rules
from guillemet.resolve import best_name

#: LightGBM settings of the speaker ranker: fixed seed, one thread, so that a retraining gives
#: the same model on any machine; "lambdarank" learns which candidate of a quote comes first.
RANKER_PARAMS = {
    "objective": "lambdarank", "lambdarank_truncation_level": 3, "learning_rate": 0.05, "num_leaves": 15,
    "min_data_in_leaf": 20, "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1,
    "lambda_l2": 1.0, "seed": 7, "deterministic": True, "num_threads": 1, "verbose": -1,
}
RANKER_ROUNDS = 300
#: The ranker is this many boosters, one per seed, their scores averaged: out of fold on train
#: speaker accuracy 0.844 for one, 0.848 for five, and fr-dev no longer moves by a point from
#: one retraining to the next (docs/learning.md).
RANKER_SEEDS = (7, 8, 9, 10, 11)


@dataclass
class SpeakerRows:
    """Feature rows of speaker candidates, grouped by quote (quotes in text order)."""

    X: Any = field(default_factory=list)  # rows in FEATURES order (list of lists or an array)
    y: list[int] = field(default_factory=list)  # 1 right, 0 wrong, -1 quote not in gold
    group: list[int] = field(default_factory=list)  # quote number
    article: list[int] = field(default_factory=list)  # article number, for folds
    quotes: int = 0  # matched required quotes, solvable or not
    rule_right: list[bool] = field(default_factory=list)  # per matched quote: the rules' speaker is right
    keys: list[tuple] = field(default_factory=list)  # per row: lexicon keys (mention's, candidate's)
    lexicons: dict[int, Lexicon] = field(default_factory=dict)  # per article: what it adds to the lexicon

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        return (np.asarray(self.X, dtype=np.float32), np.asarray(self.y, dtype=np.int8),
                np.asarray(self.group), np.asarray(self.article))

    def lexicon(self, articles=None) -> Lexicon:
        """The lexicon counted on these rows' articles (all, or those given)."""
        keep = self.lexicons if articles is None else {a: self.lexicons[a] for a in articles if a in self.lexicons}
        return Lexicon.merged(keep.values())


def _written_at_mention(c: speakers.Candidate, gold: dict[str, Any]) -> bool:
    """Whether one of the candidate's mentions starts inside the gold mention span."""
    span = gold.get("speaker_mention")
    return bool(span) and any(span[0] <= p < span[1] for p in c.positions)


def _rule_mention_right(doc, mention: tuple[int, int] | None, gold: dict[str, Any]) -> bool:
    """Whether the rules' mention (a token range) overlaps the gold mention span."""
    if mention is None:
        return False
    toks = doc[mention[0]:mention[1]]
    return mention_matches((toks[0].idx, toks[-1].idx + len(toks[-1].text)), gold)


_LEX = [speakers.FEATURES.index(f) for f in speakers.LEXICON_FEATURES]


def lexicon_columns(rows: SpeakerRows, lexicon: Lexicon, leave_out: bool, mask=None) -> np.ndarray:
    """The lexicon features of the rows (those in ``mask``) read from ``lexicon``, each
    article's own counts left out when ``leave_out``."""
    idx = np.flatnonzero(mask) if mask is not None else range(len(rows.y))
    out = np.zeros((len(idx), len(_LEX)), dtype=np.float32)
    for n, i in enumerate(idx):
        own = rows.lexicons.get(rows.article[i]) if leave_out else None
        out[n] = speakers.lexicon_features(lexicon, *rows.keys[i], without=own)
    return out


def speaker_rows(gold_docs: list[dict[str, Any]], model: str | None = None, choose=None,
                 lexicon: Lexicon | None = None, speaker_by: str = "name") -> SpeakerRows:
    """Speaker-candidate rows for every quote found (by the rules, and the quote model when
    ``choose`` is given), labelled where the quote matches a required gold quote.

    Args:
        lexicon: The source lexicon the rows read (a model's); when None, the lexicon counted
            on these documents, each article's own counts left out.
        speaker_by: How the gold names its sources: "name" (a candidate is right when its name
            names the gold speaker) or "mention" (when it is written at the gold mention).
    """
    rows = SpeakerRows()
    for a_no, item in enumerate(parsed(gold_docs, model)):
        rp = run_rules(item.doc, item.article, item.lang, choose)
        golds = align(item.article.text, [f.content for f in rp.found], item.gold["quotes"])
        src = speakers.collect_candidates(rp.entities, [f.content for f in rp.found])
        counted = rows.lexicons[a_no] = Lexicon()
        said = speakers.speakers_count(rp.resolved)
        previous = []
        for f, res, g in zip(rp.found, rp.resolved, golds):
            cands, feats = speakers.quote_rows(src, f, res, previous, lexicon, said)
            previous.append((f, res))
            qno = rows.group[-1] + 1 if rows.group else 0
            mkeys = speakers.mention_keys(rp.entities, f)
            ckeys = [speakers.candidate_keys(c) for c in cands]
            if g is None or g.get("optional"):
                labels = [-1] * len(cands)
            else:
                if speaker_by == "mention":
                    labels = [int(_written_at_mention(c, g)) for c in cands]
                    rule_ok = _rule_mention_right(rp.entities.doc, f.mention or res.mention, g)
                    self_right = None if mkeys[0].startswith("<") or f.mention is None \
                        else _rule_mention_right(rp.entities.doc, f.mention, g)
                else:
                    labels = [int(speaker_matches(best_name(c.entity, item.lang) if c.entity is not None else c.name, g))
                              for c in cands]
                    rule_ok = bool(res.entity is not None and speaker_matches(best_name(res.entity, item.lang), g))
                    written = rp.entities.doc[f.mention[0]:f.mention[1]].text if f.mention is not None else None
                    # descriptions only: a name is its own source, a pronoun never
                    self_right = None if mkeys[0].startswith("<") else speaker_matches(written, g)
                rows.quotes += 1
                rows.rule_right.append(rule_ok)
                speakers.count_lexicon(counted, mkeys, self_right, list(zip(ckeys, map(bool, labels))))
            if not cands:  # one empty row keeps the quote (counted wrong when it is in gold)
                feats, labels, ckeys = [[0.0] * len(speakers.FEATURES)], [-1], [("", ())]
            for ckey, feat, lab in zip(ckeys, feats, labels):
                rows.X.append(feat)
                rows.y.append(lab)
                rows.group.append(qno)
                rows.article.append(a_no)
                rows.keys.append((mkeys, ckey))
    if lexicon is None and rows.y:
        X = np.asarray(rows.X, dtype=np.float32)
        X[:, _LEX] = lexicon_columns(rows, rows.lexicon(), leave_out=True)
        rows.X = X
    return rows


def top_accuracy(scores: np.ndarray, y: np.ndarray, group: np.ndarray, quotes: int) -> float:
    """Share of quotes whose best-scored candidate is right (quotes without rows count wrong)."""
    right = 0
    order = np.argsort(group, kind="stable")
    g, s, lab = group[order], scores[order], y[order]
    bounds = np.flatnonzero(np.diff(g)) + 1
    for lo, hi in zip(np.r_[0, bounds], np.r_[bounds, len(g)]):
        right += int(lab[lo + int(np.argmax(s[lo:hi]))] == 1)
    return right / quotes if quotes else 0.0


def fit_ranker(X: np.ndarray, y: np.ndarray, group: np.ndarray, params: dict | None = None,
               rounds: int = RANKER_ROUNDS, seeds: tuple[int, ...] = RANKER_SEEDS):
    """The speaker ranker: one LightGBM booster per seed (an :class:`Ensemble` of them when
    several), ranking each quote's candidates (rows of unmatched quotes left out)."""
    boosters = [_fit_booster(X, y, group, {**(params or RANKER_PARAMS), "seed": seed}, rounds) for seed in seeds]
    return boosters[0] if len(boosters) == 1 else Ensemble(boosters)


def _fit_booster(X: np.ndarray, y: np.ndarray, group: np.ndarray, params: dict | None, rounds: int):
    import lightgbm as lgb

    keep = y >= 0
    X, y, group = X[keep], y[keep], group[keep]
    order = np.argsort(group, kind="stable")
    sizes = np.unique(group[order], return_counts=True)[1]
    params = params or RANKER_PARAMS
    data = lgb.Dataset(X[order], y[order].astype(float), free_raw_data=False,
                       group=sizes if "rank" in params["objective"] else None)
    return lgb.train(params, data, num_boost_round=rounds)


def cross_scores(rows: SpeakerRows, folds: int = 5, fit=fit_ranker) -> np.ndarray:
    """Out-of-fold scores of every row, in k folds by article (article k, k+folds, … in fold k)."""
    X, y, group, article = rows.arrays()
    scores = np.zeros(len(y))
    ids = np.unique(article)
    for k in range(folds):
        test = np.isin(article, ids[k::folds])
        lexicon = rows.lexicon(set(ids) - set(ids[k::folds]))
        Xk = X.copy()
        Xk[np.ix_(~test, _LEX)] = lexicon_columns(rows, lexicon, True, ~test)
        Xk[np.ix_(test, _LEX)] = lexicon_columns(rows, lexicon, False, test)
        model = fit(Xk[~test], y[~test], group[~test])
        scores[test] = model.predict(Xk[test])
    return scores


def cross_validate(rows: SpeakerRows, folds: int = 5, fit=fit_ranker) -> float:
    """Speaker accuracy of ``fit`` in k folds by article."""
    _, y, group, _ = rows.arrays()
    return top_accuracy(cross_scores(rows, folds, fit), y, group, rows.quotes)


def train_speaker_model(train_docs, dev_docs, choose=None, folds: int = 5, speaker_by: str = "name",
                        dev_speaker_by: str | None = None) -> tuple[Any, Lexicon, dict[str, Any]]:
    """Fit the speaker ranker on ``train_docs`` and measure it.

    Returns:
        (booster, lexicon, report): the report holds the quotes and rows learnt from, the rules'
        and the model's accuracy on the training split (cross-validated) and on ``dev_docs``.
    """
    srows = speaker_rows(train_docs, choose=choose, speaker_by=speaker_by)
    cv = cross_validate(srows, folds) if folds else None
    X, y, group, _ = srows.arrays()
    booster = fit_ranker(X, y, group)
    lexicon = srows.lexicon()
    shipped = Lexicon.from_meta(lexicon.to_meta())  # dev reads the lexicon as the model will
    dev = speaker_rows(dev_docs, choose=choose, lexicon=shipped, speaker_by=dev_speaker_by or speaker_by)
    Xd, yd, gd, _ = dev.arrays()
    report = {
        "quotes": srows.quotes, "rows": int((y >= 0).sum()),
        "rules_accuracy": round(sum(srows.rule_right) / max(1, srows.quotes), 4),
        "cv_accuracy": round(cv, 4) if cv is not None else None,
        "dev_accuracy": round(top_accuracy(booster.predict(Xd), yd, gd, dev.quotes), 4),
        "dev_rules_accuracy": round(sum(dev.rule_right) / max(1, dev.quotes), 4),
    }
    return booster, lexicon, report


__all__ = ["RANKER_PARAMS", "RANKER_ROUNDS", "RANKER_SEEDS", "SpeakerRows", "cross_scores", "cross_validate", "fit_ranker",
           "lexicon_columns", "speaker_rows", "top_accuracy", "train_speaker_model"]
