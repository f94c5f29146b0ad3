"""#21 items 1-2: the corpus in tests/fixtures (made by make_corpus.py) imports with every name
byte for byte right, or with a clear, specific problem."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from communitydesk.io.encoding import UnsureEncodingError, decode_text
from communitydesk.io.errors import TableError
from communitydesk.io.tabular import read_table
from communitydesk.io.vcard import read_vcards
from communitydesk.services.members.importing import read_import_file
from tests.paths import FIXTURES

_spec = importlib.util.spec_from_file_location("make_corpus", FIXTURES / "make_corpus.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)  # type: ignore[union-attr]


def test_the_committed_files_are_what_make_corpus_writes(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(corpus, "HERE", tmp_path)
    corpus.write_all()
    for made in tmp_path.iterdir():
        assert made.read_bytes() == (FIXTURES / made.name).read_bytes(), made.name


@pytest.mark.parametrize("encoding", list(corpus.PEOPLE))
def test_8bit_export_imports_every_name_byte_for_byte(encoding: str) -> None:
    source = read_import_file(FIXTURES / corpus.CSV_FILES[encoding])
    assert source.table.encoding == encoding
    assert source.table.encoding_close == ()
    assert [(p.first_name, p.last_name) for p in source.people] == [
        (first, last) for first, last, _town in corpus.PEOPLE[encoding]]
    assert [r.cells[2] for r in source.table.rows] == [t for _f, _l, t in corpus.PEOPLE[encoding]]


def test_a_file_two_code_pages_read_equally_is_not_guessed_silently() -> None:
    path = FIXTURES / corpus.AMBIGUOUS_FILE
    with pytest.raises(UnsureEncodingError, match=r"cp1252.*--encoding|--encoding.*cp1252") as info:
        read_table(path)
    assert {"cp1252", "cp1257"} <= set(info.value.candidates)
    table = read_table(path, unsure_ok=True)  # the preview: a guess, with the others to choose from
    assert table.encoding in ("cp1252", "cp1257") and table.encoding_close
    assert read_table(path, encoding="cp1252").rows[0].cells == ["Zoë"]


def test_a_chosen_encoding_wins_and_a_wrong_one_is_named() -> None:
    path = FIXTURES / corpus.CSV_FILES["cp1250"]
    assert read_table(path, encoding="cp1252").rows[0].cells[0] == "£ukasz"  # as the user chose
    with pytest.raises(TableError, match="not a text encoding we know"):
        read_table(path, encoding="klingon")
    with pytest.raises(TableError, match=r"is not utf-8 text: byte 0xA3 on line 2"):
        read_table(path, encoding="utf-8")


def test_utf8_and_ascii_are_never_second_guessed() -> None:
    assert decode_text("Łukasz".encode(), name="x") == ("Łukasz", "utf-8")
    assert decode_text(b"Ann,Lee", name="x") == ("Ann,Lee", "utf-8")


def test_cli_import_encoding_option(run_cli) -> None:
    ambiguous = FIXTURES / corpus.AMBIGUOUS_FILE
    result = run_cli("members", "import", str(ambiguous), "--json")
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and "--encoding" in result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    result = run_cli("members", "import", str(ambiguous), "--encoding", "cp1252", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["created"] == 1
    listed = json.loads(run_cli("members", "list", "--json").stdout)
    assert [m["first_name"] for m in listed] == ["Zoë"]
    result = run_cli("members", "import", str(FIXTURES / corpus.CSV_FILES["cp1251"]), "--json")
    assert json.loads(result.stdout)["created"] == 4


def test_android_2_1_vcard_quoted_printable_with_charset_and_soft_breaks() -> None:
    cards = read_vcards((FIXTURES / corpus.ANDROID_FILE).read_text(encoding="ascii"))
    assert [(c["n"]["given"], c["n"]["family"]) for c in cards] == [
        (first, last) for first, last, _phone, _note in corpus.ANDROID_PEOPLE]
    assert cards[0]["fn"] == "Łukasz Wójcik"
    assert cards[0]["note"] == corpus.ANDROID_PEOPLE[0][3]  # "=" line ends joined, CRLF kept as a break
    source = read_import_file(FIXTURES / corpus.ANDROID_FILE)
    assert [(p.first_name, p.last_name) for p in source.people] == [
        (first, last) for first, last, _phone, _note in corpus.ANDROID_PEOPLE]


def test_iphone_3_0_vcard_reads_folded_utf8() -> None:
    source = read_import_file(FIXTURES / corpus.IPHONE_FILE)
    assert [(p.first_name, p.last_name) for p in source.people] == [
        (first, last) for first, last, _phone in corpus.IPHONE_PEOPLE]
    assert {p.notes for p in source.people} == {corpus.IPHONE_NOTE}
