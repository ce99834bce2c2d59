"""Reading documents, bad input of every kind, and the extract command."""
import json
import subprocess
import sys

import pytest

from marsad import ingest
from tests.conftest import check_record

ARTICLE = "قال الرئيس الكازاخستاني إن كازاخستان والصين وقعتا اتفاقية في أستانا.\n"


def run_cli(*args, stdin=None):
    proc = subprocess.run(
        [sys.executable, "-m", "marsad", *args], input=stdin, capture_output=True, text=True, timeout=300,
    )
    records = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    return proc, records


def codes(record):
    return [e["code"] for e in record["errors"]]


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a_utf8.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "b_bom.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    (d / "c_utf16.txt").write_text(ARTICLE, encoding="utf-16")
    (d / "d_cp1256.txt").write_bytes(ARTICLE.encode("cp1256"))
    (d / "e_empty.txt").write_bytes(b"")
    (d / "f_binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "g_broken.txt").write_bytes(ARTICLE.encode("utf-8") * 5 + b"\xff\xfe\xfd" + ARTICLE.encode("utf-8") * 5)
    (d / "h_spaces.txt").write_text("   \n\t\n", encoding="utf-8")
    (d / "notes.md").write_text("ignored", encoding="utf-8")
    return d


def test_every_encoding_reads_to_the_same_text(corpus):
    docs = {d.id: d for d in ingest.read([str(corpus)])}
    assert "notes" not in docs  # files of unknown type in a directory are passed over
    for name in ("a_utf8", "b_bom", "c_utf16", "d_cp1256"):
        assert docs[name].text == ARTICLE, name
        assert not docs[name].errors, name
    assert docs["d_cp1256"].encoding == "windows-1256"
    assert docs["c_utf16"].encoding == "utf-16"


def test_bad_documents_get_coded_errors(corpus):
    docs = {d.id: d for d in ingest.read([str(corpus)])}
    assert [e.code for e in docs["e_empty"].errors] == ["empty"]
    assert [e.code for e in docs["f_binary"].errors] == ["binary"]
    assert [e.code for e in docs["h_spaces"].errors] == ["empty"]
    broken = docs["g_broken"]
    assert [e.code for e in broken.errors] == ["decode_replaced"]
    assert "\ufffd" in broken.text and broken.text.count("أستانا") == 10
    assert ingest.is_unreadable(docs["f_binary"]) and not ingest.is_unreadable(broken)


def test_directory_order_is_sorted_and_recursive(tmp_path):
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "a.txt").write_text("نص", encoding="utf-8")
    (tmp_path / "b.txt").write_text("نص", encoding="utf-8")
    (tmp_path / "a.txt.jsonl").write_text(json.dumps({"id": "j1", "text": "نص"}) + "\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("نص", encoding="utf-8")
    assert [d.id for d in ingest.read([str(tmp_path)])] == ["j1", "b", "a"]


def test_cli_batch_goes_on_past_bad_documents(corpus):
    proc, records = run_cli("extract", str(corpus))
    assert proc.returncode == 1  # the binary file could not be read at all
    assert [r["document"]["id"] for r in records] == [
        "a_utf8", "b_bom", "c_utf16", "d_cp1256", "e_empty", "f_binary", "g_broken", "h_spaces"]
    for r in records:
        check_record(r)
    assert "Q232" in {e["id"] for e in records[3]["entities"]}  # found in the Windows-1256 file
    err_lines = [l for l in proc.stderr.splitlines() if l.startswith("marsad:")]
    assert any("f_binary: binary" in l for l in err_lines)
    assert any("e_empty: empty" in l for l in err_lines)


def test_cli_exit_zero_when_all_read_and_metadata_defaults(tmp_path):
    f = tmp_path / "one.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc, _ = run_cli("extract", str(f), "-o", str(out), "--published", "2024-07-03", "--source", "Xinhua")
    assert proc.returncode == 0, proc.stderr
    (rec,) = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    check_record(rec, ARTICLE)
    assert rec["document"]["published"] == "2024-07-03" and rec["document"]["source"] == "Xinhua"


def test_cli_usage_errors_exit_two(tmp_path):
    proc, _ = run_cli("extract", str(tmp_path / "missing.txt"))
    assert proc.returncode == 2 and "missing.txt" in proc.stderr
    f = tmp_path / "one.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    proc, _ = run_cli("extract", str(f), "--published", "3 July 2024")
    assert proc.returncode == 2 and "--published" in proc.stderr


def test_jsonl_on_stdin_with_bad_lines():
    lines = [
        json.dumps({"id": "ok", "text": ARTICLE, "published": "2023-05-17", "source": "Reuters", "url": "http://x"}, ensure_ascii=False),
        "{not json",
        json.dumps([1, 2]),
        json.dumps({"id": "nothing"}),
        json.dumps({"id": "bad-date", "text": ARTICLE, "published": "yesterday"}, ensure_ascii=False),
        json.dumps({"id": "page", "html": "<html><body><article><p>" + ARTICLE * 3 + "</p></article></body></html>"}, ensure_ascii=False),
    ]
    proc, records = run_cli("extract", "-", stdin="\n".join(lines) + "\n")
    assert proc.returncode == 1
    assert [codes(r) for r in records] == [[], ["bad_json"], ["bad_record"], ["bad_record"], ["bad_published"], []]
    assert records[0]["document"]["source"] == "Reuters" and records[0]["document"]["url"] == "http://x"
    assert records[1]["document"]["id"] == "<stdin>-2"
    assert "Q232" in {e["id"] for e in records[5]["entities"]}  # the HTML record went through the pipeline
    for r in records:
        check_record(r)


def test_lone_surrogates_in_jsonl_are_replaced_and_said():
    # JSON may escape a lone surrogate; UTF-8 (the output, the NER model) cannot hold one
    line = '{"id": "s\\ud800", "title": "\\udc01", "text": "' + ARTICLE.strip() + ' \\ud801 الصين"}'
    proc, records = run_cli("extract", "-", stdin=line + "\n")
    assert proc.returncode == 0, proc.stderr
    (record,) = records
    assert codes(record) == ["decode_replaced"] and "3 lone surrogate" in record["errors"][0]["message"]
    assert record["document"]["id"] == "s\ufffd" and record["document"]["title"] == "\ufffd"
    assert "Q148" in {e["id"] for e in record["entities"]}  # the text still went through every stage
    check_record(record)


HOSTILE = """<!doctype html><html><head><title>زيارة الرئيس</title>
<meta property="article:published_time" content="2024-07-03">
<style>body{display:none} .x:before{content:"الصين"}</style>
<script>var s = "كازاخستان"; document.write('<img src=x onerror=alert(1)>');</script></head>
<body><nav>الرئيسية | أخبار</nav><article><h1>زيارة الرئيس</h1>
<p>أجرى الرئيس الصيني محادثات مع نظيره في أستانا يوم الأربعاء، وتناولت المحادثات التعاون في مجالات التجارة والطاقة والنقل بين البلدين الجارين.</p>
<p>وأكد الجانبان أهمية تعزيز الشراكة الاستراتيجية الشاملة بين البلدين خلال السنوات المقبلة، وتوسيع التبادل التجاري.</p>
<script>alert("روسيا")</script><noscript>روسيا</noscript>
</article><div class="comments"><p>تعليق: موسكو أفضل</p></div></body></html>"""


def test_html_with_scripts_and_styles(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(HOSTILE, encoding="utf-8")
    (doc,) = list(ingest.read([str(f)]))
    assert "أستانا" in doc.text
    for leaked in ("alert", "display:none", "document.write", "onerror", "روسيا"):
        assert leaked not in doc.text
    assert doc.title == "زيارة الرئيس"
    assert doc.published == "2024-07-03"


def test_huge_file_is_refused_with_a_clear_error(tmp_path):
    f = tmp_path / "huge.txt"
    with open(f, "wb") as out:
        chunk = ARTICLE.encode("utf-8") * 1000
        while out.tell() < 50 * 1024 * 1024:
            out.write(chunk)
    (doc,) = list(ingest.read([str(f)]))
    assert [e.code for e in doc.errors] == ["too_large"]
    assert "--max-bytes" in doc.errors[0].message
    assert doc.text == ""


def test_max_bytes_can_be_raised(tmp_path):
    f = tmp_path / "big.txt"
    f.write_bytes(ARTICLE.encode("utf-8") * 200)
    (doc,) = list(ingest.read([str(f)], ingest.Defaults(max_bytes=1000)))
    assert [e.code for e in doc.errors] == ["too_large"]
    (doc,) = list(ingest.read([str(f)], ingest.Defaults(max_bytes=10**6)))
    assert not doc.errors and doc.text.count("أستانا") == 200


def test_decode_prefers_utf8_with_few_bad_bytes_over_legacy():
    data = ARTICLE.encode("utf-8") * 20 + b"\x81"
    text, enc, problems = ingest.decode(data)
    assert enc == "utf-8" and problems and problems[0][0] == "decode_replaced"


def test_stages_option_runs_only_the_stages_named(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("وقع البلدان في 3 يوليو 2024 اتفاقية بقيمة 2 مليار دولار في أستانا.\n", encoding="utf-8")
    proc, records = run_cli("extract", "--stages", "segment,entities", str(path))
    assert proc.returncode == 0, proc.stderr
    assert records[0]["entities"] and not records[0]["figures"] and not records[0]["dates"]
    proc, full = run_cli("extract", str(path))
    assert full[0]["figures"] and full[0]["dates"]


def test_unknown_stage_is_a_usage_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    proc, records = run_cli("extract", "--stages", "segment,nonsense", str(path))
    assert proc.returncode == 2 and not records
    assert "nonsense" in proc.stderr
