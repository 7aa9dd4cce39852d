"""Ingest timing and search latency on a corpus.

    python benchmarks/search_latency.py                       # ../shared corpus into a temp SQLite file
    python benchmarks/search_latency.py --db bench.db --reuse # only the searches, on an existing store
    python benchmarks/search_latency.py --max-articles 300 --kill-check

Steps: (1) ingest the corpus into a fresh store and time it; (2) ingest again and check that
nothing is added; (3) with --kill-check, ingest into a second store in a subprocess, kill -9
it midway, rerun, and compare counts with (1); (4) run --queries searches (words drawn from
stored quotes, some with filters, some as phrases, OR or NOT, a third by a speaker's surname)
and report median and p95 latency of ``store.search``; then, on the same queries, of what
the search page and the API add: facets, grouped quotes (``group=quote``), and the speaker
autocomplete (``/api/speakers?q=``, three letters of a surname). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from guillemet.ingest import ingest  # noqa: E402
from guillemet.store import SearchQuery, open_store  # noqa: E402

DEFAULT_CORPUS = HERE.parent.parent / "shared" / "data" / "fr-news.jsonl.gz"
KILLABLE = ("import sys; from guillemet.ingest import ingest; from guillemet.store import open_store\n"
            "with open_store(sys.argv[1]) as s: ingest([sys.argv[2]], s, batch_size=int(sys.argv[3]))")


def subset(corpus: Path, n: int, folder: Path) -> Path:
    """The first n lines of a JSONL(.gz) corpus, as a temporary JSONL file."""
    opener = gzip.open if corpus.suffix == ".gz" else open
    out = folder / f"first-{n}.jsonl"
    with opener(corpus, "rb") as src, open(out, "wb") as dst:
        for i, line in enumerate(src):
            if i >= n:
                break
            dst.write(line)
    return out


def timed_ingest(source: Path, db: str, batch_size: int) -> dict:
    start = time.perf_counter()
    with open_store(db) as store:
        report = ingest([str(source)], store, batch_size=batch_size)
        counts = store.counts()
    seconds = time.perf_counter() - start
    return {"seconds": round(seconds, 1), "read": report.read, "stored": report.stored,
            "already_present": report.already_present, "skipped": len(report.skipped),
            "skipped_reasons": dict(report.skipped_by_reason().most_common(5)), "quotes": report.quotes,
            "articles_per_s": round(report.read / seconds, 2) if seconds else None, "counts": counts}


def kill_check(source: Path, db: str, batch_size: int, after_s: float) -> dict:
    """Ingest in a subprocess, kill -9 it after ``after_s`` seconds, rerun to the end."""
    proc = subprocess.Popen([sys.executable, "-c", KILLABLE, db, str(source), str(batch_size)],
                            cwd=HERE.parent, stderr=subprocess.DEVNULL)
    time.sleep(after_s)
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with open_store(db) as store:
        at_kill = store.counts()
    rerun = timed_ingest(source, db, batch_size)
    return {"killed": killed, "counts_at_kill": at_kill, "counts_after_rerun": rerun["counts"]}


def make_queries(store, n: int, seed: int = 7) -> list[SearchQuery]:
    """n searches: 1-2 words from stored quotes, a third of them with an outlet filter, a third
    by speaker (its surname, as a reader types it); every fifth word search is a phrase, an
    OR or a NOT."""
    rng = random.Random(seed)
    sample = store.search(SearchQuery(limit=1000)).items
    if not sample:
        return [SearchQuery(q=w) for w in ("président", "guerre", "gouvernement", "police", "élection")] * (n // 5)
    outlets = store.outlets() or [None]
    queries = []
    for i in range(n):
        hit = rng.choice(sample)
        words = [w for w in re.findall(r"\w{4,}", hit.quote.content_text)] or ["dit"]
        picked = rng.sample(words, min(len(words), rng.choice((1, 1, 2))))
        text = " ".join(picked)
        if i % 5 == 0 and len(picked) == 2:
            text = rng.choice(('"{}"'.format(text), f"{picked[0]} OR {picked[1]}", f"{picked[0]} NOT {picked[1]}"))
        q = SearchQuery(q=text, limit=20)
        if i % 3 == 1:
            q.outlet = rng.choice(outlets)
        elif i % 3 == 2 and hit.quote.speaker:
            q.speaker, q.q = hit.quote.speaker.split()[-1], None
        queries.append(q)
    return queries


def _timed(fn, items) -> dict:
    times = []
    for item in items:
        start = time.perf_counter()
        fn(item)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"calls": len(times), "median_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2), "max_ms": round(times[-1], 2)}


def search_latency(db: str, n: int) -> dict:
    with open_store(db) as store:
        queries = make_queries(store, n)
        store.search(queries[0])  # warm the cache once
        times, totals = [], []
        for q in queries:
            start = time.perf_counter()
            result = store.search(q)
            times.append((time.perf_counter() - start) * 1000)
            totals.append(result.total)
        counts = store.counts()
        extra = {
            "facets": _timed(store.facets, queries),
            "grouped": _timed(store.quote_groups, queries),
            "speaker_autocomplete": _timed(lambda q: store.list_speakers(q=q, limit=8),
                                           [(q.speaker or "mac")[:3] for q in queries]),
        }
    times.sort()
    return {"queries": len(times), "median_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2), "max_ms": round(times[-1], 2),
            "mean_hits": round(statistics.mean(totals), 1), "store": counts, **extra}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--db", help="SQLite path or postgresql:// URL (default: a temporary file)")
    parser.add_argument("--reuse", action="store_true", help="skip ingest; search an existing --db")
    parser.add_argument("--max-articles", type=int, help="ingest only the first N articles")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--kill-check", action="store_true", help="also kill -9 an ingest midway and rerun")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="guillemet-bench-"))
    db = args.db or str(tmp / "bench.db")
    result: dict = {"db": db if "://" not in db else db.split("@")[-1]}
    if not args.reuse:
        if not args.corpus.exists():
            sys.exit(f"corpus {args.corpus} not found: pass --corpus, or --reuse with --db")
        source = subset(args.corpus, args.max_articles, tmp) if args.max_articles else args.corpus
        result["source"] = str(source)
        result["ingest"] = timed_ingest(source, db, args.batch_size)
        print(json.dumps(result["ingest"]), file=sys.stderr)
        result["rerun"] = timed_ingest(source, db, args.batch_size)
        if args.kill_check:
            second = db + ".killed" if "://" not in db else db
            if "://" in db:
                sys.exit("--kill-check needs an SQLite --db (it makes a second store beside it)")
            half = max(5.0, result["ingest"]["seconds"] / 2)
            check = kill_check(source, second, args.batch_size, half)
            check["same_counts_as_uninterrupted"] = check["counts_after_rerun"] == result["ingest"]["counts"]
            result["kill_check"] = check
    result["search"] = search_latency(db, args.queries)
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
