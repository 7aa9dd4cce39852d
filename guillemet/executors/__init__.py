"""Executors: run the same extraction steps on more than one process (or machine).

    local   extract_parallel: a process pool on this machine, the model loaded once per worker
    ray     (extra ``guillemet[ray]``) the same steps on Ray Data

Executors never change what is extracted: each returns the articles in input order with the
same quotes a single :class:`~guillemet.pipeline.Extractor` would give them.
"""

from __future__ import annotations

from guillemet.executors.local import extract_parallel

__all__ = ["extract_parallel"]
