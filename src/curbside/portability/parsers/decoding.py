"""Turn an uploaded file's bytes into something the parsers can read, or refuse it early.

Exporters disagree about encodings: byte-order marks (UTF-8, UTF-16 LE/BE), UTF-16 written
without a BOM, vCard values in the charset named by their CHARSET parameter (Shift_JIS,
ISO-8859-1, Windows-1252), and CSV files saved by Excel in Windows-1252. Binary files (a
photo, a workbook, random bytes) are refused here with a message that says so. Everything
is linear in the size of the file.
"""

from dataclasses import dataclass

from ..records import ImportFileError

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_LE_BOM = b"\xff\xfe"
UTF16_BE_BOM = b"\xfe\xff"

# Bytes that never appear in a text file: C0 controls other than tab, LF, FF and CR.
_TEXT_BYTES = bytes([9, 10, 12, 13, *range(32, 256)])
# How much of the file the sniffers look at; enough to see a pattern, cheap on big files.
_SAMPLE = 64 * 1024

# Charset names as exporters write them (lower case, without '-' and '_') → Python codec.
# A whitelist rather than codecs.lookup(): a hostile file must not pick arbitrary codecs.
CHARSETS = {
    "utf8": "utf-8",
    "usascii": "ascii",
    "ascii": "ascii",
    "iso88591": "latin-1",
    "latin1": "latin-1",
    "l1": "latin-1",
    "iso88592": "iso8859-2",
    "iso88595": "iso8859-5",
    "iso88597": "iso8859-7",
    "iso88599": "iso8859-9",
    "iso885915": "iso8859-15",
    "windows1250": "cp1250",
    "windows1251": "cp1251",
    "windows1252": "cp1252",
    "windows1253": "cp1253",
    "windows1254": "cp1254",
    "windows1257": "cp1257",
    "cp1250": "cp1250",
    "cp1251": "cp1251",
    "cp1252": "cp1252",
    "koi8r": "koi8-r",
    "koi8u": "koi8-u",
    "macintosh": "mac-roman",
    "macroman": "mac-roman",
    # Japanese phones write Shift_JIS but use the Windows (cp932) extensions of it.
    "shiftjis": "cp932",
    "sjis": "cp932",
    "xsjis": "cp932",
    "cp932": "cp932",
    "windows31j": "cp932",
    "eucjp": "euc-jp",
    "iso2022jp": "iso2022-jp",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5",
    "euckr": "euc-kr",
    "ksc56011987": "euc-kr",
    "utf16": "utf-16",
    "utf16le": "utf-16-le",
    "utf16be": "utf-16-be",
}


@dataclass(frozen=True, slots=True)
class Source:
    """The file's bytes with any BOM removed; UTF-16 files are re-encoded as UTF-8."""

    body: bytes
    was_utf16: bool


def not_contacts(name: str, why: str = "") -> ImportFileError:
    detail = f" ({why})" if why else ""
    return ImportFileError(
        f"{name} does not look like a contacts file (vCard or CSV){detail}. "
        "Export your contacts as a vCard (.vcf) or CSV file and upload that."
    )


def _binary_kind(data: bytes) -> str:
    """Name well-known binary formats so that the message can say what was uploaded."""
    if data.startswith(b"PK\x03\x04"):
        return "it is a ZIP archive or an Excel workbook; save the sheet as CSV first"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "it is an Excel or Word file; save the sheet as CSV first"
    if data.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "it is an image"
    if data.startswith(b"%PDF"):
        return "it is a PDF document"
    return ""


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte is NUL, as in mostly-ASCII UTF-16."""
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nuls = sample[0 : pairs * 2 : 2].count(0)
    odd_nuls = sample[1 : pairs * 2 : 2].count(0)
    if odd_nuls >= pairs * 0.3 and even_nuls <= pairs * 0.02:
        return "utf-16-le"
    if even_nuls >= pairs * 0.3 and odd_nuls <= pairs * 0.02:
        return "utf-16-be"
    return None


def _looks_binary(sample: bytes) -> bool:
    controls = len(sample.translate(None, _TEXT_BYTES))
    return controls > max(8, len(sample) // 100)


def sniff(name: str, data: bytes) -> Source:
    """Strip the BOM, decode UTF-16, and refuse what is not text."""
    if not data.strip():
        raise ImportFileError(f"{name} is empty.")
    kind = _binary_kind(data)
    if kind:
        raise not_contacts(name, kind)
    utf16: str | None = None
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    elif data.startswith(UTF16_LE_BOM):
        utf16, data = "utf-16-le", data[2:]
    elif data.startswith(UTF16_BE_BOM):
        utf16, data = "utf-16-be", data[2:]
    else:
        utf16 = _utf16_without_bom(data[:_SAMPLE])
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            raise not_contacts(name, "it is neither UTF-16 text nor UTF-8 text") from None
        data = text.encode("utf-8")
    if b"\x00" in data or _looks_binary(data[:_SAMPLE]):
        raise not_contacts(name, "it holds binary data")
    return Source(body=data, was_utf16=utf16 is not None)


def codec_for(charset: str) -> str | None:
    """The Python codec for a CHARSET parameter, or None when it is not one we accept."""
    key = charset.strip().lower().replace("-", "").replace("_", "")
    return CHARSETS.get(key)


def best_effort(data: bytes) -> str:
    """Decode bytes that are not valid in their stated charset: mostly-UTF-8 or Windows-1252."""
    text = data.decode("utf-8", "replace")
    broken = text.count("\ufffd")
    decoded_fine = sum(1 for char in text if ord(char) > 127) - broken
    if decoded_fine > broken:
        return text
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # Five bytes are undefined in Windows-1252; Latin-1 maps every byte to something.
        return data.decode("latin-1")


def decode_text(data: bytes) -> tuple[str, bool]:
    """Decode a whole text file: UTF-8, else Windows-1252. Returns (text, was_utf8)."""
    try:
        return data.decode("utf-8"), True
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), False
    except UnicodeDecodeError:
        return data.decode("latin-1"), False
