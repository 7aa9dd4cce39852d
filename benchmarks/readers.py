"""Reader throughput beside the bare libraries', on synthetic pages generated here.

    python benchmarks/readers.py [--pages 500] [--fast]

Prints, in one run on the same files: warcio's ArchiveIterator alone (records/s, payload read),
trafilatura.extract and bare_extraction alone (pages/s), and guillemet's read_articles on the WARC and on a folder
of HTML files, and prepare() (clean, language id, dateline) on top.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from samples_io import PARAGRAPHS, html_page, write_warc  # noqa: E402

from guillemet.readers import ReadOptions, ReadStats, prepare, read_articles  # noqa: E402

WORDS = " ".join(PARAGRAPHS).split()


def synthetic_pages(n: int, seed: int = 0) -> list[bytes]:
    """n distinct French-looking pages of 6-12 paragraphs with menus, share bars and footers."""
    rng = random.Random(seed)
    pages = []
    for i in range(n):
        paras = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 90))) + "."
                 for _ in range(rng.randint(6, 12))]
        paras.insert(1, PARAGRAPHS[i % len(PARAGRAPHS)])
        pages.append(html_page(f"Article numéro {i}", paras).encode("utf-8"))
    return pages


def timed(label: str, n: int, unit: str, fn) -> float:
    start = time.perf_counter()
    count = fn()
    elapsed = time.perf_counter() - start
    assert count == n, f"{label}: expected {n}, got {count}"
    rate = n / elapsed
    print(f"{label:<52} {rate:>9.1f} {unit}/s  ({n} in {elapsed:.2f} s)")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--fast", action="store_true", help="trafilatura fast mode (no fallbacks)")
    args = parser.parse_args()
    import trafilatura
    from warcio.archiveiterator import ArchiveIterator

    pages = synthetic_pages(args.pages)
    n = len(pages)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        warc = write_warc(tmp / "crawl.warc.gz", [
            {"url": f"https://exemple.fr/{i}", "body": p} for i, p in enumerate(pages)])
        html_dir = tmp / "html"
        html_dir.mkdir()
        for i, p in enumerate(pages):
            (html_dir / f"{i:05}.html").write_bytes(p)
        mb = warc.stat().st_size / 1e6
        print(f"{n} pages, {sum(map(len, pages)) / n / 1000:.1f} kB each; WARC.gz {mb:.1f} MB; "
              f"trafilatura fast={args.fast}")

        def warcio_alone():
            count = 0
            with open(warc, "rb") as fh:
                for record in ArchiveIterator(fh):
                    if record.rec_type == "response":
                        record.content_stream().read()
                        count += 1
            return count

        def trafilatura_alone():
            return sum(1 for p in pages if trafilatura.extract(
                p, with_metadata=True, include_comments=False, include_tables=False, fast=args.fast))

        def bare_extraction_alone():
            return sum(1 for p in pages if trafilatura.bare_extraction(
                p, with_metadata=True, include_comments=False, include_tables=False, fast=args.fast))

        options = ReadOptions(html_fast=args.fast)
        trafilatura.extract(pages[0])  # warm-up: imports and first-call caches out of the timings

        def ours(source):
            def run():
                stats = ReadStats()
                for _ in read_articles([source], options=options, stats=stats):
                    pass
                return stats.articles
            return run

        def ours_prepared(source):
            return lambda: sum(1 for _ in prepare(read_articles([source], options=options)))

        timed("warcio ArchiveIterator alone (payload read)", n, "records", warcio_alone)
        timed("trafilatura.extract alone (in memory)", n, "pages", trafilatura_alone)
        timed("trafilatura.bare_extraction alone (in memory)", n, "pages", bare_extraction_alone)
        timed("guillemet read_articles, WARC.gz", n, "records", ours(warc))
        timed("guillemet read_articles, folder of HTML files", n, "pages", ours(html_dir))
        timed("guillemet read_articles + prepare, WARC.gz", n, "records", ours_prepared(warc))


if __name__ == "__main__":
    main()
