"""Made-up marsad.document/1 records for the store and resolution tests:
offsets are computed from the text, so every span is real evidence."""
from __future__ import annotations

import hashlib
import re

CHINA = ("Q148", "country", "China", "الصين")
KAZ = ("Q232", "country", "Kazakhstan", "كازاخستان")
KYR = ("Q813", "country", "Kyrgyzstan", "قيرغيزستان")
XI = ("Q15031", "person", "Xi Jinping", "شي جين بينغ")


def ent(spec: tuple, text: str, spellings: list[str], id: str | None = None) -> dict:
    eid, etype, name_en, name_ar = spec
    mentions = []
    for sp in spellings:
        for m in re.finditer(re.escape(sp), text):
            if not any(x["start"] < m.end() and m.start() < x["end"] for x in mentions):
                mentions.append({"start": m.start(), "end": m.end(), "text": sp})
    assert mentions, f"{spellings} not in the text"
    mentions.sort(key=lambda m: m["start"])
    return {"id": id or eid, "type": etype, "name_en": name_en, "name_ar": name_ar,
            "wikidata": eid if eid.startswith("Q") else None, "mentions": mentions}


def span(text: str, piece: str) -> dict:
    start = text.index(piece)
    return {"start": start, "end": start + len(piece), "text": piece}


def fig(text: str, evidence: str, value: float, value_text: str, *, metric="trade_volume", unit="USD",
        period="2022", kind="actual", qualifier="exact", subject=("Q148", "Q232"), attributed_to=None) -> dict:
    return {"metric": metric, "value": value, "unit": unit, "value_text": value_text, "period": period,
            "kind": kind, "qualifier": qualifier, "subject": list(subject), "attributed_to": attributed_to,
            "evidence": span(text, evidence)}


def event(text: str, evidence: str, *, type="CONSULT", mode="visit", actors=("Q15031", "Q232"),
          date="2024-07-03", status="occurred", source_actor=None, target_actor=None, location=None) -> dict:
    return {"type": type, "mode": mode, "actors": list(actors), "source_actor": source_actor,
            "target_actor": target_actor, "date": date, "date_text": None, "location": location,
            "status": status, "confidence": 0.9, "evidence": span(text, evidence)}


def record(doc_id: str, text: str, *, source="Xinhua", published="2024-07-03", title=None,
           entities=(), figures=(), events=()) -> dict:
    return {
        "schema": "marsad.document/1",
        "document": {"id": doc_id, "source": source, "published": published, "url": None, "title": title,
                     "language": "ar", "chars": len(text),
                     "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()},
        "entities": list(entities),
        "dates": [],
        "events": list(events),
        "figures": list(figures),
        "errors": [],
    }


def trade_2022(doc_id: str, source: str, number: str, value: float, qualifier: str, kaz_spelling="كازاخستان",
               attributed_to=None) -> tuple[dict, str]:
    words = {"exact": "بلغ", "over": "تجاوز", "about": "بلغ نحو"}[qualifier]
    text = (f"قال مسؤولون إن حجم التجارة بين الصين و{kaz_spelling} {words} {number} مليار دولار في عام 2022. "
            f"وتعد {kaz_spelling} شريكا رئيسيا للصين.")
    r = record(doc_id, text, source=source, published="2023-05-17", entities=[
        ent(CHINA, text, ["الصين", "للصين"]), ent(KAZ, text, [kaz_spelling]),
    ], figures=[fig(text, f"{number} مليار دولار", value, f"{number} مليار دولار", qualifier=qualifier,
                    attributed_to=attributed_to)])
    return r, text


def jan_may(doc_id: str, source: str, number: str, value: float, attributed_to: str) -> tuple[dict, str]:
    text = (f"بلغ حجم التجارة الثنائية بين كازاخستان والصين في الفترة من يناير إلى مايو 2022 "
            f"{number} مليار دولار وفق {attributed_to}.")
    r = record(doc_id, text, source=source, published="2022-09-14", entities=[
        ent(CHINA, text, ["الصين"]), ent(KAZ, text, ["كازاخستان"]),
    ], figures=[fig(text, f"{number} مليار دولار", value, f"{number} مليار دولار", period="2022-01/2022-05",
                    attributed_to=attributed_to)])
    return r, text


def kyrgyz_slip() -> tuple[dict, str]:
    """An article about China and Kazakhstan whose one figure names
    Kyrgyzstan by mistake."""
    text = ("سجلت التجارة بين الصين وكازاخستان نموا كبيرا، وقالت كازاخستان إن الصادرات ارتفعت. "
            "وفي المقابل بلغ حجم التجارة بين الصين وجمهورية قيرغيزستان خلال الفترة ذاتها 11.5 مليار دولار. "
            "وتبقى الصين أكبر شريك تجاري لكازاخستان.")
    r = record("slip", text, source="Al Eqtisadiah", published="2024-01-22", entities=[
        ent(CHINA, text, ["الصين"]), ent(KAZ, text, ["كازاخستان", "لكازاخستان"]), ent(KYR, text, ["جمهورية قيرغيزستان"]),
    ], figures=[fig(text, "بلغ حجم التجارة بين الصين وجمهورية قيرغيزستان خلال الفترة ذاتها 11.5 مليار دولار",
                    11.5e9, "11.5 مليار دولار", period="2022-01/2022-05", subject=("Q148", "Q813"),
                    attributed_to="General Administration of Customs")])
    return r, text
