"""Executors: run the same extraction steps on more than one process (or machine).

    local   extract_parallel: a process pool on this machine, the model loaded once per worker
    ray     ray_shard_stage (extra ``guillemet[ray]``): shards on Ray Data, an actor pool
            holding the model (imported from guillemet.executors.ray, so Ray stays optional)

Executors never change what is extracted: each article comes back with the quotes a single
:class:`~guillemet.pipeline.Extractor` would give it; ``extract_parallel`` keeps input order,
the Ray stage returns whole shards as they finish.
"""

from __future__ import annotations

from guillemet.executors.local import extract_parallel

__all__ = ["extract_parallel"]
