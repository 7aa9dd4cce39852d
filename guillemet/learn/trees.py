"""A LightGBM model read from its text file and evaluated with numpy.

Extraction needs the shipped models' scores, not LightGBM itself: importing ``lightgbm`` costs
one to two seconds per process (it loads pandas, scikit-learn and SciPy when they are
installed), more than the models' whole work on a hundred articles. :class:`Forest` reads the
text file ``guillemet train`` writes (``<name>.lgb.txt``) and scores rows as LightGBM does:
in every tree the leaf a row reaches (``x <= threshold`` goes left; a missing value, as the
split says), found for all trees and rows at once from the answers of every split (the bit
vectors of QuickScorer), the trees' leaf values added in order, the objective's transform
applied (the sigmoid of ``binary``; ranking and regression scores as they are). Training
still uses LightGBM (guillemet.learn.train); a test compares both on the shipped models.

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
        # every split's answer for every row at once, trees padded to one width (a padding
        # split sends every row left) …
        walk = self._walk
        x = np.take(X, walk.feature, axis=1)
        if walk.plain and not np.isnan(X).any():
            go_right = x > walk.threshold
        else:  # a missing value goes where the split says
            nan = np.isnan(x)
            x = np.where(nan & (walk.missing != 2), 0.0, x)
            absent = ((walk.missing == 1) & (np.abs(x) <= _ZERO)) | ((walk.missing == 2) & nan)
            go_right = ~np.where(absent, walk.default_left, x <= walk.threshold)
        # … then each tree's exit leaf read from them at once: a split that sends a row right
        # rules out the leaves on its left; the row's leaf is the leftmost one left (the bit
        # vectors of QuickScorer, Lucchese et al., SIGIR 2015)
        ruled_out = np.bitwise_or.reduce(walk.left_bits * go_right.reshape(n, *walk.left_bits.shape), axis=2)
        leaf = walk.leaf_at[walk.first_leaf + _lowest_bit(~ruled_out)]
        # the trees' values added in order, as LightGBM adds them
        raw = np.cumsum(self.leaf_value[leaf], axis=1)[:, -1]
        return raw if self.sigmoid is None else 1.0 / (1.0 + np.exp(-self.sigmoid * raw))

    @cached_property
    def _walk(self) -> "_Walk":
        """Per tree and split, the bits of the leaves (left to right) on its left; the trees'
        leaves in that order."""
        trees = len(self.roots)
        ends = [*self.roots[1:].tolist(), len(self.feature)]
        width = max(e - r for r, e in zip(self.roots.tolist(), ends))
        first_leaf, leaf_at, bits, most = [], [], [], 1
        for t in range(trees):
            order: list[int] = []  # the tree's leaves, left to right
            left_of: dict[int, int] = {}

            def visit(node: int) -> list[int]:
                """The positions (left to right) of the leaves under ``node``."""
                if node < 0:
                    order.append(-node - 1)
                    return [len(order) - 1]
                under_left = visit(int(self.left[node]))
                left_of[node] = sum(1 << p for p in under_left)
                return under_left + visit(int(self.right[node]))

            visit(int(self.roots[t]))
            if len(order) > 64:
                raise UnsupportedModel("a tree of more than 64 leaves: guillemet's models have 14")
            most = max(most, len(order))
            first_leaf.append(len(leaf_at))
            leaf_at.extend(order)
            bits.append([left_of.get(k, 0) for k in range(int(self.roots[t]), ends[t])])
        dtype = next(d for d in (np.uint8, np.uint16, np.uint32, np.uint64) if most <= np.iinfo(d).bits)
        left_bits = np.zeros((trees, width), dtype=dtype)
        split = np.full((trees, width), -1, dtype=np.int64)  # -1: padding
        for t, row in enumerate(bits):
            left_bits[t, :len(row)] = row
            split[t, :len(row)] = np.arange(int(self.roots[t]), int(self.roots[t]) + len(row))
        split, pad = split.reshape(-1), split.reshape(-1) < 0
        at = np.where(pad, 0, split)
        return _Walk(left_bits, np.where(pad, 0, self.feature[at]), np.where(pad, np.inf, self.threshold[at]),
                     np.where(pad, True, self.default_left[at]), np.where(pad, 0, self.missing[at]),
                     bool((self.missing == 0).all()), np.array(first_leaf, dtype=np.int64),
                     np.array(leaf_at, dtype=np.int64))


@dataclass(frozen=True)
class _Walk:
    """The splits laid out tree by tree, each tree padded to the widest (flattened arrays)."""

    left_bits: np.ndarray  # trees × splits: the bits of the leaves on each split's left
    feature: np.ndarray
    threshold: np.ndarray  # a padding split's is infinite: every row goes left
    default_left: np.ndarray
    missing: np.ndarray
    plain: bool  # no split treats zero or NaN as missing
    first_leaf: np.ndarray  # per tree, into leaf_at
    leaf_at: np.ndarray  # leaf numbers, tree by tree, left to right


def _lowest_bit(values: np.ndarray) -> np.ndarray:
    """The position of the lowest set bit of each (non-zero) value."""
    lowest = values & (~values + values.dtype.type(1))
    return np.log2(lowest.astype(np.float64)).astype(np.int64)


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
