"""CSV contact files: LinkedIn, Google, Outlook, mapped columns, and the ways they go wrong."""

from datetime import date

import pytest

from curbside.portability.parsers import ColumnMappingNeededError, parse_file
from curbside.portability.records import ImportFileError

LINKEDIN_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing. You will only see email addresses for connections who have allowed it."\n'
    "\n"
)
LINKEDIN = (
    LINKEDIN_PREAMBLE
    + "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    + 'Anita,"Patel, MD",https://www.linkedin.com/in/anitapatel,,Mercy Hospital,'
    + "Interventional Cardiologist,14 Mar 2023\n"
    + "Raj,Patel MD FACS,https://www.linkedin.com/in/rajpatel,raj@example.org,"
    + '"Northwestern Medicine, Chicago",Chief of Surgery,02 Jan 2024\n'
    + "Zoë,Okafor,https://www.linkedin.com/in/zoe,,,,30 Nov 2025\n"
)
# Excel's re-save: Windows-1252, CRLF, every row padded with empty columns, all cells quoted,
# and dates rewritten in Excel's own format.
LINKEDIN_EXCEL = (
    'Notes:,,,,,,,,\r\n"When exporting your connection data, you may notice that some '
    'email addresses are missing.",,,,,,,,\r\n,,,,,,,,\r\n'
    '"First Name","Last Name","URL","Email Address","Company","Position","Connected On",,\r\n'
    '"Anita","Patel, MD","https://www.linkedin.com/in/anitapatel","","Mercy Hospital",'
    '"Interventional Cardiologist","14-Mar-23",,\r\n'
    '"Zoë","Okafor","https://www.linkedin.com/in/zoe","","","","30-Nov-25",,\r\n'
).encode("cp1252")


def test_linkedin_connections_become_contacts_with_credentials_and_connection_dates():
    result = parse_file("Connections.csv", LINKEDIN.encode())

    assert result.format == "linkedin"
    anita, raj, zoe = result.records
    assert (anita.line, anita.first_name, anita.last_name) == (5, "Anita", "Patel")
    assert anita.full_name == "Anita Patel"
    assert anita.credentials == "MD"
    assert anita.emails == ()
    assert anita.urls == ("https://www.linkedin.com/in/anitapatel",)
    assert (anita.organization, anita.title) == ("Mercy Hospital", "Interventional Cardiologist")
    assert anita.connected_on == date(2023, 3, 14)
    assert anita.problems == ()
    assert (raj.last_name, raj.credentials) == ("Patel", "MD, FACS")
    assert raj.emails == ("raj@example.org",)
    assert raj.organization == "Northwestern Medicine, Chicago"
    assert raj.connected_on == date(2024, 1, 2)
    assert (zoe.line, zoe.full_name, zoe.connected_on) == (7, "Zoë Okafor", date(2025, 11, 30))


def test_an_excel_resave_of_connections_reads_the_same_as_the_original():
    result = parse_file("Connections.csv", LINKEDIN_EXCEL)

    assert result.format == "linkedin"
    anita, zoe = result.records
    assert (anita.line, anita.full_name, anita.credentials) == (5, "Anita Patel", "MD")
    assert anita.connected_on == date(2023, 3, 14)
    assert anita.problems == ()
    assert (zoe.full_name, zoe.connected_on) == ("Zoë Okafor", date(2025, 11, 30))
    assert any("Windows-1252" in warning for warning in result.warnings)


def test_an_unreadable_connected_on_date_is_left_out_with_a_warning_naming_the_row():
    data = (
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        b"Ana,Lima,,,,,sometime last spring\n"
    )

    result = parse_file("Connections.csv", data)

    assert result.records[0].connected_on is None
    assert result.records[0].problems == ()
    assert result.warnings == (
        "Row 2: Connected On 'sometime last spring' is not a date that can be read; "
        "it was left out.",
    )


GOOGLE_CURRENT = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Address 1 - Label,Address 1 - Formatted,"
    "Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,"
    "Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,"
    "Website 1 - Label,Website 1 - Value\n"
    'Jane,A.,Roe,,,,Dr.,"MD, FACS",,,Mercy Hospital,Cardiologist,Cardiology,,'
    '"Met at ACC 2023\nlikes echo",,* myContacts ::: Cardiology ::: Chicago,'
    "Home,jane@gmail.com ::: jroe@yahoo.com,* Work,jane.roe@mercy.org,"
    "Mobile,+1 312-555-0100,Work,,1 Main St,Chicago,,IL,60601,USA,Suite 200,"
    "Profile,https://mercy.org/roe\n"
)


def test_google_current_layout_reads_names_credentials_emails_address_and_labels():
    result = parse_file("contacts.csv", GOOGLE_CURRENT.encode())

    assert result.format == "google"
    (jane,) = result.records
    assert (jane.honorific, jane.first_name, jane.middle_name, jane.last_name) == (
        "Dr.",
        "Jane",
        "A.",
        "Roe",
    )
    assert jane.full_name == "Jane A. Roe"
    assert (jane.suffix, jane.credentials) == ("", "MD, FACS")
    # The primary ("* Work") email first, then the two Google wrote into one cell.
    assert jane.emails == ("jane.roe@mercy.org", "jane@gmail.com", "jroe@yahoo.com")
    assert jane.phones == ("+1 312-555-0100",)
    assert (jane.organization, jane.title, jane.department) == (
        "Mercy Hospital",
        "Cardiologist",
        "Cardiology",
    )
    assert (jane.street, jane.city, jane.state, jane.zip_code, jane.country) == (
        "1 Main St\nSuite 200",
        "Chicago",
        "IL",
        "60601",
        "USA",
    )
    assert jane.urls == ("https://mercy.org/roe",)
    assert jane.notes == "Met at ACC 2023\nlikes echo"
    assert jane.tags == ("Cardiology", "Chicago")


OUTLOOK = (
    '"Title","First Name","Middle Name","Last Name","Suffix","Company","Department",'
    '"Job Title","Business Street","Business City","Business State","Business Postal Code",'
    '"Business Country/Region","Home Phone","Mobile Phone","Business Phone","E-mail Address",'
    '"E-mail 2 Address","Notes","Categories","Web Page"\r\n'
    '"Dr.","Sam","","Lee","MD","Lakeside Clinic","Neurology","Neurologist",'
    '"200 Lake Dr","Madison","WI","53703","United States","608-555-0101","608-555-0102",'
    '"608-555-0103","sam.lee@lakeside.org","sam@gmail.com","Residency friend",'
    '"Residency;Neuro","lakeside.org/lee"\r\n'
    '"","Ola","","Berg","","","","","","","","","","","","","ola@example.no","","","",""\r\n'
)


def test_outlook_export_reads_names_companies_and_every_phone_mobile_first():
    result = parse_file("outlook.csv", OUTLOOK.encode())

    assert result.format == "outlook"
    sam, ola = result.records
    assert (sam.line, sam.honorific, sam.full_name, sam.credentials) == (2, "Dr.", "Sam Lee", "MD")
    assert sam.phones == ("608-555-0102", "608-555-0103", "608-555-0101")
    assert sam.emails == ("sam.lee@lakeside.org", "sam@gmail.com")
    assert (sam.organization, sam.department, sam.title) == (
        "Lakeside Clinic",
        "Neurology",
        "Neurologist",
    )
    assert (sam.street, sam.city, sam.state, sam.zip_code, sam.country) == (
        "200 Lake Dr",
        "Madison",
        "WI",
        "53703",
        "United States",
    )
    assert (sam.notes, sam.tags, sam.urls) == (
        "Residency friend",
        ("Residency", "Neuro"),
        ("lakeside.org/lee",),
    )
    assert (ola.line, ola.full_name, ola.emails) == (3, "Ola Berg", ("ola@example.no",))


def test_outlook_export_with_semicolons_as_separators_reads_the_same():
    data = (
        "First Name;Last Name;Company;E-mail Address;Mobile Phone\n"
        "Jörg;Müller;Charité;j.mueller@charite.de;+49 30 555 0100\n"
    ).encode()

    (record,) = parse_file("kontakte.csv", data).records

    assert (record.full_name, record.organization) == ("Jörg Müller", "Charité")
    assert (record.emails, record.phones) == (("j.mueller@charite.de",), ("+49 30 555 0100",))


GENERIC = (
    "Nom complet,Courriel,Téléphone,Hôpital,Groupes,Depuis\n"
    '"Dr. Marie Curie, MD",marie@curie.fr; mc@example.org,+33 1 55 55 01 00,'
    'Institut du Radium,"oncologie, paris",2021-06-01\n'
)
MAPPING = {
    "full_name": "Nom complet",
    "emails": "Courriel",
    "phones": "Téléphone",
    "organization": "Hôpital",
    "tags": "Groupes",
    "connected_on": "Depuis",
}


def test_a_csv_with_a_column_mapping_reads_each_field_from_its_column():
    result = parse_file("export.csv", GENERIC.encode(), mapping=MAPPING)

    assert result.format == "csv"
    (marie,) = result.records
    assert marie.line == 2
    assert (marie.full_name, marie.credentials) == ("Dr. Marie Curie", "MD")
    assert marie.emails == ("marie@curie.fr", "mc@example.org")
    assert marie.phones == ("+33 1 55 55 01 00",)
    assert marie.organization == "Institut du Radium"
    assert marie.tags == ("oncologie", "paris")
    assert marie.connected_on == date(2021, 6, 1)


def test_an_unreadable_mapped_date_is_left_out_with_a_warning_naming_its_column():
    data = GENERIC.encode().replace(b"2021-06-01", b"last June")

    result = parse_file("export.csv", data, mapping=MAPPING)

    assert result.records[0].connected_on is None
    assert result.warnings == (
        "Row 2: Depuis 'last June' is not a date that can be read; it was left out.",
    )


def test_a_mapping_matches_column_names_whatever_their_case_and_spacing():
    mapping = {"full_name": "  nom   COMPLET ", "emails": "courriel"}

    (marie,) = parse_file("export.csv", GENERIC.encode(), mapping=mapping).records

    assert marie.emails == ("marie@curie.fr", "mc@example.org")


def test_unrecognised_columns_without_a_mapping_ask_for_one_and_list_the_headers():
    with pytest.raises(ColumnMappingNeededError) as error:
        parse_file("export.csv", GENERIC.encode())

    message = str(error.value)
    assert "column mapping is needed" in message
    assert "'Nom complet', 'Courriel', 'Téléphone', 'Hôpital'" in message
    assert error.value.headers == [
        "Nom complet",
        "Courriel",
        "Téléphone",
        "Hôpital",
        "Groupes",
        "Depuis",
    ]


def test_a_mapping_naming_a_column_the_file_lacks_says_which():
    with pytest.raises(ColumnMappingNeededError) as error:
        parse_file("export.csv", GENERIC.encode(), mapping={"emails": "E-mail"})

    assert "'E-mail'" in str(error.value)
    assert error.value.headers[0] == "Nom complet"


def test_a_mapping_to_an_unknown_field_is_refused():
    with pytest.raises(ImportFileError, match=r"unknown fields \(npi\)"):
        parse_file("export.csv", GENERIC.encode(), mapping={"npi": "Courriel"})


def test_a_csv_without_a_header_row_says_its_first_row_is_data():
    data = b"Jane,Roe,jane@example.org\nBob,Poe,bob@example.org\n"

    with pytest.raises(ImportFileError, match="has no header row") as error:
        parse_file("contacts.csv", data)

    assert "'jane@example.org'" in str(error.value)
    assert not isinstance(error.value, ColumnMappingNeededError)


def test_a_header_below_other_text_is_reported_as_shifted_with_its_row():
    data = (
        b"Contacts exported 2024-05-01\n\n"
        b"First Name,Last Name,E-mail Address\nJane,Roe,jane@example.org\n"
    )

    with pytest.raises(ImportFileError, match="column headers are on row 3, but row 1"):
        parse_file("contacts.csv", data)


def test_a_row_with_more_values_than_columns_gets_a_problem_naming_its_row():
    data = (
        b"First Name,Last Name,E-mail Address\n"
        b"Jane,Roe,jane@example.org\n"
        b"Bob,Poe,Jr.,bob@example.org\n"
        b"Ann,Lee,ann@example.org,,,\n"
    )

    jane, bob, ann = parse_file("contacts.csv", data).records

    assert jane.problems == ()
    assert bob.problems == (
        "row 3 has more values than the header has columns (4 for 3), so its values may be "
        "shifted: check its commas",
    )
    assert ann.problems == ()  # trailing empty cells are Excel's padding, not values


def test_blank_rows_are_skipped_and_rows_keep_their_spreadsheet_numbers():
    data = b"First Name,Last Name,E-mail Address\n\nJane,Roe,jane@example.org\n,,\nBob,Poe,\n"

    jane, bob = parse_file("contacts.csv", data).records

    assert (jane.line, bob.line) == (3, 5)


def test_a_row_with_nothing_to_identify_a_person_has_a_problem():
    data = b"First Name,Last Name,E-mail Address,Notes\nJane,Roe,,\n,,,just a note\n"

    jane, note = parse_file("contacts.csv", data).records

    assert jane.problems == ()
    assert note.problems == ("it has no name, email, phone or organization",)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_utf16_csv_without_a_bom_is_read(encoding):
    data = "First Name,Last Name,E-mail Address\r\nZoë,Ngô,zoe@example.org\r\n".encode(encoding)

    (record,) = parse_file("contacts.csv", data).records

    assert (record.full_name, record.emails) == ("Zoë Ngô", ("zoe@example.org",))


def test_a_csv_in_windows_1252_is_read_with_a_warning():
    data = "First Name,Last Name,Company\r\nRenée,Dubé,Hôtel-Dieu\r\n".encode("cp1252")

    result = parse_file("contacts.csv", data)

    assert (result.records[0].full_name, result.records[0].organization) == (
        "Renée Dubé",
        "Hôtel-Dieu",
    )
    assert result.warnings == (
        "The file is not UTF-8; it was read as Windows-1252 (as Excel saves it). "
        "Check accented names.",
    )


def test_a_utf8_bom_does_not_hide_the_first_column():
    data = "\ufeffFirst Name,Last Name,E-mail Address\nJane,Roe,jane@example.org\n".encode()

    (record,) = parse_file("contacts.csv", data).records

    assert record.first_name == "Jane"


def test_a_field_too_large_to_be_a_value_is_reported_with_its_row():
    data = b"First Name,Last Name\nJane,Roe\nBob," + b"x" * 200_000 + b"\n"

    with pytest.raises(ImportFileError, match="row 3 cannot be read as CSV"):
        parse_file("contacts.csv", data)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("14 Mar 2023", date(2023, 3, 14)),
        ("14 March 2023", date(2023, 3, 14)),
        ("14-Mar-23", date(2023, 3, 14)),
        ("3/14/2023", date(2023, 3, 14)),
        ("03/14/23, 10:15 AM", date(2023, 3, 14)),
        ("2023-03-14", date(2023, 3, 14)),
        ("2023-03-14T10:15:00Z", date(2023, 3, 14)),
        ("Mar 14, 2023", date(2023, 3, 14)),
        ("Sept 1, 2020", date(2020, 9, 1)),
        ("14.03.2023", date(2023, 3, 14)),
        ("31 Feb 2023", None),
        ("14 Mars 2023", None),
        ("2023-03-14x", None),
    ],
)
def test_connected_on_is_read_in_the_date_formats_exports_and_excel_write(written, expected):
    data = f'First Name,Last Name,Connected On\nAna,Lima,"{written}"\n'.encode()

    (record,) = parse_file("Connections.csv", data).records

    assert record.connected_on == expected
    assert record.problems == ()


def test_warnings_about_rows_stop_after_twenty_with_a_count_of_the_rest():
    rows = "".join(f"Ana{i},Lima,soon\n" for i in range(25))
    data = f"First Name,Last Name,Connected On\n{rows}".encode()

    result = parse_file("Connections.csv", data)

    assert len(result.records) == 25
    assert len(result.warnings) == 21
    assert result.warnings[0].startswith("Row 2: Connected On 'soon'")
    assert result.warnings[-1] == "… and 5 more warnings like these."
