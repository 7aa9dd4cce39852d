"""A million quotes: store write rate, size on disk, search latency per query shape, and a load
test over HTTP, on SQLite and PostgreSQL.

    python benchmarks/million.py --source corpus.db --db big.db                    # SQLite
    python benchmarks/million.py --source corpus.db --db postgresql://u:p@127.0.0.1/db
    python benchmarks/million.py --db big.db --reuse --quotes 1000000             # queries only

**How the records are made.** ``--source`` is a store of the real corpus (``guillemet ingest
../shared/data/fr-news.jsonl.gz``; the crash test leaves one). Synthetic articles are drawn
from it, seeded:

* quotes per article, outlets, kinds and cue verbs follow their frequencies in the source;
* a quote's words are the first half of one real quote and the second half of another, so
  word frequencies (and so full-text posting lists) keep the corpus's shape without 37 copies
  of each text;
* speakers: 70 % are real speakers of the source, drawn by how often they are quoted there
  (a Zipf-like head: the most quoted speaker gets tens of thousands of quotes); 30 % are new
  people, a real given name and a surname made of halves of two real surnames: the long
  tail of a growing archive;
* published dates are spread evenly over ten years (2015-2024);
* each article's text is its quotes written out as « … », <cue> <speaker>. with exact
  offsets, and its speakers are listed as the extractor lists them.

On PostgreSQL the tables are then vacuumed and analysed (what autovacuum does after a bulk
load: statistics for the planner, the visibility map for index-only counts).

Articles go into the store with ``Store.put(batch, identity)`` (what ``ingest`` does after
extraction, speaker ids across the store included), so the write rate measured is the
store's, not the parser's (about 12 articles/s per process, see README Throughput).

Then each query shape runs ``--repeat`` times with different values (words, speakers,
outlets, dates) through the store's own methods, and p50/p95 are reported; then ``guillemet
serve`` runs on the store and ``--requests`` HTTP requests over ten URL shapes are sent at
``--concurrency`` on 127.0.0.1, with the server's peak memory. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urlencode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from guillemet.identity import speaker_id  # noqa: E402
from guillemet.record import Article, Quote, Speaker  # noqa: E402
from guillemet.speakers import SpeakerIdentity  # noqa: E402
from guillemet.store import SearchQuery, is_postgres_url, open_store  # noqa: E402

WORD = re.compile(r"\w{4,}")


# --- the source distribution -------------------------------------------------------------------

class Source:
    """What synthetic articles are drawn from: the real corpus's quotes, speakers, outlets."""

    def __init__(self, db: str, seed: int) -> None:
        self.rng = random.Random(seed)
        with open_store(db, readonly=True) as store:
            rows = store._query("SELECT q.article_id, q.kind, q.content_text, q.cue_text, q.speaker, q.speaker_type, "
                                "a.outlet FROM quotes q JOIN articles a ON a.id = q.article_id")
        if not rows:
            raise SystemExit(f"{db} holds no quotes: ingest the corpus into it first")
        self.quotes = [(k, c, cue) for _, k, c, cue, _, _, _ in rows if c and len(c.split()) >= 4]
        per_article = Counter(r[0] for r in rows)
        self.sizes = list(per_article.values())
        outlets = {}
        for a, *_, outlet in rows:
            outlets[a] = outlet or "inconnu"
        self.outlets = list(outlets.values())
        self.speakers = [(s, t) for *_, s, t, _ in rows if s]
        people = [s for s, t in self.speakers if t == "person" and len(s.split()) == 2]
        self.given = [p.split()[0] for p in people]
        self.surnames = [p.split()[1] for p in people]

    def quote(self) -> tuple[str, str, str]:
        (kind, a, cue), (_, b, _) = self.rng.choice(self.quotes), self.rng.choice(self.quotes)
        wa, wb = a.split(), b.split()
        words = wa[:len(wa) // 2] + wb[len(wb) // 2:]
        return kind, " ".join(words), cue or "a déclaré"

    def speaker(self) -> tuple[str, str]:
        if self.rng.random() < 0.7 or not self.given:
            return self.rng.choice(self.speakers)
        # a new person: a real given name, a surname made of halves of two real ones (the long
        # tail of rare surnames an archive gathers, not a few surnames shared by thousands)
        a, b = self.rng.choice(self.surnames), self.rng.choice(self.surnames)
        return f"{self.rng.choice(self.given)} {a[:max(1, len(a) // 2)]}{b[len(b) // 2:].lower()}", "person"

    def article(self, i: int) -> Article:
        parts, quotes, speakers = [], [], {}
        pos = 0
        for _ in range(self.rng.choice(self.sizes)):
            kind, content, cue = self.quote()
            name, type_ = self.speaker()
            head = "« "
            sentence = f"{head}{content} », {cue} {name}. "
            start = pos + len(head)
            cue_start = start + len(content) + 3
            name_start = cue_start + len(cue) + 1
            try:
                sid = speaker_id(name, type_)
            except ValueError:
                sid = None
            quotes.append(Quote(kind=kind, content=(start, start + len(content)), content_text=content,
                                cue=(cue_start, cue_start + len(cue)), cue_text=cue,
                                speaker_mention=(name_start, name_start + len(name)), speaker_mention_text=name,
                                speaker=name, speaker_id=sid, speaker_type=type_, confidence=0.8))
            if sid:
                speakers.setdefault(sid, Speaker(id=sid, name=name, type=type_))
            parts.append(sentence)
            pos += len(sentence)
        day = 16436 + self.rng.randrange(3653)  # 2015-01-01 + up to ten years
        import datetime as dt

        published = (dt.date(1970, 1, 1) + dt.timedelta(days=day)).isoformat()
        return Article(text="".join(parts), id=f"syn-{i:07d}", outlet=self.rng.choice(self.outlets),
                       published=published, title=" ".join(self.quote()[1].split()[:8]),
                       quotes=quotes, speakers=list(speakers.values()))


# --- filling -----------------------------------------------------------------------------------

def fill(db: str, source: Source, quotes: int, batch: int) -> dict:
    identity = SpeakerIdentity()
    times: list[tuple[int, float]] = []  # (quotes after the batch, seconds of the batch)
    written = articles = 0
    start = time.perf_counter()
    with open_store(db) as store:
        while written < quotes:
            docs = []
            while len(docs) < batch and written < quotes:
                a = source.article(articles)
                articles += 1
                written += len(a.quotes)
                docs.append(a)
            t = time.perf_counter()
            store.put(docs, identity)
            times.append((written, time.perf_counter() - t))
            if len(times) % 20 == 0:
                print(f"  {written:,} quotes, last batch {times[-1][1]:.2f} s", file=sys.stderr, flush=True)
        counts = store.counts()
        if is_postgres_url(db):  # what autovacuum does after a bulk load, now
            import psycopg

            with psycopg.connect(db, autocommit=True) as conn:
                for table in ("articles", "quotes", "article_speakers", "speakers", "speaker_names"):
                    conn.execute(f"VACUUM ANALYZE {table}")
    total = time.perf_counter() - start
    last = [s for q, s in times if q >= quotes * 0.9]
    per_batch = batch * (written / articles)
    return {"articles": articles, "quotes": written, "counts": counts, "seconds": round(total, 1),
            "articles_per_s": round(articles / total, 1), "quotes_per_s": round(written / total),
            "last_10pct_quotes_per_s": round(per_batch * len(last) / sum(last)) if last else None,
            "batch_articles": batch}


def size_on_disk(db: str) -> dict:
    if not is_postgres_url(db):
        files = [Path(db), Path(db + "-wal"), Path(db + "-shm")]
        return {"bytes": sum(f.stat().st_size for f in files if f.exists())}
    with open_store(db, readonly=True) as store:
        rows = store._query("SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c "
                            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
                            "AND c.relkind = 'r'")
    return {"bytes": sum(b for _, b in rows), "tables": {n: b for n, b in sorted(rows)}}


# --- query shapes ------------------------------------------------------------------------------

def shapes(store, rng: random.Random) -> dict:
    """The query shapes (thirteen), each a function of a random draw, run through the store's methods."""
    words = [w.lower() for (t,) in store._query("SELECT content_text FROM quotes WHERE mod(qid, 997) = 0")
             for w in WORD.findall(t)]
    common = [w for w, _ in Counter(words).most_common(300)][50:]  # frequent, not stop words
    rare = [w for w, n in Counter(words).items() if n == 1][:500] or common
    top = store._query("SELECT speaker_id, count(*) AS n FROM quotes WHERE speaker_id IS NOT NULL "
                       "GROUP BY speaker_id ORDER BY n DESC LIMIT 200")
    speakers = [s for s, _ in top]
    names = {sid: name for sid, name in store._query("SELECT id, name FROM speakers WHERE id IN "
                                                     f"({', '.join('?' * len(speakers))})", speakers)}
    outlets = store.outlets()

    def month() -> tuple[str, str]:
        y, m = rng.randrange(2015, 2025), rng.randrange(1, 13)
        return f"{y}-{m:02d}-01", f"{y}-{m:02d}-28"

    def facets(q: str) -> None:  # the facet panel of a search page
        store.facets(SearchQuery(q=q))

    def grouped(q: str) -> None:  # one quote with all its occurrences, for a search
        store.quote_groups(SearchQuery(q=q))

    since, until = month()
    return {
        "word": lambda: store.search(SearchQuery(q=rng.choice(common))),
        "word_newest_first": lambda: store.search(SearchQuery(q=rng.choice(common), sort="date")),
        "rare_word": lambda: store.search(SearchQuery(q=rng.choice(rare))),
        "two_words": lambda: store.search(SearchQuery(q=f"{rng.choice(common)} {rng.choice(common)}")),
        "speaker_id": lambda: store.search(SearchQuery(speaker=rng.choice(speakers[:50]))),
        "speaker_name": lambda: store.search(SearchQuery(speaker=names.get(rng.choice(speakers[:50]), "x"))),
        "outlet": lambda: store.search(SearchQuery(outlet=rng.choice(outlets))),
        "date_range": lambda: store.search(SearchQuery(since=month()[0], until=month()[1])),
        "word_outlet_dates": lambda: store.search(SearchQuery(q=rng.choice(common), outlet=rng.choice(outlets),
                                                              since=since, until=until)),
        "facets": lambda: facets(rng.choice(common)),
        "grouped_quotes": lambda: grouped(rng.choice(common)),
        "speaker_profile": lambda: store.speaker_profile(rng.choice(speakers[:50])),
        "deep_page": lambda: store.search(SearchQuery(limit=20, offset=rng.randrange(10_000, 100_000))),
    }, {"common": common, "speakers": speakers, "outlets": outlets, "names": names}


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def measure(db: str, repeat: int, seed: int) -> tuple[dict, dict]:
    rng = random.Random(seed)
    out = {}
    with open_store(db, readonly=True) as store:
        runs, pools = shapes(store, rng)
        for name, fn in runs.items():
            fn()  # warm the cache once, as a server that has run a while
            times = []
            for _ in range(repeat):
                t = time.perf_counter()
                fn()
                times.append((time.perf_counter() - t) * 1000)
            out[name] = {"p50_ms": round(percentile(times, 50), 1), "p95_ms": round(percentile(times, 95), 1),
                         "max_ms": round(max(times), 1)}
    return out, pools


# --- load test ---------------------------------------------------------------------------------

def load_test(db: str, pools: dict, requests: int, concurrency: int, port: int, seed: int,
              server_log: Path | None = None) -> dict:
    """The HTTP load test; the server's log (its tracebacks) goes to ``server_log``, and the
    result names the exceptions it holds and the URLs that failed."""
    rng = random.Random(seed)
    server_log = server_log or Path(tempfile.gettempdir()) / f"guillemet-million-server-{os.getpid()}.log"
    log = server_log.open("w", encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "guillemet.cli", "serve", "--db", db, "--port", str(port)],
                              cwd=ROOT, stderr=log, stdout=log)
    try:
        for _ in range(300):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/api/quotes?limit=1")
                break
            except OSError:
                time.sleep(0.2)
        common, speakers, outlets = pools["common"], pools["speakers"], pools["outlets"]

        def url() -> str:
            shape = rng.randrange(10)
            w = rng.choice(common)
            return [f"/api/quotes?q={quote(w)}",
                    f"/?q={quote(w)}",
                    f"/api/quotes?q={quote(w + ' ' + rng.choice(common))}",
                    f"/api/quotes?speaker={quote(rng.choice(speakers[:50]))}",
                    f"/api/speakers/{quote(rng.choice(speakers[:50]))}",
                    f"/speakers/{quote(rng.choice(speakers[:50]))}",
                    f"/api/quotes?{urlencode({'outlet': rng.choice(outlets)})}",
                    f"/api/quotes?since=2019-0{rng.randrange(1, 10)}-01&until=2019-0{rng.randrange(1, 10)}-28",
                    f"/api/quotes?q={quote(w)}&kind=direct&limit=50",
                    f"/articles/syn-{rng.randrange(1000):07d}"][shape]

        urls = [url() for _ in range(requests)]
        local = threading.local()
        results: list[tuple[int, float]] = []
        failed: Counter = Counter()

        def get(path: str) -> None:
            conn = getattr(local, "conn", None) or http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            local.conn = conn
            t = time.perf_counter()
            try:
                conn.request("GET", path)
                r = conn.getresponse()
                r.read()
                status = r.status
            except OSError:
                local.conn = None
                status = 0
            results.append((status, (time.perf_counter() - t) * 1000))
            if status != 200:
                failed[(status, _url_shape(path))] += 1

        start = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            list(pool.map(get, urls))
        seconds = time.perf_counter() - start
        memory = _memory_mb(server.pid)
    finally:
        server.terminate()
        server.wait(30)
        log.close()
    times = [ms for _, ms in results]
    errors = Counter(s for s, _ in results if s != 200)
    raised = Counter(m.group(1) for m in re.finditer(r"^(\w+(?:\.\w+)*(?:Error|Exception)\b.*)$",
                                                      server_log.read_text(encoding="utf-8", errors="replace"), re.M))
    return {"requests": requests, "concurrency": concurrency, "errors": sum(errors.values()),
            "error_statuses": dict(errors), "failed_urls": {f"{s} {u}": n for (s, u), n in failed.most_common()},
            "server_log": str(server_log), "server_exceptions": dict(raised.most_common(10)),
            "seconds": round(seconds, 1),
            "requests_per_s": round(requests / seconds, 1), "p50_ms": round(percentile(times, 50), 1),
            "p95_ms": round(percentile(times, 95), 1), "server_peak_rss_mb": memory.get("VmHWM"),
            "server_private_mb": memory.get("RssAnon"), "server_mapped_file_mb": memory.get("RssFile")}


def _url_shape(path: str) -> str:
    """A URL without its query and its id ("/speakers/person:x" → "/speakers")."""
    path = path.split("?")[0]
    return path.rsplit("/", 1)[0] if path.startswith(("/speakers/", "/articles/", "/api/speakers/")) else path


def _memory_mb(pid: int) -> dict[str, float]:
    """The server's memory from /proc: its peak resident size (VmHWM), and now its private
    memory (RssAnon) and the file pages it maps (RssFile). SQLite maps the database into
    each connection (mmap_size): those pages are the OS's page cache, shared, but counted in
    the resident size once per connection that touched them."""
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("VmHWM", "RssAnon", "RssFile"):
                out[name] = round(int(value.split()[0]) / 1024, 1)
    except OSError:
        pass
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="SQLite file or postgresql:// URL to fill")
    parser.add_argument("--source", help="a store of the real corpus to draw records from")
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=500, help="articles per Store.put")
    parser.add_argument("--reuse", action="store_true", help="the store is filled already: only measure")
    parser.add_argument("--repeat", type=int, default=40, help="runs of each query shape")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()

    result: dict = {"db": "postgresql" if is_postgres_url(args.db) else "sqlite", "target_quotes": args.quotes}
    if not args.reuse:
        if not args.source:
            parser.error("--source (a store of the real corpus) is needed to fill the store")
        result["fill"] = fill(args.db, Source(args.source, args.seed), args.quotes, args.batch)
    result["size_on_disk"] = size_on_disk(args.db)
    result["queries"], pools = measure(args.db, args.repeat, args.seed)
    if args.requests:
        result["load_test"] = load_test(args.db, pools, args.requests, args.concurrency, args.port, args.seed)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
