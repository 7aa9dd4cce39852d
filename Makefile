.PHONY: install demo test bench

install:
	python3 -m pip install -e .

# The main job on our own sample articles.
demo: install
	guillemet extract samples/articles.jsonl

# Everything the tests need, then the tests.
test:
	bash scripts/test.sh

bench:
	python3 benchmarks/throughput.py
