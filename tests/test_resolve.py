"""Cross-document resolution as pure functions: rounding and qualifiers,
claim keys, conflicts, event clustering, likely errors."""
import pytest

from marsad import resolve as rs
from tests import kb_records as kb


def test_rounding_reads_the_digits_as_written():
    assert rs.rounding(31.2e9, "31.2 مليار دولار") == pytest.approx(0.05e9)
    assert rs.rounding(41e9, "41 مليار دولار") == pytest.approx(0.5e9)
    assert rs.rounding(8.8e9, "٨٫٨ مليار دولار") == pytest.approx(0.05e9)  # Arabic-Indic digits, Arabic decimal sign
    assert rs.rounding(26.3, "+ ٢٦٫٣٪") == pytest.approx(0.05)
    assert rs.rounding(1046, "1,046 شركة") == pytest.approx(0.5)
    assert rs.rounding(7000, "سبعة آلاف حاوية") == 0.0  # number words: no digits to round


def test_over_agrees_with_a_slightly_higher_exact_value():
    a = rs.assess_claim([
        {"value": 31e9, "value_text": "31 مليار دولار", "qualifier": "over"},
        {"value": 31.2e9, "value_text": "31.2 مليار دولار", "qualifier": "exact"},
        {"value": 31.2e9, "value_text": "31.2 مليار دولار", "qualifier": "about"},
    ])
    assert a["status"] == "agree" and a["sides"] == [0, 0, 0]
    assert (a["value_low"], a["value_high"]) == (31e9, 31.2e9)


def test_over_does_not_agree_with_a_lower_value():
    a = rs.assess_claim([
        {"value": 31e9, "value_text": "31 مليار دولار", "qualifier": "over"},
        {"value": 29e9, "value_text": "29 مليار دولار", "qualifier": "exact"},
    ])
    assert a["status"] == "conflict"


def test_exact_values_apart_beyond_rounding_conflict_in_sides():
    figures = [
        {"value": 11.5e9, "value_text": "11.5 مليار دولار", "qualifier": "exact", "doc_id": "b", "attributed_to": "customs"},
        {"value": 8.8e9, "value_text": "8.8 مليار دولار", "qualifier": "exact", "doc_id": "a", "attributed_to": "kz"},
        {"value": 8.8e9, "value_text": "٨٫٨ مليار دولار", "qualifier": "exact", "doc_id": "c", "attributed_to": "kz"},
    ]
    a = rs.assess_claim(figures)
    assert a["status"] == "conflict"
    assert a["sides"] == [1, 0, 0]  # sides numbered from the lowest values up


def test_rounded_and_precise_values_agree():
    a = rs.assess_claim([
        {"value": 31e9, "value_text": "31 مليار دولار", "qualifier": "exact"},
        {"value": 31.2e9, "value_text": "31.2 مليار دولار", "qualifier": "exact"},
    ])
    assert a["status"] == "agree"
    b = rs.assess_claim([
        {"value": 31.1e9, "value_text": "31.1 مليار دولار", "qualifier": "exact"},
        {"value": 31.2e9, "value_text": "31.2 مليار دولار", "qualifier": "exact"},
    ])
    assert b["status"] == "conflict"


def test_disagreement_inside_one_statement_is_unclear_not_a_conflict():
    a = rs.assess_claim([
        {"value": 332000, "value_text": "332 ألف", "qualifier": "exact", "doc_id": "d", "attributed_to": "kz"},
        {"value": 7000, "value_text": "سبعة آلاف", "qualifier": "about", "doc_id": "d", "attributed_to": "kz"},
    ])
    assert a["status"] == "unclear"


def test_claim_key_ignores_subject_order_and_needs_a_period_and_subject():
    k1 = rs.claim_key("trade_volume", "USD", "actual", "2022", ["Q232", "Q148"])
    assert k1 == rs.claim_key("trade_volume", "USD", "actual", "2022", ["Q148", "Q232", "Q148"])
    assert k1 != rs.claim_key("trade_volume", "USD", "target", "2022", ["Q148", "Q232"])
    assert k1 != rs.claim_key("trade_volume", "USD", "actual", "2022-01/2022-05", ["Q148", "Q232"])
    assert rs.claim_key("trade_volume", "USD", "actual", None, ["Q148"]) is None
    assert rs.claim_key("trade_volume", "USD", "actual", "2022", []) is None
    assert rs.claim_key("count_other", "other", "actual", "2022", ["Q148"]) is None


@pytest.mark.parametrize("a,b,ok", [
    ("2024-07", "2024-07-03", True),
    ("2024-07-03", "2024-07-04", True),
    ("2024-07-03", "2024-07-06", False),
    ("2024", "2023-12-31", False),
    (None, "2024", False),
    ("2022-01/2022-05", "2022-01", True),
])
def test_dates_compatible(a, b, ok):
    assert rs.dates_compatible(a, b) is ok


def test_one_visit_told_three_ways_is_one_cluster():
    reports = [
        {"type": "CONSULT", "mode": "visit", "actors": ["Q15031", "Q232"], "date": "2024-07-03", "status": "occurred"},
        {"type": "CONSULT", "mode": "talks", "actors": ["Q15031", "marsad:tokayev"], "date": "2024-07-03", "status": "occurred"},
        {"type": "CONSULT", "mode": "visit", "actors": ["Q148", "Q232"], "date": "2024-07", "status": "planned"},
        {"type": "CONSULT", "mode": "visit", "actors": ["Q15031", "Q232"], "date": "2023-05-17", "status": "occurred"},
        {"type": "AGREE", "mode": "sign_agreement", "actors": ["Q148", "Q232"], "date": "2024-07-03", "status": "occurred"},
    ]
    assert rs.cluster_events(reports) == [0, 0, 0, 1, 2]
    s = rs.summarize_cluster(reports[:3])
    assert s["date"] == "2024-07-03" and s["status"] == "occurred"
    assert set(s["actors"]) == {"Q15031", "Q232", "marsad:tokayev", "Q148"}


def test_likely_error_names_the_intended_country():
    r, _ = kb.kyrgyz_slip()
    errs = rs.likely_errors(r)
    assert [(e["figure"], e["entity"], e["intended"]) for e in errs] == [(0, "Q813", "Q232")]


def test_a_country_mentioned_elsewhere_is_not_an_error():
    r, text = kb.kyrgyz_slip()
    text2 = text + " وزار وفد من قيرغيزستان المدينة."
    r2 = kb.record("ok", text2, entities=[
        kb.ent(kb.CHINA, text2, ["الصين"]), kb.ent(kb.KAZ, text2, ["كازاخستان", "لكازاخستان"]),
        kb.ent(kb.KYR, text2, ["جمهورية قيرغيزستان", "قيرغيزستان"]),
    ], figures=r["figures"])
    assert rs.likely_errors(r2) == []


def test_an_enumeration_of_many_countries_is_not_an_error():
    text = "أسست الصين وكازاخستان وقيرغيزستان وروسيا وطاجيكستان وأوزبكستان المنظمة، وهي ست دول. والصين عضو مؤسس."
    ids = [("Q148", "الصين"), ("Q232", "كازاخستان"), ("Q813", "قيرغيزستان"), ("Q159", "روسيا"),
           ("Q863", "طاجيكستان"), ("Q265", "أوزبكستان")]
    ents = [kb.ent((i, "country", i, n), text, [n]) for i, n in ids]
    r = kb.record("sco", text, entities=ents, figures=[
        kb.fig(text, "ست دول", 6, "ست دول", metric="count_other", unit="other", period="2001",
               subject=[i for i, _ in ids])])
    assert rs.likely_errors(r) == []


def test_lookup_keys_drop_proclitics_and_article():
    keys = rs.lookup_keys("والكازاخستاني")
    assert "كازاخستاني" in keys and rs.lookup_keys("الصين")[0] == "الصين"
