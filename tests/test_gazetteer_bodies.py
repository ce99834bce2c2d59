"""Statistics offices, customs, finance and trade/economy ministries of the
partners, and a few places, facilities and events news about Central Asia
names: each form resolves through the entity stage to the intended entry,
and the generic bare forms ("وزارة المالية", "مجلس الشعب", "ماري") name no
country's body or city on their own."""
import pytest

from marsad import gazetteer as gz
from marsad.doc import Doc
from marsad.pipeline import Pipeline


@pytest.fixture(scope="module")
def gaz():
    return gz.load()


@pytest.fixture(scope="module")
def entities(gaz):
    pipeline = Pipeline(["dateline", "segment", "entities"])

    def run(text):
        doc = pipeline(Doc("t", text))
        assert doc.errors == []
        return [(eid, gaz.entries[eid].en if eid in gaz.entries else None, [m.text for m in e.mentions])
                for eid, e in doc.entities.items()]

    return run


def _resolves(entities, form, name, text=None):
    text = text or f"وقال مسؤول في {form} اليوم إن الأرقام تغيرت."
    found = entities(text)
    assert any(en == name and form in mentions for _, en, mentions in found), found


# Every entry this file covers, by its usual Arabic name (`ar`).
NEW_BODIES = [
    "marsad:jp-ministry-of-finance", "marsad:japan-customs", "marsad:statistics-bureau-of-japan",
    "marsad:kr-ministry-of-economy-and-finance", "marsad:korea-customs-service", "marsad:statistics-korea",
    "marsad:in-ministry-of-finance", "marsad:in-cbic", "marsad:in-national-statistics-office",
    "marsad:pk-ministry-of-finance", "marsad:pakistan-customs",
    "marsad:af-ministry-of-finance", "marsad:af-ministry-of-economy", "marsad:af-customs", "marsad:af-nsia",
    "marsad:az-ministry-of-finance",
    "marsad:ge-ministry-of-finance", "marsad:ge-ministry-of-economy", "marsad:geostat", "marsad:ge-revenue-service",
    "marsad:am-ministry-of-finance", "marsad:am-ministry-of-economy", "marsad:armstat", "marsad:am-state-revenue-committee",
    "marsad:sa-ministry-of-finance",
    "marsad:ae-ministry-of-finance", "marsad:ae-icp",
    "marsad:qa-ministry-of-finance", "marsad:qa-general-authority-of-customs",
    "marsad:kw-ministry-of-finance", "marsad:kw-customs",
    "marsad:om-ministry-of-finance", "marsad:om-ministry-of-economy", "marsad:om-customs",
    "marsad:bh-ministry-of-finance", "marsad:bh-customs", "marsad:bh-iga",
    "marsad:capmas", "marsad:egyptian-customs-authority", "marsad:eg-ministry-of-finance",
    "marsad:eg-ministry-of-trade-and-industry", "marsad:eg-ministry-of-investment-and-foreign-trade",
    "marsad:de-ministry-of-finance", "marsad:de-ministry-for-economic-affairs", "marsad:german-customs",
    "marsad:fr-ministry-of-economy-and-finance", "marsad:fr-customs",
    "marsad:istat", "marsad:it-ministry-of-economy-and-finance", "marsad:it-customs-agency",
    "marsad:ons", "marsad:hm-treasury", "marsad:hmrc", "marsad:uk-department-for-business-and-trade",
    "marsad:us-cbp", "marsad:us-department-of-commerce", "marsad:ustr",
    "marsad:statistics-canada", "marsad:cbsa", "marsad:ca-department-of-finance",
    "marsad:ibge", "marsad:br-ministry-of-finance", "marsad:br-ministry-of-development-industry-trade", "marsad:receita-federal",
    "marsad:bps-indonesia", "marsad:id-ministry-of-finance", "marsad:id-ministry-of-trade", "marsad:id-customs",
    "marsad:dosm", "marsad:my-ministry-of-finance", "marsad:royal-malaysian-customs", "marsad:my-miti",
    "marsad:belstat", "marsad:by-state-customs-committee", "marsad:by-ministry-of-finance", "marsad:by-ministry-of-economy",
    "marsad:by-ministry-of-trade",
    "marsad:ukrstat", "marsad:ua-state-customs-service", "marsad:ua-ministry-of-finance", "marsad:ua-ministry-of-economy",
    "marsad:kg-ministry-of-finance", "marsad:tj-ministry-of-finance", "marsad:tm-ministry-of-finance-and-economy",
    "marsad:ru-ministry-of-finance",
    "marsad:halk-maslahaty", "marsad:tapi-pipeline", "marsad:galkynysh-gas-field", "marsad:kempir-abad-reservoir",
    "marsad:cop29",
]


def test_the_new_entries_exist_with_a_country(gaz):
    missing = [i for i in NEW_BODIES if i not in gaz.entries]
    assert missing == []
    without = [i for i in NEW_BODIES if gaz.entries[i].type == "organization" and not gaz.entries[i].country]
    assert without == []


def test_no_two_entries_share_a_name_of_a_new_entry(gaz):
    new = set(NEW_BODIES)
    shared = []
    for key, (_, forms) in gaz.automaton.items():
        owners = {f.entity_id for f in forms if f.kind == gz.NAME and not f.article_dropped}
        if len(owners) > 1 and owners & new:
            shared.append((key, sorted(owners)))
    assert shared == []


@pytest.mark.parametrize("eid", NEW_BODIES)
def test_the_usual_name_resolves_in_text(gaz, entities, eid):
    entry = gaz.entries[eid]
    _resolves(entities, entry.ar, entry.en)


@pytest.mark.parametrize("form, name", [
    # the forms news uses: nisba, "في <country>", agency/هيئة/مصلحة/إدارة/دائرة/وكالة/مكتب
    ("وزارة المالية اليابانية", "Ministry of Finance (Japan)"),
    ("وزارة المالية في اليابان", "Ministry of Finance (Japan)"),
    ("وزارة الاقتصاد والتجارة والصناعة اليابانية", "Ministry of Economy, Trade and Industry"),
    ("وزارة الاقتصاد اليابانية", "Ministry of Economy, Trade and Industry"),
    ("الجمارك اليابانية", "Japan Customs"),
    ("مكتب الإحصاء في اليابان", "Statistics Bureau of Japan"),
    ("الجمارك الكورية", "Korea Customs Service"),
    ("هيئة الجمارك الكورية", "Korea Customs Service"),
    ("الجمارك في كوريا الجنوبية", "Korea Customs Service"),
    ("وزارة المالية الكورية الجنوبية", "Ministry of Economy and Finance (South Korea)"),
    ("وزارة التجارة الكورية", "Ministry of Trade, Industry and Energy"),
    ("هيئة الإحصاء في كوريا الجنوبية", "Statistics Korea"),
    ("وزارة المالية الهندية", "Ministry of Finance (India)"),
    ("الجمارك الهندية", "Central Board of Indirect Taxes and Customs"),
    ("مكتب الإحصاء الهندي", "National Statistics Office (India)"),
    ("وزارة التجارة الهندية", "Ministry of Commerce and Industry (India)"),
    ("وزارة المالية الباكستانية", "Ministry of Finance (Pakistan)"),
    ("مصلحة الجمارك الباكستانية", "Pakistan Customs"),
    ("وزارة المالية في أفغانستان", "Ministry of Finance (Afghanistan)"),
    ("الجمارك الأفغانية", "Afghanistan Customs Department"),
    ("هيئة الإحصاء الأفغانية", "National Statistics and Information Authority (Afghanistan)"),
    ("وزارة المالية التركية", "Ministry of Treasury and Finance (Turkey)"),
    ("وزارة المالية في تركيا", "Ministry of Treasury and Finance (Turkey)"),
    ("وزارة المالية الأذرية", "Ministry of Finance (Azerbaijan)"),
    ("وزارة الاقتصاد الجورجية", "Ministry of Economy and Sustainable Development (Georgia)"),
    ("الجمارك الجورجية", "Revenue Service (Georgia)"),
    ("هيئة الإحصاء الجورجية", "National Statistics Office of Georgia"),
    ("وزارة الاقتصاد الأرمينية", "Ministry of Economy (Armenia)"),
    ("الجمارك الأرمينية", "State Revenue Committee (Armenia)"),
    ("وزارة المالية الإيرانية", "Ministry of Economic Affairs and Finance (Iran)"),
    ("الهيئة العامة للإحصاء في المملكة", "General Authority for Statistics (Saudi Arabia)"),
    ("الهيئة العامة للإحصاء السعودية", "General Authority for Statistics (Saudi Arabia)"),
    ("الهيئة العامة للإحصاء بالمملكة", "General Authority for Statistics (Saudi Arabia)"),
    ("هيئة الإحصاء السعودية", "General Authority for Statistics (Saudi Arabia)"),
    ("وزارة المالية السعودية", "Ministry of Finance (Saudi Arabia)"),
    ("الجمارك السعودية", "Zakat, Tax and Customs Authority"),
    ("وزارة الاقتصاد السعودية", "Ministry of Economy and Planning (Saudi Arabia)"),
    ("وزارة المالية الإماراتية", "Ministry of Finance (United Arab Emirates)"),
    ("الجمارك الإماراتية", "Federal Authority for Identity, Citizenship, Customs and Port Security"),
    ("وزارة المالية القطرية", "Ministry of Finance (Qatar)"),
    ("الجمارك القطرية", "General Authority of Customs (Qatar)"),
    ("الجمارك الكويتية", "General Administration of Customs (Kuwait)"),
    ("وزارة المالية في الكويت", "Ministry of Finance (Kuwait)"),
    ("وزارة المالية العمانية", "Ministry of Finance (Oman)"),
    ("الجمارك العمانية", "Directorate General of Customs (Oman)"),
    ("وزارة المالية البحرينية", "Ministry of Finance and National Economy (Bahrain)"),
    ("الجمارك البحرينية", "Bahrain Customs Affairs"),
    ("جهاز التعبئة العامة والإحصاء", "CAPMAS"),
    ("الجمارك المصرية", "Egyptian Customs Authority"),
    ("وزارة المالية المصرية", "Ministry of Finance (Egypt)"),
    ("وزارة التجارة المصرية", "Ministry of Trade and Industry (Egypt)"),
    ("وزارة المالية الألمانية", "Federal Ministry of Finance (Germany)"),
    ("وزارة الاقتصاد الألمانية", "Federal Ministry for Economic Affairs and Energy"),
    ("مكتب الإحصاء الاتحادي الألماني", "Federal Statistical Office of Germany"),
    ("وزارة المالية الفرنسية", "Ministry of Economy and Finance (France)"),
    ("وزارة الاقتصاد الفرنسية", "Ministry of Economy and Finance (France)"),
    ("الجمارك الفرنسية", "General Directorate of Customs and Indirect Taxes"),
    ("معهد الإحصاء الإيطالي", "Istat"),
    ("وزارة المالية الإيطالية", "Ministry of Economy and Finance (Italy)"),
    ("الجمارك الإيطالية", "Customs and Monopolies Agency"),
    ("مكتب الإحصاء الوطني البريطاني", "Office for National Statistics"),
    ("وزارة المالية البريطانية", "HM Treasury"),
    ("الجمارك البريطانية", "HM Revenue and Customs"),
    ("وزارة التجارة البريطانية", "Department for Business and Trade"),
    ("الجمارك الأمريكية", "U.S. Customs and Border Protection"),
    ("وزارة التجارة الأميركية", "United States Department of Commerce"),
    ("مكتب الممثل التجاري الأمريكي", "Office of the United States Trade Representative"),
    ("وزارة المالية الأمريكية", "United States Department of the Treasury"),
    ("هيئة الإحصاء الكندية", "Statistics Canada"),
    ("الجمارك الكندية", "Canada Border Services Agency"),
    ("وزارة المالية الكندية", "Department of Finance (Canada)"),
    ("معهد الإحصاء البرازيلي", "Brazilian Institute of Geography and Statistics"),
    ("وزارة المالية البرازيلية", "Ministry of Finance (Brazil)"),
    ("الجمارك البرازيلية", "Federal Revenue of Brazil"),
    ("وزارة التجارة البرازيلية", "Ministry of Development, Industry, Trade and Services"),
    ("هيئة الإحصاء الإندونيسية", "Statistics Indonesia"),
    ("وزارة التجارة الإندونيسية", "Ministry of Trade (Indonesia)"),
    ("الجمارك الإندونيسية", "Directorate General of Customs and Excise (Indonesia)"),
    ("دائرة الإحصاء الماليزية", "Department of Statistics Malaysia"),
    ("الجمارك الماليزية", "Royal Malaysian Customs Department"),
    ("وزارة التجارة الماليزية", "Ministry of Investment, Trade and Industry (Malaysia)"),
    ("لجنة الإحصاء البيلاروسية", "National Statistical Committee of the Republic of Belarus"),
    ("الجمارك البيلاروسية", "State Customs Committee (Belarus)"),
    ("وزارة الاقتصاد البيلاروسية", "Ministry of Economy (Belarus)"),
    ("وزارة التجارة البيلاروسية", "Ministry of Antimonopoly Regulation and Trade (Belarus)"),
    ("هيئة الإحصاء الأوكرانية", "State Statistics Service of Ukraine"),
    ("الجمارك الأوكرانية", "State Customs Service of Ukraine"),
    ("وزارة المالية الأوكرانية", "Ministry of Finance (Ukraine)"),
    ("الجمارك الكازاخستانية", "State Revenue Committee (Kazakhstan)"),
    ("الجمارك في كازاخستان", "State Revenue Committee (Kazakhstan)"),
    ("وزارة المالية الأوزبكية", "Ministry of Economy and Finance (Uzbekistan)"),
    ("وزارة المالية القيرغيزية", "Ministry of Finance (Kyrgyzstan)"),
    ("وزارة التجارة القيرغيزية", "Ministry of Economy and Commerce (Kyrgyzstan)"),
    ("وزارة المالية الطاجيكية", "Ministry of Finance (Tajikistan)"),
    ("وكالة الإحصاء الطاجيكية", "Agency on Statistics under the President of Tajikistan"),
    ("وزارة المالية التركمانية", "Ministry of Finance and Economy (Turkmenistan)"),
    ("وزارة التجارة التركمانية", "Ministry of Trade and Foreign Economic Relations (Turkmenistan)"),
    ("هيئة الإحصاء الصينية", "National Bureau of Statistics of China"),
    ("الجمارك في الصين", "General Administration of Customs"),
    ("وزارة المالية الروسية", "Ministry of Finance (Russia)"),
    ("هيئة الإحصاء في روسيا", "Rosstat"),
    # places, facilities, events and bodies of Central Asia
    ("طاشقند", "Tashkent"), ("طاشكند", "Tashkent"), ("دوشانبه", "Dushanbe"), ("دوشنبه", "Dushanbe"),
    ("خط أنابيب تابي", "Turkmenistan–Afghanistan–Pakistan–India Pipeline"),
    ("خط تابي", "Turkmenistan–Afghanistan–Pakistan–India Pipeline"),
    ("مشروع تابي", "Turkmenistan–Afghanistan–Pakistan–India Pipeline"),
    ("كوب29", "2024 United Nations Climate Change Conference"),
    ("كوب 29", "2024 United Nations Climate Change Conference"),
    ("مؤتمر كوب29", "2024 United Nations Climate Change Conference"),
    ("مؤتمر الأطراف التاسع والعشرين", "2024 United Nations Climate Change Conference"),
    ("غالكينيش", "Galkynysh Gas Field"), ("حقل غالكينيش", "Galkynysh Gas Field"), ("جالكينيش", "Galkynysh Gas Field"),
    ("خزان كمبير آباد", "Kempir-Abad Reservoir"), ("كمبير آباد", "Kempir-Abad Reservoir"),
    ("مبادرة البوابة العالمية", "Global Gateway"), ("استراتيجية البوابة العالمية", "Global Gateway"),
    ("مجلس الشعب التركماني", "Halk Maslahaty"), ("خلق مصلحتي", "Halk Maslahaty"),
    ("مدينة ماري", "Mary, Turkmenistan"), ("ولاية ماري", "Mary Region"),
    # a body listed as "... في <country>" is also named with the country's nisba, agreeing with its head
    ("المكتب الوطني للإحصاء الكازاخي", "Bureau of National Statistics (Kazakhstan)"),
    ("الإدارة المركزية للإحصاء الكويتية", "Central Statistical Bureau (Kuwait)"),
])
def test_form_resolves_in_text(entities, form, name):
    _resolves(entities, form, name)


@pytest.mark.parametrize("text, form, name", [
    # bare forms that are also ordinary words count once the entity is named in full
    ("وقع الطرفان على مشروع خط أنابيب تابي، وسيمر تابي عبر أفغانستان.", "تابي",
     "Turkmenistan–Afghanistan–Pakistan–India Pipeline"),
    ("أطلق الاتحاد الأوروبي مبادرة البوابة العالمية، وتعد البوابة العالمية بديلا.", "البوابة العالمية", "Global Gateway"),
    ("زار الوفد مدينة ماري ثم عاد من ماري إلى عشق آباد.", "ماري", "Mary, Turkmenistan"),
])
def test_ambiguous_form_after_a_full_mention(entities, text, form, name):
    _resolves(entities, form, name, text)


@pytest.mark.parametrize("text", [
    "وقالت وزارة المالية إن العجز انخفض هذا العام.",
    "وأعلنت وزارة الاقتصاد أن النمو تسارع.",
    "وقالت وزارة التجارة إن الصادرات ارتفعت.",
    "وذكرت الجمارك أن الواردات تراجعت.",
    "اجتمع مجلس الشعب أمس لمناقشة الموازنة.",
    "التقت ماري الوزير في الصباح.",
    "قال إنه تابي أن يوقع الاتفاق.",
    "تعد البوابة العالمية للتجارة منصة إلكترونية.",
])
def test_generic_bare_forms_name_no_country_s_body(gaz, entities, text):
    """Bare generic forms are no gazetteer entry on their own: at most a body
    the entity stage builds from the text, belonging to no country."""
    for eid, _, _ in entities(text):
        entry = gaz.entries.get(eid)
        assert entry is None or not entry.country and entry.type not in ("organization", "city", "facility"), (eid, text)
