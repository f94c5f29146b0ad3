"""Whatever bytes a person picks, reading them either works or says why (TableError), never crashes."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communitydesk.io.errors import MappingError
from communitydesk.io.member_columns import build_mapping, extract_people
from communitydesk.io.tabular import TableError, parse_table

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Bytes that look a little like each kind of file, so every branch gets exercised.
_PREFIXES = st.sampled_from([b"", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff",
                             b"BEGIN:VCARD\r\n", b"Name,Email\r\n", b"\xd0\xcf\x11\xe0"])


@FUZZ
@given(prefix=_PREFIXES, data=st.binary(max_size=2000))
def test_random_bytes_only_raise_table_error(prefix: bytes, data: bytes) -> None:
    try:
        table = parse_table(prefix + data, name="fuzz.csv")
    except TableError as exc:
        assert "fuzz.csv" in str(exc)
        return
    assert all(len(row.cells) == len(table.headers) for row in table.rows)


_CELL = st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]) | st.sampled_from(
    [",", ";", "\t", '"', "\n", " ", "=", "@", ":"]), max_size=12)


@FUZZ
@given(rows=st.lists(st.lists(_CELL, min_size=1, max_size=5), min_size=1, max_size=8),
       delimiter=st.sampled_from([",", ";", "\t"]), encoding=st.sampled_from(["utf-8", "utf-16"]))
def test_written_tables_read_back_or_refuse(rows: list[list[str]], delimiter: str,
                                            encoding: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    try:
        table = parse_table(buffer.getvalue().encode(encoding), name="fuzz.csv")
    except TableError:
        return
    try:
        mapping = build_mapping(table.headers)
    except MappingError:
        return
    people, problems = extract_people(mapping, table.rows)
    assert len(people) + len(problems) <= len(table.rows)
