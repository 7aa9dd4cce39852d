"""Access to ../shared (gold sets, corpus): skipped with a reason when absent, a failure when
GUILLEMET_REQUIRE_SHARED=1 (as in CI), so quality gates never vanish silently."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("GUILLEMET_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared")).resolve()


def shared_path(rel: str) -> Path:
    """The path of a file under ../shared, or skip (fail in CI) when it is not there."""
    path = SHARED / rel
    if not path.exists():
        msg = f"{path} is absent: the gold sets and corpora live in ../shared beside the repository"
        if os.environ.get("GUILLEMET_REQUIRE_SHARED") == "1":
            pytest.fail(msg + " (GUILLEMET_REQUIRE_SHARED=1)")
        pytest.skip(msg)
    return path


def load_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
