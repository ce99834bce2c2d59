import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from marsad.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
_SCHEMA = json.loads((resources.files("marsad") / "data" / "schema" / "document.schema.json").read_text(encoding="utf-8"))
_VALIDATOR = jsonschema.Draft202012Validator(_SCHEMA)


def check_record(record: dict, text: str | None = None) -> dict:
    """Validate a record against the JSON Schema and its spans against the text."""
    errors = sorted(_VALIDATOR.iter_errors(record), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors)
    if text is not None:
        assert record["document"]["chars"] == len(text)
        for ent in record["entities"]:
            for m in ent["mentions"]:
                assert 0 <= m["start"] < m["end"] <= len(text)
                assert text[m["start"]:m["end"]] == m["text"]
        for item in record["events"] + record["figures"]:
            ev = item["evidence"]
            assert text[ev["start"]:ev["end"]] == ev["text"]
    return record


@pytest.fixture(scope="session")
def nlp():
    return Pipeline()


@pytest.fixture
def extract(nlp):
    """Run the pipeline on a text; return the validated record."""
    from marsad.doc import Doc

    def run(text: str, **meta) -> dict:
        doc = nlp(Doc(meta.pop("id", "t"), text, **meta))
        return check_record(doc.to_record(), text)

    return run


def entity_ids(record: dict) -> set[str]:
    return {e["id"] for e in record["entities"]}


def by_name(record: dict, name_en: str) -> dict | None:
    return next((e for e in record["entities"] if e["name_en"] == name_en), None)


# The API and page tests share one hostile knowledge base per module.
@pytest.fixture(scope="module")
def demo():
    from tests import webdb

    return webdb.hostile_db()


@pytest.fixture(scope="module")
def client(demo):
    from fastapi.testclient import TestClient

    from marsad.web.app import create_app

    with TestClient(create_app(demo[0])) as c:
        yield c
