"""Figures, each on a sentence made up for the test."""
import pytest

from marsad.doc import Doc
from marsad.pipeline import Pipeline


@pytest.fixture(scope="module")
def run():
    nlp = Pipeline()

    def run(text: str, published: str | None = "2024-03-10"):
        return nlp(Doc("t", text, published=published)).figures

    return run


def one(figures):
    assert len(figures) == 1, figures
    return figures[0]


@pytest.mark.parametrize("text, value, unit", [
    ("بلغت الاستثمارات 2.5 مليار دولار في المشروع.", 2_500_000_000, "USD"),
    ("بلغت الاستثمارات ٢٫٥ مليار دولار في المشروع.", 2_500_000_000, "USD"),
    ("بلغت الصادرات 1,250 مليون دولار أمريكي.", 1_250_000_000, "USD"),
    ("بلغت الصادرات 3 ملايين يوان.", 3_000_000, "CNY"),
    ("بلغت الواردات 400 مليار روبل.", 400_000_000_000, "RUB"),
    ("بلغت الاستثمارات 90 مليار تنغي.", 90_000_000_000, "KZT"),
    ("بلغت قيمة الصفقة 7 مليارات ريال.", 7_000_000_000, "SAR"),
    ("بلغت قيمة الصفقة 15 مليار درهم.", 15_000_000_000, "AED"),
    ("بلغت قيمة الصفقة 2 مليار يورو.", 2_000_000_000, "EUR"),
    ("بلغت قيمة الصفقة 60 مليار جنيه.", 60_000_000_000, "EGP"),
    ("بلغت قيمة الصفقة 40 مليون أورو.", 40_000_000, "EUR"),
    ("بلغت قيمة القرض 12 مليون دينار كويتي.", 12_000_000, "KWD"),
    ("بلغت المبادلات 8 ملايين ريال عماني.", 8_000_000, "OMR"),
    ("بلغت الصادرات 900 مليون روبية هندية.", 900_000_000, "INR"),
    ("قدم الصندوق 14 قرضا للبلاد.", 14, "other"),
    ("بلغت قيمة الصفقة ملياري دولار.", 2_000_000_000, "USD"),
    ("بلغت قيمة الصفقة 1.2 تريليون دولار.", 1_200_000_000_000, "USD"),
    ("نقلت السكك الحديدية 45 ألف حاوية مكافئة.", 45_000, "TEU"),
    ("عبرت الحدود خمسة آلاف حاوية.", 5_000, "TEU"),
    ("عبر المنفذ 2500 قطار.", 2_500, "trains"),
    ("انضمت 310 شركات إلى المنصة.", 310, "companies"),
    ("يدرس الطلاب في 40 جامعة.", 40, "universities"),
    ("سمح بتصدير 35 نوعا من المنتجات الزراعية.", 35, "products"),
    ("تبلغ قدرة المحطة 250 ميغاواط.", 250, "MW"),
    ("تبلغ قدرة المحطة 250 ميجاوات.", 250, "MW"),
    ("يمتد الطريق 800 كيلومتر.", 800, "km"),
    ("تنتج المصفاة 4 ملايين طن سنويا.", 4_000_000, "tonnes"),
])
def test_values_and_units(run, text, value, unit):
    f = one(run(text))
    assert (f["value"], f["unit"]) == (value, unit)
    if unit not in ("USD", "other") and len(unit) == 3 and unit.isupper() and unit != "TEU":
        assert f["metric"] in ("project_value", "investment", "trade_volume", "exports", "imports", "sales")


@pytest.mark.parametrize("text, value", [
    ("ارتفعت الصادرات بنسبة 12.5% خلال العام.", 12.5),
    ("ارتفعت الصادرات بنسبة ١٢٫٥٪ خلال العام.", 12.5),
    ("ارتفعت الصادرات بنسبة 12 في المائة خلال العام.", 12),
    ("ارتفعت الصادرات 9 بالمئة خلال العام.", 9),
    ("تراجعت الواردات بنسبة 4% خلال العام.", -4),
    ("وقفزت صادرات الاتحاد نحو قرغيزستان بأكثر من 340 بالمائة مقارنة بسنة 2021.", 340),
    ("وارتفعت الصادرات إلى الصين بنحو 15% خلال العام.", 15),
])
def test_percent_growth(run, text, value):
    f = one(run(text))
    assert f["unit"] == "percent" and f["value"] == value and f["kind"] == "growth_rate"


def test_parenthesized_change_qualifies_the_figure_before_it(run):
    figures = run("بلغت الواردات 2.4 مليار دولار ( -3.5٪) في عام 2021، وبلغت الصادرات 1.1 مليار دولار (+ 8.2٪).")
    assert [f["value"] for f in figures] == [2_400_000_000, -3.5, 1_100_000_000, 8.2]
    assert [f["metric"] for f in figures] == ["imports", "import_growth", "exports", "export_growth"]
    assert figures[1]["period"] == "2021" and figures[1]["kind"] == "growth_rate"


def test_range_of_values(run):
    f = one(run("تعبر الحدود يوميا 20-25 قطارا."))
    assert f["value"] == 20 and f.get("value_max") == 25 and f["unit"] == "trains"


@pytest.mark.parametrize("text, value, unit", [
    ("تضاعف التبادل التجاري ثلاثين ضعفا منذ عام 2000.", 30, "other"),
    ("يمثل البلدان نصف التجارة الإقليمية.", 50, "percent"),
    ("زاد الإنتاج إلى نصف مليون طن.", 500_000, "tonnes"),
    ("وتسلم الجيش ثماني طائرات نقل جديدة.", 8, "other"),
])
def test_number_words_multipliers_and_fractions(run, text, value, unit):
    f = one(run(text))
    assert (f["value"], f["unit"]) == (value, unit)


@pytest.mark.parametrize("text, metric", [
    ("بلغ حجم التجارة بين البلدين 9 مليارات دولار في 2021.", "trade_volume"),
    ("بلغ التبادل التجاري 9 مليارات دولار في 2021.", "trade_volume"),
    ("بلغت الصادرات الزراعية 9 مليارات دولار في 2021.", "exports"),
    ("بلغت الواردات من المعدات 9 مليارات دولار في 2021.", "imports"),
    ("بلغ حجم الاستثمار المباشر 9 مليارات دولار في 2021.", "investment"),
    ("حققت المنصة مبيعات بلغت 9 ملايين دولار في 2021.", "sales"),
    ("نمت التجارة الثنائية بنسبة 14% في 2021.", "trade_growth"),
    ("نمت الصادرات بنسبة 14% في 2021.", "export_growth"),
    ("سير خط السكك الحديدية 900 قطار في 2021.", "freight_trains"),
    ("تراجعت الواردات التركمانية من إيران خلال العام بنسبة 6% فقط.", "import_growth"),
    ("أنجز الجسر الذي بلغت كلفته نحو 300 مليون دولار.", "project_value"),
    ("تقدر محفظة الصندوق في المنطقة بنحو 3 مليارات دولار.", "investment"),
    ("قدرت الوزارة حجم التبادل مع فرنسا بنحو 4 مليارات دولار.", "trade_volume"),
    ("يمتد الأنبوب مسافة 900 كيلومتر عبر حقول الحاويات.", "count_other"),
])
def test_metrics_from_cues(run, text, metric):
    assert one(run(text))["metric"] == metric


@pytest.mark.parametrize("text, kind, period", [
    ("يستهدف البلدان رفع حجم التجارة إلى 50 مليار دولار بحلول عام 2032.", "target", "2032"),
    ("من المتوقع أن يبلغ حجم التجارة 20 مليار دولار في عام 2025.", "forecast", "2025"),
    ("بلغ إجمالي الاستثمارات منذ عام 2005 نحو 30 مليار دولار.", "cumulative", "2005/2024"),
    ("بلغ حجم التجارة 12 مليار دولار في عام 2020.", "actual", "2020"),
])
def test_kinds_and_periods(run, text, kind, period):
    f = one(run(text))
    assert (f["kind"], f["period"]) == (kind, period)


@pytest.mark.parametrize("text, qualifier", [
    ("بلغت الصادرات أكثر من 3 مليارات دولار.", "over"),
    ("تجاوز حجم التجارة 3 مليارات دولار.", "over"),
    ("بلغت الصادرات ما يزيد على 3 مليارات دولار.", "over"),
    ("بلغت الصادرات حوالي 3 مليارات دولار.", "about"),
    ("بلغت الصادرات نحو 3 مليارات دولار.", "about"),
    ("بلغت الصادرات ما يقارب 3 مليارات دولار.", "about"),
    ("قد تصل الصادرات إلى ما يصل إلى 3 مليارات دولار.", "up_to"),
    ("بلغت الصادرات 3 مليارات دولار.", "exact"),
])
def test_qualifiers(run, text, qualifier):
    assert one(run(text))["qualifier"] == qualifier


def test_period_from_the_sentence_this_one_continues(run):
    figures = run("في عام 2019 نمت الصادرات بقوة.\nوبلغ حجم التجارة 7 مليارات دولار.")
    assert one(figures)["period"] == "2019"


def test_baseline_date_after_comparison_is_not_the_period(run):
    f = run("نقل الخط 900 قطار في عام 2021، بزيادة 6 في المائة مقارنة بعام 2020.")
    assert [x["period"] for x in f] == ["2021", "2021"]


@pytest.mark.parametrize("text", [
    "احتفل البلدان بالذكرى الـ25 لإقامة العلاقات.",
    "استمرت المحادثات لمدة 3 أيام.",
    "تعقد اللجنة اجتماعاتها مرتين في السنة.",
    "انظر الفقرات من 4 إلى 6.",
    "وقعت الاتفاقية في عام 2015.",
    "في 12 مارس 2020 وصل الوفد.",
    "استمر التعاون 30 عاما.",
])
def test_not_figures(run, text):
    assert run(text) == []


def test_attribution_to_a_known_body(run):
    f = one(run("ووفقا للجمارك الصينية، بلغ حجم التجارة 6 مليارات دولار في 2021."))
    assert f["attributed_to"] == "General Administration of Customs"


def test_attribution_to_generic_statistics_of_a_country(run):
    f = one(run("وفقا لإحصاءات الحكومة الكازاخستانية، بلغ حجم التجارة 6 مليارات دولار في 2021."))
    assert f["attributed_to"] == "Kazakhstan official statistics"


def test_subject_is_the_countries_of_the_clause(run):
    f = one(run("بلغ حجم التجارة بين مصر والصين 15 مليار دولار في 2022."))
    names = set(f["subject"])
    assert len(names) == 2 and all(isinstance(i, str) for i in names)


def test_bilateral_trade_without_names_takes_the_principal_parties(run):
    text = ("زار رئيس قيرغيزستان الصين. وأكد الرئيس القيرغيزي أن قيرغيزستان والصين شريكان.\n"
            "وبلغت التجارة الثنائية 19 مليار دولار في 2023.")
    doc_figures = run(text)
    assert len(one(doc_figures)["subject"]) == 2


def test_evidence_and_value_text_are_exact_spans(run):
    text = "وَبَلَغَتْ الصادرات ٣٫٢ مليار دولار في عام ٢٠٢١."
    f = one(run(text))
    assert text[f["evidence"]["start"]:f["evidence"]["end"]] == f["evidence"]["text"]
    assert f["value_text"] in text and f["value"] == 3_200_000_000


def test_a_baseline_year_dates_only_the_number_it_compares(run):
    f = run("بلغت الصادرات 12 مليار دولار في عام 2021، مقابل 9 مليارات دولار في العام السابق، بزيادة 33 في المائة.")
    assert [x["period"] for x in f] == ["2021", "2020", "2021"]


def test_a_level_compared_with_is_not_the_period_of_the_next_sentence(run):
    f = run("ارتفعت التجارة خلال عام 2019 إلى 5 مليارات دولار، أي ثلاثة أضعاف مستواها في عام 2010.\n"
            "وبلغت الصادرات منها 3 مليارات دولار.")
    assert f[-1]["period"] == "2019"


def test_same_period_after_a_baseline_is_the_statement_period(run):
    f = run("زار البلاد 40 ألف سائح خلال الشهرين الأولين من العام الجاري، بزيادة 20% مقارنة بالفترة ذاتها "
            "من العام الماضي، فيما دخل 30 ألف سائح عبر المطارات خلال الفترة نفسها.")
    assert [x["period"] for x in f] == ["2024-01/2024-02"] * 3


def test_the_same_data_are_the_source_named_before_and_its_period(run):
    f = run("وفقا للجمارك الصينية، بلغت صادرات الصين إلى مصر 15 مليار دولار في عام 2022.\n"
            "وبحسب أرقام الحكومة المصرية، بلغت الواردات من الصين 9 مليارات دولار في الأشهر العشرة الأولى من عام 2022.\n"
            "وبحسب البيانات الصينية ذاتها، بلغت صادرات الصين إلى المغرب 4 مليارات دولار.")
    assert f[1]["attributed_to"] == "Egypt official statistics"
    assert (f[2]["attributed_to"], f[2]["period"]) == ("General Administration of Customs", "2022")


@pytest.mark.parametrize("text, kind, period", [
    ("ومن المتوقع، بحسب خبراء القطاع، أن تبلغ الصادرات 8 مليارات دولار خلال العام الجاري.", "forecast", "2024"),
    ("تسعى الحكومة فيه إلى أن تنتج الشمس 30 في المائة من الكهرباء بحلول عام 2035.", "target", "2035"),
    ("وأعرب الجانبان عن عزمهما رفعها إلى 9 مليارات دولار بحلول عام 2028.", "target", "2028"),
    ("بلغ حجم الاستثمارات المتراكمة 12 مليار دولار منذ عام 2010.", "cumulative", "2010/2024"),
    ("بحلول نهاية عام 2020 بلغ عدد الشركات المسجلة 300 شركة.", "actual", "2020"),
])
def test_kinds_told_by_the_sentence(run, text, kind, period):
    f = one(run(text))
    assert (f["kind"], f["period"]) == (kind, period)


def test_a_target_without_a_deadline_has_no_period(run):
    f = run("وبلغت التجارة في عام 2022 نحو 6 مليارات دولار، وأكد الوزيران عزمهما رفعها إلى 10 مليارات دولار قريبا.")
    assert [(x["kind"], x["period"]) for x in f] == [("actual", "2022"), ("target", None)]


def test_currently_is_the_month_of_publication(run):
    f = run("وقال الوزير إن التبادل بدأ منذ عام 2012، وإن 350 شركة أجنبية تعمل حاليا في المنطقة الحرة.")
    assert one(f)["period"] == "2024-03"


def test_a_date_in_a_relative_clause_belongs_to_its_noun(run):
    f = run("ويملك المستثمرون مصنعا بطاقة إنتاجية تبلغ 300 ألف طن، الذي افتتح عام 2016 في المنطقة الصناعية.")
    assert one(f)["period"] is None


def test_the_body_announcing_the_statement_is_its_source(run):
    f = run("أعلنت الجمارك الصينية، يوم الاثنين، أن صادرات البلاد إلى مصر بلغت 7 مليارات دولار في عام 2023.")
    assert one(f)["attributed_to"] == "General Administration of Customs"


def test_a_sentence_naming_its_own_source_takes_no_source_from_before(run):
    f = run("وفقا للجمارك الصينية، بلغت التجارة 5 مليارات دولار في 2022. "
            "وبلغ عدد الشركات المسجلة 40 شركة في 2022، بحسب اتحاد المصدرين المحليين.")
    assert [x["attributed_to"] for x in f] == ["General Administration of Customs", None]


def test_a_capacity_or_a_target_is_credited_to_no_statistics(run):
    f = run("وفقا للجمارك الصينية، بلغت الواردات 2 مليار دولار في 2021، ويسعى البلدان إلى رفعها إلى 10 مليارات "
            "دولار بحلول عام 2030. ويضم الميناء رصيفا بطاقة 40 ألف طن.")
    assert [(x["kind"], x["attributed_to"]) for x in f] == [
        ("actual", "General Administration of Customs"), ("target", None), ("actual", None)]


def test_numbers_without_digits(run):
    f = run("وبلغت المبيعات 3 مليارات دولار في عام 2020، أي أكثر من ضعف مستواها في عام 2015. "
            "وحضر الاجتماع خمسة وزراء وممثلو ست منظمات إقليمية، وتبلغ قدرة المحطة 2 غيغاواط.")
    got = [(x["value"], x["unit"]) for x in f]
    assert got == [(3_000_000_000, "USD"), (2, "other"), (5, "other"), (6, "other"), (2000, "MW")]
    assert (f[1]["kind"], f[1]["period"], f[1]["qualifier"]) == ("growth_rate", "2015/2020", "over")


@pytest.mark.parametrize("text, count", [
    ("وتسير الشركة رحلتين أسبوعيا بين العاصمتين.", 1),
    ("بمعدل رحلتين في الأسبوع تشغلهما الشركة.", 1),
    ("وألغت الشركة رحلتين بسبب الطقس.", 0),  # no rate: a dual, not a figure
])
def test_a_dual_with_a_rate_is_a_figure_of_two(run, text, count):
    figures = run(text)
    assert len(figures) == count and all(f["value"] == 2 for f in figures)


def test_weakness_is_not_a_multiplier(run):
    assert run("وأدى ضعف الطلب إلى تراجع الأسعار.") == []


@pytest.mark.parametrize("text, metric", [
    ("ووقع الجانبان عقود تصدير للقمح بقيمة 300 مليون دولار.", "exports"),
    ("وقعت الشركات اتفاقيات استثمارية تبلغ قيمتها 5 مليارات دولار.", "investment"),
    ("أعلنت الحكومة عن مشروع لبناء مطار بقيمة 2 مليار دولار.", "project_value"),
])
def test_the_value_of_a_thing_named_before(run, text, metric):
    assert one(run(text))["metric"] == metric


def test_a_backstory_date_does_not_date_the_next_sentence(run):
    f = run("وكان وزير المالية قد زار الرياض في أكتوبر الماضي لبحث التمويل.\n"
            "وبحسب وزارة الاقتصاد، تبلغ قيمة المشاريع المشتركة نحو 4 مليارات دولار.")
    assert one(f)["period"] is None


@pytest.mark.parametrize("text, source", [
    ("وبحسب تقديرات دولية، بلغ إنتاج القمح 12 مليون طن العام الماضي.", "international estimates"),
    ("ووفقا للبيانات الرسمية، بلغ عدد السياح 300 ألف سائح العام الماضي.", "official statistics"),
    ("وبحسب تقديرات الحكومة المصرية، بلغ إنتاج القمح 9 ملايين طن العام الماضي.", "Egypt official estimates"),
    ("وبحسب بيانات نشرها موقع إخباري محلي متخصص في شؤون السياحة والسفر، بلغ عدد السياح 300 ألف سائح.", None),
])
def test_generic_sources(run, text, source):
    assert one(run(text))["attributed_to"] == source


def test_a_ministers_figures_are_his_ministrys(run):
    f = run("وقال وزير الطاقة الأوزبكي في مؤتمر صحفي إن الاستثمارات في القطاع بلغت 6 مليارات دولار العام الماضي.")
    assert one(f)["attributed_to"] == "Ministry of Energy (Uzbekistan)"


def test_a_count_dated_by_a_relative_day_holds_for_its_month(run):
    f = run("وافتتح المؤتمر أمس بمشاركة ثلاثين وزيرا. ووقع الجانبان في 3 مارس 2024 على 12 اتفاقية.")
    assert [x["period"] for x in f] == ["2024-03", "2024-03-03"]


def test_a_forecast_governs_only_its_own_clause_and_takes_its_deadline(run):
    f = run("ومن المتوقع أن ترتفع الاستثمارات إلى 10 مليارات دولار بحلول عام 2030، "
            "فيما بلغت في الربع الأول من العام الجاري 800 مليون دولار.")
    assert [(x["kind"], x["period"]) for x in f] == [("forecast", "2030"), ("actual", "2024-01/2024-03")]


def test_a_year_after_fi_is_a_year_before_a_counted_noun(run):
    assert run("وتأسست في 2008 منظمة إقليمية للتعاون.") == []


@pytest.mark.parametrize("text, figures", [
    ("لا يوجد أي ضعف في العلاقات، لكن ضعف مستوى التعليم وضعف قيمة العملة يقلقان المستثمرين.", 0),
    ("وقالت الوزيرة إن المبيعات بلغت ضعف ما كانت عليه قبل عامين.", 1),
])
def test_weakness_and_double(run, text, figures):
    assert len(run(text)) == figures


@pytest.mark.parametrize("text", [
    "وقعت الشركة في مارس 2023 عقدا لبناء محطة شمسية بقدرة 300 ميغاواط.",
    "ومن المقرر تشغيل الخط في عام 2026 بعد مد سكة بطول 150 كيلومترا.",
])
def test_a_size_told_as_an_attribute_of_a_thing_has_no_period(run, text):
    f = next(f for f in run(text) if f["unit"] in ("MW", "km"))
    assert f["period"] is None


@pytest.mark.parametrize("text", [
    "ووقعت الحكومتان في أيار 2022 اتفاقا لمد خط أنابيب جديد، الذي تقدر كلفته بنحو 3 مليارات دولار.",
    "وبدأ العام الماضي بناء مصنع للأسمدة في ولاية نوائي، باستثمارات تقدر بنحو 900 مليون دولار.",
    "وافتتحت الشركة عام 2021 مصنعا بكلفة بلغت 40 مليون دولار.",
])
def test_the_price_of_a_project_has_no_period(run, text):
    f = one(run(text))
    assert f["unit"] == "USD" and f["period"] is None


def test_a_rate_a_year_in_a_deal_has_no_period(run):
    f = one(run("ووقعت الشركتان في نيسان 2019 عقدا جديدا، وتنقل بموجبه نحو 4 مليارات متر مكعب من الغاز سنويا."))
    assert f["period"] is None


def test_the_value_of_a_deal_signed_on_a_day_keeps_that_day(run):
    f = one(run("ووقع البلدان في 12 فبراير 2024 اتفاقيات بقيمة 5 مليارات دولار."))
    assert f["period"] == "2024-02-12"


@pytest.mark.parametrize("text", [
    "ويدرس نحو 4 آلاف طالب باكستاني في جامعات البلاد.",
    "وتسير الشركة 20 رحلة أسبوعيا بين العاصمتين.",
    "ويمثل القطن نحو 35% من صادرات البلاد إلى الصين.",
    "حيث يعيش أكثر من 100 ألف كازاخي في الولاية.",
    "وتؤمّن كازاخستان قرابة 15% من واردات أرمينيا من القمح.",
])
def test_a_present_state_without_a_date_holds_for_the_month_of_publication(run, text):
    assert one(run(text))["period"] == "2024-03"


def test_a_rate_after_an_insert_belongs_to_the_clause_the_insert_broke(run):
    f = one(run("وتراجعت الصادرات اليابانية إلى تركمانستان، وغالبيتها معدات صناعية، بنسبة 14.6% خلال عام 2023."))
    assert (f["metric"], f["kind"], f["period"]) == ("export_growth", "growth_rate", "2023")


def test_what_still_holds_is_dated_by_publication(run):
    figs = run("تراجع التبادل بنسبة 38% خلال عام 2023، بينما لا يزال نحو 200 ألف مهاجر يعملون في روسيا.")
    assert [f["period"] for f in figs] == ["2023", "2024-03"]


def test_a_present_state_after_a_plan_is_dated_by_publication(run):
    figs = run("وتعتزم الشركة تسيير 3 رحلات أسبوعية اعتبارا من مايو المقبل، فيما يزور كازاخستان سنويا نحو 12 ألف سائح.")
    assert figs[-1]["period"] == "2024-03"


def test_a_present_estimate_is_an_actual_figure_of_now(run):
    f = one(run("ويُقدَّر عدد الكازاخ من أصل كوري بنحو 100 ألف شخص."))
    assert (f["kind"], f["period"]) == ("actual", "2024-03")


def test_a_present_state_is_not_dated_by_a_later_clauses_time(run):
    f = one(run("ويعيش في البلاد نحو 25 ألف شخص من أصول أرمينية، واحتفل البلدان بذكرى العلاقات قبل عامين."))
    assert f["period"] == "2024-03"


def test_a_present_state_verb_keeps_the_year_its_sentence_gives(run):
    f = one(run("وفي عام 2022 تستحوذ الصين وحدها على أكثر من 60% من هذه التجارة."))
    assert f["period"] == "2022"


@pytest.mark.parametrize("text, period", [
    ("وبلغت الصادرات الباكستانية إلى كازاخستان 92 مليون دولار في السنة المالية 2023-2024.", "2023-07/2024-06"),
    ("وبحسب وزارة التجارة الهندية، بلغ التبادل مع أوزبكستان 700 مليون دولار في السنة المالية 2024-2025.",
     "2024-04/2025-03"),
    ("وارتفعت الصادرات المصرية إلى أوزبكستان لتسجل 58 مليون دولار خلال العام المالي 2023/2024.", "2023-07/2024-06"),
    # a country whose fiscal year is the calendar's: the years as told
    ("وبلغت صادرات كازاخستان 5 مليارات دولار في السنة المالية 2023-2024.", "2023/2024"),
])
def test_a_fiscal_year_runs_from_the_month_its_country_starts_it(run, text, period):
    assert one(run(text))["period"] == period


def test_a_growth_over_a_named_year_is_of_the_year_told_and_so_is_the_next_clause(run):
    figures = run("وبلغ التبادل التجاري 118.6 مليون دولار العام الماضي، بزيادة 21.4 في المئة على عام 2021، "
                  "في حين تقدره الجمارك المنغولية بنحو 145 مليون دولار.", published="2023-10-12")
    assert [f["period"] for f in figures] == ["2022", "2022", "2022"]


@pytest.mark.parametrize("text", [
    "كما تعتزم الملكية الأردنية تسيير رحلتين أسبوعيا بين عمان وألماتي مطلع العام المقبل.",
    "ومن المقرر أن تبدأ طيران الخليج في مارس المقبل تسيير ثلاث رحلات أسبوعية بين المنامة وأستانا.",
])
def test_a_number_a_plan_sets_is_a_target(run, text):
    assert one(run(text))["kind"] == "target"


def test_a_capacity_is_dated_by_its_own_clause():
    f = one(Pipeline()(Doc("t", "بلغت قدرة محطات الرياح في البلاد عام 2023 نحو 1400 ميغاواط.",
                            published="2024-03-10")).figures)
    assert f["period"] == "2023"


def test_a_later_clause_with_its_own_predicate_keeps_its_date(run):
    figures = run("تنشط في البلاد أكثر من 900 شركة تركية، فيما تجاوزت الاستثمارات التركية 2 مليار دولار منذ عام 2010.")
    companies = next(f for f in figures if f["unit"] == "companies")
    assert companies["period"] != "2010/2024"
    assert next(f for f in figures if f["unit"] == "USD")["period"] == "2010/2024"


def test_growth_over_the_previous_year_is_the_statement_year(run):
    figures = run("وبلغ حجم التجارة 6.1 مليار دولار في عام 2023، بارتفاع 7 بالمئة على العام السابق.")
    growth = next(f for f in figures if f["unit"] == "percent")
    assert growth["period"] == "2023"


def test_a_count_of_documents_signed_is_dated_by_the_signing():
    text = ("بحث رئيس الوزراء الكازاخستاني أولجاس بيكتينوف ونظيره القرغيزي في بيشكك يوم الخميس 7 نوفمبر 2024 "
            "سبل تعزيز التعاون.\nوفي ختام المباحثات، وقع الجانبان 12 وثيقة للتعاون.")
    doc = Pipeline()(Doc("t", text, published="2024-11-08"))
    assert one(doc.figures)["period"] == "2024-11-07"
    assert [e["mode"] for e in doc.events if e["type"] == "CONSULT"] == ["talks"]


def test_a_count_of_documents_signed_told_again_takes_the_first_signings_day():
    text = ("وقع الرئيس الكازاخستاني قاسم جومارت توكاييف ونظيره الصيني شي جين بينغ أمس الثلاثاء في أستانا معاهدة للشراكة الاستراتيجية الشاملة.\n"
            "وأجرى الرئيسان مباحثات موسعة تناولت الطاقة والنقل والتعليم.\n"
            "ووقع الوزراء المختصون عقب المباحثات 9 اتفاقيات أخرى في مجالات الزراعة والصحة.")
    doc = Pipeline()(Doc("t", text, published="2024-05-15"))
    assert one(doc.figures)["period"] == "2024-05-14"


def test_a_count_of_documents_not_said_to_be_signed_takes_no_signing_day():
    text = ("وقع الرئيس الكازاخستاني قاسم جومارت توكاييف ونظيره الصيني شي جين بينغ أمس الثلاثاء في أستانا معاهدة للشراكة الاستراتيجية الشاملة.\n"
            "وتدرس الحكومتان 9 اتفاقيات أخرى في مجالات الزراعة والصحة.")
    doc = Pipeline()(Doc("t", text, published="2024-05-15"))
    assert one(doc.figures)["period"] != "2024-05-14"


@pytest.mark.parametrize("text", [
    "وبحسب الأرقام، بلغ حجم التجارة 3 مليارات دولار في 2023.",
    "وقال إن أهم ما ميزها هو الانتقال من لغة البيانات إلى لغة المشاريع، إذ بلغت الاستثمارات 3 مليارات دولار في 2023.",
])
def test_a_phrase_that_names_no_body_is_no_attribution(run, text):
    assert one(run(text))["attributed_to"] is None


def test_a_table_flattened_into_text(run):
    # caption, source and unit lines, then "label: value (change)" rows
    text = ("تبادلت أوزبكستان مع جيرانها سلعا كثيرة خلال العام.\n"
            "جدول 3: الشركاء التجاريون الرئيسيون لأوزبكستان في 2023\n"
            "المصدر: الجمارك الصينية. الأرقام بالمليون دولار، ونسبة التغير بين قوسين.\n"
            "الصين: 1250.5 (+12.4٪). روسيا: 980 (-3٪).\n"
            "وقال محللون إن التبادل سيتسع في العام المقبل.")
    figs = run(text, published="2024-02-10")
    by_value = {f["value"]: f for f in figs}
    china = by_value[1250500000]
    assert (china["unit"], china["metric"], china["period"], china["kind"]) == ("USD", "trade_volume", "2023", "actual")
    assert china["attributed_to"] == "General Administration of Customs"
    assert china["evidence"]["text"].startswith("الصين")
    assert set(china["subject"]) == {"Q148", "Q265"}
    change = by_value[-3]
    assert (change["metric"], change["kind"], change["period"]) == ("trade_growth", "growth_rate", "2023")
    assert by_value[980000000]["subject"][0] == "Q159"


def test_a_colon_in_prose_is_no_table_row(run):
    text = ("جدول أعمال القمة: بحث القادة 3 ملفات.\n"
            "وقال الوزير: 40 شركة صينية تعمل في البلاد.")
    assert all(f["period"] is None and f["attributed_to"] is None for f in run(text, published="2024-02-10"))
    assert not any(f["unit"] == "USD" for f in run(text, published="2024-02-10"))


@pytest.mark.parametrize("text, period", [
    ("وتنشط في أوزبكستان أكثر من 1500 شركة برأسمال صيني.", "2024-02"),
    ("ويعمل في البلاد نحو 300 شركة تركية.", "2024-02"),
    ("وعملت في البلاد 300 شركة تركية.", None),  # a past state is not dated by publication
])
def test_a_present_state_holds_as_of_publication(run, text, period):
    assert one(run(text, published="2024-02-10"))["period"] == period


@pytest.mark.parametrize("text, value, value_max", [
    ("تتراوح الاستثمارات المطلوبة بين 12 و15 مليار دولار.", 12_000_000_000, 15_000_000_000),
    ("بلغ حجم التبادل ما بين 3 و4 مليارات دولار.", 3_000_000_000, 4_000_000_000),
    ("بلغت الصادرات 2,5 مليار دولار.", 2_500_000_000, None),  # a decimal comma
    ("بلغت الصادرات 1,250 مليون دولار.", 1_250_000_000, None),  # a thousands comma
])
def test_ranges_between_two_values_and_decimal_commas(run, text, value, value_max):
    f = one(run(text))
    assert (f["value"], f.get("value_max")) == (value, value_max)


def test_two_years_between_are_no_range_of_values(run):
    f = one(run("زار البلاد بين 2019 و2023 نحو 5 ملايين سائح."))
    assert f["value"] == 5_000_000 and "value_max" not in f


def test_a_body_that_says_the_figure_is_its_source(run):
    f = one(run("قالت وزارة التجارة الكازاخستانية إن التبادل مع الصين بلغ 41 مليار دولار."))
    assert f["attributed_to"] and "Kazakhstan" in f["attributed_to"]
    assert one(run("قال الرئيس إن التبادل مع الصين بلغ 41 مليار دولار."))["attributed_to"] is None


@pytest.mark.parametrize("text, value", [
    ("ارتفعت المبادلات التجارية إلى 4 ملايير دولار.", 4_000_000_000),
    ("تجاوزت الاستثمارات 7,5 ملايير دولار.", 7_500_000_000),
])
def test_maghrebi_plural_of_billion(run, text, value):
    f = one(run(text))
    assert (f["value"], f["unit"]) == (value, "USD")


def test_a_speed_is_not_a_length(run):
    assert not run("تسير القطارات الجديدة بسرعة تبلغ 160 كيلومترا في الساعة.")
    assert not run("يسير القطار بسرعة 120 كم/س.")
    assert one(run("يمتد الطريق على مسافة 300 كيلومتر."))["unit"] == "km"


def test_counted_things_in_number_words(run):
    f = one(run("تضم المحطة الجديدة أربعة مفاعلات صغيرة."))
    assert (f["value"], f["unit"], f["metric"]) == (4, "other", "count_other")


def test_a_second_source_estimating_the_same_measure(run):
    f = run("بلغت التجارة بين الصين ومنغوليا 12 مليار دولار في 2022، وفق أرقام الجمارك الصينية، "
            "في حين تتحدث وكالة الإحصاء المنغولية عن 10.5 مليار دولار.")
    assert [x["attributed_to"] for x in f] == ["General Administration of Customs", "National Statistics Office of Mongolia"]
    f = run("قدرت الجمارك الصينية التجارة مع مصر بـ15 مليار دولار، بينما تقدرها الجمارك المنغولية بـ2 مليار دولار.")
    assert f[1]["attributed_to"] == "Customs General Administration (Mongolia)"


def test_a_growth_set_as_a_goal(run):
    f = one(run("وتستهدف الحكومة رفع الصادرات بنسبة 25٪ بحلول 2028."))
    assert (f["metric"], f["kind"], f["period"]) == ("export_growth", "target", "2028")
    f = one(run("وارتفعت الصادرات بنسبة 25٪ في 2022."))
    assert (f["metric"], f["kind"], f["period"]) == ("export_growth", "growth_rate", "2022")


def test_a_body_before_its_estimating_verb(run):
    f = one(run("وأشار الباحث إلى أن مكتب الإحصاء الاتحادي الألماني يقدر التبادل مع كازاخستان العام الماضي "
                "بنحو 6.1 مليار دولار."))
    assert (f["attributed_to"], f["kind"], f["period"]) == ("Federal Statistical Office of Germany", "actual", "2023")


def test_officials_speak_for_their_body(run):
    f = one(run("قال مسؤولون في الجمارك الصينية اليوم إن الصادرات بلغت 20 مليار دولار في 2023."))
    assert f["attributed_to"] == "General Administration of Customs"


def test_a_ministry_named_without_its_country(run):
    f = one(run("وتبلغ حصة الطاقة المتجددة في كازاخستان نحو 6.4% حاليا، بحسب وزارة الطاقة."))
    assert f["attributed_to"] == "Ministry of Energy (Kazakhstan)"
    f = one(run("وبلغ حجم التجارة بين كازاخستان وتركيا 6 مليارات دولار في 2023، بحسب وزارة التجارة."))
    assert f["attributed_to"] != "Ministry of Trade and Integration (Kazakhstan)"  # whose, of two countries?


def test_trade_of_the_two_with_a_pronoun(run):
    f = one(run("وتستهدف القاهرة وأستانا رفع حجم مبادلاتهما إلى 3 مليارات دولار بحلول 2027."))
    assert (f["metric"], f["kind"]) == ("trade_volume", "target")


@pytest.mark.parametrize("text, value", [
    ("وتمتد المزرعة على نحو 3200 هكتار قرب الحدود.", 3200),
    ("ويبلغ ارتفاع البرج 180 مترا.", 180),
    ("وتضم المحطة أربع وحدات توليد.", 4),
])
def test_areas_heights_and_units_are_counted_figures(run, text, value):
    (fig,) = run(text)
    assert (fig["value"], fig["unit"], fig["metric"]) == (value, "other", "count_other")


def test_a_volume_in_cubic_metres_is_not_a_length(run):
    (fig,) = run("وتنقل الأنابيب 1500 مترا مكعبا من المياه يوميا.")
    assert fig["unit"] == "m3"


def test_the_day_a_report_came_out_is_not_its_period(run):
    text = "وأظهرت بيانات نشرتها وزارة التجارة الكازاخستانية يوم الاثنين أن الصادرات إلى الصين بلغت 15 مليار دولار في عام 2023."
    (fig,) = run(text, "2024-03-10")
    assert fig["period"] == "2023"


def test_not_exceeding_is_at_most(run):
    (fig,) = run("غير أن الواردات لم تتجاوز 2.1 مليار دولار.")
    assert fig["qualifier"] == "up_to"
    (fig,) = run("وتجاوزت الواردات 2.1 مليار دولار.")
    assert fig["qualifier"] == "over"


def test_what_a_shortfall_raised_a_deficit_to_is_no_target(run):
    figs = run("وبلغت الصادرات 3 مليارات دولار، ما رفع العجز التجاري إلى 9 مليارات دولار.")
    assert [f["kind"] for f in figs] == ["actual", "actual"]
    (goal,) = run("وتسعى الحكومة إلى رفع التبادل إلى 10 مليارات دولار.")
    assert goal["kind"] == "target"


def test_while_continues_the_period_before_but_as_for_turns_to_another_matter(run):
    text = "وبلغت تجارة قيرغيزستان مع الصين 20 مليار دولار في عام 2024.\nبينما بلغت التجارة مع أوزبكستان 1.6 مليار دولار."
    assert [f["period"] for f in run(text)] == ["2024", "2024"]
    text = "وبلغت تجارة قيرغيزستان مع الصين 20 مليار دولار في عام 2024.\nأما بالنسبة للاستثمار، فتم تنفيذ مشاريع بقيمة 426 مليون دولار."
    assert [f["period"] for f in run(text)] == ["2024", None]


def test_scaled_values_carry_no_binary_noise(run):
    (fig,) = run("وبلغ حجم التبادل التجاري 8.3 مليار دولار.")
    assert fig["value"] == 8_300_000_000 and isinstance(fig["value"], int)


def test_a_qualifier_with_the_preposition_bi(run):
    (fig,) = run("وتقدر الحكومة حجم التبادل التجاري بنحو 4.2 مليار دولار.")
    assert fig["qualifier"] == "about"


def test_a_body_named_without_its_country_is_the_subjects(run):
    text = "وبلغت التجارة بين الصين وقيرغيزستان 22.7 مليار دولار، بينما تقدرها اللجنة الوطنية للإحصاء بنحو 8.3 مليار دولار."
    figs = run(text)
    assert figs[-1]["attributed_to"] and "Kyrgyz" in figs[-1]["attributed_to"]


def test_a_cue_inside_a_bodys_name_is_no_cue(run):
    text = "وقالت وزارة الاستثمار والصناعة والتجارة الأوزبكية إن قيمة الاتفاقيات الموقعة تبلغ نحو 3 مليارات يورو."
    (fig,) = run(text)
    assert fig["metric"] != "trade_volume"
    (fig,) = run("وتقدر الحكومة الكلفة المتبقية لاستكمال المشروع بنحو 6.4 مليار دولار.")
    assert fig["metric"] == "project_value"


def test_a_round_up_goes_on_under_a_subheading(run):
    text = ("وبلغ حجم التجارة الخارجية لأوزبكستان 65.9 مليار دولار في عام 2024.\n"
            "الشركاء الكبار\n"
            "وحافظت الصين على موقعها الشريك التجاري الأول لأوزبكستان بمبادلات قيمتها 13.1 مليار دولار.")
    assert [f["period"] for f in run(text, "2025-02-20")] == ["2024", "2024"]


def test_a_ranking_runs_on_with_the_year_of_its_first_place(run):
    text = ("بلغ التبادل التجاري مع اليابان 9 مليارات دولار في عام 2023، وجاءت فرنسا بعدها. "
            "وتلتها إيطاليا بمبادلات قدرها 2 مليار دولار. ثم جاءت إسبانيا بمبادلات قدرها 1.5 مليار دولار.")
    assert [f["period"] for f in run(text)] == ["2023", "2023", "2023"]
    # another paragraph, or another measure, does not inherit it
    text = "بلغ التبادل التجاري مع اليابان 9 مليارات دولار في عام 2023.\nثم جاءت إسبانيا بمبادلات قدرها 1.5 مليار دولار."
    assert [f["period"] for f in run(text)] == ["2023", None]
    text = "بلغ التبادل التجاري مع اليابان 9 مليارات دولار في عام 2023. أنشئ المصنع بكلفة 300 مليون دولار."
    assert [f["period"] for f in run(text)][1] is None


def test_a_clause_crediting_its_own_source_is_not_the_same_data(run):
    f = run("وفقا للجمارك الصينية، بلغت صادرات الصين إلى مصر 15 مليار دولار في عام 2022.\n"
            "وبلغت صادراتها إلى كازاخستان 4 مليارات دولار حسب المصدر نفسه، "
            "بينما يقدرها مكتب الإحصاء الكازاخستاني بـ3.5 مليار دولار.")
    assert f[1]["attributed_to"] == "General Administration of Customs"
    assert f[2]["attributed_to"] == "Bureau of National Statistics (Kazakhstan)"


def test_a_since_closing_a_paragraph_is_not_the_next_paragraphs_period(run):
    text = ("وتقيم مصر علاقات دبلوماسية مع كوريا الجنوبية منذ عام 1995.\n"
            "وأعلنت الحكومة عن مشروع لتطوير منجم باستثمارات تبلغ 1.1 مليار دولار.")
    assert run(text)[0]["period"] is None


def test_supplies_of_a_good_are_exports_and_what_a_deal_stipulates_is_a_target(run):
    (f,) = run("وبلغت إمدادات الغاز المصري إلى الأردن 3 مليارات متر مكعب في عام 2023.")
    assert (f["metric"], f["kind"]) == ("exports", "actual")
    (f,) = run("وتنص الاتفاقية على توريد 5 مليارات متر مكعب من الغاز سنويا.")
    assert (f["metric"], f["kind"]) == ("exports", "target")


def test_a_span_to_now_in_a_later_clause_is_that_clauses(run):
    figs = run("ووقع الصندوق اتفاقية قرض بقيمة 50 مليون دولار لتأهيل شبكات المياه، ليرتفع إجمالي ما قدمه "
               "للبلاد منذ 2015 إلى نحو 180 مليون دولار.", "2025-02-10")
    periods = {f["value"]: f["period"] for f in figs}
    assert periods[180_000_000] == "2015/2025"
    assert periods[50_000_000] != "2015/2025"


def test_a_week_told_is_held_as_its_month(run):
    figs = run("وبلغ الطلب على الكهرباء الأسبوع الماضي ذروة قياسية قدرها 52 ألف ميغاواط.", "2025-07-14")
    assert one(figs)["period"] == "2025-07"


@pytest.mark.parametrize("text, value, metric", [
    ("وبلغت صادراتها من الكهرباء نحو 1.4 مليار كيلوواط ساعة في العام الماضي.", 1_400_000_000, "exports"),
    ("ويبلغ الخزان المشترك البالغة سعته 1.75 مليار متر مكعب من المياه.", 1_750_000_000, "capacity"),
    ("ويستورد العراق نحو 50 مليون متر مكعب يوميا من الغاز الإيراني.", 50_000_000, "imports"),
])
def test_energy_and_gas_quantities_take_their_metric_from_the_words_around(run, text, value, metric):
    figure = one(run(text))
    assert (figure["value"], figure["metric"]) == (value, metric)
    assert figure["unit"] in ("other", "m3")


def test_yen_and_a_count_held_at_a_years_end(run):
    figure = one(run("وبلغ حجم التبادل التجاري بين البلدين 10.9 مليار ين في العام الماضي."))
    assert (figure["value"], figure["unit"], figure["metric"]) == (10_900_000_000, "JPY", "trade_volume")
    figs = run("وارتفع عدد الشركات إلى 47 شركة بنهاية مارس الماضي، مقارنة بـ19 شركة في نهاية عام 2022.", "2025-04-21")
    assert {f["value"]: f["period"] for f in figs}[19] == "2022-12"


def test_a_count_of_documents_signed_is_not_dated_by_a_plan_in_the_next_clause(run):
    figs = run("وقع الجانبان 5 وثائق، كما اتفقا على عقد منتدى أعمال مشترك في سبتمبر المقبل.", "2025-05-20")
    assert one(figs)["period"] != "2025-09"
