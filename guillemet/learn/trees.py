"""A LightGBM model read from its text file and evaluated with numpy.

Extraction needs the shipped models' scores, not LightGBM itself: importing ``lightgbm`` costs
one to two seconds per process (it loads pandas, scikit-learn and SciPy when they are
installed), more than the models' whole work on a hundred articles. :class:`Forest` reads the
text file ``guillemet train`` writes (``<name>.lgb.txt``) and scores rows as LightGBM does:
each tree walked from its root (``x <= threshold`` goes left; a missing value, as the split
says), the trees' leaf values added in order, the objective's transform applied (the
sigmoid of ``binary``; ranking and regression scores as they are). Training still uses
LightGBM (guillemet.learn.train); a test compares both on the shipped models.

Only what ``guillemet train`` produces is read: one class, numerical splits. Anything else
(categorical splits, multiclass, linear trees) is refused with a clear error.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

#: LightGBM's bound under which a value counts as zero (for splits whose missing value is zero).
_ZERO = 1e-35
_RAW_OBJECTIVES = ("lambdarank", "rank_xendcg", "regression", "regression_l2", "regression_l1", "huber")


class UnsupportedModel(ValueError):
    """A LightGBM model file with something this reader does not evaluate."""


@dataclass(frozen=True)
class Forest:
    """All trees of a model flattened into arrays, internal nodes and leaves numbered across
    trees. A child is an internal node (>= 0) or the leaf ``-child - 1``."""

    roots: np.ndarray  # per tree: its first split (its splits are numbered from there on)
    feature: np.ndarray  # per internal node
    threshold: np.ndarray
    default_left: np.ndarray  # bool: where a missing value goes
    missing: np.ndarray  # 0 none (NaN read as 0), 1 zero, 2 NaN
    left: np.ndarray
    right: np.ndarray
    leaf_value: np.ndarray
    sigmoid: float | None  # the binary objective's transform; None: raw scores
    n_features: int

    @classmethod
    def from_text(cls, text: str) -> "Forest":
        """Read the text a LightGBM booster saves (``save_model``).

        Raises:
            UnsupportedModel: The file holds what guillemet never trains; the message says what.
        """
        head, _, body = text.partition("\nTree=")
        header = dict(line.split("=", 1) for line in head.splitlines() if "=" in line)
        if int(header.get("num_class", 1)) != 1 or int(header.get("num_tree_per_iteration", 1)) != 1:
            raise UnsupportedModel("a multiclass LightGBM model: guillemet's models score one class")
        if "average_output" in head.split():
            raise UnsupportedModel("a random-forest LightGBM model (average_output): not one guillemet trains")
        objective = header.get("objective", "").split()
        sigmoid = None
        if objective and objective[0] == "binary":
            sigmoid = float(next((p.split(":")[1] for p in objective[1:] if p.startswith("sigmoid:")), 1.0))
        elif not objective or objective[0] not in _RAW_OBJECTIVES:
            raise UnsupportedModel(f"objective {' '.join(objective) or '(none)'!r}: guillemet's readers know "
                                   f"binary and {', '.join(_RAW_OBJECTIVES)}")
        trees = [_read_tree(block) for block in ("Tree=" + body).split("\nTree=") if block.strip()]
        if not trees:
            raise UnsupportedModel("a LightGBM model file without trees")
        roots, cols = [], {k: [] for k in ("feature", "threshold", "default_left", "missing", "left", "right")}
        leaves: list[float] = []
        for t in trees:
            node_base, leaf_base = len(cols["feature"]), len(leaves)

            def child(c: int) -> int:
                return c + node_base if c >= 0 else -(leaf_base + (-c - 1)) - 1

            if not t["feature"]:  # one leaf: a split every row passes on the left
                t = {**t, "feature": [0], "threshold": [np.inf], "default_left": [True], "missing": [0],
                     "left": [-1], "right": [-1]}
            roots.append(node_base)
            for k in ("feature", "threshold", "default_left", "missing"):
                cols[k].extend(t[k])
            cols["left"].extend(child(c) for c in t["left"])
            cols["right"].extend(child(c) for c in t["right"])
            leaves.extend(t["leaf_value"])
        return cls(roots=np.array(roots, dtype=np.int64),
                   feature=np.array(cols["feature"], dtype=np.int64),
                   threshold=np.array(cols["threshold"], dtype=np.float64),
                   default_left=np.array(cols["default_left"], dtype=bool),
                   missing=np.array(cols["missing"], dtype=np.int8),
                   left=np.array(cols["left"], dtype=np.int64), right=np.array(cols["right"], dtype=np.int64),
                   leaf_value=np.array(leaves, dtype=np.float64), sigmoid=sigmoid,
                   n_features=int(header.get("max_feature_idx", -1)) + 1)

    def predict(self, X) -> np.ndarray:
        """Scores of the rows of ``X`` (rows × features), as ``lightgbm.Booster.predict``."""
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or X.shape[1] != self.n_features:
            raise ValueError(f"rows of {self.n_features} features expected, got shape {X.shape}")
        n = X.shape[0]
        if n == 0:
            return np.zeros(0)
        # every split's answer for every row at once …
        x = X[:, self.feature]
        if self._plain and not np.isnan(X).any():
            go_left = x <= self.threshold
        else:  # a missing value goes where the split says
            nan = np.isnan(x)
            x = np.where(nan & (self.missing != 2), 0.0, x)
            absent = ((self.missing == 1) & (np.abs(x) <= _ZERO)) | ((self.missing == 2) & nan)
            go_left = np.where(absent, self.default_left, x <= self.threshold)
        # … then each tree's exit leaf read from them at once: every split that sends a row
        # right rules out the leaves on its left; the row's leaf is the leftmost one left
        # (the bit vectors of QuickScorer, Lucchese et al., SIGIR 2015)
        walk = self._walk
        kept = np.bitwise_and.reduceat(np.where(go_left, walk.everything, walk.ruled_out), walk.first_split, axis=1)
        lowest = kept & (~kept + np.uint64(1))
        leaf = walk.leaf_at[walk.first_leaf + np.log2(lowest.astype(np.float64)).astype(np.int64)]
        # the trees' values added in order, as LightGBM adds them
        raw = np.cumsum(self.leaf_value[leaf], axis=1)[:, -1]
        return raw if self.sigmoid is None else 1.0 / (1.0 + np.exp(-self.sigmoid * raw))

    @cached_property
    def _plain(self) -> bool:
        """No split treats zero or NaN as missing."""
        return bool((self.missing == 0).all())

    @cached_property
    def _walk(self) -> "_Walk":
        """Per split, the bit vector of the leaves of its tree (left to right) it rules out when
        a row goes right; per tree, where its splits and its leaves (left to right) start."""
        ruled_out = np.zeros(len(self.feature), dtype=np.uint64)
        first_leaf, leaf_at = [], []
        for t in range(len(self.roots)):
            order: list[int] = []  # the tree's leaves, left to right

            def visit(node: int) -> list[int]:
                """The positions (left to right) of the leaves under ``node``."""
                if node < 0:
                    order.append(-node - 1)
                    return [len(order) - 1]
                under_left = visit(int(self.left[node]))
                ruled_out[node] = np.uint64(sum(1 << p for p in under_left) ^ ((1 << 64) - 1))
                return under_left + visit(int(self.right[node]))

            visit(int(self.roots[t]))
            if len(order) > 64:
                raise UnsupportedModel("a tree of more than 64 leaves: guillemet's models have 14")
            first_leaf.append(len(leaf_at))
            leaf_at.extend(order)
        return _Walk(ruled_out, self.roots, np.array(first_leaf, dtype=np.int64), np.array(leaf_at, dtype=np.int64),
                     np.uint64((1 << 64) - 1))


@dataclass(frozen=True)
class _Walk:
    ruled_out: np.ndarray  # per split: every bit set but those of the leaves on its left
    first_split: np.ndarray  # per tree
    first_leaf: np.ndarray  # per tree, into leaf_at
    leaf_at: np.ndarray  # leaf numbers, tree by tree, left to right
    everything: np.uint64


def _read_tree(block: str) -> dict:
    fields = dict(line.split("=", 1) for line in block.splitlines() if "=" in line)
    if int(fields.get("num_cat", 0)) or int(fields.get("is_linear", 0)):
        raise UnsupportedModel("categorical splits or linear trees: not what guillemet trains")
    leaf_value = [float(v) for v in fields["leaf_value"].split()]
    if int(fields["num_leaves"]) <= 1:
        return {"feature": [], "threshold": [], "default_left": [], "missing": [], "left": [], "right": [],
                "leaf_value": leaf_value}
    decision = [int(v) for v in fields["decision_type"].split()]
    if any(d & 1 for d in decision):
        raise UnsupportedModel("categorical splits: not what guillemet trains")
    left = [int(v) for v in fields["left_child"].split()]
    right = [int(v) for v in fields["right_child"].split()]
    return {"feature": [int(v) for v in fields["split_feature"].split()],
            "threshold": [float(v) for v in fields["threshold"].split()],
            "default_left": [bool(d & 2) for d in decision], "missing": [(d >> 2) & 3 for d in decision],
            "left": left, "right": right, "leaf_value": leaf_value}


__all__ = ["Forest", "UnsupportedModel"]
