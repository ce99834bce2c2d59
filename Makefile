# Every target creates .venv on first use; nothing is assumed installed
# beyond python3.11 and pip.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench bench-100k train-ner serve screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	mkdir -p build
	$(BIN)/marsad extract corpus/demo -o build/demo.jsonl
	$(BIN)/marsad summary build/demo.jsonl
	rm -f build/demo.db build/demo.db-wal build/demo.db-shm
	$(BIN)/marsad ingest corpus/demo --db build/demo.db --no-progress
	$(BIN)/marsad timeline --db build/demo.db --actor Kazakhstan
	$(BIN)/marsad figures --db build/demo.db --metric trade_volume --between China Kazakhstan
	$(BIN)/marsad conflicts --db build/demo.db
	$(BIN)/marsad errors --db build/demo.db

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/bench_extract.py
	BENCH_STAGES=dateline,segment,entities,dates,figures,events $(BIN)/python bench/bench_extract.py
	BENCH_STAGES=dateline,segment,entities $(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_ner.py
	test -f build/demo.jsonl -a -f build/demo.db || $(MAKE) demo
	$(BIN)/python bench/bench_store.py --docs $${BENCH_STORE_DOCS:-3000}
	$(BIN)/python bench/bench_web.py --db build/demo.db

# The store and the pages at the scale goals (issues 6 and 7): 100,000
# synthetic documents ingested into build/bench-100k.db (about a quarter of
# an hour), then every query and page timed on it.
bench-100k: $(STAMP)
	test -f build/demo.jsonl || $(MAKE) demo
	rm -f build/bench-100k.db build/bench-100k.db-wal build/bench-100k.db-shm
	$(BIN)/python bench/bench_store.py --docs 100000 --db build/bench-100k.db
	$(BIN)/python bench/bench_web.py --db build/bench-100k.db

# The analyst's pages and the API over the demo knowledge base (make demo builds it).
serve: $(STAMP)
	test -f build/demo.db || $(MAKE) demo
	$(BIN)/marsad serve --db build/demo.db

# Regenerate the README's screenshots (headless Debian Chromium).
screenshots: $(STAMP)
	MARSAD_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q tests/test_browser.py -k "every_page_on_the_demo or highlights"

# Rebuild the shipped NER model from ../shared/datasets/ner (ANERcorp, AQMAR).
train-ner: $(STAMP)
	$(BIN)/python -m marsad.train_ner

clean:
	rm -rf $(VENV) build .pytest_cache
