"""Opening an AFDC export: the CSV download or the API's JSON, as AFDC writes them and as a
spreadsheet program saves them again (another delimiter, UTF-16, Windows-1252 instead of
UTF-8, titles in another case or order). Yields raw records keyed like the API; reading
their cells is records.py's work.
"""

import codecs
import csv
import io
import itertools
import re
from collections.abc import Iterator
from typing import IO

# The CSV's column titles (lower-cased), for the few that are not the API key in words.
_CSV_COLUMNS = {
    "id": "id",
    "zip": "zip",
    "ev level1 evse num": "ev_level1_evse_num",
    "ev level2 evse num": "ev_level2_evse_num",
    "ev dc fast count": "ev_dc_fast_num",
    "ev other info": "ev_other_evse",
}
# What a file needs to be an AFDC export at all: API key -> the CSV's title.
REQUIRED_COLUMNS = {
    "fuel_type_code": "Fuel Type Code",
    "id": "ID",
    "station_name": "Station Name",
    "latitude": "Latitude",
    "longitude": "Longitude",
}


class BadFile(ValueError):
    """A file that is not an AFDC export at all."""


def _as_cp1252(error: UnicodeDecodeError) -> tuple[str, int]:
    """Bytes that are not UTF-8 are most likely Windows-1252: what Excel saves "CSV" in."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    # cp1252 leaves five bytes undefined; Latin-1 reads every byte.
    return "".join(_cp1252_char(byte) for byte in bad), error.end


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return bytes([byte]).decode("latin-1")


CP1252_FALLBACK = "nrel.cp1252_fallback"
codecs.register_error(CP1252_FALLBACK, _as_cp1252)


def read_csv(stream: IO[bytes], titles: dict[str, str] | None = None) -> Iterator[tuple[int, dict]]:
    """Rows of the CSV export, keyed like the API, numbered by the line each starts on.

    `titles`, when given, is filled with each key's column title as the file writes it.
    """
    if hasattr(stream, "peek") and stream.peek(4)[:4] == b"PK\x03\x04":
        raise BadFile(
            "an Excel workbook, not a CSV file: open it in the spreadsheet program, "
            "save it as “CSV (Comma delimited)” and import that file"
        )
    text = io.TextIOWrapper(stream, encoding=_encoding(stream), errors=CP1252_FALLBACK, newline="")
    try:
        first = text.readline()
        reader = csv.reader(itertools.chain([first], text), delimiter=_delimiter(first))
        try:
            header = next(reader, [])
            keys = [_key(title) for title in header]
            missing = [title for key, title in REQUIRED_COLUMNS.items() if key not in keys]
            if missing:
                raise BadFile(f"not an AFDC station export: no column {', '.join(missing)}")
            if titles is not None:
                titles.update(
                    (key, " ".join(title.split())) for key, title in zip(keys, header, strict=True)
                )
            start = reader.line_num + 1
            for cells in reader:
                # Spreadsheets leave empty rows below the data; they are no record.
                if any(cell.strip() for cell in cells):
                    # A short row (trailing empty cells dropped) lacks only those keys.
                    yield start, dict(zip(keys, cells, strict=False))
                start = reader.line_num + 1
        except csv.Error as error:
            raise BadFile(f"line {reader.line_num} cannot be read as CSV: {error}") from None
    finally:
        text.detach()  # the caller's stream stays open: it reports progress from it


def _encoding(stream) -> str:
    head = stream.peek(4)[:4] if hasattr(stream, "peek") else b""
    # "Unicode text" from a spreadsheet is UTF-16 with its byte-order mark.
    return "utf-16" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"


def _delimiter(header_line: str) -> str:
    """The character between the header's titles: "," as AFDC writes, or ";" or a tab."""
    unquoted = re.sub(r'"[^"]*"', "", header_line)
    counts = {delimiter: unquoted.count(delimiter) for delimiter in (",", ";", "\t", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _key(title: str) -> str:
    words = " ".join(title.replace("\ufeff", "").split()).lower()
    return _CSV_COLUMNS.get(words, words.replace(" ", "_"))


def read_json(stream: IO[bytes]) -> Iterator[tuple[int, dict]]:
    """Records of the API's JSON (`{"fuel_stations": [...]}` or a bare list), one at a time."""
    import ijson

    repaired = io.BufferedReader(_Utf8Repaired(stream), buffer_size=1 << 16)
    head = repaired.peek(1 << 16).lstrip()
    if head.startswith(b"["):
        prefix = "item"
    elif b'"fuel_stations"' in head:
        prefix = "fuel_stations.item"
    else:
        raise BadFile('not an AFDC station export: a JSON object without "fuel_stations"')
    number = 0
    try:
        for number, record in enumerate(ijson.items(repaired, prefix, use_float=False), 1):
            if number == 1:
                _check_is_afdc(record)
            yield number, record if isinstance(record, dict) else {}
    except ijson.JSONError as error:
        raise BadFile(f"the JSON is damaged after record {number}: {error}") from None


def _check_is_afdc(record):
    """Stop before anything is written when the records are some other source's."""
    if not isinstance(record, dict):
        raise BadFile("not an AFDC station export: its records are not JSON objects")
    missing = [key for key in REQUIRED_COLUMNS if key not in record]
    if missing:
        raise BadFile(
            "not an AFDC station export: its first record has no "
            f"{', '.join(missing)} (an Open Charge Map or other source's file?)"
        )


class _Utf8Repaired(io.RawIOBase):
    """A byte stream without its BOM, bytes that are not UTF-8 read as Windows-1252.

    The JSON parser would otherwise stop the whole import at the first bad byte.
    """

    def __init__(self, raw):
        self._raw = raw
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")(errors=CP1252_FALLBACK)
        self._pending = b""

    def readable(self):
        return True

    def readinto(self, buffer):
        while not self._pending:
            chunk = self._raw.read(65536)
            self._pending = self._decoder.decode(chunk, final=not chunk).encode()
            if not chunk:
                break
        size = min(len(buffer), len(self._pending))
        buffer[:size], self._pending = self._pending[:size], self._pending[size:]
        return size
