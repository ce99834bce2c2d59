"""The extractor on the seed articles in ../shared/seeds (read at run time,
never copied): the four principal actors are found wherever they occur,
whatever the spelling, and every record keeps to the schema."""
import json
import re
import sqlite3
import subprocess
import sys
from contextlib import closing

import pytest

from tests.conftest import SEEDS, check_record

# Spellings written here from general knowledge of Arabic transliteration,
# not taken from the seeds; each is a whole word, proclitics allowed.
PRINCIPALS = {
    "Kazakhstan": r"(?:كازاخستان|قازاقستان|كازخستان|كزاخستان)",
    "China": r"(?:ال|ل)صين",
    "Xi Jinping": r"(?:شي جين بينغ|شي جين بينج|شي جين|شي|Xi)",
    "Kassym-Jomart Tokayev": r"(?:قاسم[ -]جومارت توكاييف|توكاييف|توقاييف|توكايف|Tokayev)",
}


def occurrences(pattern, text):
    rx = re.compile(r"(?<![\w])(?:[وف]?[بكل]?)(" + pattern + r")(?![\w])")
    return [(m.start(1), m.end(1)) for m in rx.finditer(text)]


@pytest.fixture(scope="module")
def seed_records():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the project")
    proc = subprocess.run([sys.executable, "-m", "marsad", "extract", str(SEEDS)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(l) for l in proc.stdout.splitlines()]
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    assert [r["document"]["id"] for r in records] == sorted(texts)
    return [(r, texts[r["document"]["id"]]) for r in records]


def test_seed_records_follow_the_schema(seed_records):
    for record, text in seed_records:
        check_record(record, text)
        assert record["errors"] == []


@pytest.mark.parametrize("name", sorted(PRINCIPALS))
def test_principal_actor_found_wherever_it_occurs(seed_records, name):
    total = 0
    for record, text in seed_records:
        entity = next((e for e in record["entities"] if e["name_en"] == name), None)
        spans = occurrences(PRINCIPALS[name], text)
        total += len(spans)
        if not spans:
            continue
        assert entity is not None, f"{name} not found in {record['document']['id']}"
        own = [(m["start"], m["end"]) for m in entity["mentions"]]
        # A name nested inside a longer name (China in "the China–Central
        # Asia Summit") belongs to the longer entity.
        longer = [(m["start"], m["end"]) for e in record["entities"] if e is not entity for m in e["mentions"]]
        for s, e in spans:
            covered = any(a < e and s < b for a, b in own) or any(a <= s and e <= b and (b - a) > (e - s) for a, b in longer)
            assert covered, f"{name}: {text[max(0, s - 30):e + 30]!r} in {record['document']['id']} not recognized"
    assert total > 0


def test_one_entity_per_thing_per_document(seed_records):
    for record, _ in seed_records:
        names = [e["name_en"] for e in record["entities"]]
        assert len(names) == len(set(names)), record["document"]["id"]


def _marsad(*args) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return proc


def test_seeds_ingested_twice_leave_the_store_unchanged_and_show_the_trade_conflict(seed_records, tmp_path):
    """The knowledge base over the seeds (issue 6): a second ingest changes
    nothing; bilateral trade in 2022 is one claim told by several articles;
    the two statistics offices disagree on an earlier period of 2022."""
    db = str(tmp_path / "seeds.db")
    first = json.loads(_marsad("ingest", str(SEEDS), "--db", db, "--json").stdout.strip().splitlines()[-1])

    def dump() -> list[str]:
        with closing(sqlite3.connect(db)) as con:
            return list(con.iterdump())

    before = dump()
    second = json.loads(_marsad("ingest", str(SEEDS), "--db", db, "--json").stdout.strip().splitlines()[-1])
    assert second["unchanged"] == len(seed_records) == first["added"]
    assert dump() == before

    agreed = json.loads(_marsad("figures", "--db", db, "--metric", "trade_volume", "--between", "China",
                                "--between", "Kazakhstan", "--period", "2022", "--json").stdout)
    assert agreed["total"] == 1
    claim = agreed["items"][0]
    assert claim["status"] == "agree" and claim["n_figures"] >= 3

    conflicts = json.loads(_marsad("conflicts", "--db", db, "--json").stdout)["items"]
    trade = [c for c in conflicts if c["metric"] == "trade_volume"
             and {s["name_en"] for s in c["subject"]} == {"China", "Kazakhstan"}]
    assert len(trade) == 1 and trade[0]["period"].startswith("2022-01/")
    offices = [set(side["attributed_to"]) for side in trade[0]["sides"]]
    assert len(offices) == 2 and all(offices) and not offices[0] & offices[1]
