"""Events, each on sentences made up for the test."""
import pytest

from marsad import gazetteer as gz
from marsad.doc import Doc
from marsad.events import noun_forms, past_forms, present_forms
from marsad.pipeline import Pipeline
from tests.conftest import check_record


@pytest.fixture(scope="module")
def nlp():
    return Pipeline()


@pytest.fixture
def run(nlp):
    def run(text: str, published: str | None = "2024-03-10", **meta):
        doc = nlp(Doc("t", text, published=published, **meta))
        record = check_record(doc.to_record(), text)
        names = {i: e.en for i, e in gz.load().entries.items()}
        names.update({e["id"]: e["name_en"] for e in record["entities"]})
        for ev in record["events"]:
            ev["names"] = sorted(names.get(a, a) for a in ev["actors"])
            ev["source_name"] = names.get(ev["source_actor"])
            ev["target_name"] = names.get(ev["target_actor"])
            ev["location_name"] = names.get(ev["location"])
        return record["events"]

    return run


def one(events, etype=None):
    if etype:
        events = [e for e in events if e["type"] == etype]
    assert len(events) == 1, events
    return events[0]


# --- inflection rules ------------------------------------------------------------

def test_past_forms_inflect_person_and_weak_final():
    assert {"زارت", "زاروا", "زارا"} <= past_forms("زار")
    assert {"التقت", "التقوا", "التقيا"} <= past_forms("التقي")
    assert "استقبله" in past_forms("استقبل")
    assert "زاره" not in past_forms("زار", objects=False)


def test_present_forms_take_persons():
    forms = present_forms("يزور")
    assert {"يزور", "تزور", "يزوران", "يزورون"} <= forms
    assert {"يلتقي", "يلتقيان", "يلتقون"} <= present_forms("يلتقي")


def test_noun_forms_turn_taa_marbuta_before_a_pronoun():
    bare, article = noun_forms("زياره")
    assert {"زياره", "زيارته", "زيارتهما"} <= bare
    assert "زيارته" not in article
    bare, _ = noun_forms("اتفاق")
    assert "اتفاقا" in bare


# --- types and modes ----------------------------------------------------------------

def test_visit_with_direction_date_and_place(run):
    ev = one(run("زار الرئيس الصيني شي جين بينغ كازاخستان يوم 5 مارس 2024 والتقى بعدها طلاب الجامعة."),
             "CONSULT")
    assert ev["mode"] == "visit"
    assert ev["source_name"] == "Xi Jinping"
    assert ev["target_name"] == "Kazakhstan"
    assert ev["date"] == "2024-03-05"
    assert ev["status"] == "occurred"


def test_visit_noun_to_a_city_targets_its_country(run):
    ev = one(run("وصلت الأنباء عن زيارة الرئيس الروسي فلاديمير بوتين إلى أستانا في فبراير 2024."), "CONSULT")
    assert ev["mode"] == "visit"
    assert ev["source_name"] == "Vladimir Putin"
    assert ev["target_name"] == "Kazakhstan"
    assert ev["location_name"] == "Astana"
    assert ev["date"] == "2024-02"


def test_talks_between_two_persons_are_undirected(run):
    ev = one(run("أجرى الرئيس الروسي فلاديمير بوتين أمس محادثات مع نظيره الصيني شي جين بينغ في بكين."))
    assert (ev["type"], ev["mode"]) == ("CONSULT", "talks")
    assert ev["names"] == ["Vladimir Putin", "Xi Jinping"]
    assert ev["source_actor"] is None and ev["target_actor"] is None
    assert ev["date"] == "2024-03-09"
    assert ev["location_name"] == "Beijing"


def test_signing_a_joint_statement_is_not_a_plain_agreement(run):
    ev = one(run("ووقعت مصر والصين بيانا مشتركا حول التعاون في الطاقة."))
    assert (ev["type"], ev["mode"]) == ("AGREE", "joint_statement")
    assert ev["names"] == ["China", "Egypt"]


def test_signing_needs_a_document(run):
    events = run("وقعت مصر والسعودية مذكرة تفاهم في مجال النقل.")
    assert one(events)["mode"] == "sign_agreement"
    assert run("وقع حادث بين مصر والسعودية على الحدود.") == []


def test_cooperation_mode_comes_from_its_object(run):
    ev = one(run("أعلنت الصين افتتاح قنصلية عامة لها في مدينة ألماتي بكازاخستان."))
    assert (ev["type"], ev["mode"]) == ("COOPERATE", "diplomatic")
    ev = one(run("قررت الصين وكازاخستان إطلاق خط جديد لقطارات الحاويات بين البلدين."))
    assert ev["mode"] == "economic"
    assert run("قررت الصين وكازاخستان إطلاق حملة إعلامية.") == []


def test_support_has_a_source_and_a_target(run):
    ev = one(run("وأكد الرئيس المصري عبد الفتاح السيسي أن بلاده تدعم السعودية في جهودها."))
    assert ev["type"] == "SUPPORT"
    assert ev["source_name"] == "Abdel Fattah el-Sisi"
    assert ev["target_name"] == "Saudi Arabia"


def test_summit_needs_a_verb_of_holding(run):
    ev = one(run("واستضافت القاهرة قمة مصر وقبرص واليونان في أكتوبر 2023."))
    assert (ev["type"], ev["mode"]) == ("CONSULT", "summit")
    assert ev["location_name"] == "Cairo"
    assert ev["date"] == "2023-10"
    assert run("وعلى هامش القمة تحدث الوزير مع الصحفيين عن مصر والأردن.") == []


# --- status and negation ------------------------------------------------------------------

@pytest.mark.parametrize("text, status", [
    ("زار رئيس الوزراء الهندي ناريندرا مودي روسيا في يناير 2024.", "occurred"),
    ("سيزور رئيس الوزراء الهندي ناريندرا مودي روسيا الشهر المقبل.", "planned"),
    ("ومن المقرر أن يزور رئيس الوزراء الهندي ناريندرا مودي روسيا.", "planned"),
    ("ومن المتوقع أن يزور رئيس الوزراء الهندي ناريندرا مودي روسيا.", "expected"),
    ("وتأتي زيارة رئيس الوزراء الهندي ناريندرا مودي المقبلة إلى روسيا في إطار التعاون.", "planned"),
])
def test_status_from_tense_and_modality(run, text, status):
    ev = one(run(text), "CONSULT")
    assert ev["status"] == status
    assert ev["mode"] == "visit"


def test_negated_events_are_dropped(run):
    assert run("لم يزر رئيس الوزراء الهندي ناريندرا مودي روسيا هذا العام.") == []
    assert run("ولن توقع مصر والسعودية أي اتفاقية قبل نهاية العام.") == []


# --- actors -----------------------------------------------------------------------------

def test_the_two_leaders_resolve_to_the_principal_pair(run):
    text = ("التقى الرئيس الروسي فلاديمير بوتين الرئيس الصيني شي جين بينغ في موسكو. "
            "وقال بوتين إن العلاقات ممتازة. وأضاف شي أن البلدين شريكان. "
            "واتفق الزعيمان على توسيع التجارة.")
    ev = one(run(text), "AGREE")
    assert ev["mode"] == "agree"
    assert ev["names"] == ["Vladimir Putin", "Xi Jinping"]


def test_speaker_is_the_source_of_what_he_says(run):
    ev = one(run("وقال الرئيس الصيني شي جين بينغ إن الصين ستواصل دعم كازاخستان في صون سيادتها."), "SUPPORT")
    assert ev["source_name"] == "Xi Jinping"
    assert ev["target_name"] == "Kazakhstan"
    assert ev["status"] == "planned"


# --- merging and evidence -----------------------------------------------------------------

def test_repeated_mentions_of_one_visit_merge(run):
    text = ("وصل الرئيس الصيني شي جين بينغ إلى أستانا يوم 2 مارس 2024 في زيارة دولة إلى كازاخستان. "
            "وقال مراقبون إن زيارة شي إلى كازاخستان تعكس متانة العلاقات.")
    visits = [e for e in run(text) if e["mode"] == "visit"]
    assert len(visits) == 1, visits
    assert visits[0]["date"] == "2024-03-02"


def test_evidence_is_the_clause_with_original_offsets(run):
    text = "في خطوة لافتة، وقَّعت مِصر والسعوديّة اتفاقيةً للتعاون، بحسب مصادر رسمية."
    ev = one(run(text))
    assert ev["evidence"]["text"] == "وقَّعت مِصر والسعوديّة اتفاقيةً للتعاون"
    assert text[ev["evidence"]["start"]:ev["evidence"]["end"]] == ev["evidence"]["text"]


def test_wire_story_lead_event_takes_the_dateline(run):
    text = "أستانا 12 مارس 2024 (شينخوا) — أجرى الرئيس الكازاخستاني قاسم جومارت توكاييف محادثات مع الرئيس الصيني شي جين بينغ."
    ev = one(run(text, published=None))
    assert ev["date"] == "2024-03-12"
    assert ev["location_name"] == "Astana"


# --- inherited subjects, anaphora, content of other events ------------------------------

def test_speaking_to_a_visiting_counterpart_is_a_meeting(run):
    events = run("وصل الرئيس القيرغيزي صادر جباروف إلى بكين أمس. "
                 "وقال الرئيس الصيني شي جين بينغ لنظيره القيرغيزي الزائر إن العلاقات بين البلدين متينة.")
    meet = [e for e in events if e["mode"] == "meet"]
    assert len(meet) == 1, events
    assert meet[0]["names"] == ["Sadyr Japarov", "Xi Jinping"]


def test_a_clause_without_a_subject_inherits_it(run):
    events = run("أجرى الرئيس الطاجيكي إمام علي رحمن محادثات مع الرئيس الصيني شي جين بينغ في بكين يوم 5 مارس 2024. "
                 "وتم توقيع اتفاقية للتعاون في مجال الطاقة.")
    ev = one(events, "AGREE")
    assert ev["mode"] == "sign_agreement"
    assert set(ev["names"]) >= {"China", "Tajikistan"}
    assert ev["date"] == "2024-03-05"


def test_a_dual_verb_opening_its_clause_means_the_principal_pair(run):
    events = run("التقى الرئيس الصيني شي جين بينغ الرئيس الكازاخستاني قاسم جومارت توكاييف في أستانا، "
                 "وشهدا التوقيع على وثائق تعاون في الزراعة.")
    ev = one(events, "AGREE")
    assert ev["names"] == ["China", "Kassym-Jomart Tokayev", "Kazakhstan", "Xi Jinping"]  # witnesses and their states


def test_the_talks_told_again_are_one_event(run):
    events = run("أجرى الرئيس الصيني شي جين بينغ محادثات مع الرئيس الكازاخستاني قاسم جومارت توكاييف في أستانا. "
                 "وعقب المحادثات تناول الجانبان الغداء.")
    ev = one(events, "CONSULT")
    assert ev["evidence"]["text"].startswith("أجرى")


def test_joining_the_summit_told_before_adds_its_parties(run):
    events = run("انعقدت القمة الثانية بين الصين وآسيا الوسطى في أستانا يوم 17 يونيو 2025. "
                 "وشارك في القمة الرئيس الأوزبكي شوكت ميرضيائيف والرئيس الطاجيكي إمام علي رحمن.")
    ev = one(events, "CONSULT")
    assert ev["mode"] == "summit"
    assert {"Shavkat Mirziyoyev", "Emomali Rahmon"} <= set(ev["names"])


def test_what_is_supported_is_not_a_second_event_and_keeps_its_own_date(run):
    events = run("وقال الرئيس الصيني شي جين بينغ إن بلاده تدعم تنظيم عام السياحة الصينية في كازاخستان العام المقبل.")
    ev = one(events)
    assert ev["type"] == "SUPPORT"
    assert ev["target_name"] == "Kazakhstan"
    assert ev["date"] != "2025"


def test_a_place_or_an_institution_is_not_a_party(run):
    assert [e for e in run("وحلقت طائرات من مصر فوق العرض ترحيبا بالوفد.") if e["type"] == "SUPPORT"] == []
    events = run("ألقى الرئيس الصيني شي جين بينغ خطابا في جامعة نزارباييف دعا فيه إلى التعاون.")
    assert all(e["source_name"] != "Nazarbayev University" for e in events)


def test_generic_plural_meetings_are_not_events(run):
    assert run("وتتعاون مصر والسعودية في المنظمات الدولية والاجتماعات المشتركة بين البلدين.") == []


@pytest.mark.parametrize("text, source, target", [
    ("وتحدث الرئيس الكازاخستاني قاسم جومارت توكاييف عن التجارة مشيدا بالصين لدورها في المنطقة.",
     "Kassym-Jomart Tokayev", "China"),
    # after a speech verb, and after another event of the sentence: its subject still
    ("وقال الرئيس الأوزبكي شوكت ميرضيائيف إن العلاقات مع بكين تشهد أفضل مراحلها، مشيدا بالصين "
     "باعتبارها شريكا موثوقا.", "Shavkat Mirziyoyev", "China"),
    ("التقى الرئيس الأوزبكي شوكت ميرضيائيف رئيس الوزراء الصيني لي تشيانغ في بكين أمس، مشيدا بالصين "
     "باعتبارها شريكا موثوقا.", "Shavkat Mirziyoyev", "China"),
])
def test_praise_as_a_circumstantial_participle(run, text, source, target):
    ev = one(run(text), "SUPPORT")
    assert ev["mode"] == "praise"
    assert (ev["source_name"], ev["target_name"]) == (source, target)


def test_noun_with_a_hamza_takes_a_possessive(run):
    ev = one(run("وتحدث الرئيس الكازاخستاني قاسم جومارت توكاييف خلال لقائه الرئيس الصيني شي جين بينغ في مايو 2023."),
             "CONSULT")
    assert ev["mode"] == "meet"
    assert ev["names"] == ["Kassym-Jomart Tokayev", "Xi Jinping"]


def test_a_relative_verb_takes_its_antecedent(run):
    events = run("كان الرئيس القيرغيزي صادر جباروف ، أول الزعماء الذين وصلوا إلى مدينة شيان لحضور القمة.")
    ev = one(events, "CONSULT")
    assert ev["mode"] == "visit"
    assert ev["source_name"] == "Sadyr Japarov"
    assert ev["target_name"] == "China"


def test_a_named_declaration_of_a_summit_told_in_a_relative_clause(run):
    events = run("وأكد الخبير أنه وفقا لإعلان شيان الصادر عن قمة الصين وآسيا الوسطى، التي اختتمت في شيان في مايو 2023، "
                 "تتعزز المواءمة.")
    assert {(e["type"], e["mode"]) for e in events} == {("AGREE", "joint_statement"), ("CONSULT", "summit")}
    for e in events:
        assert e["names"] == ["Central Asia", "China"]


def test_the_president_of_a_country_is_its_person(run):
    events = run("أجرى الرئيس الصيني شي جين بينغ محادثات مع الرئيس الكازاخستاني قاسم جومارت توكاييف. "
                 "وتمت زيارة رئيس كازاخستان للصين في مايو 2023.")
    visit = [e for e in events if e["mode"] == "visit"]
    assert len(visit) == 1 and visit[0]["source_name"] == "Kassym-Jomart Tokayev"
    assert visit[0]["target_name"] == "China"


def test_hosting_a_themed_year_takes_its_parties_from_the_name(run):
    ev = one(run("وستستضيف الصين العام المقبل عام السياحة الكازاخستانية."), "COOPERATE")
    assert ev["mode"] == "cultural"
    assert ev["source_name"] == "China" and ev["target_name"] == "Kazakhstan"
    assert ev["status"] == "planned"


def test_a_present_verb_with_a_weekday_is_the_coming_one(run):
    # published on Wednesday 2024-03-13: Thursday is the 14th, not the 7th
    ev = one(run("وتستضيف القاهرة يوم الخميس قمة مصر وقبرص واليونان.", published="2024-03-13"), "CONSULT")
    assert ev["date"] == "2024-03-14"
    assert ev["status"] == "planned"


def test_the_talks_told_after_a_visit_are_the_visits_own(run):
    evs = run("زار رئيس الوزراء الصيني لي تشيانغ أوزبكستان في أكتوبر 2023. "
              "وكنتيجة للمحادثات الثنائية وقع الجانبان مذكرات تفاهم في مجال الطاقة.")
    consults = [e for e in evs if e["type"] == "CONSULT"]
    assert len(consults) == 1 and consults[0]["mode"] == "visit"
    assert any(e["type"] == "AGREE" for e in evs)


def test_talks_with_their_own_date_after_a_visit_stay_a_second_event(run):
    evs = run("زار رئيس الوزراء الصيني لي تشيانغ أوزبكستان في أكتوبر 2023. "
              "وفي مارس 2024 أجرى وزيرا خارجية البلدين محادثات في بكين.")
    assert [e["mode"] for e in evs if e["type"] == "CONSULT"] == ["visit", "talks"]


@pytest.mark.parametrize("phrase", ["وفي أعقاب المحادثات", "وفي ختام المحادثات", "وعلى هامش المحادثات"])
def test_an_event_told_after_earlier_talks_takes_their_date(run, phrase):
    evs = run("وفي 12 فبراير أجرى الرئيس الكازاخستاني محادثات مع الرئيس التركي في أنقرة.\n"
              "وأشاد الجانبان بنمو التجارة الثنائية.\n"
              f"{phrase}، وقع البلدان اتفاقية للتعاون في مجال النقل.")
    assert one(evs, "AGREE")["date"] == "2024-02-12"


def test_meetings_with_two_officials_of_one_country_are_two_events(run):
    evs = run("واستقبل الرئيس التركي رجب طيب أردوغان رئيس الوزراء الكازاخستاني أولجاس بيكتينوف. "
              "وتناول اللقاء مشاريع الطاقة. كما عقد لقاء مع وزير الخارجية الكازاخستاني مراد نورتليو، "
              "وبحث الجانبان التعاون في مجال النقل.")
    meets = [e for e in evs if e["type"] == "CONSULT"]
    assert len(meets) == 2, meets
    # the second meeting's subject, left out, is the first meeting's host
    assert "Recep Tayyip Erdoğan" in meets[1]["names"], meets[1]


def test_the_two_presidents_right_after_their_talks_are_still_at_them(run):
    talks = ("وفي 5 مايو، أجرى الرئيس الأذربيجاني إلهام علييف محادثات مع الرئيس الكازاخستاني قاسم جومارت توكاييف "
             "في باكو. وتناولت المحادثات مسائل النقل.\n")
    evs = run(talks + "واتفق الرئيسان على توسيع الممر الأوسط.", published="2024-05-10")
    assert one(evs, "AGREE")["date"] == "2024-05-05"
    # three paragraphs on, in a story not of that week, the day is no longer theirs
    evs = run(talks + "وتشهد المنطقة نموا في حركة الشحن.\nوارتفعت أسعار النقل.\nواتفق الرئيسان على توسيع الممر الأوسط.",
              published="2024-05-20")
    assert one(evs, "AGREE")["date"] is None


def test_the_talks_referred_to_may_have_been_told_as_a_meeting(run):
    evs = run("التقى الرئيس الكازاخستاني قاسم جومارت توكاييف الرئيس الأذربيجاني إلهام علييف في باكو في 3 مايو.\n"
              "وكان وزير الخارجية الأذربيجاني قد زار أستانا في فبراير الماضي.\n"
              "وفي ختام المباحثات، وقع البلدان اتفاقية للنقل.", published="2024-05-10")
    assert one(evs, "AGREE")["date"] == "2024-05-03"


def test_what_the_parties_say_after_a_dated_call_was_said_in_it(run):
    call = "أجرى الرئيس الروسي فلاديمير بوتين أمس اتصالا هاتفيا بنظيره الأوزبكي شوكت ميرضيائيف.\n"
    evs = run(call + "وأشاد ميرضيائيف بدعم روسيا لبلاده، واتفق الزعيمان على عقد اجتماع للجنة الحكومية.", "2024-06-12")
    assert {e["type"]: e["date"] for e in evs if e["type"] in ("SUPPORT", "AGREE")} == \
        {"SUPPORT": "2024-06-11", "AGREE": "2024-06-11"}


def test_a_statement_paragraphs_after_the_storys_occasion_is_of_its_day(run):
    call = "أجرى الرئيس الروسي فلاديمير بوتين أمس اتصالا هاتفيا بنظيره الأوزبكي شوكت ميرضيائيف.\n"
    later = "وتنمو التجارة.\nوتشهد المنطقة تحولات.\n"
    evs = run(call + later + "وأشاد ميرضيائيف بدعم روسيا لبلاده.", "2024-06-12")
    assert one(evs, "SUPPORT")["date"] == "2024-06-11"
    # a backstory told in the pluperfect is not of that day
    evs = run(call + later + "وكان ميرضيائيف قد أشاد بدعم روسيا لبلاده.", "2024-06-12")
    assert one(evs, "SUPPORT")["date"] is None
    # nor is what follows an occasion weeks before publication: the story is not of its day
    dated = call.replace("أمس", "في 11 يونيو")
    assert one(run(dated + later + "وأشاد ميرضيائيف بدعم روسيا لبلاده.", "2024-06-12"), "SUPPORT")["date"] == "2024-06-11"
    assert one(run(dated + later + "وأشاد ميرضيائيف بدعم روسيا لبلاده.", "2024-07-12"), "SUPPORT")["date"] is None


def test_agreeing_on_a_later_meeting_is_dated_by_the_agreement(run):
    evs = run("أجرى الرئيس الإيراني مسعود بزشكيان أمس اتصالا هاتفيا بنظيره التركماني سردار بردي محمدوف.\n"
              "ونقلت الوكالة عن بزشكيان قوله إن العلاقات متينة.\n"
              "واتفق الرئيسان على عقد اجتماع اللجنة المشتركة في ديسمبر المقبل.", "2024-10-22")
    assert one(evs, "AGREE")["date"] == "2024-10-21"


def test_on_the_sidelines_of_the_summit_is_the_summit_of_the_story(run):
    evs = run("اجتمع قادة دول آسيا الوسطى والاتحاد الأوروبي الخميس 3 أبريل في سمرقند في قمتهم الأولى.\n"
              "وكانت بروكسل قد استضافت اجتماعا وزاريا في أكتوبر 2023.\n"
              "وعلى هامش القمة، وقعت كازاخستان والاتحاد الأوروبي مذكرة تفاهم حول المعادن.", "2025-04-04")
    assert one(evs, "AGREE")["date"] == "2025-04-03"


def test_absent_from_a_summit_is_no_part_in_it(run):
    evs = run("وغاب عن القمة ولي العهد السعودي الأمير محمد بن سلمان، الذي استضافت بلاده القمة الأولى "
              "في جدة في تموز/يوليو 2023.")
    assert not [e for e in evs if "غاب" in e["evidence"]["text"]], evs


def test_a_meeting_told_around_a_time_set_off_by_commas(run):
    evs = run("استقبل الرئيس الأوزبكي شوكت ميرضيائيف، أمس الثلاثاء، في طشقند وزير الخارجية الروسي "
              "سيرغي لافروف، الذي يزور أوزبكستان للمشاركة في اجتماع للجنة المشتركة.", "2024-05-15")
    meet = one([e for e in evs if e["mode"] == "meet"])
    assert (meet["names"], meet["date"]) == (["Sergey Lavrov", "Shavkat Mirziyoyev"], "2024-05-14")
    visit = one([e for e in evs if e["mode"] == "visit"])
    # "الذي يزور": the person right before visits, now, the country after the verb
    assert (visit["source_name"], visit["target_name"], visit["status"]) == ("Sergey Lavrov", "Uzbekistan", "ongoing")
    assert visit["date"] != "2024-05-21"  # "أمس" is never moved to the coming week


def test_awaited_is_expected(run):
    evs = run("ومن المنتظر أن يشارك الرئيس الكازاخستاني قاسم جومارت توكاييف في قمة منظمة شنغهاي للتعاون.")
    assert {e["status"] for e in evs} == {"expected"}


def test_praising_a_policy_praises_whose_it_is(run):
    evs = run("وقال الرئيس الروسي فلاديمير بوتين إن العلاقات متينة، مشيدا بالسياسة الخارجية المتوازنة "
              "التي ينتهجها الرئيس الكازاخستاني قاسم جومارت توكاييف.")
    praise = one(evs, "SUPPORT")
    assert (praise["source_name"], praise["target_name"]) == ("Vladimir Putin", "Kassym-Jomart Tokayev")


def test_signing_in_the_presence_of_the_two_leaders(run):
    evs = run("التقى الرئيس الروسي فلاديمير بوتين الرئيس الكازاخستاني قاسم جومارت توكاييف في أستانا. "
              "وجرى بحضورهما توقيع 17 وثيقة للتعاون.")
    assert one(evs, "AGREE")["names"] == ["Kassym-Jomart Tokayev", "Kazakhstan", "Russia", "Vladimir Putin"]


def test_the_country_of_the_city_where_it_happens_is_no_party(run):
    evs = run("واختتمت أمس في مدينة تيانجين الصينية أعمال قمة منظمة شنغهاي للتعاون.")
    assert "China" not in one(evs, "CONSULT")["names"]
    evs = run("وعقدت القمة الأولى التي احتضنتها مدينة شيان الصينية في مايو 2023.")
    assert "China" in one(evs, "CONSULT")["names"]  # the host city's country hosts


def test_what_is_denied_is_not_asserted(run):
    evs = run("نفت وزارة الخارجية الأوزبكية ما تداولته وسائل إعلام عن توقيع اتفاق عسكري مع روسيا، "
              "مؤكدة أن المحادثات مع موسكو لم تبدأ.")
    assert evs == []


def test_their_summit_is_a_summit_and_its_chair_takes_part_in_it(run):
    evs = run("اجتمع قادة دول الخليج وآسيا الوسطى الثلاثاء في سمرقند في قمتهم الثانية. "
              "وترأس القمة الرئيس الأوزبكي شوكت ميرضيائيف.")
    summit = one(evs, "CONSULT")
    assert summit["mode"] == "summit" and "Shavkat Mirziyoyev" in summit["names"]


def test_who_took_part_is_left_out_and_who_was_absent_is_no_party(run):
    evs = run("وكان بوتين قد وصل إلى بيشكك الأربعاء، وشارك في اليوم التالي في قمة منظمة معاهدة الأمن "
              "الجماعي التي غاب عنها رئيس الوزراء الأرميني نيكول باشينيان.")
    summit = next(e for e in evs if e["mode"] in ("summit", "multilateral_meeting"))
    assert "Vladimir Putin" in summit["names"]
    assert not [n for n in summit["names"] if "Pashinyan" in n or n == "Armenia"]


def test_the_visit_referred_to_is_no_second_visit(run):
    evs = run("وصل الرئيس الكازاخستاني قاسم جومارت توكاييف إلى أنقرة مساء الإثنين في زيارة رسمية.\n"
              "ووقع البلدان سبع اتفاقيات. ولم يوقع الجانبان خلال الزيارة اتفاق التجارة الحرة الذي بدأ التفاوض عليه عام 2022.")
    assert [e["mode"] for e in evs if e["type"] == "CONSULT"] == ["visit"]


@pytest.mark.parametrize("text", [
    "وعقدت دول آسيا الوسطى قمة مع ألمانيا في برلين في أيلول 2023.",
    "وتستعد أستانا للقمة الثانية بين الصين ودول آسيا الوسطى في يونيو المقبل.",
])
def test_a_summit_with_its_parties(run, text):
    summit = one(run(text), "CONSULT")
    assert summit["mode"] == "summit" and "Central Asia" in summit["names"]


def test_a_summit_named_in_passing_is_no_event(run):
    assert run("وتحدث الوزير عن أهمية القمة وعن العلاقات بين الشعبين.") == []


def test_without_a_reference_a_later_paragraph_keeps_no_date(run):
    evs = run("وفي 12 فبراير أجرى الرئيس الكازاخستاني محادثات مع الرئيس التركي في أنقرة.\n"
              "وأشاد الجانبان بنمو التجارة الثنائية.\n"
              "ووقع البلدان اتفاقية للتعاون في مجال النقل.")
    assert one(evs, "AGREE")["date"] is None


def test_being_compatible_with_is_not_agreeing(run):
    assert not [e for e in run("تتوافق رؤية قيرغيزستان 2030 مع مبادرة الحزام والطريق الصينية.")
                if e["type"] == "AGREE"]
    evs = run("وتوافق الرئيسان الكازاخستاني والصيني على توسيع التبادل التجاري.")
    assert [e["mode"] for e in evs if e["type"] == "AGREE"] == ["agree"]


def test_readiness_is_a_plan_and_takes_no_past_date(run):
    evs = run("وفي عام 2019 افتتحت الصين قنصلية في ألماتي، وكازاخستان على استعداد لتقديم الدعم الكامل "
              "للمستثمرين الصينيين.", published=None)
    support = [e for e in evs if e["type"] == "SUPPORT"]
    assert support and support[0]["status"] == "planned" and support[0]["date"] is None


def test_he_and_x_is_the_speaker_and_x(run):
    evs = run("وأوضح رئيس الوزراء القيرغيزي في كلمته أنه، في الربيع الماضي، اجتمع هو ورئيس الوزراء الصيني "
              "لي تشيانغ في بكين.")
    ev = one(evs, "CONSULT")
    assert "Li Qiang" in ev["names"] and len(ev["actors"]) == 2


def test_what_was_said_keeps_its_date_and_place_to_itself(run):
    # the talks are the wire story's, in Astana on its day; the meetings
    # reported after "أنه" were last year, elsewhere
    evs = run("أستانا 5 أبريل 2024 (شينخوا) استقبل الرئيس الكازاخستاني قاسم جومارت توكاييف نظيره الأوزبكي "
              "شوكت ميرضيائيف في قصر أكوردا.\n"
              "وخلال المحادثات، أشار توكاييف إلى أنه، خلال العام الماضي، التقى هو وميرضيائيف ثلاث مرات "
              "في طشقند وسمرقند.", published=None)
    consults = [e for e in evs if e["type"] == "CONSULT"]
    reported = [e for e in consults if "التقى" in e["evidence"]["text"]]
    assert len(reported) == 1 and reported[0]["date"] == "2023"
    assert reported[0]["location_name"] == "Tashkent"
    for e in consults:
        if e is not reported[0]:
            assert e["date"] == "2024-04-05" and e["location_name"] == "Astana", e


def test_those_who_announce_an_agreement_are_its_parties(run):
    evs = run("وأعلنت الصين وطاجيكستان أنه تم الاتفاق على زيادة عدد الرحلات الجوية.")
    ev = one(evs, "AGREE")
    assert ev["names"] == ["China", "Tajikistan"]


def test_a_negated_auxiliary_negates_a_later_verbal_noun(run):
    assert not [e for e in run("ولم يتم خلال الاجتماع الوزاري التوقيع على اتفاقية الطاقة بين الصين وتركمانستان.")
                if e["type"] == "AGREE"]


@pytest.mark.parametrize("text", [
    "وأفادت الإحصاءات بأن أكثر من 92 ألف مواطن صيني زاروا أوزبكستان خلال الربع الأول.",
    "واستقبلت قيرغيزستان العام الماضي أكثر من 300 ألف سائح صيني.",
    "وانضمت 150 شركة أوزبكية إلى منصة التجارة الإلكترونية الصينية.",
])
def test_counts_of_people_or_companies_are_statistics_not_visits(run, text):
    lead = "التقى وزير الخارجية الصيني وانغ يي نظيره الأوزبكي بختيار سعيدوف في طشقند أمس. "
    evs = run(lead + text)
    assert [e["evidence"]["text"] for e in evs] == [lead.strip()]


def test_every_visit_is_no_visit(run):
    lead = "التقى وزير الخارجية الصيني وانغ يي نظيره الكازاخستاني مراد نورتليو في أستانا أمس. "
    evs = run(lead + "ويسمح الاتفاق لمواطني الصين وكازاخستان بالإقامة لمدة 30 يوما في كل زيارة.")
    assert [e["evidence"]["text"] for e in evs] == [lead.strip()]


def test_the_heads_of_the_two_states_are_the_principal_persons(run):
    evs = run("وجرت في بكين مفاوضات بين رئيسي الدولتين شوكت ميرضيائيف وشي جين بينغ. "
              "ووقع رئيسا الدولتين بيانا مشتركا.")
    assert one(evs, "AGREE")["names"] == ["Shavkat Mirziyoyev", "Xi Jinping"]
    assert one(evs, "CONSULT")["mode"] == "talks"


def test_discussing_with_a_counterpart_is_talks(run):
    ev = one(run("وكان الرئيس الأوزبكي شوكت ميرضيائيف قد بحث مع نظيره الصيني شي جين بينغ سبل تعزيز التعاون."))
    assert (ev["type"], ev["mode"]) == ("CONSULT", "talks")
    assert not run("وبحث المنتدى سبل تعزيز التعاون الاقتصادي بين الصين وأوزبكستان.")


def test_an_omitted_subject_with_a_partner_is_the_previous_events(run):
    evs = run("وزار الرئيس التركمانستاني سردار بردي محمدوف بكين في يناير 2023، واتفق مع الرئيس شي "
              "على تسريع العمل في المشروع.")
    agree = one(evs, "AGREE")
    assert agree["names"] == ["Serdar Berdimuhamedow", "Xi Jinping"]
    assert one(evs, "CONSULT")["location_name"] == "Beijing"


def test_an_awaited_visit_of_a_minister_is_his(run):
    ev = one(run("وتتحدث المصادر عن زيارة مرتقبة لوزير الخارجية الكازاخستاني مراد نورتليو إلى بكين."))
    assert ev["source_name"] == "Murat Nurtleu" and ev["target_name"] == "China"


@pytest.mark.parametrize("text, mode", [
    ("أما القمة الثالثة بين الصين وآسيا الوسطى فستعقد في الصين عام 2027.", "summit"),
    ("ووضع الرئيسان الصيني والقيرغيزي حجر الأساس لخط السكة الحديدية بين البلدين أمس.", "economic"),
    ("تعمل الصين وأوزبكستان على تعزيز السياحة. وتحتضن أوزبكستان هذا العام فعاليات سنة السياحة الصينية.",
     "cultural"),
])
def test_more_ways_news_tells_an_event(run, text, mode):
    assert [e["mode"] for e in run(text)] == [mode]


def test_a_status_marker_takes_a_conjunction(run):
    ev = one(run("تعمل في كازاخستان خمسة معاهد كونفوشيوس بدعم من الصين، ونستعد لإطلاق ورشة لوبان."), "COOPERATE")
    assert ev["status"] == "planned"


def test_two_statements_of_support_are_two_events(run):
    evs = run("وقال الرئيس الصيني شي جين بينغ إن الصين تدعم قيرغيزستان في استضافة القمة المقبلة. "
              "وأكد الرئيس القيرغيزي صدر جباروف دعم بلاده لمبادرة الحزام والطريق الصينية.")
    support = [e for e in evs if e["type"] == "SUPPORT"]
    assert [e["source_name"] for e in support] == ["Xi Jinping", "Sadyr Japarov"]


def test_the_genitive_of_support_is_its_source(run):
    ev = one(run("وأضاف أن بلاده تقدر دعم الصين الحازم لسيادة قيرغيزستان واستقلالها."), "SUPPORT")
    assert (ev["source_name"], ev["target_name"]) == ("China", "Kyrgyzstan")


def test_holding_to_a_principle_endorses_it(run):
    ev = one(run("وأكد الرئيس القيرغيزي صدر جباروف أن قيرغيزستان تلتزم بثبات بمبدأ صين واحدة."), "SUPPORT")
    assert ev["target_name"] == "China"
    assert not run("وتلتزم الشركات الصينية والقيرغيزية بالمعايير البيئية.")


def test_easing_visas_is_diplomatic_cooperation(run):
    evs = run("تتوسع العلاقات بين الصين وأوزبكستان. وفي العام الماضي ألغت أوزبكستان التأشيرات للمواطنين "
              "الصينيين، ومن المتوقع أن يزيل البلدان المزيد من قيود التأشيرات.")
    assert [(e["mode"], e["status"]) for e in evs] == [("diplomatic", "occurred"), ("diplomatic", "expected")]
    assert all(e["names"] == ["China", "Uzbekistan"] for e in evs)


def test_short_parentheses_do_not_cut_a_signing_from_its_document(run):
    ev = one(run("وقع الرئيس الصيني شي جين بينغ وقادة دول آسيا الوسطى الخمس، اليوم الثلاثاء، في العاصمة أستانا، "
                 "معاهدة حسن الجوار والصداقة."), "AGREE")
    assert ev["mode"] == "sign_agreement" and "Xi Jinping" in ev["names"]
    # a long clause in between is another statement
    assert not run("وقع الرئيس الصيني شي جين بينغ وقادة دول آسيا الوسطى الخمس، في ختام قمة استمرت يومين كاملين "
                   "في العاصمة، على هامش المنتدى، معاهدة حسن الجوار.")


def test_approving_a_declaration_at_the_close_of_the_summit(run):
    evs = run("عقدت قمة منظمة شنغهاي للتعاون في مدينة تيانجين الصينية في الأول من سبتمبر 2025 بمشاركة الرئيس "
              "الروسي فلاديمير بوتين. وصادق القادة في ختام الاجتماع على إعلان تيانجين.", published="2025-09-02")
    assert [(e["type"], e["mode"]) for e in evs] == [("CONSULT", "summit"), ("AGREE", "joint_statement")]


def test_a_past_summit_is_not_the_coming_one(run):
    evs = run("ستستضيف الصين قمة لقادة آسيا الوسطى الأسبوع المقبل. وعقدت القمة الافتتاحية لقادة الصين وآسيا "
              "الوسطى عبر الإنترنت العام الماضي.", published=None)
    assert sorted(e["status"] for e in evs if e["type"] == "CONSULT") == ["occurred", "planned"]


def test_a_body_in_a_persons_title_is_no_party(run):
    ev = one(run("والتقى الرئيس الأوزبكي شوكت ميرضيائيف في بكين رئيس مجلس الدولة الصيني لي تشيانغ."))
    assert ev["mode"] == "meet" and ev["names"] == ["Li Qiang", "Shavkat Mirziyoyev"]


def test_the_meeting_at_the_close_of_a_summit_is_the_summit(run):
    evs = run("عقدت القمة الثانية للصين ودول آسيا الوسطى في أستانا أمس. وتقرر عقد القمة المقبلة في الصين، "
              "وفق ما أعلنه المنظمون في ختام الاجتماع.")
    assert "meet" not in [e["mode"] for e in evs]


def test_a_summit_with_its_own_verb_beside_a_meeting_is_a_second_event(run):
    evs = run("ومن المقرر أن يلتقي وزير الخارجية الكازاخستاني مراد نورتليو نظيره الصيني وانغ يي لبحث التحضيرات "
              "لقمة منظمة شنغهاي للتعاون التي تستضيفها أستانا في يوليو المقبل.", published="2024-03-12")
    summit = [e for e in evs if e["mode"] == "summit"]
    assert len(evs) == 2 and len(summit) == 1
    assert summit[0]["date"] == "2024-07" and summit[0]["status"] == "planned"
    # on the sidelines of the summit: the setting, not a second event
    evs = run("وكان الرئيس الصيني شي جين بينغ والرئيس الروسي فلاديمير بوتين قد عقدا أمس لقاء ثنائيا على هامش القمة.",
              published="2024-07-04")
    assert [e["mode"] for e in evs] == ["meet"]


def test_two_agreements_paragraphs_apart_are_two_events(run):
    evs = run("وخلال الزيارة اتفق الرئيسان الصيني والقيرغيزي على تعميق الثقة السياسية المتبادلة.\n"
              "وفي مجال النقل، تضاعف عدد القطارات بين البلدين خلال العام.\n"
              "ومع تحسن الوضع الوبائي، تم الاتفاق لاستئناف الرحلات المنتظمة بين بيشكيك وأورومتشي.")
    assert len([e for e in evs if e["type"] == "AGREE"]) == 2


def test_attending_an_opening_ceremony_abroad(run):
    ev = one(run("وفي شباط 2022 حضر الرئيس القيرغيزي صدر جباروف حفل الافتتاح للألعاب الأولمبية الشتوية في بكين."))
    assert ev["type"] == "CONSULT" and "Sadyr Japarov" in ev["names"] and ev["date"] == "2022-02"


def test_an_anticipated_visit_is_expected_and_an_invitation_planned(run):
    ev = one(run("وتتحدث المصادر عن زيارة مرتقبة لوزير الخارجية الكازاخستاني مراد نورتليو إلى بكين."))
    assert ev["status"] == "expected"
    ev = one(run("ووجه الرئيس الأوزبكي شوكت ميرضيائيف دعوة إلى الرئيس الصيني شي جين بينغ للقيام بزيارة دولة "
                 "إلى أوزبكستان."))
    assert ev["status"] == "planned"


def test_the_paragraphs_day_goes_on_until_another_is_named(run):
    evs = run("وفي 24 يناير جرت في بكين مفاوضات بين الرئيسين الأوزبكي شوكت ميرضيائيف والصيني شي جين بينغ. "
              "ووقع الرئيسان بيانا مشتركا.\nوفي مجال آخر، اتفق البلدان على تبادل الخبرات.", published="2024-01-25")
    dates = {e["mode"]: e["date"] for e in evs}
    assert dates["joint_statement"] == "2024-01-24"
    assert dates.get("agree") is None


def test_meeting_his_counterpart_is_the_previous_subjects(run):
    evs = run("ويصل وزير الخارجية الكازاخستاني مراد نورتليو إلى بكين الأسبوع المقبل، حيث من المقرر أن يلتقي "
              "نظيره الصيني وانغ يي.")
    meet = [e for e in evs if e["mode"] == "meet"]
    assert len(meet) == 1 and meet[0]["names"] == ["Murat Nurtleu", "Wang Yi"]


def test_a_visit_told_as_concluded_after_n_days_began_n_minus_one_days_before(run):
    events = run("أنهى الرئيس التركي رجب طيب أردوغان، اليوم السبت، زيارة رسمية إلى أوزبكستان دامت ثلاثة أيام، "
                 "التقى في يومها الأول نظيره الأوزبكي شوكت ميرضيائيف في طشقند، ثم زار في اليوم التالي مدينة سمرقند.",
                 published="2024-03-09")
    visit = next(e for e in events if e["mode"] == "visit" and "Uzbekistan" in e["names"])
    assert visit["date"] == "2024-03-07"
    meeting = next(e for e in events if "Shavkat Mirziyoyev" in e["names"])
    assert meeting["date"] == "2024-03-07"


def test_a_visit_told_without_its_length_keeps_its_day(run):
    events = run("اختتم الرئيس التركي رجب طيب أردوغان، اليوم السبت، زيارة رسمية إلى أوزبكستان.", published="2024-03-09")
    assert next(e for e in events if e["mode"] == "visit")["date"] == "2024-03-09"


def test_the_results_of_the_visit_name_the_visit_told_before(run):
    events = run("اختتم رئيس الوزراء الصيني لي تشيانغ يوم الثلاثاء زيارة إلى كازاخستان، وشارك في اليوم التالي "
                 "في قمة منظمة شنغهاي للتعاون.\n"
                 "ولتقييم نتائج الزيارة، تحدثنا إلى باحث في موسكو.", published="2024-03-10")
    assert sum(e["mode"] == "visit" for e in events) == 1


def test_a_document_named_before_a_verb_with_its_pronoun_is_signed(run):
    events = run("ومن أبرز النتائج اتفاق وقعته شركة \"سينوبك\" الصينية مع شركة \"قازموناي غاز\" الكازاخستانية أمس.",
                 published="2024-03-10")
    signed = [e for e in events if e["mode"] == "sign_agreement"]
    assert len(signed) == 1 and len(signed[0]["actors"]) == 2
    assert signed[0]["date"] == "2024-03-09"


def test_a_verb_with_a_pronoun_and_no_document_is_no_signing(run):
    events = run("ومن أبرز النتائج قرار وقعه الرئيس الكازاخستاني قاسم جومارت توكاييف أمس.", published="2024-03-10")
    assert not [e for e in events if e["mode"] == "sign_agreement"]


def test_support_for_a_countrys_project_targets_that_country(run):
    events = run("وأعرب الرئيس الكازاخستاني قاسم جومارت توكاييف عن دعم بلاده للمشروع العراقي لربط الموانئ.",
                 published="2024-03-10")
    support = [e for e in events if e["type"] == "SUPPORT"]
    assert support and "Iraq" in support[0]["names"]


def test_an_indefinite_ordinal_summit_with_its_party(run):
    events = run("وشهد العام الماضي قمة ثانية مع الاتحاد الأوروبي في بروكسل.", published="2024-03-10")
    summit = [e for e in events if e["mode"] == "summit"]
    assert summit and "European Union" in summit[0]["names"]


def test_the_head_of_state_the_text_named_once_is_the_bare_head_of_state(run):
    events = run("استقبل رئيس الدولة قاسم جومارت توكاييف أمس وزير الخارجية الصيني وانغ يي.\n"
                 "ومن المقرر أن يزور رئيس الدولة الصين في أيلول المقبل.", published="2024-03-10")
    visit = next(e for e in events if e["mode"] == "visit")
    assert "Kassym-Jomart Tokayev" in visit["names"] and "China" in visit["names"]
    assert visit["status"] == "planned"


def test_the_head_of_a_named_state_is_not_the_home_president(run):
    events = run("استقبل رئيس الدولة قاسم جومارت توكاييف أمس وزير الخارجية الصيني وانغ يي.\n"
                 "وتحدث رئيس الدولة الصينية شي جين بينغ هاتفيا مع نظيره الروسي فلاديمير بوتين اليوم.",
                 published="2024-03-10")
    call = next(e for e in events if e["mode"] == "call")
    assert "Kassym-Jomart Tokayev" not in call["names"]


@pytest.mark.parametrize("text", [
    "تحدث الرئيس الصيني شي جين بينغ هاتفيا مع نظيره الكازاخستاني قاسم جومارت توكاييف اليوم.",
    "واتصل الرئيس الروسي فلاديمير بوتين عبر الهاتف بنظيره الأوزبكي شوكت ميرضيائيف.",
])
def test_speaking_by_phone_is_a_call(run, text):
    assert [e["mode"] for e in run(text) if e["type"] == "CONSULT"] == ["call"]


def test_speaking_without_a_phone_is_no_call(run):
    assert not [e for e in run("تحدث الرئيس الصيني شي جين بينغ عن التعاون مع كازاخستان.") if e["mode"] == "call"]


def test_an_expectation_opening_the_sentence_governs_the_event_noun_after_a_frame(run):
    events = run("ومن المتوقع، خلال جولة الرئيس الأوزبكي شوكت ميرضيائيف المقبلة في أوروبا، توقيع اتفاقيات مع فرنسا.",
                 published="2024-03-10")
    signed = next(e for e in events if e["mode"] == "sign_agreement")
    assert signed["status"] == "expected"
    assert all(e["status"] != "expected" for e in events if e["mode"] == "visit")


def test_a_cancelled_or_postponed_visit_is_no_event(run):
    assert not [e for e in run("ألغى الرئيس التركي رجب طيب أردوغان زيارته المقررة إلى أوزبكستان الأسبوع المقبل.")
                if e["mode"] == "visit"]
    events = run("أعلنت وزارة الخارجية الكازاخستانية أمس تأجيل زيارة وزير الخارجية الروسي سيرغي لافروف إلى أستانا.")
    assert not [e for e in events if e["mode"] == "visit"]
    assert [e for e in run("وأعلنت الوزارة أمس زيارة وزير الخارجية الروسي سيرغي لافروف إلى أستانا.") if e["mode"] == "visit"]


def test_receiving_an_envoys_credentials_is_a_meeting(run):
    events = run("تسلم الرئيس الكازاخستاني قاسم جومارت توكاييف أمس أوراق اعتماد سفير اليابان الجديد.")
    assert [e["mode"] for e in events] == ["meet"]
    assert not run("تسلمت الشركة الدفعة الأولى من القطارات الجديدة.")


def test_a_cancellation_of_something_else_leaves_the_visit_standing(run):
    events = run("أعلن البلدان إلغاء التأشيرات خلال زيارة الرئيس الأوزبكي شوكت ميرضيائيف إلى كازاخستان أمس.")
    assert [e for e in events if e["mode"] == "visit"]


@pytest.mark.parametrize("text", [
    "افتتحت الصين مصنعا للسيارات في كازاخستان.",
    "افتتحت أوزبكستان وكازاخستان معبرا حدوديا جديدا.",
])
def test_an_indefinite_object_in_the_accusative_gives_the_mode(run, text):
    assert [e["mode"] for e in run(text)] == ["economic"]


def test_lending_is_aid(run):
    events = run("منح بنك التنمية الآسيوي قرضا بقيمة 300 مليون دولار لأوزبكستان.")
    aid = next(e for e in events if e["type"] == "AID")
    assert aid["source_name"] == "Asian Development Bank" and aid["target_name"] == "Uzbekistan"
    assert not [e for e in run("قدم الوزير عرضا عن التعاون مع الصين.") if e["type"] == "AID"]


@pytest.mark.parametrize("text, names", [
    ("ويأتي ذلك بموجب اتفاق ثلاثي وقعته بغداد وعشق آباد وطهران العام الماضي.", {"Iraq", "Turkmenistan", "Iran"}),
    ("وأكد أن بكين تدعم الإصلاحات التي تنفذها أستانا.", {"China", "Kazakhstan"}),
    ("أجرت موسكو وأستانا محادثات حول الغاز.", {"Russia", "Kazakhstan"}),
])
def test_a_capital_standing_for_its_government(run, text, names):
    events = run(text)
    assert events and set(events[0]["names"]) == names


def test_capitals_as_places_stay_places(run):
    events = run("استضافت أستانا القمة الثانية بين الصين وآسيا الوسطى.")
    assert events[0]["location_name"] == "Astana" and "Kazakhstan" not in events[0]["names"]
    assert not run("طالب رجال الأعمال بفتح خط طيران مباشر بين القاهرة وأستانا.")


@pytest.mark.parametrize("text", [
    "وقع رئيسا مصر عبد الفتاح السيسي، والصين شي جين بينغ، الثلاثاء، اتفاقية للتعاون.",
    "وقع الرئيس المصري عبد الفتاح السيسي والرئيس الصيني شي جين بينغ، في 5 مايو، مذكرة تفاهم.",
])
def test_a_signing_whose_subject_list_runs_over_commas(run, text):
    events = [e for e in run(text) if e["type"] == "AGREE"]
    assert events and {"Abdel Fattah el-Sisi", "Xi Jinping"} <= set(events[0]["names"])


def test_commas_with_another_statement_do_not_reach_a_document(run):
    assert not [e for e in run("وقع الرئيس الصيني شي جين بينغ على السجل، وقال إن الاتفاقية مع مصر مهمة.")
                if e["type"] == "AGREE"]


def test_arriving_in_a_capital_is_a_visit(run):
    events = run("حل الرئيس المصري عبد الفتاح السيسي، الأحد، بالعاصمة الصينية بكين في زيارة رسمية.")
    assert events[0]["type"] == "CONSULT" and "Abdel Fattah el-Sisi" in events[0]["names"]
    assert not run("تعمل الحكومة المصرية على حل المشكلة بمدينة القاهرة.")


def test_a_meeting_put_off_is_not_asserted(run):
    assert not run("أُرجئ اجتماع اللجنة المشتركة بين مصر والصين إلى موعد لم يحدد.")
    assert run("عقد اجتماع اللجنة المشتركة بين مصر والصين أمس في القاهرة.")


def test_the_two_sides_of_a_second_item_are_its_own(run):
    text = ("زار الرئيس الصيني شي جين بينغ كازاخستان، وأجرى محادثات مع الرئيس توكاييف في أستانا.\n"
            "وفي خبر آخر، استقبل الرئيس المصري عبد الفتاح السيسي رئيس الوزراء الهندي ناريندرا مودي. "
            "ووقع الجانبان مذكرة تفاهم في مجال الطاقة.")
    signing = next(e for e in run(text) if e["type"] == "AGREE")
    assert set(signing["names"]) & {"Egypt", "India", "Abdel Fattah el-Sisi", "Narendra Modi"}
    assert not set(signing["names"]) & {"China", "Kazakhstan", "Xi Jinping", "Kassym-Jomart Tokayev"}


def test_the_body_whose_summit_one_attends_takes_part(run):
    (e,) = run("شارك الرئيس المصري عبد الفتاح السيسي في قمة جامعة الدول العربية في المنامة.")
    assert e["mode"] == "multilateral_meeting" and "Arab League" in e["names"]


@pytest.mark.parametrize("text", [
    "لكن الجانبين لم يتفقا حتى الآن على موعد لاستئناف بناء خط الغاز بين الصين وقيرغيزستان.",
    "ولم يتمكن الرئيسان الصيني والقيرغيزي من توقيع الاتفاقية.",
])
def test_failing_to_do_a_thing_does_not_do_it(run, text):
    assert not run(text)


def test_a_relative_clause_negated_leaves_the_main_event(run):
    assert [e["type"] for e in run("وقع الرئيسان الصيني والقيرغيزي الاتفاقية التي لم يتفق عليها الوزراء.")] == ["AGREE"]


def test_what_a_visit_yielded_is_no_new_visit(run):
    events = run("زار الرئيس المصري عبد الفتاح السيسي الصين الأسبوع الماضي. وكان أبرز ما أسفرت عنه الزيارة "
                 "توقيع شركة «أوراسكوم» المصرية عقدا مع الحكومة الصينية.")
    assert [e["type"] for e in events].count("CONSULT") == 1
    assert any(e["type"] == "AGREE" for e in events)


def test_a_reference_after_the_verb_dates_it(run):
    text = ("أجرى الرئيس الصيني شي جين بينغ، أمس الجمعة، محادثات مع الرئيس المصري عبد الفتاح السيسي.\n"
            "ووصل الرئيس الصيني إلى القاهرة قادما من الرياض، حيث شارك يوم الأربعاء في قمة عربية صينية.\n"
            "ووقع الرئيسان في ختام المحادثات بيانا مشتركا.")
    events = run(text, "2024-07-06")
    statement = next(e for e in events if e["type"] == "AGREE")
    assert statement["date"] == "2024-07-05"
    arrival = [e for e in events if e["mode"] == "visit"]
    assert arrival and all(e["date"] != "2024-07-03" for e in arrival)


def test_a_meeting_told_past_a_title_a_day_and_a_place(run):
    text = ("استقبل الرئيس المصري عبد الفتاح السيسي، رئيس الجمهورية، أمس الأربعاء، بمقر الرئاسة بالقاهرة، "
            "الرئيس الصيني شي جين بينغ، الذي يقوم بأول زيارة رسمية له إلى مصر.")
    events = run(text, "2025-02-13")
    meet = next(e for e in events if e["mode"] == "meet")
    assert set(meet["names"]) == {"Abdel Fattah el-Sisi", "Xi Jinping"}
    visit = next(e for e in events if e["mode"] == "visit")
    assert visit["source_name"] == "Xi Jinping"


def test_a_clause_naming_a_party_is_no_insert(run):
    text = "استقبل الرئيس المصري عبد الفتاح السيسي، أمس الأربعاء، في قصر الاتحادية الرئيس الصيني شي جين بينغ، وبحثا التعاون."
    meet = next(e for e in run(text, "2025-02-13") if e["mode"] == "meet")
    assert set(meet["names"]) == {"Abdel Fattah el-Sisi", "Xi Jinping"}


def test_the_two_ministers_are_the_ministers(run):
    text = ("استقبل وزير الخارجية المصري بدر عبد العاطي أمس نظيره الكازاخي مراد نورتليو.\n"
            "ووقع الوزيران في ختام المباحثات مذكرة تفاهم.")
    signing = next(e for e in run(text, "2025-02-13") if e["type"] == "AGREE")
    assert set(signing["names"]) == {"Badr Abdelatty", "Murat Nurtleu"}


@pytest.mark.parametrize("text", [
    "اختتم الرئيس الفرنسي إيمانويل ماكرون، أمس الخميس، جولة في آسيا الوسطى قادته إلى كازاخستان وأوزبكستان.",
    "وانتقل الرئيس الفرنسي إيمانويل ماكرون مساء الأربعاء إلى سمرقند.",
])
def test_a_tour_and_its_stops_are_visits(run, text):
    events = run(text, "2023-11-03")
    assert events and events[0]["mode"] == "visit" and "Emmanuel Macron" in events[0]["names"]


def test_moving_a_project_is_no_visit(run):
    assert not [e for e in run("انتقل العمل في المشروع إلى مرحلة جديدة في أستانا.") if e["mode"] == "visit"]


def test_no_arrangements_for_a_visit_is_no_visit(run):
    assert not run("وقال مصدر إنه لا توجد حتى الآن أي ترتيبات لزيارة الرئيس المصري عبد الفتاح السيسي إلى الصين.")
    assert not run("وليس هناك موعد لزيارة الرئيس المصري عبد الفتاح السيسي إلى الصين.")


@pytest.mark.parametrize("text, country", [
    ("وكان رئيس الوزراء الهندي ناريندرا مودي قد توقف يوم السبت في طشقند.", "Uzbekistan"),
    ("وبدأ الرئيس الفرنسي إيمانويل ماكرون جولته مساء الثلاثاء في أستانا.", "Kazakhstan"),
])
def test_a_stop_in_a_foreign_city_is_a_visit_to_its_country(run, text, country):
    visit = next(e for e in run(text, "2024-05-16") if e["mode"] == "visit")
    assert visit["target_name"] == country


def test_a_tour_of_ones_own_country_is_no_visit(run):
    text = "وتوقف الرئيس الكازاخستاني قاسم جومارت توكاييف في شيمكنت حيث تفقد مصنعا للأسمدة."
    assert not [e for e in run(text) if e["mode"] == "visit"]
    assert not [e for e in run("وتوقفت الإمدادات في أستانا بسبب العاصفة.") if e["mode"] == "visit"]


def test_hosting_leaders_or_peers_is_a_gathering(run):
    summit = one(run("استضاف الرئيس الروسي فلاديمير بوتين قادة دول آسيا الوسطى في موسكو يوم الجمعة."))
    assert summit["mode"] == "summit" and "Vladimir Putin" in summit["names"] and summit["location_name"] == "Moscow"
    meeting = one(run("واستضاف وزير الخارجية الصيني وانغ يي نظراءه من دول آسيا الوسطى في شيان."))
    assert meeting["mode"] == "multilateral_meeting" and "Wang Yi" in meeting["names"]


def test_appreciation_expressed_is_praise_but_estimates_are_not(run):
    praise = one(run("وأعرب رئيس الوزراء القرغيزي عن تقدير بلاده لموقف الصين من مشروع السكة الحديدية."))
    assert (praise["type"], praise["mode"]) == ("SUPPORT", "praise") and praise["target_name"] == "China"
    assert not run("وتشير تقديرات الحكومة الكازاخستانية إلى أن الصين ستبقى الشريك الأول.")


def test_work_under_way_on_a_shared_object_is_ongoing_cooperation(run):
    work = one(run("وتعمل أوزبكستان وقيرغيزستان حاليا على توسيع معبر دوستليك الحدودي بين البلدين."))
    assert (work["type"], work["status"]) == ("COOPERATE", "ongoing")
    assert set(work["names"]) >= {"Uzbekistan", "Kyrgyzstan"}
    assert not run("ويعمل البلدان على تطوير التعاون في مجالات عدة.")  # no object of cooperation


@pytest.mark.parametrize("text", [
    "وأكد المتحدث أن واشنطن لم تفرض أي عقوبات على شركات من أوزبكستان.",
    'وأكد المتحدث أن واشنطن "لم تفرض أي عقوبات على شركات من أوزبكستان".',
])
def test_a_negation_reaches_past_any(run, text):
    assert not [e for e in run(text) if e["type"] == "SANCTION"]


def test_arriving_in_a_capital_named_by_its_nisba_is_a_visit_to_its_country(run):
    visit = one(run("ووصل رئيس الوزراء الهندي ناريندرا مودي أمس إلى العاصمة الكازاخستانية."))
    assert visit["mode"] == "visit" and visit["target_name"] == "Kazakhstan"
    stay = run("وتوجه الرئيس الكازاخستاني قاسم جومارت توكاييف إلى العاصمة الكازاخستانية بعد جولة في الأقاليم.")
    assert not [e for e in stay if e["mode"] == "visit" and e["target_name"] == "Kazakhstan"]


def test_money_set_aside_or_financing_approved_is_aid(run):
    aid = one(run("وأعلن رئيس الوزراء الياباني تخصيص 20 مليون دولار لبرامج المياه في قيرغيزستان."), "AID")
    assert aid["target_name"] == "Kyrgyzstan"
    aid = one(run("وأقر البنك الآسيوي للتنمية تمويلا بقيمة 100 مليون دولار لمشروع طرق في طاجيكستان."), "AID")
    assert aid["target_name"] == "Tajikistan"
    assert not [e for e in run("ورصدت الشرطة تحركات قرب الحدود مع أفغانستان.") if e["type"] == "AID"]


def test_a_road_map_is_a_document_signed(run):
    signing = one(run("ووقعت أوزبكستان وأفغانستان وباكستان خارطة طريق للمشروع في طشقند."), "AGREE")
    assert set(signing["names"]) == {"Uzbekistan", "Afghanistan", "Pakistan"}


def test_where_a_visitor_went_he_met_the_person_named_after_the_verb(run):
    text = ("وبدأ رئيس الوزراء الهندي ناريندرا مودي جولته يوم الاثنين في طشقند، "
            "حيث التقى الرئيس الأوزبكي شوكت ميرضيائيف.")
    meet = next(e for e in run(text, "2024-04-27") if e["mode"] == "meet")
    assert set(meet["names"]) == {"Narendra Modi", "Shavkat Mirziyoyev"}
    # two countries after the verb are its own subject, not the visitor's
    text = "وتوقف رئيس الوزراء الهندي ناريندرا مودي في سمرقند، حيث وقعت الهند وأوزبكستان اتفاقا للنقل."
    signing = next(e for e in run(text, "2024-04-27") if e["type"] == "AGREE")
    assert "Narendra Modi" not in signing["names"]


def test_a_step_told_with_before_that_keeps_the_time_of_its_sentence(run):
    # published on a Saturday: "yesterday, Friday" is the day before, and it happened
    text = "أنهى رئيس الوزراء الهندي ناريندرا مودي يوم الخميس جولة في آسيا الوسطى، قبل أن يتوجه أمس الجمعة إلى منغوليا."
    visit = next(e for e in run(text, "2024-04-27") if e["target_name"] == "Mongolia")
    assert (visit["status"], visit["date"]) == ("occurred", "2024-04-26")


def test_last_week_dates_an_event_by_its_month(run):
    text = "وكان رئيس الوزراء الهندي ناريندرا مودي قد بحث الأسبوع الماضي مع الرئيس الأوزبكي شوكت ميرضيائيف التعاون."
    talks = one(run(text, "2025-05-14"))
    assert talks["date"] == "2025-05"
    summit = one(run("وعقدت القمة يومي 3 و4 يوليو في أستانا بمشاركة الرئيس الصيني شي جين بينغ.", "2024-07-10"))
    assert summit["date"] == "2024-07-03"


def test_a_stance_stated_in_reported_speech_occurred(run):
    support = one(run("وأكد الرئيس الصيني شي جين بينغ أن بلاده تدعم أوزبكستان في الانضمام إلى منظمة التجارة العالمية."), "SUPPORT")
    assert support["status"] == "occurred"


def test_starting_from_is_no_launch(run):
    assert not run("ويمتد الخط انطلاقا من مدينة ترمذ الأوزبكية مرورا بمزار شريف في أفغانستان.")
    launch = one(run("وأعلن البلدان انطلاق أعمال بناء الخط الحديدي بين أوزبكستان وأفغانستان."))
    assert launch["type"] == "COOPERATE"


def test_talks_still_under_way_are_ongoing_and_their_topic_is_no_event(run):
    events = run("ولا تزال المفاوضات جارية بين بيلاروسيا وكازاخستان بشأن إنشاء مركز لوجستي.")
    assert [(e["mode"], e["status"]) for e in events] == [("talks", "ongoing")]


def test_leaving_for_a_city_is_a_visit_by_the_verbs_subject(run):
    text = "وغادر رئيس الوزراء الهندي ناريندرا مودي عشق آباد مساء أمس متوجها إلى أستانا."
    visit = one(run(text, "2024-06-12"))
    assert (visit["source_name"], visit["target_name"]) == ("Narendra Modi", "Kazakhstan")


def test_another_document_signed_also_is_another_signing(run):
    text = ("وقع الرئيس الكازاخستاني قاسم جومارت توكاييف ونظيره الأوزبكي شوكت ميرضيائيف معاهدة بشأن العلاقات التحالفية بين البلدين.\n"
            "كما وقع الجانبان اتفاقية لترسيم الحدود المشتركة بين البلدين.")
    assert len([e for e in run(text) if e["mode"] == "sign_agreement"]) == 2
    text = ("وقع الرئيس الكازاخستاني قاسم جومارت توكاييف ونظيره الأوزبكي شوكت ميرضيائيف معاهدة بشأن العلاقات التحالفية بين البلدين.\n"
            "ووقع الجانبان المعاهدة في القصر الرئاسي.")
    assert len([e for e in run(text) if e["mode"] == "sign_agreement"]) == 1


def test_a_joint_commissions_session_is_talks_between_its_countries(run):
    text = "ومن المقرر أن تعقد اللجنة الحكومية المشتركة الإماراتية الأوزبكية دورتها الثالثة في طشقند في ديسمبر المقبل."
    talks = one(run(text, "2024-06-12"))
    assert (talks["mode"], talks["status"]) == ("talks", "planned")
    assert set(talks["names"]) == {"United Arab Emirates", "Uzbekistan"}
    assert not run("وعقد الرئيس الأوزبكي شوكت ميرضيائيف اجتماعا مع أعضاء الحكومة.")


def test_calling_a_country_a_partner_is_praise(run):
    praise = one(run("ووصف الرئيس الصيني شي جين بينغ كازاخستان بأنها شريك موثوق."), "SUPPORT")
    assert praise["mode"] == "praise" and praise["target_name"] == "Kazakhstan"
    assert not [e for e in run("ووصف الوزير الوضع في المنطقة بأنه مستقر.") if e["mode"] == "praise"]


def test_a_visit_lasting_past_publication_is_ongoing(run):
    text = "ووصل رئيس الوزراء الهندي ناريندرا مودي إلى طشقند أمس الثلاثاء في زيارة عمل تستمر ثلاثة أيام."
    assert one(run(text, "2025-03-12"))["status"] == "ongoing"
    text = "ووصل رئيس الوزراء الهندي ناريندرا مودي إلى طشقند يوم الأحد في زيارة تستمر يومين."
    assert one(run(text, "2025-03-12"))["status"] == "occurred"


def test_the_three_states_are_the_documents_three_countries(run):
    text = ("أطلقت الصين وقيرغيزستان وأوزبكستان أمس أعمال بناء خط السكك الحديدية بين الصين وقيرغيزستان وأوزبكستان.\n"
            "وكانت الدول الثلاث قد وقعت الاتفاقية الحكومية الخاصة بالمشروع في بكين في يونيو الماضي.")
    signing = one(run(text, "2024-12-28"), "AGREE")
    assert set(signing["names"]) == {"China", "Kyrgyzstan", "Uzbekistan"}


def test_capitals_between_which_talks_go_on_are_their_states(run):
    ev = one(run("ولا تزال المفاوضات جارية بين باكو والقاهرة بشأن إنشاء مستودع في ميناء بورسعيد على البحر الأحمر."))
    assert ev["names"] == ["Azerbaijan", "Egypt"] and ev["status"] == "ongoing"
    # the two ends of a route are places, not parties
    events = run("وطالب مجلس الأعمال بفتح خط طيران مباشر بين باكو والقاهرة.")
    assert not any("Egypt" in e["names"] for e in events)


def test_talks_said_to_go_on_are_ongoing(run):
    ev = one(run("وقال مسؤول إن المحادثات بين مصر والأردن بشأن الربط الكهربائي لا تزال جارية."))
    assert ev["mode"] == "talks" and ev["status"] == "ongoing"
    ev = one(run("وتتفاوض شركة الكهرباء المصرية مع الحكومة الأردنية على سعر الطاقة."))
    assert ev["mode"] == "talks" and ev["status"] == "ongoing"
    # the thing being negotiated, described in passing, is no event
    events = run("وأنهى الوفد زيارته دون التوقيع على العقد الذي تتفاوض عليه الشركتان.")
    assert all(e["mode"] != "talks" for e in events)


def test_held_after_a_relative_pronoun_is_no_contract(run):
    events = run("وجرى ذلك في ختام اجتماع المجلس الأعلى المشترك بين مصر والأردن، الذي عقد برئاسة الزعيمين.")
    assert not any(e["mode"] == "sign_agreement" for e in events)


def test_a_dual_verb_after_the_two_it_names(run):
    text = ("التقى الرئيس المصري عبد الفتاح السيسي العاهل الأردني الملك عبد الله الثاني في القاهرة. "
            "وكان وزيرا خارجية البلدين، سامح شكري وأيمن الصفدي، قد عقدا أمس اجتماعا تحضيريا.")
    meets = [e for e in run(text) if e["mode"] == "meet"]
    assert any(e["names"] == ["Ayman Safadi", "Sameh Shoukry"] for e in meets), meets


def test_the_outlet_told_is_not_the_speaker(run):
    text = "وقعت مصر والأردن اتفاقية للربط الكهربائي. وقال مصدر دبلوماسي لوكالة الأناضول إن المحادثات بشأن الغاز لا تزال جارية."
    ev = one(run(text), "CONSULT")
    assert ev["names"] == ["Egypt", "Jordan"]


def test_a_date_after_since_is_when_a_span_began_not_the_event(run):
    ev = one(run("وصل الرئيس المصري إلى عمان في أول زيارة يقوم بها إلى الأردن منذ انتخابه في يونيو الماضي.",
                 published="2024-11-20"))
    assert ev["date"] != "2024-06"
    ev = one(run("وتستمر زيارة الرئيس المصري إلى الأردن، التي بدأها منذ أمس الثلاثاء.", published="2024-11-20"))
    assert ev["date"] == "2024-11-19"


def test_a_joining_talked_about_after_it_was_announced_is_no_second_joining(run):
    text = ("وأعلن الرئيس خلال القمة أن مصر ستنضم إلى المنظمة العام المقبل. "
            "وأكدت الحكومة الأردنية أن الانضمام خطوة طبيعية.")
    joins = [e for e in run(text, published="2024-11-20") if e["type"] == "COOPERATE"]
    assert len(joins) == 1 and joins[0]["status"] == "planned"


def test_a_signing_once_scheduled_then_put_off_is_not_asserted(run):
    events = run("وكان توقيع الاتفاقية بين مصر والأردن مقررا في الأصل خلال القمة الماضية، قبل أن يرجأ لاستكمال الإجراءات.")
    assert not any(e["mode"] == "sign_agreement" for e in events)


def test_who_signed_the_document_just_told_is_no_second_signing(run):
    text = "وقعت مصر والأردن أمس اتفاقا للربط الكهربائي. ووقعه عن الجانب المصري وزير الكهرباء."
    assert len([e for e in run(text) if e["mode"] == "sign_agreement"]) == 1
    # a document named before the verb is its own signing
    text = "وقعت مصر والأردن أمس اتفاقا للربط الكهربائي. وتعمل الشركة ضمن اتفاقيات وقعتها مع حكومة الأردن سنة 2020."
    assert len([e for e in run(text) if e["mode"] == "sign_agreement"]) == 2


def test_talks_still_going_on_are_not_the_talks_a_visit_held(run):
    text = ("زار الرئيس المصري عبد الفتاح السيسي الأردن أمس. "
            "وقال مسؤول إن المفاوضات بين مصر والأردن بشأن سعر الغاز لا تزال جارية.")
    assert any(e["mode"] == "talks" and e["status"] == "ongoing" for e in run(text))


def test_at_the_earliest_estimate_is_no_praise(run):
    events = run("لكن المفاوضات بين غازبروم والجانب الصيني لا تزال جارية، وأتوقع أن يبدأ ضخ الغاز عبر الخط في عام 2030 على أقرب تقدير.")
    assert all(e["mode"] != "praise" for e in events)


def test_a_visit_of_eight_days_concluded_is_dated_by_its_first_day(run):
    ev = one(run("اختتم الرئيس المصري عبد الفتاح السيسي، الأحد، زيارة دولة إلى الأردن استمرت ثمانية أيام.",
                 published="2025-07-15"))
    assert ev["date"] == "2025-07-06"


def test_the_date_a_first_visit_since_counts_from_is_not_its_date(run):
    ev = one(run("ووصل الرئيس المصري عبد الفتاح السيسي إلى الأردن في زيارة هي الأولى له منذ مارس 2022.",
                 published="2025-08-21"))
    assert ev["date"] != "2022-03"


def test_another_clauses_since_does_not_date_the_sentence(run):
    text = ("رفع الرئيس المصري عبد الفتاح السيسي ونظيره الأردني الملك عبد الله الثاني، أمس الأربعاء، العلاقات إلى مستوى الشراكة، "
            "بتوقيعهما بيانا مشتركا، في إطار زيارة يقوم بها السيسي إلى الأردن منذ يوم الثلاثاء.")
    statement = one(run(text, published="2025-04-24"), "AGREE")
    assert statement["date"] == "2025-04-23"


def test_a_question_asserts_no_event(run):
    assert run("- المذيع: ما الجديد في اجتماع وزيري خارجية مصر والأردن في عمان؟") == []
    assert run("هل يوقع الرئيسان المصري والأردني اتفاقية الغاز الشهر المقبل؟") == []


def test_a_visit_one_continues_is_under_way(run):
    ev = one(run("يواصل الرئيس المصري عبد الفتاح السيسي اليوم الثلاثاء زيارته إلى الأردن.", published="2024-04-23"))
    assert ev["status"] == "ongoing"


def test_a_plan_goes_on_in_the_clauses_after_it(run):
    text = ("ومن المقرر أن ينتقل الرئيس المصري عبد الفتاح السيسي اليوم إلى بغداد، حيث يلتقي رئيس الوزراء العراقي "
            "محمد شياع السوداني، قبل أن يغادر غدا الأربعاء متوجها إلى الكويت.")
    events = run(text, published="2024-04-23")
    assert {e["mode"]: e["status"] for e in events if e["mode"] == "meet"} == {"meet": "planned"}
    assert any(e["mode"] == "visit" and e["target_name"] == "Kuwait" and e["status"] == "planned" for e in events), events


def test_a_meeting_noun_with_a_pronoun_is_the_subjects_and_its_object_the_counterpart(run):
    # "لقائه": whose meeting the pronoun tells; the name after it is met, not the genitive
    ev = one(run("وقال الرئيس الكازاخستاني قاسم جومارت توكاييف، خلال لقائه نظيره التركي رجب طيب أردوغان "
                 "أمس في أنقرة، إن التجارة ستزيد."), "CONSULT")
    assert ev["mode"] == "meet"
    assert {"Kassym-Jomart Tokayev", "Recep Tayyip Erdoğan"} <= set(ev["names"])


def test_praise_after_a_long_subject_reaches_its_object(run):
    ev = one(run("وثمن الرئيس الأوزبكستاني شوكت ميرضيائيف في كلمته التعاون مع الجانب الكوري الجنوبي في الطاقة."), "SUPPORT")
    assert ev["source_name"] == "Shavkat Mirziyoyev"
    assert ev["target_name"] == "South Korea"


def test_thanking_is_praise(run):
    ev = one(run("وشكر وزير الخارجية الكازاخستاني نظيره الصيني على الدعم."), "SUPPORT")
    assert ev["mode"] == "praise" and ev["target_name"] == "China"


def test_a_document_signed_in_a_relative_clause_after_its_name(run):
    # the document is named in the clause before "التي"; the signing is this clause's, dated by it
    events = run("ودخلت حيز التنفيذ اتفاقية النقل البري بين تركمانستان وأذربيجان، التي وقعها الجانبان "
                 "في عشق آباد في 12 مارس 2023، بعد مفاوضات طويلة.")
    ev = one(events, "AGREE")
    assert ev["mode"] == "sign_agreement" and ev["date"] == "2023-03-12"
    assert set(ev["names"]) == {"Turkmenistan", "Azerbaijan"}


def test_a_name_like_a_future_verb_does_not_make_past_talks_planned(run):
    # "سيرغي" reads like "سـ" + a present verb
    ev = one(run("وأجرى وزير الخارجية الروسي سيرغي لافروف محادثات مع نظيره الأرميني في موسكو أمس."), "CONSULT")
    assert ev["status"] == "occurred" and ev["date"] == "2024-03-09"


def test_a_plan_signed_is_a_document_not_talks_and_its_years_are_not_the_signing_date(run):
    events = run("ووقع وزير الخارجية الروسي سيرغي لافروف ونظيره الأرميني في موسكو أمس "
                 "خطة المشاورات بين الوزارتين للفترة 2026-2027.")
    ev = one(events, "AGREE")
    assert ev["mode"] == "sign_agreement" and ev["date"] == "2024-03-09"
    assert [e for e in events if e["type"] == "CONSULT"] == []


def test_the_lead_event_of_a_numeric_dateline_is_dated_and_its_evidence_leaves_the_dateline_out(run):
    events = run("طشقند - 12 - 4 - 2023 (كونا) -- أجرى الرئيس الأوزبكي شوكت ميرضيائيف اليوم الأربعاء محادثات "
                 "مع نظيره القرغيزي صادر جباروف.", published=None)
    ev = one(events, "CONSULT")
    assert ev["date"] == "2023-04-12"
    assert ev["evidence"]["text"].startswith("أجرى")


def test_what_a_speaker_denies_with_a_participle_is_not_asserted(run):
    events = run("وأكد الوزير الكازاخستاني أن المحادثات مع أذربيجان ناجحة، نافيا ما تردد عن توقيع اتفاقية بين البلدين.")
    assert [e for e in events if e["type"] == "AGREE"] == []


def test_the_day_a_span_ends_in_another_clause_does_not_date_the_event(run):
    # "إلى غاية اليوم الخميس" ends the visit; the talks were yesterday
    events = run("رفع الرئيس الصيني شي جين بينغ ونظيره التركماني سردار بردي محمدوف، أمس الأربعاء ببكين، العلاقات "
                 "بين بلديهما إلى مستوى الشراكة الاستراتيجية الشاملة، بتوقيعهما بيانا مشتركا بهذا الشأن في ختام "
                 "محادثات جرت بقصر الشعب، في إطار زيارة يقوم "
                 "بها بردي محمدوف إلى الصين منذ يوم الثلاثاء وتتواصل إلى غاية اليوم الخميس.", published="2025-04-24")
    talks = next(e for e in events if e["mode"] == "talks")
    assert talks["date"] == "2025-04-23"


def test_what_is_said_after_a_signing_is_dated_by_the_talks_past_a_summit_of_others(run):
    text = ("أجرى الرئيس الصيني شي جين بينغ أمس الخميس في دوشنبه محادثات مع نظيره الطاجيكي إمام علي رحمان.\n"
            "ووصل شي إلى دوشنبه قادما من أستانا، حيث شارك يوم الثلاثاء في قمة منظمة شنغهاي للتعاون.\n"
            "ووقع الرئيسان في ختام المحادثات بيانا مشتركا.\n"
            "وأشاد رحمان بدور الصين في دعم التنمية في بلاده.")
    praise = one(run(text, published="2024-07-05"), "SUPPORT")
    assert praise["date"] == "2024-07-04"


def test_a_joint_statement_cited_as_a_source_is_no_event(run):
    events = run("واتفق الرئيس الكازاخستاني قاسم جومارت توكاييف ونظيره الصيني شي جين بينغ، بحسب البيان المشترك، "
                 "على رفع التبادل التجاري.")
    assert [e["mode"] for e in events if e["type"] == "AGREE"] == ["agree"]


def test_a_pair_of_a_person_whose_country_the_text_never_names_does_not_break_the_stage(run):
    # Borrell's country (Spain) is in the gazetteer but not in the text
    events = run("وقع الاتحاد الأوروبي وقرغيزستان أمس في لوكسمبورغ اتفاقية للشراكة.\n"
                 "ووقع الاتفاقية عن الجانب الأوروبي جوزيب بوريل، وعن الجانب القرغيزي وزير الخارجية جينبيك كولوبايف، "
                 "على هامش اجتماع وزراء خارجية الاتحاد. "
                 "وأجرى الوزيران قبل التوقيع محادثات تناولت الطاقة.")
    assert any(e["type"] == "CONSULT" and e["mode"] == "talks" for e in events)


def test_who_signed_the_document_named_again_is_no_second_signing(run):
    text = "وقع الصندوق السعودي للتنمية أمس اتفاقية قرض مع طاجيكستان. ووقع الاتفاقية الرئيس التنفيذي للصندوق سلطان المرشد."
    assert len([e for e in run(text) if e["mode"] == "sign_agreement"]) == 1


def test_a_ministry_named_again_by_its_head_noun_makes_a_request(run):
    events = run("اتهمت وزارة الخارجية الطاجيكية اليوم حركة طالبان بالتقاعس عن ضبط الحدود. "
                 "وطالبت الوزارة في بيانها حركة طالبان باتخاذ إجراءات عاجلة.")
    request = one(events, "REQUEST")
    assert request["names"] == ["Ministry of Foreign Affairs (Tajikistan)", "Taliban"]


def test_a_coordinated_clause_leaves_out_its_subject_and_names_its_object(run):
    events = run("أعرب المتحدث باسم الخارجية الصينية لين جيان اليوم عن صدمته، وطالب دوشنبه بضمان سلامة المواطنين، "
                 "كما حث كابول على تحمل مسؤولياتها.")
    requests = [e for e in events if e["type"] == "REQUEST"]
    assert [(e["source_name"], e["target_name"]) for e in requests] == [("Lin Jian", "Tajikistan"), ("Lin Jian", "Afghanistan")]


@pytest.mark.parametrize("text, source, target", [
    ("وكانت طاجيكستان قد طلبت من منظمة معاهدة الأمن الجماعي تسريع تنفيذ البرنامج.", "Tajikistan",
     "Collective Security Treaty Organization"),
    ("وطلبت الصين من كازاخستان تسهيل عبور الشاحنات.", "China", "Kazakhstan"),
])
def test_asking_of_someone_is_a_request(run, text, source, target):
    request = one(run(text), "REQUEST")
    assert (request["source_name"], request["target_name"]) == (source, target)


def test_a_signing_reads_past_a_time_set_off_by_commas_to_its_document(run):
    events = run("وقع الاتحاد الأوروبي وقرغيزستان، أول أمس الثلاثاء 25 يونيو، في لوكسمبورغ اتفاقية الشراكة والتعاون.",
                 published="2024-06-27")
    signing = one(events, "AGREE")
    assert signing["mode"] == "sign_agreement" and signing["date"] == "2024-06-25"
    assert {"European Union", "Kyrgyzstan"} <= set(signing["names"])


def test_talks_held_during_a_visit_under_way_take_the_day_of_the_meeting_before_it(run):
    text = ("استقبل الرئيس الأوزبكي شوكت ميرزيوييف، أمس الأربعاء، في طشقند نظيره التركماني سردار بردي محمدوف، "
            "الذي يقوم بزيارة دولة إلى أوزبكستان تستمر يومين.\n"
            "وعقد الرئيسان جلسة محادثات ثنائية انضم إليها وفدا البلدين، مشيرين إلى أن البلدين يجريان حاليا "
            "مشاورات بشأن عبور الغاز.")
    talks = [e for e in run(text, published="2025-03-06") if e["mode"] == "talks"]
    assert sorted((e["status"], e["date"]) for e in talks) == [("occurred", "2025-03-05"), ("ongoing", None)]


def test_two_leaders_meeting_on_the_sidelines_of_a_summit_is_a_meeting_of_the_two(run):
    meet = one(run("التقى رئيس الوزراء الباكستاني شهباز شريف الرئيس الكازاخستاني قاسم جومارت توكاييف "
                   "على هامش قمة منظمة شنغهاي للتعاون في أستانا."), "CONSULT")
    assert meet["mode"] == "meet" and meet["names"] == ["Kassym-Jomart Tokayev", "Shehbaz Sharif"]


def test_meeting_again_is_another_meeting(run):
    text = ("التقى الرئيس الروسي فلاديمير بوتين نظيره الإيراني مسعود بزشكيان في عشق آباد يوم 11 أكتوبر. "
            "ثم التقيا مجددا في قازان بعد أقل من أسبوعين على هامش قمة بريكس.")
    assert len([e for e in run(text, published="2024-10-25") if e["type"] == "CONSULT"]) == 2


def test_a_shared_project_put_into_service_is_cooperation(run):
    events = run("وقعت روسيا وأوزبكستان اتفاقا لبناء محطة نووية صغيرة في جيزاخ. ومن المتوقع أن تدخل المحطة الخدمة عام 2030.",
                 published="2024-05-28")
    service = one(events, "COOPERATE")
    assert (service["mode"], service["status"], service["date"]) == ("economic", "expected", "2030")
    assert service["names"] == ["Russia", "Uzbekistan"]


@pytest.mark.parametrize("text, published", [
    ("وصل وزير الخارجية المجري بيتر سيارتو إلى بشكيك مساء أمس في زيارة عمل تستغرق يومين.", "2024-10-21"),
    ("وصل وزير الخارجية الأوزبكي بختيار سيدوف إلى القاهرة مساء الجمعة في زيارة رسمية تستمر حتى غد الثلاثاء.",
     "2024-12-16"),
])
def test_a_visit_that_lasts_past_publication_is_under_way(run, text, published):
    assert one(run(text, published=published), "CONSULT")["status"] == "ongoing"


def test_a_planned_service_of_flights_is_cooperation(run):
    planned = one(run("ومن المقرر أن تبدأ طيران الخليج في مارس المقبل تسيير ثلاث رحلات أسبوعية بين المنامة وأستانا.",
                      published="2024-11-12"), "COOPERATE")
    assert (planned["mode"], planned["status"], planned["names"]) == ("economic", "planned", ["Bahrain", "Gulf Air", "Kazakhstan"])


def test_a_span_to_now_after_the_trigger_is_no_events_day(run):
    text = ("زار الرئيس الكازاخستاني قاسم جومارت توكاييف أبوظبي في يناير الماضي. ووقّع صندوق أبوظبي للتنمية خلال "
            "الزيارة اتفاقية قرض مع كازاخستان بقيمة 50 مليون دولار، ليرتفع إجمالي ما قدمه الصندوق لكازاخستان منذ 2015 "
            "إلى نحو 180 مليون دولار.")
    signing = next(e for e in run(text, published="2025-02-10") if e["mode"] == "sign_agreement")
    assert signing["date"] == "2025-01"


@pytest.mark.parametrize("text", [
    "وقال السفير إن البلدين أحرزا تقدما، متوقعا توقيع اتفاقية الشراكة الاقتصادية بين قيرغيزستان والإمارات قبل نهاية العام.",
    "وأتوقع أن يوقع البلدان، قيرغيزستان والإمارات، الاتفاقية قبل نهاية العام.",
])
def test_expecting_in_the_first_person_or_as_a_participle_is_expected(run, text):
    assert one(run(text, published="2025-02-10"), "AGREE")["status"] == "expected"


def test_a_date_in_a_relative_clause_after_a_stance_dates_its_object(run):
    meeting = "التقى وزير الخارجية الكازاخستاني مراد نورتليو أمس في أستانا نظيره الأرميني أرارات ميرزويان.\n"
    evs = run(meeting + "وجدد نورتليو دعم بلاده للمبادرة التي طرحتها الحكومة الأرمينية في أكتوبر 2023.",
              "2024-09-26")
    assert one(evs, "SUPPORT")["date"] == "2024-09-25"
    # without the relative clause the date is the support's own
    evs = run(meeting + "وجدد نورتليو في أكتوبر 2023 دعم بلاده للمبادرة الأرمينية.", "2024-09-26")
    assert one(evs, "SUPPORT")["date"] == "2023-10"


def test_a_past_verb_is_not_dated_by_what_is_to_come(run):
    evs = run("أجرى وزير الخارجية الأرميني أرارات ميرزويان أمس في أستانا محادثات مع نظيره الكازاخستاني مراد نورتليو.\n"
              "ووقع الجانبان اتفاقية للنقل ومذكرة تفاهم، واتفقا على عقد الاجتماع المقبل في يريفان مطلع العام المقبل.",
              "2024-09-26")
    assert next(e for e in evs if e["mode"] == "sign_agreement")["date"] == "2024-09-25"


def test_who_tells_it_set_off_by_commas_is_passed_over(run):
    evs = run("وأشاد الرئيس الأذربيجاني إلهام علييف، حسب بيان لوزارة الطاقة الجزائرية، بالدور المحوري للجزائر في سوق الغاز.")
    praise = one(evs, "SUPPORT")
    assert praise["target_name"] == "Algeria"
    assert praise["names"] == ["Algeria", "Ilham Aliyev"]


def test_a_joint_commissions_session_is_talks_of_its_two_countries(run):
    evs = run("عقدت في الرياض أمس أعمال الدورة الثالثة للجنة السعودية القرغيزية المشتركة برئاسة وزيري البلدين.",
              "2025-02-19")
    talks = one(evs, "CONSULT")
    assert (talks["mode"], talks["date"], talks["names"]) == ("talks", "2025-02-18", ["Kyrgyzstan", "Saudi Arabia"])
    # chaired by two ministers, it is still their countries' session
    evs = run("وترأس وزير الخارجية العماني بدر البوسعيدي ونظيره الكازاخستاني مراد نورتليو الاجتماع الثاني "
              "للجنة العمانية الكازاخستانية المشتركة.")
    assert one(evs, "CONSULT")["mode"] == "talks"
    assert one(evs, "CONSULT")["names"] == ["Kazakhstan", "Oman"]


def test_a_meeting_agreed_on_is_a_planned_event_beside_the_agreement(run):
    evs = run("التقى وزير الخارجية المصري بدر عبد العاطي نظيره الأوزبكي بختيار سعيدوف أمس في القاهرة.\n"
              "واتفق الجانبان على عقد الدورة الثالثة للجنة المصرية الأوزبكية المشتركة في القاهرة خلال الربع الأول "
              "من العام المقبل.", "2024-12-16")
    assert one(evs, "AGREE")["mode"] == "agree"
    assert not [n for n in one(evs, "AGREE")["names"] if "Ljna" in n or "Alljna" in n]  # the commission is no party
    talks = next(e for e in evs if e["mode"] == "talks")
    assert (talks["status"], talks["date"], talks["names"]) == ("planned", "2025", ["Egypt", "Uzbekistan"])
    # what is agreed to be built is no second event
    evs = run("واتفقت مصر وأوزبكستان على إنشاء مركز للتعاون الصناعي على الحدود بين البلدين.")
    assert [e["type"] for e in evs] == ["AGREE"]


def test_a_session_that_was_set_but_put_off_is_not_asserted(run):
    set_for = ("وكان من المقرر أن تنعقد الدورة الخامسة للجنة الحكومية المشتركة بين مصر وكازاخستان في أستانا خلال "
               "فبراير الجاري")
    assert one(run(set_for + ".", "2025-02-13"), "CONSULT")["status"] == "planned"
    evs = run(set_for + "، إلا أنها تأجلت إلى موعد يحدد لاحقا.", "2025-02-13")
    assert not [e for e in evs if e["type"] == "CONSULT"]


def test_agreeing_on_what_comes_next_season_is_dated_by_the_agreement(run):
    evs = run("التقى وزير الخارجية الأوزبكي بختيار سعيدوف أمس نظيره البرازيلي ماورو فييرا في ريو دي جانيرو، "
              "واتفقا على عقد جولة من المشاورات السياسية في طشقند خلال الخريف المقبل.", "2025-07-08")
    assert one(evs, "AGREE")["date"] == "2025-07-07"


def test_a_story_of_last_week_dates_what_it_tells_without_a_day_by_its_month(run):
    evs = run("التقى وزير الخارجية البولندي رادوسلاف سيكورسكي نظيره الأوزبكي بختيار سعيدوف في طشقند الأسبوع الماضي.\n"
              "ووقع الجانبان سبع وثائق في مجالات الزراعة والطاقة.", "2025-03-12")
    assert next(e for e in evs if e["mode"] == "sign_agreement")["date"] == "2025-03"


def test_the_two_ministers_are_the_two_who_just_met(run):
    evs = run("استقبل الرئيس الكازاخستاني قاسم جومارت توكاييف الرئيس الإندونيسي برابوو سوبيانتو في أستانا.\n"
              "وبعد أيام، التقى وزير الخارجية الإندونيسي سوجيونو نظيره الكازاخستاني مراد نورتليو في ألماتي، "
              "واتفق الوزيران على إطلاق آلية مشاورات سياسية سنوية.", "2025-06-18")
    assert one(evs, "AGREE")["names"] == ["Murat Nurtleu", "Sugiono"]


def test_one_of_the_two_asking_asks_the_other(run):
    meeting = "استقبل وزير التجارة العماني قيس اليوسف وزير التجارة الكازاخستاني أرمان شاكالييف في مسقط.\n"
    evs = run(meeting + "وطلب الجانب الكازاخستاني تخصيص أرض في المنطقة الاقتصادية الخاصة بالدقم.", "2025-04-21")
    request = one(evs, "REQUEST")
    assert (request["source_name"], request["target_name"]) == ("Kazakhstan", "Oman")
    # students are not a request
    evs = run(meeting + "ويدرس في الجامعات العمانية نحو 300 طالب كازاخستاني.", "2025-04-21")
    assert not [e for e in evs if e["type"] == "REQUEST"]


def test_a_visit_someone_is_paying_is_under_way(run):
    evs = run("استقبل الرئيس التركماني سردار بردي محمدوف أمس وزير الخارجية التركي هاكان فيدان، "
              "الذي يقوم بزيارة عمل إلى تركمانستان.", "2025-03-04")
    assert next(e for e in evs if e["mode"] == "visit")["status"] == "ongoing"
    evs = run("وكان وزير الخارجية التركي هاكان فيدان قد قام بزيارة عمل إلى تركمانستان في يناير.", "2025-03-04")
    assert next(e for e in evs if e["mode"] == "visit")["status"] == "occurred"


def test_a_plan_for_part_of_a_year_is_dated_by_the_year(run):
    evs = run("ومن المقرر أن يقوم الرئيس الكازاخستاني قاسم جومارت توكاييف بزيارة دولة إلى فيتنام "
              "خلال النصف الثاني من العام الجاري.", "2025-05-20")
    visit = one(evs, "CONSULT")
    assert (visit["status"], visit["date"]) == ("planned", "2025")




def test_a_title_naming_its_own_country_is_read_past_to_the_object(run):
    evs = run("التقى وزير الخارجية الطاجيكي سراج الدين مهر الدين، وزير خارجية جمهورية طاجيكستان، أمس الأربعاء في أبوظبي، "
              "سمو الشيخ عبدالله بن زايد آل نهيان، وزير الخارجية الإماراتي.", "2025-01-16")
    meet = one(evs, "CONSULT")
    assert "Abdullah bin Zayed Al Nahyan" in meet["names"] and meet["date"] == "2025-01-15"


def test_a_coordinated_clause_leaves_out_the_subject_of_any_directed_event(run):
    evs = run("وكانت الخارجية الأذربيجانية قد اتهمت الهند في تشرين الأول الماضي بتسليح أرمينيا، "
              "واستدعت السفير الهندي في باكو احتجاجا على صفقة مدفعية.", "2025-06-10")
    protest = one(evs, "PROTEST")
    assert protest["target_name"] == "India" and protest["source_name"] is not None
    assert protest["source_name"] != "India"


def test_rejecting_the_accusations_rejects_the_accuser(run):
    evs = run("وكانت الخارجية الأذربيجانية قد اتهمت الهند في تشرين الأول الماضي بتسليح أرمينيا، غير أن المتحدث "
              "باسم الخارجية الهندية راندهير جايسوال رفض في اليوم نفسه الاتهامات.", "2025-06-10")
    reject = one(evs, "REJECT")
    assert reject["target_actor"] == one(evs, "ACCUSE")["source_actor"]


def test_a_participle_after_reported_speech_goes_with_the_saying(run):
    evs = run("التقى الرئيس القرغيزي صدير جباروف أمس الاثنين في بشكيك الرئيس التركي رجب طيب أردوغان.\n"
              "وقال جباروف إن بلاده ستواصل ما بدأته خلال زيارته إلى أنقرة في مارس الماضي، "
              "مشيدا بدور تركيا في المنطقة.", "2025-06-10")
    praise = one(evs, "SUPPORT")
    assert praise["date"] == "2025-06-09"


def test_a_date_in_a_relative_clause_on_another_noun_does_not_date_the_verb(run):
    evs = run("التقى رئيس الوزراء الأرميني نيكول باشينيان أمس الاثنين في القاهرة الرئيس المصري عبد الفتاح السيسي.\n"
              "ووقع الجانبان مذكرة تفاهم في مجال الزراعة، كما اتفقا على تحديث اتفاقية التعاون "
              "التي دخلت حيز التنفيذ في مارس 2009.", "2025-04-15")
    agreed = [e for e in evs if e["type"] == "AGREE"]
    assert agreed and all(e["date"] == "2025-04-14" for e in agreed)
    # a gathering's relative clause still dates taking part in it
    evs = run("ومن المقرر أن يشارك باشينيان في قمة المجموعة السياسية الأوروبية التي تستضيفها تيرانا في مايو المقبل.",
              "2025-04-15")
    taking_part = [e for e in evs if e["mode"] == "multilateral_meeting"]
    assert taking_part and all(e["date"] == "2025-05" for e in taking_part)


def test_a_when_clause_takes_the_time_right_before_it(run):
    evs = run("وتعود الشراكة الاستراتيجية بين البلدين إلى أيلول 2019، حين وقع الرئيسان الأوزبكي والروسي "
              "إعلانا مشتركا في طشقند.", "2025-04-15")
    assert one(evs, "AGREE")["date"] == "2019-09"


def test_an_event_told_as_days_before_a_dated_one_is_dated_from_it(run):
    evs = run("التقى وزير الخارجية الإيراني عباس عراقجي نظيره الباكستاني إسحاق دار يوم الأحد 4 مايو 2025 في إسلام آباد.\n"
              "ويأتي اللقاء بعد يومين من تهديد الهند لباكستان بالرد على الهجوم.", "2025-05-05")
    assert one(evs, "THREATEN")["date"] == "2025-05-02"


def test_a_lead_without_an_event_still_gives_the_storys_day(run):
    evs = run("شارك وزير الطاقة الجزائري محمد عرقاب، أمس الثلاثاء بالعاصمة الأذربيجانية باكو، في افتتاح معرض للطاقة.\n"
              "واستقبل الرئيس الأذربيجاني إلهام علييف الوزير الجزائري على هامش المعرض.", "2025-06-04")
    assert one(evs, "CONSULT")["date"] == "2025-06-03"


def test_negotiations_under_way_have_no_day(run):
    evs = run("التقى وزير الخارجية التركي هاكان فيدان أمس الثلاثاء نظيره الأوزبكي بختيار سعيدوف في أنقرة، "
              "مضيفا أن المفاوضات لا تزال جارية بين أنقرة وطشقند حول اتفاقية التجارة.", "2025-03-12")
    talks = [e for e in evs if e["mode"] == "talks" and e["status"] == "ongoing"]
    assert talks and talks[0]["date"] is None


def test_a_figures_period_in_another_clause_does_not_date_an_event(run):
    evs = run("استقبل وزير الخارجية المصري بدر عبد العاطي اليوم نظيره الطاجيكي سراج الدين مهر الدين في القاهرة.\n"
              "وبلغ حجم التبادل التجاري بين البلدين 23.7 مليون دولار خلال العام الماضي، "
              "حيث اتفق الوزيران على العمل لمضاعفته.", "2025-12-14")
    assert one(evs, "AGREE")["date"] == "2025-12-14"


def test_a_date_inside_what_a_stance_is_about_does_not_date_it(run):
    evs = run("استقبل وزير الخارجية المصري بدر عبد العاطي اليوم نظيره الطاجيكي سراج الدين مهر الدين في القاهرة.\n"
              "وأعرب الوزير عبد العاطي عن تقدير مصر لدعم طاجيكستان لانتخاب مرشحها مديرا عاما لمنظمة اليونسكو "
              "في نوفمبر الماضي.", "2025-12-14")
    assert one(evs, "SUPPORT")["date"] == "2025-12-14"
    # the stance's own time, set off by commas, still dates it
    evs = run("وكانت طاجيكستان قد طلبت من منظمة معاهدة الأمن الجماعي، خلال قمتها في بشكيك يوم 27 نوفمبر الماضي، "
              "تسريع تنفيذ برنامج تعزيز الحدود.", "2025-12-02")
    assert one(evs, "REQUEST")["date"] == "2025-11-27"


def test_duals_of_ministers_and_documents(run):
    evs = run("وترأس الوزيران المصري والطاجيكي الجولة الرابعة من المشاورات السياسية بين البلدين.", "2025-12-14")
    assert {"Egypt", "Tajikistan"} <= set(one(evs, "CONSULT")["names"])
    evs = run("وتوّجت زيارة الوزير الكازاخي إلى الجزائر بالتوقيع على مذكرتي تفاهم بين البلدين.", "2025-05-21")
    assert one(evs, "AGREE")["mode"] == "sign_agreement"


def test_praise_for_a_countrys_leadership_targets_the_country(run):
    evs = run("استقبل أمير الكويت الشيخ مشعل الأحمد الجابر الصباح رئيس وزراء كازاخستان أولجاس بيكتينوف.\n"
              "وأشاد سموه بـ«النهج الحكيم» لقيادة كازاخستان.", "2025-11-19")
    praise = one(evs, "SUPPORT")
    assert praise["target_name"] == "Kazakhstan" and praise["source_name"] != "Kazakhstan"


def test_a_seat_named_after_its_body_is_where_two_persons_meet(run):
    evs = run("استقبل الرئيس الفرنسي إيمانويل ماكرون، أمس الثلاثاء في قصر الإليزيه بباريس، "
              "رئيس الوزراء الأرميني نيكول باشينيان.", "2026-02-11")
    meet = one(evs, "CONSULT")
    assert meet["mode"] == "meet" and meet["names"] == ["Emmanuel Macron", "Nikol Pashinyan"]


def test_rejecting_the_accusations_a_statement_later_is_no_new_accusation(run):
    evs = run("اتهمت وزارة الخارجية الأذربيجانية فرنسا أمس بتأجيج سباق التسلح، "
              "فيما رفضت الخارجية الفرنسية في بيان «هذه الاتهامات التي لا أساس لها».", "2026-02-11")
    reject = one(evs, "REJECT")
    assert reject["target_actor"] == one(evs, "ACCUSE")["source_actor"]


def test_a_spokespersons_body_is_her_title_and_she_is_the_subject(run):
    evs = run("ثم اتهمت المتحدثة باسم الخارجية الروسية ماريا زاخاروفا السلطات الأرمنية بشن حملة ممنهجة.", "2026-01-15")
    accuse = one(evs, "ACCUSE")
    assert (accuse["source_name"], accuse["target_name"]) == ("Maria Zakharova", "Armenia")


def test_a_slashed_credit_ends_a_dateline_and_the_storys_day_comes_before_the_datelines(run):
    evs = run("واشنطن في 09 أغسطس 2025 /قنا/ وقّع الرئيس الأمريكي دونالد ترامب ورئيس جمهورية أذربيجان إلهام علييف، "
              "أمس الجمعة في البيت الأبيض، مذكرة تفاهم للشراكة.\nوأشاد علييف بدور الرئيس الأمريكي في إحلال السلام.",
              None)
    sign = one(evs, "AGREE")
    assert sign["date"] == "2025-08-08" and not sign["evidence"]["text"].startswith("واشنطن")
    assert one(evs, "SUPPORT")["date"] == "2025-08-08"


def test_what_a_thing_is_called_is_no_event(run):
    evs = run("وأشاد الرئيس الأذربيجاني إلهام علييف بدور الرئيس الأمريكي دونالد ترامب، "
              "واصفا الخلاف القديم بأنه «تهديد لأمن المنطقة».", "2025-08-09")
    assert not [e for e in evs if e["type"] == "THREATEN"]


def test_whom_a_visitor_met_during_the_visit(run):
    evs = run("اختتم الرئيس المنغولي أوخنا خورلسوخ أمس الخميس زيارة دولة إلى الهند استمرت أربعة أيام، "
              "التقى خلالها رئيس الوزراء ناريندرا مودي يوم الثلاثاء في نيودلهي.", "2025-10-17")
    meet = next(e for e in evs if e["mode"] == "meet")
    assert meet["names"] == ["Narendra Modi", "Ukhnaagiin Khürelsükh"] and meet["date"] == "2025-10-14"


def test_a_present_verb_after_kana_tells_the_past(run):
    evs = run("وكان ناريندرا مودي أول رئيس وزراء هندي يزور منغوليا، في مايو 2015.", "2025-10-17")
    visit = one(evs, "CONSULT")
    assert (visit["status"], visit["date"]) == ("occurred", "2015-05")


def test_participles_of_accusing_and_rejecting(run):
    evs = run("وأطلع وزير الخارجية المصري بدر عبد العاطي نظيره الطاجيكي على التطورات، "
              "متهما إثيوبيا بمواصلة «الإجراءات الأحادية».", "2025-12-14")
    assert "Ethiopia" in one(evs, "ACCUSE")["names"]
    evs = run("اتهمت المتحدثة باسم الخارجية الروسية ماريا زاخاروفا السلطات الأرمنية بشن حملة. "
              "وردّت يريفان أمس رافضة «الاتهامات التي لا تستند إلى وقائع».", "2026-01-15")
    assert one(evs, "REJECT")["names"] == ["Armenia", "Maria Zakharova"]


def test_a_dual_verbs_subject_is_not_the_pair_its_object_names(run):
    evs = run("التقى وزير الخارجية الأوزبكي بختيار سعيدوف، أمس الاثنين، وزير الخارجية البرازيلي ماورو فييرا.\n"
              "وبحث الوزيران توسيع التعاون في الزراعة، واتفقا على عقد الجولة الأولى من المشاورات السياسية "
              "بين البلدين في طشقند.", "2025-07-08")
    assert one(evs, "AGREE")["names"] == ["Bakhtiyor Saidov", "Mauro Vieira"]


def test_the_ministrys_office_is_where_two_persons_meet(run):
    evs = run("وزارة التجارة والصناعة\nاستقبل معالي قيس بن محمد اليوسف، وزير التجارة والصناعة، صباح اليوم بديوان عام الوزارة، "
              "معالي أرمان شاكالييف، وزير التجارة والتكامل في جمهورية كازاخستان.", "2025-04-21")
    assert one(evs, "CONSULT")["mode"] == "meet"


def test_a_time_between_commas_does_not_part_a_sanction_from_its_verb(run):
    evs = run("وتزامن ذلك مع فرض وزارة الخزانة الأميركية، في الثالث من تموز الجاري، عقوبات على شبكة "
              "يقودها رجل الأعمال سليم أحمد سعيد.", "2025-07-14")
    sanction = one(evs, "SANCTION")
    assert sanction["source_name"] == "United States Department of the Treasury" and sanction["date"] == "2025-07-03"


def test_a_light_verb_before_inserts_carries_its_subject_to_the_noun(run):
    evs = run("أجرى رئيس وزراء جمهورية باكستان الإسلامية محمد شهباز شريف، أمس الثلاثاء في إسلام آباد، محادثات "
              "رسمية مع رئيس مجلس الوزراء في جمهورية طاجيكستان قاهر رسول زاده، الذي بدأ أمس الأول زيارة رسمية "
              "إلى باكستان تستمر ثلاثة أيام على رأس وفد وزاري.\nوأشاد شريف بالعلاقات مع طاجيكستان.", "2026-01-14")
    talks = next(e for e in evs if e["mode"] == "talks")
    assert "Shehbaz Sharif" in talks["names"] and talks["date"] == "2026-01-13"
    assert one(evs, "SUPPORT")["date"] == "2026-01-13"


def test_a_counted_noun_is_not_the_verb_it_is_spelled_like(run):
    evs = run("التقى الرئيس الجزائري عبد المجيد تبون وزير الخارجية التركماني رشيد مريدوف أمس.\n"
              "ويزاول أزيد من 140 طالبا تركمانيا دراستهم حاليا بالجامعات الجزائرية.", "2026-03-04")
    assert not [e for e in evs if e["type"] == "REQUEST"]


def test_a_time_and_a_seat_between_commas_lead_to_the_guest(run):
    evs = run("استقبل المهندس كريم الشاذلي، وزير الصناعة، اليوم الأحد بمقر الوزارة في مدينة العلمين الجديدة، "
              "السيد شاهين مصطفاييف، نائب رئيس وزراء جمهورية أذربيجان، الذي يقوم بزيارة رسمية إلى مصر بدأت أمس.",
              "2026-05-10")
    meet = next(e for e in evs if e["mode"] == "meet")
    assert len(meet["actors"]) == 2 and meet["date"] == "2026-05-10"
    host, guest = meet["actors"]
    visit = next(e for e in evs if e["mode"] == "visit")
    assert visit["source_actor"] == guest != host and visit["target_name"] == "Egypt"


def test_a_subject_told_by_office_then_named_between_commas(run):
    evs = run("استقبل رئيس الجمهورية، السيد قاسم جومارت توكاييف، أمس الخميس بمقر الرئاسة، وزير الخارجية "
              "الموريتاني محمد سالم ولد مرزوك.", "2026-04-10")
    meet = one(evs, "CONSULT")
    assert meet["mode"] == "meet" and "Kassym-Jomart Tokayev" in meet["names"] and meet["date"] == "2026-04-09"


def test_a_visit_referred_to_does_not_hide_the_call_its_clause_tells(run):
    evs = run("أجرى وزير الخارجية الجزائري أحمد عطاف محادثات مع نظيره القرغيزي جينبيك كولوباييف أمس. "
              "كما استقبل رئيس الجمهورية، السيد عبد المجيد تبون، الوزير القرغيزي الذي سلّمه رسالة من الرئيس "
              "صدر جباروف. وتأتي الزيارة تتويجا للمكالمة الهاتفية التي جمعت الرئيسين تبون وجباروف في مارس الماضي.",
              "2026-06-03")
    call = next(e for e in evs if e["mode"] == "call")
    assert call["date"] == "2026-03"
    talks = next(e for e in evs if e["mode"] == "talks")
    assert talks["date"] == "2026-06-02"


def test_a_move_planned_within_a_visit_leaves_the_visit_going_on(run):
    evs = run("يواصل الرئيس الأذربيجاني إلهام علييف اليوم الأربعاء زيارته الرسمية إلى أوزبكستان، التي بدأها أمس.\n"
              "ومن المقرر أن ينتقل علييف اليوم إلى سمرقند، حيث يزور المدينة القديمة.", "2026-05-13")
    visit = next(e for e in evs if e["mode"] == "visit" and e["target_name"] == "Uzbekistan")
    assert visit["status"] == "ongoing"


def test_a_signing_witnessed_by_two_leaders_is_between_their_states(run):
    evs = run("أجرى الرئيس الأوزبكي شوكت ميرضيائيف محادثات مع الرئيس التركي رجب طيب أردوغان أمس في أنقرة، "
              "وشهد الرئيسان في ختامها التوقيع على 12 اتفاقية.", "2026-06-11")
    signing = one(evs, "AGREE")
    assert {"Shavkat Mirziyoyev", "Recep Tayyip Erdoğan", "Uzbekistan", "Turkey"} <= set(signing["names"]), signing["names"]


def test_a_visit_begun_in_a_relative_clause_is_its_antecedents(run):
    evs = run("أجرى رئيس الوزراء الباكستاني شهباز شريف، أمس الأربعاء، محادثات مع رئيس وزراء جمهورية طاجيكستان "
              "قاهر رسول زاده، الذي بدأ أمس الأول زيارة رسمية إلى باكستان تستمر ثلاثة أيام.", "2026-02-12")
    visit = next(e for e in evs if e["mode"] == "visit")
    assert visit["source_name"] == "Kokhir Rasulzoda" and visit["target_name"] == "Pakistan"


def test_two_ministers_of_one_country_and_their_president_visit_apart(run):
    evs = run("استقبل وزير التجارة المصري كريم الدسوقي، اليوم الأحد، السيد شاهين مصطفاييف، نائب رئيس وزراء جمهورية "
              "أذربيجان، الذي يقوم بزيارة رسمية إلى مصر بدأت أمس.\nونقل مصطفاييف تحيات الرئيس إلهام علييف، "
              "مؤكدا أن الرئيس علييف يتطلع إلى زيارة القاهرة.\n"
              "ولم يوقع البلدان اتفاق الاستثمار، الذي لا تزال المفاوضات بشأنه جارية بين البلدين.", "2026-05-10")
    visits = [e for e in evs if e["mode"] == "visit"]
    assert len(visits) == 2, visits
    aliyev = next(e for e in visits if e["source_name"] == "Ilham Aliyev")
    assert aliyev["status"] == "expected" and aliyev["date"] is None
    talks = one([e for e in evs if e["mode"] == "talks"])
    assert talks["status"] == "ongoing"


def test_a_numbered_session_is_told_anew_and_its_minutes_are_a_document(run):
    evs = run("التقى وزير الخارجية الأردني أيمن الصفدي نظيره الأوزبكي بختيار سعيدوف أمس في عمّان.\n"
              "وترأس الوزيران أعمال الدورة الثانية للجنة الأردنية الأوزبكية المشتركة، وشهدا التوقيع على مذكرتي "
              "تفاهم إلى جانب محضر اجتماعات الدورة الثانية، كما اتفقا على عقد الدورة الثالثة في طشقند عام 2027.",
              "2026-05-06")
    talks = [e for e in evs if e["mode"] == "talks"]
    assert any(e["status"] == "occurred" and e["date"] == "2026-05-05" for e in talks), talks
    signing = one(evs, "AGREE") if len([e for e in evs if e["type"] == "AGREE"]) == 1 else \
        next(e for e in evs if e["mode"] == "sign_agreement")
    assert signing["status"] == "occurred" and signing["date"] == "2026-05-05"
    assert not [e for e in evs if e["mode"] == "meet" and e["status"] == "planned"]


def test_a_maghrebi_communique_dates_its_talks_by_the_day_before_the_guest(run):
    evs = run("أجرى السيد ناصر بوريطة، وزير الشؤون الخارجية والتعاون الإفريقي والمغاربة المقيمين بالخارج، اليوم "
              "الخميس بالرباط، مباحثات مع السيد جينبيك كولوباييف، وزير خارجية جمهورية قرغيزستان، الذي يقوم بزيارة "
              "عمل إلى المملكة من 10 إلى 12 يونيو الجاري.\nوتندرج هذه الزيارة في إطار تنفيذ التوجيهات السامية "
              "لصاحب الجلالة الملك محمد السادس، وتعزيز الزخم الذي أعطته المباحثات الهاتفية بين جلالة الملك وفخامة "
              "الرئيس صادير جاباروف في مارس الماضي.\nوخلال هذه المباحثات، نوه السيد بوريطة بالإصلاحات التي أطلقها "
              "الرئيس جاباروف، كما وقع الوزيران على خارطة طريق برسم الفترة 2026-2028، قبل أن يتوجه السيد "
              "كولوباييف غدا الجمعة إلى مراكش.", "2026-06-11")
    talks = next(e for e in evs if e["mode"] == "talks")
    assert talks["date"] == "2026-06-11"
    visits = [e for e in evs if e["mode"] == "visit"]
    assert len(visits) == 1 and visits[0]["status"] == "ongoing" and visits[0]["date"] == "2026-06-10"
    call = next(e for e in evs if e["mode"] == "call")
    assert call["names"] == ["Mohammed VI of Morocco", "Sadyr Japarov"] and call["date"] == "2026-03"
    praise = one(evs, "SUPPORT")
    assert praise["source_name"] == "Nasser Bourita" and praise["date"] == "2026-06-11"
    assert next(e for e in evs if e["mode"] == "sign_agreement")["date"] == "2026-06-11"


def test_noting_is_not_praising(run):
    evs = run("ونوه وزير الخارجية الكازاخي مراد نورتليو إلى أن التبادل التجاري مع الجزائر تضاعف.", "2026-06-11")
    assert not [e for e in evs if e["type"] == "SUPPORT"]


def test_a_wire_story_of_talks_dates_what_follows_by_their_day(run):
    evs = run("سيول، 17 مارس (يونهاب) -- أجرى وزير الخارجية تشو هيون محادثات مع نظيره الأوزبكي بختيار سعيدوف "
              "اليوم الثلاثاء في سيول، بحثا خلالها التحضير للقمة الأولى بين كوريا الجنوبية ودول آسيا الوسطى المقرر "
              "عقدها في سيول خلال العام الجاري.\nوقالت وزارة الخارجية إن الوزيرين وقّعا مذكرتي تفاهم، وذلك في أول "
              "زيارة يقوم بها وزير خارجية أوزبكستان إلى كوريا الجنوبية منذ تولي الرئيس لي جيه ميونغ منصبه في "
              "يونيو الماضي.\nوأعرب سعيدوف عن تقديره للدعم الذي تقدمه كوريا الجنوبية لمشروعات التنمية.", "2026-03-17")
    summit = next(e for e in evs if e["mode"] == "summit")
    assert summit["status"] == "planned"
    assert next(e for e in evs if e["mode"] == "sign_agreement")["date"] == "2026-03-17"
    assert one(evs, "SUPPORT")["status"] == "occurred"


def test_a_plan_is_not_dated_by_a_year_gone(run):
    evs = run("ومن المتوقع أن يوقع الجانبان بروتوكولا لتحديث اتفاقية التجارة الحرة الموقعة بين جورجيا وتركيا عام 2007.",
              "2026-05-20")
    signing = one(evs, "AGREE")
    assert signing["status"] == "expected" and signing["date"] is None


def test_the_country_of_a_home_press_story_is_where_a_guest_comes(run):
    evs = run("أبوظبي في 12 مايو / وام / استقبل صاحب السمو الشيخ محمد بن زايد آل نهيان رئيس الدولة، اليوم في قصر "
              "الشاطئ، فخامة صادير جاباروف رئيس قرغيزستان، الذي وصل إلى البلاد مساء أمس في زيارة دولة تستغرق يومين.",
              "2026-05-12")
    visit = next(e for e in evs if e["mode"] == "visit")
    assert (visit["source_name"], visit["target_name"]) == ("Sadyr Japarov", "United Arab Emirates")


def test_a_visit_ended_at_home_and_a_numbered_round_of_consultations_are_two_events(run):
    evs = run("استقبل رئيس الجمهورية، السيد عبد المجيد تبون، أمس الثلاثاء بمقر رئاسة الجمهورية، رشيد مريدوف، "
              "نائب رئيس مجلس الوزراء وزير الشؤون الخارجية لتركمانستان، الذي اختتم مساء أمس زيارة رسمية إلى "
              "البلاد دامت يومين.\nوكان مريدوف قد ترأس رفقة وزير الشؤون الخارجية أحمد عطاف، أول أمس الاثنين، "
              "الدورة الأولى للمشاورات السياسية بين البلدين.", "2026-03-04")
    visit = next(e for e in evs if e["mode"] == "visit")
    assert visit["target_name"] == "Algeria" and visit["status"] == "occurred"
    assert [e for e in evs if e["mode"] == "talks" and e["date"] == "2026-03-02"]


def test_an_air_service_run_now_is_cooperation_under_way_and_a_past_count_is_not(run):
    evs = run("وتسيّر شركة «طيران سومون» حاليا رحلتين أسبوعيا بين دوشانبيه والدوحة، وتعتزم إطلاق خط مباشر إلى "
              "جدة الشهر المقبل.", "2026-04-28")
    service = next(e for e in evs if e["type"] == "COOPERATE" and e["status"] == "ongoing")
    assert (service["mode"], service["date"]) == ("economic", None)
    assert {"Somon Air", "Tajikistan", "Qatar"} <= set(service["names"])  # the airline and the countries its route joins
    assert not run("وسيّرت الشركة العام الماضي 420 رحلة لقطارات الحاويات بين الصين وأذربيجان.", "2026-04-28")


def test_a_visit_framing_talks_with_where_it_went_is_told_too(run):
    evs = run("وكان الرئيس اللبناني جوزيف عون قد بحث ملف الطاقة مع الرئيس الأذربيجاني إلهام علييف خلال زيارته "
              "إلى باكو في الثاني عشر من تموز الماضي.", "2025-08-03")
    visit = next(e for e in evs if e["mode"] == "visit")
    assert visit["source_name"] == "Joseph Aoun" and visit["target_name"] == "Azerbaijan" and visit["date"] == "2025-07-12"
    assert [e for e in evs if e["mode"] == "talks"]


def test_duties_imposed_on_a_countrys_goods_are_a_sanction_on_it(run):
    evs = run("وفرضت أرمينيا في مايو الماضي رسوما لمكافحة الإغراق على واردات الإسمنت الإيراني.", "2026-06-20")
    sanction = one(evs, "SANCTION")
    assert (sanction["source_name"], sanction["target_name"]) == ("Armenia", "Iran")
    assert not run("وفرضت الحكومة رسوما على استخدام الطرق السريعة.", "2026-06-20")


def test_a_reaction_targets_who_acted_not_where_the_matter_is_taken(run):
    evs = run("وفرضت أرمينيا في مايو الماضي رسوما لمكافحة الإغراق على واردات الإسمنت الإيراني، ما دفع وزارة الخارجية "
              "الإيرانية إلى الاحتجاج رسميا والتلويح بإحالة الملف إلى منظمة التجارة العالمية.", "2026-06-20")
    for etype in ("PROTEST", "THREATEN"):
        assert one(evs, etype)["target_name"] == "Armenia"


def test_a_home_press_story_of_two_leaders_in_session(run):
    evs = run("الكويت - القبس\nعقد حضرة صاحب السمو الشيخ مشعل الأحمد الجابر الصباح أمير البلاد، وفخامة الرئيس شوكت "
              "ميرضيائيف رئيس جمهورية أوزبكستان، جلسة مباحثات رسمية بقصر بيان صباح أمس، في مستهل زيارة الدولة التي "
              "يقوم بها فخامته للبلاد.\nوأعرب سمو الأمير عن تقديره لمواقف جمهورية أوزبكستان.", "2026-04-28")
    talks = next(e for e in evs if e["mode"] == "talks")
    assert {"Shavkat Mirziyoyev", "Mishal Al-Ahmad Al-Jaber Al-Sabah"} <= set(talks["names"]), talks["names"]
    visit = next(e for e in evs if e["mode"] == "visit")
    assert (visit["source_name"], visit["target_name"]) == ("Shavkat Mirziyoyev", "Kuwait")
    assert one(evs, "SUPPORT")["source_name"] == "Mishal Al-Ahmad Al-Jaber Al-Sabah"


def test_the_guest_received_on_his_visit_to_the_country_is_the_visitor(run):
    evs = run("استقبل صاحب السمو أمير البلاد الشيخ مشعل الأحمد الجابر الصباح، في قصر بيان أمس، رئيس وزراء جمهورية "
              "أوزبكستان عبد الله أريبوف، بمناسبة زيارته الرسمية للبلاد التي بدأت أمس الأول.\nوأشاد سموه بالعلاقات "
              "بين البلدين وبالإصلاحات التي تشهدها أوزبكستان. وترأس الوزيران الجولة الرابعة من المشاورات السياسية بين البلدين.", "2025-11-19")
    visit = next(e for e in evs if e["mode"] == "visit")
    assert (visit["source_name"], visit["target_name"]) == ("Abdulla Aripov", "Kuwait")
    assert one(evs, "SUPPORT")["source_name"] == "Mishal Al-Ahmad Al-Jaber Al-Sabah"
    assert [e for e in evs if e["mode"] == "talks"]
