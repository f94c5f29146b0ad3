"""`print …` per the CLI contract: files written, exit codes, one-line errors."""

from __future__ import annotations

from pathlib import Path

from communitydesk.db.engine import Database
from tests.pdf.poppler import flat, page_count, pdfinfo, pdftotext


def test_print_each_meeting_document(run_cli, demo_db: Database, tmp_path: Path) -> None:
    for document, marker in (("sign-in", "Newcomers and guests"), ("agenda", "Matters arising"),
                             ("minutes", "Present ("), ("pack", "Open actions")):
        out = tmp_path / f"{document}.pdf"
        done = run_cli("print", document, "11", "-o", str(out), db=demo_db.sqlite_path)
        assert done.returncode == 0, done.stderr
        pages = page_count(out)
        assert f"written to {out} ({pages} page" in done.stdout
        assert marker in flat(pdftotext(out))


def test_print_register_with_period(run_cli, demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "register.pdf"
    done = run_cli("print", "register", "--from", "2026-01-01", "--to", "2026-03-31",
                   "-o", str(out), db=demo_db.sqlite_path)
    assert done.returncode == 0, done.stderr
    assert pdfinfo(out)["Page size"].startswith("841.89 x 595")
    text = flat(pdftotext(out))
    assert "Attendance register" in text and "4 meetings" in text  # 3 Feb to 19 March


def test_print_errors_are_one_line(run_cli, demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    unknown = run_cli("print", "agenda", "999", "-o", str(out), db=demo_db.sqlite_path)
    assert unknown.returncode == 1
    assert unknown.stderr.strip() == "error: no meeting with id 999"
    assert not out.exists()
    folder = run_cli("print", "pack", "11", "-o", str(tmp_path / "nowhere" / "x.pdf"),
                     db=demo_db.sqlite_path)
    assert folder.returncode == 1 and folder.stderr.startswith("error: -o:")
    bad_date = run_cli("print", "register", "--from", "31/13/2026", "-o", str(out),
                       db=demo_db.sqlite_path)
    assert bad_date.returncode == 1 and "--from" in bad_date.stderr
    assert "Traceback" not in unknown.stderr + folder.stderr + bad_date.stderr
    assert run_cli("print", "sign-in", "11", db=demo_db.sqlite_path).returncode == 2  # -o missing
    assert run_cli("print", "poster", "11", "-o", str(out), db=demo_db.sqlite_path).returncode == 2
