"""The crash test at scale: kill -9 an ingest of a whole corpus at several points, rerun it,
and compare every table with one clean, uninterrupted ingest.

    python benchmarks/crash_test.py                                   # ../shared corpus, SQLite
    python benchmarks/crash_test.py --db postgresql://u:p@127.0.0.1/db --workers 2
    python benchmarks/crash_test.py --reference ref.db --keep        # reuse a clean store

Each run is ``guillemet ingest CORPUS --db DB --workers N --batch-size B`` in its own process
group; a kill sends SIGKILL to the group (the ingest and its worker processes) once the store
holds the given share of the corpus. After the last kill the ingest runs to its end. Both
stores are then dumped table by table (articles, quotes, article_speakers, speakers,
speaker_names, speaker_words, the quote tally and the counts per common word; surrogate keys
left out) and compared row for row. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from guillemet.store import is_postgres_url, open_store  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "fr-news.jsonl.gz"

#: Every table, in a fixed row order; qid (a surrogate key) is left out.
TABLES = {
    "articles": "SELECT {article_cols} FROM articles ORDER BY id",
    "quotes": "SELECT {quote_cols} FROM quotes ORDER BY article_id, position",
    "article_speakers": "SELECT {article_speaker_cols} FROM article_speakers ORDER BY article_id, position",
    "speakers": "SELECT {speaker_cols} FROM speakers ORDER BY id",
    "speaker_names": "SELECT * FROM speaker_names ORDER BY type, name",
    "speaker_words": "SELECT word, speaker_id FROM speaker_words ORDER BY word, speaker_id",
    "quote_tally": "SELECT * FROM quote_tally ORDER BY outlet, month, kind, speaker_type",
    "word_tally": "SELECT * FROM word_tally ORDER BY stem, facet, value",
    "word_speakers": "SELECT * FROM word_speakers ORDER BY stem, speaker_type, speaker",
    "word_lengths": "SELECT * FROM word_lengths ORDER BY stem, tf, dl",
    "word_best": "SELECT stem, tf, dl, published, article_id, position FROM word_best ORDER BY stem, article_id, position",
    "word_repeats": "SELECT * FROM word_repeats ORDER BY stem, text_key",
}


def ingest_command(corpus: Path, db: str, workers: int, batch_size: int) -> list[str]:
    return [sys.executable, "-m", "guillemet.cli", "ingest", str(corpus), "--db", db, "--workers", str(workers),
            "--batch-size", str(batch_size), "--no-progress"]


def run(cmd: list[str], log: Path) -> tuple[int, float]:
    start = time.perf_counter()
    with open(log, "ab") as out:
        code = subprocess.run(cmd, cwd=ROOT, stdout=out, stderr=out).returncode
    return code, time.perf_counter() - start


def stored_articles(db: str) -> int:
    try:
        with open_store(db, readonly=True) as store:
            return store.counts()["articles"]
    except Exception:  # the store does not exist yet
        return 0


def killed_run(cmd: list[str], db: str, stop_at: int, log: Path) -> dict:
    """Start the ingest; SIGKILL its process group once the store holds ``stop_at`` articles."""
    start = time.perf_counter()
    with open(log, "ab") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=out, start_new_session=True)
        while proc.poll() is None and stored_articles(db) < stop_at:
            time.sleep(0.5)
        finished = proc.poll() is not None
        if not finished:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    return {"stop_at": stop_at, "killed": not finished, "stored_at_kill": stored_articles(db),
            "seconds": round(time.perf_counter() - start, 1)}


def dump(db: str) -> dict[str, list[tuple]]:
    from guillemet.store.schema import ARTICLE_SPEAKERS, ARTICLES, QUOTES, SPEAKERS

    def cols(columns) -> str:
        return ", ".join(f'"{c}"' for c in columns)

    names = {"quote_cols": cols(QUOTES.columns),  # the record's columns, in its order: no qid
             "article_cols": cols(c for f in ARTICLES.fields for c in f.columns),  # no store counts
             "article_speaker_cols": cols(ARTICLE_SPEAKERS.columns), "speaker_cols": cols(SPEAKERS.columns)}
    with open_store(db, readonly=True) as store:
        return {name: [tuple(r) for r in store._query(sql.format(**names))] for name, sql in TABLES.items()}


def digest(rows: list[tuple]) -> str:
    h = hashlib.sha256()
    for row in rows:
        h.update(repr(row).encode("utf-8", "surrogatepass") + b"\n")
    return h.hexdigest()[:16]


def compare(reference: dict, candidate: dict) -> dict:
    out = {}
    for name in TABLES:
        a, b = reference[name], candidate[name]
        differing = sum(1 for x, y in zip(a, b) if x != y) + abs(len(a) - len(b))
        out[name] = {"rows": len(a), "rows_after_kills": len(b), "differing_rows": differing,
                     "sha256_reference": digest(a), "sha256_after_kills": digest(b)}
    return out


def fresh_db(base: str | None, folder: Path, name: str) -> str:
    """A new SQLite file in ``folder``, or a new schema on the PostgreSQL server ``base``."""
    if base is None or not is_postgres_url(base):
        return str(folder / f"{name}.db")
    import psycopg

    schema = f"crash_{name}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options={quote(f'-csearch_path={schema},public')}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--db", default=None, help="postgresql:// URL (a schema per store); default SQLite files")
    parser.add_argument("--reference", default=None, help="an existing clean store to compare with")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--kill-at", default="0.25,0.5,0.75", help="shares of the corpus stored when killed")
    parser.add_argument("--folder", type=Path, default=None, help="where SQLite stores and logs go")
    parser.add_argument("--compare", nargs=2, metavar=("REFERENCE", "OTHER"),
                        help="only compare two stores already made")
    args = parser.parse_args()
    if args.compare:
        tables = compare(dump(args.compare[0]), dump(args.compare[1]))
        print(json.dumps({"tables": tables, "identical": all(t["differing_rows"] == 0 for t in tables.values())},
                         indent=2))
        return

    folder = args.folder or Path(tempfile.mkdtemp(prefix="guillemet-crash-"))
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "ingest.log"
    import gzip

    opener = gzip.open if args.corpus.suffix == ".gz" else open
    with opener(args.corpus, "rb") as fh:
        total = sum(1 for line in fh if line.strip())
    result: dict = {"corpus": str(args.corpus), "articles_in_corpus": total, "workers": args.workers,
                    "batch_size": args.batch_size, "backend": "postgresql" if args.db else "sqlite",
                    "folder": str(folder)}
    reference = args.reference or fresh_db(args.db, folder, "reference")
    if not args.reference:
        code, seconds = run(ingest_command(args.corpus, reference, args.workers, args.batch_size), log)
        result["clean_run"] = {"exit": code, "seconds": round(seconds, 1)}
    candidate = fresh_db(args.db, folder, "killed")
    cmd = ingest_command(args.corpus, candidate, args.workers, args.batch_size)
    result["kills"] = [killed_run(cmd, candidate, int(total * float(share)), log)
                       for share in args.kill_at.split(",")]
    code, seconds = run(cmd, log)
    result["final_rerun"] = {"exit": code, "seconds": round(seconds, 1)}
    result["tables"] = compare(dump(reference), dump(candidate))
    result["identical"] = all(t["differing_rows"] == 0 for t in result["tables"].values())
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
