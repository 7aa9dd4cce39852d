"""The command line: every verb has help with an example; extract and eval behave."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from guillemet.cli import main


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    for name, cmd in main.commands.items():
        res = runner.invoke(main, [name, "--help"])
        assert res.exit_code == 0, name
        assert "Example" in res.output, f"guillemet {name} --help shows no example"


def test_extract_jsonl_reports_bad_lines_and_keeps_the_good(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "« Nous partirons demain », a dit Paul Martin."}\n'
                   "{not json\n"
                   '{"id": "b", "text": "Rien à signaler ici."}\n', encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "guillemet.cli", "extract", "--format", "jsonl", str(src)],
                         capture_output=True, text=True)
    assert res.returncode == 1
    assert "in.jsonl:2" in res.stderr
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    assert [d["id"] for d in lines] == ["a", "b"]
    q = lines[0]["quotes"][0]
    assert q["kind"] == "direct" and q["speaker"] == "Paul Martin"
    text = "« Nous partirons demain », a dit Paul Martin."
    assert text[q["content"][0]:q["content"][1]] == q["content_text"]


def test_extract_reads_standard_input():
    res = subprocess.run([sys.executable, "-m", "guillemet.cli", "extract", "--format", "jsonl", "-"],
                         input="« Tout est prêt », a assuré Claire Martin.", capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["quotes"][0]["speaker"] == "Claire Martin"


# -- the same options everywhere: ingest reads as extract does ---------------------------------

@pytest.fixture
def fake_ingest(monkeypatch):
    """`guillemet ingest` with the stand-in extractor (no model to load)."""
    import guillemet.ingest
    from conftest import fake_extract

    monkeypatch.setattr(guillemet.ingest, "default_extract_stage", lambda *args, **kwargs: fake_extract)


def test_ingest_and_extract_take_the_same_reading_options():
    from guillemet.cli.extract import command as extract
    from guillemet.cli.ingest import command as ingest

    def names(cmd):
        return {o.name for o in cmd.params}

    assert {"lang", "input_format", "fields"} <= names(ingest) & names(extract)


def test_ingest_renamed_fields_and_input_format(tmp_path, fake_ingest):
    from guillemet.cli.ingest import command as ingest
    from guillemet.store import open_store

    src = tmp_path / "export.data"  # no extension to sniff: --input-format says it
    src.write_text(json.dumps({"uid": "r-1", "content": "« Tout est prêt », a assuré Claire Martin.",
                               "date": "2023-05-02", "source": "exemple.fr"}) + "\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    res = CliRunner().invoke(ingest, [str(src), "--db", db, "--input-format", "jsonl", "--field", "text=content",
                                      "--field", "id=uid", "--field", "published=date", "--field", "outlet=source",
                                      "--lang", "fr", "--no-progress"])
    assert res.exit_code == 0, res.output
    with open_store(db) as store:
        article = store.get_article("r-1")
    assert (article.published, article.outlet, article.quotes[0].speaker) == ("2023-05-02", "exemple.fr",
                                                                              "Claire Martin")
    bad = CliRunner().invoke(ingest, [str(src), "--db", db, "--field", "body=content"])
    assert bad.exit_code == 2 and "Unknown article field" in bad.output


def test_ingest_prepares_articles_as_extract_does(tmp_path, fake_ingest):
    """Boilerplate marked, the dateline read, the language identified — before, ingest stored
    the raw reader output."""
    from guillemet.cli.ingest import command as ingest
    from guillemet.store import open_store

    text = ("Paris, 30 décembre 2022. Les négociations ont repris entre les syndicats et la direction.\n"
            "« Nous tiendrons nos engagements », a déclaré Paul Durand devant la presse.\n"
            "Partager sur Facebook")
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "p-1", "text": text}) + "\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert CliRunner().invoke(ingest, [str(src), "--db", db, "--no-progress"]).exit_code == 0
    with open_store(db) as store:
        article = store.get_article("p-1")
    assert article.published == "2022-12-30" and article.meta["published_from"] == "text"
    assert article.meta["lang_detected"] == "fr"
    assert [text[s:e] for s, e in article.ignored] == ["Partager sur Facebook"]


def test_ingest_progress_names_its_total(tmp_path, fake_ingest):
    from conftest import SAMPLE_ARTICLES, write_jsonl
    from guillemet.cli.ingest import command as ingest

    src = write_jsonl(tmp_path / "in.jsonl", SAMPLE_ARTICLES)
    res = CliRunner().invoke(ingest, [str(src), "--db", str(tmp_path / "s.db"), "--progress"])
    assert res.exit_code == 0, res.output
    assert "4/4" in res.output and "articles" in res.output


def test_progress_total_and_model_loading(tmp_path):
    from conftest import SAMPLES
    from guillemet.ingest import IngestReport
    from guillemet.progress import count_documents, stage_label

    assert count_documents([str(SAMPLES)]) == sum(
        1 for f in SAMPLES.glob("*.jsonl") for line in f.read_text(encoding="utf-8").splitlines() if line.strip())
    assert count_documents(["-"]) is None
    assert stage_label(IngestReport(read=10), "fr_core_news_md") == "loading fr_core_news_md"
    assert stage_label(IngestReport(read=10, extracted=1), "fr_core_news_md") == "ingest"
    assert stage_label(IngestReport(read=10, already_present=10), "fr_core_news_md") == "ingest"


def test_serve_loads_the_model_before_serving(tmp_path, monkeypatch):
    import guillemet.pipeline
    import uvicorn

    from guillemet.cli.serve import command as serve

    calls = []
    monkeypatch.setattr(guillemet.pipeline, "get_extractor", lambda lang="fr", model=None: calls.append(("load", lang)))
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(("serve", kw["port"])))
    res = CliRunner().invoke(serve, ["--db", str(tmp_path / "s.db"), "--port", "8123"])
    assert res.exit_code == 0, res.output
    assert calls == [("load", "fr"), ("serve", 8123)]
    assert "loading" in res.output


def test_export_takes_the_search_options(tmp_path):
    from conftest import sample_articles
    from guillemet.cli.export import command as export
    from guillemet.store import open_store

    db = str(tmp_path / "s.db")
    with open_store(db) as store:
        store.put(sample_articles())
    res = CliRunner().invoke(export, ["--db", db, "--speaker", "durand", "--outlet", "EXEMPLE.FR", "--sort", "date",
                                      "--speaker-type", "person"])
    assert res.exit_code == 0, res.output
    assert [json.loads(line)["article_id"] for line in res.output.splitlines()] == ["t-002", "t-001"]


def test_a_mixed_language_file_extracts_in_one_run_and_reports_the_unsupported(tmp_path):
    src = tmp_path / "mixed.jsonl"
    src.write_text('{"id": "fr", "lang": "fr", "text": "« Nous partirons demain », a dit Paul Martin."}\n'
                   '{"id": "de", "lang": "de", "text": "„Wir fahren morgen“, sagte Paul Martin in Berlin."}\n',
                   encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "guillemet.cli", "extract", "--format", "jsonl", str(src)],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    lines = {d["id"]: d for d in map(json.loads, res.stdout.splitlines())}
    assert lines["fr"]["status"] == "ok" and lines["fr"]["quotes"]
    assert lines["de"]["status"] == "unsupported_language" and lines["de"]["quotes"] == []
    assert "not analysed de: no pipeline for language 'de' (supported: en, fr)" in res.stderr


def test_every_command_is_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    missing = [name for name in main.commands if f"guillemet {name}" not in readme]
    assert not missing, f"commands without a word in README.md: {missing}"


def test_shared_options_are_declared_once():
    from pathlib import Path

    import guillemet.cli

    folder = Path(guillemet.cli.__file__).parent
    for option in ('"--db"', '"--model"'):
        declared = [p.name for p in folder.glob("*.py") if option in p.read_text(encoding="utf-8")]
        assert declared == ["options.py"], f"{option} declared in {declared}"
    helps = {name: {p.name: getattr(p, "help", None) for p in cmd.params} for name, cmd in main.commands.items()}
    assert len({h["db"] for h in helps.values() if "db" in h}) == 1
    assert len({h["model"] for h in helps.values() if "model" in h}) == 1
