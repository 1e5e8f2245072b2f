import re
from decimal import Decimal

import pytest

from curbside.opportunities import classify
from curbside.opportunities.classify import Salary


@pytest.mark.parametrize(
    ("title", "specialty"),
    [
        ("Hospitalist – Denver, CO", "hospitalist"),
        ("Internal Medicine Hospitalist", "hospitalist"),
        ("Nocturnist", "hospitalist"),
        ("Pediatric Hospitalist", "pediatrics"),
        ("OB/GYN Hospitalist (Laborist)", "obgyn"),
        ("Neurohospitalist", "neurology"),
        ("Telepsychiatrist", "psychiatry"),
        ("Child & Adolescent Psychiatrist", "psychiatry"),
        ("Radiation Oncologist", "radiation_oncology"),
        ("Hematology/Oncology Physician", "oncology"),
        ("Surgical Oncologist", "general_surgery"),
        ("Interventional Cardiologist", "cardiology"),
        ("Cardiothoracic Surgeon", "cardiothoracic_surgery"),
        ("Pulmonary/Critical Care Physician", "critical_care"),
        ("Intensivist", "critical_care"),
        ("Gastroenterologist", "gastroenterology"),
        ("Nephrologist", "nephrology"),
        ("Endocrinologist", "endocrinology"),
        ("Rheumatologist", "rheumatology"),
        ("Infectious Disease Physician", "infectious_disease"),
        ("Geriatrician", "geriatrics"),
        ("Hospice and Palliative Medicine", "palliative_care"),
        ("Emergency Medicine Physician", "emergency_medicine"),
        ("ER Physician", "emergency_medicine"),
        ("Urgent Care Physician", "urgent_care"),
        ("Anesthesiologist", "anesthesiology"),
        ("Interventional Radiologist", "radiology"),
        ("Teleradiology", "radiology"),
        ("Dermatopathologist", "pathology"),
        ("Pathologist", "pathology"),
        ("Mohs Surgeon", "dermatology"),
        ("Neurologist", "neurology"),
        ("Neurosurgeon", "neurosurgery"),
        ("PM&R Physician", "pmr"),
        ("Physiatrist", "pmr"),
        ("Ophthalmologist", "ophthalmology"),
        ("ENT Surgeon", "ent"),
        ("Otolaryngology - Head and Neck Surgery", "ent"),
        ("General Surgeon", "general_surgery"),
        ("Trauma Surgeon", "general_surgery"),
        ("Orthopaedic Surgeon - Sports Medicine", "orthopaedic_surgery"),
        ("Orthopedic Spine Surgeon", "orthopaedic_surgery"),
        ("Family Medicine / Sports Medicine", "sports_medicine"),
        ("Urologist", "urology"),
        ("Vascular Surgeon", "vascular_surgery"),
        ("Plastic and Reconstructive Surgeon", "plastic_surgery"),
        ("OB-GYN", "obgyn"),
        ("Maternal-Fetal Medicine", "obgyn"),
        ("Neonatologist", "neonatology"),
        ("General Pediatrician", "pediatrics"),
        ("Family Medicine with OB", "family_medicine"),
        ("Family Physician", "family_medicine"),
        ("Internist", "internal_medicine"),
        ("Med/Peds Physician", "internal_medicine"),
        ("Primary Care Physician", "primary_care"),
        ("Addiction Medicine Physician", "addiction_medicine"),
        ("Allergist", "allergy_immunology"),
        ("Sleep Medicine", "sleep_medicine"),
        ("Occupational Medicine Physician", "occupational_medicine"),
        ("Interventional Pain Physician", "pain_medicine"),
        ("Software Engineer", ""),
        ("Physician", ""),
    ],
)
def test_the_title_names_the_specialty(title, specialty):
    assert classify.detect_specialty(title) == specialty


def test_every_detected_specialty_is_in_the_vocabulary():
    assert {value for value, _ in classify._SPECIALTY_TABLE} == set(classify.SPECIALTIES)
    assert len(classify.SPECIALTIES) >= 40


def test_without_a_specialty_in_the_title_the_other_texts_decide_in_turn():
    description = (
        "Join our nephrology group. You will round with the nephrology team and admit "
        "patients from the emergency department."
    )

    assert classify.detect_specialty("Physician", "", description) == "nephrology"
    assert classify.detect_specialty("Physician", "29-1229.02 Hospitalists", description) == (
        "hospitalist"
    )
    assert classify.detect_specialty("Cardiologist", "", description) == "cardiology"


@pytest.mark.parametrize(
    ("title", "text", "setting"),
    [
        ("Locum Tenens Hospitalist", "", "locums"),
        ("Telehealth Psychiatrist", "", "telemedicine"),
        ("Physician", "Virtual care from home.", "telemedicine"),
        ("Hospitalist", "Faculty appointment at the University of Colorado.", "academic"),
        (
            "Physician",
            "A federally qualified health center (FQHC) in rural Colorado.",
            "public_health",
        ),
        ("Physician", "Veterans Affairs medical center", "public_health"),
        ("Physician", "This is a hospital-employed position.", "hospital_employed"),
        ("Physician", "Physician-owned private practice, partnership track.", "private_practice"),
        ("Physician", "Join a 12-physician group.", "group"),
        ("Physician", "A multispecialty group practice.", "group"),
        # The title decides before the text; the text's settings are ranked, not counted.
        ("Academic Hospitalist", "Our private practice partners…", "academic"),
        ("Physician", "Great schools and skiing.", ""),
    ],
)
def test_practice_settings_from_the_title_then_the_texts(title, text, setting):
    assert classify.detect_practice_setting(title, text) == setting


@pytest.mark.parametrize(
    ("title", "employment_types", "text", "position_type"),
    [
        ("Cardiology Fellowship", ["FULL_TIME"], "", "fellowship"),
        ("Fellowship-Trained Interventional Cardiologist", ["FULL_TIME"], "", "full_time"),
        ("Assistant Professor of Medicine", ["FULL_TIME"], "", "faculty"),
        ("Locums Anesthesiologist", [], "", "locums"),
        ("Hospitalist (Per Diem)", [], "", "part_time"),
        ("Hospitalist", ["FULL_TIME", "PART_TIME"], "", "full_time"),
        ("Hospitalist", ["PART_TIME"], "", "part_time"),
        ("Hospitalist", ["CONTRACTOR"], "", "locums"),
        ("Hospitalist", ["TEMPORARY"], "", "locums"),
        ("Hospitalist", ["PER_DIEM"], "", "part_time"),
        ("Hospitalist", ["Full-time"], "", "full_time"),
        ("Hospitalist", ["part time"], "", "part_time"),
        ("Hospitalist", ["VOLUNTEER", "OTHER"], "", ""),
        ("Hospitalist", [], "A full-time role with benefits.", "full_time"),
        ("Hospitalist", [], "Locum tenens coverage for the summer.", "locums"),
        # A description's "fellowship-trained" or "faculty" says nothing about the position.
        ("Hospitalist", [], "Fellowship trained; faculty appointment available.", ""),
    ],
)
def test_position_types_from_the_title_then_employment_types_then_the_text(
    title, employment_types, text, position_type
):
    assert classify.detect_position_type(title, employment_types, text) == position_type


@pytest.mark.parametrize(
    ("text", "visa"),
    [
        ("J-1 waiver and H-1B candidates welcome.", "J-1 waiver, H-1B"),
        ("This is a Conrad 30 eligible site.", "J-1 waiver"),
        ("J1 visa waiver position", "J-1 waiver"),
        ("We sponsor H1B visas.", "H-1B"),
        ("Visa sponsorship available.", "Visa sponsorship"),
        ("Sign-on bonus, no call weekends, and J-1 waiver sponsorship.", "J-1 waiver"),
        ("Not a J-1 waiver position, but H-1B sponsorship is available.", "H-1B"),
        ("We are unable to sponsor visas.", ""),
        ("No J-1 or H-1B.", ""),
        ("We cannot sponsor H-1B, J-1 or other visas.", ""),
        ("Visa sponsorship is not available.", ""),
        ("Great schools. Visa: none.", ""),
        ("Must be a US citizen or green card holder.", ""),
    ],
)
def test_visa_sponsorship_is_what_the_listing_offers_not_what_it_refuses(text, visa):
    assert classify.detect_visa(text) == visa


@pytest.mark.parametrize(
    ("text", "visa"),
    [
        ("Yes", "Visa sponsorship"),
        ("J1", "J-1 waiver"),
        ("H-1B and J-1", "J-1 waiver, H-1B"),
        ("TN visa", "Visa sponsorship"),
        ("No", ""),
        ("n/a", ""),
        ("Not sponsored", ""),
        ("", ""),
    ],
)
def test_a_visa_column_takes_what_people_type(text, visa):
    assert classify.normalize_visa(text) == visa


D = Decimal


@pytest.mark.parametrize(
    ("text", "salary"),
    [
        ("$250,000 - $300,000 per year", Salary(D(250000), D(300000), "year", "USD")),
        ("$150/hr", Salary(D(150), D(150), "hour", "USD")),
        ("250K–300K", Salary(D(250000), D(300000), "year", "")),
        ("$250-300K", Salary(D(250000), D(300000), "year", "USD")),
        ("USD 1,800 per day", Salary(D(1800), D(1800), "day", "USD")),
        ("between $200,000 and $250,000", Salary(D(200000), D(250000), "year", "USD")),
        ("Up to $400k", Salary(None, D(400000), "year", "USD")),
        ("From $200/hour", Salary(D(200), None, "hour", "USD")),
        ("$300k+", Salary(D(300000), None, "year", "USD")),
        ("$95.50 hourly", Salary(D("95.50"), D("95.50"), "hour", "USD")),
        ("$20,000 monthly", Salary(D(20000), D(20000), "month", "USD")),
        ("CAD 350,000 annually", Salary(D(350000), D(350000), "year", "CAD")),
        ("100000", Salary(D(100000), D(100000), "year", "")),
        ("$2,500", Salary(D(2500), D(2500), "", "USD")),  # a day's pay or a week's: unknown
        ("$300,000 to $250,000", Salary(D(250000), D(300000), "year", "USD")),
    ],
)
def test_salaries_as_boards_write_them(text, salary):
    assert classify.parse_salary(text) == salary


@pytest.mark.parametrize("text", ["Competitive", "DOE", ""])
def test_a_salary_without_an_amount_is_none(text):
    assert classify.parse_salary(text) is None


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("HOUR", "hour"),
        ("YEAR", "year"),
        ("MONTH", "month"),
        ("WEEK", "week"),
        ("DAY", "day"),
        ("per annum", "year"),
        ("Annual", "year"),
        ("/hr", "hour"),
        ("fortnight", ""),
    ],
)
def test_salary_units_as_schema_org_and_people_write_them(text, unit):
    assert classify.salary_unit(text) == unit


@pytest.mark.parametrize(
    ("text", "amount"),
    [("250,000", D(250000)), ("$250K", D(250000)), ("1.2M", D(1200000)), ("12.50", D("12.50"))],
)
def test_amounts(text, amount):
    assert classify.parse_amount(text) == amount


@pytest.mark.parametrize("text", ["lots", "250000-300000", ""])
def test_what_is_not_one_amount_is_none(text):
    assert classify.parse_amount(text) is None


@pytest.mark.parametrize(
    ("text", "vocabulary", "value"),
    [
        ("full_time", classify.POSITION_TYPES, "full_time"),
        ("Full-time", classify.POSITION_TYPES, "full_time"),
        ("FULL TIME", classify.POSITION_TYPES, "full_time"),
        ("Academic / research", classify.PRACTICE_SETTINGS, "academic"),
        ("OB/GYN", classify.SPECIALTIES, "obgyn"),
        ("Sometimes", classify.POSITION_TYPES, ""),
    ],
)
def test_a_vocabulary_value_or_label_is_recognised_in_any_case(text, vocabulary, value):
    assert classify.normalize_choice(text, vocabulary) == value


def reference_matches(table, prefix, text):
    """The tables as one flat alternation, each entry a named group: slow but plainly right."""
    alternatives = "|".join(f"(?P<g{i}>{pattern})" for i, (_, pattern) in enumerate(table))
    regex = re.compile(rf"\b{prefix}(?:{alternatives})\b")
    return [int(str(match.lastgroup)[1:]) for match in regex.finditer(text.lower())]


SAMPLES = [
    "Pediatric hospitalist and pediatric cardiology; OB/GYN hospitalist, laborist.",
    "Telepsychiatrist, tele-neurology, teleradiology and telemetry unit coverage.",
    "Academic hospital-employed group practice; a 12-physician group, private practice.",
    "Locum tenens, locums and locum coverage in a federally qualified health center (FQHC).",
    "Hematology/Oncology, hem/onc, radiation oncology and surgical oncology at the VA medical "
    "center; community health centers; physician-owned; path to partnership.",
    "Emergency medicine ER physicians, urgent care, ENT (ear, nose & throat), PM&R, PM and R.",
    "Orthopaedic sports medicine; orthopedic spine; neurosurgery; neurological surgeon; "
    "cardiothoracic and cardiac surgery; patients' entry; parent; intent.",
    "Full-time, part time, per diem, PRN, fellowship-trained fellows, assistant professor.",
]


@pytest.mark.parametrize(
    ("table", "prefix"),
    [
        (classify._SPECIALTY_TABLE, "(?:tele-?)?"),
        (classify._SETTING_TABLE, ""),
        (classify._POSITION_TITLE_TABLE, ""),
        (classify._POSITION_TEXT_TABLE, ""),
    ],
)
def test_the_fast_tables_find_exactly_what_a_flat_alternation_finds(table, prefix):
    fast = classify._Table(table, prefix)
    texts = SAMPLES + [pattern.replace("\\", "") for _, pattern in table]

    for text in texts:
        assert fast.matches(text) == reference_matches(table, prefix, text), text
    assert any(fast.matches(text) for text in SAMPLES)
