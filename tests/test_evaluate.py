"""`marsad evaluate`: matching gold and system records, on records made up for the test."""
from marsad.evaluate import evaluate


def _event(mode, text, start, actors=("Q148", "Q232"), date="2024-05-01", status="occurred"):
    return {"type": "CONSULT", "mode": mode, "actors": list(actors), "date": date, "status": status,
            "evidence": {"start": start, "end": start + len(text), "text": text}}


def _record(events=(), entities=(), figures=()):
    return {"document": {"id": "d"}, "events": list(events), "entities": list(entities), "figures": list(figures)}


NAMES = [{"id": "Q148", "name_en": "China", "mentions": [{"text": "الصين"}]},
         {"id": "Q232", "name_en": "Kazakhstan", "mentions": [{"text": "كازاخستان"}]}]


def test_two_encounters_in_one_sentence_are_matched_by_mode_first():
    sentence = "التقى الرئيسان وأجريا محادثات في أستانا"
    gold = {"d": {"events": [
        {**_event("talks", sentence, 0), "actors": ["China", "Kazakhstan"]},
        {**_event("meet", sentence, 0), "actors": ["China", "Kazakhstan"]},
    ]}}
    system = _record(events=[_event("meet", sentence, 0), _event("talks", sentence, 0)], entities=NAMES)
    report = evaluate(gold, {"d": system})
    assert report.events.matched == 2
    assert report.events.accuracy("mode") == 1.0


def test_an_event_of_another_type_or_without_shared_actors_is_no_match():
    sentence = "التقى الرئيسان في أستانا"
    gold = {"d": {"events": [{**_event("meet", sentence, 0), "actors": ["China", "Kazakhstan"]}]}}
    other_type = {**_event("meet", sentence, 0), "type": "AGREE"}
    other_actors = _event("meet", sentence, 0, actors=("Q159",))
    report = evaluate(gold, {"d": _record(events=[other_type, other_actors], entities=NAMES)})
    assert (report.events.matched, report.events.system, report.events.gold) == (0, 2, 1)


def test_figures_match_on_value_unit_and_evidence():
    fig = {"value": 31200000000, "unit": "USD", "metric": "trade_volume", "period": "2022", "kind": "actual",
           "qualifier": "exact", "subject": [], "attributed_to": None,
           "evidence": {"start": 10, "end": 30, "text": "بلغ حجم التجارة 31.2 مليار دولار"}}
    gold = {"d": {"figures": [dict(fig, period="2023")]}}
    close = dict(fig, value=31200000001)  # within rounding
    report = evaluate(gold, {"d": _record(figures=[close])})
    assert report.figures.matched == 1
    assert report.figures.accuracy("period") == 0.0 and report.figures.accuracy("metric") == 1.0
    far = dict(fig, value=32000000000)
    assert evaluate(gold, {"d": _record(figures=[far])}).figures.matched == 0
