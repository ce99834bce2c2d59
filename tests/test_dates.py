"""Date expressions, each on a sentence made up for the test."""
from datetime import date

import pytest

from marsad.dates import extract_dates, find_dates, read_dateline
from marsad.doc import Doc
from marsad.text import normalize

PUB = date(2023, 5, 17)  # a Wednesday


def dates_in(sentence: str, published: date | None = PUB):
    text = normalize(sentence)
    return [(text[f.start:f.end], f.value, f.kind) for f in find_dates(text, published)]


def values(sentence: str, published: date | None = PUB):
    return [v for _, v, _ in dates_in(sentence, published)]


@pytest.mark.parametrize("sentence, value", [
    ("وصل الوفد في 9 أكتوبر 2021 إلى العاصمة", "2021-10-09"),
    ("افتتح المعرض في ١٢ حزيران ٢٠١٩ بحضور الوزير", "2019-06-12"),
    ("جرى التوقيع يوم الاثنين 4 آذار 2024", "2024-03-04"),
    ("بدأت الرحلات في آب 2018", "2018-08"),
    ("صدر القرار في نيسان/أبريل 2016", "2016-04"),
    ("انطلق المشروع في جانفي 2020", "2020-01"),
    ("وقعت الاتفاقية في فيفري 2017", "2017-02"),
    ("عقد المنتدى في جويلية 2015", "2015-07"),
    ("أعلن ذلك في ديسمبر (كانون الأول) 2014", "2014-12"),
    ("تضاعفت المبيعات في عام 2019", "2019"),
    ("اكتمل الخط مع نهاية أغسطس 2021", "2021-08"),
    ("ارتفعت الصادرات في الربع الثالث من 2020", "2020-07/2020-09"),
    ("تراجعت الواردات في النصف الأول من عام 2021", "2021-01/2021-06"),
    ("نمت التجارة في الفترة من فبراير إلى أغسطس 2019", "2019-02/2019-08"),
    ("وخلال 7 أشهر من عام 2018 ارتفع العدد", "2018-01/2018-07"),
    ("انضمت الشركات بين عامي 2017 و2019", "2017/2019"),
    ("من عام 2015 إلى عام 2018 تضاعف العدد", "2015/2018"),
    ("تسعى الحكومة إلى ذلك بحلول عام 2035", "2035"),
    # numeric dates, day first but for the ISO form
    ("وقعت الاتفاقية في 14/03/2023 في أنقرة", "2023-03-14"),
    ("وصدر القرار بتاريخ 3-7-2019", "2019-07-03"),
    ("ونشر البيان في ٢٠٢٢-١٠-٠٥", "2022-10-05"),
    ("وفي 9.12.2024 افتتح الخط", "2024-12-09"),
])
def test_explicit_dates_and_ranges(sentence, value):
    assert value in values(sentence)


@pytest.mark.parametrize("sentence, value", [
    ("وقال الوزير أمس إن المحادثات ناجحة", "2023-05-16"),
    ("صرح المتحدث اليوم بأن الوفد وصل", "2023-05-17"),
    ("ويتوجه الوفد اليوم إلى العاصمة", "2023-05-17"),
    ("التقى الرئيسان يوم الأربعاء في العاصمة", "2023-05-17"),
    ("التقى الرئيسان يوم الاثنين في العاصمة", "2023-05-15"),
    ("سيعقد الزعماء قمة يوم الجمعة", "2023-05-19"),
    ("زار الوزير بكين الأسبوع الماضي", "2023-05-08/2023-05-14"),
    ("تنطلق الدورة الأسبوع المقبل", "2023-05-22/2023-05-28"),
    ("ارتفعت الأسعار الشهر الماضي", "2023-04"),
    ("بلغ حجم التجارة العام الماضي 5 مليارات", "2022"),
    ("تقام الألعاب العام المقبل", "2024"),
    ("يتوقع نمو الاقتصاد هذا العام", "2023"),
    ("وقع الاتفاق في أكتوبر الماضي", "2022-10"),
    ("يزور الرئيس البلاد في شهر سبتمبر الحالي", "2023-09"),
    ("على مدى السنوات الخمس الماضية تضاعف العدد", "2018/2023"),
    ("منذ مطلع العام الجاري وحتى نهاية أبريل", "2023-01/2023-04"),
    ("بلغت القروض 3 مليارات منذ افتتاح المصرف عام 2016", "2016/2023"),
    ("تضاعفت التجارة منذ توقيع اتفاقية الشراكة بين الطرفين سنة 2011", "2011/2023"),
    ("وفي كانون الثاني من العام الماضي افتتح الخط", "2022-01"),
    ("تعقد الدورة في 3 شباط من العام المقبل", "2024-02-03"),
    ("وصل الوفد في أيلول من هذا العام", "2023-09"),
    ("يعقد الجانبان اجتماعهما قبل نهاية العام", "2023"),
    ("افتتح المصنع مطلع العام", "2023"),
    ("احتفل البلدان بالذكرى الثلاثين قبل عامين", "2021"),
    ("زار الوزير العاصمة قبل ثلاثة أشهر", "2023-02"),
    ("وقع الحادث قبل يومين", "2023-05-15"),
    ("تأسست الشركة قبل 25 عاما", "1998"),
])
def test_relative_dates_resolve_against_publication(sentence, value):
    assert value in values(sentence)


def test_a_month_of_a_relative_year_is_one_date():
    assert dates_in("وفي كانون الثاني من العام الماضي افتتح الخط") == [
        ("كانون الثاني من العام الماضي", "2022-01", "relative")]
    assert dates_in("وفي كانون الثاني من العام الماضي افتتح الخط", published=None) == [
        ("كانون الثاني من العام الماضي", None, "relative")]


def test_relative_dates_are_null_without_publication_date():
    found = dates_in("وقال الوزير أمس إن التجارة نمت العام الماضي", published=None)
    assert len(found) == 2 and all(v is None for _, v, _ in found)


def test_same_period_takes_the_value_of_the_period_before_it():
    found = dates_in("بلغت الصادرات في الفترة من مارس إلى يونيو 2020 نحو مليار، وبلغت الواردات في الفترة ذاتها نصف ذلك")
    assert [v for _, v, _ in found] == ["2020-03/2020-06", "2020-03/2020-06"]


def test_previous_year_counts_back_from_the_year_named():
    found = dates_in("ارتفع العدد في عام 2019 مقارنة بالعام السابق")
    assert [v for _, v, _ in found] == ["2019", "2018"]


def test_a_span_ago_counted_from_another_event_or_left_vague_is_no_date():
    assert values("وصل الوفد قبل يومين من القمة") == []
    assert values("زار الوزير العاصمة قبل سنوات") == []


@pytest.mark.parametrize("sentence", [
    "استمرت الزيارة لمدة 14 يوما",
    "راجع الفقرات من 3 إلى 5 من التقرير",
    "وظفت الشركة 2019 عاملا",
    "احتفل البلدان باليوم الوطني",
    "مارس الوزير مهامه بنشاط",
])
def test_not_dates(sentence):
    assert dates_in(sentence) == []


def test_invalid_day_is_not_a_date():
    assert "2021-02-30" not in values("في 30 فبراير 2021")


def test_spans_map_back_to_the_original_text():
    from marsad.dates import extract_dates
    doc = Doc("d", "وَقَّعَ الجانبان في ١٥ تمّوز ٢٠٢٢ اتفاقية", published="2023-01-01")
    (d,) = extract_dates(doc)
    assert doc.text[d.start:d.end] == d.text
    assert d.value == "2022-07-15"


def test_dateline_sets_published_and_source_when_missing():
    doc = Doc("d", "بكين، 8 مارس 2021 (رويترز) - قال مسؤول صيني اليوم إن الصادرات ارتفعت.")
    read_dateline(doc)
    assert doc.published == "2021-03-08"
    assert doc.source == "Reuters"


def test_a_dateline_credits_an_outlet_the_gazetteer_lacks():
    doc = Doc("d", "بشكيك 3 مارس 2024 (وكالة تونوك) - قال مسؤول اليوم إن الصادرات ارتفعت.")
    read_dateline(doc)
    assert (doc.published, doc.source) == ("2024-03-03", "وكالة تونوك")


def test_a_parenthesis_inside_a_sentence_is_no_dateline():
    doc = Doc("d", "وقال الوزير في 3 مارس 2024 (في تصريح للصحفيين) - بحسب مكتبه - إن الصادرات ارتفعت.")
    read_dateline(doc)
    assert (doc.published, doc.source) == (None, None)


@pytest.mark.parametrize("text, day", [
    ("الرياض في 5 رمضان 1445هـ الموافق 15 مارس 2024م\nاستقبل الوزير اليوم نظيره.", "2024-03-15"),
    ("أبوظبي، 3 يونيو 2025م\nاستقبل الوزير اليوم نظيره.", "2025-06-03"),
    ("عمّان، الثلاثاء 12 ربيع الآخر 1446 هـ، الموافق 15 تشرين الأول 2024 م\n\nاستقبل الوزير اليوم نظيره.", "2024-10-15"),
])
def test_a_heading_gives_the_gregorian_day_beside_a_hijri_one(text, day):
    doc = Doc("d", text)
    read_dateline(doc)
    assert doc.published == day


def test_a_heading_may_end_with_a_bare_wire_credit_or_give_the_year_first():
    doc = Doc("d", "جدة 12 شعبان 1447 هـ الموافق 31 يناير 2026 م واس\nاستقبل الوزير اليوم نظيره.")
    read_dateline(doc)
    assert (doc.published, doc.source) == ("2026-01-31", "Saudi Press Agency")
    doc = Doc("d", "وزارة الخارجية\nبيان صحفي\nالقاهرة في: 2026/3/9\nاستقبل الوزير اليوم نظيره.")
    read_dateline(doc)
    assert doc.published == "2026-03-09"


def test_since_then_runs_from_the_year_last_named_to_publication():
    assert values("أقام البلدان العلاقات في 22 كانون الثاني 1992، وعاد منذ ذلك الحين 70 ألف شخص") == [
        "1992-01-22", "1992/2023"]
    assert values("منذ ذلك الحين لم يتغير شيء") == [None]


def test_a_year_before_a_currency_is_no_year():
    assert values("بلغت القيمة 2025 دينار كويتي") == []


def test_dateline_does_not_override_input_metadata():
    doc = Doc("d", "بكين، 8 مارس 2021 (رويترز) - قال مسؤول.", published="2021-03-09", source="Feed")
    read_dateline(doc)
    assert (doc.published, doc.source) == ("2021-03-09", "Feed")


def test_closing_credit_sets_source():
    doc = Doc("d", "قال مسؤول إن الصادرات ارتفعت.\nالمصدر: وكالة شينخوا")
    read_dateline(doc)
    assert doc.source == "Xinhua"


@pytest.mark.parametrize("sentence, value", [
    ("تراجع الإنتاج خلال الشهرين الأولين من العام الجاري", "2023-01/2023-02"),
    ("ارتفعت المبيعات في الشهرين الأولين من عام 2019", "2019-01/2019-02"),
    ("أي من شباط حتى نيسان، تضاعف عدد الزوار", "2023-02/2023-04"),
    ("انخفض الطلب من آب إلى تشرين الأول", "2022-08/2022-10"),
])
def test_dual_months_and_ranges_without_a_year(sentence, value):
    assert value in values(sentence)


@pytest.mark.parametrize("sentence, value", [
    ("أقيم المعرض في الفترة من 11 إلى 14 نوفمبر 2021 في دبي", "2021-11-11/2021-11-14"),
    ("تعقد الدورة يومي 8 و9 حزيران 2022", "2022-06-08/2022-06-09"),
    ("انعقد المنتدى بين 2 و4 آذار", "2023-03-02/2023-03-04"),
    ("جرت المناورات 17-19 أكتوبر 2020", "2020-10-17/2020-10-19"),
    ("استضافت المدينة القمة في الثالث والرابع من أبريل 2025", "2025-04-03/2025-04-04"),
    ("يعقد المؤتمر في التاسع والعاشر من شباط 2021", "2021-02-09/2021-02-10"),
])
def test_spans_of_days_within_a_month(sentence, value):
    assert values(sentence) == [value]


@pytest.mark.parametrize("sentence, value", [
    ("دخل القرار حيز التنفيذ في الخامس عشر من أيلول 2021", "2021-09-15"),
    ("افتتح الجسر في الحادي والعشرين من يناير الماضي", "2023-01-21"),
    ("تبدأ الرحلات في الأول من أكتوبر المقبل", "2023-10-01"),
    ("وقع الاتفاق في 20 ديسمبر الماضي", "2022-12-20"),
    ("افتتح المعبر في الثاني والعشرين من مايو 2021", "2021-05-22"),
    ("انطلقت الرحلة في الثالث والعشرين من آب 2020", "2020-08-23"),
])
def test_days_as_ordinals_and_days_of_a_month_told_relative(sentence, value):
    assert values(sentence) == [value]


def test_a_span_of_days_must_run_forward():
    assert "2020-10-19/2020-10-17" not in values("جرت المناورات 19-17 أكتوبر 2020")


def test_the_same_day_is_the_day_named_before():
    found = dates_in("افتتح الوزير المعرض في 9 مايو. وفي اليوم نفسه التقى نظيره")
    assert found[-1][:2] == ("اليوم نفسه", "2023-05-09")


def test_the_same_day_looks_past_a_year_named_since():
    # a statistic's year between the day and "اليوم نفسه" is not its antecedent
    found = dates_in("وصل الوزير إلى الرياض في 14 أكتوبر. وارتفع التبادل في عام 2021 بنسبة 9٪. "
                     "وفي اليوم نفسه زار الميناء")
    assert found[-1][:2] == ("اليوم نفسه", found[0][1])


def test_the_same_day_has_no_antecedent_once_another_month_is_named():
    found = dates_in("بدأ الوفد جولته الاثنين، وهي الأولى منذ آذار 2019. وفي اليوم نفسه وصل الوزير")
    assert found[-1][:2] == ("اليوم نفسه", None)


def test_the_same_year_after_a_range_within_one_year():
    found = dates_in("ارتفعت الصادرات بين مارس ويونيو 2020، وفي العام نفسه افتتح المعبر")
    assert found[-1][:2] == ("العام نفسه", "2020")


def test_the_same_period_of_last_year_is_a_baseline_not_an_antecedent():
    found = dates_in("نمت الصادرات في النصف الأول من عام 2021 مقارنة بالفترة ذاتها من العام الماضي، "
                     "فيما تراجعت الواردات خلال الفترة نفسها")
    assert [v for _, v, _ in found] == ["2021-01/2021-06", "2020-01/2020-06", "2021-01/2021-06"]


def test_a_year_named_as_a_year_is_one_before_a_counted_noun():
    assert values("تأسست في عام 2001 منظمة إقليمية جديدة") == ["2001"]


@pytest.mark.parametrize("sentence, value", [
    ("ومن المنتظر أن يشارك الرئيس في القمة مطلع سبتمبر", "2023-09"),
    ("ومن المقرر أن تفتتح المحطة في أواخر يناير", "2024-01"),
    ("وشارك الرئيس في القمة مطلع سبتمبر", "2022-09"),
])
def test_a_plan_after_a_conjunction_looks_ahead(sentence, value):
    assert values(sentence, published=date(2023, 6, 15)) == [value]


@pytest.mark.parametrize("sentence, value", [
    ("بلغت الصادرات في الأشهر الثلاثة الأولى من العام 4 مليارات", "2023-01/2023-03"),
    ("بلغت الصادرات في الأشهر العشرة الأولى من العام 4 مليارات", "2022-01/2022-10"),  # not yet passed
    ("ارتفعت التجارة منذ مطلع العام بنسبة 5%", "2023-01/2023-06"),
    ("ارتفعت التجارة منذ بداية العام الماضي", "2022-01/2023-06"),
    ("وصل الوفد أمس الأول إلى أستانا", "2023-06-13"),
    ("يصل الوزير غدا الخميس إلى بكين", "2023-06-16"),
])
def test_the_year_and_days_of_publication_told_without_naming_them(sentence, value):
    assert values(sentence, published=date(2023, 6, 15)) == [value]


@pytest.mark.parametrize("text, published, source", [
    ("موسكو، 4 آذار 2023. /تاس/. أعلن الكرملين اليوم أن الرئيس سيزور الصين.", "2023-03-04", "TASS"),
    ("مكتب الإعلام\nنشرة صحفية\nبشكيك، 9 تشرين الأول/أكتوبر 2022\nانطلقت اليوم أعمال المنتدى.", "2022-10-09", None),
    ("أنقرة/ محمد يلماز/ الأناضول\nالتقى الرئيس التركي أمس نظيره.", None, "Anadolu Agency"),
    ("وزارة الخارجية\nبيان صحفي\nالقاهرة في 5 مارس 2024\nاستقبل الوزير اليوم نظيره.", "2024-03-05", None),
])
def test_wire_and_press_release_headings(text, published, source):
    doc = Doc("d", text)
    read_dateline(doc)
    assert (doc.published, doc.source) == (published, source)


@pytest.mark.parametrize("text", [
    "وصل الرئيس في 3 مايو 2022.\nوقال إن الزيارة ناجحة.",
    "زيارة 12 يونيو 2019\nكانت الزيارة الأولى للرئيس.",
])
def test_a_dated_first_sentence_is_not_a_heading(text):
    doc = Doc("d", text)
    read_dateline(doc)
    assert doc.published is None


@pytest.mark.parametrize("sentence", ["بدأ الرئيس جولته أول أمس الأربعاء", "وصل الوزير أمس الأول الأربعاء"])
def test_the_day_before_yesterday_with_its_weekday(sentence):
    from datetime import date
    from marsad.text import normalize
    n = normalize(sentence)
    assert [f.value for f in find_dates(n, date(2023, 11, 3))] == ["2023-11-01"]


def test_a_present_verb_after_before_that_tells_a_sequence_not_the_future():
    # published on a Saturday: the Monday and Wednesday of a tour told in the past
    text = "بدأ الوزير جولته يوم الاثنين في دوشنبه، قبل أن يصل يوم الأربعاء إلى أستانا."
    values = [d.value for d in extract_dates(Doc("t", text, published="2024-04-27"))]
    assert values == ["2024-04-22", "2024-04-24"]
    ahead = [d.value for d in extract_dates(Doc("t", "وسيصل الوزير يوم الأربعاء إلى أستانا.", published="2024-04-27"))]
    assert ahead == ["2024-05-01"]


def test_two_calendars_months_side_by_side_are_one_date():
    # wires write the Egyptian and the Levantine name one after the other, no slash
    doc = Doc("t", "طشقند 9 مارس آذار 2023 (رويترز) - قال مسؤول إن الاستفتاء جرى في الثالث من سبتمبر أيلول من العام الماضي.")
    read_dateline(doc)
    assert doc.published == "2023-03-09" and doc.source
    values = [d.value for d in extract_dates(doc)]
    assert values == ["2023-03-09", "2022-09-03"]


def test_today_after_a_verb_is_today_but_a_qualified_day_is_not():
    values = [d.value for d in extract_dates(Doc("t", "حيث يلتقي اليوم الرئيس الكازاخستاني.", published="2024-06-12"))]
    assert values == ["2024-06-12"]
    for text in ("في اليوم الوطني للصين", "في اليوم الأول من الزيارة", "وفي اليوم الأخير"):
        assert not extract_dates(Doc("t", text, published="2024-06-12"))


def test_the_year_of_the_year_named_is_not_this_year():
    # "مطلع العام 2024": the year named, not the year of publication
    assert values("افتتح المصنع في مطلع العام 2021") == ["2021"]


def test_a_year_in_the_name_of_a_plan_is_no_date():
    assert values("جدد القادة التزامهم بتنفيذ «رؤية التكامل 2030» الإقليمية") == []
    assert values("وقع الاتفاق في «عام 2025»") == ["2025"]


def test_a_day_and_month_far_ahead_of_publication_is_last_years():
    assert values("وفي 28 ديسمبر قدم الرئيس اعتذاره", published=date(2025, 10, 10)) == ["2024-12-28"]
    assert values("سيعقد الاجتماع في 28 ديسمبر", published=date(2025, 10, 10)) == ["2025-12-28"]
    assert values("وصل الوفد في 3 نوفمبر", published=date(2025, 10, 10)) == ["2025-11-03"]


def test_a_fiscal_or_other_calendars_year_is_not_the_calendar_year():
    assert values("في الأشهر الثمانية الأولى من السنة المالية بلغت الواردات") == []
    assert values("أي الأشهر العشرة الأولى من العام الإيراني الجاري") == []


def test_the_same_year_after_a_compared_value_is_the_statements():
    found = dates_in("بلغت الصادرات 12.9 مليار دولار في عام 2022، مقابل 11.8 مليار دولار في 2021. "
                     "وقدرتها جهة أخرى في العام ذاته بنحو 11 مليارا")
    assert found[-1][1] == "2022"


def test_a_numeric_date_that_is_no_day_is_not_one():
    assert not any(v and len(v) == 10 for v in values("في 31/02/2024 وفي 2024-13-01"))


def test_a_dateline_with_a_numeric_date_sets_published():
    doc = Doc("d", "الدوحة - 5 - 2 - 2025 (قنا) -- استقبل وزير الخارجية اليوم نظيره.")
    read_dateline(doc)
    assert doc.published == "2025-02-05"


@pytest.mark.parametrize("sentence, published, value", [
    ("وتخطط لرفعها إلى سبع رحلات بحلول الصيف المقبل", date(2025, 2, 19), "2025"),
    ("ستعقد الجولة الأولى خلال الخريف المقبل", date(2025, 10, 8), "2026"),  # autumn has begun: the next one
    ("بدأت شحنات الغاز خلال الصيف الماضي", date(2025, 10, 22), "2025"),
    ("بدأت شحنات الغاز خلال الصيف الماضي", date(2025, 7, 22), "2024"),  # still summer: the one before
    ("تراجع الطلب في الشتاء الماضي", date(2025, 3, 10), "2024"),  # December 2024 to February 2025
])
def test_a_season_told_relative_to_publication_is_dated_by_its_year(sentence, published, value):
    assert values(sentence, published) == [value]


def test_a_season_is_no_antecedent_of_the_same_period():
    found = dates_in("تعامل الميناء خلال الأشهر التسعة الأولى من العام الجاري مع 282 ألف حاوية. "
                     "وتقلصت المدة بعد تشغيل رافعات في الربيع الماضي. وقدرت الشركة المناولة خلال الفترة ذاتها "
                     "بنحو 265 ألف حاوية.", date(2024, 10, 12))
    assert [v for t, v, _ in found] == ["2024-01/2024-09", "2024", "2024-01/2024-09"]


def test_a_release_signed_off_with_its_place_and_day_is_of_that_day():
    doc = Doc("d", "بلاغ\nاستقبل الوزير اليوم الثلاثاء نظيره التونسي.\nوأشاد الجانبان بالعلاقات.\nتونس العاصمة، في 12 ماي 2026")
    read_dateline(doc)
    assert doc.published == "2026-05-12"
    doc = Doc("d", "استقبل الوزير اليوم نظيره.\nوقال إن العلاقات متينة منذ 12 ماي 2016.")
    read_dateline(doc)
    assert doc.published is None
