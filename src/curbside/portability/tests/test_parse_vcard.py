"""The vCard reader on small hand-written files: syntax, charsets, damage and limits."""

import pytest

from curbside.portability.parsers import parse_file, vcard
from curbside.portability.records import ImportFileError, ParsedContact


def card(*lines: str, version: str = "3.0") -> str:
    return "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD", ""])


def one(data: bytes | str) -> ParsedContact:
    (record,) = parse_file("contacts.vcf", data.encode() if isinstance(data, str) else data).records
    return record


def test_folded_lines_are_joined_whatever_the_line_endings():
    text = card(
        "FN:Jane", " t Roe", "NOTE:first\tpart", "\t and second", "EMAIL:jane@exam", " ple.org"
    )

    for ending in ("\r\n", "\n", "\r\r\n"):
        record = one(text.replace("\r\n", ending))
        assert record.full_name == "Janet Roe"
        assert record.notes == "first\tpart and second"
        assert record.emails == ("jane@example.org",)


def test_quoted_printable_values_with_soft_line_breaks_are_decoded_in_their_charset():
    data = card(
        "N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Dub=E9;Ren=E9e",
        "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=windows-1252:Caf=E9 =96 first line=0D=0A=",
        "second=",
        " line",
        "TEL;CELL:555-0100",
        version="2.1",
    ).encode()

    record = one(data)

    assert (record.first_name, record.last_name) == ("Renée", "Dubé")
    assert record.notes == "Café – first line\nsecond line"
    assert record.phones == ("555-0100",)


def test_a_soft_line_break_before_end_vcard_does_not_swallow_the_end():
    data = card("FN;ENCODING=QUOTED-PRINTABLE:Jane=", version="2.1") + card("FN:Bob Poe")

    jane, bob = parse_file("contacts.vcf", data.encode()).records

    assert (jane.full_name, jane.problems) == ("Jane", ())
    assert bob.full_name == "Bob Poe"


def test_shift_jis_values_are_decoded_as_declared():
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS:" + "安藤;ロイド".encode("shift_jis")
    data += b";;;\r\nTEL:090-0000-0000\r\nEND:VCARD\r\n"

    record = one(data)

    assert (record.last_name, record.first_name, record.full_name) == (
        "安藤",
        "ロイド",
        "ロイド 安藤",
    )


def test_parameters_groups_quotes_and_caret_escapes_do_not_leak_into_values():
    record = one(
        card(
            'FN;X-SORT="Roe:Jane;x";LANGUAGE=en:Jane Roe',
            "item1.EMAIL;type=INTERNET:jane@example.org",
            "item1.X-ABLabel:_$!<Other>!$_",
            "ADR;TYPE=work;LABEL=\"1 Main St^nChicago ^'IL^'\":;;1 Main St;Chicago;IL;60601;USA",
        )
    )

    assert record.full_name == "Jane Roe"
    assert record.emails == ("jane@example.org",)
    assert (record.street, record.city, record.state, record.zip_code, record.country) == (
        "1 Main St",
        "Chicago",
        "IL",
        "60601",
        "USA",
    )


def test_an_unbalanced_quote_in_a_parameter_is_read_literally():
    record = one(card('FN;X-ODD="unclosed:Jane Roe'))

    assert record.full_name == "Jane Roe"


def test_value_escapes_are_undone_including_the_escaped_colon_in_urls():
    record = one(
        card(
            r"FN:Roe\, Jane",
            r"NOTE:line one\nline two\; with \\ a backslash\, and C:\temp",
            r"URL:http\://example.org/roe",
            r"ORG:Smith\; Jones LLP;Cardiology\, Adult",
        )
    )

    assert record.full_name == "Roe, Jane"
    assert record.notes == "line one\nline two; with \\ a backslash, and C:\\temp"
    assert record.urls == ("http://example.org/roe",)
    assert (record.organization, record.department) == ("Smith; Jones LLP", "Cardiology, Adult")


def test_credentials_in_the_n_suffix_and_at_the_end_of_fn_go_to_credentials():
    record = one(card("FN:Jane A. Roe Jr.\\, MD\\, FACS", "N:Roe;Jane;A.;Dr.;Jr.,MD,FACS"))

    assert (record.honorific, record.first_name, record.middle_name) == ("Dr.", "Jane", "A.")
    assert (record.last_name, record.suffix) == ("Roe", "Jr.")
    assert record.credentials == "MD, FACS"
    assert record.full_name == "Jane A. Roe Jr."


def test_a_card_with_only_fn_keeps_it_whole_with_its_credentials_apart():
    record = one(card("FN:Dr. Raj Patel MD FACS", "EMAIL:raj@example.org"))

    assert record.full_name == "Dr. Raj Patel"
    assert record.credentials == "MD, FACS"
    # Splitting a written name into parts is left to the import, after the row is checked.
    assert (record.first_name, record.last_name) == ("", "")


def test_preferred_emails_and_phones_come_first_in_every_vcard_version():
    v21 = one(
        card(
            "TEL;HOME:1",
            "TEL;CELL;PREF:2",
            "EMAIL;INTERNET:a@x.org",
            "EMAIL;PREF:b@x.org",
            version="2.1",
        )
    )
    v30 = one(
        card("TEL;TYPE=home:1", "TEL;TYPE=cell,pref:2", "EMAIL:a@x.org", "EMAIL;TYPE=pref:b@x.org")
    )
    v40 = one(
        card(
            "FN:Jane",
            "TEL;VALUE=uri;PREF=2:tel:+1-555-0101",
            'TEL;VALUE=uri;TYPE="cell,voice";PREF=1:tel:+1-555-0102;ext=7',
            "EMAIL;PREF=3:a@x.org",
            "EMAIL;PREF=1:b@x.org",
            version="4.0",
        )
    )

    assert (v21.phones, v21.emails) == (("2", "1"), ("b@x.org", "a@x.org"))
    assert (v30.phones, v30.emails) == (("2", "1"), ("b@x.org", "a@x.org"))
    assert v40.phones == ("+1-555-0102 ext. 7", "+1-555-0101")
    assert v40.emails == ("b@x.org", "a@x.org")


def test_the_preferred_address_wins_then_the_work_one():
    preferred = one(
        card(
            "FN:A",
            "ADR;TYPE=work:;;1 Work St;Worktown;;;",
            "ADR;TYPE=home,pref:;;2 Home St;Hometown;;;",
        )
    )
    work = one(
        card(
            "FN:A", "ADR;TYPE=home:;;2 Home St;Hometown;;;", "ADR;TYPE=work:;;1 Work St;Worktown;;;"
        )
    )

    assert (preferred.street, preferred.city) == ("2 Home St", "Hometown")
    assert (work.street, work.city) == ("1 Work St", "Worktown")


def test_role_is_the_title_when_there_is_no_title():
    assert one(card("FN:A", "ROLE:Program Director")).title == "Program Director"
    assert one(card("FN:A", "ROLE:Program Director", "TITLE:Professor")).title == "Professor"


def test_categories_become_tags_without_everyones_group():
    record = one(card("FN:A", "CATEGORIES:My Contacts,Cardiology", "CATEGORIES:Chicago,cardiology"))

    assert record.tags == ("Cardiology", "Chicago")


def test_a_card_nested_in_an_agent_is_ignored():
    data = "\r\n".join(
        [
            "BEGIN:VCARD",
            "VERSION:2.1",
            "FN:Jane Roe",
            "AGENT:",
            "BEGIN:VCARD",
            "VERSION:2.1",
            "FN:Assistant Name",
            "TEL:555-0199",
            "END:VCARD",
            "TEL:555-0100",
            "END:VCARD",
            "BEGIN:VCARD",
            "VERSION:3.0",
            r"FN:Bob Poe",
            r"AGENT:BEGIN:VCARD\nFN:Other\nEND:VCARD",
            "END:VCARD",
            "",
        ]
    )

    jane, bob = parse_file("contacts.vcf", data.encode()).records

    assert (jane.full_name, jane.phones, jane.line) == ("Jane Roe", ("555-0100",), 1)
    assert (bob.full_name, bob.line) == ("Bob Poe", 12)


def test_photos_are_skipped_without_decoding_and_counted():
    photo = "PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD"
    data = card("FN:A", photo, " Zm9vYmFy", version="2.1") + card("FN:B", "PHOTO;ENCODING=b:AAAA")

    result = parse_file("contacts.vcf", data.encode())

    assert [r.full_name for r in result.records] == ["A", "B"]
    assert result.warnings == ("2 photos were left out.",)


def test_a_truncated_file_keeps_its_complete_cards_and_marks_the_cut_one():
    data = card("FN:Jane Roe", "EMAIL:jane@example.org") + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Po"

    jane, bob = parse_file("contacts.vcf", data.encode()).records

    assert (jane.full_name, jane.problems) == ("Jane Roe", ())
    assert bob.line == 6
    assert bob.full_name == "Bob Po"
    assert bob.problems == (
        "the file ends in the middle of this card (line 6): END:VCARD is missing, "
        "so the card may be incomplete",
    )


def test_a_file_cut_inside_its_only_card_is_refused():
    with pytest.raises(ImportFileError, match=r"ends in the middle of its only card \(line 1\)"):
        parse_file("contacts.vcf", b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Ro")


def test_a_card_missing_its_end_before_the_next_card_is_marked_and_the_next_is_read():
    data = "BEGIN:VCARD\r\nFN:Jane Roe\r\n" + card("FN:Bob Poe")

    jane, bob = parse_file("contacts.vcf", data.encode()).records

    assert jane.problems == (
        "END:VCARD is missing before the next card begins (line 3); this card may be incomplete",
    )
    assert (bob.full_name, bob.line, bob.problems) == ("Bob Poe", 3, ())


def test_a_card_with_nothing_to_identify_a_person_has_a_problem():
    record = one(card("NOTE:who is this?", "X-CUSTOM:1"))

    assert record.problems == ("it has no name, email, phone or organization",)


def test_a_file_with_no_card_is_refused():
    with pytest.raises(ImportFileError, match="has no complete card"):
        parse_file("contacts.vcf", b"BEGIN:VCARDS\r\nFN:x\r\n")


def test_latin1_bytes_without_a_charset_are_read_as_windows_1252_with_a_warning():
    data = card("N:Müller;Jörg", "FN:Jörg Müller", "ORG:Charité").encode("latin-1")

    result = parse_file("contacts.vcf", data)

    (record,) = result.records
    assert (record.full_name, record.last_name, record.organization) == (
        "Jörg Müller",
        "Müller",
        "Charité",
    )
    assert result.warnings == (
        "3 value(s) were not valid text in their character set and were read as well as "
        "possible (first on line 3): check accented names.",
    )


def test_latin1_bytes_declared_as_utf8_are_read_with_a_warning():
    data = card("FN;CHARSET=UTF-8:Renée Dubé", version="2.1").encode("latin-1")

    result = parse_file("contacts.vcf", data)

    assert result.records[0].full_name == "Renée Dubé"
    assert "first on line 3" in result.warnings[0]


def test_an_unknown_charset_is_named_in_a_warning_and_utf8_is_used():
    result = parse_file("contacts.vcf", card("FN;CHARSET=X-KLINGON:Renée").encode())

    assert result.records[0].full_name == "Renée"
    assert result.warnings == (
        "Line 3 names an unknown character set ('X-KLINGON'); its values were read as UTF-8 "
        "where possible.",
    )


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_utf16_vcards_are_read_with_or_without_a_bom(encoding):
    data = card("FN:Zoë Ngô", "N:Ngô;Zoë", "EMAIL:zoe@example.org").encode(encoding)

    record = one(data)

    assert (record.full_name, record.last_name, record.emails) == (
        "Zoë Ngô",
        "Ngô",
        ("zoe@example.org",),
    )


def test_a_bom_blank_lines_and_lower_case_do_not_hide_a_vcard():
    data = (
        b"\xef\xbb\xbf\r\n\r\n"
        + card("FN:Jane Roe").lower().replace("fn:jane roe", "FN:Jane Roe").encode()
    )

    result = parse_file("export.txt", data)

    assert result.format == "vcard"
    assert result.records[0].full_name == "Jane Roe"


def test_every_record_carries_the_line_of_its_begin():
    data = card("FN:A", "NOTE:folded", " note") + "\r\n\r\n" + card("FN:B")

    a, b = parse_file("contacts.vcf", data.encode()).records

    assert (a.line, b.line) == (1, 9)


def test_a_line_over_the_length_limit_is_left_out_with_a_warning(monkeypatch):
    monkeypatch.setattr(vcard, "MAX_LINE_LENGTH", 100)
    data = card("FN:Jane Roe", "NOTE:" + "x" * 60, " " + "y" * 60, "EMAIL:jane@example.org")

    result = parse_file("contacts.vcf", data.encode())

    (record,) = result.records
    assert (record.notes, record.emails) == ("", ("jane@example.org",))
    assert result.warnings == (
        "1 line(s) longer than 100 characters were left out (first on line 4).",
    )


def test_a_card_with_too_many_lines_keeps_the_first_ones_with_a_warning(monkeypatch):
    monkeypatch.setattr(vcard, "MAX_PROPERTIES", 3)
    data = card("FN:Jane Roe", "EMAIL:a@x.org", "EMAIL:b@x.org", "EMAIL:c@x.org")

    result = parse_file("contacts.vcf", data.encode())

    # VERSION, FN and the first EMAIL are the three kept.
    assert result.records[0].emails == ("a@x.org",)
    assert result.warnings == ("The card on line 1 has more than 3 lines; the rest were left out.",)


def test_a_file_with_too_many_cards_is_refused(monkeypatch):
    monkeypatch.setattr(vcard, "MAX_CARDS", 2)

    with pytest.raises(ImportFileError, match="more than 2 cards"):
        parse_file("contacts.vcf", (card("FN:A") * 3).encode())


def test_email_uris_lose_their_mailto_scheme():
    record = one(card("FN:A", "EMAIL;VALUE=uri:MAILTO:jane@example.org", version="4.0"))

    assert record.emails == ("jane@example.org",)


def test_an_empty_title_gives_way_to_the_role():
    assert one(card("FN:A", "TITLE:", "ROLE:Chief Resident")).title == "Chief Resident"
